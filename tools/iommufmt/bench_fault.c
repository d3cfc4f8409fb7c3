/* SPDX-License-Identifier: MIT */
/* Benchmark section "fault": native fault records decoded and encoded per second, against memcpy of the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

#define RING 4096	/* records per pass: 128 KiB of 32-byte records, resident in L2 */

/*
 * A sample of @record for the model: a walker fault (a stage-1 read of an
 * absent page) for event and fault-register records, an iommufd page
 * request for page-request records, encoded by the model's own pick. The
 * library chooses the native code; the bench names no model.
 */
static int sample(uint32_t model, uint32_t record, uint32_t i, uint8_t *out, size_t size)
{
	struct iommufmt_fault f = { .argsz = sizeof(f) };

	if (record == IOMMUFMT_FREC_PAGE_REQ) {
		struct iommufmt_iommufd_pgfault r = {
			.flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE,
			.dev_id = 0x10 + (i & 0xff), .pasid = 1 + (i & 0x3ff), .grpid = i & 0x1ff,
			.perm = IOMMUFMT_IOMMUFD_PERM_READ, .addr = (uint64_t)(0x1000 + i) << 12,
		};

		if (iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, NULL) < 0)
			return -1;
	} else {
		struct iommufmt_xlate x = { .iova = (uint64_t)(0x1000 + i) << 12,
					    .fault = IOMMUFMT_FAULT_NOT_PRESENT, .stage = 1 };

		if (iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_READ, &f, NULL))
			return -1;
		f.devid = 0x10 + (i & 0xff);
	}
	return iommufmt_fault_encode(model, record, &f, out, size, NULL) == (int)size ? 0 : -1;
}

/* One row pair (decode, encode) for a model's record type; 0 when it has none. */
static int bench_record(struct bench_ctx *ctx, const struct iommufmt_model_ops *m, uint32_t record,
			const char *what)
{
	const unsigned int passes = ctx->quick ? 20 : 500;
	int size = iommufmt_fault_record_size(m->model, record);
	struct iommufmt_fault *f;
	uint8_t *ring, *copy;
	uint64_t t0, t_dec, t_enc, t_mem, acc = 0;
	char name[80];

	if (size <= 0)
		return 0;
	ring = malloc((size_t)size * RING);
	copy = malloc((size_t)size * RING);
	f = malloc(sizeof(*f) * RING);
	if (!ring || !copy || !f) {
		free(ring);
		free(copy);
		free(f);
		return 1;
	}
	/* every buffer touched before any timing (no first-touch faults in a baseline) */
	memset(copy, 0, (size_t)size * RING);
	for (unsigned int i = 0; i < RING; i++) {
		f[i].argsz = sizeof(f[i]);
		if (sample(m->model, record, i, ring + (size_t)i * size, (size_t)size)) {
			free(ring);
			free(copy);
			free(f);
			return 0;	/* the model cannot build this sample: no row */
		}
	}
	t0 = bench_now_ns();
	for (unsigned int p = 0; p < passes; p++)
		for (unsigned int i = 0; i < RING; i++)
			acc += (uint64_t)iommufmt_fault_decode(m->model, record, ring + (size_t)i * size,
							     (size_t)size, &f[i], NULL);
	t_dec = bench_now_ns() - t0;
	t0 = bench_now_ns();
	for (unsigned int p = 0; p < passes; p++)
		for (unsigned int i = 0; i < RING; i++)
			acc += (uint64_t)iommufmt_fault_encode(m->model, record, &f[i],
							     copy + (size_t)i * size, (size_t)size, NULL);
	t_enc = bench_now_ns() - t0;
	t0 = bench_now_ns();
	for (unsigned int p = 0; p < passes; p++) {
		memcpy(copy, ring, (size_t)size * RING);
		__asm__ volatile("" : : "r"(copy) : "memory");
	}
	t_mem = bench_now_ns() - t0;
	acc += copy[size * (RING - 1)];
	bench_sink(acc);
	{
		const double n = (double)passes * RING;
		const double mem = t_mem ? n * 1e3 / (double)t_mem : 0;
		const double dec = t_dec ? n * 1e3 / (double)t_dec : 0;
		const double enc = t_enc ? n * 1e3 / (double)t_enc : 0;

		snprintf(name, sizeof(name), "decode %s %s (%d B)", m->name, what, size);
		bench_emit(ctx, &(struct bench_row){
			.area = "fault", .name = name, .value = dec, .unit = "Mrec/s",
			.baseline = "memcpy same bytes", .base_value = mem,
			.ratio = mem ? dec / mem : 0, .ratio_label = "of memcpy",
			.target = ">= 100 Mrec/s", .met = dec >= 100 });
		snprintf(name, sizeof(name), "encode %s %s (%d B)", m->name, what, size);
		bench_emit(ctx, &(struct bench_row){
			.area = "fault", .name = name, .value = enc, .unit = "Mrec/s",
			.baseline = "memcpy same bytes", .base_value = mem,
			.ratio = mem ? enc / mem : 0, .ratio_label = "of memcpy", .met = -1 });
	}
	free(ring);
	free(copy);
	free(f);
	return 0;
}

/* Routing a decoded record: the per-record cost of deciding guest or VMM. */
static void bench_route(struct bench_ctx *ctx)
{
	const unsigned int n = ctx->quick ? 200000 : 10000000;
	struct iommufmt_xlate x = { .iova = 0x1000, .fault = IOMMUFMT_FAULT_PERMISSION, .stage = 1 };
	struct iommufmt_fault f[2] = { { .argsz = sizeof(f[0]) }, { .argsz = sizeof(f[1]) } };
	uint64_t t0, t, acc = 0;

	iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_WRITE, &f[0], NULL);
	x.stage = 2;
	iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_READ, &f[1], NULL);
	t0 = bench_now_ns();
	for (unsigned int i = 0; i < n; i++)
		acc += (uint64_t)iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2,
						      &f[i & 1], NULL);
	t = bench_now_ns() - t0;
	bench_sink(acc);
	bench_emit(ctx, &(struct bench_row){
		.area = "fault", .name = "route (nested S1+S2, mixed stages)",
		.value = t ? (double)n * 1e3 / (double)t : 0, .unit = "Mrec/s", .met = -1 });
}

static int fault_bench(struct bench_ctx *ctx)
{
	static const struct {
		uint32_t record;
		const char *what;
	} records[] = {
		{ IOMMUFMT_FREC_EVENT, "event" },
		{ IOMMUFMT_FREC_PAGE_REQ, "page request" },
		{ IOMMUFMT_FREC_FAULT_REG, "fault register" },
	};
	const struct iommufmt_model_ops *models[16];
	size_t nm = iommufmt_model_list(models, 16);
	int err = 0;

	for (size_t i = 0; i < nm && i < 16; i++)
		for (size_t k = 0; k < sizeof(records) / sizeof(records[0]); k++)
			err |= bench_record(ctx, models[i], records[k].record, records[k].what);
	bench_route(ctx);
	return err;
}

const struct bench_section bench_fault = {
	.name = "fault",
	.run = fault_bench,
};
