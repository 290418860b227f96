/*
 * main.c - `vinn`: global options, dispatch, help, and the shared output
 * helpers. The only place (with the server's start-up) that prints, exits
 * or reads the clock.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/json.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/country.h"
#include "core/money.h"

static const char global_help[] =
    "Global options (anywhere on the line):\n"
    "  --db PATH|URL      the database: an SQLite file, or a postgresql:// URL\n"
    "                     (default $VINN_DB, else ./vinn.db)\n"
    "  --tenant NAME      the tenant (merchant) to act for; optional when there is one\n"
    "  --today YYYY-MM-DD the day to act on (default: today's local date)\n"
    "  --json             machine output: one JSON document on stdout\n"
    "  -h, --help         help for the command\n"
    "\n"
    "Exit codes: 0 ok, 1 a check said no, 2 bad input or usage, 3 not found,\n"
    "4 conflict (already exists), 5 storage or internal error.\n";

static void help_all(FILE *out)
{
    fprintf(out, "vinn - invoice-to-cash engine\n\nUsage: vinn COMMAND [ARGS] [OPTIONS]\n\n"
                 "Commands:\n");
    for (int i = 0; i < vinn_commands_count; i++) {
        fprintf(out, "  %-18s %s\n", vinn_commands[i].name, vinn_commands[i].summary);
    }
    fprintf(out, "  %-18s %s\n", "help [COMMAND]", "this text, or a command's help");
    fprintf(out, "  %-18s %s\n\n%s", "version", "print the version", global_help);
    fprintf(out, "\nRun 'vinn COMMAND --help' for a command's options.\n");
}

static void help_one(const struct command *c, FILE *out)
{
    fprintf(out, "Usage: %s\n\n%s.\n", c->usage, c->summary);
    if (c->help != NULL && c->help[0] != '\0') {
        fprintf(out, "\n%s", c->help);
    }
    fprintf(out, "\n%s", global_help);
}

/* Find the command named by the first one or two words. */
static const struct command *command_find(int argc, char **argv, int *words)
{
    for (int i = 0; i < vinn_commands_count; i++) {
        const char *name = vinn_commands[i].name;
        const char *space = strchr(name, ' ');
        if (space == NULL) {
            if (argc >= 1 && strcmp(argv[0], name) == 0) {
                *words = 1;
                return &vinn_commands[i];
            }
            continue;
        }
        size_t n = (size_t)(space - name);
        if (argc >= 2 && strlen(argv[0]) == n && strncmp(argv[0], name, n) == 0 &&
            strcmp(argv[1], space + 1) == 0) {
            *words = 2;
            return &vinn_commands[i];
        }
    }
    return NULL;
}

static bool group_exists(const char *word)
{
    size_t n = strlen(word);
    for (int i = 0; i < vinn_commands_count; i++) {
        if (strncmp(vinn_commands[i].name, word, n) == 0 && vinn_commands[i].name[n] == ' ') {
            return true;
        }
    }
    return false;
}

static void help_group(const char *word, FILE *out)
{
    size_t n = strlen(word);
    fprintf(out, "Usage: vinn %s SUBCOMMAND ...\n\nSubcommands:\n", word);
    for (int i = 0; i < vinn_commands_count; i++) {
        if (strncmp(vinn_commands[i].name, word, n) == 0 && vinn_commands[i].name[n] == ' ') {
            fprintf(out, "  %-18s %s\n", vinn_commands[i].name, vinn_commands[i].summary);
        }
    }
}

static int set_today(struct cli *cli, const char *value)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_day_parse(value, "today", &cli->today, &e) != VINN_OK) {
        fprintf(stderr, "vinn: %s\n", e.message);
        return EXIT_USAGE;
    }
    cli->has_today = true;
    return 0;
}

/* Take the global options out of argv wherever they are. */
static int globals(struct cli *cli, int *argc, char **argv, bool *help)
{
    int out = 0;
    for (int i = 0; i < *argc; i++) {
        const char *a = argv[i];
        const char *names[] = {"--db", "--tenant", "--today"};
        int which = -1;
        const char *value = NULL;
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(names[k]);
            if (strcmp(a, names[k]) == 0) {
                which = k;
                if (i + 1 >= *argc) {
                    fprintf(stderr, "vinn: option '%s' needs a value\n", a);
                    return EXIT_USAGE;
                }
                value = argv[++i];
            } else if (strncmp(a, names[k], n) == 0 && a[n] == '=') {
                which = k;
                value = a + n + 1;
            }
        }
        if (which == 0) {
            cli->db = value;
        } else if (which == 1) {
            cli->tenant = value;
        } else if (which == 2) {
            int rc = set_today(cli, value);
            if (rc != 0) {
                return rc;
            }
        } else if (strcmp(a, "--json") == 0) {
            cli->json = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = true;
        } else {
            argv[out++] = argv[i];
        }
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

static void clock_now(struct cli *cli)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    cli->now_us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    if (!cli->has_today) {
        struct tm tm;
        time_t t = ts.tv_sec;
        localtime_r(&t, &tm);
        cli->today = vinn_day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
}

int main(int argc, char **argv)
{
    struct cli cli;
    memset(&cli, 0, sizeof(cli));
    const char *env_db = getenv("VINN_DB");
    cli.db = env_db && env_db[0] ? env_db : "vinn.db";
    cli.progress = isatty(STDERR_FILENO);
    /* Everything vinn stores and prints is UTF-8: a command line that is
     * not (a Latin-1 terminal) is refused here, before it reaches a message
     * or a JSON document. */
    for (int i = 1; i < argc; i++) {
        if (!vinn_utf8_is_valid(argv[i], strlen(argv[i]))) {
            fprintf(stderr, "vinn: argument %d is not valid UTF-8: set the terminal to UTF-8\n",
                    i);
            return EXIT_USAGE;
        }
    }
    bool help = false;
    int rest = argc - 1;
    int rc = globals(&cli, &rest, argv + 1, &help);
    if (rc != 0) {
        return rc;
    }
    clock_now(&cli);
    char **args = argv + 1;
    if (rest == 0 || strcmp(args[0], "help") == 0) {
        int words = 0;
        const struct command *c = rest > 1 ? command_find(rest - 1, args + 1, &words) : NULL;
        if (c != NULL) {
            help_one(c, stdout);
        } else if (rest > 1 && group_exists(args[1])) {
            help_group(args[1], stdout);
        } else if (rest > 1) {
            fprintf(stderr, "vinn: unknown command '%s'\n", args[1]);
            return EXIT_USAGE;
        } else {
            help_all(rest == 0 && !help ? stderr : stdout);
        }
        return rest == 0 && !help ? EXIT_USAGE : 0;
    }
    if (strcmp(args[0], "version") == 0 || strcmp(args[0], "--version") == 0) {
        printf("vinn 0.1.0\n");
        return 0;
    }
    int words = 0;
    const struct command *c = command_find(rest, args, &words);
    if (c == NULL) {
        if (group_exists(args[0])) {
            if (help) {
                help_group(args[0], stdout);
                return 0;
            }
            fprintf(stderr, "vinn: '%s' needs a subcommand; see 'vinn help %s'\n", args[0],
                    args[0]);
            return EXIT_USAGE;
        }
        fprintf(stderr, "vinn: unknown command '%s'; see 'vinn help'\n", args[0]);
        return EXIT_USAGE;
    }
    if (help) {
        help_one(c, stdout);
        return 0;
    }
    rc = c->run(&cli, rest - words, args + words);
    if (cli.progress_shown) {
        fputc('\n', stderr);
    }
    if (cli.app_open) {
        vinn_app_close(&cli.app);
    }
    return rc;
}

/* ---- shared helpers ------------------------------------------------------ */

int cli_print_json(json_t *value)
{
    if (value == NULL) {
        fprintf(stderr, "vinn: out of memory\n");
        return 5;
    }
    json_dumpf(value, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(value);
    return 0;
}

int cli_fail(struct cli *cli, const struct vinn_error *error)
{
    if (cli->json) {
        cli_print_json(vinn_json_error(error));
    } else {
        const char *msg = error->message[0] ? error->message : vinn_err_message(error->code);
        fprintf(stderr, "vinn: %s\n", msg);
    }
    int code = vinn_err_exit_code(error->code);
    return code == 0 ? 5 : code;
}

int cli_usage(struct cli *cli, const char *cmd, const char *fmt, ...)
{
    (void)cli;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "vinn %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nsee 'vinn %s --help'\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_open(struct cli *cli)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_open(&cli->app, cli->db, false, cli->today, cli->now_us, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    cli->app_open = true;
    /* Fault injection for the crash tests: VINN_FAULT_KILL_AFTER_BYTES=N
     * kills this process with SIGKILL once long work has done N units (bytes
     * of a file read, invoices of the day considered), as a power cut or an
     * OOM kill would, in the middle of its transaction. */
    const char *kill_at = getenv("VINN_FAULT_KILL_AFTER_BYTES");
    cli->kill_after_bytes = kill_at ? atoll(kill_at) : 0;
    if ((cli->progress && !cli->json) || cli->kill_after_bytes > 0) {
        cli->app.progress = cli_progress;
        cli->app.progress_ctx = cli;
    }
    return 0;
}

int cli_tenant(struct cli *cli, struct vinn_tenant *out)
{
    int rc = cli->app_open ? 0 : cli_open(cli);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_tenant_resolve(&cli->app, cli->tenant, out, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    return 0;
}

static struct cli_opt *opt_find(struct cli_opt *opts, int n, const char *name, size_t len)
{
    for (int i = 0; i < n; i++) {
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) {
            return &opts[i];
        }
    }
    return NULL;
}

static int opt_take(struct cli_opt *o, const char *value, int argc, char **argv)
{
    o->value = value;
    if (o->repeat) {
        if (o->values == NULL) {
            o->values = calloc((size_t)argc + 1, sizeof(*o->values));
            if (o->values == NULL) {
                return -1;
            }
        }
        o->values[o->count] = value;
    }
    (void)argv;
    o->count++;
    return 0;
}

/* Parse a command of one positional argument (what it is named in the usage
 * message) and options, and resolve the tenant: 0 or the exit code. */
int cli_one_arg(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *o,
                   int n, const char *what, const char **arg, struct vinn_tenant *t)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, cmd, argc, argv, o, n, pos, 1, &np);
    if (rc == 0 && np != 1) {
        rc = cli_usage(cli, cmd, "give the %s", what);
    }
    if (rc == 0) {
        *arg = pos[0];
        rc = cli_tenant(cli, t);
    }
    return rc;
}

int cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *opts,
              int opts_count, const char **positionals, int positionals_max,
              int *positionals_count)
{
    int np = 0;
    bool only_positionals = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_positionals || a[0] != '-' || a[1] != '-' || a[2] == '\0') {
            if (!only_positionals && strcmp(a, "--") == 0) {
                only_positionals = true;
                continue;
            }
            if (np >= positionals_max) {
                return cli_usage(cli, cmd, "unexpected argument '%s'", a);
            }
            positionals[np++] = a;
            continue;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        struct cli_opt *o = opt_find(opts, opts_count, name, len);
        if (o == NULL) {
            return cli_usage(cli, cmd, "unknown option '--%.*s'", (int)len, name);
        }
        const char *value = NULL;
        if (o->takes_value) {
            if (eq != NULL) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                return cli_usage(cli, cmd, "option '--%s' needs a value", o->name);
            }
        } else if (eq != NULL) {
            return cli_usage(cli, cmd, "option '--%s' takes no value", o->name);
        }
        if (!o->repeat && o->count > 0) {
            return cli_usage(cli, cmd, "option '--%s' is given twice", o->name);
        }
        if (opt_take(o, value, argc, argv) != 0) {
            fprintf(stderr, "vinn: out of memory\n");
            return 5;
        }
    }
    *positionals_count = np;
    return 0;
}

const char *cli_opt(const struct cli_opt *opts, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(opts[i].name, name) == 0) {
            return opts[i].value;
        }
    }
    return NULL;
}

bool cli_flag(const struct cli_opt *opts, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(opts[i].name, name) == 0) {
            return opts[i].count > 0;
        }
    }
    return false;
}

void cli_money(const char *currency, int64_t amount, const char *lang_code, char *out, size_t cap)
{
    const struct vinn_currency *cur = vinn_currency_find(currency);
    enum vinn_lang lang = VINN_LANG_EN;
    if (vinn_lang_parse(lang_code, &lang, NULL) != VINN_OK) {
        lang = VINN_LANG_EN;
    }
    if (cur == NULL || vinn_money_format(amount, cur, lang, VINN_FMT_PLAIN_SPACE, out, cap) !=
                           VINN_OK) {
        snprintf(out, cap, "%lld", (long long)amount);
    }
}

void cli_tenant_money(const struct vinn_tenant *t, const char *currency, int64_t amount, char *out,
                      size_t cap)
{
    enum vinn_country country = VINN_COUNTRY_OTHER;
    enum vinn_lang lang = VINN_LANG_EN;
    if (vinn_country_parse(t->country, &country, NULL) == VINN_OK) {
        lang = vinn_country_default_lang(country);
    }
    cli_money(currency, amount, vinn_lang_code(lang), out, cap);
}

void cli_tenant_amount(const struct vinn_tenant *t, const char *currency, int64_t amount,
                       char *out, size_t cap)
{
    char m[VINN_MONEY_TEXT_MAX];
    cli_tenant_money(t, currency, amount, m, sizeof(m));
    snprintf(out, cap, "%s %s", m, currency);
}

int cli_tenant_args(struct cli *cli, const char *cmd, int argc, char **argv, struct cli_opt *o,
                    int n, struct vinn_tenant *t)
{
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, cmd, argc, argv, o, n, pos, 0, &np);
    return rc != 0 ? rc : cli_tenant(cli, t);
}

void cli_progress(void *ctx, const char *what, long long done, long long total)
{
    struct cli *cli = ctx;
    if (cli->kill_after_bytes > 0 && done >= cli->kill_after_bytes) {
        raise(SIGKILL);
    }
    if (!cli->progress || cli->json) {
        return;
    }
    cli->progress_shown = true;
    if (strcmp(what, "invoices") == 0) {
        fprintf(stderr, "\rthe day: %lld invoices considered", done);
    } else if (strcmp(what, "days") == 0) {
        fprintf(stderr, "\rsimulating: day %lld of %lld", done, total);
    } else if (total > 0) {
        int pct = (int)(done * 100 / total);
        fprintf(stderr, "\rimporting %s: %3d%% (%lld of %lld bytes)", what, pct, done, total);
    } else {
        fprintf(stderr, "\rimporting %s: %lld bytes", what, done);
    }
    fflush(stderr);
}
