/* ledger.c - balances and the ledger check. */
#include <string.h>

#include "app/app.h"

vinn_err vinn_app_ledger_balances(struct vinn_app *app, const struct vinn_tenant *tenant,
                                  const char *customer, vinn_balance_fn fn, void *ctx,
                                  struct vinn_error *error)
{
    int64_t customer_id = -1;
    if (customer != NULL && customer[0] != '\0') {
        struct vinn_customer c;
        vinn_err rc = vinn_store_customer_get(app->store, tenant->id, customer, &c, error);
        if (rc != VINN_OK) {
            return rc;
        }
        customer_id = c.id;
    }
    return vinn_store_balances(app->store, tenant->id, customer_id, fn, ctx, error);
}

vinn_err vinn_app_ledger_verify(struct vinn_app *app, const struct vinn_tenant *tenant,
                                struct vinn_verify_report *report, struct vinn_error *error)
{
    return vinn_store_ledger_verify(app->store, tenant->id, report, error);
}

bool vinn_verify_report_holds(const struct vinn_verify_report *r)
{
    return r->unbalanced_transactions == 0 && r->account_mismatches == 0 &&
           r->invoice_mismatches == 0 && r->status_mismatches == 0 &&
           r->queue_mismatches == 0 && r->payment_mismatches == 0;
}
