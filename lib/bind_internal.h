/* SPDX-License-Identifier: MIT */
/* Private helpers of the bind area: the host object, the table-driven field checker, deep checks, pieces of the models' ops. */
#ifndef IOMMUFMT_LIB_BIND_INTERNAL_H
#define IOMMUFMT_LIB_BIND_INTERNAL_H

#include "lib/fields.h"
#include "lib/internal.h"

/* The opaque public handle: a model's ops and its decoded description. */
struct iommufmt_host {
	const struct iommufmt_model_ops *model;
	const struct iommufmt_host_ops *hops;
	const struct iommufmt_bind_ops *bops;
	struct iommufmt_host_desc desc;
	__u64 priv[];	/* desc.priv: the model's private words (host_ops.priv_words) */
};

/*
 * Table-driven field checker, shared by every model's bind validator.
 *
 * A payload is an array of 64-bit words (already converted to host order).
 * Each row names one field: its word, bit range, the values the
 * architecture allows (a bitmap of values for fields of up to 6 bits; 0 =
 * any), and what the host must provide. Rows are checked in order and the
 * first failure is reported with the row's name and host limit.
 */
enum iommufmt__fc_kind {
	IOMMUFMT__FC_ANY = 0,	/* guest-owned, every legal value accepted */
	IOMMUFMT__FC_IGNORED,	/* host-owned; the guest's value is ignored (listed for reviewers) */
	IOMMUFMT__FC_RSVD,	/* must be zero: -EOPNOTSUPP BIND_RESERVED */
	IOMMUFMT__FC_HOSTMAX,	/* value <= host[arg]: else -EOPNOTSUPP BIND_EXCEEDS_HOST */
	IOMMUFMT__FC_HOSTMIN,	/* value >= host[arg]: else -EOPNOTSUPP BIND_EXCEEDS_HOST */
	IOMMUFMT__FC_HOSTSET,	/* bit `value` set in host[arg]: else -EOPNOTSUPP BIND_UNSUPPORTED */
	IOMMUFMT__FC_NEEDS,	/* non-zero needs host[arg] != 0: else -EOPNOTSUPP BIND_UNSUPPORTED */
	IOMMUFMT__FC_EQ,	/* value == ctx[arg] (the header; skipped when ctx is NULL): else -EINVAL BIND_MISMATCH */
	IOMMUFMT__FC_NOTSUP,	/* non-zero cannot be nested at all: -EOPNOTSUPP BIND_UNSUPPORTED */
};

struct iommufmt__fc {
	const char *name;	/* diag field, e.g. "ste.s1fmt" */
	const char *what;	/* what the host offers / why, for the diag text */
	uint64_t legal;		/* bitmap of legal values (width <= 6), 0: all */
	struct iommufmt__bits bits;	/* where the field is (lib/fields.h) */
	uint8_t kind;		/* enum iommufmt__fc_kind */
	uint8_t arg;		/* index into host[] or ctx[] */
	uint8_t fast;		/* checked row by row on the hot path (not folded into a mask) */
};

/*
 * A row: field @n at bits @hi:@l of word @w, of kind @k with argument @a,
 * legal values @lg and the diag text @wh. Rows that only forbid bits are
 * folded into the per-word masks; the others are "fast" rows.
 */
#define IOMMUFMT__FC(n, w, hi, l, k, a, lg, wh) \
	{ .name = (n), .what = (wh), .legal = (lg), .bits = IOMMUFMT__BITS(w, hi, l), \
	  .kind = (k), .arg = (a), \
	  .fast = (lg) != 0 || !((k) == IOMMUFMT__FC_ANY || (k) == IOMMUFMT__FC_IGNORED || \
				 (k) == IOMMUFMT__FC_RSVD || (k) == IOMMUFMT__FC_NOTSUP || \
				 (k) == IOMMUFMT__FC_NEEDS) }

/* Check every row; 0 or the first failure (diag filled). */
int iommufmt__fc_check(const struct iommufmt__fc *rows, size_t n, const uint64_t *w,
		       const __u64 *host, const uint64_t *ctx, struct iommufmt_diag *diag);

/*
 * The hot path: @compiled (from iommufmt__fc_compile(), kept in the host's
 * priv words) starts with a mask per word of the bits that RSVD and NOTSUP rows, and NEEDS
 * rows whose feature this host lacks, require to be zero. When none of them
 * is set only the rows marked fast (values compared with the host or the
 * header) are evaluated; a failing payload is walked row by row to name its
 * field.
 */
int iommufmt__fc_check_z(const struct iommufmt__fc *rows, size_t n, const uint64_t *w,
			 unsigned int nwords, const __u64 *compiled, const __u64 *host,
			 const uint64_t *ctx, struct iommufmt_diag *diag);

/*
 * Compile a row table for one host into @out (@out_words priv words): the
 * nwords must-be-zero masks, the number of fast rows, then two words per
 * fast row: where the field is and what it is compared with (a bitmap of
 * allowed values where legal encodings and host support fold into one, a
 * host maximum or minimum, or a header value). Returns the words used, or
 * -EINVAL when they do not fit.
 */
int iommufmt__fc_compile(const struct iommufmt__fc *rows, size_t n, unsigned int nwords,
			 const __u64 *host, __u64 *out, unsigned int out_words);
/* Words iommufmt__fc_compile() needs for a table of @nwords words with @nfast fast rows. */
#define IOMMUFMT__FC_WORDS(nwords, nfast)	((nwords) + 1 + 2 * (nfast))

/*
 * One field table of a model: its rows, the payload words they address, and
 * the host priv words [at, end) that hold its compiled form. A model lists
 * its tables once; iommufmt__fc_compile_all() compiles them when a host is
 * described and iommufmt__fc_check_table() checks a payload against one.
 */
struct iommufmt__fc_table {
	const struct iommufmt__fc *rows;
	size_t n;
	unsigned int nwords;
	unsigned int at;
	unsigned int end;
};

#define IOMMUFMT__FC_TABLE(r, nw, a, e) \
	{ .rows = (r), .n = ARRAY_SIZE(r), .nwords = (nw), .at = (a), .end = (e) }

/*
 * Compile every table of a model for the host @d into its priv words; 0, or
 * -EINVAL / IOMMUFMT_DIAG_BAD_OPS naming the model (@what) when one does not
 * fit its words.
 */
int iommufmt__fc_compile_all(struct iommufmt_host_desc *d, const struct iommufmt__fc_table *t,
			     size_t n, const char *what, struct iommufmt_diag *diag);

/* Check payload words @w against table @t with the host's compiled form (iommufmt__fc_check_z()). */
static inline int iommufmt__fc_check_table(const struct iommufmt__fc_table *t,
					   const struct iommufmt_host_desc *d, const uint64_t *w,
					   const uint64_t *ctx, struct iommufmt_diag *diag)
{
	return iommufmt__fc_check_z(t->rows, t->n, w, t->nwords, d->priv + t->at, d->priv, ctx,
				    diag);
}

/* Load n little-endian 64-bit words from a payload buffer. */
static inline void iommufmt__load_le(uint64_t *w, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		w[i] = iommufmt__le64((const uint8_t *)p + 8 * i);
}

/*
 * Deep checks: turn a failure found in one entry of a guest table into
 * -EIO / IOMMUFMT_DIAG_BIND_TABLE_ENTRY with the entry's index, keeping the
 * inner field and value.
 */
int iommufmt__diag_table_entry(struct iommufmt_diag *diag, const struct iommufmt_diag *inner,
			       const char *table, uint32_t index);

/*
 * A non-leaf entry of a guest table with reserved bits set, found by a deep
 * check: the inner reject (-EOPNOTSUPP BIND_RESERVED on @field with @value
 * and the formatted text) reported as iommufmt__diag_table_entry() does.
 */
int iommufmt__diag_table_reserved(struct iommufmt_diag *diag, const char *field, uint64_t value,
				  const char *table, uint32_t index, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* -EFAULT / GUEST_FAULT for an unreadable table at gpa. */
int iommufmt__diag_table_read(struct iommufmt_diag *diag, const char *table, uint64_t gpa,
			      uint32_t index);

/* Check that [gpa, gpa + len) is readable (the root table of a page-table bind). */
int iommufmt__deep_readable(const struct iommufmt_gmem *gmem, uint64_t gpa, uint64_t len,
			    const char *table, struct iommufmt_diag *diag);

/*
 * Copy an out-of-line payload of len bytes at uptr into dst (dt->size bytes,
 * zero-filled) by the argsz rules: below dt->ver0_size -EINVAL, a longer
 * payload needs a zero tail (-E2BIG). Diag fields name "data_len".
 */
int iommufmt__payload_in(void *dst, const struct iommufmt_data_type_desc *dt, uint64_t uptr,
			 uint32_t len, struct iommufmt_diag *diag);

/*
 * PASID width of a host: the register's, narrowed by iommufd's per-device
 * out_max_pasid_log2 when given (0 there: the device has no PASID), and
 * never above the 20 bits a PCIe PASID TLP prefix carries (PCIe 6.0 §6.20).
 * Wider register encodings exist: AMD EFR.PASmax is 5 bits (PASmax 31 would
 * claim 32-bit PASIDs), VT-d ECAP.PSS and SMMU IDR1.SSIDSIZE values above
 * 20 bits are reserved; no transaction can name such a PASID.
 */
static inline uint8_t iommufmt__host_pasid_bits(const struct iommufmt_hw_regs *r,
						unsigned int hw_bits)
{
	if (hw_bits > 20)
		hw_bits = 20;
	if ((r->flags & IOMMUFMT_HW_REGS_F_IOMMUFD) && r->max_pasid_log2 < hw_bits)
		return (uint8_t)r->max_pasid_log2;
	return (uint8_t)hw_bits;
}

/*
 * PASID flags of a host (decode ops): PRI, EXEC and PRIV as its registers
 * offer them; with iommufd outputs EXEC and PRIV stay only where iommufd's
 * capabilities say the device's PCI PASID capability allows them.
 */
void iommufmt__host_pasid_flags(struct iommufmt_host_desc *d, const struct iommufmt_hw_regs *regs,
				bool pri, bool exec, bool priv);

/* Fault reporting of a host: flat, nested stage 1 and 2 with @nested, page requests with PASID PRI. */
void iommufmt__host_fault_flags(struct iommufmt_host_desc *d, bool nested);

/*
 * Writing a model's ops: a payload type of one fixed size; the head of its
 * bind ops; its host ops from <prefix>_hw_types, _decode and _advertise.
 */
#define IOMMUFMT__DATA_TYPE_FIXED(t, k, st)	{ (t), (k), sizeof(st), sizeof(st) }
#define IOMMUFMT__BIND_OPS_HEAD(types) \
	.ops_size = sizeof(struct iommufmt_bind_ops), .data_types = (types), \
	.nr_data_types = ARRAY_SIZE(types)
#define IOMMUFMT__HOST_OPS(prefix, words) \
	{ .ops_size = sizeof(struct iommufmt_host_ops), .hw_info_types = prefix##_hw_types, \
	  .nr_hw_info_types = ARRAY_SIZE(prefix##_hw_types), .decode = prefix##_decode, \
	  .advertise = prefix##_advertise, .priv_words = (words) }

/* The end of an advertise op: @size bytes of guest registers @regs of type @type into @data. */
static inline int iommufmt__advertise_out(void *data, __u32 *data_type, __u32 *len, uint32_t type,
					  const void *regs, size_t size)
{
	memcpy(data, regs, size);
	*data_type = type;
	*len = (__u32)size;
	return 0;
}

/*
 * The checks a model's from_iommufd op starts with: the record's data type
 * is @type (@type_name in the text; else -EOPNOTSUPP BIND_DATA_TYPE), it
 * holds @len bytes of @what, no HWPT flags beyond @hwpt_flags and no PASID
 * unless IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID is one of them (else -EINVAL
 * BAD_VALUE on "data_len").
 */
int iommufmt__iommufd_hwpt_in(const struct iommufmt_iommufd_hwpt *in, uint32_t type,
			      const char *type_name, uint32_t len, uint32_t hwpt_flags,
			      const char *what, struct iommufmt_diag *diag);

/*
 * The PASID-table bind a from_iommufd op returns: this host's model, payload
 * type @type and @config; the table (@format, @pasid_bits, @base) only when
 * the config translates.
 */
static inline void iommufmt__pasid_table_bind(struct iommufmt_bind_pasid_table *b,
					      const struct iommufmt_host_desc *d, uint32_t type,
					      uint8_t config, uint32_t format, uint8_t pasid_bits,
					      uint64_t base)
{
	b->argsz = sizeof(*b);
	b->model = d->model;
	b->variant = d->variant;
	b->data_type = type;
	b->config = config;
	if (config == IOMMUFMT_BIND_CONFIG_TRANSLATE) {
		b->format = format;
		b->pasid_bits = pasid_bits;
		b->base = base;
	}
}

/* The page-table format capability of a host, or NULL. */
const struct iommufmt_cap_pgtable_format *
iommufmt__host_pgtable(const struct iommufmt_host_desc *desc, uint32_t format);

/* Append a page-table format capability to a host description (decode ops). */
int iommufmt__host_add_pgtable(struct iommufmt_host_desc *desc,
			       const struct iommufmt_cap_pgtable_format *cap,
			       struct iommufmt_diag *diag);

#endif /* IOMMUFMT_LIB_BIND_INTERNAL_H */
