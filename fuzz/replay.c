/* SPDX-License-Identifier: MIT */
/* Replays a fuzz target's committed corpus through its harness without libFuzzer (TAP output). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target (its corpus is fuzz/corpus/FUZZ_NAME)"
#endif

/* Largest input replayed; libFuzzer's default -max_len is far below it. */
#define REPLAY_MAX (16u << 20)

static int replay_file(const char *path, unsigned long *count)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = malloc(REPLAY_MAX);
	if (!buf) {
		fclose(f);
		return -1;
	}
	n = fread(buf, 1, REPLAY_MAX, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "# %s: unreadable or larger than %u bytes\n", path, REPLAY_MAX);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees a read one past the input's end. */
	{
		uint8_t *exact = malloc(n ? n : 1);

		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	(*count)++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or every regular file in a directory (sorted, so runs are repeatable). */
static int replay_path(const char *path, unsigned long *count)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int r = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path, count);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char *full;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		len = strlen(path) + strlen(e->d_name) + 2;
		full = malloc(len);
		if (!full) {
			r = -1;
			break;
		}
		snprintf(full, len, "%s/%s", path, e->d_name);
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			char **nn = realloc(names, nc * sizeof(*nn));

			if (!nn) {
				free(full);
				r = -1;
				break;
			}
			names = nn;
			cap = nc;
		}
		names[n++] = full;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		if (!r && !stat(names[i], &st) && S_ISREG(st.st_mode))
			r = replay_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return r;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	int r = 0, i;

	/* The empty input first: every harness must take it. */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	if (argc > 1) {
		for (i = 1; i < argc && !r; i++)
			r = replay_path(argv[i], &count);
	} else {
		const char *top = getenv("top_srcdir");
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/fuzz/corpus/%s", top ? top : ".", FUZZ_NAME);
		r = replay_path(dir, &count);
	}
	printf("1..1\n");
	if (r || !count) {
		printf("not ok 1 - %s: corpus replay (%lu inputs%s)\n", FUZZ_NAME, count,
		       r ? ", a file could not be read" : ", none found");
		return 1;
	}
	printf("ok 1 - %s: replayed %lu corpus inputs, no invariant violated\n", FUZZ_NAME, count);
	return 0;
}
