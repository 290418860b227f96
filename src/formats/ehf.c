/*
 * ehf.c - the EHF / Peppol BIS Billing 3.0 writer (ehf.h says what is
 * written and why).
 *
 * Two passes: ehf_plan checks the whole document and works out what the
 * file needs (identifiers, the payment account, the VAT breakdown); only
 * then does ehf_emit write, through libxml2's xmlTextWriter, so a
 * validation error never leaves half a file. Element order follows the
 * UBL 2.1 maindoc schemas (UBL-Invoice-2.1.xsd, UBL-CreditNote-2.1.xsd).
 */
#include "formats/ehf.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "base/text.h"
#include "core/ident.h"
#include "core/invoice.h"
#include "core/money.h"

static const char ehf_customization_id[] =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
static const char ehf_profile_id[] = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
static const char ehf_ns_cac[] =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
static const char ehf_ns_cbc[] =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

enum {
    /* Identifiers written: machine forms of ident.h plus a VAT affix. */
    EHF_ID_MAX = VINN_ID_TEXT_MAX + 8,
    /* A BIC is 8 or 11 characters; a little room for what people type. */
    EHF_BIC_MAX = 16,
    /* Free texts of the document: payment terms and exemption reasons. */
    EHF_NOTE_MAX = 500,
    /* "Credit for invoice '" + number + "'". */
    EHF_CREDIT_TERMS_MAX = VINN_INVOICE_NUMBER_MAX + 32,
};

enum ehf_pay { EHF_PAY_BANKGIRO, EHF_PAY_ACCOUNT, EHF_PAY_IBAN };

/* One party's identifiers as written. */
struct ehf_party {
    char country[3];
    char org[EHF_ID_MAX];    /* "" for none */
    const char *org_scheme;  /* "0192", "0007" or NULL */
    char vat_id[EHF_ID_MAX]; /* seller only; "" when not VAT registered */
    const char *endpoint_scheme;
    const char *endpoint;
};

/* One TaxSubtotal: a category (UNCL5305) and a rate. */
struct ehf_group {
    char category;
    int32_t rate_bp;
    int64_t taxable_minor;
    int64_t vat_minor;
};

struct ehf_plan {
    const struct vinn_currency *cur;
    struct ehf_party seller;
    struct ehf_party buyer;
    enum ehf_pay pay;
    char account[EHF_ID_MAX];
    const char *bic; /* "" or NULL for none */
    const char *buyer_reference;
    const char *terms; /* PaymentTerms/Note; NULL for none */
    char credit_terms[EHF_CREDIT_TERMS_MAX];
    size_t groups_count;
    struct ehf_group groups[VINN_VAT_GROUPS_MAX];
};

static bool is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* A single-line text of at most max bytes, NUL or "" allowed unless required. */
static vinn_err check_text(const char *s, size_t max, bool required, const char *field,
                           struct vinn_error *error)
{
    unsigned flags = VINN_TEXT_SINGLE_LINE | (required ? VINN_TEXT_REQUIRED : 0u);
    return vinn_text_check(s, max, flags, field, error);
}

/* ISO 3166-1 alpha-2, either case, into out upper case. */
static vinn_err check_country(const char *s, const char *field, char out[3],
                              struct vinn_error *error)
{
    if (!is_set(s)) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, field, "%s is required", field);
    }
    bool letters = strlen(s) == 2;
    for (size_t i = 0; letters && i < 2; i++) {
        char c = s[i];
        letters = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
    if (!letters) {
        return vinn_fail(error, VINN_E_COUNTRY_UNKNOWN, field,
                         "%s '%.8s' is not an ISO 3166-1 two-letter code", field, s);
    }
    out[0] = (char)(s[0] & ~0x20);
    out[1] = (char)(s[1] & ~0x20);
    out[2] = '\0';
    return VINN_OK;
}

/* Address texts and country (BR-08, BR-10: the country is mandatory). */
static vinn_err check_address(const struct vinn_ehf_address *a, const char *party, char out[3],
                              struct vinn_error *error)
{
    char field[VINN_ERROR_FIELD_MAX];
    for (size_t i = 0; i < 2; i++) {
        snprintf(field, sizeof field, "%s.address.lines[%zu]", party, i);
        vinn_err err = check_text(a->lines[i], VINN_ADDRESS_LINE_MAX, false, field, error);
        if (err != VINN_OK) {
            return err;
        }
    }
    snprintf(field, sizeof field, "%s.address.postcode", party);
    vinn_err err = check_text(a->postcode, VINN_POSTCODE_MAX, false, field, error);
    if (err == VINN_OK) {
        snprintf(field, sizeof field, "%s.address.city", party);
        err = check_text(a->city, VINN_CITY_MAX, false, field, error);
    }
    if (err == VINN_OK) {
        snprintf(field, sizeof field, "%s.address.country", party);
        err = check_country(a->country, field, out, error);
    }
    return err;
}

/*
 * Name, address, organisation number and endpoint of a party. A Norwegian
 * or Swedish org number is checked and is the endpoint (0192, 0007);
 * otherwise the e-mail is (EM).
 */
static vinn_err plan_party(const char *party, const char *name, const char *org_no,
                           const struct vinn_ehf_address *address, const char *email,
                           struct ehf_party *p, struct vinn_error *error)
{
    char field[VINN_ERROR_FIELD_MAX];
    snprintf(field, sizeof field, "%s.name", party);
    vinn_err err = check_text(name, VINN_NAME_MAX, true, field, error);
    if (err == VINN_OK) {
        err = check_address(address, party, p->country, error);
    }
    if (err == VINN_OK) {
        snprintf(field, sizeof field, "%s.email", party);
        err = check_text(email, VINN_EMAIL_MAX, false, field, error);
    }
    if (err != VINN_OK) {
        return err;
    }
    snprintf(field, sizeof field, "%s.org_no", party);
    bool no = strcmp(p->country, "NO") == 0;
    bool se = strcmp(p->country, "SE") == 0;
    p->org[0] = '\0';
    p->org_scheme = NULL;
    if (is_set(org_no) && (no || se)) {
        err = vinn_id_check(no ? VINN_ID_NO_ORG : VINN_ID_SE_ORG, org_no, 0, field, p->org,
                            sizeof p->org, error);
        p->org_scheme = no ? "0192" : "0007";
    } else if (is_set(org_no)) {
        err = check_text(org_no, VINN_IDENT_MAX, true, field, error);
        snprintf(p->org, sizeof p->org, "%s", org_no);
    }
    if (err != VINN_OK) {
        return err;
    }
    if (p->org_scheme != NULL) {
        p->endpoint_scheme = p->org_scheme;
        p->endpoint = p->org;
        return VINN_OK;
    }
    if (!is_set(email)) {
        /* PEPPOL-EN16931-R010 / R020: every party has an electronic address. */
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, field,
                         "%s or %s.email is required for the Peppol endpoint (R010, R020)", field,
                         party);
    }
    p->endpoint_scheme = "EM";
    p->endpoint = email;
    return VINN_OK;
}

/* The seller's VAT identifier (BT-31): NO-R-001, SE-R-001/002, else given. */
static vinn_err plan_seller_vat(const struct vinn_ehf_seller *s, struct ehf_party *p,
                                struct vinn_error *error)
{
    p->vat_id[0] = '\0';
    if (!s->vat_registered) {
        return VINN_OK;
    }
    bool no = strcmp(p->country, "NO") == 0;
    bool se = strcmp(p->country, "SE") == 0;
    if ((no || se) && p->org[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "seller.org_no",
                         "seller.org_no is required for a VAT registered seller in '%s'",
                         p->country);
    }
    if (no || se) {
        snprintf(p->vat_id, sizeof p->vat_id, no ? "NO%sMVA" : "SE%s01", p->org);
        return VINN_OK;
    }
    vinn_err err = check_text(s->vat_id, VINN_IDENT_MAX, true, "seller.vat_id", error);
    if (err == VINN_OK) {
        snprintf(p->vat_id, sizeof p->vat_id, "%s", s->vat_id);
    }
    return err;
}

/* The account paid to (BT-84, BR-61), by the preference ehf.h gives. */
static vinn_err plan_account(const struct vinn_ehf_seller *s, struct ehf_plan *plan,
                             struct vinn_error *error)
{
    bool domestic = strcmp(plan->seller.country, plan->buyer.country) == 0;
    plan->bic = NULL;
    if (is_set(s->bankgiro)) {
        plan->pay = EHF_PAY_BANKGIRO;
        return vinn_id_check(VINN_ID_SE_BANKGIRO, s->bankgiro, 0, "seller.bankgiro", plan->account,
                             sizeof plan->account, error);
    }
    if (is_set(s->account) && (domestic || !is_set(s->iban))) {
        plan->pay = EHF_PAY_ACCOUNT;
        if (strcmp(plan->seller.country, "NO") == 0) {
            return vinn_id_check(VINN_ID_NO_ACCOUNT, s->account, 0, "seller.account", plan->account,
                                 sizeof plan->account, error);
        }
        vinn_err err = check_text(s->account, VINN_IDENT_MAX, true, "seller.account", error);
        if (err == VINN_OK) {
            snprintf(plan->account, sizeof plan->account, "%s", s->account);
        }
        return err;
    }
    if (!is_set(s->iban)) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "seller.account",
                         "seller.account, seller.iban or seller.bankgiro is required to be "
                         "paid by credit transfer (BR-61)");
    }
    plan->pay = EHF_PAY_IBAN;
    vinn_err err = check_text(s->bic, EHF_BIC_MAX, false, "seller.bic", error);
    if (err == VINN_OK) {
        plan->bic = s->bic;
        err = vinn_id_check(VINN_ID_IBAN, s->iban, 0, "seller.iban", plan->account,
                            sizeof plan->account, error);
    }
    return err;
}

/* The UNCL5305 category of a line (ehf.h). */
static char line_category(const struct vinn_ehf_document *doc, const struct vinn_ehf_line *line)
{
    if (!doc->seller.vat_registered) {
        return 'O';
    }
    if (line->vat_rate_bp > 0) {
        return 'S';
    }
    return line->vat_exempt ? 'E' : 'Z';
}

/* Add a line's net to its subtotal, keeping the subtotals ascending by rate. */
static vinn_err group_add(struct ehf_plan *plan, char category, int32_t rate_bp, int64_t net,
                          const char *field, struct vinn_error *error)
{
    size_t i = 0;
    while (i < plan->groups_count &&
           (plan->groups[i].rate_bp < rate_bp ||
            (plan->groups[i].rate_bp == rate_bp && plan->groups[i].category < category))) {
        i++;
    }
    struct ehf_group *g = &plan->groups[i];
    if (i == plan->groups_count || g->rate_bp != rate_bp || g->category != category) {
        if (plan->groups_count == VINN_VAT_GROUPS_MAX) {
            return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, field,
                             "more than %d VAT categories and rates on one document",
                             VINN_VAT_GROUPS_MAX);
        }
        memmove(g + 1, g, (plan->groups_count - i) * sizeof *g);
        *g = (struct ehf_group){.category = category, .rate_bp = rate_bp};
        plan->groups_count++;
    }
    if (vinn_money_add(g->taxable_minor, net, &g->taxable_minor) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, field, NULL);
    }
    return VINN_OK;
}

static vinn_err plan_line(const struct vinn_ehf_document *doc, size_t i, struct ehf_plan *plan,
                          struct vinn_error *error)
{
    const struct vinn_ehf_line *line = &doc->lines[i];
    char field[VINN_ERROR_FIELD_MAX];
    snprintf(field, sizeof field, "lines[%zu].text", i);
    vinn_err err = check_text(line->text, VINN_LINE_TEXT_MAX, true, field, error);
    if (err != VINN_OK) {
        return err;
    }
    snprintf(field, sizeof field, "lines[%zu].quantity_milli", i);
    if (line->quantity_milli <= 0 || line->quantity_milli > VINN_QUANTITY_MAX_MILLI) {
        return vinn_fail(error, VINN_E_QUANTITY_INVALID, field,
                         "%s %lld must be above 0 and at most %lld", field,
                         (long long)line->quantity_milli, (long long)VINN_QUANTITY_MAX_MILLI);
    }
    snprintf(field, sizeof field, "lines[%zu].unit_price_minor", i);
    if (line->unit_price_minor < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, field,
                         "%s must not be negative (BR-27)", field);
    }
    snprintf(field, sizeof field, "lines[%zu].vat_rate_bp", i);
    /* An exempt line or a seller outside VAT takes no rate (BR-E-05, BR-O-05). */
    char category = line_category(doc, line);
    char wanted = category == 'S' && line->vat_exempt ? 'E' : category;
    bool rate_ok = line->vat_rate_bp >= 0 && line->vat_rate_bp <= 10000;
    if (!rate_ok || (wanted != 'S' && line->vat_rate_bp != 0)) {
        return vinn_fail(error, VINN_E_VAT_RATE_INVALID, field,
                         "%s %ld is not valid for VAT category '%c'", field,
                         (long)line->vat_rate_bp, wanted);
    }
    snprintf(field, sizeof field, "lines[%zu].net_minor", i);
    int64_t net = 0;
    if (vinn_money_mul_div(line->unit_price_minor, line->quantity_milli, VINN_QUANTITY_SCALE,
                           VINN_ROUND_HALF_UP, &net) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, field, NULL);
    }
    if (net != line->net_minor) {
        return vinn_fail(error, VINN_E_CHECK_FAILED, field,
                         "%s %lld is not quantity x unit price %lld (PEPPOL-EN16931-R120)", field,
                         (long long)line->net_minor, (long long)net);
    }
    return group_add(plan, category, line->vat_rate_bp, net, field, error);
}

static vinn_err total_mismatch(const char *field, int64_t given, int64_t expected, const char *rule,
                               struct vinn_error *error)
{
    return vinn_fail(error, VINN_E_CHECK_FAILED, field, "%s %lld should be %lld (%s)", field,
                     (long long)given, (long long)expected, rule);
}

/*
 * Each S subtotal's VAT rounded half up (BR-CO-17), then the document's
 * VAT total reconciled: at most one minor unit per S subtotal moves, to
 * the first ones (ehf.h).
 */
static vinn_err plan_vat(const struct vinn_ehf_document *doc, struct ehf_plan *plan,
                         struct vinn_error *error)
{
    int64_t sum = 0;
    int64_t standard = 0;
    for (size_t i = 0; i < plan->groups_count; i++) {
        struct ehf_group *g = &plan->groups[i];
        int64_t gross = 0;
        if (vinn_vat_from_net(g->taxable_minor, g->rate_bp, VINN_ROUND_HALF_UP, &g->vat_minor,
                              &gross) != VINN_OK ||
            vinn_money_add(sum, g->vat_minor, &sum) != VINN_OK) {
            return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "totals.vat_minor", NULL);
        }
        standard += g->category == 'S';
    }
    int64_t diff = 0;
    if (vinn_money_sub(doc->vat_minor, sum, &diff) != VINN_OK || diff > standard ||
        diff < -standard) {
        return total_mismatch("totals.vat_minor", doc->vat_minor, sum, "BR-CO-14, BR-CO-17", error);
    }
    for (size_t i = 0; i < plan->groups_count && diff != 0; i++) {
        if (plan->groups[i].category == 'S') {
            int64_t step = diff > 0 ? 1 : -1;
            plan->groups[i].vat_minor += step;
            diff -= step;
        }
    }
    VINN_ASSERT(diff == 0);
    return VINN_OK;
}

/* Lines, breakdown and totals: BR-CO-10, 14, 15, 16. */
static vinn_err plan_amounts(const struct vinn_ehf_document *doc, struct ehf_plan *plan,
                             struct vinn_error *error)
{
    if (doc->lines_count == 0 || doc->lines == NULL) {
        return vinn_fail(error, VINN_E_INVOICE_NO_LINES, "lines",
                         "lines: a document needs at least one line (BR-16)");
    }
    if (doc->lines_count > VINN_INVOICE_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                         "lines: %zu is more than %d", doc->lines_count, VINN_INVOICE_LINES_MAX);
    }
    int64_t net = 0;
    for (size_t i = 0; i < doc->lines_count; i++) {
        vinn_err err = plan_line(doc, i, plan, error);
        if (err != VINN_OK) {
            return err;
        }
        if (vinn_money_add(net, doc->lines[i].net_minor, &net) != VINN_OK) {
            return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "totals.net_minor", NULL);
        }
    }
    if (doc->net_minor != net) {
        return total_mismatch("totals.net_minor", doc->net_minor, net, "BR-CO-10", error);
    }
    vinn_err err = plan_vat(doc, plan, error);
    if (err != VINN_OK) {
        return err;
    }
    int64_t gross = 0;
    int64_t due = 0;
    if (vinn_money_add(net, doc->vat_minor, &gross) != VINN_OK || doc->gross_minor != gross) {
        return total_mismatch("totals.gross_minor", doc->gross_minor, gross, "BR-CO-15", error);
    }
    if (doc->prepaid_minor < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "totals.prepaid_minor",
                         "totals.prepaid_minor must not be negative");
    }
    if (vinn_money_sub(gross, doc->prepaid_minor, &due) != VINN_OK || doc->due_minor != due) {
        return total_mismatch("totals.due_minor", doc->due_minor, due, "BR-CO-16", error);
    }
    return VINN_OK;
}

/* Number, kind, dates, currency, references and terms. */
static vinn_err plan_header(const struct vinn_ehf_document *doc, struct ehf_plan *plan,
                            struct vinn_error *error)
{
    bool credit = doc->kind == VINN_EHF_CREDIT_NOTE;
    if (!credit && doc->kind != VINN_EHF_INVOICE) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "kind",
                         "kind %d is neither 380 (invoice) nor 381 (credit note)", (int)doc->kind);
    }
    vinn_err err = check_text(doc->number, VINN_INVOICE_NUMBER_MAX, true, "number", error);
    if (err == VINN_OK) {
        err = check_text(doc->original_number, VINN_INVOICE_NUMBER_MAX, credit, "original_number",
                         error);
    }
    if (err == VINN_OK) {
        err = check_text(doc->payment_reference, VINN_REFERENCE_MAX, false, "payment_reference",
                         error);
    }
    if (err == VINN_OK) {
        err = check_text(doc->payment_terms, EHF_NOTE_MAX, false, "payment_terms", error);
    }
    if (err == VINN_OK) {
        err = check_text(doc->exemption_reason, EHF_NOTE_MAX, false, "exemption_reason", error);
    }
    if (err == VINN_OK) {
        err =
            check_text(doc->buyer_reference, VINN_CUSTOMER_ID_MAX, false, "buyer_reference", error);
    }
    if (err == VINN_OK) {
        err = check_text(doc->buyer.id, VINN_CUSTOMER_ID_MAX, true, "buyer.id", error);
    }
    if (err == VINN_OK) {
        err = vinn_currency_parse(doc->currency, "currency", &plan->cur, error);
    }
    if (err != VINN_OK) {
        return err;
    }
    if (plan->cur->exponent > 2) {
        return vinn_fail(error, VINN_E_AMOUNT_TOO_MANY_DECIMALS, "currency",
                         "currency '%s' has %u decimals; Peppol amounts take at most 2 (BR-DEC)",
                         plan->cur->code, (unsigned)plan->cur->exponent);
    }
    if (doc->has_due_date && doc->due_date < doc->issue_date) {
        return vinn_fail(error, VINN_E_DUE_BEFORE_DATE, "due_date",
                         "due_date is before issue_date");
    }
    plan->buyer_reference = is_set(doc->buyer_reference) ? doc->buyer_reference : doc->buyer.id;
    plan->terms = is_set(doc->payment_terms) ? doc->payment_terms : NULL;
    if (credit && plan->terms == NULL) {
        snprintf(plan->credit_terms, sizeof plan->credit_terms, "Credit for invoice %s",
                 doc->original_number);
        plan->terms = plan->credit_terms;
    }
    return VINN_OK;
}

static vinn_err ehf_plan(const struct vinn_ehf_document *doc, struct ehf_plan *plan,
                         struct vinn_error *error)
{
    const struct vinn_ehf_seller *s = &doc->seller;
    const struct vinn_ehf_buyer *b = &doc->buyer;
    vinn_err err = plan_header(doc, plan, error);
    if (err == VINN_OK) {
        err = plan_party("seller", s->name, s->org_no, &s->address, s->email, &plan->seller, error);
    }
    if (err == VINN_OK) {
        err = plan_seller_vat(s, &plan->seller, error);
    }
    if (err == VINN_OK) {
        err = plan_party("buyer", b->name, b->org_no, &b->address, b->email, &plan->buyer, error);
    }
    if (err == VINN_OK && doc->kind == VINN_EHF_INVOICE) {
        err = plan_account(s, plan, error);
    }
    if (err == VINN_OK) {
        err = plan_amounts(doc, plan, error);
    }
    if (err != VINN_OK) {
        return err;
    }
    /* BR-CO-25: something due needs a due date or payment terms. */
    if (doc->due_minor > 0 && !doc->has_due_date && plan->terms == NULL) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "due_date",
                         "due_date or payment_terms is required when an amount is due "
                         "(BR-CO-25)");
    }
    return VINN_OK;
}

/* The writer: each call is a no-op once one has failed, checked at the end. */
struct ehf_out {
    xmlTextWriterPtr w;
    const struct vinn_currency *cur;
    bool failed;
};

static void out_check(struct ehf_out *o, int rc)
{
    if (rc < 0) {
        o->failed = true;
    }
}

static void out_start(struct ehf_out *o, const char *name)
{
    if (!o->failed) {
        out_check(o, xmlTextWriterStartElement(o->w, BAD_CAST name));
    }
}

static void out_end(struct ehf_out *o)
{
    if (!o->failed) {
        out_check(o, xmlTextWriterEndElement(o->w));
    }
}

/* <name attr="value">text</name>; attr may be NULL. Nothing for an empty
 * text: Peppol forbids empty elements (PEPPOL-EN16931-R008). */
static void out_leaf(struct ehf_out *o, const char *name, const char *attr, const char *value,
                     const char *text)
{
    if (o->failed || !is_set(text)) {
        return;
    }
    out_start(o, name);
    if (attr != NULL && !o->failed) {
        out_check(o, xmlTextWriterWriteAttribute(o->w, BAD_CAST attr, BAD_CAST value));
    }
    if (!o->failed) {
        out_check(o, xmlTextWriterWriteString(o->w, BAD_CAST text));
    }
    out_end(o);
}

static void out_text(struct ehf_out *o, const char *name, const char *text)
{
    out_leaf(o, name, NULL, NULL, text);
}

/* An amount with the document currency (PEPPOL-EN16931-R051). */
static void out_amount(struct ehf_out *o, const char *name, int64_t minor)
{
    char text[VINN_MONEY_TEXT_MAX];
    if (vinn_money_format_plain(minor, o->cur, text, sizeof text) != VINN_OK) {
        o->failed = true;
        return;
    }
    out_leaf(o, name, "currencyID", o->cur->code, text);
}

/* A non-negative value scaled by 10^decimals as a decimal without
 * trailing zeros: 1500 (3) -> "1.5", 2500 (2) -> "25". */
static void format_scaled(int64_t value, unsigned decimals, char *out, size_t cap)
{
    VINN_ASSERT(value >= 0);
    int64_t scale = 1;
    for (unsigned i = 0; i < decimals; i++) {
        scale *= 10;
    }
    int64_t frac = value % scale;
    int n = snprintf(out, cap, "%lld", (long long)(value / scale));
    if (frac == 0) {
        return;
    }
    unsigned digits = decimals;
    while (frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    snprintf(out + n, cap - (size_t)n, ".%0*lld", (int)digits, (long long)frac);
}

static void out_date(struct ehf_out *o, const char *name, vinn_day day)
{
    char text[VINN_DATE_ISO_SIZE];
    vinn_day_format(day, text);
    out_text(o, name, text);
}

/* TaxCategory or ClassifiedTaxCategory: the O category has no rate (BR-O-05). */
static void out_tax_category(struct ehf_out *o, const char *name, char category, int32_t rate_bp,
                             const char *reason)
{
    char id[2] = {category, '\0'};
    char percent[24];
    format_scaled(rate_bp, 2, percent, sizeof percent);
    out_start(o, name);
    out_text(o, "cbc:ID", id);
    if (category != 'O') {
        out_text(o, "cbc:Percent", percent);
    }
    out_text(o, "cbc:TaxExemptionReason", reason);
    out_start(o, "cac:TaxScheme");
    out_text(o, "cbc:ID", "VAT");
    out_end(o);
    out_end(o);
}

static void out_address(struct ehf_out *o, const struct vinn_ehf_address *a, const char *country)
{
    out_start(o, "cac:PostalAddress");
    out_text(o, "cbc:StreetName", a->lines[0]);
    out_text(o, "cbc:AdditionalStreetName", a->lines[1]);
    out_text(o, "cbc:CityName", a->city);
    out_text(o, "cbc:PostalZone", a->postcode);
    out_start(o, "cac:Country");
    out_text(o, "cbc:IdentificationCode", country);
    out_end(o);
    out_end(o);
}

static void out_party_tax_scheme(struct ehf_out *o, const char *company_id, const char *scheme)
{
    out_start(o, "cac:PartyTaxScheme");
    out_text(o, "cbc:CompanyID", company_id);
    out_start(o, "cac:TaxScheme");
    out_text(o, "cbc:ID", scheme);
    out_end(o);
    out_end(o);
}

/* AccountingSupplierParty or AccountingCustomerParty. business_register:
 * NO-R-002's "Foretaksregisteret". */
static void out_party(struct ehf_out *o, const char *role, const struct ehf_party *p,
                      const char *name, const struct vinn_ehf_address *address, const char *email,
                      bool business_register)
{
    out_start(o, role);
    out_start(o, "cac:Party");
    out_leaf(o, "cbc:EndpointID", "schemeID", p->endpoint_scheme, p->endpoint);
    out_start(o, "cac:PartyName");
    out_text(o, "cbc:Name", name);
    out_end(o);
    out_address(o, address, p->country);
    if (p->vat_id[0] != '\0') {
        out_party_tax_scheme(o, p->vat_id, "VAT");
    }
    if (business_register) {
        out_party_tax_scheme(o, "Foretaksregisteret", "TAX");
    }
    out_start(o, "cac:PartyLegalEntity");
    out_text(o, "cbc:RegistrationName", name);
    if (p->org_scheme != NULL) {
        out_leaf(o, "cbc:CompanyID", "schemeID", p->org_scheme, p->org);
    } else {
        out_text(o, "cbc:CompanyID", p->org);
    }
    out_end(o);
    if (is_set(email)) {
        out_start(o, "cac:Contact");
        out_text(o, "cbc:ElectronicMail", email);
        out_end(o);
    }
    out_end(o);
    out_end(o);
}

static void out_payment_means(struct ehf_out *o, const struct vinn_ehf_document *doc,
                              const struct ehf_plan *plan)
{
    out_start(o, "cac:PaymentMeans");
    out_leaf(o, "cbc:PaymentMeansCode", "name", "Credit transfer", "30");
    out_text(o, "cbc:PaymentID", doc->payment_reference);
    out_start(o, "cac:PayeeFinancialAccount");
    out_text(o, "cbc:ID", plan->account);
    const char *branch = plan->pay == EHF_PAY_BANKGIRO ? "SE:BANKGIRO"
                         : plan->pay == EHF_PAY_IBAN   ? plan->bic
                                                       : NULL;
    if (is_set(branch)) {
        out_start(o, "cac:FinancialInstitutionBranch");
        out_text(o, "cbc:ID", branch);
        out_end(o);
    }
    out_end(o);
    out_end(o);
}

static const char *group_reason(const struct vinn_ehf_document *doc, char category)
{
    if (category == 'O') {
        return "Not subject to VAT";
    }
    if (category == 'E') {
        return is_set(doc->exemption_reason) ? doc->exemption_reason : "Exempt from VAT";
    }
    return NULL;
}

static void out_totals(struct ehf_out *o, const struct vinn_ehf_document *doc,
                       const struct ehf_plan *plan)
{
    out_start(o, "cac:TaxTotal");
    out_amount(o, "cbc:TaxAmount", doc->vat_minor);
    for (size_t i = 0; i < plan->groups_count; i++) {
        const struct ehf_group *g = &plan->groups[i];
        out_start(o, "cac:TaxSubtotal");
        out_amount(o, "cbc:TaxableAmount", g->taxable_minor);
        out_amount(o, "cbc:TaxAmount", g->vat_minor);
        out_tax_category(o, "cac:TaxCategory", g->category, g->rate_bp,
                         group_reason(doc, g->category));
        out_end(o);
    }
    out_end(o);
    out_start(o, "cac:LegalMonetaryTotal");
    out_amount(o, "cbc:LineExtensionAmount", doc->net_minor);
    out_amount(o, "cbc:TaxExclusiveAmount", doc->net_minor);
    out_amount(o, "cbc:TaxInclusiveAmount", doc->gross_minor);
    if (doc->prepaid_minor > 0) {
        out_amount(o, "cbc:PrepaidAmount", doc->prepaid_minor);
    }
    out_amount(o, "cbc:PayableAmount", doc->due_minor);
    out_end(o);
}

static void out_lines(struct ehf_out *o, const struct vinn_ehf_document *doc)
{
    bool credit = doc->kind == VINN_EHF_CREDIT_NOTE;
    for (size_t i = 0; i < doc->lines_count; i++) {
        const struct vinn_ehf_line *line = &doc->lines[i];
        char id[24];
        char quantity[32];
        snprintf(id, sizeof id, "%zu", i + 1);
        format_scaled(line->quantity_milli, VINN_QUANTITY_DECIMALS, quantity, sizeof quantity);
        out_start(o, credit ? "cac:CreditNoteLine" : "cac:InvoiceLine");
        out_text(o, "cbc:ID", id);
        /* UN/ECE Recommendation 20 "EA": each. */
        out_leaf(o, credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", "unitCode", "EA",
                 quantity);
        out_amount(o, "cbc:LineExtensionAmount", line->net_minor);
        out_start(o, "cac:Item");
        out_text(o, "cbc:Name", line->text);
        out_tax_category(o, "cac:ClassifiedTaxCategory", line_category(doc, line),
                         line->vat_rate_bp, NULL);
        out_end(o);
        out_start(o, "cac:Price");
        out_amount(o, "cbc:PriceAmount", line->unit_price_minor);
        out_end(o);
        out_end(o);
    }
}

static void out_header(struct ehf_out *o, const struct vinn_ehf_document *doc,
                       const struct ehf_plan *plan)
{
    bool credit = doc->kind == VINN_EHF_CREDIT_NOTE;
    out_text(o, "cbc:CustomizationID", ehf_customization_id);
    out_text(o, "cbc:ProfileID", ehf_profile_id);
    out_text(o, "cbc:ID", doc->number);
    out_date(o, "cbc:IssueDate", doc->issue_date);
    if (!credit && doc->has_due_date) {
        out_date(o, "cbc:DueDate", doc->due_date);
    }
    out_text(o, credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", credit ? "381" : "380");
    out_text(o, "cbc:DocumentCurrencyCode", plan->cur->code);
    out_text(o, "cbc:BuyerReference", plan->buyer_reference);
    if (credit) {
        out_start(o, "cac:BillingReference");
        out_start(o, "cac:InvoiceDocumentReference");
        out_text(o, "cbc:ID", doc->original_number);
        out_end(o);
        out_end(o);
    }
}

static void out_document(struct ehf_out *o, const struct vinn_ehf_document *doc,
                         const struct ehf_plan *plan)
{
    bool credit = doc->kind == VINN_EHF_CREDIT_NOTE;
    const struct vinn_ehf_seller *s = &doc->seller;
    const struct vinn_ehf_buyer *b = &doc->buyer;
    out_check(o, xmlTextWriterStartDocument(o->w, NULL, "UTF-8", NULL));
    out_start(o, credit ? "CreditNote" : "Invoice");
    if (!o->failed) {
        const char *ns = credit ? "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
                                : "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
        out_check(o, xmlTextWriterWriteAttribute(o->w, BAD_CAST "xmlns", BAD_CAST ns));
        out_check(o, xmlTextWriterWriteAttribute(o->w, BAD_CAST "xmlns:cac", BAD_CAST ehf_ns_cac));
        out_check(o, xmlTextWriterWriteAttribute(o->w, BAD_CAST "xmlns:cbc", BAD_CAST ehf_ns_cbc));
    }
    out_header(o, doc, plan);
    bool register_no = strcmp(plan->seller.country, "NO") == 0 && s->in_business_register;
    out_party(o, "cac:AccountingSupplierParty", &plan->seller, s->name, &s->address, s->email,
              register_no);
    out_party(o, "cac:AccountingCustomerParty", &plan->buyer, b->name, &b->address, b->email,
              false);
    if (!credit) {
        out_payment_means(o, doc, plan);
    }
    if (plan->terms != NULL) {
        out_start(o, "cac:PaymentTerms");
        out_text(o, "cbc:Note", plan->terms);
        out_end(o);
    }
    out_totals(o, doc, plan);
    out_lines(o, doc);
    out_end(o);
    if (!o->failed) {
        out_check(o, xmlTextWriterEndDocument(o->w));
    }
}

static vinn_err ehf_emit(const struct vinn_ehf_document *doc, const struct ehf_plan *plan,
                         FILE *out, struct vinn_error *error)
{
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateFile(out, NULL);
    if (buffer == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "output", NULL);
    }
    /* The writer owns the buffer from here; freeing it flushes, not closes, out. */
    xmlTextWriterPtr w = xmlNewTextWriter(buffer);
    if (w == NULL) {
        xmlOutputBufferClose(buffer);
        return vinn_fail(error, VINN_E_NO_MEMORY, "output", NULL);
    }
    struct ehf_out o = {.w = w, .cur = plan->cur, .failed = false};
    out_check(&o, xmlTextWriterSetIndent(w, 1));
    out_check(&o, xmlTextWriterSetIndentString(w, BAD_CAST "  "));
    out_document(&o, doc, plan);
    if (!o.failed) {
        out_check(&o, xmlTextWriterFlush(w));
    }
    xmlFreeTextWriter(w);
    if (o.failed || fflush(out) != 0 || ferror(out)) {
        return vinn_fail(error, VINN_E_IO, "output", "writing the EHF document failed");
    }
    return VINN_OK;
}

vinn_err vinn_ehf_write(const struct vinn_ehf_document *doc, FILE *out, struct vinn_error *error)
{
    VINN_ASSERT(doc != NULL);
    VINN_ASSERT(out != NULL);
    struct ehf_plan plan;
    memset(&plan, 0, sizeof plan);
    vinn_err err = ehf_plan(doc, &plan, error);
    if (err != VINN_OK) {
        return err;
    }
    /* Point of no return: everything is checked; only output can fail now. */
    return ehf_emit(doc, &plan, out, error);
}
