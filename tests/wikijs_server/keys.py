"""AuthenticationQuery / AuthenticationMutation (API keys, API state, login), system.info and the bit of pages we need."""

from .errors import WikiError, failure, success
from .auth import parse_duration
from .store import iso

SYSTEM_INFO = {
    # Values of the recording (captures/system_info.json); the look-alike has no OS/DB of its own to report.
    'currentVersion': '2.5.314', 'latestVersion': '2.5.314', 'operatingSystem': 'Linux - Debian (bookworm) 12 x64',
    'nodeVersion': '20.20.2', 'dbType': 'PostgreSQL', 'dbVersion': '15.18', 'hostname': 'vm', 'platform': 'docker',
    'configFile': 'config.yml', 'cpuCores': 2, 'dbHost': '127.0.0.1', 'httpPort': 3000, 'httpRedirection': False,
    'httpsPort': 0, 'telemetry': False, 'upgradeCapable': False, 'workingDirectory': '/wiki', 'ramTotal': '1.00 GB',
}


LOCAL_STRATEGY = {
    'key': 'local', 'displayName': 'Local', 'order': 0, 'isEnabled': True, 'selfRegistration': False, 'domainWhitelist': [],
    'autoEnrollGroups': [], 'config': [],
    'strategy': {'key': 'local', 'title': 'Local Database', 'description': 'Built-in authentication for Wiki.js', 'useForm': True,
                 'logo': 'https://static.requarks.io/logo/wikijs.svg', 'website': 'https://wiki.js.org', 'isAvailable': True},
}


def q_active_strategies(ctx, enabledOnly=None):  # pylint: disable=unused-argument,invalid-name
    """Only the built-in local strategy exists on a fresh install."""
    return [LOCAL_STRATEGY]


def q_api_keys(ctx):
    rows = ctx['store'].q('SELECT * FROM apiKeys ORDER BY isRevoked, name')
    return [{'id': r['id'], 'name': r['name'], 'keyShort': '...' + r['key'][-20:], 'isRevoked': bool(r['isRevoked']),
             'expiration': r['expiration'], 'createdAt': r['createdAt'], 'updatedAt': r['updatedAt']} for r in rows]


def q_api_state(ctx):
    return bool(ctx['store'].get_setting('apiEnabled', True))


def m_create_api_key(ctx, name, expiration, fullAccess, group=None):
    store = ctx['store']
    try:
        lifetime = parse_duration(expiration)
    except ValueError as err:
        return {'responseResult': failure(err), 'key': None}
    kid = store.next_id('apiKeys')
    created = iso()
    issued = ctx['signer'].api_key(kid, 1 if fullAccess else group, lifetime)
    store.x('INSERT INTO apiKeys (id, name, key, expiration, isRevoked, createdAt, updatedAt) VALUES (?, ?, ?, ?, 0, ?, ?)',
            kid, name, issued['key'], issued['expiration'], created, iso())
    return {'responseResult': success('API Key created successfully'), 'key': issued['key']}


def m_revoke_api_key(ctx, id):  # pylint: disable=redefined-builtin
    ctx['store'].x('UPDATE apiKeys SET isRevoked = 1, updatedAt = ? WHERE id = ?', iso(), id)
    return {'responseResult': success('API Key revoked successfully')}


def m_set_api_state(ctx, enabled):
    ctx['store'].set_setting('apiEnabled', bool(enabled))
    return {'responseResult': success('API State changed successfully')}


def m_login(ctx, username, password, strategy):
    try:
        result = ctx['auth'].login(username, password, strategy)
    except WikiError as err:
        return {'responseResult': failure(err)}
    result['responseResult'] = success('Login success')
    return result


def q_system_info(ctx):  # pylint: disable=unused-argument
    store = ctx['store']
    info = dict(SYSTEM_INFO)
    info['usersTotal'] = store.one('SELECT COUNT(*) AS n FROM users')['n']
    info['groupsTotal'] = store.one('SELECT COUNT(*) AS n FROM groups')['n']
    info['pagesTotal'] = store.one('SELECT COUNT(*) AS n FROM pages')['n']
    info['tagsTotal'] = 0
    return info


def m_page_create(ctx, path, title, **_):
    """Just enough of pages.create for content ownership (users.delete re-points authorId/creatorId)."""
    store = ctx['store']
    pid = store.next_id('pages')
    now = iso()
    uid = ctx['caller'].id if ctx['caller'] else 2
    store.x('INSERT INTO pages (id, path, title, authorId, creatorId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
            pid, path, title, uid, uid, now, now)
    return {'responseResult': success('Page created successfully.'), 'page': _page(store, pid)}


def _page(store, pid):
    row = store.one('SELECT p.*, u.name AS authorName, c.name AS creatorName FROM pages p LEFT JOIN users u ON u.id = p.authorId '
                    'LEFT JOIN users c ON c.id = p.creatorId WHERE p.id = ?', pid)
    if not row:
        return None
    return {'id': row['id'], 'path': row['path'], 'title': row['title'], 'authorId': row['authorId'], 'creatorId': row['creatorId'],
            'authorName': row['authorName'], 'creatorName': row['creatorName'], 'createdAt': row['createdAt'],
            'updatedAt': row['updatedAt'], 'locale': 'en', 'isPublished': True, 'isPrivate': False, 'contentType': 'markdown',
            'editor': 'markdown', 'tags': [], 'description': '', 'content': '', 'hash': ''}


def q_page_single(ctx, id):  # pylint: disable=redefined-builtin
    page = _page(ctx['store'], id)
    if page is None:
        raise WikiError('PageNotFound', 'This page does not exist.', 6003)
    return page


RESOLVERS = {
    'AuthenticationQuery.apiKeys': q_api_keys, 'AuthenticationQuery.activeStrategies': q_active_strategies, 'AuthenticationQuery.apiState': q_api_state,
    'AuthenticationMutation.createApiKey': m_create_api_key, 'AuthenticationMutation.revokeApiKey': m_revoke_api_key,
    'AuthenticationMutation.setApiState': m_set_api_state, 'AuthenticationMutation.login': m_login,
    'SystemQuery.info': q_system_info, 'PageMutation.create': m_page_create, 'PageQuery.single': q_page_single,
}
