# -*- coding: utf-8 -*-
# Copyright (c) wikijs.wikijs contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# This file is internal to the wikijs.wikijs collection and may change without notice.

"""What Wiki.js 2.5.314 accepts in a group: permission names, page-rule matches, and its regex safety test.

No imports beyond the standard library: the planners and the test-free parts of the modules share it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Every permission string the 2.5.314 server checks: the union of the @auth(requires: [...]) lists in
# server/graph/schemas/*.graphql and the WIKI.auth.checkAccess(...) calls in server/. Wiki.js itself stores any
# string it is given, so an unknown one would be kept but never grant anything: hence the check.
PERMISSIONS = (
    'read:pages', 'write:pages', 'manage:pages', 'delete:pages',
    'write:styles', 'write:scripts', 'read:source', 'read:history',
    'read:assets', 'write:assets', 'manage:assets',
    'read:comments', 'write:comments', 'manage:comments',
    'write:users', 'manage:users', 'write:groups', 'manage:groups',
    'manage:navigation', 'manage:theme', 'manage:api', 'manage:system',
)

# The PageRuleMatch enum of the 2.5.314 schema.
PAGE_RULE_MATCHES = ('START', 'EXACT', 'END', 'REGEX', 'TAG')

# server/app/data.yml: what groups.create gives a new group.
DEFAULT_PERMISSIONS = ('read:pages', 'read:assets', 'read:comments', 'write:comments')
DEFAULT_PAGE_RULES = ({'id': 'default', 'deny': False, 'match': 'START', 'roles': list(DEFAULT_PERMISSIONS),
                       'path': '', 'locales': []},)
DEFAULT_REDIRECT = '/'

# safe-regex 2.1.1 (what groups.update calls) refuses more than this many quantifiers.
REPETITION_LIMIT = 25


def unknown_permissions(names):
    return [name for name in names if name not in PERMISSIONS]


class _Frame(object):
    """An open group while scanning: the deepest quantifier nesting inside it, and the last atom's."""

    def __init__(self, quantifiable=True):
        self.height = 0
        self.last = None          # nesting height of the atom a quantifier would apply to; None: nothing to repeat
        self.quantified = False   # the last atom already has its quantifier
        self.last_quantifiable = True
        self.last_lookahead = False
        self.lookahead = False
        self.quantifiable = quantifiable  # of the group itself: V8 refuses a quantified lookbehind


def _quantifier_end(pattern, pos):
    """End of a ``{n}``, ``{n,}`` or ``{n,m}`` at ``pos``, or None where ``{`` is a literal (Annex B)."""
    close = pattern.find('}', pos)
    if close < 0:
        return None
    body = pattern[pos + 1:close]
    low, comma, high = body.partition(',')
    if not low.isdigit() or (high and not high.isdigit()):
        return None
    if comma and high and int(high) < int(low):
        raise ValueError('numbers out of order in {} quantifier')
    return close + 1


def _group_start(pattern, pos, names):
    """Skip ``(`` and its ``?:``-style prefix; return (next position, whether a quantifier may follow)."""
    rest = pattern[pos + 1:]
    if not rest.startswith('?'):
        return pos + 1, True
    for prefix, quantifiable in (('?:', True), ('?=', True), ('?!', True), ('?<=', False), ('?<!', False)):
        if rest.startswith(prefix):
            return pos + 1 + len(prefix), quantifiable
    if rest.startswith('?<'):
        close = rest.find('>')
        name = rest[2:close] if close > 0 else ''
        if not name or not (name[0].isalpha() or name[0] in '_$') or not all(c.isalnum() or c in '_$' for c in name):
            raise ValueError('invalid capture group name')
        if name in names:
            raise ValueError('duplicate capture group name')
        names.add(name)
        return pos + 1 + close + 1, True
    raise ValueError('invalid group')


def regex_shape(pattern):
    """(star height, number of quantifiers) of a JavaScript regex; ValueError where V8 would reject it.

    Star height counts every quantifier, ``?`` and ``{n}`` included, nested in another, as safe-regex does.
    """
    stack = [_Frame()]
    names = set()
    count = 0
    unparsed = False
    pos = 0
    while pos < len(pattern):
        char = pattern[pos]
        frame = stack[-1]
        if char in '*+?' or (char == '{' and _quantifier_end(pattern, pos) is not None):
            end = pos + 1 if char != '{' else _quantifier_end(pattern, pos)
            if frame.last is None or frame.quantified:
                raise ValueError('nothing to repeat')
            if not frame.last_quantifiable:
                raise ValueError('invalid quantifier')
            if frame.last_lookahead:
                unparsed = True
            count += 1
            frame.height = max(frame.height, frame.last + 1)
            frame.quantified = True
            pos = end + 1 if end < len(pattern) and pattern[end] == '?' else end
            continue
        frame.quantified = False
        frame.last_quantifiable = True
        frame.last_lookahead = False
        if char == '\\':
            if pos + 1 >= len(pattern):
                raise ValueError('\\ at end of pattern')
            frame.last = None if pattern[pos + 1] in 'bB' else 0
            pos += 2
        elif char == '[':
            pos = _class_end(pattern, pos)
            frame.last = 0
        elif char == '(':
            lookahead = pattern.startswith(('(?=', '(?!'), pos)
            pos, quantifiable = _group_start(pattern, pos, names)
            stack.append(_Frame(quantifiable))
            stack[-1].lookahead = lookahead
        elif char == ')':
            if len(stack) == 1:
                raise ValueError("unmatched ')'")
            inner = stack.pop()
            parent = stack[-1]
            parent.height = max(parent.height, inner.height)
            parent.last, parent.last_quantifiable, parent.quantified = inner.height, inner.quantifiable, False
            parent.last_lookahead = inner.lookahead
            pos += 1
        elif char == '|':
            frame.last = None
            pos += 1
        else:
            frame.last = None if char in '^$' else 0
            pos += 1
    if len(stack) > 1:
        raise ValueError('unterminated group')
    if unparsed:
        # safe-regex's parser (regexp-tree) rejects a quantified lookahead that V8 accepts, and safe-regex
        # then counts the pattern as safe.
        return 0, 0
    return stack[0].height, count


_CLASS_ESCAPES = {'n': 10, 'r': 13, 't': 9, 'v': 11, 'f': 12, '0': 0}


def _class_atom(pattern, pos):
    """(code point or None for a set such as \\d, next position) of one class member."""
    if pattern[pos] != '\\':
        return ord(pattern[pos]), pos + 1
    if pos + 1 >= len(pattern):
        raise ValueError('\\ at end of pattern')
    char = pattern[pos + 1]
    if char in 'dDwWsS':
        return None, pos + 2
    for letter, digits in (('x', 2), ('u', 4)):
        code = pattern[pos + 2:pos + 2 + digits]
        if char == letter and len(code) == digits and all(c in '0123456789abcdefABCDEF' for c in code):
            return int(code, 16), pos + 2 + digits
    if char == 'b':
        return 8, pos + 2
    return _CLASS_ESCAPES.get(char, ord(char)), pos + 2


def _class_end(pattern, pos):
    """Position after the ``]`` closing the class opened at ``pos``; ValueError for a range out of order.

    ``[]`` and ``[^]`` are complete classes in JavaScript.
    """
    pos += 2 if pattern[pos + 1:pos + 2] == '^' else 1
    while pos < len(pattern):
        if pattern[pos] == ']':
            return pos + 1
        low, pos = _class_atom(pattern, pos)
        if pattern[pos:pos + 1] == '-' and pos + 1 < len(pattern) and pattern[pos + 1] != ']':
            high, pos = _class_atom(pattern, pos + 1)
            if low is not None and high is not None and high < low:
                raise ValueError('range out of order in character class')
    raise ValueError('unterminated character class')


def is_safe_regex(pattern):
    """The test groups.update applies to REGEX page rules (safe-regex 2.1.1 with its default limit).

    Unsafe: a pattern V8 rejects, quantifiers nested in quantifiers (star height above 1), or more than 25.
    """
    try:
        height, count = regex_shape(pattern)
    except ValueError:
        return False
    return height <= 1 and count <= REPETITION_LIMIT
