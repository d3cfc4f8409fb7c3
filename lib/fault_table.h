/* SPDX-License-Identifier: MIT */
/* Private table-driven engine for native fault and page-request records: select, check, extract, pack. */
#ifndef IOMMUFMT_LIB_FAULT_TABLE_H
#define IOMMUFMT_LIB_FAULT_TABLE_H

#include <stdatomic.h>

#include "lib/fields.h"
#include "lib/internal.h"

/*
 * A model describes each native record type (SMMU event queue, VT-d fault
 * recording register, AMD PPR log, ...) as one table: where the code that
 * selects a row lives (the event id, the fault reason, the PEC), and per
 * code one row naming the generic meaning (kind, reason, stage, constant
 * flags) and the record's fields, each a bit range of one 64-bit word
 * (lib/fields.h, the specifications' word/hi:lo notation) feeding a generic
 * slot. A bit is reserved in a row unless the code or one of the row's
 * fields covers it, so bits a record ignores are listed as ignored fields,
 * and the masks are derived from the rows once (iommufmt__frec_ready()).
 * Decoding is load, code lookup, one AND per word against the row's
 * reserved masks, the fields into slots, the slots into the generic record,
 * and then the model's fix callback for rules a table cannot say (SMMU RnW
 * into read-or-write, S2 into the stage). Encoding is the same fields
 * packed back, after the model's unfix callback, and a row chosen by the
 * record's native code or, for a record that has none (walker and iommufd
 * records), by the model's pick callback.
 */

/* Generic slots a field feeds. */
enum {
	IOMMUFMT__FS_DEVID,	/* fault.devid */
	IOMMUFMT__FS_PASID,	/* fault.pasid */
	IOMMUFMT__FS_GRPID,	/* fault.grpid (PRG index, stall tag) */
	IOMMUFMT__FS_ADDR,	/* fault.addr, bits placed at @at (a page address field at 12) */
	IOMMUFMT__FS_ADDR2,	/* fault.addr2 (IPA, fetch address), bits placed at @at */
	IOMMUFMT__FS_FLAGS,	/* one-bit fields ORed into fault.flags at bit @at */
	IOMMUFMT__FS_PERM,	/* one-bit fields ORed into fault.perm at bit @at */
	IOMMUFMT__FS_X,		/* model scratch bits at @at, read by fix / written by unfix */
	IOMMUFMT__FS_NR,
	IOMMUFMT__FS_NONE = IOMMUFMT__FS_NR	/* an ignored field: any value, not decoded, encoded 0 */
};

/* Slot arrays are IOMMUFMT__FS_SLOTS long (the IOMMUFMT__FS_NONE sink included). */
#define IOMMUFMT__FS_SLOTS (IOMMUFMT__FS_NR + 1)

struct iommufmt__frec_field {
	const char *name;		/* for diagnostics, e.g. "ssid" */
	struct iommufmt__bits bits;	/* where the field is */
	uint8_t slot;			/* IOMMUFMT__FS_* */
	uint8_t at;			/* bit position of the field within the slot value */
};

struct iommufmt__frec_row {
	const char *name;	/* e.g. "F_TRANSLATION" */
	uint16_t code;		/* the value of the format's code field that selects this row */
	uint8_t kind;		/* IOMMUFMT_FAULT_KIND_* */
	uint8_t reason;		/* IOMMUFMT_FAULT_* */
	uint8_t stage;		/* 0, 1 or 2 (fix may change it, e.g. from an S2 bit) */
	uint8_t fix;		/* model fix code passed to fix/unfix; 0 = none */
	uint32_t flags;		/* IOMMUFMT_FAULT_F_* always set (e.g. ADDR_VALID) */
	uint16_t nfields;
	const struct iommufmt__frec_field *fields;
};

struct iommufmt__frec_fmt {
	const char *name;		/* e.g. "SMMUv3 event queue entry", for diagnostics */
	uint32_t model;			/* IOMMUFMT_MODEL_* */
	uint8_t record;			/* IOMMUFMT_FREC_EVENT / PAGE_REQ / FAULT_REG */
	uint8_t size;			/* bytes per record: 16, 24 or 32 */
	uint8_t big_endian;		/* words in big-endian order (s390) */
	struct iommufmt__bits code;	/* the row selector; width 0: no code, one row */
	uint16_t nrows;
	const struct iommufmt__frec_row *rows;
	/*
	 * Optional. Decode: after the generic record @out has been filled
	 * from the row and the slots @s, apply the model's rules (scratch
	 * bits in s[IOMMUFMT__FS_X]; @w are the record's words). 0 or a
	 * negative errno with @diag filled.
	 */
	int (*fix)(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		   const uint64_t *w, const uint64_t *s, struct iommufmt_fault *out,
		   struct iommufmt_diag *diag);
	/*
	 * Optional. Encode: the inverse of fix, before the slots are packed:
	 * adjust @s (already filled from @in) and set scratch bits. 0, or
	 * -EOPNOTSUPP with @diag naming what the record cannot express.
	 */
	int (*unfix)(const struct iommufmt__frec_fmt *f, const struct iommufmt__frec_row *row,
		     const struct iommufmt_fault *in, uint64_t *s, struct iommufmt_diag *diag);
	/*
	 * Optional. Encode a record that has no native code of this format
	 * (walker or iommufd records, another model's): the code of the row
	 * that says the same, or -EOPNOTSUPP with @diag naming why none does.
	 * Without it only records with this format's own codes encode.
	 */
	int (*pick)(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
		    struct iommufmt_diag *diag);
	/* Derived reserved masks, model-owned storage (IOMMUFMT__FREC_RSV_STORAGE). */
	uint64_t (*rsv)[4];
	atomic_bool *rsv_ready;
};

/* The derived reserved-mask storage of a record table @rows, named after @prefix. */
#define IOMMUFMT__FREC_RSV_STORAGE(prefix, tbl) \
	static uint64_t prefix##_rsv[ARRAY_SIZE(tbl)][4]; \
	static atomic_bool prefix##_rsv_ready
/* The iommufmt__frec_fmt members naming the rows @tbl and that storage. */
#define IOMMUFMT__FREC_TABLE(prefix, tbl) \
	.nrows = ARRAY_SIZE(tbl), .rows = (tbl), .rsv = prefix##_rsv, .rsv_ready = &prefix##_rsv_ready

/*
 * Table-writing shorthands, every field at bits @hi:@lo of word @w as the
 * specifications write it: a field feeding bit @at of a slot, a one-bit
 * flag (IOMMUFMT_FAULT_F_*) or permission (IOMMUFMT_ACCESS_*) field, and an
 * ignored field.
 */
#define IOMMUFMT__FREC_FLD(n, w, hi, lo, slot, at) \
	{ (n), IOMMUFMT__BITS(w, hi, lo), IOMMUFMT__FS_##slot, (at) }
#define IOMMUFMT__FREC_FLAG(n, w, bit, flag) \
	{ (n), IOMMUFMT__BITS(w, bit, bit), IOMMUFMT__FS_FLAGS, IOMMUFMT__FREC_BITNO(flag) }
#define IOMMUFMT__FREC_PERM(n, w, bit, perm) \
	{ (n), IOMMUFMT__BITS(w, bit, bit), IOMMUFMT__FS_PERM, IOMMUFMT__FREC_BITNO(perm) }
#define IOMMUFMT__FREC_IGNORED(n, w, hi, lo) \
	{ (n), IOMMUFMT__BITS(w, hi, lo), IOMMUFMT__FS_NONE, 0 }

/* Bit number of a one-bit constant below 2^16. */
#define IOMMUFMT__FREC_BITNO(x) \
	((x) >> 8 ? ((x) >> 12 ? ((x) >> 14 ? ((x) >> 15 ? 15 : 14) : ((x) >> 13 ? 13 : 12)) : \
		     ((x) >> 10 ? ((x) >> 11 ? 11 : 10) : ((x) >> 9 ? 9 : 8))) : \
	 ((x) >> 4 ? ((x) >> 6 ? ((x) >> 7 ? 7 : 6) : ((x) >> 5 ? 5 : 4)) : \
		     ((x) >> 2 ? ((x) >> 3 ? 3 : 2) : ((x) >> 1 ? 1 : 0))))

/*
 * Derive the reserved masks of @f unless done: thread-safe, cheap after the
 * first call. 0, or -EINVAL / BAD_OPS when a field overlaps the code or
 * another field of its row, or lies past the record (a table bug).
 */
int iommufmt__frec_ready(const struct iommufmt__frec_fmt *f, struct iommufmt_diag *diag);

/*
 * Decode the record at @buf (f->size bytes) into @out (the library's full
 * struct; the engine zeroes it and sets argsz): -EOPNOTSUPP for an unknown
 * code (FAULT_UNKNOWN_CODE) or a reserved bit (FAULT_RESERVED, index = the
 * bit), or the fix callback's error. The native bytes are kept in
 * out->native. The result passes iommufmt_fault_check().
 */
int iommufmt__frec_decode(const struct iommufmt__frec_fmt *f, const void *buf,
			  struct iommufmt_fault *out, struct iommufmt_diag *diag);

/*
 * Encode @in (already checked) into @buf (f->size bytes, written only on
 * success): the row of in->code when @in is a record of this format,
 * else the pick callback's. Every generic value must fit a field of the
 * row: devid, pasid (with PASID_VALID), grpid, addr (with ADDR_VALID), the
 * permission bits and the flags a row carries as fields; a value no field
 * carries is -EOPNOTSUPP FAULT_CANNOT_ENCODE naming it. addr2 and the level
 * are dropped when the row has no field for them (the native record never
 * carried them). Returns 0 or a negative errno.
 */
int iommufmt__frec_encode(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in,
			  void *buf, struct iommufmt_diag *diag);

/*
 * Re-encoding a record decoded from this format: bits with no generic
 * member (an SMMU Reason, the AMD DomainID, the VT-d address type, the
 * s390 function handle) live only in its native bytes, and an unfix reads
 * them back from there with these. Whether @in is such a record:
 */
bool iommufmt__frec_own(const struct iommufmt__frec_fmt *f, const struct iommufmt_fault *in);
/* The value row @r's fields of @slot hold in @in's native bytes; 0 unless iommufmt__frec_own(). */
uint64_t iommufmt__frec_native_slot(const struct iommufmt__frec_fmt *f,
				    const struct iommufmt__frec_row *r,
				    const struct iommufmt_fault *in, unsigned int slot);
/* The bits @b of @in's native bytes; 0 unless iommufmt__frec_own(). */
uint64_t iommufmt__frec_native_bits(const struct iommufmt__frec_fmt *f,
				    const struct iommufmt_fault *in, const struct iommufmt__bits *b);
/* The bits row @r's fields of @slot cover, in slot numbering. */
uint64_t iommufmt__frec_slot_mask(const struct iommufmt__frec_row *r, unsigned int slot);

/*
 * The models' refusals, named after @f: -EOPNOTSUPP FAULT_CANNOT_ENCODE (the
 * record cannot say @value of @field: pick and unfix) and -EOPNOTSUPP
 * FAULT_BAD_ENCODING (a decoded field holds an encoding the architecture
 * reserves or forbids: fix).
 */
int iommufmt__frec_cannot(struct iommufmt_diag *diag, const struct iommufmt__frec_fmt *f,
			  const char *field, uint64_t value, const char *why);
int iommufmt__frec_bad(struct iommufmt_diag *diag, const struct iommufmt__frec_fmt *f,
		       const char *field, uint64_t value, const char *why);

/*
 * A record whose one access bit says "write" (AMD RW, s390 rw) reads as
 * WRITE when set and READ when clear. Encoding moves that permission from
 * the perm slot into scratch bit @bit; a READ with WRITE stays in the perm
 * slot, so the engine refuses it (FAULT_CANNOT_ENCODE "perm"): the record
 * names one of them.
 */
static inline void iommufmt__frec_rw_decode(uint64_t x, unsigned int bit, struct iommufmt_fault *out)
{
	out->perm |= (x >> bit) & 1 ? IOMMUFMT_ACCESS_WRITE : IOMMUFMT_ACCESS_READ;
}

static inline void iommufmt__frec_rw_encode(uint64_t *s, unsigned int bit)
{
	if (s[IOMMUFMT__FS_PERM] & IOMMUFMT_ACCESS_WRITE) {
		s[IOMMUFMT__FS_X] |= UINT64_C(1) << bit;
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_WRITE;
	} else {
		s[IOMMUFMT__FS_PERM] &= ~(uint64_t)IOMMUFMT_ACCESS_READ;
	}
}

/*
 * A model's fault ops over its tables (for struct iommufmt_fault_ops): the
 * table of @record among @fmts, or NULL.
 */
const struct iommufmt__frec_fmt *iommufmt__frec_find(const struct iommufmt__frec_fmt *const *fmts,
						     size_t n, uint32_t record);

/*
 * The three struct iommufmt_fault_ops members of a model whose record
 * tables are the array @fmts (of ARRAY_SIZE(fmts) pointers), with @prefix
 * naming the generated static functions.
 */
#define IOMMUFMT__FAULT_OPS(prefix, fmts)						\
	static __u32 prefix##_record_size(__u32 record)					\
	{										\
		const struct iommufmt__frec_fmt *f =					\
			iommufmt__frec_find(fmts, ARRAY_SIZE(fmts), record);		\
		return f ? f->size : 0;							\
	}										\
	static int prefix##_decode(__u32 record, const void *buf, struct iommufmt_fault *out, \
				   struct iommufmt_diag *diag)				\
	{										\
		const struct iommufmt__frec_fmt *f =					\
			iommufmt__frec_find(fmts, ARRAY_SIZE(fmts), record);		\
		return f ? iommufmt__frec_decode(f, buf, out, diag) : -EOPNOTSUPP;	\
	}										\
	static int prefix##_encode(__u32 record, const struct iommufmt_fault *in, void *buf, \
				   struct iommufmt_diag *diag)				\
	{										\
		const struct iommufmt__frec_fmt *f =					\
			iommufmt__frec_find(fmts, ARRAY_SIZE(fmts), record);		\
		return f ? iommufmt__frec_encode(f, in, buf, diag) : -EOPNOTSUPP;	\
	}										\
	const struct iommufmt_fault_ops prefix##_fault_ops = {				\
		.ops_size = sizeof(struct iommufmt_fault_ops),				\
		.record_size = prefix##_record_size,					\
		.decode = prefix##_decode,						\
		.encode = prefix##_encode,						\
	}

#endif /* IOMMUFMT_LIB_FAULT_TABLE_H */
