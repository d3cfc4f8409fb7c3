/* SPDX-License-Identifier: MIT */
/* A consumer of the shared library through the public API only, as a VMM would use it. */
#include <errno.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

START_TEST(test_public_api)
{
	struct iommufmt_diag d;
	struct iommufmt_hw_info in = { 0 }, out;

	ck_assert_str_eq(iommufmt_version(), IOMMUFMT_VERSION_STRING);
	ck_assert(IOMMUFMT_CHECK_VERSION(0, 1, 0));
	ck_assert(!IOMMUFMT_CHECK_VERSION(99, 0, 0));
	iommufmt_diag_init(&d);
	in.argsz = 16;
	ck_assert_int_eq(iommufmt_struct_copy_in(&out, sizeof(out), IOMMUFMT_HW_INFO_SIZE_VER0,
						 &in, 16, &d), -EINVAL);
	ck_assert_str_eq(iommufmt_diag_name(d.code), "ARGSZ_SMALL");
	ck_assert_ptr_nonnull(iommufmt_model_by_name("smmuv3"));
	ck_assert_ptr_nonnull(iommufmt_pgtable_by_name("s390-dat"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("consumer");
	TCase *tc = tcase_create("shared-library");

	tcase_add_test(tc, test_public_api);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
