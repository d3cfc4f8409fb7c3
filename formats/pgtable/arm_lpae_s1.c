/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 long-descriptor tables, stage 1 */
#include "formats/pgtable/arm_lpae.h"

LPAE_DEFINE_WALK_OPS(lpae_s1, 0);

IOMMUFMT__PGTABLE_FORMAT(iommufmt__pgtable_arm_lpae_s1, IOMMUFMT_PGTABLE_ARM_LPAE_S1, "arm-lpae-s1",
			 "VMSAv8-64 long-descriptor tables, stage 1", &lpae_s1_ops);
