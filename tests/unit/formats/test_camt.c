/*
 * Tests of formats/camt: every shared camt sample with the values its
 * expected-result JSON (genkgo/camt's model) gives, and hand-made edges:
 * amounts, dates, versions, batches, texts, hostile XML, callback errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/money.h"
#include "formats/bank.h"

#ifndef VINN_SAMPLES
#error "VINN_SAMPLES must name the shared samples folder"
#endif

enum { SINK_KEPT = 64 };

/* What the reader handed out; entries past SINK_KEPT are counted only. */
struct sink {
    struct vinn_bank_entry entries[SINK_KEPT];
    long count;
    long stop_at; /* the callback fails at this record; 0: never */
    long progress_calls;
    long long progress_last;
};

static struct sink sink;

static vinn_err sink_add(void *ctx, const struct vinn_bank_entry *e, struct vinn_error *error)
{
    struct sink *s = ctx;
    /* The promises of bank.h, for every entry of every test. */
    assert_true(e->amount_minor > 0);
    assert_non_null(vinn_currency_find(e->currency));
    assert_true(e->entry_id[0] != '\0');
    assert_true(e->line >= 1);
    assert_int_equal(e->record, s->count + 1);
    const char *texts[] = {e->entry_id,      e->reference, e->message,    e->payer_name,
                           e->payer_account, e->bank_ref,  e->end_to_end, e->return_reason};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        assert_int_equal(vinn_text_check(texts[i], 1000, VINN_TEXT_SINGLE_LINE, "t", NULL),
                         VINN_OK);
        size_t n = strlen(texts[i]);
        assert_true(n == 0 || (texts[i][0] != ' ' && texts[i][n - 1] != ' '));
    }
    if (s->count < SINK_KEPT) {
        s->entries[s->count] = *e;
    }
    s->count++;
    if (s->stop_at == e->record) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "entry", "the callback stops at %ld",
                         e->record);
    }
    return VINN_OK;
}

static void sink_progress(void *ctx, long long bytes_read)
{
    struct sink *s = ctx;
    assert_true(bytes_read > s->progress_last);
    s->progress_calls++;
    s->progress_last = bytes_read;
}

static void sink_reset(void)
{
    memset(&sink, 0, sizeof(sink));
}

static vinn_err read_fp(FILE *fp, const char *name, struct vinn_bank_file_info *info,
                        struct vinn_error *error)
{
    assert_non_null(fp);
    struct vinn_bank_read_options options = {
        .name = name, .progress = sink_progress, .progress_ctx = &sink};
    vinn_error_clear(error);
    memset(info, 0x5A, sizeof(*info)); /* the reader must set every field */
    vinn_err rc = vinn_camt_read(fp, &options, sink_add, &sink, info, error);
    fclose(fp);
    assert_int_equal(rc, error->code == VINN_OK ? VINN_OK : error->code);
    return rc;
}

static vinn_err read_text(const char *text, size_t len, struct vinn_bank_file_info *info,
                          struct vinn_error *error)
{
    sink_reset();
    /* fmemopen refuses a size of 0 in older glibc; an empty file is a tmpfile. */
    FILE *fp = len > 0 ? fmemopen((void *)text, len, "r") : tmpfile();
    return read_fp(fp, "edge.xml", info, error);
}

static vinn_err read_sample(const char *file, struct vinn_bank_file_info *info,
                            struct vinn_error *error)
{
    sink_reset();
    char path[512];
    snprintf(path, sizeof(path), "%s/camt/%s", VINN_SAMPLES, file);
    return read_fp(fopen(path, "rb"), file, info, error);
}

/* ---- the shared samples ---- */

struct want_entry {
    long line;
    const char *entry_id; /* NULL: a digest id "d:...:1" */
    int64_t amount_minor;
    const char *currency;
    bool credit;
    bool reversal;
    const char *booking_date;
    const char *value_date;
    const char *reference;
    const char *message;
    const char *payer_name;
    const char *payer_account;
    const char *bank_ref;
    const char *end_to_end;
    const char *return_reason;
};

struct want_file {
    const char *file;
    vinn_err code;
    const char *message; /* the error's message, when code is not VINN_OK */
    enum vinn_bank_format format;
    int version;
    const char *file_id;
    const char *account;
    long long entries;
    long long skipped;
    const struct want_entry *list;
};

static void check_entry(const struct vinn_bank_entry *e, const struct want_entry *w)
{
    char day[VINN_DATE_ISO_SIZE];
    assert_int_equal(e->line, w->line);
    if (w->entry_id != NULL) {
        assert_string_equal(e->entry_id, w->entry_id);
    } else {
        assert_int_equal(strncmp(e->entry_id, "d:", 2), 0);
        assert_int_equal(strlen(e->entry_id), 2 + 16 + 2);
        assert_string_equal(e->entry_id + 18, ":1");
    }
    assert_int_equal(e->amount_minor, w->amount_minor);
    assert_string_equal(e->currency, w->currency);
    assert_int_equal(e->credit, w->credit);
    assert_int_equal(e->reversal, w->reversal);
    vinn_day_format(e->booking_date, day);
    assert_string_equal(day, w->booking_date);
    vinn_day_format(e->value_date, day);
    assert_string_equal(day, w->value_date);
    assert_string_equal(e->reference, w->reference);
    assert_string_equal(e->message, w->message);
    assert_string_equal(e->payer_name, w->payer_name);
    assert_string_equal(e->payer_account, w->payer_account);
    assert_string_equal(e->bank_ref, w->bank_ref);
    assert_string_equal(e->end_to_end, w->end_to_end);
    assert_string_equal(e->return_reason, w->return_reason);
}

static void check_file(const struct want_file *w, vinn_err rc,
                       const struct vinn_bank_file_info *info, const struct vinn_error *error)
{
    assert_int_equal(rc, w->code);
    if (w->code != VINN_OK) {
        assert_string_equal(error->message, w->message);
    }
    assert_int_equal(info->format, w->format);
    assert_int_equal(info->version, w->version);
    assert_string_equal(info->file_id, w->file_id);
    assert_string_equal(info->account, w->account);
    assert_int_equal(info->entries, w->entries);
    assert_int_equal(info->skipped, w->skipped);
    assert_int_equal(sink.count, w->entries);
    for (long i = 0; i < sink.count; i++) {
        check_entry(&sink.entries[i], &w->list[i]);
    }
}

/* camt054.v2.xml: one DBIT Ntry of 200000 SEK with three TxDtls that state
 * no amount (v02 has no TxDtls/Amt and the sample no AmtDtls). The batch
 * cannot be split, so it is one entry for the Ntry with the Ntry's data;
 * the references of the transactions are not the whole's. BookgDt/DtTm
 * 2007-10-18T13:15:00+01:00 gives the date as written. */
static const struct want_entry camt054_v2[] = {
    {58, "camt:AAAASESS-FP-ACCR001", 20000000, "SEK", false, false, "2007-10-18", "2007-10-18", "",
     "", "", "", "AAAASESS-FP-ACCR001", "", ""},
};

/* camt054.v4.xml and .v8.xml: the Ntry is DBIT 200000 SEK, its three
 * TxDtls are CRDT 3.1, 3.2, 3.2 CHF: each is its own entry with its own
 * amount and CdtDbtInd (genkgo keeps the Ntry's DBIT; we follow the
 * transaction's). No TxDtls has an AcctSvcrRef: the Ntry's with "/n". */
#define V3_MESSAGE                                                                                 \
    "Unstructured Remittance Information V3 block 1 Unstructured Remittance Information V3 block " \
    "2"

static const struct want_entry camt054_v4[] = {
    {94, "camt:ACSR160617103200001/1", 310, "CHF", true, false, "2007-10-18", "2007-10-18",
     "ISRrefnumberV1", "Unstructured Remittance Information V1", "UNIFITS GmbH",
     "CH2801234000123456789", "ACSR160617103200001/1", "UXC06170000006PI00001EE00001", ""},
    {179, "camt:ACSR160617103200001/2", 320, "CHF", true, false, "2007-10-18", "2007-10-18",
     "ISRrefnumberV2", "", "UNIFITS GmbH", "CH2801234000123456789", "ACSR160617103200001/2",
     "UXC06170000006PI00001EE00002", ""},
    {258, "camt:ACSR160617103200001/3", 320, "CHF", true, false, "2007-10-18", "2007-10-18",
     "RefnumberV3block1", V3_MESSAGE, "UNIFITS GmbH", "CH2801234000123456789",
     "ACSR160617103200001/3", "UXC06170000006PI00001EE00002", ""},
};

/* The same in v08, where Dbtr/Pty/Nm names the payer. */
static const struct want_entry camt054_v8[] = {
    {96, "camt:ACSR160617103200001/1", 310, "CHF", true, false, "2007-10-18", "2007-10-18",
     "ISRrefnumberV1", "Unstructured Remittance Information V1", "UNIFITS GmbH",
     "CH2801234000123456789", "ACSR160617103200001/1", "UXC06170000006PI00001EE00001", ""},
    {187, "camt:ACSR160617103200001/2", 320, "CHF", true, false, "2007-10-18", "2007-10-18",
     "ISRrefnumberV2", "", "UNIFITS GmbH", "CH2801234000123456789", "ACSR160617103200001/2",
     "UXC06170000006PI00001EE00002", ""},
    {272, "camt:ACSR160617103200001/3", 320, "CHF", true, false, "2007-10-18", "2007-10-18",
     "RefnumberV3block1", V3_MESSAGE, "UNIFITS GmbH", "CH2801234000123456789",
     "ACSR160617103200001/3", "UXC06170000006PI00001EE00002", ""},
};

/* camt054.viafintech.xml: a batch of two credits, a single credit, and two
 * reversals (DBIT, RvslInd true, RtrInf MD06). */
static const struct want_entry camt054_viafintech[] = {
    {54, "camt:TST_201-2091644-9", 1500, "CHF", true, false, "2016-04-10", "2016-04-10", "",
     "Mitteilung 132", "Rutschmann Pia", "CH4409000000495962779", "TST_201-2091644-9",
     "EndToEnd-CRDBRActSame-1B9C-CHDDBB2", ""},
    {96, "camt:TST_201-2091644-8", 900, "CHF", true, false, "2016-04-10", "2016-04-10", "",
     "Mitteilung 131", "Bernasconi Maria", "CH3709000000250094580", "TST_201-2091644-8",
     "EndToEnd-CRDBRActSame-1B9C-CHDDBB3", ""},
    {165, "camt:TST_201-13113-5", 5656, "CHF", true, false, "2016-04-10", "2016-04-10", "", "",
     "Bernasconi Maria", "CH3709000000250094580", "TST_201-13113-5", "PMT-651727380907030005", ""},
    {247, "camt:TST_205-2091679-6", 600, "CHF", false, true, "2016-04-10", "2016-04-10", "",
     "Mitteilung 128", "Bernasconi Maria", "CH3709000000250094580", "TST_205-2091679-6",
     "EndToEnd-2B6C-CHDDBB5", "MD06"},
    {360, "camt:TST_205-28529-1", 1553, "CHF", false, true, "2016-04-10", "2016-04-10", "",
     "Mitteilung 134-", "Rutschmann Pia", "CH4409000000495962779", "TST_205-28529-1",
     "E2E-1-1-16030913", "MD06"},
};

/* camt053.v2.minimal.xml: no AcctSvcrRef anywhere, so a digest id; the one
 * TxDtls takes the Ntry's amount. */
static const struct want_entry camt053_v2_minimal[] = {
    {107, NULL, 885, "EUR", true, false, "2014-12-31", "2015-01-02", "4654654654654654", "",
     "NAME NAME", "NL56AGDH9619008421", "", "", ""},
};

/* camt053.viafintech.xml: not schema-valid (NtryRef after Amt); element
 * order inside an Ntry is not checked, so it reads. EndToEndId NOTPROVIDED
 * is none; Dbtr/Nm wins over UltmtDbtr/Nm; Othr/Id is trimmed; the last
 * Ntry is a v02 batch with AmtDtls/TxAmt amounts. */
static const struct want_entry camt053_viafintech[] = {
    {74, "camt:BankReference", 200, "EUR", false, false, "2013-12-27", "2013-12-27", "",
     "TEST BERWEISUNG MITTELS BLZUND KONTONUMMER - DTA", "Wayne Enterprises",
     "DE24302201900609832118", "BankReference", "EndToEndReference", ""},
    {171, "camt:2013122710583600000", 300, "EUR", false, false, "2013-12-27", "2013-12-27", "",
     "Test+berweisung mit BIC und IBAN SEPA IBAN: DE58740618130100033626 BIC: GENODEF1PFK",
     "Testkonto Nummer 1", "DE14740618130000033626", "2013122710583600000", "", ""},
    {232, "camt:2013122711085260000", 100, "EUR", true, false, "2013-12-27", "2013-12-27", "",
     "R CKBUCHUNG", "Testkonto Nummer 2", "740618130100033626", "2013122711085260000", "", ""},
    {277, "camt:2013122711513230000/1", 350, "EUR", false, false, "2013-12-27", "2013-12-27", "",
     "Sammelueberwseisung 2. Zahlung   TAN:283044", "Testkonto Nummer 2", "DE58740618130100033626",
     "2013122711513230000/1", "STZV-EtE27122013-11:02-1", ""},
    {321, "camt:2013122711513230000/2", 250, "EUR", false, false, "2013-12-27", "2013-12-27", "",
     "Sammelueberweisung 1. Zahlung   TAN:283044", "Testkonto Nummer 2", "DE58740618130100033626",
     "2013122711513230000/2", "STZV-EtE27122013-11:02-2", ""},
};

static const struct want_file samples[] = {
    {"camt054.v2.xml", VINN_OK, NULL, VINN_BANK_CAMT054, 2, "AAAASESS-FP-ACCR001",
     "CH2801234000123456789", 1, 0, camt054_v2},
    {"camt054.v4.xml", VINN_OK, NULL, VINN_BANK_CAMT054, 4, "AAAASESS-FP-ACCR001",
     "CH2801234000123456789", 3, 0, camt054_v4},
    {"camt054.v8.xml", VINN_OK, NULL, VINN_BANK_CAMT054, 8, "AAAASESS-FP-ACCR001",
     "CH2801234000123456789", 3, 0, camt054_v8},
    {"camt054.viafintech.xml", VINN_OK, NULL, VINN_BANK_CAMT054, 4, "20160410375204000131033",
     "CH0309000000250090342", 5, 0, camt054_viafintech},
    {"camt053.v2.minimal.xml", VINN_OK, NULL, VINN_BANK_CAMT053, 2, "CAMT053RIB000000000001",
     "NL26VAYB8060476890", 1, 0, camt053_v2_minimal},
    /* The sample's only TxDtls says <Amt Ccy="SEK">0</Amt>: a zero amount
     * is an error (genkgo reads 0 SEK). test_sample_camt053_v8_fixed reads
     * the rest of it. */
    {"camt053.v8.xml", VINN_E_BANK_AMOUNT,
     "camt053.v8.xml line 141 (TxDtls/Amt): amount '0' is zero", VINN_BANK_CAMT053, 8,
     "CAMT053RIB000000000001", "NL26VAYB8060476890", 0, 0, NULL},
    {"camt053.viafintech.xml", VINN_OK, NULL, VINN_BANK_CAMT053, 2,
     "053D2013-12-27T22:05:03.0N130000005", "DE14740618130000033626", 5, 0, camt053_viafintech},
};

static void test_samples(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        struct vinn_bank_file_info info;
        struct vinn_error error;
        print_message("sample %s\n", samples[i].file);
        vinn_err rc = read_sample(samples[i].file, &info, &error);
        check_file(&samples[i], rc, &info, &error);
        if (rc == VINN_OK) {
            /* One call at the end at least; every sample is under 1 MiB. */
            assert_int_equal(sink.progress_calls, 1);
        }
    }
}

/* Every sample in the folder is in the table above. */
static void test_samples_all_listed(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof(path), "%s/camt", VINN_SAMPLES);
    DIR *dir = opendir(path);
    assert_non_null(dir);
    size_t files = 0;
    for (struct dirent *d = readdir(dir); d != NULL; d = readdir(dir)) {
        size_t n = strlen(d->d_name);
        if (n < 4 || strcmp(d->d_name + n - 4, ".xml") != 0) {
            continue;
        }
        files++;
        bool listed = false;
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
            listed = listed || strcmp(samples[i].file, d->d_name) == 0;
        }
        print_message("sample file %s\n", d->d_name);
        assert_true(listed);
    }
    closedir(dir);
    assert_int_equal(files, sizeof(samples) / sizeof(samples[0]));
}

/* Read a sample into a heap buffer. */
static char *sample_load(const char *file, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/camt/%s", VINN_SAMPLES, file);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, fp);
    fclose(fp);
    return buf;
}

/* camt053.v8.xml with its zero amount made the Ntry's 8.85 EUR: v08's
 * Dbtr/Pty/Nm, Sts/Cd, BookgDt/DtTm and the Ntry's AcctSvcrRef. */
static void test_sample_camt053_v8_fixed(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = sample_load("camt053.v8.xml", &len);
    static const char zero[] = "<Amt Ccy=\"SEK\">0</Amt>";
    static const char fixed[] = "<Amt Ccy=\"EUR\">8.85</Amt>";
    char *at = strstr(text, zero);
    assert_non_null(at);
    size_t tail = strlen(at + sizeof(zero) - 1);
    memmove(at + sizeof(fixed) - 1, at + sizeof(zero) - 1, tail + 1);
    memcpy(at, fixed, sizeof(fixed) - 1);
    len = strlen(text);
    static const struct want_entry want[] = {
        {133, "camt:AAAASESS-FP-CN_98765/01", 885, "EUR", true, false, "2014-12-31", "2015-01-02",
         "4654654654654654", "", "NAME NAME", "NL56AGDH9619008421", "AAAASESS-FP-CN_98765/01",
         "MUELL/FINP/RA12345", ""},
    };
    static const struct want_file file = {"camt053.v8.xml",
                                          VINN_OK,
                                          NULL,
                                          VINN_BANK_CAMT053,
                                          8,
                                          "CAMT053RIB000000000001",
                                          "NL26VAYB8060476890",
                                          1,
                                          0,
                                          want};
    struct vinn_bank_file_info info;
    struct vinn_error error;
    vinn_err rc = read_text(text, len, &info, &error);
    check_file(&file, rc, &info, &error);
    free(text);
}

/* The callback's error stops the read and comes back unchanged. */
static void test_callback_error_stops(void **state)
{
    (void)state;
    sink_reset();
    sink.stop_at = 2;
    char path[512];
    snprintf(path, sizeof(path), "%s/camt/camt054.viafintech.xml", VINN_SAMPLES);
    struct vinn_bank_read_options options = {.name = "x.xml"};
    struct vinn_bank_file_info info;
    struct vinn_error error;
    vinn_error_clear(&error);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    vinn_err rc = vinn_camt_read(fp, &options, sink_add, &sink, &info, &error);
    fclose(fp);
    assert_int_equal(rc, VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(error.code, VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(error.field, "entry");
    assert_string_equal(error.message, "the callback stops at 2");
    assert_int_equal(sink.count, 2);
    assert_int_equal(info.entries, 2);

    /* A callback that fails without filling the record: the code still
     * comes back, and the record stays clear. */
    sink_reset();
    sink.stop_at = 1;
    fp = fopen(path, "rb");
    assert_non_null(fp);
    rc = vinn_camt_read(fp, &options, sink_add, &sink, NULL, NULL);
    fclose(fp);
    assert_int_equal(rc, VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(sink.count, 1);
}

/* ---- hand-made files ---- */

static char doc[1 << 16];

/* A camt.054 of the given version around body, which starts on line 7. */
static const char *camt054(const char *version, const char *body)
{
    int n = snprintf(doc, sizeof(doc),
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.%s\">\n"
                     "<BkToCstmrDbtCdtNtfctn>\n"
                     "<GrpHdr><MsgId>EDGE-1</MsgId></GrpHdr>\n"
                     "<Ntfctn>\n"
                     "<Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>\n"
                     "%s"
                     "</Ntfctn>\n"
                     "</BkToCstmrDbtCdtNtfctn>\n"
                     "</Document>\n",
                     version, body);
    assert_true(n > 0 && (size_t)n < sizeof(doc));
    return doc;
}

/* An Ntry's head: Ntry on the body's first line (7), Amt 8, CdtDbtInd 9,
 * Sts 10, BookgDt 11, ValDt 12, AcctSvcrRef 13. */
#define NTRY_HEAD_CCY(ccy, amt, ind)                                                               \
    "<Ntry>\n"                                                                                     \
    "<Amt Ccy=\"" ccy "\">" amt "</Amt>\n"                                                         \
    "<CdtDbtInd>" ind "</CdtDbtInd>\n"                                                             \
    "<Sts>BOOK</Sts>\n"                                                                            \
    "<BookgDt><Dt>2024-05-31</Dt></BookgDt>\n"                                                     \
    "<ValDt><DtTm>2024-06-01T08:00:00+02:00</DtTm></ValDt>\n"                                      \
    "<AcctSvcrRef>NTRY-1</AcctSvcrRef>\n"
#define NTRY_HEAD(amt) NTRY_HEAD_CCY("NOK", amt, "CRDT")
#define NTRY_END       "</Ntry>\n"

static vinn_err read_doc(const char *text, struct vinn_bank_file_info *info,
                         struct vinn_error *error)
{
    return read_text(text, strlen(text), info, error);
}

struct error_case {
    const char *label;
    const char *version; /* NULL: text is the whole file */
    const char *text;
    vinn_err code;
    const char *field;
    const char *message;
};

static const char bomb[] = "<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE Document [\n"
                           " <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
                           " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                           " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                           " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
                           " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
                           " <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
                           " <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
                           " <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
                           "]>\n"
                           "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">"
                           "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&h;</MsgId></GrpHdr>"
                           "</BkToCstmrDbtCdtNtfctn></Document>\n";

static const char external_entity[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
    "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">"
    "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&x;</MsgId></GrpHdr>"
    "</BkToCstmrDbtCdtNtfctn></Document>\n";

static const struct error_case error_cases[] = {
    {"empty", NULL, "", VINN_E_BANK_EMPTY, "file", "edge.xml is empty"},
    {"blank", NULL, "  \n", VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 1: the file holds no XML element"},
    {"truncated", NULL,
     "<?xml version=\"1.0\"?>\n"
     "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">\n"
     "<BkToCstmrDbtCdtNtfctn>\n<Ntfctn>\n<Ntry>\n<Amt Ccy=\"NOK\">1",
     VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 6: premature end of data inside "
     "'Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry/Amt'"},
    {"not well-formed", NULL,
     "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">\n"
     "<BkToCstmrDbtCdtNtfctn><a></b></BkToCstmrDbtCdtNtfctn></Document>\n",
     VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 2: Opening and ending tag mismatch: a line 2 and b"},
    {"xml bomb", NULL, bomb, VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 2: a DOCTYPE is not allowed in a camt file"},
    {"external entity", NULL, external_entity, VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 2: a DOCTYPE is not allowed in a camt file"},
    {"undeclared entity", "04", "<Ntry>&lol;</Ntry>\n", VINN_E_FILE_SYNTAX, "file",
     "edge.xml line 7: Entity 'lol' not defined"},
    {"unknown version", "99", "", VINN_E_BANK_VERSION, "file",
     "edge.xml line 2: namespace 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.99' is not a "
     "supported camt version (camt.054 and camt.053 in 001.02, 001.04 or 001.08)"},
    {"camt.052", NULL, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\"/>",
     VINN_E_BANK_VERSION, "file",
     "edge.xml line 1: namespace 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.02' is not a "
     "supported camt version (camt.054 and camt.053 in 001.02, 001.04 or 001.08)"},
    {"pain.001", NULL, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>",
     VINN_E_BANK_FORMAT_UNKNOWN, "file",
     "edge.xml line 1: root element 'Document' in namespace "
     "'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03' is not a camt Document"},
    {"no namespace", NULL, "<Document><BkToCstmrStmt/></Document>", VINN_E_BANK_FORMAT_UNKNOWN,
     "file", "edge.xml line 1: root element 'Document' in namespace '' is not a camt Document"},
    {"not a Document", NULL, "<Invoice xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\"/>",
     VINN_E_BANK_FORMAT_UNKNOWN, "file",
     "edge.xml line 1: root element 'Invoice' in namespace "
     "'urn:iso:std:iso:20022:tech:xsd:camt.054.001.04' is not a camt Document"},
    {"message of the other kind", NULL,
     "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">\n"
     "<BkToCstmrStmt/></Document>",
     VINN_E_BANK_STRUCTURE, "file",
     "edge.xml line 2: Document holds 'BkToCstmrStmt' where its namespace calls for "
     "'BkToCstmrDbtCdtNtfctn'"},
    {"no message", NULL, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"/>",
     VINN_E_BANK_STRUCTURE, "file", "edge.xml: Document holds no camt message"},
    {"too many decimals", "04", NTRY_HEAD("1.234") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '1.234' has more decimals than NOK allows"},
    {"decimals for JPY", "04", NTRY_HEAD_CCY("JPY", "100.5", "CRDT") NTRY_END, VINN_E_BANK_AMOUNT,
     "Ntry/Amt", "edge.xml line 8 (Ntry/Amt): amount '100.5' has more decimals than JPY allows"},
    {"overflow", "04", NTRY_HEAD("92233720368547758.08") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '92233720368547758.08' is too large"},
    {"overflow in the integer part", "04", NTRY_HEAD("99999999999999999999") NTRY_END,
     VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '99999999999999999999' is too large"},
    {"negative", "04", NTRY_HEAD("-5.00") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '-5.00' is negative: a debit is CdtDbtInd DBIT"},
    {"zero", "04", NTRY_HEAD("0.00") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '0.00' is zero"},
    {"decimal comma", "04", NTRY_HEAD("12,50") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '12,50' is not a number"},
    {"exponent", "04", NTRY_HEAD("1e3") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '1e3' is not a number"},
    {"only a point", "04", NTRY_HEAD(".") NTRY_END, VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '.' is not a number"},
    {"long amount", "04", NTRY_HEAD("0000000000000000000000000000000000000000001.00") NTRY_END,
     VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): amount '00000000000000000000...' is longer than 40 "
     "characters"},
    {"unknown currency", "04", NTRY_HEAD_CCY("XYZ", "10.00", "CRDT") NTRY_END, VINN_E_BANK_AMOUNT,
     "Ntry/Amt", "edge.xml line 8 (Ntry/Amt): currency 'XYZ' is not a known ISO 4217 code"},
    {"lower-case currency", "04", NTRY_HEAD_CCY("nok", "10.00", "CRDT") NTRY_END,
     VINN_E_BANK_AMOUNT, "Ntry/Amt",
     "edge.xml line 8 (Ntry/Amt): currency 'nok' is not a known ISO 4217 code"},
    {"no currency", "04",
     "<Ntry>\n<Amt>10.00</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<Sts>BOOK</Sts>\n</Ntry>\n",
     VINN_E_BANK_AMOUNT, "Ntry/Amt", "edge.xml line 8 (Ntry/Amt): amount '10.00' has no Ccy"},
    {"no Amt", "04", "<Ntry>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<Sts>BOOK</Sts>\n</Ntry>\n",
     VINN_E_BANK_RECORD, "Ntry/Amt", "edge.xml line 7 (Ntry/Amt): entry has no Amt"},
    {"no CdtDbtInd", "04", "<Ntry>\n<Amt Ccy=\"NOK\">1</Amt>\n<Sts>BOOK</Sts>\n</Ntry>\n",
     VINN_E_BANK_RECORD, "Ntry/CdtDbtInd",
     "edge.xml line 7 (Ntry/CdtDbtInd): entry has no "
     "CdtDbtInd"},
    {"no Sts", "04", "<Ntry>\n<Amt Ccy=\"NOK\">1</Amt>\n<CdtDbtInd>DBIT</CdtDbtInd>\n</Ntry>\n",
     VINN_E_BANK_RECORD, "Ntry/Sts", "edge.xml line 7 (Ntry/Sts): entry has no Sts"},
    {"bad CdtDbtInd", "04", NTRY_HEAD_CCY("NOK", "1", "CREDIT") NTRY_END, VINN_E_BANK_RECORD,
     "Ntry/CdtDbtInd", "edge.xml line 9 (Ntry/CdtDbtInd): 'CREDIT' is neither CRDT nor DBIT"},
    {"bad RvslInd", "04", NTRY_HEAD("1") "<RvslInd>yes</RvslInd>\n" NTRY_END, VINN_E_BANK_RECORD,
     "Ntry/RvslInd", "edge.xml line 14 (Ntry/RvslInd): 'yes' is neither true nor false"},
    {"impossible date", "04", "<Ntry>\n<BookgDt><Dt>2024-02-30</Dt></BookgDt>\n</Ntry>\n",
     VINN_E_BANK_DATE, "Ntry/BookgDt",
     "edge.xml line 8 (Ntry/BookgDt): date '2024-02-30' does not exist"},
    {"date time shape", "04", "<Ntry>\n<ValDt><DtTm>2024-05-31 10:00</DtTm></ValDt>\n</Ntry>\n",
     VINN_E_BANK_DATE, "Ntry/ValDt",
     "edge.xml line 8 (Ntry/ValDt): date '2024-05-31 10:00' is not YYYY-MM-DD"},
    {"short date", "04", "<Ntry>\n<ValDt><Dt>2024-5-31</Dt></ValDt>\n</Ntry>\n", VINN_E_BANK_DATE,
     "Ntry/ValDt", "edge.xml line 8 (Ntry/ValDt): date '2024-5-31' is not YYYY-MM-DD"},
    {"transaction amount decimals", "04",
     NTRY_HEAD(
         "10") "<NtryDtls><TxDtls>\n<Amt Ccy=\"EUR\">1.001</Amt>\n</TxDtls></NtryDtls>\n" NTRY_END,
     VINN_E_BANK_AMOUNT, "TxDtls/Amt",
     "edge.xml line 15 (TxDtls/Amt): amount '1.001' has more decimals than EUR allows"},
    {"AmtDtls currency", "02",
     NTRY_HEAD("10") "<NtryDtls><TxDtls>\n<AmtDtls><TxAmt><Amt Ccy=\"QQQ\">1</Amt></TxAmt>"
                     "</AmtDtls>\n</TxDtls></NtryDtls>\n" NTRY_END,
     VINN_E_BANK_AMOUNT, "TxDtls/AmtDtls/TxAmt/Amt",
     "edge.xml line 15 (TxDtls/AmtDtls/TxAmt/Amt): currency 'QQQ' is not a known ISO 4217 "
     "code"},
    {"batch, first without an amount", "04",
     NTRY_HEAD("10") "<NtryDtls>\n<TxDtls></TxDtls>\n<TxDtls><Amt Ccy=\"NOK\">5</Amt></TxDtls>\n"
                     "</NtryDtls>\n" NTRY_END,
     VINN_E_BANK_RECORD, "TxDtls/Amt",
     "edge.xml line 16 (TxDtls/Amt): transaction 2 of the batch has an amount and others do "
     "not"},
    {"bad transaction CdtDbtInd", "04",
     NTRY_HEAD(
         "10") "<NtryDtls><TxDtls>\n<CdtDbtInd>crdt</CdtDbtInd>\n</TxDtls></NtryDtls>\n" NTRY_END,
     VINN_E_BANK_RECORD, "TxDtls/CdtDbtInd",
     "edge.xml line 15 (TxDtls/CdtDbtInd): 'crdt' is neither CRDT nor DBIT"},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
        const struct error_case *c = &error_cases[i];
        print_message("case %s\n", c->label);
        const char *text = c->version != NULL ? camt054(c->version, c->text) : c->text;
        struct vinn_bank_file_info info;
        struct vinn_error error;
        vinn_err rc = read_doc(text, &info, &error);
        assert_int_equal(rc, c->code);
        assert_string_equal(error.field, c->field);
        assert_string_equal(error.message, c->message);
        assert_int_equal(sink.count, 0);
        assert_int_equal(info.entries, 0);
    }
}

/* Only GrpHdr and an account, no entries: fine, nothing handed out. */
static void test_no_entries(void **state)
{
    (void)state;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("08", ""), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 0);
    assert_int_equal(info.format, VINN_BANK_CAMT054);
    assert_int_equal(info.version, 8);
    assert_string_equal(info.file_id, "EDGE-1");
    assert_string_equal(info.account, "NO9386011117947");
    assert_int_equal(info.entries, 0);
    assert_int_equal(info.skipped, 0);
}

/* Amounts at the edges of int64 and of each exponent. */
static void test_amounts(void **state)
{
    (void)state;
    static const struct {
        const char *ccy;
        const char *text;
        int64_t minor;
    } cases[] = {
        {"NOK", "1", 100},
        {"NOK", "0.01", 1},
        {"NOK", "1.5", 150},
        {"NOK", "1.230", 123}, /* trailing zeros past the exponent are exact */
        {"NOK", "+7.00", 700},
        {"NOK", " 12.34 ", 1234},
        {"NOK", "000012.34", 1234},
        {"NOK", ".5", 50},
        {"NOK", "5.", 500},
        {"NOK", "92233720368547758.07", INT64_MAX},
        {"JPY", "9223372036854775807", INT64_MAX},
        {"JPY", "100", 100},
        {"JPY", "100.000", 100},
        {"KWD", "1.234", 1234},
        {"EUR", "0.10", 10},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char body[512];
        snprintf(body, sizeof(body),
                 "<Ntry><Amt Ccy=\"%s\">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                 "</Ntry>\n",
                 cases[i].ccy, cases[i].text);
        struct vinn_bank_file_info info;
        struct vinn_error error;
        print_message("amount %s %s\n", cases[i].ccy, cases[i].text);
        assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
        assert_int_equal(sink.count, 1);
        assert_int_equal(sink.entries[0].amount_minor, cases[i].minor);
        assert_string_equal(sink.entries[0].currency, cases[i].ccy);
    }
}

/* v02 has no TxDtls/Amt: AmtDtls/TxAmt, else AmtDtls/InstdAmt, else the
 * Ntry's amount when it holds one transaction. */
static void test_v02_amount_details(void **state)
{
    (void)state;
    const char *body = NTRY_HEAD(
        "300.00") "<NtryDtls>\n"
                  "<TxDtls>\n<AmtDtls><InstdAmt><Amt Ccy=\"EUR\">9.99</Amt></InstdAmt>"
                  "<TxAmt><Amt Ccy=\"NOK\">100.00</Amt></TxAmt></AmtDtls>\n</TxDtls>\n"
                  "<TxDtls>\n<AmtDtls><InstdAmt><Amt "
                  "Ccy=\"NOK\">200.00</Amt></InstdAmt></AmtDtls>\n"
                  "</TxDtls>\n"
                  "</NtryDtls>\n" NTRY_END NTRY_HEAD(
                      "42.00") "<NtryDtls><TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs>"
                               "</TxDtls></NtryDtls>\n" NTRY_END;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("02", body), &info, &error), VINN_OK);
    assert_int_equal(info.version, 2);
    assert_int_equal(sink.count, 3);
    assert_int_equal(sink.entries[0].amount_minor, 10000);
    assert_string_equal(sink.entries[0].currency, "NOK");
    assert_int_equal(sink.entries[0].line, 15);
    assert_string_equal(sink.entries[0].bank_ref, "NTRY-1/1");
    assert_int_equal(sink.entries[1].amount_minor, 20000);
    assert_int_equal(sink.entries[1].line, 18);
    assert_string_equal(sink.entries[1].bank_ref, "NTRY-1/2");
    assert_int_equal(sink.entries[2].amount_minor, 4200);
    assert_string_equal(sink.entries[2].bank_ref, "NTRY-1");
    assert_string_equal(sink.entries[2].entry_id, "camt:NTRY-1");
    assert_string_equal(sink.entries[2].end_to_end, "E1");
    assert_int_equal(sink.entries[2].line, 30);
}

/* A batch: each TxDtls its own entry, own amount, own CdtDbtInd and own
 * reference where it has one, else the Ntry's reference and its number. */
static void test_batch(void **state)
{
    (void)state;
    const char *body = NTRY_HEAD_CCY(
        "SEK", "60",
        "CRDT") "<NtryDtls>\n<Btch><NbOfTxs>3</NbOfTxs></Btch>\n"
                "<TxDtls><Amt Ccy=\"SEK\">10</Amt><RmtInf><Strd><CdtrRefInf><Ref>1234 5678 97</Ref>"
                "</CdtrRefInf></Strd></RmtInf></TxDtls>\n"
                "<TxDtls><Refs><AcctSvcrRef>OWN-2</AcctSvcrRef></Refs><Amt "
                "Ccy=\"SEK\">20</Amt></TxDtls>\n"
                "</NtryDtls>\n<NtryDtls>\n"
                "<TxDtls><Amt Ccy=\"SEK\">30</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>\n"
                "</NtryDtls>\n" NTRY_END;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 3);
    assert_int_equal(info.entries, 3);
    static const struct {
        long line;
        int64_t minor;
        bool credit;
        const char *bank_ref;
    } want[] = {
        {16, 1000, true, "NTRY-1/1"},
        {17, 2000, true, "OWN-2"},
        {20, 3000, false, "NTRY-1/3"},
    };
    for (size_t i = 0; i < 3; i++) {
        const struct vinn_bank_entry *e = &sink.entries[i];
        assert_int_equal(e->line, want[i].line);
        assert_int_equal(e->record, (long)i + 1);
        assert_int_equal(e->amount_minor, want[i].minor);
        assert_int_equal(e->credit, want[i].credit);
        assert_string_equal(e->bank_ref, want[i].bank_ref);
        char id[128];
        snprintf(id, sizeof(id), "camt:%s", want[i].bank_ref);
        assert_string_equal(e->entry_id, id);
    }
    assert_string_equal(sink.entries[0].reference, "1234567897");
    assert_string_equal(sink.entries[1].reference, "");
}

/* A batch whose later transaction lacks the amount the first had: the
 * first was handed out before the error (bank.h allows it; the caller
 * rolls back). */
static void test_batch_mixed(void **state)
{
    (void)state;
    const char *body =
        NTRY_HEAD("10") "<NtryDtls>\n<TxDtls><Amt Ccy=\"NOK\">5</Amt></TxDtls>\n<TxDtls></TxDtls>\n"
                        "</NtryDtls>\n" NTRY_END;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_E_BANK_RECORD);
    assert_string_equal(error.field, "TxDtls/Amt");
    assert_string_equal(
        error.message,
        "edge.xml line 16 (TxDtls/Amt): transaction 2 of the batch has no amount and others do");
    assert_int_equal(sink.count, 1);
    assert_int_equal(info.entries, 1);
}

/* A Finnish bank puts the reference only in Ustrd: the reader leaves the
 * reference empty and the message whole (the matcher looks there). */
static void test_reference_only_in_ustrd(void **state)
{
    (void)state;
    const char *body = NTRY_HEAD_CCY(
        "EUR", "15.00", "CRDT") "<NtryDtls><TxDtls><RmtInf><Ustrd>  9597349 </Ustrd><Ustrd></Ustrd>"
                                "<Ustrd>lasku 12</Ustrd></RmtInf></TxDtls></NtryDtls>\n" NTRY_END;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 1);
    assert_string_equal(sink.entries[0].reference, "");
    assert_string_equal(sink.entries[0].message, "9597349 lasku 12");
}

/* Names and texts in UTF-8, escaped characters, and cuts at a character
 * boundary; Dbtr before UltmtDbtr, in both the v04 and the v08 shapes. */
static void test_texts(void **state)
{
    (void)state;
    char long_name[400] = "";
    for (int i = 0; i < 100; i++) {
        strcat(long_name, "\xC3\xB8"); /* ø, 200 bytes */
    }
    char body[4096];
    snprintf(
        body, sizeof(body),
        NTRY_HEAD(
            "1") "<NtryDtls>\n"
                 "<TxDtls><Amt Ccy=\"NOK\">1</Amt><RltdPties><Dbtr><Pty><Nm>\xC3\x98yvind "
                 "\xC3\x86r\xC3"
                 "\xB8 \xC3\x85sheim</Nm></Pty></Dbtr><UltmtDbtr><Pty><Nm>Ultimate</Nm></Pty>"
                 "</UltmtDbtr></RltdPties></TxDtls>\n"
                 "<TxDtls><Amt Ccy=\"NOK\">2</Amt><RltdPties><UltmtDbtr><Nm>Smith &amp; "
                 "S\xC3\xB6hne "
                 "&lt;AS&gt;</Nm></UltmtDbtr><DbtrAcct><Id><Othr><Id> 1234.56.78903 "
                 "</Id></Othr></Id>"
                 "</DbtrAcct></RltdPties></TxDtls>\n"
                 "<TxDtls><Amt Ccy=\"NOK\">3</Amt><RltdPties><Dbtr><Nm>%s</Nm></Dbtr></RltdPties>"
                 "<RmtInf><Ustrd>line\tone&#10;two</Ustrd><Ustrd><![CDATA[a<b]]></Ustrd></RmtInf>"
                 "</TxDtls>\n"
                 "</NtryDtls>\n" NTRY_END,
        long_name);
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("08", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 3);
    assert_string_equal(sink.entries[0].payer_name,
                        "\xC3\x98yvind \xC3\x86r\xC3\xB8 \xC3\x85sheim");
    assert_string_equal(sink.entries[1].payer_name, "Smith & S\xC3\xB6hne <AS>");
    assert_string_equal(sink.entries[1].payer_account, "1234.56.78903");
    assert_int_equal(strlen(sink.entries[2].payer_name), VINN_BANK_NAME_MAX);
    assert_int_equal(strncmp(sink.entries[2].payer_name, long_name, VINN_BANK_NAME_MAX), 0);
    assert_string_equal(sink.entries[2].message, "line one two a<b");
}

/* A text cut at its buffer where a space falls ends without the space. */
static void test_cut_at_a_space(void **state)
{
    (void)state;
    char name[200];
    memset(name, 'a', VINN_BANK_NAME_MAX - 1);
    strcpy(name + VINN_BANK_NAME_MAX - 1, " b");
    char ustrd[200];
    memset(ustrd, 'u', 139);
    strcpy(ustrd + 139, " tail");
    char third[200];
    memset(third, 'w', 129);
    strcpy(third + 129, " tail");
    char body[4096];
    snprintf(body, sizeof(body),
             "<Ntry><Amt Ccy=\"NOK\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
             "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>%s</Nm></Dbtr></RltdPties><RmtInf>"
             "<Ustrd>%s</Ustrd><Ustrd>%s</Ustrd><Ustrd>%s</Ustrd><Ustrd>more</Ustrd></RmtInf>"
             "</TxDtls></NtryDtls></Ntry>\n",
             name, ustrd, ustrd, third);
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 1);
    assert_int_equal(strlen(sink.entries[0].payer_name), VINN_BANK_NAME_MAX - 1);
    /* 144 + 1 + 144 + 1 bytes leave 130 of the 420 for the third Ustrd: its
     * 129 w's and the space, which goes. */
    assert_int_equal(strlen(sink.entries[0].message), 144 + 1 + 144 + 1 + 129);
    assert_int_equal(sink.entries[0].message[strlen(sink.entries[0].message) - 1], 'w');
}

/* A file in ISO-8859-1 comes out in UTF-8. */
static void test_latin1_file(void **state)
{
    (void)state;
    const char *text =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">\n"
        "<BkToCstmrStmt><GrpHdr><MsgId>L1</MsgId></GrpHdr><Stmt>\n"
        "<Ntry><Amt Ccy=\"DKK\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\n"
        "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>S\xF8ren Kierkeg\xE5rd</Nm></Dbtr></RltdPties>"
        "</TxDtls></NtryDtls></Ntry>\n"
        "</Stmt></BkToCstmrStmt></Document>\n";
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(text, &info, &error), VINN_OK);
    assert_int_equal(info.format, VINN_BANK_CAMT053);
    assert_int_equal(info.version, 4);
    assert_int_equal(sink.count, 1);
    assert_string_equal(sink.entries[0].payer_name, "S\xC3\xB8ren Kierkeg\xC3\xA5rd");
    assert_int_equal(sink.entries[0].line, 5);
}

/* Bytes that are not UTF-8 in a UTF-8 file are a syntax error. */
static void test_bad_utf8(void **state)
{
    (void)state;
    const char *body = NTRY_HEAD("1") "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>S\xF8ren</Nm></Dbtr>"
                                      "</RltdPties></TxDtls></NtryDtls>\n" NTRY_END;
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_E_FILE_SYNTAX);
    assert_int_equal(strncmp(error.message, "edge.xml line 14: Input is not proper UTF-8", 43), 0);
}

/* Status: only BOOK is handed out; the others are counted as skipped, one
 * per transaction. DBIT entries are handed out (credit false), not skipped. */
static void test_status_and_debits(void **state)
{
    (void)state;
    const char *body =
        "<Ntry><Amt Ccy=\"NOK\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts>"
        "<NtryDtls><TxDtls/><TxDtls/></NtryDtls></Ntry>\n"
        "<Ntry><Amt Ccy=\"NOK\">2</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Prtry>BOOK</Prtry></Sts>"
        "</Ntry>\n"
        "<Ntry><Amt Ccy=\"NOK\">-3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>INFO</Cd></Sts>"
        "</Ntry>\n"
        "<Ntry><Amt Ccy=\"NOK\">4</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        "<RvslInd>true</RvslInd></Ntry>\n"
        "<Ntry><Amt Ccy=\"NOK\">5</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>0</RvslInd>"
        "<Sts> BOOK </Sts></Ntry>\n";
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("08", body), &info, &error), VINN_OK);
    assert_int_equal(info.skipped, 4);
    assert_int_equal(info.entries, 2);
    assert_int_equal(sink.count, 2);
    assert_int_equal(sink.entries[0].amount_minor, 400);
    assert_false(sink.entries[0].credit);
    assert_true(sink.entries[0].reversal);
    assert_int_equal(sink.entries[0].line, 10);
    assert_int_equal(sink.entries[0].booking_date, 0);
    assert_int_equal(sink.entries[1].amount_minor, 500);
    assert_true(sink.entries[1].credit);
    assert_false(sink.entries[1].reversal);
}

/* Dates: Dt, DtTm (the date as written, no zone shift), Dt with a zone. */
static void test_dates(void **state)
{
    (void)state;
    const char *body = "<Ntry><Amt Ccy=\"NOK\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                       "<BookgDt><DtTm>2024-12-31T23:30:00-05:00</DtTm></BookgDt>"
                       "<ValDt><Dt>2025-01-02+01:00</Dt></ValDt></Ntry>\n";
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 1);
    char day[VINN_DATE_ISO_SIZE];
    vinn_day_format(sink.entries[0].booking_date, day);
    assert_string_equal(day, "2024-12-31");
    vinn_day_format(sink.entries[0].value_date, day);
    assert_string_equal(day, "2025-01-02");
}

/* Identical entries without a bank reference get the same digest and their
 * occurrence; the same file read twice gives the same ids. */
static void test_digest_ids(void **state)
{
    (void)state;
    const char *one = "<Ntry><Amt Ccy=\"NOK\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                      "<NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>1234</Ref></CdtrRefInf>"
                      "</Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n";
    char body[2048];
    snprintf(body, sizeof(body), "%s%s%s", one, one,
             "<Ntry><Amt Ccy=\"NOK\">2</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>\n");
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 3);
    char first[3][VINN_BANK_ID_MAX + 1];
    for (int i = 0; i < 3; i++) {
        memcpy(first[i], sink.entries[i].entry_id, sizeof(first[i]));
        assert_int_equal(strncmp(first[i], "d:", 2), 0);
    }
    assert_int_equal(strncmp(first[0], first[1], 18), 0);
    assert_string_equal(first[0] + 18, ":1");
    assert_string_equal(first[1] + 18, ":2");
    assert_string_equal(first[2] + 18, ":1");
    assert_int_not_equal(strncmp(first[0], first[2], 18), 0);
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(sink.entries[i].entry_id, first[i]);
    }
}

/* A bank reference too long for "camt:" + it takes the digest id; a long
 * Ntry reference in a batch keeps its transaction number. */
static void test_long_bank_refs(void **state)
{
    (void)state;
    char ref[200];
    memset(ref, 'R', 150);
    ref[150] = '\0';
    char body[2048];
    snprintf(body, sizeof(body),
             "<Ntry><Amt Ccy=\"NOK\">3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
             "<AcctSvcrRef>%s</AcctSvcrRef><NtryDtls><TxDtls><Amt Ccy=\"NOK\">1</Amt></TxDtls>"
             "<TxDtls><Amt Ccy=\"NOK\">2</Amt></TxDtls></NtryDtls></Ntry>\n",
             ref);
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_doc(camt054("04", body), &info, &error), VINN_OK);
    assert_int_equal(sink.count, 2);
    for (int i = 0; i < 2; i++) {
        const struct vinn_bank_entry *e = &sink.entries[i];
        assert_int_equal(strlen(e->bank_ref), VINN_BANK_ID_MAX);
        assert_string_equal(e->bank_ref + VINN_BANK_ID_MAX - 2, i == 0 ? "/1" : "/2");
        assert_int_equal(strncmp(e->entry_id, "d:", 2), 0);
    }
    assert_string_not_equal(sink.entries[0].entry_id, sink.entries[1].entry_id);
}

/* A large file streams: many entries, progress at most every MiB and once
 * at the end with the file's size. */
static void test_large_file_and_progress(void **state)
{
    (void)state;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fputs("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
          "camt.054.001.08\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>BIG</MsgId></GrpHdr>"
          "<Ntfctn>\n",
          fp);
    enum { ENTRIES = 30000 };
    for (int i = 0; i < ENTRIES; i++) {
        fprintf(fp,
                "<Ntry><Amt Ccy=\"NOK\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
                "<Sts><Cd>BOOK</Cd></Sts><AcctSvcrRef>B%d</AcctSvcrRef><NtryDtls><TxDtls>"
                "<RmtInf><Strd><CdtrRefInf><Ref>%d</Ref></CdtrRefInf></Strd></RmtInf>"
                "</TxDtls></NtryDtls></Ntry>\n",
                i + 1, i % 100, i, 1000000 + i);
    }
    fputs("</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n", fp);
    long size = ftell(fp);
    rewind(fp);
    sink_reset();
    struct vinn_bank_file_info info;
    struct vinn_error error;
    assert_int_equal(read_fp(fp, "big.xml", &info, &error), VINN_OK);
    assert_int_equal(info.entries, ENTRIES);
    assert_int_equal(sink.count, ENTRIES);
    assert_int_equal(sink.progress_last, size);
    assert_true(size > 5 * 1024 * 1024);
    assert_true(sink.progress_calls >= size / (1024 * 1024));
    assert_true(sink.progress_calls <= size / (1024 * 1024) + 2);
    assert_int_equal(sink.entries[SINK_KEPT - 1].line, SINK_KEPT + 2);
    assert_string_equal(sink.entries[SINK_KEPT - 1].entry_id, "camt:B63");
    assert_int_equal(sink.entries[SINK_KEPT - 1].amount_minor, 6463);
}

/* info may be NULL; options->format and options->currency are ignored. */
static void test_info_optional(void **state)
{
    (void)state;
    sink_reset();
    const char *text = camt054("04", NTRY_HEAD("1") NTRY_END);
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    struct vinn_bank_read_options options = {.format = VINN_BANK_OCR, .currency = "SEK"};
    struct vinn_error error;
    vinn_error_clear(&error);
    assert_int_equal(vinn_camt_read(fp, &options, sink_add, &sink, NULL, &error), VINN_OK);
    fclose(fp);
    assert_int_equal(sink.count, 1);
    assert_string_equal(sink.entries[0].currency, "NOK");
}

/* The error names "input" without a file name. */
static void test_default_name(void **state)
{
    (void)state;
    const char *text = "<Document/>";
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    struct vinn_bank_read_options options = {.name = NULL};
    struct vinn_error error;
    vinn_error_clear(&error);
    assert_int_equal(vinn_camt_read(fp, &options, sink_add, &sink, NULL, &error),
                     VINN_E_BANK_FORMAT_UNKNOWN);
    fclose(fp);
    assert_int_equal(strncmp(error.message, "input line 1: ", 14), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_samples_all_listed),
        cmocka_unit_test(test_sample_camt053_v8_fixed),
        cmocka_unit_test(test_callback_error_stops),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_no_entries),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_v02_amount_details),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_batch_mixed),
        cmocka_unit_test(test_reference_only_in_ustrd),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_cut_at_a_space),
        cmocka_unit_test(test_latin1_file),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_status_and_debits),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_digest_ids),
        cmocka_unit_test(test_long_bank_refs),
        cmocka_unit_test(test_large_file_and_progress),
        cmocka_unit_test(test_info_optional),
        cmocka_unit_test(test_default_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
