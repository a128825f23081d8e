// A trunk's address as sofia and FusionPBX write it, host[:port], and back.
import { validationFailed } from '../../errors.ts';

/** host[:port], an IPv6 address in brackets (as a SIP URI's host is); the port is left out when it is SIP's default. */
export function proxyOf(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === 5060 ? h : `${h}:${port}`;
}

/** host[:port] ([v6]:port, or a bare IPv6 address) as a host and a port. */
export function splitProxy(proxy: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::([0-9]{1,5}))?$/.exec(proxy);
  const plain = /^([^:]+)(?::([0-9]{1,5}))?$/.exec(proxy);
  const [, host, port] = bracketed ?? plain ?? [undefined, proxy, undefined];
  if (port === undefined) return { host: host! };
  if (Number(port) < 1 || Number(port) > 65535) throw validationFailed('proxy', 'has a port outside 1 to 65535');
  return { host: host!, port: Number(port) };
}
