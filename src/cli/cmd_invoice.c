/* cmd_invoice.c - invoices, imports and the ledger. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "cli/cli.h"
#include "core/money.h"

/* ---- invoice create ---- */

/* "text;quantity;unit price;vat%": split at the last three ';' so the
 * text itself may hold ';'. Copies go to buf (the text) and the three
 * pointers into buf. */
static vinn_err line_split(const char *spec, char *buf, size_t cap, const char **parts,
                           size_t i, struct vinn_error *error)
{
    char field[32];
    snprintf(field, sizeof(field), "lines[%zu]", i);
    size_t len = strlen(spec);
    if (len >= cap) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, field, "line %zu is too long", i + 1);
    }
    memcpy(buf, spec, len + 1);
    for (int k = 3; k >= 1; k--) {
        char *semi = strrchr(buf, ';');
        if (semi == NULL) {
            return vinn_fail(error, VINN_E_INVOICE_LINE_SYNTAX, field,
                             "line %zu '%.60s' must be \"text;quantity;unit price;vat%%\"", i + 1,
                             spec);
        }
        *semi = '\0';
        parts[k] = semi + 1;
    }
    parts[0] = buf;
    return VINN_OK;
}

static vinn_err lines_parse(const struct cli_opt *opt, const char *currency,
                            struct vinn_line_input *lines, char (*texts)[VINN_LINE_TEXT_MAX * 2],
                            struct vinn_error *error)
{
    for (int i = 0; i < opt->count; i++) {
        const char *parts[4] = {NULL, NULL, NULL, NULL};
        vinn_err rc = line_split(opt->values[i], texts[i], sizeof(texts[i]), parts, (size_t)i,
                                 error);
        if (rc == VINN_OK) {
            rc = vinn_app_line_parse(parts[1], parts[2], parts[3], currency, &lines[i], error);
        }
        if (rc != VINN_OK) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "lines[%d]", i);
            if (strncmp(error->field, "lines[", 6) != 0) {
                vinn_error_prefix_field(error, prefix);
            }
            return rc;
        }
        lines[i].text = parts[0];
    }
    return VINN_OK;
}

static int day_opt(struct cli *cli, const char *text, const char *field, bool *has, vinn_day *out)
{
    if (text == NULL) {
        return 0;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_day_parse(text, field, out, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    *has = true;
    return 0;
}

/* A scaled number for people: 1500 thousandths -> "1,5", 2500 basis points
 * -> "25", with the decimal mark of the tenant's language (English '.'). */
static void scaled_text(const struct vinn_tenant *t, int64_t value, int64_t scale, char *out,
                        size_t cap)
{
    char mark = strcmp(t->country, "NO") == 0 || strcmp(t->country, "SE") == 0 ||
                        strcmp(t->country, "FI") == 0 || strcmp(t->country, "DK") == 0
                    ? ','
                    : '.';
    int digits = 0;
    for (int64_t s = scale; s > 1; s /= 10) {
        digits++;
    }
    int64_t whole = value / scale;
    int64_t frac = value % scale;
    if (frac < 0) {
        frac = -frac;
    }
    while (frac != 0 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    if (frac == 0) {
        snprintf(out, cap, "%lld", (long long)whole);
    } else {
        snprintf(out, cap, "%lld%c%0*lld", (long long)whole, mark, digits, (long long)frac);
    }
}

/* Text in a column of `width` characters (not bytes): cut at a character,
 * padded with spaces, so UTF-8 names line up. */
static void column_text(const char *text, int width, char *out, size_t cap)
{
    size_t n = 0;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0' && n + 5 < cap;) {
        size_t k = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        if (chars == width) {
            break;
        }
        for (size_t j = 0; j < k && p[j] != '\0'; j++) {
            out[n++] = (char)p[j];
        }
        p += k;
        chars++;
    }
    while (chars < width && n + 1 < cap) {
        out[n++] = ' ';
        chars++;
    }
    out[n] = '\0';
}

static void invoice_print(const struct vinn_tenant *t, const struct vinn_invoice *inv,
                          const struct vinn_invoice_line *lines, uint32_t n, vinn_day today)
{
    char d1[VINN_DATE_ISO_SIZE];
    char d2[VINN_DATE_ISO_SIZE];
    char m[64];
    vinn_day_format(inv->issue_date, d1);
    vinn_day_format(inv->due_date, d2);
    bool overdue = inv->status == VINN_STATUS_OPEN && inv->due_date < today;
    printf("%-12s %s (%s)\ncustomer     %s\ndate         %s\ndue date     %s\n",
           inv->kind == VINN_INVOICE_KIND_INVOICE ? "invoice" : "credit note", inv->number,
           vinn_invoice_kind_name(inv->kind), inv->customer_ext_id, d1, d2);
    printf("reference    %s\nstatus       %s%s\n", inv->reference[0] ? inv->reference : "-",
           vinn_invoice_status_name(inv->status), overdue ? " (overdue)" : "");
    if (inv->sale_channel[0] != '\0') {
        printf("sold by      %s\n", inv->sale_channel);
    }
    printf("  %-3s %-36s %10s %14s %7s %14s\n", "#", "text", "quantity", "unit price", "vat",
           "net");
    for (uint32_t i = 0; i < n; i++) {
        char price[64];
        char qty[32];
        char vat[16];
        cli_tenant_money(t, inv->currency, lines[i].unit_price_minor, price, sizeof(price));
        cli_tenant_money(t, inv->currency, lines[i].net_minor, m, sizeof(m));
        scaled_text(t, lines[i].quantity_milli, 1000, qty, sizeof(qty));
        char rate[16];
        scaled_text(t, lines[i].vat_rate_bp, 100, rate, sizeof(rate));
        snprintf(vat, sizeof(vat), "%s %%", rate);
        char text[4 * 36 + 8];
        column_text(lines[i].text, 36, text, sizeof(text));
        printf("  %-3u %s %10s %14s %7s %14s\n", lines[i].line_no, text, qty, price, vat, m);
    }
    const struct {
        const char *label;
        int64_t v;
    } rows[] = {{"net", inv->net_minor},
                {"vat", inv->vat_minor},
                {"amount", inv->gross_minor},
                {"credited", inv->credited_minor},
                {"outstanding", inv->outstanding_minor}};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        cli_tenant_money(t, inv->currency, rows[i].v, m, sizeof(m));
        printf("%-12s %14s %s\n", rows[i].label, m, inv->currency);
    }
}

static int invoice_output(struct cli *cli, const struct vinn_tenant *t,
                          const struct vinn_invoice *inv)
{
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    uint32_t n = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (lines == NULL) {
        fprintf(stderr, "vinn: out of memory\n");
        return 5;
    }
    if (vinn_app_invoice_lines(&cli->app, t, inv, lines, &n, &e) != VINN_OK) {
        free(lines);
        return cli_fail(cli, &e);
    }
    int rc = 0;
    if (cli->json) {
        rc = cli_print_json(vinn_json_invoice(inv, lines, n, cli->today));
    } else {
        invoice_print(t, inv, lines, n, cli->today);
    }
    free(lines);
    return rc;
}

static int invoice_create_run(struct cli *cli, const struct vinn_tenant *t,
                              struct vinn_invoice_input *in, const struct cli_opt *line_opt)
{
    struct vinn_line_input *lines = calloc((size_t)line_opt->count + 1, sizeof(*lines));
    char(*texts)[VINN_LINE_TEXT_MAX * 2] = calloc((size_t)line_opt->count + 1, sizeof(*texts));
    int rc = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    const char *currency = in->currency && in->currency[0] ? in->currency : t->currency;
    const struct vinn_currency *cur = NULL;
    if (lines == NULL || texts == NULL) {
        rc = 5;
    } else if (vinn_currency_parse(currency, "currency", &cur, &e) != VINN_OK) {
        rc = cli_fail(cli, &e);
    } else if (lines_parse(line_opt, currency, lines, texts, &e) != VINN_OK) {
        rc = cli_fail(cli, &e);
    } else {
        in->lines = lines;
        in->lines_count = (size_t)line_opt->count;
        struct vinn_invoice inv;
        if (vinn_app_invoice_create(&cli->app, t, in, &inv, &e) != VINN_OK) {
            rc = cli_fail(cli, &e);
        } else {
            rc = invoice_output(cli, t, &inv);
        }
    }
    free(lines);
    free(texts);
    return rc;
}

int cmd_invoice_create(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("customer"), CLI_OPT("date"),     CLI_OPT("due"),
                          CLI_OPT("due-days"), CLI_OPT("currency"), CLI_OPT_MANY("line"),
                          CLI_OPT("sale-channel")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "invoice create", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    struct vinn_invoice_input in = {.due_days = -1};
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "invoice create", "give the invoice NUMBER");
    }
    if (rc == 0 && o[5].count == 0) {
        rc = cli_usage(cli, "invoice create", "give at least one --line \"text;qty;price;vat%%\"");
    }
    if (rc == 0 && o[2].count > 0 && o[3].count > 0) {
        rc = cli_usage(cli, "invoice create", "give --due or --due-days, not both");
    }
    if (rc == 0 && o[3].count > 0) {
        char *end = NULL;
        long v = strtol(o[3].value, &end, 10);
        if (end == o[3].value || *end != '\0' || v < 0 || v > VINN_DUE_DAYS_MAX) {
            struct vinn_error e;
            vinn_error_clear(&e);
            vinn_fail(&e, VINN_E_DUE_DAYS_RANGE, "due_days",
                      "due days '%s' must be a whole number from 0 to %d", o[3].value,
                      VINN_DUE_DAYS_MAX);
            rc = cli_fail(cli, &e);
        }
        in.due_days = (int32_t)v;
    }
    if (rc == 0) {
        rc = day_opt(cli, o[1].value, "date", &in.has_date, &in.date);
    }
    if (rc == 0) {
        rc = day_opt(cli, o[2].value, "due_date", &in.has_due_date, &in.due_date);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc == 0) {
        in.number = pos[0];
        in.customer = o[0].value;
        in.currency = o[4].value;
        in.sale_channel = o[6].value;
        rc = invoice_create_run(cli, &t, &in, &o[5]);
    }
    free(o[5].values);
    return rc;
}

/* ---- invoice list / show / credit ---- */

struct invoice_rows {
    struct cli *cli;
    const struct vinn_tenant *tenant;
    json_t *list;
};

static vinn_err invoice_row(void *ctx, const struct vinn_invoice *inv)
{
    struct invoice_rows *rows = ctx;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_invoice(inv, NULL, 0, rows->cli->today));
        return VINN_OK;
    }
    char d1[VINN_DATE_ISO_SIZE];
    char d2[VINN_DATE_ISO_SIZE];
    char amount[64];
    char outstanding[64];
    vinn_day_format(inv->issue_date, d1);
    vinn_day_format(inv->due_date, d2);
    cli_tenant_money(rows->tenant, inv->currency, inv->gross_minor, amount, sizeof(amount));
    cli_tenant_money(rows->tenant, inv->currency, inv->outstanding_minor, outstanding,
               sizeof(outstanding));
    bool overdue = inv->status == VINN_STATUS_OPEN && inv->due_date < rows->cli->today;
    printf("%-16s %-12s %s %s %14s %14s %-3s %s%s\n", inv->number, inv->customer_ext_id, d1, d2,
           amount, outstanding, inv->currency, vinn_invoice_status_name(inv->status),
           overdue ? " overdue" : "");
    return VINN_OK;
}

int cmd_invoice_list(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("status"), CLI_OPT("customer"), CLI_OPT("after"),
                          CLI_OPT("limit")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "invoice list", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    struct vinn_invoice_filter f;
    memset(&f, 0, sizeof(f));
    struct vinn_error e;
    vinn_error_clear(&e);
    const char *status = o[0].value;
    if (rc == 0 && status != NULL) {
        if (strcmp(status, "overdue") == 0) {
            f.overdue_only = true;
        } else if (vinn_invoice_status_parse(status, &f.status, &e) != VINN_OK) {
            rc = cli_fail(cli, &e);
        } else {
            f.has_status = true;
        }
    }
    long limit = o[3].value ? strtol(o[3].value, NULL, 10) : VINN_PAGE_DEFAULT;
    if (rc == 0 && (limit <= 0 || limit > VINN_PAGE_MAX)) {
        rc = cli_usage(cli, "invoice list", "--limit must be from 1 to %d", VINN_PAGE_MAX);
    }
    f.limit = (uint32_t)limit;
    if (o[2].value != NULL) {
        snprintf(f.after_number, sizeof(f.after_number), "%s", o[2].value);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc == 0 && o[1].value != NULL) {
        struct vinn_customer c;
        if (vinn_app_customer_get(&cli->app, &t, o[1].value, &c, &e) != VINN_OK) {
            return cli_fail(cli, &e);
        }
        f.customer_id = c.id;
    }
    if (rc != 0) {
        return rc;
    }
    struct invoice_rows rows = {cli, &t, cli->json ? json_array() : NULL};
    if (vinn_app_invoice_list(&cli->app, &t, &f, invoice_row, &rows, &e) != VINN_OK) {
        json_decref(rows.list);
        return cli_fail(cli, &e);
    }
    return cli->json ? cli_print_json(json_pack("{s:o}", "invoices", rows.list)) : 0;
}

int cmd_invoice_show(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "invoice show", argc, argv, NULL, 0, pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "invoice show", "give the invoice NUMBER");
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
    struct vinn_invoice inv;
    if (vinn_app_invoice_get(&cli->app, &t, pos[0], &inv, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return invoice_output(cli, &t, &inv);
}

int cmd_invoice_credit(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("amount"), CLI_OPT("number")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "invoice credit", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, "invoice credit", "give the invoice NUMBER");
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
    struct vinn_invoice inv;
    struct vinn_invoice cn;
    int64_t amount = 0;
    const struct vinn_currency *cur = NULL;
    if (vinn_app_invoice_get(&cli->app, &t, pos[0], &inv, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (o[0].value != NULL &&
        (vinn_currency_parse(inv.currency, "currency", &cur, &e) != VINN_OK ||
         vinn_money_parse(o[0].value, cur, "amount", &amount, &e) != VINN_OK)) {
        return cli_fail(cli, &e);
    }
    if (vinn_app_invoice_credit(&cli->app, &t, pos[0], o[0].value == NULL, amount, o[1].value,
                                &cn, &inv, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *out = json_pack("{s:o, s:o}", "credit_note",
                                vinn_json_invoice(&cn, NULL, 0, cli->today), "invoice",
                                vinn_json_invoice(&inv, NULL, 0, cli->today));
        return cli_print_json(out);
    }
    char m[64];
    cli_tenant_money(&t, cn.currency, cn.gross_minor, m, sizeof(m));
    printf("credit note %s: %s %s for invoice %s\n", cn.number, m, cn.currency, inv.number);
    cli_tenant_money(&t, inv.currency, inv.outstanding_minor, m, sizeof(m));
    printf("invoice %s: %s, %s %s outstanding\n", inv.number, vinn_invoice_status_name(inv.status),
           m, inv.currency);
    return 0;
}

/* ---- imports ---- */

static int import_run(struct cli *cli, int argc, char **argv, bool invoices)
{
    const char *cmd = invoices ? "import invoices" : "import customers";
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, cmd, argc, argv, NULL, 0, pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, cmd, "give the FILE to import ('-' for standard input)");
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
    bool std_in = strcmp(pos[0], "-") == 0;
    FILE *fp = std_in ? stdin : fopen(pos[0], "rb");
    if (fp == NULL) {
        vinn_fail(&e, errno == ENOENT ? VINN_E_FILE_NOT_FOUND : VINN_E_IO, "file",
                  "cannot open '%s': %s", pos[0], strerror(errno));
        return cli_fail(cli, &e);
    }
    const char *name = std_in ? "stdin" : pos[0];
    struct vinn_import_summary s;
    vinn_err err = invoices ? vinn_app_import_invoices(&cli->app, &t, fp, name, &s, &e)
                            : vinn_app_import_customers(&cli->app, &t, fp, name, &s, &e);
    if (!std_in) {
        fclose(fp);
    }
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *o = json_pack("{s:s, s:I, s:I}", "file", name, "rows", (json_int_t)s.rows,
                              invoices ? "invoices" : "customers", (json_int_t)s.created);
        if (invoices) {
            json_object_set_new(o, "lines", json_integer(s.lines));
            json_object_set_new(o, "amount", json_integer(s.amount_minor));
            json_object_set_new(o, "currency", json_string(t.currency));
        }
        return cli_print_json(o);
    }
    if (invoices) {
        char m[64];
        cli_tenant_money(&t, t.currency, s.amount_minor, m, sizeof(m));
        printf("imported %lld invoices (%lld lines, %s %s) from %s\n", s.created, s.lines, m,
               t.currency, name);
    } else {
        printf("imported %lld customers from %s\n", s.created, name);
    }
    return 0;
}

int cmd_import_customers(struct cli *cli, int argc, char **argv)
{
    return import_run(cli, argc, argv, false);
}

int cmd_import_invoices(struct cli *cli, int argc, char **argv)
{
    return import_run(cli, argc, argv, true);
}

/* ---- ledger ---- */

struct ledger_rows {
    const struct vinn_tenant *tenant;
    json_t *list;
};

static vinn_err ledger_row(void *ctx, const struct vinn_balance *b)
{
    struct ledger_rows *rows = ctx;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_balance(b));
        return VINN_OK;
    }
    char m[64];
    cli_tenant_money(rows->tenant, b->currency, b->balance_minor, m, sizeof(m));
    printf("%-16s %-16s %-3s %18s\n", b->customer_id > 0 ? b->customer_ext_id : "(tenant)",
           vinn_account_kind_name(b->kind), b->currency, m);
    return VINN_OK;
}

int cmd_ledger_balance(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("customer")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "ledger balance", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct ledger_rows rows = {&t, cli->json ? json_array() : NULL};
    if (vinn_app_ledger_balances(&cli->app, &t, o[0].value, ledger_row, &rows, &e) != VINN_OK) {
        json_decref(rows.list);
        return cli_fail(cli, &e);
    }
    return cli->json ? cli_print_json(json_pack("{s:o}", "balances", rows.list)) : 0;
}

struct verify_run {
    struct cli *cli;
    json_t *list;
    int failed;
    vinn_err rc;
    struct vinn_error error;
};

static vinn_err verify_one(void *ctx, const struct vinn_tenant *t)
{
    struct verify_run *run = ctx;
    struct vinn_verify_report *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return VINN_E_NO_MEMORY;
    }
    run->rc = vinn_app_ledger_verify(&run->cli->app, t, r, &run->error);
    if (run->rc == VINN_OK) {
        bool ok = vinn_verify_report_holds(r);
        run->failed += !ok;
        if (run->list != NULL) {
            json_array_append_new(run->list, vinn_json_verify(t->name, r));
        } else {
            printf("%s: %s (%lld transactions, %lld postings, %lld accounts, %lld invoices)\n",
                   t->name, ok ? "ok" : "FAILED", (long long)r->transactions,
                   (long long)r->postings, (long long)r->accounts, (long long)r->invoices);
            for (uint32_t i = 0; i < r->problems_count; i++) {
                printf("  %s\n", r->problems[i]);
            }
        }
    }
    free(r);
    return run->rc;
}

int cmd_ledger_verify(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "ledger verify", argc, argv, NULL, 0, pos, 0, &np);
    if (rc == 0) {
        rc = cli_open(cli);
    }
    if (rc != 0) {
        return rc;
    }
    struct verify_run run = {cli, cli->json ? json_array() : NULL, 0, VINN_OK, {0}};
    vinn_error_clear(&run.error);
    vinn_err err;
    if (cli->tenant != NULL) {
        struct vinn_tenant t;
        err = vinn_app_tenant_resolve(&cli->app, cli->tenant, &t, &run.error);
        if (err == VINN_OK) {
            err = verify_one(&run, &t);
        }
    } else {
        err = vinn_app_tenant_list(&cli->app, verify_one, &run, &run.error);
    }
    if (err != VINN_OK) {
        json_decref(run.list);
        return cli_fail(cli, &run.error);
    }
    if (cli->json) {
        cli_print_json(json_pack("{s:b, s:o}", "ok", run.failed == 0, "tenants", run.list));
    }
    return run.failed == 0 ? 0 : EXIT_NO;
}
