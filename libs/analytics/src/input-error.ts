/**
 * Bad input the caller can fix (a missing column, a bad date in row 12, a matrix that is not reciprocal): the
 * command line prints its message and exits non-zero; the API turns it into a 400. Never used for bugs.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
