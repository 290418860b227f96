/* policy.c - dunning policies as JSON (docs/dunning.md): strict reading,
 * every member checked and named in its error, and writing. */
#include "formats/policy.h"

#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "core/country.h"

/* The largest amount a policy may name: 10^15 minor units. */
#define AMOUNT_MAX INT64_C(1000000000000000)


static vinn_err member_fail(struct vinn_error *error, const char *field, const char *rule)
{
    return vinn_fail(error, VINN_E_POLICY_INVALID, field, "'%s' %s", field, rule);
}

static vinn_err get_int(json_t *obj, const char *key, const char *field, int64_t lo, int64_t hi,
                        int64_t *out, struct vinn_error *error)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return VINN_OK;
    }
    if (!json_is_integer(v)) {
        return member_fail(error, field, "must be an integer");
    }
    json_int_t n = json_integer_value(v);
    if (n < lo || n > hi) {
        return vinn_fail(error, VINN_E_POLICY_INVALID, field, "'%s' must be %lld to %lld", field,
                         (long long)lo, (long long)hi);
    }
    *out = n;
    return VINN_OK;
}

static vinn_err get_bool(json_t *obj, const char *key, const char *field, bool *out,
                         struct vinn_error *error)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return VINN_OK;
    }
    if (!json_is_boolean(v)) {
        return member_fail(error, field, "must be true or false");
    }
    *out = json_is_true(v);
    return VINN_OK;
}

static vinn_err get_text(json_t *obj, const char *key, const char *field, char *out, size_t cap,
                         struct vinn_error *error)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return VINN_OK;
    }
    if (!json_is_string(v) || json_string_length(v) >= cap) {
        return vinn_fail(error, VINN_E_POLICY_INVALID, field,
                         "'%s' must be a text of at most %zu characters", field, cap - 1);
    }
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return VINN_OK;
}

/* Every member of obj must be one of names. */
static vinn_err only_members(json_t *obj, const char *const *names, size_t n, const char *where,
                             struct vinn_error *error)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        (void)value;
        bool known = false;
        for (size_t i = 0; i < n && !known; i++) {
            known = strcmp(key, names[i]) == 0;
        }
        if (!known) {
            char field[VINN_ERROR_FIELD_MAX];
            snprintf(field, sizeof(field), "%s%s%.40s", where, where[0] ? "." : "", key);
            return vinn_fail(error, VINN_E_POLICY_INVALID, field, "'%s' is not a policy member",
                             field);
        }
    }
    return VINN_OK;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static vinn_err name_check(const char *name, struct vinn_error *error)
{
    size_t n = strlen(name);
    bool ok = n > 0;
    for (size_t i = 0; ok && i < n; i++) {
        char c = name[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_' || c == '.';
    }
    return ok ? VINN_OK
              : vinn_fail(error, VINN_E_POLICY_INVALID, "name",
                          "'name' must be 1 to %d letters, digits, '.', '_' or '-'",
                          VINN_POLICY_NAME_MAX);
}

static vinn_err parse_step(json_t *js, size_t i, struct vinn_policy_step *s,
                           struct vinn_error *error)
{
    static const char *const names[] = {"kind",  "days", "after_previous", "fee",
                                        "deadline", "tone", "channel",     "compensation"};
    char where[32];
    char field[VINN_ERROR_FIELD_MAX];
    snprintf(where, sizeof(where), "steps[%zu]", i);
    if (!json_is_object(js)) {
        return member_fail(error, where, "must be an object");
    }
    vinn_err rc = only_members(js, names, COUNT(names), where, error);
    if (rc != VINN_OK) {
        return rc;
    }
    memset(s, 0, sizeof(*s));
    char text[24] = "";
    snprintf(field, sizeof(field), "%s.kind", where);
    rc = get_text(js, "kind", field, text, sizeof(text), error);
    if (rc == VINN_OK) {
        rc = vinn_step_kind_parse(text, field, &s->kind, error);
    }
    json_t *days = json_object_get(js, "days");
    json_t *after = json_object_get(js, "after_previous");
    if (rc == VINN_OK && (days == NULL) == (after == NULL)) {
        snprintf(field, sizeof(field), "%s.days", where);
        rc = member_fail(error, field, "or 'after_previous' must be given, one of them");
    }
    int64_t v = 0;
    if (rc == VINN_OK) {
        snprintf(field, sizeof(field), "%s.%s", where, days ? "days" : "after_previous");
        rc = get_int(js, days ? "days" : "after_previous", field, VINN_POLICY_DAYS_MIN,
                     VINN_POLICY_DAYS_MAX, &v, error);
        s->days = (int32_t)v;
        s->after_previous = days == NULL;
    }
    if (rc == VINN_OK) {
        snprintf(field, sizeof(field), "%s.fee", where);
        rc = get_int(js, "fee", field, 0, AMOUNT_MAX, &s->fee_minor, error);
    }
    if (rc == VINN_OK) {
        v = 0;
        snprintf(field, sizeof(field), "%s.deadline", where);
        rc = get_int(js, "deadline", field, 0, VINN_POLICY_DEADLINE_MAX, &v, error);
        s->deadline_days = (int32_t)v;
    }
    if (rc == VINN_OK && json_object_get(js, "tone") != NULL) {
        snprintf(field, sizeof(field), "%s.tone", where);
        rc = get_text(js, "tone", field, text, sizeof(text), error);
        if (rc == VINN_OK) {
            rc = vinn_tone_parse(text, field, &s->tone, error);
        }
    }
    if (rc == VINN_OK && json_object_get(js, "channel") != NULL) {
        snprintf(field, sizeof(field), "%s.channel", where);
        rc = get_text(js, "channel", field, text, sizeof(text), error);
        if (rc == VINN_OK) {
            rc = vinn_channel_parse(text, field, &s->channel, error);
        }
    }
    if (rc == VINN_OK) {
        snprintf(field, sizeof(field), "%s.compensation", where);
        rc = get_bool(js, "compensation", field, &s->compensation, error);
    }
    return rc;
}

static vinn_err parse_match(json_t *jm, struct vinn_policy_match *m, struct vinn_error *error)
{
    static const char *const names[] = {"kind", "country", "tag", "min_amount", "max_amount"};
    if (!json_is_object(jm)) {
        return member_fail(error, "match", "must be an object");
    }
    vinn_err rc = only_members(jm, names, COUNT(names), "match", error);
    char text[16] = "";
    if (rc == VINN_OK) {
        rc = get_text(jm, "kind", "match.kind", text, sizeof(text), error);
    }
    if (rc == VINN_OK && text[0] != '\0') {
        if (strcmp(text, "person") == 0 || strcmp(text, "company") == 0) {
            m->kind = strcmp(text, "company") == 0 ? 1 : 0;
        } else if (strcmp(text, "any") != 0) {
            rc = member_fail(error, "match.kind", "must be person, company or any");
        }
    }
    if (rc == VINN_OK) {
        rc = get_text(jm, "country", "match.country", m->country, sizeof(m->country), error);
    }
    if (rc == VINN_OK && m->country[0] != '\0') {
        enum vinn_country c;
        rc = vinn_country_parse(m->country, &c, error);
        if (rc != VINN_OK) {
            vinn_error_prefix_field(error, "match.");
        }
    }
    if (rc == VINN_OK) {
        rc = get_text(jm, "tag", "match.tag", m->tag, sizeof(m->tag), error);
    }
    if (rc == VINN_OK) {
        rc = get_int(jm, "min_amount", "match.min_amount", 0, AMOUNT_MAX, &m->min_amount,
                     error);
    }
    if (rc == VINN_OK) {
        rc = get_int(jm, "max_amount", "match.max_amount", 0, AMOUNT_MAX, &m->max_amount,
                     error);
    }
    return rc;
}

vinn_err vinn_policy_parse_json(const char *text, size_t length, const char *name,
                               struct vinn_policy *out, struct vinn_error *error)
{
    static const char *const names[] = {"name",       "priority", "match",
                                        "interest",   "min_amount", "promise_grace_days", "waive_below",
                                        "steps"};
    json_error_t jerr;
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        return vinn_fail(error, VINN_E_BAD_JSON, "policy",
                         "policy is not valid JSON: %s at line %d column %d", jerr.text,
                         jerr.line, jerr.column);
    }
    struct vinn_policy p;
    memset(&p, 0, sizeof(p));
    p.match.kind = -1;
    p.interest = true;
    p.priority = 100;
    p.promise_grace_days = 3;
    vinn_err rc = json_is_object(root) ? only_members(root, names, COUNT(names), "", error)
                                       : member_fail(error, "policy", "must be a JSON object");
    if (rc == VINN_OK) {
        rc = get_text(root, "name", "name", p.name, sizeof(p.name), error);
    }
    if (rc == VINN_OK && name != NULL && name[0] != '\0') {
        if (strlen(name) >= sizeof(p.name)) {
            rc = member_fail(error, "name", "is too long");
        } else {
            snprintf(p.name, sizeof(p.name), "%s", name);
        }
    }
    if (rc == VINN_OK && p.name[0] == '\0' && name == NULL) {
        snprintf(p.name, sizeof(p.name), "unnamed"); /* checked, not saved */
    }
    if (rc == VINN_OK) {
        rc = name_check(p.name, error);
    }
    int64_t v = p.priority;
    if (rc == VINN_OK) {
        rc = get_int(root, "priority", "priority", 0, 100000, &v, error);
        p.priority = (int32_t)v;
    }
    json_t *match = json_object_get(root, "match");
    if (rc == VINN_OK && match != NULL) {
        rc = parse_match(match, &p.match, error);
    }
    if (rc == VINN_OK) {
        rc = get_bool(root, "interest", "interest", &p.interest, error);
    }
    if (rc == VINN_OK) {
        rc = get_int(root, "min_amount", "min_amount", 0, AMOUNT_MAX, &p.min_amount, error);
    }
    if (rc == VINN_OK) {
        rc = get_int(root, "waive_below", "waive_below", 0, AMOUNT_MAX, &p.waive_below, error);
    }
    if (rc == VINN_OK) {
        v = p.promise_grace_days;
        rc = get_int(root, "promise_grace_days", "promise_grace_days", 0, 90, &v, error);
        p.promise_grace_days = (int32_t)v;
    }
    json_t *steps = json_object_get(root, "steps");
    if (rc == VINN_OK && (!json_is_array(steps) || json_array_size(steps) == 0 ||
                          json_array_size(steps) > VINN_POLICY_STEPS_MAX)) {
        rc = vinn_fail(error, VINN_E_POLICY_INVALID, "steps",
                       "'steps' must be an array of 1 to %d steps", VINN_POLICY_STEPS_MAX);
    }
    for (size_t i = 0; rc == VINN_OK && i < json_array_size(steps); i++) {
        rc = parse_step(json_array_get(steps, i), i, &p.steps[i], error);
        p.steps_count = (uint32_t)i + 1;
    }
    json_decref(root);
    if (rc == VINN_OK) {
        rc = vinn_policy_validate(&p, error);
    }
    if (rc == VINN_OK) {
        *out = p;
    }
    return rc;
}

json_t *vinn_policy_json(const struct vinn_policy *p)
{
    json_t *steps = json_array();
    for (uint32_t i = 0; steps != NULL && i < p->steps_count; i++) {
        const struct vinn_policy_step *s = &p->steps[i];
        json_t *js = json_pack("{s:s, s:I, s:s, s:s}", "kind", vinn_step_kind_name(s->kind),
                               s->after_previous ? "after_previous" : "days", (json_int_t)s->days,
                               "tone", vinn_tone_name(s->tone), "channel",
                               vinn_channel_name(s->channel));
        if (js != NULL && s->fee_minor > 0) {
            json_object_set_new(js, "fee", json_integer(s->fee_minor));
        }
        if (js != NULL && s->deadline_days > 0) {
            json_object_set_new(js, "deadline", json_integer(s->deadline_days));
        }
        if (js != NULL && s->compensation) {
            json_object_set_new(js, "compensation", json_true());
        }
        json_array_append_new(steps, js);
    }
    json_t *match = json_object();
    if (match != NULL) {
        if (p->match.kind >= 0) {
            json_object_set_new(match, "kind",
                                json_string(p->match.kind == 1 ? "company" : "person"));
        }
        if (p->match.country[0] != '\0') {
            json_object_set_new(match, "country", json_string(p->match.country));
        }
        if (p->match.tag[0] != '\0') {
            json_object_set_new(match, "tag", json_string(p->match.tag));
        }
        if (p->match.min_amount > 0) {
            json_object_set_new(match, "min_amount", json_integer(p->match.min_amount));
        }
        if (p->match.max_amount > 0) {
            json_object_set_new(match, "max_amount", json_integer(p->match.max_amount));
        }
    }
    return json_pack("{s:s, s:i, s:o, s:b, s:I, s:I, s:i, s:o}", "name", p->name, "priority",
                     p->priority, "match", match, "interest", p->interest, "min_amount",
                     (json_int_t)p->min_amount, "waive_below", (json_int_t)p->waive_below,
                     "promise_grace_days", p->promise_grace_days, "steps", steps);
}

