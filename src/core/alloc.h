/*
 * alloc.h - how a payment is spread over what a customer owes.
 *
 * Inside one invoice the payment goes to the parts in the tenant's order,
 * by default costs (fees), then interest, then principal: Norwegian
 * collection practice (inkassoguiden.no; no statutory order exists, see
 * Lovavdelingen 1999/11444 in DOMAIN.md 2.1, so the order is configuration).
 * Across invoices of one customer the oldest due date goes first (then the
 * lower invoice id). What is left after every part of every invoice is paid
 * is the remainder: the customer's credit balance.
 *
 * Invariants: every paid amount is >= 0 and at most what the part owed; the
 * paid amounts and the remainder sum exactly to the payment; no part of a
 * later invoice is paid while an earlier one still owes. Pure.
 */
#ifndef VINN_CORE_ALLOC_H
#define VINN_CORE_ALLOC_H

#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

enum vinn_alloc_part { VINN_PART_FEES = 0, VINN_PART_INTEREST = 1, VINN_PART_PRINCIPAL = 2 };

enum {
    VINN_PARTS_COUNT = 3,
    /* Invoices in one allocation: a payment spread over more open invoices
     * of one customer than this is a case for a person. */
    VINN_ALLOC_INVOICES_MAX = 64,
};

struct vinn_alloc_order {
    enum vinn_alloc_part parts[VINN_PARTS_COUNT];
};

/* The default order: fees, interest, principal. */
struct vinn_alloc_order vinn_alloc_order_default(void);

/*
 * Parse "fees,interest,principal" (any order, each exactly once, spaces
 * allowed around names). VINN_E_ALLOC_ORDER (field "allocation_order")
 * otherwise; *out unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_alloc_order_parse(const char *text, struct vinn_alloc_order *out,
                                              struct vinn_error *error);
/* Write the order as "fees,interest,principal" into out (cap >= 32). */
void vinn_alloc_order_format(const struct vinn_alloc_order *order, char *out, size_t cap);

/* "fees", "interest", "principal". */
const char *vinn_alloc_part_name(enum vinn_alloc_part part);

struct vinn_alloc_invoice {
    int64_t invoice_id;
    vinn_day due_date;
    int64_t owed[VINN_PARTS_COUNT]; /* >= 0, indexed by enum vinn_alloc_part */
};

struct vinn_alloc_item {
    int64_t invoice_id;
    int64_t paid[VINN_PARTS_COUNT]; /* indexed by enum vinn_alloc_part */
    int64_t paid_total;
};

struct vinn_alloc_result {
    uint32_t items_count; /* invoices that received something, in the order paid */
    struct vinn_alloc_item items[VINN_ALLOC_INVOICES_MAX];
    int64_t remainder; /* not needed by any invoice: credit balance */
};

/*
 * Spread amount (>= 0) over invoices[0..n) (any order; sorted here by due
 * date, then id) in the parts order. Errors: VINN_E_AMOUNT_MUST_BE_POSITIVE
 * (field "amount") for a negative amount; VINN_E_ALLOC_TOO_MANY_INVOICES
 * when n > VINN_ALLOC_INVOICES_MAX; VINN_E_ALLOC_OWED_NEGATIVE
 * ("invoices[i].owed"); VINN_E_AMOUNT_OVERFLOW when the sum owed overflows.
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_alloc_payment(int64_t amount, const struct vinn_alloc_invoice *invoices,
                                          uint32_t n, const struct vinn_alloc_order *order,
                                          struct vinn_alloc_result *out, struct vinn_error *error);

#endif
