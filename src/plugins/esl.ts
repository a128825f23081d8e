// The Event Socket manager as a plugin: connects every FreeSWITCH node (FREESWITCH_ESL and the
// enabled switch nodes) when the app builds, flushes FreeSWITCH's caches on writes, tells
// mod_callcenter of call queue changes (call-queue-sync.ts), mails new voicemail messages when
// Switchyard is the voicemail mailer (voicemail-mailer.ts), and closes
// the connections when the app closes. `app.esl` is the manager (events, live state, commands).
// It comes after the xml_curl plugin: whether a write altered acl.conf is read from the answers
// FreeSWITCH itself would be given.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createCacheFlusher, createCallFlowToggles, createCallQueueSync, createFollowMeToggles, createVoicemailMailer, readAclSources, type SwitchManager } from '../freeswitch/esl/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    esl: SwitchManager;
  }
}

async function esl(app: FastifyInstance) {
  const { esl: manager, switchNodes, flushLookups, changes } = app.services;
  const log = app.log.child({ module: 'esl' });
  const acl = () => readAclSources((section, params) => app.xmlCurl.answer(section, params));
  const flusher = createCacheFlusher({ manager, changes, lookups: flushLookups, acl, labelsOf: app.xmlCurl.labelsOf, log });
  const { callFlows, followMe, callQueues } = app.services;
  const toggles = createCallFlowToggles({ manager, toggle: callFlows.toggle, lamp: callFlows.lamp, log });
  const followMeToggles = createFollowMeToggles({ manager, set: followMe.setByCode, log });
  const queueSync = createCallQueueSync({ manager, changes, queue: callQueues.stored, queues: callQueues.storedAll, storeAgentStatus: callQueues.storeAgentStatus, log });
  // With VOICEMAIL_MAILER=freeswitch mod_voicemail mails new messages itself: Switchyard only listens.
  const voicemailMailer = app.config.voicemail.mailer === 'switchyard' ? createVoicemailMailer({ manager, deliver: app.services.voicemailMail.deliver, log }) : null;
  app.decorate('esl', manager);
  app.addHook('onClose', async () => {
    toggles.stop();
    followMeToggles.stop();
    voicemailMailer?.stop();
    queueSync.stop();
    flusher.stop();
    await manager.stop();
  });
  await manager.start({ log, nodes: () => switchNodes.targets() });
  await flusher.start();
  await queueSync.start();
  toggles.start();
  followMeToggles.start();
  voicemailMailer?.start();
}

export default fp(esl, { name: 'esl', dependencies: ['services', 'xml-curl'] });
