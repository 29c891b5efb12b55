"""The operation sequence sent to both the real Wiki.js and the look-alike.

Each step: label, query (None = raw non-JSON body), variables (strings "@sym" are replaced by the id
bound to that symbol on each server), auth mode, and optional bindings made after the step.
"""

RR = 'responseResult { succeeded errorCode slug message }'
CREATE = ('mutation($e:String!,$n:String!,$p:String,$pk:String!,$g:[Int]!,$m:Boolean,$w:Boolean){ users { create(email:$e,name:$n,'
          'passwordRaw:$p,providerKey:$pk,groups:$g,mustChangePassword:$m,sendWelcomeEmail:$w) { %s user { id email } } } }' % RR)
UPDATE = ('mutation($id:Int!,$e:String,$n:String,$pw:String,$g:[Int],$loc:String,$jt:String,$tz:String,$df:String,$ap:String){ users { '
          'update(id:$id,email:$e,name:$n,newPassword:$pw,groups:$g,location:$loc,jobTitle:$jt,timezone:$tz,dateFormat:$df,'
          'appearance:$ap) { %s } } }' % RR)
SINGLE = ('query($id:Int!){ users { single(id:$id) { id name email providerKey providerName providerId providerIs2FACapable isSystem '
          'isActive isVerified location jobTitle timezone dateFormat appearance createdAt updatedAt lastLoginAt tfaIsActive '
          'groups { id name } } } }')
LIST = '{ users { list(filter: "zzz-nomatch", orderBy: "email DESC") { id name email providerKey isSystem isActive createdAt lastLoginAt } } }'
GLIST = '{ groups { list { id name isSystem userCount createdAt updatedAt } } }'
GSINGLE = ('query($id:Int!){ groups { single(id:$id) { id name isSystem redirectOnLogin permissions pageRules { id deny match roles path '
           'locales } users { id name email providerKey isSystem isActive createdAt lastLoginAt } createdAt updatedAt } } }')
GCREATE = ('mutation($n:String!){ groups { create(name:$n) { %s group { id name isSystem redirectOnLogin permissions '
           'pageRules { id deny match roles path locales } createdAt updatedAt } } } }' % RR)
GUPDATE = ('mutation($id:Int!,$n:String!,$r:String!,$p:[String]!,$pr:[PageRuleInput]!){ groups { update(id:$id,name:$n,'
           'redirectOnLogin:$r,permissions:$p,pageRules:$pr) { %s } } }' % RR)
ASSIGN = 'mutation($g:Int!,$u:Int!){ groups { assignUser(groupId:$g,userId:$u) { %s } } }' % RR
UNASSIGN = 'mutation($g:Int!,$u:Int!){ groups { unassignUser(groupId:$g,userId:$u) { %s } } }' % RR
DELETE = 'mutation($id:Int!,$r:Int!){ users { delete(id:$id, replaceId:$r) { %s } } }' % RR
LOGIN = ('mutation($u:String!,$p:String!,$s:String!){ authentication { login(username:$u,password:$p,strategy:$s) { %s jwt '
         'mustChangePwd mustProvideTFA mustSetupTFA continuationToken redirect } } }' % RR)
NOUSER = 999999


def _by_id(field):
    return 'mutation($id:Int!){ users { %s(id:$id) { %s } } }' % (field, RR)


def _rule(rid, match, path):
    return {'id': rid, 'deny': False, 'match': match, 'roles': ['read:pages'], 'path': path, 'locales': []}


def _recorders(out, pw):
    """``add`` appends one step to ``out``; ``create`` adds a users.create with defaults."""
    def add(label, query, variables=None, auth='key', **extra):
        out.append(dict(label=label, query=query, variables=variables, auth=auth, **extra))

    def create(label, **v):
        base = {'pk': 'local', 'g': [], 'p': pw}
        base.update(v)
        add(label, CREATE, base)
    return add, create


def steps(prefix):
    """The whole sequence; `prefix` makes every name and email unique on a shared real server."""
    em = {k: '%s-%s@example.com' % (prefix, k) for k in ('alice', 'bob', 'carol', 'erin', 'zed')}
    pw = prefix + '-pw1'
    out = []
    add, create = _recorders(out, pw)

    add('users.list ignores filter and orderBy, includes the guest', LIST)
    add('groups.list', GLIST)
    add('groups.create', GCREATE, {'n': prefix + ' Editors'}, bind_group='g1')
    add('groups.create duplicate name', GCREATE, {'n': prefix + ' Editors'}, bind_group='g2')
    create('users.create success (mixed-case email)', e='%s-Alice@Example.com' % prefix,
           n='Alice Smith', g=['@g1'], m=False, w=False)
    out[-1]['bind_user'] = ('a', em['alice'])
    create('users.create duplicate email', e=em['alice'], n='Alice Again')
    create('users.create invalid email', e='not-an-email', n='Bob')
    create('users.create no password', e=em['bob'], n='Bob', p=None)
    create('users.create short password', e=em['bob'], n='Bob', p='abc')
    create('users.create short name', e=em['bob'], n='B')
    create('users.create blank name', e=em['bob'], n='   ')
    create('users.create bad group (user created anyway)', e=em['bob'], n='Bob Jones', g=['@g1', NOUSER])
    out[-1]['bind_user'] = ('b', em['bob'])
    add('users.single after bad-group create (no membership)', SINGLE, {'id': '@b'})
    create('users.create unknown provider', e=em['carol'], n='Carol', pk='nosuchprovider', p=None)
    create('users.create welcome mail not configured (user created anyway)', e=em['erin'], n='Erin', w=True)
    out[-1]['bind_user'] = ('c', em['erin'])
    add('users.create without groups argument', 'mutation { users { create(email:"%s", name:"Dave", passwordRaw:"davepass1", '
        'providerKey:"local") { %s } } }' % (em['zed'], RR))
    for i in range(8):
        create('users.create extra %d' % i, e='%s-extra%d@example.com' % (prefix, i), n='%s Extra %d' % (prefix, i))
        out[-1]['bind_user'] = ('x%d' % i, '%s-extra%d@example.com' % (prefix, i))
    add('users.single', SINGLE, {'id': '@a'})
    add('users.single unknown id', SINGLE, {'id': NOUSER})
    add('users.update all fields', UPDATE, {'id': '@a', 'n': 'Alice B. Smith', 'loc': 'Paris', 'jt': 'Engineer', 'tz': 'Europe/Paris',
                                            'df': 'YYYY-MM-DD', 'ap': 'dark', 'g': ['@g2']})
    add('users.single after update', SINGLE, {'id': '@a'})
    add('users.update empty strings are ignored', UPDATE, {'id': '@a', 'e': '', 'n': '', 'loc': '', 'jt': '', 'tz': '', 'df': ''})
    add('users.update name is trimmed', UPDATE, {'id': '@a', 'n': '  Alice Trimmed  ', 'loc': ' Lyon '})
    add('users.single after empty strings', SINGLE, {'id': '@a'})
    add('users.update groups []', UPDATE, {'id': '@a', 'g': []})
    add('users.update groups with unknown id (row by row)', UPDATE, {'id': '@a', 'g': ['@g1', NOUSER]})
    add('users.single after partial group change', SINGLE, {'id': '@a'})
    add('users.update duplicate email', UPDATE, {'id': '@a', 'e': em['bob']})
    add('users.update upper-case duplicate email', UPDATE, {'id': '@a', 'e': em['bob'].upper(), 'n': 'Not Applied'})
    add('users.update invalid email', UPDATE, {'id': '@a', 'e': 'not-an-email'})
    add('users.update own email in upper case', UPDATE, {'id': '@a', 'e': em['alice'].upper()})
    add('users.update short password', UPDATE, {'id': '@a', 'pw': 'abc', 'g': []})
    add('users.single after refused updates', SINGLE, {'id': '@a'})
    add('users.update unknown id', UPDATE, {'id': NOUSER, 'n': 'Nobody'})
    for field in ('deactivate', 'deactivate', 'activate', 'verify', 'enableTFA', 'disableTFA'):
        add('users.%s' % field, _by_id(field), {'id': '@a'})
    for field in ('deactivate', 'activate', 'verify', 'enableTFA', 'disableTFA'):
        add('users.%s unknown id' % field, _by_id(field), {'id': NOUSER})
    add('users.deactivate admin', _by_id('deactivate'), {'id': 1})
    add('users.deactivate guest', _by_id('deactivate'), {'id': 2})
    add('users.resetPassword', 'mutation($id:Int!){ users { resetPassword(id:$id) { %s } } }' % RR, {'id': '@a'})
    add('groups.assignUser', ASSIGN, {'g': '@g2', 'u': '@a'})
    add('groups.assignUser already member', ASSIGN, {'g': '@g2', 'u': '@a'})
    add('groups.assignUser guest', ASSIGN, {'g': '@g2', 'u': 2})
    add('groups.assignUser unknown group', ASSIGN, {'g': NOUSER, 'u': '@a'})
    add('groups.assignUser unknown user', ASSIGN, {'g': '@g2', 'u': NOUSER})
    add('groups.single', GSINGLE, {'id': '@g2'})
    add('groups.single unknown id', GSINGLE, {'id': NOUSER})
    add('groups.unassignUser', UNASSIGN, {'g': '@g2', 'u': '@a'})
    add('groups.unassignUser not a member', UNASSIGN, {'g': '@g2', 'u': '@a'})
    add('groups.unassignUser guest', UNASSIGN, {'g': 2, 'u': 2})
    add('groups.unassignUser admin from Administrators', UNASSIGN, {'g': 1, 'u': 1})
    add('groups.unassignUser unknown group', UNASSIGN, {'g': NOUSER, 'u': '@a'})
    add('groups.unassignUser unknown user', UNASSIGN, {'g': '@g2', 'u': NOUSER})
    add('groups.update', GUPDATE, {'id': '@g1', 'n': prefix + ' Editors R', 'r': '', 'p': ['read:pages', 'write:pages', 'write:users'],
                                   'pr': [_rule('r1', 'START', ''), _rule('r2', 'REGEX', '^/docs/.*$')]})
    add('groups.single after update', GSINGLE, {'id': '@g1'})
    add('groups.update unknown id', GUPDATE, {'id': NOUSER, 'n': 'X', 'r': '/', 'p': [], 'pr': []})
    add('groups.update unsafe regex', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [], 'pr': [_rule('x', 'REGEX', '(a+)+$')]})
    add('users.search stops at 10', '{ users { search(query: "%s") { id email name providerKey createdAt } } }' % prefix)
    add('users.search is case-sensitive', '{ users { search(query: "%s") { id email } } }' % prefix.upper())
    add('users.search cannot return isSystem', '{ users { search(query: "%s-alice") { id isSystem } } }' % prefix)
    add('users.search as guest', '{ users { search(query: "a") { id } } }', auth='none')
    add('users.list after creates', LIST)
    add('groups.list after changes', GLIST)
    add('users.profile with API key', '{ users { profile { id name email } } }')
    add('system.info', '{ system { info { currentVersion } } }')
    add('no credentials', '{ users { list { id } } }', auth='none')
    add('garbage token', '{ users { list { id } } }', auth='garbage')
    add('forged signature', '{ users { list { id } } }', auth='forged')
    add('key without Bearer prefix', '{ users { list { id } } }', auth='bare')
    add('key in cookie', LIST, auth='cookie')
    add('lower-case bearer scheme', '{ groups { single(id: 1) { id name } } }', auth='lowercase')
    add('guest profile', '{ users { profile { id } } }', auth='none')
    add('createApiKey limited', 'mutation($n:String!,$g:Int){ authentication { createApiKey(name:$n, expiration:"1h", fullAccess:false, '
        'group:$g) { %s key } } }' % RR, {'n': prefix + '-limited', 'g': '@g1'}, bind_key='limited')
    add('limited key: users.list', LIST, auth='limited')
    add('limited key: users.single forbidden', SINGLE, {'id': 1}, auth='limited')
    add('limited key: users.update forbidden', UPDATE, {'id': '@a', 'n': 'X Y'}, auth='limited')
    create('limited key: create in Administrators refused', e=em['zed'], n='Zed', g=[1])
    out[-1]['auth'] = 'limited'
    out.extend(admin_rules(prefix))
    add('revokeApiKey', 'mutation($id:Int!){ authentication { revokeApiKey(id:$id) { %s } } }' % RR, {'id': '@limited'})
    add('revoked key', '{ users { list { id } } }', auth='limited')
    add('unknown field', '{ users { list { id email bogusField } } }')
    add('unknown root field', '{ nosuchthing { id } }')
    add('syntax error', '{ users { list { id email } }')
    add('variable of the wrong type', 'query($id:Int!){ users { single(id:$id) { id } } }', {'id': 'abc'})
    add('required variable missing', 'query($id:Int!){ users { single(id:$id) { id } } }', {})
    add('literal argument of the wrong type', '{ users { single(id: "abc") { id } } }')
    add('body is not JSON', None)
    for raw in (b'  nope', b'"str"', b'{bad', b'{"query": ', b'{"query":"{ system { info { currentVersion } } }"}x', b'', b'{}', b'[]',
                b'{"query": ""}', b'{"query": 5}', b'{"query":"{ users { list { id } } }","variables":"x"}',
                b'{"query":"query($id:Int!){ users { single(id:$id) { id } } }","variables":"{\\"id\\": 1}"}'):
        add('raw body %r' % raw, None, raw=raw)
    add('users.delete without replaceId', 'mutation { users { delete(id: 999999) { %s } } }' % RR)
    add('login wrong password', LOGIN, {'u': em['alice'], 'p': 'wrong-password', 's': 'local'}, auth='none')
    add('users.deactivate before login', _by_id('deactivate'), {'id': '@a'})
    add('login deactivated user', LOGIN, {'u': em['alice'], 'p': pw, 's': 'local'}, auth='none')
    add('users.activate after login', _by_id('activate'), {'id': '@a'})
    out.extend(edge_cases(prefix, em, pw))
    add('users.delete admin', DELETE, {'id': 1, 'r': 1})
    add('users.delete guest', DELETE, {'id': 2, 'r': 1})
    add('users.delete unknown id', DELETE, {'id': NOUSER, 'r': 1})
    add('users.delete with unknown replaceId (no content)', DELETE, {'id': '@b', 'r': NOUSER})
    add('users.delete again', DELETE, {'id': '@b', 'r': 1})
    add('groups.delete', 'mutation($id:Int!){ groups { delete(id:$id) { %s } } }' % RR, {'id': '@g2'})
    add('groups.delete again', 'mutation($id:Int!){ groups { delete(id:$id) { %s } } }' % RR, {'id': '@g2'})
    add('groups.delete Administrators', 'mutation { groups { delete(id: 1) { %s } } }' % RR)
    add('groups.delete Guests', 'mutation { groups { delete(id: 2) { %s } } }' % RR)
    for sym in ['a', 'c'] + ['x%d' % i for i in range(8)]:
        add('cleanup users.delete %s' % sym, DELETE, {'id': '@' + sym, 'r': 1})
    add('cleanup groups.delete g1', 'mutation($id:Int!){ groups { delete(id:$id) { %s } } }' % RR, {'id': '@g1'})
    add('users.single deleted user', SINGLE, {'id': '@a'})
    return out


def edge_cases(prefix, em, pw):
    """Inputs API.md does not describe; answers checked against the real server."""
    out = []
    add, create = _recorders(out, pw)

    create('users.create duplicate group ids', e=em['zed'], n='Zed Dup', g=['@g1', '@g1', 1])
    out[-1]['bind_user'] = ('z', em['zed'])
    add('users.single with duplicate memberships (group heap order)', SINGLE, {'id': '@z'})
    add('users.update groups [null] empties membership', UPDATE, {'id': '@z', 'g': [None]})
    add('users.single after groups [null]', SINGLE, {'id': '@z'})
    create('users.create empty email', e='', n=prefix + ' Empty')
    create('users.create name too long', e=em['zed'], n='N' * 256)
    create('users.create email too long', e='e' * 250 + '@example.com', n='Long Email')
    create('users.create blank password', e=em['zed'], n='Blank', p='      ')
    create('users.create upper-case provider', e=em['zed'], n='Upper', pk='LOCAL')
    add('users.update name too long', UPDATE, {'id': '@z', 'n': 'M' * 256})
    add('users.update blank name', UPDATE, {'id': '@z', 'n': '    '})
    add('users.update unvalidated values', UPDATE, {'id': '@z', 'tz': 'Not/AZone', 'df': 'weird', 'ap': 'purple', 'pw': 'newsecret1'})
    add('users.single after unvalidated values', SINGLE, {'id': '@z'})
    add('groups.update null page rule', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [None], 'pr': [None]})
    add('groups.update invalid regex', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [], 'pr': [_rule('x', 'REGEX', '([a-z')]})
    add('groups.update 26 quantifiers', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [], 'pr': [_rule('x', 'REGEX', 'a*' * 26)]})
    for label, path in (('nested optional', '(a?)?'), ('quantified lookahead', '(?=a*)+b'), ('named group', '(?<n>a)+'),
                        ('[^] class', '^[^]*x$'), ('class range out of order', '[z-a]'), ('25 quantifiers', 'a*' * 25)):
        variables = {'id': '@g1', 'n': prefix + ' Editors R', 'r': '/', 'p': [], 'pr': [_rule('x', 'REGEX', path)]}
        add('groups.update REGEX rule, %s' % label, GUPDATE, variables)
    add('groups.update as wikijs_group sends it (stored untrimmed, duplicates kept)', GUPDATE, {
        'id': '@g1', 'n': prefix + ' Editors R', 'r': '  ', 'p': ['read:pages', 'bogus:perm', 'read:pages'],
        'pr': [dict(_rule('b', 'TAG', ' hr '), deny=True, locales=['en', 'en']), _rule('a', 'START', '')]})
    add('groups.single after the wikijs_group update', GSINGLE, {'id': '@g1'})
    bad_rule = {'id': 'x', 'deny': 'no', 'match': 'START', 'roles': [[1, [2, [3]]], {'a': {'b': {'c': 1}}}], 'path': '',
                'locales': list(range(12))}
    add('invalid input object variable (graphql-js inspect)', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [], 'pr': [bad_rule]})
    add('input object missing a field', GUPDATE, {'id': '@g1', 'n': 'X', 'r': '/', 'p': [], 'pr': [{'id': 'x', 'deny': False}]})
    add('Int overflow literal', '{ users { single(id: 99999999999) { id } } }')
    add('Int overflow variable', 'query($id:Int!){ users { single(id:$id) { id } } }', {'id': 99999999999})
    add('Boolean variable given a string', CREATE, {'e': em['zed'], 'n': 'Xx', 'p': pw, 'pk': 'local', 'g': [], 'w': 'yes'})
    add('unknown argument', '{ users { single(id: 1, foo: 2) { id } } }')
    add('fragment on the wrong type', '{ users { list { ...F } } } fragment F on Group { id }')
    add('undefined variable', '{ users { single(id: $x) { id } } }')
    add('two anonymous operations', '{ users { list { id } } } { groups { list { id } } }')
    add('unknown operation name', None, raw=b'{"query":"{ users { list { id } } }","operationName":"nope"}')
    add('two mutations in one document', 'mutation { a: users { verify(id: %d) { %s } } b: groups { delete(id: %d) { %s } } }'
        % (NOUSER, RR, NOUSER, RR))
    add('@skip and @include', '{ users { list @skip(if: true) { id } single(id: 1) @include(if: true) { id } } }')
    add('Forbidden field next to an allowed one', '{ users { list { id } } authentication { activeStrategies { key } } }', auth='none')
    add('users.lastLogins as guest', '{ users { lastLogins { id } } }', auth='none')
    add('users.single guest', '{ users { single(id: 2) { id name email isSystem isVerified providerName providerIs2FACapable '
        'tfaIsActive timezone groups { id } } } }')
    add('cleanup users.delete z', DELETE, {'id': '@z', 'r': 1})
    return out


def admin_rules(prefix):
    """API.md 7.3/7.4: the limited key's rights follow its group, so re-grant the group and try admin assignments."""
    out = []
    add = _recorders(out, None)[0]

    def grant(perms):
        add('groups.update limited group to %s' % perms, GUPDATE, {'id': '@g1', 'n': prefix + ' Editors R', 'r': '/', 'p': perms, 'pr': []})

    grant(['manage:users'])
    add('manage:users key: users.update into Administrators refused', UPDATE, {'id': '@a', 'g': [1]}, auth='limited')
    add('manage:users key: users.update into an ordinary group', UPDATE, {'id': '@a', 'g': ['@g2']}, auth='limited')
    add('manage:users key: assignUser to Administrators refused', ASSIGN, {'g': 1, 'u': '@a'}, auth='limited')
    grant(['manage:groups'])
    add('manage:groups key: assignUser to Administrators refused', ASSIGN, {'g': 1, 'u': '@a'}, auth='limited')
    add('manage:groups key: groups.update granting manage:system refused', GUPDATE,
        {'id': '@g2', 'n': 'X', 'r': '/', 'p': ['manage:system'], 'pr': []}, auth='limited')
    grant(['write:groups'])
    add('write:groups key: groups.update granting write:users refused', GUPDATE,
        {'id': '@g2', 'n': 'X', 'r': '/', 'p': ['write:users'], 'pr': []}, auth='limited')
    add('write:groups key: users.create into an admin group refused', CREATE,
        {'e': prefix + '-w@example.com', 'n': 'Wu', 'p': 'secret123', 'pk': 'local', 'g': ['@g1']}, auth='limited')
    add('write:groups key: users.single forbidden', SINGLE, {'id': 1}, auth='limited')
    return out
