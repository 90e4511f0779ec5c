/**
 * Whether an answer is XML (RSS, Atom), decided without parsing it, and the parsed feed of
 * an answer, shared by every element that shows it. Tiny on purpose: the elements import
 * it statically, and load the XML mapper (`xml-feed.ts`) only when an answer is XML, so a
 * page whose answers are JSON never downloads it.
 */
import { derivedFrom } from '../fetch-json.js';
import type { JsonResponse } from '../fetch-json.js';
import type { XmlFeed } from './xml-feed.js';

/** An XML media type: text/xml, application/xml, application/rss+xml, application/atom+xml... */
const XML_TYPE = /^\s*(text|application)\/([\w.-]+\+)?xml\s*(;|$)/i;

/**
 * Whether `text` is an XML document rather than HTML, JSON or plain text. The content type
 * is only a hint (feeds are served as text/html or text/plain, and HTML as text/xml): an
 * XML declaration says yes; otherwise, after a byte order mark, white space, comments,
 * processing instructions and a doctype, the first element decides: a feed root (`rss`,
 * `feed`, `rdf:RDF`, or a prefixed `x:feed`), or, when the type says XML, any element but
 * `html`.
 */
export function looksLikeXml(text: string, contentType?: string | null): boolean {
  // Only the prolog is looked at: a bounded scan, whatever the size of the answer.
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*<\?xml[\s?]/.test(head)) return true;
  const first = /^(?:\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
  if (!first) return false;
  return /^(rss|([\w.-]+:)?feed|rdf:RDF)$/.test(first) || (XML_TYPE.test(contentType ?? '') && !/^html$/i.test(first));
}

/**
 * The feed in an XML answer, parsed once per answer and shared by every caller (200 cards of
 * one feed parse it once). Loads the mapper on first use. Rejects with FormatError, or with
 * the import's error when the mapper could not be loaded.
 */
export const xmlFeedOf = (response: JsonResponse): Promise<XmlFeed> =>
  derivedFrom(response, 'xml-feed', ({ text, url }) => import('./xml-feed.js').then(({ readXmlFeed }) => readXmlFeed(text ?? '', { baseUrl: url })));
