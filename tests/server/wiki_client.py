"""A small GraphQL client for the look-alike's own tests."""

import requests

TIMEOUT = 10
RR = 'responseResult { succeeded errorCode slug message }'


class Client:
    """Small GraphQL client for one server; `token=None` sends the full-access key, '' sends nothing."""

    def __init__(self, srv):
        self.srv = srv
        self.http = requests.Session()

    def post(self, query, variables=None, token=None, headers=None):
        hdrs = {} if token == '' else {'Authorization': 'Bearer ' + (token or self.srv.api_key)}
        hdrs.update(headers or {})
        return self.http.post(self.srv.url + '/graphql', json={'query': query, 'variables': variables or {}}, headers=hdrs,
                              timeout=TIMEOUT)

    def gql(self, query, variables=None, token=None):
        resp = self.post(query, variables, token)
        assert resp.headers['Content-Type'] == 'application/json; charset=utf-8'
        return resp.json()

    def data(self, query, variables=None, token=None):
        body = self.gql(query, variables, token)
        assert 'errors' not in body, body
        return body['data']

    def result(self, root, field, args, variables=None, token=None):
        """responseResult of `mutation { root { field(args) { responseResult } } }`."""
        body = self.data('mutation { %s { %s(%s) { %s } } }' % (root, field, args, RR), variables, token)
        return body[root][field]['responseResult']

    def create_user(self, email, name='Some User', groups='[]', password='secret123', extra=''):
        return self.result('users', 'create', 'email: "%s", name: "%s", passwordRaw: "%s", providerKey: "local", groups: %s%s'
                           % (email, name, password, groups, extra))

    def users(self):
        return self.data('{ users { list { id email name isActive isSystem } } }')['users']['list']

    def user_id(self, email):
        return next(u['id'] for u in self.users() if u['email'] == email)

    def single(self, uid, fields='id email name location jobTitle timezone dateFormat isActive isVerified tfaIsActive groups { id }'):
        return self.data('{ users { single(id: %d) { %s } } }' % (uid, fields))['users']['single']

    def create_group(self, name):
        body = self.data('mutation { groups { create(name: "%s") { %s group { id } } } }' % (name, RR))
        return body['groups']['create']['group']['id']

    def control(self, method, path, body=None):
        return self.http.request(method, self.srv.control_url + path, json=body, timeout=TIMEOUT)
