/* SPDX-License-Identifier: MIT */
/* Compile-time layout of every abi.h struct: sizes and field offsets, identical on every ABI. */
/* Compiled natively (test-layout) and with -m32 / -m64 (check-headers.sh). */
#include <stddef.h>
#include <iommufmt/abi.h>

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
/* LAYOUT: invalidation */
/* LAYOUT: IOVA space */
