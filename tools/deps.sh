#!/bin/sh
# tools/deps.sh SET... - make sure the Debian packages a make target needs are
# installed. As root, installs what is missing (apt-get update once first);
# otherwise prints the one apt-get line to run and fails.
#
# Sets: build (compile vinn), check (run every test), bench (benchmarks),
# fuzz (libFuzzer targets), demo (make demo: jq for the bank files).
set -eu

pkgs_build="gcc make pkg-config meson ninja-build libsqlite3-dev libjansson-dev libcsv-dev libxml2-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev libmicrohttpd-dev libsodium-dev libpq-dev libgoogle-perftools-dev"
pkgs_check="libcmocka-dev postgresql-15 jq sqlite3 python3 curl python3-aiosmtpd libxml2-utils poppler-utils fonts-dejavu-core zbar-tools"
pkgs_bench="sqlite3 wrk"
pkgs_fuzz="clang libclang-rt-14-dev"
pkgs_demo="jq sqlite3 fonts-dejavu-core curl"

want=""
for set in "$@"; do
    case "$set" in
    build) want="$want $pkgs_build" ;;
    check) want="$want $pkgs_build $pkgs_check" ;;
    bench) want="$want $pkgs_build $pkgs_bench" ;;
    fuzz) want="$want $pkgs_build $pkgs_fuzz" ;;
    demo) want="$want $pkgs_build $pkgs_demo" ;;
    *) echo "deps.sh: unknown set '$set'" >&2; exit 2 ;;
    esac
done

missing=""
for p in $want; do
    case " $missing " in *" $p "*) continue ;; esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "vinn needs Debian packages that are missing; run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
