/* ledger.c - postings and balanced transactions. */
#include "core/ledger.h"

#include <string.h>

#include "base/assert.h"
#include "core/banned.h"

static const struct {
    enum vinn_account_kind kind;
    const char *name;
} account_kinds[] = {
    {VINN_ACCOUNT_PRINCIPAL, "principal"},
    {VINN_ACCOUNT_FEES, "fees"},
    {VINN_ACCOUNT_INTEREST, "interest"},
    {VINN_ACCOUNT_CREDIT, "credit"},
    {VINN_ACCOUNT_CASH, "cash"},
    {VINN_ACCOUNT_REVENUE, "revenue"},
    {VINN_ACCOUNT_VAT, "vat"},
    {VINN_ACCOUNT_FEE_INCOME, "fee_income"},
    {VINN_ACCOUNT_INTEREST_INCOME, "interest_income"},
    {VINN_ACCOUNT_LOSS, "loss"},
    {VINN_ACCOUNT_UNMATCHED, "unmatched"},
    {VINN_ACCOUNT_PAYOUT, "payout"},
};

enum { ACCOUNT_KINDS_COUNT = sizeof(account_kinds) / sizeof(account_kinds[0]) };

const char *vinn_account_kind_name(enum vinn_account_kind kind)
{
    for (size_t i = 0; i < ACCOUNT_KINDS_COUNT; i++) {
        if (account_kinds[i].kind == kind) {
            return account_kinds[i].name;
        }
    }
    return NULL;
}

vinn_err vinn_account_kind_parse(const char *name, enum vinn_account_kind *out,
                                 struct vinn_error *error)
{
    for (size_t i = 0; name != NULL && i < ACCOUNT_KINDS_COUNT; i++) {
        if (strcmp(account_kinds[i].name, name) == 0) {
            *out = account_kinds[i].kind;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_ACCOUNT_KIND_UNKNOWN, "kind", "account kind '%.32s' is unknown",
                     name ? name : "");
}

bool vinn_account_kind_is_known(int kind)
{
    return vinn_account_kind_name((enum vinn_account_kind)kind) != NULL;
}

bool vinn_account_kind_is_receivable(enum vinn_account_kind kind)
{
    return kind == VINN_ACCOUNT_PRINCIPAL || kind == VINN_ACCOUNT_FEES ||
           kind == VINN_ACCOUNT_INTEREST;
}

bool vinn_account_kind_is_customer(enum vinn_account_kind kind)
{
    return vinn_account_kind_is_receivable(kind) || kind == VINN_ACCOUNT_CREDIT;
}

void vinn_txn_init(struct vinn_txn *txn, const char *currency)
{
    VINN_ASSERT(txn != NULL);
    VINN_ASSERT(currency != NULL && strlen(currency) == 3);
    memcpy(txn->currency, currency, 4);
    txn->postings_count = 0;
}

vinn_err vinn_txn_add(struct vinn_txn *txn, enum vinn_account_kind kind, int64_t customer_id,
                      int64_t invoice_id, int64_t amount_minor)
{
    if (amount_minor == 0) {
        return VINN_OK;
    }
    if (txn->postings_count >= VINN_TXN_POSTINGS_MAX) {
        return VINN_E_TXN_TOO_MANY_POSTINGS;
    }
    struct vinn_posting *p = &txn->postings[txn->postings_count++];
    p->kind = kind;
    p->customer_id = customer_id;
    p->invoice_id = invoice_id;
    p->amount_minor = amount_minor;
    return VINN_OK;
}

static vinn_err posting_check(const struct vinn_posting *p, uint32_t i, struct vinn_error *error)
{
    if (!vinn_account_kind_is_known((int)p->kind)) {
        return vinn_fail(error, VINN_E_ACCOUNT_KIND_UNKNOWN, "postings",
                         "posting %u has unknown account kind %d", i, (int)p->kind);
    }
    if (p->amount_minor == 0) {
        return vinn_fail(error, VINN_E_POSTING_ZERO, "postings", "posting %u is zero", i);
    }
    bool needs_customer = vinn_account_kind_is_customer(p->kind);
    if (needs_customer != (p->customer_id > 0)) {
        return vinn_fail(error, VINN_E_ACCOUNT_KIND_UNKNOWN, "postings",
                         "posting %u: account '%s' %s a customer", i,
                         vinn_account_kind_name(p->kind), needs_customer ? "needs" : "takes no");
    }
    return VINN_OK;
}

vinn_err vinn_txn_check(const struct vinn_txn *txn, struct vinn_error *error)
{
    if (txn->postings_count == 0) {
        return vinn_fail(error, VINN_E_TXN_EMPTY, "postings", "transaction has no postings");
    }
    int64_t sum = 0;
    for (uint32_t i = 0; i < txn->postings_count; i++) {
        vinn_err rc = posting_check(&txn->postings[i], i, error);
        if (rc != VINN_OK) {
            return rc;
        }
        if (__builtin_add_overflow(sum, txn->postings[i].amount_minor, &sum)) {
            return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "postings",
                             "transaction sum overflows at posting %u", i);
        }
    }
    if (sum != 0) {
        return vinn_fail(error, VINN_E_TXN_UNBALANCED, "postings",
                         "transaction does not balance: postings sum to %lld", (long long)sum);
    }
    return VINN_OK;
}

int64_t vinn_txn_invoice_delta(const struct vinn_txn *txn, int64_t invoice_id)
{
    int64_t delta = 0;
    for (uint32_t i = 0; i < txn->postings_count; i++) {
        const struct vinn_posting *p = &txn->postings[i];
        if (p->invoice_id == invoice_id && vinn_account_kind_is_receivable(p->kind)) {
            VINN_ASSERT(!__builtin_add_overflow(delta, p->amount_minor, &delta));
        }
    }
    return delta;
}

static vinn_err amounts_check(int64_t net, int64_t vat, int64_t *gross, struct vinn_error *error)
{
    if (vat < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "vat",
                         "vat %lld must not be negative", (long long)vat);
    }
    if (__builtin_add_overflow(net, vat, gross)) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "amount", "net plus vat overflows");
    }
    if (*gross <= 0 || net == INT64_MIN) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount",
                         "amount %lld must be positive", (long long)*gross);
    }
    return VINN_OK;
}

vinn_err vinn_ledger_invoice(struct vinn_txn *txn, int64_t customer_id, int64_t invoice_id,
                             int64_t net_minor, int64_t vat_minor, struct vinn_error *error)
{
    VINN_ASSERT(customer_id > 0 && invoice_id > 0);
    int64_t gross = 0;
    vinn_err rc = amounts_check(net_minor, vat_minor, &gross, error);
    if (rc != VINN_OK) {
        return rc;
    }
    txn->postings_count = 0;
    /* Three postings cannot fill a transaction: the adds cannot fail. */
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_PRINCIPAL, customer_id, invoice_id, gross) ==
                VINN_OK);
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_REVENUE, 0, invoice_id, -net_minor) == VINN_OK);
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_VAT, 0, invoice_id, -vat_minor) == VINN_OK);
    return vinn_txn_check(txn, error);
}

vinn_err vinn_ledger_credit(struct vinn_txn *txn, int64_t customer_id, int64_t invoice_id,
                            int64_t net_minor, int64_t vat_minor, int64_t principal_outstanding,
                            struct vinn_error *error)
{
    VINN_ASSERT(customer_id > 0 && invoice_id > 0);
    VINN_ASSERT(principal_outstanding >= 0);
    int64_t gross = 0;
    vinn_err rc = amounts_check(net_minor, vat_minor, &gross, error);
    if (rc != VINN_OK) {
        return rc;
    }
    int64_t off_receivable = gross < principal_outstanding ? gross : principal_outstanding;
    txn->postings_count = 0;
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_REVENUE, 0, invoice_id, net_minor) == VINN_OK);
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_VAT, 0, invoice_id, vat_minor) == VINN_OK);
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_PRINCIPAL, customer_id, invoice_id,
                             -off_receivable) == VINN_OK);
    VINN_ASSERT(vinn_txn_add(txn, VINN_ACCOUNT_CREDIT, customer_id, invoice_id,
                             -(gross - off_receivable)) == VINN_OK);
    return vinn_txn_check(txn, error);
}
