import { ahpCommand } from './ahp';
import type { Command } from './options';

/** Every sub-command of `pnpm analytics`, by name. Each lives in its own module beside this one. */
export const COMMANDS: Record<string, Command> = {
  ahp: ahpCommand,
};
