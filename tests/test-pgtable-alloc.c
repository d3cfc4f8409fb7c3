/* SPDX-License-Identifier: MIT */
/* Proves the page-table hot paths allocate nothing: malloc and friends interposed and counted. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

/*
 * A sanitizer's runtime replaces malloc and friends with its own heap and
 * checks every free against it, so this program's interposition cannot run
 * beside it (glibc aborts on the first free of a pointer from the other
 * heap): a sanitized build skips the whole test. Detected at compile time:
 * gcc defines __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__ /
 * __SANITIZE_HWADDRESS__, clang answers __has_feature().
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
	defined(__SANITIZE_HWADDRESS__)
#define ALLOC_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer) || __has_feature(hwaddress_sanitizer)
#define ALLOC_SANITIZED 1
#endif
#endif

#ifdef ALLOC_SANITIZED
int main(void)
{
	/* a TAP plan of 0 with SKIP: the automake TAP driver reports the test as SKIP */
	printf("1..0 # SKIP built with a sanitizer, whose allocator this test cannot interpose\n");
	return EXIT_SUCCESS;
}
#else

/*
 * glibc's allocator entry points; the definitions below interpose the
 * public names for this program (the library is linked statically into it),
 * count calls while counting is on, and forward.
 */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t a, size_t n);
extern void __libc_free(void *p);

static volatile int counting;
static volatile unsigned long alloc_calls;

void *malloc(size_t n)
{
	if (counting)
		alloc_calls++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (counting)
		alloc_calls++;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (counting)
		alloc_calls++;
	return __libc_realloc(p, n);
}

void *aligned_alloc(size_t a, size_t n)
{
	if (counting)
		alloc_calls++;
	return __libc_memalign(a, n);
}

int posix_memalign(void **p, size_t a, size_t n)
{
	if (counting)
		alloc_calls++;
	*p = __libc_memalign(a, n);
	return *p ? 0 : ENOMEM;
}

void free(void *p)
{
	if (counting)
		alloc_calls++;
	__libc_free(p);
}

static int walk_cb(void *opaque, const struct iommufmt_xlate *rec)
{
	*(uint64_t *)opaque += rec->page_size;
	return 0;
}

/* Every format configuration with a walker; those not (yet) built are skipped. */
static const struct fmt_case cases[] = {
	{ IOMMUFMT_PGTABLE_X86_64, 4, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_X86_64, 5, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_VTD_SS, 3, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_VTD_SS, 5, IOMMUFMT_PGTABLE_F_AD | IOMMUFMT_PGTABLE_F_1G, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_AMD_V1, 3, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_AMD_V1, 6, IOMMUFMT_PGTABLE_F_AD, 0, 0, 0, 0, 0 },
	{ IOMMUFMT_PGTABLE_ARM_LPAE_S1, 0, IOMMUFMT_PGTABLE_F_AD, 12, 48, 48, 0, 0 },
	{ IOMMUFMT_PGTABLE_ARM_LPAE_S2, 0, IOMMUFMT_PGTABLE_F_AD, 16, 42, 48, 1, 0 },
	{ IOMMUFMT_PGTABLE_S390_DAT, 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RT },
};

START_TEST(test_hook_counts)
{
	/* Called through volatile pointers: a compiler may elide a direct
	 * malloc/free pair (clang does), which would hide the hook. */
	void *(*volatile do_malloc)(size_t) = malloc;
	void (*volatile do_free)(void *) = free;
	void *p;

	/* the hook works: this test could fail */
	alloc_calls = 0;
	counting = 1;
	p = do_malloc(32);
	do_free(p);
	counting = 0;
	ck_assert_uint_eq(alloc_calls, 2);
}
END_TEST

START_TEST(test_hot_paths_allocate_nothing)
{
	const struct fmt_case *fc = &cases[_i];
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt, pt2;
	struct iommufmt_pgtable_arena arena;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	struct iommufmt_xlate x, batch[64];
	__u64 iovas[64], bm[64];
	uint64_t bytes = 0, sum = 0;
	unsigned long calls;
	int r, bad = 0;

	fmt_case_cfg(fc, &cfg);
	arena = (struct iommufmt_pgtable_arena){ .gpa = 0x1000000, .size = 4 << 20,
						 .host = aligned_alloc(65536, 4 << 20) };
	ck_assert_ptr_nonnull(arena.host);
	r = iommufmt_pgtable_alloc_root(&cfg, &arena, NULL);
	if (r && fc->format >= IOMMUFMT_PGTABLE_ARM_LPAE_S1) {
		/* part B's formats, while their walkers or builders are not in */
		fprintf(stderr, "# format %u: not buildable here (%d), skipped\n", fc->format, r);
		free(arena.host);
		return;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(iommufmt_pgtable_prepare(&pt, &cfg, NULL), 0);
	for (uint64_t i = 0; i < 64; i++) {
		uint64_t sz = pt.pgsize_bitmap & (~pt.pgsize_bitmap + 1);

		ck_assert_int_eq(iommufmt_pgtable_map(&pt, &arena, (i * 37 % 64) * sz * 3,
						      0x40000000 + i * sz, sz,
						      IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE |
						      IOMMUFMT_ACCESS_USER, NULL), 0);
		iovas[i] = (i * 37 % 64) * sz * 3 + (i % 2 ? sz : 0);
	}
	reg = (struct iommufmt_gmem_region){ arena.gpa, arena.size, arena.host, 0, 0 };
	gmem = (struct iommufmt_gmem){ &reg, 1, 0, NULL, NULL };
	pt2 = pt;

	alloc_calls = 0;
	counting = 1;
	for (int rep = 0; rep < 100; rep++)
		for (int i = 0; i < 64; i++) {
			bad |= iommufmt_pgtable_translate(&pt, &gmem, iovas[i], IOMMUFMT_ACCESS_READ, &x);
			sum += x.pa;
		}
	bad |= iommufmt_pgtable_translate_batch(&pt, &gmem, iovas, 64, IOMMUFMT_ACCESS_WRITE, batch);
	bad |= iommufmt_pgtable_walk_range(&pt, &gmem, 0, ~0ULL, 0, walk_cb, &bytes);
	bad |= iommufmt_pgtable_walk_range(&pt, &gmem, 0, ~0ULL, IOMMUFMT_WALK_COALESCE | IOMMUFMT_WALK_FAULTS,
				   walk_cb, &bytes);
	r = iommufmt_pgtable_dirty_harvest(&pt, &gmem, 0, 4095ULL * 4096 - 1, IOMMUFMT_DIRTY_CLEAR, bm,
				   4096);
	bad |= r && r != -EOPNOTSUPP;
	bad |= iommufmt_pgtable_translate_nested(&pt, &pt2, &gmem, iovas[3], IOMMUFMT_ACCESS_READ, &x);
	counting = 0;
	calls = alloc_calls;

	ck_assert_int_eq(bad, 0);
	ck_assert_uint_gt(bytes, 0);
	ck_assert_uint_gt(sum, 0);
	ck_assert_msg(calls == 0, "format %u: %lu allocator calls on the hot paths", fc->format,
		      calls);
	free(arena.host);
}
END_TEST

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("pgtable-alloc");
	TCase *tc = tcase_create("alloc");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hook_counts);
	tcase_add_loop_test(tc, test_hot_paths_allocate_nothing, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(alloc_suite());
}
#endif /* ALLOC_SANITIZED */
