/* SPDX-License-Identifier: MIT */
/* Helpers of the page-table walkers and builders: reads, bit clears, arena, diagnostics, bitmaps. */
#include "lib/pgtable_internal.h"

/* Miss path of iommufmt__ptrd_rd64*(): refill the cached window from the one lookup. */
int iommufmt__ptrd_fill(struct iommufmt__ptrd *rd, uint64_t gpa, uint8_t buf[8])
{
	const struct iommufmt_gmem_region *win;
	const uint8_t *p = iommufmt__gmem_lookup(rd->gmem, gpa, 8, &win);

	if (likely(p != NULL)) {
		iommufmt__ptrd_set(rd, win);
		memcpy(buf, p, 8);
		return 0;
	}
	/* Spanning two regions, or outside them all: the generic path. */
	return iommufmt__gmem_slow(rd->gmem, gpa, buf, 8, 0) ? -EFAULT : 0;
}

/* Used by dirty harvest to clear D bits (contract in pgtable_internal.h). */
int iommufmt__pt_clear_bits(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t mask, int be)
{
	const struct iommufmt_gmem_region *win;
	uint8_t *p = iommufmt__gmem_lookup(gmem, gpa, 8, &win);
	uint8_t b[8];
	uint64_t v;

	if (p) {
		if (win->flags & IOMMUFMT_GMEM_READONLY)
			return -EFAULT;
		/*
		 * An atomic AND, so a bit the guest or hardware sets meanwhile is not lost;
		 * a misaligned host mapping cannot be updated atomically, hence the RMW.
		 */
		if (((uintptr_t)p & 7) == 0) {
			uint64_t raw;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			raw = be ? __builtin_bswap64(mask) : mask;
#else
			raw = be ? mask : __builtin_bswap64(mask);
#endif
			__atomic_fetch_and((uint64_t *)(void *)p, ~raw, __ATOMIC_RELAXED);
		} else {
			v = iommufmt__load64(p, be);
			iommufmt__store64(p, v & ~mask, be);
		}
		return 0;
	}
	/* not in one flat region: read-modify-write through the generic path */
	if (iommufmt__gmem_slow(gmem, gpa, b, 8, 0))
		return -EFAULT;
	v = be ? iommufmt__be64(b) : iommufmt__le64(b);
	if (!(v & mask))
		return 0;
	v &= ~mask;
	if (be)
		iommufmt__put_be64(b, v);
	else
		iommufmt__put_le64(b, v);
	return iommufmt__gmem_slow(gmem, gpa, b, 8, 1) ? -EFAULT : 0;
}

/* Saturating sums: the budget is an upper bound, and a wrap would shrink it. */
uint64_t iommufmt__walk_budget(const struct iommufmt_gmem *gmem, unsigned int table_lg2)
{
	uint64_t visits = 16;

	for (unsigned int i = 0; i < gmem->nr_regions; i++) {
		/* distinct tables, aligned to their size: at most ceil(size / 2^lg2) start here */
		uint64_t v = (gmem->regions[i].size >> table_lg2) + 1;

		visits = visits + v < visits ? UINT64_MAX : visits + v;
	}
	if (gmem->access)
		visits = visits + (UINT64_C(1) << 20) < visits ? UINT64_MAX
							       : visits + (UINT64_C(1) << 20);
	return visits;
}

/* Builders reach their own tables only through here: never past arena->used. */
void *iommufmt__arena_ptr(const struct iommufmt_pgtable_arena *arena, uint64_t gpa, uint64_t len)
{
	/* the arena's used part is one more window of guest memory: the same check */
	if (!iommufmt__gmem_in_window(arena->gpa, arena->used, gpa, len))
		return NULL;
	return (uint8_t *)arena->host + (gpa - arena->gpa);
}

int iommufmt__arena_plan(const struct iommufmt_pgtable_arena *arena, uint64_t *used,
			 uint64_t size, uint64_t align, uint64_t limit, uint64_t *gpa,
			 struct iommufmt_diag *diag)
{
	uint64_t cur, at;

	/* The arena struct is the caller's: refuse bookkeeping that is out of range. */
	if (*used > arena->size || arena->gpa + *used < arena->gpa)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_VALUE, "arena.used",
				      "arena bookkeeping is inconsistent");
	cur = arena->gpa + *used;
	at = (cur + (align - 1)) & ~(align - 1);
	if (at < cur || at - arena->gpa > arena->size || arena->size - (at - arena->gpa) < size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL, "arena",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, size,
					 arena->size - *used, 0,
					 "no room for a %llu-byte table", (unsigned long long)size);
	/* Written as differences so that at + size, which may wrap, is never formed. */
	if (at > limit || limit - at < size - 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL, "arena",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, at, limit, 0,
					 "the next table (0x%llx) would lie above the output "
					 "address space (last 0x%llx): no entry could point at it",
					 (unsigned long long)at, (unsigned long long)limit);
	*used = at - arena->gpa + size;
	*gpa = at;
	return 0;
}

/* Plan on a copy of arena->used and commit it only once the table is zeroed. */
int iommufmt__arena_alloc(struct iommufmt_pgtable_arena *arena, uint64_t size, uint64_t align,
			  uint64_t limit, uint64_t *gpa, struct iommufmt_diag *diag)
{
	uint64_t used = arena->used, at;
	int r = iommufmt__arena_plan(arena, &used, size, align, limit, &at, diag);

	if (r)
		return r;
	memset((uint8_t *)arena->host + (at - arena->gpa), 0, (size_t)size);
	arena->used = used;
	*gpa = at;
	return 0;
}

/* The builders' diagnostics below: cold, out of line, one per error class. */
int iommufmt__pt_arena_fault(struct iommufmt_diag *diag, uint64_t gpa)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_GUEST_FAULT, "arena",
				 IOMMUFMT__DV_VALUE, gpa, 0, 0,
				 "table at 0x%llx lies outside the arena", (unsigned long long)gpa);
}

int iommufmt__pt_bad_size(struct iommufmt_diag *diag, uint64_t size)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "size",
				 IOMMUFMT__DV_VALUE, size, 0, 0,
				 "0x%llx is not a page size of this table, or misaligned",
				 (unsigned long long)size);
}

int iommufmt__pt_mapped(struct iommufmt_diag *diag, uint64_t iova)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_EXISTS, "iova",
				 IOMMUFMT__DV_VALUE, iova, 0, 0, "0x%llx is already mapped",
				 (unsigned long long)iova);
}

int iommufmt__pt_split(struct iommufmt_diag *diag, uint64_t iova, uint64_t size)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_MISALIGNED, "iova",
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, iova, size, 0,
				 "0x%llx is inside a larger mapping", (unsigned long long)iova);
}

int iommufmt__pt_unmapped(struct iommufmt_diag *diag, uint64_t iova)
{
	return iommufmt__diag_err(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
				  "nothing is mapped at 0x%llx", (unsigned long long)iova);
}

void iommufmt__bitmap_set(__u64 *bitmap, uint64_t first, uint64_t count)
{
	/* Each pass fills the rest of one word (n >= 1), so it ends after count bits. */
	while (count) {
		uint64_t w = first >> 6;
		unsigned int b = (unsigned int)(first & 63);
		uint64_t n = 64 - b < count ? 64 - b : count;
		uint64_t m = n == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << n) - 1) << b;

		bitmap[w] |= m;
		first += n;
		count -= n;
	}
}
