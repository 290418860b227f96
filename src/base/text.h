/*
 * text.h - checks on text that comes from outside: UTF-8, length, controls.
 *
 * Every name, address or line text that vinn stores passes through
 * vinn_text_check, so what is stored is valid UTF-8 without control
 * characters and within its limit.
 */
#ifndef VINN_BASE_TEXT_H
#define VINN_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* True when s[0..len) is well-formed UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). */
bool vinn_utf8_is_valid(const char *s, size_t len);

enum vinn_text_flags {
    VINN_TEXT_REQUIRED = 1, /* empty is VINN_E_FIELD_REQUIRED */
    VINN_TEXT_SINGLE_LINE = 2, /* no control characters at all (else tabs and newlines pass) */
};

/*
 * Check a text field: present if required, at most max_bytes, valid UTF-8,
 * no control characters (except tab, CR, LF unless SINGLE_LINE). NULL counts
 * as empty. Errors VINN_E_FIELD_REQUIRED, VINN_E_FIELD_TOO_LONG,
 * VINN_E_INVALID_UTF8, VINN_E_INVALID_CHARACTERS, each naming field.
 */
VINN_MUST_USE vinn_err vinn_text_check(const char *s, size_t max_bytes, unsigned flags,
                                       const char *field, struct vinn_error *error);

/* Copy src into dst (cap bytes) when it fits; false (dst "") when it does not. */
bool vinn_text_copy(char *dst, size_t cap, const char *src);

#endif
