"""HTTP side: POST /graphql (Apollo Server 2 status codes and bodies), GET /healthz, the /_test control API."""

import json
import time
from http.server import BaseHTTPRequestHandler

from graphql import GraphQLError, GraphQLSyntaxError, execute, parse, validate
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, OperationDefinitionNode, OperationType, StringValueNode
from graphql.language import VariableNode, visit, Visitor

from .errors import format_execution_error, format_request_error, json_syntax_message, shape4, variable_error_code
from .v3 import V3_ROOT, V3_SCHEMA

JSON_TYPE = 'application/json; charset=utf-8'
TEXT_BODY_MISSING = b'POST body missing. Did you forget use body-parser middleware?'
_BAD_VARIABLES = object()
_WIKI_HEADERS = (('X-Frame-Options', 'deny'), ('X-XSS-Protection', '1; mode=block'), ('X-Content-Type-Options', 'nosniff'),
                 ('X-UA-Compatible', 'IE=edge'), ('Referrer-Policy', 'same-origin'))
SECRET_ARGS = ('passwordRaw', 'newPassword', 'password', 'current', 'new')


def _is_secret(name):
    return name in SECRET_ARGS or 'password' in name.lower()


class _Secrets(Visitor):
    """Finds variables and inline string literals passed to secret arguments."""

    def __init__(self):
        super().__init__()
        self.variables = set()
        self.spans = []

    def enter_argument(self, node, *_):
        if not _is_secret(node.name.value):
            return
        if isinstance(node.value, VariableNode):
            self.variables.add(node.value.name.value)
        elif isinstance(node.value, StringValueNode) and node.value.loc:
            self.spans.append((node.value.loc.start, node.value.loc.end))


def redact(query, variables, doc):
    """Query text and variables as they may appear in the log: without passwords."""
    finder = _Secrets()
    if doc is not None:
        visit(doc, finder)
    for start, end in sorted(finder.spans, reverse=True):
        query = query[:start] + '"********"' + query[end:]
    if isinstance(variables, dict):
        variables = {k: ('********' if k in finder.variables or 'password' in k.lower() else v) for k, v in variables.items()}
    return query, variables


def operations_of(doc, operation_name=None):
    """['users.list', ...]: root.field pairs selected (aliases resolved), and whether it is a mutation."""
    if doc is None:
        return [], False
    ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
    frags = {d.name.value: d for d in doc.definitions if not isinstance(d, OperationDefinitionNode) and hasattr(d, 'selection_set')}
    if operation_name:
        ops = [o for o in ops if o.name and o.name.value == operation_name] or ops
    if not ops:
        return [], False
    op = ops[0]

    def fields(selection_set, depth=0):
        out = []
        for sel in selection_set.selections if selection_set and depth < 10 else []:
            if isinstance(sel, FieldNode):
                out.append(sel)
            elif isinstance(sel, InlineFragmentNode):
                out.extend(fields(sel.selection_set, depth + 1))
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in frags:
                out.extend(fields(frags[sel.name.value].selection_set, depth + 1))
        return out
    names = []
    for root in fields(op.selection_set):
        subs = fields(root.selection_set) if root.selection_set else []
        names.extend('%s.%s' % (root.name.value, s.name.value) for s in subs) if subs else names.append(root.name.value)
    return names, op.operation == OperationType.MUTATION


def run_graphql(wiki, headers, raw, client_ip):
    """One POST /graphql. Returns (status, body, extra headers, log fields)."""
    log = {'operations': [], 'mutation': False, 'query': None, 'variables': None}
    text = raw.decode('utf-8', 'replace')
    try:
        # body-parser's strict mode only accepts an object or an array at the top.
        if text.strip() and text.lstrip(' \t\r\n')[0] not in '{[':
            raise ValueError('strict')
        body = json.loads(text) if text.strip() else {}
    except ValueError:
        return 400, shape4(json_syntax_message(text)), {}, log
    if not body:
        # express.json() leaves {} for an empty body; Apollo 2 treats an empty object as no body at all.
        return 500, TEXT_BODY_MISSING, {}, log
    if not isinstance(body, dict):
        body = {'query': None, 'batch': True}
    query, variables = body.get('query'), body.get('variables')
    if isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            variables = _BAD_VARIABLES
    doc = None
    if isinstance(query, str):
        try:
            doc = parse(query)
        except GraphQLSyntaxError:
            doc = None
        log['operations'], log['mutation'] = operations_of(doc, body.get('operationName'))
        log['query'], log['variables'] = redact(query, body.get('variables') if variables is _BAD_VARIABLES else variables, doc)
    with wiki.store.lock:
        caller, refusal, renewed = wiki.auth.authenticate(headers)
        extra = {}
        if renewed:
            if (headers.get('Content-Type') or '') == 'application/json':
                extra['new-jwt'] = renewed
            else:
                extra['Set-Cookie'] = 'jwt=%s; Path=/' % renewed
        if refusal:
            return 500, shape4(refusal), extra, log
        if body.get('batch'):
            return 400, b'wikijs_server does not implement batched queries.', extra, log
        if not query:
            return 400, b'Must provide query string.', extra, log
        if not isinstance(query, str):
            return 400, b'GraphQL queries must be strings.', extra, log
        if variables is _BAD_VARIABLES:
            return 400, b'Variables are invalid JSON.', extra, log
        if doc is None:
            try:
                parse(query)
            except GraphQLSyntaxError as err:
                return 400, _apollo({'errors': [format_request_error(err, 'GRAPHQL_PARSE_FAILED')]}), extra, log
        schema, root = (wiki.schema, None) if wiki.major == 2 else (V3_SCHEMA, V3_ROOT)
        errors = validate(schema, doc)
        if errors:
            return 400, _apollo({'errors': [format_request_error(e, 'GRAPHQL_VALIDATION_FAILED') for e in errors]}), extra, log
        ctx = {'store': wiki.store, 'caller': caller, 'auth': wiki.auth, 'signer': wiki.signer, 'limiter': wiki.limiter,
               'client_ip': client_ip}
        result = execute(schema, doc, variable_values=variables if isinstance(variables, dict) else None,
                         context_value=ctx, operation_name=body.get('operationName'), root_value=root)
    if result.data is None and result.errors:
        return 400, _apollo({'errors': [format_request_error(e, variable_error_code(e.message)) for e in result.errors]}), extra, log
    out = {}
    if result.errors:
        out['errors'] = [format_execution_error(e) for e in result.errors]
    out['data'] = result.data
    return 200, _apollo(out), extra, log


def _apollo(obj):
    """Apollo Server writes JSON.stringify(response) + newline; express's res.json (shape 4) has no newline."""
    return _Json(json.dumps(obj, separators=(',', ':')).encode('utf-8') + b'\n')


class _Json(bytes):
    """Pre-serialised JSON body (as opposed to Apollo's plain-text refusals, which are plain bytes)."""


class Handler(BaseHTTPRequestHandler):
    """Routes requests; `server.wiki` is the WikiJsTestServer."""

    protocol_version = 'HTTP/1.1'
    server_version = 'wikijs-lookalike'
    sys_version = ''

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # keep pytest output clean; the request log is in /_test/log

    def _read(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length > 0 else b''

    def send(self, status, body, headers=None, content_type=JSON_TYPE):
        data = body if isinstance(body, bytes) else json.dumps(body, separators=(',', ':')).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        for key, value in _WIKI_HEADERS:
            self.send_header(key, value)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # pylint: disable=invalid-name
        self._route('GET')

    def do_POST(self):  # pylint: disable=invalid-name
        self._route('POST')

    def do_DELETE(self):  # pylint: disable=invalid-name
        self._route('DELETE')

    def do_PATCH(self):  # pylint: disable=invalid-name
        self._route('PATCH')

    def _route(self, method):
        path = self.path.split('?', 1)[0]
        raw = self._read()
        wiki = self.server.wiki
        if path.startswith('/_test/') or path == '/_test':
            status, body = wiki.control.handle(method, path, raw)
            self.send(status, body)
        elif path == '/healthz' and method == 'GET':
            self.send(200, {'ok': True})
        elif path == '/graphql' and method == 'POST':
            self._graphql(wiki, raw)
        else:
            self.send(404, ('<!DOCTYPE html><html><body><pre>Cannot %s %s</pre></body></html>' % (method, path)).encode(),
                      content_type='text/html; charset=utf-8')

    def _graphql(self, wiki, raw):
        prelog = _prelog(raw)
        fault = wiki.control.next_fault(prelog['mutation'])
        entry = wiki.control.log_start()
        if fault and fault['kind'] == 'delay':
            time.sleep(min(float(fault.get('seconds', 1)), 60))
        elif fault and fault['kind'] == 'drop':
            wiki.control.log_finish(entry, None, prelog)
            self.close_connection = True
            self.wfile.flush()
            return
        elif fault:
            status, body, headers, ctype = wiki.control.fault_response(fault)
            wiki.control.log_finish(entry, status, prelog)
            self.send(status, body, headers, content_type=ctype)
            return
        status, body, headers, log = run_graphql(wiki, self.headers, raw, self.client_address[0])
        wiki.control.log_finish(entry, status, log)
        # Apollo's own refusals of a malformed request are plain text, not JSON.
        ctype = 'text/html; charset=utf-8' if isinstance(body, bytes) and not isinstance(body, _Json) else JSON_TYPE
        self.send(status, body, headers, content_type=ctype)


def _prelog(raw):
    """Log fields for a request answered by a fault: parsed just enough to name its operations."""
    log = {'operations': [], 'mutation': False, 'query': None, 'variables': None}
    try:
        body = json.loads(raw.decode('utf-8'))
        doc = parse(body['query'])
        log['operations'], log['mutation'] = operations_of(doc, body.get('operationName'))
        log['query'], log['variables'] = redact(body['query'], body.get('variables'), doc)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, GraphQLError):
        pass
    return log
