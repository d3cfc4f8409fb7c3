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

/* Commands per microsecond, i.e. millions per second (0 when the clock did not move). */
static double mcmd_rate(double cmds, uint64_t ns)
{
	return ns ? cmds / (double)ns * 1e3 : 0;
}

/*
 * The guest's ring: NCMDS commands of the everyday mix, one command per
 * entry.  An entry may encode to several commands; the ring is cut at NCMDS.
 */
static int fill_ring(const struct iommufmt_inv_codec *c, unsigned char *ring)
{
	uint64_t rnd = 0x9e3779b97f4a7c15ULL;
	struct iommufmt_diag d;
	unsigned int n = 0;

	iommufmt_diag_init(&d);
	for (unsigned int i = 0; n < NCMDS; i++) {
		struct iommufmt_inv_entry e;
		unsigned char tmp[8 * 32];
		__u32 m = 0;

		/* xorshift64: the same mix on every run, so runs compare */
		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		make_entry(c->cfg.model, i, rnd, &e);
		if (iommufmt_inv_encode(c, &e, tmp, sizeof(tmp), &m, NULL, &d))
			return cli_fail_diag("bench", d.error, "inval", &d);
		for (__u32 j = 0; j < m && n < NCMDS; j++)
			memcpy(ring + (size_t)n++ * c->cmd_size, tmp + j * c->cmd_size, c->cmd_size);
	}
	return 0;
}

/*
 * Encode: the ring decoded once into @ents, then timed back into native
 * commands.  The result must be the ring again byte for byte, or the
 * figure would time a wrong encoder.  *t_enc gets the time.
 */
static int time_encode(const struct iommufmt_inv_codec *c, const char *name,
		       struct iommufmt_inv_entry *ents, const unsigned char *ring, unsigned char *enc,
		       unsigned int reps, uint64_t *acc, uint64_t *t_enc)
{
	const size_t bytes = (size_t)NCMDS * c->cmd_size;
	struct iommufmt_inv_batch b = { .argsz = sizeof(b), .entry_len = sizeof(*ents),
					.entry_num = NCMDS, .entries_uptr = (uintptr_t)ents };
	struct iommufmt_diag d;
	size_t used;
	uint64_t t0;

	iommufmt_diag_init(&d);
	if (iommufmt_inv_decode_array(c, ring, bytes, &b, &d))
		return cli_fail_diag("bench", d.error, "inval", &d);
	t0 = cpu_ns();
	for (unsigned int r = 0; r < reps; r++) {
		/* a fresh batch each time: the call may write entry_num back */
		struct iommufmt_inv_batch eb = { .argsz = sizeof(eb), .entry_len = sizeof(*ents),
						 .entry_num = NCMDS, .entries_uptr = (uintptr_t)ents };

		if (iommufmt_inv_batch_encode(c, &eb, enc, bytes, &used, NULL, &d))
			return cli_fail_diag("bench", d.error, "inval", &d);
		*acc += enc[used - 1];
	}
	*t_enc = cpu_ns() - t0;
	if (memcmp(enc, ring, bytes))
		return cli_error("bench", "inval %s: re-encoded ring differs from the original", name);
	return 0;
}

/* The three in-cache rows: decode rate, decode bandwidth, encode rate, each against memcpy. */
static void emit_cached_rows(struct bench_ctx *ctx, const struct iommufmt_inv_codec *c,
			     double dec_rate, double mem_rate, double enc_rate)
{
	char row[64], row2[64], row3[64];

	snprintf(row, sizeof(row), "decode %s (%u B cmds, cpu time)", c->model->name, c->cmd_size);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row, .value = dec_rate, .unit = "Mcmd/s",
		.baseline = "memcpy cmds", .base_value = mem_rate,
		.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
		.target = ">= 100 Mcmd/s", .met = dec_rate >= 100 });
	snprintf(row2, sizeof(row2), "decode %s bandwidth", c->model->name);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row2, .value = dec_rate * c->cmd_size / 1e3, .unit = "GB/s",
		.baseline = "memcpy", .base_value = mem_rate * c->cmd_size / 1e3,
		.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
		.target = ">= 0.2 of memcpy", .met = mem_rate && dec_rate / mem_rate >= 0.2 });
	snprintf(row3, sizeof(row3), "encode %s", c->model->name);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row3, .value = enc_rate, .unit = "Mcmd/s",
		.baseline = "memcpy cmds", .base_value = mem_rate,
		.ratio = mem_rate ? enc_rate / mem_rate : 0, .ratio_label = "of memcpy", .met = -1 });
}

/* A ring far bigger than the caches: decode streams it like memcpy does. */
static int bench_big_ring(struct bench_ctx *ctx, const struct iommufmt_inv_codec *c,
			  const unsigned char *ring, struct iommufmt_inv_entry *chunk, uint64_t *acc)
{
	const size_t bytes = (size_t)NCMDS * c->cmd_size, bb = (size_t)BIG * c->cmd_size;
	unsigned char *big = malloc(bb), *bigcopy = malloc(bb);
	double dec_rate, mem_rate;
	uint64_t t0, t_dec, t_mem;
	char row[64];
	int rc = 1;

	if (!big || !bigcopy)
		goto out;
	for (size_t off = 0; off < bb; off += bytes)
		memcpy(big + off, ring, bytes);
	/* touch the copy's pages first: a page fault is not memcpy's bandwidth */
	memset(bigcopy, 0, bb);
	t0 = cpu_ns();
	if (decode_ring(c, big, BIG, 3, chunk, acc))
		goto out;
	t_dec = cpu_ns() - t0;
	t_mem = copy_ns(bigcopy, big, bb, 3, acc);
	dec_rate = mcmd_rate(3.0 * BIG, t_dec);
	mem_rate = mcmd_rate(3.0 * BIG, t_mem);
	snprintf(row, sizeof(row), "decode %s, %zu MiB ring, bandwidth", c->model->name, bb >> 20);
	bench_emit(ctx, &(struct bench_row){
		.area = "inval", .name = row, .value = dec_rate * c->cmd_size / 1e3, .unit = "GB/s",
		.baseline = "memcpy", .base_value = mem_rate * c->cmd_size / 1e3,
		.ratio = mem_rate ? dec_rate / mem_rate : 0, .ratio_label = "of memcpy",
		.target = ">= 0.2 of memcpy", .met = mem_rate && dec_rate / mem_rate >= 0.2 });
	rc = 0;
out:
	free(big);
	free(bigcopy);
	return rc;
}

static int bench_model(struct bench_ctx *ctx, const char *name)
{
	const unsigned int reps = ctx->quick ? 20 : 400;
	struct iommufmt_inv_codec c;
	struct iommufmt_inv_entry *ents = NULL, *chunk = NULL;
	unsigned char *ring = NULL, *copy = NULL, *enc = NULL;
	uint64_t t0, t_dec, t_mem, t_enc = 0, acc = 0;
	double ns;
	int rc = 1;

	if (inval_codec("bench", name, NULL, false, -1, -1, &c))
		return 1;
	ents = calloc(NCMDS, sizeof(*ents));
	chunk = calloc(CHUNK, sizeof(*chunk));
	ring = calloc(NCMDS, c.cmd_size);
	copy = calloc(NCMDS, c.cmd_size);
	enc = calloc(NCMDS, c.cmd_size);
	if (!ents || !chunk || !ring || !copy || !enc || fill_ring(&c, ring))
		goto out;
	/* decode: the ring from head to tail, CHUNK entries at a time, as a VMM would */
	t0 = cpu_ns();
	if (decode_ring(&c, ring, NCMDS, reps, chunk, &acc))
		goto out;
	t_dec = cpu_ns() - t0;
	/* baseline: copying the same bytes */
	t_mem = copy_ns(copy, ring, (size_t)NCMDS * c.cmd_size, reps, &acc);
	if (time_encode(&c, name, ents, ring, enc, reps, &acc, &t_enc))
		goto out;
	ns = (double)reps * NCMDS;
	emit_cached_rows(ctx, &c, mcmd_rate(ns, t_dec), mcmd_rate(ns, t_mem), mcmd_rate(ns, t_enc));
	if (!ctx->quick && bench_big_ring(ctx, &c, ring, chunk, &acc))
		goto out;
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
