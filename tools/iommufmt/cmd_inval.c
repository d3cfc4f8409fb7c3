/* SPDX-License-Identifier: MIT */
/* `iommufmt decode-inval` and `encode-inval`: native invalidation commands to generic form and back. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "tools/iommufmt/inval_cli.h"

struct name {
	const char *s;
	unsigned int v;
};

static const struct name op_names[] = {
	{ "invalidate", IOMMUFMT_INV_OP_INVALIDATE }, { "sync", IOMMUFMT_INV_OP_SYNC },
	{ "page-response", IOMMUFMT_INV_OP_PAGE_RESP }, { "resume", IOMMUFMT_INV_OP_RESUME },
	{ "prefetch", IOMMUFMT_INV_OP_PREFETCH },
};
static const struct name gran_names[] = {
	{ "global", IOMMUFMT_INV_GRAN_GLOBAL }, { "domain", IOMMUFMT_INV_GRAN_DOMAIN },
	{ "pasid", IOMMUFMT_INV_GRAN_PASID }, { "addr", IOMMUFMT_INV_GRAN_ADDR },
	{ "device", IOMMUFMT_INV_GRAN_DEVICE },
};
static const struct name cache_names[] = {
	{ "iotlb", IOMMUFMT_INV_CACHE_IOTLB }, { "dev-iotlb", IOMMUFMT_INV_CACHE_DEV_IOTLB },
	{ "pasid", IOMMUFMT_INV_CACHE_PASID }, { "device", IOMMUFMT_INV_CACHE_DEVICE },
	{ "intr", IOMMUFMT_INV_CACHE_INTR },
};
/* Flags a user names; the id-valid flags come from the presence of the ids. */
static const struct name flag_names[] = {
	{ "leaf", IOMMUFMT_INV_F_LEAF }, { "stage2", IOMMUFMT_INV_F_STAGE2 },
	{ "pasid-global", IOMMUFMT_INV_F_PASID_GLOBAL }, { "drain-read", IOMMUFMT_INV_F_DRAIN_READ },
	{ "drain-write", IOMMUFMT_INV_F_DRAIN_WRITE }, { "irq", IOMMUFMT_INV_F_SYNC_IRQ },
	{ "store", IOMMUFMT_INV_F_SYNC_STORE }, { "fence", IOMMUFMT_INV_F_SYNC_FENCE },
	{ "drain-prq", IOMMUFMT_INV_F_SYNC_DRAIN_PRQ }, { "event", IOMMUFMT_INV_F_SYNC_EVENT },
	{ "last", IOMMUFMT_INV_F_RESP_LAST }, { "all-tags", IOMMUFMT_INV_F_ALL_TAGS },
};
static const struct name cfg_names[] = {
	{ "pasid", IOMMUFMT_INV_CFG_PASID }, { "ats", IOMMUFMT_INV_CFG_ATS },
	{ "pri", IOMMUFMT_INV_CFG_PRI }, { "range", IOMMUFMT_INV_CFG_RANGE },
	{ "ds", IOMMUFMT_INV_CFG_DS }, { "wide", IOMMUFMT_INV_CFG_WIDE },
	{ "stall", IOMMUFMT_INV_CFG_STALL }, { "inv-all", IOMMUFMT_INV_CFG_INV_ALL },
	{ "stage2", IOMMUFMT_INV_CFG_STAGE2 },
};
static const char *const resp_names[] = { "success", "invalid", "failure" };
static const char *const resume_names[] = { "retry", "abort", "raz" };
static const char *const class_names[] = { "none", "illegal", "fetch", "atc-timeout" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *by_value(const struct name *t, size_t n, unsigned int v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].s;
	return "?";
}

static int by_name(const struct name *t, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(t[i].s, s))
			return (int)t[i].v;
	return -1;
}

const char *inval_op_name(unsigned int op) { return by_value(op_names, N(op_names), op); }
const char *inval_gran_name(unsigned int g) { return by_value(gran_names, N(gran_names), g); }
const char *inval_class_name(unsigned int c) { return c < N(class_names) ? class_names[c] : "?"; }
int inval_op_lookup(const char *s) { return by_name(op_names, N(op_names), s); }
int inval_gran_lookup(const char *s) { return by_name(gran_names, N(gran_names), s); }
int inval_cache_lookup(const char *s) { return by_name(cache_names, N(cache_names), s); }
int inval_flag_lookup(const char *s) { return by_name(flag_names, N(flag_names), s); }
int inval_cfg_lookup(const char *s) { return by_name(cfg_names, N(cfg_names), s); }

/* Collects the configuration features named in a list. */
struct feature_acc {
	const char *cmd;
	__u32 all;	/* what "all" means */
	__u32 flags;
};

static int add_feature(const char *t, void *arg)
{
	struct feature_acc *a = arg;
	int f = inval_cfg_lookup(t);

	if (!strcmp(t, "all"))
		a->flags |= a->all;
	else if (f >= 0)
		a->flags |= (__u32)f;
	else if (strcmp(t, "none"))
		return cli_usage_error(a->cmd, "unknown feature '%s'", t);
	return 0;
}

int inval_codec(const char *cmd, const char *name, const char *features, bool wide, int max_am,
		int granule, struct iommufmt_inv_codec *c)
{
	const struct iommufmt_model_ops *m = iommufmt_model_by_name(name);
	const struct iommufmt_inval_ops *ops;
	struct iommufmt_inv_cfg cfg = { .argsz = sizeof(cfg) };
	struct iommufmt_diag d;

	if (!m && name && strlen(name) == 4)
		m = iommufmt_model_get(IOMMUFMT_FOURCC(name[0], name[1], name[2], name[3]), 0);
	if (!m)
		return cli_usage_error(cmd, "unknown model '%s' (try 'iommufmt info')", name ? name : "");
	ops = IOMMUFMT_OPS_GET(m, struct iommufmt_model_ops, inval);
	if (!ops)
		return cli_fail(cmd, -EOPNOTSUPP, "model %s has no invalidation codec", m->name);
	cfg.model = m->model;
	cfg.variant = m->variant;
	cfg.flags = ops->cfg_flags & ~IOMMUFMT_INV_CFG_WIDE;
	if (features) {
		struct feature_acc a = { cmd, cfg.flags, 0 };
		int r = cli_for_each_token(features, ",", 256, add_feature, &a);

		if (r == -E2BIG)
			return cli_usage_error(cmd, "feature list too long");
		if (r)
			return r;
		cfg.flags = a.flags;
	}
	if (wide)
		cfg.flags |= IOMMUFMT_INV_CFG_WIDE;
	if (m->model == IOMMUFMT_MODEL_INTEL)
		cfg.max_am = (__u8)(max_am < 0 ? 63 : max_am);
	else if (max_am >= 0)
		cfg.max_am = (__u8)max_am;
	cfg.granule = (__u8)(granule < 0 ? 0 : granule);
	iommufmt_diag_init(&d);
	if (iommufmt_inv_codec_prepare(c, &cfg, &d)) {
		return cli_fail_diag(cmd, d.error, "codec", &d);
	}
	return 0;
}

/* The value hi * 2^64 + lo in hex, as " key=0x..." or ",\"key\":\"0x...\"". */
static void print_hex(FILE *f, bool json, const char *key, uint64_t hi, uint64_t lo)
{
	char hex[40];

	if (hi)
		snprintf(hex, sizeof(hex), "0x%llx%016llx", (unsigned long long)hi,
			 (unsigned long long)lo);
	else
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)lo);
	if (json)
		fprintf(f, ",\"%s\":\"%s\"", key, hex);
	else
		fprintf(f, " %s=%s", key, hex);
}

/*
 * An address range's size, nr_granules * 2^granule (2^64 for the whole
 * space), in hex: the high and low words of the product, no wider type.
 * Decoded entries have granules below 64.
 */
static void print_size(FILE *f, bool json, const struct iommufmt_inv_entry *e)
{
	const unsigned int g = e->granule & 63;

	print_hex(f, json, "size", g ? e->nr_granules >> (64 - g) : 0, e->nr_granules << g);
}

static void print_id(FILE *f, bool json, const char *key, bool valid, unsigned long v)
{
	if (json) {
		if (valid)
			fprintf(f, ",\"%s\":%lu", key, v);
		else
			fprintf(f, ",\"%s\":null", key);
	} else if (valid) {
		fprintf(f, " %s=0x%lx", key, v);
	}
}

/* The start of a JSON line: the index (if any) and the command's name. */
static void json_head(FILE *f, long index, const char *cmd)
{
	fputc('{', f);
	if (index >= 0)
		fprintf(f, "\"index\":%ld,", index);
	fprintf(f, "\"cmd\":");
	cli_json_str(f, cmd ? cmd : "?");
}

/* The caches of an entry by name, each within @quote, joined by @sep. */
static void print_caches(FILE *f, uint32_t caches, const char *sep, const char *quote)
{
	bool first = true;

	for (size_t i = 0; i < N(cache_names); i++)
		if (caches & cache_names[i].v) {
			fprintf(f, "%s%s%s%s", first ? "" : sep, quote, cache_names[i].s, quote);
			first = false;
		}
}

/* Index, command name, op, and for invalidations the granularity and caches. */
static void print_entry_head(FILE *f, long index, const char *cmd,
			     const struct iommufmt_inv_entry *e, bool json)
{
	if (json) {
		json_head(f, index, cmd);
		fprintf(f, ",\"op\":\"%s\",\"caches\":[", inval_op_name(e->op));
		print_caches(f, e->caches, ",", "\"");
		fprintf(f, "],\"granularity\":");
		/* JSON keeps the key (null) where it does not apply: every line has the same keys */
		if (e->op == IOMMUFMT_INV_OP_INVALIDATE)
			fprintf(f, "\"%s\"", inval_gran_name(e->granularity));
		else
			fprintf(f, "null");
		return;
	}
	if (index >= 0)
		fprintf(f, "%5ld ", index);
	fprintf(f, "%-26s %-13s", cmd ? cmd : "?", inval_op_name(e->op));
	if (e->op == IOMMUFMT_INV_OP_INVALIDATE) {
		fprintf(f, " %-6s caches=", inval_gran_name(e->granularity));
		print_caches(f, e->caches, "+", "");
	}
}

/* The address range: an address invalidation's range, or a sync's store address. */
static void print_entry_addr(FILE *f, const struct iommufmt_inv_entry *e, bool addr, bool json)
{
	const bool has_addr = addr || (e->flags & IOMMUFMT_INV_F_SYNC_STORE);

	if (!json) {
		if (has_addr)
			print_hex(f, false, "addr", 0, e->addr);
		if (addr)
			print_size(f, false, e);
		if (e->flags & IOMMUFMT_INV_F_LEAF)
			fprintf(f, " leaf");
		return;
	}
	if (has_addr)
		print_hex(f, true, "addr", 0, e->addr);
	else
		fprintf(f, ",\"addr\":null");
	/* the granule too, so that a range of another granule reads back the same */
	if (addr)
		print_size(f, true, e), fprintf(f, ",\"granule\":%u", e->granule);
	else
		fprintf(f, ",\"size\":null,\"granule\":null");
	fprintf(f, ",\"leaf\":%s", (e->flags & IOMMUFMT_INV_F_LEAF) ? "true" : "false");
}

/* A page response's or resume's tag and code, a sync's store data. */
static void print_entry_reply(FILE *f, const struct iommufmt_inv_entry *e, bool json)
{
	if (e->op == IOMMUFMT_INV_OP_PAGE_RESP || e->op == IOMMUFMT_INV_OP_RESUME) {
		/* the code came from a guest command: an out-of-range one prints as "?" */
		const char *code = e->op == IOMMUFMT_INV_OP_PAGE_RESP ?
				   (e->code < 3 ? resp_names[e->code] : "?") :
				   (e->code < 3 ? resume_names[e->code] : "?");

		fprintf(f, json ? ",\"tag\":%u,\"code\":\"%s\"" : " tag=%u code=%s", e->tag, code);
	}
	if (e->flags & IOMMUFMT_INV_F_SYNC_STORE)
		fprintf(f, json ? ",\"data\":\"0x%llx\"" : " data=0x%llx", (unsigned long long)e->data);
}

/* The remaining flags by name (LEAF is printed with the address). */
static void print_entry_flags(FILE *f, const struct iommufmt_inv_entry *e, bool json)
{
	bool first = true;

	for (size_t i = 0; i < N(flag_names); i++) {
		if (!(e->flags & flag_names[i].v) || flag_names[i].v == IOMMUFMT_INV_F_LEAF)
			continue;
		fprintf(f, json ? "%s\"%s\"" : "%s%s", first ? (json ? ",\"flags\":[" : " flags=") :
			(json ? "," : "+"), flag_names[i].s);
		first = false;
	}
	if (json && !first)
		fputc(']', f);
}

void inval_print_entry(FILE *f, long index, const char *cmd, const struct iommufmt_inv_entry *e,
		       bool json)
{
	const bool addr = e->op == IOMMUFMT_INV_OP_INVALIDATE && e->granularity == IOMMUFMT_INV_GRAN_ADDR;

	print_entry_head(f, index, cmd, e, json);
	print_id(f, json, "archid", e->flags & IOMMUFMT_INV_F_ARCHID, e->archid);
	print_id(f, json, "pasid", e->flags & IOMMUFMT_INV_F_PASID, e->pasid);
	print_id(f, json, "sid", e->flags & IOMMUFMT_INV_F_SID, e->sid);
	print_entry_addr(f, e, addr, json);
	print_id(f, json, "vmid", e->flags & IOMMUFMT_INV_F_VMID, e->vmid);
	/* a SID mask only means something for a device-granular invalidation */
	if (e->sid_mask || json)
		print_id(f, json, "sid_mask", e->granularity == IOMMUFMT_INV_GRAN_DEVICE &&
			 e->op == IOMMUFMT_INV_OP_INVALIDATE, e->sid_mask);
	if (addr && e->level_hint)
		fprintf(f, json ? ",\"level_hint\":%u" : " level=2^%u", e->level_hint);
	print_entry_reply(f, e, json);
	print_entry_flags(f, e, json);
	fputs(json ? "}\n" : "\n", f);
}

void inval_print_error(FILE *f, long index, const char *cmd, int err, unsigned int cls,
		       __u32 native_err, const struct iommufmt_diag *d, bool json)
{
	const char *code = iommufmt_diag_name(d->code);

	if (json) {
		json_head(f, index, cmd);
		fprintf(f, ",\"error\":");
		cli_json_str(f, d->text);
		fprintf(f, ",\"errno\":%d,\"code\":", err);
		cli_json_str(f, code ? code : "?");
		fprintf(f, ",\"field\":");
		cli_json_str(f, d->field);
		fprintf(f, ",\"class\":\"%s\",\"native_err\":%u}\n", inval_class_name(cls), native_err);
		return;
	}
	if (index >= 0)
		fprintf(f, "%5ld ", index);
	fprintf(f, "%-26s error %d [%s] %s: %s (guest sees %s, code %u)\n", cmd ? cmd : "?", err,
		code ? code : "?", d->field, d->text, inval_class_name(cls), native_err);
}

/* ---- decode-inval ---- */

/* The options decode-inval and encode-inval share: the model and its codec's configuration. */
struct codec_opts {
	const char *model;
	const char *features;
	bool wide;
	long max_am;
	long granule;
};

/* Take argv[*i] (and its value) when it is a codec option (--granule only if @granule); 1 if taken. */
static int codec_opt(int argc, char **argv, int *i, bool granule, struct codec_opts *o)
{
	const char *a = argv[*i];

	if (!strcmp(a, "--wide")) {
		o->wide = true;
		return 1;
	}
	if (*i + 1 >= argc)
		return 0;
	if (!strcmp(a, "--model"))
		o->model = argv[++*i];
	else if (!strcmp(a, "--features"))
		o->features = argv[++*i];
	else if (!strcmp(a, "--max-am"))
		o->max_am = strtol(argv[++*i], NULL, 0);
	else if (granule && !strcmp(a, "--granule"))
		o->granule = strtol(argv[++*i], NULL, 0);
	else
		return 0;
	return 1;
}

/* The numbers of a ring being parsed. */
struct ring_acc {
	uint64_t *v;
	int n;
};

static int ring_num(const char *t, void *arg)
{
	struct ring_acc *a = arg;

	return a->n >= 4 || cli_parse_u64(t, &a->v[a->n++], false) ? -1 : 0;
}

static int parse_ring(const char *s, uint64_t v[4])
{
	struct ring_acc a = { v, 0 };

	return cli_for_each_token(s, ":", 200, ring_num, &a) || a.n != 4 ? -1 : 0;
}

/* A flat array: every command decoded on its own.  Returns 1 when one is bad. */
static int decode_flat(const struct iommufmt_inv_codec *c, const unsigned char *buf, size_t len,
		       bool json)
{
	int bad = 0;

	for (size_t i = 0; i < len / c->cmd_size; i++) {
		const unsigned char *p = buf + i * c->cmd_size;
		struct iommufmt_inv_entry e = { .argsz = sizeof(e) };
		struct iommufmt_diag d;
		int r;

		iommufmt_diag_init(&d);
		r = iommufmt_inv_decode(c, p, c->cmd_size, &e, &d);
		if (r) {
			/* -EFAULT: the command could not be read, which a ring reports as a fetch error */
			unsigned int cls = r == -EFAULT ? IOMMUFMT_INV_ERR_FETCH : IOMMUFMT_INV_ERR_ILLEGAL;

			inval_print_error(stdout, (long)i, iommufmt_inv_cmd_name(c, p, c->cmd_size), r,
					  cls, iommufmt_inv_native_error(c, cls), &d, json);
			bad = 1;
		} else {
			inval_print_entry(stdout, (long)i, iommufmt_inv_cmd_name(c, p, c->cmd_size),
					  &e, json);
		}
	}
	return bad;
}

/*
 * A ring in guest memory (the file, from BASE on), consumed from HEAD to
 * TAIL in batches as a VMM would, stopping at the first bad command as the
 * IOMMU does.  Returns 0, 1 when a command is bad or the ring is refused,
 * 2 for a bad --ring.
 */
static int decode_ring(const struct iommufmt_inv_codec *c, const unsigned char *buf, size_t len,
		       const char *ring, bool wrap, bool json)
{
	uint64_t v[4];
	struct iommufmt_gmem_region reg = { 0 };
	struct iommufmt_gmem gm = { .regions = &reg, .nr_regions = 1 };
	struct iommufmt_inv_queue q = { .argsz = sizeof(q), .entry_size = c->cmd_size };
	struct iommufmt_inv_entry ents[64];
	struct iommufmt_inv_batch out = { .argsz = sizeof(out), .entry_len = sizeof(ents[0]),
					  .entries_uptr = (uintptr_t)ents };

	/* the queue registers are 32-bit: larger values cannot come from a guest */
	if (parse_ring(ring, v) || v[1] > UINT32_MAX || v[2] > UINT32_MAX || v[3] > UINT32_MAX)
		return cli_usage_error("decode-inval", "--ring takes BASE:SIZE:HEAD:TAIL");
	reg.gpa = v[0];
	reg.size = len;
	reg.host = (void *)(uintptr_t)buf;
	/* an empty file is no guest memory at all: every fetch fails */
	gm.nr_regions = len ? 1 : 0;
	q.base = v[0];
	q.size = (__u32)v[1];
	q.head = (__u32)v[2];
	q.tail = (__u32)v[3];
	q.flags = wrap ? IOMMUFMT_INV_QUEUE_F_WRAP : 0;
	for (;;) {
		struct iommufmt_diag d;
		__u32 start = q.head, got;
		int r;

		iommufmt_diag_init(&d);
		out.entry_num = N(ents);
		r = iommufmt_inv_queue_decode(c, &gm, &q, &out, &d);
		/* entry_num: the entries decoded, also on error (0 when the ring was refused) */
		got = out.entry_num <= N(ents) ? out.entry_num : 0;
		for (__u32 i = 0; i < got; i++) {
			uint64_t slot = ((uint64_t)start + i) % q.size;

			inval_print_entry(stdout, (long)slot,
					  iommufmt_inv_cmd_name(c, ents[i].native.desc,
								ents[i].native.len), &ents[i], json);
		}
		if (r) {
			const char *name = NULL;

			/* an illegal command was fetched, so its slot lies inside the file */
			if (q.err_class == IOMMUFMT_INV_ERR_ILLEGAL)
				name = iommufmt_inv_cmd_name(c, buf + ((q.base + (uint64_t)q.err_index *
									  c->cmd_size) - reg.gpa),
							     c->cmd_size);
			/* no error class: the ring itself was refused, not a command in it */
			if (q.err_class == IOMMUFMT_INV_ERR_NONE)
				return cli_fail_diag("decode-inval", d.error, NULL, &d);
			inval_print_error(stdout, q.err_index, name, r, q.err_class, q.native_err, &d,
					  json);
			return 1;
		}
		if (!got || q.head == q.tail)
			return 0;
	}
}

static int decode_run(int argc, char **argv)
{
	struct codec_opts co = { NULL, NULL, false, -1, -1 };
	const char *file = NULL, *ring = NULL;
	bool json = false, wrap = false;
	struct iommufmt_inv_codec c;
	unsigned char *buf;
	size_t len;
	int r;

	for (int i = 1; i < argc; i++) {
		if (codec_opt(argc, argv, &i, false, &co))
			continue;
		if (!strcmp(argv[i], "--ring") && i + 1 < argc)
			ring = argv[++i];
		else if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--wrap"))
			wrap = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("decode-inval", "unknown argument '%s'", argv[i]);
		else if (!file)
			file = argv[i];
		else
			return cli_usage_error("decode-inval", "more than one file");
	}
	if (!co.model || !file)
		return cli_usage_error("decode-inval", "need --model M and a FILE (see 'iommufmt help decode-inval')");
	if (co.max_am < -1 || co.max_am > 63)
		return cli_usage_error("decode-inval", "--max-am takes 0..63");
	if (inval_codec("decode-inval", co.model, co.features, co.wide, (int)co.max_am, -1, &c))
		return 2;
	buf = cli_load_file(file, &len);
	if (!buf)
		return cli_file_error("decode-inval", "cannot read", file);
	if (ring)
		r = decode_ring(&c, buf, len, ring, wrap, json);
	else if (len % c.cmd_size)
		r = cli_fail("decode-inval", -EINVAL, "%s: %zu bytes are not whole %u-byte commands",
			     file, len, c.cmd_size);
	else
		r = decode_flat(&c, buf, len, json);
	free(buf);
	return r;
}

const struct cli_cmd cli_cmd_decode_inval = {
	.name = "decode-inval",
	.summary = "decode native invalidation commands (VT-d, AMD-Vi, SMMUv3, s390)",
	.usage = "usage: iommufmt decode-inval --model M [--ring BASE:SIZE:HEAD:TAIL [--wrap]] FILE [--json]\n"
		 "                             [--features LIST] [--wide] [--max-am N]\n\n"
		 "Decode the native commands in FILE ('-' for stdin) and print one line per\n"
		 "command with its generic form (index, cmd, op, caches, granularity, archid,\n"
		 "pasid, sid, addr, size, leaf, ...) or the error that makes it illegal.\n"
		 "Without --ring, FILE is a flat array of commands, each decoded on its own.\n"
		 "With --ring, FILE is guest memory starting at guest-physical BASE, holding\n"
		 "a ring of SIZE slots; slots HEAD up to TAIL are decoded with wrap-around and\n"
		 "processing stops at the first bad command, as the IOMMU would (--wrap: HEAD\n"
		 "and TAIL carry an SMMU-style wrap bit).\n"
		 "  --model M        intel, amd, smmuv3, s390 (or a FourCC such as SMMU)\n"
		 "  --features LIST  what the emulated IOMMU supports, comma-separated: pasid,\n"
		 "                   ats, pri, range, ds, stall, inv-all, stage2; 'all' (the\n"
		 "                   default) or 'none'\n"
		 "  --wide           VT-d 256-bit descriptors\n"
		 "  --max-am N       VT-d CAP.MAMV (default 63)\n"
		 "  --json           one JSON object per line\n"
		 "Exit status 1 when a command is bad.\n",
	.run = decode_run,
};

/* ---- encode-inval ---- */

/*
 * A number or a hex/decimal string into *v, overflow-checked. With @pow64,
 * 2^64 itself (a size: the whole space) is taken too: *pow64 says it was,
 * and *v is 0.
 */
static int json_num(json_object *o, uint64_t *v, bool *pow64)
{
	const char *s;
	uint64_t x = 0;
	unsigned int base = 10;

	if (pow64)
		*pow64 = false;
	if (json_object_is_type(o, json_type_int)) {
		int64_t i = json_object_get_int64(o);

		if (i < 0)
			return -1;
		*v = json_object_get_uint64(o);
		return 0;
	}
	if (!json_object_is_type(o, json_type_string))
		return -1;
	s = json_object_get_string(o);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	while (s[0] == '0' && s[1])
		s++;	/* leading zeros */
	if (pow64 && !strcmp(s, base == 16 ? "10000000000000000" : "18446744073709551616")) {
		*pow64 = true;
		*v = 0;
		return 0;
	}
	for (; *s; s++) {
		unsigned int d = *s >= '0' && *s <= '9' ? (unsigned int)(*s - '0') :
				 *s >= 'a' && *s <= 'f' ? (unsigned int)(*s - 'a' + 10) :
				 *s >= 'A' && *s <= 'F' ? (unsigned int)(*s - 'A' + 10) : 99;

		if (d >= base || x > (UINT64_MAX - d) / base)
			return -1;
		x = x * base + d;
	}
	*v = x;
	return 0;
}

static int field_u64(json_object *obj, const char *key, uint64_t max, uint64_t *v, bool *present)
{
	json_object *o;
	uint64_t x;

	*present = false;
	if (!json_object_object_get_ex(obj, key, &o) || json_object_is_type(o, json_type_null))
		return 0;
	if (json_num(o, &x, NULL) || x > max)
		return -1;
	*v = x;
	*present = true;
	return 0;
}

/* The named fields: op, caches, granularity, flags, leaf.  Unknown names are errors. */
static int entry_names_from_json(json_object *obj, struct iommufmt_inv_entry *e, const char **why)
{
	json_object *o;

	if (json_object_object_get_ex(obj, "op", &o)) {
		int op = inval_op_lookup(json_object_get_string(o));

		if (op < 0)
			return *why = "unknown op", -1;
		e->op = (__u8)op;
	}
	if (json_object_object_get_ex(obj, "caches", &o)) {
		/* one cache may be given bare, as a string instead of a one-element array */
		size_t n = json_object_is_type(o, json_type_array) ? json_object_array_length(o) : 1;

		for (size_t i = 0; i < n; i++) {
			json_object *x = json_object_is_type(o, json_type_array) ?
					 json_object_array_get_idx(o, i) : o;
			int c = inval_cache_lookup(json_object_get_string(x));

			if (c < 0)
				return *why = "unknown cache", -1;
			e->caches |= (__u32)c;
		}
	}
	if (json_object_object_get_ex(obj, "granularity", &o)) {
		int g = inval_gran_lookup(json_object_get_string(o));

		if (g < 0)
			return *why = "unknown granularity", -1;
		e->granularity = (__u8)g;
	}
	if (json_object_object_get_ex(obj, "flags", &o) && json_object_is_type(o, json_type_array))
		for (size_t i = 0; i < json_object_array_length(o); i++) {
			int f = inval_flag_lookup(json_object_get_string(json_object_array_get_idx(o, i)));

			if (f < 0)
				return *why = "unknown flag", -1;
			e->flags |= (__u32)f;
		}
	if (json_object_object_get_ex(obj, "leaf", &o) && json_object_get_boolean(o))
		e->flags |= IOMMUFMT_INV_F_LEAF;
	return 0;
}

/* The 32-bit ids; a present id also sets its validity flag, as decode reports it. */
static int entry_ids_from_json(json_object *obj, struct iommufmt_inv_entry *e, const char **why)
{
	uint64_t v;
	bool has;

#define ID(key, field, flag, max) \
	do { \
		if (field_u64(obj, key, max, &v, &has)) \
			return *why = "bad " key, -1; \
		if (has) { \
			e->field = (__u32)v; \
			e->flags |= flag; \
		} \
	} while (0)
	ID("archid", archid, IOMMUFMT_INV_F_ARCHID, UINT32_MAX);
	ID("pasid", pasid, IOMMUFMT_INV_F_PASID, UINT32_MAX);
	ID("sid", sid, IOMMUFMT_INV_F_SID, UINT32_MAX);
	ID("vmid", vmid, IOMMUFMT_INV_F_VMID, UINT32_MAX);
	ID("sid_mask", sid_mask, 0, UINT32_MAX);
	ID("tag", tag, 0, UINT32_MAX);
#undef ID
	return 0;
}

/*
 * The range: addr, granule and its length, as nr_granules or as size in
 * bytes.  The granule is read first because size is counted in it; it is
 * kept only for address invalidations (decode prints it for no other op).
 */
static int entry_range_from_json(json_object *obj, struct iommufmt_inv_entry *e, const char **why)
{
	json_object *o;
	uint64_t v, size = 0;
	bool has, size64 = false;

	v = 0;
	if (field_u64(obj, "addr", UINT64_MAX, &v, &has))
		return *why = "bad addr", -1;
	e->addr = v;
	v = 0;
	if (field_u64(obj, "data", UINT64_MAX, &v, &has))
		return *why = "bad data", -1;
	e->data = v;
	v = 0;
	if (field_u64(obj, "level_hint", 63, &v, &has))
		return *why = "bad level_hint", -1;
	e->level_hint = (__u8)v;
	/* interrupt-entry ranges count entries (granule 0), everything else 4K pages */
	v = e->caches == IOMMUFMT_INV_CACHE_INTR ? 0 : 12;
	if (field_u64(obj, "granule", 63, &v, &has))
		return *why = "bad granule", -1;
	if (e->op == IOMMUFMT_INV_OP_INVALIDATE && e->granularity == IOMMUFMT_INV_GRAN_ADDR)
		e->granule = (__u8)v;
	if (field_u64(obj, "nr_granules", UINT64_MAX, &v, &has))
		return *why = "bad nr_granules", -1;
	e->nr_granules = has ? v : 0;
	if (!json_object_object_get_ex(obj, "size", &o))
		return 0;
	/* 2^64 (the whole space) does not fit a uint64_t: json_num flags it apart */
	if (json_num(o, &size, &size64))
		return *why = "bad size (bytes, up to 0x10000000000000000)", -1;
	if (size64) {
		/* 2^64: 2^(64 - granule) granules; 2^64 interrupt entries cannot be counted (0) */
		e->nr_granules = e->granule ? UINT64_C(1) << (64 - e->granule) : 0;
		return 0;
	}
	if (size & ((UINT64_C(1) << e->granule) - 1))
		return *why = "size is not a multiple of the granule", -1;
	e->nr_granules = size >> e->granule;
	return 0;
}

/* A page response's or resume's code, by the name decode prints. */
static int entry_code_from_json(json_object *obj, struct iommufmt_inv_entry *e, const char **why)
{
	json_object *o;
	const char *s;
	const char *const *t = e->op == IOMMUFMT_INV_OP_RESUME ? resume_names : resp_names;
	int k = -1;

	if (!json_object_object_get_ex(obj, "code", &o))
		return 0;
	s = json_object_get_string(o);
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, t[i]))
			k = i;
	if (k < 0)
		return *why = "unknown code", -1;
	e->code = (__u32)k;
	return 0;
}

/*
 * Build an entry from one JSON object (the form decode-inval --json prints);
 * a message in @why on failure.  The steps run in this order because the
 * range depends on op, caches and granularity, the code on op.
 */
int entry_from_json(json_object *obj, struct iommufmt_inv_entry *e, const char **why)
{
	memset(e, 0, sizeof(*e));
	e->argsz = sizeof(*e);
	if (!json_object_is_type(obj, json_type_object))
		return *why = "not a JSON object", -1;
	if (entry_names_from_json(obj, e, why) || entry_ids_from_json(obj, e, why) ||
	    entry_range_from_json(obj, e, why) || entry_code_from_json(obj, e, why))
		return -1;
	return 0;
}

static int encode_run(int argc, char **argv)
{
	struct codec_opts co = { NULL, NULL, false, -1, -1 };
	const char *file = "-";
	bool hex = false;
	struct iommufmt_inv_codec c;
	char line[4096];
	unsigned long lineno = 0;
	FILE *in;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (codec_opt(argc, argv, &i, true, &co))
			continue;
		if (!strcmp(argv[i], "--hex"))
			hex = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("encode-inval", "unknown argument '%s'", argv[i]);
		else
			file = argv[i];
	}
	if (!co.model)
		return cli_usage_error("encode-inval", "need --model M");
	if (co.max_am < -1 || co.max_am > 63 || co.granule < -1 || co.granule > 16)
		return cli_usage_error("encode-inval", "--max-am takes 0..63, --granule 12, 14 or 16");
	if (inval_codec("encode-inval", co.model, co.features, co.wide, (int)co.max_am,
			(int)co.granule, &c))
		return 2;
	in = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!in)
		return cli_file_error("encode-inval", "cannot read", file);
	while (fgets(line, sizeof(line), in)) {
		unsigned char out[(IOMMUFMT_INV_ENCODE_MAX * 5 + 8) * 32];
		struct iommufmt_inv_entry e;
		struct iommufmt_diag d;
		json_object *obj;
		const char *why = NULL;
		__u32 n = 0, ef = 0;

		lineno++;
		if (line[strspn(line, " \t\r\n")] == '\0' || line[strspn(line, " \t")] == '#')
			continue;
		obj = json_tokener_parse(line);
		if (!obj || entry_from_json(obj, &e, &why)) {
			json_object_put(obj);
			rc = cli_fail("encode-inval", -EINVAL, "line %lu: %s", lineno, obj ? why : "not JSON");
			break;
		}
		json_object_put(obj);
		iommufmt_diag_init(&d);
		if (iommufmt_inv_encode(&c, &e, out, sizeof(out), &n, &ef, &d)) {
			char pre[64];

			snprintf(pre, sizeof(pre), "line %lu", lineno);
			rc = cli_fail_diag("encode-inval", d.error, pre, &d);
			break;
		}
		if (ef)
			fprintf(stderr, "iommufmt encode-inval: line %lu:%s%s\n", lineno,
				(ef & IOMMUFMT_INV_ENC_WIDENED) ? " widened" : "",
				(ef & IOMMUFMT_INV_ENC_DROPPED) ? " dropped" : "");
		for (__u32 i = 0; i < n; i++) {
			const unsigned char *p = out + (size_t)i * c.cmd_size;

			if (!hex) {
				fwrite(p, 1, c.cmd_size, stdout);
				continue;
			}
			for (unsigned int k = 0; k < c.cmd_size; k++)
				printf("%02x", p[k]);
			printf("  # %s\n", iommufmt_inv_cmd_name(&c, p, c.cmd_size));
		}
	}
	if (in != stdin)
		fclose(in);
	return rc;
}

const struct cli_cmd cli_cmd_encode_inval = {
	.name = "encode-inval",
	.summary = "encode generic invalidations (JSON lines) as native commands",
	.usage = "usage: iommufmt encode-inval --model M [--hex] [FILE] [--features LIST] [--wide]\n"
		 "                             [--max-am N] [--granule G]\n\n"
		 "Read generic invalidations, one JSON object per line, from FILE or stdin, and\n"
		 "write the native commands of model M: raw bytes, or with --hex one command\n"
		 "per line as hex bytes (xxd -r -p reads them back) followed by its name.\n"
		 "Keys: op (invalidate, sync, page-response, resume, prefetch), caches (iotlb,\n"
		 "dev-iotlb, pasid, device, intr), granularity (global, domain, pasid, addr,\n"
		 "device), archid, pasid, sid, vmid, sid_mask (their presence marks them\n"
		 "valid), addr, size (bytes, up to \"0x10000000000000000\") or nr_granules,\n"
		 "granule (default 12), leaf, level_hint, data, tag, code (success, invalid,\n"
		 "failure; retry, abort, raz), flags (stage2, pasid-global, drain-read,\n"
		 "drain-write, irq, store, fence, drain-prq, event, last, all-tags).\n"
		 "Numbers may be JSON numbers or \"0x...\" strings. Over-invalidation the\n"
		 "format forces and dropped parts are reported on stderr.\n"
		 "  --granule G      SMMU: encode ranges in 2^G-byte host granules\n"
		 "Other options as for decode-inval.\n",
	.run = encode_run,
};
