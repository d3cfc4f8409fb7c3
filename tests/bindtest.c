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
		r->type = IOMMUFMT_HW_INFO_TYPE_INTEL_VTD;
		r->len = sizeof(v);
		memcpy(r->raw, &v, sizeof(v));
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
		r->type = IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3;
		r->len = sizeof(s);
		memcpy(r->raw, &s, sizeof(s));
		break;
	}
	case BT_AMD: {
		struct iommufmt_hw_info_amd a = { 0 };

		a.efr = B(3) /* NX */ | B(4) /* GT */ | B(6) /* IA */ | (UINT64_C(1) << 10) /* HATS */ |
			(UINT64_C(1) << 14) /* GLX 2-level */ | (UINT64_C(15) << 32) /* PASMAX */ |
			B(37) /* US */ | B(48) /* GIOSUP */ | B(49) | B(52);
		r->type = IOMMUFMT_HW_INFO_TYPE_AMD;
		r->len = sizeof(a);
		memcpy(r->raw, &a, sizeof(a));
		break;
	}
	case BT_S390: {
		struct iommufmt_hw_info_s390 z = { 0 };

		z.dt_mask = 0xf;
		z.frame_mask = 0x3;
		z.start_dma = UINT64_C(0x100000000);
		z.end_dma = UINT64_C(0xffffffffffff);
		r->type = IOMMUFMT_HW_INFO_TYPE_S390_ZPCI;
		r->len = sizeof(z);
		memcpy(r->raw, &z, sizeof(z));
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

static void init_pt(struct bt_bind *b, enum bt_model m, uint32_t type, uint32_t len)
{
	memset(b, 0, sizeof(*b));
	b->kind = IOMMUFMT_BIND_KIND_PASID_TABLE;
	b->pt.argsz = sizeof(b->pt);
	b->pt.model = bt_model_ids[m];
	b->pt.config = IOMMUFMT_BIND_CONFIG_TRANSLATE;
	b->pt.data_type = type;
	b->pt.data_len = len;
	bt_wire(b);
}

static void init_pg(struct bt_bind *b, enum bt_model m, uint32_t type, uint32_t len)
{
	memset(b, 0, sizeof(*b));
	b->kind = IOMMUFMT_BIND_KIND_PGTABLE;
	b->pg.argsz = sizeof(b->pg);
	b->pg.model = bt_model_ids[m];
	b->pg.data_type = type;
	b->pg.data_len = len;
	bt_wire(b);
}

int bt_good_pasid_table(enum bt_model m, struct bt_bind *b)
{
	switch (m) {
	case BT_SMMU: {
		const uint64_t base = 0x40000000;

		init_pt(b, m, IOMMUFMT_BIND_DATA_SMMUV3_STE, 16);
		b->pt.format = IOMMUFMT_PASIDT_SMMU_LINEAR;
		b->pt.pasid_bits = 4;
		b->pt.base = base;
		/* V, Config S1 (0b101), S1Fmt linear, S1ContextPtr, S1CDMax 4 */
		bt_set_word(b, 0, 1 | (5u << 1) | base | (UINT64_C(4) << 59));
		/* S1DSS bypass, S1CIR/COR WBRA, S1CSH inner, EATS translate */
		bt_set_word(b, 1, 1 | (1u << 2) | (1u << 4) | (3u << 6) | (UINT64_C(1) << 28));
		return 1;
	}
	case BT_INTEL: {
		const uint64_t base = 0x70000000;

		init_pt(b, m, IOMMUFMT_BIND_DATA_VTD_CONTEXT, 32);
		b->pt.format = IOMMUFMT_PASIDT_VTD_SM;
		b->pt.pasid_bits = 13;	/* PDTS 0: 128 directory entries */
		b->pt.base = base;
		bt_set_word(b, 0, 1 | (1u << 3) /* PASIDE */ | base);
		return 1;
	}
	case BT_AMD: {
		const uint64_t gcr3 = 0x90000000;

		init_pt(b, m, IOMMUFMT_BIND_DATA_AMD_DTE, 32);
		b->pt.format = IOMMUFMT_PASIDT_AMD_GCR3_2L;
		b->pt.pasid_bits = 16;
		b->pt.base = gcr3;
		/* V, TV, GIOV, GV, GLX 1, GCR3[14:12], IR, IW */
		bt_set_word(b, 0, 1 | 2 | B(54) | B(55) | (UINT64_C(1) << 56) |
				  (((gcr3 >> 12) & 7) << 58) | B(61) | B(62));
		bt_set_word(b, 1, 5 /* DomainID */ | (((gcr3 >> 15) & 0xffff) << 16) |
				  ((gcr3 >> 31) << 43));
		return 1;
	}
	default:
		return 0;
	}
}

int bt_good_pgtable(enum bt_model m, struct bt_bind *b)
{
	switch (m) {
	case BT_SMMU: {
		const uint64_t root = 0x50000000;

		init_pg(b, m, IOMMUFMT_BIND_DATA_SMMUV3_CD, 64);
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 3;
		b->pg.format = IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		b->pg.root = root;
		b->pg.addr_width = 48;
		/* T0SZ 16, TG0 4K, IR0/OR0 WBRA, SH0 inner, EPD1, V, IPS 48, AA64, R, A, ASID 0x42 */
		bt_set_word(b, 0, 16 | (1u << 8) | (1u << 10) | (3u << 12) | B(30) | B(31) |
				  (UINT64_C(5) << 32) | B(41) | B(45) | B(46) |
				  (UINT64_C(0x42) << 48));
		bt_set_word(b, 1, root);
		bt_set_word(b, 3, UINT64_C(0x0000000004ff44ff));
		return 1;
	}
	case BT_INTEL: {
		const uint64_t root = 0x80000000;

		init_pg(b, m, IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY, 64);
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 5;
		b->pg.format = IOMMUFMT_PGTABLE_X86_64;
		b->pg.root = root;
		b->pg.addr_width = 48;
		bt_set_word(b, 0, 1 | (1u << 6) /* PGTT first stage */);
		bt_set_word(b, 1, 7 /* DID */ | B(23) /* PWSNP */ | (UINT64_C(0x00070406) << 32) /* PAT */);
		bt_set_word(b, 2, 1 /* SRE */ | (1u << 4) /* WPE */ | root);
		return 1;
	}
	case BT_AMD: {
		const uint64_t root = 0xa0000000;

		init_pg(b, m, IOMMUFMT_BIND_DATA_AMD_GCR3, 8);
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 9;
		b->pg.format = IOMMUFMT_PGTABLE_X86_64;
		b->pg.root = root;
		b->pg.addr_width = 48;
		bt_set_word(b, 0, 1 | root);
		return 1;
	}
	case BT_S390: {
		const uint64_t root = 0xb0000000;

		init_pg(b, m, IOMMUFMT_BIND_DATA_S390_FIB, 24);
		b->big_endian = 1;
		b->pg.format = IOMMUFMT_PGTABLE_S390_DAT;
		b->pg.root = root;
		b->pg.addr_width = 42;	/* region-third table */
		bt_set_word(b, 0, UINT64_C(0x100000000));	/* pba */
		bt_set_word(b, 1, UINT64_C(0x1ffffffff));	/* pal */
		bt_set_word(b, 2, root | B(11) /* T */ | (1u << 2) /* DT RTTO */);
		return 1;
	}
	default:
		return 0;
	}
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
