/* SPDX-License-Identifier: MIT */
/* Compile-time layout of every abi.h struct and the pointer-holding API structs, identical on every ABI. */
/* Compiled natively (test-layout) and for i386, x86_64, armv7 and s390x (check-headers.sh). */
#include <stddef.h>
#include <iommufmt/abi.h>
#include <iommufmt/iommufmt.h>

#define LAYOUT_SIZE(s, n)	_Static_assert(sizeof(struct s) == (n), "sizeof " #s)
#define LAYOUT_OFF(s, f, n)	_Static_assert(offsetof(struct s, f) == (n), #s "." #f)
#define LAYOUT_ALIGN(s, n)	_Static_assert(_Alignof(struct s) == (n), "alignof " #s)

LAYOUT_SIZE(iommufmt_hdr, 8);
LAYOUT_OFF(iommufmt_hdr, argsz, 0);
LAYOUT_OFF(iommufmt_hdr, flags, 4);

LAYOUT_SIZE(iommufmt_cap_header, 8);
LAYOUT_OFF(iommufmt_cap_header, id, 0);
LAYOUT_OFF(iommufmt_cap_header, version, 2);
LAYOUT_OFF(iommufmt_cap_header, next, 4);

LAYOUT_SIZE(iommufmt_iova_range, 16);
LAYOUT_ALIGN(iommufmt_iova_range, 8);
LAYOUT_OFF(iommufmt_iova_range, start, 0);
LAYOUT_OFF(iommufmt_iova_range, last, 8);

LAYOUT_SIZE(iommufmt_cap_iova_ranges, 16);
LAYOUT_OFF(iommufmt_cap_iova_ranges, nr_iovas, 8);
LAYOUT_OFF(iommufmt_cap_iova_ranges, __reserved, 12);

LAYOUT_SIZE(iommufmt_resv_region, 24);
LAYOUT_ALIGN(iommufmt_resv_region, 8);
LAYOUT_OFF(iommufmt_resv_region, start, 0);
LAYOUT_OFF(iommufmt_resv_region, last, 8);
LAYOUT_OFF(iommufmt_resv_region, type, 16);
LAYOUT_OFF(iommufmt_resv_region, flags, 20);

LAYOUT_SIZE(iommufmt_cap_resv_regions, 16);
LAYOUT_OFF(iommufmt_cap_resv_regions, nr_regions, 8);
LAYOUT_OFF(iommufmt_cap_resv_regions, __reserved, 12);

LAYOUT_SIZE(iommufmt_hw_info, 24);
LAYOUT_SIZE(iommufmt_hw_info, IOMMUFMT_HW_INFO_SIZE_VER0);
LAYOUT_OFF(iommufmt_hw_info, argsz, 0);
LAYOUT_OFF(iommufmt_hw_info, flags, 4);
LAYOUT_OFF(iommufmt_hw_info, model, 8);
LAYOUT_OFF(iommufmt_hw_info, variant, 12);
LAYOUT_OFF(iommufmt_hw_info, cap_offset, 16);
LAYOUT_OFF(iommufmt_hw_info, __reserved, 20);

LAYOUT_SIZE(iommufmt_diag, 200);
LAYOUT_SIZE(iommufmt_diag, IOMMUFMT_DIAG_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_diag, 8);
LAYOUT_OFF(iommufmt_diag, code, 8);
LAYOUT_OFF(iommufmt_diag, error, 12);
LAYOUT_OFF(iommufmt_diag, value, 16);
LAYOUT_OFF(iommufmt_diag, limit, 24);
LAYOUT_OFF(iommufmt_diag, index, 32);
LAYOUT_OFF(iommufmt_diag, __reserved, 36);
LAYOUT_OFF(iommufmt_diag, field, 40);
LAYOUT_OFF(iommufmt_diag, text, 72);

_Static_assert(IOMMUFMT_MODEL_INTEL == 0x4c544e49u, "INTL fourcc");
_Static_assert(IOMMUFMT_MODEL_AMD == 0x56444d41u, "AMDV fourcc");
_Static_assert(IOMMUFMT_MODEL_SMMU == 0x554d4d53u, "SMMU fourcc");
_Static_assert(IOMMUFMT_MODEL_S390 == 0x30393353u, "S390 fourcc");

LAYOUT_SIZE(iommufmt_pgtable_cfg, 48);
LAYOUT_SIZE(iommufmt_pgtable_cfg, IOMMUFMT_PGTABLE_CFG_SIZE_VER0);
LAYOUT_OFF(iommufmt_pgtable_cfg, format, 8);
LAYOUT_OFF(iommufmt_pgtable_cfg, levels, 12);
LAYOUT_OFF(iommufmt_pgtable_cfg, root, 16);
LAYOUT_OFF(iommufmt_pgtable_cfg, ias, 24);
LAYOUT_OFF(iommufmt_pgtable_cfg, oas, 28);
LAYOUT_OFF(iommufmt_pgtable_cfg, granule, 32);
LAYOUT_OFF(iommufmt_pgtable_cfg, sl0, 36);
LAYOUT_OFF(iommufmt_pgtable_cfg, top, 40);
LAYOUT_OFF(iommufmt_pgtable_cfg, __reserved, 44);
/* LAYOUT: page tables */
/* LAYOUT: binding and negotiation */
LAYOUT_SIZE(iommufmt_cap_pgtable_format, IOMMUFMT_CAP_PGTABLE_FORMAT_SIZE_V1);
LAYOUT_SIZE(iommufmt_cap_pgtable_format, 32);
LAYOUT_ALIGN(iommufmt_cap_pgtable_format, 8);
LAYOUT_OFF(iommufmt_cap_pgtable_format, format, 8);
LAYOUT_OFF(iommufmt_cap_pgtable_format, flags, 12);
LAYOUT_OFF(iommufmt_cap_pgtable_format, pgsize_bitmap, 16);
LAYOUT_OFF(iommufmt_cap_pgtable_format, granules, 24);
LAYOUT_OFF(iommufmt_cap_pgtable_format, ias, 28);
LAYOUT_OFF(iommufmt_cap_pgtable_format, oas, 29);
LAYOUT_OFF(iommufmt_cap_pgtable_format, min_levels, 30);
LAYOUT_OFF(iommufmt_cap_pgtable_format, max_levels, 31);
LAYOUT_SIZE(iommufmt_cap_pasid, IOMMUFMT_CAP_PASID_SIZE_V1);
LAYOUT_SIZE(iommufmt_cap_pasid, 24);
LAYOUT_OFF(iommufmt_cap_pasid, flags, 8);
LAYOUT_OFF(iommufmt_cap_pasid, table_formats, 12);
LAYOUT_OFF(iommufmt_cap_pasid, pasid_bits, 16);
LAYOUT_OFF(iommufmt_cap_pasid, __reserved, 17);
LAYOUT_SIZE(iommufmt_cap_nesting, IOMMUFMT_CAP_NESTING_SIZE_V1);
LAYOUT_SIZE(iommufmt_cap_nesting, 24);
LAYOUT_OFF(iommufmt_cap_nesting, flags, 8);
LAYOUT_OFF(iommufmt_cap_nesting, stage1_formats, 12);
LAYOUT_OFF(iommufmt_cap_nesting, stage2_formats, 16);
LAYOUT_OFF(iommufmt_cap_nesting, gpa_bits, 20);
LAYOUT_OFF(iommufmt_cap_nesting, __reserved, 21);
LAYOUT_SIZE(iommufmt_cap_invalidation, IOMMUFMT_CAP_INVALIDATION_SIZE_V1);
LAYOUT_SIZE(iommufmt_cap_invalidation, 16);
LAYOUT_OFF(iommufmt_cap_invalidation, flags, 8);
LAYOUT_OFF(iommufmt_cap_invalidation, max_range_log2, 12);
LAYOUT_OFF(iommufmt_cap_invalidation, asid_bits, 13);
LAYOUT_OFF(iommufmt_cap_invalidation, __reserved, 14);
LAYOUT_SIZE(iommufmt_cap_fault, IOMMUFMT_CAP_FAULT_SIZE_V1);
LAYOUT_SIZE(iommufmt_cap_fault, 16);
LAYOUT_OFF(iommufmt_cap_fault, flags, 8);
LAYOUT_OFF(iommufmt_cap_fault, stall_max, 12);
LAYOUT_OFF(iommufmt_cap_fault, __reserved, 14);

/* Raw registers: the kernel's IOMMU_GET_HW_INFO payload layouts (include/uapi/linux/iommufd.h). */
LAYOUT_SIZE(iommufmt_hw_info_vtd, 24);
LAYOUT_OFF(iommufmt_hw_info_vtd, flags, 0);
LAYOUT_OFF(iommufmt_hw_info_vtd, __reserved, 4);
LAYOUT_OFF(iommufmt_hw_info_vtd, cap_reg, 8);
LAYOUT_OFF(iommufmt_hw_info_vtd, ecap_reg, 16);
LAYOUT_SIZE(iommufmt_hw_info_arm_smmuv3, 40);
LAYOUT_OFF(iommufmt_hw_info_arm_smmuv3, flags, 0);
LAYOUT_OFF(iommufmt_hw_info_arm_smmuv3, __reserved, 4);
LAYOUT_OFF(iommufmt_hw_info_arm_smmuv3, idr, 8);
LAYOUT_OFF(iommufmt_hw_info_arm_smmuv3, iidr, 32);
LAYOUT_OFF(iommufmt_hw_info_arm_smmuv3, aidr, 36);
LAYOUT_SIZE(iommufmt_hw_info_amd, 16);
LAYOUT_OFF(iommufmt_hw_info_amd, efr, 0);
LAYOUT_OFF(iommufmt_hw_info_amd, efr2, 8);
LAYOUT_SIZE(iommufmt_hw_info_s390, 24);
LAYOUT_OFF(iommufmt_hw_info_s390, flags, 0);
LAYOUT_OFF(iommufmt_hw_info_s390, dt_mask, 4);
LAYOUT_OFF(iommufmt_hw_info_s390, frame_mask, 5);
LAYOUT_OFF(iommufmt_hw_info_s390, __reserved, 6);
LAYOUT_OFF(iommufmt_hw_info_s390, start_dma, 8);
LAYOUT_OFF(iommufmt_hw_info_s390, end_dma, 16);
_Static_assert(IOMMUFMT_HW_INFO_TYPE_INTEL_VTD == 1, "iommufd IOMMU_HW_INFO_TYPE_INTEL_VTD");
_Static_assert(IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3 == 2, "iommufd IOMMU_HW_INFO_TYPE_ARM_SMMUV3");
_Static_assert(IOMMUFMT_HW_INFO_TYPE_AMD == 4, "iommufd IOMMU_HW_INFO_TYPE_AMD");
LAYOUT_SIZE(iommufmt_hw_regs, IOMMUFMT_HW_REGS_SIZE_VER0);
LAYOUT_SIZE(iommufmt_hw_regs, 48);
LAYOUT_OFF(iommufmt_hw_regs, model, 8);
LAYOUT_OFF(iommufmt_hw_regs, variant, 12);
LAYOUT_OFF(iommufmt_hw_regs, data_type, 16);
LAYOUT_OFF(iommufmt_hw_regs, data_len, 20);
LAYOUT_OFF(iommufmt_hw_regs, data_uptr, 24);
LAYOUT_OFF(iommufmt_hw_regs, max_pasid_log2, 32);
LAYOUT_OFF(iommufmt_hw_regs, __reserved, 36);
LAYOUT_OFF(iommufmt_hw_regs, capabilities, 40);

/* Native payloads. */
LAYOUT_SIZE(iommufmt_smmuv3_ste, 16);
LAYOUT_SIZE(iommufmt_smmuv3_cd, 64);
LAYOUT_SIZE(iommufmt_amd_dte, 32);
LAYOUT_SIZE(iommufmt_amd_gcr3, 8);
LAYOUT_SIZE(iommufmt_vtd_sm_context, 32);
LAYOUT_SIZE(iommufmt_vtd_pasid_entry, 64);
LAYOUT_SIZE(iommufmt_s390_fib_dma, 24);
LAYOUT_OFF(iommufmt_s390_fib_dma, pba, 0);
LAYOUT_OFF(iommufmt_s390_fib_dma, pal, 8);
LAYOUT_OFF(iommufmt_s390_fib_dma, iota, 16);

/* Bind requests. */
LAYOUT_SIZE(iommufmt_bind_pasid_table, IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0);
LAYOUT_SIZE(iommufmt_bind_pasid_table, 48);
LAYOUT_ALIGN(iommufmt_bind_pasid_table, 8);
LAYOUT_OFF(iommufmt_bind_pasid_table, model, 8);
LAYOUT_OFF(iommufmt_bind_pasid_table, variant, 12);
LAYOUT_OFF(iommufmt_bind_pasid_table, format, 16);
LAYOUT_OFF(iommufmt_bind_pasid_table, pasid_bits, 20);
LAYOUT_OFF(iommufmt_bind_pasid_table, config, 21);
LAYOUT_OFF(iommufmt_bind_pasid_table, __reserved, 22);
LAYOUT_OFF(iommufmt_bind_pasid_table, base, 24);
LAYOUT_OFF(iommufmt_bind_pasid_table, data_type, 32);
LAYOUT_OFF(iommufmt_bind_pasid_table, data_len, 36);
LAYOUT_OFF(iommufmt_bind_pasid_table, data_uptr, 40);
LAYOUT_SIZE(iommufmt_bind_pgtable, IOMMUFMT_BIND_PGTABLE_SIZE_VER0);
LAYOUT_SIZE(iommufmt_bind_pgtable, 56);
LAYOUT_ALIGN(iommufmt_bind_pgtable, 8);
LAYOUT_OFF(iommufmt_bind_pgtable, model, 8);
LAYOUT_OFF(iommufmt_bind_pgtable, variant, 12);
LAYOUT_OFF(iommufmt_bind_pgtable, pasid, 16);
LAYOUT_OFF(iommufmt_bind_pgtable, format, 20);
LAYOUT_OFF(iommufmt_bind_pgtable, root, 24);
LAYOUT_OFF(iommufmt_bind_pgtable, addr_width, 32);
LAYOUT_OFF(iommufmt_bind_pgtable, data_type, 36);
LAYOUT_OFF(iommufmt_bind_pgtable, data_len, 40);
LAYOUT_OFF(iommufmt_bind_pgtable, __reserved, 44);
LAYOUT_OFF(iommufmt_bind_pgtable, data_uptr, 48);
LAYOUT_SIZE(iommufmt_unbind, IOMMUFMT_UNBIND_SIZE_VER0);
LAYOUT_SIZE(iommufmt_unbind, 24);
LAYOUT_OFF(iommufmt_unbind, model, 8);
LAYOUT_OFF(iommufmt_unbind, variant, 12);
LAYOUT_OFF(iommufmt_unbind, pasid, 16);
LAYOUT_OFF(iommufmt_unbind, __reserved, 20);

/* iommufd IOMMU_HWPT_ALLOC payload mirrors: the kernel's layouts. */
LAYOUT_SIZE(iommufmt_iommufd_hwpt_vtd_s1, 24);
LAYOUT_OFF(iommufmt_iommufd_hwpt_vtd_s1, flags, 0);
LAYOUT_OFF(iommufmt_iommufd_hwpt_vtd_s1, pgtbl_addr, 8);
LAYOUT_OFF(iommufmt_iommufd_hwpt_vtd_s1, addr_width, 16);
LAYOUT_OFF(iommufmt_iommufd_hwpt_vtd_s1, __reserved, 20);
LAYOUT_SIZE(iommufmt_iommufd_hwpt_arm_smmuv3, 16);
LAYOUT_OFF(iommufmt_iommufd_hwpt_arm_smmuv3, ste, 0);
LAYOUT_SIZE(iommufmt_iommufd_hwpt_amd_guest, 32);
LAYOUT_OFF(iommufmt_iommufd_hwpt_amd_guest, dte, 0);
_Static_assert(IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1 == 1, "iommufd IOMMU_HWPT_DATA_VTD_S1");
_Static_assert(IOMMUFMT_IOMMUFD_HWPT_DATA_ARM_SMMUV3 == 2, "iommufd IOMMU_HWPT_DATA_ARM_SMMUV3");
_Static_assert(IOMMUFMT_IOMMUFD_HWPT_DATA_AMD_GUEST == 3, "iommufd IOMMU_HWPT_DATA_AMD_GUEST");
_Static_assert(IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID == 8, "iommufd IOMMU_HWPT_ALLOC_PASID");
LAYOUT_SIZE(iommufmt_iommufd_hwpt, IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0);
LAYOUT_SIZE(iommufmt_iommufd_hwpt, 88);
LAYOUT_ALIGN(iommufmt_iommufd_hwpt, 8);
LAYOUT_OFF(iommufmt_iommufd_hwpt, hwpt_flags, 8);
LAYOUT_OFF(iommufmt_iommufd_hwpt, data_type, 12);
LAYOUT_OFF(iommufmt_iommufd_hwpt, data_len, 16);
LAYOUT_OFF(iommufmt_iommufd_hwpt, pasid, 20);
LAYOUT_OFF(iommufmt_iommufd_hwpt, data, 24);

/* Negotiation. */
LAYOUT_SIZE(iommufmt_viommu_config, IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0);
LAYOUT_SIZE(iommufmt_viommu_config, 48);
LAYOUT_ALIGN(iommufmt_viommu_config, 8);
LAYOUT_OFF(iommufmt_viommu_config, model, 8);
LAYOUT_OFF(iommufmt_viommu_config, variant, 12);
LAYOUT_OFF(iommufmt_viommu_config, pgtable_formats, 16);
LAYOUT_OFF(iommufmt_viommu_config, pasid_table_formats, 20);
LAYOUT_OFF(iommufmt_viommu_config, pasid_bits, 24);
LAYOUT_OFF(iommufmt_viommu_config, ias, 25);
LAYOUT_OFF(iommufmt_viommu_config, oas, 26);
LAYOUT_OFF(iommufmt_viommu_config, asid_bits, 27);
LAYOUT_OFF(iommufmt_viommu_config, granules, 28);
LAYOUT_OFF(iommufmt_viommu_config, pgsize_bitmap, 32);
LAYOUT_OFF(iommufmt_viommu_config, inval_flags, 40);
LAYOUT_OFF(iommufmt_viommu_config, fault_flags, 44);
/* LAYOUT: invalidation */
LAYOUT_SIZE(iommufmt_inv_native, 40);
LAYOUT_ALIGN(iommufmt_inv_native, 8);
LAYOUT_OFF(iommufmt_inv_native, model, 0);
LAYOUT_OFF(iommufmt_inv_native, len, 4);
LAYOUT_OFF(iommufmt_inv_native, __reserved, 6);
LAYOUT_OFF(iommufmt_inv_native, desc, 8);
LAYOUT_SIZE(iommufmt_inv_entry, 112);
LAYOUT_SIZE(iommufmt_inv_entry, IOMMUFMT_INV_ENTRY_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_inv_entry, 8);
LAYOUT_OFF(iommufmt_inv_entry, argsz, 0);
LAYOUT_OFF(iommufmt_inv_entry, flags, 4);
LAYOUT_OFF(iommufmt_inv_entry, op, 8);
LAYOUT_OFF(iommufmt_inv_entry, granularity, 9);
LAYOUT_OFF(iommufmt_inv_entry, granule, 10);
LAYOUT_OFF(iommufmt_inv_entry, level_hint, 11);
LAYOUT_OFF(iommufmt_inv_entry, caches, 12);
LAYOUT_OFF(iommufmt_inv_entry, archid, 16);
LAYOUT_OFF(iommufmt_inv_entry, pasid, 20);
LAYOUT_OFF(iommufmt_inv_entry, sid, 24);
LAYOUT_OFF(iommufmt_inv_entry, sid_mask, 28);
LAYOUT_OFF(iommufmt_inv_entry, vmid, 32);
LAYOUT_OFF(iommufmt_inv_entry, tag, 36);
LAYOUT_OFF(iommufmt_inv_entry, addr, 40);
LAYOUT_OFF(iommufmt_inv_entry, nr_granules, 48);
LAYOUT_OFF(iommufmt_inv_entry, data, 56);
LAYOUT_OFF(iommufmt_inv_entry, code, 64);
LAYOUT_OFF(iommufmt_inv_entry, aux, 68);
LAYOUT_OFF(iommufmt_inv_entry, native, 72);
LAYOUT_SIZE(iommufmt_inv_cfg, 24);
LAYOUT_SIZE(iommufmt_inv_cfg, IOMMUFMT_INV_CFG_SIZE_VER0);
LAYOUT_OFF(iommufmt_inv_cfg, model, 8);
LAYOUT_OFF(iommufmt_inv_cfg, variant, 12);
LAYOUT_OFF(iommufmt_inv_cfg, max_am, 16);
LAYOUT_OFF(iommufmt_inv_cfg, pasid_bits, 17);
LAYOUT_OFF(iommufmt_inv_cfg, archid_bits, 18);
LAYOUT_OFF(iommufmt_inv_cfg, granule, 19);
LAYOUT_OFF(iommufmt_inv_cfg, __reserved, 20);
LAYOUT_SIZE(iommufmt_inv_batch, 24);
LAYOUT_SIZE(iommufmt_inv_batch, IOMMUFMT_INV_BATCH_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_inv_batch, 8);
LAYOUT_OFF(iommufmt_inv_batch, entry_len, 8);
LAYOUT_OFF(iommufmt_inv_batch, entry_num, 12);
LAYOUT_OFF(iommufmt_inv_batch, entries_uptr, 16);
LAYOUT_SIZE(iommufmt_inv_queue, 48);
LAYOUT_SIZE(iommufmt_inv_queue, IOMMUFMT_INV_QUEUE_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_inv_queue, 8);
LAYOUT_OFF(iommufmt_inv_queue, base, 8);
LAYOUT_OFF(iommufmt_inv_queue, size, 16);
LAYOUT_OFF(iommufmt_inv_queue, entry_size, 20);
LAYOUT_OFF(iommufmt_inv_queue, head, 24);
LAYOUT_OFF(iommufmt_inv_queue, tail, 28);
LAYOUT_OFF(iommufmt_inv_queue, err_index, 32);
LAYOUT_OFF(iommufmt_inv_queue, err_class, 36);
LAYOUT_OFF(iommufmt_inv_queue, native_err, 40);
LAYOUT_OFF(iommufmt_inv_queue, __reserved, 44);
/* kernel iommufd layouts (include/uapi/linux/iommufd.h) */
LAYOUT_SIZE(iommufmt_iommufd_vtd_s1_inv, 24);
LAYOUT_ALIGN(iommufmt_iommufd_vtd_s1_inv, 8);
LAYOUT_OFF(iommufmt_iommufd_vtd_s1_inv, addr, 0);
LAYOUT_OFF(iommufmt_iommufd_vtd_s1_inv, npages, 8);
LAYOUT_OFF(iommufmt_iommufd_vtd_s1_inv, flags, 16);
LAYOUT_OFF(iommufmt_iommufd_vtd_s1_inv, __reserved, 20);
LAYOUT_SIZE(iommufmt_iommufd_smmuv3_inv, 16);
LAYOUT_ALIGN(iommufmt_iommufd_smmuv3_inv, 8);
LAYOUT_OFF(iommufmt_iommufd_smmuv3_inv, cmd, 0);
LAYOUT_SIZE(iommufmt_iommufd_hwpt_invalidate, 32);
LAYOUT_ALIGN(iommufmt_iommufd_hwpt_invalidate, 8);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, size, 0);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, hwpt_id, 4);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, data_uptr, 8);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, data_type, 16);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, entry_len, 20);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, entry_num, 24);
LAYOUT_OFF(iommufmt_iommufd_hwpt_invalidate, __reserved, 28);
_Static_assert(IOMMUFMT_IOMMUFD_INV_DATA_VTD_S1 == 0, "IOMMU_HWPT_INVALIDATE_DATA_VTD_S1");
_Static_assert(IOMMUFMT_IOMMUFD_INV_DATA_ARM_SMMUV3 == 1, "IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3");
_Static_assert(IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF == 1, "IOMMU_VTD_INV_FLAGS_LEAF");
/* LAYOUT: IOVA space */
LAYOUT_SIZE(iommufmt_iova_map_check, 48);
LAYOUT_SIZE(iommufmt_iova_map_check, IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_iova_map_check, 8);
LAYOUT_OFF(iommufmt_iova_map_check, argsz, 0);
LAYOUT_OFF(iommufmt_iova_map_check, flags, 4);
LAYOUT_OFF(iommufmt_iova_map_check, iova, 8);
LAYOUT_OFF(iommufmt_iova_map_check, length, 16);
LAYOUT_OFF(iommufmt_iova_map_check, out_verdict, 24);
LAYOUT_OFF(iommufmt_iova_map_check, out_type, 28);
LAYOUT_OFF(iommufmt_iova_map_check, out_start, 32);
LAYOUT_OFF(iommufmt_iova_map_check, out_last, 40);

LAYOUT_SIZE(iommufmt_iova_conflict, 48);
LAYOUT_ALIGN(iommufmt_iova_conflict, 8);
LAYOUT_OFF(iommufmt_iova_conflict, start, 0);
LAYOUT_OFF(iommufmt_iova_conflict, last, 8);
LAYOUT_OFF(iommufmt_iova_conflict, region_start, 16);
LAYOUT_OFF(iommufmt_iova_conflict, region_last, 24);
LAYOUT_OFF(iommufmt_iova_conflict, verdict, 32);
LAYOUT_OFF(iommufmt_iova_conflict, type, 36);
LAYOUT_OFF(iommufmt_iova_conflict, mapping, 40);
LAYOUT_OFF(iommufmt_iova_conflict, __reserved, 44);

LAYOUT_SIZE(iommufmt_iova_chunk, 32);
LAYOUT_ALIGN(iommufmt_iova_chunk, 8);
LAYOUT_OFF(iommufmt_iova_chunk, iova, 0);
LAYOUT_OFF(iommufmt_iova_chunk, pa, 8);
LAYOUT_OFF(iommufmt_iova_chunk, pgsize, 16);
LAYOUT_OFF(iommufmt_iova_chunk, count, 24);

LAYOUT_SIZE(iommufmt_iova_hole_cost, 32);
LAYOUT_ALIGN(iommufmt_iova_hole_cost, 8);
LAYOUT_OFF(iommufmt_iova_hole_cost, start, 0);
LAYOUT_OFF(iommufmt_iova_hole_cost, last, 8);
LAYOUT_OFF(iommufmt_iova_hole_cost, pgsize, 16);
LAYOUT_OFF(iommufmt_iova_hole_cost, type, 24);
LAYOUT_OFF(iommufmt_iova_hole_cost, blocks, 28);

LAYOUT_SIZE(iommufmt_iova_ram_segment, 32);
LAYOUT_ALIGN(iommufmt_iova_ram_segment, 8);
LAYOUT_OFF(iommufmt_iova_ram_segment, gpa, 0);
LAYOUT_OFF(iommufmt_iova_ram_segment, size, 8);
LAYOUT_OFF(iommufmt_iova_ram_segment, offset, 16);
LAYOUT_OFF(iommufmt_iova_ram_segment, block, 24);
LAYOUT_OFF(iommufmt_iova_ram_segment, __reserved, 28);

LAYOUT_SIZE(iommufmt_iova_ranges, 32);
LAYOUT_SIZE(iommufmt_iova_ranges, IOMMUFMT_IOVA_RANGES_SIZE_VER0);
LAYOUT_ALIGN(iommufmt_iova_ranges, 8);
LAYOUT_OFF(iommufmt_iova_ranges, argsz, 0);
LAYOUT_OFF(iommufmt_iova_ranges, flags, 4);
LAYOUT_OFF(iommufmt_iova_ranges, num_iovas, 8);
LAYOUT_OFF(iommufmt_iova_ranges, __reserved, 12);
LAYOUT_OFF(iommufmt_iova_ranges, allowed_iovas, 16);
LAYOUT_OFF(iommufmt_iova_ranges, out_iova_alignment, 24);

/*
 * Library-API structs that hold a pointer next to __u64 fields (iommufmt.h,
 * IOMMUFMT_PTR32): one size everywhere, no hole on any ABI, the pointer in
 * its own 8-byte slot.
 */
LAYOUT_SIZE(iommufmt_gmem_region, 32);
LAYOUT_OFF(iommufmt_gmem_region, gpa, 0);
LAYOUT_OFF(iommufmt_gmem_region, size, 8);
LAYOUT_OFF(iommufmt_gmem_region, host, 16);
LAYOUT_OFF(iommufmt_gmem_region, flags, 16 + sizeof(void *));
LAYOUT_OFF(iommufmt_gmem_region, __reserved, 20 + sizeof(void *));

LAYOUT_SIZE(iommufmt_pgtable_arena, 32);
LAYOUT_OFF(iommufmt_pgtable_arena, gpa, 0);
LAYOUT_OFF(iommufmt_pgtable_arena, size, 8);
LAYOUT_OFF(iommufmt_pgtable_arena, used, 16);
LAYOUT_OFF(iommufmt_pgtable_arena, host, 24);

LAYOUT_SIZE(iommufmt_fault, IOMMUFMT_FAULT_SIZE_VER0);
LAYOUT_SIZE(iommufmt_fault, 104);
LAYOUT_ALIGN(iommufmt_fault, 8);
LAYOUT_OFF(iommufmt_fault, argsz, 0);
LAYOUT_OFF(iommufmt_fault, flags, 4);
LAYOUT_OFF(iommufmt_fault, kind, 8);
LAYOUT_OFF(iommufmt_fault, stage, 9);
LAYOUT_OFF(iommufmt_fault, reason, 10);
LAYOUT_OFF(iommufmt_fault, record, 12);
LAYOUT_OFF(iommufmt_fault, code, 14);
LAYOUT_OFF(iommufmt_fault, perm, 16);
LAYOUT_OFF(iommufmt_fault, devid, 20);
LAYOUT_OFF(iommufmt_fault, pasid, 24);
LAYOUT_OFF(iommufmt_fault, grpid, 28);
LAYOUT_OFF(iommufmt_fault, level, 32);
LAYOUT_OFF(iommufmt_fault, native_level, 34);
LAYOUT_OFF(iommufmt_fault, cookie, 36);
LAYOUT_OFF(iommufmt_fault, addr, 40);
LAYOUT_OFF(iommufmt_fault, addr2, 48);
LAYOUT_OFF(iommufmt_fault, length, 56);
LAYOUT_OFF(iommufmt_fault, __reserved, 60);
LAYOUT_OFF(iommufmt_fault, native, 64);

/* iommufd's fault queue and vEVENTQ records, as include/uapi/linux/iommufd.h lays them out. */
LAYOUT_SIZE(iommufmt_iommufd_pgfault, 40);
LAYOUT_ALIGN(iommufmt_iommufd_pgfault, 8);
LAYOUT_OFF(iommufmt_iommufd_pgfault, flags, 0);
LAYOUT_OFF(iommufmt_iommufd_pgfault, dev_id, 4);
LAYOUT_OFF(iommufmt_iommufd_pgfault, pasid, 8);
LAYOUT_OFF(iommufmt_iommufd_pgfault, grpid, 12);
LAYOUT_OFF(iommufmt_iommufd_pgfault, perm, 16);
LAYOUT_OFF(iommufmt_iommufd_pgfault, __reserved, 20);
LAYOUT_OFF(iommufmt_iommufd_pgfault, addr, 24);
LAYOUT_OFF(iommufmt_iommufd_pgfault, length, 32);
LAYOUT_OFF(iommufmt_iommufd_pgfault, cookie, 36);
LAYOUT_SIZE(iommufmt_iommufd_page_response, 8);
LAYOUT_OFF(iommufmt_iommufd_page_response, cookie, 0);
LAYOUT_OFF(iommufmt_iommufd_page_response, code, 4);
LAYOUT_SIZE(iommufmt_iommufd_vevent_header, 8);
LAYOUT_OFF(iommufmt_iommufd_vevent_header, flags, 0);
LAYOUT_OFF(iommufmt_iommufd_vevent_header, sequence, 4);
LAYOUT_SIZE(iommufmt_vevent_reader, 16);
LAYOUT_OFF(iommufmt_vevent_reader, lost, 8);
