#!/bin/sh
# po/POTFILES.in must list, sorted, every source and data file with
# translatable strings, and nothing else; otherwise their messages never
# reach nb.po.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Files that use _(), N_(), NP_(), C_() or NC_(), not counting the macros' definitions.
for f in src/*/*.c src/*/*.h ui/*.ui ui/gtk/*.ui; do
    [ -f "$f" ] || continue
    if grep -v '^#define' "$f" | grep -qE '(^|[^A-Za-z0-9_])(N|NP|C|NC)?_\(|translatable="yes"'; then
        echo "$f"
    fi
done > "$tmp/found"
# Data files merged with translations at build time (i18n.merge_file) or
# translated at run time (GSettings summaries and descriptions).
for f in data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; do
    [ -f "$f" ] || continue
    case "$f" in
        *.desktop.in) pattern='^(Name|GenericName|Comment|Keywords)=' ;;
        *.metainfo.xml.in) pattern='<(name|summary|caption|p|li)[ >]' ;;
        *.gschema.xml) pattern='<(summary|description)[ >]' ;;
    esac
    if grep -qE "$pattern" "$f"; then
        echo "$f"
    fi
done >> "$tmp/found"
LC_ALL=C sort "$tmp/found" > "$tmp/expected"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in > "$tmp/listed"

if ! LC_ALL=C sort -c "$tmp/listed" 2>/dev/null; then
    echo "po/POTFILES.in is not sorted" >&2
    exit 1
fi
LC_ALL=C comm -23 "$tmp/expected" "$tmp/listed" > "$tmp/missing"
LC_ALL=C comm -13 "$tmp/expected" "$tmp/listed" > "$tmp/extra"
if [ -s "$tmp/missing" ]; then
    echo "missing from po/POTFILES.in:" >&2
    sed 's/^/  /' "$tmp/missing" >&2
fi
if [ -s "$tmp/extra" ]; then
    echo "in po/POTFILES.in without translatable strings:" >&2
    sed 's/^/  /' "$tmp/extra" >&2
fi
[ ! -s "$tmp/missing" ] && [ ! -s "$tmp/extra" ] || exit 1
echo "po/POTFILES.in lists all $(wc -l < "$tmp/listed") files with translatable strings"
