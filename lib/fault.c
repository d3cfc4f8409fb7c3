/* SPDX-License-Identifier: MIT */
/* Faults and page requests: the generic record's rules, routing, and the walker and iommufd forms. */
#include "lib/internal.h"

/* Indexed by IOMMUFMT_FAULT_*: a reason added without a name here reads as NULL. */
static const char *const fault_names[IOMMUFMT_FAULT_REASON_NR] = {
	[IOMMUFMT_FAULT_NONE] = "ok",
	[IOMMUFMT_FAULT_NOT_PRESENT] = "not-present",
	[IOMMUFMT_FAULT_PERMISSION] = "permission",
	[IOMMUFMT_FAULT_RESERVED_BIT] = "reserved-bit",
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = "address-size-input",
	[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = "address-size-output",
	[IOMMUFMT_FAULT_NON_CANONICAL] = "non-canonical",
	[IOMMUFMT_FAULT_ACCESS_FLAG] = "access-flag",
	[IOMMUFMT_FAULT_TABLE_READ] = "table-read",
	[IOMMUFMT_FAULT_BAD_LEVEL] = "bad-level",
	[IOMMUFMT_FAULT_TABLE_TYPE] = "table-type",
	[IOMMUFMT_FAULT_TABLE_LENGTH] = "table-length",
	[IOMMUFMT_FAULT_PAGE_REQUEST] = "page-request",
	[IOMMUFMT_FAULT_BAD_DEVICE] = "bad-device",
	[IOMMUFMT_FAULT_BAD_DEVICE_ENTRY] = "bad-device-entry",
	[IOMMUFMT_FAULT_BAD_PASID] = "bad-pasid",
	[IOMMUFMT_FAULT_BAD_PASID_ENTRY] = "bad-pasid-entry",
	[IOMMUFMT_FAULT_CONFIG_READ] = "config-read",
	[IOMMUFMT_FAULT_TRANSLATION_OFF] = "translation-off",
	[IOMMUFMT_FAULT_BAD_REQUEST] = "bad-request",
	[IOMMUFMT_FAULT_CONFLICT] = "conflict",
	[IOMMUFMT_FAULT_HW_ERROR] = "hw-error",
	[IOMMUFMT_FAULT_OTHER] = "other",
};

/* Public (iommufmt.h): the name of a fault reason, or NULL for an unknown one. */
IOMMUFMT_EXPORT const char *iommufmt_fault_name(__u32 fault)
{
	return fault < IOMMUFMT_FAULT_REASON_NR ? fault_names[fault] : NULL;
}

static const char *const kind_names[] = {
	[IOMMUFMT_FAULT_KIND_PAGE_REQ] = "page-request",
	[IOMMUFMT_FAULT_KIND_EVENT] = "event",
	[IOMMUFMT_FAULT_KIND_CONFIG] = "config",
};

/* Public (iommufmt.h): the name of a fault kind, or NULL. */
IOMMUFMT_EXPORT const char *iommufmt_fault_kind_name(__u32 kind)
{
	return kind < ARRAY_SIZE(kind_names) ? kind_names[kind] : NULL;
}

/* The request bits a fault can carry: PCIe and every model name these four. */
#define FAULT_PERM (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE | IOMMUFMT_ACCESS_EXEC | \
		    IOMMUFMT_ACCESS_PRIV)

/* iommufd's permission bits are IOMMUFMT_ACCESS_*'s, so they carry over as they are. */
_Static_assert(IOMMUFMT_IOMMUFD_PERM_READ == IOMMUFMT_ACCESS_READ &&
	       IOMMUFMT_IOMMUFD_PERM_WRITE == IOMMUFMT_ACCESS_WRITE &&
	       IOMMUFMT_IOMMUFD_PERM_EXEC == IOMMUFMT_ACCESS_EXEC &&
	       IOMMUFMT_IOMMUFD_PERM_PRIV == IOMMUFMT_ACCESS_PRIV, "iommufd perm bits");
/* And the iommufd record is the kernel's 40 bytes, cookie last. */
_Static_assert(sizeof(struct iommufmt_iommufd_pgfault) == 40 &&
	       offsetof(struct iommufmt_iommufd_pgfault, addr) == 24 &&
	       offsetof(struct iommufmt_iommufd_pgfault, cookie) == 36, "iommu_hwpt_pgfault layout");

/* -EINVAL / FAULT_BAD_FIELD on @field, with the value and (when non-zero) the limit. */
static int bad_field(struct iommufmt_diag *diag, const char *field, uint64_t value,
		     uint64_t limit, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_BAD_FIELD, field,
				 IOMMUFMT__DV_VALUE | (limit ? IOMMUFMT__DV_LIMIT : 0), value, limit, 0,
				 "%s", why);
}

/* Kind, stage and reason agree: a page request is the one kind with that reason, both ways. */
static int rules_class(const struct iommufmt_fault *f, struct iommufmt_diag *diag)
{
	if (f->kind < IOMMUFMT_FAULT_KIND_PAGE_REQ || f->kind > IOMMUFMT_FAULT_KIND_CONFIG)
		return bad_field(diag, "kind", f->kind, IOMMUFMT_FAULT_KIND_CONFIG,
				 "kind is not PAGE_REQ, EVENT or CONFIG");
	if (f->stage > 2)
		return bad_field(diag, "stage", f->stage, 2, "stage is 0, 1 or 2");
	if (f->reason == IOMMUFMT_FAULT_NONE || f->reason >= IOMMUFMT_FAULT_REASON_NR)
		return bad_field(diag, "reason", f->reason, IOMMUFMT_FAULT_REASON_NR - 1,
				 "not a fault reason");
	if ((f->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ) != (f->reason == IOMMUFMT_FAULT_PAGE_REQUEST))
		return bad_field(diag, "reason", f->reason, 0,
				 "a page request has reason PAGE_REQUEST, and only a page request");
	if (f->record < IOMMUFMT_FREC_WALK || f->record > IOMMUFMT_FREC_FAULT_REG)
		return bad_field(diag, "record", f->record, IOMMUFMT_FREC_FAULT_REG,
				 "unknown record type");
	return 0;
}

/* Flags that only make sense for one kind, and values without their valid flag. */
static int rules_flags(const struct iommufmt_fault *f, struct iommufmt_diag *diag)
{
	const bool req = f->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ;

	if ((f->flags & IOMMUFMT_FAULT_F_LAST_PAGE) && !req)
		return bad_field(diag, "flags", f->flags, 0, "LAST_PAGE on a record that is no page request");
	if ((f->flags & IOMMUFMT_FAULT_F_STALLED) && req)
		return bad_field(diag, "flags", f->flags, 0, "a stalled transaction is an event, not a page request");
	if (f->perm & ~FAULT_PERM)
		return bad_field(diag, "perm", f->perm, FAULT_PERM, "perm holds bits beyond R/W/X/PRIV");
	if (f->pasid >> 20 || (f->pasid && !(f->flags & IOMMUFMT_FAULT_F_PASID_VALID)))
		return bad_field(diag, "pasid", f->pasid, (1u << 20) - 1,
				 "pasid above 20 bits, or set without PASID_VALID");
	if (f->addr && !(f->flags & IOMMUFMT_FAULT_F_ADDR_VALID))
		return bad_field(diag, "addr", f->addr, 0, "addr set without ADDR_VALID");
	if (f->addr2 && !(f->flags & IOMMUFMT_FAULT_F_ADDR2_VALID))
		return bad_field(diag, "addr2", f->addr2, 0, "addr2 set without ADDR2_VALID");
	if ((f->level || f->native_level) && !(f->flags & IOMMUFMT_FAULT_F_LEVEL_VALID))
		return bad_field(diag, "level", f->level, 0, "level set without LEVEL_VALID");
	if ((f->cookie || f->length) && f->record != IOMMUFMT_FREC_IOMMUFD)
		return bad_field(diag, f->cookie ? "cookie" : "length", f->cookie ? f->cookie : f->length,
				 0, "cookie and length come only with iommufd records");
	return 0;
}

/* The native bytes: present exactly for native records, 16/24/32 bytes, nothing past them. */
static int rules_native(const struct iommufmt_fault *f, struct iommufmt_diag *diag)
{
	const struct iommufmt_inv_native *n = &f->native;
	const bool native = f->record >= IOMMUFMT_FREC_EVENT;

	if (f->__reserved || n->__reserved)
		return iommufmt__reserved_nonzero(diag, f->__reserved ? "__reserved" :
						  "native.__reserved");
	if (native != (n->model != 0) || native != (n->len != 0))
		return bad_field(diag, "native.len", n->len, 0,
				 "native records carry their model and bytes, other records none");
	if (native && n->len != 16 && n->len != 24 && n->len != 32)
		return bad_field(diag, "native.len", n->len, 32, "native records are 16, 24 or 32 bytes");
	if (!iommufmt_is_zero((const uint8_t *)n->desc + n->len, sizeof(n->desc) - n->len))
		return bad_field(diag, "native.desc", n->len, 0, "bytes past native.len are not zero");
	return 0;
}

/* Copy @f in by the argsz rules into @c and check it: the one entry of every public function. */
static int fault_in(struct iommufmt_fault *c, const struct iommufmt_fault *f,
		    struct iommufmt_diag *diag)
{
	int err;

	if (!f)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "fault", "no fault record");
	err = iommufmt__copy_in_flags(c, sizeof(*c), IOMMUFMT_FAULT_SIZE_VER0, f, f->argsz,
				      IOMMUFMT_FAULT_F_ALL, "fault ", diag);
	if (!err)
		err = rules_class(c, diag);
	if (!err)
		err = rules_flags(c, diag);
	if (!err)
		err = rules_native(c, diag);
	return err;
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_check(const struct iommufmt_fault *f, struct iommufmt_diag *diag)
{
	struct iommufmt_fault c;
	int err = fault_in(&c, f, diag);

	if (!err)
		iommufmt__diag_ok(diag);
	return err;
}

/* The stage bits of a reporting configuration. */
#define REPORT_STAGES \
	(IOMMUFMT_FAULTF_FLAT | IOMMUFMT_FAULTF_NESTED_S1 | IOMMUFMT_FAULTF_NESTED_S2)

/*
 * A reporting configuration is FLAT alone or a non-empty set of nested
 * stages: "nested" with no stage says nothing, and FLAT with a nested bit
 * contradicts itself. STALL_FORCE refines STALL and needs it.
 */
static int report_ok(uint32_t report, struct iommufmt_diag *diag)
{
	const uint32_t st = report & REPORT_STAGES;
	const char *why = NULL;

	if (report & ~IOMMUFMT_FAULTF_ALL)
		why = "unknown reporting bits";
	else if (!st)
		why = "no stage: FLAT, or NESTED_S1 and/or NESTED_S2";
	else if ((st & IOMMUFMT_FAULTF_FLAT) && st != IOMMUFMT_FAULTF_FLAT)
		why = "FLAT together with a nested stage";
	else if ((report & IOMMUFMT_FAULTF_STALL_FORCE) && !(report & IOMMUFMT_FAULTF_STALL))
		why = "STALL_FORCE without STALL";
	if (!why)
		return 0;
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_REPORT_CONFIG, "report",
				 IOMMUFMT__DV_VALUE, report, 0, 0, "%s", why);
}

static int not_reported(struct iommufmt_diag *diag, const char *field, const char *why)
{
	return iommufmt__diag(diag, IOMMUFMT_DIAG_FAULT_NOT_REPORTED, field, "%s", why);
}

/*
 * Public (iommufmt.h). The guest owns stage 1 (its faults and page requests
 * go into its vIOMMU's queue); the VMM owns stage 2 and the device's
 * configuration, so stage-2 and device-level records are the VMM's.
 */
IOMMUFMT_EXPORT int iommufmt_fault_route(__u32 report, const struct iommufmt_fault *f,
					 struct iommufmt_diag *diag)
{
	struct iommufmt_fault c;
	int err = fault_in(&c, f, diag);

	if (!err)
		err = report_ok(report, diag);
	if (err)
		return err;
	if (c.kind == IOMMUFMT_FAULT_KIND_PAGE_REQ && !(report & IOMMUFMT_FAULTF_PRI))
		return not_reported(diag, "kind", "page requests need IOMMUFMT_FAULTF_PRI");
	if ((c.flags & IOMMUFMT_FAULT_F_STALLED) && !(report & IOMMUFMT_FAULTF_STALL))
		return not_reported(diag, "flags", "stalled transactions need IOMMUFMT_FAULTF_STALL");
	iommufmt__diag_ok(diag);
	if (report & IOMMUFMT_FAULTF_FLAT) {
		if (c.stage == 2)
			return bad_field(diag, "stage", 2, 1,
					 "a stage-2 fault under a single-stage (FLAT) translation");
		return IOMMUFMT_ROUTE_GUEST;
	}
	if (c.stage == 1)
		return report & IOMMUFMT_FAULTF_NESTED_S1 ? IOMMUFMT_ROUTE_GUEST :
		       not_reported(diag, "stage", "stage-1 faults need IOMMUFMT_FAULTF_NESTED_S1");
	return report & IOMMUFMT_FAULTF_NESTED_S2 ? IOMMUFMT_ROUTE_VMM :
	       not_reported(diag, "stage", c.stage == 2 ?
			    "stage-2 faults need IOMMUFMT_FAULTF_NESTED_S2" :
			    "device-level faults of a nested setup need IOMMUFMT_FAULTF_NESTED_S2");
}

/* The caller's output size, checked before anything is computed: 0 or -EINVAL. */
static int out_size(const struct iommufmt_fault *out, uint32_t *have, struct iommufmt_diag *diag)
{
	return iommufmt__out_argsz(out, IOMMUFMT_FAULT_SIZE_VER0, have, diag);
}

/* Copy-out rule (DESIGN.md 3), then success in @diag. */
static void fault_out(struct iommufmt_fault *out, uint32_t have, struct iommufmt_fault *c,
		      struct iommufmt_diag *diag)
{
	iommufmt__copy_out_raised(out, have, c, sizeof(*c));
	iommufmt__diag_ok(diag);
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_from_xlate(const struct iommufmt_xlate *x, __u32 access,
					      struct iommufmt_fault *out,
					      struct iommufmt_diag *diag)
{
	struct iommufmt_fault c;
	uint32_t have = 0;
	int err = out_size(out, &have, diag);

	if (err)
		return err;
	if (!x)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "x", "no translation result");
	/* only the walker's own reasons: the record reasons never come out of a walk */
	if (x->fault == IOMMUFMT_FAULT_NONE || x->fault >= IOMMUFMT_FAULT_NR)
		return bad_field(diag, "fault", x->fault, IOMMUFMT_FAULT_NR - 1,
				 "the translation did not fail with a walker fault");
	if (x->stage > 2)
		return bad_field(diag, "stage", x->stage, 2, "stage is 0, 1 or 2");
	if (access & ~FAULT_PERM)
		return bad_field(diag, "access", access, FAULT_PERM, "access beyond R/W/X/PRIV");
	memset(&c, 0, sizeof(c));
	c.flags = IOMMUFMT_FAULT_F_ADDR_VALID | IOMMUFMT_FAULT_F_LEVEL_VALID;
	c.kind = IOMMUFMT_FAULT_KIND_EVENT;
	c.stage = (uint8_t)x->stage;
	c.reason = (uint16_t)x->fault;
	c.record = IOMMUFMT_FREC_WALK;
	c.perm = access;
	c.level = x->level;
	c.native_level = x->native_level;
	c.addr = x->iova;
	if (x->fault_addr) {
		c.addr2 = x->fault_addr;
		c.flags |= IOMMUFMT_FAULT_F_ADDR2_VALID;
	}
	fault_out(out, have, &c, diag);
	return 0;
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_from_iommufd(const void *buf, size_t len, __u32 stage,
						struct iommufmt_fault *out,
						struct iommufmt_diag *diag)
{
	const uint32_t known = IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID |
			       IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE;
	struct iommufmt_iommufd_pgfault r;
	struct iommufmt_fault c;
	uint32_t have = 0;
	int err = out_size(out, &have, diag);

	if (err)
		return err;
	if (!buf)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf", "no bytes");
	/* the fault queue returns whole records only (the kernel refuses other read sizes) */
	if (len < sizeof(r))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_TRUNCATED, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, sizeof(r), 0,
					 "%zu bytes hold no whole %zu-byte record", len, sizeof(r));
	if (stage > 2)
		return bad_field(diag, "stage", stage, 2, "stage is 0, 1 or 2");
	memcpy(&r, buf, sizeof(r));
	if (r.flags & ~known)
		return iommufmt__unknown_flags(diag, r.flags, known, "pgfault ");
	if (r.perm & ~FAULT_PERM)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_FLAGS, "perm",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, r.perm, FAULT_PERM, 0,
					 "unknown permission bits 0x%x", r.perm & ~FAULT_PERM);
	if (r.__reserved)
		return iommufmt__reserved_nonzero(diag, "__reserved");
	/* the kernel defines pasid only with PASID_VALID: read it only then */
	if (!(r.flags & IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID))
		r.pasid = 0;
	if (r.pasid >> 20)
		return bad_field(diag, "pasid", r.pasid, (1u << 20) - 1, "pasid above 20 bits");
	memset(&c, 0, sizeof(c));
	c.flags = IOMMUFMT_FAULT_F_ADDR_VALID |
		  (r.flags & IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID ? IOMMUFMT_FAULT_F_PASID_VALID : 0) |
		  (r.flags & IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE ? IOMMUFMT_FAULT_F_LAST_PAGE : 0);
	c.kind = IOMMUFMT_FAULT_KIND_PAGE_REQ;
	c.stage = (uint8_t)stage;
	c.reason = IOMMUFMT_FAULT_PAGE_REQUEST;
	c.record = IOMMUFMT_FREC_IOMMUFD;
	c.perm = r.perm;
	c.devid = r.dev_id;
	c.pasid = r.pasid;
	c.grpid = r.grpid;
	c.cookie = r.cookie;
	c.addr = r.addr;
	c.length = r.length;
	fault_out(out, have, &c, diag);
	return (int)sizeof(r);
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_iommufd_response(const struct iommufmt_fault *req, __u32 code,
						    struct iommufmt_iommufd_page_response *out,
						    struct iommufmt_diag *diag)
{
	struct iommufmt_fault c;
	uint32_t rc;
	int err;

	if (!out)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "out", "no output");
	err = fault_in(&c, req, diag);
	if (err)
		return err;
	if (c.record != IOMMUFMT_FREC_IOMMUFD || c.kind != IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return bad_field(diag, "record", c.record, 0,
				 "only a page request read from iommufd has an iommufd response");
	if (!(c.flags & IOMMUFMT_FAULT_F_LAST_PAGE))
		return bad_field(diag, "flags", c.flags, 0,
				 "only the last request of a group takes a response");
	switch (code) {
	case IOMMUFMT_INV_RESP_SUCCESS:
		rc = IOMMUFMT_IOMMUFD_RESP_SUCCESS;
		break;
	case IOMMUFMT_INV_RESP_INVALID:
		rc = IOMMUFMT_IOMMUFD_RESP_INVALID;
		break;
	case IOMMUFMT_INV_RESP_FAILURE:
		/* removed from iommufd: it would disable PRI for every function sharing it */
		return iommufmt__diag(diag, IOMMUFMT_DIAG_FAULT_RESP_LOSSY, "code",
				      "iommufd has no Response Failure; emulate it as a PRI reset");
	default:
		return bad_field(diag, "code", code, IOMMUFMT_INV_RESP_FAILURE,
				 "unknown page response code");
	}
	out->cookie = c.cookie;
	out->code = rc;
	iommufmt__diag_ok(diag);
	return 0;
}

/* vEVENTQ sequence numbers: 0..INT_MAX, the next after INT_MAX is 0. */
#define VEVENT_SEQ_MASK 0x7fffffffu

/* Public (iommufmt.h). @rd changes only once the whole event is known to be there. */
IOMMUFMT_EXPORT int iommufmt_vevent_next(struct iommufmt_vevent_reader *rd, const void *buf,
					 size_t len, size_t data_len, const void **data,
					 struct iommufmt_diag *diag)
{
	struct iommufmt_iommufd_vevent_header h;
	uint64_t lost;
	size_t need;

	if (!rd || !data || (!buf && len))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf", "no reader, output or bytes");
	if (!data_len || data_len > 4096)
		return bad_field(diag, "data_len", data_len, 4096, "event data is 1 to 4096 bytes");
	if (rd->flags & ~IOMMUFMT_VEVENT_READER_SEQ_VALID)
		return iommufmt__unknown_flags(diag, rd->flags, IOMMUFMT_VEVENT_READER_SEQ_VALID,
					       "reader ");
	if (!len) {
		iommufmt__diag_ok(diag);
		return 0;
	}
	if (len < sizeof(h))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_TRUNCATED, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, sizeof(h), 0,
					 "%zu bytes hold no event header", len);
	memcpy(&h, buf, sizeof(h));
	if (h.flags & ~IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS)
		return iommufmt__unknown_flags(diag, h.flags, IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS,
					       "vevent ");
	need = h.flags & IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS ? sizeof(h) : sizeof(h) + data_len;
	if (len < need)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_TRUNCATED, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, need, 0,
					 "%zu bytes hold no whole %zu-byte event", len, need);
	/* the kernel numbers events 0..INT_MAX and wraps to 0 (iommufd_vevent_handler) */
	if (h.sequence > VEVENT_SEQ_MASK)
		return bad_field(diag, "sequence", h.sequence, VEVENT_SEQ_MASK,
				 "vEVENTQ sequence numbers are 31 bits");
	/* a gap of N between consecutive numbers is N - 1 lost events, modulo the wrap */
	lost = rd->flags & IOMMUFMT_VEVENT_READER_SEQ_VALID ?
	       (h.sequence - rd->next_seq) & VEVENT_SEQ_MASK : 0;
	/* a LOST_EVENTS header (it has its own number) says at least one was lost */
	if ((h.flags & IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS) && !lost)
		lost = 1;
	rd->lost += lost;
	rd->next_seq = (h.sequence + 1) & VEVENT_SEQ_MASK;
	rd->flags |= IOMMUFMT_VEVENT_READER_SEQ_VALID;
	*data = h.flags & IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS ? NULL : (const uint8_t *)buf + sizeof(h);
	iommufmt__diag_ok(diag);
	return (int)need;
}

/* The fault ops of @model (its default variant): NULL with @diag filled when it has none. */
static const struct iommufmt_fault_ops *model_fault_ops(uint32_t model, uint32_t record,
							uint32_t *size, struct iommufmt_diag *diag)
{
	const struct iommufmt_model_ops *m = iommufmt_model_get(model, IOMMUFMT_VARIANT_DEFAULT);
	const struct iommufmt_fault_ops *fo;
	char cc[5];

	if (!m) {
		iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNKNOWN_MODEL, "model", IOMMUFMT__DV_VALUE, model,
				  0, 0, "no model %s is registered", iommufmt_fourcc_str(model, cc));
		return NULL;
	}
	fo = IOMMUFMT_OPS_GET(m, struct iommufmt_model_ops, fault);
	*size = fo ? fo->record_size(record) : 0;
	/* a plug-in's size is not trusted past the 32 bytes a native record can have */
	if (!*size || *size > sizeof(((struct iommufmt_inv_native *)0)->desc)) {
		iommufmt__diag_ex(diag, IOMMUFMT_DIAG_NOT_IMPLEMENTED, "record", IOMMUFMT__DV_VALUE,
				  record, 0, 0, "model %s has no native records of type %u", m->name,
				  record);
		return NULL;
	}
	return fo;
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_record_size(__u32 model, __u32 record)
{
	uint32_t size = 0;

	return model_fault_ops(model, record, &size, NULL) ? (int)size : -EOPNOTSUPP;
}

/* Public (iommufmt.h). A model's decoder is plug-in code: its result is checked like input. */
IOMMUFMT_EXPORT int iommufmt_fault_decode(__u32 model, __u32 record, const void *buf, size_t len,
					  struct iommufmt_fault *out, struct iommufmt_diag *diag)
{
	struct iommufmt_fault c, chk;
	const struct iommufmt_fault_ops *fo;
	uint32_t have = 0, size = 0;
	int err = out_size(out, &have, diag);

	if (err)
		return err;
	fo = model_fault_ops(model, record, &size, diag);
	if (!fo)
		return -EOPNOTSUPP;
	if (!buf)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_NULL_ARG, "buf", "no bytes");
	if (len < size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_TRUNCATED, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, size, 0,
					 "%zu bytes hold no whole %u-byte record", len, size);
	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	err = fo->decode(record, buf, &c, diag);
	if (err)
		return err;
	err = fault_in(&chk, &c, diag);
	if (err)
		return err;
	fault_out(out, have, &c, diag);
	return (int)size;
}

/* Public (iommufmt.h). */
IOMMUFMT_EXPORT int iommufmt_fault_encode(__u32 model, __u32 record, const struct iommufmt_fault *f,
					  void *buf, size_t len, struct iommufmt_diag *diag)
{
	struct iommufmt_fault c;
	const struct iommufmt_fault_ops *fo;
	uint64_t tmp[4] = { 0, 0, 0, 0 };
	uint32_t size = 0;
	int err = fault_in(&c, f, diag);

	if (err)
		return err;
	fo = model_fault_ops(model, record, &size, diag);
	if (!fo)
		return -EOPNOTSUPP;
	if (!buf || len < size)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_OUTPUT_SMALL, "len",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, len, size, 0,
					 "a %u-byte record does not fit %zu bytes", size, buf ? len : 0);
	err = fo->encode(record, &c, tmp, diag);
	if (err)
		return err;
	memcpy(buf, tmp, size);
	iommufmt__diag_ok(diag);
	return (int)size;
}
