import { ahpWeights, evaluateAhpModel } from '../ahp';
import { InputError } from '../input-error';
import type { Command, CommandOptions } from './options';

function readJson(options: CommandOptions, name: string): unknown {
  const text = options.file(name);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${options.string(name)}: not JSON (${(error as Error).message})`);
  }
}

/**
 * `ahp --matrix FILE`: weights and consistency of one pairwise comparison matrix, the file being
 * `{"criteria": [names], "matrix": [[…]]}`; `ahp --model FILE`: a whole model (see AhpModel) with its ranking.
 */
export const ahpCommand: Command = {
  usage: '--matrix FILE | --model FILE   (JSON; see docs/analytics.md#ahp)',
  options: ['matrix', 'model'],
  run(options) {
    const hasMatrix = options.optionalString('matrix') !== undefined;
    if (hasMatrix === (options.optionalString('model') !== undefined)) throw new InputError('give exactly one of --matrix or --model');
    if (!hasMatrix) return evaluateAhpModel(readJson(options, 'model'));
    const input = readJson(options, 'matrix');
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InputError('expected an object {"criteria": [...], "matrix": [[...]]}');
    const { criteria, matrix } = input as { criteria?: unknown; matrix?: unknown };
    if (criteria !== undefined && (!Array.isArray(criteria) || criteria.some((name) => typeof name !== 'string'))) {
      throw new InputError('criteria: must be an array of names');
    }
    const result = ahpWeights(matrix, 'matrix', criteria?.length);
    return {
      ...(criteria ? { criteria } : {}),
      ...result,
      ...(result.consistent ? {} : { message: `Inconsistent judgements: consistency ratio ${result.cr.toFixed(3)} ≥ 0.1; please revise the pairwise comparisons.` }),
    };
  },
};
