/*
 * json.h - the JSON shape of vinn's records, shared by both front doors so
 * that `vinn ... --json` and the HTTP API print the same objects.
 *
 * Amounts are integer minor units with their currency; dates ISO 8601;
 * quantities and VAT rates JSON numbers (1.5, 25.5). Each function returns
 * a new reference the caller owns (json_decref), or NULL on out of memory.
 */
#ifndef VINN_APP_JSON_H
#define VINN_APP_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "store/store.h"

json_t *vinn_json_tenant(const struct vinn_tenant *tenant);
json_t *vinn_json_tenant_stats(const struct vinn_tenant_stats *stats);
json_t *vinn_json_customer(const struct vinn_customer *customer);
/* lines may be NULL (lists): then no "lines" member. today decides "overdue". */
json_t *vinn_json_invoice(const struct vinn_invoice *invoice, const struct vinn_invoice_line *lines,
                          uint32_t lines_count, vinn_day today);
json_t *vinn_json_balance(const struct vinn_balance *balance);
json_t *vinn_json_verify(const char *tenant, const struct vinn_verify_report *report);
/* {"error": {"code": "...", "message": "...", "field": "..."}} */
json_t *vinn_json_error(const struct vinn_error *error);
json_t *vinn_json_payment(const struct vinn_payment *payment);
json_t *vinn_json_allocation(const struct vinn_payment_allocation *alloc);
json_t *vinn_json_payment_event(const struct vinn_payment_event *event);
json_t *vinn_json_payout(const struct vinn_payout *payout);
json_t *vinn_json_policy(const struct vinn_policy *policy);
/* The compact text of doc (an object or an array), byte for byte what
 * json_dumps(doc, JSON_COMPACT) writes, in one buffer and without the
 * loop check's hash table: the server writes every answer with it. The
 * caller frees the text; NULL on out of memory or a doc that is not an
 * object or an array. *len gets its length. */
char *vinn_json_compact(const json_t *doc, size_t *len);
/* The compact text of vinn_json_invoice(invoice, lines, ...), written
 * directly without the tree between: the same bytes (test_json compares
 * them), for the answer to a new invoice. NULL where vinn_json_invoice
 * would give NULL (a text that is not UTF-8) or on out of memory. */
char *vinn_json_invoice_text(const struct vinn_invoice *invoice,
                             const struct vinn_invoice_line *lines, uint32_t lines_count,
                             vinn_day today, size_t *len);
/* A day as "YYYY-MM-DD"; VINN_NO_DAY as null. */
json_t *vinn_json_day(vinn_day day);

struct vinn_day_summary;
struct vinn_case_view;
json_t *vinn_json_day_summary(const struct vinn_day_summary *summary);
json_t *vinn_json_case_step(const struct vinn_case_step *step);
/* A case as `vinn case show --json` prints it. */
json_t *vinn_json_case(const struct vinn_case_view *view);
json_t *vinn_json_message(const struct vinn_message *message);
json_t *vinn_json_task(const struct vinn_task *task);
/* [{"step": 0, "rule": "law_fee_cap", "message": "..."}] */
json_t *vinn_json_violations(const struct vinn_policy_violation *violations, size_t n);

#endif
