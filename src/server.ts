// Starts Switchyard: validated config, the app, listen; SIGTERM/SIGINT close it gracefully
// (in-flight requests finish, then the database closes).
import { loadConfig, ConfigError } from './config.ts';
import { buildApp } from './app.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`switchyard: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      await app.close();
      app.log.info('closed');
      process.exit(0);
    });
  }
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  console.error('switchyard: failed to start', err);
  process.exit(1);
});
