/* SPDX-License-Identifier: MIT */
/* The version of the library that is loaded. */
#include "lib/internal.h"

IOMMUFMT_EXPORT const char *iommufmt_version(void)
{
	return IOMMUFMT_VERSION_STRING;
}
