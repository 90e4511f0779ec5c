/**
 * Our one Trusted Types policy, `lapa-widgets`, asked for once per copy of the code.
 *
 * Its `createHTML` only ever feeds strings to inert parsers (DOMPurify's and the entity
 * decoder's in sanitize.ts): nothing it creates reaches a live document unsanitised. Its
 * `createScriptURL` allows exactly the URLs a caller names: none for the npm modules and the
 * self-contained files (DOMPurify asks for the method; they never load scripts), the chunk
 * URLs baked into the loader for the loader (src/loader/loader.ts). In the loader's chunks this
 * module is not included: the build points it at the loader's policy, so a page's
 * `trusted-types lapa-widgets lit-html` stays valid without 'allow-duplicates'.
 */

// Typed locally: the global Trusted Types typings are not in every consumer's lib.
export interface Policy {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}

/** Asks for the policy; null when there are no Trusted Types or the CSP refuses it. */
export function createPolicy(scriptUrls: ReadonlySet<string> = new Set()): Policy | null {
  try {
    return (
      (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }).trustedTypes?.createPolicy('lapa-widgets', {
        createHTML: (input: string) => input,
        createScriptURL: (input: string) => {
          if (!scriptUrls.has(input)) throw new TypeError(`lapa-widgets loads no script from ${input}`);
          return input;
        },
      }) ?? null
    );
  } catch {
    // Refused by a CSP that does not list us: parsing still works where Trusted Types are
    // not enforced.
    return null;
  }
}

let policy: Policy | null | undefined;

/** The policy of this copy, asked for on first use. */
export function trustedTypesPolicy(): Policy | null {
  if (policy === undefined) policy = createPolicy();
  return policy;
}
