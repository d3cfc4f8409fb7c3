/* SPDX-License-Identifier: MIT */
/* AMD-Vi event log and PPR log entries, hand-built from doc/fault-records.md section 4. */
#include <errno.h>
#include <string.h>

#include "tests/faulttest.h"
#include "tests/testutil.h"

static const struct ft_fmt ev = { IOMMUFMT_MODEL_AMD, IOMMUFMT_FREC_EVENT, 16, false };
static const struct ft_fmt ppr = { IOMMUFMT_MODEL_AMD, IOMMUFMT_FREC_PAGE_REQ, 16, false };

/* Event flags as the sheet's table gives them (value within qword 0 bits 59:48). */
enum { GN = 0x001, NX = 0x002, US = 0x004, I = 0x008, PR = 0x010, RW = 0x020, PE = 0x040,
       RZ = 0x080, TR = 0x100 };
#define BITS(hi, lo) ((~UINT64_C(0) >> (63 - (hi))) & ~((UINT64_C(1) << (lo)) - 1))
#define D_CODE		BITS(63, 60)
#define D_DEVID		BITS(15, 0)
#define D_PASID		(BITS(47, 32) | BITS(19, 16))
#define D_FLAGS(f)	((uint64_t)(f) << 48)
#define ALL_FLAGS	(NX | US | I | PR | RW | PE | RZ | TR)

/* An event log entry from the sheet's bit positions: qword 0 and qword 1 = @addr. */
static void mk_ev(uint8_t *rec, unsigned int code, uint32_t devid, uint32_t pasid,
		  unsigned int flags, uint64_t addr)
{
	memset(rec, 0, 16);
	ft_or64(&ev, rec, 0, (uint64_t)code << 60 | (uint64_t)flags << 48 |
		(uint64_t)(pasid & 0xffff) << 32 | (uint64_t)(pasid >> 16 & 0xf) << 16 | devid);
	ft_or64(&ev, rec, 1, addr);
}

struct ev_case {
	const char *name;
	unsigned int code, flags;
	uint32_t devid, pasid;
	uint64_t addr;
	uint64_t defined0;		/* qword 0 bits the sheet defines for this code */
	uint8_t kind, stage;
	uint16_t reason;
	uint32_t gflags, perm;		/* expected generic flags and permissions */
	int addr2;			/* the address is addr2 (a structure's), not addr */
};

#define EV(k, r) .kind = IOMMUFMT_FAULT_KIND_##k, .reason = IOMMUFMT_FAULT_##r
#define F_PV	IOMMUFMT_FAULT_F_PASID_VALID
#define F_AV	IOMMUFMT_FAULT_F_ADDR_VALID
#define F_A2V	IOMMUFMT_FAULT_F_ADDR2_VALID
#define P_R	IOMMUFMT_ACCESS_READ
#define P_W	IOMMUFMT_ACCESS_WRITE
#define P_X	IOMMUFMT_ACCESS_EXEC
#define P_P	IOMMUFMT_ACCESS_PRIV

static const struct ev_case ev_cases[] = {
	{ "ILLEGAL_DEV_TABLE_ENTRY", 1, GN | I | RW | RZ | TR, 0x1234, 0x5abcd, 0xfeedc0de000,
	  D_CODE | D_FLAGS(GN | I | RW | RZ | TR) | D_PASID | D_DEVID, EV(CONFIG, BAD_DEVICE_ENTRY),
	  .gflags = F_PV | F_AV, .perm = P_W },
	{ "IO_PAGE_FAULT not present, guest", 2, GN | US, 0x0010, 0x00042, 0x7fff0000123,
	  D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID, EV(EVENT, NOT_PRESENT), .stage = 1,
	  .gflags = F_PV | F_AV, .perm = P_R },
	/* GN = 0: the field is DomainID 0x77, no PASID; it must come back on re-encode */
	{ "IO_PAGE_FAULT permission, host, supervisor exec write", 2, PR | PE | RW | NX | I | TR,
	  0xffff, 0x00077, 0x1000, D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID,
	  EV(EVENT, PERMISSION), .gflags = F_AV, .perm = P_W | P_X | P_P },
	{ "IO_PAGE_FAULT reserved bit", 2, GN | PR | RZ | US, 1, 0xfffff, 0x2000,
	  D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID, EV(EVENT, RESERVED_BIT), .stage = 1,
	  .gflags = F_PV | F_AV, .perm = P_R },
	{ "IO_PAGE_FAULT PR only", 2, PR | US, 2, 0, 0x3000,
	  D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID, EV(EVENT, OTHER),
	  .gflags = F_AV, .perm = P_R },
	{ "DEV_TAB_HARDWARE_ERROR", 3, I | RW | US, 0x0101, 0, 0xabc000,
	  D_CODE | D_FLAGS(ALL_FLAGS) | D_DEVID, EV(EVENT, HW_ERROR), .gflags = F_A2V, .perm = P_W,
	  .addr2 = 1 },
	{ "PAGE_TAB_HARDWARE_ERROR", 4, GN | US, 0x0202, 0x12345, 0xdef008,
	  D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID, EV(EVENT, HW_ERROR), .stage = 1,
	  .gflags = F_PV | F_A2V, .perm = P_R, .addr2 = 1 },
	{ "ILLEGAL_COMMAND_ERROR", 5, 0, 0, 0, 0x4000f0, D_CODE, EV(EVENT, OTHER), .gflags = F_A2V,
	  .addr2 = 1 },
	{ "COMMAND_HARDWARE_ERROR", 6, TR | US, 0, 0, 0x400100, D_CODE | D_FLAGS(ALL_FLAGS),
	  EV(EVENT, HW_ERROR), .gflags = F_A2V, .perm = P_R, .addr2 = 1 },
	{ "IOTLB_INV_TIMEOUT", 7, 0, 0x0303, 0, 0x400200, D_CODE | D_DEVID, EV(EVENT, OTHER),
	  .gflags = F_A2V, .addr2 = 1 },
	{ "INVALID_DEVICE_REQUEST", 8, GN | TR | US, 0x0404, 0x1, 0x5000,
	  D_CODE | D_FLAGS(GN | ALL_FLAGS) | D_PASID | D_DEVID, EV(EVENT, BAD_REQUEST),
	  .gflags = F_PV | F_AV, .perm = P_R },
};

START_TEST(test_event_rows)
{
	for (unsigned int i = 0; i < sizeof(ev_cases) / sizeof(ev_cases[0]); i++) {
		const struct ev_case *c = &ev_cases[i];
		const uint64_t defined[2] = { c->defined0, ~UINT64_C(0) };
		struct iommufmt_fault f;
		uint8_t rec[16];

		mk_ev(rec, c->code, c->devid, c->pasid, c->flags, c->addr);
		ft_roundtrip(&ev, rec, &f);
		ck_assert_msg(f.kind == c->kind && f.reason == c->reason && f.stage == c->stage,
			      "%s: kind %u reason %u stage %u", c->name, f.kind, f.reason, f.stage);
		ck_assert_uint_eq(f.code, c->code);
		ck_assert_msg(f.flags == c->gflags, "%s: flags 0x%x", c->name, f.flags);
		ck_assert_msg(f.perm == c->perm, "%s: perm 0x%x", c->name, f.perm);
		ck_assert_uint_eq(f.devid, c->devid);
		ck_assert_uint_eq(f.pasid, c->gflags & F_PV ? c->pasid : 0);
		ck_assert_uint_eq(f.addr, c->addr2 ? 0 : c->addr);
		ck_assert_uint_eq(f.addr2, c->addr2 ? c->addr : 0);
		ft_reserved_sweep(&ev, rec, defined);
	}
}
END_TEST

/* INVALID_PPR_REQUEST has the PPR entry's layout (sheet 4.1, Linux PPR_PASID on the event). */
START_TEST(test_event_bad_ppr)
{
	const uint64_t defined[2] = { ~BITS(47, 46), ~UINT64_C(0) };
	struct iommufmt_fault f;
	uint8_t rec[16];

	memset(rec, 0, sizeof(rec));
	ft_or64(&ev, rec, 0, UINT64_C(9) << 60 | UINT64_C(0x100) << 48 | UINT64_C(0xa) << 42 |
		UINT64_C(1) << 41 | UINT64_C(0x1ab) << 32 | UINT64_C(0xbeef) << 16 | 0x0505);
	ft_or64(&ev, rec, 1, 0x6000);
	ft_roundtrip(&ev, rec, &f);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_EVENT);
	ck_assert_uint_eq(f.reason, IOMMUFMT_FAULT_BAD_REQUEST);
	ck_assert_uint_eq(f.flags, F_PV | F_AV);
	ck_assert_uint_eq(f.pasid, 0xabeef);
	ck_assert_uint_eq(f.grpid, 0x1ab);
	ck_assert_uint_eq(f.devid, 0x0505);
	ck_assert_uint_eq(f.addr, 0x6000);
	ft_reserved_sweep(&ev, rec, defined);
}
END_TEST

/* A PPR log entry from the sheet's section 4.2 positions. */
static void mk_ppr(uint8_t *rec, uint32_t devid, uint32_t pasid, uint32_t prg, int last,
		   unsigned int flags, uint64_t addr)
{
	memset(rec, 0, 16);
	ft_or64(&ppr, rec, 0, UINT64_C(1) << 60 | (uint64_t)flags << 48 |
		(uint64_t)(pasid >> 16 & 0xf) << 42 | (uint64_t)!!last << 41 | (uint64_t)prg << 32 |
		(uint64_t)(pasid & 0xffff) << 16 | devid);
	ft_or64(&ppr, rec, 1, addr);
}

/* PPR flags (sheet 4.2). */
enum { Q_EXEC = 0x002, Q_READ = 0x004, Q_WRITE = 0x020, Q_US = 0x040, Q_RSVD = 0x080,
       Q_GN = 0x100 };

START_TEST(test_ppr_rows)
{
	const uint64_t defined[2] = {
		BITS(63, 60) | BITS(56, 53) | BITS(50, 49) | BITS(45, 0), BITS(63, 12)
	};
	struct iommufmt_fault f;
	struct iommufmt_diag d;
	uint8_t rec[16], out[16];

	/* user read/write with PASID, last of group 0x1ff */
	mk_ppr(rec, 0x0a0b, 0xfedcb, 0x1ff, 1, Q_GN | Q_READ | Q_WRITE | Q_US, 0x12345000);
	ft_roundtrip(&ppr, rec, &f);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_PAGE_REQ);
	ck_assert_uint_eq(f.reason, IOMMUFMT_FAULT_PAGE_REQUEST);
	ck_assert_uint_eq(f.stage, 1);
	ck_assert_uint_eq(f.flags, F_PV | F_AV | IOMMUFMT_FAULT_F_LAST_PAGE |
			  IOMMUFMT_FAULT_F_NEEDS_PASID);
	ck_assert_uint_eq(f.perm, P_R | P_W);
	ck_assert_uint_eq(f.pasid, 0xfedcb);
	ck_assert_uint_eq(f.grpid, 0x1ff);
	ck_assert_uint_eq(f.devid, 0x0a0b);
	ck_assert_uint_eq(f.addr, 0x12345000);
	ft_reserved_sweep(&ppr, rec, defined);
	/* supervisor exec, not last, RSVD kept through the native bytes */
	mk_ppr(rec, 1, 5, 3, 0, Q_GN | Q_EXEC | Q_READ | Q_RSVD, 0xfffff000);
	ft_roundtrip(&ppr, rec, &f);
	ck_assert_uint_eq(f.perm, P_R | P_X | P_P);
	ck_assert_uint_eq(f.flags, F_PV | F_AV | IOMMUFMT_FAULT_F_NEEDS_PASID);
	/* a PRG index past 9 bits has no room */
	f.grpid = 0x200;
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_encode(ppr.model, ppr.record, &f, out, sizeof(out), &d),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	/* and a page request is no event */
	f.grpid = 3;
	ck_assert_int_eq(iommufmt_fault_encode(ev.model, ev.record, &f, out, sizeof(out), &d),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

START_TEST(test_iommufd_to_ppr)
{
	struct iommufmt_iommufd_pgfault r;
	struct iommufmt_fault f, back;
	struct iommufmt_diag d;
	uint8_t rec[16], want[16];

	memset(&r, 0, sizeof(r));
	r.flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE;
	r.dev_id = 0x42;
	r.pasid = 0x123;
	r.grpid = 0x1f;
	r.perm = IOMMUFMT_IOMMUFD_PERM_READ | IOMMUFMT_IOMMUFD_PERM_WRITE;
	r.addr = 0x70001234;
	r.cookie = 9;
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), (int)sizeof(r));
	ck_assert_int_eq(iommufmt_fault_encode(ppr.model, ppr.record, &f, rec, sizeof(rec), &d),
			 16);
	/* a user request (no PRIV: US = 1); the page offset is below the entry's granule */
	mk_ppr(want, 0x42, 0x123, 0x1f, 1, Q_GN | Q_READ | Q_WRITE | Q_US, 0x70001000);
	ck_assert_mem_eq(rec, want, 16);
	ft_roundtrip(&ppr, rec, &back);
	ck_assert_uint_eq(back.grpid, 0x1f);
	/* iommufd's dev_id is no DeviceID when it needs more than 16 bits */
	f.devid = 0x10000;
	ck_assert_int_eq(iommufmt_fault_encode(ppr.model, ppr.record, &f, rec, sizeof(rec), &d),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

START_TEST(test_hostile)
{
	uint8_t rec[16];

	/* type 0: not yet written; 0xA-0xF are not decoded (SNP RMP events among them) */
	for (unsigned int code = 0; code < 16; code++) {
		if (code >= 1 && code <= 9)
			continue;
		mk_ev(rec, code, 0, 0, 0, 0);
		ft_decode_fails(&ev, rec, 16, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, -1);
	}
	for (unsigned int type = 0; type < 16; type++) {
		if (type == 1)
			continue;
		memset(rec, 0, sizeof(rec));
		ft_or64(&ppr, rec, 0, (uint64_t)type << 60);
		ft_decode_fails(&ppr, rec, 16, -EOPNOTSUPP, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, -1);
	}
	mk_ev(rec, 2, 1, 0, PR, 0x1000);
	ft_decode_fails(&ev, rec, 15, -EINVAL, IOMMUFMT_DIAG_FAULT_TRUNCATED, -1);
	mk_ppr(rec, 1, 1, 1, 1, Q_GN | Q_READ, 0x1000);
	ft_decode_fails(&ppr, rec, 15, -EINVAL, IOMMUFMT_DIAG_FAULT_TRUNCATED, -1);
	ck_assert_int_eq(iommufmt_fault_record_size(IOMMUFMT_MODEL_AMD, IOMMUFMT_FREC_EVENT), 16);
	ck_assert_int_eq(iommufmt_fault_record_size(IOMMUFMT_MODEL_AMD, IOMMUFMT_FREC_PAGE_REQ),
			 16);
	ck_assert_int_eq(iommufmt_fault_record_size(IOMMUFMT_MODEL_AMD, IOMMUFMT_FREC_FAULT_REG),
			 -EOPNOTSUPP);
}
END_TEST

/*
 * Walker fault -> event, per reason (sheet section 6, AMD-Vi column):
 * the event code (0: cannot encode) and the reason it reads back as.
 */
static const struct {
	unsigned int code;
	uint16_t back;
} walk_map[IOMMUFMT_FAULT_NR] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = { 2, IOMMUFMT_FAULT_NOT_PRESENT },
	[IOMMUFMT_FAULT_PERMISSION] = { 2, IOMMUFMT_FAULT_PERMISSION },
	[IOMMUFMT_FAULT_RESERVED_BIT] = { 2, IOMMUFMT_FAULT_RESERVED_BIT },
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = { 2, IOMMUFMT_FAULT_NOT_PRESENT },	/* PR = 0 */
	[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = { 0, 0 },
	[IOMMUFMT_FAULT_NON_CANONICAL] = { 0, 0 },
	[IOMMUFMT_FAULT_ACCESS_FLAG] = { 0, 0 },
	[IOMMUFMT_FAULT_TABLE_READ] = { 4, IOMMUFMT_FAULT_HW_ERROR },
	[IOMMUFMT_FAULT_BAD_LEVEL] = { 2, IOMMUFMT_FAULT_RESERVED_BIT },	/* RZ */
	[IOMMUFMT_FAULT_TABLE_TYPE] = { 0, 0 },
	[IOMMUFMT_FAULT_TABLE_LENGTH] = { 0, 0 },
};

START_TEST(test_walker_faults)
{
	static const uint32_t access[] = { P_R, P_W, P_X };

	for (uint32_t r = 1; r < IOMMUFMT_FAULT_NR; r++) {
		for (uint32_t stage = 0; stage <= 2; stage++) {
			for (unsigned int a = 0; a < 3; a++) {
				const uint64_t iova = 0x4000123000 + r, table = 0x88000;
				struct iommufmt_fault back;
				struct iommufmt_diag d;
				uint8_t rec[16];
				/* the guest (GN = 1) table is stage 1, with its PASID */
				int rc = ft_walk(&ev, r, stage, access[a], iova,
						 r == IOMMUFMT_FAULT_TABLE_READ ? table : 0, 0x0102,
						 stage == 1 ? 0x321 : -1, rec, &back, &d);

				if (!walk_map[r].code) {
					ck_assert_int_eq(rc, -EOPNOTSUPP);
					ck_assert_uint_eq(d.code,
							  IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
					continue;
				}
				ck_assert_msg(rc == 16, "reason %u stage %u: %s", r, stage, d.text);
				ck_assert_uint_eq(rec[7] >> 4, walk_map[r].code);
				ck_assert_uint_eq(back.reason, walk_map[r].back);
				ck_assert_uint_eq(back.stage, stage == 1 ? 1 : 0);
				ck_assert_uint_eq(back.pasid, stage == 1 ? 0x321 : 0);
				/* an execute fetch is a read with NX (RW = 0) */
				ck_assert_uint_eq(back.perm,
						  access[a] == P_X ? (P_R | P_X) : access[a]);
				if (walk_map[r].code == 4) {
					ck_assert_uint_eq(back.addr2, table);
					ck_assert(!(back.flags & F_AV));
				} else {
					ck_assert_uint_eq(back.addr, iova);
				}
			}
		}
	}
}
END_TEST

/* The GN rule both ways: a stage-1 fault without a PASID, a host-table fault with one. */
START_TEST(test_walker_gn_rule)
{
	struct iommufmt_fault back;
	struct iommufmt_diag d;
	uint8_t rec[16];

	ck_assert_int_eq(ft_walk(&ev, IOMMUFMT_FAULT_NOT_PRESENT, 1, P_R, 0x1000, 0, 1, -1, rec,
				 &back, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	ck_assert_int_eq(ft_walk(&ev, IOMMUFMT_FAULT_NOT_PRESENT, 2, P_R, 0x1000, 0, 1, 5, rec,
				 &back, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	/* a walker fault is no page request */
	ck_assert_int_eq(ft_walk(&ppr, IOMMUFMT_FAULT_NOT_PRESENT, 1, P_R, 0x1000, 0, 1, 5, rec,
				 &back, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault-amd");
	TCase *tc = tcase_create("amd");

	tcase_add_test(tc, test_event_rows);
	tcase_add_test(tc, test_event_bad_ppr);
	tcase_add_test(tc, test_ppr_rows);
	tcase_add_test(tc, test_iommufd_to_ppr);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_walker_faults);
	tcase_add_test(tc, test_walker_gn_rule);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
