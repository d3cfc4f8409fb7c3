/* SPDX-License-Identifier: MIT */
/* AMD-Vi bind validation: guest DTE (GCR3-table bind), GCR3 entries (page-table bind), GCR3 deep check. */
#include "formats/amd/nest.h"
#include "formats/tables.h"
#include "formats/x86_stage1.h"

enum { C_GLX, C_GPM, C_ROOT12, C_NR };

/*
 * Guest DTE words 0-3 with V = 1. The guest owns V, PPR, GRPR, GIOV, GV,
 * GLX, the GCR3 root, DomainID and GuestPagingMode (what linux's
 * set_dte_nested copies); Mode and the host table root must be zero; the
 * remaining fields (TV, IR, IW, ATS and interrupt controls, interrupt
 * remapping) are host-owned and ignored.
 */
static const struct iommufmt__fc dte_rows[] = {
	BIND_FIELD("dte.tv", 0, 1, 1, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.w0[6:2]", 0, 6, 2, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("dte.had", 0, 8, 7, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.mode", 0, 11, 9, BIND_NOTSUP, 0, 0,
	   "the host (v1) table belongs to the host"),
	BIND_FIELD("dte.host_trp", 0, 51, 12, BIND_NOTSUP, 0, 0,
	   "the host (v1) table belongs to the host"),
	BIND_FIELD("dte.ppr", 0, 52, 52, BIND_NEEDS, AP_PPR, 0,
	   "peripheral page requests (EFR.PPRSup)"),
	BIND_FIELD("dte.grpr", 0, 53, 53, BIND_NEEDS, AP_PPR, 0,
	   "peripheral page requests (EFR.PPRSup)"),
	BIND_FIELD("dte.giov", 0, 54, 54, BIND_NEEDS, AP_GIOV, 0,
	   "PASID-less guest translation (EFR.GIOSup)"),
	BIND_FIELD("dte.gv", 0, 55, 55, BIND_NEEDS, AP_GT, 0, "guest translation (EFR.GTSup)"),
	BIND_FIELD("dte.glx", 0, 57, 56, BIND_HOSTMAX, AP_GLX_MAX, 0x7, "EFR.GLXSup"),
	BIND_FIELD("dte.glx", 0, 57, 56, BIND_EQ, C_GLX, 0, "format"),
	BIND_FIELD("dte.ir", 0, 61, 61, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.iw", 0, 62, 62, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.w0[63]", 0, 63, 63, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("dte.domainid", 1, 15, 0, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("dte.w1[42:32]", 1, 42, 32, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.w2[53:0]", 2, 53, 0, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.gpm", 2, 55, 54, BIND_HOSTMAX, AP_GPM_MAX, 0x3,
	   "5-level guest tables (EFR.GATS)"),
	BIND_FIELD("dte.w2[63:56]", 2, 63, 56, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("dte.w3", 3, 63, 0, BIND_IGNORED, 0, 0, NULL),
};

/* One GCR3 table entry: the guest CR3 of one PASID. */
static const struct iommufmt__fc gcr3_rows[] = {
	BIND_FIELD("gcr3.w0[11:1]", 0, 11, 1, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("gcr3.cr3", 0, 51, 12, BIND_EQ, C_ROOT12, 0, "root >> 12"),
	BIND_FIELD("gcr3.w0[63:52]", 0, 63, 52, BIND_RSVD, 0, 0, NULL),
};

/* Fields the checks below read beyond the row tables, in the same (word, hi, lo) notation. */
static const struct iommufmt__bits dte_v = IOMMUFMT__BITS(0, 0, 0);
static const struct iommufmt__bits dte_giov = IOMMUFMT__BITS(0, 54, 54);
static const struct iommufmt__bits dte_gv = IOMMUFMT__BITS(0, 55, 55);
static const struct iommufmt__bits dte_glx = IOMMUFMT__BITS(0, 57, 56);

enum { T_DTE, T_GCR3 };
static const struct iommufmt__fc_table amd_tables[] = {
	[T_DTE] = IOMMUFMT__FC_TABLE(dte_rows, 4, AP_CDTE, AP_CGCR3),
	[T_GCR3] = IOMMUFMT__FC_TABLE(gcr3_rows, 1, AP_CGCR3, AP_END),
};
/* The compiled tables' room in the private words is sized from these bounds (nest.h). */
_Static_assert(ARRAY_SIZE(dte_rows) <= AMD_DTE_ROWS_MAX, "raise AMD_DTE_ROWS_MAX");
_Static_assert(ARRAY_SIZE(gcr3_rows) <= AMD_GCR3_ROWS_MAX, "raise AMD_GCR3_ROWS_MAX");

static int gcr3_check(const struct iommufmt_host_desc *d, const uint64_t *w,
		      const uint64_t *ctx, struct iommufmt_diag *diag)
{
	if (unlikely(!(w[0] & 1)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "gcr3.v",
				      "the GCR3 entry is not valid");
	return iommufmt__fc_check_table(&amd_tables[T_GCR3], d, w, ctx, diag);
}

/*
 * Deep check of a GCR3 table of glx + 1 levels (index = PASID[9l+8:9l] at
 * level l), limited to the first 2^pasid_bits PASIDs. Work is bounded by
 * the table size; an explicit stack replaces recursion.
 */
static int gcr3_deep(const struct iommufmt_host_desc *d, const struct iommufmt_gmem *gmem,
		     uint64_t root, unsigned int glx, unsigned int pasid_bits,
		     struct iommufmt_diag *diag)
{
	struct iommufmt_diag inner;
	uint64_t table[3], next[3];	/* per level: table address, next index */
	uint64_t limit = UINT64_C(1) << pasid_bits;	/* PASIDs to cover */
	uint8_t raw[8];
	int lvl = (int)glx;

	table[lvl] = root;
	next[lvl] = 0;
	while (lvl <= (int)glx) {
		uint64_t base = 0, e;
		uint32_t pasid;

		/* PASID prefix of this table from the indices of the levels above. */
		for (int l = (int)glx; l > lvl; l--)
			base |= (next[l] - 1) << (9 * l);
		pasid = (uint32_t)(base | (next[lvl] << (9 * lvl)));
		if (next[lvl] >= 512 || pasid >= limit) {
			lvl++;
			continue;
		}
		if (iommufmt_gmem_read(gmem, table[lvl] + 8 * next[lvl], raw, 8))
			return iommufmt__diag_table_read(diag, "gcr3_table",
							 table[lvl] + 8 * next[lvl], pasid);
		next[lvl]++;
		e = iommufmt__le64(raw);
		if (!(e & 1))
			continue;
		iommufmt_diag_init(&inner);
		if (lvl == 0) {
			if (gcr3_check(d, &e, NULL, &inner))
				return iommufmt__diag_table_entry(diag, &inner, "GCR3 entry of PASID",
								  pasid);
			continue;
		}
		if (e & (GENMASK64(11, 1) | GENMASK64(63, 52)))
			return iommufmt__diag_table_reserved(diag, "gcr3_table", e,
							     "GCR3 table of PASID", pasid,
							     "level-%d GCR3 table entry has reserved "
							     "bits set", lvl);
		lvl--;
		table[lvl] = e & GENMASK64(51, 12);
		next[lvl] = 0;
	}
	return 0;
}

static int amd_check_pasid_table(const struct iommufmt_host_desc *d,
				 const struct iommufmt_bind_pasid_table *b, const void *payload,
				 const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w[4], ctx[C_NR] = { 0 }, gcr3;
	unsigned int gv, glx;
	int err;

	iommufmt__load_le(w, payload, 4);
	if (b->config == IOMMUFMT_BIND_CONFIG_ABORT)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_CONFIG, "config",
				      "a guest DTE cannot abort DMA (V = 0 would let it through "
				      "untranslated); detach the device instead");
	if (unlikely(!iommufmt__bits_get(&dte_v, w)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "dte.v",
				      "the guest DTE is not valid (V = 0)");
	gv = (unsigned int)iommufmt__bits_get(&dte_gv, w);
	glx = (unsigned int)iommufmt__bits_get(&dte_glx, w);
	ctx[C_GLX] = b->config == IOMMUFMT_BIND_CONFIG_TRANSLATE ?
		     b->format - IOMMUFMT_PASIDT_AMD_GCR3_1L : 0;
	err = iommufmt__fc_check_table(&amd_tables[T_DTE], d, w, ctx, diag);
	if (unlikely(err))
		return err;
	gcr3 = amd_dte_gcr3(w);
	if (b->config == IOMMUFMT_BIND_CONFIG_BYPASS) {
		if (unlikely(gv || gcr3 || iommufmt__bits_get(&dte_giov, w)))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH,
						 gv ? "dte.gv" : gcr3 ? "dte.gcr3" : "dte.giov",
						 IOMMUFMT__DV_VALUE, gv ? gv : gcr3, 0, 0,
						 "config bypass needs GV = 0, GIOV = 0 and no GCR3 "
						 "table");
		return 0;
	}
	if (unlikely(!gv))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "dte.gv",
				      "config translate needs guest translation (GV = 1)");
	if (unlikely(b->base & 0xfff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "base",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->base, 4096, 0,
					 "the GCR3 table must be 4 KiB aligned");
	if (unlikely(gcr3 != b->base || !gcr3))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "dte.gcr3",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, gcr3, b->base, 0,
					 gcr3 ? "GCR3 root disagrees with the header's base" :
					 "GV = 1 without a GCR3 table");
	if (unlikely(!b->pasid_bits || b->pasid_bits > 9 * (glx + 1)))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "pasid_bits",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->pasid_bits,
					 9 * (glx + 1), 0,
					 "a %u-level GCR3 table covers 1 to %u PASID bits", glx + 1,
					 9 * (glx + 1));
	if (gmem)
		return gcr3_deep(d, gmem, gcr3, glx, b->pasid_bits, diag);
	return 0;
}

static int amd_check_pgtable(const struct iommufmt_host_desc *d,
			     const struct iommufmt_bind_pgtable *b, const void *payload,
			     const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w, ctx[C_NR] = { 0 };
	int err;

	err = iommufmt__x86_s1_check_header(b, "a guest (v2) table", "the guest CR3", diag);
	if (unlikely(err))
		return err;
	if (unlikely(!(b->flags & IOMMUFMT_BIND_PGTABLE_F_PASID) && !d->priv[AP_GIOV]))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "flags",
				      "PASID-less guest translation needs EFR.GIOSup");
	w = iommufmt__le64(payload);
	ctx[C_ROOT12] = b->root >> 12;
	err = gcr3_check(d, &w, ctx, diag);
	if (unlikely(err))
		return err;
	return iommufmt__x86_s1_deep(gmem, b, diag);
}

/* Guest-owned DTE bits, as linux's set_dte_nested takes them. */
static const uint64_t dte_guest_mask[4] = {
	BIT64(0) | BIT64(52) | BIT64(53) | BIT64(54) | BIT64(55) | GENMASK64(57, 56) |
	GENMASK64(60, 58),
	GENMASK64(15, 0) | GENMASK64(31, 16) | GENMASK64(63, 43),
	GENMASK64(55, 54),
	0,
};

static int amd_to_iommufd(const struct iommufmt_host_desc *d, __u32 kind, const void *bind,
			  const void *payload, struct iommufmt_iommufd_hwpt *out,
			  struct iommufmt_diag *diag)
{
	uint64_t w[4];

	(void)d;
	(void)bind;
	if (kind != IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "data_type",
				      "iommufd takes AMD guest tables as a guest DTE (the GCR3 "
				      "table); a single GCR3 entry has no HWPT data type");
	/*
	 * iommu_hwpt_amd_guest holds host-order words: the kernel's uapi declares
	 * __aligned_u64 dte[4] (not __le64, unlike SMMUv3's STE) and its nested.c
	 * applies FIELD_GET to them as values. So the native DTE's little-endian
	 * words are converted, never copied as bytes.
	 */
	iommufmt__load_le(w, payload, 4);
	for (int i = 0; i < 4; i++)
		out->data[i] = w[i] & dte_guest_mask[i];
	out->data_type = IOMMUFMT_IOMMUFD_HWPT_DATA_AMD_GUEST;
	out->data_len = sizeof(struct iommufmt_iommufd_hwpt_amd_guest);
	return 0;
}

static int amd_from_iommufd(const struct iommufmt_host_desc *d,
			    const struct iommufmt_iommufd_hwpt *in, void *bind, void *payload,
			    __u32 *payload_len, struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pasid_table *b = bind;
	uint64_t w[4];
	unsigned int glx;
	int err = iommufmt__iommufd_hwpt_in(in, IOMMUFMT_IOMMUFD_HWPT_DATA_AMD_GUEST,
					    "IOMMU_HWPT_DATA_AMD_GUEST",
					    sizeof(struct iommufmt_iommufd_hwpt_amd_guest), 0,
					    "a guest DTE", diag);

	if (err)
		return err;
	for (int i = 0; i < 4; i++) {
		w[i] = in->data[i];
		iommufmt__put_le64((uint8_t *)payload + 8 * i, w[i]);
	}
	glx = (unsigned int)iommufmt__bits_get(&dte_glx, w);
	iommufmt__pasid_table_bind(b, d, IOMMUFMT_BIND_DATA_AMD_DTE,
				   !iommufmt__bits_get(&dte_v, w) ? IOMMUFMT_BIND_CONFIG_ABORT :
				   !iommufmt__bits_get(&dte_gv, w) ? IOMMUFMT_BIND_CONFIG_BYPASS :
				   IOMMUFMT_BIND_CONFIG_TRANSLATE,
				   IOMMUFMT_PASIDT_AMD_GCR3_1L + (glx < 3 ? glx : 0),
				   (uint8_t)(9 * (glx + 1) < d->pasid.pasid_bits ? 9 * (glx + 1) :
					     d->pasid.pasid_bits), amd_dte_gcr3(w));
	*payload_len = 32;
	return IOMMUFMT_BIND_KIND_PASID_TABLE;
}

int iommufmt__amd_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag)
{
	return iommufmt__fc_compile_all(d, amd_tables, ARRAY_SIZE(amd_tables), "AMD-Vi", diag);
}

static const struct iommufmt_data_type_desc amd_bind_types[] = {
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_BIND_DATA_AMD_DTE, IOMMUFMT_BIND_KIND_PASID_TABLE,
				  struct iommufmt_amd_dte),
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_BIND_DATA_AMD_GCR3, IOMMUFMT_BIND_KIND_PGTABLE,
				  struct iommufmt_amd_gcr3),
};

const struct iommufmt_bind_ops iommufmt__amd_bind_ops = {
	IOMMUFMT__BIND_OPS_HEAD(amd_bind_types),
	.check_pasid_table = amd_check_pasid_table,
	.check_pgtable = amd_check_pgtable,
	.to_iommufd = amd_to_iommufd,
	.from_iommufd = amd_from_iommufd,
	.pgtable_cfg = iommufmt__x86_s1_pgtable_cfg,
};
