/*
 * channel.h - which channel a message to a customer goes by.
 *
 * The rule, first that reaches the customer wins (docs/messages.md):
 *
 *   1. the dunning step's own channel, when the policy names one;
 *   2. the channel the customer stated (customers.channel);
 *   3. the channel the sale came from (invoices.sale_channel), mapped to a
 *      message channel by vinn_sale_channel_message;
 *   4. e-mail when she has an address;
 *   5. SMS when she has a phone;
 *   6. a letter.
 *
 * A channel reaches the customer when vinn has what it needs: e-mail an
 * address, SMS a phone number; an e-invoice an e-invoice address (she
 * stated e-invoice, the sale came as an e-invoice, or she is a company with
 * an organisation number, which is its Peppol endpoint); the digital
 * mailbox only when she stated it (the provider finds her by her national
 * identity number); a letter always, unless she takes no paper.
 *
 * Never paper: a customer on e-invoice or on direct debit is never sent a
 * letter, whatever the step, her stated channel or the sale say. When
 * nothing of 1-5 reaches her, the message goes as an e-invoice if she has
 * an e-invoice address, and otherwise fails with VINN_E_CHANNEL_NONE: never
 * a letter.
 *
 * Pure: no I/O, no allocation; the outputs are unchanged on failure.
 */
#ifndef VINN_CORE_CHANNEL_H
#define VINN_CORE_CHANNEL_H

#include <stdbool.h>

#include "base/err.h"
#include "core/dunning.h"

/* Where the sale was made, as the merchant tells vinn. */
enum vinn_sale_channel {
    VINN_SALE_NONE = 0,  /* "": not known */
    VINN_SALE_WEB,       /* "web": an online shop           -> e-mail */
    VINN_SALE_EMAIL,     /* "email": an order by e-mail     -> e-mail */
    VINN_SALE_APP,       /* "app": a mobile app             -> SMS */
    VINN_SALE_SMS,       /* "sms": an order by text message -> SMS */
    VINN_SALE_POS,       /* "pos": at the till in a shop    -> SMS */
    VINN_SALE_PHONE,     /* "phone": an order by telephone  -> SMS */
    VINN_SALE_EINVOICE,  /* "einvoice": a Peppol order      -> e-invoice */
    VINN_SALE_MAIL,      /* "mail": a paper order form      -> letter */
    VINN_SALE_COUNT
};

/* Why the channel was chosen (for tests and for people reading a message). */
enum vinn_channel_reason {
    VINN_CHANNEL_BY_STEP = 0,  /* 1. the step's channel */
    VINN_CHANNEL_BY_STATED,    /* 2. the customer's stated channel */
    VINN_CHANNEL_BY_SALE,      /* 3. the channel the sale came from */
    VINN_CHANNEL_BY_EMAIL,     /* 4. she has an e-mail address */
    VINN_CHANNEL_BY_PHONE,     /* 5. she has a phone */
    VINN_CHANNEL_BY_PAPER,     /* 6. a letter */
    VINN_CHANNEL_BY_NO_PAPER,  /* no paper and nothing else: the e-invoice address */
};

/* What is known of the customer and the message. */
struct vinn_channel_facts {
    enum vinn_channel step;     /* the step's channel; VINN_CHANNEL_CUSTOMER: none */
    enum vinn_channel stated;   /* the customer's; VINN_CHANNEL_CUSTOMER: none */
    enum vinn_sale_channel sale;
    bool direct_debit;          /* she pays by direct debit (AvtaleGiro, Autogiro, ...) */
    bool has_email;
    bool has_phone;
    bool has_einvoice_address;  /* a company with an organisation number */
};

/* Names as stored and shown: "", "web", "email", "app", "sms", "pos",
 * "phone", "einvoice", "mail". */
const char *vinn_sale_channel_name(enum vinn_sale_channel sale);
/* NULL or "" is VINN_SALE_NONE; else VINN_E_UNKNOWN_VALUE naming field and
 * listing the names. */
VINN_MUST_USE vinn_err vinn_sale_channel_parse(const char *name, const char *field,
                                               enum vinn_sale_channel *out,
                                               struct vinn_error *error);
/* The message channel a sale channel maps to; VINN_CHANNEL_CUSTOMER for none. */
enum vinn_channel vinn_sale_channel_message(enum vinn_sale_channel sale);

/* A customer's stated channel: NULL or "" is none (VINN_CHANNEL_CUSTOMER);
 * else "email", "sms", "letter", "einvoice" or "mailbox" ("customer" is not
 * a channel one states): VINN_E_UNKNOWN_VALUE naming field. */
VINN_MUST_USE vinn_err vinn_channel_stated_parse(const char *name, const char *field,
                                                 enum vinn_channel *out,
                                                 struct vinn_error *error);

/* A customer takes no paper: she is on e-invoice or on direct debit. */
bool vinn_channel_no_paper(const struct vinn_channel_facts *facts);

/*
 * Whether a customer's stated channel fits what is known of her, before she
 * is saved: e-mail needs her address and SMS her phone
 * (VINN_E_CHANNEL_NEEDS_ADDRESS, field "channel"); a letter cannot be her
 * channel when she pays by direct debit (VINN_E_CHANNEL_PAPER_REFUSED,
 * field "channel"). Other fields of facts are ignored.
 */
VINN_MUST_USE vinn_err vinn_channel_stated_check(const struct vinn_channel_facts *facts,
                                                 struct vinn_error *error);

/*
 * The channel of a message by the rule above: *out and *reason (reason may
 * be NULL). VINN_E_CHANNEL_NONE (field "channel") when the customer takes no
 * paper and nothing else reaches her; *out and *reason are then unchanged.
 */
VINN_MUST_USE vinn_err vinn_channel_choose(const struct vinn_channel_facts *facts,
                                           enum vinn_channel *out,
                                           enum vinn_channel_reason *reason,
                                           struct vinn_error *error);

#endif
