/*
 * store.h - the one storage interface of vinn; all SQL lives behind it.
 *
 * Two backends implement it, chosen at run time by the URL given to
 * vinn_store_open: SQLite (sqlite*.c, a file path, the default) and
 * PostgreSQL (postgres*.c, a postgres:// or postgresql:// URL). Every call
 * that touches tenant data takes the tenant id, and every key of every
 * table starts with tenant_id, so the schema can be distributed by tenant
 * (DESIGN.md, "Growing past one machine"; docs/scaling.md).
 *
 * Dispatch: struct vinn_store is a common header holding the backend's
 * table of operations (backend.h); store.c forwards each vinn_store_<op>
 * to store->ops-><op>. To add a function:
 *   1. declare vinn_store_<op>(struct vinn_store *store, ...,
 *      struct vinn_error *error) here, returning vinn_err;
 *   2. add X(<op>, (parameters), (arguments)) at the end of VINN_STORE_OPS
 *      in backend.h (the forwarding function and both tables follow);
 *   3. write sqlite_store_<op> in a sqlite*.c file and pg_store_<op> in a
 *      postgres*.c file: every operation exists on both backends.
 * The schema changes twice too: schema_sqlite.h and schema_postgres.h get
 * the same migration number.
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
#include "core/dunning.h"
#include "core/ledger.h"

struct vinn_store;

enum { VINN_SCHEMA_VERSION = 7 };

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
    char channel[VINN_CHANNEL_NAME_MAX + 1]; /* stated: "" none, email, sms, letter, einvoice, mailbox */
    bool direct_debit;                       /* pays by direct debit: never sent paper */
    int64_t created_at_us;
};

enum vinn_invoice_kind { VINN_INVOICE_KIND_INVOICE = 0, VINN_INVOICE_KIND_CREDIT_NOTE = 1 };

enum vinn_invoice_status {
    VINN_STATUS_OPEN = 0,     /* something is outstanding */
    VINN_STATUS_PAID = 1,     /* nothing outstanding, some of it paid */
    VINN_STATUS_CREDITED = 2, /* nothing outstanding, all of it credited */
    VINN_STATUS_ISSUED = 3,   /* a credit note: a document, owes nothing */
    VINN_STATUS_WRITTEN_OFF = 4, /* nothing outstanding, the rest posted as a loss */
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
    vinn_day next_action; /* the day run looks at it next; VINN_NO_DAY: never */
    char sale_channel[VINN_CHANNEL_NAME_MAX + 1]; /* where it was sold (core/channel.h); "" unknown */
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
    int64_t queue_mismatches;   /* unmatched queue vs the unmatched account */
    int64_t payment_mismatches; /* a payment whose parts do not add up to it */
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

enum vinn_store_seq {
    VINN_SEQ_CUSTOMER,
    VINN_SEQ_INVOICE,
    VINN_SEQ_TXN,
    VINN_SEQ_PAYMENT,
    VINN_SEQ_IMPORT,
    VINN_SEQ_PAYOUT,
    VINN_SEQ_MESSAGE,
    VINN_SEQ_TASK,
    VINN_SEQ_KEY,
    VINN_SEQ_AUDIT,
    VINN_SEQ_WEBHOOK,
    VINN_SEQ_EVENT,
    VINN_SEQ_COUNT
};

typedef vinn_err (*vinn_tenant_fn)(void *ctx, const struct vinn_tenant *tenant);
typedef vinn_err (*vinn_customer_fn)(void *ctx, const struct vinn_customer *customer);
typedef vinn_err (*vinn_invoice_fn)(void *ctx, const struct vinn_invoice *invoice);
typedef vinn_err (*vinn_balance_fn)(void *ctx, const struct vinn_balance *balance);

/*
 * Open the store at url: a file path (SQLite, the default) or a
 * postgres:// or postgresql:// URL (libpq's connection URI; the database
 * must exist). create: make the SQLite file if it does not exist (vinn
 * init); otherwise a missing file is VINN_E_STORE_NOT_INITIALISED. A
 * PostgreSQL server that cannot be reached is VINN_E_STORE. On success *out
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
/* Mark the open transaction as bulk work (a bank file of a million
 * entries): it may keep more changed pages in memory rather than write
 * them out mid-way and read them back. Durability is unchanged; commit and
 * rollback return to the normal memory cap. Nothing changes on failure. */
VINN_MUST_USE vinn_err vinn_store_bulk(struct vinn_store *store, struct vinn_error *error);

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

/* Sum of an invoice's postings on one receivable kind (principal, fees or
 * interest: what is owed of it). */
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

/* ---- tenant settings ---- */

enum { VINN_SETTING_KEY_MAX = 48, VINN_SETTING_VALUE_MAX = 256 };

/* A tenant's setting (key -> text). VINN_E_NOT_FOUND when never set. */
VINN_MUST_USE vinn_err vinn_store_setting_get(struct vinn_store *store, int64_t tenant_id,
                                              const char *key, char *out, size_t cap,
                                              struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_setting_put(struct vinn_store *store, int64_t tenant_id,
                                              const char *key, const char *value,
                                              struct vinn_error *error);

/* ---- payments in (sqlite_payments.c, postgres_payments.c) ---- */

/* Stored as text; numbers only order the enum. */
enum vinn_payment_status {
    VINN_PAY_UNMATCHED = 0, /* waiting in the unmatched queue for a person */
    VINN_PAY_MATCHED = 1,   /* all of it applied; the invoices it paid are paid */
    VINN_PAY_PARTIAL = 2,   /* all of it applied; an invoice it paid still owes */
    VINN_PAY_OVERPAID = 3,  /* applied, and the rest went to the credit balance */
    VINN_PAY_REVERSED = 4,  /* undone by a reversal from the bank */
    VINN_PAY_REVERSAL = 5,  /* the bank's reversal of an earlier payment */
    VINN_PAY_REFUNDED = 6,  /* an unmatched payment sent back to the payer */
};

struct vinn_payment {
    int64_t id;
    int64_t import_id;
    char entry_id[VINN_BANK_ID_MAX + 1];
    enum vinn_payment_status status;
    int method;     /* enum vinn_match_method */
    int confidence; /* 0..100 */
    bool reversal;
    vinn_day booking_date;
    vinn_day value_date;
    int64_t amount_minor;
    char currency[4];
    char reference[VINN_BANK_REF_MAX + 1];
    char message[VINN_BANK_MESSAGE_MAX + 1];
    char payer_name[VINN_BANK_NAME_MAX + 1];
    char payer_account[VINN_BANK_ACCOUNT_MAX + 1];
    char bank_ref[VINN_BANK_ID_MAX + 1];
    char end_to_end[VINN_BANK_ID_MAX + 1];
    char return_reason[8];
    int64_t customer_id;                            /* 0 while unknown */
    char customer_ext_id[VINN_CUSTOMER_ID_MAX + 1]; /* filled by reads */
    int64_t unmatched_minor; /* still in the unmatched queue */
    int64_t credit_minor;    /* went to the customer's credit balance */
    int64_t refunded_minor;  /* paid back out */
    int64_t related_id;      /* reversal <-> original */
    char source[VINN_BANK_ID_MAX + 1]; /* "camt.xml line 88" */
    int64_t created_at_us;
};

/* What one payment paid of one invoice, in one ledger transaction. */
struct vinn_payment_allocation {
    int64_t invoice_id;
    char invoice_number[VINN_INVOICE_NUMBER_MAX + 1]; /* filled by reads */
    int64_t fees_minor;
    int64_t interest_minor;
    int64_t principal_minor;
    int64_t txn_id;
    vinn_day day;
};

struct vinn_bank_import {
    int64_t id;
    char file_name[VINN_BANK_ID_MAX + 1];
    char format[16];
    char file_id[VINN_BANK_ID_MAX + 1];
    long long entries;
    long long new_entries;
    long long duplicates;
    int64_t created_at_us;
};

struct vinn_payment_event {
    int64_t at_us;
    vinn_day day;
    char kind[24]; /* imported, matched, assigned, reversed, refunded */
    char detail[VINN_VERIFY_PROBLEM_TEXT];
};

struct vinn_payout {
    int64_t id;
    int64_t payment_id;
    int64_t customer_id;
    vinn_day day;
    int64_t amount_minor;
    char currency[4];
    char payee_name[VINN_BANK_NAME_MAX + 1];
    char payee_account[VINN_BANK_ACCOUNT_MAX + 1];
    char message[VINN_BANK_NAME_MAX + 1];
    int64_t created_at_us;
};

struct vinn_payment_filter {
    bool unmatched_only;
    bool has_status; /* only payments of this status */
    enum vinn_payment_status status;
    int64_t customer_id; /* only this customer's payments; 0: all */
    int64_t after_id;    /* cursor: ids after this one */
    uint32_t limit;
};

typedef vinn_err (*vinn_payment_fn)(void *ctx, const struct vinn_payment *payment);
typedef vinn_err (*vinn_allocation_fn)(void *ctx, const struct vinn_payment_allocation *alloc);
typedef vinn_err (*vinn_event_fn)(void *ctx, const struct vinn_payment_event *event);

const char *vinn_payment_status_name(enum vinn_payment_status status);
/* VINN_E_UNKNOWN_VALUE (field "status", the message lists the names). */
VINN_MUST_USE vinn_err vinn_payment_status_parse(const char *name, enum vinn_payment_status *out,
                                                 struct vinn_error *error);

VINN_MUST_USE vinn_err vinn_store_import_insert(struct vinn_store *store, int64_t tenant_id,
                                                struct vinn_bank_import *import,
                                                struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_import_finish(struct vinn_store *store, int64_t tenant_id,
                                                const struct vinn_bank_import *import,
                                                struct vinn_error *error);

/* The payment holding entry_id: VINN_OK with *payment_id and *import_id, or
 * VINN_E_NOT_FOUND. */
VINN_MUST_USE vinn_err vinn_store_payment_find_entry(struct vinn_store *store, int64_t tenant_id,
                                                     const char *entry_id, int64_t *payment_id,
                                                     int64_t *import_id,
                                                     struct vinn_error *error);
/* Insert with payment->id already allocated (VINN_SEQ_PAYMENT); VINN_E_EXISTS
 * for a taken entry_id. */
VINN_MUST_USE vinn_err vinn_store_payment_insert(struct vinn_store *store, int64_t tenant_id,
                                                 const struct vinn_payment *payment,
                                                 struct vinn_error *error);
/* Write status, method, confidence, customer, unmatched, credit, refunded
 * and related id. */
VINN_MUST_USE vinn_err vinn_store_payment_update(struct vinn_store *store, int64_t tenant_id,
                                                 const struct vinn_payment *payment,
                                                 struct vinn_error *error);
/* VINN_E_PAYMENT_NOT_FOUND when there is none. */
VINN_MUST_USE vinn_err vinn_store_payment_get(struct vinn_store *store, int64_t tenant_id,
                                              int64_t id, struct vinn_payment *out,
                                              struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_payment_list(struct vinn_store *store, int64_t tenant_id,
                                               const struct vinn_payment_filter *filter,
                                               vinn_payment_fn fn, void *ctx,
                                               struct vinn_error *error);
/* The latest incoming payment, not reversed, of this amount and currency
 * whose reference, end-to-end id, free text or payer account equals the
 * given ones (empty ones do not count), the strongest keys first: the
 * original a reversal undoes.
 * VINN_E_NOT_FOUND when none. */
VINN_MUST_USE vinn_err vinn_store_payment_find_original(struct vinn_store *store,
                                                        int64_t tenant_id,
                                                        const struct vinn_payment *reversal,
                                                        struct vinn_payment *out,
                                                        struct vinn_error *error);

/* seq numbers the allocations of one payment from 1 (unique with it). */
VINN_MUST_USE vinn_err vinn_store_allocation_insert(struct vinn_store *store, int64_t tenant_id,
                                                    int64_t payment_id, uint32_t seq,
                                                    const struct vinn_payment_allocation *alloc,
                                                    struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_allocations(struct vinn_store *store, int64_t tenant_id,
                                              int64_t payment_id, vinn_allocation_fn fn,
                                              void *ctx, struct vinn_error *error);
/* Ledger transactions a payment posted (for a reversal), in order. */
VINN_MUST_USE vinn_err vinn_store_payment_txns(struct vinn_store *store, int64_t tenant_id,
                                               int64_t payment_id, int64_t *txn_ids,
                                               uint32_t max, uint32_t *count,
                                               struct vinn_error *error);
/* Load a stored transaction's postings into txn. */
VINN_MUST_USE vinn_err vinn_store_txn_get(struct vinn_store *store, int64_t tenant_id,
                                          int64_t txn_id, struct vinn_txn *txn,
                                          struct vinn_error *error);
/* Record that a ledger transaction belongs to a payment. */
VINN_MUST_USE vinn_err vinn_store_payment_txn_link(struct vinn_store *store, int64_t tenant_id,
                                                   int64_t payment_id, int64_t txn_id,
                                                   struct vinn_error *error);

VINN_MUST_USE vinn_err vinn_store_payment_event(struct vinn_store *store, int64_t tenant_id,
                                                int64_t payment_id,
                                                const struct vinn_payment_event *event,
                                                struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_payment_events(struct vinn_store *store, int64_t tenant_id,
                                                 int64_t payment_id, vinn_event_fn fn, void *ctx,
                                                 struct vinn_error *error);

VINN_MUST_USE vinn_err vinn_store_payout_insert(struct vinn_store *store, int64_t tenant_id,
                                                const struct vinn_payout *payout,
                                                struct vinn_error *error);

/* The invoice whose payment reference is reference: VINN_E_NOT_FOUND when none. */
VINN_MUST_USE vinn_err vinn_store_invoice_by_reference(struct vinn_store *store,
                                                       int64_t tenant_id, const char *reference,
                                                       struct vinn_invoice *out,
                                                       struct vinn_error *error);
/* Open invoices in currency whose outstanding is exactly amount, oldest due
 * first, at most limit. */
VINN_MUST_USE vinn_err vinn_store_invoices_open_by_amount(struct vinn_store *store,
                                                          int64_t tenant_id, const char *currency,
                                                          int64_t amount, uint32_t limit,
                                                          vinn_invoice_fn fn, void *ctx,
                                                          struct vinn_error *error);
/* Open invoices of a customer in currency, oldest due first, at most limit. */
VINN_MUST_USE vinn_err vinn_store_invoices_open_of_customer(struct vinn_store *store,
                                                            int64_t tenant_id,
                                                            int64_t customer_id,
                                                            const char *currency, uint32_t limit,
                                                            vinn_invoice_fn fn, void *ctx,
                                                            struct vinn_error *error);
/* What an invoice owes per receivable kind: owed[0] fees, [1] interest,
 * [2] principal (the order of enum vinn_alloc_part). */
VINN_MUST_USE vinn_err vinn_store_invoice_owed(struct vinn_store *store, int64_t tenant_id,
                                               int64_t invoice_id, int64_t owed[3],
                                               struct vinn_error *error);
/* Customers whose name key (core/match.h vinn_match_name_key) is key, at most limit. */
VINN_MUST_USE vinn_err vinn_store_customers_by_name_key(struct vinn_store *store,
                                                        int64_t tenant_id, const char *key,
                                                        uint32_t limit, vinn_customer_fn fn,
                                                        void *ctx, struct vinn_error *error);
/* The customer known to pay from account: VINN_E_NOT_FOUND when none. */
VINN_MUST_USE vinn_err vinn_store_payer_account_get(struct vinn_store *store, int64_t tenant_id,
                                                    const char *account, int64_t *customer_id,
                                                    struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_payer_account_put(struct vinn_store *store, int64_t tenant_id,
                                                    const char *account, int64_t customer_id,
                                                    struct vinn_error *error);
/* Whether any fee or interest account of the tenant's customers exists,
 * that is, whether a fee or interest was ever posted. */
VINN_MUST_USE vinn_err vinn_store_tenant_has_charges(struct vinn_store *store, int64_t tenant_id,
                                                     bool *out, struct vinn_error *error);
/* A cached account balance (0 when the account has none). */
VINN_MUST_USE vinn_err vinn_store_account_balance(struct vinn_store *store, int64_t tenant_id,
                                                  int64_t customer_id,
                                                  enum vinn_account_kind kind,
                                                  const char *currency, int64_t *out,
                                                  struct vinn_error *error);

/* ---- the day: dunning (sqlite_dunning.c, postgres_dunning.c) ---- */

enum vinn_case_state {
    VINN_CASE_ACTIVE = 0,
    VINN_CASE_PAUSED = 1,   /* a person stopped it (dispute, ...) */
    VINN_CASE_PROMISED = 2, /* the customer promised to pay by a day */
    VINN_CASE_CLOSED = 3,   /* nothing more to do: paid, or the policy ran out */
    VINN_CASE_COLLECTION = 4, /* handed over to collection */
    VINN_CASE_WRITTEN_OFF = 5,
};

struct vinn_case_record {
    int64_t invoice_id;
    char policy[VINN_POLICY_NAME_MAX + 1];
    enum vinn_case_state state;
    struct vinn_case c;
    char pause_reason[64];
    int64_t fees_minor;     /* fees and compensation charged in all */
    int64_t interest_minor; /* interest charged in all */
    int64_t updated_at_us;
};

/* One invoice the day run is to look at, with what deciding needs. */
struct vinn_due_invoice {
    struct vinn_invoice invoice;
    vinn_day next_action;
    enum vinn_customer_kind customer_kind;
    char country[3];
    char lang[3];
    char email[VINN_EMAIL_MAX + 1];
    char phone[VINN_PHONE_MAX + 1];
    char tags[VINN_TAGS_MAX + 1];
    char channel[VINN_CHANNEL_NAME_MAX + 1]; /* the customer's stated channel */
    bool direct_debit;
    bool einvoice_address; /* a company with an organisation number (its Peppol endpoint) */
    bool has_case;
    struct vinn_case_record rec;
};

/* A step taken on a case, as `vinn case show` prints it. */
struct vinn_case_step {
    uint32_t seq;
    vinn_day day;
    enum vinn_step_kind kind;
    bool task;
    int64_t fee_minor;
    int64_t compensation_minor;
    int64_t interest_minor;
    vinn_day deadline; /* VINN_NO_DAY: none */
    enum vinn_tone tone;
    enum vinn_channel channel;
    uint32_t law; /* VINN_LAW_* bits */
    int64_t total_minor;
    int64_t message_id; /* 0: none (a task, a hand-over) */
    vinn_day run_day;
};

struct vinn_case_event {
    int64_t at_us;
    vinn_day day;
    char kind[24]; /* paused, resumed, promised, promise_broken, written_off, closed */
    char detail[VINN_VERIFY_PROBLEM_TEXT];
};

/* A message the outbox is to deliver (the messages issue delivers it). */
struct vinn_message {
    int64_t id;
    char idem_key[64];
    int64_t invoice_id;
    int64_t customer_id;
    char kind[16]; /* invoice, pre-due, reminder, notice, receipt, ... */
    char lang[3];
    enum vinn_tone tone;
    enum vinn_channel channel;
    char recipient[VINN_EMAIL_MAX + 1];
    vinn_day day;
    vinn_day deadline;
    char currency[4];
    int64_t principal_minor;
    int64_t fees_minor;
    int64_t interest_minor;
    int64_t total_minor;
    char status[8]; /* queued, sent, failed */
    int attempts;
    char last_error[VINN_VERIFY_PROBLEM_TEXT];
    int64_t next_attempt_at_us;
    int64_t sent_at_us;
    int64_t created_at_us;
};

/* A queued message with what rendering and delivering it needs. */
struct vinn_outbox_item {
    struct vinn_message message;
    char invoice_number[VINN_INVOICE_NUMBER_MAX + 1];
    char reference[VINN_REFERENCE_MAX + 1];
    vinn_day due_date;
    int64_t gross_minor;
    char customer_name[VINN_NAME_MAX + 1];
    char email[VINN_EMAIL_MAX + 1];
    char phone[VINN_PHONE_MAX + 1];
};

typedef vinn_err (*vinn_outbox_fn)(void *ctx, const struct vinn_outbox_item *item);

enum {
    VINN_TEMPLATE_SUBJECT_MAX = 250,
    VINN_TEMPLATE_BODY_MAX = 8192,
    VINN_TEMPLATE_SMS_TEXT_MAX = 480,
};

/* A tenant's own text for one kind, language and tone (core/template.h). */
struct vinn_template_record {
    char kind[16];
    char lang[3];
    char tone[16];
    char subject[VINN_TEMPLATE_SUBJECT_MAX + 1];
    char body[VINN_TEMPLATE_BODY_MAX + 1];
    char sms[VINN_TEMPLATE_SMS_TEXT_MAX + 1];
    int64_t updated_at_us;
};

VINN_MUST_USE vinn_err vinn_store_template_put(struct vinn_store *store, int64_t tenant_id,
                                               const struct vinn_template_record *t,
                                               struct vinn_error *error);
/* VINN_E_NOT_FOUND when the tenant has none for kind, lang and tone. */
VINN_MUST_USE vinn_err vinn_store_template_get(struct vinn_store *store, int64_t tenant_id,
                                               const char *kind, const char *lang,
                                               const char *tone,
                                               struct vinn_template_record *out,
                                               struct vinn_error *error);
/* VINN_E_NOT_FOUND when there was none. */
VINN_MUST_USE vinn_err vinn_store_template_delete(struct vinn_store *store, int64_t tenant_id,
                                                  const char *kind, const char *lang,
                                                  const char *tone, struct vinn_error *error);

/* Queued messages whose next attempt is due at now_us, by id after
 * after_id, at most limit. */
VINN_MUST_USE vinn_err vinn_store_outbox_due(struct vinn_store *store, int64_t tenant_id,
                                             int64_t now_us, int64_t after_id, uint32_t limit,
                                             vinn_outbox_fn fn, void *ctx,
                                             struct vinn_error *error);
/* Record an attempt: status "sent" (with receipt and sent_at), "queued" again
 * (with last_error and the next attempt) or "failed" (with last_error). */
VINN_MUST_USE vinn_err vinn_store_message_attempt(struct vinn_store *store, int64_t tenant_id,
                                                  const struct vinn_message *message,
                                                  const char *receipt,
                                                  struct vinn_error *error);

/* The print batch of a day's letters (app/outbox.c). days_sent: the days
 * (vinn_message.day) of the messages on channel sent at or after since_us,
 * the earliest first, at most days_max into days and their number into
 * *count. sent_on: the messages on channel sent whose day is day, as the
 * outbox's items (with their invoice's number), by id after after_id, at
 * most limit. */
VINN_MUST_USE vinn_err vinn_store_message_days_sent(struct vinn_store *store, int64_t tenant_id,
                                                    enum vinn_channel channel, int64_t since_us,
                                                    vinn_day *days, uint32_t days_max,
                                                    uint32_t *count, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_messages_sent_on(struct vinn_store *store, int64_t tenant_id,
                                                   enum vinn_channel channel, vinn_day day,
                                                   int64_t after_id, uint32_t limit,
                                                   vinn_outbox_fn fn, void *ctx,
                                                   struct vinn_error *error);

struct vinn_task {
    int64_t id;
    int64_t invoice_id;
    int64_t customer_id;
    vinn_day day;
    char kind[16];
    char owner[VINN_EMAIL_MAX + 1];
    char text[VINN_VERIFY_PROBLEM_TEXT];
    int64_t created_at_us;
};

/* A claim handed over to collection, with the debtor (vinn collection export). */
struct vinn_handover {
    struct vinn_invoice invoice;
    struct vinn_customer customer;
    vinn_day day;
    int64_t principal_minor;
    int64_t fees_minor;
    int64_t interest_minor;
    uint32_t letters; /* letters sent on the case before the hand-over */
    vinn_day first_letter;
    vinn_day last_letter;
};

struct vinn_policy_record {
    char name[VINN_POLICY_NAME_MAX + 1];
    int32_t priority;
    char spec[VINN_POLICY_SPEC_MAX + 1]; /* the policy as JSON */
    int64_t created_at_us;
};

struct vinn_rate_record {
    char country[3];
    bool business;
    vinn_day from;
    int32_t rate_bp;
};

typedef vinn_err (*vinn_due_fn)(void *ctx, const struct vinn_due_invoice *due);
typedef vinn_err (*vinn_case_step_fn)(void *ctx, const struct vinn_case_step *step);
typedef vinn_err (*vinn_case_event_fn)(void *ctx, const struct vinn_case_event *event);
typedef vinn_err (*vinn_handover_fn)(void *ctx, const struct vinn_handover *handover);
typedef vinn_err (*vinn_policy_fn)(void *ctx, const struct vinn_policy_record *policy);
typedef vinn_err (*vinn_message_fn)(void *ctx, const struct vinn_message *message);
typedef vinn_err (*vinn_task_fn)(void *ctx, const struct vinn_task *task);

const char *vinn_case_state_name(enum vinn_case_state state);

/* Open invoices whose next action is on or before today, the earliest
 * first, at most limit (through the index on next_action). */
VINN_MUST_USE vinn_err vinn_store_due_invoices(struct vinn_store *store, int64_t tenant_id,
                                               vinn_day today, uint32_t limit, vinn_due_fn fn,
                                               void *ctx, struct vinn_error *error);
/* The invoice's next action day (VINN_NO_DAY: none). */
VINN_MUST_USE vinn_err vinn_store_invoice_set_next_action(struct vinn_store *store,
                                                          int64_t tenant_id, int64_t invoice_id,
                                                          vinn_day day, struct vinn_error *error);
/* The day run's one write of an invoice: outstanding, status, next action. */
VINN_MUST_USE vinn_err vinn_store_invoice_set_day(struct vinn_store *store, int64_t tenant_id,
                                                  int64_t invoice_id, int64_t outstanding,
                                                  enum vinn_invoice_status status,
                                                  vinn_day next_action, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_invoice_next_action(struct vinn_store *store, int64_t tenant_id,
                                                      int64_t invoice_id, vinn_day *out,
                                                      struct vinn_error *error);
/* VINN_E_NOT_FOUND when the invoice has no case yet. */
VINN_MUST_USE vinn_err vinn_store_case_get(struct vinn_store *store, int64_t tenant_id,
                                           int64_t invoice_id, struct vinn_case_record *out,
                                           struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_case_put(struct vinn_store *store, int64_t tenant_id,
                                           const struct vinn_case_record *rec,
                                           struct vinn_error *error);
/* VINN_E_EXISTS when the step's seq is taken (the step was taken before). */
VINN_MUST_USE vinn_err vinn_store_case_step_insert(struct vinn_store *store, int64_t tenant_id,
                                                   int64_t invoice_id,
                                                   const struct vinn_case_step *step,
                                                   struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_case_steps(struct vinn_store *store, int64_t tenant_id,
                                             int64_t invoice_id, vinn_case_step_fn fn, void *ctx,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_case_event(struct vinn_store *store, int64_t tenant_id,
                                             int64_t invoice_id,
                                             const struct vinn_case_event *event,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_case_events(struct vinn_store *store, int64_t tenant_id,
                                              int64_t invoice_id, vinn_case_event_fn fn,
                                              void *ctx, struct vinn_error *error);
/* message->id allocated here (VINN_SEQ_MESSAGE); VINN_E_EXISTS for a taken idem_key. */
VINN_MUST_USE vinn_err vinn_store_message_insert(struct vinn_store *store, int64_t tenant_id,
                                                 struct vinn_message *message,
                                                 struct vinn_error *error);
/* Messages of an invoice (invoice_id > 0) or all after after_id, at most limit. */
VINN_MUST_USE vinn_err vinn_store_messages(struct vinn_store *store, int64_t tenant_id,
                                           int64_t invoice_id, int64_t after_id, uint32_t limit,
                                           vinn_message_fn fn, void *ctx,
                                           struct vinn_error *error);
/* task->id allocated here (VINN_SEQ_TASK). */
VINN_MUST_USE vinn_err vinn_store_task_insert(struct vinn_store *store, int64_t tenant_id,
                                              struct vinn_task *task, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_tasks(struct vinn_store *store, int64_t tenant_id,
                                        int64_t invoice_id, int64_t after_id, uint32_t limit,
                                        vinn_task_fn fn, void *ctx, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_handover_insert(struct vinn_store *store, int64_t tenant_id,
                                                  int64_t invoice_id, vinn_day day,
                                                  const char *currency, int64_t principal,
                                                  int64_t fees, int64_t interest,
                                                  int64_t created_at_us,
                                                  struct vinn_error *error);
/* The claims handed over on day, by invoice number. */
VINN_MUST_USE vinn_err vinn_store_handovers(struct vinn_store *store, int64_t tenant_id,
                                            vinn_day day, vinn_handover_fn fn, void *ctx,
                                            struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_policy_put(struct vinn_store *store, int64_t tenant_id,
                                             const struct vinn_policy_record *policy,
                                             struct vinn_error *error);
/* VINN_E_POLICY_NOT_FOUND when the tenant has none of that name. */
VINN_MUST_USE vinn_err vinn_store_policy_delete(struct vinn_store *store, int64_t tenant_id,
                                                const char *name, struct vinn_error *error);
/* The tenant's policies by priority, then name. */
VINN_MUST_USE vinn_err vinn_store_policies(struct vinn_store *store, int64_t tenant_id,
                                           vinn_policy_fn fn, void *ctx,
                                           struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_rate_put(struct vinn_store *store, int64_t tenant_id,
                                           const struct vinn_rate_record *rate,
                                           struct vinn_error *error);
/* The tenant's own rates of country and debtor kind, ascending; *count set;
 * VINN_E_LIMIT_EXCEEDED when more than max. */
VINN_MUST_USE vinn_err vinn_store_rates(struct vinn_store *store, int64_t tenant_id,
                                        const char *country, bool business,
                                        struct vinn_rate_record *out, uint32_t max,
                                        uint32_t *count, struct vinn_error *error);
/* Inside a transaction: claim the day of a tenant no other worker holds
 * (none claimed it, or its claim is older than lease_us and unfinished) for
 * worker; *found false when every tenant's day is claimed or done. On
 * PostgreSQL the tenant row is taken FOR UPDATE SKIP LOCKED, so two workers
 * never claim the same tenant; SQLite serialises writers. */
VINN_MUST_USE vinn_err vinn_store_tenant_claim(struct vinn_store *store, vinn_day day,
                                               const char *worker, int64_t now_us,
                                               int64_t lease_us, struct vinn_tenant *out,
                                               bool *found, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_tenant_claim_finish(struct vinn_store *store, int64_t tenant_id,
                                                      vinn_day day, int64_t now_us,
                                                      struct vinn_error *error);
/* Record that the day run of day finished for the tenant. */
VINN_MUST_USE vinn_err vinn_store_day_run_put(struct vinn_store *store, int64_t tenant_id,
                                              vinn_day day, int64_t considered, int64_t steps,
                                              int64_t finished_at_us, struct vinn_error *error);

/* Names of statuses and kinds as stored and shown; parse gives VINN_E_STATUS_UNKNOWN. */
const char *vinn_invoice_status_name(enum vinn_invoice_status status);
VINN_MUST_USE vinn_err vinn_invoice_status_parse(const char *name, enum vinn_invoice_status *out,
                                                 struct vinn_error *error);
const char *vinn_invoice_kind_name(enum vinn_invoice_kind kind);
const char *vinn_customer_kind_name(enum vinn_customer_kind kind);

/* ---- the HTTP API: keys, idempotency, audit, webhooks and events (sqlite_api.c) ---- */

enum {
    VINN_KEY_PUBLIC_ID_LEN = 16, /* hex of 8 random bytes */
    VINN_KEY_HASH_LEN = 32,      /* BLAKE2b-256 of the whole key */
    VINN_KEY_NAME_MAX = 64,
    VINN_IDEM_KEY_MAX = 255,
    VINN_URL_MAX = 512,
    VINN_WEBHOOK_SECRET_MAX = 64,
    VINN_EVENT_TYPE_MAX = 32,
    VINN_EVENT_TYPES_MAX = 512, /* a webhook's comma-separated event types, or "*" */
    VINN_AUDIT_ROUTE_MAX = 128,
    VINN_AUDIT_OBJECT_MAX = 128,
};

struct vinn_api_key {
    int64_t tenant_id;
    int64_t id;
    char public_id[VINN_KEY_PUBLIC_ID_LEN + 1];
    unsigned char hash[VINN_KEY_HASH_LEN];
    uint32_t scopes; /* bits of enum vinn_scope (app.h) */
    char name[VINN_KEY_NAME_MAX + 1];
    int64_t created_at_us;
    int64_t revoked_at_us; /* 0: in force */
    char tenant_name[VINN_TENANT_NAME_MAX + 1]; /* vinn_store_key_find only */
};

typedef vinn_err (*vinn_api_key_fn)(void *ctx, const struct vinn_api_key *key);

/* key->id allocated here (VINN_SEQ_KEY); VINN_E_EXISTS for a taken public id. */
VINN_MUST_USE vinn_err vinn_store_key_insert(struct vinn_store *store, struct vinn_api_key *key,
                                             struct vinn_error *error);
/* The key of a public id, of any tenant (authentication comes before the
 * tenant is known); VINN_E_KEY_NOT_FOUND when there is none. */
VINN_MUST_USE vinn_err vinn_store_key_find(struct vinn_store *store, const char *public_id,
                                           struct vinn_api_key *out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_keys(struct vinn_store *store, int64_t tenant_id,
                                       vinn_api_key_fn fn, void *ctx, struct vinn_error *error);
/* VINN_E_KEY_NOT_FOUND unless the tenant has the key in force. */
VINN_MUST_USE vinn_err vinn_store_key_revoke(struct vinn_store *store, int64_t tenant_id,
                                             const char *public_id, int64_t at_us,
                                             struct vinn_error *error);

/* A stored answer to a request made under an Idempotency-Key. */
struct vinn_idem_record {
    unsigned char request_hash[VINN_KEY_HASH_LEN];
    int status;
    char *body; /* malloc'd, NUL-terminated; the caller frees it */
    size_t body_len;
    int64_t created_at_us;
};

/* *found false when the key was not used. */
VINN_MUST_USE vinn_err vinn_store_idem_get(struct vinn_store *store, int64_t tenant_id,
                                           const char *idem_key, bool *found,
                                           struct vinn_idem_record *out,
                                           struct vinn_error *error);
/* VINN_E_EXISTS when the key is taken. */
VINN_MUST_USE vinn_err vinn_store_idem_put(struct vinn_store *store, int64_t tenant_id,
                                           const char *idem_key,
                                           const unsigned char request_hash[VINN_KEY_HASH_LEN],
                                           int status, const char *body, size_t body_len,
                                           int64_t at_us, struct vinn_error *error);

struct vinn_audit_record {
    int64_t id;
    int64_t at_us;
    int64_t key_id; /* 0: the operator (the command line) */
    char method[8];
    char route[VINN_AUDIT_ROUTE_MAX + 1];
    char object[VINN_AUDIT_OBJECT_MAX + 1];
    int status;
};

typedef vinn_err (*vinn_audit_fn)(void *ctx, const struct vinn_audit_record *record);

/* record->id allocated here (VINN_SEQ_AUDIT). */
VINN_MUST_USE vinn_err vinn_store_audit_insert(struct vinn_store *store, int64_t tenant_id,
                                               struct vinn_audit_record *record,
                                               struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_audit(struct vinn_store *store, int64_t tenant_id,
                                        int64_t after_id, uint32_t limit, vinn_audit_fn fn,
                                        void *ctx, struct vinn_error *error);

struct vinn_webhook {
    int64_t id;
    char url[VINN_URL_MAX + 1];
    char secret[VINN_WEBHOOK_SECRET_MAX + 1];
    char events[VINN_EVENT_TYPES_MAX + 1]; /* "*" or "invoice.created,invoice.paid" */
    int64_t created_at_us;
    int64_t revoked_at_us;
};

typedef vinn_err (*vinn_webhook_fn)(void *ctx, const struct vinn_webhook *webhook);

/* webhook->id allocated here (VINN_SEQ_WEBHOOK). */
VINN_MUST_USE vinn_err vinn_store_webhook_insert(struct vinn_store *store, int64_t tenant_id,
                                                 struct vinn_webhook *webhook,
                                                 struct vinn_error *error);
/* The tenant's webhooks in force, by id. */
VINN_MUST_USE vinn_err vinn_store_webhooks(struct vinn_store *store, int64_t tenant_id,
                                           vinn_webhook_fn fn, void *ctx,
                                           struct vinn_error *error);
/* VINN_E_WEBHOOK_NOT_FOUND unless in force; its queued deliveries fail. */
VINN_MUST_USE vinn_err vinn_store_webhook_revoke(struct vinn_store *store, int64_t tenant_id,
                                                 int64_t id, int64_t at_us,
                                                 struct vinn_error *error);

struct vinn_event {
    int64_t id;
    char type[VINN_EVENT_TYPE_MAX + 1];
    char object[VINN_AUDIT_OBJECT_MAX + 1]; /* "invoice 2026-0001" */
    const char *data;                        /* JSON; valid for the callback only */
    int64_t created_at_us;
};

typedef vinn_err (*vinn_event_record_fn)(void *ctx, const struct vinn_event *event);

/* event->id allocated here (VINN_SEQ_EVENT); a queued delivery for each
 * webhook id in webhooks[0..n). */
VINN_MUST_USE vinn_err vinn_store_event_insert(struct vinn_store *store, int64_t tenant_id,
                                               struct vinn_event *event,
                                               const int64_t *webhooks, size_t n,
                                               struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_store_events(struct vinn_store *store, int64_t tenant_id,
                                         int64_t after_id, uint32_t limit,
                                         vinn_event_record_fn fn, void *ctx,
                                         struct vinn_error *error);

enum vinn_delivery_status {
    VINN_DELIVERY_QUEUED = 0,
    VINN_DELIVERY_SENT = 1,
    VINN_DELIVERY_FAILED = 2,
};

struct vinn_delivery {
    int64_t webhook_id;
    int64_t event_id;
    enum vinn_delivery_status status;
    int32_t attempts;
    int64_t next_attempt_at_us;
    char last_error[VINN_ERROR_MESSAGE_MAX];
    int32_t response_status;
    int64_t sent_at_us;
    /* with vinn_store_deliveries_due: */
    char url[VINN_URL_MAX + 1];
    char secret[VINN_WEBHOOK_SECRET_MAX + 1];
    struct vinn_event event;
};

typedef vinn_err (*vinn_delivery_fn)(void *ctx, const struct vinn_delivery *delivery);

/* Queued deliveries due at now_us, by event then webhook, at most limit. */
VINN_MUST_USE vinn_err vinn_store_deliveries_due(struct vinn_store *store, int64_t tenant_id,
                                                 int64_t now_us, uint32_t limit,
                                                 vinn_delivery_fn fn, void *ctx,
                                                 struct vinn_error *error);
/* Record an attempt: status, attempts, next_attempt_at, last_error,
 * response_status and sent_at from d. */
VINN_MUST_USE vinn_err vinn_store_delivery_update(struct vinn_store *store, int64_t tenant_id,
                                                  const struct vinn_delivery *d,
                                                  struct vinn_error *error);
/* Deliveries of an event (event_id > 0) or all, by event then webhook. */
VINN_MUST_USE vinn_err vinn_store_deliveries(struct vinn_store *store, int64_t tenant_id,
                                             int64_t event_id, uint32_t limit,
                                             vinn_delivery_fn fn, void *ctx,
                                             struct vinn_error *error);

/* Transactions nest: a begin inside a transaction is a savepoint, its
 * commit releases it and its rollback undoes only what came after it. The
 * server's writer commits many requests in one transaction this way, each
 * request in its own savepoint (group commit). */
unsigned vinn_store_txn_depth(struct vinn_store *store);

/* Light nesting, for the server's writer: while on, a begin inside a
 * transaction opens no savepoint and costs nothing (on SQLite a savepoint
 * copies every page it changes first, which was most of a request's time;
 * on PostgreSQL it costs two round trips). In exchange a rollback inside
 * it cannot undo its own part alone: unless the level changed nothing, it
 * breaks the transaction, and the outermost commit then refuses and rolls
 * everything back. The caller rolls back and does the work again with
 * savepoints when vinn_store_broken says so, or when a part failed and
 * vinn_store_mark moved during it. False: the backend has no light
 * nesting, and nesting stays savepoints (both backends have it). */
bool vinn_store_light(struct vinn_store *store, bool on);
/* A number that moves whenever this connection changes something: a row,
 * an id drawn, a balance. 0 where vinn_store_light is false. */
uint64_t vinn_store_mark(struct vinn_store *store);
/* A light level was rolled back: only a rollback of all may follow. */
bool vinn_store_broken(struct vinn_store *store);

/* Whether another connection may have changed what a connection keeps in
 * memory (settings, policies, webhooks) since this one last asked (always
 * true the first time, and where the backend cannot tell): it must then be
 * read again. SQLite: any commit of another connection (PRAGMA
 * data_version). PostgreSQL: config_version, which every change of those
 * moves, as the transaction's BEGIN read it (no round trip of its own), or
 * read now outside a transaction. */
bool vinn_store_changed_elsewhere(struct vinn_store *store);

/* Checkpoints in the caller's hands, for the server: while off, no commit
 * of this connection copies the log into the database (SQLite's automatic
 * checkpoint, which holds the commit up for as long as the copy and its
 * fsync take), and vinn_store_checkpoint does it, from another thread on
 * another connection. False: the backend has no such log (PostgreSQL), and
 * vinn_store_checkpoint does nothing. */
bool vinn_store_auto_checkpoint(struct vinn_store *store, bool on);
VINN_MUST_USE vinn_err vinn_store_checkpoint(struct vinn_store *store, struct vinn_error *error);
/* The pages in the log as this connection last saw them: after its last
 * commit, or its last vinn_store_checkpoint (0 where there is no such
 * log). SQLite writes the log from its start again only when a write
 * transaction begins after all of it was copied into the database; under
 * steady writes that needs the writer's help: past a limit, it checkpoints
 * itself between two transactions (the checkpoint thread has copied most
 * of it by then), or the log grows without end, and every sync of it must
 * write the file's new size as well. */
uint32_t vinn_store_log_pages(struct vinn_store *store);

/* Durability in the caller's hands, for the server's writer: while on, a
 * commit of this connection is kept if the process dies, and visible to
 * other connections at once, but survives a power loss only once
 * vinn_store_sync has returned after it. So a caller answers for a commit
 * after the sync, and one sync answers for every commit before it while
 * the next ones go on. vinn_store_sync may run on another thread while
 * the connection is in use. False: every commit is durable as it returns
 * (PostgreSQL, or the log could not be opened), and vinn_store_sync does
 * nothing. */
bool vinn_store_sync_later(struct vinn_store *store, bool on);
VINN_MUST_USE vinn_err vinn_store_sync(struct vinn_store *store, struct vinn_error *error);

/* Statements that run past after_us microseconds from now stop with
 * VINN_E_TIMEOUT (the server's time per request); 0: no deadline. */
void vinn_store_deadline(struct vinn_store *store, int64_t after_us);

#endif
