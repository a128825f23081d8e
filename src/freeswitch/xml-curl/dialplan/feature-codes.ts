// Feature codes every tenant has and that need no later module: the echo test (9196) and
// voicemail, one's own mailbox (*97) or any (*98).
import type { TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';

const exact = (code: string) => `^${escapeRegExp(code)}$`;

export const featureCodesProvider: TenantProvider = {
  name: 'feature-codes',
  order: 100,
  async load({ tenant }, templates) {
    const echo = templates.get('dialplan/echo-test.xml');
    const voicemail = templates.get('dialplan/voicemail-check.xml');
    const context = tenant.domain;
    const codes = [
      { code: '9196', xml: echo.render({ name: 'echo-test', expression: exact('9196'), context }) },
      { code: '*97', xml: voicemail.render({ name: 'voicemail-own', expression: exact('*97'), context, own: true }) },
      { code: '*98', xml: voicemail.render({ name: 'voicemail-any', expression: exact('*98'), context, own: false }) },
    ];
    return { tags: [], extensions: fragmentSet(codes.map((c) => ({ xml: c.xml, test: new RegExp(exact(c.code)) }))) };
  },
};
