/* Error codes 1550-1599: the HTTP API (src/http) and its keys and webhooks
 * (src/app). Numbers never change. */
#ifndef VINN_ERRDEFS_API_H
#define VINN_ERRDEFS_API_H
#define VINN_ERR_MAP_API(X)                                                                        \
    X(E_UNAUTHORIZED, 1550, 401, "a valid API key is required")                                   \
    X(E_FORBIDDEN, 1551, 403, "the API key's scopes do not allow this")                           \
    X(E_RATE_LIMITED, 1552, 429, "too many requests")                                              \
    X(E_ROUTE_NOT_FOUND, 1553, 404, "no such route")                                               \
    X(E_METHOD_NOT_ALLOWED, 1554, 405, "method not allowed on this route")                         \
    X(E_IDEMPOTENCY_KEY_REUSED, 1555, 409, "idempotency key was used for another request")         \
    X(E_BODY_TOO_LARGE, 1556, 413, "request body is too large")                                    \
    X(E_JSON_TOO_DEEP, 1557, 400, "JSON is nested too deep")                                       \
    X(E_MEDIA_TYPE, 1558, 415, "unsupported media type")                                           \
    X(E_KEY_NOT_FOUND, 1559, 404, "API key not found")                                             \
    X(E_SCOPE_UNKNOWN, 1560, 400, "unknown scope")                                                 \
    X(E_WEBHOOK_NOT_FOUND, 1561, 404, "webhook not found")                                         \
    X(E_URL_INVALID, 1562, 400, "URL is not valid")                                                \
    X(E_EVENT_TYPE_UNKNOWN, 1563, 400, "unknown event type")                                       \
    X(E_TIMEOUT, 1564, 503, "the request took too long")                                           \
    X(E_SHUTTING_DOWN, 1565, 503, "the server is shutting down")
#endif
