# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability gate: every matrix as a table, then `reliability: N passed, N failed`.

Run all: .venv/bin/python tests/reliability/run.py; some: run.py faults secrets.
Each matrix runs in its own process with its own test server, PARALLEL at a time (most of
their time is waiting: injected delays, Retry-After, ansible-playbook forks); their output
is printed whole, in order. Each cell or set counts once; a matrix that cannot run counts
as one failure.
"""

import os
import re
import subprocess
import sys
import time
import traceback

MATRICES = ['faults', 'bad_input', 'check_mode', 'secrets', 'concurrency']
MODULES = {'faults': 'fault_matrix'}
PARALLEL = 3
MATRIX_TIMEOUT = 600


def one(name):
    """Run one matrix in this process; print its table and its count line."""
    import harness  # pylint: disable=import-outside-toplevel
    harness.collection_root()
    start = time.monotonic()
    try:
        with harness.running_wiki() as wiki:
            passed, failed = __import__(MODULES.get(name, name)).run(wiki)
    except Exception:  # pylint: disable=broad-exception-caught
        traceback.print_exc()
        passed, failed = 0, 1
    finally:
        harness.remove_collection_root()
    print('%s: %d passed, %d failed (%.1f s)' % (name, passed, failed, time.monotonic() - start), flush=True)
    return 1 if failed else 0


def main(argv):
    if argv[:1] == ['--one']:
        return one(argv[1])
    wanted = argv or MATRICES
    unknown = set(wanted) - set(MATRICES)
    if unknown:
        print('unknown matrix: %s; matrices are: %s' % (', '.join(sorted(unknown)), ', '.join(MATRICES)))
        return 2
    running, outputs = [], {}
    queue = list(wanted)
    while queue or running:
        while queue and len(running) < PARALLEL:
            name = queue.pop(0)
            proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--one', name], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
            running.append((name, proc, time.monotonic()))
        name, proc, started = running.pop(0)
        try:
            outputs[name] = proc.communicate(timeout=max(1, MATRIX_TIMEOUT - (time.monotonic() - started)))[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            outputs[name] = proc.communicate()[0] + '\n%s: timed out after %d s' % (name, MATRIX_TIMEOUT)
    total_passed = total_failed = 0
    for name in wanted:
        print(outputs[name], end='', flush=True)
        found = re.search(r'^%s: (\d+) passed, (\d+) failed' % name, outputs[name], re.M)
        passed, failed = (int(found.group(1)), int(found.group(2))) if found else (0, 1)
        total_passed, total_failed = total_passed + passed, total_failed + failed
    print('reliability: %d passed, %d failed' % (total_passed, total_failed), flush=True)
    return 1 if total_failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
