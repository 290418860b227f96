/* dunning.c - policies, their check against the law, and the step decision. */
#include "core/dunning.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"

#include "core/calendar.h"
#include "core/money.h"
#include "core/rounding.h"

#include "core/banned.h"

static const char *const kind_names[] = {"pre-due", "reminder", "notice", "collection", "task"};
static const char *const tone_names[] = {"friendly", "neutral", "firm"};
static const char *const channel_names[] = {"customer", "email", "sms",
                                            "letter",   "einvoice", "mailbox"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *vinn_step_kind_name(enum vinn_step_kind kind)
{
    return (size_t)kind < COUNT(kind_names) ? kind_names[kind] : "unknown";
}

const char *vinn_tone_name(enum vinn_tone tone)
{
    return (size_t)tone < COUNT(tone_names) ? tone_names[tone] : "unknown";
}

const char *vinn_channel_name(enum vinn_channel channel)
{
    return (size_t)channel < COUNT(channel_names) ? channel_names[channel] : "unknown";
}

static vinn_err parse_name(const char *const *names, size_t count, const char *name,
                           const char *field, int *out, struct vinn_error *error)
{
    for (size_t i = 0; name != NULL && i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = (int)i;
            return VINN_OK;
        }
    }
    char list[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof(list); i++) {
        int n = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", names[i]);
        used += n > 0 ? (size_t)n : 0;
    }
    return vinn_fail(error, VINN_E_UNKNOWN_VALUE, field, "'%s' must be one of %s", field, list);
}

vinn_err vinn_step_kind_parse(const char *name, const char *field, enum vinn_step_kind *out,
                              struct vinn_error *error)
{
    int v = 0;
    vinn_err rc = parse_name(kind_names, COUNT(kind_names), name, field, &v, error);
    if (rc == VINN_OK) {
        *out = (enum vinn_step_kind)v;
    }
    return rc;
}

vinn_err vinn_tone_parse(const char *name, const char *field, enum vinn_tone *out,
                         struct vinn_error *error)
{
    int v = 0;
    vinn_err rc = parse_name(tone_names, COUNT(tone_names), name, field, &v, error);
    if (rc == VINN_OK) {
        *out = (enum vinn_tone)v;
    }
    return rc;
}

vinn_err vinn_channel_parse(const char *name, const char *field, enum vinn_channel *out,
                            struct vinn_error *error)
{
    int v = 0;
    vinn_err rc = parse_name(channel_names, COUNT(channel_names), name, field, &v, error);
    if (rc == VINN_OK) {
        *out = (enum vinn_channel)v;
    }
    return rc;
}

bool vinn_step_kind_is_letter(enum vinn_step_kind kind)
{
    return kind == VINN_STEP_PREDUE || kind == VINN_STEP_REMINDER || kind == VINN_STEP_NOTICE;
}

static bool kind_bears_fee(enum vinn_step_kind kind)
{
    return kind == VINN_STEP_REMINDER || kind == VINN_STEP_NOTICE;
}

/* ---- default policies ---------------------------------------------------- */

static void add_step(struct vinn_policy *p, enum vinn_step_kind kind, int32_t days,
                     bool after_previous, int64_t fee, int32_t deadline_days, enum vinn_tone tone,
                     bool compensation)
{
    VINN_ASSERT(p->steps_count < VINN_POLICY_STEPS_MAX);
    struct vinn_policy_step *s = &p->steps[p->steps_count++];
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->days = days;
    s->after_previous = after_previous;
    s->fee_minor = fee;
    s->deadline_days = deadline_days;
    s->tone = tone;
    s->channel = VINN_CHANNEL_CUSTOMER;
    s->compensation = compensation;
}

void vinn_policy_default(enum vinn_country country, bool business, const char *currency,
                         vinn_day today, struct vinn_policy *out)
{
    VINN_ASSERT(out != NULL && currency != NULL);
    struct vinn_law law;
    vinn_err rc = vinn_law_get(country, business, today, &law, NULL);
    VINN_ASSERT(rc == VINN_OK);
    bool own = strcmp(law.currency, currency) == 0;
    int64_t rfee = own ? law.reminder_fee_max : 0;
    int64_t nfee = own ? law.notice_fee_max : 0;
    int32_t nd = law.notice_deadline_days;
    bool comp = business && law.compensation > 0;

    memset(out, 0, sizeof(*out));
    const char *cc = "xx";
    switch (country) {
    case VINN_COUNTRY_NO:
        cc = "no";
        break;
    case VINN_COUNTRY_SE:
        cc = "se";
        break;
    case VINN_COUNTRY_FI:
        cc = "fi";
        break;
    case VINN_COUNTRY_DK:
        cc = "dk";
        break;
    case VINN_COUNTRY_OTHER:
        cc = "other";
        break;
    }
    snprintf(out->name, sizeof(out->name), "default-%s-%s", cc, business ? "company" : "person");
    out->priority = 1000;
    out->match.kind = business ? 1 : 0;
    out->interest = country != VINN_COUNTRY_OTHER;
    out->promise_grace_days = 3;
    /* Charges left when the principal is paid (interest for the days a
     * payment was on its way): 50 kr, 5 euro. */
    out->waive_below = strcmp(currency, "EUR") == 0 ? 500 : 5000;

    add_step(out, VINN_STEP_PREDUE, -3, false, 0, 0, VINN_TONE_FRIENDLY, false);
    switch (country) {
    case VINN_COUNTRY_SE:
        /* Reminder fees only when agreed: none by default; inkassokrav after. */
        add_step(out, VINN_STEP_REMINDER, 7, false, 0, 10, VINN_TONE_FRIENDLY, false);
        add_step(out, VINN_STEP_NOTICE, 14, true, comp ? 0 : nfee, nd + 2, VINN_TONE_NEUTRAL,
                 comp);
        add_step(out, VINN_STEP_COLLECTION, 14, true, 0, 0, VINN_TONE_FIRM, false);
        break;
    case VINN_COUNTRY_DK:
        /* A free friendly rykker first, then two with fees ten days apart. */
        add_step(out, VINN_STEP_REMINDER, 3, false, 0, 7, VINN_TONE_FRIENDLY, false);
        add_step(out, VINN_STEP_REMINDER, 10, true, rfee, 10, VINN_TONE_NEUTRAL, false);
        add_step(out, VINN_STEP_NOTICE, 14, true, comp ? 0 : nfee, nd, VINN_TONE_FIRM, comp);
        add_step(out, VINN_STEP_COLLECTION, 14, true, 0, 0, VINN_TONE_FIRM, false);
        break;
    case VINN_COUNTRY_OTHER:
        add_step(out, VINN_STEP_REMINDER, 7, false, 0, 14, VINN_TONE_FRIENDLY, false);
        add_step(out, VINN_STEP_NOTICE, 21, true, 0, nd, VINN_TONE_NEUTRAL, false);
        add_step(out, VINN_STEP_COLLECTION, 21, true, 0, 0, VINN_TONE_FIRM, false);
        break;
    case VINN_COUNTRY_NO:
    case VINN_COUNTRY_FI: {
        /* The first fee-bearing letter as early as the law allows, the notice
         * after the reminder's deadline has surely passed (holidays included). */
        int32_t first = law.first_fee_days > 14 ? law.first_fee_days : 14;
        add_step(out, VINN_STEP_REMINDER, first, false, rfee, 14, VINN_TONE_FRIENDLY, false);
        add_step(out, VINN_STEP_NOTICE, 21, true, comp ? 0 : nfee, nd, VINN_TONE_NEUTRAL, comp);
        add_step(out, VINN_STEP_COLLECTION, nd + 7, true, 0, 0, VINN_TONE_FIRM, false);
        break;
    }
    }
}

/* ---- validation and the law check ---------------------------------------- */

static vinn_err step_fail(struct vinn_error *error, size_t i, const char *member,
                          const char *rule)
{
    char field[VINN_ERROR_FIELD_MAX];
    snprintf(field, sizeof(field), "steps[%zu].%s", i, member);
    return vinn_fail(error, VINN_E_POLICY_INVALID, field, "'%s' %s", field, rule);
}

vinn_err vinn_policy_validate(const struct vinn_policy *p, struct vinn_error *error)
{
    VINN_ASSERT(p != NULL);
    if (p->steps_count == 0 || p->steps_count > VINN_POLICY_STEPS_MAX) {
        return vinn_fail(error, VINN_E_POLICY_INVALID, "steps",
                         "'steps' must hold 1 to %d steps", VINN_POLICY_STEPS_MAX);
    }
    static const char *const amounts[] = {"min_amount", "waive_below", "match.min_amount",
                                          "match.max_amount"};
    const int64_t values[] = {p->min_amount, p->waive_below, p->match.min_amount,
                              p->match.max_amount};
    for (size_t i = 0; i < COUNT(amounts); i++) {
        if (values[i] < 0) {
            return vinn_fail(error, VINN_E_POLICY_INVALID, amounts[i],
                             "'%s' must not be negative", amounts[i]);
        }
    }
    if (p->promise_grace_days < 0 || p->promise_grace_days > VINN_POLICY_DEADLINE_MAX) {
        return vinn_fail(error, VINN_E_POLICY_INVALID, "promise_grace_days",
                         "'promise_grace_days' must be 0 to %d", VINN_POLICY_DEADLINE_MAX);
    }
    int64_t prev = INT64_MIN;
    int64_t offset = 0;
    for (uint32_t i = 0; i < p->steps_count; i++) {
        const struct vinn_policy_step *s = &p->steps[i];
        if ((unsigned)s->kind > VINN_STEP_TASK) {
            return step_fail(error, i, "kind", "is not a step kind");
        }
        if (s->days < VINN_POLICY_DAYS_MIN || s->days > VINN_POLICY_DAYS_MAX) {
            return step_fail(error, i, "days", "must be -60 to 3650");
        }
        if (s->after_previous && (i == 0 || s->days < 1)) {
            return step_fail(error, i, "days",
                             i == 0 ? "of the first step count from the due date"
                                    : "after the previous step must be at least 1");
        }
        offset = s->after_previous ? offset + s->days : s->days;
        if (i > 0 && offset <= prev) {
            return step_fail(error, i, "days", "must fall after the previous step");
        }
        prev = offset;
        if (s->kind == VINN_STEP_PREDUE && (i != 0 || offset >= 0)) {
            return step_fail(error, i, "kind",
                             "'pre-due' may only be the first step, before the due date");
        }
        if (s->kind != VINN_STEP_PREDUE && offset < 0) {
            return step_fail(error, i, "days", "must not be before the due date");
        }
        if (s->fee_minor < 0) {
            return step_fail(error, i, "fee", "must not be negative");
        }
        if (s->fee_minor > 0 && !kind_bears_fee(s->kind)) {
            return step_fail(error, i, "fee", "is only for reminders and notices");
        }
        if (s->deadline_days < 0 || s->deadline_days > VINN_POLICY_DEADLINE_MAX) {
            return step_fail(error, i, "deadline", "must be 0 to 90 days");
        }
        if ((unsigned)s->tone > VINN_TONE_FIRM) {
            return step_fail(error, i, "tone", "is not a tone");
        }
        if ((unsigned)s->channel > VINN_CHANNEL_MAILBOX) {
            return step_fail(error, i, "channel", "is not a channel");
        }
        if (s->kind == VINN_STEP_COLLECTION && i + 1 != p->steps_count) {
            return step_fail(error, i, "kind", "'collection' must be the last step");
        }
    }
    return VINN_OK;
}

static void violation(struct vinn_policy_violation *out, size_t max, size_t *count, int32_t step,
                      vinn_err code, const char *fmt, ...) VINN_PRINTF(6, 7);

static void violation(struct vinn_policy_violation *out, size_t max, size_t *count, int32_t step,
                      vinn_err code, const char *fmt, ...)
{
    if (*count < max) {
        struct vinn_policy_violation *v = &out[*count];
        v->step = step;
        v->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(v->message, sizeof(v->message), fmt, ap);
        va_end(ap);
    }
    (*count)++;
}

void vinn_policy_check(const struct vinn_policy *p, enum vinn_country country, bool business,
                       const char *currency, bool fee_agreed, vinn_day on,
                       struct vinn_policy_violation *out, size_t max, size_t *count)
{
    VINN_ASSERT(p != NULL && count != NULL && currency != NULL);
    *count = 0;
    struct vinn_law law;
    if (vinn_law_get(country, business, on, &law, NULL) != VINN_OK) {
        violation(out, max, count, -1, VINN_E_DATE_OUT_OF_RANGE,
                  "no law is known for that day");
        return;
    }
    vinn_policy_check_law(p, &law, currency, fee_agreed, out, max, count);
}

void vinn_policy_check_law(const struct vinn_policy *p, const struct vinn_law *lawp,
                           const char *currency, bool fee_agreed,
                           struct vinn_policy_violation *out, size_t max, size_t *count)
{
    VINN_ASSERT(p != NULL && lawp != NULL && count != NULL && currency != NULL);
    *count = 0;
    const struct vinn_law law = *lawp;
    bool business = law.business;
    int64_t offset = 0;
    uint32_t fee_letters = 0;
    uint32_t reminder_fees = 0;
    int64_t last_fee_offset = 0;
    int64_t last_fee_deadline = 0;
    bool compensation = false;
    bool notice = false;
    int64_t notice_deadline = 0;
    for (uint32_t i = 0; i < p->steps_count; i++) {
        const struct vinn_policy_step *s = &p->steps[i];
        int32_t si = (int32_t)i;
        offset = s->after_previous ? offset + s->days : s->days;
        if (s->fee_minor > 0) {
            int64_t cap = s->kind == VINN_STEP_NOTICE ? law.notice_fee_max : law.reminder_fee_max;
            if (strcmp(law.currency, currency) != 0) {
                violation(out, max, count, si, VINN_E_LAW_FEE_CURRENCY,
                          "a fee in %s cannot be checked against the %s law's cap in %s",
                          currency, law.currency[0] ? law.currency : "(none)",
                          law.currency[0] ? law.currency : "any currency");
            } else if (s->fee_minor > cap) {
                violation(out, max, count, si, VINN_E_LAW_FEE_CAP,
                          "fee %lld is above the cap of %lld (%s)", (long long)s->fee_minor,
                          (long long)cap, law.source);
            }
            if (law.fee_needs_agreement && !fee_agreed && s->kind == VINN_STEP_REMINDER) {
                violation(out, max, count, si, VINN_E_LAW_FEE_NOT_AGREED,
                          "a reminder fee needs the debtor's agreement when the debt arose "
                          "(set 'reminder_fee_agreed')");
            }
            if (offset < law.first_fee_days) {
                violation(out, max, count, si, VINN_E_LAW_FEE_TOO_EARLY,
                          "a fee-bearing letter may be sent %d days after the due date at the "
                          "earliest, this one after %lld",
                          law.first_fee_days, (long long)offset);
            }
            if (fee_letters > 0 && offset - last_fee_offset < law.fee_gap_days) {
                violation(out, max, count, si, VINN_E_LAW_FEE_GAP,
                          "fee-bearing letters must be %d days apart, these %lld",
                          law.fee_gap_days, (long long)(offset - last_fee_offset));
            }
            if (fee_letters > 0 && law.fee_deadline_days > 0 &&
                (last_fee_deadline - last_fee_offset < law.fee_deadline_days ||
                 offset <= last_fee_deadline)) {
                violation(out, max, count, si, VINN_E_LAW_FEE_DEADLINE,
                          "a second fee only after the debtor missed a deadline of at least %d "
                          "days set in the previous letter",
                          law.fee_deadline_days);
            }
            if ((compensation || (s->compensation && business)) &&
                law.compensation_replaces_fees) {
                violation(out, max, count, si, VINN_E_LAW_FEE_COMPENSATION,
                          "no letter fee after the fixed compensation was claimed");
            }
            fee_letters++;
            reminder_fees += s->kind == VINN_STEP_REMINDER ? 1 : 0;
            if (law.fee_letters_max >= 0 && fee_letters > (uint32_t)law.fee_letters_max) {
                violation(out, max, count, si, VINN_E_LAW_FEE_LETTERS,
                          "at most %d fee-bearing letters for one claim",
                          law.fee_letters_max);
            } else if (law.reminder_fees_max >= 0 && s->kind == VINN_STEP_REMINDER &&
                       reminder_fees > (uint32_t)law.reminder_fees_max) {
                violation(out, max, count, si, VINN_E_LAW_FEE_LETTERS,
                          "at most %d fee-bearing reminder(s) for one claim",
                          law.reminder_fees_max);
            }
            last_fee_offset = offset;
            last_fee_deadline = offset + s->deadline_days;
        }
        if (s->compensation) {
            if (!business || law.compensation == 0 || offset <= 0) {
                violation(out, max, count, si, VINN_E_LAW_COMPENSATION,
                          "the fixed compensation is only for business debtors in default "
                          "(after the due date) where the law gives one");
            }
            compensation = true;
        }
        if (s->kind == VINN_STEP_NOTICE) {
            if (s->deadline_days < law.notice_deadline_days) {
                violation(out, max, count, si, VINN_E_LAW_NOTICE_DEADLINE,
                          "a notice must give at least %d days to pay, this one %d",
                          law.notice_deadline_days, s->deadline_days);
            }
            notice = true;
            notice_deadline = offset + s->deadline_days;
        }
        if (s->kind == VINN_STEP_COLLECTION && law.notice_before_collection) {
            if (!notice) {
                violation(out, max, count, si, VINN_E_LAW_NOTICE_MISSING,
                          "a hand-over to collection needs a notice before it");
            } else if (offset <= notice_deadline) {
                violation(out, max, count, si, VINN_E_LAW_NOTICE_MISSING,
                          "the hand-over must come after the notice's deadline (day %lld), "
                          "not on day %lld",
                          (long long)notice_deadline, (long long)offset);
            }
        }
    }
}

/* ---- the decision -------------------------------------------------------- */

void vinn_case_init(struct vinn_case *c)
{
    VINN_ASSERT(c != NULL);
    memset(c, 0, sizeof(*c));
    c->last_step_day = VINN_NO_DAY;
    c->last_fee_day = VINN_NO_DAY;
    c->last_fee_deadline = VINN_NO_DAY;
    c->notice_deadline = VINN_NO_DAY;
    c->interest_through = VINN_NO_DAY;
    c->promise_until = VINN_NO_DAY;
}

static vinn_err add_days(vinn_day day, int64_t days, vinn_day *out, struct vinn_error *error)
{
    if (days < INT32_MIN || days > INT32_MAX || vinn_day_add_days(day, (int32_t)days, out) !=
                                                    VINN_OK) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "day", "a step day is out of range");
    }
    return VINN_OK;
}

static vinn_err business_day(enum vinn_country country, vinn_day day, vinn_day *out,
                             struct vinn_error *error)
{
    if (vinn_calendar_adjust_forward(country, day, out) != VINN_OK) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "day", "a step day is out of range");
    }
    return VINN_OK;
}

/*
 * The day of step index (or later steps when a pre-due step no longer falls
 * before the due date): *index moves past skipped pre-due steps; *day is
 * VINN_NO_DAY when no step is left.
 */
static vinn_err plan(const struct vinn_policy *p, enum vinn_country country, vinn_day due,
                     vinn_day last_step_day, uint32_t *index, vinn_day *day,
                     struct vinn_error *error)
{
    while (*index < p->steps_count) {
        const struct vinn_policy_step *s = &p->steps[*index];
        vinn_day base = s->after_previous && last_step_day != VINN_NO_DAY ? last_step_day : due;
        vinn_day d = 0;
        vinn_err rc = add_days(base, s->days, &d, error);
        if (rc == VINN_OK) {
            rc = business_day(country, d, &d, error);
        }
        if (rc != VINN_OK) {
            return rc;
        }
        if (s->kind == VINN_STEP_PREDUE && d >= due) {
            (*index)++;
            continue;
        }
        if (last_step_day != VINN_NO_DAY && d <= last_step_day) {
            rc = business_day(country, last_step_day + 1, &d, error);
            if (rc != VINN_OK) {
                return rc;
            }
        }
        *day = d;
        return VINN_OK;
    }
    *day = VINN_NO_DAY;
    return VINN_OK;
}

vinn_day vinn_dunning_first_day(const struct vinn_policy *policy, enum vinn_country country,
                                vinn_day due_date)
{
    uint32_t index = 0;
    vinn_day day = VINN_NO_DAY;
    if (plan(policy, country, due_date, VINN_NO_DAY, &index, &day, NULL) != VINN_OK) {
        return VINN_NO_DAY;
    }
    return day;
}

/* The fee the law allows for a letter on in->day; *law_bits says why less. */
static int64_t lawful_fee(const struct vinn_case *c, const struct vinn_dunning_input *in,
                          const struct vinn_policy_step *s, uint32_t *law_bits)
{
    const struct vinn_law *law = in->law;
    if (s->fee_minor <= 0 || !kind_bears_fee(s->kind)) {
        return 0;
    }
    uint32_t why = 0;
    if (strcmp(law->currency, in->currency) != 0) {
        why = VINN_LAW_FEE_CURRENCY;
    } else if (law->fee_needs_agreement && !in->fee_agreed && s->kind == VINN_STEP_REMINDER) {
        why = VINN_LAW_FEE_NOT_AGREED;
    } else if ((int64_t)in->day - in->due_date < law->first_fee_days) {
        why = VINN_LAW_FEE_TOO_EARLY;
    } else if (c->compensation_claimed && law->compensation_replaces_fees) {
        why = VINN_LAW_FEE_COMPENSATION;
    } else if ((law->fee_letters_max >= 0 && c->fee_letters >= (uint32_t)law->fee_letters_max) ||
               (law->reminder_fees_max >= 0 && s->kind == VINN_STEP_REMINDER &&
                c->reminder_fees >= (uint32_t)law->reminder_fees_max)) {
        why = VINN_LAW_FEE_LETTERS;
    } else if (c->fee_letters > 0 && (int64_t)in->day - c->last_fee_day < law->fee_gap_days) {
        why = VINN_LAW_FEE_GAP;
    } else if (c->fee_letters > 0 && law->fee_deadline_days > 0 &&
               (c->last_fee_deadline_days < law->fee_deadline_days ||
                in->day <= c->last_fee_deadline)) {
        why = VINN_LAW_FEE_DEADLINE;
    }
    if (why != 0) {
        *law_bits |= why;
        return 0;
    }
    int64_t cap = s->kind == VINN_STEP_NOTICE ? law->notice_fee_max : law->reminder_fee_max;
    if (law->fee_before_reform > 0 && in->due_date < law->fee_reform_due) {
        cap = law->fee_before_reform;
    }
    if (s->fee_minor > cap) {
        *law_bits |= VINN_LAW_FEE_CAPPED;
        return cap;
    }
    return s->fee_minor;
}

/* Late interest on the principal for the days after the last posting up to
 * in->day; the days before the rate table starts count nothing. */
static vinn_err accrue(const struct vinn_case *c, const struct vinn_dunning_input *in,
                       struct vinn_dunning_action *a, struct vinn_error *error)
{
    vinn_day from = c->interest_through != VINN_NO_DAY && c->interest_through > in->due_date
                        ? c->interest_through
                        : in->due_date;
    a->interest_from = from + 1;
    if (in->rates_count > 0 &&
        vinn_interest_rate_on(in->day, in->rates, in->rates_count, &a->interest_rate_bp) !=
            VINN_OK) {
        a->interest_rate_bp = 0;
    }
    if (!in->policy->interest || in->principal <= 0 || in->rates_count == 0 || in->day <= from) {
        return VINN_OK;
    }
    if (from < in->rates[0].from - 1) {
        from = in->rates[0].from - 1;
    }
    if (in->day <= from) {
        return VINN_OK;
    }
    return vinn_interest_compute(in->principal, from, in->day, in->rates, in->rates_count,
                                 VINN_ROUND_HALF_UP, &a->interest, error);
}

static vinn_err deadline_of(const struct vinn_dunning_input *in, enum vinn_step_kind kind,
                            int32_t asked, struct vinn_dunning_action *a,
                            struct vinn_error *error)
{
    int32_t days = asked;
    if (kind == VINN_STEP_NOTICE && days < in->law->notice_deadline_days) {
        days = in->law->notice_deadline_days;
        a->law |= VINN_LAW_DEADLINE_EXTENDED;
    }
    if (kind == VINN_STEP_PREDUE) {
        a->deadline = in->due_date;
        return VINN_OK;
    }
    if (days <= 0 || !vinn_step_kind_is_letter(kind)) {
        a->deadline = VINN_NO_DAY;
        return VINN_OK;
    }
    vinn_day d = 0;
    vinn_err rc = add_days(in->day, days, &d, error);
    if (rc == VINN_OK) {
        rc = business_day(in->country, d, &a->deadline, error);
    }
    return rc;
}

vinn_err vinn_dunning_decide(const struct vinn_case *c, const struct vinn_dunning_input *in,
                             struct vinn_dunning_action *action, struct vinn_case *next_case,
                             struct vinn_error *error)
{
    VINN_ASSERT(c != NULL && in != NULL && action != NULL && next_case != NULL);
    VINN_ASSERT(in->policy != NULL && in->law != NULL && in->currency != NULL);
    const struct vinn_policy *p = in->policy;
    struct vinn_case n = *c;
    struct vinn_dunning_action a;
    memset(&a, 0, sizeof(a));
    a.day = in->day;
    a.deadline = VINN_NO_DAY;
    a.next_action = VINN_NO_DAY;
    a.interest_from = VINN_NO_DAY;

    int64_t total = 0;
    if (vinn_money_add(in->principal, in->fees, &total) != VINN_OK ||
        vinn_money_add(total, in->interest, &total) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "outstanding", "'outstanding' overflows");
    }
    if (c->paused) {
        a.action = VINN_ACTION_WAIT;
        goto done;
    }
    if (c->promise_until != VINN_NO_DAY) {
        vinn_day hold = 0;
        vinn_err rc = add_days(c->promise_until, p->promise_grace_days, &hold, error);
        if (rc != VINN_OK) {
            return rc;
        }
        if (in->day <= hold) {
            a.action = VINN_ACTION_WAIT;
            rc = business_day(in->country, hold + 1, &a.next_action, error);
            if (rc != VINN_OK) {
                return rc;
            }
            goto done;
        }
        n.promise_until = VINN_NO_DAY; /* broken: the steps go on */
    }
    if (total <= 0) {
        a.action = VINN_ACTION_CLOSE;
        goto done;
    }
    if (in->principal < in->gross && total < p->waive_below) {
        a.action = VINN_ACTION_CLOSE;
        a.waive = total;
        goto done;
    }

    uint32_t index = n.step_index;
    vinn_day planned = VINN_NO_DAY;
    vinn_err rc = plan(p, in->country, in->due_date, n.last_step_day, &index, &planned, error);
    /* A pre-due reminder looked at on or after the due date is too late. */
    while (rc == VINN_OK && planned != VINN_NO_DAY && p->steps[index].kind == VINN_STEP_PREDUE &&
           in->day >= in->due_date) {
        index++;
        rc = plan(p, in->country, in->due_date, n.last_step_day, &index, &planned, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    n.step_index = index;
    if (planned == VINN_NO_DAY) {
        a.action = VINN_ACTION_CLOSE;
        goto done;
    }
    if (planned > in->day) {
        a.action = VINN_ACTION_WAIT;
        a.next_action = planned;
        goto done;
    }
    if (p->min_amount > 0 && total < p->min_amount) {
        a.action = VINN_ACTION_CLOSE;
        goto done;
    }

    const struct vinn_policy_step *s = &p->steps[index];
    enum vinn_step_kind kind = s->kind;
    bool advance = true;
    if (kind == VINN_STEP_COLLECTION && in->law->notice_before_collection && !in->key_account) {
        if (c->notice_deadline == VINN_NO_DAY) {
            kind = VINN_STEP_NOTICE; /* the law's notice first; the hand-over waits */
            advance = false;
            a.law |= VINN_LAW_NOTICE_FIRST;
        } else if (in->day <= c->notice_deadline) {
            a.action = VINN_ACTION_WAIT;
            a.law |= VINN_LAW_COLLECTION_WAITS;
            rc = business_day(in->country, c->notice_deadline + 1, &a.next_action, error);
            if (rc != VINN_OK) {
                return rc;
            }
            goto done;
        }
    }

    /* A step is taken. */
    a.action = VINN_ACTION_STEP;
    a.step_index = index;
    a.kind = kind;
    a.tone = s->tone;
    a.channel = s->channel;
    a.task = kind == VINN_STEP_TASK || in->key_account;
    rc = accrue(c, in, &a, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (!a.task) {
        struct vinn_policy_step asked = *s;
        if (!advance) {
            asked.fee_minor = 0;
        }
        asked.kind = kind;
        if (s->compensation && advance && in->business && !c->compensation_claimed &&
            in->day > in->due_date &&
            in->law->compensation > 0 && strcmp(in->law->currency, in->currency) == 0) {
            a.compensation = in->law->compensation;
        }
        struct vinn_case seen = *c;
        seen.compensation_claimed = c->compensation_claimed || a.compensation > 0;
        a.fee = lawful_fee(&seen, in, &asked, &a.law);
        rc = deadline_of(in, kind, s->deadline_days, &a, error);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    if (vinn_money_add(total, a.fee, &a.total_due) != VINN_OK ||
        vinn_money_add(a.total_due, a.compensation, &a.total_due) != VINN_OK ||
        vinn_money_add(a.total_due, a.interest, &a.total_due) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "outstanding", "'outstanding' overflows");
    }

    n.steps_taken++;
    n.last_step_day = in->day;
    if (p->interest && in->principal > 0 && in->rates_count > 0) {
        n.interest_through = in->day;
    }
    if (a.fee > 0) {
        n.fee_letters++;
        n.reminder_fees += kind == VINN_STEP_REMINDER ? 1 : 0;
        n.last_fee_day = in->day;
        n.last_fee_deadline = a.deadline == VINN_NO_DAY ? in->day : a.deadline;
        n.last_fee_deadline_days = a.deadline == VINN_NO_DAY ? 0 : a.deadline - in->day;
    }
    if (kind == VINN_STEP_NOTICE && !a.task) {
        n.notice_deadline = a.deadline;
    }
    if (a.compensation > 0) {
        n.compensation_claimed = true;
    }
    if (kind == VINN_STEP_COLLECTION) {
        n.step_index = p->steps_count; /* handed over: the agency takes it from here */
        goto done;
    }
    if (advance) {
        n.step_index = index + 1;
    }
    index = n.step_index;
    rc = plan(p, in->country, in->due_date, n.last_step_day, &index, &a.next_action, error);
    if (rc != VINN_OK) {
        return rc;
    }
    n.step_index = index;
    if (a.next_action != VINN_NO_DAY && index < p->steps_count &&
        p->steps[index].kind == VINN_STEP_COLLECTION && n.notice_deadline != VINN_NO_DAY &&
        a.next_action <= n.notice_deadline && in->law->notice_before_collection) {
        rc = business_day(in->country, n.notice_deadline + 1, &a.next_action, error);
        if (rc != VINN_OK) {
            return rc;
        }
    }

done:
    /* Point of no return: outputs written together. */
    *action = a;
    *next_case = n;
    return VINN_OK;
}
