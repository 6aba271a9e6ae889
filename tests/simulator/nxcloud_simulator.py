#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) 2025 nxcloud.whatsapp maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a loopback simulator of NxCloud's `POST /api/wa/getPhone` (HTTP or HTTPS).

    python tests/simulator/nxcloud_simulator.py [--port 0 --port-file F] [--tls --ca-file CA]
        [--data FILE] [--faults FILE] [--log FILE] [--data-shape object|array]
        [--clock-offset SECONDS] [--print-credentials] [--max-lifetime SECONDS]

It prints its URL, serves until SIGINT/SIGTERM (or --max-lifetime), and exits 0 after a
clean stop; 2 when an option or a data/fault file is unusable. See tests/simulator/README.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading

SIMULATOR_DIR = os.path.dirname(os.path.abspath(__file__))
if SIMULATOR_DIR not in sys.path:
    sys.path.insert(0, SIMULATOR_DIR)

# pylint: disable=wrong-import-position
from nxcloud_sim.api import DATA_SHAPES  # noqa: E402
from nxcloud_sim.data import DataFileError, load_dataset  # noqa: E402
from nxcloud_sim.faults import FaultFileError, load_rules  # noqa: E402
from nxcloud_sim.server import API_PATH, Simulator  # noqa: E402

SAMPLE_DATA = os.path.join(SIMULATOR_DIR, 'data', 'sample.yml')


def parse_arguments(argv):
    """Return the parsed command line."""
    parser = argparse.ArgumentParser(description='Loopback simulator of the NxCloud WhatsApp getPhone API (test use only).')
    parser.add_argument('--host', default='127.0.0.1', help='address to listen on (default 127.0.0.1; keep it on loopback)')
    parser.add_argument('--port', type=int, default=0, help='TCP port; 0 picks a free one (default)')
    parser.add_argument('--port-file', help='write the chosen port to this file once listening')
    parser.add_argument('--data', default=SAMPLE_DATA, help='accounts/apps/numbers, YAML or JSON (default: the bundled sample)')
    parser.add_argument('--tls', action='store_true', help='serve HTTPS with a CA generated for this run')
    parser.add_argument('--ca-file', help='with --tls: write the CA certificate (PEM) here, for the client\'s ca_path')
    parser.add_argument('--faults', help='fault injection rules, YAML or JSON (see README.md)')
    parser.add_argument('--log', help='append one JSON line per request to this file (never the secret or the signature)')
    parser.add_argument('--data-shape', choices=DATA_SHAPES, default='object',
                        help='object: data keyed by number (provider example); array: data.business_phones (provider table)')
    parser.add_argument('--clock-offset', type=float, default=0.0, help='shift the simulator clock by this many seconds (clock-skew tests)')
    parser.add_argument('--print-credentials', action='store_true',
                        help='print the access keys, secrets and appkeys of the data file (always done for the bundled sample)')
    parser.add_argument('--max-lifetime', type=float, default=0.0, help='stop by itself after this many seconds (0: run until signalled)')
    arguments = parser.parse_args(argv)
    if arguments.ca_file and not arguments.tls:
        parser.error('--ca-file needs --tls')
    if not 0 <= arguments.port <= 65535:
        parser.error('--port must be 0..65535')
    return arguments


def write_atomically(path, text):
    """Write `text` to `path` so that a reader never sees it half-written."""
    temporary = '%s.%d.tmp' % (path, os.getpid())
    with open(temporary, 'w', encoding='utf-8') as output:
        output.write(text)
    os.replace(temporary, path)


def is_bundled_sample(path):
    """Tell whether `path` is the bundled sample data, whose made-up credentials are shown freely."""
    try:
        return os.path.samefile(path, SAMPLE_DATA)
    except OSError:
        return False


def describe(simulator, arguments, ca_path):
    """Return the start-up banner: URL, what is loaded, how to stop."""
    dataset = simulator.dataset
    numbers = sum(len(app['phones']) for app in dataset.apps.values())
    lines = [
        'NxCloud simulator listening on %s (POST %s)' % (simulator.url, API_PATH),
        '  data: %s (%d apps, %d numbers), data shape: %s, clock offset: %+g s' % (
            arguments.data, len(dataset.apps), numbers, arguments.data_shape, arguments.clock_offset),
        '  faults: %s, log: %s' % (arguments.faults or 'none', arguments.log or 'none'),
    ]
    if ca_path:
        lines.append('  TLS CA certificate: %s (give it to the client as ca_path)' % ca_path)
    if arguments.print_credentials or is_bundled_sample(arguments.data):
        lines.append('  Credentials from the data file (test data, not real):')
        for access_key, account in sorted(dataset.accounts.items()):
            lines.append('    export NXCLOUD_ACCESS_KEY=%s NXCLOUD_ACCESS_SECRET=%s' % (access_key, account['access_secret']))
        lines.append('    export NXCLOUD_API_URL=%s' % simulator.url)
        for appkey, app in sorted(dataset.apps.items()):
            lines.append('    appkey %s%s: %d numbers' % (appkey, ' (%s)' % app['environment'] if app['environment'] else '', len(app['phones'])))
    lines.append('  Stop with Ctrl-C (SIGINT) or SIGTERM.')
    return '\n'.join(lines)


def main(argv=None):
    """Run the simulator until signalled; return the exit status."""
    arguments = parse_arguments(argv)
    try:
        dataset = load_dataset(arguments.data)
        rules = load_rules(arguments.faults) if arguments.faults else []
    except (DataFileError, FaultFileError) as error:
        sys.stderr.write('nxcloud_simulator: %s\n' % error)
        return 2
    try:
        simulator = Simulator(dataset, host=arguments.host, port=arguments.port, tls=arguments.tls, fault_rules=rules,
                              data_shape=arguments.data_shape, clock_offset=arguments.clock_offset, log_path=arguments.log,
                              data_path=arguments.data, load_data=load_dataset)
    except OSError as error:
        sys.stderr.write('nxcloud_simulator: cannot listen on %s:%d: %s\n' % (arguments.host, arguments.port, error))
        return 2

    temporary_ca = None
    ca_path = arguments.ca_file
    if arguments.tls:
        if not ca_path:
            handle, temporary_ca = tempfile.mkstemp(prefix='nxcloud-simulator-ca-', suffix='.pem')
            os.close(handle)
            ca_path = temporary_ca
        simulator.certificates.write_ca(ca_path)

    stop_requested = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda signum, frame: stop_requested.set())

    simulator.start()
    try:
        if arguments.port_file:
            write_atomically(arguments.port_file, '%d\n' % simulator.port)
        print(describe(simulator, arguments, ca_path), flush=True)
        stop_requested.wait(arguments.max_lifetime or None)
    finally:
        simulator.stop()
        if temporary_ca:
            os.unlink(temporary_ca)
    print('NxCloud simulator stopped after %d requests.' % simulator.requests_seen, flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
