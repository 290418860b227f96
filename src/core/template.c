/* template.c - the placeholder renderer and the built-in customer texts.
 *
 * The renderer walks the text once, left to right, and stops at the first
 * error it meets, so the first error in the text wins. Values are copied
 * (escaped for HTML) and never scanned again. The texts are static tables:
 * per kind, a [language][tone] array of subject, body and SMS. */
#include "core/template.h"

#include <stdbool.h>
#include <string.h>

#include "base/assert.h"

#include "core/banned.h"

/* The placeholders vinn knows, as listed in template.h. */
static const char *const known_names[] = {
    "customer_name", "tenant_name", "invoice_number", "amount",   "due_date", "deadline",
    "reference",     "account",     "fees",           "interest", "total",    "link",
};

/* Where rendered bytes go: out[0..len) is written, and one byte always stays
 * free for the NUL. */
struct sink {
    char *out;
    size_t cap;
    size_t len;
    bool html;
};

static bool sink_put(struct sink *sink, const char *bytes, size_t count)
{
    if (count >= sink->cap - sink->len) {
        return false;
    }
    memcpy(sink->out + sink->len, bytes, count);
    sink->len += count;
    return true;
}

static const char *html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

/* Copy a value, escaping it when the sink is HTML; false when it does not fit. */
static bool sink_value(struct sink *sink, const char *value)
{
    if (!sink->html) {
        return sink_put(sink, value, strlen(value));
    }
    for (const char *p = value; *p != '\0'; p++) {
        const char *entity = html_entity(*p);
        bool fits = entity != NULL ? sink_put(sink, entity, strlen(entity)) : sink_put(sink, p, 1);
        if (!fits) {
            return false;
        }
    }
    return true;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_known(const char *name, size_t name_len)
{
    for (size_t i = 0; i < sizeof(known_names) / sizeof(known_names[0]); i++) {
        if (strlen(known_names[i]) == name_len && memcmp(known_names[i], name, name_len) == 0) {
            return true;
        }
    }
    return false;
}

/* The value of the first pair named name; NULL when there is none or it is NULL. */
static const char *find_value(const char *name, size_t name_len,
                              const struct vinn_template_value *values, size_t values_count)
{
    for (size_t i = 0; i < values_count; i++) {
        VINN_ASSERT(values[i].name != NULL);
        if (strlen(values[i].name) == name_len && memcmp(values[i].name, name, name_len) == 0) {
            return values[i].value;
        }
    }
    return NULL;
}

/* Fail naming at most VINN_TEMPLATE_NAME_MAX bytes of what the placeholder holds. */
static vinn_err fail_name(struct vinn_error *error, vinn_err code, const char *name,
                          size_t name_len, const char *what)
{
    char field[VINN_TEMPLATE_NAME_MAX + 1];
    size_t n = name_len < VINN_TEMPLATE_NAME_MAX ? name_len : VINN_TEMPLATE_NAME_MAX;
    memcpy(field, name, n);
    field[n] = '\0';
    return vinn_fail(error, code, field, "placeholder '%s' %s", field, what);
}

/* A "{{" that is not followed by a name and "}}": invalid when a "}}" comes
 * later (what lies between is quoted), unterminated when none does. */
static vinn_err fail_open(const char *inner, struct vinn_error *error)
{
    const char *close = strstr(inner, "}}");
    if (close == NULL) {
        return fail_name(error, VINN_E_TEMPLATE_UNTERMINATED, inner, strlen(inner),
                         "has a '{{' without its '}}'");
    }
    return fail_name(error, VINN_E_TEMPLATE_PLACEHOLDER_INVALID, inner, (size_t)(close - inner),
                     "is not a name of a-z and _");
}

/* Render the placeholder whose name starts at name; *end is set past its "}}". */
static vinn_err render_placeholder(struct sink *sink, const char *name,
                                   const struct vinn_template_value *values, size_t values_count,
                                   const char **end, struct vinn_error *error)
{
    size_t name_len = 0;
    while (is_name_char(name[name_len])) {
        name_len++;
    }
    if (name_len == 0 || name[name_len] != '}' || name[name_len + 1] != '}') {
        return fail_open(name, error);
    }
    *end = name + name_len + 2;
    if (name_len > VINN_TEMPLATE_NAME_MAX || !is_known(name, name_len)) {
        return fail_name(error, VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN, name, name_len, "is unknown");
    }
    const char *value = find_value(name, name_len, values, values_count);
    if (value == NULL) {
        return fail_name(error, VINN_E_TEMPLATE_VALUE_MISSING, name, name_len, "has no value");
    }
    if (!sink_value(sink, value)) {
        return fail_name(error, VINN_E_TEMPLATE_OUTPUT_TOO_LONG, name, name_len,
                         "does not fit the output");
    }
    return VINN_OK;
}

static vinn_err render(const char *text, const struct vinn_template_value *values,
                       size_t values_count, struct sink *sink, struct vinn_error *error)
{
    const char *p = text;
    while (*p != '\0') {
        const char *open = strstr(p, "{{");
        size_t plain = open != NULL ? (size_t)(open - p) : strlen(p);
        if (!sink_put(sink, p, plain)) {
            return vinn_fail(error, VINN_E_TEMPLATE_OUTPUT_TOO_LONG, "template",
                             "rendered 'template' does not fit in %zu bytes", sink->cap);
        }
        if (open == NULL) {
            break;
        }
        vinn_err err = render_placeholder(sink, open + 2, values, values_count, &p, error);
        if (err != VINN_OK) {
            return err;
        }
    }
    sink->out[sink->len] = '\0';
    return VINN_OK;
}

static vinn_err render_into(bool html, const char *text, const struct vinn_template_value *values,
                            size_t values_count, char *out, size_t cap, struct vinn_error *error)
{
    VINN_ASSERT(text != NULL);
    VINN_ASSERT(out != NULL);
    VINN_ASSERT(cap >= 1);
    VINN_ASSERT(values_count <= VINN_TEMPLATE_VALUES_MAX);
    VINN_ASSERT(values != NULL || values_count == 0);
    struct sink sink = {.out = out, .cap = cap, .len = 0, .html = html};
    vinn_err err = render(text, values, values_count, &sink, error);
    if (err != VINN_OK) {
        out[0] = '\0';
    }
    return err;
}

vinn_err vinn_template_render(const char *text, const struct vinn_template_value *values,
                              size_t values_count, char *out, size_t cap, struct vinn_error *error)
{
    return render_into(false, text, values, values_count, out, cap, error);
}

vinn_err vinn_template_render_html(const char *text, const struct vinn_template_value *values,
                                   size_t values_count, char *out, size_t cap,
                                   struct vinn_error *error)
{
    return render_into(true, text, values, values_count, out, cap, error);
}

/*
 * The built-in texts. Each kind is a [language][tone] table of {subject,
 * body, sms}. The blocks below are shared by the tones of one language, so a
 * fact or a payment step reads the same in every letter. The references are
 * named as customers know them: KID (nb), OCR-nummer (sv), viitenumero (fi),
 * reference (en, da). SMS texts use only the GSM 7-bit basic alphabet.
 */
enum { TONE_COUNT = 3 };

#define EN_INVOICE_FACTS                                                                           \
    "Invoice number: {{invoice_number}}\nAmount: {{amount}}\nDue date: {{due_date}}\n"
#define EN_REMINDER_FACTS                                                                          \
    "Invoice number: {{invoice_number}}\nInvoice amount: {{amount}} (due {{due_date}})\n"          \
    "Fees: {{fees}}\nLate-payment interest: {{interest}}\nTo pay now: {{total}}\n"                 \
    "Pay by: {{deadline}}\n"
#define EN_PAY(what)                                                                               \
    "How to pay:\n1. Log in to your online bank.\n2. Pay " what " to account {{account}}.\n"       \
    "3. Use the reference {{reference}} so we can match your payment.\n"
#define EN_OBJECT                                                                                  \
    "If you think this claim is wrong, tell us by {{deadline}} and explain why. We will not "      \
    "send the claim to collection while we look into your objection.\n"
#define EN_PLAN_STEPS                                                                              \
    "How it works:\n1. Open {{link}}.\n2. Check the instalments and their due dates.\n"            \
    "3. Pay each instalment by its due date.\n"
#define EN_CHECKOUT_STEPS                                                                          \
    "How to pay:\n1. Open {{link}}.\n2. Choose how you want to pay.\n"                             \
    "3. Confirm the payment of {{amount}}.\n"
#define EN_SIGN "Kind regards\n{{tenant_name}}\n"

#define NB_INVOICE_FACTS                                                                           \
    "Fakturanummer: {{invoice_number}}\nBeløp: {{amount}}\nForfallsdato: {{due_date}}\n"
#define NB_REMINDER_FACTS                                                                          \
    "Fakturanummer: {{invoice_number}}\nFakturabeløp: {{amount}} (forfalt {{due_date}})\n"        \
    "Gebyrer: {{fees}}\nForsinkelsesrente: {{interest}}\nÅ betale nå: {{total}}\n"               \
    "Betalingsfrist: {{deadline}}\n"
#define NB_PAY(what)                                                                               \
    "Slik betaler du:\n1. Logg inn i nettbanken din.\n2. Betal " what                              \
    " til kontonummer {{account}}.\n3. Bruk KID {{reference}}, så blir betalingen "               \
    "registrert riktig.\n"
#define NB_OBJECT                                                                                  \
    "Mener du at kravet er feil, må du si fra til oss innen {{deadline}} og forklare hvorfor. "   \
    "Vi sender ikke kravet til inkasso mens vi undersøker innsigelsen din.\n"
#define NB_PLAN_STEPS                                                                              \
    "Slik fungerer det:\n1. Åpne {{link}}.\n2. Se over avdragene og forfallsdatoene.\n"           \
    "3. Betal hvert avdrag innen forfallsdatoen.\n"
#define NB_CHECKOUT_STEPS                                                                          \
    "Slik betaler du:\n1. Åpne {{link}}.\n2. Velg hvordan du vil betale.\n"                       \
    "3. Bekreft betalingen på {{amount}}.\n"
#define NB_SIGN "Vennlig hilsen\n{{tenant_name}}\n"

#define SV_INVOICE_FACTS                                                                           \
    "Fakturanummer: {{invoice_number}}\nBelopp: {{amount}}\nFörfallodag: {{due_date}}\n"
#define SV_REMINDER_FACTS                                                                          \
    "Fakturanummer: {{invoice_number}}\nFakturabelopp: {{amount}} (förföll {{due_date}})\n"      \
    "Avgifter: {{fees}}\nDröjsmålsränta: {{interest}}\nAtt betala nu: {{total}}\n"              \
    "Sista betalningsdag: {{deadline}}\n"
#define SV_PAY(what)                                                                               \
    "Så här betalar du:\n1. Logga in i din internetbank.\n2. Betala " what                         \
    " till konto {{account}}.\n3. Ange OCR-nummer {{reference}} så att vi hittar din "            \
    "betalning.\n"
#define SV_OBJECT                                                                                  \
    "Om du anser att kravet är felaktigt ska du meddela oss senast {{deadline}} och förklara "   \
    "varför. Vi lämnar inte ärendet till inkasso medan vi utreder din invändning.\n"
#define SV_PLAN_STEPS                                                                              \
    "Så fungerar det:\n1. Öppna {{link}}.\n2. Se över delbetalningarna och deras "              \
    "förfallodagar.\n3. Betala varje delbetalning senast på dess förfallodag.\n"
#define SV_CHECKOUT_STEPS                                                                          \
    "Så här betalar du:\n1. Öppna {{link}}.\n2. Välj hur du vill betala.\n"                    \
    "3. Bekräfta betalningen på {{amount}}.\n"
#define SV_SIGN "Vänliga hälsningar\n{{tenant_name}}\n"

#define FI_INVOICE_FACTS                                                                           \
    "Laskun numero: {{invoice_number}}\nSumma: {{amount}}\nEräpäivä: {{due_date}}\n"
#define FI_REMINDER_FACTS                                                                          \
    "Laskun numero: {{invoice_number}}\nLaskun summa: {{amount}} (eräpäivä {{due_date}})\n"     \
    "Kulut: {{fees}}\nViivästyskorko: {{interest}}\nMaksettava nyt: {{total}}\n"                  \
    "Viimeinen maksupäivä: {{deadline}}\n"
#define FI_PAY(what)                                                                               \
    "Näin maksat:\n1. Kirjaudu verkkopankkiin.\n2. Maksa " what " tilille {{account}}.\n"          \
    "3. Käytä viitenumeroa {{reference}}, jotta maksu kohdistuu oikein.\n"
#define FI_OBJECT                                                                                  \
    "Jos katsot, että vaatimus on aiheeton, ilmoita siitä meille perusteluineen viimeistään "  \
    "{{deadline}}. Emme siirrä saatavaa perintään sinä aikana, kun selvitämme asiaa.\n"
#define FI_PLAN_STEPS                                                                              \
    "Näin se toimii:\n1. Avaa {{link}}.\n2. Tarkista erät ja niiden eräpäivät.\n"             \
    "3. Maksa jokainen erä viimeistään sen eräpäivänä.\n"
#define FI_CHECKOUT_STEPS                                                                          \
    "Näin maksat:\n1. Avaa {{link}}.\n2. Valitse maksutapa.\n3. Vahvista maksu ({{amount}}).\n"
#define FI_SIGN "Ystävällisin terveisin\n{{tenant_name}}\n"

#define DA_INVOICE_FACTS                                                                           \
    "Fakturanummer: {{invoice_number}}\nBeløb: {{amount}}\nForfaldsdato: {{due_date}}\n"
#define DA_REMINDER_FACTS                                                                          \
    "Fakturanummer: {{invoice_number}}\nFakturabeløb: {{amount}} (forfaldt {{due_date}})\n"       \
    "Gebyrer: {{fees}}\nMorarenter: {{interest}}\nSamlet beløb til betaling: {{total}}\n"         \
    "Betalingsfrist: {{deadline}}\n"
#define DA_PAY(what)                                                                               \
    "Sådan betaler du:\n1. Log på din netbank.\n2. Betal " what " til konto {{account}}.\n"        \
    "3. Angiv referencen {{reference}}, så vi kan finde din betaling.\n"
#define DA_OBJECT                                                                                  \
    "Hvis du mener, at kravet er forkert, skal du give os besked senest {{deadline}} og "          \
    "forklare hvorfor. Vi sender ikke sagen til inkasso, mens vi undersøger din indsigelse.\n"
#define DA_PLAN_STEPS                                                                              \
    "Sådan fungerer det:\n1. Åbn {{link}}.\n2. Se afdragene og deres forfaldsdatoer.\n"          \
    "3. Betal hvert afdrag senest på forfaldsdatoen.\n"
#define DA_CHECKOUT_STEPS                                                                          \
    "Sådan betaler du:\n1. Åbn {{link}}.\n2. Vælg, hvordan du vil betale.\n"                    \
    "3. Bekræft betalingen på {{amount}}.\n"
#define DA_SIGN "Med venlig hilsen\n{{tenant_name}}\n"

/* The body of an invoice-like letter: an opening, the facts, how to pay. */
#define INVOICE_BODY(L, opening, closing)                                                          \
    opening "\n\n" L##_INVOICE_FACTS "\n" L##_PAY("{{amount}}") "\n" closing L##_SIGN
/* A reminder: an opening, the facts with fees and interest, how to pay. */
#define REMINDER_BODY(L, opening, closing)                                                         \
    opening "\n\n" L##_REMINDER_FACTS "\n" L##_PAY("{{total}}") "\n" closing L##_SIGN
/* A notice: as a reminder, then the consequence and how to object. */
#define NOTICE_BODY(L, opening, consequence)                                                       \
    REMINDER_BODY(L, opening, consequence "\n\n" L##_OBJECT "\n")
#define PLAN_BODY(L, opening, closing) opening "\n\n" L##_PLAN_STEPS "\n" closing L##_SIGN
#define CHECKOUT_BODY(L, opening)      opening "\n\n" L##_CHECKOUT_STEPS "\n" L##_SIGN
#define RECEIPT_BODY(L, opening)       opening "\n\n" L##_SIGN

static const struct vinn_template invoice_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Your invoice {{invoice_number}} from {{tenant_name}}",
             INVOICE_BODY(
                 EN,
                 "Hi {{customer_name}},\n\nThank you for choosing {{tenant_name}}! Here is your "
                 "invoice.",
                 "If anything looks wrong, just get in touch and we will sort it out.\n\n"),
             "{{tenant_name}}: Thanks! Invoice {{invoice_number}}, {{amount}}, due {{due_date}}. "
             "Account {{account}}, ref {{reference}}"},
            {"Invoice {{invoice_number}} from {{tenant_name}}",
             INVOICE_BODY(EN,
                          "Dear {{customer_name}},\n\nPlease find the details of your invoice from "
                          "{{tenant_name}} below.",
                          ""),
             "{{tenant_name}}: Invoice {{invoice_number}}, {{amount}}, due {{due_date}}. Account "
             "{{account}}, ref {{reference}}."},
            {"Invoice {{invoice_number}}: payment due {{due_date}}",
             INVOICE_BODY(
                 EN,
                 "Dear {{customer_name}},\n\nInvoice {{invoice_number}} from {{tenant_name}} must "
                 "be paid in full by {{due_date}}. "
                 "Late payment adds late-payment interest and any reminder fees the law allows.",
                 ""),
             "{{tenant_name}}: Pay invoice {{invoice_number}}, {{amount}}, by {{due_date}} to "
             "account {{account}}, ref {{reference}}."},
        },
    [VINN_LANG_NB] =
        {
            {"Faktura {{invoice_number}} fra {{tenant_name}}",
             INVOICE_BODY(NB,
                          "Hei {{customer_name}},\n\nTusen takk for at du valgte {{tenant_name}}! "
                          "Her er fakturaen din.",
                          "Ser noe feil ut, er det bare å ta kontakt, så ordner vi det.\n\n"),
             "{{tenant_name}}: Takk! Faktura {{invoice_number}}, {{amount}}, forfaller "
             "{{due_date}}. Konto {{account}}, KID {{reference}}"},
            {"Faktura {{invoice_number}} med forfall {{due_date}}",
             INVOICE_BODY(NB,
                          "Hei {{customer_name}},\n\nHer er fakturaen din fra {{tenant_name}}. "
                          "Detaljene står nedenfor.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}}, {{amount}}, forfaller {{due_date}}. "
             "Konto {{account}}, KID {{reference}}."},
            {"Faktura {{invoice_number}}: betales innen {{due_date}}",
             INVOICE_BODY(NB,
                          "Hei {{customer_name}},\n\nFaktura {{invoice_number}} fra "
                          "{{tenant_name}} må være betalt innen {{due_date}}. "
                          "Ved for sen betaling beregner vi forsinkelsesrente, og vi kan kreve "
                          "purregebyr etter reglene i loven.",
                          ""),
             "{{tenant_name}}: Betal faktura {{invoice_number}}, {{amount}}, innen {{due_date}} "
             "til konto {{account}}, KID {{reference}}."},
        },
    [VINN_LANG_SV] =
        {
            {"Din faktura {{invoice_number}} från {{tenant_name}}",
             INVOICE_BODY(SV,
                          "Hej {{customer_name}},\n\nTack för att du valde {{tenant_name}}! Här "
                          "kommer din faktura.",
                          "Om något ser fel ut är det bara att höra av dig, så löser vi det.\n\n"),
             "{{tenant_name}}: Tack! Faktura {{invoice_number}}, {{amount}}, förfaller "
             "{{due_date}}. Konto {{account}}, OCR {{reference}}"},
            {"Faktura {{invoice_number}} från {{tenant_name}}",
             INVOICE_BODY(SV,
                          "Hej {{customer_name}},\n\nHär är din faktura från {{tenant_name}}. "
                          "Uppgifterna finns nedan.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}}, {{amount}}, förfaller {{due_date}}. "
             "Konto {{account}}, OCR {{reference}}."},
            {"Faktura {{invoice_number}}: ska betalas senast {{due_date}}",
             INVOICE_BODY(SV,
                          "Hej {{customer_name}},\n\nFaktura {{invoice_number}} från "
                          "{{tenant_name}} ska vara betald senast {{due_date}}. "
                          "Vid sen betalning tillkommer dröjsmålsränta och eventuella avgifter.",
                          ""),
             "{{tenant_name}}: Betala faktura {{invoice_number}}, {{amount}}, senast {{due_date}} "
             "till konto {{account}}, OCR {{reference}}."},
        },
    [VINN_LANG_FI] =
        {
            {"Laskusi {{invoice_number}} yritykseltä {{tenant_name}}",
             INVOICE_BODY(FI,
                          "Hei {{customer_name}},\n\nKiitos, että valitsit meidät! Tässä on "
                          "laskusi yritykseltä {{tenant_name}}.",
                          "Jos jokin näyttää olevan pielessä, ota rohkeasti yhteyttä, niin "
                          "korjaamme asian.\n\n"),
             "{{tenant_name}}: Kiitos! Lasku {{invoice_number}}, {{amount}}, eräpäivä "
             "{{due_date}}. Tili {{account}}, viite {{reference}}"},
            {"Lasku {{invoice_number}} yritykseltä {{tenant_name}}",
             INVOICE_BODY(FI,
                          "Hei {{customer_name}},\n\n{{tenant_name}} lähettää sinulle laskun. "
                          "Tiedot ovat alla.",
                          ""),
             "{{tenant_name}}: Lasku {{invoice_number}}, {{amount}}, eräpäivä {{due_date}}. Tili "
             "{{account}}, viite {{reference}}."},
            {"Lasku {{invoice_number}}: maksettava viimeistään {{due_date}}",
             INVOICE_BODY(
                 FI,
                 "Hei {{customer_name}},\n\nYrityksen {{tenant_name}} lasku {{invoice_number}} on "
                 "maksettava viimeistään {{due_date}}. "
                 "Myöhästyneestä maksusta peritään viivästyskorkoa ja mahdolliset muistutusmaksut.",
                 ""),
             "{{tenant_name}}: Maksa lasku {{invoice_number}}, {{amount}}, viimeistään "
             "{{due_date}} tilille {{account}}, viite {{reference}}."},
        },
    [VINN_LANG_DA] =
        {
            {"Din faktura {{invoice_number}} fra {{tenant_name}}",
             INVOICE_BODY(
                 DA,
                 "Hej {{customer_name}}\n\nTak fordi du valgte {{tenant_name}}! Her er din "
                 "faktura.",
                 "Hvis noget ser forkert ud, så kontakt os endelig, så finder vi ud af det.\n\n"),
             "{{tenant_name}}: Tak! Faktura {{invoice_number}}, {{amount}}, forfalder "
             "{{due_date}}. Konto {{account}}, ref. {{reference}}"},
            {"Faktura {{invoice_number}} fra {{tenant_name}}",
             INVOICE_BODY(DA,
                          "Kære {{customer_name}}\n\nHer er din faktura fra {{tenant_name}}. "
                          "Oplysningerne står nedenfor.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}}, {{amount}}, forfalder {{due_date}}. "
             "Konto {{account}}, ref. {{reference}}."},
            {"Faktura {{invoice_number}}: skal betales senest {{due_date}}",
             INVOICE_BODY(
                 DA,
                 "Kære {{customer_name}}\n\nFaktura {{invoice_number}} fra {{tenant_name}} skal "
                 "være betalt senest {{due_date}}. "
                 "Ved for sen betaling beregner vi morarenter og rykkergebyr efter renteloven.",
                 ""),
             "{{tenant_name}}: Betal faktura {{invoice_number}}, {{amount}}, senest {{due_date}} "
             "til konto {{account}}, ref. {{reference}}."},
        },
};

static const struct vinn_template pre_due_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"A friendly heads-up: invoice {{invoice_number}} is due {{due_date}}",
             INVOICE_BODY(EN,
                          "Hi {{customer_name}},\n\nJust a quick heads-up that invoice "
                          "{{invoice_number}} from {{tenant_name}} falls due on {{due_date}}. "
                          "If you have already paid, thank you, and please ignore this message.",
                          "Thank you!\n\n"),
             "{{tenant_name}}: Heads-up, invoice {{invoice_number}} ({{amount}}) is due "
             "{{due_date}}. Account {{account}}, ref {{reference}}"},
            {"Invoice {{invoice_number}} is due on {{due_date}}",
             INVOICE_BODY(EN,
                          "Dear {{customer_name}},\n\nThis is a reminder that invoice "
                          "{{invoice_number}} from {{tenant_name}} is due on {{due_date}}.",
                          ""),
             "{{tenant_name}}: Invoice {{invoice_number}} ({{amount}}) is due {{due_date}}. "
             "Account {{account}}, ref {{reference}}."},
            {"Invoice {{invoice_number}} must be paid by {{due_date}}",
             INVOICE_BODY(EN,
                          "Dear {{customer_name}},\n\nInvoice {{invoice_number}} from "
                          "{{tenant_name}} falls due on {{due_date}}. "
                          "Please make sure it is paid on time: late payment adds late-payment "
                          "interest and reminder fees.",
                          ""),
             "{{tenant_name}}: Invoice {{invoice_number}} ({{amount}}) must be paid by "
             "{{due_date}}. Account {{account}}, ref {{reference}}."},
        },
    [VINN_LANG_NB] =
        {
            {"Vennlig påminnelse: faktura {{invoice_number}} forfaller {{due_date}}",
             INVOICE_BODY(
                 NB,
                 "Hei {{customer_name}},\n\nBare en liten påminnelse om at faktura "
                 "{{invoice_number}} fra {{tenant_name}} forfaller {{due_date}}. "
                 "Har du allerede betalt, takk skal du ha, og se bort fra denne meldingen.",
                 "Tusen takk!\n\n"),
             "{{tenant_name}}: Liten påminnelse: faktura {{invoice_number}} ({{amount}}) forfaller "
             "{{due_date}}. Konto {{account}}, KID {{reference}}"},
            {"Faktura {{invoice_number}} forfaller {{due_date}}",
             INVOICE_BODY(NB,
                          "Hei {{customer_name}},\n\nVi minner om at faktura {{invoice_number}} "
                          "fra {{tenant_name}} forfaller {{due_date}}.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) forfaller {{due_date}}. "
             "Konto {{account}}, KID {{reference}}."},
            {"Faktura {{invoice_number}} må betales innen {{due_date}}",
             INVOICE_BODY(NB,
                          "Hei {{customer_name}},\n\nFaktura {{invoice_number}} fra "
                          "{{tenant_name}} forfaller {{due_date}}. "
                          "Sørg for å betale i tide: ved for sen betaling påløper "
                          "forsinkelsesrente og purregebyr.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) må betales innen "
             "{{due_date}}. Konto {{account}}, KID {{reference}}."},
        },
    [VINN_LANG_SV] =
        {
            {"En vänlig påminnelse: faktura {{invoice_number}} förfaller {{due_date}}",
             INVOICE_BODY(
                 SV,
                 "Hej {{customer_name}},\n\nBara en liten påminnelse om att faktura "
                 "{{invoice_number}} från {{tenant_name}} förfaller {{due_date}}. "
                 "Om du redan har betalat, tack så mycket, och bortse från det här meddelandet.",
                 "Tack på förhand!\n\n"),
             "{{tenant_name}}: Liten påminnelse: faktura {{invoice_number}} ({{amount}}) förfaller "
             "{{due_date}}. Konto {{account}}, OCR {{reference}}"},
            {"Faktura {{invoice_number}} förfaller {{due_date}}",
             INVOICE_BODY(SV,
                          "Hej {{customer_name}},\n\nVi vill påminna om att faktura "
                          "{{invoice_number}} från {{tenant_name}} förfaller {{due_date}}.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) förfaller {{due_date}}. "
             "Konto {{account}}, OCR {{reference}}."},
            {"Faktura {{invoice_number}} ska betalas senast {{due_date}}",
             INVOICE_BODY(SV,
                          "Hej {{customer_name}},\n\nFaktura {{invoice_number}} från "
                          "{{tenant_name}} förfaller {{due_date}}. "
                          "Se till att betala i tid: vid sen betalning tillkommer dröjsmålsränta "
                          "och avgifter.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) ska betalas senast "
             "{{due_date}}. Konto {{account}}, OCR {{reference}}."},
        },
    [VINN_LANG_FI] =
        {
            {"Ystävällinen muistutus: lasku {{invoice_number}} erääntyy {{due_date}}",
             INVOICE_BODY(FI,
                          "Hei {{customer_name}},\n\nMuistutamme ystävällisesti, että yrityksen "
                          "{{tenant_name}} lasku {{invoice_number}} erääntyy {{due_date}}. "
                          "Jos olet jo maksanut, kiitos, ja voit jättää tämän viestin huomiotta.",
                          "Kiitos!\n\n"),
             "{{tenant_name}}: Pieni muistutus: lasku {{invoice_number}} ({{amount}}) erääntyy "
             "{{due_date}}. Tili {{account}}, viite {{reference}}"},
            {"Lasku {{invoice_number}} erääntyy {{due_date}}",
             INVOICE_BODY(FI,
                          "Hei {{customer_name}},\n\nMuistutamme, että yrityksen {{tenant_name}} "
                          "lasku {{invoice_number}} erääntyy {{due_date}}.",
                          ""),
             "{{tenant_name}}: Lasku {{invoice_number}} ({{amount}}) erääntyy {{due_date}}. Tili "
             "{{account}}, viite {{reference}}."},
            {"Lasku {{invoice_number}} on maksettava viimeistään {{due_date}}",
             INVOICE_BODY(FI,
                          "Hei {{customer_name}},\n\nYrityksen {{tenant_name}} lasku "
                          "{{invoice_number}} erääntyy {{due_date}}. "
                          "Huolehdithan, että maksu on perillä ajallaan: myöhästyneestä maksusta "
                          "peritään viivästyskorkoa ja muistutusmaksu.",
                          ""),
             "{{tenant_name}}: Lasku {{invoice_number}} ({{amount}}) on maksettava viimeistään "
             "{{due_date}}. Tili {{account}}, viite {{reference}}."},
        },
    [VINN_LANG_DA] =
        {
            {"En venlig påmindelse: faktura {{invoice_number}} forfalder {{due_date}}",
             INVOICE_BODY(DA,
                          "Hej {{customer_name}}\n\nBare en lille påmindelse om, at faktura "
                          "{{invoice_number}} fra {{tenant_name}} forfalder {{due_date}}. "
                          "Har du allerede betalt, så tak, og se bort fra denne besked.",
                          "På forhånd tak!\n\n"),
             "{{tenant_name}}: Lille påmindelse: faktura {{invoice_number}} ({{amount}}) forfalder "
             "{{due_date}}. Konto {{account}}, ref. {{reference}}"},
            {"Faktura {{invoice_number}} forfalder {{due_date}}",
             INVOICE_BODY(DA,
                          "Kære {{customer_name}}\n\nVi minder om, at faktura {{invoice_number}} "
                          "fra {{tenant_name}} forfalder {{due_date}}.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) forfalder {{due_date}}. "
             "Konto {{account}}, ref. {{reference}}."},
            {"Faktura {{invoice_number}} skal betales senest {{due_date}}",
             INVOICE_BODY(DA,
                          "Kære {{customer_name}}\n\nFaktura {{invoice_number}} fra "
                          "{{tenant_name}} forfalder {{due_date}}. "
                          "Sørg for at betale til tiden: ved for sen betaling kommer der "
                          "morarenter og rykkergebyr.",
                          ""),
             "{{tenant_name}}: Faktura {{invoice_number}} ({{amount}}) skal betales senest "
             "{{due_date}}. Konto {{account}}, ref. {{reference}}."},
        },
};

static const struct vinn_template reminder_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Did invoice {{invoice_number}} slip through?",
             REMINDER_BODY(
                 EN,
                 "Hi {{customer_name}},\n\nWe have not yet received payment for invoice "
                 "{{invoice_number}} from {{tenant_name}}, which was due on {{due_date}}. "
                 "It may simply have slipped through the cracks, so here is a friendly reminder.",
                 "If you have paid in the last few days, thank you, and please ignore this "
                 "reminder.\n\n"),
             "{{tenant_name}}: A friendly reminder, invoice {{invoice_number}} is unpaid. Please "
             "pay {{total}} by {{deadline}}, ref {{reference}}"},
            {"Payment reminder: invoice {{invoice_number}}",
             REMINDER_BODY(
                 EN,
                 "Dear {{customer_name}},\n\nAccording to our records, invoice {{invoice_number}} "
                 "from {{tenant_name}}, due on {{due_date}}, has not been paid. "
                 "Please pay the total below by {{deadline}}.",
                 ""),
             "{{tenant_name}}: Reminder, invoice {{invoice_number}} is overdue. Pay {{total}} by "
             "{{deadline}}, ref {{reference}}."},
            {"Overdue: invoice {{invoice_number}}, pay by {{deadline}}",
             REMINDER_BODY(EN,
                           "Dear {{customer_name}},\n\nInvoice {{invoice_number}} from "
                           "{{tenant_name}} was due on {{due_date}} and is still unpaid. "
                           "You must pay the total below by {{deadline}}. If you do not, we will "
                           "send a debt collection notice, "
                           "and late-payment interest will keep running.",
                           ""),
             "{{tenant_name}}: Invoice {{invoice_number}} is overdue. Pay {{total}} by "
             "{{deadline}}, ref {{reference}}, to avoid more costs."},
        },
    [VINN_LANG_NB] =
        {
            {"Har faktura {{invoice_number}} blitt glemt?",
             REMINDER_BODY(
                 NB,
                 "Hei {{customer_name}},\n\nVi har ikke mottatt betaling for faktura "
                 "{{invoice_number}} fra {{tenant_name}}, som forfalt {{due_date}}. "
                 "Det kan fort skje at en faktura blir liggende, så dette er en vennlig purring.",
                 "Har du betalt de siste dagene, takk skal du ha, og se bort fra denne "
                 "purringen.\n\n"),
             "{{tenant_name}}: Vennlig påminnelse, faktura {{invoice_number}} er ubetalt. Betal "
             "{{total}} innen {{deadline}}, KID {{reference}}"},
            {"Purring: faktura {{invoice_number}}",
             REMINDER_BODY(
                 NB,
                 "Hei {{customer_name}},\n\nVi kan ikke se å ha mottatt betaling for faktura "
                 "{{invoice_number}} fra {{tenant_name}}, som forfalt {{due_date}}. "
                 "Vi ber deg betale beløpet nedenfor innen {{deadline}}.",
                 ""),
             "{{tenant_name}}: Purring, faktura {{invoice_number}} er forfalt. Betal {{total}} "
             "innen {{deadline}}, KID {{reference}}."},
            {"Purring: faktura {{invoice_number}} må betales innen {{deadline}}",
             REMINDER_BODY(NB,
                           "Hei {{customer_name}},\n\nFaktura {{invoice_number}} fra "
                           "{{tenant_name}} forfalt {{due_date}} og er fortsatt ikke betalt. "
                           "Du må betale beløpet nedenfor innen {{deadline}}. Betaler du ikke, "
                           "sender vi et inkassovarsel, "
                           "og forsinkelsesrenten løper videre.",
                           ""),
             "{{tenant_name}}: Faktura {{invoice_number}} er forfalt. Betal {{total}} innen "
             "{{deadline}}, KID {{reference}}, for å unngå flere kostnader."},
        },
    [VINN_LANG_SV] =
        {
            {"Har faktura {{invoice_number}} kommit bort?",
             REMINDER_BODY(SV,
                           "Hej {{customer_name}},\n\nVi har ännu inte fått betalt för faktura "
                           "{{invoice_number}} från {{tenant_name}}, som förföll {{due_date}}. "
                           "Det händer lätt att en faktura blir liggande, så här kommer en vänlig "
                           "påminnelse.",
                           "Om du har betalat de senaste dagarna, tack, och bortse från den här "
                           "påminnelsen.\n\n"),
             "{{tenant_name}}: Vänlig påminnelse, faktura {{invoice_number}} är obetald. Betala "
             "{{total}} senast {{deadline}}, OCR {{reference}}"},
            {"Betalningspåminnelse: faktura {{invoice_number}}",
             REMINDER_BODY(
                 SV,
                 "Hej {{customer_name}},\n\nEnligt våra uppgifter har faktura {{invoice_number}} "
                 "från {{tenant_name}}, som förföll {{due_date}}, inte betalats. "
                 "Vi ber dig betala beloppet nedan senast {{deadline}}.",
                 ""),
             "{{tenant_name}}: Påminnelse, faktura {{invoice_number}} är förfallen. Betala "
             "{{total}} senast {{deadline}}, OCR {{reference}}."},
            {"Förfallen faktura {{invoice_number}}: betala senast {{deadline}}",
             REMINDER_BODY(SV,
                           "Hej {{customer_name}},\n\nFaktura {{invoice_number}} från "
                           "{{tenant_name}} förföll {{due_date}} och är fortfarande obetald. "
                           "Du måste betala beloppet nedan senast {{deadline}}. Annars skickar vi "
                           "ett inkassokrav, "
                           "och dröjsmålsräntan fortsätter att löpa.",
                           ""),
             "{{tenant_name}}: Faktura {{invoice_number}} är förfallen. Betala {{total}} senast "
             "{{deadline}}, OCR {{reference}}, för att slippa fler kostnader."},
        },
    [VINN_LANG_FI] =
        {
            {"Onko lasku {{invoice_number}} jäänyt huomaamatta?",
             REMINDER_BODY(
                 FI,
                 "Hei {{customer_name}},\n\nEmme ole vielä saaneet maksua yrityksen "
                 "{{tenant_name}} laskusta {{invoice_number}}, jonka eräpäivä oli {{due_date}}. "
                 "Lasku on voinut helposti jäädä huomaamatta, joten lähetämme tämän ystävällisen "
                 "muistutuksen.",
                 "Jos olet maksanut laskun viime päivinä, kiitos, ja voit jättää tämän "
                 "muistutuksen huomiotta.\n\n"),
             "{{tenant_name}}: Ystävällinen muistutus, lasku {{invoice_number}} on maksamatta. "
             "Maksa {{total}} viimeistään {{deadline}}, viite {{reference}}"},
            {"Maksumuistutus: lasku {{invoice_number}}",
             REMINDER_BODY(
                 FI,
                 "Hei {{customer_name}},\n\nKirjanpitomme mukaan yrityksen {{tenant_name}} laskua "
                 "{{invoice_number}}, jonka eräpäivä oli {{due_date}}, ei ole maksettu. "
                 "Pyydämme maksamaan alla olevan summan viimeistään {{deadline}}.",
                 ""),
             "{{tenant_name}}: Maksumuistutus, lasku {{invoice_number}} on erääntynyt. Maksa "
             "{{total}} viimeistään {{deadline}}, viite {{reference}}."},
            {"Erääntynyt lasku {{invoice_number}}: maksa viimeistään {{deadline}}",
             REMINDER_BODY(
                 FI,
                 "Hei {{customer_name}},\n\nYrityksen {{tenant_name}} lasku {{invoice_number}} "
                 "erääntyi {{due_date}}, eikä sitä ole vieläkään maksettu. "
                 "Alla oleva summa on maksettava viimeistään {{deadline}}. Muussa tapauksessa "
                 "lähetämme maksuvaatimuksen, "
                 "ja viivästyskorkoa kertyy edelleen.",
                 ""),
             "{{tenant_name}}: Lasku {{invoice_number}} on erääntynyt. Maksa {{total}} viimeistään "
             "{{deadline}}, viite {{reference}}, välttääksesi lisäkulut."},
        },
    [VINN_LANG_DA] =
        {
            {"Er faktura {{invoice_number}} blevet glemt?",
             REMINDER_BODY(
                 DA,
                 "Hej {{customer_name}}\n\nVi har endnu ikke modtaget betaling for faktura "
                 "{{invoice_number}} fra {{tenant_name}}, som forfaldt {{due_date}}. "
                 "Det sker let, at en faktura bliver glemt, så her er en venlig påmindelse.",
                 "Har du betalt inden for de seneste dage, så tak, og se bort fra denne "
                 "påmindelse.\n\n"),
             "{{tenant_name}}: Venlig påmindelse, faktura {{invoice_number}} er ubetalt. Betal "
             "{{total}} senest {{deadline}}, ref. {{reference}}"},
            {"Rykker: faktura {{invoice_number}}",
             REMINDER_BODY(
                 DA,
                 "Kære {{customer_name}}\n\nVi kan ikke se, at vi har modtaget betaling for "
                 "faktura {{invoice_number}} fra {{tenant_name}}, som forfaldt {{due_date}}. "
                 "Vi beder dig betale beløbet nedenfor senest {{deadline}}.",
                 ""),
             "{{tenant_name}}: Rykker, faktura {{invoice_number}} er forfalden. Betal {{total}} "
             "senest {{deadline}}, ref. {{reference}}."},
            {"Rykker: faktura {{invoice_number}} skal betales senest {{deadline}}",
             REMINDER_BODY(DA,
                           "Kære {{customer_name}}\n\nFaktura {{invoice_number}} fra "
                           "{{tenant_name}} forfaldt {{due_date}} og er stadig ikke betalt. "
                           "Du skal betale beløbet nedenfor senest {{deadline}}. Ellers sender vi "
                           "en ny rykker med gebyr, "
                           "og morarenterne fortsætter med at løbe.",
                           ""),
             "{{tenant_name}}: Faktura {{invoice_number}} er forfalden. Betal {{total}} senest "
             "{{deadline}}, ref. {{reference}}, for at undgå flere udgifter."},
        },
};

static const struct vinn_template notice_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Debt collection notice: invoice {{invoice_number}}",
             NOTICE_BODY(
                 EN,
                 "Dear {{customer_name}},\n\nThis is a debt collection notice. We know things can "
                 "get busy, but invoice {{invoice_number}} from {{tenant_name}}, "
                 "due on {{due_date}}, is still unpaid after our reminder. We would much rather "
                 "settle this with you directly, "
                 "so please pay the total below by {{deadline}}.",
                 "If the total is not paid by {{deadline}}, we will have to pass the claim to debt "
                 "collection, which will add further costs for you."),
             "{{tenant_name}}: Collection notice {{invoice_number}}: please pay {{total}} by "
             "{{deadline}}, ref {{reference}}, or collection costs follow."},
            {"Debt collection notice: invoice {{invoice_number}}",
             NOTICE_BODY(EN,
                         "Dear {{customer_name}},\n\nThis is a debt collection notice for invoice "
                         "{{invoice_number}} from {{tenant_name}}, "
                         "due on {{due_date}}, which remains unpaid.",
                         "If the total is not paid by {{deadline}}, the claim will be sent to debt "
                         "collection, and further costs will be added."),
             "{{tenant_name}}: Collection notice {{invoice_number}}: pay {{total}} by "
             "{{deadline}}, ref {{reference}}, else collection costs follow."},
            {"Debt collection notice: invoice {{invoice_number}}, pay by {{deadline}}",
             NOTICE_BODY(EN,
                         "Dear {{customer_name}},\n\nThis is a debt collection notice. Invoice "
                         "{{invoice_number}} from {{tenant_name}} was due on {{due_date}} "
                         "and is still unpaid despite our reminder. You must pay the total below "
                         "by {{deadline}}.",
                         "If the total is not paid by {{deadline}}, the claim will be sent to debt "
                         "collection without further notice. "
                         "Collection costs will then be added to what you owe."),
             "{{tenant_name}}: Final notice {{invoice_number}}: pay {{total}} by {{deadline}}, ref "
             "{{reference}}, or it goes to collection at extra cost."},
        },
    [VINN_LANG_NB] =
        {
            {"Inkassovarsel: faktura {{invoice_number}}",
             NOTICE_BODY(NB,
                         "Hei {{customer_name}},\n\nDette er et inkassovarsel. Vi vet at hverdagen "
                         "kan være travel, men faktura {{invoice_number}} fra {{tenant_name}}, "
                         "som forfalt {{due_date}}, er fortsatt ikke betalt etter purringen vår. "
                         "Vi vil helst ordne dette direkte med deg, "
                         "så vi ber deg betale beløpet nedenfor innen {{deadline}}.",
                         "Er beløpet ikke betalt innen {{deadline}}, vil inkasso bli satt i verk. "
                         "Da kommer det flere kostnader i tillegg, som du må betale."),
             "{{tenant_name}}: Inkassovarsel {{invoice_number}}. Betal {{total}} innen "
             "{{deadline}}, KID {{reference}}, ellers inkasso med merkostnader."},
            {"Inkassovarsel: faktura {{invoice_number}}",
             NOTICE_BODY(NB,
                         "Hei {{customer_name}},\n\nDette er et inkassovarsel for faktura "
                         "{{invoice_number}} fra {{tenant_name}}, "
                         "som forfalt {{due_date}} og fortsatt ikke er betalt.",
                         "Er beløpet ikke betalt innen {{deadline}}, vil inkasso bli satt i verk, "
                         "og det vil påløpe ytterligere kostnader."),
             "{{tenant_name}}: Inkassovarsel for {{invoice_number}}: betal {{total}} innen "
             "{{deadline}}, KID {{reference}}, ellers inkasso med merkostnader."},
            {"Inkassovarsel: faktura {{invoice_number}} må betales innen {{deadline}}",
             NOTICE_BODY(NB,
                         "Hei {{customer_name}},\n\nDette er et inkassovarsel. Faktura "
                         "{{invoice_number}} fra {{tenant_name}} forfalt {{due_date}} "
                         "og er ikke betalt, selv om vi har sendt purring. Du må betale beløpet "
                         "nedenfor innen {{deadline}}.",
                         "Er beløpet ikke betalt innen {{deadline}}, vil inkasso bli satt i verk "
                         "uten nytt varsel. "
                         "Inkassokostnadene kommer da i tillegg til kravet, og du må betale dem."),
             "{{tenant_name}}: Inkassovarsel {{invoice_number}}: betal {{total}} innen "
             "{{deadline}}, KID {{reference}}, ellers inkasso og merkostnader."},
        },
    [VINN_LANG_SV] =
        {
            {"Inkassokrav: faktura {{invoice_number}}",
             NOTICE_BODY(
                 SV,
                 "Hej {{customer_name}},\n\nDet här är ett inkassokrav. Vi förstår att vardagen "
                 "kan vara hektisk, men faktura {{invoice_number}} från {{tenant_name}}, "
                 "som förföll {{due_date}}, är fortfarande obetald efter vår påminnelse. Vi vill "
                 "helst lösa det här direkt med dig, "
                 "så vi ber dig betala beloppet nedan senast {{deadline}}.",
                 "Om beloppet inte är betalt senast {{deadline}} måste vi lämna ärendet till "
                 "inkasso, vilket medför ytterligare kostnader för dig."),
             "{{tenant_name}}: Inkassokrav {{invoice_number}}. Betala {{total}} senast "
             "{{deadline}}, OCR {{reference}}, annars inkasso med merkostnader."},
            {"Inkassokrav: faktura {{invoice_number}}",
             NOTICE_BODY(SV,
                         "Hej {{customer_name}},\n\nDet här är ett inkassokrav för faktura "
                         "{{invoice_number}} från {{tenant_name}}, "
                         "som förföll {{due_date}} och fortfarande är obetald.",
                         "Om beloppet inte är betalt senast {{deadline}} lämnas ärendet till "
                         "inkasso, och då tillkommer ytterligare kostnader."),
             "{{tenant_name}}: Inkassokrav för {{invoice_number}}: betala {{total}} senast "
             "{{deadline}}, OCR {{reference}}, annars inkasso med merkostnader."},
            {"Inkassokrav: faktura {{invoice_number}} ska betalas senast {{deadline}}",
             NOTICE_BODY(SV,
                         "Hej {{customer_name}},\n\nDet här är ett inkassokrav. Faktura "
                         "{{invoice_number}} från {{tenant_name}} förföll {{due_date}} "
                         "och är obetald trots vår påminnelse. Du måste betala beloppet nedan "
                         "senast {{deadline}}.",
                         "Om beloppet inte är betalt senast {{deadline}} lämnas ärendet till "
                         "inkasso utan ytterligare påminnelse. "
                         "Inkassokostnaderna läggs då till skulden, och ärendet kan gå vidare till "
                         "Kronofogden."),
             "{{tenant_name}}: Inkassokrav {{invoice_number}}: betala {{total}} senast "
             "{{deadline}}, OCR {{reference}}, annars inkasso och merkostnader."},
        },
    [VINN_LANG_FI] =
        {
            {"Maksuvaatimus: lasku {{invoice_number}}",
             NOTICE_BODY(
                 FI,
                 "Hei {{customer_name}},\n\nTämä on maksuvaatimus. Ymmärrämme, että arki voi olla "
                 "kiireistä, mutta yrityksen {{tenant_name}} lasku {{invoice_number}}, "
                 "jonka eräpäivä oli {{due_date}}, on yhä maksamatta muistutuksestamme huolimatta. "
                 "Hoitaisimme asian mieluiten suoraan kanssasi, "
                 "joten pyydämme maksamaan alla olevan summan viimeistään {{deadline}}.",
                 "Jos summaa ei ole maksettu viimeistään {{deadline}}, joudumme siirtämään "
                 "saatavan perintään, mistä aiheutuu sinulle lisäkuluja."),
             "{{tenant_name}}: Maksuvaatimus {{invoice_number}}. Maksa {{total}} viimeistään "
             "{{deadline}}, viite {{reference}}, muuten perintä ja lisäkulut."},
            {"Maksuvaatimus: lasku {{invoice_number}}",
             NOTICE_BODY(FI,
                         "Hei {{customer_name}},\n\nTämä on maksuvaatimus yrityksen "
                         "{{tenant_name}} laskusta {{invoice_number}}, "
                         "jonka eräpäivä oli {{due_date}} ja joka on yhä maksamatta.",
                         "Jos summaa ei ole maksettu viimeistään {{deadline}}, saatava siirretään "
                         "perintään, ja siitä aiheutuu lisäkuluja."),
             "{{tenant_name}}: Maksuvaatimus {{invoice_number}}: maksa {{total}} viimeistään "
             "{{deadline}}, viite {{reference}}, muuten perintään lisäkuluin."},
            {"Maksuvaatimus: lasku {{invoice_number}} on maksettava viimeistään {{deadline}}",
             NOTICE_BODY(FI,
                         "Hei {{customer_name}},\n\nTämä on maksuvaatimus. Yrityksen "
                         "{{tenant_name}} lasku {{invoice_number}} erääntyi {{due_date}}, "
                         "eikä sitä ole maksettu muistutuksesta huolimatta. Alla oleva summa on "
                         "maksettava viimeistään {{deadline}}.",
                         "Jos summaa ei ole maksettu viimeistään {{deadline}}, saatava siirretään "
                         "perintään ilman erillistä ilmoitusta. "
                         "Perintäkulut lisätään tällöin velkaan."),
             "{{tenant_name}}: Maksuvaatimus {{invoice_number}}: maksa {{total}} viimeistään "
             "{{deadline}}, viite {{reference}}, tai perintä lisäkuluin."},
        },
    [VINN_LANG_DA] =
        {
            {"Rykker med inkassovarsel: faktura {{invoice_number}}",
             NOTICE_BODY(DA,
                         "Hej {{customer_name}}\n\nDette er en rykker med inkassovarsel. Vi ved "
                         "godt, at hverdagen kan være travl, men faktura {{invoice_number}} "
                         "fra {{tenant_name}}, som forfaldt {{due_date}}, er stadig ikke betalt "
                         "efter vores rykkere. Vi vil helst ordne det direkte med dig, "
                         "så vi beder dig betale beløbet nedenfor senest {{deadline}}.",
                         "Er beløbet ikke betalt senest {{deadline}}, bliver vi nødt til at sende "
                         "kravet til inkasso, og det medfører yderligere omkostninger for dig."),
             "{{tenant_name}}: Inkassovarsel {{invoice_number}}. Betal {{total}} senest "
             "{{deadline}}, ref. {{reference}}, ellers inkasso med ekstra udgifter."},
            {"Rykker med inkassovarsel: faktura {{invoice_number}}",
             NOTICE_BODY(DA,
                         "Kære {{customer_name}}\n\nDette er en rykker med inkassovarsel for "
                         "faktura {{invoice_number}} fra {{tenant_name}}, "
                         "som forfaldt {{due_date}} og stadig ikke er betalt.",
                         "Er beløbet ikke betalt senest {{deadline}}, sendes kravet til inkasso, "
                         "og der vil komme yderligere omkostninger."),
             "{{tenant_name}}: Inkassovarsel {{invoice_number}}: betal {{total}} senest "
             "{{deadline}}, ref. {{reference}}, ellers inkasso og ekstra udgifter."},
            {"Rykker med inkassovarsel: faktura {{invoice_number}} skal betales senest "
             "{{deadline}}",
             NOTICE_BODY(DA,
                         "Kære {{customer_name}}\n\nDette er en rykker med inkassovarsel. Faktura "
                         "{{invoice_number}} fra {{tenant_name}} forfaldt {{due_date}} "
                         "og er ikke betalt trods vores rykkere. Du skal betale beløbet nedenfor "
                         "senest {{deadline}}.",
                         "Er beløbet ikke betalt senest {{deadline}}, sendes kravet til inkasso "
                         "uden yderligere varsel. "
                         "Inkassoomkostningerne lægges så oven i gælden."),
             "{{tenant_name}}: Inkassovarsel {{invoice_number}}: betal {{total}} senest "
             "{{deadline}}, ref. {{reference}}, ellers inkasso med omkostninger."},
        },
};

static const struct vinn_template receipt_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Thank you for your payment: invoice {{invoice_number}}",
             RECEIPT_BODY(EN, "Hi {{customer_name}},\n\nThank you! We have received your payment "
                              "of {{amount}} for invoice {{invoice_number}}. "
                              "It is a pleasure doing business with you."),
             "{{tenant_name}}: Thank you! We have received {{amount}} for invoice "
             "{{invoice_number}}."},
            {"Payment received: invoice {{invoice_number}}",
             RECEIPT_BODY(EN, "Dear {{customer_name}},\n\nWe confirm that we have received "
                              "{{amount}} for invoice {{invoice_number}}."),
             "{{tenant_name}}: Payment of {{amount}} received for invoice {{invoice_number}}."},
            {"Payment confirmation: invoice {{invoice_number}}",
             RECEIPT_BODY(EN, "Dear {{customer_name}},\n\nThis confirms that {{tenant_name}} has "
                              "received {{amount}} for invoice {{invoice_number}}. "
                              "Please keep this receipt for your records."),
             "{{tenant_name}}: Confirmed: {{amount}} received for invoice {{invoice_number}}."},
        },
    [VINN_LANG_NB] =
        {
            {"Takk for betalingen: faktura {{invoice_number}}",
             RECEIPT_BODY(NB, "Hei {{customer_name}},\n\nTusen takk! Vi har mottatt betalingen din "
                              "på {{amount}} for faktura {{invoice_number}}. "
                              "Hyggelig å handle med deg."),
             "{{tenant_name}}: Tusen takk! Vi har mottatt {{amount}} for faktura "
             "{{invoice_number}}."},
            {"Betaling mottatt: faktura {{invoice_number}}",
             RECEIPT_BODY(NB, "Hei {{customer_name}},\n\nVi bekrefter at vi har mottatt {{amount}} "
                              "for faktura {{invoice_number}}."),
             "{{tenant_name}}: Betaling på {{amount}} mottatt for faktura {{invoice_number}}."},
            {"Betalingsbekreftelse: faktura {{invoice_number}}",
             RECEIPT_BODY(NB, "Hei {{customer_name}},\n\nDette bekrefter at {{tenant_name}} har "
                              "mottatt {{amount}} for faktura {{invoice_number}}. "
                              "Ta vare på denne kvitteringen."),
             "{{tenant_name}}: Bekreftet: {{amount}} mottatt for faktura {{invoice_number}}."},
        },
    [VINN_LANG_SV] =
        {
            {"Tack för din betalning: faktura {{invoice_number}}",
             RECEIPT_BODY(SV, "Hej {{customer_name}},\n\nTack så mycket! Vi har tagit emot din "
                              "betalning på {{amount}} för faktura {{invoice_number}}. "
                              "Det är alltid trevligt att göra affärer med dig."),
             "{{tenant_name}}: Tack så mycket! Vi har tagit emot {{amount}} för faktura "
             "{{invoice_number}}."},
            {"Betalning mottagen: faktura {{invoice_number}}",
             RECEIPT_BODY(SV, "Hej {{customer_name}},\n\nVi bekräftar att vi har tagit emot "
                              "{{amount}} för faktura {{invoice_number}}."),
             "{{tenant_name}}: Betalning på {{amount}} mottagen för faktura {{invoice_number}}."},
            {"Betalningsbekräftelse: faktura {{invoice_number}}",
             RECEIPT_BODY(SV, "Hej {{customer_name}},\n\nHärmed bekräftas att {{tenant_name}} har "
                              "tagit emot {{amount}} för faktura {{invoice_number}}. "
                              "Spara gärna kvittot."),
             "{{tenant_name}}: Bekräftat: {{amount}} mottaget för faktura {{invoice_number}}."},
        },
    [VINN_LANG_FI] =
        {
            {"Kiitos maksustasi: lasku {{invoice_number}}",
             RECEIPT_BODY(FI, "Hei {{customer_name}},\n\nKiitos paljon! Olemme vastaanottaneet "
                              "maksusi {{amount}} laskulle {{invoice_number}}. "
                              "On ilo asioida kanssasi."),
             "{{tenant_name}}: Kiitos paljon! Olemme vastaanottaneet maksun {{amount}} laskulle "
             "{{invoice_number}}."},
            {"Maksu vastaanotettu: lasku {{invoice_number}}",
             RECEIPT_BODY(FI, "Hei {{customer_name}},\n\nVahvistamme, että olemme vastaanottaneet "
                              "maksun {{amount}} laskulle {{invoice_number}}."),
             "{{tenant_name}}: Maksu {{amount}} vastaanotettu laskulle {{invoice_number}}."},
            {"Maksuvahvistus: lasku {{invoice_number}}",
             RECEIPT_BODY(FI, "Hei {{customer_name}},\n\n{{tenant_name}} vahvistaa "
                              "vastaanottaneensa maksun {{amount}} laskulle {{invoice_number}}. "
                              "Säilytäthän tämän kuitin."),
             "{{tenant_name}}: Vahvistettu: maksu {{amount}} vastaanotettu laskulle "
             "{{invoice_number}}."},
        },
    [VINN_LANG_DA] =
        {
            {"Tak for din betaling: faktura {{invoice_number}}",
             RECEIPT_BODY(DA, "Hej {{customer_name}}\n\nMange tak! Vi har modtaget din betaling på "
                              "{{amount}} for faktura {{invoice_number}}. "
                              "Det er altid en fornøjelse at handle med dig."),
             "{{tenant_name}}: Mange tak! Vi har modtaget {{amount}} for faktura "
             "{{invoice_number}}."},
            {"Betaling modtaget: faktura {{invoice_number}}",
             RECEIPT_BODY(DA, "Kære {{customer_name}}\n\nVi bekræfter, at vi har modtaget "
                              "{{amount}} for faktura {{invoice_number}}."),
             "{{tenant_name}}: Betaling på {{amount}} modtaget for faktura {{invoice_number}}."},
            {"Betalingsbekræftelse: faktura {{invoice_number}}",
             RECEIPT_BODY(DA, "Kære {{customer_name}}\n\nHermed bekræftes det, at {{tenant_name}} "
                              "har modtaget {{amount}} for faktura {{invoice_number}}. "
                              "Gem venligst denne kvittering."),
             "{{tenant_name}}: Bekræftet: {{amount}} modtaget for faktura {{invoice_number}}."},
        },
};

static const struct vinn_template payment_plan_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Your payment plan for invoice {{invoice_number}}",
             PLAN_BODY(EN,
                       "Hi {{customer_name}},\n\nThank you for getting in touch! We have set up a "
                       "payment plan for invoice {{invoice_number}} ({{amount}}), "
                       "so you can pay in instalments.",
                       "If you have any questions, just let us know.\n\n"),
             "{{tenant_name}}: Your payment plan for invoice {{invoice_number}} ({{amount}}) is "
             "ready: {{link}}"},
            {"Payment plan for invoice {{invoice_number}}",
             PLAN_BODY(EN,
                       "Dear {{customer_name}},\n\nA payment plan has been set up for invoice "
                       "{{invoice_number}} ({{amount}}).",
                       ""),
             "{{tenant_name}}: Payment plan for invoice {{invoice_number}} ({{amount}}): {{link}}"},
            {"Payment plan for invoice {{invoice_number}}: pay each instalment on time",
             PLAN_BODY(EN,
                       "Dear {{customer_name}},\n\nA payment plan has been set up for invoice "
                       "{{invoice_number}} ({{amount}}). "
                       "Each instalment must be paid by its due date. If an instalment is missed, "
                       "the plan may be cancelled, "
                       "and the whole remaining amount will then fall due at once.",
                       ""),
             "{{tenant_name}}: Payment plan for invoice {{invoice_number}} ({{amount}}). Pay each "
             "instalment on time: {{link}}"},
        },
    [VINN_LANG_NB] =
        {
            {"Nedbetalingsplanen din for faktura {{invoice_number}}",
             PLAN_BODY(NB,
                       "Hei {{customer_name}},\n\nTakk for at du tok kontakt! Vi har satt opp en "
                       "nedbetalingsplan for faktura {{invoice_number}} ({{amount}}), "
                       "slik at du kan betale i avdrag.",
                       "Har du spørsmål, er det bare å si fra.\n\n"),
             "{{tenant_name}}: Nedbetalingsplanen din for faktura {{invoice_number}} ({{amount}}) "
             "er klar: {{link}}"},
            {"Nedbetalingsplan for faktura {{invoice_number}}",
             PLAN_BODY(NB,
                       "Hei {{customer_name}},\n\nDet er satt opp en nedbetalingsplan for faktura "
                       "{{invoice_number}} ({{amount}}).",
                       ""),
             "{{tenant_name}}: Nedbetalingsplan for faktura {{invoice_number}} ({{amount}}): "
             "{{link}}"},
            {"Nedbetalingsplan for faktura {{invoice_number}}: betal avdragene i tide",
             PLAN_BODY(NB,
                       "Hei {{customer_name}},\n\nDet er satt opp en nedbetalingsplan for faktura "
                       "{{invoice_number}} ({{amount}}). "
                       "Hvert avdrag må betales innen forfallsdatoen. Blir et avdrag ikke betalt, "
                       "kan planen bli avsluttet, "
                       "og hele restbeløpet forfaller da til betaling med en gang.",
                       ""),
             "{{tenant_name}}: Nedbetalingsplan for faktura {{invoice_number}} ({{amount}}). Betal "
             "avdragene i tide: {{link}}"},
        },
    [VINN_LANG_SV] =
        {
            {"Din avbetalningsplan för faktura {{invoice_number}}",
             PLAN_BODY(SV,
                       "Hej {{customer_name}},\n\nTack för att du hörde av dig! Vi har lagt upp en "
                       "avbetalningsplan för faktura {{invoice_number}} ({{amount}}), "
                       "så att du kan betala i delar.",
                       "Har du frågor är du välkommen att kontakta oss.\n\n"),
             "{{tenant_name}}: Din avbetalningsplan för faktura {{invoice_number}} ({{amount}}) är "
             "klar: {{link}}"},
            {"Avbetalningsplan för faktura {{invoice_number}}",
             PLAN_BODY(SV,
                       "Hej {{customer_name}},\n\nEn avbetalningsplan har lagts upp för faktura "
                       "{{invoice_number}} ({{amount}}).",
                       ""),
             "{{tenant_name}}: Avbetalningsplan för faktura {{invoice_number}} ({{amount}}): "
             "{{link}}"},
            {"Avbetalningsplan för faktura {{invoice_number}}: betala i tid",
             PLAN_BODY(SV,
                       "Hej {{customer_name}},\n\nEn avbetalningsplan har lagts upp för faktura "
                       "{{invoice_number}} ({{amount}}). "
                       "Varje delbetalning ska vara betald senast på sin förfallodag. Om en "
                       "delbetalning uteblir kan planen avslutas, "
                       "och hela det återstående beloppet förfaller då till betalning direkt.",
                       ""),
             "{{tenant_name}}: Avbetalningsplan för faktura {{invoice_number}} ({{amount}}). "
             "Betala delbetalningarna i tid: {{link}}"},
        },
    [VINN_LANG_FI] =
        {
            {"Maksusuunnitelmasi laskulle {{invoice_number}}",
             PLAN_BODY(FI,
                       "Hei {{customer_name}},\n\nKiitos yhteydenotostasi! Olemme laatineet "
                       "laskulle {{invoice_number}} ({{amount}}) maksusuunnitelman, "
                       "joten voit maksaa sen erissä.",
                       "Jos sinulla on kysyttävää, ota rohkeasti yhteyttä.\n\n"),
             "{{tenant_name}}: Maksusuunnitelmasi laskulle {{invoice_number}} ({{amount}}) on "
             "valmis: {{link}}"},
            {"Maksusuunnitelma laskulle {{invoice_number}}",
             PLAN_BODY(FI,
                       "Hei {{customer_name}},\n\nLaskulle {{invoice_number}} ({{amount}}) on "
                       "laadittu maksusuunnitelma.",
                       ""),
             "{{tenant_name}}: Maksusuunnitelma laskulle {{invoice_number}} ({{amount}}): "
             "{{link}}"},
            {"Maksusuunnitelma laskulle {{invoice_number}}: maksa erät ajallaan",
             PLAN_BODY(FI,
                       "Hei {{customer_name}},\n\nLaskulle {{invoice_number}} ({{amount}}) on "
                       "laadittu maksusuunnitelma. "
                       "Jokainen erä on maksettava viimeistään eräpäivänään. Jos erä jää "
                       "maksamatta, suunnitelma voidaan purkaa, "
                       "jolloin koko jäljellä oleva summa erääntyy heti maksettavaksi.",
                       ""),
             "{{tenant_name}}: Maksusuunnitelma laskulle {{invoice_number}} ({{amount}}). Maksa "
             "erät ajallaan: {{link}}"},
        },
    [VINN_LANG_DA] =
        {
            {"Din afdragsordning for faktura {{invoice_number}}",
             PLAN_BODY(DA,
                       "Hej {{customer_name}}\n\nTak fordi du kontaktede os! Vi har oprettet en "
                       "afdragsordning for faktura {{invoice_number}} ({{amount}}), "
                       "så du kan betale i rater.",
                       "Har du spørgsmål, er du velkommen til at kontakte os.\n\n"),
             "{{tenant_name}}: Din afdragsordning for faktura {{invoice_number}} ({{amount}}) er "
             "klar: {{link}}"},
            {"Afdragsordning for faktura {{invoice_number}}",
             PLAN_BODY(DA,
                       "Kære {{customer_name}}\n\nDer er oprettet en afdragsordning for faktura "
                       "{{invoice_number}} ({{amount}}).",
                       ""),
             "{{tenant_name}}: Afdragsordning for faktura {{invoice_number}} ({{amount}}): "
             "{{link}}"},
            {"Afdragsordning for faktura {{invoice_number}}: betal afdragene til tiden",
             PLAN_BODY(DA,
                       "Kære {{customer_name}}\n\nDer er oprettet en afdragsordning for faktura "
                       "{{invoice_number}} ({{amount}}). "
                       "Hvert afdrag skal være betalt senest på forfaldsdatoen. Udebliver et "
                       "afdrag, kan ordningen blive ophævet, "
                       "og hele restbeløbet forfalder så til betaling med det samme.",
                       ""),
             "{{tenant_name}}: Afdragsordning for faktura {{invoice_number}} ({{amount}}). Betal "
             "afdragene til tiden: {{link}}"},
        },
};

static const struct vinn_template checkout_link_texts[VINN_LANG_COUNT][TONE_COUNT] = {
    [VINN_LANG_EN] =
        {
            {"Your payment link from {{tenant_name}}",
             CHECKOUT_BODY(EN, "Hi {{customer_name}},\n\nThank you for your order! You can pay "
                               "{{amount}} securely here."),
             "{{tenant_name}}: Thanks for your order! Pay {{amount}} here: {{link}}"},
            {"Payment link from {{tenant_name}}",
             CHECKOUT_BODY(EN, "Dear {{customer_name}},\n\nHere is your link to pay {{amount}} to "
                               "{{tenant_name}}."),
             "{{tenant_name}}: Pay {{amount}} here: {{link}}"},
            {"Complete your payment to {{tenant_name}}",
             CHECKOUT_BODY(EN, "Dear {{customer_name}},\n\nYour payment of {{amount}} to "
                               "{{tenant_name}} is not complete yet. "
                               "Please complete it with the link below; your order is confirmed "
                               "only once it is paid."),
             "{{tenant_name}}: Complete your payment of {{amount}} here: {{link}}"},
        },
    [VINN_LANG_NB] =
        {
            {"Her er betalingslenken din fra {{tenant_name}}",
             CHECKOUT_BODY(NB, "Hei {{customer_name}},\n\nTakk for bestillingen! Du kan betale "
                               "{{amount}} trygt her."),
             "{{tenant_name}}: Takk for bestillingen! Betal {{amount}} her: {{link}}"},
            {"Betalingslenke fra {{tenant_name}}",
             CHECKOUT_BODY(NB, "Hei {{customer_name}},\n\nHer er lenken for å betale {{amount}} "
                               "til {{tenant_name}}."),
             "{{tenant_name}}: Betal {{amount}} her: {{link}}"},
            {"Fullfør betalingen til {{tenant_name}}",
             CHECKOUT_BODY(NB, "Hei {{customer_name}},\n\nBetalingen på {{amount}} til "
                               "{{tenant_name}} er ikke fullført ennå. "
                               "Fullfør den med lenken nedenfor; bestillingen er først bekreftet "
                               "når den er betalt."),
             "{{tenant_name}}: Fullfør betalingen på {{amount}} her: {{link}}"},
        },
    [VINN_LANG_SV] =
        {
            {"Här är din betallänk från {{tenant_name}}",
             CHECKOUT_BODY(SV, "Hej {{customer_name}},\n\nTack för din beställning! Du kan betala "
                               "{{amount}} säkert här."),
             "{{tenant_name}}: Tack för din beställning! Betala {{amount}} här: {{link}}"},
            {"Betallänk från {{tenant_name}}",
             CHECKOUT_BODY(SV, "Hej {{customer_name}},\n\nHär är länken för att betala {{amount}} "
                               "till {{tenant_name}}."),
             "{{tenant_name}}: Betala {{amount}} här: {{link}}"},
            {"Slutför din betalning till {{tenant_name}}",
             CHECKOUT_BODY(
                 SV,
                 "Hej {{customer_name}},\n\nDin betalning på {{amount}} till {{tenant_name}} är "
                 "inte slutförd ännu. "
                 "Slutför den via länken nedan; beställningen bekräftas först när den är betald."),
             "{{tenant_name}}: Slutför betalningen på {{amount}} här: {{link}}"},
        },
    [VINN_LANG_FI] =
        {
            {"Maksulinkkisi yritykseltä {{tenant_name}}",
             CHECKOUT_BODY(FI, "Hei {{customer_name}},\n\nKiitos tilauksestasi! Voit maksaa "
                               "{{amount}} turvallisesti alla olevan linkin kautta."),
             "{{tenant_name}}: Kiitos tilauksestasi! Maksa {{amount}} täällä: {{link}}"},
            {"Maksulinkki yritykseltä {{tenant_name}}",
             CHECKOUT_BODY(FI, "Hei {{customer_name}},\n\nTässä on linkki, jolla maksat {{amount}} "
                               "yritykselle {{tenant_name}}."),
             "{{tenant_name}}: Maksa {{amount}} täällä: {{link}}"},
            {"Viimeistele maksusi yritykselle {{tenant_name}}",
             CHECKOUT_BODY(FI, "Hei {{customer_name}},\n\nMaksusi {{amount}} yritykselle "
                               "{{tenant_name}} on vielä kesken. "
                               "Viimeistele se alla olevan linkin kautta; tilaus vahvistetaan "
                               "vasta, kun se on maksettu."),
             "{{tenant_name}}: Viimeistele maksusi {{amount}} täällä: {{link}}"},
        },
    [VINN_LANG_DA] =
        {
            {"Her er dit betalingslink fra {{tenant_name}}",
             CHECKOUT_BODY(DA, "Hej {{customer_name}}\n\nTak for din bestilling! Du kan betale "
                               "{{amount}} sikkert her."),
             "{{tenant_name}}: Tak for din bestilling! Betal {{amount}} her: {{link}}"},
            {"Betalingslink fra {{tenant_name}}",
             CHECKOUT_BODY(DA, "Kære {{customer_name}}\n\nHer er linket til at betale {{amount}} "
                               "til {{tenant_name}}."),
             "{{tenant_name}}: Betal {{amount}} her: {{link}}"},
            {"Gennemfør din betaling til {{tenant_name}}",
             CHECKOUT_BODY(DA, "Kære {{customer_name}}\n\nDin betaling på {{amount}} til "
                               "{{tenant_name}} er endnu ikke gennemført. "
                               "Gennemfør den via linket nedenfor; bestillingen er først "
                               "bekræftet, når den er betalt."),
             "{{tenant_name}}: Gennemfør betalingen på {{amount}} her: {{link}}"},
        },
};

static const struct {
    const char *name;
    const struct vinn_template (*texts)[TONE_COUNT];
} kinds[] = {
    {"invoice", invoice_texts},
    {"pre-due", pre_due_texts},
    {"reminder", reminder_texts},
    {"notice", notice_texts},
    {"receipt", receipt_texts},
    {"payment-plan", payment_plan_texts},
    {"checkout-link", checkout_link_texts},
};

const struct vinn_template *vinn_template_builtin(const char *kind, enum vinn_lang lang,
                                                  enum vinn_tone tone)
{
    VINN_ASSERT((unsigned)lang < VINN_LANG_COUNT);
    VINN_ASSERT((unsigned)tone < TONE_COUNT);
    if (kind == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(kinds[i].name, kind) == 0) {
            return &kinds[i].texts[lang][tone];
        }
    }
    return NULL;
}
