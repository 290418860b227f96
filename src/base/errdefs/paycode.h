/* Error codes 820-839: core/paycode. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_PAYCODE_H
#define VINN_ERRDEFS_PAYCODE_H
#define VINN_ERR_MAP_PAYCODE(X)                                                                    \
    X(E_PAYCODE_IBAN_NOT_FINNISH, 820, 422, "bank barcode needs a Finnish (FI) IBAN")              \
    X(E_PAYCODE_REFERENCE_NOT_NUMERIC, 821, 422, "bank barcode reference must be digits only")     \
    X(E_PAYCODE_AMOUNT_NEGATIVE, 822, 422, "bank barcode amount cannot be negative")               \
    X(E_PAYCODE_AMOUNT_TOO_LARGE, 823, 422, "bank barcode amount is above 999999.99")              \
    X(E_PAYCODE_DUE_DATE_OUT_OF_RANGE, 824, 422, "bank barcode due date is outside 2000-2099")     \
    X(E_PAYCODE_DIGITS_ODD_COUNT, 825, 422, "code 128 subset c needs an even number of digits")    \
    X(E_PAYCODE_DIGITS_NOT_NUMERIC, 826, 422, "code 128 subset c encodes digits only")             \
    X(E_PAYCODE_EPC_CHARSET_UNSUPPORTED, 827, 422, "epc qr character set is not supported")        \
    X(E_PAYCODE_EPC_BIC_INVALID, 828, 422, "epc qr bic is not 8 or 11 bic characters")             \
    X(E_PAYCODE_EPC_NAME_LENGTH, 829, 422, "epc qr beneficiary name needs 1 to 70 characters")     \
    X(E_PAYCODE_EPC_AMOUNT_OUT_OF_RANGE, 830, 422, "epc qr amount is outside 0.01-999999999.99")   \
    X(E_PAYCODE_EPC_PURPOSE_INVALID, 831, 422, "epc qr purpose is not 4 letters or digits")        \
    X(E_PAYCODE_EPC_REMITTANCE_BOTH, 832, 422, "epc qr has both a reference and a text")           \
    X(E_PAYCODE_EPC_REMITTANCE_MISSING, 833, 422, "epc qr needs a reference or a text")            \
    X(E_PAYCODE_EPC_REFERENCE_TOO_LONG, 834, 422, "epc qr reference is longer than 35")            \
    X(E_PAYCODE_EPC_TEXT_TOO_LONG, 835, 422, "epc qr text is longer than 140 characters")          \
    X(E_PAYCODE_EPC_INFORMATION_TOO_LONG, 836, 422, "epc qr information is longer than 70")        \
    X(E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, 837, 422, "epc qr text cannot be encoded")                 \
    X(E_PAYCODE_EPC_PAYLOAD_TOO_LONG, 838, 422, "epc qr payload is longer than 331 bytes")
#endif
