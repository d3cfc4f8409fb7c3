/* SPDX-License-Identifier: MIT */
/* Fuzz target: generic invalidation entries: batch check and encode, convert between models, iommufd entries. */
#include "fuzz/inval_gen.h"

#define ENTRY_SZ sizeof(struct iommufmt_inv_entry)
#define MAX_ENTRIES 12u
#define ENTRY_LEN_MAX (ENTRY_SZ + 40u)
#define OUT_BYTES (FUZZ_INV_OUT_CMDS * 32u)

/* A batch entry of @len bytes as the library's full struct (copied in: zero-filled, full argsz). */
static void full_entry(const uint8_t *p, size_t len, struct iommufmt_inv_entry *e)
{
	memset(e, 0, sizeof(*e));
	memcpy(e, p, len < sizeof(*e) ? len : sizeof(*e));
	e->argsz = sizeof(*e);
}

/*
 * One batch entry (@len bytes, its argsz = @len) given alone, from an
 * aligned copy as the single-entry API takes it: checked, or with @c
 * encoded into @out. Returns the result.
 */
static int entry_alone(const uint8_t *p, size_t len, const struct iommufmt_inv_codec *c,
		       uint8_t *out)
{
	void *e = fuzz_exact(p, len);
	__u32 n = 0;
	int r = c ? iommufmt_inv_encode(c, e, out, OUT_BYTES, &n, NULL, NULL) :
		    iommufmt_inv_entry_check(e, NULL);

	free(e);
	return r;
}

/* entry_num of the caller's batch struct (@barg bytes at @bb); @n if it is too short for it. */
static uint32_t entry_num_of(const void *bb, uint32_t barg, uint32_t n)
{
	if (barg >= offsetof(struct iommufmt_inv_batch, entry_num) + 4)
		memcpy(&n, (const uint8_t *)bb + offsetof(struct iommufmt_inv_batch, entry_num), 4);
	return n;
}

/* Give the caller's batch struct its count again before the next call. */
static void set_entry_num(void *bb, uint32_t barg, uint32_t n)
{
	if (barg >= offsetof(struct iommufmt_inv_batch, entry_num) + 4)
		memcpy((uint8_t *)bb + offsetof(struct iommufmt_inv_batch, entry_num), &n, 4);
}

/*
 * A batch refused for its own arguments (argsz, flags, entry_len, array):
 * one of their errors, and entry_num 0 ("also when an error is returned").
 */
static int refused(int r, const void *bb, uint32_t barg, uint32_t n)
{
	return (r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP) &&
	       (barg < IOMMUFMT_INV_BATCH_SIZE_VER0 || entry_num_of(bb, barg, n) == 0);
}

/* Whether an error is one the entry check or an encoder may return. */
static int emit_errno_ok(int r)
{
	return r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP || r == -EMSGSIZE;
}

/*
 * Encode one entry on @c into a buffer of @room bytes: the result and its
 * commands (each decodes on @c, together they cover the entry and, without
 * a flag, do not exceed it). Returns the error; *n and *ef as returned.
 */
static int encode_one(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		      uint8_t *out, size_t room, __u32 *n, __u32 *ef)
{
	static struct iommufmt_inv_entry y[FUZZ_INV_OUT_CMDS];
	struct iommufmt_diag d;
	int r;

	*n = 0;
	*ef = 0;
	iommufmt_diag_init(&d);
	r = iommufmt_inv_encode(c, e, out, room, n, ef, &d);
	FUZZ_CHECK(emit_errno_ok(r) && fuzz_diag_agrees(r, &d));
	if (r == -EMSGSIZE)
		FUZZ_CHECK(*n * c->cmd_size > room && d.code == IOMMUFMT_DIAG_OUTPUT_SMALL);
	if (r)
		return r;
	FUZZ_CHECK(*n <= FUZZ_INV_OUT_CMDS && *n * c->cmd_size <= room);
	/* every command is one the codec itself accepts (ids within its widths too) */
	fuzz_inv_decode_all(c, out, *n, y);
	if (e->op == IOMMUFMT_INV_OP_SYNC && c->cfg.model == IOMMUFMT_MODEL_S390) {
		FUZZ_CHECK(*n == 0);	/* RPCIT is synchronous: a wait needs no command */
		return 0;
	}
	fuzz_inv_print_enc(c, e, out, y, *n);
	FUZZ_CHECK(fuzz_inv_covers(e, y, *n, fuzz_inv_unit(c), *ef & IOMMUFMT_INV_ENC_DROPPED));
	if (!(*ef & IOMMUFMT_INV_ENC_WIDENED))
		FUZZ_CHECK(fuzz_inv_exact(e, y, *n, fuzz_inv_unit(c)));
	return 0;
}

/* Kernel entries for @c's iommufd type: well formed; VT-d ranges cover the entry's IOTLB part. */
static void check_kernel(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			 const uint8_t *out, __u32 n, __u32 ef)
{
	static struct iommufmt_inv_entry y[FUZZ_INV_OUT_CMDS];

	if (c->cfg.model == IOMMUFMT_MODEL_INTEL) {
		for (__u32 i = 0; i < n; i++) {
			struct iommufmt_iommufd_vtd_s1_inv k;

			memcpy(&k, out + i * sizeof(k), sizeof(k));
			FUZZ_CHECK(!(k.addr & 0xfff) && k.npages && !k.__reserved);
			FUZZ_CHECK(!(k.flags & ~IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF));
			/* as an IOTLB entry of the HWPT's (untagged) address space */
			memset(&y[i], 0, sizeof(y[i]));
			y[i].caches = IOMMUFMT_INV_CACHE_IOTLB;
			if (k.flags & IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF)
				y[i].flags = IOMMUFMT_INV_F_LEAF;
			if (!(k.addr == 0 && k.npages == ~UINT64_C(0))) {
				FUZZ_CHECK(k.npages <= (~k.addr >> 12) + 1);	/* does not pass 2^64 */
				y[i].granularity = IOMMUFMT_INV_GRAN_ADDR;
				y[i].granule = 12;
				y[i].addr = k.addr;
				y[i].nr_granules = k.npages;
			}
		}
		if (e->op == IOMMUFMT_INV_OP_INVALIDATE && (e->caches & IOMMUFMT_INV_CACHE_IOTLB) &&
		    !(e->flags & IOMMUFMT_INV_F_STAGE2)) {
			struct iommufmt_inv_entry x = *e;

			/* the kernel entry carries no ids: the HWPT is the address space */
			x.caches = IOMMUFMT_INV_CACHE_IOTLB;
			FUZZ_CHECK(fuzz_inv_covers(&x, y, n, 12, 0));
		}
		return;
	}
	/* SMMU: raw commands of the host codec, on the kernel's allow-list */
	for (__u32 i = 0; i < n; i++) {
		static const char *const allowed[] = {
			"TLBI_NSNH_ALL", "TLBI_NH_ALL", "TLBI_NH_ASID", "TLBI_NH_VA", "TLBI_NH_VAA",
			"ATC_INV", "CFGI_CD", "CFGI_CD_ALL",
		};
		const char *name = iommufmt_inv_cmd_name(c, out + 16 * i, 16);
		int ok = 0;

		for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
			ok |= name && !strcmp(name, allowed[k]);
		FUZZ_CHECK(ok);
	}
	fuzz_inv_decode_all(c, out, n, y);
	if (e->op == IOMMUFMT_INV_OP_INVALIDATE && !(ef & IOMMUFMT_INV_ENC_DROPPED))
		FUZZ_CHECK(fuzz_inv_covers(e, y, n, fuzz_inv_unit(c), 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iommufmt_inv_entry ents[MAX_ENTRIES];
	static uint8_t out[OUT_BYTES], one[OUT_BYTES], want[OUT_BYTES];
	struct iommufmt_inv_codec c, to;
	struct iommufmt_inv_batch b;
	struct iommufmt_diag d;
	struct fuzz_in in;
	uint8_t mode, *arr;
	const uint8_t *p;
	struct iommufmt_inv_entry full;
	uint32_t n, entry_len, barg, bad, kernel, elen, handled_want;
	size_t arr_len, len, out_len, used, want_used;
	int rc[MAX_ENTRIES], r, early, want_r, have_to;
	__u32 nc, ef, all;
	void *bb;

	fuzz_in_init(&in, data, size);
	if (!fuzz_gen_codec(&in, &c))
		return 0;
	mode = fuzz_u8(&in);
	n = fuzz_u8(&in) % (MAX_ENTRIES + 1);
	entry_len = mode & 1 ? fuzz_u8(&in) % (ENTRY_LEN_MAX + 1) : ENTRY_SZ;

	/* The entries, entry_len apart, argsz = entry_len (mostly). */
	arr_len = (size_t)n * entry_len;
	arr = fuzz_poisoned(arr_len);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *e = arr + (size_t)i * entry_len;
		size_t k = entry_len < ENTRY_SZ ? entry_len : ENTRY_SZ;

		fuzz_gen_entry(&in, &ents[i]);
		ents[i].argsz = entry_len;
		memcpy(e, &ents[i], k);
		if (entry_len > ENTRY_SZ) {
			memset(e + ENTRY_SZ, 0, entry_len - ENTRY_SZ);
			if (mode & 2) {
				p = fuzz_bytes(&in, entry_len - ENTRY_SZ, &len);
				memcpy(e + ENTRY_SZ, p, len);
			}
		}
		if ((mode & 4) && entry_len >= 4 && fuzz_u8(&in) == 0xff) {
			uint32_t a = fuzz_u8(&in);

			memcpy(e, &a, 4);
		}
		/* what the batch functions must make of it: the single entry's verdict */
		if (entry_len < 4) {
			rc[i] = -EINVAL;
		} else {
			uint32_t a;

			memcpy(&a, e, 4);
			rc[i] = a != entry_len ? -EINVAL : entry_alone(e, entry_len, NULL, NULL);
		}
	}
	for (bad = 0; bad < n && !rc[bad]; bad++)
		;

	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.flags = mode & 16 ? fuzz_u8(&in) : 0;
	b.entry_len = entry_len;
	b.entry_num = n;
	b.entries_uptr = mode & 32 ? 0 : (uintptr_t)arr;
	bb = mode & 8 ? fuzz_versioned(&in, &b, sizeof(b), &barg) : fuzz_exact(&b, sizeof(b));
	if (!(mode & 8))
		barg = sizeof(b);
	early = barg < IOMMUFMT_INV_BATCH_SIZE_VER0 ||
		(barg > sizeof(b) && !iommufmt_is_zero((uint8_t *)bb + sizeof(b), barg - sizeof(b))) ||
		b.flags || (n && (!b.entries_uptr || entry_len < IOMMUFMT_INV_ENTRY_SIZE_VER0));

	/* 1. The batch check: entry_num = the entries before the first bad one. */
	iommufmt_diag_init(&d);
	r = iommufmt_inv_batch_check(bb, &d);
	FUZZ_CHECK(fuzz_diag_agrees(r, &d));
	if (early) {
		FUZZ_CHECK(refused(r, bb, barg, n));
	} else {
		FUZZ_CHECK(entry_num_of(bb, barg, n) == bad && r == (bad < n ? rc[bad] : 0));
		if (r)
			FUZZ_CHECK((d.flags & IOMMUFMT_DIAG_FLAGS_INDEX) && d.index == bad);
	}

	/* 2. Each entry alone, and the batch: the batch is the entries one after another. */
	out_len = mode & 64 ? fuzz_u16(&in) % OUT_BYTES : OUT_BYTES;
	want_used = 0;
	want_r = 0;
	handled_want = n;
	for (uint32_t i = 0; i < n; i++) {
		full_entry(arr + (size_t)i * entry_len, entry_len, &full);
		if (rc[i]) {
			/* the encoder runs the same check first (on an entry it can read whole) */
			if (entry_len >= 4 && !memcmp(arr + (size_t)i * entry_len, &entry_len, 4))
				FUZZ_CHECK(entry_alone(arr + (size_t)i * entry_len, entry_len, &c,
						       one) == rc[i]);
			r = rc[i];
		} else {
			r = encode_one(&c, &full, one, sizeof(one), &nc, &ef);
			if (!r && nc * c.cmd_size > out_len - want_used)
				r = -EMSGSIZE;
		}
		if (early || want_r)
			continue;
		if (r) {
			want_r = r;
			handled_want = i;
			continue;
		}
		memcpy(want + want_used, one, nc * c.cmd_size);
		want_used += nc * c.cmd_size;
	}
	set_entry_num(bb, barg, n);
	used = 12345;
	all = 0xdead;
	iommufmt_diag_init(&d);
	r = iommufmt_inv_batch_encode(&c, bb, out, out_len, &used, &all, &d);
	FUZZ_CHECK(emit_errno_ok(r) && fuzz_diag_agrees(r, &d));
	if (early) {
		FUZZ_CHECK(refused(r, bb, barg, n) && used == 0);
	} else {
		FUZZ_CHECK(r == want_r && entry_num_of(bb, barg, n) == handled_want);
		FUZZ_CHECK(used == want_used && !memcmp(out, want, used));
		if (r)
			FUZZ_CHECK((d.flags & IOMMUFMT_DIAG_FLAGS_INDEX) && d.index == handled_want);
	}

	/* 3. iommufd entries: per entry, and one ioctl argument for the batch. */
	kernel = c.cfg.model == IOMMUFMT_MODEL_INTEL || c.cfg.model == IOMMUFMT_MODEL_SMMU;
	elen = c.cfg.model == IOMMUFMT_MODEL_INTEL ? 24 : 16;
	want_used = 0;
	want_r = 0;
	handled_want = n;
	for (uint32_t i = 0; i < n; i++) {
		full_entry(arr + (size_t)i * entry_len, entry_len, &full);
		r = rc[i];
		if (!r) {
			nc = 0;
			ef = 0;
			iommufmt_diag_init(&d);
			r = iommufmt_inv_to_iommufd(&c, &full, one, sizeof(one), &nc, &ef, &d);
			FUZZ_CHECK(emit_errno_ok(r) && fuzz_diag_agrees(r, &d));
			if (!kernel)
				FUZZ_CHECK(r == -EOPNOTSUPP && d.code == IOMMUFMT_DIAG_NOT_IMPLEMENTED);
			else if (!r)
				check_kernel(&c, &full, one, nc, ef);
			if (!r && nc * elen > out_len - want_used)
				r = -EMSGSIZE;
		}
		if (early || want_r)
			continue;
		if (r) {
			want_r = r;
			handled_want = i;
			continue;
		}
		memcpy(want + want_used, one, nc * elen);
		want_used += nc * elen;
	}
	if (kernel) {
		struct iommufmt_iommufd_hwpt_invalidate inv;

		memset(&inv, FUZZ_POISON, sizeof(inv));
		inv.hwpt_id = 77;
		set_entry_num(bb, barg, n);
		iommufmt_diag_init(&d);
		r = iommufmt_inv_batch_to_iommufd(&c, bb, &inv, out, out_len, &all, &d);
		FUZZ_CHECK(emit_errno_ok(r) && fuzz_diag_agrees(r, &d));
		if (early) {
			FUZZ_CHECK(refused(r, bb, barg, n));
		} else {
			FUZZ_CHECK(r == want_r && entry_num_of(bb, barg, n) == handled_want);
			FUZZ_CHECK(inv.size == sizeof(inv) && inv.hwpt_id == 77 && !inv.__reserved);
			FUZZ_CHECK(inv.data_uptr == (uintptr_t)out && inv.entry_len == elen);
			FUZZ_CHECK(inv.data_type == (c.cfg.model == IOMMUFMT_MODEL_INTEL ?
						     IOMMUFMT_IOMMUFD_INV_DATA_VTD_S1 :
						     IOMMUFMT_IOMMUFD_INV_DATA_ARM_SMMUV3));
			FUZZ_CHECK((size_t)inv.entry_num * elen == want_used &&
				   !memcmp(out, want, want_used));
		}
	}

	/* 4. Convert a native command of this codec to another model's. */
	have_to = fuzz_gen_codec(&in, &to);
	p = fuzz_bytes(&in, c.cmd_size, &len);
	if (have_to && len == c.cmd_size) {
		struct iommufmt_inv_entry x = { .argsz = sizeof(x) };
		uint8_t *cmd = fuzz_exact(p, len);
		int rd, re;
		__u32 nx = 0, efx = 0;

		rd = iommufmt_inv_decode(&c, cmd, len, &x, NULL);
		re = rd ? rd : encode_one(&to, &x, want, sizeof(want), &nx, &efx);
		out_len = mode & 128 ? fuzz_u16(&in) % OUT_BYTES : OUT_BYTES;
		if (!re && nx * to.cmd_size > out_len)
			re = -EMSGSIZE;
		nc = 0xdead;
		ef = 0xdead;
		iommufmt_diag_init(&d);
		r = iommufmt_inv_convert(&c, &to, cmd, len, out, out_len, &nc, &ef, &d);
		FUZZ_CHECK(r == re && fuzz_diag_agrees(r, &d));
		if (!r || r == -EMSGSIZE)
			FUZZ_CHECK(nc == nx);
		if (!r)
			FUZZ_CHECK(ef == efx && !memcmp(out, want, nx * to.cmd_size));
		free(cmd);
	}
	free(bb);
	free(arr);
	return 0;
}
