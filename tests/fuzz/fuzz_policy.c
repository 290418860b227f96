/*
 * fuzz_policy.c - libFuzzer target for the dunning policy reader
 * (formats/policy.c) and the step decision it feeds (core/dunning.c): any
 * bytes either fail with an error or give a policy that is valid, reads
 * back the same after writing, and drives a case in every Nordic country to
 * its end with next actions that only move forward and fees within the law.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dunning.h"
#include "core/law.h"
#include "formats/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const struct vinn_policy *a, const struct vinn_policy *b)
{
    if (strcmp(a->name, b->name) != 0 || a->priority != b->priority ||
        a->interest != b->interest || a->min_amount != b->min_amount ||
        a->waive_below != b->waive_below || a->promise_grace_days != b->promise_grace_days ||
        a->steps_count != b->steps_count || a->match.kind != b->match.kind ||
        strcmp(a->match.country, b->match.country) != 0 ||
        strcmp(a->match.tag, b->match.tag) != 0 || a->match.min_amount != b->match.min_amount ||
        a->match.max_amount != b->match.max_amount) {
        return false;
    }
    for (uint32_t i = 0; i < a->steps_count; i++) {
        const struct vinn_policy_step *x = &a->steps[i];
        const struct vinn_policy_step *y = &b->steps[i];
        if (x->kind != y->kind || x->days != y->days || x->after_previous != y->after_previous ||
            x->fee_minor != y->fee_minor || x->deadline_days != y->deadline_days ||
            x->tone != y->tone || x->channel != y->channel || x->compensation != y->compensation) {
            return false;
        }
    }
    return true;
}

/* Drive one case from the first step to its end, as the day run does. */
static void drive(const struct vinn_policy *p, enum vinn_country country, bool business,
                  const char *currency)
{
    vinn_day due = vinn_day_from_civil(2026, 1, 30);
    const struct vinn_rate_period *rates = NULL;
    size_t rates_count = 0;
    vinn_law_rates(country, business, &rates, &rates_count);
    struct vinn_case c;
    vinn_case_init(&c);
    int64_t fees = 0;
    int64_t interest = 0;
    vinn_day day = vinn_dunning_first_day(p, country, due);
    for (int i = 0; day != VINN_NO_DAY && i < 64; i++) {
        struct vinn_law law;
        if (vinn_law_get(country, business, day, &law, NULL) != VINN_OK) {
            abort();
        }
        struct vinn_dunning_input in = {p,     &law, country, business, i % 5 == 4, i % 2 == 0,
                                        currency, due, 125000, 125000, fees, interest,
                                        rates, rates_count, day};
        struct vinn_dunning_action a;
        struct vinn_case next;
        struct vinn_error e;
        vinn_error_clear(&e);
        if (vinn_dunning_decide(&c, &in, &a, &next, &e) != VINN_OK) {
            return;
        }
        int64_t cap = a.kind == VINN_STEP_NOTICE ? law.notice_fee_max : law.reminder_fee_max;
        if (a.fee < 0 || a.fee > cap || a.interest < 0 || a.compensation > law.compensation ||
            (a.fee > 0 && strcmp(law.currency, currency) != 0)) {
            abort();
        }
        if (a.next_action != VINN_NO_DAY && a.next_action <= day) {
            abort(); /* the case must move on */
        }
        fees += a.fee + a.compensation;
        interest += a.interest;
        c = next;
        day = a.next_action;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vinn_policy p;
    struct vinn_error e;
    vinn_error_clear(&e);
    if (vinn_policy_parse_json((const char *)data, size, NULL, &p, &e) != VINN_OK) {
        if (e.code == VINN_OK || e.message[0] == '\0') {
            abort(); /* a failure always says why */
        }
        return 0;
    }
    if (vinn_policy_validate(&p, NULL) != VINN_OK) {
        abort();
    }
    json_t *j = vinn_policy_json(&p);
    char *text = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (text != NULL) {
        struct vinn_policy back;
        if (vinn_policy_parse_json(text, strlen(text), NULL, &back, NULL) != VINN_OK ||
            !same(&p, &back)) {
            abort();
        }
        free(text);
    }
    static const enum vinn_country countries[] = {VINN_COUNTRY_NO, VINN_COUNTRY_SE,
                                                  VINN_COUNTRY_FI, VINN_COUNTRY_DK,
                                                  VINN_COUNTRY_OTHER};
    static const char *const currencies[] = {"NOK", "SEK", "EUR", "DKK", "USD"};
    for (size_t i = 0; i < 5; i++) {
        drive(&p, countries[i], false, currencies[i]);
        drive(&p, countries[i], true, currencies[(i + 1) % 5]);
        struct vinn_policy_violation v[VINN_POLICY_VIOLATIONS_MAX];
        size_t n = 0;
        vinn_policy_check(&p, countries[i], i % 2 == 1, currencies[i], i == 1,
                          vinn_day_from_civil(2026, 1, 1), v, VINN_POLICY_VIOLATIONS_MAX, &n);
    }
    return 0;
}
