/*
 * dunning.h - dunning policies and the step decision.
 *
 * A policy is an ordered list of steps (a pre-due reminder, reminders, a
 * notice that warns of collection, the hand-over to collection, a task for a
 * person), each on a day counted from the due date or from the previous
 * step. The decision is a pure function of the case (what was done so far),
 * the invoice (what it owes), the policy, the law in force on the step's day
 * (core/law.h) and that day: it says what to do and when to look again.
 *
 * The law wins over the policy at run time: a fee the law does not allow is
 * not charged, a fee above the cap is cut to it, a notice deadline shorter
 * than the law's is lengthened, a hand-over without a notice whose deadline
 * has passed becomes that notice first. `vinn_policy_check` finds the same
 * breaches up front so that a tenant's policy can be refused.
 *
 * Days: steps fall on business days of the debtor's country (a step due on
 * a weekend or holiday moves to the next business day), and so do the pay-by
 * dates (deadlines) the letters state. A pre-due reminder that would move to
 * the due date or later is skipped.
 *
 * Pure: no clock, no allocation; outputs unchanged on failure.
 */
#ifndef VINN_CORE_DUNNING_H
#define VINN_CORE_DUNNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/country.h"
#include "core/date.h"
#include "core/interest.h"
#include "core/law.h"

enum vinn_step_kind {
    VINN_STEP_PREDUE = 0,     /* "pre-due": a friendly nudge before the due date */
    VINN_STEP_REMINDER = 1,   /* purring, påminnelse, maksumuistutus, rykker */
    VINN_STEP_NOTICE = 2,     /* inkassovarsel, inkassokrav, maksuvaatimus, rykker with warning */
    VINN_STEP_COLLECTION = 3, /* hand-over to a collection agency */
    VINN_STEP_TASK = 4,       /* a person follows up */
};

enum vinn_tone { VINN_TONE_FRIENDLY = 0, VINN_TONE_NEUTRAL = 1, VINN_TONE_FIRM = 2 };

enum vinn_channel {
    VINN_CHANNEL_CUSTOMER = 0, /* the customer's own channel */
    VINN_CHANNEL_EMAIL = 1,
    VINN_CHANNEL_SMS = 2,
    VINN_CHANNEL_LETTER = 3,
    VINN_CHANNEL_EINVOICE = 4,
    VINN_CHANNEL_MAILBOX = 5, /* a digital mailbox: Kivra, Digipost, e-Boks */
};

enum {
    VINN_POLICY_STEPS_MAX = 12,
    VINN_POLICY_NAME_MAX = 48,
    VINN_POLICY_TAG_MAX = 32,
    VINN_POLICY_DAYS_MIN = -60,  /* pre-due: at most 60 days before */
    VINN_POLICY_DAYS_MAX = 3650, /* ten years */
    VINN_POLICY_DEADLINE_MAX = 90,
    VINN_POLICY_VIOLATIONS_MAX = 32,
};

struct vinn_policy_step {
    enum vinn_step_kind kind;
    int32_t days;         /* after the due date, or after the previous step */
    bool after_previous;  /* days count from the previous step's day */
    int64_t fee_minor;    /* asked for; the law may cut it */
    int32_t deadline_days; /* the pay-by date the letter gives, from the step's day; 0: none */
    enum vinn_tone tone;
    enum vinn_channel channel;
    bool compensation;    /* claim the B2B fixed compensation with this step */
};

/* Which invoices a policy is for: every condition set must hold. */
struct vinn_policy_match {
    int kind;                         /* -1 any, else enum vinn_customer_kind (0 person, 1 company) */
    char country[3];                  /* "" any */
    char tag[VINN_POLICY_TAG_MAX + 1]; /* "" any; else the customer has this tag */
    int64_t min_amount;               /* invoice gross at least; 0: no bound */
    int64_t max_amount;               /* invoice gross at most; 0: no bound */
};

struct vinn_policy {
    char name[VINN_POLICY_NAME_MAX + 1];
    int32_t priority; /* lower first when several match */
    struct vinn_policy_match match;
    bool interest;           /* charge late interest */
    int64_t min_amount;      /* no letters while less than this is outstanding */
    int64_t waive_below;     /* partly paid and less than this left: waived */
    int32_t promise_grace_days; /* after a promised day, before steps resume */
    uint32_t steps_count;
    struct vinn_policy_step steps[VINN_POLICY_STEPS_MAX];
};

/* Names as stored, shown and parsed: "pre-due", "reminder", "notice",
 * "collection", "task"; "friendly", "neutral", "firm"; "customer", "email",
 * "sms", "letter", "einvoice", "mailbox". */
const char *vinn_step_kind_name(enum vinn_step_kind kind);
const char *vinn_tone_name(enum vinn_tone tone);
const char *vinn_channel_name(enum vinn_channel channel);
/* VINN_E_UNKNOWN_VALUE naming field and listing the names. */
VINN_MUST_USE vinn_err vinn_step_kind_parse(const char *name, const char *field,
                                            enum vinn_step_kind *out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_tone_parse(const char *name, const char *field, enum vinn_tone *out,
                                       struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_channel_parse(const char *name, const char *field,
                                          enum vinn_channel *out, struct vinn_error *error);
/* True for the kinds that send the customer a letter that may bear a fee. */
bool vinn_step_kind_is_letter(enum vinn_step_kind kind);

/*
 * The lawful default policy of a country for consumers or businesses, friendly
 * first, fees in currency at the law's cap (none when currency is not the
 * country's; for companies the notice claims the fixed compensation where the
 * law gives one, instead of a fee): NO pre-due -3, reminder +14 (fee, 14-day
 * deadline), notice 21 days later (fee, 14 days), collection 21 days later;
 * the others likewise within their law (docs/dunning.md). Named
 * "default-<cc>-person" or "default-<cc>-company" ("cc" lower case).
 */
void vinn_policy_default(enum vinn_country country, bool business, const char *currency,
                         vinn_day today, struct vinn_policy *out);

/*
 * The policy's own rules (not the law): 1..VINN_POLICY_STEPS_MAX steps, days
 * in range and strictly later than the step before, a pre-due step only first
 * and before the due date, fees >= 0 and only on reminders and notices,
 * deadlines 0..VINN_POLICY_DEADLINE_MAX, nothing after a collection step.
 * VINN_E_POLICY_INVALID naming "steps[i].<member>".
 */
VINN_MUST_USE vinn_err vinn_policy_validate(const struct vinn_policy *policy,
                                            struct vinn_error *error);

/* One breach of the law by a policy: which step, the rule's code and text. */
struct vinn_policy_violation {
    int32_t step;  /* index into steps; -1 for the policy as a whole */
    vinn_err code; /* VINN_E_LAW_* */
    char message[200];
};

/*
 * Check a valid policy against the law of country for consumers or businesses
 * on day `on`, fees in currency; fee_agreed says the debtor agreed to
 * reminder fees when the debt arose (SE). Writes up to max violations into
 * out and their number into *count (0: lawful). Never fails.
 */
void vinn_policy_check(const struct vinn_policy *policy, enum vinn_country country,
                       bool business, const char *currency, bool fee_agreed, vinn_day on,
                       struct vinn_policy_violation *out, size_t max, size_t *count);

/* The same check against a rule set the caller has (a tenant's configured
 * law, core/law.h vinn_law_configure). */
void vinn_policy_check_law(const struct vinn_policy *policy, const struct vinn_law *law,
                           const char *currency, bool fee_agreed,
                           struct vinn_policy_violation *out, size_t max, size_t *count);

/* What has been done on one invoice's case; kept by the store. */
struct vinn_case {
    uint32_t step_index;   /* the next policy step */
    uint32_t steps_taken;  /* letters, tasks and hand-overs so far */
    uint32_t fee_letters;  /* letters that bore a fee */
    uint32_t reminder_fees; /* of them reminders */
    vinn_day last_step_day;    /* VINN_NO_DAY before the first step */
    vinn_day last_fee_day;     /* the day of the last fee-bearing letter */
    vinn_day last_fee_deadline; /* its pay-by date */
    int32_t last_fee_deadline_days;
    vinn_day notice_deadline;  /* the pay-by date of the last notice; VINN_NO_DAY: none sent */
    bool compensation_claimed;
    vinn_day interest_through; /* interest posted for the days up to this one; VINN_NO_DAY: none */
    bool paused;               /* no steps until resumed */
    vinn_day promise_until;    /* the customer promised to pay by then; VINN_NO_DAY: none */
};

/* A new case: nothing done. */
void vinn_case_init(struct vinn_case *c);

/* What the day's decision says to do. */
enum vinn_action_kind {
    VINN_ACTION_WAIT = 0,  /* nothing today; look again on next_action */
    VINN_ACTION_STEP = 1,  /* take the step described */
    VINN_ACTION_CLOSE = 2, /* the case ends: nothing more to do (next_action none) */
};

/* Why the law changed what the policy asked (bits of vinn_dunning_action.law). */
enum {
    VINN_LAW_FEE_TOO_EARLY = 1u << 0,
    VINN_LAW_FEE_CAPPED = 1u << 1,
    VINN_LAW_FEE_LETTERS = 1u << 2,
    VINN_LAW_FEE_GAP = 1u << 3,
    VINN_LAW_FEE_DEADLINE = 1u << 4,
    VINN_LAW_FEE_NOT_AGREED = 1u << 5,
    VINN_LAW_FEE_CURRENCY = 1u << 6,
    VINN_LAW_FEE_COMPENSATION = 1u << 7,
    VINN_LAW_DEADLINE_EXTENDED = 1u << 8,
    VINN_LAW_NOTICE_FIRST = 1u << 9, /* a hand-over became the notice the law requires */
    VINN_LAW_COLLECTION_WAITS = 1u << 10,
};

struct vinn_dunning_input {
    const struct vinn_policy *policy;
    const struct vinn_law *law; /* in force on `day` for this debtor */
    enum vinn_country country;  /* the debtor's: its business days */
    bool business;
    bool key_account; /* letters become tasks for the account owner */
    bool fee_agreed;  /* SE: reminder fees agreed when the debt arose */
    const char *currency;
    vinn_day due_date;
    int64_t gross;     /* the invoice's principal when it was issued */
    int64_t principal; /* outstanding, >= 0 */
    int64_t fees;
    int64_t interest;
    const struct vinn_rate_period *rates; /* late interest, ascending; may be empty */
    size_t rates_count;
    vinn_day day; /* the case's next action day (<= today) */
};

struct vinn_dunning_action {
    enum vinn_action_kind action;
    uint32_t step_index;
    enum vinn_step_kind kind;
    bool task; /* a person does it (a task step, or a key account's letter) */
    enum vinn_tone tone;
    enum vinn_channel channel;
    vinn_day day;
    int64_t fee;          /* charged with this step */
    int64_t compensation; /* B2B compensation charged with this step */
    int64_t interest;     /* late interest accrued up to day, posted with this step */
    vinn_day interest_from; /* the first day counted */
    int32_t interest_rate_bp; /* in force on day; 0 without a table */
    vinn_day deadline;    /* the pay-by date stated; VINN_NO_DAY: none */
    int64_t total_due;    /* principal + fees + interest after the step */
    uint32_t law;         /* VINN_LAW_* bits: where the law overrode the policy */
    vinn_day next_action; /* VINN_NO_DAY: none */
    int64_t waive;        /* CLOSE: the small balance left to waive and write off */
};

/*
 * The first day the policy looks at an invoice due on due_date in country:
 * its first step's day (a pre-due step first, if it still falls before the
 * due date). VINN_NO_DAY for a policy without steps.
 */
vinn_day vinn_dunning_first_day(const struct vinn_policy *policy, enum vinn_country country,
                                vinn_day due_date);

/*
 * Decide the case on in->day. On VINN_ACTION_STEP the caller posts fee,
 * compensation and interest, queues the letter or the task, and stores
 * *next_case; on WAIT and CLOSE it stores *next_case and next_action.
 * A paused case waits without a next action; a promised one waits until
 * promise_until + grace, then goes on where it was. When part of the
 * invoice was paid and less than policy->waive_below is left (a payment a
 * little short, interest for the days it was on its way), the case closes
 * with action->waive set: the caller waives the fees and interest and
 * writes off the principal left (a small-balance write-off).
 * Errors: VINN_E_AMOUNT_OVERFLOW; the rate table's errors (core/interest.h).
 * *action and *next_case are unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_dunning_decide(const struct vinn_case *c,
                                           const struct vinn_dunning_input *in,
                                           struct vinn_dunning_action *action,
                                           struct vinn_case *next_case,
                                           struct vinn_error *error);

#endif
