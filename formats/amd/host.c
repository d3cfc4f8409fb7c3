/* SPDX-License-Identifier: MIT */
/* AMD-Vi host description: decode EFR into generic capabilities; advertise the EFR a guest vIOMMU shows. */
#include "formats/amd/nest.h"
#include "formats/x86_stage1.h"

static int amd_decode(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
		      struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_amd r;
	struct iommufmt_cap_pgtable_format f;
	uint64_t efr;
	unsigned int hats, gats, glx, gt, host_levels;
	int err;

	memcpy(&r, d->raw, sizeof(r));
	efr = r.efr;
	hats = (unsigned int)FIELD64(efr, 11, 10);
	gats = (unsigned int)FIELD64(efr, 13, 12);
	glx = (unsigned int)FIELD64(efr, 15, 14);
	gt = (unsigned int)((efr >> AMD_EFR_GT) & 1);
	if (hats == 3 || (gt && (gats > 1 || glx == 3)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_HOST_REGS,
					 hats == 3 ? "efr.hats" : gats > 1 ? "efr.gats" : "efr.glx",
					 IOMMUFMT__DV_VALUE, efr, 0, 0,
					 "EFR holds a reserved encoding (HATS 3, GATS > 1 or GLX 3)");
	host_levels = 4 + hats;

	memset(&f, 0, sizeof(f));
	f.format = IOMMUFMT_PGTABLE_AMD_V1;
	f.flags = (gt ? IOMMUFMT_PGTF_STAGE2 : 0) |
		  ((efr >> AMD_EFR_HASUP) & 1 && (efr >> AMD_EFR_HDSUP) & 1 ? IOMMUFMT_PGTF_AD : 0);
	f.pgsize_bitmap = GENMASK64(51, 12) & ~BIT64(39);	/* linux AMD_IOMMU_PGSIZES */
	f.granules = 1u << 12;
	f.min_levels = 1;
	f.max_levels = (uint8_t)host_levels;
	f.ias = (uint8_t)(host_levels >= 6 ? 64 : 12 + 9 * host_levels);
	f.oas = 52;
	err = iommufmt__host_add_pgtable(d, &f, diag);
	if (err)
		return err;
	if (gt) {
		err = iommufmt__x86_s1_add_format(d, IOMMUFMT_PGTF_STAGE1 | IOMMUFMT_PGTF_AD |
						  ((efr >> AMD_EFR_NX) & 1 ? IOMMUFMT_PGTF_EXEC : 0) |
						  ((efr >> AMD_EFR_US) & 1 ? IOMMUFMT_PGTF_PRIV : 0),
						  true, gats != 0, 52, diag);
		if (err)
			return err;

		d->pasid.pasid_bits = iommufmt__host_pasid_bits(regs,
								(unsigned int)FIELD64(efr, 36, 32) + 1);
		for (unsigned int l = 0; l <= glx; l++)
			d->pasid.table_formats |= 1u << (IOMMUFMT_PASIDT_AMD_GCR3_1L + l);
		iommufmt__host_pasid_flags(d, regs, (efr >> AMD_EFR_PPR) & 1, (efr >> AMD_EFR_NX) & 1,
					   (efr >> AMD_EFR_US) & 1);

		d->nesting.flags = IOMMUFMT_NESTING_F_PASID_TABLE | IOMMUFMT_NESTING_F_PGTABLE;
		if ((efr >> AMD_EFR_GIOSUP) & 1)
			d->nesting.flags |= IOMMUFMT_NESTING_F_NO_PASID_S1;
		if ((efr >> AMD_EFR_HDSUP) & 1 ||
		    (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING))
			d->nesting.flags |= IOMMUFMT_NESTING_F_DIRTY;
		d->nesting.stage1_formats = 1u << IOMMUFMT_PGTABLE_X86_64;
		d->nesting.stage2_formats = 1u << IOMMUFMT_PGTABLE_AMD_V1;
		d->nesting.gpa_bits = host_levels == 4 ? 48 : 52;
	}
	if (d->iommufd_caps & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED)
		d->pasid.flags |= IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED;

	d->inval.flags = IOMMUFMT_INVF_RANGE | IOMMUFMT_INVF_PAGE |
			 (d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED ? 0 :
			  IOMMUFMT_INVF_DEVTLB) |
			 ((efr >> AMD_EFR_IA) & 1 ? IOMMUFMT_INVF_GLOBAL : 0) |
			 (gt ? IOMMUFMT_INVF_PASID : 0);
	d->inval.max_range_log2 = 40;	/* S = 1 encodes any power of two up to the whole space */
	d->inval.asid_bits = 16;	/* DomainID */

	iommufmt__host_fault_flags(d, gt);

	d->priv[AP_GT] = gt;
	d->priv[AP_GLX_MAX] = glx;
	d->priv[AP_GPM_MAX] = gats;
	d->priv[AP_GIOV] = (efr >> AMD_EFR_GIOSUP) & 1;
	d->priv[AP_PPR] = (efr >> AMD_EFR_PPR) & 1;
	return iommufmt__amd_bind_prepare(d, diag);
}

static int amd_advertise(const struct iommufmt_host_desc *d,
			 const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			 __u32 *len, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_info_amd h, g;
	unsigned int pasid_bits, glx;

	(void)diag;
	memcpy(&h, d->raw, sizeof(h));
	memset(&g, 0, sizeof(g));
	/* Only guest (v2) translation: the host v1 table is the nest parent (HATS = 0 shown). */
	if (!((h.efr >> AMD_EFR_GT) & 1))
		goto out;
	g.efr = BIT64(AMD_EFR_GT);
	g.efr |= h.efr & (BIT64(AMD_EFR_NX) | BIT64(AMD_EFR_US));
	if ((!cfg || cfg->ias > 48) && FIELD64(h.efr, 13, 12) == 1)
		g.efr |= UINT64_C(1) << AMD_EFR_GATS_LO;
	pasid_bits = cfg ? cfg->pasid_bits : d->pasid.pasid_bits;
	if (pasid_bits) {
		g.efr |= (uint64_t)(pasid_bits - 1) << AMD_EFR_PASMAX_LO;
		glx = (pasid_bits + 8) / 9 - 1;
		if (glx > FIELD64(h.efr, 15, 14))
			glx = (unsigned int)FIELD64(h.efr, 15, 14);
		g.efr |= (uint64_t)glx << AMD_EFR_GLX_LO;
	}
	if ((h.efr >> AMD_EFR_PPR) & 1 && (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_PRI)))
		g.efr |= BIT64(AMD_EFR_PPR);
	if ((h.efr >> AMD_EFR_GIOSUP) & 1 && (!cfg || (cfg->flags & IOMMUFMT_VIOMMU_F_NO_PASID_S1)))
		g.efr |= BIT64(AMD_EFR_GIOSUP);
	if ((h.efr >> AMD_EFR_IA) & 1)
		g.efr |= BIT64(AMD_EFR_IA);
out:
	return iommufmt__advertise_out(data, data_type, len, IOMMUFMT_HW_INFO_TYPE_AMD, &g, sizeof(g));
}

static const struct iommufmt_data_type_desc amd_hw_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_HW_INFO_TYPE_AMD, IOMMUFMT_BIND_KIND_HW_INFO,
				  struct iommufmt_hw_info_amd),
};

const struct iommufmt_host_ops iommufmt__amd_host_ops = IOMMUFMT__HOST_OPS(amd, AP_END);
