// Guards the endpoints FreeSWITCH posts to (CDRs; usable by xml_curl too). Access is HTTP Basic
// credentials and/or a CIDR allowlist; when both are configured both must pass, and with neither
// only loopback may post. The source address is the socket's, never X-Forwarded-For: the app
// trusts proxies for its API, but an allowlist that a header could satisfy would guard nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { FreeswitchHttpAccess } from '../config.ts';
import { AppError, forbidden } from '../errors.ts';

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

export function blockListOf(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits), type);
  }
  return list;
}

/** "::ffff:10.0.0.1" is the IPv4 address 10.0.0.1 reached over a dual-stack socket. */
export function normalise(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], type: 'ipv4' };
  return { address, type: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export type HttpGuard = (request: FastifyRequest) => void;

/** Builds a check that throws 401 (missing or wrong credentials) or 403 (source not allowed). */
export function createHttpGuard(access: FreeswitchHttpAccess, realm: string): HttpGuard {
  const useBasic = !!(access.username && access.password);
  const allowed = blockListOf(access.allow.length || useBasic ? access.allow : LOOPBACK);
  const checkSource = access.allow.length > 0 || !useBasic;
  const expected = useBasic ? digest(`${access.username}:${access.password}`) : null;
  const challenge = () =>
    new AppError(401, 'UNAUTHORIZED', 'Valid HTTP Basic credentials required', { 'www-authenticate': `Basic realm="${realm}", charset="UTF-8"` });

  // FreeSWITCH posts from a handful of addresses, so each one's verdict is worked out once (a
  // BlockList check builds an address object every time). Bounded: a scan from many addresses
  // only refills it.
  const verdicts = new Map<string, boolean>();
  function sourceAllowed(remote: string): boolean {
    let verdict = verdicts.get(remote);
    if (verdict === undefined) {
      const source = normalise(remote);
      verdict = source.address !== '' && allowed.check(source.address, source.type);
      if (verdicts.size >= 1024) verdicts.clear();
      verdicts.set(remote, verdict);
    }
    return verdict;
  }

  return (request) => {
    if (checkSource && !sourceAllowed(request.socket.remoteAddress ?? '')) throw forbidden('Source address not allowed');
    if (expected) {
      const given = basicCredentials(request.headers.authorization);
      if (!given || !timingSafeEqual(digest(`${given.username}:${given.password}`), expected)) throw challenge();
    }
  };
}
