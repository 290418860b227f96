/* law.c - the Nordic dunning rule sets and late-interest tables (DOMAIN.md 2). */
#include "core/law.h"

#include <string.h>

#include "base/assert.h"

#include "core/banned.h"

/* A civil date as a vinn_day, as a constant expression for the tables
 * (days_from_civil of H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"; years from 1900, so the era is never negative). */
#define Y_(y, m) ((y) - ((m) <= 2))
#define ERA_(y, m) (Y_(y, m) / 400)
#define YOE_(y, m) (Y_(y, m) - ERA_(y, m) * 400)
#define DOY_(m, d) ((153 * ((m) + ((m) > 2 ? -3 : 9)) + 2) / 5 + (d) - 1)
#define DAY(y, m, d)                                                                               \
    ((vinn_day)(ERA_(y, m) * 146097 + YOE_(y, m) * 365 + YOE_(y, m) / 4 - YOE_(y, m) / 100 +       \
                DOY_(m, d) - 719468))

_Static_assert(DAY(1970, 1, 1) == 0, "day zero");
_Static_assert(DAY(2000, 3, 1) == 11017, "a leap century");

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Norway: forsinkelsesrente (FOR forsinkelsesrente, half-yearly). The
 * UNVERIFIED periods of DOMAIN.md (2024-07-01, 2025-07-01) are left out: the
 * rate before them stays in force until a tenant adds them. */
static const struct vinn_rate_period rates_no[] = {
    {DAY(2019, 1, 1), 875},  {DAY(2019, 7, 1), 925},  {DAY(2020, 1, 1), 950},
    {DAY(2020, 7, 1), 800},  {DAY(2021, 1, 1), 800},  {DAY(2021, 7, 1), 800},
    {DAY(2022, 1, 1), 850},  {DAY(2022, 7, 1), 925},  {DAY(2023, 1, 1), 1075},
    {DAY(2023, 7, 1), 1175}, {DAY(2024, 1, 1), 1250}, {DAY(2025, 1, 1), 1250},
};

/* Sweden: referensränta + 8 (räntelagen 6 §), riksbank.se. */
static const struct vinn_rate_period rates_se[] = {
    {DAY(2022, 1, 1), 800},  {DAY(2022, 7, 1), 850},  {DAY(2023, 1, 1), 1050},
    {DAY(2023, 7, 1), 1150}, {DAY(2024, 1, 1), 1200}, {DAY(2024, 7, 1), 1200},
};

/* Finland: viitekorko + 7 (korkolaki 4 §); 2023H2 and 2025H2 UNVERIFIED. */
static const struct vinn_rate_period rates_fi[] = {
    {DAY(2023, 1, 1), 950},  {DAY(2024, 1, 1), 1150}, {DAY(2024, 7, 1), 1150},
    {DAY(2025, 1, 1), 1050}, {DAY(2026, 1, 1), 950},
};

/* Finland, commercial contracts: viitekorko + 8 (korkolaki 4 a §). */
static const struct vinn_rate_period rates_fi_b2b[] = {
    {DAY(2023, 1, 1), 1050}, {DAY(2024, 1, 1), 1250}, {DAY(2024, 7, 1), 1250},
    {DAY(2025, 1, 1), 1150}, {DAY(2026, 1, 1), 1050},
};

/* Denmark: Nationalbankens udlånsrente + 8 (renteloven § 5), forbrug.dk. */
static const struct vinn_rate_period rates_dk[] = {
    {DAY(2022, 1, 1), 755},  {DAY(2022, 7, 1), 755},  {DAY(2023, 1, 1), 990},
    {DAY(2023, 7, 1), 1125}, {DAY(2024, 1, 1), 1175},
};

struct amount_period {
    vinn_day from;
    int64_t amount;
};

/* The value of an effective-dated amount table on day; 0 before the first. */
static int64_t amount_on(const struct amount_period *table, size_t count, vinn_day day)
{
    int64_t amount = 0;
    for (size_t i = 0; i < count && table[i].from <= day; i++) {
        amount = table[i].amount;
    }
    return amount;
}

/* inkassoforskriften § 1-1: 700 kr from 2017-01-01 (later changes UNVERIFIED). */
static const struct amount_period inkassosats_no[] = {
    {DAY(2017, 1, 1), 70000},
};

/* NO standardkompensasjon (forsinkelsesrenteloven § 3a), NOK in øre; the
 * UNVERIFIED half-years keep the previous amount. */
static const struct amount_period compensation_no[] = {
    {DAY(2019, 1, 1), 38000}, {DAY(2019, 7, 1), 39000}, {DAY(2020, 1, 1), 40000},
    {DAY(2020, 7, 1), 43000}, {DAY(2021, 1, 1), 40000}, {DAY(2022, 7, 1), 40000},
    {DAY(2023, 1, 1), 41000}, {DAY(2024, 1, 1), 47000}, {DAY(2025, 1, 1), 47000},
};

/* 16 Mar 2013: the Swedish and Finnish late-payment reforms (Prop. 2012/13:36). */
static const vinn_day reform_2013 = DAY(2013, 3, 16);

int64_t vinn_law_no_inkassosats(vinn_day day)
{
    return amount_on(inkassosats_no, COUNT(inkassosats_no), day);
}

static void law_no(bool business, vinn_day on, struct vinn_law *law)
{
    /* inkassoforskriften § 1-2: 1/20 of the inkassosats when the letter is
     * sent, for claims due from 1 Oct 2020; 1/10 for claims due before. */
    int64_t sats = vinn_law_no_inkassosats(on);
    int64_t fee = sats / 20;
    law->fee_reform_due = DAY(2020, 10, 1);
    law->fee_before_reform = sats / 10;
    memcpy(law->currency, "NOK", 4);
    law->reminder_fee_max = fee;
    law->notice_fee_max = fee;
    law->first_fee_days = 14;    /* § 1-2: no earlier than 14 days after the due date */
    law->fee_gap_days = 14;      /* § 1-3: the second only after a missed 14-day deadline */
    law->fee_deadline_days = 14;
    law->fee_letters_max = 2;    /* § 1-3: two purringer, or purring + inkassovarsel */
    law->notice_deadline_days = 14; /* inkassoloven § 9 */
    law->notice_before_collection = true;
    law->compensation = business ? amount_on(compensation_no, COUNT(compensation_no), on) : 0;
    law->compensation_replaces_fees = true;
    law->interest_margin_bp = 800;
    law->source = "inkassoloven §§ 9-10; inkassoforskriften §§ 1-1 to 1-3; "
                  "forsinkelsesrenteloven §§ 2, 3, 3a";
    law->defaults = "inkassosats after 2021 (700 kr); standardkompensasjon 2022-01 and "
                    "2023-07; no letter fee once standardkompensasjon is claimed";
}

static void law_se(bool business, vinn_day on, struct vinn_law *law)
{
    memcpy(law->currency, "SEK", 4);
    law->reminder_fee_max = on >= reform_2013 ? 6000 : 5000; /* påminnelseavgift */
    law->notice_fee_max = on >= reform_2013 ? 18000 : 16000; /* inkassokrav */
    law->fee_needs_agreement = true;
    law->first_fee_days = 1;
    law->fee_gap_days = 0;
    law->fee_letters_max = 2;   /* one påminnelseavgift and one inkassokrav */
    law->reminder_fees_max = 1;
    law->notice_deadline_days = 8; /* god inkassosed: at least eight days */
    law->notice_before_collection = true;
    law->compensation = business && on >= reform_2013 ? 45000 : 0; /* förseningsersättning */
    law->compensation_replaces_fees = true; /* it replaces the reminder and inkasso fees */
    law->interest_margin_bp = 800;
    law->source = "lag (1981:739) om ersättning för inkassokostnader; räntelagen 4, 6 §§; "
                  "IMY inkasso guidance";
    law->defaults = "two fee-bearing letters (a reminder and an inkassokrav); the first "
                    "reminder the day after the due date";
}

static void law_fi(bool business, vinn_day on, struct vinn_law *law)
{
    memcpy(law->currency, "EUR", 4);
    if (business) {
        bool reform = on >= DAY(2022, 5, 1); /* perintälaki B2B caps, HE 241/2021 vp */
        law->reminder_fee_max = reform ? 1200 : 0;
        law->notice_fee_max = reform ? 1200 : 0;
        law->first_fee_days = 10;
        law->fee_gap_days = 10;
        law->fee_letters_max = 3;
        law->compensation = on >= reform_2013 ? 4000 : 0; /* vakiokorvaus, perintälaki 10 e § */
        law->interest_margin_bp = 800;
    } else {
        law->reminder_fee_max = 500;
        law->notice_fee_max = 500;
        law->first_fee_days = 14;
        law->fee_gap_days = 14;
        law->fee_letters_max = 2;
        law->interest_margin_bp = 700;
    }
    law->notice_deadline_days = 14;
    law->notice_before_collection = true;
    law->compensation_replaces_fees = true;
    law->source = "laki saatavien perinnästä (perintälaki) 10 §, 10 e §; korkolaki 4 §, 4 a §";
    law->defaults = "the number of fee-bearing reminders (2 consumer, 3 business); a 14-day "
                    "notice deadline; first business fee 10 days after the due date; no "
                    "reminder fee once vakiokorvaus is claimed";
}

static void law_dk(bool business, vinn_day on, struct vinn_law *law)
{
    memcpy(law->currency, "DKK", 4);
    law->reminder_fee_max = 10000; /* renteloven § 9 b: 100 kr per rykker */
    law->notice_fee_max = 10000;   /* the last rykker, with the collection warning */
    law->first_fee_days = 1;
    law->fee_gap_days = 10;
    law->fee_letters_max = 3;
    law->notice_deadline_days = 10;
    law->notice_before_collection = true;
    law->compensation = business && on >= DAY(2013, 3, 1) ? 31000 : 0; /* kompensationsbeløb */
    law->compensation_replaces_fees = true;
    law->interest_margin_bp = 800;
    law->source = "renteloven §§ 3, 5, 9 a, 9 b";
    law->defaults = "a 10-day deadline in the notice; no rykker fee once the "
                    "kompensationsbeløb is claimed";
}

vinn_err vinn_law_get(enum vinn_country country, bool business, vinn_day on,
                      struct vinn_law *out, struct vinn_error *error)
{
    VINN_ASSERT(out != NULL);
    if (on < VINN_DAY_MIN || on > VINN_DAY_MAX) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "on", "'on' is out of range");
    }
    struct vinn_law law;
    memset(&law, 0, sizeof(law));
    law.country = country;
    law.business = business;
    law.on = on;
    law.reminder_fees_max = -1;
    law.fee_reform_due = VINN_NO_DAY;
    switch (country) {
    case VINN_COUNTRY_NO:
        law_no(business, on, &law);
        break;
    case VINN_COUNTRY_SE:
        law_se(business, on, &law);
        break;
    case VINN_COUNTRY_FI:
        law_fi(business, on, &law);
        break;
    case VINN_COUNTRY_DK:
        law_dk(business, on, &law);
        break;
    case VINN_COUNTRY_OTHER:
        law.notice_deadline_days = 14;
        law.source = "no Nordic law applies: no fees, compensation or interest";
        law.defaults = "";
        break;
    }
    *out = law;
    return VINN_OK;
}

void vinn_law_config_init(struct vinn_law_config *config)
{
    VINN_ASSERT(config != NULL);
    config->inkassosats = 0;
    config->fee_letters_max = -1;
    config->notice_deadline_days = -1;
    config->compensation_replaces_fees = -1;
}

bool vinn_law_is_configurable(enum vinn_country country, const char *field)
{
    static const struct {
        enum vinn_country country;
        const char *field;
    } table[] = {
        {VINN_COUNTRY_NO, "inkassosats"},
        {VINN_COUNTRY_SE, "fee_letters_max"},
        {VINN_COUNTRY_FI, "fee_letters_max"},
        {VINN_COUNTRY_FI, "notice_deadline_days"},
        {VINN_COUNTRY_DK, "notice_deadline_days"},
        {VINN_COUNTRY_NO, "compensation_replaces_fees"},
        {VINN_COUNTRY_FI, "compensation_replaces_fees"},
        {VINN_COUNTRY_DK, "compensation_replaces_fees"},
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        if (table[i].country == country && strcmp(table[i].field, field) == 0) {
            return true;
        }
    }
    return false;
}

void vinn_law_configure(struct vinn_law *law, const struct vinn_law_config *config)
{
    VINN_ASSERT(law != NULL && config != NULL);
    enum vinn_country c = law->country;
    if (config->inkassosats > 0 && vinn_law_is_configurable(c, "inkassosats")) {
        law->reminder_fee_max = config->inkassosats / 20;
        law->notice_fee_max = config->inkassosats / 20;
        law->fee_before_reform = config->inkassosats / 10;
    }
    if (config->fee_letters_max >= 0 && vinn_law_is_configurable(c, "fee_letters_max")) {
        law->fee_letters_max = config->fee_letters_max;
    }
    if (config->notice_deadline_days >= 0 &&
        vinn_law_is_configurable(c, "notice_deadline_days")) {
        law->notice_deadline_days = config->notice_deadline_days;
    }
    if (config->compensation_replaces_fees >= 0 &&
        vinn_law_is_configurable(c, "compensation_replaces_fees")) {
        law->compensation_replaces_fees = config->compensation_replaces_fees != 0;
    }
}

void vinn_law_rates(enum vinn_country country, bool business,
                    const struct vinn_rate_period **rates, size_t *count)
{
    VINN_ASSERT(rates != NULL && count != NULL);
    switch (country) {
    case VINN_COUNTRY_NO:
        *rates = rates_no;
        *count = COUNT(rates_no);
        return;
    case VINN_COUNTRY_SE:
        *rates = rates_se;
        *count = COUNT(rates_se);
        return;
    case VINN_COUNTRY_FI:
        *rates = business ? rates_fi_b2b : rates_fi;
        *count = business ? COUNT(rates_fi_b2b) : COUNT(rates_fi);
        return;
    case VINN_COUNTRY_DK:
        *rates = rates_dk;
        *count = COUNT(rates_dk);
        return;
    case VINN_COUNTRY_OTHER:
        break;
    }
    *rates = NULL;
    *count = 0;
}
