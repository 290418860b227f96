/*
 * channels.h - delivery of one outgoing message on one channel.
 *
 * The outbox (app/) hands one message at a time to vinn_channel_send, which
 * delivers it and says how it went:
 *
 *   email     SMTP through libcurl: a MIME message, multipart/mixed holding
 *             the body (text/plain, or a multipart/alternative of text/plain
 *             and text/html, both UTF-8 and quoted-printable) and the
 *             attachment (base64) when there is one. Headers From, To,
 *             Subject (RFC 2047 encoded words when not ASCII), Message-ID,
 *             Date (the clock at sending, UTC), Content-Language (when lang
 *             is set), MIME-Version and Auto-Submitted: auto-generated
 *             (RFC 3834, so that out-of-office robots do not answer).
 *   sms       an HTTP gateway: POST to sms_url with
 *                 Content-Type: application/json
 *                 Authorization: Bearer <sms_token>    (when a token is set)
 *                 Idempotency-Key: <message_id>
 *             and the body {"to": "+4791234567", "text": "...", "id": "<message_id>"}
 *             (UTF-8). Any 2xx answer is delivery; the body is not read.
 *   letter, einvoice, mailbox
 *             a file drop for the print service, the PEPPOL access point and
 *             the digital mailbox agent: <drop_dir>/<channel>/<name>.txt holds
 *             the text and, when there is an attachment, <name>.<ext> beside
 *             it holds its bytes. <name> is the message id without its angle
 *             brackets, every byte but [A-Za-z0-9._@+=-] written %XX (so two
 *             ids never share a name); <ext> is the attachment name's own
 *             extension (lower case, 1-10 letters and digits), else "bin"
 *             ("txt" also becomes "bin", as it would clash with the text).
 *
 * Invariants:
 * - Idempotent under message_id: a drop whose .txt exists was delivered
 *   before, and sending it again writes nothing and succeeds. The id is also
 *   the e-mail's Message-ID and the SMS gateway's Idempotency-Key and "id",
 *   so that the far end can drop a duplicate of a retry after a timeout.
 * - A drop appears whole or not at all: each file is written under a temporary
 *   name starting with '.' in the same directory, fsynced, then given its
 *   name, and the directory is fsynced. The attachment comes first and the
 *   .txt last, so a reader that sees the .txt finds the attachment complete;
 *   readers skip names that start with '.'. Files are created mode 0640.
 * - Validation comes first and is complete: nothing is sent or written for a
 *   message or configuration that is refused.
 * - Never prints, never exits, no global state of its own; a failure's
 *   message quotes the server's answer with control characters removed and
 *   never holds the configured password or token.
 *
 * Threads: vinn_channel_send may run on many threads at once (one curl easy
 * handle per call, CURLOPT_NOSIGNAL) once vinn_channels_init has returned.
 */
#ifndef VINN_CHANNELS_CHANNELS_H
#define VINN_CHANNELS_CHANNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/dunning.h"

enum {
    /* A Message-ID (RFC 5322 3.6.4) is one header line; 250 leaves room for
     * "Message-ID: " within the 998-byte line limit many times over and keeps
     * the drop file name under NAME_MAX (255) for ordinary ids. */
    VINN_CHANNEL_MESSAGE_ID_MAX = 250,
    /* Subject: RFC 5322 recommends lines of 78; encoded words for 250 bytes
     * of UTF-8 fold into a handful of lines. */
    VINN_CHANNEL_SUBJECT_MAX = 250,
    /* From with a display name: the address (254) and a name (140). */
    VINN_CHANNEL_FROM_MAX = 400,
    /* Text and HTML body: a reminder is a page; 1 MiB is a very long one. */
    VINN_CHANNEL_TEXT_MAX = 1024 * 1024,
    /* SMS text in bytes: ten concatenated segments of 160 GSM characters. */
    VINN_CHANNEL_SMS_TEXT_MAX = 1600,
    /* An attachment: common mail servers refuse messages over 10-25 MB, and
     * base64 adds a third; an invoice PDF is far below. */
    VINN_CHANNEL_ATTACHMENT_MAX = 10 * 1024 * 1024,
    VINN_CHANNEL_ATTACHMENT_NAME_MAX = 100,
    /* A BCP 47 language tag ("nb", "sv-FI", "se-Latn-NO"). */
    VINN_CHANNEL_LANG_MAX = 35,
    /* What a receipt needs at most; shorter buffers get a cut receipt. */
    VINN_CHANNEL_RECEIPT_MAX = 512,
    /* Without a timeout in the configuration, a send may take 30 s. */
    VINN_CHANNEL_TIMEOUT_DEFAULT_MS = 30000,
    /* Attempts before the outbox gives a message up: with the delays of
     * vinn_channel_retry_delay_s the last one is about 38.6 hours after
     * the first, long enough to ride out a night's or a day's outage of a
     * gateway, short enough that a reminder's deadline still means
     * something when the outbox falls back to a letter. */
    VINN_CHANNEL_ATTEMPTS_MAX = 8,
};

/* One message. Every pointer is borrowed for the call only. */
struct vinn_outgoing {
    enum vinn_channel channel; /* email, sms, letter, einvoice or mailbox (not customer) */
    /* Required, "<left@right>" as a Message-ID (RFC 5322 dot-atom-text on both
     * sides), e.g. "<vinn-7-42@acme.vinn>": stable across retries. */
    const char *message_id;
    /* email: required, "billing@acme.no" or "Acme AS <billing@acme.no>". */
    const char *from;
    /* email: an address, optionally with a display name as for from;
     * sms: E.164, "+" and 7 to 15 digits, no spaces; drops: not used (the
     * address is inside the letter, the endpoint inside the e-invoice). */
    const char *to;
    const char *subject;             /* email: required, one line */
    const char *text;                /* required: the text part, the SMS, the .txt */
    const char *html;                /* email: an HTML alternative of text; may be NULL */
    const char *attachment_name;     /* required with an attachment: "faktura-7.pdf" */
    const unsigned char *attachment; /* NULL: none; else attachment_len > 0 bytes */
    size_t attachment_len;
    const char *attachment_type; /* "application/pdf"; NULL: application/octet-stream */
    const char *lang;            /* BCP 47, e.g. "nb"; NULL: no Content-Language */
};

struct vinn_channels_config {
    const char *smtp_url;  /* smtp://host:port or smtps://host:port; email */
    const char *smtp_user; /* NULL: no login; with a login STARTTLS is required */
    const char *smtp_password;
    const char *sms_url;   /* http(s)://host:port/path of the gateway; sms */
    const char *sms_token; /* Bearer token; NULL: none */
    const char *drop_dir;  /* letters, e-invoices and mailbox files; must exist */
    long timeout_ms;       /* whole send; <= 0: VINN_CHANNEL_TIMEOUT_DEFAULT_MS */
};

/*
 * Set up libcurl (curl_global_init): call once in main or at server start-up,
 * before any thread exists and before the first send, and pair it with
 * vinn_channels_cleanup at exit. This is the only global state the channels
 * have, and it is curl's; curl counts the calls, so pairs may nest.
 * Errors: VINN_E_NO_MEMORY, VINN_E_INTERNAL.
 */
VINN_MUST_USE vinn_err vinn_channels_init(struct vinn_error *error);
void vinn_channels_cleanup(void);

/*
 * Deliver msg on msg->channel with cfg. On success writes a short line for
 * the log into receipt (cut to receipt_cap, always terminated when
 * receipt_cap > 0; receipt may be NULL when receipt_cap is 0):
 *     email  the server's answer to the data, and the id:
 *            "250 2.0.0 Ok: queued as 4F3A2 id=<vinn-7-42@acme.vinn>"
 *     sms    the status, the id and the start of the gateway's answer:
 *            "HTTP 202 id=<vinn-7-43@acme.vinn> {"id": "gw-1"}"
 *     drops  the .txt path, with " (delivered before)" for a repeated send
 *
 * Errors, each naming the field that failed:
 *   VINN_E_CHANNEL_NOT_CONFIGURED  the channel's setting is missing: "smtp_url",
 *                                  "sms_url", "drop_dir" (also when it is not a directory)
 *   VINN_E_CHANNEL_CONFIG_INVALID  a setting is malformed: a scheme other than
 *                                  smtp(s) or http(s), control characters, a password
 *                                  without a user
 *   VINN_E_RECIPIENT_INVALID       "to" is missing or not an address or phone number
 *   VINN_E_MESSAGE_INVALID         another member is missing, too long, not UTF-8, holds
 *                                  line breaks in a header, the channel cannot be sent
 *                                  on ("customer" must be resolved first), or (drops)
 *                                  the id is too long for a file name once escaped
 *   VINN_E_DELIVERY_TEMPORARY      worth a retry: the server could not be reached or did
 *                                  not answer in time ("smtp_url", "sms_url"); an SMTP
 *                                  4xx; a login refused ("smtp_user"; HTTP 401, 407: the
 *                                  configuration is at fault, not the message); HTTP 5xx,
 *                                  429, 408, 425 or 3xx ("sms_url"); a drop that could
 *                                  not be written ("drop_dir")
 *   VINN_E_DELIVERY_PERMANENT      the far end refused this message: an SMTP 5xx to the
 *                                  sender ("from"), to the recipient ("to") or after the
 *                                  data (content, size: ""); any other HTTP 4xx ("to")
 *   VINN_E_NO_MEMORY
 * The message of a delivery error quotes the server's answer. receipt is
 * unchanged on failure. A drop that fails removes its temporary file; only a
 * crash can leave one (a dot name, which readers skip), never a partial file
 * under the real name.
 */
VINN_MUST_USE vinn_err vinn_channel_send(const struct vinn_channels_config *cfg,
                                         const struct vinn_outgoing *msg, char *receipt,
                                         size_t receipt_cap, struct vinn_error *error);

/*
 * A file of the drop that is not a message: the print batch of a day's
 * letters and its manifest (app/outbox.c). name is a plain file name, 1 to
 * 200 bytes of [A-Za-z0-9._@+=%-] not starting with '.' (else
 * VINN_E_INVALID_CHARACTERS naming "name").
 * put: <drop_dir>/<channel>/<name> becomes data, replacing what was there,
 * as a drop's files are written (a temporary dot name, fsynced, renamed,
 * the directory fsynced): a reader sees the old file or the new, never a
 * part. VINN_E_CHANNEL_NOT_CONFIGURED (no drop_dir), VINN_E_IO.
 * get: reads that file into *data (malloc'd, the caller's to free; *len
 * bytes). VINN_E_FILE_NOT_FOUND when there is none, VINN_E_LIMIT_EXCEEDED when
 * it is over max bytes, VINN_E_IO, VINN_E_NO_MEMORY; *data is NULL on
 * failure.
 */
VINN_MUST_USE vinn_err vinn_channels_drop_put(const struct vinn_channels_config *cfg,
                                              enum vinn_channel channel, const char *name,
                                              const void *data, size_t len,
                                              struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_channels_drop_get(const struct vinn_channels_config *cfg,
                                              enum vinn_channel channel, const char *name,
                                              size_t max, unsigned char **data, size_t *len,
                                              struct vinn_error *error);

/*
 * Seconds to wait before the next attempt after `attempts` failed ones:
 * 60 s, 5 min, 30 min, 2 h, then 12 h for every later one. 0 for
 * attempts <= 0 (nothing tried yet: send now). Pure.
 */
int64_t vinn_channel_retry_delay_s(int attempts);

/* True when `attempts` failed attempts are enough: attempts >=
 * VINN_CHANNEL_ATTEMPTS_MAX. The outbox then fails the message. Pure. */
bool vinn_channel_should_give_up(int attempts);

/* A webhook delivery: a JSON POST with the headers Vinn-Signature,
 * Vinn-Event-Id and Vinn-Event-Type. */
struct vinn_webhook_post {
    const char *url; /* http(s)://... */
    const char *body;
    const char *signature;
    const char *event_id;
    const char *event_type;
    long timeout_ms; /* <= 0: VINN_CHANNEL_TIMEOUT_DEFAULT_MS */
};

/*
 * POST the event; *status gets the HTTP status (0 when none came). A 2xx
 * is delivery. VINN_E_DELIVERY_TEMPORARY for no answer, a timeout, 5xx,
 * 429, 408 or 3xx; VINN_E_DELIVERY_PERMANENT for any other 4xx (the
 * endpoint refuses the event); VINN_E_NO_MEMORY.
 */
VINN_MUST_USE vinn_err vinn_channel_webhook_post(const struct vinn_webhook_post *post,
                                                 long *status, struct vinn_error *error);

#endif
