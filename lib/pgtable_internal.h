/* SPDX-License-Identifier: MIT */
/* Private page-table helpers for formats: cached entry reads, atomic entry stores, arena, bitmaps. */
#ifndef IOMMUFMT_LIB_PGTABLE_INTERNAL_H
#define IOMMUFMT_LIB_PGTABLE_INTERNAL_H

#include "lib/internal.h"

/*
 * A table-entry reader: guest memory plus the flat region the last read hit,
 * so a walk that stays inside one region (the common case) costs one compare
 * per entry. Reads of 8-byte aligned entries in flat memory are single 64-bit
 * loads (single-copy atomic against a guest updating its tables).
 */
struct iommufmt__ptrd {
	const struct iommufmt_gmem *gmem;
	uint64_t base;		/* GPA of the cached region's first byte */
	uint64_t span;		/* offsets below this have 8 readable bytes */
	const uint8_t *host;	/* host address of base */
	uint64_t delta;		/* host address minus GPA (mod 2^64): gpa + delta is the host address */
};

/*
 * Cache @win, a region iommufmt__gmem_lookup() returned for an 8-byte range
 * (so win->size >= 8), or nothing when @win is NULL. The only place the
 * cached window is written: its contents always come from the one lookup.
 */
static inline void iommufmt__ptrd_set(struct iommufmt__ptrd *rd,
				      const struct iommufmt_gmem_region *win)
{
	if (likely(win != NULL)) {
		rd->base = win->gpa;
		rd->span = win->size - 7;
		rd->host = win->host;
		rd->delta = (uint64_t)(uintptr_t)win->host - win->gpa;
	} else {
		rd->base = 0;
		rd->span = 0;
		rd->host = NULL;
		rd->delta = 0;
	}
}

/* Start with the first flat region cached (where tables usually are). */
static inline void iommufmt__ptrd_init(struct iommufmt__ptrd *rd, const struct iommufmt_gmem *gmem)
{
	const struct iommufmt_gmem_region *win = NULL;

	rd->gmem = gmem;
	/*
	 * What iommufmt__gmem_lookup(gmem, regions[0].gpa, 8) returns when the
	 * first region holds those 8 bytes (the first window it tries), without
	 * its loop: this runs once per translation. Otherwise start empty; the
	 * first read refills through the lookup.
	 */
	if (likely(gmem->nr_regions) &&
	    likely(iommufmt__gmem_in_window(gmem->regions[0].gpa, gmem->regions[0].size,
					    gmem->regions[0].gpa, 8)))
		win = &gmem->regions[0];
	iommufmt__ptrd_set(rd, win);
}

/*
 * Whether [@gpa, @gpa + @len) (@len >= 8) lies in the cached window: the
 * cached form of iommufmt__gmem_in_window() (span is the window's size - 7,
 * so for @len == 8 this is one compare). Overflow-free like it.
 */
static inline bool iommufmt__ptrd_has(const struct iommufmt__ptrd *rd, uint64_t gpa, uint64_t len)
{
	uint64_t off = gpa - rd->base;

	/* one entry (the hot case, a constant): off < span already says it */
	if (__builtin_constant_p(len) && len == 8)
		return off < rd->span;
	return off < rd->span && len - 8 < rd->span - off;
}

/* Slow path: find (and cache) the region holding [gpa, gpa+8), or use the callback. */
int iommufmt__ptrd_fill(struct iommufmt__ptrd *rd, uint64_t gpa, uint8_t buf[8]);

/* Raw 64-bit load in memory byte order; one access when aligned. */
static inline uint64_t iommufmt__load64_raw(const uint8_t *p)
{
	uint64_t v;

	if (likely(((uintptr_t)p & 7) == 0))
		return __atomic_load_n((const uint64_t *)(const void *)p, __ATOMIC_RELAXED);
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t iommufmt__raw_to_le(uint64_t raw)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return raw;
#else
	return __builtin_bswap64(raw);
#endif
}

static inline uint64_t iommufmt__raw_to_be(uint64_t raw)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(raw);
#else
	return raw;
#endif
}

/* Read one entry of @be (0 little-, 1 big-endian) byte order: 0 or -EFAULT. */
static inline int iommufmt__ptrd_rd64(struct iommufmt__ptrd *rd, uint64_t gpa, uint64_t *val,
				      const int be)
{
	uint8_t tmp[8];

	if (likely(iommufmt__ptrd_has(rd, gpa, 8))) {
		/* gpa + delta rather than host + off: one add after the entry is known */
		uint64_t raw = iommufmt__load64_raw((const uint8_t *)(uintptr_t)(gpa + rd->delta));

		*val = be ? iommufmt__raw_to_be(raw) : iommufmt__raw_to_le(raw);
		return 0;
	}
	if (iommufmt__ptrd_fill(rd, gpa, tmp))
		return -EFAULT;
	*val = be ? iommufmt__be64(tmp) : iommufmt__le64(tmp);
	return 0;
}

/*
 * Read the entry @off bytes into the table at GPA @table: 0 or -EFAULT. A
 * walk knows @off (from the input address) before @table (from the previous
 * entry), so the host address is formed as table + (delta + off): one add
 * lies between the previous entry and this load, and the region check runs
 * beside it rather than before it.
 */
static inline int iommufmt__ptrd_rd64_at(struct iommufmt__ptrd *rd, uint64_t table, uint64_t off,
					 uint64_t *val, const int be)
{
	uint8_t tmp[8];

	if (likely(iommufmt__ptrd_has(rd, table + off, 8))) {
		uint64_t raw = iommufmt__load64_raw((const uint8_t *)(uintptr_t)
						    (table + (rd->delta + off)));

		*val = be ? iommufmt__raw_to_be(raw) : iommufmt__raw_to_le(raw);
		return 0;
	}
	if (iommufmt__ptrd_fill(rd, table + off, tmp))
		return -EFAULT;
	*val = be ? iommufmt__be64(tmp) : iommufmt__le64(tmp);
	return 0;
}

/* Prefetch hint for the entry at @gpa when it lies in the cached region. */
static inline void iommufmt__ptrd_prefetch(const struct iommufmt__ptrd *rd, uint64_t gpa)
{
	if (iommufmt__ptrd_has(rd, gpa, 8))
		__builtin_prefetch(rd->host + (gpa - rd->base));
}

/* Store one entry (release order, so a walker never sees a table before its contents). */
static inline void iommufmt__store64(void *p, uint64_t v, const int be)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t raw = be ? __builtin_bswap64(v) : v;
#else
	uint64_t raw = be ? v : __builtin_bswap64(v);
#endif
	if (((uintptr_t)p & 7) == 0)
		__atomic_store_n((uint64_t *)p, raw, __ATOMIC_RELEASE);
	else
		memcpy(p, &raw, 8);
}

/* Load one entry from host memory in the given byte order. */
static inline uint64_t iommufmt__load64(const void *p, const int be)
{
	uint64_t raw = iommufmt__load64_raw(p);

	return be ? iommufmt__raw_to_be(raw) : iommufmt__raw_to_le(raw);
}

/*
 * How many of the @n entries at @p (byte order @be) are empty before the
 * first that is not: all-zero entries and, when @ibit is not 0, entries with
 * that invalid bit set. Runs of all-zero or bare-@ibit entries are tested
 * eight at a time at memory speed, prefetching 4 KiB ahead.
 */
static inline __attribute__((always_inline)) uint64_t
iommufmt__pt_skip_empty(const uint8_t *p, uint64_t n, uint64_t ibit, const int be)
{
	/* the bare invalid entry in memory byte order: raw & (raw ^ inv) is 0 for it and for 0 */
	const uint64_t inv = be ? iommufmt__raw_to_be(ibit) : iommufmt__raw_to_le(ibit);
	uint64_t k = 0;

	while (k + 8 <= n) {
		const uint8_t *q = p + (k << 3);
		uint64_t any = 0;

		if (k + 512 < n)
			__builtin_prefetch(q + 4096);
#pragma GCC unroll 8
		for (int j = 0; j < 8; j++) {
			uint64_t raw = iommufmt__load64_raw(q + 8 * j);

			any |= raw & (raw ^ inv);
		}
		if (any)
			break;
		k += 8;
	}
	for (; k < n; k++) {
		uint64_t v = iommufmt__load64(p + (k << 3), be);

		if (v && !(v & ibit))
			break;
	}
	return k;
}

/* Start loading the first 4 KiB (at most @bytes) at @host, so the lines arrive together. */
static inline void iommufmt__pt_prefetch(const uint8_t *host, uint64_t bytes)
{
	if (bytes > 4096)
		bytes = 4096;
	for (uint64_t off = 0; off < bytes; off += 64)
		__builtin_prefetch(host + off);
}

/*
 * Atomically clear @mask (in entry value terms) in the entry at @gpa, if the
 * entry still has any of those bits. Flat writable memory is updated with an
 * atomic and; other memory by read-modify-write through the callback.
 * Returns 0 or -EFAULT.
 */
int iommufmt__pt_clear_bits(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t mask, int be);

/*
 * How many table visits one range walk may make: as many as tables of
 * 2^@table_lg2 bytes fit in the flat guest memory (a walk that visits more
 * has met aliased or cyclic tables), plus a fixed allowance when a callback
 * serves other memory. @table_lg2 is the walker's smallest table below the
 * root (its size rounded up to its alignment), a constant of its format:
 * with a larger one, legal tables packed densely would run out the budget.
 */
uint64_t iommufmt__walk_budget(const struct iommufmt_gmem *gmem, unsigned int table_lg2);

/* ---- builder arena ---- */

/* Host pointer for [gpa, gpa+len) inside the arena's used part, or NULL. */
void *iommufmt__arena_ptr(const struct iommufmt_pgtable_arena *arena, uint64_t gpa, uint64_t len);

/*
 * Plan one table of @size bytes aligned to @align (a power of two) after the
 * first *@used bytes of @arena, touching nothing: on success *@gpa is its
 * address and *@used the fill after it. -ENOSPC with diag when the arena has
 * no room, or when the table would end above @limit, the highest address the
 * format can point a table at (its output-address mask): a table there could
 * be built but never walked. Builders that need several tables plan them all
 * before writing any, so a failure changes nothing.
 */
int iommufmt__arena_plan(const struct iommufmt_pgtable_arena *arena, uint64_t *used,
			 uint64_t size, uint64_t align, uint64_t limit, uint64_t *gpa,
			 struct iommufmt_diag *diag);

/* Plan, zero and take one table (iommufmt__arena_plan()'s rules). */
int iommufmt__arena_alloc(struct iommufmt_pgtable_arena *arena, uint64_t size, uint64_t align,
			  uint64_t limit, uint64_t *gpa, struct iommufmt_diag *diag);

/* ---- builders' diagnostics (each returns the error it fills @diag with) ---- */

/* -EFAULT: the table at @gpa lies outside the arena. */
int iommufmt__pt_arena_fault(struct iommufmt_diag *diag, uint64_t gpa);
/* -EINVAL: @size is not a page size of the table, or the addresses are not aligned to it. */
int iommufmt__pt_bad_size(struct iommufmt_diag *diag, uint64_t size);
/* -EEXIST: @iova is already mapped. */
int iommufmt__pt_mapped(struct iommufmt_diag *diag, uint64_t iova);
/* -EINVAL: unmapping @iova would split the @size-byte mapping around it. */
int iommufmt__pt_split(struct iommufmt_diag *diag, uint64_t iova, uint64_t size);
/* -ENOENT: nothing is mapped at @iova. */
int iommufmt__pt_unmapped(struct iommufmt_diag *diag, uint64_t iova);

/* ---- bitmaps ---- */

/* Set @count bits from bit @first (64 bits per word, LSB first). */
void iommufmt__bitmap_set(__u64 *bitmap, uint64_t first, uint64_t count);

/* The walker and builder ops of a prepared table, or NULL. */
static inline const struct iommufmt_pgtable_walk_ops *
iommufmt__pt_walk_ops(const struct iommufmt_pgtable *pt)
{
	const struct iommufmt_pgtable_walk_ops *w =
		pt && pt->ops ? IOMMUFMT_OPS_GET(pt->ops, struct iommufmt_pgtable_ops, walk) : NULL;

	/* Registration refuses smaller tables; built-ins are never smaller. */
	return w && w->ops_size >= IOMMUFMT_PGTABLE_WALK_OPS_SIZE_VER0 ? w : NULL;
}

/* ---- format registration ---- */

/* 64-bit words of struct iommufmt_pgtable.priv[], the formats' fixed private reserve. */
#define IOMMUFMT__PGTABLE_PRIV_WORDS \
	(sizeof(((struct iommufmt_pgtable *)0)->priv) / sizeof(((struct iommufmt_pgtable *)0)->priv[0]))

/*
 * Compile-time check that a format's private state, @words 64-bit words of
 * priv[], fits the reserve. Every format states its count with this, so a
 * format outgrowing the reserve fails to build rather than corrupting memory
 * (the growth rule in iommufmt.h says what to do then).
 */
#define IOMMUFMT__PGTABLE_PRIV_FITS(fmt, words)					\
	_Static_assert((words) <= IOMMUFMT__PGTABLE_PRIV_WORDS,			\
		       fmt ": private state does not fit struct iommufmt_pgtable.priv[]")

/* Define @sym, a format's walker and builder ops (static). */
#define IOMMUFMT__PGTABLE_WALK_OPS(sym, prepare_fn, root_size_fn, translate_fn, batch_fn,	\
				   walk_fn, dirty_fn, map_fn, unmap_fn)			\
static const struct iommufmt_pgtable_walk_ops sym = {				\
	.ops_size = sizeof(struct iommufmt_pgtable_walk_ops),			\
	.prepare = (prepare_fn),						\
	.root_size = (root_size_fn),						\
	.translate = (translate_fn),						\
	.translate_batch = (batch_fn),						\
	.walk_range = (walk_fn),						\
	.dirty = (dirty_fn),							\
	.map_page = (map_fn),							\
	.unmap_page = (unmap_fn),						\
}

/* Define @sym, the struct iommufmt_pgtable_ops of format @id walked by @walk_ops. */
#define IOMMUFMT__PGTABLE_FORMAT(sym, id, fmt_name, fmt_description, walk_ops)	\
const struct iommufmt_pgtable_ops sym = {					\
	.ops_size = sizeof(struct iommufmt_pgtable_ops),			\
	.format = (id),								\
	.name = (fmt_name),							\
	.description = (fmt_description),					\
	.walk = (walk_ops),							\
}

/* ---- results ---- */

/*
 * Levels in results: @level in the common numbering (0 = the smallest-page
 * table, growing toward the root), @native in the format's. Each walker
 * template converts with one constant expression of its own (RX_GLEVEL,
 * PW_GLEVEL), so on the hot path both are constants of the unrolled step.
 */
static inline void iommufmt__xlate_level(struct iommufmt_xlate *out, uint32_t level,
					 uint32_t native)
{
	/* two halves of one 32-bit word: the compiler stores both at once */
	out->level = (__u16)level;
	out->native_level = (__u16)native;
}

/* Fill a fault result. */
static inline void iommufmt__xlate_fault(struct iommufmt_xlate *out, uint64_t iova, uint32_t fault,
					 uint32_t level, uint32_t native, uint64_t pte,
					 uint64_t span)
{
	out->iova = iova;
	out->pa = 0;
	out->page_size = span;
	out->pte = pte;
	out->attrs = 0;
	out->fault_addr = 0;
	out->perm = 0;
	out->fault = fault;
	out->stage = 0;
	iommufmt__xlate_level(out, level, native);
}

/* Fill the results of a batch no walker of the table's start level can serve. */
static inline void iommufmt__xlate_faults(struct iommufmt_xlate *out, const __u64 *iovas, size_t n,
					  uint32_t fault, uint32_t level, uint32_t native)
{
	for (size_t i = 0; i < n; i++)
		iommufmt__xlate_fault(&out[i], iovas[i], fault, level, native, 0, 0);
}

#endif /* IOMMUFMT_LIB_PGTABLE_INTERNAL_H */
