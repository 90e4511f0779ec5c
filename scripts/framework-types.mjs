// Framework typings and editor data, generated from custom-elements.json (run by
// `npm run build`, after `cem analyze`) with the maintained integrations of the
// custom-elements-manifest ecosystem, so they cannot drift from the elements' JSDoc:
//   dist/types/vue.d.ts                  lapa-widgets/vue     (Vue 3: GlobalComponents)
//   dist/types/svelte.d.ts               lapa-widgets/svelte  (Svelte 5: svelteHTML)
//   dist/types/jsx.d.ts                  lapa-widgets/jsx     (Preact, Solid, other JSX)
//   dist/vscode.html-custom-data.json    lapa-widgets/vscode.html-custom-data.json
//   dist/vscode.css-custom-data.json     (the custom properties, for VS Code's CSS data)
//   dist/web-types.json                  lapa-widgets/web-types.json (JetBrains IDEs)
// React 19 has its own hand-written typings (src/types/react.d.ts, lapa-widgets/react).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

// The integrations write relative to the working directory.
process.chdir(fileURLToPath(root));
mkdirSync('dist/types', { recursive: true });

/** Each element's class, from its own module: relative to dist/types/ where the typings live. */
const componentTypePath = (_name, tag) => `../${tag}/${tag}.js`;
const common = { hideLogs: true, componentTypePath };

generateVuejsTypes(manifest, { ...common, outdir: 'dist/types', fileName: 'vue.d.ts' });
generateSvelteTypes(manifest, { ...common, outdir: 'dist/types', fileName: 'svelte.d.ts' });
generateJsxTypes(manifest, { ...common, outdir: 'dist/types', fileName: 'jsx.d.ts' });
generateVsCodeCustomElementData(manifest, {
  hideLogs: true,
  outdir: 'dist',
  htmlFileName: 'vscode.html-custom-data.json',
  cssFileName: 'vscode.css-custom-data.json',
});
generateJetBrainsWebTypes(manifest, {
  hideLogs: true,
  outdir: 'dist',
  webTypesFileName: 'web-types.json',
  packageJson: { name: pkg.name, version: pkg.version },
});

/**
 * Applies `edits` ([pattern, replacement, what]) to a generated file; each must match, so a
 * new version of a generator that writes otherwise stops the build instead of shipping
 * typings that quietly lost what the edit fixed.
 */
function rewrite(file, edits) {
  let text = readFileSync(file, 'utf8');
  for (const [pattern, replacement, what] of edits) {
    const next = text.replace(pattern, replacement);
    if (next === text) throw new Error(`framework-types: ${file}: found nothing to ${what}`);
    text = next;
  }
  writeFileSync(file, text);
}

const eventClasses = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .flatMap((d) => d.events ?? [])
  .map((e) => e.type?.text);
if (eventClasses.some((type) => !/^[A-Z]\w*Event$/.test(type ?? ''))) {
  throw new Error(`framework-types: every @fires needs its event class, as in @fires {NewsCardLoadEvent} news-card-load (got ${eventClasses})`);
}

// Our events are Event subclasses with typed fields (`event.article`), not CustomEvents
// with a `detail`: the generators' `CustomEvent<T>` is `T` here.
const events = [/CustomEvent<([A-Z]\w*Event)>/g, '$1', 'type the events with their classes'];
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

rewrite('dist/types/jsx.d.ts', [events]);
// Vue matches template attributes and listeners to props in camelCase (`heading-level` and
// `headingLevel` both find `headingLevel`; `@news-card-load` looks for `onNewsCardLoad`), so
// kebab-case keys would never be checked and listeners would get an implicit any.
rewrite('dist/types/vue.d.ts', [
  events,
  [/"on([a-z][a-z0-9-]*)"\?:/g, (_, name) => `${camel(`on-${name}`)}?:`, 'name the listeners as Vue does'],
  [/"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\?:/g, (_, name) => `${camel(name)}?:`, 'camel-case the attributes'],
]);
// Svelte 5 listens with event attributes (`onnews-card-load={...}`); the generator writes
// only Svelte 4's `on:news-card-load` directives. Both are given.
rewrite('dist/types/svelte.d.ts', [
  events,
  [/( *)"on:([a-z][a-z0-9-]*)"\?: ([^;]+);/g, '$1"on:$2"?: $3;\n$1"on$2"?: $3;', 'add Svelte 5 event attributes'],
  // Svelte sets an attribute that is a property of a custom element as that property
  // (`{article}`); `bind:` would be two-way binding, which these properties do not offer.
  [/"bind:([a-zA-Z]+)"\?:/g, '$1?:', 'set properties as props'],
  // Svelte projects have no JSX namespace: children are markup, style is a string.
  [/children\?: JSX\.Element;/, 'children?: unknown;', 'drop JSX.Element'],
  [/style\?: JSX\.CSSProperties;/, 'style?: string;', 'drop JSX.CSSProperties'],
  // In a module, `declare namespace svelteHTML` declares a local namespace that nothing
  // reads; Svelte 5 takes custom elements from svelte/elements' SvelteHTMLElements.
  [
    /declare namespace svelteHTML \{[\s\S]*?\{\}\s*\}/,
    'declare module "svelte/elements" {\n  // eslint-disable-next-line @typescript-eslint/no-empty-interface\n  interface SvelteHTMLElements extends CustomElements {}\n}',
    'augment svelte/elements',
  ],
]);
console.log('framework types: dist/types/{vue,svelte,jsx}.d.ts, dist/vscode.html-custom-data.json, dist/web-types.json');
