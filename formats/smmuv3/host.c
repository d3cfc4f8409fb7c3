/* SPDX-License-Identifier: MIT */
/* SMMUv3 host description: decode IDR0-5 into generic capabilities; advertise the IDRs a guest vSMMU shows. */
#include "formats/smmuv3/nest.h"

static const unsigned int oas_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 56 };

static uint64_t granule_pgsizes(uint32_t idr5, unsigned int oas)
{
	uint64_t s = 0;

	if (idr5 & (1u << SMMU_IDR5_GRAN4K))
		s |= BIT64(12) | BIT64(21) | BIT64(30);
	if (idr5 & (1u << SMMU_IDR5_GRAN16K))
		s |= BIT64(14) | BIT64(25);
	if (idr5 & (1u << SMMU_IDR5_GRAN64K))
		s |= BIT64(16) | BIT64(29) | (oas >= 52 ? BIT64(42) : 0);
	return s;
}

static uint32_t granules(uint32_t idr5)
{
	return ((idr5 >> SMMU_IDR5_GRAN4K) & 1 ? 1u << 12 : 0) |
	       ((idr5 >> SMMU_IDR5_GRAN16K) & 1 ? 1u << 14 : 0) |
	       ((idr5 >> SMMU_IDR5_GRAN64K) & 1 ? 1u << 16 : 0);
}

static int smmu_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		       struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_arm_smmuv3 r;
	struct iommufmt_cap_pgtable_format f;
	uint32_t idr0, idr1, idr3, idr5, ttf, httu, stall, endian, oas_enc, s1p, s2p;
	unsigned int oas, ias1, gpa;
	int err;

	smmu_regs(d, &r);
	idr0 = r.idr[0];
	idr1 = r.idr[1];
	idr3 = r.idr[3];
	idr5 = r.idr[5];
	s1p = (idr0 >> SMMU_IDR0_S1P) & 1;
	s2p = (idr0 >> SMMU_IDR0_S2P) & 1;
	ttf = smmu_f(idr0, SMMU_IDR0_TTF_LO, 2);
	httu = smmu_f(idr0, SMMU_IDR0_HTTU_LO, 2);
	stall = smmu_f(idr0, SMMU_IDR0_STALL_LO, 2);
	endian = smmu_f(idr0, SMMU_IDR0_TTENDIAN_LO, 2);
	oas_enc = smmu_f(idr5, SMMU_IDR5_OAS_LO, 3);
	oas = oas_bits[oas_enc];

	if (!s1p && !s2p)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr0",
					 IOMMUFMT__DV_VALUE, idr0, 0, 0,
					 "IDR0 has neither S1P nor S2P: no translation stage");
	if (!granules(idr5))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr5",
					 IOMMUFMT__DV_VALUE, idr5, 0, 0,
					 "IDR5 lists no translation granule");
	if (ttf != 2 && ttf != 3)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr0.ttf",
					 IOMMUFMT__DV_VALUE, ttf, 0, 0,
					 "IDR0.TTF %u: no AArch64 table format", ttf);
	if (stall == 3 || endian == 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS,
					 stall == 3 ? "idr0.stall_model" : "idr0.ttendian",
					 IOMMUFMT__DV_VALUE, stall == 3 ? stall : endian, 0, 0,
					 "IDR0 holds a reserved encoding");

	ias1 = smmu_f(idr5, SMMU_IDR5_VAX_LO, 2) == 1 ? 52 : 48;
	gpa = oas > 48 && !(idr5 & (1u << SMMU_IDR5_GRAN64K)) ? 48 : oas;
	if (gpa > 52)
		gpa = 52;
	if (s1p) {
		memset(&f, 0, sizeof(f));
		f.format = IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		f.flags = IOMMUFMT_PGTF_EXEC | IOMMUFMT_PGTF_PRIV |
			  (s2p ? IOMMUFMT_PGTF_STAGE1 : 0) | (httu == 2 ? IOMMUFMT_PGTF_AD : 0);
		f.pgsize_bitmap = granule_pgsizes(idr5, oas);
		f.granules = granules(idr5);
		f.ias = (uint8_t)ias1;
		f.oas = (uint8_t)oas;
		err = iommufmt__host_add_pgtable(d, &f, diag);
		if (err)
			return err;
	}
	if (s2p) {
		memset(&f, 0, sizeof(f));
		f.format = IOMMUFMT_PGTABLE_ARM_LPAE_S2;
		f.flags = IOMMUFMT_PGTF_EXEC | IOMMUFMT_PGTF_STAGE2 |
			  (httu == 2 ? IOMMUFMT_PGTF_AD : 0);
		f.pgsize_bitmap = granule_pgsizes(idr5, oas);
		f.granules = granules(idr5);
		f.ias = (uint8_t)gpa;
		f.oas = (uint8_t)oas;
		err = iommufmt__host_add_pgtable(d, &f, diag);
		if (err)
			return err;
	}

	if (smmu_f(idr1, SMMU_IDR1_SSIDSIZE_LO, 5) > 20)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr1.ssidsize",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 smmu_f(idr1, SMMU_IDR1_SSIDSIZE_LO, 5), 20, 0,
					 "SSIDSIZE %u is above 20 bits",
					 smmu_f(idr1, SMMU_IDR1_SSIDSIZE_LO, 5));
	d->pasid.pasid_bits = iommufmt__host_pasid_bits(regs, s1p ?
							 smmu_f(idr1, SMMU_IDR1_SSIDSIZE_LO, 5) : 0);
	if (s1p) {
		d->pasid.table_formats = 1u << IOMMUFMT_PASIDT_SMMU_LINEAR;
		if (idr0 & (1u << SMMU_IDR0_CD2L))
			d->pasid.table_formats |= (1u << IOMMUFMT_PASIDT_SMMU_2L_4K) |
						  (1u << IOMMUFMT_PASIDT_SMMU_2L_64K);
	}
	if (d->pasid.pasid_bits)
		iommufmt__host_pasid_flags(d, regs, false, true, true);
	if (idr0 & (1u << SMMU_IDR0_PRI))
		d->pasid.flags |= IOMMUFMT_PASID_F_PRI;
	if (stall != 1)
		d->pasid.flags |= IOMMUFMT_PASID_F_STALL;
	if (!(idr0 & (1u << SMMU_IDR0_ATS)) ||
	    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED))
		d->pasid.flags |= IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;

	if (s1p && s2p) {
		d->nesting.flags = IOMMUFMT_NESTING_F_PASID_TABLE | IOMMUFMT_NESTING_F_PGTABLE |
				   IOMMUFMT_NESTING_F_NO_PASID_S1;
		if (httu == 2 || (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING))
			d->nesting.flags |= IOMMUFMT_NESTING_F_DIRTY;
		d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_ARM_LPAE_S2;
		d->nesting.gpa_bits = (uint8_t)gpa;
	}

	d->inval.flags = IOMMUFMT_INVF_PASID | IOMMUFMT_INVF_LEAF | IOMMUFMT_INVF_GLOBAL |
			 IOMMUFMT_INVF_PAGE;
	if (idr3 & (1u << SMMU_IDR3_RIL)) {
		d->inval.flags |= IOMMUFMT_INVF_RANGE;
		d->inval.max_range_log2 = 36;	/* (NUM + 1) << SCALE: 32 << 31 pages */
	}
	if (idr0 & (1u << SMMU_IDR0_ATS))
		d->inval.flags |= IOMMUFMT_INVF_DEVTLB;
	d->inval.asid_bits = idr0 & (1u << SMMU_IDR0_ASID16) ? 16 : 8;

	iommufmt__host_fault_flags(d, s1p && s2p);	/* PRI: IDR0.PRI, as the PASID flags */
	if (stall != 1)
		d->fault.flags |= IOMMUFMT_FAULTF_STALL;
	if (stall == 2)
		d->fault.flags |= IOMMUFMT_FAULTF_STALL_FORCE;
	d->fault.stall_max = (uint16_t)smmu_f(idr5, SMMU_IDR5_STALL_MAX_LO, 16);

	d->priv[SP_TG0] = ((idr5 >> SMMU_IDR5_GRAN4K) & 1 ? 1u << 0 : 0) |
			  ((idr5 >> SMMU_IDR5_GRAN64K) & 1 ? 1u << 1 : 0) |
			  ((idr5 >> SMMU_IDR5_GRAN16K) & 1 ? 1u << 2 : 0);
	d->priv[SP_IPS_MAX] = oas_enc;
	d->priv[SP_ASID_MAX] = d->inval.asid_bits == 16 ? 0xffff : 0xff;
	d->priv[SP_SSID_BITS] = d->pasid.pasid_bits;
	d->priv[SP_S1FMT] = idr0 & (1u << SMMU_IDR0_CD2L) ? 0x7 : 0x1;
	d->priv[SP_HA] = httu >= 1;
	d->priv[SP_HD] = httu == 2;
	d->priv[SP_STALL] = stall != 1;
	d->priv[SP_STALL_FORCE] = stall == 2;
	d->priv[SP_ENDI] = endian == 0 ? 0x3 : endian == 2 ? 0x1 : 0x2;
	d->priv[SP_EATS] = idr0 & (1u << SMMU_IDR0_ATS) &&
			   !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) ? 0x3 : 0x1;
	d->priv[SP_MIN_T0SZ] = ias1 == 52 ? 12 : 16;
	return iommufmt__smmu_bind_prepare(d, diag);
}

/* Largest IDR5.OAS encoding whose width fits @bits. */
static uint32_t oas_enc_for(unsigned int bits, uint32_t host_enc)
{
	uint32_t e = 0;

	for (uint32_t i = 0; i <= host_enc && i < 8; i++)
		if (oas_bits[i] <= bits)
			e = i;
	return e;
}

static int smmu_advertise(const struct iommufmt_host_desc *d,
			  const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			  __u32 *len, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_arm_smmuv3 h, g;
	uint32_t keep0, stall, httu, oas_enc;

	(void)diag;
	smmu_regs(d, &h);
	memset(&g, 0, sizeof(g));
	/* IDR0: the fields iommufd lists as safe, plus what nesting implies. */
	keep0 = (3u << SMMU_IDR0_ST_LVL_LO) | (1u << SMMU_IDR0_TERM_MODEL) |
		(3u << SMMU_IDR0_TTENDIAN_LO) | (1u << SMMU_IDR0_CD2L) | (1u << SMMU_IDR0_ASID16);
	g.idr[0] = h.idr[0] & keep0;
	g.idr[0] |= 2u << SMMU_IDR0_TTF_LO;		/* AArch64 tables only */
	g.idr[0] |= 1u << SMMU_IDR0_S1P;		/* the guest owns stage 1 */
	g.idr[0] |= 1u << SMMU_IDR0_COHACC;		/* iommufd requires coherent hosts */
	stall = smmu_f(h.idr[0], SMMU_IDR0_STALL_LO, 2);
	if (stall == 0 && cfg && !(cfg->flags & IOMMUFMT_VIOMMU_F_STALL))
		stall = 1;
	g.idr[0] |= stall << SMMU_IDR0_STALL_LO;
	httu = smmu_f(h.idr[0], SMMU_IDR0_HTTU_LO, 2);
	if (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_AD))
		g.idr[0] |= httu << SMMU_IDR0_HTTU_LO;
	if ((h.idr[0] & (1u << SMMU_IDR0_ATS)) &&
	    !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) &&
	    (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_ATS)))
		g.idr[0] |= 1u << SMMU_IDR0_ATS;
	if ((h.idr[0] & (1u << SMMU_IDR0_PRI)) && (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_PRI)))
		g.idr[0] |= 1u << SMMU_IDR0_PRI;
	if (cfg && !(cfg->pasid_table_formats &
		     ((1u << IOMMUFMT_PASIDT_SMMU_2L_4K) | (1u << IOMMUFMT_PASIDT_SMMU_2L_64K))))
		g.idr[0] &= ~(1u << SMMU_IDR0_CD2L);
	if (cfg && cfg->asid_bits && cfg->asid_bits < 16)
		g.idr[0] &= ~(1u << SMMU_IDR0_ASID16);
	/* IDR1: stream and substream widths. */
	g.idr[1] = h.idr[1] & (0x3fu << SMMU_IDR1_SIDSIZE_LO);
	g.idr[1] |= (uint32_t)(cfg ? cfg->pasid_bits : d->pasid.pasid_bits) <<
		    SMMU_IDR1_SSIDSIZE_LO;
	/* IDR3: break-before-make level and range invalidation. */
	g.idr[3] = h.idr[3] & (3u << SMMU_IDR3_BBML_LO);
	if (!cfg || (cfg->inval_flags & IOMMUFMT_INVF_RANGE))
		g.idr[3] |= h.idr[3] & (1u << SMMU_IDR3_RIL);
	/* IDR5: granules, VA and output sizes, stall depth. */
	g.idr[5] = h.idr[5] & ((7u << SMMU_IDR5_GRAN4K) | (3u << SMMU_IDR5_VAX_LO) |
			       (0xffffu << SMMU_IDR5_STALL_MAX_LO));
	if (cfg && cfg->granules)
		g.idr[5] &= ~((cfg->granules & (1u << 12) ? 0 : 1u << SMMU_IDR5_GRAN4K) |
			      (cfg->granules & (1u << 14) ? 0 : 1u << SMMU_IDR5_GRAN16K) |
			      (cfg->granules & (1u << 16) ? 0 : 1u << SMMU_IDR5_GRAN64K));
	if (cfg && cfg->ias && cfg->ias <= 48)
		g.idr[5] &= ~(3u << SMMU_IDR5_VAX_LO);
	oas_enc = oas_enc_for(d->nesting.gpa_bits ? d->nesting.gpa_bits : 48,
			      smmu_f(h.idr[5], SMMU_IDR5_OAS_LO, 3));
	if (cfg && cfg->oas)
		oas_enc = oas_enc_for(cfg->oas, oas_enc);
	g.idr[5] |= oas_enc << SMMU_IDR5_OAS_LO;
	g.iidr = h.iidr;
	g.aidr = h.aidr;
	return iommufmt__advertise_out(data, data_type, len, IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3, &g,
				       sizeof(g));
}

static const struct iommufmt_data_type_desc smmu_hw_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3, IOMMUFMT_BIND_KIND_HW_INFO,
				  struct iommufmt_hw_info_arm_smmuv3),
};

const struct iommufmt_host_ops iommufmt__smmuv3_host_ops = IOMMUFMT__HOST_OPS(smmu, SP_END);
