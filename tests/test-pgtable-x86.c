/* SPDX-License-Identifier: MIT */
/* Tests of the x86-64 format: naive reference walker, differential runs, hostile tables, builders, dirty. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/pgtable-harness.h"

#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define X IOMMUFMT_ACCESS_EXEC
#define P IOMMUFMT_ACCESS_PRIV
#define U IOMMUFMT_ACCESS_USER

/* ---- the reference: written from the Intel/AMD layout, one bit at a time ---- */

static void ref_x86(const struct iommufmt_pgtable_cfg *cfg, const struct iommufmt_gmem *gmem,
		    uint64_t iova, uint32_t access, struct iommufmt_xlate *o)
{
	int levels = (int)cfg->levels, ias = levels == 5 ? 57 : 48, oas = (int)cfg->oas;
	int one_g = !!(cfg->flags & IOMMUFMT_PGTABLE_F_1G);
	int nx = !!(cfg->flags & IOMMUFMT_PGTABLE_F_EXEC);
	int rw = 1, us = 1, xd = 0;
	uint64_t table = cfg->root;

	memset(o, 0, sizeof(*o));
	o->iova = iova;
	/* canonical: bits 63 down to ias-1 all equal */
	for (int b = ias; b < 64; b++)
		if (ref_bit(iova, b) != ref_bit(iova, ias - 1)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_NON_CANONICAL, levels, 0);
			return;
		}
	for (int lvl = levels; lvl >= 1; lvl--) {
		int shift = 12 + 9 * (lvl - 1);
		uint64_t idx = (iova >> shift) % 512, e;
		int leaf;

		if (!harness_ref_le64(gmem, table + idx * 8, &e)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_TABLE_READ, lvl, 0);
			return;
		}
		if (!ref_bit(e, 0)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_NOT_PRESENT, lvl, e);
			return;
		}
		leaf = lvl == 1 || ((lvl == 2 || lvl == 3) && ref_bit(e, 7));
		if ((lvl >= 4 && ref_bit(e, 7)) || (lvl == 3 && ref_bit(e, 7) && !one_g) ||
		    (leaf && lvl == 2 && ref_any(e, 13, 20)) ||
		    (leaf && lvl == 3 && ref_any(e, 13, 29))) {
			harness_ref_fault(o, IOMMUFMT_FAULT_RESERVED_BIT, lvl, e);
			return;
		}
		if (oas < 52 && ref_any(e, oas, 51)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, lvl, e);
			return;
		}
		rw &= ref_bit(e, 1);
		us &= ref_bit(e, 2);
		xd |= ref_bit(e, 63);
		if (leaf) {
			uint64_t size = (uint64_t)1 << shift;
			uint32_t perm = R | (rw ? W : 0) | (us ? U : P) | (nx && xd ? 0 : X);

			if (access & (R | W | X)) {
				if (((access & W) && !rw) || ((access & X) && nx && xd) ||
				    (!(access & P) && !us)) {
					harness_ref_fault(o, IOMMUFMT_FAULT_PERMISSION, lvl, e);
					return;
				}
			}
			o->pa = (ref_field(e, 51, shift) << shift) + iova % size;
			o->page_size = size;
			o->perm = perm;
			o->pte = e;
			o->level = (uint32_t)lvl - 1;	/* common numbering: 0 = the 4 KiB table */
			o->native_level = (uint32_t)lvl;
			o->attrs = (e & ((1ULL << 3) | (1ULL << 4) | (1ULL << 8))) |
				   (lvl == 1 ? e & (1ULL << 7) : e & (1ULL << 12));
			return;
		}
		table = (ref_field(e, 51, 12) << 12);
	}
}

/* ---- differential runs ---- */

static struct iommufmt_pgtable_cfg x86cfg(uint32_t levels, uint32_t flags, uint32_t oas)
{
	struct iommufmt_pgtable_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.format = IOMMUFMT_PGTABLE_X86_64;
	c.levels = levels;
	c.flags = flags;
	c.oas = oas;
	return c;
}

START_TEST(test_differential)
{
	static const struct { uint32_t levels, flags, oas; } cfgs[] = {
		{ 4, 0, 0 },
		{ 5, 0, 0 },
		{ 4, IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC, 0 },
		{ 5, IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_EXEC, 46 },
		{ 4, IOMMUFMT_PGTABLE_F_1G, 39 },
	};
	struct iommufmt_pgtable_cfg c = x86cfg(cfgs[_i].levels, cfgs[_i].flags, cfgs[_i].oas);

	harness_differential(&c, ref_x86, 0x8600 + (uint64_t)_i, 100000);
}
END_TEST

/* ---- hostile tables ---- */

START_TEST(test_fuzz)
{
	struct iommufmt_pgtable_cfg c = x86cfg(_i & 1 ? 5 : 4,
					       _i & 2 ? IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_EXEC : 0,
					       _i & 2 ? 40 : 0);

	harness_fuzz(&c, ref_x86, 0xf86 + (uint64_t)_i, 25);
}
END_TEST

static unsigned long walk_calls;

static int count_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	(void)opaque;
	(void)rec;
	walk_calls++;
	return 0;
}

START_TEST(test_self_pointing)
{
	/* an entry pointing at its own table, at every level: read as the next level */
	for (int lvl = 5; lvl >= 2; lvl--) {
		struct harness_table t;
		struct iommufmt_pgtable_cfg c = x86cfg(5, IOMMUFMT_PGTABLE_F_1G, 0);
		struct harness_counting cnt;
		struct iommufmt_gmem cg;
		struct iommufmt_xlate x, y;
		uint64_t iova = 0x0012345678000ULL, e, tbl;

		harness_table_init(&t, &c, 0x100000, 1 << 20, 1);
		ck_assert_int_eq(harness_map_one(&t, iova, 0x7000000, 0x1000, R | W | U), 0);
		e = harness_entry_gpa9(&t, iova, lvl);
		tbl = e & ~0xfffULL;
		harness_put_le64(&t, e, tbl | 0x7);
		harness_check_one(&t, ref_x86, iova, R, &x);
		/* bounded: one read per level, whatever the tables */
		harness_counting_init(&cnt, &cg, t.arena.host, t.arena.gpa, t.arena.size);
		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &cg, iova, R, &y), 0);
		ck_assert_uint_le(cnt.reads, 5);
		ck_assert_uint_eq(y.fault, x.fault);
		/* every entry of the table points at the table: the range walk is bounded */
		for (int i = 0; i < 512; i++)
			harness_put_le64(&t, tbl + 8 * (uint64_t)i, tbl | 0x7);
		walk_calls = 0;
		{
			int r = iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_FAULTS,
						    count_cb, NULL);

			ck_assert(r == 0 || r == -ELOOP);
			ck_assert_uint_le(walk_calls, (256 + 17) * 512);
		}
		harness_table_fini(&t);
	}
}
END_TEST

START_TEST(test_cycles_walk_bounded)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 0);
	uint64_t root;
	int r;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 2);
	root = t.cfg.root;
	/* every root entry points back at the root: 512^3 aliased leaf tables */
	for (int i = 0; i < 512; i++)
		harness_put_le64(&t, root + 8 * (uint64_t)i, root | 0x7);
	walk_calls = 0;
	r = iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_FAULTS, count_cb, NULL);
	ck_assert_int_eq(r, -ELOOP);
	/* budget: one visit per 4 KiB page of guest memory, 512 leaves each */
	ck_assert_uint_le(walk_calls, (256 + 17) * 512);
	/* a translation through it is bounded and well defined: the root as a page */
	{
		struct iommufmt_xlate x;

		harness_check_one(&t, ref_x86, 0x1234, R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NONE);
		ck_assert_uint_eq(x.pa, root + 0x234);
	}
	/* a two-table cycle: PML4[1] -> A, A[0] -> PML4 */
	memset(harness_host(&t, root), 0, 4096);
	{
		uint64_t a = 0;
		struct iommufmt_diag d;
		struct iommufmt_xlate x;

		iommufmt_diag_init(&d);
		ck_assert_int_eq(harness_map_one(&t, 0x8000000000ULL, 0x5000, 0x1000, R | U), 0);
		a = harness_get_le64(&t, root + 8) & 0x000ffffffffff000ULL;
		harness_put_le64(&t, a, root | 0x7);
		harness_check_one(&t, ref_x86, 0x8000000000ULL, R, &x);
		walk_calls = 0;
		r = iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_FAULTS, count_cb,
					NULL);
		ck_assert(r == 0 || r == -ELOOP);
	}
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_outside_memory)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 0);
	struct iommufmt_xlate x;
	uint64_t iova = 0x40201000, e;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 3);
	ck_assert_int_eq(harness_map_one(&t, iova, 0x9000, 0x1000, R | U), 0);
	for (int lvl = 4; lvl >= 2; lvl--) {
		struct harness_table u;

		harness_table_init(&u, &c, 0x100000, 1 << 20, 3);
		ck_assert_int_eq(harness_map_one(&u, iova, 0x9000, 0x1000, R | U), 0);
		e = harness_entry_gpa9(&u, iova, lvl);
		harness_put_le64(&u, e, 0x7ff00000ULL | 0x7);	/* a table nobody backs */
		harness_check_one(&u, ref_x86, iova, R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
		ck_assert_uint_eq(x.native_level, (uint32_t)lvl - 1);
		ck_assert_uint_eq(x.fault_addr, 0x7ff00000ULL + ((iova >> (12 + 9 * (lvl - 2))) % 512) * 8);
		harness_table_fini(&u);
	}
	/* the root itself outside memory */
	{
		struct iommufmt_pgtable pt = t.pt;

		pt.cfg.root = 0x40000000;
		ck_assert_int_eq(iommufmt_pgtable_translate(&pt, &t.gmem, iova, R, &x), 0);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
		ck_assert_uint_eq(x.native_level, 4);
	}
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_misaligned_root)
{
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 40);
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	c.root = 0x1008;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ROOT);
	ck_assert_str_eq(d.field, "root");
	c.root = 1ULL << 40;	/* above the output size */
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ROOT);
	c.root = (1ULL << 40) - 4096;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
}
END_TEST

/* A configuration prepare rejects: levels, ias, oas, granule, sl0, top, flags, and the error. */
#define X86_BAD(levels, ias, oas, granule, sl0, top, flags, err, code, field)		\
	{ IOMMUFMT_PGTABLE_X86_64, levels, ias, oas, granule, sl0, top, flags, 0, err, code, field }

START_TEST(test_prepare_rejects)
{
	static const struct harness_cfg_case bad[] = {
		X86_BAD(3, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "levels"),
		X86_BAD(6, 0, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "levels"),
		X86_BAD(4, 57, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
		X86_BAD(5, 48, 0, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias"),
		X86_BAD(4, 0, 53, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas"),
		X86_BAD(4, 0, 20, 0, 0, 0, 0, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas"),
		X86_BAD(4, 0, 0, 12, 0, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "granule"),
		X86_BAD(4, 0, 0, 0, 1, 0, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "sl0"),
		X86_BAD(4, 0, 0, 0, 0, 2, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "top"),
		X86_BAD(4, 0, 0, 0, 0, 0, IOMMUFMT_PGTABLE_F_AFFD, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
		X86_BAD(4, 0, 0, 0, 0, 0, IOMMUFMT_PGTABLE_F_LARGE, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "flags"),
		X86_BAD(4, 0, 0, 0, 0, 0, 0x100, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags"),
	};
	struct iommufmt_pgtable pt;
	struct iommufmt_diag d;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		harness_prepare_case(&bad[i], &pt);
	iommufmt_diag_init(&d);
	/* defaults: 4 levels, 48 input bits, 52 output bits */
	{
		struct iommufmt_pgtable_cfg c = x86cfg(0, 0, 0);

		ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
		ck_assert_uint_eq(pt.cfg.levels, 4);
		ck_assert_uint_eq(pt.cfg.ias, 48);
		ck_assert_uint_eq(pt.cfg.oas, 52);
		ck_assert_uint_eq(pt.pgsize_bitmap, 0x201000ULL);
		c.ias = 57;
		ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
		ck_assert_uint_eq(pt.cfg.levels, 5);
	}
	/* a longer struct with a non-zero tail */
	{
		struct { struct iommufmt_pgtable_cfg c; uint64_t tail; } big;

		memset(&big, 0, sizeof(big));
		big.c = x86cfg(4, 0, 0);
		big.c.argsz = sizeof(big);
		ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &big.c, &d), 0);
		big.tail = 1;
		ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &big.c, &d), -E2BIG);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_TAIL_NONZERO);
	}
}
END_TEST

/*
 * Every bit of every entry kind: flip it in a valid walk and compare with the
 * reference; the reserved bits must give exactly the documented fault.
 */
static void flip_all_bits(uint32_t levels, uint32_t flags, uint32_t oas)
{
	struct iommufmt_pgtable_cfg c = x86cfg(levels, flags, oas);
	static const uint64_t sizes[] = { 0x1000, 0x200000, 0x40000000 };

	for (int s = 0; s < 3; s++) {
		struct harness_table t;
		uint64_t iova = 0x7fc0000000ULL, pa = 0x3c0000000ULL;
		unsigned int leaf_lvl = (unsigned int)s + 1;

		if (s == 2 && !(flags & IOMMUFMT_PGTABLE_F_1G))
			continue;
		harness_table_init(&t, &c, 0x100000, 1 << 20, 4);
		ck_assert_int_eq(harness_map_one(&t, iova, pa, sizes[s], R | W | U | X), 0);
		for (unsigned int lvl = levels; lvl >= leaf_lvl; lvl--) {
			uint64_t gpa = harness_entry_gpa9(&t, iova, (int)lvl);
			uint64_t orig = harness_get_le64(&t, gpa);

			for (int b = 0; b < 64; b++) {
				struct iommufmt_xlate x;
				uint64_t e = orig ^ (1ULL << b);
				uint32_t want = 0;
				int leaf = lvl == leaf_lvl;

				harness_put_le64(&t, gpa, e);
				harness_check_one(&t, ref_x86, iova + 0x123, R | W, &x);
				/* documented reserved bits, independent of the reference */
				if (b == 7 && lvl >= 4 && (e >> 7 & 1))
					want = IOMMUFMT_FAULT_RESERVED_BIT;
				if (b == 7 && lvl == 3 && (e >> 7 & 1) && !(flags & IOMMUFMT_PGTABLE_F_1G))
					want = IOMMUFMT_FAULT_RESERVED_BIT;
				if (leaf && lvl == 2 && b >= 13 && b <= 20)
					want = IOMMUFMT_FAULT_RESERVED_BIT;
				if (leaf && lvl == 3 && b >= 13 && b <= 29)
					want = IOMMUFMT_FAULT_RESERVED_BIT;
				if (b >= (int)(oas ? oas : 52) && b <= 51 &&
				    !(leaf && lvl > 1 && b < 12 + 9 * ((int)lvl - 1)))
					want = want ? want : IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
				if (b == 0)
					want = IOMMUFMT_FAULT_NOT_PRESENT;
				if (want)
					ck_assert_msg(x.fault == want && x.native_level == lvl,
						      "level %u bit %d: fault %u level %u, want %u",
						      lvl, b, x.fault, x.native_level, want);
			}
			harness_put_le64(&t, gpa, orig);
		}
		harness_table_fini(&t);
	}
}

START_TEST(test_reserved_bits)
{
	flip_all_bits(4, IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_EXEC, 0);
	flip_all_bits(5, 0, 44);
	flip_all_bits(4, IOMMUFMT_PGTABLE_F_1G, 40);
}
END_TEST

START_TEST(test_1g_needs_flag)
{
	/* PS in a PDPE is reserved without 1 GiB pages, a leaf with them */
	for (int on = 0; on < 2; on++) {
		struct harness_table t;
		struct iommufmt_pgtable_cfg c = x86cfg(4, on ? IOMMUFMT_PGTABLE_F_1G : 0, 0);
		struct iommufmt_xlate x;

		harness_table_init(&t, &c, 0x100000, 1 << 20, 11);
		ck_assert_int_eq(harness_map_one(&t, 0x40000000, 0x80000000, 0x1000, R | U), 0);
		harness_put_le64(&t, harness_entry_gpa9(&t, 0x40000000, 3), 0x80000000ULL | 0x87);
		harness_check_one(&t, ref_x86, 0x40000123, R, &x);
		ck_assert_uint_eq(x.fault, on ? IOMMUFMT_FAULT_NONE : IOMMUFMT_FAULT_RESERVED_BIT);
		ck_assert_uint_eq(x.native_level, 3);
		if (on)
			ck_assert_uint_eq(x.pa, 0x80000123);
		harness_table_fini(&t);
	}
}
END_TEST

START_TEST(test_non_canonical)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 0), c5 = x86cfg(5, 0, 0);
	static const uint64_t bad4[] = { 0x0000800000000000ULL, 0xffff7fffffffffffULL,
					 0x8000000000000000ULL, 0x0001000000000000ULL,
					 0x7fffffffffffffffULL };
	struct iommufmt_xlate x;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 5);
	for (size_t i = 0; i < sizeof(bad4) / sizeof(bad4[0]); i++) {
		harness_check_one(&t, ref_x86, bad4[i], R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NON_CANONICAL);
		ck_assert_uint_eq(x.native_level, 4);
	}
	/* canonical upper half is walked (entry 256 and up) */
	ck_assert_int_eq(harness_map_one(&t, 0xffff800000000000ULL, 0x1000, 0x1000, R | P), 0);
	harness_check_one(&t, ref_x86, 0xffff800000000fffULL, R | P, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.pa, 0x1fff);
	ck_assert_uint_eq(x.perm, R | X | P);
	/* a user request to a supervisor page faults */
	harness_check_one(&t, ref_x86, 0xffff800000000fffULL, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	/* mapping a non-canonical range is refused */
	ck_assert_int_eq(harness_map_one(&t, 0x0000800000000000ULL, 0, 0x1000, R), -EINVAL);
	harness_table_fini(&t);
	/* 5 levels: 57-bit canonical */
	harness_table_init(&t, &c5, 0x100000, 1 << 20, 5);
	harness_check_one(&t, ref_x86, 0x0100000000000000ULL, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NON_CANONICAL);
	ck_assert_uint_eq(x.native_level, 5);
	harness_check_one(&t, ref_x86, 0x00ff000000000000ULL, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_full_range_faults)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 0);
	struct harness_collect col = { 0 };
	uint64_t e;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 6);
	ck_assert_int_eq(harness_map_one(&t, 0x1000, 0x1000, 0x3000, R | U), 0);
	ck_assert_int_eq(harness_map_one(&t, 0xffffffffffe00000ULL, 0x200000, 0x200000, R | W | U), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x40000000, 0x80000000, 0x1000, R | U), 0);
	/* corrupt the PDE of 0x40000000: PS in a 2 MiB leaf with reserved bit 13 */
	e = harness_entry_gpa9(&t, 0x40000000, 2);
	harness_put_le64(&t, e, 0x80000000ULL | 0x87 | (1ULL << 13));
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &col), 0);
	ck_assert_int_eq(col.n, 5);
	ck_assert_uint_eq(col.recs[0].iova, 0x1000);
	ck_assert_uint_eq(col.recs[2].iova, 0x3000);
	ck_assert_uint_eq(col.recs[3].fault, IOMMUFMT_FAULT_RESERVED_BIT);
	ck_assert_uint_eq(col.recs[3].iova, 0x40000000);
	ck_assert_uint_eq(col.recs[3].page_size, 0x200000);
	ck_assert_uint_eq(col.recs[3].native_level, 2);
	ck_assert_uint_eq(col.recs[4].iova, 0xffffffffffe00000ULL);
	ck_assert_uint_eq(col.recs[4].page_size, 0x200000);
	/* without fault records the bad subtree is skipped silently */
	col.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, 0, harness_collect_cb, &col),
			 0);
	ck_assert_int_eq(col.n, 4);
	/* a range inside the non-canonical hole reports nothing */
	col.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0x0000800000000000ULL,
					     0xffff7fffffffffffULL, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &col), 0);
	ck_assert_int_eq(col.n, 0);
	/* a table that cannot be read: one record for the rest of it */
	harness_put_le64(&t, harness_entry_gpa9(&t, 0x1000, 2), 0x7ff00000ULL | 0x7);
	col.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, 0x3fffffff, IOMMUFMT_WALK_FAULTS,
					     harness_collect_cb, &col), 0);
	ck_assert_int_eq(col.n, 1);
	ck_assert_uint_eq(col.recs[0].fault, IOMMUFMT_FAULT_TABLE_READ);
	ck_assert_uint_eq(col.recs[0].iova, 0);
	ck_assert_uint_eq(col.recs[0].page_size, 0x200000);
	ck_assert_uint_eq(col.recs[0].fault_addr, 0x7ff00000ULL);
	/* bad arguments */
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 2, 1, 0, harness_collect_cb, &col),
			 -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, 1, 0x80, harness_collect_cb, &col),
			 -EINVAL);
	free(col.recs);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_batch_edges)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(5, IOMMUFMT_PGTABLE_F_1G, 0);
	__u64 iovas[100];
	struct iommufmt_xlate single, batch[100];

	harness_table_init(&t, &c, 0x100000, 1 << 20, 7);
	ck_assert_int_eq(harness_map_one(&t, 0x40000000, 0x40000000, 0x40000000, R | U), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x1000, 0x2000, 0x1000, R | W | U), 0);
	for (int i = 0; i < 100; i++)
		iovas[i] = i % 3 == 0 ? 0x40000000ULL + (uint64_t)i * 0x12345 :
			   i % 3 == 1 ? 0x1000ULL + (uint64_t)i :
			   (uint64_t)i << 56;	/* mostly non-canonical */
	for (size_t n = 0; n <= 100; n += n < 20 ? 1 : 40) {
		ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, iovas, n, W, batch), 0);
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, iovas[i], W, &single), 0);
			ck_assert(!memcmp(&single, &batch[i], sizeof(single)));
		}
	}
	ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, NULL, 1, R, batch), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_translate_batch(&t.pt, &t.gmem, NULL, 0, R, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, NULL, 0, R, &single), -EINVAL);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_coalesce)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, 0, 0);
	struct harness_collect col = { 0 };

	harness_table_init(&t, &c, 0x100000, 4 << 20, 8);
	/* pa only 4 KiB aligned relative to iova: 4096 pages of 4 KiB, one run */
	ck_assert_int_eq(harness_map_one(&t, 0x10000000, 0x20001000, 0x1000000, R | W | U), 0);
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_COALESCE,
					     harness_collect_cb, &col), 0);
	ck_assert_int_eq(col.n, 1);
	ck_assert_uint_eq(col.recs[0].iova, 0x10000000);
	ck_assert_uint_eq(col.recs[0].pa, 0x20001000);
	ck_assert_uint_eq(col.recs[0].page_size, 0x1000000);
	/* a permission change and a pa jump split the run */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x10800000, 0x1000, NULL), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x10800000, 0x20801000, 0x1000, R | U), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x11000000, 0x50000000, 0x200000, R | W | U), 0);
	col.n = 0;
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, IOMMUFMT_WALK_COALESCE,
					     harness_collect_cb, &col), 0);
	ck_assert_int_eq(col.n, 4);
	ck_assert_uint_eq(col.recs[0].page_size, 0x800000);
	ck_assert_uint_eq(col.recs[1].iova, 0x10800000);
	ck_assert_uint_eq(col.recs[1].perm, R | X | U);
	ck_assert_uint_eq(col.recs[2].page_size, 0x800000 - 0x1000);
	ck_assert_uint_eq(col.recs[3].iova, 0x11000000);
	ck_assert_uint_eq(col.recs[3].page_size, 0x200000);
	free(col.recs);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_dirty)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_1G, 0);
	__u64 bm[16];
	uint64_t e;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 9);
	ck_assert_int_eq(harness_map_one(&t, 0x0, 0x100000000ULL, 0x400000, R | W | U), 0);	/* 2 x 2M */
	ck_assert_int_eq(harness_map_one(&t, 0x400000, 0x7000000, 0x10000, R | W | U), 0);	/* 16 x 4K */
	/* hardware set D on the second 2 MiB page and on 4 KiB pages 3 and 15 */
	e = harness_entry_gpa9(&t, 0x200000, 2);
	harness_put_le64(&t, e, harness_get_le64(&t, e) | 0x40);
	e = harness_entry_gpa9(&t, 0x403000, 1);
	harness_put_le64(&t, e, harness_get_le64(&t, e) | 0x40);
	e = harness_entry_gpa9(&t, 0x40f000, 1);
	harness_put_le64(&t, e, harness_get_le64(&t, e) | 0x60);
	/* range 0x1ff000..0x40ffff: bit 0 = 0x1ff000 */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x1ff000, 0x40ffff, 0, bm, 1024), 0);
	for (uint64_t i = 0; i < (0x410000 - 0x1ff000) / 4096; i++) {
		uint64_t page = 0x1ff000 + i * 4096;
		int want = (page >= 0x200000 && page < 0x400000) || page == 0x403000 ||
			   page == 0x40f000;

		ck_assert_msg(((bm[i / 64] >> (i % 64)) & 1) == (uint64_t)want, "page 0x%llx",
			      HX(page));
	}
	/* bits past the range are zero */
	ck_assert_uint_eq(bm[(0x211) / 64] >> (0x211 % 64), 0);
	/* clearing: reported, then gone; the A bit stays */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x400000, 0x40ffff,
						IOMMUFMT_DIRTY_CLEAR, bm, 16), 0);
	ck_assert_uint_eq(bm[0], (1u << 3) | (1u << 15));
	ck_assert_uint_eq(harness_get_le64(&t, e) & 0x60, 0x20);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x400000, 0x40ffff, 0, bm, 16), 0);
	ck_assert_uint_eq(bm[0], 0);
	/* the 2 MiB page is still dirty outside the cleared range */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x3ff000, 0x3fffff, 0, bm, 1), 0);
	ck_assert_uint_eq(bm[0], 1);
	/* read-only memory cannot be cleared */
	t.region.flags = IOMMUFMT_GMEM_READONLY;
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x200000, 0x3fffff,
						IOMMUFMT_DIRTY_CLEAR, bm, 1024), -EFAULT);
	t.region.flags = 0;
	/* argument checks */
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x1001, 0x2000, 0, bm, 64), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0, 0x100000, 0, bm, 64), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0, 0xfff, 2, bm, 64), -EINVAL);
	harness_table_fini(&t);
	/* without A/D tracking there is nothing to harvest */
	c.flags = 0;
	harness_table_init(&t, &c, 0x100000, 1 << 20, 9);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0, 0xfff, 0, bm, 64), -EOPNOTSUPP);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_builders)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = x86cfg(4, IOMMUFMT_PGTABLE_F_1G, 0);
	struct harness_collect col = { 0 };
	struct iommufmt_diag d;
	uint64_t used;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 10);
	iommufmt_diag_init(&d);
	/* 1G + 2M + 4K, all aligned: three leaves, the largest pages */
	ck_assert_int_eq(harness_map_one(&t, 0x40000000, 0x80000000, 0x40201000, R | U), 0);
	ck_assert_int_eq(iommufmt_pgtable_walk_range(&t.pt, &t.gmem, 0, ~0ULL, 0, harness_collect_cb, &col),
			 0);
	ck_assert_int_eq(col.n, 3);
	ck_assert_uint_eq(col.recs[0].page_size, 0x40000000);
	ck_assert_uint_eq(col.recs[0].native_level, 3);
	ck_assert_uint_eq(col.recs[1].page_size, 0x200000);
	ck_assert_uint_eq(col.recs[2].page_size, 0x1000);
	/* overlapping map: -EEXIST, nothing changed */
	used = t.arena.used;
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x80000000, 0x0, 0x400000, R, &d),
			 -EEXIST);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_EXISTS);
	ck_assert_uint_eq(t.arena.used, used);
	/* a map that fails half-way is rolled back */
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x80280000, 0x0, 0x1000, R | U, &d),
			 0);
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x80201000, 0x100000, 0x80000, R,
					      &d), -EEXIST);
	{
		struct iommufmt_xlate x;

		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, 0x80201000, 0, &x), 0);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, 0x8027f000, 0, &x), 0);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_int_eq(iommufmt_pgtable_translate(&t.pt, &t.gmem, 0x80280000, 0, &x), 0);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NONE);
	}
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x80280000, 0x1000, &d), 0);
	/* argument checks */
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x1001, 0, 0x1000, R, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MISALIGNED);
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x1000, 0, 0, R, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0xfffffffffffff000ULL, 0, 0x2000, R, &d),
			 -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OVERFLOW);
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x1000, 1ULL << 52, 0x1000, R, &d),
			 -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x1000, 0, 0x1000, W, &d), -EINVAL);
	ck_assert_str_eq(d.field, "prot");
	ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &t.arena, 0x1000, 0, 0x1000, 0x40, &d),
			 -EOPNOTSUPP);
	/* unmap: a split is refused; the whole range works; a 2M page may replace an empty table */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x40000000, 0x200000, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x40000000, 0x40201000, &d), 0);
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x40000000, 0x40201000, &d), -ENOENT);
	ck_assert_int_eq(harness_map_one(&t, 0x80200000, 0x0, 0x200000, R | U), 0);
	/* unmap over 2^47 bytes of nothing is quick (bounded by tables, not length) */
	ck_assert_int_eq(iommufmt_pgtable_unmap(&t.pt, &t.arena, 0x100000000000ULL,
						0x700000000000ULL, &d), -ENOENT);
	/* the arena runs out: -ENOSPC, and nothing half-mapped */
	{
		struct iommufmt_pgtable_arena small = t.arena;

		small.size = small.used + 4096;
		ck_assert_int_eq(iommufmt_pgtable_map(&t.pt, &small, 0x7f0000000000ULL, 0, 0x1000, R, &d),
				 -ENOSPC);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL);
	}
	free(col.recs);
	harness_table_fini(&t);
}
END_TEST

static Suite *x86_suite(void)
{
	Suite *s = suite_create("pgtable-x86-64");
	TCase *tc = harness_tcase(s, "x86-64");

	tcase_add_loop_test(tc, test_differential, 0, 5);
	tcase_add_loop_test(tc, test_fuzz, 0, 4);
	tcase_add_test(tc, test_self_pointing);
	tcase_add_test(tc, test_cycles_walk_bounded);
	tcase_add_test(tc, test_outside_memory);
	tcase_add_test(tc, test_misaligned_root);
	tcase_add_test(tc, test_prepare_rejects);
	tcase_add_test(tc, test_reserved_bits);
	tcase_add_test(tc, test_1g_needs_flag);
	tcase_add_test(tc, test_non_canonical);
	tcase_add_test(tc, test_full_range_faults);
	tcase_add_test(tc, test_batch_edges);
	tcase_add_test(tc, test_coalesce);
	tcase_add_test(tc, test_dirty);
	tcase_add_test(tc, test_builders);
	return s;
}

int main(void)
{
	return test_run_suite(x86_suite());
}
