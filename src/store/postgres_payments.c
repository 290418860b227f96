/*
 * postgres_payments.c - the payments tables of the PostgreSQL backend: bank
 * imports, payments and their allocations, events, payer accounts,
 * payouts, tenant settings, and the invoice look-ups matching needs. The
 * SQL is sqlite_payments.c's in PostgreSQL's dialect; every query that
 * returns rows has a LIMIT.
 */
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "store/postgres_internal.h"

enum pst {
    PST_SETTING_GET = PG_PAYMENTS_FIRST,
    PST_SETTING_PUT,
    PST_IMPORT_INSERT,
    PST_IMPORT_FINISH,
    PST_FIND_ENTRY,
    PST_PAYMENT_INSERT,
    PST_PAYMENT_UPDATE,
    PST_PAYMENT_GET,
    PST_PAYMENT_LIST,
    PST_FIND_ORIGINAL,
    PST_ALLOC_INSERT,
    PST_ALLOCS,
    PST_PAYMENT_TXNS,
    PST_TXN_GET,
    PST_TXN_LINK,
    PST_EVENT_INSERT,
    PST_EVENTS,
    PST_PAYOUT_INSERT,
    PST_INVOICE_BY_REF,
    PST_OPEN_BY_AMOUNT,
    PST_OPEN_OF_CUSTOMER,
    PST_INVOICE_OWED,
    PST_CUSTOMERS_BY_KEY,
    PST_PAYER_GET,
    PST_PAYER_PUT,
    PST_HAS_CHARGES,
    PST_END,
};
_Static_assert((int)PST_END <= (int)PG_DUNNING_FIRST, "payments statements fit their ids");

#define PAYMENT_COLUMNS                                                                            \
    "p.payment_id, p.import_id, p.entry_id, p.status, p.method, p.confidence, p.reversal, "        \
    "p.booking_date, p.value_date, p.amount_minor, p.currency, p.reference, p.message, "           \
    "p.payer_name, p.payer_account, p.bank_ref, p.end_to_end, p.return_reason, p.customer_id, "    \
    "COALESCE(c.ext_id, ''), p.unmatched_minor, p.credit_minor, p.refunded_minor, p.related_id, "  \
    "p.source, p.created_at FROM payments p LEFT JOIN customers c ON c.tenant_id = p.tenant_id "   \
    "AND c.customer_id = p.customer_id "

static const char *const pst_sql[] = {
    [PST_SETTING_GET - PG_PAYMENTS_FIRST] =
        "SELECT value FROM settings WHERE tenant_id = $1 AND key = $2",
    [PST_SETTING_PUT - PG_PAYMENTS_FIRST] =
        "INSERT INTO settings (tenant_id, key, value) VALUES ($1, $2, $3) "
        "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value",
    [PST_IMPORT_INSERT - PG_PAYMENTS_FIRST] =
        "INSERT INTO bank_imports (tenant_id, import_id, file_name, format, file_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
    [PST_IMPORT_FINISH - PG_PAYMENTS_FIRST] =
        "UPDATE bank_imports SET file_id = $1, entries = $2, new_entries = $3, duplicates = $4 "
        "WHERE tenant_id = $5 AND import_id = $6",
    [PST_FIND_ENTRY - PG_PAYMENTS_FIRST] =
        "SELECT payment_id, import_id FROM payments WHERE tenant_id = $1 AND entry_id = $2",
    [PST_PAYMENT_INSERT - PG_PAYMENTS_FIRST] =
        "INSERT INTO payments (tenant_id, payment_id, import_id, entry_id, status, method, "
        "confidence, reversal, booking_date, value_date, amount_minor, currency, reference, "
        "message, payer_name, payer_account, bank_ref, end_to_end, return_reason, customer_id, "
        "unmatched_minor, credit_minor, refunded_minor, related_id, source, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
        "$20, $21, $22, $23, $24, $25, $26) ON CONFLICT DO NOTHING",
    [PST_PAYMENT_UPDATE - PG_PAYMENTS_FIRST] =
        "UPDATE payments SET status = $1, method = $2, confidence = $3, customer_id = $4, "
        "unmatched_minor = $5, credit_minor = $6, refunded_minor = $7, related_id = $8 "
        "WHERE tenant_id = $9 AND payment_id = $10",
    [PST_PAYMENT_GET - PG_PAYMENTS_FIRST] =
        "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = $1 AND p.payment_id = $2",
    /* Every filter in one statement: "$4 = ''" and "$5 = 0" switch one off. */
    [PST_PAYMENT_LIST - PG_PAYMENTS_FIRST] =
        "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = $1 AND p.payment_id > $2 "
        "AND ($4 = '' OR p.status = $4) AND ($5::bigint = 0 OR p.customer_id = $5::bigint) "
        "ORDER BY p.payment_id LIMIT $3",
    /* By payments_amount; its condition (reversal = 0 AND status <>
     * 'reversed') is repeated word for word, as a partial index needs. */
    [PST_FIND_ORIGINAL - PG_PAYMENTS_FIRST] =
        "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = $1 AND p.amount_minor = $2 AND "
        "p.currency = $3 AND p.reversal = 0 AND p.status <> 'reversed' AND "
        "p.status NOT IN ('reversed', 'refunded') AND "
        "(($4 <> '' AND p.reference = $4) OR ($5 <> '' AND p.end_to_end = $5) OR "
        "($6 <> '' AND p.payer_account = $6) OR ($7 <> '' AND p.message = $7)) "
        "ORDER BY (($4 <> '' AND p.reference = $4) OR ($5 <> '' AND p.end_to_end = $5)) DESC, "
        "($7 <> '' AND p.message = $7) DESC, p.payment_id DESC LIMIT 1",
    [PST_ALLOC_INSERT - PG_PAYMENTS_FIRST] =
        "INSERT INTO payment_allocations (tenant_id, payment_id, seq, invoice_id, fees_minor, "
        "interest_minor, principal_minor, txn_id, day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9)",
    [PST_ALLOCS - PG_PAYMENTS_FIRST] =
        "SELECT a.invoice_id, COALESCE(i.number, ''), a.fees_minor, a.interest_minor, "
        "a.principal_minor, a.txn_id, a.day FROM payment_allocations a LEFT JOIN invoices i ON "
        "i.tenant_id = a.tenant_id AND i.invoice_id = a.invoice_id WHERE a.tenant_id = $1 AND "
        "a.payment_id = $2 ORDER BY a.seq LIMIT 1000",
    [PST_PAYMENT_TXNS - PG_PAYMENTS_FIRST] =
        "SELECT txn_id FROM payment_txns WHERE tenant_id = $1 AND payment_id = $2 "
        "ORDER BY txn_id LIMIT $3",
    [PST_TXN_GET - PG_PAYMENTS_FIRST] =
        "SELECT t.currency, p.account_kind, p.customer_id, p.invoice_id, p.amount_minor FROM "
        "ledger_txns t JOIN postings p ON p.tenant_id = t.tenant_id AND p.txn_id = t.txn_id "
        "WHERE t.tenant_id = $1 AND t.txn_id = $2 ORDER BY p.seq LIMIT 65",
    [PST_TXN_LINK - PG_PAYMENTS_FIRST] =
        "INSERT INTO payment_txns (tenant_id, payment_id, txn_id) VALUES ($1, $2, $3)",
    [PST_EVENT_INSERT - PG_PAYMENTS_FIRST] =
        "INSERT INTO payment_events (tenant_id, payment_id, seq, at, day, kind, detail) VALUES "
        "($1, $2, (SELECT COUNT(*) + 1 FROM payment_events WHERE tenant_id = $1 AND "
        "payment_id = $2), $3, $4, $5, $6)",
    [PST_EVENTS - PG_PAYMENTS_FIRST] =
        "SELECT at, day, kind, detail FROM payment_events WHERE tenant_id = $1 AND "
        "payment_id = $2 ORDER BY seq LIMIT 1000",
    [PST_PAYOUT_INSERT - PG_PAYMENTS_FIRST] =
        "INSERT INTO payouts (tenant_id, payout_id, payment_id, customer_id, day, amount_minor, "
        "currency, payee_name, payee_account, message, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    [PST_INVOICE_BY_REF - PG_PAYMENTS_FIRST] =
        "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.reference = $2",
    [PST_OPEN_BY_AMOUNT - PG_PAYMENTS_FIRST] =
        "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.status = 'open' AND "
        "i.outstanding_minor = $2 AND i.currency = $3 ORDER BY i.due_date, i.invoice_id LIMIT $4",
    [PST_OPEN_OF_CUSTOMER - PG_PAYMENTS_FIRST] =
        "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.customer_id = $2 AND "
        "i.status = 'open' AND i.currency = $3 ORDER BY i.due_date, i.invoice_id LIMIT $4",
    /* "invoice_id <> 0" and "account_kind <= 3" let the planner use the
     * partial index postings_invoice. */
    [PST_INVOICE_OWED - PG_PAYMENTS_FIRST] =
        "SELECT account_kind, SUM(amount_minor) FROM postings WHERE tenant_id = $1 AND "
        "invoice_id = $2 AND invoice_id <> 0 AND account_kind <= 3 AND account_kind >= 1 "
        "GROUP BY account_kind LIMIT 3",
    [PST_CUSTOMERS_BY_KEY - PG_PAYMENTS_FIRST] =
        "SELECT " PG_CUSTOMER_COLUMNS "WHERE tenant_id = $1 AND name_key = $2 "
        "ORDER BY customer_id LIMIT $3",
    [PST_PAYER_GET - PG_PAYMENTS_FIRST] =
        "SELECT customer_id FROM payer_accounts WHERE tenant_id = $1 AND account = $2",
    [PST_PAYER_PUT - PG_PAYMENTS_FIRST] =
        "INSERT INTO payer_accounts (tenant_id, account, customer_id) VALUES ($1, $2, $3) "
        "ON CONFLICT (tenant_id, account) DO UPDATE SET customer_id = excluded.customer_id",
    [PST_HAS_CHARGES - PG_PAYMENTS_FIRST] =
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE tenant_id = $1 AND kind IN (2, 3))::int",
};

static vinn_err query(struct vinn_store *store, enum pst id, const struct pg_args *a,
                      PGresult **res, const char *what, struct vinn_error *error)
{
    const char *sql = pst_sql[id - PG_PAYMENTS_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_query(pg_of(store), (int)id, sql, a, res, what, error);
}

static vinn_err command(struct vinn_store *store, enum pst id, const struct pg_args *a,
                        int64_t *changed, const char *what, struct vinn_error *error)
{
    const char *sql = pst_sql[id - PG_PAYMENTS_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_command(pg_of(store), (int)id, sql, a, changed, what, error);
}

/* A query of at most one row whose absence is `missing` (not recorded in
 * error: the callers' VINN_E_NOT_FOUND is an answer, not a failure). */
static vinn_err query_one(struct vinn_store *store, enum pst id, const struct pg_args *a,
                          PGresult **res, vinn_err missing, const char *what,
                          struct vinn_error *error)
{
    vinn_err rc = query(store, id, a, res, what, error);
    if (rc == VINN_OK && PQntuples(*res) == 0) {
        PQclear(*res);
        *res = NULL;
        return missing;
    }
    return rc;
}

/* ---- settings ---------------------------------------------------------------- */

vinn_err pg_store_setting_get(struct vinn_store *store, int64_t tenant_id, const char *key,
                              char *out, size_t cap, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, key);
    PGresult *res = NULL;
    vinn_err rc =
        query_one(store, PST_SETTING_GET, &a, &res, VINN_E_NOT_FOUND, "reading a setting", error);
    if (rc == VINN_E_NOT_FOUND) {
        return vinn_fail(error, VINN_E_NOT_FOUND, key, "setting '%s' is not set", key);
    }
    if (rc == VINN_OK && !pg_text(res, 0, 0, out, cap)) {
        rc = pg_corrupt(error, "settings");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_setting_put(struct vinn_store *store, int64_t tenant_id, const char *key,
                              const char *value, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, key);
    pg_arg_text(&a, value);
    vinn_err rc = command(store, PST_SETTING_PUT, &a, NULL, "saving a setting", error);
    return rc == VINN_OK ? pg_config_changed(pg_of(store), error) : rc;
}

/* ---- imports ----------------------------------------------------------------- */

vinn_err pg_store_import_insert(struct vinn_store *store, int64_t tenant_id,
                                struct vinn_bank_import *imp, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    vinn_err rc = pg_store_next_id(store, tenant_id, VINN_SEQ_IMPORT, &imp->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, imp->id);
    pg_arg_text(&a, imp->file_name);
    pg_arg_text(&a, imp->format);
    pg_arg_text(&a, imp->file_id);
    pg_arg_int(&a, imp->created_at_us);
    return command(store, PST_IMPORT_INSERT, &a, NULL, "recording a bank import", error);
}

vinn_err pg_store_import_finish(struct vinn_store *store, int64_t tenant_id,
                                const struct vinn_bank_import *imp, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_text(&a, imp->file_id);
    pg_arg_int(&a, imp->entries);
    pg_arg_int(&a, imp->new_entries);
    pg_arg_int(&a, imp->duplicates);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, imp->id);
    return command(store, PST_IMPORT_FINISH, &a, NULL, "recording a bank import", error);
}

/* ---- payments ---------------------------------------------------------------- */

vinn_err pg_store_payment_find_entry(struct vinn_store *store, int64_t tenant_id,
                                     const char *entry_id, int64_t *payment_id,
                                     int64_t *import_id, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, entry_id);
    PGresult *res = NULL;
    vinn_err rc = query_one(store, PST_FIND_ENTRY, &a, &res, VINN_E_NOT_FOUND,
                            "looking up a bank entry", error);
    if (rc == VINN_OK) {
        *payment_id = pg_int(res, 0, 0);
        *import_id = pg_int(res, 0, 1);
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payment_insert(struct vinn_store *store, int64_t tenant_id,
                                 const struct vinn_payment *p, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    VINN_ASSERT(p->id > 0);
    VINN_ASSERT(p->amount_minor > 0);
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, p->id);
    pg_arg_int(&a, p->import_id);
    pg_arg_text(&a, p->entry_id);
    pg_arg_text(&a, vinn_payment_status_name(p->status));
    int64_t numbers[] = {p->method, p->confidence, p->reversal ? 1 : 0, p->booking_date,
                         p->value_date, p->amount_minor};
    for (int i = 0; i < 6; i++) {
        pg_arg_int(&a, numbers[i]);
    }
    const char *texts[] = {p->currency,      p->reference, p->message,    p->payer_name,
                           p->payer_account, p->bank_ref,  p->end_to_end, p->return_reason};
    for (int i = 0; i < 8; i++) {
        pg_arg_text(&a, texts[i]);
    }
    int64_t tail[] = {p->customer_id, p->unmatched_minor, p->credit_minor, p->refunded_minor,
                      p->related_id};
    for (int i = 0; i < 5; i++) {
        pg_arg_int(&a, tail[i]);
    }
    pg_arg_text(&a, p->source);
    pg_arg_int(&a, p->created_at_us);
    int64_t added = 0;
    vinn_err rc = command(store, PST_PAYMENT_INSERT, &a, &added, "adding a payment", error);
    if (rc == VINN_OK && added == 0) {
        return vinn_fail(error, VINN_E_EXISTS, "entry_id", "bank entry '%s' was already imported",
                         p->entry_id);
    }
    return rc;
}

vinn_err pg_store_payment_update(struct vinn_store *store, int64_t tenant_id,
                                 const struct vinn_payment *p, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_text(&a, vinn_payment_status_name(p->status));
    int64_t numbers[] = {p->method,         p->confidence,     p->customer_id,
                         p->unmatched_minor, p->credit_minor,  p->refunded_minor,
                         p->related_id,      tenant_id,        p->id};
    for (int i = 0; i < 9; i++) {
        pg_arg_int(&a, numbers[i]);
    }
    int64_t changed = 0;
    vinn_err rc = command(store, PST_PAYMENT_UPDATE, &a, &changed, "updating a payment", error);
    if (rc == VINN_OK && changed != 1) {
        return vinn_fail(error, VINN_E_PAYMENT_NOT_FOUND, "payment", "payment %lld does not exist",
                         (long long)p->id);
    }
    return rc;
}

static bool payment_read(const PGresult *res, int row, struct vinn_payment *p)
{
    memset(p, 0, sizeof(*p));
    char status[16];
    p->id = pg_int(res, row, 0);
    p->import_id = pg_int(res, row, 1);
    p->method = (int)pg_int(res, row, 4);
    p->confidence = (int)pg_int(res, row, 5);
    p->reversal = pg_int(res, row, 6) != 0;
    p->booking_date = (vinn_day)pg_int(res, row, 7);
    p->value_date = (vinn_day)pg_int(res, row, 8);
    p->amount_minor = pg_int(res, row, 9);
    p->customer_id = pg_int(res, row, 18);
    p->unmatched_minor = pg_int(res, row, 20);
    p->credit_minor = pg_int(res, row, 21);
    p->refunded_minor = pg_int(res, row, 22);
    p->related_id = pg_int(res, row, 23);
    p->created_at_us = pg_int(res, row, 25);
    struct {
        int col;
        char *out;
        size_t cap;
    } texts[] = {
        {2, p->entry_id, sizeof(p->entry_id)},
        {3, status, sizeof(status)},
        {10, p->currency, sizeof(p->currency)},
        {11, p->reference, sizeof(p->reference)},
        {12, p->message, sizeof(p->message)},
        {13, p->payer_name, sizeof(p->payer_name)},
        {14, p->payer_account, sizeof(p->payer_account)},
        {15, p->bank_ref, sizeof(p->bank_ref)},
        {16, p->end_to_end, sizeof(p->end_to_end)},
        {17, p->return_reason, sizeof(p->return_reason)},
        {19, p->customer_ext_id, sizeof(p->customer_ext_id)},
        {24, p->source, sizeof(p->source)},
    };
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof(texts) / sizeof(texts[0]); i++) {
        ok = pg_text(res, row, texts[i].col, texts[i].out, texts[i].cap);
    }
    return ok && vinn_payment_status_parse(status, &p->status, NULL) == VINN_OK;
}

/* The one payment of a query into out, or `missing` (unrecorded) when none. */
static vinn_err payment_one(struct vinn_store *store, enum pst id, const struct pg_args *a,
                            vinn_err missing, struct vinn_payment *out, struct vinn_error *error)
{
    PGresult *res = NULL;
    vinn_err rc = query_one(store, id, a, &res, missing, "reading a payment", error);
    if (rc == VINN_OK && !payment_read(res, 0, out)) {
        rc = pg_corrupt(error, "payments");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payment_get(struct vinn_store *store, int64_t tenant_id, int64_t id,
                              struct vinn_payment *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    vinn_err rc = payment_one(store, PST_PAYMENT_GET, &a, VINN_E_PAYMENT_NOT_FOUND, out, error);
    if (rc == VINN_E_PAYMENT_NOT_FOUND) {
        return vinn_fail(error, rc, "payment", "payment %lld does not exist", (long long)id);
    }
    return rc;
}

vinn_err pg_store_payment_list(struct vinn_store *store, int64_t tenant_id,
                               const struct vinn_payment_filter *f, vinn_payment_fn fn, void *ctx,
                               struct vinn_error *error)
{
    const char *status = "";
    if (f->unmatched_only) {
        status = vinn_payment_status_name(VINN_PAY_UNMATCHED);
    } else if (f->has_status) {
        status = vinn_payment_status_name(f->status);
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, f->after_id);
    pg_arg_int(&a, f->limit > 0 && f->limit <= VINN_PAGE_MAX ? f->limit : VINN_PAGE_DEFAULT);
    pg_arg_text(&a, status);
    pg_arg_int(&a, f->unmatched_only ? 0 : f->customer_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, PST_PAYMENT_LIST, &a, &res, "listing payments", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_payment p;
        rc = payment_read(res, i, &p) ? fn(ctx, &p) : pg_corrupt(error, "payments");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payment_find_original(struct vinn_store *store, int64_t tenant_id,
                                        const struct vinn_payment *r, struct vinn_payment *out,
                                        struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, r->amount_minor);
    pg_arg_text(&a, r->currency);
    pg_arg_text(&a, r->reference);
    pg_arg_text(&a, r->end_to_end);
    pg_arg_text(&a, r->payer_account);
    pg_arg_text(&a, r->message);
    return payment_one(store, PST_FIND_ORIGINAL, &a, VINN_E_NOT_FOUND, out, error);
}

/* ---- allocations, transactions, events, payouts ------------------------------ */

vinn_err pg_store_allocation_insert(struct vinn_store *store, int64_t tenant_id,
                                    int64_t payment_id, uint32_t seq,
                                    const struct vinn_payment_allocation *al,
                                    struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    int64_t numbers[] = {tenant_id,          payment_id,          seq,
                         al->invoice_id,     al->fees_minor,      al->interest_minor,
                         al->principal_minor, al->txn_id,         al->day};
    for (int i = 0; i < 9; i++) {
        pg_arg_int(&a, numbers[i]);
    }
    return command(store, PST_ALLOC_INSERT, &a, NULL, "recording an allocation", error);
}

/* The (tenant, payment) pair most of the reads below are keyed by. */
static struct pg_args payment_key(int64_t tenant_id, int64_t payment_id)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, payment_id);
    return a;
}

vinn_err pg_store_allocations(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                              vinn_allocation_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, payment_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, PST_ALLOCS, &a, &res, "reading allocations", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_payment_allocation al;
        memset(&al, 0, sizeof(al));
        al.invoice_id = pg_int(res, i, 0);
        al.fees_minor = pg_int(res, i, 2);
        al.interest_minor = pg_int(res, i, 3);
        al.principal_minor = pg_int(res, i, 4);
        al.txn_id = pg_int(res, i, 5);
        al.day = (vinn_day)pg_int(res, i, 6);
        rc = pg_text(res, i, 1, al.invoice_number, sizeof(al.invoice_number))
                 ? fn(ctx, &al)
                 : pg_corrupt(error, "payment_allocations");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payment_txns(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                               int64_t *txn_ids, uint32_t max, uint32_t *count,
                               struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, payment_id);
    pg_arg_int(&a, (int64_t)max + 1);
    PGresult *res = NULL;
    *count = 0;
    vinn_err rc = query(store, PST_PAYMENT_TXNS, &a, &res, "reading a payment's transactions",
                        error);
    if (rc != VINN_OK) {
        return rc;
    }
    uint32_t n = (uint32_t)PQntuples(res);
    for (uint32_t i = 0; i < n && i < max; i++) {
        txn_ids[i] = pg_int(res, (int)i, 0);
    }
    PQclear(res);
    *count = n <= max ? n : max;
    if (n > max) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "payment",
                         "payment %lld has more than %u ledger transactions",
                         (long long)payment_id, max);
    }
    return VINN_OK;
}

vinn_err pg_store_txn_get(struct vinn_store *store, int64_t tenant_id, int64_t txn_id,
                          struct vinn_txn *txn, struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, txn_id);
    PGresult *res = NULL;
    memset(txn, 0, sizeof(*txn));
    vinn_err rc = query(store, PST_TXN_GET, &a, &res, "reading a ledger transaction", error);
    if (rc != VINN_OK) {
        return rc;
    }
    int n = PQntuples(res);
    if (n == 0) {
        rc = vinn_fail(error, VINN_E_NOT_FOUND, "txn", "ledger transaction %lld does not exist",
                       (long long)txn_id);
    } else if (n > VINN_TXN_POSTINGS_MAX || !pg_text(res, 0, 0, txn->currency,
                                                     sizeof(txn->currency))) {
        rc = pg_corrupt(error, "ledger_txns");
    }
    for (int i = 0; rc == VINN_OK && i < n; i++) {
        int kind = (int)pg_int(res, i, 1);
        if (!vinn_account_kind_is_known(kind)) {
            rc = pg_corrupt(error, "postings");
            break;
        }
        struct vinn_posting *p = &txn->postings[txn->postings_count++];
        p->kind = (enum vinn_account_kind)kind;
        p->customer_id = pg_int(res, i, 2);
        p->invoice_id = pg_int(res, i, 3);
        p->amount_minor = pg_int(res, i, 4);
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payment_txn_link(struct vinn_store *store, int64_t tenant_id,
                                   int64_t payment_id, int64_t txn_id, struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, payment_id);
    pg_arg_int(&a, txn_id);
    return command(store, PST_TXN_LINK, &a, NULL, "linking a payment to its transaction", error);
}

vinn_err pg_store_payment_event(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                                const struct vinn_payment_event *e, struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, payment_id);
    pg_arg_int(&a, e->at_us);
    pg_arg_int(&a, e->day);
    pg_arg_text(&a, e->kind);
    pg_arg_text(&a, e->detail);
    return command(store, PST_EVENT_INSERT, &a, NULL, "recording a payment event", error);
}

vinn_err pg_store_payment_events(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                                 vinn_event_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = payment_key(tenant_id, payment_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, PST_EVENTS, &a, &res, "reading payment events", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_payment_event e;
        memset(&e, 0, sizeof(e));
        e.at_us = pg_int(res, i, 0);
        e.day = (vinn_day)pg_int(res, i, 1);
        bool ok = pg_text(res, i, 2, e.kind, sizeof(e.kind)) &&
                  pg_text(res, i, 3, e.detail, sizeof(e.detail));
        rc = ok ? fn(ctx, &e) : pg_corrupt(error, "payment_events");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payout_insert(struct vinn_store *store, int64_t tenant_id,
                                const struct vinn_payout *o, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    VINN_ASSERT(o->amount_minor > 0);
    struct pg_args a = {0};
    int64_t numbers[] = {tenant_id, o->id, o->payment_id, o->customer_id, o->day,
                         o->amount_minor};
    for (int i = 0; i < 6; i++) {
        pg_arg_int(&a, numbers[i]);
    }
    pg_arg_text(&a, o->currency);
    pg_arg_text(&a, o->payee_name);
    pg_arg_text(&a, o->payee_account);
    pg_arg_text(&a, o->message);
    pg_arg_int(&a, o->created_at_us);
    return command(store, PST_PAYOUT_INSERT, &a, NULL, "recording a payout", error);
}

/* ---- look-ups for matching ---------------------------------------------------- */

vinn_err pg_store_invoice_by_reference(struct vinn_store *store, int64_t tenant_id,
                                       const char *reference, struct vinn_invoice *out,
                                       struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, reference);
    PGresult *res = NULL;
    vinn_err rc = query_one(store, PST_INVOICE_BY_REF, &a, &res, VINN_E_NOT_FOUND,
                            "looking up a reference", error);
    if (rc == VINN_OK && !pg_invoice_read(res, 0, out)) {
        rc = pg_corrupt(error, "invoices");
    }
    PQclear(res);
    return rc;
}

/* Open invoices of statement id (tenant, key, currency, limit): call fn with each. */
static vinn_err open_invoices(struct vinn_store *store, enum pst id, int64_t tenant_id,
                              int64_t key, const char *currency, uint32_t limit,
                              vinn_invoice_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, key);
    pg_arg_text(&a, currency);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, id, &a, &res, "reading invoices", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_invoice inv;
        rc = pg_invoice_read(res, i, &inv) ? fn(ctx, &inv) : pg_corrupt(error, "invoices");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_invoices_open_by_amount(struct vinn_store *store, int64_t tenant_id,
                                          const char *currency, int64_t amount, uint32_t limit,
                                          vinn_invoice_fn fn, void *ctx, struct vinn_error *error)
{
    return open_invoices(store, PST_OPEN_BY_AMOUNT, tenant_id, amount, currency, limit, fn, ctx,
                         error);
}

vinn_err pg_store_invoices_open_of_customer(struct vinn_store *store, int64_t tenant_id,
                                            int64_t customer_id, const char *currency,
                                            uint32_t limit, vinn_invoice_fn fn, void *ctx,
                                            struct vinn_error *error)
{
    return open_invoices(store, PST_OPEN_OF_CUSTOMER, tenant_id, customer_id, currency, limit, fn,
                         ctx, error);
}

vinn_err pg_store_invoice_owed(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                               int64_t owed[3], struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, PST_INVOICE_OWED, &a, &res, "reading what an invoice owes", error);
    if (rc != VINN_OK) {
        return rc;
    }
    owed[0] = owed[1] = owed[2] = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        int64_t kind = pg_int(res, i, 0);
        int64_t sum = pg_int(res, i, 1);
        /* owed[] follows enum vinn_alloc_part: fees, interest, principal. */
        if (kind == VINN_ACCOUNT_FEES) {
            owed[0] = sum;
        } else if (kind == VINN_ACCOUNT_INTEREST) {
            owed[1] = sum;
        } else if (kind == VINN_ACCOUNT_PRINCIPAL) {
            owed[2] = sum;
        }
    }
    PQclear(res);
    return VINN_OK;
}

vinn_err pg_store_customers_by_name_key(struct vinn_store *store, int64_t tenant_id,
                                        const char *key, uint32_t limit, vinn_customer_fn fn,
                                        void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, key);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc =
        query(store, PST_CUSTOMERS_BY_KEY, &a, &res, "looking up customers by name", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_customer c;
        rc = pg_customer_read(res, i, &c) ? fn(ctx, &c) : pg_corrupt(error, "customers");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payer_account_get(struct vinn_store *store, int64_t tenant_id,
                                    const char *account, int64_t *customer_id,
                                    struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, account);
    PGresult *res = NULL;
    vinn_err rc = query_one(store, PST_PAYER_GET, &a, &res, VINN_E_NOT_FOUND,
                            "looking up a payer account", error);
    if (rc == VINN_OK) {
        *customer_id = pg_int(res, 0, 0);
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_payer_account_put(struct vinn_store *store, int64_t tenant_id,
                                    const char *account, int64_t customer_id,
                                    struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, account);
    pg_arg_int(&a, customer_id);
    return command(store, PST_PAYER_PUT, &a, NULL, "learning a payer account", error);
}

vinn_err pg_store_tenant_has_charges(struct vinn_store *store, int64_t tenant_id, bool *out,
                                     struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, PST_HAS_CHARGES, &a, &res, "reading the tenant's charges", error);
    if (rc == VINN_OK) {
        *out = pg_int(res, 0, 0) != 0;
    }
    PQclear(res);
    return rc;
}
