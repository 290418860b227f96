/*
 * openapi.c - GET /v1/openapi.json: an OpenAPI 3.1 document made from the
 * route table itself, so the document cannot drift from the routes; the
 * schemas of the bodies are written out here.
 */
#include <stdio.h>
#include <string.h>

#include "http/internal.h"

#pragma GCC diagnostic ignored "-Woverlength-strings"

static const char schemas[] =
    "{"
    "\"Error\": {\"type\": \"object\", \"required\": [\"error\"], \"properties\": {\"error\": "
    "{\"type\": \"object\", \"required\": [\"code\", \"message\", \"field\"], \"properties\": {"
    "\"code\": {\"type\": \"string\", \"examples\": [\"amount_must_be_positive\"]},"
    "\"message\": {\"type\": \"string\"}, \"field\": {\"type\": \"string\", \"examples\": "
    "[\"lines[0].unit_price\"]}, \"violations\": {\"type\": \"array\"}}}}},"
    "\"Object\": {\"type\": \"object\"},"
    "\"Health\": {\"type\": \"object\", \"properties\": {\"status\": {\"const\": \"ok\"}, "
    "\"schema\": {\"type\": \"integer\"}}},"
    "\"Amount\": {\"type\": \"integer\", \"description\": \"minor units (øre, öre, cent)\"},"
    "\"Date\": {\"type\": \"string\", \"format\": \"date\"},"
    "\"CustomerInput\": {\"type\": \"object\", \"required\": [\"id\", \"name\", \"country\"], "
    "\"additionalProperties\": false, \"properties\": {\"id\": {\"type\": \"string\"}, "
    "\"name\": {\"type\": \"string\"}, \"country\": {\"enum\": [\"NO\", \"SE\", \"FI\", \"DK\"]}, "
    "\"lang\": {\"enum\": [\"nb\", \"sv\", \"fi\", \"da\", \"en\"]}, \"kind\": {\"enum\": "
    "[\"person\", \"company\"]}, \"email\": {\"type\": \"string\"}, \"phone\": {\"type\": "
    "\"string\"}, \"org_no\": {\"type\": \"string\"}, \"national_id\": {\"type\": \"string\"}, "
    "\"address\": {\"type\": \"string\"}, \"postcode\": {\"type\": \"string\"}, \"city\": "
    "{\"type\": \"string\"}, \"tags\": {\"type\": \"string\"}, \"channel\": {\"enum\": "
    "[\"email\", \"sms\", \"letter\", \"einvoice\", \"mailbox\"]}, \"direct_debit\": "
    "{\"type\": \"boolean\"}}},"
    "\"Customer\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}, "
    "\"name\": {\"type\": \"string\"}, \"country\": {\"type\": \"string\"}, \"lang\": {\"type\": "
    "\"string\"}, \"kind\": {\"type\": \"string\"}}},"
    "\"LineInput\": {\"type\": \"object\", \"required\": [\"text\", \"quantity\", "
    "\"unit_price\", \"vat_rate\"], \"additionalProperties\": false, \"properties\": {"
    "\"text\": {\"type\": \"string\"}, \"quantity\": {\"type\": \"number\", \"description\": "
    "\"up to 3 decimals\"}, \"unit_price\": {\"$ref\": \"#/components/schemas/Amount\"}, "
    "\"vat_rate\": {\"type\": \"number\", \"description\": \"percent, up to 2 decimals: 25, "
    "25.5\"}}},"
    "\"InvoiceInput\": {\"type\": \"object\", \"required\": [\"number\", \"customer\", "
    "\"lines\"], \"additionalProperties\": false, \"properties\": {\"number\": {\"type\": "
    "\"string\"}, \"customer\": {\"type\": \"string\", \"description\": \"the customer's id\"}, "
    "\"date\": {\"$ref\": \"#/components/schemas/Date\"}, \"due_days\": {\"type\": "
    "\"integer\"}, \"due_date\": {\"$ref\": \"#/components/schemas/Date\"}, \"currency\": "
    "{\"type\": \"string\"}, \"sale_channel\": {\"enum\": [\"web\", \"email\", \"app\", "
    "\"sms\", \"pos\", \"phone\", \"einvoice\", \"mail\"]}, \"lines\": {\"type\": \"array\", "
    "\"minItems\": 1, \"items\": "
    "{\"$ref\": \"#/components/schemas/LineInput\"}}}},"
    "\"Invoice\": {\"type\": \"object\", \"properties\": {\"number\": {\"type\": \"string\"}, "
    "\"customer\": {\"type\": \"string\"}, \"status\": {\"enum\": [\"open\", \"paid\", "
    "\"credited\", \"issued\", \"written_off\"]}, \"currency\": {\"type\": \"string\"}, "
    "\"gross\": {\"$ref\": \"#/components/schemas/Amount\"}, \"outstanding\": {\"$ref\": "
    "\"#/components/schemas/Amount\"}, \"due_date\": {\"$ref\": "
    "\"#/components/schemas/Date\"}, \"reference\": {\"type\": \"string\"}, \"lines\": "
    "{\"type\": \"array\"}}},"
    "\"CreditInput\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
    "\"amount\": {\"$ref\": \"#/components/schemas/Amount\"}, \"number\": {\"type\": "
    "\"string\"}}},"
    "\"CreditResult\": {\"type\": \"object\", \"properties\": {\"credit_note\": {\"$ref\": "
    "\"#/components/schemas/Invoice\"}, \"invoice\": {\"$ref\": "
    "\"#/components/schemas/Invoice\"}}},"
    "\"Pdf\": {\"type\": \"string\", \"contentMediaType\": \"application/pdf\"},"
    "\"Xml\": {\"type\": \"string\", \"contentMediaType\": \"application/xml\"},"
    "\"BankFile\": {\"type\": \"string\", \"description\": \"camt.054, camt.053, Nets OCR "
    "giro, BgMax or CSV\"},"
    "\"ImportSummary\": {\"type\": \"object\", \"properties\": {\"entries\": {\"type\": "
    "\"integer\"}, \"new\": {\"type\": \"integer\"}, \"duplicates\": {\"type\": \"integer\"}, "
    "\"matched\": {\"type\": \"integer\"}, \"partial\": {\"type\": \"integer\"}, \"overpaid\": "
    "{\"type\": \"integer\"}, \"unmatched\": {\"type\": \"integer\"}, \"amount\": {\"$ref\": "
    "\"#/components/schemas/Amount\"}, \"currency\": {\"type\": \"string\"}}},"
    "\"Payment\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}, "
    "\"status\": {\"type\": \"string\"}, \"amount\": {\"$ref\": "
    "\"#/components/schemas/Amount\"}, \"allocations\": {\"type\": \"array\"}, \"events\": "
    "{\"type\": \"array\"}}},"
    "\"AssignInput\": {\"type\": \"object\", \"required\": [\"invoices\"], \"properties\": {"
    "\"invoices\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}},"
    "\"RefundInput\": {\"type\": \"object\", \"properties\": {\"account\": {\"type\": "
    "\"string\"}}},"
    "\"Payout\": {\"type\": \"object\"},"
    "\"RunInput\": {\"type\": \"object\", \"properties\": {\"date\": {\"$ref\": "
    "\"#/components/schemas/Date\"}}},"
    "\"DaySummary\": {\"type\": \"object\", \"properties\": {\"date\": {\"$ref\": "
    "\"#/components/schemas/Date\"}, \"invoices_considered\": {\"type\": \"integer\"}, "
    "\"reminders\": {\"type\": \"integer\"}, \"notices\": {\"type\": \"integer\"}, "
    "\"collections\": {\"type\": \"integer\"}, \"tasks\": {\"type\": \"integer\"}, \"fees\": "
    "{\"$ref\": \"#/components/schemas/Amount\"}, \"interest\": {\"$ref\": "
    "\"#/components/schemas/Amount\"}, \"messages\": {\"type\": \"integer\"}}},"
    "\"Case\": {\"type\": \"object\", \"properties\": {\"invoice\": {\"type\": \"string\"}, "
    "\"state\": {\"type\": \"string\"}, \"steps\": {\"type\": \"array\"}, \"next_action\": "
    "{\"$ref\": \"#/components/schemas/Date\"}}},"
    "\"PauseInput\": {\"type\": \"object\", \"required\": [\"reason\"], \"properties\": {"
    "\"reason\": {\"type\": \"string\"}}},"
    "\"PromiseInput\": {\"type\": \"object\", \"required\": [\"until\"], \"properties\": {"
    "\"until\": {\"$ref\": \"#/components/schemas/Date\"}}},"
    "\"Policy\": {\"type\": \"object\", \"description\": \"docs/dunning.md\"},"
    "\"Deleted\": {\"type\": \"object\", \"properties\": {\"deleted\": {\"const\": true}}},"
    "\"WebhookInput\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {"
    "\"url\": {\"type\": \"string\", \"format\": \"uri\"}, \"events\": {\"type\": \"array\", "
    "\"items\": {\"type\": \"string\"}}}},"
    "\"Webhook\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}, "
    "\"url\": {\"type\": \"string\"}, \"events\": {\"type\": \"array\"}, \"secret\": {\"type\": "
    "\"string\"}}},"
    "\"VerifyReport\": {\"type\": \"object\"}"
    "}";

/* The list schemas: a page of items. */
static const char *const pages[][2] = {
    {"CustomerPage", "Customer"}, {"InvoicePage", "Invoice"}, {"PaymentPage", "Payment"},
    {"MessagePage", "Object"},    {"TaskPage", "Object"},     {"EventPage", "Object"},
    {"AuditPage", "Object"},      {"PolicyList", "Policy"},   {"WebhookList", "Webhook"},
    {"BalanceList", "Object"},
};

static json_t *ref(const char *name)
{
    char r[128];
    snprintf(r, sizeof(r), "#/components/schemas/%s", name);
    return json_pack("{s:s}", "$ref", r);
}

static json_t *content(const char *schema)
{
    const char *type = strcmp(schema, "Pdf") == 0        ? "application/pdf"
                       : strcmp(schema, "Xml") == 0      ? "application/xml"
                       : strcmp(schema, "BankFile") == 0 ? "application/octet-stream"
                                                         : "application/json";
    return json_pack("{s:{s:o}}", type, "schema", ref(schema));
}

static json_t *parameters(const struct http_route *r)
{
    json_t *list = json_array();
    for (const char *p = strchr(r->pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        json_array_append_new(list, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
                                              (size_t)(close - p - 1), "in", "path", "required", 1,
                                              "schema", "type", "string"));
    }
    for (const char *q = r->query; q != NULL && *q != '\0';) {
        size_t len = strcspn(q, ",");
        json_array_append_new(list, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", q, len, "in",
                                              "query", "required", 0, "schema", "type", "string"));
        q += len + (q[len] == ',');
    }
    if ((r->flags & ROUTE_WRITE) != 0) {
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "Idempotency-Key",
                                        "in", "header", "required", 0, "description",
                                        "the same key and body answer the same and "
                                        "create nothing; another body is 409",
                                        "schema", "type", "string"));
    }
    return list;
}

static json_t *operation(const struct http_route *r)
{
    char code[8];
    snprintf(code, sizeof(code), "%d", r->ok_status);
    json_t *responses = json_object();
    json_object_set_new(
        responses, code,
        json_pack("{s:s, s:o}", "description", r->summary, "content", content(r->response)));
    json_object_set_new(
        responses, "default",
        json_pack("{s:s, s:o}", "description", "an error", "content", content("Error")));
    json_t *op = json_pack("{s:s, s:[s], s:s, s:o, s:o}", "summary", r->summary, "tags", r->tag,
                           "operationId", "", "parameters", parameters(r), "responses", responses);
    char id[128];
    snprintf(id, sizeof(id), "%s %s", r->method, r->pattern);
    json_object_set_new(op, "operationId", json_string(id));
    if (r->request != NULL) {
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:o}", "required", (r->flags & ROUTE_BODY) != 0,
                                      "content", content(r->request)));
    }
    if ((r->flags & ROUTE_PUBLIC) != 0) {
        json_object_set_new(op, "security", json_array());
    } else {
        json_object_set_new(op, "x-scope",
                            json_string((r->flags & ROUTE_WRITE) ? "write" : "read"));
    }
    return op;
}

json_t *http_openapi(void)
{
    json_error_t jerr;
    json_t *components = json_loads(schemas, 0, &jerr);
    if (components == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        json_object_set_new(components, pages[i][0],
                            json_pack("{s:s, s:{s:{s:s, s:o}, s:{}}}", "type", "object",
                                      "properties", "data", "type", "array", "items",
                                      ref(pages[i][1]), "next"));
    }
    json_t *paths = json_object();
    for (size_t i = 0; i < http_routes_count; i++) {
        const struct http_route *r = &http_routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char method[8] = "";
        for (size_t k = 0; r->method[k] != '\0' && k + 1 < sizeof(method); k++) {
            char c = r->method[k];
            method[k] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            method[k + 1] = '\0';
        }
        json_object_set_new(item, method, operation(r));
    }
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:{s:{s:s, s:s}}}, s:[{s:[]}]}",
                     "openapi", "3.1.0", "info", "title", "vinn", "version", "1", "description",
                     "Invoice-to-cash for Nordic merchants: amounts are integer minor units with "
                     "a currency, dates ISO 8601. Authorization: Bearer KEY.",
                     "paths", paths, "components", "schemas", components, "securitySchemes",
                     "bearer", "type", "http", "scheme", "bearer", "security", "bearer");
}
