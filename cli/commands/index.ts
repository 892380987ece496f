import type { Command } from './types';
import { batchCommand } from './batch';
import { checkCommand } from './check';
import { extractCommand } from './extract';
import { promptCommand } from './prompt';
import { publishCommand } from './publish';
import { rewriteCommand } from './rewrite';

/**
 * The command registry: `newsmith <name> …` runs `COMMANDS[name]`. A new command is a file
 * `cli/commands/<name>.ts` exporting a `Command`, added to this list.
 */
export const COMMANDS: readonly Command[] = [extractCommand, promptCommand, rewriteCommand, batchCommand, publishCommand, checkCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export type { Command, CommandIO } from './types';
