/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 long-descriptor tables, stage 2 */
#include "formats/pgtable/arm_lpae.h"

LPAE_DEFINE_WALK_OPS(lpae_s2, 1);

IOMMUFMT__PGTABLE_FORMAT(iommufmt__pgtable_arm_lpae_s2, IOMMUFMT_PGTABLE_ARM_LPAE_S2, "arm-lpae-s2",
			 "VMSAv8-64 long-descriptor tables, stage 2", &lpae_s2_ops);
