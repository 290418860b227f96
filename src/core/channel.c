/* channel.c - which channel a message goes by; see channel.h for the rule. */
#include "core/channel.h"

#include <string.h>

#include "base/assert.h"

#include "core/banned.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const sale_names[VINN_SALE_COUNT] = {
    [VINN_SALE_NONE] = "",       [VINN_SALE_WEB] = "web",     [VINN_SALE_EMAIL] = "email",
    [VINN_SALE_APP] = "app",     [VINN_SALE_SMS] = "sms",     [VINN_SALE_POS] = "pos",
    [VINN_SALE_PHONE] = "phone", [VINN_SALE_EINVOICE] = "einvoice", [VINN_SALE_MAIL] = "mail",
};

/* A sale online or by e-mail left an e-mail address; one in an app, by text
 * message, at the till or by telephone a mobile number; an order that came
 * through Peppol is answered through Peppol; a paper order form by post. */
static const enum vinn_channel sale_message[VINN_SALE_COUNT] = {
    [VINN_SALE_NONE] = VINN_CHANNEL_CUSTOMER,    [VINN_SALE_WEB] = VINN_CHANNEL_EMAIL,
    [VINN_SALE_EMAIL] = VINN_CHANNEL_EMAIL,      [VINN_SALE_APP] = VINN_CHANNEL_SMS,
    [VINN_SALE_SMS] = VINN_CHANNEL_SMS,          [VINN_SALE_POS] = VINN_CHANNEL_SMS,
    [VINN_SALE_PHONE] = VINN_CHANNEL_SMS,        [VINN_SALE_EINVOICE] = VINN_CHANNEL_EINVOICE,
    [VINN_SALE_MAIL] = VINN_CHANNEL_LETTER,
};

const char *vinn_sale_channel_name(enum vinn_sale_channel sale)
{
    return (size_t)sale < COUNT(sale_names) ? sale_names[sale] : "unknown";
}

vinn_err vinn_sale_channel_parse(const char *name, const char *field, enum vinn_sale_channel *out,
                                 struct vinn_error *error)
{
    if (name == NULL || name[0] == '\0') {
        *out = VINN_SALE_NONE;
        return VINN_OK;
    }
    for (size_t i = 1; i < COUNT(sale_names); i++) {
        if (strcmp(name, sale_names[i]) == 0) {
            *out = (enum vinn_sale_channel)i;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_UNKNOWN_VALUE, field,
                     "%s '%.32s' must be one of web, email, app, sms, pos, phone, einvoice, mail",
                     field, name);
}

enum vinn_channel vinn_sale_channel_message(enum vinn_sale_channel sale)
{
    return (size_t)sale < COUNT(sale_message) ? sale_message[sale] : VINN_CHANNEL_CUSTOMER;
}

vinn_err vinn_channel_stated_parse(const char *name, const char *field, enum vinn_channel *out,
                                   struct vinn_error *error)
{
    if (name == NULL || name[0] == '\0') {
        *out = VINN_CHANNEL_CUSTOMER;
        return VINN_OK;
    }
    enum vinn_channel ch = VINN_CHANNEL_CUSTOMER;
    if (strcmp(name, "customer") == 0 || vinn_channel_parse(name, field, &ch, NULL) != VINN_OK) {
        return vinn_fail(error, VINN_E_UNKNOWN_VALUE, field,
                         "%s '%.32s' must be one of email, sms, letter, einvoice, mailbox", field,
                         name);
    }
    *out = ch;
    return VINN_OK;
}

bool vinn_channel_no_paper(const struct vinn_channel_facts *f)
{
    return f->direct_debit || f->stated == VINN_CHANNEL_EINVOICE;
}

static bool has_einvoice(const struct vinn_channel_facts *f)
{
    return f->has_einvoice_address || f->stated == VINN_CHANNEL_EINVOICE ||
           f->sale == VINN_SALE_EINVOICE;
}

/* Whether vinn has what ch needs to reach the customer. */
static bool reaches(const struct vinn_channel_facts *f, enum vinn_channel ch)
{
    switch (ch) {
    case VINN_CHANNEL_EMAIL:
        return f->has_email;
    case VINN_CHANNEL_SMS:
        return f->has_phone;
    case VINN_CHANNEL_LETTER:
        return !vinn_channel_no_paper(f);
    case VINN_CHANNEL_EINVOICE:
        return has_einvoice(f);
    case VINN_CHANNEL_MAILBOX:
        return f->stated == VINN_CHANNEL_MAILBOX;
    case VINN_CHANNEL_CUSTOMER:
        return false;
    }
    return false;
}

vinn_err vinn_channel_stated_check(const struct vinn_channel_facts *f, struct vinn_error *error)
{
    if (f->stated == VINN_CHANNEL_EMAIL && !f->has_email) {
        return vinn_fail(error, VINN_E_CHANNEL_NEEDS_ADDRESS, "channel",
                         "channel 'email' needs the customer's e-mail address");
    }
    if (f->stated == VINN_CHANNEL_SMS && !f->has_phone) {
        return vinn_fail(error, VINN_E_CHANNEL_NEEDS_ADDRESS, "channel",
                         "channel 'sms' needs the customer's phone number");
    }
    if (f->stated == VINN_CHANNEL_LETTER && f->direct_debit) {
        return vinn_fail(error, VINN_E_CHANNEL_PAPER_REFUSED, "channel",
                         "channel 'letter' is not for a customer on direct debit: she gets no "
                         "paper");
    }
    return VINN_OK;
}

vinn_err vinn_channel_choose(const struct vinn_channel_facts *f, enum vinn_channel *out,
                             enum vinn_channel_reason *reason, struct vinn_error *error)
{
    VINN_ASSERT(f != NULL && out != NULL);
    const struct {
        enum vinn_channel channel;
        enum vinn_channel_reason reason;
    } order[] = {
        {f->step, VINN_CHANNEL_BY_STEP},
        {f->stated, VINN_CHANNEL_BY_STATED},
        {vinn_sale_channel_message(f->sale), VINN_CHANNEL_BY_SALE},
        {VINN_CHANNEL_EMAIL, VINN_CHANNEL_BY_EMAIL},
        {VINN_CHANNEL_SMS, VINN_CHANNEL_BY_PHONE},
        {VINN_CHANNEL_LETTER, VINN_CHANNEL_BY_PAPER},
        {VINN_CHANNEL_EINVOICE, VINN_CHANNEL_BY_NO_PAPER},
    };
    for (size_t i = 0; i < COUNT(order); i++) {
        if (reaches(f, order[i].channel)) {
            *out = order[i].channel;
            if (reason != NULL) {
                *reason = order[i].reason;
            }
            return VINN_OK;
        }
    }
    /* Only a customer who takes no paper can get here: a letter reaches
     * everyone else. */
    VINN_ASSERT(vinn_channel_no_paper(f));
    return vinn_fail(error, VINN_E_CHANNEL_NONE, "channel",
                     "a customer on %s gets no paper, and this one has no e-mail address, phone "
                     "or e-invoice address",
                     f->direct_debit ? "direct debit" : "e-invoice");
}
