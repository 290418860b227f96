/*
 * sqlite_internal.h - what the files of the SQLite backend share (sqlite.c
 * owns the connection, transactions and the core tables; sqlite_payments.c
 * the payments tables). Not part of store.h: nothing outside src/store
 * includes this.
 */
#ifndef VINN_STORE_SQLITE_INTERNAL_H
#define VINN_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/backend.h"
#include "store/store.h"

struct sqlite_store; /* sqlite.c; starts with struct vinn_store base */

/* The SQLite store behind the common header (backend.h). */
struct sqlite_store *sqlite_of(struct vinn_store *store);

/* sqlite_store_<op> for every op of backend.h, spread over the sqlite*.c files. */
#define SQLITE_STORE_OP_(op, params, args) VINN_MUST_USE vinn_err sqlite_store_##op params;
VINN_STORE_OPS(SQLITE_STORE_OP_)
#undef SQLITE_STORE_OP_

/* Statement slots for the other files: each file owns a range. */
enum {
    SQLITE_EXT_PAYMENTS_FIRST = 0,
    SQLITE_EXT_DUNNING_FIRST = 48,
    SQLITE_EXT_API_FIRST = 96,
    SQLITE_EXT_STMTS_MAX = 128,
};

struct sqlite_ext {
    sqlite3_stmt *stmts[SQLITE_EXT_STMTS_MAX];
};

struct seq_cache {
    int64_t tenant_id;
    int64_t value;
    bool loaded;
};

/* The invoice columns sqlite_invoice_read reads (INVOICE_COLUMNS_COUNT of
 * them), without and with their FROM. */
#define INVOICE_COLUMNS_SELECT                                                                     \
    "i.invoice_id, i.customer_id, i.number, c.ext_id, i.kind, i.status, i.currency, "              \
    "i.issue_date, i.due_date, i.net_minor, i.vat_minor, i.gross_minor, i.outstanding_minor, "     \
    "i.credited_minor, COALESCE(i.reference, ''), i.original_id, i.lines_count, i.created_at, "   \
    "i.next_action, i.sale_channel"

#define INVOICE_COLUMNS                                                                            \
    INVOICE_COLUMNS_SELECT " FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id AND "   \
                           "c.customer_id = i.customer_id "

enum { INVOICE_COLUMNS_COUNT = 20 };

#define CUSTOMER_COLUMNS                                                                           \
    "customer_id, ext_id, name, country, lang, kind, email, phone, org_no, national_id, "          \
    "address, postcode, city, tags, created_at, channel, direct_debit FROM customers "

/* Read a row of SELECT INVOICE_COLUMNS / CUSTOMER_COLUMNS; false when a
 * value does not fit vinn's limits. */
bool sqlite_invoice_read(sqlite3_stmt *st, struct vinn_invoice *inv);
bool sqlite_customer_read(sqlite3_stmt *st, struct vinn_customer *c);

sqlite3 *sqlite_db(struct sqlite_store *s);
bool sqlite_in_txn(const struct sqlite_store *s);
/* Write the account balance changes postings left pending in this
 * transaction (sqlite.c); every statement that reads the accounts table
 * calls it first. */
vinn_err sqlite_accounts_flush(struct sqlite_store *s, struct vinn_error *error);
/* The change pending for one account in this transaction (0 when none):
 * its balance is the stored one plus this. */
int64_t sqlite_account_pending(struct sqlite_store *s, int64_t tenant_id, int64_t customer_id,
                               int32_t kind, const char *currency);
/* The statement of slot, prepared once from sql (the same sql every call),
 * reset and unbound; NULL with the error recorded when preparing fails. */
sqlite3_stmt *sqlite_ext_stmt(struct sqlite_store *s, int slot, const char *sql,
                              struct vinn_error *error);
vinn_err sqlite_fail(struct sqlite_store *s, struct vinn_error *error, const char *what);
void sqlite_bind_text(sqlite3_stmt *st, int i, const char *v);
bool sqlite_col_text(sqlite3_stmt *st, int i, char *out, size_t cap);
vinn_err sqlite_corrupt(struct vinn_error *error, const char *table);

/* Step a statement that returns no rows and reset it; a constraint is
 * VINN_E_EXISTS naming what. */
vinn_err sqlite_done(struct sqlite_store *s, sqlite3_stmt *st, const char *what,
                     struct vinn_error *error);
/* Run a query to its end, calling row for each row then fn with what it
 * read; row returns false for a row that does not fit (the table is named
 * corrupt). */
vinn_err sqlite_each_row(struct sqlite_store *s, sqlite3_stmt *st, const char *table,
                         bool (*row)(sqlite3_stmt *st, void *out), void *out,
                         vinn_err (*fn)(void *ctx, const void *item), void *ctx,
                         struct vinn_error *error);

/* A typed callback carried through each_row: fn is cast back to its own
 * type by the caller's trampoline before it is called. */
struct fwd {
    void (*fn)(void);
    void *ctx;
};

#define TRAMPOLINE(name, fn_type, item_type)                                                       \
    static vinn_err name(void *ctx, const void *item)                                              \
    {                                                                                              \
        const struct fwd *f = ctx;                                                                 \
        return ((fn_type)f->fn)(f->ctx, (const item_type *)item);                                  \
    }

/* The VFS every vinn connection opens with (sqlite_vfs.c): the default
 * one, with the log's writes gathered until it is synced. NULL when it
 * could not be registered: then the default VFS itself. */
#define SQLITE_VFS_NAME "vinn"
const char *sqlite_vfs_name(void);

#endif
