"""Secrets never reach playbook output, at the highest verbosity, in success and failure.

Runs real ansible-playbook against the test server: whatever a module returns,
warns or fails with is printed by -vvvv, so the key and passwords must not be
in it, in clear or in any encoding Ansible's no_log masking would not catch.
"""

import base64
import os
import subprocess
import sys


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = 'Sup3r-Secret-Initial-Pw'
NEW_PASSWORD = 'An0ther-Secret-Rotation-Pw'

PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Create with a password, in check mode and for real
      wikijs.wikijs.wikijs_user: {email: sec@example.com, name: Sec Ret, password: "{{ lookup('ansible.builtin.env', 'E2E_PASSWORD') }}"}
      check_mode: "{{ item }}"
      loop: [true, false]
    - name: Rotate the password
      wikijs.wikijs.wikijs_user:
        email: sec@example.com
        password: "{{ lookup('ansible.builtin.env', 'E2E_NEW_PASSWORD') }}"
        update_password: always
    - name: A password too short is refused
      wikijs.wikijs.wikijs_user: {email: other@example.com, name: Oth Er, password: "{{ lookup('ansible.builtin.env', 'E2E_SHORT_PASSWORD') }}"}
      ignore_errors: true
    - name: A refused key
      wikijs.wikijs.wikijs_user_info: {api_key: "{{ lookup('ansible.builtin.env', 'E2E_BAD_KEY') }}"}
      ignore_errors: true
    - name: Read users
      wikijs.wikijs.wikijs_user_info: {email: sec@example.com, details: true}
    - name: A roster, passwords in defaults and in an entry, in check mode and for real
      wikijs.wikijs.wikijs_users:
        defaults: {password: "{{ lookup('ansible.builtin.env', 'E2E_PASSWORD') }}"}
        users:
          - {email: r1@example.com, name: Ros Ter}
          - {email: sec@example.com, password: "{{ lookup('ansible.builtin.env', 'E2E_NEW_PASSWORD') }}", update_password: always}
      check_mode: "{{ item }}"
      loop: [true, false]
    - name: A roster entry with a password too short is refused
      wikijs.wikijs.wikijs_users:
        users: [{email: r2@example.com, name: Ros Ter, password: "{{ lookup('ansible.builtin.env', 'E2E_SHORT_PASSWORD') }}"}]
      ignore_errors: true
'''


def forms(secret):
    """The secret as it could leak: clear, base64 (as in Basic auth), and URL-quoted."""
    return [secret, base64.b64encode(secret.encode()).decode(), secret.replace('-', '%2D')]


def test_vvvv_output_holds_no_key_and_no_password(wikijs, collections_path, tmp_path):
    bad_key = 'refused-key-' + 'abcdef0123456789'
    playbook = tmp_path / 'secrets.yml'
    playbook.write_text(PLAYBOOK)
    # Secrets come from the environment, as from a vault: Ansible shows a failed task's source lines.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR='1',
               WIKIJS_URL=wikijs.url, WIKIJS_API_KEY=wikijs.api_key, E2E_PASSWORD=PASSWORD,
               E2E_NEW_PASSWORD=NEW_PASSWORD, E2E_SHORT_PASSWORD='x12', E2E_BAD_KEY=bad_key)
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    proc = subprocess.run([ansible_playbook, '-vvvv', '--diff', str(playbook)], env=env, capture_output=True,
                          text=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert 'changed=3' in output  # the create, the rotation and the roster really ran
    for secret in (wikijs.api_key, PASSWORD, NEW_PASSWORD, 'x12', bad_key):
        for form in forms(secret):
            assert form not in output, 'a secret leaked into the -vvvv output'
