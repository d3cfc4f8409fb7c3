/* SPDX-License-Identifier: MIT */
/* Benchmark section "bind": bind validations per second per model, beside a copy-and-compare of the same bytes. */
#include <string.h>
#include <time.h>

#include "tools/iommufmt/bind_cli.h"

/*
 * Thread CPU time, not wall time: the machines these run on are shared, and
 * a validation that is descheduled is not slower. Both the figure and its
 * baseline use the same clock.
 */
static uint64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* What a minimal validator must do at least: copy the header and payload in, compare them. */
static uint64_t baseline(const struct bind_req *b, unsigned int n)
{
	struct bind_req copy;
	uint64_t acc = 0;
	size_t hsz = b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? sizeof(b->pt) : sizeof(b->pg);
	const void *hdr = b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? (const void *)&b->pt :
			  (const void *)&b->pg;
	uint32_t plen = b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? b->pt.data_len : b->pg.data_len;

	for (unsigned int i = 0; i < n; i++) {
		memcpy(&copy.pt, hdr, hsz);
		memcpy(copy.payload, b->payload, plen);
		__asm__ volatile("" : : "r"(&copy) : "memory");
		acc += (uint64_t)memcmp(copy.payload, b->payload, plen) + (uint64_t)memcmp(&copy.pt, hdr, hsz);
	}
	return acc;
}

static int bench_one(struct bench_ctx *ctx, const struct iommufmt_host *h, struct bind_req *b,
		     const char *name)
{
	const unsigned int n = ctx->quick ? 200000 : 5000000;
	uint64_t t0, t_check, t_base, acc = 0;
	int r;

	b->pt.data_uptr = (uintptr_t)b->payload;
	b->pg.data_uptr = (uintptr_t)b->payload;
	if (bind_check(h, b, NULL, NULL))	/* must be a passing bind */
		return 1;
	/* warm up */
	for (unsigned int i = 0; i < 1000; i++)
		acc += (uint64_t)bind_check(h, b, NULL, NULL);
	t0 = cpu_ns();
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		for (unsigned int i = 0; i < n; i++)
			acc += (uint64_t)iommufmt_bind_pasid_table_check(h, &b->pt, NULL, NULL);
	else
		for (unsigned int i = 0; i < n; i++)
			acc += (uint64_t)iommufmt_bind_pgtable_check(h, &b->pg, NULL, NULL);
	t_check = cpu_ns() - t0;
	t0 = cpu_ns();
	acc += baseline(b, n);
	t_base = cpu_ns() - t0;
	r = acc != 0;	/* every check returned 0 and every compare matched */
	{
		double mps = t_check ? (double)n * 1e3 / (double)t_check : 0;
		double base = t_base ? (double)n * 1e3 / (double)t_base : 0;

		bench_emit(ctx, &(struct bench_row){
			.area = "bind", .name = name, .value = mps, .unit = "M/s",
			.baseline = "copy+compare", .base_value = base,
			.ratio = t_base ? (double)t_check / (double)t_base : 0,
			.ratio_label = "x baseline", .target = ">= 20 M/s",
			.met = mps >= 20.0 });
	}
	return r;
}

static int bind_bench(struct bench_ctx *ctx)
{
	static const struct {
		uint32_t model;
		uint32_t kind;
		const char *name;
	} cases[] = {
		{ IOMMUFMT_MODEL_INTEL, IOMMUFMT_BIND_KIND_PGTABLE, "check intel PASID entry (64 B)" },
		{ IOMMUFMT_MODEL_INTEL, IOMMUFMT_BIND_KIND_PASID_TABLE, "check intel context (32 B)" },
		{ IOMMUFMT_MODEL_AMD, IOMMUFMT_BIND_KIND_PASID_TABLE, "check amd guest DTE (32 B)" },
		{ IOMMUFMT_MODEL_AMD, IOMMUFMT_BIND_KIND_PGTABLE, "check amd GCR3 entry (8 B)" },
		{ IOMMUFMT_MODEL_SMMU, IOMMUFMT_BIND_KIND_PASID_TABLE, "check smmuv3 STE (16 B)" },
		{ IOMMUFMT_MODEL_SMMU, IOMMUFMT_BIND_KIND_PGTABLE, "check smmuv3 CD (64 B)" },
		{ IOMMUFMT_MODEL_S390, IOMMUFMT_BIND_KIND_PGTABLE, "check s390 FIB/IOTA (24 B)" },
	};
	int failed = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bind_regs regs;
		struct iommufmt_host *h = NULL;
		struct bind_req b;

		bind_example_regs(cases[i].model, &regs);
		if (bind_host(&regs, &h, NULL))
			return 1;
		if (cases[i].kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
			bind_example_pasid_table(cases[i].model, &b);
		else
			bind_example_pgtable(cases[i].model, &b);
		failed |= bench_one(ctx, h, &b, cases[i].name);
		iommufmt_host_free(h);
	}
	return failed;
}

const struct bench_section bench_bind = {
	.name = "bind",
	.run = bind_bench,
};
