/* SPDX-License-Identifier: MIT */
/* AMD-Vi feature-register and DTE fields, and the host constants shared by host.c and bind.c. */
#ifndef IOMMUFMT_FORMATS_AMD_NEST_H
#define IOMMUFMT_FORMATS_AMD_NEST_H

#include "formats/formats.h"
#include "lib/bind_internal.h"

/* Extended Feature Register (linux amd_iommu_types.h FEATURE_*). */
#define AMD_EFR_PPR		1
#define AMD_EFR_NX		3
#define AMD_EFR_GT		4
#define AMD_EFR_IA		6
#define AMD_EFR_HATS_LO		10	/* 11:10: host table levels - 4 */
#define AMD_EFR_GATS_LO		12	/* 13:12: 0 4-level, 1 5-level guest table */
#define AMD_EFR_GLX_LO		14	/* 15:14: largest DTE.GLX */
#define AMD_EFR_PASMAX_LO	32	/* 36:32: PASID width - 1 */
#define AMD_EFR_US		37
#define AMD_EFR_GIOSUP		48
#define AMD_EFR_HASUP		49
#define AMD_EFR_HDSUP		52

/* GCR3 root pieces of the DTE (linux DTE_GCR3_*). */
static inline uint64_t amd_dte_gcr3(const uint64_t *w)
{
	return (((w[0] >> 58) & 0x7) << 12) | (((w[1] >> 16) & 0xffff) << 15) |
	       ((w[1] >> 43) << 31);
}

/* Row bounds of bind.c's DTE and GCR3 field tables (checked there at compile time). */
#define AMD_DTE_ROWS_MAX	24
#define AMD_GCR3_ROWS_MAX	4

/* Indices into the model's private words (iommufmt_host_desc.priv; host_ops.priv_words = AP_END). */
enum amd_priv {
	AP_GT,		/* guest translation */
	AP_GLX_MAX,	/* largest DTE.GLX */
	AP_GPM_MAX,	/* largest DTE.GuestPagingMode: 1 with GATS = 5-level */
	AP_GIOV,	/* GIOSUP */
	AP_PPR,		/* PPR */
	AP_NR,
	AP_CDTE = AP_NR,	/* the DTE rows compiled for this host */
	AP_CGCR3 = AP_CDTE + IOMMUFMT__FC_WORDS(4, AMD_DTE_ROWS_MAX),	/* the GCR3 rows */
	AP_END = AP_CGCR3 + IOMMUFMT__FC_WORDS(1, AMD_GCR3_ROWS_MAX),
};

/* Compile the field checker's tables for this host into its priv words (bind.c). */
int iommufmt__amd_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag);

/* Native fault records: the event log and PPR log entries (fault.c). */
extern const struct iommufmt_fault_ops iommufmt__amd_fault_ops;

#endif /* IOMMUFMT_FORMATS_AMD_NEST_H */
