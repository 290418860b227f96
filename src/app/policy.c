/*
 * policy.c - dunning policies as JSON, which policy an invoice gets, the
 * late-interest rate tables (the law's merged with the tenant's own), and
 * the use cases that set them.
 */
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "app/json.h"
#include "formats/policy.h"
#include "base/assert.h"
#include "core/country.h"
#include "core/money.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum {
    RULES_POLICIES_MAX = 64,
    COUNTRY_SLOTS = 5, /* enum vinn_country */
};

struct rate_table {
    bool loaded;
    size_t count;
    struct vinn_rate_period periods[VINN_RATE_PERIODS_MAX];
};

struct vinn_dunning_rules {
    struct vinn_dunning_rules *next; /* app->rules: the most recent first */
    int64_t tenant_id;
    size_t policies_count;
    struct vinn_policy policies[RULES_POLICIES_MAX];
    bool default_made[COUNTRY_SLOTS][2];
    struct vinn_policy defaults[COUNTRY_SLOTS][2];
    char default_currency[COUNTRY_SLOTS][2][4];
    struct rate_table rates[COUNTRY_SLOTS][2];
    struct vinn_law_config law_config[COUNTRY_SLOTS];
    vinn_day today;
};

vinn_err vinn_app_policy_parse(const char *text, const char *name, struct vinn_policy *out,
                               struct vinn_error *error)
{
    return vinn_policy_parse_json(text, strlen(text), name, out, error);
}

json_t *vinn_json_policy(const struct vinn_policy *p)
{
    return vinn_policy_json(p);
}

/* ---- the tenant's rules, cached per process ------------------------------ */

static vinn_err collect_policy(void *ctx, const struct vinn_policy_record *rec)
{
    struct vinn_dunning_rules *r = ctx;
    if (r->policies_count == RULES_POLICIES_MAX) {
        return vinn_fail(NULL, VINN_E_LIMIT_EXCEEDED, "policies", "too many policies");
    }
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    /* A stored policy was checked when it was set; one that no longer parses
     * (a newer vinn's member) is skipped rather than stopping the day. */
    if (vinn_app_policy_parse(rec->spec, rec->name, &r->policies[r->policies_count], &quiet) ==
        VINN_OK) {
        r->policies[r->policies_count].priority = rec->priority;
        r->policies_count++;
    }
    return VINN_OK;
}

/* The tenant's law.<cc>.* settings for one country. */
static vinn_err law_config_load(struct vinn_app *app, const struct vinn_tenant *tenant,
                                enum vinn_country country, struct vinn_law_config *cfg,
                                struct vinn_error *error)
{
    vinn_law_config_init(cfg);
    if (country == VINN_COUNTRY_OTHER) {
        return VINN_OK;
    }
    char cc[3];
    snprintf(cc, sizeof(cc), "%s", vinn_country_code(country));
    cc[0] = (char)(cc[0] - 'A' + 'a');
    cc[1] = (char)(cc[1] - 'A' + 'a');
    static const char *const fields[] = {"inkassosats", "fee_letters_max",
                                         "notice_deadline_days", "compensation_replaces_fees"};
    vinn_err rc = VINN_OK;
    for (size_t i = 0; i < COUNT(fields) && rc == VINN_OK; i++) {
        if (!vinn_law_is_configurable(country, fields[i])) {
            continue;
        }
        char key[64];
        char value[32] = "";
        snprintf(key, sizeof(key), "law.%s.%s", cc, fields[i]);
        rc = vinn_app_setting_get(app, tenant, key, value, sizeof(value), error);
        if (rc != VINN_OK || value[0] == '\0') {
            continue;
        }
        int64_t v = 0;
        if (i == 3) {
            cfg->compensation_replaces_fees = strcmp(value, "yes") == 0 ? 1 : 0;
        } else if (vinn_decimal_parse(value, i == 0 ? 2 : 0, key, &v, error) == VINN_OK) {
            if (i == 0) {
                cfg->inkassosats = v;
            } else if (i == 1) {
                cfg->fee_letters_max = (int32_t)v;
            } else {
                cfg->notice_deadline_days = (int32_t)v;
            }
        }
    }
    return rc;
}

vinn_err vinn_app_law(struct vinn_dunning_rules *rules, enum vinn_country country, bool business,
                      vinn_day on, struct vinn_law *out, struct vinn_error *error)
{
    vinn_err rc = vinn_law_get(country, business, on, out, error);
    if (rc == VINN_OK) {
        vinn_law_configure(out, &rules->law_config[country]);
    }
    return rc;
}

/* Tenants whose rules are kept at once: a writer's batch mixes tenants,
 * and reading a tenant's rules costs its settings and policies. */
enum { RULES_KEPT = 16 };

/* Free the list of rules from r on. */
static void rules_free(struct vinn_dunning_rules *r)
{
    while (r != NULL) {
        struct vinn_dunning_rules *next = r->next;
        free(r);
        r = next;
    }
}

void vinn_app_rules_forget(struct vinn_app *app)
{
    rules_free(app->rules);
    app->rules = NULL;
}

vinn_err vinn_app_rules(struct vinn_app *app, const struct vinn_tenant *tenant,
                        struct vinn_dunning_rules **out, struct vinn_error *error)
{
    vinn_app_fresh(app);
    size_t kept = 0;
    for (struct vinn_dunning_rules **at = &app->rules; *at != NULL; at = &(*at)->next) {
        struct vinn_dunning_rules *k = *at;
        if (k->tenant_id == tenant->id && k->today == app->today) {
            *at = k->next; /* to the front */
            k->next = app->rules;
            app->rules = k;
            *out = k;
            return VINN_OK;
        }
        if (++kept == RULES_KEPT - 1) { /* the least recently used go */
            rules_free(k->next);
            k->next = NULL;
            break;
        }
    }
    struct vinn_dunning_rules *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    r->tenant_id = tenant->id;
    r->today = app->today;
    vinn_err rc = VINN_OK;
    for (int c = 0; c < COUNTRY_SLOTS && rc == VINN_OK; c++) {
        rc = law_config_load(app, tenant, (enum vinn_country)c, &r->law_config[c], error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_policies(app->store, tenant->id, collect_policy, r, error);
    }
    if (rc != VINN_OK) {
        free(r);
        return rc;
    }
    r->next = app->rules;
    app->rules = r;
    *out = r;
    return VINN_OK;
}

static bool has_tag(const char *tags, const char *tag)
{
    size_t n = strlen(tag);
    for (const char *p = tags; p != NULL && *p != '\0';) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, tag, n) == 0) {
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool vinn_app_customer_has_tag(const char *tags, const char *tag)
{
    return has_tag(tags, tag);
}

static bool policy_matches(const struct vinn_policy *p, const struct vinn_policy_subject *s)
{
    const struct vinn_policy_match *m = &p->match;
    return (m->kind < 0 || m->kind == (int)s->kind) &&
           (m->country[0] == '\0' || strcmp(m->country, s->country) == 0) &&
           (m->tag[0] == '\0' || has_tag(s->tags, m->tag)) &&
           (m->min_amount == 0 || s->gross >= m->min_amount) &&
           (m->max_amount == 0 || s->gross <= m->max_amount);
}

const struct vinn_policy *vinn_app_policy_for(struct vinn_dunning_rules *r,
                                              const struct vinn_policy_subject *s)
{
    if (s->name != NULL && s->name[0] != '\0') {
        for (size_t i = 0; i < r->policies_count; i++) {
            if (strcmp(r->policies[i].name, s->name) == 0) {
                return &r->policies[i];
            }
        }
    }
    for (size_t i = 0; i < r->policies_count; i++) {
        if (policy_matches(&r->policies[i], s)) {
            return &r->policies[i];
        }
    }
    enum vinn_country c = VINN_COUNTRY_OTHER;
    if (vinn_country_parse(s->country, &c, NULL) != VINN_OK) {
        c = VINN_COUNTRY_OTHER;
    }
    int b = s->kind == VINN_CUSTOMER_COMPANY ? 1 : 0;
    if (!r->default_made[c][b] || strcmp(r->default_currency[c][b], s->currency) != 0) {
        vinn_policy_default(c, b == 1, s->currency, r->today, &r->defaults[c][b]);
        snprintf(r->default_currency[c][b], sizeof(r->default_currency[c][b]), "%s",
                 s->currency);
        r->default_made[c][b] = true;
    }
    return &r->defaults[c][b];
}

vinn_err vinn_app_rates_for(struct vinn_app *app, struct vinn_dunning_rules *r,
                            enum vinn_country country, bool business,
                            const struct vinn_rate_period **rates, size_t *count,
                            struct vinn_error *error)
{
    struct rate_table *t = &r->rates[country][business ? 1 : 0];
    if (!t->loaded) {
        const struct vinn_rate_period *law = NULL;
        size_t law_count = 0;
        vinn_law_rates(country, business, &law, &law_count);
        struct vinn_rate_record own[VINN_RATE_PERIODS_MAX];
        uint32_t own_count = 0;
        vinn_err rc = vinn_store_rates(app->store, r->tenant_id, vinn_country_code(country),
                                       business, own, VINN_RATE_PERIODS_MAX, &own_count, error);
        if (rc != VINN_OK) {
            return rc;
        }
        /* Merge by date; the tenant's rate wins on a day both give. */
        size_t i = 0;
        size_t j = 0;
        t->count = 0;
        while ((i < law_count || j < own_count) && t->count < VINN_RATE_PERIODS_MAX) {
            struct vinn_rate_period next;
            if (j < own_count && (i == law_count || own[j].from <= law[i].from)) {
                if (i < law_count && law[i].from == own[j].from) {
                    i++;
                }
                next.from = own[j].from;
                next.rate_bp = own[j].rate_bp;
                j++;
            } else {
                next = law[i++];
            }
            t->periods[t->count++] = next;
        }
        t->loaded = true;
    }
    *rates = t->periods;
    *count = t->count;
    return VINN_OK;
}

/* ---- use cases ----------------------------------------------------------- */

struct list_ctx {
    vinn_app_policy_fn fn;
    void *ctx;
};

static vinn_err list_one(void *ctx, const struct vinn_policy_record *rec)
{
    struct list_ctx *l = ctx;
    struct vinn_policy p;
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    if (vinn_app_policy_parse(rec->spec, rec->name, &p, &quiet) != VINN_OK) {
        return VINN_OK;
    }
    p.priority = rec->priority;
    return l->fn(l->ctx, &p, false);
}

vinn_err vinn_app_policy_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                              vinn_app_policy_fn fn, void *ctx, struct vinn_error *error)
{
    struct list_ctx l = {fn, ctx};
    vinn_err rc = vinn_store_policies(app->store, tenant->id, list_one, &l, error);
    enum vinn_country c = VINN_COUNTRY_OTHER;
    if (vinn_country_parse(tenant->country, &c, NULL) != VINN_OK) {
        c = VINN_COUNTRY_OTHER;
    }
    for (int b = 0; rc == VINN_OK && b < 2; b++) {
        struct vinn_policy d;
        vinn_policy_default(c, b == 1, tenant->currency, app->today, &d);
        rc = fn(ctx, &d, true);
    }
    return rc;
}

vinn_err vinn_app_policy_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *name, struct vinn_policy *out, bool *builtin,
                             struct vinn_error *error)
{
    struct vinn_dunning_rules *r = NULL;
    vinn_err rc = vinn_app_rules(app, tenant, &r, error);
    if (rc != VINN_OK) {
        return rc;
    }
    for (size_t i = 0; i < r->policies_count; i++) {
        if (strcmp(r->policies[i].name, name) == 0) {
            *out = r->policies[i];
            *builtin = false;
            return VINN_OK;
        }
    }
    for (int c = 0; c < COUNTRY_SLOTS; c++) {
        for (int b = 0; b < 2; b++) {
            struct vinn_policy d;
            vinn_policy_default((enum vinn_country)c, b == 1, tenant->currency, app->today, &d);
            if (strcmp(d.name, name) == 0) {
                *out = d;
                *builtin = true;
                return VINN_OK;
            }
        }
    }
    return vinn_fail(error, VINN_E_POLICY_NOT_FOUND, "name", "policy '%s' does not exist", name);
}

/* The countries and debtor kinds a policy can apply to, for the law check. */
size_t vinn_app_policy_scope(const struct vinn_policy *p, const struct vinn_tenant *tenant,
                             struct vinn_policy_scope out[2])
{
    enum vinn_country country = VINN_COUNTRY_OTHER;
    const char *cc = p->match.country[0] != '\0' ? p->match.country : tenant->country;
    if (vinn_country_parse(cc, &country, NULL) != VINN_OK) {
        country = VINN_COUNTRY_OTHER;
    }
    size_t n = 0;
    for (int b = 0; b < 2; b++) {
        if (p->match.kind < 0 || p->match.kind == b) {
            out[n].country = country;
            out[n].business = b == 1;
            n++;
        }
    }
    return n;
}

vinn_err vinn_app_policy_check(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_policy *p, struct vinn_policy_violation *out,
                               size_t max, size_t *count, struct vinn_error *error)
{
    char agreed[16] = "";
    vinn_err rc = vinn_app_setting_get(app, tenant, "reminder_fee_agreed", agreed, sizeof(agreed),
                                       error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_dunning_rules *rules = NULL;
    rc = vinn_app_rules(app, tenant, &rules, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_policy_scope scope[2];
    size_t scopes = vinn_app_policy_scope(p, tenant, scope);
    *count = 0;
    for (size_t i = 0; i < scopes; i++) {
        size_t n = 0;
        /* A policy for both kinds may claim the B2B compensation: it applies
         * to companies only, so the consumer check leaves that rule out. */
        struct vinn_policy q = *p;
        if (!scope[i].business && p->match.kind < 0) {
            for (uint32_t k = 0; k < q.steps_count; k++) {
                q.steps[k].compensation = false;
            }
        }
        struct vinn_policy_violation found[VINN_POLICY_VIOLATIONS_MAX];
        struct vinn_law law;
        rc = vinn_app_law(rules, scope[i].country, scope[i].business, app->today, &law, error);
        if (rc != VINN_OK) {
            return rc;
        }
        vinn_policy_check_law(&q, &law, tenant->currency, strcmp(agreed, "yes") == 0, found,
                              VINN_POLICY_VIOLATIONS_MAX, &n);
        /* A rule broken for both kinds of debtor is said once. */
        for (size_t k = 0; k < n && k < VINN_POLICY_VIOLATIONS_MAX && *count < max; k++) {
            bool seen = false;
            for (size_t j = 0; j < *count && !seen; j++) {
                seen = out[j].step == found[k].step && out[j].code == found[k].code;
            }
            if (!seen) {
                out[(*count)++] = found[k];
            }
        }
    }
    return VINN_OK;
}

vinn_err vinn_app_policy_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *spec, const char *name, struct vinn_policy *out,
                             struct vinn_policy_violation *violations, size_t max,
                             size_t *count, struct vinn_error *error)
{
    struct vinn_policy p;
    vinn_err rc = vinn_app_policy_parse(spec, name, &p, error);
    if (rc == VINN_OK) {
        rc = vinn_app_policy_check(app, tenant, &p, violations, max, count, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    if (*count > 0) {
        return vinn_fail(error, VINN_E_POLICY_BREAKS_LAW, "steps",
                         "policy '%s' breaks the law: %s", p.name, violations[0].message);
    }
    if (strncmp(p.name, "default-", 8) == 0) {
        return vinn_fail(error, VINN_E_POLICY_INVALID, "name",
                         "'name' may not start with 'default-': those are built in");
    }
    json_t *j = vinn_json_policy(&p);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (text == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    struct vinn_policy_record rec;
    memset(&rec, 0, sizeof(rec));
    snprintf(rec.name, sizeof(rec.name), "%s", p.name);
    rec.priority = p.priority;
    rec.created_at_us = app->now_us;
    if (strlen(text) >= sizeof(rec.spec)) {
        free(text);
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "policy", "policy is too long");
    }
    memcpy(rec.spec, text, strlen(text) + 1);
    free(text);
    rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_app_txn_end(app, vinn_store_policy_put(app->store, tenant->id, &rec, error), error);
    vinn_app_rules_forget(app);
    if (rc == VINN_OK && out != NULL) {
        *out = p;
    }
    return rc;
}

vinn_err vinn_app_policy_delete(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const char *name, struct vinn_error *error)
{
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_app_txn_end(app, vinn_store_policy_delete(app->store, tenant->id, name, error),
                          error);
    vinn_app_rules_forget(app);
    return rc;
}

vinn_err vinn_app_rate_set(struct vinn_app *app, const struct vinn_tenant *tenant,
                           const char *country, bool business, vinn_day from, int32_t rate_bp,
                           struct vinn_error *error)
{
    enum vinn_country c = VINN_COUNTRY_OTHER;
    vinn_err rc = vinn_country_parse(country, &c, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (c == VINN_COUNTRY_OTHER) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, "country",
                         "'country' must be NO, SE, FI or DK: late interest is Nordic law");
    }
    if (rate_bp < 0 || rate_bp > VINN_INTEREST_RATE_BP_MAX) {
        return vinn_fail(error, VINN_E_RATE_INVALID, "rate",
                         "'rate' must be 0 to 1000 percent");
    }
    struct vinn_rate_record r;
    memset(&r, 0, sizeof(r));
    snprintf(r.country, sizeof(r.country), "%s", vinn_country_code(c));
    r.business = business;
    r.from = from;
    r.rate_bp = rate_bp;
    rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_app_txn_end(app, vinn_store_rate_put(app->store, tenant->id, &r, error), error);
    vinn_app_rules_forget(app);
    return rc;
}

vinn_err vinn_app_rates_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const char *country, bool business, struct vinn_rate_period *out,
                             size_t max, size_t *count, struct vinn_error *error)
{
    enum vinn_country c = VINN_COUNTRY_OTHER;
    vinn_err rc = vinn_country_parse(country, &c, error);
    struct vinn_dunning_rules *r = NULL;
    if (rc == VINN_OK) {
        rc = vinn_app_rules(app, tenant, &r, error);
    }
    const struct vinn_rate_period *rates = NULL;
    size_t n = 0;
    if (rc == VINN_OK) {
        rc = vinn_app_rates_for(app, r, c, business, &rates, &n, error);
    }
    if (rc == VINN_OK) {
        n = n < max ? n : max;
        memcpy(out, rates, n * sizeof(*out));
        *count = n;
    }
    return rc;
}
