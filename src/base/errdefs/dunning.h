/* Error codes 750-799: core/law and core/dunning. Numbers never change. */
#ifndef VINN_ERRDEFS_DUNNING_H
#define VINN_ERRDEFS_DUNNING_H
#define VINN_ERR_MAP_DUNNING(X)                                                                    \
    X(E_POLICY_INVALID, 750, 422, "dunning policy is not valid")                                   \
    X(E_LAW_FEE_CAP, 751, 422, "fee is above the legal cap")                                       \
    X(E_LAW_FEE_CURRENCY, 752, 422, "fee is not in the currency of the law's cap")                 \
    X(E_LAW_FEE_NOT_AGREED, 753, 422, "reminder fee needs the debtor's agreement")                 \
    X(E_LAW_FEE_TOO_EARLY, 754, 422, "fee-bearing letter is too early after the due date")         \
    X(E_LAW_FEE_GAP, 755, 422, "fee-bearing letters are too close together")                       \
    X(E_LAW_FEE_DEADLINE, 756, 422, "second fee needs a missed deadline in the previous letter")   \
    X(E_LAW_FEE_COMPENSATION, 757, 422, "no letter fee after the fixed compensation")              \
    X(E_LAW_FEE_LETTERS, 758, 422, "too many fee-bearing letters for one claim")                   \
    X(E_LAW_COMPENSATION, 759, 422, "fixed compensation only for business debtors")                \
    X(E_LAW_NOTICE_DEADLINE, 760, 422, "notice deadline is shorter than the law's")                \
    X(E_LAW_NOTICE_MISSING, 761, 422, "hand-over to collection needs a notice whose deadline passed") \
    X(E_POLICY_BREAKS_LAW, 762, 422, "dunning policy breaks the law")                              \
    X(E_POLICY_NOT_FOUND, 763, 404, "dunning policy not found")
#endif
