/* Tests of core/alloc: spreading a payment over fees, interest and
 * principal of one customer's invoices, oldest due first; the order of the
 * parts parsed and formatted; errors leaving the output unchanged; and a
 * seeded invariant loop over random ledgers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "core/alloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define F VINN_PART_FEES
#define I VINN_PART_INTEREST
#define P VINN_PART_PRINCIPAL

/* xorshift64: a seeded generator, so every run checks the same cases. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* ---- order --------------------------------------------------------------- */

static void test_part_names(void **state)
{
    (void)state;
    assert_string_equal(vinn_alloc_part_name(VINN_PART_FEES), "fees");
    assert_string_equal(vinn_alloc_part_name(VINN_PART_INTEREST), "interest");
    assert_string_equal(vinn_alloc_part_name(VINN_PART_PRINCIPAL), "principal");
}

static void test_order_default(void **state)
{
    (void)state;
    struct vinn_alloc_order order = vinn_alloc_order_default();
    assert_int_equal(order.parts[0], VINN_PART_FEES);
    assert_int_equal(order.parts[1], VINN_PART_INTEREST);
    assert_int_equal(order.parts[2], VINN_PART_PRINCIPAL);
    char text[32];
    vinn_alloc_order_format(&order, text, sizeof(text));
    assert_string_equal(text, "fees,interest,principal");
}

static void test_order_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum vinn_alloc_part parts[VINN_PARTS_COUNT];
        const char *formatted;
    } cases[] = {
        {"fees,interest,principal", {F, I, P}, "fees,interest,principal"},
        {"principal,interest,fees", {P, I, F}, "principal,interest,fees"},
        {"interest,fees,principal", {I, F, P}, "interest,fees,principal"},
        {"interest,principal,fees", {I, P, F}, "interest,principal,fees"},
        {"fees,principal,interest", {F, P, I}, "fees,principal,interest"},
        {"principal,fees,interest", {P, F, I}, "principal,fees,interest"},
        {" principal , interest,fees ", {P, I, F}, "principal,interest,fees"},
        {"\tfees,\tinterest ,principal\t", {F, I, P}, "fees,interest,principal"},
    };
    for (size_t c = 0; c < COUNT(cases); c++) {
        struct vinn_alloc_order order = {{P, P, P}};
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_alloc_order_parse(cases[c].text, &order, &e), VINN_OK);
        assert_int_equal(e.code, VINN_OK);
        assert_memory_equal(order.parts, cases[c].parts, sizeof(order.parts));
        char text[32];
        vinn_alloc_order_format(&order, text, sizeof(text));
        assert_string_equal(text, cases[c].formatted);
        /* Round trip: the formatted text parses back to the same order. */
        struct vinn_alloc_order again;
        assert_int_equal(vinn_alloc_order_parse(text, &again, NULL), VINN_OK);
        assert_memory_equal(again.parts, order.parts, sizeof(order.parts));
    }
}

static void test_order_parse_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "fees,fees,principal",
        "fees,interest",
        "",
        "x",
        " ",
        ",,",
        "fees,,interest,principal",
        "fees,interest,principal,",
        "fees,interest,principal,fees",
        "Fees,interest,principal",
        "fees;interest;principal",
        "fees interest principal",
        "fee,interest,principal",
        "fees,interest,principals",
        "fees,interest,principal\x01",
        "principal,principal,principal",
    };
    for (size_t c = 0; c < COUNT(bad); c++) {
        struct vinn_alloc_order order = {{P, I, F}};
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_alloc_order_parse(bad[c], &order, &e), VINN_E_ALLOC_ORDER);
        assert_int_equal(e.code, VINN_E_ALLOC_ORDER);
        assert_string_equal(e.field, "allocation_order");
        /* Unchanged on failure. */
        assert_int_equal(order.parts[0], P);
        assert_int_equal(order.parts[1], I);
        assert_int_equal(order.parts[2], F);
    }
    struct vinn_alloc_order order = vinn_alloc_order_default();
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_alloc_order_parse(NULL, &order, &e), VINN_E_ALLOC_ORDER);
    assert_int_equal(vinn_alloc_order_parse(NULL, &order, NULL), VINN_E_ALLOC_ORDER);
    vinn_error_clear(&e);
    assert_int_equal(vinn_alloc_order_parse("fees,x", &order, &e), VINN_E_ALLOC_ORDER);
    assert_string_equal(e.message, "allocation order 'fees,x' must name fees, interest and "
                                   "principal once each, separated by commas");
}

/* ---- one invoice ------------------------------------------------------- */

struct paid_case {
    int64_t amount;
    int64_t paid[VINN_PARTS_COUNT]; /* fees, interest, principal */
    int64_t remainder;
};

/* One invoice owing fees 7000, interest 1234, principal 100000. */
static void run_one_invoice(const struct vinn_alloc_order *order, const struct paid_case *cases,
                            size_t count)
{
    const struct vinn_alloc_invoice invoice = {
        .invoice_id = 42, .due_date = 19000, .owed = {7000, 1234, 100000}};
    for (size_t c = 0; c < count; c++) {
        struct vinn_alloc_result r;
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_alloc_payment(cases[c].amount, &invoice, 1, order, &r, &e), VINN_OK);
        int64_t total = cases[c].paid[F] + cases[c].paid[I] + cases[c].paid[P];
        assert_int_equal(r.items_count, total > 0 ? 1 : 0);
        if (total > 0) {
            assert_int_equal(r.items[0].invoice_id, 42);
            assert_memory_equal(r.items[0].paid, cases[c].paid, sizeof(cases[c].paid));
            assert_int_equal(r.items[0].paid_total, total);
        }
        assert_int_equal(r.remainder, cases[c].remainder);
    }
}

static void test_default_order(void **state)
{
    (void)state;
    static const struct paid_case cases[] = {
        {0, {0, 0, 0}, 0},
        {1, {1, 0, 0}, 0},
        {5000, {5000, 0, 0}, 0},           /* stops inside fees */
        {7000, {7000, 0, 0}, 0},           /* fees exactly */
        {8000, {7000, 1000, 0}, 0},        /* stops inside interest */
        {8234, {7000, 1234, 0}, 0},        /* fees and interest exactly */
        {50000, {7000, 1234, 41766}, 0},   /* stops inside principal */
        {108233, {7000, 1234, 99999}, 0},  /* one øre short */
        {108234, {7000, 1234, 100000}, 0}, /* all of it */
        {108235, {7000, 1234, 100000}, 1}, /* one øre over */
        {120000, {7000, 1234, 100000}, 11766},
        {INT64_MAX, {7000, 1234, 100000}, INT64_MAX - 108234},
    };
    struct vinn_alloc_order order = vinn_alloc_order_default();
    run_one_invoice(&order, cases, COUNT(cases));
}

static void test_custom_order(void **state)
{
    (void)state;
    static const struct paid_case principal_first[] = {
        {0, {0, 0, 0}, 0},
        {50000, {0, 0, 50000}, 0},         /* stops inside principal */
        {100500, {0, 500, 100000}, 0},     /* stops inside interest */
        {105000, {3766, 1234, 100000}, 0}, /* stops inside fees */
        {108234, {7000, 1234, 100000}, 0},
        {108300, {7000, 1234, 100000}, 66},
    };
    struct vinn_alloc_order order;
    assert_int_equal(vinn_alloc_order_parse("principal,interest,fees", &order, NULL), VINN_OK);
    run_one_invoice(&order, principal_first, COUNT(principal_first));

    static const struct paid_case interest_first[] = {
        {1000, {0, 1000, 0}, 0},
        {2000, {766, 1234, 0}, 0},
        {9000, {7000, 1234, 766}, 0},
    };
    assert_int_equal(vinn_alloc_order_parse("interest,fees,principal", &order, NULL), VINN_OK);
    run_one_invoice(&order, interest_first, COUNT(interest_first));
}

/* ---- several invoices -------------------------------------------------- */

static void test_oldest_due_first(void **state)
{
    (void)state;
    /* Given in no order; paid by due date, ties by the lower id: 10, 20, 30, 5.
     * Invoice 25 owes nothing and receives nothing. */
    const struct vinn_alloc_invoice invoices[] = {
        {.invoice_id = 30, .due_date = 200, .owed = {0, 0, 1000}},
        {.invoice_id = 5, .due_date = 300, .owed = {10, 20, 30}},
        {.invoice_id = 10, .due_date = 100, .owed = {100, 0, 500}},
        {.invoice_id = 25, .due_date = 200, .owed = {0, 0, 0}},
        {.invoice_id = 20, .due_date = 200, .owed = {0, 50, 1000}},
    };
    static const struct {
        int64_t amount;
        uint32_t items_count;
        struct vinn_alloc_item items[4];
        int64_t remainder;
    } cases[] = {
        {0, 0, {{0}}, 0},
        {550, 1, {{10, {100, 0, 450}, 550}}, 0},
        {600, 1, {{10, {100, 0, 500}, 600}}, 0},
        {601, 2, {{10, {100, 0, 500}, 600}, {20, {0, 1, 0}, 1}}, 0},
        {2000, 3, {{10, {100, 0, 500}, 600}, {20, {0, 50, 1000}, 1050}, {30, {0, 0, 350}, 350}}, 0},
        {2665,
         4,
         {{10, {100, 0, 500}, 600},
          {20, {0, 50, 1000}, 1050},
          {30, {0, 0, 1000}, 1000},
          {5, {10, 5, 0}, 15}},
         0},
        {2710,
         4,
         {{10, {100, 0, 500}, 600},
          {20, {0, 50, 1000}, 1050},
          {30, {0, 0, 1000}, 1000},
          {5, {10, 20, 30}, 60}},
         0},
        {5000,
         4,
         {{10, {100, 0, 500}, 600},
          {20, {0, 50, 1000}, 1050},
          {30, {0, 0, 1000}, 1000},
          {5, {10, 20, 30}, 60}},
         2290},
    };
    struct vinn_alloc_order order = vinn_alloc_order_default();
    for (size_t c = 0; c < COUNT(cases); c++) {
        struct vinn_alloc_result r;
        assert_int_equal(
            vinn_alloc_payment(cases[c].amount, invoices, COUNT(invoices), &order, &r, NULL),
            VINN_OK);
        assert_int_equal(r.items_count, cases[c].items_count);
        for (uint32_t k = 0; k < r.items_count; k++) {
            assert_int_equal(r.items[k].invoice_id, cases[c].items[k].invoice_id);
            assert_memory_equal(r.items[k].paid, cases[c].items[k].paid, sizeof(r.items[k].paid));
            assert_int_equal(r.items[k].paid_total, cases[c].items[k].paid_total);
        }
        assert_int_equal(r.remainder, cases[c].remainder);
    }
}

static void test_no_invoices(void **state)
{
    (void)state;
    const struct vinn_alloc_order order = vinn_alloc_order_default();
    struct vinn_alloc_result r;
    memset(&r, 0x5a, sizeof(r));
    assert_int_equal(vinn_alloc_payment(12345, NULL, 0, &order, &r, NULL), VINN_OK);
    assert_int_equal(r.items_count, 0);
    assert_int_equal(r.remainder, 12345);
    assert_int_equal(vinn_alloc_payment(0, NULL, 0, &order, &r, NULL), VINN_OK);
    assert_int_equal(r.items_count, 0);
    assert_int_equal(r.remainder, 0);
}

static void test_sixty_four_invoices(void **state)
{
    (void)state;
    const struct vinn_alloc_order order = vinn_alloc_order_default();
    struct vinn_alloc_invoice invoices[VINN_ALLOC_INVOICES_MAX];
    for (uint32_t i = 0; i < VINN_ALLOC_INVOICES_MAX; i++) {
        /* Due dates run backwards, so the last given is paid first. */
        invoices[i] = (struct vinn_alloc_invoice){
            .invoice_id = (int64_t)i + 1, .due_date = 1000 - (vinn_day)i, .owed = {1, 2, 3}};
    }
    struct vinn_alloc_result r;
    assert_int_equal(vinn_alloc_payment(6 * 64 + 7, invoices, 64, &order, &r, NULL), VINN_OK);
    assert_int_equal(r.items_count, 64);
    assert_int_equal(r.items[0].invoice_id, 64);
    assert_int_equal(r.items[63].invoice_id, 1);
    assert_int_equal(r.remainder, 7);
    assert_int_equal(vinn_alloc_payment(6 * 10 + 4, invoices, 64, &order, &r, NULL), VINN_OK);
    assert_int_equal(r.items_count, 11);
    assert_int_equal(r.items[10].invoice_id, 54);
    assert_int_equal(r.items[10].paid[F], 1);
    assert_int_equal(r.items[10].paid[I], 2);
    assert_int_equal(r.items[10].paid[P], 1);
    assert_int_equal(r.remainder, 0);
}

/* ---- errors ------------------------------------------------------------ */

static void expect_error(int64_t amount, const struct vinn_alloc_invoice *invoices, uint32_t n,
                         vinn_err code, const char *field)
{
    const struct vinn_alloc_order order = vinn_alloc_order_default();
    struct vinn_alloc_result r;
    memset(&r, 0x5a, sizeof(r));
    struct vinn_alloc_result before;
    memcpy(&before, &r, sizeof(r));
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_alloc_payment(amount, invoices, n, &order, &r, &e), code);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    assert_memory_equal(&r, &before, sizeof(r)); /* unchanged on failure */
    assert_int_equal(vinn_alloc_payment(amount, invoices, n, &order, &r, NULL), code);
}

static void test_errors(void **state)
{
    (void)state;
    const struct vinn_alloc_order order = vinn_alloc_order_default();
    struct vinn_alloc_invoice invoices[VINN_ALLOC_INVOICES_MAX + 1];
    for (uint32_t i = 0; i < COUNT(invoices); i++) {
        invoices[i] = (struct vinn_alloc_invoice){
            .invoice_id = (int64_t)i, .due_date = 0, .owed = {0, 0, 100}};
    }
    expect_error(-1, invoices, 1, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount");
    expect_error(INT64_MIN, invoices, 1, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount");
    expect_error(100, invoices, VINN_ALLOC_INVOICES_MAX + 1, VINN_E_ALLOC_TOO_MANY_INVOICES,
                 "invoices");
    expect_error(100, invoices, UINT32_MAX, VINN_E_ALLOC_TOO_MANY_INVOICES, "invoices");

    invoices[2].owed[I] = -1;
    expect_error(100, invoices, 3, VINN_E_ALLOC_OWED_NEGATIVE, "invoices[2].owed");
    invoices[2].owed[I] = 0;
    invoices[0].owed[F] = INT64_MIN;
    expect_error(100, invoices, 1, VINN_E_ALLOC_OWED_NEGATIVE, "invoices[0].owed");
    invoices[0].owed[F] = 0;

    /* The sum owed overflows, within one invoice and across two. */
    struct vinn_alloc_invoice big[2] = {
        {.invoice_id = 1, .due_date = 0, .owed = {1, 0, INT64_MAX}},
        {.invoice_id = 2, .due_date = 0, .owed = {0, 0, INT64_MAX}},
    };
    expect_error(100, big, 1, VINN_E_AMOUNT_OVERFLOW, "invoices");
    big[0].owed[F] = 0;
    expect_error(100, big, 2, VINN_E_AMOUNT_OVERFLOW, "invoices");

    /* The edge that fits: everything owed is INT64_MAX. */
    big[1].owed[P] = 0;
    struct vinn_alloc_result r;
    assert_int_equal(vinn_alloc_payment(INT64_MAX, big, 2, &order, &r, NULL), VINN_OK);
    assert_int_equal(r.items_count, 1);
    assert_int_equal(r.items[0].paid[P], INT64_MAX);
    assert_int_equal(r.remainder, 0);

    /* The first error wins: negative amount before too many invoices. */
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_alloc_payment(-5, invoices, 65, &order, &r, &e),
                     VINN_E_AMOUNT_MUST_BE_POSITIVE);
    assert_string_equal(e.message, "payment amount -5 is negative");
}

/* ---- invariants -------------------------------------------------------- */

static bool goes_first(const struct vinn_alloc_invoice *a, const struct vinn_alloc_invoice *b)
{
    return a->due_date != b->due_date ? a->due_date < b->due_date : a->invoice_id < b->invoice_id;
}

static const struct vinn_alloc_invoice *find(const struct vinn_alloc_invoice *invoices, uint32_t n,
                                             int64_t id)
{
    for (uint32_t i = 0; i < n; i++) {
        if (invoices[i].invoice_id == id) {
            return &invoices[i];
        }
    }
    fail_msg("invoice %lld was not given", (long long)id);
    return NULL;
}

static int64_t owed_total(const struct vinn_alloc_invoice *inv)
{
    return inv->owed[F] + inv->owed[I] + inv->owed[P];
}

/* Check one result against the rules of alloc.h without re-deriving it. */
static void check_result(int64_t amount, const struct vinn_alloc_invoice *invoices, uint32_t n,
                         const struct vinn_alloc_order *order, const struct vinn_alloc_result *r)
{
    int64_t sum = r->remainder;
    assert_true(r->remainder >= 0);
    for (uint32_t k = 0; k < r->items_count; k++) {
        const struct vinn_alloc_invoice *inv = find(invoices, n, r->items[k].invoice_id);
        int64_t total = 0;
        bool short_part = false;
        for (int j = 0; j < VINN_PARTS_COUNT; j++) {
            enum vinn_alloc_part part = order->parts[j];
            int64_t paid = r->items[k].paid[part];
            assert_true(paid >= 0);
            assert_true(paid <= inv->owed[part]);
            /* The parts order: nothing after a part that is not fully paid. */
            assert_true(!short_part || paid == 0);
            short_part = short_part || paid < inv->owed[part];
            total += paid;
        }
        assert_true(total > 0);
        assert_int_equal(total, r->items[k].paid_total);
        /* Every item but the last is fully paid. */
        if (k + 1 < r->items_count) {
            assert_int_equal(total, owed_total(inv));
        }
        if (k > 0) {
            assert_true(goes_first(find(invoices, n, r->items[k - 1].invoice_id), inv));
        }
        sum += total;
    }
    assert_int_equal(sum, amount);
    /* Invoices that got nothing owe nothing, or come after the last item,
     * which then took the whole payment. */
    for (uint32_t i = 0; i < n; i++) {
        bool is_item = false;
        for (uint32_t k = 0; k < r->items_count; k++) {
            is_item = is_item || r->items[k].invoice_id == invoices[i].invoice_id;
        }
        if (is_item || owed_total(&invoices[i]) == 0) {
            continue;
        }
        assert_int_equal(r->remainder, 0);
        if (r->items_count > 0) {
            const struct vinn_alloc_invoice *last =
                find(invoices, n, r->items[r->items_count - 1].invoice_id);
            assert_true(goes_first(last, &invoices[i]));
        }
    }
}

static void test_random_invariants(void **state)
{
    (void)state;
    uint64_t seed = 0x76696e6e2d616c6cu; /* "vinn-all" */
    int64_t ids[VINN_ALLOC_INVOICES_MAX];
    for (int round = 0; round < 4000; round++) {
        uint32_t n = (uint32_t)(next_random(&seed) % (VINN_ALLOC_INVOICES_MAX + 1));
        struct vinn_alloc_invoice invoices[VINN_ALLOC_INVOICES_MAX];
        int64_t due_total = 0;
        for (uint32_t i = 0; i < n; i++) {
            /* Distinct ids in a shuffled order, few due dates so ties happen. */
            ids[i] = (int64_t)i * 7 + 3;
            uint32_t swap = (uint32_t)(next_random(&seed) % (i + 1));
            int64_t t = ids[i];
            ids[i] = ids[swap];
            ids[swap] = t;
        }
        for (uint32_t i = 0; i < n; i++) {
            invoices[i].invoice_id = ids[i];
            invoices[i].due_date = (vinn_day)(19000 + next_random(&seed) % 6);
            for (int p = 0; p < VINN_PARTS_COUNT; p++) {
                uint64_t r = next_random(&seed);
                /* A third of the parts owe nothing; the rest up to 10 000 kroner. */
                invoices[i].owed[p] = r % 3 == 0 ? 0 : (int64_t)((r >> 8) % 1000001);
            }
            due_total += owed_total(&invoices[i]);
        }
        int64_t amount = (int64_t)(next_random(&seed) % (uint64_t)(due_total + due_total / 4 + 2));
        struct vinn_alloc_order order = vinn_alloc_order_default();
        uint64_t pick = next_random(&seed) % 3;
        if (pick == 1) {
            order = (struct vinn_alloc_order){{P, I, F}};
        } else if (pick == 2) {
            order = (struct vinn_alloc_order){{I, P, F}};
        }
        struct vinn_alloc_result r;
        assert_int_equal(vinn_alloc_payment(amount, invoices, n, &order, &r, NULL), VINN_OK);
        check_result(amount, invoices, n, &order, &r);
        assert_int_equal(r.remainder, amount > due_total ? amount - due_total : 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_part_names),          cmocka_unit_test(test_order_default),
        cmocka_unit_test(test_order_parse),         cmocka_unit_test(test_order_parse_errors),
        cmocka_unit_test(test_default_order),       cmocka_unit_test(test_custom_order),
        cmocka_unit_test(test_oldest_due_first),    cmocka_unit_test(test_no_invoices),
        cmocka_unit_test(test_sixty_four_invoices), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_random_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
