import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { copyExampleRepo, runLatch } from '../e2e/cli-harness.js';
import { onlyLocalNetwork } from '../platforms/emulator-per-test.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);

onlyLocalNetwork();

let platforms: SandboxPlatforms;
let repo: Awaited<ReturnType<typeof copyExampleRepo>>;
let profile: string;
let context: BrowserContext;
let fileUrl: string;
/** Requests for anything but the report file itself: the page must make none. */
const outgoing: string[] = [];
const problems: string[] = [];

async function openReport(viewport: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== fileUrl) outgoing.push(request.url());
  });
  await page.goto(fileUrl);
  return page;
}

/** Closes the page; it must have asked for nothing but the file and logged no error. */
async function finish(page: Page): Promise<void> {
  await page.close();
  expect(outgoing).toEqual([]);
  expect(problems).toEqual([]);
}

describe.skipIf(missing)(`the report page in headless Chromium${missing ? ` (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : ''}`, () => {
  beforeAll(async () => {
    platforms = await startDemoPlatforms();
    repo = await copyExampleRepo();
    const env = { ...platforms.env, LATCH_TODAY: '2026-12-01' };
    const apply = await runLatch(['apply', '--yes'], { cwd: repo.dir, env });
    expect(apply.code, apply.stderr).toBe(0);
    platforms.github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
    const report = await runLatch(['report', '--out', 'report.html'], { cwd: repo.dir, env });
    expect(report.code, report.stderr).toBe(0);
    fileUrl = pathToFileURL(join(repo.dir, 'report.html')).href;
    profile = await mkdtemp(join(tmpdir(), 'latch-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await platforms?.close();
    await repo?.remove();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows every client with its status, and why', async () => {
    const page = await openReport({ width: 1280, height: 900 });
    const cards = page.locator('ul.clients > li.client');
    await expect.poll(() => cards.count()).toBe(3);
    const statuses = Object.fromEntries(
      await Promise.all((await cards.all()).map(async (card) => [await card.getAttribute('data-client'), (await card.locator('.badge').innerText()).trim()])),
    );
    expect(statuses).toEqual({ apex: '⚠ needs attention', bloom: '○ onboarding', cobalt: '✔ healthy' });
    // The by-hand admin on apex-web is the drift that makes Apex need attention.
    expect(await page.locator('li.client[data-client="apex"]').innerText()).toContain('1 change to apply (1 revoke)');
    const drift = await page.locator('#drift').innerText();
    expect(drift).toContain('jake-freelance');
    expect(drift).not.toContain('Platforms not read');
    await finish(page);
  });

  it("shows a client's matrix, and a tap on a level reveals where it comes from", async () => {
    const page = await openReport({ width: 1280, height: 900 });
    const cell = page.locator('#access-apex tr[data-person="maria"] td[data-resource="web"]');
    await expect.poll(() => cell.locator('summary').innerText()).toBe('admin');
    const source = cell.locator('.source');
    expect(await source.isVisible()).toBe(false);
    expect(await cell.locator('summary').getAttribute('title')).toBe('role agency-lead in clients/apex.yaml:19');
    await cell.locator('summary').click();
    expect(await source.isVisible()).toBe(true);
    expect(await source.innerText()).toBe('role agency-lead in clients/apex.yaml:19');
    // A person without access to a resource has an empty cell, not a level.
    expect(await page.locator('#access-apex tr[data-person="dana"] td[data-resource="internal"] summary').count()).toBe(0);
    await finish(page);
  });

  it('fits a phone: the body never scrolls sideways, wide tables scroll in their box', async () => {
    const page = await openReport({ width: 390, height: 844 });
    // Strings, not functions: they run in the page, whose DOM types this Node project does not load.
    const widths = await page.evaluate<{ page: number; body: number; viewport: number }>(
      '({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth })',
    );
    expect(widths.viewport).toBe(390);
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    const scrolls = await page.evaluate<boolean>(
      "(() => { const box = document.querySelector('#access-bloom .scroll'); return box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === 'auto'; })()",
    );
    expect(scrolls).toBe(true);
    await finish(page);
  });
});
