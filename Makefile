# Entry points of the nxcloud.whatsapp collection. On a fresh machine, `make test` sets up
# everything it needs (pinned virtual environments, shellcheck) and runs every test; `make demo`
# runs the main job on the simulator. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Interpreters: real binaries, never pyenv shims (override on the command line if needed).
PYTHON311 ?= $(shell scripts/find_python.sh 3.11)
PYTHON312 ?= $(shell scripts/find_python.sh 3.12)

# One virtual environment per ansible-core of the support matrix.
VENV := .venv
VENV_216 := .venv-2.16
VENV_221 := .venv-2.21
# Tools of the docs and execution-environment gates (antsibull-docs, Sphinx, ansible-builder).
VENV_DOCS := .venv-docs
DOCS_REQUIREMENTS := $(wildcard requirements/docs.txt)

# The matrix to run: `make test VERSIONS=2.19` runs the newest on Python 3.11 only.
VERSIONS ?= 2.19,2.16,2.21
comma := ,
wants = $(filter $(1),$(subst $(comma), ,$(VERSIONS)))

NO_PYTHON312 := no Python 3.12 on this machine (looked in $${PYENV_ROOT:-~/.pyenv}/versions and on PATH); ansible-core 2.21 needs Python >= 3.12
# make test runs the ansible-test matrix and the collection-wide steps side by side (JOBS=1: one after the other).
JOBS ?= 2
RUN_TESTS = $(VENV)/bin/python scripts/run_tests.py --jobs $(JOBS) --versions "$(VERSIONS)" \
	$(if $(PYTHON312),,--skip "2.21=$(NO_PYTHON312)")

.PHONY: help venv venvs venv-docs shellcheck test sanity units integration pytest molecule lint docs package \
	demo simulator bench requirements clean

help:
	@echo "make test         set up everything and run every test (sanity, units, integration on each"
	@echo "                  ansible-core of the matrix, simulator tests, lint); ends with 'N passed, N failed'"
	@echo "make sanity | units | integration   ansible-test on each ansible-core of the matrix"
	@echo "make pytest       the plain pytest suites under tests/ (simulator, consistency, ...)"
	@echo "make molecule     the role's molecule scenarios (extensions/molecule)"
	@echo "make lint         ansible-lint (production), antsibull-changelog lint, scripts/check_consistency.py"
	@echo "make docs         docs lint and the docs site (scripts/build_docs.sh)"
	@echo "make package      build + install the tarball, ansible-doc from it; galaxy-importer; EE checks (scripts/check_ee.sh)"
	@echo "make demo         run the main job on the simulator (playbooks/demo.sh)"
	@echo "make simulator    start the NxCloud simulator in the foreground"
	@echo "make bench        run the benchmarks (benchmarks/run.sh)"
	@echo "make venv         the main environment .venv (ansible-core 2.19, Python 3.11, dev tools)"
	@echo "make venvs        every environment of the matrix (.venv, .venv-2.16, .venv-2.21 where Python 3.12 exists)"
	@echo "make venv-docs    the docs and EE tools (.venv-docs)"
	@echo "make requirements regenerate requirements/*.txt pins from requirements/*.in"
	@echo "make clean        remove environments, test output and staged copies"
	@echo "Variables: VERSIONS=$(VERSIONS)  PYTHON311=$(PYTHON311)  PYTHON312=$(PYTHON312)"

define need_python311
	@if [[ -z "$(PYTHON311)" ]]; then echo "ERROR: no Python 3.11 found (pyenv versions or PATH); pass PYTHON311=/path/to/python3.11" >&2; exit 1; fi
endef

venv:
	$(need_python311)
	@scripts/make_venv.sh $(VENV) "$(PYTHON311)" requirements/dev.txt

venvs: venv
	$(need_python311)
ifneq ($(call wants,2.16),)
	@scripts/make_venv.sh $(VENV_216) "$(PYTHON311)" requirements/ansible-2.16.txt
endif
ifneq ($(call wants,2.21),)
	@if [[ -n "$(PYTHON312)" ]]; then \
	    scripts/make_venv.sh $(VENV_221) "$(PYTHON312)" requirements/ansible-2.21.txt; \
	else \
	    echo "SKIP $(VENV_221) (ansible-core 2.21): $(NO_PYTHON312)"; \
	fi
endif

venv-docs:
	$(need_python311)
	@if [[ -z "$(DOCS_REQUIREMENTS)" ]]; then echo "ERROR: requirements/docs.txt does not exist" >&2; exit 1; fi
	@scripts/make_venv.sh $(VENV_DOCS) "$(PYTHON311)" requirements/docs.txt

shellcheck:
	@scripts/ensure_shellcheck.sh

test: venvs $(if $(DOCS_REQUIREMENTS),venv-docs) shellcheck
	@$(RUN_TESTS)

sanity: venvs shellcheck
	@$(RUN_TESTS) --steps sanity

units: venvs
	@$(RUN_TESTS) --steps units

integration: venvs
	@$(RUN_TESTS) --steps integration

pytest: venv
	@$(RUN_TESTS) --steps pytest

molecule: venv
	@$(RUN_TESTS) --steps molecule

lint: venv
	@$(RUN_TESTS) --steps ansible-lint,changelog-lint,consistency

docs: venv venv-docs
	@$(RUN_TESTS) --steps docs

package: venv venv-docs
	@$(RUN_TESTS) --steps galaxy-build,galaxy-importer,ee

demo: venv
	@if [[ ! -f playbooks/demo.sh ]]; then echo "ERROR: make demo runs playbooks/demo.sh, which does not exist yet (it comes with the simulator)" >&2; exit 1; fi
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" bash playbooks/demo.sh

simulator: venv
	@if [[ ! -f tests/simulator/nxcloud_simulator.py ]]; then echo "ERROR: tests/simulator/nxcloud_simulator.py does not exist yet" >&2; exit 1; fi
	@$(VENV)/bin/python tests/simulator/nxcloud_simulator.py --data tests/simulator/data/sample.yml

bench: venv
	@if [[ ! -f benchmarks/run.sh ]]; then echo "ERROR: make bench runs benchmarks/run.sh, which does not exist yet" >&2; exit 1; fi
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" bash benchmarks/run.sh

requirements:
	$(need_python311)
	@scripts/freeze_requirements.sh "$(PYTHON311)" "$(PYTHON312)"

clean:
	@stage_root=$$("$(or $(PYTHON311),python3)" scripts/run_tests.py --print-stage-root) && rm -rf "$$stage_root"
	rm -rf $(VENV) $(VENV_216) $(VENV_221) $(VENV_DOCS) tests/output build .pytest_cache
