/* SPDX-License-Identifier: MIT */
/* Shared test helpers: run a libcheck suite with TAP output, a seeded PRNG. */
#ifndef IOMMUFMT_TESTUTIL_H
#define IOMMUFMT_TESTUTIL_H

#include <check.h>
#include <stdint.h>
#include <string.h>

#include <iommufmt/iommufmt.h>

/* Run one suite; TAP goes to stdout (CK_TAP_LOG_FILE_NAME=-). Returns main()'s status. */
int test_run_suite(Suite *s);

/* xorshift64* PRNG: deterministic per seed, so failures reproduce. */
struct test_rng {
	uint64_t s;
};
void test_rng_seed(struct test_rng *r, uint64_t seed);
uint64_t test_rng_next(struct test_rng *r);
/* Uniform in [0, n), n > 0. */
uint64_t test_rng_below(struct test_rng *r, uint64_t n);

/* One page-table configuration of a test's table of formats. */
struct fmt_case {
	uint32_t format, levels, flags, granule, ias, oas, sl0, top;
};

/* The configuration a struct fmt_case names (root 0, for iommufmt_pgtable_alloc_root()). */
static inline void fmt_case_cfg(const struct fmt_case *fc, struct iommufmt_pgtable_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->argsz = sizeof(*cfg);
	cfg->format = fc->format;
	cfg->levels = fc->levels;
	cfg->flags = fc->flags;
	cfg->granule = fc->granule;
	cfg->ias = fc->ias;
	cfg->oas = fc->oas;
	cfg->sl0 = fc->sl0;
	cfg->top = fc->top;
}

#endif /* IOMMUFMT_TESTUTIL_H */
