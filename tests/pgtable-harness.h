/* SPDX-License-Identifier: MIT */
/* Differential-test harness for page-table formats: random tables, reference comparison, walk checks. */
#ifndef IOMMUFMT_TESTS_PGTABLE_HARNESS_H
#define IOMMUFMT_TESTS_PGTABLE_HARNESS_H

/*
 * Usage, from a format's test (a libcheck test function):
 *
 *   static void my_ref(const struct iommufmt_pgtable_cfg *cfg,
 *                      const struct iommufmt_gmem *gmem, uint64_t iova,
 *                      uint32_t access, struct iommufmt_xlate *out) { ... }
 *   ...
 *   struct iommufmt_pgtable_cfg cfg = { .argsz = sizeof(cfg), .format = ..., ... };
 *   harness_differential(&cfg, my_ref, seed, 100000);
 *
 * harness_differential() allocates the root (cfg->root is ignored), maps
 * random pages of every size in the configuration's pgsize_bitmap with the
 * library's builders (clusters and holes, mixed permissions), then for
 * n_iovas addresses (biased to mapped pages, page edges and just outside
 * them, plus random and out-of-range ones) checks that
 *  - iommufmt_translate() equals the reference: fault and level always;
 *    pa, page_size, perm, pte and attrs on success; pte on a fault;
 *  - with access 0 the result agrees with the mappings made (pa = the mapped
 *    pa + offset inside a mapping, a fault outside every mapping);
 *  - iommufmt_translate_batch() equals iommufmt_translate() field by field;
 *  - iommufmt_walk_range() over the whole space reports exactly the mapped
 *    bytes, in order, with translation's permissions; coalesced runs cover
 *    the same bytes; walks of random sub-ranges report exactly the leaves
 *    that intersect them;
 * then unmaps half of the mappings, checks that a map over an existing
 * mapping fails with -EEXIST changing nothing, and repeats the checks.
 *
 * The reference must fill every field the comparison reads (iova, pa,
 * page_size, pte, attrs, perm, level, fault), following the library's
 * conventions (struct iommufmt_xlate), and must not share code with the
 * format. The reference receives the configuration as prepared (defaults
 * filled in) with the root set.
 *
 * Input space: [0, ias_mask] of the prepared table; when a configuration's
 * ias is below 64 but ias_mask is all ones, the space is the sign extension
 * of ias bits (x86-64 canonical addresses).
 *
 * The lower-level pieces below let a test build a table, modify it (hostile
 * or unusual layouts) and run the same checks on it.
 */

#include <stddef.h>
#include <stdint.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

/** Naive reference translation of one address (see above). */
typedef void (*ref_translate_fn)(const struct iommufmt_pgtable_cfg *cfg,
				 const struct iommufmt_gmem *gmem, uint64_t iova,
				 uint32_t access, struct iommufmt_xlate *out);

/** One map call made on a harness table. */
struct harness_map {
	uint64_t iova, pa, len;
	uint32_t prot;
};

/** A table built in an arena, with the guest memory that shows it and its mappings. */
struct harness_table {
	struct iommufmt_pgtable_cfg cfg;	/**< as prepared, root set */
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_arena arena;
	struct iommufmt_gmem_region region;	/**< the arena */
	struct iommufmt_gmem gmem;
	struct harness_map *maps;		/**< successful maps, sorted by iova when checked */
	size_t nmaps, cap;
	uint64_t seed;				/**< for failure messages */
};

/** Build, check and unmap random tables for @p cfg against @p ref (see above). */
void harness_differential(const struct iommufmt_pgtable_cfg *cfg, ref_translate_fn ref,
			  uint64_t seed, unsigned n_iovas);

/**
 * Hostile tables: @p rounds times, fill a 64 KiB arena (16 tables) with
 * random entries (many pointing into the arena, many zero, the rest
 * garbage) and check, for random addresses and accesses, that translation
 * equals the reference (fault, level, pte; pa, size, perm, attrs on success),
 * that the batch equals single translations, and that a range walk over the
 * whole space ends (0 or -ELOOP) with records that agree with translation.
 */
void harness_fuzz(const struct iommufmt_pgtable_cfg *cfg, ref_translate_fn ref, uint64_t seed,
		  unsigned rounds);

/** Allocate an arena of @p arena_size bytes at GPA @p arena_gpa, a root and prepare @p cfg. */
void harness_table_init(struct harness_table *t, const struct iommufmt_pgtable_cfg *cfg,
			uint64_t arena_gpa, uint64_t arena_size, uint64_t seed);
/** Free what harness_table_init() allocated. */
void harness_table_fini(struct harness_table *t);
/** Map about @p nmaps random ranges (some fail with -EEXIST and are not recorded). */
void harness_build_random(struct harness_table *t, struct test_rng *rng, unsigned nmaps);
/** Map one range and record it; returns the library's result. */
int harness_map_one(struct harness_table *t, uint64_t iova, uint64_t pa, uint64_t len,
		    uint32_t prot);
/** Translation checks of @p n random addresses (reference, mappings, batch). */
void harness_compare(struct harness_table *t, ref_translate_fn ref, struct test_rng *rng,
		     unsigned n);
/** Range-walk checks against the recorded mappings. */
void harness_check_walk(struct harness_table *t, struct test_rng *rng);
/** Host pointer of a GPA inside the arena (for tests that edit tables). */
void *harness_host(const struct harness_table *t, uint64_t gpa);
/**
 * A naive guest-memory read for reference walkers (independent of the
 * library): flat regions byte by byte, else the callback. 1 on success.
 */
int harness_ref_read(const struct iommufmt_gmem *gmem, uint64_t gpa, void *buf, size_t len);
/** harness_ref_read() of a little-endian 64-bit entry. */
int harness_ref_le64(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t *v);
/** harness_ref_read() of a big-endian 64-bit entry. */
int harness_ref_be64(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t *v);

#endif /* IOMMUFMT_TESTS_PGTABLE_HARNESS_H */
