"""Test-control API under /_test (a path Wiki.js never serves): reset, request log, faults, raw state edits."""

import json
import re
import threading

_PROXY_PAGES = {
    429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable',
    504: 'Gateway Time-out',
}
_USER_FIELDS = {'isVerified', 'isActive', 'isSystem', 'mustChangePwd', 'tfaIsActive', 'lastLoginAt', 'createdAt', 'updatedAt', 'name',
                'email', 'location', 'jobTitle', 'timezone', 'dateFormat', 'appearance', 'providerKey'}
_PAGE_FIELDS = {'authorId', 'creatorId', 'path', 'title'}
_FAULT_TARGETS = ('any', 'read', 'mutation', 'read_after_mutation')


class Control:
    """State of the control API; thread-safe on its own lock (never the store lock while sleeping)."""

    def __init__(self, wiki):
        self.wiki = wiki
        self.lock = threading.Lock()
        self.faults = []
        self.entries = []
        self.after_mutation = False

    # -- faults ----------------------------------------------------------------------------------
    def next_fault(self, mutation=False):
        """The fault for this request, if any: the first pending one whose ``on`` matches it, once its
        ``skip`` matching requests have passed. ``on``: any, read, mutation, read_after_mutation (a read
        whose previous /graphql request was a mutation)."""
        with self.lock:
            kinds = {'any', 'mutation' if mutation else 'read'}
            if not mutation and self.after_mutation:
                kinds.add('read_after_mutation')
            self.after_mutation = mutation
            for fault in list(self.faults):
                if fault['on'] not in kinds:
                    continue
                if fault['skip'] > 0:
                    fault['skip'] -= 1
                    continue
                fault['count'] -= 1
                if fault['count'] <= 0:
                    self.faults.remove(fault)
                return dict(fault)
        return None

    @staticmethod
    def fault_response(fault):
        status = int(fault.get('status', 503))
        headers = {}
        if fault.get('retry_after') is not None or status == 429:
            headers['Retry-After'] = str(fault.get('retry_after', 1))
        if fault.get('body') is not None:
            body = fault['body']
            ctype = fault.get('content_type', 'application/json; charset=utf-8')
            data = body.encode('utf-8') if isinstance(body, str) else json.dumps(body).encode('utf-8')
            return status, data, headers, ctype
        title = '%d %s' % (status, _PROXY_PAGES.get(status, 'Error'))
        html = '<html>\r\n<head><title>%s</title></head>\r\n<body>\r\n<center><h1>%s</h1></center>\r\n<hr><center>nginx</center>\r\n' \
               '</body>\r\n</html>\r\n' % (title, title)
        return status, html.encode('ascii'), headers, 'text/html'

    @staticmethod
    def _check_fault(fault):
        kind = fault.get('kind')
        if kind not in ('status', 'delay', 'drop'):
            raise ValueError('fault kind must be status, delay or drop')
        if kind == 'status' and int(fault.get('status', 0)) not in _PROXY_PAGES:
            raise ValueError('status fault needs status 429, 500, 502, 503 or 504')
        if fault.get('on', 'any') not in _FAULT_TARGETS:
            raise ValueError('fault on must be one of %s' % ', '.join(_FAULT_TARGETS))
        out = dict(fault)
        out['count'] = int(fault.get('count', 1))
        out['skip'] = int(fault.get('skip', 0))
        out['on'] = fault.get('on', 'any')
        if out['count'] < 1 or out['skip'] < 0:
            raise ValueError('fault count must be at least 1 and skip at least 0')
        return out

    # -- log -------------------------------------------------------------------------------------
    def log_start(self):
        with self.lock:
            entry = {'index': len(self.entries), 'operations': [], 'mutation': False, 'query': None, 'variables': None, 'status': None}
            self.entries.append(entry)
            return entry

    def log_finish(self, entry, status, fields):
        with self.lock:
            entry.update(fields)
            entry['status'] = status

    # -- HTTP ------------------------------------------------------------------------------------
    def handle(self, method, path, raw):
        try:
            body = json.loads(raw.decode('utf-8')) if raw.strip() else {}
        except ValueError:
            return 400, {'ok': False, 'error': 'body is not JSON'}
        try:
            return self._dispatch(method, path.rstrip('/'), body if isinstance(body, dict) else {})
        except (ValueError, TypeError, KeyError) as err:
            return 400, {'ok': False, 'error': str(err)}

    def _dispatch(self, method, path, body):
        wiki = self.wiki
        if (method, path) == ('POST', '/_test/reset'):
            wiki.reset(seed_users=int(body.get('seed_users', 0) or 0), key_name=body.get('key_name', 'ci'))
            return 200, {'ok': True}
        if (method, path) == ('POST', '/_test/restart'):
            wiki.restart()
            return 200, {'ok': True}
        if (method, path) == ('POST', '/_test/major'):
            # Answer as Wiki.js 2.5 (2) or with a Wiki.js 3.x-like schema (3), until the next reset.
            if body.get('major') not in (2, 3):
                raise ValueError('major must be 2 or 3')
            wiki.major = body['major']
            return 200, {'ok': True}
        if path == '/_test/log':
            with self.lock:
                if method == 'DELETE':
                    self.entries = []
                    return 200, {'ok': True}
                return 200, {'count': len(self.entries), 'requests': [dict(e) for e in self.entries]}
        if path == '/_test/faults':
            with self.lock:
                if method == 'POST':
                    self.faults.extend(self._check_fault(f) for f in body.get('faults', []))
                    # "read after mutation" counts from here, not from the requests that set the test up
                    self.after_mutation = False
                elif method == 'DELETE':
                    self.faults = []
                return 200, {'ok': True, 'faults': [dict(f) for f in self.faults]}
        match = re.match(r'^/_test/(users|pages)/(\d+)$', path)
        if match and method == 'PATCH':
            return self._patch(match.group(1), int(match.group(2)), body)
        return 404, {'ok': False, 'error': 'unknown control endpoint %s %s' % (method, path)}

    def _patch(self, table, ident, body):
        allowed = _USER_FIELDS if table == 'users' else _PAGE_FIELDS
        bad = sorted(set(body) - allowed)
        if bad or not body:
            raise ValueError('fields not patchable: %s (allowed: %s)' % (', '.join(bad) or 'none given', ', '.join(sorted(allowed))))
        store = self.wiki.store
        with store.lock:
            values = {k: (int(v) if isinstance(v, bool) else v) for k, v in body.items()}
            if table == 'users':
                # A direct UPDATE still writes a new row version, so it moves in heap order like any update.
                hit = store.touch_user(ident, values, bump_updated=False)
            else:
                cols = ', '.join('"%s" = ?' % k for k in values)
                hit = store.x('UPDATE pages SET %s WHERE id = ?' % cols, *values.values(), ident).rowcount
        if not hit:
            return 404, {'ok': False, 'error': '%s %d not found' % (table, ident)}
        return 200, {'ok': True}

    def clear(self):
        with self.lock:
            self.faults = []
            self.entries = []
            self.after_mutation = False
