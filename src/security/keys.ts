// The RS256 key pair for JWTs: read from the configured files, or generated on first start.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateKeyPairSync, createPublicKey } from 'node:crypto';

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

export function loadOrCreateKeyPair(privateKeyFile: string, publicKeyFile: string): KeyPair {
  if (existsSync(privateKeyFile)) {
    const privateKey = readFileSync(privateKeyFile, 'utf8');
    const publicKey = existsSync(publicKeyFile)
      ? readFileSync(publicKeyFile, 'utf8')
      : createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    return { privateKey, publicKey };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  for (const [file, pem] of [
    [privateKeyFile, privateKey],
    [publicKeyFile, publicKey],
  ]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, pem, { mode: 0o600 });
  }
  return { privateKey, publicKey };
}
