"""The four error shapes of Wiki.js 2.5 (Apollo Server 2 on graphql-js 15), and its error classes."""

import json
import re

from graphql import GraphQLError

# Wiki.js error classes (server/helpers/error.js): name -> (code, message).
WIKI_ERRORS = {
    'AuthGenericError': (1001, 'An unexpected error occured during login.'),
    'AuthLoginFailed': (1002, 'Invalid email / username or password.'),
    'AuthProviderInvalid': (1003, 'Invalid authentication provider.'),
    'AuthAccountAlreadyExists': (1004, 'An account already exists using this email address.'),
    'UserCreationFailed': (1009, 'An unexpected error occured during user creation.'),
    'InputInvalid': (1012, 'Input data is invalid.'),
    'AuthAccountBanned': (1013, 'Your account has been disabled.'),
    'AuthAccountNotVerified': (1014, 'You must verify your account before your can login.'),
    'UserNotFound': (1016, 'This user does not exist.'),
    'UserDeleteForeignConstraint': (1017, 'Cannot delete user because of content relational constraints.'),
    'UserDeleteProtected': (1018, 'Cannot delete a protected system account.'),
    'AuthRequired': (1019, 'You must be authenticated to access this resource.'),
    'AuthPasswordInvalid': (1020, 'Password is incorrect.'),
    'MailNotConfigured': (3002, 'The mail configuration is incomplete or invalid.'),
}


class WikiError(Exception):
    """An error a resolver turns into a shape-1 responseResult (or, uncaught, a shape-2 error)."""

    def __init__(self, slug, message=None, code=None):
        known = WIKI_ERRORS.get(slug, (1, None))
        self.slug = slug
        self.code = code if code is not None else known[0]
        self.message = message or known[1] or slug
        super().__init__(self.message)


class ExposedError(Exception):
    """A graphql-js GraphQLError thrown inside a resolver: Apollo copies its message into exception."""


def success(message):
    return {'succeeded': True, 'errorCode': 0, 'slug': 'ok', 'message': message}


def failure(err):
    if isinstance(err, WikiError):
        return {'succeeded': False, 'errorCode': err.code, 'slug': err.slug, 'message': err.message}
    return {'succeeded': False, 'errorCode': 1, 'slug': 'Error', 'message': str(err)}


def stacktrace(message):
    return ['Error: %s' % message, '    at wikijs_server (look-alike of Wiki.js 2.5.314)']


def shape4(message):
    """Rejected before GraphQL ran: data first, then one error with an empty path."""
    return {'data': {}, 'errors': [{'message': message, 'path': []}]}


_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def js_wording(message):
    """graphql-core 3.2 quotes names with ' where graphql-js 15 uses "; otherwise the wording matches."""
    return _QUOTED.sub(lambda m: '"%s"' % m.group(1).replace('"', '\\"'), message)


def _locations(err):
    return [{'line': loc.line, 'column': loc.column} for loc in (err.locations or [])]


def format_execution_error(err: GraphQLError):
    """Shape 2 entry: message, locations, path, extensions.code + exception.stacktrace."""
    original = err.original_error
    message = err.message
    exception = {}
    if isinstance(original, WikiError):
        # custom-error-instance errors carry enumerable stack, code and message; Apollo copies all three.
        exception['stack'] = '%s %d: %s\n%s' % (original.slug, original.code, message, stacktrace(message)[1])
        exception['code'] = original.code
    if isinstance(original, (ExposedError, WikiError)):
        exception['message'] = message
    if original is None:
        message = js_wording(message)
    exception['stacktrace'] = stacktrace(message)
    out = {'message': message}
    if err.locations:
        out['locations'] = _locations(err)
    out['path'] = list(err.path or [])
    out['extensions'] = {'code': 'INTERNAL_SERVER_ERROR', 'exception': exception}
    return out


def format_request_error(err: GraphQLError, code):
    """Shape 3 entry (HTTP 400): no path; code GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED / ..."""
    message = js_wording(err.message)
    out = {'message': message}
    if err.locations:
        out['locations'] = _locations(err)
    out['extensions'] = {'code': code, 'exception': {'stacktrace': stacktrace(message)}}
    return out


def variable_error_code(message):
    # Apollo 2 tags only invalid-value coercion errors as user input; a missing variable stays internal.
    return 'BAD_USER_INPUT' if re.match(r'^Variable ["\']\$[^"\']+["\'] got invalid value', message) else 'INTERNAL_SERVER_ERROR'


def json_syntax_message(text):
    """What body-parser (strict mode) and V8's JSON.parse on Node 20 say about a body that is not JSON."""
    match = re.match(r'^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])', text)
    if not match:
        return 'Unexpected end of JSON input'
    char = match.group(1)
    if char not in '{[':
        # body-parser parses text[:index] + '#' to get a message, then puts the real character back.
        partial = text[:text.index(char)] + '#'
        return 'Unexpected token \'%s\', "%s" is not valid JSON' % (char, partial)
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == 'Extra data':
            return 'Unexpected non-whitespace character after JSON at position %d' % err.pos
        if err.pos >= len(text.rstrip()):
            return 'Unexpected end of JSON input'
        if err.msg.startswith('Expecting property name'):
            return "Expected property name or '}' in JSON at position %d" % err.pos
        snippet = text if len(text) < 32 else '...' + text[max(0, err.pos - 10):err.pos + 10] + '...'
        return 'Unexpected token \'%s\', "%s" is not valid JSON' % (text[err.pos], snippet)
    return 'Unexpected token in JSON at position 0'
