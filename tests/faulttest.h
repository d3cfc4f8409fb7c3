/* SPDX-License-Identifier: MIT */
/* Checks shared by the native fault-record tests: round trips, hostile records, walker faults. */
#ifndef IOMMUFMT_TESTS_FAULTTEST_H
#define IOMMUFMT_TESTS_FAULTTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <iommufmt/iommufmt.h>

/* A native record under test: its model, record type, size and word byte order. */
struct ft_fmt {
	uint32_t model, record;
	size_t size;
	bool big_endian;
};

/* OR @v into 64-bit word @word of @rec in the format's byte order (the test's own bit writer). */
void ft_or64(const struct ft_fmt *t, uint8_t *rec, unsigned int word, uint64_t v);

/*
 * Decode @rec: it must succeed, consume the record, keep its bytes in
 * @c native and pass iommufmt_fault_check(); the result is in @out. Then
 * iommufmt_fault_encode() of @out to the same model and record must give
 * back exactly @rec.
 */
void ft_roundtrip(const struct ft_fmt *t, const uint8_t *rec, struct iommufmt_fault *out);

/* Decode must fail with @err and diag @code (d.index == @index when >= 0), output untouched. */
void ft_decode_fails(const struct ft_fmt *t, const uint8_t *rec, size_t len, int err,
		     uint32_t code, int index);

/*
 * @rec is a good record; every bit outside @defined (one mask per 64-bit
 * word, the bits the fact sheet defines for its code) is set alone and
 * must be refused as FAULT_RESERVED naming that bit (word * 64 + bit).
 */
void ft_reserved_sweep(const struct ft_fmt *t, const uint8_t *rec, const uint64_t *defined);

/*
 * The VMM emulating a vIOMMU: a walker fault (@reason, @stage, @access, at
 * @iova, table address @fault_addr) made a record by
 * iommufmt_fault_from_xlate(), given @devid and, when @pasid >= 0, that
 * PASID, then encoded as @t. Returns the encode's result (diag in @d); on
 * success @buf holds the record and @back its decode.
 */
int ft_walk(const struct ft_fmt *t, uint32_t reason, uint32_t stage, uint32_t access,
	    uint64_t iova, uint64_t fault_addr, uint32_t devid, int32_t pasid, uint8_t *buf,
	    struct iommufmt_fault *back, struct iommufmt_diag *d);

#endif /* IOMMUFMT_TESTS_FAULTTEST_H */
