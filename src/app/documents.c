/*
 * documents.c - an invoice or credit note as a document for the outside
 * world: EHF / Peppol BIS Billing 3.0 (formats/ehf.h) and PDF
 * (formats/pdf.h), and the PDF of a case's letters (pre-due, reminder,
 * notice), from the stored invoice, its lines, its customer, the case's
 * step with the message it sent, and the tenant. The words of the page are
 * in the customer's language: the tables below, filled in by core/template.
 */
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "base/assert.h"
#include "core/country.h"
#include "core/money.h"
#include "core/paycode.h"
#include "core/template.h"
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

/* An invoice's PDF in the making: what it is drawn from, and the drawing's
 * input, which borrows from the rest. */
struct pdf_parts {
    struct vinn_invoice inv;
    struct vinn_customer c;
    struct vinn_invoice_line lines[VINN_INVOICE_LINES_MAX];
    struct vinn_pdf_line pdf_lines[VINN_INVOICE_LINES_MAX];
    uint32_t count;
    struct vinn_pdf_vat vat[VINN_PDF_VAT_MAX];
    char postcode_city[VINN_POSTCODE_MAX + VINN_CITY_MAX + 2];
    char barcode[55];
    char qr[VINN_EPC_QR_PAYLOAD_MAX + 1];
    struct vinn_pdf_charge charges[2];
    char letter[VINN_PDF_LETTER_TEXT_MAX + 1];
    struct vinn_pdf_invoice d;
};

static enum vinn_lang lang_or_en(const char *code)
{
    enum vinn_lang lang = VINN_LANG_EN;
    return vinn_lang_parse(code, &lang, NULL) == VINN_OK ? lang : VINN_LANG_EN;
}

/* The invoice NUMBER with its customer and lines, drawn as an invoice or
 * credit note in the customer's language (a letter changes it after). */
static vinn_err pdf_load(struct vinn_app *app, const struct vinn_tenant *tenant,
                         const char *number, struct pdf_parts *pp, struct vinn_error *error)
{
    if (pp == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = load(app, tenant, number, true, &pp->inv, &pp->c, pp->lines, &pp->count, error);
    if (rc != VINN_OK) {
        return rc;
    }
    const struct vinn_invoice *inv = &pp->inv;
    const struct vinn_customer *c = &pp->c;
    enum vinn_lang lang = lang_or_en(c->lang);
    bool credit = inv->kind == VINN_INVOICE_KIND_CREDIT_NOTE;
    for (uint32_t i = 0; i < pp->count; i++) {
        const struct vinn_invoice_line *l = &pp->lines[i];
        pp->pdf_lines[i] = (struct vinn_pdf_line){l->text, l->quantity_milli, l->unit_price_minor,
                                                  l->vat_rate_bp, l->net_minor};
    }
    snprintf(pp->postcode_city, sizeof(pp->postcode_city), "%s %s", c->postcode, c->city);
    int64_t due = credit ? 0 : inv->outstanding_minor;
    pp->d = (struct vinn_pdf_invoice){
        .kind = credit ? VINN_PDF_CREDIT_NOTE : VINN_PDF_INVOICE,
        .lang = lang,
        .title = titles[lang][credit ? 1 : 0],
        .seller = {.name = tenant->name, .org_no = tenant->org_no},
        .seller_account = tenant->account,
        .seller_iban = tenant->iban,
        .buyer = {.name = c->name, .address_lines = {c->address, pp->postcode_city, c->country}},
        .number = inv->number,
        .issue_date = inv->issue_date,
        .due_date = credit ? VINN_NO_DAY : inv->due_date,
        .original_issue_date = VINN_NO_DAY,
        .original_due_date = VINN_NO_DAY,
        .currency = inv->currency,
        .lines = pp->pdf_lines,
        .lines_count = pp->count,
        .vat = pp->vat,
        .vat_count = vat_rates(pp->lines, pp->count, pp->vat),
        .net_minor = inv->net_minor,
        .vat_minor = inv->vat_minor,
        .gross_minor = inv->gross_minor,
        .paid_minor = credit ? 0 : inv->gross_minor - inv->outstanding_minor - inv->credited_minor,
        .due_minor = due,
        .payment_reference = credit ? NULL : inv->reference,
        .how_to_pay = credit ? NULL : how_to_pay[lang],
    };
    return VINN_OK;
}

/* Finnish invoices carry the virtual bank barcode; euro invoices the EPC
 * QR code (DOMAIN.md 4.8, 4.9), both for what is due by when. Without an
 * IBAN there is neither. */
static void pdf_codes(const struct vinn_tenant *tenant, struct pdf_parts *pp)
{
    const struct vinn_invoice *inv = &pp->inv;
    int64_t due = pp->d.due_minor;
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    pp->barcode[0] = '\0';
    pp->qr[0] = '\0';
    if (pp->d.kind == VINN_PDF_CREDIT_NOTE || strcmp(inv->currency, "EUR") != 0 ||
        tenant->iban[0] == '\0' || due <= 0) {
        return;
    }
    if (strncmp(tenant->iban, "FI", 2) == 0 &&
        vinn_paycode_fi_barcode(tenant->iban, inv->reference, due, pp->d.due_date, pp->barcode,
                                &quiet) != VINN_OK) {
        pp->barcode[0] = '\0';
    }
    bool rf = strncmp(inv->reference, "RF", 2) == 0;
    struct vinn_epc_qr q = {
        .charset = VINN_EPC_CHARSET_UTF8,
        .name = tenant->name,
        .iban = tenant->iban,
        .amount_cents = due,
        .reference = rf ? inv->reference : NULL,
        .text = rf ? NULL : inv->reference,
    };
    size_t len = 0;
    if (vinn_paycode_epc_qr(&q, pp->qr, sizeof(pp->qr), &len, &quiet) != VINN_OK) {
        pp->qr[0] = '\0';
    }
    pp->d.epc_qr_payload = pp->qr[0] ? pp->qr : NULL;
    pp->d.fi_barcode = pp->barcode[0] ? pp->barcode : NULL;
}

/* ---- a case's letters ------------------------------------------------------ */

/* The letter's name, by step kind (pre-due, reminder, notice): the notice
 * names itself as the law of each country asks (inkassoloven § 9,
 * god inkassosed, perintälaki, rykker med inkassovarsel; DOMAIN.md 2). */
static const char *const letter_titles[VINN_LANG_COUNT][3] = {
    [VINN_LANG_EN] = {"Reminder", "Payment reminder", "Debt collection notice"},
    [VINN_LANG_NB] = {"Påminnelse", "Purring", "Inkassovarsel"},
    [VINN_LANG_SV] = {"Påminnelse", "Betalningspåminnelse", "Inkassokrav"},
    [VINN_LANG_FI] = {"Muistutus", "Maksumuistutus", "Maksuvaatimus"},
    [VINN_LANG_DA] = {"Påmindelse", "Rykker", "Rykker med inkassovarsel"},
};

/* The fee and the interest lines of a reminder or notice. */
static const char *const letter_charges[VINN_LANG_COUNT][2] = {
    [VINN_LANG_EN] = {"Reminder fees", "Late-payment interest"},
    [VINN_LANG_NB] = {"Purregebyr", "Forsinkelsesrente"},
    [VINN_LANG_SV] = {"Påminnelseavgift", "Dröjsmålsränta"},
    [VINN_LANG_FI] = {"Muistutusmaksu", "Viivästyskorko"},
    [VINN_LANG_DA] = {"Rykkergebyr", "Morarenter"},
};

/* The letter's text, filled in by core/template's renderer. A reminder
 * says what is owed and by when; a notice adds that the claim goes to
 * collection with further costs if it is not paid by the deadline, and
 * how to object; a friendly pre-due note never mentions either. */
static const char *const letter_texts[VINN_LANG_COUNT][3] = {
    [VINN_LANG_EN] =
        {"A friendly reminder that invoice {{invoice_number}} falls due on {{due_date}}. If you "
         "have already paid, thank you.",
         "We have not received payment for invoice {{invoice_number}}, which fell due on "
         "{{due_date}}. Please pay {{total}} by {{deadline}}. If you have paid in the last few "
         "days, please disregard this letter.",
         "We have not received payment for invoice {{invoice_number}}, which fell due on "
         "{{due_date}}, despite our reminder. If {{total}} is not paid by {{deadline}}, the claim "
         "will be handed over to debt collection, which adds further costs. If you dispute the "
         "claim, contact {{tenant_name}} before the deadline."},
    [VINN_LANG_NB] =
        {"En vennlig påminnelse om at faktura {{invoice_number}} forfaller {{due_date}}. Har du "
         "allerede betalt, takk skal du ha.",
         "Vi har ikke mottatt betaling for faktura {{invoice_number}}, som forfalt {{due_date}}. "
         "Vennligst betal {{total}} innen {{deadline}}. Har du betalt de siste dagene, kan du se "
         "bort fra dette brevet.",
         "Vi har ikke mottatt betaling for faktura {{invoice_number}}, som forfalt {{due_date}}, "
         "til tross for purring. Betales ikke {{total}} innen {{deadline}}, blir kravet sendt til "
         "inkasso, og det påløper ytterligere kostnader. Er du uenig i kravet, ta kontakt med "
         "{{tenant_name}} før fristen."},
    [VINN_LANG_SV] =
        {"En vänlig påminnelse om att faktura {{invoice_number}} förfaller {{due_date}}. Har du "
         "redan betalat, tack så mycket.",
         "Vi har inte fått betalt för faktura {{invoice_number}}, som förföll {{due_date}}. "
         "Betala {{total}} senast {{deadline}}. Har du betalat de senaste dagarna kan du bortse "
         "från detta brev.",
         "Vi har inte fått betalt för faktura {{invoice_number}}, som förföll {{due_date}}, trots "
         "påminnelse. Betalas inte {{total}} senast {{deadline}} lämnas fordran till inkasso, "
         "vilket medför ytterligare kostnader. Har du invändningar mot kravet, kontakta "
         "{{tenant_name}} före sista betalningsdag."},
    [VINN_LANG_FI] =
        {"Ystävällinen muistutus: lasku {{invoice_number}} erääntyy {{due_date}}. Jos olet jo "
         "maksanut, kiitos.",
         "Emme ole saaneet maksua laskusta {{invoice_number}}, jonka eräpäivä oli {{due_date}}. "
         "Maksathan {{total}} viimeistään {{deadline}}. Jos olet maksanut viime päivinä, tämä "
         "kirje on aiheeton.",
         "Emme ole saaneet maksua laskusta {{invoice_number}}, jonka eräpäivä oli {{due_date}}, "
         "muistutuksesta huolimatta. Jos {{total}} ei ole maksettu viimeistään {{deadline}}, "
         "saatava siirretään perintään, mistä aiheutuu lisäkuluja. Jos kiistät saatavan, ota "
         "yhteyttä: {{tenant_name}}, ennen määräpäivää."},
    [VINN_LANG_DA] =
        {"En venlig påmindelse om, at faktura {{invoice_number}} forfalder {{due_date}}. Har du "
         "allerede betalt, tak for det.",
         "Vi har ikke modtaget betaling for faktura {{invoice_number}}, som forfaldt "
         "{{due_date}}. Betal venligst {{total}} senest {{deadline}}. Har du betalt inden for de "
         "seneste dage, kan du se bort fra dette brev.",
         "Vi har ikke modtaget betaling for faktura {{invoice_number}}, som forfaldt "
         "{{due_date}}, trods rykker. Betales {{total}} ikke senest {{deadline}}, overgives kravet "
         "til inkasso, hvilket medfører yderligere omkostninger. Er du uenig i kravet, så kontakt "
         "{{tenant_name}} inden fristen."},
};

struct step_find {
    uint32_t seq;
    bool found;
    struct vinn_case_step step;
    struct vinn_message message;
    bool has_message;
};

static vinn_err find_step(void *ctx, const struct vinn_case_step *step)
{
    struct step_find *f = ctx;
    if (step->seq == f->seq) {
        f->step = *step;
        f->found = true;
    }
    return VINN_OK;
}

static vinn_err find_message(void *ctx, const struct vinn_message *m)
{
    struct step_find *f = ctx;
    if (m->id == f->step.message_id) {
        f->message = *m;
        f->has_message = true;
    }
    return VINN_OK;
}

/* The step and the message it sent: VINN_E_STEP_NOT_FOUND, or
 * VINN_E_STEP_NOT_A_LETTER for a task, a hand-over or a step without one. */
static vinn_err step_load(struct vinn_app *app, const struct vinn_tenant *tenant,
                          const struct vinn_invoice *inv, struct step_find *f,
                          struct vinn_error *error)
{
    vinn_err rc = vinn_store_case_steps(app->store, tenant->id, inv->id, find_step, f, error);
    if (rc == VINN_OK && !f->found) {
        return vinn_fail(error, VINN_E_STEP_NOT_FOUND, "step",
                         "invoice '%s' has no step %u (vinn case show lists them)", inv->number,
                         f->seq);
    }
    const struct vinn_case_step *s = &f->step;
    if (rc == VINN_OK && (s->task || s->message_id == 0 || s->kind > VINN_STEP_NOTICE)) {
        return vinn_fail(error, VINN_E_STEP_NOT_A_LETTER, "step",
                         "step %u of invoice '%s' is %s, not a letter", f->seq, inv->number,
                         s->task ? "a task" : vinn_step_kind_name(s->kind));
    }
    if (rc == VINN_OK) {
        rc = vinn_store_messages(app->store, tenant->id, inv->id, 0, VINN_PAGE_MAX, find_message,
                                 f, error);
    }
    if (rc == VINN_OK && !f->has_message) {
        rc = vinn_fail(error, VINN_E_STEP_NOT_A_LETTER, "step",
                       "the letter of step %u of invoice '%s' is not in the outbox", f->seq,
                       inv->number);
    }
    return rc;
}

/* The letter's own text in its language, filled in. */
static vinn_err letter_text(const struct vinn_tenant *tenant, const struct pdf_parts *pp,
                            const struct vinn_message *m, size_t kind, char *out, size_t cap,
                            struct vinn_error *error)
{
    enum vinn_lang lang = pp->d.lang;
    char total[VINN_MONEY_TEXT_MAX];
    char due[16];
    char deadline[16];
    vinn_app_money_text(m->total_minor, m->currency, lang, 0, total, sizeof(total));
    vinn_app_date_text(pp->inv.due_date, lang, due, sizeof(due));
    vinn_app_date_text(pp->d.due_date, lang, deadline, sizeof(deadline));
    const struct vinn_template_value values[] = {
        {"invoice_number", pp->inv.number},
        {"due_date", due},
        {"deadline", deadline},
        {"total", total},
        {"tenant_name", tenant->name},
    };
    return vinn_template_render(letter_texts[lang][kind], values,
                                sizeof(values) / sizeof(values[0]), out, cap, error);
}

/* Turn the invoice's drawing into the letter of step f: the letter's date
 * and deadline over the invoice's dates, the original invoice's beside
 * them, the fees and interest owed when it was sent, and its total. */
static vinn_err letter_from_step(const struct vinn_tenant *tenant, const struct step_find *f,
                                 struct pdf_parts *pp, struct vinn_error *error)
{
    const struct vinn_message *m = &f->message;
    size_t kind = (size_t)f->step.kind;
    VINN_ASSERT(kind <= VINN_STEP_NOTICE);
    struct vinn_pdf_invoice *d = &pp->d;
    d->lang = lang_or_en(m->lang);
    d->kind = f->step.kind == VINN_STEP_NOTICE ? VINN_PDF_NOTICE : VINN_PDF_REMINDER;
    d->title = letter_titles[d->lang][kind];
    d->how_to_pay = how_to_pay[d->lang];
    d->issue_date = f->step.day;
    d->original_issue_date = pp->inv.issue_date;
    d->original_due_date = pp->inv.due_date;
    d->due_date = f->step.deadline != VINN_NO_DAY ? f->step.deadline : pp->inv.due_date;
    d->paid_minor = pp->inv.gross_minor - m->principal_minor;
    d->due_minor = m->total_minor;
    if (f->step.kind != VINN_STEP_PREDUE) {
        pp->charges[0] = (struct vinn_pdf_charge){letter_charges[d->lang][0], m->fees_minor};
        pp->charges[1] = (struct vinn_pdf_charge){letter_charges[d->lang][1], m->interest_minor};
        d->charges = pp->charges;
        d->charges_count = 2;
    }
    /* What the letter asks for is what it owes: the invoice's principal
     * left, the fees and the interest. */
    int64_t parts = 0;
    if (vinn_money_add(m->principal_minor, m->fees_minor, &parts) != VINN_OK ||
        vinn_money_add(parts, m->interest_minor, &parts) != VINN_OK || parts != m->total_minor) {
        return vinn_fail(error, VINN_E_CHECK_FAILED, "step",
                         "the letter's parts do not add up to its total %lld",
                         (long long)m->total_minor);
    }
    vinn_err rc = letter_text(tenant, pp, m, kind, pp->letter, sizeof(pp->letter), error);
    if (rc == VINN_OK) {
        d->letter_text = pp->letter;
    }
    return rc;
}

/* The drawing of invoice NUMBER (step 0) or of the letter of its case's
 * step: pp->d, which borrows from the rest of pp. */
static vinn_err document_load(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, uint32_t step, struct pdf_parts *pp,
                              struct vinn_error *error)
{
    struct step_find f = {.seq = step};
    vinn_err rc = pdf_load(app, tenant, number, pp, error);
    if (rc == VINN_OK && step > 0 && pp->inv.kind != VINN_INVOICE_KIND_INVOICE) {
        rc = vinn_fail(error, VINN_E_STEP_NOT_FOUND, "number",
                       "'%s' is a credit note: it has no case", number);
    }
    if (rc == VINN_OK && step > 0) {
        rc = step_load(app, tenant, &pp->inv, &f, error);
    }
    if (rc == VINN_OK && step > 0) {
        rc = letter_from_step(tenant, &f, pp, error);
    }
    if (rc == VINN_OK) {
        pdf_codes(tenant, pp);
    }
    return rc;
}

/* Where a drawn document goes: exactly one of a file, a stream, a book. */
struct document_sink {
    const char *path;
    FILE *stream;
    struct vinn_pdf_book *book;
    size_t *pages; /* the book's */
};

static vinn_err document_draw(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, uint32_t step, struct document_sink sink,
                              struct vinn_error *error)
{
    struct pdf_parts *pp = calloc(1, sizeof(*pp));
    vinn_err rc = pp != NULL ? document_load(app, tenant, number, step, pp, error)
                             : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK && sink.book != NULL) {
        rc = vinn_pdf_book_add(sink.book, &pp->d, sink.pages, error);
    } else if (rc == VINN_OK && sink.stream != NULL) {
        rc = vinn_pdf_invoice_stream(&pp->d, sink.stream, error);
    } else if (rc == VINN_OK) {
        rc = vinn_pdf_invoice_write(&pp->d, sink.path, error);
    }
    free(pp);
    return rc;
}

vinn_err vinn_app_invoice_pdf(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, const char *path, struct vinn_error *error)
{
    return document_draw(app, tenant, number, 0, (struct document_sink){.path = path}, error);
}

vinn_err vinn_app_invoice_pdf_stream(struct vinn_app *app, const struct vinn_tenant *tenant,
                                     const char *number, FILE *out, struct vinn_error *error)
{
    return document_draw(app, tenant, number, 0, (struct document_sink){.stream = out}, error);
}

vinn_err vinn_app_step_pdf(struct vinn_app *app, const struct vinn_tenant *tenant,
                           const char *number, uint32_t step, const char *path,
                           struct vinn_error *error)
{
    VINN_ASSERT(step > 0);
    return document_draw(app, tenant, number, step, (struct document_sink){.path = path}, error);
}

vinn_err vinn_app_document_add(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const char *number, uint32_t step, struct vinn_pdf_book *book,
                               size_t *pages, struct vinn_error *error)
{
    VINN_ASSERT(book != NULL);
    return document_draw(app, tenant, number, step,
                         (struct document_sink){.book = book, .pages = pages}, error);
}
