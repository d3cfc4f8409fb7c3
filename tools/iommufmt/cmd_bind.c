/* SPDX-License-Identifier: MIT */
/* `iommufmt hostinfo`, `check-bind` and `advertise`: host capabilities, bind validation, guest registers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "tools/iommufmt/bind_cli.h"

struct flag_name {
	uint32_t bit;
	const char *name;
};

static json_object *json_hex(uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%llx", (unsigned long long)v);
	return json_object_new_string(b);
}

static const char *pgtable_name(uint32_t format)
{
	const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_get(format);

	return p ? p->name : "?";
}

/* The reason of a reject: its code name, field and text. */
static void json_diag(json_object *o, const struct iommufmt_diag *d)
{
	const char *name = iommufmt_diag_name(d->code);

	json_object_object_add(o, "code", json_object_new_string(name ? name : "?"));
	json_object_object_add(o, "field", json_object_new_string(d->field));
	json_object_object_add(o, "text", json_object_new_string(d->text));
}

static const struct flag_name pgtf_names[] = {
	{ IOMMUFMT_PGTF_AD, "ad" }, { IOMMUFMT_PGTF_EXEC, "exec" }, { IOMMUFMT_PGTF_PRIV, "priv" },
	{ IOMMUFMT_PGTF_STAGE1, "stage1" }, { IOMMUFMT_PGTF_STAGE2, "stage2" },
	{ IOMMUFMT_PGTF_NO_READONLY, "no-readonly" }, { 0, NULL },
};
static const struct flag_name pasid_names[] = {
	{ IOMMUFMT_PASID_F_PRI, "pri" }, { IOMMUFMT_PASID_F_EXEC, "exec" },
	{ IOMMUFMT_PASID_F_PRIV, "priv" }, { IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED, "ats-not-supported" },
	{ IOMMUFMT_PASID_F_STALL, "stall" }, { 0, NULL },
};
static const struct flag_name nest_names[] = {
	{ IOMMUFMT_NESTING_F_PASID_TABLE, "pasid-table" }, { IOMMUFMT_NESTING_F_PGTABLE, "pgtable" },
	{ IOMMUFMT_NESTING_F_SHADOW, "shadow" }, { IOMMUFMT_NESTING_F_DIRTY, "dirty" },
	{ IOMMUFMT_NESTING_F_NO_PASID_S1, "no-pasid-s1" }, { 0, NULL },
};
static const struct flag_name inv_names[] = {
	{ IOMMUFMT_INVF_RANGE, "range" }, { IOMMUFMT_INVF_PASID, "pasid" },
	{ IOMMUFMT_INVF_DEVTLB, "devtlb" }, { IOMMUFMT_INVF_LEAF, "leaf" },
	{ IOMMUFMT_INVF_GLOBAL, "global" }, { IOMMUFMT_INVF_PAGE, "page" }, { 0, NULL },
};
static const struct flag_name fault_names[] = {
	{ IOMMUFMT_FAULTF_FLAT, "flat" }, { IOMMUFMT_FAULTF_NESTED_S1, "nested-s1" },
	{ IOMMUFMT_FAULTF_NESTED_S2, "nested-s2" }, { IOMMUFMT_FAULTF_PRI, "pri" },
	{ IOMMUFMT_FAULTF_STALL, "stall" }, { IOMMUFMT_FAULTF_STALL_FORCE, "stall-force" },
	{ 0, NULL },
};
static const struct flag_name feature_names[] = {
	{ IOMMUFMT_VIOMMU_F_PASID, "pasid" }, { IOMMUFMT_VIOMMU_F_PRI, "pri" },
	{ IOMMUFMT_VIOMMU_F_ATS, "ats" }, { IOMMUFMT_VIOMMU_F_STALL, "stall" },
	{ IOMMUFMT_VIOMMU_F_AD, "ad" }, { IOMMUFMT_VIOMMU_F_EXEC, "exec" },
	{ IOMMUFMT_VIOMMU_F_PRIV, "priv" }, { IOMMUFMT_VIOMMU_F_DIRTY, "dirty" },
	{ IOMMUFMT_VIOMMU_F_NO_PASID_S1, "no-pasid-s1" }, { 0, NULL },
};
static const struct flag_name unbind_names[] = {
	{ IOMMUFMT_UNBIND_F_PASID_TABLE, "pasid-table" }, { IOMMUFMT_UNBIND_F_PGTABLE, "pgtable" },
	{ IOMMUFMT_UNBIND_F_RELEASE_FLUSHED, "release-flushed" },
	{ IOMMUFMT_UNBIND_F_RELEASE_IDLE, "release-idle" }, { IOMMUFMT_UNBIND_F_PASID, "pasid" },
	{ 0, NULL },
};
static const struct flag_name pgbind_names[] = {
	{ IOMMUFMT_BIND_PGTABLE_F_PASID, "pasid" }, { 0, NULL },
};
static const struct flag_name granule_names[] = {
	{ 1u << 12, "4k" }, { 1u << 14, "16k" }, { 1u << 16, "64k" }, { 0, NULL },
};

static json_object *json_flags(uint32_t v, const struct flag_name *n)
{
	json_object *a = json_object_new_array();

	for (; n->name; n++)
		if (v & n->bit)
			json_object_array_add(a, json_object_new_string(n->name));
	return a;
}

static void print_flags(FILE *f, uint32_t v, const struct flag_name *n)
{
	int any = 0;

	for (; n->name; n++)
		if (v & n->bit) {
			fprintf(f, "%s%s", any ? "," : "", n->name);
			any = 1;
		}
	if (!any)
		fputs("-", f);
}

/* The bit named @name in @n; -EINVAL when none is. */
static int flag_bit(const struct flag_name *n, const char *name, uint32_t *bit)
{
	for (; n->name; n++)
		if (name && !strcmp(n->name, name)) {
			*bit = n->bit;
			return 0;
		}
	return -EINVAL;
}

/* A bitmap being collected from flag names. */
struct flag_acc {
	const struct flag_name *names;
	uint32_t bits;
};

static int add_flag(const char *tok, void *arg)
{
	struct flag_acc *a = arg;
	uint32_t bit;

	if (flag_bit(a->names, tok, &bit))
		return -EINVAL;
	a->bits |= bit;
	return 0;
}

/* Parse "a,b,c" into a bitmap by names (or a number). */
static int parse_flag_list(const char *s, const struct flag_name *n, uint32_t *out)
{
	struct flag_acc a = { n, 0 };
	uint64_t num;

	if (!cli_parse_u64(s, &num, false) && num <= UINT32_MAX) {
		*out = (uint32_t)num;
		return 0;
	}
	if (cli_for_each_token(s, ",", 256, add_flag, &a))
		return -EINVAL;
	*out = a.bits;
	return 0;
}

/* Print the names of the page-table formats in @bitmap, each after a space. */
static void print_pgtables(uint32_t bitmap)
{
	for (uint32_t i = 0; i < 32; i++)
		if (bitmap & (1u << i))
			printf(" %s", pgtable_name(i));
}


static void sizes_text(char *buf, size_t len, uint64_t bitmap)
{
	static const char *const units[] = { "", "K", "M", "G", "T", "P", "E" };
	unsigned int n = (unsigned int)__builtin_popcountll(bitmap), shown = 0;
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned int b = 0; b < 64 && used < len; b++) {
		if (!(bitmap & (UINT64_C(1) << b)))
			continue;
		if (n > 8 && shown == 4) {
			used += (size_t)snprintf(buf + used, len - used, ",...(%u sizes)", n);
			break;
		}
		used += (size_t)snprintf(buf + used, len - used, "%s%llu%s", used ? "," : "",
					 1ULL << (b % 10), units[b / 10]);
		shown++;
	}
}

/* ---- common host options ---- */

struct host_opts {
	uint32_t model;
	int have_regs;
	struct bind_regs regs;
	const char *file;
	const char *cmd;	/* for messages */
};

static int set_reg(const char *tok, void *arg)
{
	struct host_opts *o = arg;

	if (bind_set_reg(&o->regs, tok))
		return cli_usage_error(o->cmd, "bad register '%s' (keys for %s: %s)", tok,
				       bind_model_name(o->model), bind_regs_keys(o->model));
	return 0;
}

static int host_opt(const char *cmd, struct host_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	int r;

	if (!strcmp(a, "--model") && *i + 1 < argc) {
		const struct iommufmt_model_ops *m = iommufmt_model_by_name(argv[++*i]);

		if (!m)
			return cli_usage_error(cmd, "unknown model '%s' (see 'iommufmt info')",
					       argv[*i]);
		o->model = m->model;
		return 1;
	}
	if ((!strcmp(a, "--host") || !strcmp(a, "--regs-file")) && *i + 1 < argc) {
		o->file = argv[++*i];
		return 1;
	}
	if (!strcmp(a, "--regs") && *i + 1 < argc) {
		if (!o->model)
			return cli_usage_error(cmd, "--model must come before --regs");
		if (!o->have_regs) {
			struct bind_regs ex;

			bind_example_regs(o->model, &ex);
			memset(&o->regs, 0, sizeof(o->regs));
			o->regs.model = o->model;
			o->regs.type = ex.type;
			o->regs.len = ex.len;
			o->have_regs = 1;
		}
		o->cmd = cmd;
		r = cli_for_each_token(argv[++*i], ",", 512, set_reg, o);
		if (r == -E2BIG)
			return cli_usage_error(cmd, "--regs too long");
		return r ? r : 1;
	}
	if (!strcmp(a, "--iommufd-pasid") && *i + 1 < argc) {
		uint64_t v;

		if (cli_parse_u64(argv[++*i], &v, false) || v > 32)
			return cli_usage_error(cmd, "bad --iommufd-pasid '%s'", argv[*i]);
		o->regs.iommufd = 1;
		o->regs.max_pasid_log2 = (uint32_t)v;
		return 1;
	}
	if (!strcmp(a, "--iommufd-caps") && *i + 1 < argc) {
		uint64_t v;

		if (cli_parse_u64(argv[++*i], &v, false))
			return cli_usage_error(cmd, "bad --iommufd-caps '%s'", argv[*i]);
		o->regs.iommufd = 1;
		o->regs.capabilities = v;
		return 1;
	}
	return 0;
}

/* Resolve the host: file, --regs, or the built-in example. Returns 0, 1 (error printed) or 2. */
static int host_make(const char *cmd, struct host_opts *o, struct iommufmt_host **h,
		     int quiet_example)
{
	struct iommufmt_diag d;
	uint32_t iommufd = o->regs.iommufd, pasid = o->regs.max_pasid_log2;
	uint64_t caps = o->regs.capabilities;
	int r;

	if (!o->model)
		return cli_usage_error(cmd, "--model is required");
	if (!o->have_regs) {
		struct bind_regs ex;

		bind_example_regs(o->model, &ex);
		if (o->file) {
			o->regs = ex;
			r = bind_load_regs(&o->regs, o->file);
			if (r)
				return r == -E2BIG ? cli_fail(cmd, r, "%s: more bytes than the "
							"register block holds", o->file) :
					 cli_error(cmd, "cannot read %s: %s", o->file, strerror(-r));
		} else {
			o->regs = ex;
			if (!quiet_example)
				fprintf(stderr, "iommufmt %s: no --host or --regs: using the built-in "
					"example %s host\n", cmd, bind_model_name(o->model));
		}
	} else if (o->file) {
		return cli_usage_error(cmd, "give --host FILE or --regs, not both");
	}
	o->regs.iommufd = iommufd;
	o->regs.max_pasid_log2 = pasid;
	o->regs.capabilities = caps;
	iommufmt_diag_init(&d);
	r = bind_host(&o->regs, h, &d);
	if (r) {
		return cli_fail_diag(cmd, r, "host registers", &d);
	}
	return 0;
}

/* ---- hostinfo ---- */

static json_object *caps_json(const struct iommufmt_host *h)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	json_object *o = json_object_new_object(), *fmts = json_object_new_array(), *x;
	char cc[5];

	json_object_object_add(o, "model", json_object_new_string(bind_model_name(d->model)));
	json_object_object_add(o, "id", json_object_new_string(iommufmt_fourcc_str(d->model, cc)));
	json_object_object_add(o, "variant", json_object_new_int((int)d->variant));
	for (uint32_t i = 0; i < d->nr_pgtables; i++) {
		const struct iommufmt_cap_pgtable_format *f = &d->pgtables[i];

		x = json_object_new_object();
		json_object_object_add(x, "name", json_object_new_string(pgtable_name(f->format)));
		json_object_object_add(x, "id", json_object_new_int((int)f->format));
		json_object_object_add(x, "flags", json_flags(f->flags, pgtf_names));
		json_object_object_add(x, "pgsize_bitmap", json_hex(f->pgsize_bitmap));
		json_object_object_add(x, "granules", json_hex(f->granules));
		json_object_object_add(x, "ias", json_object_new_int(f->ias));
		json_object_object_add(x, "oas", json_object_new_int(f->oas));
		json_object_object_add(x, "min_levels", json_object_new_int(f->min_levels));
		json_object_object_add(x, "max_levels", json_object_new_int(f->max_levels));
		json_object_array_add(fmts, x);
	}
	json_object_object_add(o, "pgtable_formats", fmts);
	x = json_object_new_object();
	json_object_object_add(x, "bits", json_object_new_int(d->pasid.pasid_bits));
	json_object_object_add(x, "flags", json_flags(d->pasid.flags, pasid_names));
	{
		json_object *t = json_object_new_array();

		for (uint32_t i = 0; i < IOMMUFMT_PASIDT_NR; i++)
			if (d->pasid.table_formats & (1u << i))
				json_object_array_add(t, json_object_new_string(iommufmt_pasidt_name(i)));
		json_object_object_add(x, "tables", t);
	}
	json_object_object_add(o, "pasid", x);
	x = json_object_new_object();
	json_object_object_add(x, "flags", json_flags(d->nesting.flags, nest_names));
	json_object_object_add(x, "stage1_formats", json_hex(d->nesting.stage1_formats));
	json_object_object_add(x, "stage2_formats", json_hex(d->nesting.stage2_formats));
	json_object_object_add(x, "gpa_bits", json_object_new_int(d->nesting.gpa_bits));
	json_object_object_add(o, "nesting", x);
	x = json_object_new_object();
	json_object_object_add(x, "flags", json_flags(d->inval.flags, inv_names));
	json_object_object_add(x, "max_range_log2", json_object_new_int(d->inval.max_range_log2));
	json_object_object_add(x, "asid_bits", json_object_new_int(d->inval.asid_bits));
	json_object_object_add(o, "invalidation", x);
	x = json_object_new_object();
	json_object_object_add(x, "flags", json_flags(d->fault.flags, fault_names));
	json_object_object_add(x, "stall_max", json_object_new_int(d->fault.stall_max));
	json_object_object_add(o, "fault", x);
	return o;
}

/* ---- text output: one line per capability of the hw_info chain ---- */

static void print_pgtable_cap(const void *cap)
{
	struct iommufmt_cap_pgtable_format f;
	char sizes[256];

	memcpy(&f, cap, sizeof(f));
	sizes_text(sizes, sizeof(sizes), f.pgsize_bitmap);
	printf("  page-table format %-12s ias %2u oas %2u ", pgtable_name(f.format), f.ias, f.oas);
	if (f.max_levels)
		printf("levels %u-%u ", f.min_levels, f.max_levels);
	printf("pages %s flags ", sizes);
	print_flags(stdout, f.flags, pgtf_names);
}

static void print_pasid_cap(const void *cap)
{
	struct iommufmt_cap_pasid p;

	memcpy(&p, cap, sizeof(p));
	printf("  PASID        %u bits, tables", p.pasid_bits);
	for (uint32_t i = 0; i < IOMMUFMT_PASIDT_NR; i++)
		if (p.table_formats & (1u << i))
			printf(" %s", iommufmt_pasidt_name(i));
	printf("%s, flags ", p.table_formats ? "" : " -");
	print_flags(stdout, p.flags, pasid_names);
}

static void print_nesting_cap(const void *cap)
{
	struct iommufmt_cap_nesting n;

	memcpy(&n, cap, sizeof(n));
	printf("  nesting      flags ");
	print_flags(stdout, n.flags, nest_names);
	printf(", guest stage 1");
	print_pgtables(n.stage1_formats);
	printf(", host stage 2");
	print_pgtables(n.stage2_formats);
	printf(", guest-physical %u bits", n.gpa_bits);
}

static void print_inval_cap(const void *cap)
{
	struct iommufmt_cap_invalidation v;

	memcpy(&v, cap, sizeof(v));
	printf("  invalidation flags ");
	print_flags(stdout, v.flags, inv_names);
	printf(", up to 2^%u pages per range, %u-bit tags", v.max_range_log2, v.asid_bits);
}

static void print_fault_cap(const void *cap)
{
	struct iommufmt_cap_fault f;

	memcpy(&f, cap, sizeof(f));
	printf("  faults       flags ");
	print_flags(stdout, f.flags, fault_names);
	if (f.stall_max)
		printf(", up to %u stalled", f.stall_max);
}

static const struct {
	__u16 id;
	void (*print)(const void *cap);
} cap_printers[] = {
	{ IOMMUFMT_CAP_PGTABLE_FORMAT, print_pgtable_cap }, { IOMMUFMT_CAP_PASID, print_pasid_cap },
	{ IOMMUFMT_CAP_NESTING, print_nesting_cap }, { IOMMUFMT_CAP_INVALIDATION, print_inval_cap },
	{ IOMMUFMT_CAP_FAULT, print_fault_cap },
};

static void print_cap(const struct iommufmt_cap_header *cap, size_t cap_len)
{
	struct iommufmt_cap_header hd;

	memcpy(&hd, cap, sizeof(hd));
	for (size_t i = 0; i < sizeof(cap_printers) / sizeof(cap_printers[0]); i++)
		if (cap_printers[i].id == hd.id) {
			cap_printers[i].print(cap);
			putchar('\n');
			return;
		}
	printf("  capability %u version %u (%zu bytes)\n", hd.id, hd.version, cap_len);
}

/* Text output reads the capability chain, as any consumer of iommufmt_host_hw_info() would. */
static int print_caps_text(const struct iommufmt_host *h)
{
	struct iommufmt_hw_info info;
	struct iommufmt_cap_iter it;
	const struct iommufmt_cap_header *cap;
	struct iommufmt_diag d;
	unsigned char *buf;
	size_t cap_len;
	char cc[5];
	int r;

	iommufmt_diag_init(&d);
	memset(&info, 0, sizeof(info));
	if (iommufmt_host_hw_info(h, &info, sizeof(info), &d))
		return 1;
	buf = calloc(1, info.argsz);
	if (!buf)
		return 1;
	iommufmt_host_hw_info(h, buf, info.argsz, &d);
	memcpy(&info, buf, sizeof(info));
	printf("model %s (%s variant %u), hw_info chain of %u bytes\n", bind_model_name(info.model),
	       iommufmt_fourcc_str(info.model, cc), info.variant, info.argsz);
	iommufmt_caps_iter_init(&it, buf, info.argsz, sizeof(info), info.cap_offset);
	while ((r = iommufmt_caps_iter_next(&it, &cap, &cap_len, &d)) > 0)
		print_cap(cap, cap_len);
	free(buf);
	if (r < 0) {
		return cli_fail_diag("hostinfo", r, "capability chain", &d);
	}
	return 0;
}

static int hostinfo_run(int argc, char **argv)
{
	struct host_opts o;
	struct iommufmt_host *h = NULL;
	bool json = false;
	int r;

	memset(&o, 0, sizeof(o));
	for (int i = 1; i < argc; i++) {
		r = host_opt("hostinfo", &o, argc, argv, &i);
		if (r > 1)
			return r;
		if (r == 1)
			continue;
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] != '-' && !o.file)
			o.file = argv[i];
		else
			return cli_usage_error("hostinfo", "unknown argument '%s'", argv[i]);
	}
	r = host_make("hostinfo", &o, &h, json);
	if (r)
		return r;
	if (json) {
		json_object *j = caps_json(h);

		puts(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN));
		json_object_put(j);
		r = 0;
	} else {
		r = print_caps_text(h);
	}
	iommufmt_host_free(h);
	return r;
}

const struct cli_cmd cli_cmd_hostinfo = {
	.name = "hostinfo",
	.summary = "decode a host IOMMU's registers into generic capabilities",
	.usage = "usage: iommufmt hostinfo --model M [FILE | --regs K=V[,K=V...]]\n"
		 "                         [--iommufd-pasid N] [--iommufd-caps X] [--json]\n\n"
		 "Decode the registers IOMMU_GET_HW_INFO returned and print the generic\n"
		 "capabilities (page-table formats, PASID, nesting, invalidation, faults),\n"
		 "read back from the hw_info capability chain.\n"
		 "  FILE, --host FILE  the raw iommufd payload (iommu_hw_info_vtd, _arm_smmuv3,\n"
		 "                     _amd; s390: struct iommufmt_hw_info_s390), host byte order\n"
		 "  --regs K=V         registers by name; intel: cap, ecap, flags; smmuv3:\n"
		 "                     idr0..idr5, iidr, aidr, flags; amd: efr, efr2; s390:\n"
		 "                     flags, dt_mask, frame_mask, start, end\n"
		 "  --iommufd-pasid N  iommufd's out_max_pasid_log2 for the device\n"
		 "  --iommufd-caps X   iommufd's out_capabilities (bit 3: ATS not supported)\n"
		 "Without FILE or --regs the model's built-in example host is used.\n"
		 "  --json             one JSON object\n",
	.run = hostinfo_run,
};

/* ---- check-bind ---- */

static int json_u64(json_object *o, const char *key, uint64_t *v, int required)
{
	json_object *x;

	if (!json_object_object_get_ex(o, key, &x))
		return required ? -ENOENT : 1;
	if (json_object_is_type(x, json_type_int)) {
		*v = (uint64_t)json_object_get_int64(x);
		return json_object_get_int64(x) < 0 ? -EINVAL : 0;
	}
	if (json_object_is_type(x, json_type_string))
		return cli_parse_u64(json_object_get_string(x), v, false) ? -EINVAL : 0;
	return -EINVAL;
}

/* A name or number field: names resolved by @lookup. */
static int json_named(json_object *o, const char *key, uint64_t *v,
		      int (*lookup)(const char *name, uint64_t *v))
{
	json_object *x;

	if (!json_object_object_get_ex(o, key, &x))
		return 1;
	if (json_object_is_type(x, json_type_string) &&
	    lookup(json_object_get_string(x), v) == 0)
		return 0;
	return json_u64(o, key, v, 1);
}

static int lookup_pasidt(const char *n, uint64_t *v)
{
	int r = iommufmt_pasidt_by_name(n);

	if (r < 0)
		return r;
	*v = (uint64_t)r;
	return 0;
}

static int lookup_pgtable(const char *n, uint64_t *v)
{
	const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_by_name(n);

	if (!p)
		return -ENOENT;
	*v = p->format;
	return 0;
}

static int lookup_config(const char *n, uint64_t *v)
{
	static const char *const names[] = { NULL, "translate", "bypass", "abort" };

	for (uint64_t i = 1; i < 4; i++)
		if (!strcmp(n, names[i])) {
			*v = i;
			return 0;
		}
	return -ENOENT;
}

static int lookup_model(const char *n, uint64_t *v)
{
	const struct iommufmt_model_ops *m = iommufmt_model_by_name(n);

	if (!m)
		return -ENOENT;
	*v = m->model;
	return 0;
}

static int json_flagfield(json_object *o, const struct flag_name *names, uint32_t *out)
{
	json_object *x;
	uint64_t v;

	*out = 0;
	if (!json_object_object_get_ex(o, "flags", &x))
		return 0;
	if (json_object_is_type(x, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(x); i++) {
			uint32_t bit;

			if (flag_bit(names, json_object_get_string(json_object_array_get_idx(x, i)),
				     &bit))
				return -EINVAL;
			*out |= bit;
		}
		return 0;
	}
	if (json_u64(o, "flags", &v, 1) || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* The model's payload type for a bind kind (what a JSON bind without "data_type" means). */
static uint32_t default_type(uint32_t model, uint32_t kind)
{
	struct bind_req ex;

	if (kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
		return bind_example_pasid_table(model, &ex) ? ex.pt.data_type : 0;
	return bind_example_pgtable(model, &ex) ? ex.pg.data_type : 0;
}

/* The fields every bind and unbind header starts with (their common prefix in abi.h). */
struct bind_head {
	__u32 argsz;
	__u32 flags;
	__u32 model;
	__u32 variant;
};
_Static_assert(offsetof(struct iommufmt_bind_pasid_table, variant) == 12 &&
	       offsetof(struct iommufmt_bind_pgtable, variant) == 12 &&
	       offsetof(struct iommufmt_unbind, variant) == 12,
	       "bind and unbind headers start with argsz, flags, model, variant");

/*
 * A JSON BIND file (see bind_cli.h and the usage text).  Long on purpose: it
 * reads the keys of the three bind structs one after another in the order of
 * their fields, so that the key list can be checked against the struct at a
 * glance; splitting it per key would scatter that list.
 */
int bind_parse_json(const char *text, uint32_t model, struct bind_req *b, char *err, size_t errlen)
{
	json_object *o = json_tokener_parse(text), *x;
	const struct flag_name *names = pgbind_names;
	struct bind_head head = { 0, 0, 0, 0 };
	const char *kind;
	void *hdr;
	uint64_t v = 0;
	int r = -EINVAL;

	memset(b, 0, sizeof(*b));
	if (!o || !json_object_is_type(o, json_type_object)) {
		snprintf(err, errlen, "not a JSON object");
		goto out;
	}
	if (!json_object_object_get_ex(o, "kind", &x) || !(kind = json_object_get_string(x))) {
		snprintf(err, errlen, "\"kind\" is missing");
		goto out;
	}
	if (json_named(o, "model", &v, lookup_model) == 0)
		model = (uint32_t)v;
#define GET(key, dst, req) do { \
		uint64_t t_ = 0; int g_ = json_u64(o, key, &t_, req); \
		if (g_ < 0) { snprintf(err, errlen, "\"%s\" is missing or not a number", key); \
			goto out; } \
		if (g_ == 0) (dst) = (__typeof__(dst))t_; } while (0)
	if (!strcmp(kind, "pasid-table")) {
		b->kind = IOMMUFMT_BIND_KIND_PASID_TABLE;
		hdr = &b->pt;
		head.argsz = sizeof(b->pt);
	} else if (!strcmp(kind, "pgtable")) {
		b->kind = IOMMUFMT_BIND_KIND_PGTABLE;
		hdr = &b->pg;
		head.argsz = sizeof(b->pg);
	} else if (!strcmp(kind, "unbind")) {
		b->kind = 0;
		hdr = &b->ub;
		head.argsz = sizeof(b->ub);
		names = unbind_names;
	} else {
		snprintf(err, errlen, "\"kind\" must be pasid-table, pgtable or unbind");
		goto out;
	}
	head.model = model;
	GET("variant", head.variant, 0);
	if (json_flagfield(o, names, &head.flags))
		goto bad_flags;
	memcpy(hdr, &head, sizeof(head));
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		if (json_named(o, "format", &v, lookup_pasidt) < 0)
			goto bad_name;
		b->pt.format = (uint32_t)v;
		v = 0;
		if (json_named(o, "config", &v, lookup_config) < 0)
			goto bad_name;
		b->pt.config = (uint8_t)(v ? v : IOMMUFMT_BIND_CONFIG_TRANSLATE);
		GET("pasid_bits", b->pt.pasid_bits, 0);
		GET("base", b->pt.base, 0);
		b->pt.data_type = default_type(model, b->kind);
		GET("data_type", b->pt.data_type, 0);
	} else if (b->kind == IOMMUFMT_BIND_KIND_PGTABLE) {
		GET("pasid", b->pg.pasid, 0);
		if (json_named(o, "format", &v, lookup_pgtable) < 0)
			goto bad_name;
		b->pg.format = (uint32_t)v;
		GET("root", b->pg.root, 0);
		GET("addr_width", b->pg.addr_width, 0);
		b->pg.data_type = default_type(model, b->kind);
		GET("data_type", b->pg.data_type, 0);
	} else {
		GET("pasid", b->ub.pasid, 0);
		r = 0;
		goto out;
	}
#undef GET
	if (!json_object_object_get_ex(o, "payload", &x) ||
	    !json_object_is_type(x, json_type_array) || json_object_array_length(x) > 8) {
		snprintf(err, errlen, "\"payload\" must be an array of up to 8 64-bit words");
		goto out;
	}
	for (size_t i = 0; i < json_object_array_length(x); i++) {
		json_object *w = json_object_array_get_idx(x, i);
		uint64_t word;

		if (json_object_is_type(w, json_type_int))
			word = (uint64_t)json_object_get_int64(w);
		else if (!json_object_is_type(w, json_type_string) ||
			 cli_parse_u64(json_object_get_string(w), &word, false)) {
			snprintf(err, errlen, "payload word %zu is not a number", i);
			goto out;
		}
		bind_put_word(b, model, (unsigned int)i, word);
	}
	{
		uint32_t len = (uint32_t)(8 * json_object_array_length(x));
		uint64_t dl = len;

		if (json_u64(o, "data_len", &dl, 0) < 0 || dl > sizeof(b->payload)) {
			snprintf(err, errlen, "\"data_len\" is not a number up to 64");
			goto out;
		}
		if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
			b->pt.data_len = (uint32_t)dl;
		else
			b->pg.data_len = (uint32_t)dl;
	}
	r = 0;
	goto out;
bad_flags:
	snprintf(err, errlen, "\"flags\" must be a number or a list of flag names");
	goto out;
bad_name:
	snprintf(err, errlen, "unknown name in \"format\" or \"config\"");
out:
	if (o)
		json_object_put(o);
	return r;
}

/* Binary: the header struct (its argsz bytes), then data_len payload bytes. */
int bind_parse_binary(const uint8_t *buf, size_t len, uint32_t kind, struct bind_req *b, char *err,
		      size_t errlen)
{
	uint32_t argsz, data_len;
	size_t hdr;

	memset(b, 0, sizeof(*b));
	if (len < 8) {
		snprintf(err, errlen, "%zu bytes: too short for a header", len);
		return -EINVAL;
	}
	memcpy(&argsz, buf, 4);
	if (argsz > len) {
		snprintf(err, errlen, "argsz %u is larger than the %zu-byte file", argsz, len);
		return -EINVAL;
	}
	/* the check reads argsz bytes of the header: keep them all (a longer tail too) */
	if (argsz > BIND_HDR_MAX) {
		snprintf(err, errlen, "argsz %u is larger than the %u header bytes this tool takes",
			 argsz, BIND_HDR_MAX);
		return -EINVAL;
	}
	hdr = argsz;
	b->kind = kind;
	if (kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		memcpy(b->pt_raw, buf, hdr);
		data_len = argsz >= offsetof(struct iommufmt_bind_pasid_table, data_len) + 4 ?
			   b->pt.data_len : 0;
	} else if (kind == IOMMUFMT_BIND_KIND_PGTABLE) {
		memcpy(b->pg_raw, buf, hdr);
		data_len = argsz >= offsetof(struct iommufmt_bind_pgtable, data_len) + 4 ?
			   b->pg.data_len : 0;
	} else {
		memcpy(b->ub_raw, buf, hdr);
		if (len > hdr) {
			snprintf(err, errlen, "trailing bytes after the unbind struct");
			return -EINVAL;
		}
		return 0;
	}
	if (data_len > sizeof(b->payload) || len - hdr != data_len) {
		snprintf(err, errlen, "%zu payload bytes follow the header, data_len says %u "
			 "(at most 64)", len - hdr, data_len);
		return -EINVAL;
	}
	memcpy(b->payload, buf + hdr, data_len);
	return 0;
}

struct gmem_file {
	uint64_t gpa;
	void *data;
	size_t len;
};

/*
 * Word i of the iommufd data as the kernel's struct gives it, so the output is the same on
 * every host: SMMUv3's STE words are __aligned_le64; VTD_S1's third word holds two __u32
 * fields, shown as addr_width | __reserved << 32; all other words are host-order __u64.
 */
static uint64_t fd_word(const struct iommufmt_iommufd_hwpt *fd, uint32_t i)
{
	const uint8_t *p = (const uint8_t *)&fd->data[i];
	uint64_t v = 0;

	if (fd->data_type == IOMMUFMT_IOMMUFD_HWPT_DATA_ARM_SMMUV3) {
		for (int k = 7; k >= 0; k--)
			v = (v << 8) | p[k];
		return v;
	}
	if (fd->data_type == IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1 && i == 2) {
		struct iommufmt_iommufd_hwpt_vtd_s1 s;

		memcpy(&s, fd->data, sizeof(s));
		return s.addr_width | (uint64_t)s.__reserved << 32;
	}
	return fd->data[i];
}

static void print_result_json(int r, const struct iommufmt_diag *d,
			      const struct iommufmt_iommufd_hwpt *fd, int have_fd)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "result", json_object_new_string(r ? "rejected" : "ok"));
	if (r) {
		json_object_object_add(o, "errno", json_object_new_int(r));
		json_object_object_add(o, "error", json_object_new_string(iommufmt_strerror(r)));
		json_diag(o, d);
		if (d->flags & IOMMUFMT_DIAG_FLAGS_VALUE)
			json_object_object_add(o, "value", json_hex(d->value));
		if (d->flags & IOMMUFMT_DIAG_FLAGS_LIMIT)
			json_object_object_add(o, "limit", json_hex(d->limit));
		if (d->flags & IOMMUFMT_DIAG_FLAGS_INDEX)
			json_object_object_add(o, "index", json_object_new_int((int)d->index));
	} else if (have_fd) {
		json_object *x = json_object_new_object(), *a = json_object_new_array();

		json_object_object_add(x, "data_type", json_object_new_int((int)fd->data_type));
		json_object_object_add(x, "data_len", json_object_new_int((int)fd->data_len));
		json_object_object_add(x, "hwpt_flags", json_hex(fd->hwpt_flags));
		json_object_object_add(x, "pasid", json_object_new_int((int)fd->pasid));
		for (uint32_t i = 0; i < (fd->data_len + 7) / 8; i++)
			json_object_array_add(a, json_hex(fd_word(fd, i)));
		json_object_object_add(x, "data", a);
		json_object_object_add(o, "iommufd", x);
	}
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

/* check-bind's command line, parsed; the --gmem files are already loaded. */
struct check_bind_args {
	struct host_opts o;
	struct gmem_file files[8];
	unsigned int nfiles;
	const char *path;
	const char *kind_s;	/* NULL: JSON binds carry their kind */
	uint32_t kind;
	bool json;
};

/* --gmem FILE@GPA: load the file now, so a bad path fails before any checking. */
static int check_bind_gmem_opt(struct check_bind_args *a, const char *arg)
{
	/* the last '@': a file name may contain one, a GPA never does */
	const char *at = strrchr(arg, '@');
	struct gmem_file *f = &a->files[a->nfiles];
	char fn[512];

	if (!at || a->nfiles >= sizeof(a->files) / sizeof(a->files[0]) || (size_t)(at - arg) >= sizeof(fn) ||
	    cli_parse_u64(at + 1, &f->gpa, true))
		return cli_usage_error("check-bind", "--gmem wants FILE@GPA (up to 8)");
	memcpy(fn, arg, (size_t)(at - arg));
	fn[at - arg] = '\0';
	f->data = cli_load_file(fn, &f->len);
	/* an empty file is no region at all: the library would refuse it less clearly */
	if (!f->data || !f->len)
		return cli_fail("check-bind", -EFAULT, "cannot read %s", fn);
	a->nfiles++;
	return 0;
}

/* Returns 0, or the exit status of a usage error (already reported). */
static int check_bind_parse_args(int argc, char **argv, struct check_bind_args *a)
{
	for (int i = 1; i < argc; i++) {
		int r = host_opt("check-bind", &a->o, argc, argv, &i);

		if (r > 1)
			return r;
		if (r == 1)
			continue;
		if (!strcmp(argv[i], "--json")) {
			a->json = true;
		} else if (!strcmp(argv[i], "--kind") && i + 1 < argc) {
			a->kind_s = argv[++i];
		} else if (!strcmp(argv[i], "--gmem") && i + 1 < argc) {
			r = check_bind_gmem_opt(a, argv[++i]);
			if (r)
				return r;
		} else if (argv[i][0] != '-' && !a->path) {
			a->path = argv[i];
		} else {
			return cli_usage_error("check-bind", "unknown argument '%s'", argv[i]);
		}
	}
	if (!a->path)
		return cli_usage_error("check-bind", "no BIND file (see 'iommufmt help check-bind')");
	if (!a->kind_s)
		return 0;
	if (!strcmp(a->kind_s, "pasid-table"))
		a->kind = IOMMUFMT_BIND_KIND_PASID_TABLE;
	else if (!strcmp(a->kind_s, "pgtable"))
		a->kind = IOMMUFMT_BIND_KIND_PGTABLE;
	else if (!strcmp(a->kind_s, "unbind"))
		a->kind = 0;
	else
		return cli_usage_error("check-bind", "--kind is pasid-table, pgtable or unbind");
	return 0;
}

/*
 * Read the BIND file: JSON when its first non-blank byte is '{', else the
 * raw struct named by --kind (a binary file cannot say which struct it is).
 * Returns 0, or the exit status of the error (already reported).
 */
static int check_bind_load(const struct check_bind_args *a, struct bind_req *b)
{
	char err[160];
	size_t len, k = 0;
	uint8_t *buf = cli_load_file(a->path, &len);
	int r;

	if (!buf)
		return cli_file_error("check-bind", "cannot read", a->path);
	while (k < len && (buf[k] == ' ' || buf[k] == '\n' || buf[k] == '\t' || buf[k] == '\r'))
		k++;
	if (k < len && buf[k] == '{') {
		/* json-c wants a C string; the file may hold a NUL of its own, which ends it */
		char *text = malloc(len + 1);

		if (!text) {
			free(buf);
			return cli_fail("check-bind", -ENOMEM, "%s", a->path);
		}
		memcpy(text, buf, len);
		text[len] = '\0';
		r = bind_parse_json(text, a->o.model, b, err, sizeof(err));
		free(text);
	} else if (!a->kind_s) {
		r = -EINVAL;
		snprintf(err, sizeof(err), "a binary bind needs --kind");
	} else {
		r = bind_parse_binary(buf, len, a->kind, b, err, sizeof(err));
	}
	free(buf);
	return r ? cli_usage_error("check-bind", "%s: %s", a->path, err) : 0;
}

/* The --gmem files as read-only guest memory: the check must never write the guest's tables. */
static void check_bind_gmem(const struct check_bind_args *a, struct iommufmt_gmem_region *regions,
			    struct iommufmt_gmem *gmem)
{
	memset(gmem, 0, sizeof(*gmem));
	for (unsigned int i = 0; i < a->nfiles; i++) {
		memset(&regions[i], 0, sizeof(regions[i]));
		regions[i].gpa = a->files[i].gpa;
		regions[i].size = a->files[i].len;
		regions[i].host = a->files[i].data;
		regions[i].flags = IOMMUFMT_GMEM_READONLY;
	}
	gmem->regions = regions;
	gmem->nr_regions = a->nfiles;
}

/* The verdict as text: "ok: ..." (with the iommufd payload) or "rejected (...): [CODE] ...". */
static void check_bind_print_text(const struct check_bind_args *a, const struct bind_req *b, int r,
				  const struct iommufmt_diag *d,
				  const struct iommufmt_iommufd_hwpt *fd, int have_fd)
{
	if (r) {
		printf("rejected (%s): ", iommufmt_strerror(r));
		cli_print_diag(stdout, "", d);
		return;
	}
	printf("ok: %s %s for %s host%s\n",
	       b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? "PASID-table bind" :
	       b->kind == IOMMUFMT_BIND_KIND_PGTABLE ? "page-table bind" : "unbind",
	       "passes every check", bind_model_name(a->o.model),
	       a->nfiles ? " (tables in guest memory checked too)" : "");
	if (have_fd) {
		printf("iommufd IOMMU_HWPT_ALLOC: data_type %u, %u bytes, hwpt flags 0x%x:",
		       fd->data_type, fd->data_len, fd->hwpt_flags);
		for (uint32_t i = 0; i < (fd->data_len + 7) / 8; i++)
			printf(" %016llx", (unsigned long long)fd_word(fd, i));
		putchar('\n');
	}
}

static int check_bind_run(int argc, char **argv)
{
	struct check_bind_args a;
	struct iommufmt_host *h = NULL;
	struct iommufmt_gmem_region regions[8];
	struct iommufmt_gmem gmem;
	struct bind_req b;
	struct iommufmt_diag d;
	struct iommufmt_iommufd_hwpt fd;
	int r, have_fd = 0;

	memset(&a, 0, sizeof(a));
	r = check_bind_parse_args(argc, argv, &a);
	if (r)
		return r;
	r = host_make("check-bind", &a.o, &h, a.json);
	if (r)
		return r;
	r = check_bind_load(&a, &b);
	if (r) {
		iommufmt_host_free(h);
		return r;
	}
	check_bind_gmem(&a, regions, &gmem);
	iommufmt_diag_init(&d);
	if (a.nfiles && iommufmt_gmem_check(&gmem, &d)) {
		cli_fail_diag("check-bind", d.error, "--gmem", &d);
		r = 2;
		goto done;
	}
	r = bind_check(h, &b, a.nfiles ? &gmem : NULL, &d);
	/* an accepted bind also shows what iommufd would be given for it */
	if (!r && b.kind) {
		memset(&fd, 0, sizeof(fd));
		fd.argsz = sizeof(fd);
		if (b.kind == IOMMUFMT_BIND_KIND_PASID_TABLE)
			have_fd = iommufmt_bind_pasid_table_to_iommufd(h, &b.pt, &fd, NULL) == 0;
		else
			have_fd = iommufmt_bind_pgtable_to_iommufd(h, &b.pg, &fd, NULL) == 0;
	}
	if (a.json)
		print_result_json(r, &d, &fd, have_fd);
	else
		check_bind_print_text(&a, &b, r, &d, &fd, have_fd);
	r = r ? 1 : 0;
done:
	for (unsigned int i = 0; i < a.nfiles; i++)
		free(a.files[i].data);
	iommufmt_host_free(h);
	return r;
}

const struct cli_cmd cli_cmd_check_bind = {
	.name = "check-bind",
	.summary = "validate a PASID-table bind, page-table bind or unbind against a host",
	.usage =
	"usage: iommufmt check-bind --model M [--host FILE | --regs K=V...] [--kind KIND]\n"
	"                           [--gmem FILE@GPA]... [--json] BIND\n\n"
	"Check BIND against the host (the built-in example host of M without --host or\n"
	"--regs; see 'iommufmt help hostinfo'). Prints 'ok' and, where iommufd has one,\n"
	"the IOMMU_HWPT_ALLOC data (exit 0), or the reason of the reject (exit 1).\n"
	"  --kind KIND      pasid-table, pgtable or unbind (needed for binary BINDs)\n"
	"  --gmem FILE@GPA  guest memory image at GPA, read-only; turns on the deep check\n"
	"                   of the guest's CD / PASID / GCR3 table or root table\n"
	"  --json           one JSON object: result, errno, code, field, text, value,\n"
	"                   limit, index, or on success the iommufd data\n\n"
	"BIND is a file: either binary (the header struct, struct iommufmt_bind_pasid_table\n"
	"/ _pgtable / iommufmt_unbind, its argsz bytes in host byte order, followed by its\n"
	"data_len payload bytes; data_uptr is ignored) or a JSON object:\n"
	"  {\n"
	"    \"kind\": \"pasid-table\" | \"pgtable\" | \"unbind\",\n"
	"    \"model\": \"smmuv3\",              optional, defaults to --model\n"
	"    \"variant\": 0,                   optional\n"
	"    \"flags\": 0 | [\"pasid\"],         pgtable: pasid; unbind: pasid-table, pgtable,\n"
	"                                    release-flushed, release-idle, pasid\n"
	"    pasid-table: \"format\": \"smmu-cd-linear\" | number (smmu-cd-2l-4k,\n"
	"                 smmu-cd-2l-64k, amd-gcr3-1l/2l/3l, vtd-sm-pasid),\n"
	"                 \"pasid_bits\": 4, \"config\": \"translate\" | \"bypass\" | \"abort\",\n"
	"                 \"base\": \"0x40000000\"\n"
	"    pgtable:     \"pasid\": 3, \"format\": \"arm-lpae-s1\" | \"x86-64\" | \"s390-dat\",\n"
	"                 \"root\": \"0x50000000\", \"addr_width\": 48\n"
	"    unbind:      \"pasid\": 7\n"
	"    \"data_type\": number,             optional: the model's type for the kind\n"
	"    \"data_len\": bytes,               optional: 8 x the number of payload words\n"
	"    \"payload\": [\"0x...\", ...]       the native payload as 64-bit words: STE words\n"
	"                                    0-1, CD words 0-7, DTE words 0-3, GCR3 entry,\n"
	"                                    context / PASID-entry words, s390 pba, pal, iota\n"
	"  }\n"
	"Numbers are JSON integers or strings (\"0x...\" or decimal). Payload words are\n"
	"stored in the hardware's byte order (little-endian; big-endian for s390).\n",
	.run = check_bind_run,
};

/* ---- advertise ---- */

static int add_format(const char *tok, void *arg)
{
	struct iommufmt_viommu_config *req = arg;
	const struct iommufmt_pgtable_ops *p = iommufmt_pgtable_by_name(tok);
	int t = iommufmt_pasidt_by_name(tok);

	if (p && p->format < 32)
		req->pgtable_formats |= 1u << p->format;
	else if (t >= 0)
		req->pasid_table_formats |= 1u << t;
	else
		return cli_usage_error("advertise", "unknown format '%s'", tok);
	return 0;
}

/* One REQUEST option of advertise: a byte-sized number, or a list of names into a bitmap. */
struct req_opt {
	const char *opt;
	__u8 *num;
	__u32 *bits;
	const struct flag_name *names;
};

/* Apply option @opt with value @v to the request; 0, or non-zero for a bad value or option. */
static int req_option(const struct req_opt *t, size_t n, const char *opt, const char *v)
{
	uint64_t x;

	for (size_t k = 0; k < n; k++) {
		if (strcmp(t[k].opt, opt))
			continue;
		if (t[k].bits)
			return parse_flag_list(v, t[k].names, t[k].bits);
		if (cli_parse_u64(v, &x, false) || x >= 256)
			return -EINVAL;
		*t[k].num = (__u8)x;
		return 0;
	}
	return -EINVAL;
}

static int advertise_run(int argc, char **argv)
{
	struct host_opts o;
	struct iommufmt_host *h = NULL;
	struct iommufmt_viommu_config req, eff;
	struct iommufmt_hw_regs out;
	struct iommufmt_diag d, diags[32];
	uint64_t data[8];
	bool json = false, negotiate = false;
	__u32 n = 32;
	int r;

	memset(&o, 0, sizeof(o));
	memset(&req, 0, sizeof(req));
	req.argsz = sizeof(req);
	const struct req_opt req_opts[] = {
		{ "--pasid-bits", &req.pasid_bits, NULL, NULL }, { "--ias", &req.ias, NULL, NULL },
		{ "--oas", &req.oas, NULL, NULL }, { "--asid-bits", &req.asid_bits, NULL, NULL },
		{ "--granules", NULL, &req.granules, granule_names },
		{ "--features", NULL, &req.flags, feature_names },
		{ "--inval", NULL, &req.inval_flags, inv_names },
		{ "--faults", NULL, &req.fault_flags, fault_names },
	};

	for (int i = 1; i < argc; i++) {
		r = host_opt("advertise", &o, argc, argv, &i);
		if (r > 1)
			return r;
		if (r == 1)
			continue;
		if (!strcmp(argv[i], "--json")) {
			json = true;
			continue;
		}
		if (i + 1 >= argc || argv[i][0] != '-')
			return cli_usage_error("advertise", "unknown argument '%s'", argv[i]);
		negotiate = true;
		if (!strcmp(argv[i], "--formats")) {
			r = cli_for_each_token(argv[i + 1], ",", 256, add_format, &req);
			if (r == -E2BIG)
				return cli_usage_error("advertise", "--formats too long");
			if (r)
				return r;
		} else if (req_option(req_opts, sizeof(req_opts) / sizeof(req_opts[0]), argv[i],
				      argv[i + 1])) {
			return cli_usage_error("advertise", "bad option '%s %s'", argv[i], argv[i + 1]);
		}
		i++;
	}
	r = host_make("advertise", &o, &h, json);
	if (r)
		return r;
	req.model = o.model;
	if (negotiate) {
		memset(&eff, 0, sizeof(eff));
		eff.argsz = sizeof(eff);
		r = iommufmt_negotiate(h, &req, &eff, diags, &n);
		if (r) {
			if (json) {
				json_object *j = json_object_new_object(), *a = json_object_new_array();

				json_object_object_add(j, "result", json_object_new_string("incompatible"));
				json_object_object_add(j, "count", json_object_new_int((int)n));
				for (uint32_t i = 0; i < n && i < 32; i++) {
					json_object *x = json_object_new_object();

					json_diag(x, &diags[i]);
					json_object_array_add(a, x);
				}
				json_object_object_add(j, "incompatibilities", a);
				puts(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN));
				json_object_put(j);
			} else {
				printf("incompatible: %u reason(s)\n", n);
				for (uint32_t i = 0; i < n && i < 32; i++)
					cli_print_diag(stdout, "  ", &diags[i]);
			}
			iommufmt_host_free(h);
			return 1;
		}
	}
	memset(&out, 0, sizeof(out));
	out.argsz = sizeof(out);
	out.data_uptr = (uintptr_t)data;
	out.data_len = sizeof(data);
	iommufmt_diag_init(&d);
	r = iommufmt_advertise(h, negotiate ? &eff : NULL, &out, &d);
	if (r) {
		iommufmt_host_free(h);
		return cli_fail_diag("advertise", r, NULL, &d);
	}
	{
		static const char *const vtd[] = { "flags", "cap", "ecap" };
		static const char *const amd[] = { "efr", "efr2" };
		json_object *j = json_object_new_object(), *regs = json_object_new_object();
		uint32_t w32[16];

		memcpy(w32, data, sizeof(w32));
		switch (out.data_type) {
		case IOMMUFMT_HW_INFO_TYPE_INTEL_VTD:
			json_object_object_add(regs, vtd[1], json_hex(data[1]));
			json_object_object_add(regs, vtd[2], json_hex(data[2]));
			break;
		case IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3:
			for (int i = 0; i < 6; i++) {
				char k[16];

				snprintf(k, sizeof(k), "idr%d", i);
				json_object_object_add(regs, k, json_hex(w32[2 + i]));
			}
			json_object_object_add(regs, "iidr", json_hex(w32[8]));
			json_object_object_add(regs, "aidr", json_hex(w32[9]));
			break;
		case IOMMUFMT_HW_INFO_TYPE_AMD:
			json_object_object_add(regs, amd[0], json_hex(data[0]));
			json_object_object_add(regs, amd[1], json_hex(data[1]));
			break;
		default: {
			struct iommufmt_hw_info_s390 z;

			memcpy(&z, data, sizeof(z));
			json_object_object_add(regs, "flags", json_hex(z.flags));
			json_object_object_add(regs, "dt_mask", json_hex(z.dt_mask));
			json_object_object_add(regs, "frame_mask", json_hex(z.frame_mask));
			json_object_object_add(regs, "start", json_hex(z.start_dma));
			json_object_object_add(regs, "end", json_hex(z.end_dma));
		}
		}
		if (json) {
			json_object_object_add(j, "model",
					       json_object_new_string(bind_model_name(o.model)));
			json_object_object_add(j, "data_type", json_object_new_int((int)out.data_type));
			json_object_object_add(j, "registers", regs);
			json_object_object_add(j, "max_pasid_log2",
					       json_object_new_int((int)out.max_pasid_log2));
			json_object_object_add(j, "capabilities", json_hex(out.capabilities));
			puts(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN));
		} else {
			printf("guest-visible registers for a %s vIOMMU%s:\n", bind_model_name(o.model),
			       negotiate ? " (negotiated configuration)" : "");
			json_object_object_foreach(regs, key, val)
				printf("  %-10s %s\n", key, json_object_get_string(val));
			printf("  (as iommufd would report: max_pasid_log2 %u, capabilities 0x%llx)\n",
			       out.max_pasid_log2, (unsigned long long)out.capabilities);
			json_object_put(regs);
			regs = NULL;
		}
		json_object_put(j);
	}
	iommufmt_host_free(h);
	return 0;
}

const struct cli_cmd cli_cmd_advertise = {
	.name = "advertise",
	.summary = "registers a guest vIOMMU should show, optionally after negotiation",
	.usage =
	"usage: iommufmt advertise --model M [--host FILE | --regs K=V...] [REQUEST...] [--json]\n\n"
	"Compute the guest-visible registers (VT-d cap/ecap, SMMUv3 IDRs, AMD EFR, s390\n"
	"function attributes) so that everything the guest may program is nestable on\n"
	"the host. With REQUEST options the wanted vIOMMU configuration is negotiated\n"
	"first: every incompatibility is listed (exit 1), or the registers are narrowed\n"
	"to the effective configuration.\n"
	"  --pasid-bits N --ias N --oas N --asid-bits N\n"
	"  --granules 4k,16k,64k\n"
	"  --formats LIST   guest stage-1 formats and PASID-table formats by name\n"
	"  --features LIST  pasid, pri, ats, stall, ad, exec, priv, dirty, no-pasid-s1\n"
	"  --inval LIST     range, pasid, devtlb, leaf, global, page\n"
	"  --faults LIST    flat, nested-s1, nested-s2, pri, stall, stall-force\n"
	"  --json           one JSON object\n",
	.run = advertise_run,
};
