/*
 * limits.h - every limit of vinn, named, with the reason for its value.
 *
 * Included as "base/limits.h"; the system <limits.h> is untouched. Every
 * loop over outside data is bounded by one of these, and every query that
 * returns rows has a LIMIT derived from one of these.
 */
#ifndef VINN_BASE_LIMITS_H
#define VINN_BASE_LIMITS_H

enum {
    /* Lines per invoice: EHF/Peppol places no hard cap, but real invoices
     * with more than a few thousand lines are data errors or exports that
     * belong in a file attachment. */
    VINN_INVOICE_LINES_MAX = 1000,
    /* Invoice line text: EN 16931 BT-153 item name is unbounded but Norwegian
     * banks and print layouts cut at far less; 200 keeps a PDF line readable. */
    VINN_LINE_TEXT_MAX = 200,
    /* Invoice number: EN 16931 BT-1 is an identifier; 64 fits every ERP seen. */
    VINN_INVOICE_NUMBER_MAX = 64,
    /* Customer id as given by the merchant (their own key). */
    VINN_CUSTOMER_ID_MAX = 64,
    /* Names of people and companies: 140 is the ISO 20022 Max140Text name. */
    VINN_NAME_MAX = 140,
    /* Tenant name (a short handle, used on the command line). */
    VINN_TENANT_NAME_MAX = 64,
    /* Address line, postcode and city lengths follow ISO 20022 PostalAddress. */
    VINN_ADDRESS_LINE_MAX = 70,
    VINN_POSTCODE_MAX = 16,
    VINN_CITY_MAX = 35,
    /* E-mail addresses: RFC 5321 path limit. */
    VINN_EMAIL_MAX = 254,
    /* Phone numbers in E.164 with formatting: 32 is ample. */
    VINN_PHONE_MAX = 32,
    /* Payment references: KID/OCR max 25 digits, RF max 25 characters;
     * a little more for spacing in human forms. */
    VINN_REFERENCE_MAX = 35,
    /* Identifiers (IBAN max 34 characters plus spacing). */
    VINN_IDENT_MAX = 48,
    /* Tags on a customer ("key-account,vip"): the sum of the text. */
    VINN_TAGS_MAX = 256,
    /* A channel's name as stored ("einvoice", the longest, is 8). */
    VINN_CHANNEL_NAME_MAX = 15,
    VINN_POLICY_SPEC_MAX = 8192, /* a dunning policy as JSON */
    /* Postings in one ledger transaction: an allocation across many
     * invoices of one customer is the largest case; 64 is generous. */
    VINN_TXN_POSTINGS_MAX = 64,
    /* One CSV field and one CSV row in bytes: anything longer is not data
     * a person typed or a system exported on purpose. */
    VINN_CSV_FIELD_MAX = 4096,
    VINN_CSV_COLUMNS_MAX = 64,
    /* Rows in one import file, all-or-nothing in one transaction. */
    VINN_IMPORT_ROWS_MAX = 50000000,
    /* Payments held for one BgMax deposit: the payment date comes only in
     * the deposit end record (TK15), after the payments, so the reader
     * keeps a deposit's entries until then. 100000 is far above the daily
     * payments one bankgiro number gets in one deposit, and at about 1 KB
     * per held entry it keeps the buffer near 100 MB at worst. */
    VINN_BGMAX_DEPOSIT_MAX = 100000,
    /* Rows returned by one list call (a page), and the default page. */
    VINN_PAGE_MAX = 10000,
    VINN_PAGE_DEFAULT = 100,
    /* Effective-dated rate rows for one interest computation: two per year
     * over fifty years. */
    VINN_RATE_PERIODS_MAX = 128,
    /* Bank holidays in one country and year: no Nordic country has more
     * than 20 even counting every bank closing day. */
    VINN_HOLIDAYS_PER_YEAR_MAX = 32,
    /* Due days: a B2B term may not exceed 60 days unless expressly agreed
     * (forsinkelsesrenteloven § 2a); a year is the outer bound we accept. */
    VINN_DUE_DAYS_MAX = 365,
    /* Arena byte cap for one command or request, unless the caller sets one. */
    VINN_ARENA_DEFAULT_CAP = 64 * 1024 * 1024,
    /* Bank entries (formats/bank.h, stored as payments): ids and references
     * (entry ids, bank references, end-to-end ids: ISO 20022 Max35Text,
     * with room for a format prefix and a digest), the structured reference
     * (Max35Text), free text (three Ustrd lines of 140), payer name
     * (Max140Text) and account (IBAN 34 plus spacing). */
    VINN_BANK_ID_MAX = 96,
    VINN_BANK_REF_MAX = 35,
    VINN_BANK_MESSAGE_MAX = 420,
    VINN_BANK_NAME_MAX = 140,
    VINN_BANK_ACCOUNT_MAX = 48,
    /* Rows per transaction in bulk work: large enough to amortise the
     * commit, small enough to bound the WAL. */
    VINN_BATCH_ROWS = 10000,
    /* The print batch of one tenant's letters of one day, one PDF: a large
     * biller's paper run is a few thousand letters a day; at one or two
     * pages of some 30 KB each (the fonts are embedded once) 5000 letters
     * stay far below the byte cap, which bounds the memory the batch is
     * drawn in and the file the print shop takes. */
    VINN_PRINT_BATCH_LETTERS_MAX = 5000,
    VINN_PRINT_BATCH_BYTES_MAX = 256 * 1024 * 1024,
};

#endif
