/*
 * cli.h - shared pieces of the `vinn` command: global options, output and
 * the command table. Thin by design: parse, call src/app, render.
 */
#ifndef VINN_CLI_CLI_H
#define VINN_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

/* Exit codes (README): 0 ok, 1 a check said no, 2 bad input or usage,
 * 3 not found, 4 conflict, 5 storage or internal error. */
enum { EXIT_NO = 1, EXIT_USAGE = 2 };

struct cli {
    const char *db;     /* --db, $VINN_DB, ./vinn.db */
    const char *tenant; /* --tenant */
    bool json;          /* --json */
    bool has_today;
    vinn_day today; /* --today or the local date */
    int64_t now_us;
    bool progress; /* stderr is a terminal */
    bool progress_shown;
    long long kill_after_bytes; /* fault injection for tests: 0 = off */
    struct vinn_app app;
    bool app_open;
};

struct command {
    const char *name; /* "invoice create" */
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *usage;   /* "vinn invoice create NUMBER --customer ID ..." */
    const char *summary; /* one line */
    const char *help;    /* options and details */
    bool needs_db;
};

extern const struct command vinn_commands[];
extern const int vinn_commands_count;

/* Open the database (not for init) and resolve --tenant. Prints errors and
 * returns the exit code, 0 on success. */
int cli_open(struct cli *cli);
int cli_tenant(struct cli *cli, struct vinn_tenant *out);

/* Print an error (text to stderr, or JSON to stdout with --json) and
 * return its exit code. */
int cli_fail(struct cli *cli, const struct vinn_error *error);
/* A usage error about the command line: message to stderr, exit 2. */
int cli_usage(struct cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Print json (stolen) on stdout, one document, and return 0. */
int cli_print_json(json_t *value);

/* Options of a command: --name VALUE pairs and flags, parsed in order;
 * positionals collected. Returns 0 or prints a usage error (2). */
struct cli_opt {
    const char *name;  /* without "--" */
    bool takes_value;
    bool repeat;       /* may be given more than once (collected) */
    const char *value; /* last value */
    const char **values; /* repeat: every value */
    int count;
};

#define CLI_OPT(n) {.name = (n), .takes_value = true}
#define CLI_OPT_MANY(n) {.name = (n), .takes_value = true, .repeat = true}
#define CLI_FLAG(n) {.name = (n)}
#define CLI_OPTS_N(o) ((int)(sizeof(o) / sizeof((o)[0])))

int cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *opts,
              int opts_count, const char **positionals, int positionals_max,
              int *positionals_count);
const char *cli_opt(const struct cli_opt *opts, int n, const char *name);
/* cli_parse for a command of one positional argument (named `what` in the
 * usage message), then the tenant: 0 or the exit code. */
int cli_one_arg(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *o, int n,
                const char *what, const char **arg, struct vinn_tenant *t);
bool cli_flag(const struct cli_opt *opts, int n, const char *name);

/* Money for people in the tenant's language. */
void cli_money(const char *currency, int64_t amount, const char *lang, char *out, size_t cap);

/* Money for people in the language of the tenant's country. */
void cli_tenant_money(const struct vinn_tenant *t, const char *currency, int64_t amount, char *out,
                      size_t cap);

/* "1 234,50 NOK": the amount in the tenant country's language, and its code. */
void cli_tenant_amount(const struct vinn_tenant *t, const char *currency, int64_t amount,
                       char *out, size_t cap);

/* cli_parse for a command of options only, then the tenant: 0 or the exit code. */
int cli_tenant_args(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *o,
                    int n, struct vinn_tenant *t);

/* Progress to stderr on a terminal. */
void cli_progress(void *ctx, const char *what, long long done, long long total);

/* Command groups. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_tenant_add(struct cli *cli, int argc, char **argv);
int cmd_tenant_list(struct cli *cli, int argc, char **argv);
int cmd_tenant_show(struct cli *cli, int argc, char **argv);
int cmd_customer_add(struct cli *cli, int argc, char **argv);
int cmd_customer_list(struct cli *cli, int argc, char **argv);
int cmd_customer_show(struct cli *cli, int argc, char **argv);
int cmd_invoice_create(struct cli *cli, int argc, char **argv);
int cmd_invoice_list(struct cli *cli, int argc, char **argv);
int cmd_invoice_show(struct cli *cli, int argc, char **argv);
int cmd_invoice_credit(struct cli *cli, int argc, char **argv);
int cmd_import_customers(struct cli *cli, int argc, char **argv);
int cmd_import_invoices(struct cli *cli, int argc, char **argv);
int cmd_ledger_balance(struct cli *cli, int argc, char **argv);
int cmd_ledger_verify(struct cli *cli, int argc, char **argv);
int cmd_ref_make(struct cli *cli, int argc, char **argv);
int cmd_ref_check(struct cli *cli, int argc, char **argv);
int cmd_id_check(struct cli *cli, int argc, char **argv);
int cmd_calendar(struct cli *cli, int argc, char **argv);
int cmd_payments_import(struct cli *cli, int argc, char **argv);
int cmd_payments_list(struct cli *cli, int argc, char **argv);
int cmd_payments_show(struct cli *cli, int argc, char **argv);
int cmd_payments_assign(struct cli *cli, int argc, char **argv);
int cmd_payments_refund(struct cli *cli, int argc, char **argv);
int cmd_tenant_set(struct cli *cli, int argc, char **argv);
int cmd_run(struct cli *cli, int argc, char **argv);
int cmd_case_show(struct cli *cli, int argc, char **argv);
int cmd_case_pause(struct cli *cli, int argc, char **argv);
int cmd_case_resume(struct cli *cli, int argc, char **argv);
int cmd_case_promise(struct cli *cli, int argc, char **argv);
int cmd_case_writeoff(struct cli *cli, int argc, char **argv);
int cmd_collection_export(struct cli *cli, int argc, char **argv);
int cmd_policy_list(struct cli *cli, int argc, char **argv);
int cmd_policy_show(struct cli *cli, int argc, char **argv);
int cmd_policy_set(struct cli *cli, int argc, char **argv);
int cmd_policy_check(struct cli *cli, int argc, char **argv);
int cmd_policy_delete(struct cli *cli, int argc, char **argv);
int cmd_rates_list(struct cli *cli, int argc, char **argv);
int cmd_rates_set(struct cli *cli, int argc, char **argv);
int cmd_messages_list(struct cli *cli, int argc, char **argv);
int cmd_tasks_list(struct cli *cli, int argc, char **argv);
int cmd_simulate(struct cli *cli, int argc, char **argv);
int cmd_outbox_send(struct cli *cli, int argc, char **argv);
int cmd_invoice_ehf(struct cli *cli, int argc, char **argv);
int cmd_invoice_pdf(struct cli *cli, int argc, char **argv);
int cmd_template_show(struct cli *cli, int argc, char **argv);
int cmd_template_set(struct cli *cli, int argc, char **argv);
int cmd_template_reset(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_key_create(struct cli *cli, int argc, char **argv);
int cmd_key_revoke(struct cli *cli, int argc, char **argv);
int cmd_key_list(struct cli *cli, int argc, char **argv);
int cmd_webhooks_send(struct cli *cli, int argc, char **argv);

#endif
