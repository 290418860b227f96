/*
 * bench_payments - importing a camt.054 with N entries against N open
 * invoices through the app layer (read, match, allocate, post, in one
 * transaction), against a bare pass of libxml2's streaming reader
 * (xmlTextReaderRead over every node, reading each name and value) over the
 * same file in the same run. Also the reader's peak memory on a file a
 * tenth the size and on the whole file: it must not grow with the file.
 *
 * Prints three lines:
 *   bench payments_import_camt054: N items, X items/s, ratio R vs libxml2_reader_pass
 *   bench camt054_reader: N items, X items/s, ratio R vs libxml2_reader_pass, peak RSS ...
 *   bench payments_rows_floor: N items, X items/s, ratio R vs libxml2_reader_pass
 * The last is the floor of the import's storage: bare prepared statements,
 * on a copy of the same database, doing per entry only what a matched entry
 * must (look up its identity and its invoice, write its payment, allocation,
 * ledger transaction, two postings and the link, update the invoice) and
 * each touched account once, in one transaction committed as the import's.
 *
 * Entries: 94% a structured KID, 5% the KID only in the free text, 1% no
 * reference from an unknown payer (the unmatched queue).
 *
 * Usage: bench_payments [N] [DIR]   (default 1000000, $TMPDIR or /tmp)
 * BENCH_KEEP=1 keeps the camt file and the database for profiling.
 */
#include <libxml/xmlreader.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "core/refno.h"
#include "formats/bank.h"

enum { CUSTOMERS = 10000, CHUNK = 10000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void die(const char *what, const struct vinn_error *e)
{
    fprintf(stderr, "bench_payments: %s: %s\n", what, e ? e->message : "failed");
    exit(1);
}

/* The gross of invoice i: one line of (100 + i % 900) kroner + 25% VAT. */
static long gross_ore(long i)
{
    return (100 + i % 900) * 125;
}

static void kid_of(long i, char *out, size_t cap)
{
    char base[32];
    snprintf(base, sizeof(base), "%08ld", i);
    if (vinn_ref_make(VINN_REF_KID10, base, out, cap, NULL) != VINN_OK) {
        die("kid", NULL);
    }
}

static void write_camt(const char *path, long n)
{
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        die("cannot write the camt file", NULL);
    }
    fprintf(fp,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:"
            "iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>"
            "BENCH-%ld</MsgId><CreDtTm>2026-11-22T12:00:00+01:00</CreDtTm></GrpHdr>\n"
            "<Ntfctn><Id>N1</Id><CreDtTm>2026-11-22T12:00:00+01:00</CreDtTm><Acct><Id>"
            "<Othr><Id>86011117947</Id></Othr></Id></Acct>\n",
            n);
    for (long i = 1; i <= n; i++) {
        char kid[VINN_REF_TEXT_MAX];
        kid_of(i, kid, sizeof(kid));
        long g = gross_ore(i);
        char rmt[160];
        const char *name = "Kunde";
        if (i % 100 == 0) {
            snprintf(rmt, sizeof(rmt), "<Ustrd>gave</Ustrd>");
            name = "Ukjent Giver";
        } else if (i % 20 == 0) {
            snprintf(rmt, sizeof(rmt), "<Ustrd>Betaling KID %s</Ustrd>", kid);
        } else {
            snprintf(rmt, sizeof(rmt), "<Strd><CdtrRefInf><Ref>%s</Ref></CdtrRefInf></Strd>", kid);
        }
        fprintf(fp,
                "<Ntry><Amt Ccy=\"NOK\">%ld.%02ld</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK"
                "</Cd></Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt>"
                "</ValDt><AcctSvcrRef>R%ld</AcctSvcrRef><NtryDtls><TxDtls><Amt Ccy=\"NOK\">"
                "%ld.%02ld</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>%s %ld"
                "</Nm></Pty></Dbtr></RltdPties><RmtInf>%s</RmtInf></TxDtls></NtryDtls></Ntry>\n",
                g / 100, g % 100, i, g / 100, g % 100, name, i % CUSTOMERS, rmt);
    }
    fprintf(fp, "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n");
    fclose(fp);
}

/* The baseline: every node read, its name and value looked at. */
static long bare_pass(const char *path)
{
    xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
    if (r == NULL) {
        die("libxml2 cannot open the file", NULL);
    }
    long nodes = 0;
    size_t bytes = 0;
    while (xmlTextReaderRead(r) == 1) {
        const xmlChar *name = xmlTextReaderConstLocalName(r);
        const xmlChar *value = xmlTextReaderConstValue(r);
        bytes += (name != NULL ? 1 : 0) + (value != NULL ? 1 : 0);
        nodes++;
    }
    xmlFreeTextReader(r);
    return nodes + (long)(bytes & 1);
}

static vinn_err count_entry(void *ctx, const struct vinn_bank_entry *e, struct vinn_error *error)
{
    (void)e;
    (void)error;
    (*(long *)ctx)++;
    return VINN_OK;
}

static long reader_pass(const char *path)
{
    FILE *fp = fopen(path, "rb");
    struct vinn_error e;
    vinn_error_clear(&e);
    long n = 0;
    struct vinn_bank_read_options o = {.name = path, .format = VINN_BANK_CAMT054};
    if (fp == NULL || vinn_camt_read(fp, &o, count_entry, &n, NULL, &e) != VINN_OK) {
        die("reader pass", &e);
    }
    fclose(fp);
    return n;
}

/* ---- the storage floor: the rows of one matched entry, bare ---------------- */

enum floor_stmt {
    FL_ENTRY,
    FL_INVOICE,
    FL_TXN,
    FL_POSTING,
    FL_LINK,
    FL_ALLOCATION,
    FL_INVOICE_UPDATE,
    FL_PAYMENT,
    FL_ACCOUNT,
    FL_COUNT,
};

/* The statements of src/store for the same rows, trimmed to what they write. */
static const char *const floor_sql[FL_COUNT] = {
    [FL_ENTRY] = "SELECT payment_id FROM payments WHERE tenant_id = ? AND entry_id = ?",
    [FL_INVOICE] = "SELECT invoice_id, customer_id, outstanding_minor FROM invoices "
                   "WHERE tenant_id = ? AND reference = ?",
    [FL_TXN] = "INSERT INTO ledger_txns (tenant_id, txn_id, kind, idem_key, day, currency, "
               "invoice_id, created_at) VALUES (?, ?, 'payment', ?, 20779, 'NOK', 0, 0)",
    [FL_POSTING] = "INSERT INTO postings (tenant_id, txn_id, seq, account_kind, customer_id, "
                   "invoice_id, currency, amount_minor) VALUES (?, ?, ?, ?, ?, ?, 'NOK', ?)",
    [FL_LINK] = "INSERT INTO payment_txns (tenant_id, payment_id, txn_id) VALUES (?, ?, ?)",
    [FL_ALLOCATION] = "INSERT INTO payment_allocations (tenant_id, payment_id, seq, invoice_id, "
                      "fees_minor, interest_minor, principal_minor, txn_id, day) "
                      "VALUES (?, ?, 1, ?, 0, 0, ?, ?, 20779)",
    [FL_INVOICE_UPDATE] = "UPDATE invoices SET outstanding_minor = 0, credited_minor = 0, "
                          "status = 'paid' WHERE tenant_id = ? AND invoice_id = ?",
    [FL_PAYMENT] =
        "INSERT INTO payments (tenant_id, payment_id, import_id, entry_id, status, method, "
        "confidence, reversal, booking_date, value_date, amount_minor, currency, reference, "
        "message, payer_name, payer_account, bank_ref, end_to_end, return_reason, customer_id, "
        "unmatched_minor, credit_minor, refunded_minor, related_id, source, created_at) VALUES "
        "(?, ?, 1, ?, 'matched', 1, 100, 0, 20777, 20777, ?, 'NOK', ?, '', ?, '', ?, '', '', "
        "?, 0, 0, 0, 0, ?, 0)",
    [FL_ACCOUNT] = "INSERT INTO accounts (tenant_id, customer_id, kind, currency, balance_minor) "
                   "VALUES (?, ?, ?, 'NOK', ?) ON CONFLICT (tenant_id, customer_id, kind, "
                   "currency) DO UPDATE SET balance_minor = balance_minor + excluded.balance_minor",
};

static void floor_exec(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_payments: floor: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
}

static void floor_step(sqlite3_stmt *st, int want)
{
    if (sqlite3_step(st) != want) {
        fprintf(stderr, "bench_payments: floor: %s\n", sqlite3_errmsg(sqlite3_db_handle(st)));
        exit(1);
    }
}

static void floor_bind(sqlite3_stmt *st, int n, const int64_t *v)
{
    sqlite3_reset(st);
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int64(st, i + 1, v[i]);
    }
}

/* One matched entry's reads and rows; *cash collects the cash account's change. */
static void floor_entry(sqlite3_stmt **st, int64_t tenant, long i, int64_t *cash,
                        int64_t *principal)
{
    char kid[VINN_REF_TEXT_MAX];
    char text[64];
    kid_of(i, kid, sizeof(kid));
    snprintf(text, sizeof(text), "R%ld", i);
    floor_bind(st[FL_ENTRY], 1, &tenant);
    sqlite3_bind_text(st[FL_ENTRY], 2, text, -1, SQLITE_TRANSIENT);
    floor_step(st[FL_ENTRY], SQLITE_DONE);
    floor_bind(st[FL_INVOICE], 1, &tenant);
    sqlite3_bind_text(st[FL_INVOICE], 2, kid, -1, SQLITE_TRANSIENT);
    floor_step(st[FL_INVOICE], SQLITE_ROW);
    int64_t inv = sqlite3_column_int64(st[FL_INVOICE], 0);
    int64_t cust = sqlite3_column_int64(st[FL_INVOICE], 1);
    int64_t amount = sqlite3_column_int64(st[FL_INVOICE], 2);
    sqlite3_reset(st[FL_INVOICE]);
    int64_t txn = 1000000000 + i;
    floor_bind(st[FL_TXN], 2, (int64_t[]){tenant, txn});
    char key[32];
    snprintf(key, sizeof(key), "pay:%ld", i);
    sqlite3_bind_text(st[FL_TXN], 3, key, -1, SQLITE_TRANSIENT);
    floor_step(st[FL_TXN], SQLITE_DONE);
    floor_bind(st[FL_POSTING], 7, (int64_t[]){tenant, txn, 1, 10, 0, 0, amount});
    floor_step(st[FL_POSTING], SQLITE_DONE);
    floor_bind(st[FL_POSTING], 7, (int64_t[]){tenant, txn, 2, 1, cust, inv, -amount});
    floor_step(st[FL_POSTING], SQLITE_DONE);
    floor_bind(st[FL_LINK], 3, (int64_t[]){tenant, i, txn});
    floor_step(st[FL_LINK], SQLITE_DONE);
    floor_bind(st[FL_ALLOCATION], 5, (int64_t[]){tenant, i, inv, amount, txn});
    floor_step(st[FL_ALLOCATION], SQLITE_DONE);
    floor_bind(st[FL_INVOICE_UPDATE], 2, (int64_t[]){tenant, inv});
    floor_step(st[FL_INVOICE_UPDATE], SQLITE_DONE);
    floor_bind(st[FL_PAYMENT], 2, (int64_t[]){tenant, i});
    sqlite3_bind_text(st[FL_PAYMENT], 3, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st[FL_PAYMENT], 4, amount);
    sqlite3_bind_text(st[FL_PAYMENT], 5, kid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st[FL_PAYMENT], 6, "Kunde", -1, SQLITE_STATIC);
    sqlite3_bind_text(st[FL_PAYMENT], 7, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st[FL_PAYMENT], 8, cust);
    sqlite3_bind_text(st[FL_PAYMENT], 9, "bench.xml line 3", -1, SQLITE_STATIC);
    floor_step(st[FL_PAYMENT], SQLITE_DONE);
    *cash += amount;
    principal[cust % (CUSTOMERS + 1)] -= amount;
}

/* Seconds for n entries' rows on the database at path (changed: a copy). */
static double floor_pass(const char *path, int64_t tenant, long n)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        die("floor: cannot open the copy", NULL);
    }
    /* The store's settings, with the page cache of a bulk transaction. */
    floor_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                   "PRAGMA foreign_keys = ON; PRAGMA cache_size = -1048576; "
                   "PRAGMA mmap_size = 1073741824;");
    sqlite3_stmt *st[FL_COUNT];
    for (int k = 0; k < FL_COUNT; k++) {
        if (sqlite3_prepare_v2(db, floor_sql[k], -1, &st[k], NULL) != SQLITE_OK) {
            fprintf(stderr, "bench_payments: floor: %s\n", sqlite3_errmsg(db));
            exit(1);
        }
    }
    int64_t *principal = calloc(CUSTOMERS + 1, sizeof(*principal));
    int64_t cash = 0;
    double t0 = now_s();
    floor_exec(db, "BEGIN IMMEDIATE");
    for (long i = 1; i <= n; i++) {
        floor_entry(st, tenant, i, &cash, principal);
    }
    floor_bind(st[FL_ACCOUNT], 4, (int64_t[]){tenant, 0, 10, cash});
    floor_step(st[FL_ACCOUNT], SQLITE_DONE);
    for (int64_t c = 1; c <= CUSTOMERS; c++) {
        floor_bind(st[FL_ACCOUNT], 4, (int64_t[]){tenant, c, 1, principal[c]});
        floor_step(st[FL_ACCOUNT], SQLITE_DONE);
    }
    floor_exec(db, "COMMIT");
    double t = now_s() - t0;
    for (int k = 0; k < FL_COUNT; k++) {
        sqlite3_finalize(st[k]);
    }
    free(principal);
    sqlite3_close(db);
    return t;
}

/* Copy the closed (checkpointed) database at from to to. */
static void file_copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    if (in == NULL || out == NULL) {
        die("cannot copy the database", NULL);
    }
    static char buf[1 << 16];
    size_t k;
    while ((k = fread(buf, 1, sizeof(buf), in)) > 0) {
        if (fwrite(buf, 1, k, out) != k) {
            die("cannot copy the database", NULL);
        }
    }
    fclose(in);
    if (fclose(out) != 0) {
        die("cannot copy the database", NULL);
    }
}

static void setup(struct vinn_app *app, const char *db, long n, struct vinn_tenant *t)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    int from = 0;
    if (vinn_app_open(app, db, true, vinn_day_from_civil(2026, 11, 22), 0, &e) != VINN_OK ||
        vinn_app_init(app, &from, &e) != VINN_OK) {
        die("open", &e);
    }
    struct vinn_tenant_input in = {"bench", "NO", "NOK", NULL, NULL, NULL, "kid10", 14};
    if (vinn_app_tenant_add(app, &in, t, &e) != VINN_OK) {
        die("tenant", &e);
    }
    /* Customers through the CSV import: one transaction. */
    FILE *csv = tmpfile();
    if (csv == NULL) {
        die("tmpfile", NULL);
    }
    fprintf(csv, "id,name,country\n");
    for (int i = 1; i <= CUSTOMERS; i++) {
        fprintf(csv, "C%06d,Kunde %d,NO\n", i, i % CUSTOMERS);
    }
    rewind(csv);
    struct vinn_import_summary is;
    if (vinn_app_import_customers(app, t, csv, "customers.csv", &is, &e) != VINN_OK) {
        die("customers", &e);
    }
    fclose(csv);
    struct vinn_invoice_input *ins = calloc(CHUNK, sizeof(*ins));
    struct vinn_line_input *lines = calloc(CHUNK, sizeof(*lines));
    char(*numbers)[32] = calloc(CHUNK, 32);
    char(*custs)[32] = calloc(CHUNK, 32);
    for (long done = 0; done < n;) {
        long k = n - done < CHUNK ? n - done : CHUNK;
        for (long j = 0; j < k; j++) {
            long i = done + j + 1;
            snprintf(numbers[j], 32, "NO-%08ld", i);
            snprintf(custs[j], 32, "C%06ld", 1 + i % CUSTOMERS);
            lines[j] = (struct vinn_line_input){.text = "Strøm",
                                                .quantity_milli = 1000,
                                                .unit_price_minor = (100 + i % 900) * 100,
                                                .vat_rate_bp = 2500};
            ins[j] = (struct vinn_invoice_input){.number = numbers[j],
                                                 .customer = custs[j],
                                                 .due_days = -1,
                                                 .lines = &lines[j],
                                                 .lines_count = 1};
        }
        if (vinn_app_invoice_create_many(app, t, ins, (size_t)k, NULL, &e) != VINN_OK) {
            die("invoices", &e);
        }
        done += k;
    }
    free(ins);
    free(lines);
    free(numbers);
    free(custs);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    const char *dir = argc > 2 ? argv[2] : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (n <= 10) {
        fprintf(stderr, "usage: bench_payments [N > 10] [DIR]\n");
        return 2;
    }
    char small[512];
    char big[512];
    char db[512];
    snprintf(small, sizeof(small), "%s/bench-camt-small-%ld.xml", dir, (long)getpid());
    snprintf(big, sizeof(big), "%s/bench-camt-%ld.xml", dir, (long)getpid());
    snprintf(db, sizeof(db), "%s/bench-payments-%ld.db", dir, (long)getpid());
    write_camt(small, n / 10);
    write_camt(big, n);

    /* Memory first, before any database raises the peak. */
    long rss0 = peak_rss_kib();
    long small_entries = reader_pass(small);
    long rss_small = peak_rss_kib();
    double t0 = now_s();
    long entries = reader_pass(big);
    double t_reader = now_s() - t0;
    long rss_big = peak_rss_kib();

    /* The baseline's best of two: the first pass may pay for the page cache. */
    double t_bare = 0;
    long nodes = 0;
    for (int run = 0; run < 2; run++) {
        t0 = now_s();
        nodes = bare_pass(big);
        double t = now_s() - t0;
        t_bare = run == 0 || t < t_bare ? t : t_bare;
    }

    struct vinn_app app;
    struct vinn_tenant t;
    setup(&app, db, n, &t);
    /* The floor's copy of the book, taken closed so the file is whole. */
    char floor_db[600];
    snprintf(floor_db, sizeof(floor_db), "%s-floor", db);
    vinn_app_close(&app);
    file_copy(db, floor_db);
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_open(&app, db, false, vinn_day_from_civil(2026, 11, 22), 0, &e) != VINN_OK) {
        die("reopen", &e);
    }
    FILE *fp = fopen(big, "rb");
    struct vinn_payments_summary s;
    t0 = now_s();
    if (fp == NULL ||
        vinn_app_payments_import(&app, &t, fp, big, VINN_BANK_CAMT054, &s, &e) != VINN_OK) {
        die("import", &e);
    }
    double t_import = now_s() - t0;
    fclose(fp);
    vinn_app_close(&app);
    double t_floor = floor_pass(floor_db, t.id, n);
    if (s.new_entries != n || entries != n || small_entries != n / 10 || nodes <= n) {
        fprintf(stderr, "bench_payments: counts do not add up\n");
        return 1;
    }
    printf("bench payments_import_camt054: %ld items, %.0f items/s, ratio %.2f vs "
           "libxml2_reader_pass (matched %lld, unmatched %lld)\n",
           n, (double)n / t_import, t_import / t_bare, s.matched, s.unmatched);
    printf("bench camt054_reader: %ld items, %.0f items/s, ratio %.2f vs libxml2_reader_pass, "
           "peak RSS growth %ld KiB at %ld entries, %ld KiB at %ld entries\n",
           n, (double)n / t_reader, t_reader / t_bare, rss_small - rss0, n / 10, rss_big - rss0, n);
    printf("bench payments_rows_floor: %ld items, %.0f items/s, ratio %.2f vs libxml2_reader_pass "
           "(bare SQLite, the rows of a matched entry)\n",
           n, (double)n / t_floor, t_floor / t_bare);
    if (getenv("BENCH_KEEP") != NULL) {
        fprintf(stderr, "kept %s and %s\n", big, db);
        return 0;
    }
    unlink(small);
    unlink(big);
    const char *dbs[] = {db, floor_db};
    for (int k = 0; k < 2; k++) {
        unlink(dbs[k]);
        char side[700];
        snprintf(side, sizeof(side), "%s-wal", dbs[k]);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", dbs[k]);
        unlink(side);
    }
    return 0;
}
