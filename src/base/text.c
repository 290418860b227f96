/* text.c - UTF-8 validation (RFC 3629 table 3-7) and field checks. */
#include "base/text.h"

#include <string.h>

static size_t utf8_sequence(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        return 1;
    }
    size_t n;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80; /* no overlongs */
        hi = c == 0xed ? 0x9f : 0xbf; /* no surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf; /* <= U+10FFFF */
    } else {
        return 0;
    }
    if (left < n || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < n; i++) {
        if (p[i] < 0x80 || p[i] > 0xbf) {
            return 0;
        }
    }
    return n;
}

bool vinn_utf8_is_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_sequence(p + i, len - i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

vinn_err vinn_text_check(const char *s, size_t max_bytes, unsigned flags, const char *field,
                         struct vinn_error *error)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0) {
        if (flags & VINN_TEXT_REQUIRED) {
            return vinn_fail(error, VINN_E_FIELD_REQUIRED, field, "%s is required", field);
        }
        return VINN_OK;
    }
    if (len > max_bytes) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, field, "%s is longer than %zu bytes",
                         field, max_bytes);
    }
    if (!vinn_utf8_is_valid(s, len)) {
        return vinn_fail(error, VINN_E_INVALID_UTF8, field, "%s is not valid UTF-8", field);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool space = c == '\t' || c == '\n' || c == '\r';
        if ((c < 0x20 || c == 0x7f) && ((flags & VINN_TEXT_SINGLE_LINE) || !space)) {
            return vinn_fail(error, VINN_E_INVALID_CHARACTERS, field,
                             "%s contains a control character", field);
        }
    }
    return VINN_OK;
}

bool vinn_text_copy(char *dst, size_t cap, const char *src)
{
    size_t len = src ? strlen(src) : 0;
    if (len >= cap) {
        dst[0] = '\0';
        return false;
    }
    memcpy(dst, src ? src : "", len + 1);
    return true;
}
