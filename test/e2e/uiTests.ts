// Layer B: the installed .vsix driven through the workbench UI like a person would: open a file,
// run Simulate Request from the command palette, read the inline destination, the Problems count
// and the trace panel; save a screenshot. Every step waits for its value.
import * as assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { loopbackContext } from './browser';

// Run inside the page by waitForFunction (this file is type-checked without the DOM library).
declare const document: { querySelectorAll(selector: string): Iterable<unknown>; querySelector(selector: string): unknown };
declare function getComputedStyle(element: unknown, pseudo: string): { content: string };

interface UiTest { name: string; run(page: Page): Promise<void> }

const input = (page: Page) => page.locator('.quick-input-widget .quick-input-box input');

async function openFile(page: Page, name: string, expectText: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  await input(page).fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines', { hasText: expectText }).waitFor();
  return editor;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await input(page).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Waits for a decoration VS Code renders after a line (`after.contentText`, a CSS `content`) to match. */
async function waitForAfterText(page: Page, re: RegExp): Promise<string> {
  const handle = await page.waitForFunction(({ source, flags }) => {
    const rx = new RegExp(source, flags);
    for (const e of document.querySelectorAll('.editor-instance .view-lines [class*="ced-"]')) {
      const c = getComputedStyle(e, '::after').content;
      if (c && c !== 'none' && c !== 'normal' && rx.test(c)) return c;
    }
    return undefined;
  }, { source: re.source, flags: re.flags });
  return JSON.parse(String(await handle.jsonValue())) as string;
}

export function uiTests(screenshot: string): UiTest[] {
  return [
    {
      name: 'Problems count and status bar show the error in broken.yaml',
      async run(page) {
        await openFile(page, 'broken.yaml', 'vs-broken');
        await page.locator('[id="status.problems"]').filter({ hasText: '1' }).waitFor();
        const status = page.locator('.statusbar-item', { hasText: /Istio: \d+ resources?, 1 error$/ }).first();
        await status.waitFor();
        await status.click(); // opens the Problems view
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'must be a whole number' }).first().waitFor();
      },
    },
    {
      name: 'Simulate Request from the command palette shows the destination inline and the trace',
      async run(page) {
        const editor = await openFile(page, 'case5.yaml', 'vs-hello');
        // Put the cursor on the VirtualService so the command line is prefilled from it.
        const name = editor.locator('.view-lines .view-line span > span', { hasText: /^vs-hello$/ }).first();
        await name.click();
        await runCommand(page, 'Istio Lens: Simulate Request');
        await page.locator('.quick-input-widget', { hasText: 'Simulate Request' }).waitFor();
        // The server prefills the command line from the VirtualService under the cursor.
        await page.waitForFunction(() => /svc-hello\.default\.svc\.cluster\.local/.test(
          (document.querySelector('.quick-input-widget .quick-input-box input') as unknown as { value: string } | null)?.value ?? ''));
        await page.keyboard.press('Enter');
        const text = await waitForAfterText(page, /svc-hello/);
        assert.match(text, /◀ GET \/ → svc-hello:8080 \(v1\) 90%, svc-hello:8080 \(v2\) 10%/);
        await page.locator('.pane-body .monaco-list-row', { hasText: 'routed to 2 destinations' }).first().waitFor();
        await page.locator('[id="status.problems"]').filter({ hasText: '1' }).waitFor();
        await editor.locator('.codelens-decoration', { hasText: 'Simulate' }).first().waitFor();
        await page.screenshot({ path: screenshot });
        // A trace step opens its file:line.
        await page.locator('.pane-body .monaco-list-row', { hasText: 'case5.yaml:26' }).first().click();
        await page.locator('.statusbar-item', { hasText: /Ln 26, Col/ }).first().waitFor();
        // The editor's context menu offers the command too.
        await editor.locator('.view-lines .view-line span > span', { hasText: /^vs-hello$/ }).first().click({ button: 'right' });
        await page.locator('.context-view .action-label', { hasText: 'Simulate Request' }).first().waitFor();
        await page.keyboard.press('Escape');
      },
    },
  ];
}

export async function runUiTests(browser: Browser, url: string, folder: string, screenshot: string): Promise<boolean> {
  const context = await loopbackContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(60000); // generous for a busy 2-core CI machine; every wait ends as soon as its value shows
  let passed = 0;
  let failed = 0;
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    for (const t of uiTests(screenshot)) {
      try {
        await t.run(page);
        passed++;
        console.log(`  ✔ ${t.name}`);
      } catch (e) {
        failed++;
        console.log(`  ✘ ${t.name}\n${(e as Error).stack ?? e}`);
        await page.screenshot({ path: screenshot.replace(/\.png$/, `-fail-${failed}.png`) }).catch(() => undefined);
      }
    }
  } catch (e) {
    failed++;
    console.log(`  ✘ loading the workbench\n${(e as Error).stack ?? e}`);
  } finally {
    await context.close();
  }
  console.log(`UI RESULT: ${passed} passed, ${failed} failed`);
  return failed === 0;
}
