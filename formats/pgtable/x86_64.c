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
#include "lib/pgtable_radix.h"

#define X86_P		BIT64(0)
#define X86_RW		BIT64(1)
#define X86_US		BIT64(2)
#define X86_PWT		BIT64(3)
#define X86_PCD		BIT64(4)
#define X86_D		BIT64(6)
#define X86_PS		BIT64(7)
#define X86_G		BIT64(8)
#define X86_PAT_LARGE	BIT64(12)
#define X86_XD		BIT64(63)
#define X86_ADDR	GENMASK64(51, 12)

/* pt->priv: [0] address bits above the output size; [1] input bits (48 or 57). */
#define X86_OA_RSVD(pt)	((pt)->priv[0])
#define X86_IAS(pt)	((unsigned int)(pt)->priv[1])

static inline unsigned int rx_shift(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	return 12 + 9 * (level - 1);
}

static inline unsigned int rx_bits(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	(void)level;
	return 9;
}

static inline uint64_t rx_table_bytes(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	(void)level;
	return 4096;
}

static inline uint32_t rx_input_fault(const struct iommufmt_pgtable *pt, uint64_t iova)
{
	unsigned int sh = 64 - X86_IAS(pt);

	return (uint64_t)((int64_t)(iova << sh) >> sh) != iova ? IOMMUFMT_FAULT_NON_CANONICAL : 0;
}

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

/* Canonical addresses: the lower half, then the upper half, in table order. */
static inline int rx_linear(const struct iommufmt_pgtable *pt, uint64_t *start, uint64_t *last)
{
	const unsigned int ias = X86_IAS(pt);
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

static inline uint64_t rx_to_va(const struct iommufmt_pgtable *pt, uint64_t lin)
{
	unsigned int sh = 64 - X86_IAS(pt);

	return (uint64_t)((int64_t)(lin << sh) >> sh);
}

static inline uint64_t rx_dirty_bit(const struct iommufmt_pgtable *pt)
{
	return pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD ? X86_D : 0;
}

static inline int rx_leaf_level(const struct iommufmt_pgtable *pt, uint64_t size,
				unsigned int *level, unsigned int *group_log2)
{
	*group_log2 = 0;
	if (size == (UINT64_C(1) << 12))
		*level = 1;
	else if (size == (UINT64_C(1) << 21))
		*level = 2;
	else if (size == (UINT64_C(1) << 30) && (pt->cfg.flags & IOMMUFMT_PGTABLE_F_1G))
		*level = 3;
	else
		return -EINVAL;
	return 0;
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
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "prot",
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
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	const uint32_t ok_flags = IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_EXEC |
				  IOMMUFMT_PGTABLE_F_1G;
	uint32_t levels = c->levels, oas = c->oas ? c->oas : 52;

	if (c->granule || c->sl0 || c->top)
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED,
				      c->granule ? "granule" : c->sl0 ? "sl0" : "top",
				      "x86-64 tables have no %s", c->granule ? "granule" :
				      c->sl0 ? "sl0" : "top");
	if (c->flags & ~ok_flags)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags, ok_flags,
					 0, "flags 0x%x do not apply to x86-64 tables",
					 c->flags & ~ok_flags);
	if (!levels)
		levels = c->ias == 57 ? 5 : 4;
	if (levels != 4 && levels != 5)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "levels",
					 IOMMUFMT__DV_VALUE, levels, 0, 0,
					 "x86-64 tables have 4 or 5 levels, not %u", levels);
	if (c->ias && c->ias != 12 + 9 * levels)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->ias,
					 12 + 9 * levels, 0,
					 "%u-level x86-64 tables translate %u input bits, not %u",
					 levels, 12 + 9 * levels, c->ias);
	if (oas < 32 || oas > 52)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "oas",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, oas, 52, 0,
					 "output size %u is outside 32..52 bits", oas);
	if ((c->root & 0xfff) || (c->root >> oas))
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_ROOT, "root",
					 IOMMUFMT__DV_VALUE, c->root, 0, 0,
					 "root 0x%llx is not 4 KiB aligned below 2^%u",
					 (unsigned long long)c->root, oas);
	c->levels = levels;
	c->ias = 12 + 9 * levels;
	c->oas = oas;
	pt->pgsize_bitmap = (UINT64_C(1) << 12) | (UINT64_C(1) << 21) |
			    (c->flags & IOMMUFMT_PGTABLE_F_1G ? UINT64_C(1) << 30 : 0);
	pt->ias_mask = ~UINT64_C(0);	/* canonical: both halves; the walker checks */
	pt->oas_mask = (UINT64_C(1) << oas) - 1;
	pt->start_level = levels;
	pt->nr_levels = levels;
	pt->priv[0] = oas < 52 ? GENMASK64(51, oas) : 0;
	pt->priv[1] = c->ias;
	return 0;
}

static const struct iommufmt_pgtable_walk_ops x86_walk = {
	.ops_size = sizeof(struct iommufmt_pgtable_walk_ops),
	.prepare = x86_prepare,
	.root_size = rx_root_size,
	.translate = rx_translate,
	.translate_batch = rx_translate_batch,
	.walk_range = rx_walk_range,
	.dirty = rx_dirty,
	.map_page = rx_map_page,
	.unmap_page = rx_unmap_page,
};

const struct iommufmt_pgtable_ops iommufmt__pgtable_x86_64 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_X86_64,
	.name = "x86-64",
	.description = "x86-64 4/5-level paging (VT-d first stage, AMD v2)",
	.walk = &x86_walk,
};
