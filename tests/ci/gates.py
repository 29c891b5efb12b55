# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make test`: every quality gate in turn, then one line `N passed, N failed`.

Each gate runs as its own process, two at a time, and reports its own
counts (tests, sanity tests, targets, modules); its output is printed as one
block when it ends, and the last line sums them. A gate that cannot run
counts as one failure, so the total never hides it. Run some gates with
`gates.py NAME ...`.
"""

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time

from collection_copy import REPO, collections_path, install_get_pip_stand_in, make_copy

PYTHON = sys.executable
GATE_TIMEOUT = 1200
# The integration runner bounds each target (tests/ci/integration.py); this bounds all of them together.
INTEGRATION_TIMEOUT = 2700


def run(command, cwd=REPO, env=None, timeout=GATE_TIMEOUT):
    """Run a command, echo its output, return (exit code, output).

    The command gets its own process group, so that a timeout also ends what it started
    (ansible-test, ansible-playbook, test servers) rather than leaving them running.
    """
    print('$ %s' % ' '.join(command), flush=True)
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          stdin=subprocess.DEVNULL, start_new_session=True) as proc:
        try:
            output = proc.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output = proc.communicate()[0]
            print(output + '\nTIMEOUT after %s s' % timeout, flush=True)
            return 124, output
    print(output, end='', flush=True)
    return proc.returncode, output


def pytest_counts(output):
    """Sum every pytest summary line in the output ('3 passed, 1 failed in 0.4s')."""
    passed = failed = 0
    for line in output.splitlines():
        if not re.search(r'\b(passed|failed|error|errors|skipped)\b.* in [0-9.]+s', line):
            continue
        passed += sum(int(n) for n in re.findall(r'(\d+) passed', line))
        failed += sum(int(n) for n in re.findall(r'(\d+) (?:failed|errors?)\b', line))
    return passed, failed


def gate_pytest():
    code, output = run([PYTHON, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs'])
    passed, failed = pytest_counts(output)
    return passed, failed + (1 if code not in (0, 5) and not failed else 0)


def ansible_test(command):
    """``ansible-test <command>`` in a fresh copy of the collection, removed afterwards."""
    install_get_pip_stand_in()
    root, collection = make_copy(command)
    try:
        return run(['ansible-test', command, '--venv', '--python', '3.11', '--color', 'no'], cwd=collection)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def gate_sanity():
    code, output = ansible_test('sanity')
    ran = set(re.findall(r'^Running sanity test "([a-z0-9-]+)"', output, re.M))
    # A test ansible-test skips (a missing tool, nothing to check) did not pass.
    ran -= set(re.findall(r"^WARNING: Skipping sanity test '([a-z0-9-]+)'", output, re.M))
    tests = sorted(ran)
    # ansible-test ends a failed run with "The N sanity test(s) listed below (out of M) failed." and the names.
    summary = re.search(r'sanity test\(s\) listed below \(out of \d+\) failed[^\n]*\n((?:[a-z0-9-]+\n)+)', output)
    if summary:
        failed = summary.group(1).split()
        return len(set(tests) - set(failed)), len(failed)
    if code != 0 or not tests:
        return 0, 1
    return len(tests), 0


def gate_units():
    code, output = ansible_test('units')
    passed, failed = pytest_counts(output)
    return passed, failed + (1 if code != 0 and not failed else 0)


def gate_integration():
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'integration.py')], timeout=INTEGRATION_TIMEOUT)
    return _counts_line(code, output, 'integration')


def gate_integration_live():
    if not (os.environ.get('WIKIJS_TEST_URL') and os.environ.get('WIKIJS_TEST_API_KEY')):
        print('integration-live: WIKIJS_TEST_URL / WIKIJS_TEST_API_KEY not set, no real Wiki.js to test against')
        return None
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'integration.py'), '--live'], timeout=INTEGRATION_TIMEOUT)
    return _counts_line(code, output, 'integration-live')


def gate_reliability():
    """The matrices of docs/reliability.md: faults, bad input, check mode, secrets, concurrency."""
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'reliability', 'run.py')])
    return _counts_line(code, output, 'reliability')


def _one(command, cwd=REPO):
    code, dummy = run(command, cwd=cwd)
    return (1, 0) if code == 0 else (0, 1)


def gate_lint():
    # Offline, ansible-lint does not install the collection it lints: point it at this checkout.
    with collections_path() as path:
        code, dummy = run(['ansible-lint', '--profile', 'production', '--offline', '--nocolor'],
                          env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path))
    return (1, 0) if code == 0 else (0, 1)


def gate_changelog():
    return _one(['antsibull-changelog', 'lint'])


def gate_docs():
    return _one(['antsibull-docs', 'lint-collection-docs', '--plugin-docs', '.'])


def gate_build():
    """Build the tarball, install it, and render every module with ansible-doc."""
    work = tempfile.mkdtemp(prefix='wikijs-build-')
    try:
        code, dummy = run(['ansible-galaxy', 'collection', 'build', '--output-path', os.path.join(work, 'build')])
        tarballs = glob.glob(os.path.join(work, 'build', 'wikijs-wikijs-*.tar.gz'))
        if code or not tarballs:
            return 0, 1
        code, dummy = run(['ansible-galaxy', 'collection', 'install', tarballs[0], '-p', os.path.join(work, 'inst')])
        if code:
            return 0, 1
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(work, 'inst'))
        passed = failed = 0
        for path in sorted(glob.glob(os.path.join(REPO, 'plugins', 'modules', '*.py'))):
            module = 'wikijs.wikijs.' + os.path.basename(path)[:-3]
            code, output = run(['ansible-doc', '--json', '-t', 'module', module], env=env)
            # ansible-doc exits 0 for a module it cannot find: insist on real docs.
            ok = code == 0 and '"doc"' in output and '"examples"' in output and '"return"' in output
            passed, failed = passed + ok, failed + (not ok)
        return passed, failed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def gate_awx_job():
    """AWX-style jobs under ansible-runner over HTTPS (tests/awx)."""
    code, output = run([PYTHON, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/awx'])
    passed, failed = pytest_counts(output)
    return passed, failed + (1 if code != 0 and not failed else 0)


def gate_ee():
    """ansible-builder: introspect finds requests in the collection; create makes a build context offline."""
    work = tempfile.mkdtemp(prefix='wikijs-ee-')
    checks = []
    try:
        code, dummy = run(['ansible-galaxy', 'collection', 'build', '--output-path', work])
        tarballs = glob.glob(os.path.join(work, 'wikijs-wikijs-*.tar.gz'))
        code = code or not tarballs or run(['ansible-galaxy', 'collection', 'install', '--offline', tarballs[0],
                                            '-p', os.path.join(work, 'colls')])[0]
        checks.append(not code)
        code, output = run(['ansible-builder', 'introspect', os.path.join(work, 'colls')])
        checks.append(code == 0 and re.search(r"^\s*-\s*'?requests\b.*# from collection wikijs\.wikijs", output, re.M) is not None)
        context = os.path.join(work, 'context')
        code, dummy = run(['ansible-builder', 'create', '-f', os.path.join(REPO, 'docs', 'execution-environment.yml'),
                           '-c', context, '--output-filename', 'Containerfile'])
        containerfile = os.path.join(context, 'Containerfile')
        ok = code == 0 and os.path.exists(containerfile)
        if ok:
            with open(containerfile) as handle:
                text = handle.read()
            with open(os.path.join(context, '_build', 'requirements.yml')) as handle:
                galaxy = handle.read()
            # The galaxy stage installs the collection; the builder stage introspects it for requests.
            ok = 'ansible-galaxy' in text and 'introspect' in text and 'wikijs.wikijs' in galaxy
        checks.append(ok)
        # The build context's own introspect script, as the builder stage runs it, on the installed collection.
        code, output = run([PYTHON, os.path.join(context, '_build', 'scripts', 'introspect.py'), 'introspect',
                            os.path.join(work, 'colls')]) if ok else (1, '')
        checks.append(code == 0 and re.search(r"^\s*-\s*'?requests\b.*# from collection wikijs\.wikijs", output, re.M) is not None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('ee: %d of %d checks passed (install, introspect, create, context introspect)' % (sum(checks), len(checks)))
    return checks.count(True), checks.count(False)


def gate_docs_site():
    """The docs site built offline and looked at with headless Chromium; NOT RUN without Chromium."""
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'docs_site.py'), 'check'])
    if 'chromium not found' in output:
        return None
    return _counts_line(code, output, 'docs-site')


def gate_matrix():
    """The demo and one target under each supported ansible-core (tests/ci/matrix.py)."""
    code, output = run([PYTHON, os.path.join(REPO, 'tests', 'ci', 'matrix.py')])
    return _counts_line(code, output, 'matrix')


def _counts_line(code, output, label):
    """Counts from a runner's own 'LABEL: N passed, N failed' line; a failed exit without failures counts one."""
    found = re.search(r'^%s: (\d+) passed, (\d+) failed' % label, output, re.M)
    if not found:
        return 0, 1
    passed, failed = int(found.group(1)), int(found.group(2))
    return passed, failed + (1 if code != 0 and not failed else 0)


def gate_tarball_sanity():
    """The built tarball ships nothing under tests/, installs, and passes ansible-test sanity as installed."""
    install_get_pip_stand_in()
    work = tempfile.mkdtemp(prefix='wikijs-tarball-')
    try:
        code, dummy = run(['ansible-galaxy', 'collection', 'build', '--output-path', work])
        tarballs = glob.glob(os.path.join(work, 'wikijs-wikijs-*.tar.gz'))
        if code or not tarballs:
            return 0, 1
        with tarfile.open(tarballs[0]) as tar:
            shipped = tar.getnames()
        stray = [name for name in shipped if name == 'tests' or name.startswith(('tests/', 'build/', '.'))]
        print('tarball: %d members; under tests/, build/ or dot paths: %s' % (len(shipped), stray or 'none'))
        code, dummy = run(['ansible-galaxy', 'collection', 'install', '--offline', tarballs[0], '-p', work])
        installed = os.path.join(work, 'ansible_collections', 'wikijs', 'wikijs')
        if code or not os.path.isdir(installed):
            return int(not stray), 1 + int(bool(stray))
        code, output = run(['ansible-test', 'sanity', '--venv', '--python', '3.11', '--color', 'no'], cwd=installed)
        sanity_ok = code == 0 and 'Running sanity test' in output
        return int(not stray) + int(sanity_ok), int(bool(stray)) + int(not sanity_ok)
    finally:
        shutil.rmtree(work, ignore_errors=True)


GATES = [
    ('pytest', gate_pytest),
    ('sanity', gate_sanity),
    ('units', gate_units),
    ('integration', gate_integration),
    ('integration-live', gate_integration_live),
    ('reliability', gate_reliability),
    ('ansible-lint', gate_lint),
    ('changelog', gate_changelog),
    ('docs-lint', gate_docs),
    ('build-install-doc', gate_build),
    ('tarball-sanity', gate_tarball_sanity),
    ('ee', gate_ee),
    ('awx-job', gate_awx_job),
    ('docs-site', gate_docs_site),
    ('matrix', gate_matrix),
]

# Two gates run at once (the machines have 2 cores), never two that share a resource:
# the real Wiki.js (the differential test compares whole user lists, so nothing else may
# write to it meanwhile) or ansible-test's shared sanity tool venvs (created on first use).
RESOURCES = {
    'pytest': {'real-wikijs'},
    'integration-live': {'real-wikijs'},
    'sanity': {'sanity-venvs'},
    'tarball-sanity': {'sanity-venvs'},
}
# Longest first, so the two lanes finish close together; unlisted gates take seconds.
EXPECTED_SECONDS = {'integration': 500, 'integration-live': 350, 'matrix': 240, 'sanity': 60, 'pytest': 45,
                    'awx-job': 40, 'tarball-sanity': 40, 'docs-site': 40, 'units': 30, 'reliability': 150}
LANES = 2
RESULT_MARK = 'gate-result:'


def run_one(name):
    """Child process: run one gate, end with a machine-readable result line."""
    gate = dict(GATES)[name]
    try:
        counts = gate()
    except Exception as exc:  # pylint: disable=broad-exception-caught
        print('gate %s could not run: %s' % (name, exc))
        counts = (0, 1)
    print('%s %s' % (RESULT_MARK, 'not-run' if counts is None else '%d %d' % counts), flush=True)
    return 0


def _start(name):
    log = tempfile.TemporaryFile(mode='w+')
    print('-------- started: %s' % name, flush=True)
    process = subprocess.Popen([PYTHON, os.path.abspath(__file__), '--one', name], cwd=REPO, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    return process, log, time.monotonic()


def _finish(name, log, seconds):
    """Print a finished gate's output as one block; return its counts or None (not run)."""
    log.seek(0)
    output = log.read()
    log.close()
    print('\n======== gate: %s (%.0f s)' % (name, seconds), flush=True)
    print(output, end='', flush=True)
    found = re.findall(r'^%s (not-run|(\d+) (\d+))$' % RESULT_MARK, output, re.M)
    if not found:
        print('gate %s ended without a result' % name)
        return 0, 1
    status, passed, failed = found[-1]
    return None if status == 'not-run' else (int(passed), int(failed))


def run_gates(names):
    """Run the gates two at a time; return {name: (passed, failed, seconds) or None}."""
    pending = sorted(names, key=lambda n: -EXPECTED_SECONDS.get(n, 5))
    running, results = {}, {}
    while pending or running:
        busy = set().union(*[RESOURCES.get(n, set()) for n in running]) if running else set()
        for name in list(pending):
            if len(running) < LANES and not RESOURCES.get(name, set()) & busy:
                pending.remove(name)
                running[name] = _start(name)
                busy |= RESOURCES.get(name, set())
        time.sleep(0.5)
        for name, (process, log, started) in list(running.items()):
            if process.poll() is None:
                # A backstop only: every command inside a gate has its own timeout.
                if time.monotonic() - started > INTEGRATION_TIMEOUT + 300:
                    process.kill()
                continue
            del running[name]
            seconds = time.monotonic() - started
            counts = _finish(name, log, seconds)
            results[name] = None if counts is None else counts + (seconds,)
    return results


def main(argv):
    if argv[:1] == ['--one']:
        return run_one(argv[1])
    wanted = argv or [name for name, dummy in GATES]
    unknown = set(wanted) - set(name for name, dummy in GATES)
    if unknown:
        print('unknown gate(s): %s; gates are: %s' % (', '.join(sorted(unknown)), ', '.join(n for n, d in GATES)))
        return 2
    start = time.monotonic()
    results = run_gates(wanted)
    print('\n======== summary (%.0f s, %d gates at a time)' % (time.monotonic() - start, LANES))
    total_passed = total_failed = 0
    for name, dummy in GATES:
        if name not in results:
            continue
        if results[name] is None:
            print('%-18s NOT RUN (see its section above)' % name)
            continue
        passed, failed, seconds = results[name]
        total_passed, total_failed = total_passed + passed, total_failed + failed
        print('%-18s %4d passed %4d failed  %6.1f s%s' % (name, passed, failed, seconds, '  <-- FAILED' if failed else ''))
    print('%d passed, %d failed' % (total_passed, total_failed), flush=True)
    return 1 if total_failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
