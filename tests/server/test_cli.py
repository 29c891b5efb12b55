"""`python -m wikijs_server`: prints its URL and key, writes the ready file, exits 0 on SIGTERM."""

import json
import os
import signal
import subprocess
import sys
import threading

import requests

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_cli_start_and_stop(tmp_path):
    ready = tmp_path / 'ready.json'
    env = dict(os.environ, PYTHONPATH=TESTS)
    with subprocess.Popen([sys.executable, '-m', 'wikijs_server', '--port', '0', '--seed-users', '3', '--ready-file', str(ready)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True) as proc:
        # readline() would block forever on a server that never starts: kill it after a bounded wait.
        watchdog = threading.Timer(20, proc.kill)
        watchdog.start()
        try:
            lines = dict(proc.stdout.readline().strip().split('=', 1) for dummy in range(3))
            info = json.loads(ready.read_text())
            assert info == {'url': lines['WIKIJS_URL'], 'api_key': lines['WIKIJS_API_KEY'], 'control_url': lines['WIKIJS_CONTROL_URL'],
                            'pid': proc.pid}
            assert info['url'].startswith('http://127.0.0.1:') and info['control_url'] == info['url'] + '/_test'
            resp = requests.post(info['url'] + '/graphql', json={'query': '{ users { list { id } } }'},
                                 headers={'Authorization': 'Bearer ' + info['api_key']}, timeout=5)
            assert len(resp.json()['data']['users']['list']) == 5
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=10)
            watchdog.cancel()
    assert code == 0
