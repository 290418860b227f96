#!/bin/sh
# tools/bench.sh BUILD_DIR - run every benchmark; each prints one line
# "bench NAME: N items, X items/s, ratio R vs BASELINE".
# BENCH_N overrides the invoice count (default 1000000).
set -eu
build=${1:-build-release}
"$build/bench/bench_invoices" "${BENCH_N:-1000000}"
"$build/bench/bench_payments" "${BENCH_N:-1000000}"
"$build/bench/bench_dayrun" "${BENCH_N:-1000000}"
