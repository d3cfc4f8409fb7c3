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
	/* DIAG-TABLE: invalidation */
	/* DIAG-TABLE: IOVA space */
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

/* The library's errno vocabulary, as abi.h defines it. */
static const struct errno_desc errno_table[] = {
	{ 0, "success" },
	{ -E2BIG, "unknown non-zero bytes (a newer caller's fields)" },
	{ -EOPNOTSUPP, "a known field holds a value this host or model does not support" },
	{ -EINVAL, "understood but wrong" },
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

	if (!diag || diag->argsz < IOMMUFMT_DIAG_SIZE_VER0)
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
