/* Error codes 1300-1499: readers and writers of outside files. */
#ifndef VINN_ERRDEFS_FORMATS_H
#define VINN_ERRDEFS_FORMATS_H
#define VINN_ERR_MAP_FORMATS(X)                                                                    \
    X(E_FILE_SYNTAX, 1300, 400, "file is not valid")                                               \
    X(E_FILE_TOO_LARGE, 1301, 413, "file is too large")                                            \
    X(E_CSV_HEADER, 1150, 400, "CSV header is not valid")                                          \
    X(E_CSV_ROW, 1151, 400, "CSV row is not valid")
#endif
