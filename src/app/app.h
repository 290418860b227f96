/*
 * app.h - vinn's use cases, one function per verb.
 *
 * The CLI and the HTTP server call these and nothing below them: one
 * behaviour, two doors. Each use case validates all of its input first
 * (errors name the field and the rule), then loads what it needs from the
 * store, decides with src/core, and persists in ONE store transaction that
 * it owns: on any error the transaction is rolled back and nothing is
 * written.
 *
 * Time is an input: app->today and app->now_us are set by the front door
 * (from --today or the clock) and nothing here reads a clock.
 */
#ifndef VINN_APP_APP_H
#define VINN_APP_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/date.h"
#include "core/invoice.h"
#include "channels/channels.h"
#include "formats/bank.h"
#include "store/store.h"

/* Progress of long work: done and total in the unit of `what` (total may be 0
 * when unknown). Called at most a few times a second by the use case. */
typedef void (*vinn_progress_fn)(void *ctx, const char *what, long long done, long long total);

struct vinn_app {
    struct vinn_store *store;
    vinn_day today;
    int64_t now_us;
    vinn_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
    /* the last tenants' policies and rates, and their webhooks, the most
     * recently used first (policy.c, api.c) */
    struct vinn_dunning_rules *rules;
    struct vinn_app_hooks *hooks;
    bool stale; /* vinn_app_refresh was called: ask the store before using them */
    /* Where another connection commits before it syncs (the server's
     * writer, vinn_store_sync_later): a webhook is sent only after a sync
     * of it, so no event announces a change a power loss could undo.
     * NULL: every commit is durable as it returns. */
    struct vinn_store *sync_store;
};

/* Open the database at db (see vinn_store_open); create only for `vinn init`.
 * Unless creating, the schema must be there (VINN_E_STORE_NOT_INITIALISED). */
VINN_MUST_USE vinn_err vinn_app_open(struct vinn_app *app, const char *db, bool create,
                                     vinn_day today, int64_t now_us, struct vinn_error *error);
void vinn_app_close(struct vinn_app *app);
/* What is cached across calls (the tenant's policies and rates, its
 * webhooks) is forgotten before its next use if another connection changed
 * it since (vinn_store_changed_elsewhere, asked then, not here): a
 * long-running front door calls this before each piece of work. */
void vinn_app_refresh(struct vinn_app *app);
/* Forget what is cached now: after a rollback of work that may have
 * changed it (what was read inside the transaction is gone with it). */
void vinn_app_forget(struct vinn_app *app);
/* Create or upgrade the schema; *from is the version found (0: new database). */
VINN_MUST_USE vinn_err vinn_app_init(struct vinn_app *app, int *from, struct vinn_error *error);

/* ---- tenants ---- */

struct vinn_tenant_input {
    const char *name;     /* [A-Za-z0-9._-], 1..64 */
    const char *country;  /* ISO 3166 alpha-2 */
    const char *currency; /* ISO 4217 */
    const char *org_no;   /* checked by the country's rule; optional */
    const char *account;  /* NO kontonummer or SE bankgiro; optional */
    const char *iban;     /* optional */
    const char *ref_kind; /* kid10 kid11 ocr ocr-len fi rf; NULL: by country */
    int32_t due_days;     /* default term; < 0: 14 */
};

VINN_MUST_USE vinn_err vinn_app_tenant_add(struct vinn_app *app,
                                           const struct vinn_tenant_input *input,
                                           struct vinn_tenant *out, struct vinn_error *error);
/* The tenant named, or when name is NULL or "" the only tenant there is
 * (VINN_E_TENANT_REQUIRED when none, VINN_E_TENANT_AMBIGUOUS when several). */
VINN_MUST_USE vinn_err vinn_app_tenant_resolve(struct vinn_app *app, const char *name,
                                               struct vinn_tenant *out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_tenant_stats(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             struct vinn_tenant_stats *out,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_tenant_list(struct vinn_app *app, vinn_tenant_fn fn, void *ctx,
                                            struct vinn_error *error);

/* ---- customers ---- */

struct vinn_customer_input {
    const char *id; /* the merchant's customer id, required */
    const char *name;
    const char *country;
    const char *lang; /* NULL or "": the country's language */
    const char *kind; /* person (default) | company */
    const char *email;
    const char *phone;
    const char *org_no;      /* companies: checked by the country's rule */
    const char *national_id; /* persons: checked by the country's rule */
    const char *address;
    const char *postcode;
    const char *city;
    const char *tags; /* separated by '|' or ',' */
    /* The channel she asked for: NULL or "" none, else email (needs email),
     * sms (needs phone), letter (not with direct_debit), einvoice, mailbox
     * (core/channel.h). */
    const char *channel;
    bool direct_debit; /* she pays by direct debit: never sent paper */
};

VINN_MUST_USE vinn_err vinn_app_customer_add(struct vinn_app *app, const struct vinn_tenant *tenant,
                                             const struct vinn_customer_input *input,
                                             struct vinn_customer *out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_customer_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                                             const char *id, struct vinn_customer *out,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_customer_list(struct vinn_app *app,
                                              const struct vinn_tenant *tenant, const char *after,
                                              uint32_t limit, vinn_customer_fn fn, void *ctx,
                                              struct vinn_error *error);

/* ---- invoices ---- */

struct vinn_invoice_input {
    const char *number;
    const char *customer; /* the customer's id */
    const char *currency; /* NULL or "": the tenant's */
    bool has_date;
    vinn_day date; /* default app->today */
    bool has_due_date;
    vinn_day due_date;
    int32_t due_days; /* < 0: the tenant's default */
    /* Where the sale was made: NULL or "" unknown, else web, email, app, sms,
     * pos, phone, einvoice, mail (core/channel.h); it chooses the channel of
     * the invoice's messages when the customer stated none. */
    const char *sale_channel;
    const struct vinn_line_input *lines;
    size_t lines_count;
};

/* Parse the human fields of a line: quantity ("1", "1.5", up to 3 decimals),
 * unit price (an amount in the currency, "1 234,50"), VAT percent ("25",
 * "25.5", "25%"). Errors name "quantity", "unit_price" or "vat_rate". */
VINN_MUST_USE vinn_err vinn_app_line_parse(const char *quantity, const char *unit_price,
                                           const char *vat_rate, const char *currency,
                                           struct vinn_line_input *out, struct vinn_error *error);

/*
 * Create an invoice: validate, compute lines and VAT, set the due date
 * (moved forward to a business day in the customer's country), assign the
 * payment reference of the tenant's kind, post the receivable, queue the
 * invoice message on the channel core/channel.h chooses. Errors: the field
 * rules of core/invoice.h, VINN_E_CUSTOMER_UNKNOWN (the customer does not
 * exist), VINN_E_CURRENCY_UNKNOWN, VINN_E_INVOICE_EXISTS, VINN_E_UNKNOWN_VALUE
 * ("sale_channel").
 */
VINN_MUST_USE vinn_err vinn_app_invoice_create(struct vinn_app *app,
                                               const struct vinn_tenant *tenant,
                                               const struct vinn_invoice_input *input,
                                               struct vinn_invoice *out, struct vinn_error *error);
/* The same, with the invoice's lines as stored in lines (room for
 * input->lines_count): no need to read them back. */
VINN_MUST_USE vinn_err vinn_app_invoice_create_lines(struct vinn_app *app,
                                                     const struct vinn_tenant *tenant,
                                                     const struct vinn_invoice_input *input,
                                                     struct vinn_invoice *out,
                                                     struct vinn_invoice_line *lines,
                                                     struct vinn_error *error);
/* Create many invoices in one transaction, all or nothing (bulk loads, and the
 * server's group commit). outs may be NULL; else it receives n invoices. On
 * failure the error names the input by index: "invoices[7]: ...". */
VINN_MUST_USE vinn_err vinn_app_invoice_create_many(struct vinn_app *app,
                                                    const struct vinn_tenant *tenant,
                                                    const struct vinn_invoice_input *inputs,
                                                    size_t n, struct vinn_invoice *outs,
                                                    struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_invoice_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                                            const char *number, struct vinn_invoice *out,
                                            struct vinn_error *error);
/* Lines of an invoice; the caller provides room for VINN_INVOICE_LINES_MAX. */
VINN_MUST_USE vinn_err vinn_app_invoice_lines(struct vinn_app *app,
                                              const struct vinn_tenant *tenant,
                                              const struct vinn_invoice *invoice,
                                              struct vinn_invoice_line *lines, uint32_t *count,
                                              struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_invoice_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                                             const struct vinn_invoice_filter *filter,
                                             vinn_invoice_fn fn, void *ctx,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_invoice_credit_notes(struct vinn_app *app,
                                                     const struct vinn_tenant *tenant,
                                                     const struct vinn_invoice *invoice,
                                                     vinn_invoice_fn fn, void *ctx,
                                                     struct vinn_error *error);

/*
 * Credit an invoice: in full (full = true) or by gross_minor. The credit is
 * split over the invoice's VAT rates in proportion; it lowers what is
 * outstanding, and what exceeds the outstanding principal (the invoice was
 * paid) becomes the customer's credit balance. The credit note gets the
 * number credit_number, or "<number>-K<n>" when NULL or "". Errors:
 * VINN_E_INVOICE_NOT_FOUND, VINN_E_INVOICE_NOT_CREDITABLE (a credit note, or
 * nothing left to credit), VINN_E_CREDIT_EXCEEDS_INVOICE,
 * VINN_E_AMOUNT_MUST_BE_POSITIVE, VINN_E_INVOICE_EXISTS (credit number).
 */
VINN_MUST_USE vinn_err vinn_app_invoice_credit(struct vinn_app *app,
                                               const struct vinn_tenant *tenant,
                                               const char *number, bool full, int64_t gross_minor,
                                               const char *credit_number,
                                               struct vinn_invoice *credit_note,
                                               struct vinn_invoice *invoice,
                                               struct vinn_error *error);

/* ---- imports (docs/import-formats.md) ---- */

struct vinn_import_summary {
    long long rows;     /* data rows read */
    long long created;  /* customers or invoices created */
    long long lines;    /* invoice lines (invoices only) */
    int64_t amount_minor; /* invoices: sum of gross in the tenant's currency */
};

/* All-or-nothing per file: the first error names the file, line and column
 * and nothing of the file is written. */
VINN_MUST_USE vinn_err vinn_app_import_customers(struct vinn_app *app,
                                                 const struct vinn_tenant *tenant, FILE *fp,
                                                 const char *name,
                                                 struct vinn_import_summary *summary,
                                                 struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_import_invoices(struct vinn_app *app,
                                                const struct vinn_tenant *tenant, FILE *fp,
                                                const char *name,
                                                struct vinn_import_summary *summary,
                                                struct vinn_error *error);

/* ---- tenant settings ---- */

/* Known settings: "allocation_order" (core/alloc.h, default
 * "fees,interest,principal") and "match_threshold" (0..100, default 70).
 * set validates the value (VINN_E_UNKNOWN_VALUE for an unknown key, the
 * value's own rule otherwise); get gives the value or its default. */
VINN_MUST_USE vinn_err vinn_app_setting_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                                            const char *key, const char *value,
                                            struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_setting_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                                            const char *key, char *out, size_t cap,
                                            struct vinn_error *error);

/* ---- payments in (payments.c) ---- */

struct vinn_payments_summary {
    char format[16];
    int64_t import_id;
    long long entries;    /* entries in the file */
    long long new_entries;
    long long duplicates; /* already imported (this file or an overlapping one) */
    long long matched;    /* applied in full; the invoices paid */
    long long partial;    /* applied; an invoice still owes */
    long long overpaid;   /* applied; the rest is the customer's credit balance */
    long long unmatched;  /* waiting in the unmatched queue */
    long long reversals;  /* bank reversals of earlier payments */
    long long skipped;    /* outgoing entries (debits), not receivables */
    int64_t amount_minor; /* sum of the new incoming entries in `currency` */
    char currency[4];     /* the tenant's currency */
};

/*
 * Import a bank file (formats/bank.h) in one transaction: each new entry is
 * matched (core/match.h: reference, reference in text, amount and name,
 * subset of a customer's open invoices), allocated (core/alloc.h) and
 * posted, or put in the unmatched queue; entries seen before are counted
 * as duplicates and change nothing. A bad file writes nothing: the error
 * names the file, the line or element and the rule.
 */
VINN_MUST_USE vinn_err vinn_app_payments_import(struct vinn_app *app,
                                                const struct vinn_tenant *tenant, FILE *fp,
                                                const char *name, enum vinn_bank_format format,
                                                struct vinn_payments_summary *out,
                                                struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_payment_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                                            int64_t id, struct vinn_payment *out,
                                            struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_payment_list(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             const struct vinn_payment_filter *filter,
                                             vinn_payment_fn fn, void *ctx,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_payment_allocations(struct vinn_app *app,
                                                    const struct vinn_tenant *tenant, int64_t id,
                                                    vinn_allocation_fn fn, void *ctx,
                                                    struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_payment_events(struct vinn_app *app,
                                               const struct vinn_tenant *tenant, int64_t id,
                                               vinn_event_fn fn, void *ctx,
                                               struct vinn_error *error);
/*
 * A person's decision: apply an unmatched payment to the invoices named
 * (one customer's, in the payment's currency, each with something
 * outstanding), oldest due first; what is left becomes the customer's
 * credit balance. Errors: VINN_E_PAYMENT_NOT_FOUND, VINN_E_PAYMENT_NOT_UNMATCHED,
 * VINN_E_INVOICE_NOT_FOUND, VINN_E_INVOICE_NOT_OPEN, VINN_E_PAYMENT_CURRENCY,
 * VINN_E_USAGE (invoices of several customers, none, or one twice).
 */
VINN_MUST_USE vinn_err vinn_app_payment_assign(struct vinn_app *app,
                                               const struct vinn_tenant *tenant, int64_t id,
                                               const char *const *invoices, size_t n,
                                               struct vinn_payment *out,
                                               struct vinn_error *error);
/*
 * Pay money back: an unmatched payment to its payer in full, or the credit
 * balance an overpayment left (at most what the customer still has). The
 * payout is a payment order line to account (NULL: the payer's account).
 * Errors: VINN_E_PAYMENT_NOT_FOUND, VINN_E_PAYMENT_NO_CREDIT, and
 * VINN_E_FIELD_REQUIRED ("account") when no account is known.
 */
VINN_MUST_USE vinn_err vinn_app_payment_refund(struct vinn_app *app,
                                               const struct vinn_tenant *tenant, int64_t id,
                                               const char *account, struct vinn_payout *out,
                                               struct vinn_error *error);

/* ---- dunning policies and interest rates (policy.c) ---- */

/* Parse a policy from JSON (docs/dunning.md); name, when given, overrides
 * the JSON's. Errors: VINN_E_BAD_JSON, VINN_E_POLICY_INVALID naming the member. */
VINN_MUST_USE vinn_err vinn_app_policy_parse(const char *json, const char *name,
                                             struct vinn_policy *out, struct vinn_error *error);
/* builtin: one of the lawful defaults vinn gives every tenant. */
typedef vinn_err (*vinn_app_policy_fn)(void *ctx, const struct vinn_policy *policy, bool builtin);
/* The tenant's policies by priority, then the built-in defaults of its country. */
VINN_MUST_USE vinn_err vinn_app_policy_list(struct vinn_app *app,
                                            const struct vinn_tenant *tenant,
                                            vinn_app_policy_fn fn, void *ctx,
                                            struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_policy_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           const char *name, struct vinn_policy *out,
                                           bool *builtin, struct vinn_error *error);
/* The law's verdict on a policy for every country and debtor kind it can
 * apply to (its match, else the tenant's country): *count violations. */
VINN_MUST_USE vinn_err vinn_app_policy_check(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             const struct vinn_policy *policy,
                                             struct vinn_policy_violation *out, size_t max,
                                             size_t *count, struct vinn_error *error);
/* Parse, check and save (replacing one of the same name). A policy that
 * breaks the law is refused with VINN_E_POLICY_BREAKS_LAW and the
 * violations in out. */
VINN_MUST_USE vinn_err vinn_app_policy_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           const char *json, const char *name,
                                           struct vinn_policy *out,
                                           struct vinn_policy_violation *violations, size_t max,
                                           size_t *count, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_policy_delete(struct vinn_app *app,
                                              const struct vinn_tenant *tenant, const char *name,
                                              struct vinn_error *error);
/* A late-interest rate in force from `from` (the tenant's table over the law's). */
VINN_MUST_USE vinn_err vinn_app_rate_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                                         const char *country, bool business, vinn_day from,
                                         int32_t rate_bp, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_rates_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           const char *country, bool business,
                                           struct vinn_rate_period *out, size_t max,
                                           size_t *count, struct vinn_error *error);

/* ---- the day run and cases (dunning.c) ---- */

struct vinn_day_summary {
    vinn_day date;
    long long tenants;
    long long invoices_considered;
    long long pre_due;
    long long reminders;
    long long notices;
    long long collections;
    long long tasks;
    long long messages;
    long long closed; /* cases ended: paid, or the policy ran out */
    int64_t fees_minor;     /* fees and compensation posted (in each tenant's currencies) */
    int64_t interest_minor; /* interest posted */
};

/*
 * The day for one tenant (tenant given) or every tenant (NULL), as of
 * app->today: every open invoice whose next action is due gets its steps,
 * each on its own step day (days skipped are caught up), in batched
 * transactions. Running a day again does nothing. The summary adds up.
 */
VINN_MUST_USE vinn_err vinn_app_day_run(struct vinn_app *app, const struct vinn_tenant *tenant,
                                        struct vinn_day_summary *summary,
                                        struct vinn_error *error);

/*
 * The day as one of several workers (on one machine or many, on one
 * database): claim a tenant whose day no other worker holds, run it, mark it
 * finished, and again until every tenant's day is claimed or done. A claim
 * left unfinished for lease_s seconds (a worker died) is taken over; the day
 * run being idempotent, the tenant's day then finishes without a step twice.
 */
VINN_MUST_USE vinn_err vinn_app_day_run_worker(struct vinn_app *app, const char *worker,
                                               int64_t lease_s, struct vinn_day_summary *summary,
                                               struct vinn_error *error);

struct vinn_case_view {
    struct vinn_invoice invoice;
    bool has_case;
    struct vinn_case_record rec;
    char policy[VINN_POLICY_NAME_MAX + 1]; /* the case's, or the one it will get */
    vinn_day next_action;
    struct vinn_case_step steps[64];
    uint32_t steps_count;
    struct vinn_case_event events[32];
    uint32_t events_count;
};

VINN_MUST_USE vinn_err vinn_app_case_show(struct vinn_app *app, const struct vinn_tenant *tenant,
                                          const char *number, struct vinn_case_view *out,
                                          struct vinn_error *error);
/* A person stops the steps (reason: dispute, ...). VINN_E_INVOICE_NOT_OPEN
 * when nothing is owed, VINN_E_CASE_STATE when it is paused already or with
 * collection. */
VINN_MUST_USE vinn_err vinn_app_case_pause(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           const char *number, const char *reason,
                                           struct vinn_error *error);
/* The steps go on from today (a pause or a promise ends). */
VINN_MUST_USE vinn_err vinn_app_case_resume(struct vinn_app *app,
                                            const struct vinn_tenant *tenant, const char *number,
                                            struct vinn_error *error);
/* No steps until `until` plus the policy's grace; unpaid then, they go on. */
VINN_MUST_USE vinn_err vinn_app_case_promise(struct vinn_app *app,
                                             const struct vinn_tenant *tenant, const char *number,
                                             vinn_day until, struct vinn_error *error);
/* Post what is left of the invoice as a loss; status written_off. */
VINN_MUST_USE vinn_err vinn_app_case_writeoff(struct vinn_app *app,
                                              const struct vinn_tenant *tenant,
                                              const char *number, int64_t *amount,
                                              struct vinn_error *error);
/* The claims handed over to collection on day. */
VINN_MUST_USE vinn_err vinn_app_collection_export(struct vinn_app *app,
                                                  const struct vinn_tenant *tenant, vinn_day day,
                                                  vinn_handover_fn fn, void *ctx,
                                                  struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_messages(struct vinn_app *app, const struct vinn_tenant *tenant,
                                         int64_t invoice_id, int64_t after_id, uint32_t limit,
                                         vinn_message_fn fn, void *ctx,
                                         struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_tasks(struct vinn_app *app, const struct vinn_tenant *tenant,
                                      int64_t after_id, uint32_t limit, vinn_task_fn fn,
                                      void *ctx, struct vinn_error *error);

/* ---- documents (documents.c) ---- */

/* The invoice or credit note NUMBER as EHF / Peppol BIS Billing 3.0 UBL 2.1
 * (formats/ehf.h), the KID or reference in PaymentID, written to out.
 * Errors: VINN_E_INVOICE_NOT_FOUND, and the document's field rules. */
VINN_MUST_USE vinn_err vinn_app_invoice_ehf(struct vinn_app *app,
                                            const struct vinn_tenant *tenant,
                                            const char *number, FILE *out,
                                            struct vinn_error *error);

/* The invoice or credit note NUMBER as a PDF at path (formats/pdf.h; lines beyond
 * the first page flow onto further pages)
 * in the customer's language: the lines, VAT per rate, the amount due in
 * large type, the reference and how to pay; on euro invoices the EPC QR
 * code, on Finnish ones the virtual bank barcode. No file on failure. */
VINN_MUST_USE vinn_err vinn_app_invoice_pdf(struct vinn_app *app,
                                            const struct vinn_tenant *tenant,
                                            const char *number, const char *path,
                                            struct vinn_error *error);

/* The same PDF written to out (the API's answer). */
VINN_MUST_USE vinn_err vinn_app_invoice_pdf_stream(struct vinn_app *app,
                                                   const struct vinn_tenant *tenant,
                                                   const char *number, FILE *out,
                                                   struct vinn_error *error);

/* The letter of step `step` (its number in `vinn case show`) of invoice
 * NUMBER's case as a PDF at path, in the language of its message: a
 * pre-due reminder, a reminder (purring) or a notice (inkassovarsel), with
 * the original invoice (its date, due date and lines), what was paid, the
 * fees and the interest owed, the total to pay and the deadline the letter
 * gave, and the letter's text (a notice's says that the claim goes to
 * collection, with further costs, if it is not paid by the deadline, and
 * how to object). Errors: VINN_E_INVOICE_NOT_FOUND, VINN_E_STEP_NOT_FOUND,
 * VINN_E_STEP_NOT_A_LETTER (a task or a hand-over). No file on failure. */
VINN_MUST_USE vinn_err vinn_app_step_pdf(struct vinn_app *app, const struct vinn_tenant *tenant,
                                         const char *number, uint32_t step, const char *path,
                                         struct vinn_error *error);

/* ---- the outbox (outbox.c) ---- */

struct vinn_outbox_options {
    struct vinn_channels_config channels; /* a channel without its config is skipped */
    const char *from;                      /* the e-mail sender: "Acme AS <billing@acme.no>" */
    long long limit;                       /* at most this many messages; 0: all due */
};

struct vinn_outbox_summary {
    long long considered;
    long long sent;
    long long retried; /* a temporary failure: queued again with a backoff */
    long long failed;  /* a permanent failure, or too many attempts */
    long long skipped; /* its channel is not configured: left queued */
    long long batches; /* print batches of a day's letters made (again) */
};

/*
 * Deliver the tenant's queued messages that are due: each rendered from its
 * template in the customer's language and the step's tone, sent on its
 * channel, its attempt recorded (docs/messages.md). At least once: a crash
 * after a send sends it again with the same Message-ID. With a drop
 * directory, each day's letters are then also one print batch PDF and its
 * manifest (print.c), made again when the day's letters changed.
 */
VINN_MUST_USE vinn_err vinn_app_outbox_send(struct vinn_app *app,
                                            const struct vinn_tenant *tenant,
                                            const struct vinn_outbox_options *options,
                                            struct vinn_outbox_summary *out,
                                            struct vinn_error *error);

/* A tenant's own template for a message kind, language and tone, over the
 * built-in one (core/template.h): every text within its limit and with only
 * the placeholders vinn fills (the error names the text and placeholder,
 * "body{{amuont}}"). get gives the tenant's when it has one (*is_own), else
 * the built-in. reset removes the tenant's (VINN_E_NOT_FOUND: none). */
VINN_MUST_USE vinn_err vinn_app_template_set(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             const struct vinn_template_record *in,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_template_get(struct vinn_app *app,
                                             const struct vinn_tenant *tenant, const char *kind,
                                             const char *lang, const char *tone,
                                             struct vinn_template_record *out, bool *is_own,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_template_reset(struct vinn_app *app,
                                               const struct vinn_tenant *tenant,
                                               const char *kind, const char *lang,
                                               const char *tone, struct vinn_error *error);

/* ---- simulation (simulate.c) ---- */

struct vinn_sim_summary {
    vinn_day from;
    vinn_day to;
    long long days;
    long long invoices;     /* open when the simulation started */
    long long payments;     /* payments the customers made */
    long long paid_on_time; /* of them, by the due date */
    int64_t paid_minor;
    struct vinn_day_summary day; /* what the day runs did, added up */
    long long open_end;          /* open invoices at the end */
    int64_t outstanding_end_minor;
};

/*
 * Run the days from..to in order for one tenant: each day the customers
 * who pay that day (core/behaviour.h, drawn from seed) pay what they owe
 * through a bank file and the real import, then the day runs. It writes to
 * the database: simulate on a copy to try a policy.
 */
VINN_MUST_USE vinn_err vinn_app_simulate(struct vinn_app *app, const struct vinn_tenant *tenant,
                                         vinn_day from, vinn_day to, uint64_t seed,
                                         struct vinn_sim_summary *out,
                                         struct vinn_error *error);

/* ---- ledger ---- */

/* Balances of one customer (id given) or of every account (customer NULL). */
VINN_MUST_USE vinn_err vinn_app_ledger_balances(struct vinn_app *app,
                                                const struct vinn_tenant *tenant,
                                                const char *customer, vinn_balance_fn fn,
                                                void *ctx, struct vinn_error *error);
/* Verify one tenant's ledger; report->problems_count == 0 and all the
 * mismatch counters 0 mean it holds. */
VINN_MUST_USE vinn_err vinn_app_ledger_verify(struct vinn_app *app,
                                              const struct vinn_tenant *tenant,
                                              struct vinn_verify_report *report,
                                              struct vinn_error *error);
bool vinn_verify_report_holds(const struct vinn_verify_report *report);

/* ---- the HTTP API's keys, idempotency, audit log and webhooks (api.c) ---- */

struct json_t;

enum vinn_scope {
    VINN_SCOPE_READ = 1u << 0,  /* GET */
    VINN_SCOPE_WRITE = 1u << 1, /* POST, PUT, DELETE */
    VINN_SCOPES_ALL = VINN_SCOPE_READ | VINN_SCOPE_WRITE,
};

/* "read,write" -> bits; VINN_E_SCOPE_UNKNOWN naming field. */
VINN_MUST_USE vinn_err vinn_scopes_parse(const char *text, const char *field, uint32_t *out,
                                         struct vinn_error *error);
/* "read,write" */
void vinn_scopes_format(uint32_t scopes, char *out, size_t cap);

/* vk_ + public id (16 hex) + _ + secret (43 base64url): 63 characters. */
enum { VINN_KEY_TEXT_MAX = 80 };

/* A new API key for the tenant: key_text gets the key, which is shown once
 * and stored only as its BLAKE2b hash. */
VINN_MUST_USE vinn_err vinn_app_key_create(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           uint32_t scopes, const char *name,
                                           char key_text[VINN_KEY_TEXT_MAX],
                                           struct vinn_api_key *out, struct vinn_error *error);
/* key: the whole key or its public id. VINN_E_KEY_NOT_FOUND. */
VINN_MUST_USE vinn_err vinn_app_key_revoke(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           const char *key, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_key_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                                         vinn_api_key_fn fn, void *ctx,
                                         struct vinn_error *error);
/* The key and its tenant for a bearer token; VINN_E_UNAUTHORIZED for a
 * malformed, unknown, wrong or revoked key (one message for all). */
VINN_MUST_USE vinn_err vinn_app_key_check(struct vinn_app *app, const char *token,
                                          struct vinn_api_key *key, struct vinn_tenant *tenant,
                                          struct vinn_error *error);
/* The BLAKE2b-256 of the parts, each with its length (request hashes). */
void vinn_app_hash(unsigned char out[VINN_KEY_HASH_LEN], const void *const *parts,
                   const size_t *lens, size_t n);

/* Event types a webhook may want. */
extern const char *const vinn_event_types[];
extern const size_t vinn_event_types_count;

/* Register a webhook: url http(s)://..., events "*" or a comma-separated
 * list of vinn_event_types; out->secret is generated ("whsec_..."). */
VINN_MUST_USE vinn_err vinn_app_webhook_create(struct vinn_app *app,
                                               const struct vinn_tenant *tenant, const char *url,
                                               const char *events, struct vinn_webhook *out,
                                               struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_webhook_list(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             vinn_webhook_fn fn, void *ctx,
                                             struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_webhook_delete(struct vinn_app *app,
                                               const struct vinn_tenant *tenant, int64_t id,
                                               struct vinn_error *error);

/* Inside a transaction: record an event of the tenant for the webhooks that
 * want it (nothing when none does). data is stolen (json_decref'd). */
VINN_MUST_USE vinn_err vinn_app_emit(struct vinn_app *app, const struct vinn_tenant *tenant,
                                     const char *type, const char *object, struct json_t *data,
                                     struct vinn_error *error);
/* Whether any webhook of the tenant wants type: callers skip building the
 * event's data when none does. */
bool vinn_app_wants(struct vinn_app *app, const struct vinn_tenant *tenant, const char *type);

struct vinn_webhooks_summary {
    long long considered;
    long long sent;
    long long retried;
    long long failed;
};

/* Deliver the tenant's queued webhook deliveries that are due: a POST of the
 * event with the header Vinn-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret,
 * "UNIX.BODY")); 2xx is sent, else retried with backoff, failed after 8
 * attempts. timeout_ms per request. */
VINN_MUST_USE vinn_err vinn_app_webhooks_send(struct vinn_app *app,
                                              const struct vinn_tenant *tenant, long timeout_ms,
                                              long long limit, struct vinn_webhooks_summary *out,
                                              struct vinn_error *error);
/* The Vinn-Signature header's value for body sent at unix_s. */
void vinn_app_webhook_signature(const char *secret, int64_t unix_s, const char *body, char *out,
                                size_t cap);
VINN_MUST_USE vinn_err vinn_app_deliveries(struct vinn_app *app, const struct vinn_tenant *tenant,
                                           int64_t event_id, uint32_t limit, vinn_delivery_fn fn,
                                           void *ctx, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_events(struct vinn_app *app, const struct vinn_tenant *tenant,
                                       int64_t after_id, uint32_t limit, vinn_event_record_fn fn,
                                       void *ctx, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_app_audit(struct vinn_app *app, const struct vinn_tenant *tenant,
                                      int64_t after_id, uint32_t limit, vinn_audit_fn fn,
                                      void *ctx, struct vinn_error *error);

#endif
