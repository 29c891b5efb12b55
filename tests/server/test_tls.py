"""The HTTPS option of the look-alike (used by the AWX job test); without it nothing changes."""

import socket

import pytest
import requests
import trustme

from wikijs_server import WikiJsTestServer

LIST = {'query': '{ users { list { id } } }'}


@pytest.fixture(scope='module')
def tls(tmp_path_factory):
    folder = tmp_path_factory.mktemp('tls')
    ca = trustme.CA()
    cert = ca.issue_cert('127.0.0.1')
    cert.private_key_pem.write_to_path(str(folder / 'key.pem'))
    cert.cert_chain_pems[0].write_to_path(str(folder / 'chain.pem'))
    ca.cert_pem.write_to_path(str(folder / 'ca.pem'))
    return folder


def test_https_with_the_test_ca(tls):
    with WikiJsTestServer(certfile=str(tls / 'chain.pem'), keyfile=str(tls / 'key.pem')) as srv:
        assert srv.url.startswith('https://127.0.0.1:') and srv.control_url.startswith('https://')
        headers = {'Authorization': 'Bearer %s' % srv.api_key}
        # A client that connects and never says anything must not hold up the others.
        with socket.create_connection(('127.0.0.1', srv.port)):
            answer = requests.post(srv.url + '/graphql', json=LIST, headers=headers, verify=str(tls / 'ca.pem'), timeout=10)
        assert answer.status_code == 200 and answer.json()['data']['users']['list']
        with pytest.raises(requests.exceptions.SSLError):
            requests.post(srv.url + '/graphql', json=LIST, headers=headers, verify=True, timeout=10)


def test_plain_http_by_default():
    with WikiJsTestServer() as srv:
        assert srv.url.startswith('http://127.0.0.1:')
