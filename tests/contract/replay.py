"""Replays the recorded Wiki.js 2.5.314 exchanges (captures/) in recorded order against the look-alike."""

import base64
import json
import os
import re
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
CAPTURES = os.path.join(HERE, 'captures')
TIMEOUT = 10
_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$')
_WAIT = re.compile(r'please try again in \d+ seconds')

UPDATE = ('mutation($id:Int!,$e:String,$n:String,$g:[Int],$loc:String,$jt:String,$tz:String,$df:String,$ap:String){ users { '
          'update(id:$id,email:$e,name:$n,groups:$g,location:$loc,jobTitle:$jt,timezone:$tz,dateFormat:$df,appearance:$ap) '
          '{ responseResult { succeeded } } } }')


def recording_order():
    """File names in the order of 'Files in recording order' of captures/README.md."""
    with open(os.path.join(CAPTURES, 'README.md'), encoding='utf-8') as handle:
        text = handle.read()
    section = text.split('Files in recording order:')[1].split('State changes that are not')[0]
    names = []
    for name in re.findall(r'`([A-Za-z0-9_]+)`', section):
        if name not in names and os.path.exists(os.path.join(CAPTURES, name + '.json')):
            names.append(name)
    return names


def load(name):
    with open(os.path.join(CAPTURES, name + '.json'), encoding='utf-8') as handle:
        return json.load(handle)


def normalise(value, key=None):
    """Timestamps, tokens, key suffixes, stack traces and rate-limit countdowns vary from run to run."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == 'stacktrace':
            return ['<stack trace omitted>']
        return [normalise(v) for v in value]
    if isinstance(value, str):
        if _DATE.match(value):
            return '<date>'
        if key in ('key', 'jwt', 'continuationToken') and value:
            return '<redacted>'
        if key == 'keyShort':
            return '...<20 chars>'
        return _WAIT.sub('please try again in N seconds', value)
    return value


class Replayer:
    """Sends each capture's request with the credential it names; applies the out-of-band changes of the README."""

    def __init__(self, server):
        self.srv = server
        self.http = requests.Session()
        self.tokens = {}

    def gql(self, query, variables=None, token=None):
        token = token or self.srv.api_key
        resp = self.http.post(self.srv.url + '/graphql', json={'query': query, 'variables': variables or {}},
                              headers={'Authorization': 'Bearer ' + token}, timeout=TIMEOUT)
        return resp.json()

    def control(self, method, path, body=None):
        resp = self.http.request(method, self.srv.control_url + path, json=body or {}, timeout=TIMEOUT)
        resp.raise_for_status()

    def update(self, **variables):
        self.gql(UPDATE, variables)

    def before(self, name):
        """State changes made outside the recorded files (captures/README.md, 'State changes ...')."""
        if name == 'users_single_after_update':
            self.gql('mutation { groups { create(name: "Editors") { group { id } } } }')
            self.update(id=3, n='Alice B. Smith', e='alice.b@example.com', loc='Paris', jt='Engineer', tz='Europe/Paris',
                        df='YYYY-MM-DD', ap='dark', g=[4])
        elif name == 'users_single_after_groups_empty':
            self.update(id=3, g=[])
        elif name == 'users_single_after_activate':
            self.gql('mutation { users { activate(id: 4) { responseResult { succeeded } } } }')
        elif name == 'users_single_unverified':
            self.control('PATCH', '/users/6', {'isVerified': False})
        elif name == 'users_delete_system_admin_id1':
            self.control('PATCH', '/pages/1', {'authorId': 4})
        elif name == 'users_delete_again_notfound':
            self.gql('mutation { users { delete(id: 6, replaceId: 1) { responseResult { succeeded } } } }')
        elif name == 'auth_admin_jwt_after_restart':
            login = self.gql('mutation { authentication { login(username: "admin@example.com", password: "AdminPass123!", '
                             'strategy: "local") { jwt } } }', token='-')
            self.tokens['admin'] = login['data']['authentication']['login']['jwt']
            self.control('POST', '/restart')
        elif name == 'auth_expired_key':
            time.sleep(2.2)
        elif name == 'login_deactivated_user':
            self.gql('mutation { users { deactivate(id: 3) { responseResult { succeeded } } } }')
        elif name == 'users_single_admin_after_groups_empty':
            self.update(id=1, g=[])

    def after(self, name, body):
        if name == 'login_deactivated_user':
            self.gql('mutation { users { activate(id: 3) { responseResult { succeeded } } } }')
        for source, label in (('auth_create_limited_key', 'limited'), ('auth_create_key_to_revoke', 'revoke'),
                              ('auth_create_short_key', 'short')):
            if name == source:
                self.tokens[label] = body['data']['authentication']['createApiKey']['key']

    def headers_for(self, cap):
        name, auth = cap['name'], cap.get('auth')
        if name == 'auth_key_without_bearer_prefix':
            return {'Authorization': self.srv.api_key}
        if name == 'auth_key_in_cookie':
            return {'Cookie': 'jwt=' + self.srv.api_key}
        if auth == 'api_key':
            return {'Authorization': 'Bearer ' + self.srv.api_key}
        if auth == 'not-a-real-token':
            return {'Authorization': 'Bearer not-a-real-token'}
        if auth == '<redacted>':
            return {'Authorization': 'Bearer ' + self._redacted_token(name)}
        return {}

    def _redacted_token(self, name):
        if name.startswith('auth_limited_key_'):
            return self.tokens['limited']
        if name == 'auth_revoked_key':
            return self.tokens['revoke']
        if name == 'auth_expired_key':
            return self.tokens['short']
        if name == 'auth_forged_signature_key':
            enc = [base64.urlsafe_b64encode(json.dumps(p, separators=(',', ':')).encode()).rstrip(b'=').decode()
                   for p in ({'alg': 'RS256', 'typ': 'JWT'}, {'api': 1, 'grp': 1, 'aud': 'urn:wiki.js', 'iss': 'urn:wiki.js'})]
            return '%s.%s.AAAA' % tuple(enc)
        return self.tokens['admin']

    def send(self, cap):
        headers = {'Content-Type': 'application/json'}
        headers.update(self.headers_for(cap))
        if cap['query'] is None:
            data = b'this is not json'
        else:
            data = json.dumps({'query': cap['query'], 'variables': cap.get('variables') or {}}).encode()
        return self.http.post(self.srv.url + '/graphql', data=data, headers=headers, timeout=TIMEOUT)

    def replay(self, name):
        """Returns a dict of what differs from the capture (empty when it matches)."""
        cap = load(name)
        self.before(name)
        resp = self.send(cap)
        body = resp.json()
        self.after(name, body)
        diffs = {}
        if resp.status_code != cap['status']:
            diffs['status'] = (cap['status'], resp.status_code)
        if 'content_type' in cap and resp.headers.get('Content-Type') != cap['content_type']:
            diffs['content_type'] = (cap['content_type'], resp.headers.get('Content-Type'))
        if 'new_jwt_header' in cap and ('new-jwt' in resp.headers) != cap['new_jwt_header']:
            diffs['new_jwt_header'] = (cap['new_jwt_header'], 'new-jwt' in resp.headers)
        want = json.dumps(normalise(cap['body']), sort_keys=False)
        got = json.dumps(normalise(body), sort_keys=False)
        if want != got:
            diffs['body'] = (want, got)
        return diffs
