/*
 * customer_cache.h - the customers a store connection has read or added,
 * kept by (tenant, the merchant's id), so that the next invoice of the
 * same customer does not read her again. Internal to src/store: each
 * backend keeps one per connection.
 *
 * A customer never changes once added (no statement updates or deletes
 * one), so what another connection or process commits cannot make a kept
 * customer wrong. An operation that changes customers one day must drop
 * them here, and tell the other connections (PostgreSQL: as the
 * config_version does).
 *
 * What a transaction reads or adds is its own until it commits: kept as
 * pending, found only inside a transaction, dropped by any rollback (a
 * savepoint's too), by a failed commit and at the next BEGIN, kept for
 * good by the commit. So a customer added by a transaction that is undone
 * is never found afterwards.
 */
#ifndef VINN_STORE_CUSTOMER_CACHE_H
#define VINN_STORE_CUSTOMER_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct customer_cache;

void customer_cache_free(struct customer_cache *cache);

/* The customer with ext_id, into *out; false when not kept (or pending and
 * in_txn false). */
bool customer_cache_get(const struct customer_cache *cache, int64_t tenant_id, const char *ext_id,
                        bool in_txn, struct vinn_customer *out);

/* Keep a customer just read or added: pending when in_txn. The cache is
 * made at the first put; out of memory keeps nothing. */
void customer_cache_put(struct customer_cache **cache, int64_t tenant_id,
                        const struct vinn_customer *customer, bool in_txn);

/* The transaction committed: what it kept is kept for good. */
void customer_cache_commit(struct customer_cache *cache);

/* Drop what is pending: a rollback, a failed commit, a new transaction. */
void customer_cache_undo(struct customer_cache *cache);

#endif
