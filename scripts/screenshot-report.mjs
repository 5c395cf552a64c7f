#!/usr/bin/env node
// Takes the README's pictures of the report page: the example repository's report, made by
// the real CLI against the demo's emulated platforms, in headless Chromium at desktop and
// phone sizes. Needs `npm run build` first and Debian's /usr/bin/chromium (or CHROMIUM=path).
// `node scripts/screenshot-report.mjs [OUTDIR]` writes report-desktop.png and report-phone.png
// (default: docs/).
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { startDemoPlatforms } from '../build/src/demo/platforms.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'docs'));
const work = await mkdtemp(join(tmpdir(), 'latch-screenshot-'));
const platforms = await startDemoPlatforms();
try {
  await cp(join(root, 'clients'), join(work, 'clients'), { recursive: true });
  await cp(join(root, 'policies'), join(work, 'policies'), { recursive: true });
  const page = join(work, 'report.html');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LATCH_TODAY: '2026-12-01', ...platforms.env };
  // The example as the demo leaves it after its apply: only the by-hand grant is drift.
  await promisify(execFile)(process.execPath, [join(root, 'bin/latch.js'), 'apply', '--yes'], { cwd: work, env });
  platforms.github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
  await promisify(execFile)(process.execPath, [join(root, 'bin/latch.js'), 'report', '--out', page], { cwd: work, env });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await mkdir(outdir, { recursive: true });
    // Tall enough for the client list and Apex's matrix, one level opened to show its source.
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
    await desktop.goto(pathToFileURL(page).href);
    await desktop.locator('#access-apex tr[data-person="maria"] td[data-resource="web"] summary').click();
    await desktop.evaluate('window.scrollTo(0, 0)');
    await desktop.screenshot({ path: join(outdir, 'report-desktop.png'), fullPage: false });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.goto(pathToFileURL(page).href);
    await phone.screenshot({ path: join(outdir, 'report-phone.png'), fullPage: false });
    process.stdout.write(`Screenshots written to ${outdir}\n`);
  } finally {
    await browser.close();
  }
} finally {
  await platforms.close();
  await rm(work, { recursive: true, force: true });
}
