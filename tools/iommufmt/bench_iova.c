/* SPDX-License-Identifier: MIT */
/* Benchmark section "iova": usable ranges from 10^6 reserved regions against qsort; map-plan rate. */
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

static uint64_t xs(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static int cmp_start(const void *pa, const void *pb)
{
	const struct iommufmt_resv_region *a = pa, *b = pb;

	return a->start < b->start ? -1 : a->start > b->start;
}

static int usable_bench(struct bench_ctx *ctx)
{
	const size_t n = ctx->quick ? 100000 : 1000000;
	const int reps = ctx->quick ? 1 : 3;
	struct iommufmt_resv_region *r = malloc(n * sizeof(*r)), *copy = malloc(n * sizeof(*r));
	struct iommufmt_iova_range *out = malloc((n + 1) * sizeof(*out));
	uint64_t seed = 0x5eed10a, best = UINT64_MAX, best_q = UINT64_MAX, acc = 0;
	char name[64];

	if (!r || !copy || !out) {
		free(r);
		free(copy);
		free(out);
		return 1;
	}
	/* Random regions of 4 KiB to 1 MiB in a 48-bit space, of every type. */
	for (size_t i = 0; i < n; i++) {
		r[i].start = (xs(&seed) & ((1ull << 48) - 1)) & ~0xfffull;
		r[i].last = r[i].start + ((xs(&seed) % 256) + 1) * 4096 - 1;
		r[i].type = (__u32)(i % IOMMUFMT_RESV_NR_TYPES);
		r[i].flags = 0;
	}
	for (int rep = 0; rep < reps; rep++) {
		struct iommufmt_iova_space *sp;
		uint64_t t0 = bench_now_ns(), t;
		__u32 nr = (__u32)(n + 1);

		sp = iommufmt_iova_space_new(0);
		if (!sp || iommufmt_iova_space_add_resv(sp, r, (__u32)n, NULL) ||
		    iommufmt_iova_space_usable(sp, out, &nr, NULL)) {
			iommufmt_iova_space_free(sp);
			free(r);
			free(copy);
			free(out);
			return 1;
		}
		t = bench_now_ns() - t0;
		acc += nr;
		iommufmt_iova_space_free(sp);
		if (t < best)
			best = t;
		/* Baseline: a plain qsort of the same regions by start. */
		t0 = bench_now_ns();
		memcpy(copy, r, n * sizeof(*r));
		qsort(copy, n, sizeof(*copy), cmp_start);
		t = bench_now_ns() - t0;
		acc += copy[n / 2].start;
		if (t < best_q)
			best_q = t;
	}
	snprintf(name, sizeof(name), "usable ranges, %zu random regions", n);
	bench_emit(ctx, &(struct bench_row){
		.area = "iova", .name = name, .value = (double)best / 1e6, .unit = "ms",
		.baseline = "qsort same regions", .base_value = (double)best_q / 1e6,
		.ratio = best_q ? (double)best / (double)best_q : 0, .ratio_label = "x qsort",
		.target = "<= 1.0 x qsort", .met = best <= best_q });
	bench_emit(ctx, &(struct bench_row){
		.area = "iova", .name = "usable ranges, absolute (10^6 regions)",
		.value = (double)best / 1e6 * (1000000.0 / (double)n), .unit = "ms",
		.target = "< 1000 ms", .met = best / 1e6 * (1000000.0 / (double)n) < 1000 });
	bench_sink(acc);
	free(r);
	free(copy);
	free(out);
	return 0;
}

static int plan_bench(struct bench_ctx *ctx)
{
	const unsigned int n = ctx->quick ? 100000 : 2000000;
	const __u64 pgs = (1ull << 12) | (1ull << 21) | (1ull << 30);
	struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
	uint64_t seed = 0x91a4, chunks = 0, pages = 0, t0, t;
	struct {
		__u64 iova, pa, len;
	} *req = malloc(1024 * sizeof(*req));

	if (!req)
		return 1;
	/* 1024 requests: 4 KiB-aligned addresses in 48 bits, half of them congruent
	 * modulo 1 GiB, lengths up to 8 GiB. */
	for (int i = 0; i < 1024; i++) {
		req[i].iova = xs(&seed) & ((1ull << 47) - 1) & ~0xfffull;
		req[i].pa = (i & 1) ? (req[i].iova & ((1ull << 30) - 1)) | (1ull << 40) :
			    xs(&seed) & ((1ull << 47) - 1) & ~0xfffull;
		req[i].len = ((xs(&seed) % (1ull << 21)) + 1) << 12;
	}
	t0 = bench_now_ns();
	for (unsigned int i = 0; i < n; i++) {
		__u32 nr = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;
		__u64 np;

		if (iommufmt_iova_map_plan(req[i & 1023].iova, req[i & 1023].pa, req[i & 1023].len,
					   pgs, ch, &nr, &np, NULL)) {
			free(req);
			return 1;
		}
		chunks += nr;
		pages += np;
	}
	t = bench_now_ns() - t0;
	bench_emit(ctx, &(struct bench_row){
		.area = "iova", .name = "map-plan chunks (4K/2M/1G, up to 8 GiB)",
		.value = t ? (double)chunks * 1e3 / (double)t : 0, .unit = "Mchunk/s",
		.target = ">= 10 Mchunk/s", .met = t && (double)chunks * 1e3 / (double)t >= 10 });
	bench_emit(ctx, &(struct bench_row){
		.area = "iova", .name = "map-plan requests", .value = t ? (double)n * 1e3 / (double)t : 0,
		.unit = "Mplan/s", .met = -1 });
	bench_sink(pages);
	free(req);
	return 0;
}

static int iova_bench(struct bench_ctx *ctx)
{
	return usable_bench(ctx) | plan_bench(ctx);
}

const struct bench_section bench_iova = {
	.name = "iova",
	.run = iova_bench,
};
