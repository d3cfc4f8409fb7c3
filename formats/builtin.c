/* SPDX-License-Identifier: MIT */
/* The built-in page-table formats, models and PASID-table format names handed to the core. */
#include "formats/formats.h"

const struct iommufmt_pgtable_ops *const iommufmt__builtin_pgtables[] = {
	&iommufmt__pgtable_x86_64,
	&iommufmt__pgtable_vtd_ss,
	&iommufmt__pgtable_amd_v1,
	&iommufmt__pgtable_arm_lpae_s1,
	&iommufmt__pgtable_arm_lpae_s2,
	&iommufmt__pgtable_s390_dat,
};
const size_t iommufmt__nr_builtin_pgtables = ARRAY_SIZE(iommufmt__builtin_pgtables);

const struct iommufmt_model_ops *const iommufmt__builtin_models[] = {
	&iommufmt__model_intel,
	&iommufmt__model_amd,
	&iommufmt__model_smmuv3,
	&iommufmt__model_s390,
};
const size_t iommufmt__nr_builtin_models = ARRAY_SIZE(iommufmt__builtin_models);

/* Names of the PASID-table formats (IOMMUFMT_PASIDT_*), which the models define. */
const char *const iommufmt__pasidt_names[IOMMUFMT_PASIDT_NR] = {
	[IOMMUFMT_PASIDT_NONE] = "none",
	[IOMMUFMT_PASIDT_SMMU_LINEAR] = "smmu-cd-linear",
	[IOMMUFMT_PASIDT_SMMU_2L_4K] = "smmu-cd-2l-4k",
	[IOMMUFMT_PASIDT_SMMU_2L_64K] = "smmu-cd-2l-64k",
	[IOMMUFMT_PASIDT_AMD_GCR3_1L] = "amd-gcr3-1l",
	[IOMMUFMT_PASIDT_AMD_GCR3_2L] = "amd-gcr3-2l",
	[IOMMUFMT_PASIDT_AMD_GCR3_3L] = "amd-gcr3-3l",
	[IOMMUFMT_PASIDT_VTD_SM] = "vtd-sm-pasid",
};
