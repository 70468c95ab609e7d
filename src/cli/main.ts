/**
 * `wildtrace`: the command-line tool. Each sub-command lives in its own module and is loaded only
 * when called, so `wildtrace verify` does not load the lexicon.
 */
import { useNodeHashing } from './node-hashing';

export interface Command {
  summary: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  report: () => import('./report-command'),
  scan: () => import('./scan-command'),
  verify: () => import('./verify-command'),
  rebuild: () => import('./rebuild-command'),
};

function usage(): string {
  const lines = Object.keys(COMMANDS).map((name) => `  wildtrace ${name} --help`);
  return ['Usage: wildtrace <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** Runs the tool with the given arguments (without `node` and the script path). */
export async function main(argv: string[]): Promise<number> {
  useNodeHashing();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`wildtrace: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = (await load()).default;
  return command.run(rest);
}
