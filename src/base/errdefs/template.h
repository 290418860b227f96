/* Error codes 800-819: core/template. Numbers never change. */
#ifndef VINN_ERRDEFS_TEMPLATE_H
#define VINN_ERRDEFS_TEMPLATE_H
#define VINN_ERR_MAP_TEMPLATE(X)                                                                   \
    X(E_TEMPLATE_PLACEHOLDER_UNKNOWN, 800, 422, "template has an unknown placeholder")             \
    X(E_TEMPLATE_VALUE_MISSING, 801, 422, "template placeholder has no value")                     \
    X(E_TEMPLATE_UNTERMINATED, 802, 422, "template has a '{{' without its '}}'")                   \
    X(E_TEMPLATE_OUTPUT_TOO_LONG, 803, 422, "rendered template does not fit its buffer")           \
    X(E_TEMPLATE_PLACEHOLDER_INVALID, 804, 422, "template placeholder is not a name of a-z and _")
#endif
