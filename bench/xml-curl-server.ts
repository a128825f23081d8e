// A Switchyard node for the xml_curl benchmark, in a process of its own so its resident memory
// is its own: listens on a free loopback port, tells the parent which, and answers "rss". It is
// built as server.ts builds it (logger included), so the figures are those of a real node.
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const app = await buildApp(loadConfig(), { announce: () => {} });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async (message) => {
  if (message === 'rss') {
    // Measured once the garbage of the requests so far is collected (the bench starts this with --expose-gc).
    globalThis.gc?.();
    const memory = process.memoryUsage();
    process.send!({ rss: memory.rss, memory });
  }
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
  if (message === 'close') {
    await app.close();
    process.exit(0);
  }
});
