/* SPDX-License-Identifier: MIT */
/* Private table-driven engine for native invalidation commands: extract, check, fill, pack. */
#ifndef IOMMUFMT_LIB_INVAL_TABLE_H
#define IOMMUFMT_LIB_INVAL_TABLE_H

#include <stdatomic.h>

#include "lib/fields.h"
#include "lib/internal.h"

/*
 * A model describes its commands as tables: per opcode (and selector value,
 * e.g. the VT-d granularity G) one row naming the generic meaning (op,
 * caches, granularity, constant flags) and its fields; the reserved bits
 * of every word are derived from them (iommufmt__inv_fmt_ready()): a bit
 * is reserved unless the opcode, the selector or one of the row's fields
 * covers it, and bits a command ignores are listed as ignored fields. A
 * field is a bit range of one word (lib/fields.h) that feeds a generic
 * "slot" (archid, pasid, address...) at a bit position, so split fields
 * (VT-d PFSID, AMD PASID bytes) are two fields of one slot. Decoding is
 * load, opcode lookup, one AND per word against the reserved masks, then a
 * loop over the row's fields; encoding packs the same fields back. The
 * range encodings shared by several models (VT-d AM, ATS S-bit, SMMU ATC
 * Size, STE ranges...) are handled here too; a model's own rules (SMMU
 * TLBI ranges, s390 byte ranges, response-code maps) go through one "fix"
 * callback per command, chosen by the row's fix code.
 */

/* Generic slots. */
enum {
	IOMMUFMT__IS_ARCHID,
	IOMMUFMT__IS_PASID,
	IOMMUFMT__IS_SID,
	IOMMUFMT__IS_VMID,
	IOMMUFMT__IS_ADDR,
	IOMMUFMT__IS_SIZE,	/* a range code: AM, S, Size, Range, FM, IM, NUM, s390 length */
	IOMMUFMT__IS_SCALE,
	IOMMUFMT__IS_TG,
	IOMMUFMT__IS_TTL,
	IOMMUFMT__IS_TAG,
	IOMMUFMT__IS_CODE,
	IOMMUFMT__IS_DATA,
	IOMMUFMT__IS_AUX,
	IOMMUFMT__IS_FLAGS,	/* bits ORed into entry.flags (at = the flag's bit) */
	IOMMUFMT__IS_X,		/* model scratch (AMD PDE) */
	IOMMUFMT__IS_NR,
	IOMMUFMT__IS_NONE = IOMMUFMT__IS_NR	/* a must-be-zero field with no slot (SMMU SSec) */
};

/* Slot arrays are IOMMUFMT__IS_SLOTS long (the IOMMUFMT__IS_NONE sink included). */
#define IOMMUFMT__IS_SLOTS (IOMMUFMT__IS_NR + 1)

/* Range encodings (row.range). */
enum {
	IOMMUFMT__IR_NONE,
	IOMMUFMT__IR_AM,	/* VT-d: 2^AM 4 KiB pages, AM <= max_am; low address bits ignored */
	IOMMUFMT__IR_SBIT,	/* ATS S-bit: arg = lowest zero-bit index meaning "everything" */
	IOMMUFMT__IR_POW2,	/* 2^Size 4 KiB pages, Size <= 52 (52 = everything); low bits ignored */
	IOMMUFMT__IR_INDEX,	/* 2^IM interrupt-table entries from IIDX (granule 0) */
	IOMMUFMT__IR_SIDRANGE,	/* 2^(Range + 1) StreamIDs, low bits of sid ignored */
	IOMMUFMT__IR_FM,	/* VT-d function mask 0..3 -> sid bits 2 / 2:1 / 2:0 ignored */
	IOMMUFMT__IR_MODEL	/* the model's fix callback computes the range */
};

/* Row flags (row.rflags). */
#define IOMMUFMT__IRF_NORM	(1u << 0)	/* a range of everything becomes DEVICE/PASID/DOMAIN */
#define IOMMUFMT__IRF_SEL	(1u << 1)	/* row is chosen by its opcode's selector value */

struct iommufmt__inv_field {
	const char *name;	/* for diagnostics, e.g. "asid" */
	struct iommufmt__bits bits;	/* where the field is */
	uint8_t slot;		/* IOMMUFMT__IS_*; IOMMUFMT__IS_NONE: checked or ignored, not decoded */
	uint8_t at;		/* bit position of the field within the slot value */
	uint8_t mbz;		/* must be zero on this queue (SMMU SSec) */
	uint16_t need;		/* IOMMUFMT_INV_CFG_* needed for a non-zero value, or IOMMUFMT__NEVER */
};

/* A "feature" no configuration has: a must-be-zero field. */
#define IOMMUFMT__NEVER 0x8000u

struct iommufmt__inv_cmd {
	const char *name;	/* e.g. "TLBI_NH_VA" */
	uint8_t opcode;		/* native opcode / type */
	uint8_t sel;		/* selector value (IOMMUFMT__IRF_SEL) */
	uint8_t op;		/* IOMMUFMT_INV_OP_* */
	uint8_t gran;		/* IOMMUFMT_INV_GRAN_* */
	uint8_t range;		/* IOMMUFMT__IR_* */
	uint8_t arg;		/* range parameter */
	uint8_t fix;		/* model fix code, 0 = none */
	uint8_t rflags;		/* IOMMUFMT__IRF_* */
	uint16_t need;		/* IOMMUFMT_INV_CFG_* the command needs */
	uint16_t nfields;
	uint32_t caches;	/* IOMMUFMT_INV_CACHE_* */
	uint32_t flags;		/* IOMMUFMT_INV_F_* always set */
	const struct iommufmt__inv_field *fields;
};

struct iommufmt__inv_opent {
	uint16_t first;		/* 1 + index of the opcode's first row; 0: not decodable */
	uint8_t nrows;		/* rows, told apart by the selector when more than one */
	uint8_t unimpl;		/* legal but not decoded by the library */
	uint8_t sel_word, sel_lo, sel_width;	/* the selector field (at most 2 bits) */
	const char *sel_name;	/* its name, or the name of an undecodable command */
	int8_t selrow[4];	/* row (from first) of each selector value; -1: reserved */
	const char *needs;	/* not decodable: the feature it needs, which no codec offers */
};

struct iommufmt__inv_fmt {
	uint32_t model;
	uint8_t big_endian;
	uint8_t op_lo, op_width;	/* opcode bits in word 0 */
	uint8_t op2_lo, op2_width;	/* further opcode bits above them (VT-d type[6:4]) */
	uint16_t nops;			/* entries in ops (opcodes 0..nops-1) */
	uint16_t ncmds;			/* rows in cmds */
	const struct iommufmt__inv_opent *ops;
	const struct iommufmt__inv_cmd *cmds;
	/*
	 * The reserved bits of every row's words (ncmds rows), derived from the
	 * rows once, by the first iommufmt__inv_fmt_ready() (a model's prepare
	 * op), and read-only after: model-owned storage from
	 * IOMMUFMT__INV_RSV_STORAGE(), named by IOMMUFMT__INV_RSV().
	 */
	uint64_t (*rsv)[4];
	atomic_bool *rsv_ready;
};

/* The derived reserved-mask storage of a model's command table @cmds, named after @prefix. */
#define IOMMUFMT__INV_RSV_STORAGE(prefix, cmds) \
	static uint64_t prefix##_rsv[ARRAY_SIZE(cmds)][4]; \
	static atomic_bool prefix##_rsv_ready
/* The iommufmt__inv_fmt members naming that storage. */
#define IOMMUFMT__INV_RSV(prefix)	.rsv = prefix##_rsv, .rsv_ready = &prefix##_rsv_ready

/*
 * Derive the reserved masks of @f unless done: thread-safe, and cheap after
 * the first call (one acquire load). Models call it from their prepare op,
 * so every codec that decodes has them. 0, or -EINVAL / BAD_OPS when a
 * field overlaps the opcode, the selector or another field of its row (a
 * table bug, caught by the first prepare).
 */
int iommufmt__inv_fmt_ready(const struct iommufmt__inv_fmt *f, struct iommufmt_diag *diag);

/* The reserved masks of row @cmd of @f (after iommufmt__inv_fmt_ready()). */
static inline const uint64_t *iommufmt__inv_rsv(const struct iommufmt__inv_fmt *f,
						const struct iommufmt__inv_cmd *cmd)
{
	return f->rsv[cmd - f->cmds];
}

/* Bit number of a one-bit constant (for IOMMUFMT__IS_FLAGS fields). */
#define IOMMUFMT__BITNO(x) \
	((x) >> 8 ? ((x) >> 12 ? ((x) >> 14 ? ((x) >> 15 ? 15 : 14) : ((x) >> 13 ? 13 : 12)) : \
		     ((x) >> 10 ? ((x) >> 11 ? 11 : 10) : ((x) >> 9 ? 9 : 8))) : \
	 ((x) >> 4 ? ((x) >> 6 ? ((x) >> 7 ? 7 : 6) : ((x) >> 5 ? 5 : 4)) : \
		     ((x) >> 2 ? ((x) >> 3 ? 3 : 2) : ((x) >> 1 ? 1 : 0))))

/*
 * Table-writing shorthands, every field at bits @hi:@lo of word @w as the
 * specifications write it: a field feeding bit @at of a slot (a non-zero
 * value needs @need), a one-bit flag field, a must-be-zero field, and an
 * ignored field (legal at any value, not decoded; listed so that the
 * derived reserved mask leaves its bits alone).
 */
#define IOMMUFMT__FLD(n, w, hi, lo, slot, at, need) \
	{ (n), IOMMUFMT__BITS(w, hi, lo), IOMMUFMT__IS_##slot, (at), 0, (need) }
#define IOMMUFMT__FLAG(n, w, bit, flag, need) \
	{ (n), IOMMUFMT__BITS(w, bit, bit), IOMMUFMT__IS_FLAGS, IOMMUFMT__BITNO(flag), 0, (need) }
#define IOMMUFMT__MBZ(n, w, hi, lo) \
	{ (n), IOMMUFMT__BITS(w, hi, lo), IOMMUFMT__IS_NONE, 0, 1, IOMMUFMT__NEVER }
#define IOMMUFMT__IGNORED(n, w, hi, lo) \
	{ (n), IOMMUFMT__BITS(w, hi, lo), IOMMUFMT__IS_NONE, 0, 0, 0 }

/* The opcode table and command rows of an iommufmt__inv_fmt. */
#define IOMMUFMT__INV_TABLES(o, c) \
	.nops = ARRAY_SIZE(o), .ops = (o), .cmds = (c), .ncmds = ARRAY_SIZE(c)

/*
 * Opcode entries: one row; a legal opcode the library does not decode
 * (named @n); an opcode (named @n) that needs a feature @why no emulated
 * IOMMU of the codec has, so it is illegal with that reason, not unknown.
 */
#define IOMMUFMT__OP1(row)	{ (row) + 1, 1, 0, 0, 0, 0, NULL, { 0, 0, 0, 0 }, NULL }
#define IOMMUFMT__OP_UNIMPL(n)	{ 0, 0, 1, 0, 0, 0, (n), { 0, 0, 0, 0 }, NULL }
#define IOMMUFMT__OP_NEEDS(n, why)	{ 0, 0, 0, 0, 0, 0, (n), { 0, 0, 0, 0 }, (why) }

/* A parsed command. */
struct iommufmt__inv_raw {
	const struct iommufmt__inv_cmd *cmd;
	uint64_t w[4];
	uint64_t s[IOMMUFMT__IS_SLOTS];	/* s[IOMMUFMT__IS_NONE] is written, never read */
};

/* ---- helpers ---- */

/*
 * Zero a slot array with plain stores: the barrier keeps the compiler from
 * turning them into a memset, which x86 compilers emit as a slow rep stos.
 */
static inline void iommufmt__inv_zero(uint64_t *s)
{
	_Static_assert(IOMMUFMT__IS_SLOTS % 4 == 0, "slot array in fours");
	for (unsigned int i = 0; i < IOMMUFMT__IS_SLOTS; i += 4) {
		s[i] = 0;
		s[i + 1] = 0;
		s[i + 2] = 0;
		s[i + 3] = 0;
		__asm__("" : : "r"(s) : "memory");
	}
}

/* Bits lo..lo + width - 1 of @w (width 0: none), for the opcode and selector. */
static inline uint64_t iommufmt__inv_bits(uint64_t w, unsigned int lo, unsigned int width)
{
	return (w >> lo) & iommufmt__mask(width);
}

/* Index of the lowest set bit; 64 for 0. */
static inline unsigned int iommufmt__ctz64(uint64_t v)
{
	return v ? (unsigned int)__builtin_ctzll(v) : 64;
}

static inline void iommufmt__inv_load(const struct iommufmt__inv_fmt *f, const void *p,
				      unsigned int nw, uint64_t *w)
{
	const uint8_t *b = p;

	for (unsigned int i = 0; i < 4; i++)
		w[i] = i >= nw ? 0 : f->big_endian ? iommufmt__be64(b + 8 * i) : iommufmt__le64(b + 8 * i);
}

/* Cold paths (lib/inval_table.c): fill the diagnostic and return the error. */
int iommufmt__inv_err_opcode(const struct iommufmt__inv_fmt *f, unsigned int op,
			     struct iommufmt_diag *diag);
int iommufmt__inv_err_sel(const struct iommufmt__inv_fmt *f, unsigned int op, uint64_t sel,
			  struct iommufmt_diag *diag);
int iommufmt__inv_err_cmd(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			  const uint64_t *rsv, const uint64_t *w, unsigned int nw,
			  struct iommufmt_diag *diag);
int iommufmt__inv_err_field(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			    const struct iommufmt__inv_field *fl, uint64_t v, struct iommufmt_diag *diag);
int iommufmt__inv_err_value(const struct iommufmt__inv_cmd *cmd, const char *field, int err,
			    unsigned int code, uint64_t value, uint64_t limit, const char *what,
			    struct iommufmt_diag *diag);
int iommufmt__inv_err_id(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			 unsigned int slot, uint64_t v, int err, struct iommufmt_diag *diag);
/* Names of configuration features, for "needs ..." texts. */
const char *iommufmt__inv_cfg_name(uint32_t flags);

/*
 * The id widths configured for the codec (cfg.pasid_bits, cfg.archid_bits;
 * 0 = the command field's width), one rule for both directions: the
 * decoder applies it to the ids of each decoded entry (an id wider than
 * the IOMMU implements makes the guest's command illegal: -EIO), the
 * encoder to the ids it packs into each command (the target IOMMU does not
 * implement them: -EOPNOTSUPP). Either way IOMMUFMT_DIAG_INV_ID_RANGE,
 * naming the field and the limit.
 */
static inline __attribute__((always_inline)) int
iommufmt__inv_ids_fit(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
		      uint64_t archid, uint64_t pasid, int err, struct iommufmt_diag *diag)
{
	if (unlikely(c->cfg.pasid_bits && (pasid >> c->cfg.pasid_bits)))
		return iommufmt__inv_err_id(c, cmd, IOMMUFMT__IS_PASID, pasid, err, diag);
	if (unlikely(c->cfg.archid_bits && (archid >> c->cfg.archid_bits)))
		return iommufmt__inv_err_id(c, cmd, IOMMUFMT__IS_ARCHID, archid, err, diag);
	return 0;
}

/* ---- decode ---- */

/* The row of the command in @w (opcode, then selector); its index, or a negative errno. */
static inline __attribute__((always_inline)) int
iommufmt__inv_lookup(const struct iommufmt__inv_fmt *f, const uint64_t *w, struct iommufmt_diag *diag)
{
	const struct iommufmt__inv_opent *oe;
	unsigned int op, k = 0;

	op = (unsigned int)(iommufmt__inv_bits(w[0], f->op_lo, f->op_width) |
			    iommufmt__inv_bits(w[0], f->op2_lo, f->op2_width) << f->op_width);
	if (unlikely(op >= f->nops || !f->ops[op].first))
		return iommufmt__inv_err_opcode(f, op, diag);
	oe = &f->ops[op];
	if (oe->nrows > 1) {
		uint64_t sel = iommufmt__inv_bits(w[oe->sel_word], oe->sel_lo, oe->sel_width);

		if (unlikely(sel > 3 || oe->selrow[sel] < 0))
			return iommufmt__inv_err_sel(f, op, sel, diag);
		k = (unsigned int)oe->selrow[sel];
	}
	return (int)(oe->first - 1 + k);
}

/*
 * Reserved bits (the masks @rsv of row @cmd), needed features and the
 * fields of row @cmd into the slots @s (zeroed by the caller).
 */
static inline __attribute__((always_inline)) int
iommufmt__inv_fields_nw(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			const uint64_t *rsv, const uint64_t *w, unsigned int nw, uint64_t *s,
			struct iommufmt_diag *diag)
{
	if (unlikely(iommufmt__bits_reserved(w, rsv, nw) || (cmd->need & ~c->cfg.flags)))
		return iommufmt__inv_err_cmd(c, cmd, rsv, w, nw, diag);
#pragma GCC unroll 12
	for (unsigned int i = 0; i < cmd->nfields; i++) {
		const struct iommufmt__inv_field *fl = &cmd->fields[i];
		uint64_t v;

		/* ignored fields only shaped the reserved masks (folds away for constant rows) */
		if (fl->slot == IOMMUFMT__IS_NONE && !fl->need)
			continue;
		v = iommufmt__bits_get(&fl->bits, w);
		if (unlikely(v && (fl->need & ~c->cfg.flags)))
			return iommufmt__inv_err_field(c, cmd, fl, v, diag);
		s[fl->slot] |= v << fl->at;	/* s[IOMMUFMT__IS_NONE] is a sink */
	}
	return 0;
}

/* Parse one command: the row and its slots (used by the cold paths and tools). */
static inline int iommufmt__inv_parse(const struct iommufmt__inv_fmt *f,
				      const struct iommufmt_inv_codec *c, const void *p,
				      struct iommufmt__inv_raw *r, struct iommufmt_diag *diag)
{
	int k;

	iommufmt__inv_load(f, p, c->cmd_size / 8, r->w);
	k = iommufmt__inv_lookup(f, r->w, diag);
	if (k < 0)
		return k;
	r->cmd = &f->cmds[k];
	memset(r->s, 0, sizeof(r->s));
	return iommufmt__inv_fields_nw(c, r->cmd, iommufmt__inv_rsv(f, r->cmd), r->w, c->cmd_size / 8,
				       r->s, diag);
}

/* The generic range encodings; IOMMUFMT__IR_MODEL is left to the model. */
static inline __attribute__((always_inline)) int iommufmt__inv_range(const struct iommufmt_inv_codec *c,
				      const struct iommufmt__inv_cmd *cmd, const uint64_t *s,
				      struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint64_t v = s[IOMMUFMT__IS_SIZE], a = s[IOMMUFMT__IS_ADDR];
	unsigned int log2;
	bool all = false;

	switch (cmd->range) {
	case IOMMUFMT__IR_AM:
		if (unlikely(v > c->cfg.max_am || v > 52))
			return iommufmt__inv_err_value(cmd, "am", -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, v,
						       c->cfg.max_am < 52 ? c->cfg.max_am : 52,
						       "address mask above the IOMMU's MAMV", diag);
		e->granule = 12;
		e->addr = a & ~iommufmt__mask((unsigned int)v + 12);
		e->nr_granules = UINT64_C(1) << v;
		return 0;
	case IOMMUFMT__IR_SBIT:
		log2 = 12;
		if (v) {
			unsigned int z = iommufmt__ctz64(~(a | 0xfff));

			if (unlikely(z == 64 && cmd->arg >= 63))
				return iommufmt__inv_err_value(cmd, "addr", -EIO,
							       IOMMUFMT_DIAG_INV_BAD_FIELD, a, 0,
							       "S=1 with every address bit set encodes no size",
							       diag);
			if (z >= cmd->arg)
				all = true;
			log2 = z + 1;
		}
		break;
	case IOMMUFMT__IR_POW2:
		if (unlikely(v > 52))
			return iommufmt__inv_err_value(cmd, "size", -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD, v,
						       52, "span above 2^52 pages", diag);
		all = v == 52;
		log2 = (unsigned int)v + 12;
		break;
	case IOMMUFMT__IR_INDEX:
		e->granule = 0;
		e->addr = a & ~iommufmt__mask((unsigned int)v);
		e->nr_granules = UINT64_C(1) << v;
		return 0;
	case IOMMUFMT__IR_SIDRANGE:
		e->sid_mask = (uint32_t)iommufmt__mask((unsigned int)v + 1);
		e->sid &= ~e->sid_mask;
		return 0;
	case IOMMUFMT__IR_FM: {
		static const uint8_t fm_mask[4] = { 0, 4, 6, 7 };

		e->sid_mask = fm_mask[v & 3];
		e->sid &= ~e->sid_mask;
		return 0;
	}
	default:
		return 0;
	}
	if (all && (cmd->rflags & IOMMUFMT__IRF_NORM)) {
		e->granularity = (e->flags & IOMMUFMT_INV_F_PASID) ? IOMMUFMT_INV_GRAN_PASID :
				 (e->caches & IOMMUFMT_INV_CACHE_DEV_IOTLB) ? IOMMUFMT_INV_GRAN_DEVICE :
				 IOMMUFMT_INV_GRAN_DOMAIN;
		return 0;
	}
	e->granule = 12;
	if (all || log2 >= 64) {
		e->addr = 0;
		e->nr_granules = UINT64_C(1) << 52;
	} else {
		e->addr = a & ~iommufmt__mask(log2);
		e->nr_granules = UINT64_C(1) << (log2 - 12);
	}
	return 0;
}

/* ---- rules several models share, for their fix callbacks and encoders ---- */

/* A sync's completion store: the address when it stores (SYNC_STORE), else no data either. */
static inline void iommufmt__inv_fix_store(const uint64_t *s, struct iommufmt_inv_entry *e)
{
	if (e->flags & IOMMUFMT_INV_F_SYNC_STORE)
		e->addr = s[IOMMUFMT__IS_ADDR];
	else
		e->data = 0;	/* the store address and data are ignored without it */
}

/*
 * PCIe page-request group response codes (VT-d page response RC, AMD
 * COMPLETE_PPR_REQUEST status): Success 0, Invalid Request 1, Response
 * Failure 0xf. The code of an IOMMUFMT_INV_RESP_* value ...
 */
static inline uint64_t iommufmt__inv_prg_code(uint32_t resp)
{
	return resp == IOMMUFMT_INV_RESP_FAILURE ? 0xf : resp;
}

/* ... and back: the IOMMUFMT_INV_RESP_* of slot CODE into e->code, or -EIO naming @field. */
static inline int iommufmt__inv_prg_resp(const struct iommufmt__inv_cmd *cmd, const char *field,
					 const char *what, const uint64_t *s,
					 struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	switch (s[IOMMUFMT__IS_CODE]) {
	case 0:
		e->code = IOMMUFMT_INV_RESP_SUCCESS;
		return 0;
	case 1:
		e->code = IOMMUFMT_INV_RESP_INVALID;
		return 0;
	case 0xf:
		e->code = IOMMUFMT_INV_RESP_FAILURE;
		return 0;
	}
	return iommufmt__inv_err_value(cmd, field, -EIO, IOMMUFMT_DIAG_INV_BAD_FIELD,
				       s[IOMMUFMT__IS_CODE], 0xf, what, diag);
}

/* The model rules applied after the generic decode of a command whose row has fix != 0. */
typedef int (*iommufmt__inv_fix_fn)(const struct iommufmt_inv_codec *c,
				    const struct iommufmt__inv_cmd *cmd, const uint64_t *s,
				    struct iommufmt_inv_entry *e, struct iommufmt_diag *diag);

/*
 * Decode one command of row @cmd (a constant where the caller dispatches on
 * the row, so the field loop unrolls) into @e, the native part included.
 * On an error @e may have been partly written.
 */
static inline __attribute__((always_inline)) int
iommufmt__inv_decode_row(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
			 const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			 const uint64_t *w, const void *p, unsigned int sz, struct iommufmt_inv_entry *e,
			 struct iommufmt_diag *diag)
{
	uint64_t sl[IOMMUFMT__IS_SLOTS];
	uint32_t flags;
	int err;

	iommufmt__inv_zero(sl);
	err = iommufmt__inv_fields_nw(c, cmd, iommufmt__inv_rsv(f, cmd), w, sz / 8, sl, diag);

	if (unlikely(err))
		return err;
	flags = cmd->flags | (uint32_t)sl[IOMMUFMT__IS_FLAGS];
	if (!(flags & IOMMUFMT_INV_F_PASID))
		flags &= ~IOMMUFMT_INV_F_PASID_GLOBAL;
	e->argsz = sizeof(*e);
	e->flags = flags;
	e->op = cmd->op;
	e->granularity = cmd->gran;
	e->granule = 0;
	e->level_hint = 0;
	e->caches = cmd->caches;
	e->archid = (flags & IOMMUFMT_INV_F_ARCHID) ? (uint32_t)sl[IOMMUFMT__IS_ARCHID] : 0;
	e->pasid = (flags & IOMMUFMT_INV_F_PASID) ? (uint32_t)sl[IOMMUFMT__IS_PASID] : 0;
	e->sid = (flags & IOMMUFMT_INV_F_SID) ? (uint32_t)sl[IOMMUFMT__IS_SID] : 0;
	e->sid_mask = 0;
	e->vmid = (flags & IOMMUFMT_INV_F_VMID) ? (uint32_t)sl[IOMMUFMT__IS_VMID] : 0;
	e->tag = (uint32_t)sl[IOMMUFMT__IS_TAG];
	e->addr = 0;
	e->nr_granules = 0;
	e->data = sl[IOMMUFMT__IS_DATA];
	e->code = 0;
	e->aux = (uint32_t)sl[IOMMUFMT__IS_AUX];
	e->native.model = f->model;
	e->native.len = (uint16_t)sz;
	e->native.__reserved = 0;
	for (unsigned int i = 0; i < 4; i++) {
		if (i * 8 < sz)
			memcpy(&e->native.desc[i], (const uint8_t *)p + 8 * i, 8);
		else
			e->native.desc[i] = 0;
	}
	err = iommufmt__inv_ids_fit(c, cmd, e->archid, e->pasid, -EIO, diag);
	if (unlikely(err))
		return err;
	if (cmd->range) {
		err = iommufmt__inv_range(c, cmd, sl, e, diag);
		if (unlikely(err))
			return err;
	}
	if (cmd->fix)
		return fix(c, cmd, sl, e, diag);
	return 0;
}


/* decode_row for any row of any table (lib/inval_table.c). */
int iommufmt__inv_decode_row_any(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
				 const struct iommufmt_inv_codec *c, unsigned int k, const uint64_t *w,
				 const void *p, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag);

#define IOMMUFMT__INV_ROW(k) \
	case k: \
		if ((k) < f->ncmds) \
			return iommufmt__inv_decode_row(f, fix, c, &f->cmds[k], w, p, sz, e, diag); \
		break;

/*
 * Decode one command of @sz bytes (c->cmd_size, a constant where the
 * caller can make it one): look its row up, then run that row's decoder
 * with the row constant.
 */
static inline __attribute__((always_inline)) int
iommufmt__inv_decode_one(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
			 const struct iommufmt_inv_codec *c, const void *p, unsigned int sz,
			 struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	uint64_t w[4];
	int k;

	iommufmt__inv_load(f, p, sz / 8, w);
	k = iommufmt__inv_lookup(f, w, diag);
	if (unlikely(k < 0))
		return k;
	switch (k) {
	IOMMUFMT__INV_ROW(0) IOMMUFMT__INV_ROW(1) IOMMUFMT__INV_ROW(2) IOMMUFMT__INV_ROW(3)
	IOMMUFMT__INV_ROW(4) IOMMUFMT__INV_ROW(5) IOMMUFMT__INV_ROW(6) IOMMUFMT__INV_ROW(7)
	IOMMUFMT__INV_ROW(8) IOMMUFMT__INV_ROW(9) IOMMUFMT__INV_ROW(10) IOMMUFMT__INV_ROW(11)
	IOMMUFMT__INV_ROW(12) IOMMUFMT__INV_ROW(13) IOMMUFMT__INV_ROW(14) IOMMUFMT__INV_ROW(15)
	IOMMUFMT__INV_ROW(16) IOMMUFMT__INV_ROW(17) IOMMUFMT__INV_ROW(18) IOMMUFMT__INV_ROW(19)
	}
	/* tables of more rows: the same decoder, out of line */
	return iommufmt__inv_decode_row_any(f, fix, c, (unsigned int)k, w, p, e, diag);
}

/* The loop of iommufmt__inv_decode_many for commands of @sz bytes (c->cmd_size). */
static inline __attribute__((always_inline)) int
iommufmt__inv_decode_loop(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
			  const struct iommufmt_inv_codec *c, const void *cmds, unsigned int sz,
			  size_t n, struct iommufmt_inv_entry *out, size_t *done,
			  struct iommufmt_diag *diag)
{
	const uint8_t *p = cmds;
	size_t i;

	for (i = 0; i < n; i++, p += sz) {
		int err = iommufmt__inv_decode_one(f, fix, c, p, sz, &out[i], diag);

		if (unlikely(err)) {
			*done = i;
			return err;
		}
	}
	*done = n;
	return 0;
}

/*
 * Decode up to @n commands; the body of every model's decode op, so the
 * table and fix callback are constants there and the loop makes no
 * indirect call. On a bad command *done counts the good ones before it and
 * out[*done] may have been partly written.
 */
static inline __attribute__((always_inline)) int
iommufmt__inv_decode_many(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
			  const struct iommufmt_inv_codec *c, const void *cmds, size_t n,
			  struct iommufmt_inv_entry *out, size_t *done, struct iommufmt_diag *diag)
{
	/* the command sizes models have, as constants, so loads and copies fold */
	switch (c->cmd_size) {
	case 16:
		return iommufmt__inv_decode_loop(f, fix, c, cmds, 16, n, out, done, diag);
	default:
		return iommufmt__inv_decode_loop(f, fix, c, cmds, c->cmd_size, n, out, done, diag);
	}
}

/*
 * The decode and cmd_name ops of a model's codec, <prefix>_decode and
 * <prefix>_cmd_name, over its table @fmt and fix callback @fix.
 */
#define IOMMUFMT__INV_CODEC_OPS(prefix, fmt, fix) \
	static int prefix##_decode(const struct iommufmt_inv_codec *c, const void *cmds, size_t n, \
				   struct iommufmt_inv_entry *out, size_t *done, \
				   struct iommufmt_diag *diag) \
	{ \
		return iommufmt__inv_decode_many(&(fmt), (fix), c, cmds, n, out, done, diag); \
	} \
	static const char *prefix##_cmd_name(const struct iommufmt_inv_codec *c, const void *cmd) \
	{ \
		return iommufmt__inv_name(&(fmt), c, cmd); \
	}

/* The head of a model's inval ops: its size, <prefix>_prepare, _decode, _encode and _cmd_name. */
#define IOMMUFMT__INV_OPS_HEAD(prefix) \
	.ops_size = sizeof(struct iommufmt_inval_ops), .prepare = prefix##_prepare, \
	.decode = prefix##_decode, .encode = prefix##_encode, .cmd_name = prefix##_cmd_name

/* ---- encode ---- */

/* Collects the commands of one entry; writes while they fit, counts the rest. */
struct iommufmt__inv_emit {
	const struct iommufmt__inv_fmt *f;
	const struct iommufmt_inv_codec *c;
	uint8_t *out;
	size_t cap;		/* commands that fit in out */
	size_t n;		/* commands emitted so far */
	uint32_t eflags;	/* IOMMUFMT_INV_ENC_* */
	struct iommufmt_diag *diag;
};

/* Pack row @row with slots @s into the next command; 0 or a negative errno. */
int iommufmt__inv_emit(struct iommufmt__inv_emit *em, unsigned int row, const uint64_t *s);

/*
 * Pack row @row from the slots most rows use, every other slot zero: the
 * ids, the range code (@size), the address, flag bits, the model's scratch
 * slot @x and @aux.
 */
static inline int iommufmt__inv_put(struct iommufmt__inv_emit *em, unsigned int row,
				    uint64_t archid, uint64_t pasid, uint64_t sid, uint64_t size,
				    uint64_t addr, uint64_t flags, uint64_t x, uint64_t aux)
{
	uint64_t s[IOMMUFMT__IS_SLOTS];

	iommufmt__inv_zero(s);
	s[IOMMUFMT__IS_ARCHID] = archid;
	s[IOMMUFMT__IS_PASID] = pasid;
	s[IOMMUFMT__IS_SID] = sid;
	s[IOMMUFMT__IS_SIZE] = size;
	s[IOMMUFMT__IS_ADDR] = addr;
	s[IOMMUFMT__IS_FLAGS] = flags;
	s[IOMMUFMT__IS_X] = x;
	s[IOMMUFMT__IS_AUX] = aux;
	return iommufmt__inv_emit(em, row, s);
}

/* An aligned power-of-two block of a cover: [start, start + 2^log2) in granule units. */
struct iommufmt__inv_block {
	uint64_t start;
	uint8_t log2;
};

/*
 * Cover [a, a + n) (granule units, n >= 1, a + n <= 2^(64 - g) handled by
 * the caller) exactly with the fewest naturally aligned power-of-two
 * blocks of at most 2^maxlog units. Writes up to @cap blocks and returns
 * the count, or cap + 1 when more would be needed.
 */
size_t iommufmt__inv_cover_pow2(uint64_t a, uint64_t n, unsigned int maxlog,
				struct iommufmt__inv_block *out, size_t cap);

/*
 * The blocks of 4 KiB pages (at most 2^@maxlog each) that cover an address
 * entry's range; 0 when more than IOMMUFMT_INV_ENCODE_MAX would be needed
 * (the caller widens to its whole scope: IOMMUFMT_INV_ENC_WIDENED set). A
 * level hint is dropped: these commands have none.
 */
static inline size_t iommufmt__inv_cover_pages(struct iommufmt__inv_emit *em,
					       const struct iommufmt_inv_entry *e, unsigned int maxlog,
					       struct iommufmt__inv_block *blk)
{
	size_t n;

	if (e->level_hint)
		em->eflags |= IOMMUFMT_INV_ENC_DROPPED;
	n = iommufmt__inv_cover_pow2(e->addr >> 12, e->nr_granules << (e->granule - 12), maxlog, blk,
				     IOMMUFMT_INV_ENCODE_MAX);
	if (n <= IOMMUFMT_INV_ENCODE_MAX)
		return n;
	em->eflags |= IOMMUFMT_INV_ENC_WIDENED;
	return 0;
}

/* The end of an encode op: the count and flags of what @em emitted; -EMSGSIZE when it did not fit. */
static inline int iommufmt__inv_emit_end(const struct iommufmt__inv_emit *em, int r, __u32 *nr,
					 __u32 *eflags)
{
	*nr = (__u32)em->n;
	*eflags |= em->eflags;
	if (!r && em->n > em->cap)
		return -EMSGSIZE;
	return r;
}

/* The address field of an ATS S-bit encoded block of 2^log2 bytes at @base (log2 >= 12). */
static inline uint64_t iommufmt__inv_sbit_addr(uint64_t base, unsigned int log2)
{
	if (log2 <= 12)
		return base;
	if (log2 >= 64)
		return UINT64_C(0x7ffffffffffff000);
	return (base | iommufmt__mask(log2 - 1)) & ~UINT64_C(0xfff);
}

/* Whether the entry's range is the whole 64-bit space. */
static inline bool iommufmt__inv_is_all(const struct iommufmt_inv_entry *e)
{
	return e->addr == 0 && e->granule < 64 && e->nr_granules == UINT64_C(1) << (64 - e->granule);
}

/* Name of the command at @p (NULL for an unknown opcode); no checks beyond the opcode. */
const char *iommufmt__inv_name(const struct iommufmt__inv_fmt *f, const struct iommufmt_inv_codec *c,
			       const void *p);

/* Model prepare helper: reject the configuration fields a model does not use. */
int iommufmt__inv_cfg_unused(const struct iommufmt_inv_codec *c, bool max_am, bool granule,
			     struct iommufmt_diag *diag);

/* Failure reports of encoders. */
int iommufmt__inv_cannot(struct iommufmt__inv_emit *em, const char *field, const char *what);

#endif /* IOMMUFMT_LIB_INVAL_TABLE_H */
