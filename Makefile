# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint venv bench clean messages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[web,dev]'
	touch $(STAMP)

venv: $(STAMP)

# Check the bundled sample photos; rejects are expected (exit 1), errors are not.
demo: venv
	$(VENV)/bin/photocheck check samples/*.jpg || [ $$? -eq 1 ]

lint: venv
	$(PY) -m ruff check .

# Headless Chromium for the web page test: Debian's package, driven by Playwright's Python API
# (never `playwright install`, which downloads a browser), and a Japanese font so the page's
# screenshots are readable. Installed only when missing.
.PHONY: browser
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
JA_FONT := /usr/share/fonts/opentype/ipafont-gothic
browser:
	test -x /usr/bin/chromium && test -d $(JA_FONT) || { $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends chromium fonts-ipafont-gothic; }

# TrueType fonts reportlab can embed for every script of the twelve languages (forms/script_fonts.py):
# Noto Sans (Latin with Vietnamese), Noto Sans Thai and Devanagari, NanumGothic (Hangul), Droid Sans
# Fallback (Chinese). Installed only when missing.
.PHONY: fonts
FONT_FILES := /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf \
  /usr/share/fonts/truetype/nanum/NanumGothic.ttf /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
fonts:
	ls $(FONT_FILES) >/dev/null 2>&1 || { $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends fonts-noto-core fonts-nanum \
	  fonts-droid-fallback; }

test: venv lint browser fonts
	$(PY) -m pytest

# Message catalogs (README "Languages"): extract every Text("...") msgid from the code into
# photocheck/locale/photocheck.pot with pybabel, then update each language's .po from it (new
# messages added untranslated, changed ones marked fuzzy, removed ones dropped). The .po files are
# read at run time, so there is no compile step and no binary in git.
messages: venv
	$(PY) -m photocheck.i18n.messages

bench: venv
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
