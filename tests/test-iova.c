/* SPDX-License-Identifier: MIT */
/* Tests of the IOVA algebra against a brute-force bitmap model; edges at 0 and 2^64-1; plans vs a DP. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define MAXA	UINT64_MAX

/* ======== the brute-force reference: one byte per address of [0, 2 * 64 KiB) ======== */

#define REF_N	0x20000u	/* addresses >= 0x10000 are never inside an aperture */

struct ref {
	unsigned char aper[REF_N];	/* inside every domain's aperture */
	unsigned char resv[REF_N];	/* inside a blocking region */
	struct iommufmt_resv_region regions[64];	/* blocking regions, in add order */
	unsigned int nregions;
};

static bool ref_usable(const struct ref *r, uint64_t x)
{
	return x < REF_N && r->aper[x] && !r->resv[x];
}

/* Blocking regions sorted by start, ties in add order (insertion sort is stable). */
static void ref_sorted(const struct ref *r, struct iommufmt_resv_region *out)
{
	memcpy(out, r->regions, r->nregions * sizeof(*out));
	for (unsigned int i = 1; i < r->nregions; i++)
		for (unsigned int j = i; j && out[j - 1].start > out[j].start; j--) {
			struct iommufmt_resv_region t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
}

/* Maximal run of addresses outside the aperture around x (to 2^64-1 past the model). */
static void ref_gap(const struct ref *r, uint64_t x, uint64_t *gs, uint64_t *gl)
{
	uint64_t s = x, l = x;

	while (s > 0 && !r->aper[s - 1])
		s--;
	while (l + 1 < REF_N && !r->aper[l + 1])
		l++;
	*gs = s;
	*gl = l + 1 == REF_N ? MAXA : l;
}

struct scenario {
	struct iommufmt_iova_space *sp;
	struct ref *ref;
	bool relax;
};

static void scenario_build(struct scenario *sc, struct test_rng *rng)
{
	struct ref *r = calloc(1, sizeof(*r));
	unsigned int ndom = 1 + (unsigned int)test_rng_below(rng, 3);
	unsigned int nres = (unsigned int)test_rng_below(rng, 24);
	struct iommufmt_resv_region batch[24];
	unsigned int nb = 0;
	struct iommufmt_diag d;

	ck_assert_ptr_nonnull(r);
	sc->relax = test_rng_below(rng, 3) == 0;
	sc->sp = iommufmt_iova_space_new(sc->relax ? IOMMUFMT_IOVA_SPACE_RELAX : 0);
	ck_assert_ptr_nonnull(sc->sp);
	sc->ref = r;
	iommufmt_diag_init(&d);
	memset(r->aper, 1, 0x10000);
	for (unsigned int dm = 0; dm < ndom; dm++) {
		struct iommufmt_iova_range ap[3];
		unsigned int na = 1 + (unsigned int)test_rng_below(rng, 3);
		unsigned char in[0x10000] = { 0 };

		for (unsigned int i = 0; i < na; i++) {
			uint64_t s = test_rng_below(rng, 0x10000);
			uint64_t l = s + test_rng_below(rng, 0x10000 - s);

			if (test_rng_below(rng, 4) == 0)
				s = 0;
			ap[i].start = s;
			ap[i].last = l;
			for (uint64_t x = s; x <= l; x++)
				in[x] = 1;
		}
		for (uint64_t x = 0; x < 0x10000; x++)
			r->aper[x] &= in[x];
		ck_assert_int_eq(iommufmt_iova_space_add_domain(sc->sp, ap, na, 0, &d), 0);
	}
	for (unsigned int i = 0; i < nres; i++) {
		struct iommufmt_resv_region g = { 0 };
		uint64_t len = test_rng_below(rng, 4) ? 1 + test_rng_below(rng, 0x400) :
			       1 + test_rng_below(rng, 0x8000);

		g.start = test_rng_below(rng, 0x10000);
		g.last = g.start + len - 1 > 0x1ffff ? 0x1ffff : g.start + len - 1;
		g.type = (uint32_t)test_rng_below(rng, IOMMUFMT_RESV_NR_TYPES);
		batch[nb++] = g;
		if (!(sc->relax && g.type == IOMMUFMT_RESV_DIRECT_RELAXABLE)) {
			r->regions[r->nregions++] = g;
			for (uint64_t x = g.start; x <= g.last; x++)
				r->resv[x] = 1;
		}
		/* add in one to three batches, to exercise the merge */
		if (nb && (i + 1 == nres || test_rng_below(rng, 8) == 0)) {
			ck_assert_int_eq(iommufmt_iova_space_add_resv(sc->sp, batch, nb, &d), 0);
			nb = 0;
		}
	}
}

static void scenario_free(struct scenario *sc)
{
	iommufmt_iova_space_free(sc->sp);
	free(sc->ref);
}

/* ======== usable ranges ======== */

static void check_usable(const struct scenario *sc)
{
	struct iommufmt_iova_range got[128];
	__u32 n = 128;
	size_t k = 0;

	ck_assert_int_eq(iommufmt_iova_space_usable(sc->sp, got, &n, NULL), 0);
	for (uint64_t x = 0; x < REF_N;) {
		uint64_t e;

		if (!ref_usable(sc->ref, x)) {
			x++;
			continue;
		}
		for (e = x; e + 1 < REF_N && ref_usable(sc->ref, e + 1); e++)
			;
		ck_assert_uint_lt(k, n);
		ck_assert_uint_eq(got[k].start, x);
		ck_assert_uint_eq(got[k].last, e);
		k++;
		x = e + 1;
	}
	ck_assert_uint_eq(k, n);
}

START_TEST(test_usable_vs_bitmap)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0x10a5eed + (uint64_t)_i);
	for (int it = 0; it < 60; it++) {
		struct scenario sc;

		scenario_build(&sc, &rng);
		check_usable(&sc);
		scenario_free(&sc);
	}
}
END_TEST

/* ======== map checks ======== */

static void check_maps(const struct scenario *sc, struct test_rng *rng)
{
	struct iommufmt_resv_region sorted[64];

	ref_sorted(sc->ref, sorted);
	for (int t = 0; t < 200; t++) {
		struct iommufmt_iova_map_check req = { .argsz = sizeof(req) };
		struct iommufmt_diag d;
		uint64_t iova = test_rng_below(rng, 0x10000);
		uint64_t len = 1 + test_rng_below(rng, test_rng_below(rng, 2) ? 0x100 : 0x4000);
		uint64_t x, last = iova + len - 1;
		bool ok = true;
		int rc;

		for (x = iova; x <= last; x++)
			if (!ref_usable(sc->ref, x)) {
				ok = false;
				break;
			}
		req.iova = iova;
		req.length = len;
		iommufmt_diag_init(&d);
		rc = iommufmt_iova_check_map(sc->sp, &req, &d);
		if (ok) {
			uint64_t s = iova, e = iova;

			ck_assert_int_eq(rc, 0);
			ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_OK);
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
			while (s > 0 && ref_usable(sc->ref, s - 1))
				s--;
			while (ref_usable(sc->ref, e + 1))
				e++;
			ck_assert_uint_eq(req.out_start, s);
			ck_assert_uint_eq(req.out_last, e);
			continue;
		}
		ck_assert_int_eq(rc, -EINVAL);
		ck_assert_int_eq(d.error, -EINVAL);
		if (x < REF_N && sc->ref->resv[x]) {
			/* the region with the lowest start among those holding x */
			unsigned int i;

			for (i = 0; i < sc->ref->nregions; i++)
				if (sorted[i].start <= x && sorted[i].last >= x)
					break;
			ck_assert_uint_lt(i, sc->ref->nregions);
			ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_RESERVED);
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_MAP_RESERVED);
			ck_assert_uint_eq(req.out_start, sorted[i].start);
			ck_assert_uint_eq(req.out_last, sorted[i].last);
			ck_assert_uint_eq(req.out_type, sorted[i].type);
			ck_assert_uint_eq(d.value, sorted[i].start);
			ck_assert_uint_eq(d.limit, sorted[i].last);
		} else {
			uint64_t gs, gl;

			ref_gap(sc->ref, x, &gs, &gl);
			ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_APERTURE);
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_MAP_APERTURE);
			ck_assert_uint_eq(req.out_start, gs);
			ck_assert_uint_eq(req.out_last, gl);
		}
	}
}

START_TEST(test_map_check_vs_bitmap)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0x3a9c4ec + (uint64_t)_i);
	for (int it = 0; it < 40; it++) {
		struct scenario sc;

		scenario_build(&sc, &rng);
		check_maps(&sc, &rng);
		scenario_free(&sc);
	}
}
END_TEST

/* ======== attach checks ======== */

static void check_attach(const struct scenario *sc, struct test_rng *rng)
{
	struct iommufmt_resv_region sorted[64];
	struct iommufmt_iova_range maps[4];
	struct iommufmt_iova_conflict got[512], want[512];
	unsigned int nm = 1 + (unsigned int)test_rng_below(rng, 4), nw = 0;
	struct iommufmt_diag d;
	__u32 n = 512;
	int rc;

	ref_sorted(sc->ref, sorted);
	for (unsigned int m = 0; m < nm; m++) {
		uint64_t a = test_rng_below(rng, 0x18000), b = a + test_rng_below(rng, 0x3000);

		maps[m].start = a;
		maps[m].last = b;
		for (unsigned int i = 0; i < sc->ref->nregions; i++) {
			const struct iommufmt_resv_region *g = &sorted[i];

			if (g->last < a || g->start > b)
				continue;
			want[nw++] = (struct iommufmt_iova_conflict){
				.start = g->start > a ? g->start : a, .last = g->last < b ? g->last : b,
				.region_start = g->start, .region_last = g->last,
				.verdict = IOMMUFMT_IOVA_VERDICT_RESERVED, .type = g->type,
				.mapping = m };
		}
		for (uint64_t x = a; x <= b; x++) {
			uint64_t gs, gl;

			if (x < REF_N && sc->ref->aper[x])
				continue;
			ref_gap(sc->ref, x, &gs, &gl);
			want[nw++] = (struct iommufmt_iova_conflict){
				.start = x, .last = gl < b ? gl : b, .region_start = gs,
				.region_last = gl, .verdict = IOMMUFMT_IOVA_VERDICT_APERTURE,
				.mapping = m };
			if (gl >= b)
				break;
			x = gl;
		}
	}
	iommufmt_diag_init(&d);
	memset(got, 0, sizeof(got));
	rc = iommufmt_iova_check_attach(sc->sp, maps, nm, got, &n, &d);
	ck_assert_uint_eq(n, nw);
	ck_assert_int_eq(rc, nw ? -EINVAL : 0);
	if (nw) {
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT);
		ck_assert_uint_eq(d.index, want[0].mapping);
	}
	for (unsigned int i = 0; i < nw; i++)
		ck_assert_msg(!memcmp(&got[i], &want[i], sizeof(got[i])),
			      "conflict %u: got [%llx,%llx] of [%llx,%llx] v%u m%u", i,
			      (unsigned long long)got[i].start, (unsigned long long)got[i].last,
			      (unsigned long long)got[i].region_start,
			      (unsigned long long)got[i].region_last, got[i].verdict,
			      got[i].mapping);
	/* Too small: -EMSGSIZE, the count, and the first ones written. */
	if (nw > 1) {
		struct iommufmt_iova_conflict one[1];

		n = 1;
		ck_assert_int_eq(iommufmt_iova_check_attach(sc->sp, maps, nm, one, &n, &d), -EMSGSIZE);
		ck_assert_uint_eq(n, nw);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
		ck_assert(!memcmp(&one[0], &want[0], sizeof(one[0])));
	}
}

START_TEST(test_attach_vs_bitmap)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0xa77ac4 + (uint64_t)_i);
	for (int it = 0; it < 60; it++) {
		struct scenario sc;

		scenario_build(&sc, &rng);
		check_attach(&sc, &rng);
		scenario_free(&sc);
	}
}
END_TEST

/* ======== hole costs ======== */

static void check_hole_cost(const struct scenario *sc)
{
	const uint64_t pgsizes = 0x10 | 0x100 | 0x1000;
	struct iommufmt_resv_region sorted[64];
	struct iommufmt_iova_hole_cost got[256];
	__u32 n = 256;
	unsigned int k = 0;

	ref_sorted(sc->ref, sorted);
	ck_assert_int_eq(iommufmt_iova_hole_cost(sc->sp, pgsizes, got, &n, NULL), 0);
	for (unsigned int i = 0; i < sc->ref->nregions; i++) {
		const struct iommufmt_resv_region *g = &sorted[i];

		for (uint64_t p = 0x100; p <= 0x1000; p <<= 4) {
			uint32_t blocks = 0;

			for (uint64_t b = g->start / p; b <= g->last / p; b++) {
				uint64_t bs = b * p, bl = bs + p - 1;
				bool inside = true, usable = false;

				if (g->start <= bs && g->last >= bl)
					continue;
				for (uint64_t x = bs; x <= bl; x++) {
					inside &= x < REF_N && sc->ref->aper[x];
					usable |= ref_usable(sc->ref, x);
				}
				blocks += inside && usable;
			}
			if (!blocks)
				continue;
			ck_assert_uint_lt(k, n);
			ck_assert_uint_eq(got[k].start, g->start);
			ck_assert_uint_eq(got[k].last, g->last);
			ck_assert_uint_eq(got[k].type, g->type);
			ck_assert_uint_eq(got[k].pgsize, p);
			ck_assert_uint_eq(got[k].blocks, blocks);
			k++;
		}
	}
	ck_assert_uint_eq(k, n);
}

START_TEST(test_hole_cost_vs_bitmap)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0xc057 + (uint64_t)_i);
	for (int it = 0; it < 40; it++) {
		struct scenario sc;

		scenario_build(&sc, &rng);
		check_hole_cost(&sc);
		scenario_free(&sc);
	}
}
END_TEST

/* ======== guest RAM layout ======== */

static void check_layout(const struct scenario *sc, struct test_rng *rng)
{
	const uint64_t P = 0x1000, pgsizes = 0x10 | 0x100 | 0x1000;
	__u64 sizes[3];
	uint64_t base = test_rng_below(rng, 0x1000) * 0x10, total = 0, cap = 0;
	uint64_t heads = 0, pblocks = 0;
	unsigned int nr = 1 + (unsigned int)test_rng_below(rng, 3);
	struct iommufmt_iova_ram_segment seg[256];
	struct iommufmt_iova_layout_stats st;
	struct iommufmt_diag d;
	__u32 n = 256;
	int rc;

	for (unsigned int b = 0; b < nr; b++) {
		sizes[b] = (1 + test_rng_below(rng, 0x600)) * 0x10;
		total += sizes[b];
		heads += sizes[b] / P;
	}
	/* Capacity: whole 16-byte pages of usable space above base; P-blocks likewise. */
	for (uint64_t x = base; x < REF_N; x += 0x10) {
		bool all = true;

		for (uint64_t y = x; y < x + 0x10; y++)
			all &= ref_usable(sc->ref, y);
		cap += all ? 0x10 : 0;
	}
	for (uint64_t x = (base + P - 1) / P * P; x + P <= REF_N; x += P) {
		bool all = true;

		for (uint64_t y = x; y < x + P && all; y++)
			all &= ref_usable(sc->ref, y);
		pblocks += all;
	}
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_layout(sc->sp, base, sizes, nr, pgsizes, 0, seg, &n, &d);
	if (total > cap) {
		ck_assert_int_eq(rc, -ENOSPC);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_NO_ROOM);
		return;
	}
	ck_assert_int_eq(rc, 0);
	/* Each block covered exactly, in offset order; every piece usable, above base. */
	for (unsigned int i = 0, b = 0; b < nr; b++) {
		uint64_t off = 0;

		for (; i < n && seg[i].block == b; i++) {
			struct iommufmt_iova_map_check req = { .argsz = sizeof(req) };

			ck_assert_uint_eq(seg[i].offset, off);
			ck_assert_uint_ge(seg[i].gpa, base);
			ck_assert_uint_eq(seg[i].gpa % 0x10, 0);
			req.iova = seg[i].gpa;
			req.length = seg[i].size;
			ck_assert_int_eq(iommufmt_iova_check_map(sc->sp, &req, NULL), 0);
			off += seg[i].size;
		}
		ck_assert_uint_eq(off, sizes[b]);
	}
	/* Pieces are disjoint. */
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = i + 1; j < n; j++)
			ck_assert(seg[i].gpa + seg[i].size <= seg[j].gpa ||
				  seg[j].gpa + seg[j].size <= seg[i].gpa);
	/* As many largest pages as the space allows: min(heads, P-blocks). */
	ck_assert_int_eq(iommufmt_iova_layout_stats(seg, n, pgsizes, &st, NULL), 0);
	ck_assert_uint_eq(st.ram_bytes, total);
	ck_assert_uint_eq(st.largest_pgsize, P);
	ck_assert_uint_eq(st.largest_pages, heads < pblocks ? heads : pblocks);
	/* The packed layout fits exactly when the advised one does, never with more big pages. */
	{
		struct iommufmt_iova_ram_segment ps[256];
		struct iommufmt_iova_layout_stats pst;
		__u32 pn = 256;

		ck_assert_int_eq(iommufmt_iova_layout(sc->sp, base, sizes, nr, pgsizes,
						      IOMMUFMT_IOVA_LAYOUT_PACK, ps, &pn, NULL), 0);
		ck_assert_int_eq(iommufmt_iova_layout_stats(ps, pn, pgsizes, &pst, NULL), 0);
		ck_assert_uint_eq(pst.ram_bytes, total);
		ck_assert_uint_le(pst.largest_pages, st.largest_pages);
	}
}

START_TEST(test_layout_vs_bitmap)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0x1a70 + (uint64_t)_i);
	for (int it = 0; it < 40; it++) {
		struct scenario sc;

		scenario_build(&sc, &rng);
		check_layout(&sc, &rng);
		scenario_free(&sc);
	}
}
END_TEST

/* ======== map plans against a dynamic programme ======== */

/* Fewest pages to map units [i, len) with sizes sz[] (in 4 KiB units). */
static uint64_t dp_pages(uint64_t iova_u, uint64_t pa_u, uint64_t len, const uint64_t *sz,
			 unsigned int nsz)
{
	uint64_t *best = malloc((len + 1) * sizeof(*best));
	uint64_t r;

	ck_assert_ptr_nonnull(best);
	best[len] = 0;
	for (uint64_t i = len; i-- > 0;) {
		best[i] = UINT64_MAX;
		for (unsigned int k = 0; k < nsz; k++) {
			uint64_t p = sz[k];

			if ((iova_u + i) % p || (pa_u + i) % p || i + p > len)
				continue;
			if (best[i + p] != UINT64_MAX && best[i + p] + 1 < best[i])
				best[i] = best[i + p] + 1;
		}
	}
	r = best[0];
	free(best);
	return r;
}

START_TEST(test_plan_vs_dp)
{
	static const uint64_t all[] = { 1, 2, 16, 512 };	/* 4K, 8K, 64K, 2M */
	struct test_rng rng;

	test_rng_seed(&rng, 0x91a4);
	for (int it = 0; it < 400; it++) {
		uint64_t sz[4], pgsizes = 0, total = 0;
		__u64 pages;
		unsigned int nsz = 0;
		uint64_t iova_u = test_rng_below(&rng, 4096);
		uint64_t pa_u = test_rng_below(&rng, 2) ? iova_u : test_rng_below(&rng, 4096);
		uint64_t len = 1 + test_rng_below(&rng, 1500);
		struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
		__u32 n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
		uint64_t x, y;

		for (unsigned int k = 0; k < 4; k++)
			if (k == 0 || test_rng_below(&rng, 2)) {
				sz[nsz++] = all[k];
				pgsizes |= all[k] << 12;
			}
		ck_assert_int_eq(iommufmt_iova_map_plan(iova_u << 12, pa_u << 12, len << 12, pgsizes,
							ch, &n, &pages, NULL), 0);
		ck_assert_uint_eq(pages, dp_pages(iova_u, pa_u, len, sz, nsz));
		/* The runs tile the request with aligned pages of listed sizes. */
		x = iova_u << 12;
		y = pa_u << 12;
		for (__u32 i = 0; i < n; i++) {
			ck_assert_uint_eq(ch[i].iova, x);
			ck_assert_uint_eq(ch[i].pa, y);
			ck_assert(ch[i].pgsize & pgsizes);
			ck_assert_uint_eq(ch[i].iova % ch[i].pgsize, 0);
			ck_assert_uint_eq(ch[i].pa % ch[i].pgsize, 0);
			ck_assert_uint_ge(ch[i].count, 1);
			if (i)
				ck_assert_uint_ne(ch[i].pgsize, ch[i - 1].pgsize);
			x += ch[i].count * ch[i].pgsize;
			y += ch[i].count * ch[i].pgsize;
			total += ch[i].count;
		}
		ck_assert_uint_eq(x, (iova_u + len) << 12);
		ck_assert_uint_eq(total, pages);
	}
}
END_TEST

START_TEST(test_plan_edges)
{
	const uint64_t k4 = 1ull << 12, m2 = 1ull << 21, g1 = 1ull << 30;
	const uint64_t pgs = k4 | m2 | g1;
	struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
	struct iommufmt_diag d;
	__u64 pages;
	__u32 n;

	iommufmt_diag_init(&d);
	/* 2 MiB + 4 KiB at a 1 GiB boundary minus 4 KiB: 4K, 2M... no: 4K then 2M */
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	ck_assert_int_eq(iommufmt_iova_map_plan(g1 - k4, g1 - k4, m2 + k4, pgs, ch, &n, &pages, &d), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(ch[0].pgsize, k4);
	ck_assert_uint_eq(ch[1].pgsize, m2);
	ck_assert_uint_eq(pages, 2);
	/* The top of the address space: one 1 GiB page ending at 2^64-1. */
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	ck_assert_int_eq(iommufmt_iova_map_plan(0 - g1, 0, g1, pgs, ch, &n, &pages, &d), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ch[0].iova, 0 - g1);
	ck_assert_uint_eq(pages, 1);
	/* Almost all of it: bounded work, an exact count. */
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	ck_assert_int_eq(iommufmt_iova_map_plan(k4, k4, 0 - k4, pgs, ch, &n, &pages, &d), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(pages, 511 + 511 + (0 - g1) / g1);
	/* pa misaligned to iova for 2M: only 4K pages */
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	ck_assert_int_eq(iommufmt_iova_map_plan(0, k4, g1, pgs, ch, &n, &pages, &d), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(pages, g1 / k4);
	/* hostile arguments */
	n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
	ck_assert_int_eq(iommufmt_iova_map_plan(0, 0, 0, pgs, ch, &n, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH);
	ck_assert_int_eq(iommufmt_iova_map_plan(0 - k4, 0, 2 * k4, pgs, ch, &n, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_WRAP);
	ck_assert_str_eq(d.field, "iova");
	ck_assert_int_eq(iommufmt_iova_map_plan(0, 0 - k4, 2 * k4, pgs, ch, &n, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_WRAP);
	ck_assert_str_eq(d.field, "pa");
	ck_assert_int_eq(iommufmt_iova_map_plan(0x800, 0, k4, pgs, ch, &n, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_PGSIZE);
	ck_assert_str_eq(d.field, "iova");
	ck_assert_int_eq(iommufmt_iova_map_plan(0, 0, k4 + 1, pgs, ch, &n, NULL, &d), -EINVAL);
	ck_assert_str_eq(d.field, "len");
	ck_assert_int_eq(iommufmt_iova_map_plan(0, 0, k4, 0, ch, &n, NULL, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_PGSIZE);
	/* output too small: the count needed, the first run written */
	n = 1;
	ck_assert_int_eq(iommufmt_iova_map_plan(g1 - k4, g1 - k4, m2 + k4, pgs, ch, &n, NULL, &d),
			 -EMSGSIZE);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(ch[0].pgsize, k4);
	/* layout statistics refuse segments adding up past 2^64 bytes */
	{
		struct iommufmt_iova_ram_segment s[2] = { { 0, 1ull << 63, 0, 0, 0 },
							  { 1ull << 63, 1ull << 63, 0, 1, 0 } };
		struct iommufmt_iova_layout_stats st;

		ck_assert_int_eq(iommufmt_iova_layout_stats(s, 1, pgs, &st, &d), 0);
		ck_assert_uint_eq(st.largest_pages, (1ull << 63) / g1);
		ck_assert_int_eq(iommufmt_iova_layout_stats(s, 2, pgs, &st, &d), -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OVERFLOW);
		ck_assert_uint_eq(d.index, 1);
	}
}
END_TEST

/* ======== edges at 0 and 2^64-1, adjacency, nesting, empty results ======== */

static int add_dom1(struct iommufmt_iova_space *sp, uint64_t s, uint64_t l, uint64_t pgs,
		    struct iommufmt_diag *d)
{
	struct iommufmt_iova_range r = { s, l };

	return iommufmt_iova_space_add_domain(sp, &r, 1, pgs, d);
}

static void usable_is(struct iommufmt_iova_space *sp, const struct iommufmt_iova_range *want,
		      __u32 nw)
{
	struct iommufmt_iova_range got[8];
	__u32 n = 8;

	ck_assert_int_eq(iommufmt_iova_space_usable(sp, got, &n, NULL), 0);
	ck_assert_uint_eq(n, nw);
	for (__u32 i = 0; i < nw; i++) {
		ck_assert_uint_eq(got[i].start, want[i].start);
		ck_assert_uint_eq(got[i].last, want[i].last);
	}
}

START_TEST(test_edges)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region top = { MAXA - 15, MAXA, IOMMUFMT_RESV_MSI, 0 };
	struct iommufmt_resv_region zero = { 0, 0, IOMMUFMT_RESV_RESERVED, 0 };
	struct iommufmt_resv_region adj[2] = { { 20, 29, IOMMUFMT_RESV_DIRECT, 0 },
					       { 10, 19, IOMMUFMT_RESV_BRIDGE_WINDOW, 0 } };
	struct iommufmt_resv_region nest[2] = { { 100, 200, IOMMUFMT_RESV_RESERVED, 0 },
						{ 120, 130, IOMMUFMT_RESV_SW_MSI, 0 } };
	struct iommufmt_iova_map_check req = { .argsz = sizeof(req) };
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_ptr_nonnull(sp);
	usable_is(sp, (struct iommufmt_iova_range[]){ { 0, MAXA } }, 1);
	/* the whole space is usable: a map that ends at 2^64-1 fits, one more byte wraps */
	req.iova = MAXA - 4095;
	req.length = 4096;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), 0);
	ck_assert_uint_eq(req.out_last, MAXA);
	req.length = 4097;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_WRAP);
	req.length = 0;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH);
	req.iova = 0;
	req.length = MAXA;	/* [0, 2^64-2] */
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), 0);

	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, &top, 1, &d), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, &zero, 1, &d), 0);
	usable_is(sp, (struct iommufmt_iova_range[]){ { 1, MAXA - 16 } }, 1);
	req.iova = MAXA - 4095;
	req.length = 4096;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_RESERVED);
	ck_assert_uint_eq(req.out_start, MAXA - 15);
	ck_assert_uint_eq(req.out_last, MAXA);
	ck_assert_uint_eq(req.out_type, IOMMUFMT_RESV_MSI);
	ck_assert_str_eq(d.field, "iova");
	ck_assert_ptr_nonnull(strstr(d.text, "msi"));
	req.iova = 0;
	req.length = 1;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_start, 0);
	ck_assert_uint_eq(req.out_last, 0);

	/* adjacent regions merge into one hole; nested ones report the outer */
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, adj, 2, &d), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, nest, 2, &d), 0);
	usable_is(sp, (struct iommufmt_iova_range[]){ { 1, 9 }, { 30, 99 }, { 201, MAXA - 16 } },
		  3);
	req.iova = 125;
	req.length = 1;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_start, 100);
	ck_assert_uint_eq(req.out_type, IOMMUFMT_RESV_RESERVED);
	req.iova = 5;
	req.length = 20;	/* first unusable byte is 10: the bridge window */
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_start, 10);
	ck_assert_uint_eq(req.out_type, IOMMUFMT_RESV_BRIDGE_WINDOW);

	/* a region over everything: nothing usable */
	{
		struct iommufmt_resv_region all = { 0, MAXA, IOMMUFMT_RESV_RESERVED, 0 };
		__u32 n = 0;

		ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, &all, 1, &d), 0);
		ck_assert_int_eq(iommufmt_iova_space_usable(sp, NULL, &n, &d), 0);
		ck_assert_uint_eq(n, 0);
	}
	iommufmt_iova_space_free(sp);

	/* two domains with disjoint apertures: nothing usable, gaps reported */
	sp = iommufmt_iova_space_new(0);
	ck_assert_int_eq(add_dom1(sp, 0, 0xffff, 0x1000, &d), 0);
	ck_assert_int_eq(add_dom1(sp, 0x10000, MAXA, 0x201000, &d), 0);
	usable_is(sp, NULL, 0);
	ck_assert_uint_eq(iommufmt_iova_space_pgsizes(sp), 0x1000);
	req.iova = 0x1000;
	req.length = 0x1000;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_APERTURE);
	ck_assert_uint_eq(req.out_start, 0);
	ck_assert_uint_eq(req.out_last, MAXA);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_MAP_APERTURE);
	/* an empty domain aperture is allowed and empties the space */
	ck_assert_int_eq(iommufmt_iova_space_add_domain(sp, NULL, 0, 0, &d), 0);
	iommufmt_iova_space_free(sp);

	/* the aperture's top edge: [2^64-4096, 2^64-1] only */
	sp = iommufmt_iova_space_new(0);
	ck_assert_int_eq(add_dom1(sp, MAXA - 4095, MAXA, 0, &d), 0);
	req.iova = MAXA - 8191;
	req.length = 8192;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &req, &d), -EINVAL);
	ck_assert_uint_eq(req.out_verdict, IOMMUFMT_IOVA_VERDICT_APERTURE);
	ck_assert_uint_eq(req.out_start, 0);
	ck_assert_uint_eq(req.out_last, MAXA - 4096);
	iommufmt_iova_space_free(sp);
}
END_TEST

/* ======== hostile input: each bad field rejected exactly, nothing changed ======== */

START_TEST(test_hostile_adds)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region good = { 0x1000, 0x1fff, IOMMUFMT_RESV_MSI, 0 };
	struct iommufmt_resv_region bad[3];
	struct iommufmt_iova_range before[4], after[4];
	struct iommufmt_diag d;
	__u32 n;
	static const struct {
		unsigned int field;	/* 0 start>last, 1 type, 2 flags */
		int err;
		unsigned int code;
		const char *name;
	} cases[] = {
		{ 0, -EINVAL, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, "start" },
		{ 1, -EOPNOTSUPP, IOMMUFMT_DIAG_UNSUPPORTED, "type" },
		{ 2, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags" },
	};

	ck_assert_ptr_null(iommufmt_iova_space_new(0x80));
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, &good, 1, NULL), 0);
	n = 4;
	ck_assert_int_eq(iommufmt_iova_space_usable(sp, before, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (int i = 0; i < 3; i++)
			bad[i] = (struct iommufmt_resv_region){ 0x10000u * (i + 1),
								0x10000u * (i + 1) + 0xfff,
								IOMMUFMT_RESV_RESERVED, 0 };
		if (cases[c].field == 0)
			bad[2].start = bad[2].last + 1;
		else if (cases[c].field == 1)
			bad[2].type = IOMMUFMT_RESV_NR_TYPES;
		else
			bad[2].flags = 1;
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, bad, 3, &d), cases[c].err);
		ck_assert_uint_eq(d.code, cases[c].code);
		ck_assert_str_eq(d.field, cases[c].name);
		ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_INDEX);
		ck_assert_uint_eq(d.index, 2);
		n = 4;
		ck_assert_int_eq(iommufmt_iova_space_usable(sp, after, &n, NULL), 0);
		ck_assert_uint_eq(n, 2);
		ck_assert(!memcmp(before, after, sizeof(before[0]) * 2));
	}
	iommufmt_diag_init(&d);
	{
		struct iommufmt_iova_range two[2] = { { 0, 10 }, { 20, 5 } };

		ck_assert_int_eq(iommufmt_iova_space_add_domain(sp, two, 2, 0, &d), -EINVAL);
	}
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_RANGE_INVERTED);
	ck_assert_uint_eq(d.index, 1);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(NULL, &good, 1, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, NULL, 1, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_NULL_ARG);
	/* usable() output too small: the count, as many as fit */
	n = 1;
	memset(after, 0xee, sizeof(after));
	ck_assert_int_eq(iommufmt_iova_space_usable(sp, after, &n, &d), -EMSGSIZE);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(after[0].start, before[0].start);
	ck_assert_uint_eq(after[1].start, 0xeeeeeeeeeeeeeeeeull);
	/* layout arguments */
	{
		struct iommufmt_iova_ram_segment seg[4];
		__u64 sz[2] = { 0x10000, 0 };

		n = 4;
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0, sz, 1, 0x1000, 0x80, seg, &n, &d),
				 -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0x800, sz, 1, 0x1000, 0, seg, &n, &d),
				 -EINVAL);
		ck_assert_str_eq(d.field, "base");
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0, sz, 2, 0x1000, 0, seg, &n, &d), -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_ZERO_LENGTH);
		ck_assert_uint_eq(d.index, 1);
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0, sz, 1, 0, 0, seg, &n, &d), -EINVAL);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_PGSIZE);
		sz[0] = 0x2000;
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0xffffffffffffe000ull, sz, 1, 0x1000, 0,
						      seg, &n, &d), 0);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(seg[0].gpa, 0xffffffffffffe000ull);
		sz[0] = 0x3000;
		n = 4;
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0xffffffffffffe000ull, sz, 1, 0x1000, 0,
						      seg, &n, &d), -ENOSPC);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_IOVA_NO_ROOM);
	}
	iommufmt_iova_space_free(sp);
	/*
	 * 1-byte pages over the whole 2^64 space: 2^64 blocks of the smallest
	 * class, a count that wrapped to 0 and made everything "not fit" (fuzz).
	 */
	sp = iommufmt_iova_space_new(0);
	ck_assert_ptr_nonnull(sp);
	{
		struct iommufmt_iova_ram_segment seg[2];
		__u64 sz[1] = { 0xc000000000000ull };

		n = 2;
		ck_assert_int_eq(iommufmt_iova_layout(sp, 0, sz, 1, 1, 0, seg, &n, &d), 0);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(seg[0].gpa, 0);
		ck_assert_uint_eq(seg[0].size, sz[0]);
	}
	iommufmt_iova_space_free(sp);
}
END_TEST

START_TEST(test_relax)
{
	struct iommufmt_iova_space *strict = iommufmt_iova_space_new(0);
	struct iommufmt_iova_space *relax = iommufmt_iova_space_new(IOMMUFMT_IOVA_SPACE_RELAX);
	struct iommufmt_resv_region r[2] = { { 0x1000, 0x1fff, IOMMUFMT_RESV_DIRECT_RELAXABLE, 0 },
					     { 0x3000, 0x3fff, IOMMUFMT_RESV_DIRECT, 0 } };
	__u32 n = 0;

	ck_assert_int_eq(iommufmt_iova_space_add_resv(strict, r, 2, NULL), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(relax, r, 2, NULL), 0);
	usable_is(strict, (struct iommufmt_iova_range[]){ { 0, 0xfff }, { 0x2000, 0x2fff },
							  { 0x4000, MAXA } }, 3);
	usable_is(relax, (struct iommufmt_iova_range[]){ { 0, 0x2fff }, { 0x4000, MAXA } }, 2);
	/* a probe with no array: -EMSGSIZE and the count; the relaxable region was dropped */
	ck_assert_int_eq(iommufmt_iova_space_resv(relax, NULL, &n, NULL), -EMSGSIZE);
	ck_assert_uint_eq(n, 1);
	n = 0;
	ck_assert_int_eq(iommufmt_iova_space_resv(strict, NULL, &n, NULL), -EMSGSIZE);
	ck_assert_uint_eq(n, 2);
	iommufmt_iova_space_free(strict);
	iommufmt_iova_space_free(relax);
}
END_TEST

/* ======== output forms: iommufd struct, capability chain, map-check struct ======== */

START_TEST(test_iommufd_form)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region r[2] = { { 0x8000000, 0x80fffff, IOMMUFMT_RESV_SW_MSI, 0 },
					     { 0xfee00000, 0xfeefffff, IOMMUFMT_RESV_MSI, 0 } };
	struct iommufmt_iova_range out[3];
	struct {
		struct iommufmt_iova_ranges r;
		unsigned char tail[8];
	} big;
	struct iommufmt_iova_ranges q;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, r, 2, NULL), 0);
	ck_assert_int_eq(add_dom1(sp, 0, (1ull << 48) - 1, 0x40201000, NULL), 0);
	memset(out, 0xcc, sizeof(out));
	q = (struct iommufmt_iova_ranges){ .argsz = sizeof(q), .num_iovas = 1,
					   .allowed_iovas = (uintptr_t)out };
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EMSGSIZE);
	ck_assert_uint_eq(q.num_iovas, 3);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OUTPUT_SMALL);
	ck_assert_uint_eq(out[0].start, 0);
	ck_assert_uint_eq(out[0].last, 0x7ffffff);
	ck_assert_uint_eq(out[1].start, 0xccccccccccccccccull);
	ck_assert_uint_eq(q.out_iova_alignment, 0x1000);
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), 0);
	ck_assert_uint_eq(out[1].start, 0x8100000);
	ck_assert_uint_eq(out[1].last, 0xfedfffff);
	ck_assert_uint_eq(out[2].start, 0xfef00000);
	ck_assert_uint_eq(out[2].last, (1ull << 48) - 1);
	/* argsz rules */
	q.argsz = IOMMUFMT_IOVA_RANGES_SIZE_VER0 - 1;
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	memset(&big, 0, sizeof(big));
	big.r = (struct iommufmt_iova_ranges){ .argsz = sizeof(big), .num_iovas = 3,
					       .allowed_iovas = (uintptr_t)out };
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &big.r, &d), 0);
	big.tail[5] = 1;
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &big.r, &d), -E2BIG);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_TAIL_NONZERO);
	q = (struct iommufmt_iova_ranges){ .argsz = sizeof(q), .flags = 1, .num_iovas = 3,
					   .allowed_iovas = (uintptr_t)out };
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	q.flags = 0;
	q.__reserved = 1;
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_RESERVED_NONZERO);
	q.__reserved = 0;
	q.allowed_iovas = 0;
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_NULL_ARG);
	/* a probe with no array learns the count */
	q.num_iovas = 0;
	ck_assert_int_eq(iommufmt_iova_space_get_ranges(sp, &q, &d), -EMSGSIZE);
	ck_assert_uint_eq(q.num_iovas, 3);
	iommufmt_iova_space_free(sp);
}
END_TEST

START_TEST(test_caps_form)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct iommufmt_resv_region r[2] = { { 0x8000000, 0x80fffff, IOMMUFMT_RESV_SW_MSI, 0 },
					     { 0x1000, 0x1fff, IOMMUFMT_RESV_DIRECT, 0 } };
	struct iommufmt_caps *caps = iommufmt_caps_new();
	struct iommufmt_hw_info info = { .argsz = sizeof(info) }, small;
	const struct iommufmt_cap_header *cap;
	struct iommufmt_iova_range got[4];
	struct iommufmt_resv_region gr[4];
	unsigned char *buf;
	size_t need, clen;
	__u32 n;

	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, r, 2, NULL), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_caps(sp, caps, 0, NULL), -EINVAL);
	ck_assert_int_eq(iommufmt_iova_space_add_caps(sp, caps, 4, NULL), -EOPNOTSUPP);
	ck_assert_uint_eq(iommufmt_caps_count(caps), 0);
	ck_assert_int_eq(iommufmt_iova_space_add_caps(sp, caps, IOMMUFMT_IOVA_CAPS_RANGES |
						      IOMMUFMT_IOVA_CAPS_RESV, NULL), 0);
	ck_assert_uint_eq(iommufmt_caps_count(caps), 2);
	/* the too-small rule: no error, flag set, cap_offset 0, argsz raised */
	memset(&small, 0, sizeof(small));
	ck_assert_int_eq(iommufmt_caps_emit(caps, &small, sizeof(small), &info, sizeof(info),
					    offsetof(struct iommufmt_hw_info, cap_offset),
					    IOMMUFMT_HW_INFO_FLAGS_CAPS), 0);
	ck_assert(small.flags & IOMMUFMT_HW_INFO_FLAGS_CAPS);
	ck_assert_uint_eq(small.cap_offset, 0);
	need = small.argsz;
	ck_assert_uint_eq(need, sizeof(info) + iommufmt_caps_size(caps));
	buf = calloc(1, need);
	ck_assert_int_eq(iommufmt_caps_emit(caps, buf, need, &info, sizeof(info),
					    offsetof(struct iommufmt_hw_info, cap_offset),
					    IOMMUFMT_HW_INFO_FLAGS_CAPS), 0);
	memcpy(&info, buf, sizeof(info));
	ck_assert_int_eq(iommufmt_caps_find(buf, need, sizeof(info), info.cap_offset,
					    IOMMUFMT_CAP_IOVA_RANGES, &cap, &clen, NULL), 0);
	n = 4;
	ck_assert_int_eq(iommufmt_cap_iova_ranges_read(cap, clen, got, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(got[0].last, 0xfff);
	ck_assert_uint_eq(got[1].start, 0x2000);
	ck_assert_uint_eq(got[2].start, 0x8100000);
	ck_assert_uint_eq(got[2].last, MAXA);
	ck_assert_int_eq(iommufmt_caps_find(buf, need, sizeof(info), info.cap_offset,
					    IOMMUFMT_CAP_RESV_REGIONS, &cap, &clen, NULL), 0);
	n = 4;
	ck_assert_int_eq(iommufmt_cap_resv_regions_read(cap, clen, gr, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(gr[0].type, IOMMUFMT_RESV_DIRECT);	/* sorted by start */
	ck_assert_uint_eq(gr[1].type, IOMMUFMT_RESV_SW_MSI);
	free(buf);
	iommufmt_caps_free(caps);
	iommufmt_iova_space_free(sp);
}
END_TEST

START_TEST(test_map_check_struct)
{
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct {
		struct iommufmt_iova_map_check c;
		unsigned char tail[8];
	} big;
	struct iommufmt_iova_map_check old;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	memset(&big, 0, sizeof(big));
	big.c.argsz = sizeof(big);
	big.c.iova = 0x1000;
	big.c.length = 0x1000;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &big.c, &d), 0);
	ck_assert_uint_eq(big.c.out_last, MAXA);
	big.tail[7] = 9;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &big.c, &d), -E2BIG);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_TAIL_NONZERO);
	memset(&old, 0, sizeof(old));
	old.argsz = IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0 - 8;
	old.iova = 0x1000;
	old.length = 0x1000;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &old, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	old.argsz = sizeof(old);
	old.flags = 2;
	ck_assert_int_eq(iommufmt_iova_check_map(sp, &old, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	ck_assert_int_eq(iommufmt_iova_check_map(NULL, &old, &d), -EINVAL);
	iommufmt_iova_space_free(sp);
}
END_TEST

/* ======== many regions against a separately written sort-and-sweep ======== */

static int cmp_u64pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

START_TEST(test_many_regions)
{
	const size_t N = 200000;
	struct iommufmt_resv_region *r = malloc(N * sizeof(*r));
	uint64_t *pairs = malloc(2 * N * sizeof(*pairs));
	struct iommufmt_iova_range *got = malloc((N + 1) * sizeof(*got));
	struct iommufmt_iova_space *sp = iommufmt_iova_space_new(0);
	struct test_rng rng;
	size_t k = 0;
	uint64_t cur = 0;
	bool open = true;
	__u32 n = (__u32)(N + 1);

	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(pairs);
	ck_assert_ptr_nonnull(got);
	test_rng_seed(&rng, 777);
	for (size_t i = 0; i < N; i++) {
		uint64_t s = test_rng_next(&rng), len = 1 + test_rng_below(&rng, 1ull << 46);

		r[i].start = s;
		r[i].last = len - 1 > MAXA - s ? MAXA : s + len - 1;
		r[i].type = (uint32_t)(i % IOMMUFMT_RESV_NR_TYPES);
		r[i].flags = 0;
		pairs[2 * i] = r[i].start;
		pairs[2 * i + 1] = r[i].last;
	}
	ck_assert_int_eq(iommufmt_iova_space_add_resv(sp, r, (__u32)N, NULL), 0);
	ck_assert_int_eq(iommufmt_iova_space_usable(sp, got, &n, NULL), 0);
	/* reference: sort (start, last) pairs, sweep the complement */
	qsort(pairs, N, 2 * sizeof(*pairs), cmp_u64pair);
	for (size_t i = 0; i < N && open; i++) {
		uint64_t s = pairs[2 * i], l = pairs[2 * i + 1];

		if (l < cur)
			continue;
		if (s > cur) {
			ck_assert_uint_lt(k, n);
			ck_assert_uint_eq(got[k].start, cur);
			ck_assert_uint_eq(got[k].last, s - 1);
			k++;
		}
		if (l == MAXA)
			open = false;
		else
			cur = l + 1;
	}
	if (open) {
		ck_assert_uint_eq(got[k].start, cur);
		ck_assert_uint_eq(got[k].last, MAXA);
		k++;
	}
	ck_assert_uint_eq(k, n);
	iommufmt_iova_space_free(sp);
	free(r);
	free(pairs);
	free(got);
}
END_TEST

START_TEST(test_type_names)
{
	for (unsigned int t = 0; t < IOMMUFMT_RESV_NR_TYPES; t++) {
		const char *nm = iommufmt_resv_type_name(t);

		ck_assert_ptr_nonnull(nm);
		ck_assert_int_eq(iommufmt_resv_type_by_name(nm, strlen(nm)), (int)t);
	}
	ck_assert_ptr_null(iommufmt_resv_type_name(IOMMUFMT_RESV_NR_TYPES));
	ck_assert_int_eq(iommufmt_resv_type_by_name("msi-sw", 6), IOMMUFMT_RESV_SW_MSI);
	ck_assert_int_eq(iommufmt_resv_type_by_name("msix", 3), IOMMUFMT_RESV_MSI);
	ck_assert_int_eq(iommufmt_resv_type_by_name("ms", 2), -EINVAL);
	ck_assert_int_eq(iommufmt_resv_type_by_name(NULL, 0), -EINVAL);
	for (unsigned int c = 0x400; c <= 0x40e; c++)
		ck_assert_ptr_nonnull(iommufmt_diag_name(c));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("iova");
	TCase *tc = tcase_create("algebra");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_usable_vs_bitmap, 0, 3);
	tcase_add_loop_test(tc, test_map_check_vs_bitmap, 0, 2);
	tcase_add_loop_test(tc, test_attach_vs_bitmap, 0, 2);
	tcase_add_loop_test(tc, test_hole_cost_vs_bitmap, 0, 2);
	tcase_add_loop_test(tc, test_layout_vs_bitmap, 0, 3);
	tcase_add_test(tc, test_plan_vs_dp);
	tcase_add_test(tc, test_plan_edges);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_hostile_adds);
	tcase_add_test(tc, test_relax);
	tcase_add_test(tc, test_iommufd_form);
	tcase_add_test(tc, test_caps_form);
	tcase_add_test(tc, test_map_check_struct);
	tcase_add_test(tc, test_many_regions);
	tcase_add_test(tc, test_type_names);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
