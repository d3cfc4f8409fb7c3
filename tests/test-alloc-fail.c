/* SPDX-License-Identifier: MIT */
/* Allocation-failure sweep: every allocating public function, failed at each of its allocations in turn. */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vfio.h>
#include <linux/virtio_iommu.h>

#include "lib/internal.h"
#include "tests/bindtest.h"
#include "tests/testutil.h"

/*
 * Every exported function that reaches lib/alloc.c (found by following the
 * callers of iommufmt__malloc/_malloc_array/_calloc/_realloc_array):
 * iommufmt_caps_new, _caps_add, _caps_add_iova_ranges, _caps_add_resv_regions,
 * _host_new, _host_hw_info, _iova_space_new, _iova_space_add_domain,
 * _iova_space_add_resv, _iova_space_add_caps, _iova_layout and the four
 * importers _iova_import_vfio, _virtio, _sysfs, _iommufd. Each case below
 * sets up the objects one of them works on (the hook off), runs it with the
 * Nth allocation failing, for N = 1, 2, ... until it runs without a failure,
 * and checks that each failure returned -ENOMEM (NULL for the constructors),
 * left every object the caller can observe as it was, and left no block
 * allocated that was not allocated before.
 */

/* What one case works on. */
struct ctx {
	struct iommufmt_caps *caps;
	struct iommufmt_iova_space *sp;
	struct iommufmt_host *host;
	int arg;			/* the case's argument */
	uint8_t out[8192];		/* an output buffer, filled with a pattern first */
	__u32 nr;			/* its capacity, for the array outputs */
};

/* A host pointer the call must leave alone on failure. */
static struct iommufmt_host *const host_sentinel = (struct iommufmt_host *)&host_sentinel;

struct sweep_case {
	const char *name;
	void (*setup)(struct ctx *c);
	int (*call)(struct ctx *c);
	int arg;
};

/* ---- observable state ---- */

struct blob {
	uint8_t *p;
	size_t n, cap;
};

static void blob_put(struct blob *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* Everything a caller can read back from the objects of a case. */
static void snapshot(const struct ctx *c, struct blob *b)
{
	b->n = 0;
	blob_put(b, &c->caps, sizeof(c->caps));
	blob_put(b, &c->sp, sizeof(c->sp));
	blob_put(b, &c->host, sizeof(c->host));
	blob_put(b, c->out, sizeof(c->out));
	blob_put(b, &c->nr, sizeof(c->nr));
	if (c->caps) {
		/* an info struct of 16 bytes: argsz, flags, cap_offset, pad */
		size_t len = 16 + iommufmt_caps_size(c->caps);
		uint8_t info[16] = { 16 }, *buf = calloc(1, len);
		unsigned int count = iommufmt_caps_count(c->caps);

		ck_assert_ptr_nonnull(buf);
		ck_assert_int_eq(iommufmt_caps_emit(c->caps, buf, len, info, sizeof(info), 8, 1), 0);
		blob_put(b, &len, sizeof(len));
		blob_put(b, &count, sizeof(count));
		blob_put(b, buf, len);
		free(buf);
	}
	if (c->sp) {
		static struct iommufmt_iova_range r[4096];
		static struct iommufmt_resv_region v[4096];
		__u32 nr = 4096, nv = 4096;
		__u64 pg = iommufmt_iova_space_pgsizes(c->sp);

		ck_assert_int_eq(iommufmt_iova_space_usable(c->sp, r, &nr, NULL), 0);
		ck_assert_int_eq(iommufmt_iova_space_resv(c->sp, v, &nv, NULL), 0);
		blob_put(b, &nr, sizeof(nr));
		blob_put(b, r, nr * sizeof(*r));
		blob_put(b, &nv, sizeof(nv));
		blob_put(b, v, nv * sizeof(*v));
		blob_put(b, &pg, sizeof(pg));
	}
	if (c->host && c->host != host_sentinel) {
		const struct iommufmt_host_desc *d = iommufmt_host_get_desc(c->host);

		blob_put(b, d, sizeof(*d));
	}
}

static void teardown(struct ctx *c)
{
	iommufmt_caps_free(c->caps);
	iommufmt_iova_space_free(c->sp);
	if (c->host != host_sentinel)
		iommufmt_host_free(c->host);
	free(c);
}

/* ---- fixtures ---- */

static struct ctx *ctx_new(void)
{
	struct ctx *c = calloc(1, sizeof(*c));

	ck_assert_ptr_nonnull(c);
	memset(c->out, 0xa5, sizeof(c->out));
	return c;
}

static void add_cap_bytes(struct iommufmt_caps *caps, __u16 id, size_t len)
{
	uint8_t body[512];

	for (size_t i = 0; i < len; i++)
		body[i] = (uint8_t)(id * 31 + i);
	ck_assert_int_eq(iommufmt_caps_add(caps, id, 1, body, len), 0);
}

static void setup_caps(struct ctx *c)
{
	c->caps = iommufmt_caps_new();
	ck_assert_ptr_nonnull(c->caps);
}

/* A builder 248 bytes full: the next entry makes it grow past 256. */
static void setup_caps_full(struct ctx *c)
{
	setup_caps(c);
	add_cap_bytes(c->caps, 1, 96);
	add_cap_bytes(c->caps, 2, 96);
	add_cap_bytes(c->caps, 3, 32);
	ck_assert_uint_eq(iommufmt_caps_size(c->caps), 248);
}

static const struct iommufmt_iova_range aperture[] = {
	{ 0x1000, 0xfedfffff }, { 0x100000000ull, (1ull << 48) - 1 },
};

static const struct iommufmt_resv_region holes[] = {
	{ 0xfee00000, 0xfeefffff, IOMMUFMT_RESV_MSI, 0 },
	{ 0x8000000, 0x80fffff, IOMMUFMT_RESV_DIRECT, 0 },
	{ 0x200000000ull, 0x2001fffffull, IOMMUFMT_RESV_RESERVED, 0 },
};

/* A space with a domain and some regions, so every change shows. */
static void setup_space(struct ctx *c)
{
	c->sp = iommufmt_iova_space_new(IOMMUFMT_IOVA_SPACE_RELAX);
	ck_assert_ptr_nonnull(c->sp);
	ck_assert_int_eq(iommufmt_iova_space_add_domain(c->sp, aperture, 2, 0x40201000, NULL), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(c->sp, holes, 3, NULL), 0);
}

/* A space with 40 holes, for layouts of many segments. */
static void setup_space_holey(struct ctx *c)
{
	struct iommufmt_resv_region r[40];

	setup_space(c);
	for (unsigned int i = 0; i < 40; i++)
		r[i] = (struct iommufmt_resv_region){ 0x400000000ull + i * 0x3f000000ull,
						      0x400000000ull + i * 0x3f000000ull + 0x1fffff,
						      IOMMUFMT_RESV_RESERVED, 0 };
	ck_assert_int_eq(iommufmt_iova_space_add_resv(c->sp, r, 40, NULL), 0);
}

static void setup_host(struct ctx *c)
{
	struct bt_regs r;

	bt_example_regs((enum bt_model)c->arg, &r);
	c->host = bt_host_from((enum bt_model)c->arg, &r);
}

static void setup_host_out(struct ctx *c)
{
	c->host = host_sentinel;
}

/* ---- the calls ---- */

static int call_caps_new(struct ctx *c)
{
	c->caps = iommufmt_caps_new();
	return c->caps ? 0 : -ENOMEM;
}

static int call_caps_add(struct ctx *c)
{
	static const uint8_t body[60] = { 1, 2, 3 };

	return iommufmt_caps_add(c->caps, 9, 2, body, sizeof(body));
}

static int call_caps_add_ranges(struct ctx *c)
{
	return iommufmt_caps_add_iova_ranges(c->caps, aperture, 2, NULL);
}

static int call_caps_add_resv(struct ctx *c)
{
	return iommufmt_caps_add_resv_regions(c->caps, holes, 3, NULL);
}

static int call_host_new(struct ctx *c)
{
	struct bt_regs r;
	struct iommufmt_hw_regs hr;

	bt_example_regs((enum bt_model)c->arg, &r);
	memset(&hr, 0, sizeof(hr));
	hr.argsz = sizeof(hr);
	hr.model = bt_model_ids[c->arg];
	hr.data_type = r.type;
	hr.data_len = r.len;
	hr.data_uptr = (uintptr_t)r.raw;
	return iommufmt_host_new(&hr, &c->host, NULL);
}

static int call_hw_info(struct ctx *c)
{
	return iommufmt_host_hw_info(c->host, c->out, sizeof(c->out), NULL);
}

static int call_space_new(struct ctx *c)
{
	c->sp = iommufmt_iova_space_new(0);
	return c->sp ? 0 : -ENOMEM;
}

static int call_add_domain(struct ctx *c)
{
	static const struct iommufmt_iova_range d[] = {
		{ 0x100000, 0xffffffffffull }, { 0x40000, 0x7ffff }, { 0x80000, 0xfffff },
	};

	return iommufmt_iova_space_add_domain(c->sp, d, 3, 0x201000, NULL);
}

static int call_add_resv(struct ctx *c)
{
	static const struct iommufmt_resv_region r[] = {
		{ 0x10000000, 0x1fffffff, IOMMUFMT_RESV_BRIDGE_WINDOW, 0 },
		{ 0xfee00000, 0xfeefffff, IOMMUFMT_RESV_SW_MSI, 0 },
		{ 0x3000, 0x3fff, IOMMUFMT_RESV_DIRECT_RELAXABLE, 0 },	/* dropped: RELAX */
		{ 0x0, 0xfff, IOMMUFMT_RESV_RESERVED, 0 },
	};

	return iommufmt_iova_space_add_resv(c->sp, r, 4, NULL);
}

/* 100 regions in scrambled order: the radix sort's own buffers come in. */
static int call_add_resv_many(struct ctx *c)
{
	struct iommufmt_resv_region r[100];

	for (unsigned int i = 0; i < 100; i++) {
		uint64_t at = 0x1000000000ull + (uint64_t)((i * 37) % 100) * 0x10000000ull;

		r[i] = (struct iommufmt_resv_region){ at, at + 0xfffff, IOMMUFMT_RESV_RESERVED, 0 };
	}
	return iommufmt_iova_space_add_resv(c->sp, r, 100, NULL);
}

static int call_add_caps(struct ctx *c)
{
	return iommufmt_iova_space_add_caps(c->sp, c->caps, (__u32)c->arg, NULL);
}

static void setup_space_caps(struct ctx *c)
{
	setup_space(c);
	setup_caps(c);
	add_cap_bytes(c->caps, 1, 40);
}

static void setup_space_empty_caps(struct ctx *c)
{
	setup_space(c);
	setup_caps(c);
}

static int call_layout(struct ctx *c)
{
	static const __u64 ram[] = { 3ull << 30, 1ull << 30, 0x5000000, 6ull << 30, 0x200000,
				     0x1000 };
	__u32 cap = (__u32)(sizeof(c->out) / sizeof(struct iommufmt_iova_ram_segment));
	int r;

	c->nr = cap;
	r = iommufmt_iova_layout(c->sp, 0x100000000ull, ram, 6, 0, 0,
				 (struct iommufmt_iova_ram_segment *)(void *)c->out, &c->nr, NULL);
	if (r)
		c->nr = 0;	/* only the count of a failed call may differ */
	return r;
}

static int call_import_vfio(struct ctx *c)
{
	/* the info struct, then its only capability: three IOVA ranges */
	static const struct vfio_iova_range rg[3] = {
		{ 0, 0xfedfffff }, { 0xfef00000, 0xffffffffull },
		{ 0x180000000ull, (1ull << 40) - 1 },
	};
	struct vfio_iommu_type1_info info;
	struct vfio_iommu_type1_info_cap_iova_range cap;
	uint8_t reply[sizeof(info) + sizeof(cap) + sizeof(rg)];

	memset(&info, 0, sizeof(info));
	info.argsz = sizeof(reply);
	info.flags = VFIO_IOMMU_INFO_PGSIZES | VFIO_IOMMU_INFO_CAPS;
	info.iova_pgsizes = 0x40201000;
	info.cap_offset = sizeof(info);
	memset(&cap, 0, sizeof(cap));
	cap.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE;
	cap.header.version = 1;
	cap.nr_iovas = 3;
	memcpy(reply, &info, sizeof(info));
	memcpy(reply + sizeof(info), &cap, sizeof(cap));
	memcpy(reply + sizeof(info) + sizeof(cap), rg, sizeof(rg));
	return iommufmt_iova_import_vfio(c->sp, reply, sizeof(reply), NULL);
}

static int call_import_virtio(struct ctx *c)
{
	struct virtio_iommu_probe_resv_mem p[3];

	memset(p, 0, sizeof(p));
	for (unsigned int i = 0; i < 3; i++) {
		p[i].head.type = htole16(VIRTIO_IOMMU_PROBE_T_RESV_MEM);
		p[i].head.length = htole16(sizeof(p[i]) - sizeof(p[i].head));
		p[i].subtype = i ? VIRTIO_IOMMU_RESV_MEM_T_RESERVED : VIRTIO_IOMMU_RESV_MEM_T_MSI;
		p[i].start = htole64(0x8000000ull + i * 0x10000000ull);
		p[i].end = htole64(0x8000000ull + i * 0x10000000ull + 0xfffff);
	}
	return iommufmt_iova_import_virtio(c->sp, p, sizeof(p), NULL);
}

static int call_import_sysfs(struct ctx *c)
{
	static const char text[] =
		"0x00000000fee00000 0x00000000feefffff msi\n"
		"0x0000000008000000 0x00000000080fffff direct-relaxable\n"
		"0x0000000040000000 0x000000007fffffff reserved\n";

	return iommufmt_iova_import_sysfs(c->sp, text, sizeof(text) - 1, NULL);
}

static int call_import_iommufd(struct ctx *c)
{
	static const struct iommufmt_iova_range rg[] = {
		{ 0x2000, 0xfedfffff }, { 0xfef00000, 0xfffffffffull },
	};

	return iommufmt_iova_import_iommufd(c->sp, rg, sizeof(rg), 2, 0x1000, NULL);
}

#define RANGES IOMMUFMT_IOVA_CAPS_RANGES
#define RESV IOMMUFMT_IOVA_CAPS_RESV

static const struct sweep_case cases[] = {
	{ "caps_new", NULL, call_caps_new, 0 },
	{ "caps_add (empty builder)", setup_caps, call_caps_add, 0 },
	{ "caps_add (growing)", setup_caps_full, call_caps_add, 0 },
	{ "caps_add_iova_ranges", setup_caps_full, call_caps_add_ranges, 0 },
	{ "caps_add_resv_regions", setup_caps, call_caps_add_resv, 0 },
	{ "host_new intel", setup_host_out, call_host_new, BT_INTEL },
	{ "host_new amd", setup_host_out, call_host_new, BT_AMD },
	{ "host_new smmuv3", setup_host_out, call_host_new, BT_SMMU },
	{ "host_new s390", setup_host_out, call_host_new, BT_S390 },
	{ "host_hw_info intel", setup_host, call_hw_info, BT_INTEL },
	{ "host_hw_info amd", setup_host, call_hw_info, BT_AMD },
	{ "host_hw_info smmuv3", setup_host, call_hw_info, BT_SMMU },
	{ "host_hw_info s390", setup_host, call_hw_info, BT_S390 },
	{ "iova_space_new", NULL, call_space_new, 0 },
	{ "iova_space_add_domain", setup_space, call_add_domain, 0 },
	{ "iova_space_add_resv", setup_space, call_add_resv, 0 },
	{ "iova_space_add_resv (radix sort)", setup_space, call_add_resv_many, 0 },
	{ "iova_space_add_caps ranges", setup_space_caps, call_add_caps, RANGES },
	{ "iova_space_add_caps resv", setup_space_caps, call_add_caps, RESV },
	{ "iova_space_add_caps both", setup_space_caps, call_add_caps, RANGES | RESV },
	{ "iova_space_add_caps both (empty builder)", setup_space_empty_caps, call_add_caps,
	  RANGES | RESV },
	{ "iova_layout", setup_space_holey, call_layout, 0 },
	{ "iova_import_vfio", setup_space, call_import_vfio, 0 },
	{ "iova_import_virtio", setup_space, call_import_virtio, 0 },
	{ "iova_import_sysfs", setup_space, call_import_sysfs, 0 },
	{ "iova_import_iommufd", setup_space, call_import_iommufd, 0 },
};

static struct ctx *case_setup(const struct sweep_case *sc)
{
	struct ctx *c = ctx_new();

	c->arg = sc->arg;
	if (sc->setup)
		sc->setup(c);
	return c;
}

/* ---- the hook itself ---- */

START_TEST(test_hook)
{
	struct iommufmt__alloc_count n;
	void *p, *q;

	/* the Nth call fails, the others do not; blocks are counted */
	iommufmt__alloc_hook_start(2);
	p = iommufmt__malloc(8);
	q = iommufmt__calloc(2, 8);
	ck_assert_ptr_null(q);
	q = iommufmt__realloc_array(NULL, 4, 8);
	ck_assert_ptr_nonnull(q);
	iommufmt__alloc_hook_stop(&n);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(n.calls, 3);
	ck_assert_uint_eq(n.failed, 1);
	ck_assert_int_eq(n.live, 2);
	iommufmt__alloc_hook_start(0);
	q = iommufmt__realloc_array(q, 8, 8);	/* a move is not a new block */
	iommufmt__free(q);
	iommufmt__free(p);
	iommufmt__free(NULL);
	iommufmt__alloc_hook_stop(&n);
	ck_assert_uint_eq(n.failed, 0);
	ck_assert_int_eq(n.live, -2);

	/* count * size overflow is refused, and a failed realloc keeps the block */
	ck_assert_ptr_null(iommufmt__calloc(SIZE_MAX / 4, 8));
	ck_assert_ptr_null(iommufmt__malloc_array(SIZE_MAX / 4, 8));
	p = iommufmt__malloc_array(4, 8);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x5a, 32);
	ck_assert_ptr_null(iommufmt__realloc_array(p, SIZE_MAX / 2, 4));
	ck_assert_uint_eq(((uint8_t *)p)[31], 0x5a);
	iommufmt__free(p);
	/* zero sizes still give distinct blocks */
	p = iommufmt__malloc(0);
	q = iommufmt__calloc(0, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(p, q);
	iommufmt__free(p);
	iommufmt__free(q);
}
END_TEST

/* ---- the sweep ---- */

START_TEST(test_sweep)
{
	const struct sweep_case *sc = &cases[_i];
	struct blob before = { 0 }, after = { 0 };
	struct iommufmt__alloc_count n;
	unsigned long nth;
	struct ctx *c;
	int r;

	for (nth = 1;; nth++) {
		ck_assert_msg(nth < 10000, "%s: no end to the allocations", sc->name);
		c = case_setup(sc);
		snapshot(c, &before);
		iommufmt__alloc_hook_start(nth);
		r = sc->call(c);
		iommufmt__alloc_hook_stop(&n);
		if (!n.failed) {
			ck_assert_msg(r >= 0, "%s: %d without an injected failure", sc->name, r);
			ck_assert_uint_eq(n.calls, nth - 1);
			teardown(c);
			break;
		}
		ck_assert_msg(r == -ENOMEM, "%s: allocation %lu failed, returned %d", sc->name, nth,
			      r);
		ck_assert_msg(n.live == 0, "%s: allocation %lu failed, %ld blocks left behind",
			      sc->name, nth, n.live);
		snapshot(c, &after);
		ck_assert_msg(after.n == before.n && !memcmp(after.p, before.p, before.n),
			      "%s: allocation %lu failed and changed the caller's objects",
			      sc->name, nth);
		teardown(c);
	}
	ck_assert_msg(nth > 1, "%s: allocated nothing", sc->name);

	/* The whole life of the objects, successful call included, leaks nothing. */
	iommufmt__alloc_hook_start(0);
	c = case_setup(sc);
	r = sc->call(c);
	teardown(c);
	iommufmt__alloc_hook_stop(&n);
	ck_assert_int_ge(r, 0);
	ck_assert_msg(n.live == 0, "%s: %ld blocks leaked", sc->name, n.live);
	fprintf(stderr, "# %s: %lu allocations, each failed in turn\n", sc->name, nth - 1);
	free(before.p);
	free(after.p);
}
END_TEST

static Suite *alloc_fail_suite(void)
{
	Suite *s = suite_create("alloc-fail");
	TCase *tc = tcase_create("alloc-fail");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hook);
	tcase_add_loop_test(tc, test_sweep, 0, (int)ARRAY_SIZE(cases));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(alloc_fail_suite());
}
