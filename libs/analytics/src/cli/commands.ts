import type { Command } from './options';
import { rfmCommand } from './rfm';

/** Every sub-command of `pnpm analytics`, by name. Each lives in its own module beside this one. */
export const COMMANDS: Record<string, Command> = {
  rfm: rfmCommand,
};
