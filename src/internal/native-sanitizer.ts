/**
 * Whether this engine's own HTML Sanitizer (`Document.parseHTML` with a `Sanitizer` config)
 * does what sanitize.ts relies on. Small and dependency-free, so that a loader can ask it
 * before deciding to fetch DOMPurify (src/internal/purifier.ts) at all.
 *
 * The probe tests behaviour, not presence: an engine with an older or partial
 * implementation (a `setHTML` that ignores the config, or one without per-element attribute
 * lists) must take the DOMPurify path. Asked once per page; nothing runs at import time,
 * so importing this in Node or on a server needs no DOM.
 * Module state: the probe's answer, and the test-only override (see forceDompurifyForTests).
 */

let answer: boolean | undefined;

/** What the probe parses: an allowlist with per-element attributes, one unwrapped and one dropped unknown element. */
const PROBE = '<img src="x" title="t"><p src="y" title="t">a<lapa-unwrap>b</lapa-unwrap><lapa-drop>c</lapa-drop></p>';
const EXPECTED = '<img src="x"><p>ab</p>';

function probe(): boolean {
  const parseHTML = (globalThis as { Document?: { parseHTML?: unknown } }).Document?.parseHTML;
  if (typeof parseHTML !== 'function') return false;
  try {
    const doc = (parseHTML as (html: string, options: object) => Document).call(Document, PROBE, {
      sanitizer: {
        elements: ['html', 'head', 'body', { name: 'img', attributes: ['src'] }, { name: 'p', attributes: [] }],
        // An `attributes` list applies to every element: empty, so only the per-element lists count.
        attributes: [],
        replaceWithChildrenElements: ['lapa-unwrap'],
        comments: false,
        dataAttributes: false,
      },
    });
    // Not doc.body: the prototype's getter is the real one whatever the document holds.
    const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body')!.get!.call(doc) as HTMLElement | null;
    return body?.innerHTML === EXPECTED;
  } catch {
    return false;
  }
}

/** True when sanitize.ts uses the browser's Sanitizer; false where it needs DOMPurify. */
export function nativeSanitizer(): boolean {
  return (answer ??= probe());
}

/**
 * Test-only: makes this page take the DOMPurify path even where the native Sanitizer works,
 * so the suites run on both paths in one engine (web-test-runner.config.mjs calls it when
 * LAPA_SANITIZER=dompurify). Not public API: no entry exports it, and it only ever chooses
 * the other of two complete sanitisers, never less sanitising.
 */
export function forceDompurifyForTests(): void {
  answer = false;
}
