/*
 * pdf.h - the printable invoice: A4 pages as PDF, for an invoice, a
 * reminder, a notice or a credit note, in the customer's language. Lines
 * that do not fit the first page flow onto further pages, each with a short
 * header, the table's column heads and "Side 2 av 3"; the totals and the
 * payment part close the last page. Many documents go into one PDF as a
 * book, each on a recto page (vinn_pdf_book_open below).
 *
 * The input is this module's own struct, filled by the caller from the
 * store's tenant, customer and invoice (formats sees base and core only).
 * Every text is borrowed and UTF-8; the writer copies nothing and keeps
 * nothing. The caller decides the words that depend on the case (the title
 * "Faktura" / "Purring" / "Lasku", the "how to pay" text, the fee and
 * interest texts of a reminder); the fixed labels ("Forfallsdato", "Due
 * date") come from a table here for nb, sv, fi, da and en.
 *
 * What is drawn: seller and buyer, number and dates (a reminder's or
 * notice's own date and the original invoice's date and due date), the
 * letter's text of a reminder or notice, the lines, VAT per
 * rate, the totals, the fees and interest of a reminder, the amount due in
 * large type with its due date (or deadline) and payment reference, the
 * account and IBAN, the "how to pay" text; an EPC069-12 QR code (error
 * correction M, DOMAIN.md 4.9) when epc_qr_payload is given; and a Finnish
 * virtual bank barcode as Code 128 subset C with its 54 digits printed under
 * it (DOMAIN.md 4.8) when fi_barcode is given. Text is set with pango in
 * "DejaVu Sans", which covers æøåäö and the other Nordic letters.
 *
 * The figures are printed as given: the writer does not recompute the
 * totals (the invoice module and the EHF writer check those); it checks
 * only what it needs to draw.
 */
#ifndef VINN_FORMATS_PDF_H
#define VINN_FORMATS_PDF_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "base/err.h"
#include "base/limits.h"
#include "core/country.h"
#include "core/date.h"

enum {
    /* Lines of one document: as many as an invoice may have. About 20 fit
     * the first page beside the payment part, about 50 each further page. */
    VINN_PDF_LINES_MAX = VINN_INVOICE_LINES_MAX,
    /* VAT rates and reminder charges shown in the totals block. */
    VINN_PDF_VAT_MAX = 4,
    VINN_PDF_CHARGES_MAX = 4,
    /* Bytes of a name, an address line, a line text. */
    VINN_PDF_TEXT_MAX = 200,
    /* Bytes of the "how to pay" text (a few short lines). */
    VINN_PDF_HOW_TO_PAY_MAX = 600,
    /* Bytes of a reminder's or notice's letter text (a few paragraphs). */
    VINN_PDF_LETTER_TEXT_MAX = 2000,
};

enum vinn_pdf_kind {
    VINN_PDF_INVOICE = 0,
    VINN_PDF_REMINDER,
    VINN_PDF_NOTICE,
    VINN_PDF_CREDIT_NOTE,
};

struct vinn_pdf_party {
    const char *name;             /* required */
    const char *address_lines[4]; /* street, postcode and city, country; NULL or "" skipped */
    const char *org_no;           /* printed as given; NULL or "" for none */
};

struct vinn_pdf_line {
    const char *text;         /* required */
    int64_t quantity_milli;   /* > 0, thousandths */
    int64_t unit_price_minor; /* excluding VAT */
    int32_t vat_rate_bp;      /* 0..10000 */
    int64_t net_minor;        /* as computed by the invoice */
};

struct vinn_pdf_vat {
    int32_t vat_rate_bp; /* 0..10000 */
    int64_t base_minor;  /* the net this rate applies to */
    int64_t vat_minor;
};

/* A fee or interest line of a reminder: "Purregebyr", "Forsinkelsesrente
 * 12,5 % fra 01.03.2026". */
struct vinn_pdf_charge {
    const char *text; /* required */
    int64_t amount_minor;
};

struct vinn_pdf_invoice {
    enum vinn_pdf_kind kind;
    enum vinn_lang lang;          /* of the labels, dates and amounts */
    const char *title;            /* required: "Faktura", "Purring", "Lasku" */
    struct vinn_pdf_party seller; /* name required */
    const char *seller_account;   /* domestic account as printed; optional */
    const char *seller_iban;      /* as printed; optional */
    const char *seller_bic;       /* optional */
    struct vinn_pdf_party buyer;  /* name required */
    const char *number;           /* required: the invoice number */
    vinn_day issue_date;          /* required; of a reminder or notice: the letter's date */
    vinn_day due_date; /* due date, or the deadline of a reminder or notice; VINN_NO_DAY: none */
    /* Reminders and notices: the original invoice's date and due date
     * (printed when not VINN_NO_DAY), and the letter's text (optional, may
     * hold newlines; wrapped under the address). */
    vinn_day original_issue_date;
    vinn_day original_due_date;
    const char *letter_text;
    const char *currency; /* ISO 4217, required */
    const struct vinn_pdf_line *lines;
    size_t lines_count; /* 1..VINN_PDF_LINES_MAX, over as many pages as they need */
    const struct vinn_pdf_vat *vat;
    size_t vat_count; /* 0..VINN_PDF_VAT_MAX */
    const struct vinn_pdf_charge *charges;
    size_t charges_count; /* 0..VINN_PDF_CHARGES_MAX; reminders */
    int64_t net_minor;
    int64_t vat_minor;
    int64_t gross_minor;
    int64_t paid_minor;            /* printed when not 0 */
    int64_t due_minor;             /* the amount due, in large type */
    const char *payment_reference; /* KID, OCR, RF, viite; optional */
    const char *how_to_pay;        /* optional, may hold newlines */
    /* Optional, from vinn_paycode_epc_qr (EUR only, at most
     * VINN_EPC_QR_PAYLOAD_MAX bytes): drawn as a QR code. */
    const char *epc_qr_payload;
    /* Optional, from vinn_paycode_fi_barcode: 54 digits drawn as Code 128C. */
    const char *fi_barcode;
};

/*
 * Draw in as A4 PDF pages at path. The whole input is checked before
 * anything is drawn; the page is written to "<path>.tmp" and renamed to
 * path only when complete, so a failed write leaves neither file (an
 * existing file at path is replaced only on success).
 * Returns VINN_OK or, each naming its field ("seller.name",
 * "lines[2].text", "fi_barcode", "path"):
 *   VINN_E_FIELD_REQUIRED, VINN_E_FIELD_TOO_LONG, VINN_E_INVALID_UTF8,
 *   VINN_E_INVALID_CHARACTERS   a text
 *   VINN_E_CURRENCY_UNKNOWN     currency
 *   VINN_E_INVOICE_NO_LINES, VINN_E_INVOICE_TOO_MANY_LINES  lines
 *   VINN_E_LIMIT_EXCEEDED       vat, charges, epc_qr_payload (too long)
 *   VINN_E_QUANTITY_INVALID, VINN_E_VAT_RATE_INVALID
 *   VINN_E_UNKNOWN_VALUE        kind or lang
 *   VINN_E_DATE_OUT_OF_RANGE    issue_date missing
 *   the errors of vinn_paycode_code128c  fi_barcode (not 54 digits)
 *   VINN_E_INTERNAL             the QR code could not be encoded
 *   VINN_E_IO                   path: the file could not be written
 * in and path must not be NULL (asserted); error may be NULL.
 */
VINN_MUST_USE vinn_err vinn_pdf_invoice_write(const struct vinn_pdf_invoice *in, const char *path,
                                              struct vinn_error *error);
/* The same document written to out (a memory stream, a pipe): what was
 * written before a failure stays there. */
VINN_MUST_USE vinn_err vinn_pdf_invoice_stream(const struct vinn_pdf_invoice *in, FILE *out,
                                               struct vinn_error *error);

/*
 * A book: many documents in one PDF, each starting on a recto (odd) page.
 * A document of an odd number of pages is followed by a blank page, so
 * that a duplex printer never prints the next document on its back: the
 * print batch of a day's letters (app/outbox.c). The caller owns the book
 * and decides what goes in; the book keeps the PDF in memory (at most
 * bytes_max bytes) and writes no file, so the caller publishes the bytes
 * where and how it must. The same documents in the same order on the same
 * date give the same bytes: the PDF's creation date is date, not the
 * clock.
 *
 * open: title is the PDF's title (checked as a document's); date its
 * creation date. VINN_E_FIELD_REQUIRED, VINN_E_FIELD_TOO_LONG (title,
 * date), VINN_E_NO_MEMORY. *out is the caller's, for vinn_pdf_book_free.
 * add: checks in as vinn_pdf_invoice_write does, with its errors, and on
 * failure adds nothing (the book stays usable); else draws it on the next
 * pages and gives how many it took in *pages (without the blank page;
 * pages may be NULL).
 * pages: the pages drawn so far, blank ones included (always even).
 * finish: ends the PDF; *bytes (owned by the book, valid until free) and
 * *len. VINN_E_LIMIT_EXCEEDED over bytes_max, VINN_E_NO_MEMORY, VINN_E_IO.
 * Nothing may be added after finish, which is called at most once.
 * free: NULL is allowed; an unfinished book is dropped.
 */
struct vinn_pdf_book;

VINN_MUST_USE vinn_err vinn_pdf_book_open(const char *title, vinn_day date, size_t bytes_max,
                                          struct vinn_pdf_book **out, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_pdf_book_add(struct vinn_pdf_book *book,
                                         const struct vinn_pdf_invoice *in, size_t *pages,
                                         struct vinn_error *error);
size_t vinn_pdf_book_pages(const struct vinn_pdf_book *book);
VINN_MUST_USE vinn_err vinn_pdf_book_finish(struct vinn_pdf_book *book,
                                            const unsigned char **bytes, size_t *len,
                                            struct vinn_error *error);
void vinn_pdf_book_free(struct vinn_pdf_book *book);

/*
 * The bar and space widths, in modules, of Code 128 symbol value 0..106
 * (ISO/IEC 15417 table 1): six digits '1'..'4' starting with a bar, seven
 * for stop (106). NULL for a value above 106.
 */
const char *vinn_pdf_code128_widths(unsigned value);

#endif
