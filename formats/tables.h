/* SPDX-License-Identifier: MIT */
/* Table-writing shorthands of the models' bind field tables and invalidation command tables (formats/<model>/ only). */
#ifndef IOMMUFMT_FORMATS_TABLES_H
#define IOMMUFMT_FORMATS_TABLES_H

#include "formats/formats.h"
#include "lib/bind_internal.h"
#include "lib/inval_table.h"

/*
 * Every field below is written (word, hi, lo), the bit numbering of the
 * specifications (lib/fields.h). Prefixes: BIND_ for the bind field
 * checker, INV_ for invalidation command tables.
 */

/* ---- bind field tables (lib/bind_internal.h): a row and the kinds of rows ---- */
#define BIND_FIELD	IOMMUFMT__FC		/* (name, word, hi, lo, kind, arg, legal, what) */
#define BIND_ANY	IOMMUFMT__FC_ANY	/* guest-owned, any (legal) value */
#define BIND_IGNORED	IOMMUFMT__FC_IGNORED	/* host-owned, the guest's value is ignored */
#define BIND_RSVD	IOMMUFMT__FC_RSVD	/* reserved, must be zero */
#define BIND_HOSTMAX	IOMMUFMT__FC_HOSTMAX	/* at most host[arg] */
#define BIND_HOSTMIN	IOMMUFMT__FC_HOSTMIN	/* at least host[arg] */
#define BIND_HOSTSET	IOMMUFMT__FC_HOSTSET	/* a value in the host's bitmap host[arg] */
#define BIND_NEEDS	IOMMUFMT__FC_NEEDS	/* non-zero needs the host feature host[arg] */
#define BIND_EQ		IOMMUFMT__FC_EQ		/* equals the header's ctx[arg] */
#define BIND_NOTSUP	IOMMUFMT__FC_NOTSUP	/* non-zero cannot be nested */

/* ---- invalidation command tables (lib/inval_table.h) ---- */
/* A field feeding slot @slot at bit @at; the same needing configuration features @need. */
#define INV_FIELD(n, w, hi, lo, slot, at)		IOMMUFMT__FLD(n, w, hi, lo, slot, at, 0)
#define INV_FIELD_NEEDS(n, w, hi, lo, slot, at, need)	IOMMUFMT__FLD(n, w, hi, lo, slot, at, need)
/* A one-bit field that sets entry flag @flag; the same needing @need. */
#define INV_FLAG(n, w, bit, flag)			IOMMUFMT__FLAG(n, w, bit, flag, 0)
#define INV_FLAG_NEEDS(n, w, bit, flag, need)		IOMMUFMT__FLAG(n, w, bit, flag, need)
/* A field that must be zero (not a reserved bit: it has a name of its own in diagnostics). */
#define INV_MBZ(n, w, hi, lo)				IOMMUFMT__MBZ(n, w, hi, lo)
/* Bits the command ignores: legal at any value, so not part of its reserved mask. */
#define INV_IGNORED(n, w, hi, lo)			IOMMUFMT__IGNORED(n, w, hi, lo)
#define INV_FIELDS(a)	.nfields = ARRAY_SIZE(a), .fields = (a)
#define INV_OP1(row)	IOMMUFMT__OP1(row)
#define INV_OP_UNIMPL(n)	IOMMUFMT__OP_UNIMPL(n)
#define INV_OP_NEEDS(n, why)	IOMMUFMT__OP_NEEDS(n, why)
#define INV_OP_INVAL	IOMMUFMT_INV_OP_INVALIDATE
#define INV_BY_SEL	IOMMUFMT__IRF_SEL	/* row chosen by its opcode's selector */
#define INV_NORM_ALL	IOMMUFMT__IRF_NORM	/* a range of everything decodes as a scope */
#define INV_C_IOTLB	IOMMUFMT_INV_CACHE_IOTLB
#define INV_F_ARCHID	IOMMUFMT_INV_F_ARCHID
#define INV_F_PASID	IOMMUFMT_INV_F_PASID
#define INV_F_SID	IOMMUFMT_INV_F_SID
#define INV_F_VMID	IOMMUFMT_INV_F_VMID

/* Each model's command table, for the table tests (tests/test-inval-models.c). */
extern const struct iommufmt__inv_fmt *const iommufmt__intel_inv_fmt;
extern const struct iommufmt__inv_fmt *const iommufmt__amd_inv_fmt;
extern const struct iommufmt__inv_fmt *const iommufmt__smmuv3_inv_fmt;
extern const struct iommufmt__inv_fmt *const iommufmt__s390_inv_fmt;

#endif /* IOMMUFMT_FORMATS_TABLES_H */
