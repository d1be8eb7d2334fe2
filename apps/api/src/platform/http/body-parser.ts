import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { ErrorCode } from './error-code';
import { buildProblem, sendProblem } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * JSON body parsing with our error shape: body-parser's own errors (oversize, malformed JSON, bad charset)
 * never reach Nest's exception filters, so they are turned into problem+json here.
 */
export function jsonBodyParser(): RequestHandler {
  const parse = json({ limit: MAX_BODY_BYTES, strict: true });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const requestId = String(request.id ?? '');
      const context = { instance: request.originalUrl, requestId, errors: [{ field: 'body', message: '' }] };
      if (type === 'entity.too.large') {
        context.errors[0].message = `must be at most ${MAX_BODY_BYTES} bytes`;
        return sendProblem(response, buildProblem(ErrorCode.PayloadTooLarge, 'The request body is larger than 1 MB', context));
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        context.errors[0].message = 'must be UTF-8 JSON';
        return sendProblem(response, buildProblem(ErrorCode.UnsupportedMediaType, 'The request body must be UTF-8 JSON', context));
      }
      context.errors[0].message = 'must be a well-formed JSON object';
      return sendProblem(response, buildProblem(ErrorCode.MalformedBody, 'The request body is not valid JSON', context));
    });
  };
}
