/* SPDX-License-Identifier: MIT */
/* Tests of nested translation: x86-64 over vtd-ss and amd-v1 (and arm-lpae S1 over S2), against a model. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define HX(v) ((unsigned long long)(v))
#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define U IOMMUFMT_ACCESS_USER

/*
 * Physical memory: the stage-2 tables at S2_PA; the stage-1 tables in a
 * buffer at S1_PA, which stage 2 maps at IPA S1_IPA. Data: stage 1 maps
 * IOVAs into the IPA window [DATA_IPA, DATA_IPA + 1 GiB); stage 2 maps parts
 * of that window to PAs (never read).
 */
#define S2_PA		0x10000000ULL
#define S1_PA		0x20000000ULL
#define S1_IPA		0x40000000ULL
#define ARENA_SIZE	(8ULL << 20)
#define DATA_IPA	0x80000000ULL

struct map { uint64_t iova, pa, len; uint32_t prot; };

struct stage {
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_arena arena;
	struct map maps[512];
	size_t n;
};

struct nest {
	struct stage s1, s2;
	struct iommufmt_gmem_region regs[2];
	struct iommufmt_gmem gmem;
	struct iommufmt_gmem_region ipa_reg;	/* stage-1 tables seen directly at their IPA */
	struct iommufmt_gmem s1_direct;
};

static int stage_init(struct stage *s, const struct iommufmt_pgtable_cfg *cfg, uint64_t gpa,
		      void *host)
{
	struct iommufmt_diag d;
	int r;

	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	s->arena = (struct iommufmt_pgtable_arena){ .gpa = gpa, .size = ARENA_SIZE, .host = host };
	iommufmt_diag_init(&d);
	r = iommufmt_pgtable_alloc_root(&s->cfg, &s->arena, &d);
	if (r)
		return r;
	r = iommufmt_pgtable_prepare(&s->pt, &s->cfg, &d);
	ck_assert_msg(r == 0, "prepare: %s", d.text);
	return 0;
}

static int stage_map(struct stage *s, uint64_t iova, uint64_t pa, uint64_t len, uint32_t prot)
{
	int r = iommufmt_pgtable_map(&s->pt, &s->arena, iova, pa, len, prot, NULL);

	if (!r && s->n < 512)
		s->maps[s->n++] = (struct map){ iova, pa, len, prot };
	return r;
}

static const struct map *lookup(const struct stage *s, uint64_t a)
{
	for (size_t i = 0; i < s->n; i++)
		if (a - s->maps[i].iova < s->maps[i].len)
			return &s->maps[i];
	return NULL;
}

/* Returns 0, or -EOPNOTSUPP when a format has no builder yet (part B's formats). */
static int nest_init(struct nest *n, const struct iommufmt_pgtable_cfg *c1,
		     const struct iommufmt_pgtable_cfg *c2)
{
	void *h1 = aligned_alloc(4096, ARENA_SIZE), *h2 = aligned_alloc(4096, ARENA_SIZE);
	int r;

	ck_assert(h1 && h2);
	memset(n, 0, sizeof(*n));
	r = stage_init(&n->s2, c2, S2_PA, h2);
	if (!r)
		r = stage_init(&n->s1, c1, S1_IPA, h1);
	if (r) {
		free(h1);
		free(h2);
		return r;
	}
	n->regs[0] = (struct iommufmt_gmem_region){ S2_PA, ARENA_SIZE, h2, 0, 0 };
	n->regs[1] = (struct iommufmt_gmem_region){ S1_PA, ARENA_SIZE, h1, 0, 0 };
	n->gmem = (struct iommufmt_gmem){ n->regs, 2, 0, NULL, NULL };
	n->ipa_reg = (struct iommufmt_gmem_region){ S1_IPA, ARENA_SIZE, h1, 0, 0 };
	n->s1_direct = (struct iommufmt_gmem){ &n->ipa_reg, 1, 0, NULL, NULL };
	/* stage 2 shows the stage-1 tables at their IPA */
	ck_assert_int_eq(stage_map(&n->s2, S1_IPA, S1_PA, ARENA_SIZE, R | W), 0);
	return 0;
}

static void nest_fini(struct nest *n)
{
	free(n->s1.arena.host);
	free(n->s2.arena.host);
}

/* Check one nested translation against the two models. */
static void check_one(struct nest *n, uint64_t iova, uint32_t access)
{
	struct iommufmt_xlate x, x1, x2;
	const struct map *m1 = lookup(&n->s1, iova), *m2;
	uint64_t ipa;

	ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, &n->gmem, iova, access,
						   &x), 0);
	ck_assert_uint_eq(x.iova, iova);
	if (!m1) {
		ck_assert_msg(x.fault && x.stage == 1, "iova 0x%llx: unmapped at stage 1 but fault %u "
			      "stage %u", HX(iova), x.fault, x.stage);
		return;
	}
	ipa = m1->pa + (iova - m1->iova);
	if ((access & W) && !(m1->prot & W)) {
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
		ck_assert_uint_eq(x.stage, 1);
		return;
	}
	m2 = lookup(&n->s2, ipa);
	if (!m2) {
		ck_assert_msg(x.fault == IOMMUFMT_FAULT_NOT_PRESENT && x.stage == 2 &&
			      x.fault_addr == ipa, "iova 0x%llx ipa 0x%llx: fault %u stage %u at 0x%llx",
			      HX(iova), HX(ipa), x.fault, x.stage, HX(x.fault_addr));
		return;
	}
	if ((access & W) && !(m2->prot & W)) {
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_PERMISSION);
		ck_assert_uint_eq(x.stage, 2);
		ck_assert_uint_eq(x.fault_addr, ipa);
		return;
	}
	ck_assert_msg(!x.fault && x.stage == 0 && x.pa == m2->pa + (ipa - m2->iova),
		      "iova 0x%llx: fault %u stage %u pa 0x%llx, expected 0x%llx", HX(iova), x.fault,
		      x.stage, HX(x.pa), HX(m2->pa + (ipa - m2->iova)));
	/* size: the smaller leaf; permissions: both stages */
	ck_assert_int_eq(iommufmt_pgtable_translate(&n->s1.pt, &n->s1_direct, iova, access, &x1), 0);
	ck_assert_int_eq(iommufmt_pgtable_translate(&n->s2.pt, &n->gmem, ipa, access, &x2), 0);
	ck_assert(!x1.fault && !x2.fault);
	ck_assert_uint_eq(x.page_size, x1.page_size < x2.page_size ? x1.page_size : x2.page_size);
	ck_assert_uint_eq(x.perm & (R | W), x1.perm & x2.perm & (R | W));
	ck_assert_uint_eq(x.pte, x1.pte);
	ck_assert_uint_eq(x.level, x1.level);
	ck_assert_uint_eq(x.native_level, x1.native_level);
}

static void run_pair(const struct iommufmt_pgtable_cfg *c1, const struct iommufmt_pgtable_cfg *c2,
		     uint64_t seed)
{
	struct nest *n = calloc(1, sizeof(*n));
	struct test_rng rng;
	struct iommufmt_xlate x;
	uint64_t iova0 = 0;

	ck_assert_ptr_nonnull(n);
	test_rng_seed(&rng, seed);
	ck_assert_int_eq(nest_init(n, c1, c2), 0);
	/* stage 2: parts of the data window, 2 MiB pieces, some read-only */
	for (int i = 0; i < 200; i++) {
		uint64_t ipa = DATA_IPA + (test_rng_below(&rng, 512) << 21);

		stage_map(&n->s2, ipa, 0x100000000ULL + (test_rng_below(&rng, 1 << 16) << 21),
			  2ULL << 20, test_rng_below(&rng, 4) ? R | W : R);
	}
	/* stage 1: IOVAs into the window, 4 KiB and 2 MiB pages */
	for (int i = 0; i < 300; i++) {
		uint64_t big = test_rng_below(&rng, 8) == 0;
		uint64_t sz = big ? 2ULL << 20 : 4096;
		uint64_t iova = (test_rng_below(&rng, 1ULL << 36) & ~(sz - 1));
		uint64_t ipa = DATA_IPA + (test_rng_below(&rng, 1ULL << 30) & ~(sz - 1));

		if (!stage_map(&n->s1, iova, ipa, sz, test_rng_below(&rng, 3) ? R | W | U : R | U) &&
		    !iova0 && lookup(&n->s2, ipa))
			iova0 = iova;	/* one that translates through both stages */
	}
	ck_assert_uint_gt(n->s1.n, 100);
	ck_assert_uint_ne(iova0, 0);
	for (int i = 0; i < 20000; i++) {
		uint64_t iova;

		if (test_rng_below(&rng, 4)) {
			const struct map *m = &n->s1.maps[test_rng_below(&rng, n->s1.n)];

			iova = m->iova + test_rng_below(&rng, m->len);
		} else {
			iova = test_rng_below(&rng, 1ULL << 36);
		}
		check_one(n, iova, test_rng_below(&rng, 2) ? R : W);
	}
	/* a stage-1 table whose IPA stage 2 does not map: a stage-2 fault on the table read */
	{
		struct iommufmt_xlate good;
		uint64_t root_ipa = n->s1.cfg.root;

		ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, &n->gmem, iova0, R,
							   &good), 0);
		ck_assert_uint_eq(good.stage, 0);
		ck_assert_int_eq(iommufmt_pgtable_unmap(&n->s2.pt, &n->s2.arena, S1_IPA, ARENA_SIZE,
							NULL), 0);
		ck_assert_int_eq(stage_map(&n->s2, S1_IPA + ARENA_SIZE / 2, S1_PA + ARENA_SIZE / 2,
					   ARENA_SIZE / 2, R), 0);
		/* the root is in the first half: unmapped now */
		ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, &n->gmem, iova0, R,
							   &x), 0);
		ck_assert_uint_eq(x.stage, 2);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_NOT_PRESENT);
		ck_assert_uint_eq(x.fault_addr & ~0xfffULL, root_ipa);
		ck_assert_uint_eq(x.iova, iova0);
		/* mapped read-only: table reads work, so does the translation */
		ck_assert_int_eq(stage_map(&n->s2, S1_IPA, S1_PA, ARENA_SIZE / 2, R), 0);
		ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, &n->gmem, iova0, R,
							   &x), 0);
		ck_assert_uint_eq(x.fault, good.fault);
		ck_assert_uint_eq(x.pa, good.pa);
		/* stage 2 maps the tables to memory nobody backs: a stage-1 table-read fault */
		ck_assert_int_eq(iommufmt_pgtable_unmap(&n->s2.pt, &n->s2.arena, S1_IPA,
							ARENA_SIZE / 2, NULL), 0);
		ck_assert_int_eq(stage_map(&n->s2, S1_IPA, 0x7000000000ULL, ARENA_SIZE / 2, R), 0);
		ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, &n->gmem, iova0, R,
							   &x), 0);
		ck_assert_uint_eq(x.stage, 1);
		ck_assert_uint_eq(x.fault, IOMMUFMT_FAULT_TABLE_READ);
		/* the unreadable address (here the stage-1 root's IPA) */
		ck_assert_uint_eq(x.fault_addr & ~0xfffULL, root_ipa);
	}
	ck_assert_int_eq(iommufmt_pgtable_translate_nested(NULL, &n->s2.pt, &n->gmem, 0, R, &x), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_translate_nested(&n->s1.pt, &n->s2.pt, NULL, 0, R, &x), -EINVAL);
	nest_fini(n);
	free(n);
}

static struct iommufmt_pgtable_cfg cfg_of(uint32_t format, uint32_t levels, uint32_t flags)
{
	struct iommufmt_pgtable_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.format = format;
	c.levels = levels;
	c.flags = flags;
	return c;
}

START_TEST(test_vtd_fs_over_ss)
{
	struct iommufmt_pgtable_cfg c1 = cfg_of(IOMMUFMT_PGTABLE_X86_64, 4, 0);
	struct iommufmt_pgtable_cfg c2 = cfg_of(IOMMUFMT_PGTABLE_VTD_SS, 4, IOMMUFMT_PGTABLE_F_1G);

	run_pair(&c1, &c2, 101);
	c1.levels = 5;
	c2.levels = 3;
	run_pair(&c1, &c2, 102);
}
END_TEST

START_TEST(test_amd_v2_over_v1)
{
	struct iommufmt_pgtable_cfg c1 = cfg_of(IOMMUFMT_PGTABLE_X86_64, 4, IOMMUFMT_PGTABLE_F_1G);
	struct iommufmt_pgtable_cfg c2 = cfg_of(IOMMUFMT_PGTABLE_AMD_V1, 4, 0);

	run_pair(&c1, &c2, 201);
	c2.levels = 6;
	run_pair(&c1, &c2, 202);
}
END_TEST

START_TEST(test_smmu_s1_over_s2)
{
	struct iommufmt_pgtable_cfg c1 = cfg_of(IOMMUFMT_PGTABLE_ARM_LPAE_S1, 0, 0);
	struct iommufmt_pgtable_cfg c2 = cfg_of(IOMMUFMT_PGTABLE_ARM_LPAE_S2, 0, 0);
	struct iommufmt_pgtable pt;

	c1.granule = 12;
	c1.ias = 48;
	c1.oas = 40;
	c2.granule = 12;
	c2.ias = 40;
	c2.oas = 48;
	c2.sl0 = 1;
	/* part B's formats: run once they can be prepared and built */
	if (iommufmt_pgtable_prepare(&pt, &c1, NULL) || iommufmt_pgtable_prepare(&pt, &c2, NULL) ||
	    !pt.ops->walk || !pt.ops->walk->map_page) {
		fprintf(stderr, "# arm-lpae walkers or builders not available: S1-over-S2 case skipped\n");
		return;
	}
	run_pair(&c1, &c2, 301);
}
END_TEST

static Suite *nested_suite(void)
{
	Suite *s = suite_create("pgtable-nested");
	TCase *tc = tcase_create("nested");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_vtd_fs_over_ss);
	tcase_add_test(tc, test_amd_v2_over_v1);
	tcase_add_test(tc, test_smmu_s1_over_s2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(nested_suite());
}
