/*
 * fuzz_api.c - libFuzzer target for the HTTP API's request bodies: the
 * first byte picks a write route, the rest is its body, parsed and handled
 * as `vinn serve` does (src/http: JSON limits, members, types, scaled
 * numbers) down to the real use cases on an in-memory database. Any bytes
 * get a 2xx or a 4xx with a code, a message and, for a 4xx, nothing
 * written; never a 5xx or a crash; and the ledger holds.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "http/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vinn_app app;
static struct vinn_tenant tenant;
static bool ready;

static const char *const routes[][2] = {
    {"POST", "/v1/invoices"},      {"POST", "/v1/customers"},
    {"POST", "/v1/webhooks"},      {"POST", "/v1/runs"},
    {"POST", "/v1/cases/{number}/pause"}, {"POST", "/v1/cases/{number}/promise"},
    {"POST", "/v1/invoices/{number}/credit"}, {"POST", "/v1/payments/{id}/assign"},
};

static void setup(void)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_day today = vinn_day_from_civil(2026, 5, 3);
    int from = 0;
    if (vinn_app_open(&app, ":memory:", true, today, 1, &e) != VINN_OK ||
        vinn_app_init(&app, &from, &e) != VINN_OK) {
        fprintf(stderr, "fuzz_api: %s\n", e.message);
        abort();
    }
    struct vinn_tenant_input t = {.name = "acme", .country = "NO", .currency = "NOK",
                                  .account = "8601.11.17947", .due_days = -1};
    struct vinn_customer_input c = {.id = "K1", .name = "Åse Søreide", .country = "NO",
                                    .email = "ase@example.no"};
    struct vinn_customer out;
    struct vinn_line_input line = {.text = "x", .quantity_milli = 1000,
                                   .unit_price_minor = 10000, .vat_rate_bp = 2500};
    struct vinn_invoice_input inv = {.number = "1", .customer = "K1", .due_days = -1,
                                     .lines = &line, .lines_count = 1};
    struct vinn_invoice made;
    if (vinn_app_tenant_add(&app, &t, &tenant, &e) != VINN_OK ||
        vinn_app_customer_add(&app, &tenant, &c, &out, &e) != VINN_OK ||
        vinn_app_invoice_create(&app, &tenant, &inv, &made, &e) != VINN_OK) {
        fprintf(stderr, "fuzz_api: %s\n", e.message);
        abort();
    }
    ready = true;
}

static const struct http_route *route_of(const char *method, const char *pattern)
{
    for (size_t i = 0; i < http_routes_count; i++) {
        if (strcmp(http_routes[i].method, method) == 0 &&
            strcmp(http_routes[i].pattern, pattern) == 0) {
            return &http_routes[i];
        }
    }
    abort();
}

/* What a refused request must not have added to. */
static long long objects(void)
{
    struct vinn_tenant_stats st;
    struct vinn_error e;
    if (vinn_app_tenant_stats(&app, &tenant, &st, &e) != VINN_OK) {
        abort();
    }
    return (long long)(st.customers * 1000000 + st.invoices);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        setup();
    }
    if (size < 1) {
        return 0;
    }
    const char *const *r = routes[data[0] % (sizeof(routes) / sizeof(routes[0]))];
    const struct http_route *route = route_of(r[0], r[1]);
    char *body = malloc(size);
    if (body == NULL) {
        return 0;
    }
    memcpy(body, data + 1, size - 1);
    body[size - 1] = '\0';
    struct http_req req = {.method = r[0], .path = r[1], .body = body, .body_len = size - 1};
    req.params[0] = "1"; /* invoice "1", payment 1 */
    req.tenant = tenant;
    struct http_resp resp = {.status = 200};
    vinn_error_clear(&resp.error);
    long long before = objects();
    if (http_body_read(route, &req, &resp, 0)) {
        /* half the runs as the server does (read in the HTTP thread
         * first), half with the handler reading the request itself */
        if (route->prepare != NULL && size % 2 == 0) {
            req.prepared = route->prepare(&req);
        }
        route->fn(&app, &req, &resp);
        http_resp_build(&resp);
    }
    if (resp.status >= 500) {
        fprintf(stderr, "fuzz_api: %s %s answered %d: %s (%s)\n", r[0], r[1], resp.status,
                resp.error.message, resp.error.field);
        abort();
    }
    if (resp.status >= 400) {
        if (resp.error.code == VINN_OK || resp.error.message[0] == '\0' ||
            objects() != before) {
            abort();
        }
    } else if (resp.json == NULL && resp.raw == NULL) {
        abort();
    }
    http_resp_drop(&resp);
    json_decref(req.json);
    free(req.prepared);
    free(resp.raw);
    free(body);
    static unsigned runs;
    if (++runs % 64 == 0) {
        struct vinn_verify_report *rep = calloc(1, sizeof(*rep));
        struct vinn_error e;
        if (rep == NULL || vinn_app_ledger_verify(&app, &tenant, rep, &e) != VINN_OK ||
            !vinn_verify_report_holds(rep)) {
            abort();
        }
        free(rep);
    }
    return 0;
}
