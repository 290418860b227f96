#!/bin/sh
# tools/cli-docs.sh VINN - write docs/cli.md from `vinn help` and every
# `vinn COMMAND --help`, so the reference cannot drift from the binary.
set -eu
vinn=$1
cd "$(dirname "$0")/.."
{
    printf '# The `vinn` command\n\nGenerated from `vinn help` and `vinn COMMAND --help` by tools/cli-docs.sh.\n\n'
    printf '```\n'
    "$vinn" help
    printf '```\n'
    "$vinn" help | sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\?\)  .*/\1/p' | grep -v '^help$\|^version$' |
        while read -r cmd; do
            printf '\n## vinn %s\n\n```\n' "$cmd"
            # shellcheck disable=SC2086
            "$vinn" $cmd --help | sed '/^Global options/,$d'
            printf '```\n'
        done
} >docs/cli.md
