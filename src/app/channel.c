/*
 * channel.c - queueing a message on the channel core/channel.h chooses for
 * its customer: the invoice message (invoice.c) and the letters of the day
 * run (dunning.c) both come here, so the rule has one home.
 *
 * A customer who takes no paper (e-invoice, direct debit) and whom nothing
 * else reaches gets no letter: her message is written all the same, as
 * failed with the reason, so that nothing is lost without a trace
 * (DESIGN.md invariant 6) and a person sees why.
 */
#include <stdio.h>
#include <string.h>

#include "app/internal.h"
#include "base/text.h"
#include "core/channel.h"

static vinn_err facts_of(const struct vinn_app_recipient *to, enum vinn_channel step,
                         struct vinn_channel_facts *f, struct vinn_error *error)
{
    memset(f, 0, sizeof(*f));
    f->step = step;
    f->direct_debit = to->direct_debit;
    f->has_email = to->email[0] != '\0';
    f->has_phone = to->phone[0] != '\0';
    f->has_einvoice_address = to->einvoice_address;
    /* Both were checked when they were saved; a value that no longer parses
     * is the database's fault, and is named as such. */
    vinn_err rc = vinn_channel_stated_parse(to->channel, "customers.channel", &f->stated, error);
    if (rc == VINN_OK) {
        rc = vinn_sale_channel_parse(to->sale_channel, "invoices.sale_channel", &f->sale, error);
    }
    return rc;
}

vinn_err vinn_app_message_queue(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const struct vinn_app_recipient *to, enum vinn_channel step,
                                struct vinn_message *m, struct vinn_error *error)
{
    struct vinn_channel_facts facts;
    vinn_err rc = facts_of(to, step, &facts, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_error why;
    vinn_error_clear(&why);
    enum vinn_channel ch = VINN_CHANNEL_CUSTOMER;
    vinn_err chosen = vinn_channel_choose(&facts, &ch, NULL, &why);
    m->channel = ch;
    const char *recipient = ch == VINN_CHANNEL_EMAIL ? to->email
                            : ch == VINN_CHANNEL_SMS ? to->phone
                                                     : "";
    vinn_text_copy(m->recipient, sizeof(m->recipient), recipient);
    rc = vinn_store_message_insert(app->store, tenant->id, m, error);
    if (rc != VINN_OK || chosen == VINN_OK) {
        return rc;
    }
    /* No channel without paper: failed at once, with the rule as reason. */
    memcpy(m->status, "failed", 7);
    snprintf(m->last_error, sizeof(m->last_error), "%s", why.message);
    return vinn_store_message_attempt(app->store, tenant->id, m, "", error);
}
