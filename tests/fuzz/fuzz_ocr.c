/*
 * fuzz_ocr.c - libFuzzer target for the Nets OCR giro reader (formats/ocr.c): any
 * bytes, read to the end or to the first error, must neither crash nor hand
 * out an entry that breaks the promises of bank.h (tests/fuzz/bank_check.h);
 * and every OCR entry is a credit.
 */
#include "bank_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct check_state st = {0};
    bank_fuzz_run(vinn_ocr_read, NULL, data, size, &st);
    if (st.debits != 0) {
        abort(); /* every OCR giro entry is money in */
    }
    return 0;
}
