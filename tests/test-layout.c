/* SPDX-License-Identifier: MIT */
/* Layout test: the static asserts of layout.h hold on this ABI, plus run-time FourCC byte order. */
#include <string.h>

#include "tests/layout.h"
#include "tests/testutil.h"

START_TEST(test_fourcc_bytes)
{
	__u32 ids[4] = { IOMMUFMT_MODEL_INTEL, IOMMUFMT_MODEL_AMD, IOMMUFMT_MODEL_SMMU,
			 IOMMUFMT_MODEL_S390 };
	const char *want[4] = { "INTL", "AMDV", "SMMU", "S390" };

	for (int i = 0; i < 4; i++) {
		unsigned char le[4];

		for (int b = 0; b < 4; b++)
			le[b] = (unsigned char)(ids[i] >> (8 * b));
		ck_assert(!memcmp(le, want[i], 4));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, test_fourcc_bytes);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
