/*
 * Store conformance tests, run on both backends: `test_store sqlite` on a
 * fresh SQLite file per test, `test_store postgres` on a fresh PostgreSQL
 * database per test (CREATE DATABASE on the server VINN_TEST_PG_URL names;
 * tools/pg.sh starts one; without it the run is skipped, exit 77).
 * Migrations, per-tenant ids, uniqueness rules, rollback, idempotency keys,
 * tenant isolation, and ledger verify catching a tampered cache.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/verify_sql.h"

/* The backend under test: NULL for SQLite, else the server's URL. */
static const char *pg_url;

struct fixture {
    char url[512];     /* what vinn_store_open gets */
    char path[64];     /* SQLite: the file */
    char database[64]; /* PostgreSQL: the test's own database */
    struct vinn_store *store;
    struct vinn_tenant a;
    struct vinn_tenant b;
};

static struct vinn_tenant tenant(const char *name)
{
    struct vinn_tenant t;
    memset(&t, 0, sizeof(t));
    snprintf(t.name, sizeof(t.name), "%s", name);
    memcpy(t.country, "NO", 3);
    memcpy(t.currency, "NOK", 4);
    snprintf(t.ref_kind, sizeof(t.ref_kind), "kid10");
    t.due_days = 14;
    return t;
}

/* Run SQL on the server's maintenance database (CREATE and DROP DATABASE). */
static void pg_admin(const char *sql)
{
    PGconn *conn = PQconnectdb(pg_url);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fail_msg("%s: %s", sql, PQerrorMessage(conn));
    }
    PQclear(res);
    PQfinish(conn);
}

/* A URL for a new, empty database or file, without opening it. */
static void fresh_url(struct fixture *f)
{
    static int serial;
    if (pg_url == NULL) {
        snprintf(f->path, sizeof(f->path), "/tmp/vinn-store-test-XXXXXX");
        int fd = mkstemp(f->path);
        close(fd);
        unlink(f->path);
        snprintf(f->url, sizeof(f->url), "%s", f->path);
        return;
    }
    snprintf(f->database, sizeof(f->database), "vinn_test_%ld_%d", (long)getpid(), ++serial);
    char sql[128];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->database);
    pg_admin(sql);
    /* The server's URL names its maintenance database last: swap it. */
    const char *slash = strrchr(pg_url, '/');
    assert_non_null(slash);
    snprintf(f->url, sizeof(f->url), "%.*s/%s", (int)(slash - pg_url), pg_url, f->database);
}

static void drop_fresh(struct fixture *f)
{
    if (pg_url != NULL) {
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP DATABASE %s", f->database);
        pg_admin(sql);
        return;
    }
    char wal[80];
    unlink(f->path);
    snprintf(wal, sizeof(wal), "%s-wal", f->path);
    unlink(wal);
    snprintf(wal, sizeof(wal), "%s-shm", f->path);
    unlink(wal);
}

/* Change the database behind the store's back (a tampered cache). */
static void exec_outside(struct fixture *f, const char *sql)
{
    if (pg_url == NULL) {
        sqlite3 *db = NULL;
        assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        return;
    }
    PGconn *conn = PQconnectdb(f->url);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    PGresult *res = PQexec(conn, sql);
    assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
    PQclear(res);
    PQfinish(conn);
}

/* Column col of each row sql returns, read by a connection of its own, one
 * row a line, into out. */
static void rows_outside(struct fixture *f, const char *sql, int col, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    if (pg_url == NULL) {
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(st, col);
            used += (size_t)snprintf(out + used, size - used, "%s\n", v != NULL ? v : "");
            assert_true(used < size);
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        return;
    }
    PGconn *conn = PQconnectdb(f->url);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    PGresult *res = PQexec(conn, sql);
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    for (int i = 0; i < PQntuples(res); i++) {
        used += (size_t)snprintf(out + used, size - used, "%s\n", PQgetvalue(res, i, col));
        assert_true(used < size);
    }
    PQclear(res);
    PQfinish(conn);
}

/* Migration 7 undone: the indexes as schema 6 had them. */
static const char *undo_migration_7(void)
{
    return pg_url == NULL
               ? "DROP INDEX postings_invoice; CREATE INDEX postings_invoice ON postings "
                 "(tenant_id, invoice_id, account_kind, amount_minor) WHERE invoice_id <> 0; "
                 "CREATE INDEX invoices_status_due ON invoices (tenant_id, status, due_date); "
                 "DELETE FROM schema_migrations WHERE version = 7; "
               : "DROP INDEX postings_invoice; CREATE INDEX postings_invoice ON postings "
                 "(tenant_id, invoice_id, account_kind) INCLUDE (amount_minor) WHERE "
                 "invoice_id <> 0; CREATE INDEX invoices_status_due ON invoices (tenant_id, "
                 "status, due_date); DELETE FROM schema_migrations WHERE version = 7; ";
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    fresh_url(f);
    int from = -1;
    assert_int_equal(vinn_store_open(f->url, true, &f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_migrate(f->store, &from, NULL), VINN_OK);
    assert_int_equal(from, 0);
    f->a = tenant("alpha");
    f->b = tenant("beta");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_tenant_insert(f->store, &f->a, NULL), VINN_OK);
    assert_int_equal(vinn_store_tenant_insert(f->store, &f->b, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    vinn_store_close(f->store);
    drop_fresh(f);
    free(f);
    return 0;
}

static struct vinn_customer customer(const char *ext)
{
    struct vinn_customer c;
    memset(&c, 0, sizeof(c));
    snprintf(c.ext_id, sizeof(c.ext_id), "%s", ext);
    snprintf(c.name, sizeof(c.name), "Name of %s", ext);
    memcpy(c.country, "NO", 3);
    memcpy(c.lang, "nb", 3);
    return c;
}

/* n customers of tenant a, PREFIX0000 on, added in one transaction. */
static void customers_added(struct fixture *f, const char *prefix, int n)
{
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    for (int i = 0; i < n; i++) {
        char ext[16];
        snprintf(ext, sizeof(ext), "%s%04d", prefix, i);
        struct vinn_customer c = customer(ext);
        assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    }
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

static void test_migrate_again_and_ready(void **state)
{
    struct fixture *f = *state;
    int from = -1;
    assert_int_equal(vinn_store_migrate(f->store, &from, NULL), VINN_OK);
    assert_int_equal(from, VINN_SCHEMA_VERSION);
    assert_int_equal(vinn_store_ready(f->store, NULL), VINN_OK);
    struct vinn_store *missing = NULL;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_open("/tmp/vinn-no-such-db", false, &missing, &e),
                     VINN_E_STORE_NOT_INITIALISED);
    assert_null(missing);
}

static void test_ids_per_tenant_and_isolation(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer a1 = customer("C1");
    struct vinn_customer b1 = customer("C1");
    struct vinn_customer a2 = customer("C2");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &a1, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->b.id, &b1, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &a2, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(a1.id, 1);
    assert_int_equal(b1.id, 1); /* ids are per tenant */
    assert_int_equal(a2.id, 2);
    struct vinn_customer got;
    assert_int_equal(vinn_store_customer_get(f->store, f->b.id, "C2", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND); /* beta cannot see alpha's C2 */
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "C2", &got, NULL), VINN_OK);
    assert_string_equal(got.name, "Name of C2");
    /* ids continue after a new transaction (the counter was saved) */
    struct vinn_customer a3 = customer("C3");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &a3, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(a3.id, 3);
}

/* Each sequence counts on its own, each from 1, and goes on from where it
 * was in the next transaction, however many of each one transaction
 * drew (PostgreSQL once kept the last four under one counter). */
static void test_sequences_apart(void **state)
{
    struct fixture *f = *state;
    const int drawn[VINN_SEQ_COUNT] = {1, 2, 3, 4, 5, 6, 7, 8, 3, 9, 2, 1};
    for (int round = 0; round < 2; round++) {
        assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
        for (int seq = 0; seq < VINN_SEQ_COUNT; seq++) {
            for (int k = 1; k <= drawn[seq]; k++) {
                int64_t id = 0;
                assert_int_equal(
                    vinn_store_next_id(f->store, f->a.id, (enum vinn_store_seq)seq, &id, NULL),
                    VINN_OK);
                if (id != round * drawn[seq] + k) {
                    fail_msg("sequence %d, round %d: id %lld, wanted %d", seq, round,
                             (long long)id, round * drawn[seq] + k);
                }
            }
        }
        assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    }
    /* another tenant's, then one rolled back, then alpha's again: each
     * sequence of alpha's goes on after round 2 (PostgreSQL locks a
     * tenant's of the ones the last transaction drew from with its first) */
    int64_t id = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->b.id, VINN_SEQ_AUDIT, &id, NULL), VINN_OK);
    assert_int_equal(id, 1);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_TXN, &id, NULL), VINN_OK);
    assert_int_equal(id, 7);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    for (int seq = 0; seq < VINN_SEQ_COUNT; seq++) {
        assert_int_equal(
            vinn_store_next_id(f->store, f->a.id, (enum vinn_store_seq)seq, &id, NULL), VINN_OK);
        assert_int_equal(id, 2 * drawn[seq] + 1);
    }
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

/* One transaction draws ids of many tenants, more counters than a
 * PostgreSQL store holds at once (it writes them back and goes on): each
 * tenant's ids are its own and dense, in this transaction and the next. */
static void test_sequences_of_many_tenants(void **state)
{
    struct fixture *f = *state;
    enum { TENANTS = 24 };
    int64_t ids[TENANTS];
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    for (int t = 0; t < TENANTS; t++) {
        struct vinn_tenant x = tenant("x");
        snprintf(x.name, sizeof(x.name), "many-%d", t);
        assert_int_equal(vinn_store_tenant_insert(f->store, &x, NULL), VINN_OK);
        ids[t] = x.id;
    }
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
        for (int k = 1; k <= 3; k++) {
            for (int t = 0; t < TENANTS; t++) {
                for (int seq = VINN_SEQ_INVOICE; seq <= VINN_SEQ_PAYMENT; seq++) {
                    int64_t id = 0;
                    assert_int_equal(vinn_store_next_id(f->store, ids[t],
                                                        (enum vinn_store_seq)seq, &id, NULL),
                                     VINN_OK);
                    assert_int_equal(id, round * 3 + k);
                }
            }
        }
        assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    }
}

/* PostgreSQL's migration 6 on a database version 5 left: the API keys',
 * audit rows', webhooks' and events' ids, all drawn from the one counter
 * named '' (here below some ids already given, as that could leave it),
 * each go on after the highest id of their table; config_version starts at
 * 0. SQLite's migration 6 changes nothing. */
static void test_migration_6(void **state)
{
    struct fixture *f = *state;
    char sql[2048];
    snprintf(sql, sizeof(sql),
             "%sDELETE FROM counters; DELETE FROM schema_migrations WHERE version = 6; "
             "INSERT INTO audit_log (tenant_id, audit_id, at, key_id, method, route, object, "
             "status) VALUES (%lld, 7, 0, 0, 'POST', '/', '', 201), "
             "(%lld, 3, 0, 0, 'POST', '/', '', 201); "
             "INSERT INTO events (tenant_id, event_id, type, object, data, created_at) VALUES "
             "(%lld, 5, 'invoice.created', 'x', '{}', 0)%s",
             undo_migration_7(), (long long)f->a.id, (long long)f->b.id, (long long)f->a.id,
             pg_url != NULL ? "; DROP TABLE config_version; INSERT INTO counters (tenant_id, "
                              "name, value) VALUES (1, '', 4)"
                            : "");
    if (pg_url == NULL) { /* SQLite's counters were right all along */
        char more[160];
        snprintf(more, sizeof(more),
                 "; INSERT INTO counters (tenant_id, name, value) VALUES (%lld, 'audit', 7), "
                 "(%lld, 'audit', 3), (%lld, 'event', 5)",
                 (long long)f->a.id, (long long)f->b.id, (long long)f->a.id);
        strncat(sql, more, sizeof(sql) - strlen(sql) - 1);
    }
    exec_outside(f, sql);
    vinn_store_close(f->store);
    assert_int_equal(vinn_store_open(f->url, false, &f->store, NULL), VINN_OK);
    int from = -1;
    assert_int_equal(vinn_store_migrate(f->store, &from, NULL), VINN_OK);
    assert_int_equal(from, 5);
    assert_int_equal(vinn_store_ready(f->store, NULL), VINN_OK);
    const struct {
        int64_t tenant;
        enum vinn_store_seq seq;
        int64_t next;
    } want[] = {{f->a.id, VINN_SEQ_AUDIT, 8}, {f->b.id, VINN_SEQ_AUDIT, 4},
                {f->a.id, VINN_SEQ_EVENT, 6}, {f->a.id, VINN_SEQ_WEBHOOK, 1},
                {f->b.id, VINN_SEQ_EVENT, 1}, {f->a.id, VINN_SEQ_KEY, 1}};
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int64_t id = 0;
        assert_int_equal(vinn_store_next_id(f->store, want[i].tenant, want[i].seq, &id, NULL),
                         VINN_OK);
        assert_int_equal(id, want[i].next);
    }
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_true(vinn_store_changed_elsewhere(f->store));
    assert_false(vinn_store_changed_elsewhere(f->store));
}

static void test_rollback_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("R1");
    struct vinn_customer dup = customer("R1");
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &dup, &e),
                     VINN_E_CUSTOMER_EXISTS);
    assert_string_equal(e.message, "customer 'R1' already exists");
    vinn_store_rollback(f->store);
    struct vinn_customer got;
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "R1", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    /* the id given out in the rolled-back transaction is given out again */
    struct vinn_customer again = customer("R2");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &again, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(again.id, 1);
}

static void invoice_with_ledger(struct fixture *f, struct vinn_customer *c, const char *number,
                                int64_t *id)
{
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_INVOICE, &inv.id, NULL),
                     VINN_OK);
    inv.customer_id = c->id;
    snprintf(inv.number, sizeof(inv.number), "%s", number);
    memcpy(inv.currency, "NOK", 4);
    inv.net_minor = 10000;
    inv.vat_minor = 2500;
    inv.gross_minor = 12500;
    inv.outstanding_minor = 12500;
    snprintf(inv.reference, sizeof(inv.reference), "REF%lld", (long long)inv.id);
    inv.lines_count = 1;
    struct vinn_invoice_line line = {1, "Vare", 1000, 10000, 2500, 10000};
    assert_int_equal(vinn_store_invoice_insert(f->store, f->a.id, &inv, &line, 1, NULL), VINN_OK);
    struct vinn_txn txn;
    vinn_txn_init(&txn, "NOK");
    assert_int_equal(vinn_ledger_invoice(&txn, c->id, inv.id, 10000, 2500, NULL), VINN_OK);
    char key[32];
    snprintf(key, sizeof(key), "invoice:%lld", (long long)inv.id);
    struct vinn_txn_meta meta = {"invoice", key, 0, inv.id, 0};
    int64_t txn_id = 0;
    assert_int_equal(vinn_store_txn_insert(f->store, f->a.id, &meta, &txn, &txn_id, NULL), VINN_OK);
    /* the same idempotency key again writes nothing */
    assert_int_equal(vinn_store_txn_insert(f->store, f->a.id, &meta, &txn, &txn_id, NULL),
                     VINN_E_EXISTS);
    *id = inv.id;
}

/* What tenant a's invoice id owes of its principal (its postings). */
static int64_t principal_of(struct fixture *f, int64_t id)
{
    int64_t principal = 0;
    assert_int_equal(vinn_store_invoice_receivable(f->store, f->a.id, id, VINN_ACCOUNT_PRINCIPAL,
                                                   &principal, NULL),
                     VINN_OK);
    return principal;
}

/* Migration 7 on a database at schema 6: invoices_status_due is gone, and
 * postings_invoice holds only the receivable postings, which is all its
 * queries read: an invoice's principal still sums from it, and SQLite's
 * ledger check of every invoice still goes through it (without, it scans
 * the tenant's postings once for each invoice). */
static void test_migration_7(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("M7");
    int64_t id = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    invoice_with_ledger(f, &c, "M7-1", &id);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    exec_outside(f, undo_migration_7());
    vinn_store_close(f->store);
    assert_int_equal(vinn_store_open(f->url, false, &f->store, NULL), VINN_OK);
    int from = -1;
    assert_int_equal(vinn_store_migrate(f->store, &from, NULL), VINN_OK);
    assert_int_equal(from, 6);

    char rows[1024];
    rows_outside(f,
                 pg_url == NULL ? "SELECT name FROM sqlite_master WHERE name LIKE 'invoices_s%' "
                                  "OR name LIKE 'postings_i%'"
                                : "SELECT indexname FROM pg_indexes WHERE indexname LIKE "
                                  "'invoices_s%' OR indexname LIKE 'postings_i%'",
                 0, rows, sizeof(rows));
    assert_string_equal(rows, "postings_invoice\n");
    rows_outside(f,
                 pg_url == NULL ? "SELECT sql FROM sqlite_master WHERE name = 'postings_invoice'"
                                : "SELECT indexdef FROM pg_indexes WHERE indexname = "
                                  "'postings_invoice'",
                 0, rows, sizeof(rows));
    assert_non_null(strstr(rows, pg_url == NULL ? "WHERE invoice_id <> 0 AND account_kind <= 3"
                                                : "WHERE ((invoice_id <> 0) AND (account_kind <= 3))"));
    if (pg_url == NULL) {
        /* the plan's fourth column is its text */
        rows_outside(f, "EXPLAIN QUERY PLAN " VINN_VERIFY_SQL_INVOICES, 3, rows, sizeof(rows));
        assert_non_null(strstr(rows, "USING COVERING INDEX postings_invoice"));
    }

    assert_int_equal(principal_of(f, id), 12500);
    struct vinn_verify_report *r = calloc(1, sizeof(*r));
    assert_int_equal(vinn_store_ledger_verify(f->store, f->a.id, r, NULL), VINN_OK);
    assert_int_equal(r->postings, 3);
    assert_int_equal(r->invoices, 1);
    assert_int_equal(r->problems_count, 0);
    free(r);
}

static void test_invoices_ledger_and_verify(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("L1");
    int64_t id1 = 0;
    int64_t id2 = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    invoice_with_ledger(f, &c, "I-1", &id1);
    invoice_with_ledger(f, &c, "I-2", &id2);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);

    struct vinn_invoice got;
    assert_int_equal(vinn_store_invoice_get(f->store, f->a.id, "I-2", &got, NULL), VINN_OK);
    assert_int_equal(got.id, id2);
    assert_string_equal(got.customer_ext_id, "L1");
    assert_int_equal(got.gross_minor, 12500);
    assert_int_equal(got.status, VINN_STATUS_OPEN);
    assert_int_equal(vinn_store_invoice_get(f->store, f->b.id, "I-2", &got, NULL),
                     VINN_E_INVOICE_NOT_FOUND);
    assert_int_equal(principal_of(f, id1), 12500);

    struct vinn_verify_report *r = calloc(1, sizeof(*r));
    assert_int_equal(vinn_store_ledger_verify(f->store, f->a.id, r, NULL), VINN_OK);
    assert_int_equal(r->transactions, 2);
    assert_int_equal(r->postings, 6);
    assert_int_equal(r->invoices, 2);
    assert_int_equal(r->problems_count, 0);

    /* tamper with the cached balance and the cached outstanding: verify sees both */
    exec_outside(f, "UPDATE accounts SET balance_minor = balance_minor + 1 WHERE kind = 11; "
                    "UPDATE invoices SET outstanding_minor = 1 WHERE number = 'I-1'");
    assert_int_equal(vinn_store_ledger_verify(f->store, f->a.id, r, NULL), VINN_OK);
    assert_int_equal(r->account_mismatches, 1);
    assert_int_equal(r->invoice_mismatches, 1);
    assert_int_equal(r->problems_count, 2);
    assert_string_equal(r->problems[0],
                        "account revenue of customer #0 in NOK holds -19999 but its postings sum "
                        "to -20000");
    assert_string_equal(r->problems[1],
                        "invoice 'I-1' shows 1 outstanding but its postings sum to 12500");
    free(r);
}

static void test_invoice_number_unique(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("U1");
    int64_t id = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    invoice_with_ledger(f, &c, "DUP", &id);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    inv.id = 99;
    inv.customer_id = c.id;
    snprintf(inv.number, sizeof(inv.number), "DUP");
    memcpy(inv.currency, "NOK", 4);
    inv.gross_minor = 1;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_invoice_insert(f->store, f->a.id, &inv, NULL, 0, &e),
                     VINN_E_INVOICE_EXISTS);
    assert_string_equal(e.field, "number");
    /* with lines: none of them goes in, and the transaction goes on */
    struct vinn_invoice_line line = {1, "Vare", 1000, 1, 0, 1};
    assert_int_equal(vinn_store_invoice_insert(f->store, f->a.id, &inv, &line, 1, NULL),
                     VINN_E_INVOICE_EXISTS);
    struct vinn_invoice_line got[2];
    uint32_t n = 9;
    assert_int_equal(vinn_store_invoice_lines(f->store, f->a.id, 99, got, 2, &n, NULL), VINN_OK);
    assert_int_equal(n, 0);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

/* The lines of an invoice read back as they went in: in the transaction
 * that added them, after its commit, and none after a rollback of the
 * level that added them. */
static void test_invoice_lines_read_back(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("B1");
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    inv.customer_id = 1;
    memcpy(inv.currency, "NOK", 4);
    inv.gross_minor = 3;
    const struct vinn_invoice_line lines[3] = {{1, "En", 1000, 1, 2500, 1},
                                               {2, "To", 2000, 1, 2500, 2},
                                               {3, " {\"a\\b\"}, NULL ", 1, 0, 0, 0}};
    struct vinn_invoice_line got[3];
    uint32_t n = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    for (int round = 0; round < 2; round++) {
        inv.id = 7 + round;
        snprintf(inv.number, sizeof(inv.number), "B-%d", round);
        snprintf(inv.reference, sizeof(inv.reference), "R%d", round);
        if (round == 1) {
            assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
        }
        assert_int_equal(vinn_store_invoice_insert(f->store, f->a.id, &inv, lines, 3, NULL),
                         VINN_OK);
        memset(got, 0, sizeof(got));
        assert_int_equal(vinn_store_invoice_lines(f->store, f->a.id, inv.id, got, 3, &n, NULL),
                         VINN_OK);
        assert_int_equal(n, 3);
        assert_string_equal(got[1].text, "To");
        assert_int_equal(got[1].quantity_milli, 2000);
        assert_int_equal(got[2].line_no, 3);
        assert_int_equal(vinn_store_invoice_lines(f->store, f->a.id, inv.id, got, 2, &n, NULL),
                         VINN_E_LIMIT_EXCEEDED);
        assert_int_equal(vinn_store_invoice_lines(f->store, f->b.id, inv.id, got, 3, &n, NULL),
                         VINN_OK);
        assert_int_equal(n, 0);
    }
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_invoice_lines(f->store, f->a.id, 8, got, 3, &n, NULL), VINN_OK);
    assert_int_equal(n, 0);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    memset(got, 0, sizeof(got));
    assert_int_equal(vinn_store_invoice_lines(f->store, f->a.id, 7, got, 3, &n, NULL), VINN_OK);
    assert_int_equal(n, 3);
    assert_string_equal(got[0].text, "En");
    assert_int_equal(got[0].vat_rate_bp, 2500);
    assert_int_equal(got[1].net_minor, 2);
    assert_string_equal(got[2].text, lines[2].text);
    assert_int_equal(got[2].quantity_milli, 1);
}

static vinn_err sum_balance(void *ctx, const struct vinn_balance *b)
{
    int64_t *sums = ctx;
    sums[0]++;
    sums[1] += b->balance_minor;
    return VINN_OK;
}

/* Post cash +amount against customer k's credit balance for k in [1, n]. */
/* amount in from the bank, owed back to the customer: her credit. */
static void credit_post(struct fixture *f, int64_t customer_id, int64_t amount, const char *key)
{
    struct vinn_txn txn;
    vinn_txn_init(&txn, "NOK");
    assert_int_equal(vinn_txn_add(&txn, VINN_ACCOUNT_CASH, 0, 0, amount), VINN_OK);
    assert_int_equal(vinn_txn_add(&txn, VINN_ACCOUNT_CREDIT, customer_id, 0, -amount), VINN_OK);
    struct vinn_txn_meta meta = {"test", key, 0, 0, 0};
    int64_t txn_id = 0;
    assert_int_equal(vinn_store_txn_insert(f->store, f->a.id, &meta, &txn, &txn_id, NULL),
                     VINN_OK);
}

static void post_credits(struct fixture *f, int n, int64_t amount)
{
    for (int k = 1; k <= n; k++) {
        char key[32];
        snprintf(key, sizeof(key), "credit:%d:%lld", k, (long long)amount);
        credit_post(f, k, amount, key);
    }
}

/* Account balances are written once per transaction: reads inside it see
 * the postings made so far, a rollback drops them, more accounts than the
 * store holds pending at once still add up, and an account whose postings
 * cancel out exists with 0, as one posting at a time would leave it. */
static void test_account_balances_pending(void **state)
{
    struct fixture *f = *state;
    /* SQLite: more accounts than sqlite.c keeps pending at once. PostgreSQL
     * keeps none pending (each posting statement updates its accounts), so
     * fewer show the same and spare the suite 18,000 round trips. */
    const int accounts_count = pg_url == NULL ? 9000 : 1500;
    int64_t balance = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    post_credits(f, 3, 700);
    assert_int_equal(vinn_store_account_balance(f->store, f->a.id, 2, VINN_ACCOUNT_CREDIT, "NOK",
                                                &balance, NULL),
                     VINN_OK);
    assert_int_equal(balance, -700);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_account_balance(f->store, f->a.id, 2, VINN_ACCOUNT_CREDIT, "NOK",
                                                &balance, NULL),
                     VINN_OK);
    assert_int_equal(balance, 0);

    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    post_credits(f, accounts_count, 100);
    post_credits(f, accounts_count, -100);
    post_credits(f, 1, 5);
    assert_int_equal(
        vinn_store_account_balance(f->store, f->a.id, 0, VINN_ACCOUNT_CASH, "NOK", &balance, NULL),
        VINN_OK);
    assert_int_equal(balance, 5);
    bool has_charges = true;
    assert_int_equal(vinn_store_tenant_has_charges(f->store, f->a.id, &has_charges, NULL), VINN_OK);
    assert_false(has_charges);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);

    int64_t sums[2] = {0, 0};
    assert_int_equal(vinn_store_balances(f->store, f->a.id, -1, sum_balance, sums, NULL), VINN_OK);
    assert_int_equal(sums[0], 2); /* cash 5 and customer 1's credit -5; the rest are 0 */
    assert_int_equal(sums[1], 0);
    struct vinn_verify_report *r = calloc(1, sizeof(*r));
    assert_int_equal(vinn_store_ledger_verify(f->store, f->a.id, r, NULL), VINN_OK);
    assert_int_equal(r->accounts, accounts_count + 1);
    assert_int_equal(r->postings, 4 * accounts_count + 2);
    assert_int_equal(r->problems_count, 0);
    free(r);
}

static int64_t credit_of(struct fixture *f, int64_t customer_id)
{
    int64_t balance = 1;
    assert_int_equal(vinn_store_account_balance(f->store, f->a.id, customer_id,
                                                VINN_ACCOUNT_CREDIT, "NOK", &balance, NULL),
                     VINN_OK);
    return balance;
}

/* A customer's credit balance read after an invoice of hers is added is
 * the balance at that moment (PostgreSQL reads it ahead, with the
 * invoice): after a posting that leaves it alone, after one to it, after a
 * savepoint's rollback, and for another customer. */
static void test_credit_after_invoice(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("K1");
    struct vinn_customer d = customer("K2");
    int64_t id = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &d, NULL), VINN_OK);
    credit_post(f, c.id, 700, "credit:1");
    invoice_with_ledger(f, &c, "K-1", &id); /* its posting leaves the credit alone */
    assert_int_equal(credit_of(f, c.id), -700);
    assert_int_equal(credit_of(f, c.id), -700);

    invoice_with_ledger(f, &c, "K-2", &id);
    credit_post(f, c.id, -300, "credit:2"); /* uses 300 of it */
    assert_int_equal(credit_of(f, c.id), -400);

    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK); /* a savepoint */
    credit_post(f, c.id, 100, "credit:3");
    invoice_with_ledger(f, &c, "K-3", &id);
    vinn_store_rollback(f->store);
    assert_int_equal(credit_of(f, c.id), -400);

    invoice_with_ledger(f, &d, "K-4", &id);
    assert_int_equal(credit_of(f, c.id), -400);
    assert_int_equal(credit_of(f, d.id), 0);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(credit_of(f, c.id), -400);
    exec_outside(f, "UPDATE accounts SET balance_minor = -1 WHERE kind = 4");
    assert_int_equal(credit_of(f, c.id), -1); /* nothing kept past the transaction */
}

/* A bulk transaction commits and rolls back like any other. */
static void test_bulk_transaction(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("B1");
    struct vinn_customer got;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_bulk(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "B1", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_bulk(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_bulk(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "B1", &got, NULL), VINN_OK);
}

static struct vinn_payment payment(int64_t id, const char *entry, int64_t amount,
                                   const char *reference, const char *account)
{
    struct vinn_payment p;
    memset(&p, 0, sizeof(p));
    p.id = id;
    p.import_id = 1;
    snprintf(p.entry_id, sizeof(p.entry_id), "%s", entry);
    p.status = VINN_PAY_UNMATCHED;
    p.amount_minor = amount;
    memcpy(p.currency, "NOK", 4);
    snprintf(p.reference, sizeof(p.reference), "%s", reference);
    snprintf(p.payer_account, sizeof(p.payer_account), "%s", account);
    p.unmatched_minor = amount;
    return p;
}

static vinn_err count_customer(void *ctx, const struct vinn_customer *c)
{
    (void)c;
    (*(int *)ctx)++;
    return VINN_OK;
}

static vinn_err count_payment(void *ctx, const struct vinn_payment *p)
{
    (void)p;
    (*(int *)ctx)++;
    return VINN_OK;
}

/* Payments: identity per tenant, the unmatched queue, finding the original
 * of a reversal by its strongest key, settings, payer accounts, name keys. */
static void test_payments(void **state)
{
    struct fixture *f = *state;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    struct vinn_payment p1 = payment(1, "camt:R1", 12500, "000000018", "12345678903");
    struct vinn_payment p2 = payment(2, "camt:R2", 12500, "", "12345678903");
    assert_int_equal(vinn_store_payment_insert(f->store, f->a.id, &p1, NULL), VINN_OK);
    assert_int_equal(vinn_store_payment_insert(f->store, f->a.id, &p2, NULL), VINN_OK);
    struct vinn_payment dup = payment(3, "camt:R1", 100, "", "");
    assert_int_equal(vinn_store_payment_insert(f->store, f->a.id, &dup, &e), VINN_E_EXISTS);
    assert_string_equal(e.field, "entry_id");
    /* The same entry id in another tenant is another payment. */
    assert_int_equal(vinn_store_payment_insert(f->store, f->b.id, &dup, NULL), VINN_OK);
    int64_t pid = 0;
    int64_t iid = 0;
    assert_int_equal(vinn_store_payment_find_entry(f->store, f->a.id, "camt:R2", &pid, &iid, NULL),
                     VINN_OK);
    assert_int_equal(pid, 2);
    assert_int_equal(vinn_store_payment_find_entry(f->store, f->a.id, "camt:R9", &pid, &iid, NULL),
                     VINN_E_NOT_FOUND);

    /* A reversal with the reference finds p1 though p2 is newer. */
    struct vinn_payment rev = payment(9, "camt:R9", 12500, "000000018", "12345678903");
    rev.reversal = true;
    struct vinn_payment orig;
    assert_int_equal(vinn_store_payment_find_original(f->store, f->a.id, &rev, &orig, NULL),
                     VINN_OK);
    assert_int_equal(orig.id, 1);
    rev.reference[0] = '\0';
    assert_int_equal(vinn_store_payment_find_original(f->store, f->a.id, &rev, &orig, NULL),
                     VINN_OK);
    assert_int_equal(orig.id, 2);
    rev.amount_minor = 12400;
    assert_int_equal(vinn_store_payment_find_original(f->store, f->a.id, &rev, &orig, NULL),
                     VINN_E_NOT_FOUND);

    p1.status = VINN_PAY_MATCHED;
    p1.unmatched_minor = 0;
    assert_int_equal(vinn_store_payment_update(f->store, f->a.id, &p1, NULL), VINN_OK);
    struct vinn_payment_filter filter = {.unmatched_only = true, .limit = 10};
    int n = 0;
    assert_int_equal(vinn_store_payment_list(f->store, f->a.id, &filter, count_payment, &n, NULL),
                     VINN_OK);
    assert_int_equal(n, 1);
    filter.unmatched_only = false;
    n = 0;
    assert_int_equal(vinn_store_payment_list(f->store, f->a.id, &filter, count_payment, &n, NULL),
                     VINN_OK);
    assert_int_equal(n, 2);
    struct vinn_payment got;
    assert_int_equal(vinn_store_payment_get(f->store, f->a.id, 1, &got, NULL), VINN_OK);
    assert_int_equal(got.status, VINN_PAY_MATCHED);
    assert_string_equal(got.reference, "000000018");
    assert_int_equal(vinn_store_payment_get(f->store, f->b.id, 2, &got, &e),
                     VINN_E_PAYMENT_NOT_FOUND);

    char value[64];
    assert_int_equal(
        vinn_store_setting_get(f->store, f->a.id, "match_threshold", value, sizeof(value), NULL),
        VINN_E_NOT_FOUND);
    assert_int_equal(vinn_store_setting_put(f->store, f->a.id, "match_threshold", "80", NULL),
                     VINN_OK);
    assert_int_equal(
        vinn_store_setting_get(f->store, f->a.id, "match_threshold", value, sizeof(value), NULL),
        VINN_OK);
    assert_string_equal(value, "80");

    assert_int_equal(vinn_store_payer_account_put(f->store, f->a.id, "12345678903", 7, NULL),
                     VINN_OK);
    int64_t cust = 0;
    assert_int_equal(vinn_store_payer_account_get(f->store, f->a.id, "12345678903", &cust, NULL),
                     VINN_OK);
    assert_int_equal(cust, 7);
    assert_int_equal(vinn_store_payer_account_get(f->store, f->b.id, "12345678903", &cust, NULL),
                     VINN_E_NOT_FOUND);

    struct vinn_customer c = customer("K1");
    snprintf(c.name, sizeof(c.name), "Åse Søreide");
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    n = 0;
    assert_int_equal(vinn_store_customers_by_name_key(f->store, f->a.id, "ase soreide", 5,
                                                      count_customer, &n, NULL),
                     VINN_OK);
    assert_int_equal(n, 1);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

/* Transactions nest as savepoints: a rollback undoes its own level only,
 * ids included; the outer commit keeps the rest. */
static void test_savepoints(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c1 = customer("S1");
    struct vinn_customer c2 = customer("S2");
    struct vinn_customer c3 = customer("S3");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_txn_depth(f->store), 1);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_txn_depth(f->store), 2);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c2, NULL), VINN_OK);
    assert_int_equal(c2.id, c1.id + 1);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_txn_depth(f->store), 1);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c3, NULL), VINN_OK);
    assert_int_equal(c3.id, c1.id + 1); /* the id the rolled-back level took is free again */
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_txn_depth(f->store), 0);
    struct vinn_customer got;
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "S2", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "S3", &got, NULL), VINN_OK);
    assert_int_equal(got.id, c1.id + 1);
    /* the counter was written at the outer commit */
    struct vinn_customer c4 = customer("S4");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c4, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(c4.id, c1.id + 2);
}

/* Light nesting (the server's writer), the same on both backends: levels
 * without savepoints, whose commit keeps everything; a change moves the
 * mark, a read does not; a rolled-back level breaks the transaction, whose
 * commit then refuses and keeps nothing. */
static void test_light_nesting(void **state)
{
    struct fixture *f = *state;
    assert_true(vinn_store_light(f->store, true));
    struct vinn_customer c1 = customer("L1");
    struct vinn_customer c2 = customer("L2");
    struct vinn_customer got;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    uint64_t m0 = vinn_store_mark(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_txn_depth(f->store), 2);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L1", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    assert_int_equal(vinn_store_mark(f->store), m0); /* a read changes nothing */
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, NULL), VINN_OK);
    uint64_t m1 = vinn_store_mark(f->store);
    assert_true(m1 > m0);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_txn_depth(f->store), 1);
    assert_false(vinn_store_broken(f->store));
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L1", &got, NULL), VINN_OK);

    /* a rolled-back level that changed nothing (a read) breaks nothing */
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L1", &got, NULL), VINN_OK);
    vinn_store_rollback(f->store);
    assert_false(vinn_store_broken(f->store));
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);

    /* a rolled-back level that changed something: broken, and the commit
     * keeps nothing */
    struct vinn_customer c3 = customer("L3");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c3, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    uint64_t m2 = vinn_store_mark(f->store);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c2, NULL), VINN_OK);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_txn_depth(f->store), 1);
    assert_true(vinn_store_broken(f->store));
    assert_true(vinn_store_mark(f->store) != m2);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_commit(f->store, &e), VINN_E_STORE);
    assert_non_null(strstr(e.message, "rolled back without a savepoint"));
    assert_int_equal(vinn_store_txn_depth(f->store), 0);
    assert_false(vinn_store_broken(f->store));
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L2", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L3", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);

    /* off again: nesting is a savepoint once more */
    assert_true(vinn_store_light(f->store, false));
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c2, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    vinn_store_rollback(f->store);
    assert_false(vinn_store_broken(f->store));
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "L2", &got, NULL), VINN_OK);
    assert_int_equal(got.id, c1.id + 1);
}

/* Another connection takes the row lock on one of tenant a's counters
 * (PostgreSQL), so the store's next draw of that tenant waits for it. */
static PGconn *counter_locked(struct fixture *f, const char *name)
{
    PGconn *conn = PQconnectdb(f->url);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    char sql[160];
    snprintf(sql, sizeof(sql),
             "BEGIN; SELECT value FROM counters WHERE tenant_id = %lld AND name = '%s' "
             "FOR UPDATE",
             (long long)f->a.id, name);
    PGresult *res = PQexec(conn, sql);
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(res), 1);
    PQclear(res);
    return conn;
}

static void counter_unlocked(PGconn *conn)
{
    PQclear(PQexec(conn, "COMMIT"));
    PQfinish(conn);
}

/* The deadline (the server's time per request) stops a statement that
 * runs past it with VINN_E_TIMEOUT, again after a rollback (which undoes
 * PostgreSQL's SET), and in a light level breaks the transaction, as any
 * failed statement does there on PostgreSQL. A statement that waits on
 * another connection's lock is the slow one: PostgreSQL only (SQLite waits
 * for a lock in its busy handler, which no deadline stops). */
static void test_deadline(void **state)
{
    struct fixture *f = *state;
    if (pg_url == NULL) {
        skip();
    }
    struct vinn_customer c0 = customer("D0");
    struct vinn_customer c1 = customer("D1");
    struct vinn_customer got;
    struct vinn_error e;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c0, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    PGconn *other = counter_locked(f, "customer");
    vinn_store_deadline(f->store, 50 * 1000);
    for (int round = 0; round < 2; round++) {
        vinn_error_clear(&e);
        assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
        assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, &e), VINN_E_TIMEOUT);
        assert_non_null(strstr(e.message, "took too long"));
        vinn_store_rollback(f->store);
    }
    assert_true(vinn_store_light(f->store, true));
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, NULL), VINN_E_TIMEOUT);
    assert_true(vinn_store_broken(f->store));
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_E_STORE);
    assert_false(vinn_store_broken(f->store));
    assert_true(vinn_store_light(f->store, false));
    vinn_store_deadline(f->store, 0);
    counter_unlocked(other);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(c1.id, c0.id + 1);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "D1", &got, NULL), VINN_OK);
}

/* PostgreSQL: a transaction's first id of a tenant locks all of the
 * tenant's counters, in one order, so two processes never hold one each
 * and wait for the other's: with another connection holding the audit
 * counter, even an invoice id waits (until the deadline), and another
 * tenant's ids do not. */
static void test_counters_locked_together(void **state)
{
    struct fixture *f = *state;
    if (pg_url == NULL) {
        skip();
    }
    int64_t id = 0;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_INVOICE, &id, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_AUDIT, &id, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    PGconn *other = counter_locked(f, "audit");
    vinn_store_deadline(f->store, 200 * 1000);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_INVOICE, &id, &e),
                     VINN_E_TIMEOUT);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->b.id, VINN_SEQ_INVOICE, &id, NULL), VINN_OK);
    assert_int_equal(id, 1);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    vinn_store_deadline(f->store, 0);
    counter_unlocked(other);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_INVOICE, &id, NULL), VINN_OK);
    assert_int_equal(id, 2);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

/* SQLite: the deadline stops a long statement (its progress handler), with
 * VINN_E_TIMEOUT, and no deadline lets the same statement finish. */
static void test_deadline_sqlite(void **state)
{
    struct fixture *f = *state;
    if (pg_url != NULL) {
        skip();
    }
    customers_added(f, "T", 3000);
    int n = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_store_deadline(f->store, 1);
    usleep(2000);
    assert_int_equal(vinn_store_customer_list(f->store, f->a.id, "", 10000, count_customer, &n, &e),
                     VINN_E_TIMEOUT);
    assert_non_null(strstr(e.message, "took too long"));
    vinn_store_deadline(f->store, 0);
    n = 0;
    assert_int_equal(
        vinn_store_customer_list(f->store, f->a.id, "", 10000, count_customer, &n, NULL), VINN_OK);
    assert_int_equal(n, 3000);
}

/* SQLite: the deadline also ends a wait for another connection's write
 * lock, with VINN_E_TIMEOUT; once the lock is gone the same transaction
 * begins. */
static void test_deadline_waiting_sqlite(void **state)
{
    struct fixture *f = *state;
    if (pg_url != NULL) {
        skip();
    }
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_store_deadline(f->store, 50000);
    assert_int_equal(vinn_store_begin(f->store, &e), VINN_E_TIMEOUT);
    assert_non_null(strstr(e.message, "took too long while beginning a transaction"));
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    vinn_store_deadline(f->store, 0);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
}

/* n new customers of tenant a, PREFIX<round>-<i>, in the open transaction. */
static void customers_insert(struct fixture *f, const char *prefix, int round, int n)
{
    for (int i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof(id), "%s%d-%d", prefix, round, i);
        struct vinn_customer c = customer(id);
        assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    }
}

/* Commits synced later (the server's writer): on SQLite they are in the
 * log for every other connection before any sync, also a commit bigger
 * than the VFS's gathered write, and vinn_store_sync makes them durable;
 * PostgreSQL's commits are durable already. */
static void test_sync_later(void **state)
{
    struct fixture *f = *state;
    struct vinn_error e;
    if (pg_url != NULL) {
        assert_false(vinn_store_sync_later(f->store, true));
        assert_int_equal(vinn_store_sync(f->store, &e), VINN_OK);
        return;
    }
    assert_true(vinn_store_sync_later(f->store, true));
    struct vinn_store *other = NULL;
    assert_int_equal(vinn_store_open(f->url, false, &other, NULL), VINN_OK);
    struct vinn_customer got;
    for (int round = 0; round < 2; round++) {
        int n = round == 0 ? 1 : 3000; /* one frame; about 60 frames, in three writes */
        assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
        customers_insert(f, "S", round, n);
        assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
        char last[32];
        snprintf(last, sizeof(last), "S%d-%d", round, n - 1);
        assert_int_equal(vinn_store_customer_get(other, f->a.id, last, &got, NULL), VINN_OK);
        assert_string_equal(got.ext_id, last);
        assert_int_equal(vinn_store_sync(f->store, &e), VINN_OK);
    }
    int count = 0;
    assert_int_equal(vinn_store_customer_list(other, f->a.id, NULL, 10000, count_customer, &count, NULL),
                     VINN_OK);
    assert_int_equal(count, 3001);
    vinn_store_close(other);
    assert_false(vinn_store_sync_later(f->store, false));
    assert_int_equal(vinn_store_sync(f->store, &e), VINN_OK); /* nothing left to sync */
}

/* One transaction of the writer: n new customers, and while it is open,
 * a checkpoint of every committed page by another connection (the server's
 * checkpoint thread); then the log's pages after the commit. */
static uint32_t commit_while_checkpointed(struct fixture *f, struct vinn_store *other, int round,
                                          int n)
{
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    customers_insert(f, "L", round, n);
    assert_int_equal(vinn_store_checkpoint(other, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    return vinn_store_log_pages(f->store);
}

/* SQLite starts its log again only when a write transaction begins after
 * all of the log was copied into the database. A writer whose every
 * transaction began before the checkpoint thread's copy made the log
 * grow with each commit; its own checkpoint between two transactions
 * has the next commit write the log from its start. PostgreSQL has no
 * such log. */
static void test_log_restart(void **state)
{
    struct fixture *f = *state;
    if (pg_url != NULL) {
        assert_false(vinn_store_auto_checkpoint(f->store, false));
        assert_int_equal(vinn_store_log_pages(f->store), 0);
        assert_int_equal(vinn_store_checkpoint(f->store, NULL), VINN_OK);
        return;
    }
    assert_true(vinn_store_auto_checkpoint(f->store, false));
    struct vinn_store *other = NULL;
    assert_int_equal(vinn_store_open(f->url, false, &other, NULL), VINN_OK);
    uint32_t pages = commit_while_checkpointed(f, other, 0, 300);
    uint32_t step = 0; /* the most one commit added */
    for (int round = 1; round <= 4; round++) {
        uint32_t now = commit_while_checkpointed(f, other, round, 300);
        assert_true(now > pages); /* appended: the log never starts again */
        step = now - pages > step ? now - pages : step;
        pages = now;
    }
    assert_int_equal(vinn_store_checkpoint(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_log_pages(f->store), pages); /* copied, not yet started again */
    uint32_t again = commit_while_checkpointed(f, other, 5, 300);
    /* the log starts from the beginning: this commit alone */
    assert_true(again <= step + 2);
    assert_true(again < pages / 4);
    int count = 0;
    assert_int_equal(
        vinn_store_customer_list(other, f->a.id, "L", 10000, count_customer, &count, NULL),
        VINN_OK);
    assert_int_equal(count, 1800);
    vinn_store_close(other);
    assert_true(vinn_store_auto_checkpoint(f->store, true));
}

/* The audit log's objects, in order, joined by spaces. */
static vinn_err audit_seen(void *ctx, const struct vinn_audit_record *r)
{
    char *seen = ctx;
    size_t n = strlen(seen);
    snprintf(seen + n, 256 - n, "%s%s", n > 0 ? " " : "", r->object);
    return VINN_OK;
}

static void audit_expect(struct fixture *f, const char *objects)
{
    char seen[256] = "";
    assert_int_equal(vinn_store_audit(f->store, f->a.id, 0, 100, audit_seen, seen, NULL), VINN_OK);
    assert_string_equal(seen, objects);
}

static void audit_write(struct fixture *f, const char *object)
{
    struct vinn_audit_record r;
    memset(&r, 0, sizeof(r));
    r.at_us = 7;
    r.key_id = 3;
    snprintf(r.method, sizeof(r.method), "POST");
    snprintf(r.route, sizeof(r.route), "/v1/invoices");
    snprintf(r.object, sizeof(r.object), "%s", object);
    r.status = 201;
    assert_int_equal(vinn_store_audit_insert(f->store, f->a.id, &r, NULL), VINN_OK);
}

/* An audit row is written with its transaction and undone with it or with
 * its savepoint, whenever the backend sends it (PostgreSQL holds it back
 * for the next statement). One that cannot be written fails its
 * transaction by the commit at the latest, saying what failed; in a light
 * batch the store is then broken, and the writer runs the batch again with
 * savepoints. */
static void test_audit_with_its_transaction(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    audit_write(f, "one");
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    audit_write(f, "two");
    vinn_store_rollback(f->store);
    audit_expect(f, "one");

    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    audit_write(f, "three");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK); /* a savepoint */
    audit_write(f, "four");
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    audit_write(f, "five");
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    audit_write(f, "six");
    audit_expect(f, "one three five six"); /* read in the transaction: held ones are sent */
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    audit_expect(f, "one three five six");

    /* the next audit id is taken already */
    char sql[160];
    snprintf(sql, sizeof(sql),
             "INSERT INTO audit_log (tenant_id, audit_id, at, key_id, method, route, object, "
             "status) VALUES (%lld, 5, 1, 0, 'GET', '/', 'planted', 200)",
             (long long)f->a.id);
    exec_outside(f, sql);
    bool light = vinn_store_light(f->store, true);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK); /* a light level */
    struct vinn_audit_record r;
    memset(&r, 0, sizeof(r));
    snprintf(r.object, sizeof(r.object), "seven");
    vinn_err rc = vinn_store_audit_insert(f->store, f->a.id, &r, &e);
    if (rc == VINN_OK) {
        rc = vinn_store_commit(f->store, &e); /* the level */
    }
    if (rc == VINN_OK) {
        rc = vinn_store_commit(f->store, &e);
    }
    /* SQLite names the constraint (already exists); PostgreSQL gets it
     * with a later statement and calls it a storage failure */
    assert_true(rc == (pg_url == NULL ? VINN_E_EXISTS : VINN_E_STORE));
    assert_int_equal(r.id, 5);
    assert_non_null(strstr(e.message, "writing the audit log"));
    if (pg_url != NULL) { /* failed in the commit's pipeline: the light batch cannot stand */
        assert_true(light);
        assert_true(vinn_store_broken(f->store));
        assert_int_equal(vinn_store_txn_depth(f->store), 1);
    } else { /* failed at once, the transaction still usable */
        assert_int_equal(vinn_store_txn_depth(f->store), 2);
    }
    while (vinn_store_txn_depth(f->store) > 0) {
        vinn_store_rollback(f->store);
    }
    vinn_store_light(f->store, false);
    audit_expect(f, "one three five six planted");
}

/* One write of another connection, in its own transaction. */
enum other_write { OTHER_SETTING, OTHER_POLICY, OTHER_POLICY_DELETE, OTHER_WEBHOOK,
                   OTHER_WEBHOOK_REVOKE, OTHER_CUSTOMER };

static void other_writes(struct fixture *f, struct vinn_store *other, enum other_write what)
{
    assert_int_equal(vinn_store_begin(other, NULL), VINN_OK);
    struct vinn_policy_record p = {"gentle", 10, "{}", 1};
    struct vinn_webhook w;
    memset(&w, 0, sizeof(w));
    snprintf(w.url, sizeof(w.url), "http://127.0.0.1:9/hook");
    snprintf(w.secret, sizeof(w.secret), "whsec_x");
    snprintf(w.events, sizeof(w.events), "*");
    struct vinn_customer c = customer("CE");
    vinn_err rc = VINN_OK;
    switch (what) {
    case OTHER_SETTING: {
        static int value = 70;
        char text[8];
        snprintf(text, sizeof(text), "%d", ++value);
        rc = vinn_store_setting_put(other, f->a.id, "match_threshold", text, NULL);
        break;
    }
    case OTHER_POLICY:
        rc = vinn_store_policy_put(other, f->a.id, &p, NULL);
        break;
    case OTHER_POLICY_DELETE:
        rc = vinn_store_policy_delete(other, f->a.id, "gentle", NULL);
        break;
    case OTHER_WEBHOOK:
        rc = vinn_store_webhook_insert(other, f->b.id, &w, NULL);
        break;
    case OTHER_WEBHOOK_REVOKE:
        rc = vinn_store_webhook_revoke(other, f->b.id, 1, 5, NULL);
        break;
    case OTHER_CUSTOMER:
        rc = vinn_store_customer_insert(other, f->a.id, &c, NULL);
        break;
    }
    assert_int_equal(rc, VINN_OK);
    assert_int_equal(vinn_store_commit(other, NULL), VINN_OK);
}

/* Whether another connection changed what a connection keeps (settings,
 * policies, webhooks) since it last asked: each such change is seen once,
 * inside a transaction as its BEGIN found it, outside one as it is now; a
 * rolled-back change is none. SQLite sees any other commit (data_version);
 * PostgreSQL only those (config_version). */
static void test_changed_elsewhere(void **state)
{
    struct fixture *f = *state;
    struct vinn_store *other = NULL;
    assert_int_equal(vinn_store_open(f->url, false, &other, NULL), VINN_OK);
    assert_true(vinn_store_changed_elsewhere(f->store)); /* the first time */
    assert_false(vinn_store_changed_elsewhere(f->store));
    const enum other_write writes[] = {OTHER_SETTING, OTHER_POLICY, OTHER_POLICY_DELETE,
                                       OTHER_WEBHOOK, OTHER_WEBHOOK_REVOKE};
    for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
        other_writes(f, other, writes[i]);
        assert_true(vinn_store_changed_elsewhere(f->store));
        assert_false(vinn_store_changed_elsewhere(f->store));
    }
    other_writes(f, other, OTHER_CUSTOMER);
    assert_true(vinn_store_changed_elsewhere(f->store) == (pg_url == NULL));

    /* inside a transaction: as its BEGIN found it */
    other_writes(f, other, OTHER_SETTING);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    if (pg_url != NULL) {
        other_writes(f, other, OTHER_POLICY); /* after the BEGIN */
    }
    assert_true(vinn_store_changed_elsewhere(f->store));
    assert_false(vinn_store_changed_elsewhere(f->store));
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    if (pg_url != NULL) {
        assert_true(vinn_store_changed_elsewhere(f->store)); /* the one after the BEGIN */
    }
    assert_false(vinn_store_changed_elsewhere(f->store));

    /* a change rolled back moves nothing */
    assert_int_equal(vinn_store_begin(other, NULL), VINN_OK);
    assert_int_equal(vinn_store_setting_put(other, f->a.id, "match_threshold", "90", NULL),
                     VINN_OK);
    vinn_store_rollback(other);
    assert_false(vinn_store_changed_elsewhere(f->store));
    vinn_store_close(other);
}

static void test_api_keys(void **state)
{
    struct fixture *f = *state;
    struct vinn_api_key k;
    memset(&k, 0, sizeof(k));
    k.tenant_id = f->a.id;
    snprintf(k.public_id, sizeof(k.public_id), "0123456789abcdef");
    memset(k.hash, 7, sizeof(k.hash));
    k.scopes = 3;
    snprintf(k.name, sizeof(k.name), "shop");
    k.created_at_us = 42;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_key_insert(f->store, &k, NULL), VINN_OK);
    assert_int_equal(vinn_store_key_insert(f->store, &k, NULL), VINN_E_EXISTS);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_key_insert(f->store, &k, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    struct vinn_api_key got;
    assert_int_equal(vinn_store_key_find(f->store, "0123456789abcdef", &got, NULL), VINN_OK);
    assert_int_equal(got.tenant_id, f->a.id);
    assert_string_equal(got.tenant_name, "alpha");
    assert_memory_equal(got.hash, k.hash, sizeof(k.hash));
    assert_int_equal(got.scopes, 3);
    assert_string_equal(got.name, "shop");
    assert_int_equal(got.revoked_at_us, 0);
    assert_int_equal(vinn_store_key_find(f->store, "fedcba9876543210", &got, NULL),
                     VINN_E_KEY_NOT_FOUND);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_key_revoke(f->store, f->b.id, "0123456789abcdef", 99, NULL),
                     VINN_E_KEY_NOT_FOUND); /* another tenant's key */
    assert_int_equal(vinn_store_key_revoke(f->store, f->a.id, "0123456789abcdef", 99, NULL),
                     VINN_OK);
    assert_int_equal(vinn_store_key_revoke(f->store, f->a.id, "0123456789abcdef", 100, NULL),
                     VINN_E_KEY_NOT_FOUND); /* revoked already */
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_key_find(f->store, "0123456789abcdef", &got, NULL), VINN_OK);
    assert_int_equal(got.revoked_at_us, 99);
}

static void test_idempotency_store(void **state)
{
    struct fixture *f = *state;
    unsigned char h[VINN_KEY_HASH_LEN];
    memset(h, 9, sizeof(h));
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_idem_put(f->store, f->a.id, "k-1", h, 201, "{\"a\":1}", 7, 5, NULL),
                     VINN_OK);
    assert_int_equal(vinn_store_idem_put(f->store, f->a.id, "k-1", h, 201, "{}", 2, 6, NULL),
                     VINN_E_EXISTS);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_idem_put(f->store, f->a.id, "k-1", h, 201, "{\"a\":1}", 7, 5, NULL),
                     VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    bool found = false;
    struct vinn_idem_record rec;
    assert_int_equal(vinn_store_idem_get(f->store, f->a.id, "k-1", &found, &rec, NULL), VINN_OK);
    assert_true(found);
    assert_int_equal(rec.status, 201);
    assert_string_equal(rec.body, "{\"a\":1}");
    assert_int_equal(rec.body_len, 7);
    assert_memory_equal(rec.request_hash, h, sizeof(h));
    free(rec.body);
    assert_int_equal(vinn_store_idem_get(f->store, f->b.id, "k-1", &found, &rec, NULL), VINN_OK);
    assert_false(found); /* keys are per tenant */
}

static vinn_err delivery_keep(void *ctx, const struct vinn_delivery *d)
{
    struct vinn_delivery *out = ctx;
    *out = *d;
    out->event.data = NULL;
    out->response_status++; /* counts the rows through event_id 0 below */
    return VINN_OK;
}

static void test_webhook_deliveries(void **state)
{
    struct fixture *f = *state;
    struct vinn_webhook w;
    memset(&w, 0, sizeof(w));
    snprintf(w.url, sizeof(w.url), "http://127.0.0.1:9/hook");
    snprintf(w.secret, sizeof(w.secret), "whsec_x");
    snprintf(w.events, sizeof(w.events), "*");
    struct vinn_event e;
    memset(&e, 0, sizeof(e));
    snprintf(e.type, sizeof(e.type), "invoice.created");
    snprintf(e.object, sizeof(e.object), "invoice 1");
    e.data = "{\"number\":\"1\"}";
    e.created_at_us = 1000;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_webhook_insert(f->store, f->a.id, &w, NULL), VINN_OK);
    assert_int_equal(vinn_store_event_insert(f->store, f->a.id, &e, &w.id, 1, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    struct vinn_delivery d;
    memset(&d, 0, sizeof(d));
    assert_int_equal(vinn_store_deliveries_due(f->store, f->a.id, 999, 10, delivery_keep, &d, NULL),
                     VINN_OK);
    assert_int_equal(d.response_status, 0); /* not due before the event */
    assert_int_equal(
        vinn_store_deliveries_due(f->store, f->a.id, 1000, 10, delivery_keep, &d, NULL), VINN_OK);
    assert_int_equal(d.response_status, 1);
    assert_int_equal(d.event_id, e.id);
    assert_string_equal(d.url, "http://127.0.0.1:9/hook");
    assert_string_equal(d.secret, "whsec_x");
    assert_string_equal(d.event.type, "invoice.created");
    assert_int_equal(d.status, VINN_DELIVERY_QUEUED);
    d.attempts = 1;
    d.next_attempt_at_us = 61000000;
    d.response_status = 503;
    snprintf(d.last_error, sizeof(d.last_error), "busy");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_delivery_update(f->store, f->a.id, &d, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    struct vinn_delivery later;
    memset(&later, 0, sizeof(later));
    assert_int_equal(
        vinn_store_deliveries_due(f->store, f->a.id, 2000, 10, delivery_keep, &later, NULL),
        VINN_OK);
    assert_int_equal(later.response_status, 0); /* waits for its retry */
    assert_int_equal(
        vinn_store_deliveries_due(f->store, f->b.id, 99000000, 10, delivery_keep, &later, NULL),
        VINN_OK);
    assert_int_equal(later.response_status, 0); /* another tenant sees none */
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_webhook_revoke(f->store, f->a.id, w.id, 5, NULL), VINN_OK);
    assert_int_equal(vinn_store_webhook_revoke(f->store, f->a.id, w.id, 6, NULL),
                     VINN_E_WEBHOOK_NOT_FOUND);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    memset(&later, 0, sizeof(later));
    assert_int_equal(vinn_store_deliveries(f->store, f->a.id, e.id, 10, delivery_keep, &later, NULL),
                     VINN_OK);
    assert_int_equal(later.status, VINN_DELIVERY_FAILED);
    assert_string_equal(later.last_error, "the webhook was deleted");
}

/* The customer's stated channel and direct debit and the invoice's sale
 * channel go in and come back out, by ext id, by id and in lists; a
 * customer without them reads back as none. */
static void test_channels_round_trip(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c = customer("CH1");
    snprintf(c.channel, sizeof(c.channel), "sms");
    c.direct_debit = true;
    struct vinn_customer plain = customer("CH2");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &plain, NULL), VINN_OK);
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    assert_int_equal(vinn_store_next_id(f->store, f->a.id, VINN_SEQ_INVOICE, &inv.id, NULL),
                     VINN_OK);
    inv.customer_id = c.id;
    snprintf(inv.number, sizeof(inv.number), "S-1");
    memcpy(inv.currency, "NOK", 4);
    inv.gross_minor = inv.outstanding_minor = inv.net_minor = 100;
    inv.next_action = VINN_NO_DAY;
    snprintf(inv.sale_channel, sizeof(inv.sale_channel), "pos");
    assert_int_equal(vinn_store_invoice_insert(f->store, f->a.id, &inv, NULL, 0, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);

    struct vinn_customer got;
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "CH1", &got, NULL), VINN_OK);
    assert_string_equal(got.channel, "sms");
    assert_true(got.direct_debit);
    assert_int_equal(vinn_store_customer_get_by_id(f->store, f->a.id, plain.id, &got, NULL),
                     VINN_OK);
    assert_string_equal(got.channel, "");
    assert_false(got.direct_debit);
    struct vinn_invoice read;
    assert_int_equal(vinn_store_invoice_get(f->store, f->a.id, "S-1", &read, NULL), VINN_OK);
    assert_string_equal(read.sale_channel, "pos");
    assert_int_equal(vinn_store_invoice_get_by_id(f->store, f->a.id, inv.id, &read, NULL),
                     VINN_OK);
    assert_string_equal(read.sale_channel, "pos");
}

struct sent_letters {
    int64_t ids[8];
    char numbers[8][VINN_INVOICE_NUMBER_MAX + 1];
    size_t count;
};

static vinn_err letter_seen(void *ctx, const struct vinn_outbox_item *item)
{
    struct sent_letters *s = ctx;
    assert_true(s->count < 8);
    s->ids[s->count] = item->message.id;
    snprintf(s->numbers[s->count], sizeof(s->numbers[0]), "%s", item->invoice_number);
    s->count++;
    return VINN_OK;
}

/* A message of the invoice on day, on channel, sent at sent_at_us (0:
 * left queued). */
static int64_t message_add(struct fixture *f, int64_t tenant_id, const struct vinn_invoice *inv,
                           enum vinn_channel channel, vinn_day day, int64_t sent_at_us)
{
    static int key;
    struct vinn_message m;
    memset(&m, 0, sizeof(m));
    snprintf(m.idem_key, sizeof(m.idem_key), "test:%d", ++key);
    m.invoice_id = inv->id;
    m.customer_id = inv->customer_id;
    snprintf(m.kind, sizeof(m.kind), "invoice");
    memcpy(m.lang, "nb", 3);
    m.channel = channel;
    m.day = day;
    m.deadline = VINN_NO_DAY;
    memcpy(m.currency, "NOK", 4);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_message_insert(f->store, tenant_id, &m, NULL), VINN_OK);
    if (sent_at_us > 0) {
        memcpy(m.status, "sent", 5);
        m.attempts = 1;
        m.sent_at_us = sent_at_us;
        assert_int_equal(vinn_store_message_attempt(f->store, tenant_id, &m, "ok", NULL), VINN_OK);
    }
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    return m.id;
}

static struct vinn_invoice invoice_of(struct fixture *f, int64_t tenant_id, const char *number)
{
    struct vinn_customer c = customer(number);
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, tenant_id, &c, NULL), VINN_OK);
    assert_int_equal(vinn_store_next_id(f->store, tenant_id, VINN_SEQ_INVOICE, &inv.id, NULL),
                     VINN_OK);
    inv.customer_id = c.id;
    snprintf(inv.number, sizeof(inv.number), "%s", number);
    memcpy(inv.currency, "NOK", 4);
    inv.gross_minor = inv.outstanding_minor = inv.net_minor = 100;
    inv.next_action = VINN_NO_DAY;
    assert_int_equal(vinn_store_invoice_insert(f->store, tenant_id, &inv, NULL, 0, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    return inv;
}

/* The print batch's queries: the days of the sent letters, and a day's
 * sent letters by id, of one channel and one tenant only. */
static void test_sent_letters_by_day(void **state)
{
    struct fixture *f = *state;
    struct vinn_invoice a = invoice_of(f, f->a.id, "P-1");
    struct vinn_invoice b = invoice_of(f, f->b.id, "Q-1");
    const vinn_day d1 = 20500;
    const vinn_day d2 = 20503;
    int64_t first = message_add(f, f->a.id, &a, VINN_CHANNEL_LETTER, d1, 1000);
    message_add(f, f->a.id, &a, VINN_CHANNEL_EMAIL, d1, 1000);  /* another channel */
    message_add(f, f->a.id, &a, VINN_CHANNEL_LETTER, d1, 0);    /* not sent */
    message_add(f, f->b.id, &b, VINN_CHANNEL_LETTER, d2 + 1, 1000); /* another tenant */
    int64_t later = message_add(f, f->a.id, &a, VINN_CHANNEL_LETTER, d2, 3000);
    int64_t second = message_add(f, f->a.id, &a, VINN_CHANNEL_LETTER, d1, 2000);

    vinn_day days[4];
    uint32_t count = 0;
    assert_int_equal(vinn_store_message_days_sent(f->store, f->a.id, VINN_CHANNEL_LETTER, 0, days,
                                                  4, &count, NULL),
                     VINN_OK);
    assert_int_equal(count, 2);
    assert_int_equal(days[0], d1);
    assert_int_equal(days[1], d2);
    assert_int_equal(vinn_store_message_days_sent(f->store, f->a.id, VINN_CHANNEL_LETTER, 2500,
                                                  days, 4, &count, NULL),
                     VINN_OK);
    assert_int_equal(count, 1); /* only the letters sent at or after 2500 */
    assert_int_equal(days[0], d2);
    assert_int_equal(vinn_store_message_days_sent(f->store, f->a.id, VINN_CHANNEL_LETTER, 0, days,
                                                  1, &count, NULL),
                     VINN_OK);
    assert_int_equal(count, 1); /* at most days_max */

    struct sent_letters s = {0};
    assert_int_equal(vinn_store_messages_sent_on(f->store, f->a.id, VINN_CHANNEL_LETTER, d1, 0, 10,
                                                 letter_seen, &s, NULL),
                     VINN_OK);
    assert_int_equal(s.count, 2);
    assert_int_equal(s.ids[0], first);
    assert_int_equal(s.ids[1], second);
    assert_string_equal(s.numbers[0], "P-1");
    memset(&s, 0, sizeof(s));
    assert_int_equal(vinn_store_messages_sent_on(f->store, f->a.id, VINN_CHANNEL_LETTER, d1,
                                                 first, 1, letter_seen, &s, NULL),
                     VINN_OK);
    assert_int_equal(s.count, 1); /* after an id, at most limit */
    assert_int_equal(s.ids[0], second);
    memset(&s, 0, sizeof(s));
    assert_int_equal(vinn_store_messages_sent_on(f->store, f->a.id, VINN_CHANNEL_LETTER, d2, 0, 10,
                                                 letter_seen, &s, NULL),
                     VINN_OK);
    assert_int_equal(s.count, 1);
    assert_int_equal(s.ids[0], later);
    memset(&s, 0, sizeof(s));
    assert_int_equal(vinn_store_messages_sent_on(f->store, f->b.id, VINN_CHANNEL_LETTER, d1, 0, 10,
                                                 letter_seen, &s, NULL),
                     VINN_OK);
    assert_int_equal(s.count, 0); /* tenants apart */
}

/* A database no vinn has migrated is not initialised; a duplicate tenant
 * name is refused. */
/* A customer read or added once is not read again (customers never
 * change); what a transaction added and undid is never found, not even by
 * a read later in the same transaction; one tenant's customer is not
 * another's of the same id; many customers (more than the cache's slots)
 * all read back right. */
static void test_customers_kept(void **state)
{
    struct fixture *f = *state;
    struct vinn_customer c1 = customer("K1");
    struct vinn_customer got;
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c1, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K1", &got, NULL), VINN_OK);
    assert_int_equal(got.id, c1.id);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    /* behind the store's back (no statement of vinn does this): the name
     * kept is the one read, so the store asked nothing */
    exec_outside(f, "UPDATE customers SET name = 'Changed' WHERE ext_id = 'K1'");
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K1", &got, NULL), VINN_OK);
    assert_string_equal(got.name, "Name of K1");

    /* added at a savepoint that is rolled back: gone at once */
    struct vinn_customer c2 = customer("K2");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->a.id, &c2, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K2", &got, NULL), VINN_OK);
    vinn_store_rollback(f->store);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K2", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K2", &got, NULL),
                     VINN_E_CUSTOMER_NOT_FOUND);

    /* the same id in the other tenant is that tenant's customer */
    struct vinn_customer b1 = customer("K1");
    snprintf(b1.name, sizeof(b1.name), "Beta's K1");
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_insert(f->store, f->b.id, &b1, NULL), VINN_OK);
    assert_int_equal(vinn_store_commit(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_customer_get(f->store, f->b.id, "K1", &got, NULL), VINN_OK);
    assert_string_equal(got.name, "Beta's K1");
    assert_int_equal(vinn_store_customer_get(f->store, f->a.id, "K1", &got, NULL), VINN_OK);
    assert_string_equal(got.name, "Name of K1");

    /* 2,000 customers: slots are shared and taken over */
    customers_added(f, "M", 2000);
    for (int round = 0; round < 2; round++) {
        for (int i = 1999; i >= 0; i--) {
            char ext[16];
            snprintf(ext, sizeof(ext), "M%04d", i);
            assert_int_equal(vinn_store_customer_get(f->store, f->a.id, ext, &got, NULL), VINN_OK);
            assert_string_equal(got.ext_id, ext);
            assert_int_equal(got.id, c1.id + 1 + i); /* K2's id was given again */
        }
    }
}

static void test_fresh_database_not_initialised(void **state)
{
    struct fixture *f = *state;
    struct fixture fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh_url(&fresh);
    struct vinn_store *s = NULL;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_open(fresh.url, true, &s, NULL), VINN_OK);
    assert_int_equal(vinn_store_ready(s, &e), VINN_E_STORE_NOT_INITIALISED);
    vinn_store_close(s);
    drop_fresh(&fresh);
    struct vinn_tenant again = tenant("alpha");
    vinn_error_clear(&e);
    assert_int_equal(vinn_store_begin(f->store, NULL), VINN_OK);
    assert_int_equal(vinn_store_tenant_insert(f->store, &again, &e), VINN_E_TENANT_EXISTS);
    vinn_store_rollback(f->store);
    struct vinn_tenant got;
    assert_int_equal(vinn_store_tenant_get(f->store, "beta", &got, NULL), VINN_OK);
    assert_int_equal(got.id, f->b.id);
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "sqlite") != 0 && strcmp(argv[1], "postgres") != 0)) {
        fprintf(stderr, "usage: test_store sqlite|postgres\n");
        return 2;
    }
    if (strcmp(argv[1], "postgres") == 0) {
        pg_url = getenv("VINN_TEST_PG_URL");
        if (pg_url == NULL || pg_url[0] == '\0') {
            fprintf(stderr, "VINN_TEST_PG_URL is not set (tools/pg.sh run sets it): skipped\n");
            return 77;
        }
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_again_and_ready, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fresh_database_not_initialised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_per_tenant_and_isolation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sequences_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sequences_of_many_tenants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_7, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invoices_ledger_and_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invoice_number_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invoice_lines_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_payments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_balances_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_after_invoice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_savepoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_customers_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_light_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadline_sqlite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadline_waiting_sqlite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counters_locked_together, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_with_its_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_elsewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_api_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_webhook_deliveries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_channels_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sent_letters_by_day, setup, teardown),
    };
    return cmocka_run_group_tests_name(argv[1], tests, NULL, NULL);
}
