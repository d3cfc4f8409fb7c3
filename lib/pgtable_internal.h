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

/* Start with the first flat region cached (where tables usually are). */
static inline void iommufmt__ptrd_init(struct iommufmt__ptrd *rd, const struct iommufmt_gmem *gmem)
{
	rd->gmem = gmem;
	if (likely(gmem->nr_regions)) {
		const struct iommufmt_gmem_region *r = gmem->regions;

		rd->base = r->gpa;
		rd->span = r->size >= 8 ? r->size - 7 : 0;
		rd->host = r->host;
		rd->delta = (uint64_t)(uintptr_t)r->host - r->gpa;
	} else {
		rd->base = 0;
		rd->span = 0;
		rd->host = NULL;
		rd->delta = 0;
	}
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
	uint64_t off = gpa - rd->base;
	uint8_t tmp[8];

	if (likely(off < rd->span)) {
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

/* Prefetch hint for the entry at @gpa when it lies in the cached region. */
static inline void iommufmt__ptrd_prefetch(const struct iommufmt__ptrd *rd, uint64_t gpa)
{
	uint64_t off = gpa - rd->base;

	if (off < rd->span)
		__builtin_prefetch(rd->host + off);
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
 * Atomically clear @mask (in entry value terms) in the entry at @gpa, if the
 * entry still has any of those bits. Flat writable memory is updated with an
 * atomic and; other memory by read-modify-write through the callback.
 * Returns 0 or -EFAULT.
 */
int iommufmt__pt_clear_bits(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t mask, int be);

/*
 * How many table visits one range walk may make: the 4 KiB pages of flat
 * guest memory (a walk that visits more has met aliased or cyclic tables),
 * plus a fixed allowance when a callback serves other memory.
 */
uint64_t iommufmt__walk_budget(const struct iommufmt_gmem *gmem);

/* ---- builder arena ---- */

/* Host pointer for [gpa, gpa+len) inside the arena's used part, or NULL. */
void *iommufmt__arena_ptr(const struct iommufmt_pgtable_arena *arena, uint64_t gpa, uint64_t len);

/* Allocate @size zeroed bytes aligned to @align (a power of two); -ENOSPC with diag when full. */
int iommufmt__arena_alloc(struct iommufmt_pgtable_arena *arena, uint64_t size, uint64_t align,
			  uint64_t *gpa, struct iommufmt_diag *diag);

/* ---- bitmaps ---- */

/* Set @count bits from bit @first (64 bits per word, LSB first). */
void iommufmt__bitmap_set(__u64 *bitmap, uint64_t first, uint64_t count);

/* ---- results ---- */

/* Fill a fault result. */
static inline void iommufmt__xlate_fault(struct iommufmt_xlate *out, uint64_t iova, uint32_t fault,
					 uint32_t level, uint64_t pte, uint64_t span)
{
	out->iova = iova;
	out->pa = 0;
	out->page_size = span;
	out->pte = pte;
	out->attrs = 0;
	out->fault_addr = 0;
	out->perm = 0;
	out->level = level;
	out->fault = fault;
	out->stage = 0;
}

#endif /* IOMMUFMT_LIB_PGTABLE_INTERNAL_H */
