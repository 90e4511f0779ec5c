/**
 * The one normalised article every input format is turned into, and the shape npm users
 * pass to `<news-card>`'s `article` property. HTML fields are untrusted: the element
 * sanitises them when it renders. URLs are untrusted too: the element checks each one.
 */
export interface ArticleAuthor {
  name: string;
  url?: string;
}

export interface ArticleImage {
  src: string;
  alt: string;
  /** A `srcset` value (`url 300w, url 1024w`). */
  srcset?: string;
  width?: number;
  height?: number;
}

export interface Article {
  id?: string;
  /** Plain text, shown as text. */
  title: string;
  /** The article's page (JSON Feed `url`/`external_url`, WordPress `link`). */
  url?: string;
  /** Body as HTML (untrusted; sanitised at render). */
  contentHtml?: string;
  /** Body as plain text, used when there is no HTML. */
  contentText?: string;
  /** Summary as HTML (WordPress excerpt; untrusted). */
  summaryHtml?: string;
  /** Summary as plain text (JSON Feed `summary`). */
  summaryText?: string;
  image?: ArticleImage;
  /** ISO 8601 with a zone. */
  datePublished?: string;
  dateModified?: string;
  authors: ArticleAuthor[];
  tags: string[];
  /** Language of the content (BCP 47), set as `lang` on the content, not the UI. */
  language?: string;
  /** URL relative links and images in the HTML resolve against (the response's URL). */
  baseUrl?: string;
}
