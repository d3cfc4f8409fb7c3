/* SPDX-License-Identifier: MIT */
/* The lists of built-in page-table formats and models handed to the registry. */
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
