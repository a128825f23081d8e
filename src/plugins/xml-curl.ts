// The xml_curl answerer as a plugin: `app.xmlCurl` renders every section from the database through
// its answer cache, which the change bus keeps true. The routes and the listener thread use it.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { ChangeLabels } from '../freeswitch/xml-curl/change-tags.ts';
import { createXmlCurl, type DialplanPieces, type XmlCurl } from '../freeswitch/xml-curl/xml-curl.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    xmlCurl: XmlCurl;
  }
}

export interface XmlCurlOptions {
  /** The labels a change touches and the modules' dialplan pieces (src/modules.ts). */
  labelsOf: ChangeLabels;
  dialplan: DialplanPieces;
}

async function xmlCurl(app: FastifyInstance, options: XmlCurlOptions) {
  const { changes } = app.services;
  const answerer = createXmlCurl({
    config: app.config.xmlCurl,
    db: app.database.db,
    reads: app.database.reads,
    secrets: app.services.secrets,
    log: app.log,
    publish: (change) => void changes.publish(change).catch((err: Error) => app.log.error({ err }, 'change not announced')),
    labelsOf: options.labelsOf,
    dialplan: options.dialplan,
    mediaDir: app.config.media.dir,
    voicemailMailer: app.config.voicemail.mailer,
  });
  await app.services.sipProfiles.ensureDefaults();
  const unsubscribe = changes.subscribe((change) => answerer.onChange(change));
  app.addHook('onClose', async () => unsubscribe());
  app.decorate('xmlCurl', answerer);
}

export default fp(xmlCurl, { name: 'xml-curl', dependencies: ['services'] });
