#!/bin/sh
# tools/bench.sh BUILD_DIR - run every benchmark; each prints one line
# "bench NAME: N items, X items/s, ratio R vs BASELINE".
# BENCH_N overrides the invoice count (default 1000000).
set -eu
build=${1:-build-release}
"$build/bench/bench_invoices" "${BENCH_N:-1000000}"
"$build/bench/bench_payments" "${BENCH_N:-1000000}"
"$build/bench/bench_dayrun" "${BENCH_N:-1000000}"
# Documents: 10,000 PDF and 10,000 EHF invoices (BENCH_DOCS overrides).
"$build/bench/bench_documents" "${BENCH_DOCS:-10000}"
# The HTTP API under wrk, on the real server (BENCH_SECONDS per run).
sh "$(dirname "$0")/../bench/bench_api.sh" "$build/src/cli/vinn" "${BENCH_SECONDS:-10}" sqlite
VINN_PG_DURABLE=1 "$(dirname "$0")/pg.sh" run \
    sh "$(dirname "$0")/../bench/bench_api.sh" "$build/src/cli/vinn" "${BENCH_SECONDS:-10}" postgres
# BENCH_LARGE=1: the same 50,000 due invoices in a book of 10,000,000.
if [ "${BENCH_LARGE:-0}" = 1 ]; then
    "$build/bench/bench_dayrun" 10000000 "${TMPDIR:-/tmp}" 50000
fi
