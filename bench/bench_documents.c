/*
 * bench_documents - rendering documents for the outside world, each against
 * a bare baseline doing the same work in the same run:
 *
 *   pdf_invoice: N Norwegian invoices through formats/pdf (checks, the
 *     language's labels, money and dates for people, the layout that flows
 *     lines over pages, the temporary file and its rename), against cairo
 *     and pango drawing the same strings at fixed places onto a PDF surface
 *     of its own, one file a document, with none of that.
 *   ehf_invoice: the same N invoices through formats/ehf (every check of the
 *     document, VAT per category, the Peppol rules), against libxml2's
 *     xmlTextWriter writing the same UBL elements with the same values,
 *     indented the same (a document of the same size, byte for byte close).
 *
 * Prints two lines, each:
 *   bench NAME: N items, X items/s, ratio R vs BASELINE
 * where R = our time / the baseline's time (lower is better). The two sides
 * take turns document by document, so a machine shared with other work
 * loads both alike. Every document is written to a file of its own in DIR:
 * writing over one file again and again would time the file system (ext4
 * flushes a file replaced by rename or truncated), not the rendering. The
 * files go at the end, outside the timing.
 *
 * Usage: bench_documents [N] [DIR]   (default 10000, $TMPDIR or /tmp)
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <libxml/xmlwriter.h>
#include <malloc.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/money.h"
#include "formats/ehf.h"
#include "formats/pdf.h"

enum { LINES = 4 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const struct vinn_error *e)
{
    fprintf(stderr, "bench_documents: %s: %s\n", what, e != NULL ? e->message : "failed");
    exit(1);
}

/* ---- the documents -------------------------------------------------------- */

static const char *const line_texts[] = {
    "Elektrikertime", "Kabel 3x2,5 mm², 10 m", "Stikkontakt, jordet, hvit", "Kjøring",
    "Sikringsskap 12 kurser", "Montering av lys",
};

/* Invoice i of the run: its number, reference, lines and totals. */
struct doc {
    char number[24];
    char reference[24];
    char texts[LINES][64];
    int64_t qty[LINES];
    int64_t price[LINES];
    int32_t rate[LINES];
    int64_t net[LINES];
    int64_t net_total;
    int64_t vat_total;
    vinn_day issue;
    vinn_day due;
};

static void doc_make(struct doc *d, long i)
{
    snprintf(d->number, sizeof d->number, "NO-%08ld", i);
    snprintf(d->reference, sizeof d->reference, "%09ld", 100000000 + i);
    d->net_total = 0;
    for (int l = 0; l < LINES; l++) {
        snprintf(d->texts[l], sizeof d->texts[l], "%s", line_texts[(i + l) % 6]);
        d->qty[l] = 1000 + 500 * ((i + l) % 3);
        d->price[l] = 9950 + 1000 * ((i * 7 + l) % 50);
        d->rate[l] = l == 3 ? 1500 : 2500;
        d->net[l] = d->qty[l] * d->price[l] / 1000; /* whole and half units: exact */
        d->net_total += d->net[l];
    }
    /* VAT per rate, half up, as the invoice computes it. */
    int64_t base25 = d->net[0] + d->net[1] + d->net[2];
    d->vat_total = (base25 * 2500 + 5000) / 10000 + (d->net[3] * 1500 + 5000) / 10000;
    d->issue = vinn_day_from_civil(2026, 3, 1) + (vinn_day)(i % 28);
    d->due = d->issue + 14;
}

/* ---- ours ---------------------------------------------------------------- */

/* DIR/bench-documents-<pid>-<i>.<ext>: document i's own file. */
static void doc_path(const char *dir, long i, const char *ext, char *out, size_t cap)
{
    snprintf(out, cap, "%s/bench-documents-%ld-%ld.%s", dir, (long)getpid(), i, ext);
}

static void docs_remove(const char *dir, long n, const char *ext)
{
    char path[600];
    for (long i = 1; i <= n; i++) {
        doc_path(dir, i, ext, path, sizeof path);
        unlink(path);
    }
}

static void ours_pdf(const struct doc *d, const char *path)
{
    struct vinn_pdf_line lines[LINES];
    for (int l = 0; l < LINES; l++) {
        lines[l] = (struct vinn_pdf_line){d->texts[l], d->qty[l], d->price[l], d->rate[l],
                                          d->net[l]};
    }
    int64_t base25 = d->net[0] + d->net[1] + d->net[2];
    struct vinn_pdf_vat vat[2] = {
        {1500, d->net[3], (d->net[3] * 1500 + 5000) / 10000},
        {2500, base25, (base25 * 2500 + 5000) / 10000},
    };
    struct vinn_pdf_invoice in = {
        .kind = VINN_PDF_INVOICE,
        .lang = VINN_LANG_NB,
        .title = "Faktura",
        .seller = {.name = "Nordlys Elektro AS",
                   .address_lines = {"Storgata 1", "0155 Oslo"},
                   .org_no = "988077917"},
        .seller_account = "86011117947",
        .buyer = {.name = "Kari Nordmann", .address_lines = {"Åsveien 12", "7030 Trondheim", "NO"}},
        .number = d->number,
        .issue_date = d->issue,
        .due_date = d->due,
        .original_issue_date = VINN_NO_DAY,
        .original_due_date = VINN_NO_DAY,
        .currency = "NOK",
        .lines = lines,
        .lines_count = LINES,
        .vat = vat,
        .vat_count = 2,
        .net_minor = d->net_total,
        .vat_minor = d->vat_total,
        .gross_minor = d->net_total + d->vat_total,
        .due_minor = d->net_total + d->vat_total,
        .payment_reference = d->reference,
        .how_to_pay = "Betal i nettbanken til kontonummeret over.\nBruk KID-nummeret, så blir "
                      "betalingen registrert riktig.",
    };
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_pdf_invoice_write(&in, path, &e) != VINN_OK) {
        die("pdf", &e);
    }
}

static void ours_ehf(const struct doc *d, const char *path)
{
    struct vinn_ehf_line lines[LINES];
    for (int l = 0; l < LINES; l++) {
        lines[l] = (struct vinn_ehf_line){.text = d->texts[l],
                                          .quantity_milli = d->qty[l],
                                          .unit_price_minor = d->price[l],
                                          .vat_rate_bp = d->rate[l],
                                          .net_minor = d->net[l]};
    }
    struct vinn_ehf_document doc = {
        .kind = VINN_EHF_INVOICE,
        .number = d->number,
        .issue_date = d->issue,
        .has_due_date = true,
        .due_date = d->due,
        .currency = "NOK",
        .payment_reference = d->reference,
        .seller = {.name = "Nordlys Elektro AS",
                   .org_no = "988077917",
                   .address = {.country = "NO"},
                   .vat_registered = true,
                   .account = "86011117947"},
        .buyer = {.id = "K1",
                  .name = "Bygg AS",
                  .org_no = "923609016",
                  .address = {.lines = {"Storgata 1", NULL},
                              .postcode = "0150",
                              .city = "Oslo",
                              .country = "NO"}},
        .lines = lines,
        .lines_count = LINES,
        .net_minor = d->net_total,
        .vat_minor = d->vat_total,
        .gross_minor = d->net_total + d->vat_total,
        .due_minor = d->net_total + d->vat_total,
    };
    struct vinn_error e;
    vinn_error_clear(&e);
    FILE *out = fopen(path, "wb");
    if (out == NULL || vinn_ehf_write(&doc, out, &e) != VINN_OK || fclose(out) != 0) {
        die("ehf", &e);
    }
}

/* ---- the bare baselines ---------------------------------------------------- */

/* An amount as "1 234,50" or, for XML, "1234.50" (positive amounts only). */
static void amount_text(int64_t minor, bool xml, char *out, size_t cap)
{
    if (xml) {
        snprintf(out, cap, "%lld.%02lld", (long long)(minor / 100), (long long)(minor % 100));
    } else if (minor >= 100000) {
        snprintf(out, cap, "%lld %03lld,%02lld", (long long)(minor / 100000),
                 (long long)(minor / 100 % 1000), (long long)(minor % 100));
    } else {
        snprintf(out, cap, "%lld,%02lld", (long long)(minor / 100), (long long)(minor % 100));
    }
}

/* A quantity in thousandths as "1", "1,5" or, for XML, "1.5". */
static void qty_text(int64_t milli, bool xml, char *out, size_t cap)
{
    int64_t frac = milli % 1000;
    int digits = 3;
    while (frac != 0 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    if (frac == 0) {
        snprintf(out, cap, "%lld", (long long)(milli / 1000));
    } else {
        snprintf(out, cap, "%lld%c%0*lld", (long long)(milli / 1000), xml ? '.' : ',', digits,
                 (long long)frac);
    }
}

static void date_text(vinn_day day, bool iso, char *out, size_t cap)
{
    struct vinn_civil c = vinn_day_to_civil(day);
    if (iso) {
        snprintf(out, cap, "%04d-%02d-%02d", (int)c.year, (int)c.month, (int)c.day);
    } else {
        snprintf(out, cap, "%02d.%02d.%04d", (int)c.day, (int)c.month, (int)c.year);
    }
}

struct bare_page {
    cairo_t *cr;
    PangoLayout *layout;
    PangoFontDescription *font;
};

static void bare_text(struct bare_page *p, double x, double y, int size, bool bold,
                      const char *text)
{
    pango_font_description_set_size(p->font, size * PANGO_SCALE);
    pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(p->layout, p->font);
    pango_layout_set_text(p->layout, text, -1);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->layout);
}

/* The strings of the page our writer draws, at fixed places. */
static void bare_pdf_page(struct bare_page *p, const struct doc *d)
{
    static const char *const heads[] = {"Beskrivelse", "Antall", "Enhetspris", "MVA", "Beløp"};
    static const char *const fixed[] = {
        "Nordlys Elektro AS", "Storgata 1", "0155 Oslo", "Org.nr. 988077917", "Fakturanummer",
        "Fakturadato", "Forfallsdato", "KID", "Kari Nordmann", "Åsveien 12", "7030 Trondheim",
        "NO", "Sum eks. mva.", "Sum inkl. mva.", "Å betale", "Betales til: Nordlys Elektro AS",
        "Kontonummer: 86011117947", "Betal i nettbanken til kontonummeret over.\nBruk "
        "KID-nummeret, så blir betalingen registrert riktig.",
    };
    char text[128];
    bare_text(p, 450, 50, 22, true, "Faktura");
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        bare_text(p, 50 + (double)(k % 3) * 150, 80 + (double)k * 12, 9, false, fixed[k]);
    }
    bare_text(p, 480, 90, 9, false, d->number);
    date_text(d->issue, false, text, sizeof text);
    bare_text(p, 480, 102, 9, false, text);
    date_text(d->due, false, text, sizeof text);
    bare_text(p, 480, 114, 9, false, text);
    bare_text(p, 480, 126, 9, false, d->reference);
    for (size_t k = 0; k < 5; k++) {
        bare_text(p, 50 + (double)k * 100, 270, 9, true, heads[k]);
    }
    for (int l = 0; l < LINES; l++) {
        double y = 290 + l * 13;
        bare_text(p, 50, y, 9, false, d->texts[l]);
        qty_text(d->qty[l], false, text, sizeof text);
        bare_text(p, 280, y, 9, false, text);
        amount_text(d->price[l], false, text, sizeof text);
        bare_text(p, 350, y, 9, false, text);
        snprintf(text, sizeof text, "%d %%", d->rate[l] / 100);
        bare_text(p, 430, y, 9, false, text);
        amount_text(d->net[l], false, text, sizeof text);
        bare_text(p, 500, y, 9, false, text);
    }
    int64_t totals[] = {d->net_total, d->vat_total / 2, d->vat_total - d->vat_total / 2,
                        d->net_total + d->vat_total, d->net_total + d->vat_total};
    for (size_t k = 0; k < sizeof totals / sizeof totals[0]; k++) {
        amount_text(totals[k], false, text, sizeof text);
        bare_text(p, 500, 360 + (double)k * 12, 9, k >= 3, text);
    }
    amount_text(d->net_total + d->vat_total, false, text, sizeof text);
    strncat(text, " NOK", sizeof text - strlen(text) - 1);
    bare_text(p, 50, 580, 24, true, text);
    char date[32];
    date_text(d->due, false, date, sizeof date);
    snprintf(text, sizeof text, "Forfallsdato: %s", date);
    bare_text(p, 50, 610, 12, true, text);
    snprintf(text, sizeof text, "KID: %s", d->reference);
    bare_text(p, 50, 660, 12, true, text);
}

static void bare_pdf(const struct doc *d, const char *path)
{
    cairo_surface_t *surface = cairo_pdf_surface_create(path, 595.28, 841.89);
    cairo_t *cr = cairo_create(surface);
    struct bare_page p = {cr, pango_cairo_create_layout(cr),
                          pango_font_description_from_string("DejaVu Sans")};
    cairo_set_source_rgb(cr, 0, 0, 0);
    bare_pdf_page(&p, d);
    cairo_show_page(cr);
    pango_font_description_free(p.font);
    g_object_unref(p.layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        die("bare pdf", NULL);
    }
    cairo_surface_destroy(surface);
}

#define CBC(w, name, value) xmlTextWriterWriteElement(w, BAD_CAST "cbc:" name, BAD_CAST(value))
#define START(w, name) xmlTextWriterStartElement(w, BAD_CAST(name))
#define END(w) xmlTextWriterEndElement(w)

static void bare_amount(xmlTextWriterPtr w, const char *name, int64_t minor)
{
    char text[32];
    amount_text(minor, true, text, sizeof text);
    xmlTextWriterStartElement(w, BAD_CAST name);
    xmlTextWriterWriteAttribute(w, BAD_CAST "currencyID", BAD_CAST "NOK");
    xmlTextWriterWriteString(w, BAD_CAST text);
    END(w);
}

static void bare_with_scheme(xmlTextWriterPtr w, const char *name, const char *scheme,
                             const char *value)
{
    xmlTextWriterStartElement(w, BAD_CAST name);
    xmlTextWriterWriteAttribute(w, BAD_CAST "schemeID", BAD_CAST scheme);
    xmlTextWriterWriteString(w, BAD_CAST value);
    END(w);
}

static void bare_category(xmlTextWriterPtr w, const char *element, int32_t rate)
{
    char percent[16];
    snprintf(percent, sizeof percent, "%d", rate / 100);
    START(w, element);
    CBC(w, "ID", "S");
    CBC(w, "Percent", percent);
    START(w, "cac:TaxScheme");
    CBC(w, "ID", "VAT");
    END(w);
    END(w);
}

static void bare_party(xmlTextWriterPtr w, const char *role, const char *name, const char *org,
                       bool seller)
{
    START(w, role);
    START(w, "cac:Party");
    bare_with_scheme(w, "cbc:EndpointID", "0192", org);
    START(w, "cac:PartyName");
    CBC(w, "Name", name);
    END(w);
    START(w, "cac:PostalAddress");
    if (!seller) {
        CBC(w, "StreetName", "Storgata 1");
        CBC(w, "CityName", "Oslo");
        CBC(w, "PostalZone", "0150");
    }
    START(w, "cac:Country");
    CBC(w, "IdentificationCode", "NO");
    END(w);
    END(w);
    if (seller) {
        START(w, "cac:PartyTaxScheme");
        CBC(w, "CompanyID", "NO988077917MVA");
        START(w, "cac:TaxScheme");
        CBC(w, "ID", "VAT");
        END(w);
        END(w);
    }
    START(w, "cac:PartyLegalEntity");
    CBC(w, "RegistrationName", name);
    bare_with_scheme(w, "cbc:CompanyID", "0192", org);
    END(w);
    END(w);
    END(w);
}

static void bare_line(xmlTextWriterPtr w, const struct doc *d, int l)
{
    char text[32];
    START(w, "cac:InvoiceLine");
    snprintf(text, sizeof text, "%d", l + 1);
    CBC(w, "ID", text);
    xmlTextWriterStartElement(w, BAD_CAST "cbc:InvoicedQuantity");
    xmlTextWriterWriteAttribute(w, BAD_CAST "unitCode", BAD_CAST "EA");
    qty_text(d->qty[l], true, text, sizeof text);
    xmlTextWriterWriteString(w, BAD_CAST text);
    END(w);
    bare_amount(w, "cbc:LineExtensionAmount", d->net[l]);
    START(w, "cac:Item");
    CBC(w, "Name", d->texts[l]);
    bare_category(w, "cac:ClassifiedTaxCategory", d->rate[l]);
    END(w);
    START(w, "cac:Price");
    bare_amount(w, "cbc:PriceAmount", d->price[l]);
    END(w);
    END(w);
}

static void bare_ehf_document(xmlTextWriterPtr w, const struct doc *d)
{
    char date[16];
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    START(w, "Invoice");
    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
                                BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
    xmlTextWriterWriteAttribute(
        w, BAD_CAST "xmlns:cac",
        BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
    xmlTextWriterWriteAttribute(
        w, BAD_CAST "xmlns:cbc",
        BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
    CBC(w, "CustomizationID",
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    CBC(w, "ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
    CBC(w, "ID", d->number);
    date_text(d->issue, true, date, sizeof date);
    CBC(w, "IssueDate", date);
    date_text(d->due, true, date, sizeof date);
    CBC(w, "DueDate", date);
    CBC(w, "InvoiceTypeCode", "380");
    CBC(w, "DocumentCurrencyCode", "NOK");
    CBC(w, "BuyerReference", "K1");
    bare_party(w, "cac:AccountingSupplierParty", "Nordlys Elektro AS", "988077917", true);
    bare_party(w, "cac:AccountingCustomerParty", "Bygg AS", "923609016", false);
    START(w, "cac:PaymentMeans");
    xmlTextWriterStartElement(w, BAD_CAST "cbc:PaymentMeansCode");
    xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "Credit transfer");
    xmlTextWriterWriteString(w, BAD_CAST "30");
    END(w);
    CBC(w, "PaymentID", d->reference);
    START(w, "cac:PayeeFinancialAccount");
    CBC(w, "ID", "86011117947");
    END(w);
    END(w);
    START(w, "cac:TaxTotal");
    bare_amount(w, "cbc:TaxAmount", d->vat_total);
    int64_t base25 = d->net[0] + d->net[1] + d->net[2];
    int64_t bases[2] = {d->net[3], base25};
    int32_t rates[2] = {1500, 2500};
    for (int k = 0; k < 2; k++) {
        START(w, "cac:TaxSubtotal");
        bare_amount(w, "cbc:TaxableAmount", bases[k]);
        bare_amount(w, "cbc:TaxAmount", (bases[k] * rates[k] + 5000) / 10000);
        bare_category(w, "cac:TaxCategory", rates[k]);
        END(w);
    }
    END(w);
    START(w, "cac:LegalMonetaryTotal");
    bare_amount(w, "cbc:LineExtensionAmount", d->net_total);
    bare_amount(w, "cbc:TaxExclusiveAmount", d->net_total);
    bare_amount(w, "cbc:TaxInclusiveAmount", d->net_total + d->vat_total);
    bare_amount(w, "cbc:PayableAmount", d->net_total + d->vat_total);
    END(w);
    for (int l = 0; l < LINES; l++) {
        bare_line(w, d, l);
    }
    xmlTextWriterEndDocument(w);
}

static void bare_ehf(const struct doc *d, const char *path)
{
    xmlTextWriterPtr w = xmlNewTextWriterFilename(path, 0);
    if (w == NULL) {
        die("bare ehf", NULL);
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    bare_ehf_document(w, d);
    xmlFreeTextWriter(w);
}

/* ---- the run ---------------------------------------------------------------- */

/* Render one document to its own file. */
typedef void (*render_fn)(const struct doc *d, const char *path);

static double time_one(render_fn render, const struct doc *d, const char *path)
{
    double start = now_s();
    render(d, path);
    return now_s() - start;
}

/*
 * Both sides render document i, one after the other (taking turns at going
 * first), each to a file of its own: on a machine that others share, both
 * see the same load at the same moment, which rounds of one side and then
 * the other do not give. *ours_s and *bare_s are the sums.
 */
static void time_both(render_fn ours, render_fn bare, long n, const char *dir, const char *ext,
                      double *ours_s, double *bare_s)
{
    char ours_path[600];
    char bare_path[600];
    char bare_ext[16];
    snprintf(bare_ext, sizeof bare_ext, "bare.%s", ext);
    struct doc d;
    *ours_s = 0;
    *bare_s = 0;
    for (long i = 1; i <= n; i++) {
        doc_make(&d, i);
        doc_path(dir, i, ext, ours_path, sizeof ours_path);
        doc_path(dir, i, bare_ext, bare_path, sizeof bare_path);
        if (i % 2 == 0) {
            *ours_s += time_one(ours, &d, ours_path);
            *bare_s += time_one(bare, &d, bare_path);
        } else {
            *bare_s += time_one(bare, &d, bare_path);
            *ours_s += time_one(ours, &d, ours_path);
        }
    }
    docs_remove(dir, n, ext);
    docs_remove(dir, n, bare_ext);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
    const char *dir = argc > 2 ? argv[2] : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (n <= 0) {
        fprintf(stderr, "usage: bench_documents [N] [DIR]\n");
        return 2;
    }
    /* cairo's PDF surface grows and frees megabytes a document; glibc would
     * hand them back to the kernel each time (brk down and up, a TLB flush
     * on every CPU), which times the kernel rather than either side. */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    double ours = 0;
    double bare = 0;
    time_both(ours_pdf, bare_pdf, n, dir, "pdf", &ours, &bare);
    printf("bench pdf_invoice: %ld items, %.0f items/s, ratio %.2f vs cairo_pango_bare_strings\n",
           n, (double)n / ours, ours / bare);
    fflush(stdout);
    time_both(ours_ehf, bare_ehf, n, dir, "xml", &ours, &bare);
    printf("bench ehf_invoice: %ld items, %.0f items/s, ratio %.2f vs libxml2_textwriter_bare\n",
           n, (double)n / ours, ours / bare);
    return 0;
}
