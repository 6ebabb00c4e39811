# Two commands do all set-up on a fresh machine with Python 3.11 and make:
#   make demo   the main job: Roeselare's website (and its other reports) under out/
#   make test   the whole test suite: pytest (library and plugins), the docs (warnings are
#               errors), import-linter (the layers), ruff and mypy
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PLUGINS := plugins/roeselare plugins/maple-falls

.PHONY: demo test pytest docs lint schema clean

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(PLUGINS))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs,pdf]' $(addprefix -e ,$(PLUGINS))
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eccar-plan validate examples/roeselare
	$(BIN)/eccar-plan check examples/roeselare --fail-on never
	$(BIN)/eccar-plan export examples/roeselare --output out/roeselare.json --force
	$(BIN)/eccar-plan report examples/roeselare --format roeselare-html --output out/roeselare.html --force
	$(BIN)/eccar-plan report examples/roeselare --format roeselare-docx --output out/roeselare.docx --force
	$(BIN)/eccar-plan report examples/roeselare --format roeselare-pdf --output out/roeselare.pdf --force
	$(BIN)/eccar-plan report examples/roeselare --format pdf --output out/roeselare-generic.pdf --force
	$(BIN)/eccar-plan report examples/roeselare --format xlsx --output out/roeselare.xlsx --force
	$(BIN)/eccar-plan report examples/roeselare --format html --output out/roeselare-site --force
	@echo
	@echo "Roeselare's plan website: open $(CURDIR)/out/roeselare-site/index.html in a browser."
	@echo "Also in out/: roeselare.html, roeselare.docx and roeselare.pdf (the city's own layout),"
	@echo "roeselare-generic.pdf (the council PDF in the generic layout), roeselare.xlsx, roeselare.json."

test: pytest docs lint

pytest: $(STAMP)
	$(BIN)/pytest
	for plugin in $(PLUGINS); do (cd $$plugin && $(CURDIR)/$(BIN)/pytest) || exit 1; done

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -n -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	for plugin in $(PLUGINS); do $(BIN)/mypy $$plugin/src $$plugin/tests || exit 1; done

schema: $(STAMP)
	$(BIN)/python -m eccar_plan.schema src/eccar_plan/schema

clean:
	rm -rf $(VENV) docs/_build out .pytest_cache .mypy_cache .ruff_cache .hypothesis
