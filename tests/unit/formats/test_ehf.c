/*
 * Tests of formats/ehf: a Norwegian invoice with two VAT rates and a KID, a
 * credit note, a Swedish invoice paid to a bankgiro, a person as buyer and a
 * seller outside VAT, each validated against the UBL 2.1 XSD of the shared
 * samples and read back with XPath; then every field error, which must
 * leave the output empty.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ehf.h"

#ifndef VINN_SAMPLES
#error "VINN_SAMPLES must name the shared samples folder"
#endif

#define XSD_DIR VINN_SAMPLES "/ubl/xsd/maindoc/"

static xmlSchemaPtr invoice_schema;
static xmlSchemaPtr credit_schema;

static xmlSchemaPtr schema_load(const char *path)
{
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path);
    assert_non_null(parser);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    return schema;
}

static int group_setup(void **state)
{
    (void)state;
    invoice_schema = schema_load(XSD_DIR "UBL-Invoice-2.1.xsd");
    credit_schema = schema_load(XSD_DIR "UBL-CreditNote-2.1.xsd");
    return invoice_schema != NULL && credit_schema != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    xmlSchemaFree(invoice_schema);
    xmlSchemaFree(credit_schema);
    xmlCleanupParser();
    return 0;
}

/* What a write produced. */
struct written {
    vinn_err err;
    struct vinn_error error;
    char *text;
    size_t len;
};

static struct written write_doc(const struct vinn_ehf_document *doc)
{
    struct written w = {0};
    FILE *out = open_memstream(&w.text, &w.len);
    assert_non_null(out);
    vinn_error_clear(&w.error);
    w.err = vinn_ehf_write(doc, out, &w.error);
    assert_int_equal(fclose(out), 0);
    return w;
}

/* Parse, validate against the kind's XSD, and return the tree. */
static xmlDocPtr parse_valid(const struct written *w, xmlSchemaPtr schema)
{
    assert_int_equal(w->err, VINN_OK);
    xmlDocPtr doc = xmlReadMemory(w->text, (int)w->len, "ehf.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
    assert_non_null(valid);
    int rc = xmlSchemaValidateDoc(valid, doc);
    xmlSchemaFreeValidCtxt(valid);
    if (rc != 0) {
        fprintf(stderr, "%s\n", w->text);
    }
    assert_int_equal(rc, 0);
    return doc;
}

/* The string value of an XPath expression over doc (cac, cbc bound). */
static void assert_xpath(xmlDocPtr doc, const char *expr, const char *expected)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    assert_non_null(ctx);
    xmlXPathRegisterNs(ctx, BAD_CAST "cac",
                       BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:"
                                "CommonAggregateComponents-2");
    xmlXPathRegisterNs(ctx, BAD_CAST "cbc",
                       BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:"
                                "CommonBasicComponents-2");
    xmlXPathRegisterNs(ctx, BAD_CAST "inv",
                       BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
    xmlXPathRegisterNs(ctx, BAD_CAST "cn",
                       BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2");
    char wrapped[512];
    snprintf(wrapped, sizeof wrapped, "string(%s)", expr);
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST wrapped, ctx);
    assert_non_null(result);
    xmlChar *value = xmlXPathCastToString(result);
    if (strcmp((const char *)value, expected) != 0) {
        fprintf(stderr, "%s: got '%s', want '%s'\n", expr, (const char *)value, expected);
    }
    assert_string_equal((const char *)value, expected);
    xmlFree(value);
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(ctx);
}

/* Every amount carries the document currency (PEPPOL-EN16931-R051). */
static void assert_currency_everywhere(xmlDocPtr doc, const char *currency)
{
    char expr[160];
    snprintf(expr, sizeof expr, "count(//*[@currencyID != '%s'])", currency);
    assert_xpath(doc, expr, "0");
    assert_xpath(doc, "count(//*[contains(local-name(), 'Amount')][not(@currencyID)])", "0");
    assert_xpath(doc, "count(//*[not(*) and normalize-space(.) = ''])", "0");
}

/* Lines and totals of a document: gross = net + vat, due = gross - prepaid. */
static void set_amounts(struct vinn_ehf_document *d, const struct vinn_ehf_line *lines,
                        size_t count, int64_t net, int64_t vat, int64_t prepaid)
{
    d->lines = lines;
    d->lines_count = count;
    d->net_minor = net;
    d->vat_minor = vat;
    d->gross_minor = net + vat;
    d->prepaid_minor = prepaid;
    d->due_minor = net + vat - prepaid;
}

/* Norwegian seller (AS in Foretaksregisteret), Norwegian company buyer. */
static const struct vinn_ehf_line no_lines[] = {
    {.text = "Konsulenttimer",
     .quantity_milli = 2000,
     .unit_price_minor = 100000,
     .vat_rate_bp = 2500,
     .net_minor = 200000},
    /* 1.5 x 199.99 = 299.985, rounded half up. */
    {.text = "Matservering & kaffe",
     .quantity_milli = 1500,
     .unit_price_minor = 19999,
     .vat_rate_bp = 1500,
     .net_minor = 29999},
};

static struct vinn_ehf_document no_invoice(void)
{
    struct vinn_ehf_document d = {
        .kind = VINN_EHF_INVOICE,
        .number = "INV-1001",
        .issue_date = 20454, /* 2026-01-01 */
        .has_due_date = true,
        .due_date = 20468,
        .currency = "NOK",
        .payment_reference = "0000100127",
        .seller = {.name = "Fjord Regnskap AS",
                   .org_no = "123456785",
                   .address = {.lines = {"Storgata 1", NULL},
                               .postcode = "0155",
                               .city = "Oslo",
                               .country = "NO"},
                   .vat_registered = true,
                   .in_business_register = true,
                   .account = "8601.11.17947",
                   .iban = "NO9386011117947",
                   .bic = "DNBANOKK"},
        .buyer = {.id = "C-77",
                  .name = "Kjøper Bygg AS",
                  .org_no = "987654325",
                  .address = {.lines = {"Anyvei 8", "Bakdøra"},
                              .postcode = "5003",
                              .city = "Bergen",
                              .country = "no"},
                  .email = "faktura@kjoper.no"},
        .lines = no_lines,
        .lines_count = 2,
        .net_minor = 229999,
        .vat_minor = 54500, /* 500.00 + 45.00 (44.9985) */
        .gross_minor = 284499,
        .prepaid_minor = 10000,
        .due_minor = 274499,
    };
    return d;
}

static void test_no_invoice(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "/inv:Invoice/cbc:CustomizationID",
                 "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    assert_xpath(x, "/inv:Invoice/cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
    assert_xpath(x, "/inv:Invoice/cbc:ID", "INV-1001");
    assert_xpath(x, "/inv:Invoice/cbc:IssueDate", "2026-01-01");
    assert_xpath(x, "/inv:Invoice/cbc:DueDate", "2026-01-15");
    assert_xpath(x, "/inv:Invoice/cbc:InvoiceTypeCode", "380");
    assert_xpath(x, "/inv:Invoice/cbc:BuyerReference", "C-77");
    const char *seller = "/inv:Invoice/cac:AccountingSupplierParty/cac:Party";
    char expr[256];
    snprintf(expr, sizeof expr, "%s/cbc:EndpointID", seller);
    assert_xpath(x, expr, "123456785");
    snprintf(expr, sizeof expr, "%s/cbc:EndpointID/@schemeID", seller);
    assert_xpath(x, expr, "0192");
    snprintf(expr, sizeof expr, "%s/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID",
             seller);
    assert_xpath(x, expr, "NO123456785MVA");
    snprintf(expr, sizeof expr, "%s/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='TAX']/cbc:CompanyID",
             seller);
    assert_xpath(x, expr, "Foretaksregisteret");
    snprintf(expr, sizeof expr, "%s/cac:PartyLegalEntity/cbc:CompanyID/@schemeID", seller);
    assert_xpath(x, expr, "0192");
    assert_xpath(x, "//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", "987654325");
    assert_xpath(x, "//cac:AccountingCustomerParty//cbc:RegistrationName", "Kjøper Bygg AS");
    assert_xpath(x, "//cac:AccountingCustomerParty//cac:Country/cbc:IdentificationCode", "NO");
    assert_xpath(x, "//cac:PaymentMeans/cbc:PaymentMeansCode", "30");
    assert_xpath(x, "//cac:PaymentMeans/cbc:PaymentID", "0000100127");
    /* Domestic: the BBAN without a branch (EHF payment-information). */
    assert_xpath(x, "//cac:PayeeFinancialAccount/cbc:ID", "86011117947");
    assert_xpath(x, "count(//cac:FinancialInstitutionBranch)", "0");
    assert_xpath(x, "count(//cac:TaxTotal)", "1");
    assert_xpath(x, "//cac:TaxTotal/cbc:TaxAmount", "545.00");
    assert_xpath(x, "count(//cac:TaxSubtotal)", "2");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cbc:TaxableAmount", "299.99");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cbc:TaxAmount", "45.00");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cac:TaxCategory/cbc:Percent", "15");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cbc:TaxableAmount", "2000.00");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cbc:TaxAmount", "500.00");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:ID", "S");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:Percent", "25");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "2299.99");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", "2299.99");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "2844.99");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:PrepaidAmount", "100.00");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:PayableAmount", "2744.99");
    assert_xpath(x, "count(//cac:InvoiceLine)", "2");
    assert_xpath(x, "//cac:InvoiceLine[2]/cbc:InvoicedQuantity", "1.5");
    assert_xpath(x, "//cac:InvoiceLine[2]/cbc:InvoicedQuantity/@unitCode", "EA");
    assert_xpath(x, "//cac:InvoiceLine[2]/cbc:LineExtensionAmount", "299.99");
    assert_xpath(x, "//cac:InvoiceLine[2]/cac:Item/cbc:Name", "Matservering & kaffe");
    assert_xpath(x, "//cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount", "199.99");
    assert_xpath(x, "//cac:InvoiceLine[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "25");
    assert_currency_everywhere(x, "NOK");
    xmlFreeDoc(x);
    free(w.text);
}

/* A buyer abroad pays to the IBAN with its BIC. */
static void test_iban_abroad(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    d.buyer.address.country = "DE";
    d.buyer.org_no = "DE123456789";
    d.currency = "EUR";
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "//cac:PayeeFinancialAccount/cbc:ID", "NO9386011117947");
    assert_xpath(x, "//cac:FinancialInstitutionBranch/cbc:ID", "DNBANOKK");
    /* No Peppol scheme for a German number here: the e-mail is the endpoint. */
    assert_xpath(x, "//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID", "EM");
    assert_xpath(x, "//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", "faktura@kjoper.no");
    assert_xpath(x, "//cac:AccountingCustomerParty//cac:PartyLegalEntity/cbc:CompanyID",
                 "DE123456789");
    assert_currency_everywhere(x, "EUR");
    xmlFreeDoc(x);
    free(w.text);
}

static const struct vinn_ehf_line credit_lines[] = {
    {.text = "Kreditert konsulenttime",
     .quantity_milli = 1000,
     .unit_price_minor = 100000,
     .vat_rate_bp = 2500,
     .net_minor = 100000},
};

static void test_credit_note(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    d.kind = VINN_EHF_CREDIT_NOTE;
    d.number = "CN-17";
    d.original_number = "INV-1001";
    d.has_due_date = false;
    d.payment_reference = NULL;
    d.seller.account = NULL; /* a credit note has no PaymentMeans */
    d.seller.iban = NULL;
    set_amounts(&d, credit_lines, 1, 100000, 25000, 0);
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, credit_schema);
    assert_xpath(x, "/cn:CreditNote/cbc:ID", "CN-17");
    assert_xpath(x, "/cn:CreditNote/cbc:CreditNoteTypeCode", "381");
    assert_xpath(x, "/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
                 "INV-1001");
    assert_xpath(x, "/cn:CreditNote/cac:PaymentTerms/cbc:Note", "Credit for invoice INV-1001");
    assert_xpath(x, "count(//cac:PaymentMeans)", "0");
    assert_xpath(x, "count(//cac:CreditNoteLine)", "1");
    assert_xpath(x, "//cac:CreditNoteLine/cbc:CreditedQuantity", "1");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:PayableAmount", "1250.00");
    assert_xpath(x, "count(//cbc:PrepaidAmount)", "0");
    assert_xpath(x, "//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID",
                 "NO123456785MVA");
    assert_currency_everywhere(x, "NOK");
    xmlFreeDoc(x);
    free(w.text);
}

static const struct vinn_ehf_line se_lines[] = {
    {.text = "Licens",
     .quantity_milli = 1000,
     .unit_price_minor = 120000,
     .vat_rate_bp = 2500,
     .net_minor = 120000},
    {.text = "Böcker",
     .quantity_milli = 3000,
     .unit_price_minor = 9950,
     .vat_rate_bp = 600,
     .net_minor = 29850},
};

static void test_se_bankgiro(void **state)
{
    (void)state;
    struct vinn_ehf_document d = {
        .kind = VINN_EHF_INVOICE,
        .number = "SE-2026-5",
        .issue_date = 20454,
        .has_due_date = true,
        .due_date = 20484,
        .currency = "SEK",
        .payment_reference = "20240016",
        .seller = {.name = "Skärgård Konsult AB",
                   .org_no = "123456-7897",
                   .address = {.lines = {"Hamngatan 2", NULL},
                               .postcode = "111 47",
                               .city = "Stockholm",
                               .country = "SE"},
                   .vat_registered = true,
                   .bankgiro = "5402-9681"},
        .buyer = {.id = "K-9",
                  .name = "Köpare AB",
                  .org_no = "1234567897",
                  .address = {.country = "SE"}},
        .lines = se_lines,
        .lines_count = 2,
        .net_minor = 149850,
        .vat_minor = 30000 + 1791, /* 300.00 + 17.91 */
        .gross_minor = 181641,
        .due_minor = 181641,
    };
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "//cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", "1234567897");
    assert_xpath(x, "//cac:AccountingSupplierParty/cac:Party/cbc:EndpointID/@schemeID", "0007");
    assert_xpath(x, "//cac:AccountingSupplierParty//cac:PartyTaxScheme/cbc:CompanyID",
                 "SE123456789701");
    assert_xpath(x, "count(//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='TAX'])", "0");
    assert_xpath(x, "//cac:PaymentMeans/cbc:PaymentMeansCode", "30");
    assert_xpath(x, "//cac:PaymentMeans/cbc:PaymentID", "20240016");
    assert_xpath(x, "//cac:PayeeFinancialAccount/cbc:ID", "54029681");
    assert_xpath(x, "//cac:FinancialInstitutionBranch/cbc:ID", "SE:BANKGIRO");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cac:TaxCategory/cbc:Percent", "6");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cbc:TaxAmount", "17.91");
    assert_xpath(x, "//cac:LegalMonetaryTotal/cbc:PayableAmount", "1816.41");
    assert_xpath(x, "count(//cbc:PrepaidAmount)", "0");
    assert_currency_everywhere(x, "SEK");
    xmlFreeDoc(x);
    free(w.text);
}

static const struct vinn_ehf_line small_lines[] = {
    {.text = "Purregebyr",
     .quantity_milli = 1000,
     .unit_price_minor = 3500,
     .vat_rate_bp = 0,
     .vat_exempt = true,
     .net_minor = 3500},
    {.text = "Aviser",
     .quantity_milli = 250,
     .unit_price_minor = 4000,
     .vat_rate_bp = 0,
     .net_minor = 1000},
};

/* A person as buyer (e-mail endpoint), lines at 0 %: E with a reason and Z. */
static void test_person_zero_rates(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    d.buyer.org_no = NULL;
    d.buyer.name = "Kari Nordmann";
    d.buyer_reference = "Kari";
    set_amounts(&d, small_lines, 2, 4500, 0, 0);
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "/inv:Invoice/cbc:BuyerReference", "Kari");
    assert_xpath(x, "//cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID", "EM");
    assert_xpath(x, "count(//cac:AccountingCustomerParty//cac:PartyLegalEntity/cbc:CompanyID)",
                 "0");
    assert_xpath(x, "count(//cac:TaxSubtotal)", "2");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cac:TaxCategory/cbc:ID", "E");
    assert_xpath(x, "//cac:TaxSubtotal[1]/cac:TaxCategory/cbc:TaxExemptionReason",
                 "Exempt from VAT");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:ID", "Z");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cac:TaxCategory/cbc:Percent", "0");
    assert_xpath(x, "//cac:InvoiceLine[2]/cbc:InvoicedQuantity", "0.25");
    assert_currency_everywhere(x, "NOK");
    xmlFreeDoc(x);
    free(w.text);
}

/* A seller outside VAT: category O without a rate, no VAT identifier. */
static void test_not_vat_registered(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    d.seller.vat_registered = false;
    d.seller.in_business_register = false;
    set_amounts(&d, small_lines, 2, 4500, 0, 0);
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "count(//cac:PartyTaxScheme)", "0");
    assert_xpath(x, "count(//cac:TaxSubtotal)", "1");
    assert_xpath(x, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID", "O");
    assert_xpath(x, "count(//cac:TaxCategory/cbc:Percent)", "0");
    assert_xpath(x, "count(//cac:ClassifiedTaxCategory/cbc:Percent)", "0");
    assert_xpath(x, "//cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason",
                 "Not subject to VAT");
    xmlFreeDoc(x);
    free(w.text);
}

/* A VAT total one minor unit off the rounded breakdown (a credit split by
 * gross) is moved into the first S subtotal; two units off is an error. */
static void test_vat_reconcile(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    d.vat_minor = 54499;
    d.gross_minor = 284498;
    d.due_minor = 274498;
    struct written w = write_doc(&d);
    xmlDocPtr x = parse_valid(&w, invoice_schema);
    assert_xpath(x, "//cac:TaxSubtotal[1]/cbc:TaxAmount", "44.99");
    assert_xpath(x, "//cac:TaxSubtotal[2]/cbc:TaxAmount", "500.00");
    assert_xpath(x, "//cac:TaxTotal/cbc:TaxAmount", "544.99");
    xmlFreeDoc(x);
    free(w.text);

    d.vat_minor = 54497;
    d.gross_minor = 284496;
    d.due_minor = 274496;
    w = write_doc(&d);
    assert_int_equal(w.err, VINN_E_CHECK_FAILED);
    assert_string_equal(w.error.field, "totals.vat_minor");
    assert_int_equal(w.len, 0);
    free(w.text);
}

/* Each case breaks one thing of the Norwegian invoice. */
struct bad_case {
    const char *name;
    void (*breaks)(struct vinn_ehf_document *d);
    vinn_err err;
    const char *field;
};

static struct vinn_ehf_line bad_line;

static void no_seller_name(struct vinn_ehf_document *d)
{
    d->seller.name = "";
}
static void no_buyer_name(struct vinn_ehf_document *d)
{
    d->buyer.name = NULL;
}
static void no_buyer_country(struct vinn_ehf_document *d)
{
    d->buyer.address.country = NULL;
}
static void bad_seller_country(struct vinn_ehf_document *d)
{
    d->seller.address.country = "N0";
}
static void no_lines_at_all(struct vinn_ehf_document *d)
{
    d->lines_count = 0;
}
static void no_number(struct vinn_ehf_document *d)
{
    d->number = NULL;
}
static void no_buyer_id(struct vinn_ehf_document *d)
{
    d->buyer.id = "";
}
static void bad_currency(struct vinn_ehf_document *d)
{
    d->currency = "XYZ";
}
static void three_decimals(struct vinn_ehf_document *d)
{
    d->currency = "KWD";
}
static void bad_org(struct vinn_ehf_document *d)
{
    d->seller.org_no = "123456789";
}
static void bad_account(struct vinn_ehf_document *d)
{
    d->seller.account = "86011117946";
}
static void no_account(struct vinn_ehf_document *d)
{
    d->seller.account = NULL;
    d->seller.iban = NULL;
}
static void no_endpoint(struct vinn_ehf_document *d)
{
    d->buyer.org_no = NULL;
    d->buyer.email = NULL;
}
static void no_due(struct vinn_ehf_document *d)
{
    d->has_due_date = false;
}
static void due_early(struct vinn_ehf_document *d)
{
    d->due_date = d->issue_date - 1;
}
static void credit_no_original(struct vinn_ehf_document *d)
{
    d->kind = VINN_EHF_CREDIT_NOTE;
}
static void bad_kind(struct vinn_ehf_document *d)
{
    d->kind = (enum vinn_ehf_kind)382;
}
static void wrong_net(struct vinn_ehf_document *d)
{
    d->net_minor += 1;
}
static void wrong_gross(struct vinn_ehf_document *d)
{
    d->gross_minor += 1;
}
static void wrong_due(struct vinn_ehf_document *d)
{
    d->due_minor -= 1;
}
static void negative_prepaid(struct vinn_ehf_document *d)
{
    d->prepaid_minor = -1;
}
static void no_vat_with_rate(struct vinn_ehf_document *d)
{
    d->seller.vat_registered = false;
}
static void one_bad_line(struct vinn_ehf_document *d, struct vinn_ehf_line line)
{
    bad_line = line;
    d->lines = &bad_line;
    d->lines_count = 1;
    d->net_minor = line.net_minor;
}
static void line_no_text(struct vinn_ehf_document *d)
{
    one_bad_line(d, (struct vinn_ehf_line){
                        .text = "", .quantity_milli = 1000, .unit_price_minor = 1, .net_minor = 1});
}
static void line_zero_quantity(struct vinn_ehf_document *d)
{
    one_bad_line(d, (struct vinn_ehf_line){
                        .text = "x", .quantity_milli = 0, .unit_price_minor = 1, .net_minor = 0});
}
static void line_negative_price(struct vinn_ehf_document *d)
{
    one_bad_line(d,
                 (struct vinn_ehf_line){
                     .text = "x", .quantity_milli = 1000, .unit_price_minor = -1, .net_minor = -1});
}
static void line_rate_too_high(struct vinn_ehf_document *d)
{
    one_bad_line(d, (struct vinn_ehf_line){.text = "x",
                                           .quantity_milli = 1000,
                                           .unit_price_minor = 1,
                                           .vat_rate_bp = 10001,
                                           .net_minor = 1});
}
static void line_exempt_with_rate(struct vinn_ehf_document *d)
{
    one_bad_line(d, (struct vinn_ehf_line){.text = "x",
                                           .quantity_milli = 1000,
                                           .unit_price_minor = 1,
                                           .vat_rate_bp = 2500,
                                           .vat_exempt = true,
                                           .net_minor = 1});
}
static void line_wrong_net(struct vinn_ehf_document *d)
{
    one_bad_line(d,
                 (struct vinn_ehf_line){
                     .text = "x", .quantity_milli = 1500, .unit_price_minor = 3, .net_minor = 4});
}
static void line_control_char(struct vinn_ehf_document *d)
{
    one_bad_line(
        d, (struct vinn_ehf_line){
               .text = "a\nb", .quantity_milli = 1000, .unit_price_minor = 1, .net_minor = 1});
}

static const struct bad_case bad_cases[] = {
    {"seller name", no_seller_name, VINN_E_FIELD_REQUIRED, "seller.name"},
    {"buyer name", no_buyer_name, VINN_E_FIELD_REQUIRED, "buyer.name"},
    {"buyer country", no_buyer_country, VINN_E_FIELD_REQUIRED, "buyer.address.country"},
    {"seller country", bad_seller_country, VINN_E_COUNTRY_UNKNOWN, "seller.address.country"},
    {"no lines", no_lines_at_all, VINN_E_INVOICE_NO_LINES, "lines"},
    {"number", no_number, VINN_E_FIELD_REQUIRED, "number"},
    {"buyer id", no_buyer_id, VINN_E_FIELD_REQUIRED, "buyer.id"},
    {"currency", bad_currency, VINN_E_CURRENCY_UNKNOWN, "currency"},
    {"3 decimals", three_decimals, VINN_E_AMOUNT_TOO_MANY_DECIMALS, "currency"},
    {"org check digit", bad_org, VINN_E_ID_CHECKSUM, "seller.org_no"},
    {"account check digit", bad_account, VINN_E_ID_CHECKSUM, "seller.account"},
    {"no account", no_account, VINN_E_FIELD_REQUIRED, "seller.account"},
    {"no buyer endpoint", no_endpoint, VINN_E_FIELD_REQUIRED, "buyer.org_no"},
    {"no due date", no_due, VINN_E_FIELD_REQUIRED, "due_date"},
    {"due before issue", due_early, VINN_E_DUE_BEFORE_DATE, "due_date"},
    {"credit without original", credit_no_original, VINN_E_FIELD_REQUIRED, "original_number"},
    {"kind", bad_kind, VINN_E_UNKNOWN_VALUE, "kind"},
    {"net total", wrong_net, VINN_E_CHECK_FAILED, "totals.net_minor"},
    {"gross total", wrong_gross, VINN_E_CHECK_FAILED, "totals.gross_minor"},
    {"due total", wrong_due, VINN_E_CHECK_FAILED, "totals.due_minor"},
    {"prepaid", negative_prepaid, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "totals.prepaid_minor"},
    {"rate without VAT", no_vat_with_rate, VINN_E_VAT_RATE_INVALID, "lines[0].vat_rate_bp"},
    {"line text", line_no_text, VINN_E_FIELD_REQUIRED, "lines[0].text"},
    {"line quantity", line_zero_quantity, VINN_E_QUANTITY_INVALID, "lines[0].quantity_milli"},
    {"line price", line_negative_price, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE,
     "lines[0].unit_price_minor"},
    {"line rate", line_rate_too_high, VINN_E_VAT_RATE_INVALID, "lines[0].vat_rate_bp"},
    {"exempt with rate", line_exempt_with_rate, VINN_E_VAT_RATE_INVALID, "lines[0].vat_rate_bp"},
    {"line net", line_wrong_net, VINN_E_CHECK_FAILED, "lines[0].net_minor"},
    {"line control", line_control_char, VINN_E_INVALID_CHARACTERS, "lines[0].text"},
};

static void test_field_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        struct vinn_ehf_document d = no_invoice();
        c->breaks(&d);
        struct written w = write_doc(&d);
        if (w.err != c->err || strcmp(w.error.field, c->field) != 0) {
            fprintf(stderr, "case '%s': got %s field '%s': %s\n", c->name, vinn_err_name(w.err),
                    w.error.field, w.error.message);
        }
        assert_int_equal(w.err, c->err);
        assert_string_equal(w.error.field, c->field);
        assert_true(w.error.message[0] != '\0');
        /* Nothing is written when the input is refused. */
        assert_int_equal(w.len, 0);
        free(w.text);
    }
}

/* A line net overflowing int64 is an error, not a wrapped amount. */
static void test_overflow(void **state)
{
    (void)state;
    struct vinn_ehf_document d = no_invoice();
    struct vinn_ehf_line big[2] = {
        {.text = "a",
         .quantity_milli = 1000,
         .unit_price_minor = INT64_MAX,
         .vat_rate_bp = 0,
         .net_minor = INT64_MAX},
        {.text = "b",
         .quantity_milli = 1000,
         .unit_price_minor = 1,
         .vat_rate_bp = 0,
         .net_minor = 1},
    };
    d.lines = big;
    d.lines_count = 2;
    struct written w = write_doc(&d);
    assert_int_equal(w.err, VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(w.len, 0);
    free(w.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_invoice),        cmocka_unit_test(test_iban_abroad),
        cmocka_unit_test(test_credit_note),       cmocka_unit_test(test_se_bankgiro),
        cmocka_unit_test(test_person_zero_rates), cmocka_unit_test(test_not_vat_registered),
        cmocka_unit_test(test_vat_reconcile),     cmocka_unit_test(test_field_errors),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
