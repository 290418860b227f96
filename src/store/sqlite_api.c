/*
 * sqlite_api.c - the HTTP API's tables of the SQLite backend: API keys,
 * idempotency keys and the responses they gave, the audit log, webhooks,
 * the event outbox and its deliveries.
 *
 * Every statement is prepared once (sqlite_ext_stmt) and every query that
 * returns rows has a LIMIT.
 */
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "store/backend.h"
#include "store/sqlite_internal.h"

#define API_STMT_FIRST SQLITE_EXT_API_FIRST
#include "store/api_sql.h"

static const char *const ast_sql[] = {
    [AST_KEY_INSERT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO api_keys (" KEY_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
    [AST_KEY_FIND - SQLITE_EXT_API_FIRST] =
        "SELECT " KEY_COLUMNS ", (SELECT t.name FROM tenants t WHERE t.tenant_id = "
        "api_keys.tenant_id) FROM api_keys WHERE public_id = ?",
    [AST_KEYS - SQLITE_EXT_API_FIRST] =
        "SELECT " KEY_COLUMNS "FROM api_keys WHERE tenant_id = ? ORDER BY key_id LIMIT 10000",
    [AST_KEY_REVOKE - SQLITE_EXT_API_FIRST] =
        "UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND public_id = ? AND "
        "revoked_at = 0",
    [AST_IDEM_GET - SQLITE_EXT_API_FIRST] =
        "SELECT request_hash, status, body, created_at FROM idempotency WHERE tenant_id = ? AND "
        "idem_key = ?",
    [AST_IDEM_PUT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO idempotency (tenant_id, idem_key, request_hash, status, body, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
    [AST_AUDIT_INSERT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO audit_log (tenant_id, audit_id, at, key_id, method, route, object, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [AST_AUDIT - SQLITE_EXT_API_FIRST] =
        "SELECT audit_id, at, key_id, method, route, object, status FROM audit_log WHERE "
        "tenant_id = ? AND audit_id > ? ORDER BY audit_id LIMIT ?",
    [AST_WEBHOOK_INSERT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO webhooks (tenant_id, webhook_id, url, secret, events, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?)",
    [AST_WEBHOOKS - SQLITE_EXT_API_FIRST] =
        "SELECT webhook_id, url, secret, events, created_at, revoked_at FROM webhooks WHERE "
        "tenant_id = ? AND revoked_at = 0 ORDER BY webhook_id LIMIT 1000",
    [AST_WEBHOOK_REVOKE - SQLITE_EXT_API_FIRST] =
        "UPDATE webhooks SET revoked_at = ? WHERE tenant_id = ? AND webhook_id = ? AND "
        "revoked_at = 0",
    [AST_WEBHOOK_FAIL_QUEUED - SQLITE_EXT_API_FIRST] =
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was "
        "deleted' WHERE tenant_id = ? AND webhook_id = ? AND status = 'queued'",
    [AST_EVENT_INSERT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO events (tenant_id, event_id, type, object, data, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?)",
    [AST_EVENTS - SQLITE_EXT_API_FIRST] =
        "SELECT event_id, type, object, data, created_at FROM events WHERE tenant_id = ? AND "
        "event_id > ? ORDER BY event_id LIMIT ?",
    [AST_DELIVERY_INSERT - SQLITE_EXT_API_FIRST] =
        "INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, status, "
        "next_attempt_at) VALUES (?, ?, ?, 'queued', ?)",
    [AST_DELIVERIES_DUE - SQLITE_EXT_API_FIRST] =
        "SELECT " DELIVERY_COLUMNS DELIVERY_FROM
        "WHERE d.tenant_id = ?1 AND d.status = 'queued' AND d.next_attempt_at <= ?2 "
        "ORDER BY d.event_id, d.webhook_id LIMIT ?3",
    [AST_DELIVERY_UPDATE - SQLITE_EXT_API_FIRST] =
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
        "last_error = ?, response_status = ?, sent_at = ? WHERE tenant_id = ? AND "
        "webhook_id = ? AND event_id = ?",
    [AST_DELIVERIES - SQLITE_EXT_API_FIRST] =
        "SELECT " DELIVERY_COLUMNS DELIVERY_FROM
        "WHERE d.tenant_id = ?1 AND (?2 = 0 OR d.event_id = ?2) ORDER BY d.event_id, "
        "d.webhook_id LIMIT ?3",
};

_Static_assert((int)AST_END <= (int)SQLITE_EXT_STMTS_MAX, "API statements fit their slots");

static sqlite3_stmt *ast(struct sqlite_store *s, enum ast id, struct vinn_error *error)
{
    const char *sql = ast_sql[id - SQLITE_EXT_API_FIRST];
    VINN_ASSERT(sql != NULL);
    return sqlite_ext_stmt(s, (int)id, sql, error);
}

TRAMPOLINE(call_key, vinn_api_key_fn, struct vinn_api_key)
TRAMPOLINE(call_audit, vinn_audit_fn, struct vinn_audit_record)
TRAMPOLINE(call_webhook, vinn_webhook_fn, struct vinn_webhook)
TRAMPOLINE(call_event, vinn_event_record_fn, struct vinn_event)
TRAMPOLINE(call_delivery, vinn_delivery_fn, struct vinn_delivery)

/* ---- API keys ------------------------------------------------------------ */

static bool key_read(sqlite3_stmt *st, void *out)
{
    struct vinn_api_key *k = out;
    memset(k, 0, sizeof(*k));
    k->tenant_id = sqlite3_column_int64(st, 0);
    k->id = sqlite3_column_int64(st, 1);
    bool ok = sqlite_col_text(st, 2, k->public_id, sizeof(k->public_id)) &&
              sqlite3_column_bytes(st, 3) == VINN_KEY_HASH_LEN &&
              sqlite_col_text(st, 5, k->name, sizeof(k->name));
    if (ok) {
        memcpy(k->hash, sqlite3_column_blob(st, 3), VINN_KEY_HASH_LEN);
    }
    k->scopes = (uint32_t)sqlite3_column_int64(st, 4);
    k->created_at_us = sqlite3_column_int64(st, 6);
    k->revoked_at_us = sqlite3_column_int64(st, 7);
    return ok;
}

vinn_err sqlite_store_key_insert(struct vinn_store *store, struct vinn_api_key *key,
                               struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = vinn_store_next_id(store, key->tenant_id, VINN_SEQ_KEY, &key->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    sqlite3_stmt *st = ast(s, AST_KEY_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, key->tenant_id);
    sqlite3_bind_int64(st, 2, key->id);
    sqlite_bind_text(st, 3, key->public_id);
    sqlite3_bind_blob(st, 4, key->hash, VINN_KEY_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, key->scopes);
    sqlite_bind_text(st, 6, key->name);
    sqlite3_bind_int64(st, 7, key->created_at_us);
    return sqlite_done(s, st, "saving an API key", error);
}

vinn_err sqlite_store_key_find(struct vinn_store *store, const char *public_id, struct vinn_api_key *out,
                             struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_KEY_FIND, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite_bind_text(st, 1, public_id);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        if (!key_read(st, out) ||
            !sqlite_col_text(st, 8, out->tenant_name, sizeof(out->tenant_name))) {
            result = sqlite_corrupt(error, "api_keys");
        }
    } else if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_KEY_NOT_FOUND, "key", "no such API key");
    } else {
        result = sqlite_fail(s, error, "reading an API key");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_keys(struct vinn_store *store, int64_t tenant_id, vinn_api_key_fn fn, void *ctx,
                         struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_KEYS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    struct vinn_api_key k;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "api_keys", key_read, &k, call_key, &f, error);
}

vinn_err sqlite_store_key_revoke(struct vinn_store *store, int64_t tenant_id, const char *public_id,
                               int64_t at_us, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = ast(s, AST_KEY_REVOKE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, at_us);
    sqlite3_bind_int64(st, 2, tenant_id);
    sqlite_bind_text(st, 3, public_id);
    vinn_err rc = sqlite_done(s, st, "revoking an API key", error);
    if (rc == VINN_OK && sqlite3_changes(sqlite_db(s)) == 0) {
        return vinn_fail(error, VINN_E_KEY_NOT_FOUND, "key",
                         "the tenant has no API key '%s' in force", public_id);
    }
    return rc;
}

/* ---- idempotency keys ---------------------------------------------------- */

vinn_err sqlite_store_idem_get(struct vinn_store *store, int64_t tenant_id, const char *idem_key,
                             bool *found, struct vinn_idem_record *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_IDEM_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, idem_key);
    memset(out, 0, sizeof(*out));
    *found = false;
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        int n = sqlite3_column_bytes(st, 2);
        const unsigned char *body = sqlite3_column_text(st, 2);
        if (sqlite3_column_bytes(st, 0) != VINN_KEY_HASH_LEN || n < 0) {
            result = sqlite_corrupt(error, "idempotency");
        } else if ((out->body = malloc((size_t)n + 1)) == NULL) {
            result = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
        } else {
            memcpy(out->request_hash, sqlite3_column_blob(st, 0), VINN_KEY_HASH_LEN);
            if (n > 0) {
                memcpy(out->body, body, (size_t)n);
            }
            out->body[n] = '\0';
            out->body_len = (size_t)n;
            out->status = sqlite3_column_int(st, 1);
            out->created_at_us = sqlite3_column_int64(st, 3);
            *found = true;
        }
    } else if (rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading an idempotency key");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_idem_put(struct vinn_store *store, int64_t tenant_id, const char *idem_key,
                             const unsigned char request_hash[VINN_KEY_HASH_LEN], int status,
                             const char *body, size_t body_len, int64_t at_us,
                             struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = ast(s, AST_IDEM_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, idem_key);
    sqlite3_bind_blob(st, 3, request_hash, VINN_KEY_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, status);
    sqlite3_bind_text(st, 5, body, (int)body_len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, at_us);
    return sqlite_done(s, st, "saving an idempotency key", error);
}

/* ---- the audit log ------------------------------------------------------- */

vinn_err sqlite_store_audit_insert(struct vinn_store *store, int64_t tenant_id,
                                 struct vinn_audit_record *r, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_AUDIT, &r->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    sqlite3_stmt *st = ast(s, AST_AUDIT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, r->id);
    sqlite3_bind_int64(st, 3, r->at_us);
    sqlite3_bind_int64(st, 4, r->key_id);
    sqlite_bind_text(st, 5, r->method);
    sqlite_bind_text(st, 6, r->route);
    sqlite_bind_text(st, 7, r->object);
    sqlite3_bind_int(st, 8, r->status);
    return sqlite_done(s, st, "writing the audit log", error);
}

static bool audit_read(sqlite3_stmt *st, void *out)
{
    struct vinn_audit_record *r = out;
    memset(r, 0, sizeof(*r));
    r->id = sqlite3_column_int64(st, 0);
    r->at_us = sqlite3_column_int64(st, 1);
    r->key_id = sqlite3_column_int64(st, 2);
    r->status = sqlite3_column_int(st, 6);
    return sqlite_col_text(st, 3, r->method, sizeof(r->method)) &&
           sqlite_col_text(st, 4, r->route, sizeof(r->route)) &&
           sqlite_col_text(st, 5, r->object, sizeof(r->object));
}

vinn_err sqlite_store_audit(struct vinn_store *store, int64_t tenant_id, int64_t after_id, uint32_t limit,
                          vinn_audit_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_AUDIT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, after_id);
    sqlite3_bind_int64(st, 3, limit);
    struct vinn_audit_record r;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "audit_log", audit_read, &r, call_audit, &f, error);
}

/* ---- webhooks ------------------------------------------------------------ */

vinn_err sqlite_store_webhook_insert(struct vinn_store *store, int64_t tenant_id, struct vinn_webhook *w,
                                   struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_WEBHOOK, &w->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    sqlite3_stmt *st = ast(s, AST_WEBHOOK_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, w->id);
    sqlite_bind_text(st, 3, w->url);
    sqlite_bind_text(st, 4, w->secret);
    sqlite_bind_text(st, 5, w->events);
    sqlite3_bind_int64(st, 6, w->created_at_us);
    return sqlite_done(s, st, "saving a webhook", error);
}

static bool webhook_read(sqlite3_stmt *st, void *out)
{
    struct vinn_webhook *w = out;
    memset(w, 0, sizeof(*w));
    w->id = sqlite3_column_int64(st, 0);
    w->created_at_us = sqlite3_column_int64(st, 4);
    w->revoked_at_us = sqlite3_column_int64(st, 5);
    return sqlite_col_text(st, 1, w->url, sizeof(w->url)) &&
           sqlite_col_text(st, 2, w->secret, sizeof(w->secret)) &&
           sqlite_col_text(st, 3, w->events, sizeof(w->events));
}

vinn_err sqlite_store_webhooks(struct vinn_store *store, int64_t tenant_id, vinn_webhook_fn fn, void *ctx,
                             struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_WEBHOOKS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    struct vinn_webhook w;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "webhooks", webhook_read, &w, call_webhook, &f, error);
}

vinn_err sqlite_store_webhook_revoke(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                   int64_t at_us, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = ast(s, AST_WEBHOOK_REVOKE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, at_us);
    sqlite3_bind_int64(st, 2, tenant_id);
    sqlite3_bind_int64(st, 3, id);
    vinn_err rc = sqlite_done(s, st, "deleting a webhook", error);
    if (rc == VINN_OK && sqlite3_changes(sqlite_db(s)) == 0) {
        return vinn_fail(error, VINN_E_WEBHOOK_NOT_FOUND, "id", "webhook %lld does not exist",
                         (long long)id);
    }
    if (rc == VINN_OK && (st = ast(s, AST_WEBHOOK_FAIL_QUEUED, error)) == NULL) {
        return VINN_E_STORE;
    }
    if (rc == VINN_OK) {
        sqlite3_bind_int64(st, 1, tenant_id);
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite_done(s, st, "ending a webhook's deliveries", error);
    }
    return rc;
}

/* ---- events and their deliveries ----------------------------------------- */

vinn_err sqlite_store_event_insert(struct vinn_store *store, int64_t tenant_id, struct vinn_event *e,
                                 const int64_t *webhooks, size_t n, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_EVENT, &e->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    sqlite3_stmt *st = ast(s, AST_EVENT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, e->id);
    sqlite_bind_text(st, 3, e->type);
    sqlite_bind_text(st, 4, e->object);
    sqlite_bind_text(st, 5, e->data);
    sqlite3_bind_int64(st, 6, e->created_at_us);
    rc = sqlite_done(s, st, "saving an event", error);
    for (size_t i = 0; rc == VINN_OK && i < n; i++) {
        if ((st = ast(s, AST_DELIVERY_INSERT, error)) == NULL) {
            return VINN_E_STORE;
        }
        sqlite3_bind_int64(st, 1, tenant_id);
        sqlite3_bind_int64(st, 2, webhooks[i]);
        sqlite3_bind_int64(st, 3, e->id);
        sqlite3_bind_int64(st, 4, e->created_at_us);
        rc = sqlite_done(s, st, "queueing a webhook delivery", error);
    }
    return rc;
}

static bool event_read(sqlite3_stmt *st, void *out)
{
    struct vinn_event *e = out;
    memset(e, 0, sizeof(*e));
    e->id = sqlite3_column_int64(st, 0);
    e->data = (const char *)sqlite3_column_text(st, 3);
    e->created_at_us = sqlite3_column_int64(st, 4);
    return e->data != NULL && sqlite_col_text(st, 1, e->type, sizeof(e->type)) &&
           sqlite_col_text(st, 2, e->object, sizeof(e->object));
}

vinn_err sqlite_store_events(struct vinn_store *store, int64_t tenant_id, int64_t after_id,
                           uint32_t limit, vinn_event_record_fn fn, void *ctx,
                           struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = ast(s, AST_EVENTS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, after_id);
    sqlite3_bind_int64(st, 3, limit);
    struct vinn_event e;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "events", event_read, &e, call_event, &f, error);
}

static bool delivery_read(sqlite3_stmt *st, void *out)
{
    struct vinn_delivery *d = out;
    char status[16] = "";
    memset(d, 0, sizeof(*d));
    d->webhook_id = sqlite3_column_int64(st, 0);
    d->event_id = sqlite3_column_int64(st, 1);
    bool ok = sqlite_col_text(st, 2, status, sizeof(status));
    d->status = VINN_DELIVERY_FAILED;
    for (int i = 0; i < 3; i++) {
        if (strcmp(status, delivery_status_names[i]) == 0) {
            d->status = (enum vinn_delivery_status)i;
        }
    }
    d->attempts = sqlite3_column_int(st, 3);
    d->next_attempt_at_us = sqlite3_column_int64(st, 4);
    d->response_status = sqlite3_column_int(st, 6);
    d->sent_at_us = sqlite3_column_int64(st, 7);
    d->event.id = d->event_id;
    d->event.data = (const char *)sqlite3_column_text(st, 12);
    d->event.created_at_us = sqlite3_column_int64(st, 13);
    return ok && d->event.data != NULL &&
           sqlite_col_text(st, 5, d->last_error, sizeof(d->last_error)) &&
           sqlite_col_text(st, 8, d->url, sizeof(d->url)) &&
           sqlite_col_text(st, 9, d->secret, sizeof(d->secret)) &&
           sqlite_col_text(st, 10, d->event.type, sizeof(d->event.type)) &&
           sqlite_col_text(st, 11, d->event.object, sizeof(d->event.object));
}

static vinn_err deliveries(struct sqlite_store *s, enum ast id, int64_t tenant_id, int64_t arg,
                           uint32_t limit, vinn_delivery_fn fn, void *ctx, struct vinn_error *error)
{
    sqlite3_stmt *st = ast(s, id, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, arg);
    sqlite3_bind_int64(st, 3, limit);
    struct vinn_delivery d;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "webhook_deliveries", delivery_read, &d, call_delivery, &f,
                           error);
}

vinn_err sqlite_store_deliveries_due(struct vinn_store *store, int64_t tenant_id, int64_t now_us,
                                   uint32_t limit, vinn_delivery_fn fn, void *ctx,
                                   struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    return deliveries(s, AST_DELIVERIES_DUE, tenant_id, now_us, limit, fn, ctx, error);
}

vinn_err sqlite_store_deliveries(struct vinn_store *store, int64_t tenant_id, int64_t event_id,
                               uint32_t limit, vinn_delivery_fn fn, void *ctx,
                               struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    return deliveries(s, AST_DELIVERIES, tenant_id, event_id, limit, fn, ctx, error);
}

vinn_err sqlite_store_delivery_update(struct vinn_store *store, int64_t tenant_id,
                                    const struct vinn_delivery *d, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    VINN_ASSERT((unsigned)d->status < 3);
    sqlite3_stmt *st = ast(s, AST_DELIVERY_UPDATE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_text(st, 1, delivery_status_names[d->status], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, d->attempts);
    sqlite3_bind_int64(st, 3, d->next_attempt_at_us);
    sqlite_bind_text(st, 4, d->last_error);
    sqlite3_bind_int(st, 5, d->response_status);
    sqlite3_bind_int64(st, 6, d->sent_at_us);
    sqlite3_bind_int64(st, 7, tenant_id);
    sqlite3_bind_int64(st, 8, d->webhook_id);
    sqlite3_bind_int64(st, 9, d->event_id);
    return sqlite_done(s, st, "recording a webhook delivery", error);
}
