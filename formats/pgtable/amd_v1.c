/* SPDX-License-Identifier: MIT */
/* AMD-Vi host (v1) tables, 1-6 levels with level skipping */
#include "formats/formats.h"

const struct iommufmt_pgtable_ops iommufmt__pgtable_amd_v1 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_AMD_V1,
	.name = "amd-v1",
	.description = "AMD-Vi host (v1) tables, 1-6 levels with level skipping",
	.walk = NULL,
};
