// Field rules for role input, shared by the REST routes (Fastify validation) and the
// GraphQL resolvers (the same rules applied to GraphQL input).

export const roleBodyProperties = {
  name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 _.-]*$' },
  description: { type: 'string', maxLength: 1024 },
} as const;
