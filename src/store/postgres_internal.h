/*
 * postgres_internal.h - what the files of the PostgreSQL backend share
 * (postgres.c owns the connection, statements, transactions and the core
 * tables; postgres_payments.c the payments tables; postgres_dunning.c the
 * day's). Not part of store.h: nothing outside src/store includes this.
 *
 * Statements are prepared once per connection, by name, on first use
 * (pg_query), and run with their parameters as text. Every result is read
 * whole before a callback sees a row, so a callback may call the store
 * again (the hand-over list reads each debtor).
 */
#ifndef VINN_STORE_POSTGRES_INTERNAL_H
#define VINN_STORE_POSTGRES_INTERNAL_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/backend.h"
#include "store/store.h"

struct pg_store; /* postgres.c; starts with struct vinn_store base */

/* The PostgreSQL store behind the common header (backend.h). */
struct pg_store *pg_of(struct vinn_store *store);
bool pg_in_txn(const struct pg_store *s);

/* pg_store_<op> for every op of backend.h, spread over the postgres*.c files. */
#define PG_STORE_OP_(op, params, args) VINN_MUST_USE vinn_err pg_store_##op params;
VINN_STORE_OPS(PG_STORE_OP_)
#undef PG_STORE_OP_

/* Statement ids: each file owns a range; the statement's name on the
 * connection is "vinn_<id>". */
enum {
    PG_CORE_FIRST = 0,
    PG_PAYMENTS_FIRST = 64,
    PG_DUNNING_FIRST = 112,
    PG_API_FIRST = 160,
    PG_STMTS_MAX = 192,
};

/* The parameters of one statement, as text (NULL values for SQL NULL). A
 * number is kept in the struct itself, so a struct pg_args may be returned
 * and copied by value: pg_args_values gives the pointers libpq takes. */
enum { PG_ARGS_MAX = 32, PG_ARG_NUMBER = 24 };
struct pg_args {
    int count;
    const char *texts[PG_ARGS_MAX]; /* a text's value; NULL for a number or SQL NULL */
    bool is_number[PG_ARGS_MAX];
    char numbers[PG_ARGS_MAX][PG_ARG_NUMBER];
};

/* Point values[0..a->count) at a's parameters (they live as long as a). */
void pg_args_values(const struct pg_args *a, const char *values[PG_ARGS_MAX]);

void pg_arg_int(struct pg_args *a, int64_t v);
/* v is not copied: it must live until the statement has run. NULL is "". */
void pg_arg_text(struct pg_args *a, const char *v);
/* A day, or SQL NULL for VINN_NO_DAY. */
void pg_arg_day(struct pg_args *a, vinn_day day);

/*
 * Run statement id, prepared from sql on this connection the first time
 * (the same sql every call), with args. VINN_OK with *res the result (the
 * caller PQclears it): the rows of a query, or the row count of a command
 * (pg_changed). On failure *res is NULL and the error says what failed
 * while doing `what`: VINN_E_STORE_BUSY for a serialisation failure, a
 * deadlock or a lock not granted, VINN_E_STORE otherwise. Unique
 * violations never reach here: inserts that may conflict say ON CONFLICT
 * DO NOTHING and look at the count, so the transaction stays usable, as a
 * failed statement leaves it in SQLite.
 */
vinn_err pg_query(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                  PGresult **res, const char *what, struct vinn_error *error);
/*
 * A write whose answer nobody waits for (the audit log's): inside a
 * transaction it is held back and sent first in the transaction's next
 * pipeline (its next statement, a savepoint's, or COMMIT), instead of in a
 * round trip of its own; args are copied. Its failure is that statement's
 * failure and names what the held write was doing. A rollback drops what
 * was held since the savepoint or BEGIN. Outside a transaction it runs now.
 */
vinn_err pg_hold(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                 const char *what, struct vinn_error *error);
/* A setting, a policy or a webhook changed in this transaction: moves
 * config_version with it (held, pg_hold), which the other connections'
 * vinn_store_changed_elsewhere read. */
vinn_err pg_config_changed(struct pg_store *s, struct vinn_error *error);
/* pg_query for a statement whose result is only its count: *changed (may be NULL). */
vinn_err pg_command(struct pg_store *s, int id, const char *sql, const struct pg_args *args,
                    int64_t *changed, const char *what, struct vinn_error *error);
int64_t pg_changed(const PGresult *res);

int64_t pg_int(const PGresult *res, int row, int col);
/* VINN_NO_DAY for NULL. */
vinn_day pg_day(const PGresult *res, int row, int col);
/* Copy a text column into a fixed buffer; false when it does not fit (the
 * database holds something no vinn wrote). */
bool pg_text(const PGresult *res, int row, int col, char *out, size_t cap);
vinn_err pg_corrupt(struct vinn_error *error, const char *table);

/* The invoice columns pg_invoice_read reads (PG_INVOICE_COLUMNS_COUNT of
 * them, from column 0), without and with their FROM. */
#define PG_INVOICE_COLUMNS_SELECT                                                                  \
    "i.invoice_id, i.customer_id, i.number, c.ext_id, i.kind, i.status, i.currency, "              \
    "i.issue_date, i.due_date, i.net_minor, i.vat_minor, i.gross_minor, i.outstanding_minor, "     \
    "i.credited_minor, COALESCE(i.reference, ''), i.original_id, i.lines_count, i.created_at, "   \
    "i.next_action, i.sale_channel"
#define PG_INVOICE_COLUMNS                                                                         \
    PG_INVOICE_COLUMNS_SELECT " FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id "    \
                              "AND c.customer_id = i.customer_id "
enum { PG_INVOICE_COLUMNS_COUNT = 20 };

#define PG_CUSTOMER_COLUMNS                                                                        \
    "customer_id, ext_id, name, country, lang, kind, email, phone, org_no, national_id, "          \
    "address, postcode, city, tags, created_at, channel, direct_debit FROM customers "

bool pg_invoice_read(const PGresult *res, int row, struct vinn_invoice *inv);
bool pg_customer_read(const PGresult *res, int row, struct vinn_customer *c);

#endif
