/*
 * payments.c - money in: bank files imported, matched to invoices, applied
 * in the legal order and posted; what cannot be matched waits in the
 * unmatched queue for a person (assign, refund).
 *
 * A file is imported in one store transaction: a bad file (structure,
 * control totals) rolls back and writes nothing, and a crash or kill
 * leaves the database as before, so the rerun does the whole file. Each
 * entry has an identity (formats/bank.h entry_id) unique per tenant, so a
 * file imported twice, or an overlapping file, adds nothing the second
 * time. Every posting goes through a balanced ledger transaction linked to
 * its payment, so a reversal undoes exactly what its original did.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app.h"
#include "app/internal.h"
#include "app/json.h"
#include "base/assert.h"
#include "core/alloc.h"
#include "core/match.h"
#include "core/money.h"
#include "core/refno.h"

enum {
    /* Candidates looked at per matching step: enough for real books, small
     * enough to keep the import's cost per entry flat. */
    AMOUNT_CANDIDATES_MAX = 20,
    NAME_CUSTOMERS_MAX = 4,
    PAYMENT_TXNS_MAX = 16,
    REF_PAD_DIGITS = 9, /* the invoice references' base digits + check digit */
};

/* ---- settings ------------------------------------------------------------ */

struct setting_def {
    const char *key;
    const char *fallback;
    vinn_err (*check)(const char *value, struct vinn_error *error);
};

static vinn_err check_order(const char *value, struct vinn_error *error)
{
    struct vinn_alloc_order order;
    return vinn_alloc_order_parse(value, &order, error);
}

static vinn_err check_threshold(const char *value, struct vinn_error *error)
{
    int64_t v = 0;
    vinn_err rc = vinn_decimal_parse(value, 0, "match_threshold", &v, error);
    if (rc == VINN_OK && (v < 0 || v > 100)) {
        rc = vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, "match_threshold",
                       "match_threshold '%s' must be between 0 and 100", value);
    }
    return rc;
}

static vinn_err check_yes_no(const char *value, struct vinn_error *error)
{
    if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "value", "the value must be yes or no");
    }
    return VINN_OK;
}

static vinn_err check_tag(const char *value, struct vinn_error *error)
{
    size_t n = strlen(value);
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            return vinn_fail(error, VINN_E_TAG_INVALID, "value",
                             "a tag holds lower-case letters, digits, '-' and '_'");
        }
    }
    return n <= 32 ? VINN_OK
                   : vinn_fail(error, VINN_E_FIELD_TOO_LONG, "value", "a tag is 32 at most");
}

static vinn_err check_owner(const char *value, struct vinn_error *error)
{
    if (value[0] != '\0' && (strchr(value, '@') == NULL || strlen(value) > 254)) {
        return vinn_fail(error, VINN_E_EMAIL_INVALID, "value",
                         "the account owner is an e-mail address");
    }
    return VINN_OK;
}

static vinn_err check_range(const char *value, int64_t lo, int64_t hi, int decimals,
                            struct vinn_error *error)
{
    int64_t v = 0;
    vinn_err rc = value[0] == '\0' ? VINN_OK : vinn_decimal_parse(value, decimals, "value", &v, error);
    if (rc == VINN_OK && value[0] != '\0' && (v < lo || v > hi)) {
        rc = vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, "value", "'%s' is out of range", value);
    }
    return rc;
}

static vinn_err check_sats(const char *value, struct vinn_error *error)
{
    return check_range(value, 100, 10000000, 2, error); /* 1 kr .. 100 000 kr */
}

static vinn_err check_letters(const char *value, struct vinn_error *error)
{
    return check_range(value, 0, 10, 0, error);
}

static vinn_err check_days(const char *value, struct vinn_error *error)
{
    return check_range(value, 1, 90, 0, error);
}

static vinn_err check_yes_no_default(const char *value, struct vinn_error *error)
{
    return value[0] == '\0' ? VINN_OK : check_yes_no(value, error);
}

static const struct setting_def settings[] = {
    {"allocation_order", "fees,interest,principal", check_order},
    {"match_threshold", "70", check_threshold},
    {"reminder_fee_agreed", "no", check_yes_no},
    {"key_account_tag", "key-account", check_tag},
    {"account_owner", "", check_owner},
    /* The values DOMAIN.md marks UNVERIFIED: configuration over the law's
     * defaults (core/law.h struct vinn_law_config); "" is the default. */
    {"law.no.inkassosats", "", check_sats},
    {"law.se.fee_letters_max", "", check_letters},
    {"law.fi.fee_letters_max", "", check_letters},
    {"law.fi.notice_deadline_days", "", check_days},
    {"law.dk.notice_deadline_days", "", check_days},
    {"law.no.compensation_replaces_fees", "", check_yes_no_default},
    {"law.fi.compensation_replaces_fees", "", check_yes_no_default},
    {"law.dk.compensation_replaces_fees", "", check_yes_no_default},
};

static const struct setting_def *setting_find(const char *key, struct vinn_error *error)
{
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        if (key != NULL && strcmp(key, settings[i].key) == 0) {
            return &settings[i];
        }
    }
    vinn_fail(error, VINN_E_UNKNOWN_VALUE, "key",
              "setting '%s' is not known: use allocation_order, match_threshold, "
              "reminder_fee_agreed, key_account_tag, account_owner or law.* (docs/dunning.md)",
              key != NULL ? key : "");
    return NULL;
}

vinn_err vinn_app_setting_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *key, const char *value, struct vinn_error *error)
{
    const struct setting_def *def = setting_find(key, error);
    if (def == NULL) {
        return VINN_E_UNKNOWN_VALUE;
    }
    vinn_err rc = def->check(value, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    vinn_app_rules_forget(app); /* the dunning rules read settings */
    return vinn_app_txn_end(app, vinn_store_setting_put(app->store, tenant->id, key, value, error),
                            error);
}

vinn_err vinn_app_setting_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *key, char *out, size_t cap, struct vinn_error *error)
{
    const struct setting_def *def = setting_find(key, error);
    if (def == NULL) {
        return VINN_E_UNKNOWN_VALUE;
    }
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    vinn_err rc = vinn_store_setting_get(app->store, tenant->id, key, out, cap, &quiet);
    if (rc == VINN_E_NOT_FOUND) {
        snprintf(out, cap, "%s", def->fallback);
        return VINN_OK;
    }
    if (rc != VINN_OK) {
        *error = quiet;
    }
    return rc;
}

/* ---- posting helpers ------------------------------------------------------- */

/* The context of one use case: tenant, day, rules. */
/* What one allocation works in: kept across the entries of an import so
 * the hot path allocates nothing per entry. */
struct apply_scratch {
    struct vinn_alloc_invoice owed[VINN_ALLOC_INVOICES_MAX];
    struct vinn_alloc_result res;
    struct vinn_txn txn;
};

struct pay_ctx {
    struct vinn_app *app;
    const struct vinn_tenant *tenant;
    struct vinn_alloc_order order;
    int threshold;
    unsigned ref_kinds; /* bit set of enum vinn_ref_kind accepted as structured references */
    /* Whether any fee or interest was ever posted for the tenant; until then
     * an invoice owes only principal, its cached outstanding amount. */
    bool has_charges;
    struct apply_scratch *scratch; /* allocated by the first apply; ctx_release frees it */
};

static void ctx_release(struct pay_ctx *c)
{
    free(c->scratch);
    c->scratch = NULL;
}

static vinn_err ctx_init(struct pay_ctx *c, struct vinn_app *app, const struct vinn_tenant *tenant,
                         struct vinn_error *error)
{
    memset(c, 0, sizeof(*c));
    c->app = app;
    c->tenant = tenant;
    char text[VINN_SETTING_VALUE_MAX + 1];
    vinn_err rc = vinn_app_setting_get(app, tenant, "allocation_order", text, sizeof(text), error);
    if (rc == VINN_OK) {
        rc = vinn_alloc_order_parse(text, &c->order, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_app_setting_get(app, tenant, "match_threshold", text, sizeof(text), error);
    }
    int64_t threshold = VINN_MATCH_CONFIDENCE_THRESHOLD;
    if (rc == VINN_OK) {
        rc = vinn_decimal_parse(text, 0, "match_threshold", &threshold, error);
    }
    c->threshold = (int)threshold;
    enum vinn_ref_kind kind = VINN_REF_RF;
    if (rc == VINN_OK) {
        rc = vinn_ref_kind_parse(tenant->ref_kind, &kind, error);
    }
    /* A Norwegian agreement may be MOD10 or MOD11 and Nets' own files mix
     * both (DOMAIN.md 1.1); RF is accepted from every country. */
    c->ref_kinds = (1u << kind) | (1u << VINN_REF_RF);
    if (kind == VINN_REF_KID10 || kind == VINN_REF_KID11) {
        c->ref_kinds |= (1u << VINN_REF_KID10) | (1u << VINN_REF_KID11);
    }
    return rc;
}

static void event_add(struct pay_ctx *c, int64_t payment_id, const char *kind, const char *detail,
                      vinn_err *rc, struct vinn_error *error)
{
    if (*rc != VINN_OK) {
        return;
    }
    struct vinn_payment_event e;
    memset(&e, 0, sizeof(e));
    e.at_us = c->app->now_us;
    e.day = c->app->today;
    snprintf(e.kind, sizeof(e.kind), "%s", kind);
    snprintf(e.detail, sizeof(e.detail), "%s", detail);
    *rc = vinn_store_payment_event(c->app->store, c->tenant->id, payment_id, &e, error);
}

/* Store a checked transaction for a payment and link it. */
static vinn_err txn_post(struct pay_ctx *c, int64_t payment_id, const char *kind,
                         const char *idem_key, const struct vinn_txn *txn, int64_t *txn_id,
                         struct vinn_error *error)
{
    vinn_err rc = vinn_txn_check(txn, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_txn_meta meta = {
        .kind = kind,
        .idem_key = idem_key,
        .day = c->app->today,
        .invoice_id = 0,
        .created_at_us = c->app->now_us,
    };
    rc = vinn_store_txn_insert(c->app->store, c->tenant->id, &meta, txn, txn_id, error);
    if (rc == VINN_OK) {
        rc = vinn_store_payment_txn_link(c->app->store, c->tenant->id, payment_id, *txn_id, error);
    }
    return rc;
}

/* Set an invoice's cached outstanding from its receivable postings (after
 * a reversal, whose postings may touch any part). */
static vinn_err invoice_refresh(struct pay_ctx *c, int64_t invoice_id, struct vinn_error *error)
{
    struct vinn_invoice inv;
    int64_t owed[3];
    vinn_err rc =
        vinn_store_invoice_get_by_id(c->app->store, c->tenant->id, invoice_id, &inv, error);
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_owed(c->app->store, c->tenant->id, invoice_id, owed, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    int64_t outstanding = owed[0] + owed[1] + owed[2];
    return vinn_store_invoice_set_balance(c->app->store, c->tenant->id, invoice_id, outstanding,
                                          inv.credited_minor,
                                          vinn_app_invoice_status(&inv, outstanding), error);
}

/* ---- applying money to invoices ---------------------------------------------- */

struct apply_result {
    int64_t credit_minor;
    bool still_owing;
};

static const enum vinn_account_kind part_kind[VINN_PARTS_COUNT] = {
    [VINN_PART_FEES] = VINN_ACCOUNT_FEES,
    [VINN_PART_INTEREST] = VINN_ACCOUNT_INTEREST,
    [VINN_PART_PRINCIPAL] = VINN_ACCOUNT_PRINCIPAL,
};

/* The transaction of an allocation: debit `from` by the amount, credit the
 * receivables paid and the customer's credit balance with the rest. */
static vinn_err apply_txn(const struct vinn_payment *p, int64_t customer_id,
                          enum vinn_account_kind from, const struct vinn_alloc_result *res,
                          struct vinn_txn *txn)
{
    vinn_txn_init(txn, p->currency);
    vinn_err rc = vinn_txn_add(txn, from, 0, 0, p->amount_minor);
    for (uint32_t i = 0; i < res->items_count && rc == VINN_OK; i++) {
        for (int k = 0; k < VINN_PARTS_COUNT && rc == VINN_OK; k++) {
            rc = vinn_txn_add(txn, part_kind[k], customer_id, res->items[i].invoice_id,
                              -res->items[i].paid[k]);
        }
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(txn, VINN_ACCOUNT_CREDIT, customer_id, 0, -res->remainder);
    }
    return rc;
}

/* Record what the allocation paid of each invoice and set the invoices'
 * new outstanding amounts and statuses. */
static vinn_err apply_record(struct pay_ctx *c, const struct vinn_payment *p,
                             const struct vinn_invoice *invs, uint32_t n,
                             const struct vinn_alloc_invoice *owed,
                             const struct vinn_alloc_result *res, int64_t txn_id, bool *still_owing,
                             struct vinn_error *error)
{
    vinn_err rc = VINN_OK;
    *still_owing = false;
    for (uint32_t i = 0; i < n && rc == VINN_OK; i++) {
        const struct vinn_alloc_item *it = NULL;
        for (uint32_t k = 0; k < res->items_count; k++) {
            if (res->items[k].invoice_id == invs[i].id) {
                it = &res->items[k];
            }
        }
        int64_t left = owed[i].owed[0] + owed[i].owed[1] + owed[i].owed[2];
        if (it == NULL) {
            *still_owing = *still_owing || left > 0;
            continue;
        }
        left -= it->paid_total;
        *still_owing = *still_owing || left > 0;
        struct vinn_payment_allocation a = {
            .invoice_id = it->invoice_id,
            .fees_minor = it->paid[VINN_PART_FEES],
            .interest_minor = it->paid[VINN_PART_INTEREST],
            .principal_minor = it->paid[VINN_PART_PRINCIPAL],
            .txn_id = txn_id,
            .day = c->app->today,
        };
        rc = vinn_store_allocation_insert(c->app->store, c->tenant->id, p->id, i + 1, &a, error);
        if (rc == VINN_OK) {
            rc = vinn_store_invoice_set_balance(c->app->store, c->tenant->id, invs[i].id, left,
                                                invs[i].credited_minor,
                                                vinn_app_invoice_status(&invs[i], left), error);
        }
        if (rc == VINN_OK && left <= 0 && vinn_app_wants(c->app, c->tenant, "invoice.paid")) {
            struct vinn_invoice paid = invs[i];
            paid.outstanding_minor = 0;
            paid.status = vinn_app_invoice_status(&invs[i], 0);
            rc = vinn_app_emit_invoice(c->app, c->tenant, "invoice.paid", &paid, error);
        }
    }
    return rc;
}

/*
 * Apply payment p to invoices invs[0..n) (one customer's, read in this
 * transaction), posting one transaction: debit `from` (cash for a new
 * payment, the unmatched account for a person's assignment), credit the
 * receivables in the tenant's order and the rest to the credit balance.
 */
static vinn_err apply(struct pay_ctx *c, const struct vinn_payment *p, int64_t customer_id,
                      const struct vinn_invoice *invs, uint32_t n, enum vinn_account_kind from,
                      const char *idem_key, struct apply_result *out, struct vinn_error *error)
{
    VINN_ASSERT(n <= VINN_MATCH_SUBSET_ITEMS_MAX || from == VINN_ACCOUNT_UNMATCHED);
    VINN_ASSERT(n <= VINN_ALLOC_INVOICES_MAX);
    if (c->scratch == NULL) {
        c->scratch = malloc(sizeof(*c->scratch));
        if (c->scratch == NULL) {
            return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory applying a payment");
        }
    }
    struct vinn_alloc_invoice *owed = c->scratch->owed;
    struct vinn_alloc_result *res = &c->scratch->res;
    struct vinn_txn *txn = &c->scratch->txn;
    vinn_err rc = VINN_OK;
    for (uint32_t i = 0; i < n && rc == VINN_OK; i++) {
        memset(&owed[i], 0, sizeof(owed[i]));
        owed[i].invoice_id = invs[i].id;
        owed[i].due_date = invs[i].due_date;
        if (c->has_charges) {
            /* Interest for the days up to the payment first (DESIGN.md flow 2). */
            rc = vinn_app_case_accrue(c->app, c->tenant, invs[i].id, p->booking_date, error);
            if (rc == VINN_OK) {
                rc = vinn_store_invoice_owed(c->app->store, c->tenant->id, invs[i].id,
                                             owed[i].owed, error);
            }
        } else {
            owed[i].owed[VINN_PART_PRINCIPAL] = invs[i].outstanding_minor;
        }
    }
    if (rc == VINN_OK) {
        rc = vinn_alloc_payment(p->amount_minor, owed, n, &c->order, res, error);
    }
    if (rc == VINN_OK) {
        rc = apply_txn(p, customer_id, from, res, txn);
    }
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = txn_post(c, p->id, "payment", idem_key, txn, &txn_id, error);
    }
    out->credit_minor = rc == VINN_OK ? res->remainder : 0;
    out->still_owing = false;
    if (rc == VINN_OK) {
        rc = apply_record(c, p, invs, n, owed, res, txn_id, &out->still_owing, error);
    }
    return rc;
}

static enum vinn_payment_status status_after(const struct apply_result *r)
{
    if (r->credit_minor > 0) {
        return VINN_PAY_OVERPAID;
    }
    return r->still_owing ? VINN_PAY_PARTIAL : VINN_PAY_MATCHED;
}

/* ---- matching ------------------------------------------------------------------ */

struct match {
    enum vinn_match_method method;
    int confidence;
    int64_t customer_id;
    uint32_t count;
    struct vinn_invoice invoices[VINN_MATCH_SUBSET_ITEMS_MAX];
};

/* The invoice with reference ref (machine form), trying the zero-padded
 * form people drop when they type a Finnish reference or a short KID. */
static vinn_err find_by_reference(struct pay_ctx *c, const char *ref, struct vinn_invoice *out,
                                  struct vinn_error *error)
{
    vinn_err rc = vinn_store_invoice_by_reference(c->app->store, c->tenant->id, ref, out, error);
    size_t len = strlen(ref);
    if (rc != VINN_E_NOT_FOUND || len >= REF_PAD_DIGITS || strspn(ref, "0123456789-") != len) {
        return rc;
    }
    char padded[VINN_REF_TEXT_MAX];
    snprintf(padded, sizeof(padded), "%0*d%s", (int)(REF_PAD_DIGITS - len), 0, ref);
    return vinn_store_invoice_by_reference(c->app->store, c->tenant->id, padded, out, error);
}

static bool ref_valid(const struct pay_ctx *c, const char *ref, char *normalized, size_t cap)
{
    for (int k = 0; k < VINN_REF_KIND_COUNT; k++) {
        if ((c->ref_kinds & (1u << k)) != 0 &&
            vinn_ref_check((enum vinn_ref_kind)k, ref, normalized, cap, NULL) == VINN_OK) {
            return true;
        }
    }
    return false;
}

static vinn_err match_reference(struct pay_ctx *c, const struct vinn_payment *p, struct match *m,
                                struct vinn_error *error)
{
    char ref[VINN_REF_TEXT_MAX];
    struct vinn_invoice inv;
    if (p->reference[0] != '\0' && ref_valid(c, p->reference, ref, sizeof(ref))) {
        vinn_err rc = find_by_reference(c, ref, &inv, error);
        if (rc == VINN_OK && strcmp(inv.currency, p->currency) == 0) {
            m->method = VINN_MATCH_REFERENCE;
            m->customer_id = inv.customer_id;
            m->invoices[0] = inv;
            m->count = 1;
            return VINN_OK;
        }
        if (rc != VINN_OK && rc != VINN_E_NOT_FOUND) {
            return rc;
        }
    }
    /* References in the free text, and a structured one that did not check. */
    char text[VINN_BANK_MESSAGE_MAX + VINN_BANK_REF_MAX + 2];
    snprintf(text, sizeof(text), "%s %s", p->message, p->reference);
    char found[VINN_MATCH_TEXT_REFS_MAX][VINN_REF_TEXT_MAX];
    uint32_t n = vinn_match_text_refs(text, c->ref_kinds, found, VINN_MATCH_TEXT_REFS_MAX);
    for (uint32_t i = 0; i < n; i++) {
        vinn_err rc = find_by_reference(c, found[i], &inv, error);
        if (rc == VINN_OK && strcmp(inv.currency, p->currency) == 0) {
            m->method = VINN_MATCH_TEXT_REFERENCE;
            m->customer_id = inv.customer_id;
            m->invoices[0] = inv;
            m->count = 1;
            return VINN_OK;
        }
        if (rc != VINN_OK && rc != VINN_E_NOT_FOUND) {
            return rc;
        }
    }
    return VINN_OK;
}

/* The customers the payer may be: by the account they paid from before
 * (score 100), or by the payer's name key. */
struct payer_candidates {
    uint32_t count;
    int64_t ids[NAME_CUSTOMERS_MAX + 1];
    int scores[NAME_CUSTOMERS_MAX + 1];
    const char *payer_name;
};

static vinn_err collect_customer(void *ctx, const struct vinn_customer *cust)
{
    struct payer_candidates *pc = ctx;
    for (uint32_t i = 0; i < pc->count; i++) {
        if (pc->ids[i] == cust->id) {
            return VINN_OK;
        }
    }
    if (pc->count <= NAME_CUSTOMERS_MAX) {
        pc->ids[pc->count] = cust->id;
        pc->scores[pc->count] = vinn_match_name_score(pc->payer_name, cust->name);
        pc->count++;
    }
    return VINN_OK;
}

static vinn_err payer_candidates(struct pay_ctx *c, const struct vinn_payment *p,
                                 struct payer_candidates *pc, struct vinn_error *error)
{
    memset(pc, 0, sizeof(*pc));
    pc->payer_name = p->payer_name;
    if (p->payer_account[0] != '\0') {
        int64_t id = 0;
        vinn_err rc = vinn_store_payer_account_get(c->app->store, c->tenant->id, p->payer_account,
                                                   &id, error);
        if (rc == VINN_OK) {
            pc->ids[0] = id;
            pc->scores[0] = 100;
            pc->count = 1;
        } else if (rc != VINN_E_NOT_FOUND) {
            return rc;
        }
    }
    if (p->payer_name[0] == '\0') {
        return VINN_OK;
    }
    char key[VINN_NAME_KEY_MAX];
    vinn_match_name_key(p->payer_name, key, sizeof(key));
    if (key[0] == '\0') {
        return VINN_OK;
    }
    return vinn_store_customers_by_name_key(c->app->store, c->tenant->id, key, NAME_CUSTOMERS_MAX,
                                            collect_customer, pc, error);
}

static int candidate_score(const struct payer_candidates *pc, int64_t customer_id)
{
    for (uint32_t i = 0; i < pc->count; i++) {
        if (pc->ids[i] == customer_id) {
            return pc->scores[i];
        }
    }
    return -1;
}

struct amount_scan {
    struct pay_ctx *c;
    const struct vinn_payment *p;
    const struct payer_candidates *pc;
    struct match *best;
    vinn_err rc;
    struct vinn_error *error;
};

static vinn_err amount_candidate(void *ctx, const struct vinn_invoice *inv)
{
    struct amount_scan *scan = ctx;
    int score = candidate_score(scan->pc, inv->customer_id);
    if (score < 0 && scan->p->payer_name[0] != '\0') {
        struct vinn_customer cust;
        vinn_err rc = vinn_store_customer_get_by_id(scan->c->app->store, scan->c->tenant->id,
                                                    inv->customer_id, &cust, scan->error);
        if (rc != VINN_OK) {
            return rc;
        }
        score = vinn_match_name_score(scan->p->payer_name, cust.name);
    }
    int conf = vinn_match_confidence(VINN_MATCH_AMOUNT_NAME, score < 0 ? 0 : score, false);
    /* Oldest due first: a later candidate must be strictly better. */
    if (conf > scan->best->confidence) {
        scan->best->method = VINN_MATCH_AMOUNT_NAME;
        scan->best->confidence = conf;
        scan->best->customer_id = inv->customer_id;
        scan->best->invoices[0] = *inv;
        scan->best->count = 1;
    }
    return VINN_OK;
}

struct open_list {
    uint32_t count;
    struct vinn_invoice invoices[VINN_MATCH_SUBSET_CANDIDATES_MAX];
    int64_t amounts[VINN_MATCH_SUBSET_CANDIDATES_MAX];
};

static vinn_err open_collect(void *ctx, const struct vinn_invoice *inv)
{
    struct open_list *l = ctx;
    if (l->count < VINN_MATCH_SUBSET_CANDIDATES_MAX && inv->outstanding_minor > 0) {
        l->invoices[l->count] = *inv;
        l->amounts[l->count] = inv->outstanding_minor;
        l->count++;
    }
    return VINN_OK;
}

/* Try a subset of one candidate customer's open invoices (l is scratch). */
static vinn_err subset_try(struct pay_ctx *c, const struct vinn_payment *p, int64_t customer_id,
                           int score, struct open_list *l, struct match *best,
                           struct vinn_error *error)
{
    memset(l, 0, sizeof(*l));
    vinn_err rc = vinn_store_invoices_open_of_customer(
        c->app->store, c->tenant->id, customer_id, p->currency, VINN_MATCH_SUBSET_CANDIDATES_MAX,
        open_collect, l, error);
    uint32_t picked[VINN_MATCH_SUBSET_ITEMS_MAX];
    uint32_t picked_count = 0;
    bool ambiguous = false;
    if (rc != VINN_OK || l->count == 0 ||
        !vinn_match_subset(p->amount_minor, l->amounts, l->count, VINN_MATCH_SUBSET_ITEMS_MAX,
                           picked, &picked_count, &ambiguous)) {
        return rc;
    }
    int conf = vinn_match_confidence(VINN_MATCH_SUBSET, score, ambiguous);
    if (conf > best->confidence) {
        best->method = VINN_MATCH_SUBSET;
        best->confidence = conf;
        best->customer_id = customer_id;
        best->count = picked_count;
        for (uint32_t k = 0; k < picked_count; k++) {
            best->invoices[k] = l->invoices[picked[k]];
        }
    }
    return VINN_OK;
}

static vinn_err match_subset(struct pay_ctx *c, const struct vinn_payment *p,
                             const struct payer_candidates *pc, struct match *best,
                             struct vinn_error *error)
{
    if (pc->count == 0) {
        return VINN_OK;
    }
    struct open_list *l = malloc(sizeof(*l));
    if (l == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory matching a payment");
    }
    vinn_err rc = VINN_OK;
    for (uint32_t i = 0; i < pc->count && rc == VINN_OK; i++) {
        rc = subset_try(c, p, pc->ids[i], pc->scores[i], l, best, error);
    }
    free(l);
    return rc;
}

/* Find what an incoming payment pays, in the order of trust. */
static vinn_err match_payment(struct pay_ctx *c, const struct vinn_payment *p, struct match *m,
                              struct vinn_error *error)
{
    memset(m, 0, sizeof(*m));
    vinn_err rc = match_reference(c, p, m, error);
    if (rc != VINN_OK || m->method != VINN_MATCH_NONE) {
        m->confidence = vinn_match_confidence(m->method, 100, false);
        return rc;
    }
    struct payer_candidates pc;
    rc = payer_candidates(c, p, &pc, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct amount_scan scan = {c, p, &pc, m, VINN_OK, error};
    rc = vinn_store_invoices_open_by_amount(c->app->store, c->tenant->id, p->currency,
                                            p->amount_minor, AMOUNT_CANDIDATES_MAX,
                                            amount_candidate, &scan, error);
    if (rc == VINN_OK && m->confidence < c->threshold) {
        rc = match_subset(c, p, &pc, m, error);
    }
    return rc;
}

/* ---- the entries of a file ---------------------------------------------------- */

struct import_run {
    struct pay_ctx c;
    const char *name;
    struct vinn_bank_import imp;
    struct vinn_payments_summary *sum;
    long long total_bytes;
    /* The entry being imported and its match: reused entry after entry. */
    struct vinn_payment payment;
    struct match match;
};

static void payment_from_entry(const struct import_run *run, const struct vinn_bank_entry *e,
                               struct vinn_payment *p)
{
    memset(p, 0, sizeof(*p));
    p->import_id = run->imp.id;
    memcpy(p->entry_id, e->entry_id, sizeof(p->entry_id));
    p->reversal = e->reversal;
    p->booking_date = e->booking_date;
    p->value_date = e->value_date;
    p->amount_minor = e->amount_minor;
    memcpy(p->currency, e->currency, sizeof(p->currency));
    memcpy(p->reference, e->reference, sizeof(p->reference));
    memcpy(p->message, e->message, sizeof(p->message));
    memcpy(p->payer_name, e->payer_name, sizeof(p->payer_name));
    memcpy(p->payer_account, e->payer_account, sizeof(p->payer_account));
    memcpy(p->bank_ref, e->bank_ref, sizeof(p->bank_ref));
    memcpy(p->end_to_end, e->end_to_end, sizeof(p->end_to_end));
    memcpy(p->return_reason, e->return_reason, sizeof(p->return_reason));
    char name[64];
    vinn_bank_text_copy(name, sizeof(name), run->name, strlen(run->name));
    snprintf(p->source, sizeof(p->source), "%s line %ld", name, e->line);
    p->created_at_us = run->c.app->now_us;
}

static vinn_err post_unmatched(struct pay_ctx *c, struct vinn_payment *p, int sign,
                               struct vinn_error *error)
{
    struct vinn_txn txn;
    vinn_txn_init(&txn, p->currency);
    char key[64];
    snprintf(key, sizeof(key), "pay:%lld", (long long)p->id);
    vinn_err rc = vinn_txn_add(&txn, VINN_ACCOUNT_CASH, 0, 0, sign * p->amount_minor);
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_UNMATCHED, 0, 0, -sign * p->amount_minor);
    }
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = txn_post(c, p->id, sign > 0 ? "payment" : "reversal", key, &txn, &txn_id, error);
    }
    p->status = VINN_PAY_UNMATCHED;
    p->unmatched_minor = p->amount_minor;
    return rc;
}

/* Undo every transaction of the original, then restore its invoices. */
static vinn_err reverse_original(struct pay_ctx *c, struct vinn_payment *rev,
                                 struct vinn_payment *orig, struct vinn_error *error)
{
    int64_t txns[PAYMENT_TXNS_MAX];
    uint32_t n = 0;
    vinn_err rc = vinn_store_payment_txns(c->app->store, c->tenant->id, orig->id, txns,
                                          PAYMENT_TXNS_MAX, &n, error);
    for (uint32_t i = 0; i < n && rc == VINN_OK; i++) {
        struct vinn_txn txn;
        rc = vinn_store_txn_get(c->app->store, c->tenant->id, txns[i], &txn, error);
        for (uint32_t k = 0; k < txn.postings_count && rc == VINN_OK; k++) {
            txn.postings[k].amount_minor = -txn.postings[k].amount_minor;
        }
        char key[64];
        snprintf(key, sizeof(key), "rev:%lld:%lld", (long long)orig->id, (long long)txns[i]);
        int64_t txn_id = 0;
        if (rc == VINN_OK) {
            rc = txn_post(c, rev->id, "reversal", key, &txn, &txn_id, error);
        }
        for (uint32_t k = 0; k < txn.postings_count && rc == VINN_OK; k++) {
            if (txn.postings[k].invoice_id != 0 &&
                vinn_account_kind_is_receivable(txn.postings[k].kind)) {
                rc = invoice_refresh(c, txn.postings[k].invoice_id, error);
            }
        }
    }
    orig->status = VINN_PAY_REVERSED;
    orig->related_id = rev->id;
    orig->unmatched_minor = 0;
    orig->credit_minor = 0;
    rev->status = VINN_PAY_REVERSAL;
    rev->related_id = orig->id;
    rev->customer_id = orig->customer_id;
    if (rc == VINN_OK) {
        rc = vinn_store_payment_update(c->app->store, c->tenant->id, orig, error);
    }
    char detail[96];
    snprintf(detail, sizeof(detail), "reversed by payment %lld", (long long)rev->id);
    event_add(c, orig->id, "reversed", detail, &rc, error);
    return rc;
}

static vinn_err import_reversal(struct import_run *run, struct vinn_payment *p,
                                struct vinn_error *error)
{
    struct pay_ctx *c = &run->c;
    struct vinn_payment orig;
    vinn_err rc = vinn_store_payment_find_original(c->app->store, c->tenant->id, p, &orig, error);
    if (rc == VINN_OK && orig.refunded_minor > 0) {
        rc = VINN_E_NOT_FOUND; /* money already paid back out: a person decides */
    }
    if (rc == VINN_E_NOT_FOUND) {
        run->sum->unmatched++;
        rc = vinn_store_payment_insert(c->app->store, c->tenant->id, p, error);
        if (rc == VINN_OK) {
            rc = post_unmatched(c, p, -1, error);
        }
        if (rc == VINN_OK) {
            rc = vinn_store_payment_update(c->app->store, c->tenant->id, p, error);
        }
        event_add(c, p->id, "imported", "reversal that matches no payment: waits for a person", &rc,
                  error);
        return rc;
    }
    run->sum->reversals++;
    if (rc == VINN_OK) {
        rc = vinn_store_payment_insert(c->app->store, c->tenant->id, p, error);
    }
    if (rc == VINN_OK) {
        rc = reverse_original(c, p, &orig, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_payment_update(c->app->store, c->tenant->id, p, error);
    }
    char detail[96];
    snprintf(detail, sizeof(detail), "reverses payment %lld", (long long)orig.id);
    event_add(c, p->id, "imported", detail, &rc, error);
    return rc;
}

static vinn_err import_unmatched(struct import_run *run, struct vinn_payment *p,
                                 const struct match *m, struct vinn_error *error)
{
    struct pay_ctx *c = &run->c;
    run->sum->unmatched++;
    p->method = m->method;
    p->confidence = m->confidence;
    vinn_err rc = post_unmatched(c, p, 1, error);
    if (rc == VINN_OK) {
        rc = vinn_store_payment_insert(c->app->store, c->tenant->id, p, error);
    }
    if (rc == VINN_OK && vinn_app_wants(c->app, c->tenant, "payment.unmatched")) {
        char object[64];
        snprintf(object, sizeof(object), "payment %lld", (long long)p->id);
        rc = vinn_app_emit(c->app, c->tenant, "payment.unmatched", object, vinn_json_payment(p),
                           error);
    }
    char detail[VINN_VERIFY_PROBLEM_TEXT];
    snprintf(detail, sizeof(detail), "unmatched (best: %s, confidence %d below %d)",
             vinn_match_method_name(m->method), m->confidence, c->threshold);
    event_add(c, p->id, "imported", detail, &rc, error);
    return rc;
}

/* A new incoming payment: match, apply and post, then store it once with
 * its outcome. An automatic match needs no event: the payment row holds
 * its method and confidence, and its allocations what it paid. */
static vinn_err import_incoming(struct import_run *run, struct vinn_payment *p,
                                struct vinn_error *error)
{
    struct pay_ctx *c = &run->c;
    struct match *m = &run->match;
    vinn_err rc = match_payment(c, p, m, error);
    if (rc == VINN_OK && (m->method == VINN_MATCH_NONE || m->confidence < c->threshold)) {
        return import_unmatched(run, p, m, error);
    }
    char key[64];
    snprintf(key, sizeof(key), "pay:%lld", (long long)p->id);
    struct apply_result r;
    memset(&r, 0, sizeof(r));
    if (rc == VINN_OK) {
        rc = apply(c, p, m->customer_id, m->invoices, m->count, VINN_ACCOUNT_CASH, key, &r, error);
    }
    p->status = status_after(&r);
    p->method = m->method;
    p->confidence = m->confidence;
    p->customer_id = m->customer_id;
    p->credit_minor = r.credit_minor;
    if (rc == VINN_OK) {
        rc = vinn_store_payment_insert(c->app->store, c->tenant->id, p, error);
    }
    bool trusted = m->method == VINN_MATCH_REFERENCE || m->method == VINN_MATCH_TEXT_REFERENCE;
    if (rc == VINN_OK && trusted && p->payer_account[0] != '\0') {
        rc = vinn_store_payer_account_put(c->app->store, c->tenant->id, p->payer_account,
                                          m->customer_id, error);
    }
    run->sum->matched += p->status == VINN_PAY_MATCHED;
    run->sum->partial += p->status == VINN_PAY_PARTIAL;
    run->sum->overpaid += p->status == VINN_PAY_OVERPAID;
    return rc;
}

/* Give the entry its identity: a digest id seen before in this same import
 * is another identical entry of the file, so it takes the next occurrence. */
static vinn_err entry_identity(struct import_run *run, struct vinn_bank_entry *e, bool *duplicate,
                               struct vinn_error *error)
{
    *duplicate = false;
    for (long occurrence = 2;; occurrence++) {
        int64_t payment_id = 0;
        int64_t import_id = 0;
        vinn_err rc = vinn_store_payment_find_entry(run->c.app->store, run->c.tenant->id,
                                                    e->entry_id, &payment_id, &import_id, error);
        if (rc == VINN_E_NOT_FOUND) {
            return VINN_OK;
        }
        if (rc != VINN_OK) {
            return rc;
        }
        bool digest = strncmp(e->entry_id, "d:", 2) == 0;
        if (!digest || import_id != run->imp.id) {
            *duplicate = true;
            return VINN_OK;
        }
        vinn_bank_entry_digest_id(e, occurrence);
    }
}

static vinn_err on_entry(void *ctx, const struct vinn_bank_entry *entry, struct vinn_error *error)
{
    struct import_run *run = ctx;
    run->sum->entries++;
    if (!entry->credit && !entry->reversal) {
        run->sum->skipped++;
        return VINN_OK;
    }
    struct vinn_bank_entry e = *entry;
    bool duplicate = false;
    vinn_err rc = entry_identity(run, &e, &duplicate, error);
    if (rc != VINN_OK || duplicate) {
        run->sum->duplicates += duplicate;
        return rc;
    }
    run->sum->new_entries++;
    struct vinn_payment *p = &run->payment;
    payment_from_entry(run, &e, p);
    rc = vinn_store_next_id(run->c.app->store, run->c.tenant->id, VINN_SEQ_PAYMENT, &p->id, error);
    if (rc == VINN_OK && !e.reversal && strcmp(e.currency, run->sum->currency) == 0) {
        rc = vinn_money_add(run->sum->amount_minor, e.amount_minor, &run->sum->amount_minor);
        if (rc != VINN_OK) {
            rc = vinn_fail(error, rc, "amount", "%s: the file's amounts overflow", run->name);
        }
    }
    if (rc == VINN_OK) {
        rc = e.reversal ? import_reversal(run, p, error) : import_incoming(run, p, error);
    }
    return rc;
}

static void on_progress(void *ctx, long long bytes)
{
    struct import_run *run = ctx;
    if (run->c.app->progress != NULL) {
        run->c.app->progress(run->c.app->progress_ctx, "payments", bytes, run->total_bytes);
    }
}

static long long file_size(FILE *fp)
{
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
        return (long long)st.st_size;
    }
    return 0;
}

vinn_err vinn_app_payments_import(struct vinn_app *app, const struct vinn_tenant *tenant, FILE *fp,
                                  const char *name, enum vinn_bank_format format,
                                  struct vinn_payments_summary *out, struct vinn_error *error)
{
    struct import_run run;
    memset(&run, 0, sizeof(run));
    memset(out, 0, sizeof(*out));
    run.name = name != NULL ? name : "input";
    run.sum = out;
    run.total_bytes = file_size(fp);
    memcpy(out->currency, tenant->currency, sizeof(out->currency));
    vinn_err rc = ctx_init(&run.c, app, tenant, error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_store_bulk(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_store_tenant_has_charges(app->store, tenant->id, &run.c.has_charges, error);
    }
    snprintf(run.imp.file_name, sizeof(run.imp.file_name), "%s", run.name);
    snprintf(run.imp.format, sizeof(run.imp.format), "%s", vinn_bank_format_name(format));
    run.imp.created_at_us = app->now_us;
    if (rc == VINN_OK) {
        rc = vinn_store_import_insert(app->store, tenant->id, &run.imp, error);
    }
    struct vinn_bank_read_options options = {
        .name = run.name,
        .format = format,
        .currency = tenant->currency,
        .progress = on_progress,
        .progress_ctx = &run,
    };
    struct vinn_bank_file_info info;
    memset(&info, 0, sizeof(info));
    if (rc == VINN_OK) {
        rc = vinn_bank_read(fp, &options, on_entry, &run, &info, error);
    }
    snprintf(out->format, sizeof(out->format), "%s", vinn_bank_format_name(info.format));
    out->import_id = run.imp.id;
    memcpy(run.imp.format, out->format, sizeof(out->format));
    memcpy(run.imp.file_id, info.file_id, sizeof(run.imp.file_id));
    run.imp.entries = out->entries;
    run.imp.new_entries = out->new_entries;
    run.imp.duplicates = out->duplicates;
    if (rc == VINN_OK) {
        rc = vinn_store_import_finish(app->store, tenant->id, &run.imp, error);
    }
    ctx_release(&run.c);
    return vinn_app_txn_end(app, rc, error);
}

/* ---- reads ------------------------------------------------------------------------ */

vinn_err vinn_app_payment_get(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t id,
                              struct vinn_payment *out, struct vinn_error *error)
{
    return vinn_store_payment_get(app->store, tenant->id, id, out, error);
}

vinn_err vinn_app_payment_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_payment_filter *filter, vinn_payment_fn fn,
                               void *ctx, struct vinn_error *error)
{
    return vinn_store_payment_list(app->store, tenant->id, filter, fn, ctx, error);
}

vinn_err vinn_app_payment_allocations(struct vinn_app *app, const struct vinn_tenant *tenant,
                                      int64_t id, vinn_allocation_fn fn, void *ctx,
                                      struct vinn_error *error)
{
    return vinn_store_allocations(app->store, tenant->id, id, fn, ctx, error);
}

vinn_err vinn_app_payment_events(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t id,
                                 vinn_event_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_payment_events(app->store, tenant->id, id, fn, ctx, error);
}

/* ---- a person's decisions ------------------------------------------------------- */

/* Load and check the invoices a person named for a payment. */
static vinn_err assign_invoices(struct pay_ctx *c, const struct vinn_payment *p,
                                const char *const *numbers, size_t n, struct vinn_invoice *invs,
                                int64_t *customer_id, struct vinn_error *error)
{
    if (n == 0 || n > VINN_ALLOC_INVOICES_MAX) {
        return vinn_fail(error, VINN_E_USAGE, "invoices",
                         "name between 1 and %d invoices to assign the payment to",
                         (int)VINN_ALLOC_INVOICES_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        struct vinn_invoice inv;
        vinn_err rc = vinn_store_invoice_get(c->app->store, c->tenant->id, numbers[i], &inv, error);
        if (rc != VINN_OK) {
            return rc;
        }
        if (inv.status != VINN_STATUS_OPEN) {
            return vinn_fail(error, VINN_E_INVOICE_NOT_OPEN, "invoices",
                             "invoice '%s' has nothing outstanding (status %s)", inv.number,
                             vinn_invoice_status_name(inv.status));
        }
        if (strcmp(inv.currency, p->currency) != 0) {
            return vinn_fail(error, VINN_E_PAYMENT_CURRENCY, "invoices",
                             "invoice '%s' is in %s, the payment in %s", inv.number, inv.currency,
                             p->currency);
        }
        if (i > 0 && inv.customer_id != *customer_id) {
            return vinn_fail(error, VINN_E_USAGE, "invoices",
                             "invoice '%s' belongs to another customer: assign one customer's "
                             "invoices at a time",
                             inv.number);
        }
        for (size_t k = 0; k < i; k++) {
            if (invs[k].id == inv.id) {
                return vinn_fail(error, VINN_E_USAGE, "invoices", "invoice '%s' is named twice",
                                 inv.number);
            }
        }
        invs[i] = inv;
        *customer_id = inv.customer_id;
    }
    return VINN_OK;
}

vinn_err vinn_app_payment_assign(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t id,
                                 const char *const *invoices, size_t n, struct vinn_payment *out,
                                 struct vinn_error *error)
{
    struct pay_ctx c;
    vinn_err rc = ctx_init(&c, app, tenant, error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_payment p;
    rc = vinn_store_tenant_has_charges(app->store, tenant->id, &c.has_charges, error);
    if (rc == VINN_OK) {
        rc = vinn_store_payment_get(app->store, tenant->id, id, &p, error);
    }
    if (rc == VINN_OK && (p.status != VINN_PAY_UNMATCHED || p.reversal)) {
        rc = vinn_fail(error, VINN_E_PAYMENT_NOT_UNMATCHED, "payment",
                       "payment %lld is %s%s, not waiting to be assigned", (long long)id,
                       p.reversal ? "a reversal, " : "", vinn_payment_status_name(p.status));
    }
    struct vinn_invoice *invs = calloc(VINN_ALLOC_INVOICES_MAX, sizeof(*invs));
    if (rc == VINN_OK && invs == NULL) {
        rc = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory assigning a payment");
    }
    int64_t customer_id = 0;
    if (rc == VINN_OK) {
        rc = assign_invoices(&c, &p, invoices, n, invs, &customer_id, error);
    }
    /* Point of no return: everything is checked; now post. */
    struct apply_result r;
    memset(&r, 0, sizeof(r));
    char key[64];
    snprintf(key, sizeof(key), "assign:%lld", (long long)id);
    if (rc == VINN_OK) {
        rc = apply(&c, &p, customer_id, invs, (uint32_t)n, VINN_ACCOUNT_UNMATCHED, key, &r, error);
    }
    free(invs);
    p.status = status_after(&r);
    p.method = VINN_MATCH_MANUAL;
    p.confidence = vinn_match_confidence(VINN_MATCH_MANUAL, 100, false);
    p.customer_id = customer_id;
    p.unmatched_minor = 0;
    p.credit_minor = r.credit_minor;
    if (rc == VINN_OK) {
        rc = vinn_store_payment_update(app->store, tenant->id, &p, error);
    }
    if (rc == VINN_OK && p.payer_account[0] != '\0') {
        rc = vinn_store_payer_account_put(app->store, tenant->id, p.payer_account, customer_id,
                                          error);
    }
    char detail[VINN_VERIFY_PROBLEM_TEXT];
    int len = snprintf(detail, sizeof(detail), "assigned by a person to");
    for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof(detail); i++) {
        len += snprintf(detail + len, sizeof(detail) - (size_t)len, " %s", invoices[i]);
    }
    event_add(&c, id, "assigned", detail, &rc, error);
    ctx_release(&c);
    rc = vinn_app_txn_end(app, rc, error);
    if (rc == VINN_OK) {
        rc = vinn_store_payment_get(app->store, tenant->id, id, out, error);
    }
    return rc;
}

static vinn_err refund_plan(struct pay_ctx *c, const struct vinn_payment *p, int64_t *amount,
                            enum vinn_account_kind *from, struct vinn_error *error)
{
    if (p->status == VINN_PAY_UNMATCHED && !p->reversal) {
        *amount = p->unmatched_minor;
        *from = VINN_ACCOUNT_UNMATCHED;
        return VINN_OK;
    }
    int64_t left = p->credit_minor - p->refunded_minor;
    int64_t balance = 0;
    vinn_err rc = VINN_OK;
    if (left > 0 && p->customer_id > 0) {
        rc = vinn_store_account_balance(c->app->store, c->tenant->id, p->customer_id,
                                        VINN_ACCOUNT_CREDIT, p->currency, &balance, error);
    }
    /* The credit balance is credit-normal: what we owe is its negative. */
    int64_t owed = -balance;
    *amount = left < owed ? left : owed;
    *from = VINN_ACCOUNT_CREDIT;
    if (rc == VINN_OK && *amount <= 0) {
        rc = vinn_fail(error, VINN_E_PAYMENT_NO_CREDIT, "payment",
                       "payment %lld left no credit balance to refund (status %s)",
                       (long long)p->id, vinn_payment_status_name(p->status));
    }
    return rc;
}

vinn_err vinn_app_payment_refund(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t id,
                                 const char *account, struct vinn_payout *out,
                                 struct vinn_error *error)
{
    struct pay_ctx c;
    vinn_err rc = ctx_init(&c, app, tenant, error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_payment p;
    memset(&p, 0, sizeof(p));
    int64_t amount = 0;
    enum vinn_account_kind from = VINN_ACCOUNT_UNMATCHED;
    rc = vinn_store_payment_get(app->store, tenant->id, id, &p, error);
    if (rc == VINN_OK) {
        rc = refund_plan(&c, &p, &amount, &from, error);
    }
    const char *to = account != NULL && account[0] != '\0' ? account : p.payer_account;
    if (rc == VINN_OK && to[0] == '\0') {
        rc = vinn_fail(error, VINN_E_FIELD_REQUIRED, "account",
                       "payment %lld has no payer account: give --account", (long long)id);
    }
    memset(out, 0, sizeof(*out));
    if (rc == VINN_OK) {
        rc = vinn_store_next_id(app->store, tenant->id, VINN_SEQ_PAYOUT, &out->id, error);
    }
    /* Point of no return: post the payout. */
    struct vinn_txn txn;
    memset(&txn, 0, sizeof(txn));
    if (rc == VINN_OK) {
        vinn_txn_init(&txn, p.currency);
        rc = vinn_txn_add(&txn, from, from == VINN_ACCOUNT_CREDIT ? p.customer_id : 0, 0, amount);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_PAYOUT, 0, 0, -amount);
    }
    char key[64];
    snprintf(key, sizeof(key), "refund:%lld", (long long)out->id);
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = txn_post(&c, p.id, "refund", key, &txn, &txn_id, error);
    }
    out->payment_id = p.id;
    out->customer_id = p.customer_id;
    out->day = app->today;
    out->amount_minor = amount;
    memcpy(out->currency, p.currency, sizeof(out->currency));
    snprintf(out->payee_name, sizeof(out->payee_name), "%s", p.payer_name);
    snprintf(out->payee_account, sizeof(out->payee_account), "%s", to);
    snprintf(out->message, sizeof(out->message), "Refund of payment %lld%s%.60s", (long long)p.id,
             p.bank_ref[0] != '\0' ? " " : "", p.bank_ref);
    out->created_at_us = app->now_us;
    if (rc == VINN_OK) {
        rc = vinn_store_payout_insert(app->store, tenant->id, out, error);
    }
    p.refunded_minor += amount;
    if (from == VINN_ACCOUNT_UNMATCHED) {
        p.status = VINN_PAY_REFUNDED;
        p.unmatched_minor = 0;
    }
    if (rc == VINN_OK) {
        rc = vinn_store_payment_update(app->store, tenant->id, &p, error);
    }
    char detail[128];
    snprintf(detail, sizeof(detail), "refund of %lld to %.48s (payout %lld)", (long long)amount, to,
             (long long)out->id);
    event_add(&c, p.id, "refunded", detail, &rc, error);
    return vinn_app_txn_end(app, rc, error);
}
