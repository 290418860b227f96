/*
 * server.h - `vinn serve`: the HTTP API (docs/api.md) over the same use
 * cases as the command line.
 *
 * libmicrohttpd with a thread pool on poll() answers; each worker thread
 * reads through its own connection to the store. Every write goes to a
 * writer thread (SQLite's one; on PostgreSQL one of --writers, the same
 * one for all of a tenant's), which runs the requests queued meanwhile in
 * ONE transaction and commits them together (group commit): many requests
 * share one fsync. A request that fails undoes only itself: the batch runs
 * without savepoints, and again with one per request only when a request
 * failed after changing something (docs/api.md).
 */
#ifndef VINN_HTTP_SERVER_H
#define VINN_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

struct vinn_server_config {
    const char *listen;         /* "HOST:PORT"; NULL: 127.0.0.1:8080 */
    const char *db;             /* the store's URL */
    unsigned threads;           /* worker threads; 0: 2 per core */
    size_t body_max;            /* bytes; 0: 16 MiB (bank files) */
    unsigned json_depth_max;    /* 0: 32 */
    unsigned timeout_s;         /* an idle or slow connection is closed; 0: 30 */
    unsigned request_timeout_s; /* the database work of one request; 0: 30 */
    double rate;                /* requests per second per key; 0: no limit */
    double burst;               /* the bucket; 0: rate */
    bool has_today;             /* a fixed day (tests, demos); else the clock's */
    vinn_day today;
    bool quiet;             /* no access log on stderr */
    long webhooks_every_ms; /* deliver webhooks this often; 0: never */
    unsigned log_pages;     /* SQLite: the log's size for a restart; 0: 32768 */
    unsigned writers;       /* PostgreSQL: writer threads; 0: 4 (SQLite: always 1) */
    const char *ready_file; /* written with the port once listening (tests) */
};

/* Serve until SIGTERM or SIGINT, then stop taking connections, finish the
 * requests in flight and return. Errors: the listen address (VINN_E_USAGE),
 * the store's, VINN_E_IO when the port cannot be bound. */
VINN_MUST_USE vinn_err vinn_server_run(const struct vinn_server_config *config,
                                       struct vinn_error *error);

#endif
