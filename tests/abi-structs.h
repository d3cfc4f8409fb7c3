/* SPDX-License-Identifier: MIT */
/* X-macro list of every argsz-versioned top-level struct in abi.h: ABI_STRUCT(name, VER0 size). */
/* Each area appends its structs; test-copy sweeps argsz over all of them. */
ABI_STRUCT(iommufmt_hdr, IOMMUFMT_HDR_SIZE_VER0)
ABI_STRUCT(iommufmt_hw_info, IOMMUFMT_HW_INFO_SIZE_VER0)
ABI_STRUCT(iommufmt_diag, IOMMUFMT_DIAG_SIZE_VER0)
ABI_STRUCT(iommufmt_pgtable_cfg, IOMMUFMT_PGTABLE_CFG_SIZE_VER0)
/* ABI-STRUCTS: page tables */
/* ABI-STRUCTS: binding and negotiation */
/* ABI-STRUCTS: invalidation */
/* ABI-STRUCTS: IOVA space */
