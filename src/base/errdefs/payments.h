/* Error codes 650-749: core/match and core/alloc (payments). Numbers never change. */
#ifndef VINN_ERRDEFS_PAYMENTS_H
#define VINN_ERRDEFS_PAYMENTS_H
#define VINN_ERR_MAP_PAYMENTS(X)                                                                   \
    X(E_ALLOC_ORDER, 650, 400, "allocation order must name fees, interest and principal once each") \
    X(E_ALLOC_TOO_MANY_INVOICES, 651, 422, "too many invoices for one allocation")                 \
    X(E_ALLOC_OWED_NEGATIVE, 652, 422, "an invoice part owes a negative amount")                   \
    X(E_PAYMENT_NOT_FOUND, 653, 404, "payment not found")                                          \
    X(E_PAYMENT_NOT_UNMATCHED, 654, 409, "payment is not waiting in the unmatched queue")          \
    X(E_PAYMENT_NO_CREDIT, 655, 409, "customer has no credit balance to refund")                   \
    X(E_PAYMENT_CURRENCY, 656, 422, "payment currency differs from the invoice currency")          \
    X(E_INVOICE_NOT_OPEN, 657, 409, "invoice has nothing outstanding")                             \
    X(E_PAYMENT_REVERSAL_UNKNOWN, 658, 422, "reversal matches no payment")
#endif
