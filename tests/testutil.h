/* SPDX-License-Identifier: MIT */
/* Shared test helpers: run a libcheck suite with TAP output, a seeded PRNG. */
#ifndef IOMMUFMT_TESTUTIL_H
#define IOMMUFMT_TESTUTIL_H

#include <check.h>
#include <stdint.h>

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

#endif /* IOMMUFMT_TESTUTIL_H */
