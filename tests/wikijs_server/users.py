"""UserQuery / UserMutation, following server/graph/resolvers/user.js and models/users.js of 2.5.314."""

import json
import re

from .errors import WikiError, failure, success
from .store import hash_password

# validate.js `email: true` (users.create) and ajv's "email" format (objection model validation on update).
_VALIDATE_JS_EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                                r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", re.I)
_AJV_EMAIL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                        r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$", re.I)
PROVIDERS = {'local': 'Local'}
_ADMIN_TYPES = ('users', 'groups', 'navigation', 'theme', 'api')


def user_minimal(row):
    return {'id': row['id'], 'name': row['name'], 'email': row['email'], 'providerKey': row['providerKey'],
            'isSystem': bool(row['isSystem']), 'isActive': bool(row['isActive']), 'createdAt': row['createdAt'],
            'lastLoginAt': row['lastLoginAt']}


def group_full(store, row):
    return {'id': row['id'], 'name': row['name'], 'isSystem': bool(row['isSystem']), 'redirectOnLogin': row['redirectOnLogin'],
            'permissions': json.loads(row['permissions']), 'pageRules': json.loads(row['pageRules']),
            'users': lambda info, **a: [user_minimal(u) for u in store.group_members(row['id'])],
            'createdAt': row['createdAt'], 'updatedAt': row['updatedAt']}


def user_full(store, row):
    out = user_minimal(row)
    out.update({'providerName': PROVIDERS.get(row['providerKey']), 'providerId': None,
                'providerIs2FACapable': row['providerKey'] == 'local', 'isVerified': bool(row['isVerified']),
                'location': row['location'], 'jobTitle': row['jobTitle'], 'timezone': row['timezone'],
                'dateFormat': row['dateFormat'], 'appearance': row['appearance'], 'updatedAt': row['updatedAt'],
                'tfaIsActive': bool(row['tfaIsActive']),
                'groups': lambda info, **a: [group_full(store, g) for g in store.user_groups(row['id'])]})
    return out


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _validate_create(provider, email, password, name):
    """validate.js with format 'flat': the first message wins."""
    errors = []
    if not _VALIDATE_JS_EMAIL.match(email):
        errors.append('Email is not a valid email')
    if len(email) > 255:
        errors.append('Email is too long (maximum is 255 characters)')
    if provider == 'local':
        if _blank(password):
            errors.append("Password raw can't be blank")
        if password is not None and len(password) < 6:
            errors.append('Password raw is too short (minimum is 6 characters)')
    if _blank(name):
        errors.append("Name can't be blank")
    if name is not None and len(name) < 2:
        errors.append('Name is too short (minimum is 2 characters)')
    if name is not None and len(name) > 255:
        errors.append('Name is too long (maximum is 255 characters)')
    if errors:
        raise WikiError('InputInvalid', errors[0])


def may_assign(store, caller, group_ids):
    """auth.checkAssignUserToGroupAccess: refuses assignments to administrative groups."""
    if not group_ids:
        return True
    perms = caller.permissions if caller else []
    if 'manage:system' in perms:
        return True
    if not any(p in ('write:users', 'manage:users', 'write:groups', 'manage:groups') for p in perms):
        return False
    for gid in group_ids:
        grp = store.group(gid)
        if not grp:
            continue
        gperms = json.loads(grp['permissions'])
        if 'manage:system' in gperms:
            return False
        if any(p.split(':')[-1] in _ADMIN_TYPES for p in gperms) and 'manage:groups' not in perms:
            return False
    return True


def _relate(store, uid, group_ids):
    """One INSERT into userGroups for all ids, like objection's relate(array): all or nothing."""
    group_ids = [g for g in group_ids if g is not None]  # relate() drops null ids without complaint
    if any(store.group(g) is None for g in group_ids):
        values = ', '.join('($%d, $%d)' % (2 * i + 1, 2 * i + 2) for i in range(len(group_ids)))
        raise WikiError('ForeignKeyViolationError', 'insert into "userGroups" ("groupId", "userId") values %s returning "groupId" - '
                        'insert or update on table "userGroups" violates foreign key constraint "usergroups_groupid_foreign"' % values, 1)
    for gid in group_ids:
        store.x('INSERT INTO userGroups (userId, groupId) VALUES (?, ?)', uid, gid)


def q_list(ctx, **_):
    return [user_minimal(r) for r in ctx['store'].users_in_heap_order()]


def _like(pattern):
    # PostgreSQL LIKE: case-sensitive, % and _ are wildcards.
    return re.compile('^' + ''.join('.*' if c == '%' else '.' if c == '_' else re.escape(c) for c in pattern) + '$', re.S)


def q_search(ctx, query):
    rx = _like('%' + query + '%')
    rows = [r for r in ctx['store'].users_in_heap_order() if rx.match(r['email']) or rx.match(r['name'])][:10]
    # Only these columns are selected, so isSystem/isActive are null and violate their non-null type.
    return [{'id': r['id'], 'email': r['email'], 'name': r['name'], 'providerKey': r['providerKey'], 'createdAt': r['createdAt']}
            for r in rows]


def q_single(ctx, id):  # pylint: disable=redefined-builtin
    row = ctx['store'].user(id)
    if row is None:
        raise TypeError("Cannot set properties of undefined (setting 'password')")
    return user_full(ctx['store'], row)


def q_profile(ctx):
    caller = ctx['caller']
    if caller is None or caller.id < 1 or caller.id == 2:
        raise WikiError('AuthRequired')
    store = ctx['store']
    row = store.user(caller.id)
    if not row['isActive']:
        raise WikiError('AuthAccountBanned')
    out = user_full(store, row)
    out.update({'providerName': PROVIDERS.get(row['providerKey'], 'Unknown'), 'providerId': '',
                'lastLoginAt': row['lastLoginAt'] or row['updatedAt'],
                'groups': [g['name'] for g in store.user_groups(row['id'])],
                'pagesTotal': store.one('SELECT COUNT(*) AS n FROM pages WHERE creatorId = ?', row['id'])['n']})
    return out


def q_last_logins(ctx):
    rows = ctx['store'].q('SELECT id, name, lastLoginAt FROM users WHERE lastLoginAt IS NOT NULL ORDER BY lastLoginAt DESC LIMIT 10')
    return [dict(r) for r in rows]


def _guarded(func):
    def run(ctx, **args):
        try:
            return {'responseResult': success(func(ctx, **args))}
        except WikiError as err:
            return {'responseResult': failure(err)}
    return run


@_guarded
def m_create(ctx, email, name, providerKey, groups, passwordRaw=None, mustChangePassword=None, sendWelcomeEmail=None):
    store = ctx['store']
    if not may_assign(store, ctx['caller'], groups):
        raise WikiError('Error', 'You are not authorized to create a user with an assignment to an administrative group.', 1)
    email = (email or '').lower()
    _validate_create(providerKey, email, passwordRaw, name)
    if store.one('SELECT id FROM users WHERE email = ? AND providerKey = ?', email, providerKey):
        raise WikiError('AuthAccountAlreadyExists')
    if not _AJV_EMAIL.match(email):
        raise WikiError('ValidationError', 'email: should match format "email"', 1)
    uid = store.next_id('users')
    if providerKey not in PROVIDERS:
        raise WikiError('ForeignKeyViolationError', 'insert into "users" ("createdAt", "email", "isActive", "isSystem", "isVerified", '
                        '"mustChangePwd", "name", "providerKey", "tfaIsActive", "updatedAt") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '
                        '$10) returning "id" - insert or update on table "users" violates foreign key constraint "users_providerkey_foreign"', 1)
    store.insert_user(uid, {'email': email, 'name': name, 'providerKey': providerKey, 'password': hash_password(passwordRaw or ''),
                            'mustChangePwd': int(providerKey == 'local' and mustChangePassword is True)})
    # Not atomic: the user row stays even when the memberships or the welcome mail fail.
    if groups:
        _relate(store, uid, groups)
    if sendWelcomeEmail:
        raise WikiError('MailNotConfigured')
    return 'User created successfully'


def _nonempty(value):
    return isinstance(value, str) and value != ''


@_guarded
def m_update(ctx, id, email=None, name=None, newPassword=None, groups=None,  # pylint: disable=redefined-builtin,too-many-arguments
             location=None, jobTitle=None, timezone=None, dateFormat=None, appearance=None):
    store = ctx['store']
    if not may_assign(store, ctx['caller'], groups):
        raise WikiError('Error', 'You are not authorized to modify / assign a user from / to an administrative group.', 1)
    usr = store.user(id)
    if usr is None:
        raise WikiError('UserNotFound')
    data = {}
    if _nonempty(email) and email != usr['email']:
        # The duplicate check uses the raw value; the stored value is lowercased (hence UniqueViolationError).
        if store.one('SELECT id FROM users WHERE email = ? AND providerKey = ?', email, usr['providerKey']):
            raise WikiError('AuthAccountAlreadyExists')
        data['email'] = email.lower()
    if _nonempty(name) and name != usr['name']:
        data['name'] = name.strip()
    if _nonempty(newPassword):
        if len(newPassword) < 6:
            raise WikiError('InputInvalid', 'Password must be at least 6 characters!')
        data['password'] = hash_password(newPassword)
    if isinstance(groups, list):
        current = [g['id'] for g in store.user_groups(id)]
        for gid in [g for g in groups if g not in current]:
            _relate(store, id, [gid])
        for gid in [g for g in current if g not in groups]:
            store.x('DELETE FROM userGroups WHERE userId = ? AND groupId = ?', id, gid)
    for key, value in (('location', location), ('jobTitle', jobTitle)):
        if _nonempty(value) and value != usr[key]:
            data[key] = value.strip()
    if _nonempty(timezone) and timezone != usr['timezone']:
        data['timezone'] = timezone
    for key, value in (('dateFormat', dateFormat), ('appearance', appearance)):
        if value is not None and value != usr[key]:
            data[key] = value
    _check_patch(store, usr, data)
    store.touch_user(id, data)
    return 'User updated successfully'


def _check_patch(store, usr, data):
    """objection jsonSchema validation, then the unique index on (providerKey, email)."""
    if 'email' in data and not _AJV_EMAIL.match(data['email']):
        raise WikiError('ValidationError', 'email: should match format "email"', 1)
    if 'name' in data and not data['name']:
        raise WikiError('ValidationError', 'name: should NOT be shorter than 1 characters', 1)
    if 'name' in data and len(data['name']) > 255:
        raise WikiError('ValidationError', 'name: should NOT be longer than 255 characters', 1)
    if 'email' in data:
        clash = store.one('SELECT id FROM users WHERE email = ? AND providerKey = ? AND id != ?', data['email'], usr['providerKey'],
                          usr['id'])
        if clash:
            cols = list(data) + ['updatedAt']
            sets = ', '.join('"%s" = $%d' % (c, i + 1) for i, c in enumerate(cols))
            raise WikiError('UniqueViolationError', 'update "users" set %s where "users"."id" = $%d - duplicate key value violates unique '
                            'constraint "users_providerkey_email_unique"' % (sets, len(cols) + 1), 1)


@_guarded
def m_delete(ctx, id, replaceId):  # pylint: disable=redefined-builtin
    store = ctx['store']
    if id <= 2:
        raise WikiError('UserDeleteProtected')
    if store.user(id) is None:
        raise WikiError('UserNotFound')
    owns = store.one('SELECT COUNT(*) AS n FROM pages WHERE authorId = ? OR creatorId = ?', id, id)['n']
    if owns and store.user(replaceId) is None:
        # The re-pointing UPDATE hits the foreign key; Wiki.js maps any "foreign" message to 1017.
        raise WikiError('UserDeleteForeignConstraint')
    store.x('UPDATE pages SET authorId = ? WHERE authorId = ?', replaceId, id)
    store.x('UPDATE pages SET creatorId = ? WHERE creatorId = ?', replaceId, id)
    store.x('DELETE FROM users WHERE id = ?', id)
    ctx['auth'].revoke('u', id)
    return 'User deleted successfully'


def _patcher(fields, message, protect=False, revoke=False):
    @_guarded
    def run(ctx, id):  # pylint: disable=redefined-builtin
        if protect and id <= 2:
            raise WikiError('Error', 'Cannot deactivate system accounts.', 1)
        # No existence check: a patch on an unknown id changes 0 rows and still "succeeds".
        ctx['store'].touch_user(id, fields)
        if revoke:
            ctx['auth'].revoke('u', id)
        return message
    return run


def m_reset_password(ctx, id):  # pylint: disable=redefined-builtin,unused-argument
    return False


RESOLVERS = {
    'UserQuery.list': q_list, 'UserQuery.search': q_search, 'UserQuery.single': q_single, 'UserQuery.profile': q_profile,
    'UserQuery.lastLogins': q_last_logins, 'UserMutation.create': m_create, 'UserMutation.update': m_update,
    'UserMutation.delete': m_delete,
    'UserMutation.verify': _patcher({'isVerified': 1}, 'User verified successfully'),
    'UserMutation.activate': _patcher({'isActive': 1}, 'User activated successfully'),
    'UserMutation.deactivate': _patcher({'isActive': 0}, 'User deactivated successfully', protect=True, revoke=True),
    'UserMutation.enableTFA': _patcher({'tfaIsActive': 1}, 'User 2FA enabled successfully'),
    'UserMutation.disableTFA': _patcher({'tfaIsActive': 0}, 'User 2FA disabled successfully'),
    'UserMutation.resetPassword': m_reset_password,
}
