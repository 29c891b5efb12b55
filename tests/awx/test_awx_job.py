"""Jobs run the way AWX runs them: ansible-runner, a private data directory, a credential of our type.

The credential's injectors are rendered from docs/awx/credential_type.yml with AWX's rules (see
``inject``), so the file users paste into AWX and this test cannot drift apart. The test server
serves HTTPS with a CA made for the test, so ``ca_cert`` -> ``WIKIJS_CA_PATH`` is exercised for real.
"""

import glob
import json
import os
import sys
import tempfile

import ansible_runner
import pytest
import requests
import trustme
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from wikijs_server import WikiJsTestServer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CREDENTIAL_TYPE = os.path.join(REPO, 'docs', 'awx', 'credential_type.yml')
PASSWORD = 'Initial-Pa55-%s' % os.urandom(6).hex()
TEAM = [
    {'email': 'ann@example.com', 'name': 'Ann Lee', 'groups': ['Editors']},
    {'email': 'raj@example.com', 'name': 'Raj Patel', 'groups': ['Editors']},
]
# AWX refuses credential types that inject these (awx/main/constants.py ENV_BLOCKLIST, abridged).
AWX_RESERVED_ENV = ('PATH', 'PYTHONPATH', 'JOB_ID', 'INVENTORY_ID', 'INVENTORY_HOSTVARS', 'AWX_HOST', 'PROJECT_REVISION')


def inject(credential_type, inputs, private_data_dir):
    """Environment variables of one credential, rendered as AWX's ``inject_credential`` does.

    Unset inputs are left out of the namespace (an unset boolean becomes False), each file
    template is written to ``<pdd>/env/tmpXXXXXXXX`` even when it renders empty, and
    ``tower.filename[.<name>]`` holds its path. AWX gives the path inside the execution
    environment (/runner/env/...); this job runs without a container, so the host path.
    """
    sandbox = ImmutableSandboxedEnvironment()
    namespace = {}
    for field in credential_type['inputs']['fields']:
        value = inputs.get(field['id'])
        if field['type'] == 'boolean':
            namespace[field['id']] = bool(value)
        elif value:
            namespace[field['id']] = value
    injectors = credential_type['injectors']
    filenames = {}
    for label, template in injectors.get('file', {}).items():
        handle, path = tempfile.mkstemp(dir=os.path.join(private_data_dir, 'env'))
        with os.fdopen(handle, 'w') as out:
            out.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, 0o600)
        filenames[label.partition('.')[2] or None] = path
    if filenames:
        namespace['tower'] = {'filename': filenames.pop(None) if None in filenames else filenames}
    env = {}
    for name, template in injectors.get('env', {}).items():
        assert name not in AWX_RESERVED_ENV and not name.startswith('ANSIBLE_'), name
        env[name] = sandbox.from_string(template).render(**namespace)
    return env


@pytest.fixture(scope='module')
def credential_type():
    with open(CREDENTIAL_TYPE) as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope='module')
def tls(tmp_path_factory):
    """A CA made for the test, the server's certificate from it, and an unrelated CA."""
    folder = tmp_path_factory.mktemp('tls')
    ca, other_ca = trustme.CA(), trustme.CA()
    cert = ca.issue_cert('127.0.0.1')
    paths = {'chain': str(folder / 'chain.pem'), 'key': str(folder / 'key.pem'), 'ca': str(folder / 'ca.pem')}
    cert.private_key_pem.write_to_path(paths['key'])
    with open(paths['chain'], 'wb') as handle:
        for blob in cert.cert_chain_pems:
            handle.write(blob.bytes())
    ca.cert_pem.write_to_path(paths['ca'])
    return dict(paths, ca_pem=ca.cert_pem.bytes().decode(), other_ca_pem=other_ca.cert_pem.bytes().decode(),
                secrets=[cert.private_key_pem.bytes().decode(), ca.private_key_pem.bytes().decode()])


@pytest.fixture(scope='module')
def https_server(tls):
    with WikiJsTestServer(port=0, certfile=tls['chain'], keyfile=tls['key']) as server:
        yield server


@pytest.fixture
def wiki(https_server, tls):
    """The HTTPS server, fresh, with the Editors group a real wiki would already have."""
    https_server.reset()
    graphql(https_server, tls, 'mutation { groups { create(name: "Editors") { responseResult { succeeded } } } }')
    control(https_server, tls, 'DELETE', '/log')
    return https_server


def graphql(server, tls, document):
    response = requests.post(server.url + '/graphql', json={'query': document}, verify=tls['ca'], timeout=10,
                             headers={'Authorization': 'Bearer %s' % server.api_key})
    response.raise_for_status()
    return response.json()['data']


def control(server, tls, method, path):
    response = requests.request(method, server.control_url + path, verify=tls['ca'], timeout=10)
    response.raise_for_status()
    return response.json() if response.content else None


def mutations(server, tls):
    return [entry for entry in control(server, tls, 'GET', '/log')['requests'] if entry['mutation']]


def editors(server, tls):
    group_id = [g['id'] for g in graphql(server, tls, '{ groups { list { id name } } }')['groups']['list']
                if g['name'] == 'Editors'][0]
    data = graphql(server, tls, '{ groups { single(id: %d) { users { email } } } }' % group_id)
    return sorted(u['email'] for u in data['groups']['single']['users'])


class Job:
    """One AWX-style job: a fresh private data directory, as AWX makes for every job."""

    def __init__(self, root, credential_type, inputs, cmdline='', extra_env=None, verbosity=0):
        self.pdd = tempfile.mkdtemp(dir=root, prefix='job-')
        for folder in ('env', 'inventory', 'project/collections/ansible_collections/wikijs'):
            os.makedirs(os.path.join(self.pdd, folder))
        # Project-bundled collections, as AWX installs them from collections/requirements.yml.
        os.symlink(REPO, os.path.join(self.pdd, 'project/collections/ansible_collections/wikijs/wikijs'))
        with open(os.path.join(HERE, 'project', 'site.yml')) as src, \
                open(os.path.join(self.pdd, 'project', 'site.yml'), 'w') as dst:
            dst.write(src.read())
        with open(os.path.join(self.pdd, 'inventory', 'hosts'), 'w') as handle:
            handle.write('[wiki]\nwiki-controller ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
        # AWX writes extra vars and the command line as files and passes the environment directly.
        with open(os.path.join(self.pdd, 'env', 'extravars'), 'w') as handle:
            yaml.safe_dump({'team': TEAM, 'initial_password': PASSWORD, 'wikijs_timeout': '20'}, handle)
        if cmdline:
            with open(os.path.join(self.pdd, 'env', 'cmdline'), 'w') as handle:
                handle.write(cmdline)
        self.env = inject(credential_type, inputs, self.pdd)
        # ansible-playbook from this venv, as an execution environment has it on PATH.
        path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get('PATH', '')])
        envvars = dict(self.env, PATH=path, ANSIBLE_NOCOLOR='1',
                       ANSIBLE_COLLECTIONS_PATH=os.path.join(self.pdd, 'no-collections'), **(extra_env or {}))
        self.result = ansible_runner.run(private_data_dir=self.pdd, playbook='site.yml', ident='job', quiet=True,
                                         envvars=envvars, suppress_env_files=True, verbosity=verbosity or None)
        artifacts = os.path.join(self.pdd, 'artifacts', 'job')
        self.events = []
        for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
            with open(path) as handle:
                self.events.append((handle.read(), path))
        self.events.sort(key=lambda item: json.loads(item[0])['counter'])
        with open(os.path.join(artifacts, 'stdout')) as handle:
            self.stdout = handle.read()

    def stats(self):
        """Per-host counts from the playbook_on_stats event, as AWX's job summary shows them."""
        data = [json.loads(text)['event_data'] for text, dummy in self.events
                if json.loads(text)['event'] == 'playbook_on_stats'][0]
        return dict((key, data[key].get('wiki-controller', 0)) for key in ('ok', 'changed', 'failures', 'dark'))

    def failed_messages(self):
        """The msg of every failed item (a loop task's own failure only says that items failed)."""
        return [json.loads(text)['event_data']['res'].get('msg', '') for text, dummy in self.events
                if json.loads(text)['event'] == 'runner_item_on_failed']

    def assert_no_secret(self, *secrets):
        for secret in secrets:
            for line in secret.strip().splitlines()[1:-1] or [secret]:  # PEM: every body line
                assert line not in self.stdout, 'a secret is in stdout'
                for text, path in self.events:
                    assert line not in text, 'a secret is in %s' % os.path.basename(path)


@pytest.fixture
def jobs(tmp_path):
    return str(tmp_path)


def test_the_injectors_give_the_collection_its_environment(credential_type, tls, tmp_path):
    os.makedirs(str(tmp_path / 'env'))
    env = inject(credential_type, {'url': 'https://wiki.example.com', 'api_key': 'k' * 40,
                                   'ca_cert': tls['ca_pem']}, str(tmp_path))
    assert sorted(env) == ['WIKIJS_API_KEY', 'WIKIJS_CA_PATH', 'WIKIJS_URL', 'WIKIJS_VALIDATE_CERTS']
    assert env['WIKIJS_VALIDATE_CERTS'] == 'true'  # unset means verify, never "off"
    assert os.path.dirname(env['WIKIJS_CA_PATH']) == str(tmp_path / 'env')
    with open(env['WIKIJS_CA_PATH']) as handle:
        assert handle.read() == tls['ca_pem']
    assert oct(os.stat(env['WIKIJS_CA_PATH']).st_mode & 0o777) == '0o600'
    env = inject(credential_type, {'url': 'u', 'api_key': 'k', 'validate_certs': 'false'}, str(tmp_path))
    assert env['WIKIJS_VALIDATE_CERTS'] == 'false'
    assert os.path.getsize(env['WIKIJS_CA_PATH']) == 0  # AWX writes the file even for an empty input
    secret_fields = [f['id'] for f in credential_type['inputs']['fields'] if f.get('secret')]
    assert secret_fields == ['api_key']
    assert credential_type['inputs']['required'] == ['url', 'api_key']


def test_check_job_then_run_job_then_rerun(credential_type, wiki, tls, jobs):
    inputs = {'url': wiki.url, 'api_key': wiki.api_key, 'ca_cert': tls['ca_pem']}
    secrets = [wiki.api_key, PASSWORD] + tls['secrets']

    check = Job(jobs, credential_type, inputs, cmdline='--check --diff')
    assert check.result.rc == 0, check.stdout
    assert check.stats() == {'ok': 3, 'changed': 1, 'failures': 0, 'dark': 0}
    assert mutations(wiki, tls) == [] and editors(wiki, tls) == []
    assert '+    "email": "ann@example.com"' in check.stdout  # the diff a check job shows
    check.assert_no_secret(*secrets)

    run = Job(jobs, credential_type, inputs, cmdline='--diff')
    assert run.result.rc == 0, run.stdout
    assert run.stats() == {'ok': 3, 'changed': 1, 'failures': 0, 'dark': 0}
    assert editors(wiki, tls) == ['ann@example.com', 'raj@example.com']
    run.assert_no_secret(*secrets)

    control(wiki, tls, 'DELETE', '/log')
    rerun = Job(jobs, credential_type, inputs, cmdline='--diff', verbosity=3)
    assert rerun.result.rc == 0, rerun.stdout
    assert rerun.stats() == {'ok': 3, 'changed': 0, 'failures': 0, 'dark': 0}
    assert mutations(wiki, tls) == []
    rerun.assert_no_secret(*secrets)


def test_an_empty_ca_cert_means_the_system_cas(credential_type, wiki, tls, jobs):
    inputs = {'url': wiki.url, 'api_key': wiki.api_key}
    # Stands in for a public CA in the execution environment's trust store (requests reads it for verify=True).
    trusted = Job(jobs, credential_type, inputs, extra_env={'REQUESTS_CA_BUNDLE': tls['ca']})
    assert os.path.getsize(trusted.env['WIKIJS_CA_PATH']) == 0
    assert trusted.result.rc == 0, trusted.stdout
    assert trusted.stats()['changed'] == 1
    untrusted = Job(jobs, credential_type, inputs)
    assert untrusted.result.rc != 0
    assert untrusted.stats()['failures'] == 1
    message = untrusted.failed_messages()[0]
    assert 'TLS error talking to %s/graphql' % wiki.url in message and 'CERTIFICATE_VERIFY_FAILED' in message
    untrusted.assert_no_secret(wiki.api_key, PASSWORD, *tls['secrets'])


def test_a_wrong_ca_cert_fails_with_a_certificate_error(credential_type, wiki, tls, jobs):
    inputs = {'url': wiki.url, 'api_key': wiki.api_key, 'ca_cert': tls['other_ca_pem']}
    job = Job(jobs, credential_type, inputs)
    assert job.result.rc != 0
    assert job.stats() == {'ok': 0, 'changed': 0, 'failures': 1, 'dark': 0}
    messages = job.failed_messages()
    assert len(messages) == len(TEAM)
    message = messages[0]
    assert message.startswith('users.list failed: TLS error talking to %s/graphql' % wiki.url), message
    assert 'CERTIFICATE_VERIFY_FAILED' in message and 'set ca_path' in message
    assert mutations(wiki, tls) == []
    job.assert_no_secret(wiki.api_key, PASSWORD, *tls['secrets'])
