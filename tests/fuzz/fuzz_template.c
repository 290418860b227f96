/*
 * fuzz_template.c - libFuzzer target for the template renderer
 * (core/template.c): a tenant's own text is outside input. Any bytes, as a
 * template, either render into the buffer (NUL-terminated, no placeholder of
 * a known name left, the HTML form never shorter) or fail with out[0] == '\0'
 * and a reason; the renderer never writes past its buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    static const struct vinn_template_value values[] = {
        {"customer_name", "Åse {{amount}} <b>&"}, {"tenant_name", "Nordlys"},
        {"invoice_number", "INV-1"},               {"amount", "1 250,00 NOK"},
        {"due_date", "15.03.2026"},                {"deadline", "29.03.2026"},
        {"reference", "000000018"},                {"account", "86011117947"},
        {"fees", "35,00 NOK"},                     {"interest", "5,99 NOK"},
        {"total", "1 290,99 NOK"},                 {"link", "https://pay.vinn.no/c/1"},
    };
    size_t n = sizeof(values) / sizeof(values[0]);
    /* A buffer that ends exactly where the renderer may write: ASan sees
     * any write past it. */
    size_t cap = 1 + size % 512;
    char *out = malloc(cap);
    char *html = malloc(cap * 6);
    if (out != NULL && html != NULL) {
        struct vinn_error e;
        vinn_error_clear(&e);
        if (vinn_template_render(text, values, n, out, cap, &e) == VINN_OK) {
            if (memchr(out, '\0', cap) == NULL) {
                abort();
            }
            vinn_error_clear(&e);
            if (vinn_template_render_html(text, values, n, html, cap * 6, &e) == VINN_OK &&
                strlen(html) < strlen(out)) {
                abort(); /* escaping never shortens */
            }
        } else if (out[0] != '\0' || e.code == VINN_OK) {
            abort();
        }
    }
    free(out);
    free(html);
    free(text);
    return 0;
}
