/*
 * bench_dayrun - the day run over a large open book, against a bare
 * baseline in the same run on the same database: the indexed select of the
 * same due rows plus one inserted action row per due invoice, in one
 * transaction.
 *
 * The book: N open invoices of 10,000 customers (rows written with SQL, one
 * principal posting each) in twenty cohorts issued together; one cohort, 5 %
 * of the book, is at its first fee-bearing reminder today (fee, interest, a
 * queued letter, the case), the rest are due later.
 *
 * Prints one line:
 *   bench day_run: D items, X items/s, ratio R vs indexed_select_insert, book N
 * where D is the invoices due today and R = our time / baseline time.
 *
 * Usage: bench_dayrun [N] [DIR] [DUE]   (default 1000000, $TMPDIR or /tmp,
 * N / 20): DUE fixes the invoices due today whatever the size of the book,
 * to show the run's time follows what is due, not what is open.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"

enum { CUSTOMERS = 10000, DUE_EVERY = 20 /* 5 % */ };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_dayrun: %s: %s\n", what, msg ? msg : "failed");
    exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        die(sql, msg);
    }
}

/* The book, written straight into the schema vinn made. */
static void book(const char *path, long n, long cohort, vinn_day today)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        die("open", sqlite3_errmsg(db));
    }
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; BEGIN");
    char sql[2048];
    snprintf(sql, sizeof(sql),
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
             "INSERT INTO customers (tenant_id, customer_id, ext_id, name, country, lang, kind, "
             "email, created_at, name_key) SELECT 1, i, printf('C%%06d', i), printf('Kunde %%d', "
             "i), 'NO', 'nb', 'person', printf('k%%d@example.no', i), 0, printf('kunde %%d', i) "
             "FROM k",
             CUSTOMERS);
    exec(db, sql);
    /* The book is twenty cohorts of invoices issued together (consecutive
     * ids, as a merchant's invoices are); cohort 10 is due today at its
     * first reminder (due date today - 14, a Monday minus two weeks), the
     * others are due on days ahead, their first action 3 days before. With
     * DUE given, cohorts are DUE invoices each (a larger book, the same day). */
    snprintf(sql, sizeof(sql),
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %ld) "
             "INSERT INTO invoices (tenant_id, invoice_id, number, kind, status, customer_id, "
             "currency, issue_date, due_date, net_minor, vat_minor, gross_minor, "
             "outstanding_minor, credited_minor, reference, original_id, lines_count, "
             "created_at, next_action) SELECT 1, i, printf('INV-%%08d', i), 'invoice', 'open', "
             "1 + i %% %d, 'NOK', %d, CASE WHEN (i - 1) / %ld = 10 THEN %d ELSE %d + (i - 1) / "
             "%ld END, 100000, 25000, 125000, 125000, 0, printf('R%%d', i), 0, 1, 0, "
             "CASE WHEN (i - 1) / %ld = 10 THEN %d ELSE %d + (i - 1) / %ld END FROM k",
             n, CUSTOMERS, today - 30, cohort, today - 14, today + 7, cohort, cohort, today,
             today + 4, cohort);
    exec(db, sql);
    snprintf(sql, sizeof(sql),
             "INSERT INTO postings (tenant_id, txn_id, seq, account_kind, customer_id, "
             "invoice_id, currency, amount_minor) SELECT 1, invoice_id, 1, 1, customer_id, "
             "invoice_id, 'NOK', 125000 FROM invoices");
    exec(db, sql);
    snprintf(sql, sizeof(sql),
             "INSERT INTO counters (tenant_id, name, value) VALUES (1, 'invoice', %ld), "
             "(1, 'txn', %ld), (1, 'customer', %d)",
             n, n, CUSTOMERS);
    exec(db, sql);
    exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
}

/* The bare baseline: the indexed select of the due rows, one action row
 * inserted for each, one transaction, durable commit. */
static double baseline(const char *path, vinn_day today, long *rows)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        die("open", sqlite3_errmsg(db));
    }
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
             "CREATE TABLE IF NOT EXISTS bench_actions (tenant_id BIGINT NOT NULL, invoice_id "
             "BIGINT NOT NULL, day INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY "
             "(tenant_id, invoice_id, day)) WITHOUT ROWID");
    double t0 = now_s();
    exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *sel = NULL;
    sqlite3_stmt *ins = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT invoice_id, outstanding_minor, due_date FROM invoices WHERE "
                           "tenant_id = 1 AND next_action IS NOT NULL AND next_action <= ?",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO bench_actions VALUES (1, ?, ?, 'reminder')", -1,
                           &ins, NULL) != SQLITE_OK) {
        die("prepare", sqlite3_errmsg(db));
    }
    sqlite3_bind_int(sel, 1, today);
    long count = 0;
    while (sqlite3_step(sel) == SQLITE_ROW) {
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
        sqlite3_bind_int(ins, 2, today);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            die("insert", sqlite3_errmsg(db));
        }
        sqlite3_reset(ins);
        count++;
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    exec(db, "COMMIT");
    double t = now_s() - t0;
    exec(db, "DROP TABLE bench_actions");
    sqlite3_close(db);
    *rows = count;
    return t;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    const char *dir = argc > 2 ? argv[2] : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    long cohort = argc > 3 ? atol(argv[3]) : n / DUE_EVERY;
    if (n < DUE_EVERY || cohort < 1 || cohort * 11 > n) {
        die("N", "at least 20 invoices, and DUE at most N / 11");
    }
    char path[512];
    snprintf(path, sizeof(path), "%s/bench-dayrun-%ld.db", dir, (long)getpid());
    unlink(path);
    vinn_day today = vinn_day_from_civil(2026, 3, 2); /* a Monday */
    struct vinn_app app;
    struct vinn_error e;
    vinn_error_clear(&e);
    int from = 0;
    struct vinn_tenant t;
    struct vinn_tenant_input in = {"bench", "NO", "NOK", NULL, NULL, NULL, "kid10", 14};
    if (vinn_app_open(&app, path, true, today, 0, &e) != VINN_OK ||
        vinn_app_init(&app, &from, &e) != VINN_OK || vinn_app_tenant_add(&app, &in, &t, &e)) {
        die("setup", e.message);
    }
    vinn_app_close(&app);
    book(path, n, cohort, today);

    long due = 0;
    double base = baseline(path, today, &due);
    if (vinn_app_open(&app, path, false, today, 0, &e) != VINN_OK) {
        die("open", e.message);
    }
    struct vinn_day_summary s;
    double t0 = now_s();
    if (vinn_app_day_run(&app, &t, &s, &e) != VINN_OK) {
        die("run", e.message);
    }
    double ours = now_s() - t0;
    vinn_app_close(&app);
    if (s.invoices_considered != due || s.reminders != due) {
        fprintf(stderr, "bench_dayrun: %lld considered, %lld reminders, %ld due\n",
                s.invoices_considered, s.reminders, due);
        return 1;
    }
    printf("bench day_run: %ld items, %.0f items/s, ratio %.2f vs indexed_select_insert, "
           "book %ld open invoices, %.2f s\n",
           due, (double)due / ours, ours / base, n, ours);
    char side[600];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    return 0;
}
