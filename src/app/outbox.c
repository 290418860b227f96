/*
 * outbox.c - delivering the queued messages: each is rendered from its
 * template (core/template.h) in the customer's language and the step's tone,
 * sent on its channel (src/channels), and its attempt recorded: sent with
 * the receipt, queued again with a backoff after a temporary failure, or
 * failed with the reason.
 *
 * A message is sent outside any database transaction (the network is slow)
 * and its attempt recorded right after in a short one. A crash between the
 * two sends it again on the next run: delivery is at least once, with the
 * same Message-ID every time, and a file drop of the same id is not written
 * twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/internal.h"
#include "base/assert.h"
#include "channels/channels.h"
#include "core/country.h"
#include "core/money.h"
#include "core/template.h"

enum { OUTBOX_BATCH = 64, BODY_MAX = 16384 };

struct batch {
    struct vinn_outbox_item items[OUTBOX_BATCH];
    size_t count;
};

static vinn_err collect(void *ctx, const struct vinn_outbox_item *item)
{
    struct batch *b = ctx;
    VINN_ASSERT(b->count < OUTBOX_BATCH);
    b->items[b->count++] = *item;
    return VINN_OK;
}

static enum vinn_lang lang_of(const char *code)
{
    enum vinn_lang lang = VINN_LANG_EN;
    return vinn_lang_parse(code, &lang, NULL) == VINN_OK ? lang : VINN_LANG_EN;
}

void vinn_app_money_text(int64_t amount, const char *currency, enum vinn_lang lang,
                         unsigned flags, char *out, size_t cap)
{
    const struct vinn_currency *cur = vinn_currency_find(currency);
    if (cur == NULL ||
        vinn_money_format(amount, cur, lang, flags | VINN_FMT_CODE, out, cap) != VINN_OK) {
        snprintf(out, cap, "%lld %s", (long long)amount, currency);
    }
}

void vinn_app_date_text(vinn_day day, enum vinn_lang lang, char *out, size_t cap)
{
    if (day == VINN_NO_DAY || day == 0) {
        snprintf(out, cap, "-");
        return;
    }
    struct vinn_civil c = vinn_day_to_civil(day);
    if (lang == VINN_LANG_SV || lang == VINN_LANG_EN) {
        snprintf(out, cap, "%04d-%02d-%02d", (int)c.year, (int)c.month, (int)c.day);
    } else {
        snprintf(out, cap, "%02d.%02d.%04d", (int)c.day, (int)c.month, (int)c.year);
    }
}

/* A phone number as E.164: "+4791234567". Numbers without their country
 * code get the customer's country's (NO 47, SE 46, FI 358, DK 45). */
static void e164(const char *phone, const char *country, char *out, size_t cap)
{
    char digits[32];
    size_t n = 0;
    for (const char *p = phone; *p != '\0' && n + 1 < sizeof(digits); p++) {
        if (*p >= '0' && *p <= '9') {
            digits[n++] = *p;
        }
    }
    digits[n] = '\0';
    const char *code = "";
    if (phone[0] != '+' && n <= 8) {
        code = strcmp(country, "NO") == 0   ? "47"
               : strcmp(country, "SE") == 0 ? "46"
               : strcmp(country, "FI") == 0 ? "358"
               : strcmp(country, "DK") == 0 ? "45"
                                            : "";
        if (n > 0 && digits[0] == '0') {
            memmove(digits, digits + 1, n--); /* the trunk prefix goes */
        }
    }
    snprintf(out, cap, "+%s%s", code, digits);
}

struct rendered {
    struct vinn_template_record own;
    char subject[512];
    char body[BODY_MAX];
    char sms[1024];
};

/* Every value a template may name, for checking a tenant's own text. */
static const char *const placeholder_names[] = {
    "customer_name", "tenant_name", "invoice_number", "amount", "due_date", "deadline",
    "reference",     "account",     "fees",           "interest", "total", "link",
};

/* The tenant's own template when it has one, else the built-in one. */
static vinn_err template_for(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *kind, enum vinn_lang lang, enum vinn_tone tone,
                             struct vinn_template_record *own, struct vinn_template *out,
                             bool *is_own, struct vinn_error *error)
{
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    vinn_err rc = vinn_store_template_get(app->store, tenant->id, kind, vinn_lang_code(lang),
                                          vinn_tone_name(tone), own, &quiet);
    if (rc == VINN_OK) {
        *out = (struct vinn_template){own->subject, own->body, own->sms};
        *is_own = true;
        return VINN_OK;
    }
    if (rc != VINN_E_NOT_FOUND) {
        *error = quiet;
        return rc;
    }
    const struct vinn_template *t = vinn_template_builtin(kind, lang, tone);
    if (t == NULL) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "kind",
                         "message kind '%s' has no template", kind);
    }
    *out = *t;
    *is_own = false;
    return VINN_OK;
}

static vinn_err render(struct vinn_app *app, const struct vinn_tenant *tenant,
                       const struct vinn_outbox_item *it, struct rendered *r,
                       struct vinn_error *error)
{
    const struct vinn_message *m = &it->message;
    enum vinn_lang lang = lang_of(m->lang);
    struct vinn_template found;
    bool own = false;
    vinn_err trc = template_for(app, tenant, m->kind, lang, m->tone, &r->own, &found, &own,
                                error);
    if (trc != VINN_OK) {
        return trc;
    }
    const struct vinn_template *t = &found;
    bool sms = m->channel == VINN_CHANNEL_SMS;
    unsigned flags = sms ? VINN_FMT_PLAIN_SPACE : 0;
    char amount[VINN_MONEY_TEXT_MAX];
    char fees[VINN_MONEY_TEXT_MAX];
    char interest[VINN_MONEY_TEXT_MAX];
    char total[VINN_MONEY_TEXT_MAX];
    char due[16];
    char deadline[16];
    vinn_app_money_text(it->gross_minor, m->currency, lang, flags, amount, sizeof(amount));
    vinn_app_money_text(m->fees_minor, m->currency, lang, flags, fees, sizeof(fees));
    vinn_app_money_text(m->interest_minor, m->currency, lang, flags, interest, sizeof(interest));
    vinn_app_money_text(m->total_minor, m->currency, lang, flags, total, sizeof(total));
    vinn_app_date_text(it->due_date, lang, due, sizeof(due));
    vinn_app_date_text(m->deadline, lang, deadline, sizeof(deadline));
    const char *account = tenant->account[0] ? tenant->account : tenant->iban;
    const struct vinn_template_value values[] = {
        {"customer_name", it->customer_name},
        {"tenant_name", tenant->name},
        {"invoice_number", it->invoice_number},
        {"amount", amount},
        {"due_date", due},
        {"deadline", deadline},
        {"reference", it->reference},
        {"account", account},
        {"fees", fees},
        {"interest", interest},
        {"total", total},
        {"link", ""},
    };
    size_t n = sizeof(values) / sizeof(values[0]);
    vinn_err rc = vinn_template_render(t->subject, values, n, r->subject, sizeof(r->subject),
                                       error);
    if (rc == VINN_OK) {
        rc = vinn_template_render(t->body, values, n, r->body, sizeof(r->body), error);
    }
    if (rc == VINN_OK) {
        rc = vinn_template_render(t->sms, values, n, r->sms, sizeof(r->sms), error);
    }
    return rc;
}

struct attachment {
    unsigned char *bytes; /* malloc'd; NULL: none */
    size_t len;
    char name[VINN_INVOICE_NUMBER_MAX + 16];
};

/* The step a dunning message was queued by: its idempotency key is
 * "step:<invoice id>:<step>" (dunning.c). 0 for any other message. */
uint32_t vinn_app_message_step(const struct vinn_message *m)
{
    const char *last = strrchr(m->idem_key, ':');
    if (strncmp(m->idem_key, "step:", 5) != 0 || last == NULL || last[1] == '\0') {
        return 0;
    }
    uint32_t step = 0;
    for (const char *p = last + 1; *p != '\0'; p++) {
        if (*p < '0' || *p > '9' || step > UINT32_MAX / 10 - 1) {
            return 0;
        }
        step = step * 10 + (uint32_t)(*p - '0');
    }
    return step;
}

/* The message's document as a PDF (documents.c): the invoice for an
 * invoice message, the step's letter for a dunning message; read into
 * memory for the message. The file is the process's own (its pid and the
 * message id in the name) and goes as soon as it is read. */
static vinn_err message_pdf(struct vinn_app *app, const struct vinn_tenant *tenant,
                            const struct vinn_outbox_item *it, uint32_t step,
                            struct attachment *out, struct vinn_error *error)
{
    const char *dir = getenv("TMPDIR");
    const char *number = it->invoice_number;
    char path[512];
    snprintf(path, sizeof(path), "%s/vinn-pdf-%ld-%lld-%lld.pdf",
             dir != NULL && dir[0] ? dir : "/tmp", (long)getpid(), (long long)tenant->id,
             (long long)it->message.id);
    vinn_err rc = step > 0 ? vinn_app_step_pdf(app, tenant, number, step, path, error)
                           : vinn_app_invoice_pdf(app, tenant, number, path, error);
    FILE *fp = rc == VINN_OK ? fopen(path, "rb") : NULL;
    if (rc == VINN_OK && fp == NULL) {
        rc = vinn_fail(error, VINN_E_IO, "attachment", "cannot read the message's PDF");
    }
    if (fp != NULL) {
        fseek(fp, 0, SEEK_END);
        long size = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        out->bytes = size > 0 ? malloc((size_t)size) : NULL;
        if (out->bytes == NULL || fread(out->bytes, 1, (size_t)size, fp) != (size_t)size) {
            free(out->bytes);
            out->bytes = NULL;
            rc = vinn_fail(error, VINN_E_IO, "attachment", "cannot read the message's PDF");
        } else {
            out->len = (size_t)size;
        }
        fclose(fp);
    }
    unlink(path);
    char name[sizeof(out->name)];
    if (step > 0) {
        snprintf(name, sizeof(name), "%s-%u.pdf", number, step);
    } else {
        snprintf(name, sizeof(name), "%s.pdf", number);
    }
    for (size_t i = 0; name[i] != '\0'; i++) {
        out->name[i] = name[i] == '/' ? '_' : name[i];
        out->name[i + 1] = '\0';
    }
    return rc;
}

static vinn_err record(struct vinn_app *app, const struct vinn_tenant *tenant,
                       struct vinn_message *m, const char *receipt, struct vinn_error *error)
{
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    return vinn_app_txn_end(app, vinn_store_message_attempt(app->store, tenant->id, m, receipt,
                                                            error),
                            error);
}

/* Deliver one message and record what came of it. */
static vinn_err deliver(struct vinn_app *app, const struct vinn_tenant *tenant,
                        const struct vinn_outbox_options *opt, const struct vinn_outbox_item *it,
                        struct rendered *r, struct vinn_outbox_summary *sum,
                        struct vinn_error *error)
{
    struct vinn_message m = it->message;
    struct vinn_error why;
    vinn_error_clear(&why);
    char message_id[128];
    char to[VINN_EMAIL_MAX + 1];
    char receipt[VINN_CHANNEL_RECEIPT_MAX] = "";
    snprintf(message_id, sizeof(message_id), "<vinn-%lld-%lld@outbox.vinn>",
             (long long)tenant->id, (long long)m.id);
    snprintf(to, sizeof(to), "%s", m.recipient);
    if (m.channel == VINN_CHANNEL_SMS) {
        e164(it->phone[0] ? it->phone : m.recipient, tenant->country, to, sizeof(to));
    }
    vinn_err rc = render(app, tenant, it, r, &why);
    if (rc == VINN_OK) {
        struct vinn_outgoing out = {
            .channel = m.channel,
            .message_id = message_id,
            .from = opt->from,
            .to = to,
            .subject = r->subject,
            .text = m.channel == VINN_CHANNEL_SMS ? r->sms : r->body,
            .lang = m.lang,
        };
        struct attachment pdf = {NULL, 0, ""};
        uint32_t step = vinn_app_message_step(&m);
        bool has_document = strcmp(m.kind, "invoice") == 0 || step > 0;
        if (has_document && m.channel != VINN_CHANNEL_SMS) {
            /* The invoice or the step's letter goes with the message as a
             * PDF; one that cannot be drawn leaves the text, which says it
             * all. */
            struct vinn_error no_pdf;
            vinn_error_clear(&no_pdf);
            if (message_pdf(app, tenant, it, step, &pdf, &no_pdf) != VINN_OK) {
                free(pdf.bytes);
                pdf = (struct attachment){NULL, 0, ""};
            }
            out.attachment = pdf.bytes;
            out.attachment_len = pdf.len;
            out.attachment_name = pdf.bytes != NULL ? pdf.name : NULL;
            out.attachment_type = pdf.bytes != NULL ? "application/pdf" : NULL;
        }
        if (rc == VINN_OK) {
            rc = vinn_channel_send(&opt->channels, &out, receipt, sizeof(receipt), &why);
        }
        free(pdf.bytes);
    }
    if (rc == VINN_E_CHANNEL_NOT_CONFIGURED) {
        sum->skipped++; /* waits, untouched, for a run that can deliver it */
        return VINN_OK;
    }
    if (rc == VINN_E_CHANNEL_CONFIG_INVALID || rc == VINN_E_NO_MEMORY) {
        *error = why; /* the run's fault, not the message's: stop, record nothing */
        return rc;
    }
    m.attempts++;
    if (rc == VINN_OK) {
        memcpy(m.status, "sent", 5);
        m.sent_at_us = app->now_us;
        m.last_error[0] = '\0';
        sum->sent++;
    } else if (rc == VINN_E_DELIVERY_TEMPORARY && !vinn_channel_should_give_up(m.attempts)) {
        memcpy(m.status, "queued", 7);
        m.next_attempt_at_us = app->now_us + vinn_channel_retry_delay_s(m.attempts) * 1000000;
        snprintf(m.last_error, sizeof(m.last_error), "%s", why.message);
        sum->retried++;
    } else {
        memcpy(m.status, "failed", 7);
        snprintf(m.last_error, sizeof(m.last_error), "%s", why.message);
        sum->failed++;
    }
    return record(app, tenant, &m, receipt, error);
}

vinn_err vinn_app_outbox_send(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const struct vinn_outbox_options *opt,
                              struct vinn_outbox_summary *out, struct vinn_error *error)
{
    memset(out, 0, sizeof(*out));
    struct batch *b = malloc(sizeof(*b));
    struct rendered *r = malloc(sizeof(*r));
    vinn_err rc = b != NULL && r != NULL ? VINN_OK
                                         : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK) {
        rc = vinn_channels_init(error);
    }
    int64_t after = 0;
    while (rc == VINN_OK && (opt->limit == 0 || out->considered < opt->limit)) {
        b->count = 0;
        rc = vinn_store_outbox_due(app->store, tenant->id, app->now_us, after, OUTBOX_BATCH,
                                   collect, b, error);
        for (size_t i = 0; rc == VINN_OK && i < b->count &&
                           (opt->limit == 0 || out->considered < opt->limit);
             i++) {
            out->considered++;
            after = b->items[i].message.id;
            rc = deliver(app, tenant, opt, &b->items[i], r, out, error);
        }
        if (b->count < OUTBOX_BATCH) {
            break;
        }
        if (app->progress != NULL) {
            app->progress(app->progress_ctx, "messages", out->considered, 0);
        }
    }
    free(b);
    free(r);
    if (rc == VINN_OK && opt->channels.drop_dir != NULL) {
        /* A drop directory that is not there holds no letters to batch. */
        struct vinn_error why;
        vinn_error_clear(&why);
        rc = vinn_app_print_batches(app, tenant, &opt->channels, &out->batches, &why);
        rc = rc == VINN_E_CHANNEL_NOT_CONFIGURED ? VINN_OK : rc;
        if (rc != VINN_OK && error != NULL) {
            *error = why;
        }
    }
    return rc;
}

/* ---- a tenant's own templates ---------------------------------------------- */

static vinn_err template_key(const char *kind, const char *lang, const char *tone,
                             enum vinn_lang *l, enum vinn_tone *t, struct vinn_error *error)
{
    vinn_err rc = vinn_lang_parse(lang, l, error);
    if (rc == VINN_OK) {
        rc = vinn_tone_parse(tone, "tone", t, error);
    }
    if (rc == VINN_OK && vinn_template_builtin(kind, *l, *t) == NULL) {
        rc = vinn_fail(error, VINN_E_UNKNOWN_VALUE, "kind",
                       "'kind' must be invoice, pre-due, reminder, notice, receipt, "
                       "payment-plan or checkout-link");
    }
    return rc;
}

vinn_err vinn_app_template_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const char *kind, const char *lang, const char *tone,
                               struct vinn_template_record *out, bool *is_own,
                               struct vinn_error *error)
{
    enum vinn_lang l;
    enum vinn_tone t;
    vinn_err rc = template_key(kind, lang, tone, &l, &t, error);
    struct vinn_template found;
    if (rc == VINN_OK) {
        rc = template_for(app, tenant, kind, l, t, out, &found, is_own, error);
    }
    if (rc == VINN_OK && !*is_own) {
        memset(out, 0, sizeof(*out));
        snprintf(out->subject, sizeof(out->subject), "%s", found.subject);
        snprintf(out->body, sizeof(out->body), "%s", found.body);
        snprintf(out->sms, sizeof(out->sms), "%s", found.sms);
    }
    if (rc == VINN_OK) {
        snprintf(out->kind, sizeof(out->kind), "%s", kind);
        snprintf(out->lang, sizeof(out->lang), "%s", vinn_lang_code(l));
        snprintf(out->tone, sizeof(out->tone), "%s", vinn_tone_name(t));
    }
    return rc;
}

/* A text of a tenant's own template: within its limit, valid UTF-8, and
 * every placeholder one vinn fills. */
static vinn_err text_check(const char *text, size_t max, const char *field, char *scratch,
                           size_t cap, struct vinn_error *error)
{
    struct vinn_template_value values[sizeof(placeholder_names) / sizeof(placeholder_names[0])];
    size_t n = sizeof(values) / sizeof(values[0]);
    for (size_t i = 0; i < n; i++) {
        values[i] = (struct vinn_template_value){placeholder_names[i], "x"};
    }
    if (text == NULL || text[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, field, "'%s' is required", field);
    }
    if (strlen(text) > max) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, field, "'%s' is longer than %zu bytes",
                         field, max);
    }
    vinn_err rc = vinn_template_render(text, values, n, scratch, cap, error);
    if (rc != VINN_OK) {
        vinn_error_prefix_field(error, field);
    }
    return rc;
}

vinn_err vinn_app_template_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_template_record *in, struct vinn_error *error)
{
    enum vinn_lang l;
    enum vinn_tone t;
    vinn_err rc = template_key(in->kind, in->lang, in->tone, &l, &t, error);
    char *scratch = malloc(VINN_TEMPLATE_BODY_MAX * 4);
    if (rc == VINN_OK && scratch == NULL) {
        rc = vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    if (rc == VINN_OK) {
        rc = text_check(in->subject, VINN_TEMPLATE_SUBJECT_MAX, "subject", scratch,
                        VINN_TEMPLATE_BODY_MAX * 4, error);
    }
    if (rc == VINN_OK) {
        rc = text_check(in->body, VINN_TEMPLATE_BODY_MAX, "body", scratch,
                        VINN_TEMPLATE_BODY_MAX * 4, error);
    }
    if (rc == VINN_OK) {
        rc = text_check(in->sms, VINN_TEMPLATE_SMS_TEXT_MAX, "sms", scratch,
                        VINN_TEMPLATE_BODY_MAX * 4, error);
    }
    free(scratch);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_template_record rec = *in;
    snprintf(rec.lang, sizeof(rec.lang), "%s", vinn_lang_code(l));
    snprintf(rec.tone, sizeof(rec.tone), "%s", vinn_tone_name(t));
    rec.updated_at_us = app->now_us;
    rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    return vinn_app_txn_end(app, vinn_store_template_put(app->store, tenant->id, &rec, error),
                            error);
}

vinn_err vinn_app_template_reset(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const char *kind, const char *lang, const char *tone,
                                 struct vinn_error *error)
{
    enum vinn_lang l;
    enum vinn_tone t;
    vinn_err rc = template_key(kind, lang, tone, &l, &t, error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    return vinn_app_txn_end(app,
                            vinn_store_template_delete(app->store, tenant->id, kind,
                                                       vinn_lang_code(l), vinn_tone_name(t),
                                                       error),
                            error);
}
