/*
 * bank.c - what the bank-file readers share: format names, detection by
 * content, dispatch, text cleaning and the digest identity of entries
 * without a bank reference.
 */
#include "formats/bank.h"

#include <stdio.h>
#include <sys/types.h>
#include <string.h>

#include "base/assert.h"
#include "base/text.h"

static const char *const format_names[] = {
    [VINN_BANK_AUTO] = "auto", [VINN_BANK_CAMT054] = "camt054", [VINN_BANK_CAMT053] = "camt053",
    [VINN_BANK_OCR] = "ocr",   [VINN_BANK_BGMAX] = "bgmax",     [VINN_BANK_CSV] = "csv",
};

enum { FORMAT_COUNT = sizeof(format_names) / sizeof(format_names[0]) };

const char *vinn_bank_format_name(enum vinn_bank_format format)
{
    VINN_ASSERT((int)format >= 0);
    VINN_ASSERT((int)format < FORMAT_COUNT);
    return format_names[format];
}

vinn_err vinn_bank_format_parse(const char *name, enum vinn_bank_format *out,
                                struct vinn_error *error)
{
    for (int i = 0; name != NULL && i < FORMAT_COUNT; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (enum vinn_bank_format)i;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "format",
                     "format '%s' is not known: use auto, camt054, camt053, ocr, bgmax or csv",
                     name != NULL ? name : "");
}

static bool contains(const char *head, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(head + i, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

/* The first line, lower-cased, for the CSV header test. */
static bool csv_header_fits(const char *head, size_t len)
{
    char line[512];
    size_t n = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    for (; i < len && head[i] != '\n' && head[i] != '\r' && n + 1 < sizeof(line); i++) {
        char c = head[i];
        line[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    line[n] = '\0';
    return strstr(line, "amount") != NULL && strstr(line, "date") != NULL;
}

vinn_err vinn_bank_detect(const char *head, size_t len, enum vinn_bank_format *out,
                          struct vinn_error *error)
{
    size_t i = 0;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
        i++;
    }
    const char *p = head + i;
    size_t rest = len - i;
    if (rest > 0 && p[0] == '<') {
        if (contains(p, rest, "camt.054") || contains(p, rest, "BkToCstmrDbtCdtNtfctn")) {
            *out = VINN_BANK_CAMT054;
            return VINN_OK;
        }
        if (contains(p, rest, "camt.053") || contains(p, rest, "BkToCstmrStmt")) {
            *out = VINN_BANK_CAMT053;
            return VINN_OK;
        }
        return vinn_fail(error, VINN_E_BANK_FORMAT_UNKNOWN, "format",
                         "XML file is neither camt.054 nor camt.053: use --format");
    }
    if (rest >= 8 && memcmp(p, "NY000010", 8) == 0) {
        *out = VINN_BANK_OCR;
        return VINN_OK;
    }
    if (rest >= 7 && memcmp(p, "01BGMAX", 7) == 0) {
        *out = VINN_BANK_BGMAX;
        return VINN_OK;
    }
    if (csv_header_fits(p, rest)) {
        *out = VINN_BANK_CSV;
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_BANK_FORMAT_UNKNOWN, "format",
                     "file is not camt.054, camt.053, OCR giro, BgMax or bank CSV: use --format");
}

/* A FILE that gives the bytes read for detection first, then the rest of
 * the original stream: detection on a pipe, where nothing can be sought
 * back. */
struct replay {
    FILE *fp;
    const char *head;
    size_t len;
    size_t pos;
};

static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
    struct replay *r = cookie;
    if (r->pos < r->len) {
        size_t n = r->len - r->pos < size ? r->len - r->pos : size;
        memcpy(buf, r->head + r->pos, n);
        r->pos += n;
        return (ssize_t)n;
    }
    size_t n = fread(buf, 1, size, r->fp);
    return n == 0 && ferror(r->fp) ? -1 : (ssize_t)n;
}

static vinn_err read_format(FILE *fp, enum vinn_bank_format format,
                            const struct vinn_bank_read_options *options, vinn_bank_entry_fn fn,
                            void *ctx, struct vinn_bank_file_info *info, struct vinn_error *error)
{
    switch (format) {
    case VINN_BANK_CAMT054:
    case VINN_BANK_CAMT053:
        return vinn_camt_read(fp, options, fn, ctx, info, error);
    case VINN_BANK_OCR:
        return vinn_ocr_read(fp, options, fn, ctx, info, error);
    case VINN_BANK_BGMAX:
        return vinn_bgmax_read(fp, options, fn, ctx, info, error);
    case VINN_BANK_CSV:
        return vinn_bankcsv_read(fp, options, fn, ctx, info, error);
    case VINN_BANK_AUTO:
        break;
    }
    return vinn_fail(error, VINN_E_INTERNAL, "format", "no reader for the format");
}

vinn_err vinn_bank_read(FILE *fp, const struct vinn_bank_read_options *options,
                        vinn_bank_entry_fn fn, void *ctx, struct vinn_bank_file_info *info,
                        struct vinn_error *error)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(options != NULL);
    const char *name = options->name != NULL ? options->name : "input";
    if (options->format != VINN_BANK_AUTO) {
        return read_format(fp, options->format, options, fn, ctx, info, error);
    }
    char head[4096];
    size_t got = fread(head, 1, sizeof(head), fp);
    if (ferror(fp)) {
        return vinn_fail(error, VINN_E_IO, "file", "%s: cannot read the file", name);
    }
    if (got == 0) {
        return vinn_fail(error, VINN_E_BANK_EMPTY, "file", "%s is empty", name);
    }
    enum vinn_bank_format format = VINN_BANK_AUTO;
    struct vinn_error detect_error;
    vinn_error_clear(&detect_error);
    if (vinn_bank_detect(head, got, &format, &detect_error) != VINN_OK) {
        return vinn_fail(error, detect_error.code, detect_error.field, "%s: %s", name,
                         detect_error.message);
    }
    struct replay r = {fp, head, got, 0};
    cookie_io_functions_t io = {.read = replay_read};
    FILE *joined = fopencookie(&r, "rb", io);
    if (joined == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "%s: out of memory", name);
    }
    vinn_err rc = read_format(joined, format, options, fn, ctx, info, error);
    fclose(joined);
    return rc;
}

/* Length of the UTF-8 sequence led by byte b (1 for continuation bytes, so
 * a cut never loops). */
static size_t utf8_len(unsigned char b)
{
    if (b >= 0xF0) {
        return 4;
    }
    if (b >= 0xE0) {
        return 3;
    }
    if (b >= 0xC0) {
        return 2;
    }
    return 1;
}

/* Control characters count as spaces, so they are trimmed too. */
static bool is_blank(unsigned char c)
{
    return c <= ' ' || c == 0x7F;
}

void vinn_bank_text_copy(char *dst, size_t cap, const char *src, size_t len)
{
    VINN_ASSERT(cap > 0);
    while (len > 0 && is_blank((unsigned char)src[0])) {
        src++;
        len--;
    }
    while (len > 0 && is_blank((unsigned char)src[len - 1])) {
        len--;
    }
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        size_t k = utf8_len((unsigned char)src[i]);
        if (i + k > len || n + k + 1 > cap) {
            break;
        }
        for (size_t j = 0; j < k; j++) {
            unsigned char c = (unsigned char)src[i + j];
            dst[n++] = (k == 1 && (c < ' ' || c == 0x7F)) ? ' ' : (char)c;
        }
        i += k;
    }
    /* A cut may end on a space: trim again. */
    while (n > 0 && dst[n - 1] == ' ') {
        n--;
    }
    dst[n] = '\0';
}

void vinn_bank_latin1_copy(char *dst, size_t cap, const char *src, size_t len)
{
    char tmp[1024];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 2 < sizeof(tmp); i++) {
        unsigned char c = (unsigned char)src[i];
        if (c < 0x80) {
            tmp[n++] = (char)c;
        } else {
            tmp[n++] = (char)(0xC0 | (c >> 6));
            tmp[n++] = (char)(0x80 | (c & 0x3F));
        }
    }
    vinn_bank_text_copy(dst, cap, tmp, n);
}

static uint64_t fnv_add(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    /* A separator so ("ab","c") and ("a","bc") differ. */
    h ^= 0xFF;
    h *= 1099511628211ULL;
    return h;
}

void vinn_bank_entry_digest_id(struct vinn_bank_entry *entry, long occurrence)
{
    uint64_t h = 14695981039346656037ULL;
    int32_t days[2] = {entry->booking_date, entry->value_date};
    h = fnv_add(h, days, sizeof(days));
    h = fnv_add(h, &entry->amount_minor, sizeof(entry->amount_minor));
    unsigned char flags[2] = {entry->credit, entry->reversal};
    h = fnv_add(h, flags, sizeof(flags));
    h = fnv_add(h, entry->currency, strlen(entry->currency));
    h = fnv_add(h, entry->reference, strlen(entry->reference));
    h = fnv_add(h, entry->message, strlen(entry->message));
    h = fnv_add(h, entry->payer_name, strlen(entry->payer_name));
    h = fnv_add(h, entry->payer_account, strlen(entry->payer_account));
    snprintf(entry->entry_id, sizeof(entry->entry_id), "d:%016llx:%ld", (unsigned long long)h,
             occurrence);
}

void vinn_bank_lines_init(struct vinn_bank_lines *l, FILE *fp, const char *name)
{
    memset(l, 0, sizeof(*l));
    l->fp = fp;
    l->name = name;
}

vinn_err vinn_bank_lines_next(struct vinn_bank_lines *l, bool *got, size_t *len,
                              struct vinn_error *error)
{
    size_t n = 0;
    bool any = false;
    bool last_cr = false;
    for (;;) {
        if (l->pos == l->len) {
            if (l->eof) {
                break;
            }
            l->len = fread(l->in, 1, sizeof(l->in), l->fp);
            l->pos = 0;
            l->bytes_read += (long long)l->len;
            if (l->len == 0) {
                if (ferror(l->fp)) {
                    return vinn_fail(error, VINN_E_IO, "file", "%s: cannot read the file", l->name);
                }
                l->eof = true;
                break;
            }
        }
        unsigned char c = l->in[l->pos++];
        any = true;
        if (c == '\n') {
            break;
        }
        if (n < sizeof(l->rec) - 1) {
            l->rec[n] = (char)c;
        }
        n++;
        last_cr = c == '\r';
    }
    if (last_cr) {
        n--;
    }
    l->rec[n < sizeof(l->rec) - 1 ? n : sizeof(l->rec) - 1] = '\0';
    *got = any;
    *len = n;
    return VINN_OK;
}

vinn_err vinn_bank_lines_each(struct vinn_bank_lines *lines, long *line,
                              const struct vinn_bank_read_options *options, vinn_bank_line_fn fn,
                              void *ctx, struct vinn_error *error)
{
    enum { PROGRESS_LINES = 1024 };
    for (;;) {
        bool got = false;
        size_t len = 0;
        vinn_err rc = vinn_bank_lines_next(lines, &got, &len, error);
        if (rc != VINN_OK || !got) {
            return rc;
        }
        (*line)++;
        rc = fn(ctx, len);
        if (rc != VINN_OK) {
            return rc;
        }
        if (options->progress != NULL && *line % PROGRESS_LINES == 0) {
            options->progress(options->progress_ctx, lines->bytes_read);
        }
    }
}

struct vinn_bank_shown vinn_bank_show(const char *s, size_t len)
{
    struct vinn_bank_shown out;
    size_t n = len < sizeof(out.text) - 1 ? len : sizeof(out.text) - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out.text[i] = (c >= ' ' && c < 0x7F) ? (char)c : '?';
    }
    out.text[n] = '\0';
    return out;
}

bool vinn_bank_is_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}
