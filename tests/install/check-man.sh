#!/bin/sh
# The manual pages made at build time: kartleser-cli.1 has a subsection per
# command of `kartleser-cli --help`, naming every option of that command's
# own --help; both pages name their program and version, and man renders
# them without a warning.
set -eu
cli=${1:?usage: check-man.sh CLI CLI_PAGE GUI_PAGE VERSION}
cli_page=${2:?} gui_page=${3:?} version=${4:?}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state LC_ALL=C.UTF-8
export HOME XDG_DATA_HOME XDG_STATE_HOME LC_ALL
unset KARTLESER_DB KARTLESER_LOCALEDIR 2>/dev/null || true

fail=0
"$cli" --help | sed -E -n '/^Commands:/,/^$/s/^  ([a-z-]+( [a-z-]+)?)  +.*/\1/p' > "$tmp/commands"
count=$(wc -l < "$tmp/commands")
if [ "$count" -lt 40 ]; then
    echo "FAIL: only $count commands read from $cli --help" >&2
    exit 1
fi

while read -r command; do
    # The subsection: from its .SS line to the next .SS or .SH.
    awk -v want=".SS \"$command\"" '
        $0 == want { inside = 1; next }
        inside && /^\.S[SH] / { exit }
        inside { print }
    ' "$cli_page" | sed 's/\\-/-/g' > "$tmp/section"
    if [ ! -s "$tmp/section" ]; then
        echo "FAIL: no subsection for “$command” in $cli_page" >&2
        fail=1
        continue
    fi
    # shellcheck disable=SC2086  # a command is one or two words
    "$cli" $command --help | sed -n '/^Application Options:/,$p' \
        | sed -E -n 's/^  +(-[a-zA-Z], )?(--[a-z][a-z-]*).*/\2/p' | sort -u > "$tmp/options"
    while read -r option; do
        if ! grep -q -- "\\\\fB$option\\\\fR\|, $option\\\\fR" "$tmp/section"; then
            echo "FAIL: $option of “$command” is not in its subsection" >&2
            fail=1
        fi
    done < "$tmp/options"
done < "$tmp/commands"
echo "checked $count commands"

check_page() {
    page=$1 title=$2 source=$3
    if ! grep -q "^\.TH $title \"1\" .* \"$source\"" "$page"; then
        echo "FAIL: $page: no .TH $title … \"$source\"" >&2
        sed -n '/^\.TH/p' "$page" >&2
        fail=1
    fi
    # man -l --warnings: groff's warnings (bad escapes, lines it cannot break).
    if ! MANWIDTH=80 man --warnings -E UTF-8 -l "$page" > "$tmp/out" 2> "$tmp/warnings"; then
        echo "FAIL: man could not render $page" >&2
        fail=1
    fi
    if [ -s "$tmp/warnings" ]; then
        echo "FAIL: man warns about $page:" >&2
        cat "$tmp/warnings" >&2
        fail=1
    fi
    if ! grep -q -- '--version' "$tmp/out"; then
        echo "FAIL: $page does not mention --version" >&2
        fail=1
    fi
}
check_page "$cli_page" KARTLESER-CLI "kartleser-cli $version"
check_page "$gui_page" KARTLESER "Kartleser $version"
exit "$fail"
