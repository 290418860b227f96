/* cmd_setup.c - init, tenants and customers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "cli/cli.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "init", argc, argv, NULL, 0, pos, 0, &np);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    int from = 0;
    if (vinn_app_open(&cli->app, cli->db, true, cli->today, cli->now_us, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    cli->app_open = true;
    if (vinn_app_init(&cli->app, &from, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:i, s:i}", "db", cli->db, "schema",
                                        VINN_SCHEMA_VERSION, "from", from));
    }
    if (from == VINN_SCHEMA_VERSION) {
        printf("%s is up to date (schema %d)\n", cli->db, VINN_SCHEMA_VERSION);
    } else if (from == 0) {
        printf("initialised %s (schema %d)\n", cli->db, VINN_SCHEMA_VERSION);
    } else {
        printf("upgraded %s from schema %d to %d\n", cli->db, from, VINN_SCHEMA_VERSION);
    }
    return 0;
}

/* ---- tenants ---- */

static void tenant_print(const struct vinn_tenant *t)
{
    printf("tenant     %s\ncountry    %s\ncurrency   %s\n", t->name, t->country, t->currency);
    printf("org        %s\naccount    %s\niban       %s\nreference  %s\ndue days   %d\n",
           t->org_no[0] ? t->org_no : "-", t->account[0] ? t->account : "-",
           t->iban[0] ? t->iban : "-", t->ref_kind, (int)t->due_days);
}

static void stats_print(const struct vinn_tenant *t, const struct vinn_tenant_stats *st)
{
    const char *lang = strcmp(t->country, "SE") == 0   ? "sv"
                       : strcmp(t->country, "FI") == 0 ? "fi"
                       : strcmp(t->country, "DK") == 0 ? "da"
                       : strcmp(t->country, "NO") == 0 ? "nb"
                                                       : "en";
    char invoiced[64];
    char outstanding[64];
    char overdue[64];
    cli_money(t->currency, st->invoiced_minor, lang, invoiced, sizeof(invoiced));
    cli_money(t->currency, st->outstanding_minor, lang, outstanding, sizeof(outstanding));
    cli_money(t->currency, st->overdue_minor, lang, overdue, sizeof(overdue));
    printf("customers  %lld\ninvoices   %lld (%s %s invoiced, %lld credit note%s)\n",
           (long long)st->customers, (long long)st->invoices, invoiced, t->currency,
           (long long)st->credit_notes, st->credit_notes == 1 ? "" : "s");
    printf("open       %lld (%s %s outstanding)\noverdue    %lld (%s %s)\n"
           "paid       %lld\ncredited   %lld\n",
           (long long)st->open, outstanding, t->currency, (long long)st->overdue, overdue,
           t->currency, (long long)st->paid, (long long)st->credited);
}

int cmd_tenant_add(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("country"), CLI_OPT("currency"), CLI_OPT("org"),
                          CLI_OPT("account"), CLI_OPT("iban"),     CLI_OPT("kid"),
                          CLI_OPT("ref"),     CLI_OPT("due-days")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "tenant add", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc != 0) {
        return rc;
    }
    if (np != 1) {
        return cli_usage(cli, "tenant add", "give the tenant's NAME");
    }
    const char *kid = cli_opt(o, CLI_OPTS_N(o), "kid");
    const char *ref = cli_opt(o, CLI_OPTS_N(o), "ref");
    if (kid != NULL) {
        if (strcmp(kid, "mod10") != 0 && strcmp(kid, "mod11") != 0) {
            return cli_usage(cli, "tenant add", "--kid must be mod10 or mod11, not '%s'", kid);
        }
        ref = strcmp(kid, "mod10") == 0 ? "kid10" : "kid11";
    }
    const char *due = cli_opt(o, CLI_OPTS_N(o), "due-days");
    char *end = NULL;
    long due_days = due ? strtol(due, &end, 10) : -1;
    if (due != NULL && (end == due || *end != '\0' || due_days < 0 || due_days > 365)) {
        return cli_usage(cli, "tenant add", "--due-days must be a whole number from 0 to 365");
    }
    struct vinn_tenant_input in = {pos[0],
                                   cli_opt(o, CLI_OPTS_N(o), "country"),
                                   cli_opt(o, CLI_OPTS_N(o), "currency"),
                                   cli_opt(o, CLI_OPTS_N(o), "org"),
                                   cli_opt(o, CLI_OPTS_N(o), "account"),
                                   cli_opt(o, CLI_OPTS_N(o), "iban"),
                                   ref,
                                   (int32_t)due_days};
    if (in.country == NULL || in.currency == NULL) {
        return cli_usage(cli, "tenant add", "--country and --currency are required");
    }
    rc = cli_open(cli);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_tenant t;
    if (vinn_app_tenant_add(&cli->app, &in, &t, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(vinn_json_tenant(&t));
    }
    tenant_print(&t);
    return 0;
}

static vinn_err tenant_row(void *ctx, const struct vinn_tenant *t)
{
    struct cli *cli = ctx;
    if (cli->json) {
        return VINN_OK;
    }
    printf("%-20s %-3s %-4s %-8s %s\n", t->name, t->country, t->currency, t->ref_kind,
           t->org_no);
    return VINN_OK;
}

static vinn_err tenant_json(void *ctx, const struct vinn_tenant *t)
{
    json_array_append_new(ctx, vinn_json_tenant(t));
    return VINN_OK;
}

int cmd_tenant_list(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "tenant list", argc, argv, NULL, 0, pos, 0, &np);
    if (rc == 0) {
        rc = cli_open(cli);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    json_t *list = json_array();
    vinn_err err = cli->json ? vinn_app_tenant_list(&cli->app, tenant_json, list, &e)
                             : vinn_app_tenant_list(&cli->app, tenant_row, cli, &e);
    if (err != VINN_OK) {
        json_decref(list);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:o}", "tenants", list));
    }
    json_decref(list);
    return 0;
}

int cmd_tenant_show(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "tenant show", argc, argv, NULL, 0, pos, 1, &np);
    if (rc != 0) {
        return rc;
    }
    if (np == 1) {
        cli->tenant = pos[0];
    }
    struct vinn_tenant t;
    rc = cli_tenant(cli, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_tenant_stats st;
    if (vinn_app_tenant_stats(&cli->app, &t, &st, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *o = vinn_json_tenant(&t);
        json_object_set_new(o, "book", vinn_json_tenant_stats(&st));
        return cli_print_json(o);
    }
    tenant_print(&t);
    stats_print(&t, &st);
    return 0;
}

/* ---- customers ---- */

static void customer_print(const struct vinn_customer *c)
{
    printf("customer   %s\nname       %s\nkind       %s\ncountry    %s\nlanguage   %s\n",
           c->ext_id, c->name, vinn_customer_kind_name(c->kind), c->country, c->lang);
    printf("email      %s\nphone      %s\norg        %s\naddress    %s, %s %s\ntags       %s\n",
           c->email[0] ? c->email : "-", c->phone[0] ? c->phone : "-",
           c->org_no[0] ? c->org_no : "-", c->address[0] ? c->address : "-", c->postcode, c->city,
           c->tags[0] ? c->tags : "-");
    printf("channel    %s%s\n", c->channel[0] ? c->channel : "-",
           c->direct_debit ? " (direct debit: no paper)" : "");
}

int cmd_customer_add(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("name"),    CLI_OPT("country"),     CLI_OPT("lang"),
                          CLI_OPT("email"),   CLI_OPT("phone"),       CLI_OPT("kind"),
                          CLI_OPT("org"),     CLI_OPT("national-id"), CLI_OPT("address"),
                          CLI_OPT("postcode"), CLI_OPT("city"),       CLI_OPT("tags"),
                          CLI_OPT("channel"), CLI_FLAG("direct-debit")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "customer add", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc != 0) {
        return rc;
    }
    if (np != 1) {
        return cli_usage(cli, "customer add", "give the customer's ID");
    }
    struct vinn_customer_input in = {
        .id = pos[0],
        .name = cli_opt(o, CLI_OPTS_N(o), "name"),
        .country = cli_opt(o, CLI_OPTS_N(o), "country"),
        .lang = cli_opt(o, CLI_OPTS_N(o), "lang"),
        .kind = cli_opt(o, CLI_OPTS_N(o), "kind"),
        .email = cli_opt(o, CLI_OPTS_N(o), "email"),
        .phone = cli_opt(o, CLI_OPTS_N(o), "phone"),
        .org_no = cli_opt(o, CLI_OPTS_N(o), "org"),
        .national_id = cli_opt(o, CLI_OPTS_N(o), "national-id"),
        .address = cli_opt(o, CLI_OPTS_N(o), "address"),
        .postcode = cli_opt(o, CLI_OPTS_N(o), "postcode"),
        .city = cli_opt(o, CLI_OPTS_N(o), "city"),
        .tags = cli_opt(o, CLI_OPTS_N(o), "tags"),
        .channel = cli_opt(o, CLI_OPTS_N(o), "channel"),
        .direct_debit = cli_flag(o, CLI_OPTS_N(o), "direct-debit"),
    };
    if (in.country == NULL) {
        return cli_usage(cli, "customer add", "--country is required");
    }
    struct vinn_tenant t;
    rc = cli_tenant(cli, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_customer c;
    if (vinn_app_customer_add(&cli->app, &t, &in, &c, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(vinn_json_customer(&c));
    }
    customer_print(&c);
    return 0;
}

struct customer_rows {
    struct cli *cli;
    json_t *list;
    long count;
};

static vinn_err customer_row(void *ctx, const struct vinn_customer *c)
{
    struct customer_rows *rows = ctx;
    rows->count++;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_customer(c));
    } else {
        printf("%-12s %-32s %-7s %-2s %-2s %s\n", c->ext_id, c->name,
               vinn_customer_kind_name(c->kind), c->country, c->lang, c->email);
    }
    return VINN_OK;
}

int cmd_customer_list(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("after"), CLI_OPT("limit")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "customer list", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    if (rc != 0) {
        return rc;
    }
    const char *limit_text = cli_opt(o, CLI_OPTS_N(o), "limit");
    long limit = limit_text ? strtol(limit_text, NULL, 10) : VINN_PAGE_DEFAULT;
    if (limit <= 0 || limit > VINN_PAGE_MAX) {
        return cli_usage(cli, "customer list", "--limit must be from 1 to %d", VINN_PAGE_MAX);
    }
    struct vinn_tenant t;
    rc = cli_tenant(cli, &t);
    if (rc != 0) {
        return rc;
    }
    struct customer_rows rows = {cli, cli->json ? json_array() : NULL, 0};
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_customer_list(&cli->app, &t, cli_opt(o, CLI_OPTS_N(o), "after"), (uint32_t)limit,
                               customer_row, &rows, &e) != VINN_OK) {
        json_decref(rows.list);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:o}", "customers", rows.list));
    }
    return 0;
}

struct balance_rows {
    json_t *list;
    const char *lang;
};

static vinn_err balance_row(void *ctx, const struct vinn_balance *b)
{
    struct balance_rows *rows = ctx;
    if (rows->list != NULL) {
        json_array_append_new(rows->list, vinn_json_balance(b));
        return VINN_OK;
    }
    char money[64];
    cli_money(b->currency, b->balance_minor, rows->lang, money, sizeof(money));
    printf("  %-16s %-3s %16s\n", vinn_account_kind_name(b->kind), b->currency, money);
    return VINN_OK;
}

int cmd_customer_show(struct cli *cli, int argc, char **argv)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "customer show", argc, argv, NULL, 0, pos, 1, &np);
    if (rc != 0) {
        return rc;
    }
    if (np != 1) {
        return cli_usage(cli, "customer show", "give the customer's ID");
    }
    struct vinn_tenant t;
    rc = cli_tenant(cli, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_customer c;
    if (vinn_app_customer_get(&cli->app, &t, pos[0], &c, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    struct balance_rows rows = {cli->json ? json_array() : NULL, c.lang};
    if (!cli->json) {
        customer_print(&c);
        printf("balances\n");
    }
    if (vinn_app_ledger_balances(&cli->app, &t, c.ext_id, balance_row, &rows, &e) != VINN_OK) {
        json_decref(rows.list);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        json_t *o = vinn_json_customer(&c);
        json_object_set_new(o, "balances", rows.list);
        return cli_print_json(o);
    }
    return 0;
}
