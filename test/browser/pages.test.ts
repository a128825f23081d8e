// The pages Switchyard serves, in a real browser on a network without internet: Swagger UI at
// /api/docs and GraphiQL at /graphiql render, an operator logs in through GraphiQL alone, and
// no page requests anything but Switchyard, nor trips its Content-Security-Policy. Switchyard
// runs as deployed: buildApp on a real SQLite database, listening on a port of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { hasChromium, chromiumPath, launchBrowser, outside, WAIT_MS, type RecordedPage, type TestBrowser } from './browser.ts';

const sqlite = databaseKinds.find((kind) => kind.name === 'sqlite')!;
// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
const run = hasChromium || process.env.CI === 'true';
if (!run) console.warn(`browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);

const TIMEOUT = 3 * WAIT_MS;

describe.runIf(run)('pages in a browser, offline', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp(sqlite);
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, TIMEOUT);

  async function expectOnlyLocal(recorded: RecordedPage) {
    expect(recorded.requests.length).toBeGreaterThan(0);
    expect(outside(origin, [...recorded.requests, ...recorded.websockets])).toEqual([]);
    expect(await recorded.cspViolations()).toEqual([]);
    expect(recorded.errors).toEqual([]);
  }

  describe('Swagger UI at /api/docs', () => {
    let docs: RecordedPage;

    it('lists the routes', async () => {
      docs = await browser.open(`${origin}/api/docs`);
      const { page } = docs;
      // With the API past 160 operations, Swagger UI in a default-sized headless window showed the
      // first tag's operations only (Chromium 156; scrolling did not bring the rest); a window tall
      // enough for every tag shows them all.
      await page.setViewportSize({ width: 1280, height: 20_000 });
      await page.waitForFunction(
        () => [...document.querySelectorAll('.opblock-summary-path')].some((e) => e.textContent?.replace(/\u200b/g, '').trim() === '/freeswitch/xml'),
        undefined,
        { timeout: WAIT_MS },
      );
      const paths = await page.locator('.opblock-summary-path').allTextContents();
      const shown = paths.map((p) => p.replace(/\u200b/g, '').trim());
      expect(shown).toContain('/api/authenticate');
      expect(shown).toContain('/api/tenants');
      expect(shown).toContain('/freeswitch/xml');
      await docs.screenshot('api-docs');
    }, TIMEOUT);

    it('requested nothing outside Switchyard', async () => {
      await expectOnlyLocal(docs);
      expect(docs.requests).toContain(`${origin}/api/docs/json`);
    });
  });

  describe('GraphiQL at /graphiql', () => {
    let gq: RecordedPage;

    /** The text of one of GraphiQL's CodeMirror editors. */
    const editorText = (selector: string) =>
      gq.page.evaluate((sel) => (document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(), selector);

    async function setEditorText(selector: string, text: string) {
      await gq.page.evaluate(
        ({ sel, value }) => (document.querySelector(sel) as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value),
        { sel: selector, value: text },
      );
    }

    /**
     * Puts `query` in the query editor and waits for GraphiQL to parse it: until then the execute
     * button would still run (or offer) the operations of the previous text.
     */
    async function setQuery(query: string) {
      await setEditorText('.graphiql-query-editor .CodeMirror', query);
      await gq.page.waitForFunction(
        (text) => {
          const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { documentAST?: { loc?: { source: { body: string } } } } };
          return editor.CodeMirror.documentAST?.loc?.source.body === text;
        },
        query,
        { timeout: WAIT_MS },
      );
    }

    /** Runs `query` and answers what the server said, once the page shows it. */
    async function runQuery(query: string): Promise<any> {
      const { page } = gq;
      await setQuery(query);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes(JSON.stringify(query)), { timeout: WAIT_MS }),
        page.click('.graphiql-execute-button'),
      ]);
      const answer = await response.json();
      await page.waitForFunction(
        (expected) => {
          const editor = document.querySelector('.result-window .CodeMirror') as unknown as { CodeMirror: { getValue(): string } } | null;
          try {
            return JSON.stringify(JSON.parse(editor?.CodeMirror.getValue() ?? '')) === expected;
          } catch {
            return false;
          }
        },
        JSON.stringify(answer),
        { timeout: WAIT_MS },
      );
      return answer;
    }

    /** The next schema introspection the page runs with a token, and what it answered. */
    const nextIntrospectionWithToken = () =>
      gq.page
        .waitForResponse(
          (r) => r.url() === `${origin}/graphql` && !!r.request().headers().authorization && (r.request().postData() ?? '').includes('IntrospectionQuery'),
          { timeout: WAIT_MS },
        )
        .then((r) => r.json());

    it('renders the editor and the token field', async () => {
      gq = await browser.open(`${origin}/graphiql`);
      // GraphiQL runs nothing before its editors are all there.
      for (const editor of ['.graphiql-query-editor', '.result-window']) await gq.page.waitForSelector(`${editor} .CodeMirror`, { timeout: WAIT_MS });
      await gq.page.waitForSelector('.graphiql-execute-button', { timeout: WAIT_MS });
      expect(await gq.page.isVisible('#sy-token')).toBe(true);
      expect(await gq.page.textContent('#sy-status')).toContain('No token');
    }, TIMEOUT);

    it("opens a dialog, whose scroll-lock style the page's nonce allows", async () => {
      await gq.page.click('button[aria-label="Open settings dialog"]');
      await gq.page.waitForSelector('.graphiql-dialog', { state: 'visible', timeout: WAIT_MS });
      expect(await gq.page.evaluate(() => document.querySelectorAll('style').length)).toBeGreaterThan(0);
      await gq.page.keyboard.press('Escape');
      await gq.page.waitForSelector('.graphiql-dialog', { state: 'detached', timeout: WAIT_MS });
      expect(await gq.cspViolations()).toEqual([]);
    }, TIMEOUT);

    it('logs in with the login mutation, whose token fills the field', async () => {
      const introspection = nextIntrospectionWithToken();
      const answer = await runQuery(`mutation { login(username: "${ADMIN.username}", password: "${ADMIN.password}") { token mfaRequired user { username } } }`);
      expect(answer.data.login.user.username).toBe(ADMIN.username);
      // GraphiQL asks for the schema again, with the token.
      expect((await introspection).data.__schema.queryType.name).toBe('Query');
      await gq.page.waitForFunction((token) => (document.getElementById('sy-token') as HTMLInputElement).value === token, answer.data.login.token, { timeout: WAIT_MS });
      expect(await gq.page.textContent('#sy-status')).toContain(`Logged in as ${ADMIN.username}`);
    }, TIMEOUT);

    it('runs { me { username } } with the token and shows the answer', async () => {
      const answer = await runQuery('{ me { username } }');
      expect(answer).toEqual({ data: { me: { username: ADMIN.username } } });
      expect(await editorText('.result-window .CodeMirror')).toContain(`"username": "${ADMIN.username}"`);
      await gq.screenshot('graphiql');
    }, TIMEOUT);

    it('without the token, the same query is refused', async () => {
      await gq.page.click('#sy-forget');
      expect(await gq.page.inputValue('#sy-token')).toBe('');
      const answer = await runQuery('{ me { username } }');
      expect(answer.errors[0].extensions.code).toBe(401);
    }, TIMEOUT);

    it('takes the token from the Headers editor as well', async () => {
      const token = await t.adminToken();
      await gq.page.click('[data-name="headers"]');
      const headers = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
      await gq.page.waitForSelector(headers, { timeout: WAIT_MS });
      await setEditorText(headers, JSON.stringify({ Authorization: `Bearer ${token}` }));
      const answer = await runQuery('{ me { username } }');
      expect(answer).toEqual({ data: { me: { username: ADMIN.username } } });
    }, TIMEOUT);

    it('subscribes over the WebSocket at /graphql, which the token authenticates', async () => {
      const { page } = gq;
      await setEditorText('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', '');
      await page.fill('#sy-token', await t.adminToken());
      await page.click('#sy-auth button[type="submit"]');
      await setQuery('subscription { registrationEvents { node action domain } }');
      // The server acknowledges connection_init only for a valid token.
      const acknowledged = new Promise<string>((resolve) =>
        page.once('websocket', (socket) => socket.on('framereceived', (frame) => String(frame.payload).includes('connection_ack') && resolve(socket.url()))),
      );
      await page.click('.graphiql-execute-button');
      expect(await acknowledged).toBe(`${origin.replace(/^http/, 'ws')}/graphql`);
      // The same button stops it.
      await page.click('.graphiql-execute-button');
    }, TIMEOUT);

    it('requested nothing outside Switchyard', async () => {
      await expectOnlyLocal(gq);
      expect(gq.websockets).toHaveLength(1);
      expect(gq.requests).toContain(`${origin}/graphiql/assets/graphiql.min.js`);
      expect(gq.requests).toContain(`${origin}/graphql`);
    });
  });
});
