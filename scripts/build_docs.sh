#!/usr/bin/env bash
# Lints the collection's docs and builds the docs site, offline, failing on any finding:
#  1. `antsibull-docs lint-collection-docs --plugin-docs` on the collection (plugin and role
#     docs, docs/docsite/extra-docs.yml and links.yml, the guides and their references);
#  2. `antsibull-docs collection` writes the RST of every plugin and role page and of the
#     guides in docs/docsite/rst/, then Sphinx builds HTML with warnings as errors, no
#     intersphinx (docs/sphinx/conf.py).
# The collection is staged first (scripts/stage_collection.py: the files git knows, as a
# commit holds them) and documented from that copy, so new plugins and roles are picked up.
# Usage: scripts/build_docs.sh OUTPUT_DIR [VENV_DIR]
#   OUTPUT_DIR receives the HTML site (index.html); it is emptied first.
#   VENV_DIR (default .venv-docs): a virtualenv made from requirements/docs.txt.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
output=${1:?usage: $0 OUTPUT_DIR [VENV_DIR]}
venv=${2:-$root/.venv-docs}

for tool in antsibull-docs sphinx-build ansible-doc; do
    if [[ ! -x "$venv/bin/$tool" ]]; then
        echo "ERROR: $venv/bin/$tool not found; make the venv from requirements/docs.txt" >&2
        exit 2
    fi
done
# antsibull-docs calls ansible-doc and ansible from PATH: they must be the venv's.
export PATH="$venv/bin:$PATH"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/collections"
staged=$("$venv/bin/python" "$root/scripts/stage_collection.py" "$work/collections" 2>/dev/null)
export ANSIBLE_COLLECTIONS_PATH="$work/collections"
# Only the staged copy may be documented, never a copy installed elsewhere on the machine.
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false

start=$SECONDS
echo "build_docs: linting the docs of $staged"
(cd "$staged" && antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs \
    --validate-collection-refs all --disallow-unknown-collection-refs .)
echo "ok   antsibull-docs lint-collection-docs --plugin-docs"

# antsibull-docs wants its output directory owned by and writable only by the user.
site="$work/site"
mkdir -m 700 "$site" "$site/rst"
cp "$root/docs/sphinx/conf.py" "$site/conf.py"
antsibull-docs --config-file "$root/docs/sphinx/antsibull-docs.cfg" collection \
    --use-current --squash-hierarchy --fail-on-error --cleanup everything \
    --dest-dir "$site/rst" nxcloud.whatsapp >"$work/antsibull.log" 2>&1 \
    || { cat "$work/antsibull.log" >&2; echo "FAIL build_docs: antsibull-docs collection" >&2; exit 1; }
# After antsibull-docs, whose --cleanup empties the directory: targets of references that its
# pages make to Ansible's own docsite (no intersphinx here).
cp "$root/docs/sphinx/ansible_labels.rst" "$site/rst/ansible_labels.rst"
pages=$(find "$site/rst" -name '*.rst' | wc -l)
echo "ok   antsibull-docs collection: $pages RST pages"

rm -rf "$output"
mkdir -p "$output"
sphinx-build -b html -W --keep-going -n -q -c "$site" -d "$work/doctrees" "$site/rst" "$output" \
    || { echo "FAIL build_docs: sphinx-build reported the warnings above" >&2; exit 1; }
echo "ok   sphinx-build (warnings as errors): $output/index.html"
echo "build_docs: passed in $((SECONDS - start)) s"
