/*
 * driver.c - runs a libFuzzer target over files without libFuzzer, so the
 * checked-in corpus is a regression test in every build (suite fuzz-smoke),
 * sanitizers included. Usage: fuzz_NAME FILE_OR_DIR...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fprintf(stderr, "fuzz driver: cannot open %s\n", path);
        return 1;
    }
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *data = malloc(size > 0 ? (size_t)size : 1);
    size_t got = data ? fread(data, 1, (size_t)size, fp) : 0;
    fclose(fp);
    if (data == NULL || got != (size_t)size) {
        free(data);
        return 1;
    }
    LLVMFuzzerTestOneInput(data, got);
    free(data);
    return 0;
}

static int run_path(const char *path, int *files)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz driver: no such file %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*files)++;
        return run_file(path);
    }
    DIR *dir = opendir(path);
    struct dirent *d;
    int rc = 0;
    while (dir != NULL && (d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.') {
            continue;
        }
        char child[4096];
        snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
        rc |= run_path(child, files);
    }
    if (dir != NULL) {
        closedir(dir);
    }
    return rc;
}

int main(int argc, char **argv)
{
    int files = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rc |= run_path(argv[i], &files);
    }
    printf("ran %d inputs\n", files);
    return rc != 0 || files == 0;
}
