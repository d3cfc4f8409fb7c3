/* SPDX-License-Identifier: MIT */
/* Invalidation tests: naive reference decoders and command generators, one per model. */
#ifndef IOMMUFMT_TESTS_INVAL_REF_H
#define IOMMUFMT_TESTS_INVAL_REF_H

#include <stdint.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

/*
 * Each reference decoder is written from the layouts in the hardware notes
 * (QEMU reserved masks, Linux field macros, the SMMU spec), one switch case
 * per command with explicit bit arithmetic, sharing no table or helper with
 * the library. It returns 0 with the expected generic entry, or the
 * IOMMUFMT_DIAG_INV_* code the library must report.
 */
struct ref_model {
	const char *name;
	__u32 model;
	unsigned int nkinds;			/* command kinds the generator knows */
	unsigned int nexact;			/* the first ones, which re-encode to themselves */
	const char *const *kinds;		/* their names, as the library names them */
	/* reference decode of the words of one command (nw words) */
	unsigned int (*decode)(const uint64_t *w, unsigned int nw, const struct iommufmt_inv_cfg *cfg,
			       struct iommufmt_inv_entry *e);
	/* a random canonical (re-encodes to itself) valid command of a kind */
	void (*gen)(unsigned int kind, struct test_rng *rng, const struct iommufmt_inv_cfg *cfg,
		    uint64_t *w);
	int big_endian;
};

extern const struct ref_model ref_vtd, ref_amd, ref_smmu, ref_s390;

/* Bits hi..lo of v. */
static inline uint64_t ref_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & (hi - lo == 63 ? ~UINT64_C(0) : (UINT64_C(1) << (hi - lo + 1)) - 1);
}

/* A random value of n bits (n <= 64). */
static inline uint64_t ref_rand_bits(struct test_rng *r, unsigned int n)
{
	uint64_t v = test_rng_next(r);

	return n >= 64 ? v : v & ((UINT64_C(1) << n) - 1);
}

#endif /* IOMMUFMT_TESTS_INVAL_REF_H */
