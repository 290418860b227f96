/*
 * api_sql.h - what the two backends' API tables share (sqlite_api.c,
 * postgres_api.c): the statement ids, in one order, and the column lists of
 * their queries. The including file defines API_STMT_FIRST, its first
 * statement slot, before including this.
 */
#ifndef VINN_STORE_API_SQL_H
#define VINN_STORE_API_SQL_H

enum ast {
    AST_KEY_INSERT = API_STMT_FIRST,
    AST_KEY_FIND,
    AST_KEYS,
    AST_KEY_REVOKE,
    AST_IDEM_GET,
    AST_IDEM_PUT,
    AST_AUDIT_INSERT,
    AST_AUDIT,
    AST_WEBHOOK_INSERT,
    AST_WEBHOOKS,
    AST_WEBHOOK_REVOKE,
    AST_WEBHOOK_FAIL_QUEUED,
    AST_EVENT_INSERT,
    AST_EVENTS,
    AST_DELIVERY_INSERT,
    AST_DELIVERIES_DUE,
    AST_DELIVERY_UPDATE,
    AST_DELIVERIES,
    AST_END,
};

#define KEY_COLUMNS "tenant_id, key_id, public_id, hash, scopes, name, created_at, revoked_at "
#define DELIVERY_COLUMNS                                                                           \
    "d.webhook_id, d.event_id, d.status, d.attempts, d.next_attempt_at, d.last_error, "            \
    "d.response_status, d.sent_at, w.url, w.secret, e.type, e.object, e.data, e.created_at "
#define DELIVERY_FROM                                                                              \
    "FROM webhook_deliveries d JOIN webhooks w ON w.tenant_id = d.tenant_id AND "                  \
    "w.webhook_id = d.webhook_id JOIN events e ON e.tenant_id = d.tenant_id AND "                  \
    "e.event_id = d.event_id "

/* The statuses of a webhook delivery as stored, by enum vinn_delivery_status. */
static const char *const delivery_status_names[] = {"queued", "sent", "failed"};

#endif
