/* SPDX-License-Identifier: MIT */
/* Benchmark section "inval": decode and encode throughput per model against memcpy of the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tools/iommufmt/inval_cli.h"

#define NCMDS 4096	/* commands in the guest ring */
#define CHUNK 256	/* entries the VMM decodes into at a time */
#define BIG (1u << 21)	/* commands of a ring too big for the caches (32 or 48 MiB) */

/*
 * This section times with the thread's CPU clock, figures and baselines
 * alike: the machines it runs on are shared, and other processes' load
 * otherwise shows up as this library's time.
 */
static uint64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Decode @n commands of @ring (a host ring) @reps times, CHUNK entries at a time. */
static int decode_ring(const struct iommufmt_inv_codec *c, const unsigned char *ring, unsigned int n,
		       unsigned int reps, struct iommufmt_inv_entry *chunk, uint64_t *acc)
{
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	for (unsigned int r = 0; r < reps; r++) {
		struct iommufmt_inv_queue q = { .argsz = sizeof(q), .flags = IOMMUFMT_INV_QUEUE_F_HOST |
						IOMMUFMT_INV_QUEUE_F_WRAP, .base = (uintptr_t)ring,
						.size = n, .entry_size = c->cmd_size, .head = 0, .tail = n };

		while (q.head != q.tail) {
			struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(*chunk),
							.entry_num = CHUNK,
							.entries_uptr = (uintptr_t)chunk };

			if (iommufmt_inv_queue_decode(c, NULL, &q, &b, &d)) {
				cli_fail_diag("bench", d.error, "inval", &d);
				return 1;
			}
			*acc += chunk[b.entry_num - 1].addr;
		}
	}
	return 0;
}

/* Copy @bytes of @src @reps times: the baseline. */
static uint64_t copy_ns(unsigned char *dst, const unsigned char *src, size_t bytes, unsigned int reps,
			uint64_t *acc)
{
	uint64_t t0 = cpu_ns();

	for (unsigned int r = 0; r < reps; r++) {
		memcpy(dst, src, bytes);
		__asm__ volatile("" : : "r"(dst) : "memory");
		*acc += dst[r % bytes];
	}
	return cpu_ns() - t0;
}

/* A mix of everyday commands: page ranges, whole-domain flushes, ATC and config, syncs. */
static void make_entry(__u32 model, unsigned int i, uint64_t rnd, struct iommufmt_inv_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->argsz = sizeof(*e);
	switch (i % 8) {
	case 0: case 1: case 2: case 3:
		e->caches = IOMMUFMT_INV_CACHE_IOTLB;
		e->granularity = IOMMUFMT_INV_GRAN_ADDR;
		e->granule = 12;
		e->addr = (rnd & 0xfffffff) << 12;
		e->nr_granules = 1;
		e->flags = IOMMUFMT_INV_F_LEAF;
		if (model == IOMMUFMT_MODEL_S390) {
			e->flags |= IOMMUFMT_INV_F_SID;
			e->sid = (uint32_t)(rnd >> 40);
		} else {
			e->flags |= IOMMUFMT_INV_F_ARCHID;
			e->archid = (uint32_t)(rnd >> 48) & 0xff;
		}
		return;
	case 4:
		if (model != IOMMUFMT_MODEL_S390) {
			e->caches = IOMMUFMT_INV_CACHE_IOTLB;
			e->granularity = IOMMUFMT_INV_GRAN_DOMAIN;
			e->flags = IOMMUFMT_INV_F_ARCHID;
			e->archid = (uint32_t)(rnd >> 48) & 0xff;
			return;
		}
		break;
	case 5:
		if (model != IOMMUFMT_MODEL_S390) {
			e->caches = IOMMUFMT_INV_CACHE_DEV_IOTLB;
			e->granularity = IOMMUFMT_INV_GRAN_ADDR;
			e->flags = IOMMUFMT_INV_F_SID;
			e->sid = (uint32_t)(rnd >> 48);
			e->granule = 12;
			e->addr = (rnd & 0xfffff) << 12;
			e->nr_granules = 1;
			return;
		}
		break;
	case 6:
		if (model != IOMMUFMT_MODEL_S390) {
			e->op = IOMMUFMT_INV_OP_SYNC;
			e->flags = IOMMUFMT_INV_F_SYNC_STORE;
			e->addr = 0x9000;
			e->data = i;
			return;
		}
		break;
	}
	/* s390 and the rest: another page range (RPCIT with the function handle) */
	e->caches = IOMMUFMT_INV_CACHE_IOTLB;
	e->granularity = IOMMUFMT_INV_GRAN_ADDR;
	e->granule = 12;
	e->addr = (rnd & 0xffffff) << 12;
	e->nr_granules = 1 + (rnd >> 60);
	if (model == IOMMUFMT_MODEL_S390) {
		e->flags = IOMMUFMT_INV_F_SID;
		e->sid = (uint32_t)(rnd >> 40);
	} else {
		e->flags = IOMMUFMT_INV_F_ARCHID;
		e->archid = (uint32_t)(rnd >> 48) & 0xff;
	}
}

static int bench_model(struct bench_ctx *ctx, const char *name)
{
	const unsigned int reps = ctx->quick ? 20 : 400;
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry *ents = NULL, *chunk = NULL;
	unsigned char *ring = NULL, *copy = NULL, *enc = NULL;
	struct iommufmt_diag d;
	uint64_t rnd = 0x9e3779b97f4a7c15ULL, t0, t_dec, t_mem, t_enc, acc = 0;
	size_t bytes, used;
	unsigned int n = 0;
	double dec_rate, mem_rate, enc_rate, ns;
	char row[64], row2[64], row3[64];
	int rc = 1;

	if (inval_codec("bench", name, NULL, false, -1, -1, &c))
		return 1;
	iommufmt_diag_init(&d);
	ents = calloc(NCMDS, sizeof(*ents));
	chunk = calloc(CHUNK, sizeof(*chunk));
	ring = calloc(NCMDS, c.cmd_size);
	copy = calloc(NCMDS, c.cmd_size);
	enc = calloc(NCMDS, c.cmd_size);
	if (!ents || !chunk || !ring || !copy || !enc)
		goto out;
	/* the guest's ring: NCMDS commands of the everyday mix, one command per entry */
	for (unsigned int i = 0; n < NCMDS; i++) {
		struct iommufmt_inv_entry e;
		unsigned char tmp[8 * 32];
		__u32 m = 0;

		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		make_entry(c.cfg.model, i, rnd, &e);
		if (iommufmt_inv_encode(&c, &e, tmp, sizeof(tmp), &m, NULL, &d)) {
			cli_fail_diag("bench", d.error, "inval", &d);
			goto out;
		}
		for (__u32 j = 0; j < m && n < NCMDS; j++)
			memcpy(ring + (size_t)n++ * c.cmd_size, tmp + j * c.cmd_size, c.cmd_size);
	}
	bytes = (size_t)NCMDS * c.cmd_size;

	/* decode: the ring from head to tail, CHUNK entries at a time, as a VMM would */
	t0 = cpu_ns();
	if (decode_ring(&c, ring, NCMDS, reps, chunk, &acc))
		goto out;
	t_dec = cpu_ns() - t0;
	/* baseline: copying the same bytes */
	t_mem = copy_ns(copy, ring, bytes, reps, &acc);
	/* encode: the decoded entries back into native commands */
	{
		struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(*ents),
						.entry_num = NCMDS, .entries_uptr = (uintptr_t)ents };

		if (iommufmt_inv_decode_array(&c, ring, bytes, &b, &d)) {
			cli_fail_diag("bench", d.error, "inval", &d);
			goto out;
		}
	}
	t0 = cpu_ns();
	for (unsigned int r = 0; r < reps; r++) {
		struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(*ents),
						.entry_num = NCMDS, .entries_uptr = (uintptr_t)ents };

		if (iommufmt_inv_batch_encode(&c, &b, enc, bytes, &used, NULL, &d)) {
			cli_fail_diag("bench", d.error, "inval", &d);
			goto out;
		}
		acc += enc[used - 1];
	}
	t_enc = cpu_ns() - t0;
	if (memcmp(enc, ring, bytes)) {
		cli_error("bench", "inval %s: re-encoded ring differs from the original", name);
		goto out;
	}
	ns = (double)reps * NCMDS;
	dec_rate = t_dec ? ns / (double)t_dec * 1e3 : 0;	/* Mcmd/s */
	mem_rate = t_mem ? ns / (double)t_mem * 1e3 : 0;
	enc_rate = t_enc ? ns / (double)t_enc * 1e3 : 0;
	snprintf(row, sizeof(row), "decode %s (%u B cmds, cpu time)", c.model->name, c.cmd_size);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row, .value = dec_rate, .unit = "Mcmd/s",
		.baseline = "memcpy cmds", .base_value = mem_rate,
		.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
		.target = ">= 100 Mcmd/s", .met = dec_rate >= 100 });
	snprintf(row2, sizeof(row2), "decode %s bandwidth", c.model->name);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row2, .value = dec_rate * c.cmd_size / 1e3, .unit = "GB/s",
		.baseline = "memcpy", .base_value = mem_rate * c.cmd_size / 1e3,
		.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
		.target = ">= 0.2 of memcpy", .met = mem_rate && dec_rate / mem_rate >= 0.2 });
	snprintf(row3, sizeof(row3), "encode %s", c.model->name);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row3, .value = enc_rate, .unit = "Mcmd/s",
		.baseline = "memcpy cmds", .base_value = mem_rate,
		.ratio = mem_rate ? enc_rate / mem_rate : 0, .ratio_label = "of memcpy", .met = -1 });
	/* a ring far bigger than the caches: decode streams it like memcpy does */
	if (!ctx->quick) {
		unsigned char *big = malloc((size_t)BIG * c.cmd_size);
		unsigned char *bigcopy = malloc((size_t)BIG * c.cmd_size);
		size_t bb = (size_t)BIG * c.cmd_size;

		if (!big || !bigcopy) {
			free(big);
			free(bigcopy);
			goto out;
		}
		for (size_t off = 0; off < bb; off += bytes)
			memcpy(big + off, ring, bytes);
		memset(bigcopy, 0, bb);
		t0 = cpu_ns();
		if (decode_ring(&c, big, BIG, 3, chunk, &acc)) {
			free(big);
			free(bigcopy);
			goto out;
		}
		t_dec = cpu_ns() - t0;
		t_mem = copy_ns(bigcopy, big, bb, 3, &acc);
		free(big);
		free(bigcopy);
		ns = 3.0 * BIG;
		dec_rate = t_dec ? ns / (double)t_dec * 1e3 : 0;
		mem_rate = t_mem ? ns / (double)t_mem * 1e3 : 0;
		snprintf(row, sizeof(row), "decode %s, %zu MiB ring, bandwidth", c.model->name, bb >> 20);
		bench_emit(ctx, &(struct bench_row){
			.area = "inval", .name = row, .value = dec_rate * c.cmd_size / 1e3, .unit = "GB/s",
			.baseline = "memcpy", .base_value = mem_rate * c.cmd_size / 1e3,
			.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
			.target = ">= 0.2 of memcpy", .met = mem_rate && dec_rate / mem_rate >= 0.2 });
	}
	bench_sink(acc);
	rc = 0;
out:
	free(ents);
	free(chunk);
	free(ring);
	free(copy);
	free(enc);
	return rc;
}

static int inval_bench(struct bench_ctx *ctx)
{
	static const char *const models[] = { "intel", "amd", "smmuv3", "s390" };
	int failed = 0;

	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		failed |= bench_model(ctx, models[i]);
	return failed;
}

const struct bench_section bench_inval = {
	.name = "inval",
	.run = inval_bench,
};
