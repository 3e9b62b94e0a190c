# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint venv bench clean

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

test: venv lint
	$(PY) -m pytest

bench: venv
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
