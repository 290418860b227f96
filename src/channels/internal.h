/*
 * internal.h - what the files of src/channels share; nothing outside
 * src/channels includes it.
 *
 * channels.c checks what every message needs and hands it to one sender
 * (email.c, sms.c, drop.c); each sender checks its own members and its own
 * configuration before it sends or writes anything.
 */
#ifndef VINN_CHANNELS_INTERNAL_H
#define VINN_CHANNELS_INTERNAL_H

#include <curl/curl.h>

#include "channels/channels.h"

/* The senders. msg has passed the common check of channels.c. */
VINN_MUST_USE vinn_err vinn_channels_email_send(const struct vinn_channels_config *cfg,
                                                const struct vinn_outgoing *msg, char *receipt,
                                                size_t receipt_cap, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_channels_sms_send(const struct vinn_channels_config *cfg,
                                              const struct vinn_outgoing *msg, char *receipt,
                                              size_t receipt_cap, struct vinn_error *error);
VINN_MUST_USE vinn_err vinn_channels_drop_send(const struct vinn_channels_config *cfg,
                                               const struct vinn_outgoing *msg, char *receipt,
                                               size_t receipt_cap, struct vinn_error *error);

/* vinn_text_check (base/text.h) whose failures are VINN_E_MESSAGE_INVALID
 * naming field: to the outbox every malformed member is the same case. */
VINN_MUST_USE vinn_err vinn_channels_text_check(const char *s, size_t max_bytes, unsigned flags,
                                                const char *field, struct vinn_error *error);

/* A setting that goes into a URL, a login or a header: present (else
 * VINN_E_CHANNEL_NOT_CONFIGURED) when required, and without control
 * characters (else VINN_E_CHANNEL_CONFIG_INVALID). The value is never
 * quoted in the message: it may be a secret. */
VINN_MUST_USE vinn_err vinn_channels_setting_check(const char *value, bool required,
                                                   const char *field, struct vinn_error *error);

/* A server's URL: set (else VINN_E_CHANNEL_NOT_CONFIGURED), without control
 * characters, and of scheme "<scheme>://" or "<scheme>s://" (else
 * VINN_E_CHANNEL_CONFIG_INVALID). The URL is not quoted: it may hold a
 * password. */
VINN_MUST_USE vinn_err vinn_channels_url_check(const char *url, const char *scheme,
                                               const char *field, struct vinn_error *error);

/* RFC 5322 3.2.3 dot-atom-text: runs of atext joined by single dots (the
 * local part of an address, both sides of a Message-ID). */
bool vinn_channels_is_dot_atom(const char *s, size_t len);

/* Copy len bytes of a server's answer into dst (cap > 0): each run of
 * control characters and spaces becomes one space, ends are trimmed, and the
 * result is always terminated (cut when it does not fit). */
void vinn_channels_clean(char *dst, size_t cap, const char *src, size_t len);

/* Write the receipt line (cut to cap; nothing when cap is 0). */
void vinn_channels_receipt(char *receipt, size_t cap, const char *fmt, ...) VINN_PRINTF(3, 4);

/* One curl easy handle for one transfer, set up with the configured timeout,
 * no signals, the allowed protocols only ("smtp,smtps", "http,https"), no
 * redirects, an error buffer and no output to stdout. */
struct vinn_channels_curl {
    CURL *curl;
    char errbuf[CURL_ERROR_SIZE];
};

/* Errors: VINN_E_NO_MEMORY. c->curl is NULL on failure. */
VINN_MUST_USE vinn_err vinn_channels_curl_open(struct vinn_channels_curl *c,
                                               const struct vinn_channels_config *cfg,
                                               const char *url, const char *protocols,
                                               struct vinn_error *error);
void vinn_channels_curl_close(struct vinn_channels_curl *c);

/* A failed transfer that no server answer explains (it never connected, it
 * timed out, the connection broke): VINN_E_NO_MEMORY for CURLE_OUT_OF_MEMORY,
 * else VINN_E_DELIVERY_TEMPORARY "<what>: <curl's text>" naming field. */
VINN_MUST_USE vinn_err vinn_channels_curl_failure(const struct vinn_channels_curl *c, CURLcode rc,
                                                  const char *what, const char *field,
                                                  struct vinn_error *error);

/* The start of an HTTP server's answer, for the receipt or the error. */
enum { VINN_CHANNELS_ANSWER_MAX = 200 };
struct vinn_channels_answer {
    char bytes[VINN_CHANNELS_ANSWER_MAX];
    size_t len;
};

/* Append one header field; when that fails the whole list is freed and NULL
 * returned. */
struct curl_slist *vinn_channels_header_add(struct curl_slist *list, const char *field);
/* A POST of body with headers, the answer's start kept in a. */
CURLcode vinn_channels_post_setup(CURL *h, struct curl_slist *headers, const char *body,
                                  struct vinn_channels_answer *a);

#endif
