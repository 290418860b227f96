/*
 * fuzz_csv.c - libFuzzer target for the CSV reader (formats/csv.c): any
 * bytes, read to the end or to the first error, must neither crash nor
 * break the reader's promises (every record as wide as the header, every
 * field valid UTF-8 without NUL).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "formats/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL) {
        return 0;
    }
    struct vinn_csv_options options = {.name = "fuzz.csv"};
    struct vinn_csv_reader *reader = NULL;
    struct vinn_error error;
    vinn_error_clear(&error);
    if (vinn_csv_open(fp, &options, &reader, &error) == VINN_OK) {
        size_t width = vinn_csv_fields_count(reader);
        bool has_row = true;
        while (vinn_csv_next(reader, &has_row, &error) == VINN_OK && has_row) {
            if (vinn_csv_fields_count(reader) != width) {
                abort();
            }
            for (size_t i = 0; i < width; i++) {
                const char *f = vinn_csv_field(reader, (int)i);
                if (!vinn_utf8_is_valid(f, strlen(f))) {
                    abort();
                }
            }
        }
        vinn_csv_close(reader);
    }
    fclose(fp);
    return 0;
}
