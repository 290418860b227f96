/*
 * paycode.h - machine-readable payment codes printed on invoices: the Finnish
 * virtual bank barcode, its Code 128 symbol values, and the EPC QR payload.
 *
 * Finnish virtual bank barcode (virtuaaliviivakoodi): Finanssiala
 * "Pankkiviivakoodi-opas / Bank Bar Code Guide" v5.3 (2012, corrected 2019).
 * Always 54 digits:
 *   version 4 (national reference): "4", the 16 digits of the FI IBAN, euros
 *     (6), cents (2), reserve "000", the reference zero-padded to 20, the due
 *     date YYMMDD or "000000";
 *   version 5 (RF reference): "5", IBAN digits (16), euros (6), cents (2),
 *     the two RF check digits, the RF body zero-padded to 21, the due date.
 * It is printed as Code 128 subset C, one symbol value per digit pair, with
 * a modulo-103 check value (ISO/IEC 15417).
 *
 * EPC QR: EPC069-12 "Quick Response Code: guidelines to enable data capture
 * for the initiation of a SEPA credit transfer" v2.1 and v3.0, as
 * implemented by segno segno/helpers.py. Twelve elements, one a line,
 * separated by LF, with no separator after the last populated element:
 * "BCD", version "002", character set, "SCT", BIC, name, IBAN, amount,
 * purpose, structured reference, unstructured text, information. The whole
 * payload is at most 331 bytes (QR version 13 at level M).
 *
 * Invariants: no function writes an output unless it succeeds; a barcode is
 * always 54 digits; a payload never ends in a separator and never exceeds
 * VINN_EPC_QR_PAYLOAD_MAX bytes. Pure: no allocation, no I/O, no locale.
 */
#ifndef VINN_CORE_PAYCODE_H
#define VINN_CORE_PAYCODE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

enum {
    VINN_FI_BARCODE_DIGITS = 54,
    /* Largest amount a barcode holds: 6 euro digits and 2 cent digits. */
    VINN_FI_BARCODE_AMOUNT_MAX = 99999999,
    /* Symbol values of a barcode: start, 27 digit pairs, check, stop. */
    VINN_CODE128C_FI_BARCODE_COUNT = VINN_FI_BARCODE_DIGITS / 2 + 3,
    /* EPC069-12 §2: QR version 13, error correction M. */
    VINN_EPC_QR_PAYLOAD_MAX = 331,
    VINN_EPC_QR_NAME_MAX = 70,        /* characters */
    VINN_EPC_QR_REFERENCE_MAX = 35,   /* characters */
    VINN_EPC_QR_TEXT_MAX = 140,       /* characters */
    VINN_EPC_QR_INFORMATION_MAX = 70, /* characters */
};

/* Largest EPC QR amount in cents: 999 999 999.99 EUR (EPC069-12 element 8). */
#define VINN_EPC_QR_AMOUNT_MAX INT64_C(99999999999)

/* Code 128 symbol values with a fixed meaning (ISO/IEC 15417 table 1). */
enum {
    VINN_CODE128_START_C = 105,
    VINN_CODE128_STOP = 106,
    VINN_CODE128_CHECK_MODULUS = 103,
};

/* EPC069-12 element 3. vinn writes 1 and 2; the other sets are not needed
 * for Nordic names and would need their own tables. */
enum vinn_epc_charset {
    VINN_EPC_CHARSET_UTF8 = 1,
    VINN_EPC_CHARSET_LATIN1 = 2, /* ISO-8859-1 */
};

/*
 * The input of an EPC QR payload. Every text is UTF-8, NUL-terminated, and
 * NULL or "" when absent. Lengths count characters (code points), as the
 * EPC and segno do.
 */
struct vinn_epc_qr {
    enum vinn_epc_charset charset;
    const char *bic;         /* optional in version 002: 8 or 11 characters */
    const char *name;        /* beneficiary, 1..70 characters */
    const char *iban;        /* valid IBAN, spaces allowed */
    int64_t amount_cents;    /* EUR, 1..99 999 999 999 */
    const char *purpose;     /* optional: 4 upper-case letters or digits */
    const char *reference;   /* ISO 11649 RF, max 35; or */
    const char *text;        /* unstructured remittance, 1..140 characters */
    const char *information; /* optional beneficiary-to-originator, max 70 */
};

/*
 * Write the 54-digit Finnish virtual bank barcode and its NUL into out.
 * iban must be a valid FI IBAN; reference a Finnish national reference
 * (version 4) or an RF reference with a numeric body (version 5, chosen when
 * the reference starts with "RF", any case); spaces are allowed in both.
 * amount_cents is 0..VINN_FI_BARCODE_AMOUNT_MAX; due is VINN_NO_DAY (printed
 * "000000") or a day in 2000-01-01..2099-12-31.
 * Returns VINN_OK or:
 *   field "iban": the errors of vinn_id_check; VINN_E_PAYCODE_IBAN_NOT_FINNISH
 *   field "reference": the errors of vinn_ref_check;
 *     VINN_E_PAYCODE_REFERENCE_NOT_NUMERIC (an RF body with letters)
 *   field "amount": VINN_E_PAYCODE_AMOUNT_NEGATIVE, VINN_E_PAYCODE_AMOUNT_TOO_LARGE
 *   field "due_date": VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE
 * out is unchanged on failure. error may be NULL.
 */
VINN_MUST_USE vinn_err vinn_paycode_fi_barcode(const char *iban, const char *reference,
                                               int64_t amount_cents, vinn_day due, char out[55],
                                               struct vinn_error *error);

/*
 * The Code 128 subset C symbol values of digits: start C (105), one value
 * 0..99 per digit pair, the check value (105 + sum of position * value,
 * positions from 1, mod 103) and stop (106); len(digits) / 2 + 3 values in
 * all. Writes them to codes (room for max values) and their number to
 * *count. Returns VINN_OK, VINN_E_FIELD_REQUIRED (empty),
 * VINN_E_PAYCODE_DIGITS_NOT_NUMERIC, VINN_E_PAYCODE_DIGITS_ODD_COUNT, or
 * VINN_E_LIMIT_EXCEEDED when max is too small. codes and *count are
 * unchanged on failure. digits, codes and count must not be NULL (asserted).
 */
VINN_MUST_USE vinn_err vinn_paycode_code128c(const char *digits, uint8_t *codes, size_t max,
                                             size_t *count);

/*
 * Write the EPC069-12 payload of in, version 002, identification SCT, into
 * out (cap bytes including a NUL; VINN_EPC_QR_PAYLOAD_MAX + 1 always fits)
 * and its length in bytes, without the NUL, into *len. With charset 2 the
 * texts are written in ISO-8859-1. The amount is written in euros with '.'
 * and no trailing zeros: 1230 -> "EUR12.3", 1200 -> "EUR12". The IBAN and
 * reference are written in machine form (no spaces, upper case).
 * Returns VINN_OK or, each naming its field:
 *   "charset"     VINN_E_PAYCODE_EPC_CHARSET_UNSUPPORTED
 *   "bic"         VINN_E_PAYCODE_EPC_BIC_INVALID
 *   "name"        VINN_E_PAYCODE_EPC_NAME_LENGTH
 *   "iban"        the errors of vinn_id_check
 *   "amount"      VINN_E_PAYCODE_EPC_AMOUNT_OUT_OF_RANGE
 *   "purpose"     VINN_E_PAYCODE_EPC_PURPOSE_INVALID
 *   "reference"   VINN_E_PAYCODE_EPC_REMITTANCE_BOTH, _REMITTANCE_MISSING,
 *                 _REFERENCE_TOO_LONG, the errors of vinn_ref_check (RF)
 *   "text"        VINN_E_PAYCODE_EPC_TEXT_TOO_LONG
 *   "information" VINN_E_PAYCODE_EPC_INFORMATION_TOO_LONG
 *   any text      VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE (invalid UTF-8, a
 *                 control character, or beyond U+00FF with charset 2)
 *   "payload"     VINN_E_PAYCODE_EPC_PAYLOAD_TOO_LONG
 *   VINN_E_LIMIT_EXCEEDED when out is too small.
 * out and *len are unchanged on failure. in, out and len must not be NULL.
 */
VINN_MUST_USE vinn_err vinn_paycode_epc_qr(const struct vinn_epc_qr *in, char *out, size_t cap,
                                           size_t *len, struct vinn_error *error);

#endif
