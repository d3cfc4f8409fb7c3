/* SPDX-License-Identifier: MIT */
/* CLI helpers of the invalidation commands, demo and benchmark: names, codec setup, entry printing. */
#ifndef IOMMUFMT_INVAL_CLI_H
#define IOMMUFMT_INVAL_CLI_H

#include "tools/iommufmt/cli.h"

/* Names of generic ops, granularities, caches, flags, codes and error classes. */
const char *inval_op_name(unsigned int op);
const char *inval_gran_name(unsigned int gran);
const char *inval_class_name(unsigned int cls);
/* Look a name up in those tables; -1 when unknown. */
int inval_op_lookup(const char *s);
int inval_gran_lookup(const char *s);
int inval_cache_lookup(const char *s);	/* returns the cache bit */
int inval_flag_lookup(const char *s);	/* returns the flag bit */
int inval_cfg_lookup(const char *s);	/* returns the IOMMUFMT_INV_CFG_* bit */

/*
 * Prepare a codec for model @name (name or FourCC) with @features (comma
 * list of feature names, "all" or "none"; NULL = all the model takes but
 * 256-bit descriptors). Prints the reason and returns non-zero on failure.
 */
int inval_codec(const char *cmd, const char *name, const char *features, bool wide, int max_am,
		int granule, struct iommufmt_inv_codec *c);

/* One line for a decoded entry (text or JSON); @index < 0 omits the index. */
void inval_print_entry(FILE *f, long index, const char *cmd, const struct iommufmt_inv_entry *e,
		       bool json);
/*
 * One generic invalidation from a JSON object (a line of encode-inval's
 * input; see its usage text). Returns 0, or -1 with a reason in @why.
 */
struct json_object;
int entry_from_json(struct json_object *obj, struct iommufmt_inv_entry *e, const char **why);
/* One line for a command that failed to decode. */
void inval_print_error(FILE *f, long index, const char *cmd, int err, unsigned int cls,
		       __u32 native_err, const struct iommufmt_diag *d, bool json);

#endif /* IOMMUFMT_INVAL_CLI_H */
