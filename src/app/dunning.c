/*
 * dunning.c - the day run and the case controls.
 *
 * The run reads only the invoices whose next action is due (the index on
 * invoices.next_action), asks core/dunning what each one's next step is on
 * its step day, and writes the step, its fee, compensation and interest
 * postings, its message or task or hand-over, the case and the new next
 * action together, a batch of invoices per transaction. An invoice's next
 * action moves past today in the same transaction as its steps, so running
 * the day again finds nothing, and a run killed between batches goes on
 * where it stopped.
 */
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "app/json.h"
#include "base/assert.h"
#include "core/alloc.h"
#include "core/calendar.h"
#include "core/country.h"
#include "core/money.h"
#include "core/rounding.h"

enum {
    RUN_BATCH = 2048,        /* invoices per transaction */
    RUN_STEPS_PER_INVOICE = 64, /* a guard: no policy has more steps than this */
    RUN_BUSY_TRIES = 5,      /* a batch that lost a deadlock runs again this often */
};

struct run {
    struct vinn_app *app;
    const struct vinn_tenant *tenant;
    struct vinn_dunning_rules *rules;
    struct vinn_day_summary *sum;
    char key_tag[VINN_POLICY_TAG_MAX + 1];
    char owner[VINN_EMAIL_MAX + 1];
    bool fee_agreed;
    struct vinn_due_invoice *batch;
    size_t batch_count;
};

static vinn_err collect_due(void *ctx, const struct vinn_due_invoice *d)
{
    struct run *r = ctx;
    VINN_ASSERT(r->batch_count < RUN_BATCH);
    r->batch[r->batch_count++] = *d;
    return VINN_OK;
}

static enum vinn_country country_of(const char *code)
{
    enum vinn_country c = VINN_COUNTRY_OTHER;
    return vinn_country_parse(code, &c, NULL) == VINN_OK ? c : VINN_COUNTRY_OTHER;
}

static void case_event(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t invoice_id,
                       vinn_day day, const char *kind, const char *detail, vinn_err *rc,
                       struct vinn_error *error)
{
    if (*rc != VINN_OK) {
        return;
    }
    struct vinn_case_event e;
    memset(&e, 0, sizeof(e));
    e.at_us = app->now_us;
    e.day = day;
    snprintf(e.kind, sizeof(e.kind), "%s", kind);
    snprintf(e.detail, sizeof(e.detail), "%s", detail);
    *rc = vinn_store_case_event(app->store, tenant->id, invoice_id, &e, error);
}

struct parts {
    int64_t owed[VINN_PARTS_COUNT];
};

/* Post a step's fee, compensation and interest on the invoice. */
static vinn_err post_charges(struct run *r, const struct vinn_due_invoice *d,
                             const struct vinn_dunning_action *a, uint32_t seq,
                             struct vinn_error *error)
{
    int64_t fees = a->fee + a->compensation;
    if (fees == 0 && a->interest == 0) {
        return VINN_OK;
    }
    const struct vinn_invoice *inv = &d->invoice;
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv->currency);
    vinn_err rc = vinn_txn_add(&txn, VINN_ACCOUNT_FEES, inv->customer_id, inv->id, fees);
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_FEE_INCOME, 0, 0, -fees);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST, inv->customer_id, inv->id, a->interest);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST_INCOME, 0, 0, -a->interest);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_check(&txn, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    char key[64];
    snprintf(key, sizeof(key), "dun:%lld:%u", (long long)inv->id, seq);
    struct vinn_txn_meta meta = {
        .kind = "dunning",
        .idem_key = key,
        .day = a->day,
        .invoice_id = inv->id,
        .created_at_us = r->app->now_us,
    };
    int64_t txn_id = 0;
    return vinn_store_txn_insert(r->app->store, r->tenant->id, &meta, &txn, &txn_id, error);
}

static vinn_err queue_letter(struct run *r, const struct vinn_due_invoice *d,
                             const struct vinn_dunning_action *a, uint32_t seq,
                             const struct parts *owed, int64_t *message_id,
                             enum vinn_channel *channel, struct vinn_error *error)
{
    struct vinn_message m;
    memset(&m, 0, sizeof(m));
    snprintf(m.idem_key, sizeof(m.idem_key), "step:%lld:%u", (long long)d->invoice.id, seq);
    m.invoice_id = d->invoice.id;
    m.customer_id = d->invoice.customer_id;
    snprintf(m.kind, sizeof(m.kind), "%s", vinn_step_kind_name(a->kind));
    snprintf(m.lang, sizeof(m.lang), "%s", d->lang);
    m.tone = a->tone;
    m.day = a->day;
    m.deadline = a->deadline;
    snprintf(m.currency, sizeof(m.currency), "%s", d->invoice.currency);
    m.principal_minor = owed->owed[VINN_PART_PRINCIPAL];
    m.fees_minor = owed->owed[VINN_PART_FEES];
    m.interest_minor = owed->owed[VINN_PART_INTEREST];
    m.total_minor = a->total_due;
    m.created_at_us = r->app->now_us;
    const struct vinn_app_recipient to = {
        .email = d->email,
        .phone = d->phone,
        .channel = d->channel,
        .direct_debit = d->direct_debit,
        .einvoice_address = d->einvoice_address,
        .sale_channel = d->invoice.sale_channel,
    };
    vinn_err rc = vinn_app_message_queue(r->app, r->tenant, &to, a->channel, &m, error);
    if (rc == VINN_OK) {
        *channel = m.channel;
        *message_id = m.id;
        r->sum->messages++;
    }
    return rc;
}

static vinn_err make_task(struct run *r, const struct vinn_due_invoice *d,
                          const struct vinn_dunning_action *a, struct vinn_error *error)
{
    struct vinn_task t;
    memset(&t, 0, sizeof(t));
    t.invoice_id = d->invoice.id;
    t.customer_id = d->invoice.customer_id;
    t.day = a->day;
    snprintf(t.kind, sizeof(t.kind), "%s", vinn_step_kind_name(a->kind));
    snprintf(t.owner, sizeof(t.owner), "%s", r->owner);
    char due[VINN_DATE_ISO_SIZE];
    vinn_day_format(d->invoice.due_date, due);
    snprintf(t.text, sizeof(t.text),
             "personal follow-up (%s step) with customer %s on invoice %s: %lld %s owed since %s",
             vinn_step_kind_name(a->kind), d->invoice.customer_ext_id, d->invoice.number,
             (long long)a->total_due, d->invoice.currency, due);
    t.created_at_us = r->app->now_us;
    r->sum->tasks++;
    return vinn_store_task_insert(r->app->store, r->tenant->id, &t, error);
}

static void count_step(struct vinn_day_summary *sum, const struct vinn_dunning_action *a)
{
    if (a->task) {
        return; /* counted by make_task */
    }
    switch (a->kind) {
    case VINN_STEP_PREDUE:
        sum->pre_due++;
        break;
    case VINN_STEP_REMINDER:
        sum->reminders++;
        break;
    case VINN_STEP_NOTICE:
        sum->notices++;
        break;
    case VINN_STEP_COLLECTION:
        sum->collections++;
        break;
    case VINN_STEP_TASK:
        break;
    }
}

/* Write one step: postings, letter or task or hand-over, the step row. */
static vinn_err take_step(struct run *r, struct vinn_due_invoice *d,
                          const struct vinn_dunning_action *a, uint32_t seq, struct parts *owed,
                          struct vinn_case_record *rec, struct vinn_error *error)
{
    vinn_err rc = post_charges(r, d, a, seq, error);
    if (rc != VINN_OK) {
        return rc;
    }
    int64_t fees = a->fee + a->compensation;
    owed->owed[VINN_PART_FEES] += fees;
    owed->owed[VINN_PART_INTEREST] += a->interest;
    rec->fees_minor += fees;
    rec->interest_minor += a->interest;
    r->sum->fees_minor += fees;
    r->sum->interest_minor += a->interest;
    d->invoice.outstanding_minor += fees + a->interest; /* written by process() */
    int64_t message_id = 0;
    enum vinn_channel channel = a->channel;
    if (rc == VINN_OK && a->task) {
        rc = make_task(r, d, a, error);
    } else if (rc == VINN_OK && a->kind == VINN_STEP_COLLECTION) {
        rc = vinn_store_handover_insert(r->app->store, r->tenant->id, d->invoice.id, a->day,
                                        d->invoice.currency, owed->owed[VINN_PART_PRINCIPAL],
                                        owed->owed[VINN_PART_FEES],
                                        owed->owed[VINN_PART_INTEREST], r->app->now_us, error);
        rec->state = VINN_CASE_COLLECTION;
    } else if (rc == VINN_OK && vinn_step_kind_is_letter(a->kind)) {
        rc = queue_letter(r, d, a, seq, owed, &message_id, &channel, error);
    }
    count_step(r->sum, a);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_case_step step = {
        .seq = seq,
        .day = a->day,
        .kind = a->kind,
        .task = a->task,
        .fee_minor = a->fee,
        .compensation_minor = a->compensation,
        .interest_minor = a->interest,
        .deadline = a->deadline,
        .tone = a->tone,
        .channel = channel,
        .law = a->law,
        .total_minor = a->total_due,
        .message_id = message_id,
        .run_day = r->app->today,
    };
    rc = vinn_store_case_step_insert(r->app->store, r->tenant->id, d->invoice.id, &step, error);
    const char *type = a->kind == VINN_STEP_COLLECTION ? "collection.handover" : "dunning.step";
    if (rc == VINN_OK && vinn_app_wants(r->app, r->tenant, type)) {
        char object[VINN_AUDIT_OBJECT_MAX + 1];
        snprintf(object, sizeof(object), "invoice %s", d->invoice.number);
        json_t *data = vinn_json_case_step(&step);
        if (data != NULL) {
            json_object_set_new(data, "invoice", json_string(d->invoice.number));
            json_object_set_new(data, "customer", json_string(d->invoice.customer_ext_id));
            json_object_set_new(data, "currency", json_string(d->invoice.currency));
        }
        rc = vinn_app_emit(r->app, r->tenant, type, object, data, error);
    }
    return rc;
}

static vinn_err close_case(struct run *r, struct vinn_due_invoice *d, struct vinn_error *error)
{
    vinn_err rc = vinn_store_invoice_set_next_action(r->app->store, r->tenant->id, d->invoice.id,
                                                     VINN_NO_DAY, error);
    if (rc == VINN_OK && d->has_case &&
        (d->rec.state == VINN_CASE_ACTIVE || d->rec.state == VINN_CASE_PROMISED)) {
        d->rec.state = VINN_CASE_CLOSED;
        d->rec.updated_at_us = r->app->now_us;
        rc = vinn_store_case_put(r->app->store, r->tenant->id, &d->rec, error);
        r->sum->closed++;
    }
    return rc;
}

/* Waive a small balance left after a payment: fees and interest go back
 * out of income, principal left is a (small) credit loss; the invoice is
 * then paid. */
static vinn_err waive(struct run *r, struct vinn_due_invoice *d, struct parts *owed,
                      struct vinn_error *error)
{
    const struct vinn_invoice *inv = &d->invoice;
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv->currency);
    int64_t fees = owed->owed[VINN_PART_FEES];
    int64_t interest = owed->owed[VINN_PART_INTEREST];
    int64_t principal = owed->owed[VINN_PART_PRINCIPAL];
    vinn_err rc = vinn_txn_add(&txn, VINN_ACCOUNT_FEES, inv->customer_id, inv->id, -fees);
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_PRINCIPAL, inv->customer_id, inv->id, -principal);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_LOSS, 0, 0, principal);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_FEE_INCOME, 0, 0, fees);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST, inv->customer_id, inv->id, -interest);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST_INCOME, 0, 0, interest);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_check(&txn, error);
    }
    char key[64];
    snprintf(key, sizeof(key), "waive:%lld", (long long)inv->id);
    struct vinn_txn_meta meta = {
        .kind = "waiver",
        .idem_key = key,
        .day = r->app->today,
        .invoice_id = inv->id,
        .created_at_us = r->app->now_us,
    };
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = vinn_store_txn_insert(r->app->store, r->tenant->id, &meta, &txn, &txn_id, error);
    }
    if (rc == VINN_OK) {
        owed->owed[VINN_PART_FEES] = 0;
        owed->owed[VINN_PART_INTEREST] = 0;
        owed->owed[VINN_PART_PRINCIPAL] = 0;
        d->invoice.outstanding_minor = 0; /* written by process() */
    }
    return rc;
}

/* Decide and act on one invoice until its next action is after today. */
static vinn_err process(struct run *r, struct vinn_due_invoice *d, struct vinn_error *error)
{
    struct vinn_app *app = r->app;
    const struct vinn_invoice *inv = &d->invoice;
    r->sum->invoices_considered++;
    if (inv->status != VINN_STATUS_OPEN || inv->kind != VINN_INVOICE_KIND_INVOICE ||
        (d->has_case && d->rec.state != VINN_CASE_ACTIVE && d->rec.state != VINN_CASE_PROMISED)) {
        return close_case(r, d, error);
    }
    struct vinn_policy_subject subject = {
        .kind = d->customer_kind,
        .country = d->country,
        .tags = d->tags,
        .gross = inv->gross_minor,
        .currency = inv->currency,
        .name = d->has_case ? d->rec.policy : NULL,
    };
    const struct vinn_policy *policy = vinn_app_policy_for(r->rules, &subject);
    struct vinn_case_record rec = d->rec;
    if (!d->has_case) {
        memset(&rec, 0, sizeof(rec));
        rec.invoice_id = inv->id;
        rec.state = VINN_CASE_ACTIVE;
        vinn_case_init(&rec.c);
    }
    snprintf(rec.policy, sizeof(rec.policy), "%s", policy->name);
    enum vinn_country country = country_of(d->country);
    bool business = d->customer_kind == VINN_CUSTOMER_COMPANY;
    const struct vinn_rate_period *rates = NULL;
    size_t rates_count = 0;
    struct parts owed;
    vinn_err rc = vinn_app_rates_for(app, r->rules, country, business, &rates, &rates_count,
                                     error);
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_owed(app->store, r->tenant->id, inv->id, owed.owed, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    bool key_account = r->key_tag[0] != '\0' && vinn_app_customer_has_tag(d->tags, r->key_tag);
    vinn_day day = d->next_action;
    for (int guard = 0; rc == VINN_OK && day != VINN_NO_DAY && day <= app->today; guard++) {
        if (guard == RUN_STEPS_PER_INVOICE) {
            return vinn_fail(error, VINN_E_INTERNAL, "next_action",
                             "invoice '%s': the case does not move on", inv->number);
        }
        struct vinn_law law;
        rc = vinn_app_law(r->rules, country, business, day, &law, error);
        if (rc != VINN_OK) {
            return rc;
        }
        struct vinn_dunning_input in = {
            .policy = policy,
            .law = &law,
            .country = country,
            .business = business,
            .key_account = key_account,
            .fee_agreed = r->fee_agreed,
            .currency = inv->currency,
            .due_date = inv->due_date,
            .gross = inv->gross_minor,
            .principal = owed.owed[VINN_PART_PRINCIPAL],
            .fees = owed.owed[VINN_PART_FEES],
            .interest = owed.owed[VINN_PART_INTEREST],
            .rates = rates,
            .rates_count = rates_count,
            .day = day,
        };
        struct vinn_dunning_action a;
        struct vinn_case next;
        rc = vinn_dunning_decide(&rec.c, &in, &a, &next, error);
        if (rc != VINN_OK) {
            return rc;
        }
        if (rec.c.promise_until != VINN_NO_DAY && next.promise_until == VINN_NO_DAY) {
            rec.state = VINN_CASE_ACTIVE;
            case_event(app, r->tenant, inv->id, day, "promise_broken",
                       "the promised payment did not come: the steps go on", &rc, error);
        }
        uint32_t seq = next.steps_taken;
        rec.c = next;
        if (a.action == VINN_ACTION_STEP) {
            rc = take_step(r, d, &a, seq, &owed, &rec, error);
        } else if (a.action == VINN_ACTION_CLOSE) {
            rec.state = VINN_CASE_CLOSED;
            r->sum->closed++;
            if (a.waive > 0) {
                rc = waive(r, d, &owed, error);
                char detail[96];
                snprintf(detail, sizeof(detail), "%lld %s left after payment waived",
                         (long long)a.waive, inv->currency);
                case_event(app, r->tenant, inv->id, day, "waived", detail, &rc, error);
            }
        }
        if (a.next_action != VINN_NO_DAY && a.next_action <= day) {
            return vinn_fail(error, VINN_E_INTERNAL, "next_action",
                             "invoice '%s': the next action does not move forward", inv->number);
        }
        day = a.next_action;
    }
    rec.updated_at_us = app->now_us;
    if (rc == VINN_OK) {
        rc = vinn_store_case_put(app->store, r->tenant->id, &rec, error);
    }
    if (rc == VINN_OK) {
        /* One write of the invoice: what the steps charged, and the next action. */
        rc = vinn_store_invoice_set_day(app->store, r->tenant->id, inv->id,
                                        d->invoice.outstanding_minor,
                                        vinn_app_invoice_status(inv, d->invoice.outstanding_minor),
                                        day, error);
    }
    return rc;
}

static vinn_err run_settings(struct run *r, struct vinn_error *error)
{
    char agreed[16] = "";
    vinn_err rc = vinn_app_setting_get(r->app, r->tenant, "reminder_fee_agreed", agreed,
                                       sizeof(agreed), error);
    if (rc == VINN_OK) {
        rc = vinn_app_setting_get(r->app, r->tenant, "key_account_tag", r->key_tag,
                                  sizeof(r->key_tag), error);
    }
    if (rc == VINN_OK) {
        rc = vinn_app_setting_get(r->app, r->tenant, "account_owner", r->owner, sizeof(r->owner),
                                  error);
    }
    r->fee_agreed = strcmp(agreed, "yes") == 0;
    return rc;
}

static vinn_err run_tenant(struct vinn_app *app, const struct vinn_tenant *tenant,
                           struct vinn_due_invoice *batch, struct vinn_day_summary *sum,
                           struct vinn_error *error)
{
    struct run r;
    memset(&r, 0, sizeof(r));
    r.app = app;
    r.tenant = tenant;
    r.sum = sum;
    r.batch = batch;
    vinn_err rc = run_settings(&r, error);
    if (rc == VINN_OK) {
        rc = vinn_app_rules(app, tenant, &r.rules, error);
    }
    long long considered = sum->invoices_considered;
    long long steps_before = sum->pre_due + sum->reminders + sum->notices + sum->collections +
                             sum->tasks;
    unsigned busy = 0;
    while (rc == VINN_OK) {
        struct vinn_day_summary before = *sum;
        rc = vinn_store_begin(app->store, error);
        if (rc != VINN_OK) {
            break;
        }
        r.batch_count = 0;
        rc = vinn_store_due_invoices(app->store, tenant->id, app->today, RUN_BATCH, collect_due,
                                     &r, error);
        for (size_t i = 0; rc == VINN_OK && i < r.batch_count; i++) {
            rc = process(&r, &r.batch[i], error);
            if (rc != VINN_OK) {
                vinn_error_prefix_field(error, r.batch[i].invoice.number);
            }
            if (app->progress != NULL && i % 64 == 63) {
                app->progress(app->progress_ctx, "invoices", sum->invoices_considered, 0);
            }
        }
        bool last = r.batch_count < RUN_BATCH;
        if (rc == VINN_OK && last) {
            long long steps = sum->pre_due + sum->reminders + sum->notices + sum->collections +
                              sum->tasks - steps_before;
            rc = vinn_store_day_run_put(app->store, tenant->id, app->today,
                                        sum->invoices_considered - considered, steps, app->now_us,
                                        error);
        }
        rc = vinn_app_txn_end(app, rc, error);
        /* Another connection held what the batch needed while waiting for
         * what the batch held (PostgreSQL ended the deadlock by failing this
         * side; an API writer and a day run take rows in their own orders):
         * nothing of the batch was kept, so it runs again, and now waits
         * its turn. */
        if (rc == VINN_E_STORE_BUSY && busy < RUN_BUSY_TRIES) {
            busy++;
            *sum = before;
            vinn_error_clear(error);
            rc = VINN_OK;
            continue;
        }
        busy = 0;
        if (app->progress != NULL) {
            app->progress(app->progress_ctx, "invoices", sum->invoices_considered, 0);
        }
        if (last) {
            break;
        }
    }
    return rc;
}

struct tenants {
    struct vinn_tenant list[64];
    size_t count;
    bool more;
};

static vinn_err collect_tenant(void *ctx, const struct vinn_tenant *t)
{
    struct tenants *ts = ctx;
    if (ts->count == sizeof(ts->list) / sizeof(ts->list[0])) {
        ts->more = true;
        return VINN_OK;
    }
    ts->list[ts->count++] = *t;
    return VINN_OK;
}

vinn_err vinn_app_day_run(struct vinn_app *app, const struct vinn_tenant *tenant,
                          struct vinn_day_summary *summary, struct vinn_error *error)
{
    memset(summary, 0, sizeof(*summary));
    summary->date = app->today;
    struct vinn_due_invoice *batch = calloc(RUN_BATCH, sizeof(*batch));
    struct tenants *ts = calloc(1, sizeof(*ts));
    vinn_err rc = batch && ts ? VINN_OK : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK && tenant != NULL) {
        ts->list[0] = *tenant;
        ts->count = 1;
    } else if (rc == VINN_OK) {
        rc = vinn_store_tenant_list(app->store, collect_tenant, ts, error);
        if (rc == VINN_OK && ts->more) {
            rc = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "tenant",
                           "more than %zu tenants: run the day per tenant with --tenant",
                           sizeof(ts->list) / sizeof(ts->list[0]));
        }
    }
    for (size_t i = 0; rc == VINN_OK && i < ts->count; i++) {
        rc = run_tenant(app, &ts->list[i], batch, summary, error);
        summary->tenants++;
    }
    free(batch);
    free(ts);
    return rc;
}

vinn_err vinn_app_day_run_worker(struct vinn_app *app, const char *worker, int64_t lease_s,
                                 struct vinn_day_summary *summary, struct vinn_error *error)
{
    memset(summary, 0, sizeof(*summary));
    summary->date = app->today;
    struct vinn_due_invoice *batch = calloc(RUN_BATCH, sizeof(*batch));
    if (batch == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = VINN_OK;
    for (;;) {
        struct vinn_tenant t;
        bool found = false;
        rc = vinn_store_begin(app->store, error);
        if (rc == VINN_OK) {
            rc = vinn_app_txn_end(app,
                                  vinn_store_tenant_claim(app->store, app->today, worker,
                                                          app->now_us, lease_s * 1000000, &t,
                                                          &found, error),
                                  error);
        }
        if (rc != VINN_OK || !found) {
            break;
        }
        rc = run_tenant(app, &t, batch, summary, error);
        summary->tenants++;
        if (rc == VINN_OK) {
            rc = vinn_store_begin(app->store, error);
        }
        if (rc == VINN_OK) {
            rc = vinn_app_txn_end(app,
                                  vinn_store_tenant_claim_finish(app->store, t.id, app->today,
                                                                 app->now_us, error),
                                  error);
        }
        if (rc != VINN_OK) {
            break;
        }
    }
    free(batch);
    return rc;
}

/* ---- interest when a payment arrives -------------------------------------- */

vinn_err vinn_app_case_accrue(struct vinn_app *app, const struct vinn_tenant *tenant,
                              int64_t invoice_id, vinn_day day, struct vinn_error *error)
{
    struct vinn_case_record rec;
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    vinn_err rc = vinn_store_case_get(app->store, tenant->id, invoice_id, &rec, &quiet);
    if (rc == VINN_E_NOT_FOUND) {
        return VINN_OK;
    }
    if (rc != VINN_OK) {
        *error = quiet;
        return rc;
    }
    /* Interest runs on once a letter charged it, until the agency has it. */
    if (rec.interest_minor <= 0 || rec.state == VINN_CASE_COLLECTION ||
        rec.state == VINN_CASE_WRITTEN_OFF || rec.state == VINN_CASE_CLOSED) {
        return VINN_OK;
    }
    struct vinn_invoice inv;
    struct vinn_customer cust;
    int64_t owed[VINN_PARTS_COUNT];
    struct vinn_dunning_rules *rules = NULL;
    rc = vinn_store_invoice_get_by_id(app->store, tenant->id, invoice_id, &inv, error);
    if (rc == VINN_OK) {
        rc = vinn_store_customer_get_by_id(app->store, tenant->id, inv.customer_id, &cust, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_owed(app->store, tenant->id, invoice_id, owed, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_app_rules(app, tenant, &rules, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_policy_subject subject = {cust.kind, cust.country, cust.tags, inv.gross_minor,
                                          inv.currency, rec.policy};
    const struct vinn_policy *policy = vinn_app_policy_for(rules, &subject);
    enum vinn_country country = country_of(cust.country);
    bool business = cust.kind == VINN_CUSTOMER_COMPANY;
    const struct vinn_rate_period *rates = NULL;
    size_t count = 0;
    rc = vinn_app_rates_for(app, rules, country, business, &rates, &count, error);
    vinn_day from = rec.c.interest_through != VINN_NO_DAY && rec.c.interest_through > inv.due_date
                        ? rec.c.interest_through
                        : inv.due_date;
    if (rc != VINN_OK || !policy->interest || count == 0 || owed[VINN_PART_PRINCIPAL] <= 0 ||
        day <= from) {
        return rc;
    }
    if (from < rates[0].from - 1) {
        from = rates[0].from - 1;
    }
    int64_t interest = 0;
    rc = vinn_interest_compute(owed[VINN_PART_PRINCIPAL], from, day, rates, count,
                               VINN_ROUND_HALF_UP, &interest, error);
    if (rc != VINN_OK || interest == 0) {
        return rc;
    }
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv.currency);
    rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST, inv.customer_id, inv.id, interest);
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_INTEREST_INCOME, 0, 0, -interest);
    }
    char key[64];
    snprintf(key, sizeof(key), "interest:%lld:%d", (long long)inv.id, (int)day);
    struct vinn_txn_meta meta = {"interest", key, day, inv.id, app->now_us};
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = vinn_store_txn_insert(app->store, tenant->id, &meta, &txn, &txn_id, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_set_balance(app->store, tenant->id, inv.id,
                                            inv.outstanding_minor + interest, inv.credited_minor,
                                            VINN_STATUS_OPEN, error);
    }
    if (rc == VINN_OK) {
        rec.c.interest_through = day;
        rec.interest_minor += interest;
        rec.updated_at_us = app->now_us;
        rc = vinn_store_case_put(app->store, tenant->id, &rec, error);
    }
    return rc;
}

/* ---- the first action of a new invoice ----------------------------------- */

vinn_err vinn_app_first_action(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_customer *customer,
                               const struct vinn_invoice *invoice, vinn_day *out,
                               struct vinn_error *error)
{
    if (invoice->kind != VINN_INVOICE_KIND_INVOICE || invoice->outstanding_minor <= 0) {
        *out = VINN_NO_DAY;
        return VINN_OK;
    }
    struct vinn_dunning_rules *rules = NULL;
    vinn_err rc = vinn_app_rules(app, tenant, &rules, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_policy_subject subject = {
        .kind = customer->kind,
        .country = customer->country,
        .tags = customer->tags,
        .gross = invoice->gross_minor,
        .currency = invoice->currency,
        .name = NULL,
    };
    const struct vinn_policy *policy = vinn_app_policy_for(rules, &subject);
    *out = vinn_dunning_first_day(policy, country_of(customer->country), invoice->due_date);
    return VINN_OK;
}

/* ---- cases --------------------------------------------------------------- */

struct case_ctx {
    struct vinn_app *app;
    const struct vinn_tenant *tenant;
    struct vinn_invoice invoice;
    struct vinn_customer customer;
    struct vinn_case_record rec;
    bool has_case;
    const struct vinn_policy *policy;
};

/* Load an invoice and its case (or a new one with the policy it gets). */
static vinn_err case_load(struct case_ctx *k, struct vinn_app *app,
                          const struct vinn_tenant *tenant, const char *number,
                          struct vinn_error *error)
{
    memset(k, 0, sizeof(*k));
    k->app = app;
    k->tenant = tenant;
    vinn_err rc = vinn_store_invoice_get(app->store, tenant->id, number, &k->invoice, error);
    if (rc == VINN_OK) {
        rc = vinn_store_customer_get_by_id(app->store, tenant->id, k->invoice.customer_id,
                                           &k->customer, error);
    }
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    if (rc == VINN_OK) {
        vinn_err got = vinn_store_case_get(app->store, tenant->id, k->invoice.id, &k->rec, &quiet);
        if (got == VINN_OK) {
            k->has_case = true;
        } else if (got != VINN_E_NOT_FOUND) {
            *error = quiet;
            rc = got;
        }
    }
    struct vinn_dunning_rules *rules = NULL;
    if (rc == VINN_OK) {
        rc = vinn_app_rules(app, tenant, &rules, error);
    }
    if (rc == VINN_OK) {
        struct vinn_policy_subject subject = {
            .kind = k->customer.kind,
            .country = k->customer.country,
            .tags = k->customer.tags,
            .gross = k->invoice.gross_minor,
            .currency = k->invoice.currency,
            .name = k->has_case ? k->rec.policy : NULL,
        };
        k->policy = vinn_app_policy_for(rules, &subject);
        if (!k->has_case) {
            k->rec.invoice_id = k->invoice.id;
            k->rec.state = VINN_CASE_ACTIVE;
            vinn_case_init(&k->rec.c);
            snprintf(k->rec.policy, sizeof(k->rec.policy), "%s", k->policy->name);
        }
    }
    return rc;
}

static vinn_err must_be_open(const struct case_ctx *k, struct vinn_error *error)
{
    if (k->invoice.kind != VINN_INVOICE_KIND_INVOICE || k->invoice.status != VINN_STATUS_OPEN) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_OPEN, "invoice",
                         "invoice '%s' is %s: there is no case to act on", k->invoice.number,
                         vinn_invoice_status_name(k->invoice.status));
    }
    if (k->rec.state == VINN_CASE_COLLECTION || k->rec.state == VINN_CASE_WRITTEN_OFF) {
        return vinn_fail(error, VINN_E_CASE_STATE, "invoice", "invoice '%s' is %s",
                         k->invoice.number,
                         k->rec.state == VINN_CASE_COLLECTION ? "with collection"
                                                              : "written off");
    }
    return VINN_OK;
}

/* Steps fall on business days of the debtor's country. */
static vinn_day business_day_from(const struct case_ctx *k, vinn_day day)
{
    vinn_day out = day;
    if (vinn_calendar_adjust_forward(country_of(k->customer.country), day, &out) != VINN_OK) {
        out = day;
    }
    return out;
}

static vinn_err case_save(struct case_ctx *k, vinn_day next_action, const char *event,
                          const char *detail, struct vinn_error *error)
{
    k->rec.updated_at_us = k->app->now_us;
    vinn_err rc = vinn_store_case_put(k->app->store, k->tenant->id, &k->rec, error);
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_set_next_action(k->app->store, k->tenant->id, k->invoice.id,
                                                next_action, error);
    }
    case_event(k->app, k->tenant, k->invoice.id, k->app->today, event, detail, &rc, error);
    return rc;
}

static vinn_err in_txn(struct vinn_app *app, vinn_err (*fn)(struct case_ctx *k, const void *arg,
                                                            struct vinn_error *error),
                       const struct vinn_tenant *tenant, const char *number, const void *arg,
                       struct vinn_error *error)
{
    struct case_ctx k;
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = case_load(&k, app, tenant, number, error);
    if (rc == VINN_OK) {
        rc = fn(&k, arg, error);
    }
    return vinn_app_txn_end(app, rc, error);
}

static vinn_err do_pause(struct case_ctx *k, const void *arg, struct vinn_error *error)
{
    const char *reason = arg;
    vinn_err rc = must_be_open(k, error);
    if (rc == VINN_OK && k->rec.state == VINN_CASE_PAUSED) {
        rc = vinn_fail(error, VINN_E_CASE_STATE, "invoice", "invoice '%s' is paused already",
                       k->invoice.number);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    k->rec.state = VINN_CASE_PAUSED;
    k->rec.c.paused = true;
    snprintf(k->rec.pause_reason, sizeof(k->rec.pause_reason), "%s", reason);
    return case_save(k, VINN_NO_DAY, "paused", reason, error);
}

vinn_err vinn_app_case_pause(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *number, const char *reason, struct vinn_error *error)
{
    if (reason == NULL || reason[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "reason",
                         "'reason' is required: why the steps stop (dispute, ...)");
    }
    if (strlen(reason) > 60) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "reason",
                         "'reason' is longer than 60 characters");
    }
    return in_txn(app, do_pause, tenant, number, reason, error);
}

static vinn_err do_resume(struct case_ctx *k, const void *arg, struct vinn_error *error)
{
    (void)arg;
    vinn_err rc = must_be_open(k, error);
    if (rc == VINN_OK && k->rec.state != VINN_CASE_PAUSED && k->rec.state != VINN_CASE_PROMISED) {
        rc = vinn_fail(error, VINN_E_CASE_STATE, "invoice",
                       "invoice '%s' is neither paused nor promised", k->invoice.number);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    k->rec.state = VINN_CASE_ACTIVE;
    k->rec.c.paused = false;
    k->rec.c.promise_until = VINN_NO_DAY;
    k->rec.pause_reason[0] = '\0';
    return case_save(k, business_day_from(k, k->app->today), "resumed",
                     "the steps go on from today", error);
}

vinn_err vinn_app_case_resume(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, struct vinn_error *error)
{
    return in_txn(app, do_resume, tenant, number, NULL, error);
}

static vinn_err do_promise(struct case_ctx *k, const void *arg, struct vinn_error *error)
{
    vinn_day until = *(const vinn_day *)arg;
    vinn_err rc = must_be_open(k, error);
    if (rc != VINN_OK) {
        return rc;
    }
    k->rec.state = VINN_CASE_PROMISED;
    k->rec.c.paused = false;
    k->rec.c.promise_until = until;
    k->rec.pause_reason[0] = '\0';
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(until, iso);
    char detail[96];
    snprintf(detail, sizeof(detail), "promised to pay by %s (grace %d days)", iso,
             k->policy->promise_grace_days);
    return case_save(k, business_day_from(k, until + k->policy->promise_grace_days + 1),
                     "promised", detail, error);
}

vinn_err vinn_app_case_promise(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const char *number, vinn_day until, struct vinn_error *error)
{
    if (until < app->today || until > app->today + 366) {
        return vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, "until",
                         "'until' must be from today up to a year ahead");
    }
    return in_txn(app, do_promise, tenant, number, &until, error);
}

struct writeoff_arg {
    int64_t *amount;
};

static vinn_err do_writeoff(struct case_ctx *k, const void *arg, struct vinn_error *error)
{
    const struct writeoff_arg *w = arg;
    if (k->invoice.kind != VINN_INVOICE_KIND_INVOICE || k->invoice.status != VINN_STATUS_OPEN) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_OPEN, "invoice",
                         "invoice '%s' is %s: nothing to write off", k->invoice.number,
                         vinn_invoice_status_name(k->invoice.status));
    }
    int64_t owed[VINN_PARTS_COUNT];
    vinn_err rc =
        vinn_store_invoice_owed(k->app->store, k->tenant->id, k->invoice.id, owed, error);
    if (rc != VINN_OK) {
        return rc;
    }
    static const enum vinn_account_kind kinds[VINN_PARTS_COUNT] = {
        [VINN_PART_FEES] = VINN_ACCOUNT_FEES,
        [VINN_PART_INTEREST] = VINN_ACCOUNT_INTEREST,
        [VINN_PART_PRINCIPAL] = VINN_ACCOUNT_PRINCIPAL,
    };
    struct vinn_txn txn;
    vinn_txn_init(&txn, k->invoice.currency);
    int64_t total = 0;
    for (int i = 0; rc == VINN_OK && i < VINN_PARTS_COUNT; i++) {
        rc = vinn_txn_add(&txn, kinds[i], k->invoice.customer_id, k->invoice.id, -owed[i]);
        if (rc == VINN_OK && vinn_money_add(total, owed[i], &total) != VINN_OK) {
            rc = vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "amount", "the amount overflows");
        }
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_LOSS, 0, 0, total);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_check(&txn, error);
    }
    char key[64];
    snprintf(key, sizeof(key), "writeoff:%lld", (long long)k->invoice.id);
    struct vinn_txn_meta meta = {
        .kind = "writeoff",
        .idem_key = key,
        .day = k->app->today,
        .invoice_id = k->invoice.id,
        .created_at_us = k->app->now_us,
    };
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = vinn_store_txn_insert(k->app->store, k->tenant->id, &meta, &txn, &txn_id, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_set_balance(k->app->store, k->tenant->id, k->invoice.id, 0,
                                            k->invoice.credited_minor, VINN_STATUS_WRITTEN_OFF,
                                            error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    k->rec.state = VINN_CASE_WRITTEN_OFF;
    char detail[96];
    snprintf(detail, sizeof(detail), "%lld %s posted as a loss", (long long)total,
             k->invoice.currency);
    *w->amount = total;
    rc = case_save(k, VINN_NO_DAY, "written_off", detail, error);
    if (rc == VINN_OK && vinn_app_wants(k->app, k->tenant, "invoice.written_off")) {
        struct vinn_invoice inv = k->invoice;
        inv.outstanding_minor = 0;
        inv.status = VINN_STATUS_WRITTEN_OFF;
        rc = vinn_app_emit_invoice(k->app, k->tenant, "invoice.written_off", &inv, error);
    }
    return rc;
}

vinn_err vinn_app_case_writeoff(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const char *number, int64_t *amount, struct vinn_error *error)
{
    struct writeoff_arg w = {amount};
    return in_txn(app, do_writeoff, tenant, number, &w, error);
}

static vinn_err view_step(void *ctx, const struct vinn_case_step *step)
{
    struct vinn_case_view *v = ctx;
    if (v->steps_count < sizeof(v->steps) / sizeof(v->steps[0])) {
        v->steps[v->steps_count++] = *step;
    }
    return VINN_OK;
}

static vinn_err view_event(void *ctx, const struct vinn_case_event *event)
{
    struct vinn_case_view *v = ctx;
    if (v->events_count < sizeof(v->events) / sizeof(v->events[0])) {
        v->events[v->events_count++] = *event;
    }
    return VINN_OK;
}

vinn_err vinn_app_case_show(struct vinn_app *app, const struct vinn_tenant *tenant,
                            const char *number, struct vinn_case_view *out,
                            struct vinn_error *error)
{
    struct case_ctx k;
    memset(out, 0, sizeof(*out));
    vinn_err rc = case_load(&k, app, tenant, number, error);
    if (rc != VINN_OK) {
        return rc;
    }
    out->invoice = k.invoice;
    out->has_case = k.has_case;
    out->rec = k.rec;
    snprintf(out->policy, sizeof(out->policy), "%s", k.policy->name);
    out->next_action = k.invoice.next_action;
    rc = vinn_store_case_steps(app->store, tenant->id, k.invoice.id, view_step, out, error);
    if (rc == VINN_OK) {
        rc = vinn_store_case_events(app->store, tenant->id, k.invoice.id, view_event, out, error);
    }
    return rc;
}

vinn_err vinn_app_collection_export(struct vinn_app *app, const struct vinn_tenant *tenant,
                                    vinn_day day, vinn_handover_fn fn, void *ctx,
                                    struct vinn_error *error)
{
    return vinn_store_handovers(app->store, tenant->id, day, fn, ctx, error);
}

vinn_err vinn_app_messages(struct vinn_app *app, const struct vinn_tenant *tenant,
                           int64_t invoice_id, int64_t after_id, uint32_t limit,
                           vinn_message_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_messages(app->store, tenant->id, invoice_id, after_id, limit, fn, ctx,
                               error);
}

vinn_err vinn_app_tasks(struct vinn_app *app, const struct vinn_tenant *tenant, int64_t after_id,
                        uint32_t limit, vinn_task_fn fn, void *ctx, struct vinn_error *error)
{
    return vinn_store_tasks(app->store, tenant->id, 0, after_id, limit, fn, ctx, error);
}
