/* SPDX-License-Identifier: MIT */
/* Helpers of the models' fault record tables (formats/<model>/fault.c): native bytes, R/W bits. */
#ifndef IOMMUFMT_FORMATS_FREC_H
#define IOMMUFMT_FORMATS_FREC_H

#include "formats/formats.h"
#include "lib/fault_table.h"

/*
 * The engine (lib/fault_table.h) hands unfix the generic record only. Bits
 * of a native record with no generic home (AMD I/TR flags, a DomainID, the
 * s390 function handle) survive a re-encode because a record decoded from
 * this format keeps its bytes in @c native: these helpers read them back.
 * Model-free, so they live here and not in a model's file.
 */

/* Whether @in was decoded from a record of @f (so its native bytes are @f's). */
static inline bool frec_own(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in)
{
	return in->record == f->record && in->native.model == f->model &&
	       in->native.len == f->size;
}

/* The bits row @r's fields of @slot cover, in slot numbering (a field at @at). */
static inline uint64_t frec_slot_mask(const struct iommufmt__frec_row *r, unsigned int slot)
{
	uint64_t m = 0;

	for (unsigned int i = 0; i < r->nfields; i++)
		if (r->fields[i].slot == slot)
			m |= iommufmt__bits_low(r->fields[i].bits.width) << r->fields[i].at;
	return m;
}

/* The value row @r's fields of @slot hold in @in's native bytes (frec_own() records only). */
static inline uint64_t frec_native_slot(const struct iommufmt__frec_fmt *f,
					const struct iommufmt__frec_row *r,
					const struct iommufmt_fault *in, unsigned int slot)
{
	const uint8_t *b = (const uint8_t *)in->native.desc;
	uint64_t w[4] = { 0, 0, 0, 0 }, v = 0;

	for (unsigned int i = 0; i < f->size / 8; i++)
		w[i] = f->big_endian ? iommufmt__be64(b + 8 * i) : iommufmt__le64(b + 8 * i);
	for (unsigned int i = 0; i < r->nfields; i++)
		if (r->fields[i].slot == slot)
			v |= iommufmt__bits_get(&r->fields[i].bits, w) << r->fields[i].at;
	return v;
}

/*
 * A record whose one access bit says "write" (AMD RW, s390 rw) reads as
 * WRITE when set and READ when clear. Encoding moves that permission from
 * the perm slot into scratch bit @x; a READ with WRITE stays in the perm
 * slot, so the engine refuses it (FAULT_CANNOT_ENCODE "perm"): the record
 * names one of them.
 */
static inline void frec_rw_decode(uint64_t x, unsigned int bit, struct iommufmt_fault *out)
{
	out->perm |= (x >> bit) & 1 ? IOMMUFMT_ACCESS_WRITE : IOMMUFMT_ACCESS_READ;
}

static inline void frec_rw_encode(uint64_t *s, unsigned int bit)
{
	if (s[IOMMUFMT__FS_PERM] & IOMMUFMT_ACCESS_WRITE) {
		s[IOMMUFMT__FS_X] |= UINT64_C(1) << bit;
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_WRITE;
	} else {
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_READ;
	}
}

/* -EOPNOTSUPP FAULT_CANNOT_ENCODE on @field with a one-line reason (pick and unfix refusals). */
static inline int frec_cannot(struct iommufmt_diag *diag, const struct iommufmt__frec_fmt *f,
			      const char *field, uint64_t value, const char *why)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, field,
				 IOMMUFMT__DV_VALUE, value, 0, 0, "%s: %s", f->name, why);
}

#endif /* IOMMUFMT_FORMATS_FREC_H */
