/* SPDX-License-Identifier: MIT */
/* The intel model ops table: ids, accepted page-table formats and per-area ops. */
#include "formats/formats.h"
#include "formats/intel/nest.h"

static const __u32 intel_pgtables[] = {
	IOMMUFMT_PGTABLE_X86_64,
	IOMMUFMT_PGTABLE_VTD_SS,
};

const struct iommufmt_model_ops iommufmt__model_intel = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = IOMMUFMT_MODEL_INTEL,
	.variant = 0,
	.name = "intel",
	.description = "Intel VT-d (scalable mode)",
	.pgtable_formats = intel_pgtables,
	.nr_pgtable_formats = ARRAY_SIZE(intel_pgtables),
	.host = &iommufmt__intel_host_ops,
	.bind = &iommufmt__intel_bind_ops,
	.inval = &iommufmt__intel_inval_ops,
	.fault = &iommufmt__intel_fault_ops,
};
