/* SPDX-License-Identifier: MIT */
/* Benchmark section "pgtable": translate (hot, cold, batched) and range walks vs same-run baselines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "tools/iommufmt/cli.h"

/*
 * Per format configuration, with the public API only:
 * - translate.hot: one translation after another, each depending on the
 *   previous result, over tables of about half a MiB (in L2); baseline: a
 *   pointer chase through the very entries those walks read (recorded by a
 *   logging guest memory), in the same order, one dependent load each. So
 *   both make the same number of dependent loads, at the same host
 *   addresses (the tables stay where the walks read them). What the chase
 *   does not do is the walk's work: decoding and checking each entry, the
 *   region check of each read, and handing the result back in memory (the
 *   next translation's input depends on the previous one's pa, read back
 *   from struct iommufmt_xlate), which is the cost being measured. Beside
 *   the entries, the chase streams its address list (8 bytes per load) and
 *   the walks their IOVAs (8 bytes per translation): sequential reads off
 *   the dependency chain, which can only slow the baseline.
 * - translate.cold / batch.cold: random addresses over far more tables than
 *   the last-level cache holds (256 MiB; --quick: 24 MiB; the caches are
 *   flushed by reading 128 MiB before each run), independent single
 *   translations versus iommufmt_pgtable_translate_batch().
 * - walk.scan: a whole-range walk of those tables, in bytes of table per
 *   second, next to a sequential read of the same bytes; walk.dense: time
 *   per leaf over fully populated leaf tables.
 */

struct pt_bench_cfg {
	const char *label;
	const char *format;
	__u32 levels, flags, granule, ias, oas, sl0, top;
	__u64 page;		/* smallest page */
	__u64 leaf_span;	/* input span of one leaf table */
	__u64 cold_stride;	/* IOVA step between cold mappings */
};

static const struct pt_bench_cfg configs[] = {
	{ "x86-64 4-level", "x86-64", 4, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "x86-64 5-level", "x86-64", 5, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "vtd-ss 3-level", "vtd-ss", 3, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 23 },
	{ "vtd-ss 4-level", "vtd-ss", 4, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "vtd-ss 5-level", "vtd-ss", 5, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "amd-v1 3-level", "amd-v1", 3, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 23 },
	{ "amd-v1 4-level", "amd-v1", 4, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "amd-v1 6-level", "amd-v1", 6, 0, 0, 0, 0, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "arm-lpae-s1 4K", "arm-lpae-s1", 0, 0, 12, 48, 48, 0, 0, 1ULL << 12, 1ULL << 21, 1ULL << 30 },
	{ "arm-lpae-s1 16K", "arm-lpae-s1", 0, 0, 14, 48, 48, 0, 0, 1ULL << 14, 1ULL << 25, 1ULL << 30 },
	{ "arm-lpae-s1 64K", "arm-lpae-s1", 0, 0, 16, 48, 48, 0, 0, 1ULL << 16, 1ULL << 29, 1ULL << 29 },
	{ "arm-lpae-s2 4K", "arm-lpae-s2", 0, 0, 12, 40, 48, 1, 0, 1ULL << 12, 1ULL << 21, 1ULL << 24 },
	{ "arm-lpae-s2 16K", "arm-lpae-s2", 0, 0, 14, 40, 48, 2, 0, 1ULL << 14, 1ULL << 25, 1ULL << 25 },
	{ "arm-lpae-s2 64K", "arm-lpae-s2", 0, 0, 16, 42, 48, 1, 0, 1ULL << 16, 1ULL << 29, 1ULL << 29 },
	{ "s390-dat RS", "s390-dat", 0, 0, 0, 0, 0, 0, IOMMUFMT_S390_TOP_RS, 1ULL << 12, 1ULL << 20, 1ULL << 31 },
};

#define ARENA_GPA	0x100000000ULL
#define NHOT		4096		/* power of two */
#define MAX_LOADS	8
#define HOT_REPS	9		/* short runs, alternating walk and chase */

static volatile uint64_t opaque_zero;	/* 0, but the compiler cannot know */

struct logmem {
	const uint8_t *host;
	uint64_t gpa, size;
	const uint8_t **addrs;
	size_t n, cap;
};

/* A guest memory that serves the arena through the callback and logs every read. */
static int log_access(void *opaque, __u64 gpa, void *buf, size_t len, int write)
{
	struct logmem *l = opaque;

	if (write || gpa < l->gpa || gpa - l->gpa > l->size || l->size - (gpa - l->gpa) < len)
		return -EFAULT;
	if (l->n < l->cap)
		l->addrs[l->n++] = l->host + (gpa - l->gpa);
	memcpy(buf, l->host + (gpa - l->gpa), len);
	return 0;
}

static int count_leaf(void *opaque, const struct iommufmt_xlate *rec)
{
	(void)rec;
	++*(uint64_t *)opaque;
	return 0;
}

/*
 * This thread's CPU time: the machine may be shared, and time spent
 * descheduled is not the walker's. Each figure is the best of several runs.
 */
static uint64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double best_of(const double *v, int n)
{
	double m = v[0];

	for (int i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

static double best3(double a, double b, double c)
{
	double m = a < b ? a : b;

	return m < c ? m : c;
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void row(struct bench_ctx *ctx, const char *name, const char *label, double value,
		const char *unit, const char *baseline, double base, double ratio,
		const char *ratio_label, const char *target, int met)
{
	char full[160];

	snprintf(full, sizeof(full), "%s %s", name, label);
	bench_emit(ctx, &(struct bench_row){
		.area = "pgtable", .name = full, .value = value, .unit = unit,
		.baseline = baseline, .base_value = base, .ratio = ratio,
		.ratio_label = ratio_label, .target = target, .met = met });
}

static int setup(const struct pt_bench_cfg *bc, struct iommufmt_pgtable *pt,
		 struct iommufmt_pgtable_arena *arena)
{
	const struct iommufmt_pgtable_ops *ops = iommufmt_pgtable_by_name(bc->format);
	struct iommufmt_pgtable_cfg cfg;

	if (!ops)
		return -ENOENT;
	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.format = ops->format;
	cfg.levels = bc->levels;
	cfg.flags = bc->flags;
	cfg.granule = bc->granule;
	cfg.ias = bc->ias;
	cfg.oas = bc->oas;
	cfg.sl0 = bc->sl0;
	cfg.top = bc->top;
	arena->used = 0;
	if (iommufmt_pgtable_alloc_root(&cfg, arena, NULL))
		return -EOPNOTSUPP;
	return iommufmt_pgtable_prepare(pt, &cfg, NULL);
}

/* A guest memory of one region: the arena's bytes in use, at its guest-physical address. */
static void arena_gmem(const struct iommufmt_pgtable_arena *arena, struct iommufmt_gmem_region *reg,
		       struct iommufmt_gmem *gmem)
{
	*reg = (struct iommufmt_gmem_region){ arena->gpa, arena->used, arena->host, 0, 0 };
	*gmem = (struct iommufmt_gmem){ reg, 1, 0, NULL, NULL };
}

/* Hot translations, dependent on each other, next to a chase of the same loads. */
static int bench_hot(struct bench_ctx *ctx, const struct pt_bench_cfg *bc,
		     struct iommufmt_pgtable_arena *arena)
{
	const __u32 prot = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER;
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem, lg;
	struct logmem log;
	__u64 *iovas = malloc(NHOT * sizeof(*iovas));
	const uint8_t **addrs = malloc(NHOT * MAX_LOADS * sizeof(*addrs));
	const unsigned rounds = ctx->quick ? 8 : 40;
	uint64_t seed = 0x1234567, zero = opaque_zero, acc = 0;
	double t_hot[HOT_REPS], t_chase[HOT_REPS];
	int r = -ENOMEM;

	if (!iovas || !addrs || setup(bc, &pt, arena))
		goto out;
	/* 128 leaf tables with 8 pages each */
	for (uint64_t k = 0; k < 128; k++)
		for (uint64_t j = 0; j < 8; j++)
			if (iommufmt_pgtable_map(&pt, arena, k * bc->leaf_span * 3 + j * 5 * bc->page,
						 0x40000000ULL + (k * 8 + j) * bc->page, bc->page, prot,
						 NULL))
				goto out;
	for (unsigned i = 0; i < NHOT; i++) {
		uint64_t k = rng_next(&seed) % 128, j = rng_next(&seed) % 8;

		iovas[i] = k * bc->leaf_span * 3 + j * 5 * bc->page + rng_next(&seed) % bc->page;
	}
	arena_gmem(arena, &reg, &gmem);
	log = (struct logmem){ arena->host, arena->gpa, arena->used, addrs, 0, NHOT * MAX_LOADS };
	lg = (struct iommufmt_gmem){ NULL, 0, 0, log_access, &log };
	for (unsigned i = 0; i < NHOT; i++) {
		struct iommufmt_xlate x;

		iommufmt_pgtable_translate(&pt, &lg, iovas[i], IOMMUFMT_ACCESS_READ, &x);
		if (x.fault)
			goto out;
	}
	if (log.n >= log.cap)
		goto out;	/* a full log would make the chase shorter than the walks */
	for (int rep = 0; rep < HOT_REPS; rep++) {
		uint64_t t0, dep = 0, v = 0;

		t0 = cpu_ns();
		for (unsigned i = 0; i < rounds * NHOT; i++) {
			struct iommufmt_xlate x;

			/* each translation waits for the previous result, as the chase does */
			iommufmt_pgtable_translate(&pt, &gmem, iovas[i & (NHOT - 1)] + dep,
					   IOMMUFMT_ACCESS_READ, &x);
			dep = x.pa & zero;
			acc += x.pa;
		}
		t_hot[rep] = (double)(cpu_ns() - t0) / (rounds * NHOT);
		t0 = cpu_ns();
		for (unsigned rr = 0; rr < rounds; rr++)
			for (size_t i = 0; i < log.n; i++) {
				v = *(const uint64_t *)(const void *)(addrs[i] + (v & zero));
				acc += v;
			}
		t_chase[rep] = (double)(cpu_ns() - t0) / (rounds * NHOT);
	}
	bench_sink(acc);
	{
		double h = best_of(t_hot, HOT_REPS);
		double c = best_of(t_chase, HOT_REPS);
		char base[48];

		snprintf(base, sizeof(base), "chase %.2g loads", (double)log.n / NHOT);
		row(ctx, "translate.hot", bc->label, h, "ns/op", base, c, c > 0 ? h / c : 0,
		    "x chase", "<= 1.5", c > 0 && h / c <= 1.5);
	}
	r = 0;
out:
	free(iovas);
	free(addrs);
	return r;
}

/* Read a buffer twice the size of the last-level cache: what was cached is gone. */
static uint64_t evict(const uint64_t *ev, size_t bytes)
{
	uint64_t s = 0;

	for (size_t i = 0; i < bytes / 8; i += 8)
		s += ev[i];
	return s;
}

/* The cold tables of one configuration, and the times measured over them (three runs each). */
struct cold_run {
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	__u64 *iovas;
	struct iommufmt_xlate *out;
	size_t nio, chunk;
	uint64_t nmap, bytes, leaves, acc;
	double ts[3], tb[3], tw[3], tq[3];	/* single, batch, walk, sequential read */
};

/*
 * cold, step 1: map eight pages per leaf table, on eight cache lines, so the
 * lines the walks touch (not only the table pages) far exceed the cache;
 * until the tables reach @target_bytes. Gives the number of leaf tables.
 */
static uint64_t cold_populate(const struct pt_bench_cfg *bc, struct cold_run *c,
			      struct iommufmt_pgtable_arena *arena, uint64_t target_bytes)
{
	const __u32 prot = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER;
	uint64_t nmap = 0;

	while (arena->used < target_bytes && nmap < (1u << 20)) {
		uint64_t j;

		for (j = 0; j < 8; j++)
			if (iommufmt_pgtable_map(&c->pt, arena,
						 nmap * bc->cold_stride + j * 8 * bc->page,
						 0x80000000ULL + (nmap * 8 + j) * bc->page, bc->page,
						 prot, NULL))
				break;
		if (j < 8)
			break;
		nmap++;
	}
	return nmap;
}

/* cold, step 2: random IOVAs, each in one of the mapped pages. */
static void cold_iovas(const struct pt_bench_cfg *bc, struct cold_run *c)
{
	uint64_t seed = 0x9876543;

	for (size_t i = 0; i < c->nio; i++)
		c->iovas[i] = (rng_next(&seed) % c->nmap) * bc->cold_stride +
			      (rng_next(&seed) % 8) * 8 * bc->page + rng_next(&seed) % bc->page;
}

/* The baseline of walk.scan: a sequential read of @bytes at @p, four sums in flight. */
static uint64_t seq_read(const uint64_t *p, uint64_t bytes)
{
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;

	for (size_t i = 0; i + 4 <= bytes / 8; i += 4) {
		s0 += p[i];
		s1 += p[i + 1];
		s2 += p[i + 2];
		s3 += p[i + 3];
	}
	return s0 + s1 + s2 + s3;
}

/*
 * cold, step 3 (run @rep): single and batched translations, a range walk, a
 * sequential read. The timed loops work on locals, as they did inline.
 */
static int cold_rep(struct cold_run *c, const struct iommufmt_pgtable_arena *arena,
		    const uint64_t *ev, size_t evsize, int rep)
{
	const size_t nio = c->nio, chunk = c->chunk;
	const __u64 *iovas = c->iovas;
	struct iommufmt_xlate *out = c->out;
	uint64_t t0, acc = 0;

	acc += evict(ev, evsize);
	t0 = cpu_ns();

	for (size_t i = 0; i < nio; i++) {
		iommufmt_pgtable_translate(&c->pt, &c->gmem, iovas[i], IOMMUFMT_ACCESS_READ, out);
		acc += out->pa;
	}
	c->ts[rep] = (double)(cpu_ns() - t0) / nio;
	acc += evict(ev, evsize);
	t0 = cpu_ns();
	for (size_t i = 0; i < nio; i += chunk) {
		iommufmt_pgtable_translate_batch(&c->pt, &c->gmem, iovas + i, chunk,
						 IOMMUFMT_ACCESS_READ, out);
		acc += out[chunk - 1].pa;
	}
	c->tb[rep] = (double)(cpu_ns() - t0) / nio;
	c->leaves = 0;
	acc += evict(ev, evsize);
	t0 = cpu_ns();
	if (iommufmt_pgtable_walk_range(&c->pt, &c->gmem, 0, ~0ULL, 0, count_leaf, &c->leaves))
		return -1;
	c->tw[rep] = (double)(cpu_ns() - t0);
	acc += evict(ev, evsize);
	t0 = cpu_ns();
	acc += seq_read(arena->host, c->bytes);
	c->tq[rep] = (double)(cpu_ns() - t0);
	c->acc += acc;
	return 0;
}

/* cold, step 4: the rows translate.cold, batch.cold, walk.scan and walk.sparse (best runs). */
static void cold_rows(struct bench_ctx *ctx, const struct pt_bench_cfg *bc,
		      const struct cold_run *c)
{
	double s = best3(c->ts[0], c->ts[1], c->ts[2]), b = best3(c->tb[0], c->tb[1], c->tb[2]);
	double w = best3(c->tw[0], c->tw[1], c->tw[2]), q = best3(c->tq[0], c->tq[1], c->tq[2]);
	double wbw = w > 0 ? c->bytes / w : 0, qbw = q > 0 ? c->bytes / q : 0;
	char lab[96];

	snprintf(lab, sizeof(lab), "%s (%llu MiB)", bc->label,
		 (unsigned long long)(c->bytes >> 20));
	row(ctx, "translate.cold", lab, s, "ns/op", NULL, 0, 0, NULL, NULL, -1);
	row(ctx, "batch.cold", lab, b, "ns/op", "cold single", s, b > 0 ? s / b : 0,
	    "x single", ">= 3", b > 0 && s / b >= 3);
	row(ctx, "walk.scan", lab, wbw, "GB/s", "seq read", qbw, qbw > 0 ? wbw / qbw : 0,
	    "of seq", ">= 0.5", qbw > 0 && wbw / qbw >= 0.5);
	row(ctx, "walk.sparse", lab, c->leaves ? w / c->leaves : 0, "ns/leaf", NULL, 0, 0, NULL,
	    NULL, -1);
}

/* cold, step 5: walk.dense, leaf tables full of pages (pa one page off: no larger pages). */
static int bench_dense(struct bench_ctx *ctx, const struct pt_bench_cfg *bc,
		       struct iommufmt_pgtable_arena *arena)
{
	const __u32 prot = IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_USER;
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem_region reg;
	struct iommufmt_gmem gmem;
	uint64_t leaves = 0;
	double td[3];

	if (setup(bc, &pt, arena) ||
	    iommufmt_pgtable_map(&pt, arena, 0, bc->page, bc->leaf_span * (ctx->quick ? 4 : 32),
				 prot, NULL))
		return -1;
	arena_gmem(arena, &reg, &gmem);
	for (int rep = 0; rep < 3; rep++) {
		uint64_t t0 = cpu_ns();

		leaves = 0;
		if (iommufmt_pgtable_walk_range(&pt, &gmem, 0, ~0ULL, 0, count_leaf, &leaves))
			return -1;
		td[rep] = (double)(cpu_ns() - t0);
	}
	row(ctx, "walk.dense", bc->label, leaves ? best3(td[0], td[1], td[2]) / leaves : 0,
	    "ns/leaf", NULL, 0, 0, NULL, NULL, -1);
	return 0;
}

/* Cold translations (single and batched) and range walks over big tables. */
static int bench_cold(struct bench_ctx *ctx, const struct pt_bench_cfg *bc,
		      struct iommufmt_pgtable_arena *arena, uint64_t target_bytes,
		      const uint64_t *ev, size_t evsize)
{
	struct cold_run c = { .nio = ctx->quick ? 16384 : 65536, .chunk = 256 };
	int r = -ENOMEM;

	c.iovas = malloc(c.nio * sizeof(*c.iovas));
	c.out = malloc(c.chunk * sizeof(*c.out));
	if (!c.iovas || !c.out || setup(bc, &c.pt, arena))
		goto out;
	c.nmap = cold_populate(bc, &c, arena, target_bytes);
	if (c.nmap < 64)
		goto out;
	c.bytes = arena->used;
	arena_gmem(arena, &c.reg, &c.gmem);
	cold_iovas(bc, &c);
	for (int rep = 0; rep < 3; rep++)
		if (cold_rep(&c, arena, ev, evsize, rep))
			goto out;
	cold_rows(ctx, bc, &c);
	if (bench_dense(ctx, bc, arena))
		goto out;
	bench_sink(c.acc);
	r = 0;
out:
	free(c.iovas);
	free(c.out);
	return r;
}

static int pgtable_bench(struct bench_ctx *ctx)
{
	const uint64_t target = ctx->quick ? 24ULL << 20 : 256ULL << 20;
	const uint64_t size = target + (16ULL << 20);
	const size_t evsize = 128u << 20;
	struct iommufmt_pgtable_arena arena;
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t *ev = malloc(evsize);
	int failed = 0;

	if (mem == MAP_FAILED || !ev) {
		free(ev);
		return 1;
	}
	for (size_t i = 0; i < evsize / 8; i++)
		ev[i] = i;
#ifdef MADV_HUGEPAGE
	madvise(mem, size, MADV_HUGEPAGE);	/* fewer TLB misses: measure the table walks */
#endif
	arena = (struct iommufmt_pgtable_arena){ .gpa = ARENA_GPA, .size = size, .host = mem };
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		const struct pt_bench_cfg *bc = &configs[i];
		struct iommufmt_pgtable pt;

		if (setup(bc, &pt, &arena)) {
			/* a format without a walker or builder (yet): nothing to measure */
			if (!ctx->json)
				fprintf(ctx->out, "pgtable  %-44s skipped: no walker/builder\n",
					bc->label);
			continue;
		}
		if (bench_hot(ctx, bc, &arena) || bench_cold(ctx, bc, &arena, target, ev, evsize)) {
			fprintf(stderr, "iommufmt bench: pgtable %s did not run\n", bc->label);
			failed = 1;
		}
	}
	munmap(mem, size);
	free(ev);
	return failed;
}

const struct bench_section bench_pgtable = {
	.name = "pgtable",
	.run = pgtable_bench,
};
