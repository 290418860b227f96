/*
 * backend.h - how the functions of store.h reach a backend. Internal to
 * src/store: only store.c and the backends (sqlite*.c, postgres*.c) include it.
 *
 * struct vinn_store is a small common header, the backend's table of
 * operations; each backend's own store struct embeds it first:
 *
 *     struct sqlite_store { struct vinn_store base; sqlite3 *db; ... };
 *
 * store.c opens the backend the URL names and forwards every
 * vinn_store_<op>(store, ...) to store->ops-><op>(store, ...). The list of
 * operations is written once, in VINN_STORE_OPS below, as
 * X(op, (parameters), (arguments)); from it come the members of struct
 * vinn_store_ops, the forwarding functions in store.c, and each backend's
 * prototypes and table.
 *
 * Adding a function to store.h (see the recipe at the top of store.h):
 *   1. its prototype in store.h, as vinn_store_<op>(struct vinn_store *store,
 *      ..., struct vinn_error *error) returning vinn_err;
 *   2. one X(...) entry at the end of VINN_STORE_OPS, the store parameter
 *      named store and the error parameter named error;
 *   3. sqlite_store_<op> in a sqlite*.c file and pg_store_<op> in a
 *      postgres*.c file, each taking struct vinn_store *store first and
 *      turning it into its own struct (sqlite_of, pg_of).
 */
#ifndef VINN_STORE_BACKEND_H
#define VINN_STORE_BACKEND_H

#include <stdbool.h>

#include "base/err.h"
#include "store/store.h"

/* Every operation that returns vinn_err, in the order of store.h (but
 * vinn_store_open, which picks the backend, and vinn_store_migrate and
 * vinn_store_ready, which store.c writes once over the two schema
 * primitives of struct vinn_store_ops). */
#define VINN_STORE_OPS(X)                                                                          \
    X(begin,                                                                                       \
      (struct vinn_store *store, struct vinn_error *error),                                        \
      (store, error))                                                                              \
    X(commit,                                                                                      \
      (struct vinn_store *store, struct vinn_error *error),                                        \
      (store, error))                                                                              \
    X(bulk,                                                                                        \
      (struct vinn_store *store, struct vinn_error *error),                                        \
      (store, error))                                                                              \
    X(next_id,                                                                                     \
      (struct vinn_store *store, int64_t tenant_id, enum vinn_store_seq seq, int64_t *out,         \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, seq, out, error))                                                         \
    X(tenant_insert,                                                                               \
      (struct vinn_store *store, struct vinn_tenant *tenant, struct vinn_error *error),            \
      (store, tenant, error))                                                                      \
    X(tenant_get,                                                                                  \
      (struct vinn_store *store, const char *name, struct vinn_tenant *out,                        \
       struct vinn_error *error),                                                                  \
      (store, name, out, error))                                                                   \
    X(tenant_list,                                                                                 \
      (struct vinn_store *store, vinn_tenant_fn fn, void *ctx, struct vinn_error *error),          \
      (store, fn, ctx, error))                                                                     \
    X(tenant_stats,                                                                                \
      (struct vinn_store *store, const struct vinn_tenant *tenant, vinn_day today,                 \
       struct vinn_tenant_stats *out, struct vinn_error *error),                                   \
      (store, tenant, today, out, error))                                                          \
    X(customer_insert,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_customer *customer,                \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, customer, error))                                                         \
    X(customer_get,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, const char *ext_id,                            \
       struct vinn_customer *out, struct vinn_error *error),                                       \
      (store, tenant_id, ext_id, out, error))                                                      \
    X(customer_get_by_id,                                                                          \
      (struct vinn_store *store, int64_t tenant_id, int64_t id, struct vinn_customer *out,         \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, id, out, error))                                                          \
    X(customer_list,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, const char *after, uint32_t limit,             \
       vinn_customer_fn fn, void *ctx, struct vinn_error *error),                                  \
      (store, tenant_id, after, limit, fn, ctx, error))                                            \
    X(invoice_insert,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_invoice *invoice,            \
       const struct vinn_invoice_line *lines, uint32_t lines_count, struct vinn_error *error),     \
      (store, tenant_id, invoice, lines, lines_count, error))                                      \
    X(invoice_get,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, const char *number,                            \
       struct vinn_invoice *out, struct vinn_error *error),                                        \
      (store, tenant_id, number, out, error))                                                      \
    X(invoice_get_by_id,                                                                           \
      (struct vinn_store *store, int64_t tenant_id, int64_t id, struct vinn_invoice *out,          \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, id, out, error))                                                          \
    X(invoice_lines,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,                            \
       struct vinn_invoice_line *out, uint32_t max, uint32_t *count, struct vinn_error *error),    \
      (store, tenant_id, invoice_id, out, max, count, error))                                      \
    X(invoice_list,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_invoice_filter *filter,      \
       vinn_invoice_fn fn, void *ctx, struct vinn_error *error),                                   \
      (store, tenant_id, filter, fn, ctx, error))                                                  \
    X(invoice_credit_notes,                                                                        \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_invoice_fn fn,        \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, invoice_id, fn, ctx, error))                                              \
    X(invoice_set_balance,                                                                         \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, int64_t outstanding,       \
       int64_t credited, enum vinn_invoice_status status, struct vinn_error *error),               \
      (store, tenant_id, invoice_id, outstanding, credited, status, error))                        \
    X(invoice_receivable,                                                                          \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,                            \
       enum vinn_account_kind kind, int64_t *out, struct vinn_error *error),                       \
      (store, tenant_id, invoice_id, kind, out, error))                                            \
    X(txn_insert,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_txn_meta *meta,              \
       const struct vinn_txn *txn, int64_t *txn_id, struct vinn_error *error),                     \
      (store, tenant_id, meta, txn, txn_id, error))                                                \
    X(balances,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, int64_t customer_id, vinn_balance_fn fn,       \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, customer_id, fn, ctx, error))                                             \
    X(ledger_verify,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_verify_report *report,             \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, report, error))                                                           \
    X(setting_get,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, const char *key, char *out, size_t cap,        \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, key, out, cap, error))                                                    \
    X(setting_put,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, const char *key, const char *value,            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, key, value, error))                                                       \
    X(import_insert,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_bank_import *import,               \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, import, error))                                                           \
    X(import_finish,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_bank_import *import,         \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, import, error))                                                           \
    X(payment_find_entry,                                                                          \
      (struct vinn_store *store, int64_t tenant_id, const char *entry_id, int64_t *payment_id,     \
       int64_t *import_id, struct vinn_error *error),                                              \
      (store, tenant_id, entry_id, payment_id, import_id, error))                                  \
    X(payment_insert,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_payment *payment,            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, payment, error))                                                          \
    X(payment_update,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_payment *payment,            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, payment, error))                                                          \
    X(payment_get,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, int64_t id, struct vinn_payment *out,          \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, id, out, error))                                                          \
    X(payment_list,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_payment_filter *filter,      \
       vinn_payment_fn fn, void *ctx, struct vinn_error *error),                                   \
      (store, tenant_id, filter, fn, ctx, error))                                                  \
    X(payment_find_original,                                                                       \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_payment *reversal,           \
       struct vinn_payment *out, struct vinn_error *error),                                        \
      (store, tenant_id, reversal, out, error))                                                    \
    X(allocation_insert,                                                                           \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id, uint32_t seq,              \
       const struct vinn_payment_allocation *alloc, struct vinn_error *error),                     \
      (store, tenant_id, payment_id, seq, alloc, error))                                           \
    X(allocations,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id, vinn_allocation_fn fn,     \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, payment_id, fn, ctx, error))                                              \
    X(payment_txns,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id, int64_t *txn_ids,          \
       uint32_t max, uint32_t *count, struct vinn_error *error),                                   \
      (store, tenant_id, payment_id, txn_ids, max, count, error))                                  \
    X(txn_get,                                                                                     \
      (struct vinn_store *store, int64_t tenant_id, int64_t txn_id, struct vinn_txn *txn,          \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, txn_id, txn, error))                                                      \
    X(payment_txn_link,                                                                            \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id, int64_t txn_id,            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, payment_id, txn_id, error))                                               \
    X(payment_event,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id,                            \
       const struct vinn_payment_event *event, struct vinn_error *error),                          \
      (store, tenant_id, payment_id, event, error))                                                \
    X(payment_events,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, int64_t payment_id, vinn_event_fn fn,          \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, payment_id, fn, ctx, error))                                              \
    X(payout_insert,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_payout *payout,              \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, payout, error))                                                           \
    X(invoice_by_reference,                                                                        \
      (struct vinn_store *store, int64_t tenant_id, const char *reference,                         \
       struct vinn_invoice *out, struct vinn_error *error),                                        \
      (store, tenant_id, reference, out, error))                                                   \
    X(invoices_open_by_amount,                                                                     \
      (struct vinn_store *store, int64_t tenant_id, const char *currency, int64_t amount,          \
       uint32_t limit, vinn_invoice_fn fn, void *ctx, struct vinn_error *error),                   \
      (store, tenant_id, currency, amount, limit, fn, ctx, error))                                 \
    X(invoices_open_of_customer,                                                                   \
      (struct vinn_store *store, int64_t tenant_id, int64_t customer_id, const char *currency,     \
       uint32_t limit, vinn_invoice_fn fn, void *ctx, struct vinn_error *error),                   \
      (store, tenant_id, customer_id, currency, limit, fn, ctx, error))                            \
    X(invoice_owed,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, int64_t owed[3],           \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, invoice_id, owed, error))                                                 \
    X(customers_by_name_key,                                                                       \
      (struct vinn_store *store, int64_t tenant_id, const char *key, uint32_t limit,               \
       vinn_customer_fn fn, void *ctx, struct vinn_error *error),                                  \
      (store, tenant_id, key, limit, fn, ctx, error))                                              \
    X(payer_account_get,                                                                           \
      (struct vinn_store *store, int64_t tenant_id, const char *account, int64_t *customer_id,     \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, account, customer_id, error))                                             \
    X(payer_account_put,                                                                           \
      (struct vinn_store *store, int64_t tenant_id, const char *account, int64_t customer_id,      \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, account, customer_id, error))                                             \
    X(tenant_has_charges,                                                                          \
      (struct vinn_store *store, int64_t tenant_id, bool *out, struct vinn_error *error),          \
      (store, tenant_id, out, error))                                                              \
    X(account_balance,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, int64_t customer_id,                           \
       enum vinn_account_kind kind, const char *currency, int64_t *out,                            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, customer_id, kind, currency, out, error))                                 \
    X(template_put,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_template_record *t,          \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, t, error))                                                                \
    X(template_get,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, const char *kind, const char *lang,            \
       const char *tone, struct vinn_template_record *out, struct vinn_error *error),              \
      (store, tenant_id, kind, lang, tone, out, error))                                            \
    X(template_delete,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, const char *kind, const char *lang,            \
       const char *tone, struct vinn_error *error),                                                \
      (store, tenant_id, kind, lang, tone, error))                                                 \
    X(outbox_due,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, int64_t now_us, int64_t after_id,              \
       uint32_t limit, vinn_outbox_fn fn, void *ctx, struct vinn_error *error),                    \
      (store, tenant_id, now_us, after_id, limit, fn, ctx, error))                                 \
    X(message_attempt,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_message *message,            \
       const char *receipt, struct vinn_error *error),                                             \
      (store, tenant_id, message, receipt, error))                                                 \
    X(due_invoices,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, vinn_day today, uint32_t limit,                \
       vinn_due_fn fn, void *ctx, struct vinn_error *error),                                       \
      (store, tenant_id, today, limit, fn, ctx, error))                                            \
    X(invoice_set_next_action,                                                                     \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_day day,              \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, invoice_id, day, error))                                                  \
    X(invoice_set_day,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, int64_t outstanding,       \
       enum vinn_invoice_status status, vinn_day next_action, struct vinn_error *error),           \
      (store, tenant_id, invoice_id, outstanding, status, next_action, error))                     \
    X(invoice_next_action,                                                                         \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_day *out,             \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, invoice_id, out, error))                                                  \
    X(case_get,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,                            \
       struct vinn_case_record *out, struct vinn_error *error),                                    \
      (store, tenant_id, invoice_id, out, error))                                                  \
    X(case_put,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_case_record *rec,            \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, rec, error))                                                              \
    X(case_step_insert,                                                                            \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,                            \
       const struct vinn_case_step *step, struct vinn_error *error),                               \
      (store, tenant_id, invoice_id, step, error))                                                 \
    X(case_steps,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_case_step_fn fn,      \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, invoice_id, fn, ctx, error))                                              \
    X(case_event,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,                            \
       const struct vinn_case_event *event, struct vinn_error *error),                             \
      (store, tenant_id, invoice_id, event, error))                                                \
    X(case_events,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_case_event_fn fn,     \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, invoice_id, fn, ctx, error))                                              \
    X(message_insert,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_message *message,                  \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, message, error))                                                          \
    X(messages,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, int64_t after_id,          \
       uint32_t limit, vinn_message_fn fn, void *ctx, struct vinn_error *error),                   \
      (store, tenant_id, invoice_id, after_id, limit, fn, ctx, error))                             \
    X(task_insert,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_task *task,                        \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, task, error))                                                             \
    X(tasks,                                                                                       \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, int64_t after_id,          \
       uint32_t limit, vinn_task_fn fn, void *ctx, struct vinn_error *error),                      \
      (store, tenant_id, invoice_id, after_id, limit, fn, ctx, error))                             \
    X(handover_insert,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, int64_t invoice_id, vinn_day day,              \
       const char *currency, int64_t principal, int64_t fees, int64_t interest,                    \
       int64_t created_at_us, struct vinn_error *error),                                           \
      (store, tenant_id, invoice_id, day, currency, principal, fees, interest, created_at_us,      \
       error))                                                                                     \
    X(handovers,                                                                                   \
      (struct vinn_store *store, int64_t tenant_id, vinn_day day, vinn_handover_fn fn,             \
       void *ctx, struct vinn_error *error),                                                       \
      (store, tenant_id, day, fn, ctx, error))                                                     \
    X(policy_put,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_policy_record *policy,       \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, policy, error))                                                           \
    X(policy_delete,                                                                               \
      (struct vinn_store *store, int64_t tenant_id, const char *name, struct vinn_error *error),   \
      (store, tenant_id, name, error))                                                             \
    X(policies,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, vinn_policy_fn fn, void *ctx,                  \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, fn, ctx, error))                                                          \
    X(rate_put,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_rate_record *rate,           \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, rate, error))                                                             \
    X(rates,                                                                                       \
      (struct vinn_store *store, int64_t tenant_id, const char *country, bool business,            \
       struct vinn_rate_record *out, uint32_t max, uint32_t *count, struct vinn_error *error),     \
      (store, tenant_id, country, business, out, max, count, error))                               \
    X(day_run_put,                                                                                 \
      (struct vinn_store *store, int64_t tenant_id, vinn_day day, int64_t considered,              \
       int64_t steps, int64_t finished_at_us, struct vinn_error *error),                           \
      (store, tenant_id, day, considered, steps, finished_at_us, error))                        \
    X(message_days_sent,                                                                           \
      (struct vinn_store *store, int64_t tenant_id, enum vinn_channel channel, int64_t since_us,   \
       vinn_day *days, uint32_t days_max, uint32_t *count, struct vinn_error *error),              \
      (store, tenant_id, channel, since_us, days, days_max, count, error))                         \
    X(messages_sent_on,                                                                            \
      (struct vinn_store *store, int64_t tenant_id, enum vinn_channel channel, vinn_day day,       \
       int64_t after_id, uint32_t limit, vinn_outbox_fn fn, void *ctx, struct vinn_error *error),  \
      (store, tenant_id, channel, day, after_id, limit, fn, ctx, error))                           \
    X(tenant_claim,                                                                                \
      (struct vinn_store *store, vinn_day day, const char *worker, int64_t now_us,                 \
       int64_t lease_us, struct vinn_tenant *out, bool *found, struct vinn_error *error),          \
      (store, day, worker, now_us, lease_us, out, found, error))                                   \
    X(tenant_claim_finish,                                                                         \
      (struct vinn_store *store, int64_t tenant_id, vinn_day day, int64_t now_us,                  \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, day, now_us, error))                                                      \
    X(key_insert,                                                                                  \
      (struct vinn_store *store, struct vinn_api_key *key, struct vinn_error *error),              \
      (store, key, error))                                                                         \
    X(key_find,                                                                                    \
      (struct vinn_store *store, const char *public_id, struct vinn_api_key *out,                  \
       struct vinn_error *error),                                                                  \
      (store, public_id, out, error))                                                              \
    X(keys,                                                                                        \
      (struct vinn_store *store, int64_t tenant_id, vinn_api_key_fn fn, void *ctx,                 \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, fn, ctx, error))                                                          \
    X(key_revoke,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, const char *public_id, int64_t at_us,          \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, public_id, at_us, error))                                                 \
    X(idem_get,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, const char *idem_key, bool *found,             \
       struct vinn_idem_record *out, struct vinn_error *error),                                    \
      (store, tenant_id, idem_key, found, out, error))                                             \
    X(idem_put,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, const char *idem_key,                          \
       const unsigned char request_hash[VINN_KEY_HASH_LEN], int status, const char *body,          \
       size_t body_len, int64_t at_us, struct vinn_error *error),                                  \
      (store, tenant_id, idem_key, request_hash, status, body, body_len, at_us, error))            \
    X(audit_insert,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_audit_record *record,              \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, record, error))                                                           \
    X(audit,                                                                                       \
      (struct vinn_store *store, int64_t tenant_id, int64_t after_id, uint32_t limit,              \
       vinn_audit_fn fn, void *ctx, struct vinn_error *error),                                     \
      (store, tenant_id, after_id, limit, fn, ctx, error))                                         \
    X(webhook_insert,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_webhook *webhook,                  \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, webhook, error))                                                          \
    X(webhooks,                                                                                    \
      (struct vinn_store *store, int64_t tenant_id, vinn_webhook_fn fn, void *ctx,                 \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, fn, ctx, error))                                                          \
    X(webhook_revoke,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, int64_t id, int64_t at_us,                     \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, id, at_us, error))                                                        \
    X(event_insert,                                                                                \
      (struct vinn_store *store, int64_t tenant_id, struct vinn_event *event,                      \
       const int64_t *webhooks, size_t n, struct vinn_error *error),                               \
      (store, tenant_id, event, webhooks, n, error))                                               \
    X(events,                                                                                      \
      (struct vinn_store *store, int64_t tenant_id, int64_t after_id, uint32_t limit,              \
       vinn_event_record_fn fn, void *ctx, struct vinn_error *error),                              \
      (store, tenant_id, after_id, limit, fn, ctx, error))                                         \
    X(deliveries_due,                                                                              \
      (struct vinn_store *store, int64_t tenant_id, int64_t now_us, uint32_t limit,                \
       vinn_delivery_fn fn, void *ctx, struct vinn_error *error),                                  \
      (store, tenant_id, now_us, limit, fn, ctx, error))                                           \
    X(delivery_update,                                                                             \
      (struct vinn_store *store, int64_t tenant_id, const struct vinn_delivery *d,                 \
       struct vinn_error *error),                                                                  \
      (store, tenant_id, d, error))                                                                \
    X(deliveries,                                                                                  \
      (struct vinn_store *store, int64_t tenant_id, int64_t event_id, uint32_t limit,              \
       vinn_delivery_fn fn, void *ctx, struct vinn_error *error),                                  \
      (store, tenant_id, event_id, limit, fn, ctx, error))


struct vinn_store_ops {
    const char *name; /* "sqlite", "postgresql": in messages */
    void (*close)(struct vinn_store *store);
    void (*rollback)(struct vinn_store *store);
    /* 0 outside a transaction, 1 in one, more inside savepoints. */
    unsigned (*txn_depth)(struct vinn_store *store);
    /* Light nesting, the change mark and whether a light level was rolled
     * back (store.h); a backend without light nesting answers false to
     * light and leaves mark and broken NULL. */
    bool (*light)(struct vinn_store *store, bool on);
    uint64_t (*mark)(struct vinn_store *store);
    bool (*broken)(struct vinn_store *store);
    /* Checkpoints in the caller's hands (store.h); NULL: the backend has
     * no log to copy. */
    bool (*auto_checkpoint)(struct vinn_store *store, bool on);
    /* NULL: the backend cannot tell (vinn_store_changed_elsewhere is true). */
    bool (*changed_elsewhere)(struct vinn_store *store);
    vinn_err (*checkpoint)(struct vinn_store *store, struct vinn_error *error);
    uint32_t (*log_pages)(struct vinn_store *store);
    /* Durability in the caller's hands (store.h); NULL: every commit is
     * durable as it returns. sync may run on another thread. */
    bool (*sync_later)(struct vinn_store *store, bool on);
    vinn_err (*sync)(struct vinn_store *store, struct vinn_error *error);
    /* A deadline after_us from now on the statements (0: none). */
    void (*deadline)(struct vinn_store *store, int64_t after_us);
    /* The schema version the database holds (0: none); create: make the
     * bookkeeping table schema_migrations first if it is missing. */
    vinn_err (*schema_version)(struct vinn_store *store, bool create, int *version,
                               struct vinn_error *error);
    /* Apply migration `version` (the one after the current), in one
     * transaction with its row in schema_migrations; a migration another
     * process applied meanwhile is not applied twice. */
    vinn_err (*migrate_one)(struct vinn_store *store, int version, struct vinn_error *error);
#define VINN_STORE_OP_MEMBER_(op, params, args) vinn_err(*op) params;
    VINN_STORE_OPS(VINN_STORE_OP_MEMBER_)
#undef VINN_STORE_OP_MEMBER_
};

/* The common header every backend's store struct starts with. */
struct vinn_store {
    const struct vinn_store_ops *ops;
};

/* The backends' open functions (store.c picks one by the URL); on success
 * *out is the common header of a new store whose ops are set. */
VINN_MUST_USE vinn_err sqlite_store_open(const char *url, bool create, struct vinn_store **out,
                                         struct vinn_error *error);
VINN_MUST_USE vinn_err pg_store_open(const char *url, bool create, struct vinn_store **out,
                                     struct vinn_error *error);

#endif
