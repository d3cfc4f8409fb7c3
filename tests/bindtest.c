/* SPDX-License-Identifier: MIT */
/* Fixtures of the bind tests: example hosts and known-good binds, written from the specs independently of formats/. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bindtest.h"

const uint32_t bt_model_ids[BT_NR_MODELS] = {
	IOMMUFMT_MODEL_INTEL, IOMMUFMT_MODEL_AMD, IOMMUFMT_MODEL_SMMU, IOMMUFMT_MODEL_S390,
};
const char *const bt_model_names[BT_NR_MODELS] = { "intel", "amd", "smmuv3", "s390" };

#define B(n) (UINT64_C(1) << (n))

uint64_t bt_le64(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

void bt_put_le64(void *p, uint64_t v)
{
	uint8_t *b = p;

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t be64(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | b[i];
	return v;
}

static void put_be64(void *p, uint64_t v)
{
	uint8_t *b = p;

	for (int i = 0; i < 8; i++)
		b[7 - i] = (uint8_t)(v >> (8 * i));
}

static void set_raw(struct bt_regs *r, uint32_t type, const void *raw, size_t len)
{
	r->type = type;
	r->len = (uint32_t)len;
	memcpy(r->raw, raw, len);
}

/*
 * Example hosts. Intel: scalable mode with nesting, 20-bit PASIDs, 5-level
 * first stage, SRS, device TLB; no PRS and no EAFS (to exercise those
 * rejects). SMMUv3: both stages, 4K and 64K granules, 48-bit OAS, 20-bit
 * SSIDs, CD2L, ATS, HTTU access flag only, no stalls, 8-bit ASIDs. AMD: GT,
 * GLX up to 2 levels, 16-bit PASIDs, 4-level guest tables only, GIOSUP, no
 * PPR. s390: all four table types, 1M frames, window 4 GiB .. 2^48 - 1.
 */
void bt_example_regs(enum bt_model m, struct bt_regs *r)
{
	memset(r, 0, sizeof(*r));
	switch (m) {
	case BT_INTEL: {
		struct iommufmt_hw_info_vtd v = { 0 };

		v.cap_reg = 6 /* ND: 16-bit DID */ | (UINT64_C(0xc) << 8) /* SAGAW 4/5 lvl */ |
			    (UINT64_C(56) << 16) /* MGAW 57 */ | (UINT64_C(3) << 34) /* SLLPS */ |
			    B(39) /* PSI */ | (UINT64_C(18) << 48) /* MAMV */ | B(56) /* FS1GP */ |
			    B(60) /* FS5LP */;
		v.ecap_reg = B(0) | B(1) /* QI */ | B(2) /* DT */ | B(6) /* PT */ |
			     B(26) /* NEST */ | B(31) /* SRS */ | (UINT64_C(19) << 35) /* PSS */ |
			     B(40) /* PASID */ | B(42) /* PDS */ | B(43) /* SMTS */ |
			     B(45) /* SLADS */ | B(46) /* SLTS */ | B(47) /* FLTS */ | B(48);
		set_raw(r, IOMMUFMT_HW_INFO_TYPE_INTEL_VTD, &v, sizeof(v));
		break;
	}
	case BT_SMMU: {
		struct iommufmt_hw_info_arm_smmuv3 s = { 0 };

		s.idr[0] = (1u << 0) | (1u << 1) | (2u << 2) /* TTF AArch64 */ | (1u << 4) |
			   (1u << 6) /* HTTU: AF */ | (1u << 10) /* ATS */ | (1u << 19) /* CD2L */ |
			   (2u << 21) /* LE */ | (1u << 24) /* no stall */ | (1u << 27);
		s.idr[1] = 16 /* SIDSIZE */ | (20u << 6) /* SSIDSIZE */;
		s.idr[3] = (1u << 10) /* RIL */ | (2u << 11) /* BBML2 */;
		s.idr[5] = (1u << 4) | (1u << 6) /* 4K, 64K */ | 5 /* OAS 48 */ | (0x80u << 16);
		s.iidr = 0x43b;
		s.aidr = 2;
		set_raw(r, IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3, &s, sizeof(s));
		break;
	}
	case BT_AMD: {
		struct iommufmt_hw_info_amd a = { 0 };

		a.efr = B(3) /* NX */ | B(4) /* GT */ | B(6) /* IA */ | (UINT64_C(1) << 10) /* HATS */ |
			(UINT64_C(1) << 14) /* GLX 2-level */ | (UINT64_C(15) << 32) /* PASMAX */ |
			B(37) /* US */ | B(48) /* GIOSUP */ | B(49) | B(52);
		set_raw(r, IOMMUFMT_HW_INFO_TYPE_AMD, &a, sizeof(a));
		break;
	}
	case BT_S390: {
		struct iommufmt_hw_info_s390 z = { 0 };

		z.dt_mask = 0xf;
		z.frame_mask = 0x3;
		z.start_dma = UINT64_C(0x100000000);
		z.end_dma = UINT64_C(0xffffffffffff);
		set_raw(r, IOMMUFMT_HW_INFO_TYPE_S390_ZPCI, &z, sizeof(z));
		break;
	}
	default:
		ck_abort_msg("bad model");
	}
}

struct iommufmt_host *bt_host_from(enum bt_model m, const struct bt_regs *r)
{
	struct iommufmt_hw_regs hr;
	struct iommufmt_host *h = NULL;
	struct iommufmt_diag d;
	int err;

	memset(&hr, 0, sizeof(hr));
	hr.argsz = sizeof(hr);
	hr.model = bt_model_ids[m];
	hr.data_type = r->type;
	hr.data_len = r->len;
	hr.data_uptr = (uintptr_t)r->raw;
	iommufmt_diag_init(&d);
	err = iommufmt_host_new(&hr, &h, &d);
	ck_assert_msg(err == 0, "%s host: %d %s: %s", bt_model_names[m], err, d.field, d.text);
	return h;
}

struct iommufmt_host *bt_host(enum bt_model m)
{
	struct bt_regs r;

	bt_example_regs(m, &r);
	return bt_host_from(m, &r);
}

uint64_t bt_word(const struct bt_bind *b, unsigned int i)
{
	return b->big_endian ? be64(&b->payload[i]) : bt_le64(&b->payload[i]);
}

void bt_set_word(struct bt_bind *b, unsigned int i, uint64_t v)
{
	if (b->big_endian)
		put_be64(&b->payload[i], v);
	else
		bt_put_le64(&b->payload[i], v);
}

void bt_set_bits(struct bt_bind *b, unsigned int word, unsigned int lo, unsigned int width,
		 uint64_t v)
{
	uint64_t mask = (width >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << width) - 1) << lo;

	bt_set_word(b, word, (bt_word(b, word) & ~mask) | ((v << lo) & mask));
}

void bt_wire(struct bt_bind *b)
{
	b->pt.data_uptr = (uintptr_t)b->payload;
	b->pg.data_uptr = (uintptr_t)b->payload;
}

int bt_check(const struct iommufmt_host *h, struct bt_bind *b, const struct iommufmt_gmem *g,
	     struct iommufmt_diag *d)
{
	bt_wire(b);
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt_bind_pasid_table_check(h, &b->pt, g, d);
	return iommufmt_bind_pgtable_check(h, &b->pg, g, d);
}

/* A known-good bind: its header, wired and checked as it is, and its payload words. */
struct good_bind {
	enum bt_model m;
	uint32_t kind;
	struct iommufmt_bind_pasid_table pt;
	struct iommufmt_bind_pgtable pg;
	uint64_t w[4];	/* payload words, 0 where unused */
};

#define PT IOMMUFMT_BIND_KIND_PASID_TABLE
#define PG IOMMUFMT_BIND_KIND_PGTABLE
/* The header fields every good bind of a kind has. */
#define PT_HDR(id) .argsz = sizeof(struct iommufmt_bind_pasid_table), .model = (id), \
		      .config = IOMMUFMT_BIND_CONFIG_TRANSLATE
#define PG_HDR(id) .argsz = sizeof(struct iommufmt_bind_pgtable), .model = (id)
#define SMMU_BASE UINT64_C(0x40000000)
#define VTD_BASE UINT64_C(0x70000000)
#define AMD_GCR3 UINT64_C(0x90000000)
#define SMMU_ROOT UINT64_C(0x50000000)
#define VTD_ROOT UINT64_C(0x80000000)
#define AMD_ROOT UINT64_C(0xa0000000)
#define S390_ROOT UINT64_C(0xb0000000)

static const struct good_bind good_binds[] = {
	{ BT_SMMU, PT, .pt = { PT_HDR(IOMMUFMT_MODEL_SMMU), .format = IOMMUFMT_PASIDT_SMMU_LINEAR,
			       .pasid_bits = 4, .base = SMMU_BASE,
			       .data_type = IOMMUFMT_BIND_DATA_SMMUV3_STE, .data_len = 16 },
	  .w = {
		/* V, Config S1 (0b101), S1Fmt linear, S1ContextPtr, S1CDMax 4 */
		1 | (5u << 1) | SMMU_BASE | (UINT64_C(4) << 59),
		/* S1DSS bypass, S1CIR/COR WBRA, S1CSH inner, EATS translate */
		1 | (1u << 2) | (1u << 4) | (3u << 6) | (UINT64_C(1) << 28) } },
	{ BT_INTEL, PT, .pt = { PT_HDR(IOMMUFMT_MODEL_INTEL), .format = IOMMUFMT_PASIDT_VTD_SM,
				.pasid_bits = 13,	/* PDTS 0: 128 directory entries */
				.base = VTD_BASE, .data_type = IOMMUFMT_BIND_DATA_VTD_CONTEXT,
				.data_len = 32 },
	  .w = { 1 | (1u << 3) /* PASIDE */ | VTD_BASE } },
	{ BT_AMD, PT, .pt = { PT_HDR(IOMMUFMT_MODEL_AMD), .format = IOMMUFMT_PASIDT_AMD_GCR3_2L,
			      .pasid_bits = 16, .base = AMD_GCR3,
			      .data_type = IOMMUFMT_BIND_DATA_AMD_DTE, .data_len = 32 },
	  .w = {
		/* V, TV, GIOV, GV, GLX 1, GCR3[14:12], IR, IW */
		1 | 2 | B(54) | B(55) | (UINT64_C(1) << 56) | (((AMD_GCR3 >> 12) & 7) << 58) |
		B(61) | B(62),
		5 /* DomainID */ | (((AMD_GCR3 >> 15) & 0xffff) << 16) | ((AMD_GCR3 >> 31) << 43) } },
	{ BT_SMMU, PG, .pg = { PG_HDR(IOMMUFMT_MODEL_SMMU), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID,
			       .pasid = 3, .format = IOMMUFMT_PGTABLE_ARM_LPAE_S1, .root = SMMU_ROOT,
			       .addr_width = 48, .data_type = IOMMUFMT_BIND_DATA_SMMUV3_CD,
			       .data_len = 64 },
	  .w = {
		/* T0SZ 16, TG0 4K, IR0/OR0 WBRA, SH0 inner, EPD1, V, IPS 48, AA64, R, A, ASID 0x42 */
		16 | (1u << 8) | (1u << 10) | (3u << 12) | B(30) | B(31) | (UINT64_C(5) << 32) |
		B(41) | B(45) | B(46) | (UINT64_C(0x42) << 48),
		SMMU_ROOT, 0, UINT64_C(0x0000000004ff44ff) /* MAIR */ } },
	{ BT_INTEL, PG, .pg = { PG_HDR(IOMMUFMT_MODEL_INTEL), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID,
				.pasid = 5, .format = IOMMUFMT_PGTABLE_X86_64, .root = VTD_ROOT,
				.addr_width = 48, .data_type = IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY,
				.data_len = 64 },
	  .w = { 1 | (1u << 6) /* PGTT first stage */,
		 7 /* DID */ | B(23) /* PWSNP */ | (UINT64_C(0x00070406) << 32) /* PAT */,
		 1 /* SRE */ | (1u << 4) /* WPE */ | VTD_ROOT } },
	{ BT_AMD, PG, .pg = { PG_HDR(IOMMUFMT_MODEL_AMD), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID,
			      .pasid = 9, .format = IOMMUFMT_PGTABLE_X86_64, .root = AMD_ROOT,
			      .addr_width = 48, .data_type = IOMMUFMT_BIND_DATA_AMD_GCR3,
			      .data_len = 8 },
	  .w = { 1 | AMD_ROOT } },
	{ BT_S390, PG, .pg = { PG_HDR(IOMMUFMT_MODEL_S390), .format = IOMMUFMT_PGTABLE_S390_DAT,
			       .root = S390_ROOT, .addr_width = 42,	/* region-third table */
			       .data_type = IOMMUFMT_BIND_DATA_S390_FIB, .data_len = 24 },
	  .w = { UINT64_C(0x100000000) /* pba */, UINT64_C(0x1ffffffff) /* pal */,
		 S390_ROOT | B(11) /* T */ | (1u << 2) /* DT RTTO */ } },
};

/* The good bind of @kind for @m into @b; 0 (and @b untouched) when the model has none. */
static int good_bind(enum bt_model m, uint32_t kind, struct bt_bind *b)
{
	for (size_t i = 0; i < sizeof(good_binds) / sizeof(good_binds[0]); i++) {
		const struct good_bind *g = &good_binds[i];

		if (g->m != m || g->kind != kind)
			continue;
		memset(b, 0, sizeof(*b));
		b->kind = kind;
		b->pt = g->pt;
		b->pg = g->pg;
		b->big_endian = m == BT_S390;
		bt_wire(b);
		for (unsigned int w = 0; w < 4; w++)
			bt_set_word(b, w, g->w[w]);
		return 1;
	}
	return 0;
}

int bt_good_pasid_table(enum bt_model m, struct bt_bind *b)
{
	return good_bind(m, PT, b);
}

int bt_good_pgtable(enum bt_model m, struct bt_bind *b)
{
	return good_bind(m, PG, b);
}

void bt_gmem_init(struct bt_gmem *g, uint64_t gpa, uint64_t size)
{
	memset(g, 0, sizeof(*g));
	g->mem = calloc(1, size);
	ck_assert_ptr_nonnull(g->mem);
	g->gpa = gpa;
	g->size = size;
	g->region.gpa = gpa;
	g->region.size = size;
	g->region.host = g->mem;
	g->gmem.regions = &g->region;
	g->gmem.nr_regions = 1;
}

void bt_gmem_free(struct bt_gmem *g)
{
	free(g->mem);
	g->mem = NULL;
}

void bt_gmem_put64(struct bt_gmem *g, uint64_t gpa, uint64_t v)
{
	ck_assert(gpa >= g->gpa && gpa - g->gpa + 8 <= g->size);
	bt_put_le64(g->mem + (gpa - g->gpa), v);
}
