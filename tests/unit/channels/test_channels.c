/* Tests of channels/: delivery to real servers that the test starts on
 * 127.0.0.1 with ports the kernel picks. An SMTP server (Debian's
 * python3-aiosmtpd, smtp_sink.py) and an HTTP server (python3's http.server,
 * http_sink.py) store what they receive; the tests read it back through
 * Python's email package and jansson and compare it with what was sent.
 * The servers are required: when they cannot start, the tests fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "channels/channels.h"

#ifndef VINN_UNIT_DIR
#error "VINN_UNIT_DIR (tests/unit in the source tree) must be defined by meson"
#endif

/* Debian's interpreter: python3-aiosmtpd is installed for it, not for a
 * python3 that a version manager may put first on PATH. */
#define PYTHON_DEFAULT "/usr/bin/python3"

struct sink {
    pid_t pid;
    int port;
    char dir[PATH_MAX];
};

static struct {
    char root[PATH_MAX];
    char drop[PATH_MAX];
    char smtp_url[64];
    char sms_url[128];
    struct sink smtp;
    struct sink http;
    unsigned char pdf[300];
} world;

/* ---- servers ---- */

static bool port_accepts(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return ok;
}

/* A port nothing listens on: bound by the kernel's choice, then let go. */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    socklen_t len = sizeof(sa);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    close(fd);
    return ntohs(sa.sin_port);
}

/* Start script with its output directory; it prints its port once it
 * listens, so reading that line is the wait (no sleeping). */
static void sink_start(struct sink *s, const char *script, const char *name)
{
    snprintf(s->dir, sizeof(s->dir), "%s/%s", world.root, name);
    assert_int_equal(mkdir(s->dir, 0700), 0);
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/channels/%s", VINN_UNIT_DIR, script);
    const char *python = getenv("VINN_TEST_PYTHON") ? getenv("VINN_TEST_PYTHON") : PYTHON_DEFAULT;
    int fds[2];
    assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
    pid_t parent = getpid();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* a crashed test leaves no server behind */
        if (getppid() != parent) {
            _exit(1);
        }
        dup2(fds[1], STDOUT_FILENO);
        execl(python, python, path, s->dir, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", python, strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    char line[32];
    size_t n = 0;
    while (n + 1 < sizeof(line)) {
        ssize_t r = read(fds[0], line + n, 1);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0 || line[n] == '\n') {
            break;
        }
        n++;
    }
    line[n] = '\0';
    close(fds[0]);
    s->pid = pid;
    s->port = atoi(line);
    if (s->port <= 0) {
        print_error("%s did not start (its error is above). These tests need Debian's "
                    "python3 and python3-aiosmtpd: apt-get install python3 python3-aiosmtpd\n",
                    script);
        fail();
    }
    assert_true(port_accepts(s->port));
}

static void sink_stop(struct sink *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int world_up(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(world.root, sizeof(world.root), "%s/vinn-channels-XXXXXX", tmp);
    assert_non_null(mkdtemp(world.root));
    snprintf(world.drop, sizeof(world.drop), "%s/drop", world.root);
    assert_int_equal(mkdir(world.drop, 0700), 0);
    sink_start(&world.smtp, "smtp_sink.py", "smtp");
    sink_start(&world.http, "http_sink.py", "http");
    snprintf(world.smtp_url, sizeof(world.smtp_url), "smtp://127.0.0.1:%d", world.smtp.port);
    snprintf(world.sms_url, sizeof(world.sms_url), "http://127.0.0.1:%d/sms", world.http.port);
    /* A PDF-like attachment holding every byte value. */
    memcpy(world.pdf, "%PDF-1.4\n", 9);
    for (int i = 0; i < 256; i++) {
        world.pdf[9 + i] = (unsigned char)i;
    }
    memcpy(world.pdf + 265, "\n%%EOF\n", 7);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_channels_init(&e), VINN_OK);
    return 0;
}

static int world_down(void **state)
{
    (void)state;
    sink_stop(&world.smtp);
    sink_stop(&world.http);
    vinn_channels_cleanup();
    if (world.root[0] != '\0') {
        nftw(world.root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    return 0;
}

/* ---- reading what arrived ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return NULL;
    }
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    rewind(fp);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    data[size] = '\0';
    *len = (size_t)size;
    return data;
}

/* Entries of dir whose name ends in suffix ("" for all, dot names too). */
static int count_files(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return 0;
    }
    int n = 0;
    size_t slen = strlen(suffix);
    for (struct dirent *de = readdir(d); de != NULL; de = readdir(d)) {
        size_t len = strlen(de->d_name);
        bool dots = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
        if (!dots && len >= slen && strcmp(de->d_name + len - slen, suffix) == 0) {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* The newest record of a sink: they are numbered from 1. */
static json_t *sink_newest(const struct sink *s, int *number)
{
    int n = count_files(s->dir, ".json");
    assert_true(n > 0);
    char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/%d.json", s->dir, n);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    if (doc == NULL) {
        print_error("%s: %s\n", path, jerr.text);
    }
    assert_non_null(doc);
    if (number != NULL) {
        *number = n;
    }
    return doc;
}

static const char *jstr(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v)) {
        print_error("member '%s' is not a string\n", key);
    }
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static void hex_of(const unsigned char *data, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        snprintf(out + 2 * i, 3, "%02x", data[i]);
    }
}

/* What a sender of mail must keep to: 7-bit bytes only (everything else is
 * encoded), CRLF line ends, lines of at most 998 (RFC 5322 2.1.1), header
 * lines with encoded words at most 76 (RFC 2047 2). */
static void assert_eml_clean(const char *dir, int number)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/%d.eml", dir, number);
    size_t len = 0;
    char *data = slurp(path, &len);
    assert_non_null(data);
    size_t start = 0;
    bool header = true;
    for (size_t i = 0; i < len; i++) {
        assert_true((unsigned char)data[i] < 0x80);
        if (data[i] != '\n') {
            continue;
        }
        assert_true(i > 0 && data[i - 1] == '\r');
        size_t line = i - 1 - start;
        assert_true(line <= 998);
        header = header && line > 0;
        if (header && memmem(data + start, line, "=?UTF-8?", 8) != NULL) {
            assert_true(line <= 76);
        }
        start = i + 1;
    }
    free(data);
}

static bool eml_has(const char *dir, int number, const char *text)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/%d.eml", dir, number);
    size_t len = 0;
    char *data = slurp(path, &len);
    assert_non_null(data);
    bool found = strstr(data, text) != NULL;
    free(data);
    return found;
}

static bool has_controls(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7F) {
            return true;
        }
    }
    return false;
}

/* ---- messages ---- */

static const char text_nb[] =
    "Hei Åse,\n"
    "\n"
    "faktura 7 på 1 234,50 kr forfalt 1. mars. Betal innen 15. mars = 14 dager.\n"
    ".\n"
    "En linje som er mye lengre enn de 76 tegnene quoted-printable tillater, "
    "så den må brytes mykt av koderen.\n"
    "Mellomrom på slutten   \n"
    "Vennlig hilsen Acme Innkreving AS";
static const char html_nb[] = "<p>Hei Åse,</p>\n<p>Faktura 7 på <b>1 234,50 kr</b> forfalt.</p>";
static const char subject_nb[] = "Påminnelse: faktura 7 – æøå ÆØÅ";

static struct vinn_channels_config config(void)
{
    return (struct vinn_channels_config){
        .smtp_url = world.smtp_url,
        .sms_url = world.sms_url,
        .sms_token = "tok-123",
        .drop_dir = world.drop,
        .timeout_ms = 10000,
    };
}

static struct vinn_outgoing email_full(void)
{
    return (struct vinn_outgoing){
        .channel = VINN_CHANNEL_EMAIL,
        .message_id = "<vinn-7-42@acme.vinn>",
        .from = "Acme Innkreving AS <faktura@acme.no>",
        .to = "Åse Ærlig-Øvre <ase@example.no>",
        .subject = subject_nb,
        .text = text_nb,
        .html = html_nb,
        .attachment_name = "påminnelse-7.pdf",
        .attachment = world.pdf,
        .attachment_len = sizeof(world.pdf),
        .attachment_type = "application/pdf",
        .lang = "nb",
    };
}

static struct vinn_outgoing sms_msg(void)
{
    return (struct vinn_outgoing){
        .channel = VINN_CHANNEL_SMS,
        .message_id = "<vinn-7-43@acme.vinn>",
        .to = "+4791234567",
        .text = "Påminnelse: faktura 7, 1 234,50 kr. \"Betal\" på https://pay.acme.no/7\n– Acme",
    };
}

static struct vinn_outgoing drop_msg(enum vinn_channel channel, const char *id)
{
    return (struct vinn_outgoing){
        .channel = channel,
        .message_id = id,
        .text = "Brev: faktura 7\nÅse Ærlig-Øvre\n",
        .attachment_name = "brev-7.PDF",
        .attachment = world.pdf,
        .attachment_len = sizeof(world.pdf),
        .attachment_type = "application/pdf",
    };
}

static vinn_err deliver(const struct vinn_channels_config *cfg, const struct vinn_outgoing *msg,
                        char *receipt, size_t cap, struct vinn_error *e)
{
    vinn_error_clear(e);
    if (cap > 0) {
        snprintf(receipt, cap, "untouched");
    }
    return vinn_channel_send(cfg, msg, receipt, cap, e);
}

/* ---- e-mail ---- */

static void test_email_full_message_arrives(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = email_full();
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    assert_true(strncmp(receipt, "250 2.0.0 Ok: queued as Q", 25) == 0);
    assert_non_null(strstr(receipt, " id=<vinn-7-42@acme.vinn>"));

    int n = 0;
    json_t *got = sink_newest(&world.smtp, &n);
    assert_string_equal(jstr(got, "mail_from"), "faktura@acme.no");
    json_t *rcpt = json_object_get(got, "rcpt_tos");
    assert_int_equal(json_array_size(rcpt), 1);
    assert_string_equal(json_string_value(json_array_get(rcpt, 0)), "ase@example.no");
    assert_string_equal(jstr(got, "subject"), subject_nb);
    assert_string_equal(jstr(got, "from"), "Acme Innkreving AS <faktura@acme.no>");
    assert_string_equal(jstr(got, "to"), "Åse Ærlig-Øvre <ase@example.no>");
    assert_string_equal(jstr(got, "message_id"), "<vinn-7-42@acme.vinn>");
    assert_true(json_is_true(json_object_get(got, "date_valid")));
    assert_string_equal(jstr(got, "content_language"), "nb");
    assert_string_equal(jstr(got, "auto_submitted"), "auto-generated");
    assert_string_equal(jstr(got, "mime_version"), "1.0");
    assert_int_equal(json_array_size(json_object_get(got, "defects")), 0);

    json_t *multi = json_object_get(got, "multiparts");
    assert_int_equal(json_array_size(multi), 2);
    assert_string_equal(json_string_value(json_array_get(multi, 0)), "multipart/mixed");
    assert_string_equal(json_string_value(json_array_get(multi, 1)), "multipart/alternative");

    json_t *parts = json_object_get(got, "parts");
    assert_int_equal(json_array_size(parts), 3);
    json_t *plain = json_array_get(parts, 0);
    assert_string_equal(jstr(plain, "content_type"), "text/plain");
    assert_string_equal(jstr(plain, "charset"), "utf-8");
    assert_string_equal(jstr(plain, "cte"), "quoted-printable");
    assert_string_equal(jstr(plain, "text"), text_nb);
    json_t *html = json_array_get(parts, 1);
    assert_string_equal(jstr(html, "content_type"), "text/html");
    assert_string_equal(jstr(html, "charset"), "utf-8");
    assert_string_equal(jstr(html, "text"), html_nb);
    json_t *pdf = json_array_get(parts, 2);
    assert_string_equal(jstr(pdf, "content_type"), "application/pdf");
    assert_string_equal(jstr(pdf, "cte"), "base64");
    assert_string_equal(jstr(pdf, "disposition"), "attachment");
    assert_string_equal(jstr(pdf, "filename"), "påminnelse-7.pdf");
    char hex[2 * sizeof(world.pdf) + 1];
    hex_of(world.pdf, sizeof(world.pdf), hex);
    assert_string_equal(jstr(pdf, "data_hex"), hex);
    json_decref(got);

    assert_eml_clean(world.smtp.dir, n);
    assert_true(eml_has(world.smtp.dir, n, "\r\nSubject: =?UTF-8?B?"));
    assert_true(eml_has(world.smtp.dir, n, "\r\nMessage-ID: <vinn-7-42@acme.vinn>\r\n"));
}

static void test_email_text_only(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = {
        .channel = VINN_CHANNEL_EMAIL,
        .message_id = "<vinn-8-1@acme.vinn>",
        .from = "\"Acme, Nord AS\" <faktura@acme.no>",
        .to = "ola@example.no",
        .subject = "Reminder: invoice 8",
        .text = "Invoice 8 is due.\r\nOld Mac line\rend",
    };
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    int n = 0;
    json_t *got = sink_newest(&world.smtp, &n);
    assert_string_equal(jstr(got, "from"), "\"Acme, Nord AS\" <faktura@acme.no>");
    assert_string_equal(jstr(got, "to"), "ola@example.no");
    assert_string_equal(jstr(got, "subject"), "Reminder: invoice 8");
    assert_true(json_is_null(json_object_get(got, "content_language")));
    json_t *multi = json_object_get(got, "multiparts");
    assert_int_equal(json_array_size(multi), 1);
    assert_string_equal(json_string_value(json_array_get(multi, 0)), "multipart/mixed");
    json_t *parts = json_object_get(got, "parts");
    assert_int_equal(json_array_size(parts), 1);
    assert_string_equal(jstr(json_array_get(parts, 0), "content_type"), "text/plain");
    /* Every line end became CRLF on the wire, read back as one newline. */
    assert_string_equal(jstr(json_array_get(parts, 0), "text"),
                        "Invoice 8 is due.\nOld Mac line\nend");
    json_decref(got);
    assert_eml_clean(world.smtp.dir, n);
    assert_true(eml_has(world.smtp.dir, n, "\r\nSubject: Reminder: invoice 8\r\n"));
}

/* Subjects at the limit, and ASCII that looks like an encoded word. */
static void test_email_subjects_encode_and_fold(void **state)
{
    (void)state;
    char longest[VINN_CHANNEL_SUBJECT_MAX + 1];
    for (size_t i = 0; i + 2 <= VINN_CHANNEL_SUBJECT_MAX; i += 2) {
        memcpy(longest + i, "ø", 2);
    }
    longest[VINN_CHANNEL_SUBJECT_MAX] = '\0';
    const char *subjects[] = {longest, "Price =?UTF-8?Q?x?= stays as typed", "a",
                              "Sista påminnelsen 🙂 före inkasso"};
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
        struct vinn_outgoing msg = email_full();
        msg.subject = subjects[i];
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
        int n = 0;
        json_t *got = sink_newest(&world.smtp, &n);
        assert_string_equal(jstr(got, "subject"), subjects[i]);
        assert_int_equal(json_array_size(json_object_get(got, "defects")), 0);
        json_decref(got);
        assert_eml_clean(world.smtp.dir, n);
    }
}

/* A plain ASCII attachment name goes as filename="..."; one with quotes
 * or spaces that need no encoding still reads back the same. */
static void test_email_attachment_names(void **state)
{
    (void)state;
    const char *names[] = {"invoice-7.pdf", "faktura \"7\".pdf", "Påminnelse 7 – Åse.pdf"};
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        struct vinn_outgoing msg = email_full();
        msg.attachment_name = names[i];
        msg.attachment_type = NULL; /* application/octet-stream */
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
        json_t *got = sink_newest(&world.smtp, NULL);
        json_t *att = json_array_get(json_object_get(got, "parts"), 2);
        assert_string_equal(jstr(att, "filename"), names[i]);
        assert_string_equal(jstr(att, "content_type"), "application/octet-stream");
        json_decref(got);
    }
}

static void test_email_recipient_refused_is_permanent(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = email_full();
    msg.to = "reject-me@example.no";
    int before = count_files(world.smtp.dir, ".json");
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_E_DELIVERY_PERMANENT);
    assert_int_equal(e.code, VINN_E_DELIVERY_PERMANENT);
    assert_string_equal(e.field, "to");
    /* The server's last line, its tab turned into a space. */
    assert_non_null(strstr(e.message, "550 5.1.1 Recipient address rejected"));
    assert_false(has_controls(e.message));
    assert_string_equal(receipt, "untouched");
    assert_int_equal(count_files(world.smtp.dir, ".json"), before);
}

/* A refused sender names from; a refusal after the data names no member,
 * as the server judged the message whole. */
static void test_email_sender_and_content_refused(void **state)
{
    (void)state;
    const struct {
        const char *from;
        const char *subject;
        const char *field;
        const char *said;
    } cases[] = {
        {"refused@acme.no", "Faktura 7", "from", "553 5.7.1 <refused@acme.no>: Sender address"},
        {"faktura@acme.no", "SPAM faktura 7", "", "554 5.7.1 Message rejected as spam"},
    };
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_outgoing msg = email_full();
        msg.from = cases[i].from;
        msg.subject = cases[i].subject;
        int before = count_files(world.smtp.dir, ".json");
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e),
                         VINN_E_DELIVERY_PERMANENT);
        if (strstr(e.message, cases[i].said) == NULL) {
            print_error("case %zu: %s\n", i, e.message);
        }
        assert_string_equal(e.field, cases[i].field);
        assert_non_null(strstr(e.message, cases[i].said));
        assert_string_equal(receipt, "untouched");
        assert_int_equal(count_files(world.smtp.dir, ".json"), before);
    }
}

static void test_email_busy_is_temporary(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = email_full();
    msg.to = "busy@example.no";
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_E_DELIVERY_TEMPORARY);
    assert_string_equal(e.field, "to");
    assert_non_null(strstr(e.message, "451 4.3.0 Mailbox busy"));
    assert_string_equal(receipt, "untouched");
}

/* The edges of an address: 64 bytes of local part and 63 of a label pass,
 * one more does not. */
static void test_email_recipients(void **state)
{
    (void)state;
    char local64[128];
    char local65[128];
    char label63[128];
    char label64[128];
    snprintf(local64, sizeof(local64), "%.64s@example.no",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    snprintf(local65, sizeof(local65), "%.65s@example.no",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    snprintf(label63, sizeof(label63), "kari@%.63s.no",
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    snprintf(label64, sizeof(label64), "kari@%.64s.no",
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    const struct {
        const char *to;
        vinn_err want;
    } cases[] = {
        {local64, VINN_OK},
        {label63, VINN_OK},
        {"  Kari   Nordmann  <kari.nordmann+faktura@post.example.no>  ", VINN_OK},
        {"kari_o'hara@example.no", VINN_OK},
        {local65, VINN_E_RECIPIENT_INVALID},
        {label64, VINN_E_RECIPIENT_INVALID},
        {NULL, VINN_E_RECIPIENT_INVALID},
        {"", VINN_E_RECIPIENT_INVALID},
        {"kari", VINN_E_RECIPIENT_INVALID},
        {"kari@", VINN_E_RECIPIENT_INVALID},
        {"@example.no", VINN_E_RECIPIENT_INVALID},
        {"kari@@example.no", VINN_E_RECIPIENT_INVALID},
        {"ka ri@example.no", VINN_E_RECIPIENT_INVALID},
        {"kari@example", VINN_E_RECIPIENT_INVALID},
        {"kari@-example.no", VINN_E_RECIPIENT_INVALID},
        {"kari@example-.no", VINN_E_RECIPIENT_INVALID},
        {"kari@example..no", VINN_E_RECIPIENT_INVALID},
        {"kari@exa_mple.no", VINN_E_RECIPIENT_INVALID},
        {".kari@example.no", VINN_E_RECIPIENT_INVALID},
        {"kari.@example.no", VINN_E_RECIPIENT_INVALID},
        {"ka..ri@example.no", VINN_E_RECIPIENT_INVALID},
        {"Kari <kari@example.no", VINN_E_RECIPIENT_INVALID},
        {"Kari kari@example.no>", VINN_E_RECIPIENT_INVALID},
        {"Kari <> ", VINN_E_RECIPIENT_INVALID},
        {"kari@example.no\r\nBcc: x@evil.example", VINN_E_RECIPIENT_INVALID},
        {"kåri@example.no", VINN_E_RECIPIENT_INVALID},
        {"kari@[127.0.0.1]", VINN_E_RECIPIENT_INVALID},
    };
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_outgoing msg = email_full();
        msg.to = cases[i].to;
        int before = count_files(world.smtp.dir, ".json");
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, receipt, sizeof(receipt), &e);
        if (rc != cases[i].want) {
            print_error("to '%s': %s (%s)\n", cases[i].to ? cases[i].to : "(null)",
                        vinn_err_name(rc), e.message);
        }
        assert_int_equal(rc, cases[i].want);
        if (rc == VINN_OK) {
            assert_int_equal(count_files(world.smtp.dir, ".json"), before + 1);
            continue;
        }
        assert_string_equal(e.field, "to");
        assert_false(has_controls(e.message));
        assert_int_equal(count_files(world.smtp.dir, ".json"), before);
    }
}

/* ---- sms ---- */

static void test_sms_arrives_as_json(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = sms_msg();
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    int n = 0;
    json_t *got = sink_newest(&world.http, &n);
    char want_receipt[128];
    snprintf(want_receipt, sizeof(want_receipt),
             "HTTP 202 id=<vinn-7-43@acme.vinn> {\"id\": \"gw-%d\"}", n);
    assert_string_equal(receipt, want_receipt);
    assert_string_equal(jstr(got, "method"), "POST");
    assert_string_equal(jstr(got, "path"), "/sms");
    json_t *headers = json_object_get(got, "headers");
    assert_string_equal(jstr(headers, "content-type"), "application/json");
    assert_string_equal(jstr(headers, "authorization"), "Bearer tok-123");
    assert_string_equal(jstr(headers, "idempotency-key"), "<vinn-7-43@acme.vinn>");
    json_error_t jerr;
    json_t *body = json_loads(jstr(got, "body"), 0, &jerr);
    assert_non_null(body);
    assert_int_equal(json_object_size(body), 3);
    assert_string_equal(jstr(body, "to"), "+4791234567");
    assert_string_equal(jstr(body, "text"), msg.text);
    assert_string_equal(jstr(body, "id"), "<vinn-7-43@acme.vinn>");
    json_decref(body);
    json_decref(got);

    /* Without a token there is no Authorization field. */
    cfg.sms_token = NULL;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    got = sink_newest(&world.http, NULL);
    assert_null(json_object_get(json_object_get(got, "headers"), "authorization"));
    json_decref(got);
}

static void test_sms_answers(void **state)
{
    (void)state;
    const struct {
        int status;
        vinn_err want;
    } cases[] = {
        {200, VINN_OK},
        {201, VINN_OK},
        {299, VINN_OK},
        {301, VINN_E_DELIVERY_TEMPORARY},
        {400, VINN_E_DELIVERY_PERMANENT},
        {401, VINN_E_DELIVERY_TEMPORARY},
        {403, VINN_E_DELIVERY_PERMANENT},
        {404, VINN_E_DELIVERY_PERMANENT},
        {408, VINN_E_DELIVERY_TEMPORARY},
        {422, VINN_E_DELIVERY_PERMANENT},
        {429, VINN_E_DELIVERY_TEMPORARY},
        {499, VINN_E_DELIVERY_PERMANENT},
        {500, VINN_E_DELIVERY_TEMPORARY},
        {503, VINN_E_DELIVERY_TEMPORARY},
        {599, VINN_E_DELIVERY_TEMPORARY},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char url[160];
        snprintf(url, sizeof(url), "%s/status/%d", world.sms_url, cases[i].status);
        struct vinn_channels_config cfg = config();
        cfg.sms_url = url;
        struct vinn_outgoing msg = sms_msg();
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, receipt, sizeof(receipt), &e);
        if (rc != cases[i].want) {
            print_error("status %d: %s (%s)\n", cases[i].status, vinn_err_name(rc), e.message);
        }
        assert_int_equal(rc, cases[i].want);
        char said[64];
        snprintf(said, sizeof(said), "number blocked by gateway (%d)", cases[i].status);
        if (rc == VINN_OK) {
            assert_true(strncmp(receipt, "HTTP 2", 6) == 0);
            assert_non_null(strstr(receipt, said));
            assert_false(has_controls(receipt));
            continue;
        }
        char answered[64];
        snprintf(answered, sizeof(answered), "sms gateway answered %d: ", cases[i].status);
        assert_non_null(strstr(e.message, answered));
        assert_non_null(strstr(e.message, said));
        assert_false(has_controls(e.message));
        assert_string_equal(e.field, rc == VINN_E_DELIVERY_PERMANENT ? "to" : "sms_url");
        assert_string_equal(receipt, "untouched");
    }
}

static void test_sms_timeout_is_temporary(void **state)
{
    (void)state;
    char url[160];
    snprintf(url, sizeof(url), "%s/hang", world.sms_url);
    struct vinn_channels_config cfg = config();
    cfg.sms_url = url;
    cfg.timeout_ms = 300;
    struct vinn_outgoing msg = sms_msg();
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_E_DELIVERY_TEMPORARY);
    assert_string_equal(e.field, "sms_url");
    assert_non_null(strstr(e.message, "timed out"));
}

/* E.164: 7 and 15 digits pass, 6 and 16 do not. */
static void test_sms_recipients_and_text(void **state)
{
    (void)state;
    char longest[VINN_CHANNEL_SMS_TEXT_MAX + 2];
    memset(longest, 'x', sizeof(longest));
    longest[VINN_CHANNEL_SMS_TEXT_MAX] = '\0';
    char too_long[VINN_CHANNEL_SMS_TEXT_MAX + 2];
    memset(too_long, 'x', sizeof(too_long));
    too_long[VINN_CHANNEL_SMS_TEXT_MAX + 1] = '\0';
    const struct {
        const char *to;
        const char *text;
        vinn_err want;
        const char *field;
    } cases[] = {
        {"+1234567", "hei", VINN_OK, ""},
        {"+123456789012345", "hei", VINN_OK, ""},
        {"+4791234567", longest, VINN_OK, ""},
        {"+4791234567", too_long, VINN_E_MESSAGE_INVALID, "text"},
        {NULL, "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"4791234567", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+47 91234567", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+0123456789", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+123456", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+1234567890123456", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+47-912345", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"++4791234567", "hei", VINN_E_RECIPIENT_INVALID, "to"},
        {"+4791234567\n", "hei", VINN_E_RECIPIENT_INVALID, "to"},
    };
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_outgoing msg = sms_msg();
        msg.to = cases[i].to;
        msg.text = cases[i].text;
        int before = count_files(world.http.dir, ".json");
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, receipt, sizeof(receipt), &e);
        if (rc != cases[i].want) {
            print_error("case %zu: %s (%s)\n", i, vinn_err_name(rc), e.message);
        }
        assert_int_equal(rc, cases[i].want);
        assert_int_equal(count_files(world.http.dir, ".json"), before + (rc == VINN_OK));
        if (rc != VINN_OK) {
            assert_string_equal(e.field, cases[i].field);
            assert_false(has_controls(e.message));
        }
    }
}

/* ---- file drops ---- */

static void drop_path(char *out, size_t cap, const char *channel, const char *name)
{
    snprintf(out, cap, "%s/%s/%s", world.drop, channel, name);
}

static void assert_file(const char *path, const void *want, size_t want_len)
{
    size_t len = 0;
    char *data = slurp(path, &len);
    if (data == NULL) {
        print_error("missing: %s\n", path);
    }
    assert_non_null(data);
    assert_int_equal(len, want_len);
    assert_memory_equal(data, want, want_len);
    free(data);
}

static void test_drop_letter_then_again(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = drop_msg(VINN_CHANNEL_LETTER, "<vinn-7-44@acme.vinn>");
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    char txt[PATH_MAX + 64];
    char pdf[PATH_MAX + 64];
    drop_path(txt, sizeof(txt), "letter", "vinn-7-44@acme.vinn.txt");
    drop_path(pdf, sizeof(pdf), "letter", "vinn-7-44@acme.vinn.pdf");
    assert_string_equal(receipt, txt);
    assert_file(txt, msg.text, strlen(msg.text));
    assert_file(pdf, world.pdf, sizeof(world.pdf));
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof(dir), "%s/letter", world.drop);
    assert_int_equal(count_files(dir, ""), 2); /* no temporary file left */
    struct stat first;
    assert_int_equal(stat(txt, &first), 0);
    assert_int_equal(first.st_mode & 0777 & ~0640, 0);
    struct stat first_pdf;
    assert_int_equal(stat(pdf, &first_pdf), 0);

    /* The same id again, even with other content: delivered before. */
    msg.text = "another text";
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    char want[PATH_MAX + 96];
    snprintf(want, sizeof(want), "%s (delivered before)", txt);
    assert_string_equal(receipt, want);
    assert_int_equal(count_files(dir, ""), 2);
    struct stat again;
    assert_int_equal(stat(txt, &again), 0);
    assert_int_equal(again.st_ino, first.st_ino);
    /* Nothing was written again, the attachment neither. */
    assert_int_equal(stat(pdf, &again), 0);
    assert_int_equal(again.st_ino, first_pdf.st_ino);
    assert_file(txt, "Brev: faktura 7\nÅse Ærlig-Øvre\n",
                strlen("Brev: faktura 7\nÅse Ærlig-Øvre\n"));
}

/* A crash between the attachment and the .txt left the attachment: the
 * rerun writes it again, whole, and then the .txt. */
static void test_drop_finishes_a_half_drop(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = drop_msg(VINN_CHANNEL_LETTER, "<vinn-7-45@acme.vinn>");
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof(dir), "%s/letter", world.drop);
    mkdir(dir, 0750);
    char pdf[PATH_MAX + 64];
    drop_path(pdf, sizeof(pdf), "letter", "vinn-7-45@acme.vinn.pdf");
    FILE *fp = fopen(pdf, "wb");
    assert_non_null(fp);
    fputs("half", fp);
    fclose(fp);
    char receipt[VINN_CHANNEL_RECEIPT_MAX];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    assert_null(strstr(receipt, "delivered before"));
    assert_file(pdf, world.pdf, sizeof(world.pdf));
    char txt[PATH_MAX + 64];
    drop_path(txt, sizeof(txt), "letter", "vinn-7-45@acme.vinn.txt");
    assert_file(txt, msg.text, strlen(msg.text));
}

/* Each drop channel has its folder; names are escaped so that two ids never
 * meet; the extension comes from the attachment's name. */
static void test_drop_names_and_channels(void **state)
{
    (void)state;
    const struct {
        enum vinn_channel channel;
        const char *id;
        const char *attachment_name; /* NULL: no attachment */
        const char *folder;
        const char *txt;
        const char *attachment;
    } cases[] = {
        {VINN_CHANNEL_EINVOICE, "<vinn-9-1@acme.vinn>", "faktura-9.xml", "einvoice",
         "vinn-9-1@acme.vinn.txt", "vinn-9-1@acme.vinn.xml"},
        {VINN_CHANNEL_MAILBOX, "<vinn-9-2@acme.vinn>", NULL, "mailbox", "vinn-9-2@acme.vinn.txt",
         NULL},
        {VINN_CHANNEL_MAILBOX, "<a/b%c@x.y>", "notes.txt", "mailbox", "a%2Fb%25c@x.y.txt",
         "a%2Fb%25c@x.y.bin"},
        {VINN_CHANNEL_MAILBOX, "<a_b@x.y>", "noext", "mailbox", "a_b@x.y.txt", "a_b@x.y.bin"},
        {VINN_CHANNEL_LETTER, "<a{b}|c@x.y>", "brev.verylongext1", "letter", "a%7Bb%7D%7Cc@x.y.txt",
         "a%7Bb%7D%7Cc@x.y.bin"},
        {VINN_CHANNEL_LETTER, "<q@x.y>", "brev.p-f", "letter", "q@x.y.txt", "q@x.y.bin"},
    };
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_outgoing msg = drop_msg(cases[i].channel, cases[i].id);
        if (cases[i].attachment_name == NULL) {
            msg.attachment = NULL;
            msg.attachment_len = 0;
            msg.attachment_name = NULL;
        } else {
            msg.attachment_name = cases[i].attachment_name;
        }
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, receipt, sizeof(receipt), &e);
        if (rc != VINN_OK) {
            print_error("case %zu: %s\n", i, e.message);
        }
        assert_int_equal(rc, VINN_OK);
        char path[PATH_MAX + 64];
        drop_path(path, sizeof(path), cases[i].folder, cases[i].txt);
        assert_string_equal(receipt, path);
        assert_file(path, msg.text, strlen(msg.text));
        if (cases[i].attachment != NULL) {
            drop_path(path, sizeof(path), cases[i].folder, cases[i].attachment);
            assert_file(path, world.pdf, sizeof(world.pdf));
        }
    }
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof(dir), "%s/mailbox", world.drop);
    assert_int_equal(count_files(dir, ""), 5);
    /* An id whose escaped name would not fit a file name. */
    char id[VINN_CHANNEL_MESSAGE_ID_MAX + 1];
    memset(id, '/', sizeof(id));
    id[0] = '<';
    memcpy(id + VINN_CHANNEL_MESSAGE_ID_MAX - 6, "a@x.y>", 7); /* 250 bytes: a valid id */
    struct vinn_outgoing msg = drop_msg(VINN_CHANNEL_LETTER, id);
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, NULL, 0, &e), VINN_E_MESSAGE_INVALID);
    assert_string_equal(e.field, "message_id");
}

/* A plain file of the drop (the print batch): put replaces it whole, get
 * reads it back; a name that is not plain, a missing file and one over
 * the cap are refused. */
static void test_drop_put_and_get(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_error e;
    vinn_error_clear(&e);
    const char *name = "batch-acme-2026-03-02.json";
    unsigned char *got = NULL;
    size_t len = 0;
    assert_int_equal(vinn_channels_drop_get(&cfg, VINN_CHANNEL_LETTER, name, 1024, &got, &len, &e),
                     VINN_E_FILE_NOT_FOUND);
    assert_null(got);
    const char *texts[] = {"{\"pages\": 2}\n", "{}\n"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(vinn_channels_drop_put(&cfg, VINN_CHANNEL_LETTER, name, texts[i],
                                                strlen(texts[i]), &e),
                         VINN_OK);
        char path[PATH_MAX + 64];
        drop_path(path, sizeof(path), "letter", name);
        assert_file(path, texts[i], strlen(texts[i]));
        assert_int_equal(
            vinn_channels_drop_get(&cfg, VINN_CHANNEL_LETTER, name, 1024, &got, &len, &e),
            VINN_OK);
        assert_int_equal(len, strlen(texts[i]));
        assert_string_equal((const char *)got, texts[i]);
        free(got);
    }
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof(dir), "%s/letter", world.drop);
    assert_int_equal(count_files(dir, ".tmp"), 0); /* no temporary file left */
    got = NULL;
    vinn_error_clear(&e);
    assert_int_equal(vinn_channels_drop_get(&cfg, VINN_CHANNEL_LETTER, name, 2, &got, &len, &e),
                     VINN_E_LIMIT_EXCEEDED);
    assert_null(got);
    const char *bad[] = {"", ".hidden", "a/b", "../x", "a b", "ø"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        vinn_error_clear(&e);
        assert_int_equal(vinn_channels_drop_put(&cfg, VINN_CHANNEL_LETTER, bad[i], "x", 1, &e),
                         VINN_E_INVALID_CHARACTERS);
        assert_string_equal(e.field, "name");
    }
    cfg.drop_dir = NULL;
    vinn_error_clear(&e);
    assert_int_equal(vinn_channels_drop_put(&cfg, VINN_CHANNEL_LETTER, name, "x", 1, &e),
                     VINN_E_CHANNEL_NOT_CONFIGURED);
}

static void test_drop_dir_must_exist(void **state)
{
    (void)state;
    char missing[PATH_MAX + 16];
    snprintf(missing, sizeof(missing), "%s/no-such-dir", world.root);
    char file[PATH_MAX + 16];
    snprintf(file, sizeof(file), "%s/a-file", world.root);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    const char *dirs[] = {missing, file};
    for (size_t i = 0; i < 2; i++) {
        struct vinn_channels_config cfg = config();
        cfg.drop_dir = dirs[i];
        struct vinn_outgoing msg = drop_msg(VINN_CHANNEL_LETTER, "<vinn-7-46@acme.vinn>");
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e),
                         VINN_E_CHANNEL_NOT_CONFIGURED);
        assert_string_equal(e.field, "drop_dir");
        assert_string_equal(receipt, "untouched");
    }
}

/* ---- configuration ---- */

static void test_missing_configuration(void **state)
{
    (void)state;
    const struct {
        enum vinn_channel channel;
        const char *field;
    } cases[] = {
        {VINN_CHANNEL_EMAIL, "smtp_url"},   {VINN_CHANNEL_SMS, "sms_url"},
        {VINN_CHANNEL_LETTER, "drop_dir"},  {VINN_CHANNEL_EINVOICE, "drop_dir"},
        {VINN_CHANNEL_MAILBOX, "drop_dir"},
    };
    int smtp_before = count_files(world.smtp.dir, ".json");
    int http_before = count_files(world.http.dir, ".json");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int empty = 0; empty < 2; empty++) {
            struct vinn_channels_config cfg = config();
            cfg.smtp_url = empty ? "" : NULL;
            cfg.sms_url = empty ? "" : NULL;
            cfg.drop_dir = empty ? "" : NULL;
            struct vinn_outgoing msg = cases[i].channel == VINN_CHANNEL_EMAIL ? email_full()
                                       : cases[i].channel == VINN_CHANNEL_SMS
                                           ? sms_msg()
                                           : drop_msg(cases[i].channel, "<vinn-7-47@acme.vinn>");
            char receipt[VINN_CHANNEL_RECEIPT_MAX];
            struct vinn_error e;
            assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e),
                             VINN_E_CHANNEL_NOT_CONFIGURED);
            assert_string_equal(e.field, cases[i].field);
            assert_non_null(strstr(e.message, cases[i].field));
            assert_string_equal(receipt, "untouched");
        }
    }
    assert_int_equal(count_files(world.smtp.dir, ".json"), smtp_before);
    assert_int_equal(count_files(world.http.dir, ".json"), http_before);
}

static void test_invalid_configuration(void **state)
{
    (void)state;
    const struct {
        enum vinn_channel channel;
        const char *smtp_url;
        const char *smtp_user;
        const char *smtp_password;
        const char *sms_url;
        const char *sms_token;
        const char *field;
    } cases[] = {
        {VINN_CHANNEL_EMAIL, "http://127.0.0.1:25", NULL, NULL, NULL, NULL, "smtp_url"},
        {VINN_CHANNEL_EMAIL, "127.0.0.1:25", NULL, NULL, NULL, NULL, "smtp_url"},
        {VINN_CHANNEL_EMAIL, "smtpx://127.0.0.1:25", NULL, NULL, NULL, NULL, "smtp_url"},
        {VINN_CHANNEL_EMAIL, NULL, NULL, "secret-pw", NULL, NULL, "smtp_password"},
        {VINN_CHANNEL_EMAIL, NULL, "user\r\nRSET", "pw", NULL, NULL, "smtp_user"},
        {VINN_CHANNEL_SMS, NULL, NULL, NULL, "ftp://127.0.0.1/sms", NULL, "sms_url"},
        {VINN_CHANNEL_SMS, NULL, NULL, NULL, "file:///etc/passwd", NULL, "sms_url"},
        {VINN_CHANNEL_SMS, NULL, NULL, NULL, NULL, "tok\r\nX-Evil: 1", "sms_token"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_channels_config cfg = config();
        cfg.smtp_url = cases[i].smtp_url ? cases[i].smtp_url : cfg.smtp_url;
        cfg.smtp_user = cases[i].smtp_user;
        cfg.smtp_password = cases[i].smtp_password;
        cfg.sms_url = cases[i].sms_url ? cases[i].sms_url : cfg.sms_url;
        cfg.sms_token = cases[i].sms_token ? cases[i].sms_token : cfg.sms_token;
        struct vinn_outgoing msg =
            cases[i].channel == VINN_CHANNEL_EMAIL ? email_full() : sms_msg();
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, NULL, 0, &e);
        if (rc != VINN_E_CHANNEL_CONFIG_INVALID) {
            print_error("case %zu: %s (%s)\n", i, vinn_err_name(rc), e.message);
        }
        assert_int_equal(rc, VINN_E_CHANNEL_CONFIG_INVALID);
        assert_string_equal(e.field, cases[i].field);
        /* Secrets are never quoted. */
        assert_null(strstr(e.message, "secret-pw"));
        assert_null(strstr(e.message, "Evil"));
    }
}

/* Nothing listens: worth a retry, and the password is not in the message. */
static void test_closed_port_is_temporary(void **state)
{
    (void)state;
    int port = closed_port();
    char smtp_url[64];
    char sms_url[64];
    snprintf(smtp_url, sizeof(smtp_url), "smtp://127.0.0.1:%d", port);
    snprintf(sms_url, sizeof(sms_url), "http://127.0.0.1:%d/sms", port);
    struct vinn_channels_config cfg = config();
    cfg.smtp_url = smtp_url;
    cfg.smtp_user = "acme";
    cfg.smtp_password = "secret-pw";
    cfg.sms_url = sms_url;
    struct vinn_outgoing email = email_full();
    struct vinn_outgoing sms = sms_msg();
    const struct vinn_outgoing *msgs[] = {&email, &sms};
    const char *fields[] = {"smtp_url", "sms_url"};
    for (size_t i = 0; i < 2; i++) {
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, msgs[i], receipt, sizeof(receipt), &e),
                         VINN_E_DELIVERY_TEMPORARY);
        assert_string_equal(e.field, fields[i]);
        char port_text[32];
        snprintf(port_text, sizeof(port_text), "port %d", port);
        assert_non_null(strstr(e.message, port_text));
        assert_null(strstr(e.message, "secret-pw"));
        assert_string_equal(receipt, "untouched");
    }
}

/* ---- invalid messages ---- */

static void set_member(struct vinn_outgoing *m, const char *member, const char *value)
{
    const char **slots[] = {&m->message_id,     &m->from, &m->to,   &m->subject,
                            &m->text,           &m->html, &m->lang, &m->attachment_name,
                            &m->attachment_type};
    const char *names[] = {"message_id",     "from", "to",   "subject",
                           "text",           "html", "lang", "attachment_name",
                           "attachment_type"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(names[i], member) == 0) {
            *slots[i] = value;
            return;
        }
    }
    fail_msg("no member %s", member);
}

static void test_invalid_messages(void **state)
{
    (void)state;
    char id_max[VINN_CHANNEL_MESSAGE_ID_MAX + 2];
    memset(id_max, 'a', sizeof(id_max));
    id_max[0] = '<';
    memcpy(id_max + VINN_CHANNEL_MESSAGE_ID_MAX - 6, "a@x.y>", 7); /* 250 bytes */
    char id_over[VINN_CHANNEL_MESSAGE_ID_MAX + 2];
    memset(id_over, 'a', sizeof(id_over));
    id_over[0] = '<';
    memcpy(id_over + VINN_CHANNEL_MESSAGE_ID_MAX - 5, "a@x.y>", 7); /* 251 bytes */
    char subject_over[VINN_CHANNEL_SUBJECT_MAX + 2];
    memset(subject_over, 's', sizeof(subject_over));
    subject_over[VINN_CHANNEL_SUBJECT_MAX + 1] = '\0';
    const struct {
        const char *member;
        const char *value;
        vinn_err want;
    } cases[] = {
        {"message_id", id_max, VINN_OK},
        {"lang", "se-Latn-NO", VINN_OK},
        {"lang", "", VINN_OK},
        {"message_id", id_over, VINN_E_MESSAGE_INVALID},
        {"message_id", NULL, VINN_E_MESSAGE_INVALID},
        {"message_id", "", VINN_E_MESSAGE_INVALID},
        {"message_id", "vinn-7@acme.vinn", VINN_E_MESSAGE_INVALID},
        {"message_id", "<vinn-7>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<vinn-7@acme.vinn", VINN_E_MESSAGE_INVALID},
        {"message_id", "<vinn 7@acme.vinn>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<@acme.vinn>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<vinn-7@>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<vinn..7@acme.vinn>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<.vinn@acme.vinn>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<a@b@c>", VINN_E_MESSAGE_INVALID},
        {"message_id", "<a@b>\r\nBcc: x@evil.example", VINN_E_MESSAGE_INVALID},
        {"from", NULL, VINN_E_MESSAGE_INVALID},
        {"from", "faktura", VINN_E_MESSAGE_INVALID},
        {"from", "Acme <faktura@acme>", VINN_E_MESSAGE_INVALID},
        {"from", "Acme\r\nBcc: x <faktura@acme.no>", VINN_E_MESSAGE_INVALID},
        {"subject", NULL, VINN_E_MESSAGE_INVALID},
        {"subject", "", VINN_E_MESSAGE_INVALID},
        {"subject", "Hei\r\nBcc: evil@x.example", VINN_E_MESSAGE_INVALID},
        {"subject", "tab\there", VINN_E_MESSAGE_INVALID},
        {"subject", "bad \xff utf-8", VINN_E_MESSAGE_INVALID},
        {"subject", subject_over, VINN_E_MESSAGE_INVALID},
        {"text", NULL, VINN_E_MESSAGE_INVALID},
        {"text", "", VINN_E_MESSAGE_INVALID},
        {"text", "bad \xc3\x28 utf-8", VINN_E_MESSAGE_INVALID},
        {"text", "bell \x07", VINN_E_MESSAGE_INVALID},
        {"html", "<p>\xe2\x82</p>", VINN_E_MESSAGE_INVALID},
        {"lang", "n", VINN_E_MESSAGE_INVALID},
        {"lang", "nb_NO", VINN_E_MESSAGE_INVALID},
        {"lang", "nb-", VINN_E_MESSAGE_INVALID},
        {"lang", "123", VINN_E_MESSAGE_INVALID},
        {"lang", "abcdefghi", VINN_E_MESSAGE_INVALID},
        {"lang", "nb\r\nX: y", VINN_E_MESSAGE_INVALID},
        {"attachment_name", NULL, VINN_E_MESSAGE_INVALID},
        {"attachment_name", "", VINN_E_MESSAGE_INVALID},
        {"attachment_name", "../x.pdf", VINN_E_MESSAGE_INVALID},
        {"attachment_name", "dir\\x.pdf", VINN_E_MESSAGE_INVALID},
        {"attachment_name", "..", VINN_E_MESSAGE_INVALID},
        {"attachment_type", "pdf", VINN_E_MESSAGE_INVALID},
        {"attachment_type", "application/", VINN_E_MESSAGE_INVALID},
        {"attachment_type", "/pdf", VINN_E_MESSAGE_INVALID},
        {"attachment_type", "application/pdf; name=x", VINN_E_MESSAGE_INVALID},
        {"attachment_type", "appli cation/pdf", VINN_E_MESSAGE_INVALID},
    };
    struct vinn_channels_config cfg = config();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_outgoing msg = email_full();
        set_member(&msg, cases[i].member, cases[i].value);
        int before = count_files(world.smtp.dir, ".json");
        char receipt[VINN_CHANNEL_RECEIPT_MAX];
        struct vinn_error e;
        vinn_err rc = deliver(&cfg, &msg, receipt, sizeof(receipt), &e);
        if (rc != cases[i].want) {
            print_error("case %zu (%s): %s (%s)\n", i, cases[i].member, vinn_err_name(rc),
                        e.message);
        }
        assert_int_equal(rc, cases[i].want);
        assert_int_equal(count_files(world.smtp.dir, ".json"), before + (rc == VINN_OK));
        if (rc == VINN_OK) {
            continue;
        }
        assert_string_equal(e.field, cases[i].member);
        assert_false(has_controls(e.message));
        assert_string_equal(receipt, "untouched");
    }
}

/* The channel and the attachment's length, which the table above cannot set. */
static void test_invalid_channel_and_attachment(void **state)
{
    (void)state;
    unsigned char *huge = calloc(VINN_CHANNEL_ATTACHMENT_MAX + 1, 1);
    assert_non_null(huge);
    struct vinn_channels_config cfg = config();
    for (int i = 0; i < 5; i++) {
        struct vinn_outgoing msg = email_full();
        const char *field = "attachment";
        switch (i) {
        case 0:
            msg.channel = VINN_CHANNEL_CUSTOMER;
            field = "channel";
            break;
        case 1:
            msg.channel = (enum vinn_channel)99;
            field = "channel";
            break;
        case 2:
            msg.attachment = NULL; /* a length without bytes */
            break;
        case 3:
            msg.attachment_len = 0; /* bytes without a length */
            break;
        default:
            msg.attachment = huge;
            msg.attachment_len = VINN_CHANNEL_ATTACHMENT_MAX + 1;
            break;
        }
        struct vinn_error e;
        assert_int_equal(deliver(&cfg, &msg, NULL, 0, &e), VINN_E_MESSAGE_INVALID);
        assert_string_equal(e.field, field);
    }
    free(huge);
}

/* ---- receipts and retries ---- */

static void test_receipt_is_cut_to_its_buffer(void **state)
{
    (void)state;
    struct vinn_channels_config cfg = config();
    struct vinn_outgoing msg = drop_msg(VINN_CHANNEL_LETTER, "<vinn-7-48@acme.vinn>");
    char receipt[8];
    struct vinn_error e;
    assert_int_equal(deliver(&cfg, &msg, receipt, sizeof(receipt), &e), VINN_OK);
    assert_int_equal(strlen(receipt), sizeof(receipt) - 1);
    assert_memory_equal(receipt, world.drop, sizeof(receipt) - 1);
    /* No receipt at all. */
    assert_int_equal(deliver(&cfg, &msg, NULL, 0, &e), VINN_OK);
}

static void test_retry_schedule(void **state)
{
    (void)state;
    const struct {
        int attempts;
        int64_t delay_s;
        bool give_up;
    } cases[] = {
        {INT_MIN, 0, false},    {-1, 0, false},    {0, 0, false},    {1, 60, false},
        {2, 300, false},        {3, 1800, false},  {4, 7200, false}, {5, 43200, false},
        {6, 43200, false},      {7, 43200, false}, {8, 43200, true}, {9, 43200, true},
        {INT_MAX, 43200, true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(vinn_channel_retry_delay_s(cases[i].attempts), cases[i].delay_s);
        assert_int_equal(vinn_channel_should_give_up(cases[i].attempts), cases[i].give_up);
    }
    assert_int_equal(VINN_CHANNEL_ATTEMPTS_MAX, 8);
    /* Never shorter than the wait before, and the attempts span about 38.6 h. */
    int64_t total = 0;
    for (int a = 1; a < VINN_CHANNEL_ATTEMPTS_MAX; a++) {
        assert_true(vinn_channel_retry_delay_s(a + 1) >= vinn_channel_retry_delay_s(a));
        total += vinn_channel_retry_delay_s(a);
    }
    assert_int_equal(total, 60 + 300 + 1800 + 7200 + 3 * 43200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_email_full_message_arrives),
        cmocka_unit_test(test_email_text_only),
        cmocka_unit_test(test_email_subjects_encode_and_fold),
        cmocka_unit_test(test_email_attachment_names),
        cmocka_unit_test(test_email_recipient_refused_is_permanent),
        cmocka_unit_test(test_email_sender_and_content_refused),
        cmocka_unit_test(test_email_busy_is_temporary),
        cmocka_unit_test(test_email_recipients),
        cmocka_unit_test(test_sms_arrives_as_json),
        cmocka_unit_test(test_sms_answers),
        cmocka_unit_test(test_sms_timeout_is_temporary),
        cmocka_unit_test(test_sms_recipients_and_text),
        cmocka_unit_test(test_drop_letter_then_again),
        cmocka_unit_test(test_drop_finishes_a_half_drop),
        cmocka_unit_test(test_drop_names_and_channels),
        cmocka_unit_test(test_drop_put_and_get),
        cmocka_unit_test(test_drop_dir_must_exist),
        cmocka_unit_test(test_missing_configuration),
        cmocka_unit_test(test_invalid_configuration),
        cmocka_unit_test(test_closed_port_is_temporary),
        cmocka_unit_test(test_invalid_messages),
        cmocka_unit_test(test_invalid_channel_and_attachment),
        cmocka_unit_test(test_receipt_is_cut_to_its_buffer),
        cmocka_unit_test(test_retry_schedule),
    };
    return cmocka_run_group_tests(tests, world_up, world_down);
}
