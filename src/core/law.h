/*
 * law.h - the dunning law of the four Nordic countries, effective-dated.
 *
 * Purpose: what a creditor may do with a late invoice on a given day, for a
 * debtor who is a consumer (person) or a business (company): the earliest
 * fee-bearing letter, the days between fee-bearing letters, the fee caps, how
 * many fee-bearing letters, the shortest payment deadline a notice may give,
 * the fixed B2B compensation, and the late-interest rate table. The values
 * and their sources are DOMAIN.md section 2; each rule set names its
 * sources in `source`.
 *
 * Conventions:
 * - Amounts are minor units of the country's currency (NOK, SEK, EUR, DKK in
 *   `currency`). A fee on an invoice in another currency cannot be checked
 *   against the cap, so the dunning decision charges none.
 * - Values marked UNVERIFIED in DOMAIN.md are not law here: they are
 *   configuration defaults, listed in `defaults` and in docs/dunning.md, and
 *   a tenant may change them (`vinn tenant set`). The verified values are
 *   law: a policy that breaks them is refused (core/dunning.h), and the day
 *   run never goes past them.
 * - Rates are tables of periods (core/interest.h) ending with the last
 *   verified period, which stays in force until a tenant adds a newer one.
 * - Pure: static tables, no clock, no allocation.
 */
#ifndef VINN_CORE_LAW_H
#define VINN_CORE_LAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/country.h"
#include "core/date.h"
#include "core/interest.h"

struct vinn_law {
    enum vinn_country country;
    bool business;       /* the debtor is a company (B2B) */
    char currency[4];    /* of the amounts below; "" for VINN_COUNTRY_OTHER */
    vinn_day on;         /* the day these values are in force */
    /* Fee-bearing letters (reminders and notices). */
    int64_t reminder_fee_max;  /* per reminder; 0: none may be charged */
    int64_t notice_fee_max;    /* per notice (inkassovarsel, inkassokrav, rykker) */
    int32_t first_fee_days;    /* the earliest fee-bearing letter: due date + this */
    int32_t fee_gap_days;      /* days between two fee-bearing letters, at least */
    int32_t fee_deadline_days; /* a second fee only after the debtor missed a deadline of at
                                * least this many days set in the previous letter; 0: no rule */
    int32_t fee_letters_max;   /* fee-bearing letters for one claim, at most */
    int32_t reminder_fees_max; /* of them reminders (not notices), at most; -1: no own limit */
    vinn_day fee_reform_due;   /* NO: claims due before this day ... */
    int64_t fee_before_reform; /* ... may bear this fee (1/10 of the inkassosats); 0: none */
    bool fee_needs_agreement;  /* SE: a reminder fee (not the inkassokrav fee) only when agreed
                                * when the debt arose */
    /* Notices and hand-over. */
    int32_t notice_deadline_days;    /* the shortest deadline a notice may give */
    bool notice_before_collection;   /* hand-over only after a notice whose deadline passed */
    /* B2B. */
    int64_t compensation;            /* fixed compensation for recovery costs; 0 for consumers */
    bool compensation_replaces_fees; /* with it claimed (on the same letter or before), no
                                      * letter fee; it arises with default: after the due date */
    /* Late interest: the margin over the reference rate, in basis points, for
     * documents; the table itself comes from vinn_law_rates. */
    int32_t interest_margin_bp;
    const char *source;   /* the statutes, for messages and docs; static */
    const char *defaults; /* which values above are configuration (UNVERIFIED); static */
};

/*
 * The rule set of country for a consumer (business = false) or a business
 * debtor, in force on day `on`. VINN_COUNTRY_OTHER gives a rule set without
 * fees, compensation or interest (no law data: nothing may be charged).
 * Errors: VINN_E_DATE_OUT_OF_RANGE when on is outside VINN_DAY_MIN..MAX.
 */
VINN_MUST_USE vinn_err vinn_law_get(enum vinn_country country, bool business, vinn_day on,
                                    struct vinn_law *out, struct vinn_error *error);

/*
 * A tenant's configuration of the values that are not law (the UNVERIFIED
 * ones of DOMAIN.md): each field applies only where law.c lists it as
 * configuration for the country, never over a verified rule.
 *   inkassosats                 NO: the inkassosats in øre (fees 1/20, 1/10)
 *   fee_letters_max             SE, FI: fee-bearing letters for one claim
 *   notice_deadline_days        FI, DK: the shortest deadline of a notice
 *   compensation_replaces_fees  NO, FI, DK: no letter fee once compensation
 *                               is claimed (SE: law)
 */
struct vinn_law_config {
    int64_t inkassosats;            /* 0: the built-in table */
    int32_t fee_letters_max;        /* -1: the default */
    int32_t notice_deadline_days;   /* -1: the default */
    int compensation_replaces_fees; /* -1: the default; 0 no; 1 yes */
};

/* Every field at "the default". */
void vinn_law_config_init(struct vinn_law_config *config);
/* Apply config to a rule set from vinn_law_get (the fields that are
 * configuration for law->country only). */
void vinn_law_configure(struct vinn_law *law, const struct vinn_law_config *config);
/* Whether field ("inkassosats", "fee_letters_max", "notice_deadline_days",
 * "compensation_replaces_fees") is configuration in country. */
bool vinn_law_is_configurable(enum vinn_country country, const char *field);

/*
 * The built-in late-interest rate table of country for consumers or
 * businesses (FI: + 7 or + 8 over the viitekorko), ascending by from.
 * VINN_COUNTRY_OTHER gives an empty table. Static storage.
 */
void vinn_law_rates(enum vinn_country country, bool business,
                    const struct vinn_rate_period **rates, size_t *count);

/*
 * The Norwegian inkassosats (inkassoforskriften § 1-1) in force on day, in
 * øre: 70000 from 2017-01-01. Reminder and notice fees are 1/20 of it for
 * claims due from 2020-10-01, 1/10 for claims due before (fee_before_reform).
 */
int64_t vinn_law_no_inkassosats(vinn_day day);

#endif
