/* SPDX-License-Identifier: MIT */
/* Example hosts and binds for the bind commands, demo and bench; register parsing from K=V and files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/bind_cli.h"

#define B(n) (UINT64_C(1) << (n))

const char *bind_model_name(uint32_t model)
{
	const struct iommufmt_model_ops *m = iommufmt_model_get(model, 0);

	return m ? m->name : "?";
}

/* The raw registers of a host: @len bytes of type @type. */
static int set_raw(struct bind_regs *r, uint32_t type, const void *raw, size_t len)
{
	r->type = type;
	r->len = (uint32_t)len;
	memcpy(r->raw, raw, len);
	return 0;
}

int bind_example_regs(uint32_t model, struct bind_regs *r)
{
	memset(r, 0, sizeof(*r));
	r->model = model;
	switch (model) {
	case IOMMUFMT_MODEL_INTEL: {
		/* A scalable-mode VT-d with nesting, 20-bit PASIDs, 5-level first stage. */
		struct iommufmt_hw_info_vtd v = { 0 };

		v.cap_reg = 6 | (UINT64_C(0xc) << 8) | (UINT64_C(51) << 16) | B(22) |
			    (UINT64_C(3) << 34) | B(39) | (UINT64_C(18) << 48) | B(56) | B(60);
		v.ecap_reg = B(1) | B(2) | B(3) | B(4) | B(6) | B(7) | B(26) | B(29) | B(31) |
			     B(34) | (UINT64_C(19) << 35) | B(40) | B(41) | B(42) | B(43) | B(45) |
			     B(46) | B(47) | B(48) | B(49);
		return set_raw(r, IOMMUFMT_HW_INFO_TYPE_INTEL_VTD, &v, sizeof(v));
	}
	case IOMMUFMT_MODEL_SMMU: {
		/* An SMMUv3.2 with both stages, HTTU, ATS, stalls, 20-bit SSIDs. */
		struct iommufmt_hw_info_arm_smmuv3 s = { 0 };

		s.idr[0] = 1 | 2 | (2u << 2) | (1u << 4) | (1u << 5) | (2u << 6) | (1u << 10) |
			   (1u << 12) | (1u << 13) | (1u << 14) | (1u << 18) | (1u << 19) |
			   (2u << 21) | (1u << 27);
		s.idr[1] = 16 | (20u << 6);
		s.idr[3] = (1u << 10) | (2u << 11);
		s.idr[5] = (1u << 4) | (1u << 5) | (1u << 6) | 5 | (0x80u << 16);
		s.iidr = 0x43b;
		s.aidr = 2;
		return set_raw(r, IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3, &s, sizeof(s));
	}
	case IOMMUFMT_MODEL_AMD: {
		/* An AMD-Vi with guest (v2) tables, 5-level, 2-level GCR3, 16-bit PASIDs. */
		struct iommufmt_hw_info_amd a = { 0 };

		a.efr = B(0) | B(1) | B(2) | B(3) | B(4) | B(6) | B(7) | B(8) | B(9) |
			(UINT64_C(1) << 10) | (UINT64_C(1) << 12) | (UINT64_C(1) << 14) |
			(UINT64_C(15) << 32) | B(37) | B(48) | B(49) | B(50) | B(52);
		return set_raw(r, IOMMUFMT_HW_INFO_TYPE_AMD, &a, sizeof(a));
	}
	case IOMMUFMT_MODEL_S390: {
		/* A zPCI function with all four table types and 1 MiB frames. */
		struct iommufmt_hw_info_s390 z = { 0 };

		z.dt_mask = 0xf;
		z.frame_mask = 0x3;
		z.start_dma = UINT64_C(0x100000000);
		z.end_dma = UINT64_C(0x3ffffffffff);
		return set_raw(r, IOMMUFMT_HW_INFO_TYPE_S390_ZPCI, &z, sizeof(z));
	}
	default:
		return -ENOENT;
	}
}

const char *bind_regs_keys(uint32_t model)
{
	switch (model) {
	case IOMMUFMT_MODEL_INTEL:
		return "cap, ecap, flags";
	case IOMMUFMT_MODEL_SMMU:
		return "idr0 .. idr5, iidr, aidr, flags";
	case IOMMUFMT_MODEL_AMD:
		return "efr, efr2";
	case IOMMUFMT_MODEL_S390:
		return "flags, dt_mask, frame_mask, start, end";
	default:
		return "";
	}
}

/* Register key -> byte offset and width in the raw iommufd struct. */
struct reg_key {
	uint32_t model;
	const char *key;
	unsigned int off;
	unsigned int size;
};

static const struct reg_key reg_keys[] = {
	{ IOMMUFMT_MODEL_INTEL, "flags", 0, 4 },
	{ IOMMUFMT_MODEL_INTEL, "cap", 8, 8 },
	{ IOMMUFMT_MODEL_INTEL, "ecap", 16, 8 },
	{ IOMMUFMT_MODEL_SMMU, "flags", 0, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr0", 8, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr1", 12, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr2", 16, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr3", 20, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr4", 24, 4 },
	{ IOMMUFMT_MODEL_SMMU, "idr5", 28, 4 },
	{ IOMMUFMT_MODEL_SMMU, "iidr", 32, 4 },
	{ IOMMUFMT_MODEL_SMMU, "aidr", 36, 4 },
	{ IOMMUFMT_MODEL_AMD, "efr", 0, 8 },
	{ IOMMUFMT_MODEL_AMD, "efr2", 8, 8 },
	{ IOMMUFMT_MODEL_S390, "flags", 0, 4 },
	{ IOMMUFMT_MODEL_S390, "dt_mask", 4, 1 },
	{ IOMMUFMT_MODEL_S390, "frame_mask", 5, 1 },
	{ IOMMUFMT_MODEL_S390, "start", 8, 8 },
	{ IOMMUFMT_MODEL_S390, "end", 16, 8 },
};

int bind_set_reg(struct bind_regs *r, const char *kv)
{
	const char *eq = strchr(kv, '=');
	uint64_t v;

	if (!eq || cli_parse_u64(eq + 1, &v, false))
		return -EINVAL;
	for (size_t i = 0; i < sizeof(reg_keys) / sizeof(reg_keys[0]); i++) {
		const struct reg_key *k = &reg_keys[i];
		uint8_t *p = (uint8_t *)r->raw + k->off;

		if (k->model != r->model || strlen(k->key) != (size_t)(eq - kv) ||
		    strncmp(k->key, kv, (size_t)(eq - kv)))
			continue;
		if (k->size < 8 && (v >> (8 * k->size)))
			return -ERANGE;
		if (k->size == 8) {
			memcpy(p, &v, 8);
		} else if (k->size == 4) {
			uint32_t w = (uint32_t)v;

			memcpy(p, &w, 4);
		} else {
			*p = (uint8_t)v;
		}
		return 0;
	}
	return -EINVAL;
}

int bind_load_regs(struct bind_regs *r, const char *path)
{
	size_t len;
	uint8_t *buf = cli_load_file(path, &len);

	if (!buf)
		return -errno;
	if (len > sizeof(r->raw)) {
		free(buf);
		return -E2BIG;
	}
	memset(r->raw, 0, sizeof(r->raw));
	memcpy(r->raw, buf, len);
	r->len = (uint32_t)len;
	free(buf);
	return 0;
}

int bind_host(const struct bind_regs *r, struct iommufmt_host **h, struct iommufmt_diag *diag)
{
	struct iommufmt_hw_regs hr;

	memset(&hr, 0, sizeof(hr));
	hr.argsz = sizeof(hr);
	hr.model = r->model;
	hr.data_type = r->type;
	hr.data_len = r->len;
	hr.data_uptr = (uintptr_t)r->raw;
	if (r->iommufd) {
		hr.flags = IOMMUFMT_HW_REGS_F_IOMMUFD;
		hr.max_pasid_log2 = r->max_pasid_log2;
		hr.capabilities = r->capabilities;
	}
	return iommufmt_host_new(&hr, h, diag);
}

static void put_le(void *p, uint64_t v)
{
	uint8_t *b = p;

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

void bind_put_word(struct bind_req *b, uint32_t model, unsigned int i, uint64_t v)
{
	uint8_t *p = (uint8_t *)&b->payload[i];

	if (model == IOMMUFMT_MODEL_S390)
		for (int k = 0; k < 8; k++)
			p[7 - k] = (uint8_t)(v >> (8 * k));
	else
		put_le(p, v);
}

uint64_t bind_get_word(const struct bind_req *b, uint32_t model, unsigned int i)
{
	const uint8_t *p = (const uint8_t *)&b->payload[i];
	uint64_t v = 0;

	if (model == IOMMUFMT_MODEL_S390)
		for (int k = 0; k < 8; k++)
			v = (v << 8) | p[k];
	else
		for (int k = 7; k >= 0; k--)
			v = (v << 8) | p[k];
	return v;
}

int bind_check(const struct iommufmt_host *h, struct bind_req *b, const struct iommufmt_gmem *g,
	       struct iommufmt_diag *diag)
{
	b->pt.data_uptr = (uintptr_t)b->payload;
	b->pg.data_uptr = (uintptr_t)b->payload;
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		return iommufmt_bind_pasid_table_check(h, &b->pt, g, diag);
	if (b->kind == IOMMUFMT_BIND_KIND_PGTABLE)
		return iommufmt_bind_pgtable_check(h, &b->pg, g, diag);
	return iommufmt_unbind_check(h, &b->ub, diag);
}

/* A known-good bind of an example host: its header and payload words (0 where unused). */
struct bind_example {
	uint32_t kind;
	struct iommufmt_bind_pasid_table pt;
	struct iommufmt_bind_pgtable pg;
	uint64_t w[4];
};

#define PT IOMMUFMT_BIND_KIND_PASID_TABLE
#define PG IOMMUFMT_BIND_KIND_PGTABLE
#define PT_OF(id) .argsz = sizeof(struct iommufmt_bind_pasid_table), .model = (id), \
		  .config = IOMMUFMT_BIND_CONFIG_TRANSLATE
#define PG_OF(id) .argsz = sizeof(struct iommufmt_bind_pgtable), .model = (id)
#define SMMU_CDT UINT64_C(0x40000000)
#define AMD_GCR3 UINT64_C(0x90000000)
#define VTD_DIR UINT64_C(0x70000000)
#define SMMU_ROOT UINT64_C(0x50000000)
#define VTD_ROOT UINT64_C(0x80000000)
#define AMD_ROOT UINT64_C(0xa0000000)
#define S390_ROOT UINT64_C(0xb0000000)

static const struct bind_example examples[] = {
	/* A linear CD table of 16 CDs at GPA 1 GiB; substream-less traffic uses CD 0. */
	{ PT, .pt = { PT_OF(IOMMUFMT_MODEL_SMMU), .format = IOMMUFMT_PASIDT_SMMU_LINEAR,
		      .pasid_bits = 4, .base = SMMU_CDT, .data_type = IOMMUFMT_BIND_DATA_SMMUV3_STE,
		      .data_len = sizeof(struct iommufmt_smmuv3_ste) },
	  .w = { 1 | (5u << 1) | SMMU_CDT | (UINT64_C(4) << 59),
		 2 | (1u << 2) | (1u << 4) | (3u << 6) | B(28) } },
	/* A 2-level GCR3 table for 16-bit PASIDs at GPA 0x90000000. */
	{ PT, .pt = { PT_OF(IOMMUFMT_MODEL_AMD), .format = IOMMUFMT_PASIDT_AMD_GCR3_2L,
		      .pasid_bits = 16, .base = AMD_GCR3, .data_type = IOMMUFMT_BIND_DATA_AMD_DTE,
		      .data_len = sizeof(struct iommufmt_amd_dte) },
	  .w = { 1 | 2 | B(54) | B(55) | B(56) | (((AMD_GCR3 >> 12) & 7) << 58) | B(61) | B(62),
		 5 | (((AMD_GCR3 >> 15) & 0xffff) << 16) | ((AMD_GCR3 >> 31) << 43) } },
	/* A scalable-mode context naming a PASID directory of 128 entries (13 bits). */
	{ PT, .pt = { PT_OF(IOMMUFMT_MODEL_INTEL), .format = IOMMUFMT_PASIDT_VTD_SM,
		      .pasid_bits = 13, .base = VTD_DIR, .data_type = IOMMUFMT_BIND_DATA_VTD_CONTEXT,
		      .data_len = sizeof(struct iommufmt_vtd_sm_context) },
	  .w = { 1 | (1u << 3) | VTD_DIR } },
	{ PG, .pg = { PG_OF(IOMMUFMT_MODEL_SMMU), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID, .pasid = 3,
		      .format = IOMMUFMT_PGTABLE_ARM_LPAE_S1, .root = SMMU_ROOT, .addr_width = 48,
		      .data_type = IOMMUFMT_BIND_DATA_SMMUV3_CD,
		      .data_len = sizeof(struct iommufmt_smmuv3_cd) },
	  .w = { 16 | (1u << 8) | (1u << 10) | (3u << 12) | B(30) | B(31) | (UINT64_C(5) << 32) |
		 B(41) | B(43) | B(45) | B(46) | (UINT64_C(0x42) << 48),
		 SMMU_ROOT, 0, UINT64_C(0x0000000004ff44ff) } },
	{ PG, .pg = { PG_OF(IOMMUFMT_MODEL_INTEL), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID, .pasid = 5,
		      .format = IOMMUFMT_PGTABLE_X86_64, .root = VTD_ROOT, .addr_width = 57,
		      .data_type = IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY,
		      .data_len = sizeof(struct iommufmt_vtd_pasid_entry) },
	  .w = { 1 | (1u << 6), 7 | B(23), 1 | (1u << 2) | (1u << 4) | B(7) | VTD_ROOT } },
	{ PG, .pg = { PG_OF(IOMMUFMT_MODEL_AMD), .flags = IOMMUFMT_BIND_PGTABLE_F_PASID, .pasid = 9,
		      .format = IOMMUFMT_PGTABLE_X86_64, .root = AMD_ROOT, .addr_width = 48,
		      .data_type = IOMMUFMT_BIND_DATA_AMD_GCR3,
		      .data_len = sizeof(struct iommufmt_amd_gcr3) },
	  .w = { 1 | AMD_ROOT } },
	{ PG, .pg = { PG_OF(IOMMUFMT_MODEL_S390), .format = IOMMUFMT_PGTABLE_S390_DAT,
		      .root = S390_ROOT, .addr_width = 42, .data_type = IOMMUFMT_BIND_DATA_S390_FIB,
		      .data_len = sizeof(struct iommufmt_s390_fib_dma) },
	  .w = { UINT64_C(0x100000000), UINT64_C(0x1ffffffff), S390_ROOT | B(11) | (1u << 2) } },
};

/* Fill @b with the example of @kind for @model; 0 (a bare header) when there is none. */
static int bind_example(uint32_t model, uint32_t kind, struct bind_req *b)
{
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	if (kind == PT)
		b->pt = (struct iommufmt_bind_pasid_table){ PT_OF(model) };
	else
		b->pg = (struct iommufmt_bind_pgtable){ PG_OF(model) };
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		const struct bind_example *x = &examples[i];

		if (x->kind != kind || (kind == PT ? x->pt.model : x->pg.model) != model)
			continue;
		b->pt = x->pt;
		b->pg = x->pg;
		for (unsigned int w = 0; w < 4; w++)
			bind_put_word(b, model, w, x->w[w]);
		return 1;
	}
	return 0;
}

int bind_example_pasid_table(uint32_t model, struct bind_req *b)
{
	return bind_example(model, PT, b);
}

int bind_example_pgtable(uint32_t model, struct bind_req *b)
{
	return bind_example(model, PG, b);
}
