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
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "outbox send", argc, argv, o, CLI_OPTS_N(o), &t);
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
        return cli_print_json(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "considered",
                                        (json_int_t)s.considered, "sent", (json_int_t)s.sent,
                                        "retried", (json_int_t)s.retried, "failed",
                                        (json_int_t)s.failed, "skipped", (json_int_t)s.skipped,
                                        "batches", (json_int_t)s.batches));
    }
    printf("outbox: %lld messages due: %lld sent, %lld to retry, %lld failed, %lld waiting for "
           "a channel that is not configured; %lld print batches made\n",
           s.considered, s.sent, s.retried, s.failed, s.skipped, s.batches);
    return 0;
}

/* NUMBER [-o|--output FILE] and the tenant: 0 or the exit code. */
static int document_args(struct cli *cli, const char *cmd, int argc, char **argv,
                         struct cli_opt *o, int n, const char **number, struct vinn_tenant *t)
{
    static char long_o[] = "--output";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0) {
            argv[i] = long_o; /* -o FILE is --output FILE */
        }
    }
    return cli_one_arg(cli, cmd, argc, argv, o, n, "invoice NUMBER", number, t);
}

int cmd_invoice_ehf(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("output")};
    const char *number = NULL;
    struct vinn_tenant t;
    int rc = document_args(cli, "invoice ehf", argc, argv, o, CLI_OPTS_N(o), &number, &t);
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

/* ---- a tenant's own templates ---------------------------------------------- */

/* KIND --lang L --tone T, the tenant resolved: 0 or the exit code. */
static int template_args(struct cli *cli, const char *cmd, int argc, char **argv,
                         struct cli_opt *o, int n, const char **kind, struct vinn_tenant *t)
{
    int rc = cli_one_arg(cli, cmd, argc, argv, o, n, "message KIND", kind, t);
    if (rc == 0 && cli_opt(o, n, "lang") == NULL) {
        rc = cli_usage(cli, cmd, "give --lang (nb, sv, fi, da or en)");
    }
    return rc;
}

int cmd_template_show(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("lang"), CLI_OPT("tone")};
    const char *kind = NULL;
    struct vinn_tenant t;
    int rc = template_args(cli, "template show", argc, argv, o, CLI_OPTS_N(o), &kind, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_template_record *r = malloc(sizeof(*r));
    bool own = false;
    if (r == NULL) {
        vinn_fail(&e, VINN_E_NO_MEMORY, "", "out of memory");
        return cli_fail(cli, &e);
    }
    if (vinn_app_template_get(&cli->app, &t, kind, o[0].value,
                              o[1].value ? o[1].value : "friendly", r, &own, &e) != VINN_OK) {
        free(r);
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        rc = cli_print_json(json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "kind", r->kind,
                                      "lang", r->lang, "tone", r->tone, "own", own, "subject",
                                      r->subject, "body", r->body, "sms", r->sms));
    } else {
        printf("%s %s %s (%s)\nsubject: %s\n\n%s\nsms: %s\n", r->kind, r->lang, r->tone,
               own ? "the tenant's own" : "built in", r->subject, r->body, r->sms);
    }
    free(r);
    return rc;
}

int cmd_template_set(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("lang"), CLI_OPT("tone"), CLI_OPT("file")};
    const char *kind = NULL;
    struct vinn_tenant t;
    int rc = template_args(cli, "template set", argc, argv, o, CLI_OPTS_N(o), &kind, &t);
    if (rc == 0 && o[2].value == NULL) {
        rc = cli_usage(cli, "template set", "give --file FILE.json ({\"subject\", \"body\", "
                                            "\"sms\"})");
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    json_error_t jerr;
    json_t *j = strcmp(o[2].value, "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr)
                                              : json_load_file(o[2].value,
                                                               JSON_REJECT_DUPLICATES, &jerr);
    if (j == NULL || !json_is_object(j)) {
        json_decref(j);
        vinn_fail(&e, VINN_E_BAD_JSON, "file", "'%s' is not a JSON object: %s", o[2].value,
                  jerr.text);
        return cli_fail(cli, &e);
    }
    struct vinn_template_record *r = calloc(1, sizeof(*r));
    const char *names[] = {"subject", "body", "sms"};
    char *fields[] = {r ? r->subject : NULL, r ? r->body : NULL, r ? r->sms : NULL};
    size_t caps[] = {sizeof(r->subject), sizeof(r->body), sizeof(r->sms)};
    vinn_err err = r ? VINN_OK : vinn_fail(&e, VINN_E_NO_MEMORY, "", "out of memory");
    for (int i = 0; err == VINN_OK && i < 3; i++) {
        const char *v = json_string_value(json_object_get(j, names[i]));
        if (v != NULL && strlen(v) >= caps[i]) {
            err = vinn_fail(&e, VINN_E_FIELD_TOO_LONG, names[i], "'%s' is too long", names[i]);
        } else if (v != NULL) {
            memcpy(fields[i], v, strlen(v) + 1);
        }
    }
    json_decref(j);
    if (err == VINN_OK) {
        snprintf(r->kind, sizeof(r->kind), "%s", kind);
        snprintf(r->lang, sizeof(r->lang), "%.2s", o[0].value);
        snprintf(r->tone, sizeof(r->tone), "%s", o[1].value ? o[1].value : "friendly");
        err = vinn_app_template_set(&cli->app, &t, r, &e);
    }
    free(r);
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (!cli->json) {
        printf("template %s %s %s saved\n", kind, o[0].value, o[1].value ? o[1].value : "friendly");
        return 0;
    }
    return cli_print_json(json_pack("{s:s, s:b}", "kind", kind, "saved", 1));
}

int cmd_template_reset(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("lang"), CLI_OPT("tone")};
    const char *kind = NULL;
    struct vinn_tenant t;
    int rc = template_args(cli, "template reset", argc, argv, o, CLI_OPTS_N(o), &kind, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_template_reset(&cli->app, &t, kind, o[0].value,
                                o[1].value ? o[1].value : "friendly", &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (!cli->json) {
        printf("template %s %s: back to the built-in text\n", kind, o[0].value);
        return 0;
    }
    return cli_print_json(json_pack("{s:s, s:b}", "kind", kind, "reset", 1));
}

int cmd_invoice_pdf(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("output"), CLI_OPT("step")};
    const char *number = NULL;
    struct vinn_tenant t;
    int rc = document_args(cli, "invoice pdf", argc, argv, o, CLI_OPTS_N(o), &number, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    int64_t step = 0;
    if (o[1].value != NULL && (vinn_decimal_parse(o[1].value, 0, "step", &step, &e) != VINN_OK ||
                               step < 1 || step > UINT32_MAX)) {
        if (e.code == VINN_OK) {
            vinn_fail(&e, VINN_E_UNKNOWN_VALUE, "step",
                      "step '%s' must be a step number of the case (vinn case show)", o[1].value);
        }
        return cli_fail(cli, &e);
    }
    char path[4200];
    snprintf(path, sizeof(path), "%s", o[0].value ? o[0].value : "");
    if (path[0] == '\0') {
        if (step > 0) {
            snprintf(path, sizeof(path), "%s-%lld.pdf", number, (long long)step);
        } else {
            snprintf(path, sizeof(path), "%s.pdf", number);
        }
        for (char *p = path; *p != '\0'; p++) {
            *p = *p == '/' ? '_' : *p;
        }
    }
    vinn_err err = step > 0 ? vinn_app_step_pdf(&cli->app, &t, number, (uint32_t)step, path, &e)
                            : vinn_app_invoice_pdf(&cli->app, &t, number, path, &e);
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:I, s:s}", "invoice", number, "step",
                                        (json_int_t)step, "pdf", path));
    }
    printf("%s\n", path);
    return 0;
}
