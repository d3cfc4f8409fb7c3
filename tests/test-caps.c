/* SPDX-License-Identifier: MIT */
/* Tests of capability chains: built-chain round trips, the VFIO too-small rule, a hostile table. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define INFO_SZ sizeof(struct iommufmt_hw_info)
#define CAPOFF offsetof(struct iommufmt_hw_info, cap_offset)

static const struct iommufmt_iova_range ranges[] = {
	{ 0, 0xffff }, { 0x20000, 0x2ffff }, { 0x100000, ~0ULL },
};
static const struct iommufmt_resv_region resv[] = {
	{ 0x10000, 0x1ffff, IOMMUFMT_RESV_MSI, 0 },
	{ 0x30000, 0xfffff, IOMMUFMT_RESV_BRIDGE_WINDOW, 0 },
};

/* Builds info + chain(iova ranges, opaque id 99, resv) into a fresh buffer. */
static unsigned char *build(size_t *len)
{
	struct iommufmt_caps *c = iommufmt_caps_new();
	struct iommufmt_hw_info info;
	unsigned char body[5] = { 1, 2, 3, 4, 5 };
	unsigned char *buf;
	size_t need;

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(iommufmt_caps_add_iova_ranges(c, ranges, 3, NULL), 0);
	ck_assert_int_eq(iommufmt_caps_add(c, 99, 2, body, sizeof(body)), 0);
	ck_assert_int_eq(iommufmt_caps_add_resv_regions(c, resv, 2, NULL), 0);
	ck_assert_uint_eq(iommufmt_caps_count(c), 3);
	ck_assert_uint_eq(iommufmt_caps_size(c) % 8, 0);
	memset(&info, 0, sizeof(info));
	info.argsz = sizeof(info);
	info.model = IOMMUFMT_MODEL_AMD;
	need = INFO_SZ + iommufmt_caps_size(c);
	buf = calloc(1, need);
	ck_assert_int_eq(iommufmt_caps_emit(c, buf, need, &info, sizeof(info), CAPOFF,
					    IOMMUFMT_HW_INFO_FLAGS_CAPS), 0);
	iommufmt_caps_free(c);
	*len = need;
	return buf;
}

static __u32 cap_off(const unsigned char *buf)
{
	struct iommufmt_hw_info i;

	memcpy(&i, buf, sizeof(i));
	return i.cap_offset;
}

START_TEST(test_round_trip)
{
	size_t len, clen;
	unsigned char *buf = build(&len);
	const struct iommufmt_cap_header *cap;
	struct iommufmt_iova_range got[3];
	struct iommufmt_resv_region gr[2];
	struct iommufmt_hw_info info;
	struct iommufmt_diag d;
	__u32 n;

	iommufmt_diag_init(&d);
	memcpy(&info, buf, sizeof(info));
	ck_assert_uint_eq(info.argsz, len);
	ck_assert_uint_eq(info.flags, IOMMUFMT_HW_INFO_FLAGS_CAPS);
	ck_assert_uint_eq(info.cap_offset, INFO_SZ);
	ck_assert_uint_eq(info.model, IOMMUFMT_MODEL_AMD);
	ck_assert_int_eq(iommufmt_caps_check(buf, len, INFO_SZ, info.cap_offset, &d), 3);
	ck_assert_int_eq(iommufmt_caps_find(buf, len, INFO_SZ, info.cap_offset,
					    IOMMUFMT_CAP_IOVA_RANGES, &cap, &clen, &d), 0);
	n = 3;
	ck_assert_int_eq(iommufmt_cap_iova_ranges_read(cap, clen, got, &n, &d), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(!memcmp(got, ranges, sizeof(ranges)));
	/* output too small: -EMSGSIZE with the needed count */
	n = 2;
	ck_assert_int_eq(iommufmt_cap_iova_ranges_read(cap, clen, got, &n, &d), -EMSGSIZE);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
	ck_assert_int_eq(iommufmt_caps_find(buf, len, INFO_SZ, info.cap_offset,
					    IOMMUFMT_CAP_RESV_REGIONS, &cap, &clen, &d), 0);
	n = 2;
	ck_assert_int_eq(iommufmt_cap_resv_regions_read(cap, clen, gr, &n, &d), 0);
	ck_assert(!memcmp(gr, resv, sizeof(resv)));
	ck_assert_int_eq(iommufmt_caps_find(buf, len, INFO_SZ, info.cap_offset, 99, &cap, &clen, &d), 0);
	ck_assert_uint_eq(cap->version, 2);
	ck_assert_uint_eq(clen, 16);
	ck_assert_int_eq(((const unsigned char *)cap)[8 + 4], 5);
	ck_assert_int_eq(iommufmt_caps_find(buf, len, INFO_SZ, info.cap_offset, 77, &cap, &clen, &d),
			 -ENOENT);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_CAP_NOT_FOUND);
	/* wrong reader for the cap */
	n = 8;
	ck_assert_int_eq(iommufmt_caps_find(buf, len, INFO_SZ, info.cap_offset, 99, &cap, &clen, &d), 0);
	ck_assert_int_eq(iommufmt_cap_resv_regions_read(cap, clen, gr, &n, &d), -EINVAL);
	free(buf);
}
END_TEST

/* The VFIO too-small rule at every buffer size. */
START_TEST(test_too_small_every_size)
{
	size_t full, clen;
	unsigned char *ref = build(&full);
	struct iommufmt_caps *c = iommufmt_caps_new();
	struct iommufmt_hw_info info;

	ck_assert_int_eq(iommufmt_caps_add_iova_ranges(c, ranges, 3, NULL), 0);
	ck_assert_int_eq(iommufmt_caps_add(c, 99, 2, "\1\2\3\4\5", 5), 0);
	ck_assert_int_eq(iommufmt_caps_add_resv_regions(c, resv, 2, NULL), 0);
	memset(&info, 0, sizeof(info));
	info.model = IOMMUFMT_MODEL_AMD;
	for (size_t len = 0; len <= full + 16; len++) {
		unsigned char *buf = malloc(full + 16);
		struct iommufmt_hw_info got;
		int r;

		memset(buf, 0xcc, full + 16);
		r = iommufmt_caps_emit(c, buf, len, &info, sizeof(info), CAPOFF,
				       IOMMUFMT_HW_INFO_FLAGS_CAPS);
		if (len < 8) {
			ck_assert_int_eq(r, -EINVAL);
			free(buf);
			continue;
		}
		ck_assert_int_eq(r, 0);
		for (size_t i = len; i < full + 16; i++)
			ck_assert_msg(buf[i] == 0xcc, "len %zu: wrote past the buffer at %zu", len, i);
		memset(&got, 0, sizeof(got));
		memcpy(&got, buf, len < sizeof(got) ? len : sizeof(got));
		ck_assert(got.flags & IOMMUFMT_HW_INFO_FLAGS_CAPS);
		if (len < full) {
			ck_assert_uint_eq(got.argsz, full);
			ck_assert_uint_eq(got.cap_offset, 0);
		} else {
			ck_assert_uint_eq(got.argsz, len);
			ck_assert_uint_eq(got.cap_offset, INFO_SZ);
			ck_assert(!memcmp(buf + 4, ref + 4, full - 4));
			ck_assert_int_eq(iommufmt_caps_check(buf, len, INFO_SZ, got.cap_offset, NULL), 3);
		}
		free(buf);
	}
	/* an empty chain: no flag, no offset */
	{
		struct iommufmt_caps *e = iommufmt_caps_new();
		struct iommufmt_hw_info got;

		ck_assert_int_eq(iommufmt_caps_emit(e, &got, sizeof(got), &info, sizeof(info), CAPOFF,
						    IOMMUFMT_HW_INFO_FLAGS_CAPS), 0);
		ck_assert_uint_eq(got.flags, 0);
		ck_assert_uint_eq(got.cap_offset, 0);
		ck_assert_int_eq(iommufmt_caps_check(&got, sizeof(got), INFO_SZ, 0, NULL), 0);
		iommufmt_caps_free(e);
	}
	(void)clen;
	iommufmt_caps_free(c);
	free(ref);
}
END_TEST

/* One defect at a time, each with its own diagnostic. */
enum mangle { M_LOOP_SELF, M_LOOP_BACK, M_BACKWARDS_FIRST, M_OUTSIDE, M_PAST_ARGSZ,
	      M_MISALIGNED, M_OVERLAP_HDR, M_OVERLAP_BODY, M_TRUNC_HDR, M_TRUNC_BODY,
	      M_IN_HEADER, M_VERSION0, M_COUNT_HUGE, M_COUNT_MAX, M_RESV_WRAP, M_NR };

struct hostile {
	enum mangle m;
	const char *what;
	unsigned int code;
};

static const struct hostile hostile[] = {
	{ M_LOOP_SELF, "next points to itself", IOMMUFMT_DIAG_CAP_BACKWARDS },
	{ M_LOOP_BACK, "third points back to the first", IOMMUFMT_DIAG_CAP_BACKWARDS },
	{ M_BACKWARDS_FIRST, "second points below the first", IOMMUFMT_DIAG_CAP_BACKWARDS },
	{ M_OUTSIDE, "next beyond the buffer", IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS },
	{ M_PAST_ARGSZ, "next inside the buffer but past argsz", IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS },
	{ M_MISALIGNED, "next not 8-byte aligned", IOMMUFMT_DIAG_CAP_MISALIGNED },
	{ M_OVERLAP_HDR, "next inside the current header", IOMMUFMT_DIAG_CAP_OVERLAP },
	{ M_OVERLAP_BODY, "next inside the current body", IOMMUFMT_DIAG_CAP_OVERLAP },
	{ M_TRUNC_HDR, "header cut by the buffer end", IOMMUFMT_DIAG_CAP_TRUNCATED },
	{ M_TRUNC_BODY, "body cut by the buffer end", IOMMUFMT_DIAG_CAP_TRUNCATED },
	{ M_IN_HEADER, "cap_offset inside the info struct", IOMMUFMT_DIAG_CAP_IN_HEADER },
	{ M_VERSION0, "version 0", IOMMUFMT_DIAG_CAP_VERSION },
	/* 16 + 2^28 * 16 is 16 in a 32-bit size_t */
	{ M_COUNT_HUGE, "nr_iovas far past the buffer", IOMMUFMT_DIAG_CAP_OVERLAP },
	/* 16 + (2^32 - 1) * 16 is 0 in a 32-bit size_t */
	{ M_COUNT_MAX, "nr_iovas 0xffffffff", IOMMUFMT_DIAG_CAP_OVERLAP },
	/* 16 + 2^29 * 24 is 16 in a 32-bit size_t; the last entry, so cut by the end */
	{ M_RESV_WRAP, "nr_regions far past the buffer", IOMMUFMT_DIAG_CAP_TRUNCATED },
};

static void set_next(unsigned char *buf, __u32 at, __u32 next)
{
	memcpy(buf + at + 4, &next, 4);
}

static __u32 get_next(const unsigned char *buf, __u32 at)
{
	__u32 v;

	memcpy(&v, buf + at + 4, 4);
	return v;
}

START_TEST(test_hostile)
{
	const struct hostile *h = &hostile[_i];
	size_t len;
	unsigned char *buf = build(&len);
	__u32 c0 = cap_off(buf), c1 = get_next(buf, c0), c2 = get_next(buf, c1);
	__u32 off = c0;
	size_t uselen = len;
	struct iommufmt_diag d;
	int r;

	switch (h->m) {
	case M_LOOP_SELF: set_next(buf, c1, c1); break;
	case M_LOOP_BACK: set_next(buf, c2, c0); break;
	case M_BACKWARDS_FIRST: set_next(buf, c0, c0 - 8); break;
	case M_OUTSIDE: set_next(buf, c1, (__u32)len + 64); break;
	case M_PAST_ARGSZ: uselen = c2; break; /* the third entry lies past argsz */
	case M_MISALIGNED: set_next(buf, c0, c1 + 4); break;
	case M_OVERLAP_HDR: set_next(buf, c1, c1 + 4); break;
	case M_OVERLAP_BODY: set_next(buf, c0, c0 + 16); break;
	case M_TRUNC_HDR: uselen = c2 + 4; break;
	case M_TRUNC_BODY: uselen = len - 8; break;
	case M_IN_HEADER: off = 8; break;
	case M_VERSION0: buf[c0 + 2] = 0; buf[c0 + 3] = 0; break;
	case M_COUNT_HUGE: { __u32 big = 0x10000000; memcpy(buf + c0 + 8, &big, 4); } break;
	case M_COUNT_MAX: { __u32 big = 0xffffffff; memcpy(buf + c0 + 8, &big, 4); } break;
	case M_RESV_WRAP: { __u32 big = 0x20000000; memcpy(buf + c2 + 8, &big, 4); } break;
	default: ck_abort();
	}
	iommufmt_diag_init(&d);
	r = iommufmt_caps_check(buf, uselen, INFO_SZ, off, &d);
	ck_assert_msg(r == -EINVAL, "%s: got %d", h->what, r);
	ck_assert_msg(d.code == h->code, "%s: code %s, expected %s", h->what,
		      iommufmt_diag_name(d.code), iommufmt_diag_name(h->code));
	ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_INDEX);
	/* find refuses a malformed chain even when the id it wants comes first */
	r = iommufmt_caps_find(buf, uselen, INFO_SZ, off, IOMMUFMT_CAP_IOVA_RANGES, NULL, NULL, &d);
	ck_assert_int_eq(r, -EINVAL);
	free(buf);
}
END_TEST

/* Random bytes as a chain: the reader ends, within len/8 steps, every time. */
START_TEST(test_random_chains_terminate)
{
	struct test_rng rng;
	unsigned char buf[256];

	test_rng_seed(&rng, 42);
	for (int iter = 0; iter < 20000; iter++) {
		struct iommufmt_cap_iter it;
		int r, steps = 0;

		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (unsigned char)test_rng_below(&rng, 4) == 0 ?
				(unsigned char)test_rng_next(&rng) : (unsigned char)(test_rng_below(&rng, 32) * 8);
		iommufmt_caps_iter_init(&it, buf, sizeof(buf), INFO_SZ,
					(__u32)test_rng_below(&rng, 300));
		while ((r = iommufmt_caps_iter_next(&it, NULL, NULL, NULL)) > 0)
			steps++;
		ck_assert_int_le(steps, (int)(sizeof(buf) / 8));
	}
}
END_TEST

/*
 * A counted capability whose count times the element size exceeds the
 * buffer: refused by the chain check, the iterator, find and the typed
 * reader. The counts are those whose byte size wraps a 32-bit size_t to a
 * size the 64-byte entry holds (16 + 2^28 * 16 = 2^32 + 16, ...), so on a
 * 32-bit host this is the wrap-around check and on a 64-bit host the plain
 * size check; count 2 fits and is the control.
 */
START_TEST(test_count_times_size)
{
	static const struct {
		__u16 id;
		__u32 nr;
		int fits;
	} cases[] = {
		{ IOMMUFMT_CAP_IOVA_RANGES, 2, 1 },
		{ IOMMUFMT_CAP_IOVA_RANGES, 0x10000000, 0 },	/* 32-bit: 16 */
		{ IOMMUFMT_CAP_IOVA_RANGES, 0x10000001, 0 },	/* 32-bit: 32 */
		{ IOMMUFMT_CAP_IOVA_RANGES, 0xffffffff, 0 },	/* 32-bit: 0 */
		{ IOMMUFMT_CAP_RESV_REGIONS, 2, 1 },
		{ IOMMUFMT_CAP_RESV_REGIONS, 0x20000000, 0 },	/* 32-bit: 16 */
		{ IOMMUFMT_CAP_RESV_REGIONS, 0xaaaaaaab, 0 },	/* 32-bit: 24 */
		{ IOMMUFMT_CAP_RESV_REGIONS, 0xffffffff, 0 },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iommufmt_caps *c = iommufmt_caps_new();
		struct iommufmt_hw_info info;
		struct iommufmt_cap_iter it;
		struct iommufmt_iova_range ro[2];
		struct iommufmt_resv_region rr[2];
		const struct iommufmt_cap_header *cap = NULL;
		size_t elem = cases[i].id == IOMMUFMT_CAP_IOVA_RANGES ? sizeof(ro[0]) : sizeof(rr[0]);
		unsigned char body[8 + 48], buf[INFO_SZ + 64];
		struct iommufmt_diag d;
		size_t clen = 0;
		__u32 n = 2;
		int r;

		memset(body, 0, sizeof(body));
		memcpy(body, &cases[i].nr, sizeof(cases[i].nr));
		for (unsigned int k = 0; k < 2; k++) {	/* two valid elements: {0, 0}, {1, 1} */
			__u64 v = k;

			memcpy(body + 8 + k * elem, &v, 8);
			memcpy(body + 8 + k * elem + 8, &v, 8);
		}
		memset(&info, 0, sizeof(info));
		ck_assert_int_eq(iommufmt_caps_add(c, cases[i].id, 1, body, sizeof(body)), 0);
		ck_assert_int_eq(iommufmt_caps_emit(c, buf, sizeof(buf), &info, sizeof(info), CAPOFF,
						    IOMMUFMT_HW_INFO_FLAGS_CAPS), 0);
		iommufmt_caps_free(c);
		ck_assert_uint_eq(cap_off(buf), INFO_SZ);
		iommufmt_diag_init(&d);
		r = iommufmt_caps_check(buf, sizeof(buf), INFO_SZ, INFO_SZ, &d);
		if (cases[i].fits) {
			ck_assert_int_eq(r, 1);
			ck_assert_int_eq(iommufmt_caps_find(buf, sizeof(buf), INFO_SZ, INFO_SZ,
							    cases[i].id, &cap, &clen, &d), 0);
			r = cases[i].id == IOMMUFMT_CAP_IOVA_RANGES ?
			    iommufmt_cap_iova_ranges_read(cap, clen, ro, &n, &d) :
			    iommufmt_cap_resv_regions_read(cap, clen, rr, &n, &d);
			ck_assert_msg(r == 0, "case %u: read %d (%s)", i, r, d.text);
			ck_assert_uint_eq(n, 2);
			continue;
		}
		ck_assert_msg(r == -EINVAL, "case %u: id %u count 0x%x accepted (%d)", i,
			      cases[i].id, cases[i].nr, r);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_CAP_TRUNCATED);
		ck_assert_uint_eq(d.value, 64);		/* available */
		ck_assert(d.limit > d.value);		/* needed */
		ck_assert_int_eq(iommufmt_caps_iter_init(&it, buf, sizeof(buf), INFO_SZ, INFO_SZ), 0);
		ck_assert_int_eq(iommufmt_caps_iter_next(&it, &cap, &clen, NULL), -EINVAL);
		ck_assert_int_eq(iommufmt_caps_find(buf, sizeof(buf), INFO_SZ, INFO_SZ, cases[i].id,
						    &cap, &clen, NULL), -EINVAL);
		/* The typed reader checks by itself, given the entry without the chain. */
		cap = (const struct iommufmt_cap_header *)(const void *)(buf + INFO_SZ);
		r = cases[i].id == IOMMUFMT_CAP_IOVA_RANGES ?
		    iommufmt_cap_iova_ranges_read(cap, 64, ro, &n, &d) :
		    iommufmt_cap_resv_regions_read(cap, 64, rr, &n, &d);
		ck_assert_int_eq(r, -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_CAP_TRUNCATED);
		ck_assert_uint_eq(n, 2);	/* untouched */
	}
}
END_TEST

/* Readers and the builder with missing pointers: -EINVAL, no pointer arithmetic on NULL. */
START_TEST(test_null_args)
{
	struct iommufmt_diag d;
	__u32 n = 4;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_cap_iova_ranges_read(NULL, 64, NULL, &n, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_CAP_TRUNCATED);
	ck_assert_int_eq(iommufmt_cap_resv_regions_read(NULL, 0, NULL, &n, &d), -EINVAL);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(iommufmt_caps_check(NULL, 0, INFO_SZ, 0, &d), 0);
	ck_assert_int_eq(iommufmt_caps_check(NULL, 0, INFO_SZ, INFO_SZ, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS);
	ck_assert_int_eq(iommufmt_caps_check(NULL, 8, INFO_SZ, INFO_SZ, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_NULL_ARG);
	ck_assert_int_eq(iommufmt_caps_add_iova_ranges(NULL, NULL, 0, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_NULL_ARG);
}
END_TEST

START_TEST(test_builder_rejects)
{
	struct iommufmt_caps *c = iommufmt_caps_new();
	struct iommufmt_iova_range bad[2] = { { 10, 5 }, { 0, 1 } };
	struct iommufmt_iova_range unsorted[2] = { { 10, 20 }, { 15, 30 } };
	struct iommufmt_resv_region badtype = { 0, 1, 99, 0 }, badflags = { 0, 1, 0, 1 };
	struct iommufmt_diag d;
	unsigned char big[8];

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_caps_add(NULL, 1, 1, NULL, 0), -EINVAL);
	ck_assert_int_eq(iommufmt_caps_add(c, 1, 0, NULL, 0), -EINVAL);
	ck_assert_int_eq(iommufmt_caps_add(c, 1, 1, NULL, 4), -EINVAL);
	ck_assert_int_eq(iommufmt_caps_add(c, 1, 1, big, (size_t)1 << 21), -EINVAL);
	ck_assert_int_eq(iommufmt_caps_add_iova_ranges(c, bad, 1, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_VALUE);
	ck_assert_int_eq(iommufmt_caps_add_iova_ranges(c, unsorted, 2, &d), -EINVAL);
	ck_assert_uint_eq(d.index, 1);
	ck_assert_int_eq(iommufmt_caps_add_resv_regions(c, &badtype, 1, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "type");
	ck_assert_int_eq(iommufmt_caps_add_resv_regions(c, &badflags, 1, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(iommufmt_caps_count(c), 0);
	ck_assert_int_eq(iommufmt_caps_emit(c, big, 4, big, 8, 4, 1), -EINVAL);
	iommufmt_caps_free(c);
	iommufmt_caps_free(NULL);
}
END_TEST

/* A chain of another id space (a VFIO-style one) walked with no size rule. */
START_TEST(test_foreign_sizer)
{
	size_t len;
	unsigned char *buf = build(&len);
	struct iommufmt_cap_iter it;
	__u32 big = 0x10000000;
	int n = 0;

	memcpy(buf + cap_off(buf) + 8, &big, 4); /* nonsense for our id 1, fine for a foreign id 1 */
	iommufmt_caps_iter_init(&it, buf, len, INFO_SZ, cap_off(buf));
	it.sizer = NULL;
	while (iommufmt_caps_iter_next(&it, NULL, NULL, NULL) > 0)
		n++;
	ck_assert_int_eq(n, 3);
	free(buf);
}
END_TEST

static Suite *caps_suite(void)
{
	Suite *s = suite_create("caps");
	TCase *tc = tcase_create("chains");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_too_small_every_size);
	tcase_add_loop_test(tc, test_hostile, 0, (int)(sizeof(hostile) / sizeof(hostile[0])));
	tcase_add_test(tc, test_random_chains_terminate);
	tcase_add_test(tc, test_count_times_size);
	tcase_add_test(tc, test_null_args);
	tcase_add_test(tc, test_builder_rejects);
	tcase_add_test(tc, test_foreign_sizer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(caps_suite());
}
