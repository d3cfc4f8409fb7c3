/* SPDX-License-Identifier: MIT */
/* Deep checks: guest CD, PASID and GCR3 tables built in guest memory, corrupted one entry at a time. */
#include <errno.h>
#include <string.h>

#include "tests/bindtest.h"
#include "tests/testutil.h"

#define B(n) (UINT64_C(1) << (n))
#define MEM_GPA UINT64_C(0x40000000)
#define MEM_SIZE (UINT64_C(4) << 20)

/* A valid SMMU CD (the fixture's) for a table of stage-1 roots inside guest memory. */
static uint64_t smmu_cd0(void)
{
	return 16 | (1u << 8) | (1u << 10) | (3u << 12) | B(30) | B(31) | (UINT64_C(5) << 32) |
	       B(41) | B(45) | B(46) | (UINT64_C(0x42) << 48);
}

static void put_cd(struct bt_gmem *g, uint64_t gpa, uint64_t w0, uint64_t ttb0)
{
	bt_gmem_put64(g, gpa, w0);
	bt_gmem_put64(g, gpa + 8, ttb0);
}

/* One deep check: the example host of a model, guest memory, its good PASID-table bind, a diag. */
struct deep {
	struct iommufmt_host *h;
	struct bt_gmem g;
	struct bt_bind b;
	struct iommufmt_diag d;
};

static void deep_open(struct deep *t, enum bt_model m)
{
	t->h = bt_host(m);
	bt_gmem_init(&t->g, MEM_GPA, MEM_SIZE);
	iommufmt_diag_init(&t->d);
	bt_good_pasid_table(m, &t->b);
}

static void deep_close(struct deep *t)
{
	bt_gmem_free(&t->g);
	iommufmt_host_free(t->h);
}

/* The check with the guest memory. */
static int deep_check(struct deep *t)
{
	return bt_check(t->h, &t->b, &t->g.gmem, &t->d);
}

/* The check rejects an entry of a guest table: -EIO naming the entry's field and index. */
static void expect_entry(struct deep *t, const char *field, uint32_t index)
{
	const struct iommufmt_diag *d = &t->d;
	int r = deep_check(t);

	ck_assert_msg(r == -EIO, "got %d (%s: %s)", r, d->field, d->text);
	ck_assert_uint_eq(d->code, IOMMUFMT_DIAG_BIND_TABLE_ENTRY);
	ck_assert_int_eq(d->error, -EIO);
	ck_assert_msg(!strcmp(d->field, field), "field %s (%s), want %s", d->field, d->text, field);
	ck_assert(d->flags & IOMMUFMT_DIAG_FLAGS_INDEX);
	ck_assert_uint_eq(d->index, index);
}

/* The check cannot read a guest table: -EFAULT with the index it was reading for. */
static void expect_fault(struct deep *t, uint32_t index)
{
	ck_assert_int_eq(deep_check(t), -EFAULT);
	ck_assert_uint_eq(t->d.code, IOMMUFMT_DIAG_GUEST_FAULT);
	ck_assert_uint_eq(t->d.index, index);
}

START_TEST(test_smmu_linear_cd_table)
{
	struct deep t;
	const uint64_t base = MEM_GPA;	/* 16 CDs */

	deep_open(&t, BT_SMMU);
	ck_assert_uint_eq(t.b.pt.base, base);
	/* Empty table: nothing present, nothing to reject. */
	ck_assert_int_eq(deep_check(&t), 0);
	for (int ssid = 0; ssid < 16; ssid += 3)
		put_cd(&t.g, base + 64 * ssid, smmu_cd0(), MEM_GPA + 0x100000 + 0x1000 * ssid);
	ck_assert_int_eq(deep_check(&t), 0);
	/* Corrupt SSID 9's granule: reported with its SSID and field. */
	put_cd(&t.g, base + 64 * 9, smmu_cd0() | (UINT64_C(3) << 6), MEM_GPA + 0x109000);
	expect_entry(&t, "cd.tg0", 9);
	ck_assert_uint_eq(t.d.value, 3);
	/* Without guest memory the same bind passes: the deep check is optional. */
	ck_assert_int_eq(bt_check(t.h, &t.b, NULL, &t.d), 0);
	/* Reserved word 7 of SSID 15 (a CD past the corrupt one is never reached first). */
	put_cd(&t.g, base + 64 * 9, smmu_cd0(), MEM_GPA + 0x109000);
	bt_gmem_put64(&t.g, base + 64 * 15 + 56, 1);
	expect_entry(&t, "cd.w7", 15);
	/* Invalid CDs (V = 0) are skipped whatever they hold. */
	bt_gmem_put64(&t.g, base + 64 * 15, smmu_cd0() & ~B(31));
	ck_assert_int_eq(deep_check(&t), 0);
	/* A table outside guest memory: -EFAULT with the address. */
	t.b.pt.base = MEM_GPA + MEM_SIZE - 512;
	bt_set_bits(&t.b, 0, 6, 46, t.b.pt.base >> 6);
	expect_fault(&t, 8);
	ck_assert_uint_eq(t.d.value, MEM_GPA + MEM_SIZE);
	deep_close(&t);
}
END_TEST

START_TEST(test_smmu_2level_cd_table)
{
	struct deep t;
	const uint64_t l1 = MEM_GPA, l2 = MEM_GPA + 0x10000;

	deep_open(&t, BT_SMMU);
	/* S1Fmt 1 (4K leaves of 64 CDs), S1CDMax 8: 4 L1 descriptors. */
	t.b.pt.format = IOMMUFMT_PASIDT_SMMU_2L_4K;
	t.b.pt.pasid_bits = 8;
	t.b.pt.base = l1;
	bt_set_bits(&t.b, 0, 4, 2, 1);
	bt_set_bits(&t.b, 0, 59, 5, 8);
	bt_set_bits(&t.b, 0, 6, 46, l1 >> 6);
	for (int i = 0; i < 4; i += 2) {
		bt_gmem_put64(&t.g, l1 + 8 * i, (l2 + 0x1000 * i) | 1);
		put_cd(&t.g, l2 + 0x1000 * i + 64 * 5, smmu_cd0(), MEM_GPA + 0x200000);
	}
	ck_assert_int_eq(deep_check(&t), 0);
	/* SSID 2 * 64 + 5 = 133: bad shareability. */
	put_cd(&t.g, l2 + 0x2000 + 64 * 5, (smmu_cd0() & ~(UINT64_C(3) << 12)) | (UINT64_C(1) << 12),
	       MEM_GPA + 0x200000);
	expect_entry(&t, "cd.sh0", 133);
	/* An L1 descriptor with reserved bits, reported with its L1 index. */
	put_cd(&t.g, l2 + 0x2000 + 64 * 5, smmu_cd0(), MEM_GPA + 0x200000);
	bt_gmem_put64(&t.g, l1 + 8 * 2, (l2 + 0x2000) | 1 | B(4));
	expect_entry(&t, "l1cd", 2);
	/* An L1 descriptor pointing outside guest memory. */
	bt_gmem_put64(&t.g, l1 + 8 * 2, (UINT64_C(0x7000000000)) | 1);
	expect_fault(&t, 128);
	deep_close(&t);
}
END_TEST

/* A VT-d first-stage PASID entry as the guest writes it. */
static void put_pe(struct bt_gmem *g, uint64_t gpa, uint64_t root, uint64_t pgtt)
{
	bt_gmem_put64(g, gpa, 1 | (pgtt << 6));
	bt_gmem_put64(g, gpa + 8, 3);
	bt_gmem_put64(g, gpa + 16, pgtt == 1 ? (root | 1) : 0);
}

START_TEST(test_vtd_pasid_directory)
{
	struct deep t;
	const uint64_t dir = MEM_GPA, tbl = MEM_GPA + 0x10000;

	deep_open(&t, BT_INTEL);	/* pasid_bits 13: 128 directory entries */
	t.b.pt.base = dir;
	bt_set_bits(&t.b, 0, 12, 52, dir >> 12);
	bt_gmem_put64(&t.g, dir + 8 * 1, tbl | 1);	/* PASIDs 64..127 */
	put_pe(&t.g, tbl + 64 * 6, MEM_GPA + 0x100000, 1);	/* PASID 70: first stage */
	put_pe(&t.g, tbl + 64 * 7, 0, 4);			/* PASID 71: pass-through */
	ck_assert_int_eq(deep_check(&t), 0);
	/* A second-stage entry in the guest's table cannot be nested. */
	put_pe(&t.g, tbl + 64 * 6, MEM_GPA + 0x100000, 2);
	expect_entry(&t, "pe.pgtt", 70);
	/* A reserved word. */
	put_pe(&t.g, tbl + 64 * 6, MEM_GPA + 0x100000, 1);
	bt_gmem_put64(&t.g, tbl + 64 * 7 + 40, 1);
	put_pe(&t.g, tbl + 64 * 7, MEM_GPA + 0x101000, 1);
	expect_entry(&t, "pe.w5", 71);
	/* A directory entry with reserved bits. */
	bt_gmem_put64(&t.g, tbl + 64 * 7 + 40, 0);
	bt_gmem_put64(&t.g, dir + 8 * 1, tbl | 1 | B(5));
	expect_entry(&t, "pde", 1);
	/* A directory entry pointing at unreadable memory. */
	bt_gmem_put64(&t.g, dir + 8 * 1, UINT64_C(0x7000000000) | 1);
	expect_fault(&t, 64);
	deep_close(&t);
}
END_TEST

START_TEST(test_amd_gcr3_table)
{
	struct deep t;
	const uint64_t root = MEM_GPA, l0 = MEM_GPA + 0x1000;

	deep_open(&t, BT_AMD);	/* GLX 1, 16 PASID bits */
	t.b.pt.base = root;
	bt_set_bits(&t.b, 0, 58, 3, (root >> 12) & 7);
	bt_set_bits(&t.b, 1, 16, 16, (root >> 15) & 0xffff);
	bt_set_bits(&t.b, 1, 43, 21, root >> 31);
	ck_assert_msg(deep_check(&t) == 0, "%s: %s (index %u)", t.d.field, t.d.text, t.d.index);
	bt_gmem_put64(&t.g, root + 8 * 1, l0 | 1);		/* PASIDs 0x200..0x3ff */
	bt_gmem_put64(&t.g, l0 + 8 * 5, (MEM_GPA + 0x100000) | 1);	/* PASID 0x205 */
	ck_assert_int_eq(deep_check(&t), 0);
	bt_gmem_put64(&t.g, l0 + 8 * 5, (MEM_GPA + 0x100000) | 1 | B(3));
	expect_entry(&t, "gcr3.w0[11:1]", 0x205);
	bt_gmem_put64(&t.g, l0 + 8 * 5, (MEM_GPA + 0x100000) | 1);
	bt_gmem_put64(&t.g, root + 8 * 1, l0 | 1 | B(60));
	expect_entry(&t, "gcr3_table", 0x200);
	/* A non-leaf entry pointing at its own table: the walk still ends (levels only descend). */
	bt_gmem_put64(&t.g, root + 8 * 1, root | 1);
	bt_gmem_put64(&t.g, root + 8 * 5, (MEM_GPA + 0x100000) | 1);
	ck_assert_int_eq(deep_check(&t), 0);
	/* Entries past the PASID width are not read: with pasid_bits 10 the top table covers
	 * indices 0 and 1 only, so a corrupt entry at index 100 matters for 16 bits alone. */
	bt_gmem_put64(&t.g, root + 8 * 1, l0 | 1);
	t.b.pt.pasid_bits = 10;
	bt_gmem_put64(&t.g, root + 8 * 100, 0xdead0001 | B(2));
	ck_assert_int_eq(deep_check(&t), 0);
	t.b.pt.pasid_bits = 16;
	expect_entry(&t, "gcr3_table", 100u << 9);
	deep_close(&t);
}
END_TEST

/* Page-table binds: the deep check reads the root table. */
START_TEST(test_pgtable_root_readable)
{
	for (int m = 0; m < BT_NR_MODELS; m++) {
		struct iommufmt_host *h = bt_host(m);
		struct bt_gmem g;
		struct bt_bind b;
		struct iommufmt_diag d;

		bt_good_pgtable(m, &b);
		iommufmt_diag_init(&d);
		bt_gmem_init(&g, b.pg.root & ~UINT64_C(0xffff), 0x10000);
		ck_assert_msg(bt_check(h, &b, &g.gmem, &d) == 0, "%s: %s", bt_model_names[m], d.text);
		bt_gmem_free(&g);
		bt_gmem_init(&g, (b.pg.root & ~UINT64_C(0xffff)) + 0x10000, 0x10000);
		ck_assert_int_eq(bt_check(h, &b, &g.gmem, &d), -EFAULT);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_GUEST_FAULT);
		ck_assert_str_eq(d.field, "root");
		bt_gmem_free(&g);
		iommufmt_host_free(h);
	}
}
END_TEST

/* Random corruption of a whole CD table: never a crash, never more reads than the table has. */
static int count_reads(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	unsigned int *n = opaque;

	(void)gpa;
	(void)write;
	(*n)++;
	memset(buf, 0xff, len);
	return 0;
}

START_TEST(test_deep_bounded)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct iommufmt_gmem gm = { .access = count_reads };
	struct bt_bind b;
	unsigned int reads = 0;

	gm.opaque = &reads;
	bt_good_pasid_table(BT_SMMU, &b);
	/* Every byte of guest memory reads as 0xff: every CD is "valid" and broken. */
	ck_assert_int_eq(bt_check(h, &b, &gm, NULL), -EIO);
	ck_assert_uint_eq(reads, 1);
	/* 2-level 64K with S1CDMax 12: L1 descriptors of all ones have reserved bits. */
	b.pt.format = IOMMUFMT_PASIDT_SMMU_2L_64K;
	b.pt.pasid_bits = 12;
	bt_set_bits(&b, 0, 4, 2, 2);
	bt_set_bits(&b, 0, 59, 5, 12);
	reads = 0;
	ck_assert_int_eq(bt_check(h, &b, &gm, NULL), -EIO);
	ck_assert_uint_eq(reads, 1);
	iommufmt_host_free(h);
}
END_TEST

/*
 * Hostile input: random headers, payloads and guest memory for every model.
 * Every result is one of the library's errnos, a reject always names a field
 * and its code, and the deep walk ends (the guest memory is random, so the
 * tables are garbage that points back into itself).
 */
START_TEST(test_random_input)
{
	struct test_rng rng;
	struct bt_gmem g;
	unsigned int accepted = 0, rejected = 0;

	test_rng_seed(&rng, 0xb1d5);
	bt_gmem_init(&g, MEM_GPA, 1 << 20);
	for (uint64_t i = 0; i < g.size; i += 8)
		bt_gmem_put64(&g, MEM_GPA + i, test_rng_next(&rng) & test_rng_next(&rng));
	for (int iter = 0; iter < 6000; iter++) {
		enum bt_model m = (enum bt_model)test_rng_below(&rng, BT_NR_MODELS);
		struct iommufmt_host *h = bt_host(m);
		struct bt_bind b;
		struct iommufmt_diag d;
		int r, good;

		good = test_rng_below(&rng, 2) ? bt_good_pasid_table(m, &b) : 0;
		if (!good)
			bt_good_pgtable(m, &b);
		/*
		 * Flip a few random bits of the header or the payload. data_len and
		 * data_uptr stay: they describe the caller's buffer, which the library
		 * must be able to trust as much as a kernel trusts copy_from_user().
		 */
		for (int k = 0; k < 1 + (int)test_rng_below(&rng, 3); k++) {
			uint8_t *p;
			size_t len;

			switch (test_rng_below(&rng, 3)) {
			case 0:
				p = (uint8_t *)(b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ?
						(void *)&b.pt : (void *)&b.pg);
				len = b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? 36 : 40;
				p[test_rng_below(&rng, len)] ^= (uint8_t)(1u << test_rng_below(&rng, 8));
				break;
			default:
				p = (uint8_t *)b.payload;
				p[test_rng_below(&rng, 64)] ^= (uint8_t)(1u << test_rng_below(&rng, 8));
				break;
			}
		}
		/* Point the tables into the random guest memory half the time. */
		if (test_rng_below(&rng, 2)) {
			b.pt.base = MEM_GPA + (test_rng_below(&rng, 256) << 12);
			b.pg.root = MEM_GPA + (test_rng_below(&rng, 256) << 12);
		}
		iommufmt_diag_init(&d);
		r = bt_check(h, &b, test_rng_below(&rng, 2) ? &g.gmem : NULL, &d);
		ck_assert_msg(r == 0 || r == -EINVAL || r == -E2BIG || r == -EOPNOTSUPP ||
			      r == -EFAULT || r == -EIO, "errno %d outside the vocabulary", r);
		if (r) {
			ck_assert_int_eq(d.error, r);
			ck_assert_msg(d.field[0] && d.text[0] && iommufmt_diag_name(d.code),
				      "reject without field/text/code: %d 0x%x", r, d.code);
			rejected++;
		} else {
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
			accepted++;
		}
		iommufmt_host_free(h);
	}
	ck_assert_uint_gt(accepted, 100);
	ck_assert_uint_gt(rejected, 1000);
	bt_gmem_free(&g);
}
END_TEST

static Suite *deep_suite(void)
{
	Suite *s = suite_create("bind-deep");
	TCase *tc = tcase_create("deep");

	tcase_add_test(tc, test_smmu_linear_cd_table);
	tcase_add_test(tc, test_smmu_2level_cd_table);
	tcase_add_test(tc, test_vtd_pasid_directory);
	tcase_add_test(tc, test_amd_gcr3_table);
	tcase_add_test(tc, test_pgtable_root_readable);
	tcase_add_test(tc, test_deep_bounded);
	tcase_add_test(tc, test_random_input);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(deep_suite());
}
