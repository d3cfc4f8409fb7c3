/* SPDX-License-Identifier: MIT */
/* `iommufmt iova` (usable ranges, map verdicts, importers) and `iommufmt map-plan` (huge-page plans). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tools/iommufmt/cli.h"

/* "4K", "2M", "1G" for powers of two at a unit boundary, else hex. */
static void fmt_size(char *buf, size_t len, uint64_t v)
{
	static const char units[] = "KMGTPE";

	for (int u = 5; u >= 0; u--) {
		uint64_t unit = UINT64_C(1) << (10 * (u + 1));

		if (v >= unit && v % unit == 0) {
			snprintf(buf, len, "%llu%c", (unsigned long long)(v / unit), units[u]);
			return;
		}
	}
	snprintf(buf, len, "0x%llx", (unsigned long long)v);
}

/* "START:LAST:TYPE" */
static int parse_resv(const char *s, struct iommufmt_resv_region *r)
{
	const char *c2 = strrchr(s, ':');
	char pair[80];
	uint64_t a, b;
	int t;

	if (!c2 || (size_t)(c2 - s) >= sizeof(pair))
		return -EINVAL;
	memcpy(pair, s, (size_t)(c2 - s));
	pair[c2 - s] = '\0';
	if (cli_parse_pair(pair, &a, &b))
		return -EINVAL;
	t = iommufmt_resv_type_by_name(c2 + 1, strlen(c2 + 1));
	if (t < 0)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->start = a;
	r->last = b;
	r->type = (__u32)t;
	return 0;
}

enum import_kind { IMPORT_VFIO, IMPORT_VIRTIO, IMPORT_SYSFS };

static int import_file(struct iommufmt_iova_space *sp, enum import_kind kind, const char *path)
{
	static const char *const names[] = { "--from-vfio", "--from-virtio", "--from-sysfs" };
	struct iommufmt_diag d;
	size_t len;
	void *buf = cli_load_file(path, &len);
	int rc;

	if (!buf)
		return cli_file_error("iova", "cannot read", path);
	iommufmt_diag_init(&d);
	if (kind == IMPORT_VFIO)
		rc = iommufmt_iova_import_vfio(sp, buf, len, &d);
	else if (kind == IMPORT_VIRTIO)
		rc = iommufmt_iova_import_virtio(sp, buf, len, &d);
	else
		rc = iommufmt_iova_import_sysfs(sp, buf, len, &d);
	free(buf);
	if (rc < 0) {
		char what[600];

		snprintf(what, sizeof(what), "%s %s", names[kind], path);
		return cli_fail_diag("iova", rc, what, &d);
	}
	return 0;
}

static void print_hex_pair(const char *k1, uint64_t v1, const char *k2, uint64_t v2)
{
	printf("\"%s\":\"0x%llx\",\"%s\":\"0x%llx\"", k1, (unsigned long long)v1, k2,
	       (unsigned long long)v2);
}

static int check_map(const struct iommufmt_iova_space *sp, uint64_t iova, uint64_t len, bool json)
{
	struct iommufmt_iova_map_check req = { .argsz = sizeof(req), .iova = iova, .length = len };
	struct iommufmt_diag d;
	int rc;

	iommufmt_diag_init(&d);
	rc = iommufmt_iova_check_map(sp, &req, &d);
	if (rc && d.code != IOMMUFMT_DIAG_IOVA_MAP_RESERVED &&
	    d.code != IOMMUFMT_DIAG_IOVA_MAP_APERTURE) {
		return cli_fail_diag("iova", rc, "--check-map", &d);
	}
	if (json) {
		printf("{\"verdict\":\"%s\",", rc == 0 ? "ok" :
		       req.out_verdict == IOMMUFMT_IOVA_VERDICT_RESERVED ? "reserved" : "aperture");
		print_hex_pair("iova", iova, "length", len);
		if (req.out_verdict == IOMMUFMT_IOVA_VERDICT_RESERVED) {
			printf(",\"type\":");
			cli_json_str(stdout, iommufmt_resv_type_name(req.out_type));
		}
		putchar(',');
		print_hex_pair("start", req.out_start, "last", req.out_last);
		printf("}\n");
		return rc ? 1 : 0;
	}
	if (!rc) {
		printf("map [0x%llx, 0x%llx]: accepted, inside usable range [0x%llx, 0x%llx]\n",
		       (unsigned long long)iova, (unsigned long long)(iova + len - 1),
		       (unsigned long long)req.out_start, (unsigned long long)req.out_last);
		return 0;
	}
	printf("map [0x%llx, 0x%llx]: rejected: %s [0x%llx, 0x%llx]\n",
	       (unsigned long long)iova, (unsigned long long)(iova + len - 1),
	       req.out_verdict == IOMMUFMT_IOVA_VERDICT_RESERVED ?
	       iommufmt_resv_type_name(req.out_type) : "outside the aperture, gap",
	       (unsigned long long)req.out_start, (unsigned long long)req.out_last);
	cli_print_diag(stdout, "  ", &d);
	return 1;
}

static int print_usable(const struct iommufmt_iova_space *sp, bool json)
{
	struct iommufmt_iova_range *r;
	__u32 n = 0;
	int rc;

	iommufmt_iova_space_usable(sp, NULL, &n, NULL);
	r = calloc((size_t)n + 1, sizeof(*r));
	if (!r)
		return cli_fail("iova", -ENOMEM, "usable ranges");
	rc = iommufmt_iova_space_usable(sp, r, &n, NULL);
	if (rc) {
		free(r);
		return cli_fail("iova", rc, "reading the usable ranges");
	}
	if (!json)
		printf("usable IOVA ranges (%u):\n", n);
	for (__u32 i = 0; i < n; i++) {
		if (json) {
			putchar('{');
			print_hex_pair("start", r[i].start, "last", r[i].last);
			printf("}\n");
		} else {
			printf("  0x%016llx - 0x%016llx\n", (unsigned long long)r[i].start,
			       (unsigned long long)r[i].last);
		}
	}
	free(r);
	return 0;
}

/* --aperture START:LAST: one more domain, whose aperture the usable ranges are cut to. */
static int add_aperture_opt(struct iommufmt_iova_space *sp, const char *val)
{
	struct iommufmt_iova_range ap;
	struct iommufmt_diag d;
	uint64_t a, b;
	int rc;

	if (cli_parse_pair(val, &a, &b))
		return cli_usage_error("iova", "bad --aperture '%s' (want START:LAST)", val);
	ap.start = a;
	ap.last = b;
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_add_domain(sp, &ap, 1, 0, &d);
	return rc ? cli_fail_diag("iova", rc, "--aperture", &d) : 0;
}

/* --resv START:LAST:TYPE: one reserved region. */
static int add_resv_opt(struct iommufmt_iova_space *sp, const char *val)
{
	struct iommufmt_resv_region r;
	struct iommufmt_diag d;
	int rc;

	if (parse_resv(val, &r))
		return cli_usage_error("iova", "bad --resv '%s' (want START:LAST:TYPE, "
				       "TYPE one of reserved, msi, sw-msi, direct, "
				       "direct-relaxable, bridge-window)", val);
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_space_add_resv(sp, &r, 1, &d);
	return rc ? cli_fail_diag("iova", rc, "--resv", &d) : 0;
}

/* One option of the second pass, with its value; 0 for the ones the first pass took. */
static int iova_apply_opt(struct iommufmt_iova_space *sp, const char *opt, const char *val)
{
	if (!strcmp(opt, "--aperture"))
		return add_aperture_opt(sp, val);
	if (!strcmp(opt, "--resv"))
		return add_resv_opt(sp, val);
	if (!strcmp(opt, "--from-vfio"))
		return import_file(sp, IMPORT_VFIO, val);
	if (!strcmp(opt, "--from-virtio"))
		return import_file(sp, IMPORT_VIRTIO, val);
	if (!strcmp(opt, "--from-sysfs"))
		return import_file(sp, IMPORT_SYSFS, val);
	return 0;
}

static bool iova_opt_takes_value(const char *opt)
{
	return !strcmp(opt, "--aperture") || !strcmp(opt, "--resv") ||
	       !strcmp(opt, "--from-vfio") || !strcmp(opt, "--from-virtio") ||
	       !strcmp(opt, "--from-sysfs") || !strcmp(opt, "--check-map");
}

/*
 * Two passes over the arguments: the first checks the syntax and takes the
 * flags that shape the space (--relax must be known when it is created),
 * the second adds domains, imports and regions in command-line order.
 */
static int iova_run(int argc, char **argv)
{
	struct iommufmt_iova_space *sp;
	bool json = false, relax = false, check = false;
	uint64_t map_iova = 0, map_len = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--relax")) {
			relax = true;
		} else if (iova_opt_takes_value(argv[i])) {
			if (++i == argc)
				return cli_usage_error("iova", "%s needs a value", argv[i - 1]);
			if (!strcmp(argv[i - 1], "--check-map")) {
				if (cli_parse_pair(argv[i], &map_iova, &map_len))
					return cli_usage_error("iova", "bad --check-map '%s' "
							       "(want IOVA:LEN)", argv[i]);
				check = true;
			}
		} else {
			return cli_usage_error("iova", "unknown argument '%s'", argv[i]);
		}
	}
	sp = iommufmt_iova_space_new(relax ? IOMMUFMT_IOVA_SPACE_RELAX : 0);
	if (!sp)
		return cli_fail("iova", -ENOMEM, "IOVA space");
	for (int i = 1; i < argc && !rc; i++)
		if (iova_opt_takes_value(argv[i])) {
			rc = iova_apply_opt(sp, argv[i], argv[i + 1]);
			i++;
		}
	if (!rc)
		rc = check ? check_map(sp, map_iova, map_len, json) : print_usable(sp, json);
	iommufmt_iova_space_free(sp);
	return rc;
}

const struct cli_cmd cli_cmd_iova = {
	.name = "iova",
	.summary = "usable IOVA ranges from apertures and reserved regions; map checks",
	.usage = "usage: iommufmt iova [--aperture START:LAST]... [--resv START:LAST:TYPE]...\n"
		 "                     [--from-vfio FILE] [--from-virtio FILE] [--from-sysfs FILE]...\n"
		 "                     [--relax] [--check-map IOVA:LEN] [--json]\n\n"
		 "Compute the usable IOVA ranges: the intersection of every domain's aperture\n"
		 "minus every reserved region. Print them, or the verdict on one map request.\n"
		 "  --aperture START:LAST  one domain's aperture (each one is intersected)\n"
		 "  --resv START:LAST:TYPE a reserved region; TYPE: reserved, msi, sw-msi,\n"
		 "                         direct, direct-relaxable, bridge-window\n"
		 "  --from-vfio FILE       a VFIO_IOMMU_GET_INFO reply (binary, host order)\n"
		 "  --from-virtio FILE     virtio-iommu PROBE properties (binary, little-endian)\n"
		 "  --from-sysfs FILE      /sys/kernel/iommu_groups/N/reserved_regions text\n"
		 "  --relax                direct-relaxable regions do not block (as VFIO type1)\n"
		 "  --check-map IOVA:LEN   check one map request; exit 1 when it is rejected\n"
		 "  --json                 one JSON object per line\n"
		 "Numbers are decimal or 0x-hex, with optional k/m/g/t suffixes.\n",
	.run = iova_run,
};

/* ---- map-plan ---- */

static int add_pgsize(const char *tok, void *arg)
{
	__u64 *bm = arg;
	uint64_t v;

	if (cli_parse_u64(tok, &v, true) || !v || (v & (v - 1)))
		return -EINVAL;
	*bm |= v;
	return 0;
}

static int parse_pgsizes(const char *s, __u64 *out)
{
	__u64 bm = 0;

	if (cli_for_each_token(s, ",", 256, add_pgsize, &bm) || !bm)
		return -EINVAL;
	*out = bm;
	return 0;
}

static int map_plan_run(int argc, char **argv)
{
	struct iommufmt_iova_chunk ch[IOMMUFMT_IOVA_PLAN_MAX_CHUNKS];
	struct iommufmt_diag d;
	const char *pos[3];
	int npos = 0, rc;
	bool json = false;
	__u64 pgsizes = 0, pages;
	uint64_t v[3];
	__u32 n = IOMMUFMT_IOVA_PLAN_MAX_CHUNKS;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--pgsizes")) {
			if (++i == argc || parse_pgsizes(argv[i], &pgsizes))
				return cli_usage_error("map-plan", "bad --pgsizes (want e.g. 4k,2m,1g)");
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("map-plan", "unknown option '%s'", argv[i]);
		} else if (npos < 3) {
			pos[npos++] = argv[i];
		} else {
			return cli_usage_error("map-plan", "too many arguments");
		}
	}
	if (!pgsizes || npos != 3)
		return cli_usage_error("map-plan", "usage: iommufmt map-plan --pgsizes 4k,2m,1g "
				       "IOVA PA LEN");
	for (int i = 0; i < 3; i++)
		if (cli_parse_u64(pos[i], &v[i], true))
			return cli_usage_error("map-plan", "bad number '%s'", pos[i]);
	iommufmt_diag_init(&d);
	rc = iommufmt_iova_map_plan(v[0], v[1], v[2], pgsizes, ch, &n, &pages, &d);
	if (rc) {
		return cli_fail_diag("map-plan", rc, NULL, &d);
	}
	if (!json)
		printf("map iova 0x%llx -> pa 0x%llx, 0x%llx bytes:\n", (unsigned long long)v[0],
		       (unsigned long long)v[1], (unsigned long long)v[2]);
	for (__u32 i = 0; i < n; i++) {
		char sz[32];

		fmt_size(sz, sizeof(sz), ch[i].pgsize);
		if (json) {
			putchar('{');
			print_hex_pair("iova", ch[i].iova, "pa", ch[i].pa);
			printf(",\"pgsize\":\"0x%llx\",\"count\":%llu}\n",
			       (unsigned long long)ch[i].pgsize, (unsigned long long)ch[i].count);
		} else {
			printf("  iova 0x%016llx  pa 0x%016llx  %5s x %llu\n",
			       (unsigned long long)ch[i].iova, (unsigned long long)ch[i].pa, sz,
			       (unsigned long long)ch[i].count);
		}
	}
	if (json)
		printf("{\"chunks\":%u,\"pages\":%llu}\n", n, (unsigned long long)pages);
	else
		printf("%u chunks, %llu pages\n", n, (unsigned long long)pages);
	return 0;
}

const struct cli_cmd cli_cmd_map_plan = {
	.name = "map-plan",
	.summary = "split a map request into the fewest IOMMU pages",
	.usage = "usage: iommufmt map-plan --pgsizes 4k,2m,1g [--json] IOVA PA LEN\n\n"
		 "Split the mapping of LEN bytes from IOVA to PA into the fewest pages the\n"
		 "page sizes and the alignment of both addresses allow. Prints the chunks\n"
		 "(runs of equal pages: iova, pa, page size x count) and their count.\n",
	.run = map_plan_run,
};
