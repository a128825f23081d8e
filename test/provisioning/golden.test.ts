// Each vendor's files rendered from fixed lines, byte for byte as the golden files say (the files
// were read against the vendors' documentation: Yealink's MAC-oriented CFG file, Polycom's master
// and per-phone files, Grandstream's XML provisioning with its account P-values).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/domain/devices/vendors.ts';
import { loadProvisionTemplates } from '../../src/provisioning/provision-templates.ts';
import { renderProvisionFile } from '../../src/provisioning/render.ts';
import { GOLDEN_LINES } from './golden-target.ts';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
const files = VENDORS.flatMap((vendor) => vendor.files.map((file) => ({ vendor, file, name: `${vendor.name}-${file.name('001565aabbcc')}` })));

describe('phone files as the golden files say', () => {
  const templates = loadProvisionTemplates();
  it.each(files)('$name', ({ vendor, file, name }) => {
    const target = { deviceId: 'd', tenantId: 1, vendor, access: { username: '', password: '', allow: [] }, data: { mac: '001565aabbcc', model: '', label: '', domain: 'acme.test', lines: GOLDEN_LINES } };
    expect(renderProvisionFile(templates, file, target)).toBe(golden(name));
  });
});
