/*
 * routes.c - the API's routes: each reads its input, calls the use case
 * the command line calls, and answers with the same JSON the command
 * line's --json prints (app/json.h). docs/api.md describes them; the
 * OpenAPI document is made from this table (openapi.c).
 *
 * Lists answer {"data": [...], "next": CURSOR or null}: pass the cursor
 * back as ?after= for the next page.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/json.h"
#include "core/money.h"
#include "http/internal.h"

/* ---- input --------------------------------------------------------------- */

/* A string member: *out NULL when absent or null; false (answered 400) when
 * another type. */
static bool get_str(struct http_resp *resp, json_t *obj, const char *name, const char *field,
                    const char **out)
{
    json_t *v = obj != NULL ? json_object_get(obj, name) : NULL;
    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        return true;
    }
    if (!json_is_string(v)) {
        http_failf(resp, VINN_E_USAGE, field ? field : name, "%s must be a string",
                   field ? field : name);
        return false;
    }
    *out = json_string_value(v);
    return true;
}

static bool need_str(struct http_resp *resp, json_t *obj, const char *name, const char **out)
{
    if (!get_str(resp, obj, name, NULL, out)) {
        return false;
    }
    if (*out == NULL) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, name, "%s is required", name);
        return false;
    }
    return true;
}

static bool get_int(struct http_resp *resp, json_t *obj, const char *name, const char *field,
                    bool *has, int64_t *out)
{
    json_t *v = json_object_get(obj, name);
    *has = v != NULL && !json_is_null(v);
    if (!*has) {
        return true;
    }
    if (!json_is_integer(v)) {
        http_failf(resp, VINN_E_NOT_A_NUMBER, field ? field : name,
                   "%s must be an integer (amounts in minor units)", field ? field : name);
        return false;
    }
    *out = json_integer_value(v);
    return true;
}

static bool get_day(struct http_resp *resp, json_t *obj, const char *name, bool *has, vinn_day *out)
{
    const char *text = NULL;
    if (!get_str(resp, obj, name, NULL, &text)) {
        return false;
    }
    *has = text != NULL;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (text != NULL && vinn_day_parse(text, name, out, &e) != VINN_OK) {
        http_fail(resp, &e);
        return false;
    }
    return true;
}

/* A JSON number with at most `decimals` decimals as a scaled integer
 * (quantity 1.5 -> 1500 thousandths; VAT 25.5 -> 2550 basis points). */
static bool get_scaled(struct http_resp *resp, json_t *obj, const char *name, const char *field,
                       int decimals, int64_t *out)
{
    json_t *v = json_object_get(obj, name);
    if (v == NULL || json_is_null(v)) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, field, "%s is required", field);
        return false;
    }
    int64_t scale = decimals == 3 ? 1000 : 100;
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i > INT64_MAX / scale || i < INT64_MIN / scale) {
            http_failf(resp, VINN_E_NUMBER_OUT_OF_RANGE, field, "%s is too large", field);
            return false;
        }
        *out = (int64_t)i * scale;
        return true;
    }
    if (!json_is_real(v)) {
        http_failf(resp, VINN_E_NOT_A_NUMBER, field, "%s must be a number", field);
        return false;
    }
    double d = json_real_value(v) * (double)scale;
    double r = nearbyint(d);
    if (!isfinite(d) || fabs(r) > 9e15) {
        http_failf(resp, VINN_E_NUMBER_OUT_OF_RANGE, field, "%s is out of range", field);
        return false;
    }
    if (fabs(d - r) > 1e-6 * fmax(1.0, fabs(d))) {
        http_failf(resp, VINN_E_NOT_A_NUMBER, field, "%s may have at most %d decimals", field,
                   decimals);
        return false;
    }
    *out = (int64_t)r;
    return true;
}

/* Only the members a route knows: a typo is an error, not a silent default. */
static bool members_known(struct http_resp *resp, json_t *obj, const char *const *names,
                          const char *prefix)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool known = false;
        for (size_t i = 0; names[i] != NULL; i++) {
            known = known || strcmp(names[i], key) == 0;
        }
        if (!known) {
            char field[VINN_ERROR_FIELD_MAX];
            snprintf(field, sizeof(field), "%s%s", prefix, key);
            http_failf(resp, VINN_E_USAGE, field, "%s is not a member this request takes", field);
            return false;
        }
    }
    return true;
}

/* ?limit= (1..VINN_PAGE_MAX, default VINN_PAGE_DEFAULT). */
static bool page_limit(const struct http_req *req, struct http_resp *resp, uint32_t *out)
{
    const char *text = http_query(req, "limit");
    *out = VINN_PAGE_DEFAULT;
    if (text == NULL) {
        return true;
    }
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < 1 || v > VINN_PAGE_MAX) {
        http_failf(resp, VINN_E_NUMBER_OUT_OF_RANGE, "limit", "limit must be 1 to %d",
                   VINN_PAGE_MAX);
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

static bool query_id(const struct http_req *req, struct http_resp *resp, const char *name,
                     int64_t *out)
{
    const char *text = http_query(req, name);
    *out = 0;
    if (text == NULL) {
        return true;
    }
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || v < 0) {
        http_failf(resp, VINN_E_NOT_A_NUMBER, name, "%s must be a whole number >= 0", name);
        return false;
    }
    *out = v;
    return true;
}

static bool path_id(const struct http_req *req, struct http_resp *resp, const char *name,
                    int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(req->params[0], &end, 10);
    if (end == req->params[0] || *end != '\0' || v <= 0) {
        http_failf(resp, VINN_E_NOT_A_NUMBER, name, "%s '%s' must be a whole number > 0", name,
                   req->params[0]);
        return false;
    }
    *out = v;
    return true;
}

static bool app_ok(struct http_resp *resp, vinn_err rc, const struct vinn_error *e)
{
    if (rc != VINN_OK) {
        http_fail(resp, e);
        return false;
    }
    return true;
}

/* A page: {"data": list, "next": cursor or null}. */
static json_t *page(json_t *list, uint32_t limit, json_t *cursor)
{
    if (json_array_size(list) < limit) {
        json_decref(cursor);
        cursor = json_null();
    }
    return json_pack("{s:o, s:o}", "data", list, "next", cursor != NULL ? cursor : json_null());
}

/* A list the use case filled: its error, or the page with the cursor taken
 * from the last row's member `cursor` (NULL: the whole list, one page). */
static void answer_list(struct http_resp *resp, vinn_err rc, const struct vinn_error *e,
                        json_t *list, uint32_t limit, const char *cursor)
{
    if (!app_ok(resp, rc, e)) {
        json_decref(list);
        return;
    }
    json_t *last = json_array_get(list, json_array_size(list) - 1);
    json_t *next =
        cursor != NULL && last != NULL ? json_incref(json_object_get(last, cursor)) : NULL;
    http_ok(resp, 200, page(list, cursor != NULL ? limit : UINT32_MAX, next));
}

/* A list request: ?limit= and ?after= (an id), the list to fill and its error. */
struct listing {
    uint32_t limit;
    int64_t after;
    json_t *list;
    struct vinn_error e;
};

static bool listing_start(const struct http_req *req, struct http_resp *resp, struct listing *l)
{
    vinn_error_clear(&l->e);
    l->list = NULL;
    if (!page_limit(req, resp, &l->limit) || !query_id(req, resp, "after", &l->after)) {
        return false;
    }
    l->list = json_array();
    return true;
}

/* ---- health and the document --------------------------------------------- */

static void get_health(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    (void)app;
    (void)req;
    http_ok(resp, 200, json_pack("{s:s, s:i}", "status", "ok", "schema", VINN_SCHEMA_VERSION));
}

static void get_openapi(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    (void)app;
    (void)req;
    http_ok(resp, 200, http_openapi());
}

/* ---- customers ----------------------------------------------------------- */

static void post_customer(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {
        "id",          "name",    "country",  "lang", "kind", "email",   "phone",        "org_no",
        "national_id", "address", "postcode", "city", "tags", "channel", "direct_debit", NULL};
    struct vinn_customer_input in;
    memset(&in, 0, sizeof(in));
    const char **fields[] = {&in.id,       &in.name,  &in.country, &in.lang,        &in.kind,
                             &in.email,    &in.phone, &in.org_no,  &in.national_id, &in.address,
                             &in.postcode, &in.city,  &in.tags,    &in.channel};
    if (!members_known(resp, req->json, names, "")) {
        return;
    }
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (!get_str(resp, req->json, names[i], NULL, fields[i])) {
            return;
        }
    }
    json_t *dd = json_object_get(req->json, "direct_debit");
    if (dd != NULL && !json_is_boolean(dd)) {
        http_failf(resp, VINN_E_USAGE, "direct_debit", "direct_debit must be true or false");
        return;
    }
    in.direct_debit = json_is_true(dd);
    struct vinn_customer c;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_customer_add(app, &req->tenant, &in, &c, &e), &e)) {
        snprintf(req->object, sizeof(req->object), "customer %s", c.ext_id);
        http_ok(resp, 201, vinn_json_customer(&c));
    }
}

static void get_customer(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_customer c;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_customer_get(app, &req->tenant, req->params[0], &c, &e), &e)) {
        http_ok(resp, 200, vinn_json_customer(&c));
    }
}

static vinn_err customer_add_row(void *ctx, const struct vinn_customer *c)
{
    return json_array_append_new(ctx, vinn_json_customer(c)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_customers(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    uint32_t limit;
    if (!page_limit(req, resp, &limit)) {
        return;
    }
    json_t *list = json_array();
    struct vinn_error e;
    vinn_error_clear(&e);
    const char *after = http_query(req, "after");
    answer_list(resp,
                vinn_app_customer_list(app, &req->tenant, after ? after : "", limit,
                                       customer_add_row, list, &e),
                &e, list, limit, "id");
}

/* ---- invoices ------------------------------------------------------------ */

/* prefix then name in field (cap 64): a member's name for its errors,
 * made without a printf per member. */
static const char *field_name(char field[64], const char *prefix, size_t prefix_len,
                              const char *name)
{
    size_t n = strlen(name);
    if (prefix_len + n >= 64) {
        n = 63 - prefix_len;
    }
    memcpy(field, prefix, prefix_len);
    memcpy(field + prefix_len, name, n);
    field[prefix_len + n] = '\0';
    return field;
}

static bool line_read(struct http_resp *resp, json_t *line, size_t i, struct vinn_line_input *out)
{
    static const char *const names[] = {"text", "quantity", "unit_price", "vat_rate", NULL};
    char prefix[32];
    char field[64];
    snprintf(prefix, sizeof(prefix), "lines[%zu].", i);
    size_t pl = strlen(prefix);
    if (!json_is_object(line)) {
        snprintf(field, sizeof(field), "lines[%zu]", i);
        http_failf(resp, VINN_E_USAGE, field, "%s must be an object", field);
        return false;
    }
    if (!members_known(resp, line, names, prefix)) {
        return false;
    }
    if (!get_str(resp, line, "text", field_name(field, prefix, pl, "text"), &out->text) ||
        !get_scaled(resp, line, "quantity", field_name(field, prefix, pl, "quantity"), 3,
                    &out->quantity_milli)) {
        return false;
    }
    field_name(field, prefix, pl, "unit_price");
    bool has = false;
    if (!get_int(resp, line, "unit_price", field, &has, &out->unit_price_minor)) {
        return false;
    }
    if (!has) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, field, "%s is required", field);
        return false;
    }
    field_name(field, prefix, pl, "vat_rate");
    int64_t bp = 0;
    if (!get_scaled(resp, line, "vat_rate", field, 2, &bp)) {
        return false;
    }
    if (bp < 0 || bp > 10000) {
        http_failf(resp, VINN_E_NUMBER_OUT_OF_RANGE, field, "%s must be 0 to 100 (percent)", field);
        return false;
    }
    out->vat_rate_bp = (int32_t)bp;
    return true;
}

/* A new invoice, for its answer to be made outside the writer. */
struct invoice_made {
    struct vinn_invoice invoice;
    vinn_day today;
    uint32_t count;
    struct vinn_invoice_line lines[];
};

static char *invoice_made_text(const void *data, size_t *len)
{
    const struct invoice_made *m = data;
    return vinn_json_invoice_text(&m->invoice, m->lines, m->count, m->today, len);
}

/* A new invoice's request, read: the input, its lines in lines[], and
 * after them its strings, so that it needs the request's JSON no more. */
struct invoice_request {
    struct vinn_invoice_input in;
    struct vinn_line_input lines[];
};

/* *s (if any) copied to *at, which moves past it; *s points at the copy. */
static void string_moved(char **at, const char **s)
{
    if (*s != NULL) {
        size_t n = strlen(*s) + 1;
        memcpy(*at, *s, n);
        *s = *at;
        *at += n;
    }
}

static size_t string_size(const char *s)
{
    return s != NULL ? strlen(s) + 1 : 0;
}

/* r with its strings copied in after its lines (r is reallocated; freed
 * when out of memory, and NULL). */
static struct invoice_request *invoice_request_own(struct invoice_request *r)
{
    size_t head = sizeof(*r) + r->in.lines_count * sizeof(r->lines[0]);
    size_t strings = string_size(r->in.number) + string_size(r->in.customer) +
                     string_size(r->in.currency) + string_size(r->in.sale_channel);
    for (size_t i = 0; i < r->in.lines_count; i++) {
        strings += string_size(r->lines[i].text);
    }
    struct invoice_request *o = realloc(r, head + strings); /* the strings are in the JSON */
    if (o == NULL) {
        free(r);
        return NULL;
    }
    char *at = (char *)o + head;
    string_moved(&at, &o->in.number);
    string_moved(&at, &o->in.customer);
    string_moved(&at, &o->in.currency);
    string_moved(&at, &o->in.sale_channel);
    for (size_t i = 0; i < o->in.lines_count; i++) {
        string_moved(&at, &o->lines[i].text);
    }
    o->in.lines = o->lines;
    return o;
}

/* Read and check POST /v1/invoices; NULL (answered 4xx, or 500 out of
 * memory) when it is not right. */
static struct invoice_request *invoice_request_read(const struct http_req *req,
                                                    struct http_resp *resp)
{
    static const char *const names[] = {"number",   "customer",     "date",
                                        "due_days", "due_date",     "currency",
                                        "lines",    "sale_channel", NULL};
    struct vinn_invoice_input in;
    memset(&in, 0, sizeof(in));
    in.due_days = -1;
    bool has_days = false;
    int64_t days = 0;
    if (!members_known(resp, req->json, names, "") ||
        !need_str(resp, req->json, "number", &in.number) ||
        !need_str(resp, req->json, "customer", &in.customer) ||
        !get_str(resp, req->json, "currency", NULL, &in.currency) ||
        !get_str(resp, req->json, "sale_channel", NULL, &in.sale_channel) ||
        !get_day(resp, req->json, "date", &in.has_date, &in.date) ||
        !get_day(resp, req->json, "due_date", &in.has_due_date, &in.due_date) ||
        !get_int(resp, req->json, "due_days", NULL, &has_days, &days)) {
        return NULL;
    }
    if (has_days && (days < 0 || days > 3650)) {
        http_failf(resp, VINN_E_DUE_DAYS_RANGE, "due_days", "due_days must be 0 to 3650");
        return NULL;
    }
    if (has_days && in.has_due_date) {
        http_failf(resp, VINN_E_USAGE, "due_date", "give due_days or due_date, not both");
        return NULL;
    }
    in.due_days = has_days ? (int32_t)days : -1;
    json_t *lines = json_object_get(req->json, "lines");
    if (!json_is_array(lines) || json_array_size(lines) == 0) {
        http_failf(resp, VINN_E_INVOICE_NO_LINES, "lines",
                   "lines must be a list of at least one line");
        return NULL;
    }
    if (json_array_size(lines) > VINN_INVOICE_LINES_MAX) {
        http_failf(resp, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                   "an invoice may have at most %d lines", VINN_INVOICE_LINES_MAX);
        return NULL;
    }
    in.lines_count = json_array_size(lines);
    struct invoice_request *r = malloc(sizeof(*r) + in.lines_count * sizeof(r->lines[0]));
    if (r == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return NULL;
    }
    size_t i;
    json_t *line;
    json_array_foreach(lines, i, line)
    {
        memset(&r->lines[i], 0, sizeof(r->lines[i]));
        if (!line_read(resp, line, i, &r->lines[i])) {
            free(r);
            return NULL;
        }
    }
    r->in = in;
    r = invoice_request_own(r);
    if (r == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
    }
    return r;
}

/* In the HTTP thread: the request read before it goes to the writer. */
static void *invoice_prepare(const struct http_req *req)
{
    struct http_resp scratch = {.status = 200};
    struct invoice_request *r = invoice_request_read(req, &scratch);
    http_resp_drop(&scratch); /* a wrong request is answered by post_invoice */
    return r;
}

static void post_invoice(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct invoice_request *own = NULL;
    const struct invoice_request *r = req->prepared;
    if (r == NULL) {
        r = own = invoice_request_read(req, resp);
        if (r == NULL) {
            return;
        }
    }
    const struct vinn_invoice_input *in = &r->in;
    struct invoice_made *made = malloc(sizeof(*made) + in->lines_count * sizeof(made->lines[0]));
    if (made == NULL) {
        free(own);
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    made->count = (uint32_t)in->lines_count;
    bool ok = app_ok(resp,
                     vinn_app_invoice_create_lines(app, &req->tenant, in, &made->invoice,
                                                   made->lines, &e),
                     &e);
    free(own); /* in with it */
    if (!ok) {
        free(made);
        return;
    }
    made->today = app->today;
    snprintf(req->object, sizeof(req->object), "invoice %s", made->invoice.number);
    http_ok_later(resp, 201, invoice_made_text, made);
}

static void get_invoice(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_invoice inv;
    struct vinn_invoice_line lines[VINN_INVOICE_LINES_MAX];
    uint32_t n = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_invoice_get(app, &req->tenant, req->params[0], &inv, &e), &e) &&
        app_ok(resp, vinn_app_invoice_lines(app, &req->tenant, &inv, lines, &n, &e), &e)) {
        http_ok(resp, 200, vinn_json_invoice(&inv, lines, n, app->today));
    }
}

struct invoice_rows {
    json_t *list;
    vinn_day today;
};

static vinn_err invoice_add_row(void *ctx, const struct vinn_invoice *inv)
{
    struct invoice_rows *r = ctx;
    return json_array_append_new(r->list, vinn_json_invoice(inv, NULL, 0, r->today)) == 0
               ? VINN_OK
               : VINN_E_NO_MEMORY;
}

static void list_invoices(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_invoice_filter f;
    memset(&f, 0, sizeof(f));
    if (!page_limit(req, resp, &f.limit)) {
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    const char *status = http_query(req, "status");
    if (status != NULL && strcmp(status, "overdue") == 0) {
        f.overdue_only = true;
    } else if (status != NULL) {
        if (!app_ok(resp, vinn_invoice_status_parse(status, &f.status, &e), &e)) {
            return;
        }
        f.has_status = true;
    }
    const char *customer = http_query(req, "customer");
    if (customer != NULL) {
        struct vinn_customer c;
        if (!app_ok(resp, vinn_app_customer_get(app, &req->tenant, customer, &c, &e), &e)) {
            return;
        }
        f.customer_id = c.id;
    }
    const char *after = http_query(req, "after");
    snprintf(f.after_number, sizeof(f.after_number), "%s", after ? after : "");
    struct invoice_rows rows = {json_array(), app->today};
    answer_list(resp, vinn_app_invoice_list(app, &req->tenant, &f, invoice_add_row, &rows, &e), &e,
                rows.list, f.limit, "number");
}

static void post_credit(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"amount", "number", NULL};
    bool has_amount = false;
    int64_t amount = 0;
    const char *number = NULL;
    if (req->json != NULL && (!members_known(resp, req->json, names, "") ||
                              !get_int(resp, req->json, "amount", NULL, &has_amount, &amount) ||
                              !get_str(resp, req->json, "number", NULL, &number))) {
        return;
    }
    struct vinn_invoice cn;
    struct vinn_invoice inv;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp,
               vinn_app_invoice_credit(app, &req->tenant, req->params[0], !has_amount, amount,
                                       number, &cn, &inv, &e),
               &e)) {
        snprintf(req->object, sizeof(req->object), "invoice %s", inv.number);
        http_ok(resp, 201,
                json_pack("{s:o, s:o}", "credit_note", vinn_json_invoice(&cn, NULL, 0, app->today),
                          "invoice", vinn_json_invoice(&inv, NULL, 0, app->today)));
    }
}

/* A document of the invoice, written by `write` into memory, as the answer. */
static void document_answer(struct vinn_app *app, struct http_req *req, struct http_resp *resp,
                            vinn_err (*write)(struct vinn_app *, const struct vinn_tenant *,
                                              const char *, FILE *, struct vinn_error *),
                            const char *content_type)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = write(app, &req->tenant, req->params[0], f, &e);
    if (fclose(f) != 0 && rc == VINN_OK) {
        rc = vinn_fail(&e, VINN_E_NO_MEMORY, "", "out of memory");
    }
    if (rc != VINN_OK) {
        free(buf);
        http_fail(resp, &e);
        return;
    }
    resp->raw = buf;
    resp->raw_len = len;
    resp->content_type = content_type;
}

static void get_invoice_pdf(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    document_answer(app, req, resp, vinn_app_invoice_pdf_stream, "application/pdf");
}

static void get_invoice_ehf(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    document_answer(app, req, resp, vinn_app_invoice_ehf, "application/xml");
}

/* ---- payments ------------------------------------------------------------ */

static void post_payments_import(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_bank_format format = VINN_BANK_AUTO;
    const char *fmt = http_query(req, "format");
    if (fmt != NULL && !app_ok(resp, vinn_bank_format_parse(fmt, &format, &e), &e)) {
        return;
    }
    if (req->body_len == 0) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, "body", "the bank file is the request's body");
        return;
    }
    const char *name = http_query(req, "name");
    FILE *f = fmemopen((void *)req->body, req->body_len, "r");
    if (f == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    struct vinn_payments_summary s;
    vinn_err rc =
        vinn_app_payments_import(app, &req->tenant, f, name ? name : "upload", format, &s, &e);
    fclose(f);
    if (!app_ok(resp, rc, &e)) {
        return;
    }
    snprintf(req->object, sizeof(req->object), "bank import %lld", (long long)s.import_id);
    http_ok(resp, 201,
            json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "format",
                      s.format, "import", (json_int_t)s.import_id, "entries", (json_int_t)s.entries,
                      "new", (json_int_t)s.new_entries, "duplicates", (json_int_t)s.duplicates,
                      "matched", (json_int_t)s.matched, "partial", (json_int_t)s.partial,
                      "overpaid", (json_int_t)s.overpaid, "unmatched", (json_int_t)s.unmatched,
                      "reversals", (json_int_t)s.reversals, "skipped", (json_int_t)s.skipped,
                      "amount", (json_int_t)s.amount_minor, "currency", s.currency));
}

static vinn_err payment_add_row(void *ctx, const struct vinn_payment *p)
{
    return json_array_append_new(ctx, vinn_json_payment(p)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_payments(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_payment_filter f;
    memset(&f, 0, sizeof(f));
    struct vinn_error e;
    vinn_error_clear(&e);
    if (!page_limit(req, resp, &f.limit) || !query_id(req, resp, "after", &f.after_id)) {
        return;
    }
    const char *status = http_query(req, "status");
    if (status != NULL && strcmp(status, "unmatched") == 0) {
        f.unmatched_only = true;
    } else if (status != NULL) {
        if (!app_ok(resp, vinn_payment_status_parse(status, &f.status, &e), &e)) {
            return;
        }
        f.has_status = true;
    }
    json_t *list = json_array();
    answer_list(resp, vinn_app_payment_list(app, &req->tenant, &f, payment_add_row, list, &e), &e,
                list, f.limit, "id");
}

static vinn_err alloc_add_row(void *ctx, const struct vinn_payment_allocation *a)
{
    return json_array_append_new(ctx, vinn_json_allocation(a)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static vinn_err event_add_row(void *ctx, const struct vinn_payment_event *ev)
{
    return json_array_append_new(ctx, vinn_json_payment_event(ev)) == 0 ? VINN_OK
                                                                        : VINN_E_NO_MEMORY;
}

/* A payment as `vinn payments show --json` prints it. */
static void payment_answer(struct vinn_app *app, struct http_req *req, struct http_resp *resp,
                           const struct vinn_payment *p, int status)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    json_t *allocs = json_array();
    json_t *events = json_array();
    if (!app_ok(resp,
                vinn_app_payment_allocations(app, &req->tenant, p->id, alloc_add_row, allocs, &e),
                &e) ||
        !app_ok(resp, vinn_app_payment_events(app, &req->tenant, p->id, event_add_row, events, &e),
                &e)) {
        json_decref(allocs);
        json_decref(events);
        return;
    }
    json_t *o = vinn_json_payment(p);
    json_object_set_new(o, "allocations", allocs);
    json_object_set_new(o, "events", events);
    http_ok(resp, status, o);
}

static void get_payment(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    int64_t id;
    struct vinn_payment p;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (path_id(req, resp, "id", &id) &&
        app_ok(resp, vinn_app_payment_get(app, &req->tenant, id, &p, &e), &e)) {
        payment_answer(app, req, resp, &p, 200);
    }
}

static void post_assign(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"invoices", NULL};
    int64_t id;
    if (!path_id(req, resp, "id", &id) || !members_known(resp, req->json, names, "")) {
        return;
    }
    json_t *list = json_object_get(req->json, "invoices");
    size_t n = json_array_size(list);
    if (!json_is_array(list) || n == 0 || n > 64) {
        http_failf(resp, VINN_E_USAGE, "invoices", "invoices must be a list of 1 to 64 numbers");
        return;
    }
    const char *numbers[64];
    for (size_t i = 0; i < n; i++) {
        numbers[i] = json_string_value(json_array_get(list, i));
        if (numbers[i] == NULL) {
            char field[32];
            snprintf(field, sizeof(field), "invoices[%zu]", i);
            http_failf(resp, VINN_E_USAGE, field, "%s must be an invoice number (a string)", field);
            return;
        }
    }
    struct vinn_payment p;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_payment_assign(app, &req->tenant, id, numbers, n, &p, &e), &e)) {
        snprintf(req->object, sizeof(req->object), "payment %lld", (long long)id);
        payment_answer(app, req, resp, &p, 200);
    }
}

static void post_refund(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"account", NULL};
    int64_t id;
    const char *account = NULL;
    if (!path_id(req, resp, "id", &id) ||
        (req->json != NULL && (!members_known(resp, req->json, names, "") ||
                               !get_str(resp, req->json, "account", NULL, &account)))) {
        return;
    }
    struct vinn_payout out;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_payment_refund(app, &req->tenant, id, account, &out, &e), &e)) {
        snprintf(req->object, sizeof(req->object), "payment %lld", (long long)id);
        http_ok(resp, 201, vinn_json_payout(&out));
    }
}

/* ---- the day and cases --------------------------------------------------- */

static void post_run(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"date", NULL};
    bool has = false;
    vinn_day day = app->today;
    if (req->json != NULL && (!members_known(resp, req->json, names, "") ||
                              !get_day(resp, req->json, "date", &has, &day))) {
        return;
    }
    vinn_day saved = app->today;
    app->today = day;
    struct vinn_day_summary s;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_app_day_run(app, &req->tenant, &s, &e);
    app->today = saved;
    if (app_ok(resp, rc, &e)) {
        char iso[VINN_DATE_ISO_SIZE];
        vinn_day_format(day, iso);
        snprintf(req->object, sizeof(req->object), "day %s", iso);
        http_ok(resp, 200, vinn_json_day_summary(&s));
    }
}

static void get_case(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_case_view *v = malloc(sizeof(*v));
    if (v == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_case_show(app, &req->tenant, req->params[0], v, &e), &e)) {
        http_ok(resp, 200, vinn_json_case(v));
    }
    free(v);
}

/* After a change to a case: the case as GET gives it. */
static void case_changed(struct vinn_app *app, struct http_req *req, struct http_resp *resp,
                         vinn_err rc, const struct vinn_error *e)
{
    if (app_ok(resp, rc, e)) {
        snprintf(req->object, sizeof(req->object), "invoice %s", req->params[0]);
        get_case(app, req, resp);
    }
}

static void post_pause(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"reason", NULL};
    const char *reason = NULL;
    if (!members_known(resp, req->json, names, "") ||
        !need_str(resp, req->json, "reason", &reason)) {
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    case_changed(app, req, resp, vinn_app_case_pause(app, &req->tenant, req->params[0], reason, &e),
                 &e);
}

static void post_resume(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    case_changed(app, req, resp, vinn_app_case_resume(app, &req->tenant, req->params[0], &e), &e);
}

static void post_promise(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"until", NULL};
    bool has = false;
    vinn_day until = 0;
    if (!members_known(resp, req->json, names, "") ||
        !get_day(resp, req->json, "until", &has, &until)) {
        return;
    }
    if (!has) {
        http_failf(resp, VINN_E_FIELD_REQUIRED, "until", "until is required (YYYY-MM-DD)");
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    case_changed(app, req, resp,
                 vinn_app_case_promise(app, &req->tenant, req->params[0], until, &e), &e);
}

static void post_writeoff(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    int64_t amount = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    case_changed(app, req, resp,
                 vinn_app_case_writeoff(app, &req->tenant, req->params[0], &amount, &e), &e);
}

/* ---- policies ------------------------------------------------------------ */

struct policy_rows {
    json_t *list;
};

static vinn_err policy_add_row(void *ctx, const struct vinn_policy *p, bool builtin)
{
    json_t *o = vinn_json_policy(p);
    json_object_set_new(o, "builtin", json_boolean(builtin));
    return json_array_append_new(ctx, o) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_policies(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    json_t *list = json_array();
    struct vinn_error e;
    vinn_error_clear(&e);
    answer_list(resp, vinn_app_policy_list(app, &req->tenant, policy_add_row, list, &e), &e, list,
                0, NULL);
}

static void get_policy(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_policy p;
    bool builtin = false;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_policy_get(app, &req->tenant, req->params[0], &p, &builtin, &e),
               &e)) {
        json_t *o = vinn_json_policy(&p);
        json_object_set_new(o, "builtin", json_boolean(builtin));
        http_ok(resp, 200, o);
    }
}

static void put_policy(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_policy p;
    struct vinn_policy_violation v[VINN_POLICY_VIOLATIONS_MAX];
    size_t n = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_app_policy_set(app, &req->tenant, req->body, req->params[0], &p, v,
                                      VINN_POLICY_VIOLATIONS_MAX, &n, &e);
    if (rc == VINN_E_POLICY_BREAKS_LAW) {
        json_t *list = vinn_json_violations(v, n);
        json_t *doc = vinn_json_error(&e);
        json_object_set_new(json_object_get(doc, "error"), "violations", list);
        resp->status = vinn_err_http_status(rc);
        resp->error = e;
        resp->json = doc;
        resp->verbatim = true; /* the error document is complete as it is */
        return;
    }
    if (app_ok(resp, rc, &e)) {
        snprintf(req->object, sizeof(req->object), "policy %s", p.name);
        http_ok(resp, 200, vinn_json_policy(&p));
    }
}

static void delete_policy(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_policy_delete(app, &req->tenant, req->params[0], &e), &e)) {
        snprintf(req->object, sizeof(req->object), "policy %s", req->params[0]);
        http_ok(resp, 200, json_pack("{s:s, s:b}", "name", req->params[0], "deleted", 1));
    }
}

/* ---- messages, tasks, events, audit ---------------------------------------- */

static vinn_err message_add_row(void *ctx, const struct vinn_message *m)
{
    return json_array_append_new(ctx, vinn_json_message(m)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static vinn_err task_add_row(void *ctx, const struct vinn_task *t)
{
    return json_array_append_new(ctx, vinn_json_task(t)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_messages(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct listing l;
    if (!listing_start(req, resp, &l)) {
        return;
    }
    int64_t invoice_id = 0;
    const char *number = http_query(req, "invoice");
    if (number != NULL) {
        struct vinn_invoice inv;
        if (!app_ok(resp, vinn_app_invoice_get(app, &req->tenant, number, &inv, &l.e), &l.e)) {
            json_decref(l.list);
            return;
        }
        invoice_id = inv.id;
    }
    answer_list(resp,
                vinn_app_messages(app, &req->tenant, invoice_id, l.after, l.limit, message_add_row,
                                  l.list, &l.e),
                &l.e, l.list, l.limit, "id");
}

static void list_tasks(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct listing l;
    if (listing_start(req, resp, &l)) {
        answer_list(resp,
                    vinn_app_tasks(app, &req->tenant, l.after, l.limit, task_add_row, l.list, &l.e),
                    &l.e, l.list, l.limit, "id");
    }
}

static json_t *webhook_json(const struct vinn_webhook *w, bool with_secret)
{
    json_t *events = json_array();
    for (const char *p = w->events; *p != '\0';) {
        size_t len = strcspn(p, ",");
        json_array_append_new(events, json_stringn(p, len));
        p += len + (p[len] == ',');
    }
    json_t *o =
        json_pack("{s:I, s:s, s:o}", "id", (json_int_t)w->id, "url", w->url, "events", events);
    if (with_secret) {
        json_object_set_new(o, "secret", json_string(w->secret));
    }
    return o;
}

static void post_webhook(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    static const char *const names[] = {"url", "events", NULL};
    const char *url = NULL;
    if (!members_known(resp, req->json, names, "") || !need_str(resp, req->json, "url", &url)) {
        return;
    }
    json_t *events = json_object_get(req->json, "events");
    char list[VINN_EVENT_TYPES_MAX + 1] = "";
    if (events == NULL || json_is_null(events)) {
        snprintf(list, sizeof(list), "*");
    } else if (!json_is_array(events) || json_array_size(events) == 0) {
        http_failf(resp, VINN_E_USAGE, "events",
                   "events must be a list of event types, or [\"*\"]");
        return;
    }
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev)
    {
        const char *type = json_string_value(ev);
        size_t used = strlen(list);
        if (type == NULL || strchr(type, ',') != NULL ||
            snprintf(list + used, sizeof(list) - used, "%s%s", used ? "," : "", type) >=
                (int)(sizeof(list) - used)) {
            http_failf(resp, VINN_E_EVENT_TYPE_UNKNOWN, "events",
                       "events[%zu] is not an event type", i);
            return;
        }
    }
    struct vinn_webhook w;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_webhook_create(app, &req->tenant, url, list, &w, &e), &e)) {
        snprintf(req->object, sizeof(req->object), "webhook %lld", (long long)w.id);
        http_ok(resp, 201, webhook_json(&w, true));
    }
}

static vinn_err webhook_add_row(void *ctx, const struct vinn_webhook *w)
{
    return json_array_append_new(ctx, webhook_json(w, false)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_webhooks(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    json_t *list = json_array();
    struct vinn_error e;
    vinn_error_clear(&e);
    answer_list(resp, vinn_app_webhook_list(app, &req->tenant, webhook_add_row, list, &e), &e, list,
                0, NULL);
}

static void delete_webhook(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    int64_t id;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (path_id(req, resp, "id", &id) &&
        app_ok(resp, vinn_app_webhook_delete(app, &req->tenant, id, &e), &e)) {
        snprintf(req->object, sizeof(req->object), "webhook %lld", (long long)id);
        http_ok(resp, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
    }
}

static vinn_err event_record_add(void *ctx, const struct vinn_event *ev)
{
    json_error_t jerr;
    json_t *data = json_loads(ev->data, 0, &jerr);
    char id[32];
    snprintf(id, sizeof(id), "evt_%lld", (long long)ev->id);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:I, s:o*}", "id", id, "seq", (json_int_t)ev->id,
                          "type", ev->type, "object", ev->object, "created",
                          (json_int_t)(ev->created_at_us / 1000000), "data", data);
    return json_array_append_new(ctx, o) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_events(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct listing l;
    if (listing_start(req, resp, &l)) {
        answer_list(
            resp,
            vinn_app_events(app, &req->tenant, l.after, l.limit, event_record_add, l.list, &l.e),
            &l.e, l.list, l.limit, "seq");
    }
}

static vinn_err audit_add_row(void *ctx, const struct vinn_audit_record *a)
{
    char at[32];
    time_t t = (time_t)(a->at_us / 1000000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:i}", "id", (json_int_t)a->id, "at", at,
                          "key", (json_int_t)a->key_id, "method", a->method, "route", a->route,
                          "object", a->object, "status", a->status);
    return json_array_append_new(ctx, o) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void list_audit(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct listing l;
    if (listing_start(req, resp, &l)) {
        answer_list(
            resp, vinn_app_audit(app, &req->tenant, l.after, l.limit, audit_add_row, l.list, &l.e),
            &l.e, l.list, l.limit, "id");
    }
}

/* ---- the ledger ---------------------------------------------------------- */

static vinn_err balance_add_row(void *ctx, const struct vinn_balance *b)
{
    return json_array_append_new(ctx, vinn_json_balance(b)) == 0 ? VINN_OK : VINN_E_NO_MEMORY;
}

static void get_balances(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    json_t *list = json_array();
    struct vinn_error e;
    vinn_error_clear(&e);
    answer_list(resp,
                vinn_app_ledger_balances(app, &req->tenant, http_query(req, "customer"),
                                         balance_add_row, list, &e),
                &e, list, 0, NULL);
}

static void get_verify(struct vinn_app *app, struct http_req *req, struct http_resp *resp)
{
    struct vinn_verify_report *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        http_failf(resp, VINN_E_NO_MEMORY, "", "out of memory");
        return;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    if (app_ok(resp, vinn_app_ledger_verify(app, &req->tenant, r, &e), &e)) {
        http_ok(resp, 200, vinn_json_verify(req->tenant.name, r));
    }
    free(r);
}

/* ---- the table ----------------------------------------------------------- */

#define W ROUTE_WRITE
#define B ROUTE_BODY

const struct http_route http_routes[] = {
    {"GET", "/v1/health", get_health, ROUTE_PUBLIC, 200, "meta", "The server answers", NULL,
     "Health", NULL, NULL},
    {"GET", "/v1/openapi.json", get_openapi, ROUTE_PUBLIC, 200, "meta", "This document", NULL,
     "Object", NULL, NULL},
    {"POST", "/v1/customers", post_customer, W | B, 201, "customers", "Add a customer",
     "CustomerInput", "Customer", NULL, NULL},
    {"GET", "/v1/customers", list_customers, 0, 200, "customers", "List customers by id", NULL,
     "CustomerPage", "after,limit", NULL},
    {"GET", "/v1/customers/{id}", get_customer, 0, 200, "customers", "A customer", NULL, "Customer",
     NULL, NULL},
    {"POST", "/v1/invoices", post_invoice, W | B, 201, "invoices",
     "Create an invoice: lines, VAT, due date on a bank day, payment reference, posting",
     "InvoiceInput", "Invoice", NULL, invoice_prepare},
    {"GET", "/v1/invoices", list_invoices, 0, 200, "invoices", "List invoices by number", NULL,
     "InvoicePage", "status,customer,after,limit", NULL},
    {"GET", "/v1/invoices/{number}", get_invoice, 0, 200, "invoices", "An invoice with its lines",
     NULL, "Invoice", NULL, NULL},
    {"POST", "/v1/invoices/{number}/credit", post_credit, W, 201, "invoices",
     "Credit an invoice in full, or by amount (minor units)", "CreditInput", "CreditResult", NULL,
     NULL},
    {"GET", "/v1/invoices/{number}/pdf", get_invoice_pdf, 0, 200, "invoices",
     "The invoice as PDF in the customer's language", NULL, "Pdf", NULL, NULL},
    {"GET", "/v1/invoices/{number}/ehf", get_invoice_ehf, 0, 200, "invoices",
     "The invoice as EHF / Peppol BIS Billing 3.0 UBL", NULL, "Xml", NULL, NULL},
    {"POST", "/v1/payments/imports", post_payments_import, W | ROUTE_RAW, 201, "payments",
     "Import a bank file (the body): camt.054, camt.053, OCR giro, BgMax or CSV", "BankFile",
     "ImportSummary", "format,name", NULL},
    {"GET", "/v1/payments", list_payments, 0, 200, "payments",
     "List payments (status=unmatched: the queue waiting for a person)", NULL, "PaymentPage",
     "status,after,limit", NULL},
    {"GET", "/v1/payments/{id}", get_payment, 0, 200, "payments",
     "A payment with its allocations and history", NULL, "Payment", NULL, NULL},
    {"POST", "/v1/payments/{id}/assign", post_assign, W | B, 200, "payments",
     "Apply an unmatched payment to invoices (a person's decision)", "AssignInput", "Payment",
     NULL, NULL},
    {"POST", "/v1/payments/{id}/refund", post_refund, W, 201, "payments",
     "Pay back an unmatched payment or a credit balance", "RefundInput", "Payout", NULL, NULL},
    {"POST", "/v1/runs", post_run, W, 200, "dunning",
     "Run the day: reminders, notices, interest, hand-overs", "RunInput", "DaySummary", NULL, NULL},
    {"GET", "/v1/cases/{number}", get_case, 0, 200, "dunning", "An invoice's dunning case", NULL,
     "Case", NULL, NULL},
    {"POST", "/v1/cases/{number}/pause", post_pause, W | B, 200, "dunning", "Pause the steps",
     "PauseInput", "Case", NULL, NULL},
    {"POST", "/v1/cases/{number}/resume", post_resume, W, 200, "dunning", "Resume the steps", NULL,
     "Case", NULL, NULL},
    {"POST", "/v1/cases/{number}/promise", post_promise, W | B, 200, "dunning",
     "A promise to pay by a day", "PromiseInput", "Case", NULL, NULL},
    {"POST", "/v1/cases/{number}/writeoff", post_writeoff, W, 200, "dunning",
     "Write off what is left as a loss", NULL, "Case", NULL, NULL},
    {"GET", "/v1/policies", list_policies, 0, 200, "dunning",
     "Dunning policies: the tenant's, then the built-in defaults", NULL, "PolicyList", NULL, NULL},
    {"GET", "/v1/policies/{name}", get_policy, 0, 200, "dunning", "A dunning policy", NULL,
     "Policy", NULL, NULL},
    {"PUT", "/v1/policies/{name}", put_policy, W | B, 200, "dunning",
     "Save a dunning policy; one that breaks the law is refused with every rule it breaks",
     "Policy", "Policy", NULL, NULL},
    {"DELETE", "/v1/policies/{name}", delete_policy, W, 200, "dunning", "Delete a policy", NULL,
     "Deleted", NULL, NULL},
    {"GET", "/v1/messages", list_messages, 0, 200, "messages", "The outbox", NULL, "MessagePage",
     "invoice,after,limit", NULL},
    {"GET", "/v1/tasks", list_tasks, 0, 200, "messages", "Tasks for people", NULL, "TaskPage",
     "after,limit", NULL},
    {"POST", "/v1/webhooks", post_webhook, W | B, 201, "webhooks",
     "Register a webhook endpoint; the answer holds its signing secret, shown once", "WebhookInput",
     "Webhook", NULL, NULL},
    {"GET", "/v1/webhooks", list_webhooks, 0, 200, "webhooks", "The webhooks in force", NULL,
     "WebhookList", NULL, NULL},
    {"DELETE", "/v1/webhooks/{id}", delete_webhook, W, 200, "webhooks", "Delete a webhook", NULL,
     "Deleted", NULL, NULL},
    {"GET", "/v1/events", list_events, 0, 200, "webhooks", "Events recorded for webhooks", NULL,
     "EventPage", "after,limit", NULL},
    {"GET", "/v1/audit", list_audit, 0, 200, "meta", "The audit log of writes", NULL, "AuditPage",
     "after,limit", NULL},
    {"GET", "/v1/ledger/balances", get_balances, 0, 200, "ledger",
     "Balances per account (customer=ID: one customer's)", NULL, "BalanceList", "customer", NULL},
    {"GET", "/v1/ledger/verify", get_verify, 0, 200, "ledger",
     "Recompute every balance from the postings", NULL, "VerifyReport", NULL, NULL},
};

const size_t http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);
