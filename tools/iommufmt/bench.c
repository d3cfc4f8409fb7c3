/* SPDX-License-Identifier: MIT */
/* `iommufmt bench`: runs every benchmark section and reports figures beside same-run baselines. */
#include <string.h>
#include <time.h>

#include "tools/iommufmt/cli.h"

static const struct bench_section *const sections[] = {
	&bench_core,
	&bench_iova,
	&bench_bind,
	&bench_pgtable,
	&bench_inval,
	&bench_fault,
	/* BENCH-SECTIONS: each area adds its section here. */
};

static volatile uint64_t bench_sink_var;

void bench_sink(uint64_t v)
{
	bench_sink_var += v;
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void bench_emit(struct bench_ctx *ctx, const struct bench_row *r)
{
	if (ctx->json) {
		fprintf(ctx->out, "{\"area\":");
		cli_json_str(ctx->out, r->area);
		fprintf(ctx->out, ",\"name\":");
		cli_json_str(ctx->out, r->name);
		fprintf(ctx->out, ",\"value\":%.6g,\"unit\":", r->value);
		cli_json_str(ctx->out, r->unit);
		if (r->baseline) {
			fprintf(ctx->out, ",\"baseline\":");
			cli_json_str(ctx->out, r->baseline);
			fprintf(ctx->out, ",\"baseline_value\":%.6g,\"ratio\":%.4g", r->base_value,
				r->ratio);
			if (r->ratio_label) {
				fprintf(ctx->out, ",\"ratio_label\":");
				cli_json_str(ctx->out, r->ratio_label);
			}
		}
		if (r->target) {
			fprintf(ctx->out, ",\"target\":");
			cli_json_str(ctx->out, r->target);
			fprintf(ctx->out, ",\"met\":%s", r->met > 0 ? "true" : "false");
		}
		fprintf(ctx->out, "}\n");
		return;
	}
	fprintf(ctx->out, "%-8s %-44s %12.4g %-8s", r->area, r->name, r->value, r->unit);
	if (r->baseline)
		fprintf(ctx->out, " | %-16s %10.4g | %8.3f %-10s", r->baseline, r->base_value,
			r->ratio, r->ratio_label ? r->ratio_label : "");
	if (r->target)
		fprintf(ctx->out, " target %s %s", r->target, r->met > 0 ? "met" : "MISSED");
	fputc('\n', ctx->out);
}

static int bench_run(int argc, char **argv)
{
	struct bench_ctx ctx = { .out = stdout };
	const char *only[16];
	int nonly = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			ctx.json = true;
		else if (!strcmp(argv[i], "--quick"))
			ctx.quick = true;
		else if (argv[i][0] != '-' && nonly < 16)
			only[nonly++] = argv[i];
		else
			return cli_usage_error("bench", "unknown argument '%s'", argv[i]);
	}
	if (!ctx.json)
		fprintf(ctx.out, "libiommufmt %s benchmark (ratios are against baselines measured "
			"in this run)\n%-8s %-44s %12s %-8s | %-16s %10s | %s\n",
			iommufmt_version(), "area", "case", "value", "unit", "baseline",
			"value", "ratio");
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		bool run = nonly == 0;

		for (int j = 0; j < nonly; j++)
			run |= !strcmp(only[j], sections[i]->name);
		if (run && sections[i]->run(&ctx))
			failed++;
	}
	return failed ? 1 : 0;
}

const struct cli_cmd cli_cmd_bench = {
	.name = "bench",
	.summary = "benchmarks, with ratios against same-run baselines",
	.usage = "usage: iommufmt bench [--json] [--quick] [SECTION]...\n\n"
		 "Run the benchmarks (all sections, or those named) and print one row per\n"
		 "figure: the value, the baseline measured in the same run (pointer chase,\n"
		 "memcpy, qsort, ...), their ratio and the target.\n"
		 "  --json    one JSON object per row\n"
		 "  --quick   smaller sizes and fewer repetitions (a smoke run)\n",
	.run = bench_run,
};
