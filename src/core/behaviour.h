/*
 * behaviour.h - how customers pay, as a deterministic model for simulations.
 *
 * Each customer is one kind of payer, drawn from a seed and her id: on time
 * (60 %: by the due date, up to 5 days early), late (15 %: 1 to 25 days
 * after the due date, whatever the letters say), after a reminder (20 %: 1
 * to 10 days after the first reminder reaches her) or never (5 %). The
 * draws are a hash (splitmix64) of the seed and the ids: the same seed gives
 * the same half year every time. Pure.
 */
#ifndef VINN_CORE_BEHAVIOUR_H
#define VINN_CORE_BEHAVIOUR_H

#include <stdint.h>

enum vinn_payer {
    VINN_PAYER_ON_TIME = 0,
    VINN_PAYER_LATE = 1,
    VINN_PAYER_AFTER_REMINDER = 2,
    VINN_PAYER_NEVER = 3,
};

/* "on_time", "late", "after_reminder", "never". */
const char *vinn_payer_name(enum vinn_payer payer);

/* The kind of payer a customer is. */
enum vinn_payer vinn_behaviour_payer(uint64_t seed, int64_t customer_id);

/* Days from the due date (on time, late) or from the first reminder (after
 * a reminder) to the payment of one invoice; 0 for never. */
int32_t vinn_behaviour_delay(uint64_t seed, int64_t invoice_id, enum vinn_payer payer);

#endif
