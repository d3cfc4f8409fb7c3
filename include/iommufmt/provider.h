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
 * appended. Page-table formats and models are two separate id spaces and two
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
 * flags and reserved checks, argument checks, splitting a map into pages)
 * and calls these once per request. Optional members may be NULL.
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

/* ======================================================================== */
/* SECTION: Host, bind and negotiation ops.                                  */
/* ======================================================================== */

/* ======================================================================== */
/* SECTION: Invalidation ops.                                                */
/* ======================================================================== */

#ifdef __cplusplus
}
#endif

#endif /* IOMMUFMT_PROVIDER_H */
