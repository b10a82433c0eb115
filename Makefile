# Two commands on a fresh Debian box: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSSTAMP := .sysdeps.ok
SYS_PY := /usr/bin/python3
APT_PKGS := libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 fonts-noto-cjk xvfb xauth ffmpeg \
	python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
	gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad \
	openbox xdotool x11-utils imagemagick dbus at-spi2-core python3-pyatspi \
	nats-server mosquitto poppler-utils

.PHONY: run test lint bench sysdeps venv screenshots i18n clean

# System libraries Qt and the tests need, and the X desk of `make screenshots` (openbox, xdotool,
# ImageMagick, the AT-SPI bus); apt-get when root, otherwise print the exact command. Checked again
# whenever this Makefile changes (a package added to the list).
sysdeps: $(SYSSTAMP)
$(SYSSTAMP): Makefile
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | tr '\n' ' '); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Missing system packages. Run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi
	@touch $@

venv: $(STAMP)
$(STAMP): pyproject.toml | $(SYSSTAMP)
	@command -v $(PY) >/dev/null || { echo "need $(PY) (Debian: sudo apt-get install -y python3 python3-venv)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check console tests main.py
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python main.py bench --json

i18n: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete $$(find console -name '*.py') -ts resources/i18n/console_zh_CN.ts resources/i18n/console_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/console_zh_CN.ts resources/i18n/console_en.ts

# docs/screenshots, fresh demo data each time. First the main screens under a real X server (video
# tiles are native windows); then the officer's run (tools/screen_run.py): the console under Xvfb with
# openbox, driven by real key presses and clicks (xdotool), one whole-screen PNG per step.
screenshots: $(STAMP)
	tmp=$$(mktemp -d) && HOME=$$tmp GRID_CONSOLE_DATA_DIR=$$tmp/data xvfb-run -a -s "-screen 0 1920x1080x24" \
	  $(BIN)/python main.py run --screenshot docs/screenshots --quit-after 20; status=$$?; rm -rf $$tmp; exit $$status
	$(SYS_PY) tools/screen_run.py --out docs/screenshots --python $(BIN)/python

clean:
	rm -rf $(VENV) $(SYSSTAMP)
