/* Error codes 400-499: core/ident. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_IDENT_H
#define VINN_ERRDEFS_IDENT_H
#define VINN_ERR_MAP_IDENT(X)                                                                      \
    X(E_ID_EMPTY, 400, 422, "identifier is empty")                                                 \
    X(E_ID_CHARACTERS, 401, 422, "identifier has characters its kind does not allow")              \
    X(E_ID_LENGTH, 402, 422, "identifier has the wrong length")                                    \
    X(E_ID_CHECKSUM, 403, 422, "identifier checksum is wrong")                                     \
    X(E_ID_DATE, 404, 422, "identifier holds an impossible birth date")                            \
    X(E_ID_COUNTRY, 405, 422, "identifier country is unknown or unsupported")                      \
    X(E_ID_KIND_UNKNOWN, 406, 422, "unknown identifier kind")                                      \
    X(E_ID_INDIVIDUAL_NUMBER, 407, 422, "identifier individual number is not valid")               \
    X(E_ID_FIRST_DIGIT, 408, 422, "identifier cannot start with that digit")
#endif
