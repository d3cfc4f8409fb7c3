/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 long-descriptor tables, stage 1 */
#include "formats/pgtable/arm_lpae.h"

LPAE_DEFINE_WALK_OPS(lpae_s1, 0);

const struct iommufmt_pgtable_ops iommufmt__pgtable_arm_lpae_s1 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_ARM_LPAE_S1,
	.name = "arm-lpae-s1",
	.description = "VMSAv8-64 long-descriptor tables, stage 1",
	.walk = &lpae_s1_ops,
};
