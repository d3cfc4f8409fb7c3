/* SPDX-License-Identifier: MIT */
/* Fuzz target: the CLI's parsers of untrusted files (check-bind JSON and binary binds, encode-inval lines, numbers). */
#include <errno.h>
#include <stddef.h>

#include <json-c/json.h>

#include "fuzz/fuzz.h"
#include "tools/iommufmt/bind_cli.h"
#include "tools/iommufmt/inval_cli.h"

/*
 * Input: a selector byte, a parameter byte, then the file's bytes.
 *  0: a JSON BIND file (bind_parse_json(), the model from the parameter);
 *  1: a binary BIND file (bind_parse_binary(), the kind from the parameter);
 *  2: one line of encode-inval input (json_tokener_parse(), entry_from_json());
 *  3: numbers as the CLI reads them from JSON strings and options
 *     (cli_parse_u64(), cli_parse_pair()).
 *
 * Checked: a parse fails only with its documented error and a message; a
 * binary bind is accepted exactly when the file is a header of its argsz
 * bytes (at most BIND_HDR_MAX) followed by data_len (at most 64) payload
 * bytes, and gives that header, a longer version's tail included, and
 * payload; a JSON bind gives a header of the kind's size with at
 * most 64 payload bytes, and written out in the binary form it parses back
 * to the same bind; every parsed bind goes to the library's check against
 * the model's example host (with ASan: the header the check reads is all
 * backed by the parsed bind), which answers with a documented error; an
 * invalidation entry printed as decode-inval prints it (JSON) parses back
 * to an entry that prints the same; numbers parse exactly as the grammar
 * the CLI documents ("0x" hex or decimal, then k/m/g/t where allowed, no
 * sign, no blanks, 64 bits).
 */

static const uint32_t models[4] = { IOMMUFMT_MODEL_INTEL, IOMMUFMT_MODEL_AMD, IOMMUFMT_MODEL_SMMU,
				    IOMMUFMT_MODEL_S390 };

/* A NUL-terminated heap copy (the parsers take C strings; ASan sees its end). */
static char *cstr(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* A failed parse says why, in one NUL-terminated line. */
static void check_err(int r, const char *err, size_t errlen)
{
	FUZZ_CHECK(r == 0 || r == -EINVAL);
	if (r)
		FUZZ_CHECK(memchr(err, '\0', errlen) != NULL && err[0] != '\0' && !strchr(err, '\n'));
}

/* The header of a bind (BIND_HDR_MAX bytes kept) and the size of its struct. */
static unsigned char *header(struct bind_req *b, size_t *size)
{
	if (b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE) {
		*size = sizeof(b->pt);
		return b->pt_raw;
	}
	if (b->kind == IOMMUFMT_BIND_KIND_PGTABLE) {
		*size = sizeof(b->pg);
		return b->pg_raw;
	}
	*size = sizeof(b->ub);
	return b->ub_raw;
}

static uint32_t data_len(const struct bind_req *b)
{
	return b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ? b->pt.data_len :
	       b->kind == IOMMUFMT_BIND_KIND_PGTABLE ? b->pg.data_len : 0;
}

/* The library's check of a parsed bind against the model's example host. */
static void check_bind(struct bind_req *b, uint32_t model)
{
	static const int errs[] = { 0, -EINVAL, -E2BIG, -EOPNOTSUPP };
	struct bind_regs regs;
	struct iommufmt_host *h = NULL;
	struct iommufmt_diag d;
	size_t hsize;
	uint32_t argsz;
	int r, ok = 0;

	/* the check reads argsz bytes of the header: they must be the bind's */
	memcpy(&argsz, header(b, &hsize), sizeof(argsz));
	FUZZ_CHECK(argsz <= BIND_HDR_MAX);
	if (bind_example_regs(model, &regs) < 0 || bind_host(&regs, &h, NULL))
		return;
	iommufmt_diag_init(&d);
	r = bind_check(h, b, NULL, &d);
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		ok |= r == errs[i];
	FUZZ_CHECK(ok && d.error == r);
	iommufmt_host_free(h);
}

static void fuzz_json_bind(const uint8_t *p, size_t n, uint8_t param)
{
	uint32_t model = models[param % 4];
	struct bind_req *b = malloc(sizeof(*b)), *again = malloc(sizeof(*b));
	char *text = cstr(p, n), err[160];
	int r;

	FUZZ_CHECK(b && again);
	memset(err, 0x55, sizeof(err));
	r = bind_parse_json(text, model, b, err, sizeof(err));
	check_err(r, err, sizeof(err));
	if (!r) {
		size_t hsize, dl = data_len(b);
		const uint8_t *hdr = header(b, &hsize);
		uint8_t bin[sizeof(b->pg) + sizeof(b->payload)];
		uint32_t argsz;

		FUZZ_CHECK(b->kind == 0 || b->kind == IOMMUFMT_BIND_KIND_PASID_TABLE ||
			   b->kind == IOMMUFMT_BIND_KIND_PGTABLE);
		memcpy(&argsz, hdr, sizeof(argsz));
		FUZZ_CHECK(argsz == hsize && dl <= sizeof(b->payload));
		/* the binary form of the same bind parses back to it */
		memcpy(bin, hdr, hsize);
		memcpy(bin + hsize, b->payload, dl);
		memset(err, 0x55, sizeof(err));
		r = bind_parse_binary(bin, hsize + dl, b->kind, again, err, sizeof(err));
		check_err(r, err, sizeof(err));
		FUZZ_CHECK(r == 0 && again->kind == b->kind);
		FUZZ_CHECK(!memcmp(header(again, &hsize), hdr, BIND_HDR_MAX));
		FUZZ_CHECK(!memcmp(again->payload, b->payload, dl));
		check_bind(b, model);
	}
	free(text);
	free(b);
	free(again);
}

/* The binary format, read independently: header of argsz bytes, then data_len payload bytes. */
static void fuzz_binary_bind(const uint8_t *p, size_t n, uint8_t param)
{
	static const uint32_t kinds[3] = { 0, IOMMUFMT_BIND_KIND_PASID_TABLE,
					   IOMMUFMT_BIND_KIND_PGTABLE };
	struct bind_req *b = malloc(sizeof(*b)), want;
	uint8_t *buf = malloc(n ? n : 1);
	char err[160];
	size_t hsize, dlo;
	uint32_t argsz = 0, dl = 0;
	bool ok;
	int r;

	FUZZ_CHECK(b && buf);
	memcpy(buf, p, n);
	memset(&want, 0, sizeof(want));
	want.kind = kinds[param % 3];
	header(&want, &hsize);
	dlo = want.kind == IOMMUFMT_BIND_KIND_PASID_TABLE ?
	      offsetof(struct iommufmt_bind_pasid_table, data_len) :
	      offsetof(struct iommufmt_bind_pgtable, data_len);
	if (n >= 4)
		memcpy(&argsz, buf, 4);
	/* a header longer than the tool keeps is refused, not cut */
	ok = n >= 8 && argsz <= n && argsz <= BIND_HDR_MAX;
	if (ok && want.kind && argsz >= dlo + 4)
		memcpy(&dl, buf + dlo, 4);
	if (ok)
		ok = want.kind ? (dl <= sizeof(want.payload) && n - argsz == dl) : n == argsz;
	memset(err, 0x55, sizeof(err));
	r = bind_parse_binary(buf, n, want.kind, b, err, sizeof(err));
	check_err(r, err, sizeof(err));
	FUZZ_CHECK(ok == !r);
	if (!r) {
		memcpy(header(&want, &hsize), buf, argsz);
		memcpy(want.payload, buf + argsz, dl);
		FUZZ_CHECK(b->kind == want.kind);
		FUZZ_CHECK(!memcmp(header(b, &hsize), header(&want, &hsize), BIND_HDR_MAX));
		FUZZ_CHECK(!memcmp(b->payload, want.payload, sizeof(want.payload)));
		check_bind(b, models[param / 3 % 4]);
	}
	free(b);
	free(buf);
}

/* An entry printed as decode-inval --json prints it. */
static char *print_entry(const struct iommufmt_inv_entry *e)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	FUZZ_CHECK(f != NULL);
	inval_print_entry(f, -1, "cmd", e, true);
	FUZZ_CHECK(fclose(f) == 0 && out != NULL);
	return out;
}

/*
 * decode-inval writes null for a field that does not apply; encode-inval
 * reads a missing field so, but refuses null for some ("size",
 * "granularity"): compare meanings, so leave the nulls out.
 */
static void drop_nulls(json_object *o)
{
	const char *keys[32];
	size_t n = 0;

	json_object_object_foreach(o, k, v) {
		if (!v && n < sizeof(keys) / sizeof(keys[0]))
			keys[n++] = k;
	}
	for (size_t i = 0; i < n; i++)
		json_object_object_del(o, keys[i]);
}

static void fuzz_inval_line(const uint8_t *p, size_t n)
{
	char *line = cstr(p, n);
	json_object *obj = json_tokener_parse(line), *again;
	struct iommufmt_inv_entry e, e2;
	const char *why = NULL;
	char *text, *text2;

	if (!obj)
		goto out;
	if (entry_from_json(obj, &e, &why)) {
		FUZZ_CHECK(why && why[0]);
		goto put;
	}
	FUZZ_CHECK(e.argsz == sizeof(e));
	text = print_entry(&e);
	again = json_tokener_parse(text);
	FUZZ_CHECK(again != NULL && json_object_is_type(again, json_type_object));
	drop_nulls(again);
	why = NULL;
	FUZZ_CHECK(!entry_from_json(again, &e2, &why));
	text2 = print_entry(&e2);
	FUZZ_CHECK(!strcmp(text, text2));
	free(text2);
	json_object_put(again);
	free(text);
put:
	json_object_put(obj);
out:
	free(line);
}

/* The documented number grammar, written out. */
static bool ref_u64(const char *s, bool suffix, uint64_t *v)
{
	unsigned int base = 10, shift = 0;
	size_t i = 0, digits = 0;
	uint64_t x = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (;; i++, digits++) {
		char c = s[i];
		unsigned int d = c >= '0' && c <= '9' ? (unsigned int)(c - '0') :
				 c >= 'a' && c <= 'f' ? (unsigned int)(c - 'a' + 10) :
				 c >= 'A' && c <= 'F' ? (unsigned int)(c - 'A' + 10) : 99;

		if (d >= base)
			break;
		if (x > (UINT64_MAX - d) / base)
			return false;
		x = x * base + d;
	}
	if (!digits)
		return false;
	if (suffix && s[i]) {
		const char *u = strchr("kKmMgGtT", s[i]);

		if (!u)
			return false;
		shift = 10 * (unsigned int)(1 + (u - "kKmMgGtT") / 2);
		i++;
	}
	if (s[i] || (shift && x >> (64 - shift)))
		return false;
	*v = x << shift;
	return true;
}

static void fuzz_numbers(const uint8_t *p, size_t n, uint8_t param)
{
	char *s = cstr(p, n);
	uint64_t v = 0x5a5a, w = 0, a = 0, b = 0, ra, rb;
	bool suffix = param & 1, ok = ref_u64(s, suffix, &w);
	const char *colon = strchr(s, ':');
	int r = cli_parse_u64(s, &v, suffix);

	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	FUZZ_CHECK(ok == !r);
	FUZZ_CHECK(r ? v == 0x5a5a : v == w);
	/* "A:B": at the first colon, A of 1 to 63 characters, both with suffixes */
	r = cli_parse_pair(s, &a, &b);
	if (colon && colon > s && colon - s < 64) {
		char first[64];

		memcpy(first, s, (size_t)(colon - s));
		first[colon - s] = '\0';
		ok = ref_u64(first, true, &ra) && ref_u64(colon + 1, true, &rb);
	} else {
		ok = false;
	}
	FUZZ_CHECK(ok == !r);
	if (!r)
		FUZZ_CHECK(a == ra && b == rb);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	const uint8_t *p;
	uint8_t sel, param;
	size_t n;

	fuzz_in_init(&in, data, size);
	sel = fuzz_u8(&in);
	param = fuzz_u8(&in);
	p = fuzz_rest(&in, &n);
	switch (sel % 4) {
	case 0:
		fuzz_json_bind(p, n, param);
		break;
	case 1:
		fuzz_binary_bind(p, n, param);
		break;
	case 2:
		fuzz_inval_line(p, n);
		break;
	default:
		fuzz_numbers(p, n, param);
		break;
	}
	return 0;
}
