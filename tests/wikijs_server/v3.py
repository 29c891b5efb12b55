"""A Wiki.js 3.x-like GraphQL schema, for the version check (POST /_test/major {"major": 3}).

Not a model of 3.x: just its shape where 2.x clients meet it. System info and
users sit at the top level, so 2.x documents (``users { list }``,
``system { info }``) fail validation, as they do against a 3.x server.
"""

from graphql import build_schema

V3_VERSION = '3.0.0-beta.482'

V3_SCHEMA = build_schema('''
type Query {
  systemInfo: SystemInfo
  users(page: Int, pageSize: Int): [UserMinimal]
}
type Mutation {
  createUser(email: String!, name: String!): DefaultResponse
}
type SystemInfo { currentVersion: String }
type UserMinimal { id: UUID email: String name: String }
type DefaultResponse { operation: Operation }
type Operation { succeeded: Boolean message: String }
scalar UUID
''')

V3_ROOT = {'systemInfo': {'currentVersion': V3_VERSION}, 'users': []}
