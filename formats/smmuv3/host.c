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

/* The IDR fields that decode reads, extracted once for its steps. */
struct smmu_idf {
	uint32_t idr0, idr1, idr3, idr5;
	uint32_t s1p, s2p, ttf, httu, stall, endian, oas_enc;
	unsigned int oas;	/* output size in bits (IDR5.OAS) */
	unsigned int ias1;	/* stage-1 input size: 52 with IDR5.VAX, else 48 */
	unsigned int gpa;	/* stage-2 input size (guest-physical width) */
};

/* decode, step 1: read the IDRs and extract the fields the later steps use. */
static void smmu_read_idf(const struct iommufmt_host_desc *d, struct smmu_idf *x)
{
	struct iommufmt_hw_info_arm_smmuv3 r;

	smmu_regs(d, &r);
	x->idr0 = r.idr[0];
	x->idr1 = r.idr[1];
	x->idr3 = r.idr[3];
	x->idr5 = r.idr[5];
	x->s1p = (x->idr0 >> SMMU_IDR0_S1P) & 1;
	x->s2p = (x->idr0 >> SMMU_IDR0_S2P) & 1;
	x->ttf = smmu_f(x->idr0, SMMU_IDR0_TTF_LO, 2);
	x->httu = smmu_f(x->idr0, SMMU_IDR0_HTTU_LO, 2);
	x->stall = smmu_f(x->idr0, SMMU_IDR0_STALL_LO, 2);
	x->endian = smmu_f(x->idr0, SMMU_IDR0_TTENDIAN_LO, 2);
	x->oas_enc = smmu_f(x->idr5, SMMU_IDR5_OAS_LO, 3);
	x->oas = oas_bits[x->oas_enc];
	x->ias1 = smmu_f(x->idr5, SMMU_IDR5_VAX_LO, 2) == 1 ? 52 : 48;
	x->gpa = x->oas > 48 && !(x->idr5 & (1u << SMMU_IDR5_GRAN64K)) ? 48 : x->oas;
	if (x->gpa > 52)
		x->gpa = 52;
}

/* decode, step 2: refuse IDR0/IDR5 without a translation stage, granule or table format. */
static int smmu_check_idrs(const struct smmu_idf *x, struct iommufmt_diag *diag)
{
	if (!x->s1p && !x->s2p)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr0",
					 IOMMUFMT__DV_VALUE, x->idr0, 0, 0,
					 "IDR0 has neither S1P nor S2P: no translation stage");
	if (!granules(x->idr5))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr5",
					 IOMMUFMT__DV_VALUE, x->idr5, 0, 0,
					 "IDR5 lists no translation granule");
	if (x->ttf != 2 && x->ttf != 3)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr0.ttf",
					 IOMMUFMT__DV_VALUE, x->ttf, 0, 0,
					 "IDR0.TTF %u: no AArch64 table format", x->ttf);
	if (x->stall == 3 || x->endian == 1)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS,
					 x->stall == 3 ? "idr0.stall_model" : "idr0.ttendian",
					 IOMMUFMT__DV_VALUE, x->stall == 3 ? x->stall : x->endian,
					 0, 0, "IDR0 holds a reserved encoding");
	return 0;
}

/* decode, step 3 (per stage): add one LPAE format with the host's granules and output size. */
static int smmu_add_pgtable(struct iommufmt_host_desc *d, const struct smmu_idf *x,
			    uint32_t format, uint32_t flags, unsigned int ias,
			    struct iommufmt_diag *diag)
{
	struct iommufmt_cap_pgtable_format f;

	memset(&f, 0, sizeof(f));
	f.format = format;
	f.flags = flags | (x->httu == 2 ? IOMMUFMT_PGTF_AD : 0);
	f.pgsize_bitmap = granule_pgsizes(x->idr5, x->oas);
	f.granules = granules(x->idr5);
	f.ias = (uint8_t)ias;
	f.oas = (uint8_t)x->oas;
	return iommufmt__host_add_pgtable(d, &f, diag);
}

/* decode, step 3: the stage-1 and stage-2 page-table formats the IDRs offer. */
static int smmu_add_pgtables(struct iommufmt_host_desc *d, const struct smmu_idf *x,
			     struct iommufmt_diag *diag)
{
	int err;

	if (x->s1p) {
		err = smmu_add_pgtable(d, x, IOMMUFMT_PGTABLE_ARM_LPAE_S1,
				       IOMMUFMT_PGTF_EXEC | IOMMUFMT_PGTF_PRIV |
				       (x->s2p ? IOMMUFMT_PGTF_STAGE1 : 0), x->ias1, diag);
		if (err)
			return err;
	}
	if (x->s2p)
		return smmu_add_pgtable(d, x, IOMMUFMT_PGTABLE_ARM_LPAE_S2,
					IOMMUFMT_PGTF_EXEC | IOMMUFMT_PGTF_STAGE2, x->gpa, diag);
	return 0;
}

/* decode, step 4: substream (PASID) width, CD table formats and PASID flags. */
static int smmu_decode_pasid(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
			     const struct smmu_idf *x, struct iommufmt_diag *diag)
{
	const uint32_t ssidsize = smmu_f(x->idr1, SMMU_IDR1_SSIDSIZE_LO, 5);

	if (ssidsize > 20)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "idr1.ssidsize",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ssidsize, 20, 0,
					 "SSIDSIZE %u is above 20 bits", ssidsize);
	d->pasid.pasid_bits = iommufmt__host_pasid_bits(regs, x->s1p ? ssidsize : 0);
	if (x->s1p) {
		d->pasid.table_formats = 1u << IOMMUFMT_PASIDT_SMMU_LINEAR;
		if (x->idr0 & (1u << SMMU_IDR0_CD2L))
			d->pasid.table_formats |= (1u << IOMMUFMT_PASIDT_SMMU_2L_4K) |
						  (1u << IOMMUFMT_PASIDT_SMMU_2L_64K);
	}
	if (d->pasid.pasid_bits)
		iommufmt__host_pasid_flags(d, regs, false, true, true);
	if (x->idr0 & (1u << SMMU_IDR0_PRI))
		d->pasid.flags |= IOMMUFMT_PASID_F_PRI;
	if (x->stall != 1)
		d->pasid.flags |= IOMMUFMT_PASID_F_STALL;
	if (!(x->idr0 & (1u << SMMU_IDR0_ATS)) ||
	    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED))
		d->pasid.flags |= IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;
	return 0;
}

/* decode, step 5: nesting (with both stages) and invalidation capabilities. */
static void smmu_decode_nest_inval(struct iommufmt_host_desc *d, const struct smmu_idf *x)
{
	if (x->s1p && x->s2p) {
		d->nesting.flags = IOMMUFMT_NESTING_F_PASID_TABLE | IOMMUFMT_NESTING_F_PGTABLE |
				   IOMMUFMT_NESTING_F_NO_PASID_S1;
		if (x->httu == 2 || (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING))
			d->nesting.flags |= IOMMUFMT_NESTING_F_DIRTY;
		d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_ARM_LPAE_S2;
		d->nesting.gpa_bits = (uint8_t)x->gpa;
	}

	d->inval.flags = IOMMUFMT_INVF_PASID | IOMMUFMT_INVF_LEAF | IOMMUFMT_INVF_GLOBAL |
			 IOMMUFMT_INVF_PAGE;
	if (x->idr3 & (1u << SMMU_IDR3_RIL)) {
		d->inval.flags |= IOMMUFMT_INVF_RANGE;
		d->inval.max_range_log2 = 36;	/* (NUM + 1) << SCALE: 32 << 31 pages */
	}
	if (x->idr0 & (1u << SMMU_IDR0_ATS))
		d->inval.flags |= IOMMUFMT_INVF_DEVTLB;
	d->inval.asid_bits = x->idr0 & (1u << SMMU_IDR0_ASID16) ? 16 : 8;
}

/* decode, step 6: fault reporting: PRI and the stall model. */
static void smmu_decode_fault(struct iommufmt_host_desc *d, const struct smmu_idf *x)
{
	/* PRI: IDR0.PRI, as the PASID flags */
	iommufmt__host_fault_flags(d, x->s1p && x->s2p);
	if (x->stall != 1)
		d->fault.flags |= IOMMUFMT_FAULTF_STALL;
	if (x->stall == 2)
		d->fault.flags |= IOMMUFMT_FAULTF_STALL_FORCE;
	d->fault.stall_max = (uint16_t)smmu_f(x->idr5, SMMU_IDR5_STALL_MAX_LO, 16);
}

/* decode, step 7: the private words (d->priv[SP_*]) the bind checks compare against. */
static void smmu_fill_priv(struct iommufmt_host_desc *d, const struct smmu_idf *x)
{
	d->priv[SP_TG0] = ((x->idr5 >> SMMU_IDR5_GRAN4K) & 1 ? 1u << 0 : 0) |
			  ((x->idr5 >> SMMU_IDR5_GRAN64K) & 1 ? 1u << 1 : 0) |
			  ((x->idr5 >> SMMU_IDR5_GRAN16K) & 1 ? 1u << 2 : 0);
	d->priv[SP_IPS_MAX] = x->oas_enc;
	d->priv[SP_ASID_MAX] = d->inval.asid_bits == 16 ? 0xffff : 0xff;
	d->priv[SP_SSID_BITS] = d->pasid.pasid_bits;
	d->priv[SP_S1FMT] = x->idr0 & (1u << SMMU_IDR0_CD2L) ? 0x7 : 0x1;
	d->priv[SP_HA] = x->httu >= 1;
	d->priv[SP_HD] = x->httu == 2;
	d->priv[SP_STALL] = x->stall != 1;
	d->priv[SP_STALL_FORCE] = x->stall == 2;
	d->priv[SP_ENDI] = x->endian == 0 ? 0x3 : x->endian == 2 ? 0x1 : 0x2;
	d->priv[SP_EATS] = x->idr0 & (1u << SMMU_IDR0_ATS) &&
			   !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) ? 0x3 : 0x1;
	d->priv[SP_MIN_T0SZ] = x->ias1 == 52 ? 12 : 16;
}

static int smmu_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		       struct iommufmt_diag *diag)
{
	struct smmu_idf x;
	int err;

	smmu_read_idf(d, &x);
	err = smmu_check_idrs(&x, diag);
	if (!err)
		err = smmu_add_pgtables(d, &x, diag);
	if (!err)
		err = smmu_decode_pasid(d, regs, &x, diag);
	if (err)
		return err;
	smmu_decode_nest_inval(d, &x);
	smmu_decode_fault(d, &x);
	smmu_fill_priv(d, &x);
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

/* Whether the guest may see host feature @flag: every feature without a @cfg, else its choice. */
static bool smmu_adv_wants(const struct iommufmt_viommu_config *cfg, uint32_t flag)
{
	return !cfg || (cfg->flags & flag);
}

/* advertise, step 1: IDR0 base: the fields iommufd lists as safe, the stall model and HTTU. */
static uint32_t smmu_adv_idr0_base(uint32_t h0, const struct iommufmt_viommu_config *cfg)
{
	uint32_t keep0, g0, stall;

	keep0 = (3u << SMMU_IDR0_ST_LVL_LO) | (1u << SMMU_IDR0_TERM_MODEL) |
		(3u << SMMU_IDR0_TTENDIAN_LO) | (1u << SMMU_IDR0_CD2L) | (1u << SMMU_IDR0_ASID16);
	g0 = h0 & keep0;
	g0 |= 2u << SMMU_IDR0_TTF_LO;		/* AArch64 tables only */
	g0 |= 1u << SMMU_IDR0_S1P;		/* the guest owns stage 1 */
	g0 |= 1u << SMMU_IDR0_COHACC;		/* iommufd requires coherent hosts */
	stall = smmu_f(h0, SMMU_IDR0_STALL_LO, 2);
	if (stall == 0 && cfg && !(cfg->flags & IOMMUFMT_VIOMMU_F_STALL))
		stall = 1;
	g0 |= stall << SMMU_IDR0_STALL_LO;
	if (smmu_adv_wants(cfg, IOMMUFMT_VIOMMU_F_AD))
		g0 |= smmu_f(h0, SMMU_IDR0_HTTU_LO, 2) << SMMU_IDR0_HTTU_LO;
	return g0;
}

/* advertise, step 2: IDR0 features the host has and @cfg keeps: ATS, PRI, CD2L, ASID16. */
static uint32_t smmu_adv_idr0_features(const struct iommufmt_host_desc *d, uint32_t h0,
				       const struct iommufmt_viommu_config *cfg, uint32_t g0)
{
	if ((h0 & (1u << SMMU_IDR0_ATS)) &&
	    !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) &&
	    smmu_adv_wants(cfg, IOMMUFMT_VIOMMU_F_ATS))
		g0 |= 1u << SMMU_IDR0_ATS;
	if ((h0 & (1u << SMMU_IDR0_PRI)) && smmu_adv_wants(cfg, IOMMUFMT_VIOMMU_F_PRI))
		g0 |= 1u << SMMU_IDR0_PRI;
	if (cfg && !(cfg->pasid_table_formats &
		     ((1u << IOMMUFMT_PASIDT_SMMU_2L_4K) | (1u << IOMMUFMT_PASIDT_SMMU_2L_64K))))
		g0 &= ~(1u << SMMU_IDR0_CD2L);
	if (cfg && cfg->asid_bits && cfg->asid_bits < 16)
		g0 &= ~(1u << SMMU_IDR0_ASID16);
	return g0;
}

/* advertise, step 3: IDR1 (stream and substream widths) and IDR3 (BBML, range invalidation). */
static void smmu_adv_idr1_idr3(const struct iommufmt_host_desc *d,
			       const struct iommufmt_hw_info_arm_smmuv3 *h,
			       const struct iommufmt_viommu_config *cfg,
			       struct iommufmt_hw_info_arm_smmuv3 *g)
{
	g->idr[1] = h->idr[1] & (0x3fu << SMMU_IDR1_SIDSIZE_LO);
	g->idr[1] |= (uint32_t)(cfg ? cfg->pasid_bits : d->pasid.pasid_bits) <<
		     SMMU_IDR1_SSIDSIZE_LO;
	g->idr[3] = h->idr[3] & (3u << SMMU_IDR3_BBML_LO);
	if (!cfg || (cfg->inval_flags & IOMMUFMT_INVF_RANGE))
		g->idr[3] |= h->idr[3] & (1u << SMMU_IDR3_RIL);
}

/* IDR5 granule bits to clear for the granules (bitmap of log2 sizes) a config leaves out. */
static uint32_t smmu_gran_drop(uint32_t granules)
{
	return (granules & (1u << 12) ? 0 : 1u << SMMU_IDR5_GRAN4K) |
	       (granules & (1u << 14) ? 0 : 1u << SMMU_IDR5_GRAN16K) |
	       (granules & (1u << 16) ? 0 : 1u << SMMU_IDR5_GRAN64K);
}

/* advertise, step 4: IDR5: granules, VA and output sizes, stall depth. */
static uint32_t smmu_adv_idr5(const struct iommufmt_host_desc *d, uint32_t h5,
			      const struct iommufmt_viommu_config *cfg)
{
	uint32_t g5, oas_enc;

	g5 = h5 & ((7u << SMMU_IDR5_GRAN4K) | (3u << SMMU_IDR5_VAX_LO) |
		   (0xffffu << SMMU_IDR5_STALL_MAX_LO));
	if (cfg && cfg->granules)
		g5 &= ~smmu_gran_drop(cfg->granules);
	if (cfg && cfg->ias && cfg->ias <= 48)
		g5 &= ~(3u << SMMU_IDR5_VAX_LO);
	oas_enc = oas_enc_for(d->nesting.gpa_bits ? d->nesting.gpa_bits : 48,
			      smmu_f(h5, SMMU_IDR5_OAS_LO, 3));
	if (cfg && cfg->oas)
		oas_enc = oas_enc_for(cfg->oas, oas_enc);
	return g5 | oas_enc << SMMU_IDR5_OAS_LO;
}

static int smmu_advertise(const struct iommufmt_host_desc *d,
			  const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			  __u32 *len, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_arm_smmuv3 h, g;

	(void)diag;
	smmu_regs(d, &h);
	memset(&g, 0, sizeof(g));
	g.idr[0] = smmu_adv_idr0_features(d, h.idr[0], cfg, smmu_adv_idr0_base(h.idr[0], cfg));
	smmu_adv_idr1_idr3(d, &h, cfg, &g);
	g.idr[5] = smmu_adv_idr5(d, h.idr[5], cfg);
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
