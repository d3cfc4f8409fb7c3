/* SPDX-License-Identifier: MIT */
/* Walker template for formats read one level at a time from the root: translate, batch, walk. */
#ifndef IOMMUFMT_LIB_PGTABLE_WALK_H
#define IOMMUFMT_LIB_PGTABLE_WALK_H

/*
 * Why two walker templates (this one and lib/pgtable_radix.h) remain: the
 * radix walk must handle entries that skip levels (amd-v1 NextLevel), leaves
 * held by groups of equal entries (amd-v1 size-encoded pages) and canonical
 * halves, with 4 KiB tables of 9-bit strides; this one has per-granule
 * geometry selected by a constant instance key @k, levels counting either
 * way, attributes inherited from table entries (APTable/NSTable, s390 P)
 * and a memo of empty subtrees. One template would carry the other's checks
 * as run-time branches in the per-level step, which is the translate.hot and
 * walk.scan inner loop; both already share the entry reader, the window,
 * the empty-run skip, the budget and the result helpers (pgtable_internal.h).
 * Revisit if a third family of formats appears.
 */

/*
 * For formats whose walks read one entry per level, from the root's level
 * to a fixed last level, never skipping one (arm-lpae, s390-dat; the radix
 * formats, which may skip levels, have lib/pgtable_radix.h). A format file
 * defines, before including this header:
 *   PW_DOWN      +1 if levels count up towards the leaves (Arm: 0..3), -1
 *                if they count down (s390: 5..1)
 *   PW_LAST      the level of the last table (Arm 3, s390 1)
 *   PW_MAXDEPTH  the most levels one walk reads
 *   PW_BE        1 if entries are big-endian, else 0
 * and after it these static inline hooks. @k is the format's own word of
 * compile-time constants (granule, stage, ...: opaque here, passed along
 * unchanged); hooks are only called with a constant @k and, in
 * translations, constant levels, so per-level constants fold:
 *   pw_begin(pt, iova, out, lane)  start a translation: 1 when @out is
 *                final already (an input-address fault), else 0 with @lane
 *                at the root
 *   pw_step(pt, rd, iova, access, out, lane, k, level, first, prefetch)
 *                read and decode the entry at @level (@first: the root's
 *                level): 1 when @out is final, 0 after moving @lane one
 *                level down (at PW_LAST it always finishes); with @prefetch,
 *                start loading the next level's entry
 *   pw_entry_off(k, level, first, iova)  byte offset of @iova's entry in
 *                its level-@level table
 *   pw_shift(k, level)  log2 of the input span of one entry
 *   pw_imask(k, level)  entries of a level-@level table, minus one
 *   pw_table_lg2(k)  log2 of the smallest table below the root (its size
 *                rounded up to its alignment): the visit budget counts
 *                tables of this size in guest memory
 *   pw_invalid_bit(k, level)  0, or a bit whose entries are empty like
 *                all-zero ones (range walks skip runs of both quickly)
 *   pw_decode(pt, k, e, level, d)  classify entry @e for a range walk
 *                (struct pw_ent); PW_PAGE entries go to pw_leaf()
 *   pw_leaf(w, k, f, e, d, level, va)  report the leaf @e (decoded in @d)
 *                of frame @f at @va (pw_emit_fault() for a fault); returns
 *                the callback's value
 *
 * Walks end by construction: a translation reads at most one entry per
 * level, and a range walk visits at most iommufmt__walk_budget() tables;
 * tables whose whole scan reported nothing are remembered (a small cache),
 * so tables shared by many entries, or pointing at themselves, are not
 * scanned again.
 */

#include "lib/pgtable_internal.h"

#if !defined(PW_DOWN) || !defined(PW_LAST) || !defined(PW_MAXDEPTH) || !defined(PW_BE)
#error "define PW_DOWN, PW_LAST, PW_MAXDEPTH and PW_BE before including lib/pgtable_walk.h"
#endif

#define PW_INLINE static inline __attribute__((always_inline))

/*
 * A level of the format's numbering in the common numbering of results
 * (0 = the PW_LAST table, one more per table toward the root): Arm 3 - level,
 * s390 level - 1. A constant wherever @level is.
 */
#define PW_GLEVEL(level)	((uint32_t)((PW_LAST - (level)) * PW_DOWN))

/* A fault result at native level @level (iommufmt__xlate_fault() with both numberings). */
PW_INLINE void pw_fault(struct iommufmt_xlate *out, uint64_t iova, uint32_t reason, int level,
			uint64_t pte, uint64_t span)
{
	iommufmt__xlate_fault(out, iova, reason, PW_GLEVEL(level), (uint32_t)level, pte, span);
}

/* Set both level fields of @out for native level @level. */
PW_INLINE void pw_level(struct iommufmt_xlate *out, int level)
{
	iommufmt__xlate_level(out, PW_GLEVEL(level), (uint32_t)level);
}

/* The state of one translation between levels. */
struct pw_lane {
	uint64_t table;		/* GPA of the table read at the current level */
	uint64_t acc;		/* format bits collected on the path (permissions) */
};

/* What a range walk does with what it finds. */
struct pw_sink {
	int (*fn)(void *opaque, const struct iommufmt_xlate *rec);
	void *opaque;
	uint32_t flags;		/* walks: IOMMUFMT_WALK_* */
	uint32_t dflags;	/* dirty harvest: IOMMUFMT_DIRTY_* */
	__u64 *bitmap;		/* dirty harvest: bit 0 = start */
};

/* One range walk. */
struct pw_walk {
	const struct iommufmt_pgtable *pt;
	const struct iommufmt_gmem *gmem;
	uint64_t start, last;	/* the range asked for */
	const struct pw_sink *sk;
};

/* One table being scanned. */
struct pw_frame {
	uint64_t table;		/* table GPA */
	uint64_t base;		/* input address of entry 0 */
	uint64_t acc;		/* format bits collected from the entries above */
	const uint8_t *host;	/* flat host view of entries [first, end], or NULL */
	uint64_t first, idx, end;	/* scanned index range and cursor */
	int full;		/* the scan covers the whole table */
	int emitted;		/* something was reported below */
};

/* pw_decode() kinds. */
enum { PW_HOLE = 0, PW_TABLE = 1, PW_PAGE = 2, PW_FAULT = 3 };

/* One entry, as a range walk sees it. */
struct pw_ent {
	uint64_t addr;		/* PW_TABLE: the next table; PW_PAGE: the output, if known */
	uint64_t acc;		/* PW_TABLE: bits the next table's entries inherit (OR-ed) */
	uint32_t kind;		/* PW_* */
	uint32_t fault;		/* PW_FAULT: IOMMUFMT_FAULT_* */
};

/* The hooks, defined by the format after this header; always inlined. */
PW_INLINE int pw_begin(const struct iommufmt_pgtable *pt, uint64_t iova,
		       struct iommufmt_xlate *out, struct pw_lane *lane);
PW_INLINE int pw_step(const struct iommufmt_pgtable *pt, struct iommufmt__ptrd *rd, uint64_t iova,
		      uint32_t access, struct iommufmt_xlate *out, struct pw_lane *lane,
		      const unsigned int k, const int level, const int first, const int prefetch);
PW_INLINE uint64_t pw_entry_off(const unsigned int k, const int level, const int first,
				uint64_t iova);
PW_INLINE unsigned int pw_shift(const unsigned int k, const int level);
PW_INLINE uint64_t pw_imask(const unsigned int k, const int level);
PW_INLINE unsigned int pw_table_lg2(const unsigned int k);
PW_INLINE uint64_t pw_invalid_bit(const unsigned int k, const int level);
PW_INLINE void pw_decode(const struct iommufmt_pgtable *pt, const unsigned int k, uint64_t e,
			 const int level, struct pw_ent *d);
PW_INLINE int pw_leaf(const struct pw_walk *w, const unsigned int k, struct pw_frame *f, uint64_t e,
		      const struct pw_ent *d, const int level, uint64_t va);

/* ---- translation ---- */

/* Translate @iova with the root at level @start (a constant: the levels unroll). */
PW_INLINE void pw_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			    uint64_t iova, uint32_t access, struct iommufmt_xlate *out,
			    const unsigned int k, const int start)
{
	struct pw_lane lane;
	struct iommufmt__ptrd rd;

	if (pw_begin(pt, iova, out, &lane))
		return;
	iommufmt__ptrd_init(&rd, gmem);
#pragma GCC unroll 8
	for (int level = start; level != PW_LAST + PW_DOWN; level += PW_DOWN)
		if (pw_step(pt, &rd, iova, access, out, &lane, k, level, level == start, 0))
			return;
}

/* Walks in flight per batch group: enough to cover DRAM latency with loads. */
#define PW_LANES 32

/*
 * Translate many addresses: groups of PW_LANES walks advance level by level
 * together, each step starting the next level's load, so the loads overlap.
 * Results equal pw_translate()'s: both run pw_step().
 */
PW_INLINE void pw_batch(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			const __u64 *iovas, size_t n, uint32_t access, struct iommufmt_xlate *out,
			const unsigned int k, const int start)
{
	struct iommufmt__ptrd rd;

	iommufmt__ptrd_init(&rd, gmem);
	for (size_t base = 0; base < n; base += PW_LANES) {
		const unsigned int m = (unsigned int)(n - base < PW_LANES ? n - base : PW_LANES);
		struct pw_lane lane[PW_LANES];
		uint32_t live = 0;

		for (unsigned int i = 0; i < m; i++)
			if (!pw_begin(pt, iovas[base + i], &out[base + i], &lane[i])) {
				live |= UINT32_C(1) << i;
				iommufmt__ptrd_prefetch(&rd, lane[i].table +
							pw_entry_off(k, start, 1, iovas[base + i]));
			}
#pragma GCC unroll 8
		for (int level = start; level != PW_LAST + PW_DOWN; level += PW_DOWN)
			for (uint32_t todo = live; todo; todo &= todo - 1) {
				const unsigned int i = (unsigned int)__builtin_ctz(todo);

				if (pw_step(pt, &rd, iovas[base + i], access, &out[base + i],
					    &lane[i], k, level, level == start, 1))
					live &= ~(UINT32_C(1) << i);
			}
	}
}

/* ---- range walk ---- */

/*
 * Report a fault record when the walk asked for them (IOMMUFMT_WALK_FAULTS),
 * marking the frame's subtree as not empty; returns the callback's value.
 */
PW_INLINE int pw_emit_fault(const struct pw_walk *w, struct pw_frame *f, uint64_t iova,
			    uint64_t size, uint32_t reason, int level, uint64_t pte,
			    uint64_t fault_addr)
{
	struct iommufmt_xlate rec;

	if (!w->sk->fn || !(w->sk->flags & IOMMUFMT_WALK_FAULTS))
		return 0;
	f->emitted = 1;
	pw_fault(&rec, iova, reason, level, pte, size);
	rec.fault_addr = fault_addr;
	return w->sk->fn(w->sk->opaque, &rec);
}

/* Start scanning entries [first, end] of the table at @table, which maps inputs from @base. */
PW_INLINE void pw_enter(const struct iommufmt_gmem *gmem, struct pw_frame *f, uint64_t table,
			uint64_t base, uint64_t acc, uint64_t first, uint64_t end, int full)
{
	f->table = table;
	f->base = base;
	f->acc = acc;
	f->first = f->idx = first;
	f->end = end;
	f->full = full;
	f->emitted = 0;
	f->host = iommufmt__gmem_ptr(gmem, table + first * 8, (size_t)(end - first + 1) * 8);
}

/* Subtrees (table, depth) whose full scan produced nothing. */
#define PW_MEMO 64

PW_INLINE unsigned int pw_memo_slot(uint64_t table, int depth)
{
	uint64_t h = (table >> 11) * UINT64_C(0x9e3779b97f4a7c15) + (uint64_t)depth;

	return (unsigned int)(h >> 58) & (PW_MEMO - 1);
}

/*
 * Walk [start, last] in input order: every leaf (and, with
 * IOMMUFMT_WALK_FAULTS, every faulting entry) to pw_leaf() / the sink,
 * skipping empty entries and subtrees. Returns 0, the callback's non-zero
 * value, -ELOOP past the visit budget, or what pw_leaf() returns.
 */
PW_INLINE int pw_walk(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		      uint64_t start, uint64_t last, const struct pw_sink *sk, const unsigned int k)
{
	const int top = (int)pt->start_level;
	const uint64_t wlast = last < pt->ias_mask ? last : pt->ias_mask;
	const struct pw_walk w = { pt, gmem, start, last, sk };
	struct pw_frame fr[PW_MAXDEPTH];
	uint64_t memo[PW_MEMO], budget = iommufmt__walk_budget(gmem, pw_table_lg2(k));
	int depth = 0, r;

	if (start > wlast)
		return 0;
	memset(memo, 0, sizeof(memo));
	pw_enter(gmem, &fr[0], pt->cfg.root, 0, 0, start >> pw_shift(k, top),
		 wlast >> pw_shift(k, top), 0);
	for (;;) {
		struct pw_frame *f = &fr[depth];
		const int level = top + depth * PW_DOWN;
		const unsigned int sh = pw_shift(k, level);
		const uint64_t size = UINT64_C(1) << sh;
		uint64_t va, e;
		struct pw_ent d;

		if (f->idx > f->end) {
			if (!depth)
				break;
			if (f->full && !f->emitted)
				memo[pw_memo_slot(f->table, depth)] = f->table | (uint64_t)depth;
			fr[depth - 1].emitted |= f->emitted;
			depth--;
			fr[depth].idx++;
			continue;
		}
		if (f->host) {
			f->idx += iommufmt__pt_skip_empty(f->host + (f->idx - f->first) * 8,
							  f->end - f->idx + 1,
							  pw_invalid_bit(k, level), PW_BE);
			if (f->idx > f->end)
				continue;
		}
		va = f->base + (f->idx << sh);
		if (f->host) {
			e = iommufmt__load64(f->host + (f->idx - f->first) * 8, PW_BE);
		} else if (PW_BE ? iommufmt__gmem_rd64be(gmem, f->table + f->idx * 8, &e)
				 : iommufmt__gmem_rd64le(gmem, f->table + f->idx * 8, &e)) {
			/* the rest of the table is unreadable: one record (2^64 bytes: 2^64 - 1) */
			const uint64_t cnt = f->end - f->idx + 1;
			const uint64_t span = cnt > (~UINT64_C(0) >> sh) ? ~UINT64_C(0) : cnt << sh;

			r = pw_emit_fault(&w, f, va, span ? span : ~UINT64_C(0),
					  IOMMUFMT_FAULT_TABLE_READ, level, 0,
					  f->table + f->idx * 8);
			if (r)
				return r;
			f->idx = f->end + 1;
			continue;
		}
		pw_decode(pt, k, e, level, &d);
		if (d.kind == PW_TABLE) {
			const int clevel = level + PW_DOWN;
			const unsigned int csh = pw_shift(k, clevel);
			const uint64_t lo = start > va ? start : va;
			const uint64_t hi = wlast < va + (size - 1) ? wlast : va + (size - 1);
			const uint64_t first = (lo - va) >> csh, end = (hi - va) >> csh;
			struct pw_frame *c = &fr[depth + 1];

			if (memo[pw_memo_slot(d.addr, depth + 1)] ==
			    (d.addr | (uint64_t)(depth + 1))) {
				f->idx++;
				continue;
			}
			if (!budget--)
				return -ELOOP;
			pw_enter(gmem, c, d.addr, va, f->acc | d.acc, first, end,
				 first == 0 && end == pw_imask(k, clevel));
			if (c->host)
				iommufmt__pt_prefetch(c->host, (c->end - c->first + 1) * 8);
			depth++;
			continue;
		}
		if (d.kind == PW_PAGE)
			r = pw_leaf(&w, k, f, e, &d, level, va);
		else if (d.kind == PW_FAULT)
			r = pw_emit_fault(&w, f, va, size, d.fault, level, e, 0);
		else
			r = 0;
		if (r)
			return r;
		f->idx++;
	}
	return 0;
}

#endif /* IOMMUFMT_LIB_PGTABLE_WALK_H */
