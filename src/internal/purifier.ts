/**
 * DOMPurify, for engines without a working native Sanitizer (src/internal/native-sanitizer.ts).
 * sanitize.ts reaches this module only through `import()`, so a page whose engine sanitises
 * natively never downloads it; the allowlist it applies is sanitize.ts's, handed in per call.
 *
 * DOMPurify runs as a private instance (its hook and config never touch a DOMPurify the
 * host page uses), made on first use: it needs a window, and importing this module must not.
 */
import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';

export interface PurifyRules {
  /** Elements kept. */
  tags: readonly string[];
  /** The attributes each kept element may keep (DOMPurify's own list is one for all elements). */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** Elements removed with their content; any other element not kept is unwrapped. */
  forbidContents: readonly string[];
  /** The Trusted Types policy DOMPurify parses with, when there is one. */
  policy?: unknown;
}

let purifier: ReturnType<typeof DOMPurify> | undefined;
/** The rules of the call in progress, for the hook (sanitising is synchronous). */
let current: PurifyRules | undefined;

/** Sanitises `html` into an inert fragment (of DOMPurify's parsing document), or null for a document without a body. */
export function purify(html: string, rules: PurifyRules): DocumentFragment | null {
  if (!purifier) {
    purifier = DOMPurify(window);
    // Per-element attribute lists: `src` passes on an <img>, never on a <div>.
    purifier.addHook('uponSanitizeAttribute', (node, data) => {
      if (!current!.attributes[node.localName]?.includes(data.attrName)) data.keepAttr = false;
    });
  }
  current = rules;
  try {
    return purifier.sanitize(html, {
      ALLOWED_TAGS: [...rules.tags],
      ALLOWED_ATTR: [...new Set(Object.values(rules.attributes).flat())],
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      FORBID_CONTENTS: [...rules.forbidContents],
      SANITIZE_NAMED_PROPS: true,
      // Parsed as body content from the first character, as the native path parses: a
      // leading <noscript>, <style> or <meta> is not put in a head first.
      FORCE_BODY: true,
      RETURN_DOM_FRAGMENT: true,
      // Without ours, DOMPurify tries to create its own policy, as it always has.
      TRUSTED_TYPES_POLICY: rules.policy as Config['TRUSTED_TYPES_POLICY'],
    });
  } finally {
    current = undefined;
  }
}
