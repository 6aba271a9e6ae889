# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Copyright: (c) 2026, nxcloud.whatsapp maintainers
"""Copy the collection to <root>/ansible_collections/nxcloud/whatsapp for ansible-test.

ansible-test must run from a directory laid out as ansible_collections/<namespace>/<name>.
A symlinked path, or a copy inside this git work tree, makes it skip every target without
an error, so this makes a real copy outside the work tree and refuses anything else. The files
copied are those git knows plus untracked files that are not ignored: what a commit would hold.

Usage: python scripts/stage_collection.py DEST_ROOT   (prints the staged collection path)
"""

import os
import shutil
import subprocess
import sys

NAMESPACE = 'nxcloud'
NAME = 'whatsapp'


def repository_root():
    """Return the git work tree that holds this script."""
    here = os.path.dirname(os.path.abspath(__file__))
    output = subprocess.check_output(['git', '-C', here, 'rev-parse', '--show-toplevel'])
    return os.path.realpath(output.decode('utf-8').strip())


def collection_files(root):
    """Return the relative paths of tracked and untracked-but-not-ignored files that exist."""
    output = subprocess.check_output(
        ['git', '-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    paths = sorted(set(path for path in output.decode('utf-8').split('\0') if path))
    # A tracked file deleted in the work tree is still listed by --cached.
    return [path for path in paths if os.path.lexists(os.path.join(root, path))]


def is_within(path, directory):
    """Return True when path is directory itself or lies below it."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def checked_destination(dest_root, work_tree):
    """Return the collection directory under dest_root, or exit naming what is wrong with it."""
    dest_root = os.path.abspath(dest_root)
    collection_dir = os.path.join(dest_root, 'ansible_collections', NAMESPACE, NAME)
    os.makedirs(os.path.dirname(collection_dir), exist_ok=True)
    real_parent = os.path.realpath(os.path.dirname(collection_dir))
    if real_parent != os.path.dirname(collection_dir):
        sys.exit('ERROR: staging path %s goes through a symlink (real path %s); ansible-test would skip every '
                 'target. Point TMPDIR to a real directory.' % (collection_dir, real_parent))
    if is_within(real_parent, work_tree):
        sys.exit('ERROR: staging path %s is inside the git work tree %s; ansible-test would skip every target. '
                 'Stage outside the work tree.' % (collection_dir, work_tree))
    return collection_dir


def stage(work_tree, collection_dir):
    """Replace collection_dir by a fresh copy of the collection's files; return how many were copied."""
    files = collection_files(work_tree)
    if os.path.islink(collection_dir) or os.path.isfile(collection_dir):
        os.unlink(collection_dir)
    elif os.path.isdir(collection_dir):
        shutil.rmtree(collection_dir)
    for relative_path in files:
        source = os.path.join(work_tree, relative_path)
        target = os.path.join(collection_dir, relative_path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    return len(files)


def main():
    """Stage the collection and print where it is."""
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    work_tree = repository_root()
    collection_dir = checked_destination(sys.argv[1], work_tree)
    count = stage(work_tree, collection_dir)
    if not os.path.isfile(os.path.join(collection_dir, 'galaxy.yml')):
        sys.exit('ERROR: no galaxy.yml was staged from %s' % work_tree)
    sys.stderr.write('Staged %d files from %s to %s\n' % (count, work_tree, collection_dir))
    print(collection_dir)


if __name__ == '__main__':
    main()
