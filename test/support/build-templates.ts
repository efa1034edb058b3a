// Builds the test database templates once, before the test files run.
import { buildTemplates } from './database.js';

const started = Date.now();
await buildTemplates();
console.log(`Test database templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s${process.env.TEST_DATABASE_URL ? ' (embedded and server)' : ' (embedded)'}.`);
