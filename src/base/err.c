/* err.c - names, messages and statuses generated from the one table. */
#include "base/err.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct err_row {
    int number;
    int http_status;
    const char *name;
    const char *message;
};

static const struct err_row err_rows[] = {
#define VINN_ERR_ROW_(name, num, http, msg) {num, http, #name, msg},
    VINN_ERR_MAP(VINN_ERR_ROW_)
#undef VINN_ERR_ROW_
};

enum { ERR_ROWS_COUNT = sizeof(err_rows) / sizeof(err_rows[0]) };

static const struct err_row *err_row_find(int number)
{
    for (size_t i = 0; i < ERR_ROWS_COUNT; i++) {
        if (err_rows[i].number == number) {
            return &err_rows[i];
        }
    }
    return NULL;
}

/* Wire names drop the "E_" prefix and are lower case: E_AMOUNT_OVERFLOW ->
 * amount_overflow. The preprocessor cannot lower case, so the table is filled
 * once when the program loads, before any thread can ask for a name. */
static const char *const err_wire_names[] = {
#define VINN_ERR_WIRE_(name, num, http, msg) #name,
    VINN_ERR_MAP(VINN_ERR_WIRE_)
#undef VINN_ERR_WIRE_
};

enum { ERR_WIRE_NAME_MAX = 64 };
static char err_lower[ERR_ROWS_COUNT][ERR_WIRE_NAME_MAX];

static void err_lower_fill(size_t i);

__attribute__((constructor)) static void err_lower_init(void)
{
    for (size_t i = 0; i < ERR_ROWS_COUNT; i++) {
        err_lower_fill(i);
    }
}

static void err_lower_fill(size_t i)
{
    const char *src = err_wire_names[i];
    if (strncmp(src, "E_", 2) == 0) {
        src += 2;
    }
    size_t n = 0;
    for (; src[n] != '\0' && n + 1 < ERR_WIRE_NAME_MAX; n++) {
        char c = src[n];
        err_lower[i][n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    err_lower[i][n] = '\0';
}

const char *vinn_err_name(vinn_err code)
{
    for (size_t i = 0; i < ERR_ROWS_COUNT; i++) {
        if (err_rows[i].number == (int)code) {
            return err_lower[i];
        }
    }
    return "unknown";
}

const char *vinn_err_message(vinn_err code)
{
    const struct err_row *row = err_row_find((int)code);
    return row ? row->message : "unknown error";
}

int vinn_err_http_status(vinn_err code)
{
    const struct err_row *row = err_row_find((int)code);
    return row ? row->http_status : 500;
}

int vinn_err_exit_code(vinn_err code)
{
    if (code == VINN_OK) {
        return 0;
    }
    int status = vinn_err_http_status(code);
    if (status == 404 && code != VINN_E_FILE_NOT_FOUND) {
        return 3;
    }
    if (status == 409) {
        return 4;
    }
    if (status >= 400 && status < 500) {
        return 2;
    }
    if (code == VINN_E_FILE_NOT_FOUND) {
        return 2;
    }
    return 5;
}

bool vinn_err_is_known(int number)
{
    return err_row_find(number) != NULL;
}

void vinn_error_clear(struct vinn_error *error)
{
    if (error == NULL) {
        return;
    }
    error->code = VINN_OK;
    error->field[0] = '\0';
    error->message[0] = '\0';
}

/* Messages and fields quote outside input (a CSV column name, a bank
 * file's text): control characters in it would reach a terminal or a log
 * line, so they are shown as '?'. */
static void hide_controls(char *s)
{
    char *p = s;
    for (; *p != '\0'; p++) {
        if ((unsigned char)*p < ' ' || *p == 0x7F) {
            *p = '?';
        }
    }
    /* A message cut at its buffer may end inside a UTF-8 character: drop
     * the partial character. */
    size_t len = (size_t)(p - s);
    size_t lead = len;
    while (lead > 0 && len - lead < 4 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80) {
        lead--;
    }
    if (lead > 0) {
        unsigned char c = (unsigned char)s[lead - 1];
        size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (len - (lead - 1) < want) {
            s[lead - 1] = '\0';
            len = lead - 1;
        }
    }
    /* A cut may also end on a space. */
    while (len > 0 && s[len - 1] == ' ') {
        s[--len] = '\0';
    }
    /* Text quoted from a cut inside a message may hold a partial character
     * anywhere: every byte of an invalid sequence becomes '?'. */
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        size_t k = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
        if (k == 0 || i + k > len || !vinn_utf8_is_valid(s + i, k)) {
            s[i++] = '?';
            continue;
        }
        i += k;
    }
}

vinn_err vinn_fail(struct vinn_error *error, vinn_err code, const char *field, const char *fmt,
                   ...)
{
    if (error == NULL || error->code != VINN_OK) {
        return code;
    }
    error->code = code;
    snprintf(error->field, sizeof(error->field), "%s", field ? field : "");
    hide_controls(error->field);
    if (fmt == NULL || fmt[0] == '\0') {
        snprintf(error->message, sizeof(error->message), "%s", vinn_err_message(code));
        return code;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error->message, sizeof(error->message), fmt, ap);
    va_end(ap);
    hide_controls(error->message);
    return code;
}

void vinn_error_prefix_field(struct vinn_error *error, const char *prefix)
{
    if (error == NULL || error->code == VINN_OK || prefix == NULL || prefix[0] == '\0') {
        return;
    }
    char joined[VINN_ERROR_FIELD_MAX];
    const char *sep = (error->field[0] == '\0' || error->field[0] == '[') ? "" : ".";
    snprintf(joined, sizeof(joined), "%s%s%s", prefix, sep, error->field);
    memcpy(error->field, joined, sizeof(joined));
}
