/* SPDX-License-Identifier: MIT */
/* libiommufmt wire ABI: ids, flags and size-versioned structs; no functions. */
#ifndef _UAPI_IOMMUFMT_ABI_H
#define _UAPI_IOMMUFMT_ABI_H

/**
 * @file
 * @brief The wire ABI of libiommufmt, written as a kernel uapi header.
 *
 * Everything here is data: ids, flag bits and structs that cross a boundary
 * (VMM to library, VMM to kernel, vfio-user client to server). The rules:
 *
 * - Only `__u8/__u16/__u32/__u64` and `__aligned_u64`; explicit padding named
 *   `__reserved`, which must be zero; no bitfields, no enums as field types, no
 *   pointers (a pointer travels as an `__aligned_u64`). Layout is identical on
 *   i386, x86_64, arm64 and s390x. In memory, fields are in host byte order
 *   like any uapi struct; serialized (files, sockets, vfio-user) they are
 *   little-endian. Native hardware payloads keep their hardware byte order
 *   (little-endian for VT-d, AMD-Vi and SMMUv3, big-endian for s390).
 * - Every top-level struct starts with `__u32 argsz; __u32 flags;` and is
 *   versioned by its size: `<NAME>_SIZE_VER0`, `<NAME>_SIZE_VER1`, ...
 *   Fields are only appended; zero in a new field means the old behaviour,
 *   anything else must be switched on by a flag.
 * - Copy-in follows the kernel's copy_struct_from_user(): argsz below VER0 is
 *   `-EINVAL`; shorter than the library's struct is zero-filled; longer with a
 *   non-zero unknown tail is `-E2BIG`; longer with a zero tail is accepted.
 *   Copy-out writes min(argsz, size) and reports the full size.
 * - Errors are negative errno values: `-E2BIG` unknown non-zero bytes;
 *   `-EOPNOTSUPP` a known field holds a value this host or model does not
 *   support; `-EINVAL` understood but wrong; `-ENOENT` no such id or range;
 *   `-EMSGSIZE` output array too small (the needed count is written back);
 *   `-EFAULT` guest memory not readable; `-ELOOP` / `-EIO` malformed tables.
 *   Every reject can also fill a struct iommufmt_diag.
 * - Per-model data is opaque to generic code: named by (model, data_type),
 *   sized by data_len and passed out of line through data_uptr.
 *
 * Trailing variable-length arrays are documented on the struct that precedes
 * them rather than declared as flexible array members, so that this header
 * stays valid C89 and C++.
 */

#if defined(__KERNEL__) || defined(__linux__)
#include <linux/types.h>
#else
#include <stdint.h>
/** @cond IOMMUFMT_NONLINUX_TYPES */
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int32_t __s32;
typedef int64_t __s64;
/** @endcond */
#endif

#ifndef __aligned_u64
/** A 64-bit field aligned to 8 bytes on every ABI (i386 aligns u64 to 4). */
#define __aligned_u64 __u64 __attribute__((aligned(8)))
#endif

/**
 * @defgroup abi_ids Model and page-table format ids
 * @brief Two separate id spaces: IOMMU models and page-table formats.
 * @{
 */

/** Build a FourCC model id; the bytes read @p a @p b @p c @p d in memory (LE). */
#define IOMMUFMT_FOURCC(a, b, c, d) \
	((__u32)(__u8)(a) | ((__u32)(__u8)(b) << 8) | \
	 ((__u32)(__u8)(c) << 16) | ((__u32)(__u8)(d) << 24))

/** No model: generic data only. */
#define IOMMUFMT_MODEL_NONE	0u
/** Intel VT-d (scalable mode). */
#define IOMMUFMT_MODEL_INTEL	IOMMUFMT_FOURCC('I', 'N', 'T', 'L')
/** AMD-Vi (AMD IOMMU). */
#define IOMMUFMT_MODEL_AMD	IOMMUFMT_FOURCC('A', 'M', 'D', 'V')
/** ARM SMMU; the variant field gives the architecture version. */
#define IOMMUFMT_MODEL_SMMU	IOMMUFMT_FOURCC('S', 'M', 'M', 'U')
/** s390 zPCI DMA translation. */
#define IOMMUFMT_MODEL_S390	IOMMUFMT_FOURCC('S', '3', '9', '0')

/** Variant 0: the model's default (current) architecture. */
#define IOMMUFMT_VARIANT_DEFAULT	0u
/** SMMU architecture version 3 (SMMUv3.x); the default for IOMMUFMT_MODEL_SMMU. */
#define IOMMUFMT_VARIANT_SMMU_V3	3u

/** No page-table format. */
#define IOMMUFMT_PGTABLE_NONE		0u
/** x86-64 4- or 5-level paging (VT-d first stage, AMD v2 guest tables). */
#define IOMMUFMT_PGTABLE_X86_64		1u
/** VT-d second-stage tables, 3/4/5 levels. */
#define IOMMUFMT_PGTABLE_VTD_SS		2u
/** AMD-Vi host (v1) tables, 1 to 6 levels with level skipping. */
#define IOMMUFMT_PGTABLE_AMD_V1		3u
/** VMSAv8-64 long-descriptor tables, stage 1. */
#define IOMMUFMT_PGTABLE_ARM_LPAE_S1	4u
/** VMSAv8-64 long-descriptor tables, stage 2. */
#define IOMMUFMT_PGTABLE_ARM_LPAE_S2	5u
/** s390 zPCI DAT (region, segment and page tables, big-endian). */
#define IOMMUFMT_PGTABLE_S390_DAT	6u
/** RISC-V Sv39 (reserved for a future format). */
#define IOMMUFMT_PGTABLE_RISCV_SV39	7u
/** RISC-V Sv48 (reserved for a future format). */
#define IOMMUFMT_PGTABLE_RISCV_SV48	8u
/** RISC-V Sv57 (reserved for a future format). */
#define IOMMUFMT_PGTABLE_RISCV_SV57	9u
/** First id available to formats registered at run time by an application. */
#define IOMMUFMT_PGTABLE_USER_BASE	0x10000u

/** @} */

/**
 * @defgroup abi_common Common header and capability chains
 * @{
 */

/**
 * struct iommufmt_hdr - The first eight bytes of every top-level struct.
 *
 * Generic code reads these two words before it knows which struct it has.
 */
struct iommufmt_hdr {
	__u32 argsz;	/**< Size of the caller's struct in bytes (in), or needed (out). */
	__u32 flags;	/**< Struct-specific flag bits; unknown bits are rejected. */
};
/** Size of struct iommufmt_hdr as first defined. */
#define IOMMUFMT_HDR_SIZE_VER0 8

/**
 * struct iommufmt_cap_header - Header of one capability in a chain (VFIO style).
 *
 * A chain hangs off an info struct's `cap_offset`. Offsets count from the
 * start of the info buffer, entries are 8-byte aligned and strictly ascending,
 * and `next = 0` ends the chain. The id space belongs to the info struct, the
 * version to the capability.
 */
struct iommufmt_cap_header {
	__u16 id;	/**< Capability id, IOMMUFMT_CAP_*. */
	__u16 version;	/**< Version of this capability's layout, from 1. */
	__u32 next;	/**< Offset of the next capability from the buffer start; 0 ends. */
};

/** Capability ids of struct iommufmt_hw_info chains. */
/** Usable IOVA ranges: struct iommufmt_cap_iova_ranges. */
#define IOMMUFMT_CAP_IOVA_RANGES	1
/** Reserved regions: struct iommufmt_cap_resv_regions. */
#define IOMMUFMT_CAP_RESV_REGIONS	2
/** One supported page-table format with its parameters (one capability per format). */
#define IOMMUFMT_CAP_PGTABLE_FORMAT	3
/** PASID support: bits and supported PASID-table formats. */
#define IOMMUFMT_CAP_PASID		4
/** Nesting support. */
#define IOMMUFMT_CAP_NESTING		5
/** Invalidation features. */
#define IOMMUFMT_CAP_INVALIDATION	6
/** Fault reporting features. */
#define IOMMUFMT_CAP_FAULT		7

/**
 * struct iommufmt_iova_range - One inclusive IOVA range.
 */
struct iommufmt_iova_range {
	__aligned_u64 start;	/**< First usable address. */
	__aligned_u64 last;	/**< Last usable address (inclusive, so 2^64-1 fits). */
};

/**
 * struct iommufmt_cap_iova_ranges - IOMMUFMT_CAP_IOVA_RANGES, version 1.
 *
 * One counted capability for all usable ranges, sorted and disjoint. It is
 * followed directly by @c nr_iovas struct iommufmt_iova_range entries.
 */
struct iommufmt_cap_iova_ranges {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_IOVA_RANGES, version 1. */
	__u32 nr_iovas;		/**< Number of ranges that follow. */
	__u32 __reserved;	/**< Must be zero. */
	/* struct iommufmt_iova_range iova_ranges[nr_iovas] follows. */
};

/** Reserved region type: plain reserved, never mapped (the safe default, 0). */
#define IOMMUFMT_RESV_RESERVED		0
/** Reserved region type: hardware MSI doorbell, fixed by the platform. */
#define IOMMUFMT_RESV_MSI		1
/** Reserved region type: software MSI window, where the host maps doorbells (relocatable). */
#define IOMMUFMT_RESV_SW_MSI		2
/** Reserved region type: direct-mapped (identity) region that must stay mapped. */
#define IOMMUFMT_RESV_DIRECT		3
/** Reserved region type: direct-mapped region that may be relaxed when the device is assigned. */
#define IOMMUFMT_RESV_DIRECT_RELAXABLE	4
/** Reserved region type: host bridge or peer-to-peer window. */
#define IOMMUFMT_RESV_BRIDGE_WINDOW	5
/** Number of reserved region types defined so far. */
#define IOMMUFMT_RESV_NR_TYPES		6

/**
 * struct iommufmt_resv_region - One reserved region: its range and why.
 */
struct iommufmt_resv_region {
	__aligned_u64 start;	/**< First reserved address. */
	__aligned_u64 last;	/**< Last reserved address (inclusive). */
	__u32 type;		/**< IOMMUFMT_RESV_*. */
	__u32 flags;		/**< No flags defined yet; must be zero. */
};

/**
 * struct iommufmt_cap_resv_regions - IOMMUFMT_CAP_RESV_REGIONS, version 1.
 *
 * Followed directly by @c nr_regions struct iommufmt_resv_region entries.
 */
struct iommufmt_cap_resv_regions {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_RESV_REGIONS, version 1. */
	__u32 nr_regions;	/**< Number of regions that follow. */
	__u32 __reserved;	/**< Must be zero. */
	/* struct iommufmt_resv_region regions[nr_regions] follows. */
};

/** @} */

/**
 * @defgroup abi_hwinfo Host description
 * @{
 */

/** iommufmt_hw_info.flags (out): a capability chain is present (cap_offset may still be 0). */
#define IOMMUFMT_HW_INFO_FLAGS_CAPS	(1u << 0)

/**
 * struct iommufmt_hw_info - What a host IOMMU supports.
 *
 * A fixed part naming the model, followed in the same buffer by a capability
 * chain (struct iommufmt_cap_header) at @c cap_offset. When the caller's
 * buffer is too small for the chain, IOMMUFMT_HW_INFO_FLAGS_CAPS is still
 * set, @c cap_offset is 0 and @c argsz is raised to the size needed; this is
 * not an error: the caller grows its buffer and asks again.
 */
struct iommufmt_hw_info {
	__u32 argsz;		/**< In: buffer size; out: raised to the size needed. */
	__u32 flags;		/**< IOMMUFMT_HW_INFO_FLAGS_*. */
	__u32 model;		/**< IOMMUFMT_MODEL_*. */
	__u32 variant;		/**< Model variant, e.g. IOMMUFMT_VARIANT_SMMU_V3. */
	__u32 cap_offset;	/**< Offset of the first capability from the start, or 0. */
	__u32 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_hw_info as first defined. */
#define IOMMUFMT_HW_INFO_SIZE_VER0 24

/** @} */

/**
 * @defgroup abi_diag Diagnostics
 * @brief Stable reason codes and the record every checking function can fill.
 *
 * Codes are grouped by area in blocks of 256. A code's number and meaning
 * never change once released; iommufmt_strerror() gives its text.
 * @{
 */

/** No problem. */
#define IOMMUFMT_DIAG_OK			0x0000
/* --- core: struct copying --- */
/** argsz is below the struct's VER0 size. */
#define IOMMUFMT_DIAG_ARGSZ_SMALL		0x0001
/** argsz is larger than the library's struct and the extra bytes are not zero. */
#define IOMMUFMT_DIAG_TAIL_NONZERO		0x0002
/** A flags word holds bits this library does not know. */
#define IOMMUFMT_DIAG_UNKNOWN_FLAGS		0x0003
/** A reserved field or reserved bits are not zero. */
#define IOMMUFMT_DIAG_RESERVED_NONZERO		0x0004
/** A NULL pointer or zero length where data is required. */
#define IOMMUFMT_DIAG_NULL_ARG			0x0005
/** argsz is larger than the buffer that carries the struct. */
#define IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER		0x0006
/** An address or length computation would overflow. */
#define IOMMUFMT_DIAG_OVERFLOW			0x0007
/** A value is not aligned as required. */
#define IOMMUFMT_DIAG_MISALIGNED		0x0008
/** A field holds a value outside its defined range. */
#define IOMMUFMT_DIAG_BAD_VALUE			0x0009
/** A known field holds a value this host or model does not support. */
#define IOMMUFMT_DIAG_UNSUPPORTED		0x000a
/** A value exceeds what the host supports. */
#define IOMMUFMT_DIAG_EXCEEDS_HOST		0x000b
/** An output array is too small; the needed count was written back. */
#define IOMMUFMT_DIAG_OUTPUT_SMALL		0x000c
/** Guest memory could not be read (or written). */
#define IOMMUFMT_DIAG_GUEST_FAULT		0x000d
/** The combination of fields is not valid even though each field is. */
#define IOMMUFMT_DIAG_BAD_COMBINATION		0x000e
/* --- core: capability chains --- */
/** cap_offset or next points before the previous entry or back to it (loop). */
#define IOMMUFMT_DIAG_CAP_BACKWARDS		0x0020
/** A capability lies (partly) outside the buffer or argsz. */
#define IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS		0x0021
/** A capability is not 8-byte aligned. */
#define IOMMUFMT_DIAG_CAP_MISALIGNED		0x0022
/** A capability's contents run into the next capability. */
#define IOMMUFMT_DIAG_CAP_OVERLAP		0x0023
/** A capability header or body is cut off by the end of the buffer. */
#define IOMMUFMT_DIAG_CAP_TRUNCATED		0x0024
/** A capability points into the fixed info struct that precedes the chain. */
#define IOMMUFMT_DIAG_CAP_IN_HEADER		0x0025
/** No capability with the requested id. */
#define IOMMUFMT_DIAG_CAP_NOT_FOUND		0x0026
/** A capability's version is newer than this library understands. */
#define IOMMUFMT_DIAG_CAP_VERSION		0x0027
/* --- core: registry --- */
/** No model with that id (or name) is registered. */
#define IOMMUFMT_DIAG_UNKNOWN_MODEL		0x0040
/** No page-table format with that id (or name) is registered. */
#define IOMMUFMT_DIAG_UNKNOWN_PGTABLE		0x0041
/** The id or name is already registered. */
#define IOMMUFMT_DIAG_ALREADY_REGISTERED	0x0042
/** The registry has no room left for run-time registrations. */
#define IOMMUFMT_DIAG_REGISTRY_FULL		0x0043
/** An ops table is malformed (size too small, missing name or mandatory op). */
#define IOMMUFMT_DIAG_BAD_OPS			0x0044
/** The model does not implement this operation. */
#define IOMMUFMT_DIAG_NOT_IMPLEMENTED		0x0045
/** The data belongs to a different model than the one asked to handle it. */
#define IOMMUFMT_DIAG_MODEL_MISMATCH		0x0046

/* --- page tables (0x0100-0x01ff): see the page-table section --- */
/* --- binding and negotiation (0x0200-0x02ff): see the binding section --- */
/* --- invalidation (0x0300-0x03ff): see the invalidation section --- */
/* --- IOVA space (0x0400-0x04ff): see the IOVA section --- */

/** Length of iommufmt_diag.field, including the terminating NUL. */
#define IOMMUFMT_DIAG_FIELD_LEN	32
/** Length of iommufmt_diag.text, including the terminating NUL. */
#define IOMMUFMT_DIAG_TEXT_LEN	128

/** iommufmt_diag.flags (out): @c value holds the offending value. */
#define IOMMUFMT_DIAG_FLAGS_VALUE	(1u << 0)
/** iommufmt_diag.flags (out): @c limit holds what was expected or what the host supports. */
#define IOMMUFMT_DIAG_FLAGS_LIMIT	(1u << 1)
/** iommufmt_diag.flags (out): @c index holds the failing entry's index in a batch, table or chain. */
#define IOMMUFMT_DIAG_FLAGS_INDEX	(1u << 2)

/**
 * struct iommufmt_diag - Why a check rejected its input.
 *
 * The caller sets @c argsz (to sizeof, or an older size) and passes the
 * struct to a checking function; on a reject the function fills
 * min(argsz, sizeof) bytes. On success it is left unchanged except @c code,
 * which is set to IOMMUFMT_DIAG_OK.
 */
struct iommufmt_diag {
	__u32 argsz;	/**< In: size of the caller's struct. */
	__u32 flags;	/**< Out: IOMMUFMT_DIAG_FLAGS_* say which optional fields are valid. */
	__u32 code;	/**< Out: IOMMUFMT_DIAG_* reason code (stable). */
	__s32 error;	/**< Out: the negative errno the function returned. */
	__aligned_u64 value;	/**< Out: the offending value (IOMMUFMT_DIAG_FLAGS_VALUE). */
	__aligned_u64 limit;	/**< Out: the expected value or host limit (IOMMUFMT_DIAG_FLAGS_LIMIT). */
	__u32 index;		/**< Out: entry index (IOMMUFMT_DIAG_FLAGS_INDEX). */
	__u32 __reserved;	/**< Written as zero. */
	char field[IOMMUFMT_DIAG_FIELD_LEN];	/**< Out: the field at fault, e.g. "ste.s1fmt". */
	char text[IOMMUFMT_DIAG_TEXT_LEN];	/**< Out: one line for a human, no newline. */
};
/** Size of struct iommufmt_diag as first defined. */
#define IOMMUFMT_DIAG_SIZE_VER0 200

/** @} */

/* ======================================================================== */
/* SECTION: Page-table formats and translation results.                     */
/* ======================================================================== */

/**
 * @defgroup abi_pgtable Page-table configuration and translation results
 * @{
 */

/** Diagnostic: the page-table configuration is inconsistent (levels, IAS, granule, SL0...). */
#define IOMMUFMT_DIAG_PGTABLE_CFG		0x0100
/** Diagnostic: the root table address is misaligned or outside the output size. */
#define IOMMUFMT_DIAG_PGTABLE_ROOT		0x0101
/** Diagnostic: the builder's arena has no room for another table. */
#define IOMMUFMT_DIAG_PGTABLE_ARENA_FULL	0x0102
/** Diagnostic: a map request overlaps an existing mapping. */
#define IOMMUFMT_DIAG_PGTABLE_EXISTS		0x0103

/** Request/permission bit: read. */
#define IOMMUFMT_ACCESS_READ	(1u << 0)
/** Request/permission bit: write. */
#define IOMMUFMT_ACCESS_WRITE	(1u << 1)
/** Request/permission bit: instruction fetch (execute). */
#define IOMMUFMT_ACCESS_EXEC	(1u << 2)
/** Request bit: a privileged (supervisor) request; permission bit: privileged-only page. */
#define IOMMUFMT_ACCESS_PRIV	(1u << 3)
/** Permission bit: the page is accessible to unprivileged (user) requests. */
#define IOMMUFMT_ACCESS_USER	(1u << 4)

/** Translation succeeded. */
#define IOMMUFMT_FAULT_NONE		0
/** An entry on the walk is not present / invalid (kernel: IOMMU_FAULT_REASON_PTE_FETCH). */
#define IOMMUFMT_FAULT_NOT_PRESENT	1
/** The leaf does not grant the requested access (kernel: IOMMU_FAULT_REASON_ACCESS). */
#define IOMMUFMT_FAULT_PERMISSION	2
/** An entry has a reserved bit set for its level, type and page size. */
#define IOMMUFMT_FAULT_RESERVED_BIT	3
/** The input address is above the configured input size (IAS / address width). */
#define IOMMUFMT_FAULT_ADDR_SIZE_INPUT	4
/** An output or next-table address is above the output size (OAS / host width). */
#define IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT	5
/** The input address is not canonical (x86-64). */
#define IOMMUFMT_FAULT_NON_CANONICAL	6
/** The access flag is clear and access-flag faults are enabled (ARM, AF = 0). */
#define IOMMUFMT_FAULT_ACCESS_FLAG	7
/** A table entry could not be read from guest memory. */
#define IOMMUFMT_FAULT_TABLE_READ	8
/** An entry names an impossible level (AMD next level not descending, leaf at a level without pages). */
#define IOMMUFMT_FAULT_BAD_LEVEL	9
/** A table entry's type does not match the table it is in (s390 TT). */
#define IOMMUFMT_FAULT_TABLE_TYPE	10
/** The index is outside the table's length / offset (s390 TL, TF). */
#define IOMMUFMT_FAULT_TABLE_LENGTH	11
/** Number of fault reasons defined. */
#define IOMMUFMT_FAULT_NR		12

/** iommufmt_pgtable_cfg.flags: hardware access/dirty tracking is on (A/D bits, ARM HA/HD). */
#define IOMMUFMT_PGTABLE_F_AD		(1u << 0)
/** iommufmt_pgtable_cfg.flags: execute permission is enforced (x86 XD enabled, ARM XN honoured). */
#define IOMMUFMT_PGTABLE_F_EXEC		(1u << 1)
/** iommufmt_pgtable_cfg.flags: 1 GiB pages allowed (x86-64 PS in a PDPE). */
#define IOMMUFMT_PGTABLE_F_1G		(1u << 2)
/** iommufmt_pgtable_cfg.flags: ARM access-flag faults disabled (CD.AFFD): AF = 0 does not fault. */
#define IOMMUFMT_PGTABLE_F_AFFD		(1u << 3)
/** iommufmt_pgtable_cfg.flags: s390 1 MiB segment frames (large pages) enabled. */
#define IOMMUFMT_PGTABLE_F_LARGE	(1u << 4)
/** All page-table configuration flags defined so far. */
#define IOMMUFMT_PGTABLE_F_ALL		0x1fu

/** s390-dat root type: region-first table. */
#define IOMMUFMT_S390_TOP_RF	0
/** s390-dat root type: region-second table. */
#define IOMMUFMT_S390_TOP_RS	1
/** s390-dat root type: region-third table. */
#define IOMMUFMT_S390_TOP_RT	2
/** s390-dat root type: segment table. */
#define IOMMUFMT_S390_TOP_SX	3

/**
 * struct iommufmt_pgtable_cfg - Which page table to walk and how.
 *
 * Zero in a field selects the format's default where one exists (noted per
 * field). Fields a format does not use must be zero.
 */
struct iommufmt_pgtable_cfg {
	__u32 argsz;	/**< sizeof, or an older size. */
	__u32 flags;	/**< IOMMUFMT_PGTABLE_F_*. */
	__u32 format;	/**< IOMMUFMT_PGTABLE_*. */
	__u32 levels;	/**< x86-64 4|5, vtd-ss 3|4|5, amd-v1 1..6; 0 for arm-lpae and s390-dat. */
	__aligned_u64 root;	/**< GPA of the top table (s390: the table origin). */
	__u32 ias;	/**< Input address bits (ARM: 64 - TnSZ); 0 = implied by levels. */
	__u32 oas;	/**< Output address bits (host width / IPS / PS); 0 = format maximum. */
	__u32 granule;	/**< log2 of the ARM translation granule: 12, 14 or 16; 0 = 12. */
	__u32 sl0;	/**< arm-lpae-s2: VTCR.SL0 as programmed; 0 otherwise. */
	__u32 top;	/**< s390-dat: IOMMUFMT_S390_TOP_* designation type of the root. */
	__u32 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_pgtable_cfg as first defined. */
#define IOMMUFMT_PGTABLE_CFG_SIZE_VER0 48

/** @} */

/* ======================================================================== */
/* SECTION: Host capabilities, negotiation and binding.                     */
/* ======================================================================== */

/* ======================================================================== */
/* SECTION: Invalidation.                                                   */
/* ======================================================================== */

/* ======================================================================== */
/* SECTION: IOVA space.                                                     */
/* ======================================================================== */

#endif /* _UAPI_IOMMUFMT_ABI_H */
