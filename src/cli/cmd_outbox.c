/* cmd_outbox.c - delivering the queued messages (vinn outbox send). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/money.h"

int cmd_outbox_send(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("smtp"),  CLI_OPT("smtp-user"), CLI_OPT("sms-url"),
                          CLI_OPT("drop"),  CLI_OPT("from"),      CLI_OPT("limit")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "outbox send", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    struct vinn_tenant t;
    if (rc == 0) {
        rc = cli_tenant(cli, &t);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_outbox_options opt;
    memset(&opt, 0, sizeof(opt));
    /* Secrets come from the environment, never from the command line. */
    opt.channels.smtp_url = cli_opt(o, CLI_OPTS_N(o), "smtp");
    opt.channels.smtp_user = cli_opt(o, CLI_OPTS_N(o), "smtp-user");
    opt.channels.smtp_password = getenv("VINN_SMTP_PASSWORD");
    opt.channels.sms_url = cli_opt(o, CLI_OPTS_N(o), "sms-url");
    opt.channels.sms_token = getenv("VINN_SMS_TOKEN");
    opt.channels.drop_dir = cli_opt(o, CLI_OPTS_N(o), "drop");
    char from[300];
    snprintf(from, sizeof(from), "%s <invoice@%s.invalid>", t.name, t.name);
    opt.from = o[4].value ? o[4].value : from;
    int64_t limit = 0;
    if (o[5].value && vinn_decimal_parse(o[5].value, 0, "limit", &limit, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    opt.limit = limit;
    struct vinn_outbox_summary s;
    if (vinn_app_outbox_send(&cli->app, &t, &opt, &s, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I}", "considered",
                                        (json_int_t)s.considered, "sent", (json_int_t)s.sent,
                                        "retried", (json_int_t)s.retried, "failed",
                                        (json_int_t)s.failed, "skipped", (json_int_t)s.skipped));
    }
    printf("outbox: %lld messages due: %lld sent, %lld to retry, %lld failed, %lld waiting for "
           "a channel that is not configured\n",
           s.considered, s.sent, s.retried, s.failed, s.skipped);
    return 0;
}

int cmd_invoice_ehf(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("output")};
    char long_o[] = "--output";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0) {
            argv[i] = long_o; /* -o FILE is --output FILE */
        }
    }
    const char *number = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "invoice ehf", argc, argv, o, CLI_OPTS_N(o), "invoice NUMBER",
                         &number, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    /* Written to a temporary file first: a failed document leaves no file. */
    const char *path = o[0].value;
    char tmp[4200];
    FILE *out = stdout;
    if (path != NULL) {
        snprintf(tmp, sizeof(tmp), "%s.tmp", path);
        out = fopen(tmp, "wb");
        if (out == NULL) {
            vinn_fail(&e, VINN_E_IO, "output", "cannot write '%s'", tmp);
            return cli_fail(cli, &e);
        }
    }
    vinn_err err = vinn_app_invoice_ehf(&cli->app, &t, number, out, &e);
    if (path != NULL) {
        bool closed = fclose(out) == 0;
        if (err == VINN_OK && (!closed || rename(tmp, path) != 0)) {
            err = vinn_fail(&e, VINN_E_IO, "output", "cannot write '%s'", path);
        }
        if (err != VINN_OK) {
            remove(tmp);
        }
    }
    return err == VINN_OK ? 0 : cli_fail(cli, &e);
}
