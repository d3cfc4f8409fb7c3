/* SPDX-License-Identifier: MIT */
/* s390 zPCI error CCDF, hand-built big-endian from doc/fault-records.md section 5. */
#include <errno.h>
#include <string.h>

#include "tests/faulttest.h"
#include "tests/testutil.h"

static const struct ft_fmt ccdf = { IOMMUFMT_MODEL_S390, IOMMUFMT_FREC_EVENT, 32, true };

/* A CCDF from the sheet's offsets: fh @4, fid @8, the bitfield word @12, faddr @16, pec @30. */
static void mk_ccdf(uint8_t *rec, uint32_t fh, uint32_t fid, uint32_t bits, uint64_t faddr,
		    uint16_t pec)
{
	memset(rec, 0, 32);
	for (unsigned int i = 0; i < 4; i++) {
		rec[4 + i] = (uint8_t)(fh >> (24 - 8 * i));
		rec[8 + i] = (uint8_t)(fid >> (24 - 8 * i));
		rec[12 + i] = (uint8_t)(bits >> (24 - 8 * i));
	}
	for (unsigned int i = 0; i < 8; i++)
		rec[16 + i] = (uint8_t)(faddr >> (56 - 8 * i));
	rec[30] = (uint8_t)(pec >> 8);
	rec[31] = (uint8_t)pec;
}

/* ett 31:28 | mvn 27:16 | dmaas 15:8 | rsvd 7:2 | q 1 | rw 0 (MSB-first within the word). */
#define CCDF_BITS(ett, mvn, dmaas, q, rw) \
	((uint32_t)(ett) << 28 | (uint32_t)(mvn) << 16 | (uint32_t)(dmaas) << 8 | (q) << 1 | (rw))

static const struct {
	uint16_t pec;
	uint8_t kind;
	uint16_t reason;
} rows[] = {
	{ 0x01, IOMMUFMT_FAULT_KIND_CONFIG, IOMMUFMT_FAULT_TRANSLATION_OFF },
	{ 0x02, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_ADDR_SIZE_INPUT },
	{ 0x03, IOMMUFMT_FAULT_KIND_CONFIG, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY },
	{ 0x04, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_PERMISSION },
	{ 0x05, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x06, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x07, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_NOT_PRESENT },
	{ 0x08, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_TABLE_LENGTH },
	{ 0x09, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_TABLE_TYPE },
	{ 0x0a, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x0b, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_HW_ERROR },
	{ 0x10, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x11, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x12, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x13, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x2a, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x2b, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x2c, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x30, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x3a, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
	{ 0x3b, IOMMUFMT_FAULT_KIND_EVENT, IOMMUFMT_FAULT_OTHER },
};

START_TEST(test_rows)
{
	/* reserved1, the bitfield word's 7:2, reserved3 and reserved4 (word numbering, LSB 0) */
	const uint64_t defined[4] = {
		UINT64_C(0xffffffff), ~UINT64_C(0xfc), ~UINT64_C(0), UINT64_C(0xffff)
	};

	for (unsigned int i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		for (unsigned int rw = 0; rw <= 1; rw++) {
			struct iommufmt_fault f;
			uint8_t rec[32];

			mk_ccdf(rec, 0x80001234, 0x00000042 + i, CCDF_BITS(0xa, 0x123, 0x40, 1, rw),
				0x0000000123456789, rows[i].pec);
			ft_roundtrip(&ccdf, rec, &f);
			ck_assert_uint_eq(f.code, rows[i].pec);
			ck_assert_uint_eq(f.kind, rows[i].kind);
			ck_assert_uint_eq(f.reason, rows[i].reason);
			ck_assert_uint_eq(f.stage, 0);
			ck_assert_uint_eq(f.flags, IOMMUFMT_FAULT_F_ADDR_VALID);
			ck_assert_uint_eq(f.devid, 0x42 + i);
			ck_assert_uint_eq(f.perm,
					  rw ? IOMMUFMT_ACCESS_WRITE : IOMMUFMT_ACCESS_READ);
			ck_assert_uint_eq(f.addr, 0x0000000123456789);
			ft_reserved_sweep(&ccdf, rec, defined);
		}
	}
}
END_TEST

START_TEST(test_hostile)
{
	static const uint16_t unknown[] = { 0x0000, 0x000c, 0x0014, 0x0301, 0x0302, 0xffff };
	uint8_t rec[32];

	for (unsigned int i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		mk_ccdf(rec, 1, 2, 0, 0x1000, unknown[i]);
		ft_decode_fails(&ccdf, rec, 32, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, -1);
	}
	mk_ccdf(rec, 1, 2, 0, 0x1000, 0x04);
	ft_decode_fails(&ccdf, rec, 31, -EINVAL, IOMMUFMT_DIAG_FAULT_TRUNCATED, -1);
	ck_assert_int_eq(iommufmt_fault_record_size(IOMMUFMT_MODEL_S390, IOMMUFMT_FREC_EVENT), 32);
	ck_assert_int_eq(iommufmt_fault_record_size(IOMMUFMT_MODEL_S390, IOMMUFMT_FREC_PAGE_REQ),
			 -EOPNOTSUPP);
}
END_TEST

/* Walker fault -> PEC (sheet section 6, s390 column; 0: no PEC) and the reason it reads back as. */
static const struct {
	uint16_t pec, back;
} walk_map[IOMMUFMT_FAULT_NR] = {
	/* QEMU at DMA time: no IOTLB entry is TPROTE */
	[IOMMUFMT_FAULT_NOT_PRESENT] = { 0x04, IOMMUFMT_FAULT_PERMISSION },
	[IOMMUFMT_FAULT_PERMISSION] = { 0x04, IOMMUFMT_FAULT_PERMISSION },
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = { 0x02, IOMMUFMT_FAULT_ADDR_SIZE_INPUT },
	[IOMMUFMT_FAULT_TABLE_READ] = { 0x07, IOMMUFMT_FAULT_NOT_PRESENT },
	[IOMMUFMT_FAULT_TABLE_TYPE] = { 0x09, IOMMUFMT_FAULT_TABLE_TYPE },
	[IOMMUFMT_FAULT_TABLE_LENGTH] = { 0x08, IOMMUFMT_FAULT_TABLE_LENGTH },
};

START_TEST(test_walker_faults)
{
	static const uint32_t access[] = {
		IOMMUFMT_ACCESS_READ, IOMMUFMT_ACCESS_WRITE, IOMMUFMT_ACCESS_EXEC
	};

	for (uint32_t r = 1; r < IOMMUFMT_FAULT_NR; r++) {
		for (uint32_t stage = 0; stage <= 2; stage++) {
			for (unsigned int a = 0; a < 3; a++) {
				const uint64_t iova = 0x7f0000000 + (r << 12);
				struct iommufmt_fault back;
				struct iommufmt_diag d;
				uint8_t rec[32];
				int rc = ft_walk(&ccdf, r, stage, access[a], iova,
						 r == IOMMUFMT_FAULT_TABLE_READ ? 0x5000 : 0, 0x17,
						 -1, rec, &back, &d);

				/* no PEC, a stage-2 fault (the VMM's) or an execute access: none */
				if (!walk_map[r].pec || stage == 2 ||
				    access[a] == IOMMUFMT_ACCESS_EXEC) {
					ck_assert_int_eq(rc, -EOPNOTSUPP);
					ck_assert_uint_eq(d.code,
							  IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
					continue;
				}
				ck_assert_msg(rc == 32, "reason %u stage %u: %s", r, stage, d.text);
				ck_assert_uint_eq((unsigned int)rec[30] << 8 | rec[31],
						  walk_map[r].pec);
				ck_assert_uint_eq(back.reason, walk_map[r].back);
				ck_assert_uint_eq(back.stage, 0);
				ck_assert_uint_eq(back.perm, access[a]);
				ck_assert_uint_eq(back.addr, iova);
			}
		}
	}
}
END_TEST

/* A PASID, or a page request, has no place in a CCDF. */
START_TEST(test_cannot_encode)
{
	struct iommufmt_iommufd_pgfault r;
	struct iommufmt_fault f, back;
	struct iommufmt_diag d;
	uint8_t rec[32];

	ck_assert_int_eq(ft_walk(&ccdf, IOMMUFMT_FAULT_PERMISSION, 0, IOMMUFMT_ACCESS_READ, 0x1000,
				 0, 1, 3, rec, &back, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	memset(&r, 0, sizeof(r));
	r.flags = IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE;
	r.perm = IOMMUFMT_IOMMUFD_PERM_READ;
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 0, &f, &d), (int)sizeof(r));
	ck_assert_int_eq(iommufmt_fault_encode(ccdf.model, ccdf.record, &f, rec, sizeof(rec), &d),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault-s390");
	TCase *tc = tcase_create("s390");

	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_walker_faults);
	tcase_add_test(tc, test_cannot_encode);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
