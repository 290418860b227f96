/*
 * documents.c - an invoice or credit note as a document for the outside
 * world: EHF / Peppol BIS Billing 3.0 (formats/ehf.h), from the stored
 * invoice, its lines, its customer and the tenant.
 */
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "formats/ehf.h"

vinn_err vinn_app_invoice_ehf(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, FILE *out, struct vinn_error *error)
{
    struct vinn_invoice inv;
    struct vinn_invoice original;
    struct vinn_customer c;
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    struct vinn_ehf_line *ehf_lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*ehf_lines));
    uint32_t count = 0;
    vinn_err rc = lines != NULL && ehf_lines != NULL
                      ? vinn_store_invoice_get(app->store, tenant->id, number, &inv, error)
                      : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK) {
        rc = vinn_store_customer_get_by_id(app->store, tenant->id, inv.customer_id, &c, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_lines(app->store, tenant->id, inv.id, lines,
                                      VINN_INVOICE_LINES_MAX, &count, error);
    }
    bool credit = rc == VINN_OK && inv.kind == VINN_INVOICE_KIND_CREDIT_NOTE;
    if (credit) {
        rc = vinn_store_invoice_get_by_id(app->store, tenant->id, inv.original_id, &original,
                                          error);
    }
    if (rc == VINN_OK) {
        for (uint32_t i = 0; i < count; i++) {
            ehf_lines[i] = (struct vinn_ehf_line){
                .text = lines[i].text,
                .quantity_milli = lines[i].quantity_milli,
                .unit_price_minor = lines[i].unit_price_minor,
                .vat_rate_bp = lines[i].vat_rate_bp,
                .net_minor = lines[i].net_minor,
            };
        }
        struct vinn_ehf_document d = {
            .kind = credit ? VINN_EHF_CREDIT_NOTE : VINN_EHF_INVOICE,
            .number = inv.number,
            .original_number = credit ? original.number : NULL,
            .issue_date = inv.issue_date,
            .has_due_date = !credit,
            .due_date = inv.due_date,
            .currency = inv.currency,
            .payment_reference = credit ? NULL : inv.reference,
            .seller =
                {
                    .name = tenant->name,
                    .org_no = tenant->org_no,
                    .address = {.country = tenant->country},
                    .vat_registered = tenant->org_no[0] != '\0',
                    .account = strcmp(tenant->country, "SE") == 0 ? NULL : tenant->account,
                    .bankgiro = strcmp(tenant->country, "SE") == 0 ? tenant->account : NULL,
                    .iban = tenant->iban[0] ? tenant->iban : NULL,
                },
            .buyer =
                {
                    .id = c.ext_id,
                    .name = c.name,
                    .org_no = c.org_no,
                    .address = {.lines = {c.address, NULL},
                                .postcode = c.postcode,
                                .city = c.city,
                                .country = c.country},
                    .email = c.email,
                },
            .lines = ehf_lines,
            .lines_count = count,
            .net_minor = inv.net_minor,
            .vat_minor = inv.vat_minor,
            .gross_minor = inv.gross_minor,
            .due_minor = inv.gross_minor,
        };
        rc = vinn_ehf_write(&d, out, error);
    }
    free(lines);
    free(ehf_lines);
    return rc;
}
