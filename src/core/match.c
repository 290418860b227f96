/*
 * match.c - references in free text, name likeness, subset sums and match
 * confidence. The rules are in match.h.
 *
 * Every function works in fixed local buffers over bounded input: the text
 * scan visits each byte a small constant number of times and checks each
 * candidate at most a few times per kind; names are cut at VINN_NAME_MAX
 * bytes; the subset search visits at most C(24,5) sets of one size.
 */
#include "core/match.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "core/money.h"
#include "core/banned.h"

static const char *const method_names[] = {
    [VINN_MATCH_NONE] = "none",
    [VINN_MATCH_REFERENCE] = "reference",
    [VINN_MATCH_TEXT_REFERENCE] = "text_reference",
    [VINN_MATCH_AMOUNT_NAME] = "amount_name",
    [VINN_MATCH_SUBSET] = "subset",
    [VINN_MATCH_MANUAL] = "manual",
};

enum { METHODS_COUNT = sizeof(method_names) / sizeof(method_names[0]) };

const char *vinn_match_method_name(enum vinn_match_method method)
{
    VINN_ASSERT((int)method >= 0 && (int)method < METHODS_COUNT);
    return method_names[method];
}

/* ---- references in free text ------------------------------------------ */

enum {
    /* Shortest candidate tried: shorter digit strings pass some check by
     * chance far too often (match.h). */
    TEXT_REF_MIN = 4,
    /* Longest machine form of any kind (KID, OCR and RF: 25 characters). */
    TEXT_REF_MAX = 25,
    /* An RF token is its first word and at most this many groups of four:
     * "RF18" + 6 groups is already longer than TEXT_REF_MAX. */
    RF_GROUPS_MAX = 6,
};

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ascii_alnum(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Bytes of the separator at t[i], or 0 when t[i] belongs to a word (or is
 * the final NUL). ASCII separates unless it is a letter or digit; of UTF-8,
 * U+0080..U+00BF (no-break space, quotes, signs), U+00D7 and U+00F7 (x and
 * division signs) and U+2000..U+206F (spaces, dashes, quotes) separate;
 * every other non-ASCII byte is taken as part of a word, since most of
 * them in bank text are letters.
 */
static size_t separator_length(const unsigned char *t, size_t i)
{
    unsigned char c = t[i];
    if (c == '\0') {
        return 0;
    }
    if (c < 0x80) {
        return is_ascii_alnum(c) ? 0 : 1;
    }
    if (c == 0xC2 && t[i + 1] >= 0x80 && t[i + 1] <= 0xBF) {
        return 2;
    }
    if (c == 0xC3 && (t[i + 1] == 0x97 || t[i + 1] == 0xB7)) {
        return 2;
    }
    if (c == 0xE2 && t[i + 1] == 0x80 && t[i + 2] >= 0x80 && t[i + 2] <= 0xBF) {
        return 3; /* U+2000..U+203F */
    }
    if (c == 0xE2 && t[i + 1] == 0x81 && t[i + 2] >= 0x80 && t[i + 2] <= 0xAF) {
        return 3; /* U+2040..U+206F */
    }
    return 0;
}

/* Whether t[i] ends a word: a separator or the end of the text. */
static bool is_boundary(const unsigned char *t, size_t i)
{
    return t[i] == '\0' || separator_length(t, i) > 0;
}

struct text_found {
    char (*out)[VINN_REF_TEXT_MAX];
    uint32_t count;
    uint32_t max;
    unsigned kinds;
};

static bool found_is_full(const struct text_found *f)
{
    return f->count >= f->max;
}

/* Record ref (machine form) unless it is already there. */
static void found_add(struct text_found *f, const char *ref)
{
    for (uint32_t i = 0; i < f->count; i++) {
        if (strcmp(f->out[i], ref) == 0) {
            return;
        }
    }
    VINN_ASSERT(f->count < f->max);
    size_t n = strlen(ref);
    VINN_ASSERT(n < VINN_REF_TEXT_MAX);
    memcpy(f->out[f->count], ref, n + 1);
    f->count++;
}

/* Check candidate (NUL-terminated, no spaces) against every kind in the set;
 * record its machine form when one accepts it. */
static bool candidate_try(struct text_found *f, const char *candidate, size_t n)
{
    if (n < TEXT_REF_MIN || n > TEXT_REF_MAX) {
        return false;
    }
    for (int k = 0; k < VINN_REF_KIND_COUNT; k++) {
        if ((f->kinds & (1u << k)) == 0) {
            continue;
        }
        char normalized[VINN_REF_TEXT_MAX];
        if (vinn_ref_check((enum vinn_ref_kind)k, candidate, normalized, sizeof(normalized),
                           NULL) == VINN_OK) {
            found_add(f, normalized);
            return true;
        }
    }
    return false;
}

/* As candidate_try for digits that may end in a MOD11 '-': first with the
 * '-', then without it (it was punctuation after all). */
static bool digits_try(struct text_found *f, char *candidate, size_t n, bool dash)
{
    if (dash) {
        candidate[n] = '-';
        candidate[n + 1] = '\0';
        if (candidate_try(f, candidate, n + 1)) {
            return true;
        }
    }
    candidate[n] = '\0';
    return candidate_try(f, candidate, n);
}

/* End of the digit group starting at t[i]. */
static size_t group_end(const unsigned char *t, size_t i)
{
    while (is_digit(t[i])) {
        i++;
    }
    return i;
}

/* One run of digit groups: where it starts and ends, and what it holds. */
struct digit_run {
    size_t start;
    size_t end;          /* after the last digit, before any '-' */
    size_t digits_count; /* digits of all groups, spaces not counted */
    size_t groups_count;
    bool dash; /* a MOD11 '-' right after the last group */
};

/*
 * Read the run of digit groups at t[i] (a digit after a boundary): groups
 * of digits joined by single spaces, each ending at a boundary. Returns
 * false when the first group runs into a word ("2024x").
 */
static bool digit_run_read(const unsigned char *t, size_t i, struct digit_run *run)
{
    size_t end = group_end(t, i);
    if (!is_boundary(t, end)) {
        return false;
    }
    run->start = i;
    run->end = end;
    run->digits_count = end - i;
    run->groups_count = 1;
    while (t[run->end] == ' ' && is_digit(t[run->end + 1])) {
        size_t next_end = group_end(t, run->end + 1);
        if (!is_boundary(t, next_end)) {
            break;
        }
        run->digits_count += next_end - (run->end + 1);
        run->groups_count++;
        run->end = next_end;
    }
    /* "100008-": the '-' is a MOD11 check character when nothing of a word
     * follows it; before a digit ("2024-01-15") it is a dash. */
    run->dash = t[run->end] == '-' && is_boundary(t, run->end + 1);
    return true;
}

/* Try the whole run, spaces dropped; when it fails, each group alone. */
static void digit_run_try(struct text_found *f, const unsigned char *t, const struct digit_run *run)
{
    char candidate[TEXT_REF_MAX + 2]; /* digits, a '-' and the NUL */
    if (run->digits_count <= TEXT_REF_MAX) {
        size_t n = 0;
        for (size_t i = run->start; i < run->end; i++) {
            if (t[i] != ' ') {
                candidate[n] = (char)t[i];
                n++;
            }
        }
        if (digits_try(f, candidate, n, run->dash) || run->groups_count == 1) {
            return;
        }
    }
    size_t i = run->start;
    while (i < run->end && !found_is_full(f)) {
        size_t end = group_end(t, i);
        size_t n = end - i;
        if (n <= TEXT_REF_MAX) {
            memcpy(candidate, t + i, n);
            (void)digits_try(f, candidate, n, run->dash && end == run->end);
        }
        i = end + 1; /* past the single space */
    }
}

/* End of the run of ASCII letters and digits at t[i]. */
static size_t alnum_end(const unsigned char *t, size_t i)
{
    while (is_ascii_alnum(t[i])) {
        i++;
    }
    return i;
}

static bool is_rf_start(const unsigned char *t, size_t i)
{
    return (t[i] == 'R' || t[i] == 'r') && (t[i + 1] == 'F' || t[i + 1] == 'f') &&
           is_digit(t[i + 2]) && is_digit(t[i + 3]);
}

/*
 * An RF reference at t[i]: its first word ("RF18" or the whole unspaced
 * "RF185390075470Y") and, when that word is a full group of four, the
 * groups of one to four that follow after single spaces ("RF18 5390 0754
 * 7034"), a group shorter than four being the last. The longest form that
 * checks wins, so words after the reference ("... 7034 for May") fall off.
 * Returns the end of what was taken: the reference, or the first word.
 */
static size_t rf_try(struct text_found *f, const unsigned char *t, size_t i)
{
    size_t ends[RF_GROUPS_MAX + 1];
    size_t ends_count = 1;
    ends[0] = alnum_end(t, i);
    if (!is_boundary(t, ends[0])) {
        return ends[0];
    }
    size_t length = ends[0] - i;
    size_t group = length;
    while (group == 4 && ends_count <= RF_GROUPS_MAX && t[ends[ends_count - 1]] == ' ') {
        size_t start = ends[ends_count - 1] + 1;
        size_t end = alnum_end(t, start);
        group = end - start;
        if (group == 0 || group > 4 || !is_boundary(t, end) || length + group > TEXT_REF_MAX) {
            break;
        }
        length += group;
        ends[ends_count] = end;
        ends_count++;
    }
    if (length > TEXT_REF_MAX) {
        return ends[0];
    }
    char candidate[TEXT_REF_MAX + 1];
    size_t n = 0;
    for (size_t k = i; k < ends[ends_count - 1]; k++) {
        if (t[k] != ' ') {
            candidate[n] = (char)t[k];
            n++;
        }
    }
    /* Drop trailing groups one at a time until the rest checks. Up to the
     * end of group g the text holds g single spaces, which were not copied. */
    for (size_t taken = ends_count; taken > 0; taken--) {
        size_t taken_length = ends[taken - 1] - i - (taken - 1);
        VINN_ASSERT(taken_length <= n);
        candidate[taken_length] = '\0';
        if (candidate_try(f, candidate, taken_length)) {
            return ends[taken - 1];
        }
    }
    return ends[0];
}

uint32_t vinn_match_text_refs(const char *text, unsigned kinds, char (*out)[VINN_REF_TEXT_MAX],
                              uint32_t max)
{
    VINN_ASSERT(max <= VINN_MATCH_TEXT_REFS_MAX);
    VINN_ASSERT(out != NULL || max == 0);
    struct text_found f = {.out = out, .count = 0, .max = max, .kinds = kinds};
    if (text == NULL) {
        return 0;
    }
    const unsigned char *t = (const unsigned char *)text;
    bool after_word = false;
    size_t i = 0;
    while (t[i] != '\0' && !found_is_full(&f)) {
        if (!after_word && (kinds & (1u << VINN_REF_RF)) != 0 && is_rf_start(t, i)) {
            i = rf_try(&f, t, i);
            after_word = !is_boundary(t, i);
            continue;
        }
        struct digit_run run;
        if (!after_word && is_digit(t[i]) && digit_run_read(t, i, &run)) {
            digit_run_try(&f, t, &run);
            i = run.end + (run.dash ? 1 : 0);
            after_word = false;
            continue;
        }
        size_t separator = separator_length(t, i);
        after_word = separator == 0;
        i += separator == 0 ? 1 : separator;
    }
    return f.count;
}

/* ---- name likeness ------------------------------------------------------ */

enum {
    /* Bytes of a name read (ISO 20022 Max140Text); the rest is cut. The
     * normalised form is never longer than what was read (see name_letters). */
    NAME_BYTES_MAX = VINN_NAME_MAX,
    /* Words need a separator between them: at most 70 in 140 bytes. */
    NAME_WORDS_MAX = NAME_BYTES_MAX / 2 + 1,
};

/*
 * Latin-1 Supplement and Latin Extended-A letters reduced to ASCII, upper
 * and lower case alike: the letters of Nordic and other European names, so
 * that a bank that strips accents ("SOREIDE") still matches "Søreide".
 * Every reduction is at most as long as its UTF-8 form (two bytes). NULL
 * marks the multiplication and division signs, which separate words.
 */
static const struct {
    uint16_t first;
    uint16_t last;
    const char *ascii;
} name_letters[] = {
    {0x00C0, 0x00C5, "a"},
    {0x00C6, 0x00C6, "ae"},
    {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"},
    {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},
    {0x00D2, 0x00D6, "o"},
    {0x00D7, 0x00D7, NULL},
    {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},
    {0x00DD, 0x00DD, "y"},
    {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"},
    {0x00E0, 0x00E5, "a"},
    {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"},
    {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},
    {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"},
    {0x00F7, 0x00F7, NULL},
    {0x00F8, 0x00F8, "o"},
    {0x00F9, 0x00FC, "u"},
    {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"},
    {0x00FF, 0x00FF, "y"},
    /* Latin Extended-A: upper and lower case pairs in a row. */
    {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"},
    {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},
    {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"},
    {0x0134, 0x0135, "j"},
    {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},
    {0x0143, 0x014B, "n"},
    {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"},
    {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},
    {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},
    {0x0179, 0x017E, "z"},
    {0x017F, 0x017F, "s"},
};

enum { NAME_LETTERS_COUNT = sizeof(name_letters) / sizeof(name_letters[0]) };

/* Company forms dropped as whole words (match.h); "a/s" arrives as "as"
 * because '/' joins, and "publ" is dropped only right after "ab". */
static const char *const company_forms[] = {
    "as", "asa", "ab", "oy", "oyj", "aps", "ltd", "gmbh", "ks", "da", "enk", "ans",
};

enum { COMPANY_FORMS_COUNT = sizeof(company_forms) / sizeof(company_forms[0]) };

/* A name reduced to words: the words back to back in text (no spaces). */
struct name_words {
    char text[NAME_BYTES_MAX + 1];
    size_t length;
    uint8_t starts[NAME_WORDS_MAX];
    uint8_t lengths[NAME_WORDS_MAX];
    size_t count;
    size_t word_start; /* where the word being read starts in text */
    bool after_ab;     /* the last word read was the dropped form "ab" */
};

/* What one character does to a name. */
enum name_class { NAME_SEPARATE, NAME_JOIN, NAME_APPEND };

/* Decode the UTF-8 character at s[0..n): its length, or 0 when malformed
 * (bad lead, missing continuation, overlong, surrogate, above U+10FFFF). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t length = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (length == 0 || s[0] > 0xF4 || length > n) {
        return 0;
    }
    uint32_t value = s[0] & (0x7Fu >> length);
    for (size_t k = 1; k < length; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (s[k] & 0x3Fu);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < least[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    *cp = value;
    return length;
}

/* Classify code point cp; for NAME_APPEND with a reduction, *ascii is set
 * (NULL: keep the character's own bytes). */
static enum name_class name_classify(uint32_t cp, const char **ascii)
{
    *ascii = NULL;
    if (cp == '\'' || cp == '`' || cp == '/' || cp == 0xB4 || cp == 0x2018 || cp == 0x2019) {
        return NAME_JOIN; /* apostrophes (O'Brien) and the slash of "A/S" */
    }
    if (cp < 0x80) {
        return is_ascii_alnum((unsigned char)cp) ? NAME_APPEND : NAME_SEPARATE;
    }
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F)) {
        return NAME_SEPARATE; /* no-break space, signs, dashes, quotes */
    }
    for (size_t i = 0; i < NAME_LETTERS_COUNT; i++) {
        if (cp >= name_letters[i].first && cp <= name_letters[i].last) {
            *ascii = name_letters[i].ascii;
            return *ascii == NULL ? NAME_SEPARATE : NAME_APPEND;
        }
    }
    return NAME_APPEND;
}

static void name_append(struct name_words *w, const char *bytes, size_t n)
{
    VINN_ASSERT(w->length + n <= NAME_BYTES_MAX);
    for (size_t i = 0; i < n; i++) {
        char c = bytes[i];
        w->text[w->length + i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    w->length += n;
}

static bool name_is_company_form(const char *word, size_t n, bool after_ab)
{
    if (after_ab && n == 4 && memcmp(word, "publ", 4) == 0) {
        return true;
    }
    for (size_t i = 0; i < COMPANY_FORMS_COUNT; i++) {
        if (strlen(company_forms[i]) == n && memcmp(company_forms[i], word, n) == 0) {
            return true;
        }
    }
    return false;
}

/* End the word being read: keep it, or drop it when it is a company form. */
static void name_word_end(struct name_words *w)
{
    size_t n = w->length - w->word_start;
    if (n == 0) {
        return;
    }
    const char *word = w->text + w->word_start;
    if (name_is_company_form(word, n, w->after_ab)) {
        w->after_ab = n == 2 && memcmp(word, "ab", 2) == 0;
        w->length = w->word_start;
        return;
    }
    VINN_ASSERT(w->count < NAME_WORDS_MAX);
    w->starts[w->count] = (uint8_t)w->word_start;
    w->lengths[w->count] = (uint8_t)n;
    w->count++;
    w->word_start = w->length;
    w->after_ab = false;
}

/* Normalise name (match.h): case folded, letters reduced, punctuation
 * separating or joining words, company forms dropped. */
static void name_normalise(const char *name, struct name_words *w)
{
    memset(w, 0, sizeof(*w));
    const unsigned char *s = (const unsigned char *)(name == NULL ? "" : name);
    size_t n = strnlen((const char *)s, NAME_BYTES_MAX);
    size_t i = 0;
    while (i < n) {
        uint32_t cp = s[i];
        size_t length = s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
        if (length == 0) {
            name_word_end(w); /* a malformed byte (or a character cut at 140) separates */
            i++;
            continue;
        }
        const char *ascii = NULL;
        enum name_class c = name_classify(cp, &ascii);
        if (c == NAME_SEPARATE) {
            name_word_end(w);
        } else if (c == NAME_APPEND && ascii != NULL) {
            name_append(w, ascii, strlen(ascii));
        } else if (c == NAME_APPEND) {
            name_append(w, (const char *)s + i, length);
        }
        i += length;
    }
    name_word_end(w);
    w->text[w->length] = '\0';
}

static int name_word_cmp(const struct name_words *w, size_t i, size_t j)
{
    size_t li = w->lengths[i];
    size_t lj = w->lengths[j];
    int c = memcmp(w->text + w->starts[i], w->text + w->starts[j], li < lj ? li : lj);
    if (c != 0) {
        return c;
    }
    return li < lj ? -1 : (li > lj ? 1 : 0);
}

void vinn_match_name_key(const char *name, char *out, size_t cap)
{
    VINN_ASSERT(cap > 0);
    struct name_words w;
    name_normalise(name, &w);
    size_t order[NAME_WORDS_MAX];
    for (size_t i = 0; i < w.count; i++) {
        order[i] = i;
    }
    /* Insertion sort: a name has few words. */
    for (size_t i = 1; i < w.count; i++) {
        for (size_t j = i; j > 0 && name_word_cmp(&w, order[j - 1], order[j]) > 0; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < w.count; i++) {
        size_t len = w.lengths[order[i]];
        size_t need = len + (n > 0 ? 1 : 0);
        if (n + need + 1 > cap) {
            break; /* cut at a word */
        }
        if (n > 0) {
            out[n++] = ' ';
        }
        memcpy(out + n, w.text + w.starts[order[i]], len);
        n += len;
        out[n] = '\0';
    }
}

static bool name_word_equal(const struct name_words *a, size_t i, const struct name_words *b,
                            size_t j)
{
    return a->lengths[i] == b->lengths[j] &&
           memcmp(a->text + a->starts[i], b->text + b->starts[j], a->lengths[i]) == 0;
}

/* An initial ("a", from "Å." or "A") matches a word starting with its letter. */
static bool name_initial_matches(const struct name_words *a, size_t i, const struct name_words *b,
                                 size_t j)
{
    char letter = a->text[a->starts[i]];
    return a->lengths[i] == 1 && letter >= 'a' && letter <= 'z' && b->text[b->starts[j]] == letter;
}

/* Pair each unpaired word of a with the first unpaired word of b that
 * equal (or initial_matches) accepts; returns the pairs made. */
static size_t name_words_pair(const struct name_words *a, bool *a_paired,
                              const struct name_words *b, bool *b_paired, bool initials)
{
    size_t pairs = 0;
    for (size_t i = 0; i < a->count; i++) {
        for (size_t j = 0; !a_paired[i] && j < b->count; j++) {
            bool match = initials ? name_initial_matches(a, i, b, j) : name_word_equal(a, i, b, j);
            if (!b_paired[j] && match) {
                a_paired[i] = true;
                b_paired[j] = true;
                pairs++;
            }
        }
    }
    return pairs;
}

/* Dice over words, initials counting as matches; 100 for the same words in
 * any order. */
static int name_words_dice(const struct name_words *a, const struct name_words *b)
{
    bool a_paired[NAME_WORDS_MAX] = {false};
    bool b_paired[NAME_WORDS_MAX] = {false};
    size_t pairs = name_words_pair(a, a_paired, b, b_paired, false);
    if (pairs == a->count && pairs == b->count) {
        return 100;
    }
    pairs += name_words_pair(a, a_paired, b, b_paired, true);
    pairs += name_words_pair(b, b_paired, a, a_paired, true);
    return (int)(200 * pairs / (a->count + b->count));
}

/* Dice over the byte pairs of the words run together, each pair of b used
 * at most once, so typos and split or joined words still score. */
static int name_bigrams_dice(const struct name_words *a, const struct name_words *b)
{
    if (a->length < 2 || b->length < 2) {
        return 0;
    }
    bool b_used[NAME_BYTES_MAX] = {false};
    size_t pairs = 0;
    for (size_t i = 0; i + 1 < a->length; i++) {
        for (size_t j = 0; j + 1 < b->length; j++) {
            if (!b_used[j] && a->text[i] == b->text[j] && a->text[i + 1] == b->text[j + 1]) {
                b_used[j] = true;
                pairs++;
                break;
            }
        }
    }
    return (int)(200 * pairs / (a->length - 1 + b->length - 1));
}

int vinn_match_name_score(const char *a, const char *b)
{
    struct name_words wa;
    struct name_words wb;
    name_normalise(a, &wa);
    name_normalise(b, &wb);
    if (wa.count == 0 || wb.count == 0) {
        return 0;
    }
    int words = name_words_dice(&wa, &wb);
    int bigrams = name_bigrams_dice(&wa, &wb);
    int score = words > bigrams ? words : bigrams;
    VINN_ASSERT(score >= 0);
    VINN_ASSERT(score <= 100);
    return score;
}

/* ---- subsets ------------------------------------------------------------ */

struct subset_search {
    const int64_t *amounts;
    uint32_t n;
    int64_t target;
    uint32_t size; /* items in every set of this pass */
    uint32_t current[VINN_MATCH_SUBSET_ITEMS_MAX];
    uint32_t first[VINN_MATCH_SUBSET_ITEMS_MAX];
    uint32_t found; /* sets summing to target: 0, 1, or 2 meaning "more than one" */
};

/*
 * Visit the sets of s->size indexes extending current[0..depth) (sum so
 * far) in lexicographic order, stopping at the second that sums to target.
 * Amounts are positive, so a prefix already at or above target with items
 * still to add is cut, and so is a sum that would overflow (it is above any
 * target). Depth at most VINN_MATCH_SUBSET_ITEMS_MAX.
 */
static void subset_walk(struct subset_search *s, uint32_t depth, uint32_t from, int64_t sum)
{
    if (depth == s->size) {
        if (sum == s->target && s->found == 0) {
            memcpy(s->first, s->current, sizeof(s->current[0]) * s->size);
        }
        s->found += sum == s->target ? 1 : 0;
        return;
    }
    for (uint32_t i = from; i + (s->size - depth) <= s->n && s->found < 2; i++) {
        int64_t next;
        if (vinn_money_add(sum, s->amounts[i], &next) != VINN_OK || next > s->target) {
            continue;
        }
        if (next == s->target && depth + 1 < s->size) {
            continue;
        }
        s->current[depth] = i;
        subset_walk(s, depth + 1, i + 1, next);
    }
}

static bool subset_input_is_valid(int64_t target, const int64_t *amounts, uint32_t n,
                                  uint32_t max_items)
{
    if (target <= 0 || n > VINN_MATCH_SUBSET_CANDIDATES_MAX || max_items == 0 ||
        max_items > VINN_MATCH_SUBSET_ITEMS_MAX || (amounts == NULL && n > 0)) {
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (amounts[i] <= 0) {
            return false;
        }
    }
    return true;
}

bool vinn_match_subset(int64_t target, const int64_t *amounts, uint32_t n, uint32_t max_items,
                       uint32_t *picked, uint32_t *picked_count, bool *ambiguous)
{
    VINN_ASSERT(picked != NULL);
    VINN_ASSERT(picked_count != NULL);
    VINN_ASSERT(ambiguous != NULL);
    if (!subset_input_is_valid(target, amounts, n, max_items)) {
        return false;
    }
    struct subset_search s = {.amounts = amounts, .n = n, .target = target};
    for (s.size = 1; s.size <= max_items && s.size <= n; s.size++) {
        subset_walk(&s, 0, 0, 0);
        if (s.found > 0) {
            break;
        }
    }
    if (s.found == 0) {
        return false;
    }
    /* Point of no return: a set was found, the outputs are written. */
    int64_t sum = 0;
    for (uint32_t k = 0; k < s.size; k++) {
        VINN_ASSERT(k == 0 || s.first[k - 1] < s.first[k]);
        vinn_err err = vinn_money_add(sum, amounts[s.first[k]], &sum);
        VINN_ASSERT(err == VINN_OK);
        picked[k] = s.first[k];
    }
    VINN_ASSERT(sum == target);
    *picked_count = s.size;
    *ambiguous = s.found > 1;
    return true;
}

/* ---- confidence --------------------------------------------------------- */

int vinn_match_confidence(enum vinn_match_method method, int name_score, bool ambiguous)
{
    switch (method) {
    case VINN_MATCH_NONE:
        return 0;
    case VINN_MATCH_REFERENCE:
    case VINN_MATCH_MANUAL:
        return 100;
    case VINN_MATCH_TEXT_REFERENCE:
        return 90;
    case VINN_MATCH_AMOUNT_NAME:
        if (name_score >= 90) {
            return 90;
        }
        if (name_score >= 75) {
            return 80;
        }
        return name_score >= 60 ? 65 : 0;
    case VINN_MATCH_SUBSET:
        if (name_score >= 75 && !ambiguous) {
            return 85;
        }
        /* Ambiguity lowers a good name to 60; it never raises a poor one. */
        return name_score >= 60 ? 60 : 0;
    }
    VINN_UNREACHABLE();
}
