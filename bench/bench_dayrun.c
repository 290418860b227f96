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
 * Prints two lines:
 *   bench day_run: D items, X items/s, ratio R vs indexed_select_insert, book N
 *   bench day_run_rows_floor: D items, X items/s, ratio R vs indexed_select_insert
 * where D is the invoices due today and R = a time / the baseline's time. The
 * second is the floor of the run's storage: bare prepared statements writing
 * the rows one reminder must write (the case, the step, the letter, the
 * ledger transaction and its four postings, the invoice, the two customer
 * accounts), on a copy of the same book, committed the same way.
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

/* ---- the storage floor ---------------------------------------------------- */

enum floor_stmt { FL_DUE, FL_OWED, FL_CASE, FL_STEP, FL_MSG, FL_TXN, FL_POST, FL_INV, FL_ACC, FL_N };

static const char *const floor_sql[FL_N] = {
    [FL_DUE] = "SELECT invoice_id, customer_id, outstanding_minor FROM invoices WHERE tenant_id = 1 "
               "AND next_action IS NOT NULL AND next_action <= ?1 ORDER BY next_action, "
               "invoice_id LIMIT 2048",
    [FL_OWED] = "SELECT account_kind, SUM(amount_minor) FROM postings WHERE tenant_id = 1 AND "
                "invoice_id = ?1 AND invoice_id <> 0 AND account_kind BETWEEN 1 AND 3 GROUP BY "
                "account_kind",
    [FL_CASE] = "INSERT OR REPLACE INTO cases (tenant_id, invoice_id, policy, state, step_index, "
                "steps_taken, fee_letters, last_step_day, last_fee_day, last_fee_deadline, "
                "last_fee_deadline_days, notice_deadline, compensation_claimed, "
                "interest_through, updated_at) VALUES (1, ?1, 'default-no-person', 'active', 2, "
                "1, 1, ?2, ?2, ?2 + 14, 14, NULL, 0, ?2, 0)",
    [FL_STEP] = "INSERT INTO case_steps VALUES (1, ?1, 1, ?2, 'reminder', 0, 3500, 0, 599, "
                "?2 + 14, 'friendly', 'email', 0, 129099, ?1, ?2)",
    [FL_MSG] = "INSERT INTO messages (tenant_id, message_id, idem_key, invoice_id, customer_id, "
               "kind, lang, tone, channel, recipient, day, deadline, currency, principal_minor, "
               "fees_minor, interest_minor, total_minor, status, created_at) VALUES (1, ?1, "
               "'step:' || ?1 || ':1', ?1, ?3, 'reminder', 'nb', 'friendly', 'email', "
               "'k@example.no', ?2, ?2 + 14, 'NOK', 125000, 3500, 599, 129099, 'queued', 0)",
    [FL_TXN] = "INSERT INTO ledger_txns VALUES (1, ?1 + 100000000, 'dunning', 'dun:' || ?1 || ':1', "
               "?2, 'NOK', ?1, 0)",
    [FL_POST] = "INSERT INTO postings VALUES (1, ?1 + 100000000, 1, 2, ?3, ?1, 'NOK', 3500), "
                "(1, ?1 + 100000000, 2, 13, 0, 0, 'NOK', -3500), (1, ?1 + 100000000, 3, 3, ?3, "
                "?1, 'NOK', 599), (1, ?1 + 100000000, 4, 14, 0, 0, 'NOK', -599)",
    [FL_INV] = "UPDATE invoices SET outstanding_minor = outstanding_minor + 4099, status = 'open', "
               "next_action = ?2 + 21 WHERE tenant_id = 1 AND invoice_id = ?1",
    [FL_ACC] = "INSERT INTO accounts VALUES (1, ?3, ?4, 'NOK', ?5) ON CONFLICT (tenant_id, "
               "customer_id, kind, currency) DO UPDATE SET balance_minor = balance_minor + "
               "excluded.balance_minor",
};

static void floor_step(sqlite3 *db, sqlite3_stmt *st, int want)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && want == SQLITE_DONE) {
    }
    if (rc != want && !(want == SQLITE_ROW && rc == SQLITE_DONE)) {
        die("floor", sqlite3_errmsg(db));
    }
    sqlite3_reset(st);
}

static double rows_floor(const char *path, vinn_day today)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st[FL_N];
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        die("open", sqlite3_errmsg(db));
    }
    exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
             "PRAGMA cache_size = -65536");
    for (int i = 0; i < FL_N; i++) {
        if (sqlite3_prepare_v3(db, floor_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st[i], NULL) !=
            SQLITE_OK) {
            die("floor prepare", sqlite3_errmsg(db));
        }
    }
    double t0 = now_s();
    for (;;) {
        exec(db, "BEGIN IMMEDIATE");
        int64_t ids[2048][2];
        int n = 0;
        sqlite3_bind_int(st[FL_DUE], 1, today);
        while (sqlite3_step(st[FL_DUE]) == SQLITE_ROW) {
            ids[n][0] = sqlite3_column_int64(st[FL_DUE], 0);
            ids[n][1] = sqlite3_column_int64(st[FL_DUE], 1);
            n++;
        }
        sqlite3_reset(st[FL_DUE]);
        for (int i = 0; i < n; i++) {
            for (int k = FL_OWED; k < FL_N; k++) {
                sqlite3_bind_int64(st[k], 1, ids[i][0]);
                if (k != FL_OWED) {
                    sqlite3_bind_int(st[k], 2, today);
                }
                if (k == FL_MSG || k == FL_POST || k == FL_ACC) {
                    sqlite3_bind_int64(st[k], 3, ids[i][1]);
                }
                if (k == FL_ACC) {
                    for (int a = 0; a < 2; a++) {
                        sqlite3_bind_int(st[k], 4, a == 0 ? 2 : 3);
                        sqlite3_bind_int(st[k], 5, a == 0 ? 3500 : 599);
                        floor_step(db, st[k], SQLITE_DONE);
                    }
                    continue;
                }
                floor_step(db, st[k], k == FL_OWED ? SQLITE_ROW : SQLITE_DONE);
            }
        }
        exec(db, "COMMIT");
        if (n < 2048) {
            break;
        }
    }
    double t = now_s() - t0;
    for (int i = 0; i < FL_N; i++) {
        sqlite3_finalize(st[i]);
    }
    sqlite3_close(db);
    return t;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    if (in == NULL || out == NULL) {
        die("copy", to);
    }
    static char buf[1 << 20];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) {
            die("copy", to);
        }
    }
    fclose(in);
    fclose(out);
}

static void remove_db(const char *path)
{
    char side[600];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
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
    char floor_path[600];
    snprintf(floor_path, sizeof(floor_path), "%s-floor", path);
    copy_file(path, floor_path);

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
    double floor = rows_floor(floor_path, today);
    printf("bench day_run: %ld items, %.0f items/s, ratio %.2f vs indexed_select_insert, "
           "book %ld open invoices, %.2f s\n",
           due, (double)due / ours, ours / base, n, ours);
    printf("bench day_run_rows_floor: %ld items, %.0f items/s, ratio %.2f vs "
           "indexed_select_insert (the rows a reminder writes, bare statements)\n",
           due, (double)due / floor, floor / base);
    remove_db(path);
    remove_db(floor_path);
    return 0;
}
