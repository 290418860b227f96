/* Error codes 1300-1499: readers and writers of outside files. */
#ifndef VINN_ERRDEFS_FORMATS_H
#define VINN_ERRDEFS_FORMATS_H
#define VINN_ERR_MAP_FORMATS(X)                                                                    \
    X(E_FILE_SYNTAX, 1300, 400, "file is not valid")                                               \
    X(E_FILE_TOO_LARGE, 1301, 413, "file is too large")                                            \
    X(E_CSV_HEADER, 1150, 400, "CSV header is not valid")                                          \
    X(E_CSV_ROW, 1151, 400, "CSV row is not valid")                                                \
    X(E_BANK_FORMAT_UNKNOWN, 1310, 400, "bank file format is not recognised")                     \
    X(E_BANK_VERSION, 1311, 400, "bank file version is not supported")                            \
    X(E_BANK_RECORD, 1312, 400, "bank file record is not valid")                                  \
    X(E_BANK_CONTROL_TOTAL, 1313, 400, "bank file control record does not match its contents")    \
    X(E_BANK_STRUCTURE, 1314, 400, "bank file records are out of order or missing")               \
    X(E_BANK_AMOUNT, 1315, 400, "bank file amount is not valid")                                  \
    X(E_BANK_DATE, 1316, 400, "bank file date is not valid")                                      \
    X(E_BANK_EMPTY, 1317, 400, "bank file holds no records")
#endif
