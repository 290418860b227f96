/*
 * sqlite_payments.c - the payments tables of the SQLite backend: bank
 * imports, payments and their allocations, events, payer accounts,
 * payouts, tenant settings, and the invoice look-ups matching needs.
 *
 * Every statement is prepared once (sqlite_ext_stmt) and every query that
 * returns rows has a LIMIT.
 */
#include <string.h>

#include "base/assert.h"
#include "store/sqlite_internal.h"

enum pst {
    PST_SETTING_GET = SQLITE_EXT_PAYMENTS_FIRST,
    PST_SETTING_PUT,
    PST_IMPORT_INSERT,
    PST_IMPORT_FINISH,
    PST_FIND_ENTRY,
    PST_PAYMENT_INSERT,
    PST_PAYMENT_UPDATE,
    PST_PAYMENT_GET,
    PST_PAYMENT_LIST,
    PST_PAYMENT_LIST_UNMATCHED,
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
    PST_ACCOUNT_BALANCE,
    PST_HAS_CHARGES,
    PST_END,
};

#define PAYMENT_FIELDS                                                                             \
    "p.payment_id, p.import_id, p.entry_id, p.status, p.method, p.confidence, p.reversal, "        \
    "p.booking_date, p.value_date, p.amount_minor, p.currency, p.reference, p.message, "           \
    "p.payer_name, p.payer_account, p.bank_ref, p.end_to_end, p.return_reason, p.customer_id, "    \
    "COALESCE(c.ext_id, ''), p.unmatched_minor, p.credit_minor, p.refunded_minor, p.related_id, "  \
    "p.source, p.created_at "
#define PAYMENT_CUSTOMER_JOIN                                                                      \
    "LEFT JOIN customers c ON c.tenant_id = p.tenant_id AND c.customer_id = p.customer_id "
#define PAYMENT_COLUMNS PAYMENT_FIELDS "FROM payments p " PAYMENT_CUSTOMER_JOIN

static const char *const pst_sql[] = {
    [PST_SETTING_GET] = "SELECT value FROM settings WHERE tenant_id = ? AND key = ?",
    [PST_SETTING_PUT] = "INSERT INTO settings (tenant_id, key, value) VALUES (?, ?, ?) "
                        "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value",
    [PST_IMPORT_INSERT] = "INSERT INTO bank_imports (tenant_id, import_id, file_name, format, "
                          "file_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    [PST_IMPORT_FINISH] = "UPDATE bank_imports SET file_id = ?, entries = ?, new_entries = ?, "
                          "duplicates = ? WHERE tenant_id = ? AND import_id = ?",
    [PST_FIND_ENTRY] =
        "SELECT payment_id, import_id FROM payments WHERE tenant_id = ? AND entry_id = ?",
    [PST_PAYMENT_INSERT] =
        "INSERT INTO payments (tenant_id, payment_id, import_id, entry_id, status, method, "
        "confidence, reversal, booking_date, value_date, amount_minor, currency, reference, "
        "message, payer_name, payer_account, bank_ref, end_to_end, return_reason, customer_id, "
        "unmatched_minor, credit_minor, refunded_minor, related_id, source, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [PST_PAYMENT_UPDATE] =
        "UPDATE payments SET status = ?, method = ?, confidence = ?, customer_id = ?, "
        "unmatched_minor = ?, credit_minor = ?, refunded_minor = ?, related_id = ? "
        "WHERE tenant_id = ? AND payment_id = ?",
    [PST_PAYMENT_GET] = "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = ? AND p.payment_id = ?",
    [PST_PAYMENT_LIST] = "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = ?1 AND p.payment_id > ?2 "
                         "AND (?4 = '' OR p.status = ?4) AND (?5 = 0 OR p.customer_id = ?5) "
                         "ORDER BY p.payment_id LIMIT ?3",
    [PST_PAYMENT_LIST_UNMATCHED] =
        "SELECT " PAYMENT_COLUMNS "WHERE p.tenant_id = ? AND p.status = 'unmatched' AND "
        "p.payment_id > ? ORDER BY p.payment_id LIMIT ?",
    /* By payments_amount: without statistics the planner walked every
     * payment of the tenant by primary key instead. Its condition (reversal
     * = 0 AND status <> 'reversed') is repeated word for word, as a partial
     * index needs. */
    [PST_FIND_ORIGINAL] =
        "SELECT " PAYMENT_FIELDS "FROM payments p INDEXED BY payments_amount " PAYMENT_CUSTOMER_JOIN
        "WHERE p.tenant_id = ?1 AND p.amount_minor = ?2 AND "
        "p.currency = ?3 AND p.reversal = 0 AND p.status <> 'reversed' AND "
        "p.status NOT IN ('reversed', 'refunded') AND "
        "((?4 <> '' AND p.reference = ?4) OR (?5 <> '' AND p.end_to_end = ?5) OR "
        "(?6 <> '' AND p.payer_account = ?6) OR (?7 <> '' AND p.message = ?7)) "
        "ORDER BY ((?4 <> '' AND p.reference = ?4) OR (?5 <> '' AND p.end_to_end = ?5)) DESC, "
        "(?7 <> '' AND p.message = ?7) DESC, p.payment_id DESC LIMIT 1",
    [PST_ALLOC_INSERT] =
        "INSERT INTO payment_allocations (tenant_id, payment_id, seq, invoice_id, fees_minor, "
        "interest_minor, principal_minor, txn_id, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [PST_ALLOCS] = "SELECT a.invoice_id, COALESCE(i.number, ''), a.fees_minor, a.interest_minor, "
                   "a.principal_minor, a.txn_id, a.day FROM payment_allocations a LEFT JOIN "
                   "invoices i ON i.tenant_id = a.tenant_id AND i.invoice_id = a.invoice_id "
                   "WHERE a.tenant_id = ? AND a.payment_id = ? ORDER BY a.seq LIMIT 1000",
    [PST_PAYMENT_TXNS] = "SELECT txn_id FROM payment_txns WHERE tenant_id = ? AND payment_id = ? "
                         "ORDER BY txn_id LIMIT ?",
    [PST_TXN_GET] = "SELECT t.currency, p.account_kind, p.customer_id, p.invoice_id, "
                    "p.amount_minor FROM ledger_txns t JOIN postings p ON p.tenant_id = "
                    "t.tenant_id AND p.txn_id = t.txn_id WHERE t.tenant_id = ? AND t.txn_id = ? "
                    "ORDER BY p.seq LIMIT 64",
    [PST_TXN_LINK] = "INSERT INTO payment_txns (tenant_id, payment_id, txn_id) VALUES (?, ?, ?)",
    [PST_EVENT_INSERT] =
        "INSERT INTO payment_events (tenant_id, payment_id, seq, at, day, kind, detail) VALUES "
        "(?1, ?2, (SELECT COUNT(*) + 1 FROM payment_events WHERE tenant_id = ?1 AND "
        "payment_id = ?2), ?3, ?4, ?5, ?6)",
    [PST_EVENTS] = "SELECT at, day, kind, detail FROM payment_events WHERE tenant_id = ? AND "
                   "payment_id = ? ORDER BY seq LIMIT 1000",
    [PST_PAYOUT_INSERT] =
        "INSERT INTO payouts (tenant_id, payout_id, payment_id, customer_id, day, amount_minor, "
        "currency, payee_name, payee_account, message, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [PST_INVOICE_BY_REF] = "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND i.reference = ?",
    [PST_OPEN_BY_AMOUNT] =
        "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND i.status = 'open' AND "
        "i.outstanding_minor = ? AND i.currency = ? ORDER BY i.due_date, i.invoice_id LIMIT ?",
    [PST_OPEN_OF_CUSTOMER] =
        "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND i.customer_id = ? AND "
        "i.status = 'open' AND i.currency = ? ORDER BY i.due_date, i.invoice_id LIMIT ?",
    /* "invoice_id <> 0" and "account_kind <= 3" let SQLite use the
     * partial index postings_invoice. */
    [PST_INVOICE_OWED] = "SELECT account_kind, SUM(amount_minor) FROM postings WHERE "
                         "tenant_id = ? AND invoice_id = ? AND invoice_id <> 0 AND "
                         "account_kind <= 3 AND account_kind >= 1 GROUP BY account_kind LIMIT 3",
    /* Without statistics the planner prefers walking the primary key for
     * the ORDER BY, which reads every customer of the tenant; the index
     * already returns one key's customers in customer_id order. */
    [PST_CUSTOMERS_BY_KEY] = "SELECT " CUSTOMER_COLUMNS "INDEXED BY customers_name_key "
                             "WHERE tenant_id = ? AND name_key = ? ORDER BY customer_id LIMIT ?",
    [PST_PAYER_GET] = "SELECT customer_id FROM payer_accounts WHERE tenant_id = ? AND account = ?",
    [PST_PAYER_PUT] = "INSERT INTO payer_accounts (tenant_id, account, customer_id) "
                      "VALUES (?, ?, ?) ON CONFLICT (tenant_id, account) DO UPDATE SET "
                      "customer_id = excluded.customer_id",
    [PST_HAS_CHARGES] = "SELECT EXISTS (SELECT 1 FROM accounts WHERE tenant_id = ? AND "
                        "kind IN (2, 3))",
    [PST_ACCOUNT_BALANCE] = "SELECT balance_minor FROM accounts WHERE tenant_id = ? AND "
                            "customer_id = ? AND kind = ? AND currency = ?",
};

_Static_assert((int)PST_END <= (int)SQLITE_EXT_STMTS_MAX, "payments statements fit their slots");

static sqlite3_stmt *pst(struct sqlite_store *s, enum pst id, struct vinn_error *error)
{
    VINN_ASSERT(pst_sql[id] != NULL);
    return sqlite_ext_stmt(s, (int)id, pst_sql[id], error);
}

static bool is_constraint(int rc)
{
    return (rc & 0xff) == SQLITE_CONSTRAINT;
}

/* Step a statement that returns no rows. */
static vinn_err done(struct sqlite_store *s, sqlite3_stmt *st, const char *what,
                     struct vinn_error *error)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return sqlite_fail(s, error, what);
    }
    return VINN_OK;
}

/* ---- settings ------------------------------------------------------------ */

vinn_err sqlite_store_setting_get(struct vinn_store *store, int64_t tenant_id, const char *key,
                                  char *out, size_t cap, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_SETTING_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, key);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        if (!sqlite_col_text(st, 0, out, cap)) {
            result = sqlite_corrupt(error, "settings");
        }
    } else if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_NOT_FOUND, key, "setting '%s' is not set", key);
    } else {
        result = sqlite_fail(s, error, "reading a setting");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_setting_put(struct vinn_store *store, int64_t tenant_id, const char *key,
                                  const char *value, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = pst(s, PST_SETTING_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, key);
    sqlite_bind_text(st, 3, value);
    return done(s, st, "saving a setting", error);
}

/* ---- imports ------------------------------------------------------------- */

vinn_err sqlite_store_import_insert(struct vinn_store *store, int64_t tenant_id,
                                    struct vinn_bank_import *imp, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = sqlite_store_next_id(store, tenant_id, VINN_SEQ_IMPORT, &imp->id, error);
    sqlite3_stmt *st = rc == VINN_OK ? pst(s, PST_IMPORT_INSERT, error) : NULL;
    if (st == NULL) {
        return rc != VINN_OK ? rc : VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, imp->id);
    sqlite_bind_text(st, 3, imp->file_name);
    sqlite_bind_text(st, 4, imp->format);
    sqlite_bind_text(st, 5, imp->file_id);
    sqlite3_bind_int64(st, 6, imp->created_at_us);
    return done(s, st, "recording a bank import", error);
}

vinn_err sqlite_store_import_finish(struct vinn_store *store, int64_t tenant_id,
                                    const struct vinn_bank_import *imp, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_IMPORT_FINISH, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite_bind_text(st, 1, imp->file_id);
    sqlite3_bind_int64(st, 2, imp->entries);
    sqlite3_bind_int64(st, 3, imp->new_entries);
    sqlite3_bind_int64(st, 4, imp->duplicates);
    sqlite3_bind_int64(st, 5, tenant_id);
    sqlite3_bind_int64(st, 6, imp->id);
    return done(s, st, "recording a bank import", error);
}

/* ---- payments ------------------------------------------------------------ */

static const char *const payment_status_names[] = {
    "unmatched", "matched", "partial", "overpaid", "reversed", "reversal", "refunded",
};

const char *vinn_payment_status_name(enum vinn_payment_status status)
{
    VINN_ASSERT((int)status >= 0);
    VINN_ASSERT((size_t)status < sizeof(payment_status_names) / sizeof(payment_status_names[0]));
    return payment_status_names[status];
}

vinn_err vinn_payment_status_parse(const char *name, enum vinn_payment_status *out,
                                   struct vinn_error *error)
{
    for (size_t i = 0; i < sizeof(payment_status_names) / sizeof(payment_status_names[0]); i++) {
        if (name != NULL && strcmp(name, payment_status_names[i]) == 0) {
            *out = (enum vinn_payment_status)i;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "status",
                     "payment status '%s' is not known: use unmatched, matched, partial, "
                     "overpaid, reversed, reversal or refunded",
                     name != NULL ? name : "");
}

static bool payment_status_parse(const char *name, enum vinn_payment_status *out)
{
    for (size_t i = 0; i < sizeof(payment_status_names) / sizeof(payment_status_names[0]); i++) {
        if (strcmp(name, payment_status_names[i]) == 0) {
            *out = (enum vinn_payment_status)i;
            return true;
        }
    }
    return false;
}

vinn_err sqlite_store_payment_find_entry(struct vinn_store *store, int64_t tenant_id,
                                         const char *entry_id, int64_t *payment_id,
                                         int64_t *import_id, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_FIND_ENTRY, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, entry_id);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        *payment_id = sqlite3_column_int64(st, 0);
        *import_id = sqlite3_column_int64(st, 1);
    } else if (rc == SQLITE_DONE) {
        result = VINN_E_NOT_FOUND;
    } else {
        result = sqlite_fail(s, error, "looking up a bank entry");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payment_insert(struct vinn_store *store, int64_t tenant_id,
                                     const struct vinn_payment *p, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    VINN_ASSERT(p->id > 0);
    VINN_ASSERT(p->amount_minor > 0);
    sqlite3_stmt *st = pst(s, PST_PAYMENT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, p->id);
    sqlite3_bind_int64(st, 3, p->import_id);
    sqlite_bind_text(st, 4, p->entry_id);
    sqlite_bind_text(st, 5, vinn_payment_status_name(p->status));
    sqlite3_bind_int(st, 6, p->method);
    sqlite3_bind_int(st, 7, p->confidence);
    sqlite3_bind_int(st, 8, p->reversal ? 1 : 0);
    sqlite3_bind_int(st, 9, p->booking_date);
    sqlite3_bind_int(st, 10, p->value_date);
    sqlite3_bind_int64(st, 11, p->amount_minor);
    const char *texts[] = {p->currency,      p->reference, p->message,    p->payer_name,
                           p->payer_account, p->bank_ref,  p->end_to_end, p->return_reason};
    for (int i = 0; i < 8; i++) {
        sqlite_bind_text(st, 12 + i, texts[i]);
    }
    sqlite3_bind_int64(st, 20, p->customer_id);
    sqlite3_bind_int64(st, 21, p->unmatched_minor);
    sqlite3_bind_int64(st, 22, p->credit_minor);
    sqlite3_bind_int64(st, 23, p->refunded_minor);
    sqlite3_bind_int64(st, 24, p->related_id);
    sqlite_bind_text(st, 25, p->source);
    sqlite3_bind_int64(st, 26, p->created_at_us);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (is_constraint(rc)) {
        return vinn_fail(error, VINN_E_EXISTS, "entry_id", "bank entry '%s' was already imported",
                         p->entry_id);
    }
    if (rc != SQLITE_DONE) {
        return sqlite_fail(s, error, "adding a payment");
    }
    return VINN_OK;
}

vinn_err sqlite_store_payment_update(struct vinn_store *store, int64_t tenant_id,
                                     const struct vinn_payment *p, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = pst(s, PST_PAYMENT_UPDATE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite_bind_text(st, 1, vinn_payment_status_name(p->status));
    sqlite3_bind_int(st, 2, p->method);
    sqlite3_bind_int(st, 3, p->confidence);
    sqlite3_bind_int64(st, 4, p->customer_id);
    sqlite3_bind_int64(st, 5, p->unmatched_minor);
    sqlite3_bind_int64(st, 6, p->credit_minor);
    sqlite3_bind_int64(st, 7, p->refunded_minor);
    sqlite3_bind_int64(st, 8, p->related_id);
    sqlite3_bind_int64(st, 9, tenant_id);
    sqlite3_bind_int64(st, 10, p->id);
    vinn_err rc = done(s, st, "updating a payment", error);
    if (rc == VINN_OK && sqlite3_changes(sqlite_db(s)) != 1) {
        return vinn_fail(error, VINN_E_PAYMENT_NOT_FOUND, "payment", "payment %lld does not exist",
                         (long long)p->id);
    }
    return rc;
}

static bool payment_read(sqlite3_stmt *st, struct vinn_payment *p)
{
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(st, 0);
    p->import_id = sqlite3_column_int64(st, 1);
    char status[16];
    bool ok = sqlite_col_text(st, 2, p->entry_id, sizeof(p->entry_id)) &&
              sqlite_col_text(st, 3, status, sizeof(status)) &&
              payment_status_parse(status, &p->status);
    p->method = sqlite3_column_int(st, 4);
    p->confidence = sqlite3_column_int(st, 5);
    p->reversal = sqlite3_column_int(st, 6) != 0;
    p->booking_date = sqlite3_column_int(st, 7);
    p->value_date = sqlite3_column_int(st, 8);
    p->amount_minor = sqlite3_column_int64(st, 9);
    ok = ok && sqlite_col_text(st, 10, p->currency, sizeof(p->currency)) &&
         sqlite_col_text(st, 11, p->reference, sizeof(p->reference)) &&
         sqlite_col_text(st, 12, p->message, sizeof(p->message)) &&
         sqlite_col_text(st, 13, p->payer_name, sizeof(p->payer_name)) &&
         sqlite_col_text(st, 14, p->payer_account, sizeof(p->payer_account)) &&
         sqlite_col_text(st, 15, p->bank_ref, sizeof(p->bank_ref)) &&
         sqlite_col_text(st, 16, p->end_to_end, sizeof(p->end_to_end)) &&
         sqlite_col_text(st, 17, p->return_reason, sizeof(p->return_reason));
    p->customer_id = sqlite3_column_int64(st, 18);
    ok = ok && sqlite_col_text(st, 19, p->customer_ext_id, sizeof(p->customer_ext_id));
    p->unmatched_minor = sqlite3_column_int64(st, 20);
    p->credit_minor = sqlite3_column_int64(st, 21);
    p->refunded_minor = sqlite3_column_int64(st, 22);
    p->related_id = sqlite3_column_int64(st, 23);
    ok = ok && sqlite_col_text(st, 24, p->source, sizeof(p->source));
    p->created_at_us = sqlite3_column_int64(st, 25);
    return ok;
}

/* One row into out, or VINN_E_NOT_FOUND-ish `missing` when none. */
static vinn_err payment_one(struct sqlite_store *s, sqlite3_stmt *st, struct vinn_payment *out,
                            vinn_err missing, struct vinn_error *error)
{
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        if (!payment_read(st, out)) {
            result = sqlite_corrupt(error, "payments");
        }
    } else if (rc == SQLITE_DONE) {
        result = missing;
    } else {
        result = sqlite_fail(s, error, "reading a payment");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payment_get(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                  struct vinn_payment *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_PAYMENT_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, id);
    vinn_err rc = payment_one(s, st, out, VINN_E_PAYMENT_NOT_FOUND, error);
    if (rc == VINN_E_PAYMENT_NOT_FOUND) {
        return vinn_fail(error, rc, "payment", "payment %lld does not exist", (long long)id);
    }
    return rc;
}

vinn_err sqlite_store_payment_list(struct vinn_store *store, int64_t tenant_id,
                                   const struct vinn_payment_filter *f, vinn_payment_fn fn,
                                   void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st =
        pst(s, f->unmatched_only ? PST_PAYMENT_LIST_UNMATCHED : PST_PAYMENT_LIST, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, f->after_id);
    sqlite3_bind_int64(st, 3,
                       f->limit > 0 && f->limit <= VINN_PAGE_MAX ? f->limit : VINN_PAGE_DEFAULT);
    if (!f->unmatched_only) {
        sqlite_bind_text(st, 4, f->has_status ? vinn_payment_status_name(f->status) : "");
        sqlite3_bind_int64(st, 5, f->customer_id);
    }
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_payment p;
        result = payment_read(st, &p) ? fn(ctx, &p) : sqlite_corrupt(error, "payments");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "listing payments");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payment_find_original(struct vinn_store *store, int64_t tenant_id,
                                            const struct vinn_payment *r, struct vinn_payment *out,
                                            struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_FIND_ORIGINAL, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, r->amount_minor);
    sqlite_bind_text(st, 3, r->currency);
    sqlite_bind_text(st, 4, r->reference);
    sqlite_bind_text(st, 5, r->end_to_end);
    sqlite_bind_text(st, 6, r->payer_account);
    sqlite_bind_text(st, 7, r->message);
    return payment_one(s, st, out, VINN_E_NOT_FOUND, error);
}

/* ---- allocations, transactions, events, payouts ---------------------------- */

vinn_err sqlite_store_allocation_insert(struct vinn_store *store, int64_t tenant_id,
                                        int64_t payment_id, uint32_t seq,
                                        const struct vinn_payment_allocation *a,
                                        struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = pst(s, PST_ALLOC_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_int64(st, 4, a->invoice_id);
    sqlite3_bind_int64(st, 5, a->fees_minor);
    sqlite3_bind_int64(st, 6, a->interest_minor);
    sqlite3_bind_int64(st, 7, a->principal_minor);
    sqlite3_bind_int64(st, 8, a->txn_id);
    sqlite3_bind_int(st, 9, a->day);
    return done(s, st, "recording an allocation", error);
}

vinn_err sqlite_store_allocations(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                                  vinn_allocation_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_ALLOCS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_payment_allocation a;
        memset(&a, 0, sizeof(a));
        a.invoice_id = sqlite3_column_int64(st, 0);
        bool ok = sqlite_col_text(st, 1, a.invoice_number, sizeof(a.invoice_number));
        a.fees_minor = sqlite3_column_int64(st, 2);
        a.interest_minor = sqlite3_column_int64(st, 3);
        a.principal_minor = sqlite3_column_int64(st, 4);
        a.txn_id = sqlite3_column_int64(st, 5);
        a.day = sqlite3_column_int(st, 6);
        result = ok ? fn(ctx, &a) : sqlite_corrupt(error, "payment_allocations");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading allocations");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payment_txns(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                                   int64_t *txn_ids, uint32_t max, uint32_t *count,
                                   struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_PAYMENT_TXNS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    sqlite3_bind_int64(st, 3, (int64_t)max + 1);
    uint32_t n = 0;
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == max) {
            result = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "payment",
                               "payment %lld has more than %u ledger transactions",
                               (long long)payment_id, max);
            break;
        }
        txn_ids[n++] = sqlite3_column_int64(st, 0);
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading a payment's transactions");
    }
    sqlite3_reset(st);
    *count = n;
    return result;
}

vinn_err sqlite_store_txn_get(struct vinn_store *store, int64_t tenant_id, int64_t txn_id,
                              struct vinn_txn *txn, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_TXN_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, txn_id);
    memset(txn, 0, sizeof(*txn));
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (txn->postings_count == 0 &&
            !sqlite_col_text(st, 0, txn->currency, sizeof(txn->currency))) {
            result = sqlite_corrupt(error, "ledger_txns");
            break;
        }
        int kind = sqlite3_column_int(st, 1);
        if (!vinn_account_kind_is_known(kind) || txn->postings_count >= VINN_TXN_POSTINGS_MAX) {
            result = sqlite_corrupt(error, "postings");
            break;
        }
        struct vinn_posting *p = &txn->postings[txn->postings_count++];
        p->kind = (enum vinn_account_kind)kind;
        p->customer_id = sqlite3_column_int64(st, 2);
        p->invoice_id = sqlite3_column_int64(st, 3);
        p->amount_minor = sqlite3_column_int64(st, 4);
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading a ledger transaction");
    }
    sqlite3_reset(st);
    if (result == VINN_OK && txn->postings_count == 0) {
        result = vinn_fail(error, VINN_E_NOT_FOUND, "txn", "ledger transaction %lld does not exist",
                           (long long)txn_id);
    }
    return result;
}

vinn_err sqlite_store_payment_txn_link(struct vinn_store *store, int64_t tenant_id,
                                       int64_t payment_id, int64_t txn_id, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_TXN_LINK, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    sqlite3_bind_int64(st, 3, txn_id);
    return done(s, st, "linking a payment to its transaction", error);
}

vinn_err sqlite_store_payment_event(struct vinn_store *store, int64_t tenant_id, int64_t payment_id,
                                    const struct vinn_payment_event *e, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_EVENT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    sqlite3_bind_int64(st, 3, e->at_us);
    sqlite3_bind_int(st, 4, e->day);
    sqlite_bind_text(st, 5, e->kind);
    sqlite_bind_text(st, 6, e->detail);
    return done(s, st, "recording a payment event", error);
}

vinn_err sqlite_store_payment_events(struct vinn_store *store, int64_t tenant_id,
                                     int64_t payment_id, vinn_event_fn fn, void *ctx,
                                     struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_EVENTS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, payment_id);
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_payment_event e;
        memset(&e, 0, sizeof(e));
        e.at_us = sqlite3_column_int64(st, 0);
        e.day = sqlite3_column_int(st, 1);
        bool ok = sqlite_col_text(st, 2, e.kind, sizeof(e.kind)) &&
                  sqlite_col_text(st, 3, e.detail, sizeof(e.detail));
        result = ok ? fn(ctx, &e) : sqlite_corrupt(error, "payment_events");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading payment events");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payout_insert(struct vinn_store *store, int64_t tenant_id,
                                    const struct vinn_payout *o, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    VINN_ASSERT(o->amount_minor > 0);
    sqlite3_stmt *st = pst(s, PST_PAYOUT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, o->id);
    sqlite3_bind_int64(st, 3, o->payment_id);
    sqlite3_bind_int64(st, 4, o->customer_id);
    sqlite3_bind_int(st, 5, o->day);
    sqlite3_bind_int64(st, 6, o->amount_minor);
    sqlite_bind_text(st, 7, o->currency);
    sqlite_bind_text(st, 8, o->payee_name);
    sqlite_bind_text(st, 9, o->payee_account);
    sqlite_bind_text(st, 10, o->message);
    sqlite3_bind_int64(st, 11, o->created_at_us);
    return done(s, st, "recording a payout", error);
}

/* ---- look-ups for matching --------------------------------------------------- */

vinn_err sqlite_store_invoice_by_reference(struct vinn_store *store, int64_t tenant_id,
                                           const char *reference, struct vinn_invoice *out,
                                           struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_INVOICE_BY_REF, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, reference);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        if (!sqlite_invoice_read(st, out)) {
            result = sqlite_corrupt(error, "invoices");
        }
    } else if (rc == SQLITE_DONE) {
        result = VINN_E_NOT_FOUND;
    } else {
        result = sqlite_fail(s, error, "looking up a reference");
    }
    sqlite3_reset(st);
    return result;
}

static vinn_err invoice_rows(struct sqlite_store *s, sqlite3_stmt *st, vinn_invoice_fn fn,
                             void *ctx, struct vinn_error *error)
{
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_invoice inv;
        result = sqlite_invoice_read(st, &inv) ? fn(ctx, &inv) : sqlite_corrupt(error, "invoices");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading invoices");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_invoices_open_by_amount(struct vinn_store *store, int64_t tenant_id,
                                              const char *currency, int64_t amount, uint32_t limit,
                                              vinn_invoice_fn fn, void *ctx,
                                              struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_OPEN_BY_AMOUNT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, amount);
    sqlite_bind_text(st, 3, currency);
    sqlite3_bind_int64(st, 4, limit);
    return invoice_rows(s, st, fn, ctx, error);
}

vinn_err sqlite_store_invoices_open_of_customer(struct vinn_store *store, int64_t tenant_id,
                                                int64_t customer_id, const char *currency,
                                                uint32_t limit, vinn_invoice_fn fn, void *ctx,
                                                struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_OPEN_OF_CUSTOMER, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, customer_id);
    sqlite_bind_text(st, 3, currency);
    sqlite3_bind_int64(st, 4, limit);
    return invoice_rows(s, st, fn, ctx, error);
}

vinn_err sqlite_store_invoice_owed(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                   int64_t owed[3], struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_INVOICE_OWED, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    owed[0] = owed[1] = owed[2] = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int kind = sqlite3_column_int(st, 0);
        int64_t sum = sqlite3_column_int64(st, 1);
        /* owed[] follows enum vinn_alloc_part: fees, interest, principal. */
        if (kind == VINN_ACCOUNT_FEES) {
            owed[0] = sum;
        } else if (kind == VINN_ACCOUNT_INTEREST) {
            owed[1] = sum;
        } else if (kind == VINN_ACCOUNT_PRINCIPAL) {
            owed[2] = sum;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        return sqlite_fail(s, error, "reading what an invoice owes");
    }
    return VINN_OK;
}

vinn_err sqlite_store_customers_by_name_key(struct vinn_store *store, int64_t tenant_id,
                                            const char *key, uint32_t limit, vinn_customer_fn fn,
                                            void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_CUSTOMERS_BY_KEY, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, key);
    sqlite3_bind_int64(st, 3, limit);
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_customer c;
        result = sqlite_customer_read(st, &c) ? fn(ctx, &c) : sqlite_corrupt(error, "customers");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "looking up customers by name");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payer_account_get(struct vinn_store *store, int64_t tenant_id,
                                        const char *account, int64_t *customer_id,
                                        struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_PAYER_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, account);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        *customer_id = sqlite3_column_int64(st, 0);
    } else if (rc == SQLITE_DONE) {
        result = VINN_E_NOT_FOUND;
    } else {
        result = sqlite_fail(s, error, "looking up a payer account");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_payer_account_put(struct vinn_store *store, int64_t tenant_id,
                                        const char *account, int64_t customer_id,
                                        struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_PAYER_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, account);
    sqlite3_bind_int64(st, 3, customer_id);
    return done(s, st, "learning a payer account", error);
}

vinn_err sqlite_store_account_balance(struct vinn_store *store, int64_t tenant_id,
                                      int64_t customer_id, enum vinn_account_kind kind,
                                      const char *currency, int64_t *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = pst(s, PST_ACCOUNT_BALANCE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, customer_id);
    sqlite3_bind_int(st, 3, (int)kind);
    sqlite_bind_text(st, 4, currency);
    int rc = sqlite3_step(st);
    int64_t stored = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return sqlite_fail(s, error, "reading an account balance");
    }
    /* Postings of this transaction not yet written to the accounts table. */
    int64_t pending = sqlite_account_pending(s, tenant_id, customer_id, (int32_t)kind, currency);
    int64_t balance = 0;
    if (__builtin_add_overflow(stored, pending, &balance)) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "balance",
                         "the balance of an account overflows");
    }
    *out = balance;
    return VINN_OK;
}

vinn_err sqlite_store_tenant_has_charges(struct vinn_store *store, int64_t tenant_id, bool *out,
                                         struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    vinn_err flushed = sqlite_accounts_flush(s, error);
    if (flushed != VINN_OK) {
        return flushed;
    }
    sqlite3_stmt *st = pst(s, PST_HAS_CHARGES, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        return sqlite_fail(s, error, "reading the tenant's charges");
    }
    return VINN_OK;
}
