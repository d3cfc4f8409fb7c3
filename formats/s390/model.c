/* SPDX-License-Identifier: MIT */
/* The s390 model ops table: ids, accepted page-table formats and per-area ops. */
#include "formats/s390/nest.h"

static const __u32 s390_pgtables[] = {
	IOMMUFMT_PGTABLE_S390_DAT,
};

const struct iommufmt_model_ops iommufmt__model_s390 = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = IOMMUFMT_MODEL_S390,
	.variant = 0,
	.name = "s390",
	.description = "s390 zPCI DMA translation",
	.pgtable_formats = s390_pgtables,
	.nr_pgtable_formats = ARRAY_SIZE(s390_pgtables),
	.host = &iommufmt__s390_host_ops,
	.bind = &iommufmt__s390_bind_ops,
	.inval = &iommufmt__s390_inval_ops,
	.fault = &iommufmt__s390_fault_ops,
};
