/*
 * ident.h - Nordic identifiers: IBAN, bank accounts, organisation numbers and
 * personal identity numbers, checked by their published check-digit rules.
 *
 * Each kind has a typed form (what people write: "8601.11.17947",
 * "NO988077917MVA", "880320-0016") and a machine form (what vinn stores:
 * "86011117947", "988077917", "198803200016"). vinn_id_check turns the first
 * into the second or says which rule failed.
 *
 * Invariants:
 * - A machine form always fits in VINN_ID_TEXT_MAX bytes with its NUL, and
 *   vinn_id_check of a machine form gives that same machine form back.
 * - Every number vinn_id_make produces passes vinn_id_check.
 * - On failure no output is written: validate everything, then copy.
 * - Pure: no clock. The Swedish personnummer needs a `today` to place a
 *   two-digit year in its century, so it is a parameter.
 *
 * Sources (python-stdnum at 006192e59be8ed6e08fd680256868a6c31eb2ba9 unless
 * noted; vectors in docs DOMAIN.md sections 1.2 and 1.5-1.10):
 * - IBAN: ISO 13616 mod 97-10, stdnum/iban.py, stdnum/iso7064/mod_97_10.py;
 *   the BBAN structure of each country from stdnum/iban.dat (SWIFT IBAN
 *   registry). The IBAN check is pure ISO 13616: "NO23 8601 1117 946" passes
 *   it although its BBAN fails the kontonummer rule (stdnum/no/iban.py);
 *   check the account with VINN_ID_NO_ACCOUNT where that matters.
 * - Norwegian kontonummer: stdnum/no/kontonr.py, Ondkloss/norwegian-numbers.js
 *   (makeAccountNumber). Legacy postgiro numbers "0000" + 7 digits carry a
 *   Luhn check digit instead of MOD11 (stdnum/no/kontonr.py).
 * - Norwegian organisasjonsnummer: stdnum/no/orgnr.py, Ondkloss
 *   norwegian-numbers.js; VAT form "NO" + orgnr + "MVA" (Peppol NO-R-001).
 * - Norwegian fødselsnummer, D- and H-numbers: stdnum/no/fodselsnummer.py
 *   (check digits, century from the individual number). FH-numbers (first
 *   digit 8 or 9) pass the check digits and hold no birth date.
 * - Swedish organisationsnummer: stdnum/se/orgnr.py (Luhn).
 * - Swedish personnummer: stdnum/se/personnummer.py (Luhn on the last ten
 *   digits; '+' for a person of 100 or more). Samordningsnummer add 60 to
 *   the day of birth (Skatteverket).
 * - Swedish bankgiro number: barsoom/banktools-se lib/banktools-se/bankgiro.rb
 *   (7-8 digits, Luhn).
 * - Finnish henkilötunnus: stdnum/fi/hetu.py, with the century signs of 2023.
 *   Individual numbers 900-999 are temporary and not accepted (as hetu.py
 *   without allow_temporary).
 * - Finnish Y-tunnus: stdnum/fi/alv.py, stdnum/fi/ytunnus.py.
 * - Danish CVR: stdnum/dk/cvr.py (never starts with 0).
 */
#ifndef VINN_CORE_IDENT_H
#define VINN_CORE_IDENT_H

#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

enum vinn_id_kind {
    VINN_ID_IBAN,        /* ISO 13616 mod 97-10 with each country's length */
    VINN_ID_NO_ACCOUNT,  /* Norwegian bank account (kontonummer), 11 digits MOD11 */
    VINN_ID_NO_ORG,      /* Norwegian organisasjonsnummer, 9 digits MOD11 */
    VINN_ID_SE_ORG,      /* Swedish organisationsnummer, 10 digits Luhn */
    VINN_ID_FI_BUSINESS, /* Finnish Y-tunnus, 7 digits + '-' + check (dash optional on input) */
    VINN_ID_DK_CVR,      /* Danish CVR, 8 digits mod 11 */
    VINN_ID_NO_PERSON,   /* fødselsnummer, D-number (day+40), H-number (month+40) */
    VINN_ID_SE_PERSON,   /* personnummer / samordningsnummer (day+60), 10 or 12 digits, '-' or '+' */
    VINN_ID_FI_PERSON,   /* henkilötunnus (HETU), incl. the 2023 century signs */
    VINN_ID_SE_BANKGIRO, /* Bankgiro number, 7-8 digits Luhn */
};

/* VINN_ID_TEXT_MAX bounds the typed text (at most VINN_ID_TEXT_MAX - 1
 * characters, spaces included) and sizes every output buffer of this module:
 * a buffer of VINN_ID_TEXT_MAX bytes always fits the result. */
enum { VINN_ID_KIND_COUNT = 10, VINN_ID_TEXT_MAX = 48 };

/*
 * Kind from its name: "iban", "no-account", "no-org", "se-org",
 * "fi-business", "dk-cvr", "no-person", "se-person", "fi-person",
 * "se-bankgiro". Returns VINN_OK, or VINN_E_ID_KIND_UNKNOWN (field "kind",
 * the message lists the allowed names). *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_id_kind_parse(const char *name, enum vinn_id_kind *out,
                                          struct vinn_error *error);

/* The name of a kind, as above; a static string. kind must be valid. */
const char *vinn_id_kind_name(enum vinn_id_kind kind);

/*
 * Check value as a kind and give its machine form.
 *
 * Separators people type are dropped where the kind uses them: spaces in
 * every kind; '.' in no-account ("8601.11.17947"); '-' in se-org,
 * se-bankgiro, fi-business and no-person. no-org also takes the VAT form
 * "NO988077917MVA" (either affix alone too, any case). In se-person the
 * separator is meaningful: '-' or '+' before the last four digits, '+' for a
 * person aged 100 or more. In fi-person the century sign is part of the
 * number.
 *
 * normalized, if not NULL, receives the machine form (cap bytes including
 * the NUL; VINN_ID_TEXT_MAX always fits): iban upper case without spaces;
 * no-account 11 digits; no-org 9 digits; se-org 10 digits; fi-business
 * "NNNNNNN-C"; dk-cvr 8 digits; no-person 11 digits; se-person 12 digits
 * YYYYMMDDNNNC; fi-person as typed, upper case, without spaces; se-bankgiro
 * 7 or 8 digits.
 *
 * today is used by se-person only: a 10-digit number gets the latest century
 * in which the person is born on or before today (and, with '+', the century
 * before that); a 12-digit number may not be born after today. Other kinds
 * ignore today, so 0 is fine for them.
 *
 * field names the input in errors ("org", "iban", "national_id"); NULL uses
 * the kind's name. Returns VINN_OK or:
 *   VINN_E_ID_EMPTY              nothing but separators
 *   VINN_E_ID_CHARACTERS         a character the kind does not allow, or a
 *                                part in the wrong shape (IBAN BBAN structure)
 *   VINN_E_ID_LENGTH             wrong number of digits, or typed text of
 *                                VINN_ID_TEXT_MAX characters or more
 *   VINN_E_ID_CHECKSUM           a check digit is wrong, or the base has no
 *                                valid check digit (MOD11 remainder 1)
 *   VINN_E_ID_DATE               impossible birth date (se-person 8899200425),
 *                                or a se-person born after today
 *   VINN_E_ID_INDIVIDUAL_NUMBER  HETU individual number 000, 001 or 900-999;
 *                                no-person individual number that gives no
 *                                century for its year
 *   VINN_E_ID_COUNTRY            IBAN country without an IBAN
 *   VINN_E_ID_FIRST_DIGIT        dk-cvr starting with 0
 *   VINN_E_LIMIT_EXCEEDED        normalized does not fit in cap bytes
 * normalized is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_id_check(enum vinn_id_kind kind, const char *value, vinn_day today,
                                     const char *field, char *normalized, size_t cap,
                                     struct vinn_error *error);

/*
 * Birth date of a valid personal identity number (no-person, se-person,
 * fi-person). For no-person the century comes from the individual number
 * (stdnum/no/fodselsnummer.py); D- and H-number offsets are removed; for
 * se-person the samordningsnummer offset is removed and today places a
 * 10-digit number as in vinn_id_check. Birth dates before 1900 (Norwegian
 * individual numbers 500-749, the HETU '+' sign) are given as day numbers
 * before VINN_DAY_MIN.
 * Returns VINN_OK, any error of vinn_id_check (field "national_id"),
 * VINN_E_ID_DATE for an FH-number (no birth date by design), or
 * VINN_E_ID_KIND_UNKNOWN for a kind that is not a person. *out is unchanged
 * on failure.
 */
VINN_MUST_USE vinn_err vinn_id_birth_date(enum vinn_id_kind kind, const char *value,
                                          vinn_day today, vinn_day *out,
                                          struct vinn_error *error);

/*
 * IBAN in machine form from a Norwegian account number:
 * "8601 11 17947" -> "NO9386011117947". The account must pass the no-account
 * check (its errors, field "account"). out takes cap bytes including the NUL
 * (16 needed); VINN_E_LIMIT_EXCEEDED when it does not fit. out is unchanged
 * on failure.
 */
VINN_MUST_USE vinn_err vinn_iban_from_no_account(const char *account, char *out, size_t cap,
                                                 struct vinn_error *error);

/*
 * A valid IBAN printed in groups of four: "NO9386011117947" ->
 * "NO93 8601 1117 947". Accepts any typed form vinn_id_check accepts.
 * Returns VINN_OK, the errors of the IBAN check, or VINN_E_LIMIT_EXCEEDED
 * when out (cap bytes including the NUL) is too small. out is unchanged on
 * failure.
 */
VINN_MUST_USE vinn_err vinn_iban_format_human(const char *iban, char *out, size_t cap);

/*
 * Append the check digit to a base, for test and demo data:
 *   no-org       8 digits -> 9
 *   no-account  10 digits -> 11 (base "0000" + 6 digits: legacy postgiro, Luhn)
 *   se-org       9 digits -> 10
 *   dk-cvr       7 digits -> 8
 *   fi-business  7 digits -> "NNNNNNN-C"
 * Spaces in base are ignored. Returns VINN_OK or VINN_E_ID_EMPTY,
 * VINN_E_ID_CHARACTERS, VINN_E_ID_LENGTH (field "base"), VINN_E_ID_CHECKSUM
 * when the MOD11 remainder is 1 so no valid number has this base,
 * VINN_E_ID_FIRST_DIGIT for a dk-cvr base starting with 0,
 * VINN_E_LIMIT_EXCEEDED when out (cap bytes) is too small, and
 * VINN_E_ID_KIND_UNKNOWN for the other kinds. out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_id_make(enum vinn_id_kind kind, const char *base, char *out,
                                    size_t cap, struct vinn_error *error);

#endif
