/* SPDX-License-Identifier: MIT */
/* Native invalidation command tables: error reports, field packing and power-of-two range covers. */
#include <pthread.h>
#include <stdio.h>

#include "lib/inval_table.h"

static const struct {
	uint32_t flag;
	const char *name;
} cfg_names[] = {
	{ IOMMUFMT_INV_CFG_PASID, "PASID support" },
	{ IOMMUFMT_INV_CFG_ATS, "ATS (device-TLB) support" },
	{ IOMMUFMT_INV_CFG_PRI, "page-request support" },
	{ IOMMUFMT_INV_CFG_RANGE, "range invalidation" },
	{ IOMMUFMT_INV_CFG_DS, "52-bit address extensions" },
	{ IOMMUFMT_INV_CFG_WIDE, "256-bit descriptors" },
	{ IOMMUFMT_INV_CFG_STALL, "the stall model" },
	{ IOMMUFMT_INV_CFG_INV_ALL, "an invalidate-all command" },
	{ IOMMUFMT_INV_CFG_STAGE2, "stage-2 translation" },
};

/* "cmd.sub" when it fits the diagnostic's field, else "sub" alone. */
static void field_name(char *buf, const char *cmd, const char *sub)
{
	if ((size_t)snprintf(buf, IOMMUFMT_DIAG_FIELD_LEN, "%s.%s", cmd, sub) >= IOMMUFMT_DIAG_FIELD_LEN)
		snprintf(buf, IOMMUFMT_DIAG_FIELD_LEN, "%s", sub);
}

/* The name of the first feature in @flags (callers pass the missing ones). */
const char *iommufmt__inv_cfg_name(uint32_t flags)
{
	for (size_t i = 0; i < ARRAY_SIZE(cfg_names); i++)
		if (flags & cfg_names[i].flag)
			return cfg_names[i].name;
	return "a feature";
}

/*
 * An opcode with no row: legal but not decoded (-EOPNOTSUPP, the library's
 * limit), or needing a feature no codec offers, or reserved (-EIO, the guest's).
 */
int iommufmt__inv_err_opcode(const struct iommufmt__inv_fmt *f, unsigned int op,
			     struct iommufmt_diag *diag)
{
	const char *name = op < f->nops && f->ops[op].sel_name ? f->ops[op].sel_name : "command";

	if (op < f->nops && f->ops[op].unimpl)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED, "opcode",
					 IOMMUFMT__DV_VALUE, op, 0, 0,
					 "%s (opcode 0x%x) is valid but not decoded by this library",
					 name, op);
	if (op < f->nops && f->ops[op].needs)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_FEATURE, name,
					 IOMMUFMT__DV_VALUE, op, 0, 0, "%s (opcode 0x%x) needs %s",
					 name, op, f->ops[op].needs);
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "opcode",
				 IOMMUFMT__DV_VALUE, op, 0, 0,
				 "opcode 0x%x is reserved or unknown", op);
}

/* A known opcode whose selector value (e.g. VT-d G) is reserved. */
int iommufmt__inv_err_sel(const struct iommufmt__inv_fmt *f, unsigned int op, uint64_t sel,
			  struct iommufmt_diag *diag)
{
	const struct iommufmt__inv_opent *oe = &f->ops[op];
	char field[IOMMUFMT_DIAG_FIELD_LEN];

	field_name(field, f->cmds[oe->first - 1].name, oe->sel_name ? oe->sel_name : "sel");
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_BAD_FIELD, field, IOMMUFMT__DV_VALUE,
				 sel, 0, 0, "opcode 0x%x: %s = %llu is a reserved encoding", op,
				 oe->sel_name ? oe->sel_name : "selector", (unsigned long long)sel);
}

/* Why a row failed its fast check: a reserved bit if any, else the missing feature. */
int iommufmt__inv_err_cmd(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			  const uint64_t *rsv, const uint64_t *w, unsigned int nw,
			  struct iommufmt_diag *diag)
{
	char field[IOMMUFMT_DIAG_FIELD_LEN], sub[32];

	for (unsigned int i = 0; i < nw; i++) {
		uint64_t bad = w[i] & rsv[i];
		unsigned int lo, hi;

		if (!bad)
			continue;
		/* name the run of reserved bits holding the lowest offending bit */
		lo = hi = iommufmt__ctz64(bad);
		while (lo > 0 && (rsv[i] >> (lo - 1)) & 1)
			lo--;
		while (hi < 63 && (rsv[i] >> (hi + 1)) & 1)
			hi++;
		snprintf(sub, sizeof(sub), "qw%u[%u:%u]", i, hi, lo);
		field_name(field, cmd->name, sub);
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_RESERVED_BIT, field,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, w[i], rsv[i], 0,
					 "%s: reserved bit %u of qword %u is set", cmd->name,
					 iommufmt__ctz64(bad), i);
	}
	snprintf(field, sizeof(field), "%s", cmd->name);
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_FEATURE, field,
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, cmd->need, c->cfg.flags, 0,
				 "%s needs %s, which the IOMMU does not have", cmd->name,
				 iommufmt__inv_cfg_name(cmd->need & ~c->cfg.flags));
}

/* A non-zero field that must be zero on this queue, or that needs a missing feature. */
int iommufmt__inv_err_field(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			    const struct iommufmt__inv_field *fl, uint64_t v, struct iommufmt_diag *diag)
{
	char field[IOMMUFMT_DIAG_FIELD_LEN];

	field_name(field, cmd->name, fl->name);
	if (fl->mbz)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_BAD_FIELD, field,
					 IOMMUFMT__DV_VALUE, v, 0, 0,
					 "%s: %s must be zero on this queue", cmd->name, fl->name);
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_INV_FEATURE, field, IOMMUFMT__DV_VALUE, v,
				 0, 0, "%s: a non-zero %s needs %s, which the IOMMU does not have",
				 cmd->name, fl->name, iommufmt__inv_cfg_name(fl->need & ~c->cfg.flags));
}

/* A field value outside its encoding's range, with the caller's errno and code. */
int iommufmt__inv_err_value(const struct iommufmt__inv_cmd *cmd, const char *fname, int err,
			    unsigned int code, uint64_t value, uint64_t limit, const char *what,
			    struct iommufmt_diag *diag)
{
	char field[IOMMUFMT_DIAG_FIELD_LEN];

	field_name(field, cmd->name, fname);
	return iommufmt__diag_err_ex(diag, err, code, field, IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT,
				     value, limit, 0, "%s: %s (%s = 0x%llx)", cmd->name, what, fname,
				     (unsigned long long)value);
}

/* An id wider than configured; see iommufmt__inv_ids_fit() for which errno. */
int iommufmt__inv_err_id(const struct iommufmt_inv_codec *c, const struct iommufmt__inv_cmd *cmd,
			 unsigned int slot, uint64_t v, int err, struct iommufmt_diag *diag)
{
	const bool pasid = slot == IOMMUFMT__IS_PASID;
	const unsigned int bits = pasid ? c->cfg.pasid_bits : c->cfg.archid_bits;
	const char *fname = pasid ? "pasid" : "archid";
	char field[IOMMUFMT_DIAG_FIELD_LEN];

	field_name(field, cmd->name, fname);
	return iommufmt__diag_err_ex(diag, err, IOMMUFMT_DIAG_INV_ID_RANGE, field,
				     IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, v, iommufmt__mask(bits), 0,
				     "%s: %s 0x%llx is wider than the %u bits the IOMMU implements (%s_bits)",
				     cmd->name, pasid ? "PASID" : "domain id / ASID",
				     (unsigned long long)v, bits, fname);
}

/*
 * The bits of row @cmd's words that something names: the opcode, the
 * selector of an opcode with several rows, and every field. Returns false
 * when two of them overlap (a table bug).
 */
static bool inv_covered(const struct iommufmt__inv_fmt *f, const struct iommufmt__inv_cmd *cmd,
			uint64_t *cov)
{
	const struct iommufmt__inv_opent *oe = &f->ops[cmd->opcode];
	bool ok = true;

	cov[0] = iommufmt__mask(f->op_width) << f->op_lo | iommufmt__mask(f->op2_width) << f->op2_lo;
	cov[1] = cov[2] = cov[3] = 0;
	if (oe->nrows > 1)
		cov[oe->sel_word] |= iommufmt__mask(oe->sel_width) << oe->sel_lo;
	for (unsigned int i = 0; i < cmd->nfields; i++) {
		const struct iommufmt__bits *b = &cmd->fields[i].bits;

		if (b->word >= 4 || (cov[b->word] & iommufmt__bits_mask(b)))
			ok = false;
		else
			cov[b->word] |= iommufmt__bits_mask(b);
	}
	return ok;
}

/* Serializes the one-time derivation of every format's masks (cold: once per format). */
static pthread_mutex_t rsv_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Double-checked: the release store of rsv_ready publishes the masks written
 * before it to every decoder whose acquire load sees it set.
 */
int iommufmt__inv_fmt_ready(const struct iommufmt__inv_fmt *f, struct iommufmt_diag *diag)
{
	bool ok = true;

	/* double-checked: the acquire load pairs with the release store below */
	if (likely(atomic_load_explicit(f->rsv_ready, memory_order_acquire)))
		return 0;
	pthread_mutex_lock(&rsv_lock);
	if (!atomic_load_explicit(f->rsv_ready, memory_order_relaxed)) {
		for (unsigned int k = 0; k < f->ncmds; k++) {
			uint64_t cov[4];

			ok &= inv_covered(f, &f->cmds[k], cov);
			for (unsigned int i = 0; i < 4; i++)
				f->rsv[k][i] = ~cov[i];
		}
		/* A table bug leaves rsv_ready clear: every prepare then fails the same way. */
		if (ok)
			atomic_store_explicit(f->rsv_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&rsv_lock);
	if (!ok)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "fields",
				      "a command table field overlaps another field or the opcode");
	return 0;
}

/* -EOPNOTSUPP INV_CANNOT_ENCODE: the target model has no command for this entry. */
int iommufmt__inv_cannot(struct iommufmt__inv_emit *em, const char *fname, const char *what)
{
	char cc[5];

	return iommufmt__diag(em->diag, IOMMUFMT_DIAG_INV_CANNOT_ENCODE, fname,
			      "%s (%s) cannot express this: %s", em->c->model->name,
			      iommufmt_fourcc_str(em->c->model->model, cc), what);
}

/*
 * Every check precedes the store, so a refused entry writes nothing; past
 * em->cap commands are only counted, telling the caller the size it needs.
 */
int iommufmt__inv_emit(struct iommufmt__inv_emit *em, unsigned int row, const uint64_t *s)
{
	const struct iommufmt__inv_fmt *f = em->f;
	const struct iommufmt__inv_cmd *cmd = &f->cmds[row];
	const struct iommufmt__inv_opent *oe = &f->ops[cmd->opcode];
	const unsigned int nw = em->c->cmd_size / 8;
	uint64_t w[4] = { 0, 0, 0, 0 }, covered[IOMMUFMT__IS_SLOTS];
	char field[IOMMUFMT_DIAG_FIELD_LEN];
	int r;

	if (cmd->need & ~em->c->cfg.flags)
		return iommufmt__diag(em->diag, IOMMUFMT_DIAG_INV_CANNOT_ENCODE,
				      cmd->name, "%s needs %s, which the target does not have",
				      cmd->name, iommufmt__inv_cfg_name(cmd->need & ~em->c->cfg.flags));
	iommufmt__inv_zero(covered);
	w[0] = (uint64_t)(cmd->opcode & iommufmt__mask(f->op_width)) << f->op_lo;
	if (f->op2_width)
		w[0] |= (uint64_t)(cmd->opcode >> f->op_width) << f->op2_lo;
	if (oe->nrows > 1)
		w[oe->sel_word] |= (uint64_t)cmd->sel << oe->sel_lo;
	for (unsigned int i = 0; i < cmd->nfields; i++) {
		const struct iommufmt__inv_field *fl = &cmd->fields[i];
		uint64_t v, m;

		if (fl->slot >= IOMMUFMT__IS_NR)
			continue;	/* must-be-zero and ignored fields encode as zero */
		m = iommufmt__bits_low(fl->bits.width);
		v = (s[fl->slot] >> fl->at) & m;
		covered[fl->slot] |= m << fl->at;
		if (v && (fl->need & ~em->c->cfg.flags)) {
			field_name(field, cmd->name, fl->name);
			return iommufmt__diag(em->diag, IOMMUFMT_DIAG_INV_CANNOT_ENCODE,
					      field, "%s needs %s, which the target does not have",
					      fl->name, iommufmt__inv_cfg_name(fl->need & ~em->c->cfg.flags));
		}
		iommufmt__bits_put(&fl->bits, w, v);
	}
	/* a slot value with bits no field of the row carries is too wide for the command */
	for (unsigned int k = 0; k < IOMMUFMT__IS_NR; k++) {
		const char *fname = "value";

		if (!(s[k] & ~covered[k]))
			continue;
		for (unsigned int i = 0; i < cmd->nfields; i++)
			if (cmd->fields[i].slot == k) {
				fname = cmd->fields[i].name;
				break;
			}
		field_name(field, cmd->name, fname);
		return iommufmt__diag_ex(em->diag, IOMMUFMT_DIAG_INV_CANNOT_ENCODE, field,
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, s[k], covered[k], 0,
					 "%s: value 0x%llx does not fit the %s field", cmd->name,
					 (unsigned long long)s[k], fname);
	}
	/* the decoder's id-width rule, so what is encoded decodes on the same codec */
	r = iommufmt__inv_ids_fit(em->c, cmd, s[IOMMUFMT__IS_ARCHID], s[IOMMUFMT__IS_PASID],
				  -EOPNOTSUPP, em->diag);
	if (r)
		return r;
	if (em->n < em->cap) {
		uint8_t *p = em->out + em->n * em->c->cmd_size;

		for (unsigned int i = 0; i < nw; i++) {
			if (f->big_endian)
				iommufmt__put_be64(p + 8 * i, w[i]);
			else
				iommufmt__put_le64(p + 8 * i, w[i]);
		}
	}
	em->n++;
	return 0;
}

/*
 * Greedy from the low end (the largest aligned block that fits is in a minimal
 * cover); one block per pass, so at most @cap + 1 passes whatever @n is.
 */
size_t iommufmt__inv_cover_pow2(uint64_t a, uint64_t n, unsigned int maxlog,
				struct iommufmt__inv_block *out, size_t cap)
{
	size_t k = 0;

	while (n) {
		unsigned int l = iommufmt__ctz64(a);

		if (l > maxlog)
			l = maxlog;
		/* the largest aligned block at a that does not pass the end */
		while (l > 0 && (l >= 64 || (UINT64_C(1) << l) > n))
			l--;
		if (k == cap)
			return cap + 1;
		out[k].start = a;
		out[k].log2 = (uint8_t)l;
		k++;
		a += UINT64_C(1) << l;
		n -= UINT64_C(1) << l;
	}
	return k;
}

/* Best effort, for logs: an unknown selector still gets the opcode's first row name. */
const char *iommufmt__inv_name(const struct iommufmt__inv_fmt *f, const struct iommufmt_inv_codec *c,
			       const void *p)
{
	const struct iommufmt__inv_opent *oe;
	uint64_t w[4], sel;
	unsigned int op;

	iommufmt__inv_load(f, p, c->cmd_size / 8, w);
	op = (unsigned int)(iommufmt__inv_bits(w[0], f->op_lo, f->op_width) |
			    iommufmt__inv_bits(w[0], f->op2_lo, f->op2_width) << f->op_width);
	if (op >= f->nops)
		return NULL;
	oe = &f->ops[op];
	if (!oe->first)
		return oe->unimpl || oe->needs ? oe->sel_name : NULL;
	sel = iommufmt__inv_bits(w[oe->sel_word], oe->sel_lo, oe->sel_width);
	for (unsigned int k = 0; k < oe->nrows; k++)
		if (oe->nrows == 1 || f->cmds[oe->first - 1 + k].sel == sel)
			return f->cmds[oe->first - 1 + k].name;
	return f->cmds[oe->first - 1].name;
}

/* A configured limit the model ignores would silently not apply: refuse it. */
int iommufmt__inv_cfg_unused(const struct iommufmt_inv_codec *c, bool max_am, bool granule,
			     struct iommufmt_diag *diag)
{
	if (!max_am && c->cfg.max_am)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "max_am",
					 IOMMUFMT__DV_VALUE, c->cfg.max_am, 0, 0,
					 "model %s has no address-mask limit", c->model->name);
	if (!granule && c->cfg.granule)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_UNSUPPORTED, "granule",
					 IOMMUFMT__DV_VALUE, c->cfg.granule, 0, 0,
					 "model %s encodes no translation granule", c->model->name);
	return 0;
}

/* Rows past decode_one's unrolled switch; an index outside the table is a table bug. */
int iommufmt__inv_decode_row_any(const struct iommufmt__inv_fmt *f, iommufmt__inv_fix_fn fix,
				 const struct iommufmt_inv_codec *c, unsigned int k, const uint64_t *w,
				 const void *p, struct iommufmt_inv_entry *e, struct iommufmt_diag *diag)
{
	if (k >= f->ncmds)
		return iommufmt__diag_err(diag, -EIO, IOMMUFMT_DIAG_BAD_OPS, "opcode",
					  "command table row %u does not exist", k);
	return iommufmt__inv_decode_row(f, fix, c, &f->cmds[k], w, p, c->cmd_size, e, diag);
}
