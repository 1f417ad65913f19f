import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';

/**
 * The `sa` command line. Each command lives in ./commands/<name>.ts and exports `register(program)`;
 * they are found by listing that folder, so adding a command touches no shared file.
 * `--db` is defined once here and reaches every command through `command.optsWithGlobals()`.
 */
export function createProgram(): Command {
  return new Command('sa')
    .description('Support analytics: import, classify, evaluate and serve support messages')
    .option(
      '--db <dir|postgres-url>',
      'store: a directory for the embedded store, or a postgres:// URL (default ./data)',
    )
    .exitOverride();
}

export interface CommandModule {
  register(program: Command): void;
}

export async function registerCommands(program: Command, dir = new URL('./commands/', import.meta.url)) {
  const files = (await readdir(dir))
    .filter((name) => /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
  for (const file of files) {
    const module = (await import(new URL(file, dir).href)) as Partial<CommandModule>;
    if (typeof module.register !== 'function') {
      throw new Error(`proxy/src/cli/commands/${file} does not export register(program)`);
    }
    module.register(program);
  }
}

/** Runs the CLI; a failure prints one line (`sa: <reason>`) and exits non-zero. */
export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await registerCommands(program);
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its own message (or the help / version text).
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`sa: ${oneLine(error)}\n`);
    process.exitCode = 1;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv);
}
