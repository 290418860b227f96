/*
 * fuzz_camt.c - libFuzzer target for the camt.054/camt.053 reader
 * (formats/camt.c): any bytes, read to the end or to the first error, must
 * neither crash nor hand out an entry that breaks the promises of bank.h
 * (amount > 0, a known currency, clean trimmed UTF-8 texts, an entry_id,
 * records counted from 1 in file order). A second read of the same bytes
 * gives the same entries and ids, and a callback that fails stops the read
 * with its own code.
 */
#include "bank_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void camt_entry(const struct vinn_bank_entry *e)
{
    if (strcmp(e->end_to_end, "NOTPROVIDED") == 0) {
        abort();
    }
    /* The id is the bank's reference where there is one that fits. */
    if (strncmp(e->entry_id, "camt:", 5) == 0 ? strcmp(e->entry_id + 5, e->bank_ref) != 0
                                              : strncmp(e->entry_id, "d:", 2) != 0) {
        abort();
    }
}

static void camt_info(const struct vinn_bank_file_info *info)
{
    if (info->format != VINN_BANK_CAMT054 && info->format != VINN_BANK_CAMT053) {
        abort();
    }
    if (info->version != 2 && info->version != 4 && info->version != 8) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct bank_rules rules = {camt_entry, camt_info};
    struct check_state st;
    bank_fuzz_run(vinn_camt_read, &rules, data, size, &st);
    return 0;
}
