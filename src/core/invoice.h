/*
 * invoice.h - the arithmetic and rules of an invoice, pure.
 *
 * Line net = quantity x unit price, rounded half up to the minor unit.
 * VAT is computed per rate on the sum of the line nets at that rate and
 * rounded half up once per rate, as EN 16931 does (BR-CO-17: VAT category
 * tax amount = taxable amount x rate, rounded to two decimals), so the
 * printed VAT breakdown and the totals always agree:
 *   net = sum of line nets, vat = sum of the rates' VAT, gross = net + vat.
 *
 * Quantities are thousandths (3 decimals: 1.5 hours = 1500), unit prices
 * minor units excluding VAT, VAT rates basis points (25.5 % = 2550).
 */
#ifndef VINN_CORE_INVOICE_H
#define VINN_CORE_INVOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/country.h"
#include "core/date.h"

enum {
    VINN_QUANTITY_DECIMALS = 3,
    VINN_QUANTITY_SCALE = 1000,
    /* Distinct VAT rates on one invoice. */
    VINN_VAT_GROUPS_MAX = 8,
};

/* No invoice line is for more than a billion units (in thousandths). */
#define VINN_QUANTITY_MAX_MILLI (1000000000LL * VINN_QUANTITY_SCALE)

struct vinn_line_input {
    const char *text;
    int64_t quantity_milli;
    int64_t unit_price_minor;
    int32_t vat_rate_bp;
};

struct vinn_vat_group {
    int32_t rate_bp;
    int64_t taxable_minor;
    int64_t vat_minor;
};

struct vinn_invoice_totals {
    int64_t net_minor;
    int64_t vat_minor;
    int64_t gross_minor;
    uint32_t groups_count;
    struct vinn_vat_group groups[VINN_VAT_GROUPS_MAX]; /* ascending by rate */
};

/*
 * Validate lines and compute each line's net (into line_nets, lines_count
 * entries) and the totals. Rules, each an error naming "lines[i].<field>":
 * text required (VINN_E_FIELD_REQUIRED) and at most VINN_LINE_TEXT_MAX bytes;
 * quantity positive and at most VINN_QUANTITY_MAX_MILLI (VINN_E_QUANTITY_INVALID);
 * unit_price not negative (VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE); vat_rate in
 * 0..10000 (VINN_E_VAT_RATE_INVALID); at least one line (VINN_E_INVOICE_NO_LINES)
 * and at most VINN_INVOICE_LINES_MAX; at most VINN_VAT_GROUPS_MAX rates; no
 * overflow (VINN_E_AMOUNT_OVERFLOW); the gross total positive
 * (VINN_E_INVOICE_TOTAL_NOT_POSITIVE). Outputs are unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_invoice_compute(const struct vinn_line_input *lines,
                                            size_t lines_count, int64_t *line_nets,
                                            struct vinn_invoice_totals *out,
                                            struct vinn_error *error);

/*
 * Split a credit of gross_minor (0 < gross <= totals->gross) over the
 * invoice's VAT rates in proportion to their gross, so a partial credit note
 * reverses VAT at the rates it was charged. Writes net and vat of the credit;
 * a full credit gives exactly the invoice's net and vat.
 */
VINN_MUST_USE vinn_err vinn_invoice_credit_split(const struct vinn_invoice_totals *totals,
                                                 int64_t gross_minor, int64_t *net_minor,
                                                 int64_t *vat_minor, struct vinn_error *error);

/*
 * The due date of an invoice dated `date`: the explicit due date when
 * has_due (not before date: VINN_E_DUE_BEFORE_DATE), else date + due_days
 * (0..VINN_DUE_DAYS_MAX: VINN_E_DUE_DAYS_RANGE), then moved forward to a
 * business day in the customer's country (a due date on a weekend or bank
 * holiday is paid on the next business day, so we state that day).
 */
VINN_MUST_USE vinn_err vinn_invoice_due_date(enum vinn_country country, vinn_day date,
                                             bool has_due, vinn_day due, int32_t due_days,
                                             vinn_day *out, struct vinn_error *error);

#endif
