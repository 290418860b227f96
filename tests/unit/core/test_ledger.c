/* Tests of core/ledger: balanced transactions, builders, invoice deltas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/ledger.h"

static void test_invoice_txn(void **state)
{
    (void)state;
    struct vinn_txn t;
    vinn_txn_init(&t, "NOK");
    assert_int_equal(vinn_ledger_invoice(&t, 7, 42, 137400, 34350, NULL), VINN_OK);
    assert_int_equal(t.postings_count, 3);
    assert_int_equal(t.postings[0].kind, VINN_ACCOUNT_PRINCIPAL);
    assert_int_equal(t.postings[0].amount_minor, 171750);
    assert_int_equal(t.postings[0].customer_id, 7);
    assert_int_equal(t.postings[1].kind, VINN_ACCOUNT_REVENUE);
    assert_int_equal(t.postings[1].amount_minor, -137400);
    assert_int_equal(t.postings[1].customer_id, 0);
    assert_int_equal(t.postings[2].amount_minor, -34350);
    assert_int_equal(vinn_txn_invoice_delta(&t, 42), 171750);
    assert_int_equal(vinn_txn_invoice_delta(&t, 43), 0);
    /* zero VAT: no VAT posting */
    assert_int_equal(vinn_ledger_invoice(&t, 7, 42, 1000, 0, NULL), VINN_OK);
    assert_int_equal(t.postings_count, 2);
}

static void test_invoice_txn_errors(void **state)
{
    (void)state;
    struct vinn_txn t;
    vinn_txn_init(&t, "NOK");
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_ledger_invoice(&t, 1, 1, 0, 0, &e), VINN_E_AMOUNT_MUST_BE_POSITIVE);
    assert_int_equal(t.postings_count, 0);
    assert_int_equal(vinn_ledger_invoice(&t, 1, 1, 100, -1, NULL),
                     VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE);
    assert_int_equal(vinn_ledger_invoice(&t, 1, 1, INT64_MAX, 1, NULL), VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(vinn_ledger_invoice(&t, 1, 1, INT64_MIN, INT64_MAX, NULL),
                     VINN_E_AMOUNT_MUST_BE_POSITIVE);
}

static void test_credit_txn(void **state)
{
    (void)state;
    struct vinn_txn t;
    vinn_txn_init(&t, "SEK");
    /* credit within what is outstanding: all off the receivable */
    assert_int_equal(vinn_ledger_credit(&t, 3, 9, 40000, 10000, 171750, NULL), VINN_OK);
    assert_int_equal(vinn_txn_invoice_delta(&t, 9), -50000);
    assert_int_equal(t.postings_count, 3);
    /* credit of a paid invoice: all to the customer's credit balance */
    assert_int_equal(vinn_ledger_credit(&t, 3, 9, 40000, 10000, 0, NULL), VINN_OK);
    assert_int_equal(vinn_txn_invoice_delta(&t, 9), 0);
    assert_int_equal(t.postings[t.postings_count - 1].kind, VINN_ACCOUNT_CREDIT);
    assert_int_equal(t.postings[t.postings_count - 1].amount_minor, -50000);
    /* part paid: the rest of the receivable, then credit balance */
    assert_int_equal(vinn_ledger_credit(&t, 3, 9, 40000, 10000, 20000, NULL), VINN_OK);
    assert_int_equal(vinn_txn_invoice_delta(&t, 9), -20000);
    assert_int_equal(t.postings[3].amount_minor, -30000);
    assert_int_equal(vinn_txn_check(&t, NULL), VINN_OK);
}

static void test_check(void **state)
{
    (void)state;
    struct vinn_txn t;
    vinn_txn_init(&t, "EUR");
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_txn_check(&t, &e), VINN_E_TXN_EMPTY);
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_CASH, 0, 0, 100), VINN_OK);
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_UNMATCHED, 0, 0, 0), VINN_OK); /* no-op */
    assert_int_equal(t.postings_count, 1);
    vinn_error_clear(&e);
    assert_int_equal(vinn_txn_check(&t, &e), VINN_E_TXN_UNBALANCED);
    assert_string_equal(e.message, "transaction does not balance: postings sum to 100");
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_PRINCIPAL, 0, 0, -100), VINN_OK);
    vinn_error_clear(&e);
    assert_int_equal(vinn_txn_check(&t, &e), VINN_E_ACCOUNT_KIND_UNKNOWN);
    assert_string_equal(e.message, "posting 1: account 'principal' needs a customer");
    t.postings[1].customer_id = 5;
    assert_int_equal(vinn_txn_check(&t, NULL), VINN_OK);
    t.postings[0].customer_id = 5;
    assert_int_equal(vinn_txn_check(&t, NULL), VINN_E_ACCOUNT_KIND_UNKNOWN);
    t.postings[0].customer_id = 0;
    t.postings[0].kind = (enum vinn_account_kind)99;
    assert_int_equal(vinn_txn_check(&t, NULL), VINN_E_ACCOUNT_KIND_UNKNOWN);
    /* overflow in the sum */
    vinn_txn_init(&t, "EUR");
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_CASH, 0, 0, INT64_MAX), VINN_OK);
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_REVENUE, 0, 0, 1), VINN_OK);
    assert_int_equal(vinn_txn_check(&t, NULL), VINN_E_AMOUNT_OVERFLOW);
}

static void test_full_and_names(void **state)
{
    (void)state;
    struct vinn_txn t;
    vinn_txn_init(&t, "DKK");
    for (int i = 0; i < VINN_TXN_POSTINGS_MAX; i++) {
        assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_CASH, 0, 0, 1), VINN_OK);
    }
    assert_int_equal(vinn_txn_add(&t, VINN_ACCOUNT_CASH, 0, 0, 1), VINN_E_TXN_TOO_MANY_POSTINGS);
    assert_int_equal(t.postings_count, VINN_TXN_POSTINGS_MAX);
    enum vinn_account_kind k;
    assert_int_equal(vinn_account_kind_parse("interest_income", &k, NULL), VINN_OK);
    assert_int_equal(k, VINN_ACCOUNT_INTEREST_INCOME);
    assert_int_equal(vinn_account_kind_parse("bogus", &k, NULL), VINN_E_ACCOUNT_KIND_UNKNOWN);
    assert_string_equal(vinn_account_kind_name(VINN_ACCOUNT_FEES), "fees");
    assert_null(vinn_account_kind_name((enum vinn_account_kind)0));
    assert_true(vinn_account_kind_is_receivable(VINN_ACCOUNT_INTEREST));
    assert_false(vinn_account_kind_is_receivable(VINN_ACCOUNT_CREDIT));
    assert_true(vinn_account_kind_is_customer(VINN_ACCOUNT_CREDIT));
    assert_false(vinn_account_kind_is_customer(VINN_ACCOUNT_VAT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invoice_txn), cmocka_unit_test(test_invoice_txn_errors),
        cmocka_unit_test(test_credit_txn),  cmocka_unit_test(test_check),
        cmocka_unit_test(test_full_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
