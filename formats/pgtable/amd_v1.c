/* SPDX-License-Identifier: MIT */
/* AMD-Vi host (v1) tables, 1-6 levels with level skipping */
#include "formats/formats.h"

/*
 * Layout (Linux amd_iommu_types.h IOMMU_PTE_*, generic_pt amdv1.h,
 * VirtualBox DevIommuAmd.cpp): PR 0, A 5, D 6 (leaf, with DTE.HAD),
 * NextLevel 11:9, address 51:12, 58:52 reserved, U 59, FC 60, IR 61,
 * IW 62. NextLevel 1..6 points at a table of that level, which must be
 * below the entry's level; a lower level skips levels, whose index bits
 * must then be zero (else not present, as VirtualBox). NextLevel 0 is a
 * page of the level's size; 7 a page whose size is encoded by the run of
 * ones in the address from bit 12 (size = 2^(13 + ones)), which must lie
 * strictly between the level's size and the next level's, and is repeated
 * in every entry it covers. Level 6 holds no pages and indexes bits 63:57.
 * IR/IW are AND-ed over the levels (the DTE's too, which the caller does).
 *
 * Replicas of a NextLevel-7 page that disagree (beyond A/D, which hardware
 * sets in the replica it used: AMD IOMMU spec 48882 2.2.3.2, quoted in
 * Linux's pte_test_and_clear_dirty()) make the group malformed:
 * IOMMUFMT_FAULT_BAD_LEVEL for every address in it, from translation and
 * range walks alike (lib/pgtable_radix.h rx_group_check()); a replica that
 * cannot be read gives TABLE_READ. The spec (2.2.3) requires the replicas
 * to be identical; hardware reads the one the address indexes and may
 * cache the whole encoded page from it, so what a device gets from a
 * disagreeing group depends on which replica was fetched first, not on the
 * tables. Linux (io_pgtable.c fetch_pte(), first_pte_l7()) takes the size
 * from the indexed replica and the address from the group's first; QEMU
 * (amd_iommu.c fetch_pte()) translates through the indexed replica alone,
 * both assuming identical replicas. A range walk cannot report the
 * replicas' overlapping pages in order, and neither reading is the
 * hardware's, so the library refuses the group rather than pick one.
 */

#define RX_BE		0
#define RX_MAXLEV	6
#define RX_ZERO_IS_HOLE	1
#define RX_TOPS(X)	X(1) X(2) X(3) X(4) X(5) X(6)
#define RX_HW_BITS	(BIT64(5) | BIT64(6))
#define RX_DIRTY_BIT	BIT64(6)
#define RX_LEVEL_BITS(level) ((level) == 6 ? 7 : 9)	/* level 6 indexes bits 63:57 */
#include "lib/pgtable_radix.h"

#define AMD_PR		BIT64(0)
#define AMD_RSVD	GENMASK64(58, 52)
#define AMD_U		BIT64(59)
#define AMD_FC		BIT64(60)
#define AMD_IR		BIT64(61)
#define AMD_IW		BIT64(62)
#define AMD_ADDR	GENMASK64(51, 12)
#define AMD_NL(pte)	((unsigned int)(((pte) >> 9) & 7))

/* pt->priv[0]: address bits above the output size. */
#define AMD_OA_RSVD(pt)	((pt)->priv[0])
IOMMUFMT__PGTABLE_PRIV_FITS("amd-v1", 1);

static inline void rx_decode(const struct iommufmt_pgtable *pt, uint64_t pte, unsigned int level,
			     uint32_t access, struct rx_ent *e)
{
	const unsigned int nl = AMD_NL(pte), item = 12 + 9 * (level - 1);
	const uint64_t oa = pte & AMD_ADDR;
	unsigned int lg2;

	(void)access;
	if (!(pte & AMD_PR)) {
		e->kind = RX_HOLE;
		return;
	}
	e->perm = (pte & AMD_IR ? IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_EXEC : 0) |
		  (pte & AMD_IW ? IOMMUFMT_ACCESS_WRITE : 0);
	e->kind = RX_FAULT;
	if (pte & AMD_RSVD) {
		e->fault = IOMMUFMT_FAULT_RESERVED_BIT;
		return;
	}
	e->fault = IOMMUFMT_FAULT_BAD_LEVEL;
	if (nl >= 1 && nl <= 6) {
		if (nl >= level)
			return;
		if (oa & AMD_OA_RSVD(pt)) {
			e->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
			return;
		}
		e->kind = RX_TABLE;
		e->addr = oa;
		e->next = nl;
		return;
	}
	if (level == 6)
		return;		/* the top level holds no pages */
	if (nl == 0) {
		lg2 = item;
	} else {
		lg2 = 13 + (unsigned int)__builtin_ctzll(~(oa >> 12));
		if (lg2 <= item || lg2 >= item + 9)
			return;
	}
	if ((oa & ~(rx_pow2(lg2) - 1)) & AMD_OA_RSVD(pt)) {
		e->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
		return;
	}
	e->kind = RX_LEAF;
	e->addr = oa & ~(rx_pow2(lg2) - 1);
	e->next = lg2;
	e->group_log2 = lg2 - item;
	e->attrs = pte & (AMD_U | AMD_FC);
}

static inline uint64_t rx_make_table(const struct iommufmt_pgtable *pt, unsigned int level,
				     uint64_t child, unsigned int child_level)
{
	(void)pt;
	(void)level;
	/* IR/IW are AND-ed: tables allow everything, the leaf decides */
	return AMD_PR | AMD_IR | AMD_IW | ((uint64_t)child_level << 9) | child;
}

static inline int rx_make_leaf(const struct iommufmt_pgtable *pt, unsigned int level, uint64_t pa,
			       unsigned int size_log2, uint32_t prot, uint64_t *pte,
			       struct iommufmt_diag *diag)
{
	uint64_t v = AMD_PR;

	(void)pt;
	if ((prot & IOMMUFMT_ACCESS_EXEC) && !(prot & IOMMUFMT_ACCESS_READ))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "prot",
					 IOMMUFMT__DV_VALUE, prot, 0, 0,
					 "AMD v1 pages cannot be execute-only (execute needs IR)");
	if (prot & IOMMUFMT_ACCESS_READ)
		v |= AMD_IR;
	if (prot & IOMMUFMT_ACCESS_WRITE)
		v |= AMD_IW;
	if (size_log2 == 12 + 9 * (level - 1))
		v |= pa;			/* NextLevel 0: the level's own size */
	else
		v |= (7ULL << 9) | ((pa | ((UINT64_C(1) << (size_log2 - 1)) - 1)) & AMD_ADDR);
	*pte = v;
	return 0;
}

static int amd_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_cfg *c = &pt->cfg;
	uint32_t levels = c->levels, ias, top_leaf;
	int r;

	r = rx_prepare_fields(pt, "AMD v1 tables", " (only A/D)", IOMMUFMT_PGTABLE_F_AD, diag);
	if (r)
		return r;
	if (!levels)
		levels = !c->ias ? 3 : c->ias >= 64 ? 6 : (c->ias - 12 + 8) / 9;
	if (levels < 1 || levels > 6)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "levels",
					 IOMMUFMT__DV_VALUE, levels, 0, 0,
					 "AMD v1 tables have 1 to 6 levels, not %u", levels);
	ias = levels == 6 ? 64 : 12 + 9 * levels;
	if (c->ias && c->ias != ias)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->ias, ias, 0,
					 "%u-level AMD v1 tables translate %u input bits, not %u",
					 levels, ias, c->ias);
	/*
	 * Pages: every power of two from 4 KiB up to below the first level that
	 * holds no pages (level 6, or the level above the root), at most 2^51;
	 * like Linux, no 512 GiB pages (a hardware erratum).
	 */
	top_leaf = 12 + 9 * (levels < 5 ? levels : 5) - 1;
	if (top_leaf > 51)
		top_leaf = 51;
	return rx_prepare_finish(pt, levels, ias, GENMASK64(top_leaf, 12) & ~(UINT64_C(1) << 39),
				 ias == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ias) - 1, "output size",
				 diag);
}

RX_DEFINE_FORMAT(iommufmt__pgtable_amd_v1, IOMMUFMT_PGTABLE_AMD_V1, "amd-v1",
		 "AMD-Vi host (v1) tables, 1-6 levels with level skipping", amd_prepare);
