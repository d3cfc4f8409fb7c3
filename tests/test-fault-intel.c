/* SPDX-License-Identifier: MIT */
/* Tests of the VT-d native fault records: fault recording register and page request descriptor. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

/*
 * Records are built here from the bit positions of doc/fault-records.md
 * section 3 (absolute bit n = word n / 64, bit n % 64), not with the
 * library's tables, so a wrong table position fails these tests.
 */
#define M IOMMUFMT_MODEL_INTEL
#define FREG IOMMUFMT_FREC_FAULT_REG
#define PRQ IOMMUFMT_FREC_PAGE_REQ
#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define X IOMMUFMT_ACCESS_EXEC
#define P IOMMUFMT_ACCESS_PRIV

static void put_le64(uint8_t *b, uint64_t v)
{
	for (unsigned int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

/* The fields of a fault recording register (section 3.1). */
struct frcd {
	uint64_t fi;		/* 63:12 (the whole word 0: the test sets 63:12 only) */
	uint32_t sid;		/* 79:64 */
	unsigned int t2;	/* 92 */
	unsigned int priv;	/* 93 */
	unsigned int exe;	/* 94 */
	unsigned int pp;	/* 95 */
	unsigned int fr;	/* 103:96 */
	uint32_t pv;		/* 123:104 */
	unsigned int at;	/* 125:124 */
	unsigned int t1;	/* 126 */
	unsigned int f;		/* 127 */
};

static void frcd_bytes(const struct frcd *r, uint8_t b[16])
{
	uint64_t hi = (uint64_t)r->sid | (uint64_t)r->t2 << (92 - 64) |
		      (uint64_t)r->priv << (93 - 64) | (uint64_t)r->exe << (94 - 64) |
		      (uint64_t)r->pp << (95 - 64) | (uint64_t)r->fr << (96 - 64) |
		      (uint64_t)r->pv << (104 - 64) | (uint64_t)r->at << (124 - 64) |
		      (uint64_t)r->t1 << (126 - 64) | (uint64_t)r->f << (127 - 64);

	put_le64(b, r->fi);
	put_le64(b + 8, hi);
}

/* The fields of a page request descriptor (section 3.2). */
struct prd {
	unsigned int type;	/* qw0 7:0 */
	unsigned int pp;	/* qw0 8 */
	unsigned int pdp;	/* qw0 9 */
	uint32_t rid;		/* qw0 31:16 */
	uint32_t pasid;		/* qw0 51:32 */
	unsigned int exe;	/* qw0 52 */
	unsigned int pm;	/* qw0 53 */
	unsigned int rd;	/* qw1 0 */
	unsigned int wr;	/* qw1 1 */
	unsigned int lpig;	/* qw1 2 */
	uint32_t prgi;		/* qw1 11:3 */
	uint64_t addr;		/* qw1 63:12 */
	uint64_t priv[2];	/* qw2, qw3 */
};

static void prd_bytes(const struct prd *p, uint8_t b[32])
{
	put_le64(b, (uint64_t)p->type | (uint64_t)p->pp << 8 | (uint64_t)p->pdp << 9 |
		    (uint64_t)p->rid << 16 | (uint64_t)p->pasid << 32 | (uint64_t)p->exe << 52 |
		    (uint64_t)p->pm << 53);
	put_le64(b + 8, (uint64_t)p->rd | (uint64_t)p->wr << 1 | (uint64_t)p->lpig << 2 |
			(uint64_t)p->prgi << 3 | p->addr);
	put_le64(b + 16, p->priv[0]);
	put_le64(b + 24, p->priv[1]);
}

/* Every fault reason of section 3.4 and its generic meaning (sections 3.4 and 6). */
struct fr_case {
	uint8_t fr, kind, reason, stage;
	bool ir;	/* interrupt remapping: FI[63:48] is the interrupt index, 47:12 cleared */
};

#define EV IOMMUFMT_FAULT_KIND_EVENT
#define CF IOMMUFMT_FAULT_KIND_CONFIG
static const struct fr_case fr_cases[] = {
	{ 0x01, CF, IOMMUFMT_FAULT_BAD_DEVICE, 0, false },
	{ 0x02, CF, IOMMUFMT_FAULT_BAD_DEVICE, 0, false },
	{ 0x03, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x04, EV, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 0, false },
	{ 0x05, EV, IOMMUFMT_FAULT_PERMISSION, 0, false },
	{ 0x06, EV, IOMMUFMT_FAULT_PERMISSION, 0, false },
	{ 0x07, EV, IOMMUFMT_FAULT_TABLE_READ, 0, false },
	{ 0x08, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x09, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x0a, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x0b, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x0c, EV, IOMMUFMT_FAULT_RESERVED_BIT, 0, false },
	{ 0x0d, EV, IOMMUFMT_FAULT_TRANSLATION_OFF, 0, false },
	{ 0x20, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x21, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x22, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x23, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x24, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x25, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x26, EV, IOMMUFMT_FAULT_OTHER, 0, true },
	{ 0x30, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x31, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x32, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x38, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x39, CF, IOMMUFMT_FAULT_BAD_DEVICE, 0, false },
	{ 0x3a, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x40, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x41, CF, IOMMUFMT_FAULT_BAD_DEVICE, 0, false },
	{ 0x42, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x43, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x44, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x45, CF, IOMMUFMT_FAULT_BAD_PASID, 0, false },
	{ 0x46, CF, IOMMUFMT_FAULT_BAD_PASID, 0, false },
	{ 0x47, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x48, CF, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0, false },
	{ 0x50, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x51, CF, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 0, false },
	{ 0x52, CF, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 0, false },
	{ 0x58, CF, IOMMUFMT_FAULT_CONFIG_READ, 0, false },
	{ 0x59, CF, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 0, false },
	{ 0x5a, CF, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 0, false },
	{ 0x5b, CF, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 0, false },
	{ 0x5c, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x5d, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x70, EV, IOMMUFMT_FAULT_TABLE_READ, 1, false },
	{ 0x71, EV, IOMMUFMT_FAULT_NOT_PRESENT, 1, false },
	{ 0x72, EV, IOMMUFMT_FAULT_RESERVED_BIT, 1, false },
	{ 0x73, EV, IOMMUFMT_FAULT_TABLE_READ, 1, false },
	{ 0x74, EV, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, 1, false },
	{ 0x75, EV, IOMMUFMT_FAULT_PERMISSION, 2, false },
	{ 0x76, EV, IOMMUFMT_FAULT_PERMISSION, 2, false },
	{ 0x77, EV, IOMMUFMT_FAULT_PERMISSION, 2, false },
	{ 0x78, EV, IOMMUFMT_FAULT_TABLE_READ, 2, false },
	{ 0x79, EV, IOMMUFMT_FAULT_PERMISSION, 2, false },
	{ 0x7a, EV, IOMMUFMT_FAULT_RESERVED_BIT, 2, false },
	{ 0x7b, EV, IOMMUFMT_FAULT_TABLE_READ, 2, false },
	{ 0x7c, EV, IOMMUFMT_FAULT_OTHER, 2, false },
	{ 0x80, EV, IOMMUFMT_FAULT_NON_CANONICAL, 1, false },
	{ 0x81, EV, IOMMUFMT_FAULT_PERMISSION, 1, false },
	{ 0x82, EV, IOMMUFMT_FAULT_PERMISSION, 1, false },
	{ 0x83, EV, IOMMUFMT_FAULT_ADDR_SIZE_INPUT, 1, false },
	{ 0x84, EV, IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, 2, false },
	{ 0x85, EV, IOMMUFMT_FAULT_PERMISSION, 1, false },
	{ 0x86, EV, IOMMUFMT_FAULT_PERMISSION, 1, false },
	{ 0x87, EV, IOMMUFMT_FAULT_BAD_REQUEST, 0, false },
	{ 0x90, EV, IOMMUFMT_FAULT_OTHER, 1, false },
};

static const struct fr_case *fr_case(unsigned int fr)
{
	for (size_t i = 0; i < sizeof(fr_cases) / sizeof(fr_cases[0]); i++)
		if (fr_cases[i].fr == fr)
			return &fr_cases[i];
	return NULL;
}

/* A valid register of reason @fr: a read with PRIV, PASID 0xabcde, AT 1. */
static struct frcd good_frcd(const struct fr_case *c)
{
	struct frcd r = {
		.fi = c->ir ? (uint64_t)0x1234 << 48 : 0x7654321000ull, .sid = 0x1a2b, .t1 = 1,
		.priv = 1, .pp = 1, .fr = c->fr, .pv = 0xabcde, .at = 1, .f = 1,
	};
	return r;
}

static void decode_ok(unsigned int rec, const uint8_t *b, size_t len, struct iommufmt_fault *f)
{
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	memset(f, 0, sizeof(*f));
	f->argsz = sizeof(*f);
	ck_assert_msg(iommufmt_fault_decode(M, rec, b, len, f, &d) == (int)len, "%s", d.text);
	ck_assert_int_eq(iommufmt_fault_check(f, &d), 0);
}

static void reencode_same(unsigned int rec, const struct iommufmt_fault *f, const uint8_t *b,
			  size_t len)
{
	uint8_t out[32];
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	memset(out, 0xee, sizeof(out));
	ck_assert_msg(iommufmt_fault_encode(M, rec, f, out, sizeof(out), &d) == (int)len, "%s",
		      d.text);
	ck_assert_mem_eq(out, b, len);
}

START_TEST(test_sizes)
{
	ck_assert_int_eq(iommufmt_fault_record_size(M, FREG), 16);
	ck_assert_int_eq(iommufmt_fault_record_size(M, PRQ), 32);
	ck_assert_int_eq(iommufmt_fault_record_size(M, IOMMUFMT_FREC_EVENT), -EOPNOTSUPP);
}
END_TEST

/* Every fault reason: decode to its generic meaning, and re-encode to the same bytes. */
START_TEST(test_frcd_rows)
{
	for (size_t i = 0; i < sizeof(fr_cases) / sizeof(fr_cases[0]); i++) {
		const struct fr_case *c = &fr_cases[i];
		struct frcd r = good_frcd(c);
		struct iommufmt_fault f;
		uint8_t b[16];

		frcd_bytes(&r, b);
		decode_ok(FREG, b, 16, &f);
		ck_assert_uint_eq(f.record, FREG);
		ck_assert_uint_eq(f.code, c->fr);
		ck_assert_uint_eq(f.kind, c->kind);
		ck_assert_uint_eq(f.reason, c->reason);
		ck_assert_uint_eq(f.stage, c->stage);
		ck_assert_uint_eq(f.devid, 0x1a2b);
		ck_assert_uint_eq(f.pasid, 0xabcde);
		ck_assert_uint_eq(f.perm, R | P);
		ck_assert(f.flags & IOMMUFMT_FAULT_F_PASID_VALID);
		/* an interrupt index is no address: it stays in the native bytes */
		ck_assert_uint_eq(!!(f.flags & IOMMUFMT_FAULT_F_ADDR_VALID), !c->ir);
		ck_assert_uint_eq(f.addr, c->ir ? 0 : 0x7654321000ull);
		ck_assert_uint_eq(f.native.len, 16);
		ck_assert_mem_eq(f.native.desc, b, 16);
		reencode_same(FREG, &f, b, 16);
	}
}
END_TEST

/* {T1,T2} (VBox VTDREQTYPE order), EXE and no PASID: each decodes and re-encodes. */
START_TEST(test_frcd_request_types)
{
	static const struct {
		unsigned int t1, t2, exe;
		uint32_t perm;
	} t[] = {
		{ 0, 0, 0, W }, { 0, 1, 0, 0 }, { 1, 0, 0, R }, { 1, 1, 0, R | W },
		{ 1, 0, 1, R | X },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct fr_case *c = fr_case(0x71);
		struct frcd r;
		struct iommufmt_fault f;
		uint8_t b[16];

		ck_assert_ptr_nonnull(c);
		r = good_frcd(c);
		r.t1 = t[i].t1;
		r.t2 = t[i].t2;
		r.exe = t[i].exe;
		r.priv = 0;
		r.pp = 0;
		r.pv = 0;
		r.at = (unsigned int)i & 3;
		frcd_bytes(&r, b);
		decode_ok(FREG, b, 16, &f);
		ck_assert_uint_eq(f.perm, t[i].perm);
		ck_assert_uint_eq(f.flags & IOMMUFMT_FAULT_F_PASID_VALID, 0);
		ck_assert_uint_eq(f.pasid, 0);
		reencode_same(FREG, &f, b, 16);
	}
}
END_TEST

/* Decode @b, expecting @err / @code (and @index for a reserved bit); @out untouched. */
static void decode_bad(unsigned int rec, const uint8_t *b, size_t len, int err, unsigned int code,
		       int index)
{
	struct iommufmt_fault f, orig;
	struct iommufmt_diag d;

	memset(&f, 0x5a, sizeof(f));
	f.argsz = sizeof(f);
	orig = f;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_decode(M, rec, b, len, &f, &d), err);
	ck_assert_uint_eq(d.code, code);
	if (index >= 0) {
		ck_assert(d.flags & IOMMUFMT_DIAG_FLAGS_INDEX);
		ck_assert_uint_eq(d.index, (unsigned int)index);
	}
	ck_assert_mem_eq(&f, &orig, sizeof(f));
}

/* Section 3.1: reserved 11:0 and 91:80; an interrupt-remapping fault clears FI[47:12] too. */
static bool frcd_reserved(unsigned int bit, bool ir)
{
	return bit <= 11 || (bit >= 80 && bit <= 91) || (ir && bit >= 12 && bit <= 47);
}

START_TEST(test_frcd_hostile)
{
	uint8_t b[16];

	for (size_t i = 0; i < sizeof(fr_cases) / sizeof(fr_cases[0]); i++) {
		const struct fr_case *c = &fr_cases[i];
		struct frcd r = good_frcd(c);

		for (unsigned int bit = 0; bit < 128; bit++) {
			if (!frcd_reserved(bit, c->ir))
				continue;
			frcd_bytes(&r, b);
			b[bit / 8] |= (uint8_t)(1u << (bit % 8));
			decode_bad(FREG, b, 16, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_RESERVED,
				   (int)bit);
		}
	}
	for (unsigned int fr = 0; fr < 256; fr++) {
		struct frcd r = good_frcd(&fr_cases[0]);

		if (fr_case(fr))
			continue;
		r.fr = fr;
		frcd_bytes(&r, b);
		decode_bad(FREG, b, 16, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, -1);
	}
	{
		struct frcd r = good_frcd(&fr_cases[0]);

		frcd_bytes(&r, b);
		decode_bad(FREG, b, 15, -EINVAL, IOMMUFMT_DIAG_FAULT_TRUNCATED, -1);
		/* F clear: an empty register, not a fault */
		r.f = 0;
		frcd_bytes(&r, b);
		decode_bad(FREG, b, 16, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_BAD_ENCODING, -1);
	}
}
END_TEST

static struct prd good_prd(void)
{
	struct prd p = {
		.type = 1, .pp = 1, .rid = 0x0310, .pasid = 0xfedcb, .exe = 1, .pm = 1, .rd = 1,
		.lpig = 1, .prgi = 0x1a5, .addr = 0x123456789000ull,
	};
	return p;
}

START_TEST(test_prq_rows)
{
	struct prd p = good_prd();
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint8_t b[32], out[32];

	prd_bytes(&p, b);
	decode_ok(PRQ, b, 32, &f);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_PAGE_REQ);
	ck_assert_uint_eq(f.reason, IOMMUFMT_FAULT_PAGE_REQUEST);
	ck_assert_uint_eq(f.record, PRQ);
	ck_assert_uint_eq(f.code, 1);
	ck_assert_uint_eq(f.stage, 0);
	ck_assert_uint_eq(f.devid, 0x0310);
	ck_assert_uint_eq(f.pasid, 0xfedcb);
	ck_assert_uint_eq(f.grpid, 0x1a5);
	ck_assert_uint_eq(f.addr, 0x123456789000ull);
	ck_assert_uint_eq(f.perm, R | X | P);
	ck_assert_uint_eq(f.flags, IOMMUFMT_FAULT_F_PASID_VALID | IOMMUFMT_FAULT_F_LAST_PAGE |
				   IOMMUFMT_FAULT_F_ADDR_VALID);
	reencode_same(PRQ, &f, b, 32);

	/* no PASID, a write, not the last: every field toggled */
	p.pp = 0;
	p.pasid = 0;
	p.exe = 0;
	p.pm = 0;
	p.rd = 0;
	p.wr = 1;
	p.lpig = 0;
	prd_bytes(&p, b);
	decode_ok(PRQ, b, 32, &f);
	ck_assert_uint_eq(f.perm, W);
	ck_assert_uint_eq(f.flags, IOMMUFMT_FAULT_F_ADDR_VALID);
	reencode_same(PRQ, &f, b, 32);

	/* legacy private data: PDP set, words 2-3 the device's */
	p.pdp = 1;
	prd_bytes(&p, b);
	decode_ok(PRQ, b, 32, &f);
	ck_assert_uint_eq(f.flags & IOMMUFMT_FAULT_F_PRIV_DATA, IOMMUFMT_FAULT_F_PRIV_DATA);
	reencode_same(PRQ, &f, b, 32);
	p.priv[0] = 0x1122334455667788ull;
	p.priv[1] = 0x99;
	prd_bytes(&p, b);
	decode_ok(PRQ, b, 32, &f);
	ck_assert_mem_eq(f.native.desc, b, 32);
	/* kept in the native bytes only: re-encoding them is refused, not done lossily */
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_encode(M, PRQ, &f, out, sizeof(out), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

START_TEST(test_prq_hostile)
{
	struct prd p = good_prd();
	uint8_t b[32];

	/* reserved: qw0 15:10 and 63:54; qw2-qw3 without PDP */
	for (unsigned int bit = 0; bit < 256; bit++) {
		if (!((bit >= 10 && bit <= 15) || (bit >= 54 && bit <= 63) || bit >= 128))
			continue;
		prd_bytes(&p, b);
		b[bit / 8] |= (uint8_t)(1u << (bit % 8));
		decode_bad(PRQ, b, 32, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_RESERVED, (int)bit);
	}
	for (unsigned int type = 0; type < 256; type++) {
		if (type == 1)
			continue;
		p.type = type;
		prd_bytes(&p, b);
		decode_bad(PRQ, b, 32, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, -1);
	}
	p = good_prd();
	prd_bytes(&p, b);
	decode_bad(PRQ, b, 31, -EINVAL, IOMMUFMT_DIAG_FAULT_TRUNCATED, -1);
}
END_TEST

/*
 * Walker faults -> fault reason (doc/fault-records.md section 6), per stage
 * (0 legacy, 1 scalable first stage, 2 scalable second stage) and access
 * (read, write, read + execute). 0: VT-d cannot report it.
 */
struct walk_fr {
	uint8_t r, w, x;
};
#define SAME(fr) { fr, fr, fr }
static const struct walk_fr walk_expect[IOMMUFMT_FAULT_NR][3] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = { { 0x06, 0x05, 0x06 }, SAME(0x71), SAME(0x79) },
	/* the first stage has no read-deny: a user read is the U/S check (0x81) */
	[IOMMUFMT_FAULT_PERMISSION] = { { 0x06, 0x05, 0x06 }, { 0x81, 0x85, 0x82 }, SAME(0x79) },
	[IOMMUFMT_FAULT_RESERVED_BIT] = { SAME(0x0c), SAME(0x72), SAME(0x7a) },
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = { SAME(0x04), SAME(0x83), SAME(0x74) },
	[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = { SAME(0), SAME(0x74), SAME(0x84) },
	[IOMMUFMT_FAULT_NON_CANONICAL] = { SAME(0), SAME(0x80), SAME(0) },
	[IOMMUFMT_FAULT_ACCESS_FLAG] = { SAME(0), SAME(0), SAME(0) },
	[IOMMUFMT_FAULT_TABLE_READ] = { SAME(0x07), SAME(0x70), SAME(0x78) },
	[IOMMUFMT_FAULT_BAD_LEVEL] = { SAME(0x03), SAME(0x5b), SAME(0x5b) },
	[IOMMUFMT_FAULT_TABLE_TYPE] = { SAME(0x03), SAME(0x5b), SAME(0x5b) },
	[IOMMUFMT_FAULT_TABLE_LENGTH] = { SAME(0), SAME(0), SAME(0) },
};

/*
 * One walker fault: from_xlate, the VMM's device and PASID, encode as a
 * fault recording register: FR @fr (0: refused), and back to the fields.
 */
static void walk_one(unsigned int reason, unsigned int stage, uint32_t access, unsigned int fr)
{
	const struct fr_case *c = fr_case(fr);
	struct iommufmt_xlate x;
	struct iommufmt_fault f, back;
	struct iommufmt_diag d;
	uint8_t b[16], orig[16];

	memset(&x, 0, sizeof(x));
	x.iova = 0x7f0012345678ull;
	x.fault = reason;
	x.stage = stage;
	x.level = 1;
	x.native_level = 2;
	x.fault_addr = stage == 2 ? 0x9000 : 0;
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, access, &f, &d), 0);
	f.devid = 0x00f8;
	f.pasid = 0x12345;
	f.flags |= IOMMUFMT_FAULT_F_PASID_VALID;
	memset(b, 0xcc, sizeof(b));
	memcpy(orig, b, sizeof(b));
	if (!fr) {
		ck_assert_int_eq(iommufmt_fault_encode(M, FREG, &f, b, 16, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
		ck_assert_mem_eq(b, orig, 16);
		return;
	}
	ck_assert_msg(iommufmt_fault_encode(M, FREG, &f, b, 16, &d) == 16, "reason %u stage %u: %s",
		      reason, stage, d.text);
	/* FR at 103:96, F at 127 */
	ck_assert_uint_eq(b[12], fr);
	ck_assert_uint_eq(b[15] >> 7, 1);
	decode_ok(FREG, b, 16, &back);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(back.reason, c->reason);
	ck_assert_uint_eq(back.stage, c->stage);
	/*
	 * The class and stage survive where VT-d has the same ones: not for
	 * a not-present second-level entry (reported as R/W denied, section
	 * 6), a second-stage input beyond MGAW (0x74, a first-stage output
	 * size fault) or level / table-type errors (context / PASID entry).
	 */
	if (c->kind == EV && !(reason == IOMMUFMT_FAULT_NOT_PRESENT && stage != 1) &&
	    !(reason == IOMMUFMT_FAULT_ADDR_SIZE_INPUT && stage == 2)) {
		ck_assert_uint_eq(back.reason, reason);
		ck_assert_uint_eq(back.stage, stage);
	}
	ck_assert_uint_eq(back.addr, x.iova & ~0xfffull);
	ck_assert_uint_eq(back.perm, access);
	ck_assert_uint_eq(back.devid, 0x00f8);
	ck_assert_uint_eq(back.pasid, 0x12345);
}

START_TEST(test_walker_to_frcd)
{
	for (unsigned int reason = 1; reason < IOMMUFMT_FAULT_NR; reason++) {
		for (unsigned int stage = 0; stage <= 2; stage++) {
			const struct walk_fr *e = &walk_expect[reason][stage];

			walk_one(reason, stage, R, e->r);
			walk_one(reason, stage, W, e->w);
			walk_one(reason, stage, R | X, e->x);
		}
	}
}
END_TEST

/* A page request is no fault-register record, and a fault no page request. */
START_TEST(test_kind_mismatch)
{
	struct iommufmt_iommufd_pgfault q = {
		.flags = IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE, .dev_id = 3, .perm = R, .addr = 0x1000,
	};
	struct iommufmt_xlate x;
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint8_t b[32];

	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&q, sizeof(q), 1, &f, &d), 40);
	ck_assert_int_eq(iommufmt_fault_encode(M, FREG, &f, b, sizeof(b), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	memset(&x, 0, sizeof(x));
	x.fault = IOMMUFMT_FAULT_NOT_PRESENT;
	x.stage = 1;
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, R, &f, &d), 0);
	ck_assert_int_eq(iommufmt_fault_encode(M, PRQ, &f, b, sizeof(b), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

/* An iommufd page request as the guest's VT-d page request descriptor; PRG index is 9 bits. */
START_TEST(test_iommufd_to_prq)
{
	struct iommufmt_iommufd_pgfault q = {
		.flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE,
		.dev_id = 0x0108, .pasid = 0x4321, .grpid = 0x1ff, .perm = R | W,
		.addr = 0x7ffff000ull, .cookie = 9,
	};
	struct prd p = {
		.type = 1, .pp = 1, .rid = 0x0108, .pasid = 0x4321, .rd = 1, .wr = 1, .lpig = 1,
		.prgi = 0x1ff, .addr = 0x7ffff000ull,
	};
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint8_t b[32], want[32], orig[32];

	prd_bytes(&p, want);
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&q, sizeof(q), 1, &f, &d), 40);
	/* the VMM puts the guest's requester id in place of the iommufd device id */
	ck_assert_msg(iommufmt_fault_encode(M, PRQ, &f, b, sizeof(b), &d) == 32, "%s", d.text);
	ck_assert_mem_eq(b, want, 32);

	/* a PRG index past 9 bits, or a device id past 16, has no room */
	memset(b, 0xcc, sizeof(b));
	memcpy(orig, b, sizeof(b));
	q.grpid = 0x200;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&q, sizeof(q), 1, &f, &d), 40);
	ck_assert_int_eq(iommufmt_fault_encode(M, PRQ, &f, b, sizeof(b), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	ck_assert_str_eq(d.field, "grpid");
	q.grpid = 1;
	q.dev_id = 0x10000;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&q, sizeof(q), 1, &f, &d), 40);
	ck_assert_int_eq(iommufmt_fault_encode(M, PRQ, &f, b, sizeof(b), &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "devid");
	ck_assert_mem_eq(b, orig, 32);

	/* the decoded descriptor round-trips with the same fields */
	q.dev_id = 0x0108;
	q.grpid = 0x1ff;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&q, sizeof(q), 1, &f, &d), 40);
	ck_assert_int_eq(iommufmt_fault_encode(M, PRQ, &f, b, sizeof(b), &d), 32);
	decode_ok(PRQ, b, 32, &f);
	ck_assert_uint_eq(f.grpid, 0x1ff);
	ck_assert_uint_eq(f.pasid, 0x4321);
	ck_assert_uint_eq(f.perm, R | W);
	ck_assert_uint_eq(f.flags & IOMMUFMT_FAULT_F_LAST_PAGE, IOMMUFMT_FAULT_F_LAST_PAGE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault-intel");
	TCase *tc = tcase_create("vtd");

	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_frcd_rows);
	tcase_add_test(tc, test_frcd_request_types);
	tcase_add_test(tc, test_frcd_hostile);
	tcase_add_test(tc, test_prq_rows);
	tcase_add_test(tc, test_prq_hostile);
	tcase_add_test(tc, test_walker_to_frcd);
	tcase_add_test(tc, test_kind_mismatch);
	tcase_add_test(tc, test_iommufd_to_prq);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
