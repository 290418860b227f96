/* app.c - opening the store, tenants and customers. */
#include "app/app.h"
#include "app/internal.h"

#include <ctype.h>
#include <string.h>

#include "base/assert.h"
#include "base/text.h"
#include "core/channel.h"
#include "core/country.h"
#include "core/ident.h"
#include "core/money.h"
#include "core/refno.h"

vinn_err vinn_app_open(struct vinn_app *app, const char *db, bool create, vinn_day today,
                       int64_t now_us, struct vinn_error *error)
{
    memset(app, 0, sizeof(*app));
    app->today = today;
    app->now_us = now_us;
    vinn_err rc = vinn_store_open(db, create, &app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (!create) {
        rc = vinn_store_ready(app->store, error);
        if (rc != VINN_OK) {
            vinn_app_close(app);
        }
    }
    return rc;
}

void vinn_app_refresh(struct vinn_app *app)
{
    app->stale = true;
}

void vinn_app_forget(struct vinn_app *app)
{
    vinn_app_rules_forget(app);
    vinn_app_hooks_free(app);
}

void vinn_app_fresh(struct vinn_app *app)
{
    if (!app->stale) {
        return;
    }
    app->stale = false;
    /* Nothing kept, nothing to ask: a piece of work that keeps nothing
     * (most reads) costs the store no question. */
    if ((app->rules != NULL || app->hooks != NULL) && vinn_store_changed_elsewhere(app->store)) {
        vinn_app_forget(app);
    }
}

void vinn_app_close(struct vinn_app *app)
{
    vinn_app_forget(app);
    vinn_store_close(app->store);
    app->store = NULL;
}

vinn_err vinn_app_init(struct vinn_app *app, int *from, struct vinn_error *error)
{
    return vinn_store_migrate(app->store, from, error);
}

vinn_err vinn_app_txn_end(struct vinn_app *app, vinn_err rc, struct vinn_error *error)
{
    if (rc == VINN_OK) {
        rc = vinn_store_commit(app->store, error);
    }
    if (rc != VINN_OK) {
        vinn_store_rollback(app->store);
    }
    return rc;
}

/* ---- tenants ------------------------------------------------------------- */

static vinn_err tenant_name_check(const char *name, struct vinn_error *error)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "name", "tenant name is required");
    }
    if (len > VINN_TENANT_NAME_MAX) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "name", "tenant name is longer than %d",
                         VINN_TENANT_NAME_MAX);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '.' && c != '_' && c != '-') {
            return vinn_fail(error, VINN_E_TENANT_NAME_INVALID, "name",
                             "tenant name '%s' may hold only letters, digits, '.', '_' and '-'",
                             name);
        }
    }
    return VINN_OK;
}

static enum vinn_ref_kind default_ref_kind(enum vinn_country country)
{
    switch (country) {
    case VINN_COUNTRY_NO:
        return VINN_REF_KID10;
    case VINN_COUNTRY_SE:
        return VINN_REF_OCR;
    case VINN_COUNTRY_FI:
        return VINN_REF_FI;
    case VINN_COUNTRY_DK:
    case VINN_COUNTRY_OTHER:
        break;
    }
    return VINN_REF_RF;
}

/* National reference kinds only make sense in their country; RF fits all. */
static vinn_err ref_kind_fits(enum vinn_ref_kind kind, enum vinn_country country,
                              struct vinn_error *error)
{
    bool ok = kind == VINN_REF_RF ||
              ((kind == VINN_REF_KID10 || kind == VINN_REF_KID11) && country == VINN_COUNTRY_NO) ||
              ((kind == VINN_REF_OCR || kind == VINN_REF_OCR_LEN) && country == VINN_COUNTRY_SE) ||
              (kind == VINN_REF_FI && country == VINN_COUNTRY_FI);
    if (!ok) {
        return vinn_fail(error, VINN_E_REF_KIND_NOT_FOR_COUNTRY, "ref",
                         "reference kind '%s' is not used in %s: use rf or the country's own",
                         vinn_ref_kind_name(kind), vinn_country_code(country));
    }
    return VINN_OK;
}

/* Check an optional identifier of kind and store its machine form. */
static vinn_err ident_optional(enum vinn_id_kind kind, const char *value, vinn_day today,
                               const char *field, char *out, size_t cap,
                               struct vinn_error *error)
{
    if (value == NULL || value[0] == '\0') {
        out[0] = '\0';
        return VINN_OK;
    }
    return vinn_id_check(kind, value, today, field, out, cap, error);
}

static vinn_err org_kind(enum vinn_country country, enum vinn_id_kind *kind)
{
    switch (country) {
    case VINN_COUNTRY_NO:
        *kind = VINN_ID_NO_ORG;
        return VINN_OK;
    case VINN_COUNTRY_SE:
        *kind = VINN_ID_SE_ORG;
        return VINN_OK;
    case VINN_COUNTRY_FI:
        *kind = VINN_ID_FI_BUSINESS;
        return VINN_OK;
    case VINN_COUNTRY_DK:
        *kind = VINN_ID_DK_CVR;
        return VINN_OK;
    case VINN_COUNTRY_OTHER:
        break;
    }
    return VINN_E_ID_COUNTRY;
}

/* An organisation number of the country, or for other countries any short
 * plain identifier (no rule known to vinn). */
static vinn_err org_check(enum vinn_country country, const char *value, const char *field,
                          char *out, size_t cap, struct vinn_error *error)
{
    enum vinn_id_kind kind;
    if (org_kind(country, &kind) == VINN_OK) {
        return ident_optional(kind, value, 0, field, out, cap, error);
    }
    vinn_err rc = vinn_text_check(value, cap - 1, VINN_TEXT_SINGLE_LINE, field, error);
    if (rc == VINN_OK) {
        vinn_text_copy(out, cap, value);
    }
    return rc;
}

static vinn_err tenant_account(enum vinn_country country, const char *account,
                               struct vinn_tenant *t, struct vinn_error *error)
{
    if (account == NULL || account[0] == '\0') {
        return VINN_OK;
    }
    if (country == VINN_COUNTRY_NO) {
        return vinn_id_check(VINN_ID_NO_ACCOUNT, account, 0, "account", t->account,
                             sizeof(t->account), error);
    }
    if (country == VINN_COUNTRY_SE) {
        return vinn_id_check(VINN_ID_SE_BANKGIRO, account, 0, "account", t->account,
                             sizeof(t->account), error);
    }
    return vinn_fail(error, VINN_E_USAGE, "account",
                     "a domestic account is known for NO and SE only: give --iban");
}

static vinn_err tenant_build(struct vinn_app *app, const struct vinn_tenant_input *in,
                             struct vinn_tenant *t, struct vinn_error *error)
{
    enum vinn_country country;
    const struct vinn_currency *currency = NULL;
    enum vinn_ref_kind ref;
    vinn_err rc = tenant_name_check(in->name, error);
    if (rc == VINN_OK) {
        rc = vinn_country_parse(in->country, &country, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_currency_parse(in->currency ? in->currency : "", "currency", &currency, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    ref = default_ref_kind(country);
    if (in->ref_kind != NULL && in->ref_kind[0] != '\0') {
        rc = vinn_ref_kind_parse(in->ref_kind, &ref, error);
        if (rc == VINN_OK && ref == VINN_REF_KID) {
            ref = VINN_REF_KID10;
        }
        if (rc == VINN_OK) {
            rc = ref_kind_fits(ref, country, error);
        }
    }
    if (rc == VINN_OK) {
        rc = org_check(country, in->org_no, "org", t->org_no, sizeof(t->org_no), error);
    }
    if (rc == VINN_OK) {
        rc = tenant_account(country, in->account, t, error);
    }
    if (rc == VINN_OK) {
        rc = ident_optional(VINN_ID_IBAN, in->iban, 0, "iban", t->iban, sizeof(t->iban), error);
    }
    if (rc == VINN_OK && in->due_days > VINN_DUE_DAYS_MAX) {
        rc = vinn_fail(error, VINN_E_DUE_DAYS_RANGE, "due_days",
                       "due days %d must be between 0 and %d", (int)in->due_days,
                       VINN_DUE_DAYS_MAX);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    vinn_text_copy(t->name, sizeof(t->name), in->name);
    memcpy(t->country, vinn_country_code(country)[0] ? vinn_country_code(country) : "", 3);
    if (country == VINN_COUNTRY_OTHER) {
        t->country[0] = (char)toupper((unsigned char)in->country[0]);
        t->country[1] = (char)toupper((unsigned char)in->country[1]);
        t->country[2] = '\0';
    }
    memcpy(t->currency, currency->code, 4);
    vinn_text_copy(t->ref_kind, sizeof(t->ref_kind), vinn_ref_kind_name(ref));
    t->due_days = in->due_days < 0 ? 14 : in->due_days;
    t->created_at_us = app->now_us;
    return VINN_OK;
}

vinn_err vinn_app_tenant_add(struct vinn_app *app, const struct vinn_tenant_input *input,
                             struct vinn_tenant *out, struct vinn_error *error)
{
    struct vinn_tenant t;
    memset(&t, 0, sizeof(t));
    vinn_err rc = tenant_build(app, input, &t, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_app_txn_end(app, vinn_store_tenant_insert(app->store, &t, error), error);
    if (rc == VINN_OK) {
        *out = t;
    }
    return rc;
}

struct tenant_pick {
    struct vinn_tenant first;
    int count;
};

static vinn_err tenant_pick_one(void *ctx, const struct vinn_tenant *t)
{
    struct tenant_pick *pick = ctx;
    if (pick->count++ == 0) {
        pick->first = *t;
    }
    return VINN_OK;
}

vinn_err vinn_app_tenant_resolve(struct vinn_app *app, const char *name, struct vinn_tenant *out,
                                 struct vinn_error *error)
{
    if (name != NULL && name[0] != '\0') {
        return vinn_store_tenant_get(app->store, name, out, error);
    }
    struct tenant_pick pick = {.count = 0};
    vinn_err rc = vinn_store_tenant_list(app->store, tenant_pick_one, &pick, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (pick.count == 0) {
        return vinn_fail(error, VINN_E_TENANT_REQUIRED, "tenant",
                         "there is no tenant yet: add one with 'vinn tenant add'");
    }
    if (pick.count > 1) {
        return vinn_fail(error, VINN_E_TENANT_AMBIGUOUS, "tenant",
                         "there are %d tenants: choose one with --tenant NAME", pick.count);
    }
    *out = pick.first;
    return VINN_OK;
}

vinn_err vinn_app_tenant_stats(struct vinn_app *app, const struct vinn_tenant *tenant,
                               struct vinn_tenant_stats *out, struct vinn_error *error)
{
    return vinn_store_tenant_stats(app->store, tenant, app->today, out, error);
}

vinn_err vinn_app_tenant_list(struct vinn_app *app, vinn_tenant_fn fn, void *ctx,
                              struct vinn_error *error)
{
    return vinn_store_tenant_list(app->store, fn, ctx, error);
}

/* ---- customers ----------------------------------------------------------- */

static vinn_err email_check(const char *email, struct vinn_error *error)
{
    if (email == NULL || email[0] == '\0') {
        return VINN_OK;
    }
    vinn_err rc = vinn_text_check(email, VINN_EMAIL_MAX, VINN_TEXT_SINGLE_LINE, "email", error);
    if (rc != VINN_OK) {
        return rc;
    }
    const char *at = strchr(email, '@');
    bool ok = at != NULL && at != email && strchr(at + 1, '@') == NULL &&
              strchr(at + 1, '.') != NULL && strchr(email, ' ') == NULL &&
              at[strlen(at) - 1] != '.';
    if (!ok) {
        return vinn_fail(error, VINN_E_EMAIL_INVALID, "email",
                         "e-mail '%s' must look like name@domain.tld", email);
    }
    return VINN_OK;
}

static vinn_err phone_check(const char *phone, struct vinn_error *error)
{
    size_t digits = 0;
    for (const char *p = phone; p != NULL && *p != '\0'; p++) {
        bool ok = (*p >= '0' && *p <= '9') || *p == ' ' || *p == '-' || *p == '(' || *p == ')' ||
                  (*p == '+' && p == phone);
        if (!ok) {
            return vinn_fail(error, VINN_E_PHONE_INVALID, "phone",
                             "phone '%.40s' may hold digits, spaces, '-', '()' and a leading '+'",
                             phone);
        }
        digits += *p >= '0' && *p <= '9';
    }
    if (phone != NULL && phone[0] != '\0' && (digits < 5 || strlen(phone) > VINN_PHONE_MAX)) {
        return vinn_fail(error, VINN_E_PHONE_INVALID, "phone",
                         "phone '%.40s' must have 5 to 15 digits", phone);
    }
    return VINN_OK;
}

static vinn_err tags_normalise(const char *tags, char *out, size_t cap, struct vinn_error *error)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = tags; p != NULL && *p != '\0'; p++) {
        char c = *p == '|' ? ',' : (char)tolower((unsigned char)*p);
        bool ok = isalnum((unsigned char)c) || c == '-' || c == '_' || c == ',';
        if (!ok) {
            return vinn_fail(error, VINN_E_TAG_INVALID, "tags",
                             "tags '%.60s' may hold letters, digits, '-' and '_', separated by "
                             "'|' or ','",
                             tags);
        }
        if (n + 1 >= cap) {
            return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "tags", "tags are longer than %zu",
                             cap - 1);
        }
        out[n++] = c;
        out[n] = '\0';
    }
    return VINN_OK;
}

static vinn_err person_id_check(enum vinn_country country, const char *value, vinn_day today,
                                char *out, size_t cap, struct vinn_error *error)
{
    static const enum vinn_id_kind kinds[] = {
        [VINN_COUNTRY_NO] = VINN_ID_NO_PERSON,
        [VINN_COUNTRY_SE] = VINN_ID_SE_PERSON,
        [VINN_COUNTRY_FI] = VINN_ID_FI_PERSON,
    };
    if (country == VINN_COUNTRY_NO || country == VINN_COUNTRY_SE || country == VINN_COUNTRY_FI) {
        return ident_optional(kinds[country], value, today, "national_id", out, cap, error);
    }
    /* Danish CPR has had no usable checksum since 2007 (python-stdnum
     * dk/cpr.py); other countries' rules are not known to vinn. */
    vinn_err rc = vinn_text_check(value, cap - 1, VINN_TEXT_SINGLE_LINE, "national_id", error);
    if (rc == VINN_OK) {
        vinn_text_copy(out, cap, value);
    }
    return rc;
}

static vinn_err customer_texts(const struct vinn_customer_input *in, struct vinn_error *error)
{
    static const unsigned line = VINN_TEXT_SINGLE_LINE;
    vinn_err rc = vinn_text_check(in->id, VINN_CUSTOMER_ID_MAX, line | VINN_TEXT_REQUIRED, "id",
                                  error);
    if (rc == VINN_OK) {
        rc = vinn_text_check(in->name, VINN_NAME_MAX, line | VINN_TEXT_REQUIRED, "name", error);
    }
    if (rc == VINN_OK) {
        rc = vinn_text_check(in->address, VINN_ADDRESS_LINE_MAX, line, "address", error);
    }
    if (rc == VINN_OK) {
        rc = vinn_text_check(in->postcode, VINN_POSTCODE_MAX, line, "postcode", error);
    }
    if (rc == VINN_OK) {
        rc = vinn_text_check(in->city, VINN_CITY_MAX, line, "city", error);
    }
    if (rc == VINN_OK) {
        rc = email_check(in->email, error);
    }
    if (rc == VINN_OK) {
        rc = phone_check(in->phone, error);
    }
    return rc;
}

/* The stated channel by its name, checked against the customer's addresses
 * and direct debit (core/channel.h: e-mail needs her address, SMS her phone,
 * and one on direct debit gets no letter). */
static vinn_err customer_channel(const struct vinn_customer_input *in, struct vinn_error *error)
{
    struct vinn_channel_facts facts = {
        .step = VINN_CHANNEL_CUSTOMER,
        .direct_debit = in->direct_debit,
        .has_email = in->email != NULL && in->email[0] != '\0',
        .has_phone = in->phone != NULL && in->phone[0] != '\0',
    };
    vinn_err rc = vinn_channel_stated_parse(in->channel, "channel", &facts.stated, error);
    if (rc == VINN_OK) {
        rc = vinn_channel_stated_check(&facts, error);
    }
    return rc;
}

static vinn_err customer_kind_parse(const char *kind, enum vinn_customer_kind *out,
                                    struct vinn_error *error)
{
    if (kind == NULL || kind[0] == '\0' || strcmp(kind, "person") == 0) {
        *out = VINN_CUSTOMER_PERSON;
        return VINN_OK;
    }
    if (strcmp(kind, "company") == 0) {
        *out = VINN_CUSTOMER_COMPANY;
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_CUSTOMER_KIND_UNKNOWN, "kind",
                     "kind '%.32s' must be person or company", kind);
}

vinn_err vinn_app_customer_build(struct vinn_app *app, const struct vinn_customer_input *in,
                                 struct vinn_customer *c, struct vinn_error *error)
{
    enum vinn_country country = VINN_COUNTRY_OTHER;
    enum vinn_lang lang = VINN_LANG_EN;
    memset(c, 0, sizeof(*c));
    vinn_err rc = customer_texts(in, error);
    if (rc == VINN_OK) {
        rc = vinn_country_parse(in->country, &country, error);
    }
    if (rc == VINN_OK) {
        lang = vinn_country_default_lang(country);
        if (in->lang != NULL && in->lang[0] != '\0') {
            rc = vinn_lang_parse(in->lang, &lang, error);
        }
    }
    if (rc == VINN_OK) {
        rc = customer_kind_parse(in->kind, &c->kind, error);
    }
    if (rc == VINN_OK) {
        rc = org_check(country, in->org_no, "org", c->org_no, sizeof(c->org_no), error);
    }
    if (rc == VINN_OK) {
        rc = person_id_check(country, in->national_id, app->today, c->national_id,
                             sizeof(c->national_id), error);
    }
    if (rc == VINN_OK) {
        rc = tags_normalise(in->tags, c->tags, sizeof(c->tags), error);
    }
    if (rc == VINN_OK) {
        rc = customer_channel(in, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    vinn_text_copy(c->channel, sizeof(c->channel), in->channel);
    c->direct_debit = in->direct_debit;
    vinn_text_copy(c->ext_id, sizeof(c->ext_id), in->id);
    vinn_text_copy(c->name, sizeof(c->name), in->name);
    c->country[0] = (char)toupper((unsigned char)in->country[0]);
    c->country[1] = (char)toupper((unsigned char)in->country[1]);
    vinn_text_copy(c->lang, sizeof(c->lang), vinn_lang_code(lang));
    vinn_text_copy(c->email, sizeof(c->email), in->email);
    vinn_text_copy(c->phone, sizeof(c->phone), in->phone);
    vinn_text_copy(c->address, sizeof(c->address), in->address);
    vinn_text_copy(c->postcode, sizeof(c->postcode), in->postcode);
    vinn_text_copy(c->city, sizeof(c->city), in->city);
    c->created_at_us = app->now_us;
    return VINN_OK;
}

vinn_err vinn_app_customer_add(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_customer_input *input, struct vinn_customer *out,
                               struct vinn_error *error)
{
    struct vinn_customer c;
    vinn_err rc = vinn_app_customer_build(app, input, &c, error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
        if (rc == VINN_OK) {
            rc = vinn_app_txn_end(app, vinn_store_customer_insert(app->store, tenant->id, &c, error),
                                  error);
        }
    }
    if (rc == VINN_OK) {
        *out = c;
    }
    return rc;
}

vinn_err vinn_app_customer_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const char *id, struct vinn_customer *out,
                               struct vinn_error *error)
{
    return vinn_store_customer_get(app->store, tenant->id, id, out, error);
}

vinn_err vinn_app_customer_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const char *after, uint32_t limit, vinn_customer_fn fn, void *ctx,
                                struct vinn_error *error)
{
    if (limit == 0 || limit > VINN_PAGE_MAX) {
        limit = VINN_PAGE_MAX;
    }
    return vinn_store_customer_list(app->store, tenant->id, after ? after : "", limit, fn, ctx,
                                    error);
}
