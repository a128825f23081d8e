// Loads the XML templates once at start: the built-in ones in xml-templates/, each replaced by a
// file of the same name in XML_TEMPLATES_DIR when there is one. A template that does not compile
// stops the start with its name, rather than failing FreeSWITCH's requests later.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTemplate, type Template } from './template.ts';

export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('../../../../xml-templates/', import.meta.url));

export const TEMPLATE_NAMES = [
  'not-found.xml',
  'directory-user.xml',
  'directory-domain.xml',
  'directory-domains.xml',
  'directory-network-list.xml',
  'directory-group.xml',
  'directory-reverse-auth.xml',
  'directory-all.xml',
  'dialplan.xml',
  'dialplan/echo-test.xml',
  'dialplan/voicemail-check.xml',
  'dialplan/feature-voicemail-direct.xml',
  'dialplan/feature-state.xml',
  'dialplan/feature-pickup.xml',
  'dialplan/feature-time.xml',
  'dialplan/local-extension.xml',
  'dialplan/local-extension-failover.xml',
  'dialplan/outbound-route.xml',
  'dialplan/ring-group.xml',
  'dialplan/inbound-did.xml',
  'dialplan/call-block.xml',
  'dialplan/call-flow.xml',
  'dialplan/call-flow-toggle.xml',
  'dialplan/follow-me-toggle.xml',
  'dialplan/time-condition.xml',
  'dialplan/ivr-menu.xml',
  'sofia.conf.xml',
  'acl.conf.xml',
  'ivr.conf.xml',
  'dialplan/conference.xml',
  'conference.conf.xml',
  'voicemail.conf.xml',
  'local_stream.conf.xml',
  'dialplan/call-queue.xml',
  'dialplan/call-queue-agent.xml',
  'callcenter.conf.xml',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateStore {
  get(name: TemplateName): Template;
}

export function loadTemplates(overrideDir?: string): TemplateStore {
  const templates = new Map<TemplateName, Template>();
  for (const name of TEMPLATE_NAMES) {
    const override = overrideDir ? join(overrideDir, name) : undefined;
    const file = override && existsSync(override) ? override : join(BUILT_IN_TEMPLATES_DIR, name);
    templates.set(name, compileTemplate(file, readFileSync(file, 'utf8')));
  }
  return { get: (name) => templates.get(name)! };
}
