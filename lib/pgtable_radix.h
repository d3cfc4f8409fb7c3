/* SPDX-License-Identifier: MIT */
/* Radix page-table walker template: translate, batch, range walk, dirty and builders, per-format hooks. */
#ifndef IOMMUFMT_LIB_PGTABLE_RADIX_H
#define IOMMUFMT_LIB_PGTABLE_RADIX_H

/*
 * Why this template is not merged with lib/pgtable_walk.h: see the comment
 * at its top (level skipping and grouped leaves here; per-granule geometry,
 * inherited table attributes and either level direction there; one template
 * would put the other's checks as run-time branches into the hot step).
 */

/*
 * How to use (the generic_pt pattern: one mechanism, compiled per format).
 *
 * The tables are 4 KiB of 512 eight-byte entries; level l (1 = the leaf
 * table) indexes the input bits from 12 + 9 (l - 1). A format file defines,
 * before including this header:
 *   RX_BE          1 if entries are big-endian, else 0
 *   RX_MAXLEV      the largest number of levels the format can have
 *   RX_TOPS(X)     X(n) for every level a root table can have, e.g. X(4) X(5)
 *   RX_ZERO_IS_HOLE 1 if an all-zero entry is always empty (fast skip)
 *   RX_DIRTY_BIT   the leaf's dirty bit, tracked with IOMMUFMT_PGTABLE_F_AD
 *   RX_HW_BITS     (optional) bits hardware updates in a leaf (A/D), which may
 *                  differ between the entries that repeat one leaf
 *   RX_LEVEL_BITS(l) (optional) index bits of a level-l table, 9 by default
 *   RX_CANONICAL   (optional) 1: inputs are canonical cfg.ias-bit addresses
 *                  (the lower half, then the upper half, in table order), and
 *                  others fault IOMMUFMT_FAULT_NON_CANONICAL; by default
 *                  inputs above ias_mask fault IOMMUFMT_FAULT_ADDR_SIZE_INPUT
 *   RX_OWN_PERM    (optional) 1: the format defines rx_access_fault() and
 *                  rx_final_perm(); by default a request needs each of
 *                  READ/WRITE/EXEC in the AND over the levels
 * and after it, these static inline hooks (the walker only calls them with
 * levels 1..RX_MAXLEV and, inlined, mostly with constant levels, so
 * per-level constants fold):
 *   rx_decode(pt, pte, l, access, e)  classify one entry (struct rx_ent);
 *                          @access is 0 in range walks
 *   rx_access_fault(pt, perm, access) fault for the AND of permissions, or 0
 *   rx_final_perm(pt, perm)  permissions to report for the AND
 *   rx_make_table(pt, l, child, child_level)   a table entry
 *   rx_make_leaf(pt, l, pa, size_log2, prot, &pte, diag)  a leaf entry
 * Its prepare function checks its own fields between rx_prepare_fields()
 * and rx_prepare_finish(), and RX_DEFINE_FORMAT() makes the ops.
 *
 * Walks end by construction: the level strictly decreases at every table
 * entry (a pointer that does not descend is IOMMUFMT_FAULT_BAD_LEVEL), so a
 * translation reads at most RX_MAXLEV entries whatever the tables hold, and
 * a range walk visits at most iommufmt__walk_budget() tables.
 */

#include "lib/pgtable_internal.h"

enum { RX_HOLE = 0, RX_TABLE = 1, RX_LEAF = 2, RX_FAULT = 3 };

/* One decoded entry. */
struct rx_ent {
	uint64_t addr;		/* TABLE: next table GPA; LEAF: output base, aligned to its size */
	uint64_t attrs;		/* LEAF: format attributes reported in iommufmt_xlate.attrs */
	uint32_t kind;		/* RX_HOLE, RX_TABLE, RX_LEAF or RX_FAULT */
	uint32_t fault;		/* RX_FAULT: IOMMUFMT_FAULT_* */
	uint32_t perm;		/* TABLE/LEAF: IOMMUFMT_ACCESS_* this entry allows (AND-ed) */
	uint32_t next;		/* TABLE: level of the next table; LEAF: log2 of the page size */
	uint32_t group_log2;	/* LEAF: log2 of the consecutive entries that hold the leaf */
	uint32_t __pad;
};

#if !defined(RX_MAXLEV) || !defined(RX_DIRTY_BIT)
#error "define RX_MAXLEV, RX_TOPS, RX_BE, RX_ZERO_IS_HOLE and RX_DIRTY_BIT first"
#endif

/* Bits hardware sets on its own (A/D): ignored when comparing repeated entries. */
#ifndef RX_HW_BITS
#define RX_HW_BITS 0
#endif

#ifndef RX_LEVEL_BITS
#define RX_LEVEL_BITS(level) 9
#endif

#define RX_INLINE static inline __attribute__((always_inline))
#define RX_UNUSED static __attribute__((unused))

/* The hooks, defined by the format after this header; always inlined. */
RX_INLINE void rx_decode(const struct iommufmt_pgtable *pt, uint64_t pte, unsigned int level,
			     uint32_t access, struct rx_ent *e);
RX_INLINE uint64_t rx_make_table(const struct iommufmt_pgtable *pt, unsigned int level,
				     uint64_t child, unsigned int child_level);
RX_INLINE int rx_make_leaf(const struct iommufmt_pgtable *pt, unsigned int level, uint64_t pa,
			       unsigned int size_log2, uint32_t prot, uint64_t *pte,
			       struct iommufmt_diag *diag);

/*
 * A level of this template's numbering (1 = the 4 KiB table, as x86-64,
 * vtd-ss and amd-v1 count) in the common numbering of results (0 = it).
 */
#define RX_GLEVEL(level)	((uint32_t)(level) - 1)

/* A fault result at native level @level (iommufmt__xlate_fault() with both numberings). */
RX_INLINE void rx_fault(struct iommufmt_xlate *out, uint64_t iova, uint32_t fault,
			unsigned int level, uint64_t pte, uint64_t span)
{
	iommufmt__xlate_fault(out, iova, fault, RX_GLEVEL(level), level, pte, span);
}

static inline uint64_t rx_pow2(unsigned int lg2)
{
	return lg2 >= 64 ? 0 : UINT64_C(1) << lg2;
}

/* ---- geometry and input space ---- */

/* log2 of the input span of one entry at @level. */
RX_INLINE unsigned int rx_shift(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	return 12 + 9 * (level - 1);
}

/* log2 of the number of entries of a level-@level table. */
RX_INLINE unsigned int rx_bits(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	(void)level;
	return RX_LEVEL_BITS(level);
}

/*
 * log2 of the size (and alignment) of every table: next-table pointers name
 * 4 KiB frames, so even a table with fewer entries (amd-v1 level 6) takes
 * one. The range walk's visit budget counts tables of this size.
 */
#define RX_TABLE_LG2	12

/* Size (and alignment) of a table. */
RX_INLINE uint64_t rx_table_bytes(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	(void)level;
	return UINT64_C(1) << RX_TABLE_LG2;
}

#if defined(RX_CANONICAL) && RX_CANONICAL
RX_INLINE uint64_t rx_sign_extend(const struct iommufmt_pgtable *pt, uint64_t a)
{
	const unsigned int sh = 64 - pt->cfg.ias;

	return (uint64_t)((int64_t)(a << sh) >> sh);
}

/* IOMMUFMT_FAULT_* for an input address, or 0. */
RX_INLINE uint32_t rx_input_fault(const struct iommufmt_pgtable *pt, uint64_t iova)
{
	return rx_sign_extend(pt, iova) != iova ? IOMMUFMT_FAULT_NON_CANONICAL : 0;
}

/*
 * Clip [*start, *last] to the input space, in the linear numbering the
 * tables index (the lower half, then the upper half); 0 if nothing is left.
 */
RX_INLINE int rx_linear(const struct iommufmt_pgtable *pt, uint64_t *start, uint64_t *last)
{
	const unsigned int ias = pt->cfg.ias;
	const uint64_t lo_end = (UINT64_C(1) << (ias - 1)) - 1, hi_begin = ~lo_end;
	uint64_t s = *start, l = *last;

	if (s > lo_end && s < hi_begin)
		s = hi_begin;
	if (l > lo_end && l < hi_begin)
		l = lo_end;
	if (s > l)
		return 0;
	*start = s & ((UINT64_C(1) << ias) - 1);
	*last = l & ((UINT64_C(1) << ias) - 1);
	return 1;
}

/* A linear number back to the input address. */
RX_INLINE uint64_t rx_to_va(const struct iommufmt_pgtable *pt, uint64_t lin)
{
	return rx_sign_extend(pt, lin);
}
#else
RX_INLINE uint32_t rx_input_fault(const struct iommufmt_pgtable *pt, uint64_t iova)
{
	return iova > pt->ias_mask ? IOMMUFMT_FAULT_ADDR_SIZE_INPUT : 0;
}

RX_INLINE int rx_linear(const struct iommufmt_pgtable *pt, uint64_t *start, uint64_t *last)
{
	if (*start > pt->ias_mask)
		return 0;
	if (*last > pt->ias_mask)
		*last = pt->ias_mask;
	return 1;
}

RX_INLINE uint64_t rx_to_va(const struct iommufmt_pgtable *pt, uint64_t lin)
{
	(void)pt;
	return lin;
}
#endif

#if !defined(RX_OWN_PERM) || !RX_OWN_PERM
/* A request needs each of READ/WRITE/EXEC in the AND of the levels' permissions. */
RX_INLINE uint32_t rx_access_fault(const struct iommufmt_pgtable *pt, uint32_t perm,
				   uint32_t access)
{
	const uint32_t rwx = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC;

	(void)pt;
	return access & rwx & ~perm ? IOMMUFMT_FAULT_PERMISSION : 0;
}

RX_INLINE uint32_t rx_final_perm(const struct iommufmt_pgtable *pt, uint32_t perm)
{
	(void)pt;
	return perm & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC);
}
#else
RX_INLINE uint32_t rx_access_fault(const struct iommufmt_pgtable *pt, uint32_t perm,
				       uint32_t access);
RX_INLINE uint32_t rx_final_perm(const struct iommufmt_pgtable *pt, uint32_t perm);
#endif

/* The leaf's dirty bit (0: no dirty tracking configured). */
RX_INLINE uint64_t rx_dirty_bit(const struct iommufmt_pgtable *pt)
{
	return pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD ? (uint64_t)(RX_DIRTY_BIT) : 0;
}

/*
 * Where a page of @size lives: the level whose entries span the largest
 * power of two not above it, repeated in 2^group_log2 consecutive entries.
 * Only sizes in pgsize_bitmap are pages.
 */
RX_INLINE int rx_leaf_level(const struct iommufmt_pgtable *pt, uint64_t size,
			    unsigned int *level, unsigned int *group_log2)
{
	unsigned int lg2;

	if (!size || (size & (size - 1)) || !(pt->pgsize_bitmap & size))
		return -EINVAL;
	lg2 = (unsigned int)__builtin_ctzll(size);
	*level = (lg2 - 12) / 9 + 1;
	*group_log2 = (lg2 - 12) % 9;
	return 0;
}

#define RX_LOAD(rd, gpa, val)	iommufmt__ptrd_rd64((rd), (gpa), (val), RX_BE)

/* Entry index of @a in a level-@level table. */
RX_INLINE uint64_t rx_index(const struct iommufmt_pgtable *pt, uint64_t a, unsigned int level)
{
	return (a >> rx_shift(pt, level)) & (rx_pow2(rx_bits(pt, level)) - 1);
}

/*
 * A leaf held by 2^@glog2 consecutive entries (a group) is a leaf only when
 * they all hold it: check the group of entry @i of the table at @table
 * against that entry, @pte, ignoring RX_HW_BITS (which hardware may set in
 * one entry only). Translation and range walks both decide through this, so
 * they agree on every address of a group. Returns 0 with the group's first
 * entry in *@first; IOMMUFMT_FAULT_BAD_LEVEL when an entry differs;
 * IOMMUFMT_FAULT_TABLE_READ with the unreadable entry's GPA in *@bad (entries
 * are checked in order: the first that fails decides).
 */
RX_INLINE uint32_t rx_group_check(struct iommufmt__ptrd *rd, uint64_t table, uint64_t i,
				  unsigned int glog2, uint64_t pte, uint64_t *first,
				  uint64_t *bad)
{
	const uint64_t g = rx_pow2(glog2), gpa = table + ((i & ~(g - 1)) << 3);
	const uint64_t ign = ~(uint64_t)(RX_HW_BITS);
	uint64_t v;

	if (iommufmt__ptrd_has(rd, gpa, g << 3)) {
		/* all in the cached flat region: compare at memory speed */
		const uint8_t *p = rd->host + (gpa - rd->base);
		uint64_t diff = 0;

		for (uint64_t j = 0; j < g; j++)
			diff |= (iommufmt__load64(p + 8 * j, RX_BE) ^ pte) & ign;
		*first = iommufmt__load64(p, RX_BE);
		return diff ? IOMMUFMT_FAULT_BAD_LEVEL : 0;
	}
	for (uint64_t j = 0; j < g; j++) {
		if (RX_LOAD(rd, gpa + 8 * j, &v)) {
			*bad = gpa + 8 * j;
			return IOMMUFMT_FAULT_TABLE_READ;
		}
		if ((v ^ pte) & ign)
			return IOMMUFMT_FAULT_BAD_LEVEL;
		if (!j)
			*first = v;
	}
	return 0;
}

/* ---- translation ---- */

/* The state of one walk between levels. */
struct rx_lane {
	uint64_t iova;
	uint64_t table;
	uint32_t perm;
	uint32_t level;
};

/* rx_step() results. */
enum { RX_NEXT = 0, RX_DONE = 1, RX_SKIP = 2 };

/*
 * One level of one walk: read the entry, decode it, descend or finish.
 * @level is the walk's current level (l->level), passed separately so that
 * unrolled callers give a constant. Returns RX_NEXT after descending one
 * level, RX_SKIP after descending further (skipped levels), RX_DONE when
 * @out holds the final result. Shared by the single and the batched
 * translation, so both give the same results by construction.
 */
RX_INLINE int rx_step(const struct iommufmt_pgtable *pt, struct iommufmt__ptrd *rd,
		      struct rx_lane *l, uint32_t access, struct iommufmt_xlate *out,
		      const int prefetch, const unsigned int level)
{
	const unsigned int shift = rx_shift(pt, level);
	const uint64_t off = rx_index(pt, l->iova, level) << 3;
	uint64_t pte, size;
	struct rx_ent e;
	uint32_t perm, f;

	if (unlikely(iommufmt__ptrd_rd64_at(rd, l->table, off, &pte, RX_BE))) {
		rx_fault(out, l->iova, IOMMUFMT_FAULT_TABLE_READ, level, 0,
				      rx_pow2(shift));
		out->fault_addr = l->table + off;
		return RX_DONE;
	}
	rx_decode(pt, pte, level, access, &e);
	if (likely(e.kind == RX_TABLE)) {
		l->perm &= e.perm;
		l->table = e.addr;
		if (likely(level > 1 && e.next + 1 == level)) {
			l->level = level - 1;
			if (prefetch)
				iommufmt__ptrd_prefetch(rd, e.addr + (rx_index(pt, l->iova, level - 1) << 3));
			return RX_NEXT;
		}
		if (unlikely(e.next >= level || e.next == 0)) {
			rx_fault(out, l->iova, IOMMUFMT_FAULT_BAD_LEVEL, level, pte,
					      rx_pow2(shift));
			return RX_DONE;
		}
		{
			/* skipped levels: their index bits must be zero */
			uint64_t skipped = (rx_pow2(shift) - 1) & ~(rx_pow2(rx_shift(pt, e.next + 1)) - 1);

			if (l->iova & skipped) {
				rx_fault(out, l->iova, IOMMUFMT_FAULT_NOT_PRESENT, level,
						      pte, rx_pow2(shift));
				return RX_DONE;
			}
		}
		l->level = e.next;
		if (prefetch)
			iommufmt__ptrd_prefetch(rd, e.addr + (rx_index(pt, l->iova, e.next) << 3));
		return RX_SKIP;
	}
	if (likely(e.kind == RX_LEAF)) {
		if (e.group_log2) {
			uint64_t first, bad = 0;

			f = rx_group_check(rd, l->table, off >> 3, e.group_log2, pte, &first, &bad);
			if (unlikely(f)) {
				rx_fault(out, l->iova, f, level,
						      f == IOMMUFMT_FAULT_TABLE_READ ? 0 : pte,
						      rx_pow2(shift));
				out->fault_addr = bad;
				return RX_DONE;
			}
		}
		perm = l->perm & e.perm;
		size = rx_pow2(e.next);
		f = rx_access_fault(pt, perm, access);
		if (unlikely(f)) {
			rx_fault(out, l->iova, f, level, pte, size);
			return RX_DONE;
		}
		out->iova = l->iova;
		out->pa = e.addr | (l->iova & (size - 1));
		out->page_size = size;
		out->pte = pte;
		out->attrs = e.attrs;
		out->fault_addr = 0;
		out->perm = rx_final_perm(pt, perm);
		iommufmt__xlate_level(out, RX_GLEVEL(level), level);
		out->fault = IOMMUFMT_FAULT_NONE;
		out->stage = 0;
		return RX_DONE;
	}
	rx_fault(out, l->iova, e.kind == RX_HOLE ? IOMMUFMT_FAULT_NOT_PRESENT : e.fault,
			      level, pte, rx_pow2(shift));
	return RX_DONE;
}

/*
 * The rest of a walk that skipped levels: levels from the entries, still
 * strictly descending. The state is passed by value so that the unrolled
 * walk's state never has its address taken and stays in registers.
 */
static __attribute__((noinline, unused)) void rx_walk_rest(const struct iommufmt_pgtable *pt,
							   const struct iommufmt_gmem *gmem,
							   struct rx_lane l, uint32_t access,
							   struct iommufmt_xlate *out)
{
	struct iommufmt__ptrd rd;

	iommufmt__ptrd_init(&rd, gmem);
	for (unsigned int s = 0; s < RX_MAXLEV; s++)
		if (rx_step(pt, &rd, &l, access, out, 0, l.level) == RX_DONE)
			return;
	rx_fault(out, l.iova, IOMMUFMT_FAULT_BAD_LEVEL, l.level, 0, 0);
}

RX_INLINE void rx_walk1(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			uint64_t iova, uint32_t access, struct iommufmt_xlate *out,
			const unsigned int top)
{
	struct iommufmt__ptrd rd;
	struct rx_lane l = { iova, pt->cfg.root, ~UINT32_C(0), top };
	uint32_t f = rx_input_fault(pt, iova);

	if (unlikely(f)) {
		rx_fault(out, iova, f, top, 0, 0);
		return;
	}
	iommufmt__ptrd_init(&rd, gmem);
	/* unrolled: one constant level per step while the walk descends one by one */
#pragma GCC unroll 8
	for (unsigned int s = 0; s < top; s++) {
		int r = rx_step(pt, &rd, &l, access, out, 0, top - s);

		if (r == RX_DONE)
			return;
		if (r == RX_SKIP) {
			rx_walk_rest(pt, gmem, l, access, out);
			return;
		}
	}
	rx_fault(out, iova, IOMMUFMT_FAULT_BAD_LEVEL, 1, 0, 0);
}

RX_UNUSED void rx_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			    __u64 iova, __u32 access, struct iommufmt_xlate *out)
{
	switch (pt->start_level) {
#define RX_CASE1(top_) case top_: rx_walk1(pt, gmem, iova, access, out, top_); return;
	RX_TOPS(RX_CASE1)
#undef RX_CASE1
	default:
		rx_fault(out, iova, IOMMUFMT_FAULT_BAD_LEVEL, pt->start_level, 0, 0);
	}
}

/* Walks in flight per batch group: enough to cover DRAM latency with loads. */
#define RX_LANES 32

RX_INLINE void rx_batch_top(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			    const __u64 *iovas, size_t n, uint32_t access,
			    struct iommufmt_xlate *out, const unsigned int top)
{
	struct iommufmt__ptrd rd;

	iommufmt__ptrd_init(&rd, gmem);
	for (size_t base = 0; base < n; base += RX_LANES) {
		size_t k = n - base < RX_LANES ? n - base : RX_LANES;
		struct rx_lane l[RX_LANES];
		uint32_t live = 0, skipped = 0;

		for (size_t i = 0; i < k; i++) {
			uint64_t iova = iovas[base + i];
			uint32_t f = rx_input_fault(pt, iova);

			if (unlikely(f)) {
				rx_fault(&out[base + i], iova, f, top, 0, 0);
				continue;
			}
			l[i].iova = iova;
			l[i].table = pt->cfg.root;
			l[i].perm = ~UINT32_C(0);
			l[i].level = top;
			live |= UINT32_C(1) << i;
		}
		/* round s: lanes that descended one by one are at level top - s */
		for (unsigned int s = 0; s < RX_MAXLEV && live; s++) {
			uint32_t m = live;

			while (m) {
				unsigned int i = (unsigned int)__builtin_ctz(m);
				int r;

				m &= m - 1;
				if (likely(!(skipped & (UINT32_C(1) << i)) && s < top))
					r = rx_step(pt, &rd, &l[i], access, &out[base + i], 1, top - s);
				else
					r = rx_step(pt, &rd, &l[i], access, &out[base + i], 1,
						    l[i].level);
				if (r == RX_DONE)
					live &= ~(UINT32_C(1) << i);
				else if (r == RX_SKIP)
					skipped |= UINT32_C(1) << i;
			}
		}
		while (live) {
			unsigned int i = (unsigned int)__builtin_ctz(live);

			live &= live - 1;
			rx_fault(&out[base + i], l[i].iova, IOMMUFMT_FAULT_BAD_LEVEL,
					      l[i].level, 0, 0);
		}
	}
}

RX_UNUSED void rx_translate_batch(const struct iommufmt_pgtable *pt,
				  const struct iommufmt_gmem *gmem, const __u64 *iovas, size_t n,
				  __u32 access, struct iommufmt_xlate *out)
{
	switch (pt->start_level) {
#define RX_CASEB(top_) case top_: rx_batch_top(pt, gmem, iovas, n, access, out, top_); return;
	RX_TOPS(RX_CASEB)
#undef RX_CASEB
	default:
		iommufmt__xlate_faults(out, iovas, n, IOMMUFMT_FAULT_BAD_LEVEL,
				       RX_GLEVEL(pt->start_level), pt->start_level);
	}
}

/* ---- range walk and dirty harvest ---- */

struct rx_frame {
	uint64_t table;		/* GPA of the table */
	uint64_t base;		/* linear input address of its entry 0 */
	uint32_t perm;		/* AND of the permissions above it */
	uint32_t level;
	uint64_t idx, hi;	/* next entry to read, last entry in range */
};

/* What a range walk does with a leaf: report it, or harvest its dirty bit. */
struct rx_sink {
	int (*fn)(void *opaque, const struct iommufmt_xlate *rec);
	void *opaque;
	__u64 *bitmap;		/* dirty: bitmap, bit 0 = start */
	uint64_t start, last;	/* dirty: the range in input addresses */
	int clear;		/* dirty: clear the bits reported */
};

/* Frame for a table at @level whose entry 0 has linear address @base. */
RX_INLINE void rx_frame_init(const struct iommufmt_pgtable *pt, struct rx_frame *f, uint64_t table,
			     uint64_t base, uint32_t perm, unsigned int level, uint64_t ls,
			     uint64_t ll)
{
	unsigned int shift = rx_shift(pt, level);
	uint64_t nents = rx_pow2(rx_bits(pt, level));
	uint64_t hi = (ll - base) >> shift;

	f->table = table;
	f->base = base;
	f->perm = perm;
	f->level = level;
	f->idx = ls > base ? (ls - base) >> shift : 0;
	f->hi = hi < nents - 1 ? hi : nents - 1;
}

/*
 * First index in [idx, hi] whose entry is not zero (hi + 1 if none), when
 * those entries lie in the reader's cached flat region; else @idx (the
 * caller reads them one by one). Empty stretches are scanned at memory speed.
 */
RX_INLINE uint64_t rx_skip_zeros(const struct iommufmt__ptrd *rd, uint64_t table, uint64_t idx,
				 uint64_t hi)
{
	const uint64_t gpa = table + (idx << 3);

	if (!RX_ZERO_IS_HOLE || idx > hi || !iommufmt__ptrd_has(rd, gpa, (hi - idx + 1) << 3))
		return idx;
	return idx + iommufmt__pt_skip_empty(rd->host + (gpa - rd->base), hi - idx + 1, 0, RX_BE);
}

/*
 * Start loading the first 4 KiB of a table's entries in range, so its cache
 * lines arrive together rather than one miss at a time (the skip loop keeps
 * prefetching 4 KiB ahead).
 */
RX_INLINE void rx_prefetch_table(const struct iommufmt__ptrd *rd, const struct rx_frame *f)
{
	const uint64_t gpa = f->table + (f->idx << 3), off = gpa - rd->base;
	uint64_t bytes;

	/* only the first entry must be in the window: the rest is clipped to it */
	if (f->idx > f->hi || !iommufmt__ptrd_has(rd, gpa, 8))
		return;
	bytes = (f->hi - f->idx + 1) << 3;
	iommufmt__pt_prefetch(rd->host + off, bytes < rd->span - off ? bytes : rd->span - off);
}

/* Dirty bits of one leaf (all entries of its group), cleared on request. */
RX_INLINE int rx_harvest(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			 struct iommufmt__ptrd *rd, const struct rx_sink *sk, uint64_t first_gpa,
			 uint64_t count, uint64_t va, uint64_t size)
{
	const uint64_t dbit = rx_dirty_bit(pt);
	/*
	 * A huge page only partly inside the range is reported for its part
	 * inside and keeps its D bit: clearing it would lose the dirty state of
	 * the part outside, which a later harvest of that part must still see.
	 */
	const int clear = sk->clear && va >= sk->start && va + (size - 1) <= sk->last;
	int dirty = 0;

	for (uint64_t j = 0; j < count; j++) {
		uint64_t v;

		if (RX_LOAD(rd, first_gpa + 8 * j, &v))
			continue;
		if (v & dbit) {
			dirty = 1;
			if (clear && iommufmt__pt_clear_bits(gmem, first_gpa + 8 * j, dbit, RX_BE))
				return -EFAULT;
		}
	}
	if (dirty) {
		uint64_t lo = va > sk->start ? va : sk->start;
		uint64_t hi = va + (size - 1) < sk->last ? va + (size - 1) : sk->last;

		iommufmt__bitmap_set(sk->bitmap, (lo - sk->start) >> 12,
				     ((hi - lo) >> 12) + 1);
	}
	return 0;
}

/*
 * The range walk and dirty harvest: one explicit-stack loop over frames.
 * It is long (complexity ~34) on purpose: it is the walk.scan/walk.dense
 * inner loop, and the per-entry decisions (empty run skip, table descent
 * with skipped levels, group leaf, fault record, coalescing) share the
 * frame and reader state in registers; non-inlined helpers would add calls
 * per entry and spill that state (not measured here), always-inlined ones
 * would only move the text.
 */
RX_INLINE int rx_walk_core(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   uint64_t start, uint64_t last, uint32_t flags,
			   const struct rx_sink *sk, const int dirty_mode)
{
	struct rx_frame st[RX_MAXLEV];
	struct iommufmt__ptrd rd;
	struct iommufmt_xlate rec;
	uint64_t ls = start, ll = last, budget;
	unsigned int depth = 0;
	int r;

	if (!rx_linear(pt, &ls, &ll))
		return 0;
	if (pt->start_level < 1 || pt->start_level > RX_MAXLEV)
		return 0;
	budget = iommufmt__walk_budget(gmem, RX_TABLE_LG2);
	iommufmt__ptrd_init(&rd, gmem);
	rx_frame_init(pt, &st[0], pt->cfg.root, 0, ~UINT32_C(0), pt->start_level, ls, ll);
	depth = 1;
	budget--;
	while (depth) {
		struct rx_frame *f = &st[depth - 1];
		const unsigned int level = f->level;
		const unsigned int shift = rx_shift(pt, level);
		uint64_t i, gpa, pte, lin;
		struct rx_ent e;

		if (f->idx > f->hi) {
			depth--;
			continue;
		}
		i = f->idx++;
		gpa = f->table + (i << 3);
		lin = f->base + (i << shift);
		if (unlikely(RX_LOAD(&rd, gpa, &pte))) {
			/* the rest of this table is unreadable: one record, skip it */
			uint64_t cnt = f->hi - i + 1;
			uint64_t span = (cnt << shift) >> shift == cnt && (cnt << shift) ? cnt << shift
											 : UINT64_MAX;

			f->idx = f->hi + 1;
			if (!dirty_mode && (flags & IOMMUFMT_WALK_FAULTS)) {
				rx_fault(&rec, rx_to_va(pt, lin), IOMMUFMT_FAULT_TABLE_READ,
						      level, 0, span);
				rec.fault_addr = gpa;
				r = sk->fn(sk->opaque, &rec);
				if (r)
					return r;
			}
			continue;
		}
		if (RX_ZERO_IS_HOLE && pte == 0) {
			f->idx = rx_skip_zeros(&rd, f->table, f->idx, f->hi);
			continue;
		}
		rx_decode(pt, pte, level, 0, &e);
		if (e.kind == RX_TABLE) {
			if (unlikely(e.next >= level || e.next == 0)) {
				e.kind = RX_FAULT;
				e.fault = IOMMUFMT_FAULT_BAD_LEVEL;
			} else {
				if (!budget--)
					return -ELOOP;
				/* a child skipping levels covers only its own span from lin */
				rx_frame_init(pt, &st[depth], e.addr, lin, f->perm & e.perm, e.next,
					      ls, ll);
				rx_prefetch_table(&rd, &st[depth]);
				depth++;
				continue;
			}
		}
		if (e.kind == RX_LEAF) {
			uint64_t g = rx_pow2(e.group_log2);
			uint64_t size = rx_pow2(e.next);
			uint64_t gi = i & ~(g - 1), pa = e.addr, va;

			if (g > 1) {
				/*
				 * A leaf held by a group of entries is reported once,
				 * whole, with the group's first entry. A group whose
				 * entries disagree is no leaf (rx_group_check(), as
				 * translation decides): each of its entries is a fault
				 * of its own span. A dirty harvest still takes the
				 * dirty bit of each such entry that is a leaf, over the
				 * page it encodes: hardware may have written through it.
				 */
				uint64_t first = pte, bad = 0;
				uint32_t gf = rx_group_check(&rd, f->table, i, e.group_log2, pte,
							     &first, &bad);

				if (!gf) {
					pte = first;
					if (f->idx < gi + g)
						f->idx = gi + g;
				} else if (dirty_mode) {
					r = rx_harvest(pt, gmem, &rd, sk, gpa, 1,
						       rx_to_va(pt, f->base + (gi << shift)), size);
					if (r)
						return r;
					continue;
				} else {
					if (!(flags & IOMMUFMT_WALK_FAULTS))
						continue;
					rx_fault(&rec, rx_to_va(pt, lin), gf, level,
							      gf == IOMMUFMT_FAULT_TABLE_READ ? 0 : pte,
							      rx_pow2(shift));
					rec.fault_addr = bad;
					r = sk->fn(sk->opaque, &rec);
					if (r)
						return r;
					continue;
				}
			}
			va = rx_to_va(pt, f->base + (gi << shift));
			if (dirty_mode) {
				r = rx_harvest(pt, gmem, &rd, sk, f->table + (gi << 3), g, va, size);
				if (r)
					return r;
				continue;
			}
			rec.iova = va;
			rec.pa = pa;
			rec.page_size = size;
			rec.pte = pte;
			rec.attrs = e.attrs;
			rec.fault_addr = 0;
			rec.perm = rx_final_perm(pt, f->perm & e.perm);
			iommufmt__xlate_level(&rec, RX_GLEVEL(level), level);
			rec.fault = IOMMUFMT_FAULT_NONE;
			rec.stage = 0;
			r = sk->fn(sk->opaque, &rec);
			if (r)
				return r;
			continue;
		}
		if (e.kind == RX_FAULT && !dirty_mode && (flags & IOMMUFMT_WALK_FAULTS)) {
			rx_fault(&rec, rx_to_va(pt, lin), e.fault, level, pte,
					      rx_pow2(shift));
			r = sk->fn(sk->opaque, &rec);
			if (r)
				return r;
		}
	}
	return 0;
}

RX_UNUSED int rx_walk_range(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			    __u64 start, __u64 last, __u32 flags,
			    int (*fn)(void *opaque, const struct iommufmt_xlate *rec), void *opaque)
{
	struct rx_sink sk = { .fn = fn, .opaque = opaque };

	return rx_walk_core(pt, gmem, start, last, flags, &sk, 0);
}

RX_UNUSED int rx_dirty(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		       __u64 start, __u64 last, __u32 flags, __u64 *bitmap)
{
	struct rx_sink sk = { .bitmap = bitmap, .start = start, .last = last,
			      .clear = !!(flags & IOMMUFMT_DIRTY_CLEAR) };

	if (!rx_dirty_bit(pt))
		return -EOPNOTSUPP;
	return rx_walk_core(pt, gmem, start, last, 0, &sk, 1);
}

/* ---- builders ---- */

RX_UNUSED int rx_root_size(const struct iommufmt_pgtable *pt, __u64 *size, __u64 *align)
{
	*size = rx_table_bytes(pt, pt->start_level);
	*align = *size < 4096 ? 4096 : *size;
	return 0;
}

/* Whether the subtree under a level-@level table holds no leaf (so a page may replace it). */
static int rx_subtree_empty(const struct iommufmt_pgtable *pt,
			    const struct iommufmt_pgtable_arena *arena, uint64_t table,
			    unsigned int level, uint64_t *budget)
{
	uint64_t n = rx_pow2(rx_bits(pt, level));
	const uint8_t *p = iommufmt__arena_ptr(arena, table, n * 8);

	if (!p || !*budget)
		return 0;
	(*budget)--;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pte = iommufmt__load64(p + 8 * i, RX_BE);
		struct rx_ent e;

		if (RX_ZERO_IS_HOLE && pte == 0)
			continue;
		rx_decode(pt, pte, level, 0, &e);
		if (e.kind == RX_HOLE)
			continue;
		if (e.kind != RX_TABLE || e.next >= level || e.next == 0 ||
		    !rx_subtree_empty(pt, arena, e.addr, e.next, budget))
			return 0;
	}
	return 1;
}

RX_UNUSED int rx_map_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			  __u64 iova, __u64 pa, __u64 size, __u32 prot, struct iommufmt_diag *diag)
{
	unsigned int lvl, glog2, level = pt->start_level;
	uint64_t table = pt->cfg.root, leaf = 0, g;
	uint8_t *slot;
	int r;

	if (rx_leaf_level(pt, size, &lvl, &glog2) || lvl > level)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "size",
					 IOMMUFMT__DV_VALUE, size, 0, 0,
					 "page size 0x%llx is not supported here",
					 (unsigned long long)size);
	if (rx_input_fault(pt, iova))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					 IOMMUFMT__DV_VALUE, iova, 0, 0,
					 "iova 0x%llx is outside the input address space",
					 (unsigned long long)iova);
	r = rx_make_leaf(pt, lvl, pa, (unsigned int)__builtin_ctzll(size), prot, &leaf, diag);
	if (r)
		return r;
	while (level > lvl) {
		uint64_t gpa = table + (rx_index(pt, iova, level) << 3);
		uint64_t pte, child;
		struct rx_ent e;

		slot = iommufmt__arena_ptr(arena, gpa, 8);
		if (!slot)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "root",
						 IOMMUFMT__DV_VALUE, gpa, 0, 0,
						 "level-%u table at 0x%llx is outside the arena",
						 level, (unsigned long long)table);
		pte = iommufmt__load64(slot, RX_BE);
		rx_decode(pt, pte, level, 0, &e);
		if (e.kind == RX_HOLE) {
			r = iommufmt__arena_alloc(arena, rx_table_bytes(pt, level - 1),
						  rx_table_bytes(pt, level - 1) < 4096 ?
						  4096 : rx_table_bytes(pt, level - 1),
						  pt->oas_mask, &child, diag);
			if (r)
				return r;
			iommufmt__store64(slot, rx_make_table(pt, level, child, level - 1), RX_BE);
			table = child;
			level--;
			continue;
		}
		if (e.kind == RX_TABLE && e.next == level - 1) {
			table = e.addr;
			level--;
			continue;
		}
		if (e.kind == RX_TABLE)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "iova",
						 IOMMUFMT__DV_VALUE, iova, 0, 0,
						 "a level-%u entry skips levels; the builder does "
						 "not extend such tables", level);
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_EXISTS, "iova",
					 IOMMUFMT__DV_VALUE, iova, 0, 0,
					 "a level-%u entry already maps (or holds) 0x%llx",
					 level, (unsigned long long)iova);
	}
	g = rx_pow2(glog2);
	slot = iommufmt__arena_ptr(arena, table + (rx_index(pt, iova, lvl) << 3), 8 * g);
	if (!slot)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_VALUE, "root",
				      "level-%u table at 0x%llx is outside the arena", lvl,
				      (unsigned long long)table);
	for (uint64_t j = 0; j < g; j++) {
		uint64_t pte = iommufmt__load64(slot + 8 * j, RX_BE), budget;
		struct rx_ent e;

		if (RX_ZERO_IS_HOLE && pte == 0)
			continue;
		rx_decode(pt, pte, lvl, 0, &e);
		if (e.kind == RX_HOLE)
			continue;
		budget = (arena->used >> RX_TABLE_LG2) + 1;
		if (e.kind == RX_TABLE && e.next < lvl && e.next &&
		    rx_subtree_empty(pt, arena, e.addr, e.next, &budget))
			continue;	/* an empty table: the page replaces it */
		return iommufmt__pt_mapped(diag, iova);
	}
	for (uint64_t j = 0; j < g; j++)
		iommufmt__store64(slot + 8 * j, leaf, RX_BE);
	return 0;
}

RX_UNUSED int rx_unmap_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			    __u64 iova, __u64 *size, struct iommufmt_diag *diag)
{
	unsigned int level = pt->start_level;
	uint64_t table = pt->cfg.root;

	*size = 0;
	if (rx_input_fault(pt, iova))
		return iommufmt__diag_err(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					  "iova is outside the input address space");
	for (unsigned int s = 0; s < RX_MAXLEV && level >= 1; s++) {
		uint64_t idx = rx_index(pt, iova, level);
		uint8_t *slot = iommufmt__arena_ptr(arena, table + (idx << 3), 8);
		uint64_t pte;
		struct rx_ent e;

		if (!slot)
			break;
		pte = iommufmt__load64(slot, RX_BE);
		rx_decode(pt, pte, level, 0, &e);
		if (e.kind == RX_TABLE && e.next < level && e.next) {
			uint64_t skipped = (rx_pow2(rx_shift(pt, level)) - 1) &
					   ~(rx_pow2(rx_shift(pt, e.next + 1)) - 1);

			if (iova & skipped)
				break;
			table = e.addr;
			level = e.next;
			continue;
		}
		if (e.kind == RX_LEAF) {
			uint64_t g = rx_pow2(e.group_log2), gi = idx & ~(g - 1);
			uint8_t *first = iommufmt__arena_ptr(arena, table + (gi << 3), 8 * g);

			if (!first)
				break;
			for (uint64_t j = 0; j < g; j++)
				iommufmt__store64(first + 8 * j, 0, RX_BE);
			*size = rx_pow2(e.next);
			return 0;
		}
		break;
	}
	return iommufmt__pt_unmapped(diag, iova);
}

/* ---- configuration ---- */

/*
 * The first checks of a radix format's prepare: fields it has no use for
 * (granule, sl0, top) and flags outside @ok_flags. @name names the tables in
 * the diagnostic ("x86-64 tables"), @flags_note is appended to the flags one.
 */
RX_UNUSED int rx_prepare_fields(const struct iommufmt_pgtable *pt, const char *name,
				const char *flags_note, uint32_t ok_flags,
				struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_cfg *c = &pt->cfg;

	if (c->granule || c->sl0 || c->top)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_UNSUPPORTED,
				      c->granule ? "granule" : c->sl0 ? "sl0" : "top",
				      "%s have no %s", name, c->granule ? "granule" :
				      c->sl0 ? "sl0" : "top");
	if (c->flags & ~ok_flags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags,
					 ok_flags, 0, "flags 0x%x do not apply to %s%s",
					 c->flags & ~ok_flags, name, flags_note);
	return 0;
}

/*
 * The last checks and the derived fields: the output size (cfg.oas, 0 for
 * 52; @oas_what names it in the diagnostic) and the root, then levels, ias,
 * masks and the address bits above the output size (priv[0]).
 */
RX_UNUSED int rx_prepare_finish(struct iommufmt_pgtable *pt, uint32_t levels, uint32_t ias,
				uint64_t pgsize_bitmap, uint64_t ias_mask, const char *oas_what,
				struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	const uint32_t oas = c->oas ? c->oas : 52;

	if (oas < 32 || oas > 52)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 52, 0,
					 "%s %u is outside 32..52 bits", oas_what, oas);
	if ((c->root & 0xfff) || (c->root >> oas))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE, c->root, 0, 0,
					 "root 0x%llx is not 4 KiB aligned below 2^%u",
					 (unsigned long long)c->root, oas);
	c->levels = levels;
	c->ias = ias;
	c->oas = oas;
	pt->pgsize_bitmap = pgsize_bitmap;
	pt->ias_mask = ias_mask;
	pt->oas_mask = (UINT64_C(1) << oas) - 1;
	pt->start_level = levels;
	pt->nr_levels = levels;
	pt->priv[0] = oas < 52 ? GENMASK64(51, oas) : 0;
	return 0;
}

/*
 * The ops of a radix format: @sym (struct iommufmt_pgtable_ops) for format
 * @id named @name, checked by @prepare_fn, walked by this template.
 */
#define RX_DEFINE_FORMAT(sym, id, name, description, prepare_fn)		\
IOMMUFMT__PGTABLE_WALK_OPS(sym##_walk, prepare_fn, rx_root_size, rx_translate,	\
			   rx_translate_batch, rx_walk_range, rx_dirty, rx_map_page,	\
			   rx_unmap_page);					\
IOMMUFMT__PGTABLE_FORMAT(sym, id, name, description, &sym##_walk)

#endif /* IOMMUFMT_LIB_PGTABLE_RADIX_H */
