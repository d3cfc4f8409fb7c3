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
 * @def IOMMUFMT_PTR32
 * 1 where pointers are 32 bits wide, else 0.
 *
 * A library-API struct that holds one pointer next to __u64 fields has no
 * __u64 after the pointer and, where this is 1, ends with an explicit __u32
 * pad. So the struct has one size on every ABI and no implicit hole on any,
 * including the 32-bit ABIs that align __u64 to 8 bytes (armhf, MIPS, PPC32,
 * RV32, s390 -m31), and a positional initialiser means the same everywhere.
 */
#if defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 4
#define IOMMUFMT_PTR32 1
#else
#define IOMMUFMT_PTR32 0
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
 *         "unknown diagnostic code". An errno gives what happened, worded to
 *         lead a message (-EINVAL "invalid argument", -EOPNOTSUPP "not
 *         supported by this host or model", -EFAULT "guest memory not
 *         accessible"), so a caller can print "<text>: <detail>".
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
 * @param buf    Output buffer; always NUL-terminated when @p len > 0. NULL
 *               with @p len 0 only measures the line.
 * @param len    Size of @p buf.
 * @return The length the full line needs (as snprintf), or -EINVAL when
 *         @p diag is NULL or its argsz is below IOMMUFMT_DIAG_SIZE_VER0, or
 *         @p buf is NULL with @p len above 0.
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
	 * imply and return 0, or return 1 for an id it does not know. A size
	 * beyond what size_t holds (an untrusted element count times the
	 * element size, on a 32-bit host) must be stored as SIZE_MAX, never
	 * wrapped.
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
int iommufmt_pgtable_register(const struct iommufmt_pgtable_ops *ops,
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
int iommufmt_model_register(const struct iommufmt_model_ops *ops,
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
 *
 * 32 bytes on every ABI (see IOMMUFMT_PTR32).
 */
struct iommufmt_gmem_region {
	__u64 gpa;		/**< First guest-physical address. */
	__u64 size;		/**< Bytes; gpa + size - 1 must not wrap. */
	void *host;		/**< Host address of the first byte. */
	__u32 flags;		/**< IOMMUFMT_GMEM_*. */
	__u32 __reserved;	/**< Must be zero. */
#if IOMMUFMT_PTR32
	__u32 __ptr_pad;	/**< Explicit padding after a 32-bit pointer; ignored. */
#endif
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
 * A write that is certain to fail (read-only region, no callback, wrap) is
 * refused before any byte is written; only the caller's own callback
 * failing part-way can leave earlier bytes written.
 *
 * @return 0, or -EFAULT when any byte is unwritable (read-only region, no
 *         callback, callback failure) or the range wraps; -EINVAL for NULL
 *         pointers.
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
 * prepared table may be used from many threads. The two pointers come
 * first, side by side, so the struct has no hidden padding on 32- or
 * 64-bit builds.
 *
 * The caller allocates it (on the stack or inside its own objects: the hot
 * paths allocate nothing). @c priv is a reserve the format fills with
 * constants it derives at prepare time; it is opaque: its layout is the
 * format's business and may change between releases. Every built-in format
 * checks at compile time that its private state fits.
 *
 * Growth rule: the size of @c priv is part of the ABI and does not grow
 * within a soname. A format (built-in or plugged in) that needs more keeps
 * the rest in static tables it owns and stores only an index or key into
 * them in @c priv (arm-lpae already selects its walker by such a key);
 * enlarging the reserve is an ABI break, done only with a soname bump.
 */
struct iommufmt_pgtable {
	const struct iommufmt_pgtable_ops *ops;	/**< The format. */
	/**
	 * The format's translate function (its walk ops' @c translate), set by
	 * iommufmt_pgtable_prepare() so that iommufmt_pgtable_translate() reaches it with
	 * one load; NULL in a table that was not prepared. Private: do not set.
	 */
	void (*translate)(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			  __u64 iova, __u32 access, struct iommufmt_xlate *out);
	struct iommufmt_pgtable_cfg cfg;	/**< The configuration, as checked. */
	__u64 pgsize_bitmap;	/**< Page and block sizes this configuration can map. */
	__u64 ias_mask;		/**< Highest input address + 1, minus 1 (all ones for 64 bits). */
	__u64 oas_mask;		/**< Highest output address + 1, minus 1. */
	__u32 start_level;	/**< Level of the root table, in the format's numbering. */
	__u32 nr_levels;	/**< Number of levels walked from the root. */
	__u64 priv[8];		/**< Opaque reserve for the format's derived constants (see above); do not read or set. */
};

/**
 * struct iommufmt_xlate - The result of one translation, or one walk record.
 *
 * Two level fields name the table that holds the leaf (or the entry at
 * fault; input-address faults: the root table):
 *
 * - @c level uses one numbering for every format (generic_pt's): 0 is the
 *   table holding the smallest pages, and it grows by one per table toward
 *   the root. Callers handling several formats compare this one.
 * - @c native_level is the same table in the format's own numbering, as its
 *   specification and native fault records use it.
 *
 * | format          | native leaf table | native root     | @c level   |
 * |-----------------|-------------------|-----------------|------------|
 * | x86-64, vtd-ss, | 1 (4 KiB pages)   | 3..6            | native - 1 |
 * | amd-v1          |                   |                 |            |
 * | arm-lpae-s1/s2  | 3 (granule pages) | 0..3 (Arm ARM)  | 3 - native |
 * | s390-dat        | 1 (page table)    | 5 (region 1st)  | native - 1 |
 *
 * So a 4 KiB x86-64 page has @c level 0 / @c native_level 1, a 2 MiB one
 * 1 / 2; a 4 KiB-granule Arm page 0 / 3, a 2 MiB Arm block 1 / 2; an s390
 * 1 MiB segment-table leaf 1 / 2. (struct iommufmt_pgtable.start_level and
 * the configuration's levels stay in the format's numbering.)
 *
 * On a fault, @c pa, @c perm and @c attrs are 0, @c level and @c pte name
 * the entry at fault (@c pte is 0 when no entry was read: input-address
 * faults and table-read faults), and @c page_size is the input span that
 * entry covers (0 for input-address faults), so a caller can skip the hole.
 *
 * Leaf attributes (@c attrs) are the leaf's attribute bits in place:
 * x86-64 PWT, PCD, G and PAT (bit 7 in a 4 KiB leaf, bit 12 in larger
 * ones); vtd-ss EMT, IPAT, SNP and TM; amd-v1 U and FC; arm-lpae bits 11:2
 * and 63:50 of the descriptor (AttrIndx/MemAttr, NS, AP/S2AP, SH, AF, nG,
 * GP, DBM, Contiguous, PXN/UXN/XN, software bits), NS also set when a
 * stage-1 table descriptor on the path has NSTable; s390-dat none (0).
 */
struct iommufmt_xlate {
	__u64 iova;		/**< Input address (walk records: the leaf's first address). */
	__u64 pa;		/**< Output address (for the exact iova in translate; walk: the leaf's first byte). */
	__u64 page_size;	/**< Size of the leaf mapping (walk: of the run when coalesced); see above for faults. */
	__u64 pte;		/**< Raw leaf entry, or the entry at fault. */
	__u64 attrs;		/**< Format-specific leaf attributes (e.g. ARM AttrIndx/SH, VT-d SNP). */
	__u64 fault_addr;	/**< IOMMUFMT_FAULT_TABLE_READ: the address that could not be read; nested stage-2 fault: the IPA stage 2 failed on. */
	__u32 perm;		/**< IOMMUFMT_ACCESS_* the leaf grants (READ/WRITE/EXEC/PRIV/USER). */
	__u16 level;		/**< Level of the leaf or of the faulting entry (input faults: the root's), 0 = smallest-page table; see above. */
	__u16 native_level;	/**< The same table as @c level in the format's own numbering; see above. */
	__u32 fault;		/**< IOMMUFMT_FAULT_*; IOMMUFMT_FAULT_NONE on success. */
	__u32 stage;		/**< 0 single-stage (and nested success); nested: 1 or 2, the stage that faulted. */
};

/**
 * Stable short name of a fault reason, as the CLI prints it.
 *
 * @param fault IOMMUFMT_FAULT_* (walker and record reasons).
 * @return "ok", "not-present", "permission", "reserved-bit",
 *         "address-size-input", "address-size-output", "non-canonical",
 *         "access-flag", "table-read", "bad-level", "table-type",
 *         "table-length", "page-request", "bad-device", "bad-device-entry",
 *         "bad-pasid", "bad-pasid-entry", "config-read", "translation-off",
 *         "bad-request", "conflict", "hw-error" or "other"; NULL for an
 *         unknown value.
 */
const char *iommufmt_fault_name(__u32 fault);

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
 * The walk reads at most one entry per level whatever the tables hold
 * (pointers must descend), allocates nothing and takes no lock. Access
 * semantics per format:
 * - x86-64: a request without IOMMUFMT_ACCESS_PRIV is a user request and
 *   needs U/S at every level; writes need R/W at every level (write
 *   protection of supervisor pages on); execute needs XD clear at every
 *   level when IOMMUFMT_PGTABLE_F_EXEC is set. Pages are always readable.
 * - vtd-ss: read needs R, write W, execute X and R (X only with
 *   IOMMUFMT_PGTABLE_F_EXEC, else R) at every level; as on hardware the walk
 *   stops at the first level lacking the request (IOMMUFMT_FAULT_PERMISSION).
 *   An entry with R = W = 0 is not present.
 * - amd-v1: read needs IR, write IW, AND-ed over the levels; execute is
 *   not controlled (needs IR). Skipped levels' index bits that are not zero
 *   give IOMMUFMT_FAULT_NOT_PRESENT at the skipping entry.
 * - arm-lpae-s1: a request without IOMMUFMT_ACCESS_PRIV is unprivileged
 *   (EL0) and needs AP[1] (EL0 access, not taken away by an APTable[0] on
 *   the path) for any of read, write and execute; pages are always readable
 *   at EL1; write needs AP[2] clear (or DBM with IOMMUFMT_PGTABLE_F_AD) and
 *   no APTable[1] on the path; with IOMMUFMT_PGTABLE_F_EXEC execute needs
 *   PXN (privileged) or UXN (unprivileged) clear in the leaf and no
 *   PXNTable / UXNTable on the path, and a page writable at EL0 is never
 *   privileged-executable; without it every page is executable.
 * - arm-lpae-s2: read needs S2AP[0], write S2AP[1] (or DBM with
 *   IOMMUFMT_PGTABLE_F_AD); with IOMMUFMT_PGTABLE_F_EXEC execute needs
 *   XN[1:0] to allow the request's privilege (EL1 with PRIV, else EL0);
 *   without it every page is executable. Pages report USER.
 * - For both Arm stages a leaf with AF = 0 is IOMMUFMT_FAULT_ACCESS_FLAG
 *   unless IOMMUFMT_PGTABLE_F_AFFD or IOMMUFMT_PGTABLE_F_AD is set.
 * - s390-dat: DMA has no privilege or execute control: every page grants
 *   read, execute and USER, and write unless an entry on the path has the
 *   protection bit P, in which case a write is IOMMUFMT_FAULT_PERMISSION.
 * An access of 0 only checks that a translation exists. Accessed and dirty
 * bits are not set by the walk.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory holding the tables.
 * @param iova   Input address.
 * @param access IOMMUFMT_ACCESS_* requested (READ, WRITE, EXEC, PRIV);
 *               other bits are ignored.
 * @param out    Result: output address, page size, permissions, level, or
 *               a fault reason with the level and entry at fault.
 * @return 0 when a result was produced (fault or not); -EINVAL for NULL
 *         arguments or an unprepared table.
 */
int iommufmt_pgtable_translate(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
		       __u64 iova, __u32 access, struct iommufmt_xlate *out);

/**
 * Translate through two stages: a stage-1 table whose table reads and
 * output go through a stage-2 table (SMMU S1 over S2, VT-d first stage
 * over second stage, AMD v2 over v1).
 *
 * Every stage-1 table address is an IPA translated by @p s2 (for reading)
 * before the entry is read from @p gmem; the stage-1 output is translated
 * by @p s2 with @p access. On success @c pa is the final address,
 * @c page_size the smaller of the two leaves, @c perm the READ/WRITE/EXEC
 * both grant plus stage 1's USER/PRIV, @c level, @c pte and @c attrs those
 * of the stage-1 leaf, and @c stage 0. On a fault @c stage says which stage
 * faulted: 2 with stage 2's reason, level and entry, and @c fault_addr the
 * IPA it failed on (a stage-1 table entry or the stage-1 output); 1 with
 * stage 1's reason (a stage-1 table that stage 2 maps to unreadable memory
 * is IOMMUFMT_FAULT_TABLE_READ at stage 1, @c fault_addr its IPA).
 *
 * @param s1     Prepared stage-1 table (its root is an IPA).
 * @param s2     Prepared stage-2 table (its root is a PA in @p gmem).
 * @param gmem   Guest-physical (host) memory holding both stages' tables.
 * @param iova   Input address.
 * @param access IOMMUFMT_ACCESS_* requested.
 * @param out    Result.
 * @return 0 when a result was produced (fault or not); -EINVAL for NULL
 *         arguments or unprepared tables.
 */
int iommufmt_pgtable_translate_nested(const struct iommufmt_pgtable *s1, const struct iommufmt_pgtable *s2,
			      const struct iommufmt_gmem *gmem, __u64 iova, __u32 access,
			      struct iommufmt_xlate *out);

/**
 * Translate many input addresses, interleaving the walks so their memory
 * loads overlap. Results equal those of iommufmt_pgtable_translate() one by one.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory.
 * @param iovas  Input addresses.
 * @param n      Their number.
 * @param access Requested access, for all.
 * @param out    n results.
 * @return 0, or -EINVAL for NULL arguments.
 */
int iommufmt_pgtable_translate_batch(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			     const __u64 *iovas, size_t n, __u32 access, struct iommufmt_xlate *out);

/** iommufmt_pgtable_walk_range() flag: merge contiguous leaves with equal permissions into one record. */
#define IOMMUFMT_WALK_COALESCE	(1u << 0)
/** iommufmt_pgtable_walk_range() flag: report faulting subtrees as records with a fault reason. */
#define IOMMUFMT_WALK_FAULTS	(1u << 1)

/**
 * Callback of iommufmt_pgtable_walk_range(): one leaf mapping (or run, or fault record).
 *
 * @param opaque The caller's pointer.
 * @param rec    The record; valid only during the call.
 * @return 0 to continue, non-zero to stop the walk (returned by it).
 */
typedef int (*iommufmt_walk_fn)(void *opaque, const struct iommufmt_xlate *rec);

/**
 * Report every leaf mapping in [@p start, @p last] in input-address order.
 *
 * Every leaf that intersects the range is reported whole (its record may
 * start before @p start). Addresses outside the format's input space (above
 * the IAS, non-canonical) are skipped. Empty subtrees are skipped; the work
 * is bounded by the table pages actually present. A subtree that cannot be
 * walked (unreadable table, reserved bits, bad level) is skipped, or
 * reported with IOMMUFMT_WALK_FAULTS as a record with a fault reason whose
 * @c iova and @c page_size give the input span skipped (a table that cannot
 * be read is reported once, from the failing entry to the table's end;
 * a span of 2^64 is reported as 2^64 - 1). The permissions of a record are
 * those AND-ed over its walk, as translation computes them.
 *
 * Tables that alias each other (an entry pointing at its own or an
 * ancestor's table) are walked as hardware would read them, within a
 * budget of one table visit per piece of flat guest memory the size of the
 * format's smallest table (4 KiB for x86-64, vtd-ss and amd-v1, the granule
 * for arm-lpae, 2 KiB for s390-dat page tables), plus 2^20 when a callback
 * serves other memory; past it the walk stops with -ELOOP. Tables that do
 * not alias each other never run out of it.
 *
 * @param pt     Prepared table.
 * @param gmem   Guest memory.
 * @param start  First input address.
 * @param last   Last input address (inclusive; 2^64-1 allowed).
 * @param flags  IOMMUFMT_WALK_*.
 * @param fn     Callback.
 * @param opaque Passed to @p fn.
 * @return 0, the callback's non-zero value, -EINVAL (NULL, start > last,
 *         unknown flags, a format without a range walker), -ELOOP (the
 *         visit budget ran out: aliased or cyclic tables).
 */
int iommufmt_pgtable_walk_range(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			__u64 start, __u64 last, __u32 flags, iommufmt_walk_fn fn, void *opaque);

/** iommufmt_pgtable_dirty_harvest() flag: clear the dirty bits that were reported. */
#define IOMMUFMT_DIRTY_CLEAR	(1u << 0)

/**
 * Harvest dirty bits for a range, one bit per 4 KiB page.
 *
 * Bit i of @p bitmap (64 bits per word, LSB first) stands for the page at
 * @p start + i * 4096; a dirty huge page sets the bits of all its 4 KiB
 * pages inside the range. With IOMMUFMT_DIRTY_CLEAR, a leaf is cleared only
 * when it lies wholly inside the range: a huge page that crosses @p start or
 * @p last is reported for its pages inside and stays dirty, so harvesting a
 * region in pieces never loses the dirty state of the other piece (the same
 * for every format).
 *
 * @param pt     Prepared table (its format must track dirty pages and the
 *               configuration must have IOMMUFMT_PGTABLE_F_AD).
 * @param gmem   Guest memory (writable where bits are cleared).
 * @param start  First address, 4 KiB aligned.
 * @param last   Last address; one bit per 4 KiB page that [start, last] touches
 *               (a partial last page counts), ((last - start) >> 12) + 1 bits.
 * @param flags  IOMMUFMT_DIRTY_*.
 * @param bitmap Output; zeroed first.
 * @param nbits  Capacity of @p bitmap in bits.
 * @return 0; -EINVAL (misaligned, range too large for @p nbits, NULL);
 *         -EOPNOTSUPP (no dirty tracking in this format or configuration);
 *         -EFAULT (a table could not be written when clearing).
 */
int iommufmt_pgtable_dirty_harvest(const struct iommufmt_pgtable *pt, const struct iommufmt_gmem *gmem,
			   __u64 start, __u64 last, __u32 flags, __u64 *bitmap, __u64 nbits);

/**
 * struct iommufmt_pgtable_arena - Caller memory in which builders put tables.
 *
 * A bump allocator over [gpa, gpa + size) backed by @c host. Tables are
 * zeroed when allocated. Describe the same memory as a region of the
 * struct iommufmt_gmem used to walk the tables. 32 bytes on every ABI (see
 * IOMMUFMT_PTR32).
 */
struct iommufmt_pgtable_arena {
	__u64 gpa;	/**< Guest-physical address of the first byte. */
	__u64 size;	/**< Bytes. */
	__u64 used;	/**< Bytes handed out so far. */
	void *host;	/**< Host memory behind it. */
#if IOMMUFMT_PTR32
	__u32 __ptr_pad;	/**< Explicit padding after a 32-bit pointer; ignored. */
#endif
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
 * An existing table with no leaf under it may be replaced by a larger page
 * (its memory stays in the arena). Formats that cannot express a
 * permission set reject it: x86-64 needs READ; vtd-ss needs READ or WRITE.
 * PRIV is the absence of USER (x86-64 U/S = 0); EXEC is applied only when
 * the configuration enforces execute permission.
 *
 * @param pt    Prepared table whose tables lie in @p arena.
 * @param arena Arena for new tables.
 * @param iova  Input address.
 * @param pa    Output address.
 * @param len   Length; iova, pa and len aligned to the smallest page size.
 * @param prot  IOMMUFMT_ACCESS_* to grant.
 * @param diag  Optional diagnostic record.
 * @return 0; -EINVAL (misaligned, zero length, wrap, outside IAS/OAS, not
 *         canonical, a permission set the format cannot express, a table
 *         outside the arena); -EOPNOTSUPP (unknown @p prot bits, an entry
 *         that skips levels in the way); -EEXIST (overlaps a mapping);
 *         -ENOSPC (arena full). On error nothing is mapped that was not
 *         mapped before (tables already allocated stay allocated, empty).
 */
int iommufmt_pgtable_map(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			 __u64 iova, __u64 pa, __u64 len, __u32 prot, struct iommufmt_diag *diag);

/**
 * Unmap [@p iova, @p iova + @p len); leaves must lie wholly inside the range.
 *
 * The range is checked first (nothing changes when a leaf crosses its
 * ends); the work is bounded by the tables present, not by @p len. Tables
 * stay in the arena, empty.
 *
 * @param pt    Prepared table whose tables lie in @p arena.
 * @param arena Arena.
 * @param iova  Input address.
 * @param len   Length.
 * @param diag  Optional diagnostic record.
 * @return 0; -EINVAL (misaligned, would split a larger page, wrap); -ENOENT
 *         (nothing mapped in the range); -ELOOP (aliased tables, see
 *         iommufmt_pgtable_walk_range()).
 */
int iommufmt_pgtable_unmap(const struct iommufmt_pgtable *pt, struct iommufmt_pgtable_arena *arena,
			   __u64 iova, __u64 len, struct iommufmt_diag *diag);

/** @} */

/* ======================================================================== */
/* SECTION: Host capabilities, negotiation and binding API.                  */
/* ======================================================================== */

/**
 * @defgroup api_bind Host description, negotiation and binding
 * @brief Decode a host IOMMU, agree on a guest vIOMMU configuration, and
 *        validate and convert PASID-table and page-table binds.
 *
 * The flow: iommufmt_host_new() decodes the raw registers iommufd reported
 * (struct iommufmt_hw_regs) into a host description; iommufmt_negotiate()
 * checks a wanted vIOMMU configuration against it, listing every
 * incompatibility; iommufmt_advertise() computes the registers the vIOMMU
 * shows its guest; at run time each bind the guest programs is checked with
 * iommufmt_bind_pasid_table_check() or iommufmt_bind_pgtable_check() (hot
 * path: no allocation, no lock, one indirect call) and converted with
 * iommufmt_bind_pasid_table_to_iommufd() / iommufmt_bind_pgtable_to_iommufd().
 * @{
 */

/** An opaque, immutable host description; safe to share between threads. */
struct iommufmt_host;

/**
 * Decode a host IOMMU's raw registers.
 *
 * @p regs follows the argsz copy rules; its payload (@c data_len bytes at
 * @c data_uptr, of the model's @c data_type) follows them too.
 *
 * @param regs What IOMMU_GET_HW_INFO returned, wrapped.
 * @param out  Out: the new host description (free with iommufmt_host_free()).
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL arguments, argsz or payload below VER0,
 *         inconsistent registers: IOMMUFMT_DIAG_HOST_REGS); -E2BIG
 *         (non-zero unknown tail); -EOPNOTSUPP (unknown flags, non-zero
 *         reserved field, unknown model: IOMMUFMT_DIAG_UNKNOWN_MODEL, model
 *         without host ops: IOMMUFMT_DIAG_NOT_IMPLEMENTED, data_type not the
 *         model's: IOMMUFMT_DIAG_HOST_DATA_TYPE); -ENOMEM.
 */
int iommufmt_host_new(const struct iommufmt_hw_regs *regs, struct iommufmt_host **out,
		      struct iommufmt_diag *diag);

/**
 * Free a host description. NULL is allowed.
 *
 * @param host From iommufmt_host_new().
 */
void iommufmt_host_free(struct iommufmt_host *host);

/**
 * The decoded description behind a host (read-only).
 *
 * @param host A host description.
 * @return Its struct iommufmt_host_desc, or NULL for NULL.
 */
const struct iommufmt_host_desc *iommufmt_host_get_desc(const struct iommufmt_host *host);

/**
 * Write the host as a struct iommufmt_hw_info with its capability chain.
 *
 * The chain holds one IOMMUFMT_CAP_PGTABLE_FORMAT per format, then
 * IOMMUFMT_CAP_PASID, _NESTING, _INVALIDATION and _FAULT. The VFIO too-small
 * rule applies (see iommufmt_caps_emit()): a short buffer is not an error.
 *
 * @param host   Host description.
 * @param buf    Caller's buffer (starts with struct iommufmt_hw_info).
 * @param buflen Its size, at least 8 (the buffer's argsz is ignored).
 * @param diag   Optional diagnostic record.
 * @return 0; -EINVAL (NULL, @p buflen below 8); -ENOMEM.
 */
int iommufmt_host_hw_info(const struct iommufmt_host *host, void *buf, size_t buflen,
			  struct iommufmt_diag *diag);

/**
 * Compute the registers a VMM should show its guest vIOMMU (VT-d cap/ecap,
 * SMMUv3 IDRs, AMD EFR, s390 function attributes), so that everything the
 * guest may program is nestable on this host.
 *
 * Only fields the guest can program or must know are derived from the host;
 * register-layout fields the VMM's emulation owns (VT-d FRO/NFR/IRO, SMMU
 * queue sizes, MSI) are left zero for the VMM to fill. One limit: AMD's EFR
 * cannot withhold the host (v1) table format, so a guest may still program
 * it; iommufmt_bind_pasid_table_check() rejects such a DTE (Mode != 0).
 *
 * @param host Host description.
 * @param cfg  Effective configuration from iommufmt_negotiate() to narrow
 *             the registers to, or NULL for everything the host can nest.
 * @param out  In: argsz, and data_uptr / data_len naming the buffer (the
 *             other fields are outputs; their input values are ignored).
 *             Out: model, variant, data_type, data_len = the full size,
 *             flags IOMMUFMT_HW_REGS_F_IOMMUFD with max_pasid_log2 and
 *             capabilities as iommufd would report them for the guest; the
 *             payload is written as iommufd writes GET_HW_INFO data.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, argsz below VER0, NULL buffer with a length);
 *         -E2BIG (non-zero tail of @p out); -EOPNOTSUPP (model without an
 *         advertise op, @p cfg for another model).
 */
int iommufmt_advertise(const struct iommufmt_host *host, const struct iommufmt_viommu_config *cfg,
		       struct iommufmt_hw_regs *out, struct iommufmt_diag *diag);

/**
 * Check a wanted guest vIOMMU configuration against the host.
 *
 * Every incompatibility is reported, not just the first: each one fills a
 * record of @p diags (IOMMUFMT_DIAG_NEG_*, field named, value and the host's
 * limit). A model mismatch is reported alone, since nothing else can be
 * compared.
 *
 * @param host     Host description.
 * @param req      Requested configuration (argsz rules apply).
 * @param eff      Out (optional): the effective configuration, copied out
 *                 by its argsz; written only on success.
 * @param diags    Output array of records, each of this library's size
 *                 (sizeof(struct iommufmt_diag)); may be NULL when
 *                 @p nr_diags is 0.
 * @param nr_diags In: capacity of @p diags; out: number of
 *                 incompatibilities found (0 on success).
 * @return 0 when compatible; -EOPNOTSUPP when not (all records written);
 *         -EMSGSIZE when not and @p diags is too small (the first
 *         capacity records written, @p nr_diags holds the count needed);
 *         -EINVAL / -E2BIG for a malformed @p req or NULL arguments
 *         (reported in diags[0] if there is room).
 */
int iommufmt_negotiate(const struct iommufmt_host *host, const struct iommufmt_viommu_config *req,
		       struct iommufmt_viommu_config *eff, struct iommufmt_diag *diags,
		       __u32 *nr_diags);

/**
 * Validate a PASID-table bind against the host.
 *
 * Checks the header (argsz rules, flags, reserved, model, config, format,
 * PASID bits, base address) and the native payload field by field; each
 * reject names the field and what the host supports. With @p gmem, the
 * table itself is read from guest memory and every present entry is checked
 * (bounded by the table size).
 *
 * @param host Host description.
 * @param bind The bind header; its payload at data_uptr.
 * @param gmem Guest memory for the deep check, or NULL.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (header or payload below VER0, illegal encodings,
 *         misaligned addresses, header/payload disagreement, PASID out of
 *         range); -E2BIG (non-zero unknown tail of header or payload);
 *         -EOPNOTSUPP (unknown flags, reserved bits, unsupported features or
 *         values beyond the host, another model's data:
 *         IOMMUFMT_DIAG_MODEL_MISMATCH, no PASID table on this model);
 *         -EFAULT (deep check: table unreadable); -EIO (deep check: a
 *         present entry is invalid, IOMMUFMT_DIAG_BIND_TABLE_ENTRY, index =
 *         the PASID).
 */
int iommufmt_bind_pasid_table_check(const struct iommufmt_host *host,
				    const struct iommufmt_bind_pasid_table *bind,
				    const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag);

/**
 * Validate a page-table bind against the host.
 *
 * As iommufmt_bind_pasid_table_check(); the deep check reads the root table.
 *
 * @param host Host description.
 * @param bind The bind header; its payload at data_uptr.
 * @param gmem Guest memory for the deep check, or NULL.
 * @param diag Optional diagnostic record.
 * @return As iommufmt_bind_pasid_table_check().
 */
int iommufmt_bind_pgtable_check(const struct iommufmt_host *host,
				const struct iommufmt_bind_pgtable *bind,
				const struct iommufmt_gmem *gmem, struct iommufmt_diag *diag);

/**
 * Validate an unbind and its release flags.
 *
 * @param host   Host description.
 * @param unbind The request (argsz rules apply).
 * @param diag   Optional diagnostic record.
 * @return 0; -EINVAL (argsz below VER0, not exactly one of PASID_TABLE /
 *         PGTABLE, both release flags, a release without a PASID, PASID out
 *         of range); -E2BIG; -EOPNOTSUPP (unknown flags, reserved, model).
 */
int iommufmt_unbind_check(const struct iommufmt_host *host, const struct iommufmt_unbind *unbind,
			  struct iommufmt_diag *diag);

/**
 * Validate a PASID-table bind and produce its IOMMU_HWPT_ALLOC data.
 *
 * @param host Host description.
 * @param bind The bind.
 * @param out  Out: data type and bytes in the kernel's layout (argsz rules).
 * @param diag Optional diagnostic record.
 * @return 0; any error of iommufmt_bind_pasid_table_check(); -EOPNOTSUPP
 *         when iommufd has no such data type (IOMMUFMT_DIAG_BIND_NO_IOMMUFD).
 */
int iommufmt_bind_pasid_table_to_iommufd(const struct iommufmt_host *host,
					 const struct iommufmt_bind_pasid_table *bind,
					 struct iommufmt_iommufd_hwpt *out, struct iommufmt_diag *diag);

/**
 * Validate a page-table bind and produce its IOMMU_HWPT_ALLOC data.
 *
 * @param host Host description.
 * @param bind The bind.
 * @param out  Out: data type, bytes, HWPT_ALLOC flags and PASID.
 * @param diag Optional diagnostic record.
 * @return As iommufmt_bind_pasid_table_to_iommufd().
 */
int iommufmt_bind_pgtable_to_iommufd(const struct iommufmt_host *host,
				     const struct iommufmt_bind_pgtable *bind,
				     struct iommufmt_iommufd_hwpt *out, struct iommufmt_diag *diag);

/**
 * Turn IOMMU_HWPT_ALLOC data back into a generic bind plus native payload,
 * then validate it.
 *
 * @param host         Host description (gives the model).
 * @param in           The iommufd data (argsz rules).
 * @param bind         Out: a struct iommufmt_bind_pasid_table or
 *                     iommufmt_bind_pgtable, by the returned kind; its
 *                     data_uptr points at @p payload.
 * @param bind_size    Size of @p bind; must hold the returned kind's struct.
 * @param payload      Out: the native payload.
 * @param payload_size Size of @p payload; must hold the payload.
 * @param diag         Optional diagnostic record.
 * @return IOMMUFMT_BIND_KIND_PASID_TABLE or IOMMUFMT_BIND_KIND_PGTABLE;
 *         -EINVAL (NULL, malformed @p in); -EMSGSIZE (@p bind or @p payload
 *         too small); -EOPNOTSUPP (data type not of this model); or any
 *         error of the check of the result.
 */
int iommufmt_bind_from_iommufd(const struct iommufmt_host *host,
			       const struct iommufmt_iommufd_hwpt *in, void *bind,
			       size_t bind_size, void *payload, size_t payload_size,
			       struct iommufmt_diag *diag);

/**
 * Validate a page-table bind and derive the configuration to walk the
 * guest's table with iommufmt_pgtable_prepare().
 *
 * @param host Host description.
 * @param bind The bind.
 * @param cfg  In: @c argsz, the size of the caller's struct iommufmt_pgtable_cfg
 *             (at least IOMMUFMT_PGTABLE_CFG_SIZE_VER0). Out: min(argsz, ours)
 *             bytes of the configuration, @c argsz raised to the library's size.
 *             Untouched on error.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (@p cfg NULL or its argsz below VER0); or any error of
 *         iommufmt_bind_pgtable_check().
 */
int iommufmt_bind_pgtable_cfg(const struct iommufmt_host *host,
			      const struct iommufmt_bind_pgtable *bind,
			      struct iommufmt_pgtable_cfg *cfg, struct iommufmt_diag *diag);

/**
 * Short stable name of a PASID-table format, e.g. "smmu-cd-2l-64k".
 *
 * @param format IOMMUFMT_PASIDT_*.
 * @return The name, or NULL when unknown.
 */
const char *iommufmt_pasidt_name(__u32 format);

/**
 * Look a PASID-table format up by its name.
 *
 * @param name Name as iommufmt_pasidt_name() gives it.
 * @return The IOMMUFMT_PASIDT_* id, or -ENOENT.
 */
int iommufmt_pasidt_by_name(const char *name);

/** @} */

/* ======================================================================== */
/* SECTION: Invalidation API.                                                */
/* ======================================================================== */

/**
 * @defgroup api_inval Invalidation: decode, check, encode, queues, iommufd
 * @brief Native invalidation commands to generic entries and back, for every model.
 *
 * A struct iommufmt_inv_cfg naming a model and its features is checked once
 * by iommufmt_inv_codec_prepare(); the hot-path functions then take the
 * prepared codec. Decoding checks each command against its opcode's
 * allow-list (every reserved bit, reserved field combinations, misaligned
 * or wrapping ranges, features the IOMMU lacks) and rejects it with -EIO
 * (or -EOPNOTSUPP for a legal command this library does not decode) and a
 * diagnostic naming the field. Hot paths allocate nothing and take no lock.
 *
 * Encoding emits the fewest native commands that cover an address range
 * exactly where the format can (VT-d power-of-two AM blocks up to the
 * codec's max_am, AMD and ATS S-bit blocks, SMMU NUM/SCALE ranges), so the
 * count grows with the logarithm of the range, never with its page count.
 * A format forces a wider scope in these cases, each reported with
 * IOMMUFMT_INV_ENC_WIDENED:
 * - more than IOMMUFMT_INV_ENCODE_MAX commands would be needed for one
 *   cache (a huge range with a small max_am, or an SMMU without range
 *   invalidation): the entry's domain, PASID or device is invalidated whole;
 * - an id the target's command needs is absent (VT-d needs a domain id for
 *   address, PASID-cache and context invalidations, SMMU a StreamID for CD
 *   invalidations, AMD a domain id): the next scope that needs no such id,
 *   up to global (AMD: INVALIDATE_IOMMU_ALL when IOMMUFMT_INV_CFG_INV_ALL);
 * - the SMMU encodes ranges in the host granule (cfg.granule): a range not
 *   aligned to it is rounded out to whole granules; a VT-d function mask
 *   that is not a low-bit range becomes the covering SMMU STE range;
 *   AMD blocks larger than 2^51 bytes become the whole address space;
 * - AMD has no PASID-cache command: a PASID-cache invalidation becomes the
 *   PASID's guest-translation flush (INVALIDATE_IOMMU_PAGES GN=1, all pages);
 *   AMD per-device commands cover at most 8 devices of a sid mask;
 * - SMMU STE invalidations always take the stream's CDs along; a global
 *   TLB invalidation without a VMID is TLBI_NSNH_ALL (stage 2 too); SMMU
 *   TLBs are tagged by ASID only, so a PASID-scope entry uses its archid as
 *   the ASID (without one: the VMID or everything);
 * - a VT-d target without PASID support flushes a PASID's range with the
 *   domain-wide type-2 descriptor (all PASIDs of the DID); a VMID-scoped
 *   global entry on VT-d or AMD (which have no VMID) becomes global. A VMID
 *   is dropped silently when a domain id names the space anyway;
 * - stage-2 translations carry no PASID tag: a STAGE2 address entry that
 *   names a PASID goes out by domain (VT-d IOTLB_PAGE by DID, AMD GN = 0)
 *   and to the ATC without PASID, for all of the domain's PASIDs; s390
 *   (one stage, no stage selector in RPCIT) refreshes the function's whole
 *   space for a STAGE2 address entry;
 * - an SMMU single-granule term of a granule that is neither 4K nor the
 *   codec's cfg.granule goes out as a two-granule range (NUM = 1), as
 *   Linux's arm_smmu_tlb_inv_range_cmd() does: the TG = 0 form might reach
 *   only the 4K leaf holding the address.
 * Parts that have no counterpart on the target are dropped and reported
 * with IOMMUFMT_INV_ENC_DROPPED: hints (level hints outside the SMMU,
 * prefetch, VT-d LPIG, drain flags a model lacks), and caches the target
 * does not have (interrupt remapping on an SMMU, anything but the IOTLB on
 * s390). A wait on s390 needs no command (RPCIT is synchronous) and gives
 * 0 commands. What cannot be widened safely is rejected with -EOPNOTSUPP
 * (IOMMUFMT_DIAG_INV_CANNOT_ENCODE): for example an ATS global-PASID
 * invalidation for AMD, a page response for s390, a resume for VT-d, an
 * id wider than the target's field. An id wider than the codec's
 * cfg.archid_bits / cfg.pasid_bits is rejected with -EOPNOTSUPP too
 * (IOMMUFMT_DIAG_INV_ID_RANGE), by the rule the codec's decoder applies.
 * @{
 */

/** Encode result flag: the emitted commands cover more than the entry asked for. */
#define IOMMUFMT_INV_ENC_WIDENED	(1u << 0)
/** Encode result flag: a hint or a cache the target lacks was dropped (possibly all of the entry). */
#define IOMMUFMT_INV_ENC_DROPPED	(1u << 1)
/** Largest number of native commands one cache of one entry is encoded into before widening. */
#define IOMMUFMT_INV_ENCODE_MAX		128

/** Words of struct iommufmt_inv_codec.priv a model may use. */
#define IOMMUFMT_INV_CODEC_PRIV_WORDS 4

/**
 * struct iommufmt_inv_codec - A checked native-command configuration.
 *
 * Filled by iommufmt_inv_codec_prepare(); read-only afterwards, so one
 * codec may be used from many threads.
 */
struct iommufmt_inv_codec {
	const struct iommufmt_model_ops *model;	/**< The model. */
	const struct iommufmt_inval_ops *ops;	/**< Its invalidation codec. */
	struct iommufmt_inv_cfg cfg;		/**< The configuration, as checked. */
	__u32 cmd_size;		/**< Bytes per native command (16, 24 or 32). */
	__u32 __reserved;	/**< Zero. */
	/**
	 * Opaque: constants a model's prepare op derives, read by its decode
	 * and encode. Callers allocate the codec (no allocation on the hot
	 * path) and never read or write this. No built-in model uses it yet;
	 * a model that does checks at compile time that its state fits
	 * (IOMMUFMT_INV_CODEC_PRIV_WORDS). Growth rule: the reserve never
	 * shrinks; a model needing more keeps the rest in its own static
	 * tables or behind one pointer stored here, so this struct's size
	 * changes only with a new soname.
	 */
	__u64 priv[IOMMUFMT_INV_CODEC_PRIV_WORDS];
};

/**
 * Check a configuration and prepare a codec for it.
 *
 * Per model: VT-d takes PASID, ATS, PRI and WIDE, and max_am (at most 63);
 * AMD takes PASID, ATS, PRI and INV_ALL; SMMU takes PASID, ATS, PRI, RANGE,
 * DS, STALL and STAGE2, and granule (0, 12, 14 or 16); s390 takes no flag.
 * pasid_bits is at most 20 and archid_bits at most 16 (0 = the field width).
 *
 * @param c    Out: the codec.
 * @param cfg  Configuration; its argsz follows the copy rules.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, argsz below VER0, a width or granule out of
 *         range), -E2BIG (non-zero unknown tail), -EOPNOTSUPP (unknown
 *         model, a model without an invalidation codec, flags or fields the
 *         model does not take, non-zero reserved field).
 */
int iommufmt_inv_codec_prepare(struct iommufmt_inv_codec *c, const struct iommufmt_inv_cfg *cfg,
			       struct iommufmt_diag *diag);

/**
 * Check a generic entry: op, caches, granularity, ids, range, flags.
 *
 * The rules are those of the abi.h invalidation section: the (cache,
 * granularity) table, the ids each granularity needs, whole-granule ranges
 * that do not pass 2^64, and zero in every field the entry does not use.
 *
 * @param e    Entry; its argsz follows the copy rules.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (argsz below VER0; an invalid combination, missing id,
 *         misaligned or wrapping range, pasid of 2^20 or more, a used field
 *         out of range), -E2BIG (non-zero unknown tail), -EOPNOTSUPP
 *         (unknown op, granularity, cache or flag bits; a field the entry
 *         does not use is not zero; native.__reserved not zero).
 */
int iommufmt_inv_entry_check(const struct iommufmt_inv_entry *e, struct iommufmt_diag *diag);

/**
 * Decode one native command.
 *
 * @param c    Prepared codec.
 * @param cmd  The command's bytes.
 * @param len  Their number: at least c->cmd_size (only that many are read).
 * @param out  Out: the entry; the caller sets out->argsz (VER0 or more) and
 *             min(argsz, sizeof) bytes are written, including native.
 * @param diag Optional diagnostic record.
 * @return 0; -EIO for an illegal command (IOMMUFMT_DIAG_INV_*: unknown
 *         opcode, reserved bit, bad field, reserved combination, misaligned
 *         or wrapping range, missing feature, id too wide); -EOPNOTSUPP for
 *         a legal command the library does not decode; -EINVAL (NULL, short
 *         @p len, out->argsz below VER0). On error @p out is unchanged.
 */
int iommufmt_inv_decode(const struct iommufmt_inv_codec *c, const void *cmd, size_t len,
			struct iommufmt_inv_entry *out, struct iommufmt_diag *diag);

/**
 * Decode a flat array of native commands into a batch of entries.
 *
 * @param c    Prepared codec.
 * @param cmds Commands, c->cmd_size bytes each.
 * @param len  Bytes at @p cmds: a multiple of c->cmd_size.
 * @param out  Batch: entry_len and entries_uptr say where entries go,
 *             entry_num is the capacity on input and the number written on
 *             output (also on error: 0 when it stopped before the first
 *             command). Written entries have argsz = entry_len;
 *             after an error the slot following them may hold a partial entry.
 * @param diag Optional diagnostic record; index = the bad command.
 * @return 0 when every command was decoded; -EMSGSIZE when there were more
 *         commands than capacity (entry_num = capacity, all written);
 *         errors as iommufmt_inv_decode() for the first bad command;
 *         -EINVAL (NULL, @p len not a multiple, bad entry_len).
 */
int iommufmt_inv_decode_array(const struct iommufmt_inv_codec *c, const void *cmds, size_t len,
			      struct iommufmt_inv_batch *out, struct iommufmt_diag *diag);

/**
 * Decode the commands a guest placed in its ring, with wrap-around.
 *
 * Reads slots head, head + 1, ... up to tail (modulo size) from guest
 * memory (or from the host buffer with IOMMUFMT_INV_QUEUE_F_HOST) and
 * decodes them into @p out until the ring is empty or @p out is full. On
 * return q->head is the first slot not decoded. A command that cannot be
 * read or decoded stops processing there: q->head = q->err_index = its
 * slot, q->err_class and q->native_err say what the emulated IOMMU reports
 * to the guest, and the error is returned.
 *
 * @param c    Prepared codec.
 * @param gmem Guest memory (may be NULL with IOMMUFMT_INV_QUEUE_F_HOST).
 * @param q    Queue; its argsz follows the copy rules; written back.
 * @param out  Batch for the entries (entry_num: capacity in, written out,
 *             also on error: 0 when the queue was refused before its first
 *             slot; after an error the slot following them may hold a
 *             partial entry).
 * @param diag Optional diagnostic record; index = the slot.
 * @return 0 (ring empty, or @p out full: compare q->head with q->tail);
 *         -EINVAL (head or tail outside the ring, IOMMUFMT_DIAG_INV_QUEUE_INDEX;
 *         entry_size not the codec's; a ring wrapping the address space;
 *         NULL); -EOPNOTSUPP (unknown flags, reserved field); -E2BIG;
 *         -EFAULT (a slot not readable, class IOMMUFMT_INV_ERR_FETCH);
 *         decode errors as iommufmt_inv_decode() (class ILLEGAL).
 */
int iommufmt_inv_queue_decode(const struct iommufmt_inv_codec *c, const struct iommufmt_gmem *gmem,
			      struct iommufmt_inv_queue *q, struct iommufmt_inv_batch *out,
			      struct iommufmt_diag *diag);

/**
 * Encode one generic entry as native commands of the codec's model.
 *
 * The entry is checked first (iommufmt_inv_entry_check()). An entry naming
 * several caches becomes the commands of each cache in turn. @c aux is used
 * only when e->native.model is the codec's model. See the group
 * description for the ranges, widening and dropping rules.
 *
 * @param c         Prepared codec (the target).
 * @param e         Entry.
 * @param out       Output buffer.
 * @param out_len   Its size in bytes.
 * @param nr_cmds   Out: commands written (0 is possible: all dropped), or
 *                  the number needed with -EMSGSIZE.
 * @param enc_flags Optional out: IOMMUFMT_INV_ENC_* (cleared first).
 * @param diag      Optional diagnostic record.
 * @return 0; -EMSGSIZE (@p out too small; nothing written); -EOPNOTSUPP
 *         (the model cannot express the entry; an id wider than the codec's
 *         archid_bits / pasid_bits, IOMMUFMT_DIAG_INV_ID_RANGE); entry
 *         check errors.
 */
int iommufmt_inv_encode(const struct iommufmt_inv_codec *c, const struct iommufmt_inv_entry *e,
			void *out, size_t out_len, __u32 *nr_cmds, __u32 *enc_flags,
			struct iommufmt_diag *diag);

/**
 * Check every entry of a batch.
 *
 * @param b    Batch; b->entry_num becomes the number of entries that passed
 *             before the first bad one (all of them on success).
 * @param diag Optional diagnostic record; index = the bad entry.
 * @return 0; -EINVAL (entry_len below VER0 or 0 with entries, NULL pointer
 *         with entries, an entry's argsz not equal to entry_len, a bad
 *         entry); -E2BIG (non-zero bytes past the library's entry);
 *         -EOPNOTSUPP (batch flags, bad entry).
 */
int iommufmt_inv_batch_check(struct iommufmt_inv_batch *b, struct iommufmt_diag *diag);

/**
 * Encode a batch of generic entries as native commands.
 *
 * Entries are handled in order; b->entry_num becomes the number fully
 * encoded, so after an error the caller resumes after the failed entry
 * (or, after -EMSGSIZE, at it with a fresh buffer). entry_num = 0 only
 * checks that the codec can encode.
 *
 * @param c         Prepared codec.
 * @param b         Batch (entry_num in/out).
 * @param out       Output buffer.
 * @param out_len   Its size.
 * @param out_used  Out: bytes written (also on error).
 * @param enc_flags Optional out: IOMMUFMT_INV_ENC_* ORed over all entries.
 * @param diag      Optional diagnostic record; index = the entry.
 * @return 0, -EMSGSIZE (the next entry does not fit; diag value = bytes it
 *         needs), or the errors of iommufmt_inv_batch_check() and
 *         iommufmt_inv_encode().
 */
int iommufmt_inv_batch_encode(const struct iommufmt_inv_codec *c, struct iommufmt_inv_batch *b,
			      void *out, size_t out_len, size_t *out_used, __u32 *enc_flags,
			      struct iommufmt_diag *diag);

/**
 * Convert one native command from one model to another: decode on @p from,
 * encode on @p to (e.g. a guest SMMU's command for a VT-d host).
 *
 * Ids are copied unchanged (archid to archid, sid to sid): a VMM maps guest
 * ids to host ids between iommufmt_inv_decode() and iommufmt_inv_encode()
 * when they differ. Widening and dropping follow iommufmt_inv_encode().
 *
 * @param from      Codec of the source model.
 * @param to        Codec of the target model.
 * @param cmd       Source command.
 * @param len       Its length (at least from->cmd_size).
 * @param out       Output buffer.
 * @param out_len   Its size.
 * @param nr_cmds   Out: target commands written (or needed, -EMSGSIZE).
 * @param enc_flags Optional out: IOMMUFMT_INV_ENC_*.
 * @param diag      Optional diagnostic record.
 * @return 0, or the errors of iommufmt_inv_decode() and iommufmt_inv_encode().
 */
int iommufmt_inv_convert(const struct iommufmt_inv_codec *from, const struct iommufmt_inv_codec *to,
			 const void *cmd, size_t len, void *out, size_t out_len, __u32 *nr_cmds,
			 __u32 *enc_flags, struct iommufmt_diag *diag);

/**
 * Convert one generic entry to kernel IOMMU_HWPT_INVALIDATE entries.
 *
 * The host codec's model chooses the layout: VT-d gives struct
 * iommufmt_iommufd_vtd_s1_inv (IOTLB invalidations; a scope wider than an
 * address range becomes addr 0, npages ~0; LEAF is kept), SMMU gives struct
 * iommufmt_iommufd_smmuv3_inv (the host codec's commands, kept if on the
 * kernel's allow-list). Commands the kernel does its own way are dropped
 * (IOMMUFMT_INV_ENC_DROPPED): syncs, device-TLB invalidations on VT-d
 * (implied by ATS), configuration invalidations and page responses, which
 * the VMM handles through its HWPTs and the fault queue.
 *
 * @param host      Prepared codec of the host IOMMU (VT-d or SMMU).
 * @param e         Entry.
 * @param out       Output array of kernel entries.
 * @param out_len   Its size in bytes.
 * @param nr        Out: kernel entries written (or needed, -EMSGSIZE).
 * @param enc_flags Optional out: IOMMUFMT_INV_ENC_*.
 * @param diag      Optional diagnostic record.
 * @return 0; -EMSGSIZE; -EOPNOTSUPP (host model without an iommufd
 *         invalidation type, IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL for SMMU
 *         stage-2 TLB invalidations the kernel rejects); entry errors.
 */
int iommufmt_inv_to_iommufd(const struct iommufmt_inv_codec *host, const struct iommufmt_inv_entry *e,
			    void *out, size_t out_len, __u32 *nr, __u32 *enc_flags,
			    struct iommufmt_diag *diag);

/**
 * Convert a batch of generic entries to one IOMMU_HWPT_INVALIDATE call.
 *
 * Fills @p inv (size, data_uptr = @p out, data_type, entry_len, entry_num;
 * hwpt_id is left as the caller set it), also on an error after the
 * arguments were checked: inv->entry_num then counts the kernel entries of
 * the generic entries converted before it. b->entry_num becomes the number
 * of generic entries converted, also on error.
 *
 * @param host      Prepared codec of the host IOMMU.
 * @param b         Batch (entry_num in/out).
 * @param inv       Out: the ioctl argument.
 * @param out       Output array of kernel entries.
 * @param out_len   Its size in bytes.
 * @param enc_flags Optional out: IOMMUFMT_INV_ENC_* ORed over all entries.
 * @param diag      Optional diagnostic record; index = the entry.
 * @return 0, -EMSGSIZE (the next entry does not fit), or the errors of
 *         iommufmt_inv_batch_check() and iommufmt_inv_to_iommufd().
 */
int iommufmt_inv_batch_to_iommufd(const struct iommufmt_inv_codec *host, struct iommufmt_inv_batch *b,
				  struct iommufmt_iommufd_hwpt_invalidate *inv, void *out,
				  size_t out_len, __u32 *enc_flags, struct iommufmt_diag *diag);

/**
 * Name of a native command, e.g. "TLBI_NH_VA" or "IOTLB_PSI".
 *
 * @param c   Prepared codec.
 * @param cmd The command's bytes.
 * @param len Their number.
 * @return A constant string; "?" for an unknown opcode, NULL for NULL
 *         arguments or a short @p len.
 */
const char *iommufmt_inv_cmd_name(const struct iommufmt_inv_codec *c, const void *cmd, size_t len);

/**
 * The model's own error code for an error class.
 *
 * SMMU: the CMDQ_CONS.ERR value (1 CERROR_ILL, 2 CERROR_ABT, 3
 * CERROR_ATC_INV_SYNC); VT-d: the FSTS bit (IQE 0x10, ITE 0x40); AMD: the
 * event code (5 ILLEGAL_COMMAND_ERROR, 6 COMMAND_HARDWARE_ERROR, 7
 * IOTLB_INV_TIMEOUT); s390: the RPCIT condition code (1).
 *
 * @param c         Prepared codec.
 * @param err_class IOMMUFMT_INV_ERR_*.
 * @return The code, 0 for IOMMUFMT_INV_ERR_NONE, an unknown class or NULL.
 */
__u32 iommufmt_inv_native_error(const struct iommufmt_inv_codec *c, __u32 err_class);

/** @} */

/* ======================================================================== */
/* SECTION: IOVA space API.                                                  */
/* ======================================================================== */

/**
 * @defgroup api_iova IOVA space
 * @brief Usable IOVA ranges, map and attach checks, huge-page plans, importers.
 *
 * A struct iommufmt_iova_space models one container (VFIO) or IOAS
 * (iommufd): the usable ranges are the intersection of the apertures of
 * every domain added, minus every reserved region of every group added,
 * kept as sorted, merged, inclusive ranges (2^64-1 is a valid last
 * address). Adding k regions to n costs a radix sort of the k and a linear
 * merge, O(n + k); queries are
 * binary searches that allocate nothing and take no lock, so a space that
 * is no longer modified may be queried from many threads.
 *
 * Every function that fills an array follows one rule, iommufd's: on input
 * the count is the array's capacity; on output it is the total; as many
 * entries as fit are written, and when the total does not fit the call
 * returns -EMSGSIZE (IOMMUFMT_DIAG_OUTPUT_SMALL).
 * @{
 */

/** An opaque IOVA space: domain apertures, reserved regions, usable ranges. */
struct iommufmt_iova_space;

/**
 * iommufmt_iova_space_new() flag: direct-relaxable regions do not block
 * mappings (they are dropped when added), as VFIO type1 does for assigned
 * devices. Without it every reserved region type blocks.
 */
#define IOMMUFMT_IOVA_SPACE_RELAX	(1u << 0)

/**
 * Create an empty space: no domain yet (the aperture is all 64 bits), no
 * reserved region, unknown page sizes.
 *
 * @param flags IOMMUFMT_IOVA_SPACE_*.
 * @return The space, or NULL when out of memory or @p flags holds unknown bits.
 */
struct iommufmt_iova_space *iommufmt_iova_space_new(__u32 flags);

/**
 * Free a space. NULL is allowed.
 *
 * @param sp Space from iommufmt_iova_space_new().
 */
void iommufmt_iova_space_free(struct iommufmt_iova_space *sp);

/**
 * Add a domain: intersect the aperture with the domain's, and the page
 * sizes with the domain's.
 *
 * @param sp       Space.
 * @param aperture The domain's aperture as ranges, in any order; they may
 *                 overlap. No range means the domain can map nothing.
 * @param nr       Their number.
 * @param pgsizes  The domain's page-size bitmap (bit n: 2^n bytes), or 0
 *                 when unknown (no constraint).
 * @param diag     Optional diagnostic record.
 * @return 0; -EINVAL (NULL space, NULL ranges with a count, a range with
 *         start > last: IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, index = range);
 *         -ENOMEM. On error the space is unchanged.
 */
int iommufmt_iova_space_add_domain(struct iommufmt_iova_space *sp,
				   const struct iommufmt_iova_range *aperture, __u32 nr,
				   __u64 pgsizes, struct iommufmt_diag *diag);

/**
 * Add the reserved regions of a group; they are subtracted from the aperture.
 *
 * Regions may come in any order, overlap, nest or touch; each keeps its type.
 *
 * @param sp      Space.
 * @param regions The regions.
 * @param nr      Their number.
 * @param diag    Optional diagnostic record (index = offending region).
 * @return 0; -EINVAL (NULL arguments, start > last:
 *         IOMMUFMT_DIAG_IOVA_RANGE_INVERTED, more than 2^30 regions in all:
 *         IOMMUFMT_DIAG_IOVA_TOO_MANY); -EOPNOTSUPP (unknown type or non-zero
 *         flags); -ENOMEM. On error the space is unchanged.
 */
int iommufmt_iova_space_add_resv(struct iommufmt_iova_space *sp,
				 const struct iommufmt_resv_region *regions, __u32 nr,
				 struct iommufmt_diag *diag);

/**
 * The usable ranges: sorted, disjoint, not adjacent, inclusive.
 *
 * @param sp   Space.
 * @param out  Output array (may be NULL when *@p nr is 0).
 * @param nr   In: capacity of @p out; out: the number of usable ranges.
 * @param diag Optional diagnostic record.
 * @return 0; -EMSGSIZE (array too small; as many as fit were written);
 *         -EINVAL (NULL space or @p nr).
 */
int iommufmt_iova_space_usable(const struct iommufmt_iova_space *sp,
			       struct iommufmt_iova_range *out, __u32 *nr,
			       struct iommufmt_diag *diag);

/**
 * The blocking reserved regions, sorted by start address, as added.
 *
 * @param sp   Space.
 * @param out  Output array (may be NULL when *@p nr is 0).
 * @param nr   In: capacity; out: the number of regions.
 * @param diag Optional diagnostic record.
 * @return 0, -EMSGSIZE or -EINVAL, as iommufmt_iova_space_usable().
 */
int iommufmt_iova_space_resv(const struct iommufmt_iova_space *sp,
			     struct iommufmt_resv_region *out, __u32 *nr,
			     struct iommufmt_diag *diag);

/**
 * The page sizes every domain supports.
 *
 * @param sp Space.
 * @return The AND of the non-zero page-size bitmaps of the domains, or 0
 *         when none was given (or @p sp is NULL).
 */
__u64 iommufmt_iova_space_pgsizes(const struct iommufmt_iova_space *sp);

/**
 * Report the usable ranges in iommufd form (struct iommufmt_iova_ranges).
 *
 * @p arg follows the argsz copy rules. The ranges are written through
 * @c allowed_iovas; @c num_iovas and @c out_iova_alignment are written back.
 *
 * @param sp   Space.
 * @param arg  The request (its argsz is its size).
 * @param diag Optional diagnostic record.
 * @return 0; -EMSGSIZE (num_iovas was too small: it now holds the count
 *         needed, and as many ranges as fit were written); -EINVAL (argsz
 *         below VER0, NULL pointers, a NULL array with a capacity); -E2BIG
 *         (non-zero unknown tail); -EOPNOTSUPP (unknown flags, non-zero
 *         reserved field).
 */
int iommufmt_iova_space_get_ranges(const struct iommufmt_iova_space *sp,
				   struct iommufmt_iova_ranges *arg, struct iommufmt_diag *diag);

/** iommufmt_iova_space_add_caps() flag: append the usable ranges (IOMMUFMT_CAP_IOVA_RANGES). */
#define IOMMUFMT_IOVA_CAPS_RANGES	(1u << 0)
/** iommufmt_iova_space_add_caps() flag: append the reserved regions (IOMMUFMT_CAP_RESV_REGIONS). */
#define IOMMUFMT_IOVA_CAPS_RESV		(1u << 1)

/**
 * Append the space to a capability chain: the usable ranges as one counted
 * IOMMUFMT_CAP_IOVA_RANGES capability and/or the regions as one
 * IOMMUFMT_CAP_RESV_REGIONS capability. iommufmt_caps_emit() then applies
 * the VFIO too-small rule.
 *
 * @param sp    Space.
 * @param caps  Builder.
 * @param flags IOMMUFMT_IOVA_CAPS_*; at least one.
 * @param diag  Optional diagnostic record.
 * @return 0; -EINVAL (NULL arguments, no flag, more ranges or regions than
 *         one capability holds: nothing is appended); -EOPNOTSUPP (unknown
 *         flags); -ENOMEM. On error nothing is appended.
 */
int iommufmt_iova_space_add_caps(const struct iommufmt_iova_space *sp, struct iommufmt_caps *caps,
				 __u32 flags, struct iommufmt_diag *diag);

/**
 * Check a map request against the usable ranges.
 *
 * @p req follows the argsz copy rules; its out_ fields are written back
 * (min(argsz, sizeof) bytes) whenever the request was understood.
 *
 * @param sp   Space.
 * @param req  The request.
 * @param diag Optional diagnostic record: the conflicting region's bounds
 *             are in value (start) and limit (last), the text names its type.
 * @return 0 when the request lies inside one usable range; -EINVAL when it
 *         does not (IOMMUFMT_DIAG_IOVA_MAP_RESERVED or
 *         IOMMUFMT_DIAG_IOVA_MAP_APERTURE, out_ fields filled), for a zero
 *         length (IOMMUFMT_DIAG_IOVA_ZERO_LENGTH), a request that wraps
 *         (IOMMUFMT_DIAG_IOVA_WRAP), argsz below VER0 or NULL pointers;
 *         -E2BIG (non-zero unknown tail); -EOPNOTSUPP (unknown flags).
 */
int iommufmt_iova_check_map(const struct iommufmt_iova_space *sp,
			    struct iommufmt_iova_map_check *req, struct iommufmt_diag *diag);

/**
 * Check that a group may be attached to a container with existing mappings.
 *
 * @p group describes the group being attached: its domain aperture(s) and
 * reserved regions. Every part of every mapping that overlaps one of its
 * blocking regions, or lies outside its aperture, is a conflict. Conflicts
 * are listed per mapping, in the order of @p mappings: first the reserved
 * regions by start address, then the aperture gaps by address.
 *
 * @param group       The group's space.
 * @param mappings    Existing mappings, each start <= last, in any order.
 * @param nr_mappings Their number.
 * @param out         Output array of conflicts (may be NULL when *@p nr is 0).
 * @param nr          In: capacity of @p out; out: the number of conflicts.
 * @param diag        Optional diagnostic record (the first conflict;
 *                    index = its mapping).
 * @return 0 when there is no conflict; -EINVAL when there are conflicts
 *         and all were listed (IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT), or for
 *         NULL arguments and inverted mappings
 *         (IOMMUFMT_DIAG_IOVA_RANGE_INVERTED); -EMSGSIZE when there are more
 *         conflicts than room (as many as fit were written).
 */
int iommufmt_iova_check_attach(const struct iommufmt_iova_space *group,
			       const struct iommufmt_iova_range *mappings, __u32 nr_mappings,
			       struct iommufmt_iova_conflict *out, __u32 *nr,
			       struct iommufmt_diag *diag);

/** Most runs a map plan can have (sizes only grow, then only shrink). */
#define IOMMUFMT_IOVA_PLAN_MAX_CHUNKS	127

/**
 * Split a map request into the fewest IOMMU pages.
 *
 * A page of size p may be used where both the input and the output address
 * are p-aligned; the plan takes, at each address, the largest such page that
 * fits, which gives the fewest pages. Equal consecutive pages are returned
 * as runs; there are at most IOMMUFMT_IOVA_PLAN_MAX_CHUNKS runs.
 *
 * @param iova    Input address.
 * @param pa      Output address.
 * @param len     Length; not zero; @p iova, @p pa and @p len are multiples
 *                of the smallest page size.
 * @param pgsizes Page-size bitmap (bit n: 2^n bytes); not zero.
 * @param out     Output runs (may be NULL when *@p nr is 0).
 * @param nr      In: capacity of @p out; out: the number of runs.
 * @param pages   Optional out: the number of pages in all runs.
 * @param diag    Optional diagnostic record.
 * @return 0; -EMSGSIZE (too many runs for @p out); -EINVAL (zero length:
 *         IOMMUFMT_DIAG_IOVA_ZERO_LENGTH; input or output range wraps:
 *         IOMMUFMT_DIAG_IOVA_WRAP; empty bitmap or misaligned address or
 *         length: IOMMUFMT_DIAG_IOVA_PGSIZE; NULL @p nr).
 */
int iommufmt_iova_map_plan(__u64 iova, __u64 pa, __u64 len, __u64 pgsizes,
			   struct iommufmt_iova_chunk *out, __u32 *nr, __u64 *pages,
			   struct iommufmt_diag *diag);

/**
 * What the holes cost: for each blocking region and each page size larger
 * than the smallest, the pages of that size the region forbids (see struct
 * iommufmt_iova_hole_cost). Rows with no cost are left out; rows come by
 * region (in start order), then by page size (ascending).
 *
 * @param sp      Space.
 * @param pgsizes Page-size bitmap; 0 takes the space's
 *                (iommufmt_iova_space_pgsizes()).
 * @param out     Output rows (may be NULL when *@p nr is 0).
 * @param nr      In: capacity; out: number of rows.
 * @param diag    Optional diagnostic record.
 * @return 0; -EMSGSIZE; -EINVAL (NULL arguments, no page sizes:
 *         IOMMUFMT_DIAG_IOVA_PGSIZE).
 */
int iommufmt_iova_hole_cost(const struct iommufmt_iova_space *sp, __u64 pgsizes,
			    struct iommufmt_iova_hole_cost *out, __u32 *nr,
			    struct iommufmt_diag *diag);

/**
 * iommufmt_iova_layout() flag: pack RAM tightly from the base, splitting it
 * only at holes (the naive layout, for comparison).
 */
#define IOMMUFMT_IOVA_LAYOUT_PACK	(1u << 0)

/**
 * Propose a guest-physical layout for guest RAM that keeps it out of every
 * hole and maps as much of it as possible with the largest pages.
 *
 * The RAM blocks are assumed to be backed by host memory aligned to the
 * largest page size, and guest-physical addresses are used as IOVAs (the
 * VMM maps guest RAM 1:1 for assigned devices). Pieces are placed largest
 * page size first: every piece of size class p is a multiple of p placed at
 * a p-aligned address at the same offset modulo p as in its block, so the
 * bytes mapped with the largest page size are the most the usable ranges
 * allow; the rest goes into the remaining space with the best alignment
 * available. Segments come sorted by block, then by offset.
 *
 * @param sp        Space (usable ranges).
 * @param base      Lowest guest-physical address for RAM.
 * @param ram_sizes Sizes of the RAM blocks (multiples of the smallest page).
 * @param nr_ram    Their number.
 * @param pgsizes   Page-size bitmap; 0 takes the space's.
 * @param flags     IOMMUFMT_IOVA_LAYOUT_*.
 * @param out       Output segments (may be NULL when *@p nr is 0).
 * @param nr        In: capacity; out: number of segments.
 * @param diag      Optional diagnostic record.
 * @return 0; -EMSGSIZE; -ENOSPC (the RAM does not fit above @p base:
 *         IOMMUFMT_DIAG_IOVA_NO_ROOM); -EINVAL (NULL arguments, no page
 *         sizes, misaligned base or size: IOMMUFMT_DIAG_IOVA_PGSIZE, zero
 *         size: IOMMUFMT_DIAG_IOVA_ZERO_LENGTH); -EOPNOTSUPP (unknown
 *         flags); -ENOMEM.
 */
int iommufmt_iova_layout(const struct iommufmt_iova_space *sp, __u64 base,
			 const __u64 *ram_sizes, __u32 nr_ram, __u64 pgsizes, __u32 flags,
			 struct iommufmt_iova_ram_segment *out, __u32 *nr,
			 struct iommufmt_diag *diag);

/**
 * struct iommufmt_iova_layout_stats - How a layout maps with IOMMU pages.
 */
struct iommufmt_iova_layout_stats {
	__u64 ram_bytes;	/**< RAM in all segments. */
	__u64 largest_bytes;	/**< RAM mapped with the largest page size. */
	__u64 largest_pgsize;	/**< The largest page size of the bitmap. */
	__u64 pages;		/**< IOMMU pages (leaf entries) needed to map all segments. */
	__u64 largest_pages;	/**< How many of those are of the largest size. */
	__u64 runs;		/**< Map-plan runs (map_pages() calls) needed. */
};

/**
 * Count the IOMMU pages a layout needs, planning each segment with
 * iommufmt_iova_map_plan() (output address = the segment's offset in its
 * block, i.e. host memory aligned to the largest page size).
 *
 * @param seg     Segments, e.g. from iommufmt_iova_layout().
 * @param nr      Their number.
 * @param pgsizes Page-size bitmap; not zero.
 * @param stats   Out: the counts.
 * @param diag    Optional diagnostic record (index = segment).
 * @return 0, or -EINVAL as iommufmt_iova_map_plan() for a segment, for
 *         segments adding up to more than 2^64 bytes
 *         (IOMMUFMT_DIAG_OVERFLOW), or NULL arguments.
 */
int iommufmt_iova_layout_stats(const struct iommufmt_iova_ram_segment *seg, __u32 nr,
			       __u64 pgsizes, struct iommufmt_iova_layout_stats *stats,
			       struct iommufmt_diag *diag);

/**
 * Name of a reserved region type, as this library spells it: "reserved",
 * "msi", "sw-msi", "direct", "direct-relaxable", "bridge-window".
 *
 * @param type IOMMUFMT_RESV_*.
 * @return The name, or NULL for an unknown type.
 */
const char *iommufmt_resv_type_name(__u32 type);

/**
 * Parse a reserved region type name: this library's names, and the words
 * Linux prints in reserved_regions ("msi-sw" is taken as "sw-msi").
 *
 * @param name The name.
 * @param len  Its length (it need not be NUL-terminated).
 * @return IOMMUFMT_RESV_* (zero or positive), or -EINVAL when unknown.
 */
int iommufmt_resv_type_by_name(const char *name, size_t len);

/**
 * Import a VFIO_IOMMU_GET_INFO reply (struct vfio_iommu_type1_info with its
 * capability chain) as one domain: its IOVA-range capability becomes the
 * aperture, iova_pgsizes the page sizes.
 *
 * The chain is checked whole before it is used: entries ascend strictly
 * (so loops are impossible), lie inside min(@p len, argsz), and are 4-byte
 * aligned (VFIO aligned capabilities to 8 bytes only in Linux 6.6; older
 * kernels place the IOVA-range capability after a 12-byte one). Unknown
 * capabilities are skipped.
 *
 * @param sp   Space.
 * @param buf  The reply, in host byte order, as the kernel wrote it.
 * @param len  Bytes readable at @p buf.
 * @param diag Optional diagnostic record.
 * @return 0; -EMSGSIZE (the caller's buffer was too small for the chain:
 *         IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED, limit = the argsz needed);
 *         -ENOENT (no chain or no IOVA-range capability:
 *         IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES); -EINVAL (reply shorter than
 *         the fixed part, malformed chain: IOMMUFMT_DIAG_CAP_*, a range with
 *         start > end, a capability with no range:
 *         IOMMUFMT_DIAG_IOVA_ZERO_LENGTH); -EOPNOTSUPP (capability version
 *         other than 1, non-zero reserved field); -ENOMEM. On error the
 *         space is unchanged.
 */
int iommufmt_iova_import_vfio(struct iommufmt_iova_space *sp, const void *buf, size_t len,
			      struct iommufmt_diag *diag);

/**
 * Import the properties of a virtio-iommu PROBE reply: every RESV_MEM
 * property becomes a reserved region (subtype MSI: IOMMUFMT_RESV_MSI;
 * RESERVED and unknown subtypes: IOMMUFMT_RESV_RESERVED).
 *
 * Following the virtio specification, a property's length is never inferred
 * from its type; properties of unknown type and properties whose reserved
 * type bits are set are skipped; the list ends at a property of type 0 or at
 * the end of the buffer.
 *
 * @param sp    Space.
 * @param props The properties[] part of the reply (little-endian).
 * @param len   Its size (the device's probe_size).
 * @param diag  Optional diagnostic record (index = property number).
 * @return The number of regions imported; -EINVAL (a property running past
 *         the end: IOMMUFMT_DIAG_IOVA_PROP_OVERRUN; a RESV_MEM property
 *         shorter than 20 bytes: IOMMUFMT_DIAG_IOVA_PROP_SHORT; start > end;
 *         a cut-off property header); -ENOMEM. On error nothing is imported.
 */
int iommufmt_iova_import_virtio(struct iommufmt_iova_space *sp, const void *props, size_t len,
				struct iommufmt_diag *diag);

/**
 * Import the text of Linux's /sys/kernel/iommu_groups/N/reserved_regions:
 * one "0xSTART 0xLAST TYPE" line per region, TYPE one of the words of
 * iommufmt_resv_type_by_name(). Linux prints software MSI windows as
 * "msi" too, so they come in as IOMMUFMT_RESV_MSI; an unknown word comes in
 * as IOMMUFMT_RESV_RESERVED (never mapped).
 *
 * @param sp   Space.
 * @param text The file's bytes (need not be NUL-terminated).
 * @param len  Their number.
 * @param diag Optional diagnostic record (index = line number, from 1).
 * @return The number of regions imported; -EINVAL (a malformed line:
 *         IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX; start > last); -ENOMEM. On error
 *         nothing is imported.
 */
int iommufmt_iova_import_sysfs(struct iommufmt_iova_space *sp, const char *text, size_t len,
			       struct iommufmt_diag *diag);

/**
 * Import iommufd's answer to IOMMU_IOAS_IOVA_RANGES as one domain: the
 * allowed ranges (an array of struct iommu_iova_range, laid out like struct
 * iommufmt_iova_range) become the aperture, and out_iova_alignment the page
 * sizes (every power of two from it up).
 *
 * @param sp              Space.
 * @param ranges          The array, as the kernel wrote it.
 * @param len             Bytes readable at @p ranges.
 * @param num_iovas       The count the kernel returned.
 * @param iova_alignment  out_iova_alignment: a power of two (1: any).
 * @param diag            Optional diagnostic record (index = range).
 * @return 0; -EINVAL (the count does not fit @p len, a range with start >
 *         last, ranges not sorted and disjoint: IOMMUFMT_DIAG_IOVA_UNSORTED,
 *         alignment not a power of two); -ENOMEM.
 */
int iommufmt_iova_import_iommufd(struct iommufmt_iova_space *sp, const void *ranges, size_t len,
				 __u32 num_iovas, __u64 iova_alignment,
				 struct iommufmt_diag *diag);

/** @} */

/* ======================================================================== */
/* Faults and page requests                                                 */
/* ======================================================================== */

/**
 * @defgroup api_fault Faults and page requests: check, route, iommufd forms
 *
 * A fault reaches a VMM three ways: its own walker fails while it emulates a
 * vIOMMU (iommufmt_fault_from_xlate()), the host kernel reports it on an
 * iommufd fault queue (iommufmt_fault_from_iommufd()) or vEVENTQ
 * (iommufmt_vevent_next()), or the VMM reads a native record. Each becomes
 * a struct iommufmt_fault; iommufmt_fault_route() says who handles it, and
 * a page request is answered with iommufmt_fault_iommufd_response() (or a
 * native page-response command through the invalidation codecs,
 * IOMMUFMT_INV_OP_PAGE_RESP).
 *
 * Page response codes (IOMMUFMT_INV_RESP_*) and where they go:
 * | generic  | PCIe PRG / VT-d / AMD | SMMU PRI_RESP   | iommufd          |
 * |----------|-----------------------|-----------------|------------------|
 * | SUCCESS  | 0 Success             | Success         | SUCCESS          |
 * | INVALID  | 1 Invalid Request     | Denied          | INVALID          |
 * | FAILURE  | 0xf Response Failure  | Failure         | none: -EOPNOTSUPP |
 * iommufd dropped Response Failure because it disables PRI for every
 * function sharing it; a VMM emulates it as a PRI reset instead.
 * @{
 */

/**
 * Check a fault record: argsz rules, known flags, kind, reason, stage,
 * permissions and record type, ids in range (PASID below 2^20).
 *
 * @param f    The record.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, argsz, a field out of range:
 *         IOMMUFMT_DIAG_FAULT_BAD_FIELD); -E2BIG (non-zero unknown tail);
 *         -EOPNOTSUPP (unknown flags).
 */
int iommufmt_fault_check(const struct iommufmt_fault *f, struct iommufmt_diag *diag);

/**
 * Who handles a fault, given what the fault consumer reports.
 *
 * @p report is a set of IOMMUFMT_FAULTF_* (the consumer's
 * iommufmt_viommu_config.fault_flags): either FLAT (a single-stage
 * translation) or one or both of NESTED_S1 and NESTED_S2 (a nested one, and
 * which stages the consumer is concerned with), plus PRI and STALL when the
 * consumer takes page requests and stalled transactions. The rule:
 * | record                 | FLAT  | S1 only     | S2 only     | S1 and S2 |
 * |------------------------|-------|-------------|-------------|-----------|
 * | stage 1, or stage 0 FLAT | GUEST | GUEST     | -EOPNOTSUPP | GUEST     |
 * | stage 2                | -EINVAL | -EOPNOTSUPP | VMM       | VMM       |
 * | stage 0 (device-level), nested | - | -EOPNOTSUPP | VMM   | VMM       |
 * A page request also needs PRI in @p report, a stalled transaction STALL
 * (else -EOPNOTSUPP). The guest owns stage 1 (its faults go into its
 * vIOMMU's queue); the VMM owns stage 2 and the device configuration.
 *
 * @param report IOMMUFMT_FAULTF_* of the consumer.
 * @param f      The fault (checked as by iommufmt_fault_check()).
 * @param diag   Optional diagnostic record.
 * @return IOMMUFMT_ROUTE_GUEST or IOMMUFMT_ROUTE_VMM; -EINVAL (@p report
 *         not a valid setting: IOMMUFMT_DIAG_FAULT_REPORT_CONFIG, e.g. no
 *         stage, FLAT with a nested bit, unknown bits; a stage-2 record under
 *         FLAT; a bad record); -EOPNOTSUPP (not reportable under @p report:
 *         IOMMUFMT_DIAG_FAULT_NOT_REPORTED).
 */
int iommufmt_fault_route(__u32 report, const struct iommufmt_fault *f,
			 struct iommufmt_diag *diag);

/**
 * The generic record of a walker fault (flow 1: a VMM emulating a vIOMMU).
 *
 * Kind EVENT, record IOMMUFMT_FREC_WALK, reason / stage / level from @p x,
 * @c addr = the input address, @c addr2 = the IPA stage 2 failed on or the
 * table address that could not be read (x->fault_addr, when non-zero).
 * @c devid and @c pasid are the caller's to fill (with
 * IOMMUFMT_FAULT_F_PASID_VALID) before routing or encoding.
 *
 * @param x      A failed translation (iommufmt_pgtable_translate() and
 *               friends); x->fault must not be IOMMUFMT_FAULT_NONE.
 * @param access IOMMUFMT_ACCESS_* of the request that faulted.
 * @param out    In: @c argsz (at least IOMMUFMT_FAULT_SIZE_VER0). Out: the
 *               record, min(argsz, ours) bytes; untouched on error.
 * @param diag   Optional diagnostic record.
 * @return 0; -EINVAL (NULL, argsz, not a fault, a field out of range).
 */
int iommufmt_fault_from_xlate(const struct iommufmt_xlate *x, __u32 access,
			      struct iommufmt_fault *out, struct iommufmt_diag *diag);

/**
 * Decode one record read from an iommufd fault-queue fd (flow 2).
 *
 * Kind PAGE_REQ, reason IOMMUFMT_FAULT_PAGE_REQUEST, record
 * IOMMUFMT_FREC_IOMMUFD; the flags, ids, permissions (the same bits as
 * IOMMUFMT_ACCESS_*), address, length hint and cookie carried over. The
 * pasid is read only with PASID_VALID, as the kernel defines it.
 *
 * @param buf   The bytes read (host byte order, as the kernel wrote them).
 * @param len   Bytes available at @p buf; at least one whole record.
 * @param stage The stage of the HWPT the fault queue serves: 1 for a
 *              nested stage-1 HWPT (the guest's tables, the usual case),
 *              2 for a nest parent, 0 for a single-stage HWPT.
 * @param out   In: @c argsz. Out: the record; untouched on error.
 * @param diag Optional diagnostic record.
 * @return The bytes consumed (40); -EINVAL (NULL, argsz, @p len below one
 *         record: IOMMUFMT_DIAG_FAULT_TRUNCATED, PASID above 2^20, @p stage
 *         above 2);
 *         -EOPNOTSUPP (unknown flag or permission bits, reserved non-zero).
 */
int iommufmt_fault_from_iommufd(const void *buf, size_t len, __u32 stage,
				struct iommufmt_fault *out, struct iommufmt_diag *diag);

/**
 * The iommufd page response answering a page request read from iommufd.
 *
 * @param req  The request (record IOMMUFMT_FREC_IOMMUFD, kind PAGE_REQ,
 *             IOMMUFMT_FAULT_F_LAST_PAGE: only a group's last request takes
 *             a response).
 * @param code IOMMUFMT_INV_RESP_*.
 * @param out  The response to write to the fault-queue fd.
 * @param diag Optional diagnostic record.
 * @return 0; -EINVAL (NULL, not an iommufd page request, not the last of
 *         its group, unknown code); -EOPNOTSUPP (IOMMUFMT_INV_RESP_FAILURE:
 *         iommufd has none, IOMMUFMT_DIAG_FAULT_RESP_LOSSY).
 */
int iommufmt_fault_iommufd_response(const struct iommufmt_fault *req, __u32 code,
				    struct iommufmt_iommufd_page_response *out,
				    struct iommufmt_diag *diag);

/** iommufmt_vevent_reader.flags: @c next_seq holds the sequence number expected next. */
#define IOMMUFMT_VEVENT_READER_SEQ_VALID	(1u << 0)

/**
 * struct iommufmt_vevent_reader - State of a vEVENTQ reader across read() calls.
 *
 * Zero-initialise it once per queue; iommufmt_vevent_next() keeps it.
 */
struct iommufmt_vevent_reader {
	__u32 flags;		/**< IOMMUFMT_VEVENT_READER_*. */
	__u32 next_seq;		/**< The sequence number expected next (SEQ_VALID). */
	__u64 lost;		/**< Events lost so far (sequence gaps and LOST_EVENTS headers). */
};

/**
 * Take the next event from bytes read from an iommufd vEVENTQ fd.
 *
 * Each event is a struct iommufmt_iommufd_vevent_header and @p data_len
 * bytes of the queue type's data (SMMUv3: 32, the event record, which
 * iommufmt_fault decoders read); a header with LOST_EVENTS carries no data
 * and adds one lost event at least. A gap in the sequence numbers (31 bits:
 * the kernel counts 0..INT_MAX and wraps to 0) adds the missing count to
 * @c lost.
 *
 * @param rd       Reader state.
 * @param buf      The bytes read.
 * @param len      Bytes available at @p buf.
 * @param data_len Bytes of data per event for the queue's type (1..4096).
 * @param data     Out: the event's data, or NULL for a LOST_EVENTS header.
 * @param diag     Optional diagnostic record.
 * @return The bytes consumed (header plus data); 0 when @p len is 0;
 *         -EINVAL (NULL, @p data_len out of range, a partial event:
 *         IOMMUFMT_DIAG_FAULT_TRUNCATED, a sequence number above INT_MAX);
 *         -EOPNOTSUPP (unknown header or reader flags). @p rd changes only on
 *         success.
 */
int iommufmt_vevent_next(struct iommufmt_vevent_reader *rd, const void *buf, size_t len,
			 size_t data_len, const void **data, struct iommufmt_diag *diag);

/**
 * Bytes of one native record of a model's record type.
 *
 * @param model  IOMMUFMT_MODEL_*.
 * @param record IOMMUFMT_FREC_EVENT, _PAGE_REQ or _FAULT_REG.
 * @return The size (16, 24 or 32); -EOPNOTSUPP when the model is unknown or
 *         has no such records.
 */
int iommufmt_fault_record_size(__u32 model, __u32 record);

/**
 * Decode one native fault or page-request record (an SMMU event queue
 * entry, a VT-d fault recording register, an AMD PPR log entry, ...).
 *
 * Strict: an unknown or reserved code, or a reserved bit set, is refused.
 * The record's bytes are kept in @c native, so iommufmt_fault_encode() to the
 * same model and record type gives them back exactly.
 *
 * @param model  IOMMUFMT_MODEL_* of the record.
 * @param record IOMMUFMT_FREC_EVENT, _PAGE_REQ or _FAULT_REG.
 * @param buf    The record, in its hardware byte order.
 * @param len    Bytes at @p buf; at least the record's size.
 * @param out    In: @c argsz. Out: the generic record; untouched on error.
 * @param diag   Optional diagnostic record.
 * @return The bytes consumed (the record's size); -EINVAL (NULL, argsz,
 *         @p len too short: IOMMUFMT_DIAG_FAULT_TRUNCATED); -EOPNOTSUPP
 *         (unknown model or record type, IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE,
 *         IOMMUFMT_DIAG_FAULT_RESERVED, or a model rule).
 */
int iommufmt_fault_decode(__u32 model, __u32 record, const void *buf, size_t len,
			  struct iommufmt_fault *out, struct iommufmt_diag *diag);

/**
 * Encode a fault as a model's native record: the same record re-encoded,
 * a walker fault as the event the guest's vIOMMU reports (flow 1), or
 * another model's record where its meaning survives.
 *
 * Every value must fit the native record: a device id, PASID, group index,
 * permission or flag the record has no field for is refused (-EOPNOTSUPP,
 * IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE naming it). Address bits below the
 * record's granule, a second address and the level are dropped where the
 * record has no field for them (the hardware record never carries them).
 *
 * @param model  IOMMUFMT_MODEL_* of the target record.
 * @param record IOMMUFMT_FREC_EVENT, _PAGE_REQ or _FAULT_REG.
 * @param f      The fault (checked as by iommufmt_fault_check()).
 * @param buf    Out: the record, written only on success.
 * @param len    Bytes at @p buf.
 * @param diag   Optional diagnostic record.
 * @return The bytes written; -EINVAL (a bad record); -EMSGSIZE (@p len
 *         below the record size); -EOPNOTSUPP (unknown model or record
 *         type, or the record cannot express the fault).
 */
int iommufmt_fault_encode(__u32 model, __u32 record, const struct iommufmt_fault *f, void *buf,
			  size_t len, struct iommufmt_diag *diag);

/**
 * Stable short name of a fault kind ("page-request", "event", "config").
 *
 * @param kind IOMMUFMT_FAULT_KIND_*.
 * @return The name, or NULL for an unknown kind.
 */
const char *iommufmt_fault_kind_name(__u32 kind);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* IOMMUFMT_IOMMUFMT_H */
