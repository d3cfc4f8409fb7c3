/* SPDX-License-Identifier: MIT */
/* Round trips between binds and iommufd IOMMU_HWPT_ALLOC data, with the kernel's byte offsets asserted. */
#include <errno.h>
#include <string.h>

#include "tests/bindtest.h"
#include "tests/testutil.h"

#define B(n) (UINT64_C(1) << (n))

/* Host-order loads at byte offsets of the data buffer, as the kernel reads its struct. */
static uint64_t at64(const struct iommufmt_iommufd_hwpt *o, size_t off)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)o->data + off, 8);
	return v;
}

static uint32_t at32(const struct iommufmt_iommufd_hwpt *o, size_t off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)o->data + off, 4);
	return v;
}

static void out_init(struct iommufmt_iommufd_hwpt *o)
{
	memset(o, 0xa5, sizeof(*o));
	o->argsz = sizeof(*o);
}

/*
 * VT-d: struct iommu_hwpt_vtd_s1 { __aligned_u64 flags @0; __aligned_u64
 * pgtbl_addr @8; __u32 addr_width @16; __u32 __reserved @20; } (24 bytes),
 * IOMMU_HWPT_DATA_VTD_S1 = 1, flags SRE 1, EAFE 2, WPE 4.
 */
START_TEST(test_vtd_s1)
{
	struct iommufmt_host *h = bt_host(BT_INTEL);
	struct iommufmt_iommufd_hwpt o;
	struct bt_bind b;
	struct iommufmt_bind_pgtable back;
	uint64_t payload[8];
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	bt_good_pgtable(BT_INTEL, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &o, &d), 0);
	ck_assert_uint_eq(o.argsz, sizeof(o));
	ck_assert_uint_eq(o.data_type, 1);
	ck_assert_uint_eq(o.data_len, 24);
	ck_assert_uint_eq(o.hwpt_flags, 1u << 3);	/* IOMMU_HWPT_ALLOC_PASID */
	ck_assert_uint_eq(o.pasid, 5);
	ck_assert_uint_eq(at64(&o, 0), 1 | 4);		/* SRE | WPE */
	ck_assert_uint_eq(at64(&o, 8), 0x80000000);
	ck_assert_uint_eq(at32(&o, 16), 48);
	ck_assert_uint_eq(at32(&o, 20), 0);
	for (size_t i = 24; i < sizeof(o.data); i++)
		ck_assert_uint_eq(((const uint8_t *)o.data)[i], 0);
	/* And back: a page-table bind with the same root, width, PASID and flags. */
	memset(payload, 0, sizeof(payload));
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
						    sizeof(payload), &d), IOMMUFMT_BIND_KIND_PGTABLE);
	ck_assert_uint_eq(back.root, 0x80000000);
	ck_assert_uint_eq(back.addr_width, 48);
	ck_assert_uint_eq(back.pasid, 5);
	ck_assert_uint_eq(back.flags, IOMMUFMT_BIND_PGTABLE_F_PASID);
	ck_assert_uint_eq(back.data_type, IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY);
	ck_assert_uint_eq(back.data_uptr, (uintptr_t)payload);
	ck_assert_uint_eq(bt_le64(&payload[0]), 1 | (1u << 6));	/* P, PGTT first stage */
	ck_assert_uint_eq(bt_le64(&payload[2]), 0x80000000 | 1 | (1u << 4));
	/* 5-level with EAFE: the flag is refused by this host (no EAFS), 57 bits accepted. */
	{
		uint64_t f = 2;

		memcpy(o.data, &f, 8);
		ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
							    sizeof(payload), &d), -EOPNOTSUPP);
		ck_assert_str_eq(d.field, "pe.eafe");
		f = 8;	/* unknown VTD_S1 flag */
		memcpy(o.data, &f, 8);
		ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
							    sizeof(payload), &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	}
	/* The PASID-directory bind has no iommufd form on VT-d. */
	bt_good_pasid_table(BT_INTEL, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &o, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_NO_IOMMUFD);
	iommufmt_host_free(h);
}
END_TEST

/* The iommufd VTD_S1 struct itself as a bind payload: checked, and passed through unchanged. */
START_TEST(test_vtd_s1_payload)
{
	struct iommufmt_host *h = bt_host(BT_INTEL);
	struct iommufmt_iommufd_hwpt o;
	struct iommufmt_iommufd_hwpt_vtd_s1 s = { .flags = IOMMUFMT_IOMMUFD_VTD_S1_SRE,
						   .pgtbl_addr = 0x80000000, .addr_width = 57 };
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	bt_good_pgtable(BT_INTEL, &b);
	b.pg.data_type = IOMMUFMT_BIND_DATA_VTD_S1;
	b.pg.data_len = sizeof(s);
	b.pg.addr_width = 57;
	memcpy(b.payload, &s, sizeof(s));
	ck_assert_msg(bt_check(h, &b, NULL, &d) == 0, "%s", d.text);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &o, &d), 0);
	ck_assert(!memcmp(o.data, &s, sizeof(s)));
	s.flags |= IOMMUFMT_IOMMUFD_VTD_S1_EAFE;	/* the example host has no EAFS */
	memcpy(b.payload, &s, sizeof(s));
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_UNSUPPORTED);
	ck_assert_str_eq(d.field, "vtd_s1.flags");
	s.flags = IOMMUFMT_IOMMUFD_VTD_S1_WPE;
	memcpy(b.payload, &s, sizeof(s));
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_COMBINATION);
	s.flags = 0x10;
	memcpy(b.payload, &s, sizeof(s));
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	s.flags = 0;
	s.pgtbl_addr = 0x80001000;
	memcpy(b.payload, &s, sizeof(s));
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), -EINVAL);
	ck_assert_str_eq(d.field, "vtd_s1.pgtbl_addr");
	iommufmt_host_free(h);
}
END_TEST

/* SMMUv3: struct iommu_hwpt_arm_smmuv3 { __aligned_le64 ste[2]; } (16 bytes), type 2. */
START_TEST(test_smmuv3_ste)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct iommufmt_iommufd_hwpt o;
	struct iommufmt_bind_pasid_table back;
	uint64_t payload[8];
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	bt_good_pasid_table(BT_SMMU, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &o, &d), 0);
	ck_assert_uint_eq(o.data_type, 2);
	ck_assert_uint_eq(o.data_len, 16);
	ck_assert_uint_eq(o.hwpt_flags, 0);
	/* ste[] is __aligned_le64: little-endian on every host, the STE's own bytes. */
	ck_assert_uint_eq(bt_le64((const uint8_t *)o.data + 0), bt_word(&b, 0));
	ck_assert_uint_eq(bt_le64((const uint8_t *)o.data + 8), bt_word(&b, 1));
	ck_assert(!memcmp(o.data, b.payload, 16));
	ck_assert_uint_eq(((const uint8_t *)o.data)[0] & 0xf, 0xb);	/* V | Cfg 0b101 */
	memset(payload, 0, sizeof(payload));
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
						    sizeof(payload), &d),
			 IOMMUFMT_BIND_KIND_PASID_TABLE);
	ck_assert_uint_eq(back.config, IOMMUFMT_BIND_CONFIG_TRANSLATE);
	ck_assert_uint_eq(back.format, IOMMUFMT_PASIDT_SMMU_LINEAR);
	ck_assert_uint_eq(back.pasid_bits, 4);
	ck_assert_uint_eq(back.base, 0x40000000);
	ck_assert(!memcmp(payload, b.payload, 16));
	/* An invalid STE goes to the kernel as all zeroes, as the kernel itself would make it. */
	b.pt.config = IOMMUFMT_BIND_CONFIG_ABORT;
	b.pt.base = 0;
	b.pt.format = 0;
	b.pt.pasid_bits = 0;
	bt_set_word(&b, 0, 0xfe);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &o, &d), 0);
	ck_assert_uint_eq(at64(&o, 0), 0);
	ck_assert_uint_eq(at64(&o, 8), 0);
	/* Data the kernel would call an illegal STE (-EIO there) is refused before the ioctl. */
	out_init(&o);
	o.data_type = 2;
	o.data_len = 16;
	o.hwpt_flags = 0;
	o.pasid = 0;
	o.flags = 0;
	bt_put_le64((uint8_t *)o.data, 1 | (6u << 1));
	bt_put_le64((uint8_t *)o.data + 8, 0);
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
						    sizeof(payload), &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "ste.config");
	/* A CD has no iommufd form; an output below VER0 is refused. */
	bt_good_pgtable(BT_SMMU, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &o, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_NO_IOMMUFD);
	o.argsz = 16;
	ck_assert_int_eq(iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &o, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	iommufmt_host_free(h);
}
END_TEST

/*
 * AMD: struct iommu_hwpt_amd_guest { __aligned_u64 dte[4]; } (32 bytes), type 3.
 * Only the guest-owned fields reach the kernel (V, PPR, GRPR, GIOV, GV, GLX,
 * GCR3, DomainID, GuestPagingMode); host-owned TV/IR/IW are dropped.
 */
START_TEST(test_amd_guest)
{
	struct iommufmt_host *h = bt_host(BT_AMD);
	struct iommufmt_iommufd_hwpt o;
	struct iommufmt_bind_pasid_table back;
	uint64_t payload[8];
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	bt_good_pasid_table(BT_AMD, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &o, &d), 0);
	ck_assert_uint_eq(o.data_type, 3);
	ck_assert_uint_eq(o.data_len, 32);
	/* dte[] is __aligned_u64, host order (the kernel applies FIELD_GET to it directly). */
	ck_assert_uint_eq(at64(&o, 0), bt_word(&b, 0) & ~(B(1) | B(61) | B(62)));
	ck_assert_uint_eq(at64(&o, 8), bt_word(&b, 1));
	ck_assert_uint_eq(at64(&o, 16), 0);
	ck_assert_uint_eq(at64(&o, 24), 0);
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
						    sizeof(payload), &d),
			 IOMMUFMT_BIND_KIND_PASID_TABLE);
	ck_assert_uint_eq(back.base, 0x90000000);
	ck_assert_uint_eq(back.format, IOMMUFMT_PASIDT_AMD_GCR3_2L);
	ck_assert_uint_eq(back.pasid_bits, 16);
	ck_assert_uint_eq(back.config, IOMMUFMT_BIND_CONFIG_TRANSLATE);
	/* and the payload is the native DTE again: little-endian words with the same values */
	for (unsigned int i = 0; i < 4; i++)
		ck_assert_uint_eq(bt_le64(&payload[i]), at64(&o, 8 * i));
	/* Too small outputs: -EMSGSIZE, nothing written. */
	memset(payload, 0x33, sizeof(payload));
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload, 16, &d),
			 -EMSGSIZE);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
	ck_assert_uint_eq(bt_le64(payload), UINT64_C(0x3333333333333333));
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, 20, payload, sizeof(payload),
						    &d), -EMSGSIZE);
	/* Another model's data type. */
	o.data_type = 1;
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &back, sizeof(back), payload,
						    sizeof(payload), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_DATA_TYPE);
	iommufmt_host_free(h);
}
END_TEST

START_TEST(test_s390_none)
{
	struct iommufmt_host *h = bt_host(BT_S390);
	struct iommufmt_iommufd_hwpt o;
	struct bt_bind b;
	struct iommufmt_diag d;
	uint64_t payload[8];

	iommufmt_diag_init(&d);
	bt_good_pgtable(BT_S390, &b);
	out_init(&o);
	ck_assert_int_eq(iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &o, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_NO_IOMMUFD);
	ck_assert_uint_eq(o.data_type, 0xa5a5a5a5);	/* untouched */
	o.argsz = sizeof(o);
	o.flags = 0;
	o.data_len = 0;
	ck_assert_int_eq(iommufmt_bind_from_iommufd(h, &o, &b.pg, sizeof(b.pg), payload,
						    sizeof(payload), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_NO_IOMMUFD);
	iommufmt_host_free(h);
}
END_TEST

static Suite *iommufd_suite(void)
{
	Suite *s = suite_create("bind-iommufd");
	TCase *tc = tcase_create("iommufd");

	tcase_add_test(tc, test_vtd_s1);
	tcase_add_test(tc, test_vtd_s1_payload);
	tcase_add_test(tc, test_smmuv3_ste);
	tcase_add_test(tc, test_amd_guest);
	tcase_add_test(tc, test_s390_none);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(iommufd_suite());
}
