/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 long-descriptor tables, stage 2 */
#include "formats/pgtable/arm_lpae.h"

LPAE_DEFINE_WALK_OPS(lpae_s2, 1);

const struct iommufmt_pgtable_ops iommufmt__pgtable_arm_lpae_s2 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_ARM_LPAE_S2,
	.name = "arm-lpae-s2",
	.description = "VMSAv8-64 long-descriptor tables, stage 2",
	.walk = &lpae_s2_ops,
};
