/* Tests of core/channel: the channel a message goes by, every branch of the
 * rule, and that a customer on e-invoice or direct debit never gets paper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/channel.h"

#define C_NONE VINN_CHANNEL_CUSTOMER
#define E      VINN_CHANNEL_EMAIL
#define S      VINN_CHANNEL_SMS
#define L      VINN_CHANNEL_LETTER
#define EI     VINN_CHANNEL_EINVOICE
#define MB     VINN_CHANNEL_MAILBOX

struct choose_case {
    const char *name;
    struct vinn_channel_facts facts;
    vinn_err rc;
    enum vinn_channel channel;
    enum vinn_channel_reason reason;
};

#define FACTS(step_, stated_, sale_, dd_, email_, phone_, ei_)                                     \
    {.step = (enum vinn_channel)(step_),                                                           \
     .stated = (enum vinn_channel)(stated_),                                                       \
     .sale = (sale_),                                                                              \
     .direct_debit = (dd_),                                                                        \
     .has_email = (email_),                                                                        \
     .has_phone = (phone_),                                                                        \
     .has_einvoice_address = (ei_)}

static const struct choose_case choose_cases[] = {
    /* 4, 5, 6: the old rule when nothing is stated */
    {"email address", FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 0, 1, 1, 0), VINN_OK, E,
     VINN_CHANNEL_BY_EMAIL},
    {"phone only", FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 0, 0, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_PHONE},
    {"nothing: paper", FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 0, 0, 0, 0), VINN_OK, L,
     VINN_CHANNEL_BY_PAPER},
    {"company with org no and nothing else: still paper",
     FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 0, 0, 0, 1), VINN_OK, L, VINN_CHANNEL_BY_PAPER},
    /* 2: the stated channel wins over the sale and the contacts */
    {"stated sms over email", FACTS(C_NONE, S, VINN_SALE_WEB, 0, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_STATED},
    {"stated letter over email", FACTS(C_NONE, L, VINN_SALE_WEB, 0, 1, 1, 0), VINN_OK, L,
     VINN_CHANNEL_BY_STATED},
    {"stated einvoice", FACTS(C_NONE, EI, VINN_SALE_POS, 0, 1, 1, 0), VINN_OK, EI,
     VINN_CHANNEL_BY_STATED},
    {"stated mailbox", FACTS(C_NONE, MB, VINN_SALE_NONE, 0, 1, 0, 0), VINN_OK, MB,
     VINN_CHANNEL_BY_STATED},
    {"stated email without address: falls through", FACTS(C_NONE, E, VINN_SALE_NONE, 0, 0, 1, 0),
     VINN_OK, S, VINN_CHANNEL_BY_PHONE},
    {"stated sms without phone: falls through", FACTS(C_NONE, S, VINN_SALE_NONE, 0, 1, 0, 0),
     VINN_OK, E, VINN_CHANNEL_BY_EMAIL},
    /* 3: the sale channel when nothing is stated */
    {"sale web", FACTS(C_NONE, C_NONE, VINN_SALE_WEB, 0, 1, 1, 0), VINN_OK, E,
     VINN_CHANNEL_BY_SALE},
    {"sale email", FACTS(C_NONE, C_NONE, VINN_SALE_EMAIL, 0, 1, 1, 0), VINN_OK, E,
     VINN_CHANNEL_BY_SALE},
    {"sale app", FACTS(C_NONE, C_NONE, VINN_SALE_APP, 0, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_SALE},
    {"sale sms", FACTS(C_NONE, C_NONE, VINN_SALE_SMS, 0, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_SALE},
    {"sale pos", FACTS(C_NONE, C_NONE, VINN_SALE_POS, 0, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_SALE},
    {"sale phone", FACTS(C_NONE, C_NONE, VINN_SALE_PHONE, 0, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_SALE},
    {"sale einvoice", FACTS(C_NONE, C_NONE, VINN_SALE_EINVOICE, 0, 1, 1, 0), VINN_OK, EI,
     VINN_CHANNEL_BY_SALE},
    {"sale mail", FACTS(C_NONE, C_NONE, VINN_SALE_MAIL, 0, 1, 1, 0), VINN_OK, L,
     VINN_CHANNEL_BY_SALE},
    {"sale pos without phone: e-mail", FACTS(C_NONE, C_NONE, VINN_SALE_POS, 0, 1, 0, 0), VINN_OK,
     E, VINN_CHANNEL_BY_EMAIL},
    {"sale web without address: phone", FACTS(C_NONE, C_NONE, VINN_SALE_WEB, 0, 0, 1, 0), VINN_OK,
     S, VINN_CHANNEL_BY_PHONE},
    /* 1: the step's channel overrides */
    {"step letter over stated email", FACTS(L, E, VINN_SALE_WEB, 0, 1, 1, 0), VINN_OK, L,
     VINN_CHANNEL_BY_STEP},
    {"step sms", FACTS(S, E, VINN_SALE_NONE, 0, 1, 1, 0), VINN_OK, S, VINN_CHANNEL_BY_STEP},
    {"step email without address: the customer's own", FACTS(E, C_NONE, VINN_SALE_NONE, 0, 0, 1, 0),
     VINN_OK, S, VINN_CHANNEL_BY_PHONE},
    {"step einvoice of a company", FACTS(EI, C_NONE, VINN_SALE_NONE, 0, 1, 0, 1), VINN_OK, EI,
     VINN_CHANNEL_BY_STEP},
    {"step einvoice without address: e-mail", FACTS(EI, C_NONE, VINN_SALE_NONE, 0, 1, 0, 0),
     VINN_OK, E, VINN_CHANNEL_BY_EMAIL},
    {"step mailbox not stated: e-mail", FACTS(MB, C_NONE, VINN_SALE_NONE, 0, 1, 0, 0), VINN_OK, E,
     VINN_CHANNEL_BY_EMAIL},
    /* never paper: e-invoice */
    {"on einvoice, step letter: einvoice", FACTS(L, EI, VINN_SALE_NONE, 0, 0, 0, 0), VINN_OK, EI,
     VINN_CHANNEL_BY_STATED},
    {"on einvoice, sale mail: einvoice", FACTS(C_NONE, EI, VINN_SALE_MAIL, 0, 0, 0, 0), VINN_OK, EI,
     VINN_CHANNEL_BY_STATED},
    /* never paper: direct debit */
    {"direct debit, step letter: e-mail", FACTS(L, C_NONE, VINN_SALE_NONE, 1, 1, 1, 0), VINN_OK, E,
     VINN_CHANNEL_BY_EMAIL},
    {"direct debit, stated letter: phone", FACTS(C_NONE, L, VINN_SALE_NONE, 1, 0, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_PHONE},
    {"direct debit, sale mail: e-mail", FACTS(C_NONE, C_NONE, VINN_SALE_MAIL, 1, 1, 0, 0), VINN_OK,
     E, VINN_CHANNEL_BY_EMAIL},
    {"direct debit, nothing but org no: einvoice",
     FACTS(L, C_NONE, VINN_SALE_MAIL, 1, 0, 0, 1), VINN_OK, EI, VINN_CHANNEL_BY_NO_PAPER},
    {"direct debit, sale einvoice: einvoice", FACTS(L, C_NONE, VINN_SALE_EINVOICE, 1, 0, 0, 0),
     VINN_OK, EI, VINN_CHANNEL_BY_SALE},
    {"direct debit, step sms with phone", FACTS(S, C_NONE, VINN_SALE_NONE, 1, 1, 1, 0), VINN_OK, S,
     VINN_CHANNEL_BY_STEP},
    {"direct debit and nothing reaches her: fails, no letter",
     FACTS(L, L, VINN_SALE_MAIL, 1, 0, 0, 0), VINN_E_CHANNEL_NONE, C_NONE, VINN_CHANNEL_BY_STEP},
    {"direct debit and nothing at all: fails", FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 1, 0, 0, 0),
     VINN_E_CHANNEL_NONE, C_NONE, VINN_CHANNEL_BY_STEP},
};

static void test_choose(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(choose_cases) / sizeof(choose_cases[0]); i++) {
        const struct choose_case *c = &choose_cases[i];
        /* On failure the outputs keep these sentinels. */
        enum vinn_channel ch = VINN_CHANNEL_CUSTOMER;
        enum vinn_channel_reason why = VINN_CHANNEL_BY_STEP;
        struct vinn_error e;
        vinn_error_clear(&e);
        vinn_err rc = vinn_channel_choose(&c->facts, &ch, &why, &e);
        if (rc != c->rc || ch != c->channel || why != c->reason) {
            fail_msg("%s: got %d %s %d, wanted %d %s %d", c->name, rc, vinn_channel_name(ch),
                     why, c->rc, vinn_channel_name(c->channel), c->reason);
        }
        /* Never paper, whatever else the case says. */
        if (vinn_channel_no_paper(&c->facts)) {
            assert_int_not_equal(ch, VINN_CHANNEL_LETTER);
        }
        if (rc != VINN_OK) {
            assert_string_equal(e.field, "channel");
            assert_non_null(strstr(e.message, "direct debit gets no paper"));
        }
    }
}

static void test_choose_reason_optional(void **state)
{
    (void)state;
    struct vinn_channel_facts f = FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 0, 0, 1, 0);
    enum vinn_channel ch = VINN_CHANNEL_CUSTOMER;
    assert_int_equal(vinn_channel_choose(&f, &ch, NULL, NULL), VINN_OK);
    assert_int_equal(ch, VINN_CHANNEL_SMS);
    f.direct_debit = true;
    f.has_phone = false;
    assert_int_equal(vinn_channel_choose(&f, &ch, NULL, NULL), VINN_E_CHANNEL_NONE);
    assert_int_equal(ch, VINN_CHANNEL_SMS); /* unchanged */
}

/* Every combination of the facts: never a letter to a customer who takes
 * no paper, always a channel to one who does. */
static void test_never_paper_exhaustive(void **state)
{
    (void)state;
    long checked = 0;
    for (int step = 0; step <= MB; step++) {
        for (int stated = 0; stated <= MB; stated++) {
            for (int sale = 0; sale < VINN_SALE_COUNT; sale++) {
                for (unsigned bits = 0; bits < 16; bits++) {
                    struct vinn_channel_facts f = FACTS(step, stated, (enum vinn_sale_channel)sale,
                                                        bits & 1, (bits >> 1) & 1,
                                                        (bits >> 2) & 1, (bits >> 3) & 1);
                    enum vinn_channel ch = VINN_CHANNEL_CUSTOMER;
                    vinn_err rc = vinn_channel_choose(&f, &ch, NULL, NULL);
                    bool no_paper = f.direct_debit || stated == EI;
                    assert_int_equal(vinn_channel_no_paper(&f), no_paper);
                    if (!no_paper) {
                        assert_int_equal(rc, VINN_OK);
                    }
                    if (rc == VINN_OK) {
                        assert_int_not_equal(ch, VINN_CHANNEL_CUSTOMER);
                        assert_false(no_paper && ch == VINN_CHANNEL_LETTER);
                        assert_false(ch == VINN_CHANNEL_EMAIL && !f.has_email);
                        assert_false(ch == VINN_CHANNEL_SMS && !f.has_phone);
                    } else {
                        assert_int_equal(rc, VINN_E_CHANNEL_NONE);
                        assert_true(f.direct_debit && !f.has_email && !f.has_phone &&
                                    !f.has_einvoice_address && sale != VINN_SALE_EINVOICE);
                    }
                    checked++;
                }
            }
        }
    }
    assert_int_equal(checked, 6 * 6 * VINN_SALE_COUNT * 16);
}

static void test_sale_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum vinn_sale_channel sale;
        enum vinn_channel message;
    } cases[] = {
        {"", VINN_SALE_NONE, VINN_CHANNEL_CUSTOMER},
        {"web", VINN_SALE_WEB, VINN_CHANNEL_EMAIL},
        {"email", VINN_SALE_EMAIL, VINN_CHANNEL_EMAIL},
        {"app", VINN_SALE_APP, VINN_CHANNEL_SMS},
        {"sms", VINN_SALE_SMS, VINN_CHANNEL_SMS},
        {"pos", VINN_SALE_POS, VINN_CHANNEL_SMS},
        {"phone", VINN_SALE_PHONE, VINN_CHANNEL_SMS},
        {"einvoice", VINN_SALE_EINVOICE, VINN_CHANNEL_EINVOICE},
        {"mail", VINN_SALE_MAIL, VINN_CHANNEL_LETTER},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum vinn_sale_channel s = VINN_SALE_COUNT;
        assert_int_equal(vinn_sale_channel_parse(cases[i].name, "sale_channel", &s, NULL),
                         VINN_OK);
        assert_int_equal(s, cases[i].sale);
        assert_string_equal(vinn_sale_channel_name(s), cases[i].name);
        assert_int_equal(vinn_sale_channel_message(s), cases[i].message);
    }
    enum vinn_sale_channel s = VINN_SALE_WEB;
    assert_int_equal(vinn_sale_channel_parse(NULL, "sale_channel", &s, NULL), VINN_OK);
    assert_int_equal(s, VINN_SALE_NONE);
    struct vinn_error e;
    vinn_error_clear(&e);
    s = VINN_SALE_WEB;
    assert_int_equal(vinn_sale_channel_parse("Web", "sale_channel", &s, &e), VINN_E_UNKNOWN_VALUE);
    assert_int_equal(s, VINN_SALE_WEB);
    assert_string_equal(e.field, "sale_channel");
    assert_string_equal(e.message, "sale_channel 'Web' must be one of web, email, app, sms, pos, "
                                   "phone, einvoice, mail");
    assert_string_equal(vinn_sale_channel_name(VINN_SALE_COUNT), "unknown");
    assert_int_equal(vinn_sale_channel_message(VINN_SALE_COUNT), VINN_CHANNEL_CUSTOMER);
}

static void test_stated_parse(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        vinn_err rc;
        enum vinn_channel ch;
    } cases[] = {
        {"", VINN_OK, VINN_CHANNEL_CUSTOMER},
        {"email", VINN_OK, VINN_CHANNEL_EMAIL},
        {"sms", VINN_OK, VINN_CHANNEL_SMS},
        {"letter", VINN_OK, VINN_CHANNEL_LETTER},
        {"einvoice", VINN_OK, VINN_CHANNEL_EINVOICE},
        {"mailbox", VINN_OK, VINN_CHANNEL_MAILBOX},
        {"customer", VINN_E_UNKNOWN_VALUE, VINN_CHANNEL_MAILBOX},
        {"fax", VINN_E_UNKNOWN_VALUE, VINN_CHANNEL_MAILBOX},
        {"EMAIL", VINN_E_UNKNOWN_VALUE, VINN_CHANNEL_MAILBOX},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum vinn_channel ch = VINN_CHANNEL_MAILBOX;
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_channel_stated_parse(cases[i].name, "channel", &ch, &e),
                         cases[i].rc);
        if (cases[i].rc == VINN_OK) {
            assert_int_equal(ch, cases[i].ch);
        } else {
            assert_int_equal(ch, VINN_CHANNEL_MAILBOX);
            assert_string_equal(e.field, "channel");
            assert_non_null(strstr(e.message, "must be one of email, sms, letter, einvoice, "
                                              "mailbox"));
        }
    }
    enum vinn_channel ch = VINN_CHANNEL_SMS;
    assert_int_equal(vinn_channel_stated_parse(NULL, "channel", &ch, NULL), VINN_OK);
    assert_int_equal(ch, VINN_CHANNEL_CUSTOMER);
}

static void test_stated_check(void **state)
{
    (void)state;
    static const struct {
        struct vinn_channel_facts facts;
        vinn_err rc;
        const char *message;
    } cases[] = {
        {FACTS(C_NONE, C_NONE, VINN_SALE_NONE, 1, 0, 0, 0), VINN_OK, NULL},
        {FACTS(C_NONE, E, VINN_SALE_NONE, 0, 1, 0, 0), VINN_OK, NULL},
        {FACTS(C_NONE, E, VINN_SALE_NONE, 0, 0, 1, 0), VINN_E_CHANNEL_NEEDS_ADDRESS,
         "channel 'email' needs the customer's e-mail address"},
        {FACTS(C_NONE, S, VINN_SALE_NONE, 0, 0, 1, 0), VINN_OK, NULL},
        {FACTS(C_NONE, S, VINN_SALE_NONE, 0, 1, 0, 0), VINN_E_CHANNEL_NEEDS_ADDRESS,
         "channel 'sms' needs the customer's phone number"},
        {FACTS(C_NONE, L, VINN_SALE_NONE, 0, 0, 0, 0), VINN_OK, NULL},
        {FACTS(C_NONE, L, VINN_SALE_NONE, 1, 1, 1, 0), VINN_E_CHANNEL_PAPER_REFUSED,
         "channel 'letter' is not for a customer on direct debit: she gets no paper"},
        {FACTS(C_NONE, EI, VINN_SALE_NONE, 1, 0, 0, 0), VINN_OK, NULL},
        {FACTS(C_NONE, MB, VINN_SALE_NONE, 1, 0, 0, 0), VINN_OK, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_channel_stated_check(&cases[i].facts, &e), cases[i].rc);
        if (cases[i].message != NULL) {
            assert_string_equal(e.field, "channel");
            assert_string_equal(e.message, cases[i].message);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose),
        cmocka_unit_test(test_choose_reason_optional),
        cmocka_unit_test(test_never_paper_exhaustive),
        cmocka_unit_test(test_sale_names),
        cmocka_unit_test(test_stated_parse),
        cmocka_unit_test(test_stated_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
