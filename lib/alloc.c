/* SPDX-License-Identifier: MIT */
/* The one allocation point: overflow-checked sizes and a test hook that fails the Nth call. */
#include <stdatomic.h>
#include <stdlib.h>

#include "lib/internal.h"

/*
 * The hook costs one relaxed load per call while it is off. While it is on,
 * every allocation call is numbered from 1, the numbered one chosen by the
 * test fails as the allocator would (NULL, nothing allocated), and the
 * blocks allocated minus the blocks freed are counted, so a test sees both
 * what a failure left behind and what a whole call sequence leaked.
 */
static atomic_bool hook_on;
static atomic_ulong hook_calls;
static atomic_ulong hook_fail_nth;
static atomic_ulong hook_failed;
static atomic_long hook_live;

/* True when this call is the one to fail; counts it either way. */
static bool hook_fail(void)
{
	unsigned long nth;

	if (likely(!atomic_load_explicit(&hook_on, memory_order_relaxed)))
		return false;
	nth = atomic_fetch_add_explicit(&hook_calls, 1, memory_order_relaxed) + 1;
	if (nth != atomic_load_explicit(&hook_fail_nth, memory_order_relaxed))
		return false;
	atomic_fetch_add_explicit(&hook_failed, 1, memory_order_relaxed);
	return true;
}

static void hook_live_add(long d)
{
	if (unlikely(atomic_load_explicit(&hook_on, memory_order_relaxed)))
		atomic_fetch_add_explicit(&hook_live, d, memory_order_relaxed);
}

void iommufmt__alloc_hook_start(unsigned long fail_nth)
{
	atomic_store(&hook_calls, 0);
	atomic_store(&hook_failed, 0);
	atomic_store(&hook_live, 0);
	atomic_store(&hook_fail_nth, fail_nth);
	atomic_store(&hook_on, true);
}

void iommufmt__alloc_hook_stop(struct iommufmt__alloc_count *count)
{
	atomic_store(&hook_on, false);
	if (count) {
		count->calls = atomic_load(&hook_calls);
		count->failed = atomic_load(&hook_failed);
		count->live = atomic_load(&hook_live);
	}
}

void *iommufmt__malloc(size_t size)
{
	void *p;

	if (hook_fail())
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
		hook_live_add(1);
	return p;
}

void *iommufmt__malloc_array(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return iommufmt__malloc(n * size);
}

void *iommufmt__calloc(size_t n, size_t size)
{
	void *p;

	if ((size && n > SIZE_MAX / size) || hook_fail())
		return NULL;
	p = calloc(n ? n : 1, size ? size : 1);
	if (p)
		hook_live_add(1);
	return p;
}

void *iommufmt__realloc_array(void *old, size_t n, size_t size)
{
	void *p;

	if ((size && n > SIZE_MAX / size) || hook_fail())
		return NULL;
	p = realloc(old, n && size ? n * size : 1);
	if (p && !old)
		hook_live_add(1);
	return p;
}

void iommufmt__free(void *p)
{
	if (!p)
		return;
	hook_live_add(-1);
	free(p);
}
