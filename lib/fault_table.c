/* SPDX-License-Identifier: MIT */
/* Native fault and page-request record tables: derived reserved masks, decode, encode. */
#include <pthread.h>

#include "lib/fault_table.h"

static pthread_mutex_t rsv_lock = PTHREAD_MUTEX_INITIALIZER;

/* Widest value each slot holds (the generic record's member widths). */
static unsigned int slot_bits(unsigned int slot)
{
	return slot == IOMMUFMT__FS_ADDR || slot == IOMMUFMT__FS_ADDR2 || slot == IOMMUFMT__FS_X ?
	       64 : 32;
}

/*
 * The bits row @r covers (the code and every field) into @cov; false when
 * two overlap, a field lies past the record or past its slot, or the row's
 * code does not fit the code field: table bugs, caught by the first ready.
 */
static bool frec_covered(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			 uint64_t cov[4])
{
	const unsigned int nw = f->size / 8;
	bool ok = true;

	memset(cov, 0, 4 * sizeof(*cov));
	if (f->code.width) {
		if (f->code.word >= nw || f->code.lo + f->code.width > 64 ||
		    (f->code.width < 16 && (r->code >> f->code.width)))
			return false;
		cov[f->code.word] = iommufmt__bits_mask(&f->code);
	} else if (r->code || f->nrows != 1) {
		return false;	/* no code field: one row, code 0 */
	}
	for (unsigned int i = 0; i < r->nfields; i++) {
		const struct iommufmt__frec_field *fl = &r->fields[i];
		uint64_t m;

		if (fl->bits.word >= nw || !fl->bits.width || fl->bits.lo + fl->bits.width > 64 ||
		    fl->slot > IOMMUFMT__FS_NONE ||
		    (fl->slot != IOMMUFMT__FS_NONE && fl->at + fl->bits.width > slot_bits(fl->slot)))
			return false;
		m = iommufmt__bits_mask(&fl->bits);
		ok &= !(cov[fl->bits.word] & m);
		cov[fl->bits.word] |= m;
	}
	return ok;
}

/* Public contract in lib/fault_table.h. Double-checked: the acquire load pairs with the release. */
int iommufmt__frec_ready(const struct iommufmt__frec_fmt *f, struct iommufmt_diag *diag)
{
	bool ok;

	if (likely(atomic_load_explicit(f->rsv_ready, memory_order_acquire)))
		return 0;
	ok = f->size && f->size <= 32 && !(f->size % 8) && f->nrows;
	pthread_mutex_lock(&rsv_lock);
	if (ok && !atomic_load_explicit(f->rsv_ready, memory_order_relaxed)) {
		for (unsigned int k = 0; k < f->nrows && ok; k++) {
			uint64_t cov[4];

			ok = frec_covered(f, &f->rows[k], cov);
			/* words past the record are never loaded: no reserved bits there */
			for (unsigned int i = 0; i < 4; i++)
				f->rsv[k][i] = i < f->size / 8 ? ~cov[i] : 0;
		}
		if (ok)
			atomic_store_explicit(f->rsv_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&rsv_lock);
	if (!ok)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "fields",
				      "%s: a record table field overlaps another field or the code, "
				      "or lies outside the record", f->name);
	return 0;
}

/* The row selected by @code, or NULL. Tables are short (at most a few dozen codes). */
static const struct iommufmt__frec_row *frec_row(const struct iommufmt__frec_fmt *f, uint64_t code)
{
	for (unsigned int k = 0; k < f->nrows; k++)
		if (f->rows[k].code == code)
			return &f->rows[k];
	return NULL;
}

static int frec_unknown(const struct iommufmt__frec_fmt *f, uint64_t code, struct iommufmt_diag *diag)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, "code", IOMMUFMT__DV_VALUE,
				 code, 0, 0, "%s: code 0x%llx is unknown or reserved", f->name,
				 (unsigned long long)code);
}

/* Cold: name the first reserved bit that is set. */
static int frec_reserved(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *r,
			 const uint64_t *w, const uint64_t *rsv, struct iommufmt_diag *diag)
{
	for (unsigned int i = 0; i < f->size / 8; i++) {
		uint64_t bad = w[i] & rsv[i];

		if (bad) {
			unsigned int bit = (unsigned int)__builtin_ctzll(bad);

			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_RESERVED, r->name,
						 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_INDEX, w[i], 0,
						 i * 64 + bit, "%s %s: reserved bit %u (word %u bit %u) is set",
						 f->name, r->name, i * 64 + bit, i, bit);
		}
	}
	return 0;
}

static void frec_load(const struct iommufmt__frec_fmt *f, const void *buf, uint64_t w[4])
{
	const uint8_t *b = buf;

	for (unsigned int i = 0; i < 4; i++)
		w[i] = i >= f->size / 8 ? 0 : f->big_endian ? iommufmt__be64(b + 8 * i) :
		       iommufmt__le64(b + 8 * i);
}

/* Public contract in lib/fault_table.h. */
int iommufmt__frec_decode(const struct iommufmt__frec_fmt *f, const void *buf,
			  struct iommufmt_fault *out, struct iommufmt_diag *diag)
{
	uint64_t w[4], s[IOMMUFMT__FS_SLOTS], code;
	const struct iommufmt__frec_row *r;
	int err = iommufmt__frec_ready(f, diag);

	if (err)
		return err;
	frec_load(f, buf, w);
	code = f->code.width ? iommufmt__bits_get(&f->code, w) : 0;
	r = frec_row(f, code);
	if (unlikely(!r))
		return frec_unknown(f, code, diag);
	if (unlikely(iommufmt__bits_reserved(w, f->rsv[r - f->rows], f->size / 8)))
		return frec_reserved(f, r, w, f->rsv[r - f->rows], diag);
	memset(s, 0, sizeof(s));
	for (unsigned int i = 0; i < r->nfields; i++)
		s[r->fields[i].slot] |= iommufmt__bits_get(&r->fields[i].bits, w) << r->fields[i].at;
	memset(out, 0, sizeof(*out));
	out->argsz = sizeof(*out);
	out->kind = r->kind;
	out->reason = r->reason;
	out->stage = r->stage;
	out->record = f->record;
	out->code = (uint16_t)code;
	out->flags = r->flags | (uint32_t)s[IOMMUFMT__FS_FLAGS] |
		     (iommufmt__frec_slot_mask(r, IOMMUFMT__FS_ADDR) ? IOMMUFMT_FAULT_F_ADDR_VALID : 0) |
		     (iommufmt__frec_slot_mask(r, IOMMUFMT__FS_ADDR2) ? IOMMUFMT_FAULT_F_ADDR2_VALID : 0);
	out->perm = (uint32_t)s[IOMMUFMT__FS_PERM];
	out->devid = (uint32_t)s[IOMMUFMT__FS_DEVID];
	out->pasid = (uint32_t)s[IOMMUFMT__FS_PASID];
	out->grpid = (uint32_t)s[IOMMUFMT__FS_GRPID];
	out->addr = s[IOMMUFMT__FS_ADDR];
	out->addr2 = s[IOMMUFMT__FS_ADDR2];
	out->native.model = f->model;
	out->native.len = f->size;
	memcpy(out->native.desc, buf, f->size);
	if (f->fix) {
		err = f->fix(f, r, w, s, out, diag);
		if (err)
			return err;
	}
	/* a value the record marks invalid is not part of it (the hardware may leave bits there) */
	if (!(out->flags & IOMMUFMT_FAULT_F_PASID_VALID))
		out->pasid = 0;
	if (!(out->flags & IOMMUFMT_FAULT_F_ADDR_VALID))
		out->addr = 0;
	if (!(out->flags & IOMMUFMT_FAULT_F_ADDR2_VALID))
		out->addr2 = 0;
	return 0;
}

static const char *const slot_names[IOMMUFMT__FS_NR] = {
	[IOMMUFMT__FS_DEVID] = "devid", [IOMMUFMT__FS_PASID] = "pasid",
	[IOMMUFMT__FS_GRPID] = "grpid", [IOMMUFMT__FS_ADDR] = "addr",
	[IOMMUFMT__FS_ADDR2] = "addr2", [IOMMUFMT__FS_FLAGS] = "flags",
	[IOMMUFMT__FS_PERM] = "perm", [IOMMUFMT__FS_X] = "model bits",
};

/* The row an encode uses: the record's own code when it is one of ours, else the pick's. */
static const struct iommufmt__frec_row *enc_row(const struct iommufmt__frec_fmt *f,
						const struct iommufmt_fault *in, int *err,
						struct iommufmt_diag *diag)
{
	const struct iommufmt__frec_row *r;
	int code;

	if (in->record == f->record && in->native.model == f->model) {
		r = frec_row(f, in->code);
		if (!r)
			*err = frec_unknown(f, in->code, diag);
		return r;
	}
	if (!f->pick) {
		*err = iommufmt__diag(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, "record",
				      "%s: only records of this type re-encode", f->name);
		return NULL;
	}
	code = f->pick(f, in, diag);
	if (code < 0) {
		*err = code;
		return NULL;
	}
	r = frec_row(f, (uint64_t)code);
	if (!r)
		*err = frec_unknown(f, (uint64_t)code, diag);
	return r;
}

/*
 * Bits of slot value @v that no field carried. Addresses are page-granular
 * in most records: their bits below the lowest carried bit are dropped, and
 * addr2 may be dropped whole (lib/fault_table.h).
 */
static uint64_t enc_lost(unsigned int slot, uint64_t v, uint64_t covered)
{
	if (slot == IOMMUFMT__FS_ADDR2 && !covered)
		return 0;
	if ((slot == IOMMUFMT__FS_ADDR || slot == IOMMUFMT__FS_ADDR2) && covered)
		v &= ~(((uint64_t)1 << __builtin_ctzll(covered)) - 1);
	return v & ~covered;
}

/* Public contract in lib/fault_table.h. Every check precedes the store: a refusal writes nothing. */
int iommufmt__frec_encode(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			  void *buf, struct iommufmt_diag *diag)
{
	/* the flags a record can carry as bits; the *_VALID and LEVEL ones are implied by the row */
	const uint32_t field_flags = IOMMUFMT_FAULT_F_PASID_VALID | IOMMUFMT_FAULT_F_LAST_PAGE |
				     IOMMUFMT_FAULT_F_PRIV_DATA | IOMMUFMT_FAULT_F_NEEDS_PASID |
				     IOMMUFMT_FAULT_F_STALLED;
	uint64_t w[4] = { 0, 0, 0, 0 }, s[IOMMUFMT__FS_SLOTS], covered[IOMMUFMT__FS_SLOTS];
	const struct iommufmt__frec_row *r;
	uint8_t *b = buf;
	int err = iommufmt__frec_ready(f, diag);

	if (err)
		return err;
	r = enc_row(f, in, &err, diag);
	if (!r)
		return err;
	memset(s, 0, sizeof(s));
	memset(covered, 0, sizeof(covered));
	s[IOMMUFMT__FS_DEVID] = in->devid;
	s[IOMMUFMT__FS_PASID] = in->flags & IOMMUFMT_FAULT_F_PASID_VALID ? in->pasid : 0;
	s[IOMMUFMT__FS_GRPID] = in->grpid;
	s[IOMMUFMT__FS_ADDR] = in->flags & IOMMUFMT_FAULT_F_ADDR_VALID ? in->addr : 0;
	s[IOMMUFMT__FS_ADDR2] = in->flags & IOMMUFMT_FAULT_F_ADDR2_VALID ? in->addr2 : 0;
	s[IOMMUFMT__FS_FLAGS] = (in->flags & field_flags) & ~r->flags;
	s[IOMMUFMT__FS_PERM] = in->perm;
	if (f->unfix) {
		err = f->unfix(f, r, in, s, diag);
		if (err)
			return err;
	}
	if (f->code.width)
		iommufmt__bits_put(&f->code, w, r->code);
	for (unsigned int i = 0; i < r->nfields; i++) {
		const struct iommufmt__frec_field *fl = &r->fields[i];
		uint64_t m;

		if (fl->slot == IOMMUFMT__FS_NONE)
			continue;	/* ignored fields encode as zero */
		m = iommufmt__bits_low(fl->bits.width);
		covered[fl->slot] |= m << fl->at;
		iommufmt__bits_put(&fl->bits, w, (s[fl->slot] >> fl->at) & m);
	}
	for (unsigned int k = 0; k < IOMMUFMT__FS_NR; k++) {
		uint64_t lost = enc_lost(k, s[k], covered[k]);

		if (lost)
			return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, slot_names[k],
						 IOMMUFMT__DV_VALUE, s[k], 0, 0,
						 "%s %s has no room for %s 0x%llx", f->name, r->name,
						 slot_names[k], (unsigned long long)lost);
	}
	for (unsigned int i = 0; i < f->size / 8; i++) {
		if (f->big_endian)
			iommufmt__put_be64(b + 8 * i, w[i]);
		else
			iommufmt__put_le64(b + 8 * i, w[i]);
	}
	iommufmt__diag_ok(diag);
	return 0;
}

/* Public contract in lib/fault_table.h. */
const struct iommufmt__frec_fmt *iommufmt__frec_find(const struct iommufmt__frec_fmt *const *fmts,
						     size_t n, uint32_t record)
{
	for (size_t i = 0; i < n; i++)
		if (fmts[i]->record == record)
			return fmts[i];
	return NULL;
}

/* Public contract in lib/fault_table.h. */
bool iommufmt__frec_own(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in)
{
	return in->record == f->record && in->native.model == f->model && in->native.len == f->size;
}

/* The words of @in's native bytes in @f's byte order (zeros unless it is @f's own). */
static void native_words(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			 uint64_t w[4])
{
	memset(w, 0, 4 * sizeof(*w));
	if (iommufmt__frec_own(f, in))
		frec_load(f, in->native.desc, w);
}

/* Public contract in lib/fault_table.h. */
uint64_t iommufmt__frec_native_slot(const struct iommufmt__frec_fmt *f,
				    const struct iommufmt__frec_row *r,
				    const struct iommufmt_fault *in, unsigned int slot)
{
	uint64_t w[4], v = 0;

	native_words(f, in, w);
	for (unsigned int i = 0; i < r->nfields; i++)
		if (r->fields[i].slot == slot)
			v |= iommufmt__bits_get(&r->fields[i].bits, w) << r->fields[i].at;
	return v;
}

/* Public contract in lib/fault_table.h. */
uint64_t iommufmt__frec_native_bits(const struct iommufmt__frec_fmt *f,
				    const struct iommufmt_fault *in, const struct iommufmt__bits *b)
{
	uint64_t w[4];

	native_words(f, in, w);
	return iommufmt__bits_get(b, w);
}

/* Public contract in lib/fault_table.h. */
uint64_t iommufmt__frec_slot_mask(const struct iommufmt__frec_row *r, unsigned int slot)
{
	uint64_t m = 0;

	for (unsigned int i = 0; i < r->nfields; i++)
		if (r->fields[i].slot == slot)
			m |= iommufmt__bits_low(r->fields[i].bits.width) << r->fields[i].at;
	return m;
}

/* Public contract in lib/fault_table.h. */
int iommufmt__frec_cannot(struct iommufmt_diag *diag, const struct iommufmt__frec_fmt *f,
			  const char *field, uint64_t value, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, field, IOMMUFMT__DV_VALUE,
				 value, 0, 0, "%s: %s", f->name, why);
}

/* Public contract in lib/fault_table.h. */
int iommufmt__frec_bad(struct iommufmt_diag *diag, const struct iommufmt__frec_fmt *f,
		       const char *field, uint64_t value, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_BAD_ENCODING, field, IOMMUFMT__DV_VALUE,
				 value, 0, 0, "%s: %s", f->name, why);
}
