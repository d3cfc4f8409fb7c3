/* SPDX-License-Identifier: MIT */
/* Tests of the amd-v1 format: naive reference walker, skipped levels, size-encoded pages, hostile tables. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/pgtable-harness.h"

#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define X IOMMUFMT_ACCESS_EXEC

/* ---- the reference: AMD-Vi host page tables, from the layout, one bit at a time ---- */

static void ref_amd(const struct iommufmt_pgtable_cfg *cfg, const struct iommufmt_gmem *gmem,
		    uint64_t iova, uint32_t access, struct iommufmt_xlate *o)
{
	int levels = (int)cfg->levels, oas = (int)cfg->oas, lvl = levels, ir = 1, iw = 1;
	int width = levels == 6 ? 64 : 12 + 9 * levels;
	uint64_t table = cfg->root;

	memset(o, 0, sizeof(*o));
	o->iova = iova;
	if (width < 64 && ref_any(iova, width, 63)) {
		harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, levels, 0);
		return;
	}
	for (int step = 0; step < 7; step++) {
		int shift = 12 + 9 * (lvl - 1), nbits = lvl == 6 ? 7 : 9, nl, size_log2;
		uint64_t idx = (iova >> shift) & ((1ULL << nbits) - 1), e, base;

		if (!harness_ref_le64(gmem, table + idx * 8, &e)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_TABLE_READ, lvl, 0);
			return;
		}
		if (!ref_bit(e, 0)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_NOT_PRESENT, lvl, e);
			return;
		}
		if (ref_any(e, 52, 58)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_RESERVED_BIT, lvl, e);
			return;
		}
		nl = ref_bit(e, 9) | ref_bit(e, 10) << 1 | ref_bit(e, 11) << 2;
		if (nl >= 1 && nl <= 6) {
			if (nl >= lvl) {
				harness_ref_fault(o, IOMMUFMT_FAULT_BAD_LEVEL, lvl, e);
				return;
			}
			if (oas < 52 && ref_any(e, oas, 51)) {
				harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, lvl, e);
				return;
			}
			/* skipped levels: their index bits must be zero */
			if (ref_any(iova, 12 + 9 * nl, shift - 1)) {
				harness_ref_fault(o, IOMMUFMT_FAULT_NOT_PRESENT, lvl, e);
				return;
			}
			ir &= ref_bit(e, 61);
			iw &= ref_bit(e, 62);
			table = (ref_field(e, 51, 12) << 12);
			lvl = nl;
			continue;
		}
		if (lvl == 6) {
			harness_ref_fault(o, IOMMUFMT_FAULT_BAD_LEVEL, lvl, e);
			return;
		}
		if (nl == 0) {
			size_log2 = shift;
		} else {
			int ones = 0;

			while (12 + ones <= 51 && ref_bit(e, 12 + ones))
				ones++;
			size_log2 = 13 + ones;
			if (size_log2 <= shift || size_log2 >= shift + 9) {
				harness_ref_fault(o, IOMMUFMT_FAULT_BAD_LEVEL, lvl, e);
				return;
			}
		}
		base = (ref_field(e, 51, size_log2) << size_log2);
		if (oas < 52 && ref_any(base, oas, 51)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, lvl, e);
			return;
		}
		if (nl == 7) {
			/* every entry the page covers must repeat this one, but for A and D */
			uint64_t count = 1ULL << (size_log2 - shift), first = idx & ~(count - 1), r;

			for (uint64_t j = 0; j < count; j++) {
				if (!harness_ref_le64(gmem, table + (first + j) * 8, &r)) {
					harness_ref_fault(o, IOMMUFMT_FAULT_TABLE_READ, lvl, 0);
					return;
				}
				for (unsigned bit = 0; bit < 64; bit++)
					if (bit != 5 && bit != 6 && ref_bit(r, bit) != ref_bit(e, bit)) {
						harness_ref_fault(o, IOMMUFMT_FAULT_BAD_LEVEL, lvl, e);
						return;
					}
			}
		}
		ir &= ref_bit(e, 61);
		iw &= ref_bit(e, 62);
		if ((access & (R | X) && !ir) || ((access & W) && !iw)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_PERMISSION, lvl, e);
			return;
		}
		o->page_size = 1ULL << size_log2;
		o->pa = base + (iova & (o->page_size - 1));
		o->perm = (ir ? R | X : 0) | (iw ? W : 0);
		o->pte = e;
		o->level = (uint32_t)lvl - 1;	/* common numbering: 0 = the 4 KiB table */
		o->native_level = (uint32_t)lvl;
		o->attrs = e & (3ULL << 59);
		return;
	}
	harness_ref_fault(o, IOMMUFMT_FAULT_BAD_LEVEL, lvl, 0);
}

static struct iommufmt_pgtable_cfg amdcfg(uint32_t levels, uint32_t flags, uint32_t oas)
{
	struct iommufmt_pgtable_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.format = IOMMUFMT_PGTABLE_AMD_V1;
	c.levels = levels;
	c.flags = flags;
	c.oas = oas;
	return c;
}

static const struct { uint32_t levels, flags, oas; } cfgs[] = {
	{ 1, 0, 0 }, { 2, IOMMUFMT_PGTABLE_F_AD, 0 }, { 3, 0, 40 }, { 4, 0, 0 },
	{ 5, IOMMUFMT_PGTABLE_F_AD, 48 }, { 6, 0, 0 },
};

START_TEST(test_differential)
{
	struct iommufmt_pgtable_cfg c = amdcfg(cfgs[_i].levels, cfgs[_i].flags, cfgs[_i].oas);

	harness_differential(&c, ref_amd, 0xa3d0 + (uint64_t)_i, 100000);
}
END_TEST

START_TEST(test_fuzz)
{
	struct iommufmt_pgtable_cfg c = amdcfg(cfgs[_i].levels, cfgs[_i].flags, cfgs[_i].oas);

	harness_fuzz(&c, ref_amd, 0xfa3d + (uint64_t)_i, 20);
}
END_TEST

/* Entry GPA at level @lvl on the walk of @iova, following NextLevel (tables the builder made). */
static uint64_t entry_gpa(struct harness_table *t, uint64_t iova, int lvl)
{
	uint64_t table = t->cfg.root;

	for (int l = (int)t->cfg.levels; ; ) {
		uint64_t gpa = table + ((iova >> (12 + 9 * (l - 1))) & (l == 6 ? 127 : 511)) * 8;
		uint64_t e;

		if (l == lvl)
			return gpa;
		e = harness_get_le64(t, gpa);
		table = e & 0x000ffffffffff000ULL;
		l = (int)((e >> 9) & 7);
	}
}

/*
 * Rewrite the tables so that every chain of tables holding only entry 0
 * is skipped: a PDE then points straight at the deepest such table with a
 * lower NextLevel. Translations of mapped addresses do not change.
 */
static unsigned compress(struct harness_table *t, uint64_t table, int level)
{
	unsigned n = 0;
	int nents = level == 6 ? 128 : 512;

	for (int i = 0; i < nents; i++) {
		uint64_t gpa = table + 8 * (uint64_t)i, e = harness_get_le64(t, gpa);
		int nl = (int)((e >> 9) & 7);

		if (!(e & 1) || nl < 1 || nl > 6)
			continue;
		for (;;) {
			uint64_t child = e & 0x000ffffffffff000ULL, c0 = harness_get_le64(t, child);
			int cnl = (int)((c0 >> 9) & 7), others = 0;

			if (!(c0 & 1) || cnl < 1 || cnl > 6)
				break;
			for (int j = 1; j < (nl == 6 ? 128 : 512); j++)
				others |= harness_get_le64(t, child + 8 * (uint64_t)j) != 0;
			if (others)
				break;
			e = (e & ~(0x000ffffffffff000ULL | (7ULL << 9))) | (c0 & 0x000ffffffffff000ULL) |
			    ((uint64_t)cnl << 9);
			harness_put_le64(t, gpa, e);
			nl = cnl;
			n++;
		}
		n += compress(t, e & 0x000ffffffffff000ULL, nl);
	}
	return n;
}

START_TEST(test_skipped_levels)
{
	for (uint32_t levels = 3; levels <= 6; levels++) {
		struct harness_table t;
		struct iommufmt_pgtable_cfg c = amdcfg(levels, 0, 0);
		struct test_rng rng;
		struct iommufmt_xlate x;
		unsigned skips;

		test_rng_seed(&rng, 77 + levels);
		harness_table_init(&t, &c, 0x100000, 8 << 20, 77 + levels);
		/* pages in the first 1 GiB and one near 2^30 * 7: chains of single entries */
		for (int i = 0; i < 200; i++)
			harness_map_one(&t, test_rng_below(&rng, 1ULL << 30) & ~0xfffULL,
					test_rng_next(&rng) & 0xffffff000ULL, 0x1000, R | W);
		harness_map_one(&t, 7ULL << 30, 0x5000, 0x2000, R);
		skips = compress(&t, t.cfg.root, (int)levels);
		ck_assert_uint_ge(skips, levels >= 5 ? levels - 3 : 1);
		harness_compare(&t, ref_amd, &rng, 30000);
		harness_check_walk(&t, &rng);
		/* a non-zero skipped index bit is not present at the skipping entry */
		harness_check_one(&t, ref_amd, (7ULL << 30) | (1ULL << 21), R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_uint_eq(x.native_level, 3);
		ck_assert_uint_eq(x.pte >> 9 & 7, 1);
		if (levels >= 5) {
			harness_check_one(&t, ref_amd, 1ULL << 39, R, &x);
			ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
			ck_assert_uint_eq(x.native_level, levels);
			ck_assert_uint_eq(x.pte >> 9 & 7, 3);
		}
		harness_check_one(&t, ref_amd, 7ULL << 30, R, &x);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.pa, 0x5000);
		/* the builder does not extend tables that skip levels */
		if (levels >= 5)
			ck_assert_int_eq(harness_map_one(&t, 1ULL << 45, 0, 0x1000, R), -EOPNOTSUPP);
		harness_table_fini(&t);
	}
}
END_TEST

START_TEST(test_next_level_not_descending)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = amdcfg(4, 0, 0);
	struct iommufmt_xlate x;
	uint64_t iova = 0x8040201000ULL;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 5);
	ck_assert_int_eq(harness_map_one(&t, iova, 0x9000, 0x1000, R | W), 0);
	for (int lvl = 4; lvl >= 1; lvl--)
		for (uint64_t nl = 1; nl <= 6; nl++) {
			uint64_t gpa = entry_gpa(&t, iova, lvl), orig = harness_get_le64(&t, gpa);
			uint64_t tbl = gpa & ~0xfffULL;

			if ((int)nl < lvl)
				continue;
			/* pointing at its own table with a level not below its own */
			harness_put_le64(&t, gpa,
					 (orig & ~(0x000ffffffffff000ULL | (7ULL << 9))) | tbl | (nl << 9));
			harness_check_one(&t, ref_amd, iova, R, &x);
			ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
			ck_assert_uint_eq(x.native_level, (uint32_t)lvl);
			harness_put_le64(&t, gpa, orig);
		}
	/* a leaf at level 6 does not exist */
	harness_table_fini(&t);
	c = amdcfg(6, 0, 0);
	harness_table_init(&t, &c, 0x100000, 1 << 20, 5);
	harness_put_le64(&t, t.cfg.root, 0x6000000000000001ULL | 0x40000);
	harness_check_one(&t, ref_amd, 0x1234, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
	ck_assert_uint_eq(x.native_level, 6);
	harness_put_le64(&t, t.cfg.root, 0x6000000000000001ULL | (7ULL << 9) | 0x1fffff000ULL);
	harness_check_one(&t, ref_amd, 0x1234, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
	/* level 6 indexes bits 63:57 only */
	ck_assert_int_eq(harness_map_one(&t, 0xfe00000000000000ULL, 0x1000, 0x1000, R), 0);
	harness_check_one(&t, ref_amd, 0xfe00000000000fffULL, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x1fff);
	harness_table_fini(&t);
}
END_TEST

/* Store @v in the @n entries from GPA @gpa: one size-encoded page's replicas. */
static void put_group(struct harness_table *t, uint64_t gpa, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		harness_put_le64(t, gpa + 8 * (uint64_t)i, v);
}

START_TEST(test_size_encoded_pages)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = amdcfg(3, IOMMUFMT_PGTABLE_F_AD, 0);
	struct iommufmt_xlate x;
	uint64_t gpa, e;
	__u64 bm[1];

	harness_table_init(&t, &c, 0x100000, 1 << 20, 6);
	/* 16 KiB: NextLevel 7 at level 1, four equal entries */
	ck_assert_int_eq(harness_map_one(&t, 0x10000, 0x48000, 0x4000, R | W), 0);
	gpa = entry_gpa(&t, 0x10000, 1);
	for (int i = 0; i < 4; i++) {
		e = harness_get_le64(&t, gpa + 8 * (uint64_t)i);
		ck_assert_uint_eq(e, 0x6000000000000001ULL | (7ULL << 9) | 0x49000ULL);
	}
	ck_assert_uint_eq(harness_get_le64(&t, gpa + 32), 0);
	for (uint64_t off = 0; off < 0x4000; off += 0xfff) {
		harness_check_one(&t, ref_amd, 0x10000 + off, W, &x);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.pa, 0x48000 + off);
		ck_assert_uint_eq(x.page_size, 0x4000);
	}
	/* the hardware may set D in any replica: the whole page is dirty */
	harness_put_le64(&t, gpa + 16, harness_get_le64(&t, gpa + 16) | 0x40);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x10000, 0x13fff,
						IOMMUFMT_DIRTY_CLEAR, bm, 4), 0);
	ck_assert_uint_eq(bm[0], 0xf);
	ck_assert_uint_eq(harness_get_le64(&t, gpa + 16) & 0x40, 0);
	/* a range walk reports it once */
	{
		struct harness_map m = { 0x10000, 0x48000, 0x4000, R | W };

		t.nmaps = 0;
		harness_map_one(&t, 0x20000, 0x60000, 0x1000, R);
		t.maps[t.nmaps++] = m;
		harness_check_walk(&t, &(struct test_rng){ 3 });
	}
	/* encoded sizes that do not fit the level */
	/* 8 KiB: fine, in both of its entries */
	put_group(&t, gpa, 2, 0x6000000000000001ULL | (7ULL << 9) | 0x48000ULL);
	harness_check_one(&t, ref_amd, 0x10000, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.page_size, 0x2000);
	/* 2 MiB at level 1 */
	harness_put_le64(&t, gpa, 0x6000000000000001ULL | (7ULL << 9) | 0xff000ULL);
	harness_check_one(&t, ref_amd, 0x10000, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
	/* 1 MiB: the largest, in all 256 entries of the table it covers */
	put_group(&t, gpa & ~0xfffULL, 256, 0x6000000000000001ULL | (7ULL << 9) | 0x7f000ULL);
	harness_check_one(&t, ref_amd, 0x10000, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.page_size, 0x100000);
	/* at level 2, sizes must lie strictly between 2 MiB and 1 GiB */
	{
		uint64_t g2 = entry_gpa(&t, 0x10000, 2), keep = harness_get_le64(&t, g2);
		uint64_t keep1 = harness_get_le64(&t, g2 + 8);

		/* 2 MiB */
		harness_put_le64(&t, g2, 0x6000000000000001ULL | (7ULL << 9) | 0xff000ULL);
		harness_check_one(&t, ref_amd, 0x10000, R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
		ck_assert_uint_eq(x.native_level, 2);
		/* 4 MiB, in both of its entries */
		put_group(&t, g2, 2, 0x6000000000000001ULL | (7ULL << 9) | 0x1ff000ULL);
		harness_check_one(&t, ref_amd, 0x10000, R, &x);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.page_size, 0x400000);
		/* 1 GiB */
		harness_put_le64(&t, g2, 0x6000000000000001ULL | (7ULL << 9) | 0x1ffff000ULL);
		harness_check_one(&t, ref_amd, 0x10000, R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
		harness_put_le64(&t, g2, keep);
		harness_put_le64(&t, g2 + 8, keep1);
	}
	/* builder: the largest page the alignment allows, up to 256 GiB in 3 levels */
	ck_assert_uint_eq(t.pt.pgsize_bitmap, 0x7ffffff000ULL);
	ck_assert_int_eq(harness_map_one(&t, 0x4000000000ULL, 0x4000000000ULL, 0x4000000000ULL, R), 0);
	harness_check_one(&t, ref_amd, 0x4000000000ULL + 0x123456789ULL, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.page_size, 0x4000000000ULL);
	ck_assert_uint_eq(x.native_level, 3);
	harness_table_fini(&t);
}
END_TEST

/*
 * Walk [@lo, @hi] of @t over @gmem with fault records and check each record
 * against translation at its address (fault, level, pte, fault_addr; pa,
 * page_size and perm of leaves; page_size of faults below a table's end).
 * Returns the records in @c.
 */
static void walk_vs_translate(struct harness_table *t, const struct iommufmt_gmem *gmem,
			      uint64_t lo, uint64_t hi, struct harness_collect *c)
{
	c->n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t->pt, gmem, lo, hi, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, c), 0);
	for (size_t i = 0; i < c->n; i++) {
		const struct iommufmt_xlate *rec = &c->recs[i];
		struct iommufmt_xlate x;

		ck_assert_int_eq(iommufmt_pgtable_translate(&t->pt, gmem, rec->iova, 0, &x), 0);
		ck_assert_msg(x.fault == rec->fault && x.level == rec->level && x.pte == rec->pte &&
			      x.fault_addr == rec->fault_addr && x.page_size == rec->page_size &&
			      x.pa == rec->pa && x.perm == rec->perm,
			      "record %zu at 0x%llx: walk fault %u size 0x%llx pte 0x%llx, translate "
			      "fault %u size 0x%llx pte 0x%llx", i, HX(rec->iova), rec->fault,
			      HX(rec->page_size), HX(rec->pte), x.fault, HX(x.page_size), HX(x.pte));
	}
}

/*
 * NextLevel-7 replicas that disagree make the group malformed (amd_v1.c):
 * translation and range walks give BAD_LEVEL for each of its entries alike.
 * Before, translation gave the indexed replica's 8 MiB page while the walk
 * split the group into 2 MiB pieces. A consistent group (A/D aside) stays
 * one page, in both.
 */
START_TEST(test_disagreeing_group)
{
	const uint64_t iova = 0x40000000, mb2 = 0x200000, bad_pte = 0x28000000003fffffULL;
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = amdcfg(3, IOMMUFMT_PGTABLE_F_AD, 0);
	struct harness_collect rc = { 0 };
	struct iommufmt_xlate x, xs[4];
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem cut;
	uint64_t g2, good, e[4];
	__u64 iovas[4], bm[32];

	harness_table_init(&t, &c, 0x100000, 1 << 20, 12);
	/* consistent: an 8 MiB page is four equal level-2 entries; D in one of them */
	ck_assert_int_eq(harness_map_one(&t, iova, 0x800000, 0x800000, R), 0);
	g2 = entry_gpa(&t, iova, 2);
	ck_assert_uint_eq(g2 & 0xfff, 0);
	good = harness_get_le64(&t, g2);
	ck_assert_uint_eq(good >> 9 & 7, 7);
	for (int i = 1; i < 4; i++)
		ck_assert_uint_eq(harness_get_le64(&t, g2 + 8 * (uint64_t)i), good);
	harness_put_le64(&t, g2 + 16, good | 0x60);
	for (uint64_t off = 0; off < 0x800000; off += 0x1fff01) {
		harness_check_one(&t, ref_amd, iova + off, R, &x);
		ck_assert_uint_eq(x.fault, 0);
		ck_assert_uint_eq(x.page_size, 0x800000);
		ck_assert_uint_eq(x.pa, 0x800000 + off);
	}
	harness_check_walk(&t, &(struct test_rng){ 12 });
	walk_vs_translate(&t, &t.gmem, 0, ~0ULL, &rc);
	ck_assert_uint_eq(rc.n, 1);
	ck_assert_uint_eq(rc.recs[0].page_size, 0x800000);
	ck_assert_uint_eq(rc.recs[0].pte, good);

	/* disagreeing: replica 0 encodes another 8 MiB page (issue 10's entry) */
	harness_put_le64(&t, g2 + 16, good);
	harness_put_le64(&t, g2, bad_pte);
	for (int i = 0; i < 4; i++) {
		e[i] = harness_get_le64(&t, g2 + 8 * (uint64_t)i);
		iovas[i] = iova + (uint64_t)i * mb2 + 0x1234;
		harness_check_one(&t, ref_amd, iovas[i], R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
		ck_assert_uint_eq(x.native_level, 2);
		ck_assert_uint_eq(x.pte, e[i]);
		ck_assert_uint_eq(x.page_size, mb2);
	}
	ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, iovas, 4, R, xs), 0);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, iovas[i], R, &x), 0);
		ck_assert_int_eq(memcmp(&x, &xs[i], sizeof(x)), 0);
	}
	/* no leaf in the group; with fault records, one per entry, as translation says */
	walk_vs_translate(&t, &t.gmem, 0, ~0ULL, &rc);
	ck_assert_uint_eq(rc.n, 4);
	for (int i = 0; i < 4; i++) {
		ck_assert_uint_eq(rc.recs[i].iova, iova + (uint64_t)i * mb2);
		ck_assert_uint_eq(rc.recs[i].fault, IOMMUFMT_FAULT_BAD_LEVEL);
	}
	rc.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, 0, harness_collect_cb, &rc),
			 0);
	ck_assert_uint_eq(rc.n, 0);
	/* a walk starting inside the group */
	walk_vs_translate(&t, &t.gmem, iova + 3 * (mb2 / 2), iova + 5 * (mb2 / 2), &rc);
	ck_assert_uint_eq(rc.n, 2);
	ck_assert_uint_eq(rc.recs[0].iova, iova + mb2);
	/* dirty bits still count, over the page each dirty replica encodes */
	harness_put_le64(&t, g2 + 16, good | 0x40);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, iova, iova + 0x7fffff,
						IOMMUFMT_DIRTY_CLEAR, bm, 2048), 0);
	for (int i = 0; i < 32; i++)
		ck_assert_uint_eq(bm[i], ~0ULL);
	ck_assert_uint_eq(harness_get_le64(&t, g2 + 16), good);
	ck_assert_uint_eq(harness_get_le64(&t, g2), bad_pte & ~0x40ULL);
	/* a replica missing: the others are malformed, the missing one not present */
	harness_put_le64(&t, g2, good);
	harness_put_le64(&t, g2 + 24, 0);
	for (int i = 0; i < 4; i++) {
		harness_check_one(&t, ref_amd, iovas[i], R, &x);
		ck_assert_uint_eq(x.fault, i < 3 ? IOMMUFMT_FAULT_BAD_LEVEL
						 : IOMMUFMT_FAULT_NOT_PRESENT);
	}
	walk_vs_translate(&t, &t.gmem, 0, ~0ULL, &rc);
	ck_assert_uint_eq(rc.n, 3);
	/* a replica that cannot be read: TABLE_READ at it, from either */
	harness_put_le64(&t, g2 + 24, good);
	reg = t.region;
	reg.size = g2 + 16 - reg.gpa;
	cut = t.gmem;
	cut.regions = &reg;
	for (int i = 0; i < 2; i++) {
		struct iommufmt_xlate r;

		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &cut, iovas[i], R, &x), 0);
		ref_amd(&t.cfg, &cut, iovas[i], R, &r);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
		ck_assert_uint_eq(r.fault, IOMMUFMT_FAULT_TABLE_READ);
		ck_assert_uint_eq(x.native_level, 2);
		ck_assert_uint_eq(x.fault_addr, g2 + 16);
	}
	walk_vs_translate(&t, &cut, iova, iova + 2 * mb2 - 1, &rc);
	ck_assert_uint_eq(rc.n, 2);
	free(rc.recs);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_reserved_and_perm)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = amdcfg(4, 0, 44);
	struct iommufmt_xlate x;
	uint64_t iova = 0x40000000;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 8);
	ck_assert_int_eq(harness_map_one(&t, iova, 0x200000, 0x200000, R | W), 0);
	for (int lvl = 4; lvl >= 2; lvl--) {
		uint64_t gpa = entry_gpa(&t, iova, lvl), orig = harness_get_le64(&t, gpa);

		for (int b = 0; b < 64; b++) {
			harness_put_le64(&t, gpa, orig ^ (1ULL << b));
			harness_check_one(&t, ref_amd, iova + 0x5000, R | W, &x);
			if (b >= 52 && b <= 58)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_RESERVED_BIT);
			if (b >= 44 && b <= 51)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
			if (b == 61 || b == 62)	/* IR / IW are AND-ed over the levels */
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
			if (b == 0)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
			if ((b >= 1 && b <= 8) || b == 59 || b == 60 || b == 63)
				ck_assert_uint_eq(x.fault, 0);
		}
		harness_put_le64(&t, gpa, orig);
	}
	/* a 4 KiB leaf at level 1: every bit */
	ck_assert_int_eq(harness_map_one(&t, 0x80000000ULL, 0x300000, 0x1000, R | W), 0);
	{
		uint64_t gpa = entry_gpa(&t, 0x80000000ULL, 1), orig = harness_get_le64(&t, gpa);

		for (int b = 0; b < 64; b++) {
			harness_put_le64(&t, gpa, orig ^ (1ULL << b));
			harness_check_one(&t, ref_amd, 0x80000abcULL, R | W, &x);
			if ((b >= 52 && b <= 58))
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_RESERVED_BIT);
			else if (b >= 9 && b <= 11)	/* NextLevel 1..4: not below level 1 */
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_BAD_LEVEL);
			else if (b >= 44 && b <= 51)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
			else if (b == 61 || b == 62)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
			else if (b == 0)
				ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
			else
				ck_assert_uint_eq(x.fault, 0);
			ck_assert_uint_eq(x.native_level, 1);
		}
		harness_put_le64(&t, gpa, orig);
	}
	/* IR only at one level: reads work, writes fault, perm is AND-ed */
	harness_put_le64(&t, entry_gpa(&t, iova, 3),
			 harness_get_le64(&t, entry_gpa(&t, iova, 3)) & ~(1ULL << 62));
	harness_check_one(&t, ref_amd, iova, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.perm, R | X);
	harness_check_one(&t, ref_amd, iova, W, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	ck_assert_uint_eq(x.native_level, 2);
	/* input above the mode's width */
	harness_check_one(&t, ref_amd, 1ULL << 48, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_INPUT);
	ck_assert_uint_eq(x.native_level, 4);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_prepare)
{
	struct iommufmt_pgtable pt;
	struct iommufmt_diag d;
	struct iommufmt_pgtable_cfg c = amdcfg(7, 0, 0);

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_str_eq(d.field, "levels");
	c = amdcfg(0, 0, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
	ck_assert_uint_eq(pt.cfg.levels, 3);
	c.ias = 64;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
	ck_assert_uint_eq(pt.cfg.levels, 6);
	ck_assert_uint_eq(pt.ias_mask, ~0ULL);
	ck_assert_uint_eq(pt.pgsize_bitmap, 0x000fff7ffffff000ULL);
	c = amdcfg(4, 0, 0);
	c.ias = 47;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_str_eq(d.field, "ias");
	c = amdcfg(4, IOMMUFMT_PGTABLE_F_EXEC, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "flags");
	c = amdcfg(4, IOMMUFMT_PGTABLE_F_1G, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EOPNOTSUPP);
	c = amdcfg(4, 0, 0);
	c.sl0 = 2;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "sl0");
}
END_TEST

static Suite *amd_suite(void)
{
	Suite *s = suite_create("pgtable-amd-v1");
	TCase *tc = harness_tcase(s, "amd-v1");

	tcase_add_loop_test(tc, test_differential, 0, 6);
	tcase_add_loop_test(tc, test_fuzz, 0, 6);
	tcase_add_test(tc, test_skipped_levels);
	tcase_add_test(tc, test_next_level_not_descending);
	tcase_add_test(tc, test_size_encoded_pages);
	tcase_add_test(tc, test_disagreeing_group);
	tcase_add_test(tc, test_reserved_and_perm);
	tcase_add_test(tc, test_prepare);
	return s;
}

int main(void)
{
	return test_run_suite(amd_suite());
}
