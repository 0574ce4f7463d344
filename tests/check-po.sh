#!/bin/sh
# A translation is well-formed, complete and current: every message the
# sources mark for translation is in po/LANG.po, translated, not fuzzy.
set -eu
top=${1:?usage: check-po.sh SOURCE_ROOT LANG}
lang=${2:?usage: check-po.sh SOURCE_ROOT LANG}
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

msgfmt --check --check-format --statistics -o /dev/null "po/$lang.po"

xgettext --from-code=UTF-8 --files-from=po/POTFILES.in --output="$tmp/current.pot" \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dngettext:2,3 --keyword=NP_:1,2 --keyword=kl_ngettext:1,2 2>/dev/null
# Fails on a message that is missing, untranslated or fuzzy, naming it.
msgcmp "po/$lang.po" "$tmp/current.pot"
echo "po/$lang.po covers every message in the sources"
