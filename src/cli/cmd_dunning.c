/* cmd_dunning.c - the day run, cases, collection hand-overs, dunning
 * policies, late-interest rates, and the messages and tasks the day queued. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/json.h"
#include "cli/cli.h"
#include "core/money.h"

static void day_text(vinn_day day, char out[VINN_DATE_ISO_SIZE])
{
    if (day == VINN_NO_DAY) {
        snprintf(out, VINN_DATE_ISO_SIZE, "-");
    } else {
        vinn_day_format(day, out);
    }
}

/* Read a whole file (or standard input for "-") of at most max bytes. */
static int read_text(struct cli *cli, const char *path, size_t max, char **out)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    bool std_in = strcmp(path, "-") == 0;
    FILE *fp = std_in ? stdin : fopen(path, "rb");
    if (fp == NULL) {
        vinn_fail(&e, errno == ENOENT ? VINN_E_FILE_NOT_FOUND : VINN_E_IO, "file",
                  "cannot open '%s': %s", path, strerror(errno));
        return cli_fail(cli, &e);
    }
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, fp) : 0;
    bool failed = buf == NULL || ferror(fp);
    if (!std_in) {
        fclose(fp);
    }
    if (failed || n > max) {
        free(buf);
        vinn_fail(&e, failed ? VINN_E_IO : VINN_E_LIMIT_EXCEEDED, "file",
                  failed ? "cannot read '%s'" : "'%s' is larger than the limit", path);
        return cli_fail(cli, &e);
    }
    buf[n] = '\0';
    *out = buf;
    return 0;
}

/* ---- run ----------------------------------------------------------------- */

int cmd_run(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_FLAG("worker"), CLI_OPT("worker-id"), CLI_OPT("lease")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "run", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    if (rc != 0) {
        return rc;
    }
    bool worker = cli_flag(o, CLI_OPTS_N(o), "worker");
    struct vinn_error e;
    vinn_error_clear(&e);
    int64_t lease = 600;
    if (o[2].value != NULL &&
        (vinn_decimal_parse(o[2].value, 0, "lease", &lease, &e) != VINN_OK || lease < 1)) {
        return e.code != VINN_OK ? cli_fail(cli, &e)
                                 : cli_usage(cli, "run", "--lease must be 1 or more seconds");
    }
    struct vinn_tenant t;
    bool one = !worker && cli->tenant != NULL && cli->tenant[0] != '\0';
    rc = one ? cli_tenant(cli, &t) : cli_open(cli);
    if (rc != 0) {
        return rc;
    }
    struct vinn_day_summary s;
    char id[128];
    char host[64] = "";
    gethostname(host, sizeof(host) - 1);
    snprintf(id, sizeof(id), "%s:%ld", host, (long)getpid());
    vinn_err err = worker ? vinn_app_day_run_worker(&cli->app, o[1].value ? o[1].value : id,
                                                    lease, &s, &e)
                          : vinn_app_day_run(&cli->app, one ? &t : NULL, &s, &e);
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(s.date, iso);
    if (cli->json) {
        return cli_print_json(vinn_json_day_summary(&s));
    }
    printf("day %s: %lld invoices considered in %lld tenant(s)\n", iso, s.invoices_considered,
           s.tenants);
    printf("  pre-due %lld, reminders %lld, notices %lld, hand-overs %lld, tasks %lld, "
           "messages queued %lld, cases closed %lld\n",
           s.pre_due, s.reminders, s.notices, s.collections, s.tasks, s.messages, s.closed);
    printf("  fees posted %lld, interest posted %lld (minor units)\n", (long long)s.fees_minor,
           (long long)s.interest_minor);
    return 0;
}

/* ---- cases --------------------------------------------------------------- */

static int case_show_print(struct cli *cli, const struct vinn_tenant *t,
                           const struct vinn_case_view *v)
{
    const struct vinn_invoice *inv = &v->invoice;
    const char *state = v->has_case ? vinn_case_state_name(v->rec.state) : "none";
    if (cli->json) {
        return cli_print_json(vinn_json_case(v));
    }
    char due[VINN_DATE_ISO_SIZE];
    char next[VINN_DATE_ISO_SIZE];
    char m[96];
    day_text(inv->due_date, due);
    day_text(v->next_action, next);
    cli_tenant_amount(t, inv->currency, inv->outstanding_minor, m, sizeof(m));
    printf("invoice %s  customer %s  due %s  %s, outstanding %s\n", inv->number,
           inv->customer_ext_id, due, vinn_invoice_status_name(inv->status), m);
    printf("policy %s  case %s  next action %s\n", v->policy, state, next);
    if (v->rec.pause_reason[0] != '\0') {
        printf("paused: %s\n", v->rec.pause_reason);
    }
    if (v->rec.c.promise_until != VINN_NO_DAY) {
        char until[VINN_DATE_ISO_SIZE];
        day_text(v->rec.c.promise_until, until);
        printf("promised to pay by %s\n", until);
    }
    for (uint32_t i = 0; i < v->steps_count; i++) {
        const struct vinn_case_step *s = &v->steps[i];
        char day[VINN_DATE_ISO_SIZE];
        char deadline[VINN_DATE_ISO_SIZE];
        char fee[96];
        char interest[96];
        day_text(s->day, day);
        day_text(s->deadline, deadline);
        cli_tenant_amount(t, inv->currency, s->fee_minor + s->compensation_minor, fee, sizeof(fee));
        cli_tenant_amount(t, inv->currency, s->interest_minor, interest, sizeof(interest));
        printf("  %2u %s %-10s %-5s %-8s %-8s fee %14s  interest %14s  pay by %s\n", s->seq, day,
               vinn_step_kind_name(s->kind), s->task ? "task" : "",
               vinn_step_kind_is_letter(s->kind) && !s->task ? vinn_channel_name(s->channel) : "-",
               vinn_tone_name(s->tone), fee, interest, deadline);
    }
    char fees[96];
    char interest[96];
    cli_tenant_amount(t, inv->currency, v->rec.fees_minor, fees, sizeof(fees));
    cli_tenant_amount(t, inv->currency, v->rec.interest_minor, interest, sizeof(interest));
    printf("charged: fees %s, interest %s\n", fees, interest);
    for (uint32_t i = 0; i < v->events_count; i++) {
        char day[VINN_DATE_ISO_SIZE];
        day_text(v->events[i].day, day);
        printf("  %s %s: %s\n", day, v->events[i].kind, v->events[i].detail);
    }
    return 0;
}

int cmd_case_show(struct cli *cli, int argc, char **argv)
{
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "case show", argc, argv, NULL, 0, "invoice NUMBER", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_case_view *v = malloc(sizeof(*v));
    if (v == NULL) {
        vinn_fail(&e, VINN_E_NO_MEMORY, "", "out of memory");
        return cli_fail(cli, &e);
    }
    rc = vinn_app_case_show(&cli->app, &t, arg, v, &e) == VINN_OK ? case_show_print(cli, &t, v)
                                                                      : cli_fail(cli, &e);
    free(v);
    return rc;
}

static int case_done(struct cli *cli, const char *number, const char *what)
{
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:s}", "invoice", number, "case", what));
    }
    printf("invoice %s: %s\n", number, what);
    return 0;
}

int cmd_case_pause(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("reason")};
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "case pause", argc, argv, o, CLI_OPTS_N(o), "invoice NUMBER and --reason", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_case_pause(&cli->app, &t, arg, o[0].value, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return case_done(cli, arg, "paused");
}

int cmd_case_resume(struct cli *cli, int argc, char **argv)
{
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "case resume", argc, argv, NULL, 0, "invoice NUMBER", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_case_resume(&cli->app, &t, arg, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return case_done(cli, arg, "resumed");
}

int cmd_case_promise(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("until")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "case promise", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && (np != 1 || o[0].value == NULL)) {
        rc = cli_usage(cli, "case promise", "give the invoice NUMBER and --until DATE");
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
    vinn_day until = 0;
    if (vinn_day_parse(o[0].value, "until", &until, &e) != VINN_OK ||
        vinn_app_case_promise(&cli->app, &t, pos[0], until, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return case_done(cli, pos[0], "promised");
}

int cmd_case_writeoff(struct cli *cli, int argc, char **argv)
{
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "case writeoff", argc, argv, NULL, 0, "invoice NUMBER", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    int64_t amount = 0;
    if (vinn_app_case_writeoff(&cli->app, &t, arg, &amount, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:s, s:I}", "invoice", arg, "case",
                                        "written_off", "loss", (json_int_t)amount));
    }
    printf("invoice %s: written off, loss %lld (minor units)\n", arg, (long long)amount);
    return 0;
}

/* ---- collection export --------------------------------------------------- */

struct export_run {
    json_t *list;
    bool header;
};

static void csv_field(const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r;") != NULL;
    if (!quote) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"') {
            putchar('"');
        }
        putchar(*s);
    }
    putchar('"');
}

static void export_header(struct export_run *x)
{
    if (!x->header) {
        puts("invoice,reference,currency,issue_date,due_date,handed_over,gross,principal,fees,"
             "interest,total,letters,first_letter,last_letter,debtor_id,debtor_name,debtor_kind,"
             "org_no,national_id,address,postcode,city,country,lang,email,phone");
        x->header = true;
    }
}

static vinn_err export_row(void *ctx, const struct vinn_handover *h)
{
    struct export_run *x = ctx;
    const struct vinn_invoice *inv = &h->invoice;
    const struct vinn_customer *c = &h->customer;
    char issue[VINN_DATE_ISO_SIZE];
    char due[VINN_DATE_ISO_SIZE];
    char day[VINN_DATE_ISO_SIZE];
    char first[VINN_DATE_ISO_SIZE];
    char last[VINN_DATE_ISO_SIZE];
    vinn_day_format(inv->issue_date, issue);
    vinn_day_format(inv->due_date, due);
    vinn_day_format(h->day, day);
    day_text(h->first_letter, first);
    day_text(h->last_letter, last);
    int64_t total = h->principal_minor + h->fees_minor + h->interest_minor;
    if (x->list != NULL) {
        json_t *debtor = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", c->ext_id, "name",
            c->name, "kind", vinn_customer_kind_name(c->kind), "country", c->country, "lang",
            c->lang, "org_no", c->org_no, "national_id", c->national_id, "address", c->address,
            "postcode", c->postcode, "city", c->city, "email", c->email, "phone", c->phone);
        json_array_append_new(
            x->list,
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:i, s:o, s:o, "
                      "s:o}",
                      "invoice", inv->number, "reference", inv->reference, "currency",
                      inv->currency, "issue_date", issue, "due_date", due, "handed_over", day,
                      "gross", (json_int_t)inv->gross_minor, "principal",
                      (json_int_t)h->principal_minor, "fees", (json_int_t)h->fees_minor,
                      "interest", (json_int_t)h->interest_minor, "total", (json_int_t)total,
                      "letters", (int)h->letters, "first_letter", vinn_json_day(h->first_letter),
                      "last_letter", vinn_json_day(h->last_letter), "debtor", debtor));
        return VINN_OK;
    }
    export_header(x);
    printf("%s,%s,%s,%s,%s,%s,%lld,%lld,%lld,%lld,%lld,%u,%s,%s,", inv->number, inv->reference,
           inv->currency, issue, due, day, (long long)inv->gross_minor,
           (long long)h->principal_minor, (long long)h->fees_minor, (long long)h->interest_minor,
           (long long)total, h->letters, first, last);
    const char *fields[] = {c->ext_id,   c->name,    vinn_customer_kind_name(c->kind),
                            c->org_no,   c->national_id, c->address,
                            c->postcode, c->city,    c->country,
                            c->lang,     c->email,   c->phone};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (i > 0) {
            putchar(',');
        }
        csv_field(fields[i]);
    }
    putchar('\n');
    return VINN_OK;
}

int cmd_collection_export(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("format")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "collection export", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    const char *format = o[0].value ? o[0].value : cli->json ? "json" : "csv";
    if (rc == 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        rc = cli_usage(cli, "collection export", "--format must be csv or json, not '%s'",
                       format);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct export_run x = {NULL, false};
    if (strcmp(format, "json") == 0) {
        x.list = json_array();
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_collection_export(&cli->app, &t, cli->today, export_row, &x, &e) != VINN_OK) {
        json_decref(x.list);
        return cli_fail(cli, &e);
    }
    if (x.list != NULL) {
        char iso[VINN_DATE_ISO_SIZE];
        vinn_day_format(cli->today, iso);
        return cli_print_json(json_pack("{s:s, s:s, s:o}", "tenant", t.name, "date", iso,
                                        "claims", x.list));
    }
    export_header(&x);
    return 0;
}

/* ---- policies ------------------------------------------------------------ */

struct policy_list {
    json_t *list;
    const struct vinn_tenant *tenant;
};

static vinn_err policy_row(void *ctx, const struct vinn_policy *p, bool builtin)
{
    struct policy_list *l = ctx;
    if (l->list != NULL) {
        json_t *j = vinn_json_policy(p);
        json_object_set_new(j, "builtin", json_boolean(builtin));
        json_array_append_new(l->list, j);
        return VINN_OK;
    }
    char match[96] = "";
    snprintf(match, sizeof(match), "%s%s%s%s%s",
             p->match.kind < 0 ? "any" : p->match.kind == 1 ? "company" : "person",
             p->match.country[0] ? " " : "", p->match.country, p->match.tag[0] ? " #" : "",
             p->match.tag);
    printf("%-28s %5d  %-24s %u steps%s\n", p->name, p->priority, match, p->steps_count,
           builtin ? "  (built in)" : "");
    for (uint32_t i = 0; i < p->steps_count; i++) {
        const struct vinn_policy_step *s = &p->steps[i];
        char fee[96] = "";
        if (s->fee_minor > 0) {
            cli_tenant_amount(l->tenant, l->tenant->currency, s->fee_minor, fee, sizeof(fee));
        }
        printf("    %-10s %s%-4d %-8s %s%s%s\n", vinn_step_kind_name(s->kind),
               s->after_previous ? "+prev " : "due ", s->days, vinn_tone_name(s->tone),
               fee[0] ? "fee " : "", fee, s->compensation ? " +compensation" : "");
    }
    return VINN_OK;
}

int cmd_policy_list(struct cli *cli, int argc, char **argv)
{
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "policy list", argc, argv, NULL, 0, &t);
    if (rc != 0) {
        return rc;
    }
    struct policy_list l = {cli->json ? json_array() : NULL, &t};
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_policy_list(&cli->app, &t, policy_row, &l, &e) != VINN_OK) {
        json_decref(l.list);
        return cli_fail(cli, &e);
    }
    return l.list != NULL ? cli_print_json(l.list) : 0;
}

int cmd_policy_show(struct cli *cli, int argc, char **argv)
{
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "policy show", argc, argv, NULL, 0, "policy NAME", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_policy p;
    bool builtin = false;
    if (vinn_app_policy_get(&cli->app, &t, arg, &p, &builtin, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    json_t *j = vinn_json_policy(&p);
    json_object_set_new(j, "builtin", json_boolean(builtin));
    return cli_print_json(j);
}

static int print_violations(struct cli *cli, const char *name,
                            const struct vinn_policy_violation *v, size_t n)
{
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:b, s:o}", "policy", name, "lawful", n == 0,
                                 "violations", vinn_json_violations(v, n)));
        return n == 0 ? 0 : EXIT_NO;
    }
    if (n == 0) {
        printf("policy %s: lawful\n", name);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, "vinn: policy %s: steps[%d]: %s (%s)\n", name, v[i].step, v[i].message,
                vinn_err_name(v[i].code));
    }
    return EXIT_NO;
}

int cmd_policy_set(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("file")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "policy set", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && (np != 1 || o[0].value == NULL)) {
        rc = cli_usage(cli, "policy set", "give the policy NAME and --file FILE.json ('-': stdin)");
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    char *text = NULL;
    if (rc == 0) {
        rc = read_text(cli, o[0].value, VINN_POLICY_SPEC_MAX, &text);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_policy p;
    struct vinn_policy_violation v[VINN_POLICY_VIOLATIONS_MAX];
    size_t n = 0;
    vinn_err err = vinn_app_policy_set(&cli->app, &t, text, pos[0], &p, v,
                                       VINN_POLICY_VIOLATIONS_MAX, &n, &e);
    free(text);
    if (err == VINN_E_POLICY_BREAKS_LAW) {
        for (size_t i = 0; i < n && !cli->json; i++) {
            fprintf(stderr, "vinn: policy %s: steps[%d]: %s (%s)\n", pos[0], v[i].step,
                    v[i].message, vinn_err_name(v[i].code));
        }
    }
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(vinn_json_policy(&p));
    }
    printf("policy %s saved: %u steps, priority %d\n", p.name, p.steps_count, p.priority);
    return 0;
}

int cmd_policy_check(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("file")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "policy check", argc, argv, o, CLI_OPTS_N(o), pos, 1, &np);
    if (rc == 0 && (np == 1) == (o[0].value != NULL)) {
        rc = cli_usage(cli, "policy check", "give a policy NAME or --file FILE.json");
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    char *text = NULL;
    if (rc == 0 && o[0].value != NULL) {
        rc = read_text(cli, o[0].value, VINN_POLICY_SPEC_MAX, &text);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_policy p;
    bool builtin = false;
    vinn_err err = text != NULL ? vinn_app_policy_parse(text, NULL, &p, &e)
                                : vinn_app_policy_get(&cli->app, &t, pos[0], &p, &builtin, &e);
    free(text);
    struct vinn_policy_violation v[VINN_POLICY_VIOLATIONS_MAX];
    size_t n = 0;
    if (err == VINN_OK) {
        err = vinn_app_policy_check(&cli->app, &t, &p, v, VINN_POLICY_VIOLATIONS_MAX, &n, &e);
    }
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return print_violations(cli, p.name, v, n);
}

int cmd_policy_delete(struct cli *cli, int argc, char **argv)
{
    const char *arg = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "policy delete", argc, argv, NULL, 0, "policy NAME", &arg, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_policy_delete(&cli->app, &t, arg, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (!cli->json) {
        printf("policy %s deleted: its open cases move to the policy that matches them\n",
               arg);
        return 0;
    }
    return cli_print_json(json_pack("{s:s, s:b}", "policy", arg, "deleted", 1));
}

/* ---- interest rates ------------------------------------------------------ */

static int kind_arg(struct cli *cli, const char *cmd, const char *kind, bool *business)
{
    if (kind == NULL || strcmp(kind, "person") == 0) {
        *business = false;
        return 0;
    }
    if (strcmp(kind, "company") == 0) {
        *business = true;
        return 0;
    }
    return cli_usage(cli, cmd, "--kind must be person or company, not '%s'", kind);
}

int cmd_rates_list(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("country"), CLI_OPT("kind")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "rates list", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    bool business = false;
    if (rc == 0) {
        rc = kind_arg(cli, "rates list", o[1].value, &business);
    }
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    const char *country = o[0].value ? o[0].value : t.country;
    struct vinn_rate_period rates[VINN_RATE_PERIODS_MAX];
    size_t n = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_rates_list(&cli->app, &t, country, business, rates, VINN_RATE_PERIODS_MAX, &n,
                            &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    json_t *list = cli->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        char from[VINN_DATE_ISO_SIZE];
        vinn_day_format(rates[i].from, from);
        if (list != NULL) {
            json_array_append_new(list, json_pack("{s:s, s:i}", "from", from, "rate_bp",
                                                  (int)rates[i].rate_bp));
        } else {
            printf("%s  %d.%02d %%\n", from, rates[i].rate_bp / 100, rates[i].rate_bp % 100);
        }
    }
    if (list != NULL) {
        return cli_print_json(json_pack("{s:s, s:s, s:o}", "country", country, "kind",
                                        business ? "company" : "person", "rates", list));
    }
    return 0;
}

int cmd_rates_set(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("kind")};
    const char *pos[3];
    int np = 0;
    int rc = cli_parse(cli, "rates set", argc, argv, o, CLI_OPTS_N(o), pos, 3, &np);
    if (rc == 0 && np != 3) {
        rc = cli_usage(cli, "rates set", "give COUNTRY FROM-DATE RATE-PERCENT");
    }
    bool business = false;
    if (rc == 0) {
        rc = kind_arg(cli, "rates set", o[0].value, &business);
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
    vinn_day from = 0;
    int64_t bp = 0;
    if (vinn_day_parse(pos[1], "from", &from, &e) != VINN_OK ||
        vinn_decimal_parse(pos[2], 2, "rate", &bp, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (bp < 0 || bp > VINN_INTEREST_RATE_BP_MAX) {
        vinn_fail(&e, VINN_E_RATE_INVALID, "rate", "'rate' must be 0 to 1000 percent");
        return cli_fail(cli, &e);
    }
    if (vinn_app_rate_set(&cli->app, &t, pos[0], business, from, (int32_t)bp, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:s, s:s, s:I}", "country", pos[0], "kind",
                                        business ? "company" : "person", "from", pos[1],
                                        "rate_bp", (json_int_t)bp));
    }
    printf("late interest %s (%s) from %s: %s %%\n", pos[0], business ? "company" : "person",
           pos[1], pos[2]);
    return 0;
}

/* ---- messages and tasks -------------------------------------------------- */

static vinn_err message_row(void *ctx, const struct vinn_message *m)
{
    json_t *list = ctx;
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(m->day, day);
    if (list != NULL) {
        json_array_append_new(list, vinn_json_message(m));
        return VINN_OK;
    }
    char deadline[VINN_DATE_ISO_SIZE];
    day_text(m->deadline, deadline);
    printf("%6lld %s %-10s %-2s %-8s %-7s %-30.30s total %lld %s pay by %s  %s%s%s\n",
           (long long)m->id, day, m->kind, m->lang, vinn_tone_name(m->tone),
           vinn_channel_name(m->channel), m->recipient, (long long)m->total_minor, m->currency,
           deadline, m->status, m->last_error[0] ? ": " : "", m->last_error);
    return VINN_OK;
}

int cmd_messages_list(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("invoice"), CLI_OPT("after"), CLI_OPT("limit")};
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "messages list", argc, argv, o, CLI_OPTS_N(o), &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    int64_t invoice_id = 0;
    if (o[0].value != NULL) {
        struct vinn_invoice inv;
        if (vinn_app_invoice_get(&cli->app, &t, o[0].value, &inv, &e) != VINN_OK) {
            return cli_fail(cli, &e);
        }
        invoice_id = inv.id;
    }
    int64_t after = 0;
    int64_t limit = VINN_PAGE_DEFAULT;
    if ((o[1].value && vinn_decimal_parse(o[1].value, 0, "after", &after, &e) != VINN_OK) ||
        (o[2].value && vinn_decimal_parse(o[2].value, 0, "limit", &limit, &e) != VINN_OK)) {
        return cli_fail(cli, &e);
    }
    if (limit < 1 || limit > VINN_PAGE_MAX) {
        return cli_usage(cli, "messages list", "--limit must be 1 to %d", VINN_PAGE_MAX);
    }
    json_t *list = cli->json ? json_array() : NULL;
    if (vinn_app_messages(&cli->app, &t, invoice_id, after, (uint32_t)limit, message_row, list,
                          &e) != VINN_OK) {
        json_decref(list);
        return cli_fail(cli, &e);
    }
    return list != NULL ? cli_print_json(list) : 0;
}

static vinn_err task_row(void *ctx, const struct vinn_task *tk)
{
    json_t *list = ctx;
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(tk->day, day);
    if (list != NULL) {
        json_array_append_new(list, vinn_json_task(tk));
        return VINN_OK;
    }
    printf("%6lld %s %-24s %s\n", (long long)tk->id, day, tk->owner[0] ? tk->owner : "-",
           tk->text);
    return VINN_OK;
}

int cmd_tasks_list(struct cli *cli, int argc, char **argv)
{
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "tasks list", argc, argv, NULL, 0, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    json_t *list = cli->json ? json_array() : NULL;
    if (vinn_app_tasks(&cli->app, &t, 0, VINN_PAGE_MAX, task_row, list, &e) != VINN_OK) {
        json_decref(list);
        return cli_fail(cli, &e);
    }
    return list != NULL ? cli_print_json(list) : 0;
}

/* ---- simulate ------------------------------------------------------------ */

static int simulate_one(struct cli *cli, const struct vinn_tenant *t, vinn_day from, vinn_day to,
                        uint64_t seed, json_t *list)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_sim_summary s;
    if (vinn_app_simulate(&cli->app, t, from, to, seed, &s, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->progress_shown) {
        fputc('\n', stderr);
        cli->progress_shown = false;
    }
    const struct vinn_day_summary *d = &s.day;
    if (list != NULL) {
        json_array_append_new(
            list,
            json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
                      "s:I, s:I, s:I, s:I}",
                      "tenant", t->name, "country", t->country, "currency", t->currency, "days",
                      (json_int_t)s.days, "invoices", (json_int_t)s.invoices, "payments",
                      (json_int_t)s.payments, "paid_on_time", (json_int_t)s.paid_on_time,
                      "paid", (json_int_t)s.paid_minor, "pre_due", (json_int_t)d->pre_due,
                      "reminders", (json_int_t)d->reminders, "notices", (json_int_t)d->notices,
                      "collections", (json_int_t)d->collections, "tasks", (json_int_t)d->tasks,
                      "messages", (json_int_t)d->messages, "fees", (json_int_t)d->fees_minor,
                      "interest", (json_int_t)d->interest_minor, "open_end",
                      (json_int_t)s.open_end, "outstanding_end",
                      (json_int_t)s.outstanding_end_minor));
        return 0;
    }
    char paid[96];
    char fees[96];
    char interest[96];
    char left[96];
    cli_tenant_amount(t, t->currency, s.paid_minor, paid, sizeof(paid));
    cli_tenant_amount(t, t->currency, d->fees_minor, fees, sizeof(fees));
    cli_tenant_amount(t, t->currency, d->interest_minor, interest, sizeof(interest));
    cli_tenant_amount(t, t->currency, s.outstanding_end_minor, left, sizeof(left));
    printf("%s (%s): %lld days, %lld open invoices at the start\n", t->name, t->country, s.days,
           s.invoices);
    printf("  customers paid %lld invoices (%lld by the due date), %s in\n", s.payments,
           s.paid_on_time, paid);
    printf("  the days sent %lld pre-due reminders, %lld reminders, %lld notices; %lld hand-overs "
           "to collection, %lld tasks\n",
           d->pre_due, d->reminders, d->notices, d->collections, d->tasks);
    printf("  fees %s, late interest %s; %lld invoices still open (%s)\n", fees, interest,
           s.open_end, left);
    return 0;
}

struct sim_tenants {
    struct vinn_tenant list[64];
    int count;
};

static vinn_err sim_tenant(void *ctx, const struct vinn_tenant *t)
{
    struct sim_tenants *ts = ctx;
    if (ts->count < 64) {
        ts->list[ts->count++] = *t;
    }
    return VINN_OK;
}

int cmd_simulate(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("from"), CLI_OPT("to"), CLI_OPT("seed")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "simulate", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    if (rc == 0 && (o[0].value == NULL || o[1].value == NULL)) {
        rc = cli_usage(cli, "simulate", "give --from DATE and --to DATE");
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_day from = 0;
    vinn_day to = 0;
    int64_t seed = 1;
    if (vinn_day_parse(o[0].value, "from", &from, &e) != VINN_OK ||
        vinn_day_parse(o[1].value, "to", &to, &e) != VINN_OK ||
        (o[2].value && vinn_decimal_parse(o[2].value, 0, "seed", &seed, &e) != VINN_OK)) {
        return cli_fail(cli, &e);
    }
    struct sim_tenants *ts = calloc(1, sizeof(*ts));
    if (ts == NULL) {
        vinn_fail(&e, VINN_E_NO_MEMORY, "", "out of memory");
        return cli_fail(cli, &e);
    }
    bool one = cli->tenant != NULL && cli->tenant[0] != '\0';
    rc = one ? cli_tenant(cli, &ts->list[0]) : cli_open(cli);
    ts->count = one ? 1 : 0;
    if (rc == 0 && !one && vinn_app_tenant_list(&cli->app, sim_tenant, ts, &e) != VINN_OK) {
        rc = cli_fail(cli, &e);
    }
    json_t *list = cli->json ? json_array() : NULL;
    for (int i = 0; rc == 0 && i < ts->count; i++) {
        rc = simulate_one(cli, &ts->list[i], from, to, (uint64_t)seed, list);
    }
    free(ts);
    if (list != NULL) {
        return rc == 0 ? cli_print_json(list) : (json_decref(list), rc);
    }
    return rc;
}
