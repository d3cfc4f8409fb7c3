/* SPDX-License-Identifier: MIT */
/* Bind mangle tables: one header or payload field of a good bind set to each bad value -> exact errno, diag code, field. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tests/bindtest.h"
#include "tests/testutil.h"

#define PT IOMMUFMT_BIND_KIND_PASID_TABLE
#define PG IOMMUFMT_BIND_KIND_PGTABLE
#define ADD 1	/* value is added to the field's current value */

struct mangle {
	enum bt_model m;
	uint32_t kind;
	uint8_t word, lo, width, add;
	uint64_t value;
	int err;
	unsigned int code;
	const char *field;
};

#define RSV(m, k, w, l, wd, v, f) { m, k, w, l, wd, 0, v, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_RESERVED, f }
#define ILL(m, k, w, l, wd, v, f) { m, k, w, l, wd, 0, v, -EINVAL, IOMMUFMT_DIAG_BIND_ILLEGAL, f }
#define UNS(m, k, w, l, wd, v, f) { m, k, w, l, wd, 0, v, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, f }
#define EXC(m, k, w, l, wd, v, f) { m, k, w, l, wd, 0, v, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, f }
#define MIS(m, k, w, l, wd, v, f) { m, k, w, l, wd, 0, v, -EINVAL, IOMMUFMT_DIAG_BIND_MISMATCH, f }
#define MISADD(m, k, w, l, wd, f) { m, k, w, l, wd, ADD, 1, -EINVAL, IOMMUFMT_DIAG_BIND_MISMATCH, f }

static const struct mangle payload_mangles[] = {
	/* SMMUv3 guest STE (CD-table bind) */
	ILL(BT_SMMU, PT, 0, 4, 2, 3, "ste.s1fmt"),
	MIS(BT_SMMU, PT, 0, 4, 2, 1, "ste.s1fmt"),
	MISADD(BT_SMMU, PT, 0, 6, 46, "ste.s1contextptr"),
	RSV(BT_SMMU, PT, 0, 52, 7, 1, "ste.w0[58:52]"),
	RSV(BT_SMMU, PT, 0, 52, 7, 0x40, "ste.w0[58:52]"),
	EXC(BT_SMMU, PT, 0, 59, 5, 21, "ste.s1cdmax"),
	MIS(BT_SMMU, PT, 0, 59, 5, 5, "ste.s1cdmax"),
	ILL(BT_SMMU, PT, 1, 0, 2, 3, "ste.s1dss"),
	ILL(BT_SMMU, PT, 1, 6, 2, 1, "ste.s1csh"),
	RSV(BT_SMMU, PT, 1, 8, 19, 1u << 11, "ste.w1[26:8]"),	/* MEV */
	RSV(BT_SMMU, PT, 1, 8, 19, 1u << 17, "ste.w1[26:8]"),	/* S2FWB */
	UNS(BT_SMMU, PT, 1, 28, 2, 2, "ste.eats"),
	ILL(BT_SMMU, PT, 1, 28, 2, 3, "ste.eats"),
	UNS(BT_SMMU, PT, 1, 30, 2, 2, "ste.strw"),
	RSV(BT_SMMU, PT, 1, 32, 32, 1u << 12, "ste.w1[63:32]"),	/* SHCFG */
	UNS(BT_SMMU, PT, 0, 1, 3, 6, "ste.config"),
	UNS(BT_SMMU, PT, 0, 1, 3, 7, "ste.config"),
	UNS(BT_SMMU, PT, 0, 1, 3, 2, "ste.config"),
	MIS(BT_SMMU, PT, 0, 1, 3, 4, "ste.config"),
	MIS(BT_SMMU, PT, 0, 0, 1, 0, "ste.v"),
	/* SMMUv3 context descriptor (page-table bind) */
	EXC(BT_SMMU, PG, 0, 0, 6, 15, "cd.t0sz"),
	MIS(BT_SMMU, PG, 0, 0, 6, 17, "cd.t0sz"),
	ILL(BT_SMMU, PG, 0, 6, 2, 3, "cd.tg0"),
	UNS(BT_SMMU, PG, 0, 6, 2, 2, "cd.tg0"),
	ILL(BT_SMMU, PG, 0, 12, 2, 1, "cd.sh0"),
	UNS(BT_SMMU, PG, 0, 14, 1, 1, "cd.epd0"),
	UNS(BT_SMMU, PG, 0, 15, 1, 1, "cd.endi"),
	UNS(BT_SMMU, PG, 0, 30, 1, 0, "cd.epd1"),
	ILL(BT_SMMU, PG, 0, 31, 1, 0, "cd.v"),
	EXC(BT_SMMU, PG, 0, 32, 3, 6, "cd.ips"),
	UNS(BT_SMMU, PG, 0, 41, 1, 0, "cd.aa64"),
	UNS(BT_SMMU, PG, 0, 42, 1, 1, "cd.hd"),
	UNS(BT_SMMU, PG, 0, 44, 1, 1, "cd.s"),
	EXC(BT_SMMU, PG, 0, 48, 16, 0x100, "cd.asid"),
	RSV(BT_SMMU, PG, 1, 0, 1, 1, "cd.nscfg0"),
	RSV(BT_SMMU, PG, 1, 2, 2, 1, "cd.w1[3:2]"),
	MISADD(BT_SMMU, PG, 1, 4, 52, "cd.ttb0"),
	RSV(BT_SMMU, PG, 1, 56, 8, 1, "cd.w1[63:56]"),
	RSV(BT_SMMU, PG, 2, 0, 1, 1, "cd.nscfg1"),
	RSV(BT_SMMU, PG, 2, 2, 2, 1, "cd.w2[3:2]"),
	RSV(BT_SMMU, PG, 2, 56, 8, 0x80, "cd.w2[63:56]"),
	UNS(BT_SMMU, PG, 5, 0, 64, 1, "cd.impdef"),
	UNS(BT_SMMU, PG, 6, 0, 64, 0x10000, "cd.partid"),
	RSV(BT_SMMU, PG, 7, 0, 64, 1, "cd.w7"),
	/* VT-d scalable-mode context entry (PASID-directory bind) */
	MIS(BT_INTEL, PT, 0, 0, 1, 0, "ctx.p"),
	UNS(BT_INTEL, PT, 0, 4, 1, 1, "ctx.pre"),
	RSV(BT_INTEL, PT, 0, 5, 4, 1, "ctx.w0[8:5]"),
	MIS(BT_INTEL, PT, 0, 9, 3, 3, "ctx.pdts"),
	MISADD(BT_INTEL, PT, 0, 12, 52, "ctx.pasiddirptr"),
	{ BT_INTEL, PT, 1, 0, 20, 0, 0x2000, -EINVAL, IOMMUFMT_DIAG_BIND_PASID_RANGE,
	  "ctx.rid_pasid" },
	RSV(BT_INTEL, PT, 1, 21, 43, 1, "ctx.w1[63:21]"),
	RSV(BT_INTEL, PT, 2, 0, 64, 1, "ctx.w2"),
	RSV(BT_INTEL, PT, 3, 0, 64, UINT64_C(1) << 63, "ctx.w3"),
	/* VT-d PASID entry (page-table bind) */
	ILL(BT_INTEL, PG, 0, 0, 1, 0, "pe.p"),
	ILL(BT_INTEL, PG, 0, 6, 3, 0, "pe.pgtt"),
	ILL(BT_INTEL, PG, 0, 6, 3, 5, "pe.pgtt"),
	UNS(BT_INTEL, PG, 0, 6, 3, 2, "pe.pgtt"),
	UNS(BT_INTEL, PG, 0, 6, 3, 3, "pe.pgtt"),
	UNS(BT_INTEL, PG, 0, 6, 3, 4, "pe.pgtt"),
	RSV(BT_INTEL, PG, 0, 10, 2, 1, "pe.w0[11:10]"),
	RSV(BT_INTEL, PG, 1, 16, 7, 1, "pe.w1[22:16]"),
	UNS(BT_INTEL, PG, 1, 25, 1, 1, "pe.cd"),
	UNS(BT_INTEL, PG, 1, 26, 1, 1, "pe.emte"),
	UNS(BT_INTEL, PG, 1, 27, 3, 5, "pe.emt"),
	UNS(BT_INTEL, PG, 1, 30, 1, 1, "pe.pwt"),
	UNS(BT_INTEL, PG, 1, 31, 1, 1, "pe.pcd"),
	UNS(BT_INTEL, PG, 2, 1, 1, 1, "pe.ere"),
	ILL(BT_INTEL, PG, 2, 2, 2, 2, "pe.flpm"),
	MIS(BT_INTEL, PG, 2, 2, 2, 1, "pe.flpm"),
	UNS(BT_INTEL, PG, 2, 5, 1, 1, "pe.nxe"),
	UNS(BT_INTEL, PG, 2, 6, 1, 1, "pe.smep"),
	UNS(BT_INTEL, PG, 2, 7, 1, 1, "pe.eafe"),
	RSV(BT_INTEL, PG, 2, 8, 4, 1, "pe.w2[11:8]"),
	MISADD(BT_INTEL, PG, 2, 12, 52, "pe.flptptr"),
	RSV(BT_INTEL, PG, 3, 0, 64, 1, "pe.w3"),
	RSV(BT_INTEL, PG, 4, 0, 64, 1, "pe.w4"),
	RSV(BT_INTEL, PG, 5, 0, 64, 1, "pe.w5"),
	RSV(BT_INTEL, PG, 6, 0, 64, 1, "pe.w6"),
	RSV(BT_INTEL, PG, 7, 0, 64, 1, "pe.w7"),
	{ BT_INTEL, PG, 2, 0, 1, 0, 0, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "pe.wpe" },
	/* AMD-Vi guest DTE (GCR3-table bind) */
	ILL(BT_AMD, PT, 0, 0, 1, 0, "dte.v"),
	RSV(BT_AMD, PT, 0, 2, 5, 1, "dte.w0[6:2]"),
	UNS(BT_AMD, PT, 0, 9, 3, 4, "dte.mode"),
	UNS(BT_AMD, PT, 0, 12, 40, 0x12345, "dte.host_trp"),
	UNS(BT_AMD, PT, 0, 52, 1, 1, "dte.ppr"),
	UNS(BT_AMD, PT, 0, 53, 1, 1, "dte.grpr"),
	ILL(BT_AMD, PT, 0, 56, 2, 3, "dte.glx"),
	EXC(BT_AMD, PT, 0, 56, 2, 2, "dte.glx"),
	MIS(BT_AMD, PT, 0, 56, 2, 0, "dte.glx"),
	RSV(BT_AMD, PT, 0, 63, 1, 1, "dte.w0[63]"),
	ILL(BT_AMD, PT, 2, 54, 2, 2, "dte.gpm"),
	EXC(BT_AMD, PT, 2, 54, 2, 1, "dte.gpm"),
	MIS(BT_AMD, PT, 0, 55, 1, 0, "dte.gv"),
	MISADD(BT_AMD, PT, 0, 58, 3, "dte.gcr3"),
	MISADD(BT_AMD, PT, 1, 16, 16, "dte.gcr3"),
	MISADD(BT_AMD, PT, 1, 43, 21, "dte.gcr3"),
	/* AMD-Vi GCR3 entry (page-table bind) */
	ILL(BT_AMD, PG, 0, 0, 1, 0, "gcr3.v"),
	RSV(BT_AMD, PG, 0, 1, 11, 1, "gcr3.w0[11:1]"),
	MISADD(BT_AMD, PG, 0, 12, 40, "gcr3.cr3"),
	RSV(BT_AMD, PG, 0, 52, 12, 1, "gcr3.w0[63:52]"),
	/* s390 FIB DMA words (page-table bind): 0 pba, 1 pal, 2 iota */
	UNS(BT_S390, PG, 2, 0, 2, 1, "iota.fs"),
	MIS(BT_S390, PG, 2, 2, 3, 0, "addr_width"),
	UNS(BT_S390, PG, 2, 2, 3, 4, "iota.dt"),
	UNS(BT_S390, PG, 2, 5, 4, 1, "iota.key"),
	RSV(BT_S390, PG, 2, 10, 1, 1, "iota.w[10]"),
	RSV(BT_S390, PG, 2, 12, 2, 1, "iota.w[13:12]"),
	MISADD(BT_S390, PG, 2, 14, 50, "iota.origin"),
	UNS(BT_S390, PG, 2, 11, 1, 0, "iota.t"),
	{ BT_S390, PG, 0, 0, 64, 0, UINT64_C(0x100000800), -EINVAL, IOMMUFMT_DIAG_BIND_MISALIGNED,
	  "fib.pba" },
	{ BT_S390, PG, 0, 0, 64, 0, UINT64_C(0x200000000), -EINVAL, IOMMUFMT_DIAG_BAD_VALUE,
	  "fib.pba" },
	EXC(BT_S390, PG, 0, 0, 64, UINT64_C(0xffff000), "fib.pba"),
	{ BT_S390, PG, 1, 0, 64, 0, UINT64_C(0x1fffff000), -EINVAL, IOMMUFMT_DIAG_BIND_MISALIGNED,
	  "fib.pal" },
	EXC(BT_S390, PG, 1, 0, 64, UINT64_C(0x1000000000000fff), "fib.pal"),
	MIS(BT_S390, PG, 1, 0, 64, UINT64_C(0x7ffffffffff), "fib.pal"),
};

static void expect(const struct mangle *t, int r, const struct iommufmt_diag *d, const char *what)
{
	ck_assert_msg(r == t->err, "%s %s: got %d (%s: %s), want %d", bt_model_names[t->m], what,
		      r, d->field, d->text, t->err);
	ck_assert_msg(d->code == t->code, "%s %s: code 0x%x (%s), want 0x%x",
		      bt_model_names[t->m], what, d->code, d->text, t->code);
	ck_assert_msg(d->error == t->err, "%s %s: diag error %d", bt_model_names[t->m], what,
		      d->error);
	ck_assert_msg(!strcmp(d->field, t->field), "%s %s: field '%s' (%s), want '%s'",
		      bt_model_names[t->m], what, d->field, d->text, t->field);
	ck_assert_msg(d->text[0] != '\0', "%s %s: empty text", bt_model_names[t->m], what);
}

static int good(enum bt_model m, uint32_t kind, struct bt_bind *b)
{
	return kind == PT ? bt_good_pasid_table(m, b) : bt_good_pgtable(m, b);
}

/* Every fixture is accepted as it is (otherwise the mangles prove nothing). */
START_TEST(test_good_binds_pass)
{
	for (int m = 0; m < BT_NR_MODELS; m++) {
		struct iommufmt_host *h = bt_host(m);

		for (uint32_t kind = PT; kind <= PG; kind++) {
			struct bt_bind b;
			struct iommufmt_diag d;

			if (!good(m, kind, &b))
				continue;
			iommufmt_diag_init(&d);
			d.code = 0x1234;
			ck_assert_msg(bt_check(h, &b, NULL, &d) == 0, "%s kind %u: %s: %s",
				      bt_model_names[m], kind, d.field, d.text);
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_OK);
		}
		iommufmt_host_free(h);
	}
}
END_TEST

START_TEST(test_payload_mangle)
{
	const struct mangle *t = &payload_mangles[_i];
	struct iommufmt_host *h = bt_host(t->m);
	struct bt_bind b, before;
	struct iommufmt_diag d;
	uint64_t v = t->value;
	char what[64];

	ck_assert(good(t->m, t->kind, &b));
	if (t->add) {
		uint64_t mask = t->width >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << t->width) - 1;

		v = ((bt_word(&b, t->word) >> t->lo) & mask) + 1;
	}
	{
		uint64_t old = bt_word(&b, t->word);

		bt_set_bits(&b, t->word, t->lo, t->width, v);
		ck_assert_msg(bt_word(&b, t->word) != old, "%s: the mangle changes nothing",
			      t->field);
	}
	before = b;
	snprintf(what, sizeof(what), "%s w%u[%u+%u]=0x%llx", t->field, t->word, t->lo, t->width,
		 (unsigned long long)v);
	iommufmt_diag_init(&d);
	expect(t, bt_check(h, &b, NULL, &d), &d, what);
	/* Bad input changes nothing the caller owns. */
	before.pt.data_uptr = b.pt.data_uptr;
	before.pg.data_uptr = b.pg.data_uptr;
	ck_assert(!memcmp(&before.pt, &b.pt, sizeof(b.pt)));
	ck_assert(!memcmp(&before.pg, &b.pg, sizeof(b.pg)));
	ck_assert(!memcmp(before.payload, b.payload, sizeof(b.payload)));
	/* The same reject without a diag record, and with an old (VER0) record. */
	ck_assert_int_eq(bt_check(h, &b, NULL, NULL), t->err);
	iommufmt_host_free(h);
}
END_TEST

/* ---- generic header mangles, applied to every model's good binds ---- */

enum { HM_FLAGS, HM_RESERVED, HM_MODEL, HM_VARIANT, HM_FORMAT0, HM_FORMAT_OTHER, HM_BITS,
       HM_ADDR, HM_TYPE, HM_TYPE_KIND, HM_LEN, HM_UPTR, HM_ARGSZ, HM_CONFIG0, HM_CONFIG4,
       HM_BYPASS_TABLE, HM_AW0, HM_AW_BIG, HM_PASID_NOFLAG, HM_PASID_RANGE, HM_NR };

static const char *const hm_names[HM_NR] = {
	"flags", "__reserved", "model", "variant", "format 0", "format of another model",
	"pasid bits", "address", "data_type", "data_type of the other kind", "data_len",
	"data_uptr", "argsz", "config 0", "config 4", "bypass with a table", "addr_width 0",
	"addr_width big", "pasid without flag", "pasid range",
};

static const struct iommufmt_cap_pgtable_format *host_fmt(const struct iommufmt_host *h,
							  uint32_t format)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);

	for (uint32_t i = 0; i < d->nr_pgtables; i++)
		if (d->pgtables[i].format == format)
			return &d->pgtables[i];
	return NULL;
}

/* The header fields both kinds of bind have, wherever each keeps them. */
struct hdr_view {
	uint32_t *argsz, *flags, *model, *variant, *format, *data_type, *data_len;
};

static struct hdr_view hdr_view(struct bt_bind *b)
{
	if (b->kind == PT)
		return (struct hdr_view){ &b->pt.argsz, &b->pt.flags, &b->pt.model, &b->pt.variant,
					  &b->pt.format, &b->pt.data_type, &b->pt.data_len };
	return (struct hdr_view){ &b->pg.argsz, &b->pg.flags, &b->pg.model, &b->pg.variant,
				  &b->pg.format, &b->pg.data_type, &b->pg.data_len };
}

/* Set the expected reject; returns 1 (the mangle applies). */
static int want(struct mangle *e, int err, unsigned int code, const char *field)
{
	e->err = err;
	e->code = code;
	e->field = field;
	return 1;
}

/* Apply header mangle k; fill the expectation; 0 when it does not apply to this bind. */
static int header_mangle(const struct iommufmt_host *h, enum bt_model m, struct bt_bind *b,
			 int k, struct mangle *e)
{
	const struct iommufmt_host_desc *d = iommufmt_host_get_desc(h);
	struct iommufmt_bind_pasid_table *pt = &b->pt;
	struct iommufmt_bind_pgtable *pg = &b->pg;
	const struct hdr_view v = hdr_view(b);
	int is_pt = b->kind == PT;

	memset(e, 0, sizeof(*e));
	e->m = m;
	switch (k) {
	case HM_FLAGS:
		*v.flags = is_pt ? 1 : *v.flags | 0x80;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "flags");
	case HM_RESERVED:
		if (is_pt)
			pt->__reserved = 1;
		else
			pg->__reserved = 1;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_RESERVED_NONZERO, "__reserved");
	case HM_MODEL:
		*v.model = bt_model_ids[(m + 1) % BT_NR_MODELS];
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_MODEL_MISMATCH, "model");
	case HM_VARIANT:
		*v.variant = 77;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_MODEL_MISMATCH, "model");
	case HM_FORMAT0:
		*v.format = is_pt ? IOMMUFMT_PASIDT_NONE : IOMMUFMT_PGTABLE_NONE;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "format");
	case HM_FORMAT_OTHER:
		if (is_pt)
			*v.format = m == BT_SMMU ? IOMMUFMT_PASIDT_VTD_SM : IOMMUFMT_PASIDT_SMMU_LINEAR;
		else
			*v.format = m == BT_SMMU ? IOMMUFMT_PGTABLE_X86_64 : IOMMUFMT_PGTABLE_ARM_LPAE_S1;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "format");
	case HM_BITS:
		if (!is_pt)
			return 0;
		pt->pasid_bits = (uint8_t)(d->pasid.pasid_bits + 1);
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, "pasid_bits");
	case HM_ADDR:
		if (d->nesting.gpa_bits >= 64)
			return 0;
		if (is_pt)
			pt->base = UINT64_C(1) << 60;
		else
			pg->root = UINT64_C(1) << 60;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, is_pt ? "base" : "root");
	case HM_TYPE:
		*v.data_type = 0x999;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_DATA_TYPE, "data_type");
	case HM_TYPE_KIND: {
		struct bt_bind o;

		if (!(is_pt ? bt_good_pgtable(m, &o) : bt_good_pasid_table(m, &o)))
			return 0;
		*v.data_type = is_pt ? o.pg.data_type : o.pt.data_type;
		return want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_DATA_TYPE, "data_type");
	}
	case HM_LEN:
		*v.data_len = 7;
		return want(e, -EINVAL, IOMMUFMT_DIAG_ARGSZ_SMALL, "data_len");
	case HM_UPTR:
		b->pt.data_uptr = b->pg.data_uptr = 0;
		want(e, -EINVAL, IOMMUFMT_DIAG_NULL_ARG, "data_uptr");
		return 2;	/* do not re-wire */
	case HM_ARGSZ:
		*v.argsz = is_pt ? IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0 - 1 :
				   IOMMUFMT_BIND_PGTABLE_SIZE_VER0 - 1;
		return want(e, -EINVAL, IOMMUFMT_DIAG_ARGSZ_SMALL, "argsz");
	case HM_CONFIG0:
	case HM_CONFIG4:
		if (!is_pt)
			return 0;
		pt->config = k == HM_CONFIG0 ? 0 : 4;
		return want(e, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "config");
	case HM_BYPASS_TABLE:
		if (!is_pt)
			return 0;
		pt->config = IOMMUFMT_BIND_CONFIG_BYPASS;
		return want(e, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "base");
	case HM_AW0:
	case HM_AW_BIG:
		if (is_pt)
			return 0;
		{
			const struct iommufmt_cap_pgtable_format *f = host_fmt(h, pg->format);

			ck_assert_ptr_nonnull(f);
			pg->addr_width = k == HM_AW0 ? 0 : f->ias + 1u;
		}
		return k == HM_AW0 ? want(e, -EINVAL, IOMMUFMT_DIAG_BAD_VALUE, "addr_width") :
		       want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, "addr_width");
	case HM_PASID_NOFLAG:
		if (is_pt)
			return 0;
		pg->flags &= ~IOMMUFMT_BIND_PGTABLE_F_PASID;
		pg->pasid = 1;
		return want(e, -EINVAL, IOMMUFMT_DIAG_BAD_COMBINATION, "pasid");
	case HM_PASID_RANGE:
		if (is_pt)
			return 0;
		pg->flags |= IOMMUFMT_BIND_PGTABLE_F_PASID;
		pg->pasid = 1u << 20;
		return d->pasid.pasid_bits ?
		       want(e, -EINVAL, IOMMUFMT_DIAG_BIND_PASID_RANGE, "pasid") :
		       want(e, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "pasid");
	default:
		return 0;
	}
}

START_TEST(test_header_mangle)
{
	enum bt_model m = (enum bt_model)(_i % BT_NR_MODELS);
	uint32_t kind = (uint32_t)(_i / BT_NR_MODELS) + PT;
	struct iommufmt_host *h = bt_host(m);
	struct bt_bind good_bind;
	int applied = 0;

	if (!good(m, kind, &good_bind)) {
		iommufmt_host_free(h);
		return;
	}
	for (int k = 0; k < HM_NR; k++) {
		struct bt_bind b = good_bind;
		struct iommufmt_diag d;
		struct mangle e;
		int how, r;

		bt_wire(&b);
		how = header_mangle(h, m, &b, k, &e);
		if (!how)
			continue;
		applied++;
		iommufmt_diag_init(&d);
		if (b.kind == PT)
			r = iommufmt_bind_pasid_table_check(h, &b.pt, NULL, &d);
		else
			r = iommufmt_bind_pgtable_check(h, &b.pg, NULL, &d);
		expect(&e, r, &d, hm_names[k]);
	}
	ck_assert_int_ge(applied, 12);
	iommufmt_host_free(h);
}
END_TEST

/* Check @b on @h and expect a reject: errno, diag code and field (diag left in @d). */
static void expect_reject(const struct iommufmt_host *h, struct bt_bind *b, int err,
			  unsigned int code, const char *field, struct iommufmt_diag *d)
{
	iommufmt_diag_init(d);
	ck_assert_int_eq(bt_check(h, b, NULL, d), err);
	ck_assert_uint_eq(d->code, code);
	ck_assert_str_eq(d->field, field);
}

/* The good PASID-table bind of @m turned into a bind of @config that names no table. */
static void no_table(enum bt_model m, uint8_t config, struct bt_bind *b)
{
	bt_good_pasid_table(m, b);
	b->pt.config = config;
	b->pt.base = 0;
	b->pt.format = 0;
	b->pt.pasid_bits = 0;
}

/* A host without stalls-on-demand: SMMU stall model "force" rejects S1STALLD; no CD2L rejects 2-level. */
START_TEST(test_smmu_host_variants)
{
	struct bt_regs r;
	struct iommufmt_hw_info_arm_smmuv3 s;
	struct iommufmt_host *h;
	struct bt_bind b;
	struct iommufmt_diag d;

	bt_example_regs(BT_SMMU, &r);
	memcpy(&s, r.raw, sizeof(s));
	s.idr[0] = (s.idr[0] & ~(3u << 24) & ~(1u << 19)) | (2u << 24);	/* force stall, no CD2L */
	memcpy(r.raw, &s, sizeof(s));
	h = bt_host_from(BT_SMMU, &r);
	bt_good_pasid_table(BT_SMMU, &b);
	bt_set_bits(&b, 1, 27, 1, 1);
	expect_reject(h, &b, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "ste.s1stalld", &d);
	/* 2-level CD table on a host without CD2L: the header format is refused first ... */
	bt_good_pasid_table(BT_SMMU, &b);
	b.pt.format = IOMMUFMT_PASIDT_SMMU_2L_4K;
	bt_set_bits(&b, 0, 4, 2, 1);
	expect_reject(h, &b, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "format", &d);
	ck_assert_uint_eq(d.limit, 1u << IOMMUFMT_PASIDT_SMMU_LINEAR);
	/* ... and S1Fmt alone (header still linear) by the payload row. */
	bt_good_pasid_table(BT_SMMU, &b);
	bt_set_bits(&b, 0, 4, 2, 2);
	expect_reject(h, &b, -EOPNOTSUPP, IOMMUFMT_DIAG_BIND_UNSUPPORTED, "ste.s1fmt", &d);
	ck_assert_uint_eq(d.limit, 1);
	iommufmt_host_free(h);
}
END_TEST

/* CD cross-field rules: TTB0 alignment to the top table, T0SZ above 39, 52-bit input without 64K. */
START_TEST(test_smmu_cd_rules)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	/* 39-bit input, 4K: the top table has 2^(39-12-18) = 512 entries: 4 KiB alignment. */
	bt_good_pgtable(BT_SMMU, &b);
	b.pg.addr_width = 39;
	b.pg.root = 0x50000800;
	bt_set_bits(&b, 0, 0, 6, 25);
	bt_set_word(&b, 1, 0x50000800);
	expect_reject(h, &b, -EINVAL, IOMMUFMT_DIAG_BIND_MISALIGNED, "cd.ttb0", &d);
	ck_assert_uint_eq(d.limit, 4096);
	/* 32-bit input, 4K: top table of 4 entries, 64-byte alignment suffices. */
	b.pg.addr_width = 32;
	bt_set_bits(&b, 0, 0, 6, 32);
	b.pg.root = 0x50000040;
	bt_set_word(&b, 1, 0x50000040);
	ck_assert_int_eq(bt_check(h, &b, NULL, &d), 0);
	/* T0SZ 40 is illegal (inputs below 25 bits need STT). */
	b.pg.addr_width = 24;
	bt_set_bits(&b, 0, 0, 6, 40);
	expect_reject(h, &b, -EINVAL, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.t0sz", &d);
	/* TTB0 above the CD's own IPS (40 bits). */
	bt_good_pgtable(BT_SMMU, &b);
	b.pg.root = UINT64_C(0x20000000000);
	bt_set_word(&b, 1, UINT64_C(0x20000000000));
	bt_set_bits(&b, 0, 32, 3, 2);
	expect_reject(h, &b, -EINVAL, IOMMUFMT_DIAG_BIND_ILLEGAL, "cd.ttb0", &d);
	iommufmt_host_free(h);
}
END_TEST

/* Config variants: SMMU bypass/abort, V = 0; VT-d abort; AMD bypass and abort. */
START_TEST(test_configs)
{
	struct iommufmt_host *smmu = bt_host(BT_SMMU), *vtd = bt_host(BT_INTEL);
	struct iommufmt_host *amd = bt_host(BT_AMD);
	struct bt_bind b;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	/* SMMU bypass: Config 0b100, no table. */
	no_table(BT_SMMU, IOMMUFMT_BIND_CONFIG_BYPASS, &b);
	bt_set_word(&b, 0, 1 | (4u << 1));
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), 0);
	/* SMMU abort as V = 0 with garbage elsewhere (ignored, as the kernel does). */
	b.pt.config = IOMMUFMT_BIND_CONFIG_ABORT;
	bt_set_word(&b, 0, UINT64_C(0xfffffffffffffffe));
	bt_set_word(&b, 1, ~UINT64_C(0));
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), 0);
	/* ... but V = 0 with config bypass is a mismatch. */
	b.pt.config = IOMMUFMT_BIND_CONFIG_BYPASS;
	ck_assert_int_eq(bt_check(smmu, &b, NULL, &d), -EINVAL);
	ck_assert_str_eq(d.field, "ste.v");
	/* VT-d: abort is a non-present context; bypass is per PASID entry. */
	no_table(BT_INTEL, IOMMUFMT_BIND_CONFIG_ABORT, &b);
	bt_set_word(&b, 0, 0);
	ck_assert_int_eq(bt_check(vtd, &b, NULL, &d), 0);
	b.pt.config = IOMMUFMT_BIND_CONFIG_BYPASS;
	ck_assert_int_eq(bt_check(vtd, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_CONFIG);
	/* AMD: bypass is GV = 0 with no GCR3 table; abort cannot be expressed. */
	no_table(BT_AMD, IOMMUFMT_BIND_CONFIG_BYPASS, &b);
	bt_set_word(&b, 0, 1 | 2);
	bt_set_word(&b, 1, 5);
	ck_assert_int_eq(bt_check(amd, &b, NULL, &d), 0);
	bt_set_bits(&b, 0, 54, 1, 1);	/* GIOV without GV */
	ck_assert_int_eq(bt_check(amd, &b, NULL, &d), -EINVAL);
	ck_assert_str_eq(d.field, "dte.giov");
	b.pt.config = IOMMUFMT_BIND_CONFIG_ABORT;
	ck_assert_int_eq(bt_check(amd, &b, NULL, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BIND_CONFIG);
	/* AMD translate: pasid_bits beyond what GLX covers. */
	bt_good_pasid_table(BT_AMD, &b);
	bt_set_bits(&b, 0, 56, 2, 0);
	b.pt.format = IOMMUFMT_PASIDT_AMD_GCR3_1L;
	expect_reject(amd, &b, -EINVAL, IOMMUFMT_DIAG_BIND_MISMATCH, "pasid_bits", &d);
	ck_assert_uint_eq(d.limit, 9);
	iommufmt_host_free(smmu);
	iommufmt_host_free(vtd);
	iommufmt_host_free(amd);
}
END_TEST

/* A naive reference of the kernel's STE rule (arm_smmu_validate_vste), written from its masks. */
static int ref_ste_ok(uint64_t s0, uint64_t s1)
{
	const uint64_t allowed0 = UINT64_C(0xf80fffffffffffff);	/* V Cfg S1Fmt S1CtxPtr S1CDMax */
	const uint64_t allowed1 = UINT64_C(0x380000ff);		/* S1DSS S1C* S1STALLD EATS */
	unsigned int cfg = (unsigned int)(s0 >> 1) & 7, eats = (unsigned int)(s1 >> 28) & 3;

	if (!(s0 & 1))
		return 1;
	if ((s0 & ~allowed0) || (s1 & ~allowed1))
		return 0;
	if (cfg != 0 && cfg != 4 && cfg != 5)
		return 0;
	return eats == 0 || eats == 1;
}

/*
 * Differential: random STEs built from the allowed fields plus random stray
 * bits. Where the reference (kernel masks) rejects, the library must reject;
 * where the library accepts, the reference must accept.
 */
START_TEST(test_ste_differential)
{
	struct iommufmt_host *h = bt_host(BT_SMMU);
	struct test_rng rng;
	unsigned int accepted = 0, rejected = 0;

	test_rng_seed(&rng, 0x5713);
	for (int i = 0; i < 20000; i++) {
		struct bt_bind b;
		uint64_t s0, s1;
		unsigned int cfg, fmt, cdmax;
		int r, ref;

		bt_good_pasid_table(BT_SMMU, &b);
		cfg = (unsigned int)test_rng_below(&rng, 8);
		fmt = (unsigned int)test_rng_below(&rng, 3);
		cdmax = (unsigned int)test_rng_below(&rng, 8);
		s0 = 1 | (cfg << 1) | ((uint64_t)fmt << 4) | UINT64_C(0x40000000) |
		     ((uint64_t)cdmax << 59);
		s1 = test_rng_below(&rng, 3) | (test_rng_below(&rng, 4) << 2) |
		     (test_rng_below(&rng, 4) << 4) | (UINT64_C(3) << 6) |
		     (test_rng_below(&rng, 2) << 27) | (test_rng_below(&rng, 3) << 28);
		if (test_rng_below(&rng, 4) == 0)
			s0 ^= UINT64_C(1) << test_rng_below(&rng, 64);
		if (test_rng_below(&rng, 4) == 0)
			s1 ^= UINT64_C(1) << test_rng_below(&rng, 64);
		if (test_rng_below(&rng, 16) == 0)
			s0 &= ~UINT64_C(1);
		bt_set_word(&b, 0, s0);
		bt_set_word(&b, 1, s1);
		/* Header as a VMM would derive it from the STE. */
		b.pt.config = !(s0 & 1) || ((s0 >> 1) & 7) < 4 ? IOMMUFMT_BIND_CONFIG_ABORT :
			      ((s0 >> 1) & 7) == 4 ? IOMMUFMT_BIND_CONFIG_BYPASS :
			      IOMMUFMT_BIND_CONFIG_TRANSLATE;
		if (b.pt.config == IOMMUFMT_BIND_CONFIG_TRANSLATE) {
			b.pt.format = IOMMUFMT_PASIDT_SMMU_LINEAR + ((s0 >> 4) & 3);
			b.pt.pasid_bits = (uint8_t)(s0 >> 59);
			b.pt.base = s0 & UINT64_C(0x000fffffffffffc0);
		} else {
			b.pt.format = 0;
			b.pt.pasid_bits = 0;
			b.pt.base = 0;
		}
		r = bt_check(h, &b, NULL, NULL);
		ref = ref_ste_ok(s0, s1);
		if (!ref)
			ck_assert_msg(r != 0, "library accepts an STE the kernel rejects: "
				      "%016llx %016llx", (unsigned long long)s0,
				      (unsigned long long)s1);
		if (r == 0)
			accepted++;
		else
			rejected++;
	}
	ck_assert_uint_gt(accepted, 1000);
	ck_assert_uint_gt(rejected, 1000);
	iommufmt_host_free(h);
}
END_TEST

static Suite *mangle_suite(void)
{
	Suite *s = suite_create("bind-mangle");
	TCase *tc = tcase_create("mangle");

	tcase_add_test(tc, test_good_binds_pass);
	tcase_add_loop_test(tc, test_payload_mangle, 0,
			    (int)(sizeof(payload_mangles) / sizeof(payload_mangles[0])));
	tcase_add_loop_test(tc, test_header_mangle, 0, BT_NR_MODELS * 2);
	tcase_add_test(tc, test_smmu_host_variants);
	tcase_add_test(tc, test_smmu_cd_rules);
	tcase_add_test(tc, test_configs);
	tcase_add_test(tc, test_ste_differential);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(mangle_suite());
}
