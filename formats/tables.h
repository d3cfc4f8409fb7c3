/* SPDX-License-Identifier: MIT */
/* Table-writing shorthands of the models' bind field tables and invalidation command tables (formats/<model>/ only). */
#ifndef IOMMUFMT_FORMATS_TABLES_H
#define IOMMUFMT_FORMATS_TABLES_H

#include "formats/formats.h"
#include "lib/bind_internal.h"
#include "lib/inval_table.h"

/* ---- bind field tables (lib/bind_internal.h): a row and the kinds of rows ---- */
#define FC	IOMMUFMT__FC
#define ANY	IOMMUFMT__FC_ANY
#define IGN	IOMMUFMT__FC_IGNORED
#define RSVD	IOMMUFMT__FC_RSVD
#define HMAX	IOMMUFMT__FC_HOSTMAX
#define HMIN	IOMMUFMT__FC_HOSTMIN
#define HSET	IOMMUFMT__FC_HOSTSET
#define NEEDS	IOMMUFMT__FC_NEEDS
#define EQ	IOMMUFMT__FC_EQ
#define NOTSUP	IOMMUFMT__FC_NOTSUP

/* ---- invalidation command tables (lib/inval_table.h) ---- */
#define ALL	UINT64_C(0xffffffffffffffff)	/* a reserved word */
#define F(n, w, lo, wd, slot, at)		IOMMUFMT__FLD(n, w, lo, wd, slot, at, 0)
#define FN(n, w, lo, wd, slot, at, need)	IOMMUFMT__FLD(n, w, lo, wd, slot, at, need)
#define FL(n, w, bit, flag)			IOMMUFMT__FLAG(n, w, bit, flag, 0)
#define FLN(n, w, bit, flag, need)		IOMMUFMT__FLAG(n, w, bit, flag, need)
#define FIELDS(a)	.nfields = ARRAY_SIZE(a), .fields = (a)
#define OP1(row)	IOMMUFMT__OP1(row)
#define OP_UNIMPL(n)	IOMMUFMT__OP_UNIMPL(n)
#define INV	IOMMUFMT_INV_OP_INVALIDATE
#define SEL	IOMMUFMT__IRF_SEL
#define NORM	IOMMUFMT__IRF_NORM
#define C_IOTLB	IOMMUFMT_INV_CACHE_IOTLB
#define FA	IOMMUFMT_INV_F_ARCHID
#define FP	IOMMUFMT_INV_F_PASID
#define FS	IOMMUFMT_INV_F_SID
#define FV	IOMMUFMT_INV_F_VMID

#endif /* IOMMUFMT_FORMATS_TABLES_H */
