/** Every error the API can answer with. Each maps to one HTTP status and title in `problem.ts`. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  MalformedBody = 'malformed_body',
  Unauthenticated = 'unauthenticated',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PreconditionFailed = 'precondition_failed',
  PreconditionRequired = 'precondition_required',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  PasswordRejected = 'password_rejected',
  /** An Idempotency-Key sent again with a different request. */
  IdempotencyKeyReused = 'idempotency_key_reused',
  TooManyRequests = 'too_many_requests',
  ServiceUnavailable = 'service_unavailable',
  Internal = 'internal',
}
