/* SPDX-License-Identifier: MIT */
/* Tests of SMMUv3 event records and PRI queue entries: every event ID, reserved bits, walker. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "tests/testutil.h"

#define SMMU IOMMUFMT_MODEL_SMMU
#define EVT IOMMUFMT_FREC_EVENT
#define PRI IOMMUFMT_FREC_PAGE_REQ
#define R IOMMUFMT_ACCESS_READ
#define W IOMMUFMT_ACCESS_WRITE
#define X IOMMUFMT_ACCESS_EXEC
#define P IOMMUFMT_ACCESS_PRIV
#define FPV IOMMUFMT_FAULT_F_PASID_VALID
#define FAV IOMMUFMT_FAULT_F_ADDR_VALID
#define FA2 IOMMUFMT_FAULT_F_ADDR2_VALID
#define FST IOMMUFMT_FAULT_F_STALLED
#define FLP IOMMUFMT_FAULT_F_LAST_PAGE
#define KE IOMMUFMT_FAULT_KIND_EVENT
#define KC IOMMUFMT_FAULT_KIND_CONFIG
#define KP IOMMUFMT_FAULT_KIND_PAGE_REQ

/* Bits hi:lo of a 64-bit word, from doc/fault-records.md 2.1-2.4 (not the library's table). */
#define mask(hi, lo) ((~0ull >> (63 - ((hi) - (lo)))) << (lo))
#define bits(hi, lo, v) (((uint64_t)(v) << (lo)) & mask(hi, lo))

/* Little-endian bytes of @n words. */
static void to_bytes(const uint64_t *w, unsigned int n, uint8_t *b)
{
	for (unsigned int i = 0; i < 8 * n; i++)
		b[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
}

/* ---- the defined bits of each event [spec 7.3; fault-records.md 2.2], per qword ---- */
#define M_ID	mask(7, 0)
#define M_SSV	mask(11, 11)
#define M_SSID	mask(31, 12)
#define M_SID	mask(63, 32)
#define M_TXN	(mask(33, 33) | mask(34, 34) | mask(35, 35))	/* PnU InD RnW */
#define M_S2	mask(39, 39)
#define M_CLASS	mask(41, 40)
#define M_STALL	(mask(15, 0) | mask(31, 31))	/* STAG, Stall */
#define M_FWHY	mask(16, 0)			/* Reason 79:64, GPCF 80 */
#define M_IPA	mask(55, 12)
#define M_FETCH	mask(55, 3)
#define M_ALL	(~0ull)

struct evdef {
	unsigned int id;
	uint64_t m[4];
};

static const struct evdef evdefs[] = {
	{ 0x01, { M_ID | M_SSV | M_SSID | M_SID, mask(31, 16) | M_TXN, M_ALL, 0 } },
	{ 0x02, { M_ID | M_SSV | M_SSID | M_SID, 0, 0, 0 } },
	{ 0x03, { M_ID | M_SSV | M_SSID | M_SID, M_FWHY, 0, M_FETCH } },
	{ 0x04, { M_ID | M_SSV | M_SSID | M_SID, 0, 0, 0 } },
	{ 0x05, { M_ID | M_SSV | M_SSID | M_SID, M_TXN, M_ALL, 0 } },
	{ 0x06, { M_ID | M_SID, 0, 0, 0 } },
	{ 0x07, { M_ID | M_SID, mask(35, 35), M_ALL, 0 } },
	{ 0x08, { M_ID | M_SSID | M_SID, 0, 0, 0 } },
	{ 0x09, { M_ID | M_SSV | M_SSID | M_SID, M_FWHY, 0, M_FETCH } },
	{ 0x0a, { M_ID | M_SSV | M_SSID | M_SID, 0, 0, 0 } },
	{ 0x0b, { M_ID | M_SSV | M_SSID | M_SID, M_FWHY | M_TXN | M_S2 | M_CLASS, M_ALL,
		  M_FETCH } },
	{ 0x10, { M_ID | M_SSV | M_SSID | M_SID, M_STALL | M_TXN | M_S2 | M_CLASS, M_ALL, M_IPA } },
	{ 0x11, { M_ID | M_SSV | M_SSID | M_SID, M_STALL | M_TXN | M_S2 | M_CLASS, M_ALL, M_IPA } },
	{ 0x12, { M_ID | M_SSV | M_SSID | M_SID, M_STALL | M_TXN | M_S2 | M_CLASS, M_ALL, M_IPA } },
	{ 0x13, { M_ID | M_SSV | M_SSID | M_SID, M_STALL | M_TXN | M_S2 | M_CLASS | mask(44, 44),
		  M_ALL, M_IPA } },
	{ 0x20, { M_ID | M_SSV | M_SSID | M_SID, M_TXN | M_S2, M_ALL, M_IPA } },
	{ 0x21, { M_ID | M_SSV | M_SSID | M_SID, mask(31, 0), 0, 0 } },
	{ 0x24, { M_ID | M_SSV | M_SSID | M_SID, mask(35, 33) | mask(39, 37) | mask(51, 44),
		  mask(63, 12), 0 } },
	{ 0x25, { M_ID | M_SSV | M_SSID | M_SID, M_FWHY, 0, M_FETCH } },
};

/* One hand-built record and what it means. */
struct evcase {
	const char *what;
	uint64_t w[4];
	unsigned int kind, reason, stage;
	uint32_t flags, perm, devid, pasid, grpid;
	uint64_t addr, addr2;
};

#define Q0(id, ssv, ssid, sid) (bits(7, 0, id) | bits(11, 11, ssv) | bits(31, 12, ssid) | \
				bits(63, 32, sid))
/* qword 1 of a translation fault: STAG, Stall, PnU, InD, RnW, S2, CLASS */
#define Q1(stag, stall, pnu, ind, rnw, s2, cls) \
	(bits(15, 0, stag) | bits(31, 31, stall) | bits(33, 33, pnu) | bits(34, 34, ind) | \
	 bits(35, 35, rnw) | bits(39, 39, s2) | bits(41, 40, cls))
#define VA 0xffff800012345678ull
#define IPA 0x0000008765432000ull
#define FETCH 0x00000040000a0b08ull

static const struct evcase evcases[] = {
	{ "F_UUT", { Q0(0x01, 1, 0x12345, 0x80), Q1(0, 0, 1, 1, 1, 0, 0) | bits(31, 16, 0xbeef), VA,
		     0 }, KE, IOMMUFMT_FAULT_BAD_REQUEST, 0, FPV | FAV, R | X | P, 0x80, 0x12345, 0,
	  VA, 0 },
	{ "C_BAD_STREAMID", { Q0(0x02, 0, 0, 0xffffffff), 0, 0, 0 }, KC, IOMMUFMT_FAULT_BAD_DEVICE,
	  0, 0, 0, 0xffffffff, 0, 0, 0, 0 },
	{ "F_STE_FETCH", { Q0(0x03, 0, 0, 0x42), bits(15, 0, 0x77) | bits(16, 16, 1), 0, FETCH },
	  KE, IOMMUFMT_FAULT_CONFIG_READ, 0, FA2, 0, 0x42, 0, 0, 0, FETCH },
	{ "C_BAD_STE", { Q0(0x04, 1, 3, 0x42), 0, 0, 0 }, KC, IOMMUFMT_FAULT_BAD_DEVICE_ENTRY, 0,
	  FPV, 0, 0x42, 3, 0, 0, 0 },
	{ "F_BAD_ATS_TREQ", { Q0(0x05, 1, 9, 0x42), Q1(0, 0, 0, 0, 0, 0, 0), 0x1000, 0 }, KE,
	  IOMMUFMT_FAULT_BAD_REQUEST, 0, FPV | FAV, W, 0x42, 9, 0, 0x1000, 0 },
	{ "F_STREAM_DISABLED", { Q0(0x06, 0, 0, 0x42), 0, 0, 0 }, KE,
	  IOMMUFMT_FAULT_TRANSLATION_OFF, 0, 0, 0, 0x42, 0, 0, 0, 0 },
	{ "F_TRANSL_FORBIDDEN", { Q0(0x07, 0, 0, 0x42), bits(35, 35, 1), 0xabc000, 0 }, KE,
	  IOMMUFMT_FAULT_TRANSLATION_OFF, 0, FAV, R, 0x42, 0, 0, 0xabc000, 0 },
	{ "C_BAD_SUBSTREAMID", { Q0(0x08, 0, 0xfffff, 0x42), 0, 0, 0 }, KC,
	  IOMMUFMT_FAULT_BAD_PASID, 1, FPV, 0, 0x42, 0xfffff, 0, 0, 0 },
	{ "F_CD_FETCH", { Q0(0x09, 1, 5, 0x42), bits(15, 0, 1), 0, FETCH }, KE,
	  IOMMUFMT_FAULT_CONFIG_READ, 1, FPV | FA2, 0, 0x42, 5, 0, 0, FETCH },
	{ "C_BAD_CD", { Q0(0x0a, 1, 5, 0x42), 0, 0, 0 }, KC, IOMMUFMT_FAULT_BAD_PASID_ENTRY, 1,
	  FPV, 0, 0x42, 5, 0, 0, 0 },
	{ "F_WALK_EABT s1", { Q0(0x0b, 1, 5, 0x42), Q1(0, 0, 0, 0, 0, 0, 1), VA, FETCH }, KE,
	  IOMMUFMT_FAULT_TABLE_READ, 1, FPV | FAV | FA2, W, 0x42, 5, 0, VA, FETCH },
	{ "F_WALK_EABT s2", { Q0(0x0b, 0, 0, 0x42), Q1(0, 0, 0, 0, 1, 1, 2), VA, FETCH }, KE,
	  IOMMUFMT_FAULT_TABLE_READ, 2, FAV | FA2, R, 0x42, 0, 0, VA, FETCH },
	{ "F_TRANSLATION s1", { Q0(0x10, 1, 7, 0x42), Q1(0, 0, 0, 0, 1, 0, 2), VA, 0 }, KE,
	  IOMMUFMT_FAULT_NOT_PRESENT, 1, FPV | FAV, R, 0x42, 7, 0, VA, 0 },
	{ "F_TRANSLATION s2 stall", { Q0(0x10, 1, 7, 0x42), Q1(0xabcd, 1, 1, 1, 1, 1, 1), VA, IPA },
	  KE, IOMMUFMT_FAULT_NOT_PRESENT, 2, FPV | FAV | FA2 | FST, R | X | P, 0x42, 7, 0xabcd, VA,
	  IPA },
	{ "F_ADDR_SIZE", { Q0(0x11, 0, 0, 0x42), Q1(0, 0, 0, 0, 0, 1, 2), VA, IPA }, KE,
	  IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT, 2, FAV | FA2, W, 0x42, 0, 0, VA, IPA },
	{ "F_ACCESS", { Q0(0x12, 0, 0, 0x42), Q1(0x12, 1, 0, 0, 1, 0, 2), VA, 0 }, KE,
	  IOMMUFMT_FAULT_ACCESS_FLAG, 1, FAV | FST, R, 0x42, 0, 0x12, VA, 0 },
	{ "F_PERMISSION TT", { Q0(0x13, 1, 1, 0x42), Q1(0, 0, 0, 0, 0, 1, 1) | bits(44, 44, 1), VA,
			       IPA }, KE, IOMMUFMT_FAULT_PERMISSION, 2, FPV | FAV | FA2, W, 0x42, 1,
	  0, VA, IPA },
	{ "F_PERMISSION CD", { Q0(0x13, 0, 0, 0x42), Q1(0, 0, 0, 0, 1, 1, 0), VA, IPA }, KE,
	  IOMMUFMT_FAULT_PERMISSION, 2, FAV | FA2, R, 0x42, 0, 0, VA, IPA },
	{ "F_TLB_CONFLICT", { Q0(0x20, 0, 0, 0x42), bits(35, 35, 1) | bits(39, 39, 1), VA, IPA },
	  KE, IOMMUFMT_FAULT_CONFLICT, 2, FAV | FA2, R, 0x42, 0, 0, VA, IPA },
	{ "F_CFG_CONFLICT", { Q0(0x21, 0, 0, 0x42), bits(31, 0, 0xfeedf00d), 0, 0 }, KE,
	  IOMMUFMT_FAULT_CONFLICT, 0, 0, 0, 0x42, 0, 0, 0, 0 },
	/* E_PAGE_REQUEST: uR + uW, Span 4 */
	{ "E_PAGE_REQUEST", { Q0(0x24, 1, 2, 0x42), bits(35, 34, 3) | bits(51, 44, 4), 0x7000, 0 },
	  KP, IOMMUFMT_FAULT_PAGE_REQUEST, 1, FPV | FAV, R | W, 0x42, 2, 0, 0x7000, 0 },
	/* privileged only: pR pX */
	{ "E_PAGE_REQUEST priv", { Q0(0x24, 1, 2, 0x42), bits(39, 39, 1) | bits(37, 37, 1), 0x7000,
				   0 }, KP, IOMMUFMT_FAULT_PAGE_REQUEST, 1, FPV | FAV, R | X | P,
	  0x42, 2, 0, 0x7000, 0 },
	{ "F_VMS_FETCH", { Q0(0x25, 1, 2, 0x42), bits(15, 0, 3), 0, FETCH }, KE,
	  IOMMUFMT_FAULT_CONFIG_READ, 0, FPV | FA2, 0, 0x42, 2, 0, 0, FETCH },
};

static void check_meaning(const struct iommufmt_fault *f, const struct evcase *c)
{
	ck_assert_msg(f->kind == c->kind && f->reason == c->reason && f->stage == c->stage,
		      "%s: kind %u reason %u stage %u", c->what, f->kind, f->reason, f->stage);
	ck_assert_msg(f->flags == c->flags, "%s: flags 0x%x want 0x%x", c->what, f->flags,
		      c->flags);
	ck_assert_msg(f->perm == c->perm, "%s: perm 0x%x want 0x%x", c->what, f->perm, c->perm);
	ck_assert_uint_eq(f->devid, c->devid);
	ck_assert_uint_eq(f->pasid, c->pasid);
	ck_assert_uint_eq(f->grpid, c->grpid);
	ck_assert_uint_eq(f->addr, c->addr);
	ck_assert_uint_eq(f->addr2, c->addr2);
}

/* Every event ID: decode means what the spec says, and encode gives the bytes back. */
START_TEST(test_event_rows)
{
	unsigned int seen[256] = { 0 };

	for (unsigned int i = 0; i < sizeof(evcases) / sizeof(evcases[0]); i++) {
		const struct evcase *c = &evcases[i];
		struct iommufmt_fault f, g;
		struct iommufmt_diag d;
		uint8_t b[32], e[32];

		to_bytes(c->w, 4, b);
		memset(&f, 0, sizeof(f));
		f.argsz = sizeof(f);
		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_fault_decode(SMMU, EVT, b, sizeof(b), &f, &d) == 32, "%s: %s",
			      c->what, d.text);
		ck_assert_uint_eq(f.record, EVT);
		ck_assert_uint_eq(f.code, c->w[0] & 0xff);
		check_meaning(&f, c);
		seen[f.code] = 1;
		ck_assert_msg(iommufmt_fault_encode(SMMU, EVT, &f, e, sizeof(e), &d) == 32, "%s: %s",
			      c->what, d.text);
		ck_assert_msg(!memcmp(b, e, 32), "%s: re-encode differs", c->what);
		memset(&g, 0, sizeof(g));
		g.argsz = sizeof(g);
		ck_assert_int_eq(iommufmt_fault_decode(SMMU, EVT, e, sizeof(e), &g, &d), 32);
		ck_assert(!memcmp(&f, &g, sizeof(f)));
	}
	for (unsigned int i = 0; i < sizeof(evdefs) / sizeof(evdefs[0]); i++)
		ck_assert_msg(seen[evdefs[i].id], "event 0x%x has no case", evdefs[i].id);
}
END_TEST

static int decode_words(const uint64_t *w, struct iommufmt_fault *f, struct iommufmt_diag *d)
{
	uint8_t b[32];

	to_bytes(w, 4, b);
	memset(f, 0x5a, sizeof(*f));
	f->argsz = sizeof(*f);
	iommufmt_diag_init(d);
	return iommufmt_fault_decode(SMMU, EVT, b, sizeof(b), f, d);
}

static void assert_untouched(const struct iommufmt_fault *f)
{
	const uint8_t *p = (const uint8_t *)f + sizeof(f->argsz);

	for (size_t i = 0; i < sizeof(*f) - sizeof(f->argsz); i++)
		ck_assert_uint_eq(p[i], 0x5a);
}

/* Every bit an event does not define is refused, naming the bit; unknown IDs are refused. */
START_TEST(test_event_hostile)
{
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	unsigned int known[256] = { 0 };
	uint8_t b[32] = { 0x10 };

	for (unsigned int i = 0; i < sizeof(evdefs) / sizeof(evdefs[0]); i++) {
		const struct evdef *e = &evdefs[i];

		known[e->id] = 1;
		for (unsigned int bit = 8; bit < 256; bit++) {
			/* RnW = 1 so that InD alone is legal; CLASS IN */
			uint64_t w[4] = { e->id, (e->m[1] & mask(35, 35)) | (e->m[1] & mask(41, 41)),
					  0, 0 };

			if (e->m[bit / 64] & (1ull << (bit % 64)))
				continue;
			w[bit / 64] |= 1ull << (bit % 64);
			ck_assert_msg(decode_words(w, &f, &d) == -EOPNOTSUPP, "id 0x%x bit %u",
				      e->id, bit);
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_RESERVED);
			ck_assert_uint_eq(d.index, bit);
			assert_untouched(&f);
		}
	}
	for (unsigned int id = 0; id < 256; id++) {
		uint64_t w[4] = { id, 0, 0, 0 };

		if (known[id])
			continue;
		ck_assert_int_eq(decode_words(w, &f, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE);
		assert_untouched(&f);
	}
	/* CLASS 0b11 is reserved [spec 7.3] */
	{
		uint64_t w[4] = { 0x10, Q1(0, 0, 0, 0, 1, 0, 3), 0, 0 };

		ck_assert_int_eq(decode_words(w, &f, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_BAD_ENCODING);
		ck_assert_str_eq(d.field, "class");
		assert_untouched(&f);
	}
	/* InD is a read's attribute */
	{
		uint64_t w[4] = { 0x10, Q1(0, 0, 0, 1, 0, 0, 2), 0, 0 };

		ck_assert_int_eq(decode_words(w, &f, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_BAD_ENCODING);
		ck_assert_str_eq(d.field, "ind");
	}
	/* a short buffer */
	memset(&f, 0x5a, sizeof(f));
	f.argsz = sizeof(f);
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, EVT, b, 31, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_TRUNCATED);
	assert_untouched(&f);
	ck_assert_int_eq(iommufmt_fault_record_size(SMMU, EVT), 32);
	ck_assert_int_eq(iommufmt_fault_record_size(SMMU, PRI), 16);
	ck_assert_int_eq(iommufmt_fault_record_size(SMMU, IOMMUFMT_FREC_FAULT_REG), -EOPNOTSUPP);
}
END_TEST

/*
 * Walker reason -> the event SMMU (and QEMU smmu_ptw_64_s1/_s2) reports
 * [fault-records.md 6]; 0: SMMU has no event for it (s390 table type and
 * length), -EOPNOTSUPP FAULT_CANNOT_ENCODE.
 */
static const unsigned int walk_event[IOMMUFMT_FAULT_NR] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = 0x10,	/* F_TRANSLATION */
	[IOMMUFMT_FAULT_PERMISSION] = 0x13,	/* F_PERMISSION */
	[IOMMUFMT_FAULT_RESERVED_BIT] = 0x10,	/* invalid descriptor */
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 0x10,	/* TxSZ range check */
	[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = 0x11,	/* F_ADDR_SIZE */
	[IOMMUFMT_FAULT_NON_CANONICAL] = 0x10,	/* sign-extension range */
	[IOMMUFMT_FAULT_ACCESS_FLAG] = 0x12,	/* F_ACCESS */
	[IOMMUFMT_FAULT_TABLE_READ] = 0x0b,	/* F_WALK_EABT */
	[IOMMUFMT_FAULT_BAD_LEVEL] = 0x10,	/* invalid descriptor */
	[IOMMUFMT_FAULT_TABLE_TYPE] = 0,
	[IOMMUFMT_FAULT_TABLE_LENGTH] = 0,
};

/* What each event decodes back to: the reason class survives. */
static unsigned int event_reason(unsigned int id)
{
	switch (id) {
	case 0x10: return IOMMUFMT_FAULT_NOT_PRESENT;
	case 0x11: return IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT;
	case 0x12: return IOMMUFMT_FAULT_ACCESS_FLAG;
	case 0x13: return IOMMUFMT_FAULT_PERMISSION;
	default: return IOMMUFMT_FAULT_TABLE_READ;
	}
}

START_TEST(test_walker_to_event)
{
	static const uint32_t accesses[] = { R, W, X, R | P };

	for (unsigned int r = 1; r < IOMMUFMT_FAULT_NR; r++) {
		for (unsigned int stage = 0; stage <= 2; stage++) {
			for (unsigned int a = 0; a < 4; a++) {
				struct iommufmt_xlate x;
				struct iommufmt_fault f, g;
				struct iommufmt_diag d;
				uint8_t e[32];
				int n;

				memset(&x, 0, sizeof(x));
				x.iova = 0x12345678;
				x.fault = r;
				x.stage = stage;
				x.level = 1;
				x.native_level = 2;
				x.fault_addr = r == IOMMUFMT_FAULT_TABLE_READ ? 0x40001008 :
					       stage == 2 ? 0x80345000 : 0;
				memset(&f, 0, sizeof(f));
				f.argsz = sizeof(f);
				iommufmt_diag_init(&d);
				ck_assert_int_eq(iommufmt_fault_from_xlate(&x, accesses[a], &f, &d), 0);
				f.devid = 0x1234;
				f.pasid = 0x55;
				f.flags |= FPV;
				n = iommufmt_fault_encode(SMMU, EVT, &f, e, sizeof(e), &d);
				if (!walk_event[r]) {
					ck_assert_int_eq(n, -EOPNOTSUPP);
					ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
					continue;
				}
				ck_assert_msg(n == 32, "reason %u stage %u: %s", r, stage, d.text);
				ck_assert_uint_eq(e[0], walk_event[r]);
				/* S2 (bit 103) set exactly for stage 2 */
				ck_assert_uint_eq((e[12] >> 7) & 1, stage == 2);
				memset(&g, 0, sizeof(g));
				g.argsz = sizeof(g);
				ck_assert_int_eq(iommufmt_fault_decode(SMMU, EVT, e, 32, &g, &d), 32);
				ck_assert_uint_eq(g.reason, event_reason(walk_event[r]));
				ck_assert_uint_eq(g.stage, stage == 2 ? 2 : 1);
				ck_assert_uint_eq(g.addr, x.iova);
				ck_assert_uint_eq(g.devid, 0x1234);
				ck_assert_uint_eq(g.pasid, 0x55);
				/* an instruction fetch is a read */
				ck_assert_uint_eq(g.perm, accesses[a] == X ? (R | X) : accesses[a]);
				if (r == IOMMUFMT_FAULT_TABLE_READ)
					ck_assert_uint_eq(g.addr2, 0x40001008);
				else if (stage == 2)
					ck_assert_uint_eq(g.addr2, 0x80345000);
				else
					ck_assert(!(g.flags & FA2));
			}
		}
	}
}
END_TEST

/* Walker records SMMU cannot say: both directions, a write fetching instructions, no access. */
START_TEST(test_walker_refused)
{
	static const uint32_t bad[] = { R | W, W | X, 0, P };

	for (unsigned int i = 0; i < 4; i++) {
		struct iommufmt_xlate x;
		struct iommufmt_fault f;
		struct iommufmt_diag d;
		uint8_t e[32];

		memset(&x, 0, sizeof(x));
		x.iova = 0x1000;
		x.fault = IOMMUFMT_FAULT_PERMISSION;
		x.stage = 1;
		memset(&f, 0, sizeof(f));
		f.argsz = sizeof(f);
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt_fault_from_xlate(&x, bad[i], &f, NULL), 0);
		memset(e, 0x77, sizeof(e));
		ck_assert_int_eq(iommufmt_fault_encode(SMMU, EVT, &f, e, sizeof(e), &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
		ck_assert_str_eq(d.field, "perm");
		ck_assert_uint_eq(e[0], 0x77);
		/* nor a page request as an event */
		ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &f, e, sizeof(e), &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	}
}
END_TEST

/* PRI queue entry [spec 8]. */
static void pri_words(uint64_t *w, uint32_t sid, uint32_t ssid, unsigned int priv, unsigned int x,
		      unsigned int rd, unsigned int wr, unsigned int last, unsigned int ssv,
		      unsigned int prg, uint64_t page)
{
	w[0] = bits(31, 0, sid) | bits(51, 32, ssid) | bits(58, 58, priv) | bits(59, 59, x) |
	       bits(60, 60, rd) | bits(61, 61, wr) | bits(62, 62, last) | bits(63, 63, ssv);
	w[1] = bits(8, 0, prg) | (page & mask(63, 12));
}

START_TEST(test_pri)
{
	struct iommufmt_fault f, g;
	struct iommufmt_diag d;
	uint64_t w[2];
	uint8_t b[16], e[16];

	pri_words(w, 0x10042, 0xabcde, 1, 1, 1, 1, 1, 1, 0x1ff, 0xfffffffffffff000ull);
	to_bytes(w, 2, b);
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, b, 16, &f, &d), 16);
	ck_assert_uint_eq(f.kind, KP);
	ck_assert_uint_eq(f.reason, IOMMUFMT_FAULT_PAGE_REQUEST);
	ck_assert_uint_eq(f.stage, 1);
	ck_assert_uint_eq(f.flags, FPV | FLP | FAV);
	ck_assert_uint_eq(f.perm, R | W | X | P);
	ck_assert_uint_eq(f.devid, 0x10042);
	ck_assert_uint_eq(f.pasid, 0xabcde);
	ck_assert_uint_eq(f.grpid, 0x1ff);
	ck_assert_uint_eq(f.addr, 0xfffffffffffff000ull);
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &f, e, 16, &d), 16);
	ck_assert(!memcmp(b, e, 16));
	/* no PASID, not last: a read in the middle of a group */
	pri_words(w, 7, 0, 0, 0, 1, 0, 0, 0, 3, 0x5000);
	to_bytes(w, 2, b);
	memset(&g, 0, sizeof(g));
	g.argsz = sizeof(g);
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, b, 16, &g, &d), 16);
	ck_assert_uint_eq(g.flags, FAV);
	ck_assert_uint_eq(g.perm, R);
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &g, e, 16, &d), 16);
	ck_assert(!memcmp(b, e, 16));
	/* reserved bits: qw0 57:52, qw1 11:9 */
	for (unsigned int bit = 0; bit < 128; bit++) {
		uint64_t defined[2] = { ~mask(57, 52), ~mask(11, 9) };

		if (defined[bit / 64] & (1ull << (bit % 64)))
			continue;
		pri_words(w, 7, 0, 0, 0, 1, 0, 1, 0, 3, 0x5000);
		w[bit / 64] |= 1ull << (bit % 64);
		to_bytes(w, 2, b);
		memset(&g, 0x5a, sizeof(g));
		g.argsz = sizeof(g);
		ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, b, 16, &g, &d), -EOPNOTSUPP);
		ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_RESERVED);
		ck_assert_uint_eq(d.index, bit);
		assert_untouched(&g);
	}
	/* X and Priv are 0 without a PASID [spec 8] */
	pri_words(w, 7, 0, 0, 1, 1, 0, 1, 0, 3, 0x5000);
	to_bytes(w, 2, b);
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, b, 16, &g, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "ssv");
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, b, 15, &g, &d), -EINVAL);
	/* PRG index is 9 bits */
	f.grpid = 0x200;
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &f, e, 16, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	ck_assert_str_eq(d.field, "grpid");
	/* a page request is no event */
	f.grpid = 1;
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, EVT, &f, e, 16, &d), -EMSGSIZE);
}
END_TEST

/* An iommufd page request encoded as a PRI queue entry (a VMM forwarding it to its vSMMU). */
START_TEST(test_pri_from_iommufd)
{
	struct iommufmt_iommufd_pgfault r = {
		.flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE,
		.dev_id = 0x33, .pasid = 0x4444, .grpid = 0x101, .perm = R | W,
		.addr = 0x7fff0000a000ull, .cookie = 9,
	};
	struct iommufmt_fault f, g;
	struct iommufmt_diag d;
	uint8_t e[32];
	uint64_t w[2];
	uint8_t want[16];

	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), 40);
	/* the cookie is iommufd's own: a native entry has none */
	f.cookie = 0;
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &f, e, sizeof(e), &d), 16);
	pri_words(w, 0x33, 0x4444, 0, 0, 1, 1, 1, 1, 0x101, 0x7fff0000a000ull);
	to_bytes(w, 2, want);
	ck_assert(!memcmp(e, want, 16));
	memset(&g, 0, sizeof(g));
	g.argsz = sizeof(g);
	ck_assert_int_eq(iommufmt_fault_decode(SMMU, PRI, e, 16, &g, &d), 16);
	ck_assert_uint_eq(g.grpid, 0x101);
	ck_assert_uint_eq(g.flags, FPV | FLP | FAV);
	/* a group index too wide for PRGIndex */
	f.grpid = 0x1000;
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, PRI, &f, e, sizeof(e), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	/* and not as an event */
	f.grpid = 1;
	ck_assert_int_eq(iommufmt_fault_encode(SMMU, EVT, &f, e, sizeof(e), &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

/* A vEVENTQ SMMUv3 payload is the 32-byte event record, StreamID = the virtual SID. */
START_TEST(test_vevent_smmu)
{
	const uint64_t ev[4] = { Q0(0x10, 1, 0x21, 0x8), Q1(0, 0, 0, 0, 0, 0, 2), 0xbeef000, 0 };
	struct iommufmt_iommufd_vevent_header h[2] = { { 0, 5 }, { 0, 7 } };
	struct iommufmt_vevent_reader rd = { 0 };
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint8_t buf[2 * (8 + 32)];
	const void *data = NULL;
	size_t off = 0;

	for (unsigned int i = 0; i < 2; i++) {
		memcpy(buf + i * 40, &h[i], 8);
		to_bytes(ev, 4, buf + i * 40 + 8);
	}
	for (unsigned int i = 0; i < 2; i++) {
		int n = iommufmt_vevent_next(&rd, buf + off, sizeof(buf) - off, 32, &data, &d);

		ck_assert_int_eq(n, 40);
		off += (size_t)n;
		memset(&f, 0, sizeof(f));
		f.argsz = sizeof(f);
		ck_assert_int_eq(iommufmt_fault_decode(SMMU, EVT, data, 32, &f, &d), 32);
		ck_assert_uint_eq(f.code, 0x10);
		ck_assert_uint_eq(f.devid, 0x8);	/* the vSID */
		ck_assert_uint_eq(f.pasid, 0x21);
		ck_assert_uint_eq(f.stage, 1);
		ck_assert_uint_eq(f.perm, W);
		ck_assert_uint_eq(f.addr, 0xbeef000);
		ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 |
						      IOMMUFMT_FAULTF_NESTED_S2, &f, &d),
				 IOMMUFMT_ROUTE_GUEST);
	}
	ck_assert_uint_eq(rd.lost, 1);	/* sequence 6 is missing */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault-smmuv3");
	TCase *tc = tcase_create("smmuv3");

	tcase_add_test(tc, test_event_rows);
	tcase_add_test(tc, test_event_hostile);
	tcase_add_test(tc, test_walker_to_event);
	tcase_add_test(tc, test_walker_refused);
	tcase_add_test(tc, test_pri);
	tcase_add_test(tc, test_pri_from_iommufd);
	tcase_add_test(tc, test_vevent_smmu);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
