/*
 * err.h - the one error table of vinn.
 *
 * Every fallible function returns a vinn_err. The table below is an X-macro:
 * X(NAME, number, http_status, "message") per code, and it generates the
 * enum, the name, the message and the HTTP status, so they cannot drift.
 * Each module owns its block of numbers in src/base/errdefs/; numbers never
 * change and retired codes stay reserved (comment them out, keep the line).
 *
 * struct vinn_error carries the first failure of an operation: its code,
 * the field that failed ("lines[0].unit_price", "due_date") and a message
 * naming the rule. The error path never allocates: the buffers are fixed.
 * Messages are lower case without a full stop, the subject in quotes.
 */
#ifndef VINN_BASE_ERR_H
#define VINN_BASE_ERR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/errdefs/base.h"
#include "base/errdefs/core.h"
#include "base/errdefs/store.h"
#include "base/errdefs/app.h"
#include "base/errdefs/formats.h"
#include "base/errdefs/channels.h"
#include "base/errdefs/api.h"

#define VINN_ERR_MAP(X)                                                                            \
    VINN_ERR_MAP_BASE(X)                                                                           \
    VINN_ERR_MAP_MONEY(X)                                                                          \
    VINN_ERR_MAP_DATE(X)                                                                           \
    VINN_ERR_MAP_REFNO(X)                                                                          \
    VINN_ERR_MAP_IDENT(X)                                                                          \
    VINN_ERR_MAP_INTEREST(X)                                                                       \
    VINN_ERR_MAP_LEDGER(X)                                                                         \
    VINN_ERR_MAP_PAYMENTS(X)                                                                       \
    VINN_ERR_MAP_DUNNING(X)                                                                        \
    VINN_ERR_MAP_TEMPLATE(X)                                                                       \
    VINN_ERR_MAP_PAYCODE(X)                                                                        \
    VINN_ERR_MAP_CHANNEL(X)                                                                        \
    VINN_ERR_MAP_STORE(X)                                                                          \
    VINN_ERR_MAP_APP(X)                                                                            \
    VINN_ERR_MAP_FORMATS(X)                                                                        \
    VINN_ERR_MAP_CHANNELS(X)                                                                       \
    VINN_ERR_MAP_API(X)

typedef enum {
#define VINN_ERR_ENUM_(name, num, http, msg) VINN_##name = num,
    VINN_ERR_MAP(VINN_ERR_ENUM_)
#undef VINN_ERR_ENUM_
} vinn_err;

#define VINN_MUST_USE __attribute__((warn_unused_result))
#define VINN_PRINTF(fmt_index, args_index) __attribute__((format(printf, fmt_index, args_index)))

enum {
    VINN_ERROR_FIELD_MAX = 96,
    VINN_ERROR_MESSAGE_MAX = 320,
};

struct vinn_error {
    vinn_err code;
    char field[VINN_ERROR_FIELD_MAX];
    char message[VINN_ERROR_MESSAGE_MAX];
};

/* "AMOUNT_MUST_BE_POSITIVE" style names in snake lower case for the wire:
 * "amount_must_be_positive". Unknown codes give "unknown". */
const char *vinn_err_name(vinn_err code);
/* The table's generic message for a code; never NULL. */
const char *vinn_err_message(vinn_err code);
/* The HTTP status of a code (200 for VINN_OK, 500 for unknown codes). */
int vinn_err_http_status(vinn_err code);
/* The CLI exit code: 0 ok, 2 bad input, 3 not found, 4 conflict, 5 storage or
 * internal. (1, "a check said no", is decided by the command, not a code.) */
int vinn_err_exit_code(vinn_err code);
/* True when the code exists in the table. */
bool vinn_err_is_known(int number);

/* Clear an error record (code VINN_OK, empty field and message). */
void vinn_error_clear(struct vinn_error *error);

/*
 * Record a failure and return its code, so callers write
 *     return vinn_fail(error, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount", "...", ...);
 * error may be NULL. The first failure wins: a record that already holds an
 * error is left unchanged. A NULL or empty fmt uses the table's message.
 */
vinn_err vinn_fail(struct vinn_error *error, vinn_err code, const char *field, const char *fmt,
                   ...) VINN_PRINTF(4, 5);

/* Prefix the field of a recorded error: "unit_price" -> "lines[2].unit_price".
 * Used by callers that validate nested input. No-op without an error. */
void vinn_error_prefix_field(struct vinn_error *error, const char *prefix);

#endif
