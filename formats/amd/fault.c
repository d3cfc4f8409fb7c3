/* SPDX-License-Identifier: MIT */
/* AMD-Vi native fault records: event log and PPR log entries, tables and model rules. */
#include "lib/fault_table.h"
#include "formats/amd/nest.h"

/*
 * Sources (doc/fault-records.md section 4): Linux amd_iommu_types.h
 * EVENT_* / PPR_*, iommu.c iommu_print_event(), ppr.c; VirtualBox
 * iommu-amd.h for the IO_PAGE_FAULT flags. Both records are 16 bytes,
 * little-endian, the type in qword 0 bits 63:60; type 0 is an entry the
 * IOMMU has not written yet (Linux waits for it), so it is no code here.
 *
 * Event log entry: DeviceID 15:0; PASID (or, with GN = 0, the DomainID)
 * split as bits 19:16 and 47:32 (Linux EVENT_DOMID_MASK_HI/_LO); flags
 * 59:48 (Linux EVENT_FLAGS_SHIFT / EVENT_FLAG_*): GN 48, NX 49, US 50,
 * I 51, PR 52, RW 53, PE 54, RZ 55, TR 56, bits 59:57 reserved; qword 1
 * the address. Which flags each event carries follows the sheet's table;
 * events Linux prints the flags of without naming them (hardware errors,
 * INVALID_DEVICE_REQUEST) use the same flag layout.
 *
 * Generic meaning, decode and encode alike:
 * - GN = 1 is a guest (v2, GCR3) translation with a PASID: PASID_VALID,
 *   stage 1. GN = 0 is the host (v1) table, whose field is a DomainID:
 *   stage 0. The record cannot say whether that v1 table was a flat
 *   translation or the GPA stage of a nest (sheet section 6: "GN=0 a host
 *   (v1/GPA) fault"), and stage 0 routes right either way (FLAT: the
 *   guest; nested: the VMM, iommufmt_fault_route()). So a walker's
 *   stage-2 fault encodes as GN = 0 and reads back as stage 0, and a
 *   stage-1 fault needs its PASID (GN = 1).
 * - RW = 1 is a write, else a read (Linux EVENT_FLAG_RW); NX = 1 an
 *   execute request; US = 0 a supervisor request, PRIV (the polarity of
 *   Linux ppr_flag_to_fault_perm(), the same bit meaning in both logs).
 * - IO_PAGE_FAULT reason: RZ = 1 reserved bits or a bad level in a present
 *   entry, else PR = 0 not present, else PE = 1 permission, else OTHER.
 * - The hardware-error and command events report the address of the
 *   structure (DTE, page table, command), not the request's: addr2.
 * - The DomainID and the I and TR flags have no generic field: they come
 *   back from the native bytes when a decoded record is re-encoded, and
 *   are 0 in records made from other sources (a VMM patches the DomainID
 *   in if its guest driver wants it; Linux only prints it).
 * Left out: RMP_PAGE_FAULT / RMP_HW_ERROR (0xD / 0xE, SEV-SNP; their
 * layout is not in the sheet) and VirtualBox-only 0x10 / 0x11: they decode
 * as unknown codes.
 */

/* Bits of the event flags field (qword 0 bits 59:48), also the scratch bits they land in. */
enum { EV_GN, EV_NX, EV_US, EV_I, EV_PR, EV_RW, EV_PE, EV_RZ, EV_TR };
#define EVB(k)		(UINT64_C(1) << (k))
#define EV_PERM_BITS	(EVB(EV_NX) | EVB(EV_US) | EVB(EV_RW))
#define EV_WHY_BITS	(EVB(EV_PR) | EVB(EV_PE) | EVB(EV_RZ))

/* Event flag @k as scratch bit @k. */
#define EVF(n, k)	IOMMUFMT__FREC_FLD(n, 0, 48 + (k), 48 + (k), X, (k))
#define EV_DEVID	IOMMUFMT__FREC_FLD("devid", 0, 15, 0, DEVID, 0)
#define EV_PASID	IOMMUFMT__FREC_FLD("pasid", 0, 47, 32, PASID, 0), \
			IOMMUFMT__FREC_FLD("pasid", 0, 19, 16, PASID, 16), \
			IOMMUFMT__FREC_FLAG("gn", 0, 48, IOMMUFMT_FAULT_F_PASID_VALID)
/* All flags but GN: the events whose flags Linux prints whole. */
#define EV_FLAGS	EVF("nx", EV_NX), EVF("us", EV_US), EVF("i", EV_I), EVF("pr", EV_PR), \
			EVF("rw", EV_RW), EVF("pe", EV_PE), EVF("rz", EV_RZ), EVF("tr", EV_TR)
#define EV_ADDR		IOMMUFMT__FREC_FLD("address", 1, 63, 0, ADDR, 0)
#define EV_ADDR2	IOMMUFMT__FREC_FLD("address", 1, 63, 0, ADDR2, 0)

static const struct iommufmt__frec_field f_illegal_dte[] = {
	EV_DEVID, EV_PASID, EVF("i", EV_I), EVF("rw", EV_RW), EVF("rz", EV_RZ), EVF("tr", EV_TR),
	EV_ADDR,
};
static const struct iommufmt__frec_field f_iopf[] = { EV_DEVID, EV_PASID, EV_FLAGS, EV_ADDR };
static const struct iommufmt__frec_field f_devtab_hw[] = { EV_DEVID, EV_FLAGS, EV_ADDR2 };
static const struct iommufmt__frec_field f_pgtab_hw[] = { EV_DEVID, EV_PASID, EV_FLAGS, EV_ADDR2 };
static const struct iommufmt__frec_field f_cmd[] = { EV_ADDR2 };
static const struct iommufmt__frec_field f_cmd_hw[] = { EV_FLAGS, EV_ADDR2 };
static const struct iommufmt__frec_field f_inv_timeout[] = { EV_DEVID, EV_ADDR2 };
static const struct iommufmt__frec_field f_bad_req[] = { EV_DEVID, EV_PASID, EV_FLAGS, EV_ADDR };
/*
 * INVALID_PPR_REQUEST repeats the PPR entry's layout (Linux PPR_PASID /
 * PPR_TAG on the event): PASID 31:16 and 45:42, PRG index 40:32, bit 41
 * last-in-group (scratch: LAST_PAGE is for page requests only), GN at
 * bit 56; the other flag bits are kept whole in scratch (meaning
 * unconfirmed, sheet section 8.5).
 */
#define PPR_PASID	IOMMUFMT__FREC_FLD("pasid", 0, 31, 16, PASID, 0), \
			IOMMUFMT__FREC_FLD("pasid", 0, 45, 42, PASID, 16), \
			IOMMUFMT__FREC_FLD("prg_index", 0, 40, 32, GRPID, 0), \
			IOMMUFMT__FREC_FLAG("gn", 0, 56, IOMMUFMT_FAULT_F_PASID_VALID)
static const struct iommufmt__frec_field f_bad_ppr[] = {
	EV_DEVID, PPR_PASID, IOMMUFMT__FREC_FLD("last", 0, 41, 41, X, 12),
	IOMMUFMT__FREC_FLD("flags", 0, 55, 48, X, 0), IOMMUFMT__FREC_FLD("flags", 0, 59, 57, X, 9),
	EV_ADDR,
};

/* fix codes: perm from RW/NX/US; and the stage from GN; and the reason from PR/PE/RZ. */
enum { FIX_FLAGS = 1, FIX_GUEST, FIX_IOPF };

#define ROW(nm, c, k, r, fx, flds) { .name = (nm), .code = (c), .kind = IOMMUFMT_FAULT_KIND_##k, \
	.reason = IOMMUFMT_FAULT_##r, .fix = (fx), .nfields = ARRAY_SIZE(flds), .fields = (flds) }

static const struct iommufmt__frec_row amd_ev_rows[] = {
	ROW("ILLEGAL_DEV_TABLE_ENTRY", 1, CONFIG, BAD_DEVICE_ENTRY, FIX_FLAGS, f_illegal_dte),
	ROW("IO_PAGE_FAULT", 2, EVENT, OTHER, FIX_IOPF, f_iopf),
	ROW("DEV_TAB_HARDWARE_ERROR", 3, EVENT, HW_ERROR, FIX_FLAGS, f_devtab_hw),
	ROW("PAGE_TAB_HARDWARE_ERROR", 4, EVENT, HW_ERROR, FIX_GUEST, f_pgtab_hw),
	ROW("ILLEGAL_COMMAND_ERROR", 5, EVENT, OTHER, 0, f_cmd),
	ROW("COMMAND_HARDWARE_ERROR", 6, EVENT, HW_ERROR, FIX_FLAGS, f_cmd_hw),
	ROW("IOTLB_INV_TIMEOUT", 7, EVENT, OTHER, 0, f_inv_timeout),
	ROW("INVALID_DEVICE_REQUEST", 8, EVENT, BAD_REQUEST, FIX_FLAGS, f_bad_req),
	ROW("INVALID_PPR_REQUEST", 9, EVENT, BAD_REQUEST, 0, f_bad_ppr),
};

/* IO_PAGE_FAULT: the reason its PR / PE / RZ flags give (order in the header comment). */
static unsigned int iopf_reason(uint64_t x)
{
	if (x & EVB(EV_RZ))
		return IOMMUFMT_FAULT_RESERVED_BIT;
	if (!(x & EVB(EV_PR)))
		return IOMMUFMT_FAULT_NOT_PRESENT;
	return x & EVB(EV_PE) ? IOMMUFMT_FAULT_PERMISSION : IOMMUFMT_FAULT_OTHER;
}

static int amd_ev_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
		      const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		      struct iommufmt_diag *diag)
{
	const uint64_t x = s[IOMMUFMT__FS_X];

	(void)f, (void)w, (void)diag;
	if (!r->fix)
		return 0;
	iommufmt__frec_rw_decode(x, EV_RW, out);
	if (x & EVB(EV_NX))
		out->perm |= IOMMUFMT_ACCESS_EXEC;
	if ((iommufmt__frec_slot_mask(r, IOMMUFMT__FS_X) & EVB(EV_US)) && !(x & EVB(EV_US)))
		out->perm |= IOMMUFMT_ACCESS_PRIV;
	if (r->fix >= FIX_GUEST)
		out->stage = out->flags & IOMMUFMT_FAULT_F_PASID_VALID ? 1 : 0;
	if (r->fix == FIX_IOPF)
		out->reason = (uint16_t)iopf_reason(x);
	return 0;
}

/*
 * IO_PAGE_FAULT's PR / PE / RZ for the reason of @in: a re-encoded record
 * keeps its own (several flag sets read as one reason), others get the
 * set iopf_reason() reads back. An input address beyond the table's reach
 * is reported with PR = 0: no entry maps it (the sheet names the event but
 * not its flags, section 8.5); a bad level sets RZ (sheet section 4.1).
 */
static int iopf_why(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
		    uint64_t *x, struct iommufmt_diag *diag)
{
	if (iommufmt__frec_own(f, in) && iopf_reason(*x) == in->reason)
		return 0;
	*x &= ~EV_WHY_BITS;
	switch (in->reason) {
	case IOMMUFMT_FAULT_NOT_PRESENT:
	case IOMMUFMT_FAULT_ADDR_SIZE_INPUT:
		return 0;
	case IOMMUFMT_FAULT_PERMISSION:
		*x |= EVB(EV_PR) | EVB(EV_PE);
		return 0;
	case IOMMUFMT_FAULT_RESERVED_BIT:
	case IOMMUFMT_FAULT_BAD_LEVEL:
		*x |= EVB(EV_PR) | EVB(EV_RZ);
		return 0;
	default:
		return iommufmt__frec_cannot(diag, f, "reason", in->reason,
				   "IO_PAGE_FAULT's flags cannot say this reason");
	}
}

static int amd_ev_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	const bool own = iommufmt__frec_own(f, in), pasid = in->flags & IOMMUFMT_FAULT_F_PASID_VALID;
	const uint64_t xm = iommufmt__frec_slot_mask(r, IOMMUFMT__FS_X);
	uint64_t x = own ? iommufmt__frec_native_slot(f, r, in, IOMMUFMT__FS_X) : 0;
	int err;

	/* the structure's address is the event's: the request's input address is not in it */
	if (!iommufmt__frec_slot_mask(r, IOMMUFMT__FS_ADDR))
		s[IOMMUFMT__FS_ADDR] = 0;
	if (own && !pasid)
		/* GN = 0: the field is the DomainID */
		s[IOMMUFMT__FS_PASID] = iommufmt__frec_native_slot(f, r, in, IOMMUFMT__FS_PASID);
	if (r->fix) {
		x &= ~EV_PERM_BITS;
		if (r->fix == FIX_IOPF) {
			err = iopf_why(f, in, &x, diag);
			if (err)
				return err;
		}
		if (r->fix >= FIX_GUEST && (in->stage == 1) != pasid)
			return iommufmt__frec_cannot(diag, f, "stage", in->stage,
					   "only a stage-1 (guest table) fault is reported with "
					   "GN = 1 and its PASID");
	}
	s[IOMMUFMT__FS_X] = x;
	if (!r->fix)
		return 0;
	iommufmt__frec_rw_encode(s, EV_RW);
	if (xm & EVB(EV_NX) && (s[IOMMUFMT__FS_PERM] & IOMMUFMT_ACCESS_EXEC)) {
		s[IOMMUFMT__FS_X] |= EVB(EV_NX);
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_EXEC;
	}
	if (xm & EVB(EV_US)) {
		if (!(s[IOMMUFMT__FS_PERM] & IOMMUFMT_ACCESS_PRIV))
			s[IOMMUFMT__FS_X] |= EVB(EV_US);
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_PRIV;
	}
	return 0;
}

/*
 * The event of a record that is not an AMD event (sheet section 6, AMD-Vi
 * column): 0 where AMD-Vi has none. Output-address, non-canonical and
 * access-flag faults have no AMD event (the sheet leaves the first two
 * UNCONFIRMED, section 8.5; AMD tables have no access flag to fault on),
 * nor do the s390 table type / length; a hardware error is one of three
 * events, so it is not guessed.
 */
static const uint8_t amd_event_of[IOMMUFMT_FAULT_REASON_NR] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = 2,
	[IOMMUFMT_FAULT_PERMISSION] = 2,
	[IOMMUFMT_FAULT_RESERVED_BIT] = 2,
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = 2,
	[IOMMUFMT_FAULT_BAD_LEVEL] = 2,
	[IOMMUFMT_FAULT_TABLE_READ] = 4,	/* PAGE_TAB_HARDWARE_ERROR */
	[IOMMUFMT_FAULT_BAD_DEVICE_ENTRY] = 1,
	[IOMMUFMT_FAULT_CONFIG_READ] = 3,	/* DEV_TAB_HARDWARE_ERROR */
	[IOMMUFMT_FAULT_BAD_REQUEST] = 8,
};

static int amd_ev_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
		       struct iommufmt_diag *diag)
{
	if (in->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return iommufmt__frec_cannot(diag, f, "kind", in->kind,
				   "a page request is a PPR log entry, not an event");
	if (!amd_event_of[in->reason])
		return iommufmt__frec_cannot(diag, f, "reason", in->reason, "no AMD-Vi event reports it");
	return amd_event_of[in->reason];
}

IOMMUFMT__FREC_RSV_STORAGE(amd_ev, amd_ev_rows);
static const struct iommufmt__frec_fmt amd_event = {
	.name = "AMD-Vi event log entry",
	.model = IOMMUFMT_MODEL_AMD,
	.record = IOMMUFMT_FREC_EVENT,
	.size = 16,
	.code = IOMMUFMT__BITS(0, 63, 60),
	IOMMUFMT__FREC_TABLE(amd_ev, amd_ev_rows),
	.fix = amd_ev_fix,
	.unfix = amd_ev_unfix,
	.pick = amd_ev_pick,
};

/*
 * PPR log entry (sheet section 4.2, Linux PPR_* and ppr.c): type 1 is a
 * page request. DeviceID 15:0, PASID 31:16 and 45:42, PRG index 40:32,
 * last in group 41, flags 59:48: EXEC 49, READ 50, WRITE 53, US 54,
 * RSVD 55, GN 56 (PASID valid); the page address in qword 1 bits 63:12.
 * Bits 11:0 of qword 1 are reserved here: Linux masks them away
 * (PAGE_MASK) and the sheet could not confirm what they hold (section
 * 8.5), so a record with them set is refused rather than silently cut.
 * US = 0 is a supervisor request (Linux ppr_flag_to_fault_perm()); RSVD
 * marks a malformed request that Linux answers with a failure
 * (ppr_is_valid()): it has no generic field and is kept in the native
 * bytes. The response always carries the PASID (COMPLETE_PPR_REQUEST;
 * Linux sets IOMMU_FAULT_PAGE_RESPONSE_NEEDS_PASID): NEEDS_PASID.
 */
enum { PPR_US = 6, PPR_RSVD = 7 };

static const struct iommufmt__frec_field f_ppr[] = {
	EV_DEVID, PPR_PASID,
	IOMMUFMT__FREC_FLAG("last", 0, 41, IOMMUFMT_FAULT_F_LAST_PAGE),
	IOMMUFMT__FREC_PERM("exec", 0, 49, IOMMUFMT_ACCESS_EXEC),
	IOMMUFMT__FREC_PERM("read", 0, 50, IOMMUFMT_ACCESS_READ),
	IOMMUFMT__FREC_PERM("write", 0, 53, IOMMUFMT_ACCESS_WRITE),
	IOMMUFMT__FREC_FLD("us", 0, 54, 54, X, PPR_US),
	IOMMUFMT__FREC_FLD("rsvd", 0, 55, 55, X, PPR_RSVD),
	IOMMUFMT__FREC_FLD("address", 1, 63, 12, ADDR, 12),
};

static const struct iommufmt__frec_row amd_ppr_rows[] = {
	{ .name = "PPR_REQUEST", .code = 1, .kind = IOMMUFMT_FAULT_KIND_PAGE_REQ,
	  .reason = IOMMUFMT_FAULT_PAGE_REQUEST, .flags = IOMMUFMT_FAULT_F_NEEDS_PASID,
	  .nfields = ARRAY_SIZE(f_ppr), .fields = f_ppr },
};

static int amd_ppr_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
		       const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		       struct iommufmt_diag *diag)
{
	(void)f, (void)r, (void)w, (void)diag;
	if (!(s[IOMMUFMT__FS_X] & EVB(PPR_US)))
		out->perm |= IOMMUFMT_ACCESS_PRIV;
	/* a PASID request is on the guest (v2) table; Linux drops the others (GN = 0) */
	out->stage = out->flags & IOMMUFMT_FAULT_F_PASID_VALID ? 1 : 0;
	return 0;
}

static int amd_ppr_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			 const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	(void)diag;
	s[IOMMUFMT__FS_X] = iommufmt__frec_own(f, in) ?
			    iommufmt__frec_native_slot(f, r, in, IOMMUFMT__FS_X) & EVB(PPR_RSVD) : 0;
	if (!(s[IOMMUFMT__FS_PERM] & IOMMUFMT_ACCESS_PRIV))
		s[IOMMUFMT__FS_X] |= EVB(PPR_US);
	s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_PRIV;
	return 0;
}

static int amd_ppr_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			struct iommufmt_diag *diag)
{
	if (in->kind != IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return iommufmt__frec_cannot(diag, f, "kind", in->kind,
				   "only page requests are PPR log entries");
	return 1;
}

IOMMUFMT__FREC_RSV_STORAGE(amd_ppr, amd_ppr_rows);
static const struct iommufmt__frec_fmt amd_ppr = {
	.name = "AMD-Vi PPR log entry",
	.model = IOMMUFMT_MODEL_AMD,
	.record = IOMMUFMT_FREC_PAGE_REQ,
	.size = 16,
	.code = IOMMUFMT__BITS(0, 63, 60),
	IOMMUFMT__FREC_TABLE(amd_ppr, amd_ppr_rows),
	.fix = amd_ppr_fix,
	.unfix = amd_ppr_unfix,
	.pick = amd_ppr_pick,
};

static const struct iommufmt__frec_fmt *const amd_fmts[] = { &amd_event, &amd_ppr };

IOMMUFMT__FAULT_OPS(iommufmt__amd, amd_fmts);
