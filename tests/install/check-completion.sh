#!/bin/bash
# The bash completion of kartleser-cli, loaded the way bash-completion
# loads it, completes commands, second words and options from the
# program's own --help, and file names where a command takes a file.
set -u
completion=${1:?usage: check-completion.sh COMPLETION_FILE CLI}
cli=${2:?usage: check-completion.sh COMPLETION_FILE CLI}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state LC_ALL=C.UTF-8

# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion || { echo "FAIL: no bash-completion" >&2; exit 1; }
# shellcheck disable=SC1090
source "$completion"
mkdir "$tmp/bin" "$tmp/work"
ln -s "$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")" "$tmp/bin/kartleser-cli"
PATH=$tmp/bin:$PATH
cd "$tmp/work" && touch deltakere.csv notes.txt

fail=0
# expect "WANTED" WORD…: the completions of the last word, sorted, joined by spaces.
expect() {
    local wanted=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _kartleser_cli 2>/dev/null
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" != "$wanted" ]; then
        echo "FAIL: [$*] completes to “$got”, not “$wanted”" >&2
        fail=1
    else
        echo "ok: [$*] → $got"
    fi
}

expect "programme" kartleser-cli progr
expect "programme" kartleser-cli --json progr
expect "funding" kartleser-cli --db x.db fund
expect "add delete edit list show" kartleser-cli programme ''
expect "apply compute export grant paid reject request sent show verify" kartleser-cli funding ''
expect "--db --help --json --version" kartleser-cli -
expect "--help --json --year=" kartleser-cli holidays --
expect "--client=" kartleser-cli programme add --cl
expect "--dry-run" kartleser-cli session repeat --dry
expect "deltakere.csv notes.txt" kartleser-cli import participants ''
expect "deltakere.csv" kartleser-cli backup del
expect "notes.txt" kartleser-cli export csv --output no
expect "notes.txt" kartleser-cli funding export -o no
exit "$fail"
