/* SPDX-License-Identifier: MIT */
/* x86-64 4/5-level paging (VT-d first stage, AMD v2) */
#include "formats/formats.h"

/*
 * Layout (Linux arch/x86 _PAGE_BIT_*, QEMU VT-d first-stage walker): P 0,
 * R/W 1, U/S 2, PWT 3, PCD 4, A 5, D 6, PS 7 (PAT in a 4 KiB PTE), G 8,
 * PAT 12 in 2 MiB / 1 GiB leaves, address 51:12, 62:52 ignored, XD 63 when
 * execute control is on (ignored otherwise, as QEMU's VTD_FS_UPPER_IGNORED).
 * Reserved: PS in PML4E/PML5E, bits 20:13 of a 2 MiB leaf, 29:13 of a 1 GiB
 * leaf, PS in a PDPE without 1 GiB pages, address bits at and above the
 * output size. R/W and U/S are AND-ed over the levels; a request without
 * IOMMUFMT_ACCESS_PRIV is a user request and needs U/S at every level.
 * Writes always need R/W (supervisor write protection on, as VT-d WPE=1).
 */

#define RX_BE		0
#define RX_MAXLEV	5
#define RX_ZERO_IS_HOLE	1
#define RX_TOPS(X)	X(4) X(5)
#define RX_DIRTY_BIT	BIT64(6)
#define RX_CANONICAL	1
#define RX_OWN_PERM	1
#include "lib/pgtable_radix.h"

#define X86_P		BIT64(0)
#define X86_RW		BIT64(1)
#define X86_US		BIT64(2)
#define X86_PWT		BIT64(3)
#define X86_PCD		BIT64(4)
#define X86_PS		BIT64(7)
#define X86_G		BIT64(8)
#define X86_PAT_LARGE	BIT64(12)
#define X86_XD		BIT64(63)
#define X86_ADDR	GENMASK64(51, 12)

/* pt->priv[0]: address bits above the output size. */
#define X86_OA_RSVD(pt)	((pt)->priv[0])
IOMMUFMT__PGTABLE_PRIV_FITS("x86-64", 1);

static inline void rx_decode(const struct iommufmt_pgtable *pt, uint64_t pte, unsigned int level,
			     uint32_t access, struct rx_ent *e)
{
	const uint32_t flags = pt->cfg.flags;
	uint32_t perm = IOMMUFMT_ACCESS_READ;

	(void)access;
	if (!(pte & X86_P)) {
		e->kind = RX_HOLE;
		return;
	}
	if (pte & X86_RW)
		perm |= IOMMUFMT_ACCESS_WRITE;
	if (pte & X86_US)
		perm |= IOMMUFMT_ACCESS_USER;
	if (!(flags & IOMMUFMT_PGTABLE_F_EXEC) || !(pte & X86_XD))
		perm |= IOMMUFMT_ACCESS_EXEC;
	e->perm = perm;
	e->kind = RX_FAULT;
	e->fault = IOMMUFMT_FAULT_RESERVED_BIT;
	if (level == 1 || ((level == 2 || level == 3) && (pte & X86_PS))) {
		const unsigned int lg2 = level == 1 ? 12 : level == 2 ? 21 : 30;

		if (level == 3 && !(flags & IOMMUFMT_PGTABLE_F_1G))
			return;
		if (level > 1 && (pte & GENMASK64(lg2 - 1, 13)))
			return;
		if (pte & X86_OA_RSVD(pt)) {
			e->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
			return;
		}
		e->kind = RX_LEAF;
		e->addr = pte & X86_ADDR & ~(rx_pow2(lg2) - 1);
		e->next = lg2;
		e->group_log2 = 0;
		e->attrs = pte & (X86_PWT | X86_PCD | X86_G | (level == 1 ? X86_PS : X86_PAT_LARGE));
		return;
	}
	if (level >= 4 && (pte & X86_PS))
		return;
	if (pte & X86_OA_RSVD(pt)) {
		e->fault = IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
		return;
	}
	e->kind = RX_TABLE;
	e->addr = pte & X86_ADDR;
	e->next = level - 1;
}

static inline uint32_t rx_access_fault(const struct iommufmt_pgtable *pt, uint32_t perm,
				       uint32_t access)
{
	(void)pt;
	if (!(access & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC)))
		return 0;
	if ((access & IOMMUFMT_ACCESS_WRITE) && !(perm & IOMMUFMT_ACCESS_WRITE))
		return IOMMUFMT_FAULT_PERMISSION;
	if ((access & IOMMUFMT_ACCESS_EXEC) && !(perm & IOMMUFMT_ACCESS_EXEC))
		return IOMMUFMT_FAULT_PERMISSION;
	if (!(access & IOMMUFMT_ACCESS_PRIV) && !(perm & IOMMUFMT_ACCESS_USER))
		return IOMMUFMT_FAULT_PERMISSION;
	return 0;
}

static inline uint32_t rx_final_perm(const struct iommufmt_pgtable *pt, uint32_t perm)
{
	(void)pt;
	perm &= IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC |
		IOMMUFMT_ACCESS_USER;
	return perm & IOMMUFMT_ACCESS_USER ? perm : perm | IOMMUFMT_ACCESS_PRIV;
}

static inline uint64_t rx_make_table(const struct iommufmt_pgtable *pt, unsigned int level,
				     uint64_t child, unsigned int child_level)
{
	(void)pt;
	(void)level;
	(void)child_level;
	/* permissions are decided by the leaf */
	return X86_P | X86_RW | X86_US | child;
}

static inline int rx_make_leaf(const struct iommufmt_pgtable *pt, unsigned int level, uint64_t pa,
			       unsigned int size_log2, uint32_t prot, uint64_t *pte,
			       struct iommufmt_diag *diag)
{
	uint64_t v = X86_P | pa;

	(void)size_log2;
	if (!(prot & IOMMUFMT_ACCESS_READ))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "prot",
					 IOMMUFMT__DV_VALUE, prot, 0, 0,
					 "x86-64 pages are always readable: prot needs READ");
	if (prot & IOMMUFMT_ACCESS_WRITE)
		v |= X86_RW;
	if (prot & IOMMUFMT_ACCESS_USER)
		v |= X86_US;
	if ((pt->cfg.flags & IOMMUFMT_PGTABLE_F_EXEC) && !(prot & IOMMUFMT_ACCESS_EXEC))
		v |= X86_XD;
	if (level > 1)
		v |= X86_PS;
	*pte = v;
	return 0;
}

static int x86_prepare(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag)
{
	const struct iommufmt_pgtable_cfg *c = &pt->cfg;
	uint32_t levels = c->levels;
	int r;

	r = rx_prepare_fields(pt, "x86-64 tables", "", IOMMUFMT_PGTABLE_F_AD |
			      IOMMUFMT_PGTABLE_F_EXEC | IOMMUFMT_PGTABLE_F_1G, diag);
	if (r)
		return r;
	if (!levels)
		levels = c->ias == 57 ? 5 : 4;
	if (levels != 4 && levels != 5)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "levels",
					 IOMMUFMT__DV_VALUE, levels, 0, 0,
					 "x86-64 tables have 4 or 5 levels, not %u", levels);
	if (c->ias && c->ias != 12 + 9 * levels)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->ias,
					 12 + 9 * levels, 0,
					 "%u-level x86-64 tables translate %u input bits, not %u",
					 levels, 12 + 9 * levels, c->ias);
	/* canonical addresses: ias_mask covers both halves, the walker checks */
	return rx_prepare_finish(pt, levels, 12 + 9 * levels, (UINT64_C(1) << 12) |
				 (UINT64_C(1) << 21) |
				 (c->flags & IOMMUFMT_PGTABLE_F_1G ? UINT64_C(1) << 30 : 0),
				 ~UINT64_C(0), "output size", diag);
}

RX_DEFINE_FORMAT(iommufmt__pgtable_x86_64, IOMMUFMT_PGTABLE_X86_64, "x86-64",
		 "x86-64 4/5-level paging (VT-d first stage, AMD v2)", x86_prepare);
