"""graphql-js 15's inspect() for values quoted in coercion errors.

graphql-core prints invalid variable values the Python way ({'id': 'x', 'deny': False});
graphql-js prints { id: "x", deny: false }. Swapping the helper inside the two graphql-core
modules that build those messages makes the look-alike say what Wiki.js says.
"""

import json

import graphql.execution.values
import graphql.type.scalars

_ORIGINAL = graphql.pyutils.inspect
_MAX_DEPTH = 2
_MAX_ITEMS = 10


def _number(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def js_inspect(value, seen=0):
    """Same output as graphql-js 15 jsutils/inspect for JSON-like values."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if not value:
            return '[]'
        if seen >= _MAX_DEPTH:
            return '[Array]'
        items = [js_inspect(v, seen + 1) for v in value[:_MAX_ITEMS]]
        rest = len(value) - _MAX_ITEMS
        if rest == 1:
            items.append('... 1 more item')
        elif rest > 1:
            items.append('... %d more items' % rest)
        return '[' + ', '.join(items) + ']'
    if isinstance(value, dict):
        if not value:
            return '{}'
        if seen >= _MAX_DEPTH:
            return '[Object]'
        return '{ ' + ', '.join('%s: %s' % (k, js_inspect(v, seen + 1)) for k, v in value.items()) + ' }'
    return _ORIGINAL(value)


def install():
    graphql.execution.values.inspect = js_inspect
    graphql.type.scalars.inspect = js_inspect
