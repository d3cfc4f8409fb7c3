/* SPDX-License-Identifier: MIT */
/* Tests of the generic fault record: its rules, the routing truth table, the walker and iommufd forms. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <iommufmt/iommufmt.h>
#include "lib/fault_table.h"
#include "tests/testutil.h"

/*
 * The kernel's definitions (include/uapi/linux/iommufd.h, Linux 6.13), written
 * out here because Debian's kernel headers predate them: the mirrors in
 * abi.h must match these offsets, sizes and values.
 */
struct kernel_iommu_hwpt_pgfault {
	__u32 flags;
	__u32 dev_id;
	__u32 pasid;
	__u32 grpid;
	__u32 perm;
	__u32 __reserved;
	__aligned_u64 addr;
	__u32 length;
	__u32 cookie;
};
struct kernel_iommu_hwpt_page_response {
	__u32 cookie;
	__u32 code;
};
struct kernel_iommufd_vevent_header {
	__u32 flags;
	__u32 sequence;
};
enum { K_PGFAULT_FLAGS_PASID_VALID = 1 << 0, K_PGFAULT_FLAGS_LAST_PAGE = 1 << 1 };
enum { K_PERM_READ = 1 << 0, K_PERM_WRITE = 1 << 1, K_PERM_EXEC = 1 << 2, K_PERM_PRIV = 1 << 3 };
enum { K_RESP_SUCCESS = 0, K_RESP_INVALID = 1 };
enum { K_VEVENTQ_FLAG_LOST_EVENTS = 1 << 0 };

#define SAME_FIELD(a, b, f) \
	(offsetof(struct a, f) == offsetof(struct b, f) && \
	 sizeof(((struct a *)0)->f) == sizeof(((struct b *)0)->f))

START_TEST(test_iommufd_layouts)
{
	ck_assert_uint_eq(sizeof(struct iommufmt_iommufd_pgfault),
			  sizeof(struct kernel_iommu_hwpt_pgfault));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, flags));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, dev_id));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, pasid));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, grpid));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, perm));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, __reserved));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, addr));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, length));
	ck_assert(SAME_FIELD(iommufmt_iommufd_pgfault, kernel_iommu_hwpt_pgfault, cookie));
	ck_assert_uint_eq(sizeof(struct iommufmt_iommufd_page_response),
			  sizeof(struct kernel_iommu_hwpt_page_response));
	ck_assert(SAME_FIELD(iommufmt_iommufd_page_response, kernel_iommu_hwpt_page_response, cookie));
	ck_assert(SAME_FIELD(iommufmt_iommufd_page_response, kernel_iommu_hwpt_page_response, code));
	ck_assert_uint_eq(sizeof(struct iommufmt_iommufd_vevent_header),
			  sizeof(struct kernel_iommufd_vevent_header));
	ck_assert(SAME_FIELD(iommufmt_iommufd_vevent_header, kernel_iommufd_vevent_header, flags));
	ck_assert(SAME_FIELD(iommufmt_iommufd_vevent_header, kernel_iommufd_vevent_header,
			     sequence));
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID, K_PGFAULT_FLAGS_PASID_VALID);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE, K_PGFAULT_FLAGS_LAST_PAGE);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PERM_READ, K_PERM_READ);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PERM_WRITE, K_PERM_WRITE);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PERM_EXEC, K_PERM_EXEC);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_PERM_PRIV, K_PERM_PRIV);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_RESP_SUCCESS, K_RESP_SUCCESS);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_RESP_INVALID, K_RESP_INVALID);
	ck_assert_uint_eq(IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS, K_VEVENTQ_FLAG_LOST_EVENTS);
	ck_assert_uint_eq(sizeof(struct iommufmt_fault), IOMMUFMT_FAULT_SIZE_VER0);
}
END_TEST

/* A well-formed record of each kind, as the tests start from. */
static void good_fault(struct iommufmt_fault *f, unsigned int kind, unsigned int stage)
{
	memset(f, 0, sizeof(*f));
	f->argsz = sizeof(*f);
	f->kind = (__u8)kind;
	f->stage = (__u8)stage;
	f->record = IOMMUFMT_FREC_WALK;
	f->flags = IOMMUFMT_FAULT_F_ADDR_VALID | IOMMUFMT_FAULT_F_PASID_VALID;
	f->addr = 0x12345000;
	f->pasid = 7;
	f->devid = 0x100;
	f->perm = IOMMUFMT_ACCESS_READ;
	switch (kind) {
	case IOMMUFMT_FAULT_KIND_PAGE_REQ:
		f->reason = IOMMUFMT_FAULT_PAGE_REQUEST;
		f->flags |= IOMMUFMT_FAULT_F_LAST_PAGE;
		f->grpid = 3;
		break;
	case IOMMUFMT_FAULT_KIND_EVENT:
		f->reason = IOMMUFMT_FAULT_NOT_PRESENT;
		break;
	default:
		f->reason = IOMMUFMT_FAULT_BAD_PASID_ENTRY;
		break;
	}
}

/*
 * The routing rule, written as the issue states it (a reference the
 * library's code is checked against): who handles (report, record).
 */
static int route_model(uint32_t report, unsigned int kind, unsigned int stage, int stalled)
{
	const uint32_t st = report & (IOMMUFMT_FAULTF_FLAT | IOMMUFMT_FAULTF_NESTED_S1 |
				      IOMMUFMT_FAULTF_NESTED_S2);
	const int flat = st == IOMMUFMT_FAULTF_FLAT;
	const int s1 = !!(st & IOMMUFMT_FAULTF_NESTED_S1), s2 = !!(st & IOMMUFMT_FAULTF_NESTED_S2);

	if (report & ~IOMMUFMT_FAULTF_ALL)
		return -EINVAL;
	if (!flat && !s1 && !s2)
		return -EINVAL;			/* no stage at all */
	if ((st & IOMMUFMT_FAULTF_FLAT) && !flat)
		return -EINVAL;			/* FLAT with a nested bit */
	if ((report & IOMMUFMT_FAULTF_STALL_FORCE) && !(report & IOMMUFMT_FAULTF_STALL))
		return -EINVAL;
	if (kind == IOMMUFMT_FAULT_KIND_PAGE_REQ && !(report & IOMMUFMT_FAULTF_PRI))
		return -EOPNOTSUPP;
	if (stalled && !(report & IOMMUFMT_FAULTF_STALL))
		return -EOPNOTSUPP;
	if (flat)
		return stage == 2 ? -EINVAL : IOMMUFMT_ROUTE_GUEST;
	if (stage == 1)
		return s1 ? IOMMUFMT_ROUTE_GUEST : -EOPNOTSUPP;
	return s2 ? IOMMUFMT_ROUTE_VMM : -EOPNOTSUPP;
}

/* Every reporting setting (and unknown bits) x kind x stage x stalled, against the model. */
START_TEST(test_route_truth_table)
{
	unsigned int counts[3] = { 0, 0, 0 };

	for (uint32_t report = 0; report < 0x100; report++) {
		for (unsigned int kind = 1; kind <= 3; kind++) {
			for (unsigned int stage = 0; stage <= 2; stage++) {
				for (int stalled = 0; stalled <= 1; stalled++) {
					struct iommufmt_fault f;
					struct iommufmt_diag d;
					int want, got;

					if (stalled && kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
						continue;	/* not a valid record */
					good_fault(&f, kind, stage);
					if (stalled)
						f.flags |= IOMMUFMT_FAULT_F_STALLED;
					iommufmt_diag_init(&d);
					want = route_model(report, kind, stage, stalled);
					got = iommufmt_fault_route(report, &f, &d);
					ck_assert_msg(got == want,
						      "report 0x%x kind %u stage %u stalled %d: %d, want %d (%s)",
						      report, kind, stage, stalled, got, want, d.text);
					if (got == -EOPNOTSUPP)
						ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_NOT_REPORTED);
					counts[got == IOMMUFMT_ROUTE_GUEST ? 0 :
					       got == IOMMUFMT_ROUTE_VMM ? 1 : 2]++;
				}
			}
		}
	}
	/* the table is not degenerate: every answer occurs */
	ck_assert_uint_gt(counts[0], 0);
	ck_assert_uint_gt(counts[1], 0);
	ck_assert_uint_gt(counts[2], 0);
}
END_TEST

/* The named cases of the issue, spelled out. */
START_TEST(test_route_named_cases)
{
	struct iommufmt_fault f;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	good_fault(&f, IOMMUFMT_FAULT_KIND_EVENT, 2);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1, &f, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "stage");
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2,
					      &f, &d), IOMMUFMT_ROUTE_VMM);
	f.stage = 1;
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1, &f, &d),
			 IOMMUFMT_ROUTE_GUEST);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S2, &f, &d), -EOPNOTSUPP);
	/* "nested" with no stage, and FLAT with a nested bit, are no settings */
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_PRI, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_REPORT_CONFIG);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_FLAT | IOMMUFMT_FAULTF_NESTED_S1,
					      &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_REPORT_CONFIG);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_FLAT, &f, &d), IOMMUFMT_ROUTE_GUEST);
	/* a page request needs PRI */
	good_fault(&f, IOMMUFMT_FAULT_KIND_PAGE_REQ, 1);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1, &f, &d), -EOPNOTSUPP);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_PRI, &f,
					      &d), IOMMUFMT_ROUTE_GUEST);
	/* a bad record is refused before the configuration is looked at */
	f.reason = IOMMUFMT_FAULT_NOT_PRESENT;
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_FLAT, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_BAD_FIELD);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_FLAT, NULL, &d), -EINVAL);
}
END_TEST

/* One field corrupted at a time: each gives its error and diag field. */
START_TEST(test_check_hostile)
{
	static const struct {
		const char *what;
		size_t off, size;
		uint64_t value;
		int err;
		const char *field;
	} t[] = {
#define AT(m) offsetof(struct iommufmt_fault, m), sizeof(((struct iommufmt_fault *)0)->m)
		{ "argsz small", AT(argsz), IOMMUFMT_FAULT_SIZE_VER0 - 8, -EINVAL, "argsz" },
		{ "unknown flag", AT(flags), 1u << 8 | IOMMUFMT_FAULT_F_ADDR_VALID |
		  IOMMUFMT_FAULT_F_PASID_VALID, -EOPNOTSUPP, "flags" },
		{ "kind 0", AT(kind), 0, -EINVAL, "kind" },
		{ "kind 4", AT(kind), 4, -EINVAL, "kind" },
		{ "stage 3", AT(stage), 3, -EINVAL, "stage" },
		{ "reason none", AT(reason), IOMMUFMT_FAULT_NONE, -EINVAL, "reason" },
		{ "reason past", AT(reason), IOMMUFMT_FAULT_REASON_NR, -EINVAL, "reason" },
		{ "event as page request", AT(reason), IOMMUFMT_FAULT_PAGE_REQUEST, -EINVAL, "reason" },
		{ "record 0", AT(record), 0, -EINVAL, "record" },
		{ "record past", AT(record), IOMMUFMT_FREC_FAULT_REG + 1, -EINVAL, "record" },
		{ "perm user", AT(perm), IOMMUFMT_ACCESS_USER, -EINVAL, "perm" },
		{ "pasid 21 bits", AT(pasid), 1u << 20, -EINVAL, "pasid" },
		{ "level without flag", AT(level), 2, -EINVAL, "level" },
		{ "addr2 without flag", AT(addr2), 0x1000, -EINVAL, "addr2" },
		{ "cookie on a walk", AT(cookie), 9, -EINVAL, "cookie" },
		{ "length on a walk", AT(length), 9, -EINVAL, "length" },
		{ "reserved", AT(__reserved), 1, -EOPNOTSUPP, "__reserved" },
		{ "native bytes on a walk", AT(native.len), 16, -EINVAL, "native.len" },
		{ "native model on a walk", AT(native.model), IOMMUFMT_MODEL_SMMU, -EINVAL,
		  "native.len" },
		{ "native reserved", AT(native.__reserved), 1, -EOPNOTSUPP, "native.__reserved" },
		{ "native tail", AT(native.desc[3]), 1, -EINVAL, "native.desc" },
#undef AT
	};
	struct iommufmt_fault f;
	struct iommufmt_diag d;

	good_fault(&f, IOMMUFMT_FAULT_KIND_EVENT, 1);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		good_fault(&f, IOMMUFMT_FAULT_KIND_EVENT, 1);
		/* store the value at the member's own width, so the test is endian-neutral */
		if (t[i].size == 1) {
			*((uint8_t *)&f + t[i].off) = (uint8_t)t[i].value;
		} else if (t[i].size == 2) {
			uint16_t v = (uint16_t)t[i].value;

			memcpy((uint8_t *)&f + t[i].off, &v, 2);
		} else if (t[i].size == 4) {
			uint32_t v = (uint32_t)t[i].value;

			memcpy((uint8_t *)&f + t[i].off, &v, 4);
		} else {
			memcpy((uint8_t *)&f + t[i].off, &t[i].value, 8);
		}
		iommufmt_diag_init(&d);
		ck_assert_msg(iommufmt_fault_check(&f, &d) == t[i].err, "%s: %s", t[i].what, d.text);
		ck_assert_msg(strcmp(d.field, t[i].field) == 0, "%s: field %s", t[i].what, d.field);
	}
	/* a native record needs its bytes, 16/24/32 of them */
	good_fault(&f, IOMMUFMT_FAULT_KIND_EVENT, 1);
	f.record = IOMMUFMT_FREC_EVENT;
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), -EINVAL);
	f.native.model = IOMMUFMT_MODEL_SMMU;
	f.native.len = 32;
	f.native.desc[0] = 0x10;
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
	f.native.len = 20;
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), -EINVAL);
	/* a longer caller struct with a zero tail is fine, a non-zero tail is not */
	{
		union {
			struct iommufmt_fault f;
			uint8_t b[sizeof(struct iommufmt_fault) + 8];
		} big;

		memset(&big, 0, sizeof(big));
		good_fault(&big.f, IOMMUFMT_FAULT_KIND_EVENT, 1);
		big.f.argsz = sizeof(big);
		ck_assert_int_eq(iommufmt_fault_check(&big.f, &d), 0);
		big.b[sizeof(struct iommufmt_fault) + 3] = 1;
		ck_assert_int_eq(iommufmt_fault_check(&big.f, &d), -E2BIG);
	}
}
END_TEST

/* Every walker reason at every stage becomes an event record the checks accept. */
START_TEST(test_from_xlate)
{
	for (__u32 r = 1; r < IOMMUFMT_FAULT_NR; r++) {
		for (__u32 stage = 0; stage <= 2; stage++) {
			struct iommufmt_xlate x;
			struct iommufmt_fault f;
			struct iommufmt_diag d;

			memset(&x, 0, sizeof(x));
			x.iova = 0xdead0000 + r;
			x.fault = r;
			x.stage = stage;
			x.level = 2;
			x.native_level = 3;
			x.fault_addr = r == IOMMUFMT_FAULT_TABLE_READ || stage == 2 ? 0x8000 : 0;
			memset(&f, 0xa5, sizeof(f));
			f.argsz = sizeof(f);
			iommufmt_diag_init(&d);
			ck_assert_int_eq(iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_WRITE, &f, &d), 0);
			ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
			ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_EVENT);
			ck_assert_uint_eq(f.reason, r);
			ck_assert_uint_eq(f.stage, stage);
			ck_assert_uint_eq(f.record, IOMMUFMT_FREC_WALK);
			ck_assert_uint_eq(f.perm, IOMMUFMT_ACCESS_WRITE);
			ck_assert_uint_eq(f.addr, x.iova);
			ck_assert_uint_eq(f.level, 2);
			ck_assert_uint_eq(f.native_level, 3);
			ck_assert_uint_eq(!!(f.flags & IOMMUFMT_FAULT_F_ADDR2_VALID), !!x.fault_addr);
			ck_assert_uint_eq(f.addr2, x.fault_addr);
			ck_assert_ptr_nonnull(iommufmt_fault_name(f.reason));
			/* the VMM adds the device and PASID, and routes it */
			f.devid = 0x10;
			f.pasid = 1;
			f.flags |= IOMMUFMT_FAULT_F_PASID_VALID;
			ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 |
							      IOMMUFMT_FAULTF_NESTED_S2, &f, &d),
					 stage == 1 ? IOMMUFMT_ROUTE_GUEST : IOMMUFMT_ROUTE_VMM);
		}
	}
}
END_TEST

START_TEST(test_from_xlate_errors)
{
	struct iommufmt_xlate x;
	struct iommufmt_fault f, poison;
	struct iommufmt_diag d;

	memset(&x, 0, sizeof(x));
	memset(&f, 0x5a, sizeof(f));
	f.argsz = sizeof(f);
	poison = f;
	iommufmt_diag_init(&d);
	/* not a fault, a record reason, a bad stage or access: nothing written */
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, 0, &f, &d), -EINVAL);
	x.fault = IOMMUFMT_FAULT_PAGE_REQUEST;
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, 0, &f, &d), -EINVAL);
	x.fault = IOMMUFMT_FAULT_PERMISSION;
	x.stage = 3;
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, 0, &f, &d), -EINVAL);
	x.stage = 1;
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, IOMMUFMT_ACCESS_USER, &f, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_fault_from_xlate(NULL, 0, &f, &d), -EINVAL);
	f.argsz = IOMMUFMT_FAULT_SIZE_VER0 - 1;
	poison.argsz = f.argsz;
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, 0, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_ARGSZ_SMALL);
	ck_assert_mem_eq(&f, &poison, sizeof(f));
	ck_assert_int_eq(iommufmt_fault_from_xlate(&x, 0, NULL, &d), -EINVAL);
}
END_TEST

static void pgfault(struct iommufmt_iommufd_pgfault *r)
{
	memset(r, 0, sizeof(*r));
	r->flags = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID | IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE;
	r->dev_id = 4;
	r->pasid = 0x2345;
	r->grpid = 0x1ff;
	r->perm = IOMMUFMT_IOMMUFD_PERM_READ | IOMMUFMT_IOMMUFD_PERM_WRITE;
	r->addr = 0x7f0000001000ull;
	r->length = 8192;
	r->cookie = 77;
}

START_TEST(test_iommufd_pgfault)
{
	struct iommufmt_iommufd_pgfault r[2];
	struct iommufmt_iommufd_page_response resp;
	struct iommufmt_fault f;
	struct iommufmt_diag d;

	pgfault(&r[0]);
	pgfault(&r[1]);
	r[1].flags = 0;
	r[1].pasid = 0xffffffff;	/* not valid: not read */
	memset(&f, 0, sizeof(f));
	f.argsz = sizeof(f);
	iommufmt_diag_init(&d);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(r, sizeof(r), 1, &f, &d), 40);
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_PAGE_REQ);
	ck_assert_uint_eq(f.reason, IOMMUFMT_FAULT_PAGE_REQUEST);
	ck_assert_uint_eq(f.record, IOMMUFMT_FREC_IOMMUFD);
	ck_assert_uint_eq(f.stage, 1);
	ck_assert_uint_eq(f.devid, 4);
	ck_assert_uint_eq(f.pasid, 0x2345);
	ck_assert_uint_eq(f.grpid, 0x1ff);
	ck_assert_uint_eq(f.perm, IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE);
	ck_assert_uint_eq(f.addr, 0x7f0000001000ull);
	ck_assert_uint_eq(f.length, 8192);
	ck_assert_uint_eq(f.cookie, 77);
	ck_assert_uint_eq(f.flags, IOMMUFMT_FAULT_F_ADDR_VALID | IOMMUFMT_FAULT_F_PASID_VALID |
			  IOMMUFMT_FAULT_F_LAST_PAGE);
	ck_assert_int_eq(iommufmt_fault_route(IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_PRI, &f,
					      &d), IOMMUFMT_ROUTE_GUEST);
	/* the response: success and invalid go through, failure has no iommufd form */
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_SUCCESS, &resp, &d), 0);
	ck_assert_uint_eq(resp.cookie, 77);
	ck_assert_uint_eq(resp.code, IOMMUFMT_IOMMUFD_RESP_SUCCESS);
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_INVALID, &resp, &d), 0);
	ck_assert_uint_eq(resp.code, IOMMUFMT_IOMMUFD_RESP_INVALID);
	memset(&resp, 0xee, sizeof(resp));
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_FAILURE, &resp, &d),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_RESP_LOSSY);
	ck_assert_uint_eq(resp.cookie, 0xeeeeeeee);
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, 3, &resp, &d), -EINVAL);
	/* the second record: no PASID (the garbage is not read), not the last page */
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r[1], sizeof(r[1]), 1, &f, &d), 40);
	ck_assert_uint_eq(f.pasid, 0);
	ck_assert_uint_eq(f.flags & IOMMUFMT_FAULT_F_PASID_VALID, 0);
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_SUCCESS, &resp, &d),
			 -EINVAL);
	/* a walker record has no iommufd response */
	good_fault(&f, IOMMUFMT_FAULT_KIND_PAGE_REQ, 1);
	ck_assert_int_eq(iommufmt_fault_iommufd_response(&f, IOMMUFMT_INV_RESP_SUCCESS, &resp, &d),
			 -EINVAL);
}
END_TEST

START_TEST(test_iommufd_pgfault_hostile)
{
	struct iommufmt_iommufd_pgfault r;
	struct iommufmt_fault f, poison;
	struct iommufmt_diag d;

	memset(&f, 0x3c, sizeof(f));
	f.argsz = sizeof(f);
	poison = f;
	iommufmt_diag_init(&d);
	pgfault(&r);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r) - 1, 1, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_TRUNCATED);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 3, &f, &d), -EINVAL);
	r.flags |= 1u << 2;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_UNKNOWN_FLAGS);
	pgfault(&r);
	r.perm |= 1u << 4;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "perm");
	pgfault(&r);
	r.__reserved = 1;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), -EOPNOTSUPP);
	pgfault(&r);
	r.pasid = 1u << 20;
	ck_assert_int_eq(iommufmt_fault_from_iommufd(&r, sizeof(r), 1, &f, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_fault_from_iommufd(NULL, sizeof(r), 1, &f, &d), -EINVAL);
	ck_assert_mem_eq(&f, &poison, sizeof(f));
}
END_TEST

/* Build a vEVENTQ read: @n events of @dl bytes (or LOST headers where seq has bit 31 set). */
static size_t vevents(uint8_t *buf, const uint32_t *seq, size_t n, size_t dl)
{
	size_t off = 0;

	for (size_t i = 0; i < n; i++) {
		struct iommufmt_iommufd_vevent_header h = { 0, seq[i] & 0x7fffffff };

		if (seq[i] >> 31)
			h.flags = IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS;
		memcpy(buf + off, &h, sizeof(h));
		off += sizeof(h);
		if (!h.flags) {
			memset(buf + off, (int)i + 1, dl);
			off += dl;
		}
	}
	return off;
}

START_TEST(test_vevent_reader)
{
	static const uint32_t seq[] = { 5, 6, 8, 9, 0x80000000u | 10, 40, 41 };
	uint8_t buf[7 * 40];
	struct iommufmt_vevent_reader rd;
	struct iommufmt_diag d;
	const void *data;
	size_t len = vevents(buf, seq, 7, 32), off = 0;
	unsigned int events = 0;
	int r;

	memset(&rd, 0, sizeof(rd));
	iommufmt_diag_init(&d);
	while ((r = iommufmt_vevent_next(&rd, buf + off, len - off, 32, &data, &d)) > 0) {
		off += (size_t)r;
		if (data) {
			ck_assert_uint_eq(*(const uint8_t *)data, events + 1 + (events >= 4));
			events++;
		}
	}
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(off, len);
	ck_assert_uint_eq(events, 6);
	/*
	 * 7 missing between 6 and 8; the LOST header (10, right after 9) says
	 * one at least; 11..39 missing before 40.
	 */
	ck_assert_uint_eq(rd.lost, 1 + 1 + 29);
	ck_assert_uint_eq(rd.next_seq, 42);
	/* sequence numbers wrap without a loss */
	{
		static const uint32_t wrap[] = { 0x7ffffffe, 0x7fffffff };
		struct iommufmt_iommufd_vevent_header h = { 0, 0 };

		memset(&rd, 0, sizeof(rd));
		len = vevents(buf, wrap, 2, 32);
		off = 0;
		while ((r = iommufmt_vevent_next(&rd, buf + off, len - off, 32, &data, &d)) > 0)
			off += (size_t)r;
		/* 0x7ffffffe, 0x7fffffff, then 0: INT_MAX wraps to 0 */
		ck_assert_uint_eq(rd.next_seq, 0);
		h.sequence = 0;
		memcpy(buf, &h, sizeof(h));
		ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), 40);
		ck_assert_uint_eq(rd.lost, 0);
		/* a gap across the wrap: 0x7fffffff expected, 1 arrives: 0x7fffffff and 0 were lost */
		rd.next_seq = 0x7fffffff;
		h.sequence = 1;
		memcpy(buf, &h, sizeof(h));
		ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), 40);
		ck_assert_uint_eq(rd.lost, 2);
		/* above INT_MAX is no kernel number */
		h.sequence = 0x80000000u;
		memcpy(buf, &h, sizeof(h));
		ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), -EINVAL);
	}
}
END_TEST

START_TEST(test_vevent_hostile)
{
	uint8_t buf[64];
	struct iommufmt_vevent_reader rd, before;
	struct iommufmt_iommufd_vevent_header h = { 0, 3 };
	struct iommufmt_diag d;
	const void *data = NULL;

	memset(buf, 0, sizeof(buf));
	memcpy(buf, &h, sizeof(h));
	memset(&rd, 0, sizeof(rd));
	rd.flags = IOMMUFMT_VEVENT_READER_SEQ_VALID;
	rd.next_seq = 1;
	before = rd;
	iommufmt_diag_init(&d);
	/* a partial header, a partial event: nothing consumed, the reader unchanged */
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 7, 32, &data, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_TRUNCATED);
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 39, 32, &data, &d), -EINVAL);
	ck_assert_mem_eq(&rd, &before, sizeof(rd));
	/* bad sizes and unknown flags */
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 0, &data, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 4097, &data, &d), -EINVAL);
	h.flags = 2;
	memcpy(buf, &h, sizeof(h));
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), -EOPNOTSUPP);
	rd.flags = 2;
	h.flags = 0;
	memcpy(buf, &h, sizeof(h));
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), -EOPNOTSUPP);
	rd = before;
	ck_assert_int_eq(iommufmt_vevent_next(&rd, NULL, 40, 32, &data, &d), -EINVAL);
	ck_assert_int_eq(iommufmt_vevent_next(NULL, buf, 40, 32, &data, &d), -EINVAL);
	ck_assert_mem_eq(&rd, &before, sizeof(rd));
	/* the gap 1 -> 3 */
	ck_assert_int_eq(iommufmt_vevent_next(&rd, buf, 40, 32, &data, &d), 40);
	ck_assert_uint_eq(rd.lost, 2);
	ck_assert_ptr_eq(data, buf + 8);
}
END_TEST

START_TEST(test_names)
{
	for (__u32 r = 0; r < IOMMUFMT_FAULT_REASON_NR; r++)
		ck_assert_ptr_nonnull(iommufmt_fault_name(r));
	ck_assert_ptr_null(iommufmt_fault_name(IOMMUFMT_FAULT_REASON_NR));
	ck_assert_str_eq(iommufmt_fault_name(IOMMUFMT_FAULT_BAD_PASID_ENTRY), "bad-pasid-entry");
	ck_assert_str_eq(iommufmt_fault_kind_name(IOMMUFMT_FAULT_KIND_PAGE_REQ), "page-request");
	ck_assert_ptr_null(iommufmt_fault_kind_name(0));
	ck_assert_ptr_null(iommufmt_fault_kind_name(4));
}
END_TEST

/*
 * The record-table engine on a made-up 16-byte format (no model's): code in
 * word 0 bits 3:0; row 1 has a device id, a PASID with its valid bit, a
 * read bit and a page address; row 2 (a page request) a group index and
 * the last-page flag. Everything else is reserved.
 */
static const struct iommufmt__frec_field t_fault_fields[] = {
	IOMMUFMT__FREC_FLD("devid", 0, 31, 16, DEVID, 0),
	IOMMUFMT__FREC_FLAG("pv", 0, 4, IOMMUFMT_FAULT_F_PASID_VALID),
	IOMMUFMT__FREC_FLD("pasid", 0, 59, 40, PASID, 0),
	IOMMUFMT__FREC_PERM("rd", 0, 5, IOMMUFMT_ACCESS_READ),
	IOMMUFMT__FREC_IGNORED("impdef", 0, 63, 62),
	IOMMUFMT__FREC_FLD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__frec_field t_req_fields[] = {
	IOMMUFMT__FREC_FLD("devid", 0, 31, 16, DEVID, 0),
	IOMMUFMT__FREC_FLD("prgi", 0, 40, 32, GRPID, 0),
	IOMMUFMT__FREC_FLAG("last", 0, 41, IOMMUFMT_FAULT_F_LAST_PAGE),
	IOMMUFMT__FREC_FLD("addr", 1, 63, 12, ADDR, 12),
};
static const struct iommufmt__frec_row t_rows[] = {
	{ .name = "T_FAULT", .code = 1, .kind = IOMMUFMT_FAULT_KIND_EVENT,
	  .reason = IOMMUFMT_FAULT_NOT_PRESENT, .stage = 1, .nfields = ARRAY_SIZE(t_fault_fields),
	  .fields = t_fault_fields },
	{ .name = "T_REQ", .code = 2, .kind = IOMMUFMT_FAULT_KIND_PAGE_REQ,
	  .reason = IOMMUFMT_FAULT_PAGE_REQUEST, .stage = 1, .nfields = ARRAY_SIZE(t_req_fields),
	  .fields = t_req_fields },
};
IOMMUFMT__FREC_RSV_STORAGE(t, t_rows);
static const struct iommufmt__frec_fmt t_fmt = {
	.name = "test record", .model = IOMMUFMT_FOURCC('T', 'E', 'S', 'T'),
	.record = IOMMUFMT_FREC_EVENT, .size = 16, .code = IOMMUFMT__BITS(0, 3, 0),
	IOMMUFMT__FREC_TABLE(t, t_rows),
};
/* A table whose fields overlap: refused by the first ready. */
static const struct iommufmt__frec_field bad_fields[] = {
	IOMMUFMT__FREC_FLD("a", 0, 15, 8, DEVID, 0),
	IOMMUFMT__FREC_FLD("b", 0, 8, 8, GRPID, 0),
};
static const struct iommufmt__frec_row bad_rows[] = {
	{ .name = "BAD", .code = 1, .kind = IOMMUFMT_FAULT_KIND_EVENT,
	  .reason = IOMMUFMT_FAULT_OTHER, .nfields = 2, .fields = bad_fields },
};
IOMMUFMT__FREC_RSV_STORAGE(bad, bad_rows);
static const struct iommufmt__frec_fmt bad_fmt = {
	.name = "bad table", .model = 1, .record = IOMMUFMT_FREC_EVENT, .size = 16,
	.code = IOMMUFMT__BITS(0, 3, 0), IOMMUFMT__FREC_TABLE(bad, bad_rows),
};

static void t_rec(uint8_t b[16], uint64_t w0, uint64_t w1)
{
	for (int i = 0; i < 8; i++) {
		b[i] = (uint8_t)(w0 >> (8 * i));
		b[8 + i] = (uint8_t)(w1 >> (8 * i));
	}
}

START_TEST(test_engine)
{
	uint8_t b[16], o[16];
	struct iommufmt_fault f;
	struct iommufmt_diag d;

	iommufmt_diag_init(&d);
	/* T_FAULT: devid 0x1234, PASID 5 valid, read, page 0xabcde000, impdef bits set (ignored) */
	t_rec(b, 1 | 1u << 4 | 1u << 5 | 0x1234ull << 16 | 5ull << 40 | 3ull << 62, 0xabcde000);
	ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), 0);
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_EVENT);
	ck_assert_uint_eq(f.code, 1);
	ck_assert_uint_eq(f.devid, 0x1234);
	ck_assert_uint_eq(f.pasid, 5);
	ck_assert_uint_eq(f.perm, IOMMUFMT_ACCESS_READ);
	ck_assert_uint_eq(f.addr, 0xabcde000);
	ck_assert_uint_eq(f.flags, IOMMUFMT_FAULT_F_PASID_VALID | IOMMUFMT_FAULT_F_ADDR_VALID);
	ck_assert_uint_eq(f.native.len, 16);
	ck_assert_mem_eq(f.native.desc, b, 16);
	/* re-encode: the ignored bits come back as zero, everything else exactly */
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), 0);
	b[7] &= 0x3f;
	ck_assert_mem_eq(o, b, 16);
	/* PASID bits without PV are not part of the record */
	t_rec(b, 1 | 5ull << 40, 0);
	ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), 0);
	ck_assert_uint_eq(f.pasid, 0);
	ck_assert_int_eq(iommufmt_fault_check(&f, &d), 0);
	/* every bit no field covers is reserved, per row: bit 6 of T_FAULT, bit 4 of T_REQ */
	for (unsigned int bit = 0; bit < 128; bit++) {
		uint64_t w[2] = { 1, 0 };
		int covered = bit < 64 ? bit < 6 || (bit >= 16 && bit < 32) ||
					 (bit >= 40 && bit < 60) || bit >= 62 : bit >= 64 + 12;

		if (bit < 4)
			continue;	/* the code */
		w[bit / 64] |= 1ull << (bit % 64);
		t_rec(b, w[0], w[1]);
		iommufmt_diag_init(&d);
		ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), covered ? 0 : -EOPNOTSUPP);
		if (!covered) {
			ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_RESERVED);
			ck_assert_uint_eq(d.index, bit);
		}
	}
	t_rec(b, 2 | 1u << 4, 0);
	ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.index, 4);
	/* an unknown code */
	t_rec(b, 7, 0);
	ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE);
	/* a page request: group index and last page */
	t_rec(b, 2 | 0x99ull << 16 | 0x1ffull << 32 | 1ull << 41, 0x5000);
	ck_assert_int_eq(iommufmt__frec_decode(&t_fmt, b, &f, &d), 0);
	ck_assert_uint_eq(f.kind, IOMMUFMT_FAULT_KIND_PAGE_REQ);
	ck_assert_uint_eq(f.grpid, 0x1ff);
	ck_assert_uint_eq(f.flags & IOMMUFMT_FAULT_F_LAST_PAGE, IOMMUFMT_FAULT_F_LAST_PAGE);
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), 0);
	ck_assert_mem_eq(o, b, 16);
	/* values the row has no room for are refused, naming them; nothing is written */
	memset(o, 0xee, sizeof(o));
	f.grpid = 0x200;
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), -EOPNOTSUPP);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE);
	ck_assert_str_eq(d.field, "grpid");
	f.grpid = 1;
	f.flags |= IOMMUFMT_FAULT_F_PASID_VALID;
	f.pasid = 3;
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "pasid");
	ck_assert_uint_eq(o[0], 0xee);
	/* an address below the record's page granule is dropped, not refused */
	f.flags &= ~IOMMUFMT_FAULT_F_PASID_VALID;
	f.pasid = 0;
	f.addr = 0x5123;
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), 0);
	/* a walker record: this format has no pick, so only its own records encode */
	good_fault(&f, IOMMUFMT_FAULT_KIND_EVENT, 1);
	ck_assert_int_eq(iommufmt__frec_encode(&t_fmt, &f, o, &d), -EOPNOTSUPP);
	ck_assert_str_eq(d.field, "record");
	/* an overlapping table is a table bug, refused on first use and every use after */
	ck_assert_int_eq(iommufmt__frec_decode(&bad_fmt, b, &f, &d), -EINVAL);
	ck_assert_uint_eq(d.code, IOMMUFMT_DIAG_BAD_OPS);
	ck_assert_int_eq(iommufmt__frec_ready(&bad_fmt, &d), -EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("generic");

	tcase_add_test(tc, test_iommufd_layouts);
	tcase_add_test(tc, test_route_truth_table);
	tcase_add_test(tc, test_route_named_cases);
	tcase_add_test(tc, test_check_hostile);
	tcase_add_test(tc, test_from_xlate);
	tcase_add_test(tc, test_from_xlate_errors);
	tcase_add_test(tc, test_iommufd_pgfault);
	tcase_add_test(tc, test_iommufd_pgfault_hostile);
	tcase_add_test(tc, test_vevent_reader);
	tcase_add_test(tc, test_vevent_hostile);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_engine);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
