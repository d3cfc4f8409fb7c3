/* SPDX-License-Identifier: MIT */
/* Host decode, hw_info chains, payload length rules, argsz sweeps, cross-model binds, unbind and negotiation. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bindtest.h"
#include "tests/testutil.h"

#define B(n) (UINT64_C(1) << (n))

static struct iommufmt_hw_regs regs_of(enum bt_model m, struct bt_regs *r)
{
	struct iommufmt_hw_regs hr;

	memset(&hr, 0, sizeof(hr));
	hr.argsz = sizeof(hr);
	hr.model = bt_model_ids[m];
	hr.data_type = r->type;
	hr.data_len = r->len;
	hr.data_uptr = (uintptr_t)r->raw;
	return hr;
}

static const struct iommufmt_cap_pgtable_format *fmt_of(const struct iommufmt_host_desc *d,
							uint32_t format)
{
	for (uint32_t i = 0; i < d->nr_pgtables; i++)
		if (d->pgtables[i].format == format)
			return &d->pgtables[i];
	return NULL;
}

/* Each example host decodes into exactly the capabilities its registers say. */
START_TEST(test_decode_intel)
{
	struct iommufmt_host *h = bt_host(BT_INTEL);
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	const struct iommufmt_cap_pgtable_format *fs = fmt_of(d, IOMMUFMT_PGTABLE_X86_64);
	const struct iommufmt_cap_pgtable_format *ss = fmt_of(d, IOMMUFMT_PGTABLE_VTD_SS);

	ck_assert_uint_eq(d->model, IOMMUFMT_MODEL_INTEL);
	ck_assert_uint_eq(d->nr_pgtables, 2);
	ck_assert_ptr_nonnull(fs);
	ck_assert_ptr_nonnull(ss);
	ck_assert_uint_eq(fs->ias, 57);
	ck_assert_uint_eq(fs->oas, 52);
	ck_assert_uint_eq(fs->max_levels, 5);
	ck_assert_uint_eq(fs->pgsize_bitmap, B(12) | B(21) | B(30));
	ck_assert_uint_eq(fs->flags, IOMMUFMT_PGTF_AD | IOMMUFMT_PGTF_STAGE1 | IOMMUFMT_PGTF_PRIV);
	ck_assert_uint_eq(ss->ias, 52);	/* SAGAW 5-level capped by the 52-bit MGAW clamp */
	ck_assert_uint_eq(ss->min_levels, 4);
	ck_assert_uint_eq(ss->max_levels, 5);
	ck_assert_uint_eq(ss->flags, IOMMUFMT_PGTF_STAGE2 | IOMMUFMT_PGTF_AD);
	ck_assert_uint_eq(d->pasid.pasid_bits, 20);
	ck_assert_uint_eq(d->pasid.table_formats, 1u << IOMMUFMT_PASIDT_VTD_SM);
	ck_assert_uint_eq(d->pasid.flags, IOMMUFMT_PASID_F_PRIV);
	ck_assert_uint_eq(d->nesting.flags, IOMMUFMT_NESTING_F_PGTABLE | IOMMUFMT_NESTING_F_SHADOW |
			  IOMMUFMT_NESTING_F_NO_PASID_S1 | IOMMUFMT_NESTING_F_DIRTY);
	ck_assert_uint_eq(d->nesting.stage1_formats, 1u << IOMMUFMT_PGTABLE_X86_64);
	ck_assert_uint_eq(d->nesting.gpa_bits, 52);
	ck_assert_uint_eq(d->inval.max_range_log2, 18);
	ck_assert_uint_eq(d->inval.asid_bits, 16);
	ck_assert(d->inval.flags & IOMMUFMT_INVF_DEVTLB);
	ck_assert(!(d->fault.flags & IOMMUFMT_FAULTF_PRI));
	iommufmt_host_free(h);
}
END_TEST

START_TEST(test_decode_smmu)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	const struct iommufmt_cap_pgtable_format *s1 = fmt_of(d, IOMMUFMT_PGTABLE_ARM_LPAE_S1);

	ck_assert_ptr_nonnull(s1);
	ck_assert_uint_eq(s1->granules, (1u << 12) | (1u << 16));
	ck_assert_uint_eq(s1->pgsize_bitmap, B(12) | B(21) | B(30) | B(16) | B(29));
	ck_assert_uint_eq(s1->ias, 48);
	ck_assert_uint_eq(s1->oas, 48);
	ck_assert_uint_eq(s1->flags & IOMMUFMT_PGTF_AD, 0);	/* HTTU = 1: access flag only */
	ck_assert_uint_eq(d->pasid.pasid_bits, 20);
	ck_assert_uint_eq(d->pasid.table_formats, (1u << IOMMUFMT_PASIDT_SMMU_LINEAR) |
			  (1u << IOMMUFMT_PASIDT_SMMU_2L_4K) | (1u << IOMMUFMT_PASIDT_SMMU_2L_64K));
	ck_assert(!(d->pasid.flags & IOMMUFMT_PASID_F_STALL));
	ck_assert(!(d->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED));
	ck_assert(d->nesting.flags & IOMMUFMT_NESTING_F_PASID_TABLE);
	ck_assert_uint_eq(d->nesting.gpa_bits, 48);
	ck_assert_uint_eq(d->inval.asid_bits, 8);
	ck_assert_uint_eq(d->inval.max_range_log2, 36);
	ck_assert_uint_eq(d->fault.stall_max, 0x80);
	iommufmt_host_free(h);
}
END_TEST

START_TEST(test_decode_amd_s390)
{
	struct iommufmt_host *h = bt_host(BT_AMD);
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	const struct iommufmt_cap_pgtable_format *v1 = fmt_of(d, IOMMUFMT_PGTABLE_AMD_V1);
	const struct iommufmt_cap_pgtable_format *v2 = fmt_of(d, IOMMUFMT_PGTABLE_X86_64);

	ck_assert_ptr_nonnull(v1);
	ck_assert_ptr_nonnull(v2);
	ck_assert_uint_eq(v1->max_levels, 5);
	ck_assert_uint_eq(v1->ias, 57);
	ck_assert_uint_eq(v2->ias, 48);		/* GATS 0: 4-level guest tables */
	ck_assert_uint_eq(v2->flags, IOMMUFMT_PGTF_STAGE1 | IOMMUFMT_PGTF_AD | IOMMUFMT_PGTF_EXEC |
			  IOMMUFMT_PGTF_PRIV);
	ck_assert_uint_eq(d->pasid.pasid_bits, 16);
	ck_assert_uint_eq(d->pasid.table_formats, (1u << IOMMUFMT_PASIDT_AMD_GCR3_1L) |
			  (1u << IOMMUFMT_PASIDT_AMD_GCR3_2L));
	ck_assert_uint_eq(d->nesting.gpa_bits, 52);
	ck_assert(d->nesting.flags & IOMMUFMT_NESTING_F_NO_PASID_S1);
	ck_assert(d->inval.flags & IOMMUFMT_INVF_GLOBAL);
	iommufmt_host_free(h);

	h = bt_host(BT_S390);
	d = iommufmt_host_get_desc(h);
	ck_assert_uint_eq(d->nr_pgtables, 1);
	ck_assert_uint_eq(d->pgtables[0].format, IOMMUFMT_PGTABLE_S390_DAT);
	ck_assert_uint_eq(d->pgtables[0].ias, 64);
	ck_assert_uint_eq(d->pgtables[0].pgsize_bitmap, B(12) | B(20));
	ck_assert_uint_eq(d->pasid.pasid_bits, 0);
	ck_assert_uint_eq(d->pasid.table_formats, 0);
	ck_assert_uint_eq(d->nesting.flags, IOMMUFMT_NESTING_F_SHADOW);
	iommufmt_host_free(h);
}
END_TEST

/* iommufd's out_max_pasid_log2 narrows the PASID width; its negative-sense ATS bit is honoured. */
START_TEST(test_decode_iommufd_outputs)
{
	struct bt_regs r;
	struct iommufmt_hw_regs hr;
	struct iommufmt_host *h;
	struct iommufmt_diag d;

	bt_example_regs(BT_SMMU, &r);
	hr = regs_of(BT_SMMU, &r);
	hr.flags = IOMMUFMT_HW_REGS_F_IOMMUFD;
	hr.max_pasid_log2 = 8;
	hr.capabilities = IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED | (UINT64_C(1) << 40);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), 0);
	ck_assert_uint_eq(iommufmt_host_get_desc(h)->pasid.pasid_bits, 8);
	ck_assert(iommufmt_host_get_desc(h)->pasid.flags & IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED);
	ck_assert(!(iommufmt_host_get_desc(h)->pasid.flags & IOMMUFMT_PASID_F_EXEC));
	iommufmt_host_free(h);
	/* max_pasid_log2 0 from iommufd: the device has no PASID. */
	hr.max_pasid_log2 = 0;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), 0);
	ck_assert_uint_eq(iommufmt_host_get_desc(h)->pasid.pasid_bits, 0);
	iommufmt_host_free(h);
	/* ... but the outputs without the flag are a contradiction. */
	hr.flags = 0;
	hr.max_pasid_log2 = 8;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_COMBINATION);
}
END_TEST

/* Every reject of iommufmt_host_new, with its errno and code; nothing is allocated on failure. */
START_TEST(test_host_new_rejects)
{
	struct bt_regs r;
	struct iommufmt_hw_regs hr;
	struct iommufmt_host *h = (struct iommufmt_host *)(uintptr_t)0x1;
	struct iommufmt_diag d;
	uint8_t big[64];

	iommufmt_diag_init(&d);
	bt_example_regs(BT_INTEL, &r);
	ck_assert_int_eq(iommufmt_host_new(NULL, &h, &d), -EINVAL);
	hr = regs_of(BT_INTEL, &r);
	ck_assert_int_eq(iommufmt_host_new(&hr, NULL, &d), -EINVAL);
	hr.argsz = IOMMUFMT_HW_REGS_SIZE_VER0 - 1;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	hr = regs_of(BT_INTEL, &r);
	hr.flags = 2;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	hr = regs_of(BT_INTEL, &r);
	hr.__reserved = 1;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_RESERVED_NONZERO);
	hr = regs_of(BT_INTEL, &r);
	hr.model = IOMMUFMT_FOURCC('N', 'O', 'P', 'E');
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_MODEL);
	hr = regs_of(BT_INTEL, &r);
	hr.data_type = IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_HOST_DATA_TYPE);
	ck_assert_str_eq(d.field, "data_type");
	/* payload shorter than VER0, longer with a zero tail (fine), longer with a non-zero tail */
	hr = regs_of(BT_INTEL, &r);
	hr.data_len = 23;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	ck_assert_str_eq(d.field, "data_len");
	memset(big, 0, sizeof(big));
	memcpy(big, r.raw, 24);
	hr.data_uptr = (uintptr_t)big;
	hr.data_len = sizeof(big);
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), 0);
	iommufmt_host_free(h);
	big[40] = 1;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -E2BIG);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_TAIL_NONZERO);
	ck_assert_uint_eq(d.index, 40);
	hr.data_uptr = 0;
	ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_NULL_ARG);
}
END_TEST

/* Set the bits @mask of the host-order field (@size bytes at @off) of a raw register struct. */
static void set_reg_bits(void *raw, size_t off, unsigned int size, uint64_t mask, uint64_t v)
{
	unsigned char *p = (unsigned char *)raw + off;

	if (size == 8) {
		uint64_t x;

		memcpy(&x, p, 8);
		x = (x & ~mask) | (v & mask);
		memcpy(p, &x, 8);
	} else if (size == 4) {
		uint32_t x;

		memcpy(&x, p, 4);
		x = (uint32_t)((x & ~mask) | (v & mask));
		memcpy(p, &x, 4);
	} else {
		*p = (unsigned char)((*p & ~mask) | (v & mask));
	}
}

/* Offset and size of field f of struct iommufmt_hw_info_s. */
#define HWF(s, f) offsetof(struct iommufmt_hw_info_##s, f), \
		  sizeof(((struct iommufmt_hw_info_##s *)0)->f)

/* Impossible registers per model (the raw structs hold host-order fields, as iommufd's). */
START_TEST(test_host_bad_regs)
{
	static const struct {
		enum bt_model m;
		size_t off;		/* the field: byte offset and size */
		unsigned int size;
		uint64_t mask;		/* the bits replaced */
		uint64_t value;
		const char *field;
	} bad[] = {
		{ BT_INTEL, HWF(vtd, cap_reg), ~UINT64_C(0), 0, "cap_reg" },
		{ BT_SMMU, HWF(arm_smmuv3, idr[0]), 0xffffffff, 0x4, "idr0" },	/* neither S1P nor S2P */
		{ BT_SMMU, HWF(arm_smmuv3, idr[5]), 0xffffffff, 0x5, "idr5" },	/* no granule */
		{ BT_SMMU, HWF(arm_smmuv3, idr[0]), 0xffffffff, 0x3 | (1u << 2), "idr0.ttf" }, /* AArch32 */
		{ BT_AMD, HWF(amd, efr), 0xffffffff, 3u << 10, "efr.hats" },	/* low half: HATS 3 */
		{ BT_S390, HWF(s390, dt_mask), 0xff, 0, "s390.dt_mask" },	/* no table type */
	};
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bt_regs r;
		struct iommufmt_hw_regs hr;
		struct iommufmt_host *h = NULL;
		struct iommufmt_diag d;

		bt_example_regs(bad[i].m, &r);
		set_reg_bits(r.raw, bad[i].off, bad[i].size, bad[i].mask, bad[i].value);
		hr = regs_of(bad[i].m, &r);
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_host_new(&hr, &h, &d), -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_HOST_REGS);
		ck_assert_msg(!strcmp(d.field, bad[i].field), "case %u: field %s", i, d.field);
		ck_assert_ptr_null(h);
	}
}
END_TEST

/* The hw_info chain: too small is no error; every capability reads back as the description. */
START_TEST(test_hw_info_chain)
{
	for (int m = 0; m < BT_NR_MODELS; m++) {
		struct iommufmt_host *h = bt_host(m);
		const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
		struct iommufmt_hw_info small;
		unsigned char *buf;
		const struct iommufmt_cap_header *cap;
		size_t cap_len;
		struct iommufmt_diag dg;
		struct iommufmt_hw_info info;
		int n;

		iommufmt_diag_init(&dg);
		memset(&small, 0, sizeof(small));
		ck_assert_int_eq(iommufmt_host_hw_info(h, &small, sizeof(small), &dg), 0);
		ck_assert(small.flags & IOMMUFMT_HW_INFO_FLAGS_CAPS);
		ck_assert_uint_eq(small.cap_offset, 0);
		ck_assert_uint_eq(small.model, bt_model_ids[m]);
		ck_assert_uint_gt(small.argsz, sizeof(small));
		buf = calloc(1, small.argsz);
		ck_assert_ptr_nonnull(buf);
		ck_assert_int_eq(iommufmt_host_hw_info(h, buf, small.argsz, &dg), 0);
		memcpy(&info, buf, sizeof(info));
		ck_assert_uint_ne(info.cap_offset, 0);
		n = iommufmt_caps_check(buf, info.argsz, sizeof(info), info.cap_offset, &dg);
		ck_assert_int_eq(n, (int)d->nr_pgtables + 4);
		ck_assert_int_eq(iommufmt_caps_find(buf, info.argsz, sizeof(info), info.cap_offset,
						    IOMMUFMT_CAP_PASID, &cap, &cap_len, &dg), 0);
		ck_assert_uint_ge(cap_len, sizeof(d->pasid));
		ck_assert(!memcmp((const char *)cap + 8, (const char *)&d->pasid + 8,
				  sizeof(d->pasid) - 8));
		ck_assert_uint_eq(((const struct iommufmt_cap_pasid *)(const void *)cap)->pasid_bits,
				  d->pasid.pasid_bits);
		ck_assert_int_eq(iommufmt_caps_find(buf, info.argsz, sizeof(info), info.cap_offset,
						    IOMMUFMT_CAP_NESTING, &cap, &cap_len, &dg), 0);
		ck_assert_uint_eq(((const struct iommufmt_cap_nesting *)(const void *)cap)->flags,
				  d->nesting.flags);
		ck_assert_int_eq(iommufmt_caps_find(buf, info.argsz, sizeof(info), info.cap_offset,
						    IOMMUFMT_CAP_PGTABLE_FORMAT, &cap, &cap_len,
						    &dg), 0);
		ck_assert_uint_eq(((const struct iommufmt_cap_pgtable_format *)(const void *)cap)
				  ->format, d->pgtables[0].format);
		/* A chain with a truncated PASID capability is caught by the size rule. */
		{
			struct iommufmt_cap_header ch;
			uint32_t off = info.cap_offset;

			for (;;) {
				memcpy(&ch, buf + off, sizeof(ch));
				if (ch.id == IOMMUFMT_CAP_PASID)
					break;
				off = ch.next;
			}
			ck_assert_int_eq(iommufmt_caps_check(buf, off + 16, sizeof(info),
							     info.cap_offset, &dg), -EINVAL);
			ck_assert_uint_eq(dg.code, IOMMUFMT_DIAG_CAP_TRUNCATED);
		}
		free(buf);
		iommufmt_host_free(h);
	}
}
END_TEST

/* Payloads: shorter than VER0, exactly VER0 (zero-filled), longer with zero / non-zero tails. */
START_TEST(test_payload_lengths)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct iommufmt_diag d;
	struct bt_bind b;
	uint8_t big[128];

	iommufmt_diag_init(&d);
	bt_good_pgtable(BT_SMMU, &b);
	b.pg.data_len = IOMMUFMT_SMMUV3_CD_SIZE_VER0 - 1;
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	ck_assert_str_eq(d.field, "data_len");
	ck_assert_uint_eq(d.limit, IOMMUFMT_SMMUV3_CD_SIZE_VER0);
	/* VER0: words 4-7 are not passed, and garbage there is not read. */
	b.pg.data_len = IOMMUFMT_SMMUV3_CD_SIZE_VER0;
	bt_set_word(&b, 7, 0xdead);
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), 0);
	/* Longer than the library knows: zero tail accepted, non-zero tail -E2BIG. */
	bt_good_pgtable(BT_SMMU, &b);
	memset(big, 0, sizeof(big));
	memcpy(big, b.payload, 64);
	b.pg.data_len = sizeof(big);
	b.pg.data_uptr = (uintptr_t)big;
	ck_assert_int_eq(iommufmt_bind_pgtable_check(h, &b.pg, NULL, &d), 0);
	big[100] = 0x80;
	ck_assert_int_eq(iommufmt_bind_pgtable_check(h, &b.pg, NULL, &d), -E2BIG);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_TAIL_NONZERO);
	ck_assert_str_eq(d.field, "data_len");
	ck_assert_uint_eq(d.index, 100);
	iommufmt_host_free(h);
}
END_TEST

/* argsz of every bind struct through the API, 0 .. 2x size, zero and non-zero tails. */
static int call_kind(int kind, const struct iommufmt_host *h, const void *p,
		     struct iommufmt_diag *d)
{
	switch (kind) {
	case 0:
		return iommufmt_bind_pasid_table_check(h, p, NULL, d);
	case 1:
		return iommufmt_bind_pgtable_check(h, p, NULL, d);
	default:
		return iommufmt_unbind_check(h, p, d);
	}
}

START_TEST(test_argsz_sweep)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct bt_bind pt, pg;
	struct iommufmt_unbind ub = { .argsz = sizeof(ub), .flags = IOMMUFMT_UNBIND_F_PASID_TABLE,
				      .model = IOMMUFMT_MODEL_SMMU };
	const void *src[3];
	size_t size[3] = { sizeof(pt.pt), sizeof(pg.pg), sizeof(ub) };
	size_t ver0[3] = { IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0, IOMMUFMT_BIND_PGTABLE_SIZE_VER0,
			   IOMMUFMT_UNBIND_SIZE_VER0 };

	bt_good_pasid_table(BT_SMMU, &pt);
	bt_good_pgtable(BT_SMMU, &pg);
	src[0] = &pt.pt;
	src[1] = &pg.pg;
	src[2] = &ub;
	for (int k = 0; k < 3; k++) {
		unsigned char *buf = calloc(1, 2 * size[k] + 8);

		ck_assert_ptr_nonnull(buf);
		for (size_t argsz = 0; argsz <= 2 * size[k]; argsz++) {
			struct iommufmt_diag d;
			uint32_t a = (uint32_t)argsz;
			int r;

			memset(buf, 0, 2 * size[k] + 8);
			memcpy(buf, src[k], size[k]);
			memcpy(buf, &a, 4);
			iommufmt_diag_init(&d);
			r = call_kind(k, h, buf, &d);
			if (argsz < ver0[k]) {
				ck_assert_msg(r == -EINVAL, "kind %d argsz %zu: %d", k, argsz, r);
				ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
				continue;
			}
			ck_assert_msg(r == 0, "kind %d argsz %zu: %d %s", k, argsz, r, d.text);
			for (size_t p = size[k]; p < argsz; p++) {
				buf[p] = 0xff;
				r = call_kind(k, h, buf, &d);
				ck_assert_msg(r == -E2BIG, "kind %d argsz %zu byte %zu: %d", k,
					      argsz, p, r);
				ck_assert_uint_eq(d.index, p);
				buf[p] = 0;
			}
		}
		free(buf);
	}
	iommufmt_host_free(h);
}
END_TEST

/* From the design discussions: a guest SMMUv3 PASID table offered to an Intel host, and vice versa. */
START_TEST(test_cross_model)
{
	struct iommufmt_host *vtd = bt_host(BT_INTEL), *smmu = bt_host(BT_SMMU);
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	bt_good_pasid_table(BT_SMMU, &b);
	ck_assert_int_eq(bt_check(vtd, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MODEL_MISMATCH);
	ck_assert_str_eq(d.field, "model");
	ck_assert_uint_eq(d.value, IOMMUFMT_MODEL_SMMU);
	ck_assert_uint_eq(d.limit, IOMMUFMT_MODEL_INTEL);
	/* Disguised as an Intel bind: the CD-table format is not one the host walks. */
	b.pt.model = IOMMUFMT_MODEL_INTEL;
	ck_assert_int_eq(bt_check(vtd, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_UNSUPPORTED);
	ck_assert_str_eq(d.field, "format");
	/* Disguised further with the Intel format: the STE payload type is not Intel's. */
	b.pt.format = IOMMUFMT_PASIDT_VTD_SM;
	b.pt.pasid_bits = 13;
	ck_assert_int_eq(bt_check(vtd, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_DATA_TYPE);
	/* And the other way round. */
	bt_good_pasid_table(BT_INTEL, &b);
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MODEL_MISMATCH);
	b.pt.model = IOMMUFMT_MODEL_SMMU;
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "format");
	bt_good_pgtable(BT_INTEL, &b);
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MODEL_MISMATCH);
	/* s390 has no PASID table at all: a reason, not a crash. */
	{
		struct iommufmt_host *z = bt_host(BT_S390);

		bt_good_pasid_table(BT_SMMU, &b);
		b.pt.model = IOMMUFMT_MODEL_S390;
		ck_assert_int_eq(bt_check(z, &b, NULL, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_NO_PASID_TABLE);
		ck_assert_ptr_nonnull(strstr(d.text, "walks no PASID table"));
		iommufmt_host_free(z);
	}
	iommufmt_host_free(vtd);
	iommufmt_host_free(smmu);
}
END_TEST

START_TEST(test_unbind)
{
	static const struct {
		enum bt_model m;
		uint32_t flags, pasid;
		int err;
		unsigned int code;
		const char *field;
	} t[] = {
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PASID_TABLE, 0, 0, 0, NULL },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_PASID |
		  IOMMUFMT_UNBIND_F_RELEASE_FLUSHED, 7, 0, 0, NULL },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_PASID |
		  IOMMUFMT_UNBIND_F_RELEASE_IDLE, 7, 0, 0, NULL },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_PASID |
		  IOMMUFMT_UNBIND_F_RELEASE_FLUSHED | IOMMUFMT_UNBIND_F_RELEASE_IDLE, 7, -EINVAL,
		  IOMMUFMT_DIAG_UNBIND_RELEASE, "flags" },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_RELEASE_IDLE, 0, -EINVAL,
		  IOMMUFMT_DIAG_UNBIND_RELEASE, "flags" },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PASID_TABLE | IOMMUFMT_UNBIND_F_PGTABLE, 0, -EINVAL,
		  IOMMUFMT_DIAG_BAD_COMBINATION, "flags" },
		{ BT_SMMU, 0, 0, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "flags" },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PASID_TABLE | IOMMUFMT_UNBIND_F_PASID, 1, -EINVAL,
		  IOMMUFMT_DIAG_BAD_COMBINATION, "pasid" },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE, 3, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION,
		  "pasid" },
		{ BT_SMMU, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_PASID, 1u << 20, -EINVAL,
		  IOMMUFMT_DIAG_BIND_PASID_RANGE, "pasid" },
		{ BT_SMMU, 1u << 9, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags" },
		{ BT_S390, IOMMUFMT_UNBIND_F_PASID_TABLE, 0, -EOPNOTSUPP,
		  IOMMUFMT_DIAG_BIND_NO_PASID_TABLE, "flags" },
		{ BT_S390, IOMMUFMT_UNBIND_F_PGTABLE | IOMMUFMT_UNBIND_F_PASID |
		  IOMMUFMT_UNBIND_F_RELEASE_FLUSHED, 0, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED,
		  "pasid" },
		{ BT_S390, IOMMUFMT_UNBIND_F_PGTABLE, 0, 0, 0, NULL },
	};
	for (unsigned int i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct iommufmt_host *h = bt_host(t[i].m);
		struct iommufmt_unbind u = { .argsz = sizeof(u), .flags = t[i].flags,
					     .model = bt_model_ids[t[i].m], .pasid = t[i].pasid };
		struct iommufmt_diag d;
		int r;

		iommufmt_diag_init(&d);
		r = iommufmt_unbind_check(h, &u, &d);
		ck_assert_msg(r == t[i].err, "case %u: %d (%s)", i, r, d.text);
		if (t[i].err) {
			ck_assert_uint_eq(d.code, t[i].code);
			ck_assert_str_eq(d.field, t[i].field);
		}
		iommufmt_host_free(h);
	}
	{
		struct iommufmt_host *h = bt_host(BT_SMMU);
		struct iommufmt_unbind u = { .argsz = sizeof(u), .flags = IOMMUFMT_UNBIND_F_PASID_TABLE,
					     .model = IOMMUFMT_MODEL_AMD };
		struct iommufmt_diag d;

		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_unbind_check(h, &u, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MODEL_MISMATCH);
		u.model = IOMMUFMT_MODEL_SMMU;
		u.__reserved = 1;
		ck_assert_int_eq(iommufmt_unbind_check(h, &u, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_RESERVED_NONZERO);
		iommufmt_host_free(h);
	}
}
END_TEST

/* Negotiation: every incompatibility listed, counts and -EMSGSIZE, effective values. */
START_TEST(test_negotiate_all_listed)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct iommufmt_viommu_config req, eff;
	struct iommufmt_diag diags[16];
	__u32 n = 16;
	static const struct {
		const char *field;
		unsigned int code;
	} want[] = {
		{ "pgtable_formats", IOMMUFMT_DIAG_NEG_FORMAT },	/* x86-64 */
		{ "ias", IOMMUFMT_DIAG_NEG_LIMIT },		/* 52 > 48 */
		{ "pasid_bits", IOMMUFMT_DIAG_NEG_LIMIT },	/* 24 > 20 */
		{ "asid_bits", IOMMUFMT_DIAG_NEG_LIMIT },	/* 16 > 8 */
		{ "granules", IOMMUFMT_DIAG_NEG_PGSIZE },	/* 16K */
		{ "flags", IOMMUFMT_DIAG_NEG_FEATURE },	/* STALL */
		{ "flags", IOMMUFMT_DIAG_NEG_FEATURE },	/* AD */
		{ "fault_flags", IOMMUFMT_DIAG_NEG_FEATURE },	/* PRI */
	};

	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	req.model = IOMMUFMT_MODEL_SMMU;
	req.flags = IOMMUFMT_VIOMMU_F_PASID | IOMMUFMT_VIOMMU_F_STALL | IOMMUFMT_VIOMMU_F_AD;
	req.pgtable_formats = (1u << IOMMUFMT_PGTABLE_ARM_LPAE_S1) | (1u << IOMMUFMT_PGTABLE_X86_64);
	req.pasid_bits = 24;
	req.ias = 52;
	req.asid_bits = 16;
	req.granules = (1u << 12) | (1u << 14);
	req.fault_flags = IOMMUFMT_FAULTF_PRI;
	memset(&eff, 0x5a, sizeof(eff));
	eff.argsz = sizeof(eff);
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EOPNOTSUPP);
	ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
	for (unsigned int i = 0; i < n; i++) {
		ck_assert_msg(!strcmp(diags[i].field, want[i].field), "record %u: %s (%s)", i,
			      diags[i].field, diags[i].text);
		ck_assert_uint_eq(diags[i].code, want[i].code);
		ck_assert_int_eq(diags[i].error, -EOPNOTSUPP);
		ck_assert_uint_eq(diags[i].index, i);
	}
	ck_assert_uint_eq(diags[0].value, IOMMUFMT_PGTABLE_X86_64);
	ck_assert_uint_eq(diags[2].limit, 20);
	ck_assert_uint_eq(diags[5].value, IOMMUFMT_VIOMMU_F_STALL);
	ck_assert_uint_eq(eff.flags, 0x5a5a5a5a);	/* untouched on failure */
	/* Too small an array: -EMSGSIZE, the count needed, the first records written. */
	n = 3;
	memset(diags, 0, sizeof(diags));
	ck_assert_int_eq(iommufmt_negotiate(h, &req, NULL, diags, &n), -EMSGSIZE);
	ck_assert_uint_eq(n, 8);
	ck_assert_str_eq(diags[2].field, "pasid_bits");
	ck_assert_uint_eq(diags[3].argsz, 0);
	n = 0;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, NULL, NULL, &n), -EMSGSIZE);
	ck_assert_uint_eq(n, 8);
	iommufmt_host_free(h);
}
END_TEST

START_TEST(test_negotiate_effective)
{
	struct iommufmt_host *h = bt_host(BT_INTEL);
	struct iommufmt_viommu_config req, eff;
	struct iommufmt_diag diags[4];
	__u32 n = 4;

	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	req.model = IOMMUFMT_MODEL_INTEL;
	req.flags = IOMMUFMT_VIOMMU_F_PASID | IOMMUFMT_VIOMMU_F_ATS | IOMMUFMT_VIOMMU_F_PRIV;
	req.ias = 48;
	memset(&eff, 0, sizeof(eff));
	eff.argsz = IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(eff.pgtable_formats, 1u << IOMMUFMT_PGTABLE_X86_64);
	ck_assert_uint_eq(eff.pasid_table_formats, 1u << IOMMUFMT_PASIDT_VTD_SM);
	ck_assert_uint_eq(eff.pasid_bits, 20);
	ck_assert_uint_eq(eff.ias, 48);
	ck_assert_uint_eq(eff.oas, 52);
	ck_assert_uint_eq(eff.asid_bits, 16);
	ck_assert_uint_eq(eff.pgsize_bitmap, B(12) | B(21) | B(30));
	ck_assert_uint_eq(eff.flags, req.flags);
	ck_assert_uint_eq(eff.argsz, sizeof(eff));
	/* An output struct below VER0 is refused before anything is compared. */
	eff.argsz = 16;
	n = 4;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EINVAL);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(diags[0].code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	eff.argsz = sizeof(eff);
	/* A model mismatch is reported alone. */
	req.model = IOMMUFMT_MODEL_AMD;
	req.pasid_bits = 30;
	n = 4;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EOPNOTSUPP);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(diags[0].code, IOMMUFMT_DIAG_MODEL_MISMATCH);
	/* A malformed request: argsz below VER0, unknown feature flags. */
	req.model = IOMMUFMT_MODEL_INTEL;
	req.argsz = 8;
	n = 4;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EINVAL);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(diags[0].code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	req.argsz = sizeof(req);
	req.flags = 1u << 30;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EOPNOTSUPP);
	ck_assert_uint_eq(diags[0].code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	/* The PRI the Intel example lacks, and the dirty tracking it has. */
	req.flags = IOMMUFMT_VIOMMU_F_PRI | IOMMUFMT_VIOMMU_F_DIRTY;
	req.pasid_bits = 0;
	n = 4;
	ck_assert_int_eq(iommufmt_negotiate(h, &req, &eff, diags, &n), -EOPNOTSUPP);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(diags[0].value, IOMMUFMT_VIOMMU_F_PRI);
	iommufmt_host_free(h);
}
END_TEST

/*
 * Advertise: decode the advertised registers as a host again; what the
 * guest may use must be a subset of what the real host nests.
 */
START_TEST(test_advertise_subset)
{
	for (int m = 0; m < BT_NR_MODELS; m++) {
		struct iommufmt_host *h = bt_host(m), *g;
		const struct iommufmt_host_desc *hd = iommufmt_host_get_desc(h), *gd;
		struct iommufmt_hw_regs out;
		struct bt_regs gr;
		struct iommufmt_diag d;
		uint8_t buf[80];

		memset(buf, 0xee, sizeof(buf));
		memset(&out, 0, sizeof(out));
		out.argsz = sizeof(out);
		out.data_uptr = (uintptr_t)buf;
		out.data_len = sizeof(buf);
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_advertise(h, NULL, &out, &d), 0);
		ck_assert_uint_eq(out.argsz, sizeof(out));
		ck_assert_uint_eq(out.model, bt_model_ids[m]);
		ck_assert_uint_le(out.data_len, 64);
		{
			/* a newer caller's longer struct: ours, then zeros; argsz our size */
			union {
				struct iommufmt_hw_regs r;
				unsigned char b[sizeof(struct iommufmt_hw_regs) + 16];
			} big;
			uint8_t buf2[80];

			memset(&big, 0xa5, sizeof(big));
			memset(&big.r, 0, sizeof(big.r));
			big.r.argsz = sizeof(big);
			big.r.data_uptr = (uintptr_t)buf2;
			big.r.data_len = sizeof(buf2);
			memset(big.b + sizeof(big.r), 0, 16);	/* copy-in: the tail must be zero */
			ck_assert_int_eq(iommufmt_advertise(h, NULL, &big.r, &d), 0);
			ck_assert_uint_eq(big.r.argsz, sizeof(out));
			ck_assert_uint_eq(big.r.data_len, out.data_len);
			ck_assert_mem_eq(buf2, buf, out.data_len);
		}
		for (size_t i = out.data_len; i < sizeof(buf); i++)
			ck_assert_uint_eq(buf[i], 0);	/* zero-filled like iommufd */
		memset(&gr, 0, sizeof(gr));
		gr.type = out.data_type;
		gr.len = out.data_len;
		memcpy(gr.raw, buf, out.data_len);
		g = bt_host_from(m, &gr);
		gd = iommufmt_host_get_desc(g);
		ck_assert_uint_le(gd->pasid.pasid_bits, hd->pasid.pasid_bits);
		ck_assert_uint_eq(gd->pasid.table_formats & ~hd->pasid.table_formats, 0);
		ck_assert_uint_eq(gd->pasid.flags & (IOMMUFMT_PASID_F_PRI | IOMMUFMT_PASID_F_STALL) &
				  ~hd->pasid.flags, 0);
		for (uint32_t i = 0; i < gd->nr_pgtables; i++) {
			const struct iommufmt_cap_pgtable_format *gf = &gd->pgtables[i], *hf;

			/*
			 * The guest's translation formats must be stage-1 formats the host
			 * nests. AMD's EFR cannot withhold the host (v1) table format: the
			 * guest still sees it, and the bind check rejects a DTE that uses it
			 * (Mode != 0).
			 */
			if (m == BT_AMD && gf->format == IOMMUFMT_PGTABLE_AMD_V1)
				continue;
			ck_assert_msg(hd->nesting.stage1_formats & (1u << gf->format),
				      "%s: guest sees format %u the host cannot nest",
				      bt_model_names[m], gf->format);
			hf = fmt_of(hd, gf->format);
			ck_assert_ptr_nonnull(hf);
			ck_assert_uint_le(gf->ias, hf->ias);
			ck_assert_uint_eq(gf->pgsize_bitmap & ~hf->pgsize_bitmap, 0);
			ck_assert_uint_eq(gf->granules & ~hf->granules, 0);
			ck_assert_uint_le(gf->oas, hd->nesting.gpa_bits);
		}
		iommufmt_host_free(g);
		iommufmt_host_free(h);
	}
}
END_TEST

START_TEST(test_advertise_narrowed)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct iommufmt_viommu_config cfg;
	struct iommufmt_hw_info_arm_smmuv3 g;
	struct iommufmt_hw_regs out;
	struct iommufmt_diag d;

	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.model = IOMMUFMT_MODEL_SMMU;
	cfg.pasid_bits = 8;
	cfg.granules = 1u << 12;
	cfg.pasid_table_formats = 1u << IOMMUFMT_PASIDT_SMMU_LINEAR;
	memset(&out, 0, sizeof(out));
	out.argsz = sizeof(out);
	out.data_uptr = (uintptr_t)&g;
	out.data_len = sizeof(g);
	iommufmt_diag_init(&d);
	ck_assert_msg(iommufmt_advertise(h, &cfg, &out, &d) == 0, "%s: %s", d.field, d.text);
	ck_assert_uint_eq(out.data_type, IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3);
	ck_assert_uint_eq((g.idr[1] >> 6) & 0x1f, 8);		/* SSIDSIZE */
	ck_assert_uint_eq(g.idr[5] & (7u << 4), 1u << 4);	/* GRAN4K only */
	ck_assert_uint_eq(g.idr[0] & (1u << 19), 0);		/* no CD2L */
	ck_assert_uint_eq(g.idr[0] & 1, 0);			/* no S2P */
	ck_assert_uint_eq(g.idr[0] & 2, 2);			/* S1P */
	ck_assert_uint_eq(g.idr[0] & (1u << 10), 0);		/* ATS not asked for */
	ck_assert_uint_eq(g.idr[5] & 7, 5);			/* OAS 48 */
	ck_assert_uint_eq(out.max_pasid_log2, 8);
	ck_assert(out.capabilities & IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED);
	/* The capacity is respected: a 16-byte buffer gets 16 bytes, data_len the full 40. */
	memset(&g, 0x77, sizeof(g));
	out.data_len = 16;
	ck_assert_int_eq(iommufmt_advertise(h, &cfg, &out, &d), 0);
	ck_assert_uint_eq(out.data_len, sizeof(g));
	ck_assert_uint_eq(g.idr[2], 0x77777777);
	/* Another model's configuration is refused. */
	cfg.model = IOMMUFMT_MODEL_INTEL;
	ck_assert_int_eq(iommufmt_advertise(h, &cfg, &out, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_MODEL_MISMATCH);
	iommufmt_host_free(h);
}
END_TEST

/* A validated page-table bind yields a walker configuration that the page-table layer accepts. */
START_TEST(test_pgtable_cfg)
{
	static const struct {
		enum bt_model m;
		uint32_t format, levels, granule, top;
	} t[] = {
		{ BT_INTEL, IOMMUFMT_PGTABLE_X86_64, 4, 0, 0 },
		{ BT_AMD, IOMMUFMT_PGTABLE_X86_64, 4, 0, 0 },
		{ BT_SMMU, IOMMUFMT_PGTABLE_ARM_LPAE_S1, 0, 12, 0 },
		{ BT_S390, IOMMUFMT_PGTABLE_S390_DAT, 0, 0, IOMMUFMT_S390_TOP_RT },
	};
	for (unsigned int i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct iommufmt_host *h = bt_host(t[i].m);
		struct iommufmt_pgtable_cfg cfg;
		const struct iommufmt_pgtable_ops *ops;
		struct bt_bind b;
		struct iommufmt_diag d;

		bt_good_pgtable(t[i].m, &b);
		iommufmt_diag_init(&d);
		/* an argsz below VER0 is refused, the struct untouched */
		memset(&cfg, 0xa5, sizeof(cfg));
		cfg.argsz = IOMMUFMT_PGTABLE_CFG_SIZE_VER0 - 8;
		ck_assert_int_eq(iommufmt_bind_pgtable_cfg(h, &b.pg, &cfg, &d), -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
		ck_assert_uint_eq(cfg.argsz, IOMMUFMT_PGTABLE_CFG_SIZE_VER0 - 8);
		ck_assert_uint_eq(cfg.format, 0xa5a5a5a5u);
		/* a newer caller's longer struct: ours, then zeros; argsz says our size */
		{
			union {
				struct iommufmt_pgtable_cfg c;
				unsigned char b[sizeof(struct iommufmt_pgtable_cfg) + 16];
			} big;

			memset(&big, 0xa5, sizeof(big));
			big.c.argsz = sizeof(big);
			ck_assert_int_eq(iommufmt_bind_pgtable_cfg(h, &b.pg, &big.c, &d), 0);
			ck_assert_uint_eq(big.c.argsz, sizeof(cfg));
			for (size_t k = sizeof(cfg); k < sizeof(big); k++)
				ck_assert_uint_eq(big.b[k], 0);
		}
		cfg.argsz = sizeof(cfg);
		ck_assert_int_eq(iommufmt_bind_pgtable_cfg(h, &b.pg, &cfg, &d), 0);
		ck_assert_uint_eq(cfg.argsz, sizeof(cfg));
		ck_assert_uint_eq(cfg.format, t[i].format);
		ck_assert_uint_eq(cfg.levels, t[i].levels);
		ck_assert_uint_eq(cfg.granule, t[i].granule);
		ck_assert_uint_eq(cfg.top, t[i].top);
		ck_assert_uint_eq(cfg.root, b.pg.root);
		ops = iommufmt_pgtable_get(cfg.format);
		if (ops && ops->walk) {
			struct iommufmt_pgtable pt;

			ck_assert_msg(iommufmt_pgtable_prepare(&pt, &cfg, &d) == 0,
				      "%s: prepare: %s: %s", bt_model_names[t[i].m], d.field, d.text);
		}
		/* A bad bind derives nothing. */
		b.pg.__reserved = 1;
		ck_assert_int_eq(iommufmt_bind_pgtable_cfg(h, &b.pg, &cfg, &d), -EOPNOTSUPP);
		iommufmt_host_free(h);
	}
}
END_TEST

START_TEST(test_pasidt_names)
{
	for (int i = 0; i < IOMMUFMT_PASIDT_NR; i++) {
		const char *n = iommufmt_pasidt_name((__u32)i);

		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(iommufmt_pasidt_by_name(n), i);
	}
	ck_assert_ptr_null(iommufmt_pasidt_name(IOMMUFMT_PASIDT_NR));
	ck_assert_int_eq(iommufmt_pasidt_by_name("nope"), -ENOENT);
	ck_assert_int_eq(iommufmt_pasidt_by_name(NULL), -ENOENT);
	for (unsigned int c = 0x200; c <= 0x213; c++)
		ck_assert_msg(iommufmt_diag_name(c) != NULL, "diag 0x%x has no name", c);
}
END_TEST

static Suite *bind_suite(void)
{
	Suite *s = suite_create("bind");
	TCase *tc = tcase_create("bind");

	tcase_add_test(tc, test_decode_intel);
	tcase_add_test(tc, test_decode_smmu);
	tcase_add_test(tc, test_decode_amd_s390);
	tcase_add_test(tc, test_decode_iommufd_outputs);
	tcase_add_test(tc, test_host_new_rejects);
	tcase_add_test(tc, test_host_bad_regs);
	tcase_add_test(tc, test_hw_info_chain);
	tcase_add_test(tc, test_payload_lengths);
	tcase_add_test(tc, test_argsz_sweep);
	tcase_add_test(tc, test_cross_model);
	tcase_add_test(tc, test_unbind);
	tcase_add_test(tc, test_negotiate_all_listed);
	tcase_add_test(tc, test_negotiate_effective);
	tcase_add_test(tc, test_advertise_subset);
	tcase_add_test(tc, test_advertise_narrowed);
	tcase_add_test(tc, test_pgtable_cfg);
	tcase_add_test(tc, test_pasidt_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(bind_suite());
}
