/*
 * server.c - the HTTP server: libmicrohttpd's thread pool on poll(), the
 * checks every request passes (route, size, key, scope, rate, JSON), the
 * idempotency keys, the access log, and the one writer that commits many
 * requests in one transaction.
 *
 * A request's life: the first call of the access handler makes its record
 * (and refuses a body announced too large); the next calls collect the
 * body; the last one answers: reads on the thread's own store connection,
 * writes through the writer. Time is read here, once per request or batch:
 * nothing below reads a clock.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/json.h"
#include "base/assert.h"
#include "base/text.h"
#include "http/internal.h"

enum {
    BODY_MAX_DEFAULT = 16 << 20,
    DEPTH_MAX_DEFAULT = 32,
    TIMEOUT_DEFAULT_S = 30,
    BATCH_MAX = 512,       /* requests in one group commit */
    APPS_MAX = 256,        /* store connections: worker threads + writer + webhooks */
    BUCKETS = 4096,        /* rate-limit buckets (power of two) */
    AUTH_CACHE = 1024,     /* verified keys kept (power of two) */
    AUTH_TTL_US = 2000000, /* a revoked key is refused within this */
    DRAIN_MAX_S = 20,      /* at shutdown, wait this long for requests in flight */
    CHECKPOINT_EVERY_MS = 100,
    LOG_PAGES_DEFAULT = 32768, /* past it, the log is written from its start again */
    WRITERS_MAX = 32,
    WRITERS_DEFAULT = 4, /* PostgreSQL: writer threads, each with its tenants; SQLite has one */
    /* libmicrohttpd's memory per connection (default 32 KiB), which it
     * zeroes for every request of a kept-alive connection: headers and
     * a read buffer; bodies are copied out as they come */
    CONNECTION_MEMORY = 16 * 1024,
    /* A body's first buffer is the size its Content-Length says, up to
     * this: a Content-Length alone holds no more than this of the server's
     * memory (the buffer grows only with what comes). */
    BODY_FIRST_MAX = 64 * 1024,
};

/* ---- the server's state -------------------------------------------------- */

struct job;
struct server;

/* A queue of jobs a thread waits on, under the server's lock. */
struct jobq {
    pthread_cond_t wake;
    struct job *head;
    struct job *tail;
    bool stop; /* the thread ends once the queue is empty */
    bool running;
    pthread_t thread;
};

/* A writer thread: its queue and its store connection. Each tenant's writes
 * go to one writer (the tenant's id modulo their count), so one tenant's
 * requests commit in the order they came, and two writers never wait for
 * each other's locks on a tenant's rows (its id counters, its balances). */
struct writer {
    struct server *s;
    struct jobq q;
    struct vinn_app *app;
};

/* A thread that does fn every every_ms until stopped, and again at once
 * when poked (ticker_poke): webhook deliveries, checkpoints. */
struct ticker {
    const char *name;
    void (*fn)(struct server *s, struct vinn_app *app);
    long every_ms;
    struct server *s;
    struct vinn_app *app; /* NULL: not started */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    bool poked; /* under lock */
};

/* fn again at once, or as soon as the round under way ends. */
static void ticker_poke(struct ticker *t)
{
    pthread_mutex_lock(&t->lock);
    t->poked = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
}

struct bucket {
    int64_t key_id;
    double tokens;
    int64_t at_us;
};

struct auth_entry {
    unsigned char token_hash[VINN_KEY_HASH_LEN];
    int64_t checked_at_us;
    struct vinn_api_key key;
    struct vinn_tenant tenant;
};

struct server {
    const struct vinn_server_config *cfg;
    struct MHD_Daemon *daemon;
    atomic_int in_flight;
    atomic_bool stopping;

    /* every store connection opened, closed at the end */
    pthread_mutex_t apps_lock;
    struct vinn_app *apps[APPS_MAX];
    size_t apps_count;
    bool apps_failed;

    /* The writers' queues, and the answerer's: it wakes the connections of
     * the batches a writer has committed (a system call each) while the
     * writer goes on. All under lock. SQLite has one writer (it allows one
     * at a time), writers[0]: the syncer syncs its store. */
    pthread_mutex_t lock;
    struct writer writers[WRITERS_MAX];
    unsigned writers_count;
    /* SQLite: the syncer makes the writer's committed batches durable
     * (one fdatasync for all that are waiting) while the writer runs the
     * next batch; only then are they answered. */
    bool sync_later;
    bool syncing; /* the syncer has batches (under lock) */
    struct jobq syncs;
    struct jobq answers;

    struct ticker hooks;
    struct ticker checkpoints;
    atomic_uint checkpoints_started;
    atomic_uint checkpoints_done;
    /* the writer's (log_restart): the checkpoint rounds asked for since
     * the log passed its limit, and the round the last one is, done when
     * checkpoints_done reaches it */
    unsigned restart_rounds;
    unsigned restart_round;

    pthread_mutex_t rate_lock;
    struct bucket buckets[BUCKETS];

    pthread_mutex_t auth_lock;
    struct auth_entry auth[AUTH_CACHE];
};

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Today: the configured day, else the local date (the CLI's rule). */
static vinn_day today_of(const struct server *s, int64_t at_us)
{
    if (s->cfg->has_today) {
        return s->cfg->today;
    }
    time_t t = (time_t)(at_us / 1000000);
    struct tm tm;
    localtime_r(&t, &tm);
    return vinn_day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void app_clock(const struct server *s, struct vinn_app *app)
{
    app->now_us = now_us();
    app->today = today_of(s, app->now_us);
}

/* A new store connection, kept for the close at the end. */
static struct vinn_app *app_open(struct server *s, struct vinn_error *error)
{
    struct vinn_app *app = calloc(1, sizeof(*app));
    if (app == NULL) {
        vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
        return NULL;
    }
    int64_t t = now_us();
    if (vinn_app_open(app, s->cfg->db, false, today_of(s, t), t, error) != VINN_OK) {
        free(app);
        return NULL;
    }
    pthread_mutex_lock(&s->apps_lock);
    bool room = s->apps_count < APPS_MAX;
    if (room) {
        s->apps[s->apps_count++] = app;
    }
    pthread_mutex_unlock(&s->apps_lock);
    if (!room) {
        vinn_app_close(app);
        free(app);
        vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "", "too many store connections");
        return NULL;
    }
    return app;
}

static _Thread_local struct vinn_app *thread_app;

/* The worker thread's own store connection, opened on its first request. */
static struct vinn_app *reader(struct server *s, struct vinn_error *error)
{
    if (thread_app == NULL) {
        thread_app = app_open(s, error);
    }
    if (thread_app != NULL) {
        app_clock(s, thread_app);
    }
    return thread_app;
}

static uint32_t log_pages_max(const struct server *s)
{
    return s->cfg->log_pages ? s->cfg->log_pages : LOG_PAGES_DEFAULT;
}

static int64_t request_timeout_us(const struct server *s)
{
    return (int64_t)(s->cfg->request_timeout_s ? s->cfg->request_timeout_s : TIMEOUT_DEFAULT_S) *
           1000000;
}

/* ---- answers ------------------------------------------------------------- */

void http_resp_drop(struct http_resp *resp)
{
    json_decref(resp->json);
    resp->json = NULL;
    free(resp->later);
    resp->later = NULL;
    resp->build = NULL;
}

void http_ok_later(struct http_resp *resp, int status, http_build_fn build, void *data)
{
    http_resp_drop(resp);
    if (data == NULL) {
        resp->status = 500;
        vinn_fail(&resp->error, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    resp->status = status;
    resp->build = build;
    resp->later = data;
}

void http_resp_build(struct http_resp *resp)
{
    if (resp->build == NULL) {
        return;
    }
    size_t len = 0;
    char *text = resp->build(resp->later, &len);
    http_resp_drop(resp);
    if (text == NULL) {
        resp->status = 500;
        vinn_fail(&resp->error, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    free(resp->raw);
    resp->raw = text;
    resp->raw_len = len;
    resp->content_type = "application/json";
}

void http_ok(struct http_resp *resp, int status, json_t *body)
{
    http_resp_drop(resp);
    resp->json = body;
    resp->status = body != NULL ? status : 500;
    if (body == NULL) {
        vinn_fail(&resp->error, VINN_E_NO_MEMORY, "", "out of memory");
    }
}

void http_fail(struct http_resp *resp, const struct vinn_error *error)
{
    http_resp_drop(resp);
    free(resp->raw);
    resp->raw = NULL;
    resp->error = *error;
    resp->status = vinn_err_http_status(error->code);
    if (resp->status < 400) {
        resp->status = 500;
    }
}

void http_failf(struct http_resp *resp, vinn_err code, const char *field, const char *fmt, ...)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    e.code = code;
    snprintf(e.field, sizeof(e.field), "%s", field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof(e.message), fmt, ap);
    va_end(ap);
    http_fail(resp, &e);
}

/* The bytes of the answer: a 5xx never shows what failed inside. */
static char *resp_body(struct http_resp *resp, size_t *len, const char **type)
{
    http_resp_build(resp);
    if (resp->raw != NULL) {
        char *b = resp->raw;
        resp->raw = NULL;
        *len = resp->raw_len;
        *type = resp->content_type;
        return b;
    }
    *type = "application/json";
    json_t *doc = resp->json;
    if (resp->verbatim) {
        json_incref(doc);
    } else if (resp->status >= 400) {
        struct vinn_error shown = resp->error;
        if (resp->status >= 500 && resp->error.code != VINN_E_STORE_BUSY &&
            resp->error.code != VINN_E_SHUTTING_DOWN && resp->error.code != VINN_E_TIMEOUT) {
            fprintf(stderr, "vinn serve: %d %s: %s (%s)\n", resp->status,
                    vinn_err_name(resp->error.code), resp->error.message, resp->error.field);
            vinn_error_clear(&shown);
            shown.code = VINN_E_INTERNAL;
            snprintf(shown.message, sizeof(shown.message), "internal error");
        }
        doc = vinn_json_error(&shown);
    } else if (doc != NULL) {
        json_incref(doc);
    }
    char *text = vinn_json_compact(doc, len);
    json_decref(doc);
    if (text == NULL) {
        text = strdup("{\"error\":{\"code\":\"no_memory\",\"message\":\"out of memory\","
                      "\"field\":\"\"}}");
        resp->status = 500;
        *len = text != NULL ? strlen(text) : 0;
    }
    return text;
}

/* ---- requests ------------------------------------------------------------ */

enum { QUERY_MAX = 16 };

/* A request from its first byte to its answer. A write waits for the
 * writer with its connection suspended, so a worker thread serves other
 * connections meanwhile: everything the writer needs lives here. */
struct request {
    char *body;
    size_t len;
    size_t cap;
    size_t said; /* Content-Length, 0 if none */
    bool too_large;
    bool answered;
    bool queued; /* with the writer, the connection suspended */
    int64_t started_us;
    struct http_req req;
    struct http_resp resp;
    char params[HTTP_PARAMS_MAX][VINN_AUDIT_OBJECT_MAX + 1];
    char allow[128];
    /* the query's parameters, copied: the writer must not touch the connection */
    const char *query[QUERY_MAX][2];
    size_t query_count;
    char idem_key[VINN_IDEM_KEY_MAX + 1];
    struct job *job;
};

const char *http_query(const struct http_req *req, const char *name)
{
    const struct request *r = req->owner;
    if (r == NULL) {
        return NULL; /* a request made in-process (tests) has no query */
    }
    for (size_t i = 0; i < r->query_count; i++) {
        if (strcmp(r->query[i][0], name) == 0) {
            return r->query[i][1];
        }
    }
    return NULL;
}

static enum MHD_Result query_keep(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    struct request *r = cls;
    if (r->query_count < QUERY_MAX && key != NULL) {
        r->query[r->query_count][0] = key;
        r->query[r->query_count][1] = value != NULL ? value : "";
        r->query_count++;
    }
    return MHD_YES;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Match path against a route's pattern, unescaping the {…} parts into
 * storage and pointing params at them; false when it does not match. */
static bool route_match(const char *pattern, const char *path,
                        const char *params[HTTP_PARAMS_MAX],
                        char storage[HTTP_PARAMS_MAX][VINN_AUDIT_OBJECT_MAX + 1])
{
    int n = 0;
    const char *p = pattern;
    const char *u = path;
    while (*p != '\0' && *u != '\0') {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t len = strcspn(u, "/");
            if (close == NULL || len == 0 || len > VINN_AUDIT_OBJECT_MAX || n >= HTTP_PARAMS_MAX) {
                return false;
            }
            memcpy(storage[n], u, len);
            storage[n][len] = '\0';
            MHD_http_unescape(storage[n]);
            params[n] = storage[n];
            n++;
            p = close + 1;
            u += len;
        } else if (*p++ != *u++) {
            return false;
        }
    }
    return *p == '\0' && *u == '\0';
}

/* Nesting of a JSON text, counted outside strings; > max stops early. */
static bool json_depth_ok(const char *s, size_t len, unsigned max)
{
    unsigned depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max) {
                return false;
            }
        } else if (c == '}' || c == ']') {
            depth = depth > 0 ? depth - 1 : 0;
        }
    }
    return true;
}

bool http_body_read(const struct http_route *route, struct http_req *req, struct http_resp *resp,
                    unsigned depth_max)
{
    if ((route->flags & ROUTE_RAW) == 0 && req->body_len > 0) {
        unsigned depth = depth_max ? depth_max : DEPTH_MAX_DEFAULT;
        if (!json_depth_ok(req->body, req->body_len, depth)) {
            http_failf(resp, VINN_E_JSON_TOO_DEEP, "body", "JSON may nest at most %u deep", depth);
            return false;
        }
        json_error_t jerr;
        req->json = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
        if (req->json == NULL || !json_is_object(req->json)) {
            http_failf(resp, VINN_E_BAD_JSON, "body",
                       "the body is not a JSON object: %s at line %d",
                       req->json == NULL ? jerr.text : "not an object", jerr.line);
            return false;
        }
    }
    if ((route->flags & ROUTE_BODY) && req->json == NULL) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, "body", "%s %s needs a JSON body", route->method,
                   route->pattern);
        return false;
    }
    return true;
}

/* ---- keys, scopes and rates ---------------------------------------------- */

static vinn_err authenticate(struct server *s, struct vinn_app *app, struct http_req *req,
                             struct vinn_error *error)
{
    const char *auth = header(req->conn, MHD_HTTP_HEADER_AUTHORIZATION);
    if (auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0) {
        return vinn_fail(error, VINN_E_UNAUTHORIZED, "Authorization",
                         "an API key is required: Authorization: Bearer KEY");
    }
    const char *token = auth + 7;
    unsigned char h[VINN_KEY_HASH_LEN];
    const void *parts[] = {token};
    size_t lens[] = {strlen(token)};
    vinn_app_hash(h, parts, lens, 1);
    uint32_t slot;
    memcpy(&slot, h, sizeof(slot));
    slot &= AUTH_CACHE - 1;
    int64_t t = mono_us();
    pthread_mutex_lock(&s->auth_lock);
    struct auth_entry *e = &s->auth[slot];
    bool hit = e->checked_at_us != 0 && t - e->checked_at_us < AUTH_TTL_US &&
               memcmp(e->token_hash, h, sizeof(h)) == 0;
    if (hit) {
        req->key = e->key;
        req->tenant = e->tenant;
    }
    pthread_mutex_unlock(&s->auth_lock);
    if (hit) {
        return VINN_OK;
    }
    vinn_err rc = vinn_app_key_check(app, token, &req->key, &req->tenant, error);
    if (rc == VINN_OK) {
        pthread_mutex_lock(&s->auth_lock);
        memcpy(e->token_hash, h, sizeof(h));
        e->checked_at_us = t;
        e->key = req->key;
        e->tenant = req->tenant;
        pthread_mutex_unlock(&s->auth_lock);
    }
    return rc;
}

/* A token bucket per key: rate per second, burst deep. *retry_s gets the
 * seconds until a token is there. */
static bool rate_ok(struct server *s, int64_t key_id, int *retry_s)
{
    double rate = s->cfg->rate;
    if (rate <= 0) {
        return true;
    }
    double burst = s->cfg->burst > 0 ? s->cfg->burst : rate;
    int64_t t = mono_us();
    pthread_mutex_lock(&s->rate_lock);
    struct bucket *b = &s->buckets[(uint64_t)key_id * 0x9E3779B97F4A7C15u >> 52 & (BUCKETS - 1)];
    if (b->key_id != key_id) {
        b->key_id = key_id;
        b->tokens = burst;
        b->at_us = t;
    }
    b->tokens = fmin(burst, b->tokens + (double)(t - b->at_us) * rate / 1e6);
    b->at_us = t;
    bool ok = b->tokens >= 1.0;
    if (ok) {
        b->tokens -= 1.0;
    } else {
        *retry_s = (int)ceil((1.0 - b->tokens) / rate);
    }
    pthread_mutex_unlock(&s->rate_lock);
    return ok;
}

/* ---- the writer ---------------------------------------------------------- */

struct job {
    struct job *next;
    const struct http_route *route;
    struct http_req *req;
    struct http_resp *resp;
    const char *idem_key; /* NULL: none */
    unsigned char idem_hash[VINN_KEY_HASH_LEN];
    int64_t timeout_us;
    bool done;
};

/* An idempotency key seen before: its answer again, or 409 for another
 * request. *found false when the key is new. */
static vinn_err idem_replay(struct vinn_app *app, struct job *j, bool *found,
                            struct vinn_error *error)
{
    struct vinn_idem_record rec;
    vinn_err rc =
        vinn_store_idem_get(app->store, j->req->tenant.id, j->idem_key, found, &rec, error);
    if (rc != VINN_OK || !*found) {
        return rc;
    }
    if (memcmp(rec.request_hash, j->idem_hash, VINN_KEY_HASH_LEN) != 0) {
        free(rec.body);
        http_failf(j->resp, VINN_E_IDEMPOTENCY_KEY_REUSED, "Idempotency-Key",
                   "Idempotency-Key '%s' was used for another request", j->idem_key);
        return VINN_OK;
    }
    json_error_t jerr;
    json_t *doc = json_loadb(rec.body, rec.body_len, 0, &jerr);
    free(rec.body);
    if (doc == NULL) {
        return vinn_fail(error, VINN_E_STORE_CORRUPT, "", "a stored answer is not JSON");
    }
    j->resp->status = rec.status;
    j->resp->json = doc;
    j->resp->replayed = true;
    j->resp->verbatim = true;
    return VINN_OK;
}

/* What a job leaves behind besides its change: the answer under its
 * idempotency key, and the audit row. */
static vinn_err job_record(struct vinn_app *app, struct job *j, struct vinn_error *error)
{
    vinn_err rc = VINN_OK;
    if (j->idem_key != NULL) {
        http_resp_build(j->resp); /* the answer is kept with its key */
        bool made = j->resp->status >= 400 && !j->resp->verbatim;
        json_t *doc = made ? vinn_json_error(&j->resp->error) : j->resp->json;
        size_t text_len = j->resp->raw_len;
        char *text = !made && j->resp->raw != NULL /* JSON text made by the route */
                         ? strndup(j->resp->raw, text_len)
                         : vinn_json_compact(doc, &text_len);
        if (made) {
            json_decref(doc);
        }
        if (text == NULL) {
            return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
        }
        rc = vinn_store_idem_put(app->store, j->req->tenant.id, j->idem_key, j->idem_hash,
                                 j->resp->status, text, text_len, app->now_us, error);
        free(text);
    }
    if (rc == VINN_OK) {
        struct vinn_audit_record a;
        memset(&a, 0, sizeof(a));
        a.at_us = app->now_us;
        a.key_id = j->req->key.id;
        /* each fits: routes are ours, the object made to fit */
        vinn_text_copy(a.method, sizeof(a.method), j->route->method);
        vinn_text_copy(a.route, sizeof(a.route), j->route->pattern);
        vinn_text_copy(a.object, sizeof(a.object), j->req->object);
        a.status = j->resp->status;
        rc = vinn_store_audit_insert(app->store, j->req->tenant.id, &a, error);
    }
    return rc;
}

/* One job: replay, or run and record. With savepoints (light false) the
 * job has its own, and a failure of the store undoes the job alone; *lost
 * when the whole transaction is gone. Light, it runs in the batch's
 * transaction as it is, and sets *again when that cannot stand: it failed
 * after changing something, or the store failed. The batch then runs again
 * with savepoints. */
static void job_run(struct vinn_app *app, struct job *j, bool light, bool *lost, bool *again)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = light ? VINN_OK : vinn_store_begin(app->store, &e);
    uint64_t mark = vinn_store_mark(app->store);
    /* The request's time covers its replay and its record too; the batch
     * lifts it before the commit. Every request asks for the same time, so
     * PostgreSQL is told it once a batch, not twice a request. */
    vinn_store_deadline(app->store, j->timeout_us);
    bool replayed = false;
    if (rc == VINN_OK && j->idem_key != NULL) {
        rc = idem_replay(app, j, &replayed, &e);
    }
    if (rc == VINN_OK && !replayed) {
        j->route->fn(app, j->req, j->resp);
        if (j->resp->status >= 500) {
            e = j->resp->error;
            rc = e.code != VINN_OK ? e.code : VINN_E_INTERNAL;
        } else if (light && (vinn_store_broken(app->store) ||
                             (j->resp->status >= 400 && vinn_store_mark(app->store) != mark))) {
            *again = true;
            return;
        } else {
            rc = job_record(app, j, &e);
        }
    }
    if (light) {
        *again = rc != VINN_OK;
        return;
    }
    if (rc == VINN_OK) {
        rc = vinn_store_commit(app->store, &e);
    }
    if (rc != VINN_OK) {
        vinn_store_rollback(app->store);
        vinn_app_forget(app);
        *lost = vinn_store_txn_depth(app->store) == 0;
        /* Another server took the same idempotency key meanwhile and has
         * committed: this request's change is undone, and its answer is the
         * one the key holds. */
        bool raced = rc == VINN_E_EXISTS && j->idem_key != NULL && !*lost;
        http_resp_drop(j->resp);
        replayed = false;
        if (!raced || idem_replay(app, j, &replayed, &e) != VINN_OK || !replayed) {
            http_fail(j->resp, &e);
        }
    }
}

/* A job's answer forgotten, for its batch to run again. */
static void job_reset(struct job *j)
{
    http_resp_drop(j->resp);
    free(j->resp->raw);
    *j->resp = (struct http_resp){.status = 200};
    vinn_error_clear(&j->resp->error);
    j->req->object[0] = '\0';
}

/* The answers are ready: wake each job's connection, whose next call of
 * the access handler sends it. */
static void jobs_wake(struct job *first)
{
    /* Outside the lock (MHD takes its own), and nothing of a job is read
     * after its resume: its connection may answer and free it at once. */
    for (struct job *j = first; j != NULL;) {
        struct job *next = j->next;
        MHD_resume_connection(j->req->conn);
        j = next;
    }
}

/* Append the jobs first..last to q (the lock held). */
static void jobq_put(struct jobq *q, struct job *first, struct job *last)
{
    if (q->tail != NULL) {
        q->tail->next = first;
    } else {
        q->head = first;
    }
    q->tail = last;
    pthread_cond_signal(&q->wake);
}

/* Wait for jobs and take up to max of them, linked and ended; NULL when
 * the queue is stopped and empty. */
static struct job *jobq_take(struct server *s, struct jobq *q, size_t max)
{
    pthread_mutex_lock(&s->lock);
    while (q->head == NULL && !q->stop) {
        pthread_cond_wait(&q->wake, &s->lock);
    }
    struct job *first = q->head;
    if (first != NULL) {
        struct job *last = first;
        for (size_t n = 1; last->next != NULL && n < max; n++) {
            last = last->next;
        }
        q->head = last->next;
        if (q->head == NULL) {
            q->tail = NULL;
        }
        last->next = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    return first;
}

/* Tell a thread waiting on wake under lock to stop, and wait for it. */
static void thread_stop(pthread_mutex_t *lock, pthread_cond_t *wake, bool *stop, pthread_t thread)
{
    pthread_mutex_lock(lock);
    *stop = true;
    pthread_cond_signal(wake);
    pthread_mutex_unlock(lock);
    pthread_join(thread, NULL);
}

/* Start q's thread, fn(arg). */
static vinn_err jobq_start(struct jobq *q, void *(*fn)(void *), void *arg, const char *what,
                           struct vinn_error *error)
{
    if (pthread_create(&q->thread, NULL, fn, arg) != 0) {
        return vinn_fail(error, VINN_E_INTERNAL, "", "cannot start the %s thread", what);
    }
    q->running = true;
    return VINN_OK;
}

static void jobq_stop(struct server *s, struct jobq *q)
{
    if (q->running) {
        thread_stop(&s->lock, &q->wake, &q->stop, q->thread);
        q->running = false;
    }
}

/* The batch is answered: done, and on the answerer's queue (the answerer
 * starts before the writer and stops after it). */
static void jobs_finish(struct server *s, struct job *first)
{
    struct job *last = first;
    pthread_mutex_lock(&s->lock);
    for (struct job *j = first; j != NULL; j = j->next) {
        j->done = true;
        last = j;
    }
    jobq_put(&s->answers, first, last);
    pthread_mutex_unlock(&s->lock);
}

/* Sync once for every batch waiting, then let them be answered. */
static void *syncer_main(void *arg)
{
    struct server *s = arg;
    pthread_setname_np(pthread_self(), "vinn-syncer");
    struct job *first;
    while ((first = jobq_take(s, &s->syncs, SIZE_MAX)) != NULL) {
        struct vinn_error e;
        vinn_error_clear(&e);
        if (vinn_store_sync(s->writers[0].app->store, &e) != VINN_OK) {
            /* committed, but perhaps not on the disk: none of it is
             * answered as done */
            for (struct job *j = first; j != NULL; j = j->next) {
                http_fail(j->resp, &e);
            }
        }
        jobs_finish(s, first);
        pthread_mutex_lock(&s->lock);
        if (s->syncs.head == NULL) {
            s->syncing = false;
            pthread_cond_signal(&s->writers[0].q.wake); /* commit what has gathered */
        }
        pthread_mutex_unlock(&s->lock);
    }
    return NULL;
}

static void *answerer_main(void *arg)
{
    struct server *s = arg;
    pthread_setname_np(pthread_self(), "vinn-answerer");
    struct job *first;
    while ((first = jobq_take(s, &s->answers, SIZE_MAX)) != NULL) {
        jobs_wake(first);
    }
    return NULL;
}

/* The jobs of the writer's open transaction. */
struct batch {
    struct job *first;
    struct job *last;
    size_t count;
    bool light; /* no savepoint per job */
    bool lost;  /* the transaction is gone: every job fails */
    struct vinn_error error;
};

static void batch_begin(struct vinn_app *app, struct batch *b)
{
    vinn_error_clear(&b->error);
    b->lost = vinn_store_begin(app->store, &b->error) != VINN_OK;
}

/* The light batch cannot stand: undo it and run every job of it again,
 * each with its savepoint. */
static void batch_rerun(struct vinn_app *app, struct batch *b)
{
    vinn_store_rollback(app->store);
    vinn_app_forget(app); /* a policy or webhook read inside it is undone */
    for (struct job *j = b->first; j != NULL; j = j->next) {
        job_reset(j);
    }
    b->light = false;
    vinn_store_light(app->store, false);
    batch_begin(app, b);
    bool again = false;
    for (struct job *j = b->first; j != NULL && !b->lost; j = j->next) {
        job_run(app, j, false, &b->lost, &again);
    }
}

/* Run more jobs in the batch's transaction. Light, a job that failed after
 * changing something (or a broken store) undoes the whole transaction,
 * and every job of the batch runs again with savepoints: nobody has been
 * answered yet. */
static void batch_add(struct vinn_app *app, struct batch *b, struct job *more)
{
    if (b->first == NULL) {
        b->first = more;
    } else {
        b->last->next = more;
    }
    for (b->last = more, b->count++; b->last->next != NULL; b->last = b->last->next) {
        b->count++;
    }
    bool again = false;
    for (struct job *j = more; j != NULL && !b->lost && !again; j = j->next) {
        job_run(app, j, b->light, &b->lost, &again);
    }
    if (again) {
        batch_rerun(app, b);
    }
}

/* Commit the batch and pass it on: to the syncer, or answered. When the
 * transaction is lost (the commit fails, or SQLite rolled it back), every
 * job of it is answered with the failure: none of them happened, and the
 * client may retry. */
static void batch_end(struct server *s, struct vinn_app *app, struct batch *b)
{
    vinn_store_deadline(app->store, 0);
    if (!b->lost) {
        b->lost = vinn_store_commit(app->store, &b->error) != VINN_OK;
    }
    /* A light batch's statement failed only at the commit (a write held
     * back until then, on PostgreSQL): the batch runs again with
     * savepoints, and that job alone fails. */
    if (b->lost && b->light && vinn_store_broken(app->store)) {
        vinn_error_clear(&b->error);
        b->lost = false;
        batch_rerun(app, b);
        if (!b->lost) {
            b->lost = vinn_store_commit(app->store, &b->error) != VINN_OK;
        }
    }
    if (b->lost) {
        vinn_store_rollback(app->store);
        vinn_app_forget(app);
        if (b->error.code == VINN_OK) {
            vinn_fail(&b->error, VINN_E_STORE_BUSY, "", "the transaction was lost: retry");
        }
        for (struct job *j = b->first; j != NULL; j = j->next) {
            http_fail(j->resp, &b->error);
        }
    }
    vinn_store_light(app->store, false);
    if (b->lost || !s->sync_later) {
        jobs_finish(s, b->first);
        return;
    }
    /* committed, yet to be made durable */
    pthread_mutex_lock(&s->lock);
    jobq_put(&s->syncs, b->first, b->last);
    s->syncing = true;
    pthread_mutex_unlock(&s->lock);
}

/* While the syncer is busy, a commit could not be synced before it is done
 * anyway: the writer runs the writes that arrive meanwhile in the same
 * transaction, up to max, and commits when the syncer is free. Fewer,
 * bigger commits write fewer pages per request. NULL: commit now. */
static struct job *jobs_while_syncing(struct server *s, size_t max)
{
    struct jobq *q = &s->writers[0].q; /* SQLite's one writer */
    pthread_mutex_lock(&s->lock);
    while (s->syncing && q->head == NULL && !q->stop) {
        pthread_cond_wait(&q->wake, &s->lock);
    }
    /* only the writer takes from its queue: what is there stays there */
    bool take = s->syncing && q->head != NULL && max > 0;
    pthread_mutex_unlock(&s->lock);
    return take ? jobq_take(s, q, max) : NULL;
}

/* SQLite writes its log from the start again only when a write begins
 * after all of the log is in the database, and under steady writes the
 * checkpoint thread never catches the writer up: the log would grow
 * without end, and every sync of it would also write the file's new size.
 * So past --log-pages the writer asks the checkpoint thread for a round
 * at once and goes on writing; when that round is done it asks for one
 * more, which has only what came during the first to copy; when that is
 * done, the writer copies what came since itself, between two
 * transactions, while the syncer syncs the commit just made (what arrives
 * meanwhile would wait for that sync anyway), and the next commit writes
 * the log from its start. A reader on an older snapshot may keep it from
 * that; the next batch tries again. */
static void log_restart(struct server *s, struct vinn_app *app)
{
    if (vinn_store_log_pages(app->store) <= log_pages_max(s)) {
        s->restart_rounds = 0;
        return;
    }
    if (s->restart_rounds > 0 &&
        (int)(atomic_load(&s->checkpoints_done) - s->restart_round) < 0) {
        return; /* that round is still copying */
    }
    if (s->restart_rounds < 2) {
        s->restart_rounds++;
        s->restart_round = atomic_load(&s->checkpoints_started) + 1;
        ticker_poke(&s->checkpoints);
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_store_checkpoint(app->store, &e) != VINN_OK) {
        fprintf(stderr, "vinn serve: %s\n", e.message);
    }
}

static void *writer_main(void *arg)
{
    struct writer *w = arg;
    struct server *s = w->s;
    struct vinn_app *app = w->app;
    pthread_setname_np(pthread_self(), "vinn-writer");
    struct job *first;
    while ((first = jobq_take(s, &w->q, BATCH_MAX)) != NULL) {
        app_clock(s, app);
        vinn_app_refresh(app); /* another process may have changed them */
        struct batch b = {.light = vinn_store_light(app->store, true)};
        /* Waiting for the database (another process's write) counts in
         * the requests' time too: past it, the batch is answered 503
         * timeout, and nothing of it is written. */
        vinn_store_deadline(app->store, first->timeout_us);
        batch_begin(app, &b);
        batch_add(app, &b, first);
        struct job *more;
        while (!b.lost && (more = jobs_while_syncing(s, BATCH_MAX - b.count)) != NULL) {
            batch_add(app, &b, more);
        }
        batch_end(s, app, &b);
        log_restart(s, app);
    }
    return NULL;
}

/* Hand a write to its tenant's writer (the connection is suspended
 * already). */
static void enqueue(struct server *s, struct job *j)
{
    struct writer *w = &s->writers[(uint64_t)j->req->tenant.id % s->writers_count];
    pthread_mutex_lock(&s->lock);
    jobq_put(&w->q, j, j);
    pthread_mutex_unlock(&s->lock);
}

/* ---- webhooks ------------------------------------------------------------ */

enum { HOOK_TENANTS_MAX = 4096 };

struct tenant_ids {
    struct vinn_tenant *list;
    size_t count;
};

static vinn_err tenant_keep(void *ctx, const struct vinn_tenant *t)
{
    struct tenant_ids *ids = ctx;
    if (ids->count < HOOK_TENANTS_MAX) {
        ids->list[ids->count++] = *t;
    }
    return VINN_OK;
}

/* Each tenant's due deliveries. The tenants are read first: a write
 * cannot begin while a read of this connection is still open on an older
 * snapshot of the database. */
static void hooks_round(struct server *s, struct vinn_app *app)
{
    app->sync_store = s->sync_later ? s->writers[0].app->store : NULL;
    struct tenant_ids ids = {calloc(HOOK_TENANTS_MAX, sizeof(struct vinn_tenant)), 0};
    struct vinn_error e;
    vinn_error_clear(&e);
    if (ids.list == NULL || vinn_app_tenant_list(app, tenant_keep, &ids, &e) != VINN_OK) {
        fprintf(stderr, "vinn serve: webhooks: %s\n", ids.list ? e.message : "out of memory");
    }
    for (size_t i = 0; i < ids.count; i++) {
        struct vinn_webhooks_summary sum;
        vinn_error_clear(&e);
        app_clock(s, app);
        if (vinn_app_webhooks_send(app, &ids.list[i], 10000, 1000, &sum, &e) != VINN_OK) {
            fprintf(stderr, "vinn serve: webhooks of %s: %s\n", ids.list[i].name, e.message);
        }
    }
    free(ids.list);
}

static void *ticker_main(void *arg)
{
    struct ticker *t = arg;
    pthread_setname_np(pthread_self(), t->name);
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        pthread_mutex_unlock(&t->lock);
        t->fn(t->s, t->app);
        pthread_mutex_lock(&t->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += t->every_ms / 1000;
        until.tv_nsec += (t->every_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        if (!t->stop && !t->poked) {
            pthread_cond_timedwait(&t->wake, &t->lock, &until);
        }
        t->poked = false;
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

static vinn_err ticker_start(struct server *s, struct ticker *t, struct vinn_error *error)
{
    t->s = s;
    struct vinn_app *app = app_open(s, error);
    if (app == NULL) {
        return error->code;
    }
    t->app = app; /* before the thread reads it */
    if (pthread_create(&t->thread, NULL, ticker_main, t) != 0) {
        t->app = NULL;
        return vinn_fail(error, VINN_E_INTERNAL, "", "cannot start the %s thread", t->name);
    }
    return VINN_OK;
}

static void ticker_stop(struct ticker *t)
{
    if (t->app != NULL) {
        thread_stop(&t->lock, &t->wake, &t->stop, t->thread);
    }
}

/* The writer leaves the log to this: a passive checkpoint copies it into
 * the database without holding the writer up; the rounds are counted for
 * the writer (log_restart). */
static void checkpoint_round(struct server *s, struct vinn_app *app)
{
    atomic_fetch_add(&s->checkpoints_started, 1);
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_store_checkpoint(app->store, &e) != VINN_OK) {
        fprintf(stderr, "vinn serve: %s\n", e.message);
    }
    atomic_fetch_add(&s->checkpoints_done, 1);
}

/* ---- dispatch ------------------------------------------------------------ */

/* Find the route; 404 or 405 (with allow filled) when there is none. */
static const struct http_route *route_find(const char *method, const char *path,
                                           struct http_req *req,
                                           char storage[HTTP_PARAMS_MAX][VINN_AUDIT_OBJECT_MAX + 1],
                                           char *allow, size_t allow_cap)
{
    allow[0] = '\0';
    const char *params[HTTP_PARAMS_MAX] = {0};
    for (size_t i = 0; i < http_routes_count; i++) {
        const struct http_route *r = &http_routes[i];
        if (strcmp(r->method, method) != 0) {
            continue;
        }
        if (route_match(r->pattern, path, params, storage)) {
            memcpy(req->params, params, sizeof(params));
            return r;
        }
        memset(params, 0, sizeof(params)); /* it may have matched part of the path */
    }
    /* None of this method: the methods the path has, for 405 and Allow. */
    for (size_t i = 0; i < http_routes_count; i++) {
        const struct http_route *r = &http_routes[i];
        if (route_match(r->pattern, path, params, storage)) {
            size_t used = strlen(allow);
            snprintf(allow + used, allow_cap - used, "%s%s", used > 0 ? ", " : "", r->method);
        }
    }
    return NULL;
}

static bool idem_key_ok(const char *k)
{
    size_t len = strlen(k);
    if (len == 0 || len > VINN_IDEM_KEY_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

/* Everything between the route and the handler. */
static void handle(struct server *s, struct request *r)
{
    struct http_req *req = &r->req;
    struct http_resp *resp = &r->resp;
    char *allow = r->allow;
    const struct http_route *route =
        route_find(req->method, req->path, req, r->params, allow, sizeof(r->allow));
    if (route == NULL) {
        if (allow[0] != '\0') {
            http_failf(resp, VINN_E_METHOD_NOT_ALLOWED, "method", "%s is not allowed on %s",
                       req->method, req->path);
        } else {
            http_failf(resp, VINN_E_ROUTE_NOT_FOUND, "path", "no route %s (see /v1/openapi.json)",
                       req->path);
        }
        return;
    }
    allow[0] = '\0';
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_app *app = reader(s, &e);
    if (app == NULL) {
        http_fail(resp, &e);
        return;
    }
    if ((route->flags & ROUTE_PUBLIC) == 0) {
        if (authenticate(s, app, req, &e) != VINN_OK) {
            http_fail(resp, &e);
            return;
        }
        uint32_t need = (route->flags & ROUTE_WRITE) ? VINN_SCOPE_WRITE : VINN_SCOPE_READ;
        if ((req->key.scopes & need) == 0) {
            char have[32];
            vinn_scopes_format(req->key.scopes, have, sizeof(have));
            http_failf(resp, VINN_E_FORBIDDEN, "scope", "%s needs the %s scope; the key has %s",
                       route->pattern, need == VINN_SCOPE_WRITE ? "write" : "read", have);
            return;
        }
        int retry = 1;
        if (!rate_ok(s, req->key.id, &retry)) {
            http_failf(resp, VINN_E_RATE_LIMITED, "",
                       "more than %g requests a second: retry in %d s", s->cfg->rate, retry);
            resp->retry_after = retry;
            return;
        }
    }
    if ((route->flags & ROUTE_RAW) == 0 && req->body_len > 0) {
        const char *type = header(req->conn, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (type == NULL || strncasecmp(type, "application/json", 16) != 0) {
            http_failf(resp, VINN_E_MEDIA_TYPE, "Content-Type",
                       "the body must be application/json");
            return;
        }
    }
    if (!http_body_read(route, req, resp, s->cfg->json_depth_max)) {
        return;
    }
    if ((route->flags & ROUTE_WRITE) == 0) {
        vinn_app_refresh(app); /* the writer may have changed policies since */
        vinn_store_deadline(app->store, request_timeout_us(s));
        route->fn(app, req, resp);
        vinn_store_deadline(app->store, 0);
        return;
    }
    if (route->prepare != NULL) {
        req->prepared = route->prepare(req);
    }
    struct job *j = calloc(1, sizeof(*j));
    if (j == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    *j =
        (struct job){.route = route, .req = req, .resp = resp, .timeout_us = request_timeout_us(s)};
    r->job = j;
    const char *idem = header(req->conn, "Idempotency-Key");
    if (idem != NULL) {
        if (!idem_key_ok(idem)) {
            http_failf(resp, VINN_E_USAGE, "Idempotency-Key",
                       "Idempotency-Key must be 1 to %d visible ASCII characters",
                       VINN_IDEM_KEY_MAX);
            return;
        }
        snprintf(r->idem_key, sizeof(r->idem_key), "%s", idem);
        j->idem_key = r->idem_key;
        const void *parts[] = {req->method, req->path, req->body};
        size_t lens[] = {strlen(req->method), strlen(req->path), req->body_len};
        vinn_app_hash(j->idem_hash, parts, lens, 3);
    }
    if (req->prepared != NULL) {
        /* Read, checked and hashed: the JSON and the body are freed now,
         * while their memory is warm. Kept until the answer, they were
         * cold by then (a batch and its sync later, after the batch's
         * other requests), and so were tcmalloc's lists they went to. */
        json_decref(req->json);
        req->json = NULL;
        free(r->body);
        r->body = NULL;
        r->cap = 0;
        req->body = "";
        req->body_len = 0;
    }
    /* Suspended before the writer can see it: the writer resumes it. */
    MHD_suspend_connection(req->conn);
    r->queued = true;
    enqueue(s, j);
}

static void access_log(const struct server *s, const struct http_req *req, int status,
                       int64_t started_us)
{
    if (s->cfg->quiet) {
        return;
    }
    /* Never the key's secret, a body or a personal identity number. */
    fprintf(stderr, "%s %s %d %" PRId64 "us key=%s\n", req->method, req->path, status,
            mono_us() - started_us, req->key.public_id[0] ? req->key.public_id : "-");
}

static enum MHD_Result answer(struct server *s, struct MHD_Connection *conn, struct request *r,
                              const char *method, const char *url)
{
    if (!r->queued) {
        r->req = (struct http_req){.conn = conn, .method = method, .path = url, .owner = r};
        r->req.body = r->body != NULL ? r->body : "";
        r->req.body_len = r->len;
        r->resp = (struct http_resp){.status = 200};
        vinn_error_clear(&r->resp.error);
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_keep, r);
        if (r->too_large) {
            http_failf(&r->resp, VINN_E_BODY_TOO_LARGE, "body", "the body is larger than %zu bytes",
                       s->cfg->body_max ? s->cfg->body_max : (size_t)BODY_MAX_DEFAULT);
        } else {
            handle(s, r);
        }
        if (r->queued) {
            return MHD_YES; /* the writer resumes the connection with the answer */
        }
    }
    struct http_resp *resp = &r->resp;
    size_t len = 0;
    const char *type = NULL;
    char *body = resp_body(resp, &len, &type); /* raw's buffer, if any, is MHD's now */
    http_resp_drop(resp);
    json_decref(r->req.json);
    r->req.json = NULL;
    free(r->req.prepared);
    r->req.prepared = NULL;
    struct MHD_Response *m = MHD_create_response_from_buffer(len, body != NULL ? body : (char *)"",
                                                             body != NULL ? MHD_RESPMEM_MUST_FREE
                                                                          : MHD_RESPMEM_PERSISTENT);
    if (m == NULL) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(m, "Cache-Control", "no-store");
    if (r->allow[0] != '\0') {
        MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, r->allow);
    }
    if (resp->status == 429 && resp->retry_after > 0) {
        char v[16];
        snprintf(v, sizeof(v), "%d", resp->retry_after);
        MHD_add_response_header(m, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    if (resp->replayed) {
        MHD_add_response_header(m, "Idempotent-Replayed", "true");
    }
    if (atomic_load(&s->stopping)) {
        /* Requests in flight finish; a kept-alive connection ends with them. */
        MHD_add_response_header(m, MHD_HTTP_HEADER_CONNECTION, "close");
    }
    if (resp->status == 401) {
        MHD_add_response_header(m, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"vinn\"");
    }
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)resp->status, m);
    MHD_destroy_response(m);
    access_log(s, &r->req, resp->status, r->started_us);
    r->answered = true;
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct request *r = *con_cls;
    size_t max = s->cfg->body_max ? s->cfg->body_max : (size_t)BODY_MAX_DEFAULT;
    if (r == NULL) {
        r = calloc(1, sizeof(*r));
        if (r == NULL) {
            return MHD_NO;
        }
        r->started_us = mono_us();
        *con_cls = r;
        atomic_fetch_add(&s->in_flight, 1);
        const char *cl = header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH);
        unsigned long long said = cl != NULL ? strtoull(cl, NULL, 10) : 0;
        if (said > max) {
            r->too_large = true;
            return answer(s, conn, r, method, url); /* MHD closes after the answer */
        }
        r->said = (size_t)said;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (!r->too_large && r->len + *upload_data_size > max) {
            r->too_large = true;
            free(r->body);
            r->body = NULL;
            r->len = 0;
        }
        if (!r->too_large) {
            if (r->len + *upload_data_size + 1 > r->cap) {
                size_t cap = r->cap;
                if (cap == 0) { /* the size the request said; no more before it comes */
                    cap = r->said == 0                ? 4096
                          : r->said < BODY_FIRST_MAX ? r->said + 1
                                                     : BODY_FIRST_MAX;
                }
                while (cap < r->len + *upload_data_size + 1) {
                    cap *= 2;
                }
                char *b = realloc(r->body, cap);
                if (b == NULL) {
                    return MHD_NO;
                }
                r->body = b;
                r->cap = cap;
            }
            memcpy(r->body + r->len, upload_data, *upload_data_size);
            r->len += *upload_data_size;
            r->body[r->len] = '\0';
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->answered) {
        return MHD_YES;
    }
    if (r->queued) {
        pthread_mutex_lock(&s->lock);
        bool done = r->job->done;
        pthread_mutex_unlock(&s->lock);
        if (!done) {
            return MHD_YES;
        }
    }
    return answer(s, conn, r, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    (void)toe;
    struct server *s = cls;
    struct request *r = *con_cls;
    if (r != NULL) {
        json_decref(r->req.json);
        free(r->req.prepared);
        http_resp_drop(&r->resp);
        free(r->resp.raw);
        free(r->job);
        free(r->body);
        free(r);
        *con_cls = NULL;
        atomic_fetch_sub(&s->in_flight, 1);
    }
}

/* ---- start and stop ------------------------------------------------------ */

static vinn_err listen_parse(const char *listen, struct sockaddr_in *sa, struct vinn_error *error)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    size_t hlen = colon != NULL ? (size_t)(colon - listen) : 0;
    char *end = NULL;
    unsigned long port = colon != NULL ? strtoul(colon + 1, &end, 10) : 0;
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    if (colon == NULL || hlen == 0 || hlen >= sizeof(host) || end == colon + 1 || *end != '\0' ||
        port > 65535) {
        return vinn_fail(error, VINN_E_USAGE, "listen",
                         "--listen '%s' must be HOST:PORT, e.g. 127.0.0.1:8080", listen);
    }
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
        return vinn_fail(error, VINN_E_USAGE, "listen",
                         "--listen '%s': '%s' is not an IPv4 address", listen, host);
    }
    sa->sin_port = htons((uint16_t)port);
    return VINN_OK;
}

static vinn_err ready_write(const struct server *s, struct vinn_error *error)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info != NULL ? info->port : 0;
    if (!s->cfg->quiet) {
        fprintf(stderr, "vinn serve: listening on port %u\n", port);
    }
    if (s->cfg->ready_file == NULL) {
        return VINN_OK;
    }
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", s->cfg->ready_file);
    FILE *f = fopen(tmp, "w");
    bool ok = f != NULL && fprintf(f, "%u\n", port) > 0;
    ok = f != NULL && fclose(f) == 0 && ok && rename(tmp, s->cfg->ready_file) == 0;
    return ok ? VINN_OK
              : vinn_fail(error, VINN_E_IO, "ready_file", "cannot write '%s'", s->cfg->ready_file);
}

static void drain(struct server *s)
{
    int64_t until = mono_us() + (int64_t)DRAIN_MAX_S * 1000000;
    while (atomic_load(&s->in_flight) > 0 && mono_us() < until) {
        usleep(10000);
    }
}

static void server_free(struct server *s)
{
    for (size_t i = 0; i < s->apps_count; i++) {
        vinn_app_close(s->apps[i]);
        free(s->apps[i]);
    }
    pthread_mutex_destroy(&s->apps_lock);
    pthread_mutex_destroy(&s->lock);
    for (unsigned i = 0; i < WRITERS_MAX; i++) {
        pthread_cond_destroy(&s->writers[i].q.wake);
    }
    pthread_cond_destroy(&s->syncs.wake);
    pthread_cond_destroy(&s->answers.wake);
    struct ticker *tickers[] = {&s->hooks, &s->checkpoints};
    for (size_t i = 0; i < 2; i++) {
        pthread_mutex_destroy(&tickers[i]->lock);
        pthread_cond_destroy(&tickers[i]->wake);
    }
    pthread_mutex_destroy(&s->rate_lock);
    pthread_mutex_destroy(&s->auth_lock);
    free(s);
}

static vinn_err threads_start(struct server *s, struct vinn_error *error)
{
    struct vinn_app *first = s->writers[0].app = app_open(s, error);
    if (first == NULL) {
        return error->code;
    }
    /* SQLite: the checkpoint thread copies the log into the database, not
     * the writer's commits (PostgreSQL has its own). */
    vinn_err rc = VINN_OK;
    if (vinn_store_auto_checkpoint(first->store, false)) {
        rc = ticker_start(s, &s->checkpoints, error);
    }
    s->sync_later = vinn_store_sync_later(first->store, true);
    /* SQLite writes one transaction at a time (and syncs later): one writer */
    s->writers_count = s->sync_later ? 1 : s->cfg->writers ? s->cfg->writers : WRITERS_DEFAULT;
    s->writers_count = s->writers_count < WRITERS_MAX ? s->writers_count : WRITERS_MAX;
    for (unsigned i = 1; rc == VINN_OK && i < s->writers_count; i++) {
        s->writers[i].app = app_open(s, error);
        rc = s->writers[i].app != NULL ? VINN_OK : error->code;
    }
    if (rc == VINN_OK) {
        rc = jobq_start(&s->answers, answerer_main, s, "answerer", error);
    }
    if (rc == VINN_OK && s->sync_later) {
        rc = jobq_start(&s->syncs, syncer_main, s, "syncer", error);
    }
    for (unsigned i = 0; rc == VINN_OK && i < s->writers_count; i++) {
        rc = jobq_start(&s->writers[i].q, writer_main, &s->writers[i], "writer", error);
    }
    if (rc == VINN_OK && s->cfg->webhooks_every_ms > 0) {
        rc = ticker_start(s, &s->hooks, error);
    }
    return rc;
}

/* The writers first, then the syncer and the answerer (they finish the
 * writers' last batches), then the tickers. */
static void threads_stop(struct server *s)
{
    for (unsigned i = 0; i < WRITERS_MAX; i++) {
        jobq_stop(s, &s->writers[i].q);
    }
    jobq_stop(s, &s->syncs);
    jobq_stop(s, &s->answers);
    ticker_stop(&s->checkpoints);
    ticker_stop(&s->hooks);
}

vinn_err vinn_server_run(const struct vinn_server_config *cfg, struct vinn_error *error)
{
    struct sockaddr_in sa;
    vinn_err rc = listen_parse(cfg->listen ? cfg->listen : "127.0.0.1:8080", &sa, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct server *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    s->cfg = cfg;
    pthread_mutex_init(&s->apps_lock, NULL);
    pthread_mutex_init(&s->lock, NULL);
    for (unsigned i = 0; i < WRITERS_MAX; i++) {
        s->writers[i].s = s;
        pthread_cond_init(&s->writers[i].q.wake, NULL);
    }
    pthread_cond_init(&s->syncs.wake, NULL);
    pthread_cond_init(&s->answers.wake, NULL);
    s->hooks = (struct ticker){.name = "vinn-webhooks", .fn = hooks_round,
                               .every_ms = cfg->webhooks_every_ms};
    s->checkpoints = (struct ticker){.name = "vinn-checkpoint", .fn = checkpoint_round,
                                     .every_ms = CHECKPOINT_EVERY_MS};
    struct ticker *tickers[] = {&s->hooks, &s->checkpoints};
    for (size_t i = 0; i < 2; i++) {
        pthread_mutex_init(&tickers[i]->lock, NULL);
        pthread_cond_init(&tickers[i]->wake, NULL);
    }
    pthread_mutex_init(&s->rate_lock, NULL);
    pthread_mutex_init(&s->auth_lock, NULL);

    /* The signals are taken by sigwait below: block them before any thread
     * starts, so every thread inherits the mask. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* The schema must be there before the first request. */
    struct vinn_app *probe = app_open(s, error);
    rc = probe != NULL ? VINN_OK : error->code;
    if (rc == VINN_OK) {
        rc = threads_start(s, error);
    }
    if (rc == VINN_OK) {
        /* poll(), not epoll: every write is suspended while the writer
         * runs it, and libmicrohttpd takes a suspended connection out of
         * its epoll set and puts it back on resume, two more system calls
         * a request; poll() builds its set afresh each round. Measured
         * with 256 to 4,000 busy connections: 3 to 6 us less per invoice
         * on the HTTP threads and 4 to 10% more invoices a second; two
         * threads a core did no worse than four, with fewer to switch. */
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1) * 2;
        s->daemon = MHD_start_daemon(
            MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME,
            0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
            MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
            (unsigned)(cfg->timeout_s ? cfg->timeout_s : TIMEOUT_DEFAULT_S),
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_LIMIT, 10000,
            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
            (size_t)CONNECTION_MEMORY, MHD_OPTION_END);
        if (s->daemon == NULL) {
            rc = vinn_fail(error, VINN_E_IO, "listen", "cannot listen on %s: %s",
                           cfg->listen ? cfg->listen : "127.0.0.1:8080", strerror(errno));
        }
    }
    if (rc == VINN_OK) {
        rc = ready_write(s, error);
    }
    if (rc == VINN_OK) {
        int sig = 0;
        sigwait(&stop, &sig);
        if (!cfg->quiet) {
            fprintf(stderr, "vinn serve: %s: finishing the requests in flight\n",
                    sig == SIGTERM ? "SIGTERM" : "SIGINT");
        }
    }
    atomic_store(&s->stopping, true);
    if (s->daemon != NULL) {
        MHD_socket fd = MHD_quiesce_daemon(s->daemon);
        if (fd != MHD_INVALID_SOCKET) {
            close(fd);
        }
        drain(s);
        MHD_stop_daemon(s->daemon);
    }
    threads_stop(s);
    server_free(s);
    thread_app = NULL;
    return rc;
}
