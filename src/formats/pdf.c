/*
 * pdf.c - A4 invoice and letter pages with cairo's PDF surface and pango;
 * the QR code from libqrencode, the Finnish barcode as Code 128 bars. The
 * drawing takes a cairo context, so one document goes to its own file and
 * many go one after another onto a book's surface. See pdf.h.
 *
 * Units are PostScript points (1/72 inch), the PDF surface's own; A4 is
 * 595.28 x 841.89 points. Layout is fixed: header, buyer in the window of
 * a C5/DL envelope, lines, totals, and the payment part at the foot.
 */
#include "formats/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/money.h"
#include "core/paycode.h"

#define A4_WIDTH  595.28
#define A4_HEIGHT 841.89
#define MARGIN    50.0
#define MM        (72.0 / 25.4)
#define FONT      "DejaVu Sans"

/* Finnish Bank Bar Code Guide: bars at least 10 mm high; the X dimension
 * (one module) chosen so the 332 modules fit 110 mm with the quiet zones
 * of 10 modules on each side that ISO/IEC 15417 asks for. */
#define BARCODE_MODULE        (0.30 * MM)
#define BARCODE_HEIGHT        (13.0 * MM)
#define BARCODE_QUIET_MODULES 10
/* EPC guidance prints the code at least about 4 cm wide; 4 modules of
 * quiet zone around it (ISO/IEC 18004). */
#define QR_SIZE               (42.0 * MM)
#define QR_QUIET_MODULES      4

enum { TEXT_SMALL = 8, TEXT_BODY = 9, TEXT_NAME = 12, TEXT_TITLE = 22, TEXT_DUE = 24 };

/* Where the lines table goes: on page 1 below the address window (or the
 * letter's text), on further pages below their short header; down to the
 * footer while more lines follow, and on the last page above the totals
 * and the payment part, which starts at PAYMENT_TOP. */
#define FIRST_LINES_TOP 270.0
#define NEXT_LINES_TOP  100.0
#define PAYMENT_TOP     560.0
#define LINES_BOTTOM    (A4_HEIGHT - MARGIN - 16)

/* ISO/IEC 15417 table 1: bar, space, bar, space, bar, space (, bar). */
static const char *const code128_widths[107] = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",  "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122",  "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122",  "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123",  "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331",  "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311",  "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411",  "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412",  "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",  "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211",  "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113",  "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};

const char *vinn_pdf_code128_widths(unsigned value)
{
    if (value >= sizeof code128_widths / sizeof code128_widths[0]) {
        return NULL;
    }
    return code128_widths[value];
}

/* The fixed words of the page, per language. */
struct labels {
    const char *number, *issue_date, *due_date, *deadline, *reference, *account, *iban, *bic;
    const char *org_no, *description, *quantity, *unit_price, *vat, *amount;
    const char *net_total, *vat_of, *gross_total, *paid, *amount_due, *pay_to;
    const char *letter_date, *page, *of; /* "Dato"; "Side 2 av 3" */
};

static const struct labels labels_by_lang[VINN_LANG_COUNT] = {
    [VINN_LANG_EN] = {"Invoice number",
                      "Invoice date",
                      "Due date",
                      "Payment deadline",
                      "Reference",
                      "Account",
                      "IBAN",
                      "BIC",
                      "Org. no.",
                      "Description",
                      "Qty",
                      "Unit price",
                      "VAT",
                      "Amount",
                      "Total excl. VAT",
                      "VAT",
                      "Total incl. VAT",
                      "Paid",
                      "Amount due",
                      "Pay to",
                      "Date",
                      "Page",
                      "of"},
    [VINN_LANG_NB] =
        {"Fakturanummer", "Fakturadato",    "Forfallsdato", "Betalingsfrist", "KID",
         "Kontonummer",   "IBAN",           "BIC",          "Org.nr.",        "Beskrivelse",
         "Antall",        "Enhetspris",     "MVA",          "Beløp",          "Sum eks. mva.",
         "Mva.",          "Sum inkl. mva.", "Innbetalt",    "Å betale",       "Betales til",
         "Dato",          "Side",           "av"},
    [VINN_LANG_SV] = {"Fakturanummer",
                      "Fakturadatum",
                      "Förfallodatum",
                      "Sista betalningsdag",
                      "Referens",
                      "Konto",
                      "IBAN",
                      "BIC",
                      "Org.nr",
                      "Beskrivning",
                      "Antal",
                      "À-pris",
                      "Moms",
                      "Belopp",
                      "Summa exkl. moms",
                      "Moms",
                      "Summa inkl. moms",
                      "Betalt",
                      "Att betala",
                      "Betalas till",
                      "Datum",
                      "Sida",
                      "av"},
    [VINN_LANG_FI] = {"Laskun numero",
                      "Laskun päivä",
                      "Eräpäivä",
                      "Maksettava viimeistään",
                      "Viitenumero",
                      "Tilinumero",
                      "IBAN",
                      "BIC",
                      "Y-tunnus",
                      "Kuvaus",
                      "Määrä",
                      "Yksikköhinta",
                      "ALV",
                      "Summa",
                      "Veroton yhteensä",
                      "ALV",
                      "Yhteensä sis. ALV",
                      "Maksettu",
                      "Maksettava",
                      "Saaja",
                      "Päiväys",
                      "Sivu",
                      "/"},
    [VINN_LANG_DA] = {"Fakturanummer",
                      "Fakturadato",
                      "Forfaldsdato",
                      "Betalingsfrist",
                      "Reference",
                      "Kontonummer",
                      "IBAN",
                      "BIC",
                      "CVR-nr.",
                      "Beskrivelse",
                      "Antal",
                      "Enhedspris",
                      "Moms",
                      "Beløb",
                      "I alt ekskl. moms",
                      "Moms",
                      "I alt inkl. moms",
                      "Betalt",
                      "At betale",
                      "Betales til",
                      "Dato",
                      "Side",
                      "af"},
};

/* ---- checks ---- */

static vinn_err check_text(const char *s, size_t max, unsigned flags, const char *field,
                           struct vinn_error *error)
{
    return vinn_text_check(s, max, flags, field, error);
}

static vinn_err check_party(const struct vinn_pdf_party *p, const char *prefix,
                            struct vinn_error *error)
{
    vinn_err err = check_text(p->name, VINN_PDF_TEXT_MAX,
                              VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "name", error);
    for (size_t i = 0; err == VINN_OK && i < 4; i++) {
        err = check_text(p->address_lines[i], VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE,
                         "address_lines", error);
    }
    if (err == VINN_OK) {
        err = check_text(p->org_no, VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE, "org_no", error);
    }
    if (err != VINN_OK) {
        vinn_error_prefix_field(error, prefix);
    }
    return err;
}

static vinn_err check_lines(const struct vinn_pdf_invoice *in, struct vinn_error *error)
{
    if (in->lines_count == 0 || in->lines == NULL) {
        return vinn_fail(error, VINN_E_INVOICE_NO_LINES, "lines", "invoice '%s' has no lines",
                         in->number);
    }
    if (in->lines_count > VINN_PDF_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                         "%zu lines are more than a document holds (at most %d)", in->lines_count,
                         VINN_PDF_LINES_MAX);
    }
    for (size_t i = 0; i < in->lines_count; i++) {
        const struct vinn_pdf_line *l = &in->lines[i];
        char field[48];
        snprintf(field, sizeof field, "lines[%zu].text", i);
        vinn_err err = check_text(l->text, VINN_PDF_TEXT_MAX,
                                  VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, field, error);
        if (err != VINN_OK) {
            return err;
        }
        if (l->quantity_milli <= 0) {
            snprintf(field, sizeof field, "lines[%zu].quantity_milli", i);
            return vinn_fail(error, VINN_E_QUANTITY_INVALID, field, "quantity must be above 0");
        }
        if (l->vat_rate_bp < 0 || l->vat_rate_bp > 10000) {
            snprintf(field, sizeof field, "lines[%zu].vat_rate_bp", i);
            return vinn_fail(error, VINN_E_VAT_RATE_INVALID, field, NULL);
        }
    }
    return VINN_OK;
}

static vinn_err check_totals(const struct vinn_pdf_invoice *in, struct vinn_error *error)
{
    if (in->vat_count > VINN_PDF_VAT_MAX || (in->vat_count > 0 && in->vat == NULL)) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "vat", "at most %d VAT rates",
                         VINN_PDF_VAT_MAX);
    }
    for (size_t i = 0; i < in->vat_count; i++) {
        if (in->vat[i].vat_rate_bp < 0 || in->vat[i].vat_rate_bp > 10000) {
            return vinn_fail(error, VINN_E_VAT_RATE_INVALID, "vat", NULL);
        }
    }
    if (in->charges_count > VINN_PDF_CHARGES_MAX || (in->charges_count > 0 && !in->charges)) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "charges", "at most %d charges",
                         VINN_PDF_CHARGES_MAX);
    }
    for (size_t i = 0; i < in->charges_count; i++) {
        vinn_err err =
            check_text(in->charges[i].text, VINN_PDF_TEXT_MAX,
                       VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "charges.text", error);
        if (err != VINN_OK) {
            return err;
        }
    }
    return VINN_OK;
}

static vinn_err check_codes(const struct vinn_pdf_invoice *in, struct vinn_error *error)
{
    if (in->epc_qr_payload != NULL && in->epc_qr_payload[0] != '\0' &&
        strlen(in->epc_qr_payload) > VINN_EPC_QR_PAYLOAD_MAX) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "epc_qr_payload",
                         "EPC QR payload is longer than %d bytes", VINN_EPC_QR_PAYLOAD_MAX);
    }
    if (in->fi_barcode == NULL || in->fi_barcode[0] == '\0') {
        return VINN_OK;
    }
    uint8_t codes[VINN_CODE128C_FI_BARCODE_COUNT];
    size_t count = 0;
    vinn_err err = vinn_paycode_code128c(in->fi_barcode, codes, sizeof codes, &count);
    if (err == VINN_OK && strlen(in->fi_barcode) != VINN_FI_BARCODE_DIGITS) {
        err = VINN_E_LIMIT_EXCEEDED;
    }
    if (err != VINN_OK) {
        return vinn_fail(error, err, "fi_barcode", "barcode '%.60s' is not %d digits",
                         in->fi_barcode, VINN_FI_BARCODE_DIGITS);
    }
    return VINN_OK;
}

static vinn_err check_head(const struct vinn_pdf_invoice *in, struct vinn_error *error)
{
    if ((unsigned)in->kind > VINN_PDF_CREDIT_NOTE) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "kind", "unknown document kind %d",
                         (int)in->kind);
    }
    if ((unsigned)in->lang >= VINN_LANG_COUNT) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "lang", "unknown language %d", (int)in->lang);
    }
    const unsigned one = VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE;
    struct {
        const char *s, *field;
        size_t max;
        unsigned flags;
    } texts[] = {
        {in->title, "title", VINN_PDF_TEXT_MAX, one},
        {in->number, "number", VINN_PDF_TEXT_MAX, one},
        {in->seller_account, "seller_account", VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE},
        {in->seller_iban, "seller_iban", VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE},
        {in->seller_bic, "seller_bic", VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE},
        {in->payment_reference, "payment_reference", VINN_PDF_TEXT_MAX, VINN_TEXT_SINGLE_LINE},
        {in->how_to_pay, "how_to_pay", VINN_PDF_HOW_TO_PAY_MAX, 0},
        {in->letter_text, "letter_text", VINN_PDF_LETTER_TEXT_MAX, 0},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        vinn_err err = check_text(texts[i].s, texts[i].max, texts[i].flags, texts[i].field, error);
        if (err != VINN_OK) {
            return err;
        }
    }
    if (in->issue_date == VINN_NO_DAY) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "issue_date", "issue date is required");
    }
    return VINN_OK;
}

static vinn_err check_all(const struct vinn_pdf_invoice *in, const struct vinn_currency **cur,
                          struct vinn_error *error)
{
    vinn_err err = check_head(in, error);
    if (err == VINN_OK) {
        err = check_party(&in->seller, "seller", error);
    }
    if (err == VINN_OK) {
        err = check_party(&in->buyer, "buyer", error);
    }
    if (err == VINN_OK) {
        err = vinn_currency_parse(in->currency, "currency", cur, error);
    }
    if (err == VINN_OK) {
        err = check_lines(in, error);
    }
    if (err == VINN_OK) {
        err = check_totals(in, error);
    }
    if (err == VINN_OK) {
        err = check_codes(in, error);
    }
    return err;
}

/* ---- words and numbers for people ---- */

/* nb, da: 31.03.2026; fi: 31.3.2026; sv, en: 2026-03-31 (ISO 8601). */
static void format_day(enum vinn_lang lang, vinn_day day, char *out, size_t cap)
{
    if (day == VINN_NO_DAY) {
        snprintf(out, cap, "-");
        return;
    }
    struct vinn_civil c = vinn_day_to_civil(day);
    if (lang == VINN_LANG_NB || lang == VINN_LANG_DA) {
        snprintf(out, cap, "%02d.%02d.%04d", (int)c.day, (int)c.month, (int)c.year);
    } else if (lang == VINN_LANG_FI) {
        snprintf(out, cap, "%d.%d.%04d", (int)c.day, (int)c.month, (int)c.year);
    } else {
        snprintf(out, cap, "%04d-%02d-%02d", (int)c.year, (int)c.month, (int)c.day);
    }
}

/* A count in thousandths, or a rate in hundredths: whole part, then the
 * decimals without trailing zeros after the language's decimal mark. */
static void format_scaled(enum vinn_lang lang, int64_t value, int64_t scale, int digits, char *out,
                          size_t cap)
{
    char mark = lang == VINN_LANG_EN ? '.' : ',';
    int64_t whole = value / scale;
    int64_t frac = value % scale;
    if (frac < 0) {
        frac = -frac;
    }
    if (frac == 0) {
        snprintf(out, cap, "%lld", (long long)whole);
        return;
    }
    while (frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    snprintf(out, cap, "%lld%c%0*lld", (long long)whole, mark, digits, (long long)frac);
}

static void format_rate(enum vinn_lang lang, int32_t bp, char *out, size_t cap)
{
    char number[32];
    format_scaled(lang, bp, 100, 2, number, sizeof number);
    snprintf(out, cap, "%s %%", number);
}

/* ---- drawing ---- */

struct page {
    cairo_t *cr;
    PangoLayout *layout;
    PangoFontDescription *font;
    enum vinn_lang lang;
    const struct labels *words;
    const struct vinn_currency *cur;
};

enum align { LEFT, RIGHT };

/* Set text in the layout; *width and *height in points. */
static void set_text(struct page *p, int size, bool bold, const char *text, double *width,
                     double *height)
{
    pango_font_description_set_size(p->font, size * PANGO_SCALE);
    pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(p->layout, p->font);
    pango_layout_set_text(p->layout, text, -1);
    int w = 0;
    int h = 0;
    pango_layout_get_size(p->layout, &w, &h);
    *width = (double)w / PANGO_SCALE;
    *height = (double)h / PANGO_SCALE;
}

/* The height text would take, without drawing it. */
static double text_height(struct page *p, int size, bool bold, const char *text)
{
    double width = 0;
    double height = 0;
    set_text(p, size, bold, text, &width, &height);
    return height;
}

/* Draw text with its top-left (or top-right) at x, y; returns its height. */
static double draw_text(struct page *p, double x, double y, int size, bool bold, enum align al,
                        const char *text)
{
    double width = 0;
    double height = 0;
    set_text(p, size, bold, text, &width, &height);
    double left = al == RIGHT ? x - width : x;
    cairo_move_to(p->cr, left, y);
    pango_cairo_show_layout(p->cr, p->layout);
    return height;
}

static void money(const struct page *p, int64_t amount, bool with_code,
                  char out[VINN_MONEY_TEXT_MAX])
{
    unsigned flags = with_code ? VINN_FMT_CODE : 0;
    vinn_err err = vinn_money_format(amount, p->cur, p->lang, flags, out, VINN_MONEY_TEXT_MAX);
    VINN_ASSERT(err == VINN_OK);
}

static bool is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

static double draw_party(struct page *p, double x, double y, const struct vinn_pdf_party *party,
                         int name_size)
{
    y += draw_text(p, x, y, name_size, true, LEFT, party->name);
    for (size_t i = 0; i < 4; i++) {
        if (is_set(party->address_lines[i])) {
            y += draw_text(p, x, y, TEXT_BODY, false, LEFT, party->address_lines[i]);
        }
    }
    if (is_set(party->org_no)) {
        char text[VINN_PDF_TEXT_MAX + 32];
        snprintf(text, sizeof text, "%s %s", p->words->org_no, party->org_no);
        y += draw_text(p, x, y, TEXT_BODY, false, LEFT, text);
    }
    return y;
}

/* A label and its value in two columns ending at x_right. */
static double draw_pair(struct page *p, double x_label, double x_right, double y, const char *label,
                        const char *value, int size, bool bold)
{
    draw_text(p, x_label, y, size, bold, LEFT, label);
    return draw_text(p, x_right, y, size, bold, RIGHT, value);
}

static bool is_letter(const struct vinn_pdf_invoice *in)
{
    return in->kind == VINN_PDF_REMINDER || in->kind == VINN_PDF_NOTICE;
}

/* The pay-by date is the due date of an invoice, the deadline of a letter. */
static const char *pay_by_label(const struct page *p, const struct vinn_pdf_invoice *in)
{
    return is_letter(in) ? p->words->deadline : p->words->due_date;
}

static double draw_date_pair(struct page *p, double y, const char *label, vinn_day day)
{
    const double right = A4_WIDTH - MARGIN;
    if (day == VINN_NO_DAY) {
        return 0;
    }
    char date[32];
    format_day(p->lang, day, date, sizeof date);
    return draw_pair(p, right - 250, right, y, label, date, TEXT_BODY, false);
}

/* Page 1: seller, title, number and dates, the buyer in the address window
 * of a C5/DL envelope (window on the left), and a letter's text under it.
 * Returns where the lines table may start. */
static double draw_header(struct page *p, const struct vinn_pdf_invoice *in)
{
    const double right = A4_WIDTH - MARGIN;
    const struct labels *w = p->words;
    draw_party(p, MARGIN, MARGIN, &in->seller, TEXT_NAME);
    double y = MARGIN + draw_text(p, right, MARGIN, TEXT_TITLE, true, RIGHT, in->title) + 6;
    bool letter = is_letter(in);
    if (letter) {
        y += draw_date_pair(p, y, w->letter_date, in->issue_date);
    }
    y += draw_pair(p, right - 250, right, y, w->number, in->number, TEXT_BODY, false);
    y += draw_date_pair(p, y, w->issue_date, letter ? in->original_issue_date : in->issue_date);
    if (letter) {
        y += draw_date_pair(p, y, w->due_date, in->original_due_date);
    }
    y += draw_date_pair(p, y, pay_by_label(p, in), in->due_date);
    if (is_set(in->payment_reference)) {
        y += draw_pair(p, right - 250, right, y, w->reference, in->payment_reference, TEXT_BODY,
                       false);
    }
    double bottom = draw_party(p, MARGIN + 10, 150, &in->buyer, TEXT_NAME - 1);
    bottom = bottom > y ? bottom : y;
    if (!is_set(in->letter_text)) {
        return bottom + 20 > FIRST_LINES_TOP ? bottom + 20 : FIRST_LINES_TOP;
    }
    pango_layout_set_width(p->layout, (int)((A4_WIDTH - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD);
    bottom += 24 + draw_text(p, MARGIN, bottom + 24, TEXT_BODY, false, LEFT, in->letter_text);
    pango_layout_set_width(p->layout, -1);
    return bottom + 16 > FIRST_LINES_TOP ? bottom + 16 : FIRST_LINES_TOP;
}

/* Further pages: the seller, and the title and number the page belongs to. */
static double draw_next_header(struct page *p, const struct vinn_pdf_invoice *in)
{
    const double right = A4_WIDTH - MARGIN;
    char text[2 * VINN_PDF_TEXT_MAX + 8];
    snprintf(text, sizeof text, "%s %s", in->title, in->number);
    double h = draw_text(p, MARGIN, MARGIN, TEXT_NAME, true, LEFT, in->seller.name);
    draw_text(p, right, MARGIN, TEXT_NAME, true, RIGHT, text);
    cairo_set_line_width(p->cr, 0.8);
    cairo_move_to(p->cr, MARGIN, MARGIN + h + 6);
    cairo_line_to(p->cr, right, MARGIN + h + 6);
    cairo_stroke(p->cr);
    return NEXT_LINES_TOP;
}

/* "Side 2 av 3" at the foot of every page of a document of several. */
static void draw_footer(struct page *p, size_t page, size_t pages)
{
    char text[64];
    snprintf(text, sizeof text, "%s %zu %s %zu", p->words->page, page, p->words->of, pages);
    draw_text(p, A4_WIDTH - MARGIN, A4_HEIGHT - 34, TEXT_SMALL, false, RIGHT, text);
}

/* Column right edges of the lines table. */
#define COL_QTY    300.0
#define COL_PRICE  390.0
#define COL_VAT    450.0
#define COL_AMOUNT (A4_WIDTH - MARGIN)

static double draw_table_head(struct page *p, double y)
{
    const struct labels *w = p->words;
    draw_text(p, MARGIN, y, TEXT_BODY, true, LEFT, w->description);
    draw_text(p, COL_QTY, y, TEXT_BODY, true, RIGHT, w->quantity);
    draw_text(p, COL_PRICE, y, TEXT_BODY, true, RIGHT, w->unit_price);
    draw_text(p, COL_VAT, y, TEXT_BODY, true, RIGHT, w->vat);
    y += draw_text(p, COL_AMOUNT, y, TEXT_BODY, true, RIGHT, w->amount) + 2;
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN, y);
    cairo_line_to(p->cr, COL_AMOUNT, y);
    cairo_stroke(p->cr);
    return y + 3;
}

static double draw_line(struct page *p, const struct vinn_pdf_line *l, double y)
{
    char qty[32];
    char rate[32];
    char price[VINN_MONEY_TEXT_MAX];
    char net[VINN_MONEY_TEXT_MAX];
    format_scaled(p->lang, l->quantity_milli, 1000, 3, qty, sizeof qty);
    format_rate(p->lang, l->vat_rate_bp, rate, sizeof rate);
    money(p, l->unit_price_minor, false, price);
    money(p, l->net_minor, false, net);
    /* A long text is cut with an ellipsis rather than run into Qty. */
    pango_layout_set_width(p->layout, (int)(COL_QTY - 40 - MARGIN) * PANGO_SCALE);
    pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_END);
    draw_text(p, MARGIN, y, TEXT_BODY, false, LEFT, l->text);
    pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_width(p->layout, -1);
    draw_text(p, COL_QTY, y, TEXT_BODY, false, RIGHT, qty);
    draw_text(p, COL_PRICE, y, TEXT_BODY, false, RIGHT, price);
    draw_text(p, COL_VAT, y, TEXT_BODY, false, RIGHT, rate);
    return y + draw_text(p, COL_AMOUNT, y, TEXT_BODY, false, RIGHT, net) + 1;
}

/* Lines first..first+count-1 under the table's heads from y. */
static double draw_lines(struct page *p, const struct vinn_pdf_invoice *in, size_t first,
                         size_t count, double y)
{
    y = draw_table_head(p, y);
    for (size_t i = first; i < first + count; i++) {
        y = draw_line(p, &in->lines[i], y);
    }
    return y + 8;
}

/* ---- flowing the lines over pages ---- */

/* The measures pagination needs, in points: one table line, the table's
 * heads, and the totals block (its rows as draw_totals sets them). */
struct flow {
    double pitch;
    double head;
    double totals;
};

static void flow_measure(struct page *p, const struct vinn_pdf_invoice *in, struct flow *f)
{
    double body = text_height(p, TEXT_BODY, false, "0");
    f->pitch = body + 1;
    f->head = text_height(p, TEXT_BODY, true, "0") + 5;
    size_t rows = 2 + in->vat_count + in->charges_count + (in->paid_minor != 0 ? 1 : 0);
    f->totals = (double)rows * body + text_height(p, TEXT_BODY + 1, true, "0");
}

static size_t lines_room(double space, double pitch)
{
    return space > 0 ? (size_t)(space / pitch) : 0;
}

/* How many of the `left` lines go on a page whose table starts at top, and
 * whether it is the last page: the last holds the totals above the
 * payment part; a page before it fills to the footer and leaves at least
 * one line for the last, so the totals never stand alone. */
static size_t page_lines(const struct flow *f, double top, size_t left, bool *last)
{
    double y0 = top + f->head;
    size_t fit_last = lines_room(PAYMENT_TOP - 12 - 8 - f->totals - y0, f->pitch);
    if (left <= fit_last) {
        *last = true;
        return left;
    }
    *last = false;
    size_t fit = lines_room(LINES_BOTTOM - y0, f->pitch);
    return left - 1 < fit ? left - 1 : fit;
}

static size_t pages_count(const struct flow *f, double first_top, size_t lines)
{
    size_t pages = 0;
    size_t done = 0;
    bool last = false;
    double top = first_top;
    while (!last) {
        done += page_lines(f, top, lines - done, &last);
        pages++;
        top = NEXT_LINES_TOP;
        VINN_ASSERT(pages <= lines + 1); /* every further page takes lines */
    }
    VINN_ASSERT(done == lines);
    return pages;
}

static double draw_totals(struct page *p, const struct vinn_pdf_invoice *in, double y)
{
    const double left = 330;
    const struct labels *w = p->words;
    char amount[VINN_MONEY_TEXT_MAX];
    money(p, in->net_minor, false, amount);
    y += draw_pair(p, left, COL_AMOUNT, y, w->net_total, amount, TEXT_BODY, false);
    for (size_t i = 0; i < in->vat_count; i++) {
        char rate[32];
        char base[VINN_MONEY_TEXT_MAX];
        char label[128];
        format_rate(p->lang, in->vat[i].vat_rate_bp, rate, sizeof rate);
        money(p, in->vat[i].base_minor, false, base);
        snprintf(label, sizeof label, "%s %s (%s)", w->vat_of, rate, base);
        money(p, in->vat[i].vat_minor, false, amount);
        y += draw_pair(p, left, COL_AMOUNT, y, label, amount, TEXT_BODY, false);
    }
    money(p, in->gross_minor, false, amount);
    y += draw_pair(p, left, COL_AMOUNT, y, w->gross_total, amount, TEXT_BODY, true);
    if (in->paid_minor != 0) {
        money(p, in->paid_minor, false, amount);
        y += draw_pair(p, left, COL_AMOUNT, y, w->paid, amount, TEXT_BODY, false);
    }
    for (size_t i = 0; i < in->charges_count; i++) {
        money(p, in->charges[i].amount_minor, false, amount);
        y += draw_pair(p, left, COL_AMOUNT, y, in->charges[i].text, amount, TEXT_BODY, false);
    }
    money(p, in->due_minor, true, amount);
    y += draw_pair(p, left, COL_AMOUNT, y, w->amount_due, amount, TEXT_BODY + 1, true);
    return y;
}

static void draw_qr(struct page *p, const char *payload, double x, double y)
{
    QRcode *qr =
        QRcode_encodeData((int)strlen(payload), (const unsigned char *)payload, 0, QR_ECLEVEL_M);
    VINN_ASSERT(qr != NULL); /* checked by encoding once before drawing */
    int side = qr->width + 2 * QR_QUIET_MODULES;
    double module = QR_SIZE / side;
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (int row = 0; row < qr->width; row++) {
        for (int col = 0; col < qr->width; col++) {
            if (qr->data[row * qr->width + col] & 1) {
                cairo_rectangle(p->cr, x + (col + QR_QUIET_MODULES) * module,
                                y + (row + QR_QUIET_MODULES) * module, module, module);
            }
        }
    }
    cairo_fill(p->cr);
    QRcode_free(qr);
}

static void draw_barcode(struct page *p, const char *digits, double y)
{
    uint8_t codes[VINN_CODE128C_FI_BARCODE_COUNT];
    size_t count = 0;
    vinn_err err = vinn_paycode_code128c(digits, codes, sizeof codes, &count);
    VINN_ASSERT(err == VINN_OK); /* checked in check_codes */
    double x = MARGIN + BARCODE_QUIET_MODULES * BARCODE_MODULE;
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (size_t i = 0; i < count; i++) {
        const char *widths = vinn_pdf_code128_widths(codes[i]);
        VINN_ASSERT(widths != NULL);
        for (size_t k = 0; widths[k] != '\0'; k++) {
            double w = (widths[k] - '0') * BARCODE_MODULE;
            if (k % 2 == 0) {
                cairo_rectangle(p->cr, x, y, w, BARCODE_HEIGHT);
            }
            x += w;
        }
    }
    cairo_fill(p->cr);
    draw_text(p, MARGIN + BARCODE_QUIET_MODULES * BARCODE_MODULE, y + BARCODE_HEIGHT + 2,
              TEXT_SMALL, false, LEFT, digits);
}

static double draw_pay_lines(struct page *p, const struct vinn_pdf_invoice *in, double x, double y)
{
    const struct labels *w = p->words;
    char text[VINN_PDF_TEXT_MAX + 64];
    snprintf(text, sizeof text, "%s: %s", w->pay_to, in->seller.name);
    y += draw_text(p, x, y, TEXT_BODY, false, LEFT, text);
    const char *pairs[][2] = {
        {w->account, in->seller_account},
        {w->iban, in->seller_iban},
        {w->bic, in->seller_bic},
        {w->reference, in->payment_reference},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (is_set(pairs[i][1])) {
            snprintf(text, sizeof text, "%s: %s", pairs[i][0], pairs[i][1]);
            y += draw_text(p, x, y, i == 3 ? TEXT_NAME : TEXT_BODY, i == 3, LEFT, text);
        }
    }
    if (is_set(in->how_to_pay)) {
        pango_layout_set_width(p->layout, 300 * PANGO_SCALE);
        pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD);
        y += 4 + draw_text(p, x, y + 4, TEXT_SMALL, false, LEFT, in->how_to_pay);
        pango_layout_set_width(p->layout, -1);
    }
    return y;
}

/* The payment part at the foot: amount due, due date, where to pay. */
static void draw_payment(struct page *p, const struct vinn_pdf_invoice *in)
{
    double top = PAYMENT_TOP;
    cairo_set_line_width(p->cr, 0.8);
    cairo_move_to(p->cr, MARGIN, top);
    cairo_line_to(p->cr, A4_WIDTH - MARGIN, top);
    cairo_stroke(p->cr);
    double y = top + 10;
    y += draw_text(p, MARGIN, y, TEXT_BODY, false, LEFT, p->words->amount_due);
    char amount[VINN_MONEY_TEXT_MAX];
    money(p, in->due_minor, true, amount);
    y += draw_text(p, MARGIN, y, TEXT_DUE, true, LEFT, amount) + 2;
    if (in->due_date != VINN_NO_DAY) {
        char date[32];
        char text[96];
        format_day(p->lang, in->due_date, date, sizeof date);
        snprintf(text, sizeof text, "%s: %s", pay_by_label(p, in), date);
        y += draw_text(p, MARGIN, y, TEXT_NAME, true, LEFT, text) + 4;
    }
    draw_pay_lines(p, in, MARGIN, y);
    if (is_set(in->epc_qr_payload)) {
        draw_qr(p, in->epc_qr_payload, A4_WIDTH - MARGIN - QR_SIZE, top + 6);
    }
    if (is_set(in->fi_barcode)) {
        draw_barcode(p, in->fi_barcode, A4_HEIGHT - MARGIN - BARCODE_HEIGHT - 12);
    }
}

/* Every page: the header (a short one after the first), as many lines as
 * fit, and on the last the totals and the payment part. */
static size_t draw_document(struct page *p, const struct vinn_pdf_invoice *in)
{
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    double top = draw_header(p, in);
    struct flow f;
    flow_measure(p, in, &f);
    size_t pages = pages_count(&f, top, in->lines_count);
    size_t done = 0;
    for (size_t page = 1; page <= pages; page++) {
        if (page > 1) {
            cairo_set_source_rgb(p->cr, 0, 0, 0);
            top = draw_next_header(p, in);
        }
        bool last = false;
        size_t count = page_lines(&f, top, in->lines_count - done, &last);
        VINN_ASSERT(last == (page == pages));
        double y = draw_lines(p, in, done, count, top);
        done += count;
        if (last) {
            draw_totals(p, in, y);
            draw_payment(p, in);
        }
        if (pages > 1) {
            draw_footer(p, page, pages);
        }
        cairo_show_page(p->cr);
    }
    VINN_ASSERT(done == in->lines_count);
    return pages;
}

/* libqrencode refuses what does not fit version 40; the EPC cap of 331
 * bytes always fits, but an encoder that fails (out of memory) must give
 * an error, not an assertion, so it is tried once before drawing. */
static vinn_err check_qr_encodes(const char *payload, struct vinn_error *error)
{
    if (!is_set(payload)) {
        return VINN_OK;
    }
    QRcode *qr =
        QRcode_encodeData((int)strlen(payload), (const unsigned char *)payload, 0, QR_ECLEVEL_M);
    if (qr == NULL) {
        return vinn_fail(error, VINN_E_INTERNAL, "epc_qr_payload",
                         "QR code could not be encoded: %s", strerror(errno));
    }
    QRcode_free(qr);
    return VINN_OK;
}

/* ---- surfaces ---- */

/* A PDF surface with its drawing context and text layout: one document's
 * (vinn_pdf_invoice_write) or a book's of many. The page-drawing code
 * above sees only the context and the layout. */
struct canvas {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    PangoFontDescription *font;
};

/* Takes surface (whatever its status: cairo's objects in error are inert). */
static void canvas_open(struct canvas *c, cairo_surface_t *surface)
{
    c->surface = surface;
    c->cr = cairo_create(surface);
    c->layout = pango_cairo_create_layout(c->cr);
    c->font = pango_font_description_from_string(FONT);
}

/* Draw in (checked) on the canvas's next pages; returns how many. */
static size_t canvas_draw(struct canvas *c, const struct vinn_pdf_invoice *in,
                          const struct vinn_currency *cur)
{
    struct page p = {
        .cr = c->cr,
        .layout = c->layout,
        .font = c->font,
        .lang = in->lang,
        .words = &labels_by_lang[in->lang],
        .cur = cur,
    };
    return draw_document(&p, in);
}

/* Finish the surface (it writes its last bytes) and free it all; returns
 * the first failure of the drawing or the writing. */
static cairo_status_t canvas_close(struct canvas *c)
{
    pango_font_description_free(c->font);
    g_object_unref(c->layout);
    cairo_status_t status = cairo_status(c->cr);
    cairo_destroy(c->cr);
    cairo_surface_finish(c->surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_status(c->surface);
    }
    cairo_surface_destroy(c->surface);
    *c = (struct canvas){0};
    return status;
}

/* Draw the document on surface (a PDF surface of the caller's, which is
 * finished and destroyed here); `where` names the output in an error. */
static vinn_err render(const struct vinn_pdf_invoice *in, const struct vinn_currency *cur,
                       cairo_surface_t *surface, const char *where, struct vinn_error *error)
{
    cairo_status_t status = cairo_surface_status(surface);
    if (status == CAIRO_STATUS_SUCCESS) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, in->title);
        struct canvas c;
        canvas_open(&c, surface);
        canvas_draw(&c, in, cur);
        status = canvas_close(&c);
    } else {
        cairo_surface_destroy(surface);
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        return vinn_fail(error, VINN_E_IO, "path", "could not write %s: %s", where,
                         cairo_status_to_string(status));
    }
    return VINN_OK;
}

static cairo_status_t stream_write(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Everything a document must be before it is drawn. */
static vinn_err check_document(const struct vinn_pdf_invoice *in,
                               const struct vinn_currency **cur, struct vinn_error *error)
{
    vinn_err err = check_all(in, cur, error);
    if (err == VINN_OK) {
        err = check_qr_encodes(in->epc_qr_payload, error);
    }
    return err;
}

vinn_err vinn_pdf_invoice_write(const struct vinn_pdf_invoice *in, const char *path,
                                struct vinn_error *error)
{
    VINN_ASSERT(in != NULL);
    VINN_ASSERT(path != NULL);
    const struct vinn_currency *cur = NULL;
    vinn_err err = check_document(in, &cur, error);
    if (err != VINN_OK) {
        return err;
    }
    char tmp_path[4096];
    int n = snprintf(tmp_path, sizeof tmp_path, "%s.tmp", path);
    if (path[0] == '\0' || n < 0 || (size_t)n >= sizeof tmp_path) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "path", "path is empty or too long");
    }
    /* Point of no return: the temporary file is written, then renamed. */
    char where[4200];
    snprintf(where, sizeof where, "'%s'", tmp_path);
    err = render(in, cur, cairo_pdf_surface_create(tmp_path, A4_WIDTH, A4_HEIGHT), where, error);
    if (err == VINN_OK && rename(tmp_path, path) != 0) {
        err = vinn_fail(error, VINN_E_IO, "path", "could not rename '%s' to '%s': %s", tmp_path,
                        path, strerror(errno));
    }
    if (err != VINN_OK) {
        remove(tmp_path);
    }
    return err;
}

vinn_err vinn_pdf_invoice_stream(const struct vinn_pdf_invoice *in, FILE *out,
                                 struct vinn_error *error)
{
    VINN_ASSERT(in != NULL);
    VINN_ASSERT(out != NULL);
    const struct vinn_currency *cur = NULL;
    vinn_err err = check_document(in, &cur, error);
    if (err != VINN_OK) {
        return err;
    }
    return render(in, cur,
                  cairo_pdf_surface_create_for_stream(stream_write, out, A4_WIDTH, A4_HEIGHT),
                  "the stream", error);
}

/* ---- a book of many documents ---- */

struct vinn_pdf_book {
    struct canvas canvas;
    struct vinn_buf pdf; /* as cairo writes it, at most bytes_max */
    bool too_big;
    bool finished;
    size_t pages;
};

/* cairo's write function: the bytes go to the book's buffer. */
static cairo_status_t book_write(void *closure, const unsigned char *data, unsigned int length)
{
    struct vinn_pdf_book *b = closure;
    vinn_err rc = vinn_buf_add(&b->pdf, data, length);
    b->too_big = b->too_big || rc == VINN_E_LIMIT_EXCEEDED;
    return rc == VINN_OK             ? CAIRO_STATUS_SUCCESS
           : rc == VINN_E_NO_MEMORY ? CAIRO_STATUS_NO_MEMORY
                                    : CAIRO_STATUS_WRITE_ERROR;
}

vinn_err vinn_pdf_book_open(const char *title, vinn_day date, size_t bytes_max,
                            struct vinn_pdf_book **out, struct vinn_error *error)
{
    VINN_ASSERT(title != NULL);
    VINN_ASSERT(out != NULL);
    VINN_ASSERT(bytes_max > 0);
    vinn_err err = check_text(title, VINN_PDF_TEXT_MAX, VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE,
                              "title", error);
    if (err == VINN_OK && date == VINN_NO_DAY) {
        err = vinn_fail(error, VINN_E_FIELD_REQUIRED, "date", "the book's date is required");
    }
    if (err != VINN_OK) {
        return err;
    }
    struct vinn_pdf_book *b = calloc(1, sizeof *b);
    if (b == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_buf_init(&b->pdf, bytes_max);
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(book_write, b, A4_WIDTH, A4_HEIGHT);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        free(b);
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    /* The book's own date, not the clock's: the same documents make the
     * same bytes, so a rebuilt book can be compared with the last. */
    struct vinn_civil c = vinn_day_to_civil(date);
    char created[32];
    snprintf(created, sizeof created, "%04d-%02d-%02dT00:00:00Z", (int)c.year, (int)c.month,
             (int)c.day);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
    canvas_open(&b->canvas, surface);
    *out = b;
    return VINN_OK;
}

vinn_err vinn_pdf_book_add(struct vinn_pdf_book *book, const struct vinn_pdf_invoice *in,
                           size_t *pages, struct vinn_error *error)
{
    VINN_ASSERT(book != NULL);
    VINN_ASSERT(in != NULL);
    VINN_ASSERT(!book->finished);
    VINN_ASSERT(book->pages % 2 == 0); /* every document starts on a recto */
    const struct vinn_currency *cur = NULL;
    vinn_err err = check_document(in, &cur, error);
    if (err != VINN_OK) {
        return err;
    }
    size_t drawn = canvas_draw(&book->canvas, in, cur);
    VINN_ASSERT(drawn >= 1);
    if (drawn % 2 == 1) {
        /* A blank verso, so that duplex printing keeps documents apart. */
        cairo_show_page(book->canvas.cr);
    }
    book->pages += drawn + drawn % 2;
    if (pages != NULL) {
        *pages = drawn;
    }
    return VINN_OK;
}

size_t vinn_pdf_book_pages(const struct vinn_pdf_book *book)
{
    VINN_ASSERT(book != NULL);
    return book->pages;
}

vinn_err vinn_pdf_book_finish(struct vinn_pdf_book *book, const unsigned char **bytes,
                              size_t *len, struct vinn_error *error)
{
    VINN_ASSERT(book != NULL);
    VINN_ASSERT(!book->finished);
    book->finished = true;
    cairo_status_t status = canvas_close(&book->canvas);
    if (book->too_big) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "pages",
                         "the book is larger than %zu bytes", book->pdf.max);
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        return vinn_fail(error, status == CAIRO_STATUS_NO_MEMORY ? VINN_E_NO_MEMORY : VINN_E_IO,
                         "", "could not draw the book: %s", cairo_status_to_string(status));
    }
    *bytes = (const unsigned char *)book->pdf.data;
    *len = book->pdf.len;
    return VINN_OK;
}

void vinn_pdf_book_free(struct vinn_pdf_book *book)
{
    if (book == NULL) {
        return;
    }
    if (!book->finished) {
        (void)canvas_close(&book->canvas);
    }
    vinn_buf_release(&book->pdf);
    free(book);
}
