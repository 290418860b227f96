/*
 * ledger.h - double-entry rules: accounts, postings, balanced transactions.
 *
 * Accounts are identified by (tenant, customer, kind, currency); the tenant
 * is implicit here (the store adds it). Customer accounts (principal, fees,
 * interest receivable and the credit balance) carry a customer id > 0;
 * the tenant's own accounts (cash, revenue, VAT, income, losses, suspense)
 * carry customer 0.
 *
 * Signs: a debit is positive, a credit negative. Every transaction sums to
 * zero (one currency per transaction). Receivable accounts are debit-normal,
 * so an invoice's outstanding amount is the sum of its postings on the
 * receivable kinds (principal + fees + interest) that name the invoice.
 *
 * Pure: builders fill a caller-owned struct vinn_txn; the store persists it.
 */
#ifndef VINN_CORE_LEDGER_H
#define VINN_CORE_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/limits.h"

/* Stored as integers: numbers never change. */
enum vinn_account_kind {
    VINN_ACCOUNT_PRINCIPAL = 1,        /* customer: invoiced principal receivable */
    VINN_ACCOUNT_FEES = 2,             /* customer: reminder and collection fees receivable */
    VINN_ACCOUNT_INTEREST = 3,         /* customer: late interest receivable */
    VINN_ACCOUNT_CREDIT = 4,           /* customer: credit balance we owe the customer */
    VINN_ACCOUNT_CASH = 10,            /* tenant: money in the bank */
    VINN_ACCOUNT_REVENUE = 11,         /* tenant: sales, net of VAT */
    VINN_ACCOUNT_VAT = 12,             /* tenant: output VAT payable */
    VINN_ACCOUNT_FEE_INCOME = 13,      /* tenant: fees earned */
    VINN_ACCOUNT_INTEREST_INCOME = 14, /* tenant: late interest earned */
    VINN_ACCOUNT_LOSS = 15,            /* tenant: credit losses (write-offs) */
    VINN_ACCOUNT_UNMATCHED = 16,       /* tenant: money received, not yet matched */
    VINN_ACCOUNT_PAYOUT = 17,          /* tenant: refunds to pay out */
};

struct vinn_posting {
    enum vinn_account_kind kind;
    int64_t customer_id; /* 0 for tenant accounts */
    int64_t invoice_id;  /* 0 when the posting is not about one invoice */
    int64_t amount_minor;
};

struct vinn_txn {
    char currency[4];
    uint32_t postings_count;
    struct vinn_posting postings[VINN_TXN_POSTINGS_MAX];
};

/* "principal", "fees", ...; NULL for an unknown kind. */
const char *vinn_account_kind_name(enum vinn_account_kind kind);
VINN_MUST_USE vinn_err vinn_account_kind_parse(const char *name, enum vinn_account_kind *out,
                                               struct vinn_error *error);
bool vinn_account_kind_is_known(int kind);
/* Principal, fees, interest: what the customer owes on an invoice. */
bool vinn_account_kind_is_receivable(enum vinn_account_kind kind);
/* Kinds that belong to one customer (receivables and the credit balance). */
bool vinn_account_kind_is_customer(enum vinn_account_kind kind);

/* An empty transaction in currency (three upper-case letters, asserted). */
void vinn_txn_init(struct vinn_txn *txn, const char *currency);
/* Append a posting; an amount of 0 adds nothing. VINN_E_TXN_TOO_MANY_POSTINGS
 * when full; the transaction is unchanged on failure. */
VINN_MUST_USE vinn_err vinn_txn_add(struct vinn_txn *txn, enum vinn_account_kind kind,
                                    int64_t customer_id, int64_t invoice_id, int64_t amount_minor);
/* Check a transaction before it is stored: not empty, no zero posting, known
 * kinds, customer kinds with a customer and tenant kinds without one, and a
 * sum of exactly zero (overflow-checked). VINN_E_TXN_EMPTY, VINN_E_POSTING_ZERO,
 * VINN_E_ACCOUNT_KIND_UNKNOWN, VINN_E_TXN_UNBALANCED, VINN_E_AMOUNT_OVERFLOW. */
VINN_MUST_USE vinn_err vinn_txn_check(const struct vinn_txn *txn, struct vinn_error *error);
/* The change this transaction makes to invoice_id's outstanding amount: the
 * sum of its receivable postings naming the invoice. The transaction must have
 * passed vinn_txn_check (so the sum cannot overflow). */
int64_t vinn_txn_invoice_delta(const struct vinn_txn *txn, int64_t invoice_id);

/*
 * An invoice is issued: the customer owes gross = net + vat.
 *   principal (customer, invoice)  +gross
 *   revenue                        -net
 *   VAT                            -vat
 * net + vat must be positive and not overflow; vat >= 0.
 */
VINN_MUST_USE vinn_err vinn_ledger_invoice(struct vinn_txn *txn, int64_t customer_id,
                                           int64_t invoice_id, int64_t net_minor, int64_t vat_minor,
                                           struct vinn_error *error);
/*
 * A credit note of gross = net + vat against an invoice whose principal
 * outstanding is principal_outstanding. Revenue and VAT are reversed; the
 * principal receivable falls by at most what is outstanding, and the rest
 * (a credit on an invoice already paid) becomes the customer's credit
 * balance:
 *   revenue                        +net
 *   VAT                            +vat
 *   principal (customer, invoice)  -min(gross, principal_outstanding)
 *   credit balance (customer)      -(gross - that)
 */
VINN_MUST_USE vinn_err vinn_ledger_credit(struct vinn_txn *txn, int64_t customer_id,
                                          int64_t invoice_id, int64_t net_minor, int64_t vat_minor,
                                          int64_t principal_outstanding, struct vinn_error *error);

#endif
