# Everything a fresh machine needs: `make run` and `make test` set up the venv themselves.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# The build backend for our own editable install; 70.1+ builds wheels without the wheel package.
SETUPTOOLS := setuptools==80.9.0

.PHONY: run test lint fmt eval bench bench-cluster soak serve docs clean sysdeps

# The venv is a file target keyed on the lock: a second run costs nothing.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps "$(SETUPTOOLS)"
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Servers and the browser the tests run for real (redis-server, chromium): installed from Debian
# when missing, never downloaded at run time. Needs root or sudo, as on the CI machines.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
sysdeps: packages.debian
	@missing=$$(grep -v '^#' packages.debian | while read -r p; do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "ok installed" || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; fi

run: $(STAMP)
	$(BIN)/laborlens serve --demo

test: $(STAMP) sysdeps lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/cog --check README.md

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The seeds, the real-text development set (evals/real), the made-up pages (evals/holdout) and
# the validation split (evals/real/validation, scored blind: aggregate figures and counts of
# misses by class only), side by side by the rules backend; reports per set and summary.md in
# evals/reports.
eval: $(STAMP)
	$(BIN)/laborlens eval --backend rules --set seeds --set real --set made-up --set validation \
		--report evals/reports

# LangExtract lives in its own venv: it is a benchmark opponent, never a dependency.
.venv-bench/.installed: benchmarks/setup.py
	$(PY) benchmarks/setup.py

bench: $(STAMP) .venv-bench/.installed
	$(BIN)/python -m benchmarks

# laborlens batch on a two-node local Ray cluster (started and stopped by the benchmark) against
# the in-process batch: 256 one-chunk documents, 32 calls in flight, a 500 ms fake.
bench-cluster: $(STAMP)
	$(BIN)/python -m benchmarks.cluster

# laborlens batch on 400 documents under seeded faults, killed with -9 and resumed.
soak: $(STAMP)
	$(BIN)/python -m benchmarks.soak

serve: $(STAMP)
	$(BIN)/laborlens serve

# Regenerate what is generated from code: README's command help and the JSON Schemas (HTTP
# bodies, the batch line).
docs: $(STAMP)
	$(BIN)/cog -r README.md
	$(BIN)/python -c "from schemas.api import write_json_schemas; write_json_schemas()"

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache evals/reports
