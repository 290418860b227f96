/*
 * ehf.h - the EHF / Peppol BIS Billing 3.0 writer: one invoice or credit
 * note as a UBL 2.1 Invoice or CreditNote document (DOMAIN.md 4.7).
 *
 * The input is this module's own struct, filled by the caller from the
 * store's tenant, customer and invoice (formats sees base and core only).
 * Every text is borrowed: the writer copies nothing and keeps nothing.
 *
 * What is written, and why (rule ids from the Peppol BIS 3 schematrons,
 * OpenPEPPOL/peppol-bis-invoice-3 at 78d7f7df):
 * - CustomizationID and ProfileID of BIS Billing 3.0 (PEPPOL-EN16931-R001,
 *   R004, R007).
 * - EndpointID (PEPPOL-EN16931-R010, R020; BR-62, BR-63) for seller and
 *   buyer with a Peppol EAS scheme: 0192 for a Norwegian organisation
 *   number (checked MOD11, PEPPOL-COMMON-R041), 0007 for a Swedish
 *   organisationsnummer (checked Luhn, SE-R-013); for any other party the
 *   e-mail address with scheme "EM", which the EAS code list allows but
 *   which no Peppol access point routes to: such a document is valid but
 *   must be delivered by other means. Other national schemes (0212, 0216
 *   Finland, 0184 Denmark) are not used here.
 * - The seller's VAT identifier (BT-31) when VAT registered: "NO" + orgnr +
 *   "MVA" for Norway (NO-R-001), "SE" + orgnr + "01" for Sweden (SE-R-001,
 *   SE-R-002), else seller.vat_id, which is then required. A Norwegian
 *   seller in Foretaksregisteret gets the PartyTaxScheme TAX
 *   "Foretaksregisteret" (NO-R-002, foretaksregisterloven § 10-2).
 * - Seller and buyer name as PartyName/Name and PartyLegalEntity/
 *   RegistrationName (BT-27, BT-44), with the organisation number as
 *   PartyLegalEntity/CompanyID (BT-30, BT-47).
 * - BuyerReference (BT-10, PEPPOL-EN16931-R003): buyer_reference, else the
 *   buyer's id.
 * - An invoice gets DueDate (BT-9) and one PaymentMeans code 30 (credit
 *   transfer) with PaymentID = the payment reference (BT-83: KID, OCR,
 *   RF) and PayeeFinancialAccount (BT-84, BR-61): a Swedish bankgiro with
 *   branch "SE:BANKGIRO" (SE-R-011, SE-R-008/009), else the domestic
 *   account (NO kontonummer, checked MOD11) when buyer and seller share a
 *   country or there is no IBAN, else the IBAN with its BIC. A credit note
 *   gets BillingReference to the invoice it credits and PaymentTerms/Note
 *   (BT-20, so BR-CO-25 holds without a due date, which UBL 2.1
 *   CreditNote has no element for at document level).
 * - One TaxTotal (PEPPOL-EN16931-R053) with a TaxSubtotal per category and
 *   rate, ascending by rate: S for a rate above 0, Z for 0, E for 0 when
 *   the line is exempt (with TaxExemptionReason, BR-E-10), and O (no VAT
 *   rate, "Not subject to VAT", BR-O-*) for every line of a seller that is
 *   not VAT registered. A subtotal's VAT is its taxable amount x rate
 *   rounded half up (BR-CO-17, as core/invoice.h computes it); the
 *   document's VAT total may differ from the sum of those by at most one
 *   minor unit per S subtotal (a partial credit split by gross), which
 *   goes to the first subtotals, well within BR-CO-17's tolerance.
 * - LegalMonetaryTotal: LineExtension, TaxExclusive, TaxInclusive,
 *   PrepaidAmount when above 0, PayableAmount (BR-CO-10, 13, 15, 16).
 * - One InvoiceLine / CreditNoteLine per line, unit code "EA" (each, UN/ECE
 *   Rec 20), Item/Name, ClassifiedTaxCategory and Price/PriceAmount.
 * Every amount carries the document currency (PEPPOL-EN16931-R051), with
 * the currency's decimals and "." as the decimal mark; empty optional
 * texts are left out rather than written empty (PEPPOL-EN16931-R008).
 *
 * Amounts are positive on both kinds: a CreditNote of 100 credits 100.
 */
#ifndef VINN_FORMATS_EHF_H
#define VINN_FORMATS_EHF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/date.h"

/* UNCL1001 document type codes (BT-3). */
enum vinn_ehf_kind {
    VINN_EHF_INVOICE = 380,
    VINN_EHF_CREDIT_NOTE = 381,
};

/* A postal address: two street lines, either may be NULL or "". country
 * is ISO 3166-1 alpha-2 and required (BR-08, BR-10). */
struct vinn_ehf_address {
    const char *lines[2];
    const char *postcode;
    const char *city;
    const char *country;
};

struct vinn_ehf_seller {
    const char *name;   /* required (BR-06) */
    const char *org_no; /* required for NO and SE sellers: the endpoint */
    struct vinn_ehf_address address;
    bool vat_registered;
    /* VAT identifier for a seller outside NO and SE; NULL derives it. */
    const char *vat_id;
    /* Registered in Foretaksregisteret (AS, ASA, ...): NO-R-002. */
    bool in_business_register;
    const char *email;   /* the endpoint of a seller outside NO and SE */
    const char *account; /* domestic account: NO kontonummer (11 digits) */
    const char *iban;    /* with bic, for buyers abroad */
    const char *bic;
    const char *bankgiro; /* Swedish bankgiro number (7-8 digits) */
};

struct vinn_ehf_buyer {
    const char *id;     /* the merchant's customer id; required */
    const char *name;   /* required (BR-07) */
    const char *org_no; /* NULL or "" for a person */
    struct vinn_ehf_address address;
    const char *email; /* the endpoint when there is no NO or SE org number */
};

struct vinn_ehf_line {
    const char *text;         /* Item/Name (BT-153), required */
    int64_t quantity_milli;   /* > 0, thousandths */
    int64_t unit_price_minor; /* >= 0 (BR-27), excluding VAT */
    int32_t vat_rate_bp;      /* 0..10000 */
    bool vat_exempt;          /* rate 0: category E instead of Z */
    int64_t net_minor;        /* quantity x unit price, rounded half up */
};

struct vinn_ehf_document {
    enum vinn_ehf_kind kind;
    const char *number;          /* BT-1, required */
    const char *original_number; /* credit note: the invoice credited (BT-25) */
    vinn_day issue_date;
    bool has_due_date;
    vinn_day due_date;             /* invoice: required when something is due (BR-CO-25) */
    const char *currency;          /* ISO 4217, at most 2 decimals (BR-DEC) */
    const char *buyer_reference;   /* NULL or "": buyer.id */
    const char *payment_reference; /* KID, OCR or RF; NULL or "" for none */
    const char *payment_terms;     /* PaymentTerms/Note; NULL or "" for none */
    const char *exemption_reason;  /* for E lines; NULL: "Exempt from VAT" */
    struct vinn_ehf_seller seller;
    struct vinn_ehf_buyer buyer;
    const struct vinn_ehf_line *lines;
    size_t lines_count; /* 1..VINN_INVOICE_LINES_MAX */
    /* Totals in minor units: net = sum of line nets, gross = net + vat,
     * due = gross - prepaid. */
    int64_t net_minor;
    int64_t vat_minor;
    int64_t gross_minor;
    int64_t prepaid_minor;
    int64_t due_minor;
};

/*
 * Validate doc and write it to out as one UTF-8 UBL 2.1 document. The
 * whole input is checked before the first byte is written, so a
 * validation error leaves out untouched; only VINN_E_IO (out failed) may
 * come after a part was written. out is not closed.
 *
 * Errors, each naming the field ("seller.name", "buyer.address.country",
 * "lines[2].net_minor", "totals.vat_minor"):
 *   VINN_E_FIELD_REQUIRED      a mandatory text is missing
 *   VINN_E_FIELD_TOO_LONG, VINN_E_INVALID_UTF8, VINN_E_INVALID_CHARACTERS
 *   VINN_E_COUNTRY_UNKNOWN     a country is not two letters
 *   VINN_E_CURRENCY_UNKNOWN, VINN_E_AMOUNT_TOO_MANY_DECIMALS (over 2)
 *   VINN_E_ID_*                an org number, account, IBAN or bankgiro
 *                              fails its check digits
 *   VINN_E_INVOICE_NO_LINES, VINN_E_INVOICE_TOO_MANY_LINES
 *   VINN_E_QUANTITY_INVALID, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE,
 *   VINN_E_VAT_RATE_INVALID    (also a rate above 0 from a seller that is
 *                              not VAT registered), VINN_E_LIMIT_EXCEEDED
 *                              (more than VINN_VAT_GROUPS_MAX subtotals)
 *   VINN_E_CHECK_FAILED        a line net or a total does not add up
 *                              (the message names the BR rule)
 *   VINN_E_AMOUNT_OVERFLOW, VINN_E_IO
 */
VINN_MUST_USE vinn_err vinn_ehf_write(const struct vinn_ehf_document *doc, FILE *out,
                                      struct vinn_error *error);

#endif
