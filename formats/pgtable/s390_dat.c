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

/*
 * Decode entry @e of a table at @level: its kind, and the next table origin
 * or frame in @addr, the fault reason for S390_BAD / S390_INVALID in
 * @reason.
 */
/*
 * Long (complexity ~31) on purpose: it runs per entry in translate and walk,
 * always inlined with a constant @level, so all but one level's branches
 * fold away in each instance; the fast path is the single mask compare
 * first, and the rest classifies the rare malformed entries in the order
 * the fault priority needs.
 */
PW_INLINE enum s390_kind s390_decode(const struct iommufmt_pgtable *pt, uint64_t e,
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

/*
 * Map one page: walk down to the target level, plan every missing table
 * first (so a failure changes nothing), then fill them bottom up, leaf
 * first, and link the topmost new table last (so a concurrent walker never
 * sees a half-built path). Long (complexity ~35) because the checks of the existing entries
 * at each level and the plan/commit phases share the walk's state; not a
 * hot path.
 */
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
		return iommufmt__pt_bad_size(diag, size);
	for (level = (int)pt->start_level;; level--) {
		uint64_t addr = 0;
		uint32_t reason = 0;

		p = iommufmt__arena_ptr(arena, table + ((iova >> s390_shift(level)) &
						   s390_imask(level)) * 8, 8);
		if (!p)
			return iommufmt__pt_arena_fault(diag, table);
		e = iommufmt__load64(p, 1);
		if (level == target)
			break;
		if (s390_te_empty(e))
			break;
		if (s390_decode(pt, e, level, &addr, &reason) != S390_TABLE)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_EXISTS,
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
			return iommufmt__pt_mapped(diag, iova);
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
		int r = iommufmt__arena_plan(arena, &used, sz, sz, pt->oas_mask, &at[need], diag);

		if (r)
			return r;
		need++;
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
