/* SPDX-License-Identifier: MIT */
/* Helpers of the models' fault record tables (formats/<model>/fault.c): one-bit R/W, refusals. */
#ifndef IOMMUFMT_FORMATS_FREC_H
#define IOMMUFMT_FORMATS_FREC_H

#include "formats/formats.h"
#include "lib/fault_table.h"

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
