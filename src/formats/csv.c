/*
 * csv.c - the CSV reader and field writer on top of libcsv.
 *
 * libcsv does the tokenizing (RFC 4180 with CSV_STRICT); this file feeds it,
 * keeps line numbers and checks fields. Bytes are fed in pieces that end at
 * the first CR or LF, so each libcsv call ends at most one record (at its
 * last byte) and the line count is exact at every record boundary. A record
 * starts on the first piece that holds anything libcsv does not skip before
 * a record (spaces, and CR or LF).
 */
#include "formats/csv.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/buf.h"
#include "base/limits.h"

enum {
    /* The fixed read buffer; also how much of a header line delimiter
     * detection looks at. */
    CSV_READ_SIZE = 64 * 1024,
    /* libcsv keeps the closing quote and the spaces after a field in its
     * buffer before it drops them; the slack is room for those, so that a
     * field of exactly VINN_CSV_FIELD_MAX bytes passes. */
    CSV_ENTRY_CAP = VINN_CSV_FIELD_MAX + 64,
    /* File names in messages; longer ones are cut. */
    CSV_NAME_MAX = 128,
    /* One record's text: every field as in the file and trimmed, each with
     * its NUL. */
    CSV_RECORD_TEXT_MAX = VINN_CSV_COLUMNS_MAX * 2 * (VINN_CSV_FIELD_MAX + 1),
};

/* The fields of one record (or of the header) in one bounded buffer. */
struct csv_record {
    struct vinn_buf text;
    size_t raw_at[VINN_CSV_COLUMNS_MAX];     /* offsets of fields as in the file */
    size_t trimmed_at[VINN_CSV_COLUMNS_MAX]; /* offsets of fields without spaces */
    size_t stored_count;                     /* fields kept in text */
    size_t fields_count;                     /* fields seen, kept or not */
    long line;                               /* physical line the record starts on */
    bool done;                               /* libcsv ended the record */
};

struct vinn_csv_reader {
    FILE *fp;
    char name[CSV_NAME_MAX];
    unsigned char delimiter;
    struct csv_parser parser;
    struct csv_record header;
    struct csv_record record;
    const struct csv_record *current; /* what the getters read */
    bool in_header;                   /* the record being read is the header */
    struct vinn_error fault;          /* the first error; sticky */
    long line;                        /* physical line of the next byte */
    long record_line;                 /* line the record being read started on */
    bool in_record;                   /* libcsv is inside a record */
    bool last_was_cr;                 /* so that CRLF counts as one line */
    long rows_count;
    long long bytes_read;
    bool eof;
    size_t in_pos;
    size_t in_len;
    unsigned char in[CSV_READ_SIZE];
};

/* ---- helpers on bytes ---- */

static bool csv_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static char csv_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* ASCII case-insensitive equality, independent of the locale. */
static bool csv_name_equal(const char *a, const char *b)
{
    size_t i = 0;
    for (; a[i] != '\0' && b[i] != '\0'; i++) {
        if (csv_lower(a[i]) != csv_lower(b[i])) {
            return false;
        }
    }
    return a[i] == b[i];
}

/* Length of the UTF-8 sequence led by c and its payload bits, or 0 for a
 * byte that cannot lead (continuation bytes, C0, C1 and F5 to FF). */
static size_t csv_utf8_lead(unsigned char c, uint32_t *bits)
{
    if (c >= 0xC2 && c <= 0xDF) {
        *bits = c & 0x1Fu;
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        *bits = c & 0x0Fu;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        *bits = c & 0x07u;
        return 4;
    }
    return 0;
}

/* RFC 3629: shortest form only, no surrogates, nothing above U+10FFFF. */
static bool csv_utf8_is_valid(const unsigned char *s, size_t len)
{
    static const uint32_t smallest[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = csv_utf8_lead(s[i], &cp);
        if (n == 0 || len - i < n) {
            return false;
        }
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0u) != 0x80u) {
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < smallest[n] || cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu)) {
            return false;
        }
        i += n;
    }
    return true;
}

/* The most frequent of ',', ';' and '\t' outside quotes on the first line
 * that is not empty; ',' on a tie or when none occurs. */
static unsigned char csv_detect_delimiter(const unsigned char *s, size_t len)
{
    size_t commas = 0;
    size_t semicolons = 0;
    size_t tabs = 0;
    bool quoted = false;
    bool seen = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (quoted) {
            continue;
        } else if (c == '\r' || c == '\n') {
            if (seen) {
                break;
            }
            continue;
        }
        seen = seen || c != ' ';
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (commas >= semicolons && commas >= tabs) {
        return ',';
    }
    return semicolons >= tabs ? ';' : '\t';
}

/* libcsv grows its field buffer through this. Refusing past the cap keeps a
 * field that never ends from taking memory; the reader reports the refusal
 * as the field limit. */
static void *csv_realloc_capped(void *ptr, size_t size)
{
    if (size > CSV_ENTRY_CAP) {
        return NULL;
    }
    return realloc(ptr, size);
}

/* libcsv skips these around unquoted fields. With a tab delimiter a tab is
 * not space: an empty first field would otherwise vanish. */
static int csv_is_space_or_tab(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int csv_is_space_only(unsigned char c)
{
    return c == ' ';
}

/* ---- records ---- */

static void record_init(struct csv_record *rec)
{
    memset(rec, 0, sizeof(*rec));
    vinn_buf_init(&rec->text, CSV_RECORD_TEXT_MAX);
}

/* Forget the fields, keep the memory and the line. */
static void record_reset(struct csv_record *rec)
{
    vinn_buf_reset(&rec->text);
    rec->stored_count = 0;
    rec->fields_count = 0;
    rec->done = false;
}

static const char *record_field(const struct csv_record *rec, size_t index, bool trimmed)
{
    if (index >= rec->stored_count) {
        return "";
    }
    return rec->text.data + (trimmed ? rec->trimmed_at[index] : rec->raw_at[index]);
}

/* ---- errors ---- */

static vinn_err reader_fail(struct vinn_csv_reader *r, vinn_err code, const char *field,
                            const char *fmt, ...) VINN_PRINTF(4, 5);

static vinn_err reader_fail(struct vinn_csv_reader *r, vinn_err code, const char *field,
                            const char *fmt, ...)
{
    char message[VINN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    (void)vinn_fail(&r->fault, code, field, "%s", message);
    return r->fault.code;
}

/* Give the caller the sticky error, first error wins there too. */
static vinn_err reader_replay(const struct vinn_csv_reader *r, struct vinn_error *error)
{
    if (error != NULL && error->code == VINN_OK) {
        *error = r->fault;
    }
    return r->fault.code;
}

/* Fail on column index of the record being read: the field is the column's
 * name, or "header" in the header, or "column N" past the header. */
static vinn_err reader_fail_column(struct vinn_csv_reader *r, size_t index, vinn_err code,
                                   const char *rule)
{
    char field[VINN_ERROR_FIELD_MAX];
    char label[VINN_ERROR_MESSAGE_MAX];
    if (r->in_header) {
        snprintf(field, sizeof(field), "header");
        snprintf(label, sizeof(label), "column %zu", index + 1);
    } else if (index < r->header.stored_count) {
        const char *name = record_field(&r->header, index, true);
        snprintf(field, sizeof(field), "%s", name);
        snprintf(label, sizeof(label), "column '%s'", name);
    } else {
        snprintf(field, sizeof(field), "column %zu", index + 1);
        snprintf(label, sizeof(label), "column %zu", index + 1);
    }
    return reader_fail(r, code, field, "%s line %ld: %s %s", r->name, r->record_line, label,
                       rule);
}

/* ---- fields, as libcsv hands them over ---- */

static vinn_err reader_check_field(struct vinn_csv_reader *r, size_t index,
                                   const unsigned char *s, size_t len)
{
    if (len > VINN_CSV_FIELD_MAX) {
        char rule[64];
        snprintf(rule, sizeof(rule), "is longer than %d bytes", VINN_CSV_FIELD_MAX);
        return reader_fail_column(r, index, VINN_E_LIMIT_EXCEEDED, rule);
    }
    if (len > 0 && memchr(s, '\0', len) != NULL) {
        return reader_fail_column(r, index, VINN_E_INVALID_CHARACTERS, "contains a NUL byte");
    }
    if (!csv_utf8_is_valid(s, len)) {
        return reader_fail_column(r, index, VINN_E_INVALID_UTF8, "is not valid UTF-8");
    }
    return VINN_OK;
}

/* Keep a checked field twice when it has surrounding blanks: as in the file
 * and trimmed. */
static vinn_err reader_store_field(struct vinn_csv_reader *r, const unsigned char *s, size_t len)
{
    struct csv_record *rec = &r->record;
    size_t start = 0;
    size_t end = len;
    while (start < end && csv_is_blank((char)s[start])) {
        start++;
    }
    while (end > start && csv_is_blank((char)s[end - 1])) {
        end--;
    }
    size_t raw_at = rec->text.len;
    size_t trimmed_at = raw_at + start;
    vinn_err code = vinn_buf_add(&rec->text, s, len);
    if (code == VINN_OK) {
        code = vinn_buf_addc(&rec->text, '\0');
    }
    if (code == VINN_OK && end != len) {
        trimmed_at = rec->text.len;
        code = vinn_buf_add(&rec->text, s + start, end - start);
    }
    if (code == VINN_OK && end != len) {
        code = vinn_buf_addc(&rec->text, '\0');
    }
    if (code != VINN_OK) {
        return reader_fail(r, VINN_E_NO_MEMORY, "file", "%s line %ld: out of memory", r->name,
                           r->record_line);
    }
    rec->raw_at[rec->stored_count] = raw_at;
    rec->trimmed_at[rec->stored_count] = trimmed_at;
    rec->stored_count++;
    return VINN_OK;
}

/* Fields past the header are counted for the message but not kept; past
 * VINN_CSV_COLUMNS_MAX the record fails at once so the count stays bounded. */
static vinn_err reader_fail_too_many(struct vinn_csv_reader *r)
{
    if (r->in_header) {
        return reader_fail(r, VINN_E_LIMIT_EXCEEDED, "header",
                           "%s line %ld: the header has more than %d columns", r->name,
                           r->record_line, VINN_CSV_COLUMNS_MAX);
    }
    return reader_fail(r, VINN_E_CSV_ROW, "header",
                       "%s line %ld: more than %d fields, the header has %zu", r->name,
                       r->record_line, VINN_CSV_COLUMNS_MAX, r->header.stored_count);
}

/* libcsv's end-of-field callback. */
static void reader_on_field(void *data, size_t len, void *context)
{
    struct vinn_csv_reader *r = context;
    if (r->fault.code != VINN_OK) {
        return;
    }
    size_t index = r->record.fields_count;
    r->record.fields_count = index + 1;
    if (reader_check_field(r, index, data, len) != VINN_OK) {
        return;
    }
    if (index >= VINN_CSV_COLUMNS_MAX) {
        (void)reader_fail_too_many(r);
        return;
    }
    if (!r->in_header && index >= r->header.stored_count) {
        return;
    }
    (void)reader_store_field(r, data, len);
}

/* libcsv's end-of-record callback. */
static void reader_on_record(int terminator, void *context)
{
    (void)terminator;
    struct vinn_csv_reader *r = context;
    if (r->fault.code != VINN_OK) {
        return;
    }
    r->record.done = true;
    r->record.line = r->record_line;
    size_t want = r->header.stored_count;
    size_t got = r->record.fields_count;
    if (r->in_header || got == want) {
        return;
    }
    (void)reader_fail(r, VINN_E_CSV_ROW, "header", "%s line %ld: %zu field%s, the header has %zu",
                      r->name, r->record_line, got, got == 1 ? "" : "s", want);
}

/* ---- feeding libcsv ---- */

static vinn_err reader_fill(struct vinn_csv_reader *r)
{
    size_t n = fread(r->in, 1, sizeof(r->in), r->fp);
    r->bytes_read += (long long)n;
    r->in_pos = 0;
    r->in_len = n;
    if (n > 0) {
        return VINN_OK;
    }
    if (ferror(r->fp)) {
        return reader_fail(r, VINN_E_IO, "file", "%s line %ld: the file could not be read",
                           r->name, r->line);
    }
    r->eof = true;
    return VINN_OK;
}

/* Bytes up to and including the first CR or LF. */
static size_t csv_piece_length(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r' || s[i] == '\n') {
            return i + 1;
        }
    }
    return len;
}

/* Whether libcsv, outside a record, would start one on these bytes. */
static bool reader_piece_has_content(const struct vinn_csv_reader *r, const unsigned char *s,
                                     size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        bool skipped = c == '\r' || c == '\n' || c == ' ' || (c == '\t' && r->delimiter != '\t');
        if (!skipped) {
            return true;
        }
    }
    return false;
}

/* libcsv stopped early: a stray quote, or its field buffer hit the cap. */
static vinn_err reader_fail_parse(struct vinn_csv_reader *r)
{
    size_t index = r->record.fields_count;
    int status = csv_error(&r->parser);
    if (status == CSV_EPARSE) {
        vinn_err code = r->in_header ? VINN_E_CSV_HEADER : VINN_E_CSV_ROW;
        return reader_fail_column(r, index, code, "has a quote in the wrong place");
    }
    bool capped = csv_get_buffer_size(&r->parser) >= CSV_ENTRY_CAP;
    if (status == CSV_ETOOBIG || (status == CSV_ENOMEM && capped)) {
        char rule[64];
        snprintf(rule, sizeof(rule), "is longer than %d bytes", VINN_CSV_FIELD_MAX);
        return reader_fail_column(r, index, VINN_E_LIMIT_EXCEEDED, rule);
    }
    return reader_fail(r, VINN_E_NO_MEMORY, "file", "%s line %ld: out of memory", r->name,
                       r->record_line);
}

static vinn_err reader_feed_piece(struct vinn_csv_reader *r)
{
    const unsigned char *piece = r->in + r->in_pos;
    size_t len = csv_piece_length(piece, r->in_len - r->in_pos);
    VINN_ASSERT(len > 0);
    if (!r->in_record) {
        r->record_line = r->line;
        r->in_record = reader_piece_has_content(r, piece, len);
    }
    size_t used = csv_parse(&r->parser, piece, len, reader_on_field, reader_on_record, r);
    r->in_pos += used;
    if (used < len) {
        return reader_fail_parse(r);
    }
    unsigned char last = piece[len - 1];
    if (last == '\r' || (last == '\n' && !r->last_was_cr)) {
        r->line++;
    }
    r->last_was_cr = last == '\r';
    if (r->record.done) {
        r->in_record = false;
    }
    return r->fault.code;
}

/* End of the file: a last record without a line break, or a quote that is
 * never closed (CSV_STRICT_FINI). */
static vinn_err reader_finish(struct vinn_csv_reader *r)
{
    if (csv_fini(&r->parser, reader_on_field, reader_on_record, r) != 0) {
        vinn_err code = r->in_header ? VINN_E_CSV_HEADER : VINN_E_CSV_ROW;
        return reader_fail_column(r, r->record.fields_count, code,
                                  "has a quote that is never closed");
    }
    r->in_record = false;
    return r->fault.code;
}

/* Read one record into r->record; *got is false at the end of the file. */
static vinn_err reader_read_record(struct vinn_csv_reader *r, bool *got)
{
    record_reset(&r->record);
    *got = false;
    /* Each turn consumes at least one byte or reaches the end of the file,
     * so the loop is bounded by the file. */
    while (!r->record.done) {
        vinn_err code = VINN_OK;
        if (r->in_pos < r->in_len) {
            code = reader_feed_piece(r);
        } else if (!r->eof) {
            code = reader_fill(r);
        } else {
            code = reader_finish(r);
            if (code == VINN_OK && !r->record.done) {
                return VINN_OK;
            }
        }
        if (code != VINN_OK) {
            return code;
        }
    }
    *got = true;
    return VINN_OK;
}

/* ---- the header ---- */

/* The first record becomes the header; its names are kept trimmed only. */
static void reader_header_take(struct vinn_csv_reader *r)
{
    struct csv_record *h = &r->header;
    vinn_buf_release(&h->text);
    *h = r->record;
    for (size_t i = 0; i < h->stored_count; i++) {
        h->raw_at[i] = h->trimmed_at[i];
    }
    record_init(&r->record);
    r->record.line = h->line;
}

static bool csv_name_is_listed(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (csv_name_equal(name, names[i])) {
            return true;
        }
    }
    return false;
}

static vinn_err reader_header_check_name(struct vinn_csv_reader *r, size_t index,
                                         const struct vinn_csv_options *options)
{
    const struct csv_record *h = &r->header;
    const char *name = record_field(h, index, true);
    if (name[0] == '\0') {
        return reader_fail(r, VINN_E_CSV_HEADER, "header", "%s line %ld: column %zu has no name",
                           r->name, h->line, index + 1);
    }
    for (size_t j = 0; j < index; j++) {
        if (csv_name_equal(name, record_field(h, j, true))) {
            return reader_fail(r, VINN_E_CSV_HEADER, name,
                               "%s line %ld: column '%s' appears more than once", r->name, h->line,
                               name);
        }
    }
    if (options->columns != NULL &&
        !csv_name_is_listed(name, options->columns, options->columns_count)) {
        return reader_fail(r, VINN_E_CSV_HEADER, name, "%s line %ld: unknown column '%s'",
                           r->name, h->line, name);
    }
    return VINN_OK;
}

static vinn_err reader_header_check(struct vinn_csv_reader *r,
                                    const struct vinn_csv_options *options)
{
    for (size_t i = 0; i < r->header.stored_count; i++) {
        vinn_err code = reader_header_check_name(r, i, options);
        if (code != VINN_OK) {
            return code;
        }
    }
    for (size_t k = 0; k < options->required_count; k++) {
        const char *want = options->required[k];
        if (vinn_csv_column(r, want) < 0) {
            return reader_fail(r, VINN_E_CSV_HEADER, want,
                               "%s line %ld: required column '%s' is missing", r->name,
                               r->header.line, want);
        }
    }
    return VINN_OK;
}

/* Fill the first buffer, skip a BOM, settle the delimiter, read the header. */
static vinn_err reader_start(struct vinn_csv_reader *r, const struct vinn_csv_options *options)
{
    vinn_err code = reader_fill(r);
    if (code != VINN_OK) {
        return code;
    }
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    if (r->in_len >= sizeof(bom) && memcmp(r->in, bom, sizeof(bom)) == 0) {
        r->in_pos = sizeof(bom);
    }
    r->delimiter = (unsigned char)options->delimiter;
    if (r->delimiter == 0) {
        r->delimiter = csv_detect_delimiter(r->in + r->in_pos, r->in_len - r->in_pos);
    }
    csv_set_delim(&r->parser, r->delimiter);
    csv_set_space_func(&r->parser, r->delimiter == '\t' ? csv_is_space_only : csv_is_space_or_tab);
    bool got = false;
    r->in_header = true;
    code = reader_read_record(r, &got);
    if (code != VINN_OK) {
        return code;
    }
    if (!got) {
        return reader_fail(r, VINN_E_CSV_HEADER, "header",
                           "%s is empty: a header line is required", r->name);
    }
    reader_header_take(r);
    r->in_header = false;
    return reader_header_check(r, options);
}

/* ---- public ---- */

vinn_err vinn_csv_open(FILE *fp, const struct vinn_csv_options *options,
                       struct vinn_csv_reader **out, struct vinn_error *error)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(options != NULL);
    VINN_ASSERT(out != NULL);
    char d = options->delimiter;
    VINN_ASSERT(d == 0 || d == ',' || d == ';' || d == '\t');
    VINN_ASSERT(options->columns != NULL || options->columns_count == 0);
    VINN_ASSERT(options->required != NULL || options->required_count == 0);
    const char *name = options->name != NULL ? options->name : "input";
    struct vinn_csv_reader *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "file", "%s: out of memory", name);
    }
    r->fp = fp;
    snprintf(r->name, sizeof(r->name), "%s", name);
    vinn_error_clear(&r->fault);
    record_init(&r->header);
    record_init(&r->record);
    r->current = &r->header;
    r->line = 1;
    r->header.line = 1;
    r->record_line = 1;
    (void)csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_realloc_func(&r->parser, csv_realloc_capped);
    vinn_err code = reader_start(r, options);
    if (code != VINN_OK) {
        (void)reader_replay(r, error);
        vinn_csv_close(r);
        return code;
    }
    /* Point of no return: the caller owns the reader. */
    *out = r;
    return VINN_OK;
}

vinn_err vinn_csv_next(struct vinn_csv_reader *reader, bool *has_row, struct vinn_error *error)
{
    VINN_ASSERT(reader != NULL);
    VINN_ASSERT(has_row != NULL);
    *has_row = false;
    reader->current = &reader->record;
    if (reader->fault.code != VINN_OK) {
        return reader_replay(reader, error);
    }
    bool got = false;
    vinn_err code = reader_read_record(reader, &got);
    if (code == VINN_OK && got && reader->rows_count >= VINN_IMPORT_ROWS_MAX) {
        code = reader_fail(reader, VINN_E_LIMIT_EXCEEDED, "file", "%s line %ld: more than %d rows",
                           reader->name, reader->record.line, VINN_IMPORT_ROWS_MAX);
    }
    if (code != VINN_OK) {
        record_reset(&reader->record);
        return reader_replay(reader, error);
    }
    reader->rows_count += got;
    *has_row = got;
    return VINN_OK;
}

int vinn_csv_column(const struct vinn_csv_reader *reader, const char *column)
{
    VINN_ASSERT(reader != NULL);
    VINN_ASSERT(column != NULL);
    for (size_t i = 0; i < reader->header.stored_count; i++) {
        if (csv_name_equal(column, record_field(&reader->header, i, true))) {
            return (int)i;
        }
    }
    return -1;
}

const char *vinn_csv_get(const struct vinn_csv_reader *reader, const char *column)
{
    int index = vinn_csv_column(reader, column);
    if (index < 0) {
        return "";
    }
    return record_field(reader->current, (size_t)index, true);
}

const char *vinn_csv_field(const struct vinn_csv_reader *reader, int index)
{
    VINN_ASSERT(reader != NULL);
    if (index < 0) {
        return "";
    }
    return record_field(reader->current, (size_t)index, false);
}

size_t vinn_csv_fields_count(const struct vinn_csv_reader *reader)
{
    VINN_ASSERT(reader != NULL);
    return reader->current->stored_count;
}

long vinn_csv_line(const struct vinn_csv_reader *reader)
{
    VINN_ASSERT(reader != NULL);
    return reader->current->line;
}

long long vinn_csv_bytes_read(const struct vinn_csv_reader *reader)
{
    VINN_ASSERT(reader != NULL);
    return reader->bytes_read;
}

void vinn_csv_close(struct vinn_csv_reader *reader)
{
    if (reader == NULL) {
        return;
    }
    csv_free(&reader->parser);
    vinn_buf_release(&reader->header.text);
    vinn_buf_release(&reader->record.text);
    free(reader);
}

/* ---- writer ---- */

static bool csv_needs_quotes(const char *value, size_t len, char delimiter)
{
    if (len == 0) {
        return false;
    }
    if (csv_is_blank(value[0]) || csv_is_blank(value[len - 1])) {
        return true;
    }
    for (size_t i = 0; i < len; i++) {
        char c = value[i];
        if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
            return true;
        }
    }
    return false;
}

vinn_err vinn_csv_write_field(FILE *fp, const char *value, char delimiter)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(value != NULL);
    VINN_ASSERT(delimiter == ',' || delimiter == ';' || delimiter == '\t');
    size_t len = strlen(value);
    if (!csv_needs_quotes(value, len, delimiter)) {
        return fwrite(value, 1, len, fp) == len ? VINN_OK : VINN_E_IO;
    }
    if (fputc('"', fp) == EOF) {
        return VINN_E_IO;
    }
    /* Write runs up to and including each quote, then the quote again. */
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (value[i] != '"') {
            continue;
        }
        size_t run = i + 1 - start;
        if (fwrite(value + start, 1, run, fp) != run || fputc('"', fp) == EOF) {
            return VINN_E_IO;
        }
        start = i + 1;
    }
    size_t rest = len - start;
    if (fwrite(value + start, 1, rest, fp) != rest || fputc('"', fp) == EOF) {
        return VINN_E_IO;
    }
    return VINN_OK;
}
