import { ErrorCode } from './error-code';

export class FieldErrorDto {
  /** Path of the offending input: a body property (`address.city`), query parameter, path parameter or header. */
  field!: string;
  /** What is wrong with it, in English. */
  message!: string;
}

/** RFC 9457 problem details: the body of every error response (media type application/problem+json). */
export class ProblemDto {
  /** A URI identifying the kind of problem. */
  type!: string;
  /** Short, human-readable summary of the kind of problem. */
  title!: string;
  /** The HTTP status code. */
  status!: number;
  /** Explanation specific to this occurrence. */
  detail?: string;
  /** The request path that failed. */
  instance?: string;
  /** Stable machine-readable code. */
  code!: ErrorCode;
  /** Correlates with the server log line of this request. */
  requestId?: string;
  /** One entry per offending field, when the problem is about input. */
  errors?: FieldErrorDto[];
}
