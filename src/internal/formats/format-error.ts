/**
 * An answer that arrived and parsed but holds no article: the formats' own error, apart
 * from the transport's FetchError (the request itself went fine). Elements show it as
 * the error kind `invalid`.
 */
export class FormatError extends Error {
  override name = 'FormatError';
  readonly kind = 'invalid' as const;

  constructor(
    message: string,
    /** The HTTP status of the answer it was found in, when an element knows it. */
    readonly status?: number,
  ) {
    super(message);
  }
}
