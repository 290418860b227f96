/*
 * fuzz_bankcsv.c - libFuzzer target for the bank CSV reader (formats/bankcsv.c): any
 * bytes, read to the end or to the first error, must neither crash nor hand
 * out an entry that breaks the promises of bank.h (tests/fuzz/bank_check.h);
 * the CSV columns of docs/payments.md.
 */
#include "bank_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct check_state st = {0};
    bank_fuzz_run(vinn_bankcsv_read, NULL, data, size, &st);
    return 0;
}
