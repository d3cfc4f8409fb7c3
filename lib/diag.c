/* SPDX-License-Identifier: MIT */
/* Diagnostics: reason-code names and texts, filling struct iommufmt_diag. */
#include <stdio.h>

#include "lib/internal.h"

struct diag_desc {
	unsigned int code;
	const char *name;
	int err;		/* the errno iommufmt__diag() returns with this code */
	const char *text;
};

/*
 * One entry per IOMMUFMT_DIAG_* code, in code order (diag_lookup() indexes it by area).
 * The errno column is each code's default: what iommufmt__diag() and
 * iommufmt__diag_ex() return, so a call site names the reason only.  A site
 * whose errno differs says so with iommufmt__diag_err() / _err_ex().  Keep
 * abi.h's "Usually -E..." notes in step with this column.
 */
static const struct diag_desc diag_table[] = {
	{ IOMMUFMT_DIAG_OK, "OK", 0, "no problem" },
	/* core: struct copying */
	{ IOMMUFMT_DIAG_ARGSZ_SMALL, "ARGSZ_SMALL", -EINVAL, "argsz is below the struct's first defined size" },
	{ IOMMUFMT_DIAG_TAIL_NONZERO, "TAIL_NONZERO", -E2BIG, "bytes past the known struct are not zero" },
	{ IOMMUFMT_DIAG_UNKNOWN_FLAGS, "UNKNOWN_FLAGS", -EOPNOTSUPP, "unknown flag bits are set" },
	{ IOMMUFMT_DIAG_RESERVED_NONZERO, "RESERVED_NONZERO", -EOPNOTSUPP, "a reserved field or bit is not zero" },
	{ IOMMUFMT_DIAG_NULL_ARG, "NULL_ARG", -EINVAL, "a required pointer or length is missing" },
	{ IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER, "ARGSZ_OVER_BUFFER", -EINVAL, "argsz is larger than the buffer holding the struct" },
	{ IOMMUFMT_DIAG_OVERFLOW, "OVERFLOW", -EINVAL, "an address or length computation overflows" },
	{ IOMMUFMT_DIAG_MISALIGNED, "MISALIGNED", -EINVAL, "a value is not aligned as required" },
	{ IOMMUFMT_DIAG_BAD_VALUE, "BAD_VALUE", -EINVAL, "a field holds a value outside its defined range" },
	{ IOMMUFMT_DIAG_UNSUPPORTED, "UNSUPPORTED", -EOPNOTSUPP, "a field holds a value this host or model does not support" },
	{ IOMMUFMT_DIAG_EXCEEDS_HOST, "EXCEEDS_HOST", -EOPNOTSUPP, "a value exceeds what the host supports" },
	{ IOMMUFMT_DIAG_OUTPUT_SMALL, "OUTPUT_SMALL", -EMSGSIZE, "the output array is too small" },
	{ IOMMUFMT_DIAG_GUEST_FAULT, "GUEST_FAULT", -EFAULT, "guest memory could not be accessed" },
	{ IOMMUFMT_DIAG_BAD_COMBINATION, "BAD_COMBINATION", -EINVAL, "the combination of fields is not valid" },
	/* core: capability chains */
	{ IOMMUFMT_DIAG_CAP_BACKWARDS, "CAP_BACKWARDS", -EINVAL, "a capability points backwards or to itself (loop)" },
	{ IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS, "CAP_OUT_OF_BOUNDS", -EINVAL, "a capability lies outside the buffer or argsz" },
	{ IOMMUFMT_DIAG_CAP_MISALIGNED, "CAP_MISALIGNED", -EINVAL, "a capability is not 8-byte aligned" },
	{ IOMMUFMT_DIAG_CAP_OVERLAP, "CAP_OVERLAP", -EINVAL, "a capability runs into the next one" },
	{ IOMMUFMT_DIAG_CAP_TRUNCATED, "CAP_TRUNCATED", -EINVAL, "a capability is cut off by the end of the buffer" },
	{ IOMMUFMT_DIAG_CAP_IN_HEADER, "CAP_IN_HEADER", -EINVAL, "a capability points into the fixed info struct" },
	{ IOMMUFMT_DIAG_CAP_NOT_FOUND, "CAP_NOT_FOUND", -ENOENT, "no capability with that id" },
	{ IOMMUFMT_DIAG_CAP_VERSION, "CAP_VERSION", -EOPNOTSUPP, "the capability version is not understood" },
	/* core: registry */
	{ IOMMUFMT_DIAG_UNKNOWN_MODEL, "UNKNOWN_MODEL", -EOPNOTSUPP, "no such IOMMU model is registered" },
	{ IOMMUFMT_DIAG_UNKNOWN_PGTABLE, "UNKNOWN_PGTABLE", -EOPNOTSUPP, "no such page-table format is registered" },
	{ IOMMUFMT_DIAG_ALREADY_REGISTERED, "ALREADY_REGISTERED", -EEXIST, "that id or name is already registered" },
	{ IOMMUFMT_DIAG_REGISTRY_FULL, "REGISTRY_FULL", -ENOSPC, "the registry has no room left" },
	{ IOMMUFMT_DIAG_BAD_OPS, "BAD_OPS", -EINVAL, "the ops table is malformed" },
	{ IOMMUFMT_DIAG_NOT_IMPLEMENTED, "NOT_IMPLEMENTED", -EOPNOTSUPP, "the model does not implement this operation" },
	{ IOMMUFMT_DIAG_MODEL_MISMATCH, "MODEL_MISMATCH", -EOPNOTSUPP, "the data belongs to a different model" },
	/* DIAG-TABLE: page tables */
	{ IOMMUFMT_DIAG_PGTABLE_CFG, "PGTABLE_CFG", -EINVAL, "the page-table configuration is inconsistent" },
	{ IOMMUFMT_DIAG_PGTABLE_ROOT, "PGTABLE_ROOT", -EINVAL, "the root table address is misaligned or too large" },
	{ IOMMUFMT_DIAG_PGTABLE_ARENA_FULL, "PGTABLE_ARENA_FULL", -ENOSPC, "no room left in the table arena" },
	{ IOMMUFMT_DIAG_PGTABLE_EXISTS, "PGTABLE_EXISTS", -EEXIST, "the range overlaps an existing mapping" },
	/* DIAG-TABLE: binding and negotiation */
	{ IOMMUFMT_DIAG_BIND_RESERVED, "BIND_RESERVED", -EOPNOTSUPP, "a payload bit that must be zero is set" },
	{ IOMMUFMT_DIAG_BIND_ILLEGAL, "BIND_ILLEGAL", -EINVAL, "a payload field holds an illegal or reserved encoding" },
	{ IOMMUFMT_DIAG_BIND_UNSUPPORTED, "BIND_UNSUPPORTED", -EOPNOTSUPP, "a field asks for a feature the host cannot provide or nest" },
	{ IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, "BIND_EXCEEDS_HOST", -EOPNOTSUPP, "a value exceeds the host's limit" },
	{ IOMMUFMT_DIAG_BIND_MISALIGNED, "BIND_MISALIGNED", -EINVAL, "a table or root address is misaligned" },
	{ IOMMUFMT_DIAG_BIND_MISMATCH, "BIND_MISMATCH", -EINVAL, "the bind header and its native payload disagree" },
	{ IOMMUFMT_DIAG_BIND_DATA_TYPE, "BIND_DATA_TYPE", -EOPNOTSUPP, "the payload type is not one of this model's for this bind" },
	{ IOMMUFMT_DIAG_BIND_NO_PASID_TABLE, "BIND_NO_PASID_TABLE", -EOPNOTSUPP, "the model has no PASID table" },
	{ IOMMUFMT_DIAG_BIND_CONFIG, "BIND_CONFIG", -EOPNOTSUPP, "the model cannot express this translate/bypass/abort config" },
	{ IOMMUFMT_DIAG_BIND_PASID_RANGE, "BIND_PASID_RANGE", -EINVAL, "a PASID is outside the host's or table's PASID bits" },
	{ IOMMUFMT_DIAG_BIND_TABLE_ENTRY, "BIND_TABLE_ENTRY", -EIO, "a present entry of the guest's table is invalid" },
	{ IOMMUFMT_DIAG_BIND_NO_NESTING, "BIND_NO_NESTING", -EOPNOTSUPP, "the host cannot nest this kind of bind" },
	{ IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "BIND_NO_IOMMUFD", -EOPNOTSUPP, "iommufd has no data type for this bind" },
	{ IOMMUFMT_DIAG_UNBIND_RELEASE, "UNBIND_RELEASE", -EINVAL, "unbind release flags conflict or lack a PASID" },
	{ IOMMUFMT_DIAG_HOST_REGS, "HOST_REGS", -EINVAL, "the host registers are inconsistent" },
	{ IOMMUFMT_DIAG_HOST_DATA_TYPE, "HOST_DATA_TYPE", -EOPNOTSUPP, "the register type does not belong to the model" },
	{ IOMMUFMT_DIAG_NEG_FORMAT, "NEG_FORMAT", -EOPNOTSUPP, "a requested table format is not nestable on the host" },
	{ IOMMUFMT_DIAG_NEG_LIMIT, "NEG_LIMIT", -EOPNOTSUPP, "a requested width exceeds the host" },
	{ IOMMUFMT_DIAG_NEG_FEATURE, "NEG_FEATURE", -EOPNOTSUPP, "a requested feature is not available on the host" },
	{ IOMMUFMT_DIAG_NEG_PGSIZE, "NEG_PGSIZE", -EOPNOTSUPP, "requested page sizes or granules are not available" },
	/* DIAG-TABLE: invalidation */
	{ IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "INV_UNKNOWN_CMD", -EIO, "the native command opcode is reserved or unknown" },
	{ IOMMUFMT_DIAG_INV_RESERVED_BIT, "INV_RESERVED_BIT", -EIO, "a reserved bit of a native command is set" },
	{ IOMMUFMT_DIAG_INV_BAD_FIELD, "INV_BAD_FIELD", -EIO, "a native command field holds an illegal value" },
	{ IOMMUFMT_DIAG_INV_RESERVED_COMBO, "INV_RESERVED_COMBO", -EIO, "a reserved combination of native range fields" },
	{ IOMMUFMT_DIAG_INV_MISALIGNED, "INV_MISALIGNED", -EINVAL, "an invalidation address is not aligned as its size requires" },
	{ IOMMUFMT_DIAG_INV_RANGE_WRAP, "INV_RANGE_WRAP", -EINVAL, "an invalidation range wraps past 2^64" },
	{ IOMMUFMT_DIAG_INV_FEATURE, "INV_FEATURE", -EIO, "the command needs a feature the IOMMU does not have" },
	{ IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED, "INV_NOT_IMPLEMENTED", -EOPNOTSUPP, "a valid native command this library does not decode" },
	{ IOMMUFMT_DIAG_INV_BAD_CACHES, "INV_BAD_CACHES", -EOPNOTSUPP, "no cache or an unknown cache bit is selected" },
	{ IOMMUFMT_DIAG_INV_BAD_GRANULARITY, "INV_BAD_GRANULARITY", -EINVAL, "a selected cache does not support the granularity" },
	{ IOMMUFMT_DIAG_INV_MISSING_ID, "INV_MISSING_ID", -EINVAL, "the granularity needs an id that is not marked valid" },
	{ IOMMUFMT_DIAG_INV_CANNOT_ENCODE, "INV_CANNOT_ENCODE", -EOPNOTSUPP, "the target model cannot express the invalidation" },
	{ IOMMUFMT_DIAG_INV_QUEUE_INDEX, "INV_QUEUE_INDEX", -EINVAL, "a queue head or tail index lies outside the ring" },
	{ IOMMUFMT_DIAG_INV_QUEUE_FETCH, "INV_QUEUE_FETCH", -EFAULT, "a queue entry could not be read from guest memory" },
	{ IOMMUFMT_DIAG_INV_ENTRY_LEN, "INV_ENTRY_LEN", -EINVAL, "a batch entry_len or entry argsz is not acceptable" },
	{ IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL, "INV_NOT_FOR_KERNEL", -EOPNOTSUPP, "the kernel invalidation allow-list rejects the command" },
	{ IOMMUFMT_DIAG_INV_ID_RANGE, "INV_ID_RANGE", -EOPNOTSUPP, "an id is wider than the IOMMU supports" },
	/* DIAG-TABLE: IOVA space */
	{ IOMMUFMT_DIAG_IOVA_MAP_RESERVED, "IOVA_MAP_RESERVED", -EINVAL, "the map request overlaps a reserved region" },
	{ IOMMUFMT_DIAG_IOVA_MAP_APERTURE, "IOVA_MAP_APERTURE", -EINVAL, "the map request reaches outside the aperture" },
	{ IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "IOVA_ZERO_LENGTH", -EINVAL, "the length is zero" },
	{ IOMMUFMT_DIAG_IOVA_WRAP, "IOVA_WRAP", -EINVAL, "the address range wraps past 2^64-1" },
	{ IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT, "IOVA_ATTACH_CONFLICT", -EINVAL, "attaching the group conflicts with existing mappings" },
	{ IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, "IOVA_RANGE_INVERTED", -EINVAL, "a range starts after its last address" },
	{ IOMMUFMT_DIAG_IOVA_PGSIZE, "IOVA_PGSIZE", -EINVAL, "no page sizes, or not a multiple of the smallest page" },
	{ IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED, "IOVA_VFIO_TRUNCATED", -EMSGSIZE, "the VFIO reply buffer was too small for its capabilities" },
	{ IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "IOVA_VFIO_NO_RANGES", -ENOENT, "the VFIO reply has no IOVA-range capability" },
	{ IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "IOVA_PROP_OVERRUN", -EINVAL, "a PROBE property runs past the end of the properties" },
	{ IOMMUFMT_DIAG_IOVA_PROP_SHORT, "IOVA_PROP_SHORT", -EINVAL, "a PROBE property is shorter than its type requires" },
	{ IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, "IOVA_SYSFS_SYNTAX", -EINVAL, "a reserved_regions line is malformed" },
	{ IOMMUFMT_DIAG_IOVA_TOO_MANY, "IOVA_TOO_MANY", -EINVAL, "more ranges or regions than can be held" },
	{ IOMMUFMT_DIAG_IOVA_NO_ROOM, "IOVA_NO_ROOM", -ENOSPC, "guest RAM does not fit into the usable ranges" },
	{ IOMMUFMT_DIAG_IOVA_UNSORTED, "IOVA_UNSORTED", -EINVAL, "the ranges are not sorted and disjoint" },
	/* faults and page requests */
	{ IOMMUFMT_DIAG_FAULT_REPORT_CONFIG, "FAULT_REPORT_CONFIG", -EINVAL, "the fault-reporting configuration is not a valid setting" },
	{ IOMMUFMT_DIAG_FAULT_NOT_REPORTED, "FAULT_NOT_REPORTED", -EOPNOTSUPP, "the reporting configuration is not concerned with this fault" },
	{ IOMMUFMT_DIAG_FAULT_BAD_FIELD, "FAULT_BAD_FIELD", -EINVAL, "a fault record field is out of range" },
	{ IOMMUFMT_DIAG_FAULT_RESP_LOSSY, "FAULT_RESP_LOSSY", -EOPNOTSUPP, "the page response cannot be expressed in the target form" },
	{ IOMMUFMT_DIAG_FAULT_TRUNCATED, "FAULT_TRUNCATED", -EINVAL, "the bytes do not hold a whole record" },
	{ IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE, "FAULT_UNKNOWN_CODE", -EOPNOTSUPP, "the native record's code is unknown or reserved" },
	{ IOMMUFMT_DIAG_FAULT_RESERVED, "FAULT_RESERVED", -EOPNOTSUPP, "a reserved bit of the native record is set" },
	{ IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE, "FAULT_CANNOT_ENCODE", -EOPNOTSUPP, "the target record cannot express the fault" },
	{ IOMMUFMT_DIAG_FAULT_BAD_ENCODING, "FAULT_BAD_ENCODING", -EOPNOTSUPP, "a native record field holds a reserved or forbidden encoding" },
};

/*
 * The code space: each area's first and last code (abi.h).  The table must
 * hold exactly one row for each, so a code added to abi.h without a row (or
 * a row dropped) fails to build once the area's last code is updated here;
 * tests/test-diag.c checks the rows against the same ranges at run time.
 */
#define DIAG_AREAS(X)								\
	X(IOMMUFMT_DIAG_OK, IOMMUFMT_DIAG_BAD_COMBINATION)			\
	X(IOMMUFMT_DIAG_CAP_BACKWARDS, IOMMUFMT_DIAG_CAP_VERSION)		\
	X(IOMMUFMT_DIAG_UNKNOWN_MODEL, IOMMUFMT_DIAG_MODEL_MISMATCH)		\
	X(IOMMUFMT_DIAG_PGTABLE_CFG, IOMMUFMT_DIAG_PGTABLE_EXISTS)		\
	X(IOMMUFMT_DIAG_BIND_RESERVED, IOMMUFMT_DIAG_NEG_PGSIZE)		\
	X(IOMMUFMT_DIAG_INV_UNKNOWN_CMD, IOMMUFMT_DIAG_INV_ID_RANGE)		\
	X(IOMMUFMT_DIAG_IOVA_MAP_RESERVED, IOMMUFMT_DIAG_IOVA_UNSORTED)		\
	X(IOMMUFMT_DIAG_FAULT_REPORT_CONFIG, IOMMUFMT_DIAG_FAULT_BAD_ENCODING)

#define DIAG_AREA_CODES(first, last)	+ ((last) - (first) + 1)

_Static_assert(ARRAY_SIZE(diag_table) == 0 DIAG_AREAS(DIAG_AREA_CODES),
	       "diag_table needs exactly one row per IOMMUFMT_DIAG_* code");

/* The first and last code of each area, in code order. */
#define DIAG_AREA_BOUNDS(first, last)	{ (first), (last) },
static const struct { unsigned int first, last; } diag_areas[] = { DIAG_AREAS(DIAG_AREA_BOUNDS) };

/*
 * The row of @code. The table holds every code of every area in order
 * (checked above), so the row is the area's offset plus the code's place in
 * its area: iommufmt__diag() looks the code up for its errno on every error,
 * also without a diag record, so this is a few compares, not a search.
 */
static const struct diag_desc *diag_lookup(unsigned int code)
{
	size_t row = 0;

	for (size_t i = 0; i < ARRAY_SIZE(diag_areas); i++) {
		if (code < diag_areas[i].first)
			return NULL;
		if (code <= diag_areas[i].last)
			return &diag_table[row + (code - diag_areas[i].first)];
		row += diag_areas[i].last - diag_areas[i].first + 1;
	}
	return NULL;
}

int iommufmt__diag_errno(unsigned int code)
{
	const struct diag_desc *d = diag_lookup(code);

	/* every code has a row (checked above); -EINVAL only for a bad code */
	return d ? d->err : -EINVAL;
}

struct errno_desc {
	int err;
	const char *text;
};

/*
 * The library's errno vocabulary, as abi.h defines it.  Each text says what
 * happened, short enough to lead a message ("invalid argument: --foo"): the
 * CLI prints it as the first part of every error line, so it must read as a
 * phrase on its own and not explain the errno convention.
 */
static const struct errno_desc errno_table[] = {
	{ 0, "success" },
	{ -E2BIG, "unknown non-zero bytes (a newer caller's fields)" },
	{ -EOPNOTSUPP, "not supported by this host or model" },
	{ -EINVAL, "invalid argument" },
	{ -ENOENT, "no such id or range" },
	{ -EMSGSIZE, "output array too small (needed count written back)" },
	{ -EFAULT, "guest memory not accessible" },
	{ -ELOOP, "malformed tables: a loop or a pointer that does not descend" },
	{ -EIO, "malformed tables or illegal native command" },
	{ -ENOMEM, "out of memory" },
	{ -EEXIST, "already exists" },
	{ -ENOSPC, "no space left" },
	{ -EOVERFLOW, "value too large" },
	{ -ERANGE, "out of range" },
	{ -EBUSY, "in use" },
	{ -ENOSYS, "not implemented" },
};

IOMMUFMT_EXPORT const char *iommufmt_strerror(int code)
{
	if (code < 0) {
		for (size_t i = 0; i < ARRAY_SIZE(errno_table); i++)
			if (errno_table[i].err == code)
				return errno_table[i].text;
		return "unknown error number";
	}
	const struct diag_desc *d = diag_lookup((unsigned int)code);
	return d ? d->text : "unknown diagnostic code";
}

IOMMUFMT_EXPORT const char *iommufmt_diag_name(unsigned int code)
{
	const struct diag_desc *d = diag_lookup(code);
	return d ? d->name : NULL;
}

IOMMUFMT_EXPORT void iommufmt_diag_init(struct iommufmt_diag *diag)
{
	if (!diag)
		return;
	memset(diag, 0, sizeof(*diag));
	diag->argsz = sizeof(*diag);
}

__attribute__((format(printf, 9, 0)))
static int diag_fill(struct iommufmt_diag *diag, int err, unsigned int code,
		     const char *field, unsigned int which, uint64_t value, uint64_t limit,
		     uint32_t index, const char *fmt, va_list ap)
{
	struct iommufmt_diag d;
	size_t n;

	if (!diag || diag->argsz < IOMMUFMT_DIAG_SIZE_VER0)
		return err;
	memset(&d, 0, sizeof(d));
	d.argsz = diag->argsz;
	d.flags = which;
	d.code = code;
	d.error = err;
	d.value = value;
	d.limit = limit;
	d.index = index;
	if (field)
		snprintf(d.field, sizeof(d.field), "%s", field);
	if (fmt)
		vsnprintf(d.text, sizeof(d.text), fmt, ap);
	else
		snprintf(d.text, sizeof(d.text), "%s", iommufmt_strerror((int)code));
	n = diag->argsz < sizeof(d) ? diag->argsz : sizeof(d);
	memcpy(diag, &d, n);
	return err;
}

int iommufmt__diag(struct iommufmt_diag *diag, unsigned int code, const char *field,
		   const char *fmt, ...)
{
	const int err = iommufmt__diag_errno(code);
	va_list ap;

	va_start(ap, fmt);
	diag_fill(diag, err, code, field, 0, 0, 0, 0, fmt, ap);
	va_end(ap);
	return err;
}

int iommufmt__diag_ex(struct iommufmt_diag *diag, unsigned int code, const char *field,
		      unsigned int which, uint64_t value, uint64_t limit, uint32_t index,
		      const char *fmt, ...)
{
	const int err = iommufmt__diag_errno(code);
	va_list ap;

	va_start(ap, fmt);
	diag_fill(diag, err, code, field, which, value, limit, index, fmt, ap);
	va_end(ap);
	return err;
}

int iommufmt__diag_err(struct iommufmt_diag *diag, int err, unsigned int code,
		       const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_fill(diag, err, code, field, 0, 0, 0, 0, fmt, ap);
	va_end(ap);
	return err;
}

int iommufmt__diag_err_ex(struct iommufmt_diag *diag, int err, unsigned int code,
			  const char *field, unsigned int which, uint64_t value,
			  uint64_t limit, uint32_t index, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_fill(diag, err, code, field, which, value, limit, index, fmt, ap);
	va_end(ap);
	return err;
}

void iommufmt__diag_set_index(struct iommufmt_diag *diag, uint32_t index)
{
	if (!diag || diag->argsz < IOMMUFMT_DIAG_SIZE_VER0)
		return;
	diag->index = index;
	diag->flags |= IOMMUFMT_DIAG_FLAGS_INDEX;
}

IOMMUFMT_EXPORT int iommufmt_diag_format(const struct iommufmt_diag *diag, char *buf,
					 size_t len)
{
	char extra[96] = "";
	size_t used = 0;

	if (!diag || diag->argsz < IOMMUFMT_DIAG_SIZE_VER0 || (!buf && len))
		return -EINVAL;
	if (diag->flags & IOMMUFMT_DIAG_FLAGS_VALUE)
		used += (size_t)snprintf(extra + used, sizeof(extra) - used, "%svalue 0x%llx",
					 used ? ", " : "", (unsigned long long)diag->value);
	if ((diag->flags & IOMMUFMT_DIAG_FLAGS_LIMIT) && used < sizeof(extra))
		used += (size_t)snprintf(extra + used, sizeof(extra) - used, "%slimit 0x%llx",
					 used ? ", " : "", (unsigned long long)diag->limit);
	if ((diag->flags & IOMMUFMT_DIAG_FLAGS_INDEX) && used < sizeof(extra))
		snprintf(extra + used, sizeof(extra) - used, "%sindex %u",
			 used ? ", " : "", diag->index);
	return snprintf(buf, len, "%.*s%s%.*s%s%s%s", (int)sizeof(diag->field), diag->field,
			diag->field[0] ? ": " : "", (int)sizeof(diag->text), diag->text,
			extra[0] ? " (" : "", extra, extra[0] ? ")" : "");
}
