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

static int vtd_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		      struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_vtd r;
	struct iommufmt_cap_pgtable_format f;
	uint64_t cap, ecap;
	unsigned int mgaw, ss_w, ss_min, ss_max, flts, slts, nest, sm;
	int err;

	vtd_regs(d, &r);
	cap = r.cap_reg;
	ecap = r.ecap_reg;
	if (r.flags & ~(uint32_t)IOMMUFMT_HW_INFO_VTD_ERRATA_772415_SPR17)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
					 "vtd.flags", IOMMUFMT__DV_VALUE, r.flags, 0, 0,
					 "unknown VT-d hw_info flags 0x%x", r.flags);
	if (!cap)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_HOST_REGS, "cap_reg",
				      "CAP_REG is zero");
	mgaw = (unsigned int)FIELD64(cap, 21, 16) + 1;
	if (mgaw < 39 || mgaw > 64)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "cap.mgaw",
					 IOMMUFMT__DV_VALUE, mgaw, 0, 0,
					 "MGAW gives a %u-bit guest address width", mgaw);
	if (mgaw > 52)
		mgaw = 52;
	flts = (unsigned int)vtd_bit(ecap, VTD_ECAP_FLTS);
	slts = (unsigned int)vtd_bit(ecap, VTD_ECAP_SLTS);
	nest = (unsigned int)vtd_bit(ecap, VTD_ECAP_NEST);
	sm = (unsigned int)vtd_bit(ecap, VTD_ECAP_SMTS);
	ss_w = sagaw_max_width(cap, &ss_min, &ss_max);
	if (ss_w > mgaw)
		ss_w = mgaw;
	if (slts && !ss_w)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS, "cap.sagaw",
					 IOMMUFMT__DV_VALUE, FIELD64(cap, 12, 8), 0, 0,
					 "second stage offered but SAGAW names no table depth");
	if (flts) {
		err = iommufmt__x86_s1_add_format(d, IOMMUFMT_PGTF_AD |
						  (nest && slts && sm ? IOMMUFMT_PGTF_STAGE1 : 0) |
						  (vtd_bit(ecap, VTD_ECAP_ERS) ? IOMMUFMT_PGTF_EXEC : 0) |
						  (vtd_bit(ecap, VTD_ECAP_SRS) ? IOMMUFMT_PGTF_PRIV : 0),
						  vtd_bit(cap, VTD_CAP_FS1GP), vtd_bit(cap, VTD_CAP_FS5LP),
						  mgaw, diag);
		if (err)
			return err;
	}
	if (slts) {
		memset(&f, 0, sizeof(f));
		f.format = IOMMUFMT_PGTABLE_VTD_SS;
		f.flags = (nest ? IOMMUFMT_PGTF_STAGE2 : 0) |
			  (vtd_bit(ecap, VTD_ECAP_SLADS) ? IOMMUFMT_PGTF_AD : 0) |
			  (r.flags & IOMMUFMT_HW_INFO_VTD_ERRATA_772415_SPR17 ?
			   IOMMUFMT_PGTF_NO_READONLY : 0);
		f.pgsize_bitmap = BIT64(12) | (FIELD64(cap, 34, 34) ? BIT64(21) : 0) |
				  (FIELD64(cap, 35, 35) ? BIT64(30) : 0);
		f.granules = 1u << 12;
		f.min_levels = (uint8_t)ss_min;
		f.max_levels = (uint8_t)ss_max;
		f.ias = (uint8_t)ss_w;
		f.oas = (uint8_t)mgaw;
		err = iommufmt__host_add_pgtable(d, &f, diag);
		if (err)
			return err;
	}

	if (vtd_bit(ecap, VTD_ECAP_PASID) && sm) {
		d->pasid.pasid_bits = iommufmt__host_pasid_bits(regs,
								(unsigned int)FIELD64(ecap, 39, 35) + 1);
		d->pasid.table_formats = 1u << IOMMUFMT_PASIDT_VTD_SM;
	}
	if (d->pasid.pasid_bits)
		iommufmt__host_pasid_flags(d, regs, vtd_bit(ecap, VTD_ECAP_PRS),
					   vtd_bit(ecap, VTD_ECAP_ERS), vtd_bit(ecap, VTD_ECAP_SRS));
	if (!vtd_bit(ecap, VTD_ECAP_DT) ||
	    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED))
		d->pasid.flags |= IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;

	if (nest && flts && slts && sm) {
		/* Hardware nests a first stage per PASID; the guest's PASID table is shadowed. */
		d->nesting.flags = IOMMUFMT_NESTING_F_PGTABLE | IOMMUFMT_NESTING_F_SHADOW |
				   IOMMUFMT_NESTING_F_NO_PASID_S1;
		if (vtd_bit(ecap, VTD_ECAP_SLADS) ||
		    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING))
			d->nesting.flags |= IOMMUFMT_NESTING_F_DIRTY;
		d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_X86_64;
		d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_VTD_SS;
		d->nesting.gpa_bits = (uint8_t)ss_w;
	}

	d->inval.flags = IOMMUFMT_INVF_GLOBAL | IOMMUFMT_INVF_LEAF;
	if (d->pasid.pasid_bits)
		d->inval.flags |= IOMMUFMT_INVF_PASID;
	if (vtd_bit(ecap, VTD_ECAP_DT))
		d->inval.flags |= IOMMUFMT_INVF_DEVTLB;
	if (vtd_bit(cap, VTD_CAP_PSI)) {
		d->inval.flags |= IOMMUFMT_INVF_PAGE | IOMMUFMT_INVF_RANGE;
		d->inval.max_range_log2 = (uint8_t)FIELD64(cap, 53, 48);
	}
	d->inval.asid_bits = (uint8_t)(4 + 2 * FIELD64(cap, 2, 0));
	if (d->inval.asid_bits > 16)
		d->inval.asid_bits = 16;

	iommufmt__host_fault_flags(d, d->nesting.flags != 0);

	d->priv[VP_SRS] = vtd_bit(ecap, VTD_ECAP_SRS);
	d->priv[VP_EAFS] = vtd_bit(ecap, VTD_ECAP_EAFS);
	d->priv[VP_PRS] = vtd_bit(ecap, VTD_ECAP_PRS);
	d->priv[VP_DT] = vtd_bit(ecap, VTD_ECAP_DT) &&
			 !(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED);
	d->priv[VP_PASID] = d->pasid.pasid_bits != 0;
	d->priv[VP_FLPM_MAX] = vtd_bit(cap, VTD_CAP_FS5LP);
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
