/*
 * bench_invoices - bulk invoice creation through the app layer, against a
 * bare baseline in the same run: plain prepared INSERTs of the same rows
 * (invoice, its lines, its ledger transaction and postings) into the same
 * schema in one SQLite transaction.
 *
 * Prints one line:
 *   bench invoice_create: N items, X items/s, ratio R vs sqlite_bare_inserts
 * where R = our time / baseline time (lower is better; target <= 3 at 1M).
 *
 * Usage: bench_invoices [N] [DIR]   (default 1000000, $TMPDIR or /tmp)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"

enum { CUSTOMERS = 10000, CHUNK = 10000, LINES = 2 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const struct vinn_error *e)
{
    fprintf(stderr, "bench_invoices: %s: %s\n", what, e ? e->message : "failed");
    exit(1);
}

static void db_path(char *out, size_t cap, const char *dir, const char *name)
{
    snprintf(out, cap, "%s/%s-%ld.db", dir, name, (long)getpid());
    char side[600];
    unlink(out);
    snprintf(side, sizeof(side), "%s-wal", out);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", out);
    unlink(side);
}

static void open_fresh(struct vinn_app *app, const char *path, struct vinn_tenant *t)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    int from = 0;
    vinn_day today = vinn_day_from_civil(2026, 11, 22);
    if (vinn_app_open(app, path, true, today, 0, &e) != VINN_OK ||
        vinn_app_init(app, &from, &e) != VINN_OK) {
        die("open", &e);
    }
    struct vinn_tenant_input in = {"bench", "NO", "NOK", NULL, NULL, NULL, "kid10", 14};
    if (vinn_app_tenant_add(app, &in, t, &e) != VINN_OK) {
        die("tenant", &e);
    }
}

static void customers_add(struct vinn_app *app, const struct vinn_tenant *t)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    char id[32];
    char name[64];
    for (int i = 1; i <= CUSTOMERS; i++) {
        snprintf(id, sizeof(id), "C%06d", i);
        snprintf(name, sizeof(name), "Kunde %d", i);
        struct vinn_customer_input in = {.id = id, .name = name, .country = "NO"};
        struct vinn_customer c;
        if (vinn_app_customer_add(app, t, &in, &c, &e) != VINN_OK) {
            die("customer", &e);
        }
    }
}

struct row {
    char number[24];
    char customer[16];
    struct vinn_line_input lines[LINES];
};

static void row_make(struct row *r, long i, vinn_day day)
{
    (void)day;
    snprintf(r->number, sizeof(r->number), "NO-%08ld", i);
    snprintf(r->customer, sizeof(r->customer), "C%06ld", 1 + (i * 7919) % CUSTOMERS);
    r->lines[0] = (struct vinn_line_input){"Månedsabonnement strøm", 1000, 49900 + i % 1000, 2500};
    r->lines[1] = (struct vinn_line_input){"Nettleie", 1500, 12050, 2500};
}

static double run_app(long n, const char *dir)
{
    char path[512];
    db_path(path, sizeof(path), dir, "bench-app");
    struct vinn_app app;
    struct vinn_tenant t;
    open_fresh(&app, path, &t);
    customers_add(&app, &t);
    struct row *rows = calloc(CHUNK, sizeof(*rows));
    struct vinn_invoice_input *in = calloc(CHUNK, sizeof(*in));
    struct vinn_error e;
    vinn_error_clear(&e);
    double start = now_s();
    for (long base = 0; base < n; base += CHUNK) {
        long k = n - base < CHUNK ? n - base : CHUNK;
        for (long j = 0; j < k; j++) {
            row_make(&rows[j], base + j + 1, app.today);
            in[j] = (struct vinn_invoice_input){.number = rows[j].number,
                                                .customer = rows[j].customer,
                                                .due_days = -1,
                                                .lines = rows[j].lines,
                                                .lines_count = LINES};
        }
        if (vinn_app_invoice_create_many(&app, &t, in, (size_t)k, NULL, &e) != VINN_OK) {
            die("invoice", &e);
        }
    }
    double took = now_s() - start;
    vinn_app_close(&app);
    free(rows);
    free(in);
    unlink(path);
    return took;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_invoices: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    return st;
}

static void step(sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE) {
        fprintf(stderr, "bench_invoices: baseline insert failed: %s\n",
                sqlite3_errmsg(sqlite3_db_handle(st)));
        exit(1);
    }
    sqlite3_reset(st);
}

struct bare {
    sqlite3_stmt *inv;
    sqlite3_stmt *line;
    sqlite3_stmt *txn;
    sqlite3_stmt *post;
};

static void bare_posting(struct bare *b, int64_t tenant, long id, int seq, int kind, long cust,
                         int64_t amount)
{
    sqlite3_bind_int64(b->post, 1, tenant);
    sqlite3_bind_int64(b->post, 2, id);
    sqlite3_bind_int(b->post, 3, seq);
    sqlite3_bind_int(b->post, 4, kind);
    sqlite3_bind_int64(b->post, 5, cust);
    sqlite3_bind_int64(b->post, 6, id);
    sqlite3_bind_text(b->post, 7, "NOK", 3, SQLITE_STATIC);
    sqlite3_bind_int64(b->post, 8, amount);
    step(b->post);
}

static void bare_line(struct bare *b, int64_t tenant, long i, int l,
                      const struct vinn_line_input *line, int64_t line_net)
{
    sqlite3_bind_int64(b->line, 1, tenant);
    sqlite3_bind_int64(b->line, 2, i);
    sqlite3_bind_int(b->line, 3, l + 1);
    sqlite3_bind_text(b->line, 4, line->text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(b->line, 5, line->quantity_milli);
    sqlite3_bind_int64(b->line, 6, line->unit_price_minor);
    sqlite3_bind_int(b->line, 7, line->vat_rate_bp);
    sqlite3_bind_int64(b->line, 8, line_net);
    step(b->line);
}

static void bare_invoice(struct bare *b, int64_t tenant, long i, const struct row *r, long cust,
                         vinn_day day, int64_t net, int64_t vat)
{
    char ref[24];
    snprintf(ref, sizeof(ref), "%010ld", i);
    int64_t vals[] = {tenant, i, 0, 0, 0, cust, 0, day, day + 14, net, vat, net + vat, net + vat,
                      0, 0, 0, LINES, 0};
    for (int c = 0; c < 18; c++) {
        sqlite3_bind_int64(b->inv, c + 1, vals[c]);
    }
    sqlite3_bind_text(b->inv, 3, r->number, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(b->inv, 4, "invoice", -1, SQLITE_STATIC);
    sqlite3_bind_text(b->inv, 5, "open", -1, SQLITE_STATIC);
    sqlite3_bind_text(b->inv, 7, "NOK", -1, SQLITE_STATIC);
    sqlite3_bind_text(b->inv, 15, ref, -1, SQLITE_TRANSIENT);
    step(b->inv);
}

static void bare_row(struct bare *b, int64_t tenant, long i, vinn_day day)
{
    struct row r;
    row_make(&r, i, day);
    long cust = 1 + (i * 7919) % CUSTOMERS;
    int64_t nets[LINES];
    int64_t net = 0;
    for (int l = 0; l < LINES; l++) {
        nets[l] = r.lines[l].quantity_milli * r.lines[l].unit_price_minor / 1000;
        net += nets[l];
    }
    int64_t vat = net / 4;
    bare_invoice(b, tenant, i, &r, cust, day, net, vat);
    for (int l = 0; l < LINES; l++) {
        bare_line(b, tenant, i, l, &r.lines[l], nets[l]);
    }
    char key[32];
    snprintf(key, sizeof(key), "invoice:%ld", i);
    sqlite3_bind_int64(b->txn, 1, tenant);
    sqlite3_bind_int64(b->txn, 2, i);
    sqlite3_bind_text(b->txn, 3, "invoice", -1, SQLITE_STATIC);
    sqlite3_bind_text(b->txn, 4, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(b->txn, 5, day);
    sqlite3_bind_text(b->txn, 6, "NOK", -1, SQLITE_STATIC);
    sqlite3_bind_int64(b->txn, 7, i);
    sqlite3_bind_int64(b->txn, 8, 0);
    step(b->txn);
    bare_posting(b, tenant, i, 1, 1, cust, net + vat);
    bare_posting(b, tenant, i, 2, 11, 0, -net);
    bare_posting(b, tenant, i, 3, 12, 0, -vat);
}

static double run_bare(long n, const char *dir)
{
    char path[512];
    db_path(path, sizeof(path), dir, "bench-bare");
    struct vinn_app app;
    struct vinn_tenant t;
    open_fresh(&app, path, &t); /* the same schema, migrations and pragmas' file */
    customers_add(&app, &t);
    vinn_day day = app.today;
    vinn_app_close(&app);
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "bench_invoices: cannot open %s\n", path);
        exit(1);
    }
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                     "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;",
                 NULL, NULL, NULL);
    struct bare b = {
        prepare(db, "INSERT INTO invoices (tenant_id, invoice_id, number, kind, status, "
                    "customer_id, currency, issue_date, due_date, net_minor, vat_minor, "
                    "gross_minor, outstanding_minor, credited_minor, reference, original_id, "
                    "lines_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?)"),
        prepare(db, "INSERT INTO invoice_lines (tenant_id, invoice_id, line_no, text, "
                    "quantity_milli, unit_price_minor, vat_rate_bp, net_minor) VALUES (?, ?, ?, "
                    "?, ?, ?, ?, ?)"),
        prepare(db, "INSERT INTO ledger_txns (tenant_id, txn_id, kind, idem_key, day, currency, "
                    "invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        prepare(db, "INSERT INTO postings (tenant_id, txn_id, seq, account_kind, customer_id, "
                    "invoice_id, currency, amount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
    };
    double start = now_s();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (long i = 1; i <= n; i++) {
        bare_row(&b, t.id, i, day);
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_invoices: baseline commit failed: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    double took = now_s() - start;
    sqlite3_finalize(b.inv);
    sqlite3_finalize(b.line);
    sqlite3_finalize(b.txn);
    sqlite3_finalize(b.post);
    sqlite3_close(db);
    unlink(path);
    return took;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    const char *dir = argc > 2 ? argv[2] : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (n <= 0) {
        fprintf(stderr, "usage: bench_invoices [N] [DIR]\n");
        return 2;
    }
    double bare = run_bare(n, dir);
    double ours = run_app(n, dir);
    printf("bench invoice_create: %ld items, %.0f items/s, ratio %.2f vs sqlite_bare_inserts "
           "(%.0f items/s)\n",
           n, (double)n / ours, ours / bare, (double)n / bare);
    return 0;
}
