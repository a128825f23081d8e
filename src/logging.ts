// What never reaches the log: credentials in headers and bodies, tokens, TOTP and SIP secrets.
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.access_token',
  '*.mfaSecret',
  '*.secret',
  '*.code',
  'body.password',
  'body.token',
  'body.code',
];
