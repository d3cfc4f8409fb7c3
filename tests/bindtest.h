/* SPDX-License-Identifier: MIT */
/* Fixtures of the bind tests: example host registers per model, known-good binds, bit-level mangling. */
#ifndef IOMMUFMT_TESTS_BINDTEST_H
#define IOMMUFMT_TESTS_BINDTEST_H

#include <stdint.h>

#include <iommufmt/iommufmt.h>

/* Model index used by the fixtures. */
enum bt_model { BT_INTEL, BT_AMD, BT_SMMU, BT_S390, BT_NR_MODELS };

extern const uint32_t bt_model_ids[BT_NR_MODELS];
extern const char *const bt_model_names[BT_NR_MODELS];

/* Raw registers of the example hosts (payload of struct iommufmt_hw_regs). */
struct bt_regs {
	uint32_t type;
	uint32_t len;
	uint64_t raw[8];
};
void bt_example_regs(enum bt_model m, struct bt_regs *r);

/* Decode registers into a host; fails the test on error. */
struct iommufmt_host *bt_host_from(enum bt_model m, const struct bt_regs *r);
/* The example host of a model. */
struct iommufmt_host *bt_host(enum bt_model m);

/* A bind with its payload (native byte order), wired together by bt_wire(). */
struct bt_bind {
	uint32_t kind;		/* IOMMUFMT_BIND_KIND_* */
	struct iommufmt_bind_pasid_table pt;
	struct iommufmt_bind_pgtable pg;
	uint64_t payload[8];	/* bytes as the hardware lays them out */
	uint8_t big_endian;	/* payload words are big-endian (s390) */
};

/* Known-good binds for the example hosts. Returns 0 when the model has none of that kind. */
int bt_good_pasid_table(enum bt_model m, struct bt_bind *b);
int bt_good_pgtable(enum bt_model m, struct bt_bind *b);
/* Point data_uptr at the payload (after copying a bt_bind). */
void bt_wire(struct bt_bind *b);
/* Run the right check. */
int bt_check(const struct iommufmt_host *h, struct bt_bind *b, const struct iommufmt_gmem *g,
	     struct iommufmt_diag *d);

/* Payload word i as a value / set bits [lo, lo + width) of word i to v. */
uint64_t bt_word(const struct bt_bind *b, unsigned int i);
void bt_set_word(struct bt_bind *b, unsigned int i, uint64_t v);
void bt_set_bits(struct bt_bind *b, unsigned int word, unsigned int lo, unsigned int width,
		 uint64_t v);

/* Little-endian 64-bit load/store on a byte buffer. */
uint64_t bt_le64(const void *p);
void bt_put_le64(void *p, uint64_t v);

/* A flat guest memory of one region, zeroed, at gpa. */
struct bt_gmem {
	struct iommufmt_gmem gmem;
	struct iommufmt_gmem_region region;
	uint8_t *mem;
	uint64_t gpa;
	uint64_t size;
};
void bt_gmem_init(struct bt_gmem *g, uint64_t gpa, uint64_t size);
void bt_gmem_free(struct bt_gmem *g);
/* Store a little-endian word at a GPA inside the region. */
void bt_gmem_put64(struct bt_gmem *g, uint64_t gpa, uint64_t v);

#endif /* IOMMUFMT_TESTS_BINDTEST_H */
