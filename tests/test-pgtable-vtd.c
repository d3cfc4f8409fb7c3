/* SPDX-License-Identifier: MIT */
/* Tests of the vtd-ss format: naive reference walker, differential runs, hostile tables, dirty. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/pgtable-harness.h"

#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define X IOMMUFMT_ACCESS_EXEC

/* ---- the reference: VT-d second stage, from the layout, one bit at a time ---- */

static void ref_vtd(const struct iommufmt_pgtable_cfg *cfg, const struct iommufmt_gmem *gmem,
		    uint64_t iova, uint32_t access, struct iommufmt_xlate *o)
{
	int levels = (int)cfg->levels, ias = (int)cfg->ias, oas = (int)cfg->oas;
	int exec = !!(cfg->flags & IOMMUFMT_PGTABLE_F_EXEC);
	int one_g = !!(cfg->flags & IOMMUFMT_PGTABLE_F_1G);
	int r_all = 1, w_all = 1, x_all = 1;
	uint64_t table = cfg->root;

	memset(o, 0, sizeof(*o));
	o->iova = iova;
	if (ref_any(iova, ias, 63)) {
		harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, levels, 0);
		return;
	}
	for (int lvl = levels; lvl >= 1; lvl--) {
		int shift = 12 + 9 * (lvl - 1), leaf, r, w, x, ps;
		uint64_t e;

		if (!harness_ref_le64(gmem, table + ((iova >> shift) % 512) * 8, &e)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_TABLE_READ, lvl, 0);
			return;
		}
		r = ref_bit(e, 0);
		w = ref_bit(e, 1);
		x = r && (exec ? ref_bit(e, 2) : 1);
		ps = ref_bit(e, 7);
		if (!r && !w) {
			harness_ref_fault(o, IOMMUFMT_FAULT_NOT_PRESENT, lvl, e);
			return;
		}
		/* the request is checked at every level, before the reserved bits */
		if (((access & R) && !r) || ((access & W) && !w) || ((access & X) && !x)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_PERMISSION, lvl, e);
			return;
		}
		leaf = lvl == 1 || ((lvl == 2 || lvl == 3) && ps);
		if ((lvl >= 4 && ps) || (lvl == 3 && ps && !one_g) ||
		    (!leaf && (ref_bit(e, 11) || ref_bit(e, 62))) ||
		    (leaf && lvl == 2 && ref_any(e, 12, 20)) ||
		    (leaf && lvl == 3 && ref_any(e, 12, 29))) {
			harness_ref_fault(o, IOMMUFMT_FAULT_RESERVED_BIT, lvl, e);
			return;
		}
		if (oas < 52 && ref_any(e, oas, 51)) {
			harness_ref_fault(o, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, lvl, e);
			return;
		}
		r_all &= r;
		w_all &= w;
		x_all &= x;
		if (leaf) {
			uint64_t size = (uint64_t)1 << shift;

			o->pa = (ref_field(e, 51, shift) << shift) + iova % size;
			o->page_size = size;
			o->perm = (r_all ? R : 0) | (w_all ? W : 0) | (x_all ? X : 0);
			o->pte = e;
			o->level = (uint32_t)lvl - 1;	/* common numbering: 0 = the 4 KiB table */
			o->native_level = (uint32_t)lvl;
			o->attrs = e & (0x38ULL | 0x40ULL | (1ULL << 11) | (1ULL << 62));
			return;
		}
		table = (ref_field(e, 51, 12) << 12);
	}
}

#define SS_LEAF_RW_PS	(0x3ULL | 0x80ULL)

static struct iommufmt_pgtable_cfg sscfg(uint32_t levels, uint32_t ias, uint32_t flags,
					 uint32_t oas)
{
	struct iommufmt_pgtable_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.format = IOMMUFMT_PGTABLE_VTD_SS;
	c.levels = levels;
	c.ias = ias;
	c.flags = flags;
	c.oas = oas;
	return c;
}

static const struct { uint32_t levels, ias, flags, oas; } cfgs[] = {
	{ 3, 0, 0, 0 },
	{ 4, 0, IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_AD, 0 },
	{ 5, 0, IOMMUFMT_PGTABLE_F_1G | IOMMUFMT_PGTABLE_F_EXEC, 0 },
	{ 4, 46, IOMMUFMT_PGTABLE_F_EXEC, 39 },
	{ 3, 0, IOMMUFMT_PGTABLE_F_1G, 46 },
};

START_TEST(test_differential)
{
	struct iommufmt_pgtable_cfg c = sscfg(cfgs[_i].levels, cfgs[_i].ias, cfgs[_i].flags,
					      cfgs[_i].oas);

	harness_differential(&c, ref_vtd, 0x55000 + (uint64_t)_i, 100000);
}
END_TEST

START_TEST(test_fuzz)
{
	struct iommufmt_pgtable_cfg c = sscfg(cfgs[_i].levels, cfgs[_i].ias, cfgs[_i].flags,
					      cfgs[_i].oas);

	harness_fuzz(&c, ref_vtd, 0xf55 + (uint64_t)_i, 20);
}
END_TEST

START_TEST(test_semantics)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = sscfg(4, 0, IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_1G, 0);
	struct iommufmt_xlate x;
	uint64_t e;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 1);
	ck_assert_int_eq(harness_map_one(&t, 0x40000000, 0x80000000, 0x1000, R | W), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x40001000, 0x80001000, 0x1000, W), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x80000000, 0xc0000000, 0x40000000, R | X), 0);
	harness_check_one(&t, ref_vtd, 0x40000010, R | W, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.perm, R | W);
	/* write-only exists in VT-d; exec needs X and R */
	harness_check_one(&t, ref_vtd, 0x40001010, W, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.perm, W);
	harness_check_one(&t, ref_vtd, 0x40001010, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	ck_assert_uint_eq(x.native_level, 1);
	harness_check_one(&t, ref_vtd, 0x80000000, R | X, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.native_level, 3);
	ck_assert_uint_eq(x.page_size, 0x40000000);
	harness_check_one(&t, ref_vtd, 0x40000000, X, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	/* the walk stops at the first level lacking the request */
	e = harness_entry_gpa9(&t, 0x40000000, 3);
	harness_put_le64(&t, e, harness_get_le64(&t, e) & ~2ULL);	/* PDPE read-only */
	harness_check_one(&t, ref_vtd, 0x40000000, W, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	ck_assert_uint_eq(x.native_level, 3);
	harness_check_one(&t, ref_vtd, 0x40000000, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.perm, R);
	/* R = W = 0 is not present; X alone does not make an entry present */
	harness_put_le64(&t, e, (harness_get_le64(&t, e) & ~3ULL) | 4);
	harness_check_one(&t, ref_vtd, 0x40000000, 0, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	ck_assert_uint_eq(x.native_level, 3);
	/* permission is checked before reserved bits (SNP in a non-leaf entry) */
	harness_put_le64(&t, e, (harness_get_le64(&t, e) | 1 | (1ULL << 11)));
	harness_check_one(&t, ref_vtd, 0x40000000, W, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
	harness_check_one(&t, ref_vtd, 0x40000000, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_RESERVED_BIT);
	/* SNP, EMT, IPAT, TM in a leaf are attributes */
	e = harness_entry_gpa9(&t, 0x80000000, 3);
	harness_put_le64(&t, e,
			 harness_get_le64(&t, e) | (1ULL << 11) | (5ULL << 3) | (1ULL << 62));
	harness_check_one(&t, ref_vtd, 0x80000000, R, &x);
	ck_assert_uint_eq(x.fault, 0);
	ck_assert_uint_eq(x.attrs, (1ULL << 11) | (5ULL << 3) | (1ULL << 62));
	/* a 1 GiB leaf where 1 GiB pages are not enabled: PS is reserved at level 3 */
	{
		struct harness_table u;
		struct iommufmt_pgtable_cfg c2 = sscfg(4, 0, 0, 0);

		harness_table_init(&u, &c2, 0x100000, 1 << 20, 7);
		ck_assert_int_eq(harness_map_one(&u, 0x40000000, 0x80000000, 0x1000, R | W), 0);
		e = harness_entry_gpa9(&u, 0x40000000, 3);
		harness_put_le64(&u, e, 0x80000000ULL | SS_LEAF_RW_PS);
		harness_check_one(&u, ref_vtd, 0x40000000, R, &x);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_RESERVED_BIT);
		ck_assert_uint_eq(x.native_level, 3);
		harness_table_fini(&u);
	}
	/* input above the address width */
	harness_check_one(&t, ref_vtd, 1ULL << 48, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_INPUT);
	ck_assert_uint_eq(x.native_level, 4);
	harness_table_fini(&t);
	/* a narrower address width than the levels cover (MGAW) */
	c = sscfg(4, 40, 0, 0);
	harness_table_init(&t, &c, 0x100000, 1 << 20, 1);
	harness_check_one(&t, ref_vtd, 1ULL << 40, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_ADDR_SIZE_INPUT);
	harness_check_one(&t, ref_vtd, (1ULL << 40) - 1, R, &x);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	ck_assert_int_eq(harness_map_one(&t, 1ULL << 40, 0, 0x1000, R), -EINVAL);
	harness_table_fini(&t);
}
END_TEST

START_TEST(test_reserved_bits)
{
	static const struct { uint32_t flags, oas; } v[] = {
		{ IOMMUFMT_PGTABLE_F_1G, 0 }, { IOMMUFMT_PGTABLE_F_EXEC, 44 }, { 0, 39 },
	};
	static const uint64_t sizes[] = { 0x1000, 0x200000, 0x40000000 };

	for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++)
		for (int s = 0; s < 3; s++) {
			struct iommufmt_pgtable_cfg c = sscfg(5, 0, v[k].flags, v[k].oas);
			struct harness_table t;
			uint64_t iova = 0x7fc0000000ULL;
			unsigned int leaf_lvl = (unsigned int)s + 1;

			if (s == 2 && !(v[k].flags & IOMMUFMT_PGTABLE_F_1G))
				continue;
			harness_table_init(&t, &c, 0x100000, 1 << 20, 2);
			ck_assert_int_eq(harness_map_one(&t, iova, 0x3c0000000ULL & ((1ULL << 39) - 1),
							 sizes[s], R | W | X), 0);
			for (unsigned int lvl = 5; lvl >= leaf_lvl; lvl--) {
				uint64_t gpa = harness_entry_gpa9(&t, iova, (int)lvl);
				uint64_t orig = harness_get_le64(&t, gpa);

				for (int b = 0; b < 64; b++) {
					struct iommufmt_xlate x;
					uint64_t e = orig ^ (1ULL << b);
					int leaf = lvl == leaf_lvl, want = 0;

					harness_put_le64(&t, gpa, e);
					harness_check_one(&t, ref_vtd, iova + 0x321, R, &x);
					if (b == 7 && lvl >= 4)
						want = IOMMUFMT_FAULT_RESERVED_BIT;
					if ((b == 11 || b == 62) && !leaf)
						want = IOMMUFMT_FAULT_RESERVED_BIT;
					if (leaf && lvl == 2 && b >= 12 && b <= 20)
						want = IOMMUFMT_FAULT_RESERVED_BIT;
					if (leaf && lvl == 3 && b >= 12 && b <= 29)
						want = IOMMUFMT_FAULT_RESERVED_BIT;
					if (!want && v[k].oas && b >= (int)v[k].oas && b <= 51)
						want = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
					if (b == 0)	/* R cleared: W still set, but a read fails */
						want = IOMMUFMT_FAULT_PERMISSION;
					if (want)
						ck_assert_msg((int)x.fault == want && x.native_level == lvl,
							      "level %u bit %d: fault %u level %u want %d",
							      lvl, b, x.fault, x.native_level, want);
					/* EMT, IPAT, TM, SNP, A, D, ignored bits: still a translation */
					if ((b >= 3 && b <= 6) || b == 8 || b == 9 || b == 10 ||
					    (b >= 52 && b <= 61) || b == 63 || (leaf && (b == 11 || b == 62)))
						ck_assert_msg(x.fault == 0, "level %u bit %d faults %u", lvl,
							      b, x.fault);
				}
				harness_put_le64(&t, gpa, orig);
			}
			harness_table_fini(&t);
		}
}
END_TEST

START_TEST(test_prepare)
{
	struct iommufmt_pgtable pt;
	struct iommufmt_diag d;
	struct iommufmt_pgtable_cfg c = sscfg(2, 0, 0, 0);

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_CFG);
	ck_assert_str_eq(d.field, "levels");
	c = sscfg(4, 49, 0, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_str_eq(d.field, "ias");
	c = sscfg(4, 39, 0, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	c = sscfg(0, 39, 0, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
	ck_assert_uint_eq(pt.cfg.levels, 3);
	ck_assert_uint_eq(pt.ias_mask, (1ULL << 39) - 1);
	c = sscfg(0, 57, 0, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), 0);
	ck_assert_uint_eq(pt.cfg.levels, 5);
	c = sscfg(4, 0, IOMMUFMT_PGTABLE_F_AFFD, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNSUPPORTED);
	c = sscfg(4, 0, 0, 0);
	c.granule = 16;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "granule");
	c = sscfg(4, 0, 0, 0);
	c.root = 0x800;
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &c, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_PGTABLE_ROOT);
}
END_TEST

START_TEST(test_dirty)
{
	struct harness_table t;
	struct iommufmt_pgtable_cfg c = sscfg(3, 0, IOMMUFMT_PGTABLE_F_AD, 0);
	__u64 bm[2];
	uint64_t e;

	harness_table_init(&t, &c, 0x100000, 1 << 20, 3);
	ck_assert_int_eq(harness_map_one(&t, 0x200000, 0x400000, 0x200000, R | W), 0);
	ck_assert_int_eq(harness_map_one(&t, 0x400000, 0x10000, 0x8000, R | W), 0);
	e = harness_entry_gpa9(&t, 0x200000, 2);
	harness_put_le64(&t, e, harness_get_le64(&t, e) | (1ULL << 9));
	e = harness_entry_gpa9(&t, 0x405000, 1);
	harness_put_le64(&t, e, harness_get_le64(&t, e) | (1ULL << 9) | (1ULL << 8));
	/* bit 6 (IPAT) is not the dirty bit in this format */
	harness_put_le64(&t, harness_entry_gpa9(&t, 0x406000, 1),
			 harness_get_le64(&t, harness_entry_gpa9(&t, 0x406000, 1)) | 0x40);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x3fc000, 0x407fff,
						IOMMUFMT_DIRTY_CLEAR, bm, 128), 0);
	ck_assert_uint_eq(bm[0], 0xfULL | (1ULL << 9));
	ck_assert_uint_eq(harness_get_le64(&t, e) & (3ULL << 8), 1ULL << 8);
	/* the 2 MiB page only partly inside keeps its D bit (its other part is not harvested yet) */
	ck_assert_uint_eq(harness_get_le64(&t, harness_entry_gpa9(&t, 0x200000, 2)) & (1ULL << 9),
			  1ULL << 9);
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x3fc000, 0x407fff, 0, bm, 128), 0);
	ck_assert_uint_eq(bm[0], 0xfULL);
	/* harvested whole, it is cleared */
	{
		__u64 big[8];

		ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x200000, 0x3fffff,
							IOMMUFMT_DIRTY_CLEAR, big, 512), 0);
		ck_assert_uint_eq(big[0] & big[7], ~0ULL);
	}
	ck_assert_int_eq(iommufmt_pgtable_dirty_harvest(&t.pt, &t.gmem, 0x3fc000, 0x407fff, 0, bm, 128), 0);
	ck_assert_uint_eq(bm[0], 0);
	harness_table_fini(&t);
}
END_TEST

static Suite *vtd_suite(void)
{
	Suite *s = suite_create("pgtable-vtd-ss");
	TCase *tc = harness_tcase(s, "vtd-ss");

	tcase_add_loop_test(tc, test_differential, 0, 5);
	tcase_add_loop_test(tc, test_fuzz, 0, 5);
	tcase_add_test(tc, test_semantics);
	tcase_add_test(tc, test_reserved_bits);
	tcase_add_test(tc, test_prepare);
	tcase_add_test(tc, test_dirty);
	return s;
}

int main(void)
{
	return test_run_suite(vtd_suite());
}
