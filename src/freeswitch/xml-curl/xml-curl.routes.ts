// The app's own xml_curl endpoint, answered in-process by `app.xmlCurl`.
import type { FastifyInstance } from 'fastify';
import { registerFetchRoutes } from './fetch-routes.ts';
import { FETCH_PARAMS } from './xml-curl.service.ts';
import type { XmlAnswer } from './xml.ts';

const documentOf = (answer: XmlAnswer) => answer.xml;

export default async function xmlCurlRoutes(app: FastifyInstance) {
  registerFetchRoutes(app, { access: app.config.xmlCurl, fields: FETCH_PARAMS, answer: (section, params) => app.xmlCurl.answer(section, params).then(documentOf) });
}
