/*
 * documents.c - an invoice or credit note as a document for the outside
 * world: EHF / Peppol BIS Billing 3.0 (formats/ehf.h), from the stored
 * invoice, its lines, its customer and the tenant.
 */
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "core/country.h"
#include "core/money.h"
#include "core/paycode.h"
#include "formats/ehf.h"
#include "formats/pdf.h"

/* An invoice with its customer and lines, for a document. */
static vinn_err load(struct vinn_app *app, const struct vinn_tenant *tenant, const char *number,
                     bool buffers_ok, struct vinn_invoice *inv, struct vinn_customer *c,
                     struct vinn_invoice_line *lines, uint32_t *count, struct vinn_error *error)
{
    vinn_err rc = buffers_ok ? vinn_store_invoice_get(app->store, tenant->id, number, inv, error)
                             : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK) {
        rc = vinn_store_customer_get_by_id(app->store, tenant->id, inv->customer_id, c, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_lines(app->store, tenant->id, inv->id, lines,
                                      VINN_INVOICE_LINES_MAX, count, error);
    }
    return rc;
}

vinn_err vinn_app_invoice_ehf(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, FILE *out, struct vinn_error *error)
{
    struct vinn_invoice inv;
    struct vinn_invoice original;
    struct vinn_customer c;
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    struct vinn_ehf_line *ehf_lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*ehf_lines));
    uint32_t count = 0;
    vinn_err rc = load(app, tenant, number, lines != NULL && ehf_lines != NULL, &inv, &c, lines,
                       &count, error);
    bool credit = rc == VINN_OK && inv.kind == VINN_INVOICE_KIND_CREDIT_NOTE;
    if (credit) {
        rc = vinn_store_invoice_get_by_id(app->store, tenant->id, inv.original_id, &original,
                                          error);
    }
    if (rc == VINN_OK) {
        for (uint32_t i = 0; i < count; i++) {
            ehf_lines[i] = (struct vinn_ehf_line){
                .text = lines[i].text,
                .quantity_milli = lines[i].quantity_milli,
                .unit_price_minor = lines[i].unit_price_minor,
                .vat_rate_bp = lines[i].vat_rate_bp,
                .net_minor = lines[i].net_minor,
            };
        }
        struct vinn_ehf_document d = {
            .kind = credit ? VINN_EHF_CREDIT_NOTE : VINN_EHF_INVOICE,
            .number = inv.number,
            .original_number = credit ? original.number : NULL,
            .issue_date = inv.issue_date,
            .has_due_date = !credit,
            .due_date = inv.due_date,
            .currency = inv.currency,
            .payment_reference = credit ? NULL : inv.reference,
            .seller =
                {
                    .name = tenant->name,
                    .org_no = tenant->org_no,
                    .address = {.country = tenant->country},
                    .vat_registered = tenant->org_no[0] != '\0',
                    .account = strcmp(tenant->country, "SE") == 0 ? NULL : tenant->account,
                    .bankgiro = strcmp(tenant->country, "SE") == 0 ? tenant->account : NULL,
                    .iban = tenant->iban[0] ? tenant->iban : NULL,
                },
            .buyer =
                {
                    .id = c.ext_id,
                    .name = c.name,
                    .org_no = c.org_no,
                    .address = {.lines = {c.address, NULL},
                                .postcode = c.postcode,
                                .city = c.city,
                                .country = c.country},
                    .email = c.email,
                },
            .lines = ehf_lines,
            .lines_count = count,
            .net_minor = inv.net_minor,
            .vat_minor = inv.vat_minor,
            .gross_minor = inv.gross_minor,
            .due_minor = inv.gross_minor,
        };
        rc = vinn_ehf_write(&d, out, error);
    }
    free(lines);
    free(ehf_lines);
    return rc;
}

/* ---- PDF ------------------------------------------------------------------ */

static const char *const titles[VINN_LANG_COUNT][2] = {
    [VINN_LANG_EN] = {"Invoice", "Credit note"},   [VINN_LANG_NB] = {"Faktura", "Kreditnota"},
    [VINN_LANG_SV] = {"Faktura", "Kreditfaktura"}, [VINN_LANG_FI] = {"Lasku", "Hyvityslasku"},
    [VINN_LANG_DA] = {"Faktura", "Kreditnota"},
};

static const char *const how_to_pay[VINN_LANG_COUNT] = {
    [VINN_LANG_EN] = "Pay in your online bank to the account above.\nUse the reference, so "
                     "that your payment is found at once.",
    [VINN_LANG_NB] = "Betal i nettbanken til kontonummeret over.\nBruk KID-nummeret, så blir "
                     "betalingen registrert riktig.",
    [VINN_LANG_SV] = "Betala i internetbanken till kontot ovan.\nAnge OCR-numret, så hittar vi "
                     "din betalning direkt.",
    [VINN_LANG_FI] = "Maksa verkkopankissa yllä olevalle tilille.\nKäytä viitenumeroa, niin "
                     "maksusi kohdistuu oikein.",
    [VINN_LANG_DA] = "Betal i netbanken til kontoen ovenfor.\nBrug referencen, så finder vi "
                     "din betaling med det samme.",
};

/* VAT per rate of the lines, as the invoice computed it (half up per rate). */
static size_t vat_rates(const struct vinn_invoice_line *lines, uint32_t count,
                        struct vinn_pdf_vat *out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < count; i++) {
        size_t k = 0;
        while (k < n && out[k].vat_rate_bp != lines[i].vat_rate_bp) {
            k++;
        }
        if (k == n) {
            if (n == VINN_PDF_VAT_MAX) {
                continue;
            }
            out[n++] = (struct vinn_pdf_vat){lines[i].vat_rate_bp, 0, 0};
        }
        out[k].base_minor += lines[i].net_minor;
    }
    for (size_t k = 0; k < n; k++) {
        int64_t gross = 0;
        if (vinn_vat_from_net(out[k].base_minor, out[k].vat_rate_bp, VINN_ROUND_HALF_UP,
                              &out[k].vat_minor, &gross) != VINN_OK) {
            out[k].vat_minor = 0;
        }
    }
    return n;
}

vinn_err vinn_app_invoice_pdf(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, const char *path, struct vinn_error *error)
{
    struct vinn_invoice inv;
    struct vinn_customer c;
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    struct vinn_pdf_line *pdf_lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*pdf_lines));
    uint32_t count = 0;
    vinn_err rc = load(app, tenant, number, lines != NULL && pdf_lines != NULL, &inv, &c, lines,
                       &count, error);
    if (rc != VINN_OK) {
        free(lines);
        free(pdf_lines);
        return rc;
    }
    enum vinn_lang lang = VINN_LANG_EN;
    if (vinn_lang_parse(c.lang, &lang, NULL) != VINN_OK) {
        lang = VINN_LANG_EN;
    }
    bool credit = inv.kind == VINN_INVOICE_KIND_CREDIT_NOTE;
    for (uint32_t i = 0; i < count; i++) {
        pdf_lines[i] = (struct vinn_pdf_line){lines[i].text, lines[i].quantity_milli,
                                              lines[i].unit_price_minor, lines[i].vat_rate_bp,
                                              lines[i].net_minor};
    }
    struct vinn_pdf_vat vat[VINN_PDF_VAT_MAX];
    size_t vat_count = vat_rates(lines, count, vat);
    char postcode_city[VINN_POSTCODE_MAX + VINN_CITY_MAX + 2];
    snprintf(postcode_city, sizeof(postcode_city), "%s %s", c.postcode, c.city);
    int64_t due = credit ? 0 : inv.outstanding_minor;
    /* Finnish invoices carry the virtual bank barcode; euro invoices the
     * EPC QR code (DOMAIN.md 4.8, 4.9). Without an IBAN there is neither. */
    char barcode[55] = "";
    char qr[VINN_EPC_QR_PAYLOAD_MAX + 1] = "";
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    if (!credit && strcmp(inv.currency, "EUR") == 0 && tenant->iban[0] != '\0' && due > 0) {
        if (strncmp(tenant->iban, "FI", 2) == 0 &&
            vinn_paycode_fi_barcode(tenant->iban, inv.reference, due, inv.due_date, barcode,
                                    &quiet) != VINN_OK) {
            barcode[0] = '\0';
        }
        bool rf = strncmp(inv.reference, "RF", 2) == 0;
        struct vinn_epc_qr q = {
            .charset = VINN_EPC_CHARSET_UTF8,
            .name = tenant->name,
            .iban = tenant->iban,
            .amount_cents = due,
            .reference = rf ? inv.reference : NULL,
            .text = rf ? NULL : inv.reference,
        };
        size_t len = 0;
        if (vinn_paycode_epc_qr(&q, qr, sizeof(qr), &len, &quiet) != VINN_OK) {
            qr[0] = '\0';
        }
    }
    struct vinn_pdf_invoice d = {
        .kind = credit ? VINN_PDF_CREDIT_NOTE : VINN_PDF_INVOICE,
        .lang = lang,
        .title = titles[lang][credit ? 1 : 0],
        .seller = {.name = tenant->name, .org_no = tenant->org_no},
        .seller_account = tenant->account,
        .seller_iban = tenant->iban,
        .buyer = {.name = c.name, .address_lines = {c.address, postcode_city, c.country}},
        .number = inv.number,
        .issue_date = inv.issue_date,
        .due_date = credit ? VINN_NO_DAY : inv.due_date,
        .currency = inv.currency,
        .lines = pdf_lines,
        .lines_count = count,
        .vat = vat,
        .vat_count = vat_count,
        .net_minor = inv.net_minor,
        .vat_minor = inv.vat_minor,
        .gross_minor = inv.gross_minor,
        .paid_minor = credit ? 0 : inv.gross_minor - inv.outstanding_minor - inv.credited_minor,
        .due_minor = due,
        .payment_reference = credit ? NULL : inv.reference,
        .how_to_pay = credit ? NULL : how_to_pay[lang],
        .epc_qr_payload = qr[0] ? qr : NULL,
        .fi_barcode = barcode[0] ? barcode : NULL,
    };
    rc = vinn_pdf_invoice_write(&d, path, error);
    free(lines);
    free(pdf_lines);
    return rc;
}
