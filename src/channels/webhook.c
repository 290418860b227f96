/* webhook.c - a webhook delivery: one signed JSON POST per event
 * (channels.h gives the request). */
#include "channels/internal.h"

#include <stdio.h>
#include <string.h>

#include "base/limits.h"

enum { FIELD_MAX = 256 };

static struct curl_slist *headers_build(const struct vinn_webhook_post *post)
{
    char sig[FIELD_MAX], id[FIELD_MAX / 4], type[FIELD_MAX / 4];
    snprintf(sig, sizeof(sig), "Vinn-Signature: %s", post->signature);
    snprintf(id, sizeof(id), "Vinn-Event-Id: %s", post->event_id);
    snprintf(type, sizeof(type), "Vinn-Event-Type: %s", post->event_type);
    const char *fields[] = {
        "Content-Type: application/json", "User-Agent: vinn-webhooks/1", "Expect:", sig, id, type};
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if ((list = vinn_channels_header_add(list, fields[i])) == NULL) {
            return NULL;
        }
    }
    return list;
}

static vinn_err outcome(long status, const struct vinn_channels_answer *a, struct vinn_error *error)
{
    if (status >= 200 && status < 300) {
        return VINN_OK;
    }
    char said[VINN_CHANNELS_ANSWER_MAX + 1];
    vinn_channels_clean(said, sizeof(said), a->bytes, a->len);
    bool temporary = status < 400 || status >= 500 || status == 429 || status == 408;
    return vinn_fail(error, temporary ? VINN_E_DELIVERY_TEMPORARY : VINN_E_DELIVERY_PERMANENT,
                     "url", "webhook endpoint answered %ld: %s", status, said);
}

vinn_err vinn_channel_webhook_post(const struct vinn_webhook_post *post, long *status,
                                   struct vinn_error *error)
{
    *status = 0;
    struct vinn_channels_config cfg = {.timeout_ms = post->timeout_ms};
    struct vinn_channels_curl c;
    vinn_err rc = vinn_channels_curl_open(&c, &cfg, post->url, "http,https", error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_channels_answer a = {.len = 0};
    struct curl_slist *headers = headers_build(post);
    CURLcode crc = headers != NULL ? vinn_channels_post_setup(c.curl, headers, post->body, &a)
                                   : CURLE_OUT_OF_MEMORY;
    if (crc != CURLE_OK) {
        rc = vinn_fail(error, crc == CURLE_OUT_OF_MEMORY ? VINN_E_NO_MEMORY : VINN_E_INTERNAL, "",
                       "cannot build the webhook request: %s", curl_easy_strerror(crc));
    } else {
        crc = curl_easy_perform(c.curl);
        if (crc == CURLE_OK) {
            crc = curl_easy_getinfo(c.curl, CURLINFO_RESPONSE_CODE, status);
        }
        rc = crc == CURLE_OK
                 ? outcome(*status, &a, error)
                 : vinn_channels_curl_failure(&c, crc, "webhook endpoint", "url", error);
    }
    vinn_channels_curl_close(&c);
    curl_slist_free_all(headers);
    return rc;
}
