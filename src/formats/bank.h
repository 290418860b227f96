/*
 * bank.h - the entries of incoming-payment bank files, whatever the format.
 *
 * Every reader of a bank file (camt.c: ISO 20022 camt.054 and camt.053;
 * ocr.c: Nets OCR giro; bgmax.c: Bankgirot BgMax; bankcsv.c: CSV) streams
 * the file once, with bounded memory whatever its size, and hands each
 * payment to a callback as one struct vinn_bank_entry. The callback may
 * stop the read by returning an error, which the reader returns unchanged.
 *
 * Invariants of every entry handed out:
 * - amount_minor > 0, in minor units of currency (an ISO 4217 code vinn
 *   knows, exponent from core/money.h); a debit or a reversal is not a
 *   negative amount but credit = false or reversal = true.
 * - Every text is NUL-terminated valid UTF-8 (ISO-8859-1 files are
 *   converted), without control characters, trimmed, and cut to its buffer
 *   at a character boundary.
 * - entry_id is never empty and identifies the payment across files: the
 *   bank's own reference where the format has one (camt AcctSvcrRef; BgMax
 *   recipient bankgiro + payment date + deposit serial + BGC serial, since
 *   BGC serials repeat across deposits; OCR assignment account + Nets date
 *   + centre + day code + partial settlement + serial + transaction number,
 *   since transaction numbers restart in each assignment), else a stable
 *   digest of the entry's contents and its occurrence number among
 *   identical entries of the file ("d:" + 16 hex digits + ":" + n). A
 *   reader may hand out occurrence 1 for a repeat it did not count (bank
 *   CSV always does; camt past 49152 distinct digests): the importer counts
 *   identical ids within one import and takes the next occurrence. The
 *   same payment in two files, or the same file twice, gives the same
 *   entry_id.
 *
 * Errors: a reader validates as it streams, so an error (structure, control
 * totals checked at the end) may come after entries were handed out; the
 * caller imports in one transaction and rolls back. Messages name the file
 * and the line (fixed-width and CSV files) or the element path with its
 * line (XML) and the rule:
 *     ocr.txt line 12: amount item 1 without a preceding start assignment
 *     camt.xml line 88 (Ntry/Amt): amount '12.345' has more decimals than SEK allows
 * The error's field is the element or record field ("Ntry/Amt", "KID").
 */
#ifndef VINN_FORMATS_BANK_H
#define VINN_FORMATS_BANK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "base/limits.h"
#include "core/date.h"

enum vinn_bank_format {
    VINN_BANK_AUTO = 0, /* detect from the first bytes (vinn_bank_detect) */
    VINN_BANK_CAMT054,
    VINN_BANK_CAMT053,
    VINN_BANK_OCR,   /* Nets OCR giro, service 09 */
    VINN_BANK_BGMAX, /* Bankgirot Bankgiro Inbetalningar */
    VINN_BANK_CSV,
};

/* Field sizes VINN_BANK_*_MAX are in base/limits.h (the store keeps them too). */

struct vinn_bank_entry {
    char entry_id[VINN_BANK_ID_MAX + 1];
    long line;             /* line where the entry starts in the file (1-based) */
    long record;           /* 1-based number of the entry in the file */
    bool credit;           /* money in (CRDT; every OCR and BgMax payment) */
    bool reversal; /* camt RvslInd, OCR types 18 and 20 (and the '-' sign), CSV reversal */
    vinn_day booking_date; /* 0 when the file has none */
    vinn_day value_date;   /* 0 when the file has none */
    int64_t amount_minor;  /* > 0 */
    char currency[4];
    /* A structured reference as the payer gave it (KID, OCR, viitenumero,
     * RF), spaces removed, not checked here: camt Strd/CdtrRefInf/Ref, the
     * OCR KID, a BgMax reference with a reference code for OCR, the CSV
     * reference column. "" when there is none. */
    char reference[VINN_BANK_REF_MAX + 1];
    /* Free text: camt Ustrd (several joined by " "), OCR amount item 3,
     * BgMax TK25 information records, the CSV message column. */
    char message[VINN_BANK_MESSAGE_MAX + 1];
    char payer_name[VINN_BANK_NAME_MAX + 1];
    char payer_account[VINN_BANK_ACCOUNT_MAX + 1]; /* IBAN, BBAN or bankgiro */
    char bank_ref[VINN_BANK_ID_MAX + 1];           /* the bank's own reference, if any */
    char end_to_end[VINN_BANK_ID_MAX + 1];         /* camt Refs/EndToEndId */
    char return_reason[8];                         /* camt RtrInf/Rsn/Cd */
};

/* What the file says of itself; filled as the reader goes and complete when
 * it returns VINN_OK. */
struct vinn_bank_file_info {
    enum vinn_bank_format format;
    int version;                             /* camt 2, 4, 8; BgMax layout 1; 0 otherwise */
    char file_id[VINN_BANK_ID_MAX + 1];      /* camt GrpHdr/MsgId, OCR transmission no. */
    char account[VINN_BANK_ACCOUNT_MAX + 1]; /* the payee account the file reports on */
    long long entries;                       /* entries handed out */
    long long skipped;                       /* debits and other entries not handed out */
};

/* Called once per entry, in file order. Return VINN_OK to go on; any other
 * code stops the read and is returned by the reader. */
typedef vinn_err (*vinn_bank_entry_fn)(void *ctx, const struct vinn_bank_entry *entry,
                                       struct vinn_error *error);

/* Progress: bytes read so far of the file (for a terminal display). */
typedef void (*vinn_bank_progress_fn)(void *ctx, long long bytes_read);

struct vinn_bank_read_options {
    const char *name; /* file name for messages; NULL gives "input" */
    enum vinn_bank_format format;
    /* Currency for formats that do not state it per entry (OCR: NOK; BgMax
     * states it per deposit); NULL takes the format's own default. */
    const char *currency;
    vinn_bank_progress_fn progress; /* NULL: none */
    void *progress_ctx;
};

/*
 * Name of a format as on the command line: "auto", "camt054", "camt053",
 * "ocr", "bgmax", "csv"; parse gives VINN_E_UNKNOWN_VALUE (field "format",
 * the message lists the names).
 */
const char *vinn_bank_format_name(enum vinn_bank_format format);
VINN_MUST_USE vinn_err vinn_bank_format_parse(const char *name, enum vinn_bank_format *out,
                                              struct vinn_error *error);

/*
 * The format of a file from its first bytes (at most 4096 are enough):
 * XML whose namespace or root names camt.054 or camt.053; "NY000010" (OCR);
 * "01BGMAX" (BgMax); a CSV header line with the bank CSV columns.
 * VINN_E_BANK_FORMAT_UNKNOWN when none fits.
 */
VINN_MUST_USE vinn_err vinn_bank_detect(const char *head, size_t len, enum vinn_bank_format *out,
                                        struct vinn_error *error);

/*
 * Read a whole bank file from fp (not owned, read to its end) and call fn
 * for each entry. VINN_BANK_AUTO detects the format from the first 4 KiB,
 * which are then replayed to the reader, so fp may be a pipe. info may be
 * NULL.
 * Returns VINN_OK, the reader's error, or fn's error.
 */
VINN_MUST_USE vinn_err vinn_bank_read(FILE *fp, const struct vinn_bank_read_options *options,
                                      vinn_bank_entry_fn fn, void *ctx,
                                      struct vinn_bank_file_info *info, struct vinn_error *error);

/* The readers, each for its own format (vinn_bank_read dispatches). Same
 * contract as vinn_bank_read; options->format is ignored. */
VINN_MUST_USE vinn_err vinn_camt_read(FILE *fp, const struct vinn_bank_read_options *options,
                                      vinn_bank_entry_fn fn, void *ctx,
                                      struct vinn_bank_file_info *info, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_ocr_read(FILE *fp, const struct vinn_bank_read_options *options,
                                     vinn_bank_entry_fn fn, void *ctx,
                                     struct vinn_bank_file_info *info, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_bgmax_read(FILE *fp, const struct vinn_bank_read_options *options,
                                       vinn_bank_entry_fn fn, void *ctx,
                                       struct vinn_bank_file_info *info, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_bankcsv_read(FILE *fp, const struct vinn_bank_read_options *options,
                                         vinn_bank_entry_fn fn, void *ctx,
                                         struct vinn_bank_file_info *info,
                                         struct vinn_error *error);

/* Helpers the readers share (bank.c). */

/* Lines of a fixed-width record file (OCR giro, BgMax) read through a fixed
 * buffer: memory is bounded whatever the file size. */
enum { VINN_BANK_RECORD_LEN = 80, VINN_BANK_READ_SIZE = 16 * 1024 };

struct vinn_bank_lines {
    FILE *fp;
    const char *name;
    bool eof;
    size_t pos;
    size_t len;
    long long bytes_read;
    unsigned char in[VINN_BANK_READ_SIZE];
    /* The record: 80 bytes, one more to tell a long line, and a NUL. */
    char rec[VINN_BANK_RECORD_LEN + 2];
};

void vinn_bank_lines_init(struct vinn_bank_lines *lines, FILE *fp, const char *name);
/* Read the next line into lines->rec: *got is false at the end of the file;
 * *len is the line's length without its LF or CRLF (bytes past the record
 * buffer are counted, not kept). VINN_E_IO when reading fails. */
VINN_MUST_USE vinn_err vinn_bank_lines_next(struct vinn_bank_lines *lines, bool *got, size_t *len,
                                            struct vinn_error *error);

/* Feed every line of a fixed-record file to fn (ctx, the line's length
 * without its line end; the record is in lines->rec), counting *line up
 * from where it is before each call. Progress goes to options every 1024
 * lines. Returns VINN_OK at the end of the file, or the first error of the
 * reading or of fn. The caller checks how the file ended. */
typedef vinn_err (*vinn_bank_line_fn)(void *ctx, size_t len);
VINN_MUST_USE vinn_err vinn_bank_lines_each(struct vinn_bank_lines *lines, long *line,
                                            const struct vinn_bank_read_options *options,
                                            vinn_bank_line_fn fn, void *ctx,
                                            struct vinn_error *error);

/* Up to 31 bytes of s for a message: printable ASCII as is, anything else
 * as '?', so that a message stays valid UTF-8 whatever the file holds. */
struct vinn_bank_shown {
    char text[32];
};
struct vinn_bank_shown vinn_bank_show(const char *s, size_t len);
/* True when s[0..len) are all ASCII digits. */
bool vinn_bank_is_digits(const char *s, size_t len);

/* Copy src (len bytes, not NUL-terminated) into dst (cap bytes) trimmed of
 * spaces, with control characters turned into spaces, cut at a UTF-8
 * character boundary; src must be valid UTF-8. */
void vinn_bank_text_copy(char *dst, size_t cap, const char *src, size_t len);
/* Convert ISO-8859-1 bytes to UTF-8 into dst (cap bytes), trimmed and cut
 * as vinn_bank_text_copy. */
void vinn_bank_latin1_copy(char *dst, size_t cap, const char *src, size_t len);
/* A stable 64-bit FNV-1a digest of the entry's contents (dates, amount,
 * currency, reference, message, payer), written as "d:" + 16 hex digits
 * + ":" + occurrence into entry->entry_id. For formats without a bank
 * reference. */
void vinn_bank_entry_digest_id(struct vinn_bank_entry *entry, long occurrence);

#endif
