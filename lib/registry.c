/* SPDX-License-Identifier: MIT */
/* Registry of page-table formats and IOMMU models: static built-ins plus run-time additions. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "lib/internal.h"

/*
 * Run-time registrations are append-only. A writer fills a slot under the
 * mutex and then publishes it by a release store of the count; readers take
 * no lock, load the count with acquire and read only published slots.
 */
#define DYN_MAX 32

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct iommufmt_pgtable_ops *dyn_pgtables[DYN_MAX];
static _Atomic size_t nr_dyn_pgtables;
static const struct iommufmt_model_ops *dyn_models[DYN_MAX];
static _Atomic size_t nr_dyn_models;

/* The published count: slots below it are filled and never change again. */
static size_t dyn_count(_Atomic size_t *n)
{
	return atomic_load_explicit(n, memory_order_acquire);
}

/* Public (iommufmt.h): built-ins first, so a registration can never shadow one. */
IOMMUFMT_EXPORT const struct iommufmt_pgtable_ops *iommufmt_pgtable_get(__u32 format)
{
	size_t n;

	for (size_t i = 0; i < iommufmt__nr_builtin_pgtables; i++)
		if (iommufmt__builtin_pgtables[i]->format == format)
			return iommufmt__builtin_pgtables[i];
	n = dyn_count(&nr_dyn_pgtables);
	for (size_t i = 0; i < n; i++)
		if (dyn_pgtables[i]->format == format)
			return dyn_pgtables[i];
	return NULL;
}

/* Public (iommufmt.h): lookup by name, built-ins first. */
IOMMUFMT_EXPORT const struct iommufmt_pgtable_ops *iommufmt_pgtable_by_name(const char *name)
{
	size_t n;

	if (!name)
		return NULL;
	for (size_t i = 0; i < iommufmt__nr_builtin_pgtables; i++)
		if (!strcmp(iommufmt__builtin_pgtables[i]->name, name))
			return iommufmt__builtin_pgtables[i];
	n = dyn_count(&nr_dyn_pgtables);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(dyn_pgtables[i]->name, name))
			return dyn_pgtables[i];
	return NULL;
}

/* Public (iommufmt.h): copies up to @max, returns the total (the size to retry with). */
IOMMUFMT_EXPORT size_t iommufmt_pgtable_list(const struct iommufmt_pgtable_ops **out, size_t max)
{
	size_t n = dyn_count(&nr_dyn_pgtables), total = iommufmt__nr_builtin_pgtables + n, k = 0;

	for (size_t i = 0; i < iommufmt__nr_builtin_pgtables && k < max && out; i++)
		out[k++] = iommufmt__builtin_pgtables[i];
	for (size_t i = 0; i < n && k < max && out; i++)
		out[k++] = dyn_pgtables[i];
	return total;
}

static int model_match(const struct iommufmt_model_ops *m, __u32 model, __u32 variant)
{
	return m->model == model && (variant == IOMMUFMT_VARIANT_DEFAULT || m->variant == variant);
}

/* Public (iommufmt.h): the default variant matches the first registered of @model. */
IOMMUFMT_EXPORT const struct iommufmt_model_ops *iommufmt_model_get(__u32 model, __u32 variant)
{
	size_t n;

	for (size_t i = 0; i < iommufmt__nr_builtin_models; i++)
		if (model_match(iommufmt__builtin_models[i], model, variant))
			return iommufmt__builtin_models[i];
	n = dyn_count(&nr_dyn_models);
	for (size_t i = 0; i < n; i++)
		if (model_match(dyn_models[i], model, variant))
			return dyn_models[i];
	return NULL;
}

/* Public (iommufmt.h): lookup by name, built-ins first. */
IOMMUFMT_EXPORT const struct iommufmt_model_ops *iommufmt_model_by_name(const char *name)
{
	size_t n;

	if (!name)
		return NULL;
	for (size_t i = 0; i < iommufmt__nr_builtin_models; i++)
		if (!strcmp(iommufmt__builtin_models[i]->name, name))
			return iommufmt__builtin_models[i];
	n = dyn_count(&nr_dyn_models);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(dyn_models[i]->name, name))
			return dyn_models[i];
	return NULL;
}

/* Public (iommufmt.h): as iommufmt_pgtable_list(). */
IOMMUFMT_EXPORT size_t iommufmt_model_list(const struct iommufmt_model_ops **out, size_t max)
{
	size_t n = dyn_count(&nr_dyn_models), total = iommufmt__nr_builtin_models + n, k = 0;

	for (size_t i = 0; i < iommufmt__nr_builtin_models && k < max && out; i++)
		out[k++] = iommufmt__builtin_models[i];
	for (size_t i = 0; i < n && k < max && out; i++)
		out[k++] = dyn_models[i];
	return total;
}

/* A sub-table whose ops_size is below its first published size. */
static int sub_ops_small(size_t ops_size, size_t ver0, const char *what,
			 struct iommufmt_diag *diag)
{
	return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_OPS, what,
				 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ops_size, ver0, 0,
				 "%s ops_size is below its first published size", what);
}

/* A sub-table without one of its required members. */
static int sub_ops_lacking(const char *what, struct iommufmt_diag *diag)
{
	return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, what, "%s lacks a required member",
			      what);
}

/*
 * A sub-table a plug-in points at: absent is fine (the area is then "not
 * implemented"), present must be at least its first published size and have
 * its required members, so a stale or half-filled plug-in is refused when it
 * registers, not on first use. A macro, so that @required (which reads
 * members) is evaluated only once @ops_size says the members are there: a
 * table shorter than VER0 is never read past its end.
 */
#define SUB_OPS_OK(sub, ver0, required, what, diag)					\
	(!(sub) ? 0 :									\
	 (sub)->ops_size < (ver0) ? sub_ops_small((sub)->ops_size, (ver0), (what), (diag)) :	\
	 !(required) ? sub_ops_lacking((what), (diag)) : 0)

/*
 * Public (iommufmt.h). Structural checks run unlocked; the duplicate test and
 * the append share the lock, so two racing registrations cannot both pass it.
 */
IOMMUFMT_EXPORT int iommufmt_pgtable_register(const struct iommufmt_pgtable_ops *ops,
					      struct iommufmt_diag *diag)
{
	size_t n;
	int err = 0;

	if (!ops || ops->ops_size < IOMMUFMT_PGTABLE_OPS_SIZE_VER0 || !ops->name || !ops->name[0])
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "ops_size",
				      "ops table missing, too small or without a name");
	if (ops->format < IOMMUFMT_PGTABLE_USER_BASE)
		return iommufmt__diag_ex(diag, IOMMUFMT_DIAG_BAD_VALUE, "format",
					 IOMMUFMT__DV_VALUE | IOMMUFMT__DV_LIMIT, ops->format,
					 IOMMUFMT_PGTABLE_USER_BASE, 0,
					 "run-time format ids start at 0x%x",
					 IOMMUFMT_PGTABLE_USER_BASE);
	if (ops->walk) {
		err = SUB_OPS_OK(ops->walk, IOMMUFMT_PGTABLE_WALK_OPS_SIZE_VER0,
				 ops->walk->prepare && ops->walk->root_size && ops->walk->translate,
				 "walk", diag);
		if (err)
			return err;
	}
	pthread_mutex_lock(&reg_lock);
	n = atomic_load_explicit(&nr_dyn_pgtables, memory_order_relaxed);
	if (iommufmt_pgtable_get(ops->format) || iommufmt_pgtable_by_name(ops->name))
		err = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ALREADY_REGISTERED, "format",
					IOMMUFMT__DV_VALUE, ops->format, 0, 0,
					"format 0x%x or name \"%.40s\" is already registered",
					ops->format, ops->name);
	else if (n >= DYN_MAX)
		err = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_REGISTRY_FULL, "format",
					IOMMUFMT__DV_LIMIT, 0, DYN_MAX, 0,
					"no room for more than %d run-time formats", DYN_MAX);
	else {
		dyn_pgtables[n] = ops;
		atomic_store_explicit(&nr_dyn_pgtables, n + 1, memory_order_release);
	}
	pthread_mutex_unlock(&reg_lock);
	if (!err)
		iommufmt__diag_ok(diag);
	return err;
}

/* Public (iommufmt.h): as iommufmt_pgtable_register(), for models. */
IOMMUFMT_EXPORT int iommufmt_model_register(const struct iommufmt_model_ops *ops,
					    struct iommufmt_diag *diag)
{
	size_t n;
	int err = 0;

	if (!ops || ops->ops_size < IOMMUFMT_MODEL_OPS_SIZE_VER0 || !ops->name || !ops->name[0] ||
	    (ops->nr_pgtable_formats && !ops->pgtable_formats))
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_OPS, "ops_size",
				      "ops table missing, too small, without a name or formats");
	if (ops->model == IOMMUFMT_MODEL_NONE)
		return iommufmt__diag(diag, IOMMUFMT_DIAG_BAD_VALUE, "model",
				      "model id 0 is reserved");
	if ((err = SUB_OPS_OK(ops->host, IOMMUFMT_HOST_OPS_SIZE_VER0, ops->host->decode != NULL,
			      "host", diag)) ||
	    (err = SUB_OPS_OK(ops->bind, IOMMUFMT_BIND_OPS_SIZE_VER0,
			      ops->bind->check_pasid_table || ops->bind->check_pgtable,
			      "bind", diag)) ||
	    (err = SUB_OPS_OK(ops->inval, IOMMUFMT_INVAL_OPS_SIZE_VER0,
			      ops->inval->decode && ops->inval->encode && ops->inval->cmd_size,
			      "inval", diag)) ||
	    (err = SUB_OPS_OK(IOMMUFMT_OPS_GET(ops, struct iommufmt_model_ops, fault),
			      IOMMUFMT_FAULT_OPS_SIZE_VER0,
			      ops->fault->record_size && ops->fault->decode && ops->fault->encode,
			      "fault", diag)))
		return err;
	pthread_mutex_lock(&reg_lock);
	n = atomic_load_explicit(&nr_dyn_models, memory_order_relaxed);
	/* A default-variant registration would collide with any variant of the model. */
	if ((ops->variant != IOMMUFMT_VARIANT_DEFAULT &&
	     iommufmt_model_get(ops->model, ops->variant)) ||
	    (ops->variant == IOMMUFMT_VARIANT_DEFAULT && iommufmt_model_get(ops->model, 0)) ||
	    iommufmt_model_by_name(ops->name)) {
		char cc[5];

		err = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_ALREADY_REGISTERED, "model",
					IOMMUFMT__DV_VALUE, ops->model, 0, 0,
					"model %s variant %u or name \"%.40s\" is already registered",
					iommufmt_fourcc_str(ops->model, cc), ops->variant, ops->name);
	} else if (n >= DYN_MAX) {
		err = iommufmt__diag_ex(diag, IOMMUFMT_DIAG_REGISTRY_FULL, "model",
					IOMMUFMT__DV_LIMIT, 0, DYN_MAX, 0,
					"no room for more than %d run-time models", DYN_MAX);
	} else {
		dyn_models[n] = ops;
		atomic_store_explicit(&nr_dyn_models, n + 1, memory_order_release);
	}
	pthread_mutex_unlock(&reg_lock);
	if (!err)
		iommufmt__diag_ok(diag);
	return err;
}

/* Public (iommufmt.h): the FourCC's low byte is its first character. */
IOMMUFMT_EXPORT char *iommufmt_fourcc_str(__u32 model, char buf[5])
{
	for (int i = 0; i < 4; i++) {
		unsigned char c = (unsigned char)(model >> (8 * i));

		buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[4] = '\0';
	return buf;
}
