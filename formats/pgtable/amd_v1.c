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
 */

#define RX_BE		0
#define RX_MAXLEV	6
#define RX_ZERO_IS_HOLE	1
#define RX_TOPS(X)	X(1) X(2) X(3) X(4) X(5) X(6)
#define RX_HW_BITS	(BIT64(5) | BIT64(6))
#include "lib/pgtable_radix.h"

#define AMD_PR		BIT64(0)
#define AMD_D		BIT64(6)
#define AMD_RSVD	GENMASK64(58, 52)
#define AMD_U		BIT64(59)
#define AMD_FC		BIT64(60)
#define AMD_IR		BIT64(61)
#define AMD_IW		BIT64(62)
#define AMD_ADDR	GENMASK64(51, 12)
#define AMD_NL(pte)	((unsigned int)(((pte) >> 9) & 7))

/* pt->priv[0]: address bits above the output size. */
#define AMD_OA_RSVD(pt)	((pt)->priv[0])

static inline unsigned int rx_shift(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	return 12 + 9 * (level - 1);
}

static inline unsigned int rx_bits(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	return level == 6 ? 7 : 9;
}

static inline uint64_t rx_table_bytes(const struct iommufmt_pgtable *pt, unsigned int level)
{
	(void)pt;
	(void)level;
	return 4096;
}

static inline uint32_t rx_input_fault(const struct iommufmt_pgtable *pt, uint64_t iova)
{
	return iova > pt->ias_mask ? IOMMUFMT_FAULT_ADDR_SIZE_INPUT : 0;
}

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

static inline uint32_t rx_access_fault(const struct iommufmt_pgtable *pt, uint32_t perm,
				       uint32_t access)
{
	(void)pt;
	return access & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC) & ~perm ?
	       IOMMUFMT_FAULT_PERMISSION : 0;
}

static inline uint32_t rx_final_perm(const struct iommufmt_pgtable *pt, uint32_t perm)
{
	(void)pt;
	return perm & (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC);
}

static inline int rx_linear(const struct iommufmt_pgtable *pt, uint64_t *start, uint64_t *last)
{
	if (*start > pt->ias_mask)
		return 0;
	if (*last > pt->ias_mask)
		*last = pt->ias_mask;
	return 1;
}

static inline uint64_t rx_to_va(const struct iommufmt_pgtable *pt, uint64_t lin)
{
	(void)pt;
	return lin;
}

static inline uint64_t rx_dirty_bit(const struct iommufmt_pgtable *pt)
{
	return pt->cfg.flags & IOMMUFMT_PGTABLE_F_AD ? AMD_D : 0;
}

static inline int rx_leaf_level(const struct iommufmt_pgtable *pt, uint64_t size,
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
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "prot",
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
	struct iommufmt_pgtable_cfg *c = &pt->cfg;
	uint32_t levels = c->levels, ias, oas = c->oas ? c->oas : 52, top_leaf;

	if (c->granule || c->sl0 || c->top)
		return iommufmt__diag(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED,
				      c->granule ? "granule" : c->sl0 ? "sl0" : "top",
				      "AMD v1 tables have no %s", c->granule ? "granule" :
				      c->sl0 ? "sl0" : "top");
	if (c->flags & ~IOMMUFMT_PGTABLE_F_AD)
		return iommufmt__diag_ex(diag, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->flags,
					 IOMMUFMT_PGTABLE_F_AD, 0,
					 "flags 0x%x do not apply to AMD v1 tables (only A/D)",
					 c->flags & ~IOMMUFMT_PGTABLE_F_AD);
	if (!levels)
		levels = !c->ias ? 3 : c->ias >= 64 ? 6 : (c->ias - 12 + 8) / 9;
	if (levels < 1 || levels > 6)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "levels",
					 IOMMUFMT__DV_VALUE, levels, 0, 0,
					 "AMD v1 tables have 1 to 6 levels, not %u", levels);
	ias = levels == 6 ? 64 : 12 + 9 * levels;
	if (c->ias && c->ias != ias)
		return iommufmt__diag_ex(diag, -EINVAL, IOMMUFMT_DIAG_PGTABLE_CFG, "ias",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, c->ias, ias, 0,
					 "%u-level AMD v1 tables translate %u input bits, not %u",
					 levels, ias, c->ias);
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
	c->ias = ias;
	c->oas = oas;
	/*
	 * Every power of two from 4 KiB up to below the first level that holds
	 * no pages (level 6, or the level above the root), at most 2^51; like
	 * Linux, no 512 GiB pages (a hardware erratum).
	 */
	top_leaf = 12 + 9 * (levels < 5 ? levels : 5) - 1;
	if (top_leaf > 51)
		top_leaf = 51;
	pt->pgsize_bitmap = GENMASK64(top_leaf, 12) & ~(UINT64_C(1) << 39);
	pt->ias_mask = ias == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ias) - 1;
	pt->oas_mask = (UINT64_C(1) << oas) - 1;
	pt->start_level = levels;
	pt->nr_levels = levels;
	pt->priv[0] = oas < 52 ? GENMASK64(51, oas) : 0;
	return 0;
}

static const struct iommufmt_pgtable_walk_ops amd_walk = {
	.ops_size = sizeof(struct iommufmt_pgtable_walk_ops),
	.prepare = amd_prepare,
	.root_size = rx_root_size,
	.translate = rx_translate,
	.translate_batch = rx_translate_batch,
	.walk_range = rx_walk_range,
	.dirty = rx_dirty,
	.map_page = rx_map_page,
	.unmap_page = rx_unmap_page,
};

const struct iommufmt_pgtable_ops iommufmt__pgtable_amd_v1 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_AMD_V1,
	.name = "amd-v1",
	.description = "AMD-Vi host (v1) tables, 1-6 levels with level skipping",
	.walk = &amd_walk,
};
