#!/usr/bin/env bash
# Checks the collection's execution-environment support without a container engine:
#  1. meta/execution-environment.yml: the built collection, installed, is introspected by
#     `ansible-builder introspect`, which must report exactly the requirements of the file it
#     names (meta/ee-requirements.txt), attributed to nxcloud.whatsapp;
#  2. examples/execution-environment: `ansible-builder create` writes the build context, then
#     the image build's galaxy step (ansible-galaxy collection install -r requirements.yml, run
#     in the context) and its introspection are replayed here, and ansible-doc reads the module
#     from what got installed.
# Building the image itself needs podman or docker, which this check does without.
# Usage: scripts/check_ee.sh COLLECTION_TARBALL   (the `package` nox session runs it)
#   COLLECTION_TARBALL: a built nxcloud-whatsapp-*.tar.gz. ansible-galaxy, ansible-builder and
#   ansible-doc come from PATH (the session's venv, requirements/docs.txt).
set -euo pipefail

tarball=${1:?usage: $0 COLLECTION_TARBALL}
root=$(cd "$(dirname "$0")/.." && pwd)
# Offline: nothing here may reach Galaxy; a local tarball needs no server.
export ANSIBLE_GALAXY_SERVER_LIST=none ANSIBLE_GALAXY_SERVER_NONE_URL=http://127.0.0.1:9/

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL check_ee: $*" >&2; exit 1; }

[[ -f "$tarball" ]] || fail "no collection tarball at $tarball"
echo "check_ee: collection $(basename "$tarball")"

# The requirement lines ansible-builder must find: meta/ee-requirements.txt without comments.
expected_requirements() {
    sed -e 's/[[:space:]]#.*//' -e 's/^#.*//' -e 's/[[:space:]]*$//' "$root/meta/ee-requirements.txt" | grep -v '^$' | sort
}
# introspect --write-pip writes "name>=x  # from collection ns.name"; keep ours, drop the note.
introspected_requirements() {
    ansible-builder introspect "$1" --write-pip "$2" >/dev/null
    grep -E '# from collection nxcloud\.whatsapp$' "$2" | sed -e 's/[[:space:]]*# from collection.*//' | sort || true
}

# 1. The collection's own metadata, as shipped in the tarball.
ansible-galaxy collection install --no-deps -p "$work/installed" "$tarball" >/dev/null 2>"$work/install.err" \
    || { cat "$work/install.err" >&2; fail "the tarball does not install"; }
introspected=$(introspected_requirements "$work/installed" "$work/introspect-pip.txt")
expected=$(expected_requirements)
[[ -n "$expected" ]] || fail "meta/ee-requirements.txt lists no requirement"
if [[ "$introspected" != "$expected" ]]; then
    echo "expected (meta/ee-requirements.txt):"; echo "$expected"
    echo "ansible-builder introspect found:"; echo "${introspected:-<nothing>}"
    fail "ansible-builder introspect does not see the collection's requirements (is meta/execution-environment.yml or its file build-ignored? ansible-builder also drops names it excludes: ansible-core, PyYAML, test tools)"
fi
echo "ok   ansible-builder introspect: $(echo "$introspected" | paste -sd ' ') from nxcloud.whatsapp"

# 2. The example execution environment.
cp -r "$root/examples/execution-environment" "$work/example"
cp "$tarball" "$work/example/nxcloud-whatsapp.tar.gz"
ansible-builder create --output-filename Containerfile --file "$work/example/execution-environment.yml" --context "$work/context" >"$work/create.log" 2>&1 \
    || { cat "$work/create.log" >&2; fail "ansible-builder create rejected examples/execution-environment/execution-environment.yml"; }
if grep -q WARNING "$work/create.log"; then
    cat "$work/create.log" >&2
    fail "ansible-builder create warned (a missing build file?)"
fi
containerfile="$work/context/Containerfile"
[[ -f "$containerfile" ]] || fail "ansible-builder create wrote no Containerfile"
grep -q 'ansible-galaxy collection install .*-r requirements.yml' "$containerfile" || fail "the Containerfile does not install the galaxy requirements"
[[ -f "$work/context/_build/collections/nxcloud-whatsapp.tar.gz" ]] || fail "the collection tarball is not in the build context"
echo "ok   ansible-builder create: the example definition gives a Containerfile and a build context with the collection"

# Replay the image's galaxy stage (WORKDIR /build = the context's _build) and builder stage.
(cd "$work/context/_build" && ansible-galaxy collection install --no-deps -r requirements.yml -p "$work/ee-collections" >/dev/null 2>"$work/ee-install.err") \
    || { cat "$work/ee-install.err" >&2; fail "the example's requirements.yml does not install from the build context"; }
ee_requirements=$(introspected_requirements "$work/ee-collections" "$work/ee-pip.txt")
[[ "$ee_requirements" == "$expected" ]] || fail "the example EE would not get the collection's Python requirements (got: ${ee_requirements:-nothing})"
ANSIBLE_COLLECTIONS_PATH="$work/ee-collections" ansible-doc -t module nxcloud.whatsapp.phone_info >/dev/null 2>"$work/doc.err" \
    || { cat "$work/doc.err" >&2; fail "ansible-doc cannot read nxcloud.whatsapp.phone_info from the EE's collections"; }
echo "ok   example EE: requirements.yml installs nxcloud.whatsapp from the build context; it brings $(echo "$ee_requirements" | paste -sd ' ')"
echo "check_ee: passed"
