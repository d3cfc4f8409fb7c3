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
 *  - iommufmt_pgtable_translate() equals the reference: fault and level always;
 *    pa, page_size, perm, pte and attrs on success; pte on a fault;
 *  - with access 0 the result agrees with the mappings made (pa = the mapped
 *    pa + offset inside a mapping, a fault outside every mapping);
 *  - iommufmt_pgtable_translate_batch() equals iommufmt_pgtable_translate() field by field;
 *  - iommufmt_pgtable_walk_range() over the whole space reports exactly the mapped
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

/** Add a test case @p name (with a 2-minute timeout) to @p s and return it for its tests. */
TCase *harness_tcase(Suite *s, const char *name);

/** Print a 64-bit value with %llx. */
#define HX(v) ((unsigned long long)(v))

/** Abort the test with a message unless @p cond (for hot loops: ck_assert logs every pass). */
#define REQUIRE(cond, ...) \
	do { \
		if (!(cond)) \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* ---- for the reference walkers: fields read one bit at a time ---- */

/** Bit @p n of @p v (0 or 1). */
static inline uint64_t ref_bit(uint64_t v, unsigned n)
{
	return (v >> n) & 1;
}

/** Whether any of bits @p lo..@p hi of @p v is set. */
static inline int ref_any(uint64_t v, unsigned lo, unsigned hi)
{
	for (unsigned b = lo; b <= hi; b++)
		if (ref_bit(v, b))
			return 1;
	return 0;
}

/** Bits @p hi..@p lo of @p v, as a number. */
static inline uint64_t ref_field(uint64_t v, unsigned hi, unsigned lo)
{
	uint64_t r = 0;

	for (unsigned b = hi + 1; b-- > lo;)
		r = (r << 1) | ref_bit(v, b);
	return r;
}

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

/** A reference fault in @p o (zeroed before): the reason, the level and the entry at fault. */
void harness_ref_fault(struct iommufmt_xlate *o, uint32_t fault, int level, uint64_t pte);

/* ---- editing and checking a harness table ---- */

/** Store @p v at @p p, byte by byte, in byte order @p be (1: big-endian). */
void harness_store64(void *p, uint64_t v, int be);
/** Load a 64-bit value from @p p, byte by byte, in byte order @p be. */
uint64_t harness_load64(const void *p, int be);
/** Store the little-endian entry @p v at GPA @p gpa of the arena. */
void harness_put_le64(struct harness_table *t, uint64_t gpa, uint64_t v);
/** Load the little-endian entry at GPA @p gpa of the arena. */
uint64_t harness_get_le64(const struct harness_table *t, uint64_t gpa);
/**
 * GPA of the level-@p lvl entry the walk of @p iova reads, through tables of
 * 512 little-endian entries from level cfg.levels down (x86-64, vtd-ss), with
 * table addresses in bits 51:12; the tables on the way must exist.
 */
uint64_t harness_entry_gpa9(const struct harness_table *t, uint64_t iova, int lvl);
/**
 * Translate @p iova with @p access into @p x and check it against the
 * reference: fault, level and pte always; pa, page_size, perm and attrs on
 * success.
 */
void harness_check_one(struct harness_table *t, ref_translate_fn ref, uint64_t iova,
		       uint32_t access, struct iommufmt_xlate *x);

/** One configuration for iommufmt_pgtable_prepare() and what it must give. */
struct harness_cfg_case {
	uint32_t format, levels, ias, oas, granule, sl0, top, flags;
	uint64_t root;
	int err;		/**< 0 or the negative errno */
	unsigned code;		/**< IOMMUFMT_DIAG_* of an error */
	const char *field;	/**< the diagnostic's field of an error */
};

/**
 * Prepare @p cc's configuration into @p pt and check the result: the
 * error, and for an error the diagnostic's code, field and error with @p pt
 * left as it was; for success IOMMUFMT_DIAG_OK and the root kept. Returns
 * the error.
 */
int harness_prepare_case(const struct harness_cfg_case *cc, struct iommufmt_pgtable *pt);

/** The common level number (0 = the smallest-page table) of @p native in format @p format. */
uint32_t harness_level(const char *format, uint32_t native);

/**
 * Translate @p iova and check the fault reason and level (@p level in the
 * format's own numbering: checked against native_level, and level against
 * its common-numbering value); the result goes to @p x.
 */
void harness_expect(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		    uint64_t iova, uint32_t access, uint32_t fault, uint32_t level,
		    struct iommufmt_xlate *x);

/* ---- guest memory served by a counting callback ---- */

/** Flat memory read through the callback only, counting the reads. */
struct harness_counting {
	const uint8_t *host;	/**< memory at @c gpa */
	uint64_t gpa, size;
	unsigned long reads;	/**< callback calls so far */
};

/** Serve [gpa, gpa + size) of @p host through @p g's callback only (no flat regions). */
void harness_counting_init(struct harness_counting *c, struct iommufmt_gmem *g, const void *host,
			   uint64_t gpa, uint64_t size);

/*
 * ---- fixed worlds (arm, s390 tests) ----
 *
 * A world is a table built in one shared 32 MiB arena buffer, its guest
 * memory and the mappings made, checked against the format's reference
 * (struct ref_out results, compared field by field).
 */

/** Size of the shared arena buffer. */
#define HARNESS_ARENA_SIZE	(32u << 20)
/** The most mappings a world records. */
#define HARNESS_MAX_MAPS	4096

/** The shared arena buffer (64 KiB aligned), allocated on first use. */
unsigned char *harness_mem(void);

/** Guest memory: the first @c size bytes of harness_mem() at a GPA, and a builder arena there. */
struct harness_env {
	struct iommufmt_gmem_region reg[2];	/**< reg[0]: the arena; reg[1] free for tests */
	struct iommufmt_gmem gmem;
	struct iommufmt_pgtable_arena arena;
};

/** Zero @p size bytes of harness_mem() and show them at @p gpa. */
void harness_env_init(struct harness_env *e, uint64_t gpa, size_t size);

/** A reference walker's result: what the library reports in struct iommufmt_xlate. */
struct ref_out {
	uint32_t fault, level, perm;	/* level: in the format's numbering */
	uint32_t common;		/* the same level in the common numbering (iommufmt.h) */
	uint64_t pa, size, pte, attrs, fault_addr;
};

/** A reference fault: the reason, the level, the entry at fault and the span 2^@p lsb it covers. */
struct ref_out ref_fault(uint32_t reason, int level, uint64_t pte, unsigned lsb);
/**
 * 0 when the library's @p x for @p iova equals the reference's @p o, else
 * -1: iova, fault, stage 0, fault_addr and both levels, and but for input-address
 * faults also pte, page_size, pa, perm and attrs.
 */
int ref_same(const struct iommufmt_xlate *x, const struct ref_out *o, uint64_t iova);
/** @p o as the struct iommufmt_xlate the library gives for @p iova (stage 0). */
void ref_to_xlate(const struct ref_out *o, uint64_t iova, struct iommufmt_xlate *x);

/** A reference walker giving struct ref_out, for a prepared configuration over @p gmem. */
typedef struct ref_out (*ref_out_fn)(const struct iommufmt_pgtable_cfg *cfg,
				     const struct iommufmt_gmem *gmem, uint64_t iova,
				     uint32_t access);

/** Define @p name, a ref_translate_fn calling the ref_out_fn @p fn. */
#define HARNESS_REF_ADAPTER(name, fn)							\
static void name(const struct iommufmt_pgtable_cfg *cfg, const struct iommufmt_gmem *gmem,	\
		 uint64_t iova, uint32_t access, struct iommufmt_xlate *out)		\
{											\
	struct ref_out o_ = fn(cfg, gmem, iova, access);				\
											\
	ref_to_xlate(&o_, iova, out);							\
}

/** A table in a harness_env, its mappings, and the reference to check it with. */
struct harness_world {
	struct harness_env env;
	struct iommufmt_pgtable pt;
	ref_out_fn ref;				/**< the format's reference */
	struct harness_map maps[HARNESS_MAX_MAPS];	/**< the successful maps, in call order */
	unsigned nmaps;
	unsigned sizes_used;		/**< bit i: the i-th smallest page size was mapped */
};

/** Set up @p cfg at @p gpa in a fresh harness_env (root allocated, table prepared). */
void harness_world_init(struct harness_world *w, const struct iommufmt_pgtable_cfg *cfg,
			uint64_t gpa, ref_out_fn ref);
/**
 * Map random pages of every size (largest first, then mostly the smallest),
 * in clusters and scattered, until @p target maps succeeded (or 4 x
 * @p target tries), with permissions drawn from @p prot_set.
 */
void harness_world_populate(struct harness_world *w, struct test_rng *r, unsigned target,
			    const uint32_t *prot_set, unsigned nprots);
/** A random input address: inside a mapping, anywhere in the input space, or anything. */
uint64_t harness_world_iova(const struct harness_world *w, struct test_rng *r);
/**
 * 100,000 random addresses and accesses: translation equals the reference
 * (ref_same()); then batches of every length up to 1024 equal single
 * translations. Successes and holes must both be common.
 */
void harness_world_differential(struct harness_world *w, struct test_rng *r, const char *what);
/**
 * The differential checks of a populated world, then again after @p mutate
 * corrupted @p mutations entries: harness_world_differential() and
 * harness_world_check_walk() each time.
 */
void harness_world_check_all(struct harness_world *w, struct test_rng *r, const char *what,
			     void (*mutate)(struct harness_world *w, struct test_rng *r,
					    unsigned count),
			     unsigned mutations);
/**
 * Walk the whole input space with fault records: records in order, not
 * overlapping, inside the input space, each equal to its translation. Unless
 * @p mutated: every mapping is in a leaf with its output, and the leaves
 * cover exactly the mapped bytes. Then a sub-range walk gives exactly the
 * overlapping records, and a callback's non-zero value stops the walk.
 */
void harness_world_check_walk(struct harness_world *w, int mutated);
/**
 * Translate through a counting callback over the world's memory: at most
 * one read per level, and equal to the reference (for @p pt's configuration).
 * Returns the result; @p reads (if not NULL) gets the number of reads.
 */
struct iommufmt_xlate harness_world_xlate_counted(const struct harness_world *w,
						  const struct iommufmt_pgtable *pt, uint64_t iova,
						  uint32_t access, unsigned long *reads);

/**
 * harness_world_xlate_counted() under @p cfg, a variant of the world's
 * configuration (other flags or sizes over the same tables), prepared first.
 */
struct iommufmt_xlate harness_world_xlate_cfg(const struct harness_world *w,
					      const struct iommufmt_pgtable_cfg *cfg,
					      uint64_t iova, uint32_t access);

/** Walk records collected by harness_collect_cb(). */
struct harness_collect {
	struct iommufmt_xlate *recs;	/**< malloc'ed; free it */
	size_t n, cap;
	size_t stop_after;		/**< return 7 once this many are collected (0: never) */
};

/** An iommufmt_walk_fn appending every record to a struct harness_collect. */
int harness_collect_cb(void *opaque, const struct iommufmt_xlate *rec);

#endif /* IOMMUFMT_TESTS_PGTABLE_HARNESS_H */
