/* SPDX-License-Identifier: MIT */
/* s390 zPCI bind validation: the FIB's DMA window and IOTA (page-table bind); no PASID table exists. */
#include "formats/s390/nest.h"
#include "formats/tables.h"

enum { C_ROOT14, C_NR };

/* The IOTA word (big-endian in the FIB, converted before checking). */
static const struct iommufmt__fc iota_rows[] = {
	BIND_FIELD("iota.fs", 0, 1, 0, BIND_NOTSUP, 0, 0,
	   "frame sizes apply to direct-frame designations only"),
	BIND_FIELD("iota.dt", 0, 4, 2, BIND_HOSTSET, ZP_DT, 0, "table designation types (dt_mask)"),
	BIND_FIELD("iota.key", 0, 8, 5, BIND_NOTSUP, 0, 0, "only storage key 0 is accepted"),
	BIND_FIELD("iota.p", 0, 9, 9, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("iota.w[10]", 0, 10, 10, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("iota.w[13:12]", 0, 13, 12, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("iota.origin", 0, 63, 14, BIND_EQ, C_ROOT14, 0, "root >> 14"),
};

static const struct iommufmt__fc_table iota_table = IOMMUFMT__FC_TABLE(iota_rows, 1, ZP_CIOTA,
								       ZP_LAST);
/* The compiled table's room in the private words is sized from this bound (nest.h). */
_Static_assert(ARRAY_SIZE(iota_rows) <= S390_IOTA_ROWS_MAX, "raise S390_IOTA_ROWS_MAX");

static int s390_check_pgtable(const struct iommufmt_host_desc *d,
			      const struct iommufmt_bind_pgtable *b, const void *payload,
			      const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	const uint8_t *p = payload;
	uint64_t pba = iommufmt__be64(p), pal = iommufmt__be64(p + 8), iota = iommufmt__be64(p + 16);
	uint64_t ctx[C_NR];
	unsigned int reach;
	int err;

	if (unlikely(b->root & 0x3fff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->root, 0x4000, 0,
					 "region and segment tables are 16 KiB aligned");
	if (unlikely(!(iota & ZPCI_IOTA_T)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "iota.t",
				      "T = 0 (relaxed, untranslated DMA) binds no table");
	ctx[C_ROOT14] = b->root >> 14;
	err = iommufmt__fc_check_table(&iota_table, d, &iota, ctx, diag);
	if (unlikely(err))
		return err;
	reach = zpci_dt_reach((unsigned int)(iota >> ZPCI_IOTA_DT_LO) & 7);
	if (unlikely(b->addr_width != reach))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "addr_width",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->addr_width,
					 reach, 0, "designation type %u covers %u address bits",
					 (unsigned int)(iota >> ZPCI_IOTA_DT_LO) & 7, reach);
	if (unlikely(pba & 0xfff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "fib.pba",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, pba, 0x1000, 0,
					 "the DMA window must start on a 4 KiB page");
	if (unlikely((pal & 0xfff) != 0xfff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "fib.pal",
					 IOMMUFMT__DV_VALUE, pal, 0, 0,
					 "the DMA window must end on the last byte of a page");
	if (unlikely(pba > pal))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "fib.pba",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, pba, pal, 0,
					 "the DMA window starts after its end");
	if (unlikely(pba < d->priv[ZP_START] || pal > d->priv[ZP_END]))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST,
					 pba < d->priv[ZP_START] ? "fib.pba" : "fib.pal",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 pba < d->priv[ZP_START] ? pba : pal,
					 pba < d->priv[ZP_START] ? d->priv[ZP_START] :
					 d->priv[ZP_END], 0,
					 "the window 0x%llx-0x%llx leaves the function's DMA range "
					 "0x%llx-0x%llx", (unsigned long long)pba,
					 (unsigned long long)pal,
					 (unsigned long long)d->priv[ZP_START],
					 (unsigned long long)d->priv[ZP_END]);
	if (unlikely(reach < 64 && (pal >> reach)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "fib.pal",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, pal,
					 iommufmt__mask(reach), 0,
					 "the window ends beyond what the top table covers");
	if (gmem)
		return iommufmt__deep_readable(gmem, b->root, 0x4000, "root", diag);
	return 0;
}

static int s390_pgtable_cfg(const struct iommufmt_host_desc *d,
			    const struct iommufmt_bind_pgtable *b, const void *payload,
			    struct iommufmt_pgtable_cfg *cfg)
{
	uint64_t iota = iommufmt__be64((const uint8_t *)payload + 16);
	unsigned int dt = (unsigned int)(iota >> ZPCI_IOTA_DT_LO) & 7;

	cfg->format = IOMMUFMT_PGTABLE_S390_DAT;
	cfg->root = b->root;
	cfg->top = 3 - dt;	/* RFTO -> RF (0) ... STO -> SX (3) */
	if (d->priv[ZP_LARGE])
		cfg->flags |= IOMMUFMT_PGTABLE_F_LARGE;
	return 0;
}

int iommufmt__s390_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag)
{
	return iommufmt__fc_compile_all(d, &iota_table, 1, "s390", diag);
}

static const struct iommufmt_data_type_desc s390_bind_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_BIND_DATA_S390_FIB, IOMMUFMT_BIND_KIND_PGTABLE,
				  struct iommufmt_s390_fib_dma),
};

/* No PASID table (the library reports IOMMUFMT_DIAG_BIND_NO_PASID_TABLE) and no iommufd data. */
const struct iommufmt_bind_ops iommufmt__s390_bind_ops = {
	IOMMUFMT__BIND_OPS_HEAD(s390_bind_types),
	.check_pasid_table = NULL,
	.check_pgtable = s390_check_pgtable,
	.pgtable_cfg = s390_pgtable_cfg,
};
