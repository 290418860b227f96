/* assert.c - the one place an assertion failure is reported. */
#include "base/assert.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void vinn_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "vinn: assertion failed: %s (%s:%d in %s)\n", expr, file, line, func);
    fflush(stderr);
    abort();
}
