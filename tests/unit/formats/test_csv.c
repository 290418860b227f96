/* Tests of formats/csv: the header (BOM, names case-insensitive and trimmed,
 * unknown, missing, duplicate and empty names, delimiter detection), records
 * (RFC 4180 quoting, delimiters and line breaks inside quotes, CRLF, CR, a
 * last line without a line break, empty lines skipped, wrong field counts
 * with their exact messages), the limits (field bytes, columns), invalid
 * UTF-8 and NUL bytes, read errors, sticky errors, physical line numbers
 * across multi-line fields and read-buffer boundaries, and the writer's
 * quoting read back by the reader. Inputs come from fmemopen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "formats/csv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The reader's fixed read buffer (csv.c CSV_READ_SIZE). */
enum { READ_SIZE = 64 * 1024 };

/* One input: its bytes (a private copy fmemopen may point at), the stream
 * and the reader on it. */
struct src {
    char *bytes;
    FILE *fp;
    struct vinn_csv_reader *reader;
};

static vinn_err src_open_n(struct src *s, const char *bytes, size_t len,
                           const struct vinn_csv_options *options, struct vinn_error *error)
{
    memset(s, 0, sizeof(*s));
    s->bytes = malloc(len + 1);
    assert_non_null(s->bytes);
    memcpy(s->bytes, bytes, len);
    s->fp = fmemopen(s->bytes, len, "r");
    assert_non_null(s->fp);
    struct vinn_csv_options plain = {.name = "x.csv"};
    return vinn_csv_open(s->fp, options != NULL ? options : &plain, &s->reader, error);
}

static vinn_err src_open(struct src *s, const char *text, const struct vinn_csv_options *options,
                         struct vinn_error *error)
{
    return src_open_n(s, text, strlen(text), options, error);
}

static void src_close(struct src *s)
{
    vinn_csv_close(s->reader);
    fclose(s->fp);
    free(s->bytes);
    memset(s, 0, sizeof(*s));
}

/* Open text that must fail in vinn_csv_open with code, field and message;
 * the reader pointer is left as it was. */
static void open_fails(const char *text, size_t len, const struct vinn_csv_options *options,
                       vinn_err code, const char *field, const char *message)
{
    struct src s;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = src_open_n(&s, text, len, options, &e);
    if (rc != code) {
        print_error("open: got %d (%s), want %d\n", (int)rc, e.message, (int)code);
    }
    assert_int_equal(rc, code);
    assert_null(s.reader);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    if (message != NULL) {
        assert_string_equal(e.message, message);
    }
    src_close(&s);
}

/* Read the next record and expect one. */
static void next_row(struct src *s)
{
    bool has_row = false;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_csv_next(s->reader, &has_row, &e);
    if (rc != VINN_OK) {
        print_error("next: %s\n", e.message);
    }
    assert_int_equal(rc, VINN_OK);
    assert_true(has_row);
}

/* Read the next record and expect the end of the file, twice. */
static void next_end(struct src *s)
{
    for (int i = 0; i < 2; i++) {
        bool has_row = true;
        assert_int_equal(vinn_csv_next(s->reader, &has_row, NULL), VINN_OK);
        assert_false(has_row);
        assert_int_equal(vinn_csv_fields_count(s->reader), 0);
        assert_string_equal(vinn_csv_field(s->reader, 0), "");
    }
}

/* Read the next record and expect code, field and message; then the error
 * is sticky: the same code and message on later calls. */
static void next_fails(struct src *s, vinn_err code, const char *field, const char *message)
{
    bool has_row = true;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_csv_next(s->reader, &has_row, &e);
    if (rc != code) {
        print_error("next: got %d (%s), want %d\n", (int)rc, e.message, (int)code);
    }
    assert_int_equal(rc, code);
    assert_false(has_row);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    if (message != NULL) {
        assert_string_equal(e.message, message);
    }
    assert_int_equal(vinn_csv_fields_count(s->reader), 0);
    assert_string_equal(vinn_csv_field(s->reader, 0), "");
    for (int i = 0; i < 2; i++) {
        struct vinn_error again;
        vinn_error_clear(&again);
        has_row = true;
        assert_int_equal(vinn_csv_next(s->reader, &has_row, &again), code);
        assert_false(has_row);
        assert_string_equal(again.field, e.field);
        assert_string_equal(again.message, e.message);
    }
    /* A caller's record that already holds an error keeps it. */
    struct vinn_error earlier;
    vinn_error_clear(&earlier);
    (void)vinn_fail(&earlier, VINN_E_USAGE, "earlier", "earlier failure");
    assert_int_equal(vinn_csv_next(s->reader, &has_row, &earlier), code);
    assert_int_equal(earlier.code, VINN_E_USAGE);
    assert_string_equal(earlier.message, "earlier failure");
    assert_int_equal(vinn_csv_next(s->reader, &has_row, NULL), code);
}

/* The delimiter the reader settled on, seen through the header's width. */
static void header_is(const char *text, char delimiter, size_t want_count,
                      const char *const *want_names)
{
    struct src s;
    struct vinn_csv_options options = {.name = "x.csv", .delimiter = delimiter};
    assert_int_equal(src_open(&s, text, &options, NULL), VINN_OK);
    assert_int_equal(vinn_csv_fields_count(s.reader), want_count);
    for (size_t i = 0; i < want_count; i++) {
        assert_string_equal(vinn_csv_field(s.reader, (int)i), want_names[i]);
    }
    src_close(&s);
}

/* ---- the header -------------------------------------------------------- */

static const char *const customer_columns[] = {"id", "name", "country", "email"};
static const char *const customer_required[] = {"id", "name"};

static void test_header_names(void **state)
{
    (void)state;
    struct vinn_csv_options options = {
        .name = "customers.csv",
        .columns = customer_columns,
        .columns_count = COUNT(customer_columns),
        .required = customer_required,
        .required_count = COUNT(customer_required),
    };
    struct src s;
    /* Any case, any order, trimmed; optional columns may be left out. */
    assert_int_equal(src_open(&s, " Name ,ID,\"COUNTRY\"\n Åse Søreide ,K1,NO\n", &options, NULL),
                     VINN_OK);
    /* The header is the current record after open. */
    assert_int_equal(vinn_csv_fields_count(s.reader), 3);
    assert_string_equal(vinn_csv_field(s.reader, 0), "Name");
    assert_string_equal(vinn_csv_field(s.reader, 1), "ID");
    assert_string_equal(vinn_csv_field(s.reader, 2), "COUNTRY");
    assert_int_equal(vinn_csv_line(s.reader), 1);
    assert_int_equal(vinn_csv_column(s.reader, "name"), 0);
    assert_int_equal(vinn_csv_column(s.reader, "NAME"), 0);
    assert_int_equal(vinn_csv_column(s.reader, "id"), 1);
    assert_int_equal(vinn_csv_column(s.reader, "Country"), 2);
    assert_int_equal(vinn_csv_column(s.reader, "email"), -1);
    assert_int_equal(vinn_csv_column(s.reader, "nam"), -1);
    assert_int_equal(vinn_csv_column(s.reader, ""), -1);
    next_row(&s);
    assert_int_equal(vinn_csv_line(s.reader), 2);
    assert_string_equal(vinn_csv_get(s.reader, "id"), "K1");
    assert_string_equal(vinn_csv_get(s.reader, "iD"), "K1");
    assert_string_equal(vinn_csv_get(s.reader, "name"), "Åse Søreide");
    assert_string_equal(vinn_csv_get(s.reader, "country"), "NO");
    /* A column not in the header reads as empty. */
    assert_string_equal(vinn_csv_get(s.reader, "email"), "");
    assert_string_equal(vinn_csv_get(s.reader, "nonsense"), "");
    assert_string_equal(vinn_csv_field(s.reader, -1), "");
    assert_string_equal(vinn_csv_field(s.reader, 3), "");
    assert_string_equal(vinn_csv_field(s.reader, 1000), "");
    next_end(&s);
    src_close(&s);

    /* Without a column list any header is accepted; a header alone is a
     * file without records. */
    assert_int_equal(src_open(&s, "anything,goes", NULL, NULL), VINN_OK);
    assert_int_equal(vinn_csv_fields_count(s.reader), 2);
    next_end(&s);
    src_close(&s);
}

static void test_header_bom(void **state)
{
    (void)state;
    struct vinn_csv_options options = {
        .name = "customers.csv",
        .columns = customer_columns,
        .columns_count = COUNT(customer_columns),
        .required = customer_required,
        .required_count = COUNT(customer_required),
    };
    struct src s;
    assert_int_equal(src_open(&s, "\xEF\xBB\xBFid;name\r\nK1;Åse\r\n", &options, NULL), VINN_OK);
    assert_string_equal(vinn_csv_field(s.reader, 0), "id");
    assert_int_equal(vinn_csv_column(s.reader, "id"), 0);
    next_row(&s);
    assert_string_equal(vinn_csv_get(s.reader, "id"), "K1");
    assert_string_equal(vinn_csv_get(s.reader, "name"), "Åse");
    assert_int_equal(vinn_csv_line(s.reader), 2);
    next_end(&s);
    src_close(&s);

    /* A BOM is skipped only at the start: elsewhere it is a character. */
    assert_int_equal(src_open(&s, "id,name\n\xEF\xBB\xBFK1,x\n", &options, NULL), VINN_OK);
    next_row(&s);
    assert_string_equal(vinn_csv_get(s.reader, "id"), "\xEF\xBB\xBFK1");
    src_close(&s);

    /* A BOM and nothing else is an empty file. */
    open_fails("\xEF\xBB\xBF", 3, &options, VINN_E_CSV_HEADER, "header",
               "customers.csv is empty: a header line is required");
    open_fails("\xEF\xBB\xBF\r\n\r\n", 7, &options, VINN_E_CSV_HEADER, "header",
               "customers.csv is empty: a header line is required");
}

static void test_header_errors(void **state)
{
    (void)state;
    struct vinn_csv_options options = {
        .name = "customers.csv",
        .columns = customer_columns,
        .columns_count = COUNT(customer_columns),
        .required = customer_required,
        .required_count = COUNT(customer_required),
    };
    open_fails("", 0, &options, VINN_E_CSV_HEADER, "header",
               "customers.csv is empty: a header line is required");
    open_fails("\n\r\n   \n \n", 9, &options, VINN_E_CSV_HEADER, "header",
               "customers.csv is empty: a header line is required");
    /* Without a name, messages say "input". */
    open_fails("", 0, &(struct vinn_csv_options){0}, VINN_E_CSV_HEADER, "header",
               "input is empty: a header line is required");
    /* An unknown column is refused so that a misspelt one is not ignored. */
    open_fails("id,nmae\n", 8, &options, VINN_E_CSV_HEADER, "nmae",
               "customers.csv line 1: unknown column 'nmae'");
    open_fails("id,name,Phone\n", 14, &options, VINN_E_CSV_HEADER, "Phone",
               "customers.csv line 1: unknown column 'Phone'");
    /* A required column missing is named, also after empty lines. */
    open_fails("id,country\n", 11, &options, VINN_E_CSV_HEADER, "name",
               "customers.csv line 1: required column 'name' is missing");
    open_fails("\n\nname,country\nÅse,NO\n", 23, &options, VINN_E_CSV_HEADER, "id",
               "customers.csv line 3: required column 'id' is missing");
    /* Names appear once, case-insensitively. */
    open_fails("id,name,ID\n", 11, &options, VINN_E_CSV_HEADER, "ID",
               "customers.csv line 1: column 'ID' appears more than once");
    open_fails("id,name, name \n", 15, NULL, VINN_E_CSV_HEADER, "name",
               "x.csv line 1: column 'name' appears more than once");
    /* Every column has a name: empty, blank or an empty quoted field. */
    open_fails("id,,name\n", 9, &options, VINN_E_CSV_HEADER, "header",
               "customers.csv line 1: column 2 has no name");
    open_fails("id,name,  \n", 11, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 3 has no name");
    open_fails("\"\",id\n", 6, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 1 has no name");
    open_fails("id,name,\n", 9, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 3 has no name");
    /* Malformed quoting in the header. */
    open_fails("id,na\"me\n", 9, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 2 has a quote in the wrong place");
    open_fails("id,\"name\"x\n", 11, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 2 has a quote in the wrong place");
    open_fails("id,\"name\n", 9, NULL, VINN_E_CSV_HEADER, "header",
               "x.csv line 1: column 2 has a quote that is never closed");
    /* Bytes that are not text. */
    open_fails("id,n\xC3\x28me\n", 10, NULL, VINN_E_INVALID_UTF8, "header",
               "x.csv line 1: column 2 is not valid UTF-8");
    open_fails("id,na\0me\n", 9, NULL, VINN_E_INVALID_CHARACTERS, "header",
               "x.csv line 1: column 2 contains a NUL byte");
}

static void test_header_limits(void **state)
{
    (void)state;
    /* VINN_CSV_COLUMNS_MAX columns are fine, one more is not. */
    char text[VINN_CSV_COLUMNS_MAX * 8 + 16];
    size_t n = 0;
    for (int i = 0; i < VINN_CSV_COLUMNS_MAX; i++) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "%sc%d", i > 0 ? "," : "", i);
    }
    text[n++] = '\n';
    text[n] = '\0';
    struct src s;
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    assert_int_equal(vinn_csv_fields_count(s.reader), VINN_CSV_COLUMNS_MAX);
    assert_string_equal(vinn_csv_field(s.reader, VINN_CSV_COLUMNS_MAX - 1), "c63");
    src_close(&s);
    text[n - 1] = ',';
    n += (size_t)snprintf(text + n, sizeof(text) - n, "c64\n");
    open_fails(text, n, NULL, VINN_E_LIMIT_EXCEEDED, "header",
               "x.csv line 1: the header has more than 64 columns");

    /* A name of VINN_CSV_FIELD_MAX bytes is fine, one more is not. */
    char *big = malloc(VINN_CSV_FIELD_MAX + 16);
    assert_non_null(big);
    memset(big, 'n', VINN_CSV_FIELD_MAX);
    memcpy(big + VINN_CSV_FIELD_MAX, ",id\n", 5);
    assert_int_equal(src_open(&s, big, NULL, NULL), VINN_OK);
    assert_int_equal(strlen(vinn_csv_field(s.reader, 0)), VINN_CSV_FIELD_MAX);
    src_close(&s);
    memset(big, 'n', VINN_CSV_FIELD_MAX + 1);
    memcpy(big + VINN_CSV_FIELD_MAX + 1, ",id\n", 5);
    open_fails(big, strlen(big), NULL, VINN_E_LIMIT_EXCEEDED, "header",
               "x.csv line 1: column 1 is longer than 4096 bytes");
    free(big);
}

/* ---- the delimiter ----------------------------------------------------- */

static void test_delimiter(void **state)
{
    (void)state;
    static const char *const abc[] = {"a", "b", "c"};
    header_is("a,b,c\n", 0, 3, abc);
    header_is("a;b;c\n", 0, 3, abc);
    header_is("a\tb\tc\n", 0, 3, abc);
    header_is("a , b ; c\n", ';', 2, (const char *const[]){"a , b", "c"});
    /* The most frequent outside quotes wins. */
    header_is("a;b;c,d\n", 0, 3, (const char *const[]){"a", "b", "c,d"});
    header_is("a,b,c;d\n", 0, 3, (const char *const[]){"a", "b", "c;d"});
    header_is("a\tb\tc;d\n", 0, 3, (const char *const[]){"a", "b", "c;d"});
    header_is("\"a,b,c\";d;e\n", 0, 3, (const char *const[]){"a,b,c", "d", "e"});
    header_is("\"x;y;z\",b\n", 0, 2, (const char *const[]){"x;y;z", "b"});
    /* A tie goes to ',', as does a header with no delimiter at all. */
    header_is("a;b,c\n", 0, 2, (const char *const[]){"a;b", "c"});
    header_is("a;b;c,d,e\n", 0, 3, (const char *const[]){"a;b;c", "d", "e"});
    header_is("a\tb,c\n", 0, 2, (const char *const[]){"a\tb", "c"});
    header_is("abc\n", 0, 1, (const char *const[]){"abc"});
    /* Between ';' and tab a tie goes to ';'. */
    header_is("a;b\tc\n", 0, 2, (const char *const[]){"a", "b\tc"});
    /* Only the first line that is not empty counts. */
    header_is("\n \r\na;b;c\n1,2,3,4,5,6\n", 0, 3, abc);
    header_is("a;b;c\n1,2,3,4,5,6\n", 0, 3, abc);
    /* After a BOM. */
    header_is("\xEF\xBB\xBF"
              "a\tb\tc\n",
              0, 3, abc);
    /* An explicit delimiter is not second-guessed. */
    header_is("a,b;c\n", ';', 2, (const char *const[]){"a,b", "c"});
    header_is("a;b;c\n", ',', 1, (const char *const[]){"a;b;c"});
    header_is("a;b;c\n", '\t', 1, (const char *const[]){"a;b;c"});

    /* Records follow the header's delimiter. */
    struct src s;
    assert_int_equal(src_open(&s, "id;text\n1;\"a;b\"\n2;c,d\n", NULL, NULL), VINN_OK);
    next_row(&s);
    assert_string_equal(vinn_csv_get(s.reader, "text"), "a;b");
    next_row(&s);
    assert_string_equal(vinn_csv_get(s.reader, "text"), "c,d");
    next_end(&s);
    src_close(&s);

    /* With a tab delimiter an empty first field is a field, and spaces
     * around fields are still trimmed. */
    assert_int_equal(src_open(&s, "a\tb\tc\n\tx\t\n  y \t \"z\" \t w\n", NULL, NULL), VINN_OK);
    next_row(&s);
    assert_string_equal(vinn_csv_field(s.reader, 0), "");
    assert_string_equal(vinn_csv_field(s.reader, 1), "x");
    assert_string_equal(vinn_csv_field(s.reader, 2), "");
    next_row(&s);
    assert_string_equal(vinn_csv_get(s.reader, "a"), "y");
    assert_string_equal(vinn_csv_get(s.reader, "b"), "z");
    assert_string_equal(vinn_csv_get(s.reader, "c"), "w");
    next_end(&s);
    src_close(&s);
}

/* ---- records ----------------------------------------------------------- */

static void test_records_quoting(void **state)
{
    (void)state;
    static const char text[] = "id,text,n\n"                  /* line 1 */
                               "1,\"hello, world\",2\n"       /* line 2 */
                               "2,\"say \"\"hi\"\"\",3\n"     /* line 3 */
                               "3,\"line one\nline two\",4\n" /* lines 4-5 */
                               "4,\"crlf\r\ninside\",5\n"     /* lines 6-7 */
                               "5,   padded \t ,6\n"          /* line 8 */
                               "6,\"  kept  \",7\n"           /* line 9 */
                               "7,,8\n"                       /* line 10 */
                               "8,\"\",9\n"                   /* line 11 */
                               "9,\"\"\"\",10\n"              /* line 12 */
                               "10, \"spaced\"  ,11\n"        /* line 13 */
                               "11,in side,12\n"              /* line 14 */
                               ",,\n"                         /* line 15 */
                               "12,last,13";                  /* line 16, no line break */
    static const struct {
        long line;
        const char *id;
        const char *raw;
        const char *trimmed;
        const char *n;
    } want[] = {
        {2, "1", "hello, world", "hello, world", "2"},
        {3, "2", "say \"hi\"", "say \"hi\"", "3"},
        {4, "3", "line one\nline two", "line one\nline two", "4"},
        {6, "4", "crlf\r\ninside", "crlf\r\ninside", "5"},
        {8, "5", "padded", "padded", "6"},
        {9, "6", "  kept  ", "kept", "7"},
        {10, "7", "", "", "8"},
        {11, "8", "", "", "9"},
        {12, "9", "\"", "\"", "10"},
        {13, "10", "spaced", "spaced", "11"},
        {14, "11", "in side", "in side", "12"},
        {15, "", "", "", ""},
        {16, "12", "last", "last", "13"},
    };
    struct src s;
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    for (size_t i = 0; i < COUNT(want); i++) {
        next_row(&s);
        assert_int_equal(vinn_csv_fields_count(s.reader), 3);
        assert_int_equal(vinn_csv_line(s.reader), want[i].line);
        assert_string_equal(vinn_csv_get(s.reader, "id"), want[i].id);
        assert_string_equal(vinn_csv_field(s.reader, 1), want[i].raw);
        assert_string_equal(vinn_csv_get(s.reader, "text"), want[i].trimmed);
        assert_string_equal(vinn_csv_get(s.reader, "n"), want[i].n);
    }
    next_end(&s);
    assert_int_equal(vinn_csv_bytes_read(s.reader), (long long)strlen(text));
    src_close(&s);
}

static void test_line_endings_and_empty_lines(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long lines[3];
    } cases[] = {
        {"id,x\n1,a\n2,b\n3,c\n", {2, 3, 4}},
        {"id,x\r\n1,a\r\n2,b\r\n3,c\r\n", {2, 3, 4}},
        {"id,x\r1,a\r2,b\r3,c\r", {2, 3, 4}},
        {"id,x\r\n1,a\n2,b\r3,c", {2, 3, 4}},
        /* Empty lines and lines of spaces or tabs are skipped, counted. */
        {"id,x\n\n1,a\n   \n\r\n2,b\n \t \n\n3,c\n\n\n", {3, 6, 9}},
        {"\n\r\n  \nid,x\n1,a\n\n2,b\n\r\n\r\n3,c", {5, 7, 10}},
        /* A field that spans lines counts every line it spans. */
        {"id,x\n1,\"a\n\nb\"\n2,\"\r\n\"\n3,c\n", {2, 5, 7}},
        {"id,\"x\ny\"\n1,a\n2,b\n3,c\n", {3, 4, 5}},
        /* With a tab delimiter a line of spaces is empty too. */
        {"id\tx\n \n1\ta\n\n2\tb\n3\tc\n", {3, 5, 6}},
        /* The end: a closed quote with spaces after it, or a last line of
         * spaces, without a line break. */
        {"id,x\n1,a\n2,b\n3,\"c\"  ", {2, 3, 4}},
        {"id,x\n1,a\n2,b\n3,c\n   ", {2, 3, 4}},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        struct src s;
        assert_int_equal(src_open(&s, cases[i].text, NULL, NULL), VINN_OK);
        for (int k = 0; k < 3; k++) {
            next_row(&s);
            if (vinn_csv_line(s.reader) != cases[i].lines[k]) {
                print_error("case %zu record %d\n", i, k);
            }
            assert_int_equal(vinn_csv_line(s.reader), cases[i].lines[k]);
            char want_id[4];
            snprintf(want_id, sizeof(want_id), "%d", k + 1);
            assert_string_equal(vinn_csv_field(s.reader, 0), want_id);
            assert_true(vinn_csv_field(s.reader, 1)[0] != '\0');
        }
        next_end(&s);
        src_close(&s);
    }
}

static void test_field_count(void **state)
{
    (void)state;
    struct src s;
    static const char base[] = "id,name,country\n1,Åse,NO\n";
    char text[128];

    snprintf(text, sizeof(text), "%s2,Per\n3,Kari,NO\n", base);
    assert_int_equal(src_open(&s, text, &(struct vinn_csv_options){.name = "customers.csv"}, NULL),
                     VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "customers.csv line 3: 2 fields, the header has 3");
    src_close(&s);

    snprintf(text, sizeof(text), "%s2\n", base);
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 3: 1 field, the header has 3");
    src_close(&s);

    snprintf(text, sizeof(text), "%s2,Per,SE,extra\n", base);
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 3: 4 fields, the header has 3");
    src_close(&s);

    /* A trailing delimiter is one more (empty) field. */
    snprintf(text, sizeof(text), "%s2,Per,SE,\n", base);
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 3: 4 fields, the header has 3");
    src_close(&s);

    /* The last line without a line break is checked too. */
    snprintf(text, sizeof(text), "%s2,Per", base);
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 3: 2 fields, the header has 3");
    src_close(&s);

    /* A multi-line record is named by the line it starts on. */
    snprintf(text, sizeof(text), "%s\n2,\"Per\nPettersen\"\n", base);
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 4: 2 fields, the header has 3");
    src_close(&s);
}

static void test_quote_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        vinn_err code;
        const char *field;
        const char *message;
    } cases[] = {
        {"id,text,n\n1,a\"b,2\n", VINN_E_CSV_ROW, "text",
         "x.csv line 2: column 'text' has a quote in the wrong place"},
        {"id,text,n\n1,\"ab\"c,2\n", VINN_E_CSV_ROW, "text",
         "x.csv line 2: column 'text' has a quote in the wrong place"},
        {"id,text,n\n1,\"ab\" \"c\",2\n", VINN_E_CSV_ROW, "text",
         "x.csv line 2: column 'text' has a quote in the wrong place"},
        {"id,text,n\n1,ok,2\n\n2,\"never closed,3\n4,x,5\n", VINN_E_CSV_ROW, "text",
         "x.csv line 4: column 'text' has a quote that is never closed"},
        {"id,text,n\n1,\"x\",\"y", VINN_E_CSV_ROW, "n",
         "x.csv line 2: column 'n' has a quote that is never closed"},
        /* Past the header's columns the column is named by number. */
        {"id,text,n\n1,x,2,a\"b\n", VINN_E_CSV_ROW, "column 4",
         "x.csv line 2: column 4 has a quote in the wrong place"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        struct src s;
        assert_int_equal(src_open(&s, cases[i].text, NULL, NULL), VINN_OK);
        if (strstr(cases[i].text, "1,ok,2") != NULL) {
            next_row(&s);
        }
        next_fails(&s, cases[i].code, cases[i].field, cases[i].message);
        src_close(&s);
    }
}

/* ---- limits ------------------------------------------------------------ */

/* "id,text\n1," + a field of len bytes of 'x' (quoted or not) + "\n2,b\n". */
static char *text_with_field(size_t len, bool quoted, size_t *out_len)
{
    char *t = malloc(len + 64);
    assert_non_null(t);
    size_t n = (size_t)sprintf(t, "id,text\n1,%s", quoted ? "\"" : "");
    memset(t + n, 'x', len);
    n += len;
    n += (size_t)sprintf(t + n, "%s\n2,b\n", quoted ? "\"" : "");
    *out_len = n;
    return t;
}

static void test_field_limits(void **state)
{
    (void)state;
    for (int quoted = 0; quoted < 2; quoted++) {
        size_t n = 0;
        char *t = text_with_field(VINN_CSV_FIELD_MAX, quoted != 0, &n);
        struct src s;
        assert_int_equal(src_open_n(&s, t, n, NULL, NULL), VINN_OK);
        next_row(&s);
        assert_int_equal(strlen(vinn_csv_get(s.reader, "text")), VINN_CSV_FIELD_MAX);
        next_row(&s);
        assert_string_equal(vinn_csv_get(s.reader, "text"), "b");
        next_end(&s);
        src_close(&s);
        free(t);
        /* One byte over, and far over (where libcsv's own buffer is
         * capped): the same error. */
        static const size_t over[] = {VINN_CSV_FIELD_MAX + 1, VINN_CSV_FIELD_MAX + 64,
                                      VINN_CSV_FIELD_MAX + 65, 100000};
        for (size_t k = 0; k < COUNT(over); k++) {
            t = text_with_field(over[k], quoted != 0, &n);
            assert_int_equal(src_open_n(&s, t, n, NULL, NULL), VINN_OK);
            next_fails(&s, VINN_E_LIMIT_EXCEEDED, "text",
                       "x.csv line 2: column 'text' is longer than 4096 bytes");
            src_close(&s);
            free(t);
        }
    }
    /* A quote that never closes over megabytes stops at the field limit,
     * not at the memory's end. */
    size_t big = 3 * 1024 * 1024;
    char *t = malloc(big);
    assert_non_null(t);
    memset(t, 'y', big);
    memcpy(t, "id,text\n1,\"", 11);
    for (size_t i = 100; i < big; i += 100) {
        t[i] = '\n';
    }
    struct src s;
    assert_int_equal(src_open_n(&s, t, big, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_LIMIT_EXCEEDED, "text",
               "x.csv line 2: column 'text' is longer than 4096 bytes");
    src_close(&s);
    free(t);
}

static void test_column_limits(void **state)
{
    (void)state;
    /* A record of 64 and of 65 fields under a 3-column header. */
    char text[1024];
    size_t n = (size_t)sprintf(text, "a,b,c\n");
    for (int i = 0; i < VINN_CSV_COLUMNS_MAX; i++) {
        n += (size_t)sprintf(text + n, "%s%d", i > 0 ? "," : "", i);
    }
    text[n] = '\n';
    text[n + 1] = '\0';
    struct src s;
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 2: 64 fields, the header has 3");
    src_close(&s);
    n += (size_t)sprintf(text + n, ",64\n");
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_CSV_ROW, "header", "x.csv line 2: more than 64 fields, the header has 3");
    src_close(&s);

    /* A 64-column header and a full record. */
    n = 0;
    for (int row = 0; row < 2; row++) {
        for (int i = 0; i < VINN_CSV_COLUMNS_MAX; i++) {
            n += (size_t)sprintf(text + n, "%s%s%d", i > 0 ? ";" : "", row == 0 ? "c" : "", i);
        }
        text[n++] = '\n';
    }
    text[n] = '\0';
    assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
    next_row(&s);
    assert_int_equal(vinn_csv_fields_count(s.reader), VINN_CSV_COLUMNS_MAX);
    assert_string_equal(vinn_csv_get(s.reader, "c0"), "0");
    assert_string_equal(vinn_csv_get(s.reader, "C63"), "63");
    assert_string_equal(vinn_csv_field(s.reader, 63), "63");
    assert_string_equal(vinn_csv_field(s.reader, 64), "");
    next_end(&s);
    src_close(&s);

    /* Past the header's columns, a field is still checked, named by number. */
    char *wide = malloc(VINN_CSV_FIELD_MAX + 64);
    assert_non_null(wide);
    n = (size_t)sprintf(wide, "id\n1,");
    memset(wide + n, 'z', VINN_CSV_FIELD_MAX + 1);
    n += VINN_CSV_FIELD_MAX + 1;
    wide[n++] = '\n';
    assert_int_equal(src_open_n(&s, wide, n, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_LIMIT_EXCEEDED, "column 2",
               "x.csv line 2: column 2 is longer than 4096 bytes");
    src_close(&s);
    free(wide);
}

/* ---- bytes that are not text ------------------------------------------ */

static void test_utf8_and_nul(void **state)
{
    (void)state;
    static const char *const valid[] = {
        "Åse Søreide",
        "Jyväskylä",
        "Nørgaard ApS",
        "€",
        "\xF0\x9D\x84\x9E", /* U+1D11E */
        "\xED\x9F\xBF",     /* U+D7FF */
        "\xEE\x80\x80",     /* U+E000 */
        "\xF4\x8F\xBF\xBF", /* U+10FFFF */
        "\xC2\x80",         /* U+0080 */
        "\x7F",
    };
    for (size_t i = 0; i < COUNT(valid); i++) {
        char text[64];
        snprintf(text, sizeof(text), "id,name\n1,%s\n", valid[i]);
        struct src s;
        assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
        next_row(&s);
        assert_string_equal(vinn_csv_get(s.reader, "name"), valid[i]);
        src_close(&s);
    }
    static const char *const invalid[] = {
        "\xC3\x28",         /* a lead byte without its continuation */
        "\x80",             /* a lone continuation byte */
        "\xC0\xAF",         /* overlong '/' */
        "\xC1\xBF",         /* overlong */
        "\xE0\x80\xAF",     /* overlong, 3 bytes */
        "\xF0\x80\x80\xAF", /* overlong, 4 bytes */
        "\xED\xA0\x80",     /* surrogate U+D800 */
        "\xED\xBF\xBF",     /* surrogate U+DFFF */
        "\xF4\x90\x80\x80", /* U+110000 */
        "\xF5\x80\x80\x80", /* no such lead */
        "\xFF",
        "\xE2\x82", /* cut short */
        "abc\xC3",  /* cut short at the field's end */
        "\xE5se",   /* Latin-1 å */
    };
    for (size_t i = 0; i < COUNT(invalid); i++) {
        char text[64];
        snprintf(text, sizeof(text), "id,name\n1,ok\n2,%s\n", invalid[i]);
        struct src s;
        assert_int_equal(src_open(&s, text, NULL, NULL), VINN_OK);
        next_row(&s);
        next_fails(&s, VINN_E_INVALID_UTF8, "name",
                   "x.csv line 3: column 'name' is not valid UTF-8");
        src_close(&s);
    }
    /* Inside quotes too. */
    struct src s;
    assert_int_equal(src_open(&s, "id,name\n1,\"a\xC3\"\n", NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_INVALID_UTF8, "name", "x.csv line 2: column 'name' is not valid UTF-8");
    src_close(&s);

    /* A NUL byte, unquoted, quoted and alone. */
    static const char nul_unquoted[] = "id,name\n1,a\0b\n";
    assert_int_equal(src_open_n(&s, nul_unquoted, sizeof(nul_unquoted) - 1, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_INVALID_CHARACTERS, "name",
               "x.csv line 2: column 'name' contains a NUL byte");
    src_close(&s);
    static const char nul_quoted[] = "id,name\n1,x\n2,\"a\0\"\n";
    assert_int_equal(src_open_n(&s, nul_quoted, sizeof(nul_quoted) - 1, NULL, NULL), VINN_OK);
    next_row(&s);
    next_fails(&s, VINN_E_INVALID_CHARACTERS, "name",
               "x.csv line 3: column 'name' contains a NUL byte");
    src_close(&s);
    static const char nul_alone[] = "id,name\n\0,x\n";
    assert_int_equal(src_open_n(&s, nul_alone, sizeof(nul_alone) - 1, NULL, NULL), VINN_OK);
    next_fails(&s, VINN_E_INVALID_CHARACTERS, "id",
               "x.csv line 2: column 'id' contains a NUL byte");
    src_close(&s);
}

/* ---- read errors -------------------------------------------------------- */

static void test_read_error(void **state)
{
    (void)state;
    /* A stream open for writing only cannot be read. */
    char buf[16] = "id,name\n";
    FILE *fp = fmemopen(buf, sizeof(buf), "w");
    assert_non_null(fp);
    struct vinn_csv_options options = {.name = "x.csv"};
    struct vinn_csv_reader *reader = (struct vinn_csv_reader *)&options; /* a sentinel */
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_csv_open(fp, &options, &reader, &e), VINN_E_IO);
    assert_ptr_equal(reader, (struct vinn_csv_reader *)&options);
    assert_int_equal(e.code, VINN_E_IO);
    assert_string_equal(e.field, "file");
    assert_string_equal(e.message, "x.csv line 1: the file could not be read");
    fclose(fp);
}

/* ---- line numbers across the read buffer -------------------------------- */

/* Records "N,text\r\n" past several read buffers, with a CRLF split over a
 * buffer boundary, a quoted field with line breaks over another and a
 * UTF-8 character split over a third: every record keeps its line. */
static void test_buffer_boundaries(void **state)
{
    (void)state;
    size_t cap = 4 * READ_SIZE;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t n = (size_t)sprintf(t, "id,text\r\n");
    long line = 2;
    int id = 0;
    enum { RECORDS_MAX = 32768 };
    long *lines = calloc(RECORDS_MAX, sizeof(*lines));
    assert_non_null(lines);
    size_t pad_length = 0;
    /* Fill to just before the first boundary, then place "\r" as its last
     * byte and "\n" as the next buffer's first. */
    while (n < READ_SIZE - 40) {
        id++;
        n += (size_t)sprintf(t + n, "%d,row %d\r\n", id, id);
        lines[id] = line++;
    }
    {
        int k = ++id;
        size_t head = (size_t)sprintf(t + n, "%d,", k);
        size_t pad = READ_SIZE - 1 - (n + head);
        pad_length = pad;
        memset(t + n + head, 'p', pad);
        n += head + pad;
        assert_int_equal(n, READ_SIZE - 1);
        t[n++] = '\r';
        t[n++] = '\n';
        lines[k] = line++;
    }
    /* A quoted field with two line breaks across the second boundary. */
    while (n < 2 * READ_SIZE - 40) {
        id++;
        n += (size_t)sprintf(t + n, "%d,row %d\r\n", id, id);
        lines[id] = line++;
    }
    n += (size_t)sprintf(t + n, "%d,\"one\r\ntwo\r\nthree\"\r\n", ++id);
    lines[id] = line;
    line += 3;
    /* A UTF-8 character across the third boundary. */
    while (n < 3 * READ_SIZE - 40) {
        id++;
        n += (size_t)sprintf(t + n, "%d,row %d\r\n", id, id);
        lines[id] = line++;
    }
    {
        int k = ++id;
        size_t head = (size_t)sprintf(t + n, "%d,", k);
        size_t pad = 3 * READ_SIZE - 1 - (n + head);
        memset(t + n + head, 'q', pad);
        n += head + pad;
        memcpy(t + n, "\xC3\xB8\n", 3); /* 'ø' straddles the boundary */
        n += 3;
        lines[k] = line++;
    }
    n += (size_t)sprintf(t + n, "%d,end", ++id);
    lines[id] = line;
    assert_true(n < cap);
    assert_true(id < RECORDS_MAX);

    struct src s;
    assert_int_equal(src_open_n(&s, t, n, NULL, NULL), VINN_OK);
    for (int k = 1; k <= id; k++) {
        next_row(&s);
        char want[16];
        snprintf(want, sizeof(want), "%d", k);
        assert_string_equal(vinn_csv_get(s.reader, "id"), want);
        if (vinn_csv_line(s.reader) != lines[k]) {
            print_error("record %d: line %ld, want %ld\n", k, vinn_csv_line(s.reader), lines[k]);
        }
        assert_int_equal(vinn_csv_line(s.reader), lines[k]);
        const char *text = vinn_csv_get(s.reader, "text");
        if (text[0] == 'p') {
            assert_int_equal(strlen(text), pad_length);
        }
        if (text[0] == 'o') {
            assert_string_equal(text, "one\r\ntwo\r\nthree");
        }
        if (text[0] == 'q') {
            assert_string_equal(text + strlen(text) - 2, "\xC3\xB8");
        }
    }
    next_end(&s);
    assert_int_equal(vinn_csv_bytes_read(s.reader), (long long)n);
    src_close(&s);
    free(lines);
    free(t);
}

/* ---- the writer --------------------------------------------------------- */

static void write_gives(const char *value, char delimiter, const char *want)
{
    char *out = NULL;
    size_t out_len = 0;
    FILE *fp = open_memstream(&out, &out_len);
    assert_non_null(fp);
    assert_int_equal(vinn_csv_write_field(fp, value, delimiter), VINN_OK);
    assert_int_equal(fclose(fp), 0);
    assert_string_equal(out, want);
    free(out);
}

static void test_write_field(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        char delimiter;
        const char *want;
    } cases[] = {
        {"plain", ',', "plain"},
        {"", ',', ""},
        {"Åse Søreide", ';', "Åse Søreide"},
        {"a,b", ',', "\"a,b\""},
        {"a,b", ';', "a,b"},
        {"a,b", '\t', "a,b"},
        {"a;b", ';', "\"a;b\""},
        {"a;b", ',', "a;b"},
        {"a\tb", '\t', "\"a\tb\""},
        {"a\tb", ',', "a\tb"},
        {"say \"hi\"", ',', "\"say \"\"hi\"\"\""},
        {"\"", ',', "\"\"\"\""},
        {"\"\"", ';', "\"\"\"\"\"\""},
        {"line one\nline two", ',', "\"line one\nline two\""},
        {"a\r\nb", ';', "\"a\r\nb\""},
        {"a\rb", ',', "\"a\rb\""},
        {" lead", ',', "\" lead\""},
        {"trail ", ',', "\"trail \""},
        {"\ttab", ';', "\"\ttab\""},
        {" ", ',', "\" \""},
        {"in side", ',', "in side"},
        {"1 249,50", ';', "1 249,50"},
        {"1 249,50", ',', "\"1 249,50\""},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        write_gives(cases[i].value, cases[i].delimiter, cases[i].want);
    }
    /* A stream that cannot be written gives VINN_E_IO, quoted or not. */
    char buf[8] = "";
    FILE *fp = fmemopen(buf, sizeof(buf), "r");
    assert_non_null(fp);
    assert_int_equal(vinn_csv_write_field(fp, "plain", ','), VINN_E_IO);
    assert_int_equal(vinn_csv_write_field(fp, "a,b", ','), VINN_E_IO);
    fclose(fp);
}

/* Whatever the writer writes, the reader reads back as it was, field by
 * field, with each delimiter, detected or given. */
static void test_write_read_round_trip(void **state)
{
    (void)state;
    static const char *const values[] = {
        "plain",
        "",
        "a,b",
        "a;b",
        "a\tb",
        "say \"hi\"",
        "\"",
        "line one\nline two",
        "crlf\r\ninside",
        "  spaced  ",
        "\ttabbed\t",
        "Åse \"Bølgen\" Søreide, Fjellheim Bygg AS; Lindqvist Måleri AB",
        " \" , ; \t \r\n ",
        "ends with quote\"",
        "\"starts with quote",
    };
    static const char delimiters[] = {',', ';', '\t'};
    enum { COLUMNS = COUNT(values) };
    for (size_t d = 0; d < COUNT(delimiters); d++) {
        for (int detect = 0; detect < 2; detect++) {
            char *out = NULL;
            size_t out_len = 0;
            FILE *fp = open_memstream(&out, &out_len);
            assert_non_null(fp);
            /* Header c0..cN, then two records: the values, and the values
             * reversed. */
            for (size_t i = 0; i < COLUMNS; i++) {
                char name[8];
                snprintf(name, sizeof(name), "c%zu", i);
                if (i > 0) {
                    fputc(delimiters[d], fp);
                }
                assert_int_equal(vinn_csv_write_field(fp, name, delimiters[d]), VINN_OK);
            }
            fputs("\r\n", fp);
            for (int row = 0; row < 2; row++) {
                for (size_t i = 0; i < COLUMNS; i++) {
                    if (i > 0) {
                        fputc(delimiters[d], fp);
                    }
                    const char *v = values[row == 0 ? i : COLUMNS - 1 - i];
                    assert_int_equal(vinn_csv_write_field(fp, v, delimiters[d]), VINN_OK);
                }
                fputs(row == 0 ? "\n" : "", fp);
            }
            assert_int_equal(fclose(fp), 0);

            struct src s;
            struct vinn_csv_options options = {.name = "x.csv",
                                               .delimiter = detect ? 0 : delimiters[d]};
            assert_int_equal(src_open_n(&s, out, out_len, &options, NULL), VINN_OK);
            assert_int_equal(vinn_csv_fields_count(s.reader), COLUMNS);
            for (int row = 0; row < 2; row++) {
                next_row(&s);
                for (size_t i = 0; i < COLUMNS; i++) {
                    const char *v = values[row == 0 ? i : COLUMNS - 1 - i];
                    assert_string_equal(vinn_csv_field(s.reader, (int)i), v);
                }
            }
            next_end(&s);
            src_close(&s);
            free(out);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_names),
        cmocka_unit_test(test_header_bom),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_header_limits),
        cmocka_unit_test(test_delimiter),
        cmocka_unit_test(test_records_quoting),
        cmocka_unit_test(test_line_endings_and_empty_lines),
        cmocka_unit_test(test_field_count),
        cmocka_unit_test(test_quote_errors),
        cmocka_unit_test(test_field_limits),
        cmocka_unit_test(test_column_limits),
        cmocka_unit_test(test_utf8_and_nul),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_buffer_boundaries),
        cmocka_unit_test(test_write_field),
        cmocka_unit_test(test_write_read_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
