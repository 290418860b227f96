/*
 * postgres_api.c - the HTTP API's tables of the PostgreSQL backend: API
 * keys, idempotency keys and their answers, the audit log, webhooks, the
 * event outbox and its deliveries (the same statements as sqlite_api.c).
 *
 * Blobs (the key's hash, a request's hash) travel as bytea in hex form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "store/postgres_internal.h"

#define API_STMT_FIRST PG_API_FIRST
#include "store/api_sql.h"

_Static_assert((int)AST_END <= (int)PG_STMTS_MAX, "API statements fit their slots");

static const char *const ast_sql[] = {
    [AST_KEY_INSERT - PG_API_FIRST] =
        "INSERT INTO api_keys (" KEY_COLUMNS ") VALUES ($1, $2, $3, $4::bytea, $5, $6, $7, 0) "
        "ON CONFLICT DO NOTHING",
    [AST_KEY_FIND - PG_API_FIRST] =
        "SELECT " KEY_COLUMNS ", (SELECT t.name FROM tenants t WHERE t.tenant_id = "
        "api_keys.tenant_id) FROM api_keys WHERE public_id = $1",
    [AST_KEYS - PG_API_FIRST] =
        "SELECT " KEY_COLUMNS "FROM api_keys WHERE tenant_id = $1 ORDER BY key_id LIMIT 10000",
    [AST_KEY_REVOKE - PG_API_FIRST] =
        "UPDATE api_keys SET revoked_at = $1 WHERE tenant_id = $2 AND public_id = $3 AND "
        "revoked_at = 0",
    [AST_IDEM_GET - PG_API_FIRST] =
        "SELECT request_hash, status, body, created_at FROM idempotency WHERE tenant_id = $1 "
        "AND idem_key = $2",
    [AST_IDEM_PUT - PG_API_FIRST] =
        "INSERT INTO idempotency (tenant_id, idem_key, request_hash, status, body, created_at) "
        "VALUES ($1, $2, $3::bytea, $4, $5, $6) ON CONFLICT DO NOTHING",
    [AST_AUDIT_INSERT - PG_API_FIRST] =
        "INSERT INTO audit_log (tenant_id, audit_id, at, key_id, method, route, object, status) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    [AST_AUDIT - PG_API_FIRST] =
        "SELECT audit_id, at, key_id, method, route, object, status FROM audit_log WHERE "
        "tenant_id = $1 AND audit_id > $2 ORDER BY audit_id LIMIT $3",
    [AST_WEBHOOK_INSERT - PG_API_FIRST] =
        "INSERT INTO webhooks (tenant_id, webhook_id, url, secret, events, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6)",
    [AST_WEBHOOKS - PG_API_FIRST] =
        "SELECT webhook_id, url, secret, events, created_at, revoked_at FROM webhooks WHERE "
        "tenant_id = $1 AND revoked_at = 0 ORDER BY webhook_id LIMIT 1000",
    [AST_WEBHOOK_REVOKE - PG_API_FIRST] =
        "UPDATE webhooks SET revoked_at = $1 WHERE tenant_id = $2 AND webhook_id = $3 AND "
        "revoked_at = 0",
    [AST_WEBHOOK_FAIL_QUEUED - PG_API_FIRST] =
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was "
        "deleted' WHERE tenant_id = $1 AND webhook_id = $2 AND status = 'queued'",
    [AST_EVENT_INSERT - PG_API_FIRST] =
        "INSERT INTO events (tenant_id, event_id, type, object, data, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6)",
    [AST_EVENTS - PG_API_FIRST] =
        "SELECT event_id, type, object, data, created_at FROM events WHERE tenant_id = $1 AND "
        "event_id > $2 ORDER BY event_id LIMIT $3",
    [AST_DELIVERY_INSERT - PG_API_FIRST] =
        "INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_id, status, "
        "next_attempt_at) VALUES ($1, $2, $3, 'queued', $4)",
    [AST_DELIVERIES_DUE - PG_API_FIRST] =
        "SELECT " DELIVERY_COLUMNS DELIVERY_FROM
        "WHERE d.tenant_id = $1 AND d.status = 'queued' AND d.next_attempt_at <= $2 "
        "ORDER BY d.event_id, d.webhook_id LIMIT $3",
    [AST_DELIVERY_UPDATE - PG_API_FIRST] =
        "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, "
        "last_error = $4, response_status = $5, sent_at = $6 WHERE tenant_id = $7 AND "
        "webhook_id = $8 AND event_id = $9",
    [AST_DELIVERIES - PG_API_FIRST] =
        "SELECT " DELIVERY_COLUMNS DELIVERY_FROM
        "WHERE d.tenant_id = $1 AND ($2 = 0 OR d.event_id = $2) ORDER BY d.event_id, "
        "d.webhook_id LIMIT $3",
};

static vinn_err query(struct vinn_store *store, enum ast id, const struct pg_args *a,
                      PGresult **res, const char *what, struct vinn_error *error)
{
    const char *sql = ast_sql[id - PG_API_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_query(pg_of(store), (int)id, sql, a, res, what, error);
}

static vinn_err command(struct vinn_store *store, enum ast id, const struct pg_args *a,
                        int64_t *changed, const char *what, struct vinn_error *error)
{
    const char *sql = ast_sql[id - PG_API_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_command(pg_of(store), (int)id, sql, a, changed, what, error);
}

/* A bytea parameter in hex form: "\x0a1b...". */
static void hex_of(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    out[0] = '\\';
    out[1] = 'x';
    for (size_t i = 0; i < n; i++) {
        out[2 + 2 * i] = digits[bytes[i] >> 4];
        out[3 + 2 * i] = digits[bytes[i] & 15];
    }
    out[2 + 2 * n] = '\0';
}

/* A bytea column of exactly n bytes (hex output); false otherwise. */
static bool bytes_of(const PGresult *res, int row, int col, unsigned char *out, size_t n)
{
    const char *v = PQgetvalue(res, row, col);
    if (strlen(v) != 2 + 2 * n || v[0] != '\\' || v[1] != 'x') {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned hi = 0;
        unsigned lo = 0;
        if (sscanf(v + 2 + 2 * i, "%1x%1x", &hi, &lo) != 2) {
            return false;
        }
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* ---- API keys ------------------------------------------------------------ */

static bool key_read(const PGresult *res, int row, struct vinn_api_key *k)
{
    memset(k, 0, sizeof(*k));
    k->tenant_id = pg_int(res, row, 0);
    k->id = pg_int(res, row, 1);
    k->scopes = (uint32_t)pg_int(res, row, 4);
    k->created_at_us = pg_int(res, row, 6);
    k->revoked_at_us = pg_int(res, row, 7);
    return pg_text(res, row, 2, k->public_id, sizeof(k->public_id)) &&
           bytes_of(res, row, 3, k->hash, VINN_KEY_HASH_LEN) &&
           pg_text(res, row, 5, k->name, sizeof(k->name));
}

vinn_err pg_store_key_insert(struct vinn_store *store, struct vinn_api_key *key,
                             struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    vinn_err rc = vinn_store_next_id(store, key->tenant_id, VINN_SEQ_KEY, &key->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    char hash[3 + 2 * VINN_KEY_HASH_LEN];
    hex_of(key->hash, VINN_KEY_HASH_LEN, hash);
    struct pg_args a = {0};
    pg_arg_int(&a, key->tenant_id);
    pg_arg_int(&a, key->id);
    pg_arg_text(&a, key->public_id);
    pg_arg_text(&a, hash);
    pg_arg_int(&a, key->scopes);
    pg_arg_text(&a, key->name);
    pg_arg_int(&a, key->created_at_us);
    int64_t added = 0;
    rc = command(store, AST_KEY_INSERT, &a, &added, "saving an API key", error);
    if (rc == VINN_OK && added == 0) {
        return vinn_fail(error, VINN_E_EXISTS, "", "saving an API key: already exists");
    }
    return rc;
}

vinn_err pg_store_key_find(struct vinn_store *store, const char *public_id,
                           struct vinn_api_key *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_text(&a, public_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_KEY_FIND, &a, &res, "reading an API key", error);
    if (rc == VINN_OK && PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_KEY_NOT_FOUND, "key", "no such API key");
    } else if (rc == VINN_OK && (!key_read(res, 0, out) ||
                                 !pg_text(res, 0, 8, out->tenant_name, sizeof(out->tenant_name)))) {
        rc = pg_corrupt(error, "api_keys");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_keys(struct vinn_store *store, int64_t tenant_id, vinn_api_key_fn fn, void *ctx,
                       struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_KEYS, &a, &res, "reading API keys", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_api_key k;
        rc = key_read(res, i, &k) ? fn(ctx, &k) : pg_corrupt(error, "api_keys");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_key_revoke(struct vinn_store *store, int64_t tenant_id, const char *public_id,
                             int64_t at_us, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, at_us);
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, public_id);
    int64_t changed = 0;
    vinn_err rc = command(store, AST_KEY_REVOKE, &a, &changed, "revoking an API key", error);
    if (rc == VINN_OK && changed == 0) {
        return vinn_fail(error, VINN_E_KEY_NOT_FOUND, "key",
                         "the tenant has no API key '%s' in force", public_id);
    }
    return rc;
}

/* ---- idempotency keys ---------------------------------------------------- */

vinn_err pg_store_idem_get(struct vinn_store *store, int64_t tenant_id, const char *idem_key,
                           bool *found, struct vinn_idem_record *out, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, idem_key);
    memset(out, 0, sizeof(*out));
    *found = false;
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_IDEM_GET, &a, &res, "reading an idempotency key", error);
    if (rc == VINN_OK && PQntuples(res) > 0) {
        size_t n = (size_t)PQgetlength(res, 0, 2);
        if (!bytes_of(res, 0, 0, out->request_hash, VINN_KEY_HASH_LEN)) {
            rc = pg_corrupt(error, "idempotency");
        } else if ((out->body = malloc(n + 1)) == NULL) {
            rc = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
        } else {
            memcpy(out->body, PQgetvalue(res, 0, 2), n);
            out->body[n] = '\0';
            out->body_len = n;
            out->status = (int)pg_int(res, 0, 1);
            out->created_at_us = pg_int(res, 0, 3);
            *found = true;
        }
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_idem_put(struct vinn_store *store, int64_t tenant_id, const char *idem_key,
                           const unsigned char request_hash[VINN_KEY_HASH_LEN], int status,
                           const char *body, size_t body_len, int64_t at_us,
                           struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    VINN_ASSERT(strlen(body) == body_len);
    char hash[3 + 2 * VINN_KEY_HASH_LEN];
    hex_of(request_hash, VINN_KEY_HASH_LEN, hash);
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, idem_key);
    pg_arg_text(&a, hash);
    pg_arg_int(&a, status);
    pg_arg_text(&a, body);
    pg_arg_int(&a, at_us);
    int64_t added = 0;
    vinn_err rc = command(store, AST_IDEM_PUT, &a, &added, "saving an idempotency key", error);
    if (rc == VINN_OK && added == 0) {
        return vinn_fail(error, VINN_E_EXISTS, "", "saving an idempotency key: already exists");
    }
    return rc;
}

/* ---- the audit log ------------------------------------------------------- */

vinn_err pg_store_audit_insert(struct vinn_store *store, int64_t tenant_id,
                               struct vinn_audit_record *r, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_AUDIT, &r->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, r->id);
    pg_arg_int(&a, r->at_us);
    pg_arg_int(&a, r->key_id);
    pg_arg_text(&a, r->method);
    pg_arg_text(&a, r->route);
    pg_arg_text(&a, r->object);
    pg_arg_int(&a, r->status);
    /* nothing waits for its answer: it goes with the next statement */
    return pg_hold(pg_of(store), AST_AUDIT_INSERT, ast_sql[AST_AUDIT_INSERT - PG_API_FIRST], &a,
                   "writing the audit log", error);
}

vinn_err pg_store_audit(struct vinn_store *store, int64_t tenant_id, int64_t after_id,
                        uint32_t limit, vinn_audit_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, after_id);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_AUDIT, &a, &res, "reading the audit log", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_audit_record r;
        memset(&r, 0, sizeof(r));
        r.id = pg_int(res, i, 0);
        r.at_us = pg_int(res, i, 1);
        r.key_id = pg_int(res, i, 2);
        r.status = (int)pg_int(res, i, 6);
        bool ok = pg_text(res, i, 3, r.method, sizeof(r.method)) &&
                  pg_text(res, i, 4, r.route, sizeof(r.route)) &&
                  pg_text(res, i, 5, r.object, sizeof(r.object));
        rc = ok ? fn(ctx, &r) : pg_corrupt(error, "audit_log");
    }
    PQclear(res);
    return rc;
}

/* ---- webhooks ------------------------------------------------------------ */

vinn_err pg_store_webhook_insert(struct vinn_store *store, int64_t tenant_id,
                                 struct vinn_webhook *w, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_WEBHOOK, &w->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, w->id);
    pg_arg_text(&a, w->url);
    pg_arg_text(&a, w->secret);
    pg_arg_text(&a, w->events);
    pg_arg_int(&a, w->created_at_us);
    rc = command(store, AST_WEBHOOK_INSERT, &a, NULL, "saving a webhook", error);
    return rc == VINN_OK ? pg_config_changed(pg_of(store), error) : rc;
}

vinn_err pg_store_webhooks(struct vinn_store *store, int64_t tenant_id, vinn_webhook_fn fn,
                           void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_WEBHOOKS, &a, &res, "reading webhooks", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_webhook w;
        memset(&w, 0, sizeof(w));
        w.id = pg_int(res, i, 0);
        w.created_at_us = pg_int(res, i, 4);
        w.revoked_at_us = pg_int(res, i, 5);
        bool ok = pg_text(res, i, 1, w.url, sizeof(w.url)) &&
                  pg_text(res, i, 2, w.secret, sizeof(w.secret)) &&
                  pg_text(res, i, 3, w.events, sizeof(w.events));
        rc = ok ? fn(ctx, &w) : pg_corrupt(error, "webhooks");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_webhook_revoke(struct vinn_store *store, int64_t tenant_id, int64_t id,
                                 int64_t at_us, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, at_us);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, id);
    int64_t changed = 0;
    vinn_err rc = command(store, AST_WEBHOOK_REVOKE, &a, &changed, "deleting a webhook", error);
    if (rc == VINN_OK && changed == 0) {
        return vinn_fail(error, VINN_E_WEBHOOK_NOT_FOUND, "id", "webhook %lld does not exist",
                         (long long)id);
    }
    struct pg_args b = {0};
    pg_arg_int(&b, tenant_id);
    pg_arg_int(&b, id);
    if (rc == VINN_OK) {
        rc = command(store, AST_WEBHOOK_FAIL_QUEUED, &b, NULL, "ending a webhook's deliveries",
                     error);
    }
    return rc == VINN_OK ? pg_config_changed(pg_of(store), error) : rc;
}

/* ---- events and their deliveries ----------------------------------------- */

vinn_err pg_store_event_insert(struct vinn_store *store, int64_t tenant_id, struct vinn_event *e,
                               const int64_t *webhooks, size_t n, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    vinn_err rc = vinn_store_next_id(store, tenant_id, VINN_SEQ_EVENT, &e->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, e->id);
    pg_arg_text(&a, e->type);
    pg_arg_text(&a, e->object);
    pg_arg_text(&a, e->data);
    pg_arg_int(&a, e->created_at_us);
    rc = command(store, AST_EVENT_INSERT, &a, NULL, "saving an event", error);
    for (size_t i = 0; rc == VINN_OK && i < n; i++) {
        struct pg_args d = {0};
        pg_arg_int(&d, tenant_id);
        pg_arg_int(&d, webhooks[i]);
        pg_arg_int(&d, e->id);
        pg_arg_int(&d, e->created_at_us);
        rc = command(store, AST_DELIVERY_INSERT, &d, NULL, "queueing a webhook delivery", error);
    }
    return rc;
}

vinn_err pg_store_events(struct vinn_store *store, int64_t tenant_id, int64_t after_id,
                         uint32_t limit, vinn_event_record_fn fn, void *ctx,
                         struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, after_id);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, AST_EVENTS, &a, &res, "reading events", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_event e;
        memset(&e, 0, sizeof(e));
        e.id = pg_int(res, i, 0);
        e.data = PQgetvalue(res, i, 3);
        e.created_at_us = pg_int(res, i, 4);
        bool ok = pg_text(res, i, 1, e.type, sizeof(e.type)) &&
                  pg_text(res, i, 2, e.object, sizeof(e.object));
        rc = ok ? fn(ctx, &e) : pg_corrupt(error, "events");
    }
    PQclear(res);
    return rc;
}

static bool delivery_read(const PGresult *res, int row, struct vinn_delivery *d)
{
    char status[16] = "";
    memset(d, 0, sizeof(*d));
    d->webhook_id = pg_int(res, row, 0);
    d->event_id = pg_int(res, row, 1);
    bool ok = pg_text(res, row, 2, status, sizeof(status));
    d->status = VINN_DELIVERY_FAILED;
    for (int i = 0; i < 3; i++) {
        if (strcmp(status, delivery_status_names[i]) == 0) {
            d->status = (enum vinn_delivery_status)i;
        }
    }
    d->attempts = (int32_t)pg_int(res, row, 3);
    d->next_attempt_at_us = pg_int(res, row, 4);
    d->response_status = (int32_t)pg_int(res, row, 6);
    d->sent_at_us = pg_int(res, row, 7);
    d->event.id = d->event_id;
    d->event.data = PQgetvalue(res, row, 12);
    d->event.created_at_us = pg_int(res, row, 13);
    return ok && pg_text(res, row, 5, d->last_error, sizeof(d->last_error)) &&
           pg_text(res, row, 8, d->url, sizeof(d->url)) &&
           pg_text(res, row, 9, d->secret, sizeof(d->secret)) &&
           pg_text(res, row, 10, d->event.type, sizeof(d->event.type)) &&
           pg_text(res, row, 11, d->event.object, sizeof(d->event.object));
}

static vinn_err deliveries(struct vinn_store *store, enum ast id, int64_t tenant_id, int64_t arg,
                           uint32_t limit, vinn_delivery_fn fn, void *ctx,
                           struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, arg);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, id, &a, &res, "reading webhook deliveries", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_delivery d;
        rc = delivery_read(res, i, &d) ? fn(ctx, &d) : pg_corrupt(error, "webhook_deliveries");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_deliveries_due(struct vinn_store *store, int64_t tenant_id, int64_t now_us,
                                 uint32_t limit, vinn_delivery_fn fn, void *ctx,
                                 struct vinn_error *error)
{
    return deliveries(store, AST_DELIVERIES_DUE, tenant_id, now_us, limit, fn, ctx, error);
}

vinn_err pg_store_deliveries(struct vinn_store *store, int64_t tenant_id, int64_t event_id,
                             uint32_t limit, vinn_delivery_fn fn, void *ctx,
                             struct vinn_error *error)
{
    return deliveries(store, AST_DELIVERIES, tenant_id, event_id, limit, fn, ctx, error);
}

vinn_err pg_store_delivery_update(struct vinn_store *store, int64_t tenant_id,
                                  const struct vinn_delivery *d, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    VINN_ASSERT((unsigned)d->status < 3);
    struct pg_args a = {0};
    pg_arg_text(&a, delivery_status_names[d->status]);
    pg_arg_int(&a, d->attempts);
    pg_arg_int(&a, d->next_attempt_at_us);
    pg_arg_text(&a, d->last_error);
    pg_arg_int(&a, d->response_status);
    pg_arg_int(&a, d->sent_at_us);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, d->webhook_id);
    pg_arg_int(&a, d->event_id);
    return command(store, AST_DELIVERY_UPDATE, &a, NULL, "recording a webhook delivery", error);
}
