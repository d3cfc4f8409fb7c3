/* SPDX-License-Identifier: MIT */
/* s390 zPCI DAT region/segment/page tables (big-endian) */
#include "formats/formats.h"

const struct iommufmt_pgtable_ops iommufmt__pgtable_s390_dat = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_S390_DAT,
	.name = "s390-dat",
	.description = "s390 zPCI DAT region/segment/page tables (big-endian)",
	.walk = NULL,
};
