/*
 * store.h - the one storage interface of vinn; all SQL lives behind it.
 *
 * Two backends implement it (sqlite.c now, postgres.c later), chosen by the
 * URL given to vinn_store_open. Every call that touches tenant data takes
 * the tenant id, and every key of every table starts with tenant_id, so the
 * schema can be distributed by tenant (DESIGN.md, "Growing past one machine").
 *
 * Transactions belong to the caller (src/app): begin, then any number of
 * calls, then commit or rollback. Writes outside a transaction are refused
 * by assertion. Records are fixed-size structs (limits from base/limits.h):
 * reading one never allocates.
 *
 * Errors: VINN_E_STORE (with the backend's message) for failures of the
 * database itself, VINN_E_STORE_BUSY when it stays locked, the specific
 * *_EXISTS and *_NOT_FOUND codes for the rules the schema enforces. On any
 * error inside a transaction the caller rolls back.
 */
#ifndef VINN_STORE_STORE_H
#define VINN_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/limits.h"
#include "core/date.h"
#include "core/ledger.h"

struct vinn_store;

enum { VINN_SCHEMA_VERSION = 1 };

struct vinn_tenant {
    int64_t id;
    char name[VINN_TENANT_NAME_MAX + 1];
    char country[3];
    char currency[4];
    char org_no[VINN_IDENT_MAX + 1];
    char account[VINN_IDENT_MAX + 1]; /* domestic account (NO kontonummer, SE bankgiro) */
    char iban[VINN_IDENT_MAX + 1];
    char ref_kind[8];                 /* refno kind name: kid10, kid11, ocr, ocr-len, fi, rf */
    int32_t due_days;                 /* default payment term */
    int64_t created_at_us;
};

enum vinn_customer_kind { VINN_CUSTOMER_PERSON = 0, VINN_CUSTOMER_COMPANY = 1 };

struct vinn_customer {
    int64_t id;
    char ext_id[VINN_CUSTOMER_ID_MAX + 1]; /* the merchant's own customer id */
    char name[VINN_NAME_MAX + 1];
    char country[3];
    char lang[3];
    enum vinn_customer_kind kind;
    char email[VINN_EMAIL_MAX + 1];
    char phone[VINN_PHONE_MAX + 1];
    char org_no[VINN_IDENT_MAX + 1];
    char national_id[VINN_IDENT_MAX + 1];
    char address[VINN_ADDRESS_LINE_MAX + 1];
    char postcode[VINN_POSTCODE_MAX + 1];
    char city[VINN_CITY_MAX + 1];
    char tags[VINN_TAGS_MAX + 1];
    int64_t created_at_us;
};

enum vinn_invoice_kind { VINN_INVOICE_KIND_INVOICE = 0, VINN_INVOICE_KIND_CREDIT_NOTE = 1 };

enum vinn_invoice_status {
    VINN_STATUS_OPEN = 0,     /* something is outstanding */
    VINN_STATUS_PAID = 1,     /* nothing outstanding, some of it paid */
    VINN_STATUS_CREDITED = 2, /* nothing outstanding, all of it credited */
    VINN_STATUS_ISSUED = 3,   /* a credit note: a document, owes nothing */
};

struct vinn_invoice {
    int64_t id;
    int64_t customer_id;
    char number[VINN_INVOICE_NUMBER_MAX + 1];
    char customer_ext_id[VINN_CUSTOMER_ID_MAX + 1]; /* filled by reads */
    enum vinn_invoice_kind kind;
    enum vinn_invoice_status status;
    char currency[4];
    vinn_day issue_date;
    vinn_day due_date;
    int64_t net_minor;
    int64_t vat_minor;
    int64_t gross_minor;
    int64_t outstanding_minor;
    int64_t credited_minor;
    char reference[VINN_REFERENCE_MAX + 1]; /* "" for credit notes */
    int64_t original_id;                    /* credit note: the invoice it credits */
    uint32_t lines_count;
    int64_t created_at_us;
};

struct vinn_invoice_line {
    uint32_t line_no;
    char text[VINN_LINE_TEXT_MAX + 1];
    int64_t quantity_milli;
    int64_t unit_price_minor;
    int32_t vat_rate_bp;
    int64_t net_minor;
};

struct vinn_invoice_filter {
    bool has_status;
    enum vinn_invoice_status status;
    bool overdue_only; /* open and due before `today` */
    vinn_day today;
    int64_t customer_id; /* 0: all */
    char after_number[VINN_INVOICE_NUMBER_MAX + 1]; /* cursor: numbers after this one */
    uint32_t limit;
};

struct vinn_txn_meta {
    const char *kind;     /* "invoice", "credit_note", ... */
    const char *idem_key; /* unique per tenant: the same key twice is VINN_E_EXISTS */
    vinn_day day;
    int64_t invoice_id;
    int64_t created_at_us;
};

struct vinn_balance {
    int64_t customer_id;
    char customer_ext_id[VINN_CUSTOMER_ID_MAX + 1];
    enum vinn_account_kind kind;
    char currency[4];
    int64_t balance_minor;
};

enum { VINN_VERIFY_PROBLEMS_MAX = 20, VINN_VERIFY_PROBLEM_TEXT = 200 };

struct vinn_verify_report {
    int64_t transactions;
    int64_t postings;
    int64_t accounts;
    int64_t invoices;
    int64_t unbalanced_transactions;
    int64_t account_mismatches;
    int64_t invoice_mismatches;
    int64_t status_mismatches;
    uint32_t problems_count;
    char problems[VINN_VERIFY_PROBLEMS_MAX][VINN_VERIFY_PROBLEM_TEXT];
};

/* What a tenant's book holds, in its own currency. */
struct vinn_tenant_stats {
    int64_t customers;
    int64_t invoices;     /* kind invoice */
    int64_t credit_notes;
    int64_t open;
    int64_t overdue; /* open with due date before today */
    int64_t paid;
    int64_t credited;
    int64_t invoiced_minor;    /* gross of all invoices */
    int64_t credited_minor;    /* gross of all credit notes */
    int64_t outstanding_minor; /* of open invoices */
    int64_t overdue_minor;     /* outstanding of overdue invoices */
};

enum vinn_store_seq { VINN_SEQ_CUSTOMER, VINN_SEQ_INVOICE, VINN_SEQ_TXN, VINN_SEQ_COUNT };

typedef vinn_err (*vinn_tenant_fn)(void *ctx, const struct vinn_tenant *tenant);
typedef vinn_err (*vinn_customer_fn)(void *ctx, const struct vinn_customer *customer);
typedef vinn_err (*vinn_invoice_fn)(void *ctx, const struct vinn_invoice *invoice);
typedef vinn_err (*vinn_balance_fn)(void *ctx, const struct vinn_balance *balance);

/*
 * Open the store at url: a file path (SQLite, the default) or, later,
 * postgres://... create: make the file if it does not exist (vinn init);
 * otherwise a missing file is VINN_E_STORE_NOT_INITIALISED. On success *out
 * is the store; close it with vinn_store_close.
 */
VINN_MUST_USE vinn_err vinn_store_open(const char *url, bool create, struct vinn_store **out,
                                       struct vinn_error *error);
void vinn_store_close(struct vinn_store *store);

/* Bring the schema to VINN_SCHEMA_VERSION; *from gets the version found. */
VINN_MUST_USE vinn_err vinn_store_migrate(struct vinn_store *store, int *from,
                                          struct vinn_error *error);
/* VINN_OK when the schema is current; VINN_E_STORE_NOT_INITIALISED when the
 * database has none; VINN_E_STORE_SCHEMA_TOO_NEW when newer than this vinn;
 * an older schema is migrated. */
VINN_MUST_USE vinn_err vinn_store_ready(struct vinn_store *store, struct vinn_error *error);

VINN_MUST_USE vinn_err vinn_store_begin(struct vinn_store *store, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_commit(struct vinn_store *store, struct vinn_error *error);
void vinn_store_rollback(struct vinn_store *store);

/* Next id of a per-tenant sequence (ids are allocated per tenant). In a transaction. */
VINN_MUST_USE vinn_err vinn_store_next_id(struct vinn_store *store, int64_t tenant_id,
                                          enum vinn_store_seq seq, int64_t *out,
                                          struct vinn_error *error);

/* Tenants: the operator's level; the id is assigned. VINN_E_TENANT_EXISTS. */
VINN_MUST_USE vinn_err vinn_store_tenant_insert(struct vinn_store *store,
                                                struct vinn_tenant *tenant,
                                                struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_tenant_get(struct vinn_store *store, const char *name,
                                             struct vinn_tenant *out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_tenant_list(struct vinn_store *store, vinn_tenant_fn fn,
                                              void *ctx, struct vinn_error *error);

/* Counts and sums of a tenant's book as of today (invoices in the tenant's currency). */
VINN_MUST_USE vinn_err vinn_store_tenant_stats(struct vinn_store *store,
                                               const struct vinn_tenant *tenant, vinn_day today,
                                               struct vinn_tenant_stats *out,
                                               struct vinn_error *error);

/* Customers. insert assigns customer->id; VINN_E_CUSTOMER_EXISTS for a taken ext_id. */
VINN_MUST_USE vinn_err vinn_store_customer_insert(struct vinn_store *store, int64_t tenant_id,
                                                  struct vinn_customer *customer,
                                                  struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_customer_get(struct vinn_store *store, int64_t tenant_id,
                                               const char *ext_id, struct vinn_customer *out,
                                               struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_customer_get_by_id(struct vinn_store *store, int64_t tenant_id,
                                                     int64_t id, struct vinn_customer *out,
                                                     struct vinn_error *error);
/* Customers ordered by ext_id after `after` ("" = from the start), at most limit. */
VINN_MUST_USE vinn_err vinn_store_customer_list(struct vinn_store *store, int64_t tenant_id,
                                                const char *after, uint32_t limit,
                                                vinn_customer_fn fn, void *ctx,
                                                struct vinn_error *error);

/* Invoices. insert assigns invoice->id is NOT done here: the caller allocates it
 * with vinn_store_next_id (the reference is derived from it). VINN_E_INVOICE_EXISTS
 * for a taken number. */
VINN_MUST_USE vinn_err vinn_store_invoice_insert(struct vinn_store *store, int64_t tenant_id,
                                                 const struct vinn_invoice *invoice,
                                                 const struct vinn_invoice_line *lines,
                                                 uint32_t lines_count, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_invoice_get(struct vinn_store *store, int64_t tenant_id,
                                              const char *number, struct vinn_invoice *out,
                                              struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_invoice_get_by_id(struct vinn_store *store, int64_t tenant_id,
                                                    int64_t id, struct vinn_invoice *out,
                                                    struct vinn_error *error);
/* Lines of an invoice in order; *count set; VINN_E_LIMIT_EXCEEDED if more than max. */
VINN_MUST_USE vinn_err vinn_store_invoice_lines(struct vinn_store *store, int64_t tenant_id,
                                                int64_t invoice_id, struct vinn_invoice_line *out,
                                                uint32_t max, uint32_t *count,
                                                struct vinn_error *error);
/* Invoices by number after filter->after_number, at most filter->limit. */
VINN_MUST_USE vinn_err vinn_store_invoice_list(struct vinn_store *store, int64_t tenant_id,
                                               const struct vinn_invoice_filter *filter,
                                               vinn_invoice_fn fn, void *ctx,
                                               struct vinn_error *error);
/* Credit notes of an invoice, in order. */
VINN_MUST_USE vinn_err vinn_store_invoice_credit_notes(struct vinn_store *store,
                                                       int64_t tenant_id, int64_t invoice_id,
                                                       vinn_invoice_fn fn, void *ctx,
                                                       struct vinn_error *error);
/* Update an invoice's cached outstanding, credited and status. */
VINN_MUST_USE vinn_err vinn_store_invoice_set_balance(struct vinn_store *store, int64_t tenant_id,
                                                      int64_t invoice_id, int64_t outstanding,
                                                      int64_t credited,
                                                      enum vinn_invoice_status status,
                                                      struct vinn_error *error);

/* Sum of an invoice's postings on one receivable kind (what is owed of it). */
VINN_MUST_USE vinn_err vinn_store_invoice_receivable(struct vinn_store *store, int64_t tenant_id,
                                                     int64_t invoice_id,
                                                     enum vinn_account_kind kind, int64_t *out,
                                                     struct vinn_error *error);

/*
 * Ledger: store a checked transaction (vinn_txn_check passed) with its
 * postings and apply them to the cached account balances. *txn_id gets the
 * new id. VINN_E_EXISTS when meta->idem_key was used before (nothing written).
 */
VINN_MUST_USE vinn_err vinn_store_txn_insert(struct vinn_store *store, int64_t tenant_id,
                                             const struct vinn_txn_meta *meta,
                                             const struct vinn_txn *txn, int64_t *txn_id,
                                             struct vinn_error *error);
/* Cached balances, non-zero ones, of one customer (customer_id > 0), of the
 * tenant's own accounts (0), or all (-1), ordered by customer and kind. */
VINN_MUST_USE vinn_err vinn_store_balances(struct vinn_store *store, int64_t tenant_id,
                                           int64_t customer_id, vinn_balance_fn fn, void *ctx,
                                           struct vinn_error *error);
/* Recompute every cached balance and outstanding amount from the postings
 * and check every transaction balances; fills report (problems described). */
VINN_MUST_USE vinn_err vinn_store_ledger_verify(struct vinn_store *store, int64_t tenant_id,
                                                struct vinn_verify_report *report,
                                                struct vinn_error *error);

/* Names of statuses and kinds as stored and shown; parse gives VINN_E_STATUS_UNKNOWN. */
const char *vinn_invoice_status_name(enum vinn_invoice_status status);
VINN_MUST_USE vinn_err vinn_invoice_status_parse(const char *name, enum vinn_invoice_status *out,
                                                 struct vinn_error *error);
const char *vinn_invoice_kind_name(enum vinn_invoice_kind kind);
const char *vinn_customer_kind_name(enum vinn_customer_kind kind);

#endif
