/*
 * internal.h - what the files of src/http share: a request as a handler
 * sees it, the response it fills, and the route table (routes.c) the server
 * (server.c) and the OpenAPI document (openapi.c) are made from.
 */
#ifndef VINN_HTTP_INTERNAL_H
#define VINN_HTTP_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"

enum { HTTP_PARAMS_MAX = 2 };

struct http_req {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const char *body; /* NUL-terminated; "" when none */
    size_t body_len;
    json_t *json; /* the parsed body of a JSON route that has one; else NULL */
    void *prepared; /* what the route's prepare made of it (malloc'd, owned); or NULL */
    const char *params[HTTP_PARAMS_MAX]; /* the path's {…} parts, unescaped */
    struct vinn_tenant tenant;
    struct vinn_api_key key;
    const void *owner; /* the server's record of the request */
    /* A write names what it changed for the audit log ("invoice 2026-0001"). */
    char object[VINN_AUDIT_OBJECT_MAX + 1];
};

/* Makes the JSON text of a body (malloc'd, its length in *len; NULL: out
 * of memory) of what a handler left in http_resp.later. */
typedef char *(*http_build_fn)(const void *data, size_t *len);

struct http_resp {
    int status;
    json_t *json; /* the body; NULL with raw or later */
    /* A body made after the handler, by build(later): a write leaves the
     * making of its answer to the HTTP thread, not the writer. */
    http_build_fn build;
    void *later; /* malloc'd, owned */
    char *raw;    /* malloc'd bytes: of another type (PDF, XML), or JSON text made */
    size_t raw_len;
    const char *content_type;
    struct vinn_error error; /* status >= 400 */
    int retry_after;         /* 429: seconds */
    bool verbatim;           /* json is the whole body, an error's too */
    bool replayed;           /* an answer stored under its Idempotency-Key, given as it was */
};

typedef void (*http_handler)(struct vinn_app *app, struct http_req *req, struct http_resp *resp);
/* A write's request read and checked in the HTTP thread, before it goes
 * to the writer: what the handler will take from req->prepared (malloc'd,
 * with nothing pointing into the request's JSON, which is freed as soon as
 * it is made), or NULL when the request is not right, and the handler
 * reads it itself and answers what is wrong. So the one writer spends no
 * time on it. */
typedef void *(*http_prepare_fn)(const struct http_req *req);

enum http_route_flags {
    ROUTE_WRITE = 1u << 0,  /* through the writer; needs the write scope */
    ROUTE_PUBLIC = 1u << 1, /* no key */
    ROUTE_RAW = 1u << 2,    /* the body is a file, not JSON */
    ROUTE_BODY = 1u << 3,   /* a JSON body is required */
};

struct http_route {
    const char *method;
    const char *pattern; /* "/v1/invoices/{number}/credit" */
    http_handler fn;
    unsigned flags;
    int ok_status;
    const char *tag;
    const char *summary;
    const char *request;  /* the OpenAPI schema of the body, NULL: none */
    const char *response; /* the OpenAPI schema of the answer */
    const char *query;    /* the query parameters, comma-separated, NULL: none */
    http_prepare_fn prepare; /* a write's; NULL: none */
};

extern const struct http_route http_routes[];
extern const size_t http_routes_count;

/* A query parameter, NULL when absent. */
const char *http_query(const struct http_req *req, const char *name);

/* Answer with the error (its status from the code; a 5xx says no more than
 * "internal error" and the details go to the log). */
void http_fail(struct http_resp *resp, const struct vinn_error *error);
/* Answer with a new error of code naming field. */
void http_failf(struct http_resp *resp, vinn_err code, const char *field, const char *fmt, ...)
    VINN_PRINTF(4, 5);
/* Answer status with body (stolen; NULL is out of memory). */
void http_ok(struct http_resp *resp, int status, json_t *body);
/* Answer status with the body build(data) makes, later (data malloc'd and
 * stolen; NULL is out of memory). */
void http_ok_later(struct http_resp *resp, int status, http_build_fn build, void *data);
/* Make the body left for later, if any: resp->raw (JSON text), or a 500. */
void http_resp_build(struct http_resp *resp);
/* Forget the body, made or not. */
void http_resp_drop(struct http_resp *resp);

/* Read the body a route takes: a JSON object into req->json (a file route
 * keeps its bytes). false (answered 4xx) when it nests deeper than depth_max
 * (0: 32), is not a JSON object, or is missing where the route needs one. */
bool http_body_read(const struct http_route *route, struct http_req *req,
                    struct http_resp *resp, unsigned depth_max);

/* The OpenAPI 3.1 document of the routes. */
json_t *http_openapi(void);

#endif
