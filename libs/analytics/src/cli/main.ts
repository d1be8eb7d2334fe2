import { parseArgs } from 'node:util';
import { InputError } from '../input-error';
import { COMMANDS } from './commands';
import { CommandOptions } from './options';

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name} ${command.usage}`);
  return ['usage: pnpm --silent analytics <command> [options]', '', 'commands:', ...lines].join('\n');
}

/** Runs one command line and returns the exit code: 0 with JSON on stdout, 2 with a one-line reason on stderr. */
export function main(argv: string[]): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    (name ? process.stdout : process.stderr).write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: Object.fromEntries(command.options.map((option) => [option, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    const result = command.run(new CommandOptions(values as Record<string, string | undefined>));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    // parseArgs reports unknown or valueless options with a code; those are the user's to fix, like InputError.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof InputError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`error: ${(error as Error).message}\nusage: pnpm --silent analytics ${name} ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

