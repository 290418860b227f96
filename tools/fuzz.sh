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
    pkgs="libxml-2.0 jansson cairo pangocairo libqrencode"
    srcs="src/base/*.c src/core/*.c src/formats/*.c"
    if [ "$name" = fuzz_api ]; then
        # the request bodies down to the use cases: every layer but the CLI
        pkgs="$pkgs sqlite3 libcurl libsodium libmicrohttpd"
        srcs="$srcs src/store/*.c src/channels/*.c src/app/*.c src/http/*.c"
    fi
    # shellcheck disable=SC2046,SC2086
    clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
        $(pkg-config --cflags $pkgs) $srcs "$target" \
        -lcsv -lm -lpthread $(pkg-config --libs $pkgs) -o "$out/$name"
    rm -rf "$out/corpus-$kind"
    cp -r "tests/fuzz/corpus/$kind" "$out/corpus-$kind"
    echo "fuzzing $name for ${secs}s" >&2
    "$out/$name" -max_total_time="$secs" "$out/corpus-$kind"
done
