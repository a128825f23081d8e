// The phone templates: blocks and placeholders, the shipped templates compiling, and values that
// could break a format refused at render time (the services refuse them when written too).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVISION_TEMPLATES } from '../../src/domain/devices/vendors.ts';
import { loadProvisionTemplates } from '../../src/provisioning/provision-templates.ts';
import { compileTextTemplate, ProvisionTemplateError, UnsafeProvisionValue } from '../../src/provisioning/text-template.ts';

const asIs = (v: string) => v;

describe('phone templates', () => {
  it('repeats, keeps and drops blocks; a block tag alone on its line takes the line with it', () => {
    const t = compileTextTemplate('t', 'head\n{{#each l in lines}}\nk.{{l.n}} = {{l.v}}\n{{/each}}\n{{#if flag}}on\n{{/if}}{{#unless flag}}off\n{{/unless}}tail', asIs);
    expect(t.render({ lines: [{ n: 1, v: 'a' }, { n: 2, v: 'b' }], flag: true })).toBe('head\nk.1 = a\nk.2 = b\non\ntail');
    expect(t.render({ lines: [], flag: false })).toBe('head\noff\ntail');
  });

  it('refuses a template that does not close its blocks or names no path', () => {
    expect(() => compileTextTemplate('t', '{{#each l in lines}}x', asIs)).toThrow(ProvisionTemplateError);
    expect(() => compileTextTemplate('t', '{{#if a}}x{{/each}}', asIs)).toThrow(ProvisionTemplateError);
    expect(() => compileTextTemplate('t', '{{a b}}', asIs)).toThrow(ProvisionTemplateError);
  });

  it('a value with a line break cannot add a key to a Yealink file, nor break an XML one', () => {
    const templates = loadProvisionTemplates();
    const line = { number: 1, label: '1001', displayName: 'Ann\naccount.1.password = stolen', userId: '1001', authId: '1001', password: 'x', domain: 'acme.test', port: 5060 };
    expect(() => templates.get('yealink.cfg').render({ lines: [line], unused: [] })).toThrow(UnsafeProvisionValue);
    expect(() => templates.get('polycom-phone.cfg').render({ lines: [line] })).toThrow(UnsafeProvisionValue);
    expect(() => templates.get('grandstream.xml').render({ line1: line })).toThrow(UnsafeProvisionValue);
  });

  it('every vendor template ships and compiles; one in XML_TEMPLATES_DIR/provision/ replaces the built-in one', () => {
    expect([...PROVISION_TEMPLATES].sort()).toEqual(['grandstream.xml', 'polycom-master.cfg', 'polycom-phone.cfg', 'yealink.cfg']);
    const dir = mkdtempSync(join(tmpdir(), 'provision-templates-'));
    mkdirSync(join(dir, 'provision'));
    writeFileSync(join(dir, 'provision', 'yealink.cfg'), '#!version:1.0.0.1\n{{#each line in lines}}\naccount.{{line.number}}.user_name = {{line.userId}}\n{{/each}}\n');
    const templates = loadProvisionTemplates(dir);
    expect(templates.get('yealink.cfg').render({ lines: [{ number: 1, userId: '1001' }] })).toBe('#!version:1.0.0.1\naccount.1.user_name = 1001\n');
    expect(templates.get('grandstream.xml').render({ mac: '000b82000001' })).toContain('<mac>000b82000001</mac>');
  });
});
