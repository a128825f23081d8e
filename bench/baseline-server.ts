// The benchmark's baseline: a bare Fastify app answering every fetch with a fixed 1 KB XML string,
// so the figures show what Switchyard adds on top of HTTP itself.
import Fastify from 'fastify';

const user = '<user id="1000"><params><param name="a1-hash" value="0123456789abcdef0123456789abcdef"/></params></user>';
let xml = '<document type="freeswitch/xml"><section name="directory"><domain name="tenant-000.bench.test"><groups><group name="default"><users>';
while (xml.length < 1024 - 60) xml += user;
xml = `${xml}</users></group></groups></domain></section></document>`.padEnd(1024, ' ');

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.post('/freeswitch/xml', async (_request, reply) => reply.header('content-type', 'text/xml').send(xml));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
