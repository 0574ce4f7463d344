#!/bin/sh
# Every screenshot of the metainfo is a file in data/screenshots/ (published
# at the https address the metainfo gives), a PNG of at least 1000×600
# pixels; and every file there is named in the metainfo.
set -eu
top=${1:?usage: check-screenshots.sh SOURCE_ROOT}
cd "$top"
metainfo=data/no.imtec.Kartleser.metainfo.xml.in
fail=0

urls=$(sed -n 's|.*<image[^>]*>\(.*\)</image>.*|\1|p' "$metainfo")
[ -n "$urls" ] || { echo "FAIL: no screenshots in $metainfo" >&2; exit 1; }
for url in $urls; do
    case "$url" in
        https://*) ;;
        *) echo "FAIL: $url is not an https address" >&2; fail=1 ;;
    esac
    file=data/screenshots/$(basename "$url")
    if [ ! -f "$file" ]; then
        echo "FAIL: $url names $file, which is not in the repository" >&2
        fail=1
        continue
    fi
    # PNG: signature, then IHDR with width and height as 32-bit big-endian.
    sig=$(od -An -tx1 -N8 "$file" | tr -d ' \n')
    if [ "$sig" != 89504e470d0a1a0a ]; then
        echo "FAIL: $file is not a PNG" >&2
        fail=1
        continue
    fi
    width=$(od -An -tu1 -j16 -N4 "$file" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
    height=$(od -An -tu1 -j20 -N4 "$file" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
    if [ "$width" -lt 1000 ] || [ "$height" -lt 600 ]; then
        echo "FAIL: $file is ${width}×${height}, smaller than 1000×600" >&2
        fail=1
    fi
    echo "$file: ${width}×${height}"
done
for file in data/screenshots/*.png; do
    if ! echo "$urls" | grep -q "/$(basename "$file")\$"; then
        echo "FAIL: $file is not named in $metainfo" >&2
        fail=1
    fi
done
exit "$fail"
