# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Copyright: (c) 2026, nxcloud.whatsapp maintainers
"""Local stand-in for the get-pip.py that ansible-test downloads to bootstrap pip in its venvs.

ansible-test fetches get-pip.py from a host an offline machine cannot reach, unless a copy sits in
its cache (~/.ansible/test/cache/get_pip_<version>.py): noxfile.py copies this file there for
each ansible-test session. Like get-pip.py it receives pip options and package specs (for example
``--disable-pip-version-check pip==24.2 --no-setuptools --no-wheel``) and must leave the running
interpreter with pip installed: it does so with the standard library's ``ensurepip`` and then
asks pip for the exact version requested, keeping the bundled pip if the registry cannot serve it.
"""

import subprocess
import sys

# Options of get-pip.py itself that pip install does not know.
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')


def main():
    """Install pip into sys.executable's environment, then the requested packages."""
    arguments = sys.argv[1:]
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)

    pip_arguments = [argument for argument in arguments if argument not in GET_PIP_ONLY_OPTIONS]
    if not [argument for argument in pip_arguments if not argument.startswith('-')]:
        return

    command = [sys.executable, '-m', 'pip', 'install', '--quiet'] + pip_arguments
    if subprocess.call(command) != 0:
        sys.stderr.write('get-pip stand-in: "%s" failed; keeping the pip that ensurepip installed\n' % ' '.join(command[2:]))


if __name__ == '__main__':
    main()
