/* SPDX-License-Identifier: MIT */
/* Tests of guest-memory access: flat regions, spans across regions and the callback, faults. */
#include <errno.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

static unsigned char ram0[4096], ram1[4096];
static int cb_calls;

/* Callback backing [0x10000, 0x11000) with a pattern; everything else faults. */
static int cb(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	(void)opaque;
	cb_calls++;
	if (gpa < 0x10000 || gpa + len > 0x11000 || write)
		return -EFAULT;
	for (size_t i = 0; i < len; i++)
		((unsigned char *)buf)[i] = (unsigned char)(gpa + i);
	return 0;
}

START_TEST(test_read_write)
{
	struct iommufmt_gmem_region r[2] = {
		{ 0x1000, sizeof(ram0), ram0, 0, 0 },
		{ 0x2000, sizeof(ram1), ram1, IOMMUFMT_GMEM_READONLY, 0 },
	};
	struct iommufmt_gmem g = { r, 2, 0, cb, NULL };
	unsigned char buf[64];
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), 0);
	memset(ram0, 0x11, sizeof(ram0));
	memset(ram1, 0x22, sizeof(ram1));
	/* spans both regions */
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x2000 - 8, buf, 16), 0);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(buf[i], i < 8 ? 0x11 : 0x22);
	/* callback region */
	cb_calls = 0;
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x10010, buf, 4), 0);
	ck_assert_int_eq(buf[0], 0x10);
	ck_assert_int_eq(cb_calls, 1);
	/* a hole: fault, never a value */
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x8000, buf, 8), -EFAULT);
	/* crossing from a region into a hole */
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x3000 - 4, buf, 8), -EFAULT);
	/* wrap */
	ck_assert_int_eq(iommufmt_gmem_read(&g, ~0ULL - 3, buf, 8), -EFAULT);
	/* writes: RW ok, RO faults, callback refuses */
	ck_assert_int_eq(iommufmt_gmem_write(&g, 0x1000, "ab", 2), 0);
	ck_assert_int_eq(ram0[0], 'a');
	ck_assert_int_eq(iommufmt_gmem_write(&g, 0x2000, "ab", 2), -EFAULT);
	ck_assert_int_eq(ram1[0], 0x22);
	/* a write running from a RW region into a RO one changes nothing */
	ram0[sizeof(ram0) - 1] = 0x11;
	ck_assert_int_eq(iommufmt_gmem_write(&g, 0x2000 - 1, "xy", 2), -EFAULT);
	ck_assert_int_eq(ram0[sizeof(ram0) - 1], 0x11);
	ck_assert_int_eq(iommufmt_gmem_write(&g, 0x10000, "ab", 2), -EFAULT);
	ck_assert_int_eq(iommufmt_gmem_read(NULL, 0, buf, 1), -EINVAL);
	/* no callback: outside the regions faults */
	g.access = NULL;
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x10010, buf, 4), -EFAULT);
	ck_assert_int_eq(iommufmt_gmem_read(&g, 0x1000, buf, 0), 0);
}
END_TEST

START_TEST(test_check_rejects)
{
	struct iommufmt_gmem_region r[2] = {
		{ 0x1000, 0x2000, ram0, 0, 0 },
		{ 0x2000, 0x1000, ram1, 0, 0 },
	};
	struct iommufmt_gmem g = { r, 2, 0, NULL, NULL };
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_COMBINATION);
	ck_assert_uint_eq(d.index, 1);
	r[1].gpa = 0x3000;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), 0);
	r[1].gpa = ~0ULL - 10;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OVERFLOW);
	r[1].gpa = 0x3000;
	r[1].flags = 0x80;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EOPNOTSUPP);
	r[1].flags = 0;
	r[1].__reserved = 1;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EOPNOTSUPP);
	r[1].__reserved = 0;
	r[1].host = NULL;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EINVAL);
	r[1].host = ram1;
	g.flags = 1;
	ck_assert_int_eq(iommufmt_gmem_check(&g, &d), -EOPNOTSUPP);
}
END_TEST

static Suite *gmem_suite(void)
{
	Suite *s = suite_create("gmem");
	TCase *tc = tcase_create("gmem");

	tcase_add_test(tc, test_read_write);
	tcase_add_test(tc, test_check_rejects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(gmem_suite());
}
