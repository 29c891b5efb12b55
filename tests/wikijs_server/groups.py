"""GroupQuery / GroupMutation, following server/graph/resolvers/group.js of 2.5.314."""

import importlib.util
import json
import os

from .errors import ExposedError, success
from .store import DEFAULT_PERMISSIONS, default_page_rules, iso
from .users import group_full


def _load_regex_test():
    """The collection's port of safe-regex 2.1.1 (stdlib only), loaded by path: the look-alike runs without Ansible.

    One implementation for both sides; the differential test holds it to the real server's answers.
    """
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'plugins', 'module_utils', '_permissions.py')
    spec = importlib.util.spec_from_file_location('wikijs_server_permissions', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.is_safe_regex


safe_regex = _load_regex_test()
_ADMIN_TYPES = ('users', 'groups', 'navigation', 'theme', 'api', 'system')


def _exclusive(caller, include, exclude):
    perms = caller.permissions if caller else []
    return any(p in include for p in perms) and not any(p in exclude for p in perms)


def q_list(ctx, **_):
    store = ctx['store']
    rows = store.q('SELECT g.*, (SELECT COUNT(*) FROM userGroups ug WHERE ug.groupId = g.id) AS userCount FROM groups g ORDER BY pos')
    return [{'id': r['id'], 'name': r['name'], 'isSystem': bool(r['isSystem']), 'userCount': r['userCount'],
             'createdAt': r['createdAt'], 'updatedAt': r['updatedAt']} for r in rows]


def q_single(ctx, id):  # pylint: disable=redefined-builtin
    row = ctx['store'].group(id)
    return group_full(ctx['store'], row) if row else None


def m_create(ctx, name):
    store = ctx['store']
    gid = store.insert_group(name, DEFAULT_PERMISSIONS, default_page_rules())
    return {'responseResult': success('Group created successfully.'), 'group': group_full(store, store.group(gid))}


def m_update(ctx, id, name, redirectOnLogin, permissions, pageRules):  # pylint: disable=redefined-builtin,too-many-arguments
    store = ctx['store']
    if any(pr is None for pr in pageRules):
        raise TypeError("Cannot read properties of null (reading 'match')")
    if any(pr.get('match') == 'REGEX' and not safe_regex(pr.get('path')) for pr in pageRules):
        raise ExposedError('Some Page Rules contains unsafe or exponential time regex.')
    redirect = redirectOnLogin or '/'
    caller = ctx['caller']
    if _exclusive(caller, ['write:groups'], ['manage:groups', 'manage:system']) and \
            any(p and p.split(':')[-1] in _ADMIN_TYPES for p in permissions):
        raise ExposedError('You are not authorized to manage this group or assign these administrative permissions.')
    if _exclusive(caller, ['manage:groups'], ['manage:system']) and any(p and p.split(':')[-1] == 'system' for p in permissions):
        raise ExposedError('You are not authorized to manage this group or assign the manage:system permissions.')
    rules = [{k: (v.value if hasattr(v, 'value') else v) for k, v in pr.items()} for pr in pageRules]
    # A patch WHERE id = ?: an unknown id changes nothing and still reports success.
    store.x('UPDATE groups SET name = ?, redirectOnLogin = ?, permissions = ?, pageRules = ?, updatedAt = ?, pos = ? WHERE id = ?',
            name, redirect, json.dumps(permissions), json.dumps(rules), iso(), store.next_pos(), id)
    ctx['auth'].revoke('g', id)
    return {'responseResult': success('Group has been updated.')}


def m_delete(ctx, id):  # pylint: disable=redefined-builtin
    if id in (1, 2):
        raise ExposedError('Cannot delete this group.')
    ctx['store'].x('DELETE FROM groups WHERE id = ?', id)
    ctx['auth'].revoke('g', id)
    return {'responseResult': success('Group has been deleted.')}


def m_assign(ctx, groupId, userId):
    store = ctx['store']
    if userId == 2:
        raise ExposedError('Cannot assign the Guest user to a group.')
    grp = store.group(groupId)
    if not grp:
        raise ExposedError('Invalid Group ID')
    perms = json.loads(grp['permissions'])
    caller = ctx['caller']
    if _exclusive(caller, ['manage:users', 'write:groups'], ['manage:groups', 'manage:system']) and \
            any(p.split(':')[-1] in _ADMIN_TYPES for p in perms):
        raise ExposedError('You are not authorized to assign a user to this administrative group.')
    if _exclusive(caller, ['manage:groups'], ['manage:system']) and any(p.split(':')[-1] == 'system' for p in perms):
        raise ExposedError('You are not authorized to assign a user to a group with the manage:system permission.')
    if not store.user(userId):
        raise ExposedError('Invalid User ID')
    if store.one('SELECT id FROM userGroups WHERE userId = ? AND groupId = ?', userId, groupId):
        raise ExposedError('User is already assigned to group.')
    store.x('INSERT INTO userGroups (userId, groupId) VALUES (?, ?)', userId, groupId)
    ctx['auth'].revoke('u', userId)
    return {'responseResult': success('User has been assigned to group.')}


def m_unassign(ctx, groupId, userId):
    store = ctx['store']
    if userId == 2:
        raise ExposedError('Cannot unassign Guest user')
    if userId == 1 and groupId == 1:
        raise ExposedError('Cannot unassign Administrator user from Administrators group.')
    if not store.group(groupId):
        raise ExposedError('Invalid Group ID')
    if not store.user(userId):
        raise ExposedError('Invalid User ID')
    store.x('DELETE FROM userGroups WHERE userId = ? AND groupId = ?', userId, groupId)
    ctx['auth'].revoke('u', userId)
    return {'responseResult': success('User has been unassigned from group.')}


RESOLVERS = {
    'GroupQuery.list': q_list, 'GroupQuery.single': q_single, 'GroupMutation.create': m_create,
    'GroupMutation.update': m_update, 'GroupMutation.delete': m_delete, 'GroupMutation.assignUser': m_assign,
    'GroupMutation.unassignUser': m_unassign,
}
