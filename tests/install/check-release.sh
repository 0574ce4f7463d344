#!/bin/sh
# One version and one date: meson's project version is the newest entry of
# debian/changelog and the newest <release> of the metainfo, on the same day.
set -eu
top=${1:?usage: check-release.sh SOURCE_ROOT VERSION}
version=${2:?usage: check-release.sh SOURCE_ROOT VERSION}
cd "$top"
fail=0

# kartleser (0.1.0) unstable; urgency=medium
deb_version=$(sed -n '1s/^kartleser (\([^)]*\)).*/\1/p' debian/changelog)
if [ "$deb_version" != "$version" ]; then
    echo "FAIL: debian/changelog is at “$deb_version”, meson.build at “$version”" >&2
    fail=1
fi
# " -- Name <mail>  Wed, 02 Dec 2026 12:00:00 +0000"
deb_date=$(sed -n '/^ -- /{s/^ -- .*>  //p;q;}' debian/changelog)
deb_day=$(LC_ALL=C date -u -d "$deb_date" +%Y-%m-%d)

metainfo=data/no.imtec.Kartleser.metainfo.xml.in
release=$(grep -m1 '<release ' "$metainfo")
rel_version=$(echo "$release" | sed -n 's/.*version="\([^"]*\)".*/\1/p')
rel_date=$(echo "$release" | sed -n 's/.*date="\([^"]*\)".*/\1/p')
if [ "$rel_version" != "$version" ]; then
    echo "FAIL: the newest release in $metainfo is “$rel_version”, meson.build at “$version”" >&2
    fail=1
fi
if [ "$rel_date" != "$deb_day" ]; then
    echo "FAIL: $metainfo releases $version on $rel_date, debian/changelog on $deb_day" >&2
    fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: $version of $rel_date"
exit "$fail"
