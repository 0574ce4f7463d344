#!/bin/sh
# debian/control builds what .ci/packages builds: every development package
# (lib*-dev) and build tool listed there is a Build-Depends of the Debian
# package. CI has all of .ci/packages installed, so a library missing from
# debian/control would not break the package's test build, only a clean
# builder's.
set -eu
top=${1:?usage: check-build-depends.sh SOURCE_ROOT}
cd "$top"
list=$(mktemp)
trap 'rm -f "$list"' EXIT

# The Build-Depends field, one package name a line (versions and build
# profiles dropped).
awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, ""); print; next }
     on && /^[ \t]/ { print; next }
     { on = 0 }' debian/control \
    | tr ',' '\n' | sed -e 's/[(<[].*//' -e 's/[ \t]//g' | sed '/^$/d' | sort -u > "$list"

fail=0
for pkg in $(sed 's/#.*//' .ci/packages); do
    case "$pkg" in
        lib*-dev | meson | ninja-build | pkg-config | gettext | help2man | gtk-update-icon-cache) ;;
        *) continue ;;
    esac
    if ! grep -qx "$pkg" "$list"; then
        echo "FAIL: $pkg is in .ci/packages but not in debian/control's Build-Depends" >&2
        fail=1
    fi
done
[ "$fail" -eq 0 ] && echo "ok: $(wc -l < "$list") Build-Depends cover .ci/packages"
exit "$fail"
