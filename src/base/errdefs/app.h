/* Error codes 1100-1299: use cases in src/app. */
#ifndef VINN_ERRDEFS_APP_H
#define VINN_ERRDEFS_APP_H
#define VINN_ERR_MAP_APP(X)                                                                        \
    X(E_NOT_FOUND, 1100, 404, "not found")                                                         \
    X(E_TENANT_NOT_FOUND, 1101, 404, "tenant not found")                                           \
    X(E_CUSTOMER_NOT_FOUND, 1102, 404, "customer not found")                                       \
    X(E_INVOICE_NOT_FOUND, 1103, 404, "invoice not found")                                         \
    X(E_EXISTS, 1110, 409, "already exists")                                                       \
    X(E_TENANT_EXISTS, 1111, 409, "tenant already exists")                                         \
    X(E_CUSTOMER_EXISTS, 1112, 409, "customer already exists")                                     \
    X(E_INVOICE_EXISTS, 1113, 409, "invoice number already exists")                                \
    X(E_TENANT_REQUIRED, 1120, 400, "a tenant must be chosen")                                     \
    X(E_TENANT_AMBIGUOUS, 1121, 400, "several tenants exist: choose one with --tenant")            \
    X(E_INVOICE_NO_LINES, 1130, 422, "invoice has no lines")                                       \
    X(E_INVOICE_TOO_MANY_LINES, 1131, 422, "invoice has too many lines")                           \
    X(E_INVOICE_LINE_SYNTAX, 1132, 400, "invoice line must be \"text;quantity;unit price;vat%\"")  \
    X(E_INVOICE_TOTAL_NOT_POSITIVE, 1133, 422, "invoice total must be positive")                   \
    X(E_DUE_BEFORE_DATE, 1134, 422, "due date is before the invoice date")                         \
    X(E_DUE_DAYS_RANGE, 1135, 422, "due days out of range")                                        \
    X(E_INVOICE_NOT_CREDITABLE, 1136, 409, "invoice cannot be credited")                           \
    X(E_CREDIT_EXCEEDS_INVOICE, 1137, 422, "credit exceeds what is left to credit")                \
    X(E_STATUS_UNKNOWN, 1138, 400, "unknown invoice status")                                       \
    X(E_CUSTOMER_KIND_UNKNOWN, 1139, 400, "customer kind must be person or company")               \
    /* 1150-1151 moved to formats.h (E_CSV_HEADER, E_CSV_ROW): numbers kept */                   \
    X(E_CHECK_FAILED, 1160, 422, "check failed")                                                  \
    X(E_CUSTOMER_UNKNOWN, 1161, 422, "the customer named does not exist")                          \
    X(E_TENANT_NAME_INVALID, 1162, 400, "tenant name may hold letters, digits, '.', '_' and '-'")  \
    X(E_EMAIL_INVALID, 1163, 422, "e-mail address is not valid")                                   \
    X(E_PHONE_INVALID, 1164, 422, "phone number is not valid")                                     \
    X(E_TAG_INVALID, 1165, 422, "tags hold letters, digits, '-' and '_'")                          \
    X(E_REF_KIND_NOT_FOR_COUNTRY, 1166, 422, "reference kind does not fit the country")            \
    X(E_CASE_STATE, 1167, 409, "the case cannot do that in its state")                           \
    X(E_STEP_NOT_FOUND, 1168, 404, "the invoice's case has no such step")                          \
    X(E_STEP_NOT_A_LETTER, 1169, 422, "the step sent the customer no letter")
#endif
