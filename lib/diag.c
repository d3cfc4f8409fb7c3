/* SPDX-License-Identifier: MIT */
/* Diagnostics: reason-code names and texts, filling struct iommufmt_diag. */
#include <stdio.h>

#include "lib/internal.h"

struct diag_desc {
	unsigned int code;
	const char *name;
	const char *text;
};

/* One entry per IOMMUFMT_DIAG_* code, in code order within each area. */
static const struct diag_desc diag_table[] = {
	{ IOMMUFMT_DIAG_OK, "OK", "no problem" },
	/* core: struct copying */
	{ IOMMUFMT_DIAG_ARGSZ_SMALL, "ARGSZ_SMALL", "argsz is below the struct's first defined size" },
	{ IOMMUFMT_DIAG_TAIL_NONZERO, "TAIL_NONZERO", "bytes past the known struct are not zero" },
	{ IOMMUFMT_DIAG_UNKNOWN_FLAGS, "UNKNOWN_FLAGS", "unknown flag bits are set" },
	{ IOMMUFMT_DIAG_RESERVED_NONZERO, "RESERVED_NONZERO", "a reserved field or bit is not zero" },
	{ IOMMUFMT_DIAG_NULL_ARG, "NULL_ARG", "a required pointer or length is missing" },
	{ IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER, "ARGSZ_OVER_BUFFER", "argsz is larger than the buffer holding the struct" },
	{ IOMMUFMT_DIAG_OVERFLOW, "OVERFLOW", "an address or length computation overflows" },
	{ IOMMUFMT_DIAG_MISALIGNED, "MISALIGNED", "a value is not aligned as required" },
	{ IOMMUFMT_DIAG_BAD_VALUE, "BAD_VALUE", "a field holds a value outside its defined range" },
	{ IOMMUFMT_DIAG_UNSUPPORTED, "UNSUPPORTED", "a field holds a value this host or model does not support" },
	{ IOMMUFMT_DIAG_EXCEEDS_HOST, "EXCEEDS_HOST", "a value exceeds what the host supports" },
	{ IOMMUFMT_DIAG_OUTPUT_SMALL, "OUTPUT_SMALL", "the output array is too small" },
	{ IOMMUFMT_DIAG_GUEST_FAULT, "GUEST_FAULT", "guest memory could not be accessed" },
	{ IOMMUFMT_DIAG_BAD_COMBINATION, "BAD_COMBINATION", "the combination of fields is not valid" },
	/* core: capability chains */
	{ IOMMUFMT_DIAG_CAP_BACKWARDS, "CAP_BACKWARDS", "a capability points backwards or to itself (loop)" },
	{ IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS, "CAP_OUT_OF_BOUNDS", "a capability lies outside the buffer or argsz" },
	{ IOMMUFMT_DIAG_CAP_MISALIGNED, "CAP_MISALIGNED", "a capability is not 8-byte aligned" },
	{ IOMMUFMT_DIAG_CAP_OVERLAP, "CAP_OVERLAP", "a capability runs into the next one" },
	{ IOMMUFMT_DIAG_CAP_TRUNCATED, "CAP_TRUNCATED", "a capability is cut off by the end of the buffer" },
	{ IOMMUFMT_DIAG_CAP_IN_HEADER, "CAP_IN_HEADER", "a capability points into the fixed info struct" },
	{ IOMMUFMT_DIAG_CAP_NOT_FOUND, "CAP_NOT_FOUND", "no capability with that id" },
	{ IOMMUFMT_DIAG_CAP_VERSION, "CAP_VERSION", "the capability version is not understood" },
	/* core: registry */
	{ IOMMUFMT_DIAG_UNKNOWN_MODEL, "UNKNOWN_MODEL", "no such IOMMU model is registered" },
	{ IOMMUFMT_DIAG_UNKNOWN_PGTABLE, "UNKNOWN_PGTABLE", "no such page-table format is registered" },
	{ IOMMUFMT_DIAG_ALREADY_REGISTERED, "ALREADY_REGISTERED", "that id or name is already registered" },
	{ IOMMUFMT_DIAG_REGISTRY_FULL, "REGISTRY_FULL", "the registry has no room left" },
	{ IOMMUFMT_DIAG_BAD_OPS, "BAD_OPS", "the ops table is malformed" },
	{ IOMMUFMT_DIAG_NOT_IMPLEMENTED, "NOT_IMPLEMENTED", "the model does not implement this operation" },
	{ IOMMUFMT_DIAG_MODEL_MISMATCH, "MODEL_MISMATCH", "the data belongs to a different model" },
	/* DIAG-TABLE: page tables */
	{ IOMMUFMT_DIAG_PGTABLE_CFG, "PGTABLE_CFG", "the page-table configuration is inconsistent" },
	{ IOMMUFMT_DIAG_PGTABLE_ROOT, "PGTABLE_ROOT", "the root table address is misaligned or too large" },
	{ IOMMUFMT_DIAG_PGTABLE_ARENA_FULL, "PGTABLE_ARENA_FULL", "no room left in the table arena" },
	{ IOMMUFMT_DIAG_PGTABLE_EXISTS, "PGTABLE_EXISTS", "the range overlaps an existing mapping" },
	/* DIAG-TABLE: binding and negotiation */
	{ IOMMUFMT_DIAG_BIND_RESERVED, "BIND_RESERVED", "a payload bit that must be zero is set" },
	{ IOMMUFMT_DIAG_BIND_ILLEGAL, "BIND_ILLEGAL", "a payload field holds an illegal or reserved encoding" },
	{ IOMMUFMT_DIAG_BIND_UNSUPPORTED, "BIND_UNSUPPORTED", "a field asks for a feature the host cannot provide or nest" },
	{ IOMMUFMT_DIAG_BIND_EXCEEDS_HOST, "BIND_EXCEEDS_HOST", "a value exceeds the host's limit" },
	{ IOMMUFMT_DIAG_BIND_MISALIGNED, "BIND_MISALIGNED", "a table or root address is misaligned" },
	{ IOMMUFMT_DIAG_BIND_MISMATCH, "BIND_MISMATCH", "the bind header and its native payload disagree" },
	{ IOMMUFMT_DIAG_BIND_DATA_TYPE, "BIND_DATA_TYPE", "the payload type is not one of this model's for this bind" },
	{ IOMMUFMT_DIAG_BIND_NO_PASID_TABLE, "BIND_NO_PASID_TABLE", "the model has no PASID table" },
	{ IOMMUFMT_DIAG_BIND_CONFIG, "BIND_CONFIG", "the model cannot express this translate/bypass/abort config" },
	{ IOMMUFMT_DIAG_BIND_PASID_RANGE, "BIND_PASID_RANGE", "a PASID is outside the host's or table's PASID bits" },
	{ IOMMUFMT_DIAG_BIND_TABLE_ENTRY, "BIND_TABLE_ENTRY", "a present entry of the guest's table is invalid" },
	{ IOMMUFMT_DIAG_BIND_NO_NESTING, "BIND_NO_NESTING", "the host cannot nest this kind of bind" },
	{ IOMMUFMT_DIAG_BIND_NO_IOMMUFD, "BIND_NO_IOMMUFD", "iommufd has no data type for this bind" },
	{ IOMMUFMT_DIAG_UNBIND_RELEASE, "UNBIND_RELEASE", "unbind release flags conflict or lack a PASID" },
	{ IOMMUFMT_DIAG_HOST_REGS, "HOST_REGS", "the host registers are inconsistent" },
	{ IOMMUFMT_DIAG_HOST_DATA_TYPE, "HOST_DATA_TYPE", "the register type does not belong to the model" },
	{ IOMMUFMT_DIAG_NEG_FORMAT, "NEG_FORMAT", "a requested table format is not nestable on the host" },
	{ IOMMUFMT_DIAG_NEG_LIMIT, "NEG_LIMIT", "a requested width exceeds the host" },
	{ IOMMUFMT_DIAG_NEG_FEATURE, "NEG_FEATURE", "a requested feature is not available on the host" },
	{ IOMMUFMT_DIAG_NEG_PGSIZE, "NEG_PGSIZE", "requested page sizes or granules are not available" },
	/* DIAG-TABLE: invalidation */
	{ IOMMUFMT_DIAG_INV_UNKNOWN_CMD, "INV_UNKNOWN_CMD", "the native command opcode is reserved or unknown" },
	{ IOMMUFMT_DIAG_INV_RESERVED_BIT, "INV_RESERVED_BIT", "a reserved bit of a native command is set" },
	{ IOMMUFMT_DIAG_INV_BAD_FIELD, "INV_BAD_FIELD", "a native command field holds an illegal value" },
	{ IOMMUFMT_DIAG_INV_RESERVED_COMBO, "INV_RESERVED_COMBO", "a reserved combination of native range fields" },
	{ IOMMUFMT_DIAG_INV_MISALIGNED, "INV_MISALIGNED", "an invalidation address is not aligned as its size requires" },
	{ IOMMUFMT_DIAG_INV_RANGE_WRAP, "INV_RANGE_WRAP", "an invalidation range wraps past 2^64" },
	{ IOMMUFMT_DIAG_INV_FEATURE, "INV_FEATURE", "the command needs a feature the IOMMU does not have" },
	{ IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED, "INV_NOT_IMPLEMENTED", "a valid native command this library does not decode" },
	{ IOMMUFMT_DIAG_INV_BAD_CACHES, "INV_BAD_CACHES", "no cache or an unknown cache bit is selected" },
	{ IOMMUFMT_DIAG_INV_BAD_GRANULARITY, "INV_BAD_GRANULARITY", "a selected cache does not support the granularity" },
	{ IOMMUFMT_DIAG_INV_MISSING_ID, "INV_MISSING_ID", "the granularity needs an id that is not marked valid" },
	{ IOMMUFMT_DIAG_INV_CANNOT_ENCODE, "INV_CANNOT_ENCODE", "the target model cannot express the invalidation" },
	{ IOMMUFMT_DIAG_INV_QUEUE_INDEX, "INV_QUEUE_INDEX", "a queue head or tail index lies outside the ring" },
	{ IOMMUFMT_DIAG_INV_QUEUE_FETCH, "INV_QUEUE_FETCH", "a queue entry could not be read from guest memory" },
	{ IOMMUFMT_DIAG_INV_ENTRY_LEN, "INV_ENTRY_LEN", "a batch entry_len or entry argsz is not acceptable" },
	{ IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL, "INV_NOT_FOR_KERNEL", "the kernel invalidation allow-list rejects the command" },
	{ IOMMUFMT_DIAG_INV_ID_RANGE, "INV_ID_RANGE", "an id is wider than the IOMMU supports" },
	/* DIAG-TABLE: IOVA space */
	{ IOMMUFMT_DIAG_IOVA_MAP_RESERVED, "IOVA_MAP_RESERVED", "the map request overlaps a reserved region" },
	{ IOMMUFMT_DIAG_IOVA_MAP_APERTURE, "IOVA_MAP_APERTURE", "the map request reaches outside the aperture" },
	{ IOMMUFMT_DIAG_IOVA_ZERO_LENGTH, "IOVA_ZERO_LENGTH", "the length is zero" },
	{ IOMMUFMT_DIAG_IOVA_WRAP, "IOVA_WRAP", "the address range wraps past 2^64-1" },
	{ IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT, "IOVA_ATTACH_CONFLICT", "attaching the group conflicts with existing mappings" },
	{ IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, "IOVA_RANGE_INVERTED", "a range starts after its last address" },
	{ IOMMUFMT_DIAG_IOVA_PGSIZE, "IOVA_PGSIZE", "no page sizes, or not a multiple of the smallest page" },
	{ IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED, "IOVA_VFIO_TRUNCATED", "the VFIO reply buffer was too small for its capabilities" },
	{ IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES, "IOVA_VFIO_NO_RANGES", "the VFIO reply has no IOVA-range capability" },
	{ IOMMUFMT_DIAG_IOVA_PROP_OVERRUN, "IOVA_PROP_OVERRUN", "a PROBE property runs past the end of the properties" },
	{ IOMMUFMT_DIAG_IOVA_PROP_SHORT, "IOVA_PROP_SHORT", "a PROBE property is shorter than its type requires" },
	{ IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX, "IOVA_SYSFS_SYNTAX", "a reserved_regions line is malformed" },
	{ IOMMUFMT_DIAG_IOVA_TOO_MANY, "IOVA_TOO_MANY", "more ranges or regions than can be held" },
	{ IOMMUFMT_DIAG_IOVA_NO_ROOM, "IOVA_NO_ROOM", "guest RAM does not fit into the usable ranges" },
	{ IOMMUFMT_DIAG_IOVA_UNSORTED, "IOVA_UNSORTED", "the ranges are not sorted and disjoint" },
};

static const struct diag_desc *diag_lookup(unsigned int code)
{
	for (size_t i = 0; i < ARRAY_SIZE(diag_table); i++)
		if (diag_table[i].code == code)
			return &diag_table[i];
	return NULL;
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

int iommufmt__diag(struct iommufmt_diag *diag, int err, unsigned int code,
		   const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_fill(diag, err, code, field, 0, 0, 0, 0, fmt, ap);
	va_end(ap);
	return err;
}

int iommufmt__diag_ex(struct iommufmt_diag *diag, int err, unsigned int code,
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
