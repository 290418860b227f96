/*
 * fuzz_bgmax.c - libFuzzer target for the Bankgirot BgMax reader (formats/bgmax.c): any
 * bytes, read to the end or to the first error, must neither crash nor hand
 * out an entry that breaks the promises of bank.h (tests/fuzz/bank_check.h);
 * and no BgMax entry is a reversal.
 */
#include "bank_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct check_state st = {0};
    bank_fuzz_run(vinn_bgmax_read, NULL, data, size, &st);
    if (st.reversals != 0) {
        abort(); /* BgMax has no reversals: deductions are debits */
    }
    return 0;
}
