/* SPDX-License-Identifier: MIT */
/* Fuzz target: nested translation against the two single-stage translations composed by hand. */
#include <errno.h>

#include "fuzz/pt_common.h"

/*
 * Input: two configurations (stage 1 and stage 2, any registered formats),
 * a memory mode byte (fuzz_mem_init(); bit 0: build the tables), a callback
 * seed, root offsets, the addresses to translate, then in built mode the
 * maps and patches, and last raw memory bytes (raw mode: region A, then B).
 *
 * Built mode puts stage 2's tables in the lower half of region A (512 KiB)
 * and maps the IPAs [ipa_base, ipa_base + half) onto the upper half, where
 * stage 1's tables are built (its arena is addressed by IPA); then stage-1
 * and more stage-2 mappings from the input, and patched entries.
 *
 * The reference composes the public single-stage calls as the contract of
 * iommufmt_pgtable_translate_nested() describes: stage 1 walks a view of memory in
 * which every table read is an IPA that iommufmt_pgtable_translate() of stage 2
 * (read access) turns into an address read with iommufmt_gmem_read(); the
 * stage-1 output then goes through stage 2 with the request's access. The
 * library's result must equal it field by field: on success the final
 * address, the smaller page, the permissions both stages grant (plus stage
 * 1's USER/PRIV), stage 1's level, entry and attributes and stage 0; on a
 * fault the stage, the reason, level and entry of the faulting stage and
 * the IPA a stage-2 fault happened on.
 */

#define MAX_ADDRS	12
#define MAX_MAPS	12

struct hand_view {
	const struct iommufmt_pgtable *s2;
	struct fuzz_mem *m;
	bool s2_faulted;
	struct iommufmt_xlate s2_fault;
	uint64_t ipa;
};

/* Stage 1's memory: IPAs through stage 2, then guest memory. */
static int hand_access(void *opaque, __u64 ipa, void *buf, size_t len, int write)
{
	struct hand_view *v = opaque;
	uint8_t *b = buf;

	while (len) {
		struct iommufmt_xlate x;
		uint64_t room;
		size_t n;

		FUZZ_CHECK(iommufmt_pgtable_translate(v->s2, &v->m->gmem, ipa,
					      write ? IOMMUFMT_ACCESS_WRITE : IOMMUFMT_ACCESS_READ,
					      &x) == 0);
		if (x.fault) {
			v->s2_faulted = true;
			v->s2_fault = x;
			v->ipa = ipa;
			return -EFAULT;
		}
		room = x.page_size - (ipa & (x.page_size - 1));
		n = room < len ? (size_t)room : len;
		if (write ? iommufmt_gmem_write(&v->m->gmem, x.pa, b, n) :
			    iommufmt_gmem_read(&v->m->gmem, x.pa, b, n))
			return -EFAULT;
		b += n;
		len -= n;
		ipa += n;
	}
	return 0;
}

/* The nested result the contract describes; false when the callback's budget ran out. */
static bool by_hand(const struct iommufmt_pgtable *s1, const struct iommufmt_pgtable *s2,
		    struct fuzz_mem *m, uint64_t iova, uint32_t access, struct iommufmt_xlate *out)
{
	const uint32_t rwx = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC;
	struct hand_view v = { .s2 = s2, .m = m };
	struct iommufmt_gmem view = { .access = hand_access, .opaque = &v };
	struct iommufmt_xlate x1, x2;

	fuzz_mem_rearm(m);
	FUZZ_CHECK(iommufmt_pgtable_translate(s1, &view, iova, access, &x1) == 0);
	if (m->cb.tripped)
		return false;
	if (x1.fault) {
		if (x1.fault == IOMMUFMT_FAULT_TABLE_READ && v.s2_faulted) {
			*out = v.s2_fault;
			out->iova = iova;
			out->fault_addr = v.ipa;
			out->stage = 2;
		} else {
			*out = x1;
			out->stage = 1;
		}
		return true;
	}
	FUZZ_CHECK(iommufmt_pgtable_translate(s2, &m->gmem, x1.pa, access, &x2) == 0);
	if (m->cb.tripped)
		return false;
	if (x2.fault) {
		*out = x2;
		out->iova = iova;
		out->fault_addr = x1.pa;
		out->stage = 2;
		return true;
	}
	*out = x1;
	out->pa = x2.pa;
	out->page_size = x1.page_size < x2.page_size ? x1.page_size : x2.page_size;
	out->perm = (x1.perm & x2.perm & rwx) | (x1.perm & ~rwx);
	out->stage = 0;
	return true;
}

static void check_one(const struct iommufmt_pgtable *s1, const struct iommufmt_pgtable *s2,
		      struct fuzz_mem *m, uint64_t iova, uint32_t access)
{
	struct iommufmt_xlate lib, lib0, hand;

	memset(&lib, 0x5a, sizeof(lib));
	fuzz_mem_rearm(m);
	FUZZ_CHECK(iommufmt_pgtable_translate_nested(s1, s2, &m->gmem, iova, access, &lib) == 0);
	if (m->cb.tripped)
		return;
	memset(&hand, 0xa5, sizeof(hand));
	if (!by_hand(s1, s2, m, iova, access, &hand))
		return;
	FUZZ_CHECK(fuzz_xlate_equal(&lib, &hand));
	FUZZ_CHECK(lib.iova == iova && lib.stage <= 2 && iommufmt_fault_name(lib.fault));
	FUZZ_CHECK(!lib.fault == !lib.stage);
	if (lib.fault)
		FUZZ_CHECK(!lib.pa && !lib.perm && !lib.attrs);
	else
		FUZZ_CHECK(lib.page_size && !(lib.page_size & (lib.page_size - 1)) &&
			   (lib.pa & (lib.page_size - 1)) == (iova & (lib.page_size - 1)) &&
			   !lib.fault_addr);
	/* more access never turns a fault into a success */
	fuzz_mem_rearm(m);
	FUZZ_CHECK(iommufmt_pgtable_translate_nested(s1, s2, &m->gmem, iova, 0, &lib0) == 0);
	if (!m->cb.tripped && !lib.fault)
		FUZZ_CHECK(!lib0.fault && lib0.pa == lib.pa && lib0.page_size == lib.page_size);
}

struct mapped {
	uint64_t iova, len;
};

/* Stage-2 and stage-1 tables from the builders (see the top of the file). */
static bool build(struct iommufmt_pgtable_cfg *c1, struct iommufmt_pgtable_cfg *c2,
		  struct iommufmt_pgtable *s1, struct iommufmt_pgtable *s2, struct fuzz_mem *m,
		  struct fuzz_in *in, struct mapped *maps, unsigned int *nmaps)
{
	uint64_t half = m->a_size / 2, ipa_base = (uint64_t)(fuzz_u8(in) % 8) << 28;
	struct iommufmt_pgtable_arena a2 = { .gpa = m->a_gpa, .size = half, .host = m->a };
	struct iommufmt_pgtable_arena a1 = { .gpa = ipa_base, .size = half, .host = m->a + half };
	uint8_t n1, n2, npatch;

	if (iommufmt_pgtable_alloc_root(c2, &a2, NULL) || iommufmt_pgtable_prepare(s2, c2, NULL))
		return false;
	if (iommufmt_pgtable_map(s2, &a2, ipa_base, m->a_gpa + half, half,
				 IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER,
				 NULL))
		return false;
	if (iommufmt_pgtable_alloc_root(c1, &a1, NULL) || iommufmt_pgtable_prepare(s1, c1, NULL))
		return false;
	n1 = fuzz_u8(in) % (MAX_MAPS + 1);
	n2 = fuzz_u8(in) % (MAX_MAPS + 1);
	for (unsigned int i = 0; i < n1 + n2; i++) {
		const struct iommufmt_pgtable *pt = i < n1 ? s1 : s2;
		struct iommufmt_pgtable_arena *ar = i < n1 ? &a1 : &a2;
		uint64_t minp = pt->pgsize_bitmap & (~pt->pgsize_bitmap + 1), sz = minp;
		uint8_t how = fuzz_u8(in), prot = fuzz_u8(in);
		uint64_t iova = fuzz_u64(in), pa = fuzz_u64(in), len;

		for (unsigned int k = 0, b = 0; b < 64; b++)
			if (pt->pgsize_bitmap >> b & 1 && k++ == (how >> 4))
				sz = UINT64_C(1) << b;
		len = sz * (1 + (how >> 1 & 3));
		iova &= pt->ias_mask & ~(sz - 1);
		pa &= pt->oas_mask & ~(sz - 1);
		if (how & 1 && i < n1)	/* stage-1 output inside the IPAs stage 2 maps */
			pa = ipa_base + (pa % half & ~(sz - 1));
		if (!iommufmt_pgtable_map(pt, ar, iova, pa, len, prot & IOMMUFMT_ACCESS_ALL, NULL) &&
		    i < n1 && *nmaps < MAX_MAPS)
			maps[(*nmaps)++] = (struct mapped){ iova, len };
	}
	npatch = fuzz_u8(in) % 9;
	for (unsigned int i = 0; i < npatch; i++) {
		uint32_t off = (uint32_t)((fuzz_u32(in) % m->a_size) & ~UINT64_C(7));
		uint64_t v = fuzz_u64(in), cur;

		memcpy(&cur, m->a + off, 8);
		cur = v & 1 ? cur ^ (UINT64_C(1) << (v >> 1) % 64) : v;
		memcpy(m->a + off, &cur, 8);
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	struct iommufmt_pgtable_cfg c1, c2;
	struct iommufmt_pgtable s1, s2;
	struct fuzz_mem m;
	struct mapped maps[MAX_MAPS];
	unsigned int nmaps = 0, naddr;
	uint8_t mode, sel[MAX_ADDRS], acc[MAX_ADDRS];
	uint64_t seed, val[MAX_ADDRS];
	uint16_t r1, r2;
	const uint8_t *rest;
	size_t rlen;
	bool ready;

	fuzz_in_init(&in, data, size);
	fuzz_pt_cfg(&in, &c1);
	fuzz_pt_cfg(&in, &c2);
	mode = fuzz_u8(&in);
	seed = fuzz_u64(&in);
	r1 = fuzz_u16(&in);
	r2 = fuzz_u16(&in);
	naddr = fuzz_u8(&in) % (MAX_ADDRS + 1);
	for (unsigned int i = 0; i < naddr; i++) {
		sel[i] = fuzz_u8(&in);
		val[i] = fuzz_u64(&in);
		acc[i] = fuzz_u8(&in);
	}
	/* built mode: two halves of 256 KiB (three levels of 64 KiB tables) */
	fuzz_mem_init(&m, mode & 1 ? (uint8_t)(mode | 0xb0) : mode, seed);
	if (mode & 1) {
		ready = build(&c1, &c2, &s1, &s2, &m, &in, maps, &nmaps);
	} else {
		c1.root = m.a_gpa + (((uint64_t)r1 << 12) % m.a_size);
		c2.root = m.a_gpa + (((uint64_t)r2 << 12) % m.a_size);
		ready = !iommufmt_pgtable_prepare(&s1, &c1, NULL) &&
			!iommufmt_pgtable_prepare(&s2, &c2, NULL);
	}
	if (!ready)
		goto out;
	rest = fuzz_rest(&in, &rlen);
	if (mode & 1) {
		if (m.b)
			memcpy(m.b, rest, rlen < m.b_size ? rlen : (size_t)m.b_size);
	} else {
		fuzz_mem_fill(&m, rest, rlen);
	}
	for (unsigned int i = 0; i < naddr; i++) {
		uint64_t iova = val[i];

		if (sel[i] & 1 && nmaps) {
			const struct mapped *p = &maps[(val[i] >> 40) % nmaps];

			iova = p->iova + (val[i] & 0xffffffffff) % p->len;
		} else if (sel[i] & 2) {
			iova &= s1.ias_mask;
		}
		check_one(&s1, &s2, &m, iova, acc[i]);
	}
out:
	fuzz_mem_fini(&m);
	return 0;
}
