/* SPDX-License-Identifier: MIT */
/* VT-d host description: decode CAP/ECAP into generic capabilities; advertise the CAP/ECAP a guest vIOMMU shows. */
#include "formats/intel/nest.h"
#include "formats/x86_stage1.h"

/* Widest second-stage input width SAGAW allows (bit 1: 39, 2: 48, 3: 57). */
static unsigned int sagaw_max_width(uint64_t cap, unsigned int *min_levels,
				    unsigned int *max_levels)
{
	unsigned int sagaw = (unsigned int)FIELD64(cap, 12, 8), w = 0;

	*min_levels = *max_levels = 0;
	for (unsigned int b = 1; b <= 3; b++) {
		if (!(sagaw & (1u << b)))
			continue;
		if (!*min_levels)
			*min_levels = b + 2;
		*max_levels = b + 2;
		w = 30 + 9 * b;
	}
	return w;
}

/* The CAP/ECAP fields that decode reads, extracted once for its steps. */
struct vtd_capf {
	uint64_t cap, ecap;
	uint32_t flags;			/* hw_info flags (errata) */
	unsigned int mgaw_reg;		/* CAP.MGAW + 1, as the register gives it */
	unsigned int mgaw;		/* the same, at most 52 bits */
	unsigned int ss_w, ss_min, ss_max;	/* second stage: input width and levels (SAGAW) */
	unsigned int flts, slts, nest, sm;
};

/* decode, step 1: read CAP/ECAP and extract the fields and widths the later steps use. */
static void vtd_read_capf(const struct iommufmt_host_desc *d, struct vtd_capf *x)
{
	struct iommufmt_hw_info_vtd r;

	vtd_regs(d, &r);
	x->cap = r.cap_reg;
	x->ecap = r.ecap_reg;
	x->flags = r.flags;
	x->mgaw_reg = (unsigned int)FIELD64(x->cap, 21, 16) + 1;
	x->mgaw = x->mgaw_reg > 52 ? 52 : x->mgaw_reg;
	x->flts = (unsigned int)vtd_bit(x->ecap, VTD_ECAP_FLTS);
	x->slts = (unsigned int)vtd_bit(x->ecap, VTD_ECAP_SLTS);
	x->nest = (unsigned int)vtd_bit(x->ecap, VTD_ECAP_NEST);
	x->sm = (unsigned int)vtd_bit(x->ecap, VTD_ECAP_SMTS);
	x->ss_w = sagaw_max_width(x->cap, &x->ss_min, &x->ss_max);
	if (x->ss_w > x->mgaw)
		x->ss_w = x->mgaw;
}

/* decode, step 2: refuse unknown flags, a zero CAP, an impossible MGAW or an empty SAGAW. */
static int vtd_check_capf(const struct vtd_capf *x, struct iommufmt_diag *diag)
{
	if (x->flags & ~(uint32_t)IOMMUFMT_HW_INFO_VTD_ERRATA_772415_SPR17)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
					 "vtd.flags", IOMMUFMT__DV_VALUE, x->flags, 0, 0,
					 "unknown VT-d hw_info flags 0x%x", x->flags);
	if (!x->cap)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_HOST_REGS, "cap_reg",
				      "CAP_REG is zero");
	if (x->mgaw_reg < 39 || x->mgaw_reg > 64)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "cap.mgaw",
					 IOMMUFMT__DV_VALUE, x->mgaw_reg, 0, 0,
					 "MGAW gives a %u-bit guest address width", x->mgaw_reg);
	if (x->slts && !x->ss_w)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "cap.sagaw",
					 IOMMUFMT__DV_VALUE, FIELD64(x->cap, 12, 8), 0, 0,
					 "second stage offered but SAGAW names no table depth");
	return 0;
}

/* decode, step 3a: the first-stage (x86-64) format, when ECAP.FLTS offers it. */
static int vtd_add_first_stage(struct iommufmt_host_desc *d, const struct vtd_capf *x,
			       struct iommufmt_diag *diag)
{
	uint32_t flags;

	if (!x->flts)
		return 0;
	flags = IOMMUFMT_PGTF_AD | (x->nest && x->slts && x->sm ? IOMMUFMT_PGTF_STAGE1 : 0) |
		(vtd_bit(x->ecap, VTD_ECAP_ERS) ? IOMMUFMT_PGTF_EXEC : 0) |
		(vtd_bit(x->ecap, VTD_ECAP_SRS) ? IOMMUFMT_PGTF_PRIV : 0);
	return iommufmt__x86_s1_add_format(d, flags, vtd_bit(x->cap, VTD_CAP_FS1GP),
					   vtd_bit(x->cap, VTD_CAP_FS5LP), x->mgaw, diag);
}

/* decode, step 3b: the second-stage (vtd-ss) format, when ECAP.SLTS offers it. */
static int vtd_add_second_stage(struct iommufmt_host_desc *d, const struct vtd_capf *x,
				struct iommufmt_diag *diag)
{
	struct iommufmt_cap_pgtable_format f;

	if (!x->slts)
		return 0;
	memset(&f, 0, sizeof(f));
	f.format = IOMMUFMT_PGTABLE_VTD_SS;
	f.flags = (x->nest ? IOMMUFMT_PGTF_STAGE2 : 0) |
		  (vtd_bit(x->ecap, VTD_ECAP_SLADS) ? IOMMUFMT_PGTF_AD : 0) |
		  (x->flags & IOMMUFMT_HW_INFO_VTD_ERRATA_772415_SPR17 ?
		   IOMMUFMT_PGTF_NO_READONLY : 0);
	f.pgsize_bitmap = BIT64(12) | (FIELD64(x->cap, 34, 34) ? BIT64(21) : 0) |
			  (FIELD64(x->cap, 35, 35) ? BIT64(30) : 0);
	f.granules = 1u << 12;
	f.min_levels = (uint8_t)x->ss_min;
	f.max_levels = (uint8_t)x->ss_max;
	f.ias = (uint8_t)x->ss_w;
	f.oas = (uint8_t)x->mgaw;
	return iommufmt__host_add_pgtable(d, &f, diag);
}

/* decode, step 4: PASID width (scalable mode only), table format and flags. */
static void vtd_decode_pasid(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
			     const struct vtd_capf *x)
{
	if (vtd_bit(x->ecap, VTD_ECAP_PASID) && x->sm) {
		const unsigned int pss = (unsigned int)FIELD64(x->ecap, 39, 35);

		d->pasid.pasid_bits = iommufmt__host_pasid_bits(regs, pss + 1);
		d->pasid.table_formats = 1u << IOMMUFMT_PASIDT_VTD_SM;
	}
	if (d->pasid.pasid_bits)
		iommufmt__host_pasid_flags(d, regs, vtd_bit(x->ecap, VTD_ECAP_PRS),
					   vtd_bit(x->ecap, VTD_ECAP_ERS),
					   vtd_bit(x->ecap, VTD_ECAP_SRS));
	if (!vtd_bit(x->ecap, VTD_ECAP_DT) ||
	    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED))
		d->pasid.flags |= IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;
}

/* decode, step 5: nesting, when both stages, nesting and scalable mode are there. */
static void vtd_decode_nesting(struct iommufmt_host_desc *d, const struct vtd_capf *x)
{
	if (!(x->nest && x->flts && x->slts && x->sm))
		return;
	/* Hardware nests a first stage per PASID; the guest's PASID table is shadowed. */
	d->nesting.flags = IOMMUFMT_NESTING_F_PGTABLE | IOMMUFMT_NESTING_F_SHADOW |
			   IOMMUFMT_NESTING_F_NO_PASID_S1;
	if (vtd_bit(x->ecap, VTD_ECAP_SLADS) ||
	    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING))
		d->nesting.flags |= IOMMUFMT_NESTING_F_DIRTY;
	d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_X86_64;
	d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_VTD_SS;
	d->nesting.gpa_bits = (uint8_t)x->ss_w;
}

/* decode, step 6: invalidation: PASID, device TLB, page-selective ranges, domain-id width. */
static void vtd_decode_inval(struct iommufmt_host_desc *d, const struct vtd_capf *x)
{
	d->inval.flags = IOMMUFMT_INVF_GLOBAL | IOMMUFMT_INVF_LEAF;
	if (d->pasid.pasid_bits)
		d->inval.flags |= IOMMUFMT_INVF_PASID;
	if (vtd_bit(x->ecap, VTD_ECAP_DT))
		d->inval.flags |= IOMMUFMT_INVF_DEVTLB;
	if (vtd_bit(x->cap, VTD_CAP_PSI)) {
		d->inval.flags |= IOMMUFMT_INVF_PAGE | IOMMUFMT_INVF_RANGE;
		d->inval.max_range_log2 = (uint8_t)FIELD64(x->cap, 53, 48);
	}
	d->inval.asid_bits = (uint8_t)(4 + 2 * FIELD64(x->cap, 2, 0));
	if (d->inval.asid_bits > 16)
		d->inval.asid_bits = 16;
}

/* decode, step 8: the private words (d->priv[VP_*]) the bind checks compare against. */
static void vtd_fill_priv(struct iommufmt_host_desc *d, const struct vtd_capf *x)
{
	d->priv[VP_SRS] = vtd_bit(x->ecap, VTD_ECAP_SRS);
	d->priv[VP_EAFS] = vtd_bit(x->ecap, VTD_ECAP_EAFS);
	d->priv[VP_PRS] = vtd_bit(x->ecap, VTD_ECAP_PRS);
	d->priv[VP_DT] = vtd_bit(x->ecap, VTD_ECAP_DT) &&
			 !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED);
	d->priv[VP_PASID] = d->pasid.pasid_bits != 0;
	d->priv[VP_FLPM_MAX] = vtd_bit(x->cap, VTD_CAP_FS5LP);
}

static int vtd_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		      struct iommufmt_diag *diag)
{
	struct vtd_capf x;
	int err;

	vtd_read_capf(d, &x);
	err = vtd_check_capf(&x, diag);
	if (!err)
		err = vtd_add_first_stage(d, &x, diag);
	if (!err)
		err = vtd_add_second_stage(d, &x, diag);
	if (err)
		return err;
	vtd_decode_pasid(d, regs, &x);
	vtd_decode_nesting(d, &x);
	vtd_decode_inval(d, &x);
	/* decode, step 7: fault reporting, nested or not */
	iommufmt__host_fault_flags(d, d->nesting.flags != 0);
	vtd_fill_priv(d, &x);
	return iommufmt__vtd_bind_prepare(d, diag);
}

static int vtd_advertise(const struct iommufmt_host_desc *d,
			 const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			 __u32 *len, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_vtd h, g;
	unsigned int mgaw, pasid_bits;
	uint64_t keep;

	(void)diag;
	vtd_regs(d, &h);
	memset(&g, 0, sizeof(g));
	/* CAP: domain count, SAGAW (read-only with SLTS = 0), widths, invalidation, FS pages. */
	g.cap_reg = h.cap_reg & (GENMASK64(2, 0) | GENMASK64(12, 8));
	mgaw = d->nesting.gpa_bits ? d->nesting.gpa_bits : (unsigned int)FIELD64(h.cap_reg, 21, 16) + 1;
	if (cfg && cfg->oas && cfg->oas < mgaw)
		mgaw = cfg->oas;
	/*
	 * VT-d has no MGAW below 39 bits (the smallest second stage has three
	 * levels; the decoder refuses less): a narrower guest-physical width is
	 * shown as 39, and the nest parent still faults anything above it.
	 */
	if (mgaw < 39)
		mgaw = 39;
	g.cap_reg |= (uint64_t)(mgaw - 1) << 16;
	if (!cfg || (cfg->inval_flags & (IOMMUFMT_INVF_PAGE | IOMMUFMT_INVF_RANGE)))
		g.cap_reg |= h.cap_reg & (BIT64(VTD_CAP_PSI) | GENMASK64(53, 48));
	if (!cfg || (cfg->pgsize_bitmap & BIT64(30)))
		g.cap_reg |= h.cap_reg & BIT64(VTD_CAP_FS1GP);
	if (!cfg || cfg->ias > 48)
		g.cap_reg |= h.cap_reg & BIT64(VTD_CAP_FS5LP);
	/* ECAP: scalable mode with first stage only; everything else the host nests. */
	keep = BIT64(VTD_ECAP_C) | BIT64(VTD_ECAP_QI) | BIT64(VTD_ECAP_PT) |
	       BIT64(VTD_ECAP_SMTS) | BIT64(VTD_ECAP_SMPWC) | BIT64(VTD_ECAP_PDS) |
	       BIT64(VTD_ECAP_EAFS);
	g.ecap_reg = (h.ecap_reg & keep) | BIT64(VTD_ECAP_FLTS);
	pasid_bits = cfg ? cfg->pasid_bits : d->pasid.pasid_bits;
	if (pasid_bits && d->pasid.pasid_bits) {
		g.ecap_reg |= BIT64(VTD_ECAP_PASID) | ((uint64_t)(pasid_bits - 1) << VTD_ECAP_PSS_LO);
		if ((d->pasid.flags & IOMMUFMT_PASID_F_PRIV) &&
		    (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_PRIV)))
			g.ecap_reg |= BIT64(VTD_ECAP_SRS);
		if ((d->pasid.flags & IOMMUFMT_PASID_F_PRI) &&
		    (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_PRI)))
			g.ecap_reg |= BIT64(VTD_ECAP_PRS);
	}
	if (!(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED) &&
	    (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_ATS)))
		g.ecap_reg |= h.ecap_reg & BIT64(VTD_ECAP_DT);
	return iommufmt__advertise_out(data, data_type, len, IOMMUFMT_HW_INFO_TYPE_INTEL_VTD, &g,
				       sizeof(g));
}

static const struct iommufmt_data_type_desc vtd_hw_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_HW_INFO_TYPE_INTEL_VTD, IOMMUFMT_BIND_KIND_HW_INFO,
				  struct iommufmt_hw_info_vtd),
};

const struct iommufmt_host_ops iommufmt__intel_host_ops = IOMMUFMT__HOST_OPS(vtd, VP_END);
