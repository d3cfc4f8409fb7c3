/* SPDX-License-Identifier: MIT */
/* Shared pieces of the bind commands, demo and bench: example hosts and binds, register parsing. */
#ifndef IOMMUFMT_TOOLS_BIND_CLI_H
#define IOMMUFMT_TOOLS_BIND_CLI_H

#include "tools/iommufmt/cli.h"

/* Raw host registers of one model, as IOMMU_GET_HW_INFO returns them. */
struct bind_regs {
	uint32_t model;
	uint32_t type;
	uint32_t len;
	uint32_t iommufd;	/* max_pasid_log2 / capabilities below are valid */
	uint32_t max_pasid_log2;
	uint64_t capabilities;
	uint64_t raw[8];
};

/* The built-in example host of a model (a recent server part of each vendor). */
int bind_example_regs(uint32_t model, struct bind_regs *r);
/* Set one register "K=V" (keys per model: see bind_regs_keys()); -EINVAL on an unknown key. */
int bind_set_reg(struct bind_regs *r, const char *kv);
/* Load the raw payload from a file (bytes of the iommufd struct). */
int bind_load_regs(struct bind_regs *r, const char *path);
/* Keys accepted by bind_set_reg() for a model, for help texts. */
const char *bind_regs_keys(uint32_t model);
/* Build the host; prints the diagnostic to stderr on failure. */
int bind_host(const struct bind_regs *r, struct iommufmt_host **h, struct iommufmt_diag *diag);

/*
 * Bytes of a header a bind keeps: a file's header may be a later, longer
 * version of the struct (argsz up to this); the check reads all argsz bytes.
 */
#define BIND_HDR_MAX	256
/* A bind and its payload. */
struct bind_req {
	uint32_t kind;	/* IOMMUFMT_BIND_KIND_*, or 0 for an unbind */
	union {
		struct iommufmt_bind_pasid_table pt;
		unsigned char pt_raw[BIND_HDR_MAX];
	};
	union {
		struct iommufmt_bind_pgtable pg;
		unsigned char pg_raw[BIND_HDR_MAX];
	};
	union {
		struct iommufmt_unbind ub;
		unsigned char ub_raw[BIND_HDR_MAX];
	};
	uint64_t payload[8];	/* native byte order */
};
/* Known-good example binds of the built-in hosts; 0 when the model has none of that kind. */
int bind_example_pasid_table(uint32_t model, struct bind_req *b);
int bind_example_pgtable(uint32_t model, struct bind_req *b);
/* Store payload word i (little-endian, or big-endian for s390). */
void bind_put_word(struct bind_req *b, uint32_t model, unsigned int i, uint64_t v);
uint64_t bind_get_word(const struct bind_req *b, uint32_t model, unsigned int i);
/*
 * Parse a BIND file of check-bind (see its usage text). JSON: @text is
 * NUL-terminated; @model is the model when the object names none. Binary:
 * the header struct of @kind (its argsz bytes, host byte order), then
 * data_len payload bytes. Both fill @b (zeroed first) and return 0, or
 * -EINVAL with a one-line reason in @err.
 */
int bind_parse_json(const char *text, uint32_t model, struct bind_req *b, char *err, size_t errlen);
int bind_parse_binary(const uint8_t *buf, size_t len, uint32_t kind, struct bind_req *b, char *err,
		      size_t errlen);
/* Run the check that fits the kind. */
int bind_check(const struct iommufmt_host *h, struct bind_req *b, const struct iommufmt_gmem *g,
	       struct iommufmt_diag *diag);

/* Short model name ("intel") for a model id. */
const char *bind_model_name(uint32_t model);

#endif /* IOMMUFMT_TOOLS_BIND_CLI_H */
