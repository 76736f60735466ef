# make demo: set up .venv and print the quantities of a bundled real report.
# make test: same set-up, then the test suite (this is what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO ?= corpora/reports/000_d6e3c5fb2c655f82.txt

.PHONY: demo test venv gate bench clean

$(BIN)/govextract: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

venv: $(BIN)/govextract

demo: venv
	$(BIN)/govextract quantities $(DEMO)

test: venv
	$(BIN)/python -m pytest

gate: venv
	$(BIN)/python benchmarks/accuracy.py --gate

bench: venv
	$(BIN)/python benchmarks/quantities_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
