/* SPDX-License-Identifier: MIT */
/* X-macro list of every argsz-versioned top-level struct in abi.h: ABI_STRUCT(name, VER0 size). */
/* Each area appends its structs; test-copy sweeps argsz over all of them. */
ABI_STRUCT(iommufmt_hdr, IOMMUFMT_HDR_SIZE_VER0)
ABI_STRUCT(iommufmt_hw_info, IOMMUFMT_HW_INFO_SIZE_VER0)
ABI_STRUCT(iommufmt_diag, IOMMUFMT_DIAG_SIZE_VER0)
ABI_STRUCT(iommufmt_pgtable_cfg, IOMMUFMT_PGTABLE_CFG_SIZE_VER0)
/* ABI-STRUCTS: page tables */
/* ABI-STRUCTS: binding and negotiation */
ABI_STRUCT(iommufmt_hw_regs, IOMMUFMT_HW_REGS_SIZE_VER0)
ABI_STRUCT(iommufmt_bind_pasid_table, IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0)
ABI_STRUCT(iommufmt_bind_pgtable, IOMMUFMT_BIND_PGTABLE_SIZE_VER0)
ABI_STRUCT(iommufmt_unbind, IOMMUFMT_UNBIND_SIZE_VER0)
ABI_STRUCT(iommufmt_iommufd_hwpt, IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0)
ABI_STRUCT(iommufmt_viommu_config, IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0)
/* ABI-STRUCTS: invalidation */
ABI_STRUCT(iommufmt_inv_entry, IOMMUFMT_INV_ENTRY_SIZE_VER0)
ABI_STRUCT(iommufmt_inv_cfg, IOMMUFMT_INV_CFG_SIZE_VER0)
ABI_STRUCT(iommufmt_inv_batch, IOMMUFMT_INV_BATCH_SIZE_VER0)
ABI_STRUCT(iommufmt_inv_queue, IOMMUFMT_INV_QUEUE_SIZE_VER0)
/* ABI-STRUCTS: IOVA space */
ABI_STRUCT(iommufmt_iova_map_check, IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0)
ABI_STRUCT(iommufmt_iova_ranges, IOMMUFMT_IOVA_RANGES_SIZE_VER0)
/* ABI-STRUCTS: faults and page requests */
ABI_STRUCT(iommufmt_fault, IOMMUFMT_FAULT_SIZE_VER0)
