// Every `$${name}` Switchyard renders or ships must be a global variable a stock FreeSWITCH 1.10
// defines (../shared/freeswitch/stock-variables.md) or one the config in freeswitch/ sets: an
// undefined one expands to nothing, and an empty ext-rtp-ip took mod_sofia down with every
// profile of a real FreeSWITCH. Checked over the templates, the shipped config, and every answer
// to the captured requests on a database holding one of everything.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES } from '../../src/domain/sip-profiles/sip-profile-defaults.ts';
import { STOCK_GLOBALS } from '../../src/domain/shared/switch-syntax.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast } from '../helpers/fixtures.ts';
import { answerOf, createCallerId, createDid, createExtension, createProvider, createRoute, fetchXml } from '../helpers/pbx-fixtures.ts';
import { captureFiles, loadCapture } from '../helpers/xml-curl-captures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const STOCK_FILE = resolve(ROOT, '../shared/freeswitch/stock-variables.md');

/** The names the stock list gives: the lines that are lists of names, not prose. */
function stockNames(): Set<string> {
  const lines = readFileSync(STOCK_FILE, 'utf8').split('\n');
  return new Set(lines.filter((l) => l.trim() && !l.startsWith('#') && !l.includes('`') && !/[.:,]/.test(l)).flatMap((l) => l.trim().split(/\s+/)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const shipped = [...filesUnder(join(ROOT, 'xml-templates')), ...filesUnder(join(ROOT, 'freeswitch'))];

/** What the config Switchyard ships tells an operator to set (`<X-PRE-PROCESS cmd="set" data="name=…"/>`). */
const shippedSets = new Set(shipped.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/cmd="set" data="([A-Za-z0-9_-]+)=/g)].map((m) => m[1])));

const globalsIn = (text: string) => [...text.matchAll(/\$\$\{([^}]*)\}/g)].map((m) => m[1]);

function unknownGlobals(text: string, known: Set<string>): string[] {
  return globalsIn(text).filter((name) => !known.has(name));
}

describe('stock FreeSWITCH globals', () => {
  const stock = stockNames();

  it('the list Switchyard checks against is the stock one', () => {
    expect(stock.size).toBeGreaterThan(100);
    expect([...STOCK_GLOBALS].filter((name) => !stock.has(name))).toEqual([]);
    expect([...stock].filter((name) => !STOCK_GLOBALS.has(name))).toEqual([]);
  });

  it('the default SIP profile settings name only stock globals', () => {
    const settings = Object.values(DEFAULT_PROFILES).flat();
    expect(settings.filter((s) => unknownGlobals(s.value, stock).length > 0)).toEqual([]);
  });

  it.each(shipped.map((f) => [f.slice(ROOT.length + 1), f]))('%s names only stock globals or ones it sets', (_name, file) => {
    const known = new Set([...stock, ...shippedSets]);
    expect(unknownGlobals(readFileSync(file, 'utf8'), known)).toEqual([]);
  });
});

describe.each(databaseKinds)('every rendered document names only stock globals, on $name', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const cast = await seedCast(t);
    // One of everything that renders: an extension with every option, a trunk, a route, a DID and a caller id.
    const uuid = await createExtension(t, cast.tenantA, {
      extension: '1000',
      display_name: 'Ann',
      voicemail_mail_to: 'ann@example.test',
      cidr: '192.0.2.0/24',
      forward_busy_enabled: true,
      forward_busy_destination: '1001',
    });
    expect(uuid).toBeTruthy();
    const provider = await createProvider(t, { name: 'Carrier', host: '198.51.100.20', username: 'u', password: 'p4ss-word', register: true });
    await createRoute(t, { tenant_id: cast.tenantA, name: 'Out', pattern: '^9(\\d+)$', strip: 1, provider_id: provider });
    await createDid(t, { tenant_id: cast.tenantA, phone: '+15550100', destination_type: 'extension', destination_value: '1000', caller_id_prefix: 'Sales' });
    await createCallerId(t, { tenant_id: cast.tenantA, first_name: 'Acme', phone: '+15550199' });
  }, 120_000);
  afterAll(() => t?.close());

  const fetches: [string, Record<string, string> | string][] = [
    ['sofia.conf', { section: 'configuration', key_name: 'name', key_value: 'sofia.conf' }],
    ['sofia.conf internal', { section: 'configuration', key_name: 'name', key_value: 'sofia.conf', profile: 'internal' }],
    ['sofia.conf external', { section: 'configuration', key_name: 'name', key_value: 'sofia.conf', profile: 'external' }],
    ['acl.conf', { section: 'configuration', key_name: 'name', key_value: 'acl.conf' }],
    ['user 1000', { section: 'directory', action: 'sip_auth', user: '1000', domain: 'acme.test', key: 'id', key_value: '1000' }],
    ['domains', { section: 'directory', purpose: 'gateways', profile: 'internal' }],
    ['tenant context', { section: 'dialplan', 'Caller-Context': 'acme.test', 'Hunt-Context': 'acme.test', 'Hunt-Destination-Number': '1000', 'Caller-Destination-Number': '1000' }],
    ['outbound', { section: 'dialplan', 'Caller-Context': 'acme.test', 'Hunt-Context': 'acme.test', 'Hunt-Destination-Number': '915551234', 'Caller-Destination-Number': '915551234' }],
    ['public DID', { section: 'dialplan', 'Caller-Context': 'public', 'Hunt-Context': 'public', 'Hunt-Destination-Number': '15550100', 'Caller-Destination-Number': '15550100' }],
  ];

  it.each(fetches)('%s', async (_name, body) => {
    const xml = await answerOf(fetchXml(t, body));
    expect(xml.length).toBeGreaterThan(100);
    expect(unknownGlobals(xml, stockNames())).toEqual([]);
  });

  it('answers to every captured request, moved onto the seeded tenant', async () => {
    const stock = stockNames();
    for (const file of captureFiles()) {
      const { body } = loadCapture(file);
      const xml = await answerOf(fetchXml(t, body));
      expect(unknownGlobals(xml, stock), file).toEqual([]);
    }
  });
});
