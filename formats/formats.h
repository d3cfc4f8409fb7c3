/* SPDX-License-Identifier: MIT */
/* Private declarations of the built-in page-table formats and IOMMU models. */
#ifndef IOMMUFMT_FORMATS_H
#define IOMMUFMT_FORMATS_H

#include "lib/internal.h"

/* Page-table formats (formats/pgtable/). */
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_x86_64;
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_vtd_ss;
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_amd_v1;
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_arm_lpae_s1;
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_arm_lpae_s2;
extern const struct iommufmt_pgtable_ops iommufmt__pgtable_s390_dat;

/* IOMMU models (formats/<model>/model.c). */
extern const struct iommufmt_model_ops iommufmt__model_intel;
extern const struct iommufmt_model_ops iommufmt__model_amd;
extern const struct iommufmt_model_ops iommufmt__model_smmuv3;
extern const struct iommufmt_model_ops iommufmt__model_s390;

#endif /* IOMMUFMT_FORMATS_H */
