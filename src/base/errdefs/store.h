/* Error codes 1000-1099: the store (both backends). */
#ifndef VINN_ERRDEFS_STORE_H
#define VINN_ERRDEFS_STORE_H
#define VINN_ERR_MAP_STORE(X)                                                                      \
    X(E_STORE, 1000, 500, "storage error")                                                         \
    X(E_STORE_BUSY, 1001, 503, "storage is busy")                                                  \
    X(E_STORE_SCHEMA_TOO_NEW, 1002, 500, "database was written by a newer vinn")                   \
    X(E_STORE_NOT_INITIALISED, 1003, 500, "database is not initialised")                           \
    X(E_STORE_CONSTRAINT, 1004, 409, "storage constraint failed")                                  \
    X(E_STORE_CORRUPT, 1005, 500, "stored data is not valid")
#endif
