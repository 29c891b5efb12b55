"""Runs the differential sequence against one server and normalises its answers for comparison."""

import base64
import json
import re

import requests

TIMEOUT = 15
_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$')
_WAIT = re.compile(r'please try again in \d+ seconds')
_LISTS = {('users', 'list'), ('users', 'search'), ('groups', 'list')}


def _forged():
    parts = [base64.urlsafe_b64encode(json.dumps(p, separators=(',', ':')).encode()).rstrip(b'=').decode()
             for p in ({'alg': 'RS256', 'typ': 'JWT'}, {'api': 1, 'grp': 1, 'aud': 'urn:wiki.js', 'iss': 'urn:wiki.js'})]
    return '%s.%s.AAAA' % tuple(parts)


class Target:
    """One server (real or look-alike): sends steps, binds the ids it creates to symbols."""

    def __init__(self, url, api_key):
        self.url = url.rstrip('/')
        self.key = api_key
        self.http = requests.Session()
        self.ids = {}      # symbol -> id
        self.users = {1: 1, 2: 2}
        self.groups = {1: 1, 2: 2}
        self.tokens = {}

    def resolve(self, value):
        if isinstance(value, str) and value.startswith('@'):
            return self.ids.get(value[1:], 987654)
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def headers(self, auth):
        return {
            'key': {'Authorization': 'Bearer ' + self.key}, 'none': {}, 'garbage': {'Authorization': 'Bearer not-a-real-token'},
            'forged': {'Authorization': 'Bearer ' + _forged()}, 'bare': {'Authorization': self.key},
            'cookie': {'Cookie': 'jwt=' + self.key}, 'lowercase': {'Authorization': 'bearer ' + self.key},
        }.get(auth) or {'Authorization': 'Bearer ' + self.tokens.get(auth, 'missing')}

    def post(self, query, variables=None, auth='key'):
        headers = {'Content-Type': 'application/json'}
        headers.update(self.headers(auth))
        data = b'this is not json' if query is None else json.dumps({'query': query, 'variables': variables or {}}).encode()
        return self.http.post(self.url + '/graphql', data=data, headers=headers, timeout=TIMEOUT)

    def run(self, step):
        if 'raw' in step:
            headers = {'Content-Type': 'application/json'}
            headers.update(self.headers(step['auth']))
            resp = self.http.post(self.url + '/graphql', data=step['raw'], headers=headers, timeout=TIMEOUT)
        else:
            resp = self.post(step['query'], self.resolve(step['variables']), step['auth'])
        try:
            body = resp.json()
        except ValueError:
            body = resp.text
        self.bind(step, body)
        return resp.status_code, resp.headers.get('Content-Type'), body

    def bind(self, step, body):
        if 'bind_group' in step:
            gid = (((body.get('data') or {}).get('groups') or {}).get('create') or {}).get('group', {}).get('id')
            if gid:
                self.ids[step['bind_group']] = gid
                self.groups[gid] = step['bind_group']
        if 'bind_user' in step:
            sym, email = step['bind_user']
            listing = self.post('{ users { list { id email } } }').json()['data']['users']['list']
            for row in listing:
                if row['email'] == email.lower():
                    self.ids[sym] = row['id']
                    self.users[row['id']] = sym
        if 'bind_key' in step:
            key = (((body.get('data') or {}).get('authentication') or {}).get('createApiKey') or {}).get('key')
            if key:
                self.tokens[step['bind_key']] = key
                keys = self.post('{ authentication { apiKeys { id name } } }').json()['data']['authentication']['apiKeys']
                name = step['variables']['n']
                self.ids[step['bind_key']] = max(k['id'] for k in keys if k['name'] == name)

    def cleanup(self):
        """Best effort: remove whatever this run created, whatever step it stopped at."""
        for sym, uid in list(self.ids.items()):
            if sym in self.users.values() and isinstance(uid, int) and uid > 2:
                self.post('mutation($id:Int!){ users { delete(id:$id, replaceId:1) { responseResult { succeeded } } } }', {'id': uid})
        for sym, gid in list(self.ids.items()):
            if sym in self.groups.values() and isinstance(gid, int) and gid > 2:
                self.post('mutation($id:Int!){ groups { delete(id:$id) { responseResult { succeeded } } } }', {'id': gid})
        if 'limited' in self.ids:
            self.post('mutation($id:Int!){ authentication { revokeApiKey(id:$id) { responseResult { succeeded } } } }',
                      {'id': self.ids['limited']})

    # -- normalisation ---------------------------------------------------------------------------
    def normalise(self, body):
        if not isinstance(body, dict):
            return body
        return self._walk(body, None, ())

    def _sym(self, kind, value):
        table = self.groups if kind == 'groups' else self.users
        return table.get(value, 'other')

    def _walk(self, value, key, path, kind=None):
        if isinstance(value, dict):
            return {k: self._walk(v, k, path + (k,), self._kind(k, kind, path)) for k, v in value.items()}
        if isinstance(value, list):
            if key == 'stacktrace':
                return ['<stack trace>']
            items = [self._walk(v, key, path, kind) for v in value]
            if path[-2:] in _LISTS and path[:1] == ('data',):
                # Shared server: keep only rows this run knows about.
                items = [i for i in items if not isinstance(i, dict) or i.get('id') != 'other']
                for i in items:
                    if isinstance(i, dict) and path[-2] == 'groups' and i.get('id') in (1, 2):
                        i.pop('userCount', None)
                # Order is not compared: on a used database PostgreSQL refills space freed by earlier deletes, so heap
                # order stops being creation/update order (tests/README.md). The contract replay checks order.
                items.sort(key=lambda i: str(i.get('id')) if isinstance(i, dict) else '')
            elif key in ('groups', 'users') and all(isinstance(i, dict) and 'id' in i for i in items):
                # A user's groups / a group's members come out of a join whose plan (hence order) PostgreSQL
                # picks from table statistics: both orders were seen live, so only the contents are compared.
                items.sort(key=lambda i: str(i['id']))
            return items
        if key == 'id' and isinstance(value, int) and kind in ('users', 'groups'):
            return self._sym(kind, value)
        if isinstance(value, str):
            if _DATE.match(value):
                return '<date>'
            if key == 'stack':
                return '<stack>'
            if key in ('key', 'jwt', 'keyShort') and value:
                return '<token>'
            return _WAIT.sub('please try again in N seconds', value)
        return value

    @staticmethod
    def _kind(key, kind, path):
        if key in ('users', 'groups'):
            return key
        if not path and key == 'data':
            return None
        return kind
