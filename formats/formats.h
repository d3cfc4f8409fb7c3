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

/* Host-description and bind ops of the models (formats/<model>/host.c, bind.c). */
extern const struct iommufmt_host_ops iommufmt__intel_host_ops;
extern const struct iommufmt_bind_ops iommufmt__intel_bind_ops;
extern const struct iommufmt_host_ops iommufmt__amd_host_ops;
extern const struct iommufmt_bind_ops iommufmt__amd_bind_ops;
extern const struct iommufmt_host_ops iommufmt__smmuv3_host_ops;
extern const struct iommufmt_bind_ops iommufmt__smmuv3_bind_ops;
extern const struct iommufmt_host_ops iommufmt__s390_host_ops;
extern const struct iommufmt_bind_ops iommufmt__s390_bind_ops;

/* Invalidation codecs of the models (formats/<model>/inval.c). */
extern const struct iommufmt_inval_ops iommufmt__intel_inval_ops;
extern const struct iommufmt_inval_ops iommufmt__amd_inval_ops;
extern const struct iommufmt_inval_ops iommufmt__smmuv3_inval_ops;
extern const struct iommufmt_inval_ops iommufmt__s390_inval_ops;

#endif /* IOMMUFMT_FORMATS_H */
