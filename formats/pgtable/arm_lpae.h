/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 long-descriptor walker core, instantiated by arm_lpae_s1.c and arm_lpae_s2.c. */
#ifndef IOMMUFMT_FORMATS_PGTABLE_ARM_LPAE_H
#define IOMMUFMT_FORMATS_PGTABLE_ARM_LPAE_H

/*
 * What is modelled (Arm ARM DDI 0487 D8, SMMUv3 CD/STE translation):
 *
 * - Granules 4K, 16K and 64K (cfg.granule 12/14/16, 0 = 4K). Levels are
 *   numbered as in the Arm ARM: the page level is 3, the start level is
 *   4 - ceil((ias - granule) / (granule - 3)).
 * - Stage 1: ias = 64 - T0SZ (25..48; 25..52 with 64K, i.e. FEAT_LVA), one
 *   table base (TTB0); inputs at or above 2^ias are ADDR_SIZE_INPUT (TTB1,
 *   TBI and FEAT_TTST are not modelled).
 * - Stage 2: start level from SL0 per granule (4K: 0->L2 1->L1 2->L0 3->L3;
 *   16K: 0->L3 1->L2 2->L1 3->L0; 64K: 0->L3 1->L2 2->L1, 3 reserved), the
 *   (ias, SL0, granule) combination checked as the Arm ARM's
 *   S2InconsistentSL does (at least one index bit at the start level, at
 *   most 16 concatenated tables), and ias <= oas as the SMMU requires.
 * - oas: 32/36/40/42/44/48 (0 = 48); 52 with the 64K granule only (FEAT_LPA:
 *   OA[51:48] in descriptor bits 15:12, also for table addresses). FEAT_LPA2
 *   (52-bit with 4K/16K, level -1, level-0 4K blocks, 64 GiB 16K blocks) is
 *   not supported: prepare rejects it with -EOPNOTSUPP.
 * - Blocks: 4K at L1 (1 GiB) and L2 (2 MiB); 16K at L2 (32 MiB); 64K at L2
 *   (512 MiB) and, with oas 52, at L1 (4 TiB). A block descriptor where no
 *   block is allowed, and descriptor type 0b01 at level 3, give
 *   IOMMUFMT_FAULT_BAD_LEVEL (hardware reports both as translation faults).
 * - Reserved bits (RESERVED_BIT): in table descriptors bits 51:48, the bits
 *   between 12 and the granule (16K: 13:12) and, at stage 2, bits 63:59; in
 *   page and block descriptors bits 49:48, the bits between the granule
 *   (64K: bit 16) and the block size except nT (bit 16, FEAT_BBM) and, at
 *   stage 2, bit 50. This is stricter than hardware, which ignores some RES0
 *   bits: a table that trips it is not portable.
 * - An output or next-table address above oas: ADDR_SIZE_OUTPUT.
 * - AF = 0 in a leaf: ACCESS_FLAG, unless F_AFFD, or F_AD (hardware access
 *   flag update; the library does not write the flag).
 * - Stage-1 permissions: AP[2] (bit 7) read-only, AP[1] (bit 6) EL0 access
 *   (perm USER, else PRIV); hierarchical APTable/PXNTable/UXNTable of table
 *   descriptors are applied (no HPD); with F_EXEC, PXN/UXN decide EXEC for
 *   privileged/unprivileged requests, and a page writable at EL0 is never
 *   privileged-executable. A request without IOMMUFMT_ACCESS_PRIV is
 *   unprivileged and needs AP[1] for any of read/write/exec. EXEC in perm is
 *   given for the request's privilege, and for privileged code on a page
 *   only privileged code may use (so an access of 0, and range walks, report
 *   PXN there and UXN on EL0 pages).
 * - Stage-2 permissions: S2AP[0] (bit 6) read, S2AP[1] (bit 7) write; with
 *   F_EXEC, XN[1:0] (bits 54:53, FEAT_XNX encoding; without XNX only bit 54
 *   is used, which means the same) for EL1/EL0. Stage-2 pages report USER.
 * - Without F_EXEC every leaf is executable.
 * - Dirty state (F_AD, i.e. HA+HD): DBM (bit 51) makes a page writable;
 *   stage 1 is dirty when DBM = 1 and AP[2] = 0 (clean: AP[2] = 1), stage 2
 *   when DBM = 1 and S2AP[1] = 1 (clean: S2AP[1] = 0). Harvest with CLEAR
 *   sets AP[2] / clears S2AP[1] atomically (a byte-wide atomic on bit 7 of
 *   the little-endian descriptor), so a concurrent hardware update is not
 *   lost; a writable page with DBM = 0 is untracked and never reported (as
 *   in Linux io-pgtable-arm). A leaf straddling the harvested range is
 *   reported for its part inside and is not cleared.
 * - attrs = the leaf's attribute fields in descriptor positions (bits 11:2
 *   and 63:50: AttrIndx/MemAttr, NS, AP/S2AP, SH, AF, nG/FnXS, GP, DBM,
 *   Contiguous, PXN/UXN/XN, software and PBHA bits), with NS (bit 5) also
 *   set when a stage-1 table descriptor on the path had NSTable. The
 *   contiguous hint is bit 52 of attrs; page_size stays the entry's size.
 * - A fault result carries the level and raw entry at fault and, in
 *   page_size, the size of the input range that entry covers; pa, perm and
 *   attrs are 0 (also for PERMISSION); TABLE_READ gives the unreadable
 *   entry's address in fault_addr.
 * - Range walks report whole leaves (a leaf straddling start is reported
 *   from its own first address) and skip inputs above the input size. A
 *   table that cannot be read is reported (IOMMUFMT_WALK_FAULTS) as one
 *   TABLE_READ record from the failing entry to the end of the scanned part.
 *   Subtrees found empty are remembered in a small on-stack cache, so tables
 *   shared by many entries (or pointing at themselves) are not rescanned;
 *   past that, table visits are bounded by iommufmt__walk_budget() (-ELOOP),
 *   as for every format. Runs of all-zero entries are skipped eight at a
 *   time, and a table's first lines are prefetched when the walk enters it.
 * - Builders: tables are granule-sized and aligned, allocated all at once
 *   per map (so -ENOSPC leaves nothing behind); a block may replace a table
 *   whose subtree is empty (looking at no more tables than the arena's used
 *   part holds granules: tables aliasing each other count as not empty).
 *   Leaves get AF = 1 and SH = inner shareable.
 *   Stage 1: AttrIndx 0, nG, AP[1] unless the prot is IOMMUFMT_ACCESS_PRIV
 *   without USER, AP[2] without WRITE, UXN and PXN without EXEC, and with
 *   F_AD a writable leaf gets DBM and starts dirty (as Linux maps it).
 *   Stage 2: MemAttr 0xf (normal write-back), S2AP from READ/WRITE, XN[1:0] =
 *   0b10 without EXEC, DBM as for stage 1 (S2AP[1] = 1: dirty).
 *
 * Walks end by construction: at most one descriptor per level from the
 * start level to level 3, whatever the tables contain.
 */

#include "formats/formats.h"

#define PW_DOWN		1	/* levels count up towards the leaves */
#define PW_LAST		3
#define PW_MAXDEPTH	4
#define PW_BE		0
#include "lib/pgtable_walk.h"

#define LPAE_INLINE static inline __attribute__((always_inline))

#define LPAE_VALID	BIT64(0)
#define LPAE_TYPE_TABLE	BIT64(1)	/* 1: table (levels 0-2) or page (level 3) */
#define LPAE_NS		BIT64(5)
#define LPAE_AP1	BIT64(6)	/* S1 AP[1] EL0 access; S2 S2AP[0] read */
#define LPAE_AP2	BIT64(7)	/* S1 AP[2] read-only; S2 S2AP[1] write */
#define LPAE_SH_IS	(UINT64_C(3) << 8)
#define LPAE_AF		BIT64(10)
#define LPAE_NG		BIT64(11)
#define LPAE_NT		BIT64(16)
#define LPAE_GP		BIT64(50)
#define LPAE_DBM	BIT64(51)
#define LPAE_CONT	BIT64(52)
#define LPAE_PXN	BIT64(53)	/* S2: XN[0] */
#define LPAE_UXN	BIT64(54)	/* S2: XN[1] */
#define LPAE_PXNTABLE	BIT64(59)
#define LPAE_UXNTABLE	BIT64(60)
#define LPAE_APTABLE0	BIT64(61)	/* no EL0 access below */
#define LPAE_APTABLE1	BIT64(62)	/* no write below */
#define LPAE_NSTABLE	BIT64(63)
#define LPAE_HIER_MASK	GENMASK64(63, 59)
#define LPAE_ATTR_MASK	(GENMASK64(11, 2) | GENMASK64(63, 50))
#define LPAE_S2_MEMATTR_WB	(UINT64_C(0xf) << 2)

/* pt->priv[] slots */
#define LPAE_PRIV_GRANULE	0	/* log2 granule: 12, 14, 16 */
#define LPAE_PRIV_ROOT_SIZE	1	/* bytes of the (concatenated) root table */
#define LPAE_PRIV_LEAFMASK	2	/* bit L: blocks allowed at level L (bit 3: pages) */
#define LPAE_PRIV_KEY		3	/* LPAE_KEY(granule, start level): the walker to run */
#define LPAE_PRIV_WORDS		4	/* slots used */
IOMMUFMT__PGTABLE_PRIV_FITS("arm-lpae", LPAE_PRIV_WORDS);

/* Walkers are instantiated per (granule, start level), both constants. */
#define LPAE_KEY(g, start)	((((g) - 12) / 2) * 4 + (start))
#define LPAE_INSTANCES(X) \
	X(12, 0) X(12, 1) X(12, 2) X(12, 3) X(14, 0) X(14, 1) X(14, 2) X(14, 3) \
	X(16, 1) X(16, 2) X(16, 3)

/*
 * The walker template's constants (its @k): granule, stage and, for range
 * walks, whether they harvest dirty bits; all compile-time constants.
 */
#define LPAE_K(g, s2, dirty)	((unsigned int)(g) | ((unsigned int)(s2) << 8) | \
				 ((unsigned int)(dirty) << 9))
#define LPAE_G(k)		((k) & 0xffu)
#define LPAE_S2(k)		((int)(((k) >> 8) & 1))
#define LPAE_DIRTY(k)		((int)(((k) >> 9) & 1))

#define LPAE_REQ_RWX	(IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC)

/* ---- geometry, all constant-folded for a constant granule and level ---- */

LPAE_INLINE unsigned lpae_shift(unsigned g, int level)
{
	return g + (unsigned)(3 - level) * (g - 3);
}

/*
 * Output-address field of a descriptor whose address is aligned to 2^lo.
 * With 64K, OA[51:48] (bits 15:12) are usually zero: testing them, rather
 * than always merging them in, leaves one AND between a table descriptor
 * and the next level's load.
 */
LPAE_INLINE uint64_t lpae_addr(uint64_t d, unsigned g, unsigned lo)
{
	uint64_t a = d & GENMASK64(47, lo);

	if (g == 16 && unlikely(d & GENMASK64(15, 12)))
		a |= ((d >> 12) & 0xf) << 48;
	return a;
}

/* Encode an address into the descriptor's output-address field. */
LPAE_INLINE uint64_t lpae_addr_enc(uint64_t a, unsigned g)
{
	uint64_t d = a & GENMASK64(47, g);

	if (g == 16)
		d |= ((a >> 48) & 0xf) << 12;
	return d;
}

/* Reserved bits of a table descriptor, a page descriptor, and a 2^bshift-byte block descriptor. */
LPAE_INLINE uint64_t lpae_res_table(unsigned g, int s2)
{
	return GENMASK64(51, 48) | (g == 14 ? GENMASK64(13, 12) : 0) | (s2 ? GENMASK64(63, 59) : 0);
}

LPAE_INLINE uint64_t lpae_res_page(unsigned g, int s2)
{
	return GENMASK64(49, 48) | (g == 14 ? GENMASK64(13, 12) : 0) | (s2 ? LPAE_GP : 0);
}

LPAE_INLINE uint64_t lpae_res_block(unsigned g, int s2, unsigned bshift)
{
	return GENMASK64(49, 48) | (GENMASK64(bshift - 1, g == 16 ? 16 : 12) & ~LPAE_NT) |
	       (s2 ? LPAE_GP : 0);
}

/* ---- permissions ---- */

/*
 * What a leaf grants. @hier holds the stage-1 hierarchical bits collected
 * from table descriptors; @priv selects which XN bit decides EXEC.
 */
LPAE_INLINE uint32_t lpae_perm(uint64_t d, uint64_t hier, int s2, uint32_t cflags, int priv)
{
	uint32_t p = 0;
	int ad = !!(cflags & IOMMUFMT_PGTABLE_F_AD);

	if (s2) {
		unsigned xn = (unsigned)((d >> 53) & 3);

		p = IOMMUFMT_ACCESS_USER;
		if (d & LPAE_AP1)
			p |= IOMMUFMT_ACCESS_READ;
		if ((d & LPAE_AP2) || (ad && (d & LPAE_DBM)))
			p |= IOMMUFMT_ACCESS_WRITE;
		if (!(cflags & IOMMUFMT_PGTABLE_F_EXEC) ||
		    (priv ? (xn == 0 || xn == 3) : (xn == 0 || xn == 1)))
			p |= IOMMUFMT_ACCESS_EXEC;
		return p;
	}
	p = IOMMUFMT_ACCESS_READ;
	if (((d & LPAE_AP1) && !(hier & LPAE_APTABLE0)))
		p |= IOMMUFMT_ACCESS_USER;
	else
		p |= IOMMUFMT_ACCESS_PRIV;
	if ((!(d & LPAE_AP2) || (ad && (d & LPAE_DBM))) && !(hier & LPAE_APTABLE1))
		p |= IOMMUFMT_ACCESS_WRITE;
	if (!(cflags & IOMMUFMT_PGTABLE_F_EXEC)) {
		p |= IOMMUFMT_ACCESS_EXEC;
	} else if (priv) {
		/* AP[2:1] = 01 (writable at EL0) implies PXN */
		if (!(d & LPAE_PXN) && !(hier & LPAE_PXNTABLE) &&
		    !((d & LPAE_AP1) && !(d & LPAE_AP2)))
			p |= IOMMUFMT_ACCESS_EXEC;
	} else {
		if (!(d & LPAE_UXN) && !(hier & LPAE_UXNTABLE))
			p |= IOMMUFMT_ACCESS_EXEC;
	}
	return p;
}

/* Does @perm satisfy request @access? */
LPAE_INLINE int lpae_allowed(uint32_t perm, uint32_t access)
{
	uint32_t want = access & LPAE_REQ_RWX;

	if (want && !(access & IOMMUFMT_ACCESS_PRIV) && !(perm & IOMMUFMT_ACCESS_USER))
		return 0;
	return (perm & want) == want;
}

/* ---- translation (the template's hooks) ---- */

/* A fault result (every field written): the entry at fault and the span it covers. */
LPAE_INLINE int lpae_fault(struct iommufmt_xlate *out, uint64_t iova, uint32_t reason, int level,
			   uint64_t d, unsigned sh)
{
	pw_fault(out, iova, reason, level, d, UINT64_C(1) << sh);
	return 1;
}

/*
 * Decode a leaf descriptor @d at @level (already known valid and of a leaf
 * type): 0 and the leaf fields of @out (pa of the leaf's base, page_size,
 * pte, attrs, perm, level), or a fault reason.
 */
LPAE_INLINE uint32_t lpae_leaf(const struct iommufmt_pgtable *pt, uint64_t d, uint64_t hier,
			       const unsigned g, const int s2, const int level, int req_priv,
			       struct iommufmt_xlate *out)
{
	const unsigned sh = lpae_shift(g, level);
	uint64_t oa;
	int priv;

	if (level == 3) {
		if (unlikely(!(d & LPAE_TYPE_TABLE)))
			return IOMMUFMT_FAULT_BAD_LEVEL;
		if (unlikely(d & lpae_res_page(g, s2)))
			return IOMMUFMT_FAULT_RESERVED_BIT;
	} else {
		if (unlikely(!((pt->priv[LPAE_PRIV_LEAFMASK] >> level) & 1)))
			return IOMMUFMT_FAULT_BAD_LEVEL;
		if (unlikely(d & lpae_res_block(g, s2, sh)))
			return IOMMUFMT_FAULT_RESERVED_BIT;
	}
	oa = lpae_addr(d, g, sh);
	if (unlikely(oa > pt->oas_mask))
		return IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
	if (unlikely(!(d & LPAE_AF)) &&
	    !(pt->cfg.flags & (IOMMUFMT_PGTABLE_F_AFFD | IOMMUFMT_PGTABLE_F_AD)))
		return IOMMUFMT_FAULT_ACCESS_FLAG;
	/*
	 * EXEC is reported for the request's privilege; a page only privileged
	 * code may use is judged as a privileged access (an unprivileged
	 * request that needs it fails anyway), so that an access of 0 and a
	 * range walk report what privileged code may do there.
	 */
	priv = req_priv || (!s2 && !((d & LPAE_AP1) && !(hier & LPAE_APTABLE0)));
	out->pa = oa;
	out->page_size = UINT64_C(1) << sh;
	out->pte = d;
	out->attrs = (d & LPAE_ATTR_MASK) | ((hier & LPAE_NSTABLE) ? LPAE_NS : 0);
	out->perm = lpae_perm(d, hier, s2, pt->cfg.flags, priv);
	pw_level(out, level);
	return IOMMUFMT_FAULT_NONE;
}

/*
 * Byte offset of @iova's entry in its level-@level table. At the start
 * level (@first) the index takes every input bit left (iova is below 2^ias,
 * so it stays inside the root, concatenated tables included).
 */
PW_INLINE uint64_t pw_entry_off(const unsigned int k, const int level, const int first,
				uint64_t iova)
{
	const unsigned g = LPAE_G(k);

	return ((iova >> lpae_shift(g, level)) &
		(first ? ~UINT64_C(0) : (UINT64_C(1) << (g - 3)) - 1)) * 8;
}

/*
 * One lookup at @level for @iova: returns 1 when @out holds the final
 * result, 0 when @w now points at the next-level table (lane->acc collects
 * the stage-1 hierarchical bits of the table descriptors).
 */
PW_INLINE int pw_step(const struct iommufmt_pgtable *pt, struct iommufmt__ptrd *rd, uint64_t iova,
		      uint32_t access, struct iommufmt_xlate *out, struct pw_lane *w,
		      const unsigned int k, const int level, const int first, const int prefetch)
{
	const unsigned g = LPAE_G(k), sh = lpae_shift(g, level);
	const int s2 = LPAE_S2(k);
	const uint64_t off = pw_entry_off(k, level, first, iova);
	uint64_t d, next;
	uint32_t f;

	if (unlikely(iommufmt__ptrd_rd64_at(rd, w->table, off, &d, 0))) {
		lpae_fault(out, iova, IOMMUFMT_FAULT_TABLE_READ, level, 0, sh);
		out->fault_addr = w->table + off;
		return 1;
	}
	if (unlikely(!(d & LPAE_VALID)))
		return lpae_fault(out, iova, IOMMUFMT_FAULT_NOT_PRESENT, level, d, sh);
	if (level < 3 && (d & LPAE_TYPE_TABLE)) {
		if (unlikely(d & lpae_res_table(g, s2)))
			return lpae_fault(out, iova, IOMMUFMT_FAULT_RESERVED_BIT, level, d, sh);
		next = lpae_addr(d, g, g);
		if (unlikely(next > pt->oas_mask))
			return lpae_fault(out, iova, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, level, d, sh);
		if (!s2)
			w->acc |= d & LPAE_HIER_MASK;
		w->table = next;
		/* start the next level's load while other walks run */
		if (prefetch && level < 3)
			iommufmt__ptrd_prefetch(rd, next + pw_entry_off(k, level + 1, 0, iova));
		return 0;
	}
	f = lpae_leaf(pt, d, w->acc, g, s2, level, !!(access & IOMMUFMT_ACCESS_PRIV), out);
	if (unlikely(f))
		return lpae_fault(out, iova, f, level, d, sh);
	/* as every fault, a permission fault has the entry and its span, no output */
	if (unlikely(!lpae_allowed(out->perm, access)))
		return lpae_fault(out, iova, IOMMUFMT_FAULT_PERMISSION, level, d, sh);
	out->iova = iova;
	out->pa |= iova & (out->page_size - 1);
	out->fault_addr = 0;
	out->fault = IOMMUFMT_FAULT_NONE;
	out->stage = 0;
	return 1;
}

PW_INLINE int pw_begin(const struct iommufmt_pgtable *pt, uint64_t iova,
		       struct iommufmt_xlate *out, struct pw_lane *w)
{
	w->table = pt->cfg.root;
	w->acc = 0;
	if (unlikely(iova > pt->ias_mask)) {
		pw_fault(out, iova, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, (int)pt->start_level, 0, 0);
		return 1;
	}
	return 0;
}

/* Translate with the walker of this table's (granule, start level). */
LPAE_INLINE void lpae_translate(const struct iommufmt_pgtable *pt,
				const struct iommufmt_gmem *gmem, uint64_t iova, uint32_t access,
				struct iommufmt_xlate *out, const int s2)
{
	switch (pt->priv[LPAE_PRIV_KEY]) {
#define LPAE_CASE_T(g_, s_)							\
	case LPAE_KEY(g_, s_):							\
		pw_translate(pt, gmem, iova, access, out, LPAE_K(g_, s2, 0), s_);	\
		return;
	LPAE_INSTANCES(LPAE_CASE_T)
#undef LPAE_CASE_T
	default:
		pw_fault(out, iova, IOMMUFMT_FAULT_BAD_LEVEL, (int)pt->start_level, 0, 0);
	}
}

LPAE_INLINE void lpae_batch(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			    const __u64 *iovas, size_t n, uint32_t access,
			    struct iommufmt_xlate *out, const int s2)
{
	switch (pt->priv[LPAE_PRIV_KEY]) {
#define LPAE_CASE_B(g_, s_)							\
	case LPAE_KEY(g_, s_):							\
		pw_batch(pt, gmem, iovas, n, access, out, LPAE_K(g_, s2, 0), s_);	\
		return;
	LPAE_INSTANCES(LPAE_CASE_B)
#undef LPAE_CASE_B
	default:
		iommufmt__xlate_faults(out, iovas, n, IOMMUFMT_FAULT_BAD_LEVEL,
				       PW_GLEVEL((int)pt->start_level), pt->start_level);
	}
}

/* ---- range walk and dirty harvest (the template's hooks) ---- */

PW_INLINE unsigned int pw_shift(const unsigned int k, const int level)
{
	return lpae_shift(LPAE_G(k), level);
}

PW_INLINE uint64_t pw_imask(const unsigned int k, const int level)
{
	(void)level;
	return (UINT64_C(1) << (LPAE_G(k) - 3)) - 1;
}

/*
 * Tables below the start level are one granule, granule-aligned (only the
 * root is smaller, or concatenated): the visit budget counts granules.
 */
PW_INLINE unsigned int pw_table_lg2(const unsigned int k)
{
	return LPAE_G(k);
}

/* Only all-zero entries are skipped wholesale (invalid ones are one compare each). */
PW_INLINE uint64_t pw_invalid_bit(const unsigned int k, const int level)
{
	(void)k;
	(void)level;
	return 0;
}

PW_INLINE void pw_decode(const struct iommufmt_pgtable *pt, const unsigned int k, uint64_t e,
			 const int level, struct pw_ent *d)
{
	const unsigned g = LPAE_G(k);
	const int s2 = LPAE_S2(k);

	if (!(e & LPAE_VALID)) {
		d->kind = PW_HOLE;
		return;
	}
	if (level == 3 || !(e & LPAE_TYPE_TABLE)) {
		d->kind = PW_PAGE;	/* pw_leaf() checks it */
		return;
	}
	d->kind = PW_FAULT;
	d->addr = lpae_addr(e, g, g);
	if (e & lpae_res_table(g, s2))
		d->fault = IOMMUFMT_FAULT_RESERVED_BIT;
	else if (d->addr > pt->oas_mask)
		d->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
	else
		d->kind = PW_TABLE;
	d->acc = s2 ? 0 : e & LPAE_HIER_MASK;
}

/*
 * Move a dirty leaf at @ea to writable-clean: set AP[2] (stage 1) or clear
 * S2AP[1] (stage 2), both bit 7 of byte 0 of the little-endian descriptor.
 * Returns the byte before the update in @old, or -EFAULT.
 */
static inline int lpae_clean(const struct iommufmt_gmem *gmem, uint64_t ea, int s2, uint8_t *old)
{
	const struct iommufmt_gmem_region *win;
	uint8_t *p = iommufmt__gmem_lookup(gmem, ea, 8, &win);

	if (p) {
		if (win->flags & IOMMUFMT_GMEM_READONLY)
			return -EFAULT;
		if (s2)
			*old = __atomic_fetch_and(p, (uint8_t)0x7f, __ATOMIC_SEQ_CST);
		else
			*old = __atomic_fetch_or(p, (uint8_t)0x80, __ATOMIC_SEQ_CST);
		return 0;
	}
	if (iommufmt__gmem_slow(gmem, ea, old, 1, 0))
		return -EFAULT;
	{
		uint8_t nb = s2 ? (uint8_t)(*old & 0x7f) : (uint8_t)(*old | 0x80);

		if (iommufmt__gmem_slow(gmem, ea, &nb, 1, 1))
			return -EFAULT;
	}
	return 0;
}

LPAE_INLINE int lpae_is_dirty(uint64_t d, int s2)
{
	if (!(d & LPAE_DBM))
		return 0;
	return s2 ? !!(d & LPAE_AP2) : !(d & LPAE_AP2);
}

/*
 * A leaf (or a block or page descriptor where none may be: a fault record):
 * reported whole, from its own first address; or, harvesting, its dirty
 * state for its part of the range, cleaned when the range covers it.
 */
PW_INLINE int pw_leaf(const struct pw_walk *w, const unsigned int k, struct pw_frame *f, uint64_t d,
		      const struct pw_ent *ent, const int level, uint64_t va)
{
	const unsigned g = LPAE_G(k), sh = lpae_shift(g, level);
	const int s2 = LPAE_S2(k);
	const uint64_t size = UINT64_C(1) << sh;
	struct iommufmt_xlate rec;
	uint32_t reason;

	(void)ent;
	memset(&rec, 0, sizeof(rec));
	reason = lpae_leaf(w->pt, d, f->acc, g, s2, level, 0, &rec);
	if (LPAE_DIRTY(k)) {
		const uint64_t lo = w->start > va ? w->start : va;
		const uint64_t hi = w->last < va + (size - 1) ? w->last : va + (size - 1);
		int dirty = 1;

		/* AF does not matter for dirty state */
		if ((reason && reason != IOMMUFMT_FAULT_ACCESS_FLAG) || !lpae_is_dirty(d, s2))
			return 0;
		if ((w->sk->dflags & IOMMUFMT_DIRTY_CLEAR) && lo == va && hi == va + (size - 1)) {
			uint8_t old;

			if (lpae_clean(w->gmem, f->table + f->idx * 8, s2, &old))
				return -EFAULT;
			dirty = s2 ? !!(old & 0x80) : !(old & 0x80);
		}
		if (dirty) {
			f->emitted = 1;
			iommufmt__bitmap_set(w->sk->bitmap, (lo - w->start) >> 12,
					     ((hi - lo) >> 12) + 1);
		}
		return 0;
	}
	if (reason)
		return pw_emit_fault(w, f, va, size, reason, level, d, 0);
	f->emitted = 1;
	rec.iova = va;
	return w->sk->fn(w->sk->opaque, &rec);
}

/* A range walk, or a dirty harvest, with the walker of this table's granule. */
LPAE_INLINE int lpae_walk(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			  uint64_t start, uint64_t last, const struct pw_sink *sk, const int s2,
			  const int dirty)
{
	switch (pt->priv[LPAE_PRIV_GRANULE]) {
	case 14:
		return pw_walk(pt, gmem, start, last, sk, LPAE_K(14, s2, dirty));
	case 16:
		return pw_walk(pt, gmem, start, last, sk, LPAE_K(16, s2, dirty));
	default:
		return pw_walk(pt, gmem, start, last, sk, LPAE_K(12, s2, dirty));
	}
}

/* ---- configuration ---- */

/* Start level of a stage-2 walk from SL0, or -1 when reserved. */
static inline int lpae_s2_start(unsigned g, unsigned sl0)
{
	static const signed char map4k[4] = { 2, 1, 0, 3 };

	if (sl0 > 3)
		return -1;
	if (g == 12)
		return map4k[sl0];
	if (g == 16 && sl0 == 3)
		return -1;
	return 3 - (int)sl0;
}

/* prepare, step 1: fields and flags that VMSAv8-64 tables (of this stage) do not use. */
static int lpae_check_unused(const struct iommufmt_pgtable_cfg *c, struct iommufmt_diag *diag,
			     int s2)
{
	const uint32_t okflags = IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC |
				 IOMMUFMT_PGTABLE_F_AFFD;

	if (c->flags & ~okflags)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags, okflags, 0,
					 "flags 0x%x do not apply to VMSAv8-64 tables",
					 c->flags & ~okflags);
	if (c->levels)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "levels",
					 IOMMUFMT__DV_VALUE, c->levels, 0, 0,
					 "levels is not used by arm-lpae (ias and granule give them)");
	if (c->top)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "top",
					 IOMMUFMT__DV_VALUE, c->top, 0, 0,
					 "top is used by s390-dat only");
	if (!s2 && c->sl0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "sl0",
					 IOMMUFMT__DV_VALUE, c->sl0, 0, 0,
					 "sl0 is used by stage-2 tables only");
	return 0;
}

/* prepare, step 2: the output size, with the granule it needs. */
static int lpae_check_oas(unsigned g, unsigned oas, struct iommufmt_diag *diag)
{
	switch (oas) {
	case 32: case 36: case 40: case 42: case 44: case 48:
		break;
	case 52:
		if (g == 16)
			break;
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 48, 0,
					 "52-bit output with a %uK granule needs FEAT_LPA2, "
					 "which is not supported", 1u << (g - 10));
	case 56:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 52, 0,
					 "56-bit output (FEAT_D128) is not supported");
	default:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "oas",
					 IOMMUFMT__DV_VALUE, oas, 0, 0,
					 "oas must be 32, 36, 40, 42, 44, 48 or 52 bits");
	}
	return 0;
}

/*
 * prepare, step 3 (stage 2): the start level from SL0, and its consistency
 * with the input size (Arm ARM S2InconsistentSL).
 */
static int lpae_s2_start_level(const struct iommufmt_pgtable_cfg *c, unsigned g, unsigned ias,
			       unsigned oas, int *startp, struct iommufmt_diag *diag)
{
	const unsigned stride = g - 3;
	int start, sl_min, sl_max;

	if (ias > oas)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias, oas, 0,
					 "stage-2 input size %u exceeds the output size %u",
					 ias, oas);
	start = lpae_s2_start(g, c->sl0);
	*startp = start;
	if (g == 12 && c->sl0 == 3)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "sl0",
					 IOMMUFMT__DV_VALUE, c->sl0, 0, 0,
					 "sl0 3 with the 4K granule (start level 3) needs "
					 "FEAT_TTST, which is not supported");
	if (start < 0)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0",
					 IOMMUFMT__DV_VALUE, c->sl0, 0, 0,
					 "sl0 %u is reserved for the %uK granule", c->sl0,
					 1u << (g - 10));
	/* Arm ARM S2InconsistentSL: >= 1 index bit, <= 16 concatenated tables */
	sl_min = (3 - start) * (int)stride + (int)g + 1;
	sl_max = (4 - start) * (int)stride + (int)g + 4;
	if ((int)ias < sl_min || (int)ias > sl_max)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "sl0",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias,
					 (uint64_t)((int)ias < sl_min ? sl_min : sl_max), 0,
					 "ias %u is inconsistent with sl0 %u (start level %d "
					 "takes %d to %d bits)", ias, c->sl0, start, sl_min,
					 sl_max);
	return 0;
}

static int lpae_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag, int s2)
{
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	unsigned g = c->granule ? c->granule : 12, stride, ias, oas, maxias;
	int start = 0, r;	/* start: set by both branches below; 0 quiets gcc */
	uint64_t root_size, align, leafmask, bitmap;

	r = lpae_check_unused(c, diag, s2);
	if (r)
		return r;
	if (g != 12 && g != 14 && g != 16)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "granule",
					 IOMMUFMT__DV_VALUE, c->granule, 0, 0,
					 "granule must be 12 (4K), 14 (16K) or 16 (64K)");
	stride = g - 3;
	oas = c->oas ? c->oas : 48;
	r = lpae_check_oas(g, oas, diag);
	if (r)
		return r;
	maxias = g == 16 ? 52 : 48;
	ias = c->ias ? c->ias : (s2 && oas < 48 ? oas : 48);
	if (ias < 16 || ias > 52)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias, maxias, 0,
					 "ias must be 25 to %u bits", maxias);
	if (ias < 25 || ias > maxias)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias, maxias, 0,
					 ias < 25 ? "inputs below 25 bits need FEAT_TTST, "
					 "which is not supported" :
					 "inputs above 48 bits need FEAT_LPA2 with this granule, "
					 "which is not supported");
	if (s2) {
		r = lpae_s2_start_level(c, g, ias, oas, &start, diag);
		if (r)
			return r;
	} else {
		start = 4 - (int)((ias - g + stride - 1) / stride);
	}
	root_size = UINT64_C(8) << (ias - lpae_shift(g, start));
	align = root_size < 64 ? 64 : root_size;
	pt->ias_mask = ias == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ias) - 1;
	pt->oas_mask = (UINT64_C(1) << oas) - 1;
	if (c->root & (align - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->root, align, 0,
					 "root table must be aligned to 0x%llx bytes",
					 (unsigned long long)align);
	if (c->root > pt->oas_mask || pt->oas_mask - c->root < root_size - 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->root,
					 pt->oas_mask, 0, "root table lies above the %u-bit output size",
					 oas);
	leafmask = BIT64(3);
	if (g == 12)
		leafmask |= BIT64(1) | BIT64(2);
	else if (g == 14)
		leafmask |= BIT64(2);
	else
		leafmask |= BIT64(2) | (oas == 52 ? BIT64(1) : 0);
	bitmap = 0;
	for (int l = start; l <= 3; l++)
		if ((leafmask >> l) & 1)
			bitmap |= UINT64_C(1) << lpae_shift(g, l);
	c->granule = g;
	c->ias = ias;
	c->oas = oas;
	pt->pgsize_bitmap = bitmap;
	pt->start_level = (uint32_t)start;
	pt->nr_levels = (uint32_t)(4 - start);
	pt->priv[LPAE_PRIV_GRANULE] = g;
	pt->priv[LPAE_PRIV_ROOT_SIZE] = root_size;
	pt->priv[LPAE_PRIV_LEAFMASK] = leafmask;
	pt->priv[LPAE_PRIV_KEY] = (uint64_t)LPAE_KEY(g, start);
	return 0;
}

static int lpae_root_size(const struct iommufmt_pgtable *pt, __u64 *size, __u64 *align)
{
	uint64_t s = pt->priv[LPAE_PRIV_ROOT_SIZE];

	*size = s;
	*align = s < 64 ? 64 : s;
	return 0;
}

/* ---- builders ---- */

/*
 * Whether a table (at @level) holds no valid entry, looking into subtables.
 * Each table looked at costs one of *@budget (the granules of the arena's
 * used part, as the radix builder counts): tables that alias each other
 * run it out and count as not empty, instead of costing a scan per alias.
 */
static int lpae_subtree_empty(const struct iommufmt_pgtable_arena *a, uint64_t table, int level,
			      unsigned g, uint64_t *budget)
{
	uint64_t n = UINT64_C(1) << (g - 3);

	if (!*budget)
		return 0;
	(*budget)--;
	for (uint64_t i = 0; i < n; i++) {
		const uint8_t *p = iommufmt__arena_ptr(a, table + i * 8, 8);
		uint64_t d;

		if (!p)
			return 0;
		d = iommufmt__load64(p, 0);
		if (!(d & LPAE_VALID))
			continue;
		if (level < 3 && (d & LPAE_TYPE_TABLE) &&
		    lpae_subtree_empty(a, lpae_addr(d, g, g), level + 1, g, budget))
			continue;
		return 0;
	}
	return 1;
}

static uint64_t lpae_leaf_enc(const struct iommufmt_pgtable *pt, uint64_t pa, uint32_t prot,
			      int level, int s2)
{
	unsigned g = (unsigned)pt->priv[LPAE_PRIV_GRANULE];
	uint64_t d = lpae_addr_enc(pa, g) | LPAE_VALID | LPAE_AF | LPAE_SH_IS;
	int ad = !!(pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD);

	if (level == 3)
		d |= LPAE_TYPE_TABLE;
	if (s2) {
		d |= LPAE_S2_MEMATTR_WB;
		if (prot & IOMMUFMT_ACCESS_READ)
			d |= LPAE_AP1;
		if (prot & IOMMUFMT_ACCESS_WRITE)
			d |= LPAE_AP2 | (ad ? LPAE_DBM : 0);
		if (!(prot & IOMMUFMT_ACCESS_EXEC))
			d |= LPAE_UXN;	/* XN[1:0] = 0b10: no execution */
	} else {
		d |= LPAE_NG;
		if (!(prot & IOMMUFMT_ACCESS_WRITE))
			d |= LPAE_AP2;
		else if (ad)
			d |= LPAE_DBM;
		if ((prot & IOMMUFMT_ACCESS_USER) || !(prot & IOMMUFMT_ACCESS_PRIV))
			d |= LPAE_AP1;
		if (!(prot & IOMMUFMT_ACCESS_EXEC))
			d |= LPAE_UXN | LPAE_PXN;
	}
	return d;
}

static int lpae_map_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			 __u64 iova, __u64 pa, __u64 size, __u32 prot, struct iommufmt_diag *diag,
			 int s2)
{
	const unsigned g = (unsigned)pt->priv[LPAE_PRIV_GRANULE];
	const uint64_t gran = UINT64_C(1) << g;
	int start = (int)pt->start_level, target = -1, level;
	uint64_t table = pt->cfg.root, imask = ~UINT64_C(0);
	uint8_t *p;
	uint64_t d;

	for (int l = start; l <= 3; l++)
		if (((pt->priv[LPAE_PRIV_LEAFMASK] >> l) & 1) &&
		    size == UINT64_C(1) << lpae_shift(g, l))
			target = l;
	if (target < 0 || (iova & (size - 1)) || (pa & (size - 1)) || iova > pt->ias_mask ||
	    pa > pt->oas_mask)
		return iommufmt__pt_bad_size(diag, size);
	for (level = start;; level++) {
		const unsigned sh = lpae_shift(g, level);
		uint64_t ea = table + ((iova >> sh) & imask) * 8;

		imask = (UINT64_C(1) << (g - 3)) - 1;
		p = iommufmt__arena_ptr(arena, ea, 8);
		if (!p)
			return iommufmt__pt_arena_fault(diag, table);
		d = iommufmt__load64(p, 0);
		if (level == target)
			break;
		if (!(d & LPAE_VALID)) {
			/* allocate every missing table down to the target at once */
			unsigned need = (unsigned)(target - level);
			uint64_t at, off;
			int r = iommufmt__arena_alloc(arena, need * gran, gran, pt->oas_mask, &at,
						      diag);

			if (r)
				return r;
			off = at - arena->gpa;
			/*
			 * Fill bottom-up (table i is at level + 1 + i), so a concurrent
			 * walker never meets a half-built path.
			 */
			for (int i = (int)need - 1; i >= 0; i--) {
				uint8_t *e = (uint8_t *)arena->host + (off + (uint64_t)i * gran) +
					     ((iova >> lpae_shift(g, level + 1 + i)) & imask) * 8;

				iommufmt__store64(e, i == (int)need - 1 ?
						  lpae_leaf_enc(pt, pa, prot, target, s2) :
						  lpae_addr_enc(at + (uint64_t)(i + 1) * gran, g) |
						  LPAE_VALID | LPAE_TYPE_TABLE, 0);
			}
			iommufmt__store64(p, lpae_addr_enc(at, g) | LPAE_VALID | LPAE_TYPE_TABLE, 0);
			return 0;
		}
		if (!(d & LPAE_TYPE_TABLE) || level == 3)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_EXISTS, "iova",
						 IOMMUFMT__DV_VALUE, iova & ~((UINT64_C(1) << sh) - 1),
						 0, 0, "a 0x%llx-byte mapping already covers 0x%llx",
						 (unsigned long long)(UINT64_C(1) << sh),
						 (unsigned long long)iova);
		table = lpae_addr(d, g, g);
	}
	if (d & LPAE_VALID) {
		uint64_t budget = (arena->used >> g) + 1;

		if (!(level < 3 && (d & LPAE_TYPE_TABLE) &&
		      lpae_subtree_empty(arena, lpae_addr(d, g, g), level + 1, g, &budget)))
			return iommufmt__pt_mapped(diag, iova);
	}
	iommufmt__store64(p, lpae_leaf_enc(pt, pa, prot, target, s2), 0);
	return 0;
}

static int lpae_unmap_page(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			   __u64 iova, __u64 *size, struct iommufmt_diag *diag)
{
	const unsigned g = (unsigned)pt->priv[LPAE_PRIV_GRANULE];
	uint64_t table = pt->cfg.root, imask = ~UINT64_C(0);

	*size = 0;
	if (iova > pt->ias_mask)
		return iommufmt__diag_err(diag, -ENOENT, IOMMUFMT_DIAG_BAD_VALUE, "iova",
					  "address above the input size");
	for (int level = (int)pt->start_level; level <= 3; level++) {
		const unsigned sh = lpae_shift(g, level);
		uint8_t *p = iommufmt__arena_ptr(arena, table + ((iova >> sh) & imask) * 8, 8);
		uint64_t d;

		imask = (UINT64_C(1) << (g - 3)) - 1;
		if (!p)
			return iommufmt__pt_arena_fault(diag, table);
		d = iommufmt__load64(p, 0);
		if (!(d & LPAE_VALID))
			break;
		if (level < 3 && (d & LPAE_TYPE_TABLE)) {
			table = lpae_addr(d, g, g);
			continue;
		}
		if ((level == 3 && !(d & LPAE_TYPE_TABLE)) ||
		    (level < 3 && !((pt->priv[LPAE_PRIV_LEAFMASK] >> level) & 1)))
			break;
		if (iova & ((UINT64_C(1) << sh) - 1))
			return iommufmt__pt_split(diag, iova, UINT64_C(1) << sh);
		iommufmt__store64(p, 0, 0);
		*size = UINT64_C(1) << sh;
		return 0;
	}
	return iommufmt__pt_unmapped(diag, iova);
}

/*
 * Define the walk ops of one stage: NAME_ops, with every member a thin
 * wrapper that fixes the stage as a constant.
 */
#define LPAE_DEFINE_WALK_OPS(name, s2)						\
static int name##_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag) \
{										\
	return lpae_prepare(pt, diag, s2);					\
}										\
static void name##_translate(const struct iommufmt_pgtable *pt,			\
			     const struct iommufmt_gmem *gmem, __u64 iova,	\
			     __u32 access, struct iommufmt_xlate *out)		\
{										\
	lpae_translate(pt, gmem, iova, access, out, s2);			\
}										\
static void name##_translate_batch(const struct iommufmt_pgtable *pt,		\
				   const struct iommufmt_gmem *gmem,		\
				   const __u64 *iovas, size_t n, __u32 access,	\
				   struct iommufmt_xlate *out)			\
{										\
	lpae_batch(pt, gmem, iovas, n, access, out, s2);			\
}										\
static int name##_walk_range(const struct iommufmt_pgtable *pt,			\
			     const struct iommufmt_gmem *gmem, __u64 start,	\
			     __u64 last, __u32 flags,				\
			     int (*fn)(void *, const struct iommufmt_xlate *),	\
			     void *opaque)					\
{										\
	struct pw_sink sk = { .fn = fn, .opaque = opaque, .flags = flags };	\
										\
	return lpae_walk(pt, gmem, start, last, &sk, s2, 0);			\
}										\
static int name##_dirty(const struct iommufmt_pgtable *pt,			\
			const struct iommufmt_gmem *gmem, __u64 start,		\
			__u64 last, __u32 flags, __u64 *bitmap)			\
{										\
	struct pw_sink sk = { .bitmap = bitmap, .dflags = flags };		\
										\
	return lpae_walk(pt, gmem, start, last, &sk, s2, 1);			\
}										\
static int name##_map_page(const struct iommufmt_pgtable *pt,			\
			   struct iommufmt_pgtable_arena *arena, __u64 iova,	\
			   __u64 pa, __u64 size, __u32 prot,			\
			   struct iommufmt_diag *diag)				\
{										\
	return lpae_map_page(pt, arena, iova, pa, size, prot, diag, s2);	\
}										\
IOMMUFMT__PGTABLE_WALK_OPS(name##_ops, name##_prepare, lpae_root_size, name##_translate,	\
			   name##_translate_batch, name##_walk_range, name##_dirty,	\
			   name##_map_page, lpae_unmap_page)

#endif /* IOMMUFMT_FORMATS_PGTABLE_ARM_LPAE_H */
