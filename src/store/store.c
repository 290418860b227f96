/*
 * store.c - the front of store.h: opens the backend a URL names and
 * forwards every operation to it through its table (backend.h).
 *
 * A URL that starts with postgres:// or postgresql:// is a PostgreSQL
 * connection string (libpq's own syntax); anything else is an SQLite file
 * path, optionally written sqlite:path or sqlite://path.
 */
#include "store/store.h"

#include <string.h>

#include "base/assert.h"
#include "store/backend.h"

static bool is_postgres_url(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

vinn_err vinn_store_open(const char *url, bool create, struct vinn_store **out,
                         struct vinn_error *error)
{
    VINN_ASSERT(url != NULL);
    struct vinn_store *store = NULL;
    vinn_err rc = is_postgres_url(url) ? pg_store_open(url, create, &store, error)
                                       : sqlite_store_open(url, create, &store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    VINN_ASSERT(store != NULL);
    VINN_ASSERT(store->ops != NULL);
    *out = store;
    return VINN_OK;
}

void vinn_store_close(struct vinn_store *store)
{
    if (store != NULL) {
        store->ops->close(store);
    }
}

void vinn_store_rollback(struct vinn_store *store)
{
    store->ops->rollback(store);
}

unsigned vinn_store_txn_depth(struct vinn_store *store)
{
    return store->ops->txn_depth(store);
}

bool vinn_store_light(struct vinn_store *store, bool on)
{
    return store->ops->light(store, on);
}

uint64_t vinn_store_mark(struct vinn_store *store)
{
    return store->ops->mark != NULL ? store->ops->mark(store) : 0;
}

bool vinn_store_broken(struct vinn_store *store)
{
    return store->ops->broken != NULL && store->ops->broken(store);
}

bool vinn_store_changed_elsewhere(struct vinn_store *store)
{
    return store->ops->changed_elsewhere == NULL || store->ops->changed_elsewhere(store);
}

bool vinn_store_auto_checkpoint(struct vinn_store *store, bool on)
{
    return store->ops->auto_checkpoint != NULL && store->ops->auto_checkpoint(store, on);
}

uint32_t vinn_store_log_pages(struct vinn_store *store)
{
    return store->ops->log_pages != NULL ? store->ops->log_pages(store) : 0;
}

vinn_err vinn_store_checkpoint(struct vinn_store *store, struct vinn_error *error)
{
    return store->ops->checkpoint != NULL ? store->ops->checkpoint(store, error) : VINN_OK;
}

bool vinn_store_sync_later(struct vinn_store *store, bool on)
{
    return store->ops->sync_later != NULL && store->ops->sync_later(store, on);
}

vinn_err vinn_store_sync(struct vinn_store *store, struct vinn_error *error)
{
    return store->ops->sync != NULL ? store->ops->sync(store, error) : VINN_OK;
}

void vinn_store_deadline(struct vinn_store *store, int64_t after_us)
{
    store->ops->deadline(store, after_us);
}

vinn_err vinn_store_migrate(struct vinn_store *store, int *from, struct vinn_error *error)
{
    int version = 0;
    vinn_err rc = store->ops->schema_version(store, true, &version, error);
    if (rc != VINN_OK) {
        return rc;
    }
    *from = version;
    if (version > VINN_SCHEMA_VERSION) {
        return vinn_fail(error, VINN_E_STORE_SCHEMA_TOO_NEW, "db",
                         "database schema %d is newer than this vinn's %d", version,
                         VINN_SCHEMA_VERSION);
    }
    for (int v = version + 1; v <= VINN_SCHEMA_VERSION && rc == VINN_OK; v++) {
        rc = store->ops->migrate_one(store, v, error);
    }
    return rc;
}

vinn_err vinn_store_ready(struct vinn_store *store, struct vinn_error *error)
{
    int version = 0;
    vinn_err rc = store->ops->schema_version(store, false, &version, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (version == 0) {
        return vinn_fail(error, VINN_E_STORE_NOT_INITIALISED, "db",
                         "database is not initialised: run 'vinn init' first");
    }
    if (version == VINN_SCHEMA_VERSION) {
        return VINN_OK;
    }
    int from = 0;
    return vinn_store_migrate(store, &from, error);
}

/* vinn_store_<op>(store, ...) for every op: store->ops-><op>(store, ...). */
#define FORWARD_(op, params, args)                                                                 \
    vinn_err vinn_store_##op params                                                                \
    {                                                                                              \
        return store->ops->op args;                                                                \
    }
VINN_STORE_OPS(FORWARD_)
#undef FORWARD_
