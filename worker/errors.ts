// The one error shape: `{ "error": { "code", "message" } }`, thrown as an HTTPException from anywhere.
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface ErrorBody {
  error: { code: string; message: string }
}

/** A request failure the client can fix or should know about; anything else becomes a 500. */
export class ApiError extends HTTPException {
  readonly code: string

  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(status, { message })
    this.code = code
  }
}

export function badRequest(code: string, message: string): ApiError {
  return new ApiError(400, code, message)
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'not_found', message)
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } }
}
