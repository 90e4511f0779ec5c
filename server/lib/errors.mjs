// @ts-check
// The one error type an answer is made from: status, protocol code, English message.

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ field?: string, headers?: Record<string, string> }} [extra]
   */
  constructor(status, code, message, { field, headers } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }
}

/** @param {string} field @param {string} message */
export const invalidField = (field, message) => new ApiError(400, 'invalid_field', message, { field });

export const notFound = () => new ApiError(404, 'not_found', 'There is no such article.');
