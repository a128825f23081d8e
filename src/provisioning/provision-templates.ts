// Loads the phone templates once at start: the built-in ones in xml-templates/provision/, each
// replaced by a file of the same name under XML_TEMPLATES_DIR/provision/ when there is one (as
// the xml_curl templates are). A template that does not compile stops the start with its name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVISION_TEMPLATES } from '../domain/devices/vendors.ts';
import { BUILT_IN_TEMPLATES_DIR } from '../freeswitch/xml-curl/templates/template-store.ts';
import { escapeXml } from '../freeswitch/xml-curl/templates/xml-escape.ts';
import { compileTextTemplate, type TextTemplate } from './text-template.ts';

// Matching control characters is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/** XML files: no control character, then XML's escaping (attribute-safe). */
const xmlValue = (value: string) => (CONTROL.test(value) ? null : escapeXml(value));
/** `key = value` files: a value is the rest of its line, so no control character at all. */
const lineValue = (value: string) => (CONTROL.test(value) ? null : value);

export interface ProvisionTemplates {
  get(name: string): TextTemplate;
}

export function loadProvisionTemplates(overrideDir?: string): ProvisionTemplates {
  const templates = new Map<string, TextTemplate>();
  for (const name of PROVISION_TEMPLATES) {
    const override = overrideDir ? join(overrideDir, 'provision', name) : undefined;
    const file = override && existsSync(override) ? override : join(BUILT_IN_TEMPLATES_DIR, 'provision', name);
    templates.set(name, compileTextTemplate(file, readFileSync(file, 'utf8'), name.endsWith('.xml') || name.startsWith('polycom') ? xmlValue : lineValue));
  }
  return {
    get(name) {
      const template = templates.get(name);
      if (!template) throw new Error(`no provisioning template ${name}`);
      return template;
    },
  };
}
