/* SPDX-License-Identifier: MIT */
/* Tests of the argsz copy rules: every argsz from 0 to 2x size, a non-zero byte at every tail position. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

struct abi_struct {
	const char *name;
	size_t size;
	size_t ver0;
};

static const struct abi_struct abi_structs[] = {
#define ABI_STRUCT(n, v) { #n, sizeof(struct n), v },
#include "tests/abi-structs.h"
#undef ABI_STRUCT
};
#define NR_STRUCTS (sizeof(abi_structs) / sizeof(abi_structs[0]))

/* The rules, restated independently of lib/copy.c. */
static int expected(size_t size, size_t ver0, const unsigned char *src, size_t argsz)
{
	if (argsz < ver0)
		return -EINVAL;
	for (size_t i = size; i < argsz; i++)
		if (src[i])
			return -E2BIG;
	return 0;
}

static void sweep_one(const struct abi_struct *s, int with_diag)
{
	size_t max = 2 * s->size;
	unsigned char *src = malloc(max + 1), *dst = malloc(s->size), *before = malloc(s->size);
	struct iommufmt_diag diag;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	ck_assert_ptr_nonnull(before);
	for (size_t argsz = 0; argsz <= max; argsz++) {
		for (size_t i = 0; i < argsz; i++)
			src[i] = i < s->size ? (unsigned char)(0x11 + i) : 0;
		/* zero tail (or no tail) */
		memset(dst, 0xa5, s->size);
		memcpy(before, dst, s->size);
		iommufmt_diag_init(&diag);
		int r = iommufmt_struct_copy_in(dst, s->size, s->ver0, src, argsz,
						with_diag ? &diag : NULL);
		ck_assert_msg(r == expected(s->size, s->ver0, src, argsz),
			      "%s argsz %zu: got %d", s->name, argsz, r);
		if (r == 0) {
			size_t n = argsz < s->size ? argsz : s->size;

			ck_assert_msg(!memcmp(dst, src, n), "%s argsz %zu: copy", s->name, argsz);
			for (size_t i = n; i < s->size; i++)
				ck_assert_msg(dst[i] == 0, "%s argsz %zu: zero-fill at %zu",
					      s->name, argsz, i);
			if (with_diag)
				ck_assert_uint_eq(diag.code, IOMMUFMT_DIAG_OK);
		} else {
			ck_assert_msg(!memcmp(dst, before, s->size), "%s argsz %zu: dst changed",
				      s->name, argsz);
			if (with_diag) {
				ck_assert_uint_eq(diag.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
				ck_assert_int_eq(diag.error, -EINVAL);
				ck_assert_str_eq(diag.field, "argsz");
			}
		}
		/* a non-zero byte at every tail position */
		for (size_t p = s->size; p < argsz; p++) {
			src[p] = 0x5a;
			memset(dst, 0xa5, s->size);
			iommufmt_diag_init(&diag);
			r = iommufmt_struct_copy_in(dst, s->size, s->ver0, src, argsz,
						    with_diag ? &diag : NULL);
			ck_assert_msg(r == -E2BIG, "%s argsz %zu tail byte %zu: got %d",
				      s->name, argsz, p, r);
			ck_assert_msg(!memcmp(dst, before, s->size), "%s: dst changed on E2BIG",
				      s->name);
			if (with_diag) {
				ck_assert_uint_eq(diag.code, IOMMUFMT_DIAG_TAIL_NONZERO);
				ck_assert_uint_eq(diag.index, p);
			}
			src[p] = 0;
		}
	}
	free(src);
	free(dst);
	free(before);
}

START_TEST(test_sweep_all_structs)
{
	for (size_t i = 0; i < NR_STRUCTS; i++) {
		ck_assert_msg(abi_structs[i].ver0 <= abi_structs[i].size, "%s: VER0 > sizeof",
			      abi_structs[i].name);
		ck_assert_msg(abi_structs[i].size % 8 == 0, "%s: size not a multiple of 8",
			      abi_structs[i].name);
		sweep_one(&abi_structs[i], _i);
	}
}
END_TEST

START_TEST(test_copy_in_argsz)
{
	struct iommufmt_hw_info in, out;
	unsigned char buf[64];
	struct iommufmt_diag diag;

	memset(&in, 0, sizeof(in));
	in.argsz = sizeof(in);
	in.model = IOMMUFMT_MODEL_SMMU;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &in, sizeof(in));
	iommufmt_diag_init(&diag);
	ck_assert_int_eq(iommufmt_struct_copy_in_argsz(&out, sizeof(out), IOMMUFMT_HW_INFO_SIZE_VER0,
						       buf, sizeof(buf), &diag), 0);
	ck_assert_uint_eq(out.model, IOMMUFMT_MODEL_SMMU);
	/* argsz claims more than the buffer holds */
	in.argsz = sizeof(buf) + 8;
	memcpy(buf, &in, sizeof(in));
	ck_assert_int_eq(iommufmt_struct_copy_in_argsz(&out, sizeof(out), IOMMUFMT_HW_INFO_SIZE_VER0,
						       buf, sizeof(buf), &diag), -EINVAL);
	ck_assert_uint_eq(diag.code, IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER);
	/* buffer too small for argsz itself */
	ck_assert_int_eq(iommufmt_struct_copy_in_argsz(&out, sizeof(out), IOMMUFMT_HW_INFO_SIZE_VER0,
						       buf, 3, &diag), -EINVAL);
	ck_assert_int_eq(iommufmt_struct_copy_in_argsz(&out, sizeof(out), 8, NULL, 8, NULL), -EINVAL);
	/* NULLs and impossible VER0 */
	ck_assert_int_eq(iommufmt_struct_copy_in(NULL, 8, 8, buf, 8, NULL), -EINVAL);
	ck_assert_int_eq(iommufmt_struct_copy_in(&out, 8, 16, buf, 16, NULL), -EINVAL);
	ck_assert_int_eq(iommufmt_struct_copy_in(&out, sizeof(out), 8, NULL, 8, NULL), -EINVAL);
	/* No source bytes at all (NULL, 0) where VER0 is 0: zero-filled, NULL never copied from */
	memset(&out, 0xff, sizeof(out));
	ck_assert_int_eq(iommufmt_struct_copy_in(&out, sizeof(out), 0, NULL, 0, NULL), 0);
	ck_assert(iommufmt_is_zero(&out, sizeof(out)));
}
END_TEST

START_TEST(test_copy_out)
{
	struct iommufmt_hw_info k;
	unsigned char user[64];

	memset(&k, 0x33, sizeof(k));
	for (size_t usz = 0; usz <= sizeof(user); usz++) {
		memset(user, 0xee, sizeof(user));
		ck_assert_uint_eq(iommufmt_struct_copy_out(user, usz, &k, sizeof(k)), sizeof(k));
		for (size_t i = 0; i < sizeof(user); i++) {
			unsigned char want = i < usz ? (i < sizeof(k) ? 0x33 : 0) : 0xee;
			ck_assert_msg(user[i] == want, "usz %zu byte %zu", usz, i);
		}
	}
	ck_assert_uint_eq(iommufmt_struct_copy_out(NULL, 0, &k, sizeof(k)), sizeof(k));
}
END_TEST

START_TEST(test_is_zero)
{
	unsigned char b[33] = { 0 };

	ck_assert_int_eq(iommufmt_is_zero(NULL, 0), 1);
	ck_assert_int_eq(iommufmt_is_zero(b, sizeof(b)), 1);
	for (size_t i = 0; i < sizeof(b); i++) {
		b[i] = 1;
		ck_assert_int_eq(iommufmt_is_zero(b, sizeof(b)), 0);
		b[i] = 0;
	}
}
END_TEST

START_TEST(test_diag_text)
{
	struct iommufmt_diag d;
	char line[256];
	struct iommufmt_diag small;

	ck_assert_str_eq(iommufmt_diag_name(IOMMUFMT_DIAG_CAP_BACKWARDS), "CAP_BACKWARDS");
	ck_assert_ptr_null(iommufmt_diag_name(0xfffff));
	ck_assert_str_eq(iommufmt_strerror(0xfffff), "unknown diagnostic code");
	ck_assert_str_ne(iommufmt_strerror(-E2BIG), "unknown error number");
	ck_assert_str_eq(iommufmt_strerror(-12345), "unknown error number");
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_struct_copy_in(&d, sizeof(d), sizeof(d), line, 3, &d), -EINVAL);
	ck_assert_int_eq(d.error, -EINVAL);
	ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_VALUE);
	ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_LIMIT);
	ck_assert_uint_eq(d.value, 3);
	ck_assert_uint_eq(d.limit, sizeof(d));
	ck_assert_int_gt(iommufmt_diag_format(&d, line, sizeof(line)), 0);
	ck_assert_ptr_nonnull(strstr(line, "argsz: "));
	ck_assert_ptr_nonnull(strstr(line, "value 0x3"));
	/* NULL output: measured with length 0, refused with any other length */
	ck_assert_int_eq(iommufmt_diag_format(&d, NULL, 0), (int)strlen(line));
	ck_assert_int_eq(iommufmt_diag_format(&d, NULL, sizeof(line)), -EINVAL);
	/* A diag from an older caller (argsz = VER0) is filled only that far; a
	 * too-small diag is left alone. */
	memset(&small, 0x77, sizeof(small));
	small.argsz = 8;
	iommufmt_struct_copy_in(line, 16, 16, line, 3, &small);
	ck_assert_uint_eq(small.flags, 0x77777777u);
	ck_assert_int_eq(iommufmt_diag_format(&small, line, sizeof(line)), -EINVAL);
	/* every code in the table has a name and text */
	for (unsigned c = 0; c < 0x500; c++) {
		const char *n = iommufmt_diag_name(c);
		if (n)
			ck_assert_str_ne(iommufmt_strerror((int)c), "unknown diagnostic code");
	}
	/*
	 * Every code of every area, from its first to its last, has a row in
	 * the table (which also holds each code's default errno), and nothing
	 * past an area's last code has one: keep in step with DIAG_AREAS in
	 * lib/diag.c, whose compile-time check counts the same ranges.
	 */
	static const unsigned areas[][2] = {
		{ IOMMUFMT_DIAG_OK, IOMMUFMT_DIAG_BAD_COMBINATION },
		{ IOMMUFMT_DIAG_CAP_BACKWARDS, IOMMUFMT_DIAG_CAP_VERSION },
		{ IOMMUFMT_DIAG_UNKNOWN_MODEL, IOMMUFMT_DIAG_MODEL_MISMATCH },
		{ IOMMUFMT_DIAG_PGTABLE_CFG, IOMMUFMT_DIAG_PGTABLE_EXISTS },
		{ IOMMUFMT_DIAG_BIND_RESERVED, IOMMUFMT_DIAG_NEG_PGSIZE },
		{ IOMMUFMT_DIAG_INV_UNKNOWN_CMD, IOMMUFMT_DIAG_INV_ID_RANGE },
		{ IOMMUFMT_DIAG_IOVA_MAP_RESERVED, IOMMUFMT_DIAG_IOVA_UNSORTED },
		{ IOMMUFMT_DIAG_FAULT_REPORT_CONFIG, IOMMUFMT_DIAG_FAULT_BAD_ENCODING },
	};
	for (size_t a = 0; a < sizeof(areas) / sizeof(areas[0]); a++) {
		for (unsigned c = areas[a][0]; c <= areas[a][1]; c++)
			ck_assert_msg(iommufmt_diag_name(c) != NULL, "code 0x%x has no name", c);
		ck_assert_ptr_null(iommufmt_diag_name(areas[a][1] + 1));
	}
	ck_assert_str_eq(iommufmt_diag_name(IOMMUFMT_DIAG_OK), "OK");
	ck_assert_str_eq(iommufmt_diag_name(IOMMUFMT_DIAG_IOVA_UNSORTED), "IOVA_UNSORTED");
}
END_TEST

static Suite *copy_suite(void)
{
	Suite *s = suite_create("copy");
	TCase *tc = tcase_create("rules");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_sweep_all_structs, 0, 2);
	tcase_add_test(tc, test_copy_in_argsz);
	tcase_add_test(tc, test_copy_out);
	tcase_add_test(tc, test_is_zero);
	tcase_add_test(tc, test_diag_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(copy_suite());
}
