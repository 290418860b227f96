/*
 * csv.h - read and write CSV files from merchants and spreadsheets.
 *
 * The reader turns an RFC 4180 file (quotes, doubled quotes, delimiters and
 * line breaks inside quoted fields, CRLF or LF, a last line without a line
 * break) into records whose fields are looked up by header name. The
 * tokenizing is libcsv's in strict mode; this module adds what an import
 * needs on top: a header that maps names to columns, delimiter detection,
 * physical line numbers for messages and a check of every field.
 *
 * Invariants:
 * - Memory is bounded whatever the file size: a fixed read buffer, the
 *   header and one record, each field at most VINN_CSV_FIELD_MAX bytes and
 *   at most VINN_CSV_COLUMNS_MAX columns. libcsv's own field buffer is
 *   capped just above VINN_CSV_FIELD_MAX.
 * - Every field handed out is valid UTF-8 (no overlong forms, no
 *   surrogates), holds no NUL byte and is NUL-terminated.
 * - Every record handed out has exactly as many fields as the header.
 * - The first error is sticky: after it the reader only returns it again.
 * - The reader never asserts on the bytes of the file; it asserts only on
 *   what its caller passes (NULL pointers, an unsupported delimiter).
 *
 * Messages name the file, the line and the column:
 *     invoices.csv line 12: 5 fields, the header has 6
 * and the error's field is the column name, or "header" when the error is
 * about the header or the shape of a record, or "file" for read errors.
 */
#ifndef VINN_FORMATS_CSV_H
#define VINN_FORMATS_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

struct vinn_csv_reader; /* opaque */

struct vinn_csv_options {
    /* File name for messages ("customers.csv"); NULL gives "input". */
    const char *name;
    /* ',' ';' or '\t', or 0 = detect from the header line: the one of ',',
     * ';' and '\t' that occurs most outside quotes (',' on a tie or when
     * none occurs). A header line longer than the read buffer is judged on
     * its first 64 KiB. */
    char delimiter;
    /* Known column names; NULL = accept any header. */
    const char *const *columns;
    size_t columns_count;
    /* Column names that must be in the header. */
    const char *const *required;
    size_t required_count;
};

/*
 * Open a reader on fp and read the header line. fp is not owned: the caller
 * closes it after vinn_csv_close. options is read during the call only (the
 * name is copied).
 *
 * Header names are trimmed and compared case-insensitively (ASCII); a UTF-8
 * BOM at the start of the file is skipped; completely empty lines before
 * the header are skipped. Errors:
 *   VINN_E_CSV_HEADER      the file is empty ("x.csv is empty: a header line
 *                          is required"); a name is empty or appears twice;
 *                          an unknown name when columns is set; a required
 *                          column is missing (the field names the column);
 *                          malformed quoting in the header
 *   VINN_E_LIMIT_EXCEEDED  more than VINN_CSV_COLUMNS_MAX columns, or a
 *                          name longer than VINN_CSV_FIELD_MAX bytes
 *   VINN_E_INVALID_UTF8, VINN_E_INVALID_CHARACTERS (a NUL byte)
 *   VINN_E_IO              reading failed
 *   VINN_E_NO_MEMORY
 * On success *out is a new reader owned by the caller (free it with
 * vinn_csv_close) whose current record is the header itself, so that
 * vinn_csv_field and vinn_csv_fields_count list the header names. On
 * failure *out is unchanged and nothing is left allocated.
 */
VINN_MUST_USE vinn_err vinn_csv_open(FILE *fp, const struct vinn_csv_options *options,
                                     struct vinn_csv_reader **out, struct vinn_error *error);

/*
 * Read the next record. *has_row is true with the record available through
 * the getters, or false at the end of the file (the current record is then
 * empty). Completely empty lines (and lines of only spaces) are skipped.
 * Errors:
 *   VINN_E_LIMIT_EXCEEDED      a field over VINN_CSV_FIELD_MAX bytes, or more
 *                              than VINN_IMPORT_ROWS_MAX records
 *   VINN_E_INVALID_UTF8        a field is not valid UTF-8
 *   VINN_E_INVALID_CHARACTERS  a field holds a NUL byte
 *   VINN_E_CSV_ROW             a record with a different number of fields
 *                              than the header; a stray quote or a quote
 *                              that is never closed
 *   VINN_E_IO                  reading failed
 *   VINN_E_NO_MEMORY
 * On failure *has_row is false, the current record is empty and the reader
 * returns the same error (and message) on every later call.
 */
VINN_MUST_USE vinn_err vinn_csv_next(struct vinn_csv_reader *reader, bool *has_row,
                                     struct vinn_error *error);

/* Field of the current record by column name (ASCII case-insensitive),
 * trimmed of surrounding spaces and tabs; "" when the column is not in the
 * header or the field is empty. Owned by the reader; valid until the next
 * vinn_csv_next or vinn_csv_close. Never NULL. */
const char *vinn_csv_get(const struct vinn_csv_reader *reader, const char *column);

/* Index of a header column (ASCII case-insensitive) or -1. */
int vinn_csv_column(const struct vinn_csv_reader *reader, const char *column);

/* Field of the current record by index, as in the file: quoted fields keep
 * their surrounding spaces, unquoted ones lose them (libcsv trims them).
 * "" when index is out of range. Owned by the reader; valid until the next
 * vinn_csv_next or vinn_csv_close. Never NULL. */
const char *vinn_csv_field(const struct vinn_csv_reader *reader, int index);

/* Fields in the current record: the header's count while a record or the
 * header is current, 0 at the end of the file or after an error. */
size_t vinn_csv_fields_count(const struct vinn_csv_reader *reader);

/* 1-based physical line on which the current record starts (the header is
 * line 1 unless empty lines precede it), for messages. */
long vinn_csv_line(const struct vinn_csv_reader *reader);

/* Bytes read from the file so far, for progress display. This runs ahead of
 * the current record by up to the read buffer. */
long long vinn_csv_bytes_read(const struct vinn_csv_reader *reader);

/* Free the reader and everything it holds; NULL is a no-op. Does not close
 * the file. */
void vinn_csv_close(struct vinn_csv_reader *reader);

/*
 * Write one field to fp, quoted the way RFC 4180 needs: in double quotes,
 * with quotes doubled, when it contains the delimiter, a quote, CR or LF, or
 * begins or ends with a space or a tab (which a reader would trim). Writes
 * no delimiter or line break: the caller does. delimiter is ',', ';' or
 * '\t'. VINN_E_IO when a write fails (what was written stays written).
 */
VINN_MUST_USE vinn_err vinn_csv_write_field(FILE *fp, const char *value, char delimiter);

#endif
