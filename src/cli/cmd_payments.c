/* cmd_payments.c - bank files in, the unmatched queue, assignments, refunds;
 * and the tenant's settings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "cli/cli.h"
#include "core/match.h"
#include "core/money.h"

static int payment_id_arg(struct cli *cli, const char *cmd, const char *text, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v <= 0) {
        return cli_usage(cli, cmd, "payment id '%s' must be a positive whole number", text);
    }
    *out = v;
    return 0;
}

int cmd_payments_import(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("format")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "payments import", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "payments import",
                       "give the bank FILE to import ('-' for standard input)");
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_bank_format format = VINN_BANK_AUTO;
    if (rc == 0 && o[0].value != NULL &&
        vinn_bank_format_parse(o[0].value, &format, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    bool std_in = strcmp(pos[0], "-") == 0;
    FILE *fp = std_in ? stdin : fopen(pos[0], "rb");
    if (fp == NULL) {
        vinn_fail(&e, errno == ENOENT ? VINN_E_FILE_NOT_FOUND : VINN_E_IO, "file",
                  "cannot open '%s': %s", pos[0], strerror(errno));
        return cli_fail(cli, &e);
    }
    const char *name = std_in ? "stdin" : pos[0];
    struct vinn_payments_summary s;
    vinn_err err = vinn_app_payments_import(&cli->app, &t, fp, name, format, &s, &e);
    if (!std_in) {
        fclose(fp);
    }
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack(
            "{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "file", name,
            "format", s.format, "import", (json_int_t)s.import_id, "entries", (json_int_t)s.entries,
            "new", (json_int_t)s.new_entries, "duplicates", (json_int_t)s.duplicates, "matched",
            (json_int_t)s.matched, "partial", (json_int_t)s.partial, "overpaid",
            (json_int_t)s.overpaid, "unmatched", (json_int_t)s.unmatched, "reversals",
            (json_int_t)s.reversals, "skipped", (json_int_t)s.skipped, "amount",
            (json_int_t)s.amount_minor, "currency", s.currency));
    }
    char m[96];
    cli_tenant_amount(&t, s.currency, s.amount_minor, m, sizeof(m));
    printf("%s (%s): %lld entries, %lld new, %lld already imported\n", name, s.format, s.entries,
           s.new_entries, s.duplicates);
    printf("  matched %lld, partly paid %lld, overpaid %lld, unmatched %lld, reversals %lld, "
           "outgoing skipped %lld\n",
           s.matched, s.partial, s.overpaid, s.unmatched, s.reversals, s.skipped);
    printf("  new money in: %s\n", m);
    if (s.unmatched > 0) {
        printf("  see the queue: vinn payments list --unmatched\n");
    }
    return 0;
}

struct list_run {
    const struct vinn_tenant *tenant;
    json_t *list;
    long long count;
};

static vinn_err list_row(void *ctx, const struct vinn_payment *p)
{
    struct list_run *run = ctx;
    run->count++;
    if (run->list != NULL) {
        json_array_append_new(run->list, vinn_json_payment(p));
        return VINN_OK;
    }
    char m[96];
    cli_tenant_amount(run->tenant, p->currency, p->amount_minor, m, sizeof(m));
    char day[VINN_DATE_ISO_SIZE] = "";
    if (p->booking_date != 0) {
        vinn_day_format(p->booking_date, day);
    }
    printf("%6lld  %-10s %-9s %20s  %-10s %-16s %-24.24s %s\n", (long long)p->id, day,
           vinn_payment_status_name(p->status), m,
           vinn_match_method_name((enum vinn_match_method)p->method),
           p->customer_ext_id[0] ? p->customer_ext_id : "-", p->payer_name[0] ? p->payer_name : "-",
           p->reference[0] ? p->reference : p->message);
    return VINN_OK;
}

/* The filter of `payments list` from its options; 0 or an exit code. */
static int list_filter(struct cli *cli, const struct cli_opt *o, int n, const struct vinn_tenant *t,
                       struct vinn_payment_filter *f)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    f->unmatched_only = cli_flag(o, n, "unmatched");
    f->limit = VINN_PAGE_DEFAULT;
    const char *status = cli_opt(o, n, "status");
    if (status != NULL) {
        if (vinn_payment_status_parse(status, &f->status, &e) != VINN_OK) {
            return cli_fail(cli, &e);
        }
        f->has_status = true;
        f->unmatched_only = f->unmatched_only || f->status == VINN_PAY_UNMATCHED;
    }
    const char *customer = cli_opt(o, n, "customer");
    if (customer != NULL) {
        struct vinn_customer c;
        if (vinn_app_customer_get(&cli->app, t, customer, &c, &e) != VINN_OK) {
            return cli_fail(cli, &e);
        }
        f->customer_id = c.id;
        if (f->unmatched_only) { /* the queue, filtered like the list */
            f->has_status = true;
            f->status = VINN_PAY_UNMATCHED;
            f->unmatched_only = false;
        }
    }
    int rc = 0;
    const char *after = cli_opt(o, n, "after");
    if (after != NULL) {
        rc = payment_id_arg(cli, "payments list", after, &f->after_id);
    }
    int64_t limit = VINN_PAGE_DEFAULT;
    const char *limit_text = cli_opt(o, n, "limit");
    if (rc == 0 && limit_text != NULL) {
        rc = payment_id_arg(cli, "payments list", limit_text, &limit);
        if (rc == 0 && limit > VINN_PAGE_MAX) {
            rc = cli_usage(cli, "payments list", "--limit %lld exceeds %d", (long long)limit,
                           (int)VINN_PAGE_MAX);
        }
    }
    f->limit = (uint32_t)limit;
    return rc;
}

int cmd_payments_list(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_FLAG("unmatched"), CLI_OPT("status"), CLI_OPT("customer"),
                          CLI_OPT("after"), CLI_OPT("limit")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "payments list", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    struct vinn_payment_filter f;
    memset(&f, 0, sizeof(f));
    if (rc == 0) {
        rc = list_filter(cli, o, CLI_OPTS_N(o), &t, &f);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct list_run run = {&t, cli->json ? json_array() : NULL, 0};
    if (vinn_app_payment_list(&cli->app, &t, &f, list_row, &run, &e) != VINN_OK) {
        json_decref(run.list);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:o}", "payments", run.list));
    }
    if (run.count == 0) {
        printf(f.unmatched_only ? "the unmatched queue is empty\n" : "no payments\n");
    }
    return 0;
}

/* What the rows of one payment are printed into: a JSON list, or the
 * terminal in the tenant's language. */
struct show_rows {
    json_t *list;
    const struct vinn_tenant *tenant;
    const struct vinn_payment *payment;
    int count;
};

static vinn_err alloc_row(void *ctx, const struct vinn_payment_allocation *a)
{
    struct show_rows *rows = ctx;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_allocation(a));
        return VINN_OK;
    }
    const char *cur = rows->payment->currency;
    char total[96];
    char fees[96];
    char interest[96];
    char principal[96];
    cli_tenant_amount(rows->tenant, cur, a->fees_minor + a->interest_minor + a->principal_minor, total,
                sizeof(total));
    cli_tenant_money(rows->tenant, cur, a->fees_minor, fees, sizeof(fees));
    cli_tenant_money(rows->tenant, cur, a->interest_minor, interest, sizeof(interest));
    cli_tenant_money(rows->tenant, cur, a->principal_minor, principal, sizeof(principal));
    printf("%-12s %-16s %s (fees %s, interest %s, principal %s)\n",
           rows->count++ == 0 ? "paid" : "", a->invoice_number, total, fees, interest, principal);
    return VINN_OK;
}

static vinn_err event_row(void *ctx, const struct vinn_payment_event *ev)
{
    struct show_rows *rows = ctx;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_payment_event(ev));
        return VINN_OK;
    }
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(ev->day, day);
    printf("%-12s %s %-9s %s\n", rows->count++ == 0 ? "history" : "", day, ev->kind, ev->detail);
    return VINN_OK;
}

static int payment_json(struct cli *cli, const struct vinn_tenant *t, const struct vinn_payment *p)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    json_t *o = vinn_json_payment(p);
    struct show_rows allocs = {json_array(), t, p, 0};
    struct show_rows events = {json_array(), t, p, 0};
    if (vinn_app_payment_allocations(&cli->app, t, p->id, alloc_row, &allocs, &e) != VINN_OK ||
        vinn_app_payment_events(&cli->app, t, p->id, event_row, &events, &e) != VINN_OK) {
        json_decref(o);
        json_decref(allocs.list);
        json_decref(events.list);
        return cli_fail(cli, &e);
    }
    json_object_set_new(o, "allocations", allocs.list);
    json_object_set_new(o, "events", events.list);
    return cli_print_json(o);
}

static int payment_output(struct cli *cli, const struct vinn_tenant *t,
                          const struct vinn_payment *p)
{
    if (cli->json) {
        return payment_json(cli, t, p);
    }
    char m[96];
    cli_tenant_amount(t, p->currency, p->amount_minor, m, sizeof(m));
    char day[VINN_DATE_ISO_SIZE] = "-";
    if (p->booking_date != 0) {
        vinn_day_format(p->booking_date, day);
    }
    printf("payment %lld  %s  %s  %s%s\n", (long long)p->id, vinn_payment_status_name(p->status), m,
           day, p->reversal ? "  (a reversal)" : "");
    printf("%-12s %s%s%s\n", "payer", p->payer_name[0] ? p->payer_name : "-",
           p->payer_account[0] ? ", account " : "", p->payer_account);
    printf("%-12s %s\n", "reference", p->reference[0] ? p->reference : "-");
    printf("%-12s %s\n", "message", p->message[0] ? p->message : "-");
    if (p->method != VINN_MATCH_NONE) {
        printf("%-12s by %s, confidence %d%s%s\n", "matched",
               vinn_match_method_name((enum vinn_match_method)p->method), p->confidence,
               p->customer_ext_id[0] ? ", customer " : "", p->customer_ext_id);
    } else if (p->status == VINN_PAY_UNMATCHED) {
        printf("%-12s waits for a person: vinn payments assign %lld INVOICE...\n", "unmatched",
               (long long)p->id);
    }
    if (p->credit_minor != 0 || p->refunded_minor != 0) {
        char credit[96];
        char refunded[96];
        cli_tenant_amount(t, p->currency, p->credit_minor, credit, sizeof(credit));
        cli_tenant_amount(t, p->currency, p->refunded_minor, refunded, sizeof(refunded));
        printf("%-12s %s to the credit balance, %s refunded\n", "rest", credit, refunded);
    }
    if (p->related_id != 0) {
        printf("%-12s payment %lld\n", p->reversal ? "reverses" : "reversed by",
               (long long)p->related_id);
    }
    printf("%-12s %s (entry %s)\n", "from", p->source, p->entry_id);
    struct vinn_error e;
    vinn_error_clear(&e);
    struct show_rows allocs = {NULL, t, p, 0};
    struct show_rows events = {NULL, t, p, 0};
    if (vinn_app_payment_allocations(&cli->app, t, p->id, alloc_row, &allocs, &e) != VINN_OK ||
        vinn_app_payment_events(&cli->app, t, p->id, event_row, &events, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return 0;
}

int cmd_payments_show(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int64_t id = 0;
    int rc = cli_parse(cli, "payments show", argc, argv, NULL, 0, pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "payments show", "give the payment ID");
    }
    if (rc == 0) {
        rc = payment_id_arg(cli, "payments show", pos[0], &id);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_payment p;
    if (vinn_app_payment_get(&cli->app, &t, id, &p, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return payment_output(cli, &t, &p);
}

int cmd_payments_assign(struct cli *cli, int argc, char **argv)
{
    const char *pos[1 + 64];
    int np = 0;
    int64_t id = 0;
    int rc = cli_parse(cli, "payments assign", argc, argv, NULL, 0, pos, 1 + 64, &np);
    if (rc == 0 && np < 2) {
        rc = cli_usage(cli, "payments assign",
                       "give the payment ID and one or more INVOICE numbers");
    }
    if (rc == 0) {
        rc = payment_id_arg(cli, "payments assign", pos[0], &id);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_payment p;
    if (vinn_app_payment_assign(&cli->app, &t, id, pos + 1, (size_t)(np - 1), &p, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return payment_output(cli, &t, &p);
}

int cmd_payments_refund(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("account")};
    const char *pos[1];
    int np = 0;
    int64_t id = 0;
    int rc = cli_parse(cli, "payments refund", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "payments refund", "give the payment ID");
    }
    if (rc == 0) {
        rc = payment_id_arg(cli, "payments refund", pos[0], &id);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_payout out;
    if (vinn_app_payment_refund(&cli->app, &t, id, o[0].value, &out, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(vinn_json_payout(&out));
    }
    /* The payment order line: payout;date;amount (minor units);currency;
     * payee;account;message, as docs/payments.md describes. */
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(out.day, day);
    printf("payout;date;amount;currency;payee_name;payee_account;message\n");
    printf("%lld;%s;%lld;%s;%s;%s;%s\n", (long long)out.id, day, (long long)out.amount_minor,
           out.currency, out.payee_name, out.payee_account, out.message);
    return 0;
}

int cmd_tenant_set(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    int np = 0;
    int rc = cli_parse(cli, "tenant set", argc, argv, NULL, 0, pos, 2, &np);
    if (rc == 0 && np != 2 && np != 1) {
        rc = cli_usage(cli, "tenant set", "give a KEY and its VALUE (or only KEY to show it)");
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (np == 2 && vinn_app_setting_set(&cli->app, &t, pos[0], pos[1], &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    char value[VINN_SETTING_VALUE_MAX + 1];
    if (vinn_app_setting_get(&cli->app, &t, pos[0], value, sizeof(value), &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:s}", "key", pos[0], "value", value));
    }
    printf("%s = %s\n", pos[0], value);
    return 0;
}
