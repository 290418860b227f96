/* sms.c - SMS through an HTTP gateway: one JSON POST per message
 * (channels.h gives the request). */
#include "channels/internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/text.h"

enum {
    /* "Authorization: Bearer " and a token: tokens of the large gateways are
     * under 200 characters; JWTs can reach a few kilobytes. */
    HEADER_MAX = 8192,
};

/* E.164 (ITU-T E.164 section 6): "+", a country code that does not start
 * with 0, at most 15 digits in all; 7 is the shortest full number in use. */
static bool phone_is_valid(const char *s)
{
    if (s[0] != '+' || s[1] < '1' || s[1] > '9') {
        return false;
    }
    size_t digits = strspn(s + 1, "0123456789");
    return s[1 + digits] == '\0' && digits >= 7 && digits <= 15;
}

static vinn_err config_check(const struct vinn_channels_config *cfg, struct vinn_error *error)
{
    vinn_err rc = vinn_channels_url_check(cfg->sms_url, "http", "sms_url", error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_channels_setting_check(cfg->sms_token, false, "sms_token", error);
    if (rc == VINN_OK && cfg->sms_token != NULL && strlen(cfg->sms_token) > HEADER_MAX - 64) {
        rc = vinn_fail(error, VINN_E_CHANNEL_CONFIG_INVALID, "sms_token",
                       "sms_token is longer than %d bytes", HEADER_MAX - 64);
    }
    return rc;
}

static vinn_err members_check(const struct vinn_outgoing *msg, struct vinn_error *error)
{
    if (msg->to == NULL || msg->to[0] == '\0') {
        return vinn_fail(error, VINN_E_RECIPIENT_INVALID, "to", "to is required");
    }
    if (!phone_is_valid(msg->to)) {
        return vinn_fail(error, VINN_E_RECIPIENT_INVALID, "to",
                         "to '%s' is not a phone number in E.164 form (+4791234567)", msg->to);
    }
    return vinn_channels_text_check(msg->text, VINN_CHANNEL_SMS_TEXT_MAX, VINN_TEXT_REQUIRED,
                                    "text", error);
}

/* The request's header fields, or NULL when memory ran out. */
static struct curl_slist *headers_build(const struct vinn_channels_config *cfg,
                                        const struct vinn_outgoing *msg)
{
    char key[sizeof("Idempotency-Key: ") + VINN_CHANNEL_MESSAGE_ID_MAX];
    snprintf(key, sizeof(key), "Idempotency-Key: %s", msg->message_id);
    struct curl_slist *list = vinn_channels_header_add(NULL, "Content-Type: application/json");
    if (list != NULL) {
        list = vinn_channels_header_add(list, "Accept: application/json");
    }
    if (list != NULL) {
        list = vinn_channels_header_add(list, "Expect:"); /* no 100-continue round trip */
    }
    if (list != NULL) {
        list = vinn_channels_header_add(list, key);
    }
    if (list != NULL && cfg->sms_token != NULL && cfg->sms_token[0] != '\0') {
        struct vinn_buf line;
        vinn_buf_init(&line, HEADER_MAX);
        if (vinn_buf_printf(&line, "Authorization: Bearer %s", cfg->sms_token) == VINN_OK) {
            list = vinn_channels_header_add(list, line.data);
        } else {
            curl_slist_free_all(list);
            list = NULL;
        }
        vinn_buf_release(&line);
    }
    return list;
}

/* 2xx is delivery. The gateway is at fault, or busy, or the configuration
 * is: 5xx, 429 (too many requests), 408 and 425 (try again), 401 and 407
 * (the token), 3xx (the URL moved): the message waits. Any other 4xx says
 * this message will never be taken as it is. */
static vinn_err http_outcome(long status, const struct vinn_channels_answer *a, const char *message_id,
                             char *receipt, size_t receipt_cap, struct vinn_error *error)
{
    char said[VINN_CHANNELS_ANSWER_MAX + 1];
    vinn_channels_clean(said, sizeof(said), a->bytes, a->len);
    if (status >= 200 && status < 300) {
        vinn_channels_receipt(receipt, receipt_cap, "HTTP %ld id=%s%s%s", status, message_id,
                              said[0] != '\0' ? " " : "", said);
        return VINN_OK;
    }
    bool temporary = status < 400 || status >= 500 || status == 429 || status == 408 ||
                     status == 425 || status == 401 || status == 407;
    if (temporary) {
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, "sms_url",
                         "sms gateway answered %ld: %s", status, said);
    }
    return vinn_fail(error, VINN_E_DELIVERY_PERMANENT, "to", "sms gateway answered %ld: %s", status,
                     said);
}

static vinn_err transfer(const struct vinn_channels_config *cfg, const struct vinn_outgoing *msg,
                         const char *body, char *receipt, size_t receipt_cap,
                         struct vinn_error *error)
{
    struct vinn_channels_curl c;
    vinn_err rc = vinn_channels_curl_open(&c, cfg, cfg->sms_url, "http,https", error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_channels_answer a = {.len = 0};
    struct curl_slist *headers = headers_build(cfg, msg);
    CURLcode crc =
        headers != NULL ? vinn_channels_post_setup(c.curl, headers, body, &a) : CURLE_OUT_OF_MEMORY;
    if (crc != CURLE_OK) {
        rc = vinn_fail(error, crc == CURLE_OUT_OF_MEMORY ? VINN_E_NO_MEMORY : VINN_E_INTERNAL, "",
                       "cannot build the sms request: %s", curl_easy_strerror(crc));
    } else {
        /* Point of no return: the message goes out. */
        crc = curl_easy_perform(c.curl);
        long status = 0;
        if (crc == CURLE_OK) {
            crc = curl_easy_getinfo(c.curl, CURLINFO_RESPONSE_CODE, &status);
        }
        rc = crc == CURLE_OK
                 ? http_outcome(status, &a, msg->message_id, receipt, receipt_cap, error)
                 : vinn_channels_curl_failure(&c, crc, "sms gateway", "sms_url", error);
    }
    vinn_channels_curl_close(&c);
    curl_slist_free_all(headers);
    return rc;
}

vinn_err vinn_channels_sms_send(const struct vinn_channels_config *cfg,
                                const struct vinn_outgoing *msg, char *receipt, size_t receipt_cap,
                                struct vinn_error *error)
{
    vinn_err rc = config_check(cfg, error);
    if (rc == VINN_OK) {
        rc = members_check(msg, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    /* Valid UTF-8 without NUL (checked), so jansson takes every string. */
    json_t *doc =
        json_pack("{s:s, s:s, s:s}", "to", msg->to, "text", msg->text, "id", msg->message_id);
    char *body = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (body == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "cannot build the sms request");
    }
    rc = transfer(cfg, msg, body, receipt, receipt_cap, error);
    free(body);
    return rc;
}
