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
#include "core/country.h"

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

/* Who a message goes to, as far as choosing its channel goes. */
struct vinn_app_recipient {
    const char *email;        /* "" none */
    const char *phone;        /* "" none */
    const char *channel;      /* her stated channel, "" none */
    bool direct_debit;
    bool einvoice_address;    /* a company with an organisation number */
    const char *sale_channel; /* the invoice's, "" unknown */
};

/*
 * Queue m (all but its channel and recipient filled) on the channel
 * core/channel.h chooses, the step's channel first (VINN_CHANNEL_CUSTOMER:
 * none); the recipient is the address or number ("" for the file drops).
 * When nothing but paper would reach a customer who takes no paper, m is
 * written as failed with the rule as its reason (channel "customer"): the
 * call still succeeds. Inside the caller's transaction; errors are the
 * store's, and VINN_E_UNKNOWN_VALUE for a stored channel that does not parse.
 */
VINN_MUST_USE vinn_err vinn_app_message_queue(struct vinn_app *app,
                                              const struct vinn_tenant *tenant,
                                              const struct vinn_app_recipient *to,
                                              enum vinn_channel step, struct vinn_message *m,
                                              struct vinn_error *error);

/* The document of invoice NUMBER (step 0) or the letter of its case's step
 * `step`, drawn onto the book's next pages (formats/pdf.h); *pages gets how
 * many it took. The errors of vinn_app_invoice_pdf and vinn_app_step_pdf;
 * the book is unchanged on failure. */
struct vinn_pdf_book;
VINN_MUST_USE vinn_err vinn_app_document_add(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             const char *number, uint32_t step,
                                             struct vinn_pdf_book *book, size_t *pages,
                                             struct vinn_error *error);

/* libsodium started (api.c), before any of its functions is called. */
VINN_MUST_USE vinn_err vinn_app_sodium_ready(struct vinn_error *error);

/* The step a dunning message was queued by (its idempotency key is
 * "step:<invoice id>:<step>"); 0 for any other message. */
uint32_t vinn_app_message_step(const struct vinn_message *m);

/* The print batch of each day whose letters were sent in the last week,
 * made again when its letters changed (print.c); *made counts those made. */
VINN_MUST_USE vinn_err vinn_app_print_batches(struct vinn_app *app,
                                              const struct vinn_tenant *tenant,
                                              const struct vinn_channels_config *drop,
                                              long long *made, struct vinn_error *error);

/* Texts for people (outbox.c): an amount in the language's form with its
 * code ("1 250,00 NOK"; flags of core/money.h), and a date as people write
 * it (15.03.2026 in nb, da and fi; 2026-03-15 in sv and en; "-" for none). */
void vinn_app_money_text(int64_t amount, const char *currency, enum vinn_lang lang,
                         unsigned flags, char *out, size_t cap);
void vinn_app_date_text(vinn_day day, enum vinn_lang lang, char *out, size_t cap);

/* ---- dunning rules (policy.c) ---- */

struct vinn_dunning_rules;

/* What decides which policy an invoice gets. */
struct vinn_policy_subject {
    enum vinn_customer_kind kind;
    const char *country;  /* the customer's */
    const char *tags;     /* the customer's, comma-separated */
    int64_t gross;        /* the invoice's */
    const char *currency; /* the invoice's */
    const char *name;     /* the case's policy, NULL or "" for a new case */
};

struct vinn_policy_scope {
    enum vinn_country country;
    bool business;
};

/* The tenant's policies and rate tables, loaded once per process and day
 * into app->rules; forget drops them (after a change). */
VINN_MUST_USE vinn_err vinn_app_rules(struct vinn_app *app, const struct vinn_tenant *tenant,
                                      struct vinn_dunning_rules **out, struct vinn_error *error);
void vinn_app_rules_forget(struct vinn_app *app);
/* Before app->rules or app->hooks is used: after vinn_app_refresh, forget
 * both if the store says another connection changed them. */
void vinn_app_fresh(struct vinn_app *app);
/* The policy named (when it still exists), else the first of the tenant's
 * policies by priority that matches, else the built-in default of the
 * customer's country and kind. Never NULL; valid until the rules change. */
const struct vinn_policy *vinn_app_policy_for(struct vinn_dunning_rules *rules,
                                              const struct vinn_policy_subject *subject);
/* The late-interest table of a country and debtor kind: the law's merged with
 * the tenant's own rates (the tenant's win on the same day). */
VINN_MUST_USE vinn_err vinn_app_rates_for(struct vinn_app *app, struct vinn_dunning_rules *rules,
                                          enum vinn_country country, bool business,
                                          const struct vinn_rate_period **rates, size_t *count,
                                          struct vinn_error *error);
bool vinn_app_customer_has_tag(const char *tags, const char *tag);
/* The law of a country and debtor kind on a day, with the tenant's
 * configuration of what is not law (core/law.h). */
VINN_MUST_USE vinn_err vinn_app_law(struct vinn_dunning_rules *rules, enum vinn_country country,
                                    bool business, vinn_day on, struct vinn_law *out,
                                    struct vinn_error *error);
size_t vinn_app_policy_scope(const struct vinn_policy *policy, const struct vinn_tenant *tenant,
                             struct vinn_policy_scope out[2]);
/* Post the late interest an invoice has accrued up to day before a payment
 * is applied to it, so that allocation reaches it: only for a case whose
 * letters charged interest (and not yet with collection). */
VINN_MUST_USE vinn_err vinn_app_case_accrue(struct vinn_app *app,
                                            const struct vinn_tenant *tenant, int64_t invoice_id,
                                            vinn_day day, struct vinn_error *error);
/* The day the run first looks at a new invoice (VINN_NO_DAY for credit notes). */
VINN_MUST_USE vinn_err vinn_app_first_action(struct vinn_app *app,
                                             const struct vinn_tenant *tenant,
                                             const struct vinn_customer *customer,
                                             const struct vinn_invoice *invoice, vinn_day *out,
                                             struct vinn_error *error);

/* ---- the API (api.c) ---- */

void vinn_app_hooks_free(struct vinn_app *app);
/* vinn_app_emit of an invoice's event ("invoice NUMBER", the invoice's JSON
 * without its lines). */
VINN_MUST_USE vinn_err vinn_app_emit_invoice(struct vinn_app *app, const struct vinn_tenant *tenant,
                                             const char *type, const struct vinn_invoice *invoice,
                                             struct vinn_error *error);

#endif
