/* SPDX-License-Identifier: MIT */
/* s390 zPCI DAT region/segment/page tables (big-endian) */
#include "formats/formats.h"

#define PW_DOWN		(-1)	/* levels count down towards the leaves */
#define PW_LAST		1
#define PW_MAXDEPTH	5
#define PW_BE		1
#include "lib/pgtable_walk.h"

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

/* pt->priv[]: unused (everything the walker needs is in cfg and the generic fields). */
#define S390_PRIV_WORDS		0
IOMMUFMT__PGTABLE_PRIV_FITS("s390-dat", S390_PRIV_WORDS);

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

static inline unsigned s390_shift(int level)
{
	return level == 1 ? 12u : 20u + 11u * (unsigned)(level - 2);
}

static inline uint64_t s390_imask(int level)
{
	return level == 1 ? 0xff : 0x7ff;
}

/* Entry kinds, as the walker template numbers them. */
enum s390_kind { S390_INVALID = PW_HOLE, S390_TABLE = PW_TABLE, S390_LEAF = PW_PAGE,
		 S390_BAD = PW_FAULT };

/* A decode result other than a table or leaf: fault @code (NOT_PRESENT: an invalid entry). */
PW_INLINE enum s390_kind s390_fail(uint32_t *reason, uint32_t code)
{
	*reason = code;
	return code == IOMMUFMT_FAULT_NOT_PRESENT ? S390_INVALID : S390_BAD;
}

/*
 * The next table (of @span bytes) or frame (@span 1) at @e & @mask: @kind, or
 * ADDR_SIZE_OUTPUT when it ends above the output size.
 */
PW_INLINE enum s390_kind s390_target(const struct iommufmt_pgtable *pt, uint64_t e, uint64_t mask,
				     uint64_t span, enum s390_kind kind, uint64_t *addr,
				     uint32_t *reason)
{
	*addr = e & mask;
	if (*addr > pt->oas_mask - (span - 1))
		return s390_fail(reason, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT);
	return kind;
}

/*
 * decode, fast path: a well-formed entry passes one mask compare and the
 * output-size check; 1 then (@addr set), 0 for the full checks.
 */
PW_INLINE int s390_decode_fast(const struct iommufmt_pgtable *pt, uint64_t e, const int level,
			       uint64_t *addr)
{
	if (level >= 3) {
		if (likely((e & (UINT64_C(0x3fff) & ~S390_PROT)) ==
			   ((uint64_t)(level - 2) << 2 | S390_TL))) {
			*addr = e & S390_RTE_ORIGIN;
			if (likely(*addr <= pt->oas_mask - (S390_CRST_SIZE - 1)))
				return 1;
		}
	} else if (level == 2) {
		if (likely(e && !(e & (UINT64_C(0x7ff) & ~S390_PROT)))) {
			*addr = e & S390_STE_ORIGIN;
			if (likely(*addr <= pt->oas_mask - (S390_PT_SIZE - 1)))
				return 1;
		}
	} else if (likely(e && !(e & (S390_PTE_INVALID | S390_PTE_RES)))) {
		*addr = e & S390_PFAA;
		if (likely(*addr <= pt->oas_mask))
			return 1;
	}
	return 0;
}

/* decode, full checks of a non-zero region entry (level >= 3): I, TF/TL, TT, reserved, origin. */
PW_INLINE enum s390_kind s390_decode_region(const struct iommufmt_pgtable *pt, uint64_t e,
					    const int level, uint64_t *addr, uint32_t *reason)
{
	if (e & S390_TE_INVALID)
		return s390_fail(reason, IOMMUFMT_FAULT_NOT_PRESENT);
	if ((e & S390_TF) || (e & S390_TL) != S390_TL)
		return s390_fail(reason, IOMMUFMT_FAULT_TABLE_LENGTH);
	if ((e & S390_TT) != (uint64_t)(level - 2) << 2)
		return s390_fail(reason, IOMMUFMT_FAULT_TABLE_TYPE);
	if (e & S390_RTE_RES)
		return s390_fail(reason, IOMMUFMT_FAULT_RESERVED_BIT);
	return s390_target(pt, e, S390_RTE_ORIGIN, S390_CRST_SIZE, S390_TABLE, addr, reason);
}

/* decode, full checks of a non-zero segment entry: I, TT, FC (a 1 MiB frame), reserved, origin. */
PW_INLINE enum s390_kind s390_decode_segment(const struct iommufmt_pgtable *pt, uint64_t e,
					     uint64_t *addr, uint32_t *reason)
{
	if (e & S390_TE_INVALID)
		return s390_fail(reason, IOMMUFMT_FAULT_NOT_PRESENT);
	if (e & S390_TT)
		return s390_fail(reason, IOMMUFMT_FAULT_TABLE_TYPE);
	if (e & S390_FC) {
		if (!(pt->cfg.flags & IOMMUFMT_PGTABLE_F_LARGE))
			return s390_fail(reason, IOMMUFMT_FAULT_BAD_LEVEL);
		if (e & S390_STE_LARGE_RES)
			return s390_fail(reason, IOMMUFMT_FAULT_RESERVED_BIT);
		return s390_target(pt, e, S390_SFAA, 1, S390_LEAF, addr, reason);
	}
	if (e & S390_STE_RES)
		return s390_fail(reason, IOMMUFMT_FAULT_RESERVED_BIT);
	return s390_target(pt, e, S390_STE_ORIGIN, S390_PT_SIZE, S390_TABLE, addr, reason);
}

/* decode, full checks of a non-zero page entry: I, reserved, frame. */
PW_INLINE enum s390_kind s390_decode_page(const struct iommufmt_pgtable *pt, uint64_t e,
					  uint64_t *addr, uint32_t *reason)
{
	if (e & S390_PTE_INVALID)
		return s390_fail(reason, IOMMUFMT_FAULT_NOT_PRESENT);
	if (e & S390_PTE_RES)
		return s390_fail(reason, IOMMUFMT_FAULT_RESERVED_BIT);
	return s390_target(pt, e, S390_PFAA, 1, S390_LEAF, addr, reason);
}

/*
 * Decode entry @e of a table at @level: its kind, and the next table origin
 * or frame in @addr, the fault reason for S390_BAD / S390_INVALID in
 * @reason. It runs per entry in translate and walk, always inlined with a
 * constant @level (as are its steps), so all but one level's branches fold
 * away in each instance: the fast path first, then the full checks that
 * classify the rare malformed entries in the order the fault priority needs.
 */
PW_INLINE enum s390_kind s390_decode(const struct iommufmt_pgtable *pt, uint64_t e,
				       const int level, uint64_t *addr, uint32_t *reason)
{
	if (likely(s390_decode_fast(pt, e, level, addr)))
		return level == 1 ? S390_LEAF : S390_TABLE;
	if (e == 0)	/* QEMU: an all-zero entry is an invalid table entry */
		return s390_fail(reason, IOMMUFMT_FAULT_NOT_PRESENT);
	if (level >= 3)
		return s390_decode_region(pt, e, level, addr, reason);
	if (level == 2)
		return s390_decode_segment(pt, e, addr, reason);
	return s390_decode_page(pt, e, addr, reason);
}

static inline uint32_t s390_perm(uint64_t prot)
{
	return IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_USER |
	       (prot ? 0 : IOMMUFMT_ACCESS_WRITE);
}

/* ---- translation (the template's hooks) ---- */

PW_INLINE uint64_t pw_entry_off(const unsigned int k, const int level, const int first,
				uint64_t iova)
{
	(void)k;
	(void)first;
	return ((iova >> s390_shift(level)) & s390_imask(level)) * 8;
}

/* One lookup at @level: 1 when @out is final, 0 to continue one level down (lane->acc: P seen). */
PW_INLINE int pw_step(const struct iommufmt_pgtable *pt, struct iommufmt__ptrd *rd, uint64_t iova,
		      uint32_t access, struct iommufmt_xlate *out, struct pw_lane *w,
		      const unsigned int k, const int level, const int first, const int prefetch)
{
	const unsigned sh = s390_shift(level);
	const uint64_t off = pw_entry_off(k, level, first, iova);
	uint64_t e, addr = 0;
	uint32_t reason = 0;

	if (unlikely(iommufmt__ptrd_rd64_at(rd, w->table, off, &e, 1))) {
		out->fault = IOMMUFMT_FAULT_TABLE_READ;
		out->fault_addr = w->table + off;
		e = 0;
		goto fault;
	}
	switch (s390_decode(pt, e, level, &addr, &reason)) {
	case S390_TABLE:
		w->acc |= e & S390_PROT;
		w->table = addr;
		/* start the next level's load while other walks run */
		if (prefetch && level > 1)
			iommufmt__ptrd_prefetch(rd, addr + pw_entry_off(k, level - 1, 0, iova));
		return 0;
	case S390_LEAF:
		w->acc |= e & S390_PROT;
		if (unlikely((access & IOMMUFMT_ACCESS_WRITE) && w->acc)) {
			out->fault = IOMMUFMT_FAULT_PERMISSION;
			goto fault;
		}
		out->pa = addr | (iova & ((UINT64_C(1) << sh) - 1));
		out->page_size = UINT64_C(1) << sh;
		out->pte = e;
		out->perm = s390_perm(w->acc);
		pw_level(out, level);
		return 1;
	default:
		out->fault = reason;
		break;
	}
fault:
	pw_level(out, level);
	out->pte = e;
	out->page_size = UINT64_C(1) << sh;
	return 1;
}

/* Start a translation: @out zeroed but for iova, so a step fills only what it finds. */
PW_INLINE int pw_begin(const struct iommufmt_pgtable *pt, uint64_t iova,
		       struct iommufmt_xlate *out, struct pw_lane *w)
{
	memset(out, 0, sizeof(*out));
	out->iova = iova;
	w->table = pt->cfg.root;
	w->acc = 0;
	if (unlikely(iova > pt->ias_mask)) {
		out->fault = IOMMUFMT_FAULT_ADDR_SIZE_INPUT;
		pw_level(out, (int)pt->start_level);
		return 1;
	}
	return 0;
}

/* The root's level is a constant in each walker: RF, RS, RT or SX. */
#define S390_TOPS(X)	X(5) X(4) X(3) X(2)

static void s390_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 iova, __u32 access, struct iommufmt_xlate *out)
{
	switch (pt->start_level) {
#define S390_CASE_T(top_) case top_: pw_translate(pt, gmem, iova, access, out, 0, top_); return;
	S390_TOPS(S390_CASE_T)
#undef S390_CASE_T
	default:
		pw_fault(out, iova, IOMMUFMT_FAULT_BAD_LEVEL, (int)pt->start_level, 0, 0);
	}
}

static void s390_translate_batch(const struct iommufmt_pgtable *pt,
				 const struct iommufmt_gmem *gmem, const __u64 *iovas, size_t n,
				 __u32 access, struct iommufmt_xlate *out)
{
	switch (pt->start_level) {
#define S390_CASE_B(top_) case top_: pw_batch(pt, gmem, iovas, n, access, out, 0, top_); return;
	S390_TOPS(S390_CASE_B)
#undef S390_CASE_B
	default:
		iommufmt__xlate_faults(out, iovas, n, IOMMUFMT_FAULT_BAD_LEVEL,
				       PW_GLEVEL((int)pt->start_level), pt->start_level);
	}
}

/* ---- range walk (the template's hooks) ---- */

PW_INLINE unsigned int pw_shift(const unsigned int k, const int level)
{
	(void)k;
	return s390_shift(level);
}

PW_INLINE uint64_t pw_imask(const unsigned int k, const int level)
{
	(void)k;
	return s390_imask(level);
}

/* The smallest table is a 2 KiB page table (region and segment tables are 16 KiB). */
PW_INLINE unsigned int pw_table_lg2(const unsigned int k)
{
	(void)k;
	return (unsigned int)__builtin_ctzll(S390_PT_SIZE);
}

/* Invalid entries (the builders fill tables with them) are skipped like zero ones. */
PW_INLINE uint64_t pw_invalid_bit(const unsigned int k, const int level)
{
	(void)k;
	return level == 1 ? S390_PTE_INVALID : S390_TE_INVALID;
}

PW_INLINE void pw_decode(const struct iommufmt_pgtable *pt, const unsigned int k, uint64_t e,
			 const int level, struct pw_ent *d)
{
	(void)k;
	d->kind = s390_decode(pt, e, level, &d->addr, &d->fault);
	d->acc = e & S390_PROT;
}

PW_INLINE int pw_leaf(const struct pw_walk *w, const unsigned int k, struct pw_frame *f, uint64_t e,
		      const struct pw_ent *d, const int level, uint64_t va)
{
	struct iommufmt_xlate rec;

	(void)k;
	memset(&rec, 0, sizeof(rec));
	rec.iova = va;
	rec.pa = d->addr;
	rec.page_size = UINT64_C(1) << s390_shift(level);
	rec.pte = e;
	rec.perm = s390_perm(f->acc | (e & S390_PROT));
	pw_level(&rec, level);
	f->emitted = 1;
	return w->sk->fn(w->sk->opaque, &rec);
}

static int s390_walk_range(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 start, __u64 last, __u32 flags,
			   int (*fn)(void *opaque, const struct iommufmt_xlate *rec), void *opaque)
{
	const struct pw_sink sk = { .fn = fn, .opaque = opaque, .flags = flags };

	return pw_walk(pt, gmem, start, last, &sk, 0);
}

/* ---- configuration ---- */

static int s390_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag)
{
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	static const unsigned reach[4] = { 64, 53, 42, 31 };
	const uint32_t okflags = IOMMUFMT_PGTABLE_F_LARGE;
	unsigned ias, oas;

	if (c->flags & ~okflags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags, okflags, 0,
					 "flags 0x%x do not apply to s390 DAT tables",
					 c->flags & ~okflags);
	if (c->levels || c->granule || c->sl0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED,
					 c->levels ? "levels" : c->granule ? "granule" : "sl0",
					 IOMMUFMT__DV_VALUE,
					 c->levels ? c->levels : c->granule ? c->granule : c->sl0,
					 0, 0, "field is not used by s390-dat (top gives the levels)");
	if (c->top > IOMMUFMT_S390_TOP_SX)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "top",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->top,
					 IOMMUFMT_S390_TOP_SX, 0,
					 "top must be a region-first/second/third or segment table");
	ias = c->ias ? c->ias : reach[c->top];
	if (ias < 12 || ias > reach[c->top])
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias,
					 reach[c->top], 0,
					 "ias must be 12 to %u bits for this root type",
					 reach[c->top]);
	oas = c->oas ? c->oas : 64;
	if (oas < 20 || oas > 64)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 64, 0,
					 "oas must be 20 to 64 bits");
	pt->ias_mask = ias == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ias) - 1;
	pt->oas_mask = oas == 64 ? ~UINT64_C(0) : (UINT64_C(1) << oas) - 1;
	if (c->root & (S390_CRST_SIZE - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->root,
					 S390_CRST_SIZE, 0,
					 "root table must be 16 KiB aligned");
	if (c->root > pt->oas_mask - (S390_CRST_SIZE - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
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

/* An empty region or segment entry: invalid, or all zero. */
static int s390_te_empty(uint64_t e)
{
	return e == 0 || (e & S390_TE_INVALID);
}

/* Whether a page table holds no valid entry. */
static int s390_pt_empty(const struct iommufmt_pgtable_arena *a, uint64_t pto)
{
	for (uint64_t i = 0; i < 256; i++) {
		const uint8_t *p = iommufmt__arena_ptr(a, pto + i * 8, 8);
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
	return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_VALUE, "pa",
			      "a writable page entry for frame 0 is the all-zero entry, "
			      "which reads as invalid");
}

/* Offset of @iova's entry in a table at @level. */
static inline uint64_t s390_slot_off(uint64_t iova, int level)
{
	return ((iova >> s390_shift(level)) & s390_imask(level)) * 8;
}

/* Bytes of a table at @level: a page table or a region/segment table. */
static inline uint64_t s390_table_size(int level)
{
	return level == 1 ? S390_PT_SIZE : S390_CRST_SIZE;
}

/* The leaf entry mapping @pa at @level: a page entry, or a segment entry with FC (1 MiB). */
static inline uint64_t s390_leaf_entry(uint64_t pa, uint64_t pbit, int level)
{
	return level == 1 ? (pa | pbit) : (pa | S390_FC | pbit);
}

/* Whether the page entry would be the all-zero (invalid) entry: frame 0, writable. */
static inline bool s390_frame0_writable(int target, uint64_t pa, uint64_t pbit)
{
	return target == 1 && pa == 0 && !pbit;
}

/* Where a map's walk stopped: the entry at @level, at host @p, reading @e. */
struct s390_mapw {
	uint8_t *p;
	uint64_t e;
	int level;
};

/* map, step 1: walk down from the root to the @target level or the first empty entry above it. */
static inline int s390_map_descend(const struct iommufmt_pgtable *pt,
				   struct iommufmt_pgtable_arena *arena, uint64_t iova, int target,
				   struct s390_mapw *w, struct iommufmt_diag *diag)
{
	uint64_t table = pt->cfg.root;

	for (w->level = (int)pt->start_level;; w->level--) {
		uint64_t addr = 0;
		uint32_t reason = 0;

		w->p = iommufmt__arena_ptr(arena, table + s390_slot_off(iova, w->level), 8);
		if (!w->p)
			return iommufmt__pt_arena_fault(diag, table);
		w->e = iommufmt__load64(w->p, 1);
		if (w->level == target || s390_te_empty(w->e))
			return 0;
		if (s390_decode(pt, w->e, w->level, &addr, &reason) != S390_TABLE)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_EXISTS,
						 "iova", IOMMUFMT__DV_VALUE, iova, 0, 0,
						 "a mapping or a malformed entry covers 0x%llx",
						 (unsigned long long)iova);
		table = addr;
	}
}

/* Whether target entry @e at @level is in use (a segment entry to an empty page table is not). */
static inline int s390_slot_taken(const struct iommufmt_pgtable *pt,
				  const struct iommufmt_pgtable_arena *arena, uint64_t e, int level)
{
	uint64_t addr = 0;
	uint32_t reason = 0;

	if (level == 1)
		return e != 0 && !(e & S390_PTE_INVALID);
	return !s390_te_empty(e) &&
	       !(s390_decode(pt, e, 2, &addr, &reason) == S390_TABLE && s390_pt_empty(arena, addr));
}

/* map, step 2 (all tables there): write the leaf into the target entry, unless it is taken. */
static inline int s390_map_at_target(const struct iommufmt_pgtable *pt,
				     const struct iommufmt_pgtable_arena *arena,
				     const struct s390_mapw *w, uint64_t iova, uint64_t pa,
				     uint64_t pbit, struct iommufmt_diag *diag)
{
	if (s390_slot_taken(pt, arena, w->e, w->level))
		return iommufmt__pt_mapped(diag, iova);
	if (s390_frame0_writable(w->level, pa, pbit))
		return s390_frame0(diag);
	iommufmt__store64(w->p, s390_leaf_entry(pa, pbit, w->level), 1);
	return 0;
}

/* map, step 3: plan a table for each level below @level down to @target (at[0] the topmost). */
static inline int s390_map_plan(const struct iommufmt_pgtable *pt,
				const struct iommufmt_pgtable_arena *arena, int level, int target,
				uint64_t *used, uint64_t *at, int *need, struct iommufmt_diag *diag)
{
	for (int l = level - 1; l >= target; l--) {
		uint64_t sz = s390_table_size(l);
		int r = iommufmt__arena_plan(arena, used, sz, sz, pt->oas_mask, &at[*need], diag);

		if (r)
			return r;
		++*need;
	}
	return 0;
}

/* map, step 4: fill the @need planned tables with invalid entries (table i is at level - 1 - i). */
static inline void s390_map_fill(const struct iommufmt_pgtable_arena *arena, const uint64_t *at,
				 int need, int level)
{
	for (int i = 0; i < need; i++) {
		int l = level - 1 - i;
		uint64_t sz = s390_table_size(l);
		uint8_t *t = (uint8_t *)arena->host + (at[i] - arena->gpa);

		for (uint64_t off = 0; off < sz; off += 8)
			iommufmt__put_be64(t + off, l == 1 ? S390_PTE_INVALID : S390_TE_INVALID);
	}
}

/*
 * map, step 5: link the new tables bottom-up, the leaf first, so a
 * concurrent walker never meets a half-built path (the caller links at[0]).
 */
static inline void s390_map_link(const struct iommufmt_pgtable_arena *arena, const uint64_t *at,
				 int need, int level, int target, uint64_t iova, uint64_t pa,
				 uint64_t pbit)
{
	for (int i = need - 1; i >= 0; i--) {
		int l = level - 1 - i;	/* level of table i */
		uint8_t *slot = (uint8_t *)arena->host + (at[i] - arena->gpa) +
				s390_slot_off(iova, l);

		if (i == need - 1)
			iommufmt__store64(slot, s390_leaf_entry(pa, pbit, target), 1);
		else
			iommufmt__store64(slot, s390_link(at[i + 1], l), 1);
	}
}

/*
 * Map one page: walk down to the target level, plan every missing table
 * first (so a failure changes nothing), then fill them, link them bottom
 * up, leaf first, and link the topmost new table last (so a concurrent
 * walker never sees a half-built path). Not a hot path.
 */
static int s390_map_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			 __u64 iova, __u64 pa, __u64 size, __u32 prot, struct iommufmt_diag *diag)
{
	const int target = size == (UINT64_C(1) << 20) ? 2 : 1;
	const uint64_t pbit = (prot & IOMMUFMT_ACCESS_WRITE) ? 0 : S390_PROT;
	uint64_t used, at[5] = { 0 };
	struct s390_mapw w = { NULL, 0, 0 };	/* set by s390_map_descend(); gcc cannot tell */
	int need = 0, r;

	if (!(pt->pgsize_bitmap & size) || ((iova | pa) & (size - 1)) || iova > pt->ias_mask ||
	    pa > pt->oas_mask)
		return iommufmt__pt_bad_size(diag, size);
	r = s390_map_descend(pt, arena, iova, target, &w, diag);
	if (r)
		return r;
	if (w.level == target)
		return s390_map_at_target(pt, arena, &w, iova, pa, pbit, diag);
	if (s390_frame0_writable(target, pa, pbit))
		return s390_frame0(diag);
	/* Empty entry above the target: plan every missing table, then build. */
	used = arena->used;
	r = s390_map_plan(pt, arena, w.level, target, &used, at, &need, diag);
	if (r)
		return r;
	s390_map_fill(arena, at, need, w.level);
	arena->used = used;
	s390_map_link(arena, at, need, w.level, target, iova, pa, pbit);
	iommufmt__store64(w.p, s390_link(at[0], w.level), 1);
	return 0;
}

static int s390_unmap_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			   __u64 iova, __u64 *size, struct iommufmt_diag *diag)
{
	uint64_t table = pt->cfg.root;

	*size = 0;
	if (iova > pt->ias_mask)
		return iommufmt__diag_err(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					  "address above the input size");
	for (int level = (int)pt->start_level; level >= 1; level--) {
		const unsigned sh = s390_shift(level);
		const uint64_t ea = table + ((iova >> sh) & s390_imask(level)) * 8;
		uint8_t *p = iommufmt__arena_ptr(arena, ea, 8);
		uint64_t e, addr = 0;
		uint32_t reason = 0;
		enum s390_kind k;

		if (!p)
			return iommufmt__pt_arena_fault(diag, table);
		e = iommufmt__load64(p, 1);
		k = s390_decode(pt, e, level, &addr, &reason);
		if (k == S390_TABLE) {
			table = addr;
			continue;
		}
		if (k != S390_LEAF)
			break;
		if (iova & ((UINT64_C(1) << sh) - 1))
			return iommufmt__pt_split(diag, iova, UINT64_C(1) << sh);
		iommufmt__store64(p, level == 1 ? S390_PTE_INVALID : S390_TE_INVALID, 1);
		*size = UINT64_C(1) << sh;
		return 0;
	}
	return iommufmt__pt_unmapped(diag, iova);
}

IOMMUFMT__PGTABLE_WALK_OPS(s390_walk_ops, s390_prepare, s390_root_size, s390_translate,
			   s390_translate_batch, s390_walk_range, NULL, s390_map_page,
			   s390_unmap_page);

IOMMUFMT__PGTABLE_FORMAT(iommufmt__pgtable_s390_dat, IOMMUFMT_PGTABLE_S390_DAT, "s390-dat",
			 "s390 zPCI DAT region/segment/page tables (big-endian)", &s390_walk_ops);
