/* SPDX-License-Identifier: MIT */
/* Tests of the registry: built-ins, lookups, a toy format and model registered at run time, threads. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

START_TEST(test_builtins)
{
	const struct iommufmt_pgtable_ops *pts[16];
	const struct iommufmt_model_ops *ms[16];
	static const char *const names[] = { "x86-64", "vtd-ss", "amd-v1", "arm-lpae-s1",
					     "arm-lpae-s2", "s390-dat" };
	size_t n = iommufmt_pgtable_list(pts, 16);
	char cc[5];

	ck_assert_uint_ge(n, 6);
	for (size_t i = 0; i < 6; i++) {
		const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_by_name(names[i]);

		ck_assert_ptr_nonnull(p);
		ck_assert_ptr_eq(iommufmt_pgtable_get(p->format), p);
		ck_assert_uint_ge(p->ops_size, IOMMUFMT_PGTABLE_OPS_SIZE_VER0);
		ck_assert_ptr_eq(pts[i], p);
	}
	ck_assert_ptr_null(iommufmt_pgtable_get(IOMMUFMT_PGTABLE_RISCV_SV57));
	ck_assert_ptr_null(iommufmt_pgtable_by_name("nope"));
	ck_assert_ptr_null(iommufmt_pgtable_by_name(NULL));

	n = iommufmt_model_list(ms, 16);
	ck_assert_uint_ge(n, 4);
	ck_assert_ptr_eq(iommufmt_model_get(IOMMUFMT_MODEL_INTEL, 0), iommufmt_model_by_name("intel"));
	ck_assert_ptr_eq(iommufmt_model_get(IOMMUFMT_MODEL_AMD, 0), iommufmt_model_by_name("amd"));
	ck_assert_ptr_eq(iommufmt_model_get(IOMMUFMT_MODEL_SMMU, IOMMUFMT_VARIANT_SMMU_V3),
			 iommufmt_model_by_name("smmuv3"));
	ck_assert_ptr_eq(iommufmt_model_get(IOMMUFMT_MODEL_SMMU, 0), iommufmt_model_by_name("smmuv3"));
	ck_assert_ptr_null(iommufmt_model_get(IOMMUFMT_MODEL_SMMU, 2));
	ck_assert_ptr_eq(iommufmt_model_get(IOMMUFMT_MODEL_S390, 0), iommufmt_model_by_name("s390"));
	ck_assert_str_eq(iommufmt_fourcc_str(IOMMUFMT_MODEL_SMMU, cc), "SMMU");
	ck_assert_str_eq(iommufmt_fourcc_str(0x01414141, cc), "AAA?");
	/* every model's formats are registered */
	for (size_t i = 0; i < n && i < 16; i++)
		for (size_t j = 0; j < ms[i]->nr_pgtable_formats; j++)
			ck_assert_ptr_nonnull(iommufmt_pgtable_get(ms[i]->pgtable_formats[j]));
	ck_assert_uint_eq(iommufmt_pgtable_list(NULL, 0), iommufmt_pgtable_list(pts, 1));
}
END_TEST

/* A toy format, as a VMM would add one. */
static const struct iommufmt_pgtable_ops toy = {
	.ops_size = sizeof(struct iommufmt_pgtable_ops),
	.format = IOMMUFMT_PGTABLE_USER_BASE + 1,
	.name = "toy-flat",
	.description = "a one-level toy format",
};

static const __u32 toy_formats[] = { IOMMUFMT_PGTABLE_USER_BASE + 1 };
static const struct iommufmt_model_ops toy_model = {
	.ops_size = sizeof(struct iommufmt_model_ops),
	.model = IOMMUFMT_FOURCC('T', 'O', 'Y', '1'),
	.name = "toy",
	.description = "toy model",
	.pgtable_formats = toy_formats,
	.nr_pgtable_formats = 1,
};

START_TEST(test_register_toy)
{
	struct iommufmt_diag d;
	struct iommufmt_pgtable_ops dup = toy, small = toy, low = toy, noname = toy;
	struct iommufmt_model_ops mdup = toy_model, m0 = toy_model;
	const struct iommufmt_pgtable_ops *all[64];
	size_t before = iommufmt_pgtable_list(NULL, 0);

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_pgtable_register(&toy, &d), 0);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
	ck_assert_ptr_eq(iommufmt_pgtable_get(toy.format), &toy);
	ck_assert_ptr_eq(iommufmt_pgtable_by_name("toy-flat"), &toy);
	ck_assert_uint_eq(iommufmt_pgtable_list(all, 64), before + 1);
	ck_assert_ptr_eq(all[before], &toy);

	ck_assert_int_eq(iommufmt_pgtable_register(&toy, &d), -EEXIST);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ALREADY_REGISTERED);
	dup.format++;
	ck_assert_int_eq(iommufmt_pgtable_register(&dup, &d), -EEXIST); /* same name */
	small.ops_size = 8;
	ck_assert_int_eq(iommufmt_pgtable_register(&small, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_OPS);
	low.format = IOMMUFMT_PGTABLE_X86_64;
	low.name = "other";
	ck_assert_int_eq(iommufmt_pgtable_register(&low, &d), -EINVAL);
	noname.name = "";
	ck_assert_int_eq(iommufmt_pgtable_register(&noname, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_pgtable_register(NULL, &d), -EINVAL);

	ck_assert_int_eq(iommufmt_model_register(&toy_model, &d), 0);
	ck_assert_ptr_eq(iommufmt_model_by_name("toy"), &toy_model);
	ck_assert_ptr_eq(iommufmt_model_get(toy_model.model, 0), &toy_model);
	ck_assert_int_eq(iommufmt_model_register(&mdup, &d), -EEXIST);
	m0.model = 0;
	m0.name = "zero";
	ck_assert_int_eq(iommufmt_model_register(&m0, &d), -EINVAL);
	mdup.model = IOMMUFMT_MODEL_INTEL;
	mdup.name = "intel2";
	ck_assert_int_eq(iommufmt_model_register(&mdup, &d), -EEXIST); /* INTL default taken */
}
END_TEST

#define NTHREADS 8
#define PER_THREAD 3
static struct iommufmt_pgtable_ops thread_ops[NTHREADS][PER_THREAD];
static char thread_names[NTHREADS][PER_THREAD][16];

static void *reg_thread(void *arg)
{
	long t = (long)arg;

	for (int i = 0; i < PER_THREAD; i++) {
		ck_assert_int_eq(iommufmt_pgtable_register(&thread_ops[t][i], NULL), 0);
		/* readers run concurrently with the other writers */
		for (int k = 0; k < 1000; k++)
			ck_assert_ptr_nonnull(iommufmt_pgtable_get(IOMMUFMT_PGTABLE_ARM_LPAE_S2));
		ck_assert_ptr_eq(iommufmt_pgtable_get(thread_ops[t][i].format), &thread_ops[t][i]);
	}
	return NULL;
}

START_TEST(test_threads)
{
	pthread_t th[NTHREADS];
	size_t before = iommufmt_pgtable_list(NULL, 0);

	for (long t = 0; t < NTHREADS; t++)
		for (int i = 0; i < PER_THREAD; i++) {
			snprintf(thread_names[t][i], sizeof(thread_names[t][i]), "t%u-%u",
				 (unsigned int)(t & 0xff), (unsigned int)(i & 0xff));
			thread_ops[t][i] = toy;
			thread_ops[t][i].format = (__u32)(IOMMUFMT_PGTABLE_USER_BASE + 100 + t * 10 + i);
			thread_ops[t][i].name = thread_names[t][i];
		}
	for (long t = 0; t < NTHREADS; t++)
		ck_assert_int_eq(pthread_create(&th[t], NULL, reg_thread, (void *)t), 0);
	for (long t = 0; t < NTHREADS; t++)
		pthread_join(th[t], NULL);
	ck_assert_uint_eq(iommufmt_pgtable_list(NULL, 0), before + NTHREADS * PER_THREAD);
	/* the registry is bounded: fill it and see -ENOSPC */
	{
		static struct iommufmt_pgtable_ops more[40];
		static char mnames[40][16];
		int r = 0, i;

		for (i = 0; i < 40; i++) {
			more[i] = toy;
			more[i].format = (__u32)(IOMMUFMT_PGTABLE_USER_BASE + 1000 + i);
			snprintf(mnames[i], sizeof(mnames[i]), "more%d", i);
			more[i].name = mnames[i];
			r = iommufmt_pgtable_register(&more[i], NULL);
			if (r)
				break;
		}
		ck_assert_int_eq(r, -ENOSPC);
	}
}
END_TEST

static Suite *registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("registry");

	/* one process: registrations accumulate in order */
	tcase_add_test(tc, test_builtins);
	tcase_add_test(tc, test_register_toy);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(registry_suite());
}
