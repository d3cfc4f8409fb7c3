/* SPDX-License-Identifier: MIT */
/* Benchmark section "core": argsz copy-in and capability-chain checks against memcpy. */
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

static int core_bench(struct bench_ctx *ctx)
{
	const unsigned n = ctx->quick ? 200000 : 5000000;
	struct iommufmt_hw_info src[4], dst;
	struct iommufmt_caps *caps = iommufmt_caps_new();
	struct iommufmt_iova_range rg[4] = { { 0, 0xfff }, { 0x2000, 0x2fff },
					     { 0x4000, 0x4fff }, { 0x8000, 0xffff } };
	unsigned char *buf;
	uint64_t t0, t_copy, t_memcpy, t_chain, acc = 0;
	struct iommufmt_hw_info hi = { .argsz = sizeof(hi) };
	size_t need;

	if (!caps)
		return 1;
	memset(src, 0, sizeof(src));
	for (int i = 0; i < 4; i++)
		src[i].argsz = sizeof(src[i]) - (unsigned)(i & 1) * 4;

	t0 = bench_now_ns();
	for (unsigned i = 0; i < n; i++) {
		acc += (uint64_t)iommufmt_struct_copy_in(&dst, sizeof(dst), IOMMUFMT_HW_INFO_SIZE_VER0,
							 &src[i & 3], src[i & 3].argsz, NULL);
		acc += dst.argsz;
	}
	t_copy = bench_now_ns() - t0;
	t0 = bench_now_ns();
	for (unsigned i = 0; i < n; i++) {
		memcpy(&dst, &src[i & 3], sizeof(dst));
		__asm__ volatile("" : : "r"(&dst) : "memory");
		acc += dst.argsz;
	}
	t_memcpy = bench_now_ns() - t0;
	bench_emit(ctx, &(struct bench_row){
		.area = "core", .name = "struct_copy_in (24 B, mixed argsz)",
		.value = (double)t_copy / n, .unit = "ns/op", .baseline = "memcpy 24 B",
		.base_value = (double)t_memcpy / n,
		.ratio = t_memcpy ? (double)t_copy / (double)t_memcpy : 0,
		.ratio_label = "x memcpy", .met = -1 });

	iommufmt_caps_add_iova_ranges(caps, rg, 4, NULL);
	iommufmt_caps_add(caps, 100, 1, rg, sizeof(rg));
	iommufmt_caps_add_iova_ranges(caps, rg, 4, NULL);
	need = sizeof(hi) + iommufmt_caps_size(caps) + 8;
	buf = calloc(1, need);
	if (!buf) {
		iommufmt_caps_free(caps);
		return 1;
	}
	iommufmt_caps_emit(caps, buf, need, &hi, sizeof(hi),
			   offsetof(struct iommufmt_hw_info, cap_offset), IOMMUFMT_HW_INFO_FLAGS_CAPS);
	memcpy(&hi, buf, sizeof(hi));
	t0 = bench_now_ns();
	for (unsigned i = 0; i < n / 4; i++)
		acc += (uint64_t)iommufmt_caps_check(buf, need, sizeof(hi), hi.cap_offset, NULL);
	t_chain = bench_now_ns() - t0;
	bench_emit(ctx, &(struct bench_row){
		.area = "core", .name = "caps_check (3 capabilities)",
		.value = (double)t_chain / (n / 4), .unit = "ns/op", .met = -1 });
	bench_sink(acc);
	free(buf);
	iommufmt_caps_free(caps);
	return 0;
}

const struct bench_section bench_core = {
	.name = "core",
	.run = core_bench,
};
