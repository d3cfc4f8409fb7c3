/* SPDX-License-Identifier: MIT */
/* VT-d second-stage tables, 3/4/5 levels */
#include "formats/formats.h"

const struct iommufmt_pgtable_ops iommufmt__pgtable_vtd_ss = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_VTD_SS,
	.name = "vtd-ss",
	.description = "VT-d second-stage tables, 3/4/5 levels",
	.walk = NULL,
};
