// Field rules for tenant input, shared by the REST routes (Fastify validation) and the
// GraphQL resolvers (the same rules applied to GraphQL input).

export const tenantBodyProperties = {
  name: { type: 'string', minLength: 1, maxLength: 128 },
  domain: { type: 'string', minLength: 1, maxLength: 253, description: 'FreeSWITCH domain; derived from the name when omitted' },
  description: { type: 'string', maxLength: 1024 },
  email: { type: 'string', maxLength: 128, anyOf: [{ format: 'email' }, { maxLength: 0 }] },
  phone: { type: 'string', maxLength: 32 },
  active: { type: 'boolean' },
  credit: { type: 'number' },
  max_concurrent_calls: { type: 'integer', minimum: 0, description: 'Fraud limit: concurrent calls, 0 for unlimited' },
  credit_alert_threshold: { type: 'number', minimum: 0 },
  permissions: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Tenant feature permission names' },
} as const;
