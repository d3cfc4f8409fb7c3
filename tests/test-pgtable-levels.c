/* SPDX-License-Identifier: MIT */
/* The two level numberings of results: a leaf of every page size of every format, by translate and walk. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define ARENA_GPA	0x100000000ULL
#define ARENA_SIZE	(16ULL << 20)

struct lv_cfg {
	const char *format;
	__u32 levels, flags, granule, ias, oas, sl0, top;
};

/* One configuration per root depth and granule the formats have (the bench's set, with 1 GiB pages). */
static const struct lv_cfg cfgs[] = {
	{ "x86-64", 4, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ "x86-64", 5, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ "vtd-ss", 3, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ "vtd-ss", 4, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ "vtd-ss", 5, IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ "amd-v1", 3, 0, 0, 0, 0, 0, 0 },
	{ "amd-v1", 4, 0, 0, 0, 0, 0, 0 },
	{ "amd-v1", 6, 0, 0, 0, 0, 0, 0 },
	{ "arm-lpae-s1", 0, 0, 12, 48, 48, 0, 0 },
	{ "arm-lpae-s1", 0, 0, 14, 48, 48, 0, 0 },
	{ "arm-lpae-s1", 0, 0, 16, 48, 48, 0, 0 },
	{ "arm-lpae-s2", 0, 0, 12, 40, 48, 1, 0 },
	{ "arm-lpae-s2", 0, 0, 14, 40, 48, 2, 0 },
	{ "arm-lpae-s2", 0, 0, 16, 42, 48, 1, 0 },
	{ "s390-dat", 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RF },
	{ "s390-dat", 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RS },
	{ "s390-dat", 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_SX },
};

/*
 * The expected native level of a leaf of 2^@lg2 bytes, from each format's
 * specification (not from the library's geometry code): x86-64, vtd-ss and
 * amd-v1 count 1 for the 4 KiB table and 9 input bits per level (amd-v1's
 * size-encoded pages sit in the table of the largest standard size below
 * them); Arm counts 3 for the granule's table and granule - 3 bits per
 * level (contiguous runs stay in their level); s390 has 4 KiB pages in
 * level 1, 1 MiB segments in 2 and 2 GiB region-third entries in 3.
 */
static unsigned int native_of(const struct lv_cfg *c, unsigned int lg2)
{
	if (!strncmp(c->format, "arm-lpae", 8))
		return 3 - (lg2 - c->granule) / (c->granule - 3);
	if (!strcmp(c->format, "s390-dat"))
		return lg2 < 20 ? 1 : lg2 < 31 ? 2 : 3;
	return (lg2 - 12) / 9 + 1;
}

/* The common level of the table @native names: iommufmt.h's table. */
static unsigned int common_of(const struct lv_cfg *c, unsigned int native)
{
	return !strncmp(c->format, "arm-lpae", 8) ? 3 - native : native - 1;
}

static int first_rec(void *opaque, const struct iommufmt_xlate *rec)
{
	*(struct iommufmt_xlate *)opaque = *rec;
	return 1;
}

/* A fresh table of configuration @c with its root in a new arena over @host. */
static void prepare_fresh(const struct lv_cfg *c, uint8_t *host,
			  struct iommufmt_pgtable_arena *a, struct iommufmt_pgtable *pt)
{
	const struct iommufmt_pgtable_ops *ops = iommufmt_pgtable_by_name(c->format);
	struct iommufmt_pgtable_cfg cfg = { .argsz = sizeof(cfg) };

	ck_assert_ptr_nonnull(ops);
	*a = (struct iommufmt_pgtable_arena){ ARENA_GPA, ARENA_SIZE, 0, host };
	cfg.format = ops->format;
	cfg.levels = c->levels;
	cfg.flags = c->flags;
	cfg.granule = c->granule;
	cfg.ias = c->ias;
	cfg.oas = c->oas;
	cfg.sl0 = c->sl0;
	cfg.top = c->top;
	ck_assert_int_eq(iommufmt_pgtable_alloc_root(&cfg, a, NULL), 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(pt, &cfg, NULL), 0);
}

/* Guest memory: the arena's used part, one flat region. */
static void arena_gmem(const struct iommufmt_pgtable_arena *a, struct iommufmt_gmem_region *reg,
		       struct iommufmt_gmem *gmem)
{
	*reg = (struct iommufmt_gmem_region){ a->gpa, a->used, a->host, 0, 0 };
	*gmem = (struct iommufmt_gmem){ reg, 1, 0, NULL, NULL };
}

START_TEST(test_leaf_levels)
{
	const struct lv_cfg *c = &cfgs[_i];
	const __u32 prot = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER;
	uint8_t *host = malloc(ARENA_SIZE);
	unsigned int tested = 0;
	__u64 bitmap;

	ck_assert_ptr_nonnull(host);
	{
		struct iommufmt_pgtable_arena a;
		struct iommufmt_pgtable pt;

		prepare_fresh(c, host, &a, &pt);
		bitmap = pt.pgsize_bitmap;
	}
	ck_assert_uint_ne(bitmap, 0);
	for (unsigned int lg2 = 0; lg2 < 64; lg2++) {
		const __u64 size = 1ULL << lg2;
		struct iommufmt_pgtable_arena a;
		struct iommufmt_pgtable pt;
		struct iommufmt_gmem_region reg;
		struct iommufmt_gmem gmem;
		struct iommufmt_xlate x, rec;
		struct iommufmt_diag diag;
		int r;
		unsigned int native = native_of(c, lg2);

		if (!(bitmap & size))
			continue;
		/* a fresh table per size, the leaf at input 0 */
		prepare_fresh(c, host, &a, &pt);
		if (size - 1 > pt.ias_mask || size - 1 > pt.oas_mask)
			continue;
		memset(&diag, 0, sizeof(diag));
		diag.argsz = sizeof(diag);
		/* output @size where it fits (s390 cannot map frame 0 writable: its entry would be 0) */
		r = iommufmt_pgtable_map(&pt, &a, 0, size <= (pt.oas_mask >> 1) ? size : 0, size, prot,
					 &diag);
		ck_assert_msg(r == 0, "%s top %u: map 2^%u: %d %s", c->format, c->top, lg2, r,
			      diag.text);
		arena_gmem(&a, &reg, &gmem);

		ck_assert_int_eq(iommufmt_pgtable_translate(&pt, &gmem, size - 1, IOMMUFMT_ACCESS_READ, &x), 0);
		ck_assert_msg(!x.fault && x.page_size == size && x.native_level == native &&
			      x.level == common_of(c, native),
			      "%s (levels %u granule %u top %u) 2^%u page: fault %u size 0x%llx "
			      "level %u native %u, expected level %u native %u", c->format, c->levels,
			      c->granule, c->top, lg2, x.fault, (unsigned long long)x.page_size,
			      x.level, x.native_level, common_of(c, native), native);
		memset(&rec, 0xff, sizeof(rec));
		ck_assert_int_eq(iommufmt_pgtable_walk_range(&pt, &gmem, 0, size - 1, 0, first_rec, &rec), 1);
		ck_assert_uint_eq(rec.level, x.level);
		ck_assert_uint_eq(rec.native_level, x.native_level);
		tested++;
	}
	ck_assert_uint_ne(tested, 0);
	free(host);
}
END_TEST

/* A fault names the level too: an empty root reports the root in both numberings. */
START_TEST(test_fault_levels)
{
	const struct lv_cfg *c = &cfgs[_i];
	uint8_t *host = malloc(ARENA_SIZE);
	struct iommufmt_pgtable_arena a;
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	struct iommufmt_xlate x;

	ck_assert_ptr_nonnull(host);
	prepare_fresh(c, host, &a, &pt);
	arena_gmem(&a, &reg, &gmem);
	ck_assert_int_eq(iommufmt_pgtable_translate(&pt, &gmem, 0, IOMMUFMT_ACCESS_READ, &x), 0);
	ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
	ck_assert_uint_eq(x.native_level, pt.start_level);
	ck_assert_uint_eq(x.level, common_of(c, pt.start_level));
	ck_assert_uint_eq(x.level + 1, pt.nr_levels);
	free(host);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("pgtable-levels");
	TCase *tc = tcase_create("levels");

	tcase_add_loop_test(tc, test_leaf_levels, 0, (int)(sizeof(cfgs) / sizeof(cfgs[0])));
	tcase_add_loop_test(tc, test_fault_levels, 0, (int)(sizeof(cfgs) / sizeof(cfgs[0])));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(suite());
}
