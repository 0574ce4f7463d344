#!/bin/sh
# Writes a manual page from a program's own --help and --version with
# help2man, plus INCLUDE (help2man's include format). With --commands, the
# program is kartleser-cli: each command listed under "Commands:" in its
# --help gets a subsection with its own --help (usage and options).
#
# usage: make-man.sh HELP2MAN PROGRAM NAME INCLUDE OUTPUT [--commands]
set -eu

help2man=$1 program=$2 name=$3 include=$4 output=$5
# Absolute, since the wrapper below runs it from elsewhere.
case "$program" in
    /*) ;;
    *) program=$(pwd)/$program ;;
esac
commands=${6:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# English help texts in UTF-8; the programs must not touch anyone's files.
LC_ALL=C.UTF-8
HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config
export LC_ALL HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME
unset KARTLESER_DB KARTLESER_LOCALEDIR 2>/dev/null || true

: > "$tmp/commands.h2m"
if [ "$commands" = --commands ]; then
    "$program" --help > "$tmp/help"
    # "  programme add     Add a programme": a name of one or two words.
    sed -n '/^Commands:/,/^$/p' "$tmp/help" \
        | sed -E -n 's/^  ([a-z-]+( [a-z-]+)?)  +(.*)$/\1\t\3/p' > "$tmp/commands"
    [ -s "$tmp/commands" ] || { echo "make-man.sh: no commands in $program --help" >&2; exit 1; }

    printf '[COMMANDS]\n' > "$tmp/commands.h2m"
    printf 'Each command takes the options below, after its name; %s gives the same text.\n' \
        '\fBkartleser\-cli\fR \fICOMMAND\fR \fB\-\-help\fR' >> "$tmp/commands.h2m"
    while IFS="$(printf '\t')" read -r command summary; do
        # shellcheck disable=SC2086  # a command is one or two words
        "$program" $command --help > "$tmp/command-help"
        awk -v command="$command" -v summary="$summary" '
            function roff(s) {
                gsub(/\\/, "\\e", s)
                sub(/^[.'"'"']/, "\\\\\\&&", s)
                return s
            }
            function opt(s) {
                s = roff(s)
                gsub(/-/, "\\-", s)
                return s
            }
            BEGIN {
                printf ".SS \"%s\"\n%s\n", command, roff(summary)
            }
            /^Usage:/ { usage = 1; next }
            usage && /^  / {
                sub(/^  /, "")
                line = $0
                name = "kartleser-cli " command
                rest = substr(line, length(name) + 2)
                printf ".PP\n\\fB%s\\fR %s\n", opt(name), roff(rest)
                usage = 0
                next
            }
            /^Help Options:/ { section = "help"; next }
            /^Application Options:/ { section = "app"; next }
            /^$/ { next }
            section == "app" && /^  +-/ {
                line = $0
                sub(/^ +/, "", line)
                # The option and its argument, then two or more spaces.
                if (match(line, /  +/)) {
                    spec = substr(line, 1, RSTART - 1)
                    text = substr(line, RSTART + RLENGTH)
                } else {
                    spec = line
                    text = ""
                }
                arg = ""
                if (index(spec, "=")) {
                    arg = substr(spec, index(spec, "=") + 1)
                    spec = substr(spec, 1, index(spec, "=") - 1)
                }
                printf ".TP\n\\fB%s\\fR", opt(spec)
                if (arg != "")
                    printf "=\\fI%s\\fR", roff(arg)
                printf "\n%s\n", roff(text)
                next
            }
            # A description of the command below its options.
            section == "app" { sub(/^ +/, ""); printf ".PP\n%s\n", roff($0) }
        ' "$tmp/command-help" >> "$tmp/commands.h2m"
    done < "$tmp/commands"
fi
# The commands first: help2man keeps the include's own sections in order.
# NAME from the include, not --name: help2man would take the name from
# the first word of --version ("Kartleser 0.1.0").
printf '[NAME]\n%s \\- %s\n' "$(basename "$program")" "$name" > "$tmp/include.h2m"
cat "$tmp/commands.h2m" "$include" >> "$tmp/include.h2m"

# help2man reads "Usage: PROGRAM …" on one line and an "Options:" heading;
# GOption writes "Usage:" and the program on two lines, and its options in
# groups. The wrapper has the program's name, which names the page.
mkdir "$tmp/bin"
cat > "$tmp/bin/$(basename "$program")" <<WRAPPER
#!/bin/sh
"$program" "\$@" | sed -e '/^Usage:\$/{N;s/\n */ /;}' \
    -e 's/^Help Options:\$/Options:/' -e '/^Application Options:\$/d'
WRAPPER
chmod +x "$tmp/bin/$(basename "$program")"

"$help2man" --no-info --locale=C.UTF-8 --section=1 \
    --include="$tmp/include.h2m" --output="$tmp/page" "$tmp/bin/$(basename "$program")"
mv "$tmp/page" "$output"
