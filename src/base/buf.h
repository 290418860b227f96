/*
 * buf.h - a growable byte buffer with a maximum (after curl's dynbuf).
 *
 * The contents are always NUL-terminated. Appending past the maximum or
 * failing to grow returns VINN_E_LIMIT_EXCEEDED or VINN_E_NO_MEMORY and
 * leaves the buffer as it was before the call.
 */
#ifndef VINN_BASE_BUF_H
#define VINN_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/err.h"

struct vinn_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* bytes of content allowed, not counting the NUL */
};

void vinn_buf_init(struct vinn_buf *buf, size_t max);
/* Free the contents; the buffer may be used again. */
void vinn_buf_release(struct vinn_buf *buf);
/* Forget the contents, keep the memory. */
void vinn_buf_reset(struct vinn_buf *buf);
/* Hand the contents to the caller (free() them); the buffer is left empty.
 * Never NULL: an empty buffer gives a fresh empty string, or NULL only when
 * that allocation fails. */
char *vinn_buf_take(struct vinn_buf *buf);

VINN_MUST_USE vinn_err vinn_buf_add(struct vinn_buf *buf, const void *data, size_t len);
VINN_MUST_USE vinn_err vinn_buf_adds(struct vinn_buf *buf, const char *s);
VINN_MUST_USE vinn_err vinn_buf_addc(struct vinn_buf *buf, char c);
VINN_MUST_USE vinn_err vinn_buf_printf(struct vinn_buf *buf, const char *fmt, ...) VINN_PRINTF(2, 3);
VINN_MUST_USE vinn_err vinn_buf_vprintf(struct vinn_buf *buf, const char *fmt, va_list ap);

#endif
