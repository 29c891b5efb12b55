"""The real Wiki.js 2.5.314 schema (introspected from a live server) with our resolvers attached.

`schema.json` is the `data` of a full introspection query; `auth_rules.json` holds the @auth and
@rateLimit arguments of every field, taken from the 2.5.314 SDL (introspection does not carry
applied directives).
"""

import functools
import json
import os

from graphql import build_client_schema, default_field_resolver, get_named_type

from .errors import ExposedError
from .jsinspect import install as install_js_inspect

_HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name):
    with open(os.path.join(_HERE, name), encoding='utf-8') as handle:
        return json.load(handle)


RULES = _load('auth_rules.json')


class NotImplementedField(Exception):
    """A Wiki.js field this look-alike does not reproduce: say so instead of answering null."""


def _wrap(type_name, field_name, resolver):
    requires = RULES['auth'].get('%s.%s' % (type_name, field_name))
    limit = RULES['rate_limit'].get('%s.%s' % (type_name, field_name))

    @functools.wraps(resolver)
    def resolve(obj, info, **args):
        ctx = info.context
        if requires:
            # graphql-tools AuthDirective: no user at all -> Unauthorized, no permission -> Forbidden.
            if ctx['caller'] is None:
                raise Exception('Unauthorized')  # pylint: disable=broad-exception-raised
            perms = ctx['caller'].permissions
            if not any(p in requires for p in perms):
                raise Exception('Forbidden')  # pylint: disable=broad-exception-raised
        if limit:
            key = '%s:%s.%s' % (ctx['client_ip'], type_name, field_name)
            wait = ctx['limiter'].consume(key, limit['limit'], limit['duration'])
            if wait:
                raise ExposedError('Too many requests, please try again in %d seconds.' % wait)
        return resolver(obj, info, **args)
    return resolve


def _unimplemented(type_name, field_name):
    def resolve(obj, info, **args):  # pylint: disable=unused-argument
        raise NotImplementedField('wikijs_server does not implement %s.%s' % (type_name, field_name))
    return resolve


def _container(obj, info, **args):  # pylint: disable=unused-argument
    # Query.users, Mutation.groups, ...: Wiki.js resolves every namespace field to {}.
    return {}


def build_schema(resolvers):
    """resolvers: {"UserQuery.list": fn(ctx, **args)}; fn gets the request context dict."""
    install_js_inspect()
    schema = build_client_schema(_load('schema.json'))
    containers = set()
    for root in (schema.query_type, schema.mutation_type):
        for field in root.fields.values():
            field.resolve = _container
            containers.add(get_named_type(field.type).name)
    for type_name, gtype in schema.type_map.items():
        if type_name.startswith('__') or not hasattr(gtype, 'fields') or type_name in ('Query', 'Mutation', 'Subscription'):
            continue
        if not hasattr(gtype, 'is_type_of'):
            continue  # input objects
        for field_name, field in gtype.fields.items():
            impl = resolvers.get('%s.%s' % (type_name, field_name))
            if impl is not None:
                base = _adapt(impl)
            elif type_name in containers:
                base = _unimplemented(type_name, field_name)
            else:
                base = default_field_resolver
            field.resolve = _wrap(type_name, field_name, base)
    return schema


def _adapt(impl):
    def resolve(obj, info, **args):  # pylint: disable=unused-argument
        return impl(info.context, **args)
    return resolve
