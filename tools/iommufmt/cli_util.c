/* SPDX-License-Identifier: MIT */
/* Helpers shared by the iommufmt subcommands: number parsing, files, errors, JSON strings. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

int cli_parse_u64(const char *s, uint64_t *v, bool allow_suffix)
{
	char *end;
	unsigned long long x;
	unsigned shift = 0;

	/* a digit first: strtoull() would skip blanks and take a sign */
	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	x = strtoull(s, &end, (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10);
	if (errno || end == s)
		return -EINVAL;
	if (*end && allow_suffix) {
		switch (*end) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		case 't': case 'T': shift = 40; break;
		default: return -EINVAL;
		}
		end++;
	}
	if (*end)
		return -EINVAL;
	if (shift && (x >> (64 - shift)))
		return -ERANGE;
	*v = (uint64_t)x << shift;
	return 0;
}

int cli_parse_pair(const char *s, uint64_t *a, uint64_t *b)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	char first[64];
	size_t n;

	if (!colon)
		return -EINVAL;
	n = (size_t)(colon - s);
	if (n == 0 || n >= sizeof(first))
		return -EINVAL;
	memcpy(first, s, n);
	first[n] = '\0';
	if (cli_parse_u64(first, a, true) || cli_parse_u64(colon + 1, b, true))
		return -EINVAL;
	return 0;
}

int cli_for_each_token(const char *list, const char *seps, size_t max,
		       int (*fn)(const char *tok, void *arg), void *arg)
{
	char buf[512], *save = NULL;

	if (max > sizeof(buf))
		max = sizeof(buf);
	if (strlen(list) >= max)
		return -E2BIG;
	strcpy(buf, list);
	for (char *tok = strtok_r(buf, seps, &save); tok; tok = strtok_r(NULL, seps, &save)) {
		int r = fn(tok, arg);

		if (r)
			return r;
	}
	return 0;
}

void *cli_load_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap) {
			size_t nc = cap ? cap * 2 : 65536;
			unsigned char *nb = realloc(buf, nc);

			if (!nb) {
				free(buf);
				if (f != stdin)
					fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap = nc;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		if (f != stdin)
			fclose(f);
		errno = EIO;
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	if (!buf)
		buf = malloc(1);
	return buf;
}

/*
 * The one way the tool reports an error: "iommufmt CMD: WHAT: DETAIL" on one
 * line of stderr.  WHAT says what happened and comes from the library's own
 * errno vocabulary (iommufmt_strerror()) wherever an errno is at hand, so
 * the CLI and a library caller describe the same failure in the same words;
 * DETAIL says which argument, file or line.  Scripts (and the CLI tests)
 * rely on exactly one line per error.
 */
__attribute__((format(printf, 3, 0)))
static void vmsg(const char *cmd, const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "iommufmt %s: ", cmd);
	if (what)
		fprintf(stderr, fmt ? "%s: " : "%s", what);
	if (fmt)
		vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	/* every usage error is a bad argument: say so first, as the library does */
	va_start(ap, fmt);
	vmsg(cmd, iommufmt_strerror(-EINVAL), fmt, ap);
	va_end(ap);
	return 2;
}

int cli_fail(const char *cmd, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(cmd, iommufmt_strerror(err), fmt, ap);
	va_end(ap);
	return 1;
}

int cli_file_error(const char *cmd, const char *what, const char *path)
{
	/* errno from fopen()/fread() is the system's, not the library's: strerror() */
	return cli_error(cmd, "%s %s: %s", what, path, strerror(errno));
}

int cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(cmd, NULL, fmt, ap);
	va_end(ap);
	return 1;
}

int cli_fail_diag(const char *cmd, int err, const char *detail, const struct iommufmt_diag *diag)
{
	char line[512];
	const char *name = iommufmt_diag_name(diag->code);

	/* the diag record is the detail: which field, which value, which rule */
	iommufmt_diag_format(diag, line, sizeof(line));
	return cli_fail(cmd, err, "%s%s[%s] %s", detail ? detail : "", detail ? ": " : "",
			name ? name : "?", line);
}

void cli_print_diag(FILE *f, const char *prefix, const struct iommufmt_diag *diag)
{
	char line[512];
	const char *name = iommufmt_diag_name(diag->code);

	iommufmt_diag_format(diag, line, sizeof(line));
	fprintf(f, "%s[%s] %s\n", prefix ? prefix : "", name ? name : "?", line);
}

void cli_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}
