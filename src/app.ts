// buildApp(config): infrastructure plugins, then the domain, then the adapters. server.ts listens.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Mailer } from './infra/mailer.ts';
import { privateDir } from './infra/private-files.ts';
import { redactPaths, serializers } from './logging.ts';
import authPlugin from './plugins/auth.ts';
import databasePlugin from './plugins/database.ts';
import eslPlugin from './plugins/esl.ts';
import errorHandler from './plugins/error-handler.ts';
import inputLimits, { addSchemaKeywords, schemaErrorMessage } from './plugins/input-limits.ts';
import openapi from './plugins/openapi.ts';
import securityHeaders from './plugins/security-headers.ts';
import servicesPlugin from './plugins/services.ts';
import xmlCurlPlugin from './plugins/xml-curl.ts';
import xmlCurlThread from './plugins/xml-curl-thread.ts';
import health from './http/health.routes.ts';
import rest from './http/rest/index.ts';
import graphql from './http/graphql/index.ts';
import cdrIntake from './freeswitch/cdr/cdr.routes.ts';
import { changeLabelsOf } from './freeswitch/xml-curl/change-tags.ts';
import { dialplanPieces, domainModules, modules } from './modules.ts';
import xmlCurlRoutes from './freeswitch/xml-curl/xml-curl.routes.ts';
import provisioningRoutes from './provisioning/provision.routes.ts';

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Where the default (redacting) logger writes, instead of stdout; tests read it back. */
  logStream?: { write(line: string): void };
  mailer?: Mailer;
  /** Receives each SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Where the one-time generated admin password is shown (default: stdout). */
  announce?: (message: string) => void;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  privateDir(config.dataDir);
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY; otherwise a client
    // could pick its own address and slip past per-address limits.
    trustProxy: config.trustProxy,
    // Start-up applies migrations and seeds; give a loaded machine room.
    pluginTimeout: 60_000,
    bodyLimit: 10 * 1024 * 1024,
    // Unknown fields are refused (400 naming them), never dropped: see plugins/input-limits.ts.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, verbose: true }, onCreate: addSchemaKeywords },
    schemaErrorFormatter: schemaErrorMessage,
  });
  await app.register(errorHandler);
  await app.register(inputLimits);
  await app.register(databasePlugin, { url: config.databaseUrl, onQuery: options.onQuery });
  await app.register(servicesPlugin, { config, modules: domainModules(), mailer: options.mailer, announce: options.announce });
  // Before auth, so that its hooks run first and a 401 carries the headers too.
  await app.register(securityHeaders);
  await app.register(authPlugin);
  await app.register(xmlCurlPlugin, { labelsOf: changeLabelsOf(domainModules()), dialplan: dialplanPieces() });
  await app.register(eslPlugin);
  if (config.xmlCurl.listen) await app.register(xmlCurlThread, { listen: config.xmlCurl.listen });
  await app.register(openapi);
  await app.register(health);
  await app.register(rest, { prefix: '/api', modules });
  await app.register(graphql, { modules });
  await app.register(cdrIntake);
  await app.register(xmlCurlRoutes);
  await app.register(provisioningRoutes);
  return app;
}
