/* SPDX-License-Identifier: MIT */
/* VT-d second-stage tables, 3/4/5 levels */
#include "formats/formats.h"

/*
 * Layout (Linux intel/iommu.h DMA_PTE_*, generic_pt vtdss.h, QEMU
 * VTD_SPTE_*_RSVD_MASK): R 0, W 1, X 2 (execute, with SLEE), EMT 5:3 and
 * IPAT 6 (leaf attributes), PS 7 (leaf at level 2 / 3), A 8, D 9, SNP 11
 * (leaf; reserved in non-leaf entries), address 51:12, TM 62 (leaf;
 * reserved in non-leaf entries), 10, 61:52 and 63 ignored. An entry is
 * present iff R or W is set. Reserved: PS at levels 4 and 5, PS at level 3
 * without 1 GiB pages, bits 20:12 of a 2 MiB leaf and 29:12 of a 1 GiB leaf,
 * address bits at and above the host address width. Permissions are AND-ed
 * over the levels and, as QEMU's vtd_iova_to_sspte(), a request is checked
 * at each level, before that level's reserved bits.
 */

#define RX_BE		0
#define RX_MAXLEV	5
#define RX_ZERO_IS_HOLE	1
#define RX_TOPS(X)	X(3) X(4) X(5)
#define RX_DIRTY_BIT	BIT64(9)
#include "lib/pgtable_radix.h"

#define SS_R		BIT64(0)
#define SS_W		BIT64(1)
#define SS_X		BIT64(2)
#define SS_EMT		GENMASK64(5, 3)
#define SS_IPAT		BIT64(6)
#define SS_PS		BIT64(7)
#define SS_SNP		BIT64(11)
#define SS_TM		BIT64(62)
#define SS_ADDR		GENMASK64(51, 12)

/* pt->priv[0]: address bits above the host address width. */
#define SS_OA_RSVD(pt)	((pt)->priv[0])
IOMMUFMT__PGTABLE_PRIV_FITS("vtd-ss", 1);

static inline void rx_decode(const struct iommufmt_pgtable *pt, uint64_t pte, unsigned int level,
			     uint32_t access, struct rx_ent *e)
{
	const uint32_t flags = pt->cfg.flags;
	uint32_t perm = 0;
	int leaf;

	if (!(pte & (SS_R | SS_W))) {
		e->kind = RX_HOLE;
		return;
	}
	if (pte & SS_R)
		perm |= IOMMUFMT_ACCESS_READ;
	if (pte & SS_W)
		perm |= IOMMUFMT_ACCESS_WRITE;
	if ((pte & SS_R) && (!(flags & IOMMUFMT_PGTABLE_F_EXEC) || (pte & SS_X)))
		perm |= IOMMUFMT_ACCESS_EXEC;
	e->perm = perm;
	e->kind = RX_FAULT;
	if (access & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC) & ~perm) {
		e->fault = IOMMUFMT_FAULT_PERMISSION;
		return;
	}
	e->fault = IOMMUFMT_FAULT_RESERVED_BIT;
	leaf = level == 1 || ((level == 2 || level == 3) && (pte & SS_PS));
	if (level >= 4 && (pte & SS_PS))
		return;
	if (level == 3 && (pte & SS_PS) && !(flags & IOMMUFMT_PGTABLE_F_1G))
		return;
	if (!leaf && (pte & (SS_SNP | SS_TM)))
		return;
	if (leaf && level > 1) {
		const unsigned int lg2 = level == 2 ? 21 : 30;

		if (pte & GENMASK64(lg2 - 1, 12))
			return;
	}
	if (pte & SS_OA_RSVD(pt)) {
		e->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
		return;
	}
	if (leaf) {
		e->kind = RX_LEAF;
		e->next = 12 + 9 * (level - 1);
		e->addr = pte & SS_ADDR;
		e->group_log2 = 0;
		e->attrs = pte & (SS_EMT | SS_IPAT | SS_SNP | SS_TM);
		return;
	}
	e->kind = RX_TABLE;
	e->addr = pte & SS_ADDR;
	e->next = level - 1;
}

static inline uint64_t rx_make_table(const struct iommufmt_pgtable *pt, unsigned int level,
				     uint64_t child, unsigned int child_level)
{
	(void)level;
	(void)child_level;
	return SS_R | SS_W | (pt->cfg.flags & IOMMUFMT_PGTABLE_F_EXEC ? SS_X : 0) | child;
}

static inline int rx_make_leaf(const struct iommufmt_pgtable *pt, unsigned int level, uint64_t pa,
			       unsigned int size_log2, uint32_t prot, uint64_t *pte,
			       struct iommufmt_diag *diag)
{
	uint64_t v = pa;

	(void)size_log2;
	if (!(prot & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "prot",
					 IOMMUFMT__DV_VALUE, prot, 0, 0,
					 "a VT-d second-stage entry without R or W is not present");
	if (prot & IOMMUFMT_ACCESS_READ)
		v |= SS_R;
	if (prot & IOMMUFMT_ACCESS_WRITE)
		v |= SS_W;
	if ((prot & IOMMUFMT_ACCESS_EXEC) && (pt->cfg.flags & IOMMUFMT_PGTABLE_F_EXEC))
		v |= SS_X;
	if (level > 1)
		v |= SS_PS;
	*pte = v;
	return 0;
}

static int ss_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_cfg *c = &pt->cfg;
	uint32_t levels = c->levels, ias;
	int r;

	r = rx_prepare_fields(pt, "VT-d second-stage tables", "", IOMMUFMT_PGTABLE_F_AD |
			      IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_1G, diag);
	if (r)
		return r;
	if (!levels)
		levels = !c->ias ? 4 : c->ias <= 39 ? 3 : c->ias <= 48 ? 4 : 5;
	if (levels < 3 || levels > 5)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "levels",
					 IOMMUFMT__DV_VALUE, levels, 0, 0,
					 "VT-d second-stage tables have 3, 4 or 5 levels, not %u",
					 levels);
	ias = c->ias ? c->ias : 12 + 9 * levels;
	/* the address width may be narrower than the levels cover (MGAW), not wider */
	if (ias > 12 + 9 * levels || ias <= 12 + 9 * (levels - 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ias,
					 12 + 9 * levels, 0,
					 "%u levels translate %u to %u input bits, not %u", levels,
					 12 + 9 * (levels - 1) + 1, 12 + 9 * levels, ias);
	return rx_prepare_finish(pt, levels, ias, (UINT64_C(1) << 12) | (UINT64_C(1) << 21) |
				 (c->flags & IOMMUFMT_PGTABLE_F_1G ? UINT64_C(1) << 30 : 0),
				 (UINT64_C(1) << ias) - 1, "host address width", diag);
}

RX_DEFINE_FORMAT(iommufmt__pgtable_vtd_ss, IOMMUFMT_PGTABLE_VTD_SS, "vtd-ss",
		 "VT-d second-stage tables, 3/4/5 levels", ss_prepare);
