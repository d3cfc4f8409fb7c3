/* SPDX-License-Identifier: MIT */
/* Shared declarations of the iommufmt command-line tool: commands, demo and bench sections. */
#ifndef IOMMUFMT_CLI_H
#define IOMMUFMT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <iommufmt/iommufmt.h>

/* A subcommand: `iommufmt NAME ...`; run() gets argv[0] = NAME. */
struct cli_cmd {
	const char *name;
	const char *summary;	/* one line for `iommufmt help` */
	const char *usage;	/* full text for `iommufmt help NAME` */
	int (*run)(int argc, char **argv);
};

extern const struct cli_cmd cli_cmd_info;
extern const struct cli_cmd cli_cmd_demo;
extern const struct cli_cmd cli_cmd_bench;
extern const struct cli_cmd cli_cmd_iova;
extern const struct cli_cmd cli_cmd_map_plan;
extern const struct cli_cmd cli_cmd_translate;
extern const struct cli_cmd cli_cmd_walk;
extern const struct cli_cmd cli_cmd_hostinfo;
extern const struct cli_cmd cli_cmd_check_bind;
extern const struct cli_cmd cli_cmd_advertise;
extern const struct cli_cmd cli_cmd_decode_inval;
extern const struct cli_cmd cli_cmd_encode_inval;
/* CLI-COMMAND-DECLS: each area declares its commands here. */

/* One section of `iommufmt demo`; returns 0 when everything shown went as expected. */
struct demo_section {
	const char *name;
	const char *title;
	int (*run)(FILE *out);
};
extern const struct demo_section demo_core;
extern const struct demo_section demo_iova;
extern const struct demo_section demo_bind;
extern const struct demo_section demo_inval;
extern const struct demo_section demo_pgtable;
extern const struct demo_section demo_fault;
/* DEMO-SECTION-DECLS */

/* ---- benchmark ---- */
struct bench_ctx {
	bool json;
	bool quick;	/* smaller sizes and fewer repetitions, for smoke runs */
	FILE *out;
};

/* One measured figure next to the baseline measured in the same run. */
struct bench_row {
	const char *area;	/* e.g. "pgtable" */
	const char *name;	/* e.g. "translate.hot x86-64 4-level" */
	double value;		/* measured figure */
	const char *unit;	/* e.g. "ns/op", "Mops/s", "GB/s" */
	const char *baseline;	/* what it is compared with, e.g. "pointer-chase" (or NULL) */
	double base_value;	/* the baseline in the same unit */
	double ratio;		/* value relative to baseline, as the target states it */
	const char *ratio_label; /* e.g. "x chase", "of memcpy" */
	const char *target;	/* e.g. "<= 1.5" (or NULL) */
	int met;		/* 1 met, 0 missed, -1 no target */
};
void bench_emit(struct bench_ctx *ctx, const struct bench_row *row);
uint64_t bench_now_ns(void);
/* Keep the compiler from discarding a computed value. */
void bench_sink(uint64_t v);

/* A section of `iommufmt bench`; returns 0 unless something failed to run. */
struct bench_section {
	const char *name;
	int (*run)(struct bench_ctx *ctx);
};
extern const struct bench_section bench_core;
extern const struct bench_section bench_iova;
extern const struct bench_section bench_bind;
extern const struct bench_section bench_pgtable;
extern const struct bench_section bench_inval;
extern const struct bench_section bench_fault;
/* BENCH-SECTION-DECLS */

/* ---- helpers (cli_util.c) ---- */

/* Parse 0x-hex or decimal into *v; with suffixes k/m/g/t (powers of 1024) if allow_suffix. */
int cli_parse_u64(const char *s, uint64_t *v, bool allow_suffix);
/* Parse "A:B" into two numbers. */
int cli_parse_pair(const char *s, uint64_t *a, uint64_t *b);
/*
 * Call fn(token, arg) for each non-empty token of @list split at any of
 * @seps. Returns -E2BIG when @list has @max characters or more (at most
 * 511), else the first non-zero result of @fn, else 0.
 */
int cli_for_each_token(const char *list, const char *seps, size_t max,
		       int (*fn)(const char *tok, void *arg), void *arg);
/* Read a whole file; *len receives its size. Returns malloc'ed bytes or NULL (errno set). */
void *cli_load_file(const char *path, size_t *len);
/*
 * Error reporting: every error is one stderr line "iommufmt NAME: WHAT: DETAIL",
 * WHAT saying what happened (see vmsg() in cli_util.c).
 */
/* Usage error: "iommufmt NAME: invalid argument: DETAIL"; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Failure with a library errno: "iommufmt NAME: iommufmt_strerror(err): DETAIL"
 * (fmt may be NULL: the errno text alone); returns 1. */
int cli_fail(const char *cmd, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A file the system would not give us: "iommufmt NAME: WHAT PATH: strerror(errno)"; returns 1. */
int cli_file_error(const char *cmd, const char *what, const char *path);
/* Failure whose message already starts with what happened ("walk failed: ..."); returns 1. */
int cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* cli_fail() with the library's diagnostic as the detail:
 * "iommufmt NAME: iommufmt_strerror(err): DETAIL: [CODE] diag text"; returns 1. */
int cli_fail_diag(const char *cmd, int err, const char *detail, const struct iommufmt_diag *diag);
/* Print a filled diagnostic as one line to f, prefixed. */
void cli_print_diag(FILE *f, const char *prefix, const struct iommufmt_diag *diag);
/* Print a JSON string literal (quoted, escaped). */
void cli_json_str(FILE *f, const char *s);

#endif /* IOMMUFMT_CLI_H */
