// Writes the README's pictures of the HTML transcript and the report, from an offline discussion
// of the example table: `npx tsx scripts/docs-screenshots.ts` (needs /usr/bin/chromium and a
// build: npm run build). Files: docs/transcript-html-{1280,390}.png, docs/transcript-outcome-1280.png,
// docs/report-html-1280.png.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'rt-docs-'));
// The example table, copied to a folder of its own name: the pages name the table by its folder
// (from where the run started), which for the checkout itself is whatever it was cloned as.
const TABLE = 'larkhaven';
for (const part of ['participants', 'task'])
  cpSync(join(ROOT, part), join(work, TABLE, part), { recursive: true });
const cli = (args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'bin', 'roundtable.js'), ...args], {
    cwd: work,
    env: { ...process.env, ROUNDTABLE_HOME: join(work, 'home'), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

try {
  const out = join(work, 'transcripts');
  // Paced like a fast local model, so the report's times are a real run's.
  // With closing positions, so the page has a decision record.
  cli([
    'run',
    TABLE,
    '--plain',
    '--turns',
    '10',
    '--seed',
    '21',
    '--closing',
    '--pace',
    '150',
    '--out',
    out,
  ]);
  const [folder] = readdirSync(out);
  const dir = join(out, folder ?? '');
  const report = join(work, 'report.html');
  cli(['report', dir, '--html', '--out', report]);

  const profile = mkdtempSync(join(tmpdir(), 'rt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await context.newPage();
  const shoot = async (
    url: string,
    name: string,
    width: number,
    height: number,
    scrollTo?: string,
  ) => {
    await page.setViewportSize({ width, height });
    await page.goto(url);
    if (scrollTo !== undefined) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs', `${name}.png`) });
    process.stdout.write(`docs/${name}.png\n`);
  };
  const transcript = pathToFileURL(join(dir, 'transcript.html')).href;
  await shoot(transcript, 'transcript-html-1280', 1280, 1700);
  await shoot(transcript, 'transcript-html-390', 390, 844, '#turn-2');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page
    .locator('.decision')
    .screenshot({ path: join(ROOT, 'docs', 'transcript-outcome-1280.png') });
  process.stdout.write('docs/transcript-outcome-1280.png\n');
  await shoot(pathToFileURL(report).href, 'report-html-1280', 1280, 1500);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
} finally {
  rmSync(work, { recursive: true, force: true });
}
