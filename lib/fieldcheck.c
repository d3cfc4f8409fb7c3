/* SPDX-License-Identifier: MIT */
/* Table-driven checker of native payload fields, and the deep-check diagnostics, shared by all models. */
#include <stdio.h>

#include "lib/bind_internal.h"

/* Whether @v is outside the row's bitmap of legal encodings (0: every value is legal). */
static inline bool fc_illegal(const struct iommufmt__fc *f, uint64_t v)
{
	return f->legal && (v >= 64 || !(f->legal & (UINT64_C(1) << v)));
}

/* Cold: name row @f's failure; an illegal encoding is reported before the row's rule. */
static int fc_fail(struct iommufmt_diag *diag, const struct iommufmt__fc *f, uint64_t v,
		   const __u64 *host, const uint64_t *ctx)
{
	const unsigned int vl = IOMMUFMT__DV_VALUE, vll = IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT;
	const char *what = f->what ? f->what : "";
	unsigned long long uv = (unsigned long long)v;

	if (fc_illegal(f, v))
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_ILLEGAL, f->name, vll,
					 v, f->legal, 0, "%s = %llu is not a legal encoding%s%s",
					 f->name, uv, what[0] ? ": " : "", what);
	switch (f->kind) {
	case IOMMUFMT__FC_RSVD:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_RESERVED, f->name, vl,
					 v, 0, 0, "%s: reserved bits %u..%u must be zero (0x%llx)",
					 f->name, f->bits.lo, f->bits.lo + f->bits.width - 1, uv);
	case IOMMUFMT__FC_HOSTMAX:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, f->name,
					 vll, v, host[f->arg], 0,
					 "%s = %llu exceeds the host's %llu (%s)", f->name, uv,
					 (unsigned long long)host[f->arg], what);
	case IOMMUFMT__FC_HOSTMIN:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, f->name,
					 vll, v, host[f->arg], 0,
					 "%s = %llu is below the host's minimum %llu (%s)", f->name,
					 uv, (unsigned long long)host[f->arg], what);
	case IOMMUFMT__FC_HOSTSET:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, f->name,
					 vll, v, host[f->arg], 0,
					 "%s = %llu is not supported by the host (host offers %s 0x%llx)",
					 f->name, uv, what, (unsigned long long)host[f->arg]);
	case IOMMUFMT__FC_NEEDS:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, f->name,
					 vll, v, 0, 0, "%s is set but the host lacks %s", f->name,
					 what);
	case IOMMUFMT__FC_EQ:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_MISMATCH, f->name, vll,
					 v, ctx[f->arg], 0,
					 "%s = 0x%llx disagrees with the header's %s (0x%llx)",
					 f->name, uv, what, (unsigned long long)ctx[f->arg]);
	case IOMMUFMT__FC_NOTSUP:
	default:
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_UNSUPPORTED, f->name,
					 vl, v, 0, 0, "%s = %llu cannot be nested: %s", f->name, uv,
					 what);
	}
}

/* One row; 0 or its failure. */
static inline int fc_row(const struct iommufmt__fc *f, const uint64_t *w, const __u64 *host,
			 const uint64_t *ctx, struct iommufmt_diag *diag)
{
	uint64_t v = iommufmt__bits_get(&f->bits, w);
	bool ok;

	if (fc_illegal(f, v))
		return fc_fail(diag, f, v, host, ctx);
	switch (f->kind) {
	case IOMMUFMT__FC_RSVD:
	case IOMMUFMT__FC_NOTSUP:
		ok = v == 0;
		break;
	case IOMMUFMT__FC_HOSTMAX:
		ok = v <= host[f->arg];
		break;
	case IOMMUFMT__FC_HOSTMIN:
		ok = v >= host[f->arg];
		break;
	case IOMMUFMT__FC_HOSTSET:
		ok = v < 64 && (host[f->arg] & (UINT64_C(1) << v));
		break;
	case IOMMUFMT__FC_NEEDS:
		ok = v == 0 || host[f->arg] != 0;
		break;
	case IOMMUFMT__FC_EQ:
		ok = !ctx || v == ctx[f->arg];
		break;
	default:
		ok = true;
		break;
	}
	if (unlikely(!ok))
		return fc_fail(diag, f, v, host, ctx);
	return 0;
}

/* The reference checker: rows in table order, so the first failing one is reported. */
int iommufmt__fc_check(const struct iommufmt__fc *rows, size_t n, const uint64_t *w,
		       const __u64 *host, const uint64_t *ctx, struct iommufmt_diag *diag)
{
	for (size_t i = 0; i < n; i++) {
		const struct iommufmt__fc *f = &rows[i];
		int err;

		/* Rows that constrain nothing: listed for reviewers, skipped here. */
		if (f->kind == IOMMUFMT__FC_IGNORED || (f->kind == IOMMUFMT__FC_ANY && !f->legal))
			continue;
		err = fc_row(f, w, host, ctx, diag);
		if (unlikely(err))
			return err;
	}
	return 0;
}

/* Compiled fast-row descriptor: the field (word | lo << 8 | width << 16) | op << 24. */
enum { FC_OP_SET, FC_OP_MAX, FC_OP_MIN, FC_OP_EQ };

static inline uint64_t fc_pack(const struct iommufmt__bits *b, unsigned int op)
{
	return b->word | (uint64_t)b->lo << 8 | (uint64_t)b->width << 16 | (uint64_t)op << 24;
}

static inline struct iommufmt__bits fc_unpack(uint64_t d)
{
	return (struct iommufmt__bits){ (uint8_t)d, (uint8_t)(d >> 8), (uint8_t)(d >> 16) };
}

/*
 * Must accept exactly what iommufmt__fc_check() accepts: a payload passing
 * here is never checked row by row.
 */
int iommufmt__fc_check_z(const struct iommufmt__fc *rows, size_t n, const uint64_t *w,
			 unsigned int nwords, const __u64 *compiled, const __u64 *host,
			 const uint64_t *ctx, struct iommufmt_diag *diag)
{
	const __u64 *fr = &compiled[nwords + 1];
	const unsigned int nfast = (unsigned int)compiled[nwords];
	/* the RSVD/NOTSUP/absent-feature bits: one AND per word, as the command decoder does */
	/* (the compiled words are __u64 of the public priv[] array: the same 64-bit type) */
	uint64_t bad = iommufmt__bits_reserved(w, (const uint64_t *)compiled, nwords);

	/* Branch-light: every fast row is evaluated, failures accumulate. */
	for (unsigned int k = 0; k < nfast; k++, fr += 2) {
		const uint64_t d = fr[0], operand = fr[1];
		const unsigned int op = (unsigned int)(d >> 24) & 0xff;
		const struct iommufmt__bits b = fc_unpack(d);
		const uint64_t v = iommufmt__bits_get(&b, w);

		if (op == FC_OP_SET)
			bad |= ~(operand >> v) & 1;	/* v < 64: SET rows are at most 6 bits */
		else if (op == FC_OP_EQ)
			bad |= ctx && v != ctx[operand];
		else if (op == FC_OP_MAX)
			bad |= v > operand;
		else
			bad |= v < operand;
	}
	/* bad is only a yes/no: which field failed is the slow checker's job. */
	if (unlikely(bad))	/* find and name the failing field, row by row */
		return iommufmt__fc_check(rows, n, w, host, ctx, diag);
	return 0;
}

/*
 * Run once per host description, not per bind: host limits fold into the
 * operands here so the hot path compares with constants.
 */
int iommufmt__fc_compile(const struct iommufmt__fc *rows, size_t n, unsigned int nwords,
			 const __u64 *host, __u64 *out, unsigned int out_words)
{
	unsigned int nfast = 0;
	__u64 *fr;

	for (size_t i = 0; i < n; i++)
		nfast += rows[i].fast;
	if (out_words < IOMMUFMT__FC_WORDS(nwords, nfast))
		return -EINVAL;
	memset(out, 0, out_words * sizeof(*out));
	out[nwords] = nfast;
	fr = &out[nwords + 1];
	for (size_t i = 0; i < n; i++) {
		const struct iommufmt__fc *f = &rows[i];
		uint64_t legal = f->legal ? f->legal : ~UINT64_C(0);
		unsigned int op = FC_OP_SET;
		uint64_t operand = 0;

		if (f->bits.word >= nwords)
			return -EINVAL;
		/*
		 * Rows that only ever require zero bits become mask bits; a NEEDS row only
		 * when this host lacks the feature, otherwise its field is free.
		 */
		if (!f->fast) {
			if (f->kind == IOMMUFMT__FC_RSVD || f->kind == IOMMUFMT__FC_NOTSUP ||
			    (f->kind == IOMMUFMT__FC_NEEDS && !host[f->arg]))
				out[f->bits.word] |= iommufmt__bits_mask(&f->bits);
			continue;
		}
		switch (f->kind) {
		case IOMMUFMT__FC_HOSTSET:
			operand = legal & host[f->arg];
			break;
		case IOMMUFMT__FC_HOSTMAX:
			if (f->bits.width <= 6) {
				/* Bitmap of the values <= max; >= 63 keeps the shift defined. */
				operand = legal & (host[f->arg] >= 63 ? ~UINT64_C(0) :
						   iommufmt__mask((unsigned int)host[f->arg] + 1));
			} else {
				if (f->legal)
					return -EINVAL;	/* a wide field has no bitmap: one rule per row */
				op = FC_OP_MAX;
				operand = host[f->arg];
			}
			break;
		case IOMMUFMT__FC_HOSTMIN:
			if (f->bits.width <= 6) {
				operand = legal & ~(host[f->arg] >= 64 ? ~UINT64_C(0) :
						    iommufmt__mask((unsigned int)host[f->arg]));
			} else {
				if (f->legal)
					return -EINVAL;	/* a wide field has no bitmap: one rule per row */
				op = FC_OP_MIN;
				operand = host[f->arg];
			}
			break;
		case IOMMUFMT__FC_EQ:
			if (f->legal)
				return -EINVAL;	/* one rule per fast row */
			op = FC_OP_EQ;
			operand = f->arg;
			break;
		case IOMMUFMT__FC_ANY:	/* a legal-encodings row of an otherwise free field */
			if (f->bits.width > 6)
				return -EINVAL;
			operand = legal;
			break;
		default:
			/*
			 * RSVD, NOTSUP, IGNORED and NEEDS have no fast form: compiled
			 * as a legal-values check they would lose their rule (a NEEDS
			 * field's "zero without the feature"). Refused, not guessed.
			 */
			return -EINVAL;
		}
		if (op == FC_OP_SET && f->bits.width > 6)
			return -EINVAL;
		fr[0] = fc_pack(&f->bits, op);
		fr[1] = operand;
		fr += 2;
	}
	return (int)IOMMUFMT__FC_WORDS(nwords, nfast);
}

/*
 * A model's tables into their [at, end) slices of priv (from its decode op);
 * a slice outside priv_words is a model bug, refused rather than written.
 */
int iommufmt__fc_compile_all(struct iommufmt_host_desc *d, const struct iommufmt__fc_table *t,
			     size_t n, const char *what, struct iommufmt_diag *diag)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].end > d->priv_words || t[i].at > t[i].end ||
		    iommufmt__fc_compile(t[i].rows, t[i].n, t[i].nwords, d->priv, d->priv + t[i].at,
					 t[i].end - t[i].at) < 0)
			return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "priv",
					      "the %s field tables do not fit the host description",
					      what);
	return 0;
}

/* Wrap an inner reject as an entry of a guest table (contract in bind_internal.h). */
int iommufmt__diag_table_entry(struct iommufmt_diag *diag, const struct iommufmt_diag *inner,
			       const char *table, uint32_t index)
{
	unsigned int which = IOMMUFMT__DV_INDEX;

	if (inner->flags & IOMMUFMT_DIAG_FLAGS_VALUE)
		which |= IOMMUFMT__DV_VALUE;
	if (inner->flags & IOMMUFMT_DIAG_FLAGS_LIMIT)
		which |= IOMMUFMT__DV_LIMIT;
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BIND_TABLE_ENTRY, inner->field, which,
				 inner->value, inner->limit, index, "%s entry %u: %.100s", table,
				 index, inner->text);
}

/* Build the inner reject in a local diag, then wrap it like any other. */
int iommufmt__diag_table_reserved(struct iommufmt_diag *diag, const char *field, uint64_t value,
				  const char *table, uint32_t index, const char *fmt, ...)
{
	struct iommufmt_diag inner;
	char text[IOMMUFMT_DIAG_TEXT_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	iommufmt_diag_init(&inner);
	iommufmt__diag_ex(&inner, IOMMUFMT_DIAG_BIND_RESERVED, field,
			  IOMMUFMT__DV_VALUE, value, 0, 0, "%s", text);
	return iommufmt__diag_table_entry(diag, &inner, table, index);
}

/* -EFAULT / GUEST_FAULT: a guest table the deep check could not read. */
int iommufmt__diag_table_read(struct iommufmt_diag *diag, const char *table, uint64_t gpa,
			      uint32_t index)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_GUEST_FAULT, table,
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, gpa, 0, index,
				 "%s at GPA 0x%llx (index %u) cannot be read", table,
				 (unsigned long long)gpa, index);
}

/* Read in 512-byte chunks: the chunk bounds the stack, the wrap check the range. */
int iommufmt__deep_readable(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t len,
			    const char *table, struct iommufmt_diag *diag)
{
	uint8_t chunk[512];

	if (len && gpa + (len - 1) < gpa)
		return iommufmt__diag_table_read(diag, table, gpa, 0);
	for (uint64_t off = 0; off < len; off += sizeof(chunk)) {
		size_t n = len - off < sizeof(chunk) ? (size_t)(len - off) : sizeof(chunk);

		if (iommufmt_gmem_read(gmem, gpa + off, chunk, n))
			return iommufmt__diag_table_read(diag, table, gpa + off, 0);
	}
	return 0;
}

/* Bounded by the array too, not only by the count a model's decode op set. */
const struct iommufmt_cap_pgtable_format *
iommufmt__host_pgtable(const struct iommufmt_host_desc *desc, uint32_t format)
{
	for (uint32_t i = 0; i < desc->nr_pgtables && i < IOMMUFMT_HOST_MAX_PGTABLES; i++)
		if (desc->pgtables[i].format == format)
			return &desc->pgtables[i];
	return NULL;
}

/* The header is set here, not by the model, so every entry is a well-formed capability. */
int iommufmt__host_add_pgtable(struct iommufmt_host_desc *desc,
			       const struct iommufmt_cap_pgtable_format *cap,
			       struct iommufmt_diag *diag)
{
	if (desc->nr_pgtables >= IOMMUFMT_HOST_MAX_PGTABLES)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_HOST_REGS, "pgtables",
				      "more than %d page-table formats", IOMMUFMT_HOST_MAX_PGTABLES);
	desc->pgtables[desc->nr_pgtables] = *cap;
	desc->pgtables[desc->nr_pgtables].header.id = IOMMUFMT_CAP_PGTABLE_FORMAT;
	desc->pgtables[desc->nr_pgtables].header.version = 1;
	desc->nr_pgtables++;
	return 0;
}
