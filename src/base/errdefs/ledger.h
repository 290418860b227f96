/* Error codes 550-649: core/ledger. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_LEDGER_H
#define VINN_ERRDEFS_LEDGER_H
#define VINN_ERR_MAP_LEDGER(X)                                                                     \
    X(E_TXN_UNBALANCED, 550, 422, "transaction does not balance")                                  \
    X(E_TXN_EMPTY, 551, 422, "transaction has no postings")                                        \
    X(E_TXN_TOO_MANY_POSTINGS, 552, 422, "transaction has too many postings")                      \
    X(E_POSTING_ZERO, 553, 422, "posting amount is zero")                                          \
    X(E_ACCOUNT_KIND_UNKNOWN, 554, 422, "unknown account kind")                                    \
    X(E_LEDGER_MISMATCH, 555, 500, "ledger balance does not match its postings")
#endif
