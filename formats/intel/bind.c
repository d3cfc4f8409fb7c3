/* SPDX-License-Identifier: MIT */
/* VT-d bind validation: scalable-mode context (PASID directory), first-stage PASID entries, iommufd VTD_S1. */
#include "formats/intel/nest.h"
#include "formats/tables.h"
#include "formats/x86_stage1.h"

enum { C_BASE12, C_PDTS, C_ROOT12, C_FLPM, C_NR };

/* Scalable-mode context entry, words 0-3, with P = 1. */
static const struct iommufmt__fc ctx_rows[] = {
	BIND_FIELD("ctx.fpd", 0, 1, 1, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("ctx.dte", 0, 2, 2, BIND_NEEDS, VP_DT, 0, "device TLBs (ECAP.DT, ATS allowed)"),
	BIND_FIELD("ctx.paside", 0, 3, 3, BIND_NEEDS, VP_PASID, 0, "PASID support (ECAP.PASID)"),
	BIND_FIELD("ctx.pre", 0, 4, 4, BIND_NEEDS, VP_PRS, 0, "page requests (ECAP.PRS)"),
	BIND_FIELD("ctx.w0[8:5]", 0, 8, 5, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("ctx.pdts", 0, 11, 9, BIND_EQ, C_PDTS, 0, "pasid_bits - 13"),
	BIND_FIELD("ctx.pasiddirptr", 0, 63, 12, BIND_EQ, C_BASE12, 0, "base >> 12"),
	BIND_FIELD("ctx.rid_pasid", 1, 19, 0, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("ctx.rid_priv", 1, 20, 20, BIND_NEEDS, VP_SRS, 0,
	   "supervisor requests (ECAP.SRS)"),
	BIND_FIELD("ctx.w1[63:21]", 1, 63, 21, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("ctx.w2", 2, 63, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("ctx.w3", 3, 63, 0, BIND_RSVD, 0, 0, NULL),
};

/*
 * First-stage PASID-table entry, words 0-7, P = 1 and PGTT = 1. Second-stage
 * fields are ignored by the hardware for PGTT = 1 and replaced by the host;
 * memory-type controls, ERE, NXE and SMEP cannot be carried to the host
 * (iommufd's VTD_S1 has only SRE, EAFE and WPE).
 */
static const struct iommufmt__fc pe_rows[] = {
	BIND_FIELD("pe.fpd", 0, 1, 1, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.aw", 0, 4, 2, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("pe.slee", 0, 5, 5, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("pe.slade", 0, 9, 9, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("pe.w0[11:10]", 0, 11, 10, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.slptptr", 0, 63, 12, BIND_IGNORED, 0, 0, NULL),
	BIND_FIELD("pe.did", 1, 15, 0, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.w1[22:16]", 1, 22, 16, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.pwsnp", 1, 23, 23, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.pgsnp", 1, 24, 24, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.cd", 1, 25, 25, BIND_NOTSUP, 0, 0,
	   "memory-type controls belong to the host"),
	BIND_FIELD("pe.emte", 1, 26, 26, BIND_NOTSUP, 0, 0,
	   "memory-type controls belong to the host"),
	BIND_FIELD("pe.emt", 1, 29, 27, BIND_NOTSUP, 0, 0,
	   "memory-type controls belong to the host"),
	BIND_FIELD("pe.pwt", 1, 30, 30, BIND_NOTSUP, 0, 0,
	   "memory-type controls belong to the host"),
	BIND_FIELD("pe.pcd", 1, 31, 31, BIND_NOTSUP, 0, 0,
	   "memory-type controls belong to the host"),
	BIND_FIELD("pe.pat", 1, 63, 32, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.sre", 2, 0, 0, BIND_NEEDS, VP_SRS, 0, "supervisor requests (ECAP.SRS)"),
	BIND_FIELD("pe.ere", 2, 1, 1, BIND_NOTSUP, 0, 0,
	   "execute requests are not carried to the host"),
	BIND_FIELD("pe.flpm", 2, 3, 2, BIND_HOSTMAX, VP_FLPM_MAX, 0x3,
	   "5-level first stage (CAP.FS5LP)"),
	BIND_FIELD("pe.flpm", 2, 3, 2, BIND_EQ, C_FLPM, 0, "addr_width (48: 0, 57: 1)"),
	BIND_FIELD("pe.wpe", 2, 4, 4, BIND_ANY, 0, 0, NULL),
	BIND_FIELD("pe.nxe", 2, 5, 5, BIND_NOTSUP, 0, 0, "NXE is not carried to the host"),
	BIND_FIELD("pe.smep", 2, 6, 6, BIND_NOTSUP, 0, 0, "SMEP is not carried to the host"),
	BIND_FIELD("pe.eafe", 2, 7, 7, BIND_NEEDS, VP_EAFS, 0,
	   "the extended accessed flag (ECAP.EAFS)"),
	BIND_FIELD("pe.w2[11:8]", 2, 11, 8, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.flptptr", 2, 63, 12, BIND_EQ, C_ROOT12, 0, "root >> 12"),
	BIND_FIELD("pe.w3", 3, 63, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.w4", 4, 63, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.w5", 5, 63, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.w6", 6, 63, 0, BIND_RSVD, 0, 0, NULL),
	BIND_FIELD("pe.w7", 7, 63, 0, BIND_RSVD, 0, 0, NULL),
};

/*
 * Fields the checks below read beyond the row tables (the present bits, the
 * translation type, the sizes and the flags that combine), in the same
 * (word, hi, lo) notation.
 */
static const struct iommufmt__bits ctx_p = IOMMUFMT__BITS(0, 0, 0);
static const struct iommufmt__bits ctx_pdts = IOMMUFMT__BITS(0, 11, 9);
static const struct iommufmt__bits ctx_rid_pasid = IOMMUFMT__BITS(1, 19, 0);
static const struct iommufmt__bits pe_p = IOMMUFMT__BITS(0, 0, 0);
static const struct iommufmt__bits pe_pgtt = IOMMUFMT__BITS(0, 8, 6);
static const struct iommufmt__bits pe_sre = IOMMUFMT__BITS(2, 0, 0);
static const struct iommufmt__bits pe_wpe = IOMMUFMT__BITS(2, 4, 4);
static const struct iommufmt__bits pe_eafe = IOMMUFMT__BITS(2, 7, 7);

enum { T_CTX, T_PE };
static const struct iommufmt__fc_table vtd_tables[] = {
	[T_CTX] = IOMMUFMT__FC_TABLE(ctx_rows, 4, VP_CCTX, VP_CPE),
	[T_PE] = IOMMUFMT__FC_TABLE(pe_rows, 8, VP_CPE, VP_END),
};
/* The compiled tables' room in the private words is sized from these bounds (nest.h). */
_Static_assert(ARRAY_SIZE(ctx_rows) <= VTD_CTX_ROWS_MAX, "raise VTD_CTX_ROWS_MAX");
_Static_assert(ARRAY_SIZE(pe_rows) <= VTD_PE_ROWS_MAX, "raise VTD_PE_ROWS_MAX");

/* One PASID entry; @ctx NULL in the deep check, where pass-through entries are fine too. */
static int pe_check(const struct iommufmt_host_desc *d, const uint64_t *w, const uint64_t *ctx,
		    struct iommufmt_diag *diag)
{
	uint64_t pgtt = iommufmt__bits_get(&pe_pgtt, w);
	int err;

	if (unlikely(!iommufmt__bits_get(&pe_p, w)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "pe.p",
				      "the PASID entry is not present (P = 0)");
	if (unlikely(pgtt == 0 || pgtt > 4))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, "pe.pgtt",
					 IOMMUFMT__DV_VALUE, pgtt, 0, 0,
					 "PGTT %llu is a reserved translation type",
					 (unsigned long long)pgtt);
	if (!ctx && pgtt == VTD_PGTT_PT)
		return 0;
	if (unlikely(pgtt != VTD_PGTT_FS))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "pe.pgtt",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, pgtt, VTD_PGTT_FS,
					 0, "PGTT %llu: only first-stage tables (PGTT 1) nest; "
					 "second-stage and nested entries belong to the host",
					 (unsigned long long)pgtt);
	err = iommufmt__fc_check_table(&vtd_tables[T_PE], d, w, ctx, diag);
	if (unlikely(err))
		return err;
	if (unlikely(iommufmt__bits_get(&pe_wpe, w) && !iommufmt__bits_get(&pe_sre, w)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "pe.wpe",
				      "WPE applies to supervisor requests: it needs SRE");
	return 0;
}

/* Deep check of the guest's PASID directory and tables, bounded by 2^(PDTS + 7) directory entries. */
static int pasid_dir_deep(const struct iommufmt_host_desc *d, const struct iommufmt_gmem *gmem,
			  uint64_t dir, unsigned int pdts, struct iommufmt_diag *diag)
{
	struct iommufmt_diag inner;
	uint8_t raw[64];
	uint64_t w[8], n = UINT64_C(1) << (pdts + 7);

	for (uint64_t i = 0; i < n; i++) {
		uint64_t de, tbl;

		if (iommufmt_gmem_read(gmem, dir + 8 * i, raw, 8))
			return iommufmt__diag_table_read(diag, "pasid_dir", dir + 8 * i,
							 (uint32_t)(i << 6));
		de = iommufmt__le64(raw);
		if (!(de & 1))
			continue;
		if (de & GENMASK64(11, 2))
			return iommufmt__diag_table_reserved(diag, "pde", de, "PASID directory",
							     (uint32_t)i, "PASID-directory entry "
							     "has reserved bits 11:2 set");
		tbl = de & GENMASK64(63, 12);
		for (uint64_t j = 0; j < 64; j++) {
			uint32_t pasid = (uint32_t)((i << 6) | j);

			if (iommufmt_gmem_read(gmem, tbl + 64 * j, raw, sizeof(raw)))
				return iommufmt__diag_table_read(diag, "pasid_table", tbl + 64 * j,
								 pasid);
			iommufmt__load_le(w, raw, 8);
			if (!(w[0] & 1))
				continue;
			iommufmt_diag_init(&inner);
			if (pe_check(d, w, NULL, &inner))
				return iommufmt__diag_table_entry(diag, &inner, "PASID entry", pasid);
		}
	}
	return 0;
}

static int vtd_check_pasid_table(const struct iommufmt_host_desc *d,
				 const struct iommufmt_bind_pasid_table *b, const void *payload,
				 const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w[4], ctx[C_NR] = { 0 };
	int err;

	iommufmt__load_le(w, payload, 4);
	if (b->config == IOMMUFMT_BIND_CONFIG_BYPASS)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_CONFIG, "config",
				      "VT-d bypass is chosen per PASID entry (PGTT = 4), not for "
				      "the whole context");
	if (b->config == IOMMUFMT_BIND_CONFIG_ABORT) {
		if (iommufmt__bits_get(&ctx_p, w))
			return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "ctx.p",
					      "config abort needs a non-present context (P = 0)");
		return 0;
	}
	if (unlikely(!iommufmt__bits_get(&ctx_p, w)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_MISMATCH, "ctx.p",
				      "config translate needs a present context (P = 1)");
	if (unlikely(b->base & 0xfff))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISALIGNED, "base",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, b->base, 4096, 0,
					 "the PASID directory must be 4 KiB aligned");
	ctx[C_BASE12] = b->base >> 12;
	ctx[C_PDTS] = b->pasid_bits >= 13 ? b->pasid_bits - 13u : 0xff;
	err = iommufmt__fc_check_table(&vtd_tables[T_CTX], d, w, ctx, diag);
	if (unlikely(err))
		return err;
	if (unlikely(iommufmt__bits_get(&ctx_rid_pasid, w) >> b->pasid_bits))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_PASID_RANGE,
					 "ctx.rid_pasid", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 iommufmt__bits_get(&ctx_rid_pasid, w),
					 iommufmt__mask(b->pasid_bits), 0,
					 "RID_PASID is beyond the table's %u PASID bits",
					 b->pasid_bits);
	if (gmem)
		return pasid_dir_deep(d, gmem, b->base, (unsigned int)iommufmt__bits_get(&ctx_pdts, w),
				      diag);
	return 0;
}

/* The iommufd form as a payload: only SRE, EAFE and WPE, the root and the width. */
static int vtd_s1_check(const struct iommufmt_host_desc *d, const struct iommufmt_bind_pgtable *b,
			const void *payload, struct iommufmt_diag *diag)
{
	const uint64_t known = IOMMUFMT_IOMMUFD_VTD_S1_SRE | IOMMUFMT_IOMMUFD_VTD_S1_EAFE |
			       IOMMUFMT_IOMMUFD_VTD_S1_WPE;
	struct iommufmt_iommufd_hwpt_vtd_s1 s;

	memcpy(&s, payload, sizeof(s));
	if (unlikely(s.flags & ~known))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS,
					 "vtd_s1.flags", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 s.flags, known, 0, "unknown VTD_S1 flags 0x%llx",
					 (unsigned long long)(s.flags & ~known));
	if (unlikely(s.__reserved))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_RESERVED_NONZERO,
				      "vtd_s1.__reserved", "reserved field is not zero");
	if (unlikely(((s.flags & IOMMUFMT_IOMMUFD_VTD_S1_SRE) && !d->priv[VP_SRS]) ||
		     ((s.flags & IOMMUFMT_IOMMUFD_VTD_S1_EAFE) && !d->priv[VP_EAFS])))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
					 "vtd_s1.flags", IOMMUFMT__DV_VALUE, s.flags, 0, 0,
					 "%s needs %s, which the host lacks",
					 (s.flags & IOMMUFMT_IOMMUFD_VTD_S1_SRE) && !d->priv[VP_SRS] ?
					 "SRE" : "EAFE",
					 (s.flags & IOMMUFMT_IOMMUFD_VTD_S1_SRE) && !d->priv[VP_SRS] ?
					 "ECAP.SRS" : "ECAP.EAFS");
	if (unlikely((s.flags & IOMMUFMT_IOMMUFD_VTD_S1_WPE) &&
		     !(s.flags & IOMMUFMT_IOMMUFD_VTD_S1_SRE)))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_COMBINATION, "vtd_s1.flags",
				      "WPE applies to supervisor requests: it needs SRE");
	if (unlikely(s.pgtbl_addr != b->root || s.addr_width != b->addr_width))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH,
					 s.pgtbl_addr != b->root ? "vtd_s1.pgtbl_addr" :
					 "vtd_s1.addr_width", IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
					 s.pgtbl_addr != b->root ? s.pgtbl_addr : s.addr_width,
					 s.pgtbl_addr != b->root ? b->root : b->addr_width, 0,
					 "the VTD_S1 data disagrees with the header");
	return 0;
}

static int vtd_check_pgtable(const struct iommufmt_host_desc *d,
			     const struct iommufmt_bind_pgtable *b, const void *payload,
			     const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag)
{
	uint64_t w[8], ctx[C_NR] = { 0 };
	int err;

	err = iommufmt__x86_s1_check_header(b, "a first-stage table", "the first-stage root", diag);
	if (unlikely(err))
		return err;
	if (b->data_type == IOMMUFMT_BIND_DATA_VTD_S1) {
		err = vtd_s1_check(d, b, payload, diag);
		if (unlikely(err))
			return err;
		if (unlikely(b->addr_width == 57 && !d->priv[VP_FLPM_MAX]))
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST,
						 "vtd_s1.addr_width", IOMMUFMT__DV_VALUE, 57, 48, 0,
						 "5-level first stage needs CAP.FS5LP");
		return iommufmt__x86_s1_deep(gmem, b, diag);
	}
	iommufmt__load_le(w, payload, 8);
	ctx[C_ROOT12] = b->root >> 12;
	ctx[C_FLPM] = b->addr_width == 57;
	err = pe_check(d, w, ctx, diag);
	if (unlikely(err))
		return err;
	return iommufmt__x86_s1_deep(gmem, b, diag);
}

static int vtd_to_iommufd(const struct iommufmt_host_desc *d, __u32 kind, const void *bind,
			  const void *payload, struct iommufmt_iommufd_hwpt *out,
			  struct iommufmt_diag *diag)
{
	const struct iommufmt_bind_pgtable *b = bind;
	struct iommufmt_iommufd_hwpt_vtd_s1 s;
	uint64_t pw[3];

	(void)d;
	if (kind != IOMMUFMT_BIND_KIND_PGTABLE)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "data_type",
				      "iommufd binds VT-d first stages per PASID "
				      "(IOMMU_HWPT_DATA_VTD_S1); a PASID directory has no HWPT "
				      "data type");
	memset(&s, 0, sizeof(s));
	if (b->data_type == IOMMUFMT_BIND_DATA_VTD_S1) {
		memcpy(&s, payload, sizeof(s));
	} else {
		iommufmt__load_le(pw, payload, 3);
		s.flags = (iommufmt__bits_get(&pe_sre, pw) ? IOMMUFMT_IOMMUFD_VTD_S1_SRE : 0) |
			  (iommufmt__bits_get(&pe_eafe, pw) ? IOMMUFMT_IOMMUFD_VTD_S1_EAFE : 0) |
			  (iommufmt__bits_get(&pe_wpe, pw) ? IOMMUFMT_IOMMUFD_VTD_S1_WPE : 0);
		s.pgtbl_addr = b->root;
		s.addr_width = b->addr_width;
	}
	out->data_type = IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1;
	out->data_len = sizeof(s);
	if (b->flags & IOMMUFMT_BIND_PGTABLE_F_PASID) {
		out->hwpt_flags = IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID;
		out->pasid = b->pasid;
	}
	memcpy(out->data, &s, sizeof(s));
	return 0;
}

static int vtd_from_iommufd(const struct iommufmt_host_desc *d,
			    const struct iommufmt_iommufd_hwpt *in, void *bind, void *payload,
			    __u32 *payload_len, struct iommufmt_diag *diag)
{
	struct iommufmt_bind_pgtable *b = bind;
	struct iommufmt_iommufd_hwpt_vtd_s1 s;
	const uint64_t known = IOMMUFMT_IOMMUFD_VTD_S1_SRE | IOMMUFMT_IOMMUFD_VTD_S1_EAFE |
			       IOMMUFMT_IOMMUFD_VTD_S1_WPE;
	uint8_t *p = payload;
	int err = iommufmt__iommufd_hwpt_in(in, IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1,
					    "IOMMU_HWPT_DATA_VTD_S1", sizeof(s),
					    IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID, "VTD_S1 data", diag);

	if (err)
		return err;
	memcpy(&s, in->data, sizeof(s));
	if ((s.flags & ~known) || s.__reserved)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "vtd_s1.flags",
					 IOMMUFMT__DV_VALUE, s.flags, known, 0,
					 "unknown VTD_S1 flags or non-zero reserved field");
	iommufmt__put_le64(p, 1 | ((uint64_t)VTD_PGTT_FS << 6));
	iommufmt__put_le64(p + 16, (s.flags & IOMMUFMT_IOMMUFD_VTD_S1_SRE ? 1 : 0) |
			   (s.flags & IOMMUFMT_IOMMUFD_VTD_S1_WPE ? 1u << 4 : 0) |
			   (s.flags & IOMMUFMT_IOMMUFD_VTD_S1_EAFE ? 1u << 7 : 0) |
			   ((uint64_t)(s.addr_width == 57) << 2) |
			   (s.pgtbl_addr & GENMASK64(63, 12)));
	b->argsz = sizeof(*b);
	b->model = d->model;
	b->variant = d->variant;
	b->format = IOMMUFMT_PGTABLE_X86_64;
	b->root = s.pgtbl_addr;
	b->addr_width = s.addr_width;
	b->data_type = IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY;
	if (in->hwpt_flags & IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID) {
		b->flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pasid = in->pasid;
	} else {
		b->pasid = in->pasid; /* non-zero without the flag is rejected by the check */
	}
	*payload_len = sizeof(struct iommufmt_vtd_pasid_entry);
	return IOMMUFMT_BIND_KIND_PGTABLE;
}

int iommufmt__vtd_bind_prepare(struct iommufmt_host_desc *d, struct iommufmt_diag *diag)
{
	return iommufmt__fc_compile_all(d, vtd_tables, ARRAY_SIZE(vtd_tables), "VT-d", diag);
}

static const struct iommufmt_data_type_desc vtd_bind_types[] = {
	{ IOMMUFMT_BIND_DATA_VTD_CONTEXT, IOMMUFMT_BIND_KIND_PASID_TABLE,
	  IOMMUFMT_VTD_SM_CONTEXT_SIZE_VER0, sizeof(struct iommufmt_vtd_sm_context) },
	{ IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY, IOMMUFMT_BIND_KIND_PGTABLE,
	  IOMMUFMT_VTD_PASID_ENTRY_SIZE_VER0, sizeof(struct iommufmt_vtd_pasid_entry) },
	IOMMUFMT__DATA_TYPE_FIXED(IOMMUFMT_BIND_DATA_VTD_S1, IOMMUFMT_BIND_KIND_PGTABLE,
				  struct iommufmt_iommufd_hwpt_vtd_s1),
};

const struct iommufmt_bind_ops iommufmt__intel_bind_ops = {
	IOMMUFMT__BIND_OPS_HEAD(vtd_bind_types),
	.check_pasid_table = vtd_check_pasid_table,
	.check_pgtable = vtd_check_pgtable,
	.to_iommufd = vtd_to_iommufd,
	.from_iommufd = vtd_from_iommufd,
	.pgtable_cfg = iommufmt__x86_s1_pgtable_cfg,
};
