/*
 * template.h - the texts vinn sends to customers, and the renderer that fills them in.
 *
 * A template is text with placeholders: `{{name}}`, the name of a-z and '_'.
 * The renderer replaces each placeholder with the value the caller gives for
 * that name and writes the result into a buffer the caller owns; it never
 * allocates. It makes one pass: a value is inserted as it is and never read
 * as a template again, so a customer's name that contains "{{" stays text.
 *
 * The placeholders vinn knows (any other name is an error, so a typo in a
 * tenant's own template is caught rather than sent):
 *
 *   customer_name   the customer, as on the invoice ("Kari Nordmann", "Byggmester AS")
 *   tenant_name     the creditor who sends the message ("Nordlys Elektro AS")
 *   invoice_number  "INV-2026-000123"
 *   amount          the invoice amount, already formatted: "1 250,00 NOK";
 *                   in a receipt the amount paid; in a checkout link the purchase
 *   due_date        the invoice's due date, formatted for the language: "15.03.2026"
 *   deadline        the pay-by date a reminder or notice gives
 *   reference       the payment reference: KID, OCR, viitenumero or RF
 *   account         where to pay: account number, bankgiro or IBAN
 *   fees            the fees charged so far (reminder fees, notice fees, compensation)
 *   interest        the late interest so far
 *   total           what is to be paid now: amount left + fees + interest
 *   link            the checkout or payment-plan link
 *
 * Values are the caller's: formatted for the language (core/money.h) and
 * checked on the way in (base/text.h). For SMS, format amounts with
 * VINN_FMT_PLAIN_SPACE: U+00A0 is not in the GSM 7-bit alphabet, and one
 * character outside it sends the whole message as UCS-2, 70 characters a
 * segment instead of 160.
 *
 * Built-in templates: for each message kind, language and tone a subject
 * line, a plain-text body and an SMS text. Which placeholders each kind uses:
 *
 *   kind           subject, body                                       sms
 *   invoice        customer_name tenant_name invoice_number amount    tenant_name invoice_number
 *                  due_date reference account                         amount due_date account reference
 *   pre-due        as invoice                                         as invoice
 *   reminder       as invoice, and deadline fees interest total       tenant_name invoice_number
 *                                                                     total deadline reference
 *   notice         as reminder                                        as reminder
 *   receipt        customer_name tenant_name invoice_number amount    tenant_name invoice_number amount
 *   payment-plan   customer_name tenant_name invoice_number amount    tenant_name invoice_number
 *                  link                                               amount link
 *   checkout-link  customer_name tenant_name amount link              tenant_name amount link
 *
 * A caller may give every value for every kind: the unused ones are ignored.
 * Reminders and notices state the amount, what it concerns (the invoice and
 * the creditor), the fee, the interest and the deadline (inkassoforskriften
 * § 1-2 asks this of a fee-bearing purring). A notice names itself
 * (inkassovarsel, inkassokrav, maksuvaatimus, rykker med inkassovarsel) and
 * says, in every tone, that the claim goes to collection with further costs
 * if it is not paid by the deadline, and how to object (NO inkassoloven § 9:
 * "varsel om at inkasso vil bli satt i verk", never called a purring; SE god
 * inkassosed: the time to pay or to dispute; FI perintälaki, maksuvaatimus;
 * DK the last rykker warns of collection and its costs: DOMAIN.md 2.1-2.4).
 * A friendly pre-due or reminder never mentions collection. An SMS is at most VINN_TEMPLATE_SMS_MAX characters
 * with realistic values and uses only the GSM 7-bit basic alphabet (æøå,
 * äö and é are in it; '€', '{' and '–' are not).
 *
 * Pure: static tables, no allocation, no I/O.
 */
#ifndef VINN_CORE_TEMPLATE_H
#define VINN_CORE_TEMPLATE_H

#include <stddef.h>

#include "base/err.h"
#include "core/country.h"
#include "core/dunning.h"

enum {
    /* The longest placeholder name vinn knows is 14 bytes; a longer one is
     * unknown, and error fields quote at most this much of it. */
    VINN_TEMPLATE_NAME_MAX = 32,
    /* Values one render takes: the twelve placeholders, with room for a
     * caller's extra ones (they are ignored). */
    VINN_TEMPLATE_VALUES_MAX = 32,
    /* One SMS segment in the GSM 03.38 7-bit alphabet is 160 characters. */
    VINN_TEMPLATE_SMS_MAX = 160,
};

/* One value: the placeholder's name without braces, and its text (NULL: missing). */
struct vinn_template_value {
    const char *name;
    const char *value;
};

/*
 * Render text into out (cap bytes, cap >= 1), replacing each {{name}} with
 * the value of the first pair named name. values may be NULL when
 * values_count is 0; values_count <= VINN_TEMPLATE_VALUES_MAX and every name
 * non-NULL (asserted). Text outside placeholders is copied as it is; a lone
 * '{' or '}' and a "}}" are plain text. Errors, the field naming the
 * placeholder (as much as VINN_TEMPLATE_NAME_MAX bytes of it):
 *   VINN_E_TEMPLATE_PLACEHOLDER_INVALID  "{{" ... "}}" around something that is
 *                                        not a name of a-z and '_' ("{{Amount}}",
 *                                        "{{ amount }}", "{{}}")
 *   VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN  a name vinn does not know ("{{amuont}}")
 *   VINN_E_TEMPLATE_VALUE_MISSING        no pair for the name, or its value NULL
 *   VINN_E_TEMPLATE_UNTERMINATED         a "{{" with no "}}" after it
 *   VINN_E_TEMPLATE_OUTPUT_TOO_LONG      the result and its NUL do not fit in cap;
 *                                        the field is the placeholder whose value
 *                                        did not fit, or "template" for its text
 * The first error in the text wins. On success out holds the NUL-terminated
 * result; on failure out[0] is '\0' (the rest of out is unspecified).
 */
VINN_MUST_USE vinn_err vinn_template_render(const char *text,
                                            const struct vinn_template_value *values,
                                            size_t values_count, char *out, size_t cap,
                                            struct vinn_error *error);

/*
 * As vinn_template_render for an HTML body: text is HTML and is copied as it
 * is; each value is escaped, & < > " ' becoming &amp; &lt; &gt; &quot; &#39;,
 * so a value is always text, in an element or in a quoted attribute. The
 * escaped length is what must fit in cap.
 */
VINN_MUST_USE vinn_err vinn_template_render_html(const char *text,
                                                 const struct vinn_template_value *values,
                                                 size_t values_count, char *out, size_t cap,
                                                 struct vinn_error *error);

/* A built-in template: static texts, never freed. The body is plain text
 * (lines end with "\n"); the subject and the SMS are one line each. */
struct vinn_template {
    const char *subject;
    const char *body;
    const char *sms;
};

/*
 * The built-in template for kind ("invoice", "pre-due", "reminder", "notice",
 * "receipt", "payment-plan", "checkout-link"; exact, lower case) in lang and
 * tone; NULL for any other kind, NULL included. lang and tone must be valid
 * (asserted). Every kind has every language and tone.
 */
const struct vinn_template *vinn_template_builtin(const char *kind, enum vinn_lang lang,
                                                  enum vinn_tone tone);

#endif
