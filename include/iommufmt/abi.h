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
 *   like any uapi struct (and so in a file that holds a struct as memory
 *   held it, as the CLI reads); sent to another machine (sockets,
 *   vfio-user) they are little-endian. Native hardware payloads keep their
 *   hardware byte order (little-endian for VT-d, AMD-Vi and SMMUv3,
 *   big-endian for s390). The iommufd payload mirrors have the kernel's:
 *   host order, except SMMUv3's __le64 STE words.
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
 *   support; `-EINVAL` invalid argument (known fields, wrong values or
 *   combination); `-ENOENT` no such id or range;
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
 * never change once released; iommufmt_strerror() gives its text. Each
 * code's note says the errno a call usually returns with it (the error
 * field of the record); a few calls return another, e.g. an error passed
 * on from a callee, so test the returned errno, not the code, for control
 * flow.
 * @{
 */

/** No problem (error 0). */
#define IOMMUFMT_DIAG_OK			0x0000
/* --- core: struct copying --- */
/** argsz is below the struct's VER0 size. Usually -EINVAL. */
#define IOMMUFMT_DIAG_ARGSZ_SMALL		0x0001
/** argsz is larger than the library's struct and the extra bytes are not zero. Usually -E2BIG. */
#define IOMMUFMT_DIAG_TAIL_NONZERO		0x0002
/** A flags word holds bits this library does not know. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_UNKNOWN_FLAGS		0x0003
/** A reserved field or reserved bits are not zero. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_RESERVED_NONZERO		0x0004
/** A NULL pointer or zero length where data is required. Usually -EINVAL. */
#define IOMMUFMT_DIAG_NULL_ARG			0x0005
/** argsz is larger than the buffer that carries the struct. Usually -EINVAL. */
#define IOMMUFMT_DIAG_ARGSZ_OVER_BUFFER		0x0006
/** An address or length computation would overflow. Usually -EINVAL. */
#define IOMMUFMT_DIAG_OVERFLOW			0x0007
/** A value is not aligned as required. Usually -EINVAL. */
#define IOMMUFMT_DIAG_MISALIGNED		0x0008
/** A field holds a value outside its defined range. Usually -EINVAL. */
#define IOMMUFMT_DIAG_BAD_VALUE			0x0009
/** A known field holds a value this host or model does not support. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_UNSUPPORTED		0x000a
/** A value exceeds what the host supports. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_EXCEEDS_HOST		0x000b
/** An output array is too small; the needed count was written back. Usually -EMSGSIZE. */
#define IOMMUFMT_DIAG_OUTPUT_SMALL		0x000c
/** Guest memory could not be read (or written). Usually -EFAULT. */
#define IOMMUFMT_DIAG_GUEST_FAULT		0x000d
/** The combination of fields is not valid even though each field is. Usually -EINVAL. */
#define IOMMUFMT_DIAG_BAD_COMBINATION		0x000e
/* --- core: capability chains --- */
/** cap_offset or next points before the previous entry or back to it (loop). Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_BACKWARDS		0x0020
/** A capability lies (partly) outside the buffer or argsz. Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS		0x0021
/** A capability is not 8-byte aligned. Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_MISALIGNED		0x0022
/** A capability's contents run into the next capability. Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_OVERLAP		0x0023
/** A capability header or body is cut off by the end of the buffer. Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_TRUNCATED		0x0024
/** A capability points into the fixed info struct that precedes the chain. Usually -EINVAL. */
#define IOMMUFMT_DIAG_CAP_IN_HEADER		0x0025
/** No capability with the requested id. Usually -ENOENT. */
#define IOMMUFMT_DIAG_CAP_NOT_FOUND		0x0026
/** A capability's version is newer than this library understands. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_CAP_VERSION		0x0027
/* --- core: registry --- */
/** No model with that id (or name) is registered. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_UNKNOWN_MODEL		0x0040
/** No page-table format with that id (or name) is registered. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_UNKNOWN_PGTABLE		0x0041
/** The id or name is already registered. Usually -EEXIST. */
#define IOMMUFMT_DIAG_ALREADY_REGISTERED	0x0042
/** The registry has no room left for run-time registrations. Usually -ENOSPC. */
#define IOMMUFMT_DIAG_REGISTRY_FULL		0x0043
/** An ops table is malformed (size too small, missing name or mandatory op). Usually -EINVAL. */
#define IOMMUFMT_DIAG_BAD_OPS			0x0044
/** The model does not implement this operation. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_NOT_IMPLEMENTED		0x0045
/** The data belongs to a different model than the one asked to handle it. Usually -EOPNOTSUPP. */
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

/**
 * Diagnostic: the page-table configuration is inconsistent (levels, IAS, granule, SL0...).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_PGTABLE_CFG		0x0100
/** Diagnostic: the root table address is misaligned or outside the output size. Usually -EINVAL. */
#define IOMMUFMT_DIAG_PGTABLE_ROOT		0x0101
/** Diagnostic: the builder's arena has no room for another table. Usually -ENOSPC. */
#define IOMMUFMT_DIAG_PGTABLE_ARENA_FULL	0x0102
/** Diagnostic: a map request overlaps an existing mapping. Usually -EEXIST. */
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
/** All request/permission bits defined so far. */
#define IOMMUFMT_ACCESS_ALL	0x1fu

/*
 * Fault reasons. Where Linux's former uapi enum iommu_fault_reason (removed
 * with the old iommu.h SVA uAPI) has an equivalent, it is named; reasons
 * without one are translation faults, IOMMU_FAULT_REASON_PTE_FETCH, there.
 */
/** Translation succeeded. */
#define IOMMUFMT_FAULT_NONE		0
/** An entry on the walk is not present / invalid (Linux: IOMMU_FAULT_REASON_PTE_FETCH). */
#define IOMMUFMT_FAULT_NOT_PRESENT	1
/** The leaf (or, VT-d second stage, an entry on the walk) does not grant the request (Linux: IOMMU_FAULT_REASON_PERMISSION). */
#define IOMMUFMT_FAULT_PERMISSION	2
/** An entry has a reserved bit set for its level, type and page size (Linux: none; VT-d reserved-field fault). */
#define IOMMUFMT_FAULT_RESERVED_BIT	3
/** The input address is above the configured input size (IAS / address width) (Linux: none). */
#define IOMMUFMT_FAULT_ADDR_SIZE_INPUT	4
/** An output or next-table address is above the output size (OAS / host width) (Linux: IOMMU_FAULT_REASON_OOR_ADDRESS). */
#define IOMMUFMT_FAULT_ADDR_SIZE_OUTPUT	5
/** The input address is not canonical (x86-64) (Linux: none; VT-d reason 0x80). */
#define IOMMUFMT_FAULT_NON_CANONICAL	6
/** The access flag is clear and access-flag faults are enabled (ARM, AF = 0) (Linux: IOMMU_FAULT_REASON_ACCESS). */
#define IOMMUFMT_FAULT_ACCESS_FLAG	7
/** A table entry could not be read from guest memory (Linux: IOMMU_FAULT_REASON_WALK_EABT). */
#define IOMMUFMT_FAULT_TABLE_READ	8
/** An entry names an impossible level or page (AMD next level not descending, leaf at a level without pages, a NextLevel-7 page whose size does not fit its level or whose replicas disagree) (Linux: none). */
#define IOMMUFMT_FAULT_BAD_LEVEL	9
/** A table entry's type does not match the table it is in (s390 TT) (Linux: none). */
#define IOMMUFMT_FAULT_TABLE_TYPE	10
/** The index is outside the table's length / offset (s390 TL, TF) (Linux: none). */
#define IOMMUFMT_FAULT_TABLE_LENGTH	11
/** Number of fault reasons defined. */
#define IOMMUFMT_FAULT_NR		12

/** iommufmt_pgtable_cfg.flags: hardware access/dirty tracking is on (A/D bits, ARM HA/HD). */
#define IOMMUFMT_PGTABLE_F_AD		(1u << 0)
/** iommufmt_pgtable_cfg.flags: execute permission is enforced (x86 XD enabled, ARM XN honoured). */
#define IOMMUFMT_PGTABLE_F_EXEC		(1u << 1)
/** iommufmt_pgtable_cfg.flags: 1 GiB pages allowed (x86-64 PS in a PDPE; VT-d second stage SLLPS 1 GiB). */
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

/**
 * @defgroup abi_bind Host capabilities, negotiation and binding
 * @brief What a host IOMMU can nest, what a guest vIOMMU asks for, and the
 *        bind structs that hand a guest table to the host.
 *
 * Three layers of data:
 * - raw host registers in the layout of iommufd's IOMMU_GET_HW_INFO payloads
 *   (struct iommufmt_hw_info_vtd, _arm_smmuv3, _amd; s390 zPCI function
 *   attributes in struct iommufmt_hw_info_s390), wrapped by struct
 *   iommufmt_hw_regs;
 * - generic capabilities decoded from them, as entries of a struct
 *   iommufmt_hw_info chain (IOMMUFMT_CAP_PGTABLE_FORMAT ... _FAULT);
 * - bind requests: a generic header (struct iommufmt_bind_pasid_table,
 *   struct iommufmt_bind_pgtable, struct iommufmt_unbind) plus an out-of-line
 *   per-model payload named by (model, data_type, data_len, data_uptr). The
 *   payload IS the native encoding (SMMUv3 STE words or CD, AMD DTE words or
 *   GCR3 entry, VT-d context or PASID entry, s390 FIB words).
 *
 * Capability flags are named so that 0 is the safe default: where a newer
 * producer learns a restriction that older producers never reported, the bit
 * is negative-sense (..._NOT_SUPPORTED, ..._NO_...), so a 0 from an older
 * producer keeps its old meaning.
 * @{
 */

/* ---- diagnostic codes of this area (0x0200-0x02ff) ---- */

/** Diagnostic: a payload bit that must be zero (reserved, RES0) is set. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_BIND_RESERVED		0x0200
/**
 * Diagnostic: a payload field holds an encoding the architecture defines as illegal or reserved.
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_BIND_ILLEGAL		0x0201
/**
 * Diagnostic: a payload field asks for a feature this host cannot provide (or nest).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_BIND_UNSUPPORTED		0x0202
/**
 * Diagnostic: a payload or header value exceeds the host's limit (width, size, id bits).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_BIND_EXCEEDS_HOST		0x0203
/** Diagnostic: a table or root address is not aligned as the format requires. Usually -EINVAL. */
#define IOMMUFMT_DIAG_BIND_MISALIGNED		0x0204
/** Diagnostic: the generic header and the native payload disagree. Usually -EINVAL. */
#define IOMMUFMT_DIAG_BIND_MISMATCH		0x0205
/**
 * Diagnostic: the model does not know the payload's data_type (or it is of the other bind kind).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_BIND_DATA_TYPE		0x0206
/** Diagnostic: the model has no PASID (context-descriptor) table (s390). Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_BIND_NO_PASID_TABLE	0x0207
/**
 * Diagnostic: the bind's translate/bypass/abort config cannot be expressed by this model.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_BIND_CONFIG		0x0208
/** Diagnostic: a PASID is outside the PASID bits of the host or the table. Usually -EINVAL. */
#define IOMMUFMT_DIAG_BIND_PASID_RANGE		0x0209
/**
 * Diagnostic: deep check: a present entry of the guest's PASID/CD/GCR3 table is invalid (index = PASID).
 * Usually -EIO.
 */
#define IOMMUFMT_DIAG_BIND_TABLE_ENTRY		0x020a
/** Diagnostic: the host cannot nest this kind of bind at all. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_BIND_NO_NESTING		0x020b
/**
 * Diagnostic: the operation has no iommufd equivalent for this model or bind kind.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_BIND_NO_IOMMUFD		0x020c
/**
 * Diagnostic: unbind release flags conflict, or are used where nothing is released.
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_UNBIND_RELEASE		0x020d
/** Diagnostic: host registers are inconsistent or describe an impossible IOMMU. Usually -EINVAL. */
#define IOMMUFMT_DIAG_HOST_REGS			0x020e
/** Diagnostic: the raw register data_type does not belong to the model. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_HOST_DATA_TYPE		0x020f
/**
 * Diagnostic: negotiation: the guest asks for a page-table or PASID-table format the host cannot nest.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_NEG_FORMAT		0x0210
/**
 * Diagnostic: negotiation: a requested width or size exceeds the host (IAS, OAS, PASID, ASID bits).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_NEG_LIMIT			0x0211
/**
 * Diagnostic: negotiation: a requested feature flag is not available on the host.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_NEG_FEATURE		0x0212
/**
 * Diagnostic: negotiation: requested page sizes or granules are not all available.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_NEG_PGSIZE		0x0213

/* ---- PASID-table formats ---- */

/** No PASID table. */
#define IOMMUFMT_PASIDT_NONE		0
/** SMMUv3 linear context-descriptor table (STE.S1Fmt = 0). */
#define IOMMUFMT_PASIDT_SMMU_LINEAR	1
/** SMMUv3 two-level CD table with 4 KiB leaves of 64 CDs (STE.S1Fmt = 1). */
#define IOMMUFMT_PASIDT_SMMU_2L_4K	2
/** SMMUv3 two-level CD table with 64 KiB leaves of 1024 CDs (STE.S1Fmt = 2). */
#define IOMMUFMT_PASIDT_SMMU_2L_64K	3
/** AMD-Vi one-level GCR3 table (DTE.GLX = 0, PASID[8:0]). */
#define IOMMUFMT_PASIDT_AMD_GCR3_1L	4
/** AMD-Vi two-level GCR3 table (DTE.GLX = 1). */
#define IOMMUFMT_PASIDT_AMD_GCR3_2L	5
/** AMD-Vi three-level GCR3 table (DTE.GLX = 2). */
#define IOMMUFMT_PASIDT_AMD_GCR3_3L	6
/** VT-d scalable-mode PASID directory and PASID tables. */
#define IOMMUFMT_PASIDT_VTD_SM		7
/** Number of PASID-table format ids defined so far. */
#define IOMMUFMT_PASIDT_NR		8

/* ---- IOMMUFMT_CAP_PGTABLE_FORMAT ---- */

/** Page-table format capability flag: hardware access/dirty-bit updates are available. */
#define IOMMUFMT_PGTF_AD		(1u << 0)
/** Page-table format capability flag: execute permission is enforced (XD / XN). */
#define IOMMUFMT_PGTF_EXEC		(1u << 1)
/** Page-table format capability flag: privileged (supervisor) requests are translated. */
#define IOMMUFMT_PGTF_PRIV		(1u << 2)
/** Page-table format capability flag: usable as the guest's stage 1 (a first stage the host can nest). */
#define IOMMUFMT_PGTF_STAGE1		(1u << 3)
/** Page-table format capability flag: usable as the host's stage 2 (nest parent). */
#define IOMMUFMT_PGTF_STAGE2		(1u << 4)
/** Page-table format capability flag (negative sense): read-only mappings must not be used (VT-d erratum 772415 on a nest parent). */
#define IOMMUFMT_PGTF_NO_READONLY	(1u << 5)
/** All page-table format capability flags defined so far. */
#define IOMMUFMT_PGTF_ALL		0x3fu

/**
 * struct iommufmt_cap_pgtable_format - IOMMUFMT_CAP_PGTABLE_FORMAT, version 1.
 *
 * One capability per supported page-table format, with the parameters the
 * host supports for it. Granules are a bitmap of log2 sizes (bit 12 = 4 KiB,
 * bit 14 = 16 KiB, bit 16 = 64 KiB).
 */
struct iommufmt_cap_pgtable_format {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_PGTABLE_FORMAT, version 1. */
	__u32 format;		/**< IOMMUFMT_PGTABLE_*. */
	__u32 flags;		/**< IOMMUFMT_PGTF_*. */
	__aligned_u64 pgsize_bitmap;	/**< Page and block sizes the host can map with this format. */
	__u32 granules;		/**< Bitmap of log2 translation granules (bit n: 2^n bytes). */
	__u8 ias;		/**< Largest input address width in bits. */
	__u8 oas;		/**< Largest output address width in bits. */
	__u8 min_levels;	/**< Fewest table levels (0: given by the granule and IAS). */
	__u8 max_levels;	/**< Most table levels (0: given by the granule and IAS). */
};
/** Size of struct iommufmt_cap_pgtable_format, version 1. */
#define IOMMUFMT_CAP_PGTABLE_FORMAT_SIZE_V1 32

/* ---- IOMMUFMT_CAP_PASID ---- */

/** PASID capability flag: page requests (PCIe PRI, SMMU PRI queue, AMD PPR) are supported. */
#define IOMMUFMT_PASID_F_PRI			(1u << 0)
/** PASID capability flag: execute-permission requests with a PASID are supported. */
#define IOMMUFMT_PASID_F_EXEC			(1u << 1)
/** PASID capability flag: privileged-mode requests with a PASID are supported. */
#define IOMMUFMT_PASID_F_PRIV			(1u << 2)
/** PASID capability flag (negative sense): ATS must not be used (iommufd PCI_ATS_NOT_SUPPORTED). */
#define IOMMUFMT_PASID_F_ATS_NOT_SUPPORTED	(1u << 3)
/** PASID capability flag: stalled faults can be resumed (SMMUv3 stall model). */
#define IOMMUFMT_PASID_F_STALL			(1u << 4)
/** All PASID capability flags defined so far. */
#define IOMMUFMT_PASID_F_ALL			0x1fu

/**
 * struct iommufmt_cap_pasid - IOMMUFMT_CAP_PASID, version 1.
 *
 * PASID (SMMU: SubstreamID) support. @c table_formats is a bitmap of
 * IOMMUFMT_PASIDT_* ids (bit n = format n) the host can walk or shadow.
 */
struct iommufmt_cap_pasid {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_PASID, version 1. */
	__u32 flags;		/**< IOMMUFMT_PASID_F_*. */
	__u32 table_formats;	/**< Bitmap of IOMMUFMT_PASIDT_* (bit n = id n). */
	__u8 pasid_bits;	/**< PASID width in bits; 0: no PASID support. */
	__u8 __reserved[7];	/**< Must be zero. */
};
/** Size of struct iommufmt_cap_pasid, version 1. */
#define IOMMUFMT_CAP_PASID_SIZE_V1 24

/* ---- IOMMUFMT_CAP_NESTING ---- */

/** Nesting flag: the hardware walks a guest PASID (CD/GCR3) table over the host stage 2. */
#define IOMMUFMT_NESTING_F_PASID_TABLE	(1u << 0)
/** Nesting flag: the hardware walks a guest stage-1 page table bound per PASID. */
#define IOMMUFMT_NESTING_F_PGTABLE	(1u << 1)
/** Nesting flag: there is no hardware nesting; a validated guest table must be shadowed by the VMM. */
#define IOMMUFMT_NESTING_F_SHADOW	(1u << 2)
/** Nesting flag: the nest parent can track dirty pages (stage-2 A/D). */
#define IOMMUFMT_NESTING_F_DIRTY	(1u << 3)
/** Nesting flag: PASID-less traffic can use a guest stage 1 (AMD GIOV, SMMU S1DSS, VT-d RID_PASID). */
#define IOMMUFMT_NESTING_F_NO_PASID_S1	(1u << 4)
/** All nesting flags defined so far. */
#define IOMMUFMT_NESTING_F_ALL		0x1fu

/**
 * struct iommufmt_cap_nesting - IOMMUFMT_CAP_NESTING, version 1.
 *
 * Which guest tables the host can nest. Format bitmaps have bit n set for
 * page-table format id n (IOMMUFMT_PGTABLE_*).
 */
struct iommufmt_cap_nesting {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_NESTING, version 1. */
	__u32 flags;		/**< IOMMUFMT_NESTING_F_*. */
	__u32 stage1_formats;	/**< Bitmap of page-table formats a guest may bind as stage 1. */
	__u32 stage2_formats;	/**< Bitmap of formats the host uses as nest parent. */
	__u8 gpa_bits;		/**< Widest guest-physical address the nest parent translates. */
	__u8 __reserved[3];	/**< Must be zero. */
};
/** Size of struct iommufmt_cap_nesting, version 1. */
#define IOMMUFMT_CAP_NESTING_SIZE_V1 24

/* ---- IOMMUFMT_CAP_INVALIDATION ---- */

/** Invalidation flag: address-range invalidation (more than one page per command). */
#define IOMMUFMT_INVF_RANGE		(1u << 0)
/** Invalidation flag: PASID- (or ASID-) selective invalidation. */
#define IOMMUFMT_INVF_PASID		(1u << 1)
/** Invalidation flag: device-TLB (ATS) invalidation. */
#define IOMMUFMT_INVF_DEVTLB		(1u << 2)
/** Invalidation flag: leaf-only hint (VT-d IH, SMMU Leaf). */
#define IOMMUFMT_INVF_LEAF		(1u << 3)
/** Invalidation flag: one command invalidates everything (AMD INVALIDATE_IOMMU_ALL, SMMU NSNH_ALL). */
#define IOMMUFMT_INVF_GLOBAL		(1u << 4)
/** Invalidation flag: page-selective invalidation (VT-d PSI); without it only domain/global. */
#define IOMMUFMT_INVF_PAGE		(1u << 5)
/** All invalidation flags defined so far. */
#define IOMMUFMT_INVF_ALL		0x3fu

/**
 * struct iommufmt_cap_invalidation - IOMMUFMT_CAP_INVALIDATION, version 1.
 */
struct iommufmt_cap_invalidation {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_INVALIDATION, version 1. */
	__u32 flags;		/**< IOMMUFMT_INVF_*. */
	__u8 max_range_log2;	/**< log2 of the most 4 KiB pages one range command covers (0: one). */
	__u8 asid_bits;		/**< Width of the address-space tag the guest uses (ASID, DID, DomainID). */
	__u8 __reserved[2];	/**< Must be zero. */
};
/** Size of struct iommufmt_cap_invalidation, version 1. */
#define IOMMUFMT_CAP_INVALIDATION_SIZE_V1 16

/* ---- IOMMUFMT_CAP_FAULT ---- */

/** Fault flag: faults of a single-stage translation are reported. */
#define IOMMUFMT_FAULTF_FLAT		(1u << 0)
/** Fault flag: stage-1 faults of a nested translation are reported (to the guest). */
#define IOMMUFMT_FAULTF_NESTED_S1	(1u << 1)
/** Fault flag: stage-2 faults of a nested translation are reported (to the host). */
#define IOMMUFMT_FAULTF_NESTED_S2	(1u << 2)
/** Fault flag: page requests (PRI/PPR) are reported and answered. */
#define IOMMUFMT_FAULTF_PRI		(1u << 3)
/** Fault flag: transactions can stall on a fault and be resumed. */
#define IOMMUFMT_FAULTF_STALL		(1u << 4)
/** Fault flag: stalling is forced (SMMUv3 stall model "force"): STALLD cannot be set. */
#define IOMMUFMT_FAULTF_STALL_FORCE	(1u << 5)
/** All fault flags defined so far. */
#define IOMMUFMT_FAULTF_ALL		0x3fu

/**
 * struct iommufmt_cap_fault - IOMMUFMT_CAP_FAULT, version 1.
 */
struct iommufmt_cap_fault {
	struct iommufmt_cap_header header;	/**< id IOMMUFMT_CAP_FAULT, version 1. */
	__u32 flags;		/**< IOMMUFMT_FAULTF_*. */
	__u16 stall_max;	/**< Most outstanding stalled transactions (SMMU IDR5.STALL_MAX), 0: unknown. */
	__u16 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_cap_fault, version 1. */
#define IOMMUFMT_CAP_FAULT_SIZE_V1 16

/* ---- raw host registers, in iommufd's IOMMU_GET_HW_INFO layouts ---- */

/** Raw register type: none. */
#define IOMMUFMT_HW_INFO_TYPE_NONE		0
/** Raw register type: struct iommufmt_hw_info_vtd (iommufd IOMMU_HW_INFO_TYPE_INTEL_VTD). */
#define IOMMUFMT_HW_INFO_TYPE_INTEL_VTD		1
/** Raw register type: struct iommufmt_hw_info_arm_smmuv3 (iommufd IOMMU_HW_INFO_TYPE_ARM_SMMUV3). */
#define IOMMUFMT_HW_INFO_TYPE_ARM_SMMUV3	2
/** Raw register type: struct iommufmt_hw_info_amd (iommufd IOMMU_HW_INFO_TYPE_AMD). */
#define IOMMUFMT_HW_INFO_TYPE_AMD		4
/** Raw register type: struct iommufmt_hw_info_s390 (this library's; iommufd has none). */
#define IOMMUFMT_HW_INFO_TYPE_S390_ZPCI		0x8001

/** iommufmt_hw_info_vtd.flags: erratum 772415 (SPR17): no read-only mappings on a nest parent. */
#define IOMMUFMT_HW_INFO_VTD_ERRATA_772415_SPR17	(1u << 0)

/**
 * struct iommufmt_hw_info_vtd - VT-d registers, layout of iommufd's iommu_hw_info_vtd.
 */
struct iommufmt_hw_info_vtd {
	__u32 flags;		/**< IOMMUFMT_HW_INFO_VTD_*. */
	__u32 __reserved;	/**< Must be zero. */
	__aligned_u64 cap_reg;	/**< Capability register (VT-d spec 11.4.2). */
	__aligned_u64 ecap_reg;	/**< Extended capability register (VT-d spec 11.4.3). */
};

/**
 * struct iommufmt_hw_info_arm_smmuv3 - SMMUv3 ID registers, layout of iommufd's iommu_hw_info_arm_smmuv3.
 *
 * As iommufd documents, only these fields are read: IDR0 ST_LEVEL,
 * TERM_MODEL, STALL_MODEL, TTENDIAN, CD2L, ASID16, TTF (and S1P, S2P, ATS,
 * PRI, HTTU for the host description); IDR1 SIDSIZE, SSIDSIZE; IDR3 BBML,
 * RIL; IDR5 VAX, GRAN64K, GRAN16K, GRAN4K, OAS, STALL_MAX.
 */
struct iommufmt_hw_info_arm_smmuv3 {
	__u32 flags;		/**< Must be zero. */
	__u32 __reserved;	/**< Must be zero (iommufd: impl). */
	__u32 idr[6];		/**< SMMU_IDR0..IDR5. */
	__u32 iidr;		/**< SMMU_IIDR. */
	__u32 aidr;		/**< SMMU_AIDR. */
};

/**
 * struct iommufmt_hw_info_amd - AMD-Vi feature registers, layout of iommufd's iommu_hw_info_amd.
 */
struct iommufmt_hw_info_amd {
	__aligned_u64 efr;	/**< Extended Feature Register (MMIO 0x30). */
	__aligned_u64 efr2;	/**< Extended Feature 2 Register (MMIO 0x1a0). */
};

/** iommufmt_hw_info_s390.flags: relaxed translation is available (IOTA with T = 0). */
#define IOMMUFMT_HW_INFO_S390_RTR	(1u << 0)
/** iommufmt_hw_info_s390.flags: the function may cache invalid entries; maps need RPCIT too. */
#define IOMMUFMT_HW_INFO_S390_REFRESH	(1u << 1)
/** All iommufmt_hw_info_s390 flags defined so far. */
#define IOMMUFMT_HW_INFO_S390_ALL	0x3u

/**
 * struct iommufmt_hw_info_s390 - zPCI function DMA attributes (CLP query PCI function / group).
 *
 * This library's layout (iommufd defines none): big-endian hosts and
 * little-endian hosts alike fill it in host byte order.
 */
struct iommufmt_hw_info_s390 {
	__u32 flags;		/**< IOMMUFMT_HW_INFO_S390_*. */
	__u8 dt_mask;		/**< Supported IOTA designation types: bit n = DT n (0 ST, 1 RTTO, 2 RSTO, 3 RFTO). */
	__u8 frame_mask;	/**< Supported frame sizes: bit 0 = 4 KiB, bit 1 = 1 MiB (segment FC), bit 2 = 2 GiB. */
	__u16 __reserved;	/**< Must be zero. */
	__aligned_u64 start_dma;	/**< First usable DMA address (CLP sdma). */
	__aligned_u64 end_dma;		/**< Last usable DMA address, inclusive (CLP edma). */
};

/** iommufd GET_HW_INFO out_capabilities bit: dirty tracking on the nest parent. */
#define IOMMUFMT_IOMMUFD_HW_CAP_DIRTY_TRACKING		(1u << 0)
/** iommufd GET_HW_INFO out_capabilities bit: PCI PASID execute permission. */
#define IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_EXEC		(1u << 1)
/** iommufd GET_HW_INFO out_capabilities bit: PCI PASID privileged mode. */
#define IOMMUFMT_IOMMUFD_HW_CAP_PCI_PASID_PRIV		(1u << 2)
/** iommufd GET_HW_INFO out_capabilities bit (negative sense): ATS not supported. */
#define IOMMUFMT_IOMMUFD_HW_CAP_PCI_ATS_NOT_SUPPORTED	(1u << 3)
/** All iommufd capability bits this library knows. */
#define IOMMUFMT_IOMMUFD_HW_CAP_ALL			0xfu

/** iommufmt_hw_regs.flags: @c max_pasid_log2 and @c capabilities carry iommufd's GET_HW_INFO outputs. */
#define IOMMUFMT_HW_REGS_F_IOMMUFD	(1u << 0)
/** All iommufmt_hw_regs flags defined so far. */
#define IOMMUFMT_HW_REGS_F_ALL		0x1u

/**
 * struct iommufmt_hw_regs - Raw model registers, in or out.
 *
 * In (iommufmt_host_new()): what iommufd's IOMMU_GET_HW_INFO returned, so a
 * VMM passes the kernel's answer unchanged: @c data_type, the payload of
 * @c data_len bytes at @c data_uptr and, with IOMMUFMT_HW_REGS_F_IOMMUFD,
 * out_max_pasid_log2 and out_capabilities. A payload shorter than the
 * library's struct is zero-filled; a longer one must have a zero tail.
 *
 * Out (iommufmt_advertise()): @c data_len is the capacity at @c data_uptr on
 * input; min(capacity, size) bytes are written, the rest of the buffer is
 * zero-filled and @c data_len is set to the full size, as iommufd does.
 */
struct iommufmt_hw_regs {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_HW_REGS_F_*. */
	__u32 model;		/**< IOMMUFMT_MODEL_*. */
	__u32 variant;		/**< Model variant (0: default). */
	__u32 data_type;	/**< IOMMUFMT_HW_INFO_TYPE_*. */
	__u32 data_len;		/**< Payload length (out: full length). */
	__aligned_u64 data_uptr;	/**< Address of the payload in this process. */
	__u32 max_pasid_log2;	/**< iommufd out_max_pasid_log2 (IOMMUFMT_HW_REGS_F_IOMMUFD), else 0. */
	__u32 __reserved;	/**< Must be zero. */
	__aligned_u64 capabilities;	/**< iommufd out_capabilities (IOMMUFMT_IOMMUFD_HW_CAP_*), else 0. */
};
/** Size of struct iommufmt_hw_regs as first defined. */
#define IOMMUFMT_HW_REGS_SIZE_VER0 48

/* ---- bind payload data types ---- */

/** Bind payload: VT-d stage 1 in iommufd's form (struct iommufmt_iommufd_hwpt_vtd_s1), a page-table bind. */
#define IOMMUFMT_BIND_DATA_VTD_S1		1
/** Bind payload: SMMUv3 guest STE words 0-1 (struct iommufmt_smmuv3_ste), a PASID-table bind. */
#define IOMMUFMT_BIND_DATA_SMMUV3_STE		2
/** Bind payload: AMD-Vi guest DTE (struct iommufmt_amd_dte), a PASID-table bind. */
#define IOMMUFMT_BIND_DATA_AMD_DTE		3
/** Bind payload: SMMUv3 context descriptor (struct iommufmt_smmuv3_cd), a page-table bind. */
#define IOMMUFMT_BIND_DATA_SMMUV3_CD		0x101
/** Bind payload: VT-d scalable-mode context entry (struct iommufmt_vtd_sm_context), a PASID-table bind. */
#define IOMMUFMT_BIND_DATA_VTD_CONTEXT		0x102
/** Bind payload: VT-d scalable-mode PASID-table entry (struct iommufmt_vtd_pasid_entry), a page-table bind. */
#define IOMMUFMT_BIND_DATA_VTD_PASID_ENTRY	0x103
/** Bind payload: AMD-Vi GCR3 table entry (struct iommufmt_amd_gcr3), a page-table bind. */
#define IOMMUFMT_BIND_DATA_AMD_GCR3		0x104
/** Bind payload: s390 zPCI FIB translation words (struct iommufmt_s390_fib_dma), a page-table bind. */
#define IOMMUFMT_BIND_DATA_S390_FIB		0x105

/**
 * struct iommufmt_smmuv3_ste - SMMUv3 guest STE, words 0 and 1 (little-endian).
 *
 * Same bytes as iommufd's iommu_hwpt_arm_smmuv3. Only V, Config, S1Fmt,
 * S1ContextPtr, S1CDMax (word 0) and S1DSS, S1CIR, S1COR, S1CSH, S1STALLD,
 * EATS (word 1) may be set.
 */
struct iommufmt_smmuv3_ste {
	__aligned_u64 ste[2];	/**< STE words 0 and 1, little-endian. */
};

/**
 * struct iommufmt_smmuv3_cd - SMMUv3 context descriptor, all 64 bytes (little-endian).
 *
 * Words 0-3 (T0SZ ... ASID, TTB0, TTB1, MAIR) make up VER0; words 4-7
 * (AMAIR, IMPLEMENTATION DEFINED, PARTID/PMG, reserved) may be left out.
 */
struct iommufmt_smmuv3_cd {
	__aligned_u64 cd[8];	/**< CD words 0-7, little-endian. */
};
/** Bytes of struct iommufmt_smmuv3_cd a caller must pass (words 0-3). */
#define IOMMUFMT_SMMUV3_CD_SIZE_VER0 32

/**
 * struct iommufmt_amd_dte - AMD-Vi guest device-table entry (little-endian).
 *
 * Same bytes as iommufd's iommu_hwpt_amd_guest. The guest owns V, GV, GLX,
 * GCR3 root, GIOV, PPR, GuestPagingMode and DomainID; Mode and the host page
 * table root must be zero. Other fields (TV, IR, IW, interrupt remapping)
 * belong to the host and are ignored.
 */
struct iommufmt_amd_dte {
	__aligned_u64 dte[4];	/**< DTE words 0-3, little-endian. */
};

/**
 * struct iommufmt_amd_gcr3 - AMD-Vi GCR3 table entry: the guest CR3 of one PASID (little-endian).
 */
struct iommufmt_amd_gcr3 {
	__aligned_u64 gcr3;	/**< Bit 0 valid, bits 51:12 root of the guest (x86-64) table. */
};

/**
 * struct iommufmt_vtd_sm_context - VT-d scalable-mode context entry (little-endian).
 *
 * Word 0: P, FPD, DTE, PASIDE, PRE, PDTS, PASID directory pointer; word 1:
 * RID_PASID, RID_PRIV; words 2-3 reserved. Words 0-1 make up VER0.
 */
struct iommufmt_vtd_sm_context {
	__aligned_u64 val[4];	/**< Context-entry words 0-3, little-endian. */
};
/** Bytes of struct iommufmt_vtd_sm_context a caller must pass (words 0-1). */
#define IOMMUFMT_VTD_SM_CONTEXT_SIZE_VER0 16

/**
 * struct iommufmt_vtd_pasid_entry - VT-d scalable-mode PASID-table entry (little-endian).
 *
 * The guest's first-stage entry (PGTT = 1). Words 0-3 make up VER0; words
 * 4-7 are reserved and may be left out.
 */
struct iommufmt_vtd_pasid_entry {
	__aligned_u64 val[8];	/**< PASID-entry words 0-7, little-endian. */
};
/** Bytes of struct iommufmt_vtd_pasid_entry a caller must pass (words 0-3). */
#define IOMMUFMT_VTD_PASID_ENTRY_SIZE_VER0 32

/**
 * struct iommufmt_s390_fib_dma - The DMA words of a zPCI function information block (big-endian).
 *
 * As registered by MPCIFC "register I/O address translation parameters":
 * PCI base address, PCI address limit and I/O translation anchor.
 */
struct iommufmt_s390_fib_dma {
	__aligned_u64 pba;	/**< First DMA address (big-endian). */
	__aligned_u64 pal;	/**< Last DMA address, inclusive (big-endian). */
	__aligned_u64 iota;	/**< I/O translation anchor: origin, T, P, DT, FS (big-endian). */
};

/* ---- bind requests ---- */

/** Bind config: translate through the bound table. */
#define IOMMUFMT_BIND_CONFIG_TRANSLATE	1
/** Bind config: stage 1 bypassed, only the host's stage 2 applies. */
#define IOMMUFMT_BIND_CONFIG_BYPASS	2
/** Bind config: all DMA aborted. */
#define IOMMUFMT_BIND_CONFIG_ABORT	3

/** All iommufmt_bind_pasid_table flags defined so far (none). */
#define IOMMUFMT_BIND_PASID_TABLE_F_ALL	0x0u

/**
 * struct iommufmt_bind_pasid_table - Bind a guest PASID (CD / GCR3 / PASID-directory) table.
 *
 * The generic header repeats what the native payload encodes, so generic
 * code (and a reviewer) can read it without knowing the model; the model's
 * validator checks that both agree. For BYPASS and ABORT @c base, @c format
 * and @c pasid_bits are zero.
 */
struct iommufmt_bind_pasid_table {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_BIND_PASID_TABLE_F_* (none yet). */
	__u32 model;		/**< IOMMUFMT_MODEL_* the payload belongs to. */
	__u32 variant;		/**< Model variant (0: default). */
	__u32 format;		/**< IOMMUFMT_PASIDT_* table format. */
	__u8 pasid_bits;	/**< log2 of the number of PASIDs the table covers. */
	__u8 config;		/**< IOMMUFMT_BIND_CONFIG_*. */
	__u16 __reserved;	/**< Must be zero. */
	__aligned_u64 base;	/**< Guest-physical address of the table (the root for 2-level tables). */
	__u32 data_type;	/**< IOMMUFMT_BIND_DATA_*. */
	__u32 data_len;		/**< Payload length in bytes. */
	__aligned_u64 data_uptr;	/**< Address of the payload in this process. */
};
/** Size of struct iommufmt_bind_pasid_table as first defined. */
#define IOMMUFMT_BIND_PASID_TABLE_SIZE_VER0 48

/** iommufmt_bind_pgtable.flags: the table serves requests with @c pasid (else PASID-less requests; pasid must be 0). */
#define IOMMUFMT_BIND_PGTABLE_F_PASID	(1u << 0)
/** All iommufmt_bind_pgtable flags defined so far. */
#define IOMMUFMT_BIND_PGTABLE_F_ALL	0x1u

/**
 * struct iommufmt_bind_pgtable - Bind a guest stage-1 page table (per PASID).
 */
struct iommufmt_bind_pgtable {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_BIND_PGTABLE_F_*. */
	__u32 model;		/**< IOMMUFMT_MODEL_* the payload belongs to. */
	__u32 variant;		/**< Model variant (0: default). */
	__u32 pasid;		/**< PASID (with IOMMUFMT_BIND_PGTABLE_F_PASID), else 0. */
	__u32 format;		/**< IOMMUFMT_PGTABLE_* of the guest table. */
	__aligned_u64 root;	/**< Guest-physical address of the top table. */
	__u32 addr_width;	/**< Input address width in bits (e.g. 48 or 57; ARM 64 - T0SZ). */
	__u32 data_type;	/**< IOMMUFMT_BIND_DATA_*. */
	__u32 data_len;		/**< Payload length in bytes. */
	__u32 __reserved;	/**< Must be zero. */
	__aligned_u64 data_uptr;	/**< Address of the payload in this process. */
};
/** Size of struct iommufmt_bind_pgtable as first defined. */
#define IOMMUFMT_BIND_PGTABLE_SIZE_VER0 56

/** iommufmt_unbind.flags: unbind the PASID table (exactly one of PASID_TABLE / PGTABLE). */
#define IOMMUFMT_UNBIND_F_PASID_TABLE		(1u << 0)
/** iommufmt_unbind.flags: unbind the page table of @c pasid. */
#define IOMMUFMT_UNBIND_F_PGTABLE		(1u << 1)
/** iommufmt_unbind.flags: release the PASID: its transactions and page requests were drained (flushed). */
#define IOMMUFMT_UNBIND_F_RELEASE_FLUSHED	(1u << 2)
/** iommufmt_unbind.flags: release the PASID: nothing was in flight (the device never used it or is stopped). */
#define IOMMUFMT_UNBIND_F_RELEASE_IDLE		(1u << 3)
/** iommufmt_unbind.flags: @c pasid is valid (page-table unbind of a PASID). */
#define IOMMUFMT_UNBIND_F_PASID			(1u << 4)
/** All iommufmt_unbind flags defined so far. */
#define IOMMUFMT_UNBIND_F_ALL			0x1fu

/**
 * struct iommufmt_unbind - Undo a bind, optionally releasing the PASID.
 *
 * Without a release flag the PASID stays reserved after the unbind (the
 * caller has not yet drained it). RELEASE_FLUSHED and RELEASE_IDLE exclude
 * each other and need a PASID (a page-table unbind with
 * IOMMUFMT_UNBIND_F_PASID).
 */
struct iommufmt_unbind {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_UNBIND_F_*. */
	__u32 model;		/**< IOMMUFMT_MODEL_*. */
	__u32 variant;		/**< Model variant (0: default). */
	__u32 pasid;		/**< PASID for a page-table unbind with IOMMUFMT_UNBIND_F_PASID, else 0. */
	__u32 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_unbind as first defined. */
#define IOMMUFMT_UNBIND_SIZE_VER0 24

/* ---- iommufd IOMMU_HWPT_ALLOC payload mirrors ---- */

/** iommufd HWPT data type: none. */
#define IOMMUFMT_IOMMUFD_HWPT_DATA_NONE		0
/** iommufd HWPT data type: IOMMU_HWPT_DATA_VTD_S1 (struct iommufmt_iommufd_hwpt_vtd_s1). */
#define IOMMUFMT_IOMMUFD_HWPT_DATA_VTD_S1	1
/** iommufd HWPT data type: IOMMU_HWPT_DATA_ARM_SMMUV3 (struct iommufmt_iommufd_hwpt_arm_smmuv3). */
#define IOMMUFMT_IOMMUFD_HWPT_DATA_ARM_SMMUV3	2
/** iommufd HWPT data type: IOMMU_HWPT_DATA_AMD_GUEST (struct iommufmt_iommufd_hwpt_amd_guest). */
#define IOMMUFMT_IOMMUFD_HWPT_DATA_AMD_GUEST	3

/** iommufd HWPT_ALLOC flag mirror: IOMMU_HWPT_ALLOC_PASID (the HWPT will be attached to a PASID). */
#define IOMMUFMT_IOMMUFD_HWPT_ALLOC_PASID	(1u << 3)

/** struct iommufmt_iommufd_hwpt_vtd_s1 flag: IOMMU_VTD_S1_SRE (supervisor requests). */
#define IOMMUFMT_IOMMUFD_VTD_S1_SRE	(1u << 0)
/** struct iommufmt_iommufd_hwpt_vtd_s1 flag: IOMMU_VTD_S1_EAFE (extended accessed flag). */
#define IOMMUFMT_IOMMUFD_VTD_S1_EAFE	(1u << 1)
/** struct iommufmt_iommufd_hwpt_vtd_s1 flag: IOMMU_VTD_S1_WPE (write protect, with SRE). */
#define IOMMUFMT_IOMMUFD_VTD_S1_WPE	(1u << 2)

/**
 * struct iommufmt_iommufd_hwpt_vtd_s1 - Layout of iommufd's iommu_hwpt_vtd_s1 (24 bytes).
 */
struct iommufmt_iommufd_hwpt_vtd_s1 {
	__aligned_u64 flags;		/**< IOMMUFMT_IOMMUFD_VTD_S1_*. */
	__aligned_u64 pgtbl_addr;	/**< Guest first-stage root (GPA). */
	__u32 addr_width;		/**< 48 or 57. */
	__u32 __reserved;		/**< Must be zero. */
};

/**
 * struct iommufmt_iommufd_hwpt_arm_smmuv3 - Layout of iommufd's iommu_hwpt_arm_smmuv3 (16 bytes).
 *
 * The kernel declares the words __aligned_le64 ("must be little-endian"):
 * they are the STE's own bytes on every host.
 */
struct iommufmt_iommufd_hwpt_arm_smmuv3 {
	__aligned_u64 ste[2];	/**< Guest STE words 0-1, little-endian. */
};

/**
 * struct iommufmt_iommufd_hwpt_amd_guest - Layout of iommufd's iommu_hwpt_amd_guest (32 bytes).
 *
 * The kernel declares the words __aligned_u64 and reads them as values, so
 * they are in host byte order: the native DTE's little-endian words
 * (struct iommufmt_amd_dte) converted to host order, not its bytes.
 */
struct iommufmt_iommufd_hwpt_amd_guest {
	__aligned_u64 dte[4];	/**< Guest DTE words 0-3, host byte order. */
};

/**
 * struct iommufmt_iommufd_hwpt - What to pass to IOMMU_HWPT_ALLOC for a validated bind.
 *
 * @c data holds @c data_len bytes laid out as the iommufd struct named by
 * @c data_type; the VMM points iommu_hwpt_alloc.data_uptr at it.
 */
struct iommufmt_iommufd_hwpt {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< No flags defined yet; zero. */
	__u32 hwpt_flags;	/**< IOMMU_HWPT_ALLOC flags the bind needs (IOMMUFMT_IOMMUFD_HWPT_ALLOC_*). */
	__u32 data_type;	/**< IOMMUFMT_IOMMUFD_HWPT_DATA_*. */
	__u32 data_len;		/**< Bytes of @c data in use. */
	__u32 pasid;		/**< Page-table binds: the PASID to attach the HWPT to; else 0. */
	__aligned_u64 data[8];	/**< The iommufd payload, in the byte order the kernel's struct has. */
};
/** Size of struct iommufmt_iommufd_hwpt as first defined. */
#define IOMMUFMT_IOMMUFD_HWPT_SIZE_VER0 88

/* ---- negotiation ---- */

/** vIOMMU feature: PASIDs (substreams). */
#define IOMMUFMT_VIOMMU_F_PASID		(1u << 0)
/** vIOMMU feature: page requests (PRI / PPR). */
#define IOMMUFMT_VIOMMU_F_PRI		(1u << 1)
/** vIOMMU feature: ATS (device TLBs). */
#define IOMMUFMT_VIOMMU_F_ATS		(1u << 2)
/** vIOMMU feature: stall model (SMMUv3). */
#define IOMMUFMT_VIOMMU_F_STALL		(1u << 3)
/** vIOMMU feature: hardware A/D updates in the guest's stage 1. */
#define IOMMUFMT_VIOMMU_F_AD		(1u << 4)
/** vIOMMU feature: execute requests / permission. */
#define IOMMUFMT_VIOMMU_F_EXEC		(1u << 5)
/** vIOMMU feature: privileged (supervisor) requests. */
#define IOMMUFMT_VIOMMU_F_PRIV		(1u << 6)
/** vIOMMU feature: dirty tracking of the nest parent (for migration). */
#define IOMMUFMT_VIOMMU_F_DIRTY		(1u << 7)
/** vIOMMU feature: PASID-less traffic through a guest stage 1 (GIOV / S1DSS / RID_PASID). */
#define IOMMUFMT_VIOMMU_F_NO_PASID_S1	(1u << 8)
/** All vIOMMU feature flags defined so far. */
#define IOMMUFMT_VIOMMU_F_ALL		0x1ffu

/**
 * struct iommufmt_viommu_config - A guest vIOMMU configuration: requested, or effective.
 *
 * As a request, each field is what the guest will need; zero asks for the
 * host's value (zero flags ask for no optional feature). As the effective
 * configuration it says what the guest gets: zero fields filled in, widths
 * and bitmaps the host's (so the VMM advertises exactly those).
 */
struct iommufmt_viommu_config {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_VIOMMU_F_* features. */
	__u32 model;		/**< IOMMUFMT_MODEL_* the vIOMMU emulates. */
	__u32 variant;		/**< Model variant (0: default). */
	__u32 pgtable_formats;	/**< Bitmap of guest stage-1 formats (bit n = IOMMUFMT_PGTABLE id n). */
	__u32 pasid_table_formats;	/**< Bitmap of IOMMUFMT_PASIDT_* the guest may use. */
	__u8 pasid_bits;	/**< PASID width. */
	__u8 ias;		/**< Guest stage-1 input address width. */
	__u8 oas;		/**< Guest stage-1 output (guest-physical) width. */
	__u8 asid_bits;		/**< Address-space tag width (ASID / DID / DomainID). */
	__u32 granules;		/**< Bitmap of log2 granules (ARM); 0 for x86 and s390. */
	__aligned_u64 pgsize_bitmap;	/**< Page sizes the guest maps. */
	__u32 inval_flags;	/**< IOMMUFMT_INVF_* the guest will issue. */
	__u32 fault_flags;	/**< IOMMUFMT_FAULTF_* the guest expects. */
};
/** Size of struct iommufmt_viommu_config as first defined. */
#define IOMMUFMT_VIOMMU_CONFIG_SIZE_VER0 48

/** @} */

/* ======================================================================== */
/* SECTION: Invalidation.                                                   */
/* ======================================================================== */

/**
 * @defgroup abi_inval Invalidation: generic entries, native commands, queues, iommufd mirrors
 * @brief One generic form for every model's invalidation commands.
 *
 * A guest issues invalidations in its vIOMMU's native queue format (VT-d
 * invalidation queue, AMD-Vi command buffer, SMMUv3 command queue, s390
 * RPCIT). The library decodes a native command into a struct
 * iommufmt_inv_entry: a generic part (what, which caches, at which
 * granularity, for which ids and addresses) plus the native descriptor
 * itself (struct iommufmt_inv_native), so nothing is lost and the checked
 * bytes can still be passed straight to hardware. Generic entries can be
 * encoded for any model, and converted to the kernel's
 * IOMMU_HWPT_INVALIDATE entries.
 *
 * Valid (cache, granularity) combinations, checked by
 * iommufmt_inv_entry_check() (a cache that is not listed for a granularity
 * makes the entry -EINVAL):
 *
 * | cache \ granularity | GLOBAL | DOMAIN | PASID | ADDR | DEVICE |
 * |---------------------|:------:|:------:|:-----:|:----:|:------:|
 * | IOTLB               |   x    |   x    |   x   |  x   |        |
 * | DEV_IOTLB           |        |        |   x   |  x   |   x    |
 * | PASID               |   x    |   x    |   x   |      |   x    |
 * | DEVICE              |   x    |   x    |       |      |   x    |
 * | INTR                |   x    |        |       |  x   |   x    |
 *
 * Ids each granularity needs: DOMAIN an archid, PASID a pasid, DEVICE a
 * sid, and every DEV_IOTLB entry a sid (the device whose ATC is meant).
 * GLOBAL takes no archid, pasid or sid (a vmid may narrow it). ADDR takes
 * optional ids: without an archid it means every address space (SMMU
 * TLBI_NH_VAA), with a sid alone the device's own space (s390).
 * @{
 */

/* --- diagnostic codes of the invalidation area --- */
/** The native command's opcode (or type) is reserved or unknown to the model. Usually -EIO. */
#define IOMMUFMT_DIAG_INV_UNKNOWN_CMD		0x0300
/** A reserved bit of a native command is set. Usually -EIO. */
#define IOMMUFMT_DIAG_INV_RESERVED_BIT		0x0301
/**
 * A native command field holds an illegal value (a reserved granularity, response code...).
 * Usually -EIO.
 */
#define IOMMUFMT_DIAG_INV_BAD_FIELD		0x0302
/** A reserved combination of native range fields (SMMU TG/TTL/NUM/SCALE). Usually -EIO. */
#define IOMMUFMT_DIAG_INV_RESERVED_COMBO	0x0303
/** An invalidation address is not aligned as its size or level requires. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_MISALIGNED		0x0304
/** An invalidation range wraps past 2^64 or its size overflows. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_RANGE_WRAP		0x0305
/**
 * The command needs a feature the (emulated) IOMMU does not have (PASID, ATS, range, SMMU Hyp...).
 * Usually -EIO.
 */
#define IOMMUFMT_DIAG_INV_FEATURE		0x0306
/**
 * A valid native command that this library does not decode (e.g. AMD PREFETCH_IOMMU_PAGES).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_INV_NOT_IMPLEMENTED	0x0307
/** A generic entry selects no cache, or an unknown cache bit. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_INV_BAD_CACHES		0x0308
/** A selected cache cannot be invalidated at the entry's granularity. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_BAD_GRANULARITY	0x0309
/** The granularity needs an id (archid, pasid, sid) that is not marked valid. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_MISSING_ID		0x030a
/** The target model cannot express the invalidation, even widened. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_INV_CANNOT_ENCODE		0x030b
/** A queue head or tail index lies outside the ring. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_QUEUE_INDEX		0x030c
/** A queue entry could not be read from guest memory. Usually -EFAULT. */
#define IOMMUFMT_DIAG_INV_QUEUE_FETCH		0x030d
/** A batch entry_len is zero, too small, or larger with non-zero unknown bytes. Usually -EINVAL. */
#define IOMMUFMT_DIAG_INV_ENTRY_LEN		0x030e
/**
 * The kernel's IOMMU_HWPT_INVALIDATE allow-list does not accept the command.
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_INV_NOT_FOR_KERNEL	0x030f
/**
 * An id exceeds the width configured for the IOMMU (ASID, domain id, PASID bits).
 * Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_INV_ID_RANGE		0x0310

/* --- what an entry does --- */
/** iommufmt_inv_entry.op: invalidate the caches named by @c caches. */
#define IOMMUFMT_INV_OP_INVALIDATE	0
/** iommufmt_inv_entry.op: wait for earlier commands (VT-d wait, AMD COMPLETION_WAIT, SMMU CMD_SYNC). */
#define IOMMUFMT_INV_OP_SYNC		1
/** iommufmt_inv_entry.op: answer a page-request group (VT-d type 9, AMD COMPLETE_PPR_REQUEST, SMMU PRI_RESP). */
#define IOMMUFMT_INV_OP_PAGE_RESP	2
/** iommufmt_inv_entry.op: resume or terminate stalled transactions (SMMU RESUME, STALL_TERM). */
#define IOMMUFMT_INV_OP_RESUME		3
/** iommufmt_inv_entry.op: a prefetch hint that may be ignored (SMMU PREFETCH_CONFIG). */
#define IOMMUFMT_INV_OP_PREFETCH	4
/** Number of ops defined. */
#define IOMMUFMT_INV_OP_NR		5

/* --- caches (iommufmt_inv_entry.caches, a bitmask) --- */
/** IOMMU TLB and paging-structure caches (VT-d IOTLB/PASID-IOTLB, AMD pages, SMMU TLBI, s390 RPCIT). */
#define IOMMUFMT_INV_CACHE_IOTLB	(1u << 0)
/** Device TLBs (PCIe ATS ATCs). */
#define IOMMUFMT_INV_CACHE_DEV_IOTLB	(1u << 1)
/** Per-PASID configuration: VT-d PASID cache, SMMU CDs, AMD GCR3 entries. */
#define IOMMUFMT_INV_CACHE_PASID	(1u << 2)
/** Per-device configuration: VT-d context entries, SMMU STEs, AMD DTEs. */
#define IOMMUFMT_INV_CACHE_DEVICE	(1u << 3)
/** Interrupt-remapping entries (VT-d IEC, AMD interrupt tables). */
#define IOMMUFMT_INV_CACHE_INTR		(1u << 4)
/** Every cache bit defined so far. */
#define IOMMUFMT_INV_CACHE_ALL		0x1fu

/* --- granularity (iommufmt_inv_entry.granularity) --- */
/** Everything in the selected caches (optionally narrowed by a vmid). */
#define IOMMUFMT_INV_GRAN_GLOBAL	0
/** Everything tagged with @c archid (VT-d DID, AMD DomainID, SMMU ASID). */
#define IOMMUFMT_INV_GRAN_DOMAIN	1
/** Everything of one PASID (within @c archid and/or @c sid when given). */
#define IOMMUFMT_INV_GRAN_PASID		2
/** An address range: @c nr_granules units of 2^@c granule bytes from @c addr. */
#define IOMMUFMT_INV_GRAN_ADDR		3
/** Everything of one device (@c sid, with the bits in @c sid_mask ignored). */
#define IOMMUFMT_INV_GRAN_DEVICE	4
/** Number of granularities defined. */
#define IOMMUFMT_INV_GRAN_NR		5

/* --- flags (iommufmt_inv_entry.flags) --- */
/** @c archid is valid. */
#define IOMMUFMT_INV_F_ARCHID		(1u << 0)
/** @c pasid is valid. */
#define IOMMUFMT_INV_F_PASID		(1u << 1)
/** @c sid is valid. */
#define IOMMUFMT_INV_F_SID		(1u << 2)
/** @c vmid is valid (SMMU VMID of stage-1 or stage-2 entries). */
#define IOMMUFMT_INV_F_VMID		(1u << 3)
/** Hint: only leaf entries changed; non-leaf (table) caches may be kept (VT-d IH, SMMU Leaf, AMD !PDE). */
#define IOMMUFMT_INV_F_LEAF		(1u << 4)
/** Second-stage entries: with ADDR, @c addr is an IPA (SMMU S2_IPA); with GLOBAL, both stages. */
#define IOMMUFMT_INV_F_STAGE2		(1u << 5)
/** DEV_IOTLB with a PASID: also global translations of every PASID (PCIe ATS Global Invalidate). */
#define IOMMUFMT_INV_F_PASID_GLOBAL	(1u << 6)
/** Hint: drain reads before completing (VT-d DR). */
#define IOMMUFMT_INV_F_DRAIN_READ	(1u << 7)
/** Hint: drain writes before completing (VT-d DW). */
#define IOMMUFMT_INV_F_DRAIN_WRITE	(1u << 8)
/** SYNC: raise the completion interrupt (VT-d IF, AMD I). */
#define IOMMUFMT_INV_F_SYNC_IRQ		(1u << 9)
/** SYNC: write @c data to @c addr on completion (VT-d SW, AMD S, SMMU CS=SIG_IRQ MSI write). */
#define IOMMUFMT_INV_F_SYNC_STORE	(1u << 10)
/** SYNC: later commands wait for this one (VT-d FN, AMD F). */
#define IOMMUFMT_INV_F_SYNC_FENCE	(1u << 11)
/** SYNC: also drain page requests (VT-d PD). */
#define IOMMUFMT_INV_F_SYNC_DRAIN_PRQ	(1u << 12)
/** SYNC: signal completion with a wake-up event (SMMU CS=SIG_SEV). */
#define IOMMUFMT_INV_F_SYNC_EVENT	(1u << 13)
/** PAGE_RESP: last page in the group (VT-d LPIG). */
#define IOMMUFMT_INV_F_RESP_LAST	(1u << 14)
/** RESUME: every stalled transaction of @c sid, not one @c tag (SMMU STALL_TERM). */
#define IOMMUFMT_INV_F_ALL_TAGS		(1u << 15)
/**
 * INVALIDATE, set by decoders: the native command was UNPREDICTABLE as
 * written but not illegal (an SMMU TLBI whose address is not aligned to its
 * TG/TTL leaf size), so the guest's queue goes on; the entry is the widest
 * meaning the command can have (the hint ignored: every leaf the range
 * touches), which may be more than the guest meant. Informational: entry
 * checks accept it, encoders ignore it.
 */
#define IOMMUFMT_INV_F_WIDENED		(1u << 16)
/** Every entry flag defined so far. */
#define IOMMUFMT_INV_F_ALL		0x1ffffu

/* --- response codes (iommufmt_inv_entry.code) --- */
/** PAGE_RESP: the group was paged in (VT-d/AMD 0, SMMU Success 2). */
#define IOMMUFMT_INV_RESP_SUCCESS	0
/** PAGE_RESP: paging failed for a page of the group (VT-d/AMD 1, SMMU InvalidRequest 1). */
#define IOMMUFMT_INV_RESP_INVALID	1
/** PAGE_RESP: permanent error (VT-d/AMD 0xf, SMMU ResponseFailure 0). */
#define IOMMUFMT_INV_RESP_FAILURE	2
/** RESUME: retry the stalled transaction. */
#define IOMMUFMT_INV_RESUME_RETRY	0
/** RESUME: terminate it with an abort. */
#define IOMMUFMT_INV_RESUME_ABORT	1
/** RESUME: terminate it as a successful read-as-zero / write-ignored access. */
#define IOMMUFMT_INV_RESUME_RAZ		2

/**
 * struct iommufmt_inv_native - The native command an entry came from.
 *
 * @c desc holds the command's bytes exactly as they were in the queue, in
 * the hardware byte order (little-endian for VT-d, AMD-Vi and SMMUv3,
 * big-endian for s390); bytes past @c len are zero.
 */
struct iommufmt_inv_native {
	__u32 model;		/**< IOMMUFMT_MODEL_* of the bytes; 0 when there are none. */
	__u16 len;		/**< Bytes used in @c desc: 0, 16, 24 or 32. */
	__u16 __reserved;	/**< Zero. */
	__aligned_u64 desc[4];	/**< The descriptor, up to 256 bits. */
};

/**
 * struct iommufmt_inv_entry - One generic invalidation (or queue command).
 *
 * Fields an entry's op, caches and granularity do not use must be zero,
 * and ids are used only when their IOMMUFMT_INV_F_* flag is set. Address
 * ranges are whole granules: @c addr is aligned to 2^@c granule and the
 * range [@c addr, @c addr + @c nr_granules * 2^@c granule) must not pass
 * 2^64 (it may end exactly there). @c granule is 12..63, or 0 for the
 * interrupt cache, whose "addresses" are interrupt-table indexes.
 */
struct iommufmt_inv_entry {
	__u32 argsz;		/**< Size of the caller's struct (IOMMUFMT_INV_ENTRY_SIZE_VER0 or more). */
	__u32 flags;		/**< IOMMUFMT_INV_F_*. */
	__u8 op;		/**< IOMMUFMT_INV_OP_*. */
	__u8 granularity;	/**< IOMMUFMT_INV_GRAN_* (INVALIDATE only). */
	__u8 granule;		/**< ADDR: log2 of the range unit (12 = 4 KiB; SMMU: the TG granule). */
	__u8 level_hint;	/**< ADDR: log2 of the leaf size being invalidated (SMMU TTL); 0 unknown. */
	__u32 caches;		/**< IOMMUFMT_INV_CACHE_* (INVALIDATE only). */
	__u32 archid;		/**< Address-space tag: VT-d DID, AMD DomainID, SMMU ASID. */
	__u32 pasid;		/**< PASID / SMMU SubstreamID, below 2^20. */
	__u32 sid;		/**< Device: PCI requester id, SMMU StreamID, s390 function handle. */
	__u32 sid_mask;		/**< DEVICE: sid bits to ignore (VT-d function mask, SMMU STE range); zero with IOMMUFMT_INV_CACHE_DEV_IOTLB, whose native commands name one device (-EOPNOTSUPP). */
	__u32 vmid;		/**< SMMU VMID (IOMMUFMT_INV_F_VMID). */
	__u32 tag;		/**< PAGE_RESP: page-request group index; RESUME: stall tag. */
	__aligned_u64 addr;	/**< ADDR: first address; SYNC: the store (or MSI) address. */
	__aligned_u64 nr_granules;	/**< ADDR: number of 2^granule units, at least 1. */
	__aligned_u64 data;	/**< SYNC: the value stored on completion. */
	__u32 code;		/**< PAGE_RESP: IOMMUFMT_INV_RESP_*; RESUME: IOMMUFMT_INV_RESUME_*. */
	__u32 aux;		/**< Model-defined bits for a same-model re-encode (see iommufmt_inv_encode()). */
	struct iommufmt_inv_native native;	/**< The native command, when decoded from one. */
};
/** Size of struct iommufmt_inv_entry as first defined. */
#define IOMMUFMT_INV_ENTRY_SIZE_VER0 112

/* --- what the (emulated) IOMMU supports: iommufmt_inv_cfg.flags --- */
/** PASID / SubstreamID commands (VT-d scalable mode types 6-8, AMD GN=1, SMMU SSV/SSID). */
#define IOMMUFMT_INV_CFG_PASID		(1u << 0)
/** Device-TLB (ATS) commands (VT-d ECAP.DT, AMD IOTLB, SMMU_IDR0.ATS). */
#define IOMMUFMT_INV_CFG_ATS		(1u << 1)
/** Page responses and VT-d page-request drain (VT-d PRS, AMD PPR, SMMU_IDR0.PRI). */
#define IOMMUFMT_INV_CFG_PRI		(1u << 2)
/** SMMU range invalidation: NUM/SCALE/TG/TTL (SMMU_IDR3.RIL). */
#define IOMMUFMT_INV_CFG_RANGE		(1u << 3)
/** SMMU 52-bit extensions: SCALE up to 39, TTL 1 with 16 KiB granules (SMMU_IDR5.DS). */
#define IOMMUFMT_INV_CFG_DS		(1u << 4)
/** VT-d 256-bit descriptors (IQA.DW = 1); queue entries are 32 bytes. */
#define IOMMUFMT_INV_CFG_WIDE		(1u << 5)
/** SMMU stall model: RESUME and STALL_TERM are legal. */
#define IOMMUFMT_INV_CFG_STALL		(1u << 6)
/** AMD INVALIDATE_IOMMU_ALL (EFR.IA). */
#define IOMMUFMT_INV_CFG_INV_ALL	(1u << 7)
/** SMMU stage 2 is implemented: TLBI_S2_IPA and TLBI_S12_VMALL are legal. */
#define IOMMUFMT_INV_CFG_STAGE2		(1u << 8)
/** Every configuration flag defined so far. */
#define IOMMUFMT_INV_CFG_ALL		0x1ffu

/**
 * struct iommufmt_inv_cfg - The native format to decode or encode, and its features.
 *
 * Describes the (emulated or host) IOMMU whose commands are handled: a
 * command needing a feature that is not set is illegal for that IOMMU.
 * Flags and fields a model does not use must be zero (iommufmt_inv_codec
 * lists which ones each model takes).
 */
struct iommufmt_inv_cfg {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_INV_CFG_*. */
	__u32 model;		/**< IOMMUFMT_MODEL_*. */
	__u32 variant;		/**< Model variant; 0 for the default. */
	__u8 max_am;		/**< VT-d: largest address mask (CAP.MAMV); others 0. */
	__u8 pasid_bits;	/**< PASID / SSID width; 0 = the command field's width. */
	__u8 archid_bits;	/**< VT-d DID, AMD DomainID or SMMU ASID width; 0 = the field's width. */
	__u8 granule;		/**< SMMU: log2 of the host translation granule to encode for (12, 14, 16); 0 = the entry's. */
	__u32 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_inv_cfg as first defined. */
#define IOMMUFMT_INV_CFG_SIZE_VER0 24

/**
 * struct iommufmt_inv_batch - An array of generic entries, iommufd style.
 *
 * Entries lie @c entry_len bytes apart at @c entries_uptr. @c entry_len is
 * the entry's size version (at least IOMMUFMT_INV_ENTRY_SIZE_VER0); each
 * entry is copied in with the argsz rules, so bytes past the library's
 * struct must be zero, and each entry's own argsz must equal @c entry_len.
 * @c entry_num is the count on input and, on output, how many entries were
 * handled, also when an error is returned, so the caller resumes after the
 * failed entry. @c entry_num = 0 probes support and touches no entry.
 */
struct iommufmt_inv_batch {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< No flags defined yet; must be zero. */
	__u32 entry_len;	/**< Bytes per entry. */
	__u32 entry_num;	/**< In: number of entries (or capacity); out: handled. */
	__aligned_u64 entries_uptr;	/**< Pointer to the first entry. */
};
/** Size of struct iommufmt_inv_batch as first defined. */
#define IOMMUFMT_INV_BATCH_SIZE_VER0 24

/* --- guest-visible error classes (iommufmt_inv_queue.err_class) --- */
/** No error. */
#define IOMMUFMT_INV_ERR_NONE		0
/** An illegal command: SMMU CERROR_ILL, VT-d IQE, AMD ILLEGAL_COMMAND_ERROR, s390 CC 1. */
#define IOMMUFMT_INV_ERR_ILLEGAL	1
/** The command could not be fetched: SMMU CERROR_ABT, VT-d IQE, AMD COMMAND_HARDWARE_ERROR. */
#define IOMMUFMT_INV_ERR_FETCH		2
/** A device-TLB invalidation timed out: SMMU CERROR_ATC_INV_SYNC, VT-d ITE, AMD IOTLB_INV_TIMEOUT. */
#define IOMMUFMT_INV_ERR_ATC_TIMEOUT	3
/** Number of error classes defined. */
#define IOMMUFMT_INV_ERR_NR		4

/** iommufmt_inv_queue.flags: @c base is a host pointer, not a guest-physical address. */
#define IOMMUFMT_INV_QUEUE_F_HOST	(1u << 0)
/**
 * iommufmt_inv_queue.flags: @c head and @c tail carry a wrap bit above the
 * index (SMMU PROD/CONS style): they lie in [0, 2 * size) and equal
 * indexes with different wrap bits mean a full queue. Without it they lie
 * in [0, size) and head == tail means empty.
 */
#define IOMMUFMT_INV_QUEUE_F_WRAP	(1u << 1)
/** Every queue flag defined so far. */
#define IOMMUFMT_INV_QUEUE_F_ALL	0x3u

/**
 * struct iommufmt_inv_queue - A guest's command ring, and where processing stopped.
 *
 * Commands are read from @c head up to (not including) @c tail, wrapping
 * at @c size. On return @c head is the index after the last command
 * decoded; when a command is bad, processing stops at it: @c head and
 * @c err_index point at it and @c err_class / @c native_err say how the
 * emulated IOMMU reports it to the guest.
 */
struct iommufmt_inv_queue {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< IOMMUFMT_INV_QUEUE_F_*. */
	__aligned_u64 base;	/**< Guest-physical address of slot 0 (or host address, QUEUE_F_HOST). */
	__u32 size;		/**< Number of slots (at least 1). */
	__u32 entry_size;	/**< Bytes per slot: the codec's command size. */
	__u32 head;		/**< In: first command to read; out: where processing stopped. */
	__u32 tail;		/**< One past the last command written by the guest. */
	__u32 err_index;	/**< Out: slot of the bad command (when err_class is not NONE). */
	__u32 err_class;	/**< Out: IOMMUFMT_INV_ERR_*. */
	__u32 native_err;	/**< Out: the model's code for it (CMDQ_CONS.ERR, FSTS bit, AMD event code). */
	__u32 __reserved;	/**< Must be zero. */
};
/** Size of struct iommufmt_inv_queue as first defined. */
#define IOMMUFMT_INV_QUEUE_SIZE_VER0 48

/* --- kernel iommufd IOMMU_HWPT_INVALIDATE layouts (mirrors, not argsz-versioned) --- */
/** iommufd data_type of struct iommufmt_iommufd_vtd_s1_inv (IOMMU_HWPT_INVALIDATE_DATA_VTD_S1). */
#define IOMMUFMT_IOMMUFD_INV_DATA_VTD_S1	0
/** iommufd data_type of struct iommufmt_iommufd_smmuv3_inv (IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3). */
#define IOMMUFMT_IOMMUFD_INV_DATA_ARM_SMMUV3	1
/** iommufmt_iommufd_vtd_s1_inv.flags: invalidate leaf entries only (IOMMU_VTD_INV_FLAGS_LEAF). */
#define IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_LEAF	(1u << 0)

/**
 * struct iommufmt_iommufd_vtd_s1_inv - Kernel struct iommu_hwpt_vtd_s1_invalidate (24 bytes).
 *
 * @c addr is 4 KiB aligned; @c addr 0 with @c npages all ones means the
 * whole address space. Device TLBs are flushed by the kernel when ATS is on.
 */
struct iommufmt_iommufd_vtd_s1_inv {
	__aligned_u64 addr;	/**< First address, 4 KiB aligned. */
	__aligned_u64 npages;	/**< Number of 4 KiB pages; ~0 with addr 0 = everything. */
	__u32 flags;		/**< IOMMUFMT_IOMMUFD_VTD_INV_FLAGS_*. */
	__u32 __reserved;	/**< Zero. */
};

/**
 * struct iommufmt_iommufd_smmuv3_inv - Kernel struct iommu_viommu_arm_smmuv3_invalidate (16 bytes).
 *
 * One raw CMDQ command, both words little-endian (the kernel's
 * __aligned_le64); the kernel accepts TLBI_NSNH_ALL, TLBI_NH_ALL/ASID/VA/VAA,
 * ATC_INV, CFGI_CD and CFGI_CD_ALL and rewrites VMID and StreamID.
 */
struct iommufmt_iommufd_smmuv3_inv {
	__aligned_u64 cmd[2];	/**< The command words, little-endian. */
};

/**
 * struct iommufmt_iommufd_hwpt_invalidate - Kernel struct iommu_hwpt_invalidate (32 bytes).
 *
 * A mirror of the ioctl argument (its first field is the kernel's @c size,
 * not an argsz); filled by iommufmt_inv_batch_to_iommufd().
 */
struct iommufmt_iommufd_hwpt_invalidate {
	__u32 size;		/**< sizeof (32). */
	__u32 hwpt_id;		/**< Nested HWPT or vIOMMU id: the caller's. */
	__aligned_u64 data_uptr;	/**< The entry array. */
	__u32 data_type;	/**< IOMMUFMT_IOMMUFD_INV_DATA_*. */
	__u32 entry_len;	/**< Bytes per entry: 24 (VT-d S1) or 16 (SMMUv3). */
	__u32 entry_num;	/**< Number of entries. */
	__u32 __reserved;	/**< Zero. */
};

/** @} */

/* ======================================================================== */
/* SECTION: IOVA space.                                                     */
/* ======================================================================== */

/**
 * @defgroup abi_iova IOVA space: map checks, conflicts, huge-page plans
 * @brief Usable ranges = the intersection of every domain's aperture minus
 * every reserved region; requests checked against them; map requests split
 * into the largest pages the holes allow.
 * @{
 */

/**
 * Diagnostic: a map request overlaps a reserved region (value = first conflicting address).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_MAP_RESERVED		0x0400
/** Diagnostic: a map request lies (partly) outside the aperture of a domain. Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_MAP_APERTURE		0x0401
/** Diagnostic: a length is zero. Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_ZERO_LENGTH		0x0402
/** Diagnostic: an address range wraps around past 2^64-1. Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_WRAP			0x0403
/**
 * Diagnostic: attaching a group conflicts with existing mappings (index = mapping).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_ATTACH_CONFLICT	0x0404
/** Diagnostic: a range or region starts after its last address (index = entry). Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_RANGE_INVERTED	0x0405
/**
 * Diagnostic: a page-size bitmap is empty, or an address or size is not a multiple of its smallest page.
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_PGSIZE		0x0406
/**
 * Diagnostic: a VFIO reply was too small for its capability chain (limit = argsz needed).
 * Usually -EMSGSIZE.
 */
#define IOMMUFMT_DIAG_IOVA_VFIO_TRUNCATED	0x0407
/** Diagnostic: a VFIO reply has no IOVA-range capability. Usually -ENOENT. */
#define IOMMUFMT_DIAG_IOVA_VFIO_NO_RANGES	0x0408
/**
 * Diagnostic: a virtio-iommu PROBE property runs past the end of the properties (index = property).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_PROP_OVERRUN		0x0409
/**
 * Diagnostic: a virtio-iommu PROBE property is shorter than its type requires (index = property).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_PROP_SHORT		0x040a
/**
 * Diagnostic: a reserved_regions text line is malformed (index = line number, from 1).
 * Usually -EINVAL.
 */
#define IOMMUFMT_DIAG_IOVA_SYSFS_SYNTAX		0x040b
/** Diagnostic: more ranges or regions than the library can hold. Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_TOO_MANY		0x040c
/** Diagnostic: guest RAM does not fit into the usable ranges above the base. Usually -ENOSPC. */
#define IOMMUFMT_DIAG_IOVA_NO_ROOM		0x040d
/** Diagnostic: a list that must be sorted and disjoint is not (index = entry). Usually -EINVAL. */
#define IOMMUFMT_DIAG_IOVA_UNSORTED		0x040e

/** Verdict: the request lies inside one usable range. */
#define IOMMUFMT_IOVA_VERDICT_OK	0
/** Verdict: the request overlaps a reserved region (its start, last and type are given). */
#define IOMMUFMT_IOVA_VERDICT_RESERVED	1
/** Verdict: the request reaches outside the aperture (the excluded gap is given). */
#define IOMMUFMT_IOVA_VERDICT_APERTURE	2

/**
 * struct iommufmt_iova_map_check - May [iova, iova + length) be mapped?
 *
 * The request is accepted only when it lies inside one usable range. On a
 * reject the @c out_ fields name the exact conflict at the lowest address of
 * the request that is not usable: a reserved region (its bounds and type),
 * or the gap of the aperture it falls into. On success they give the usable
 * range that holds the request.
 */
struct iommufmt_iova_map_check {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< No flags defined yet; must be zero. */
	__aligned_u64 iova;	/**< In: first address of the request. */
	__aligned_u64 length;	/**< In: its length in bytes; not zero, must not wrap. */
	__u32 out_verdict;	/**< Out: IOMMUFMT_IOVA_VERDICT_*. */
	__u32 out_type;		/**< Out: IOMMUFMT_RESV_* of the region (VERDICT_RESERVED), else 0. */
	__aligned_u64 out_start;	/**< Out: first address of the conflicting region, gap or usable range. */
	__aligned_u64 out_last;		/**< Out: last address of it (inclusive). */
};
/** Size of struct iommufmt_iova_map_check as first defined. */
#define IOMMUFMT_IOVA_MAP_CHECK_SIZE_VER0 48

/**
 * struct iommufmt_iova_conflict - One conflict found by an attach check.
 *
 * An existing mapping (index @c mapping in the caller's list) overlaps a
 * reserved region of the group being attached, or reaches outside the
 * aperture it brings. @c start / @c last are the overlapping part.
 */
struct iommufmt_iova_conflict {
	__aligned_u64 start;		/**< First conflicting address. */
	__aligned_u64 last;		/**< Last conflicting address (inclusive). */
	__aligned_u64 region_start;	/**< The reserved region, or the aperture gap: first address. */
	__aligned_u64 region_last;	/**< Its last address. */
	__u32 verdict;	/**< IOMMUFMT_IOVA_VERDICT_RESERVED or IOMMUFMT_IOVA_VERDICT_APERTURE. */
	__u32 type;	/**< IOMMUFMT_RESV_* for a reserved region, 0 for the aperture. */
	__u32 mapping;	/**< Index of the mapping in the caller's list. */
	__u32 __reserved;	/**< Written as zero. */
};

/**
 * struct iommufmt_iova_chunk - A run of equal IOMMU pages of a map plan.
 *
 * @c count pages of @c pgsize bytes each, mapping [iova, iova + count *
 * pgsize) to [pa, pa + count * pgsize); both addresses are aligned to
 * @c pgsize. Linux's iommu_map() calls map_pages() with exactly such runs.
 */
struct iommufmt_iova_chunk {
	__aligned_u64 iova;	/**< First input address of the run. */
	__aligned_u64 pa;	/**< First output address of the run. */
	__aligned_u64 pgsize;	/**< Page size, a power of two from the page-size bitmap. */
	__aligned_u64 count;	/**< Number of pages in the run, at least 1. */
};

/**
 * struct iommufmt_iova_hole_cost - What one reserved region costs at one page size.
 *
 * @c blocks counts the @c pgsize-aligned blocks that lie inside the
 * aperture, hold usable addresses and would be one @c pgsize page but for
 * this region, which overlaps them without covering them (0, 1 or 2).
 */
struct iommufmt_iova_hole_cost {
	__aligned_u64 start;	/**< The region: first address. */
	__aligned_u64 last;	/**< The region: last address. */
	__aligned_u64 pgsize;	/**< A page size larger than the smallest in the bitmap. */
	__u32 type;		/**< IOMMUFMT_RESV_* of the region. */
	__u32 blocks;		/**< Pages of @c pgsize this region forbids. */
};

/**
 * struct iommufmt_iova_ram_segment - One piece of guest RAM in a proposed layout.
 *
 * Bytes [offset, offset + size) of RAM block @c block are placed at
 * guest-physical (and IOVA) address @c gpa.
 */
struct iommufmt_iova_ram_segment {
	__aligned_u64 gpa;	/**< Guest-physical address of the piece. */
	__aligned_u64 size;	/**< Its size in bytes. */
	__aligned_u64 offset;	/**< Offset of the piece inside its RAM block. */
	__u32 block;		/**< Index of the RAM block in the caller's list. */
	__u32 __reserved;	/**< Written as zero. */
};

/**
 * struct iommufmt_iova_ranges - The usable ranges in iommufd form.
 *
 * Laid out like iommufd's struct iommu_ioas_iova_ranges (with argsz and
 * flags where iommufd has size and ioas_id). On input @c num_iovas is the
 * capacity of the array at @c allowed_iovas; on output it is the total
 * number of usable ranges, and as many as fit were written. When the array
 * is too small the call fails with -EMSGSIZE and the caller retries with
 * @c num_iovas entries.
 */
struct iommufmt_iova_ranges {
	__u32 argsz;		/**< sizeof, or an older size. */
	__u32 flags;		/**< No flags defined yet; must be zero. */
	__u32 num_iovas;	/**< In: capacity of the array; out: number of usable ranges. */
	__u32 __reserved;	/**< Must be zero. */
	__aligned_u64 allowed_iovas;	/**< Pointer to struct iommufmt_iova_range[num_iovas]. */
	__aligned_u64 out_iova_alignment;	/**< Out: smallest page size, or 1 when unknown. */
};
/** Size of struct iommufmt_iova_ranges as first defined. */
#define IOMMUFMT_IOVA_RANGES_SIZE_VER0 32

/** @} */

/* ======================================================================== */
/* SECTION: Faults and page requests.                                       */
/* ======================================================================== */

/**
 * @defgroup abi_fault Faults and page requests: generic records, routing, iommufd forms
 * @brief One record for every model's fault, event and page request, the
 * routing rule that says who handles it, and the iommufd fault-queue and
 * vEVENTQ layouts.
 * @{
 */

/** Diagnostic: a fault-reporting configuration is not a valid setting. Usually -EINVAL. */
#define IOMMUFMT_DIAG_FAULT_REPORT_CONFIG	0x0500
/**
 * Diagnostic: the reporting configuration is not concerned with this fault
 * (e.g. a stage-2 fault when only stage 1 is reported). Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_FAULT_NOT_REPORTED	0x0501
/** Diagnostic: a fault record field holds a value outside its defined range. Usually -EINVAL. */
#define IOMMUFMT_DIAG_FAULT_BAD_FIELD		0x0502
/**
 * Diagnostic: a page response cannot be expressed in the target form (e.g.
 * Response Failure to iommufd). Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_FAULT_RESP_LOSSY		0x0503
/** Diagnostic: a fault-queue or vEVENTQ read is not a whole number of records. Usually -EINVAL. */
#define IOMMUFMT_DIAG_FAULT_TRUNCATED		0x0504
/** Diagnostic: a native record's code (event id, fault reason, type) is unknown or reserved. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_FAULT_UNKNOWN_CODE	0x0505
/** Diagnostic: a native record has a reserved bit set (index = the bit). Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_FAULT_RESERVED		0x0506
/** Diagnostic: the target record type cannot express a value of the fault. Usually -EOPNOTSUPP. */
#define IOMMUFMT_DIAG_FAULT_CANNOT_ENCODE	0x0507
/**
 * Diagnostic: a native record's field holds an encoding its architecture reserves or forbids
 * (SMMU CLASS 0b11, a VT-d fault register with F clear). Usually -EOPNOTSUPP.
 */
#define IOMMUFMT_DIAG_FAULT_BAD_ENCODING	0x0508

/*
 * Fault reasons beyond the walker's (IOMMUFMT_FAULT_NONE..TABLE_LENGTH):
 * configuration-level and device-level causes that native event records
 * report. They extend the same numbering, so a record carries one reason.
 */
/** Not a fault: a page request (PRI / PPR / PRQ) asking for a mapping. */
#define IOMMUFMT_FAULT_PAGE_REQUEST	12
/** The device is unknown or its id is out of range (SMMU C_BAD_STREAMID; VT-d root/context entry not present). */
#define IOMMUFMT_FAULT_BAD_DEVICE	13
/** The device's entry is malformed (SMMU C_BAD_STE; VT-d context entry; AMD illegal DTE). */
#define IOMMUFMT_FAULT_BAD_DEVICE_ENTRY	14
/** The PASID / SubstreamID is out of range or not allowed (SMMU C_BAD_SUBSTREAMID). */
#define IOMMUFMT_FAULT_BAD_PASID	15
/** The PASID's entry is malformed or absent (SMMU C_BAD_CD; VT-d PASID-table entry). */
#define IOMMUFMT_FAULT_BAD_PASID_ENTRY	16
/** A configuration structure could not be read (SMMU F_STE_FETCH / F_CD_FETCH; VT-d root/context/PASID read). */
#define IOMMUFMT_FAULT_CONFIG_READ	17
/** Translation is disabled or forbidden for the request (SMMU F_STREAM_DISABLED / F_TRANSL_FORBIDDEN). */
#define IOMMUFMT_FAULT_TRANSLATION_OFF	18
/** The request itself is malformed or unsupported (SMMU F_UUT / F_BAD_ATS_TREQ; AMD invalid device request). */
#define IOMMUFMT_FAULT_BAD_REQUEST	19
/** Conflicting cached entries or configurations (SMMU F_TLB_CONFLICT / F_CFG_CONFLICT). */
#define IOMMUFMT_FAULT_CONFLICT		20
/** A hardware error in the IOMMU or on its memory accesses (AMD *_HARDWARE_ERROR; s390 SERR). */
#define IOMMUFMT_FAULT_HW_ERROR		21
/** A native code with no generic meaning: read @c code and the native bytes. */
#define IOMMUFMT_FAULT_OTHER		22
/** Number of fault reasons defined (walker and record reasons together). */
#define IOMMUFMT_FAULT_REASON_NR	23

/** iommufmt_fault.kind: a page request that must be answered (recoverable). */
#define IOMMUFMT_FAULT_KIND_PAGE_REQ	1
/** iommufmt_fault.kind: a translation fault (unrecoverable unless stalled). */
#define IOMMUFMT_FAULT_KIND_EVENT	2
/** iommufmt_fault.kind: a configuration error (a bad device, context or PASID entry). */
#define IOMMUFMT_FAULT_KIND_CONFIG	3

/** iommufmt_fault.record: the library's own walker (iommufmt_fault_from_xlate()); no native bytes. */
#define IOMMUFMT_FREC_WALK		1
/** iommufmt_fault.record: an iommufd fault-queue record (struct iommufmt_iommufd_pgfault). */
#define IOMMUFMT_FREC_IOMMUFD		2
/** iommufmt_fault.record: a model's event / fault log entry (SMMU EVTQ, AMD event log, s390 CCDF). */
#define IOMMUFMT_FREC_EVENT		3
/** iommufmt_fault.record: a model's page-request entry (SMMU PRIQ, VT-d PRQ, AMD PPR log). */
#define IOMMUFMT_FREC_PAGE_REQ		4
/** iommufmt_fault.record: a fault recording register (VT-d FRCD). */
#define IOMMUFMT_FREC_FAULT_REG		5

/** iommufmt_fault.flags: @c pasid is valid (iommufd IOMMU_PGFAULT_FLAGS_PASID_VALID). */
#define IOMMUFMT_FAULT_F_PASID_VALID	(1u << 0)
/** iommufmt_fault.flags: the last request of its group, the one a response answers (iommufd LAST_PAGE). */
#define IOMMUFMT_FAULT_F_LAST_PAGE	(1u << 1)
/** iommufmt_fault.flags: the native record carries private data (VT-d PRQ legacy bit 9); see the native bytes. */
#define IOMMUFMT_FAULT_F_PRIV_DATA	(1u << 2)
/** iommufmt_fault.flags: the response must carry the request's PASID (PCIe PRG Response PASID Required). */
#define IOMMUFMT_FAULT_F_NEEDS_PASID	(1u << 3)
/** iommufmt_fault.flags: @c addr is valid. */
#define IOMMUFMT_FAULT_F_ADDR_VALID	(1u << 4)
/** iommufmt_fault.flags: @c addr2 (stage-2 IPA or fetch address) is valid. */
#define IOMMUFMT_FAULT_F_ADDR2_VALID	(1u << 5)
/** iommufmt_fault.flags: the transaction is stalled; @c grpid is its stall tag, answered by a resume. */
#define IOMMUFMT_FAULT_F_STALLED	(1u << 6)
/** iommufmt_fault.flags: @c level and @c native_level are valid. */
#define IOMMUFMT_FAULT_F_LEVEL_VALID	(1u << 7)
/** All fault record flags defined so far. */
#define IOMMUFMT_FAULT_F_ALL		0xffu

/** iommufmt_fault_route() result: deliver the record to the guest's vIOMMU. */
#define IOMMUFMT_ROUTE_GUEST		1
/** iommufmt_fault_route() result: the VMM handles it (it owns the stage or the device). */
#define IOMMUFMT_ROUTE_VMM		2

/**
 * struct iommufmt_fault - One fault, event or page request, in generic form.
 *
 * Decoded from a native record, an iommufd fault-queue record or the
 * library's walker; every field the source does not carry is zero, and the
 * flags say which optional ones are valid. @c native keeps the source bytes,
 * so nothing a consumer needs is lost by the generic form.
 */
struct iommufmt_fault {
	__u32 argsz;		/**< Size of the caller's struct (IOMMUFMT_FAULT_SIZE_VER0 or more). */
	__u32 flags;		/**< IOMMUFMT_FAULT_F_*. */
	__u8 kind;		/**< IOMMUFMT_FAULT_KIND_*. */
	__u8 stage;		/**< 1 or 2: the stage that faulted; 0: single-stage, or no stage (device-level). */
	__u16 reason;		/**< IOMMUFMT_FAULT_* (below IOMMUFMT_FAULT_REASON_NR). */
	__u16 record;		/**< IOMMUFMT_FREC_*: what the record was decoded from. */
	__u16 code;		/**< The native event id / fault reason / PEC; 0 for walker and iommufd records. */
	__u32 perm;		/**< IOMMUFMT_ACCESS_READ/WRITE/EXEC/PRIV the request asked for. */
	__u32 devid;		/**< Device: PCI requester id, SMMU StreamID, AMD DeviceID, s390 FID; iommufd dev_id. */
	__u32 pasid;		/**< PASID / SubstreamID (IOMMUFMT_FAULT_F_PASID_VALID), below 2^20. */
	__u32 grpid;		/**< Page-request group index, or the stall tag (IOMMUFMT_FAULT_F_STALLED). */
	__u16 level;		/**< Generic level of the faulting entry, 0 = smallest-page table (F_LEVEL_VALID). */
	__u16 native_level;	/**< The same level in the format's own numbering (F_LEVEL_VALID). */
	__u32 cookie;		/**< iommufd records: the kernel's group cookie, echoed in the response. */
	__aligned_u64 addr;	/**< Input address (IOVA / GVA / page address) (IOMMUFMT_FAULT_F_ADDR_VALID). */
	__aligned_u64 addr2;	/**< Stage-2 IPA, or the address a fetch failed on (IOMMUFMT_FAULT_F_ADDR2_VALID). */
	__u32 length;		/**< iommufd records: the requester's length hint in bytes; 0: none. */
	__u32 __reserved;	/**< Zero. */
	struct iommufmt_inv_native native;	/**< The native record's bytes (model, len, hardware byte order); none for walker and iommufd records. */
};
/** Size of struct iommufmt_fault as first defined. */
#define IOMMUFMT_FAULT_SIZE_VER0 104

/* ---- iommufd fault queue and vEVENTQ mirrors (include/uapi/linux/iommufd.h) ---- */

/** iommufmt_iommufd_pgfault.flags: @c pasid is valid (IOMMU_PGFAULT_FLAGS_PASID_VALID). */
#define IOMMUFMT_IOMMUFD_PGFAULT_PASID_VALID	(1u << 0)
/** iommufmt_iommufd_pgfault.flags: last page of the group (IOMMU_PGFAULT_FLAGS_LAST_PAGE). */
#define IOMMUFMT_IOMMUFD_PGFAULT_LAST_PAGE	(1u << 1)
/** iommufmt_iommufd_pgfault.perm: read (IOMMU_PGFAULT_PERM_READ). */
#define IOMMUFMT_IOMMUFD_PERM_READ		(1u << 0)
/** iommufmt_iommufd_pgfault.perm: write (IOMMU_PGFAULT_PERM_WRITE). */
#define IOMMUFMT_IOMMUFD_PERM_WRITE		(1u << 1)
/** iommufmt_iommufd_pgfault.perm: execute (IOMMU_PGFAULT_PERM_EXEC). */
#define IOMMUFMT_IOMMUFD_PERM_EXEC		(1u << 2)
/** iommufmt_iommufd_pgfault.perm: privileged (IOMMU_PGFAULT_PERM_PRIV). */
#define IOMMUFMT_IOMMUFD_PERM_PRIV		(1u << 3)
/** iommufmt_iommufd_page_response.code: Success (IOMMUFD_PAGE_RESP_SUCCESS, PCIe "Success"). */
#define IOMMUFMT_IOMMUFD_RESP_SUCCESS		0
/** iommufmt_iommufd_page_response.code: Invalid Request (IOMMUFD_PAGE_RESP_INVALID). */
#define IOMMUFMT_IOMMUFD_RESP_INVALID		1
/** iommufmt_iommufd_vevent_header.flags: events were lost before this point (IOMMU_VEVENTQ_FLAG_LOST_EVENTS). */
#define IOMMUFMT_IOMMUFD_VEVENT_LOST_EVENTS	(1u << 0)

/**
 * struct iommufmt_iommufd_pgfault - iommufd's struct iommu_hwpt_pgfault (40 bytes).
 *
 * What read() on an iommufd fault-queue fd returns, whole records only; no
 * size field (the kernel fixed the record). @c cookie of the group's last
 * record is echoed in the page response.
 */
struct iommufmt_iommufd_pgfault {
	__u32 flags;		/**< IOMMUFMT_IOMMUFD_PGFAULT_*. */
	__u32 dev_id;		/**< iommufd device id. */
	__u32 pasid;		/**< PASID (PASID_VALID). */
	__u32 grpid;		/**< Page-request group index. */
	__u32 perm;		/**< IOMMUFMT_IOMMUFD_PERM_*. */
	__u32 __reserved;	/**< Zero. */
	__aligned_u64 addr;	/**< Fault address. */
	__u32 length;		/**< A hint of how much the requester will access; 0: none. */
	__u32 cookie;		/**< Kernel cookie of the group. */
};

/**
 * struct iommufmt_iommufd_page_response - iommufd's struct iommu_hwpt_page_response (8 bytes).
 */
struct iommufmt_iommufd_page_response {
	__u32 cookie;		/**< The cookie of the group's last request. */
	__u32 code;		/**< IOMMUFMT_IOMMUFD_RESP_*. */
};

/**
 * struct iommufmt_iommufd_vevent_header - iommufd's struct iommufd_vevent_header (8 bytes).
 *
 * Each vEVENTQ event is this header then the type's data (SMMUv3: the
 * 32-byte event record); a header with LOST_EVENTS has no data.
 */
struct iommufmt_iommufd_vevent_header {
	__u32 flags;		/**< IOMMUFMT_IOMMUFD_VEVENT_*. */
	__u32 sequence;		/**< Event sequence number, 0..INT_MAX then 0 again; a gap means lost events. */
};

/** @} */

#endif /* _UAPI_IOMMUFMT_ABI_H */
