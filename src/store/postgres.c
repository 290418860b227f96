/*
 * postgres.c - the PostgreSQL backend of store.h (libpq), for when one
 * machine is not enough (DESIGN.md, "Growing past one machine";
 * docs/scaling.md).
 *
 * One connection per store. Every statement is prepared once per
 * connection, by name, on first use, and reused. Parameters and results
 * travel as text: vinn's values are integers and short texts, and text
 * needs no byte-order code.
 *
 * Semantics are SQLite's (sqlite.c), so one conformance suite runs on both:
 * the same error codes (an insert that meets a unique key says ON CONFLICT
 * DO NOTHING and gives the *_EXISTS code when it wrote nothing, which also
 * keeps the transaction usable, as SQLite keeps it), the same orders (the
 * columns lists are paged through compare bytewise, COLLATE "C"), the same
 * per-tenant ids.
 *
 * Per-tenant ids: a transaction's first id of a tenant locks all of that
 * tenant's counter rows, in name order, in one statement (an upsert that
 * returns them); later ids are counted here, and a counter that moved is
 * written back before COMMIT. The row locks make concurrent writers of one
 * tenant wait for each other, so ids stay unique across any number of
 * processes; a rollback drops the counts. Locking them all at once, in one
 * order, is what keeps two processes from deadlocking on them: locked one
 * by one as each was first needed, one process held `invoice` and waited
 * for `audit` while another held `audit` (taken with the rest in name
 * order) and waited for `invoice`.
 *
 * The ledger: a transaction, its postings and the change to each touched
 * account balance go to the server as one statement (data-modifying WITH,
 * the postings as arrays), so posting costs one round trip whatever the
 * number of postings, and the balances are always current in the table
 * (no pending changes to flush, unlike sqlite.c).
 *
 * Round trips: every statement is sent in a pipeline (PQenterPipelineMode,
 * struct pg_pipe), alone or with others that need no answer in between:
 * an invoice with its lines and the read of its customer's credit balance
 * that always follows (credit_ahead), the id counters with COMMIT, the
 * statement_timeout the caller wants with whatever comes next, and writes
 * nobody waits for (pg_hold: the audit log's) with the transaction's next
 * statement. On a local server, pipelined inserts of 20 lines an invoice
 * took a quarter of the time of one round trip a line (3 lines: 0.55; 1000
 * lines: 0.16).
 */
#include "store/store.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "core/match.h"
#include "store/customer_cache.h"
#include "store/light.h"
#include "store/postgres_internal.h"
#include "store/schema_postgres.h"
#include "store/verify_sql.h"

enum stmt_id {
    ST_COUNTER_LOCK = PG_CORE_FIRST,
    ST_COUNTER_PUT,
    ST_TENANT_INSERT,
    ST_TENANT_GET,
    ST_TENANT_LIST,
    ST_TENANT_STATS,
    ST_CUSTOMER_INSERT,
    ST_CUSTOMER_GET,
    ST_CUSTOMER_GET_BY_ID,
    ST_CUSTOMER_LIST,
    ST_INVOICE_INSERT,
    ST_LINE_INSERT,
    ST_INVOICE_GET,
    ST_INVOICE_GET_BY_ID,
    ST_LINES_GET,
    ST_INVOICE_LIST,
    ST_INVOICE_CREDIT_NOTES,
    ST_INVOICE_SET_BALANCE,
    ST_TXN_INSERT,
    ST_BALANCES,
    ST_ACCOUNT_BALANCE,
    ST_CONFIG_VERSION,
    ST_CONFIG_BUMP,
    ST_INVOICE_RECEIVABLE,
    ST_VERIFY_COUNTS,
    ST_VERIFY_UNBALANCED,
    ST_VERIFY_ACCOUNTS,
    ST_VERIFY_INVOICES,
    ST_VERIFY_STATUSES,
    ST_VERIFY_QUEUE,
    ST_VERIFY_PAYMENTS,
    ST_TIMEOUT_SET,
    ST_END,
};
_Static_assert((int)ST_END <= (int)PG_PAYMENTS_FIRST, "core statements fit their ids");

#define TENANT_COLUMNS                                                                             \
    "tenant_id, name, country, currency, org_no, account, iban, ref_kind, due_days, created_at "  \
    "FROM tenants "

static const char *const stmt_sql[ST_END] = {
    /* Locks the tenant's counter rows named in $2 (in name order, as every
     * such statement does) until the transaction ends. */
    [ST_COUNTER_LOCK] = "INSERT INTO counters (tenant_id, name, value) SELECT $1, n, 0 FROM "
                        "unnest($2::text[]) AS n ORDER BY n ON CONFLICT (tenant_id, name) DO "
                        "UPDATE SET value = counters.value RETURNING name, value",
    [ST_COUNTER_PUT] = "UPDATE counters SET value = $3 WHERE tenant_id = $1 AND name = $2",
    [ST_TENANT_INSERT] = "INSERT INTO tenants (name, country, currency, org_no, account, iban, "
                         "ref_kind, due_days, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                         "$8, $9) ON CONFLICT DO NOTHING RETURNING tenant_id",
    [ST_TENANT_GET] = "SELECT " TENANT_COLUMNS "WHERE name = $1",
    [ST_TENANT_LIST] = "SELECT " TENANT_COLUMNS "ORDER BY name LIMIT 10000",
    [ST_TENANT_STATS] =
        "SELECT (SELECT COUNT(*) FROM customers WHERE tenant_id = $1),"
        " COUNT(*) FILTER (WHERE kind = 'invoice'),"
        " COUNT(*) FILTER (WHERE kind = 'credit_note'),"
        " COUNT(*) FILTER (WHERE status = 'open'),"
        " COUNT(*) FILTER (WHERE status = 'open' AND due_date < $2),"
        " COUNT(*) FILTER (WHERE status = 'paid'),"
        " COUNT(*) FILTER (WHERE status = 'credited'),"
        " COALESCE(SUM(gross_minor) FILTER (WHERE kind = 'invoice'), 0),"
        " COALESCE(SUM(gross_minor) FILTER (WHERE kind = 'credit_note'), 0),"
        " COALESCE(SUM(outstanding_minor) FILTER (WHERE status = 'open'), 0),"
        " COALESCE(SUM(outstanding_minor) FILTER (WHERE status = 'open' AND due_date < $2), 0)"
        " FROM invoices WHERE tenant_id = $1 AND currency = $3",
    [ST_CUSTOMER_INSERT] =
        "INSERT INTO customers (tenant_id, customer_id, ext_id, name, country, lang, kind, email, "
        "phone, org_no, national_id, address, postcode, city, tags, created_at, name_key, "
        "channel, direct_debit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17, $18, $19) ON CONFLICT DO NOTHING",
    [ST_CUSTOMER_GET] = "SELECT " PG_CUSTOMER_COLUMNS "WHERE tenant_id = $1 AND ext_id = $2",
    [ST_CUSTOMER_GET_BY_ID] =
        "SELECT " PG_CUSTOMER_COLUMNS "WHERE tenant_id = $1 AND customer_id = $2",
    [ST_CUSTOMER_LIST] = "SELECT " PG_CUSTOMER_COLUMNS
                         "WHERE tenant_id = $1 AND ext_id > $2 ORDER BY ext_id LIMIT $3",
    [ST_INVOICE_INSERT] =
        "INSERT INTO invoices (tenant_id, invoice_id, number, kind, status, customer_id, "
        "currency, issue_date, due_date, net_minor, vat_minor, gross_minor, outstanding_minor, "
        "credited_minor, reference, original_id, lines_count, created_at, next_action, "
        "sale_channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
        "$16, $17, $18, $19, $20) ON CONFLICT DO NOTHING",
    /* It follows the invoice's INSERT in the same pipeline: nothing when that
     * met an invoice of the same number (and wrote nothing). */
    [ST_LINE_INSERT] = "INSERT INTO invoice_lines (tenant_id, invoice_id, line_no, text, "
                       "quantity_milli, unit_price_minor, vat_rate_bp, net_minor) "
                       "SELECT $1::bigint, $2::bigint, $3::int, $4::text, $5::bigint, $6::bigint, "
                       "$7::int, $8::bigint WHERE EXISTS (SELECT 1 FROM invoices "
                       "WHERE tenant_id = $1::bigint AND invoice_id = $2::bigint)",
    [ST_INVOICE_GET] = "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.number = $2",
    [ST_INVOICE_GET_BY_ID] =
        "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.invoice_id = $2",
    [ST_LINES_GET] = "SELECT line_no, text, quantity_milli, unit_price_minor, vat_rate_bp, "
                     "net_minor FROM invoice_lines WHERE tenant_id = $1 AND invoice_id = $2 "
                     "ORDER BY line_no LIMIT $3",
    /* One statement for every filter: a condition whose switch is off is
     * true ("$3 = ''"), so no SQL is built per call. */
    [ST_INVOICE_LIST] =
        "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND i.number > $2 AND "
        "($3 = '' OR i.status = $3) AND ($4::int = 0 OR i.due_date < $5::int) AND "
        "($6::bigint = 0 OR i.customer_id = $6::bigint) ORDER BY i.number LIMIT $7",
    [ST_INVOICE_CREDIT_NOTES] = "SELECT " PG_INVOICE_COLUMNS "WHERE i.tenant_id = $1 AND "
                                "i.original_id = $2 ORDER BY i.invoice_id LIMIT 10000",
    [ST_INVOICE_SET_BALANCE] = "UPDATE invoices SET outstanding_minor = $1, credited_minor = $2, "
                               "status = $3 WHERE tenant_id = $4 AND invoice_id = $5",
    /* The ledger transaction, its postings ($9..$12: kinds, customers,
     * invoices, amounts, as arrays in posting order) and the sum per
     * account added to the balances, in one statement whose tag counts the
     * accounts: 0 when the idempotency key (or the id) was taken and
     * nothing was written, at least 1 otherwise (a transaction has a
     * posting). The last part is the INSERT, not a SELECT, so that the tag
     * counts what it wrote (vinn_store_mark). */
    [ST_TXN_INSERT] =
        "WITH t AS (INSERT INTO ledger_txns (tenant_id, txn_id, kind, idem_key, day, currency, "
        "invoice_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING "
        "RETURNING txn_id), "
        "u AS (SELECT * FROM unnest($9::int[], $10::bigint[], $11::bigint[], $12::bigint[]) "
        "WITH ORDINALITY AS u (kind, customer_id, invoice_id, amount, seq)), "
        "p AS (INSERT INTO postings (tenant_id, txn_id, seq, account_kind, customer_id, "
        "invoice_id, currency, amount_minor) SELECT $1, t.txn_id, u.seq, u.kind, u.customer_id, "
        "u.invoice_id, $6, u.amount FROM t, u) "
        "INSERT INTO accounts (tenant_id, customer_id, kind, currency, balance_minor) "
        "SELECT $1, u.customer_id, u.kind, $6, SUM(u.amount) FROM t, u "
        "GROUP BY u.customer_id, u.kind ON CONFLICT (tenant_id, customer_id, kind, currency) "
        "DO UPDATE SET balance_minor = accounts.balance_minor + excluded.balance_minor",
    [ST_CONFIG_VERSION] = "SELECT version FROM config_version WHERE id = 1",
    [ST_CONFIG_BUMP] = "UPDATE config_version SET version = version + 1 WHERE id = 1",
    [ST_ACCOUNT_BALANCE] = "SELECT balance_minor FROM accounts WHERE tenant_id = $1 AND "
                           "customer_id = $2 AND kind = $3 AND currency = $4",
    [ST_BALANCES] =
        "SELECT a.customer_id, COALESCE(c.ext_id, ''), a.kind, a.currency, a.balance_minor "
        "FROM accounts a LEFT JOIN customers c ON c.tenant_id = a.tenant_id AND "
        "c.customer_id = a.customer_id WHERE a.tenant_id = $1 AND a.balance_minor <> 0 "
        "AND ($2::bigint < 0 OR a.customer_id = $2::bigint) "
        "ORDER BY a.customer_id, a.kind, a.currency LIMIT 10000000",
    [ST_INVOICE_RECEIVABLE] = "SELECT COALESCE(SUM(amount_minor), 0) FROM postings "
                              "WHERE tenant_id = $1 AND invoice_id = $2 AND invoice_id <> 0 "
                              "AND account_kind <= 3 AND account_kind = $3",
    /* The ledger checks, shared with sqlite.c (verify_sql.h). */
    [ST_VERIFY_COUNTS] = VINN_VERIFY_SQL_COUNTS,
    [ST_VERIFY_UNBALANCED] = VINN_VERIFY_SQL_UNBALANCED,
    [ST_VERIFY_ACCOUNTS] = VINN_VERIFY_SQL_ACCOUNTS,
    [ST_VERIFY_INVOICES] = VINN_VERIFY_SQL_INVOICES,
    [ST_VERIFY_STATUSES] = VINN_VERIFY_SQL_STATUSES,
    [ST_VERIFY_QUEUE] = VINN_VERIFY_SQL_QUEUE,
    [ST_VERIFY_PAYMENTS] = VINN_VERIFY_SQL_PAYMENTS,
    /* SET statement_timeout, prepared: it goes in a pipeline (struct pg_pipe). */
    [ST_TIMEOUT_SET] = "SELECT set_config('statement_timeout', $1, false)",

};

/* The counters' names, as sqlite.c names them (migration 6 gave the last
 * four their own: before it they shared one, named ''). */
static const char *const seq_names[VINN_SEQ_COUNT] = {
    "customer", "invoice", "txn",     "payment", "bank_import", "payout",
    "message",  "task",    "api_key", "audit",   "webhook",     "event"};
_Static_assert(sizeof(seq_names) / sizeof(seq_names[0]) == VINN_SEQ_COUNT, "a name a sequence");

/* The transaction's count of one sequence of one tenant (see the file
 * comment); a free slot has loaded false. */
struct pg_seq {
    int64_t tenant_id;
    int64_t value;
    int64_t loaded_value; /* as locked: unchanged, it is not written back */
    int seq;
    bool loaded;
};

enum {
    PG_SAVEPOINTS_MAX = STORE_LIGHT_DEPTH_MAX,
    PG_REPLAN_FIRST = 1024,
    PG_HELD_MAX = 16,
    /* counters a transaction holds at once: a batch of many tenants' writes
     * keeps each tenant's (beyond, the oldest are written back) */
    PG_SEQ_SLOTS = 64,
};

/* A write held back (pg_hold) to go with the next pipeline: its statement
 * (prepared), its parameters with their texts copied into one block, and
 * what it does, for its error. */
struct pg_held {
    int id;
    const char *what;
    struct pg_args args;
    char *texts;
};

struct pg_store {
    struct vinn_store base; /* first: the common header (backend.h) */
    PGconn *conn;
    bool prepared[PG_STMTS_MAX];
    bool in_txn;
    unsigned depth; /* 1: a transaction; more: savepoints inside it */
    struct customer_cache *customers; /* read or added (customer_cache.h) */
    struct pg_seq seqs[PG_SEQ_SLOTS];
    /* The id counters as each savepoint found them: its rollback restores
     * them (they are written at COMMIT). */
    struct pg_seq seqs_saved[PG_SAVEPOINTS_MAX][PG_SEQ_SLOTS];
    /* Light nesting (light.h). Besides the rollback of a light level that
     * changed something, a statement that failed while light breaks the
     * transaction: PostgreSQL then refuses everything until the rollback. */
    struct store_light light;
    /* Rows written, ids drawn, failed light statements (vinn_store_mark). */
    uint64_t changes;
    /* statement_timeout in ms: what the caller wants (-1: never said, the
     * server's own stays) and what the session has (-1: not known, after a
     * rollback undid a SET). Sent only when they differ, in the pipeline of
     * the next statement (struct pg_pipe): the writer says T before each
     * request and 0 after it, and neither costs a round trip. */
    int64_t timeout_want_ms;
    int64_t timeout_sent_ms;
    /* Statements run, and the count at which the plans are made again
     * (plans_refresh). */
    uint64_t statements;
    uint64_t replan_at;
    /* Writes of the transaction not sent yet (pg_hold), oldest first. */
    struct pg_held held[PG_HELD_MAX];
    unsigned held_count;
    /* A balance read ahead, with the statement before it (credit_ahead):
     * good for the next read of that account if no other statement ran
     * meanwhile but a ledger transaction that left it alone (ahead_keep,
     * for the next pipeline only). */
    struct {
        bool valid;
        int64_t tenant_id;
        int64_t customer_id;
        enum vinn_account_kind kind;
        char currency[4];
        int64_t balance;
    } ahead;
    bool ahead_keep;
    /* config_version: the value last seen (vinn_store_changed_elsewhere;
     * -1: never asked), the one this transaction's BEGIN read (-1: none),
     * and whether the table is known to be there (a BEGIN then reads it in
     * the same round trip). */
    int64_t config_seen;
    int64_t config_at_begin;
    bool config_known;
};

static const struct vinn_store_ops pg_ops;

struct pg_store *pg_of(struct vinn_store *store)
{
    VINN_ASSERT(store->ops == &pg_ops);
    return (struct pg_store *)store;
}

bool pg_in_txn(const struct pg_store *s)
{
    return s->in_txn;
}

/* ---- parameters and columns ------------------------------------------------ */

static void arg_push(struct pg_args *a, const char *text, bool is_number)
{
    VINN_ASSERT(a->count >= 0);
    VINN_ASSERT(a->count < PG_ARGS_MAX);
    a->texts[a->count] = text;
    a->is_number[a->count] = is_number;
    a->count++;
}

void pg_arg_int(struct pg_args *a, int64_t v)
{
    VINN_ASSERT(a->count >= 0);
    VINN_ASSERT(a->count < PG_ARGS_MAX);
    snprintf(a->numbers[a->count], PG_ARG_NUMBER, "%" PRId64, v);
    arg_push(a, NULL, true);
}

void pg_arg_text(struct pg_args *a, const char *v)
{
    arg_push(a, v != NULL ? v : "", false);
}

void pg_arg_day(struct pg_args *a, vinn_day day)
{
    if (day == VINN_NO_DAY) {
        arg_push(a, NULL, false);
    } else {
        pg_arg_int(a, day);
    }
}

void pg_args_values(const struct pg_args *a, const char *values[PG_ARGS_MAX])
{
    for (int i = 0; i < a->count; i++) {
        values[i] = a->is_number[i] ? a->numbers[i] : a->texts[i];
    }
}

int64_t pg_int(const PGresult *res, int row, int col)
{
    return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

vinn_day pg_day(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? VINN_NO_DAY : (vinn_day)pg_int(res, row, col);
}

bool pg_text(const PGresult *res, int row, int col, char *out, size_t cap)
{
    size_t n = (size_t)PQgetlength(res, row, col);
    if (n >= cap) {
        out[0] = '\0';
        return false;
    }
    memcpy(out, PQgetvalue(res, row, col), n);
    out[n] = '\0';
    return true;
}

vinn_err pg_corrupt(struct vinn_error *error, const char *table)
{
    return vinn_fail(error, VINN_E_STORE_CORRUPT, "", "a row of '%s' does not fit vinn's limits",
                     table);
}

int64_t pg_changed(const PGresult *res)
{
    return strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* ---- running statements ------------------------------------------------------ */

/* The server's message without its trailing newline. */
static vinn_err fail_with(struct vinn_error *error, const char *sqlstate, const char *message,
                          const char *what)
{
    /* 40001 serialization_failure, 40P01 deadlock_detected, 55P03
     * lock_not_available: another writer holds what this one needs. */
    bool busy = sqlstate != NULL && (strcmp(sqlstate, "40001") == 0 ||
                                     strcmp(sqlstate, "40P01") == 0 ||
                                     strcmp(sqlstate, "55P03") == 0);
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) {
        n--;
    }
    return vinn_fail(error, busy ? VINN_E_STORE_BUSY : VINN_E_STORE, "",
                     "storage failed while %s: %.*s", what, (int)n, message);
}

/* A statement failed. PostgreSQL then refuses every statement of the
 * transaction until a rollback: with no savepoint under it (light), only a
 * rollback of all may follow. */
static void statement_failed(struct pg_store *s)
{
    if (s->in_txn && s->light.on) {
        s->light.broken = true;
        s->changes++;
    }
}

static vinn_err result_fail(PGresult *res, struct pg_store *s, const char *what,
                            struct vinn_error *error)
{
    statement_failed(s);
    const char *sqlstate = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    /* 57014 query_canceled: statement_timeout stopped it (vinn sends no
     * cancel of its own). */
    if (sqlstate != NULL && strcmp(sqlstate, "57014") == 0 && s->timeout_sent_ms > 0) {
        PQclear(res);
        return vinn_fail(error, VINN_E_TIMEOUT, "", "the request took too long while %s", what);
    }
    const char *message = res != NULL ? PQresultErrorMessage(res) : "";
    vinn_err rc = fail_with(error, sqlstate,
                            message[0] != '\0' ? message : PQerrorMessage(s->conn), what);
    PQclear(res);
    return rc;
}

/* Count what a statement wrote (vinn_store_mark): the rows its tag gives
 * for an INSERT, UPDATE or DELETE. A SELECT's tag would not count what a
 * WITH in it wrote: no statement here writes that way (ST_TXN_INSERT ends
 * with its INSERT). */
static void changes_count(struct pg_store *s, const PGresult *res)
{
    const char *tag = PQcmdStatus((PGresult *)res);
    if (strncmp(tag, "INSERT ", 7) == 0 || strncmp(tag, "UPDATE ", 7) == 0 ||
        strncmp(tag, "DELETE ", 7) == 0) {
        int64_t n = pg_changed(res);
        s->changes += n > 0 ? (uint64_t)n : 0;
    }
}

static bool result_ok(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    return st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
}

static void stmt_name(char out[16], int id)
{
    snprintf(out, 16, "vinn_%d", id);
}

/* Prepare statement id on this connection, once. */
static vinn_err prepare(struct pg_store *s, int id, const char *sql, struct vinn_error *error)
{
    VINN_ASSERT(id >= 0);
    VINN_ASSERT(id < PG_STMTS_MAX);
    if (s->prepared[id]) {
        return VINN_OK;
    }
    char name[16];
    stmt_name(name, id);
    PGresult *res = PQprepare(s->conn, name, sql, 0, NULL);
    if (res == NULL || !result_ok(res)) {
        return result_fail(res, s, "preparing a statement", error);
    }
    PQclear(res);
    s->prepared[id] = true;
    return VINN_OK;
}

static vinn_err exec(struct pg_store *s, const char *sql, const char *what,
                     struct vinn_error *error);

/*
 * A connection plans each statement once and keeps the plan; PostgreSQL
 * plans again only when a table's statistics change (ANALYZE). Plans made
 * while the tables were nearly empty are bad for full ones: the foreign key
 * check of an invoice line (PostgreSQL's own query) went through
 * invoices_status_due (an index since dropped), reading every invoice of
 * the tenant, and a bench run from an empty database slowed down as it
 * grew (15.7 million index entries read for 8,000 lines). So the plans are
 * thrown away (DISCARD PLANS: the statements stay prepared) each time the
 * connection's count of statements doubles, from PG_REPLAN_FIRST: about 30
 * times in a long life.
 */
static vinn_err plans_refresh(struct pg_store *s, struct vinn_error *error)
{
    if (s->statements < s->replan_at) {
        return VINN_OK;
    }
    s->replan_at *= 2;
    return exec(s, "DISCARD PLANS", "planning again", error);
}

/* ---- pipelines --------------------------------------------------------------- */

/*
 * A pipeline (PQenterPipelineMode): statements sent one after another, then
 * one sync, then every result read: one round trip for all of them. Every
 * statement goes this way, alone or not. The statement_timeout the caller
 * wants goes first when the session has another, so that the writer's
 * change of it before and after each request costs no round trip.
 */
struct pg_pipe {
    uint32_t sent;    /* statements sent, the timeout's included */
    uint32_t keep_at; /* the one whose result pipe_end hands back (0: none) */
    uint32_t also_at; /* another kept one (0: none), in also */
    PGresult *also;
    bool timeout;     /* the first is the timeout's */
    bool failed;      /* a send failed: nothing more is sent */
    /* the held writes sent first (after the timeout's): what each does */
    uint32_t held_from;
    uint32_t held_count;
    const char *held_what[PG_HELD_MAX];
};

/* Queue prepared statement id (prepared before pipe_begin: PQprepare does
 * not run inside a pipeline); keep: pipe_end hands back its result. */
static void pipe_send(struct pg_store *s, struct pg_pipe *p, int id, const struct pg_args *a,
                      bool keep)
{
    VINN_ASSERT(s->prepared[id]);
    if (p->failed) {
        return;
    }
    char name[16];
    stmt_name(name, id);
    const char *values[PG_ARGS_MAX];
    pg_args_values(a, values);
    /* libpq copies the values into its output buffer here. */
    p->failed = PQsendQueryPrepared(s->conn, name, a->count, values, NULL, NULL, 0) != 1;
    if (!p->failed) {
        p->sent++;
        p->keep_at = keep ? p->sent : p->keep_at;
        s->statements++;
    }
}

/* Queue a statement without parameters that is not prepared (COMMIT). */
static void pipe_send_sql(struct pg_store *s, struct pg_pipe *p, const char *sql, bool keep)
{
    if (p->failed) {
        return;
    }
    p->failed = PQsendQueryParams(s->conn, sql, 0, NULL, NULL, NULL, NULL, 0) != 1;
    if (!p->failed) {
        p->sent++;
        p->keep_at = keep ? p->sent : p->keep_at;
    }
}

/* Forget the held writes (their transaction or savepoint is rolled back). */
static void held_drop(struct pg_store *s)
{
    for (unsigned i = 0; i < s->held_count; i++) {
        free(s->held[i].texts);
    }
    s->held_count = 0;
}

/* Send the held writes in p, oldest first; they are the pipeline's now. */
static void held_send(struct pg_store *s, struct pg_pipe *p)
{
    p->held_from = p->sent + 1;
    for (unsigned i = 0; i < s->held_count; i++) {
        pipe_send(s, p, s->held[i].id, &s->held[i].args, false);
        p->held_what[p->held_count++] = s->held[i].what;
    }
    held_drop(s);
}

static vinn_err pipe_begin(struct pg_store *s, struct pg_pipe *p, const char *what,
                           struct vinn_error *error)
{
    *p = (struct pg_pipe){0};
    s->ahead.valid = s->ahead.valid && s->ahead_keep;
    s->ahead_keep = false;
    bool timeout = s->timeout_want_ms >= 0 && s->timeout_want_ms != s->timeout_sent_ms;
    vinn_err rc = plans_refresh(s, error);
    if (rc == VINN_OK && timeout) {
        rc = prepare(s, ST_TIMEOUT_SET, stmt_sql[ST_TIMEOUT_SET], error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    if (PQenterPipelineMode(s->conn) != 1) {
        return result_fail(NULL, s, what, error);
    }
    if (timeout) {
        struct pg_args a = {0};
        pg_arg_int(&a, s->timeout_want_ms);
        pipe_send(s, p, ST_TIMEOUT_SET, &a, false);
        p->timeout = true;
    }
    held_send(s, p);
    return VINN_OK;
}

/* Read result i (from 1) of a pipeline and the NULL after it: the first
 * failure becomes *rc (the rest of the pipeline then did not run); a
 * result that went well counts its changes and may be kept. False when
 * there is no result to read (the connection failed). */
static bool pipe_result(struct pg_store *s, struct pg_pipe *p, uint32_t i, PGresult **kept,
                        vinn_err *rc, const char *what, struct vinn_error *error)
{
    PGresult *res = PQgetResult(s->conn);
    if (res == NULL) {
        *rc = *rc != VINN_OK ? *rc : result_fail(NULL, s, what, error);
        return false;
    }
    if (!result_ok(res)) {
        if (*rc == VINN_OK) {
            *rc = result_fail(res, s, what, error);
        } else {
            PQclear(res);
        }
    } else {
        if (p->timeout && i == 1) {
            s->timeout_sent_ms = s->timeout_want_ms;
        }
        changes_count(s, res);
        if (i == p->keep_at && *rc == VINN_OK) {
            *kept = res;
        } else if (i == p->also_at && *rc == VINN_OK) {
            p->also = res;
        } else {
            PQclear(res);
        }
    }
    while ((res = PQgetResult(s->conn)) != NULL) {
        PQclear(res);
    }
    return true;
}

/* Sync, read every result (the first failure is the error) and leave
 * pipeline mode. *kept (may be NULL when nothing is kept) takes the result
 * pipe_send was asked to keep; the caller PQclears it. */
static vinn_err pipe_end(struct pg_store *s, struct pg_pipe *p, PGresult **kept, const char *what,
                         struct vinn_error *error)
{
    PGresult *got = NULL;
    vinn_err rc = VINN_OK;
    if (p->failed || PQpipelineSync(s->conn) != 1) {
        rc = result_fail(NULL, s, what, error);
    }
    for (uint32_t i = 1; i <= p->sent; i++) {
        /* a held write's failure says what that write was doing */
        uint32_t h = i - p->held_from;
        const char *it = i >= p->held_from && h < p->held_count ? p->held_what[h] : what;
        if (!pipe_result(s, p, i, &got, &rc, it, error)) {
            break;
        }
    }
    /* Then the sync's own result. */
    PGresult *res = PQgetResult(s->conn);
    while (res != NULL && PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
        PQclear(res);
        res = PQgetResult(s->conn);
    }
    PQclear(res);
    if (PQexitPipelineMode(s->conn) != 1 && rc == VINN_OK) {
        rc = result_fail(NULL, s, what, error);
    }
    if (rc != VINN_OK) {
        /* A SET the failure rolled back with it (an implicit transaction). */
        s->timeout_sent_ms = -1;
        PQclear(got);
        got = NULL;
        PQclear(p->also);
        p->also = NULL;
    }
    if (kept != NULL) {
        *kept = got;
    } else {
        PQclear(got);
    }
    return rc;
}

vinn_err pg_query(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                  PGresult **res, const char *what, struct vinn_error *error)
{
    *res = NULL;
    struct pg_pipe p;
    vinn_err rc = prepare(s, id, sql, error);
    if (rc == VINN_OK) {
        rc = pipe_begin(s, &p, what, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    pipe_send(s, &p, id, args, true);
    return pipe_end(s, &p, res, what, error);
}

/* Send the held writes alone (before a savepoint, or when they are many). */
static vinn_err held_flush(struct pg_store *s, const char *what, struct vinn_error *error)
{
    if (s->held_count == 0) {
        return VINN_OK;
    }
    struct pg_pipe p;
    vinn_err rc = pipe_begin(s, &p, what, error);
    return rc == VINN_OK ? pipe_end(s, &p, NULL, what, error) : rc;
}

vinn_err pg_hold(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                 const char *what, struct vinn_error *error)
{
    if (!s->in_txn) {
        return pg_command(s, id, sql, args, NULL, what, error);
    }
    vinn_err rc = prepare(s, id, sql, error);
    if (rc == VINN_OK && s->held_count == PG_HELD_MAX) {
        rc = held_flush(s, what, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    size_t len = 1;
    for (int i = 0; i < args->count; i++) {
        len += args->texts[i] != NULL ? strlen(args->texts[i]) + 1 : 0;
    }
    struct pg_held *h = &s->held[s->held_count];
    h->texts = malloc(len);
    if (h->texts == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory while %s", what);
    }
    h->id = id;
    h->what = what;
    h->args = *args;
    char *at = h->texts;
    for (int i = 0; i < args->count; i++) {
        if (args->texts[i] != NULL) {
            size_t n = strlen(args->texts[i]) + 1;
            memcpy(at, args->texts[i], n);
            h->args.texts[i] = at;
            at += n;
        }
    }
    s->held_count++;
    s->changes++; /* a write, for vinn_store_mark, from now on */
    return VINN_OK;
}

vinn_err pg_command(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                    int64_t *changed, const char *what, struct vinn_error *error)
{
    PGresult *res = NULL;
    vinn_err rc = pg_query(s, id, sql, args, &res, what, error);
    if (rc == VINN_OK && changed != NULL) {
        *changed = pg_changed(res);
    }
    PQclear(res);
    return rc;
}

/* A statement of the core (this file's ids). */
static vinn_err query(struct pg_store *s, enum stmt_id id, const struct pg_args *args,
                      PGresult **res, const char *what, struct vinn_error *error)
{
    VINN_ASSERT(stmt_sql[id] != NULL);
    return pg_query(s, (int)id, stmt_sql[id], args, res, what, error);
}

static vinn_err command(struct pg_store *s, enum stmt_id id, const struct pg_args *args,
                        int64_t *changed, const char *what, struct vinn_error *error)
{
    VINN_ASSERT(stmt_sql[id] != NULL);
    return pg_command(s, (int)id, stmt_sql[id], args, changed, what, error);
}

/* Run SQL text (one or more statements, no parameters): migrations and
 * transaction control. */
static vinn_err exec(struct pg_store *s, const char *sql, const char *what,
                     struct vinn_error *error)
{
    s->ahead.valid = false;
    PGresult *res = PQexec(s->conn, sql);
    if (res == NULL || !result_ok(res)) {
        return result_fail(res, s, what, error);
    }
    PQclear(res);
    return VINN_OK;
}

/* ---- open, close, migrate ------------------------------------------------------ */

/* The library never prints: the server's notices (a NOTICE that a table
 * exists already, ...) are dropped instead of going to stderr. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

vinn_err pg_store_open(const char *url, bool create, struct vinn_store **out,
                       struct vinn_error *error)
{
    (void)create; /* the database is the operator's to create; vinn init migrates it */
    struct pg_store *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory opening the store");
    }
    s->base.ops = &pg_ops;
    s->timeout_want_ms = -1;
    s->timeout_sent_ms = -1;
    s->replan_at = PG_REPLAN_FIRST;
    s->config_seen = -1;
    s->config_at_begin = -1;
    s->conn = PQconnectdb(url);
    if (s->conn == NULL || PQstatus(s->conn) != CONNECTION_OK) {
        const char *msg = s->conn != NULL ? PQerrorMessage(s->conn) : "out of memory";
        fail_with(error, NULL, msg, "connecting to PostgreSQL");
        PQfinish(s->conn);
        free(s);
        return VINN_E_STORE;
    }
    PQsetNoticeProcessor(s->conn, ignore_notice, NULL);
    *out = &s->base;
    return VINN_OK;
}

static void pg_store_close(struct vinn_store *store)
{
    struct pg_store *s = pg_of(store);
    held_drop(s);
    PQfinish(s->conn);
    customer_cache_free(s->customers);
    free(s);
}

static vinn_err schema_version(struct pg_store *s, int *version, struct vinn_error *error)
{
    *version = 0;
    PGresult *res = PQexec(s->conn, "SELECT to_regclass('schema_migrations') IS NOT NULL");
    if (res == NULL || !result_ok(res) || PQntuples(res) != 1) {
        return result_fail(res, s, "reading the schema version", error);
    }
    bool exists = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (!exists) {
        return VINN_OK;
    }
    res = PQexec(s->conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (res == NULL || !result_ok(res) || PQntuples(res) != 1) {
        return result_fail(res, s, "reading the schema version", error);
    }
    *version = (int)pg_int(res, 0, 0);
    PQclear(res);
    return VINN_OK;
}

/* Any number of processes may migrate at once (several vinn serve
 * starting): each migration takes this transaction-level advisory lock and
 * checks the version again under it, so each runs once. */
#define MIGRATION_LOCK "SELECT pg_advisory_xact_lock(7283601)"

static vinn_err migrate_one(struct pg_store *s, int version, struct vinn_error *error)
{
    char record[200];
    snprintf(record, sizeof(record),
             "INSERT INTO schema_migrations (version, applied_at) VALUES (%d, "
             "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint)",
             version);
    int found = 0;
    vinn_err rc = exec(s, "BEGIN", "migrating", error);
    if (rc == VINN_OK) {
        rc = exec(s, MIGRATION_LOCK, "migrating", error);
    }
    if (rc == VINN_OK) {
        rc = schema_version(s, &found, error);
    }
    if (rc == VINN_OK && found < version) {
        rc = exec(s, pg_migrations[version - 1], "migrating", error);
        if (rc == VINN_OK) {
            rc = exec(s, record, "migrating", error);
        }
    }
    if (rc == VINN_OK) {
        rc = exec(s, "COMMIT", "migrating", error);
    }
    if (rc != VINN_OK) {
        PQclear(PQexec(s->conn, "ROLLBACK"));
    }
    return rc;
}

/* The schema primitives store.c migrates with (backend.h). */
static vinn_err pg_schema_version(struct vinn_store *store, bool create, int *version,
                                  struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(!s->in_txn);
    VINN_ASSERT((int)PG_MIGRATIONS_COUNT == (int)VINN_SCHEMA_VERSION);
    vinn_err rc = create ? exec(s,
                                "BEGIN; " MIGRATION_LOCK "; CREATE TABLE IF NOT EXISTS "
                                "schema_migrations (version INTEGER PRIMARY KEY, applied_at "
                                "BIGINT NOT NULL); COMMIT",
                                "migrating", error)
                         : VINN_OK;
    return rc == VINN_OK ? schema_version(s, version, error) : rc;
}

static vinn_err pg_migrate_one(struct vinn_store *store, int version, struct vinn_error *error)
{
    return migrate_one(pg_of(store), version, error);
}

/* ---- transactions and ids ---------------------------------------------------- */

static uint64_t pg_store_mark(struct vinn_store *store);

/* BEGIN and the read of config_version in one round trip (a query string
 * of two statements). */
static vinn_err begin_reading_config(struct pg_store *s, struct vinn_error *error)
{
    s->ahead.valid = false;
    PGresult *res = PQexec(s->conn, "BEGIN; SELECT version FROM config_version WHERE id = 1");
    if (res == NULL || !result_ok(res) || PQntuples(res) != 1) {
        vinn_err rc = result_fail(res, s, "beginning a transaction", error);
        PQclear(PQexec(s->conn, "ROLLBACK"));
        return rc;
    }
    s->config_at_begin = pg_int(res, 0, 0);
    PQclear(res);
    return VINN_OK;
}

/* Whether a setting, a policy or a webhook changed since this connection
 * last asked: config_version, as this transaction's BEGIN read it, or read
 * now. True when it cannot tell. */
static bool pg_store_changed_elsewhere(struct vinn_store *store)
{
    struct pg_store *s = pg_of(store);
    int64_t v = s->in_txn ? s->config_at_begin : -1;
    if (v < 0) {
        struct pg_args a = {0};
        struct vinn_error quiet;
        PGresult *res = NULL;
        if (query(s, ST_CONFIG_VERSION, &a, &res, "reading the config version", &quiet) !=
                VINN_OK ||
            PQntuples(res) != 1) {
            PQclear(res);
            return true;
        }
        v = pg_int(res, 0, 0);
        PQclear(res);
        s->config_known = true;
        if (s->in_txn) {
            s->config_at_begin = v; /* the transaction's, from now on */
        }
    }
    bool changed = v != s->config_seen;
    s->config_seen = v;
    return changed;
}

vinn_err pg_config_changed(struct pg_store *s, struct vinn_error *error)
{
    struct pg_args a = {0};
    return pg_hold(s, ST_CONFIG_BUMP, stmt_sql[ST_CONFIG_BUMP], &a, "saving the config version",
                   error);
}

vinn_err pg_store_begin(struct vinn_store *store, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    if (s->in_txn) {
        if (s->depth >= PG_SAVEPOINTS_MAX) {
            return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "", "transactions nest too deep");
        }
        if (store_light_begin(&s->light, s->depth + 1, pg_store_mark(store))) {
            s->depth++;
            return VINN_OK;
        }
        /* what is held belongs before the savepoint: its rollback drops
         * only what is held after it */
        vinn_err rc = held_flush(s, "beginning a savepoint", error);
        char sql[48];
        snprintf(sql, sizeof(sql), "SAVEPOINT vinn_sp%u", s->depth + 1);
        if (rc == VINN_OK) {
            rc = exec(s, sql, "beginning a savepoint", error);
        }
        if (rc == VINN_OK) {
            memcpy(s->seqs_saved[s->depth], s->seqs, sizeof(s->seqs));
            s->depth++;
        }
        return rc;
    }
    VINN_ASSERT(s->held_count == 0);
    vinn_err rc = s->config_known ? begin_reading_config(s, error)
                                  : exec(s, "BEGIN", "beginning a transaction", error);
    if (rc != VINN_OK) {
        return rc;
    }
    customer_cache_undo(s->customers);
    s->in_txn = true;
    s->depth = 1;
    store_light_reset(&s->light);
    memset(s->seqs, 0, sizeof(s->seqs));
    return VINN_OK;
}

static unsigned pg_store_txn_depth(struct vinn_store *store)
{
    return pg_of(store)->depth;
}

/* A savepoint here costs two round trips (SAVEPOINT, RELEASE), as much as
 * two of a request's statements: light levels cost none. */
static bool pg_store_light(struct vinn_store *store, bool on)
{
    pg_of(store)->light.on = on;
    return true;
}

static uint64_t pg_store_mark(struct vinn_store *store)
{
    return pg_of(store)->changes;
}

static bool pg_store_broken(struct vinn_store *store)
{
    return pg_of(store)->light.broken;
}

/* The server's time per request: PostgreSQL cancels a statement past it.
 * Sent with the next statement, and only when it differs from the
 * session's (pipe_begin). */
static void pg_store_deadline(struct vinn_store *store, int64_t after_us)
{
    pg_of(store)->timeout_want_ms = after_us > 0 ? (after_us + 999) / 1000 : 0;
}

/* Bulk work needs nothing special here: the server's memory is its own. */
vinn_err pg_store_bulk(struct vinn_store *store, struct vinn_error *error)
{
    (void)error;
    VINN_ASSERT(pg_of(store)->in_txn);
    return VINN_OK;
}

/* The slot of tenant_id's sequence seq, NULL when not loaded. */
static struct pg_seq *seq_find(struct pg_store *s, int64_t tenant_id, int seq)
{
    for (int i = 0; i < PG_SEQ_SLOTS; i++) {
        struct pg_seq *c = &s->seqs[i];
        if (c->loaded && c->tenant_id == tenant_id && c->seq == seq) {
            return c;
        }
    }
    return NULL;
}

/* Queue the write-back of every loaded counter that moved in p. */
static void seqs_send(struct pg_store *s, struct pg_pipe *p)
{
    for (int i = 0; i < PG_SEQ_SLOTS; i++) {
        const struct pg_seq *c = &s->seqs[i];
        if (c->loaded && c->value != c->loaded_value) {
            struct pg_args a = {0};
            pg_arg_int(&a, c->tenant_id);
            pg_arg_text(&a, seq_names[c->seq]);
            pg_arg_int(&a, c->value);
            pipe_send(s, p, ST_COUNTER_PUT, &a, false);
        }
    }
}

/* n free slots: when there are fewer, every counter is written back (it
 * stays locked) and the slots are free again. */
static vinn_err seqs_room(struct pg_store *s, int n, struct vinn_error *error)
{
    int free_slots = 0;
    for (int i = 0; i < PG_SEQ_SLOTS; i++) {
        free_slots += !s->seqs[i].loaded;
    }
    if (free_slots >= n) {
        return VINN_OK;
    }
    struct pg_pipe p;
    vinn_err rc = prepare(s, ST_COUNTER_PUT, stmt_sql[ST_COUNTER_PUT], error);
    if (rc == VINN_OK) {
        rc = pipe_begin(s, &p, "saving the id counters", error);
    }
    if (rc == VINN_OK) {
        seqs_send(s, &p);
        rc = pipe_end(s, &p, NULL, "saving the id counters", error);
    }
    if (rc == VINN_OK) {
        memset(s->seqs, 0, sizeof(s->seqs));
    }
    return rc;
}

static void pg_store_rollback(struct vinn_store *store);

/* Lock and load the counters of tenant_id, all of them in name order, in
 * one statement (see the file comment): those not loaded already, which
 * after a write-back (seqs_room) this transaction has locked before. One
 * that goes unused is not written back; its lock lasts the transaction,
 * as every counter's does. */
static vinn_err seqs_lock(struct pg_store *s, int64_t tenant_id, int seq,
                          struct vinn_error *error)
{
    char names[256] = "{";
    size_t len = 1;
    int n = 0;
    for (int i = 0; i < VINN_SEQ_COUNT; i++) {
        if (seq_find(s, tenant_id, i) == NULL) {
            len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", len > 1 ? "," : "",
                                    seq_names[i]);
            n++;
        }
    }
    vinn_err rc = seqs_room(s, n, error);
    if (rc != VINN_OK) {
        return rc;
    }
    VINN_ASSERT(len + 2 <= sizeof(names));
    names[len++] = '}';
    names[len] = '\0';
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, names);
    PGresult *res = NULL;
    s->ahead_keep = true; /* a counter is no balance */
    rc = query(s, ST_COUNTER_LOCK, &a, &res, "reading an id counter", error);
    s->ahead_keep = false; /* for this statement only, even when it was not sent */
    int slot = 0;
    for (int row = 0; rc == VINN_OK && row < PQntuples(res); row++) {
        const char *name = PQgetvalue(res, row, 0);
        int i = 0;
        while (i < VINN_SEQ_COUNT && strcmp(seq_names[i], name) != 0) {
            i++;
        }
        while (slot < PG_SEQ_SLOTS && s->seqs[slot].loaded) {
            slot++;
        }
        if (i == VINN_SEQ_COUNT || slot == PG_SEQ_SLOTS) {
            rc = pg_corrupt(error, "counters");
            break;
        }
        s->seqs[slot] = (struct pg_seq){.tenant_id = tenant_id,
                                        .value = pg_int(res, row, 1),
                                        .loaded_value = pg_int(res, row, 1),
                                        .seq = i,
                                        .loaded = true};
    }
    PQclear(res);
    if (rc == VINN_OK && seq_find(s, tenant_id, seq) == NULL) {
        rc = pg_corrupt(error, "counters");
    }
    return rc;
}

vinn_err pg_store_commit(struct vinn_store *store, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    if (store_light_end(&s->light, s->depth, false, 0)) {
        s->depth--;
        return VINN_OK;
    }
    if (s->depth == 1 && s->light.broken) {
        pg_store_rollback(store);
        return store_light_refused(error);
    }
    if (s->depth > 1) {
        /* a held write that fails fails its savepoint */
        vinn_err rc = held_flush(s, "releasing a savepoint", error);
        char sql[48];
        snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT vinn_sp%u", s->depth);
        if (rc == VINN_OK) {
            rc = exec(s, sql, "releasing a savepoint", error);
        }
        if (rc == VINN_OK) {
            s->depth--;
        }
        return rc;
    }
    /* The id counters and COMMIT in one round trip (without the last
     * request's time limit: pipe_begin sends the caller's). */
    struct pg_pipe p;
    vinn_err rc = prepare(s, ST_COUNTER_PUT, stmt_sql[ST_COUNTER_PUT], error);
    if (rc == VINN_OK) {
        rc = pipe_begin(s, &p, "committing", error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    seqs_send(s, &p);
    pipe_send_sql(s, &p, "COMMIT", true);
    PGresult *res = NULL;
    rc = pipe_end(s, &p, &res, "committing", error);
    if (rc != VINN_OK) {
        customer_cache_undo(s->customers);
        return rc;
    }
    /* COMMIT of a failed transaction "succeeds" as a ROLLBACK: the status
     * line tells them apart. */
    bool rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
    PQclear(res);
    memset(s->seqs, 0, sizeof(s->seqs));
    s->in_txn = false;
    s->depth = 0;
    s->config_at_begin = -1;
    if (rolled_back) {
        customer_cache_undo(s->customers);
        s->timeout_sent_ms = -1; /* a SET of the transaction is undone */
        return vinn_fail(error, VINN_E_STORE, "", "storage failed while committing: the "
                                                  "transaction had failed and was rolled back");
    }
    customer_cache_commit(s->customers);
    return VINN_OK;
}

static void pg_store_rollback(struct vinn_store *store)
{
    struct pg_store *s = pg_of(store);
    if (!s->in_txn) {
        return;
    }
    customer_cache_undo(s->customers); /* a savepoint's too: all that is pending */
    if (store_light_end(&s->light, s->depth, true, pg_store_mark(store))) {
        s->depth--; /* broken, unless the level changed nothing */
        return;
    }
    /* A SET since the savepoint or the BEGIN is undone with it, and what
     * is held is from after it (pg_store_begin sent what came before). */
    s->timeout_sent_ms = -1;
    held_drop(s);
    s->ahead.valid = false;
    if (s->depth > 1) {
        char sql[96];
        snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT vinn_sp%u; RELEASE SAVEPOINT vinn_sp%u",
                 s->depth, s->depth);
        PGresult *res = PQexec(s->conn, sql);
        bool ok = res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        if (ok) {
            s->depth--;
            memcpy(s->seqs, s->seqs_saved[s->depth], sizeof(s->seqs));
            return;
        }
    }
    PQclear(PQexec(s->conn, "ROLLBACK"));
    memset(s->seqs, 0, sizeof(s->seqs));
    s->in_txn = false;
    s->depth = 0;
    s->config_at_begin = -1;
    store_light_reset(&s->light);
}

vinn_err pg_store_next_id(struct vinn_store *store, int64_t tenant_id, enum vinn_store_seq seq,
                          int64_t *out, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(seq < VINN_SEQ_COUNT);
    struct pg_seq *c = seq_find(s, tenant_id, (int)seq);
    if (c == NULL) {
        vinn_err rc = seqs_lock(s, tenant_id, (int)seq, error);
        if (rc != VINN_OK) {
            return rc;
        }
        c = seq_find(s, tenant_id, (int)seq);
    }
    c->value++;
    s->changes++;
    *out = c->value;
    return VINN_OK;
}

/* ---- tenants ----------------------------------------------------------------- */

vinn_err pg_store_tenant_insert(struct vinn_store *store, struct vinn_tenant *t,
                                struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    struct pg_args a = {0};
    const char *texts[] = {t->name, t->country, t->currency, t->org_no,
                           t->account, t->iban, t->ref_kind};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        pg_arg_text(&a, texts[i]);
    }
    pg_arg_int(&a, t->due_days);
    pg_arg_int(&a, t->created_at_us);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_TENANT_INSERT, &a, &res, "adding a tenant", error);
    if (rc != VINN_OK) {
        return rc;
    }
    bool added = PQntuples(res) == 1;
    int64_t id = added ? pg_int(res, 0, 0) : 0;
    PQclear(res);
    if (!added) {
        return vinn_fail(error, VINN_E_TENANT_EXISTS, "name", "tenant '%s' already exists",
                         t->name);
    }
    t->id = id;
    return VINN_OK;
}

static bool tenant_read(const PGresult *res, int row, struct vinn_tenant *t)
{
    t->id = pg_int(res, row, 0);
    t->due_days = (int32_t)pg_int(res, row, 8);
    t->created_at_us = pg_int(res, row, 9);
    return pg_text(res, row, 1, t->name, sizeof(t->name)) &&
           pg_text(res, row, 2, t->country, sizeof(t->country)) &&
           pg_text(res, row, 3, t->currency, sizeof(t->currency)) &&
           pg_text(res, row, 4, t->org_no, sizeof(t->org_no)) &&
           pg_text(res, row, 5, t->account, sizeof(t->account)) &&
           pg_text(res, row, 6, t->iban, sizeof(t->iban)) &&
           pg_text(res, row, 7, t->ref_kind, sizeof(t->ref_kind));
}

vinn_err pg_store_tenant_get(struct vinn_store *store, const char *name, struct vinn_tenant *out,
                             struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    struct pg_args a = {0};
    pg_arg_text(&a, name);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_TENANT_GET, &a, &res, "reading a tenant", error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_TENANT_NOT_FOUND, "tenant", "tenant '%s' does not exist",
                       name);
    } else if (!tenant_read(res, 0, out)) {
        rc = pg_corrupt(error, "tenants");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_tenant_list(struct vinn_store *store, vinn_tenant_fn fn, void *ctx,
                              struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    struct pg_args a = {0};
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_TENANT_LIST, &a, &res, "listing tenants", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_tenant t;
        rc = tenant_read(res, i, &t) ? fn(ctx, &t) : pg_corrupt(error, "tenants");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_tenant_stats(struct vinn_store *store, const struct vinn_tenant *t,
                               vinn_day today, struct vinn_tenant_stats *out,
                               struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    struct pg_args a = {0};
    pg_arg_int(&a, t->id);
    pg_arg_int(&a, today);
    pg_arg_text(&a, t->currency);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_TENANT_STATS, &a, &res, "summing the book", error);
    if (rc != VINN_OK) {
        return rc;
    }
    int64_t *fields[] = {&out->customers, &out->invoices,       &out->credit_notes,
                         &out->open,      &out->overdue,        &out->paid,
                         &out->credited,  &out->invoiced_minor, &out->credited_minor,
                         &out->outstanding_minor, &out->overdue_minor};
    for (int i = 0; i < 11; i++) {
        *fields[i] = pg_int(res, 0, i);
    }
    PQclear(res);
    return VINN_OK;
}

/* ---- customers --------------------------------------------------------------- */

vinn_err pg_store_customer_insert(struct vinn_store *store, int64_t tenant_id,
                                  struct vinn_customer *c, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    int64_t id = 0;
    vinn_err rc = pg_store_next_id(store, tenant_id, VINN_SEQ_CUSTOMER, &id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    /* The matcher's key of the name (core/match.h), as SQLite's
     * vinn_name_key() computes it there. */
    char name_key[VINN_NAME_KEY_MAX];
    vinn_match_name_key(c->name, name_key, sizeof(name_key));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    const char *texts[] = {c->ext_id,      c->name,    c->country,  c->lang,
                           vinn_customer_kind_name(c->kind),        c->email,
                           c->phone,       c->org_no,  c->national_id,
                           c->address,     c->postcode, c->city,    c->tags};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        pg_arg_text(&a, texts[i]);
    }
    pg_arg_int(&a, c->created_at_us);
    pg_arg_text(&a, name_key);
    pg_arg_text(&a, c->channel);
    pg_arg_int(&a, c->direct_debit ? 1 : 0);
    int64_t added = 0;
    rc = command(s, ST_CUSTOMER_INSERT, &a, &added, "adding a customer", error);
    if (rc == VINN_OK && added == 0) {
        return vinn_fail(error, VINN_E_CUSTOMER_EXISTS, "id", "customer '%s' already exists",
                         c->ext_id);
    }
    if (rc == VINN_OK) {
        c->id = id;
        customer_cache_put(&s->customers, tenant_id, c, true);
    }
    return rc;
}

bool pg_customer_read(const PGresult *res, int row, struct vinn_customer *c)
{
    char kind[16] = "";
    c->id = pg_int(res, row, 0);
    c->created_at_us = pg_int(res, row, 14);
    struct {
        char *out;
        size_t cap;
    } texts[] = {{c->ext_id, sizeof(c->ext_id)},
                 {c->name, sizeof(c->name)},
                 {c->country, sizeof(c->country)},
                 {c->lang, sizeof(c->lang)},
                 {kind, sizeof(kind)},
                 {c->email, sizeof(c->email)},
                 {c->phone, sizeof(c->phone)},
                 {c->org_no, sizeof(c->org_no)},
                 {c->national_id, sizeof(c->national_id)},
                 {c->address, sizeof(c->address)},
                 {c->postcode, sizeof(c->postcode)},
                 {c->city, sizeof(c->city)},
                 {c->tags, sizeof(c->tags)}};
    bool ok = true;
    for (int i = 0; ok && i < 13; i++) {
        ok = pg_text(res, row, 1 + i, texts[i].out, texts[i].cap);
    }
    ok = ok && pg_text(res, row, 15, c->channel, sizeof(c->channel));
    c->direct_debit = pg_int(res, row, 16) != 0;
    c->kind = strcmp(kind, "company") == 0 ? VINN_CUSTOMER_COMPANY : VINN_CUSTOMER_PERSON;
    return ok;
}

/* The one customer of a get, or VINN_E_CUSTOMER_NOT_FOUND naming `what`. */
static vinn_err customer_one(struct pg_store *s, enum stmt_id id, const struct pg_args *a,
                             const char *what, struct vinn_customer *out,
                             struct vinn_error *error)
{
    PGresult *res = NULL;
    vinn_err rc = query(s, id, a, &res, "reading a customer", error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_CUSTOMER_NOT_FOUND, "customer",
                       "customer '%s' does not exist", what);
    } else if (!pg_customer_read(res, 0, out)) {
        rc = pg_corrupt(error, "customers");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_customer_get(struct vinn_store *store, int64_t tenant_id, const char *ext_id,
                               struct vinn_customer *out, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    if (customer_cache_get(s->customers, tenant_id, ext_id, s->in_txn, out)) {
        return VINN_OK;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, ext_id);
    vinn_err rc = customer_one(s, ST_CUSTOMER_GET, &a, ext_id, out, error);
    if (rc == VINN_OK) {
        customer_cache_put(&s->customers, tenant_id, out, s->in_txn);
    }
    return rc;
}

vinn_err pg_store_customer_get_by_id(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                     struct vinn_customer *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    char what[32];
    snprintf(what, sizeof(what), "#%lld", (long long)id);
    return customer_one(pg_of(store), ST_CUSTOMER_GET_BY_ID, &a, what, out, error);
}

vinn_err pg_store_customer_list(struct vinn_store *store, int64_t tenant_id, const char *after,
                                uint32_t limit, vinn_customer_fn fn, void *ctx,
                                struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, after);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(pg_of(store), ST_CUSTOMER_LIST, &a, &res, "listing customers", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_customer c;
        rc = pg_customer_read(res, i, &c) ? fn(ctx, &c) : pg_corrupt(error, "customers");
    }
    PQclear(res);
    return rc;
}

/* ---- invoices ---------------------------------------------------------------- */

/* Queue the lines of invoice_id (ST_LINE_INSERT, prepared). */
static void lines_send(struct pg_store *s, struct pg_pipe *p, int64_t tenant_id,
                       int64_t invoice_id, const struct vinn_invoice_line *lines, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const struct vinn_invoice_line *l = &lines[i];
        struct pg_args a = {0};
        pg_arg_int(&a, tenant_id);
        pg_arg_int(&a, invoice_id);
        pg_arg_int(&a, l->line_no);
        pg_arg_text(&a, l->text);
        pg_arg_int(&a, l->quantity_milli);
        pg_arg_int(&a, l->unit_price_minor);
        pg_arg_int(&a, l->vat_rate_bp);
        pg_arg_int(&a, l->net_minor);
        pipe_send(s, p, ST_LINE_INSERT, &a, false);
    }
}

/* An invoice added is followed by the read of its customer's credit
 * balance in its currency (invoice.c, credit_use), after its posting, which
 * does not touch that account: the read goes with the invoice
 * (ST_ACCOUNT_BALANCE, prepared), one round trip less an invoice. */
static void credit_ahead(struct pg_store *s, struct pg_pipe *p, int64_t tenant_id,
                         const struct vinn_invoice *inv)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, inv->customer_id);
    pg_arg_int(&a, VINN_ACCOUNT_CREDIT);
    pg_arg_text(&a, inv->currency);
    pipe_send(s, p, ST_ACCOUNT_BALANCE, &a, false);
    p->also_at = p->sent;
}

static void credit_ahead_got(struct pg_store *s, struct pg_pipe *p, int64_t tenant_id,
                             const struct vinn_invoice *inv)
{
    if (p->also == NULL) {
        return;
    }
    s->ahead.valid = true;
    s->ahead.tenant_id = tenant_id;
    s->ahead.customer_id = inv->customer_id;
    s->ahead.kind = VINN_ACCOUNT_CREDIT;
    snprintf(s->ahead.currency, sizeof(s->ahead.currency), "%s", inv->currency);
    s->ahead.balance = PQntuples(p->also) > 0 ? pg_int(p->also, 0, 0) : 0;
    PQclear(p->also);
    p->also = NULL;
}

/* Whether a ledger transaction leaves the balance read ahead as it is. */
static bool ahead_untouched(const struct pg_store *s, int64_t tenant_id,
                            const struct vinn_txn *txn)
{
    if (!s->ahead.valid || s->ahead.tenant_id != tenant_id) {
        return false;
    }
    for (uint32_t i = 0; i < txn->postings_count; i++) {
        const struct vinn_posting *p = &txn->postings[i];
        if (p->customer_id == s->ahead.customer_id && p->kind == s->ahead.kind &&
            strcmp(txn->currency, s->ahead.currency) == 0) {
            return false;
        }
    }
    return true;
}

/* Balances in the table are always current here: a ledger transaction
 * posts to them in the statement that stores its postings. */
vinn_err pg_store_account_balance(struct vinn_store *store, int64_t tenant_id,
                                  int64_t customer_id, enum vinn_account_kind kind,
                                  const char *currency, int64_t *out, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    if (s->ahead.valid && s->ahead.tenant_id == tenant_id &&
        s->ahead.customer_id == customer_id && s->ahead.kind == kind &&
        strcmp(s->ahead.currency, currency) == 0) {
        s->ahead.valid = false;
        *out = s->ahead.balance;
        return VINN_OK;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, customer_id);
    pg_arg_int(&a, (int64_t)kind);
    pg_arg_text(&a, currency);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_ACCOUNT_BALANCE, &a, &res, "reading an account balance", error);
    if (rc == VINN_OK) {
        *out = PQntuples(res) > 0 ? pg_int(res, 0, 0) : 0;
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_invoice_insert(struct vinn_store *store, int64_t tenant_id,
                                 const struct vinn_invoice *inv,
                                 const struct vinn_invoice_line *lines, uint32_t lines_count,
                                 struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(inv->id > 0 && inv->customer_id > 0);
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, inv->id);
    pg_arg_text(&a, inv->number);
    pg_arg_text(&a, vinn_invoice_kind_name(inv->kind));
    pg_arg_text(&a, vinn_invoice_status_name(inv->status));
    pg_arg_int(&a, inv->customer_id);
    pg_arg_text(&a, inv->currency);
    pg_arg_int(&a, inv->issue_date);
    pg_arg_int(&a, inv->due_date);
    int64_t amounts[] = {inv->net_minor, inv->vat_minor, inv->gross_minor,
                         inv->outstanding_minor, inv->credited_minor};
    for (int i = 0; i < 5; i++) {
        pg_arg_int(&a, amounts[i]);
    }
    if (inv->reference[0] != '\0') {
        pg_arg_text(&a, inv->reference);
    } else {
        pg_arg_day(&a, VINN_NO_DAY); /* SQL NULL: no reference */
    }
    pg_arg_int(&a, inv->original_id);
    pg_arg_int(&a, lines_count);
    pg_arg_int(&a, inv->created_at_us);
    pg_arg_day(&a, inv->next_action);
    pg_arg_text(&a, inv->sale_channel);
    /* The invoice and its lines in one round trip; the lines go in only
     * when the invoice did. */
    struct pg_pipe p;
    vinn_err rc = prepare(s, ST_INVOICE_INSERT, stmt_sql[ST_INVOICE_INSERT], error);
    if (rc == VINN_OK) {
        rc = prepare(s, ST_LINE_INSERT, stmt_sql[ST_LINE_INSERT], error);
    }
    if (rc == VINN_OK) {
        rc = prepare(s, ST_ACCOUNT_BALANCE, stmt_sql[ST_ACCOUNT_BALANCE], error);
    }
    if (rc == VINN_OK) {
        rc = pipe_begin(s, &p, "adding an invoice", error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    pipe_send(s, &p, ST_INVOICE_INSERT, &a, true);
    lines_send(s, &p, tenant_id, inv->id, lines, lines_count);
    credit_ahead(s, &p, tenant_id, inv);
    PGresult *res = NULL;
    rc = pipe_end(s, &p, &res, "adding an invoice", error);
    if (rc != VINN_OK) {
        return rc;
    }
    credit_ahead_got(s, &p, tenant_id, inv);
    bool added = pg_changed(res) == 1;
    PQclear(res);
    if (!added) {
        return vinn_fail(error, VINN_E_INVOICE_EXISTS, "number", "invoice '%s' already exists",
                         inv->number);
    }
    return VINN_OK;
}

bool pg_invoice_read(const PGresult *res, int row, struct vinn_invoice *inv)
{
    char kind[16] = "";
    char status[16] = "";
    inv->id = pg_int(res, row, 0);
    inv->customer_id = pg_int(res, row, 1);
    inv->issue_date = (vinn_day)pg_int(res, row, 7);
    inv->due_date = (vinn_day)pg_int(res, row, 8);
    inv->net_minor = pg_int(res, row, 9);
    inv->vat_minor = pg_int(res, row, 10);
    inv->gross_minor = pg_int(res, row, 11);
    inv->outstanding_minor = pg_int(res, row, 12);
    inv->credited_minor = pg_int(res, row, 13);
    inv->original_id = pg_int(res, row, 15);
    inv->lines_count = (uint32_t)pg_int(res, row, 16);
    inv->created_at_us = pg_int(res, row, 17);
    inv->next_action = pg_day(res, row, 18);
    bool ok = pg_text(res, row, 2, inv->number, sizeof(inv->number)) &&
              pg_text(res, row, 3, inv->customer_ext_id, sizeof(inv->customer_ext_id)) &&
              pg_text(res, row, 4, kind, sizeof(kind)) &&
              pg_text(res, row, 5, status, sizeof(status)) &&
              pg_text(res, row, 6, inv->currency, sizeof(inv->currency)) &&
              pg_text(res, row, 14, inv->reference, sizeof(inv->reference)) &&
              pg_text(res, row, 19, inv->sale_channel, sizeof(inv->sale_channel));
    inv->kind = strcmp(kind, "credit_note") == 0 ? VINN_INVOICE_KIND_CREDIT_NOTE
                                                  : VINN_INVOICE_KIND_INVOICE;
    return ok && vinn_invoice_status_parse(status, &inv->status, NULL) == VINN_OK;
}

static vinn_err invoice_one(struct pg_store *s, enum stmt_id id, const struct pg_args *a,
                            const char *what, struct vinn_invoice *out, struct vinn_error *error)
{
    PGresult *res = NULL;
    vinn_err rc = query(s, id, a, &res, "reading an invoice", error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "number", "invoice '%s' does not exist",
                       what);
    } else if (!pg_invoice_read(res, 0, out)) {
        rc = pg_corrupt(error, "invoices");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_invoice_get(struct vinn_store *store, int64_t tenant_id, const char *number,
                              struct vinn_invoice *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, number);
    return invoice_one(pg_of(store), ST_INVOICE_GET, &a, number, out, error);
}

vinn_err pg_store_invoice_get_by_id(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                    struct vinn_invoice *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    char what[32];
    snprintf(what, sizeof(what), "#%lld", (long long)id);
    return invoice_one(pg_of(store), ST_INVOICE_GET_BY_ID, &a, what, out, error);
}

vinn_err pg_store_invoice_lines(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                struct vinn_invoice_line *out, uint32_t max, uint32_t *count,
                                struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    pg_arg_int(&a, (int64_t)max + 1);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_LINES_GET, &a, &res, "reading invoice lines", error);
    if (rc != VINN_OK) {
        return rc;
    }
    uint32_t n = (uint32_t)PQntuples(res);
    if (n > max) {
        rc = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "lines", "invoice has more than %u lines",
                       max);
    }
    for (uint32_t i = 0; rc == VINN_OK && i < n; i++) {
        struct vinn_invoice_line *l = &out[i];
        int row = (int)i;
        l->line_no = (uint32_t)pg_int(res, row, 0);
        l->quantity_milli = pg_int(res, row, 2);
        l->unit_price_minor = pg_int(res, row, 3);
        l->vat_rate_bp = (int32_t)pg_int(res, row, 4);
        l->net_minor = pg_int(res, row, 5);
        if (!pg_text(res, row, 1, l->text, sizeof(l->text))) {
            rc = pg_corrupt(error, "invoice_lines");
        }
    }
    PQclear(res);
    if (rc == VINN_OK) {
        *count = n;
    }
    return rc;
}

/* Call fn with each invoice of a query. */
static vinn_err invoice_rows(struct pg_store *s, enum stmt_id id, const struct pg_args *a,
                             vinn_invoice_fn fn, void *ctx, struct vinn_error *error)
{
    PGresult *res = NULL;
    vinn_err rc = query(s, id, a, &res, "listing invoices", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_invoice inv;
        rc = pg_invoice_read(res, i, &inv) ? fn(ctx, &inv) : pg_corrupt(error, "invoices");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_invoice_list(struct vinn_store *store, int64_t tenant_id,
                               const struct vinn_invoice_filter *f, vinn_invoice_fn fn, void *ctx,
                               struct vinn_error *error)
{
    bool by_status = f->has_status || f->overdue_only;
    enum vinn_invoice_status status = f->overdue_only ? VINN_STATUS_OPEN : f->status;
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, f->after_number);
    pg_arg_text(&a, by_status ? vinn_invoice_status_name(status) : "");
    pg_arg_int(&a, f->overdue_only ? 1 : 0);
    pg_arg_int(&a, f->today);
    pg_arg_int(&a, f->customer_id > 0 ? f->customer_id : 0);
    pg_arg_int(&a, f->limit);
    return invoice_rows(pg_of(store), ST_INVOICE_LIST, &a, fn, ctx, error);
}

vinn_err pg_store_invoice_credit_notes(struct vinn_store *store, int64_t tenant_id,
                                       int64_t invoice_id, vinn_invoice_fn fn, void *ctx,
                                       struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    return invoice_rows(pg_of(store), ST_INVOICE_CREDIT_NOTES, &a, fn, ctx, error);
}

vinn_err pg_store_invoice_set_balance(struct vinn_store *store, int64_t tenant_id,
                                      int64_t invoice_id, int64_t outstanding, int64_t credited,
                                      enum vinn_invoice_status status, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    struct pg_args a = {0};
    pg_arg_int(&a, outstanding);
    pg_arg_int(&a, credited);
    pg_arg_text(&a, vinn_invoice_status_name(status));
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    int64_t changed = 0;
    vinn_err rc = command(s, ST_INVOICE_SET_BALANCE, &a, &changed, "updating an invoice", error);
    if (rc == VINN_OK && changed != 1) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "invoice", "invoice #%lld does not exist",
                         (long long)invoice_id);
    }
    return rc;
}

/* ---- ledger ------------------------------------------------------------------ */

/* An array literal of n numbers: "{1,-2,3}". */
enum { ARRAY_TEXT_MAX = VINN_TXN_POSTINGS_MAX * 21 + 3 };

static void array_text(char *out, const int64_t *v, uint32_t n)
{
    size_t at = 0;
    out[at++] = '{';
    for (uint32_t i = 0; i < n; i++) {
        int w = snprintf(out + at, ARRAY_TEXT_MAX - at, "%s%" PRId64, i > 0 ? "," : "", v[i]);
        VINN_ASSERT(w > 0 && (size_t)w < ARRAY_TEXT_MAX - at);
        at += (size_t)w;
    }
    VINN_ASSERT(at + 2 <= ARRAY_TEXT_MAX);
    out[at++] = '}';
    out[at] = '\0';
}

vinn_err pg_store_txn_insert(struct vinn_store *store, int64_t tenant_id,
                             const struct vinn_txn_meta *meta, const struct vinn_txn *txn,
                             int64_t *txn_id, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    VINN_ASSERT(s->in_txn);
    VINN_ASSERT(vinn_txn_check(txn, NULL) == VINN_OK);
    VINN_ASSERT(txn->postings_count <= VINN_TXN_POSTINGS_MAX);
    int64_t id = 0;
    vinn_err rc = pg_store_next_id(store, tenant_id, VINN_SEQ_TXN, &id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    int64_t columns[4][VINN_TXN_POSTINGS_MAX];
    for (uint32_t i = 0; i < txn->postings_count; i++) {
        const struct vinn_posting *p = &txn->postings[i];
        columns[0][i] = (int64_t)p->kind;
        columns[1][i] = p->customer_id;
        columns[2][i] = p->invoice_id;
        columns[3][i] = p->amount_minor;
    }
    char arrays[4][ARRAY_TEXT_MAX];
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    pg_arg_text(&a, meta->kind);
    pg_arg_text(&a, meta->idem_key);
    pg_arg_int(&a, meta->day);
    pg_arg_text(&a, txn->currency);
    pg_arg_int(&a, meta->invoice_id);
    pg_arg_int(&a, meta->created_at_us);
    for (int k = 0; k < 4; k++) {
        array_text(arrays[k], columns[k], txn->postings_count);
        pg_arg_text(&a, arrays[k]);
    }
    int64_t accounts = 0;
    s->ahead_keep = ahead_untouched(s, tenant_id, txn);
    rc = command(s, ST_TXN_INSERT, &a, &accounts, "adding a ledger transaction", error);
    s->ahead_keep = false;
    if (rc != VINN_OK) {
        return rc;
    }
    if (accounts == 0) {
        return vinn_fail(error, VINN_E_EXISTS, "idempotency_key",
                         "ledger transaction '%s' was already posted", meta->idem_key);
    }
    *txn_id = id;
    return VINN_OK;
}

vinn_err pg_store_invoice_receivable(struct vinn_store *store, int64_t tenant_id,
                                     int64_t invoice_id, enum vinn_account_kind kind, int64_t *out,
                                     struct vinn_error *error)
{
    VINN_ASSERT(vinn_account_kind_is_receivable(kind)); /* the index has no other */
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    pg_arg_int(&a, (int64_t)kind);
    PGresult *res = NULL;
    vinn_err rc = query(pg_of(store), ST_INVOICE_RECEIVABLE, &a, &res,
                        "summing an invoice's postings", error);
    if (rc == VINN_OK) {
        *out = pg_int(res, 0, 0);
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_balances(struct vinn_store *store, int64_t tenant_id, int64_t customer_id,
                           vinn_balance_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, customer_id);
    PGresult *res = NULL;
    vinn_err rc = query(pg_of(store), ST_BALANCES, &a, &res, "reading balances", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_balance b;
        b.customer_id = pg_int(res, i, 0);
        b.kind = (enum vinn_account_kind)pg_int(res, i, 2);
        b.balance_minor = pg_int(res, i, 4);
        bool ok = pg_text(res, i, 1, b.customer_ext_id, sizeof(b.customer_ext_id)) &&
                  pg_text(res, i, 3, b.currency, sizeof(b.currency)) &&
                  vinn_account_kind_is_known((int)b.kind);
        rc = ok ? fn(ctx, &b) : pg_corrupt(error, "accounts");
    }
    PQclear(res);
    return rc;
}

/* ---- verify ------------------------------------------------------------------ */

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

/* Describe row i of a verify query as a problem. */
static void describe(enum stmt_id id, const PGresult *res, int i, struct vinn_verify_report *r)
{
    const char *t1 = PQgetvalue(res, i, 1);
    const char *kind = NULL;
    switch (id) {
    case ST_VERIFY_UNBALANCED:
        problem(r, "transaction %s does not balance in %s: postings sum to %s",
                PQgetvalue(res, i, 0), t1, PQgetvalue(res, i, 2));
        break;
    case ST_VERIFY_ACCOUNTS:
        kind = vinn_account_kind_name((enum vinn_account_kind)pg_int(res, i, 1));
        problem(r, "account %s of customer #%s in %s holds %s but its postings sum to %s",
                kind ? kind : "?", PQgetvalue(res, i, 0), PQgetvalue(res, i, 2),
                PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
        break;
    case ST_VERIFY_INVOICES:
        problem(r, "invoice '%s' shows %s outstanding but its postings sum to %s",
                PQgetvalue(res, i, 0), t1, PQgetvalue(res, i, 2));
        break;
    case ST_VERIFY_STATUSES:
        problem(r, "invoice '%s' has status '%s' with %s outstanding", PQgetvalue(res, i, 0), t1,
                PQgetvalue(res, i, 2));
        break;
    case ST_VERIFY_QUEUE:
        problem(r, "the unmatched queue holds %s %s but the unmatched account %s", t1,
                PQgetvalue(res, i, 0), PQgetvalue(res, i, 2));
        break;
    case ST_VERIFY_PAYMENTS:
        problem(r, "payment %s of %s is accounted for as %s (allocations, credit, queue)",
                PQgetvalue(res, i, 0), t1, PQgetvalue(res, i, 2));
        break;
    default:
        VINN_ASSERT(!"a verify query");
    }
}

vinn_err pg_store_ledger_verify(struct vinn_store *store, int64_t tenant_id,
                                struct vinn_verify_report *r, struct vinn_error *error)
{
    struct pg_store *s = pg_of(store);
    memset(r, 0, sizeof(*r));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    PGresult *res = NULL;
    vinn_err rc = query(s, ST_VERIFY_COUNTS, &a, &res, "verifying the ledger", error);
    if (rc != VINN_OK) {
        return rc;
    }
    r->transactions = pg_int(res, 0, 0);
    r->postings = pg_int(res, 0, 1);
    r->accounts = pg_int(res, 0, 2);
    r->invoices = pg_int(res, 0, 3);
    PQclear(res);
    const struct {
        enum stmt_id id;
        int64_t *counter;
    } checks[] = {
        {ST_VERIFY_UNBALANCED, &r->unbalanced_transactions},
        {ST_VERIFY_ACCOUNTS, &r->account_mismatches},
        {ST_VERIFY_INVOICES, &r->invoice_mismatches},
        {ST_VERIFY_STATUSES, &r->status_mismatches},
        {ST_VERIFY_QUEUE, &r->queue_mismatches},
        {ST_VERIFY_PAYMENTS, &r->payment_mismatches},
    };
    for (size_t k = 0; rc == VINN_OK && k < sizeof(checks) / sizeof(checks[0]); k++) {
        rc = query(s, checks[k].id, &a, &res, "verifying the ledger", error);
        for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
            (*checks[k].counter)++;
            describe(checks[k].id, res, i, r);
        }
        PQclear(res);
    }
    return rc;
}

/* ---- the table store.c dispatches through (backend.h) ------------------------ */

static const struct vinn_store_ops pg_ops = {
    .name = "postgresql",
    .close = pg_store_close,
    .rollback = pg_store_rollback,
    .txn_depth = pg_store_txn_depth,
    .changed_elsewhere = pg_store_changed_elsewhere,
    .light = pg_store_light,
    .mark = pg_store_mark,
    .broken = pg_store_broken,
    .deadline = pg_store_deadline,
    .schema_version = pg_schema_version,
    .migrate_one = pg_migrate_one,
#define PG_OP_ENTRY_(op, params, args) .op = pg_store_##op,
    VINN_STORE_OPS(PG_OP_ENTRY_)
#undef PG_OP_ENTRY_
};
