/* json.c - records to JSON with jansson. */
#include "app/json.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ledger.h"
#include "app/app.h"
#include "base/text.h"
#include "core/match.h"

json_t *vinn_json_day(vinn_day day)
{
    if (day == VINN_NO_DAY) {
        return json_null();
    }
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(day, iso);
    return json_string(iso);
}

/* A scaled integer as a JSON number: 1500 thousandths -> 1.5. For display
 * of quantities and rates only; amounts are never converted. */
static json_t *scaled(int64_t value, int64_t scale)
{
    if (value % scale == 0) {
        return json_integer(value / scale);
    }
    return json_real((double)value / (double)scale);
}

json_t *vinn_json_tenant(const struct vinn_tenant *t)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "name", t->name, "country",
                     t->country, "currency", t->currency, "org", t->org_no, "account", t->account,
                     "iban", t->iban, "reference_kind", t->ref_kind, "due_days", (int)t->due_days);
}

json_t *vinn_json_tenant_stats(const struct vinn_tenant_stats *st)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "customers",
                     (json_int_t)st->customers, "invoices", (json_int_t)st->invoices,
                     "credit_notes", (json_int_t)st->credit_notes, "open", (json_int_t)st->open,
                     "overdue", (json_int_t)st->overdue, "paid", (json_int_t)st->paid,
                     "credited", (json_int_t)st->credited, "invoiced",
                     (json_int_t)st->invoiced_minor, "credited_amount",
                     (json_int_t)st->credited_minor, "outstanding",
                     (json_int_t)st->outstanding_minor, "overdue_amount",
                     (json_int_t)st->overdue_minor);
}

json_t *vinn_json_customer(const struct vinn_customer *c)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                          c->ext_id, "name", c->name, "country", c->country, "lang", c->lang,
                          "kind", vinn_customer_kind_name(c->kind), "email", c->email, "phone",
                          c->phone, "org", c->org_no, "address", c->address, "postcode",
                          c->postcode, "city", c->city);
    if (o == NULL) {
        return NULL;
    }
    json_t *tags = json_array();
    const char *p = c->tags;
    while (tags != NULL && *p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0) {
            json_array_append_new(tags, json_stringn(p, n));
        }
        p += n + (end ? 1 : 0);
    }
    json_object_set_new(o, "tags", tags ? tags : json_null());
    json_object_set_new(o, "channel", json_string(c->channel));
    json_object_set_new(o, "direct_debit", json_boolean(c->direct_debit));
    /* The national identity number is personal data: shown as present or not. */
    json_object_set_new(o, "national_id_on_file", json_boolean(c->national_id[0] != '\0'));
    return o;
}

static json_t *lines_json(const struct vinn_invoice_line *lines, uint32_t n)
{
    json_t *a = json_array();
    for (uint32_t i = 0; a != NULL && i < n; i++) {
        const struct vinn_invoice_line *l = &lines[i];
        json_array_append_new(a, json_pack("{s:i, s:s, s:o, s:I, s:o, s:I}", "line",
                                           (int)l->line_no, "text", l->text, "quantity",
                                           scaled(l->quantity_milli, 1000), "unit_price",
                                           (json_int_t)l->unit_price_minor, "vat_rate",
                                           scaled(l->vat_rate_bp, 100), "net",
                                           (json_int_t)l->net_minor));
    }
    return a;
}

json_t *vinn_json_invoice(const struct vinn_invoice *inv, const struct vinn_invoice_line *lines,
                          uint32_t lines_count, vinn_day today)
{
    bool overdue = inv->status == VINN_STATUS_OPEN && inv->due_date < today;
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:s, s:I, s:I, s:s, s:b}", "number",
        inv->number, "kind", vinn_invoice_kind_name(inv->kind), "customer", inv->customer_ext_id,
        "currency", inv->currency, "amount", (json_int_t)inv->gross_minor, "net",
        (json_int_t)inv->net_minor, "vat", (json_int_t)inv->vat_minor, "date",
        vinn_json_day(inv->issue_date), "due_date", vinn_json_day(inv->due_date), "reference",
        inv->reference, "outstanding", (json_int_t)inv->outstanding_minor, "credited",
        (json_int_t)inv->credited_minor, "status", vinn_invoice_status_name(inv->status),
        "overdue", overdue);
    if (o != NULL) {
        json_object_set_new(o, "sale_channel", json_string(inv->sale_channel));
    }
    if (o != NULL && lines != NULL) {
        json_object_set_new(o, "lines", lines_json(lines, lines_count));
    }
    return o;
}

json_t *vinn_json_balance(const struct vinn_balance *b)
{
    const char *kind = vinn_account_kind_name(b->kind);
    return json_pack("{s:s?, s:s, s:s, s:I}", "customer",
                     b->customer_id > 0 ? b->customer_ext_id : NULL, "account",
                     kind ? kind : "unknown", "currency", b->currency, "balance",
                     (json_int_t)b->balance_minor);
}

json_t *vinn_json_verify(const char *tenant, const struct vinn_verify_report *r)
{
    json_t *problems = json_array();
    for (uint32_t i = 0; problems != NULL && i < r->problems_count; i++) {
        json_array_append_new(problems, json_string(r->problems[i]));
    }
    bool ok = vinn_verify_report_holds(r);
    return json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "tenant",
                     tenant,
                     "ok", ok, "transactions", (json_int_t)r->transactions, "postings",
                     (json_int_t)r->postings, "accounts", (json_int_t)r->accounts, "invoices",
                     (json_int_t)r->invoices, "unbalanced_transactions",
                     (json_int_t)r->unbalanced_transactions, "account_mismatches",
                     (json_int_t)r->account_mismatches, "invoice_mismatches",
                     (json_int_t)r->invoice_mismatches, "status_mismatches",
                     (json_int_t)r->status_mismatches, "queue_mismatches",
                     (json_int_t)r->queue_mismatches, "payment_mismatches",
                     (json_int_t)r->payment_mismatches, "problems",
                     problems ? problems : json_array());
}

/* Copy s into out with every byte of an invalid UTF-8 sequence as '?':
 * messages quote what the user typed, which may be any bytes, and JSON
 * strings must be UTF-8. */
static void utf8_clean(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len && n + 1 < cap;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (k == 0 || i + k > len || n + k + 1 > cap || !vinn_utf8_is_valid(s + i, k)) {
            out[n++] = '?';
            i++;
            continue;
        }
        memcpy(out + n, s + i, k);
        n += k;
        i += k;
    }
    out[n] = '\0';
}

json_t *vinn_json_error(const struct vinn_error *e)
{
    char message[VINN_ERROR_MESSAGE_MAX];
    char field[VINN_ERROR_FIELD_MAX];
    utf8_clean(e->message[0] ? e->message : vinn_err_message(e->code), message, sizeof(message));
    utf8_clean(e->field, field, sizeof(field));
    return json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", vinn_err_name(e->code), "message",
                     message, "field", field[0] ? field : NULL);
}

json_t *vinn_json_payment(const struct vinn_payment *p)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:b, s:I, s:s, s:s, s:s, s:s, s:s, s:s, "
                          "s:s, s:I, s:I, s:I, s:I, s:s}",
                          "id", (json_int_t)p->id, "entry_id", p->entry_id, "status",
                          vinn_payment_status_name(p->status), "method",
                          vinn_match_method_name((enum vinn_match_method)p->method), "confidence",
                          p->confidence, "reversal", p->reversal, "amount",
                          (json_int_t)p->amount_minor, "currency", p->currency, "reference",
                          p->reference, "message", p->message, "payer_name", p->payer_name,
                          "payer_account", p->payer_account, "bank_ref", p->bank_ref,
                          "customer", p->customer_ext_id, "unmatched",
                          (json_int_t)p->unmatched_minor, "credit", (json_int_t)p->credit_minor,
                          "refunded", (json_int_t)p->refunded_minor, "related",
                          (json_int_t)p->related_id, "source", p->source);
    if (o == NULL) {
        return NULL;
    }
    json_object_set_new(o, "booking_date",
                        p->booking_date != 0 ? vinn_json_day(p->booking_date) : json_null());
    json_object_set_new(o, "value_date",
                        p->value_date != 0 ? vinn_json_day(p->value_date) : json_null());
    if (p->return_reason[0] != '\0') {
        json_object_set_new(o, "return_reason", json_string(p->return_reason));
    }
    return o;
}

json_t *vinn_json_allocation(const struct vinn_payment_allocation *a)
{
    json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I}", "invoice", a->invoice_number, "fees",
                          (json_int_t)a->fees_minor, "interest", (json_int_t)a->interest_minor,
                          "principal", (json_int_t)a->principal_minor, "amount",
                          (json_int_t)(a->fees_minor + a->interest_minor + a->principal_minor));
    if (o != NULL) {
        json_object_set_new(o, "date", vinn_json_day(a->day));
    }
    return o;
}

json_t *vinn_json_payment_event(const struct vinn_payment_event *e)
{
    json_t *o = json_pack("{s:s, s:s}", "kind", e->kind, "detail", e->detail);
    if (o != NULL) {
        json_object_set_new(o, "date", vinn_json_day(e->day));
    }
    return o;
}

json_t *vinn_json_payout(const struct vinn_payout *o)
{
    json_t *j = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->id,
                          "payment", (json_int_t)o->payment_id, "amount",
                          (json_int_t)o->amount_minor, "currency", o->currency, "payee_name",
                          o->payee_name, "payee_account", o->payee_account, "message",
                          o->message);
    if (j != NULL) {
        json_object_set_new(j, "date", vinn_json_day(o->day));
    }
    return j;
}

/* ---- the day and its cases ---- */

json_t *vinn_json_day_summary(const struct vinn_day_summary *s)
{
    return json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "date",
                     vinn_json_day(s->date), "tenants", (json_int_t)s->tenants,
                     "invoices_considered", (json_int_t)s->invoices_considered, "pre_due",
                     (json_int_t)s->pre_due, "reminders", (json_int_t)s->reminders, "notices",
                     (json_int_t)s->notices, "collections", (json_int_t)s->collections, "tasks",
                     (json_int_t)s->tasks, "messages", (json_int_t)s->messages, "closed",
                     (json_int_t)s->closed, "fees", (json_int_t)s->fees_minor, "interest",
                     (json_int_t)s->interest_minor);
}

static json_t *law_bits_json(uint32_t law)
{
    static const char *const names[] = {
        "fee_too_early", "fee_capped",      "fee_letters",     "fee_gap",
        "fee_deadline",  "fee_not_agreed",  "fee_currency",    "fee_compensation",
        "deadline_extended", "notice_first", "collection_waits",
    };
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
        if (law & (1u << i)) {
            json_array_append_new(a, json_string(names[i]));
        }
    }
    return a;
}

json_t *vinn_json_case_step(const struct vinn_case_step *s)
{
    return json_pack("{s:i, s:s, s:o, s:b, s:I, s:I, s:I, s:o, s:s, s:s, s:I, s:o, s:I}", "seq",
                     (int)s->seq, "kind", vinn_step_kind_name(s->kind), "date", vinn_json_day(s->day),
                     "task", s->task, "fee", (json_int_t)s->fee_minor, "compensation",
                     (json_int_t)s->compensation_minor, "interest",
                     (json_int_t)s->interest_minor, "deadline", vinn_json_day(s->deadline), "channel",
                     vinn_channel_name(s->channel), "tone", vinn_tone_name(s->tone), "total",
                     (json_int_t)s->total_minor, "law", law_bits_json(s->law), "message",
                     (json_int_t)s->message_id);
}

json_t *vinn_json_case(const struct vinn_case_view *v)
{
    const struct vinn_invoice *inv = &v->invoice;
    const char *state = v->has_case ? vinn_case_state_name(v->rec.state) : "none";
    json_t *steps = json_array();
    for (uint32_t i = 0; i < v->steps_count; i++) {
        json_array_append_new(steps, vinn_json_case_step(&v->steps[i]));
    }
    json_t *events = json_array();
    for (uint32_t i = 0; i < v->events_count; i++) {
        json_array_append_new(events, json_pack("{s:o, s:s, s:s}", "date",
                                                vinn_json_day(v->events[i].day), "kind",
                                                v->events[i].kind, "detail",
                                                v->events[i].detail));
    }
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:o, s:I, s:s, s:s, s:o, s:I, s:I, s:s, s:o, s:o, s:o}",
        "invoice", inv->number, "customer", inv->customer_ext_id, "status",
        vinn_invoice_status_name(inv->status), "currency", inv->currency, "due_date",
        vinn_json_day(inv->due_date), "outstanding", (json_int_t)inv->outstanding_minor, "policy",
        v->policy, "state", state, "next_action", vinn_json_day(v->next_action), "fees",
        (json_int_t)v->rec.fees_minor, "interest", (json_int_t)v->rec.interest_minor,
        "pause_reason", v->rec.pause_reason, "promise_until",
        vinn_json_day(v->rec.c.promise_until), "steps", steps, "events", events);
}

json_t *vinn_json_message(const struct vinn_message *m)
{
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(m->day, day);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:I, s:I, "
                            "s:I, s:s, s:s}",
                            "id", (json_int_t)m->id, "invoice", (json_int_t)m->invoice_id, "kind",
                            m->kind, "lang", m->lang, "tone", vinn_tone_name(m->tone), "channel",
                            vinn_channel_name(m->channel), "recipient", m->recipient, "date", day,
                            "deadline", vinn_json_day(m->deadline), "currency", m->currency,
                            "principal", (json_int_t)m->principal_minor, "fees",
                            (json_int_t)m->fees_minor, "interest", (json_int_t)m->interest_minor,
                            "total", (json_int_t)m->total_minor, "status", m->status, "error",
                            m->last_error);
}

json_t *vinn_json_task(const struct vinn_task *tk)
{
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(tk->day, day);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id",
                                              (json_int_t)tk->id, "invoice",
                                              (json_int_t)tk->invoice_id, "date", day, "kind",
                                              tk->kind, "owner", tk->owner, "text", tk->text);
}

json_t *vinn_json_violations(const struct vinn_policy_violation *v, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && i < n; i++) {
        json_array_append_new(list, json_pack("{s:i, s:s, s:s}", "step", v[i].step, "rule",
                                              vinn_err_name(v[i].code), "message",
                                              v[i].message));
    }
    return list;
}

/* ---- compact text -------------------------------------------------------- */

struct out {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
};

static char *out_room(struct out *o, size_t n)
{
    if (o->failed) {
        return NULL;
    }
    if (o->cap - o->len < n + 1) {
        size_t cap = o->cap != 0 ? o->cap : 512;
        while (cap - o->len < n + 1) {
            cap *= 2;
        }
        char *d = realloc(o->data, cap);
        if (d == NULL) {
            o->failed = true;
            return NULL;
        }
        o->data = d;
        o->cap = cap;
    }
    return o->data + o->len;
}

static void out_add(struct out *o, const char *s, size_t n)
{
    char *p = out_room(o, n);
    if (p != NULL) {
        memcpy(p, s, n);
        o->len += n;
    }
}

static void out_char(struct out *o, char c)
{
    char *p = out_room(o, 1);
    if (p != NULL) {
        *p = c;
        o->len++;
    }
}

/* A jansson string is valid UTF-8, so escaping goes byte by byte: the
 * quote, the backslash and the control characters, as jansson writes
 * them (\u00XX in upper case). */
static void out_string(struct out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    out_char(o, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out_add(o, s + start, i - start);
        start = i + 1;
        char esc[6] = {'\\', 0};
        size_t len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
            break;
        }
        out_add(o, esc, len);
    }
    out_add(o, s + start, n - start);
    out_char(o, '"');
}

static void out_integer(struct out *o, json_int_t v)
{
    char digits[24];
    size_t i = sizeof(digits);
    /* in unsigned arithmetic, so the most negative value has a magnitude */
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[--i] = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    if (v < 0) {
        digits[--i] = '-';
    }
    out_add(o, digits + i, sizeof(digits) - i);
}

/* As jansson's jsonp_dtostr at its default precision: %.17g, with ".0"
 * added when that reads as an integer, and the exponent without '+' or
 * leading zeros. */
static void out_real(struct out *o, double v)
{
    char b[64];
    int n = snprintf(b, sizeof(b), "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof(b) - 3) {
        o->failed = true;
        return;
    }
    size_t len = (size_t)n;
    if (strchr(b, '.') == NULL && strchr(b, 'e') == NULL) {
        b[len++] = '.';
        b[len++] = '0';
        b[len] = '\0';
    }
    char *start = strchr(b, 'e');
    if (start != NULL) {
        start++;
        char *end = start + 1;
        if (*start == '-') {
            start++;
        }
        while (*end == '0') {
            end++;
        }
        if (end != start) {
            memmove(start, end, len - (size_t)(end - b) + 1);
            len -= (size_t)(end - start);
        }
    }
    out_add(o, b, len);
}

static void out_value(struct out *o, const json_t *v, unsigned depth)
{
    if (depth > 2048) {
        o->failed = true; /* a loop: jansson refuses one too */
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        out_char(o, '{');
        bool first = true;
        for (void *it = json_object_iter((json_t *)v); it != NULL;
             it = json_object_iter_next((json_t *)v, it)) {
            if (!first) {
                out_char(o, ',');
            }
            first = false;
            out_string(o, json_object_iter_key(it), json_object_iter_key_len(it));
            out_char(o, ':');
            out_value(o, json_object_iter_value(it), depth + 1);
        }
        out_char(o, '}');
        break;
    }
    case JSON_ARRAY: {
        out_char(o, '[');
        size_t n = json_array_size(v);
        for (size_t i = 0; i < n; i++) {
            if (i > 0) {
                out_char(o, ',');
            }
            out_value(o, json_array_get(v, i), depth + 1);
        }
        out_char(o, ']');
        break;
    }
    case JSON_STRING:
        out_string(o, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        out_integer(o, json_integer_value(v));
        break;
    case JSON_REAL:
        out_real(o, json_real_value(v));
        break;
    case JSON_TRUE:
        out_add(o, "true", 4);
        break;
    case JSON_FALSE:
        out_add(o, "false", 5);
        break;
    case JSON_NULL:
        out_add(o, "null", 4);
        break;
    }
}

/* The text written, NUL-terminated and its length in *len; NULL (and
 * nothing kept) when anything failed. */
static char *out_end(struct out *o, size_t *len)
{
    if (o->failed || out_room(o, 0) == NULL) {
        free(o->data);
        return NULL;
    }
    o->data[o->len] = '\0';
    if (len != NULL) {
        *len = o->len;
    }
    return o->data;
}

char *vinn_json_compact(const json_t *doc, size_t *len)
{
    if (doc == NULL || (!json_is_object(doc) && !json_is_array(doc))) {
        return NULL;
    }
    struct out o = {0};
    out_value(&o, doc, 0);
    return out_end(&o, len);
}

/* ---- an invoice's compact text, directly --------------------------------- */

/* A C string as json_pack's "s" takes it: UTF-8, or the whole text fails. */
static void out_text(struct out *o, const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    if (s == NULL || !vinn_utf8_is_valid(s, n)) {
        o->failed = true;
        return;
    }
    out_string(o, s, n);
}

/* "key": (key a literal that needs no escaping), after a ',' unless it is
 * the object's first member. */
static void out_key(struct out *o, const char *key)
{
    if (o->len > 0 && !o->failed && o->data[o->len - 1] != '{') {
        out_char(o, ',');
    }
    out_char(o, '"');
    out_add(o, key, strlen(key));
    out_add(o, "\":", 2);
}

static void member_text(struct out *o, const char *key, const char *s)
{
    out_key(o, key);
    out_text(o, s);
}

static void member_int(struct out *o, const char *key, int64_t v)
{
    out_key(o, key);
    out_integer(o, (json_int_t)v);
}

/* As scaled(): an integer when it is one, else a real. */
static void member_scaled(struct out *o, const char *key, int64_t value, int64_t scale)
{
    out_key(o, key);
    if (value % scale == 0) {
        out_integer(o, (json_int_t)(value / scale));
    } else {
        out_real(o, (double)value / (double)scale);
    }
}

/* As vinn_json_day(). */
static void member_day(struct out *o, const char *key, vinn_day day)
{
    out_key(o, key);
    if (day == VINN_NO_DAY) {
        out_add(o, "null", 4);
        return;
    }
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(day, iso);
    out_string(o, iso, strlen(iso));
}

char *vinn_json_invoice_text(const struct vinn_invoice *inv, const struct vinn_invoice_line *lines,
                             uint32_t lines_count, vinn_day today, size_t *len)
{
    struct out o = {0};
    bool overdue = inv->status == VINN_STATUS_OPEN && inv->due_date < today;
    out_char(&o, '{');
    member_text(&o, "number", inv->number);
    member_text(&o, "kind", vinn_invoice_kind_name(inv->kind));
    member_text(&o, "customer", inv->customer_ext_id);
    member_text(&o, "currency", inv->currency);
    member_int(&o, "amount", inv->gross_minor);
    member_int(&o, "net", inv->net_minor);
    member_int(&o, "vat", inv->vat_minor);
    member_day(&o, "date", inv->issue_date);
    member_day(&o, "due_date", inv->due_date);
    member_text(&o, "reference", inv->reference);
    member_int(&o, "outstanding", inv->outstanding_minor);
    member_int(&o, "credited", inv->credited_minor);
    member_text(&o, "status", vinn_invoice_status_name(inv->status));
    out_key(&o, "overdue");
    out_add(&o, overdue ? "true" : "false", overdue ? 4 : 5);
    member_text(&o, "sale_channel", inv->sale_channel);
    if (lines != NULL) {
        out_key(&o, "lines");
        out_char(&o, '[');
        for (uint32_t i = 0; i < lines_count; i++) {
            const struct vinn_invoice_line *l = &lines[i];
            out_add(&o, i > 0 ? ",{" : "{", i > 0 ? 2 : 1);
            member_int(&o, "line", (int)l->line_no);
            member_text(&o, "text", l->text);
            member_scaled(&o, "quantity", l->quantity_milli, 1000);
            member_int(&o, "unit_price", l->unit_price_minor);
            member_scaled(&o, "vat_rate", l->vat_rate_bp, 100);
            member_int(&o, "net", l->net_minor);
            out_char(&o, '}');
        }
        out_char(&o, ']');
    }
    out_char(&o, '}');
    return out_end(&o, len);
}
