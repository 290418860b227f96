/*
 * Tests of formats/pdf: a Norwegian invoice (æøå in the names), a Finnish
 * invoice with the virtual bank barcode and an EPC QR code, and a reminder,
 * each read back with pdftotext; page 1 of each is rendered to PNG with
 * pdftoppm into the working directory (the build directory under meson
 * test, or VINN_ARTIFACT_DIR) for a person to look at. When zbarimg is
 * installed the Finnish page is also decoded, so the bars and the QR code
 * are proven to read back as the digits and the payload. Then the errors,
 * which must leave no file behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/money.h"
#include "core/paycode.h"
#include "formats/pdf.h"

static char dir[256];

static int group_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/vinn-pdf-XXXXXX", tmp);
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in_dir(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static bool file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Replace U+00A0 (which vinn_money_format puts between thousands and
 * before the code) by a space, so amounts compare whatever pdftotext
 * makes of it. */
static void squash_nbsp(char *s)
{
    char *w = s;
    for (const char *r = s; *r != '\0'; r++) {
        if ((unsigned char)r[0] == 0xc2 && (unsigned char)r[1] == 0xa0) {
            *w++ = ' ';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* The output of a command, NUL-terminated, NBSP squashed. */
static void run_capture(const char *cmd, char *out, size_t cap)
{
    FILE *pipe = popen(cmd, "r");
    assert_non_null(pipe);
    size_t n = fread(out, 1, cap - 1, pipe);
    out[n] = '\0';
    assert_int_equal(pclose(pipe), 0);
    squash_nbsp(out);
}

static void pdf_text(const char *path, char *out, size_t cap)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "pdftotext -q '%s' -", path);
    run_capture(cmd, out, cap);
}

static void assert_has(const char *text, const char *needle)
{
    char want[256];
    snprintf(want, sizeof want, "%s", needle);
    squash_nbsp(want);
    if (strstr(text, want) == NULL) {
        fail_msg("'%s' not in the PDF text:\n%s", want, text);
    }
}

static void assert_pdf_header(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[8] = {0};
    assert_int_equal(fread(head, 1, 5, f), 5);
    fclose(f);
    assert_memory_equal(head, "%PDF-", 5);
}

/* Render page 1 to <artifact dir>/<name>.png and check it is there. */
static void artifact_png(const char *pdf, const char *name, int dpi)
{
    const char *out_dir = getenv("VINN_ARTIFACT_DIR") != NULL ? getenv("VINN_ARTIFACT_DIR") : ".";
    char cmd[1024];
    char png[600];
    snprintf(png, sizeof png, "%s/%s.png", out_dir, name);
    remove(png);
    snprintf(cmd, sizeof cmd, "pdftoppm -png -r %d -f 1 -l 1 -singlefile '%s' '%s/%s'", dpi, pdf,
             out_dir, name);
    assert_int_equal(system(cmd), 0);
    assert_true(file_exists(png));
}

static vinn_day day(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

static const struct vinn_pdf_line no_lines[] = {
    {"Kaffe, økologisk 500 g", 2000, 8990, 1500, 17980},
    {"Rådgivning, time", 1500, 120000, 2500, 180000},
};
static const struct vinn_pdf_vat no_vat[] = {{1500, 17980, 2697}, {2500, 180000, 45000}};

/* A Norwegian invoice from Blåbær & Søn to Kari Nordmann. */
static struct vinn_pdf_invoice norwegian(void)
{
    return (struct vinn_pdf_invoice){
        .kind = VINN_PDF_INVOICE,
        .lang = VINN_LANG_NB,
        .title = "Faktura",
        .seller = {.name = "Blåbær & Søn AS",
                   .address_lines = {"Storgata 1", "0155 Oslo"},
                   .org_no = "988 077 917"},
        .seller_account = "8601.11.17947",
        .seller_iban = "NO93 8601 1117 947",
        .buyer = {.name = "Kari Nordmann", .address_lines = {"Åsveien 12", "7030 Trondheim"}},
        .number = "INV-1042",
        .issue_date = day(2026, 3, 1),
        .due_date = day(2026, 3, 31),
        .currency = "NOK",
        .lines = no_lines,
        .lines_count = 2,
        .vat = no_vat,
        .vat_count = 2,
        .net_minor = 197980,
        .vat_minor = 47697,
        .gross_minor = 245677,
        .due_minor = 245677,
        .payment_reference = "1234567890003",
        .how_to_pay = "Betal i nettbanken med KID. Spørsmål? Ring Åse på 22 00 00 00.",
    };
}

static void format_nb(int64_t amount, const char *currency, char out[VINN_MONEY_TEXT_MAX])
{
    assert_int_equal(vinn_money_format(amount, vinn_currency_find(currency), VINN_LANG_NB,
                                       VINN_FMT_CODE, out, VINN_MONEY_TEXT_MAX),
                     VINN_OK);
}

static void test_norwegian_invoice(void **state)
{
    (void)state;
    struct vinn_pdf_invoice in = norwegian();
    char path[512];
    path_in_dir(path, sizeof path, "nb.pdf");
    struct vinn_error error = {0};
    assert_int_equal(vinn_pdf_invoice_write(&in, path, &error), VINN_OK);
    assert_pdf_header(path);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_false(file_exists(tmp));

    static char text[32768];
    pdf_text(path, text, sizeof text);
    char amount[VINN_MONEY_TEXT_MAX];
    format_nb(245677, "NOK", amount);
    assert_has(text, amount); /* "2 456,77 NOK" */
    assert_has(text, "31.03.2026");
    assert_has(text, "1234567890003");
    assert_has(text, "8601.11.17947");
    assert_has(text, "Kari Nordmann");
    assert_has(text, "Åsveien 12");
    assert_has(text, "Blåbær & Søn AS");
    assert_has(text, "Kaffe, økologisk");
    assert_has(text, "Å betale");
    assert_has(text, "Ring Åse");
    artifact_png(path, "test_pdf_nb", 50);
}

static const struct vinn_pdf_line fi_lines[] = {{"Ohjelmistolisenssi", 1000, 389294, 2550, 389294}};
static const struct vinn_pdf_vat fi_vat[] = {{2550, 389294, 99270}};

static void test_finnish_invoice_barcode_and_qr(void **state)
{
    (void)state;
    /* Bank Bar Code Guide v5.3 version 5 example (DOMAIN.md 4.8). */
    char barcode[55];
    assert_int_equal(vinn_paycode_fi_barcode("FI79 4405 2020 0360 82", "RF09 8685 1625 9619 897",
                                             488315, day(2010, 6, 12), barcode, NULL),
                     VINN_OK);
    assert_string_equal(barcode, "579440520200360820048831509000000868516259619897100612");
    struct vinn_epc_qr qr = {
        .charset = VINN_EPC_CHARSET_UTF8,
        .name = "Järvenpään Äänitys Oy",
        .iban = "FI79 4405 2020 0360 82",
        .amount_cents = 488315,
        .reference = "RF09 8685 1625 9619 897",
    };
    char payload[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t payload_len = 0;
    assert_int_equal(vinn_paycode_epc_qr(&qr, payload, sizeof payload, &payload_len, NULL),
                     VINN_OK);

    struct vinn_pdf_invoice in = {
        .kind = VINN_PDF_INVOICE,
        .lang = VINN_LANG_FI,
        .title = "Lasku",
        .seller = {.name = "Järvenpään Äänitys Oy",
                   .address_lines = {"Sibeliuksenkatu 5", "04400 Järvenpää"},
                   .org_no = "2077474-0"},
        .seller_iban = "FI79 4405 2020 0360 82",
        .seller_bic = "HELSFIHH",
        .buyer = {.name = "Åse Virtanen", .address_lines = {"Mannerheimintie 1", "00100 Helsinki"}},
        .number = "2010-77",
        .issue_date = day(2010, 5, 29),
        .due_date = day(2010, 6, 12),
        .currency = "EUR",
        .lines = fi_lines,
        .lines_count = 1,
        .vat = fi_vat,
        .vat_count = 1,
        .net_minor = 389294,
        .vat_minor = 99270,
        .gross_minor = 488564,
        .paid_minor = 249,
        .due_minor = 488315,
        .payment_reference = "RF09 8685 1625 9619 897",
        .how_to_pay = "Maksa verkkopankissa viivakoodilla tai QR-koodilla.",
        .epc_qr_payload = payload,
        .fi_barcode = barcode,
    };
    char path[512];
    path_in_dir(path, sizeof path, "fi.pdf");
    assert_int_equal(vinn_pdf_invoice_write(&in, path, NULL), VINN_OK);
    assert_pdf_header(path);

    static char text[32768];
    pdf_text(path, text, sizeof text);
    assert_has(text, "4 883,15 EUR");
    assert_has(text, "12.6.2010");
    assert_has(text, "RF09 8685 1625 9619 897");
    assert_has(text, "FI79 4405 2020 0360 82");
    assert_has(text, "Åse Virtanen");
    assert_has(text, "Maksettava");
    assert_has(text, barcode);
    artifact_png(path, "test_pdf_fi", 50);

    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        print_message("zbarimg not installed: barcode and QR not decoded\n");
        return;
    }
    /* Decode the bars and the QR code of a sharper rendering. */
    char png[600];
    char cmd[1400];
    path_in_dir(png, sizeof png, "fi-200");
    snprintf(cmd, sizeof cmd, "pdftoppm -png -r 200 -f 1 -l 1 -singlefile '%s' '%s'", path, png);
    assert_int_equal(system(cmd), 0);
    static char decoded[4096];
    snprintf(cmd, sizeof cmd,
             "zbarimg -q --raw -Scode128.enable -Sqrcode.enable '%s.png' 2>/dev/null", png);
    run_capture(cmd, decoded, sizeof decoded);
    assert_has(decoded, barcode);
    assert_has(decoded, payload);
}

static const struct vinn_pdf_charge reminder_charges[] = {
    {"Purregebyr", 3500},
    {"Forsinkelsesrente 12,5 %", 1210},
};

static void test_reminder(void **state)
{
    (void)state;
    struct vinn_pdf_invoice in = norwegian();
    in.kind = VINN_PDF_REMINDER;
    in.title = "Purring";
    in.issue_date = day(2026, 4, 10);
    in.due_date = day(2026, 4, 24);
    in.original_issue_date = day(2026, 3, 1);
    in.original_due_date = day(2026, 3, 31);
    in.letter_text = "Vi har ikke mottatt betaling for faktura INV-1042.";
    in.charges = reminder_charges;
    in.charges_count = 2;
    in.paid_minor = 45677;
    in.due_minor = 245677 - 45677 + 3500 + 1210;
    char path[512];
    path_in_dir(path, sizeof path, "reminder.pdf");
    assert_int_equal(vinn_pdf_invoice_write(&in, path, NULL), VINN_OK);
    assert_pdf_header(path);

    static char text[32768];
    pdf_text(path, text, sizeof text);
    char amount[VINN_MONEY_TEXT_MAX];
    format_nb(in.due_minor, "NOK", amount);
    assert_has(text, amount); /* "2 047,10 NOK" */
    assert_has(text, "Purring");
    assert_has(text, "Betalingsfrist");
    assert_has(text, "24.04.2026");
    assert_has(text, "Purregebyr");
    assert_has(text, "35,00");
    assert_has(text, "Forsinkelsesrente 12,5 %");
    assert_has(text, "1234567890003");
    assert_has(text, "Kari Nordmann");
    assert_has(text, "Forfallsdato");
    assert_has(text, "31.03.2026"); /* the original invoice's due date */
    assert_has(text, "01.03.2026");
    assert_has(text, "Vi har ikke mottatt betaling for faktura INV-1042.");
    artifact_png(path, "test_pdf_reminder", 50);
}

static int pdf_pages(const char *path)
{
    char cmd[600];
    char out[4096];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
    run_capture(cmd, out, sizeof out);
    return atoi(out);
}

/* Lines beyond a page flow onto further pages: every line is there, in
 * order, each page says which it is, and the totals close the last. */
static void test_many_lines_flow(void **state)
{
    (void)state;
    static const size_t counts[] = {1, 12, 13, 40, 120};
    static const int pages_wanted[] = {1, 1, 2, 2, 4};
    static struct vinn_pdf_line lines[120];
    static char texts[120][32];
    int64_t net = 0;
    for (size_t i = 0; i < 120; i++) {
        snprintf(texts[i], sizeof texts[i], "Vare nummer %zu", i + 1);
        lines[i] = (struct vinn_pdf_line){texts[i], 1000, (int64_t)(i + 1) * 100, 2500,
                                          (int64_t)(i + 1) * 100};
    }
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        struct vinn_pdf_invoice in = norwegian();
        net = 0;
        for (size_t i = 0; i < counts[c]; i++) {
            net += lines[i].net_minor;
        }
        struct vinn_pdf_vat vat = {2500, net, net / 4};
        in.lines = lines;
        in.lines_count = counts[c];
        in.vat = &vat;
        in.vat_count = 1;
        in.net_minor = net;
        in.vat_minor = net / 4;
        in.gross_minor = net + net / 4;
        in.due_minor = in.gross_minor;
        char path[512];
        char name[64];
        snprintf(name, sizeof name, "lines-%zu.pdf", counts[c]);
        path_in_dir(path, sizeof path, name);
        assert_int_equal(vinn_pdf_invoice_write(&in, path, NULL), VINN_OK);
        assert_int_equal(pdf_pages(path), pages_wanted[c]);
        static char text[65536];
        pdf_text(path, text, sizeof text);
        const char *at = text;
        for (size_t i = 0; i < counts[c]; i++) {
            char want[40];
            snprintf(want, sizeof want, "Vare nummer %zu\n", i + 1);
            const char *found = strstr(at, want);
            if (found == NULL) {
                fail_msg("%zu lines: '%s' missing or out of order", counts[c], texts[i]);
            }
            at = found + 1;
        }
        char amount[VINN_MONEY_TEXT_MAX];
        format_nb(in.due_minor, "NOK", amount);
        assert_has(text, amount);
        if (pages_wanted[c] > 1) {
            char footer[32];
            snprintf(footer, sizeof footer, "Side %d av %d", pages_wanted[c], pages_wanted[c]);
            assert_has(text, footer);
            assert_has(text, "Side 1 av");
        } else {
            assert_null(strstr(text, "Side 1 av"));
        }
    }
    char path[512];
    path_in_dir(path, sizeof path, "lines-40.pdf");
    artifact_png(path, "test_pdf_many_lines", 50);
}

/* A failed write leaves neither the file nor its temporary. */
static void assert_fails(const struct vinn_pdf_invoice *in, const char *path, vinn_err code,
                         const char *field)
{
    struct vinn_error error = {0};
    assert_int_equal(vinn_pdf_invoice_write(in, path, &error), code);
    assert_int_equal(error.code, code);
    assert_string_equal(error.field, field);
    assert_true(error.message[0] != '\0');
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_false(file_exists(path));
    assert_false(file_exists(tmp));
}

static void test_errors(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "bad.pdf");
    struct vinn_pdf_invoice in = norwegian();
    in.seller.name = NULL;
    assert_fails(&in, path, VINN_E_FIELD_REQUIRED, "seller.name");
    in = norwegian();
    in.buyer.name = "";
    assert_fails(&in, path, VINN_E_FIELD_REQUIRED, "buyer.name");
    in = norwegian();
    in.lines_count = 0;
    assert_fails(&in, path, VINN_E_INVOICE_NO_LINES, "lines");
    in = norwegian();
    in.lines_count = VINN_PDF_LINES_MAX + 1;
    assert_fails(&in, path, VINN_E_INVOICE_TOO_MANY_LINES, "lines");
    in = norwegian();
    in.currency = "XYZ";
    assert_fails(&in, path, VINN_E_CURRENCY_UNKNOWN, "currency");
    in = norwegian();
    in.buyer.address_lines[0] = "\xc3\x28";
    assert_fails(&in, path, VINN_E_INVALID_UTF8, "buyer.address_lines");
    in = norwegian();
    in.fi_barcode = "57944052020036082004883150900000086851625961989710061"; /* 53 */
    assert_fails(&in, path, VINN_E_PAYCODE_DIGITS_ODD_COUNT, "fi_barcode");
    in = norwegian();
    in.fi_barcode = "5794405202003608200488315090000008685162596198971006"; /* 52 */
    assert_fails(&in, path, VINN_E_LIMIT_EXCEEDED, "fi_barcode");
}

static void test_unwritable_path_leaves_no_file(void **state)
{
    (void)state;
    struct vinn_pdf_invoice in = norwegian();
    char path[512];
    path_in_dir(path, sizeof path, "missing-folder/x.pdf");
    assert_fails(&in, path, VINN_E_IO, "path");
}

static void test_failed_write_keeps_existing_file(void **state)
{
    (void)state;
    char path[512];
    path_in_dir(path, sizeof path, "keep.pdf");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old", f);
    fclose(f);
    struct vinn_pdf_invoice in = norwegian();
    in.number = NULL;
    struct vinn_error error = {0};
    assert_int_equal(vinn_pdf_invoice_write(&in, path, &error), VINN_E_FIELD_REQUIRED);
    assert_string_equal(error.field, "number");
    static char text[16];
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof text, f));
    fclose(f);
    assert_string_equal(text, "old");
}

static void write_file(const char *path, const unsigned char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Three documents of 1, 3 and 1 pages in one book: each starts on a recto
 * page (a blank verso after an odd count), in the order added. */
static void book_three(const char *name, unsigned char **copy, size_t *copy_len)
{
    static struct vinn_pdf_line lines[120];
    static char texts[120][32];
    for (size_t i = 0; i < 120; i++) {
        snprintf(texts[i], sizeof texts[i], "Vare nummer %zu", i + 1);
        lines[i] = (struct vinn_pdf_line){texts[i], 1000, 100, 2500, 100};
    }
    struct vinn_pdf_invoice first = norwegian();
    first.number = "BOOK-1";
    struct vinn_pdf_invoice second = norwegian();
    second.number = "BOOK-2";
    second.lines = lines;
    second.lines_count = 120; /* 4 pages */
    struct vinn_pdf_invoice third = norwegian();
    third.number = "BOOK-3";
    third.kind = VINN_PDF_REMINDER;
    third.title = "Purring";
    third.letter_text = "Vi har ikke mottatt betaling.";
    struct vinn_pdf_book *book = NULL;
    struct vinn_error error = {0};
    assert_int_equal(vinn_pdf_book_open("Utskrift", day(2026, 3, 1), 64 << 20, &book, &error),
                     VINN_OK);
    const struct vinn_pdf_invoice *docs[] = {&first, &second, &third};
    const size_t drawn_wanted[] = {1, 4, 1};
    const size_t pages_wanted[] = {2, 6, 8};
    for (size_t i = 0; i < 3; i++) {
        size_t drawn = 0;
        assert_int_equal(vinn_pdf_book_add(book, docs[i], &drawn, &error), VINN_OK);
        assert_int_equal(drawn, drawn_wanted[i]);
        assert_int_equal(vinn_pdf_book_pages(book), pages_wanted[i]);
        /* A document that is refused adds nothing and the book goes on. */
        struct vinn_pdf_invoice bad = norwegian();
        bad.currency = "XYZ";
        assert_int_equal(vinn_pdf_book_add(book, &bad, &drawn, &error), VINN_E_CURRENCY_UNKNOWN);
        assert_int_equal(vinn_pdf_book_pages(book), pages_wanted[i]);
    }
    const unsigned char *bytes = NULL;
    size_t len = 0;
    assert_int_equal(vinn_pdf_book_finish(book, &bytes, &len, &error), VINN_OK);
    assert_true(len > 5);
    assert_memory_equal(bytes, "%PDF-", 5);
    char path[512];
    path_in_dir(path, sizeof path, name);
    write_file(path, bytes, len);
    *copy = malloc(len);
    assert_non_null(*copy);
    memcpy(*copy, bytes, len);
    *copy_len = len;
    vinn_pdf_book_free(book);
}

static void test_book_recto_pages_in_order(void **state)
{
    (void)state;
    unsigned char *a = NULL;
    unsigned char *b = NULL;
    size_t a_len = 0;
    size_t b_len = 0;
    book_three("book.pdf", &a, &a_len);
    char path[512];
    path_in_dir(path, sizeof path, "book.pdf");
    assert_int_equal(pdf_pages(path), 8);
    static char text[65536];
    pdf_text(path, text, sizeof text);
    const char *one = strstr(text, "BOOK-1");
    const char *two = strstr(text, "BOOK-2");
    const char *three = strstr(text, "BOOK-3");
    assert_non_null(one);
    assert_non_null(two);
    assert_non_null(three);
    assert_true(one < two && two < three);
    assert_has(text, "Side 4 av 4");
    /* Page 2 and page 8 are the blank versos: no text at all. */
    static char page[4096];
    for (int p = 2; p <= 8; p += 6) {
        char cmd[700];
        snprintf(cmd, sizeof cmd, "pdftotext -q -f %d -l %d '%s' - | tr -d ' \n\f'", p, p, path);
        run_capture(cmd, page, sizeof page);
        assert_string_equal(page, "");
    }
    /* The same documents on the same date are the same bytes. */
    book_three("book-again.pdf", &b, &b_len);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    free(a);
    free(b);
    artifact_png(path, "test_pdf_book", 30);
}

static void test_book_limits(void **state)
{
    (void)state;
    struct vinn_pdf_book *book = NULL;
    struct vinn_error error = {0};
    assert_int_equal(vinn_pdf_book_open("", day(2026, 3, 1), 1024, &book, &error),
                     VINN_E_FIELD_REQUIRED);
    assert_null(book);
    vinn_error_clear(&error); /* the first error wins */
    assert_int_equal(vinn_pdf_book_open("Utskrift", VINN_NO_DAY, 1024, &book, &error),
                     VINN_E_FIELD_REQUIRED);
    assert_string_equal(error.field, "date");
    /* A book over its byte cap is refused when it is finished. */
    assert_int_equal(vinn_pdf_book_open("Utskrift", day(2026, 3, 1), 1024, &book, &error),
                     VINN_OK);
    struct vinn_pdf_invoice in = norwegian();
    assert_int_equal(vinn_pdf_book_add(book, &in, NULL, &error), VINN_OK);
    const unsigned char *bytes = NULL;
    size_t len = 0;
    assert_int_equal(vinn_pdf_book_finish(book, &bytes, &len, &error), VINN_E_LIMIT_EXCEEDED);
    assert_null(bytes);
    vinn_pdf_book_free(book);
    /* An empty book and a book dropped unfinished free cleanly. */
    assert_int_equal(vinn_pdf_book_open("Utskrift", day(2026, 3, 1), 1024, &book, &error),
                     VINN_OK);
    assert_int_equal(vinn_pdf_book_pages(book), 0);
    vinn_pdf_book_free(book);
    vinn_pdf_book_free(NULL);
}

/* Every pattern is 11 modules (stop 13) with an even number of bar
 * modules, the parity rule of ISO/IEC 15417, so a mistyped row shows. */
static void test_code128_table(void **state)
{
    (void)state;
    for (unsigned v = 0; v <= 106; v++) {
        const char *w = vinn_pdf_code128_widths(v);
        assert_non_null(w);
        assert_int_equal(strlen(w), v == 106 ? 7 : 6);
        int sum = 0;
        int bars = 0;
        for (size_t k = 0; w[k] != '\0'; k++) {
            assert_in_range(w[k], '1', '4');
            sum += w[k] - '0';
            bars += k % 2 == 0 ? w[k] - '0' : 0;
        }
        assert_int_equal(sum, v == 106 ? 13 : 11);
        assert_int_equal(bars % 2, 0);
        for (unsigned u = 0; u < v; u++) {
            assert_string_not_equal(w, vinn_pdf_code128_widths(u));
        }
    }
    assert_null(vinn_pdf_code128_widths(107));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norwegian_invoice),
        cmocka_unit_test(test_finnish_invoice_barcode_and_qr),
        cmocka_unit_test(test_reminder),
        cmocka_unit_test(test_many_lines_flow),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_unwritable_path_leaves_no_file),
        cmocka_unit_test(test_failed_write_keeps_existing_file),
        cmocka_unit_test(test_code128_table),
        cmocka_unit_test(test_book_recto_pages_in_order),
        cmocka_unit_test(test_book_limits),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
