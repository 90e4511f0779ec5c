// Reads custom-elements.json (written by `cem analyze` in npm run build) for the Node
// tests that hold the package and the README to it.
import { readFileSync } from 'node:fs';

export const MANIFEST_PATH = new URL('../../custom-elements.json', import.meta.url);

export function readManifest() {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
}

/**
 * Every custom element the manifest declares: its class name, its `tagName` as the
 * manifest states it, and its tag (that, else the default of its static define()).
 */
export function manifestElements(manifest = readManifest()) {
  return manifest.modules.flatMap((mod) =>
    (mod.declarations ?? [])
      .filter((d) => d.customElement)
      .map((d) => {
        const define = d.members?.find((m) => m.name === 'define' && m.static);
        const fallback = define?.parameters?.find((p) => p.name === 'tag')?.default?.replace(/^['"]|['"]$/g, '');
        return { name: d.name, tagName: d.tagName, tag: d.tagName ?? fallback, declaration: d };
      }),
  );
}
