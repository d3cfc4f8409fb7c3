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
		r->type = IOMMUFMT_HW_INFO_TYPE_INTEL_VTD;
		r->len = sizeof(v);
		memcpy(r->raw, &v, sizeof(v));
		return 0;
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
		r->type = IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3;
		r->len = sizeof(s);
		memcpy(r->raw, &s, sizeof(s));
		return 0;
	}
	case IOMMUFMT_MODEL_AMD: {
		/* An AMD-Vi with guest (v2) tables, 5-level, 2-level GCR3, 16-bit PASIDs. */
		struct iommufmt_hw_info_amd a = { 0 };

		a.efr = B(0) | B(1) | B(2) | B(3) | B(4) | B(6) | B(7) | B(8) | B(9) |
			(UINT64_C(1) << 10) | (UINT64_C(1) << 12) | (UINT64_C(1) << 14) |
			(UINT64_C(15) << 32) | B(37) | B(48) | B(49) | B(50) | B(52);
		r->type = IOMMUFMT_HW_INFO_TYPE_AMD;
		r->len = sizeof(a);
		memcpy(r->raw, &a, sizeof(a));
		return 0;
	}
	case IOMMUFMT_MODEL_S390: {
		/* A zPCI function with all four table types and 1 MiB frames. */
		struct iommufmt_hw_info_s390 z = { 0 };

		z.dt_mask = 0xf;
		z.frame_mask = 0x3;
		z.start_dma = UINT64_C(0x100000000);
		z.end_dma = UINT64_C(0x3ffffffffff);
		r->type = IOMMUFMT_HW_INFO_TYPE_S390_ZPCI;
		r->len = sizeof(z);
		memcpy(r->raw, &z, sizeof(z));
		return 0;
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

int bind_example_pasid_table(uint32_t model, struct bind_req *b)
{
	memset(b, 0, sizeof(*b));
	b->kind = IOMMUFMT_BIND_KIND_PASID_TABLE;
	b->pt.argsz = sizeof(b->pt);
	b->pt.model = model;
	b->pt.config = IOMMUFMT_BIND_CONFIG_TRANSLATE;
	switch (model) {
	case IOMMUFMT_MODEL_SMMU:
		/* A linear CD table of 16 CDs at GPA 1 GiB; substream-less traffic uses CD 0. */
		b->pt.format = IOMMUFMT_PASIDT_SMMU_LINEAR;
		b->pt.pasid_bits = 4;
		b->pt.base = 0x40000000;
		b->pt.data_type = IOMMUFMT_BIND_DATA_SMMUV3_STE;
		b->pt.data_len = sizeof(struct iommufmt_smmuv3_ste);
		bind_put_word(b, model, 0, 1 | (5u << 1) | b->pt.base | (UINT64_C(4) << 59));
		bind_put_word(b, model, 1, 2 | (1u << 2) | (1u << 4) | (3u << 6) | B(28));
		return 1;
	case IOMMUFMT_MODEL_AMD:
		/* A 2-level GCR3 table for 16-bit PASIDs at GPA 0x90000000. */
		b->pt.format = IOMMUFMT_PASIDT_AMD_GCR3_2L;
		b->pt.pasid_bits = 16;
		b->pt.base = 0x90000000;
		b->pt.data_type = IOMMUFMT_BIND_DATA_AMD_DTE;
		b->pt.data_len = sizeof(struct iommufmt_amd_dte);
		bind_put_word(b, model, 0, 1 | 2 | B(54) | B(55) | B(56) |
				       (((b->pt.base >> 12) & 7) << 58) | B(61) | B(62));
		bind_put_word(b, model, 1, 5 | (((b->pt.base >> 15) & 0xffff) << 16) |
				       ((b->pt.base >> 31) << 43));
		return 1;
	case IOMMUFMT_MODEL_INTEL:
		/* A scalable-mode context naming a PASID directory of 128 entries (13 bits). */
		b->pt.format = IOMMUFMT_PASIDT_VTD_SM;
		b->pt.pasid_bits = 13;
		b->pt.base = 0x70000000;
		b->pt.data_type = IOMMUFMT_BIND_DATA_VTD_CONTEXT;
		b->pt.data_len = sizeof(struct iommufmt_vtd_sm_context);
		bind_put_word(b, model, 0, 1 | (1u << 3) | b->pt.base);
		return 1;
	default:
		return 0;
	}
}

int bind_example_pgtable(uint32_t model, struct bind_req *b)
{
	memset(b, 0, sizeof(*b));
	b->kind = IOMMUFMT_BIND_KIND_PGTABLE;
	b->pg.argsz = sizeof(b->pg);
	b->pg.model = model;
	switch (model) {
	case IOMMUFMT_MODEL_SMMU:
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 3;
		b->pg.format = IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		b->pg.root = 0x50000000;
		b->pg.addr_width = 48;
		b->pg.data_type = IOMMUFMT_BIND_DATA_SMMUV3_CD;
		b->pg.data_len = sizeof(struct iommufmt_smmuv3_cd);
		bind_put_word(b, model, 0, 16 | (1u << 8) | (1u << 10) | (3u << 12) | B(30) |
				       B(31) | (UINT64_C(5) << 32) | B(41) | B(43) | B(45) |
				       B(46) | (UINT64_C(0x42) << 48));
		bind_put_word(b, model, 1, b->pg.root);
		bind_put_word(b, model, 3, UINT64_C(0x0000000004ff44ff));
		return 1;
	case IOMMUFMT_MODEL_INTEL:
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 5;
		b->pg.format = IOMMUFMT_PGTABLE_X86_64;
		b->pg.root = 0x80000000;
		b->pg.addr_width = 57;
		b->pg.data_type = IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY;
		b->pg.data_len = sizeof(struct iommufmt_vtd_pasid_entry);
		bind_put_word(b, model, 0, 1 | (1u << 6));
		bind_put_word(b, model, 1, 7 | B(23));
		bind_put_word(b, model, 2, 1 | (1u << 2) | (1u << 4) | B(7) | b->pg.root);
		return 1;
	case IOMMUFMT_MODEL_AMD:
		b->pg.flags = IOMMUFMT_BIND_PGTABLE_F_PASID;
		b->pg.pasid = 9;
		b->pg.format = IOMMUFMT_PGTABLE_X86_64;
		b->pg.root = 0xa0000000;
		b->pg.addr_width = 48;
		b->pg.data_type = IOMMUFMT_BIND_DATA_AMD_GCR3;
		b->pg.data_len = sizeof(struct iommufmt_amd_gcr3);
		bind_put_word(b, model, 0, 1 | b->pg.root);
		return 1;
	case IOMMUFMT_MODEL_S390:
		b->pg.format = IOMMUFMT_PGTABLE_S390_DAT;
		b->pg.root = 0xb0000000;
		b->pg.addr_width = 42;
		b->pg.data_type = IOMMUFMT_BIND_DATA_S390_FIB;
		b->pg.data_len = sizeof(struct iommufmt_s390_fib_dma);
		bind_put_word(b, model, 0, UINT64_C(0x100000000));
		bind_put_word(b, model, 1, UINT64_C(0x1ffffffff));
		bind_put_word(b, model, 2, b->pg.root | B(11) | (1u << 2));
		return 1;
	default:
		return 0;
	}
}
