/* SPDX-License-Identifier: MIT */
/* libiommufmt provider interface: the ops tables a page-table format or IOMMU model plugs in. */
#ifndef IOMMUFMT_PROVIDER_H
#define IOMMUFMT_PROVIDER_H

/**
 * @file
 * @brief How a page-table format or an IOMMU model plugs into libiommufmt.
 *
 * Formats and models are `const` ops tables. Each table starts with its own
 * size (`ops_size`, set to sizeof by the provider at build time), so the
 * table can grow: the library reads only members that lie inside
 * `ops_size` and treats the others as absent (NULL / 0). Members are only
 * appended; each table has an `*_OPS_SIZE_VER0` (its first published layout),
 * below which the registry refuses it with IOMMUFMT_DIAG_BAD_OPS, and members
 * added after VER0 are read with IOMMUFMT_OPS_GET(). The arrays a table points
 * at (struct iommufmt_data_type_desc, format ids) have fixed element layouts:
 * if one ever grows, its table gains an appended element-size member.
 * Page-table formats and models are two separate id spaces and two
 * registries; a model lists the page-table formats it accepts, and a format
 * knows nothing about models.
 */

#include <stddef.h>
#include <iommufmt/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iommufmt_diag;

/* Per-area operation tables, defined in the sections below. */
struct iommufmt_pgtable_walk_ops;
struct iommufmt_host_ops;
struct iommufmt_bind_ops;
struct iommufmt_inval_ops;
struct iommufmt_fault_ops;

/**
 * struct iommufmt_pgtable_ops - A page-table format.
 */
struct iommufmt_pgtable_ops {
	size_t ops_size;		/**< sizeof(struct iommufmt_pgtable_ops) at build time. */
	__u32 format;			/**< IOMMUFMT_PGTABLE_* id. */
	__u32 flags;			/**< No flags defined yet; zero. */
	const char *name;		/**< Short stable name, e.g. "arm-lpae-s2". */
	const char *description;	/**< One line for humans. */
	const struct iommufmt_pgtable_walk_ops *walk;	/**< Walker and builder ops, or NULL. */
};
/** The smallest ops_size the registry accepts for a page-table format. */
#define IOMMUFMT_PGTABLE_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_pgtable_ops, walk) + sizeof(void *))

/**
 * struct iommufmt_model_ops - An IOMMU model (VT-d, AMD-Vi, SMMUv3, s390, ...).
 */
struct iommufmt_model_ops {
	size_t ops_size;		/**< sizeof(struct iommufmt_model_ops) at build time. */
	__u32 model;			/**< IOMMUFMT_MODEL_* FourCC. */
	__u32 variant;			/**< Variant, e.g. IOMMUFMT_VARIANT_SMMU_V3. */
	const char *name;		/**< Short stable name, e.g. "smmuv3". */
	const char *description;	/**< One line for humans. */
	const __u32 *pgtable_formats;	/**< Page-table formats this model can walk. */
	size_t nr_pgtable_formats;	/**< Number of entries in @c pgtable_formats. */
	const struct iommufmt_host_ops *host;	/**< Host description and advertising, or NULL. */
	const struct iommufmt_bind_ops *bind;	/**< Bind validation and conversion, or NULL. */
	const struct iommufmt_inval_ops *inval;	/**< Native invalidation codec, or NULL. */
	/**
	 * Native fault and page-request records, or NULL (appended after VER0:
	 * read with IOMMUFMT_OPS_GET()).
	 */
	const struct iommufmt_fault_ops *fault;
};
/** The smallest ops_size the registry accepts for a model. */
#define IOMMUFMT_MODEL_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_model_ops, inval) + sizeof(void *))

/**
 * Read an optional member of an ops table, honouring its ops_size.
 *
 * @param ops    Pointer to an ops table.
 * @param type   Its struct type, e.g. struct iommufmt_model_ops.
 * @param member Member name.
 * @return The member, or 0 / NULL when the table is too old to have it.
 */
#define IOMMUFMT_OPS_GET(ops, type, member) \
	((ops)->ops_size >= offsetof(type, member) + sizeof((ops)->member) ? \
	 (ops)->member : 0)

/* ======================================================================== */
/* SECTION: Page-table format ops.                                           */
/* ======================================================================== */

struct iommufmt_pgtable;
struct iommufmt_pgtable_cfg;
struct iommufmt_pgtable_arena;
struct iommufmt_gmem;
struct iommufmt_xlate;

/**
 * struct iommufmt_pgtable_walk_ops - What a page-table format implements.
 *
 * The library does the generic work (argsz copy of the configuration,
 * flags and reserved checks, argument checks, splitting a map into pages,
 * coalescing walk records, unmapping through walk_range) and calls these
 * once per request. Optional members may be NULL.
 *
 * Results follow struct iommufmt_xlate's conventions (fault fields, the
 * entry and span at fault, fault_addr of table-read faults). walk_range
 * reports every leaf that intersects [start, last] whole, in input order,
 * fault records only with IOMMUFMT_WALK_FAULTS, and must end by
 * construction (a visit budget; -ELOOP when it runs out); unmap relies on
 * it to find the leaves of a range.
 */
struct iommufmt_pgtable_walk_ops {
	size_t ops_size;	/**< sizeof(struct iommufmt_pgtable_walk_ops) at build time. */
	/**
	 * Check the format-specific fields of pt->cfg and fill pt's derived
	 * fields (pgsize_bitmap, masks, levels, priv). Returns 0 or a
	 * negative errno with @p diag filled.
	 */
	int (*prepare)(struct iommufmt_pgtable *pt, struct iommufmt_diag *diag);
	/** Size and alignment of the root table for @p cfg (called after prepare succeeded on it). */
	int (*root_size)(const struct iommufmt_pgtable *pt, __u64 *size, __u64 *align);
	/** Translate one address; always fills @p out. */
	void (*translate)(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			  __u64 iova, __u32 access, struct iommufmt_xlate *out);
	/** Optional: translate many, interleaved; the library loops over translate if NULL. */
	void (*translate_batch)(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
				const __u64 *iovas, size_t n, __u32 access,
				struct iommufmt_xlate *out);
	/** Walk [start, last] in order, calling fn per leaf (coalescing done by the library). */
	int (*walk_range)(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			  __u64 start, __u64 last, __u32 flags,
			  int (*fn)(void *opaque, const struct iommufmt_xlate *rec), void *opaque);
	/** Optional: dirty harvest (bitmap zeroed and range checked by the library). */
	int (*dirty)(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		     __u64 start, __u64 last, __u32 flags, __u64 *bitmap);
	/** Map one page of a size in pt->pgsize_bitmap (aligned by the library). */
	int (*map_page)(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			__u64 iova, __u64 pa, __u64 size, __u32 prot, struct iommufmt_diag *diag);
	/** Unmap one leaf at @p iova; store its size in @p size; -ENOENT when none. */
	int (*unmap_page)(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			  __u64 iova, __u64 *size, struct iommufmt_diag *diag);
};
/**
 * The smallest ops_size accepted for struct iommufmt_pgtable_walk_ops: every
 * member above (those marked optional may be NULL). Members added later are
 * read through IOMMUFMT_OPS_GET().
 */
#define IOMMUFMT_PGTABLE_WALK_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_pgtable_walk_ops, unmap_page) + sizeof(void *))

/* ======================================================================== */
/* SECTION: Host, bind and negotiation ops.                                  */
/* ======================================================================== */

struct iommufmt_hw_regs;
struct iommufmt_viommu_config;
struct iommufmt_bind_pasid_table;
struct iommufmt_bind_pgtable;
struct iommufmt_unbind;
struct iommufmt_iommufd_hwpt;

/** Kind of a bind payload or struct: a PASID-table bind. */
#define IOMMUFMT_BIND_KIND_PASID_TABLE	1
/** Kind of a bind payload or struct: a page-table bind. */
#define IOMMUFMT_BIND_KIND_PGTABLE	2
/** Kind of a payload: raw host registers (struct iommufmt_hw_regs). */
#define IOMMUFMT_BIND_KIND_HW_INFO	3

/**
 * struct iommufmt_data_type_desc - One payload type a model accepts.
 *
 * Models list their payload types; the library copies a payload of
 * @c ver0_size to @c size bytes by the argsz rules (shorter is zero-filled,
 * longer needs a zero tail) before calling the model, so sizes live with the
 * model, never in a core table.
 */
struct iommufmt_data_type_desc {
	__u32 type;		/**< IOMMUFMT_BIND_DATA_* or IOMMUFMT_HW_INFO_TYPE_*. */
	__u32 kind;		/**< IOMMUFMT_BIND_KIND_*. */
	__u32 ver0_size;	/**< Smallest accepted length. */
	__u32 size;		/**< Full length (at most IOMMUFMT_PAYLOAD_MAX). */
};

/** Largest payload (raw registers or bind data) a model may declare, in bytes. */
#define IOMMUFMT_PAYLOAD_MAX		64
/** Most page-table formats one host description lists. */
#define IOMMUFMT_HOST_MAX_PGTABLES	8
/**
 * Most model-private 64-bit words a host description may ask for
 * (struct iommufmt_host_ops.priv_words): a bound against a plug-in's mistake,
 * not a budget the built-in models come near.
 */
#define IOMMUFMT_HOST_PRIV_WORDS_MAX	4096

/**
 * struct iommufmt_host_desc - A host IOMMU, decoded once, read by every check.
 *
 * The library zeroes it, sets @c size, @c model, @c variant and the raw
 * registers, and lets the model's decode op fill the rest. The capability
 * members have the layout of the hw_info chain entries (their headers are
 * filled by the library when it emits the chain). @c priv points at the
 * model's private words (struct iommufmt_host_ops.priv_words of them, zeroed,
 * allocated with the host object): constants and compiled field tables the
 * model derives for its validators, so a check computes nothing twice. Their
 * layout and number are the model's business, not part of this struct's size.
 */
struct iommufmt_host_desc {
	__u32 size;		/**< sizeof(struct iommufmt_host_desc) in the library. */
	__u32 model;		/**< IOMMUFMT_MODEL_*. */
	__u32 variant;		/**< Model variant. */
	__u32 nr_pgtables;	/**< Entries used in @c pgtables. */
	struct iommufmt_cap_pgtable_format pgtables[IOMMUFMT_HOST_MAX_PGTABLES]; /**< Page-table formats. */
	struct iommufmt_cap_pasid pasid;		/**< PASID support. */
	struct iommufmt_cap_nesting nesting;		/**< Nesting support. */
	struct iommufmt_cap_invalidation inval;		/**< Invalidation features. */
	struct iommufmt_cap_fault fault;		/**< Fault reporting features. */
	__u64 iommufd_caps;	/**< iommufd out_capabilities as given (IOMMUFMT_IOMMUFD_HW_CAP_*). */
	__u32 raw_type;		/**< IOMMUFMT_HW_INFO_TYPE_* of @c raw. */
	__u32 raw_len;		/**< Bytes of @c raw in use. */
	__u64 raw[IOMMUFMT_PAYLOAD_MAX / 8];	/**< Raw registers (zero-filled to the model's size). */
	__u64 *priv;		/**< The model's private words (NULL when it asks for none). */
#if defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 4
	__u32 priv_pad;		/**< Zero: keeps the layout free of holes with 4-byte pointers. */
#endif
	__u32 priv_words;	/**< Words at @c priv (struct iommufmt_host_ops.priv_words). */
	__u32 reserved;		/**< Zero. */
};

/**
 * struct iommufmt_host_ops - How a model describes a host and advertises to a guest.
 */
struct iommufmt_host_ops {
	size_t ops_size;	/**< sizeof(struct iommufmt_host_ops) at build time. */
	const struct iommufmt_data_type_desc *hw_info_types;	/**< Raw register types accepted. */
	size_t nr_hw_info_types;	/**< Entries in @c hw_info_types. */
	/**
	 * Decode the raw registers (already copied, zero-filled, into
	 * desc->raw; @p regs gives flags, max_pasid_log2 and capabilities)
	 * into the capability members and @c priv. Returns 0 or a negative
	 * errno with @p diag filled.
	 */
	int (*decode)(struct iommufmt_host_desc *desc, const struct iommufmt_hw_regs *regs,
		      struct iommufmt_diag *diag);
	/**
	 * Compute the guest-visible registers for @p cfg (NULL: everything
	 * nestable) into @p data (IOMMUFMT_PAYLOAD_MAX zeroed bytes); set
	 * @p data_type and @p len. Returns 0 or a negative errno.
	 */
	int (*advertise)(const struct iommufmt_host_desc *desc,
			 const struct iommufmt_viommu_config *cfg, __u32 *data_type, void *data,
			 __u32 *len, struct iommufmt_diag *diag);
	/**
	 * Optional (read through @c ops_size): how many zeroed 64-bit words of
	 * private state the library allocates with each host object and lends to
	 * the model's ops as struct iommufmt_host_desc.priv; at most
	 * IOMMUFMT_HOST_PRIV_WORDS_MAX. A model sizes it from its own tables
	 * (and checks at compile time that its tables fit), so growing a
	 * model's state never changes a public struct.
	 */
	size_t priv_words;
};
/** The smallest ops_size accepted for struct iommufmt_host_ops. */
#define IOMMUFMT_HOST_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_host_ops, advertise) + sizeof(void *))

/**
 * struct iommufmt_bind_ops - How a model validates and converts binds.
 *
 * The library has already applied the argsz rules to the header, checked
 * its flags, reserved fields, model, PASID range and generic limits, and
 * copied the payload into an 8-byte aligned buffer of the type's full size
 * (zero-filled past data_len). Optional members may be NULL.
 */
struct iommufmt_bind_ops {
	size_t ops_size;	/**< sizeof(struct iommufmt_bind_ops) at build time. */
	const struct iommufmt_data_type_desc *data_types;	/**< Payload types accepted. */
	size_t nr_data_types;	/**< Entries in @c data_types. */
	/** Check a PASID-table bind; @p gmem non-NULL asks for the deep check of the table. */
	int (*check_pasid_table)(const struct iommufmt_host_desc *host,
				 const struct iommufmt_bind_pasid_table *bind, const void *payload,
				 const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag);
	/** Check a page-table bind; @p gmem non-NULL asks for the deep check. */
	int (*check_pgtable)(const struct iommufmt_host_desc *host,
			     const struct iommufmt_bind_pgtable *bind, const void *payload,
			     const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag);
	/** Optional: model-specific unbind checks after the generic ones. */
	int (*check_unbind)(const struct iommufmt_host_desc *host,
			    const struct iommufmt_unbind *unbind, struct iommufmt_diag *diag);
	/**
	 * Optional: convert a bind that passed its check (@p kind
	 * IOMMUFMT_BIND_KIND_*, @p bind the header) into iommufd HWPT_ALLOC
	 * data; @p out is zeroed with argsz set.
	 */
	int (*to_iommufd)(const struct iommufmt_host_desc *host, __u32 kind, const void *bind,
			  const void *payload, struct iommufmt_iommufd_hwpt *out,
			  struct iommufmt_diag *diag);
	/**
	 * Optional: the reverse. Fill @p bind (a zeroed struct of the returned
	 * kind, argsz set to its full size) and @p payload
	 * (IOMMUFMT_PAYLOAD_MAX zeroed bytes), set @p payload_len. Returns the
	 * kind or a negative errno.
	 */
	int (*from_iommufd)(const struct iommufmt_host_desc *host,
			    const struct iommufmt_iommufd_hwpt *in, void *bind, void *payload,
			    __u32 *payload_len, struct iommufmt_diag *diag);
	/**
	 * Optional: derive the walker configuration of a page-table bind that
	 * passed its check; @p cfg is zeroed with argsz set.
	 */
	int (*pgtable_cfg)(const struct iommufmt_host_desc *host,
			   const struct iommufmt_bind_pgtable *bind, const void *payload,
			   struct iommufmt_pgtable_cfg *cfg);
};
/** The smallest ops_size accepted for struct iommufmt_bind_ops. */
#define IOMMUFMT_BIND_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_bind_ops, pgtable_cfg) + sizeof(void *))

/* ======================================================================== */
/* SECTION: Invalidation ops.                                                */
/* ======================================================================== */

struct iommufmt_inv_codec;
struct iommufmt_inv_entry;

/**
 * struct iommufmt_inval_ops - A model's native invalidation codec.
 *
 * The library checks the generic arguments (configuration copy-in, flags,
 * entries, batches, queue indexes, guest memory) and calls these for the
 * native work. @c decode takes many commands per call so that a queue costs
 * one indirect call per contiguous run of commands, not one per command.
 */
struct iommufmt_inval_ops {
	size_t ops_size;	/**< sizeof(struct iommufmt_inval_ops) at build time. */
	__u32 cfg_flags;	/**< IOMMUFMT_INV_CFG_* flags this model accepts. */
	__u32 cmd_size;		/**< Bytes per command. */
	__u32 wide_cmd_size;	/**< Bytes per command with IOMMUFMT_INV_CFG_WIDE; 0 if none. */
	__u32 native_err[4];	/**< The model's code for each IOMMUFMT_INV_ERR_* class. */
	__u32 __reserved;	/**< Zero. */
	/**
	 * Check the model-specific fields of c->cfg (the library has checked
	 * argsz, flags against @c cfg_flags and reserved fields). Optional.
	 */
	int (*prepare)(struct iommufmt_inv_codec *c, struct iommufmt_diag *diag);
	/**
	 * Decode up to @p n commands, c->cmd_size bytes apart, into out[0..n).
	 * Stops at the first bad command: *done is the number decoded before
	 * it; returns 0 or a negative errno with @p diag filled (no index).
	 */
	int (*decode)(const struct iommufmt_inv_codec *c, const void *cmds, size_t n,
		      struct iommufmt_inv_entry *out, size_t *done, struct iommufmt_diag *diag);
	/**
	 * Encode one checked entry into at most @p cap commands at @p out.
	 * Sets *nr to the count and ORs IOMMUFMT_INV_ENC_* into *eflags;
	 * -EMSGSIZE with *nr = the count needed (nothing written) when @p cap
	 * is too small; -EOPNOTSUPP when the model cannot express the entry.
	 */
	int (*encode)(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
		      void *out, size_t cap, __u32 *nr, __u32 *eflags, struct iommufmt_diag *diag);
	/** Name of the command at @p cmd (c->cmd_size bytes), or NULL for an unknown opcode. */
	const char *(*cmd_name)(const struct iommufmt_inv_codec *c, const void *cmd);
	/** iommufd invalidation data type of this model (IOMMUFMT_IOMMUFD_INV_DATA_*). */
	__u32 iommufd_type;
	/** Bytes per iommufd invalidation entry; 0 when the model has no iommufd type. */
	__u32 iommufd_entry_len;
	/**
	 * Convert one checked entry into at most @p cap iommufd entries
	 * (iommufd_entry_len bytes each); *nr and *eflags as for @c encode.
	 * NULL when the model has no iommufd type.
	 */
	int (*to_iommufd)(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			  void *out, size_t cap, __u32 *nr, __u32 *eflags,
			  struct iommufmt_diag *diag);
};
/**
 * The smallest ops_size accepted for struct iommufmt_inval_ops: every member
 * above. Members added later are read through IOMMUFMT_OPS_GET().
 */
#define IOMMUFMT_INVAL_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_inval_ops, to_iommufd) + sizeof(void *))

/**
 * struct iommufmt_fault_ops - How a model decodes and encodes its native fault records.
 *
 * Record types are IOMMUFMT_FREC_EVENT, _PAGE_REQ and _FAULT_REG; a model
 * implements those its hardware has. The library has checked the arguments,
 * the buffer length and (for encode) the generic record before calling.
 */
struct iommufmt_fault_ops {
	size_t ops_size;	/**< sizeof(struct iommufmt_fault_ops) at build time. */
	/** Bytes of one native record of type @p record; 0 when the model has none. */
	__u32 (*record_size)(__u32 record);
	/**
	 * Decode the record_size() bytes at @p buf into @p out (the library's
	 * struct, zeroed, argsz set). Returns 0 or a negative errno with
	 * @p diag filled; the result must pass iommufmt_fault_check().
	 */
	int (*decode)(__u32 record, const void *buf, struct iommufmt_fault *out,
		      struct iommufmt_diag *diag);
	/**
	 * Encode the checked record @p in as record_size() bytes at @p buf.
	 * Returns 0, or -EOPNOTSUPP with @p diag naming what the native record
	 * cannot express.
	 */
	int (*encode)(__u32 record, const struct iommufmt_fault *in, void *buf,
		      struct iommufmt_diag *diag);
};
/** The smallest ops_size accepted for struct iommufmt_fault_ops. */
#define IOMMUFMT_FAULT_OPS_SIZE_VER0 \
	(offsetof(struct iommufmt_fault_ops, encode) + sizeof(void *))

#ifdef __cplusplus
}
#endif

#endif /* IOMMUFMT_PROVIDER_H */
