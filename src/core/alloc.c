/*
 * alloc.c - spreading a payment over the parts of a customer's invoices.
 *
 * The rules are in alloc.h. vinn_alloc_payment validates everything first
 * (amount, count, every owed part, the overflow of the sum owed), then
 * sorts an index array and pays in order; the parts and the remainder are
 * asserted to sum to the payment before it returns.
 */
#include "core/alloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "core/money.h"
#include "core/banned.h"

static const char *const part_names[VINN_PARTS_COUNT] = {
    [VINN_PART_FEES] = "fees",
    [VINN_PART_INTEREST] = "interest",
    [VINN_PART_PRINCIPAL] = "principal",
};

enum {
    /* Bytes of a bad order quoted in its error message. */
    ORDER_QUOTE_MAX = 64,
};

static bool part_is_valid(enum vinn_alloc_part part)
{
    return (int)part >= 0 && (int)part < VINN_PARTS_COUNT;
}

/* Each part exactly once: the only orders a payment can be spread in. */
static bool order_is_valid(const struct vinn_alloc_order *order)
{
    unsigned seen = 0;
    for (int i = 0; i < VINN_PARTS_COUNT; i++) {
        if (!part_is_valid(order->parts[i])) {
            return false;
        }
        seen |= 1u << order->parts[i];
    }
    return seen == (1u << VINN_PARTS_COUNT) - 1;
}

struct vinn_alloc_order vinn_alloc_order_default(void)
{
    struct vinn_alloc_order order = {
        .parts = {VINN_PART_FEES, VINN_PART_INTEREST, VINN_PART_PRINCIPAL}};
    return order;
}

const char *vinn_alloc_part_name(enum vinn_alloc_part part)
{
    VINN_ASSERT(part_is_valid(part));
    return part_names[part];
}

static bool order_is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* The part named by text[0..n) without surrounding spaces, or false. */
static bool order_part_find(const char *text, size_t n, enum vinn_alloc_part *part)
{
    while (n > 0 && order_is_space(text[0])) {
        text++;
        n--;
    }
    while (n > 0 && order_is_space(text[n - 1])) {
        n--;
    }
    for (int p = 0; p < VINN_PARTS_COUNT; p++) {
        if (strlen(part_names[p]) == n && memcmp(part_names[p], text, n) == 0) {
            *part = (enum vinn_alloc_part)p;
            return true;
        }
    }
    return false;
}

static vinn_err order_fail(const char *text, struct vinn_error *error)
{
    char quoted[ORDER_QUOTE_MAX + 1];
    size_t n = text == NULL ? 0 : strnlen(text, ORDER_QUOTE_MAX);
    for (size_t i = 0; i < n; i++) {
        quoted[i] = (text[i] >= ' ' && text[i] <= '~') ? text[i] : '?';
    }
    quoted[n] = '\0';
    return vinn_fail(error, VINN_E_ALLOC_ORDER, "allocation_order",
                     "allocation order '%s' must name fees, interest and principal once each, "
                     "separated by commas",
                     quoted);
}

vinn_err vinn_alloc_order_parse(const char *text, struct vinn_alloc_order *out,
                                struct vinn_error *error)
{
    VINN_ASSERT(out != NULL);
    struct vinn_alloc_order order;
    size_t count = 0;
    size_t start = 0;
    /* Each comma or the final NUL ends a name; a fourth name fails at once. */
    for (size_t i = 0; text != NULL; i++) {
        if (text[i] != ',' && text[i] != '\0') {
            continue;
        }
        enum vinn_alloc_part part;
        if (count == VINN_PARTS_COUNT || !order_part_find(text + start, i - start, &part)) {
            return order_fail(text, error);
        }
        order.parts[count] = part;
        count++;
        if (text[i] == '\0') {
            break;
        }
        start = i + 1;
    }
    if (count != VINN_PARTS_COUNT || !order_is_valid(&order)) {
        return order_fail(text, error);
    }
    /* Point of no return. */
    *out = order;
    return VINN_OK;
}

void vinn_alloc_order_format(const struct vinn_alloc_order *order, char *out, size_t cap)
{
    VINN_ASSERT(order != NULL && order_is_valid(order));
    VINN_ASSERT(out != NULL);
    VINN_ASSERT(cap >= 32);
    size_t n = 0;
    for (int i = 0; i < VINN_PARTS_COUNT; i++) {
        const char *name = part_names[order->parts[i]];
        size_t length = strlen(name);
        if (i > 0) {
            out[n] = ',';
            n++;
        }
        memcpy(out + n, name, length);
        n += length;
    }
    out[n] = '\0';
    VINN_ASSERT(n < cap);
}

/* Whether invoice a is paid before invoice b: oldest due date, then lowest id. */
static bool invoice_goes_first(const struct vinn_alloc_invoice *a,
                               const struct vinn_alloc_invoice *b)
{
    if (a->due_date != b->due_date) {
        return a->due_date < b->due_date;
    }
    return a->invoice_id < b->invoice_id;
}

/* Insertion sort of the indexes 0..n by payment order; stable, n <= 64. */
static void invoices_sort(const struct vinn_alloc_invoice *invoices, uint32_t n, uint32_t *index)
{
    for (uint32_t i = 0; i < n; i++) {
        index[i] = i;
    }
    for (uint32_t i = 1; i < n; i++) {
        uint32_t moving = index[i];
        uint32_t j = i;
        while (j > 0 && invoice_goes_first(&invoices[moving], &invoices[index[j - 1]])) {
            index[j] = index[j - 1];
            j--;
        }
        index[j] = moving;
    }
}

static vinn_err invoices_check(const struct vinn_alloc_invoice *invoices, uint32_t n,
                               struct vinn_error *error)
{
    for (uint32_t i = 0; i < n; i++) {
        for (int p = 0; p < VINN_PARTS_COUNT; p++) {
            if (invoices[i].owed[p] < 0) {
                char field[48];
                snprintf(field, sizeof(field), "invoices[%u].owed", (unsigned)i);
                return vinn_fail(error, VINN_E_ALLOC_OWED_NEGATIVE, field,
                                 "invoice %lld owes a negative %s amount (%lld)",
                                 (long long)invoices[i].invoice_id, part_names[p],
                                 (long long)invoices[i].owed[p]);
            }
        }
    }
    int64_t owed_total = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (int p = 0; p < VINN_PARTS_COUNT; p++) {
            if (vinn_money_add(owed_total, invoices[i].owed[p], &owed_total) != VINN_OK) {
                return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "invoices",
                                 "the sum owed by %u invoices does not fit an amount", (unsigned)n);
            }
        }
    }
    return VINN_OK;
}

/* The postconditions of alloc.h, checked on the finished result. */
static void result_assert(int64_t amount, const struct vinn_alloc_invoice *invoices,
                          const uint32_t *index, uint32_t n, const struct vinn_alloc_order *order,
                          const uint32_t *paid_at, const struct vinn_alloc_result *r)
{
    int64_t sum = r->remainder;
    VINN_ASSERT(r->remainder >= 0);
    VINN_ASSERT(r->items_count <= n);
    uint32_t item = 0;
    bool earlier_owes = false;
    for (uint32_t k = 0; k < n; k++) {
        const struct vinn_alloc_invoice *inv = &invoices[index[k]];
        bool is_paid = item < r->items_count && paid_at[item] == k;
        VINN_ASSERT(!is_paid || r->items[item].invoice_id == inv->invoice_id);
        int64_t item_total = 0;
        for (int i = 0; is_paid && i < VINN_PARTS_COUNT; i++) {
            enum vinn_alloc_part p = order->parts[i];
            int64_t paid = r->items[item].paid[p];
            VINN_ASSERT(paid >= 0);
            VINN_ASSERT(paid <= inv->owed[p]);
            /* Nothing of a later invoice while an earlier one still owes. */
            VINN_ASSERT(paid == 0 || !earlier_owes);
            vinn_err err = vinn_money_add(item_total, paid, &item_total);
            VINN_ASSERT(err == VINN_OK);
            earlier_owes = earlier_owes || paid < inv->owed[p];
        }
        for (int p = 0; !is_paid && p < VINN_PARTS_COUNT; p++) {
            earlier_owes = earlier_owes || inv->owed[p] > 0;
        }
        if (is_paid) {
            VINN_ASSERT(item_total > 0);
            VINN_ASSERT(item_total == r->items[item].paid_total);
            vinn_err err = vinn_money_add(sum, item_total, &sum);
            VINN_ASSERT(err == VINN_OK);
            item++;
        }
    }
    VINN_ASSERT(item == r->items_count);
    VINN_ASSERT(sum == amount);
    /* A credit balance only once everything is paid. */
    VINN_ASSERT(r->remainder == 0 || !earlier_owes);
}

vinn_err vinn_alloc_payment(int64_t amount, const struct vinn_alloc_invoice *invoices, uint32_t n,
                            const struct vinn_alloc_order *order, struct vinn_alloc_result *out,
                            struct vinn_error *error)
{
    VINN_ASSERT(out != NULL);
    VINN_ASSERT(invoices != NULL || n == 0);
    VINN_ASSERT(order != NULL);
    VINN_ASSERT(order_is_valid(order));
    if (amount < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount",
                         "payment amount %lld is negative", (long long)amount);
    }
    if (n > VINN_ALLOC_INVOICES_MAX) {
        return vinn_fail(error, VINN_E_ALLOC_TOO_MANY_INVOICES, "invoices",
                         "%u invoices are more than one allocation takes (%d)", (unsigned)n,
                         VINN_ALLOC_INVOICES_MAX);
    }
    vinn_err err = invoices_check(invoices, n, error);
    if (err != VINN_OK) {
        return err;
    }
    uint32_t index[VINN_ALLOC_INVOICES_MAX];
    invoices_sort(invoices, n, index);

    /* Point of no return: the input is valid, the output is written. */
    memset(out, 0, sizeof(*out));
    uint32_t paid_at[VINN_ALLOC_INVOICES_MAX]; /* position in index of each item */
    int64_t left = amount;
    for (uint32_t k = 0; k < n && left > 0; k++) {
        const struct vinn_alloc_invoice *inv = &invoices[index[k]];
        struct vinn_alloc_item *item = &out->items[out->items_count];
        item->invoice_id = inv->invoice_id;
        for (int i = 0; i < VINN_PARTS_COUNT; i++) {
            enum vinn_alloc_part part = order->parts[i];
            int64_t pay = left < inv->owed[part] ? left : inv->owed[part];
            item->paid[part] = pay;
            item->paid_total += pay; /* at most amount: cannot overflow */
            left -= pay;
        }
        if (item->paid_total > 0) {
            paid_at[out->items_count] = k;
            out->items_count++;
        } else {
            memset(item, 0, sizeof(*item));
        }
    }
    out->remainder = left;
    result_assert(amount, invoices, index, n, order, paid_at, out);
    return VINN_OK;
}
