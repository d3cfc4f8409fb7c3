/* SPDX-License-Identifier: MIT */
/* Fuzz target: the deep check of guest PASID/CD/GCR3 tables and roots over hostile guest memory. */
#include "fuzz/bind_gen.h"

#define MEM_MAX_PAGES 64u	/* flat guest memory: at most 256 KiB */
#define MAX_WRITES 64u		/* 64-bit stores the input makes into it */
#define SLOW_BUDGET 65536u	/* callback reads served before it starts failing */

/* The slow path: serves any address with a pattern, counts reads, fails past its budget. */
struct slow {
	const uint8_t *pat;
	size_t pat_len;
	unsigned long reads;
	int fail;
};

static int slow_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	struct slow *s = opaque;
	uint8_t *b = buf;

	s->reads++;
	if (write || s->fail || s->reads > SLOW_BUDGET)
		return -EFAULT;
	for (size_t i = 0; i < len; i++)
		b[i] = s->pat_len ? s->pat[(gpa + i) % s->pat_len] : 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_host *h;
	struct fuzz_bind b;
	struct iommufmt_gmem_region rg[2];
	struct iommufmt_gmem gm;
	struct iommufmt_diag d, d0;
	struct slow sl;
	uint8_t *mem, *copy, mode;
	uint64_t gpa;
	size_t len;
	unsigned int nw, pasid_bits;
	int r, r0;

	fuzz_in_init(&in, data, size);
	h = fuzz_gen_host(&in);
	if (!h)
		return 0;
	fuzz_gen_bind(&in, h, &b);

	/* Guest memory: one or two flat regions, a pattern, then 64-bit stores. */
	gpa = fuzz_u64(&in) & ~UINT64_C(0xfff);
	len = (1 + fuzz_u8(&in) % MEM_MAX_PAGES) * 4096;
	if (gpa + len - 1 < gpa)
		gpa -= len;
	mode = fuzz_u8(&in);
	mem = calloc(1, len);
	FUZZ_CHECK(mem != NULL);
	memset(&sl, 0, sizeof(sl));
	sl.pat = fuzz_bytes(&in, fuzz_u8(&in) % 65, &sl.pat_len);
	if (mode & 1)
		for (size_t i = 0; i < len; i++)
			mem[i] = sl.pat_len ? sl.pat[i % sl.pat_len] : 0;
	nw = fuzz_u8(&in) % (MAX_WRITES + 1);
	for (unsigned int i = 0; i < nw; i++) {
		size_t off = (fuzz_u32(&in) % len) & ~(size_t)7;
		uint64_t v = fuzz_u64(&in);

		for (unsigned int k = 0; k < 8; k++)	/* guest tables are little-endian */
			mem[off + k] = (uint8_t)(v >> (8 * k));
	}
	copy = fuzz_exact(mem, len);
	memset(rg, 0, sizeof(rg));
	memset(&gm, 0, sizeof(gm));
	rg[0].gpa = gpa;
	rg[0].size = len;
	rg[0].host = mem;
	rg[0].flags = IOMMUFMT_GMEM_READONLY;	/* a check never writes */
	gm.regions = rg;
	gm.nr_regions = 1;
	if ((mode & 2) && len > 4096) {		/* the same bytes as two adjacent regions */
		rg[1] = rg[0];
		rg[0].size = len / 2 & ~(size_t)4095;
		rg[1].gpa = gpa + rg[0].size;
		rg[1].size = len - rg[0].size;
		rg[1].host = mem + rg[0].size;
		gm.nr_regions = 2;
	}
	if (mode & 4) {
		gm.access = slow_access;
		gm.opaque = &sl;
		sl.fail = (mode & 8) != 0;
	}
	FUZZ_CHECK(iommufmt_gmem_check(&gm, NULL) == 0);

	iommufmt_diag_init(&d0);
	r0 = fuzz_bind_check(h, &b, NULL, &d0);
	iommufmt_diag_init(&d);
	r = fuzz_bind_check(h, &b, &gm, &d);
	FUZZ_CHECK(fuzz_bind_errno_ok(r, 1));
	FUZZ_CHECK(fuzz_diag_agrees(r, &d) && (!r || d.field[0]));
	if (r0) {
		/* the header and payload are checked before any table is read */
		FUZZ_CHECK(r == r0 && d.code == d0.code && sl.reads == 0);
	} else if (r == -EFAULT) {
		FUZZ_CHECK(d.code == IOMMUFMT_DIAG_GUEST_FAULT);
	} else if (r == -EIO) {
		FUZZ_CHECK(d.code == IOMMUFMT_DIAG_BIND_TABLE_ENTRY &&
			   (d.flags & IOMMUFMT_DIAG_FLAGS_INDEX));
	} else {
		FUZZ_CHECK(r == 0);
	}
	/* Bounded work: each table entry read once at most; a failed read ends the check. */
	pasid_bits = b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE && !r0 ? b.pt.pasid_bits : 0;
	FUZZ_CHECK(sl.reads <= SLOW_BUDGET + 1);
	FUZZ_CHECK(sl.reads <= 2 * (UINT64_C(1) << pasid_bits) + 64);
	FUZZ_CHECK(!sl.fail || sl.reads <= 1);
	FUZZ_CHECK(!memcmp(mem, copy, len));

	free(copy);
	free(mem);
	fuzz_bind_free(&b);
	iommufmt_host_free(h);
	return 0;
}
