/* SPDX-License-Identifier: MIT */
/* Fuzz harness support: the libFuzzer entry point, an input splitter and an invariant check. */
#ifndef IOMMUFMT_FUZZ_H
#define IOMMUFMT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every harness defines this. It is built twice: with clang's libFuzzer for
 * `make fuzz`, and with fuzz/replay.c's plain main() for `make check`, which
 * replays the committed corpus on any compiler.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * An invariant a harness asserts. A violation aborts, which both libFuzzer
 * and the replay driver report as a failure with the input that caused it.
 */
#define FUZZ_CHECK(cond)                                                                 \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, \
				#cond);                                                  \
			abort();                                                         \
		}                                                                        \
	} while (0)

/*
 * The one way harnesses split an input into parameters: little-endian
 * integers from the front, then whatever is left as a byte string. Reading
 * past the end yields zeros, so every input is a valid parameter set.
 */
struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline void fuzz_in_init(struct fuzz_in *in, const uint8_t *data, size_t size)
{
	in->p = data;
	in->left = size;
}

static inline uint64_t fuzz_take(struct fuzz_in *in, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes && in->left; i++, in->p++, in->left--)
		v |= (uint64_t)*in->p << (8 * i);
	return v;
}

static inline uint8_t fuzz_u8(struct fuzz_in *in) { return (uint8_t)fuzz_take(in, 1); }
static inline uint16_t fuzz_u16(struct fuzz_in *in) { return (uint16_t)fuzz_take(in, 2); }
static inline uint32_t fuzz_u32(struct fuzz_in *in) { return (uint32_t)fuzz_take(in, 4); }
static inline uint64_t fuzz_u64(struct fuzz_in *in) { return fuzz_take(in, 8); }

/* Up to @p max bytes (fewer if the input runs out); *len gets the count. */
static inline const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t max, size_t *len)
{
	const uint8_t *p = in->p;

	*len = max < in->left ? max : in->left;
	in->p += *len;
	in->left -= *len;
	return p;
}

/* The rest of the input. */
static inline const uint8_t *fuzz_rest(struct fuzz_in *in, size_t *len)
{
	return fuzz_bytes(in, in->left, len);
}

#endif /* IOMMUFMT_FUZZ_H */
