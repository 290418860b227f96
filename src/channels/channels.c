/* channels.c - the checks every channel shares, the choice of sender, curl
 * set-up and the retry schedule. */
#include "channels/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/assert.h"
#include "base/text.h"

vinn_err vinn_channels_init(struct vinn_error *error)
{
    CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc == CURLE_OUT_OF_MEMORY) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "libcurl could not start: out of memory");
    }
    if (rc != CURLE_OK) {
        return vinn_fail(error, VINN_E_INTERNAL, "", "libcurl could not start: %s",
                         curl_easy_strerror(rc));
    }
    return VINN_OK;
}

void vinn_channels_cleanup(void)
{
    curl_global_cleanup();
}

vinn_err vinn_channels_text_check(const char *s, size_t max_bytes, unsigned flags,
                                  const char *field, struct vinn_error *error)
{
    struct vinn_error why;
    vinn_error_clear(&why);
    if (vinn_text_check(s, max_bytes, flags, field, &why) == VINN_OK) {
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_MESSAGE_INVALID, field, "%s", why.message);
}

vinn_err vinn_channels_setting_check(const char *value, bool required, const char *field,
                                     struct vinn_error *error)
{
    if (value == NULL || value[0] == '\0') {
        if (required) {
            return vinn_fail(error, VINN_E_CHANNEL_NOT_CONFIGURED, field, "%s is not set", field);
        }
        return VINN_OK;
    }
    for (const char *p = value; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7F) {
            return vinn_fail(error, VINN_E_CHANNEL_CONFIG_INVALID, field,
                             "%s contains a control character", field);
        }
    }
    return VINN_OK;
}

vinn_err vinn_channels_url_check(const char *url, const char *scheme, const char *field,
                                 struct vinn_error *error)
{
    vinn_err rc = vinn_channels_setting_check(url, true, field, error);
    if (rc != VINN_OK) {
        return rc;
    }
    size_t n = strlen(scheme);
    const char *rest = strncasecmp(url, scheme, n) == 0 ? url + n : "";
    rest += rest[0] == 's' || rest[0] == 'S' ? 1 : 0;
    if (strncmp(rest, "://", 3) != 0) {
        return vinn_fail(error, VINN_E_CHANNEL_CONFIG_INVALID, field,
                         "%s must start with %s:// or %ss://", field, scheme, scheme);
    }
    return VINN_OK;
}

/* The length of the UTF-8 sequence at s[0..avail) when it is valid, else 0. */
static size_t utf8_sequence(const char *s, size_t avail)
{
    unsigned char b = (unsigned char)s[0];
    size_t k = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (k == 0 || k > avail || !vinn_utf8_is_valid(s, k)) {
        return 0;
    }
    return k;
}

void vinn_channels_clean(char *dst, size_t cap, const char *src, size_t len)
{
    VINN_ASSERT(dst != NULL);
    VINN_ASSERT(cap > 0);
    size_t n = 0;
    bool after_space = true; /* drops leading spaces */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        if (c <= 0x20 || c == 0x7F) {
            if (!after_space && n + 1 < cap) {
                dst[n++] = ' ';
            }
            after_space = true;
            i++;
            continue;
        }
        size_t k = utf8_sequence(src + i, len - i);
        const char *piece = k > 0 ? src + i : "?";
        size_t piece_len = k > 0 ? k : 1;
        if (n + piece_len + 1 > cap) {
            break;
        }
        memcpy(dst + n, piece, piece_len);
        n += piece_len;
        after_space = false;
        i += k > 0 ? k : 1;
    }
    while (n > 0 && dst[n - 1] == ' ') {
        n--;
    }
    dst[n] = '\0';
}

void vinn_channels_receipt(char *receipt, size_t cap, const char *fmt, ...)
{
    if (cap == 0) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(receipt, cap, fmt, ap);
    va_end(ap);
}

static size_t discard_body(char *data, size_t size, size_t nitems, void *user)
{
    (void)data;
    (void)user;
    return size * nitems;
}

vinn_err vinn_channels_curl_open(struct vinn_channels_curl *c,
                                 const struct vinn_channels_config *cfg, const char *url,
                                 const char *protocols, struct vinn_error *error)
{
    c->errbuf[0] = '\0';
    c->curl = curl_easy_init();
    if (c->curl == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "cannot start a transfer: out of memory");
    }
    long timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : VINN_CHANNEL_TIMEOUT_DEFAULT_MS;
    CURL *h = c->curl;
    /* Each option is known to this libcurl (>= 7.85, meson.build); a failure
     * can only be memory. */
    CURLcode rc = curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_URL, url);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM for DNS */
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    }
    if (rc == CURLE_OK) {
        /* curl's default writes what a server sends to stdout: never print. */
        rc = curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard_body);
    }
    if (rc != CURLE_OK) {
        vinn_channels_curl_close(c);
        return vinn_fail(error, rc == CURLE_OUT_OF_MEMORY ? VINN_E_NO_MEMORY : VINN_E_INTERNAL, "",
                         "cannot set up the transfer: %s", curl_easy_strerror(rc));
    }
    return VINN_OK;
}

void vinn_channels_curl_close(struct vinn_channels_curl *c)
{
    if (c->curl != NULL) {
        curl_easy_cleanup(c->curl);
        c->curl = NULL;
    }
}

vinn_err vinn_channels_curl_failure(const struct vinn_channels_curl *c, CURLcode rc,
                                    const char *what, const char *field, struct vinn_error *error)
{
    const char *text = c->errbuf[0] != '\0' ? c->errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_OUT_OF_MEMORY) {
        return vinn_fail(error, VINN_E_NO_MEMORY, field, "%s: out of memory", what);
    }
    /* The scheme was checked before; what is left is a URL curl cannot read. */
    if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) {
        return vinn_fail(error, VINN_E_CHANNEL_CONFIG_INVALID, field, "%s: %s", what, text);
    }
    return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, field, "%s: %s", what, text);
}

/* RFC 5322 3.2.3 atext. */
static bool is_atext(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

bool vinn_channels_is_dot_atom(const char *s, size_t len)
{
    if (len == 0 || s[0] == '.' || s[len - 1] == '.') {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.') {
                return false;
            }
            continue;
        }
        if (!is_atext((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

/* A Message-ID (RFC 5322 3.6.4): "<" dot-atom-text "@" dot-atom-text ">";
 * the no-fold-literal form of the right side is not taken. */
static vinn_err message_id_check(const char *id, struct vinn_error *error)
{
    vinn_err rc =
        vinn_channels_text_check(id, VINN_CHANNEL_MESSAGE_ID_MAX,
                                 VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "message_id", error);
    if (rc != VINN_OK) {
        return rc;
    }
    size_t len = strlen(id);
    const char *at = strchr(id, '@');
    bool ok = len >= 5 && id[0] == '<' && id[len - 1] == '>' && at != NULL &&
              vinn_channels_is_dot_atom(id + 1, (size_t)(at - id) - 1) &&
              vinn_channels_is_dot_atom(at + 1, (size_t)(id + len - 1 - (at + 1)));
    if (!ok) {
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "message_id",
                         "message_id '%s' is not of the form <left@right>", id);
    }
    return VINN_OK;
}

/* A BCP 47 tag in its common shape: 2-8 letters, then "-" and 1-8 letters or
 * digits, any number of times ("nb", "sv-FI", "se-Latn-NO"). */
static bool lang_is_valid(const char *s)
{
    size_t len = strlen(s);
    size_t run = 0;
    size_t first = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = s[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool digit = c >= '0' && c <= '9';
        if (c == '-' || c == '\0') {
            if (run == 0 || run > 8 || (first == 0 && run < 2)) {
                return false;
            }
            first = first == 0 ? run : first;
            run = 0;
            continue;
        }
        if (!alpha && !(digit && first > 0)) {
            return false;
        }
        run++;
    }
    return len <= VINN_CHANNEL_LANG_MAX;
}

/* RFC 2045 5.1 token: printable ASCII but for the tspecials. */
static bool mime_token_is_valid(const char *s, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7F || strchr("()<>@,;:\\\"/[]?=", c) != NULL) {
            return false;
        }
    }
    return true;
}

static vinn_err attachment_check(const struct vinn_outgoing *msg, struct vinn_error *error)
{
    if (msg->attachment == NULL) {
        if (msg->attachment_len != 0) {
            return vinn_fail(error, VINN_E_MESSAGE_INVALID, "attachment",
                             "attachment_len is %zu but there is no attachment",
                             msg->attachment_len);
        }
        return VINN_OK;
    }
    if (msg->attachment_len == 0) {
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "attachment", "attachment is empty");
    }
    if (msg->attachment_len > VINN_CHANNEL_ATTACHMENT_MAX) {
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "attachment",
                         "attachment is larger than %d bytes", VINN_CHANNEL_ATTACHMENT_MAX);
    }
    const char *name = msg->attachment_name;
    vinn_err rc = vinn_channels_text_check(name, VINN_CHANNEL_ATTACHMENT_NAME_MAX,
                                           VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE,
                                           "attachment_name", error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (strpbrk(name, "/\\") != NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "attachment_name",
                         "attachment_name '%s' must be a file name without a directory", name);
    }
    const char *type = msg->attachment_type;
    if (type != NULL) {
        const char *slash = strchr(type, '/');
        bool ok = slash != NULL && strlen(type) <= 100 &&
                  mime_token_is_valid(type, (size_t)(slash - type)) &&
                  mime_token_is_valid(slash + 1, strlen(slash + 1));
        if (!ok) {
            return vinn_fail(error, VINN_E_MESSAGE_INVALID, "attachment_type",
                             "attachment_type '%s' is not a media type like application/pdf", type);
        }
    }
    return VINN_OK;
}

static vinn_err channel_check(enum vinn_channel channel, struct vinn_error *error)
{
    switch (channel) {
    case VINN_CHANNEL_EMAIL:
    case VINN_CHANNEL_SMS:
    case VINN_CHANNEL_LETTER:
    case VINN_CHANNEL_EINVOICE:
    case VINN_CHANNEL_MAILBOX:
        return VINN_OK;
    case VINN_CHANNEL_CUSTOMER:
        return vinn_fail(error, VINN_E_MESSAGE_INVALID, "channel",
                         "channel 'customer' must be resolved to the customer's channel "
                         "before sending");
    }
    return vinn_fail(error, VINN_E_MESSAGE_INVALID, "channel", "channel %d is not a channel",
                     (int)channel);
}

/* What every channel needs; each sender checks its own members after. */
static vinn_err message_check(const struct vinn_outgoing *msg, struct vinn_error *error)
{
    vinn_err rc = channel_check(msg->channel, error);
    if (rc == VINN_OK) {
        rc = message_id_check(msg->message_id, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_channels_text_check(msg->text, VINN_CHANNEL_TEXT_MAX, VINN_TEXT_REQUIRED, "text",
                                      error);
    }
    if (rc == VINN_OK && msg->lang != NULL && msg->lang[0] != '\0' && !lang_is_valid(msg->lang)) {
        rc = vinn_fail(error, VINN_E_MESSAGE_INVALID, "lang",
                       "lang '%s' is not a language tag like nb or sv-FI", msg->lang);
    }
    if (rc == VINN_OK) {
        rc = attachment_check(msg, error);
    }
    return rc;
}

vinn_err vinn_channel_send(const struct vinn_channels_config *cfg, const struct vinn_outgoing *msg,
                           char *receipt, size_t receipt_cap, struct vinn_error *error)
{
    VINN_ASSERT(cfg != NULL);
    VINN_ASSERT(msg != NULL);
    VINN_ASSERT(receipt != NULL || receipt_cap == 0);
    vinn_err rc = message_check(msg, error);
    if (rc != VINN_OK) {
        return rc;
    }
    switch (msg->channel) {
    case VINN_CHANNEL_EMAIL:
        return vinn_channels_email_send(cfg, msg, receipt, receipt_cap, error);
    case VINN_CHANNEL_SMS:
        return vinn_channels_sms_send(cfg, msg, receipt, receipt_cap, error);
    case VINN_CHANNEL_LETTER:
    case VINN_CHANNEL_EINVOICE:
    case VINN_CHANNEL_MAILBOX:
        return vinn_channels_drop_send(cfg, msg, receipt, receipt_cap, error);
    case VINN_CHANNEL_CUSTOMER:
        break;
    }
    VINN_UNREACHABLE(); /* channel_check let only the channels above through */
}

/* The waits after each failed attempt. A stepped table rather than base^n:
 * round numbers read well in a log, and each step is about five times the
 * one before until the cap, which is where exponential backoff gets its
 * worth (a gateway that is down for hours is not hammered). */
static const int64_t retry_delays_s[] = {60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600};

int64_t vinn_channel_retry_delay_s(int attempts)
{
    enum { DELAYS_COUNT = sizeof(retry_delays_s) / sizeof(retry_delays_s[0]) };
    if (attempts <= 0) {
        return 0;
    }
    size_t i = (size_t)attempts - 1;
    return retry_delays_s[i < DELAYS_COUNT ? i : DELAYS_COUNT - 1];
}

bool vinn_channel_should_give_up(int attempts)
{
    return attempts >= VINN_CHANNEL_ATTEMPTS_MAX;
}

/* ---- HTTP POST (sms.c, webhook.c) ---- */

static size_t answer_keep(char *data, size_t size, size_t nitems, void *user)
{
    struct vinn_channels_answer *a = user;
    size_t len = size * nitems;
    size_t room = sizeof(a->bytes) - a->len;
    size_t take = len < room ? len : room;
    memcpy(a->bytes + a->len, data, take);
    a->len += take;
    return len;
}

/* Append one field; when that fails the whole list is freed and NULL returned. */
struct curl_slist *vinn_channels_header_add(struct curl_slist *list, const char *field)
{
    struct curl_slist *longer = curl_slist_append(list, field);
    if (longer == NULL) {
        curl_slist_free_all(list);
    }
    return longer;
}

CURLcode vinn_channels_post_setup(CURL *h, struct curl_slist *headers, const char *body,
                               struct vinn_channels_answer *a)
{
    CURLcode rc = curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, answer_keep);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
    }
    return rc;
}
