// The API benchmark's baseline: a bare Fastify app answering each benchmarked route with the JSON
// Switchyard answered it with (read from BENCH_API_ANSWERS), serialized per request, so the figures
// show what Switchyard adds on top of HTTP, routing, body parsing and JSON itself.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

export interface BaselineAnswer {
  method: 'GET' | 'POST';
  /** A Fastify route pattern (`/api/tenants/:tenant_id`). */
  route: string;
  headers: Record<string, string>;
  body: unknown;
}

const answers = JSON.parse(readFileSync(process.env.BENCH_API_ANSWERS!, 'utf8')) as BaselineAnswer[];
const app = Fastify({ logger: false });
for (const answer of answers) {
  app.route({ method: answer.method, url: answer.route, handler: async (_request, reply) => reply.headers(answer.headers).send(answer.body) });
}
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
