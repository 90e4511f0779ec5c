/**
 * An answer that arrived but holds no article: the formats' own error, apart from the
 * transport's FetchError (the request itself went fine). Its kind is `invalid` (the data
 * is not an article), or `not-xml` (the answer looks like XML but does not parse, or is
 * refused before parsing because it declares a DTD with entities).
 */
export type FormatErrorKind = 'invalid' | 'not-xml';

export class FormatError extends Error {
  override name = 'FormatError';

  constructor(
    message: string,
    /** The HTTP status of the answer it was found in, when an element knows it. */
    readonly status?: number,
    readonly kind: FormatErrorKind = 'invalid',
  ) {
    super(message);
  }
}
