"""SQLite state of the look-alike: users, groups, memberships, API keys, pages, settings.

One in-memory connection guarded by one re-entrant lock. Every GraphQL request runs under
that lock, so requests are serialised like statements on a single database connection.
"""

import datetime
import hashlib
import json
import sqlite3
import threading

ADMIN_PERMISSIONS = ['manage:system']
GUEST_PERMISSIONS = ['read:pages', 'read:assets', 'read:comments']
DEFAULT_PERMISSIONS = ['read:pages', 'read:assets', 'read:comments', 'write:comments']
ADMIN_PASSWORD = 'AdminPass123!'

_DDL = """
CREATE TABLE users (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, providerKey TEXT NOT NULL,
  password TEXT NOT NULL DEFAULT '', isSystem INTEGER NOT NULL DEFAULT 0, isActive INTEGER NOT NULL DEFAULT 1,
  isVerified INTEGER NOT NULL DEFAULT 1, mustChangePwd INTEGER NOT NULL DEFAULT 0, tfaIsActive INTEGER NOT NULL DEFAULT 0,
  location TEXT NOT NULL DEFAULT '', jobTitle TEXT NOT NULL DEFAULT '', timezone TEXT NOT NULL DEFAULT 'America/New_York',
  dateFormat TEXT NOT NULL DEFAULT '', appearance TEXT NOT NULL DEFAULT '',
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, lastLoginAt TEXT, pos INTEGER NOT NULL,
  UNIQUE (providerKey, email)
);
CREATE TABLE groups (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, isSystem INTEGER NOT NULL DEFAULT 0, permissions TEXT NOT NULL,
  pageRules TEXT NOT NULL, redirectOnLogin TEXT NOT NULL DEFAULT '/', createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL,
  pos INTEGER NOT NULL
);
CREATE TABLE userGroups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  groupId INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE
);
CREATE TABLE apiKeys (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, expiration TEXT NOT NULL,
  isRevoked INTEGER NOT NULL DEFAULT 0, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);
CREATE TABLE pages (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, authorId INTEGER NOT NULL, creatorId INTEGER NOT NULL,
  createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def iso(moment=None):
    """ISO-8601 UTC with milliseconds and Z, the way Wiki.js serialises its Date scalar."""
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (moment.microsecond // 1000)


def hash_password(raw):
    # bcrypt is not in the stdlib; a salted fast hash is enough for a loopback test server.
    return hashlib.sha256(('wikijs-test:' + raw).encode('utf-8')).hexdigest() if raw else ''


def default_page_rules(perms=None):
    return [{'id': 'default', 'deny': False, 'match': 'START', 'roles': list(perms or DEFAULT_PERMISSIONS), 'path': '', 'locales': []}]


class Store:
    """All persistent state; `seq` mimics PostgreSQL sequences, `pos` mimics heap order."""

    def __init__(self):
        self.lock = threading.RLock()
        self.db = sqlite3.connect(':memory:', check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute('PRAGMA foreign_keys = ON')
        self.db.executescript(_DDL)
        self.seq = {}
        self.pos = 0

    # -- low level -----------------------------------------------------------------------------
    def q(self, sql, *args):
        return self.db.execute(sql, args).fetchall()

    def one(self, sql, *args):
        return self.db.execute(sql, args).fetchone()

    def x(self, sql, *args):
        return self.db.execute(sql, args)

    def next_id(self, table):
        # Like a PostgreSQL sequence: a failed insert still uses up its id.
        self.seq[table] = self.seq.get(table, 0) + 1
        return self.seq[table]

    def next_pos(self):
        # Wiki.js lists rows without ORDER BY, so PostgreSQL returns them in heap order, and an
        # UPDATE writes a new row version at the end of the heap. `pos` reproduces that.
        self.pos += 1
        return self.pos

    # -- settings ------------------------------------------------------------------------------
    def get_setting(self, key, default=None):
        row = self.one('SELECT value FROM settings WHERE key = ?', key)
        return json.loads(row['value']) if row else default

    def set_setting(self, key, value):
        self.x('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', key, json.dumps(value))

    # -- users ---------------------------------------------------------------------------------
    def user(self, uid):
        return self.one('SELECT * FROM users WHERE id = ?', uid) if isinstance(uid, int) else None

    def users_in_heap_order(self):
        return self.q('SELECT * FROM users ORDER BY pos')

    def touch_user(self, uid, fields, bump_updated=True):
        """UPDATE one user row; returns the number of rows hit (0 for an unknown id, like a patch)."""
        fields = dict(fields)
        if bump_updated:
            fields['updatedAt'] = iso()
        fields['pos'] = self.next_pos()
        cols = ', '.join('"%s" = ?' % k for k in fields)
        return self.x('UPDATE users SET %s WHERE id = ?' % cols, *fields.values(), uid).rowcount

    def insert_user(self, uid, data):
        now = iso()
        row = {'id': uid, 'createdAt': now, 'updatedAt': now, 'pos': self.next_pos()}
        row.update(data)
        cols = ', '.join('"%s"' % k for k in row)
        self.x('INSERT INTO users (%s) VALUES (%s)' % (cols, ', '.join('?' * len(row))), *row.values())

    def user_groups(self, uid):
        # PostgreSQL answers this join in the heap order of groups (seen live with duplicate memberships).
        return self.q('SELECT g.* FROM userGroups ug JOIN groups g ON g.id = ug.groupId WHERE ug.userId = ? ORDER BY g.pos, ug.id', uid)

    def permissions_of_user(self, uid):
        perms = []
        for grp in self.user_groups(uid):
            for perm in json.loads(grp['permissions']):
                if perm not in perms:
                    perms.append(perm)
        return perms

    # -- groups --------------------------------------------------------------------------------
    def group(self, gid):
        return self.one('SELECT * FROM groups WHERE id = ?', gid) if isinstance(gid, int) else None

    def insert_group(self, name, perms, rules, system=False, gid=None):
        gid = gid or self.next_id('groups')
        now = iso()
        self.x('INSERT INTO groups (id, name, isSystem, permissions, pageRules, redirectOnLogin, createdAt, updatedAt, pos) '
               'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', gid, name, int(system), json.dumps(perms), json.dumps(rules), '/', now, now,
               self.next_pos())
        return gid

    def group_members(self, gid):
        return self.q('SELECT u.* FROM userGroups ug JOIN users u ON u.id = ug.userId WHERE ug.groupId = ? ORDER BY u.pos, ug.id', gid)

    # -- reset ---------------------------------------------------------------------------------
    def reset(self, api_key, key_name='ci', seed_users=0):
        """Back to a fresh install: what build.sh leaves behind (admin logged in once, key id 1)."""
        with self.lock:
            for table in ('userGroups', 'pages', 'apiKeys', 'users', 'groups', 'settings'):
                self.x('DELETE FROM %s' % table)
            self.x("DELETE FROM sqlite_sequence")
            self.seq = {}
            self.pos = 0
            self.insert_group('Administrators', ADMIN_PERMISSIONS, [], system=True)
            self.insert_group('Guests', GUEST_PERMISSIONS, default_page_rules(GUEST_PERMISSIONS), system=True)
            self.insert_user(self.next_id('users'), {'email': 'admin@example.com', 'name': 'Administrator', 'providerKey': 'local',
                                                     'password': hash_password(ADMIN_PASSWORD)})
            self.insert_user(self.next_id('users'), {'email': 'guest@example.com', 'name': 'Guest', 'providerKey': 'local',
                                                     'isSystem': 1})
            self.x('INSERT INTO userGroups (userId, groupId) VALUES (1, 1), (2, 2)')
            # The setup login stamps lastLoginAt, which moves the admin behind the guest in heap order.
            self.touch_user(1, {'lastLoginAt': iso()}, bump_updated=False)
            now = iso()
            self.x('INSERT INTO apiKeys (id, name, key, expiration, isRevoked, createdAt, updatedAt) VALUES (?, ?, ?, ?, 0, ?, ?)',
                   self.next_id('apiKeys'), key_name, api_key['key'], api_key['expiration'], now, now)
            self.set_setting('apiEnabled', True)
            if seed_users:
                self.seed(seed_users)

    def seed(self, count):
        """Deterministic extra users for paging/scale tests (ids 3..)."""
        base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        gid = self.insert_group('Seeded', DEFAULT_PERMISSIONS, default_page_rules())
        for n in range(1, count + 1):
            uid = self.next_id('users')
            created = base + datetime.timedelta(minutes=(n * 7919) % (2 * 365 * 24 * 60))
            last = iso(created + datetime.timedelta(days=n % 30)) if n % 3 == 0 else None
            self.insert_user(uid, {'email': 'user%04d@example.com' % n, 'name': 'User %04d' % n, 'providerKey': 'local',
                                   'password': hash_password('password%04d' % n), 'isActive': 0 if n % 7 == 0 else 1,
                                   'createdAt': iso(created), 'updatedAt': iso(created), 'lastLoginAt': last})
            if n % 5 == 0:
                self.x('INSERT INTO userGroups (userId, groupId) VALUES (?, ?)', uid, gid)
