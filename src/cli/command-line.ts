/**
 * What every `wildtrace` command does with its arguments before its own work: parse them, print
 * the help for --help (exit 0), and print a usage error followed by the help (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Prints a usage error with the command's help; returns the exit code for it. */
export function usageError(name: string, help: string, message: string): number {
  console.error(`wildtrace ${name}: ${message}\n\n${help}`);
  return 2;
}

/** The parsed arguments, or the exit code when the command stops here (help shown, or bad options). */
export function parseCommandLine<T extends ParseArgsConfig>(
  name: string,
  help: string,
  config: T,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    return usageError(name, help, (e as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return 0;
  }
  return parsed;
}
