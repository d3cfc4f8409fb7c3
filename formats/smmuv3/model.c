/* SPDX-License-Identifier: MIT */
/* The smmuv3 model ops table: ids, accepted page-table formats and per-area ops. */
#include "formats/formats.h"
#include "formats/smmuv3/nest.h"

static const __u32 smmuv3_pgtables[] = {
	IOMMUFMT_PGTABLE_ARM_LPAE_S1,
	IOMMUFMT_PGTABLE_ARM_LPAE_S2,
};

const struct iommufmt_model_ops iommufmt__model_smmuv3 = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = IOMMUFMT_MODEL_SMMU,
	.variant = IOMMUFMT_VARIANT_SMMU_V3,
	.name = "smmuv3",
	.description = "ARM SMMUv3",
	.pgtable_formats = smmuv3_pgtables,
	.nr_pgtable_formats = ARRAY_SIZE(smmuv3_pgtables),
	.host = &iommufmt__smmuv3_host_ops,
	.bind = &iommufmt__smmuv3_bind_ops,
	.inval = &iommufmt__smmuv3_inval_ops,
	.fault = &iommufmt__smmuv3_fault_ops,
};
