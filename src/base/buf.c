/* buf.c - the growable bounded buffer. */
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"

void vinn_buf_init(struct vinn_buf *buf, size_t max)
{
    VINN_ASSERT(buf != NULL);
    VINN_ASSERT(max > 0);
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
}

void vinn_buf_release(struct vinn_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

void vinn_buf_reset(struct vinn_buf *buf)
{
    buf->len = 0;
    if (buf->data != NULL) {
        buf->data[0] = '\0';
    }
}

char *vinn_buf_take(struct vinn_buf *buf)
{
    char *p = buf->data;
    if (p == NULL) {
        p = calloc(1, 1);
    }
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    return p;
}

static vinn_err buf_reserve(struct vinn_buf *buf, size_t extra)
{
    if (extra > buf->max || buf->len > buf->max - extra) {
        return VINN_E_LIMIT_EXCEEDED;
    }
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) {
        return VINN_OK;
    }
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) {
        cap = cap > (SIZE_MAX / 2) ? need : cap * 2;
    }
    if (cap > buf->max + 1) {
        cap = buf->max + 1;
    }
    char *p = realloc(buf->data, cap);
    if (p == NULL) {
        return VINN_E_NO_MEMORY;
    }
    buf->data = p;
    buf->cap = cap;
    return VINN_OK;
}

vinn_err vinn_buf_add(struct vinn_buf *buf, const void *data, size_t len)
{
    vinn_err rc = buf_reserve(buf, len);
    if (rc != VINN_OK) {
        return rc;
    }
    if (len > 0) {
        memcpy(buf->data + buf->len, data, len);
    }
    buf->len += len;
    buf->data[buf->len] = '\0';
    return VINN_OK;
}

vinn_err vinn_buf_adds(struct vinn_buf *buf, const char *s)
{
    return vinn_buf_add(buf, s, strlen(s));
}

vinn_err vinn_buf_addc(struct vinn_buf *buf, char c)
{
    return vinn_buf_add(buf, &c, 1);
}

vinn_err vinn_buf_vprintf(struct vinn_buf *buf, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        return VINN_E_INTERNAL;
    }
    vinn_err rc = buf_reserve(buf, (size_t)n);
    if (rc != VINN_OK) {
        return rc;
    }
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
    return VINN_OK;
}

vinn_err vinn_buf_printf(struct vinn_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vinn_err rc = vinn_buf_vprintf(buf, fmt, ap);
    va_end(ap);
    return rc;
}
