/* SPDX-License-Identifier: MIT */
/* `iommufmt translate` and `iommufmt walk`: page tables in memory files, through the public API. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

#define MAX_MEM 16

struct pt_args {
	const char *cmd;
	struct iommufmt_pgtable_cfg cfg;
	const char *name;
	bool have_root, json, coalesce;
	bool zero_top, zero_sl0;	/* top=rf / sl0=0 given: values equal to "not given" */
	uint32_t access;
	uint64_t start, last;
	struct iommufmt_gmem_region regs[MAX_MEM];
	unsigned int nmem;
	char **iovas;
	int niovas;
};

static void free_mem(struct pt_args *a)
{
	for (unsigned int i = 0; i < a->nmem; i++)
		free(a->regs[i].host);
	a->nmem = 0;
}

/* --opt KEY=VAL: the configuration fields and flags (the format's prepare rejects unused ones). */
static int parse_opt(struct pt_args *a, const char *kv)
{
	static const struct { const char *key; uint32_t flag; } flags[] = {
		{ "ad", IOMMUFMT_PGTABLE_F_AD }, { "exec", IOMMUFMT_PGTABLE_F_EXEC },
		{ "1g", IOMMUFMT_PGTABLE_F_1G }, { "affd", IOMMUFMT_PGTABLE_F_AFFD },
		{ "large", IOMMUFMT_PGTABLE_F_LARGE },
	};
	static const char *const tops[] = { "rf", "rs", "rt", "sx" };
	const char *eq = strchr(kv, '=');
	char key[16];
	const char *val;
	uint64_t v;
	size_t n;

	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof(key))
		return cli_usage_error(a->cmd, "--opt wants KEY=VAL, not '%s'", kv);
	n = (size_t)(eq - kv);
	memcpy(key, kv, n);
	key[n] = '\0';
	val = eq + 1;
	if (!strcmp(key, "granule")) {
		if (!strcmp(val, "4k"))
			a->cfg.granule = 12;
		else if (!strcmp(val, "16k"))
			a->cfg.granule = 14;
		else if (!strcmp(val, "64k"))
			a->cfg.granule = 16;
		else
			return cli_usage_error(a->cmd, "granule must be 4k, 16k or 64k, not '%s'", val);
		return 0;
	}
	if (!strcmp(key, "top")) {
		for (unsigned int i = 0; i < 4; i++)
			if (!strcmp(val, tops[i])) {
				a->cfg.top = i;
				a->zero_top = i == 0;
				return 0;
			}
		return cli_usage_error(a->cmd, "top must be rf, rs, rt or sx, not '%s'", val);
	}
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strcmp(key, flags[i].key)) {
			if (!strcmp(val, "1") || !strcmp(val, "on"))
				a->cfg.flags |= flags[i].flag;
			else if (!strcmp(val, "0") || !strcmp(val, "off"))
				a->cfg.flags &= ~flags[i].flag;
			else
				return cli_usage_error(a->cmd, "%s must be 0 or 1, not '%s'", key, val);
			return 0;
		}
	if (cli_parse_u64(val, &v, false) || v > UINT32_MAX)
		return cli_usage_error(a->cmd, "bad number '%s' for %s", val, key);
	if (!strcmp(key, "levels"))
		a->cfg.levels = (uint32_t)v;
	else if (!strcmp(key, "ias"))
		a->cfg.ias = (uint32_t)v;
	else if (!strcmp(key, "oas"))
		a->cfg.oas = (uint32_t)v;
	else if (!strcmp(key, "sl0")) {
		a->cfg.sl0 = (uint32_t)v;
		a->zero_sl0 = v == 0;
	}
	else
		return cli_usage_error(a->cmd, "unknown option key '%s' (see 'iommufmt help %s')",
				       key, a->cmd);
	return 0;
}

/* --mem FILE@GPA: the file's bytes at that guest-physical address. */
static int parse_mem(struct pt_args *a, const char *arg)
{
	const char *at = strrchr(arg, '@');
	char path[4096];
	uint64_t gpa;
	size_t len, n;
	void *buf;

	if (!at || at == arg || (size_t)(at - arg) >= sizeof(path) || cli_parse_u64(at + 1, &gpa, false))
		return cli_usage_error(a->cmd, "--mem wants FILE@GPA, not '%s'", arg);
	if (a->nmem == MAX_MEM)
		return cli_usage_error(a->cmd, "at most %d --mem files", MAX_MEM);
	n = (size_t)(at - arg);
	memcpy(path, arg, n);
	path[n] = '\0';
	buf = cli_load_file(path, &len);
	if (!buf)
		return cli_error(a->cmd, "cannot read '%s': %s", path, strerror(errno));
	if (!len) {
		free(buf);
		return cli_error(a->cmd, "'%s' is empty", path);
	}
	if (gpa + (len - 1) < gpa) {
		free(buf);
		return cli_usage_error(a->cmd, "'%s' at 0x%llx runs past 2^64", path,
				       (unsigned long long)gpa);
	}
	a->regs[a->nmem++] = (struct iommufmt_gmem_region){ gpa, len, buf, IOMMUFMT_GMEM_READONLY, 0 };
	return 0;
}

static int parse_access(struct pt_args *a, const char *s)
{
	a->access = 0;
	if (!*s)
		return cli_usage_error(a->cmd, "--access wants r, w, x (and p for privileged)");
	for (; *s; s++) {
		switch (*s) {
		case 'r': a->access |= IOMMUFMT_ACCESS_READ; break;
		case 'w': a->access |= IOMMUFMT_ACCESS_WRITE; break;
		case 'x': a->access |= IOMMUFMT_ACCESS_EXEC; break;
		case 'p': a->access |= IOMMUFMT_ACCESS_PRIV; break;
		default:
			return cli_usage_error(a->cmd, "--access wants r, w, x (and p for "
					       "privileged), not '%c'", *s);
		}
	}
	return 0;
}

/* --root GPA: the root table's address (recorded even when bad, as the error ends parsing). */
static int parse_root(struct pt_args *a, const char *v)
{
	uint64_t root = 0;
	int r = 0;

	if (cli_parse_u64(v, &root, false))
		r = cli_usage_error(a->cmd, "bad root address '%s'", v);
	a->cfg.root = root;
	a->have_root = true;
	return r;
}

/* --range START:LAST: the input range to walk. */
static int parse_range(struct pt_args *a, const char *v)
{
	if (cli_parse_pair(v, &a->start, &a->last) || a->start > a->last)
		return cli_usage_error(a->cmd, "--range wants START:LAST with START <= LAST, "
				       "not '%s'", v);
	return 0;
}

/* Whether @o takes a value in this command (--access: translate only, --range: walk only). */
static bool takes_value(const char *o, bool translate)
{
	if (!strcmp(o, "--pgtable") || !strcmp(o, "--opt") || !strcmp(o, "--root") ||
	    !strcmp(o, "--mem"))
		return true;
	return translate ? !strcmp(o, "--access") : !strcmp(o, "--range");
}

/* parse, step 2a: an option with its value @v (one that takes_value() accepts). */
static int parse_value_opt(struct pt_args *a, const char *o, const char *v)
{
	if (!strcmp(o, "--pgtable")) {
		a->name = v;
		return 0;
	}
	if (!strcmp(o, "--opt"))
		return parse_opt(a, v);
	if (!strcmp(o, "--root"))
		return parse_root(a, v);
	if (!strcmp(o, "--mem"))
		return parse_mem(a, v);
	if (!strcmp(o, "--access"))
		return parse_access(a, v);
	return parse_range(a, v);
}

/* parse, step 1: the defaults, and room for every argument as an IOVA. */
static int parse_init(struct pt_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	a->cmd = argv[0];
	a->cfg.argsz = sizeof(a->cfg);
	a->access = IOMMUFMT_ACCESS_READ;
	a->last = UINT64_MAX;
	a->iovas = calloc((size_t)argc, sizeof(*a->iovas));
	if (!a->iovas)
		return cli_error(a->cmd, "out of memory");
	return 0;
}

/* parse, step 2: argv[*i]: a switch, an option (moving *i to its value) or an IOVA. */
static int parse_one(struct pt_args *a, int argc, char **argv, int *i, bool translate)
{
	const char *o = argv[*i];

	if (!strcmp(o, "--json")) {
		a->json = true;
		return 0;
	}
	if (!translate && !strcmp(o, "--coalesce")) {
		a->coalesce = true;
		return 0;
	}
	if (takes_value(o, translate)) {
		if (*i + 1 >= argc)
			return cli_usage_error(a->cmd, "%s needs a value", o);
		return parse_value_opt(a, o, argv[++*i]);
	}
	if (translate && o[0] != '-') {
		a->iovas[a->niovas++] = argv[*i];
		return 0;
	}
	return cli_usage_error(a->cmd, "unknown argument '%s'", o);
}

/* parse, step 3: what every command needs (table, root, memory), and an IOVA to translate. */
static int parse_required(const struct pt_args *a, bool translate)
{
	if (!a->name)
		return cli_usage_error(a->cmd, "--pgtable NAME is required");
	if (!a->have_root)
		return cli_usage_error(a->cmd, "--root GPA is required");
	if (!a->nmem)
		return cli_usage_error(a->cmd, "at least one --mem FILE@GPA is required");
	if (translate && !a->niovas)
		return cli_usage_error(a->cmd, "no IOVA to translate");
	return 0;
}

/* Common parsing; on error memory is freed and the exit status returned. */
static int parse_args(struct pt_args *a, int argc, char **argv, bool translate)
{
	int r = parse_init(a, argc, argv);

	if (r)
		return r;
	for (int i = 1; i < argc && !r; i++)
		r = parse_one(a, argc, argv, &i, translate);
	if (!r)
		r = parse_required(a, translate);
	if (r) {
		free_mem(a);
		free(a->iovas);
	}
	return r;
}

/*
 * top=rf and sl0=0 set the field to 0, which is also what leaving the key
 * out gives, so a format that has no such field could not reject them. Ask
 * the format itself: prepare the configuration again with the field at 1;
 * a format without the field rejects that as unsupported (on that field),
 * and the key is rejected with its diagnostic. 0 when the format uses it.
 */
static int check_zero_key(struct pt_args *a, const char *key, __u32 *field,
			  struct iommufmt_diag *d)
{
	struct iommufmt_pgtable probe;
	int r;

	*field = 1;
	r = iommufmt_pgtable_prepare(&probe, &a->cfg, d);
	*field = 0;
	if (r != -EOPNOTSUPP || d->code != IOMMUFMT_DIAG_UNSUPPORTED || strcmp(d->field, key))
		return 0;
	d->value = 0;	/* the value given, not the probe's */
	return r;
}

/* Look the format up by name, prepare the configuration and check the memory files. */
static int setup(struct pt_args *a, struct iommufmt_pgtable *pt, struct iommufmt_gmem *gmem)
{
	const struct iommufmt_pgtable_ops *ops = iommufmt_pgtable_by_name(a->name);
	struct iommufmt_diag d;
	char line[256];

	if (!ops)
		return cli_usage_error(a->cmd, "unknown page-table format '%s' (see 'iommufmt info')",
				       a->name);
	a->cfg.format = ops->format;
	iommufmt_diag_init(&d);
	if (iommufmt_pgtable_prepare(pt, &a->cfg, &d) ||
	    (a->zero_top && check_zero_key(a, "top", &a->cfg.top, &d)) ||
	    (a->zero_sl0 && check_zero_key(a, "sl0", &a->cfg.sl0, &d))) {
		iommufmt_diag_format(&d, line, sizeof(line));
		return cli_usage_error(a->cmd, "%s: %s", a->name, line);
	}
	*gmem = (struct iommufmt_gmem){ a->regs, a->nmem, 0, NULL, NULL };
	if (iommufmt_gmem_check(gmem, &d)) {
		iommufmt_diag_format(&d, line, sizeof(line));
		return cli_usage_error(a->cmd, "--mem: %s", line);
	}
	return 0;
}

static void perm_str(uint32_t perm, char s[5])
{
	s[0] = perm & IOMMUFMT_ACCESS_READ ? 'r' : '-';
	s[1] = perm & IOMMUFMT_ACCESS_WRITE ? 'w' : '-';
	s[2] = perm & IOMMUFMT_ACCESS_EXEC ? 'x' : '-';
	s[3] = perm & IOMMUFMT_ACCESS_USER ? 'u' : perm & IOMMUFMT_ACCESS_PRIV ? 'p' : '-';
	s[4] = '\0';
}

static const char *reason(uint32_t fault)
{
	const char *n = iommufmt_fault_name(fault);

	return n ? n : "unknown";
}

static const char *jbool(uint32_t v)
{
	return v ? "true" : "false";
}

static int translate_run(int argc, char **argv)
{
	struct pt_args a;
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem gmem;
	uint64_t *iovas;
	int r = parse_args(&a, argc, argv, true);

	if (r)
		return r;
	iovas = calloc((size_t)a.niovas, sizeof(*iovas));
	r = iovas ? 0 : cli_error(a.cmd, "out of memory");
	for (int i = 0; i < a.niovas && !r; i++)
		if (cli_parse_u64(a.iovas[i], &iovas[i], false))
			r = cli_usage_error(a.cmd, "bad IOVA '%s'", a.iovas[i]);
	if (!r)
		r = setup(&a, &pt, &gmem);
	if (!r && !a.json)
		printf("%-18s  %-6s  %-18s  %-12s  %-4s  %-5s  %s\n", "IOVA", "STATUS", "PA",
		       "PAGE_SIZE", "PERM", "LEVEL", "REASON");
	for (int i = 0; i < a.niovas && !r; i++) {
		struct iommufmt_xlate x;
		char ps[5];

		if (iommufmt_pgtable_translate(&pt, &gmem, iovas[i], a.access, &x)) {
			r = cli_error(a.cmd, "translation failed");
			break;
		}
		perm_str(x.perm, ps);
		if (a.json && !x.fault)
			printf("{\"iova\":\"0x%llx\",\"status\":\"ok\",\"pa\":\"0x%llx\",\"page_size\":"
			       "\"0x%llx\",\"read\":%s,\"write\":%s,\"exec\":%s,\"level\":%u,"
			       "\"native_level\":%u}\n",
			       (unsigned long long)x.iova, (unsigned long long)x.pa,
			       (unsigned long long)x.page_size, jbool(x.perm & IOMMUFMT_ACCESS_READ),
			       jbool(x.perm & IOMMUFMT_ACCESS_WRITE),
			       jbool(x.perm & IOMMUFMT_ACCESS_EXEC), x.level, x.native_level);
		else if (a.json)
			printf("{\"iova\":\"0x%llx\",\"status\":\"fault\",\"reason\":\"%s\",\"level\":%u,"
			       "\"native_level\":%u}\n",
			       (unsigned long long)x.iova, reason(x.fault), x.level, x.native_level);
		else if (!x.fault)
			printf("0x%016llx  %-6s  0x%016llx  0x%-10llx  %-4s  %-5u\n",
			       (unsigned long long)x.iova, "ok", (unsigned long long)x.pa,
			       (unsigned long long)x.page_size, ps, x.level);
		else
			printf("0x%016llx  %-6s  %-18s  %-12s  %-4s  %-5u  %s\n",
			       (unsigned long long)x.iova, "fault", "-", "-", "-", x.level,
			       reason(x.fault));
	}
	free(iovas);
	free(a.iovas);
	free_mem(&a);
	return r;
}

struct walk_out {
	bool json;
	unsigned long leaves, faults;
};

static int walk_print(void *opaque, const struct iommufmt_xlate *rec)
{
	struct walk_out *w = opaque;
	char ps[5];

	if (rec->fault) {
		w->faults++;
		if (w->json)
			printf("{\"status\":\"fault\",\"iova\":\"0x%llx\",\"reason\":\"%s\"}\n",
			       (unsigned long long)rec->iova, reason(rec->fault));
		else
			printf("0x%016llx  %-18s  0x%-10llx  %-4s  %-5u  fault: %s\n",
			       (unsigned long long)rec->iova, "-", (unsigned long long)rec->page_size,
			       "-", rec->level, reason(rec->fault));
		return 0;
	}
	w->leaves++;
	perm_str(rec->perm, ps);
	if (w->json)
		printf("{\"iova\":\"0x%llx\",\"pa\":\"0x%llx\",\"page_size\":\"0x%llx\",\"read\":%s,"
		       "\"write\":%s}\n", (unsigned long long)rec->iova, (unsigned long long)rec->pa,
		       (unsigned long long)rec->page_size, jbool(rec->perm & IOMMUFMT_ACCESS_READ),
		       jbool(rec->perm & IOMMUFMT_ACCESS_WRITE));
	else
		printf("0x%016llx  0x%016llx  0x%-10llx  %-4s  %-5u\n", (unsigned long long)rec->iova,
		       (unsigned long long)rec->pa, (unsigned long long)rec->page_size, ps,
		       rec->level);
	return 0;
}

static int walk_run(int argc, char **argv)
{
	struct pt_args a;
	struct iommufmt_pgtable pt;
	struct iommufmt_gmem gmem;
	struct walk_out w = { 0 };
	int r = parse_args(&a, argc, argv, false);

	if (r)
		return r;
	r = setup(&a, &pt, &gmem);
	if (!r) {
		w.json = a.json;
		if (!a.json)
			printf("%-18s  %-18s  %-12s  %-4s  %-5s\n", "IOVA", "PA", "PAGE_SIZE", "PERM",
			       "LEVEL");
		r = iommufmt_pgtable_walk_range(&pt, &gmem, a.start, a.last,
					IOMMUFMT_WALK_FAULTS | (a.coalesce ? IOMMUFMT_WALK_COALESCE : 0),
					walk_print, &w);
		if (r == -ELOOP)
			r = cli_error(a.cmd, "walk stopped: the tables alias each other beyond the "
				      "visit budget");
		else if (r)
			r = cli_error(a.cmd, "walk failed: %s", iommufmt_strerror(r));
		else if (!a.json)
			printf("%lu leaf mapping%s, %lu faulting subtree%s\n", w.leaves,
			       w.leaves == 1 ? "" : "s", w.faults, w.faults == 1 ? "" : "s");
	}
	free(a.iovas);
	free_mem(&a);
	return r;
}

#define PT_OPTIONS_HELP \
	"  --pgtable NAME     x86-64, vtd-ss, amd-v1, arm-lpae-s1, arm-lpae-s2, s390-dat\n" \
	"                     (any registered format; see 'iommufmt info')\n" \
	"  --opt KEY=VAL      configuration, repeatable; a key the format does not use\n" \
	"                     is rejected:\n" \
	"                       levels=N     x86-64 4|5, vtd-ss 3|4|5, amd-v1 1..6\n" \
	"                       ias=BITS     input address bits (vtd-ss: MGAW; arm: 64-TnSZ)\n" \
	"                       oas=BITS     output address bits (host width, IPS/PS)\n" \
	"                       granule=4k|16k|64k   arm-lpae translation granule\n" \
	"                       sl0=N        arm-lpae-s2 VTCR.SL0 as programmed\n" \
	"                       top=rf|rs|rt|sx      s390-dat designation type of the root\n" \
	"                       ad=0|1       hardware access/dirty tracking (A/D, HA/HD, HAD)\n" \
	"                       exec=0|1     execute permission enforced (XD/NXE, SLEE, XN)\n" \
	"                       1g=0|1       1 GiB pages allowed (x86-64 PDPE, vtd-ss SLLPS)\n" \
	"                       affd=0|1     arm: access-flag faults disabled (AFFD)\n" \
	"                       large=0|1    s390: 1 MiB segment frames\n" \
	"  --root GPA         guest-physical address of the root table\n" \
	"  --mem FILE@GPA     raw bytes of FILE at GPA (repeatable, must not overlap)\n" \
	"  --json             one JSON object per line\n" \
	"Numbers are 0x-hex or decimal. Exit status 0 when the command ran (faults\n" \
	"are results), 2 for bad usage, 1 for unreadable input; errors are one line\n" \
	"on stderr.\n"

const struct cli_cmd cli_cmd_translate = {
	.name = "translate",
	.summary = "translate IOVAs through page tables held in memory files",
	.usage = "usage: iommufmt translate --pgtable NAME [--opt KEY=VAL]... --root GPA\n"
		 "                          --mem FILE@GPA [--mem FILE@GPA]... [--access r|w|x]\n"
		 "                          [--json] IOVA...\n\n"
		 "Translate each IOVA and print one row (or JSON object) per IOVA:\n"
		 "  {\"iova\":\"0x..\",\"status\":\"ok\",\"pa\":\"0x..\",\"page_size\":\"0x..\","
		 "\"read\":true,\n   \"write\":false,\"exec\":false,\"level\":N,\"native_level\":M}\n"
		 "  {\"iova\":\"0x..\",\"status\":\"fault\",\"reason\":\"not-present\",\"level\":N,"
		 "\"native_level\":M}\n"
		 "level: 0 is the table of the smallest pages, one more per table toward the\n"
		 "root (every format); native_level: the same table in the format's numbering.\n"
		 "Fault reasons: not-present, permission, reserved-bit, address-size-input,\n"
		 "address-size-output, non-canonical, access-flag, table-read, bad-level,\n"
		 "table-type, table-length. read/write/exec are what the mapping grants.\n\n"
		 "  --access LETTERS   the request: r, w, x, combined (default r); add p for a\n"
		 "                     privileged (supervisor) request\n"
		 PT_OPTIONS_HELP,
	.run = translate_run,
};

const struct cli_cmd cli_cmd_walk = {
	.name = "walk",
	.summary = "list the leaf mappings of page tables held in memory files",
	.usage = "usage: iommufmt walk --pgtable NAME [--opt KEY=VAL]... --root GPA\n"
		 "                     --mem FILE@GPA [--mem FILE@GPA]... [--range START:LAST]\n"
		 "                     [--coalesce] [--json]\n\n"
		 "Print every leaf mapping that intersects [START, LAST] (default: all), in\n"
		 "IOVA order, one row (or JSON object) per leaf, and each subtree that cannot\n"
		 "be walked as a fault:\n"
		 "  {\"iova\":\"0x..\",\"pa\":\"0x..\",\"page_size\":\"0x..\",\"read\":true,"
		 "\"write\":false}\n"
		 "  {\"status\":\"fault\",\"iova\":\"0x..\",\"reason\":\"reserved-bit\"}\n\n"
		 "  --range START:LAST the input range, inclusive\n"
		 "  --coalesce         merge contiguous leaves with equal permissions\n"
		 "Options as for 'iommufmt help translate':\n"
		 PT_OPTIONS_HELP,
	.run = walk_run,
};
