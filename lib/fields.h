/* SPDX-License-Identifier: MIT */
/* Private bit-field descriptor shared by the bind field checker and the invalidation command tables. */
#ifndef IOMMUFMT_LIB_FIELDS_H
#define IOMMUFMT_LIB_FIELDS_H

#include <stdint.h>

/*
 * One hardware field: bits hi:lo of 64-bit word @word of a native record,
 * written as the specifications write them (VT-d "127:64" is word 1, 63:0).
 * Stored as (lo, width) because that is what extraction needs; tables name
 * fields only through IOMMUFMT__BITS(), so (hi, lo) is the one notation a
 * reader checks against the manuals. Bind rows (lib/bind_internal.h) and
 * command fields (lib/inval_table.h) both embed it and go through the
 * helpers below: one way to read, write and bound a field.
 */
struct iommufmt__bits {
	uint8_t word;	/* 64-bit word index */
	uint8_t lo;	/* lowest bit */
	uint8_t width;	/* bits, 1..64 */
};

/* The field of bits @hi:@lo of word @w (a constant initializer; hi >= lo). */
#define IOMMUFMT__BITS(w, hi, lo) { (w), (lo), (hi) - (lo) + 1 }

/* The low @width bits set, for 1 <= width <= 64 (no undefined shift by 64). */
static inline uint64_t iommufmt__bits_low(unsigned int width)
{
	return ~UINT64_C(0) >> (64 - width);
}

/* The field's bits in place within its word. */
static inline uint64_t iommufmt__bits_mask(const struct iommufmt__bits *b)
{
	return iommufmt__bits_low(b->width) << b->lo;
}

/* The field's value in the words @w. */
static inline uint64_t iommufmt__bits_get(const struct iommufmt__bits *b, const uint64_t *w)
{
	return (w[b->word] >> b->lo) & iommufmt__bits_low(b->width);
}

/*
 * OR the low bits of @v that fit the field into the words @w. Whether a
 * value was too wide is the caller's check: the encoder checks whole slot
 * values against all the fields that carry them (split fields).
 */
static inline void iommufmt__bits_put(const struct iommufmt__bits *b, uint64_t *w, uint64_t v)
{
	w[b->word] |= (v & iommufmt__bits_low(b->width)) << b->lo;
}

/*
 * The reserved-bits check of both engines: the set bits of the first @nw
 * words @w that their must-be-zero masks @rsv forbid, ORed into one value
 * (0: none). One AND per word; callers that find bits name them cold.
 */
static inline __attribute__((always_inline)) uint64_t
iommufmt__bits_reserved(const uint64_t *w, const uint64_t *rsv, unsigned int nw)
{
	uint64_t bad = 0;

	for (unsigned int i = 0; i < nw; i++)
		bad |= w[i] & rsv[i];
	return bad;
}

#endif /* IOMMUFMT_LIB_FIELDS_H */
