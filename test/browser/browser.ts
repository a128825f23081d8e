// Drives Debian's Chromium (never a downloaded browser) headless through playwright-core, and
// records what each page does: every request and WebSocket it opens, every Content-Security-Policy
// violation and every uncaught error. A page passes `expectOnlyLocal` when all of those stayed on
// the server under test. Screenshots go to test-artifacts/browser/ (git-ignored).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const artifactsDir = resolve(import.meta.dirname, '../../test-artifacts/browser');

/** Generous: the machine may be busy with other suites; nothing waits for a fixed time. */
export const WAIT_MS = 60_000;

// Chromium's own connections (component updates, sync, field trials) would leave the machine and
// are refused on a closed network; these flags keep it to the pages it is asked for.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

export interface RecordedPage {
  page: Page;
  /** Every URL the page requested (documents, scripts, styles, fonts, images, fetches). */
  requests: string[];
  /** Every WebSocket the page opened. */
  websockets: string[];
  cspViolations(): Promise<CspViolation[]>;
  /** Uncaught errors thrown in the page. */
  errors: string[];
  screenshot(name: string): Promise<string>;
}

export interface TestBrowser {
  open(url: string): Promise<RecordedPage>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  // launch() gives Chromium a new, empty profile (user-data-dir) of its own, removed on close.
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS, timeout: WAIT_MS });
  const contexts: BrowserContext[] = [];

  return {
    async open(url) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      contexts.push(context);
      context.setDefaultTimeout(WAIT_MS);
      // Injected by the DevTools protocol, so the page's own policy does not block it.
      await context.addInitScript(() => {
        const seen: unknown[] = [];
        (window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}` });
        });
      });
      const page = await context.newPage();
      const recorded: RecordedPage = {
        page,
        requests: [],
        websockets: [],
        errors: [],
        cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: CspViolation[] }).__cspViolations),
        async screenshot(name) {
          mkdirSync(artifactsDir, { recursive: true });
          const path = join(artifactsDir, `${name}.png`);
          await page.screenshot({ path, fullPage: false });
          return path;
        },
      };
      page.on('request', (request) => recorded.requests.push(request.url()));
      page.on('websocket', (socket) => recorded.websockets.push(socket.url()));
      page.on('pageerror', (error) => recorded.errors.push(String(error)));
      await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
      return recorded;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
    },
  };
}

/**
 * What left `origin`: every http(s) or ws(s) URL of another origin. data: and blob: URLs are the
 * page's own bytes and never reach a network.
 */
export function outside(origin: string, urls: string[]): string[] {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return urls.filter((url) => {
    if (/^(data|blob):/.test(url)) return false;
    const { origin: o, protocol } = new URL(url);
    return protocol.startsWith('ws') ? o !== wsOrigin : o !== origin;
  });
}
