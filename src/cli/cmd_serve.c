/* cmd_serve.c - the HTTP API's door on the command line: vinn serve, the
 * API keys and the webhook deliveries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/money.h"
#include "http/server.h"

/* A whole number option in lo..hi; 0 or the exit code. */
static int number_opt(struct cli *cli, const char *cmd, const char *name, const char *text,
                      long long lo, long long hi, long long *out)
{
    if (text == NULL) {
        return 0;
    }
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < lo || v > hi) {
        return cli_usage(cli, cmd, "--%s must be a whole number %lld to %lld", name, lo, hi);
    }
    *out = v;
    return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {
        CLI_OPT("listen"),          CLI_OPT("threads"),    CLI_OPT("rate"),
        CLI_OPT("burst"),           CLI_OPT("body-max"),   CLI_OPT("timeout"),
        CLI_FLAG("quiet"),          CLI_OPT("ready-file"), CLI_OPT("webhooks-every"),
        CLI_OPT("request-timeout"), CLI_OPT("log-pages"),  CLI_OPT("writers")};
    const char *pos[1];
    int np = 0;
    int rc = cli_parse(cli, "serve", argc, argv, o, CLI_OPTS_N(o), pos, 0, &np);
    long long threads = 0, rate = 100, burst = 0, body = 16, timeout = 30, every = 1000;
    long long request_timeout = 30, log_pages = 32768, writers = 4;
    if (rc == 0) {
        rc = number_opt(cli, "serve", "threads", o[1].value, 1, 1024, &threads);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "rate", o[2].value, 0, 100000000, &rate);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "burst", o[3].value, 0, 100000000, &burst);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "body-max", o[4].value, 1, 1024, &body);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "timeout", o[5].value, 1, 3600, &timeout);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "webhooks-every", o[8].value, 0, 86400000, &every);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "request-timeout", o[9].value, 1, 3600, &request_timeout);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "log-pages", o[10].value, 16, 1 << 24, &log_pages);
    }
    if (rc == 0) {
        rc = number_opt(cli, "serve", "writers", o[11].value, 1, 32, &writers);
    }
    if (rc == 0) {
        rc = cli_open(cli); /* the schema must be there */
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_server_config cfg = {
        .listen = o[0].value,
        .db = cli->db,
        .threads = (unsigned)threads,
        .body_max = (size_t)body << 20,
        .timeout_s = (unsigned)timeout,
        .request_timeout_s = (unsigned)request_timeout,
        .rate = (double)rate,
        .burst = (double)burst,
        .has_today = cli->has_today,
        .today = cli->today,
        .quiet = cli_flag(o, CLI_OPTS_N(o), "quiet"),
        .webhooks_every_ms = (long)every,
        .log_pages = (unsigned)log_pages,
        .writers = (unsigned)writers,
        .ready_file = o[7].value,
    };
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_error ce;
    vinn_error_clear(&ce);
    if (vinn_channels_init(&ce) != VINN_OK) {
        return cli_fail(cli, &ce);
    }
    vinn_err err = vinn_server_run(&cfg, &e);
    vinn_channels_cleanup();
    return err == VINN_OK ? 0 : cli_fail(cli, &e);
}

/* ---- keys ---------------------------------------------------------------- */

int cmd_key_create(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("scopes"), CLI_OPT("name")};
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "key create", argc, argv, o, CLI_OPTS_N(o), &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    uint32_t scopes = 0;
    if (vinn_scopes_parse(o[0].value ? o[0].value : "read,write", "scopes", &scopes, &e) !=
        VINN_OK) {
        return cli_fail(cli, &e);
    }
    char key[VINN_KEY_TEXT_MAX];
    struct vinn_api_key k;
    if (vinn_app_key_create(&cli->app, &t, scopes, o[1].value, key, &k, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    /* The key alone on stdout, once: it is not kept anywhere. */
    printf("%s\n", key);
    if (!cli->json) {
        char s[32];
        vinn_scopes_format(k.scopes, s, sizeof(s));
        fprintf(stderr, "key %s of %s (%s): shown once, store it now\n", k.public_id, t.name, s);
    }
    return 0;
}

int cmd_key_revoke(struct cli *cli, int argc, char **argv)
{
    const char *key = NULL;
    struct vinn_tenant t;
    int rc = cli_one_arg(cli, "key revoke", argc, argv, NULL, 0, "key or its id", &key, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_app_key_revoke(&cli->app, &t, key, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack("{s:s, s:b}", "key", key, "revoked", 1));
    }
    printf("revoked\n");
    return 0;
}

static vinn_err key_row(void *ctx, const struct vinn_api_key *k)
{
    json_t *list = ctx;
    char s[32];
    vinn_scopes_format(k->scopes, s, sizeof(s));
    if (list != NULL) {
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:s, s:b}", "id", k->public_id, "scopes", s,
                                        "name", k->name, "revoked", k->revoked_at_us != 0));
        return VINN_OK;
    }
    printf("%s  %-10s %-8s %s\n", k->public_id, s, k->revoked_at_us ? "revoked" : "active",
           k->name);
    return VINN_OK;
}

int cmd_key_list(struct cli *cli, int argc, char **argv)
{
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "key list", argc, argv, NULL, 0, &t);
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    json_t *list = cli->json ? json_array() : NULL;
    if (vinn_app_key_list(&cli->app, &t, key_row, list, &e) != VINN_OK) {
        json_decref(list);
        return cli_fail(cli, &e);
    }
    return list != NULL ? cli_print_json(list) : 0;
}

/* ---- webhooks ------------------------------------------------------------ */

int cmd_webhooks_send(struct cli *cli, int argc, char **argv)
{
    struct cli_opt o[] = {CLI_OPT("limit"), CLI_OPT("timeout")};
    struct vinn_tenant t;
    int rc = cli_tenant_args(cli, "webhooks send", argc, argv, o, CLI_OPTS_N(o), &t);
    long long limit = 0, timeout = 10;
    if (rc == 0) {
        rc = number_opt(cli, "webhooks send", "limit", o[0].value, 1, 100000000, &limit);
    }
    if (rc == 0) {
        rc = number_opt(cli, "webhooks send", "timeout", o[1].value, 1, 600, &timeout);
    }
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    struct vinn_webhooks_summary s;
    if (vinn_channels_init(&e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    vinn_err err = vinn_app_webhooks_send(&cli->app, &t, (long)timeout * 1000, limit, &s, &e);
    vinn_channels_cleanup();
    if (err != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(json_pack(
            "{s:I, s:I, s:I, s:I}", "considered", (json_int_t)s.considered, "sent",
            (json_int_t)s.sent, "retried", (json_int_t)s.retried, "failed", (json_int_t)s.failed));
    }
    printf("webhooks: %lld deliveries due: %lld sent, %lld to retry, %lld failed\n", s.considered,
           s.sent, s.retried, s.failed);
    return 0;
}
