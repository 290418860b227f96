/*
 * postgres.c - the PostgreSQL backend of store.h (not yet built in).
 */
#include "store/backend.h"

vinn_err pg_store_open(const char *url, bool create, struct vinn_store **out,
                       struct vinn_error *error)
{
    (void)create;
    (void)out;
    return vinn_fail(error, VINN_E_USAGE, "db",
                     "database '%s': PostgreSQL is not built into this vinn yet", url);
}
