/* Error codes 300-399: core/refno. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_REFNO_H
#define VINN_ERRDEFS_REFNO_H
#define VINN_ERR_MAP_REFNO(X)                                                                      \
    X(E_REF_EMPTY, 300, 422, "reference is empty")                                                 \
    X(E_REF_CHARACTERS, 301, 422, "reference has characters its kind does not allow")              \
    X(E_REF_LENGTH, 302, 422, "reference has a length its kind does not allow")                    \
    X(E_REF_CHECK_DIGIT, 303, 422, "reference check digit is wrong")                               \
    X(E_REF_LENGTH_DIGIT, 304, 422, "reference length digit is wrong")                             \
    X(E_REF_KIND_UNKNOWN, 305, 422, "unknown reference kind")                                      \
    X(E_REF_NOT_MAKEABLE, 306, 422, "no valid reference can be made from this base")
#endif
