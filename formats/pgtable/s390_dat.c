/* SPDX-License-Identifier: MIT */
/* s390 zPCI DAT region/segment/page tables (big-endian) */
#include "formats/formats.h"
#include "lib/pgtable_internal.h"

/*
 * zPCI DMA translation tables (Linux arch/s390/include/asm/pci_dma.h,
 * drivers/iommu/s390-iommu.c; QEMU hw/s390x/s390-pci-bus.c). Entries are
 * 64-bit big-endian. Levels are numbered from the bottom:
 *
 *   level 5  region-first table   2048 entries, IOVA bits 63:53
 *   level 4  region-second table  2048 entries, IOVA bits 52:42
 *   level 3  region-third table   2048 entries, IOVA bits 41:31
 *   level 2  segment table        2048 entries, IOVA bits 30:20
 *   level 1  page table            256 entries, IOVA bits 19:12
 *
 * cfg.top (the IOTA designation type) selects the root: RF, RS, RT or SX
 * (start level 5, 4, 3 or 2); the input size is what the root can reach (64,
 * 53, 42 or 31 bits) or the smaller cfg.ias (the DMA aperture), and inputs
 * above it give ADDR_SIZE_INPUT. cfg.oas limits output and table addresses
 * (0 = 64 bits; ADDR_SIZE_OUTPUT above it). The root is a full 16 KiB table,
 * 16 KiB aligned. The IOTA's own protection bit and key are not modelled.
 *
 * Checks per entry, in QEMU's order:
 * - region entry: I (0x20) -> NOT_PRESENT; TF (0xc0) != 0 or TL (0x3) != 3
 *   -> TABLE_LENGTH (only full tables exist in zPCI); TT (0xc) other than
 *   the table's own type (0xc RF, 0x8 RS, 0x4 RT) -> TABLE_TYPE; reserved
 *   bits 0x3d10 (bits 13:12, which QEMU masks off the 16 KiB aligned origin,
 *   bits 11:10, 8 and 4) -> RESERVED_BIT.
 * - segment entry: I -> NOT_PRESENT; TT != 0 -> TABLE_TYPE; FC (0x400)
 *   without IOMMUFMT_PGTABLE_F_LARGE -> BAD_LEVEL; reserved bits 0x1d3, and
 *   with FC also 19:11 -> RESERVED_BIT; FC = 1 maps a 1 MiB frame (address
 *   bits 63:20), FC = 0 points at a 2 KiB aligned page table (63:11).
 * - page entry: I (0x400) -> NOT_PRESENT; reserved bits 0x900 -> RESERVED_BIT
 *   (bits 7:0 are left to software); frame address bits 63:12.
 * - P (0x200) in any entry on the path makes the result read-only; a write
 *   request then gives PERMISSION. DMA has no privilege or execute control:
 *   every leaf grants READ, EXEC and USER, and WRITE unless protected.
 * - Faults carry the level and raw entry at fault and the input span it
 *   covers; pa, perm and attrs are 0; TABLE_READ gives the unreadable
 *   entry's address in fault_addr. Range walks report whole leaves, skip
 *   empty subtrees (remembering empty shared tables in a small cache) and
 *   stop with -ELOOP past iommufmt__walk_budget() table visits.
 * - An all-zero entry, at any level, is NOT_PRESENT (checked first), as in QEMU's
 *   table_translate() (ERR_EVENT_INVALTE "invalid table entry"): without
 *   this rule a zeroed table would read as valid region entries with wrong
 *   TT/TL, or (segment tables) as page tables at address 0. So a zero-filled
 *   table is empty, and a page entry for frame 0 must carry P: page 0 is the
 *   s390 lowcore, never a DMA target, and the builders refuse to map it
 *   writable.
 *
 * Builders fill new tables with invalid entries (0x20 / 0x400), as Linux
 * does; iommufmt_pgtable_alloc_root() zero-fills the root, which is empty
 * as well.
 *
 * Not confirmed against a primary zPCI source (IBM's zPCI architecture is not
 * public): the reserved-bit masks above are the z/Architecture DAT entry
 * formats less what zPCI uses (Linux's ZPCI_*_FLAG_MASK cover the same low
 * bits), the full-table TF/TL rule and the zero-entry rule follow QEMU, and
 * P in region and segment entries is honoured as QEMU does.
 */

#define S390_TE_INVALID		UINT64_C(0x20)
#define S390_PTE_INVALID	UINT64_C(0x400)
#define S390_PROT		UINT64_C(0x200)
#define S390_TF			UINT64_C(0xc0)
#define S390_TT			UINT64_C(0xc)
#define S390_TL			UINT64_C(0x3)
#define S390_FC			UINT64_C(0x400)
#define S390_RTE_ORIGIN		(~UINT64_C(0x3fff))
#define S390_RTE_RES		UINT64_C(0x3d10)
#define S390_STE_ORIGIN		(~UINT64_C(0x7ff))
#define S390_STE_RES		UINT64_C(0x1d3)
#define S390_STE_LARGE_RES	(UINT64_C(0xff800) | S390_STE_RES)
#define S390_SFAA		(~UINT64_C(0xfffff))
#define S390_PTE_RES		UINT64_C(0x900)
#define S390_PFAA		(~UINT64_C(0xfff))
#define S390_CRST_SIZE		UINT64_C(0x4000)	/* region and segment tables */
#define S390_PT_SIZE		UINT64_C(0x800)		/* page tables */

#define S390_INLINE static inline __attribute__((always_inline))

static inline unsigned s390_shift(int level)
{
	return level == 1 ? 12u : 20u + 11u * (unsigned)(level - 2);
}

static inline uint64_t s390_imask(int level)
{
	return level == 1 ? 0xff : 0x7ff;
}

enum s390_kind { S390_INVALID, S390_TABLE, S390_LEAF, S390_BAD };

/*
 * Decode entry @e of a table at @level: its kind, and the next table origin
 * or frame in @addr, the fault reason for S390_BAD / S390_INVALID in
 * @reason.
 */
S390_INLINE enum s390_kind s390_decode(const struct iommufmt_pgtable *pt, uint64_t e,
				       const int level, uint64_t *addr, uint32_t *reason)
{
	/* fast paths: a well-formed entry passes one mask compare */
	if (level >= 3) {
		if (likely((e & (UINT64_C(0x3fff) & ~S390_PROT)) ==
			   ((uint64_t)(level - 2) << 2 | S390_TL))) {
			*addr = e & S390_RTE_ORIGIN;
			if (likely(*addr <= pt->oas_mask - (S390_CRST_SIZE - 1)))
				return S390_TABLE;
		}
	} else if (level == 2) {
		if (likely(e && !(e & (UINT64_C(0x7ff) & ~S390_PROT)))) {
			*addr = e & S390_STE_ORIGIN;
			if (likely(*addr <= pt->oas_mask - (S390_PT_SIZE - 1)))
				return S390_TABLE;
		}
	} else if (likely(e && !(e & (S390_PTE_INVALID | S390_PTE_RES)))) {
		*addr = e & S390_PFAA;
		if (likely(*addr <= pt->oas_mask))
			return S390_LEAF;
	}
	/* everything else, in the order of the checks */
	if (e == 0)
		goto invalid;	/* QEMU: an all-zero entry is an invalid table entry */
	if (level >= 3) {
		if (e & S390_TE_INVALID)
			goto invalid;
		if ((e & S390_TF) || (e & S390_TL) != S390_TL) {
			*reason = IOMMUFMT_FAULT_TABLE_LENGTH;
			return S390_BAD;
		}
		if ((e & S390_TT) != (uint64_t)(level - 2) << 2) {
			*reason = IOMMUFMT_FAULT_TABLE_TYPE;
			return S390_BAD;
		}
		if (e & S390_RTE_RES)
			goto reserved;
		*addr = e & S390_RTE_ORIGIN;
		if (*addr > pt->oas_mask - (S390_CRST_SIZE - 1))
			goto outsize;
		return S390_TABLE;
	}
	if (level == 2) {
		if (e & S390_TE_INVALID)
			goto invalid;
		if (e & S390_TT) {
			*reason = IOMMUFMT_FAULT_TABLE_TYPE;
			return S390_BAD;
		}
		if (e & S390_FC) {
			if (!(pt->cfg.flags & IOMMUFMT_PGTABLE_F_LARGE)) {
				*reason = IOMMUFMT_FAULT_BAD_LEVEL;
				return S390_BAD;
			}
			if (e & S390_STE_LARGE_RES)
				goto reserved;
			*addr = e & S390_SFAA;
			if (*addr > pt->oas_mask)
				goto outsize;
			return S390_LEAF;
		}
		if (e & S390_STE_RES)
			goto reserved;
		*addr = e & S390_STE_ORIGIN;
		if (*addr > pt->oas_mask - (S390_PT_SIZE - 1))
			goto outsize;
		return S390_TABLE;
	}
	if (e & S390_PTE_INVALID)
		goto invalid;
	if (e & S390_PTE_RES)
		goto reserved;
	*addr = e & S390_PFAA;
	if (*addr > pt->oas_mask)
		goto outsize;
	return S390_LEAF;
invalid:
	*reason = IOMMUFMT_FAULT_NOT_PRESENT;
	return S390_INVALID;
reserved:
	*reason = IOMMUFMT_FAULT_RESERVED_BIT;
	return S390_BAD;
outsize:
	*reason = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
	return S390_BAD;
}

static inline uint32_t s390_perm(uint64_t prot)
{
	return IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_USER |
	       (prot ? 0 : IOMMUFMT_ACCESS_WRITE);
}

/* ---- translate ---- */

struct s390_walk {
	uint64_t table;
	uint64_t prot;	/* P seen on the path */
};

/* One lookup at @level: 1 when @out is final, 0 to continue one level down. */
S390_INLINE int s390_step(const struct iommufmt_pgtable *pt, struct iommufmt__ptrd *rd,
			  uint64_t iova, uint32_t access, struct iommufmt_xlate *out,
			  struct s390_walk *w, const int level, const int prefetch)
{
	const unsigned sh = s390_shift(level);
	const uint64_t ea = w->table + ((iova >> sh) & s390_imask(level)) * 8;
	uint64_t e, addr = 0;
	uint32_t reason = 0;

	if (unlikely(iommufmt__ptrd_rd64(rd, ea, &e, 1))) {
		out->fault = IOMMUFMT_FAULT_TABLE_READ;
		out->fault_addr = ea;
		e = 0;
		goto fault;
	}
	switch (s390_decode(pt, e, level, &addr, &reason)) {
	case S390_TABLE:
		w->prot |= e & S390_PROT;
		w->table = addr;
		/* start the next level's load while other walks run */
		if (prefetch && level > 1)
			iommufmt__ptrd_prefetch(rd, addr + ((iova >> s390_shift(level - 1)) &
							    s390_imask(level - 1)) * 8);
		return 0;
	case S390_LEAF:
		w->prot |= e & S390_PROT;
		if (unlikely((access & IOMMUFMT_ACCESS_WRITE) && w->prot)) {
			out->fault = IOMMUFMT_FAULT_PERMISSION;
			goto fault;
		}
		out->pa = addr | (iova & ((UINT64_C(1) << sh) - 1));
		out->page_size = UINT64_C(1) << sh;
		out->pte = e;
		out->perm = s390_perm(w->prot);
		out->level = (uint32_t)level;
		return 1;
	default:
		out->fault = reason;
		break;
	}
fault:
	out->level = (uint32_t)level;
	out->pte = e;
	out->page_size = UINT64_C(1) << sh;
	return 1;
}

S390_INLINE int s390_begin(const struct iommufmt_pgtable *pt, uint64_t iova,
			   struct iommufmt_xlate *out, struct s390_walk *w)
{
	memset(out, 0, sizeof(*out));
	out->iova = iova;
	w->table = pt->cfg.root;
	w->prot = 0;
	if (unlikely(iova > pt->ias_mask)) {
		out->fault = IOMMUFMT_FAULT_ADDR_SIZE_INPUT;
		out->level = pt->start_level;
		return 1;
	}
	return 0;
}

static void s390_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 iova, __u32 access, struct iommufmt_xlate *out)
{
	struct s390_walk w;
	struct iommufmt__ptrd rd;

	if (s390_begin(pt, iova, out, &w))
		return;
	iommufmt__ptrd_init(&rd, gmem);
	switch (pt->start_level) {
	case 5:
		if (s390_step(pt, &rd, iova, access, out, &w, 5, 0))
			return;
		__attribute__((fallthrough));
	case 4:
		if (s390_step(pt, &rd, iova, access, out, &w, 4, 0))
			return;
		__attribute__((fallthrough));
	case 3:
		if (s390_step(pt, &rd, iova, access, out, &w, 3, 0))
			return;
		__attribute__((fallthrough));
	case 2:
		if (s390_step(pt, &rd, iova, access, out, &w, 2, 0))
			return;
		__attribute__((fallthrough));
	default:
		s390_step(pt, &rd, iova, access, out, &w, 1, 0);
	}
}

#define S390_LANES 32

#define S390_BATCH_LEVEL(L)							\
	do {									\
		for (uint32_t m_ = live; m_; m_ &= m_ - 1) {			\
			unsigned i_ = (unsigned)__builtin_ctz(m_);		\
										\
			if (s390_step(pt, &rd, iovas[base + i_], access,	\
				      &out[base + i_], &w[i_], (L), 1))		\
				live &= ~(UINT32_C(1) << i_);			\
		}								\
	} while (0)

static void s390_translate_batch(const struct iommufmt_pgtable *pt,
				 const struct iommufmt_gmem *gmem, const __u64 *iovas, size_t n,
				 __u32 access, struct iommufmt_xlate *out)
{
	struct iommufmt__ptrd rd;

	iommufmt__ptrd_init(&rd, gmem);
	for (size_t base = 0; base < n; base += S390_LANES) {
		unsigned m = (unsigned)(n - base < S390_LANES ? n - base : S390_LANES);
		struct s390_walk w[S390_LANES];
		uint32_t live = 0;

		for (unsigned i = 0; i < m; i++)
			if (!s390_begin(pt, iovas[base + i], &out[base + i], &w[i])) {
				live |= UINT32_C(1) << i;
				iommufmt__ptrd_prefetch(&rd, w[i].table +
							((iovas[base + i] >>
							  s390_shift((int)pt->start_level)) &
							 0x7ff) * 8);
			}
		switch (pt->start_level) {
		case 5:
			S390_BATCH_LEVEL(5);
			__attribute__((fallthrough));
		case 4:
			S390_BATCH_LEVEL(4);
			__attribute__((fallthrough));
		case 3:
			S390_BATCH_LEVEL(3);
			__attribute__((fallthrough));
		case 2:
			S390_BATCH_LEVEL(2);
			__attribute__((fallthrough));
		default:
			S390_BATCH_LEVEL(1);
		}
	}
}

/* ---- range walk ---- */

#define S390_MEMO 64

/*
 * First index at or after @idx (up to @end) whose entry is valid (not zero,
 * invalid bit @ibit clear), in a table whose entries [first, end] are at
 * @host. Invalid stretches are scanned eight entries at a time, prefetching
 * 4 KiB ahead.
 */
static inline uint64_t s390_skip_invalid(const uint8_t *host, uint64_t first, uint64_t idx,
					 uint64_t end, uint64_t ibit)
{
	const uint8_t *p = host + (idx - first) * 8;
	uint64_t n = end - idx + 1, k = 0;

	/* the invalid entry in memory byte order: zero-or-this is the fast test */
	const uint64_t inv = iommufmt__raw_to_be(ibit);

	while (k + 8 <= n) {
		const uint8_t *q = p + k * 8;
		uint64_t any = 0;

		if (k + 512 < n)
			__builtin_prefetch(q + 4096);
		for (int j = 0; j < 8; j++) {
			uint64_t raw = iommufmt__load64_raw(q + 8 * j);

			any |= raw & (raw ^ inv);	/* 0 for a zero or canonical invalid entry */
		}
		if (any)
			break;
		k += 8;
	}
	for (; k < n; k++) {
		uint64_t v = iommufmt__load64(p + k * 8, 1);

		if (v && !(v & ibit))
			break;
	}
	return idx + k;
}

/* Start loading the first 4 KiB of a table's entries. */
static inline void s390_prefetch_entries(const uint8_t *host, uint64_t count)
{
	uint64_t bytes = count * 8 < 4096 ? count * 8 : 4096;

	for (uint64_t off = 0; off < bytes; off += 64)
		__builtin_prefetch(host + off);
}

struct s390_frame {
	uint64_t table, base, prot;
	const uint8_t *host;
	uint64_t first, idx, end;
	int full, emitted;
};

static inline unsigned s390_memo_slot(uint64_t table, int level)
{
	uint64_t h = (table >> 11) * UINT64_C(0x9e3779b97f4a7c15) + (uint64_t)level;

	return (unsigned)(h >> 58) & (S390_MEMO - 1);
}

static int s390_emit_fault(int (*fn)(void *, const struct iommufmt_xlate *), void *opaque,
			   __u32 flags, int *emitted, uint64_t iova, uint64_t size,
			   uint32_t reason, int level, uint64_t e, uint64_t fault_addr)
{
	struct iommufmt_xlate rec;

	if (!(flags & IOMMUFMT_WALK_FAULTS))
		return 0;
	*emitted = 1;
	memset(&rec, 0, sizeof(rec));
	rec.fault_addr = fault_addr;
	rec.iova = iova;
	rec.page_size = size;
	rec.fault = reason;
	rec.level = (uint32_t)level;
	rec.pte = e;
	return fn(opaque, &rec);
}

static int s390_walk_range(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 start, __u64 last, __u32 flags,
			   int (*fn)(void *opaque, const struct iommufmt_xlate *rec), void *opaque)
{
	const int top = (int)pt->start_level;
	struct s390_frame fr[6];
	uint64_t memo[S390_MEMO];
	uint64_t wlast = last < pt->ias_mask ? last : pt->ias_mask;
	uint64_t budget = iommufmt__walk_budget(gmem);
	int level = top, r;

	memset(memo, 0, sizeof(memo));
	if (start <= wlast) {
		struct s390_frame *f = &fr[top];
		unsigned sh = s390_shift(top);

		f->table = pt->cfg.root;
		f->base = 0;
		f->prot = 0;
		f->first = f->idx = start >> sh;
		f->end = wlast >> sh;
		f->full = 0;
		f->emitted = 0;
		f->host = iommufmt__gmem_ptr(gmem, f->table + f->first * 8,
					     (size_t)(f->end - f->first + 1) * 8);
	} else {
		level = 0;
	}
	while (level >= 1 && level <= top) {
		struct s390_frame *f = &fr[level];
		const unsigned sh = s390_shift(level);
		uint64_t va, e, addr = 0, size = UINT64_C(1) << sh;
		uint32_t reason = 0;

		if (f->idx > f->end) {
			if (level == top)
				break;
			if (f->full && !f->emitted)
				memo[s390_memo_slot(f->table, level)] = f->table | (uint64_t)level;
			fr[level + 1].emitted |= f->emitted;
			level++;
			fr[level].idx++;
			continue;
		}
		if (f->host) {
			f->idx = s390_skip_invalid(f->host, f->first, f->idx, f->end,
						   level == 1 ? S390_PTE_INVALID : S390_TE_INVALID);
			if (f->idx > f->end)
				continue;
		}
		va = f->base + (f->idx << sh);
		if (f->host) {
			e = iommufmt__load64(f->host + (f->idx - f->first) * 8, 1);
		} else if (iommufmt__gmem_rd64be(gmem, f->table + f->idx * 8, &e)) {
			uint64_t cnt = f->end - f->idx + 1;
			/* a span of 2^64 (a whole region-first table) is reported as 2^64 - 1 */
			uint64_t span = cnt > (~UINT64_C(0) >> sh) ? ~UINT64_C(0) : cnt << sh;

			r = s390_emit_fault(fn, opaque, flags, &f->emitted, va,
					    span ? span : ~UINT64_C(0), IOMMUFMT_FAULT_TABLE_READ,
					    level, 0, f->table + f->idx * 8);
			if (r)
				return r;
			f->idx = f->end + 1;
			continue;
		}
		switch (s390_decode(pt, e, level, &addr, &reason)) {
		case S390_INVALID:
			break;
		case S390_BAD:
			r = s390_emit_fault(fn, opaque, flags, &f->emitted, va, size, reason,
					    level, e, 0);
			if (r)
				return r;
			break;
		case S390_LEAF: {
			struct iommufmt_xlate rec;

			memset(&rec, 0, sizeof(rec));
			rec.iova = va;
			rec.pa = addr;
			rec.page_size = size;
			rec.pte = e;
			rec.perm = s390_perm(f->prot | (e & S390_PROT));
			rec.level = (uint32_t)level;
			f->emitted = 1;
			r = fn(opaque, &rec);
			if (r)
				return r;
			break;
		}
		case S390_TABLE: {
			struct s390_frame *c = &fr[level - 1];
			const unsigned csh = s390_shift(level - 1);
			uint64_t lo, hi;

			if (memo[s390_memo_slot(addr, level - 1)] == (addr | (uint64_t)(level - 1)))
				break;
			if (!budget--)
				return -ELOOP;
			lo = start > va ? start : va;
			hi = wlast < va + (size - 1) ? wlast : va + (size - 1);
			c->table = addr;
			c->base = va;
			c->prot = f->prot | (e & S390_PROT);
			c->first = c->idx = (lo - va) >> csh;
			c->end = (hi - va) >> csh;
			c->full = c->first == 0 && c->end == s390_imask(level - 1);
			c->emitted = 0;
			c->host = iommufmt__gmem_ptr(gmem, addr + c->first * 8,
						     (size_t)(c->end - c->first + 1) * 8);
			if (c->host)
				s390_prefetch_entries(c->host, c->end - c->first + 1);
			level--;
			continue;
		}
		}
		f->idx++;
	}
	return 0;
}

/* ---- configuration ---- */

static int s390_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	static const unsigned reach[4] = { 64, 53, 42, 31 };
	const uint32_t okflags = IOMMUFMT_PGTABLE_F_LARGE;
	unsigned ias, oas;

	if (c->flags & ~okflags)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags, okflags, 0,
					 "flags 0x%x do not apply to s390 DAT tables",
					 c->flags & ~okflags);
	if (c->levels || c->granule || c->sl0)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED,
					 c->levels ? "levels" : c->granule ? "granule" : "sl0",
					 IOMMUFMT__DV_VALUE,
					 c->levels ? c->levels : c->granule ? c->granule : c->sl0,
					 0, 0, "field is not used by s390-dat (top gives the levels)");
	if (c->top > IOMMUFMT_S390_TOP_SX)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "top",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->top,
					 IOMMUFMT_S390_TOP_SX, 0,
					 "top must be a region-first/second/third or segment table");
	ias = c->ias ? c->ias : reach[c->top];
	if (ias < 12 || ias > reach[c->top])
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias,
					 reach[c->top], 0,
					 "ias must be 12 to %u bits for this root type",
					 reach[c->top]);
	oas = c->oas ? c->oas : 64;
	if (oas < 20 || oas > 64)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 64, 0,
					 "oas must be 20 to 64 bits");
	pt->ias_mask = ias == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ias) - 1;
	pt->oas_mask = oas == 64 ? ~UINT64_C(0) : (UINT64_C(1) << oas) - 1;
	if (c->root & (S390_CRST_SIZE - 1))
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->root,
					 S390_CRST_SIZE, 0,
					 "root table must be 16 KiB aligned");
	if (c->root > pt->oas_mask - (S390_CRST_SIZE - 1))
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->root,
					 pt->oas_mask, 0,
					 "root table lies above the %u-bit output size", oas);
	c->ias = ias;
	c->oas = oas;
	pt->start_level = 5 - c->top;
	pt->nr_levels = pt->start_level;
	pt->pgsize_bitmap = UINT64_C(1) << 12;
	if (c->flags & IOMMUFMT_PGTABLE_F_LARGE)
		pt->pgsize_bitmap |= UINT64_C(1) << 20;
	return 0;
}

static int s390_root_size(const struct iommufmt_pgtable *pt, __u64 *size, __u64 *align)
{
	(void)pt;
	*size = S390_CRST_SIZE;
	*align = S390_CRST_SIZE;
	return 0;
}

/* ---- builders ---- */

/* An entry inside the arena's allocated part (tables the builders made), or NULL. */
static uint8_t *s390_arena_ptr(const struct iommufmt_pgtable_arena *a, uint64_t gpa)
{
	return iommufmt__arena_ptr(a, gpa, 8);
}

static int s390_arena_fault(struct iommufmt_diag *diag, uint64_t gpa)
{
	return iommufmt__diag_ex(diag, -EFAULT, IOMMUFMT_DIAG_GUEST_FAULT, "arena",
				 IOMMUFMT__DV_VALUE, gpa, 0, 0,
				 "table at 0x%llx lies outside the arena", (unsigned long long)gpa);
}

/* An empty region or segment entry: invalid, or all zero. */
static int s390_te_empty(uint64_t e)
{
	return e == 0 || (e & S390_TE_INVALID);
}

/* Whether a page table holds no valid entry. */
static int s390_pt_empty(const struct iommufmt_pgtable_arena *a, uint64_t pto)
{
	for (uint64_t i = 0; i < 256; i++) {
		const uint8_t *p = s390_arena_ptr(a, pto + i * 8);
		uint64_t e;

		if (!p)
			return 0;
		e = iommufmt__load64(p, 1);
		if (e && !(e & S390_PTE_INVALID))
			return 0;
	}
	return 1;
}

/* An entry of a table at @level pointing at the next table (TT of its own table, full length). */
static uint64_t s390_link(uint64_t next, int level)
{
	return level >= 3 ? next | (uint64_t)(level - 2) << 2 | S390_TL : next;
}

static int s390_frame0(struct iommufmt_diag *diag)
{
	return iommufmt__diag(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "pa",
			      "a writable page entry for frame 0 is the all-zero entry, "
			      "which reads as invalid");
}

static int s390_map_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			 __u64 iova, __u64 pa, __u64 size, __u32 prot, struct iommufmt_diag *diag)
{
	const int target = size == (UINT64_C(1) << 20) ? 2 : 1;
	const uint64_t pbit = (prot & IOMMUFMT_ACCESS_WRITE) ? 0 : S390_PROT;
	uint64_t table = pt->cfg.root, e, used, at[5] = { 0 };
	int level, need = 0;
	uint8_t *p;

	if (!(pt->pgsize_bitmap & size) || ((iova | pa) & (size - 1)) || iova > pt->ias_mask ||
	    pa > pt->oas_mask)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "size",
					 IOMMUFMT__DV_VALUE, size, 0, 0,
					 "0x%llx is not a page size of this table, or misaligned",
					 (unsigned long long)size);
	for (level = (int)pt->start_level;; level--) {
		uint64_t addr = 0;
		uint32_t reason = 0;

		p = s390_arena_ptr(arena, table + ((iova >> s390_shift(level)) &
						   s390_imask(level)) * 8);
		if (!p)
			return s390_arena_fault(diag, table);
		e = iommufmt__load64(p, 1);
		if (level == target)
			break;
		if (s390_te_empty(e))
			break;
		if (s390_decode(pt, e, level, &addr, &reason) != S390_TABLE)
			return iommufmt__diag_ex(diag, -EEXIST, IOMMUFMT_DIAG_PGTABLE_EXISTS,
						 "iova", IOMMUFMT__DV_VALUE, iova, 0, 0,
						 "a mapping or a malformed entry covers 0x%llx",
						 (unsigned long long)iova);
		table = addr;
	}
	if (level == target) {
		int taken;

		if (level == 1) {
			taken = e != 0 && !(e & S390_PTE_INVALID);
		} else {
			uint64_t addr = 0;
			uint32_t reason = 0;

			taken = !s390_te_empty(e) &&
				!(s390_decode(pt, e, 2, &addr, &reason) == S390_TABLE &&
				  s390_pt_empty(arena, addr));
		}
		if (taken)
			return iommufmt__diag_ex(diag, -EEXIST, IOMMUFMT_DIAG_PGTABLE_EXISTS, "iova",
						 IOMMUFMT__DV_VALUE, iova, 0, 0,
						 "0x%llx is already mapped", (unsigned long long)iova);
		if (target == 1 && pa == 0 && !pbit)
			return s390_frame0(diag);
		iommufmt__store64(p, level == 1 ? (pa | pbit) : (pa | S390_FC | pbit), 1);
		return 0;
	}
	if (target == 1 && pa == 0 && !pbit)
		return s390_frame0(diag);
	/* Empty entry above the target: plan every missing table, then build. */
	used = arena->used;
	for (int l = level - 1; l >= target; l--) {
		uint64_t sz = l == 1 ? S390_PT_SIZE : S390_CRST_SIZE;
		uint64_t a = (arena->gpa + used + sz - 1) & ~(sz - 1);

		if (a < arena->gpa || a - arena->gpa > arena->size ||
		    arena->size - (a - arena->gpa) < sz)
			return iommufmt__diag_ex(diag, -ENOSPC, IOMMUFMT_DIAG_PGTABLE_ARENA_FULL,
						 "arena", IOMMUFMT__DV_LIMIT, 0,
						 arena->size - arena->used, 0,
						 "no room for %d more tables", level - target);
		at[need++] = a;
		used = a - arena->gpa + sz;
	}
	for (int i = 0; i < need; i++) {
		int l = level - 1 - i;
		uint64_t sz = l == 1 ? S390_PT_SIZE : S390_CRST_SIZE;
		uint8_t *t = (uint8_t *)arena->host + (at[i] - arena->gpa);

		for (uint64_t off = 0; off < sz; off += 8)
			iommufmt__put_be64(t + off, l == 1 ? S390_PTE_INVALID : S390_TE_INVALID);
	}
	arena->used = used;
	/* link bottom-up, so a concurrent walker never meets a half-built path */
	for (int i = need - 1; i >= 0; i--) {
		int l = level - 1 - i;	/* level of table i */
		uint8_t *slot = (uint8_t *)arena->host + (at[i] - arena->gpa) +
				((iova >> s390_shift(l)) & s390_imask(l)) * 8;

		if (i == need - 1)
			iommufmt__store64(slot, target == 1 ? (pa | pbit) : (pa | S390_FC | pbit),
					  1);
		else
			iommufmt__store64(slot, s390_link(at[i + 1], l), 1);
	}
	iommufmt__store64(p, s390_link(at[0], level), 1);
	return 0;
}

static int s390_unmap_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			   __u64 iova, __u64 *size, struct iommufmt_diag *diag)
{
	uint64_t table = pt->cfg.root;

	*size = 0;
	if (iova > pt->ias_mask)
		return iommufmt__diag(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
				      "address above the input size");
	for (int level = (int)pt->start_level; level >= 1; level--) {
		const unsigned sh = s390_shift(level);
		uint8_t *p = s390_arena_ptr(arena, table + ((iova >> sh) & s390_imask(level)) * 8);
		uint64_t e, addr = 0;
		uint32_t reason = 0;
		enum s390_kind k;

		if (!p)
			return s390_arena_fault(diag, table);
		e = iommufmt__load64(p, 1);
		k = s390_decode(pt, e, level, &addr, &reason);
		if (k == S390_TABLE) {
			table = addr;
			continue;
		}
		if (k != S390_LEAF)
			break;
		if (iova & ((UINT64_C(1) << sh) - 1))
			return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_MISALIGNED, "iova",
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, iova,
						 UINT64_C(1) << sh, 0,
						 "0x%llx is inside a larger mapping",
						 (unsigned long long)iova);
		iommufmt__store64(p, level == 1 ? S390_PTE_INVALID : S390_TE_INVALID, 1);
		*size = UINT64_C(1) << sh;
		return 0;
	}
	return iommufmt__diag(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
			      "nothing is mapped at 0x%llx", (unsigned long long)iova);
}

static const struct iommufmt_pgtable_walk_ops s390_walk_ops = {
	.ops_size = sizeof(struct iommufmt_pgtable_walk_ops),
	.prepare = s390_prepare,
	.root_size = s390_root_size,
	.translate = s390_translate,
	.translate_batch = s390_translate_batch,
	.walk_range = s390_walk_range,
	.dirty = NULL,
	.map_page = s390_map_page,
	.unmap_page = s390_unmap_page,
};

const struct iommufmt_pgtable_ops iommufmt__pgtable_s390_dat = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_S390_DAT,
	.name = "s390-dat",
	.description = "s390 zPCI DAT region/segment/page tables (big-endian)",
	.walk = &s390_walk_ops,
};
