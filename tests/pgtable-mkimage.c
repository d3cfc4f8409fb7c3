/* SPDX-License-Identifier: MIT */
/* Test helper: build page tables with the public builders and write them out as a memory image. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iommufmt/iommufmt.h>

/*
 * usage: pgtable-mkimage OUT.bin ARENA_GPA FORMAT KEY=VAL[,KEY=VAL...] [ITEM]...
 *   KEY: levels ias oas granule sl0 top (numbers) and flags (a number)
 *   ITEM: map:IOVA:PA:LEN:PROT   PROT letters r w x u p (user / privileged)
 *         poke:GPA:VALUE         store a 64-bit little-endian value
 *         pokebe:GPA:VALUE       store a 64-bit big-endian value
 * Writes the used part of a 4 MiB arena to OUT.bin and prints the root GPA.
 */

static int fail(const char *msg, const char *arg)
{
	fprintf(stderr, "pgtable-mkimage: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	return 1;
}

static int num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || (*end && *end != ':' && *end != ',');
}

int main(int argc, char **argv)
{
	struct iommufmt_pgtable_cfg cfg;
	struct iommufmt_pgtable pt;
	struct iommufmt_pgtable_arena arena;
	const struct iommufmt_pgtable_ops *ops;
	struct iommufmt_diag d;
	unsigned long long gpa;
	char *opts, *tok, *save = NULL;
	FILE *f;

	if (argc < 5)
		return fail("usage: OUT ARENA_GPA FORMAT KEY=VAL,... [ITEM]...", NULL);
	if (num(argv[2], &gpa))
		return fail("bad arena address", argv[2]);
	ops = iommufmt_pgtable_by_name(argv[3]);
	if (!ops)
		return fail("unknown format", argv[3]);
	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.format = ops->format;
	opts = strdup(argv[4]);
	for (tok = strtok_r(opts, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		unsigned long long v;

		if (!eq || num(eq + 1, &v))
			return fail("bad option", tok);
		*eq = '\0';
		if (!strcmp(tok, "levels"))
			cfg.levels = (__u32)v;
		else if (!strcmp(tok, "ias"))
			cfg.ias = (__u32)v;
		else if (!strcmp(tok, "oas"))
			cfg.oas = (__u32)v;
		else if (!strcmp(tok, "granule"))
			cfg.granule = (__u32)v;
		else if (!strcmp(tok, "sl0"))
			cfg.sl0 = (__u32)v;
		else if (!strcmp(tok, "top"))
			cfg.top = (__u32)v;
		else if (!strcmp(tok, "flags"))
			cfg.flags = (__u32)v;
		else if (strcmp(tok, "none"))
			return fail("unknown option", tok);
	}
	free(opts);
	arena.gpa = gpa;
	arena.size = 4 << 20;
	arena.host = calloc(1, (size_t)arena.size);
	arena.used = 0;
	iommufmt_diag_init(&d);
	if (!arena.host || iommufmt_pgtable_alloc_root(&cfg, &arena, &d) ||
	    iommufmt_pgtable_prepare(&pt, &cfg, &d))
		return fail("cannot set up the table", d.text);
	for (int i = 5; i < argc; i++) {
		unsigned long long a, b, c = 0;
		char *p = argv[i];

		if (!strncmp(p, "map:", 4)) {
			char *q = p + 4, *prot;
			__u32 pr = 0;

			if (num(q, &a) || !(q = strchr(q, ':')) || num(++q, &b) ||
			    !(q = strchr(q, ':')) || num(++q, &c) || !(prot = strchr(q, ':')))
				return fail("bad map item", p);
			for (prot++; *prot; prot++)
				pr |= *prot == 'r' ? IOMMUFMT_ACCESS_READ : *prot == 'w' ?
				      IOMMUFMT_ACCESS_WRITE : *prot == 'x' ? IOMMUFMT_ACCESS_EXEC :
				      *prot == 'u' ? IOMMUFMT_ACCESS_USER : *prot == 'p' ?
				      IOMMUFMT_ACCESS_PRIV : 0;
			if (iommufmt_pgtable_map(&pt, &arena, a, b, c, pr, &d))
				return fail("map failed", d.text);
		} else if (!strncmp(p, "poke:", 5) || !strncmp(p, "pokebe:", 7)) {
			int be = p[4] == 'b';
			char *q = p + (be ? 7 : 5);
			unsigned char *h;

			if (num(q, &a) || !(q = strchr(q, ':')) || num(++q, &b) || a < arena.gpa ||
			    a - arena.gpa + 8 > arena.used)
				return fail("bad poke item", p);
			h = (unsigned char *)arena.host + (a - arena.gpa);
			for (int k = 0; k < 8; k++)
				h[be ? 7 - k : k] = (unsigned char)(b >> (8 * k));
		} else {
			return fail("unknown item", p);
		}
	}
	f = fopen(argv[1], "wb");
	if (!f || fwrite(arena.host, 1, (size_t)arena.used, f) != arena.used || fclose(f))
		return fail("cannot write", argv[1]);
	printf("0x%llx\n", (unsigned long long)cfg.root);
	free(arena.host);
	return 0;
}
