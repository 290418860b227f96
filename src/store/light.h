/*
 * light.h - light nesting (vinn_store_light in store.h), kept the same way
 * by both backends: which levels of the open transaction were begun
 * without a savepoint, the mark (vinn_store_mark) each began at, and
 * whether the rollback of one that had changed something has broken the
 * transaction. Internal to src/store; each backend embeds a struct
 * store_light and asks it at begin, commit and rollback of a nested level.
 */
#ifndef VINN_STORE_LIGHT_H
#define VINN_STORE_LIGHT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

/* Nesting depth a backend may reach (its savepoints' limit, at most this). */
enum { STORE_LIGHT_DEPTH_MAX = 8 };

struct store_light {
    bool on;         /* nested levels begin light */
    bool broken;     /* only a rollback of all may follow */
    uint32_t levels; /* bit d: the level at depth d is light */
    uint64_t marks[STORE_LIGHT_DEPTH_MAX + 1];
};

/* A new transaction: no light level, nothing broken. */
static inline void store_light_reset(struct store_light *l)
{
    l->broken = false;
    l->levels = 0;
}

/* Begin the level at depth light when light nesting is on (false: the
 * backend opens a savepoint). */
static inline bool store_light_begin(struct store_light *l, unsigned depth, uint64_t mark)
{
    if (!l->on) {
        return false;
    }
    l->levels |= 1u << depth;
    l->marks[depth] = mark;
    return true;
}

/* End the level at depth if it is light (false: it is a savepoint). A
 * rollback of one whose mark has moved since it began breaks the
 * transaction: there is no savepoint to go back to. */
static inline bool store_light_end(struct store_light *l, unsigned depth, bool rollback,
                                   uint64_t mark)
{
    if (depth <= 1 || (l->levels & (1u << depth)) == 0) {
        return false;
    }
    l->levels &= ~(1u << depth);
    if (rollback && mark != l->marks[depth]) {
        l->broken = true;
    }
    return true;
}

/* The outermost commit of a broken transaction, which the backend has
 * rolled back. */
static inline vinn_err store_light_refused(struct vinn_error *error)
{
    return vinn_fail(error, VINN_E_STORE, "",
                     "a part of the transaction was rolled back without a savepoint: "
                     "nothing of it is kept");
}

#endif
