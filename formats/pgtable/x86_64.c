/* SPDX-License-Identifier: MIT */
/* x86-64 4/5-level paging (VT-d first stage, AMD v2) */
#include "formats/formats.h"

const struct iommufmt_pgtable_ops iommufmt__pgtable_x86_64 = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_X86_64,
	.name = "x86-64",
	.description = "x86-64 4/5-level paging (VT-d first stage, AMD v2)",
	.walk = NULL,
};
