/* SPDX-License-Identifier: MIT */
/* s390 zPCI IOTA fields and the host constants shared by host.c and bind.c. */
#ifndef IOMMUFMT_FORMATS_S390_NEST_H
#define IOMMUFMT_FORMATS_S390_NEST_H

#include "formats/formats.h"
#include "lib/bind_internal.h"

/* IOTA (linux arch/s390/include/asm/pci_dma.h ZPCI_IOTA_*). */
#define ZPCI_IOTA_T		(UINT64_C(1) << 11)
#define ZPCI_IOTA_P		(UINT64_C(1) << 9)
#define ZPCI_IOTA_DT_LO		2	/* 4:2: 0 STO, 1 RTTO, 2 RSTO, 3 RFTO, 4 PFAA ... */
#define ZPCI_IOTA_ORIGIN	GENMASK64(63, 14)	/* 16 KiB aligned region / segment table */

/* Input bits covered by a table designation type: ST 31, RT 42, RS 53, RF 64. */
static inline unsigned int zpci_dt_reach(unsigned int dt)
{
	static const unsigned int reach[4] = { 31, 42, 53, 64 };

	return dt < 4 ? reach[dt] : 0;
}

/* Row bound of bind.c's IOTA field table (checked there at compile time). */
#define S390_IOTA_ROWS_MAX	8

/* Indices into the model's private words (iommufmt_host_desc.priv; host_ops.priv_words = ZP_LAST). */
enum s390_priv {
	ZP_DT,		/* bitmap of table designation types */
	ZP_START,	/* first DMA address */
	ZP_END,		/* last DMA address */
	ZP_LARGE,	/* 1 MiB frames */
	ZP_NR,
	ZP_CIOTA = ZP_NR,	/* the IOTA rows compiled for this host */
	ZP_LAST = ZP_CIOTA + IOMMUFMT__FC_WORDS(1, S390_IOTA_ROWS_MAX),
};

/* Compile the field checker's table for this host into its priv words (bind.c). */
int iommufmt__s390_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag);

/* Native fault records: the error event CCDF (fault.c). */
extern const struct iommufmt_fault_ops iommufmt__s390_fault_ops;

#endif /* IOMMUFMT_FORMATS_S390_NEST_H */
