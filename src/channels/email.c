/* email.c - e-mail through SMTP with libcurl: the envelope (RFC 5321), the
 * header fields (RFC 5322, with RFC 2047 encoded words for text that is not
 * ASCII) and the MIME body (RFC 2045-2046, RFC 2231 for file names). */
#include "channels/internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/assert.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/text.h"

enum {
    /* One header field with its folds: a From of 400 bytes of UTF-8 becomes
     * about 730 characters of encoded words. */
    HEADER_MAX = 4096,
    /* UTF-8 bytes per encoded word: "=?UTF-8?B?" + 52 characters of base64
     * + "?=" is 64, so "Subject: " and one word stay within the 76
     * characters RFC 2047 section 2 allows a line that holds encoded words. */
    WORD_BYTES_MAX = 39,
    /* One line of a server's answer, as kept for the receipt or the error. */
    REPLY_MAX = 256,
    LOCAL_PART_MAX = 64, /* RFC 5321 4.5.3.1.1 */
    DOMAIN_MAX = 253,    /* RFC 1035 2.3.4, less the trailing dot */
    LABEL_MAX = 63,
};

/* An address with the display name it came with ("Acme AS <billing@acme.no>"). */
struct mailbox {
    char name[VINN_CHANNEL_FROM_MAX + 1]; /* unquoted; "" for none */
    char addr[VINN_EMAIL_MAX + 1];
};

/* A host name of two or more LDH labels (RFC 1035 2.3.1, RFC 5321 4.1.2):
 * address literals and one-label hosts are refused, as no customer's mail
 * lives there and they are most often a typo. */
static bool domain_is_valid(const char *s, size_t len)
{
    if (len == 0 || len > DOMAIN_MAX) {
        return false;
    }
    size_t labels = 0;
    size_t run = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? s[i] : '.';
        if (c == '.') {
            if (run == 0 || run > LABEL_MAX || s[i - run] == '-' || s[i - 1] == '-') {
                return false;
            }
            labels++;
            run = 0;
            continue;
        }
        bool ldh =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ldh) {
            return false;
        }
        run++;
    }
    return labels >= 2;
}

/* An RFC 5321 Mailbox in its common form: a dot-atom local part (quoted
 * local parts and SMTPUTF8 addresses are not taken) "@" a host name. */
static bool address_is_valid(const char *s, size_t len)
{
    if (len > VINN_EMAIL_MAX) {
        return false;
    }
    const char *at = memrchr(s, '@', len);
    if (at == NULL) {
        return false;
    }
    size_t local = (size_t)(at - s);
    return local >= 1 && local <= LOCAL_PART_MAX && vinn_channels_is_dot_atom(s, local) &&
           domain_is_valid(at + 1, len - local - 1);
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && (*s)[0] == ' ') {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && (*s)[*len - 1] == ' ') {
        (*len)--;
    }
}

/* A display name as written before "<": bare words, or a quoted string
 * whose backslashes escape the next character. */
static bool name_parse(const char *s, size_t len, struct mailbox *out)
{
    trim(&s, &len);
    bool quoted = len >= 2 && s[0] == '"' && s[len - 1] == '"';
    if (quoted) {
        s++;
        len -= 2;
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (quoted && c == '\\') {
            if (++i == len) {
                return false;
            }
            c = s[i];
        } else if (c == '"' || (!quoted && (c == '<' || c == '>'))) {
            return false;
        }
        if (n + 1 >= sizeof(out->name)) {
            return false;
        }
        out->name[n++] = c;
    }
    out->name[n] = '\0';
    return true;
}

/* "addr" or "Name <addr>"; s is one line of valid UTF-8. */
static bool mailbox_parse(const char *s, struct mailbox *out)
{
    size_t len = strlen(s);
    trim(&s, &len);
    const char *addr = s;
    size_t addr_len = len;
    out->name[0] = '\0';
    if (len > 0 && s[len - 1] == '>') {
        const char *lt = memrchr(s, '<', len);
        if (lt == NULL || !name_parse(s, (size_t)(lt - s), out)) {
            return false;
        }
        addr = lt + 1;
        addr_len = (size_t)(s + len - 1 - addr);
    }
    if (!address_is_valid(addr, addr_len)) {
        return false;
    }
    memcpy(out->addr, addr, addr_len);
    out->addr[addr_len] = '\0';
    return true;
}

/* One line of at most max bytes, UTF-8, then a mailbox; failures are code. */
static vinn_err mailbox_check(const char *s, const char *field, vinn_err code, struct mailbox *out,
                              struct vinn_error *error)
{
    struct vinn_error why;
    vinn_error_clear(&why);
    if (vinn_text_check(s, VINN_CHANNEL_FROM_MAX, VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, field,
                        &why) != VINN_OK) {
        return vinn_fail(error, code, field, "%s", why.message);
    }
    if (!mailbox_parse(s, out)) {
        return vinn_fail(error, code, field, "%s '%s' is not an e-mail address", field, s);
    }
    return VINN_OK;
}

static vinn_err config_check(const struct vinn_channels_config *cfg, struct vinn_error *error)
{
    vinn_err rc = vinn_channels_url_check(cfg->smtp_url, "smtp", "smtp_url", error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_channels_setting_check(cfg->smtp_user, false, "smtp_user", error);
    if (rc == VINN_OK) {
        rc = vinn_channels_setting_check(cfg->smtp_password, false, "smtp_password", error);
    }
    bool user = cfg->smtp_user != NULL && cfg->smtp_user[0] != '\0';
    bool password = cfg->smtp_password != NULL && cfg->smtp_password[0] != '\0';
    if (rc == VINN_OK && password && !user) {
        rc = vinn_fail(error, VINN_E_CHANNEL_CONFIG_INVALID, "smtp_password",
                       "smtp_password is set without smtp_user");
    }
    return rc;
}

static vinn_err members_check(const struct vinn_outgoing *msg, struct mailbox *from,
                              struct mailbox *to, struct vinn_error *error)
{
    vinn_err rc = mailbox_check(msg->to, "to", VINN_E_RECIPIENT_INVALID, to, error);
    if (rc == VINN_OK) {
        rc = mailbox_check(msg->from, "from", VINN_E_MESSAGE_INVALID, from, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_channels_text_check(msg->subject, VINN_CHANNEL_SUBJECT_MAX,
                                      VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "subject", error);
    }
    if (rc == VINN_OK) {
        rc = vinn_channels_text_check(msg->html, VINN_CHANNEL_TEXT_MAX, 0, "html", error);
    }
    return rc;
}

/* ---- header fields ---- */

static vinn_err add_base64(struct vinn_buf *b, const unsigned char *s, size_t len)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    vinn_err rc = VINN_OK;
    for (size_t i = 0; i < len && rc == VINN_OK; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        v |= i + 1 < len ? (uint32_t)s[i + 1] << 8 : 0;
        v |= i + 2 < len ? (uint32_t)s[i + 2] : 0;
        char quad[4] = {digits[(v >> 18) & 63], digits[(v >> 12) & 63],
                        i + 1 < len ? digits[(v >> 6) & 63] : '=',
                        i + 2 < len ? digits[v & 63] : '='};
        rc = vinn_buf_add(b, quad, sizeof(quad));
    }
    return rc;
}

static size_t utf8_lead_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* RFC 2047 "B" encoded words of whole characters, folded with CRLF SP. */
static vinn_err add_encoded_words(struct vinn_buf *b, const char *s, size_t len)
{
    vinn_err rc = VINN_OK;
    for (size_t i = 0; i < len && rc == VINN_OK;) {
        size_t n = 0;
        while (i + n < len) {
            size_t k = utf8_lead_len((unsigned char)s[i + n]);
            if (n + k > WORD_BYTES_MAX || i + n + k > len) {
                break;
            }
            n += k;
        }
        VINN_ASSERT(n > 0); /* valid UTF-8: a character is at most 4 bytes */
        rc = vinn_buf_adds(b, i > 0 ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
        if (rc == VINN_OK) {
            rc = add_base64(b, (const unsigned char *)s + i, n);
        }
        if (rc == VINN_OK) {
            rc = vinn_buf_adds(b, "?=");
        }
        i += n;
    }
    return rc;
}

/* Text that is not ASCII, or that a reader could take for an encoded word. */
static bool needs_encoding(const char *s)
{
    for (const char *p = s; *p != '\0'; p++) {
        if ((unsigned char)*p >= 0x80) {
            return true;
        }
    }
    return strstr(s, "=?") != NULL;
}

/* A display name as words, a quoted string, or encoded words. */
static vinn_err add_phrase(struct vinn_buf *b, const char *name)
{
    if (needs_encoding(name)) {
        return add_encoded_words(b, name, strlen(name));
    }
    bool words = name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789!#$%&'*+-/=?^_`{|}~ ")] == '\0';
    if (words) {
        return vinn_buf_adds(b, name);
    }
    vinn_err rc = vinn_buf_addc(b, '"');
    for (const char *p = name; *p != '\0' && rc == VINN_OK; p++) {
        if (*p == '"' || *p == '\\') {
            rc = vinn_buf_addc(b, '\\');
        }
        if (rc == VINN_OK) {
            rc = vinn_buf_addc(b, *p);
        }
    }
    return rc == VINN_OK ? vinn_buf_addc(b, '"') : rc;
}

static vinn_err add_mailbox(struct vinn_buf *b, const char *label, const struct mailbox *m)
{
    vinn_err rc = vinn_buf_adds(b, label);
    if (rc != VINN_OK || m->name[0] == '\0') {
        return rc == VINN_OK ? vinn_buf_adds(b, m->addr) : rc;
    }
    rc = add_phrase(b, m->name);
    if (rc == VINN_OK) {
        /* Fold before the address, so the encoded words keep their line. */
        rc = vinn_buf_printf(b, "%s<%s>", needs_encoding(m->name) ? "\r\n " : " ", m->addr);
    }
    return rc;
}

static vinn_err add_subject(struct vinn_buf *b, const char *subject)
{
    vinn_err rc = vinn_buf_adds(b, "Subject: ");
    if (rc != VINN_OK) {
        return rc;
    }
    if (needs_encoding(subject)) {
        return add_encoded_words(b, subject, strlen(subject));
    }
    return vinn_buf_adds(b, subject);
}

/* RFC 5322 3.3 date-time in UTC, with English names whatever the locale. */
static vinn_err add_date(struct vinn_buf *b)
{
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm) == NULL) {
        return VINN_E_INTERNAL;
    }
    return vinn_buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                           tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                           tm.tm_sec);
}

/* Append the field built in line to the list (curl copies it and adds the
 * CRLF), then empty line for the next field. */
static vinn_err header_push(struct curl_slist **list, struct vinn_buf *line, vinn_err built)
{
    vinn_err rc = built;
    if (rc == VINN_OK) {
        struct curl_slist *longer = curl_slist_append(*list, line->data);
        rc = longer != NULL ? VINN_OK : VINN_E_NO_MEMORY;
        *list = longer != NULL ? longer : *list;
    }
    vinn_buf_reset(line);
    return rc;
}

static vinn_err headers_build(const struct vinn_outgoing *msg, const struct mailbox *from,
                              const struct mailbox *to, struct curl_slist **out)
{
    struct vinn_buf line;
    vinn_buf_init(&line, HEADER_MAX);
    struct curl_slist *list = NULL;
    vinn_err rc = header_push(&list, &line, add_mailbox(&line, "From: ", from));
    if (rc == VINN_OK) {
        rc = header_push(&list, &line, add_mailbox(&line, "To: ", to));
    }
    if (rc == VINN_OK) {
        rc = header_push(&list, &line, add_subject(&line, msg->subject));
    }
    if (rc == VINN_OK) {
        rc = header_push(&list, &line, vinn_buf_printf(&line, "Message-ID: %s", msg->message_id));
    }
    if (rc == VINN_OK) {
        rc = header_push(&list, &line, add_date(&line));
    }
    if (rc == VINN_OK) {
        rc = header_push(&list, &line, vinn_buf_adds(&line, "Auto-Submitted: auto-generated"));
    }
    if (rc == VINN_OK && msg->lang != NULL && msg->lang[0] != '\0') {
        rc = header_push(&list, &line, vinn_buf_printf(&line, "Content-Language: %s", msg->lang));
    }
    vinn_buf_release(&line);
    if (rc != VINN_OK) {
        curl_slist_free_all(list);
        return rc;
    }
    *out = list;
    return VINN_OK;
}

/* ---- the MIME body ---- */

/* Text with every line ending as CRLF: the quoted-printable encoder of curl
 * keeps CRLF as a line break but writes a bare LF as "=0A". */
static vinn_err add_crlf_text(struct vinn_buf *b, const char *s)
{
    vinn_err rc = VINN_OK;
    size_t start = 0;
    size_t i = 0;
    for (; s[i] != '\0' && rc == VINN_OK; i++) {
        if (s[i] != '\r' && s[i] != '\n') {
            continue;
        }
        rc = vinn_buf_add(b, s + start, i - start);
        if (rc == VINN_OK) {
            rc = vinn_buf_add(b, "\r\n", 2);
        }
        if (s[i] == '\r' && s[i + 1] == '\n') {
            i++;
        }
        start = i + 1;
    }
    return rc == VINN_OK ? vinn_buf_add(b, s + start, i - start) : rc;
}

/* RFC 2231 attr-char: what a file name may hold unescaped in filename*. */
static bool is_attr_char(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return c != '\0' && strchr("!#$&+-.^_`|~", c) != NULL;
}

/* filename="name" when it is plain ASCII, else RFC 2231 filename*=UTF-8''%xx
 * (as Python's email package writes it; mail clients read both). */
static vinn_err add_disposition(struct vinn_buf *b, const char *name)
{
    bool plain = true;
    for (const char *p = name; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        plain = plain && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    }
    if (plain) {
        return vinn_buf_printf(b, "Content-Disposition: attachment; filename=\"%s\"", name);
    }
    vinn_err rc = vinn_buf_adds(b, "Content-Disposition: attachment; filename*=UTF-8''");
    for (const char *p = name; *p != '\0' && rc == VINN_OK; p++) {
        unsigned char c = (unsigned char)*p;
        rc = is_attr_char(c) ? vinn_buf_addc(b, (char)c) : vinn_buf_printf(b, "%%%02X", c);
    }
    return rc;
}

static CURLcode part_set(curl_mimepart *part, const char *data, size_t len, const char *type,
                         const char *encoder, const char *disposition)
{
    if (part == NULL) {
        return CURLE_OUT_OF_MEMORY;
    }
    CURLcode rc = curl_mime_data(part, data, len);
    if (rc == CURLE_OK) {
        rc = curl_mime_type(part, type);
    }
    if (rc == CURLE_OK) {
        rc = curl_mime_encoder(part, encoder);
    }
    struct curl_slist *headers = NULL;
    if (rc == CURLE_OK) {
        headers = curl_slist_append(NULL, disposition);
        rc = headers != NULL ? curl_mime_headers(part, headers, 1) : CURLE_OUT_OF_MEMORY;
    }
    return rc;
}

/* The text parts, whole and CRLF; the attachment's disposition field. */
struct email_body {
    struct vinn_buf text;
    struct vinn_buf html; /* len 0: no HTML alternative */
    struct vinn_buf disposition;
};

/* multipart/mixed { text/plain | multipart/alternative { text/plain, text/html },
 * attachment }. */
static CURLcode mime_build(CURL *curl, const struct vinn_outgoing *msg,
                           const struct email_body *body, curl_mime **out)
{
    static const char text_type[] = "text/plain; charset=UTF-8";
    static const char inline_field[] = "Content-Disposition: inline";
    curl_mime *mime = curl_mime_init(curl);
    if (mime == NULL) {
        return CURLE_OUT_OF_MEMORY;
    }
    curl_mimepart *first = curl_mime_addpart(mime);
    CURLcode rc = first != NULL ? CURLE_OK : CURLE_OUT_OF_MEMORY;
    if (rc == CURLE_OK && body->html.len == 0) {
        rc = part_set(first, body->text.data, body->text.len, text_type, "quoted-printable",
                      inline_field);
    } else if (rc == CURLE_OK) {
        curl_mime *alt = curl_mime_init(curl);
        rc = alt != NULL ? CURLE_OK : CURLE_OUT_OF_MEMORY;
        if (rc == CURLE_OK) {
            rc = part_set(curl_mime_addpart(alt), body->text.data, body->text.len, text_type,
                          "quoted-printable", inline_field);
        }
        if (rc == CURLE_OK) {
            rc = part_set(curl_mime_addpart(alt), body->html.data, body->html.len,
                          "text/html; charset=UTF-8", "quoted-printable", inline_field);
        }
        if (rc == CURLE_OK) {
            rc = curl_mime_subparts(first, alt); /* first owns alt from here */
        }
        if (rc != CURLE_OK) {
            curl_mime_free(alt);
        }
        if (rc == CURLE_OK) {
            rc = curl_mime_type(first, "multipart/alternative");
        }
    }
    if (rc == CURLE_OK && msg->attachment != NULL) {
        const char *type = msg->attachment_type ? msg->attachment_type : "application/octet-stream";
        rc = part_set(curl_mime_addpart(mime), (const char *)msg->attachment, msg->attachment_len,
                      type, "base64", body->disposition.data);
    }
    if (rc != CURLE_OK) {
        curl_mime_free(mime);
        return rc;
    }
    *out = mime;
    return CURLE_OK;
}

static vinn_err body_build(const struct vinn_outgoing *msg, struct email_body *body)
{
    vinn_err rc = add_crlf_text(&body->text, msg->text);
    if (rc == VINN_OK && msg->html != NULL && msg->html[0] != '\0') {
        rc = add_crlf_text(&body->html, msg->html);
    }
    if (rc == VINN_OK && msg->attachment != NULL) {
        rc = add_disposition(&body->disposition, msg->attachment_name);
    }
    return rc;
}

/* ---- the transfer ---- */

/* The server's answers, as curl hands every SMTP reply line to the header
 * callback. The answer to QUIT (221) says nothing about the message and is
 * left out, so `last` is the answer that ended the transfer. */
struct smtp_replies {
    char last[REPLY_MAX];
    char accepted[REPLY_MAX]; /* the last 250: the answer to the end of data */
};

static size_t smtp_reply_line(char *data, size_t size, size_t nitems, void *user)
{
    struct smtp_replies *replies = user;
    size_t len = size * nitems;
    char line[REPLY_MAX];
    vinn_channels_clean(line, sizeof(line), data, len);
    if (strncmp(line, "221", 3) == 0) {
        return len;
    }
    memcpy(replies->last, line, sizeof(line));
    if (strncmp(line, "250", 3) == 0) {
        memcpy(replies->accepted, line, sizeof(line));
    }
    return len;
}

/* The reply code at the start of an answer line, or 0. */
static int reply_code(const char *line)
{
    for (int i = 0; i < 3; i++) {
        if (line[i] < '0' || line[i] > '9') {
            return 0;
        }
    }
    return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

static vinn_err smtp_outcome(const struct vinn_channels_curl *c, CURLcode rc,
                             const struct smtp_replies *replies, const char *message_id,
                             char *receipt, size_t receipt_cap, struct vinn_error *error)
{
    if (rc == CURLE_OK) {
        vinn_channels_receipt(receipt, receipt_cap, "%s id=%s",
                              replies->accepted[0] != '\0' ? replies->accepted : "250", message_id);
        return VINN_OK;
    }
    const char *said = replies->last[0] != '\0' ? replies->last : c->errbuf;
    if (rc == CURLE_LOGIN_DENIED) {
        /* The configuration is at fault, not the message: it waits. */
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, "smtp_user",
                         "smtp server refused the login: %s", said);
    }
    /* curl names the command that failed: "MAIL failed: 553" is the sender,
     * "RCPT failed: 550" the recipient; a refusal at any other step (the
     * end of the data: content, size, spam) is of the message as a whole. */
    const char *field = strncmp(c->errbuf, "MAIL", 4) == 0   ? "from"
                        : strncmp(c->errbuf, "RCPT", 4) == 0 ? "to"
                                                             : "";
    char step[CURL_ERROR_SIZE + 4] = "";
    if (c->errbuf[0] != '\0') {
        snprintf(step, sizeof(step), " (%s)", c->errbuf);
    }
    int code = reply_code(replies->last);
    if (code >= 500 && code < 600) {
        return vinn_fail(error, VINN_E_DELIVERY_PERMANENT, field,
                         "smtp server refused the message%s: %s", step, said);
    }
    if (code >= 400 && code < 500) {
        return vinn_fail(error, VINN_E_DELIVERY_TEMPORARY, field,
                         "smtp server deferred the message%s: %s", step, said);
    }
    return vinn_channels_curl_failure(c, rc, "smtp", "smtp_url", error);
}

struct envelope {
    char mail_from[VINN_EMAIL_MAX + 3];
    char rcpt_to[VINN_EMAIL_MAX + 3];
    struct curl_slist *rcpt;
    struct curl_slist *headers;
    curl_mime *mime;
};

static CURLcode transfer_setup(const struct vinn_channels_config *cfg, CURL *h,
                               struct envelope *env, struct smtp_replies *replies)
{
    bool login = cfg->smtp_user != NULL && cfg->smtp_user[0] != '\0';
    CURLcode rc = curl_easy_setopt(h, CURLOPT_MAIL_FROM, env->mail_from);
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_MAIL_RCPT, env->rcpt);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_HTTPHEADER, env->headers);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_MIMEPOST, env->mime);
    }
    if (rc == CURLE_OK) {
        /* A password never crosses the network in clear: with a login,
         * smtp:// must upgrade with STARTTLS; without one, it upgrades when
         * the server offers it. */
        rc = curl_easy_setopt(h, CURLOPT_USE_SSL,
                              login ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
    }
    if (rc == CURLE_OK && login) {
        rc = curl_easy_setopt(h, CURLOPT_USERNAME, cfg->smtp_user);
    }
    if (rc == CURLE_OK && login && cfg->smtp_password != NULL) {
        rc = curl_easy_setopt(h, CURLOPT_PASSWORD, cfg->smtp_password);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, smtp_reply_line);
    }
    if (rc == CURLE_OK) {
        rc = curl_easy_setopt(h, CURLOPT_HEADERDATA, replies);
    }
    return rc;
}

static vinn_err transfer(const struct vinn_channels_config *cfg, const struct vinn_outgoing *msg,
                         const struct mailbox *from, const struct mailbox *to,
                         const struct email_body *body, char *receipt, size_t receipt_cap,
                         struct vinn_error *error)
{
    struct envelope env = {0};
    snprintf(env.mail_from, sizeof(env.mail_from), "<%s>", from->addr);
    snprintf(env.rcpt_to, sizeof(env.rcpt_to), "<%s>", to->addr);
    struct smtp_replies replies = {{0}, {0}};
    struct vinn_channels_curl c;
    vinn_err rc = vinn_channels_curl_open(&c, cfg, cfg->smtp_url, "smtp,smtps", error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = headers_build(msg, from, to, &env.headers);
    if (rc != VINN_OK) {
        rc = vinn_fail(error, rc, "", "cannot build the e-mail header fields");
    }
    CURLcode crc = CURLE_OK;
    if (rc == VINN_OK) {
        env.rcpt = curl_slist_append(NULL, env.rcpt_to);
        crc = env.rcpt != NULL ? CURLE_OK : CURLE_OUT_OF_MEMORY;
        if (crc == CURLE_OK) {
            crc = mime_build(c.curl, msg, body, &env.mime);
        }
        if (crc == CURLE_OK) {
            crc = transfer_setup(cfg, c.curl, &env, &replies);
        }
        if (crc != CURLE_OK) {
            rc = vinn_fail(error, crc == CURLE_OUT_OF_MEMORY ? VINN_E_NO_MEMORY : VINN_E_INTERNAL,
                           "", "cannot build the e-mail: %s", curl_easy_strerror(crc));
        }
    }
    if (rc == VINN_OK) {
        /* Point of no return: the message goes out. */
        crc = curl_easy_perform(c.curl);
        rc = smtp_outcome(&c, crc, &replies, msg->message_id, receipt, receipt_cap, error);
    }
    vinn_channels_curl_close(&c); /* before the MIME tree it reads from */
    curl_mime_free(env.mime);
    curl_slist_free_all(env.rcpt);
    curl_slist_free_all(env.headers);
    return rc;
}

vinn_err vinn_channels_email_send(const struct vinn_channels_config *cfg,
                                  const struct vinn_outgoing *msg, char *receipt,
                                  size_t receipt_cap, struct vinn_error *error)
{
    struct mailbox from;
    struct mailbox to;
    vinn_err rc = config_check(cfg, error);
    if (rc == VINN_OK) {
        rc = members_check(msg, &from, &to, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    struct email_body body;
    vinn_buf_init(&body.text, 2 * (size_t)VINN_CHANNEL_TEXT_MAX);
    vinn_buf_init(&body.html, 2 * (size_t)VINN_CHANNEL_TEXT_MAX);
    vinn_buf_init(&body.disposition, HEADER_MAX);
    rc = body_build(msg, &body);
    if (rc != VINN_OK) {
        rc = vinn_fail(error, rc, "", "cannot build the e-mail body");
    } else {
        rc = transfer(cfg, msg, &from, &to, &body, receipt, receipt_cap, error);
    }
    vinn_buf_release(&body.text);
    vinn_buf_release(&body.html);
    vinn_buf_release(&body.disposition);
    return rc;
}
