/* Tests of core/dunning: step names, policy validation, the default policies,
 * the law check of a policy, the first day, and the step decision driven
 * day by day as the day run drives it.
 *
 * Every expected day and amount is worked out by hand in the comment beside
 * it: days from the calendar of DOMAIN.md section 3 (2026: Maundy Thursday
 * 04-02, Good Friday 04-03, Easter Monday 04-06, 1 May a Friday, Ascension
 * 05-14), fees from DOMAIN.md section 2 (NO 35 kr = 3500 øre), and late
 * interest Actual/365 on the principal for the days after the due date (or
 * the last posting) up to the step day, rounded HALF_UP once per posting:
 *     interest = principal * rate_bp * days / (10000 * 365).
 * NO forsinkelsesrente is 12.50 % (1250 bp) all through 2025 and 2026.
 *
 * Tests named test_regression_* caught a place where the code disagreed with
 * the law or its header when they were written; the code was fixed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/dunning.h"
#include "core/law.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

/* ---- building policies ----------------------------------------------------- */

enum { ABS = 0, AFTER = 1 }; /* days from the due date, or from the previous step */

static struct vinn_policy_step step(enum vinn_step_kind kind, int32_t days, int after, int64_t fee,
                                    int32_t deadline_days, bool compensation)
{
    struct vinn_policy_step s;
    memset(&s, 0, sizeof(s));
    s.kind = kind;
    s.days = days;
    s.after_previous = after == AFTER;
    s.fee_minor = fee;
    s.deadline_days = deadline_days;
    s.tone = VINN_TONE_NEUTRAL;
    s.channel = VINN_CHANNEL_LETTER;
    s.compensation = compensation;
    return s;
}

static struct vinn_policy policy_of(const struct vinn_policy_step *steps, size_t count)
{
    struct vinn_policy p;
    memset(&p, 0, sizeof(p));
    snprintf(p.name, sizeof(p.name), "test");
    p.priority = 10;
    p.match.kind = -1;
    p.interest = true;
    p.promise_grace_days = 3;
    assert_true(count <= VINN_POLICY_STEPS_MAX);
    for (size_t i = 0; i < count; i++) {
        p.steps[i] = steps[i];
    }
    p.steps_count = (uint32_t)count;
    return p;
}

#define POLICY(...)                                                                                \
    policy_of((const struct vinn_policy_step[]){__VA_ARGS__},                                      \
              sizeof((const struct vinn_policy_step[]){__VA_ARGS__}) /                             \
                  sizeof(struct vinn_policy_step))

/* The Norwegian consumer policy most tests use (the shape of the default):
 * a friendly pre-due nudge 3 days before, a purring 14 days after the due
 * date with 35 kr and a 14-day deadline, an inkassovarsel 21 days later with
 * 35 kr and 14 days, and the hand-over 21 days after that. */
static struct vinn_policy no_policy(void)
{
    struct vinn_policy p = POLICY(step(VINN_STEP_PREDUE, -3, ABS, 0, 0, false),
                                  step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false),
                                  step(VINN_STEP_NOTICE, 21, AFTER, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false));
    p.steps[0].tone = VINN_TONE_FRIENDLY;
    p.steps[0].channel = VINN_CHANNEL_EMAIL;
    p.steps[1].tone = VINN_TONE_FRIENDLY;
    p.steps[2].tone = VINN_TONE_NEUTRAL;
    p.steps[3].tone = VINN_TONE_FIRM;
    p.steps[3].channel = VINN_CHANNEL_CUSTOMER;
    return p;
}

/* ---- the day run ------------------------------------------------------------ */

/* One invoice's case, driven as src/app's day run drives it: decide on the
 * case's next action day with the law in force that day, post what the step
 * charges, store the case, and go on while the next action is not after
 * today. */
struct sim {
    struct vinn_policy policy;
    enum vinn_country country;
    bool business;
    bool key_account;
    bool fee_agreed;
    const char *currency;
    vinn_day due;
    int64_t gross; /* the invoice's principal when issued */
    int64_t principal;
    int64_t fees;
    int64_t interest;
    const struct vinn_rate_period *rates;
    size_t rates_count;
    struct vinn_case c;
    vinn_day next;
    struct vinn_dunning_action log[16];
    size_t count;
};

static void sim_start(struct sim *s, const struct vinn_policy *p, enum vinn_country country,
                      bool business, const char *currency, vinn_day due, int64_t principal)
{
    memset(s, 0, sizeof(*s));
    s->policy = *p;
    s->country = country;
    s->business = business;
    s->currency = currency;
    s->due = due;
    s->gross = principal;
    s->principal = principal;
    vinn_law_rates(country, business, &s->rates, &s->rates_count);
    vinn_case_init(&s->c);
    s->next = vinn_dunning_first_day(&s->policy, country, due);
}

static struct vinn_dunning_input sim_input(const struct sim *s, const struct vinn_law *law,
                                           vinn_day day)
{
    struct vinn_dunning_input in;
    memset(&in, 0, sizeof(in));
    in.policy = &s->policy;
    in.law = law;
    in.country = s->country;
    in.business = s->business;
    in.key_account = s->key_account;
    in.fee_agreed = s->fee_agreed;
    in.currency = s->currency;
    in.due_date = s->due;
    in.gross = s->gross;
    in.principal = s->principal;
    in.fees = s->fees;
    in.interest = s->interest;
    in.rates = s->rates;
    in.rates_count = s->rates_count;
    in.day = day;
    return in;
}

/* One decision on day, applied. */
static struct vinn_dunning_action sim_decide(struct sim *s, vinn_day day)
{
    struct vinn_law law;
    assert_int_equal(vinn_law_get(s->country, s->business, day, &law, NULL), VINN_OK);
    struct vinn_dunning_input in = sim_input(s, &law, day);
    struct vinn_dunning_action a;
    struct vinn_case n;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_dunning_decide(&s->c, &in, &a, &n, &e), VINN_OK);
    assert_int_equal(e.code, VINN_OK);
    assert_int_equal(a.day, day);
    /* The day run refuses a next action that does not move forward. */
    if (a.next_action != VINN_NO_DAY) {
        assert_true(a.next_action > day);
    }
    if (a.action == VINN_ACTION_STEP) {
        s->fees += a.fee + a.compensation;
        s->interest += a.interest;
        /* total_due: principal + fees + interest after the step. */
        assert_int_equal(a.total_due, s->principal + s->fees + s->interest);
        /* Steps and the pay-by dates they state fall on business days. */
        assert_true(vinn_calendar_is_business_day(s->country, a.day));
        if (a.deadline != VINN_NO_DAY && a.kind != VINN_STEP_PREDUE) {
            assert_true(vinn_calendar_is_business_day(s->country, a.deadline));
            assert_true(a.deadline > a.day);
        }
    } else {
        assert_int_equal(a.fee, 0);
        assert_int_equal(a.compensation, 0);
        assert_int_equal(a.interest, 0);
    }
    s->c = n;
    s->next = a.next_action;
    assert_true(s->count < COUNT_OF(s->log));
    s->log[s->count++] = a;
    return a;
}

static void sim_run(struct sim *s, vinn_day today)
{
    for (int guard = 0; s->next != VINN_NO_DAY && s->next <= today; guard++) {
        assert_true(guard < 16);
        (void)sim_decide(s, s->next);
    }
}

/* What one taken step must say. */
struct want_step {
    uint32_t index;
    enum vinn_step_kind kind;
    vinn_day day;
    int64_t fee;
    int64_t compensation;
    int64_t interest;
    vinn_day deadline;
    int64_t total;
    uint32_t law;
    vinn_day next;
};

static void assert_step(const struct vinn_dunning_action *a, struct want_step w)
{
    assert_int_equal(a->action, VINN_ACTION_STEP);
    assert_int_equal(a->step_index, w.index);
    assert_int_equal(a->kind, w.kind);
    assert_int_equal(a->day, w.day);
    assert_int_equal(a->fee, w.fee);
    assert_int_equal(a->compensation, w.compensation);
    assert_int_equal(a->interest, w.interest);
    assert_int_equal(a->deadline, w.deadline);
    assert_int_equal(a->total_due, w.total);
    assert_int_equal(a->law, w.law);
    assert_int_equal(a->next_action, w.next);
}

/* ---- names ------------------------------------------------------------------ */

static void test_names_round_trip(void **state)
{
    (void)state;
    static const char *const kinds[] = {"pre-due", "reminder", "notice", "collection", "task"};
    for (size_t i = 0; i < COUNT_OF(kinds); i++) {
        assert_string_equal(vinn_step_kind_name((enum vinn_step_kind)i), kinds[i]);
        enum vinn_step_kind k = VINN_STEP_TASK;
        assert_int_equal(vinn_step_kind_parse(kinds[i], "kind", &k, NULL), VINN_OK);
        assert_int_equal(k, (enum vinn_step_kind)i);
    }
    static const char *const tones[] = {"friendly", "neutral", "firm"};
    for (size_t i = 0; i < COUNT_OF(tones); i++) {
        assert_string_equal(vinn_tone_name((enum vinn_tone)i), tones[i]);
        enum vinn_tone t = VINN_TONE_FIRM;
        assert_int_equal(vinn_tone_parse(tones[i], "tone", &t, NULL), VINN_OK);
        assert_int_equal(t, (enum vinn_tone)i);
    }
    static const char *const channels[] = {"customer", "email",    "sms",
                                           "letter",   "einvoice", "mailbox"};
    for (size_t i = 0; i < COUNT_OF(channels); i++) {
        assert_string_equal(vinn_channel_name((enum vinn_channel)i), channels[i]);
        enum vinn_channel c = VINN_CHANNEL_MAILBOX;
        assert_int_equal(vinn_channel_parse(channels[i], "channel", &c, NULL), VINN_OK);
        assert_int_equal(c, (enum vinn_channel)i);
    }
    /* Out of range values have a name too, never NULL. */
    assert_string_equal(vinn_step_kind_name((enum vinn_step_kind)5), "unknown");
    assert_string_equal(vinn_tone_name((enum vinn_tone)3), "unknown");
    assert_string_equal(vinn_channel_name((enum vinn_channel)6), "unknown");
    assert_string_equal(vinn_step_kind_name((enum vinn_step_kind)-1), "unknown");
}

static void test_names_unknown_value(void **state)
{
    (void)state;
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_step_kind k = VINN_STEP_NOTICE;
    assert_int_equal(vinn_step_kind_parse("inkasso", "steps[3].kind", &k, &e),
                     VINN_E_UNKNOWN_VALUE);
    assert_int_equal(e.code, VINN_E_UNKNOWN_VALUE);
    assert_string_equal(e.field, "steps[3].kind");
    assert_non_null(strstr(e.message, "'steps[3].kind'"));
    assert_non_null(strstr(e.message, "pre-due, reminder, notice, collection, task"));
    assert_int_equal(k, VINN_STEP_NOTICE); /* unchanged */

    vinn_error_clear(&e);
    enum vinn_tone t = VINN_TONE_FIRM;
    /* Names are exact: upper case is not a tone. */
    assert_int_equal(vinn_tone_parse("Friendly", "steps[0].tone", &t, &e), VINN_E_UNKNOWN_VALUE);
    assert_string_equal(e.field, "steps[0].tone");
    assert_non_null(strstr(e.message, "friendly, neutral, firm"));
    assert_int_equal(t, VINN_TONE_FIRM);

    vinn_error_clear(&e);
    enum vinn_channel c = VINN_CHANNEL_SMS;
    assert_int_equal(vinn_channel_parse("", "steps[1].channel", &c, &e), VINN_E_UNKNOWN_VALUE);
    assert_string_equal(e.field, "steps[1].channel");
    assert_non_null(strstr(e.message, "customer, email, sms, letter, einvoice, mailbox"));
    assert_int_equal(c, VINN_CHANNEL_SMS);

    /* A missing name is an unknown value, not a crash; error may be NULL. */
    assert_int_equal(vinn_channel_parse(NULL, "channel", &c, NULL), VINN_E_UNKNOWN_VALUE);
    assert_int_equal(c, VINN_CHANNEL_SMS);
    assert_int_equal(vinn_step_kind_parse("pre-due ", "kind", &k, NULL), VINN_E_UNKNOWN_VALUE);
}

static void test_kind_is_letter(void **state)
{
    (void)state;
    assert_true(vinn_step_kind_is_letter(VINN_STEP_PREDUE));
    assert_true(vinn_step_kind_is_letter(VINN_STEP_REMINDER));
    assert_true(vinn_step_kind_is_letter(VINN_STEP_NOTICE));
    assert_false(vinn_step_kind_is_letter(VINN_STEP_COLLECTION));
    assert_false(vinn_step_kind_is_letter(VINN_STEP_TASK));
}

/* ---- validation ------------------------------------------------------------- */

static void assert_valid(const struct vinn_policy *p)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_policy_validate(p, &e), VINN_OK);
    assert_int_equal(e.code, VINN_OK);
}

static void assert_invalid(const struct vinn_policy *p, const char *field)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_policy_validate(p, &e), VINN_E_POLICY_INVALID);
    assert_int_equal(e.code, VINN_E_POLICY_INVALID);
    assert_string_equal(e.field, field);
    /* The message names the field in quotes. */
    char quoted[VINN_ERROR_FIELD_MAX + 2];
    snprintf(quoted, sizeof(quoted), "'%s'", field);
    assert_non_null(strstr(e.message, quoted));
    /* error may be NULL. */
    assert_int_equal(vinn_policy_validate(p, NULL), VINN_E_POLICY_INVALID);
}

static void test_validate_accepts(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    assert_valid(&p);
    /* The edges: grace 0 and 90, deadline 90, pre-due 60 days before. */
    p.promise_grace_days = 0;
    assert_valid(&p);
    p.promise_grace_days = VINN_POLICY_DEADLINE_MAX;
    p.steps[0].days = VINN_POLICY_DAYS_MIN;
    p.steps[2].deadline_days = VINN_POLICY_DEADLINE_MAX;
    assert_valid(&p);
    /* One step is enough; a reminder may fall on the due date itself. */
    struct vinn_policy one = POLICY(step(VINN_STEP_TASK, 0, ABS, 0, 0, false));
    assert_valid(&one);
    /* Twelve steps, the last 3650 days after the due date. */
    struct vinn_policy full;
    memset(&full, 0, sizeof(full));
    full.match.kind = -1;
    full.steps[0] = step(VINN_STEP_PREDUE, -60, ABS, 0, 0, false);
    full.steps[1] = step(VINN_STEP_REMINDER, 0, ABS, 0, 0, false);
    for (int i = 2; i < VINN_POLICY_STEPS_MAX - 1; i++) {
        full.steps[i] = step(VINN_STEP_REMINDER, 1, AFTER, 1, 1, false);
    }
    full.steps[VINN_POLICY_STEPS_MAX - 1] = step(VINN_STEP_COLLECTION, VINN_POLICY_DAYS_MAX, ABS,
                                                0, 0, false);
    full.steps_count = VINN_POLICY_STEPS_MAX;
    assert_valid(&full);
    /* A task and a collection may carry no fee but may state nothing either. */
    struct vinn_policy task = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 0, 0, false),
                                     step(VINN_STEP_TASK, 1, AFTER, 0, 0, false),
                                     step(VINN_STEP_COLLECTION, 1, AFTER, 0, 0, false));
    assert_valid(&task);
}

static void test_validate_rules(void **state)
{
    (void)state;
    struct vinn_policy p;

    /* 1..12 steps. */
    p = no_policy();
    p.steps_count = 0;
    assert_invalid(&p, "steps");
    p = no_policy();
    p.steps_count = VINN_POLICY_STEPS_MAX + 1;
    assert_invalid(&p, "steps");

    /* Amounts and grace. */
    p = no_policy();
    p.min_amount = -1;
    assert_invalid(&p, "min_amount");
    p = no_policy();
    p.promise_grace_days = -1;
    assert_invalid(&p, "promise_grace_days");
    p = no_policy();
    p.promise_grace_days = VINN_POLICY_DEADLINE_MAX + 1;
    assert_invalid(&p, "promise_grace_days");

    /* A kind that does not exist. */
    p = no_policy();
    p.steps[1].kind = (enum vinn_step_kind)5;
    assert_invalid(&p, "steps[1].kind");

    /* Days in -60..3650. */
    p = no_policy();
    p.steps[0].days = VINN_POLICY_DAYS_MIN - 1;
    assert_invalid(&p, "steps[0].days");
    p = no_policy();
    p.steps[3].days = VINN_POLICY_DAYS_MAX + 1;
    assert_invalid(&p, "steps[3].days");

    /* The first step counts from the due date; later ones at least 1 day on. */
    p = no_policy();
    p.steps[0].after_previous = true;
    assert_invalid(&p, "steps[0].days");
    p = no_policy();
    p.steps[2].days = 0;
    assert_invalid(&p, "steps[2].days");
    p = no_policy();
    p.steps[2].days = -5;
    assert_invalid(&p, "steps[2].days");

    /* Strictly later than the step before: the notice on the reminder's day
     * (+14), or before it (+13). */
    p = no_policy();
    p.steps[2].after_previous = false;
    p.steps[2].days = 14;
    assert_invalid(&p, "steps[2].days");
    p.steps[2].days = 13;
    assert_invalid(&p, "steps[2].days");
    p.steps[2].days = 15;
    assert_valid(&p);

    /* A pre-due step only first and before the due date. */
    p = no_policy();
    p.steps[1].kind = VINN_STEP_PREDUE;
    p.steps[1].fee_minor = 0;
    assert_invalid(&p, "steps[1].kind");
    p = no_policy();
    p.steps[0].days = 0;
    assert_invalid(&p, "steps[0].kind");
    /* Other steps not before the due date. */
    p = no_policy();
    p.steps[0].kind = VINN_STEP_REMINDER;
    assert_invalid(&p, "steps[0].days");

    /* Fees >= 0 and only on reminders and notices. */
    p = no_policy();
    p.steps[1].fee_minor = -1;
    assert_invalid(&p, "steps[1].fee");
    p = no_policy();
    p.steps[1].fee_minor = INT64_MIN;
    assert_invalid(&p, "steps[1].fee");
    p = no_policy();
    p.steps[0].fee_minor = 1;
    assert_invalid(&p, "steps[0].fee");
    p = no_policy();
    p.steps[3].fee_minor = 1;
    assert_invalid(&p, "steps[3].fee");
    p = no_policy();
    p.steps[3].kind = VINN_STEP_TASK;
    p.steps[3].fee_minor = 100;
    assert_invalid(&p, "steps[3].fee");

    /* Deadlines 0..90. */
    p = no_policy();
    p.steps[1].deadline_days = -1;
    assert_invalid(&p, "steps[1].deadline");
    p = no_policy();
    p.steps[2].deadline_days = VINN_POLICY_DEADLINE_MAX + 1;
    assert_invalid(&p, "steps[2].deadline");

    /* A tone that does not exist. */
    p = no_policy();
    p.steps[1].tone = (enum vinn_tone)3;
    assert_invalid(&p, "steps[1].tone");

    /* Nothing after a collection step. */
    p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 0, 14, false),
               step(VINN_STEP_NOTICE, 21, AFTER, 0, 14, false),
               step(VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false),
               step(VINN_STEP_TASK, 7, AFTER, 0, 0, false));
    assert_invalid(&p, "steps[2].kind");

    /* The first error wins: step 1's fee before step 2's deadline. */
    p = no_policy();
    p.steps[1].fee_minor = -1;
    p.steps[2].deadline_days = -1;
    assert_invalid(&p, "steps[1].fee");
}

/* REGRESSION (was src/core/dunning.c:256-257 and 211-214): an error names the
 * field that failed (STYLE.md "Errors"; the header: "naming
 * steps[i].<member>"). A bad channel is reported as "steps[i].tone", and a
 * negative match.min_amount, match.max_amount or waive_below as "min_amount". */
static void test_regression_validate_field_names(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    p.steps[1].channel = (enum vinn_channel)6;
    assert_invalid(&p, "steps[1].channel");
    p = no_policy();
    p.match.max_amount = -1;
    assert_invalid(&p, "match.max_amount");
    p = no_policy();
    p.match.min_amount = -1;
    assert_invalid(&p, "match.min_amount");
    p = no_policy();
    p.waive_below = -1;
    assert_invalid(&p, "waive_below");
}

/* ---- the law check ---------------------------------------------------------- */

struct checked {
    struct vinn_policy_violation v[VINN_POLICY_VIOLATIONS_MAX];
    size_t count;
};

static struct checked check(const struct vinn_policy *p, enum vinn_country country, bool business,
                            const char *currency, bool fee_agreed, vinn_day on)
{
    /* The check takes a valid policy. */
    assert_valid(p);
    struct checked c;
    memset(&c, 0, sizeof(c));
    c.count = 999;
    vinn_policy_check(p, country, business, currency, fee_agreed, on, c.v, COUNT_OF(c.v),
                      &c.count);
    assert_true(c.count <= COUNT_OF(c.v));
    for (size_t i = 0; i < c.count; i++) {
        assert_true(c.v[i].message[0] != '\0');
        assert_true(c.v[i].step >= -1 && c.v[i].step < (int32_t)p->steps_count);
    }
    return c;
}

static bool has_violation(const struct checked *c, int32_t step_index, vinn_err code)
{
    for (size_t i = 0; i < c->count; i++) {
        if (c->v[i].step == step_index && c->v[i].code == code) {
            return true;
        }
    }
    return false;
}

static void assert_lawful(const struct checked *c)
{
    for (size_t i = 0; i < c->count; i++) {
        print_message("unexpected violation: step %d code %d: %s\n", (int)c->v[i].step,
                      (int)c->v[i].code, c->v[i].message);
    }
    assert_int_equal(c->count, 0);
}

static void assert_only(const struct checked *c, int32_t step_index, vinn_err code)
{
    if (c->count != 1) {
        assert_lawful(c); /* prints them */
    }
    assert_int_equal(c->count, 1);
    assert_int_equal(c->v[0].step, step_index);
    assert_int_equal(c->v[0].code, code);
}

/* The day most checks run on: the law of 2026. */
#define ON D(2026, 6, 1)

static void test_check_lawful_policy(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
    /* The same for a business debtor; with the standardkompensasjon claimed
     * on the notice instead of its fee. */
    c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_lawful(&c);
    p.steps[2].compensation = true;
    p.steps[2].fee_minor = 0;
    c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_lawful(&c);
    /* 70 kr was lawful only for claims due before 2020-10-01: a policy is
     * for the claims to come, so its fees are held to today's 35 kr. */
    p = no_policy();
    p.steps[1].fee_minor = 7000;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, D(2020, 9, 30));
    assert_only(&c, 1, VINN_E_LAW_FEE_CAP);
}

static void test_check_fee_cap(void **state)
{
    (void)state;
    /* NO: 1 øre above 35 kr on the purring, then on the inkassovarsel. */
    struct vinn_policy p = no_policy();
    p.steps[1].fee_minor = 3501;
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_CAP);
    p = no_policy();
    p.steps[2].fee_minor = 3501;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_CAP);
    /* 70 kr is above the cap since 2020-10-01. */
    p = no_policy();
    p.steps[1].fee_minor = 7000;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, D(2020, 10, 1));
    assert_only(&c, 1, VINN_E_LAW_FEE_CAP);
    /* SE: 60,01 kr påminnelse (agreed), 180,01 kr inkassokrav. */
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6001, 10, false));
    c = check(&se, VINN_COUNTRY_SE, false, "SEK", true, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
    se = POLICY(step(VINN_STEP_NOTICE, 7, ABS, 18001, 10, false));
    c = check(&se, VINN_COUNTRY_SE, false, "SEK", true, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
    /* FI: 5,01 € to a consumer; 12,01 € to a business; any fee to a
     * business before 2022-05-01. */
    struct vinn_policy fi = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 501, 14, false));
    c = check(&fi, VINN_COUNTRY_FI, false, "EUR", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
    fi.steps[0].fee_minor = 1200;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_lawful(&c);
    fi.steps[0].fee_minor = 1201;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
    fi.steps[0].fee_minor = 1;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, D(2022, 4, 30));
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
    /* DK: 100,01 kr. */
    struct vinn_policy dk = POLICY(step(VINN_STEP_REMINDER, 1, ABS, 10001, 7, false));
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_CAP);
}

static void test_check_fee_too_early(void **state)
{
    (void)state;
    /* NO § 1-2: no fee before 14 days after the due date. The purring at +13
     * (its deadline +27, the notice at +34: the rest stays lawful). */
    struct vinn_policy p = no_policy();
    p.steps[1].days = 13;
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_TOO_EARLY);
    /* Without a fee a purring may go out at any time after the due date. */
    p.steps[1].fee_minor = 0;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
    /* FI: 14 days for consumers, 10 for businesses. */
    struct vinn_policy fi = POLICY(step(VINN_STEP_REMINDER, 13, ABS, 500, 14, false));
    c = check(&fi, VINN_COUNTRY_FI, false, "EUR", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_TOO_EARLY);
    fi.steps[0].days = 10;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_lawful(&c);
    fi.steps[0].days = 9;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_TOO_EARLY);
    /* DK: the first rykker may charge from the day after the due date, not on it. */
    struct vinn_policy dk = POLICY(step(VINN_STEP_REMINDER, 0, ABS, 10000, 7, false));
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_TOO_EARLY);
    dk.steps[0].days = 1;
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_lawful(&c);
}

static void test_check_fee_gap(void **state)
{
    (void)state;
    /* FI consumer: the next chargeable reminder 14 days after the previous. */
    struct vinn_policy fi = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 500, 14, false),
                                   step(VINN_STEP_REMINDER, 13, AFTER, 500, 14, false));
    struct checked c = check(&fi, VINN_COUNTRY_FI, false, "EUR", false, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_GAP);
    fi.steps[1].days = 14;
    c = check(&fi, VINN_COUNTRY_FI, false, "EUR", false, ON);
    assert_lawful(&c);
    /* FI business: 10 days. */
    fi.steps[1].days = 9;
    fi.steps[0].fee_minor = 1200;
    fi.steps[1].fee_minor = 1200;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_GAP);
    fi.steps[1].days = 10;
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, ON);
    assert_lawful(&c);
    /* DK: 10 days between rykkere. */
    struct vinn_policy dk = POLICY(step(VINN_STEP_REMINDER, 1, ABS, 10000, 7, false),
                                   step(VINN_STEP_REMINDER, 9, AFTER, 10000, 7, false));
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_GAP);
    dk.steps[1].days = 10;
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_lawful(&c);
}

static void test_check_fee_deadline_norway(void **state)
{
    (void)state;
    /* § 1-3: the second fee only after the debtor missed a deadline of at
     * least 14 days set in the first letter. A 10-day deadline: */
    struct vinn_policy p = no_policy();
    p.steps[1].deadline_days = 10;
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_DEADLINE);
    /* No deadline at all. */
    p.steps[1].deadline_days = 0;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_DEADLINE);
    /* 14 days (deadline +28), the notice on +28: not yet missed. */
    p = no_policy();
    p.steps[2].after_previous = false;
    p.steps[2].days = 28;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_DEADLINE);
    /* On +29 it was missed. */
    p.steps[2].days = 29;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
    /* Too close and not missed: +20 breaks both the gap and the deadline. */
    p.steps[2].days = 20;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_int_equal(c.count, 2);
    assert_true(has_violation(&c, 2, VINN_E_LAW_FEE_GAP));
    assert_true(has_violation(&c, 2, VINN_E_LAW_FEE_DEADLINE));
    /* FI and DK have no deadline rule. */
    struct vinn_policy dk = POLICY(step(VINN_STEP_REMINDER, 1, ABS, 10000, 0, false),
                                   step(VINN_STEP_REMINDER, 10, AFTER, 10000, 0, false));
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_lawful(&c);
}

static void test_check_fee_letters(void **state)
{
    (void)state;
    /* NO § 1-3: two fee letters (two purringer, or purring + inkassovarsel);
     * a third purring, lawful in every other way, is one too many. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false),
                                  step(VINN_STEP_REMINDER, 35, ABS, 3500, 14, false),
                                  step(VINN_STEP_NOTICE, 56, ABS, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 77, ABS, 0, 0, false));
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_LETTERS);
    p.steps[2].fee_minor = 0;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
    /* DK § 9 b: three rykkere; the fourth is one too many. */
    struct vinn_policy dk = POLICY(step(VINN_STEP_REMINDER, 1, ABS, 10000, 7, false),
                                   step(VINN_STEP_REMINDER, 10, AFTER, 10000, 7, false),
                                   step(VINN_STEP_REMINDER, 10, AFTER, 10000, 7, false),
                                   step(VINN_STEP_NOTICE, 10, AFTER, 10000, 10, false));
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_only(&c, 3, VINN_E_LAW_FEE_LETTERS);
    dk.steps_count = 3;
    c = check(&dk, VINN_COUNTRY_DK, false, "DKK", false, ON);
    assert_lawful(&c);
}

static void test_check_se_fee_needs_agreement(void **state)
{
    (void)state;
    /* A påminnelseavgift only when agreed when the debt arose. */
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false));
    struct checked c = check(&se, VINN_COUNTRY_SE, false, "SEK", false, ON);
    assert_only(&c, 0, VINN_E_LAW_FEE_NOT_AGREED);
    c = check(&se, VINN_COUNTRY_SE, false, "SEK", true, ON);
    assert_lawful(&c);
    /* No such rule elsewhere. */
    struct vinn_policy no = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false));
    c = check(&no, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
}

static void test_check_compensation(void **state)
{
    (void)state;
    /* Only for business debtors where the law gives one. */
    struct vinn_policy p = no_policy();
    p.steps[2].compensation = true;
    p.steps[2].fee_minor = 0;
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_COMPENSATION);
    c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_lawful(&c);
    /* FI: vakiokorvaus only from 2013-03-16. */
    struct vinn_policy fi = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 0, 14, true));
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, D(2013, 3, 15));
    assert_only(&c, 0, VINN_E_LAW_COMPENSATION);
    c = check(&fi, VINN_COUNTRY_FI, true, "EUR", false, D(2013, 3, 16));
    assert_lawful(&c);
    /* Another country: no compensation. */
    c = check(&fi, VINN_COUNTRY_OTHER, true, "EUR", false, ON);
    assert_only(&c, 0, VINN_E_LAW_COMPENSATION);
}

static void test_check_fee_after_compensation(void **state)
{
    (void)state;
    /* With the compensation claimed, no further letter fee (law.h:
     * compensation_replaces_fees). The compensation on the purring, the
     * inkassovarsel's 35 kr after it: */
    struct vinn_policy p = no_policy();
    p.steps[1].fee_minor = 0;
    p.steps[1].compensation = true;
    struct checked c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_COMPENSATION);
    /* On the same letter as the fee: it replaces that fee too. */
    p = no_policy();
    p.steps[2].compensation = true;
    c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_only(&c, 2, VINN_E_LAW_FEE_COMPENSATION);
    /* SE: förseningsersättning replaces the inkassokrav fee. */
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 0, 10, true),
                                   step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false));
    c = check(&se, VINN_COUNTRY_SE, true, "SEK", true, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_COMPENSATION);
}

static void test_check_notice_deadline(void **state)
{
    (void)state;
    /* NO inkassoloven § 9: at least 14 days; SE 8 days; DK 10 days. */
    static const struct {
        enum vinn_country country;
        const char *currency;
        int32_t shortest;
    } cases[] = {
        {VINN_COUNTRY_NO, "NOK", 14},
        {VINN_COUNTRY_SE, "SEK", 8},
        {VINN_COUNTRY_FI, "EUR", 14},
        {VINN_COUNTRY_DK, "DKK", 10},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        struct vinn_policy p = POLICY(step(VINN_STEP_NOTICE, 14, ABS, 0, cases[i].shortest, false),
                                      step(VINN_STEP_COLLECTION, 30, AFTER, 0, 0, false));
        struct checked c = check(&p, cases[i].country, false, cases[i].currency, false, ON);
        assert_lawful(&c);
        p.steps[0].deadline_days = cases[i].shortest - 1;
        c = check(&p, cases[i].country, false, cases[i].currency, false, ON);
        assert_only(&c, 0, VINN_E_LAW_NOTICE_DEADLINE);
        /* No deadline at all. */
        p.steps[0].deadline_days = 0;
        c = check(&p, cases[i].country, false, cases[i].currency, false, ON);
        assert_only(&c, 0, VINN_E_LAW_NOTICE_DEADLINE);
    }
    /* A reminder may give a short deadline. */
    struct vinn_policy r = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 0, 3, false));
    struct checked c = check(&r, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
}

static void test_check_collection_needs_notice(void **state)
{
    (void)state;
    /* A hand-over without a notice before it. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 35, ABS, 0, 0, false));
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 1, VINN_E_LAW_NOTICE_MISSING);
    /* The same in every Nordic country. */
    c = check(&p, VINN_COUNTRY_DK, false, "NOK", false, ON);
    assert_true(has_violation(&c, 1, VINN_E_LAW_NOTICE_MISSING));
    /* A hand-over on the notice deadline's own day: +35 + 14 = +49. */
    p = no_policy();
    p.steps[3].after_previous = false;
    p.steps[3].days = 49;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_only(&c, 3, VINN_E_LAW_NOTICE_MISSING);
    /* The day after it is lawful. */
    p.steps[3].days = 50;
    c = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_lawful(&c);
}

static void test_check_fee_foreign_currency(void **state)
{
    (void)state;
    /* Fees in EUR cannot be checked against the NOK caps: each fee step. */
    struct vinn_policy p = no_policy();
    struct checked c = check(&p, VINN_COUNTRY_NO, false, "EUR", false, ON);
    assert_int_equal(c.count, 2);
    assert_true(has_violation(&c, 1, VINN_E_LAW_FEE_CURRENCY));
    assert_true(has_violation(&c, 2, VINN_E_LAW_FEE_CURRENCY));
    /* Without fees a foreign-currency policy is lawful. */
    p.steps[1].fee_minor = 0;
    p.steps[2].fee_minor = 0;
    c = check(&p, VINN_COUNTRY_NO, false, "EUR", false, ON);
    assert_lawful(&c);
}

static void test_check_other_country(void **state)
{
    (void)state;
    /* No law data: no fee can be checked, so each is refused; but no notice is
     * required before a hand-over. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 100, 14, false),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct checked c = check(&p, VINN_COUNTRY_OTHER, false, "EUR", false, ON);
    assert_true(has_violation(&c, 0, VINN_E_LAW_FEE_CURRENCY));
    /* (No fee letter is allowed at all: VINN_E_LAW_FEE_LETTERS may come too.) */
    for (size_t i = 0; i < c.count; i++) {
        assert_int_equal(c.v[i].step, 0);
        assert_true(c.v[i].code != VINN_E_LAW_NOTICE_MISSING);
    }
    p.steps[0].fee_minor = 0;
    c = check(&p, VINN_COUNTRY_OTHER, false, "EUR", false, ON);
    assert_lawful(&c);
}

static void test_check_max_and_count(void **state)
{
    (void)state;
    /* Three breaches: a fee above the cap and too early (step 0), and a
     * hand-over without a notice (step 1). */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 5000, 14, false),
                                  step(VINN_STEP_COLLECTION, 21, ABS, 0, 0, false));
    struct checked all = check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON);
    assert_int_equal(all.count, 3);
    assert_true(has_violation(&all, 0, VINN_E_LAW_FEE_CAP));
    assert_true(has_violation(&all, 0, VINN_E_LAW_FEE_TOO_EARLY));
    assert_true(has_violation(&all, 1, VINN_E_LAW_NOTICE_MISSING));
    /* With room for one: the count is still 3, one is written, the rest of
     * out untouched. */
    struct vinn_policy_violation out[2];
    memset(out, 0x5a, sizeof(out));
    struct vinn_policy_violation untouched;
    memset(&untouched, 0x5a, sizeof(untouched));
    size_t count = 0;
    vinn_policy_check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON, out, 1, &count);
    assert_int_equal(count, 3);
    assert_int_equal(out[0].step, all.v[0].step);
    assert_int_equal(out[0].code, all.v[0].code);
    assert_memory_equal(&out[1], &untouched, sizeof(untouched));
    /* With none: only the count. */
    count = 0;
    vinn_policy_check(&p, VINN_COUNTRY_NO, false, "NOK", false, ON, NULL, 0, &count);
    assert_int_equal(count, 3);
}

/* Swedish law has a påminnelseavgift (60 kr, when agreed) and, separately,
 * the inkassokrav fee (180 kr) (lag 1981:739; IMY): both on one claim. */
static void test_check_se_reminder_and_inkassokrav(void **state)
{
    (void)state;
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false),
                                   step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false),
                                   step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct checked c = check(&se, VINN_COUNTRY_SE, false, "SEK", true, ON);
    assert_lawful(&c);
    /* A second påminnelse with a fee before it is one too many. */
    struct vinn_policy three = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false),
                                      step(VINN_STEP_REMINDER, 14, AFTER, 6000, 10, false),
                                      step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false));
    c = check(&three, VINN_COUNTRY_SE, false, "SEK", true, ON);
    /* The second påminnelse fee is one reminder fee too many, the third
     * fee-bearing letter one letter too many. */
    assert_int_equal(c.count, 2);
    assert_true(has_violation(&c, 1, VINN_E_LAW_FEE_LETTERS));
    assert_true(has_violation(&c, 2, VINN_E_LAW_FEE_LETTERS));
}

/* REGRESSION (was src/core/law.c:127 counts letters, not kinds): the comment
 * there ("one påminnelseavgift and one inkassokrav") and law.c's `defaults`
 * ("two fee-bearing letters (a reminder and an inkassokrav)") allow one
 * reminder fee; a plain count of 2 lets a second påminnelseavgift through.
 * (DOMAIN.md gives no statutory count: this holds the code to its own rule.) */
static void test_regression_check_se_one_reminder_fee(void **state)
{
    (void)state;
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false),
                                   step(VINN_STEP_REMINDER, 14, AFTER, 6000, 10, false));
    struct checked c = check(&se, VINN_COUNTRY_SE, false, "SEK", true, ON);
    assert_only(&c, 1, VINN_E_LAW_FEE_LETTERS);
}

/* REGRESSION (was src/core/dunning.c:317, and 477 at run time): only the
 * påminnelseavgift needs the debtor's agreement (DOMAIN.md 2.2; law.h:
 * "SE: a reminder fee only when agreed"); the inkassokrav fee of 180 kr does
 * not. The check refuses a notice fee without agreement. */
static void test_regression_check_se_inkassokrav_without_agreement(void **state)
{
    (void)state;
    struct vinn_policy se = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 0, 10, false),
                                   step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false),
                                   step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct checked c = check(&se, VINN_COUNTRY_SE, false, "SEK", false, ON);
    assert_lawful(&c);
}

/* REGRESSION (was src/core/dunning.c:355-361): the B2B compensation arises when
 * late interest starts to run (DOMAIN.md 2.1 "from the moment of default",
 * 2.2 "when dröjsmålsränta starts to run", 2.3, 2.4), i.e. after the due
 * date. A pre-due step that claims it is not lawful, but the check accepts it
 * (and the decision charges it: see test_regression_no_compensation_before_due). */
static void test_regression_check_compensation_before_due(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    p.steps[0].compensation = true;
    p.steps[1].fee_minor = 0;
    p.steps[2].fee_minor = 0;
    struct checked c = check(&p, VINN_COUNTRY_NO, true, "NOK", false, ON);
    assert_only(&c, 0, VINN_E_LAW_COMPENSATION);
}

/* ---- default policies ------------------------------------------------------- */

static void assert_def(const struct vinn_policy_step *s, enum vinn_step_kind kind, int32_t days,
                       int after, int64_t fee, int32_t deadline_days, bool compensation)
{
    assert_int_equal(s->kind, kind);
    assert_int_equal(s->days, days);
    assert_int_equal(s->after_previous, after == AFTER);
    assert_int_equal(s->fee_minor, fee);
    assert_int_equal(s->deadline_days, deadline_days);
    assert_int_equal(s->compensation, compensation);
    assert_int_equal(s->channel, VINN_CHANNEL_CUSTOMER);
}

/* Days from the due date of step i. */
static int32_t offset_of(const struct vinn_policy *p, uint32_t i)
{
    int32_t offset = 0;
    for (uint32_t k = 0; k <= i; k++) {
        offset = p->steps[k].after_previous ? offset + p->steps[k].days : p->steps[k].days;
    }
    return offset;
}

static struct vinn_policy default_of(enum vinn_country country, bool business, const char *currency,
                                     vinn_day today)
{
    struct vinn_policy p;
    memset(&p, 0x5a, sizeof(p));
    vinn_policy_default(country, business, currency, today, &p);
    assert_valid(&p);
    assert_int_equal(p.match.kind, business ? 1 : 0);
    assert_int_equal(p.promise_grace_days, 3);
    assert_int_equal(p.min_amount, 0);
    /* Small balances waived: 50 kr, 5 euro (docs/dunning.md). */
    assert_int_equal(p.waive_below, strcmp(currency, "EUR") == 0 ? 500 : 5000);
    assert_true(p.steps_count >= 3);
    /* Friendly first, never friendlier later; the last step hands over. */
    assert_int_equal(p.steps[0].kind, VINN_STEP_PREDUE);
    assert_int_equal(p.steps[0].tone, VINN_TONE_FRIENDLY);
    for (uint32_t i = 1; i < p.steps_count; i++) {
        assert_true(p.steps[i].tone >= p.steps[i - 1].tone);
    }
    assert_int_equal(p.steps[p.steps_count - 1].kind, VINN_STEP_COLLECTION);
    return p;
}

static void test_default_norway(void **state)
{
    (void)state;
    for (int business = 0; business < 2; business++) {
        struct vinn_policy p = default_of(VINN_COUNTRY_NO, business != 0, "NOK", ON);
        assert_string_equal(p.name, business ? "default-no-company" : "default-no-person");
        assert_true(p.interest);
        assert_int_equal(p.steps_count, 4);
        /* Pre-due 3 days before; the purring as early as a fee may be charged
         * (+14) with 35 kr and a 14-day deadline; the inkassovarsel with 35 kr
         * and 14 days (inkassoloven § 9), for a business the 470 kr
         * standardkompensasjon instead of its fee; the hand-over after the
         * notice deadline.
         * The notice comes 21 days after the purring (+35) and the hand-over
         * 21 days after the notice (+56): +30 would not be enough when the
         * purring's 14-day deadline moves over Easter (see
         * test_decide_header_days_lose_fee_over_easter): the notice must come
         * after the moved deadline for its fee (§ 1-3). */
        assert_def(&p.steps[0], VINN_STEP_PREDUE, -3, ABS, 0, 0, false);
        assert_def(&p.steps[1], VINN_STEP_REMINDER, 14, ABS, 3500, 14, false);
        assert_def(&p.steps[2], VINN_STEP_NOTICE, 21, AFTER, business ? 0 : 3500, 14,
                   business != 0);
        assert_def(&p.steps[3], VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false);
        assert_int_equal(offset_of(&p, 2), 35);
        assert_int_equal(offset_of(&p, 3), 56);
    }
    /* A policy is for claims to come: 35 kr whatever day it is made. */
    struct vinn_policy old = default_of(VINN_COUNTRY_NO, false, "NOK", D(2020, 9, 30));
    assert_int_equal(old.steps[1].fee_minor, 3500);
    assert_int_equal(old.steps[2].fee_minor, 3500);
    /* The NOK defaults waive 50 kr. */
    assert_int_equal(old.waive_below, 5000);
}

static void test_default_sweden(void **state)
{
    (void)state;
    for (int business = 0; business < 2; business++) {
        struct vinn_policy p = default_of(VINN_COUNTRY_SE, business != 0, "SEK", ON);
        assert_string_equal(p.name, business ? "default-se-company" : "default-se-person");
        assert_int_equal(p.steps_count, 4);
        /* The reminder fee needs an agreement the default cannot assume: none.
         * The inkassokrav gives more than the 8 days of god inkassosed; the
         * förseningsersättning with it for a business. */
        assert_def(&p.steps[0], VINN_STEP_PREDUE, -3, ABS, 0, 0, false);
        assert_def(&p.steps[1], VINN_STEP_REMINDER, 7, ABS, 0, 10, false);
        assert_int_equal(p.steps[2].kind, VINN_STEP_NOTICE);
        assert_int_equal(offset_of(&p, 2), 21);
        assert_true(p.steps[2].deadline_days >= 8);
        assert_int_equal(p.steps[2].compensation, business != 0);
        assert_int_equal(p.steps[3].kind, VINN_STEP_COLLECTION);
        assert_int_equal(offset_of(&p, 3), 35);
        assert_true(offset_of(&p, 3) > offset_of(&p, 2) + p.steps[2].deadline_days);
    }
    /* For a business the förseningsersättning replaces the inkassokrav fee. */
    struct vinn_policy company = default_of(VINN_COUNTRY_SE, true, "SEK", ON);
    assert_int_equal(company.steps[2].fee_minor, 0);
}

/* REGRESSION (was src/core/dunning.c:164, caused by 317): the default policy
 * carries "fees in currency at the law's cap" (dunning.h:116). A Swedish
 * consumer's inkassokrav may cost 180 kr without any agreement (DOMAIN.md
 * 2.2), so the default notice should ask for 18000 öre; it asks for none. */
static void test_regression_default_se_person_inkassokrav_fee(void **state)
{
    (void)state;
    struct vinn_policy p = default_of(VINN_COUNTRY_SE, false, "SEK", ON);
    assert_int_equal(p.steps[2].fee_minor, 18000);
    struct checked c = check(&p, VINN_COUNTRY_SE, false, "SEK", false, ON);
    assert_lawful(&c);
}

static void test_default_finland(void **state)
{
    (void)state;
    struct vinn_policy p = default_of(VINN_COUNTRY_FI, false, "EUR", ON);
    assert_string_equal(p.name, "default-fi-person");
    assert_int_equal(p.steps_count, 4);
    /* 5 € from +14, the next 21 days later (>= 14). */
    assert_def(&p.steps[0], VINN_STEP_PREDUE, -3, ABS, 0, 0, false);
    assert_def(&p.steps[1], VINN_STEP_REMINDER, 14, ABS, 500, 14, false);
    assert_def(&p.steps[2], VINN_STEP_NOTICE, 21, AFTER, 500, 14, false);
    assert_def(&p.steps[3], VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false);
    /* Business: 12 € since 2022-05-01, vakiokorvaus with the notice. */
    struct vinn_policy b = default_of(VINN_COUNTRY_FI, true, "EUR", ON);
    assert_string_equal(b.name, "default-fi-company");
    assert_def(&b.steps[1], VINN_STEP_REMINDER, 14, ABS, 1200, 14, false);
    /* The 40 € vakiokorvaus instead of the maksuvaatimus fee. */
    assert_def(&b.steps[2], VINN_STEP_NOTICE, 21, AFTER, 0, 14, true);
    /* Before 2022-05-01 no B2B fee. */
    struct vinn_policy old = default_of(VINN_COUNTRY_FI, true, "EUR", D(2022, 4, 30));
    assert_int_equal(old.steps[1].fee_minor, 0);
    assert_int_equal(old.steps[2].fee_minor, 0);
    assert_true(old.steps[2].compensation);
    /* Euro defaults waive 5 €. */
    assert_int_equal(p.waive_below, 500);
}

static void test_default_denmark(void **state)
{
    (void)state;
    for (int business = 0; business < 2; business++) {
        struct vinn_policy p = default_of(VINN_COUNTRY_DK, business != 0, "DKK", ON);
        assert_string_equal(p.name, business ? "default-dk-company" : "default-dk-person");
        assert_int_equal(p.steps_count, 5);
        /* A free friendly rykker, then two at 100 kr, 10 and 14 days apart
         * (>= 10), the last with the 10-day notice (for a business the 310 kr
         * kompensationsbeløb instead of its fee); the hand-over after it. */
        assert_def(&p.steps[0], VINN_STEP_PREDUE, -3, ABS, 0, 0, false);
        assert_def(&p.steps[1], VINN_STEP_REMINDER, 3, ABS, 0, 7, false);
        assert_def(&p.steps[2], VINN_STEP_REMINDER, 10, AFTER, 10000, 10, false);
        assert_def(&p.steps[3], VINN_STEP_NOTICE, 14, AFTER, business ? 0 : 10000, 10,
                   business != 0);
        assert_def(&p.steps[4], VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false);
        assert_int_equal(offset_of(&p, 2), 13);
        assert_int_equal(offset_of(&p, 3), 27);
        assert_int_equal(offset_of(&p, 4), 41);
    }
}

static void test_default_other(void **state)
{
    (void)state;
    struct vinn_policy p = default_of(VINN_COUNTRY_OTHER, false, "EUR", ON);
    assert_string_equal(p.name, "default-other-person");
    /* No law data: no fees, no interest, no compensation. */
    assert_false(p.interest);
    for (uint32_t i = 0; i < p.steps_count; i++) {
        assert_int_equal(p.steps[i].fee_minor, 0);
        assert_false(p.steps[i].compensation);
    }
    struct vinn_policy b = default_of(VINN_COUNTRY_OTHER, true, "USD", ON);
    assert_string_equal(b.name, "default-other-company");
    for (uint32_t i = 0; i < b.steps_count; i++) {
        assert_false(b.steps[i].compensation);
    }
}

static void test_default_foreign_currency_has_no_fees(void **state)
{
    (void)state;
    static const struct {
        enum vinn_country country;
        const char *currency;
    } cases[] = {
        {VINN_COUNTRY_NO, "EUR"}, {VINN_COUNTRY_NO, "SEK"}, {VINN_COUNTRY_SE, "NOK"},
        {VINN_COUNTRY_FI, "SEK"}, {VINN_COUNTRY_DK, "EUR"}, {VINN_COUNTRY_DK, "dkk"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        for (int business = 0; business < 2; business++) {
            struct vinn_policy p = default_of(cases[i].country, business != 0,
                                              cases[i].currency, ON);
            for (uint32_t k = 0; k < p.steps_count; k++) {
                assert_int_equal(p.steps[k].fee_minor, 0);
            }
            struct checked c = check(&p, cases[i].country, business != 0, cases[i].currency,
                                     false, ON);
            assert_lawful(&c);
        }
    }
}

static void test_defaults_pass_the_check(void **state)
{
    (void)state;
    static const struct {
        enum vinn_country country;
        const char *currency;
    } countries[] = {
        {VINN_COUNTRY_NO, "NOK"}, {VINN_COUNTRY_SE, "SEK"},   {VINN_COUNTRY_FI, "EUR"},
        {VINN_COUNTRY_DK, "DKK"}, {VINN_COUNTRY_OTHER, "EUR"},
    };
    static const int days[][3] = {
        {2019, 1, 1}, {2020, 9, 30}, {2020, 10, 1}, {2022, 4, 30},
        {2022, 5, 1}, {2024, 7, 1},  {2026, 6, 1},  {2030, 1, 1},
    };
    for (size_t i = 0; i < COUNT_OF(countries); i++) {
        for (size_t d = 0; d < COUNT_OF(days); d++) {
            vinn_day on = D(days[d][0], days[d][1], days[d][2]);
            for (int business = 0; business < 2; business++) {
                struct vinn_policy p =
                    default_of(countries[i].country, business != 0, countries[i].currency, on);
                /* SE: with fee_agreed false. */
                struct checked c = check(&p, countries[i].country, business != 0,
                                         countries[i].currency, false, on);
                assert_lawful(&c);
            }
        }
    }
}

/* REGRESSION (was src/core/dunning.c:164, 171-172, 186-187: compensation = business):
 * "the lawful default policy" (dunning.h:115) on a day when the law gives no
 * compensation (NO before the first verified standardkompensasjon, 2019; SE
 * and FI before 2013-03-16) still claims it, and its own check refuses it
 * with VINN_E_LAW_COMPENSATION. Low impact: only for such days. */
static void test_regression_defaults_lawful_on_early_days(void **state)
{
    (void)state;
    struct vinn_policy no = default_of(VINN_COUNTRY_NO, true, "NOK", D(2018, 6, 1));
    struct checked c = check(&no, VINN_COUNTRY_NO, true, "NOK", false, D(2018, 6, 1));
    assert_lawful(&c);
    struct vinn_policy se = default_of(VINN_COUNTRY_SE, true, "SEK", D(2013, 3, 15));
    c = check(&se, VINN_COUNTRY_SE, true, "SEK", false, D(2013, 3, 15));
    assert_lawful(&c);
}

/* ---- the first day ---------------------------------------------------------- */

static void test_first_day_predue_moves_to_business_day(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    /* Due Thu 2026-03-05: the pre-due nudge on Mon 03-02. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 3, 5)), D(2026, 3, 2));
    /* Due Wed 2026-04-08: 3 days before is Easter Day 04-05, then Easter
     * Monday 04-06; Tue 04-07 is still before the due date. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 4, 8)), D(2026, 4, 7));
    /* Due Sat 2026-01-31 (month end): Wed 01-28. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 1, 31)), D(2026, 1, 28));
    /* Elsewhere weekends only: due Wed 2026-04-08 -> Sun 04-05 -> Mon 04-06. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_OTHER, D(2026, 4, 8)),
                     D(2026, 4, 6));
    /* Due Mon 2026-05-18: Fri 05-15 is open in Norway, but it is the Danish
     * bank closing day after Ascension (05-14). */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 5, 18)),
                     D(2026, 5, 15));
}

static void test_first_day_predue_skipped(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    /* Due Tue 2026-04-07: Sat 04-04 moves past Easter to Tue 04-07, the due
     * date itself: skipped; the purring on +14 = Tue 04-21 comes first. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 4, 7)), D(2026, 4, 21));
    /* Due on Easter Monday 04-06: Good Friday 04-03 moves to 04-07, after it:
     * skipped; +14 = Mon 04-20. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 4, 6)), D(2026, 4, 20));
    /* Denmark, due Mon 2026-05-18: Fri 05-15 is closed, Sat, Sun, then the
     * due date: skipped; +14 = Mon 06-01. */
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_DK, D(2026, 5, 18)), D(2026, 6, 1));
    /* A policy without a pre-due step: its first step, moved to a business
     * day: due Sat 2026-01-31 + 14 = Sat 02-14 -> Mon 02-16. */
    struct vinn_policy r = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false));
    assert_int_equal(vinn_dunning_first_day(&r, VINN_COUNTRY_NO, D(2026, 1, 31)), D(2026, 2, 16));
}

static void test_first_day_without_steps(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    p.steps_count = 0;
    assert_int_equal(vinn_dunning_first_day(&p, VINN_COUNTRY_NO, D(2026, 3, 5)), VINN_NO_DAY);
    /* Only a pre-due step that no longer falls before the due date. */
    struct vinn_policy only = POLICY(step(VINN_STEP_PREDUE, -1, ABS, 0, 0, false));
    /* Due Mon 2026-04-06 (Easter Monday): 04-05 -> 04-07. */
    assert_int_equal(vinn_dunning_first_day(&only, VINN_COUNTRY_NO, D(2026, 4, 6)), VINN_NO_DAY);
}

/* ---- the decision: a whole case --------------------------------------------- */

static void test_decide_norway_person_over_easter(void **state)
{
    (void)state;
    /* 10 000,00 kr due Thu 2026-03-05. */
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    assert_int_equal(s.next, D(2026, 3, 2));

    /* Today 2026-03-25: the pre-due nudge and the purring. */
    sim_run(&s, D(2026, 3, 25));
    assert_int_equal(s.count, 2);
    /* Mon 03-02: the nudge, pay-by the due date, nothing charged. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_PREDUE, D(2026, 3, 2), 0, 0, 0,
                                              D(2026, 3, 5), 1000000, 0, D(2026, 3, 19)});
    assert_false(s.log[0].task);
    assert_int_equal(s.log[0].tone, VINN_TONE_FRIENDLY);
    assert_int_equal(s.log[0].channel, VINN_CHANNEL_EMAIL);
    /* Thu 03-19 (+14): 35 kr. Interest 03-06..03-19, 14 days:
     *   1000000 * 1250 * 14 / 3650000 = 4794.52 -> 4795.
     * Deadline +14 = Thu 04-02 (Maundy Thursday), Good Friday, Sat, Sun
     * (Easter Day), Easter Monday -> Tue 04-07.
     * Total 1000000 + 3500 + 4795 = 1008295. Next: 21 days on, Thu 04-09. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_REMINDER, D(2026, 3, 19), 3500, 0,
                                              4795, D(2026, 4, 7), 1008295, 0, D(2026, 4, 9)});
    assert_int_equal(s.log[1].interest_from, D(2026, 3, 6));
    assert_int_equal(s.log[1].interest_rate_bp, 1250);
    assert_int_equal(s.log[1].tone, VINN_TONE_FRIENDLY);
    assert_int_equal(s.log[1].channel, VINN_CHANNEL_LETTER);
    /* The case remembers the fee letter and its deadline (04-07 - 03-19 = 19 days). */
    assert_int_equal(s.c.step_index, 2);
    assert_int_equal(s.c.steps_taken, 2);
    assert_int_equal(s.c.fee_letters, 1);
    assert_int_equal(s.c.last_step_day, D(2026, 3, 19));
    assert_int_equal(s.c.last_fee_day, D(2026, 3, 19));
    assert_int_equal(s.c.last_fee_deadline, D(2026, 4, 7));
    assert_int_equal(s.c.last_fee_deadline_days, 19);
    assert_int_equal(s.c.notice_deadline, VINN_NO_DAY);
    assert_int_equal(s.c.interest_through, D(2026, 3, 19));
    assert_int_equal(s.next, D(2026, 4, 9));

    /* Today 2026-12-31: the rest. */
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 4);
    /* Thu 04-09: the inkassovarsel, after the missed 04-07 deadline: 35 kr.
     * Interest 03-20..04-09, 21 days: 1000000 * 1250 * 21 / 3650000 =
     * 7191.78 -> 7192. Deadline +14 = Thu 04-23. Total 1008295 + 3500 +
     * 7192 = 1018987. Next 21 days on: Thu 04-30 (1 May is the holiday). */
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_NOTICE, D(2026, 4, 9), 3500, 0, 7192,
                                              D(2026, 4, 23), 1018987, 0, D(2026, 4, 30)});
    assert_int_equal(s.log[2].interest_from, D(2026, 3, 20));
    assert_int_equal(s.log[2].tone, VINN_TONE_NEUTRAL);
    /* Thu 04-30: the hand-over, after the notice deadline. Interest
     * 04-10..04-30, 21 days: 7192. Total 1026179. Nothing after it. */
    assert_step(&s.log[3], (struct want_step){3, VINN_STEP_COLLECTION, D(2026, 4, 30), 0, 0, 7192,
                                              VINN_NO_DAY, 1026179, 0, VINN_NO_DAY});
    assert_int_equal(s.log[3].interest_from, D(2026, 4, 10));
    assert_int_equal(s.log[3].tone, VINN_TONE_FIRM);
    assert_int_equal(s.log[3].channel, VINN_CHANNEL_CUSTOMER);
    /* Posted per step, rounded per posting: 4795 + 7192 + 7192 = 19179 for
     * the 56 days (19178.08 in one go). */
    assert_int_equal(s.interest, 19179);
    assert_int_equal(s.fees, 7000);
    assert_int_equal(s.c.step_index, 4);
    assert_int_equal(s.c.steps_taken, 4);
    assert_int_equal(s.c.fee_letters, 2);
    assert_int_equal(s.c.last_fee_day, D(2026, 4, 9));
    assert_int_equal(s.c.last_fee_deadline, D(2026, 4, 23));
    assert_int_equal(s.c.last_fee_deadline_days, 14);
    assert_int_equal(s.c.notice_deadline, D(2026, 4, 23));
    assert_int_equal(s.c.interest_through, D(2026, 4, 30));
    assert_false(s.c.compensation_claimed);

    /* Handed over: asked again, the case closes. */
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 5, 15));
    assert_int_equal(a.action, VINN_ACTION_CLOSE);
    assert_int_equal(a.next_action, VINN_NO_DAY);
}

static void test_decide_month_end_due_date(void **state)
{
    (void)state;
    /* 2 500,00 kr due Sat 2026-01-31. */
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 1, 31), 250000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 4);
    /* Wed 01-28: the nudge states the due date. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_PREDUE, D(2026, 1, 28), 0, 0, 0,
                                              D(2026, 1, 31), 250000, 0, D(2026, 2, 16)});
    /* +14 = Sat 02-14 -> Mon 02-16, 16 days after: 35 kr. Interest 02-01..02-16:
     *   250000 * 1250 * 16 / 3650000 = 1369.86 -> 1370.
     * Deadline Mon 03-02. Total 250000 + 3500 + 1370 = 254870. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_REMINDER, D(2026, 2, 16), 3500, 0, 1370,
                                              D(2026, 3, 2), 254870, 0, D(2026, 3, 9)});
    assert_int_equal(s.log[1].interest_from, D(2026, 2, 1));
    /* 21 days after the purring's real day: Mon 03-09. 21 days:
     *   250000 * 1250 * 21 / 3650000 = 1797.95 -> 1798.
     * Deadline Mon 03-23. Total 254870 + 3500 + 1798 = 260168. */
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_NOTICE, D(2026, 3, 9), 3500, 0, 1798,
                                              D(2026, 3, 23), 260168, 0, D(2026, 3, 30)});
    /* Mon 03-30: 21 days, 1798; total 261966. */
    assert_step(&s.log[3], (struct want_step){3, VINN_STEP_COLLECTION, D(2026, 3, 30), 0, 0, 1798,
                                              VINN_NO_DAY, 261966, 0, VINN_NO_DAY});
}

static void test_decide_interest_half_up(void **state)
{
    (void)state;
    /* 21,90 kr: 14 days give 2190 * 1250 * 14 / 3650000 = 10.5 exactly ->
     * 11 (HALF_UP; HALF_EVEN would give 10). 21 days: 15.75 -> 16. */
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 2190);
    sim_run(&s, D(2026, 4, 9));
    assert_int_equal(s.count, 3);
    assert_int_equal(s.log[1].interest, 11);
    assert_int_equal(s.log[1].total_due, 2190 + 3500 + 11);
    assert_int_equal(s.log[2].interest, 16);
    assert_int_equal(s.log[2].total_due, 2190 + 3500 + 11 + 3500 + 16);
}

/* ---- the decision: waiting and closing -------------------------------------- */

static void test_decide_wait_before_the_step(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    /* Asked before the first step: wait for it. */
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 3, 1));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, D(2026, 3, 2));
    assert_int_equal(s.c.steps_taken, 0);
    (void)sim_decide(&s, D(2026, 3, 2));
    /* Between the nudge and the purring. */
    a = sim_decide(&s, D(2026, 3, 10));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, D(2026, 3, 19));
    assert_int_equal(s.c.steps_taken, 1);
}

static void test_decide_paused(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 25));
    s.c.paused = true;
    struct vinn_case before = s.c;
    /* Paused: wait, with no next action, the case as it was. */
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 4, 9));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, VINN_NO_DAY);
    assert_memory_equal(&s.c, &before, sizeof(before));
    /* Even when nothing is owed any more. */
    s.principal = 0;
    s.fees = 0;
    s.interest = 0;
    a = sim_decide(&s, D(2026, 4, 10));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, VINN_NO_DAY);
}

static void test_decide_promise(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 25));
    /* The customer promises to pay by Mon 04-13; grace 3 days: until Thu
     * 04-16, so the next look is Fri 04-17. */
    s.c.promise_until = D(2026, 4, 13);
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 4, 9));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, D(2026, 4, 17));
    assert_int_equal(s.c.promise_until, D(2026, 4, 13));
    assert_int_equal(s.c.step_index, 2);
    /* On the last day of grace still waiting. */
    a = sim_decide(&s, D(2026, 4, 16));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, D(2026, 4, 17));
    /* Broken: the promise is cleared and the notice goes out on Fri 04-17.
     * Interest 03-20..04-17, 29 days: 1000000 * 1250 * 29 / 3650000 =
     * 9931.51 -> 9932. Deadline +14 = Fri 05-01 (1 May), Sat, Sun -> Mon
     * 05-04. Total 1008295 + 3500 + 9932 = 1021727. Next 21 days on: Fri 05-08. */
    sim_run(&s, D(2026, 4, 17));
    assert_int_equal(s.count, 5);
    assert_step(&s.log[4], (struct want_step){2, VINN_STEP_NOTICE, D(2026, 4, 17), 3500, 0, 9932,
                                              D(2026, 5, 4), 1021727, 0, D(2026, 5, 8)});
    assert_int_equal(s.c.promise_until, VINN_NO_DAY);
    assert_int_equal(s.c.notice_deadline, D(2026, 5, 4));
}

/* REGRESSION (was src/core/dunning.c:587 `a.next_action = hold + 1`): "steps
 * fall on business days" (dunning.h:17). A promise to Wed 2026-04-15 with 3
 * days grace holds until Sat 04-18; the next look is Sun 04-19, where the
 * decision takes the overdue notice on a Sunday. The next action must be the
 * next business day, Mon 04-20. (src/app/dunning.c:861 stores a business day
 * when a promise is recorded, so the day run rarely meets this; the core's
 * own answer is still off.) */
static void test_regression_promise_resumes_on_business_day(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 25));
    s.c.promise_until = D(2026, 4, 15);
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 4, 9));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_true(a.next_action > D(2026, 4, 18));
    assert_int_equal(a.next_action, D(2026, 4, 20));
}

static void test_decide_nothing_owed_closes(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 25));
    /* Paid in full, fees and interest too. */
    s.principal = 0;
    s.fees = 0;
    s.interest = 0;
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 4, 9));
    assert_int_equal(a.action, VINN_ACTION_CLOSE);
    assert_int_equal(a.next_action, VINN_NO_DAY);
    assert_int_equal(s.c.steps_taken, 2);
    /* Overpaid (a credit) closes as well. */
    struct sim t;
    sim_start(&t, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 0);
    t.fees = -100;
    a = sim_decide(&t, D(2026, 3, 2));
    assert_int_equal(a.action, VINN_ACTION_CLOSE);
    /* A paid invoice closes at once, even before any step is due. */
    struct sim u;
    sim_start(&u, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 0);
    a = sim_decide(&u, D(2026, 2, 1));
    assert_int_equal(a.action, VINN_ACTION_CLOSE);
}

static void test_decide_min_amount_closes(void **state)
{
    (void)state;
    /* No letters while less than 1 000,00 kr is outstanding. */
    struct vinn_policy p = no_policy();
    p.min_amount = 100000;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 99999);
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 3, 2));
    assert_int_equal(a.action, VINN_ACTION_CLOSE);
    assert_int_equal(a.next_action, VINN_NO_DAY);
    assert_int_equal(s.c.steps_taken, 0);
    /* Exactly the minimum, counting fees: a step. */
    struct sim t;
    sim_start(&t, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 90000);
    t.fees = 10000;
    a = sim_decide(&t, D(2026, 3, 2));
    assert_int_equal(a.action, VINN_ACTION_STEP);
    assert_int_equal(a.kind, VINN_STEP_PREDUE);
}

/* ---- the decision: the law wins at run time ---------------------------------- */

static void test_decide_small_balance_waived(void **state)
{
    (void)state;
    /* Partly paid with less than waive_below (50 kr) left: the case closes
     * and says what to waive. */
    struct vinn_policy p = no_policy();
    p.waive_below = 5000;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 25));
    assert_int_equal(s.count, 2);

    /* 10 040,00 kr paid of 10 082,95: 42,95 kr of interest left. */
    struct sim a = s;
    a.principal = 0;
    a.fees = 0;
    a.interest = 4295;
    struct vinn_dunning_action act = sim_decide(&a, D(2026, 4, 9));
    assert_int_equal(act.action, VINN_ACTION_CLOSE);
    assert_int_equal(act.waive, 4295);
    assert_int_equal(act.next_action, VINN_NO_DAY);

    /* A payment 30 kr short of the principal, charges paid. */
    struct sim b = s;
    b.principal = 3000;
    b.fees = 0;
    b.interest = 0;
    act = sim_decide(&b, D(2026, 4, 9));
    assert_int_equal(act.action, VINN_ACTION_CLOSE);
    assert_int_equal(act.waive, 3000);

    /* Exactly 50 kr left is not less than 50 kr: the notice goes out.
     * Interest on 5000 for 21 days: 5000 * 1250 * 21 / 3650000 = 35.96 -> 36;
     * total 5000 + 3500 + 36 = 8536. */
    struct sim c = s;
    c.principal = 5000;
    c.fees = 0;
    c.interest = 0;
    act = sim_decide(&c, D(2026, 4, 9));
    assert_step(&act, (struct want_step){2, VINN_STEP_NOTICE, D(2026, 4, 9), 3500, 0, 36,
                                         D(2026, 4, 23), 8536, 0, D(2026, 4, 30)});
    assert_int_equal(act.waive, 0);

    /* Nothing paid yet: a small invoice is dunned, not waived. */
    struct sim d;
    sim_start(&d, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 3000);
    act = sim_decide(&d, D(2026, 3, 2));
    assert_int_equal(act.action, VINN_ACTION_STEP);
    assert_int_equal(act.waive, 0);

    /* waive_below 0: never waived. */
    struct sim e = s;
    e.policy.waive_below = 0;
    e.principal = 3000;
    e.fees = 0;
    e.interest = 0;
    act = sim_decide(&e, D(2026, 4, 9));
    assert_int_equal(act.action, VINN_ACTION_STEP);
}

static void test_decide_predue_too_late_is_skipped(void **state)
{
    (void)state;
    /* A case first looked at on the due date (Thu 2026-03-05): the nudge of
     * Mon 03-02 is too late now; the purring on 03-19 is next. */
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 3, 5));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_int_equal(a.next_action, D(2026, 3, 19));
    assert_int_equal(s.c.step_index, 1);
    assert_int_equal(s.c.steps_taken, 0);
    /* Looked at a day before the due date it still goes out, that day. */
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    a = sim_decide(&s, D(2026, 3, 4));
    assert_int_equal(a.action, VINN_ACTION_STEP);
    assert_int_equal(a.kind, VINN_STEP_PREDUE);
    assert_int_equal(a.day, D(2026, 3, 4));
    assert_int_equal(a.next_action, D(2026, 3, 19));
}

static void test_decide_fee_too_early(void **state)
{
    (void)state;
    /* A hand-built policy the check would refuse: 35 kr on +7 (§ 1-2: not
     * before +14). The letter goes out, without the fee. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 3500, 14, false),
                                  step(VINN_STEP_NOTICE, 21, AFTER, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 4, 10));
    assert_int_equal(s.count, 2);
    /* Thu 03-12: 7 days, 1000000 * 1250 * 7 / 3650000 = 2397.26 -> 2397;
     * deadline Thu 03-26; total 1002397. Next: +21 = Thu 04-02 (Maundy
     * Thursday) -> Tue 04-07. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 12), 0, 0, 2397,
                                              D(2026, 3, 26), 1002397, VINN_LAW_FEE_TOO_EARLY,
                                              D(2026, 4, 7)});
    /* Not a fee letter: the notice is the first, and may charge. */
    /* Tue 04-07: 26 days (03-13..04-07), 1000000 * 1250 * 26 / 3650000 =
     * 8904.11 -> 8904; deadline Tue 04-21; total 1002397 + 3500 + 8904 =
     * 1014801. Next: +21 = Tue 04-28. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_NOTICE, D(2026, 4, 7), 3500, 0, 8904,
                                              D(2026, 4, 21), 1014801, 0, D(2026, 4, 28)});
    assert_int_equal(s.c.fee_letters, 1);
}

static void test_decide_fee_capped(void **state)
{
    (void)state;
    /* NO: 50 kr asked, 35 kr allowed. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 5000, 14, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 1);
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 19), 3500, 0,
                                              4795, D(2026, 4, 7), 1008295, VINN_LAW_FEE_CAPPED,
                                              VINN_NO_DAY});
    /* FI consumer: 8 € asked, 5 € allowed. Thu 03-19, 14 days at 9.50 %:
     * 1000000 * 950 * 14 / 3650000 = 3643.84 -> 3644. Finland keeps Maundy
     * Thursday open: deadline 04-02. Total 1000000 + 500 + 3644 = 1004144. */
    p.steps[0].fee_minor = 800;
    sim_start(&s, &p, VINN_COUNTRY_FI, false, "EUR", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 19), 500, 0, 3644,
                                              D(2026, 4, 2), 1004144, VINN_LAW_FEE_CAPPED,
                                              VINN_NO_DAY});
}

static void test_decide_collection_needs_a_notice(void **state)
{
    (void)state;
    /* A hand-over on +35 without any notice before it. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 35, ABS, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 4, 9));
    assert_int_equal(s.count, 2);
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 19), 3500, 0,
                                              4795, D(2026, 4, 7), 1008295, 0, D(2026, 4, 9)});
    /* Thu 04-09: the hand-over becomes the inkassovarsel the law requires,
     * with the 14 days of § 9 (the step asked for none): Thu 04-23. No fee
     * (none was asked). Interest 21 days: 7192; total 1015487. The hand-over
     * waits for the first business day after the deadline: Fri 04-24. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_NOTICE, D(2026, 4, 9), 0, 0, 7192,
                                              D(2026, 4, 23), 1015487,
                                              VINN_LAW_NOTICE_FIRST | VINN_LAW_DEADLINE_EXTENDED,
                                              D(2026, 4, 24)});
    assert_int_equal(s.c.step_index, 1);
    assert_int_equal(s.c.notice_deadline, D(2026, 4, 23));

    /* Asked before the deadline has passed, the hand-over waits. */
    struct sim early = s;
    struct vinn_dunning_action a = sim_decide(&early, D(2026, 4, 23));
    assert_int_equal(a.action, VINN_ACTION_WAIT);
    assert_true((a.law & VINN_LAW_COLLECTION_WAITS) != 0);
    assert_int_equal(a.next_action, D(2026, 4, 24));

    /* Fri 04-24: handed over. 15 days: 1000000 * 1250 * 15 / 3650000 =
     * 5136.99 -> 5137; total 1020624. */
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 3);
    assert_step(&s.log[2], (struct want_step){1, VINN_STEP_COLLECTION, D(2026, 4, 24), 0, 0, 5137,
                                              VINN_NO_DAY, 1020624, 0, VINN_NO_DAY});
}

static void test_decide_notice_deadline_extended(void **state)
{
    (void)state;
    /* An inkassovarsel asking payment within 7 days: the law gives 14. */
    struct vinn_policy p = POLICY(step(VINN_STEP_NOTICE, 14, ABS, 3500, 7, false),
                                  step(VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 2);
    /* Thu 03-19 + 14 = Maundy Thursday -> Tue 04-07 (+7 would have been Thu
     * 03-26). The hand-over 21 days on, Thu 04-09, is after it. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_NOTICE, D(2026, 3, 19), 3500, 0, 4795,
                                              D(2026, 4, 7), 1008295, VINN_LAW_DEADLINE_EXTENDED,
                                              D(2026, 4, 9)});
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_COLLECTION, D(2026, 4, 9), 0, 0, 7192,
                                              VINN_NO_DAY, 1015487, 0, VINN_NO_DAY});
    /* A deadline longer than the law's stays. */
    p.steps[0].deadline_days = 20;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 19));
    /* 03-19 + 20 = Wed 04-08. */
    assert_int_equal(s.log[0].deadline, D(2026, 4, 8));
    assert_int_equal(s.log[0].law, 0);
}

static void test_decide_second_fee_needs_missed_deadline(void **state)
{
    (void)state;
    /* NO § 1-3: the purring gives only 10 days: Thu 03-19 + 10 = Sun 03-29 ->
     * Mon 03-30, 11 days. The inkassovarsel's fee is not allowed. */
    struct vinn_policy p = no_policy();
    p.steps[1].deadline_days = 10;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 4, 9));
    assert_int_equal(s.count, 3);
    assert_int_equal(s.log[1].deadline, D(2026, 3, 30));
    assert_int_equal(s.c.last_fee_deadline_days, 11);
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_NOTICE, D(2026, 4, 9), 0, 0, 7192,
                                              D(2026, 4, 23), 1015487, VINN_LAW_FEE_DEADLINE,
                                              D(2026, 4, 30)});
    assert_int_equal(s.c.fee_letters, 1);
}

static void test_decide_header_days_lose_fee_over_easter(void **state)
{
    (void)state;
    /* The NO default as dunning.h:117-118 describes it: notice +30 and
     * collection +45 from the due date. Due Thu 2026-03-05: the purring's
     * deadline moves from Maundy Thursday to Tue 04-07; the notice on +30 =
     * Sat 04-04 also moves to Tue 04-07, the deadline's own day: the debtor
     * has not missed it yet, so no fee (§ 1-3). This is why the default has
     * the notice 21 days after the purring. */
    struct vinn_policy p = POLICY(step(VINN_STEP_PREDUE, -3, ABS, 0, 0, false),
                                  step(VINN_STEP_REMINDER, 14, ABS, 3500, 14, false),
                                  step(VINN_STEP_NOTICE, 30, ABS, 3500, 14, false),
                                  step(VINN_STEP_COLLECTION, 45, ABS, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 4);
    /* 19 days (03-20..04-07): 1000000 * 1250 * 19 / 3650000 = 6506.85 ->
     * 6507; total 1008295 + 6507 = 1014802. Deadline Tue 04-21. The hand-over
     * on +45 = Sun 04-19 -> Mon 04-20 is before it: Wed 04-22. */
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_NOTICE, D(2026, 4, 7), 0, 0, 6507,
                                              D(2026, 4, 21), 1014802, VINN_LAW_FEE_DEADLINE,
                                              D(2026, 4, 22)});
    assert_int_equal(s.log[3].kind, VINN_STEP_COLLECTION);
    assert_int_equal(s.log[3].day, D(2026, 4, 22));
}

static void test_decide_fee_gap_finland(void **state)
{
    (void)state;
    /* FI consumer: a chargeable reminder 14 days after the previous one at
     * the earliest; the policy asks after 7. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 500, 7, false),
                                  step(VINN_STEP_REMINDER, 7, AFTER, 500, 7, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_FI, false, "EUR", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 2);
    /* Thu 03-19: 5 €, 3644 interest (9.50 %, 14 days), deadline Thu 03-26. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 19), 500, 0, 3644,
                                              D(2026, 3, 26), 1004144, 0, D(2026, 3, 26)});
    /* Thu 03-26: no fee. 7 days: 1000000 * 950 * 7 / 3650000 = 1821.92 ->
     * 1822; deadline Thu 04-02 (open in Finland); total 1005966. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_REMINDER, D(2026, 3, 26), 0, 0, 1822,
                                              D(2026, 4, 2), 1005966, VINN_LAW_FEE_GAP,
                                              VINN_NO_DAY});
}

static void test_decide_denmark_fee_letters(void **state)
{
    (void)state;
    /* Renteloven § 9 b: 100 kr per rykker, fees for three, 10 days apart.
     * Four rykkere, then the notice and the hand-over; 10 000,00 kr due Mon
     * 2026-03-02; morarente 11.75 %. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 1, ABS, 10000, 7, false),
                                  step(VINN_STEP_REMINDER, 10, AFTER, 10000, 7, false),
                                  step(VINN_STEP_REMINDER, 10, AFTER, 10000, 7, false),
                                  step(VINN_STEP_REMINDER, 10, AFTER, 10000, 7, false),
                                  step(VINN_STEP_NOTICE, 10, AFTER, 10000, 10, false),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_DK, false, "DKK", D(2026, 3, 2), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 6);
    /* Tue 03-03: 1 day, 1000000 * 1175 / 3650000 = 321.92 -> 322; total
     * 1010322. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 3), 10000, 0, 322,
                                              D(2026, 3, 10), 1010322, 0, D(2026, 3, 13)});
    /* Fri 03-13: 10 days, 3219.18 -> 3219; total 1023541. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_REMINDER, D(2026, 3, 13), 10000, 0,
                                              3219, D(2026, 3, 20), 1023541, 0, D(2026, 3, 23)});
    /* Mon 03-23: the third fee; total 1036760. Next +10 = Thu 04-02, Maundy
     * Thursday in Denmark too -> Tue 04-07. */
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_REMINDER, D(2026, 3, 23), 10000, 0,
                                              3219, D(2026, 3, 30), 1036760, 0, D(2026, 4, 7)});
    /* Tue 04-07: the fourth rykker bears no fee. 15 days: 1000000 * 1175 *
     * 15 / 3650000 = 4828.77 -> 4829; total 1041589. */
    assert_step(&s.log[3], (struct want_step){3, VINN_STEP_REMINDER, D(2026, 4, 7), 0, 0, 4829,
                                              D(2026, 4, 14), 1041589, VINN_LAW_FEE_LETTERS,
                                              D(2026, 4, 17)});
    /* Fri 04-17: nor the notice. 10 days: 3219; total 1044808. Deadline +10 =
     * Mon 04-27; the hand-over +14 = Fri 05-01 (a working day in Denmark). */
    assert_step(&s.log[4], (struct want_step){4, VINN_STEP_NOTICE, D(2026, 4, 17), 0, 0, 3219,
                                              D(2026, 4, 27), 1044808, VINN_LAW_FEE_LETTERS,
                                              D(2026, 5, 1)});
    /* 14 days: 1000000 * 1175 * 14 / 3650000 = 4506.85 -> 4507; total 1049315. */
    assert_step(&s.log[5], (struct want_step){5, VINN_STEP_COLLECTION, D(2026, 5, 1), 0, 0, 4507,
                                              VINN_NO_DAY, 1049315, 0, VINN_NO_DAY});
    assert_int_equal(s.c.fee_letters, 3);
    assert_int_equal(s.fees, 30000);
}

static void test_decide_b2b_compensation_once(void **state)
{
    (void)state;
    /* NO business debtor, 10 000,00 kr due Mon 2025-12-01; the policy claims
     * the standardkompensasjon with the purring and again with the notice. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 0, 14, true),
                                  step(VINN_STEP_NOTICE, 21, AFTER, 3500, 14, true),
                                  step(VINN_STEP_COLLECTION, 21, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, true, "NOK", D(2025, 12, 1), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 3);
    /* Mon 2025-12-15: 470 kr (the 2025 amount). 14 days: 4795. Deadline Mon
     * 12-29. Total 1000000 + 47000 + 4795 = 1051795. */
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2025, 12, 15), 0, 47000,
                                              4795, D(2025, 12, 29), 1051795, 0, D(2026, 1, 5)});
    /* Mon 2026-01-05: claimed already: none again, and the letter fee goes
     * (the compensation replaces it). 21 days: 7192; total 1058987. */
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_NOTICE, D(2026, 1, 5), 0, 0, 7192,
                                              D(2026, 1, 19), 1058987, VINN_LAW_FEE_COMPENSATION,
                                              D(2026, 1, 26)});
    assert_step(&s.log[2], (struct want_step){2, VINN_STEP_COLLECTION, D(2026, 1, 26), 0, 0, 7192,
                                              VINN_NO_DAY, 1066179, 0, VINN_NO_DAY});
    assert_true(s.c.compensation_claimed);
    assert_int_equal(s.c.fee_letters, 0);

    /* In 2026 too: 470 kr with the purring on Thu 2026-03-19. */
    sim_start(&s, &p, VINN_COUNTRY_NO, true, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 19));
    assert_int_equal(s.log[0].compensation, 47000);
    assert_int_equal(s.log[0].total_due, 1000000 + 47000 + 4795);
}

static void test_decide_no_compensation_for_consumers(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    p.steps[1].compensation = true;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 4, 9));
    assert_int_equal(s.log[1].compensation, 0);
    assert_int_equal(s.log[1].fee, 3500);
    assert_false(s.c.compensation_claimed);
    /* And the next letter keeps its fee. */
    assert_int_equal(s.log[2].fee, 3500);
}

static void test_decide_key_account(void **state)
{
    (void)state;
    /* Letters become tasks for the account owner: no fee, no deadline, no
     * notice, and the hand-over is the owner's task too. */
    struct vinn_policy p = no_policy();
    p.steps[2].compensation = true;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, true, "NOK", D(2026, 3, 5), 1000000);
    s.key_account = true;
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 4);
    static const enum vinn_step_kind kinds[] = {VINN_STEP_PREDUE, VINN_STEP_REMINDER,
                                                VINN_STEP_NOTICE, VINN_STEP_COLLECTION};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(s.log[i].action, VINN_ACTION_STEP);
        assert_true(s.log[i].task);
        assert_int_equal(s.log[i].kind, kinds[i]);
        assert_int_equal(s.log[i].fee, 0);
        assert_int_equal(s.log[i].compensation, 0);
        assert_int_equal(s.log[i].deadline, VINN_NO_DAY);
        assert_int_equal(s.log[i].law, 0);
    }
    /* The same days as the letters would have had; interest still accrues. */
    assert_int_equal(s.log[1].day, D(2026, 3, 19));
    assert_int_equal(s.log[1].interest, 4795);
    assert_int_equal(s.log[2].day, D(2026, 4, 9));
    assert_int_equal(s.log[3].day, D(2026, 4, 30));
    assert_int_equal(s.c.fee_letters, 0);
    assert_int_equal(s.c.notice_deadline, VINN_NO_DAY);
    assert_false(s.c.compensation_claimed);
    assert_int_equal(s.fees, 0);

    /* A task step of an ordinary customer: a person acts, nothing is charged. */
    struct vinn_policy t = POLICY(step(VINN_STEP_TASK, 14, ABS, 0, 0, false));
    sim_start(&s, &t, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 1);
    assert_true(s.log[0].task);
    assert_int_equal(s.log[0].kind, VINN_STEP_TASK);
    assert_int_equal(s.log[0].fee, 0);
    assert_int_equal(s.log[0].deadline, VINN_NO_DAY);
}

static void test_decide_currency_mismatch(void **state)
{
    (void)state;
    /* A Norwegian business debtor invoiced in EUR: the NOK caps cannot be
     * applied, so no fee and no (NOK) compensation. */
    struct vinn_policy p = no_policy();
    p.steps[1].compensation = true;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, true, "EUR", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 4);
    assert_int_equal(s.log[1].fee, 0);
    assert_int_equal(s.log[1].compensation, 0);
    assert_int_equal(s.log[1].law, VINN_LAW_FEE_CURRENCY);
    assert_int_equal(s.log[2].fee, 0);
    assert_int_equal(s.log[2].law, VINN_LAW_FEE_CURRENCY);
    assert_int_equal(s.fees, 0);
    assert_int_equal(s.c.fee_letters, 0);
    assert_false(s.c.compensation_claimed);
    /* The letters still state their deadlines. */
    assert_int_equal(s.log[1].deadline, D(2026, 4, 7));
    assert_int_equal(s.log[2].deadline, D(2026, 4, 23));
}

static void test_decide_se_reminder_fee_needs_agreement(void **state)
{
    (void)state;
    /* A påminnelse on +7 asking 60 kr. Due Thu 2026-03-05 -> Thu 03-12; 7 days
     * at 12.00 %: 1000000 * 1200 * 7 / 3650000 = 2301.37 -> 2301. Deadline
     * +10 = Sun 03-22 -> Mon 03-23. */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_SE, false, "SEK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 12, 31));
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 12), 0, 0, 2301,
                                              D(2026, 3, 23), 1002301, VINN_LAW_FEE_NOT_AGREED,
                                              VINN_NO_DAY});
    sim_start(&s, &p, VINN_COUNTRY_SE, false, "SEK", D(2026, 3, 5), 1000000);
    s.fee_agreed = true;
    sim_run(&s, D(2026, 12, 31));
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 3, 12), 6000, 0, 2301,
                                              D(2026, 3, 23), 1008301, 0, VINN_NO_DAY});
}

/* REGRESSION (was src/core/dunning.c:477 applies fee_needs_agreement to every
 * fee): the inkassokrav fee (180 kr) needs no agreement (DOMAIN.md 2.2;
 * law.h "SE: a reminder fee only when agreed"). */
static void test_regression_se_inkassokrav_fee_without_agreement(void **state)
{
    (void)state;
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 0, 10, false),
                                  step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_SE, false, "SEK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 26));
    assert_int_equal(s.count, 2);
    /* Thu 03-26: the inkassokrav, 180 kr. */
    assert_int_equal(s.log[1].kind, VINN_STEP_NOTICE);
    assert_int_equal(s.log[1].day, D(2026, 3, 26));
    assert_int_equal(s.log[1].law, 0);
    assert_int_equal(s.log[1].fee, 18000);
}

/* With the reminder fee agreed, the påminnelse costs 60 kr and the
 * inkassokrav after it 180 kr (lag 1981:739; IMY). */
static void test_decide_se_reminder_and_inkassokrav_fees(void **state)
{
    (void)state;
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 6000, 10, false),
                                  step(VINN_STEP_NOTICE, 14, AFTER, 18000, 10, false),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_SE, false, "SEK", D(2026, 3, 5), 1000000);
    s.fee_agreed = true;
    sim_run(&s, D(2026, 3, 26));
    assert_int_equal(s.count, 2);
    assert_int_equal(s.log[0].fee, 6000);
    assert_int_equal(s.log[1].kind, VINN_STEP_NOTICE);
    assert_int_equal(s.log[1].law, 0);
    assert_int_equal(s.log[1].fee, 18000);
}

/* In Sweden the förseningsersättning of 450 kr *replaces* the påminnelse and
 * inkasso fees (DOMAIN.md 2.2): a letter that claims it does not also charge
 * the 180 kr inkassokrav fee. */
static void test_decide_se_compensation_replaces_fee_same_letter(void **state)
{
    (void)state;
    struct vinn_policy p = POLICY(step(VINN_STEP_NOTICE, 14, ABS, 18000, 10, true),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_SE, true, "SEK", D(2026, 3, 5), 1000000);
    s.fee_agreed = true;
    sim_run(&s, D(2026, 3, 19));
    assert_int_equal(s.count, 1);
    assert_int_equal(s.log[0].compensation, 45000);
    assert_int_equal(s.log[0].fee, 0);
    assert_true((s.log[0].law & VINN_LAW_FEE_COMPENSATION) != 0);
}

/* REGRESSION (was src/core/dunning.c:665-667 has no day condition): the B2B
 * compensation is owed only once the debtor is late (forsinkelsesrenteloven
 * § 3a: from when late interest runs). A pre-due nudge that asks for it
 * charges 470 kr three days *before* the due date, and then drops the
 * purring's lawful 35 kr as "replaced". */
static void test_regression_no_compensation_before_due(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    p.steps[0].compensation = true;
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, true, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 19));
    assert_int_equal(s.count, 2);
    assert_int_equal(s.log[0].kind, VINN_STEP_PREDUE);
    assert_int_equal(s.log[0].compensation, 0);
    assert_int_equal(s.log[0].total_due, 1000000);
    assert_int_equal(s.log[1].fee, 3500);
    assert_int_equal(s.log[1].law, 0);
}

/* REGRESSION (was src/core/law.c:100 uses the letter's day; law.h:83-84 and
 * DOMAIN.md 2.1 say 1/20 "for claims due 1 Oct 2020 or later", 1/10 before):
 * a claim due Mon 2020-09-21 reminded Mon 2020-10-05 may still cost 70 kr.
 * Interest 14 days at 8.00 %: 1000000 * 800 * 14 / 3650000 = 3068.49 -> 3068;
 * total 1000000 + 7000 + 3068 = 1010068. (vinn_law_get has no due date, so the
 * fix needs the due date in the law look-up or in the decision.) */
static void test_regression_no_fee_for_claims_due_before_2020_10_01(void **state)
{
    (void)state;
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 14, ABS, 7000, 14, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2020, 9, 21), 1000000);
    sim_run(&s, D(2020, 12, 31));
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2020, 10, 5), 7000, 0, 3068,
                                              D(2020, 10, 19), 1010068, 0, VINN_NO_DAY});
}

/* REGRESSION (was src/core/dunning.c:513-514 returns before the rate is looked
 * up): interest_rate_bp is "in force on day; 0 without a table"
 * (dunning.h:222); on the pre-due day 2026-03-02 the Norwegian table has
 * 12.50 % in force, but the action says 0. */
static void test_regression_rate_in_force_on_every_step(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    struct vinn_dunning_action a = sim_decide(&s, D(2026, 3, 2));
    assert_int_equal(a.kind, VINN_STEP_PREDUE);
    assert_int_equal(a.interest, 0);
    assert_int_equal(a.interest_rate_bp, 1250);
}

static void test_decide_without_rate_table(void **state)
{
    (void)state;
    /* Another country: no table, no interest, no fee (no currency to check it
     * against), and no notice needed before the hand-over. Due Fri 2026-04-03
     * (Good Friday is no holiday there). */
    struct vinn_policy p = POLICY(step(VINN_STEP_REMINDER, 7, ABS, 100, 14, false),
                                  step(VINN_STEP_COLLECTION, 14, AFTER, 0, 0, false));
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_OTHER, false, "EUR", D(2026, 4, 3), 1000000);
    assert_int_equal(s.rates_count, 0);
    sim_run(&s, D(2026, 12, 31));
    assert_int_equal(s.count, 2);
    assert_step(&s.log[0], (struct want_step){0, VINN_STEP_REMINDER, D(2026, 4, 10), 0, 0, 0,
                                              D(2026, 4, 24), 1000000, VINN_LAW_FEE_CURRENCY,
                                              D(2026, 4, 24)});
    assert_int_equal(s.log[0].interest_rate_bp, 0);
    assert_step(&s.log[1], (struct want_step){1, VINN_STEP_COLLECTION, D(2026, 4, 24), 0, 0, 0,
                                              VINN_NO_DAY, 1000000, 0, VINN_NO_DAY});
    /* A policy without interest charges none where a table exists. */
    struct vinn_policy q = no_policy();
    q.interest = false;
    sim_start(&s, &q, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 19));
    assert_int_equal(s.log[1].interest, 0);
    assert_int_equal(s.log[1].total_due, 1003500);
    assert_int_equal(s.c.interest_through, VINN_NO_DAY);
}

static void test_decide_errors_leave_outputs_unchanged(void **state)
{
    (void)state;
    struct vinn_policy p = no_policy();
    struct vinn_law law;
    assert_int_equal(vinn_law_get(VINN_COUNTRY_NO, false, D(2026, 3, 19), &law, NULL), VINN_OK);
    struct sim s;
    sim_start(&s, &p, VINN_COUNTRY_NO, false, "NOK", D(2026, 3, 5), 1000000);
    sim_run(&s, D(2026, 3, 2)); /* the pre-due step: the purring is next */

    struct vinn_dunning_action a, a0;
    struct vinn_case n, n0;
    memset(&a, 0x5a, sizeof(a));
    memset(&n, 0x5a, sizeof(n));
    a0 = a;
    n0 = n;
    struct vinn_error e;

    /* What is owed does not fit in int64_t. */
    s.principal = INT64_MAX;
    s.fees = 1;
    struct vinn_dunning_input in = sim_input(&s, &law, D(2026, 3, 19));
    vinn_error_clear(&e);
    assert_int_equal(vinn_dunning_decide(&s.c, &in, &a, &n, &e), VINN_E_AMOUNT_OVERFLOW);
    assert_string_equal(e.field, "outstanding");
    assert_memory_equal(&a, &a0, sizeof(a));
    assert_memory_equal(&n, &n0, sizeof(n));

    /* It fits, but not with the purring's fee and interest on it. */
    s.principal = INT64_MAX - 1000;
    s.fees = 0;
    in = sim_input(&s, &law, D(2026, 3, 19));
    vinn_error_clear(&e);
    assert_int_equal(vinn_dunning_decide(&s.c, &in, &a, &n, &e), VINN_E_AMOUNT_OVERFLOW);
    assert_memory_equal(&a, &a0, sizeof(a));
    assert_memory_equal(&n, &n0, sizeof(n));

    /* A rate table out of order: core/interest's error. */
    static const struct vinn_rate_period bad[] = {{20454, 1250}, {20089, 1250}};
    s.principal = 1000000;
    s.rates = bad;
    s.rates_count = COUNT_OF(bad);
    in = sim_input(&s, &law, D(2026, 3, 19));
    vinn_error_clear(&e);
    assert_int_equal(vinn_dunning_decide(&s.c, &in, &a, &n, NULL), VINN_E_RATE_TABLE_ORDER);
    assert_int_equal(vinn_dunning_decide(&s.c, &in, &a, &n, &e), VINN_E_RATE_TABLE_ORDER);
    assert_int_equal(e.code, VINN_E_RATE_TABLE_ORDER);
    assert_memory_equal(&a, &a0, sizeof(a));
    assert_memory_equal(&n, &n0, sizeof(n));
    /* 20454 = 2026-01-01 and 20089 = 2025-01-01: a table going backwards. */
    assert_int_equal(bad[0].from, D(2026, 1, 1));
    assert_int_equal(bad[1].from, D(2025, 1, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* names */
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_names_unknown_value),
        cmocka_unit_test(test_kind_is_letter),
        /* validation */
        cmocka_unit_test(test_validate_accepts),
        cmocka_unit_test(test_validate_rules),
        cmocka_unit_test(test_regression_validate_field_names),
        /* the law check */
        cmocka_unit_test(test_check_lawful_policy),
        cmocka_unit_test(test_check_fee_cap),
        cmocka_unit_test(test_check_fee_too_early),
        cmocka_unit_test(test_check_fee_gap),
        cmocka_unit_test(test_check_fee_deadline_norway),
        cmocka_unit_test(test_check_fee_letters),
        cmocka_unit_test(test_check_se_fee_needs_agreement),
        cmocka_unit_test(test_check_compensation),
        cmocka_unit_test(test_check_fee_after_compensation),
        cmocka_unit_test(test_check_notice_deadline),
        cmocka_unit_test(test_check_collection_needs_notice),
        cmocka_unit_test(test_check_fee_foreign_currency),
        cmocka_unit_test(test_check_other_country),
        cmocka_unit_test(test_check_max_and_count),
        cmocka_unit_test(test_check_se_reminder_and_inkassokrav),
        cmocka_unit_test(test_regression_check_se_one_reminder_fee),
        cmocka_unit_test(test_regression_check_se_inkassokrav_without_agreement),
        cmocka_unit_test(test_regression_check_compensation_before_due),
        /* default policies */
        cmocka_unit_test(test_default_norway),
        cmocka_unit_test(test_default_sweden),
        cmocka_unit_test(test_regression_default_se_person_inkassokrav_fee),
        cmocka_unit_test(test_default_finland),
        cmocka_unit_test(test_default_denmark),
        cmocka_unit_test(test_default_other),
        cmocka_unit_test(test_default_foreign_currency_has_no_fees),
        cmocka_unit_test(test_defaults_pass_the_check),
        cmocka_unit_test(test_regression_defaults_lawful_on_early_days),
        /* the first day */
        cmocka_unit_test(test_first_day_predue_moves_to_business_day),
        cmocka_unit_test(test_first_day_predue_skipped),
        cmocka_unit_test(test_first_day_without_steps),
        /* the decision */
        cmocka_unit_test(test_decide_norway_person_over_easter),
        cmocka_unit_test(test_decide_month_end_due_date),
        cmocka_unit_test(test_decide_interest_half_up),
        cmocka_unit_test(test_decide_wait_before_the_step),
        cmocka_unit_test(test_decide_paused),
        cmocka_unit_test(test_decide_promise),
        cmocka_unit_test(test_regression_promise_resumes_on_business_day),
        cmocka_unit_test(test_decide_nothing_owed_closes),
        cmocka_unit_test(test_decide_min_amount_closes),
        cmocka_unit_test(test_decide_small_balance_waived),
        cmocka_unit_test(test_decide_predue_too_late_is_skipped),
        cmocka_unit_test(test_decide_fee_too_early),
        cmocka_unit_test(test_decide_fee_capped),
        cmocka_unit_test(test_decide_collection_needs_a_notice),
        cmocka_unit_test(test_decide_notice_deadline_extended),
        cmocka_unit_test(test_decide_second_fee_needs_missed_deadline),
        cmocka_unit_test(test_decide_header_days_lose_fee_over_easter),
        cmocka_unit_test(test_decide_fee_gap_finland),
        cmocka_unit_test(test_decide_denmark_fee_letters),
        cmocka_unit_test(test_decide_b2b_compensation_once),
        cmocka_unit_test(test_decide_no_compensation_for_consumers),
        cmocka_unit_test(test_decide_key_account),
        cmocka_unit_test(test_decide_currency_mismatch),
        cmocka_unit_test(test_decide_se_reminder_fee_needs_agreement),
        cmocka_unit_test(test_regression_se_inkassokrav_fee_without_agreement),
        cmocka_unit_test(test_decide_se_reminder_and_inkassokrav_fees),
        cmocka_unit_test(test_decide_se_compensation_replaces_fee_same_letter),
        cmocka_unit_test(test_regression_no_compensation_before_due),
        cmocka_unit_test(test_regression_no_fee_for_claims_due_before_2020_10_01),
        cmocka_unit_test(test_regression_rate_in_force_on_every_step),
        cmocka_unit_test(test_decide_without_rate_table),
        cmocka_unit_test(test_decide_errors_leave_outputs_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
