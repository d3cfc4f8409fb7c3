/* SPDX-License-Identifier: MIT */
/* VT-d capability register fields and the host constants shared by host.c and bind.c. */
#ifndef IOMMUFMT_FORMATS_INTEL_NEST_H
#define IOMMUFMT_FORMATS_INTEL_NEST_H

#include "formats/formats.h"
#include "lib/bind_internal.h"

/* CAP_REG (linux drivers/iommu/intel/iommu.h cap_*; VT-d spec 11.4.2). */
#define VTD_CAP_ND_LO		0	/* 2:0, 2^(4 + 2 ND) domain ids */
#define VTD_CAP_CM		7
#define VTD_CAP_SAGAW_LO	8	/* 12:8 */
#define VTD_CAP_MGAW_LO		16	/* 21:16, width - 1 */
#define VTD_CAP_SLLPS_LO	34	/* 37:34 */
#define VTD_CAP_PSI		39
#define VTD_CAP_MAMV_LO		48	/* 53:48 */
#define VTD_CAP_FS1GP		56
#define VTD_CAP_FS5LP		60
/* ECAP_REG (linux ecap_*; VT-d spec 11.4.3). */
#define VTD_ECAP_C		0
#define VTD_ECAP_QI		1
#define VTD_ECAP_DT		2
#define VTD_ECAP_PT		6
#define VTD_ECAP_NEST		26
#define VTD_ECAP_PRS		29
#define VTD_ECAP_ERS		30
#define VTD_ECAP_SRS		31
#define VTD_ECAP_EAFS		34
#define VTD_ECAP_PSS_LO		35	/* 39:35, PASID width - 1 */
#define VTD_ECAP_PASID		40
#define VTD_ECAP_PDS		42
#define VTD_ECAP_SMTS		43
#define VTD_ECAP_SLADS		45
#define VTD_ECAP_SLTS		46
#define VTD_ECAP_FLTS		47
#define VTD_ECAP_SMPWC		48

static inline uint64_t vtd_bit(uint64_t reg, unsigned int bit)
{
	return (reg >> bit) & 1;
}

/* PASID-entry PGTT values. */
#define VTD_PGTT_FS		1
#define VTD_PGTT_SS		2
#define VTD_PGTT_NESTED		3
#define VTD_PGTT_PT		4

/* Row bounds of bind.c's context and PASID-entry field tables (checked there at compile time). */
#define VTD_CTX_ROWS_MAX	16
#define VTD_PE_ROWS_MAX		40

/* Indices into the model's private words (iommufmt_host_desc.priv; host_ops.priv_words = VP_END). */
enum vtd_priv {
	VP_SRS,		/* supervisor requests */
	VP_EAFS,	/* extended accessed flag */
	VP_PRS,		/* page requests */
	VP_DT,		/* device TLB */
	VP_PASID,	/* PASID support */
	VP_FLPM_MAX,	/* 1 with FS5LP, else 0 */
	VP_NR,
	VP_CCTX = VP_NR,	/* the context rows compiled for this host */
	VP_CPE = VP_CCTX + IOMMUFMT__FC_WORDS(4, VTD_CTX_ROWS_MAX),	/* the PASID-entry rows */
	VP_END = VP_CPE + IOMMUFMT__FC_WORDS(8, VTD_PE_ROWS_MAX),
};

/* Native fault recording register and page request descriptor tables (fault.c). */
extern const struct iommufmt_fault_ops iommufmt__intel_fault_ops;

/* Compile the field checker's tables for this host into its priv words (bind.c). */
int iommufmt__vtd_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag);

static inline void vtd_regs(const struct iommufmt_host_desc *d, struct iommufmt_hw_info_vtd *r)
{
	memcpy(r, d->raw, sizeof(*r));
}

#endif /* IOMMUFMT_FORMATS_INTEL_NEST_H */
