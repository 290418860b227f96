/*
 * api.c - what the HTTP API keeps: API keys (a hash only), webhooks, the
 * event outbox and its delivery, the audit log.
 *
 * A key is "vk_" + a public id (16 hex digits, how the key is found) + "_" +
 * a secret (32 random bytes, base64url): 63 characters shown once. The
 * store keeps the BLAKE2b-256 of the whole key; a key that is presented is
 * hashed and compared in constant time. The secret has 256 bits of entropy,
 * so a fast hash is the right one (a password hash guards low-entropy
 * secrets).
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "app/json.h"
#include "base/assert.h"
#include "base/text.h"

/* ---- scopes -------------------------------------------------------------- */

static const char *const scope_names[] = {"read", "write"};

vinn_err vinn_scopes_parse(const char *text, const char *field, uint32_t *out,
                           struct vinn_error *error)
{
    *out = 0;
    const char *p = text != NULL ? text : "";
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        bool known = false;
        for (size_t i = 0; i < sizeof(scope_names) / sizeof(scope_names[0]); i++) {
            if (strlen(scope_names[i]) == len && strncmp(p, scope_names[i], len) == 0) {
                *out |= 1u << i;
                known = true;
            }
        }
        if (!known) {
            return vinn_fail(error, VINN_E_SCOPE_UNKNOWN, field,
                             "scope '%.*s' is not one of read, write", (int)len, p);
        }
        p += len + (p[len] == ',');
    }
    if (*out == 0) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, field, "at least one scope is required");
    }
    return VINN_OK;
}

void vinn_scopes_format(uint32_t scopes, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof(scope_names) / sizeof(scope_names[0]); i++) {
        if ((scopes & (1u << i)) != 0 && used < cap) {
            int n = snprintf(out + used, cap - used, "%s%s", used > 0 ? "," : "", scope_names[i]);
            used += n > 0 ? (size_t)n : 0;
        }
    }
}

/* ---- keys ---------------------------------------------------------------- */

enum {
    SECRET_BYTES = 32,
    PUBLIC_BYTES = VINN_KEY_PUBLIC_ID_LEN / 2,
    /* "vk_" + public + "_" + base64url(32 bytes, no padding) */
    KEY_LEN = 3 + VINN_KEY_PUBLIC_ID_LEN + 1 + 43,
};

_Static_assert((int)KEY_LEN < (int)VINN_KEY_TEXT_MAX, "a key fits its text");

void vinn_app_hash(unsigned char out[VINN_KEY_HASH_LEN], const void *const *parts,
                   const size_t *lens, size_t n)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, VINN_KEY_HASH_LEN);
    for (size_t i = 0; i < n; i++) {
        /* Each part's length first: ("ab", "c") and ("a", "bc") differ. */
        uint64_t len = lens[i];
        crypto_generichash_update(&st, (const unsigned char *)&len, sizeof(len));
        crypto_generichash_update(&st, parts[i], lens[i]);
    }
    crypto_generichash_final(&st, out, VINN_KEY_HASH_LEN);
}

static void key_hash(const char *key, unsigned char out[VINN_KEY_HASH_LEN])
{
    crypto_generichash(out, VINN_KEY_HASH_LEN, (const unsigned char *)key, strlen(key), NULL, 0);
}

vinn_err vinn_app_sodium_ready(struct vinn_error *error)
{
    if (sodium_init() < 0) {
        return vinn_fail(error, VINN_E_INTERNAL, "", "libsodium could not start");
    }
    return VINN_OK;
}

vinn_err vinn_app_key_create(struct vinn_app *app, const struct vinn_tenant *tenant,
                             uint32_t scopes, const char *name, char key_text[VINN_KEY_TEXT_MAX],
                             struct vinn_api_key *out, struct vinn_error *error)
{
    if (scopes == 0 || (scopes & ~(uint32_t)VINN_SCOPES_ALL) != 0) {
        return vinn_fail(error, VINN_E_SCOPE_UNKNOWN, "scopes", "scopes must be read, write");
    }
    vinn_err rc = vinn_text_check(name, VINN_KEY_NAME_MAX, VINN_TEXT_SINGLE_LINE, "name", error);
    if (rc == VINN_OK) {
        rc = vinn_app_sodium_ready(error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_api_key k;
    memset(&k, 0, sizeof(k));
    unsigned char pub[PUBLIC_BYTES];
    unsigned char secret[SECRET_BYTES];
    randombytes_buf(pub, sizeof(pub));
    randombytes_buf(secret, sizeof(secret));
    sodium_bin2hex(k.public_id, sizeof(k.public_id), pub, sizeof(pub));
    char b64[sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(b64, sizeof(b64), secret, sizeof(secret),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(secret, sizeof(secret));
    snprintf(key_text, VINN_KEY_TEXT_MAX, "vk_%s_%s", k.public_id, b64);
    sodium_memzero(b64, sizeof(b64));
    key_hash(key_text, k.hash);
    k.tenant_id = tenant->id;
    k.scopes = scopes;
    snprintf(k.name, sizeof(k.name), "%s", name != NULL ? name : "");
    k.created_at_us = app->now_us;
    rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(app, vinn_store_key_insert(app->store, &k, error), error);
    }
    if (rc != VINN_OK) {
        sodium_memzero(key_text, VINN_KEY_TEXT_MAX);
        return rc;
    }
    *out = k;
    return VINN_OK;
}

/* The public id of a whole key ("vk_<id>_<secret>") or of a bare id;
 * false when it is neither. */
static bool key_public_id(const char *key, char out[VINN_KEY_PUBLIC_ID_LEN + 1])
{
    const char *p = strncmp(key, "vk_", 3) == 0 ? key + 3 : key;
    size_t len = strspn(p, "0123456789abcdef");
    if (len != VINN_KEY_PUBLIC_ID_LEN || (p[len] != '\0' && p[len] != '_') ||
        (p[len] == '\0' && p != key)) {
        return false;
    }
    memcpy(out, p, len);
    out[len] = '\0';
    return true;
}

vinn_err vinn_app_key_revoke(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *key, struct vinn_error *error)
{
    char pub[VINN_KEY_PUBLIC_ID_LEN + 1];
    if (key == NULL || !key_public_id(key, pub)) {
        return vinn_fail(error, VINN_E_KEY_NOT_FOUND, "key",
                         "'%s' is not an API key or its id (16 hex digits)", key ? key : "");
    }
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(
            app, vinn_store_key_revoke(app->store, tenant->id, pub, app->now_us, error), error);
    }
    return rc;
}

vinn_err vinn_app_key_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                           vinn_api_key_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_keys(app->store, tenant->id, fn, ctx, error);
}

vinn_err vinn_app_key_check(struct vinn_app *app, const char *token, struct vinn_api_key *key,
                            struct vinn_tenant *tenant, struct vinn_error *error)
{
    char pub[VINN_KEY_PUBLIC_ID_LEN + 1];
    if (token == NULL || strlen(token) != KEY_LEN || !key_public_id(token, pub) ||
        strncmp(token, "vk_", 3) != 0 || vinn_app_sodium_ready(NULL) != VINN_OK) {
        return vinn_fail(error, VINN_E_UNAUTHORIZED, "Authorization", "the API key is not valid");
    }
    struct vinn_error ignored;
    vinn_err rc = vinn_store_key_find(app->store, pub, key, &ignored);
    if (rc != VINN_OK && rc != VINN_E_KEY_NOT_FOUND) {
        *error = ignored;
        return rc;
    }
    unsigned char hash[VINN_KEY_HASH_LEN];
    key_hash(token, hash);
    if (rc != VINN_OK || sodium_memcmp(hash, key->hash, VINN_KEY_HASH_LEN) != 0 ||
        key->revoked_at_us != 0) {
        return vinn_fail(error, VINN_E_UNAUTHORIZED, "Authorization", "the API key is not valid");
    }
    return vinn_store_tenant_get(app->store, key->tenant_name, tenant, error);
}

/* ---- webhooks and events ------------------------------------------------- */

const char *const vinn_event_types[] = {
    "invoice.created", "invoice.paid",      "invoice.credited", "invoice.written_off",
    "payment.matched", "payment.unmatched", "dunning.step",     "collection.handover",
};
const size_t vinn_event_types_count = sizeof(vinn_event_types) / sizeof(vinn_event_types[0]);

enum { HOOKS_MAX = 64 };

/* One tenant's webhooks; app->hooks keeps HOOKS_KEPT tenants', the most
 * recent first (a writer's batch mixes tenants). */
enum { HOOKS_KEPT = 16 };

struct vinn_app_hooks {
    struct vinn_app_hooks *next;
    int64_t tenant_id;
    size_t count;
    struct {
        int64_t id;
        char events[VINN_EVENT_TYPES_MAX + 1];
    } hooks[HOOKS_MAX];
};

static bool event_type_known(const char *type, size_t len)
{
    for (size_t i = 0; i < vinn_event_types_count; i++) {
        if (strlen(vinn_event_types[i]) == len && strncmp(vinn_event_types[i], type, len) == 0) {
            return true;
        }
    }
    return false;
}

static bool events_want(const char *events, const char *type)
{
    if (strcmp(events, "*") == 0) {
        return true;
    }
    size_t tlen = strlen(type);
    for (const char *p = events; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len == tlen && strncmp(p, type, len) == 0) {
            return true;
        }
        p += len + (p[len] == ',');
    }
    return false;
}

static vinn_err hook_add(void *ctx, const struct vinn_webhook *w)
{
    struct vinn_app_hooks *h = ctx;
    if (h->count < HOOKS_MAX) {
        h->hooks[h->count].id = w->id;
        snprintf(h->hooks[h->count].events, sizeof(h->hooks[0].events), "%s", w->events);
        h->count++;
    }
    return VINN_OK;
}

/* tenant's webhooks at app->hooks, read if not kept. */
static vinn_err hooks_load(struct vinn_app *app, const struct vinn_tenant *tenant,
                           struct vinn_error *error)
{
    vinn_app_fresh(app);
    size_t kept = 0;
    struct vinn_app_hooks **at = &app->hooks;
    for (; *at != NULL; at = &(*at)->next, kept++) {
        struct vinn_app_hooks *h = *at;
        if (h->tenant_id == tenant->id) {
            *at = h->next; /* to the front */
            h->next = app->hooks;
            app->hooks = h;
            return VINN_OK;
        }
        if (kept == HOOKS_KEPT - 1) {
            break;
        }
    }
    /* a new one, or the least recently used one again */
    struct vinn_app_hooks *h = *at;
    if (h != NULL) {
        *at = h->next;
    } else if ((h = malloc(sizeof(*h))) == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    h->tenant_id = 0;
    h->count = 0;
    h->next = app->hooks;
    app->hooks = h;
    vinn_err rc = vinn_store_webhooks(app->store, tenant->id, hook_add, h, error);
    if (rc == VINN_OK) {
        h->tenant_id = tenant->id;
    }
    return rc;
}

void vinn_app_hooks_free(struct vinn_app *app)
{
    while (app->hooks != NULL) {
        struct vinn_app_hooks *next = app->hooks->next;
        free(app->hooks);
        app->hooks = next;
    }
}

bool vinn_app_wants(struct vinn_app *app, const struct vinn_tenant *tenant, const char *type)
{
    if (hooks_load(app, tenant, NULL) != VINN_OK) {
        return true; /* vinn_app_emit meets the error again and reports it */
    }
    for (size_t i = 0; i < app->hooks->count; i++) {
        if (events_want(app->hooks->hooks[i].events, type)) {
            return true;
        }
    }
    return false;
}

vinn_err vinn_app_emit(struct vinn_app *app, const struct vinn_tenant *tenant, const char *type,
                       const char *object, json_t *data, struct vinn_error *error)
{
    VINN_ASSERT(event_type_known(type, strlen(type)));
    vinn_err rc = hooks_load(app, tenant, error);
    int64_t ids[HOOKS_MAX];
    size_t n = 0;
    for (size_t i = 0; rc == VINN_OK && i < app->hooks->count; i++) {
        if (events_want(app->hooks->hooks[i].events, type)) {
            ids[n++] = app->hooks->hooks[i].id;
        }
    }
    char *text = NULL;
    if (rc == VINN_OK && n > 0) {
        text = vinn_json_compact(data, NULL);
        if (text == NULL) {
            rc = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory building an event");
        }
    }
    if (rc == VINN_OK && n > 0) {
        struct vinn_event e;
        memset(&e, 0, sizeof(e));
        snprintf(e.type, sizeof(e.type), "%s", type);
        snprintf(e.object, sizeof(e.object), "%s", object);
        e.data = text;
        e.created_at_us = app->now_us;
        rc = vinn_store_event_insert(app->store, tenant->id, &e, ids, n, error);
    }
    free(text);
    json_decref(data);
    return rc;
}

vinn_err vinn_app_emit_invoice(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const char *type, const struct vinn_invoice *invoice,
                               struct vinn_error *error)
{
    char object[VINN_AUDIT_OBJECT_MAX + 1];
    snprintf(object, sizeof(object), "invoice %s", invoice->number);
    return vinn_app_emit(app, tenant, type, object, vinn_json_invoice(invoice, NULL, 0, app->today),
                         error);
}

static vinn_err url_check(const char *url, struct vinn_error *error)
{
    vinn_err rc = vinn_text_check(url, VINN_URL_MAX, VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE,
                                  "url", error);
    if (rc != VINN_OK) {
        return rc;
    }
    const char *rest = strncmp(url, "https://", 8) == 0  ? url + 8
                       : strncmp(url, "http://", 7) == 0 ? url + 7
                                                         : NULL;
    if (rest == NULL || rest[0] == '\0' || rest[0] == '/' || strpbrk(url, " \t<>\"") != NULL) {
        return vinn_fail(error, VINN_E_URL_INVALID, "url",
                         "url '%s' must be http:// or https:// with a host", url);
    }
    return VINN_OK;
}

static vinn_err events_check(const char *events, struct vinn_error *error)
{
    if (events == NULL || events[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "events",
                         "events is required: \"*\" or a list of event types");
    }
    if (strlen(events) > VINN_EVENT_TYPES_MAX) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "events", "events is longer than %d",
                         VINN_EVENT_TYPES_MAX);
    }
    if (strcmp(events, "*") == 0) {
        return VINN_OK;
    }
    for (const char *p = events; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (!event_type_known(p, len)) {
            return vinn_fail(error, VINN_E_EVENT_TYPE_UNKNOWN, "events",
                             "event type '%.*s' is not known (see docs/api.md)", (int)len, p);
        }
        p += len + (p[len] == ',');
    }
    return VINN_OK;
}

vinn_err vinn_app_webhook_create(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const char *url, const char *events, struct vinn_webhook *out,
                                 struct vinn_error *error)
{
    vinn_err rc = url_check(url, error);
    if (rc == VINN_OK) {
        rc = events_check(events, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_app_sodium_ready(error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_webhook w;
    memset(&w, 0, sizeof(w));
    snprintf(w.url, sizeof(w.url), "%s", url);
    snprintf(w.events, sizeof(w.events), "%s", events);
    unsigned char secret[24];
    randombytes_buf(secret, sizeof(secret));
    memcpy(w.secret, "whsec_", 6);
    sodium_bin2hex(w.secret + 6, sizeof(w.secret) - 6, secret, sizeof(secret));
    w.created_at_us = app->now_us;
    rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(app, vinn_store_webhook_insert(app->store, tenant->id, &w, error),
                              error);
    }
    vinn_app_hooks_free(app);
    if (rc == VINN_OK) {
        *out = w;
    }
    return rc;
}

vinn_err vinn_app_webhook_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                               vinn_webhook_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_webhooks(app->store, tenant->id, fn, ctx, error);
}

vinn_err vinn_app_webhook_delete(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t id,
                                 struct vinn_error *error)
{
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(
            app, vinn_store_webhook_revoke(app->store, tenant->id, id, app->now_us, error), error);
    }
    vinn_app_hooks_free(app);
    return rc;
}

vinn_err vinn_app_events(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t after_id,
                         uint32_t limit, vinn_event_record_fn fn, void *ctx,
                         struct vinn_error *error)
{
    return vinn_store_events(app->store, tenant->id, after_id,
                             limit == 0 || limit > VINN_PAGE_MAX ? VINN_PAGE_MAX : limit, fn, ctx,
                             error);
}

vinn_err vinn_app_deliveries(struct vinn_app *app, const struct vinn_tenant *tenant,
                             int64_t event_id, uint32_t limit, vinn_delivery_fn fn, void *ctx,
                             struct vinn_error *error)
{
    return vinn_store_deliveries(app->store, tenant->id, event_id,
                                 limit == 0 || limit > VINN_PAGE_MAX ? VINN_PAGE_MAX : limit, fn,
                                 ctx, error);
}

vinn_err vinn_app_audit(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t after_id,
                        uint32_t limit, vinn_audit_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_audit(app->store, tenant->id, after_id,
                            limit == 0 || limit > VINN_PAGE_MAX ? VINN_PAGE_MAX : limit, fn, ctx,
                            error);
}

/* ---- delivering webhooks ------------------------------------------------- */

enum { DELIVER_BATCH = 256 };

struct due_batch {
    struct vinn_delivery *items;
    char **bodies;
    size_t count;
};

/* The body a webhook receives: the event with its data. */
static char *delivery_body(const struct vinn_delivery *d)
{
    json_error_t jerr;
    json_t *data = json_loads(d->event.data, 0, &jerr);
    char id[32];
    snprintf(id, sizeof(id), "evt_%lld", (long long)d->event_id);
    json_t *doc = json_pack("{s:s, s:s, s:s, s:I, s:o*}", "id", id, "type", d->event.type, "object",
                            d->event.object, "created",
                            (json_int_t)(d->event.created_at_us / 1000000), "data", data);
    char *text = vinn_json_compact(doc, NULL);
    json_decref(doc);
    return text;
}

static vinn_err due_keep(void *ctx, const struct vinn_delivery *d)
{
    struct due_batch *b = ctx;
    char *body = delivery_body(d);
    if (body == NULL) {
        return VINN_E_NO_MEMORY;
    }
    b->items[b->count] = *d;
    b->items[b->count].event.data = NULL; /* the row's text is gone after the callback */
    b->bodies[b->count] = body;
    b->count++;
    return VINN_OK;
}

/* Vinn-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, "UNIX.BODY")) */
void vinn_app_webhook_signature(const char *secret, int64_t unix_s, const char *body, char *out,
                                size_t cap)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof(prefix), "%lld.", (long long)unix_s);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)prefix, (size_t)n);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, strlen(body));
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
    snprintf(out, cap, "t=%lld,v1=%s", (long long)unix_s, hex);
}

static void attempt_record(struct vinn_delivery *d, vinn_err rc, long status,
                           const struct vinn_error *err, int64_t now_us,
                           struct vinn_webhooks_summary *sum)
{
    d->attempts++;
    d->response_status = (int32_t)status;
    if (rc == VINN_OK) {
        d->status = VINN_DELIVERY_SENT;
        d->sent_at_us = now_us;
        d->last_error[0] = '\0';
        sum->sent++;
        return;
    }
    snprintf(d->last_error, sizeof(d->last_error), "%s", err->message);
    if (rc == VINN_E_DELIVERY_TEMPORARY && !vinn_channel_should_give_up(d->attempts)) {
        d->next_attempt_at_us = now_us + vinn_channel_retry_delay_s(d->attempts) * 1000000;
        sum->retried++;
    } else {
        d->status = VINN_DELIVERY_FAILED;
        sum->failed++;
    }
}

static vinn_err deliver_batch(struct vinn_app *app, const struct vinn_tenant *tenant,
                              struct due_batch *b, long timeout_ms,
                              struct vinn_webhooks_summary *sum, struct vinn_error *error)
{
    for (size_t i = 0; i < b->count; i++) {
        struct vinn_delivery *d = &b->items[i];
        char signature[128];
        vinn_app_webhook_signature(d->secret, app->now_us / 1000000, b->bodies[i], signature,
                                   sizeof(signature));
        char event_id[32];
        snprintf(event_id, sizeof(event_id), "evt_%lld", (long long)d->event_id);
        struct vinn_webhook_post post = {
            .url = d->url,
            .body = b->bodies[i],
            .signature = signature,
            .event_id = event_id,
            .event_type = d->event.type,
            .timeout_ms = timeout_ms,
        };
        long status = 0;
        struct vinn_error err;
        vinn_error_clear(&err);
        vinn_err rc = vinn_channel_webhook_post(&post, &status, &err);
        if (rc == VINN_E_NO_MEMORY) {
            return vinn_fail(error, rc, "", "%s", err.message);
        }
        attempt_record(d, rc, status, &err, app->now_us, sum);
        sum->considered++;
    }
    vinn_err rc = vinn_store_begin(app->store, error);
    for (size_t i = 0; rc == VINN_OK && i < b->count; i++) {
        rc = vinn_store_delivery_update(app->store, tenant->id, &b->items[i], error);
    }
    return vinn_app_txn_end(app, rc, error);
}

static void batch_clear(struct due_batch *b)
{
    for (size_t i = 0; i < b->count; i++) {
        free(b->bodies[i]);
    }
    b->count = 0;
}

vinn_err vinn_app_webhooks_send(struct vinn_app *app, const struct vinn_tenant *tenant,
                                long timeout_ms, long long limit, struct vinn_webhooks_summary *out,
                                struct vinn_error *error)
{
    memset(out, 0, sizeof(*out));
    vinn_err rc = vinn_app_sodium_ready(error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct due_batch b = {
        .items = calloc(DELIVER_BATCH, sizeof(*b.items)),
        .bodies = calloc(DELIVER_BATCH, sizeof(*b.bodies)),
    };
    if (b.items == NULL || b.bodies == NULL) {
        rc = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    /* Each batch is sent and recorded before the next is read: what is
     * retried later has a next_attempt_at past now and is not read again. */
    while (rc == VINN_OK && (limit <= 0 || out->considered < limit)) {
        long long want = DELIVER_BATCH;
        if (limit > 0 && limit - out->considered < want) {
            want = limit - out->considered;
        }
        rc = vinn_store_deliveries_due(app->store, tenant->id, app->now_us, (uint32_t)want,
                                       due_keep, &b, error);
        if (rc == VINN_E_NO_MEMORY) {
            rc = vinn_fail(error, rc, "", "out of memory building a webhook body");
        }
        if (rc != VINN_OK || b.count == 0) {
            break;
        }
        if (app->sync_store != NULL) {
            rc = vinn_store_sync(app->sync_store, error);
        }
        if (rc == VINN_OK) {
            rc = deliver_batch(app, tenant, &b, timeout_ms, out, error);
        }
        batch_clear(&b);
    }
    batch_clear(&b);
    free(b.items);
    free(b.bodies);
    return rc;
}
