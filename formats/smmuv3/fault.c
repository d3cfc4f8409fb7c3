/* SPDX-License-Identifier: MIT */
/* SMMUv3 event records and PRI queue entries: tables, RnW/S2/CLASS rules, walker faults. */
#include "formats/smmuv3/nest.h"
#include "lib/fault_table.h"

/*
 * Layouts: SMMU architecture spec (IHI 0070) 7.3 (event records, 32 bytes)
 * and chapter 8 (PRI queue, 16 bytes), both little-endian; positions agree
 * with Linux arm-smmu-v3.h (EVTQ_*, PRIQ_*) and QEMU smmuv3-internal.h
 * (EVT_SET_*). Sourced in doc/fault-records.md 2.1-2.4. "Portions of event
 * records that are not explicitly defined are RES0" [spec 7.3]: the engine
 * derives them and refuses them set. NSIPA is 0 on the Non-secure event
 * queue (the only one a guest has), so it is reserved here.
 *
 * Bits the generic record has no member for (RnW, S2, CLASS, TTRnW, GPCF,
 * the IMPLEMENTATION DEFINED Reason, E_PAGE_REQUEST's Span and its six
 * permission bits) go through the scratch slot; fix turns RnW / S2 / CLASS
 * into the generic perm and stage, and unfix turns them back. A re-encode
 * of a record decoded here takes the bits with no generic meaning from the
 * record's own bytes (in->native), so it gives them back exactly.
 */

/* Scratch slot (IOMMUFMT__FS_X) bit positions. */
enum {
	X_RNW = 0,		/* RnW: 1 read, 0 write */
	X_S2 = 1,		/* S2: the fault is at stage 2 */
	X_CLASS = 2,		/* CLASS, 2 bits: 0 CD, 1 TT, 2 IN, 3 reserved */
	X_TTRNW = 4,		/* F_PERMISSION TTRnW (CLASS TT): the descriptor access read */
	X_GPCF = 5,		/* GPCF: the abort came from a granule protection check */
	X_PREQ = 8,		/* E_PAGE_REQUEST uX uW uR, pX pW pR at 8..13 (bit 100: hole) */
	X_REASON = 16,		/* IMPLEMENTATION DEFINED Reason, up to 32 bits */
	X_SPAN = 48,		/* E_PAGE_REQUEST Span (8 bits) */
};

/* CLASS values [spec 7.3]. */
enum { CLASS_CD = 0, CLASS_TT = 1, CLASS_IN = 2, CLASS_RSVD = 3 };

/* Event IDs [spec 7.3.2-7.3.21]. */
enum {
	F_UUT = 0x01, C_BAD_STREAMID = 0x02, F_STE_FETCH = 0x03, C_BAD_STE = 0x04,
	F_BAD_ATS_TREQ = 0x05, F_STREAM_DISABLED = 0x06, F_TRANSL_FORBIDDEN = 0x07,
	C_BAD_SUBSTREAMID = 0x08, F_CD_FETCH = 0x09, C_BAD_CD = 0x0a, F_WALK_EABT = 0x0b,
	F_TRANSLATION = 0x10, F_ADDR_SIZE = 0x11, F_ACCESS = 0x12, F_PERMISSION = 0x13,
	F_TLB_CONFLICT = 0x20, F_CFG_CONFLICT = 0x21, E_PAGE_REQUEST = 0x24, F_VMS_FETCH = 0x25,
};

/* Row fix codes: a bit set per rule the row's fields need. */
enum {
	FX_RNW = 1 << 0,	/* RnW (+ InD, PnU): read or write */
	FX_S2 = 1 << 1,		/* S2: the stage */
	FX_IPA = 1 << 2,	/* addr2 is the IPA, valid only when S2 == 1 */
	FX_CLASS = 1 << 3,	/* CLASS, 0b11 reserved */
	FX_PREQ = 1 << 4,	/* E_PAGE_REQUEST's user / privileged permission bits */
	FX_PRI = 1 << 5,	/* PRI entry: X and Priv are 0 when SSV == 0 [spec 8] */
};

#define ACC_RW (IOMMUFMT_ACCESS_READ | IOMMUFMT_ACCESS_WRITE)

/* ---- event record fields (doc/fault-records.md 2.1) ---- */
#define E_SSV	IOMMUFMT__FREC_FLAG("ssv", 0, 11, IOMMUFMT_FAULT_F_PASID_VALID)
#define E_SSID	IOMMUFMT__FREC_FLD("substreamid", 0, 31, 12, PASID, 0)
#define E_SID	IOMMUFMT__FREC_FLD("streamid", 0, 63, 32, DEVID, 0)
#define E_STAG	IOMMUFMT__FREC_FLD("stag", 1, 15, 0, GRPID, 0)
#define E_STALL	IOMMUFMT__FREC_FLAG("stall", 1, 31, IOMMUFMT_FAULT_F_STALLED)
#define E_PNU	IOMMUFMT__FREC_PERM("pnu", 1, 33, IOMMUFMT_ACCESS_PRIV)
#define E_IND	IOMMUFMT__FREC_PERM("ind", 1, 34, IOMMUFMT_ACCESS_EXEC)
#define E_RNW	IOMMUFMT__FREC_FLD("rnw", 1, 35, 35, X, X_RNW)
#define E_S2	IOMMUFMT__FREC_FLD("s2", 1, 39, 39, X, X_S2)
#define E_CLASS	IOMMUFMT__FREC_FLD("class", 1, 41, 40, X, X_CLASS)
#define E_INPUT	IOMMUFMT__FREC_FLD("inputaddr", 2, 63, 0, ADDR, 0)
/* IPA[55:12]: the spec's width; Linux masks to 51 (EVTQ_3_IPA), bits above OAS are RES0 */
#define E_IPA	IOMMUFMT__FREC_FLD("ipa", 3, 55, 12, ADDR2, 12)
/* FetchAddr[55:3], a PA (Linux EVTQ_3_FETCH_ADDR masks to 51) */
#define E_FETCH	IOMMUFMT__FREC_FLD("fetchaddr", 3, 55, 3, ADDR2, 3)
/*
 * Reason 79:64 and GPCF 80 of the fetch events: rendered for F_VMS_FETCH
 * and (partly) F_STE_FETCH; F_CD_FETCH and F_WALK_EABT say "an
 * IMPLEMENTATION DEFINED cause is provided in Reason" in an unrendered
 * image, taken at the same place (doc/fault-records.md 8.1, UNCONFIRMED).
 */
#define E_FETCH_WHY \
	IOMMUFMT__FREC_FLD("reason", 1, 15, 0, X, X_REASON), \
	IOMMUFMT__FREC_FLD("gpcf", 1, 16, 16, X, X_GPCF)
/* The transaction's attributes (post-STE override; F_UUT: as they came in) */
#define E_TXN E_PNU, E_IND, E_RNW
/* F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION: the translation faults that can stall */
#define E_XLATE E_SSV, E_SSID, E_SID, E_STAG, E_STALL, E_TXN, E_S2, E_CLASS, E_INPUT, E_IPA

static const struct iommufmt__frec_field ef_uut[] = {
	E_SSV, E_SSID, E_SID, IOMMUFMT__FREC_FLD("reason", 1, 31, 16, X, X_REASON), E_TXN, E_INPUT,
};
static const struct iommufmt__frec_field ef_ssid[] = { E_SSV, E_SSID, E_SID };
static const struct iommufmt__frec_field ef_fetch[] = {
	E_SSV, E_SSID, E_SID, E_FETCH_WHY, E_FETCH,
};
/* F_BAD_ATS_TREQ's layout is an unrendered image: the common positions; Span is left out */
static const struct iommufmt__frec_field ef_ats[] = { E_SSV, E_SSID, E_SID, E_TXN, E_INPUT };
static const struct iommufmt__frec_field ef_sid[] = { E_SID };
static const struct iommufmt__frec_field ef_forbidden[] = { E_SID, E_RNW, E_INPUT };
/* C_BAD_SUBSTREAMID: SubstreamID is always valid, bit 11 is RES0 [spec 7.3.9] */
static const struct iommufmt__frec_field ef_bad_ssid[] = { E_SSID, E_SID };
static const struct iommufmt__frec_field ef_walk_eabt[] = {
	E_SSV, E_SSID, E_SID, E_FETCH_WHY, E_TXN, E_S2, E_CLASS, E_INPUT, E_FETCH,
};
static const struct iommufmt__frec_field ef_xlate[] = { E_XLATE };
static const struct iommufmt__frec_field ef_perm[] = {
	E_XLATE, IOMMUFMT__FREC_FLD("ttrnw", 1, 44, 44, X, X_TTRNW),
};
/* F_TLB_CONFLICT's IMPLEMENTATION DEFINED Reason has no rendered position: reserved here */
static const struct iommufmt__frec_field ef_tlb_conflict[] = {
	E_SSV, E_SSID, E_SID, E_TXN, E_S2, E_INPUT, E_IPA,
};
static const struct iommufmt__frec_field ef_cfg_conflict[] = {
	E_SSV, E_SSID, E_SID, IOMMUFMT__FREC_FLD("reason", 1, 31, 0, X, X_REASON),
};
/*
 * E_PAGE_REQUEST: positions read from the spec's unrendered text
 * (doc/fault-records.md 2.2, UNCONFIRMED): InputAddr[63:12], Span
 * 115:108, pR 103, pW 102, pX 101, uR 99, uW 98, uX 97.
 */
static const struct iommufmt__frec_field ef_page_req[] = {
	E_SSV, E_SSID, E_SID,
	IOMMUFMT__FREC_FLD("ux_uw_ur", 1, 35, 33, X, X_PREQ),
	IOMMUFMT__FREC_FLD("px_pw_pr", 1, 39, 37, X, X_PREQ + 3),
	IOMMUFMT__FREC_FLD("span", 1, 51, 44, X, X_SPAN),
	IOMMUFMT__FREC_FLD("inputaddr", 2, 63, 12, ADDR, 12),
};

#define KE IOMMUFMT_FAULT_KIND_EVENT
#define KC IOMMUFMT_FAULT_KIND_CONFIG
#define ROW(n, c, kind, reason, stage, fix, flags, fl) \
	{ n, c, kind, IOMMUFMT_FAULT_##reason, stage, fix, flags, ARRAY_SIZE(fl), fl }
#define FX_XLATE (FX_RNW | FX_S2 | FX_IPA | FX_CLASS)

/*
 * Stages: the STE and what is checked before it (the VMM's) are stage 0;
 * the CD and SubstreamID (the guest's stage-1 context) stage 1; faults with
 * an S2 bit 1 or 2 by it (fix). C_* events are configuration errors, the
 * others events; E_PAGE_REQUEST is a page request (a hint: no response is
 * expected, so no LAST_PAGE).
 */
static const struct iommufmt__frec_row smmu_event_rows[] = {
	ROW("F_UUT", F_UUT, KE, BAD_REQUEST, 0, FX_RNW, 0, ef_uut),
	ROW("C_BAD_STREAMID", C_BAD_STREAMID, KC, BAD_DEVICE, 0, 0, 0, ef_ssid),
	ROW("F_STE_FETCH", F_STE_FETCH, KE, CONFIG_READ, 0, 0, 0, ef_fetch),
	ROW("C_BAD_STE", C_BAD_STE, KC, BAD_DEVICE_ENTRY, 0, 0, 0, ef_ssid),
	ROW("F_BAD_ATS_TREQ", F_BAD_ATS_TREQ, KE, BAD_REQUEST, 0, FX_RNW, 0, ef_ats),
	ROW("F_STREAM_DISABLED", F_STREAM_DISABLED, KE, TRANSLATION_OFF, 0, 0, 0, ef_sid),
	ROW("F_TRANSL_FORBIDDEN", F_TRANSL_FORBIDDEN, KE, TRANSLATION_OFF, 0, FX_RNW, 0,
	    ef_forbidden),
	ROW("C_BAD_SUBSTREAMID", C_BAD_SUBSTREAMID, KC, BAD_PASID, 1, 0,
	    IOMMUFMT_FAULT_F_PASID_VALID, ef_bad_ssid),
	ROW("F_CD_FETCH", F_CD_FETCH, KE, CONFIG_READ, 1, 0, 0, ef_fetch),
	ROW("C_BAD_CD", C_BAD_CD, KC, BAD_PASID_ENTRY, 1, 0, 0, ef_ssid),
	ROW("F_WALK_EABT", F_WALK_EABT, KE, TABLE_READ, 1, FX_RNW | FX_S2 | FX_CLASS, 0,
	    ef_walk_eabt),
	ROW("F_TRANSLATION", F_TRANSLATION, KE, NOT_PRESENT, 1, FX_XLATE, 0, ef_xlate),
	/* output above IPS / S2PS, and S1-bypass IPA above range (CLASS IN) [spec 7.3.15] */
	ROW("F_ADDR_SIZE", F_ADDR_SIZE, KE, ADDR_SIZE_OUTPUT, 1, FX_XLATE, 0, ef_xlate),
	ROW("F_ACCESS", F_ACCESS, KE, ACCESS_FLAG, 1, FX_XLATE, 0, ef_xlate),
	ROW("F_PERMISSION", F_PERMISSION, KE, PERMISSION, 1, FX_XLATE, 0, ef_perm),
	ROW("F_TLB_CONFLICT", F_TLB_CONFLICT, KE, CONFLICT, 1, FX_RNW | FX_S2 | FX_IPA, 0,
	    ef_tlb_conflict),
	ROW("F_CFG_CONFLICT", F_CFG_CONFLICT, KE, CONFLICT, 0, 0, 0, ef_cfg_conflict),
	ROW("E_PAGE_REQUEST", E_PAGE_REQUEST, IOMMUFMT_FAULT_KIND_PAGE_REQ, PAGE_REQUEST, 1,
	    FX_PREQ, 0, ef_page_req),
	ROW("F_VMS_FETCH", F_VMS_FETCH, KE, CONFIG_READ, 0, 0, 0, ef_fetch),
};

/* ---- PRI queue entry [spec 8; Linux PRIQ_*] ---- */
static const struct iommufmt__frec_field pf_pri[] = {
	IOMMUFMT__FREC_FLD("streamid", 0, 31, 0, DEVID, 0),
	IOMMUFMT__FREC_FLD("substreamid", 0, 51, 32, PASID, 0),
	IOMMUFMT__FREC_PERM("priv", 0, 58, IOMMUFMT_ACCESS_PRIV),
	IOMMUFMT__FREC_PERM("exec", 0, 59, IOMMUFMT_ACCESS_EXEC),
	IOMMUFMT__FREC_PERM("read", 0, 60, IOMMUFMT_ACCESS_READ),
	IOMMUFMT__FREC_PERM("write", 0, 61, IOMMUFMT_ACCESS_WRITE),
	IOMMUFMT__FREC_FLAG("last", 0, 62, IOMMUFMT_FAULT_F_LAST_PAGE),
	IOMMUFMT__FREC_FLAG("ssv", 0, 63, IOMMUFMT_FAULT_F_PASID_VALID),
	IOMMUFMT__FREC_FLD("prgindex", 1, 8, 0, GRPID, 0),
	IOMMUFMT__FREC_FLD("addr", 1, 63, 12, ADDR, 12),
};
/* A PRI request is the guest's stage-1 (PASID) business, as iommufd's fault queue serves it. */
static const struct iommufmt__frec_row smmu_pri_rows[] = {
	ROW("PRI", 0, IOMMUFMT_FAULT_KIND_PAGE_REQ, PAGE_REQUEST, 1, FX_PRI, 0, pf_pri),
};

/*
 * E_PAGE_REQUEST's permission bits (X_PREQ: uX uW uR pX pW pR) as generic
 * permissions: R/W/X if either privilege asks for it, PRIV when only the
 * privileged bits do.
 */
static uint32_t preq_perm(uint64_t x)
{
	const unsigned int u = (x >> X_PREQ) & 7, p = (x >> (X_PREQ + 3)) & 7, any = u | p;

	return (any & 1 ? IOMMUFMT_ACCESS_EXEC : 0) | (any & 2 ? IOMMUFMT_ACCESS_WRITE : 0) |
	       (any & 4 ? IOMMUFMT_ACCESS_READ : 0) | (p && !u ? IOMMUFMT_ACCESS_PRIV : 0);
}

/* Decode rules a table cannot say (lib/fault_table.h). */
static int smmu_fix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		    const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		    struct iommufmt_diag *diag)
{
	const uint64_t x = s[IOMMUFMT__FS_X];

	(void)w;
	if ((row->fix & FX_CLASS) && ((x >> X_CLASS) & 3) == CLASS_RSVD)
		return iommufmt__frec_bad(diag, f, "class", CLASS_RSVD, "CLASS 0b11 is reserved");
	if (row->fix & FX_RNW) {
		/* InD is 1 only for reads: an instruction fetch is a read [fault-records.md 2.1] */
		if (!(x & (1u << X_RNW)) && (out->perm & IOMMUFMT_ACCESS_EXEC))
			return iommufmt__frec_bad(diag, f, "ind", 1, "InD == 1 on a write (RnW == 0)");
		out->perm |= x & (1u << X_RNW) ? IOMMUFMT_ACCESS_READ : IOMMUFMT_ACCESS_WRITE;
	}
	if (row->fix & FX_S2)
		out->stage = x & (1u << X_S2) ? 2 : 1;
	/* the IPA is UNKNOWN unless the fault is at stage 2 [spec 7.3.13-7.3.16] */
	if ((row->fix & FX_IPA) && out->stage != 2)
		out->flags &= ~IOMMUFMT_FAULT_F_ADDR2_VALID;
	if (row->fix & FX_PREQ)
		out->perm = preq_perm(x);
	if ((row->fix & FX_PRI) && !(out->flags & IOMMUFMT_FAULT_F_PASID_VALID) &&
	    (out->perm & (IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_PRIV)))
		return iommufmt__frec_bad(diag, f, "ssv", 0, "X and Priv are 0 when SSV == 0 [spec 8]");
	return 0;
}

/*
 * RnW from the permissions: one direction per record; an instruction fetch
 * (EXEC) is a read, so EXEC alone reads and EXEC with WRITE cannot be said.
 */
static int unfix_rnw(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in, uint64_t *s,
		     struct iommufmt_diag *diag)
{
	const uint32_t rw = in->perm & ACC_RW;

	if (rw == ACC_RW || (!rw && !(in->perm & IOMMUFMT_ACCESS_EXEC)))
		return iommufmt__frec_cannot(diag, f, "perm", in->perm, "an event records one access: READ or WRITE");
	if (rw == IOMMUFMT_ACCESS_WRITE && (in->perm & IOMMUFMT_ACCESS_EXEC))
		return iommufmt__frec_cannot(diag, f, "perm", in->perm, "InD is a read's: no EXEC with WRITE");
	if (rw != IOMMUFMT_ACCESS_WRITE)
		s[IOMMUFMT__FS_X] |= 1u << X_RNW;
	s[IOMMUFMT__FS_PERM] &= ~(uint64_t)ACC_RW;
	return 0;
}

/* E_PAGE_REQUEST bits from the permissions: the privileged or the user ones (PRIV). */
static void unfix_preq(const struct iommufmt_fault *in, uint64_t *s)
{
	const uint32_t p = in->perm;
	const unsigned int rwx = (p & IOMMUFMT_ACCESS_EXEC ? 1 : 0) |
				 (p & IOMMUFMT_ACCESS_WRITE ? 2 : 0) |
				 (p & IOMMUFMT_ACCESS_READ ? 4 : 0);

	/* the record's own bits when they still say what @in says (both privileges asked) */
	if (preq_perm(s[IOMMUFMT__FS_X]) != p) {
		s[IOMMUFMT__FS_X] &= ~((uint64_t)0x3f << X_PREQ);
		s[IOMMUFMT__FS_X] |= (uint64_t)rwx << (X_PREQ + (p & IOMMUFMT_ACCESS_PRIV ? 3 : 0));
	}
	s[IOMMUFMT__FS_PERM] = 0;
}

/*
 * CLASS of a record that is not ours (a walker fault): the input address,
 * except a stage-1 table walk abort, which is the TT walk [spec 7.3.12].
 * The walker does not say whether a stage-2 fault hit a stage-1 descriptor
 * (QEMU: ptw_info.is_ipa_descriptor), so stage-2 faults are CLASS IN.
 */
static unsigned int walk_class(const struct iommufmt__frec_row *row, unsigned int s2)
{
	return row->code == F_WALK_EABT && !s2 ? CLASS_TT : CLASS_IN;
}

/* Encode rules: the inverse of smmu_fix (lib/fault_table.h). */
static int smmu_unfix(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		      const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag)
{
	const bool own = iommufmt__frec_own(f, in);
	const unsigned int s2 = in->stage == 2;
	int err = 0;

	/* bits with no generic meaning come back from the record's own bytes */
	s[IOMMUFMT__FS_X] = iommufmt__frec_native_slot(f, row, in, IOMMUFMT__FS_X);
	if (row->fix & FX_RNW) {
		s[IOMMUFMT__FS_X] &= ~((uint64_t)1 << X_RNW);
		err = unfix_rnw(f, in, s, diag);
	}
	if (err)
		return err;
	if (row->fix & FX_S2) {
		/* a single-stage walk (stage 0) is reported as stage 1: S2 == 0 */
		s[IOMMUFMT__FS_X] &= ~((uint64_t)1 << X_S2);
		s[IOMMUFMT__FS_X] |= (uint64_t)s2 << X_S2;
	}
	if ((row->fix & FX_IPA) && !s2)
		s[IOMMUFMT__FS_ADDR2] = 0;	/* no IPA outside stage 2 */
	if ((row->fix & FX_CLASS) && !own)
		s[IOMMUFMT__FS_X] |= (uint64_t)walk_class(row, s2) << X_CLASS;
	if (row->fix & FX_PREQ)
		unfix_preq(in, s);
	if ((row->fix & FX_PRI) && !(in->flags & IOMMUFMT_FAULT_F_PASID_VALID) &&
	    (in->perm & (IOMMUFMT_ACCESS_EXEC | IOMMUFMT_ACCESS_PRIV)))
		return iommufmt__frec_cannot(diag, f, "perm", in->perm, "X and Priv need a PASID (SSV) [spec 8]");
	return 0;
}

/*
 * Walker reasons as events, as the spec and QEMU (smmu_ptw_64_s1/_s2)
 * report them [fault-records.md 6]: an invalid or reserved descriptor, an
 * input outside TxSZ or the sign-extended range and an impossible level
 * are translation faults; 0 where SMMU has no event (s390 table type and
 * length). Record reasons of other models map to the event that says the
 * same; CONFIG_READ is the STE's (stage 0) or the CD's (stage 1) fetch.
 */
static const uint8_t reason_event[IOMMUFMT_FAULT_REASON_NR] = {
	[IOMMUFMT_FAULT_NOT_PRESENT] = F_TRANSLATION,
	[IOMMUFMT_FAULT_PERMISSION] = F_PERMISSION,
	[IOMMUFMT_FAULT_RESERVED_BIT] = F_TRANSLATION,
	[IOMMUFMT_FAULT_ADDR_SIZE_INPUT] = F_TRANSLATION,
	[IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT] = F_ADDR_SIZE,
	[IOMMUFMT_FAULT_NON_CANONICAL] = F_TRANSLATION,
	[IOMMUFMT_FAULT_ACCESS_FLAG] = F_ACCESS,
	[IOMMUFMT_FAULT_TABLE_READ] = F_WALK_EABT,
	[IOMMUFMT_FAULT_BAD_LEVEL] = F_TRANSLATION,
	[IOMMUFMT_FAULT_BAD_DEVICE] = C_BAD_STREAMID,
	[IOMMUFMT_FAULT_BAD_DEVICE_ENTRY] = C_BAD_STE,
	[IOMMUFMT_FAULT_BAD_PASID] = C_BAD_SUBSTREAMID,
	[IOMMUFMT_FAULT_BAD_PASID_ENTRY] = C_BAD_CD,
	[IOMMUFMT_FAULT_CONFIG_READ] = F_STE_FETCH,
};

static int smmu_event_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			   struct iommufmt_diag *diag)
{
	(void)f;
	if (in->kind == IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return iommufmt__frec_cannot(diag, f, "kind", in->kind, "page requests are PRI queue entries");
	if (in->reason == IOMMUFMT_FAULT_CONFIG_READ && in->stage == 1)
		return F_CD_FETCH;
	if (!reason_event[in->reason])
		return iommufmt__frec_cannot(diag, f, "reason", in->reason, "no event reports this reason");
	return reason_event[in->reason];
}

static int smmu_pri_pick(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			 struct iommufmt_diag *diag)
{
	(void)f;
	if (in->kind != IOMMUFMT_FAULT_KIND_PAGE_REQ)
		return iommufmt__frec_cannot(diag, f, "kind", in->kind, "only page requests are PRI queue entries");
	return 0;
}

IOMMUFMT__FREC_RSV_STORAGE(smmu_event, smmu_event_rows);
IOMMUFMT__FREC_RSV_STORAGE(smmu_pri, smmu_pri_rows);

static const struct iommufmt__frec_fmt smmu_event_fmt = {
	.name = "SMMUv3 event record",
	.model = IOMMUFMT_MODEL_SMMU,
	.record = IOMMUFMT_FREC_EVENT,
	.size = 32,
	.code = IOMMUFMT__BITS(0, 7, 0),
	IOMMUFMT__FREC_TABLE(smmu_event, smmu_event_rows),
	.fix = smmu_fix,
	.unfix = smmu_unfix,
	.pick = smmu_event_pick,
};

static const struct iommufmt__frec_fmt smmu_pri_fmt = {
	.name = "SMMUv3 PRI queue entry",
	.model = IOMMUFMT_MODEL_SMMU,
	.record = IOMMUFMT_FREC_PAGE_REQ,
	.size = 16,
	IOMMUFMT__FREC_TABLE(smmu_pri, smmu_pri_rows),
	.fix = smmu_fix,
	.unfix = smmu_unfix,
	.pick = smmu_pri_pick,
};

static const struct iommufmt__frec_fmt *const smmu_fmts[] = { &smmu_event_fmt, &smmu_pri_fmt };

IOMMUFMT__FAULT_OPS(iommufmt__smmuv3, smmu_fmts);
