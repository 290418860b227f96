/* Error codes 0-99: generic and base layer (arena, buffers, parsers). */
#ifndef VINN_ERRDEFS_BASE_H
#define VINN_ERRDEFS_BASE_H
#define VINN_ERR_MAP_BASE(X)                                                                       \
    X(OK, 0, 200, "ok")                                                                            \
    X(E_INTERNAL, 1, 500, "internal error")                                                        \
    X(E_NO_MEMORY, 2, 500, "out of memory")                                                        \
    X(E_LIMIT_EXCEEDED, 3, 413, "a limit was exceeded")                                            \
    X(E_USAGE, 4, 400, "bad usage")                                                                \
    X(E_FIELD_REQUIRED, 5, 400, "a required field is missing")                                     \
    X(E_FIELD_TOO_LONG, 6, 400, "a field is too long")                                             \
    X(E_NOT_A_NUMBER, 7, 400, "not a number")                                                      \
    X(E_NUMBER_OUT_OF_RANGE, 8, 400, "number out of range")                                        \
    X(E_INVALID_CHARACTERS, 9, 400, "invalid characters")                                          \
    X(E_INVALID_UTF8, 10, 400, "text is not valid UTF-8")                                          \
    X(E_UNKNOWN_VALUE, 11, 400, "unknown value")                                                   \
    X(E_IO, 12, 500, "input or output failed")                                                     \
    X(E_FILE_NOT_FOUND, 13, 404, "file not found")                                                 \
    X(E_BAD_JSON, 14, 400, "malformed JSON")
#endif
