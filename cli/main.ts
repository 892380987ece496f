import { COMMANDS, findCommand, type CommandIO } from './commands/index';
import { TerminalFilter } from './terminal';

/**
 * `newsmith <command> [args…]`: dispatch by command name through the registry in `./commands/index.ts`.
 * Built for Node into dist/cli/newsmith.mjs (`npm run build` or `npm run build:cli`); `bin/newsmith.mjs` runs it.
 */

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: newsmith <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "newsmith <command> --help shows a command's options.",
    '--raw (with any command) prints page, model and server text as it is, terminal escape sequences included;',
    'without it, escape sequences and control characters are dropped from everything printed.',
  ].join('\n');
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

/** Runs one command line; returns the exit code (0 ok, 1 some input failed, 2 usage error). */
export async function main(argv: string[], ioIn: CommandIO = processIO()): Promise<number> {
  const raw = argv.includes('--raw');
  const io = raw ? { ...ioIn, raw: true } : inert(ioIn);
  const [name, ...rest] = argv.filter((a) => a !== '--raw');
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr(`newsmith: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return command.run(rest, io);
}

/** The streams with escape sequences and control characters dropped from all that is printed (see ./terminal.ts). */
function inert(io: CommandIO): CommandIO {
  const out = new TerminalFilter();
  const err = new TerminalFilter();
  return {
    ...io,
    stdout: (text) => io.stdout(out.write(text)),
    stderr: (text) => io.stderr(err.write(text)),
  };
}

export { COMMANDS } from './commands/index';
