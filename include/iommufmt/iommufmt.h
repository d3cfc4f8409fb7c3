/* SPDX-License-Identifier: MIT */
/* libiommufmt library API: struct copying, capability chains, registry, guest memory. */
#ifndef IOMMUFMT_IOMMUFMT_H
#define IOMMUFMT_IOMMUFMT_H

/**
 * @file
 * @brief The libiommufmt C API.
 *
 * Conventions shared by every function:
 * - Functions return 0 (or a count) on success and a negative errno on
 *   failure, with the meanings listed in abi.h.
 * - Every checking function takes an optional `struct iommufmt_diag *diag`
 *   (NULL is allowed). On a reject it is filled with a stable reason code,
 *   the field at fault and a one-line text; on success its code is
 *   IOMMUFMT_DIAG_OK.
 * - A function that fails changes nothing the caller owns, except the diag
 *   and documented progress counters.
 * - All functions are reentrant. The only shared mutable state is the
 *   registry, which may be used from many threads at once.
 */

#include <stddef.h>
#include <iommufmt/abi.h>
#include <iommufmt/version.h>
#include <iommufmt/provider.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup api_version Version
 * @{
 */

/**
 * Version of the library actually loaded (may be newer than the headers).
 *
 * @return The version string, "MAJOR.MINOR.MICRO"; never NULL.
 */
const char *iommufmt_version(void);

/** @} */

/**
 * @defgroup api_diag Diagnostics
 * @{
 */

/**
 * Describe a diagnostic code or an error number.
 *
 * @param code An IOMMUFMT_DIAG_* reason code (zero or positive), or a
 *             negative errno as returned by this library.
 * @return A constant one-line description; never NULL. An unknown code gives
 *         "unknown diagnostic code".
 */
const char *iommufmt_strerror(int code);

/**
 * Stable symbolic name of a diagnostic code, e.g. "CAP_BACKWARDS".
 *
 * @param code An IOMMUFMT_DIAG_* reason code.
 * @return The name without the IOMMUFMT_DIAG_ prefix, or NULL when unknown.
 */
const char *iommufmt_diag_name(unsigned int code);

/**
 * Initialise a diagnostic record before passing it to a checking function.
 *
 * Zeroes the record and sets its argsz to sizeof(struct iommufmt_diag).
 *
 * @param diag Record to initialise; NULL is ignored.
 */
void iommufmt_diag_init(struct iommufmt_diag *diag);

/**
 * Format a filled diagnostic as one line: "field: text (value V, limit L)".
 *
 * @param diag   A record filled by a checking function.
 * @param buf    Output buffer; always NUL-terminated when @p len > 0.
 * @param len    Size of @p buf.
 * @return The length the full line needs (as snprintf), or -EINVAL when
 *         @p diag is NULL or its argsz is below IOMMUFMT_DIAG_SIZE_VER0.
 */
int iommufmt_diag_format(const struct iommufmt_diag *diag, char *buf, size_t len);

/** @} */

/**
 * @defgroup api_copy Extensible-struct copy rules
 * @brief The kernel's copy_struct_from_user() rules, for any argsz-versioned struct.
 *
 * VMMs that implement kernel-like interfaces (vfio-user servers, emulated
 * iommufd) use these to accept structs from older and newer callers alike.
 * @{
 */

/**
 * Copy a caller's struct of @p src_size bytes into the library's struct.
 *
 * - @p src_size < @p ver0_size: -EINVAL (IOMMUFMT_DIAG_ARGSZ_SMALL);
 * - @p src_size <= @p dst_size: copy, zero-fill the rest of @p dst;
 * - @p src_size > @p dst_size: the extra bytes must all be zero, otherwise
 *   -E2BIG (IOMMUFMT_DIAG_TAIL_NONZERO, index = offset of the first non-zero
 *   byte); if they are, copy @p dst_size bytes.
 *
 * On error @p dst is left unchanged.
 *
 * @param dst       The library's struct.
 * @param dst_size  sizeof the library's struct.
 * @param ver0_size The struct's VER0 size (the smallest size ever defined).
 * @param src       The caller's bytes.
 * @param src_size  The caller's size (its argsz).
 * @param diag      Optional diagnostic record.
 * @return 0, -EINVAL (also for NULL pointers or @p ver0_size > @p dst_size),
 *         or -E2BIG.
 */
int iommufmt_struct_copy_in(void *dst, size_t dst_size, size_t ver0_size,
			    const void *src, size_t src_size,
			    struct iommufmt_diag *diag);

/**
 * Like iommufmt_struct_copy_in(), taking the size from the struct's own argsz.
 *
 * Reads the first `__u32` of @p src as argsz (host byte order) and checks
 * that it does not exceed @p src_buflen, the size of the buffer that holds
 * it, before applying the copy rules.
 *
 * @param dst        The library's struct.
 * @param dst_size   sizeof the library's struct.
 * @param ver0_size  The struct's VER0 size.
 * @param src        The caller's buffer.
 * @param src_buflen Bytes readable at @p src.
 * @param diag       Optional diagnostic record.
 * @return 0, -EINVAL (argsz below VER0, argsz over the buffer, buffer
 *         shorter than 4 bytes, NULL pointers) or -E2BIG.
 */
int iommufmt_struct_copy_in_argsz(void *dst, size_t dst_size, size_t ver0_size,
				  const void *src, size_t src_buflen,
				  struct iommufmt_diag *diag);

/**
 * Copy the library's struct out to a caller's struct of @p dst_size bytes.
 *
 * Writes min(@p dst_size, @p src_size) bytes and zero-fills the rest of a
 * larger caller struct (as iommufd does), so a newer caller never reads
 * stale bytes.
 *
 * @param dst      The caller's struct (may be NULL when @p dst_size is 0).
 * @param dst_size The caller's size (its argsz).
 * @param src      The library's struct.
 * @param src_size sizeof the library's struct.
 * @return @p src_size, the full size, so the caller learns what it missed.
 */
size_t iommufmt_struct_copy_out(void *dst, size_t dst_size,
				const void *src, size_t src_size);

/**
 * Whether @p len bytes at @p p are all zero.
 *
 * @param p   Bytes to test (may be NULL when @p len is 0).
 * @param len Number of bytes.
 * @return 1 when all are zero (or @p len is 0), 0 otherwise.
 */
int iommufmt_is_zero(const void *p, size_t len);

/** @} */

/**
 * @defgroup api_caps Capability chains
 * @brief Build and safely read VFIO-style capability chains.
 * @{
 */

/** An opaque capability-chain builder. */
struct iommufmt_caps;

/**
 * Create an empty capability-chain builder.
 *
 * @return The builder, or NULL when out of memory.
 */
struct iommufmt_caps *iommufmt_caps_new(void);

/**
 * Free a builder. NULL is allowed.
 *
 * @param caps Builder from iommufmt_caps_new().
 */
void iommufmt_caps_free(struct iommufmt_caps *caps);

/**
 * Append a capability to the chain.
 *
 * The builder writes the header; @p body is what follows it. The entry is
 * padded with zeroes to a multiple of 8 bytes.
 *
 * @param caps     Builder.
 * @param id       Capability id.
 * @param version  Capability version (from 1).
 * @param body     Bytes after the header (may be NULL when @p body_len is 0).
 * @param body_len Their number; the whole entry must stay below 1 MiB.
 * @return 0, -EINVAL (NULL builder, version 0, NULL body with a length,
 *         entry too large), -ENOMEM, or -EOVERFLOW (chain over 4 GiB).
 */
int iommufmt_caps_add(struct iommufmt_caps *caps, __u16 id, __u16 version,
		      const void *body, size_t body_len);

/**
 * Total bytes the chain occupies (all entries, headers and padding).
 *
 * @param caps Builder.
 * @return The size, 0 for an empty chain or NULL builder.
 */
size_t iommufmt_caps_size(const struct iommufmt_caps *caps);

/**
 * Number of capabilities in the chain.
 *
 * @param caps Builder.
 * @return The count, 0 for NULL.
 */
unsigned int iommufmt_caps_count(const struct iommufmt_caps *caps);

/**
 * Write an info struct and its capability chain into a caller's buffer.
 *
 * @p info is the producer's complete fixed struct (starting with argsz and
 * flags); @p buf is the caller's buffer of @p buflen bytes (its argsz). The
 * chain is placed at the first 8-byte boundary after the fixed struct and
 * its offsets are shifted to count from the start of @p buf.
 *
 * The VFIO too-small rule: when the chain is not empty, @p caps_flag is set
 * in flags. If everything fits, cap_offset points at the first entry and
 * argsz is left at @p buflen. If not, cap_offset is 0, argsz is raised to
 * the size needed, min(@p buflen, @p info_size) bytes of the fixed struct
 * are written, and the call still succeeds.
 *
 * @param caps           Builder (NULL or empty: no chain).
 * @param buf            Caller's buffer.
 * @param buflen         Its size; at least 8.
 * @param info           Fixed struct to write.
 * @param info_size      Its size; at least 8.
 * @param cap_offset_pos Offset of the `__u32 cap_offset` field within it.
 * @param caps_flag      Flag bit meaning "a chain is present".
 * @return 0 (fitted or too small), or -EINVAL (NULL pointers, @p buflen or
 *         @p info_size below 8, @p cap_offset_pos outside the struct, total
 *         size over 4 GiB).
 */
int iommufmt_caps_emit(const struct iommufmt_caps *caps, void *buf, size_t buflen,
		       const void *info, size_t info_size, size_t cap_offset_pos,
		       __u32 caps_flag);

/**
 * struct iommufmt_cap_iter - A cursor over a capability chain.
 *
 * Initialise it with iommufmt_caps_iter_init() and read entries with
 * iommufmt_caps_iter_next(); treat the members as private.
 */
struct iommufmt_cap_iter {
	const unsigned char *buf;	/**< Start of the info buffer. */
	size_t len;			/**< Readable bytes (min of buffer and argsz). */
	size_t floor;			/**< No entry may start below this offset. */
	size_t pos;			/**< Offset of the next entry, 0 at the end. */
	unsigned int index;		/**< Number of entries returned so far. */
	unsigned int __reserved;	/**< Zero. */
	/**
	 * Size rule for the chain's id space: given an entry and the bytes
	 * available to it, store in @c *need the bytes its id and version
	 * imply and return 0, or return 1 for an id it does not know.
	 * iommufmt_caps_iter_init() installs the rule for struct
	 * iommufmt_hw_info chains; set it to NULL (or your own rule) to walk a
	 * chain of another id space, such as a VFIO info struct's.
	 */
	int (*sizer)(const struct iommufmt_cap_header *cap, size_t avail, size_t *need);
};

/**
 * Start iterating over a struct iommufmt_hw_info capability chain.
 *
 * @param it         Cursor to initialise.
 * @param buf        The info buffer.
 * @param len        Bytes of it to trust: min(buffer size, argsz).
 * @param info_size  Size of the fixed info struct; entries must start at or
 *                   after it.
 * @param cap_offset The info struct's cap_offset (0: empty chain).
 * @return 0, or -EINVAL for NULL pointers.
 */
int iommufmt_caps_iter_init(struct iommufmt_cap_iter *it, const void *buf, size_t len,
			    size_t info_size, __u32 cap_offset);

/**
 * Return the next capability, checking it on the way.
 *
 * Each entry must be 8-byte aligned, start after the fixed struct and after
 * the previous entry's header (so loops and backward pointers are
 * impossible), have its header inside the buffer, and have room before the
 * next entry (or the end) for the size its id and version imply, for the
 * capabilities this library defines. Work is bounded by len / 8 entries.
 *
 * @param it      Cursor.
 * @param cap     Out: the entry's header (inside the caller's buffer).
 * @param cap_len Out: bytes from the header to the next entry or the end.
 * @param diag    Optional diagnostic record (index = entry number).
 * @return 1 with an entry, 0 at the end of the chain, or -EINVAL for a
 *         malformed chain (IOMMUFMT_DIAG_CAP_*).
 */
int iommufmt_caps_iter_next(struct iommufmt_cap_iter *it,
			    const struct iommufmt_cap_header **cap, size_t *cap_len,
			    struct iommufmt_diag *diag);

/**
 * Check a whole chain.
 *
 * @param buf        The info buffer.
 * @param len        min(buffer size, argsz).
 * @param info_size  Size of the fixed info struct.
 * @param cap_offset First entry's offset, 0 for none.
 * @param diag       Optional diagnostic record.
 * @return The number of capabilities, or -EINVAL for a malformed chain.
 */
int iommufmt_caps_check(const void *buf, size_t len, size_t info_size,
			__u32 cap_offset, struct iommufmt_diag *diag);

/**
 * Find the first capability with a given id after checking the whole chain.
 *
 * @param buf        The info buffer.
 * @param len        min(buffer size, argsz).
 * @param info_size  Size of the fixed info struct.
 * @param cap_offset First entry's offset.
 * @param id         Capability id to look for.
 * @param cap        Out: its header.
 * @param cap_len    Out: bytes available to it.
 * @param diag       Optional diagnostic record.
 * @return 0, -ENOENT when absent (IOMMUFMT_DIAG_CAP_NOT_FOUND), or -EINVAL
 *         for a malformed chain.
 */
int iommufmt_caps_find(const void *buf, size_t len, size_t info_size, __u32 cap_offset,
		       __u16 id, const struct iommufmt_cap_header **cap, size_t *cap_len,
		       struct iommufmt_diag *diag);

/**
 * Append an IOMMUFMT_CAP_IOVA_RANGES capability.
 *
 * @param caps   Builder.
 * @param ranges The ranges (each start <= last; sorted and disjoint).
 * @param nr     Their number (0 is allowed: nothing is usable).
 * @param diag   Optional diagnostic record.
 * @return 0, -EINVAL (a range with start > last, unsorted or overlapping
 *         ranges, NULL with a count), -ENOMEM.
 */
int iommufmt_caps_add_iova_ranges(struct iommufmt_caps *caps,
				  const struct iommufmt_iova_range *ranges, __u32 nr,
				  struct iommufmt_diag *diag);

/**
 * Append an IOMMUFMT_CAP_RESV_REGIONS capability.
 *
 * @param caps    Builder.
 * @param regions The regions (each start <= last, known type, flags zero).
 * @param nr      Their number.
 * @param diag    Optional diagnostic record.
 * @return 0, -EINVAL (start > last, NULL with a count), -EOPNOTSUPP
 *         (unknown type or flags), -ENOMEM.
 */
int iommufmt_caps_add_resv_regions(struct iommufmt_caps *caps,
				   const struct iommufmt_resv_region *regions, __u32 nr,
				   struct iommufmt_diag *diag);

/**
 * Read the ranges out of an IOMMUFMT_CAP_IOVA_RANGES capability.
 *
 * @param cap     Header as returned by iommufmt_caps_find().
 * @param cap_len Bytes available to it.
 * @param out     Output array (may be NULL when @p nr is 0).
 * @param nr      In: capacity of @p out; out: number of ranges in the cap.
 * @param diag    Optional diagnostic record.
 * @return 0; -EMSGSIZE when @p out is too small (@p nr holds the count
 *         needed, nothing copied); -EINVAL for a wrong id, a count that does
 *         not fit @p cap_len, or a range with start > last; -EOPNOTSUPP for
 *         an unknown version or non-zero reserved field.
 */
int iommufmt_cap_iova_ranges_read(const struct iommufmt_cap_header *cap, size_t cap_len,
				  struct iommufmt_iova_range *out, __u32 *nr,
				  struct iommufmt_diag *diag);

/**
 * Read the regions out of an IOMMUFMT_CAP_RESV_REGIONS capability.
 *
 * @param cap     Header as returned by iommufmt_caps_find().
 * @param cap_len Bytes available to it.
 * @param out     Output array (may be NULL when @p nr is 0).
 * @param nr      In: capacity of @p out; out: number of regions in the cap.
 * @param diag    Optional diagnostic record.
 * @return As iommufmt_cap_iova_ranges_read(); an unknown region type is
 *         -EOPNOTSUPP.
 */
int iommufmt_cap_resv_regions_read(const struct iommufmt_cap_header *cap, size_t cap_len,
				   struct iommufmt_resv_region *out, __u32 *nr,
				   struct iommufmt_diag *diag);

/** @} */

/**
 * @defgroup api_registry Registry of page-table formats and models
 * @brief Look up, list and register the ops tables of provider.h.
 *
 * Built-in formats and models are always present. An application may add
 * its own at run time; registrations last for the life of the process and
 * the ops tables must stay valid that long. Every function here is safe to
 * call from many threads at once.
 * @{
 */

/**
 * Find a page-table format by id.
 *
 * @param format IOMMUFMT_PGTABLE_* or a run-time registered id.
 * @return Its ops, or NULL when none is registered.
 */
const struct iommufmt_pgtable_ops *iommufmt_pgtable_get(__u32 format);

/**
 * Find a page-table format by name, e.g. "arm-lpae-s1".
 *
 * @param name Name (case-sensitive).
 * @return Its ops, or NULL when none is registered (or @p name is NULL).
 */
const struct iommufmt_pgtable_ops *iommufmt_pgtable_by_name(const char *name);

/**
 * List the registered page-table formats: built-ins first, in id order, then
 * run-time registrations in registration order.
 *
 * @param out Output array (may be NULL when @p max is 0).
 * @param max Its capacity.
 * @return The total number registered (may exceed @p max; only @p max are
 *         written).
 */
size_t iommufmt_pgtable_list(const struct iommufmt_pgtable_ops **out, size_t max);

/**
 * Find a model by id and variant.
 *
 * @param model   IOMMUFMT_MODEL_* FourCC.
 * @param variant A variant, or IOMMUFMT_VARIANT_DEFAULT for the model's
 *                default (the first registered for that id).
 * @return Its ops, or NULL.
 */
const struct iommufmt_model_ops *iommufmt_model_get(__u32 model, __u32 variant);

/**
 * Find a model by name, e.g. "smmuv3".
 *
 * @param name Name (case-sensitive).
 * @return Its ops, or NULL.
 */
const struct iommufmt_model_ops *iommufmt_model_by_name(const char *name);

/**
 * List the registered models (built-ins first, then run-time registrations).
 *
 * @param out Output array (may be NULL when @p max is 0).
 * @param max Its capacity.
 * @return The total number registered.
 */
size_t iommufmt_model_list(const struct iommufmt_model_ops **out, size_t max);

/**
 * Register a page-table format at run time.
 *
 * @param ops  Ops table; must outlive the process's use of the library.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, ops_size below IOMMUFMT_PGTABLE_OPS_SIZE_VER0,
 *         id below IOMMUFMT_PGTABLE_USER_BASE, no name); -EEXIST (id or
 *         name taken); -ENOSPC (registry full).
 */
int iommufmt_register_pgtable(const struct iommufmt_pgtable_ops *ops,
			      struct iommufmt_diag *diag);

/**
 * Register an IOMMU model at run time.
 *
 * @param ops  Ops table; must outlive the process's use of the library.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, ops_size below IOMMUFMT_MODEL_OPS_SIZE_VER0,
 *         model 0, no name); -EEXIST ((model, variant) or name taken);
 *         -ENOSPC (registry full).
 */
int iommufmt_register_model(const struct iommufmt_model_ops *ops,
			    struct iommufmt_diag *diag);

/**
 * Render a model FourCC as four printable characters.
 *
 * @param model FourCC id.
 * @param buf   At least 5 bytes; receives the NUL-terminated text
 *              (non-printable bytes shown as '?').
 * @return @p buf.
 */
char *iommufmt_fourcc_str(__u32 model, char buf[5]);

/** @} */

/**
 * @defgroup api_gmem Guest memory
 * @brief How the library reads (and writes) guest-physical memory.
 *
 * A small table of flat regions (GPA range to host pointer) serves the hot
 * path without calls; anything outside goes to an optional callback. Every
 * access returns a status: a failed read is -EFAULT, never a value.
 * @{
 */

/** iommufmt_gmem_region.flags: the region may be read but not written. */
#define IOMMUFMT_GMEM_READONLY	(1u << 0)

/**
 * struct iommufmt_gmem_region - One flat region of guest-physical memory.
 */
struct iommufmt_gmem_region {
	__u64 gpa;		/**< First guest-physical address. */
	__u64 size;		/**< Bytes; gpa + size - 1 must not wrap. */
	void *host;		/**< Host address of the first byte. */
	__u32 flags;		/**< IOMMUFMT_GMEM_*. */
	__u32 __reserved;	/**< Must be zero. */
};

/**
 * Callback for guest memory outside the flat regions.
 *
 * @param opaque The iommufmt_gmem.opaque value.
 * @param gpa    Guest-physical address.
 * @param buf    Bytes to fill (read) or to store (write).
 * @param len    Number of bytes.
 * @param write  0 to read, 1 to write.
 * @return 0, or a negative errno (the library reports -EFAULT).
 */
typedef int (*iommufmt_gmem_access_fn)(void *opaque, __u64 gpa, void *buf,
				       size_t len, int write);

/**
 * struct iommufmt_gmem - A view of guest-physical memory.
 *
 * The struct and its regions belong to the caller and are only read by the
 * library; regions must not overlap and are searched in order.
 */
struct iommufmt_gmem {
	const struct iommufmt_gmem_region *regions;	/**< Flat regions. */
	unsigned int nr_regions;			/**< Their number. */
	unsigned int flags;				/**< No flags defined; must be zero. */
	iommufmt_gmem_access_fn access;			/**< Slow path, or NULL. */
	void *opaque;					/**< Passed to @c access. */
};

/**
 * Check a guest-memory description: regions that wrap, overlap, have no
 * host pointer, unknown flags or non-zero reserved fields are rejected.
 *
 * @param gmem Description.
 * @param diag Optional diagnostic record (index = region).
 * @return 0 or -EINVAL / -EOPNOTSUPP.
 */
int iommufmt_gmem_check(const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag);

/**
 * Read guest-physical memory.
 *
 * @param gmem Guest memory.
 * @param gpa  First address.
 * @param buf  Destination.
 * @param len  Bytes (a range may span regions and the callback).
 * @return 0, or -EFAULT when any byte is unreadable or the range wraps;
 *         -EINVAL for NULL pointers.
 */
int iommufmt_gmem_read(const struct iommufmt_gmem *gmem, __u64 gpa, void *buf, size_t len);

/**
 * Write guest-physical memory.
 *
 * @param gmem Guest memory.
 * @param gpa  First address.
 * @param buf  Source.
 * @param len  Bytes.
 * @return 0, or -EFAULT when any byte is unwritable (read-only region, no
 *         callback) or the range wraps; -EINVAL for NULL pointers.
 */
int iommufmt_gmem_write(const struct iommufmt_gmem *gmem, __u64 gpa, const void *buf,
			size_t len);

/** @} */

/* ======================================================================== */
/* SECTION: Page-table API.                                                  */
/* ======================================================================== */

/**
 * @defgroup api_pgtable Page tables: translate, walk, harvest, build
 * @brief Walkers for every page-table format, over guest memory.
 *
 * A configuration (struct iommufmt_pgtable_cfg) is checked once by
 * iommufmt_pgtable_prepare() into a struct iommufmt_pgtable; the hot-path
 * functions then take the prepared table. A walk that meets a bad table is
 * not an error: the result carries a fault reason. Hot paths allocate
 * nothing, take no lock and make one indirect call per request, not per level.
 * @{
 */

/**
 * struct iommufmt_pgtable - A checked page-table configuration.
 *
 * Filled by iommufmt_pgtable_prepare(); read-only afterwards, so one
 * prepared table may be used from many threads.
 */
struct iommufmt_pgtable {
	const struct iommufmt_pgtable_ops *ops;	/**< The format. */
	struct iommufmt_pgtable_cfg cfg;	/**< The configuration, as checked. */
	__u64 pgsize_bitmap;	/**< Page and block sizes this configuration can map. */
	__u64 ias_mask;		/**< Highest input address + 1, minus 1 (all ones for 64 bits). */
	__u64 oas_mask;		/**< Highest output address + 1, minus 1. */
	__u32 start_level;	/**< Level of the root table, in the format's numbering. */
	__u32 nr_levels;	/**< Number of levels walked from the root. */
	__u64 priv[8];		/**< Constants derived by the format; private. */
};

/**
 * struct iommufmt_xlate - The result of one translation, or one walk record.
 */
struct iommufmt_xlate {
	__u64 iova;		/**< Input address (page-aligned in walk records). */
	__u64 pa;		/**< Output address (for the exact iova in translate). */
	__u64 page_size;	/**< Size of the leaf mapping (walk: of the run when coalesced). */
	__u64 pte;		/**< Raw leaf entry, or the entry at fault. */
	__u64 attrs;		/**< Format-specific leaf attributes (e.g. ARM AttrIndx/SH, VT-d SNP). */
	__u64 fault_addr;	/**< Nested stage-2 fault: the IPA stage 2 failed on. */
	__u32 perm;		/**< IOMMUFMT_ACCESS_* the leaf grants (READ/WRITE/EXEC/PRIV/USER). */
	__u32 level;		/**< Level of the leaf or of the faulting entry. */
	__u32 fault;		/**< IOMMUFMT_FAULT_*; IOMMUFMT_FAULT_NONE on success. */
	__u32 stage;		/**< 0 single-stage; nested: 1 or 2, the stage that faulted. */
};

/**
 * Check a configuration and prepare it for walking.
 *
 * @p cfg follows the argsz copy rules (its argsz field is its size).
 *
 * @param pt   Out: the prepared table.
 * @param cfg  Configuration (struct iommufmt_pgtable_cfg or an older size).
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (argsz below VER0, bad combination of levels / IAS /
 *         granule / SL0, misaligned root), -E2BIG (non-zero unknown tail),
 *         -EOPNOTSUPP (unknown flags, non-zero reserved or unused field,
 *         unknown format, format without a walker).
 */
int iommufmt_pgtable_prepare(struct iommufmt_pgtable *pt, const struct iommufmt_pgtable_cfg *cfg,
			     struct iommufmt_diag *diag);

/**
 * Translate one input address.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory holding the tables.
 * @param iova   Input address.
 * @param access IOMMUFMT_ACCESS_* requested (READ, WRITE, EXEC, PRIV).
 * @param out    Result: output address, page size, permissions, level, or
 *               a fault reason with the level and entry at fault.
 * @return 0 when a result was produced (fault or not); -EINVAL for NULL
 *         arguments or an unprepared table.
 */
int iommufmt_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		       __u64 iova, __u32 access, struct iommufmt_xlate *out);

/**
 * Translate many input addresses, interleaving the walks so their memory
 * loads overlap. Results equal those of iommufmt_translate() one by one.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory.
 * @param iovas  Input addresses.
 * @param n      Their number.
 * @param access Requested access, for all.
 * @param out    n results.
 * @return 0, or -EINVAL for NULL arguments.
 */
int iommufmt_translate_batch(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			     const __u64 *iovas, size_t n, __u32 access, struct iommufmt_xlate *out);

/** iommufmt_walk_range() flag: merge contiguous leaves with equal permissions into one record. */
#define IOMMUFMT_WALK_COALESCE	(1u << 0)
/** iommufmt_walk_range() flag: report faulting subtrees as records with a fault reason. */
#define IOMMUFMT_WALK_FAULTS	(1u << 1)

/**
 * Callback of iommufmt_walk_range(): one leaf mapping (or run, or fault record).
 *
 * @param opaque The caller's pointer.
 * @param rec    The record; valid only during the call.
 * @return 0 to continue, non-zero to stop the walk (returned by it).
 */
typedef int (*iommufmt_walk_fn)(void *opaque, const struct iommufmt_xlate *rec);

/**
 * Report every leaf mapping in [@p start, @p last] in input-address order.
 *
 * Empty subtrees are skipped; the work is bounded by the table pages
 * actually present. A subtree that cannot be walked (unreadable table,
 * reserved bits) is skipped, or reported with IOMMUFMT_WALK_FAULTS.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory.
 * @param start  First input address.
 * @param last   Last input address (inclusive; 2^64-1 allowed).
 * @param flags  IOMMUFMT_WALK_*.
 * @param fn     Callback.
 * @param opaque Passed to @p fn.
 * @return 0, the callback's non-zero value, -EINVAL (NULL, start > last,
 *         unknown flags).
 */
int iommufmt_walk_range(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			__u64 start, __u64 last, __u32 flags, iommufmt_walk_fn fn, void *opaque);

/** iommufmt_dirty_harvest() flag: clear the dirty bits that were reported. */
#define IOMMUFMT_DIRTY_CLEAR	(1u << 0)

/**
 * Harvest dirty bits for a range, one bit per 4 KiB page.
 *
 * Bit i of @p bitmap (64 bits per word, LSB first) stands for the page at
 * @p start + i * 4096; a dirty huge page sets the bits of all its 4 KiB
 * pages inside the range.
 *
 * @param pt     Prepared table (its format must track dirty pages and the
 *               configuration must have IOMMUFMT_PGTABLE_F_AD).
 * @param gmem   Guest memory (writable where bits are cleared).
 * @param start  First address, 4 KiB aligned.
 * @param last   Last address; (last - start + 1) / 4096 bits are written.
 * @param flags  IOMMUFMT_DIRTY_*.
 * @param bitmap Output; zeroed first.
 * @param nbits  Capacity of @p bitmap in bits.
 * @return 0; -EINVAL (misaligned, range too large for @p nbits, NULL);
 *         -EOPNOTSUPP (no dirty tracking in this format or configuration);
 *         -EFAULT (a table could not be written when clearing).
 */
int iommufmt_dirty_harvest(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 start, __u64 last, __u32 flags, __u64 *bitmap, __u64 nbits);

/**
 * struct iommufmt_pgtable_arena - Caller memory in which builders put tables.
 *
 * A bump allocator over [gpa, gpa + size) backed by @c host. Tables are
 * zeroed when allocated. Describe the same memory as a region of the
 * struct iommufmt_gmem used to walk the tables.
 */
struct iommufmt_pgtable_arena {
	__u64 gpa;	/**< Guest-physical address of the first byte. */
	__u64 size;	/**< Bytes. */
	void *host;	/**< Host memory behind it. */
	__u64 used;	/**< Bytes handed out so far. */
};

/**
 * Allocate and zero a root table for @p cfg in the arena and store its
 * address in @p cfg->root (with the right size and alignment for the
 * format: concatenated stage-2 roots, s390 table lengths).
 *
 * @param cfg   Configuration; root is written.
 * @param arena Arena.
 * @param diag  Optional diagnostic record.
 * @return 0, -ENOSPC (arena full), -EINVAL / -EOPNOTSUPP (as prepare).
 */
int iommufmt_pgtable_alloc_root(struct iommufmt_pgtable_cfg *cfg,
				struct iommufmt_pgtable_arena *arena, struct iommufmt_diag *diag);

/**
 * Map [@p iova, @p iova + @p len) to @p pa with the largest pages the
 * alignment of both addresses and pt->pgsize_bitmap allow.
 *
 * @param pt    Prepared table whose tables lie in @p arena.
 * @param arena Arena for new tables.
 * @param iova  Input address.
 * @param pa    Output address.
 * @param len   Length; iova, pa and len aligned to the smallest page size.
 * @param prot  IOMMUFMT_ACCESS_* to grant.
 * @param diag  Optional diagnostic record.
 * @return 0; -EINVAL (misaligned, zero length, wrap, outside IAS/OAS);
 *         -EEXIST (overlaps a mapping); -ENOSPC (arena full). On error
 *         nothing is mapped that was not mapped before (tables already
 *         allocated stay allocated, empty).
 */
int iommufmt_pgtable_map(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			 __u64 iova, __u64 pa, __u64 len, __u32 prot, struct iommufmt_diag *diag);

/**
 * Unmap [@p iova, @p iova + @p len); leaves must lie wholly inside the range.
 *
 * @param pt    Prepared table whose tables lie in @p arena.
 * @param arena Arena.
 * @param iova  Input address.
 * @param len   Length.
 * @param diag  Optional diagnostic record.
 * @return 0; -EINVAL (misaligned, would split a larger page, wrap); -ENOENT
 *         (nothing mapped in the range).
 */
int iommufmt_pgtable_unmap(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			   __u64 iova, __u64 len, struct iommufmt_diag *diag);

/** @} */

/* ======================================================================== */
/* SECTION: Host capabilities, negotiation and binding API.                  */
/* ======================================================================== */

/* ======================================================================== */
/* SECTION: Invalidation API.                                                */
/* ======================================================================== */

/* ======================================================================== */
/* SECTION: IOVA space API.                                                  */
/* ======================================================================== */

#ifdef __cplusplus
}
#endif

#endif /* IOMMUFMT_IOMMUFMT_H */
