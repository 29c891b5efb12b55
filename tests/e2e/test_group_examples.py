"""The EXAMPLES of the group modules run, in order, against the test server.

Each module's examples are one playbook: the url in them points at the test server and the vaulted key is the
server's key. The users they name exist beforehand, as on a real wiki.
"""

import os
import subprocess
import sys

import requests
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = ('wikijs_group', 'wikijs_group_info')
USERS = ('jane.doe@example.com', 'raj@example.com', 'ann@example.com')
CREATE_USER = ('mutation ($e: String!) { users { create(email: $e, name: "Example User", passwordRaw: "example-pw-1", '
               'providerKey: "local", groups: []) { responseResult { succeeded } } } }')


def examples(module):
    source = open(os.path.join(REPO, 'plugins', 'modules', module + '.py')).read()
    start = source.index("EXAMPLES = r'''") + len("EXAMPLES = r'''")
    return yaml.safe_load(source[start:source.index("'''", start)])


def test_group_examples_run(wikijs, collections_path, tmp_path):
    for email in USERS:
        answer = requests.post(wikijs.url + '/graphql', json={'query': CREATE_USER, 'variables': {'e': email}},
                               headers={'Authorization': 'Bearer ' + wikijs.api_key}, timeout=30).json()
        assert answer['data']['users']['create']['responseResult']['succeeded']
    tasks = [task for module in MODULES for task in examples(module)]
    play = [{'hosts': 'localhost', 'gather_facts': False,
             'vars': {'vault_wikijs_api_key': "{{ lookup('ansible.builtin.env', 'WIKIJS_API_KEY') }}"}, 'tasks': tasks}]
    playbook = tmp_path / 'examples.yml'
    playbook.write_text(yaml.safe_dump(play, sort_keys=False).replace('https://wiki.example.com', wikijs.url))
    # The examples without url and api_key rely on the environment fallbacks, as the docs say.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR='1', WIKIJS_URL=wikijs.url,
               WIKIJS_API_KEY=wikijs.api_key)
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    proc = subprocess.run([ansible_playbook, str(playbook)], env=env, capture_output=True, text=True, timeout=300,
                          check=False, stdin=subprocess.DEVNULL)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert 'failed=0' in output and 'changed=6' in output, output[-1500:]
