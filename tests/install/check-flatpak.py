#!/usr/bin/env python3
"""The Flatpak manifest: valid JSON, the app id, a GNOME runtime Flathub
still supports, the modules the runtime lacks (libical, libpq) pinned by
checksum before the application, and finish-args no wider than the
application needs (no home folder: files go through the portal).

usage: check-flatpak.py MANIFEST APP_ID
"""
import json
import re
import sys

# GNOME 48 (March 2025) and newer; 47 and older are end-of-life on Flathub.
OLDEST_SUPPORTED_GNOME = 48
REQUIRED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--share=network",  # the team server (PostgreSQL)
}
MODULES_NEEDED = ["libical", "libpq"]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as error:
        print(f"FAIL: {path}: {error}", file=sys.stderr)
        return 1

    if manifest.get("app-id", manifest.get("id")) != app_id:
        fail(f"app-id is {manifest.get('app-id')!r}, not {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        fail(f"runtime is {manifest.get('runtime')!r}, not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        fail(f"sdk is {manifest.get('sdk')!r}, not org.gnome.Sdk")
    branch = str(manifest.get("runtime-version", ""))
    if not branch.isdigit() or int(branch) < OLDEST_SUPPORTED_GNOME:
        fail(f"runtime-version {branch!r} is not a supported GNOME runtime (>= {OLDEST_SUPPORTED_GNOME})")
    if manifest.get("command") != "kartleser":
        fail(f"command is {manifest.get('command')!r}, not kartleser")

    finish_args = manifest.get("finish-args", [])
    if len(finish_args) != len(set(finish_args)):
        fail("finish-args has duplicates")
    missing = REQUIRED_FINISH_ARGS - set(finish_args)
    extra = set(finish_args) - REQUIRED_FINISH_ARGS
    if missing:
        fail("finish-args lacks " + ", ".join(sorted(missing)))
    if extra:
        fail("finish-args grants more than needed: " + ", ".join(sorted(extra)))
    for arg in finish_args:
        if arg.startswith("--filesystem=") and arg.split("=", 1)[1].split(":")[0] in ("home", "host", "~"):
            fail(f"{arg}: no home folder access; the file chooser portal is enough")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    for needed in MODULES_NEEDED:
        if needed not in names:
            fail(f"no module {needed!r} (the GNOME runtime lacks it)")
    if not names or names[-1] != "kartleser":
        fail(f"the last module is {names[-1] if names else None!r}, not kartleser")
    else:
        app = modules[-1]
        if app.get("buildsystem") != "meson":
            fail("the kartleser module is not built with meson")
        if "-Dtests=false" not in app.get("config-opts", []):
            fail("the kartleser module builds the tests (-Dtests=false)")
        if not any(s.get("type") == "dir" for s in app.get("sources", [])):
            fail("the kartleser module is not built from this source tree (type dir)")

    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file"):
                url = source.get("url", "")
                if not url.startswith("https://"):
                    fail(f"{module['name']}: {url!r} is not an https address")
                if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                    fail(f"{module['name']}: {url} has no sha256")

    if not failures:
        print(f"ok: {app_id} on org.gnome.Platform {branch}, modules {', '.join(names)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
