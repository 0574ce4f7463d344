#!/bin/sh
# Builds the Debian package from a copy of the source tree, as a user would
# (dpkg-buildpackage -us -uc -b, with nocheck so that the package build does
# not run this suite again), runs lintian on it (no errors, no warnings),
# and checks what the package holds and that its programs run.
#
# usage: check-deb.sh SOURCE_ROOT VERSION
set -eu
src=${1:?usage: check-deb.sh SOURCE_ROOT VERSION}
version=${2:?usage: check-deb.sh SOURCE_ROOT VERSION}

for tool in dpkg-buildpackage dh lintian dpkg-deb help2man; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is missing (see .ci/packages)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kartleser-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/kartleser-$version
mkdir "$tree"

# The tree without version control, build folders (any folder holding a
# build.ninja) or the leftovers of an earlier package build.
tar -C "$src" \
    --exclude=./.git \
    --exclude-tag-all=build.ninja \
    --exclude='./build' --exclude='./obj-*' \
    --exclude=./debian/.debhelper --exclude=./debian/kartleser --exclude=./debian/tmp \
    --exclude=./debian/files --exclude='./debian/*.substvars' --exclude='./debian/*.log' \
    --exclude=./debian/debhelper-build-stamp \
    -cf - . | tar -C "$tree" -xf -

echo "# dpkg-buildpackage in $tree"
if ! (cd "$tree" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
        dpkg-buildpackage -us -uc -b -Pnocheck) > "$tmp/build.log" 2>&1; then
    tail -n 80 "$tmp/build.log" >&2
    echo "FAIL: dpkg-buildpackage failed" >&2
    exit 1
fi
# The package build must not have run the tests, nor built them.
if grep -q 'meson test\|Linking target tests/' "$tmp/build.log"; then
    echo "FAIL: the package build built or ran the test suite" >&2
    exit 1
fi

deb=$(ls "$tmp"/kartleser_"$version"_*.deb)
changes=$(ls "$tmp"/kartleser_"$version"_*.changes)
echo "# built $(basename "$deb")"

fail=0

echo "# lintian"
# lintian exits non-zero on errors and warnings (--fail-on); the tags are
# printed either way.
if ! lintian --fail-on error,warning --display-info --tag-display-limit 0 "$changes" > "$tmp/lintian" 2>&1; then
    echo "FAIL: lintian reports errors or warnings:" >&2
    fail=1
fi
cat "$tmp/lintian"
if grep -q '^[EW]: ' "$tmp/lintian"; then
    fail=1
fi

# What the package holds.
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' > "$tmp/contents"
for path in \
    /usr/bin/kartleser \
    /usr/bin/kartleser-cli \
    /usr/share/man/man1/kartleser.1.gz \
    /usr/share/man/man1/kartleser-cli.1.gz \
    /usr/share/applications/no.imtec.Kartleser.desktop \
    /usr/share/metainfo/no.imtec.Kartleser.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/no.imtec.Kartleser.svg \
    /usr/share/icons/hicolor/symbolic/apps/no.imtec.Kartleser-symbolic.svg \
    /usr/share/glib-2.0/schemas/no.imtec.Kartleser.gschema.xml \
    /usr/share/kartleser/schema/ou-fund-1.xsd \
    /usr/share/locale/nb/LC_MESSAGES/kartleser.mo \
    /usr/share/bash-completion/completions/kartleser-cli \
    /usr/share/doc/kartleser/copyright; do
    if ! grep -qx "$path" "$tmp/contents"; then
        echo "FAIL: the package has no $path" >&2
        fail=1
    fi
done
# The parts loaded when first used (src/core/kl-module.h).
for module in kl-db-pg kl-cli-documents; do
    if ! grep -q "^/usr/lib/.*/kartleser/$module\.so\$" "$tmp/contents"; then
        echo "FAIL: the package has no $module.so in its library folder" >&2
        fail=1
    fi
done
# Nothing of the tests or the build tree.
if grep -E '/test-|/bench-|/fuzz-|\.a$' "$tmp/contents" >&2; then
    echo "FAIL: the package holds test programs or static libraries" >&2
    fail=1
fi

# Its fields: the libraries from shlibs, the server only suggested.
depends=$(dpkg-deb -f "$deb" Depends)
suggests=$(dpkg-deb -f "$deb" Suggests)
echo "# Depends: $depends"
echo "# Suggests: $suggests"
for lib in libgtk-4-1 libadwaita-1-0 libsqlite3-0 libical3 libjson-glib-1.0-0; do
    case "$depends" in
        *"$lib"*) ;;
        *) echo "FAIL: Depends lacks $lib" >&2; fail=1 ;;
    esac
done
case "$depends" in
    *postgresql*) echo "FAIL: PostgreSQL must be suggested, not a dependency" >&2; fail=1 ;;
esac
case "$suggests" in
    *postgresql*) ;;
    *) echo "FAIL: Suggests lacks postgresql" >&2; fail=1 ;;
esac
if [ "$(dpkg-deb -f "$deb" Version)" != "$version" ]; then
    echo "FAIL: the package's version is $(dpkg-deb -f "$deb" Version), not $version" >&2
    fail=1
fi

# The programs as installed run, and the manual page is the CLI's.
dpkg-deb -x "$deb" "$tmp/root"
out=$(HOME=$tmp XDG_DATA_HOME=$tmp/data "$tmp/root/usr/bin/kartleser-cli" --version)
if [ "$out" != "kartleser-cli $version" ]; then
    echo "FAIL: the packaged kartleser-cli --version printed “$out”" >&2
    fail=1
fi
out=$(HOME=$tmp XDG_DATA_HOME=$tmp/data "$tmp/root/usr/bin/kartleser" --version)
if [ "$out" != "Kartleser $version" ]; then
    echo "FAIL: the packaged kartleser --version printed “$out”" >&2
    fail=1
fi
# The document commands come from their module, as packaged.
moduledir=$(dirname "$(find "$tmp/root/usr/lib" -name kl-cli-documents.so | head -n 1)")
if ! HOME=$tmp XDG_DATA_HOME=$tmp/data KARTLESER_MODULEDIR=$moduledir \
        "$tmp/root/usr/bin/kartleser-cli" --help | grep -q '^  funding apply '; then
    echo "FAIL: the packaged kartleser-cli --help lacks “funding apply” (its module)" >&2
    fail=1
fi
if ! gzip -dc "$tmp/root/usr/share/man/man1/kartleser-cli.1.gz" | grep -q '^\.SS "funding compute"'; then
    echo "FAIL: the packaged kartleser-cli.1 lacks the section of “funding compute”" >&2
    fail=1
fi

[ "$fail" -eq 0 ] && echo "ok: $(basename "$deb")"
exit "$fail"
