// Headless Debian Chromium through playwright-core, loopback only.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A context that can only reach 127.0.0.1 / localhost: the extension never touches the network. */
export async function loopbackContext(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (r) => {
    const host = new URL(r.request().url()).hostname;
    return ['127.0.0.1', 'localhost'].includes(host) ? r.continue() : r.abort();
  });
  return context;
}
