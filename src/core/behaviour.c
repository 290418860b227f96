/* behaviour.c - the payer model of simulations: splitmix64 draws. */
#include "core/behaviour.h"

#include "core/banned.h"

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

const char *vinn_payer_name(enum vinn_payer payer)
{
    switch (payer) {
    case VINN_PAYER_ON_TIME:
        return "on_time";
    case VINN_PAYER_LATE:
        return "late";
    case VINN_PAYER_AFTER_REMINDER:
        return "after_reminder";
    case VINN_PAYER_NEVER:
        return "never";
    }
    return "unknown";
}

enum vinn_payer vinn_behaviour_payer(uint64_t seed, int64_t customer_id)
{
    uint64_t r = mix(seed ^ mix((uint64_t)customer_id)) % 100;
    if (r < 60) {
        return VINN_PAYER_ON_TIME;
    }
    if (r < 75) {
        return VINN_PAYER_LATE;
    }
    return r < 95 ? VINN_PAYER_AFTER_REMINDER : VINN_PAYER_NEVER;
}

int32_t vinn_behaviour_delay(uint64_t seed, int64_t invoice_id, enum vinn_payer payer)
{
    uint64_t r = mix(mix(seed + 1) ^ (uint64_t)invoice_id);
    switch (payer) {
    case VINN_PAYER_ON_TIME:
        return -(int32_t)(r % 6);
    case VINN_PAYER_LATE:
        return 1 + (int32_t)(r % 25);
    case VINN_PAYER_AFTER_REMINDER:
        return 1 + (int32_t)(r % 10);
    case VINN_PAYER_NEVER:
        break;
    }
    return 0;
}
