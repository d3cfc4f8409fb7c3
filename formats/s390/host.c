/* SPDX-License-Identifier: MIT */
/* s390 zPCI host description: decode the function's DMA attributes; advertise the attributes a guest sees. */
#include "formats/s390/nest.h"

static int s390_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		       struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_s390 r;
	struct iommufmt_cap_pgtable_format f;
	unsigned int dt, reach = 0;

	(void)regs;
	memcpy(&r, d->raw, sizeof(r));
	if (r.flags & ~(uint32_t)IOMMUFMT_HW_INFO_S390_ALL)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "s390.flags",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.flags,
					 IOMMUFMT_HW_INFO_S390_ALL, 0, "unknown zPCI flags 0x%x",
					 r.flags);
	if (r.__reserved)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
				      "s390.__reserved", "reserved field is not zero");
	dt = r.dt_mask & 0xf;
	if (!dt)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "s390.dt_mask",
					 IOMMUFMT__DV_VALUE, r.dt_mask, 0, 0,
					 "no table designation type (ST, RTTO, RSTO, RFTO)");
	if (!(r.frame_mask & 1))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "s390.frame_mask",
					 IOMMUFMT__DV_VALUE, r.frame_mask, 0, 0,
					 "4 KiB frames are not offered");
	if (r.start_dma > r.end_dma)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "s390.start_dma",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.start_dma,
					 r.end_dma, 0, "the DMA window starts after its end");
	for (unsigned int i = 0; i < 4; i++)
		if (dt & (1u << i))
			reach = zpci_dt_reach(i);

	memset(&f, 0, sizeof(f));
	f.format = IOMMUFMT_PGTABLE_S390_DAT;
	f.flags = IOMMUFMT_PGTF_STAGE1;
	f.pgsize_bitmap = BIT64(12) | (r.frame_mask & 2 ? BIT64(20) : 0);
	f.granules = 1u << 12;
	f.ias = (uint8_t)reach;
	f.oas = 64;
	if (iommufmt__host_add_pgtable(d, &f, diag))
		return -EINVAL;

	/* No PASIDs and no two-stage hardware: a guest table is validated, then shadowed. */
	d->nesting.flags = IOMMUFMT_NESTING_F_SHADOW;
	d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_S390_DAT;
	d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_S390_DAT;
	d->nesting.gpa_bits = 64;
	d->pasid.flags = IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;
	d->inval.flags = IOMMUFMT_INVF_RANGE | IOMMUFMT_INVF_PAGE | IOMMUFMT_INVF_GLOBAL;
	d->inval.max_range_log2 = 52;
	d->fault.flags = IOMMUFMT_FAULTF_FLAT;

	d->priv[ZP_DT] = dt;
	d->priv[ZP_START] = r.start_dma;
	d->priv[ZP_END] = r.end_dma;
	d->priv[ZP_LARGE] = (r.frame_mask >> 1) & 1;
	return iommufmt__s390_bind_prepare(d, diag);
}

static int s390_advertise(const struct iommufmt_host_desc *d,
			  const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			  __u32 *len, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_s390 h, g;

	(void)diag;
	memcpy(&h, d->raw, sizeof(h));
	memset(&g, 0, sizeof(g));
	g.dt_mask = h.dt_mask & 0xf;
	g.frame_mask = h.frame_mask & 0x3;
	if (cfg && cfg->pgsize_bitmap && !(cfg->pgsize_bitmap & BIT64(20)))
		g.frame_mask &= 1;
	/* The VMM shadows the guest table, so the guest must refresh after maps too,
	 * and must not use relaxed translation (it would bypass the shadow). */
	g.flags = IOMMUFMT_HW_INFO_S390_REFRESH;
	g.start_dma = h.start_dma;
	g.end_dma = h.end_dma;
	return iommufmt__advertise_out(data, data_type, len, IOMMUFMT_HW_INFO_TYPE_S390_ZPCI, &g,
				       sizeof(g));
}

static const struct iommufmt_data_type_desc s390_hw_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_HW_INFO_TYPE_S390_ZPCI, IOMMUFMT_BIND_KIND_HW_INFO,
				  struct iommufmt_hw_info_s390),
};

const struct iommufmt_host_ops iommufmt__s390_host_ops = IOMMUFMT__HOST_OPS(s390, ZP_LAST);
