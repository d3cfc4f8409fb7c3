/* SPDX-License-Identifier: MIT */
/* The amd model ops table: ids, accepted page-table formats and per-area ops. */
#include "formats/amd/nest.h"

static const __u32 amd_pgtables[] = {
	IOMMUFMT_PGTABLE_X86_64,
	IOMMUFMT_PGTABLE_AMD_V1,
};

const struct iommufmt_model_ops iommufmt__model_amd = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = IOMMUFMT_MODEL_AMD,
	.variant = 0,
	.name = "amd",
	.description = "AMD-Vi (AMD IOMMU)",
	.pgtable_formats = amd_pgtables,
	.nr_pgtable_formats = ARRAY_SIZE(amd_pgtables),
	.host = &iommufmt__amd_host_ops,
	.bind = &iommufmt__amd_bind_ops,
	.inval = &iommufmt__amd_inval_ops,
	.fault = &iommufmt__amd_fault_ops,
};
