/*
 * paycode.c - Finnish virtual bank barcode, Code 128 subset C values and the
 * EPC QR payload. The layouts and their sources are in paycode.h; the test
 * vectors are those of DOMAIN.md §4.8 and §4.9.
 *
 * Each public function validates every input first, builds its result in a
 * local buffer, and copies it to the caller only when all of that passed.
 */
#include "core/paycode.h"

#include <stdbool.h>
#include <string.h>

#include "base/assert.h"
#include "base/text.h"
#include "core/ident.h"
#include "core/refno.h"
#include "core/banned.h"

enum {
    /* FI IBAN: "FI", 2 check digits, 14 BBAN digits (SWIFT IBAN registry). */
    FI_IBAN_LENGTH = 18,
    FI_IBAN_DIGITS = 16,
    BARCODE_REFERENCE_WIDTH = 20, /* version 4 */
    BARCODE_RF_BODY_WIDTH = 21,   /* version 5 */
    RF_PREFIX_LENGTH = 4,         /* "RF" and the two check digits */
    /* The longest UTF-8 character: texts longer than 4 bytes a character
     * past their limit are too long without decoding them. */
    UTF8_BYTES_MAX = 4,
    BIC_SHORT = 8,
    BIC_LONG = 11,
    PURPOSE_LENGTH = 4,
    EPC_ELEMENT_COUNT = 12,
    /* "EUR", 9 euro digits, '.', 2 cent digits and the NUL, with room. */
    EPC_AMOUNT_TEXT_MAX = 24,
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_upper_alnum(char c)
{
    return is_digit(c) || is_upper(c);
}

static bool is_all_digits(const char *s)
{
    for (; *s != '\0'; s++) {
        if (!is_digit(*s)) {
            return false;
        }
    }
    return true;
}

static bool is_absent(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* Write value as exactly width decimal digits, zero-padded on the left. */
static void put_number(char *dst, uint64_t value, size_t width)
{
    for (size_t i = width; i > 0; i--) {
        dst[i - 1] = (char)('0' + value % 10);
        value /= 10;
    }
    VINN_ASSERT(value == 0);
}

/* Write text right-aligned in width characters, zeros on the left. */
static void put_padded(char *dst, const char *text, size_t width)
{
    size_t length = strlen(text);
    VINN_ASSERT(length <= width);
    memset(dst, '0', width - length);
    memcpy(dst + width - length, text, length);
}

/* ---- Finnish virtual bank barcode ---- */

/* The 16 digits of a valid FI IBAN, NUL-terminated. */
static vinn_err barcode_iban(const char *iban, char digits[FI_IBAN_DIGITS + 1],
                             struct vinn_error *error)
{
    char machine[VINN_ID_TEXT_MAX];
    vinn_err rc = vinn_id_check(VINN_ID_IBAN, iban, 0, "iban", machine, sizeof(machine), error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (machine[0] != 'F' || machine[1] != 'I') {
        return vinn_fail(error, VINN_E_PAYCODE_IBAN_NOT_FINNISH, "iban",
                         "iban '%s' is not Finnish: the bank barcode needs an FI IBAN", machine);
    }
    VINN_ASSERT(strlen(machine) == FI_IBAN_LENGTH);
    memcpy(digits, machine + 2, FI_IBAN_DIGITS + 1);
    return VINN_OK;
}

/* True when reference, spaces skipped, starts with "RF" in any case. */
static bool reference_is_rf(const char *reference)
{
    if (reference == NULL) {
        return false;
    }
    while (*reference == ' ') {
        reference++;
    }
    return (reference[0] == 'R' || reference[0] == 'r') &&
           (reference[1] == 'F' || reference[1] == 'f');
}

/* The reference in machine form; an RF body must be digits, since the
 * barcode holds nothing else (Bank Bar Code Guide, version 5). */
static vinn_err barcode_reference(const char *reference, bool is_rf,
                                  char machine[VINN_REF_TEXT_MAX], struct vinn_error *error)
{
    enum vinn_ref_kind kind = is_rf ? VINN_REF_RF : VINN_REF_FI;
    vinn_err rc = vinn_ref_check(kind, reference, machine, VINN_REF_TEXT_MAX, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (is_rf && !is_all_digits(machine + RF_PREFIX_LENGTH)) {
        return vinn_fail(error, VINN_E_PAYCODE_REFERENCE_NOT_NUMERIC, "reference",
                         "reference '%s' has letters: the bank barcode holds only digits", machine);
    }
    return VINN_OK;
}

static vinn_err barcode_amount(int64_t amount_cents, struct vinn_error *error)
{
    if (amount_cents < 0) {
        return vinn_fail(error, VINN_E_PAYCODE_AMOUNT_NEGATIVE, "amount",
                         "amount '%lld' cents is negative", (long long)amount_cents);
    }
    if (amount_cents > VINN_FI_BARCODE_AMOUNT_MAX) {
        return vinn_fail(error, VINN_E_PAYCODE_AMOUNT_TOO_LARGE, "amount",
                         "amount '%lld' cents is above 999999.99, the most a bank barcode holds",
                         (long long)amount_cents);
    }
    return VINN_OK;
}

/* The due date goes in as YYMMDD, so only 2000-2099 can be written. */
static vinn_err barcode_due(vinn_day due, struct vinn_error *error)
{
    if (due == VINN_NO_DAY) {
        return VINN_OK;
    }
    if (due >= vinn_day_from_civil(2000, 1, 1) && due <= vinn_day_from_civil(2099, 12, 31)) {
        return VINN_OK;
    }
    /* Only days in vinn's range have a date to quote. */
    if (due < VINN_DAY_MIN || due > VINN_DAY_MAX) {
        return vinn_fail(error, VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE, "due_date",
                         "due day '%ld' is outside 2000-2099, the years YYMMDD holds", (long)due);
    }
    char iso[VINN_DATE_ISO_SIZE];
    vinn_day_format(due, iso);
    return vinn_fail(error, VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE, "due_date",
                     "due date '%s' is outside 2000-2099, the years YYMMDD holds", iso);
}

vinn_err vinn_paycode_fi_barcode(const char *iban, const char *reference, int64_t amount_cents,
                                 vinn_day due, char out[55], struct vinn_error *error)
{
    VINN_ASSERT(out != NULL);
    char iban_digits[FI_IBAN_DIGITS + 1] = "";
    char machine[VINN_REF_TEXT_MAX] = "";
    bool is_rf = reference_is_rf(reference);
    vinn_err rc = barcode_iban(iban, iban_digits, error);
    if (rc == VINN_OK) {
        rc = barcode_reference(reference, is_rf, machine, error);
    }
    if (rc == VINN_OK) {
        rc = barcode_amount(amount_cents, error);
    }
    if (rc == VINN_OK) {
        rc = barcode_due(due, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }

    char code[VINN_FI_BARCODE_DIGITS + 1];
    code[0] = is_rf ? '5' : '4';
    memcpy(code + 1, iban_digits, FI_IBAN_DIGITS);
    put_number(code + 17, (uint64_t)amount_cents, 8);
    if (is_rf) {
        memcpy(code + 25, machine + 2, 2);
        put_padded(code + 27, machine + RF_PREFIX_LENGTH, BARCODE_RF_BODY_WIDTH);
    } else {
        memcpy(code + 25, "000", 3);
        put_padded(code + 28, machine, BARCODE_REFERENCE_WIDTH);
    }
    if (due == VINN_NO_DAY) {
        memcpy(code + 48, "000000", 6);
    } else {
        struct vinn_civil civil = vinn_day_to_civil(due);
        put_number(code + 48, (uint64_t)(civil.year % 100), 2);
        put_number(code + 50, (uint64_t)civil.month, 2);
        put_number(code + 52, (uint64_t)civil.day, 2);
    }
    code[VINN_FI_BARCODE_DIGITS] = '\0';
    VINN_ASSERT(strlen(code) == VINN_FI_BARCODE_DIGITS);
    VINN_ASSERT(is_all_digits(code));
    /* Point of no return: every input passed. */
    memcpy(out, code, sizeof(code));
    return VINN_OK;
}

/* ---- Code 128 subset C ---- */

vinn_err vinn_paycode_code128c(const char *digits, uint8_t *codes, size_t max, size_t *count)
{
    VINN_ASSERT(digits != NULL);
    VINN_ASSERT(codes != NULL);
    VINN_ASSERT(count != NULL);
    /* max bounds the scan: more than 2 * max digits never fit. */
    size_t scan_max = max < SIZE_MAX / 2 ? 2 * max : SIZE_MAX;
    size_t length = 0;
    while (length < scan_max && digits[length] != '\0') {
        if (!is_digit(digits[length])) {
            return VINN_E_PAYCODE_DIGITS_NOT_NUMERIC;
        }
        length++;
    }
    if (digits[length] != '\0') {
        return VINN_E_LIMIT_EXCEEDED;
    }
    if (length == 0) {
        return VINN_E_FIELD_REQUIRED;
    }
    if (length % 2 != 0) {
        return VINN_E_PAYCODE_DIGITS_ODD_COUNT;
    }
    size_t pairs = length / 2;
    if (pairs + 3 > max) {
        return VINN_E_LIMIT_EXCEEDED;
    }

    /* Point of no return. ISO/IEC 15417: the check is the start value plus
     * each symbol value times its position (from 1), modulo 103. */
    uint64_t sum = VINN_CODE128_START_C;
    codes[0] = VINN_CODE128_START_C;
    for (size_t i = 0; i < pairs; i++) {
        uint8_t value = (uint8_t)((digits[2 * i] - '0') * 10 + (digits[2 * i + 1] - '0'));
        codes[i + 1] = value;
        sum += (uint64_t)(i + 1) * value;
    }
    codes[pairs + 1] = (uint8_t)(sum % VINN_CODE128_CHECK_MODULUS);
    codes[pairs + 2] = VINN_CODE128_STOP;
    *count = pairs + 3;
    return VINN_OK;
}

/* ---- EPC QR ---- */

/* Bytes of the UTF-8 character that starts with lead (the text is valid). */
static size_t utf8_sequence_length(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if (lead < 0xE0) {
        return 2;
    }
    return lead < 0xF0 ? 3 : 4;
}

static uint32_t utf8_decode(const unsigned char *s, size_t length)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = s[0] & lead_mask[length];
    for (size_t i = 1; i < length; i++) {
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    return cp;
}

/* C0, DEL and C1 controls would break the line structure or be misread. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/*
 * Count the characters of the optional text s (NULL is empty) into *chars,
 * checking it is valid UTF-8 without controls and, with charset 2, within
 * ISO-8859-1. A text of more than chars_max characters reports
 * chars_max + 1 without being checked further.
 */
static vinn_err epc_text_measure(const char *s, size_t chars_max, enum vinn_epc_charset charset,
                                 const char *field, size_t *chars, struct vinn_error *error)
{
    if (s == NULL) {
        *chars = 0;
        return VINN_OK;
    }
    size_t bytes_max = chars_max * UTF8_BYTES_MAX;
    size_t bytes = strnlen(s, bytes_max + 1);
    if (bytes > bytes_max) {
        *chars = chars_max + 1;
        return VINN_OK;
    }
    if (!vinn_utf8_is_valid(s, bytes)) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, field,
                         "%s is not valid UTF-8", field);
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t count = 0;
    for (size_t i = 0; i < bytes; count++) {
        size_t length = utf8_sequence_length(p[i]);
        uint32_t cp = utf8_decode(p + i, length);
        if (is_control(cp)) {
            return vinn_fail(error, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, field,
                             "%s has a control character", field);
        }
        if (charset == VINN_EPC_CHARSET_LATIN1 && cp > 0xFF) {
            return vinn_fail(error, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, field,
                             "%s has U+%04X, which ISO-8859-1 does not have", field, (unsigned)cp);
        }
        i += length;
    }
    *chars = count;
    return VINN_OK;
}

/* BIC (ISO 9362): bank 4 letters, country 2 letters, location 2 letters or
 * digits, optional branch 3 letters or digits. */
static vinn_err epc_bic(const char *bic, struct vinn_error *error)
{
    if (is_absent(bic)) {
        return VINN_OK;
    }
    size_t length = strnlen(bic, BIC_LONG + 1);
    bool is_valid = length == BIC_SHORT || length == BIC_LONG;
    for (size_t i = 0; is_valid && i < length; i++) {
        is_valid = i < 6 ? is_upper(bic[i]) : is_upper_alnum(bic[i]);
    }
    if (!is_valid) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_BIC_INVALID, "bic",
                         "bic '%.*s' is not 8 or 11 upper-case bic characters", BIC_LONG + 1, bic);
    }
    return VINN_OK;
}

static vinn_err epc_purpose(const char *purpose, struct vinn_error *error)
{
    if (is_absent(purpose)) {
        return VINN_OK;
    }
    size_t length = strnlen(purpose, PURPOSE_LENGTH + 1);
    bool is_valid = length == PURPOSE_LENGTH;
    for (size_t i = 0; is_valid && i < length; i++) {
        is_valid = is_upper_alnum(purpose[i]);
    }
    if (!is_valid) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_PURPOSE_INVALID, "purpose",
                         "purpose '%.*s' is not 4 upper-case letters or digits", PURPOSE_LENGTH + 1,
                         purpose);
    }
    return VINN_OK;
}

/* The amount is mandatory here: vinn always asks for an invoice's amount,
 * and segno rejects anything outside 0.01..999999999.99. */
static vinn_err epc_amount(int64_t amount_cents, struct vinn_error *error)
{
    if (amount_cents < 1 || amount_cents > VINN_EPC_QR_AMOUNT_MAX) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_AMOUNT_OUT_OF_RANGE, "amount",
                         "amount '%lld' cents is outside 0.01-999999999.99 EUR",
                         (long long)amount_cents);
    }
    return VINN_OK;
}

/* Exactly one of the structured RF reference (element 10) and the
 * unstructured text (element 11), EPC069-12 table. */
static vinn_err epc_remittance(const struct vinn_epc_qr *in, char reference[VINN_REF_TEXT_MAX],
                               struct vinn_error *error)
{
    bool has_reference = !is_absent(in->reference);
    bool has_text = !is_absent(in->text);
    if (has_reference && has_text) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_REMITTANCE_BOTH, "reference",
                         "give a reference or a text, not both");
    }
    if (!has_reference && !has_text) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_REMITTANCE_MISSING, "reference",
                         "give a reference or a text");
    }
    if (has_text) {
        size_t chars = 0;
        vinn_err rc =
            epc_text_measure(in->text, VINN_EPC_QR_TEXT_MAX, in->charset, "text", &chars, error);
        if (rc == VINN_OK && chars > VINN_EPC_QR_TEXT_MAX) {
            rc = vinn_fail(error, VINN_E_PAYCODE_EPC_TEXT_TOO_LONG, "text",
                           "text is longer than 140 characters");
        }
        return rc;
    }
    if (strnlen(in->reference, VINN_EPC_QR_REFERENCE_MAX + 1) > VINN_EPC_QR_REFERENCE_MAX) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_REFERENCE_TOO_LONG, "reference",
                         "reference is longer than 35 characters");
    }
    return vinn_ref_check(VINN_REF_RF, in->reference, reference, VINN_REF_TEXT_MAX, error);
}

static vinn_err epc_name_and_information(const struct vinn_epc_qr *in, struct vinn_error *error)
{
    size_t chars = 0;
    vinn_err rc =
        epc_text_measure(in->name, VINN_EPC_QR_NAME_MAX, in->charset, "name", &chars, error);
    if (rc == VINN_OK && (chars == 0 || chars > VINN_EPC_QR_NAME_MAX)) {
        rc = vinn_fail(error, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name",
                       "name has %zu characters, not 1 to 70", chars);
    }
    if (rc == VINN_OK) {
        rc = epc_text_measure(in->information, VINN_EPC_QR_INFORMATION_MAX, in->charset,
                              "information", &chars, error);
    }
    if (rc == VINN_OK && chars > VINN_EPC_QR_INFORMATION_MAX) {
        rc = vinn_fail(error, VINN_E_PAYCODE_EPC_INFORMATION_TOO_LONG, "information",
                       "information is longer than 70 characters");
    }
    return rc;
}

/* Validate every element; the IBAN and the reference come back in machine
 * form for writing. */
static vinn_err epc_validate(const struct vinn_epc_qr *in, char iban[VINN_ID_TEXT_MAX],
                             char reference[VINN_REF_TEXT_MAX], struct vinn_error *error)
{
    if (in->charset != VINN_EPC_CHARSET_UTF8 && in->charset != VINN_EPC_CHARSET_LATIN1) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_CHARSET_UNSUPPORTED, "charset",
                         "charset '%d' is not 1 (UTF-8) or 2 (ISO-8859-1)", (int)in->charset);
    }
    vinn_err rc = epc_bic(in->bic, error);
    if (rc == VINN_OK) {
        rc = epc_name_and_information(in, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_id_check(VINN_ID_IBAN, in->iban, 0, "iban", iban, VINN_ID_TEXT_MAX, error);
    }
    if (rc == VINN_OK) {
        rc = epc_amount(in->amount_cents, error);
    }
    if (rc == VINN_OK) {
        rc = epc_purpose(in->purpose, error);
    }
    if (rc == VINN_OK) {
        rc = epc_remittance(in, reference, error);
    }
    return rc;
}

/* The payload as it is built; is_overlong once it passed 331 bytes. */
struct epc_writer {
    char bytes[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t length;
    bool is_overlong;
};

static void epc_put_byte(struct epc_writer *w, char c)
{
    if (w->length >= VINN_EPC_QR_PAYLOAD_MAX) {
        w->is_overlong = true;
        return;
    }
    w->bytes[w->length++] = c;
}

/* Append a validated text, transcoded to ISO-8859-1 with charset 2. */
static void epc_put_text(struct epc_writer *w, const char *text, enum vinn_epc_charset charset)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (p[i] != '\0') {
        size_t length = utf8_sequence_length(p[i]);
        if (charset == VINN_EPC_CHARSET_LATIN1) {
            epc_put_byte(w, (char)utf8_decode(p + i, length));
        } else {
            for (size_t k = 0; k < length; k++) {
                epc_put_byte(w, (char)p[i + k]);
            }
        }
        i += length;
    }
}

/* "12.3" style: euros, then the cents without trailing zeros. */
static void epc_format_amount(int64_t amount_cents, char out[EPC_AMOUNT_TEXT_MAX])
{
    char digits[24];
    size_t length = 0;
    uint64_t euros = (uint64_t)amount_cents / 100;
    do {
        digits[length++] = (char)('0' + euros % 10);
        euros /= 10;
    } while (euros > 0);
    memcpy(out, "EUR", 3);
    size_t k = 3;
    while (length > 0) {
        out[k++] = digits[--length];
    }
    int cents = (int)(amount_cents % 100);
    if (cents != 0) {
        out[k++] = '.';
        out[k++] = (char)('0' + cents / 10);
        if (cents % 10 != 0) {
            out[k++] = (char)('0' + cents % 10);
        }
    }
    out[k] = '\0';
}

static void epc_build(const struct vinn_epc_qr *in, const char *iban, const char *reference,
                      struct epc_writer *w)
{
    char amount[EPC_AMOUNT_TEXT_MAX];
    epc_format_amount(in->amount_cents, amount);
    const char *charset = in->charset == VINN_EPC_CHARSET_LATIN1 ? "2" : "1";
    const char *elements[EPC_ELEMENT_COUNT] = {
        "BCD", "002",  charset,     "SCT",     in->bic,  in->name,
        iban,  amount, in->purpose, reference, in->text, in->information,
    };
    size_t used = EPC_ELEMENT_COUNT;
    while (used > 0 && is_absent(elements[used - 1])) {
        used--;
    }
    for (size_t i = 0; i < used; i++) {
        if (i > 0) {
            epc_put_byte(w, '\n');
        }
        if (!is_absent(elements[i])) {
            epc_put_text(w, elements[i], in->charset);
        }
    }
    w->bytes[w->length] = '\0';
}

vinn_err vinn_paycode_epc_qr(const struct vinn_epc_qr *in, char *out, size_t cap, size_t *len,
                             struct vinn_error *error)
{
    VINN_ASSERT(in != NULL);
    VINN_ASSERT(out != NULL);
    VINN_ASSERT(len != NULL);
    char iban[VINN_ID_TEXT_MAX];
    char reference[VINN_REF_TEXT_MAX] = "";
    vinn_err rc = epc_validate(in, iban, reference, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct epc_writer w = {.length = 0, .is_overlong = false};
    epc_build(in, iban, reference, &w);
    if (w.is_overlong) {
        return vinn_fail(error, VINN_E_PAYCODE_EPC_PAYLOAD_TOO_LONG, "payload",
                         "payload is longer than 331 bytes, the most a version 13 qr code holds");
    }
    if (w.length + 1 > cap) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "payload",
                         "payload of %zu bytes does not fit a buffer of %zu", w.length, cap);
    }
    VINN_ASSERT(w.length > 0 && w.bytes[w.length - 1] != '\n');
    /* Point of no return: every element passed. */
    memcpy(out, w.bytes, w.length + 1);
    *len = w.length;
    return VINN_OK;
}
