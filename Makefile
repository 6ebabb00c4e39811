# Two commands do all set-up on a fresh machine with Python 3.11 and make:
#   make demo   the main job: validate the example plan and write its reports under out/
#   make test   the whole test suite: pytest, the docs (warnings are errors), ruff and mypy
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test pytest docs lint schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eccar-plan validate examples/small-city
	$(BIN)/eccar-plan check examples/small-city --fail-on never
	$(BIN)/eccar-plan report examples/small-city --format json --output out/small-city.json --force

test: pytest docs lint

pytest: $(STAMP)
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -n -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/python -m eccar_plan.schema src/eccar_plan/schema

clean:
	rm -rf $(VENV) docs/_build out .pytest_cache .mypy_cache .ruff_cache .hypothesis
