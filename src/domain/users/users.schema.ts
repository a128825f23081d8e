// Field rules for user input, shared by the REST routes (Fastify validation) and the
// GraphQL resolvers (the same rules applied to GraphQL input).

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;

export const userBodyProperties = {
  username: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._@+-]+$' },
  password: { type: 'string', minLength: 1, maxLength: 256 },
  email: { type: 'string', maxLength: 128, anyOf: [{ format: 'email' }, { maxLength: 0 }] },
  first_name: text(128),
  last_name: text(128),
  phone: text(32),
  mobile: text(32),
  address: text(256),
  company: text(128),
  country_id: { type: ['integer', 'null'], minimum: 1 },
  timezone_id: { type: ['integer', 'null'], minimum: 1 },
  active: { type: 'boolean' },
  tenant_id: { type: ['integer', 'null'], minimum: 1, description: 'Super-admin only; a tenant admin creates users in its own tenant' },
  credit: { type: 'number' },
  role_id: { type: 'integer', minimum: 1, description: 'ICTCore: the role to grant on create' },
  role_ids: { type: 'array', items: { type: 'integer', minimum: 1 }, description: 'Several roles to grant on create' },
} as const;
