#!/bin/sh
# tools/check-layers.sh - the layering of DESIGN.md, checked on every include:
# base <- core <- store, formats, channels <- app <- http, cli. Arrows point
# down only; a layer never includes a layer above it (nor a sibling it may
# not see). Exits 1 and names each include that breaks the rule.
set -eu
cd "$(dirname "$0")/.."
allowed() {
    case "$1" in
    base) echo "base" ;;
    core) echo "base core" ;;
    store | formats | channels) echo "base core $1" ;;
    app) echo "base core store formats channels app" ;;
    http) echo "base core store formats channels app http" ;;
    cli) echo "base core store formats channels app http cli" ;;
    esac
}
bad=0
for layer in base core store formats channels app http cli; do
    [ -d "src/$layer" ] || continue
    ok=$(allowed "$layer")
    for f in $(find "src/$layer" -name '*.[ch]'); do
        for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*"/\1/p' "$f"); do
            case " $ok " in
            *" $inc "*) ;;
            *) echo "layering: $f includes $inc/ (a $layer file may include: $ok)"; bad=1 ;;
            esac
        done
    done
done
exit $bad
