/* SPDX-License-Identifier: MIT */
/* SMMUv3 register fields and the host constants shared by host.c and bind.c. */
#ifndef IOMMUFMT_FORMATS_SMMUV3_NEST_H
#define IOMMUFMT_FORMATS_SMMUV3_NEST_H

#include "formats/formats.h"
#include "lib/bind_internal.h"

/* ID registers (linux arm-smmu-v3.h; SMMU spec 6.3). */
#define SMMU_IDR0_S2P		0
#define SMMU_IDR0_S1P		1
#define SMMU_IDR0_TTF_LO	2	/* 3:2, 2 = AArch64, 3 = both */
#define SMMU_IDR0_COHACC	4
#define SMMU_IDR0_BTM		5
#define SMMU_IDR0_HTTU_LO	6	/* 7:6, 1 = AF, 2 = AF + dirty */
#define SMMU_IDR0_ATS		10
#define SMMU_IDR0_ASID16	12
#define SMMU_IDR0_PRI		16
#define SMMU_IDR0_CD2L		19
#define SMMU_IDR0_TTENDIAN_LO	21	/* 22:21, 0 mixed, 2 LE, 3 BE */
#define SMMU_IDR0_STALL_LO	24	/* 25:24, 0 stall, 1 no stall, 2 force */
#define SMMU_IDR0_TERM_MODEL	26
#define SMMU_IDR0_ST_LVL_LO	27	/* 28:27 */
#define SMMU_IDR1_SIDSIZE_LO	0	/* 5:0 */
#define SMMU_IDR1_SSIDSIZE_LO	6	/* 10:6 */
#define SMMU_IDR3_RIL		10
#define SMMU_IDR3_BBML_LO	11	/* 12:11 */
#define SMMU_IDR5_OAS_LO	0	/* 2:0 */
#define SMMU_IDR5_GRAN4K	4
#define SMMU_IDR5_GRAN16K	5
#define SMMU_IDR5_GRAN64K	6
#define SMMU_IDR5_VAX_LO	10	/* 11:10, 1 = 52-bit VA */
#define SMMU_IDR5_STALL_MAX_LO	16	/* 31:16 */

static inline uint32_t smmu_f(uint32_t reg, unsigned int lo, unsigned int width)
{
	return (reg >> lo) & ((1u << width) - 1);
}

/* STE words 0-1. */
#define STE_CFG_ABORT		0
#define STE_CFG_BYPASS		4
#define STE_CFG_S1		5

/*
 * Row bounds of bind.c's STE and CD field tables (checked there at compile
 * time): the compiled form of a table is sized for every row being a "fast"
 * row, so it always fits whatever the host.
 */
#define SMMU_STE_ROWS_MAX	16
#define SMMU_CD_ROWS_MAX	48

/* Indices into the model's private words (iommufmt_host_desc.priv; host_ops.priv_words = SP_END). */
enum smmu_priv {
	SP_TG0,		/* bitmap of CD.TG0 values with a host granule */
	SP_IPS_MAX,	/* largest CD.IPS (IDR5.OAS) */
	SP_ASID_MAX,	/* 0xff or 0xffff */
	SP_SSID_BITS,	/* IDR1.SSIDSIZE */
	SP_S1FMT,	/* bitmap of STE.S1Fmt values */
	SP_HA,		/* HTTU access flag */
	SP_HD,		/* HTTU dirty */
	SP_STALL,	/* stalls possible (model 0 or 2) */
	SP_STALL_FORCE,	/* stall model 2 */
	SP_ENDI,	/* bitmap of CD.ENDI values */
	SP_EATS,	/* bitmap of STE.EATS values */
	SP_MIN_T0SZ,	/* 16, or 12 with IDR5.VAX */
	SP_NR,
	SP_CSTE = SP_NR,	/* the STE rows compiled for this host */
	SP_CCD = SP_CSTE + IOMMUFMT__FC_WORDS(2, SMMU_STE_ROWS_MAX),	/* the CD rows */
	SP_END = SP_CCD + IOMMUFMT__FC_WORDS(8, SMMU_CD_ROWS_MAX),
};

/* Compile the field checker's tables for this host into its priv words (bind.c). */
int iommufmt__smmu_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag);

/* The iommufd-layout registers kept in desc->raw. */
static inline void smmu_regs(const struct iommufmt_host_desc *d,
			     struct iommufmt_hw_info_arm_smmuv3 *r)
{
	memcpy(r, d->raw, sizeof(*r));
}

/* Event queue records and PRI queue entries (fault.c). */
extern const struct iommufmt_fault_ops iommufmt__smmuv3_fault_ops;

#endif /* IOMMUFMT_FORMATS_SMMUV3_NEST_H */
