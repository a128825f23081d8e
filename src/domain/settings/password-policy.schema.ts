// Field rules for password policy input, shared by the REST routes (Fastify validation) and the
// GraphQL resolvers (the same rules applied to GraphQL input).

const count = (max: number, description: string) => ({ type: 'integer', minimum: 0, maximum: max, description }) as const;

export const passwordPolicyFields = {
  min_length: count(128, 'Minimum password length'),
  min_uppercase: count(64, 'Minimum uppercase letters'),
  min_lowercase: count(64, 'Minimum lowercase letters'),
  min_numbers: count(64, 'Minimum digits'),
  special_character: count(64, 'Minimum characters that are neither letters nor digits'),
  failed_attempts: count(100, "Failed logins before a lockout; 0 means the server's LOGIN_MAX_FAILURES"),
} as const;
