/*
 * match.h - the pure parts of matching a bank entry to invoices: references
 * found in free text, how alike two names are, which open invoices of one
 * customer sum to a payment, and the confidence of each kind of match.
 *
 * The order of trust (issue "Payments in"): a structured reference that
 * checks and exists; a reference found in the free text; the exact amount
 * with a payer name like the customer's; a set of up to five open invoices
 * of one customer whose outstanding amounts sum to the payment. The app
 * looks things up in the store; this module decides. Pure.
 */
#ifndef VINN_CORE_MATCH_H
#define VINN_CORE_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/refno.h"

enum vinn_match_method {
    VINN_MATCH_NONE = 0,
    VINN_MATCH_REFERENCE = 1,      /* structured reference, checks and exists */
    VINN_MATCH_TEXT_REFERENCE = 2, /* a valid reference in the free text */
    VINN_MATCH_AMOUNT_NAME = 3,    /* exact outstanding amount + similar payer name */
    VINN_MATCH_SUBSET = 4,         /* up to 5 invoices of one customer summing to the amount */
    VINN_MATCH_MANUAL = 5,         /* a person assigned it */
};

enum {
    VINN_MATCH_TEXT_REFS_MAX = 8, /* candidate references taken from one text */
    VINN_MATCH_SUBSET_ITEMS_MAX = 5,
    VINN_MATCH_SUBSET_CANDIDATES_MAX = 24, /* open invoices searched for a subset */
    VINN_MATCH_CONFIDENCE_THRESHOLD = 70,  /* default: below it, the entry waits */
};

/* "none", "reference", "text_reference", "amount_name", "subset", "manual". */
const char *vinn_match_method_name(enum vinn_match_method method);

/*
 * Candidate references in free text, in the order they appear, each valid
 * under one of the kinds in kinds (a bit set of 1u << enum vinn_ref_kind;
 * VINN_REF_KID stands for kid10 | kid11), written in machine form into
 * out[i] (VINN_REF_TEXT_MAX bytes each), at most max (<=
 * VINN_MATCH_TEXT_REFS_MAX), without duplicates. A candidate is a run of
 * digits (a KID may end in '-') that may be split into groups by single
 * spaces (a Finnish reference is printed "12 34561"), or "RF" followed by
 * its check digits and body, spaces allowed between groups of four
 * ("RF18 5390 0754 7034"), case-insensitive. A digit run inside a longer
 * word ("INV2024x") is not a candidate; each group run is tried whole and,
 * when that fails, each group alone. Candidates shorter than 4 characters
 * are ignored (too easy to match by chance). Returns the count.
 */
uint32_t vinn_match_text_refs(const char *text, unsigned kinds, char (*out)[VINN_REF_TEXT_MAX],
                              uint32_t max);

/*
 * How alike a payer name and a customer name are, 0..100. Both are
 * normalised first: case folded, Nordic and other Latin letters reduced
 * (å ä à á -> a, æ -> ae, ø ö ó -> o, ü -> u, é è -> e, ß -> ss; UTF-8
 * input), punctuation dropped, company forms dropped as whole words (as,
 * asa, ab, ab publ, oy, oyj, aps, a/s, ltd, gmbh, ks, da, enk, ans), so
 * "ÅSE SØREIDE" and "Åse Søreide" are 100, and "Søreide, Åse" is 100
 * (word order does not count). Otherwise the better of word overlap (Dice
 * over words, initials match a word with that first letter: "Å. Søreide")
 * and letter-pair overlap (Dice over character bigrams, for typos). Empty
 * names after normalising score 0.
 */
int vinn_match_name_score(const char *a, const char *b);

/*
 * The key of a name for exact look-ups: its words normalised as
 * vinn_match_name_score does (case folded, letters reduced, company forms
 * dropped), sorted and joined by single spaces, so "Søreide, Åse" and
 * "ÅSE SØREIDE AS" both give "ase soreide". Written into out (cap bytes,
 * VINN_NAME_KEY_MAX always fits), cut at a word when it does not fit.
 */
enum { VINN_NAME_KEY_MAX = 288 };
void vinn_match_name_key(const char *name, char *out, size_t cap);

/*
 * Indexes of a set of at most max_items (<= VINN_MATCH_SUBSET_ITEMS_MAX)
 * amounts among amounts[0..n) (n <= VINN_MATCH_SUBSET_CANDIDATES_MAX; each
 * > 0) that sum exactly to target (> 0). Among several sets the one with
 * the fewest items wins, then the one whose indexes are lowest in
 * lexicographic order (callers pass invoices oldest first, so the oldest
 * win). picked receives the indexes in ascending order and *picked_count
 * their count; returns false (outputs unchanged) when no set exists or the
 * input is out of bounds. *ambiguous is set true when another set of the
 * same size also sums to target (the caller may then lower the confidence).
 * Bounded: at most C(24,5) sums.
 */
bool vinn_match_subset(int64_t target, const int64_t *amounts, uint32_t n, uint32_t max_items,
                       uint32_t *picked, uint32_t *picked_count, bool *ambiguous);

/*
 * Confidence 0..100 of a match:
 *   reference        100
 *   text_reference    90
 *   amount_name      name_score >= 90: 90; 75..89: 80; 60..74: 65; else 0
 *   subset           85 when name_score >= 75 and not ambiguous; 60 when
 *                    name_score >= 60 and ambiguous, or name_score 60..74;
 *                    else 0 (ambiguity lowers a confidence, never raises it)
 *   manual           100; none 0
 * A match is applied when confidence >= the tenant's threshold
 * (VINN_MATCH_CONFIDENCE_THRESHOLD by default).
 */
int vinn_match_confidence(enum vinn_match_method method, int name_score, bool ambiguous);

#endif
