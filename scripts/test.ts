// Runs every test: unit tests beside the code, integration tests on each engine, browser tests in Chromium.
// Prints a summary line and fails when any test fails or none ran.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { finished } from 'node:stream/promises';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const only = process.argv.slice(2);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(chromium);
let files = [...findTests('src'), ...findTests('test')].sort();
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
const browserFiles = files.filter((f) => f.startsWith(path.join('test', 'browser')));
if (!haveChromium) {
  if (process.env.CI) {
    console.error(`Chromium is not at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  if (browserFiles.length) console.log(`Chromium is not installed: skipping ${browserFiles.length} browser test file(s). Install it with apt-get install chromium to run them.`);
  files = files.filter((f) => !browserFiles.includes(f));
}

console.log(`Engines: embedded PostgreSQL (PGlite)${process.env.TEST_DATABASE_URL ? ' and a PostgreSQL server (TEST_DATABASE_URL)' : '; set TEST_DATABASE_URL to test on a PostgreSQL server too'}.`);
const built = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/build-templates.ts'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
process.env.DIVERT_TEST_TEMPLATES_READY = '1';

let passed = 0;
let failed = 0;
let skipped = 0;
const stream = run({ files, concurrency: Number(process.env.TEST_CONCURRENCY ?? 2), timeout: 10 * 60_000 });
stream.on('test:pass', (event) => {
  if (event.details.type === 'suite') return;
  if (event.skip || event.todo) skipped++;
  else passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type === 'suite') return;
  failed++;
});
const report = stream.compose(new spec());
report.pipe(process.stdout, { end: false });
await finished(report);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0) console.error('No test ran: that is a failure.');
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
