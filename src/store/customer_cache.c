/*
 * customer_cache.c - see customer_cache.h. A direct-mapped table: a
 * customer's slot is a hash of her tenant and id, and a newcomer takes the
 * slot of whoever was there. 512 slots of about 1 KiB each.
 */
#include "store/customer_cache.h"

#include <stdlib.h>
#include <string.h>

enum { SLOTS = 512 };

struct slot {
    bool used;
    bool pending; /* read or added by the open transaction */
    int64_t tenant_id;
    struct vinn_customer customer;
};

struct customer_cache {
    struct slot slots[SLOTS];
    uint16_t pending[SLOTS]; /* the slots made pending since the last commit or undo */
    uint32_t pending_count;
};

_Static_assert((SLOTS & (SLOTS - 1)) == 0, "SLOTS is a power of two");

/* FNV-1a over the tenant id's bytes and the customer's id. */
static uint32_t slot_of(int64_t tenant_id, const char *ext_id)
{
    uint64_t h = 14695981039346656037ULL;
    uint64_t t = (uint64_t)tenant_id;
    for (int i = 0; i < 8; i++, t >>= 8) {
        h = (h ^ (t & 0xff)) * 1099511628211ULL;
    }
    for (const unsigned char *p = (const unsigned char *)ext_id; *p != '\0'; p++) {
        h = (h ^ *p) * 1099511628211ULL;
    }
    return (uint32_t)(h ^ (h >> 32)) & (SLOTS - 1);
}

void customer_cache_free(struct customer_cache *cache)
{
    free(cache);
}

bool customer_cache_get(const struct customer_cache *cache, int64_t tenant_id, const char *ext_id,
                        bool in_txn, struct vinn_customer *out)
{
    if (cache == NULL) {
        return false;
    }
    const struct slot *s = &cache->slots[slot_of(tenant_id, ext_id)];
    if (!s->used || s->tenant_id != tenant_id || (s->pending && !in_txn) ||
        strcmp(s->customer.ext_id, ext_id) != 0) {
        return false;
    }
    *out = s->customer;
    return true;
}

void customer_cache_put(struct customer_cache **cache, int64_t tenant_id,
                        const struct vinn_customer *customer, bool in_txn)
{
    if (*cache == NULL && (*cache = calloc(1, sizeof(**cache))) == NULL) {
        return;
    }
    struct customer_cache *c = *cache;
    uint32_t i = slot_of(tenant_id, customer->ext_id);
    struct slot *s = &c->slots[i];
    if (in_txn && !s->pending) {
        /* at most one entry per slot in the list: a slot joins it when it
         * turns pending, and commit or undo empties it */
        c->pending[c->pending_count++] = (uint16_t)i;
    }
    s->used = true;
    s->pending = s->pending || in_txn;
    s->tenant_id = tenant_id;
    s->customer = *customer;
}

void customer_cache_commit(struct customer_cache *cache)
{
    if (cache == NULL) {
        return;
    }
    for (uint32_t k = 0; k < cache->pending_count; k++) {
        cache->slots[cache->pending[k]].pending = false;
    }
    cache->pending_count = 0;
}

void customer_cache_undo(struct customer_cache *cache)
{
    if (cache == NULL) {
        return;
    }
    for (uint32_t k = 0; k < cache->pending_count; k++) {
        struct slot *s = &cache->slots[cache->pending[k]];
        if (s->pending) {
            s->used = false;
            s->pending = false;
        }
    }
    cache->pending_count = 0;
}
