/*
 * internal.h - pieces shared by the use cases of src/app; not for front doors.
 *
 * The *_build functions validate input into a record without touching the
 * store; the *_insert functions write inside a transaction the caller
 * opened. A use case is then: build, begin, insert, commit (or roll back).
 */
#ifndef VINN_APP_INTERNAL_H
#define VINN_APP_INTERNAL_H

#include "app/app.h"

/* Commit when rc is VINN_OK, else (or when the commit fails) roll back. */
vinn_err vinn_app_txn_end(struct vinn_app *app, vinn_err rc, struct vinn_error *error);

/* Validate customer input into a record (no id yet). */
VINN_MUST_USE vinn_err vinn_app_customer_build(struct vinn_app *app,
                                               const struct vinn_customer_input *in,
                                               struct vinn_customer *out,
                                               struct vinn_error *error);

/* Create an invoice inside an open transaction (see vinn_app_invoice_create).
 * lines_scratch has room for in->lines_count line records. */
VINN_MUST_USE vinn_err vinn_app_invoice_insert(struct vinn_app *app,
                                               const struct vinn_tenant *tenant,
                                               const struct vinn_invoice_input *in,
                                               struct vinn_invoice_line *lines_scratch,
                                               struct vinn_invoice *out,
                                               struct vinn_error *error);

/* An invoice's status once `outstanding` is left: open while something is
 * owed; then credited when credit notes covered all of it, else paid. A
 * credit note keeps its status. */
enum vinn_invoice_status vinn_app_invoice_status(const struct vinn_invoice *inv,
                                                int64_t outstanding);

#endif
