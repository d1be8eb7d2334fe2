import { ahpCommand } from './ahp';
import { fitBgNbdCommand } from './fit-bgnbd';
import { fitGammaGammaCommand } from './fit-gamma-gamma';
import type { Command } from './options';
import { predictCommand } from './predict';
import { rfmCommand } from './rfm';

/** Every sub-command of `pnpm analytics`, by name. Each lives in its own module beside this one. */
export const COMMANDS: Record<string, Command> = {
  ahp: ahpCommand,
  'fit-bgnbd': fitBgNbdCommand,
  'fit-gamma-gamma': fitGammaGammaCommand,
  predict: predictCommand,
  rfm: rfmCommand,
};
