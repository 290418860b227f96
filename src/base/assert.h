/*
 * assert.h - VINN_ASSERT: assertions that stay on in release builds.
 *
 * Programmer errors only: a broken precondition, postcondition or invariant.
 * Bytes from the network, files or the database are never asserted on; they
 * get a vinn_err. A failed assertion prints file, line and expression to
 * stderr and aborts, so a core dump or sanitizer report shows where.
 */
#ifndef VINN_BASE_ASSERT_H
#define VINN_BASE_ASSERT_H

_Noreturn void vinn_assert_fail(const char *expr, const char *file, int line, const char *func);

#define VINN_ASSERT(expr)                                                                          \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            vinn_assert_fail(#expr, __FILE__, __LINE__, __func__);                                 \
        }                                                                                          \
    } while (0)

#define VINN_UNREACHABLE() vinn_assert_fail("unreachable", __FILE__, __LINE__, __func__)

#endif
