// The xml_curl listener thread as a plugin (XML_CURL_PORT; registered only when it is set). It
// starts when the app is ready, so a port it cannot take fails the start like the API's own; it
// stops when the app closes, after the app's server has stopped and before the database closes
// (onClose hooks run in reverse order of registration), so its in-flight fetches are still answered.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { startXmlCurlThread, type XmlCurlThread } from '../freeswitch/xml-curl/thread/xml-curl-thread.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The xml_curl listener thread, once the app is ready. */
    readonly xmlCurlThread: XmlCurlThread | undefined;
  }
}

export interface XmlCurlThreadOptions {
  listen: { host: string; port: number };
}

async function xmlCurlThread(app: FastifyInstance, options: XmlCurlThreadOptions) {
  let thread: XmlCurlThread | undefined;
  app.decorate('xmlCurlThread', { getter: () => thread });
  app.addHook('onReady', async () => {
    thread = await startXmlCurlThread(app, options.listen);
  });
  app.addHook('onClose', async () => {
    await thread?.close();
  });
}

export default fp(xmlCurlThread, { name: 'xml-curl-thread', dependencies: ['services', 'xml-curl'] });
