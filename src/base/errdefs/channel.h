/* Error codes 840-859: core/channel (which channel a message goes by).
 * Numbers never change. */
#ifndef VINN_ERRDEFS_CHANNEL_H
#define VINN_ERRDEFS_CHANNEL_H
#define VINN_ERR_MAP_CHANNEL(X)                                                                    \
    X(E_CHANNEL_NONE, 840, 422, "no channel reaches the customer without paper")                   \
    X(E_CHANNEL_NEEDS_ADDRESS, 841, 422, "customer's channel needs its address or number")         \
    X(E_CHANNEL_PAPER_REFUSED, 842, 422, "customer on direct debit or e-invoice gets no paper")
#endif
