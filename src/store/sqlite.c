/*
 * sqlite.c - the SQLite backend of store.h (the embedded default).
 *
 * WAL journal, synchronous=FULL (a commit survives power loss; the server's
 * writer syncs the log itself, vinn_store_sync_later), foreign keys
 * on, a busy timeout for concurrent readers and writers. Reads go through a
 * memory map of up to 1 GiB (mmap_size): no read system call per page,
 * which made a 200,000-entry bank import 1.7 times faster. Every statement is
 * prepared once, on first use, and reused (SQLITE_PREPARE_PERSISTENT).
 *
 * Per-tenant id sequences live in the counters table. Inside a transaction
 * they are cached here and written back just before COMMIT, so bulk work
 * costs no extra statement per id; a rollback drops the cache.
 *
 * Account balances are cached the same way: a posting adds its amount to
 * the account's pending change here, and each touched account is upserted
 * once, before COMMIT and before any statement that reads the accounts
 * table (sqlite_accounts_flush), so a bank import of a million entries
 * writes its cash account once instead of a million times. A rollback
 * drops the pending changes with everything else.
 */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/assert.h"
#include "core/match.h"
#include "store/customer_cache.h"
#include "store/light.h"
#include "store/sqlite_internal.h"
#include "store/verify_sql.h"

enum stmt_id {
    ST_BEGIN,
    ST_COMMIT,
    ST_DATA_VERSION,
    ST_ROLLBACK,
    ST_COUNTER_GET,
    ST_COUNTER_PUT,
    ST_TENANT_INSERT,
    ST_TENANT_GET,
    ST_TENANT_LIST,
    ST_CUSTOMER_INSERT,
    ST_CUSTOMER_GET,
    ST_CUSTOMER_GET_BY_ID,
    ST_CUSTOMER_LIST,
    ST_INVOICE_INSERT,
    ST_LINE_INSERT,
    ST_INVOICE_GET,
    ST_INVOICE_GET_BY_ID,
    ST_LINES_GET,
    ST_INVOICE_CREDIT_NOTES,
    ST_INVOICE_SET_BALANCE,
    ST_TXN_INSERT,
    ST_POSTING_INSERT, /* ST_POSTING_INSERT + k - 1 inserts k rows, k <= POSTINGS_PER_INSERT */
    ST_POSTING_INSERT_2,
    ST_POSTING_INSERT_3,
    ST_POSTING_INSERT_4,
    ST_ACCOUNT_ADD,
    ST_BALANCES_ALL,
    ST_INVOICE_RECEIVABLE,
    ST_COUNT,
};

/* A transaction's postings go in up to four to a statement: a payment's
 * two or three in one step instead of one step each. */
enum { POSTINGS_PER_INSERT = 4 };
#define POSTING_INSERT                                                                             \
    "INSERT INTO postings (tenant_id, txn_id, seq, account_kind, customer_id, invoice_id, "        \
    "currency, amount_minor) VALUES "
#define POSTING_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"

#define TENANT_COLUMNS                                                                             \
    "tenant_id, name, country, currency, org_no, account, iban, ref_kind, due_days, created_at "  \
    "FROM tenants "

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_DATA_VERSION] = "PRAGMA data_version",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_COUNTER_GET] = "SELECT value FROM counters WHERE tenant_id = ? AND name = ?",
    [ST_COUNTER_PUT] = "INSERT INTO counters (tenant_id, name, value) VALUES (?, ?, ?) "
                       "ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value",
    [ST_TENANT_INSERT] = "INSERT INTO tenants (name, country, currency, org_no, account, iban, "
                         "ref_kind, due_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_TENANT_GET] = "SELECT " TENANT_COLUMNS "WHERE name = ?",
    [ST_TENANT_LIST] = "SELECT " TENANT_COLUMNS "ORDER BY name LIMIT 10000",
    [ST_CUSTOMER_INSERT] =
        "INSERT INTO customers (tenant_id, customer_id, ext_id, name, country, lang, kind, email, "
        "phone, org_no, national_id, address, postcode, city, tags, created_at, name_key, "
        "channel, direct_debit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, vinn_name_key(?4), ?17, ?18)",
    [ST_CUSTOMER_GET] = "SELECT " CUSTOMER_COLUMNS "WHERE tenant_id = ? AND ext_id = ?",
    [ST_CUSTOMER_GET_BY_ID] = "SELECT " CUSTOMER_COLUMNS "WHERE tenant_id = ? AND customer_id = ?",
    [ST_CUSTOMER_LIST] =
        "SELECT " CUSTOMER_COLUMNS "WHERE tenant_id = ? AND ext_id > ? ORDER BY ext_id LIMIT ?",
    [ST_INVOICE_INSERT] =
        "INSERT INTO invoices (tenant_id, invoice_id, number, kind, status, customer_id, "
        "currency, issue_date, due_date, net_minor, vat_minor, gross_minor, outstanding_minor, "
        "credited_minor, reference, original_id, lines_count, created_at, next_action, "
        "sale_channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_LINE_INSERT] = "INSERT INTO invoice_lines (tenant_id, invoice_id, line_no, text, "
                       "quantity_milli, unit_price_minor, vat_rate_bp, net_minor) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_INVOICE_GET] = "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND i.number = ?",
    [ST_INVOICE_GET_BY_ID] = "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND i.invoice_id = ?",
    [ST_LINES_GET] = "SELECT line_no, text, quantity_milli, unit_price_minor, vat_rate_bp, "
                     "net_minor FROM invoice_lines WHERE tenant_id = ? AND invoice_id = ? "
                     "ORDER BY line_no LIMIT ?",
    [ST_INVOICE_CREDIT_NOTES] = "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ? AND "
                                "i.original_id = ? ORDER BY i.invoice_id LIMIT 10000",
    [ST_INVOICE_SET_BALANCE] = "UPDATE invoices SET outstanding_minor = ?, credited_minor = ?, "
                               "status = ? WHERE tenant_id = ? AND invoice_id = ?",
    [ST_TXN_INSERT] = "INSERT INTO ledger_txns (tenant_id, txn_id, kind, idem_key, day, "
                      "currency, invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_POSTING_INSERT] = POSTING_INSERT POSTING_ROW,
    [ST_POSTING_INSERT_2] = POSTING_INSERT POSTING_ROW ", " POSTING_ROW,
    [ST_POSTING_INSERT_3] = POSTING_INSERT POSTING_ROW ", " POSTING_ROW ", " POSTING_ROW,
    [ST_POSTING_INSERT_4] =
        POSTING_INSERT POSTING_ROW ", " POSTING_ROW ", " POSTING_ROW ", " POSTING_ROW,
    [ST_ACCOUNT_ADD] =
        "INSERT INTO accounts (tenant_id, customer_id, kind, currency, balance_minor) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, customer_id, kind, currency) "
        "DO UPDATE SET balance_minor = balance_minor + excluded.balance_minor",
    [ST_BALANCES_ALL] =
        "SELECT a.customer_id, COALESCE(c.ext_id, ''), a.kind, a.currency, a.balance_minor "
        "FROM accounts a LEFT JOIN customers c ON c.tenant_id = a.tenant_id AND "
        "c.customer_id = a.customer_id WHERE a.tenant_id = ? AND a.balance_minor <> 0 "
        "AND (? < 0 OR a.customer_id = ?) ORDER BY a.customer_id, a.kind, a.currency "
        "LIMIT 10000000",
    [ST_INVOICE_RECEIVABLE] = "SELECT COALESCE(SUM(amount_minor), 0) FROM postings "
                              "WHERE tenant_id = ? AND invoice_id = ? AND invoice_id <> 0 AND "
                              "account_kind <= 3 AND account_kind = ?",
};

static const char *const seq_names[VINN_SEQ_COUNT] = {
    "customer", "invoice", "txn",   "payment", "bank_import", "payout",
    "message",  "task",    "api_key", "audit", "webhook",     "event"};

enum {
    /* Page cache of a connection, in KiB: plenty for one request. */
    CACHE_KIB = 65536,
    /* Page cache of a bulk transaction (vinn_store_bulk), in KiB: a bank
     * import changes pages all over its indexes, and past the cache SQLite
     * writes changed pages to the WAL mid-transaction and reads them back
     * from it (not from the memory map) when they change again. At
     * 1,000,000 entries 64 MiB made the rows' floor 13% slower than this. */
    BULK_CACHE_KIB = 1048576,
};

enum { SAVEPOINTS_MAX = STORE_LIGHT_DEPTH_MAX };

enum {
    /* Accounts with a pending balance change held at once (a power of two,
     * half-full at most): more distinct accounts in one transaction write
     * the pending ones out and start again, so memory stays bounded. */
    ACCOUNT_SLOTS = 16384,
    ACCOUNT_PENDING_MAX = ACCOUNT_SLOTS / 2,
};

/* A pending balance change of one account (tenant, customer, kind, currency). */
struct account_delta {
    int64_t tenant_id;
    int64_t customer_id;
    int64_t delta_minor;
    int32_t kind;
    char currency[4];
    bool used;
};

struct sqlite_store {
    struct vinn_store base; /* first: the common header (backend.h) */
    sqlite3 *db;
    sqlite3_stmt *stmts[ST_COUNT];
    struct sqlite_ext ext; /* statements of the other sqlite_*.c files */
    bool in_txn;
    unsigned depth; /* 1: a transaction; more: savepoints inside it */
    struct customer_cache *customers; /* read or added (customer_cache.h) */
    int64_t deadline_us; /* CLOCK_MONOTONIC; 0: none (vinn_store_deadline) */
    /* The id counters as they were when each savepoint began: a rollback to
     * it restores them (the counters are written once, at COMMIT). */
    struct seq_cache seqs_saved[SAVEPOINTS_MAX][VINN_SEQ_COUNT];
    /* One cached tenant per sequence: bulk work is one tenant at a time;
     * another tenant in the same transaction flushes and reloads. */
    struct seq_cache seqs[VINN_SEQ_COUNT];
    /* Pending account balance changes: an open-addressed table of
     * ACCOUNT_SLOTS and the slots in use in the order first touched, both
     * allocated on first use. */
    struct account_delta *accounts;
    uint32_t *accounts_used;
    uint32_t accounts_pending;
    bool bulk; /* the transaction has the bulk page cache */
    int64_t data_version; /* PRAGMA data_version when last asked; 0: never */
    struct store_light light; /* light nesting (light.h) */
    /* The log, opened once more for vinn_store_sync (-1: not synced
     * later: every commit syncs it itself). */
    int log_fd;
    /* Pages in the log after this connection's last commit (its log hook,
     * while automatic checkpoints are off) or checkpoint. */
    uint32_t log_pages;
    /* Changes the row counter does not see: ids drawn, balances moved
     * (vinn_store_mark). */
    uint64_t draws;
    int64_t busy_since_us; /* waiting for another connection's lock since (busy_wait) */
};

static int64_t mono_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Past the deadline, an interrupted statement (deadline_check) or a wait
 * for a lock that gave up (busy_wait) took too long. */
static vinn_err db_fail(struct sqlite_store *s, struct vinn_error *error, const char *what)
{
    int code = sqlite3_extended_errcode(s->db);
    bool late = s->deadline_us != 0 && mono_now_us() >= s->deadline_us;
    if (((code & 0xff) == SQLITE_INTERRUPT && s->deadline_us != 0) ||
        ((code & 0xff) == SQLITE_BUSY && late)) {
        return vinn_fail(error, VINN_E_TIMEOUT, "", "the request took too long while %s", what);
    }
    vinn_err rc = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED
                      ? VINN_E_STORE_BUSY
                      : VINN_E_STORE;
    return vinn_fail(error, rc, "", "storage failed while %s: %s", what, sqlite3_errmsg(s->db));
}

static sqlite3_stmt *stmt(struct sqlite_store *s, enum stmt_id id, struct vinn_error *error)
{
    if (s->stmts[id] != NULL) {
        sqlite3_reset(s->stmts[id]);
        sqlite3_clear_bindings(s->stmts[id]);
        return s->stmts[id];
    }
    VINN_ASSERT(stmt_sql[id] != NULL);
    if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id],
                           NULL) != SQLITE_OK) {
        db_fail(s, error, "preparing a statement");
        return NULL;
    }
    return s->stmts[id];
}

/* Step a statement that returns no rows; maps constraint failures to conflict. */
static int step_done(struct sqlite_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    (void)s;
    return rc;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

/* Copy a text column into a fixed buffer; false when it does not fit (the
 * database holds something no vinn wrote). */
static bool col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (n >= cap) {
        out[0] = '\0';
        return false;
    }
    if (n > 0) {
        memcpy(out, v, n);
    }
    out[n] = '\0';
    return true;
}

static vinn_err corrupt(struct vinn_error *error, const char *table)
{
    return vinn_fail(error, VINN_E_STORE_CORRUPT, "", "a row of '%s' does not fit vinn's limits",
                     table);
}

/* ---- shared with the other sqlite_*.c files (sqlite_internal.h) --------- */

vinn_err sqlite_fail(struct sqlite_store *s, struct vinn_error *error, const char *what)
{
    return db_fail(s, error, what);
}

sqlite3 *sqlite_db(struct sqlite_store *s)
{
    return s->db;
}

bool sqlite_in_txn(const struct sqlite_store *s)
{
    return s->in_txn;
}

sqlite3_stmt *sqlite_ext_stmt(struct sqlite_store *s, int slot, const char *sql,
                              struct vinn_error *error)
{
    VINN_ASSERT(slot >= 0);
    VINN_ASSERT(slot < SQLITE_EXT_STMTS_MAX);
    sqlite3_stmt **st = &s->ext.stmts[slot];
    if (*st != NULL) {
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
        return *st;
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        db_fail(s, error, "preparing a statement");
        return NULL;
    }
    return *st;
}

void sqlite_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    bind_text(st, i, v);
}

bool sqlite_col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    return col_text(st, i, out, cap);
}

vinn_err sqlite_corrupt(struct vinn_error *error, const char *table)
{
    return corrupt(error, table);
}

static bool invoice_read(sqlite3_stmt *st, struct vinn_invoice *inv);
static bool customer_read(sqlite3_stmt *st, struct vinn_customer *c);

bool sqlite_invoice_read(sqlite3_stmt *st, struct vinn_invoice *inv)
{
    return invoice_read(st, inv);
}

bool sqlite_customer_read(sqlite3_stmt *st, struct vinn_customer *c)
{
    return customer_read(st, c);
}

/* ---- pending account balances (see the file comment) ------------------- */

static bool account_same(const struct account_delta *d, int64_t tenant_id, int64_t customer_id,
                         int32_t kind, const char *currency)
{
    return d->tenant_id == tenant_id && d->customer_id == customer_id && d->kind == kind &&
           strcmp(d->currency, currency) == 0;
}

static uint32_t account_slot(int64_t tenant_id, int64_t customer_id, int32_t kind,
                             const char *currency)
{
    /* FNV-1a over the key's parts: cheap, and spreads consecutive ids. */
    uint64_t h = 14695981039346656037u;
    uint64_t parts[3] = {(uint64_t)tenant_id, (uint64_t)customer_id, (uint64_t)kind};
    for (int i = 0; i < 3; i++) {
        h = (h ^ parts[i]) * 1099511628211u;
    }
    for (const char *c = currency; *c != '\0'; c++) {
        h = (h ^ (uint8_t)*c) * 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32)) & (ACCOUNT_SLOTS - 1);
}

static vinn_err account_upsert(struct sqlite_store *s, const struct account_delta *d,
                               struct vinn_error *error)
{
    sqlite3_stmt *st = stmt(s, ST_ACCOUNT_ADD, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, d->tenant_id);
    sqlite3_bind_int64(st, 2, d->customer_id);
    sqlite3_bind_int(st, 3, d->kind);
    bind_text(st, 4, d->currency);
    sqlite3_bind_int64(st, 5, d->delta_minor);
    if (step_done(s, st) != SQLITE_DONE) {
        return db_fail(s, error, "updating an account balance");
    }
    return VINN_OK;
}

/* Drop every pending balance change (written, or rolled back). */
static void accounts_clear(struct sqlite_store *s)
{
    for (uint32_t k = 0; k < s->accounts_pending; k++) {
        s->accounts[s->accounts_used[k]].used = false;
    }
    s->accounts_pending = 0;
}

/* Write every pending balance change, in the order the accounts were first
 * touched (an account whose changes cancel out is still created, as a
 * posting at a time would). */
vinn_err sqlite_accounts_flush(struct sqlite_store *s, struct vinn_error *error)
{
    VINN_ASSERT(s->accounts_pending == 0 || s->in_txn);
    for (uint32_t k = 0; k < s->accounts_pending; k++) {
        vinn_err rc = account_upsert(s, &s->accounts[s->accounts_used[k]], error);
        if (rc != VINN_OK) {
            return rc; /* the caller rolls back, which drops the rest */
        }
    }
    accounts_clear(s);
    return VINN_OK;
}

/* The slot of an account: its pending change, or the free slot it takes. */
static struct account_delta *account_find(struct sqlite_store *s, int64_t tenant_id,
                                          int64_t customer_id, int32_t kind, const char *currency)
{
    uint32_t i = account_slot(tenant_id, customer_id, kind, currency);
    /* At most half the slots are used, so the probe ends at a free one. */
    while (s->accounts[i].used &&
           !account_same(&s->accounts[i], tenant_id, customer_id, kind, currency)) {
        i = (i + 1) & (ACCOUNT_SLOTS - 1);
    }
    return &s->accounts[i];
}

int64_t sqlite_account_pending(struct sqlite_store *s, int64_t tenant_id, int64_t customer_id,
                               int32_t kind, const char *currency)
{
    if (s->accounts_pending == 0) {
        return 0;
    }
    const struct account_delta *d = account_find(s, tenant_id, customer_id, kind, currency);
    return d->used ? d->delta_minor : 0;
}

static vinn_err accounts_alloc(struct sqlite_store *s, struct vinn_error *error)
{
    s->accounts = calloc(ACCOUNT_SLOTS, sizeof(*s->accounts));
    s->accounts_used = calloc(ACCOUNT_PENDING_MAX, sizeof(*s->accounts_used));
    if (s->accounts == NULL || s->accounts_used == NULL) {
        free(s->accounts);
        free(s->accounts_used);
        s->accounts = NULL;
        s->accounts_used = NULL;
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory posting to an account");
    }
    return VINN_OK;
}

/* Add amount to an account's pending change (see the file comment). */
static vinn_err account_add(struct sqlite_store *s, int64_t tenant_id, int64_t customer_id,
                            int32_t kind, const char *currency, int64_t amount,
                            struct vinn_error *error)
{
    VINN_ASSERT(strlen(currency) < sizeof(s->accounts[0].currency));
    s->draws++;
    vinn_err rc = s->accounts == NULL ? accounts_alloc(s, error) : VINN_OK;
    if (rc != VINN_OK) {
        return rc;
    }
    struct account_delta *d = account_find(s, tenant_id, customer_id, kind, currency);
    int64_t sum = 0;
    bool fits = !d->used || !__builtin_add_overflow(d->delta_minor, amount, &sum);
    if (!fits || (!d->used && s->accounts_pending == ACCOUNT_PENDING_MAX)) {
        rc = sqlite_accounts_flush(s, error);
        if (rc != VINN_OK) {
            return rc;
        }
        d = account_find(s, tenant_id, customer_id, kind, currency);
    }
    if (d->used) {
        d->delta_minor = sum;
        return VINN_OK;
    }
    d->used = true;
    d->tenant_id = tenant_id;
    d->customer_id = customer_id;
    d->kind = kind;
    memcpy(d->currency, currency, strlen(currency) + 1);
    d->delta_minor = amount;
    s->accounts_used[s->accounts_pending++] = (uint32_t)(d - s->accounts);
    return VINN_OK;
}

/* ---- open, migrate, transactions ---------------------------------------- */

static vinn_err exec(struct sqlite_store *s, const char *sql, struct vinn_error *error)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        vinn_fail(error, VINN_E_STORE, "", "storage failed: %s", msg ? msg : "unknown");
        sqlite3_free(msg);
        return VINN_E_STORE;
    }
    return VINN_OK;
}

/* SQL function vinn_name_key(name): core/match.h's vinn_match_name_key, so the schema's
 * migrations and inserts compute it the way the matcher looks it up. */
static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    char key[VINN_NAME_KEY_MAX];
    vinn_match_name_key((const char *)name, key, sizeof(key));
    sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
}

static const char *url_path(const char *url)
{
    if (strncmp(url, "sqlite://", 9) == 0) {
        return url + 9;
    }
    if (strncmp(url, "sqlite:", 7) == 0) {
        return url + 7;
    }
    return url;
}

static vinn_err cache_set(struct sqlite_store *s, int kib, struct vinn_error *error)
{
    char sql[64];
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
    return exec(s, sql, error);
}

static const struct vinn_store_ops sqlite_ops;
static void sqlite_store_close(struct vinn_store *store);

struct sqlite_store *sqlite_of(struct vinn_store *store)
{
    VINN_ASSERT(store->ops == &sqlite_ops);
    return (struct sqlite_store *)store;
}

/* SQLite calls it every few thousand steps of a statement: past the
 * deadline the statement stops with SQLITE_INTERRUPT. */
static int deadline_check(void *ctx)
{
    const struct sqlite_store *s = ctx;
    return s->deadline_us != 0 && mono_now_us() > s->deadline_us;
}

enum { BUSY_WAIT_MAX_US = 10 * 1000000 };

/* SQLite's busy handler: another connection holds the lock this one
 * needs. Wait for it in growing steps (1 ms to 100 ms, as SQLite's own
 * busy timeout), up to BUSY_WAIT_MAX_US in all, and never past the
 * deadline: a request's time covers waiting for the database as well.
 * 0 gives up (SQLITE_BUSY). */
static int busy_wait(void *ctx, int count)
{
    static const int steps_ms[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    struct sqlite_store *s = ctx;
    int64_t now = mono_now_us();
    if (count == 0) {
        s->busy_since_us = now;
    }
    int64_t left = s->busy_since_us + BUSY_WAIT_MAX_US - now;
    if (s->deadline_us != 0 && s->deadline_us - now < left) {
        left = s->deadline_us - now;
    }
    if (left <= 0) {
        return 0; /* SQLITE_BUSY; past the deadline db_fail says timeout */
    }
    size_t n = sizeof(steps_ms) / sizeof(steps_ms[0]);
    int64_t step = (int64_t)steps_ms[(size_t)count < n ? (size_t)count : n - 1] * 1000;
    sqlite3_sleep((int)((step < left ? step : left + 999) / 1000));
    return 1;
}

static void sqlite_store_deadline(struct vinn_store *store, int64_t after_us)
{
    struct sqlite_store *s = sqlite_of(store);
    s->deadline_us = after_us > 0 ? mono_now_us() + after_us : 0;
}

vinn_err sqlite_store_open(const char *url, bool create, struct vinn_store **out,
                           struct vinn_error *error)
{
    const char *path = url_path(url);
    if (!create && access(path, F_OK) != 0) {
        return vinn_fail(error, VINN_E_STORE_NOT_INITIALISED, "db",
                         "database '%s' does not exist: run 'vinn init' first", path);
    }
    struct sqlite_store *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory opening the store");
    }
    s->base.ops = &sqlite_ops;
    s->log_fd = -1;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, sqlite_vfs_name()) != SQLITE_OK) {
        vinn_fail(error, VINN_E_STORE, "db", "cannot open database '%s': %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sqlite3_close(s->db);
        free(s);
        return VINN_E_STORE;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_create_function(s->db, "vinn_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            sql_name_key, NULL, NULL);
    sqlite3_busy_handler(s->db, busy_wait, s);
    sqlite3_progress_handler(s->db, 10000, deadline_check, s);
    vinn_err rc = exec(s,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; "
                       "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 1073741824;",
                       error);
    if (rc == VINN_OK) {
        rc = cache_set(s, CACHE_KIB, error);
    }
    if (rc != VINN_OK) {
        sqlite_store_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return VINN_OK;
}

static void sqlite_store_close(struct vinn_store *store)
{
    struct sqlite_store *s = sqlite_of(store);
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(s->stmts[i]);
    }
    for (int i = 0; i < SQLITE_EXT_STMTS_MAX; i++) {
        sqlite3_finalize(s->ext.stmts[i]);
    }
    sqlite3_close(s->db);
    if (s->log_fd >= 0) {
        close(s->log_fd);
    }
    free(s->accounts);
    free(s->accounts_used);
    customer_cache_free(s->customers);
    free(s);
}

static vinn_err schema_version(struct sqlite_store *s, int *version, struct vinn_error *error)
{
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(s, error, "reading the schema version");
    }
    bool exists = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    *version = 0;
    if (!exists) {
        return VINN_OK;
    }
    sql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_fail(s, error, "reading the schema version");
    }
    *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return VINN_OK;
}

#include "store/schema_sqlite.h"

static vinn_err foreign_keys_hold(struct sqlite_store *s, struct vinn_error *error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        return db_fail(s, error, "checking foreign keys");
    }
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) {
        return vinn_fail(error, VINN_E_STORE, "db", "a migration broke a foreign key");
    }
    return rc == SQLITE_DONE ? VINN_OK : db_fail(s, error, "checking foreign keys");
}

static vinn_err migrate_one(struct sqlite_store *s, int version, struct vinn_error *error)
{
    char record[160];
    snprintf(record, sizeof(record),
             "INSERT INTO schema_migrations (version, applied_at) VALUES (%d, "
             "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER));",
             version);
    /* Foreign keys are off while a migration rebuilds a table (SQLite's
     * "making other kinds of table schema changes"), checked before commit. */
    vinn_err rc = exec(s, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE", error);
    if (rc == VINN_OK) {
        rc = exec(s, sqlite_migrations[version - 1], error);
    }
    if (rc == VINN_OK) {
        rc = foreign_keys_hold(s, error);
    }
    if (rc == VINN_OK) {
        rc = exec(s, record, error);
    }
    if (rc == VINN_OK) {
        rc = exec(s, "COMMIT", error);
    }
    if (rc != VINN_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    vinn_err fk = exec(s, "PRAGMA foreign_keys = ON", error);
    return rc != VINN_OK ? rc : fk;
}

/* The schema primitives store.c migrates with (backend.h). */
static vinn_err sqlite_schema_version(struct vinn_store *store, bool create, int *version,
                                      struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT((int)SQLITE_MIGRATIONS_COUNT == (int)VINN_SCHEMA_VERSION);
    vinn_err rc = create ? exec(s,
                                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                                error)
                         : VINN_OK;
    return rc == VINN_OK ? schema_version(s, version, error) : rc;
}

static vinn_err sqlite_migrate_one(struct vinn_store *store, int version,
                                   struct vinn_error *error)
{
    return migrate_one(sqlite_of(store), version, error);
}

vinn_err sqlite_store_bulk(struct vinn_store *store, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    vinn_err rc = s->bulk ? VINN_OK : cache_set(s, BULK_CACHE_KIB, error);
    s->bulk = rc == VINN_OK;
    return rc;
}

/* Back to the normal cache, which also gives the bulk pages back. */
static void bulk_end(struct sqlite_store *s)
{
    if (s->bulk) {
        s->bulk = false;
        (void)cache_set(s, CACHE_KIB, NULL);
    }
}


/* A savepoint's name by its depth. */
static void savepoint_sql(char *out, size_t cap, const char *verb, unsigned depth)
{
    snprintf(out, cap, "%s vinn_sp%u", verb, depth);
}

static uint64_t sqlite_store_mark(struct vinn_store *store);

vinn_err sqlite_store_begin(struct vinn_store *store, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    if (s->in_txn) {
        /* A savepoint: no balance change may be pending in memory across its
         * border, so that its rollback has only its own to forget; the id
         * counters are remembered as they are. */
        if (s->depth >= SAVEPOINTS_MAX) {
            return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "", "transactions nest too deep");
        }
        if (store_light_begin(&s->light, s->depth + 1, sqlite_store_mark(store))) {
            s->depth++;
            return VINN_OK;
        }
        vinn_err rc = sqlite_accounts_flush(s, error);
        char sql[48];
        savepoint_sql(sql, sizeof(sql), "SAVEPOINT", s->depth + 1);
        if (rc == VINN_OK) {
            rc = exec(s, sql, error);
        }
        if (rc == VINN_OK) {
            memcpy(s->seqs_saved[s->depth], s->seqs, sizeof(s->seqs));
            s->depth++;
        }
        return rc;
    }
    sqlite3_stmt *st = stmt(s, ST_BEGIN, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    if (step_done(s, st) != SQLITE_DONE) {
        return db_fail(s, error, "beginning a transaction");
    }
    customer_cache_undo(s->customers);
    s->in_txn = true;
    s->depth = 1;
    store_light_reset(&s->light);
    memset(s->seqs, 0, sizeof(s->seqs));
    VINN_ASSERT(s->accounts_pending == 0);
    return VINN_OK;
}

static bool sqlite_store_light(struct vinn_store *store, bool on)
{
    sqlite_of(store)->light.on = on;
    return true;
}

static uint64_t sqlite_store_mark(struct vinn_store *store)
{
    struct sqlite_store *s = sqlite_of(store);
    return (uint64_t)sqlite3_total_changes64(s->db) + s->draws;
}

static bool sqlite_store_broken(struct vinn_store *store)
{
    return sqlite_of(store)->light.broken;
}

/* PRAGMA data_version moves when another connection commits, never for
 * this one's own commits. */
static bool sqlite_store_changed_elsewhere(struct vinn_store *store)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_DATA_VERSION, NULL);
    if (st == NULL || sqlite3_step(st) != SQLITE_ROW) {
        return true;
    }
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    bool changed = v != s->data_version;
    s->data_version = v;
    return changed;
}

static int log_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    struct sqlite_store *s = arg;
    s->log_pages = pages > 0 ? (uint32_t)pages : 0;
    return SQLITE_OK;
}

static bool sqlite_store_auto_checkpoint(struct vinn_store *store, bool on)
{
    struct sqlite_store *s = sqlite_of(store);
    /* the automatic checkpoint is SQLite's own log hook: one or the other */
    bool ok = exec(s, on ? "PRAGMA wal_autocheckpoint = 1000" : "PRAGMA wal_autocheckpoint = 0",
                   NULL) == VINN_OK;
    if (!on) {
        sqlite3_wal_hook(s->db, log_hook, s);
    }
    return ok;
}

/* Commits that do not sync the log (synchronous=NORMAL: a crash of the
 * process loses nothing, the OS has the bytes), and a descriptor of the
 * log of our own for vinn_store_sync. The log stays the same file while
 * this connection is open: SQLite deletes it only when the last
 * connection closes. */
static bool sqlite_store_sync_later(struct vinn_store *store, bool on)
{
    struct sqlite_store *s = sqlite_of(store);
    if (!on) {
        if (s->log_fd >= 0) {
            close(s->log_fd);
            s->log_fd = -1;
        }
        /* every commit syncs again; nothing to answer either way */
        (void)exec(s, "PRAGMA synchronous = FULL", NULL);
        return false;
    }
    const char *db = sqlite3_db_filename(s->db, "main");
    char path[4096];
    /* a read makes sure the log is there */
    if (db == NULL || db[0] == '\0' ||
        exec(s, "SELECT count(*) FROM sqlite_schema", NULL) != VINN_OK ||
        snprintf(path, sizeof(path), "%s-wal", db) >= (int)sizeof(path)) {
        return false;
    }
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    if (exec(s, "PRAGMA synchronous = NORMAL", NULL) != VINN_OK) {
        close(fd);
        return false;
    }
    if (s->log_fd >= 0) {
        close(s->log_fd);
    }
    s->log_fd = fd;
    return true;
}

/* Only the descriptor is touched: another thread may be using the
 * connection meanwhile. */
static vinn_err sqlite_store_sync(struct vinn_store *store, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    if (s->log_fd >= 0 && fdatasync(s->log_fd) != 0) {
        return vinn_fail(error, VINN_E_STORE, "",
                         "storage failed while syncing the log: %s (the last changes may be lost)",
                         strerror(errno));
    }
    return VINN_OK;
}

/* Copy what the log holds into the database, without waiting for anyone
 * (a passive checkpoint); busy is no failure, the next one goes on. */
static vinn_err sqlite_store_checkpoint(struct vinn_store *store, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    int pages = 0;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &pages, NULL);
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) {
        return db_fail(s, error, "copying the log into the database");
    }
    if (rc == SQLITE_OK && pages >= 0) {
        s->log_pages = (uint32_t)pages;
    }
    return VINN_OK;
}

static uint32_t sqlite_store_log_pages(struct vinn_store *store)
{
    return sqlite_of(store)->log_pages;
}

static unsigned sqlite_store_txn_depth(struct vinn_store *store)
{
    return sqlite_of(store)->depth;
}

static vinn_err seq_flush(struct sqlite_store *s, int seq, struct vinn_error *error)
{
    struct seq_cache *c = &s->seqs[seq];
    if (!c->loaded) {
        return VINN_OK;
    }
    sqlite3_stmt *st = stmt(s, ST_COUNTER_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, c->tenant_id);
    sqlite3_bind_text(st, 2, seq_names[seq], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, c->value);
    if (step_done(s, st) != SQLITE_DONE) {
        return db_fail(s, error, "saving an id counter");
    }
    c->loaded = false;
    return VINN_OK;
}

static vinn_err seqs_flush(struct sqlite_store *s, struct vinn_error *error)
{
    for (int i = 0; i < VINN_SEQ_COUNT; i++) {
        vinn_err rc = seq_flush(s, i, error);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    return VINN_OK;
}

static void sqlite_store_rollback(struct vinn_store *store);

vinn_err sqlite_store_commit(struct vinn_store *store, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    if (store_light_end(&s->light, s->depth, false, 0)) {
        s->depth--;
        return VINN_OK;
    }
    if (s->depth == 1 && s->light.broken) {
        sqlite_store_rollback(store);
        return store_light_refused(error);
    }
    vinn_err flushed = sqlite_accounts_flush(s, error);
    if (flushed == VINN_OK && s->depth > 1) {
        char sql[48];
        savepoint_sql(sql, sizeof(sql), "RELEASE", s->depth);
        flushed = exec(s, sql, error);
        if (flushed == VINN_OK) {
            s->depth--;
        }
        return flushed;
    }
    if (flushed == VINN_OK) {
        flushed = seqs_flush(s, error);
    }
    if (flushed != VINN_OK) {
        return flushed;
    }
    sqlite3_stmt *st = stmt(s, ST_COMMIT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    if (step_done(s, st) != SQLITE_DONE) {
        customer_cache_undo(s->customers);
        return db_fail(s, error, "committing");
    }
    customer_cache_commit(s->customers);
    s->in_txn = false;
    s->depth = 0;
    bulk_end(s);
    return VINN_OK;
}

static void sqlite_store_rollback(struct vinn_store *store)
{
    struct sqlite_store *s = sqlite_of(store);
    if (!s->in_txn) {
        return;
    }
    customer_cache_undo(s->customers); /* a savepoint's too: all that is pending */
    for (int i = 0; i < ST_COUNT; i++) {
        if (s->stmts[i] != NULL) {
            sqlite3_reset(s->stmts[i]);
        }
    }
    for (int i = 0; i < SQLITE_EXT_STMTS_MAX; i++) {
        if (s->ext.stmts[i] != NULL) {
            sqlite3_reset(s->ext.stmts[i]);
        }
    }
    if (store_light_end(&s->light, s->depth, true, sqlite_store_mark(store))) {
        s->depth--; /* broken, unless the level changed nothing */
        return;
    }
    accounts_clear(s);
    if (s->depth > 1) {
        char sql[96];
        snprintf(sql, sizeof(sql), "ROLLBACK TO vinn_sp%u; RELEASE vinn_sp%u", s->depth,
                 s->depth);
        if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK) {
            s->depth--;
            memcpy(s->seqs, s->seqs_saved[s->depth], sizeof(s->seqs));
            return;
        }
        /* The savepoint is gone (SQLite rolled the whole transaction back
         * on a hard error): so is the transaction. */
    }
    memset(s->seqs, 0, sizeof(s->seqs));
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_txn = false;
    s->depth = 0;
    store_light_reset(&s->light);
    bulk_end(s);
}

vinn_err sqlite_store_next_id(struct vinn_store *store, int64_t tenant_id, enum vinn_store_seq seq,
                              int64_t *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(seq < VINN_SEQ_COUNT);
    struct seq_cache *c = &s->seqs[seq];
    if (c->loaded && c->tenant_id != tenant_id) {
        vinn_err rc = seq_flush(s, (int)seq, error);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    if (!c->loaded) {
        sqlite3_stmt *st = stmt(s, ST_COUNTER_GET, error);
        if (st == NULL) {
            return VINN_E_STORE;
        }
        sqlite3_bind_int64(st, 1, tenant_id);
        sqlite3_bind_text(st, 2, seq_names[seq], -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            return db_fail(s, error, "reading an id counter");
        }
        c->value = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        c->tenant_id = tenant_id;
        c->loaded = true;
    }
    c->value++;
    s->draws++;
    *out = c->value;
    return VINN_OK;
}

/* ---- tenants ------------------------------------------------------------- */

static bool is_constraint(int rc)
{
    return (rc & 0xff) == SQLITE_CONSTRAINT;
}

vinn_err sqlite_store_tenant_insert(struct vinn_store *store, struct vinn_tenant *t,
                                    struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    sqlite3_stmt *st = stmt(s, ST_TENANT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_text(st, 1, t->name);
    bind_text(st, 2, t->country);
    bind_text(st, 3, t->currency);
    bind_text(st, 4, t->org_no);
    bind_text(st, 5, t->account);
    bind_text(st, 6, t->iban);
    bind_text(st, 7, t->ref_kind);
    sqlite3_bind_int(st, 8, t->due_days);
    sqlite3_bind_int64(st, 9, t->created_at_us);
    int rc = step_done(s, st);
    if (is_constraint(rc)) {
        return vinn_fail(error, VINN_E_TENANT_EXISTS, "name", "tenant '%s' already exists",
                         t->name);
    }
    if (rc != SQLITE_DONE) {
        return db_fail(s, error, "adding a tenant");
    }
    t->id = sqlite3_last_insert_rowid(s->db);
    return VINN_OK;
}

static bool tenant_read(sqlite3_stmt *st, struct vinn_tenant *t)
{
    t->id = sqlite3_column_int64(st, 0);
    t->due_days = sqlite3_column_int(st, 8);
    t->created_at_us = sqlite3_column_int64(st, 9);
    return col_text(st, 1, t->name, sizeof(t->name)) &&
           col_text(st, 2, t->country, sizeof(t->country)) &&
           col_text(st, 3, t->currency, sizeof(t->currency)) &&
           col_text(st, 4, t->org_no, sizeof(t->org_no)) &&
           col_text(st, 5, t->account, sizeof(t->account)) &&
           col_text(st, 6, t->iban, sizeof(t->iban)) &&
           col_text(st, 7, t->ref_kind, sizeof(t->ref_kind));
}

vinn_err sqlite_store_tenant_get(struct vinn_store *store, const char *name,
                                 struct vinn_tenant *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_TENANT_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_TENANT_NOT_FOUND, "tenant", "tenant '%s' does not exist",
                           name);
    } else if (rc != SQLITE_ROW) {
        result = db_fail(s, error, "reading a tenant");
    } else if (!tenant_read(st, out)) {
        result = corrupt(error, "tenants");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_tenant_list(struct vinn_store *store, vinn_tenant_fn fn, void *ctx,
                                  struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_TENANT_LIST, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    vinn_err result = VINN_OK;
    int rc = SQLITE_DONE;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_tenant t;
        result = tenant_read(st, &t) ? fn(ctx, &t) : corrupt(error, "tenants");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = db_fail(s, error, "listing tenants");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_tenant_stats(struct vinn_store *store, const struct vinn_tenant *t,
                                   vinn_day today, struct vinn_tenant_stats *out,
                                   struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    static const char sql[] =
        "SELECT (SELECT COUNT(*) FROM customers WHERE tenant_id = ?1),"
        " COUNT(*) FILTER (WHERE kind = 'invoice'),"
        " COUNT(*) FILTER (WHERE kind = 'credit_note'),"
        " COUNT(*) FILTER (WHERE status = 'open'),"
        " COUNT(*) FILTER (WHERE status = 'open' AND due_date < ?2),"
        " COUNT(*) FILTER (WHERE status = 'paid'),"
        " COUNT(*) FILTER (WHERE status = 'credited'),"
        " COALESCE(SUM(gross_minor) FILTER (WHERE kind = 'invoice'), 0),"
        " COALESCE(SUM(gross_minor) FILTER (WHERE kind = 'credit_note'), 0),"
        " COALESCE(SUM(outstanding_minor) FILTER (WHERE status = 'open'), 0),"
        " COALESCE(SUM(outstanding_minor) FILTER (WHERE status = 'open' AND due_date < ?2), 0)"
        " FROM invoices WHERE tenant_id = ?1 AND currency = ?3";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return db_fail(s, error, "summing the book");
    }
    sqlite3_bind_int64(st, 1, t->id);
    sqlite3_bind_int(st, 2, today);
    bind_text(st, 3, t->currency);
    vinn_err result = VINN_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t *fields[] = {&out->customers, &out->invoices,       &out->credit_notes,
                             &out->open,      &out->overdue,        &out->paid,
                             &out->credited,  &out->invoiced_minor, &out->credited_minor,
                             &out->outstanding_minor, &out->overdue_minor};
        for (int i = 0; i < 11; i++) {
            *fields[i] = sqlite3_column_int64(st, i);
        }
    } else {
        result = db_fail(s, error, "summing the book");
    }
    sqlite3_finalize(st);
    return result;
}

/* ---- customers ----------------------------------------------------------- */

vinn_err sqlite_store_customer_insert(struct vinn_store *store, int64_t tenant_id,
                                      struct vinn_customer *c, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    int64_t id = 0;
    vinn_err result = sqlite_store_next_id(&s->base, tenant_id, VINN_SEQ_CUSTOMER, &id, error);
    sqlite3_stmt *st = result == VINN_OK ? stmt(s, ST_CUSTOMER_INSERT, error) : NULL;
    if (st == NULL) {
        return result != VINN_OK ? result : VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, id);
    const char *texts[] = {c->ext_id,      c->name,     c->country,
                           c->lang,        vinn_customer_kind_name(c->kind),
                           c->email,       c->phone,    c->org_no,
                           c->national_id, c->address,  c->postcode,
                           c->city,        c->tags};
    for (int i = 0; i < 13; i++) {
        bind_text(st, 3 + i, texts[i]);
    }
    sqlite3_bind_int64(st, 16, c->created_at_us);
    bind_text(st, 17, c->channel);
    sqlite3_bind_int(st, 18, c->direct_debit ? 1 : 0);
    int rc = step_done(s, st);
    if (is_constraint(rc)) {
        return vinn_fail(error, VINN_E_CUSTOMER_EXISTS, "id", "customer '%s' already exists",
                         c->ext_id);
    }
    if (rc != SQLITE_DONE) {
        return db_fail(s, error, "adding a customer");
    }
    c->id = id;
    customer_cache_put(&s->customers, tenant_id, c, true);
    return VINN_OK;
}

static bool customer_read(sqlite3_stmt *st, struct vinn_customer *c)
{
    char kind[16] = "";
    c->id = sqlite3_column_int64(st, 0);
    c->created_at_us = sqlite3_column_int64(st, 14);
    bool ok = col_text(st, 1, c->ext_id, sizeof(c->ext_id)) &&
              col_text(st, 2, c->name, sizeof(c->name)) &&
              col_text(st, 3, c->country, sizeof(c->country)) &&
              col_text(st, 4, c->lang, sizeof(c->lang)) && col_text(st, 5, kind, sizeof(kind)) &&
              col_text(st, 6, c->email, sizeof(c->email)) &&
              col_text(st, 7, c->phone, sizeof(c->phone)) &&
              col_text(st, 8, c->org_no, sizeof(c->org_no)) &&
              col_text(st, 9, c->national_id, sizeof(c->national_id)) &&
              col_text(st, 10, c->address, sizeof(c->address)) &&
              col_text(st, 11, c->postcode, sizeof(c->postcode)) &&
              col_text(st, 12, c->city, sizeof(c->city)) &&
              col_text(st, 13, c->tags, sizeof(c->tags)) &&
              col_text(st, 15, c->channel, sizeof(c->channel));
    c->direct_debit = sqlite3_column_int(st, 16) != 0;
    c->kind = strcmp(kind, "company") == 0 ? VINN_CUSTOMER_COMPANY : VINN_CUSTOMER_PERSON;
    return ok;
}

static vinn_err customer_one(struct sqlite_store *s, sqlite3_stmt *st, struct vinn_customer *out,
                             const char *what, struct vinn_error *error)
{
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_CUSTOMER_NOT_FOUND, "customer",
                           "customer '%s' does not exist", what);
    } else if (rc != SQLITE_ROW) {
        result = db_fail(s, error, "reading a customer");
    } else if (!customer_read(st, out)) {
        result = corrupt(error, "customers");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_customer_get(struct vinn_store *store, int64_t tenant_id, const char *ext_id,
                                   struct vinn_customer *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    if (customer_cache_get(s->customers, tenant_id, ext_id, s->in_txn, out)) {
        return VINN_OK;
    }
    sqlite3_stmt *st = stmt(s, ST_CUSTOMER_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    bind_text(st, 2, ext_id);
    vinn_err rc = customer_one(s, st, out, ext_id, error);
    if (rc == VINN_OK) {
        customer_cache_put(&s->customers, tenant_id, out, s->in_txn);
    }
    return rc;
}

vinn_err sqlite_store_customer_get_by_id(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                         struct vinn_customer *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_CUSTOMER_GET_BY_ID, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, id);
    char what[32];
    snprintf(what, sizeof(what), "#%lld", (long long)id);
    return customer_one(s, st, out, what, error);
}

vinn_err sqlite_store_customer_list(struct vinn_store *store, int64_t tenant_id, const char *after,
                                    uint32_t limit, vinn_customer_fn fn, void *ctx,
                                    struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_CUSTOMER_LIST, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    bind_text(st, 2, after);
    sqlite3_bind_int64(st, 3, limit);
    vinn_err result = VINN_OK;
    int rc = SQLITE_DONE;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_customer c;
        result = customer_read(st, &c) ? fn(ctx, &c) : corrupt(error, "customers");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = db_fail(s, error, "listing customers");
    }
    sqlite3_reset(st);
    return result;
}

/* ---- invoices ------------------------------------------------------------ */

static const char *const status_names[] = {"open", "paid", "credited", "issued",
                                            "written_off"};
static const char *const invoice_kind_names[] = {"invoice", "credit_note"};

const char *vinn_invoice_status_name(enum vinn_invoice_status status)
{
    return (size_t)status < sizeof(status_names) / sizeof(status_names[0]) ? status_names[status]
                                                                          : "unknown";
}

vinn_err vinn_invoice_status_parse(const char *name, enum vinn_invoice_status *out,
                                   struct vinn_error *error)
{
    for (size_t i = 0; name != NULL && i < sizeof(status_names) / sizeof(status_names[0]); i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (enum vinn_invoice_status)i;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_STATUS_UNKNOWN, "status",
                     "status '%.32s' must be one of open, paid, credited, issued, written_off, "
                     "overdue",
                     name ? name : "");
}

const char *vinn_invoice_kind_name(enum vinn_invoice_kind kind)
{
    return (unsigned)kind < 2 ? invoice_kind_names[kind] : "unknown";
}

const char *vinn_customer_kind_name(enum vinn_customer_kind kind)
{
    return kind == VINN_CUSTOMER_COMPANY ? "company" : "person";
}

static vinn_err lines_insert(struct sqlite_store *s, int64_t tenant_id, int64_t invoice_id,
                             const struct vinn_invoice_line *lines, uint32_t n,
                             struct vinn_error *error)
{
    for (uint32_t i = 0; i < n; i++) {
        sqlite3_stmt *st = stmt(s, ST_LINE_INSERT, error);
        if (st == NULL) {
            return VINN_E_STORE;
        }
        sqlite3_bind_int64(st, 1, tenant_id);
        sqlite3_bind_int64(st, 2, invoice_id);
        sqlite3_bind_int(st, 3, (int)lines[i].line_no);
        bind_text(st, 4, lines[i].text);
        sqlite3_bind_int64(st, 5, lines[i].quantity_milli);
        sqlite3_bind_int64(st, 6, lines[i].unit_price_minor);
        sqlite3_bind_int(st, 7, lines[i].vat_rate_bp);
        sqlite3_bind_int64(st, 8, lines[i].net_minor);
        if (step_done(s, st) != SQLITE_DONE) {
            return db_fail(s, error, "adding an invoice line");
        }
    }
    return VINN_OK;
}

vinn_err sqlite_store_invoice_insert(struct vinn_store *store, int64_t tenant_id,
                                     const struct vinn_invoice *inv,
                                     const struct vinn_invoice_line *lines, uint32_t lines_count,
                                     struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(inv->id > 0 && inv->customer_id > 0);
    sqlite3_stmt *st = stmt(s, ST_INVOICE_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, inv->id);
    bind_text(st, 3, inv->number);
    bind_text(st, 4, vinn_invoice_kind_name(inv->kind));
    bind_text(st, 5, vinn_invoice_status_name(inv->status));
    sqlite3_bind_int64(st, 6, inv->customer_id);
    bind_text(st, 7, inv->currency);
    sqlite3_bind_int(st, 8, inv->issue_date);
    sqlite3_bind_int(st, 9, inv->due_date);
    sqlite3_bind_int64(st, 10, inv->net_minor);
    sqlite3_bind_int64(st, 11, inv->vat_minor);
    sqlite3_bind_int64(st, 12, inv->gross_minor);
    sqlite3_bind_int64(st, 13, inv->outstanding_minor);
    sqlite3_bind_int64(st, 14, inv->credited_minor);
    if (inv->reference[0] != '\0') {
        bind_text(st, 15, inv->reference);
    } else {
        sqlite3_bind_null(st, 15);
    }
    sqlite3_bind_int64(st, 16, inv->original_id);
    sqlite3_bind_int(st, 17, (int)lines_count);
    sqlite3_bind_int64(st, 18, inv->created_at_us);
    if (inv->next_action != VINN_NO_DAY) {
        sqlite3_bind_int(st, 19, inv->next_action);
    }
    bind_text(st, 20, inv->sale_channel);
    int rc = step_done(s, st);
    if (is_constraint(rc)) {
        return vinn_fail(error, VINN_E_INVOICE_EXISTS, "number", "invoice '%s' already exists",
                         inv->number);
    }
    if (rc != SQLITE_DONE) {
        return db_fail(s, error, "adding an invoice");
    }
    return lines_insert(s, tenant_id, inv->id, lines, lines_count, error);
}

static bool invoice_read(sqlite3_stmt *st, struct vinn_invoice *inv)
{
    char kind[16] = "";
    char status[16] = "";
    inv->id = sqlite3_column_int64(st, 0);
    inv->customer_id = sqlite3_column_int64(st, 1);
    inv->issue_date = sqlite3_column_int(st, 7);
    inv->due_date = sqlite3_column_int(st, 8);
    inv->net_minor = sqlite3_column_int64(st, 9);
    inv->vat_minor = sqlite3_column_int64(st, 10);
    inv->gross_minor = sqlite3_column_int64(st, 11);
    inv->outstanding_minor = sqlite3_column_int64(st, 12);
    inv->credited_minor = sqlite3_column_int64(st, 13);
    inv->original_id = sqlite3_column_int64(st, 15);
    inv->lines_count = (uint32_t)sqlite3_column_int(st, 16);
    inv->created_at_us = sqlite3_column_int64(st, 17);
    inv->next_action = sqlite3_column_type(st, 18) == SQLITE_NULL ? VINN_NO_DAY
                                                                  : sqlite3_column_int(st, 18);
    bool ok = col_text(st, 2, inv->number, sizeof(inv->number)) &&
              col_text(st, 3, inv->customer_ext_id, sizeof(inv->customer_ext_id)) &&
              col_text(st, 4, kind, sizeof(kind)) && col_text(st, 5, status, sizeof(status)) &&
              col_text(st, 6, inv->currency, sizeof(inv->currency)) &&
              col_text(st, 14, inv->reference, sizeof(inv->reference)) &&
              col_text(st, 19, inv->sale_channel, sizeof(inv->sale_channel));
    inv->kind = strcmp(kind, "credit_note") == 0 ? VINN_INVOICE_KIND_CREDIT_NOTE
                                                  : VINN_INVOICE_KIND_INVOICE;
    return ok && vinn_invoice_status_parse(status, &inv->status, NULL) == VINN_OK;
}

static vinn_err invoice_one(struct sqlite_store *s, sqlite3_stmt *st, struct vinn_invoice *out,
                            const char *what, struct vinn_error *error)
{
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "number", "invoice '%s' does not exist",
                           what);
    } else if (rc != SQLITE_ROW) {
        result = db_fail(s, error, "reading an invoice");
    } else if (!invoice_read(st, out)) {
        result = corrupt(error, "invoices");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_invoice_get(struct vinn_store *store, int64_t tenant_id, const char *number,
                                  struct vinn_invoice *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_INVOICE_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    bind_text(st, 2, number);
    return invoice_one(s, st, out, number, error);
}

vinn_err sqlite_store_invoice_get_by_id(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                        struct vinn_invoice *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_INVOICE_GET_BY_ID, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, id);
    char what[32];
    snprintf(what, sizeof(what), "#%lld", (long long)id);
    return invoice_one(s, st, out, what, error);
}

vinn_err sqlite_store_invoice_lines(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                    struct vinn_invoice_line *out, uint32_t max, uint32_t *count,
                                    struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_LINES_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int64(st, 3, (int64_t)max + 1);
    uint32_t n = 0;
    vinn_err result = VINN_OK;
    int rc = SQLITE_DONE;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == max) {
            result = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "lines", "invoice has more than %u lines",
                               max);
            break;
        }
        struct vinn_invoice_line *l = &out[n++];
        l->line_no = (uint32_t)sqlite3_column_int(st, 0);
        l->quantity_milli = sqlite3_column_int64(st, 2);
        l->unit_price_minor = sqlite3_column_int64(st, 3);
        l->vat_rate_bp = sqlite3_column_int(st, 4);
        l->net_minor = sqlite3_column_int64(st, 5);
        if (!col_text(st, 1, l->text, sizeof(l->text))) {
            result = corrupt(error, "invoice_lines");
        }
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = db_fail(s, error, "reading invoice lines");
    }
    sqlite3_reset(st);
    if (result == VINN_OK) {
        *count = n;
    }
    return result;
}

static vinn_err invoice_rows(struct sqlite_store *s, sqlite3_stmt *st, vinn_invoice_fn fn,
                             void *ctx, struct vinn_error *error)
{
    vinn_err result = VINN_OK;
    int rc = SQLITE_DONE;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_invoice inv;
        result = invoice_read(st, &inv) ? fn(ctx, &inv) : corrupt(error, "invoices");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = db_fail(s, error, "listing invoices");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_invoice_list(struct vinn_store *store, int64_t tenant_id,
                                   const struct vinn_invoice_filter *f, vinn_invoice_fn fn,
                                   void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    /* Filters vary, so this statement is built per call from fixed pieces
     * (no input is ever spliced into SQL: every value is bound). */
    char sql[1024];
    snprintf(sql, sizeof(sql), "SELECT " INVOICE_COLUMNS "WHERE i.tenant_id = ?1 AND i.number > ?2 %s%s%s"
             "ORDER BY i.number LIMIT ?6",
             f->has_status || f->overdue_only ? "AND i.status = ?3 " : "",
             f->overdue_only ? "AND i.due_date < ?4 " : "",
             f->customer_id > 0 ? "AND i.customer_id = ?5 " : "");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return db_fail(s, error, "listing invoices");
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    bind_text(st, 2, f->after_number);
    enum vinn_invoice_status status = f->overdue_only ? VINN_STATUS_OPEN : f->status;
    bind_text(st, 3, vinn_invoice_status_name(status));
    sqlite3_bind_int(st, 4, f->today);
    sqlite3_bind_int64(st, 5, f->customer_id);
    sqlite3_bind_int64(st, 6, f->limit);
    vinn_err result = invoice_rows(s, st, fn, ctx, error);
    sqlite3_finalize(st);
    return result;
}

vinn_err sqlite_store_invoice_credit_notes(struct vinn_store *store, int64_t tenant_id,
                                           int64_t invoice_id, vinn_invoice_fn fn, void *ctx,
                                           struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = stmt(s, ST_INVOICE_CREDIT_NOTES, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    return invoice_rows(s, st, fn, ctx, error);
}

vinn_err sqlite_store_invoice_set_balance(struct vinn_store *store, int64_t tenant_id,
                                          int64_t invoice_id, int64_t outstanding, int64_t credited,
                                          enum vinn_invoice_status status, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    sqlite3_stmt *st = stmt(s, ST_INVOICE_SET_BALANCE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, outstanding);
    sqlite3_bind_int64(st, 2, credited);
    bind_text(st, 3, vinn_invoice_status_name(status));
    sqlite3_bind_int64(st, 4, tenant_id);
    sqlite3_bind_int64(st, 5, invoice_id);
    if (step_done(s, st) != SQLITE_DONE) {
        return db_fail(s, error, "updating an invoice");
    }
    if (sqlite3_changes(s->db) != 1) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "invoice", "invoice #%lld does not exist",
                         (long long)invoice_id);
    }
    return VINN_OK;
}

/* ---- ledger -------------------------------------------------------------- */

_Static_assert(ST_POSTING_INSERT_4 == ST_POSTING_INSERT + POSTINGS_PER_INSERT - 1,
               "one posting statement per row count");

/* Insert postings[0..n) of a transaction, numbered from first_seq, in one
 * statement (n <= POSTINGS_PER_INSERT), and add them to their accounts. */
static vinn_err postings_insert(struct sqlite_store *s, int64_t tenant_id, int64_t txn_id,
                                uint32_t first_seq, const char *currency,
                                const struct vinn_posting *postings, uint32_t n,
                                struct vinn_error *error)
{
    VINN_ASSERT(n >= 1);
    VINN_ASSERT(n <= POSTINGS_PER_INSERT);
    sqlite3_stmt *st = stmt(s, (enum stmt_id)(ST_POSTING_INSERT + n - 1), error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    for (uint32_t i = 0; i < n; i++) {
        const struct vinn_posting *p = &postings[i];
        int at = (int)i * 8;
        sqlite3_bind_int64(st, at + 1, tenant_id);
        sqlite3_bind_int64(st, at + 2, txn_id);
        sqlite3_bind_int(st, at + 3, (int)(first_seq + i));
        sqlite3_bind_int(st, at + 4, (int)p->kind);
        sqlite3_bind_int64(st, at + 5, p->customer_id);
        sqlite3_bind_int64(st, at + 6, p->invoice_id);
        bind_text(st, at + 7, currency);
        sqlite3_bind_int64(st, at + 8, p->amount_minor);
    }
    if (step_done(s, st) != SQLITE_DONE) {
        return db_fail(s, error, "adding a posting");
    }
    vinn_err rc = VINN_OK;
    for (uint32_t i = 0; i < n && rc == VINN_OK; i++) {
        const struct vinn_posting *p = &postings[i];
        rc = account_add(s, tenant_id, p->customer_id, (int32_t)p->kind, currency,
                         p->amount_minor, error);
    }
    return rc;
}

vinn_err sqlite_store_txn_insert(struct vinn_store *store, int64_t tenant_id,
                                 const struct vinn_txn_meta *meta, const struct vinn_txn *txn,
                                 int64_t *txn_id, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(vinn_txn_check(txn, NULL) == VINN_OK);
    int64_t id = 0;
    vinn_err result = sqlite_store_next_id(&s->base, tenant_id, VINN_SEQ_TXN, &id, error);
    sqlite3_stmt *st = result == VINN_OK ? stmt(s, ST_TXN_INSERT, error) : NULL;
    if (st == NULL) {
        return result != VINN_OK ? result : VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, id);
    bind_text(st, 3, meta->kind);
    bind_text(st, 4, meta->idem_key);
    sqlite3_bind_int(st, 5, meta->day);
    bind_text(st, 6, txn->currency);
    sqlite3_bind_int64(st, 7, meta->invoice_id);
    sqlite3_bind_int64(st, 8, meta->created_at_us);
    int rc = step_done(s, st);
    if (is_constraint(rc)) {
        return vinn_fail(error, VINN_E_EXISTS, "idempotency_key",
                         "ledger transaction '%s' was already posted", meta->idem_key);
    }
    if (rc != SQLITE_DONE) {
        return db_fail(s, error, "adding a ledger transaction");
    }
    for (uint32_t i = 0; i < txn->postings_count; i += POSTINGS_PER_INSERT) {
        uint32_t left = txn->postings_count - i;
        uint32_t n = left < POSTINGS_PER_INSERT ? left : POSTINGS_PER_INSERT;
        result = postings_insert(s, tenant_id, id, i + 1, txn->currency, &txn->postings[i], n,
                                 error);
        if (result != VINN_OK) {
            return result;
        }
    }
    *txn_id = id;
    return VINN_OK;
}

vinn_err sqlite_store_invoice_receivable(struct vinn_store *store, int64_t tenant_id,
                                         int64_t invoice_id, enum vinn_account_kind kind,
                                         int64_t *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(vinn_account_kind_is_receivable(kind)); /* the index has no other */
    sqlite3_stmt *st = stmt(s, ST_INVOICE_RECEIVABLE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int(st, 3, (int)kind);
    vinn_err result = VINN_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
    } else {
        result = db_fail(s, error, "summing an invoice's postings");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_balances(struct vinn_store *store, int64_t tenant_id, int64_t customer_id,
                               vinn_balance_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    vinn_err flushed = sqlite_accounts_flush(s, error);
    if (flushed != VINN_OK) {
        return flushed;
    }
    sqlite3_stmt *st = stmt(s, ST_BALANCES_ALL, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, customer_id);
    sqlite3_bind_int64(st, 3, customer_id);
    vinn_err result = VINN_OK;
    int rc = SQLITE_DONE;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct vinn_balance b;
        b.customer_id = sqlite3_column_int64(st, 0);
        b.kind = (enum vinn_account_kind)sqlite3_column_int(st, 2);
        b.balance_minor = sqlite3_column_int64(st, 4);
        bool ok = col_text(st, 1, b.customer_ext_id, sizeof(b.customer_ext_id)) &&
                  col_text(st, 3, b.currency, sizeof(b.currency)) &&
                  vinn_account_kind_is_known((int)b.kind);
        result = ok ? fn(ctx, &b) : corrupt(error, "accounts");
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = db_fail(s, error, "reading balances");
    }
    sqlite3_reset(st);
    return result;
}

/* ---- verify -------------------------------------------------------------- */

static void problem(struct vinn_verify_report *r, const char *fmt, ...) VINN_PRINTF(2, 3);

static void problem(struct vinn_verify_report *r, const char *fmt, ...)
{
    if (r->problems_count >= VINN_VERIFY_PROBLEMS_MAX) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->problems[r->problems_count++], VINN_VERIFY_PROBLEM_TEXT, fmt, ap);
    va_end(ap);
}

typedef void (*verify_row_fn)(sqlite3_stmt *st, struct vinn_verify_report *r);

/* Run one check query bound to the tenant (as ?1); each row is a problem. */
static vinn_err verify_query(struct sqlite_store *s, int64_t tenant_id, const char *sql,
                             verify_row_fn fn, int64_t *counter, struct vinn_verify_report *r,
                             struct vinn_error *error)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return db_fail(s, error, "verifying the ledger");
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (counter != NULL) {
            (*counter)++;
        }
        fn(st, r);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        return db_fail(s, error, "verifying the ledger");
    }
    return VINN_OK;
}

static void row_counts(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    r->transactions = sqlite3_column_int64(st, 0);
    r->postings = sqlite3_column_int64(st, 1);
    r->accounts = sqlite3_column_int64(st, 2);
    r->invoices = sqlite3_column_int64(st, 3);
}

static void row_unbalanced(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    problem(r, "transaction %lld does not balance in %s: postings sum to %lld",
            (long long)sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
            (long long)sqlite3_column_int64(st, 2));
}

static void row_account(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    const char *kind = vinn_account_kind_name((enum vinn_account_kind)sqlite3_column_int(st, 1));
    problem(r, "account %s of customer #%lld in %s holds %lld but its postings sum to %lld",
            kind ? kind : "?", (long long)sqlite3_column_int64(st, 0),
            (const char *)sqlite3_column_text(st, 2), (long long)sqlite3_column_int64(st, 3),
            (long long)sqlite3_column_int64(st, 4));
}

static void row_invoice(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    problem(r, "invoice '%s' shows %lld outstanding but its postings sum to %lld",
            (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
            (long long)sqlite3_column_int64(st, 2));
}

static void row_status(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    problem(r, "invoice '%s' has status '%s' with %lld outstanding",
            (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
            (long long)sqlite3_column_int64(st, 2));
}

static const char sql_counts[] = VINN_VERIFY_SQL_COUNTS;
static const char sql_unbalanced[] = VINN_VERIFY_SQL_UNBALANCED;
static const char sql_accounts[] = VINN_VERIFY_SQL_ACCOUNTS;
static const char sql_invoices[] = VINN_VERIFY_SQL_INVOICES;
static const char sql_statuses[] = VINN_VERIFY_SQL_STATUSES;

static void row_queue(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    problem(r, "the unmatched queue holds %lld %s but the unmatched account %lld",
            (long long)sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 0),
            (long long)sqlite3_column_int64(st, 2));
}

/* Every unmatched payment waits on the unmatched account (credit-normal);
 * a reversal that matched nothing waits there as a debit. */
static const char sql_queue[] = VINN_VERIFY_SQL_QUEUE;

static void row_payment(sqlite3_stmt *st, struct vinn_verify_report *r)
{
    problem(r, "payment %lld of %lld is accounted for as %lld (allocations, credit, queue)",
            (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1),
            (long long)sqlite3_column_int64(st, 2));
}

/* Every payment that is not undone is all accounted for: what it paid of
 * invoices, what went to the credit balance and what waits in the queue. */
static const char sql_payments[] = VINN_VERIFY_SQL_PAYMENTS;

vinn_err sqlite_store_ledger_verify(struct vinn_store *store, int64_t tenant_id,
                                    struct vinn_verify_report *r, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    memset(r, 0, sizeof(*r));
    vinn_err rc = sqlite_accounts_flush(s, error);
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_counts, row_counts, NULL, r, error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_unbalanced, row_unbalanced,
                          &r->unbalanced_transactions, r, error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_accounts, row_account, &r->account_mismatches, r,
                          error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_invoices, row_invoice, &r->invoice_mismatches, r,
                          error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_statuses, row_status, &r->status_mismatches, r, error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_queue, row_queue, &r->queue_mismatches, r, error);
    }
    if (rc == VINN_OK) {
        rc = verify_query(s, tenant_id, sql_payments, row_payment, &r->payment_mismatches, r,
                          error);
    }
    return rc;
}

/* ---- the table store.c dispatches through (backend.h) ------------------ */

static const struct vinn_store_ops sqlite_ops = {.name = "sqlite",
                                                 .close = sqlite_store_close,
                                                 .rollback = sqlite_store_rollback,
                                                 .txn_depth = sqlite_store_txn_depth,
                                                 .light = sqlite_store_light,
                                                 .mark = sqlite_store_mark,
                                                 .broken = sqlite_store_broken,
                                                 .auto_checkpoint = sqlite_store_auto_checkpoint,
                                                 .changed_elsewhere = sqlite_store_changed_elsewhere,
                                                 .checkpoint = sqlite_store_checkpoint,
                                                 .log_pages = sqlite_store_log_pages,
                                                 .sync_later = sqlite_store_sync_later,
                                                 .sync = sqlite_store_sync,
                                                 .deadline = sqlite_store_deadline,
    .schema_version = sqlite_schema_version,
    .migrate_one = sqlite_migrate_one,
#define SQLITE_OP_ENTRY_(op, params, args) .op = sqlite_store_##op,
                                                 VINN_STORE_OPS(SQLITE_OP_ENTRY_)
#undef SQLITE_OP_ENTRY_
};
