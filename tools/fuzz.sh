#!/bin/sh
# tools/fuzz.sh [SECONDS] - build every libFuzzer target with clang (ASan +
# UBSan) and fuzz each for SECONDS (default 60) from a copy of its corpus.
# New inputs stay in build-fuzz/; add the interesting ones to the corpus.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
out=build-fuzz
mkdir -p "$out"
for target in tests/fuzz/fuzz_*.c; do
    name=$(basename "$target" .c)
    kind=${name#fuzz_}
    # shellcheck disable=SC2046
    clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
        $(pkg-config --cflags libxml-2.0 jansson) \
        src/base/*.c src/core/*.c src/formats/*.c "$target" \
        -lcsv $(pkg-config --libs libxml-2.0 jansson) -o "$out/$name"
    rm -rf "$out/corpus-$kind"
    cp -r "tests/fuzz/corpus/$kind" "$out/corpus-$kind"
    echo "fuzzing $name for ${secs}s" >&2
    "$out/$name" -max_total_time="$secs" "$out/corpus-$kind"
done
