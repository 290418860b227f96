/*
 * refno.h - Nordic payment references: make, check, print and detect.
 *
 * A payment reference travels with a payment so the payee can match it to an
 * invoice without reading free text. vinn knows seven kinds:
 *
 *   kid10, kid11  Norwegian KID, 2..25 digits including the check digit.
 *                 MOD10 is Luhn (weights 2,1,... from the right, digit sums
 *                 of the products); MOD11 weights 2,3,4,5,6,7,2,... from the
 *                 right, check 11 - sum mod 11, remainder 0 gives '0' and
 *                 remainder 1 gives the check character '-'.
 *                 Source: Nets "System specification OCR giro" §5 and
 *                 AvtaleGiro systemspesifikasjon §4 (PDFs in otovo/python-netsgiro
 *                 references/); Ondkloss/norwegian-numbers.js for vectors.
 *   kid           a KID valid under either algorithm: the agreement decides,
 *                 and Nets' own sample file mixes both on one account.
 *   ocr           Swedish OCR reference, 2..25 digits, Luhn check digit last.
 *   ocr-len       as ocr, with a length digit just before the check digit:
 *                 (total length including both digits) mod 10.
 *                 Source: Bankgirot manual BG6070 §5.2, as implemented by
 *                 barsoom/banktools-se lib/banktools-se/ocr.rb.
 *   fi            Finnish viitenumero: 3..19 base digits and a 7-3-1 check
 *                 digit, 4..20 digits in all; printed in groups of five from
 *                 the right without leading zeros. Source: Finanssiala
 *                 "Kotimaisen viitteen rakenneohje".
 *   rf            ISO 11649 creditor reference: "RF", two check digits and
 *                 1..21 letters or digits, valid when the body followed by
 *                 "RF" and the check digits, letters as 10..35, is 1 mod 97;
 *                 printed in groups of four. Source: python-stdnum
 *                 stdnum/iso11649.py.
 *
 * Invariants: the machine form has no spaces and RF is upper case; every
 * reference vinn_ref_make returns passes vinn_ref_check of the same kind;
 * no function writes its output unless it succeeds. Input spaces are
 * ignored, since people copy references from print where they are grouped.
 * Pure: no allocation, no I/O, no locale.
 */
#ifndef VINN_CORE_REFNO_H
#define VINN_CORE_REFNO_H

#include <stddef.h>

#include "base/err.h"

enum vinn_ref_kind {
    VINN_REF_KID10,   /* Norwegian KID, MOD10 (Luhn) */
    VINN_REF_KID11,   /* Norwegian KID, MOD11, remainder 1 -> '-' */
    VINN_REF_KID,     /* check: valid under MOD10 or MOD11; make: same as KID10 */
    VINN_REF_OCR,     /* Swedish OCR, Luhn check digit */
    VINN_REF_OCR_LEN, /* Swedish OCR, length digit + Luhn check digit */
    VINN_REF_FI,      /* Finnish national reference (viitenumero), 7-3-1 */
    VINN_REF_RF,      /* ISO 11649 creditor reference */
};

enum {
    VINN_REF_KIND_COUNT = 7,
    VINN_REF_TEXT_MAX = 36 /* longest machine or human form + NUL */
};

/*
 * Names on the command line: "kid10", "kid11", "kid", "ocr", "ocr-len", "fi",
 * "rf" (exact, lower case). Returns VINN_OK and sets *out, or
 * VINN_E_REF_KIND_UNKNOWN (field "kind") whose message names the allowed
 * list; *out is unchanged on failure. name may be NULL (unknown).
 */
VINN_MUST_USE vinn_err vinn_ref_kind_parse(const char *name, enum vinn_ref_kind *out,
                                           struct vinn_error *error);

/* The command-line name of kind, a static string; kind must be valid (asserted). */
const char *vinn_ref_kind_name(enum vinn_ref_kind kind);

/*
 * Make a reference of kind from base (spaces ignored) and write its machine
 * form, NUL-terminated, into out (cap bytes; VINN_REF_TEXT_MAX always does).
 *   kid10, kid, ocr  base 1..24 digits + Luhn digit: 2..25 in all
 *   kid11            base 1..24 digits + MOD11 digit or '-'
 *   ocr-len          base 1..23 digits + length digit + Luhn digit
 *   fi               base 3..19 digits + 7-3-1 digit; leading zeros kept
 *   rf               "RF" + 2 check digits + base of 1..21 letters or digits
 *                    (upper-cased); "11112" -> "RF9811112"
 * Returns VINN_OK, or with field "base": VINN_E_REF_EMPTY,
 * VINN_E_REF_CHARACTERS, VINN_E_REF_LENGTH, VINN_E_LIMIT_EXCEEDED (cap too
 * small). out is unchanged on failure. error may be NULL.
 */
VINN_MUST_USE vinn_err vinn_ref_make(enum vinn_ref_kind kind, const char *base, char *out,
                                     size_t cap, struct vinn_error *error);

/*
 * Check ref (spaces ignored; rf case-insensitive) against kind. Returns
 * VINN_OK when valid, and then, when normalized is not NULL, writes the
 * machine form (no spaces, rf upper case) there (cap bytes). Errors, with
 * field "reference": VINN_E_REF_EMPTY, VINN_E_REF_CHARACTERS,
 * VINN_E_REF_LENGTH, VINN_E_REF_CHECK_DIGIT (the message gives the expected
 * check digit or digits), VINN_E_REF_LENGTH_DIGIT (ocr-len; the message gives
 * the expected length digit), VINN_E_LIMIT_EXCEEDED (cap too small for the
 * normalized form). A KID ending in '-' is valid only under kid11 and kid.
 * normalized is unchanged on failure. error may be NULL.
 */
VINN_MUST_USE vinn_err vinn_ref_check(enum vinn_ref_kind kind, const char *ref, char *normalized,
                                      size_t cap, struct vinn_error *error);

/*
 * Write the printed form of the valid machine-form ref into out (cap bytes):
 * fi in groups of five from the right without leading zeros, though never
 * shorter than 4 digits ("1 23453", "12 34561", "0013"); rf in groups of
 * four from the left ("RF18 5390 0754 7034"); KID and OCR unchanged.
 * Returns VINN_OK, VINN_E_LIMIT_EXCEEDED when cap is too small, or
 * VINN_E_REF_LENGTH when ref is longer than any machine form.
 * out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_ref_format_human(enum vinn_ref_kind kind, const char *ref, char *out,
                                             size_t cap);

/*
 * The kinds ref satisfies under vinn_ref_check, as a bit set of
 * (1u << kind) over every kind but VINN_REF_KID (which is kid10 | kid11), for
 * matching payments whose reference kind is not known. 0 for none or NULL.
 * Note kid10 and ocr share Luhn and length, so they always come together.
 */
unsigned vinn_ref_detect(const char *ref);

#endif
