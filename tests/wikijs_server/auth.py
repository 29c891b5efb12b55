"""Credentials: JWT-shaped API keys and user tokens, request authentication, login rate limit."""

import base64
import datetime
import hashlib
import hmac
import json
import re
import time

from .errors import WikiError
from .store import hash_password, iso

TOKEN_RENEWAL = 14 * 86400
USER_TOKEN_LIFETIME = 30 * 60
_UNITS = {'ms': 0.001, 's': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800, 'y': 31557600}


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def _unb64(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def parse_duration(text):
    """The `ms` package: "2s", "30d", "1y" (365.25 days); a bare number is milliseconds."""
    match = re.match(r'^(-?(?:\d+)?\.?\d+) *(ms|s|m|h|d|w|y)?$', str(text).strip(), re.I)
    if not match:
        raise ValueError('invalid duration %r' % text)
    return float(match.group(1)) * _UNITS[(match.group(2) or 'ms').lower()]


class Signer:
    """Tokens with the real header and claims; HMAC instead of RS256 (only this server verifies them)."""

    def __init__(self, secret):
        self.secret = secret

    def sign(self, payload):
        head = _b64(json.dumps({'alg': 'RS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
        body = _b64(json.dumps(payload, separators=(',', ':')).encode())
        sig = hmac.new(self.secret, ('%s.%s' % (head, body)).encode(), hashlib.sha256).digest()
        return '%s.%s.%s' % (head, body, _b64(sig))

    def verify(self, token):
        """Returns (payload, expired) or (None, False) when the token is unusable."""
        try:
            head, body, sig = token.split('.')
            good = hmac.new(self.secret, ('%s.%s' % (head, body)).encode(), hashlib.sha256).digest()
            if not hmac.compare_digest(good, _unb64(sig)):
                return None, False
            payload = json.loads(_unb64(body))
        except (ValueError, TypeError):
            return None, False
        if not isinstance(payload, dict) or payload.get('aud') != 'urn:wiki.js' or payload.get('iss') != 'urn:wiki.js':
            return None, False
        return payload, bool(payload.get('exp') and payload['exp'] <= time.time())

    def api_key(self, key_id, group, lifetime, now=None):
        now = int(now or time.time())
        exp = now + int(lifetime)
        key = self.sign({'api': key_id, 'grp': group, 'iat': now, 'exp': exp, 'aud': 'urn:wiki.js', 'iss': 'urn:wiki.js'})
        expiration = iso(datetime.datetime.fromtimestamp(now + lifetime, datetime.timezone.utc))
        return {'key': key, 'expiration': expiration}

    def user_token(self, user, group_ids, permissions):
        now = int(time.time())
        return self.sign({'id': user['id'], 'email': user['email'], 'name': user['name'], 'av': None, 'tz': user['timezone'],
                          'lc': 'en', 'df': user['dateFormat'], 'ap': user['appearance'], 'permissions': permissions,
                          'groups': group_ids, 'iat': now, 'exp': now + USER_TOKEN_LIFETIME, 'aud': 'urn:wiki.js',
                          'iss': 'urn:wiki.js'})


def extract_token(headers):
    """passport-jwt fromAuthHeaderAsBearerToken (scheme case-insensitive), then the `jwt` cookie."""
    auth = headers.get('Authorization') or ''
    match = re.match(r'^(\S+)\s+(\S+)$', auth.strip())
    if match and match.group(1).lower() == 'bearer':
        return match.group(2)
    for part in (headers.get('Cookie') or '').split(';'):
        name, dummy, value = part.strip().partition('=')
        if name == 'jwt' and value:
            return value
    return None


class Caller:
    """req.user: who runs the request and the permissions @auth checks."""

    def __init__(self, uid, permissions, kind):
        self.id = uid
        self.permissions = permissions
        self.kind = kind  # 'key', 'user', 'guest'


class Authenticator:
    """core/auth.js authenticate(): decides the caller, or refuses the request (shape 4, HTTP 500)."""

    def __init__(self, store, signer):
        self.store = store
        self.signer = signer
        self.started_at = time.time()
        self.revoked = {}

    def guest(self):
        return Caller(2, self.store.permissions_of_user(2), 'guest')

    def revoke(self, kind, ident):
        self.revoked['%s%s' % (kind, ident)] = time.time() - 5

    def authenticate(self, headers):
        """Returns (caller or None, refusal message or None, renewed token or None)."""
        token = extract_token(headers)
        payload, expired = self.signer.verify(token) if token else (None, False)
        if payload is None:
            return self.guest(), None, None
        if expired:
            if payload['exp'] + TOKEN_RENEWAL <= time.time():
                return self.guest(), None, None
            if 'id' not in payload:
                # An API key has no user to renew: the request goes on with no user at all.
                return None, None, None
            return self._renew(payload['id'])
        if 'api' in payload:
            if not self.store.get_setting('apiEnabled', True):
                return None, 'API is disabled. You must enable it from the Administration Area first.', None
            row = self.store.one('SELECT * FROM apiKeys WHERE id = ?', payload['api'])
            if not row or row['isRevoked'] or row['expiration'] <= iso():
                return None, 'API Key is invalid or was revoked.', None
            grp = self.store.group(payload.get('grp'))
            perms = json.loads(grp['permissions']) if grp else []
            return Caller(1, perms, 'key'), None, None
        return self._user(payload)

    def _user(self, payload):
        uid = payload.get('id')
        iat = payload.get('iat', 0)
        stale = iat <= self.started_at or iat < self.revoked.get('u%s' % uid, 0)
        stale = stale or any(iat < self.revoked.get('g%s' % g, 0) for g in payload.get('groups') or [])
        if stale:
            return self._renew(uid)
        if not self.store.user(uid):
            return self.guest(), None, None
        return Caller(uid, self.store.permissions_of_user(uid), 'user'), None, None

    def _renew(self, uid):
        user = self.store.user(uid)
        if not user or not user['isActive']:
            return self.guest(), None, None
        token = self.issue_user_token(user)
        return Caller(uid, self.store.permissions_of_user(uid), 'user'), None, token

    def issue_user_token(self, user):
        # refreshToken() stamps lastLoginAt with a raw knex update: updatedAt is untouched.
        self.store.touch_user(user['id'], {'lastLoginAt': iso()}, bump_updated=False)
        groups = [g['id'] for g in self.store.user_groups(user['id'])]
        return self.signer.user_token(user, groups, self.store.permissions_of_user(user['id']))

    def login(self, username, password, strategy):
        """users.login with the local strategy; raises WikiError like passport-local does."""
        if strategy != 'local':
            raise WikiError('AuthProviderInvalid')
        user = self.store.one("SELECT * FROM users WHERE email = ? AND providerKey = 'local'", (username or '').lower())
        if not user or not user['password'] or hash_password(password or '') != user['password']:
            raise WikiError('AuthLoginFailed')
        if not user['isActive']:
            raise WikiError('AuthAccountBanned')
        if not user['isVerified']:
            raise WikiError('AuthAccountNotVerified')
        if user['mustChangePwd']:
            return {'mustChangePwd': True, 'continuationToken': self.signer.sign({'cont': user['id']}), 'redirect': '/'}
        return {'jwt': self.issue_user_token(user), 'redirect': '/'}


class RateLimiter:
    """graphql-rate-limit-directive: N calls per window per client and field; the window starts at the first call."""

    def __init__(self):
        self.windows = {}

    def clear(self):
        self.windows.clear()

    def consume(self, key, limit, duration):
        now = time.time()
        start, used = self.windows.get(key, (now, 0))
        if now >= start + duration:
            start, used = now, 0
        used += 1
        self.windows[key] = (start, used)
        if used > limit:
            return int(-(-(start + duration - now) // 1))
        return 0
