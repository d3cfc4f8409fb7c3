/* SPDX-License-Identifier: MIT */
/* SMMUv3 bind validation: guest STE (CD-table bind) and CD (page-table bind), CD-table deep check, iommufd STE. */
#include "formats/smmuv3/nest.h"
#include "formats/tables.h"

/* Header values the payload must repeat (ctx[] of the field checker). */
enum { C_BASE6, C_FMT, C_PASID_BITS, C_ROOT4, C_T0SZ, C_NR };

/*
 * STE words 0-1 of a guest STE with V = 1. Linux lets a guest control only
 * V, Config, S1Fmt, S1ContextPtr, S1CDMax, S1DSS, S1CIR/COR/CSH, S1STALLD and
 * EATS (STRTAB_STE_{0,1}_NESTING_ALLOWED); every other bit is the host's.
 */
static const struct iommufmt__fc ste_rows[] = {
	BIND_FIELD("ste.s1fmt", 0, 5, 4, BIND_HOSTSET, SP_S1FMT, 0x7,
	   "CD-table formats (IDR0.CD2L)"),
	BIND_FIELD("ste.s1contextptr", 0, 51, 6, BIND_EQ, C_BASE6, 0, "base >> 6"),
	BIND_FIELD("ste.w0[58:52]", 0, 58, 52, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("ste.s1cdmax", 0, 63, 59, BIND_HOSTMAX, SP_SSID_BITS, 0, "IDR1.SSIDSIZE"),
	BIND_FIELD("ste.s1cdmax", 0, 63, 59, BIND_EQ, C_PASID_BITS, 0, "pasid_bits"),
	BIND_FIELD("ste.s1dss", 1, 1, 0, BIND_ANY, 0, 0x7,
	   "0 terminate, 1 bypass, 2 SSID 0; 3 is reserved"),
	BIND_FIELD("ste.s1cir", 1, 3, 2, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("ste.s1cor", 1, 5, 4, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("ste.s1csh", 1, 7, 6, BIND_ANY, 0, 0xd, "shareability 1 is reserved"),
	BIND_FIELD("ste.w1[26:8]", 1, 26, 8, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("ste.s1stalld", 1, 27, 27, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("ste.eats", 1, 29, 28, BIND_HOSTSET, SP_EATS, 0x7,
	   "EATS values (split-stage ATS is not nestable)"),
	BIND_FIELD("ste.strw", 1, 31, 30, BIND_NOTSUP, 0, 0, "the StreamWorld belongs to the host"),
	BIND_FIELD("ste.w1[63:32]", 1, 63, 32, BIND_RSVD, 0, 0, NULL),
};

/* CD words 0-7 (bind of one guest stage-1 table; EPD1 = 1, so TTB1 fields are ignored). */
static const struct iommufmt__fc cd_rows[] = {
	BIND_FIELD("cd.t0sz", 0, 5, 0, BIND_HOSTMIN, SP_MIN_T0SZ, 0, "IDR5.VAX input size"),
	BIND_FIELD("cd.t0sz", 0, 5, 0, BIND_EQ, C_T0SZ, 0, "64 - addr_width"),
	BIND_FIELD("cd.tg0", 0, 7, 6, BIND_HOSTSET, SP_TG0, 0x7,
	   "TG0 values (IDR5.GRAN*: bit 0 4K, 1 64K, 2 16K)"),
	BIND_FIELD("cd.ir0", 0, 9, 8, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.or0", 0, 11, 10, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.sh0", 0, 13, 12, BIND_ANY, 0, 0xd, "shareability 1 is reserved"),
	BIND_FIELD("cd.epd0", 0, 14, 14, BIND_NOTSUP, 0, 0,
	   "EPD0 disables walks of the bound table"),
	BIND_FIELD("cd.endi", 0, 15, 15, BIND_HOSTSET, SP_ENDI, 0,
	   "table endianness (IDR0.TTENDIAN)"),
	BIND_FIELD("cd.t1sz", 0, 21, 16, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.tg1", 0, 23, 22, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.ir1", 0, 25, 24, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.or1", 0, 27, 26, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.sh1", 0, 29, 28, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.ips", 0, 34, 32, BIND_HOSTMAX, SP_IPS_MAX, 0, "IDR5.OAS"),
	BIND_FIELD("cd.affd", 0, 35, 35, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.wxn", 0, 36, 36, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.uwxn", 0, 37, 37, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.tbi", 0, 39, 38, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.pan", 0, 40, 40, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.hd", 0, 42, 42, BIND_NEEDS, SP_HD, 0,
	   "hardware dirty updates (IDR0.HTTU = 2)"),
	BIND_FIELD("cd.ha", 0, 43, 43, BIND_NEEDS, SP_HA, 0,
	   "hardware access-flag updates (IDR0.HTTU)"),
	BIND_FIELD("cd.s", 0, 44, 44, BIND_NEEDS, SP_STALL, 0,
	   "a stall model (IDR0.STALL_MODEL != 1)"),
	BIND_FIELD("cd.r", 0, 45, 45, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.a", 0, 46, 46, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.aset", 0, 47, 47, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.asid", 0, 63, 48, BIND_HOSTMAX, SP_ASID_MAX, 0, "ASID width (IDR0.ASID16)"),
	BIND_FIELD("cd.nscfg0", 1, 0, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.had0", 1, 1, 1, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.w1[3:2]", 1, 3, 2, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.ttb0", 1, 55, 4, BIND_EQ, C_ROOT4, 0, "root >> 4"),
	BIND_FIELD("cd.w1[63:56]", 1, 63, 56, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.nscfg1", 2, 0, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.w2[3:2]", 2, 3, 2, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.ttb1", 2, 55, 4, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.w2[63:56]", 2, 63, 56, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("cd.mair", 3, 63, 0, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.amair", 4, 63, 0, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("cd.impdef", 5, 63, 0, BIND_NOTSUP, 0, 0,
	   "IMPLEMENTATION DEFINED fields are not nestable"),
	BIND_FIELD("cd.partid", 6, 63, 0, BIND_NOTSUP, 0, 0, "MPAM PARTID/PMG are not nestable"),
	BIND_FIELD("cd.w7", 7, 63, 0, BIND_RSVD, 0, 0, NULL),
};

enum { T_STE, T_CD };
static const struct iommufmt__fc_table smmu_tables[] = {
	[T_STE] = IOMMUFMT__FC_TABLE(ste_rows, 2, SP_CSTE, SP_CCD),
	[T_CD] = IOMMUFMT__FC_TABLE(cd_rows, 8, SP_CCD, SP_END),
};
/* The compiled tables' room in the private words is sized from these bounds (nest.h). */
_Static_assert(ARRAY_SIZE(ste_rows) <= SMMU_STE_ROWS_MAX, "raise SMMU_STE_ROWS_MAX");
_Static_assert(ARRAY_SIZE(cd_rows) <= SMMU_CD_ROWS_MAX, "raise SMMU_CD_ROWS_MAX");

static const unsigned int ips_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 56 };

static unsigned int tg0_shift(uint64_t tg0)
{
	return tg0 == 0 ? 12 : tg0 == 1 ? 16 : 14;
}

/* Index bits of the top table of a CD's TTB0 walk (T0SZ and TG0 of word 0): 8 << this is its size. */
static unsigned int cd_top_bits(uint64_t w0)
{
	unsigned int g = tg0_shift((w0 >> 6) & 3), stride = g - 3;
	unsigned int ias = 64 - (unsigned int)(w0 & 0x3f);
	unsigned int levels = (ias - g + stride - 1) / stride;

	return ias - g - stride * (levels - 1);
}

/*
 * One CD. @ctx is NULL in the deep check (a CD of the guest's table, not
 * the bound one). Returns 0 or a negative errno with @diag filled.
 */
static int cd_check(const struct iommufmt_host_desc *d, const uint64_t *w, const uint64_t *ctx,
		    struct iommufmt_diag *diag)
{
	uint64_t t0sz, ttb0, align;
	unsigned int g;
	int err;

	if (unlikely(!((w[0] >> 31) & 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.v",
				      "the CD is not valid (V = 0)");
	if (unlikely(!((w[0] >> 41) & 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
				      "cd.aa64", "AArch32 descriptors (AA64 = 0) cannot be nested");
	if (unlikely(!((w[0] >> 30) & 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
				      "cd.epd1", "TTB1 walks (EPD1 = 0) are not part of a page-table "
				      "bind");
	err = iommufmt__fc_check_table(&smmu_tables[T_CD], d, w, ctx, diag);
	if (unlikely(err))
		return err;
	t0sz = w[0] & 0x3f;
	g = tg0_shift((w[0] >> 6) & 3);
	if (unlikely(t0sz > 39))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.t0sz",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, t0sz, 39, 0,
					 "T0SZ %llu is above 39 (a 25-bit input)",
					 (unsigned long long)t0sz);
	if (unlikely(t0sz < 16 && g != 16))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
					 "cd.t0sz", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, t0sz,
					 16, 0, "52-bit input needs the 64K granule (LPA2 is "
					 "not nestable)");
	if (unlikely(((w[0] >> 42) & 1) && !((w[0] >> 43) & 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.hd",
				      "HD (hardware dirty) needs HA (hardware access flag)");
	/* TTB0: inside the CD's own output size, aligned to the top table. */
	ttb0 = w[1] & GENMASK64(55, 4);
	if (unlikely(ttb0 >> ips_bits[(w[0] >> 32) & 7]))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.ttb0",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ttb0,
					 iommufmt__mask(ips_bits[(w[0] >> 32) & 7]), 0,
					 "TTB0 is above the CD's IPS output size");
	align = UINT64_C(8) << cd_top_bits(w[0]);
	if (align < 64)
		align = 64;
	if (unlikely(ttb0 & (align - 1)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "cd.ttb0",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ttb0, align, 0,
					 "TTB0 0x%llx is not aligned to its %llu-byte top table",
					 (unsigned long long)ttb0, (unsigned long long)align);
	return 0;
}

/* Deep check of a CD table: every valid CD, bounded by 2^S1CDMax. */
static int cd_table_deep(const struct iommufmt_host_desc *d, const struct iommufmt_gmem *gmem,
			 uint64_t base, unsigned int s1fmt, unsigned int cdmax,
			 struct iommufmt_diag *diag)
{
	struct iommufmt_diag inner;
	uint8_t raw[64];
	uint64_t w[8];
	unsigned int split = s1fmt == 1 ? 6 : 10;
	uint64_t nl1, per_l2;

	if (s1fmt == 0) {
		nl1 = 1;
		per_l2 = UINT64_C(1) << cdmax;
	} else {
		nl1 = cdmax > split ? UINT64_C(1) << (cdmax - split) : 1;
		per_l2 = cdmax > split ? UINT64_C(1) << split : UINT64_C(1) << cdmax;
	}
	for (uint64_t i = 0; i < nl1; i++) {
		uint64_t l2 = base;

		if (s1fmt) {
			uint64_t desc;

			if (iommufmt_gmem_read(gmem, base + 8 * i, raw, 8))
				return iommufmt__diag_table_read(diag, "l1cd", base + 8 * i,
								 (uint32_t)(i * per_l2));
			desc = iommufmt__le64(raw);
			if (!(desc & 1))
				continue;
			if (desc & (GENMASK64(11, 1) | GENMASK64(63, 56)))
				return iommufmt__diag_table_reserved(diag, "l1cd", desc,
								     "L1 CD descriptor", (uint32_t)i,
								     "L1 descriptor has reserved bits "
								     "set");
			l2 = desc & GENMASK64(55, 12);
		}
		for (uint64_t j = 0; j < per_l2; j++) {
			uint32_t ssid = (uint32_t)(i * per_l2 + j);
			int err;

			if (iommufmt_gmem_read(gmem, l2 + 64 * j, raw, sizeof(raw)))
				return iommufmt__diag_table_read(diag, "cd", l2 + 64 * j, ssid);
			iommufmt__load_le(w, raw, 8);
			if (!((w[0] >> 31) & 1))
				continue;
			iommufmt_diag_init(&inner);
			err = cd_check(d, w, NULL, &inner);
			if (err)
				return iommufmt__diag_table_entry(diag, &inner, "CD of SSID", ssid);
		}
	}
	return 0;
}

static int smmu_check_pasid_table(const struct iommufmt_host_desc *d,
				  const struct iommufmt_bind_pasid_table *b, const void *payload,
				  const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w[2], ctx[C_NR] = { 0 };
	unsigned int cfg, want;
	int err;

	iommufmt__load_le(w, payload, 2);
	if (!(w[0] & 1)) {
		/* V = 0: every other field is ignored (the kernel clears them). */
		if (b->config != IOMMUFMT_BIND_CONFIG_ABORT)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "ste.v",
						 IOMMUFMT__DV_VALUE, 0, 0, 0,
						 "an invalid STE (V = 0) aborts, but config is %u",
						 b->config);
		return 0;
	}
	ctx[C_BASE6] = b->base >> 6;
	ctx[C_FMT] = b->format ? b->format - IOMMUFMT_PASIDT_SMMU_LINEAR : 0;
	ctx[C_PASID_BITS] = b->pasid_bits;
	if (unlikely(b->base & 63))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "base",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->base, 64, 0,
					 "CD table base must be 64-byte aligned");
	err = iommufmt__fc_check_table(&smmu_tables[T_STE], d, w, ctx, diag);
	if (unlikely(err))
		return err;
	if (unlikely(((w[0] >> 4) & 3) != ctx[C_FMT]))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "ste.s1fmt",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, (w[0] >> 4) & 3,
					 ctx[C_FMT], 0, "S1Fmt disagrees with the header's format %u",
					 b->format);
	cfg = (unsigned int)(w[0] >> 1) & 7;
	want = b->config == IOMMUFMT_BIND_CONFIG_TRANSLATE ? STE_CFG_S1 :
	       b->config == IOMMUFMT_BIND_CONFIG_BYPASS ? STE_CFG_BYPASS : STE_CFG_ABORT;
	if (unlikely(cfg == 6 || cfg == 7))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
					 "ste.config", IOMMUFMT__DV_VALUE, cfg, 0, 0,
					 "Config %u enables stage 2, which belongs to the host", cfg);
	if (unlikely(cfg >= 1 && cfg <= 3))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
					 "ste.config", IOMMUFMT__DV_VALUE, cfg, 0, 0,
					 "abort must be encoded as Config 0 (iommufd rejects %u)", cfg);
	if (unlikely(cfg != want))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "ste.config",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, cfg, want, 0,
					 "Config %u disagrees with the header's config %u", cfg,
					 b->config);
	if (unlikely(((w[1] >> 27) & 1) && d->priv[SP_STALL_FORCE]))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
				      "ste.s1stalld", "the host forces stalls "
				      "(IDR0.STALL_MODEL = 2): S1STALLD must be 0");
	if (cfg == STE_CFG_S1 && gmem)
		return cd_table_deep(d, gmem, b->base, (unsigned int)(w[0] >> 4) & 3,
				     b->pasid_bits, diag);
	return 0;
}

static int smmu_check_pgtable(const struct iommufmt_host_desc *d,
			      const struct iommufmt_bind_pgtable *b, const void *payload,
			      const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w[8], ctx[C_NR] = { 0 };
	int err;

	iommufmt__load_le(w, payload, 8);
	ctx[C_ROOT4] = (b->root >> 4) & iommufmt__mask(52);
	ctx[C_T0SZ] = 64 - b->addr_width;
	if (unlikely(b->root & 15))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "root",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->root, 16, 0,
					 "TTB0 holds bits 55:4; root 0x%llx has low bits set",
					 (unsigned long long)b->root);
	err = cd_check(d, w, ctx, diag);
	if (err)
		return err;
	if (gmem)
		return iommufmt__deep_readable(gmem, b->root, UINT64_C(8) << cd_top_bits(w[0]), "root",
					       diag);
	return 0;
}

static int smmu_to_iommufd(const struct iommufmt_host_desc *d, __u32 kind, const void *bind,
			   const void *payload, struct iommufmt_iommufd_hwpt *out,
			   struct iommufmt_diag *diag)
{
	uint64_t w[2];

	(void)d;
	(void)bind;
	if (kind != IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "data_type",
				      "iommufd takes SMMUv3 stage 1 as a guest STE (the CD table); "
				      "a single CD has no HWPT data type");
	iommufmt__load_le(w, payload, 2);
	out->data_type = IOMMUFMT_IOMMUFD_HWPT_DATA_ARM_SMMUV3;
	out->data_len = sizeof(struct iommufmt_iommufd_hwpt_arm_smmuv3);
	if (w[0] & 1) /* the kernel zeroes an invalid STE; do the same */
		memcpy(out->data, payload, 16);
	return 0;
}

static int smmu_from_iommufd(const struct iommufmt_host_desc *d,
			     const struct iommufmt_iommufd_hwpt *in, void *bind, void *payload,
			     __u32 *payload_len, struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pasid_table *b = bind;
	uint64_t w[2];
	unsigned int cfg;
	int err = iommufmt__iommufd_hwpt_in(in, IOMMUFMT_IOMMUFD_HWPT_DATA_ARM_SMMUV3,
					    "IOMMU_HWPT_DATA_ARM_SMMUV3",
					    sizeof(struct iommufmt_iommufd_hwpt_arm_smmuv3), 0, "an STE",
					    diag);

	if (err)
		return err;
	memcpy(payload, in->data, 16);
	iommufmt__load_le(w, payload, 2);
	cfg = (unsigned int)(w[0] >> 1) & 7;
	iommufmt__pasid_table_bind(b, d, IOMMUFMT_BIND_DATA_SMMUV3_STE,
				   !(w[0] & 1) || cfg == STE_CFG_ABORT ? IOMMUFMT_BIND_CONFIG_ABORT :
				   cfg == STE_CFG_BYPASS ? IOMMUFMT_BIND_CONFIG_BYPASS :
				   IOMMUFMT_BIND_CONFIG_TRANSLATE,
				   IOMMUFMT_PASIDT_SMMU_LINEAR + (uint32_t)((w[0] >> 4) & 3),
				   (uint8_t)(w[0] >> 59), w[0] & GENMASK64(51, 6));
	*payload_len = 16;
	return IOMMUFMT_BIND_KIND_PASID_TABLE;
}

static int smmu_pgtable_cfg(const struct iommufmt_host_desc *d,
			    const struct iommufmt_bind_pgtable *b, const void *payload,
			    struct iommufmt_pgtable_cfg *cfg)
{
	uint64_t w0 = iommufmt__le64(payload);

	(void)d;
	cfg->format = IOMMUFMT_PGTABLE_ARM_LPAE_S1;
	cfg->root = b->root;
	cfg->ias = 64 - (uint32_t)(w0 & 0x3f);
	cfg->oas = ips_bits[(w0 >> 32) & 7];
	cfg->granule = tg0_shift((w0 >> 6) & 3);
	cfg->flags = IOMMUFMT_PGTABLE_F_EXEC;
	if ((w0 >> 43) & 1)
		cfg->flags |= IOMMUFMT_PGTABLE_F_AD;
	if ((w0 >> 35) & 1)
		cfg->flags |= IOMMUFMT_PGTABLE_F_AFFD;
	return 0;
}

int iommufmt__smmu_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag)
{
	return iommufmt__fc_compile_all(d, smmu_tables, ARRAY_SIZE(smmu_tables), "SMMUv3", diag);
}

static const struct iommufmt_data_type_desc smmu_bind_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_BIND_DATA_SMMUV3_STE, IOMMUFMT_BIND_KIND_PASID_TABLE,
				  struct iommufmt_smmuv3_ste),
	{ IOMMUFMT_BIND_DATA_SMMUV3_CD, IOMMUFMT_BIND_KIND_PGTABLE,
	  IOMMUFMT_SMMUV3_CD_SIZE_VER0, sizeof(struct iommufmt_smmuv3_cd) },
};

const struct iommufmt_bind_ops iommufmt__smmuv3_bind_ops = {
	IOMMUFMT__BIND_OPS_HEAD(smmu_bind_types),
	.check_pasid_table = smmu_check_pasid_table,
	.check_pgtable = smmu_check_pgtable,
	.to_iommufd = smmu_to_iommufd,
	.from_iommufd = smmu_from_iommufd,
	.pgtable_cfg = smmu_pgtable_cfg,
};
