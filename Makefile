# Convenience wrapper around meson. `make` = `make build`.
# The Debian packages it needs are listed in .ci/packages.

BUILDDIR ?= build
ARGS ?=

GUI := $(BUILDDIR)/src/gui/kartleser
CLI := $(BUILDDIR)/src/cli/kartleser-cli

.PHONY: build deps test run install clean
.DEFAULT_GOAL := build

# Installs missing packages/locales; silent when everything is there.
deps:
	@sh .ci/install-deps

build: deps
	@if [ ! -f "$(BUILDDIR)/build.ninja" ]; then \
		meson setup "$(BUILDDIR)"; \
	fi
	meson compile -C "$(BUILDDIR)"

test: build
	meson test -C "$(BUILDDIR)" --print-errorlogs --num-processes 2

# The desktop application, with the translations and settings schema of the
# build tree. (The CLI fallback is for a build without the GUI.)
run: build
	@if [ -f "$(GUI)" ] && [ -x "$(GUI)" ]; then \
		KARTLESER_LOCALEDIR="$(BUILDDIR)/po" GSETTINGS_SCHEMA_DIR="$(BUILDDIR)/data" "$(GUI)" $(ARGS); \
	else \
		export KARTLESER_LOCALEDIR="$(BUILDDIR)/po"; \
		"$(CLI)" demo --if-empty && "$(CLI)" $(or $(ARGS),programme list); \
	fi

install: build
	meson install -C "$(BUILDDIR)"

clean:
	rm -rf "$(BUILDDIR)"
