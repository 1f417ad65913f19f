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

/**
 * Registers the commands found in `dir`. With `only`, just that command's module is imported when it
 * exists: some commands pull in the model runtime, and loading all of them made every command slow to start.
 */
export async function registerCommands(
  program: Command,
  dir = new URL('./commands/', import.meta.url),
  only?: string,
) {
  const all = (await readdir(dir))
    .filter((name) => /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
  const wanted = only ? all.filter((file) => file.replace(/\.[a-z]+$/, '') === moduleName(only)) : [];
  for (const file of wanted.length > 0 ? wanted : all) {
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
    await registerCommands(program, undefined, commandName(argv.slice(2)));
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

/** The command named on the line: the first word that is neither an option nor the `--db` value. */
function commandName(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--db') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** `eval-classifier` lives in `evalClassifier.ts`. */
function moduleName(command: string): string {
  return command.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv);
}
