/*
 * simulate.c - days in order over the database: customers pay as the
 * behaviour model says (core/behaviour.h), their payments come in as a bank
 * file through the real import, and the day runs. What a policy change
 * would do to a book is told by running it here on a copy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "base/assert.h"
#include "core/behaviour.h"

struct planned {
    int64_t invoice_id;
    int64_t customer_id;
    vinn_day due_date;
    enum vinn_payer payer;
    vinn_day pay_day; /* VINN_NO_DAY: not (yet) */
    char reference[VINN_REFERENCE_MAX + 1];
};

struct sim {
    struct vinn_app *app;
    const struct vinn_tenant *tenant;
    uint64_t seed;
    struct planned *items;
    size_t count;
    size_t cap;
    char last_number[VINN_INVOICE_NUMBER_MAX + 1];
    size_t page;
    struct vinn_sim_summary *sum;
};

static vinn_err plan_one(void *ctx, const struct vinn_invoice *inv)
{
    struct sim *s = ctx;
    s->page++;
    snprintf(s->last_number, sizeof(s->last_number), "%s", inv->number);
    if (inv->kind != VINN_INVOICE_KIND_INVOICE || inv->status != VINN_STATUS_OPEN) {
        return VINN_OK;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        struct planned *items = realloc(s->items, cap * sizeof(*items));
        if (items == NULL) {
            return vinn_fail(NULL, VINN_E_NO_MEMORY, "", "out of memory");
        }
        s->items = items;
        s->cap = cap;
    }
    struct planned *p = &s->items[s->count++];
    memset(p, 0, sizeof(*p));
    p->invoice_id = inv->id;
    p->customer_id = inv->customer_id;
    p->due_date = inv->due_date;
    p->payer = vinn_behaviour_payer(s->seed, inv->customer_id);
    p->pay_day = VINN_NO_DAY;
    if (p->payer == VINN_PAYER_ON_TIME || p->payer == VINN_PAYER_LATE) {
        p->pay_day = inv->due_date + vinn_behaviour_delay(s->seed, inv->id, p->payer);
        if (p->pay_day < inv->issue_date) {
            p->pay_day = inv->issue_date;
        }
    }
    snprintf(p->reference, sizeof(p->reference), "%s", inv->reference);
    return VINN_OK;
}

static vinn_err load(struct sim *s, struct vinn_error *error)
{
    struct vinn_invoice_filter f;
    memset(&f, 0, sizeof(f));
    f.has_status = true;
    f.status = VINN_STATUS_OPEN;
    f.limit = VINN_PAGE_MAX;
    vinn_err rc = VINN_OK;
    do {
        s->page = 0;
        snprintf(f.after_number, sizeof(f.after_number), "%s", s->last_number);
        rc = vinn_store_invoice_list(s->app->store, s->tenant->id, &f, plan_one, s, error);
    } while (rc == VINN_OK && s->page == VINN_PAGE_MAX);
    return rc;
}

/* The invoices whose customers pay after a reminder learn of it here. */
struct reminded {
    struct sim *s;
    int64_t last_id;
};

static vinn_err on_message(void *ctx, const struct vinn_message *m)
{
    struct reminded *r = ctx;
    r->last_id = m->id;
    if (strcmp(m->kind, "reminder") != 0 && strcmp(m->kind, "notice") != 0) {
        return VINN_OK;
    }
    for (size_t i = 0; i < r->s->count; i++) {
        struct planned *p = &r->s->items[i];
        if (p->invoice_id == m->invoice_id && p->payer == VINN_PAYER_AFTER_REMINDER &&
            p->pay_day == VINN_NO_DAY) {
            p->pay_day = m->day + vinn_behaviour_delay(r->s->seed, p->invoice_id, p->payer);
        }
    }
    return VINN_OK;
}

/* Today's payments as a bank CSV, imported like any bank file. */
static vinn_err pay_day(struct sim *s, vinn_day day, struct vinn_error *error)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (fp == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(day, iso);
    fprintf(fp, "date;amount;currency;reference;bank_reference\n");
    long long lines = 0;
    vinn_err rc = VINN_OK;
    for (size_t i = 0; i < s->count && rc == VINN_OK; i++) {
        struct planned *p = &s->items[i];
        if (p->pay_day != day) {
            continue;
        }
        struct vinn_invoice inv;
        rc = vinn_store_invoice_get_by_id(s->app->store, s->tenant->id, p->invoice_id, &inv,
                                          error);
        if (rc != VINN_OK || inv.status != VINN_STATUS_OPEN || inv.outstanding_minor <= 0) {
            continue;
        }
        fprintf(fp, "%s;%lld.%02lld;%s;%s;SIM-%lld-%s\n", iso,
                (long long)(inv.outstanding_minor / 100), (long long)(inv.outstanding_minor % 100),
                inv.currency, p->reference, (long long)p->invoice_id, iso);
        lines++;
        s->sum->payments++;
        s->sum->paid_minor += inv.outstanding_minor;
        if (day <= inv.due_date) {
            s->sum->paid_on_time++;
        }
    }
    fclose(fp);
    if (rc == VINN_OK && lines > 0) {
        FILE *in = fmemopen(text, size, "r");
        struct vinn_payments_summary ps;
        rc = in != NULL ? vinn_app_payments_import(s->app, s->tenant, in, "simulated bank file",
                                                   VINN_BANK_CSV, &ps, error)
                        : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
        if (in != NULL) {
            fclose(in);
        }
    }
    free(text);
    return rc;
}

static void add_day(struct vinn_day_summary *to, const struct vinn_day_summary *d)
{
    to->invoices_considered += d->invoices_considered;
    to->pre_due += d->pre_due;
    to->reminders += d->reminders;
    to->notices += d->notices;
    to->collections += d->collections;
    to->tasks += d->tasks;
    to->messages += d->messages;
    to->closed += d->closed;
    to->fees_minor += d->fees_minor;
    to->interest_minor += d->interest_minor;
}

vinn_err vinn_app_simulate(struct vinn_app *app, const struct vinn_tenant *tenant, vinn_day from,
                           vinn_day to, uint64_t seed, struct vinn_sim_summary *out,
                           struct vinn_error *error)
{
    if (to < from || to - from > 3660) {
        return vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, "to",
                         "'to' must be on or after 'from', at most ten years later");
    }
    memset(out, 0, sizeof(*out));
    out->from = from;
    out->to = to;
    struct sim s;
    memset(&s, 0, sizeof(s));
    s.app = app;
    s.tenant = tenant;
    s.seed = seed;
    s.sum = out;
    vinn_day saved = app->today;
    vinn_progress_fn progress = app->progress;
    app->progress = NULL;
    vinn_err rc = load(&s, error);
    out->invoices = (long long)s.count;
    struct reminded r = {&s, 0};
    for (vinn_day day = from; rc == VINN_OK && day <= to; day++) {
        app->today = day;
        rc = pay_day(&s, day, error);
        struct vinn_day_summary ds;
        if (rc == VINN_OK) {
            rc = vinn_app_day_run(app, tenant, &ds, error);
        }
        if (rc == VINN_OK) {
            add_day(&out->day, &ds);
            rc = vinn_app_messages(app, tenant, 0, r.last_id, VINN_PAGE_MAX, on_message, &r,
                                   error);
        }
        out->days++;
        if (progress != NULL) {
            progress(app->progress_ctx, "days", out->days, to - from + 1);
        }
    }
    struct vinn_tenant_stats stats;
    if (rc == VINN_OK) {
        rc = vinn_store_tenant_stats(app->store, tenant, app->today, &stats, error);
        out->open_end = stats.open;
        out->outstanding_end_minor = stats.outstanding_minor;
    }
    app->today = saved;
    app->progress = progress;
    vinn_app_rules_forget(app);
    free(s.items);
    return rc;
}
