#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx wildtrace` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// Piped into `head` and the like: the reader left, so stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
