// Voicemail boxes: an extension's box settings and greetings. A box holds no number of the dial
// plan (its extension does) and the `voicemail` destination kind stays the extensions' check
// (every extension has a box in mod_voicemail; this module keeps its settings); a box something
// points at as a `voicemail` destination cannot be deleted or disabled here (409). A change re-renders the box's directory user (its vm-* params) and the
// tenant's extensions (their chosen greetings).
import { createMediaStore } from '../../infra/media-store.ts';
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { voicemailsRepository } from './voicemails.repository.ts';
import { createVoicemailsService } from './voicemails.service.ts';

export const voicemailsModule = defineModule({
  name: 'voicemails',
  // voicemail_password reveals a box's PIN on read (the extension's, as fpbx_extension_password does).
  permissions: { names: crud('voicemail', ['create', 'list', 'read', 'update', 'delete', 'password']), tenant: ['voicemail'] },
  repository: voicemailsRepository,
  service: (voicemails, deps) =>
    createVoicemailsService({ voicemails, tenants: deps.repos.tenants, secrets: deps.secrets, media: createMediaStore(deps.config.media.dir), targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  changeLabels: {
    entity: 'voicemail',
    labels: ({ tenantId, id }) =>
      tenantId === null ? null : [...(id === undefined ? [] : [labels.extension(String(id))]), labels.extensionsOf(tenantId), labels.voicemailsOf(tenantId), labels.voicemails],
  },
});
