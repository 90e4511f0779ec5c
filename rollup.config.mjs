// The builds, from one source and one list of elements (ELEMENTS):
// - dist/**.js: ES modules for npm users, one per source module, with lit and dompurify
//   left as imports (they are dependencies, so bundlers dedupe them).
// - dist/chunks/*.js: the loader's code-split classic scripts: one entry per element and the
//   chunks they share (Lit, src/internal), as AMD with a renamed define (`__lapaDefine`), so
//   a page's own AMD loader (RequireJS) never sees them. dist/chunks/manifest.json lists them
//   with what each imports (for scripts/size.mjs and the tests; pages never load it).
// - dist/lapa-widgets.min.js: the small loader partners paste (src/loader/loader.ts), with
//   every chunk's file name, imports and integrity baked in.
// - dist/lapa-widgets.all.min.js: the self-contained classic script of all elements, for
//   partners who self-host exactly one file; dist/<element>.min.js: one element, self-contained.
// Every classic script is ASCII-only, carries the licence notices of what it includes, and
// has its SRI hash printed and written beside it (<file>.sri).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinifyCSS } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// The optional peers (`lapa-widgets/ssr`'s @lit-labs/ssr and jsdom) stay imports too.
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})];

/**
 * THE list of elements: tag and class. Each has src/<tag>/<tag>.ts (the class) and
 * src/<tag>/define.ts (its registration); adding one here adds its npm entries, its loader
 * chunk and its self-contained file.
 */
export const ELEMENTS = [
  ['news-card', 'NewsCardElement'],
  ['comment-box', 'CommentBoxElement'],
  ['scroll-to-top', 'ScrollToTopElement'],
  ['comment-count', 'CommentCountElement'],
  ['news-feed', 'NewsFeedElement'],
];

const entries = ['src/index.ts', 'src/define.ts', ...ELEMENTS.flatMap(([el]) => [`src/${el}/${el}.ts`, `src/${el}/define.ts`]), 'src/ssr.ts'];
const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

function notice(name) {
  const meta = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'));
  return ` * ${name} ${meta.version} (${meta.license})${meta.author ? `, ${typeof meta.author === 'string' ? meta.author : meta.author.name}` : ''}`;
}

const THIRD_PARTY = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'dompurify'];

/** The licence banner of a file that includes `names` (all the third-party code when not given). */
const bannerFor = (names = THIRD_PARTY) =>
  [
    '/*!',
    ` * ${pkg.name} ${pkg.version} (MIT).${names.length ? ' Includes:' : ''}`,
    ...names.map(notice),
    ...(names.length ? [" * Licence texts: node_modules/<name>/LICENSE, or each project's repository."] : []),
    ' */',
  ].join('\n');
const banner = bannerFor();

/** The third-party packages whose code is in a chunk, by the paths of its modules. */
const packagesIn = (moduleIds) => THIRD_PARTY.filter((name) => moduleIds.some((id) => id.includes(`/node_modules/${name}/`)));

/**
 * Minifies the html`` and css`` templates of our sources (html-minifier-next, lightningcss),
 * so the templates are written for people. Before esbuild, which it reads TypeScript for;
 * only src/, since Lit's own build is minified already. A template it cannot minify fails
 * the build instead of shipping unminified with a warning. A css`` that is a list of
 * declarations, not rules (base.styles.ts `textReset`), is no style sheet to lightningcss:
 * it stays as written.
 */
/**
 * The browsers the README supports (Chrome and Edge 123, Firefox 120, Safari 17.5), for
 * lightningcss (major << 16 | minor << 8). Without targets it assumes every browser has
 * every feature, and so writes syntax none ships: it folded `animation-timeline` into the
 * `animation` shorthand, which Chromium rejects whole, stopping scroll-to-top's ring.
 */
const CSS_TARGETS = { chrome: 123 << 16, firefox: 120 << 16, safari: (17 << 16) | (5 << 8) };

const minifyTemplates = () =>
  minifyHTML({
    include: ['src/**/*.ts'],
    failOnError: true,
    options: {
      shouldMinifyCSS: (template) => defaultShouldMinifyCSS(template) && template.parts.some((part) => part.text.includes('{')),
      // conservativeCollapse: a run of white space becomes one space, never none. A template
      // does not know the text it is rendered next to (`${label}<span> *</span>` would
      // lose its space), so removing white space could change what readers see.
      minifyOptions: { conservativeCollapse: true, minifyCSS: { targets: CSS_TARGETS } },
    },
  });

/**
 * The rest of the bundle's ASCII guarantee: terser's ascii_only escapes strings, but prints a
 * tagged template's raw text as written (a tag may read `.raw`), so a non-ASCII character in
 * an html`` or css`` template (news-card's '·' separator) would reach the page as UTF-8.
 * Lit's tags read the cooked strings, for which `\u00b7` is the same text. (A character
 * behind a backslash would need more care; the build stops on one.)
 */
function asciiTemplates() {
  return {
    name: 'ascii-templates',
    renderChunk(code) {
      const out = code.replace(/(\\*)([^\x00-\x7f])/g, (whole, slashes, c) => {
        // An odd run of backslashes would turn the escape into text.
        if (slashes.length % 2) this.error(`ascii-templates: escaped non-ASCII ${JSON.stringify(c)}`);
        return `${slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * Prints and writes the Subresource Integrity hash of each emitted file. The files partners
 * pin themselves get sha384 (what SRI generators print); the chunks, whose hashes the loader
 * carries (about a tenth of its bytes, since hashes do not compress), sha256, which SRI
 * allows and which is as good at catching a changed file.
 */
const integrity = (code, algorithm) => `${algorithm}-${createHash(algorithm).update(code).digest('base64')}`;
function sri(algorithm = 'sha384') {
  return {
    name: 'sri',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        const path = `${options.dir ?? 'dist'}/${file}`;
        const hash = integrity(readFileSync(path), algorithm);
        writeFileSync(`${path}.sri`, `${hash}\n`);
        console.log(`${path} integrity="${hash}"`);
      }
    },
  };
}

/** The licence banner of each chunk, after terser (which drops comments): only what it includes. */
function chunkBanners() {
  return {
    name: 'chunk-banners',
    renderChunk: (code, chunk) => ({ code: `${bannerFor(packagesIn(chunk.moduleIds))}\n${code}`, map: null }),
  };
}

const terserOptions = (preamble) =>
  terser({
    ecma: 2021,
    module: false,
    compress: { passes: 2 },
    // ASCII only: a classic script without a charset is decoded in the page's encoding
    // (a windows-1257 site, say), which would garble Latvian and Georgian text.
    format: { comments: false, ascii_only: true, ...(preamble ? { preamble } : {}) },
  });

const classicPlugins = (...extra) => [
  minifyTemplates(),
  nodeResolve({ browser: true, exportConditions: ['production'] }),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
  ...extra,
];

/** Virtual modules `lapa-entry:<tag>` (the element registered, its class exported as `element`) and `lapa-all`. */
function elementEntries() {
  const PREFIX = '\0lapa-entry:';
  return {
    name: 'element-entries',
    resolveId(id) {
      if (id.startsWith('lapa-entry:')) return `\0${id}`;
      // package.json's sideEffects names only dist/ files: without this, the registration,
      // a bare import here, would be shaken out.
      if (id.startsWith('lapa-define:')) return { id: src(`${id.slice('lapa-define:'.length)}/define.ts`), moduleSideEffects: true };
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const tag = id.slice(PREFIX.length);
      const [, className] = ELEMENTS.find(([name]) => name === tag);
      return `import 'lapa-define:${tag}';\nexport { ${className} as element } from ${JSON.stringify(src(`${tag}/${tag}.ts`))};\n`;
    },
  };
}

/**
 * In the loader's chunks, src/internal/policy.ts is the loader's: an AMD dependency
 * `lapa-policy` its registry fills with the one `lapa-widgets` policy it created, so that
 * the loader and the chunks share it (a second createPolicy with that name fails under
 * `trusted-types` without 'allow-duplicates').
 */
function loaderPolicy() {
  const POLICY = src('internal/policy.ts');
  return {
    name: 'loader-policy',
    resolveId(id, importer) {
      if (importer && /(^|\/)policy\.js$/.test(id) && resolve(dirname(importer), id.replace(/\.js$/, '.ts')) === POLICY) return { id: 'lapa-policy', external: true };
      return null;
    },
  };
}

/**
 * The modules every element runs (Lit and the shared element base): the `core` chunk, which
 * the loader file carries itself (see inlineCore), so that no page fetches it separately.
 * comment-count alone does not use base.styles.ts (295 bytes): cheaper for it to carry them
 * than for every other page to fetch a file of its own for them.
 */
const CORE = [
  /\/node_modules\/@lit\/reactive-element\/(css-tag|reactive-element)\.js$/,
  /\/node_modules\/lit-element\/lit-element\.js$/,
  /\/node_modules\/lit-html\/(lit-html|is-server)\.js$/,
  /\/node_modules\/lit\/index\.js$/,
  /\/src\/internal\/(define|i18n|theme\.styles|base\.styles)\.ts$/,
];
const coreChunk = (id) => (CORE.some((re) => re.test(id)) ? 'core' : undefined);

/** The integrity algorithm of the chunks (see sri). */
const CHUNK_HASH = 'sha256';

/** What the chunks build hands the loader build (rollup builds the configs in order). */
let chunkManifest;

/** Collects dist/chunks into the manifest the loader bakes in; fails on an import cycle, which the registry does not resolve. */
function manifest() {
  return {
    name: 'chunk-manifest',
    // Chunk names carry their content hash: an old build's files would pile up.
    buildStart: () => rmSync(fileURLToPath(new URL('./dist/chunks', import.meta.url)), { recursive: true, force: true }),
    generateBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const files = chunks.map((chunk) => chunk.fileName);
      const index = (file) => files.indexOf(file);
      const hashes = chunks.map((chunk) => integrity(chunk.code, CHUNK_HASH));
      const deps = chunks.map((chunk) => chunk.imports.map(index).filter((i) => i >= 0));
      const visit = (i, path) => {
        if (path.includes(i)) this.error(`chunk import cycle: ${[...path, i].map((j) => files[j]).join(' -> ')}`);
        for (const dep of deps[i]) visit(dep, [...path, i]);
      };
      files.forEach((_, i) => visit(i, []));
      const purifierId = src('internal/purifier.ts');
      chunkManifest = {
        files,
        hashes,
        deps,
        dynamic: chunks.map((chunk) => chunk.dynamicImports.map(index)),
        purifier: chunks.findIndex((chunk) => chunk.moduleIds.includes(purifierId)),
        // The chunk the loader file carries (inlineCore): no request, no hash of its own.
        inline: chunks.findIndex((chunk) => chunk.name === 'core'),
      };
      if (chunkManifest.inline < 0) this.error('no core chunk: every element imports Lit');
      chunkManifest.inlineCode = chunks[chunkManifest.inline].code;
      chunkManifest.inlineBanner = bannerFor(packagesIn(chunks[chunkManifest.inline].moduleIds));
      const { purifier } = chunkManifest;
      // Whether an element's code can import() the purifier: then the loader fetches it with
      // the element where the engine has no working native Sanitizer.
      // Judged on the module graph, not the chunks': comment-count shares a chunk with the
      // sanitiser (url.ts beside sanitize.ts) but never sanitises.
      const reachesPurifier = (id, seen = new Set()) => {
        if (seen.has(id)) return false;
        seen.add(id);
        const info = this.getModuleInfo(id);
        return !!info && (info.dynamicallyImportedIds.includes(purifierId) || info.importedIds.some((dep) => reachesPurifier(dep, seen)));
      };
      chunkManifest.elements = ELEMENTS.map(([tag, className]) => {
        const entry = chunks.findIndex((chunk) => chunk.isEntry && chunk.name === tag);
        return [tag, className, entry, purifier >= 0 && reachesPurifier(chunks[entry].facadeModuleId)];
      });
      chunkManifest.bytes = chunks.map((chunk) => Buffer.byteLength(chunk.code));
      // The source modules in each chunk, relative to the package (test/node/import-graph.test.mjs).
      const root = fileURLToPath(new URL('.', import.meta.url));
      const named = (id) => (id.includes('/node_modules/') ? id.slice(id.lastIndexOf('/node_modules/') + 1) : id.startsWith(root) ? id.slice(root.length) : undefined);
      chunkManifest.modules = chunks.map((chunk) => chunk.moduleIds.map(named).filter(Boolean));
    },
    writeBundle(options) {
      mkdirSync(options.dir, { recursive: true });
      // Not the inline chunk's code and banner (the loader build's): the chunk's file has them.
      const written = { ...chunkManifest, inlineCode: undefined, inlineBanner: undefined };
      writeFileSync(`${options.dir}/manifest.json`, `${JSON.stringify(written, null, 1)}\n`);
    },
  };
}

/** `lapa:manifest` in the loader build: what the chunks build just wrote. */
function bakedManifest() {
  return {
    name: 'baked-manifest',
    resolveId: (id) => (id === 'lapa:manifest' ? '\0lapa:manifest' : null),
    load(id) {
      if (id !== '\0lapa:manifest') return null;
      if (!chunkManifest) this.error('the chunks build must run before the loader build');
      const { files, hashes, deps, elements, purifier, inline } = chunkManifest;
      // Relative to the loader, which sits above dist/chunks/. The inline chunk keeps its name
      // (the chunks import it by name) but needs no hash: the loader never fetches it.
      return Object.entries({ files: files.map((file) => `chunks/${file}`), hashes: hashes.map((hash, i) => (i === inline ? '' : hash)), deps, elements, purifier, inline })
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },
  };
}

/**
 * The loader file carries the core chunk (Lit and the element base, which every element
 * needs): after the loader's IIFE, the chunk's `__lapaDefine([...], factory)` call as built,
 * which the loader's registry takes from its own script. It saves every page a request, a
 * gzip stream and an integrity hash. Guarded, for a loader that did not start (a second copy,
 * or no currentScript) defines no `__lapaDefine`. After terser; the banner names what the
 * chunk includes.
 */
function inlineCore() {
  return {
    name: 'inline-core',
    renderChunk(code) {
      const { inlineCode, inlineBanner } = chunkManifest;
      const body = inlineCode.slice(inlineCode.indexOf('*/\n') + 3);
      if (!body.startsWith('__lapaDefine(')) this.error('the core chunk does not start with its __lapaDefine call');
      return { code: `${inlineBanner}\n${code}\nwindow.__lapaDefine&&${body}`, map: null };
    },
  };
}

/** A self-contained classic script (IIFE, everything inlined). */
const selfContained = (input, file) => ({
  input,
  plugins: classicPlugins(elementEntries(), terserOptions(banner), asciiTemplates(), sri()),
  output: { dir: 'dist', entryFileNames: file, format: 'iife', inlineDynamicImports: true },
});

export default [
  {
    input: entries,
    external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    // charset utf8: Latvian and Georgian stay literal text (esbuild would write \u escapes).
    plugins: [minifyTemplates(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', charset: 'utf8' })],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
  },
  {
    input: Object.fromEntries(ELEMENTS.map(([tag]) => [tag, `lapa-entry:${tag}`])),
    // An entry chunk may export more than `element` (what a lazy chunk imports back from it):
    // otherwise rollup puts the element's code in a second chunk behind a facade, one more file.
    preserveEntrySignatures: 'allow-extension',
    plugins: [loaderPolicy(), ...classicPlugins(elementEntries(), terserOptions(), asciiTemplates(), chunkBanners(), manifest(), sri(CHUNK_HASH))],
    output: {
      manualChunks: coreChunk,
      dir: 'dist/chunks',
      format: 'amd',
      amd: { define: '__lapaDefine' },
      // Short names for what chunks export to each other, no __esModule marker or frozen
      // namespaces (only the registry reads them), arrow functions in the wrappers.
      minifyInternalExports: true,
      // A chunk of a few hundred bytes costs more in its own request and gzip dictionary
      // than it saves: rollup merges it where that runs no code an entry did not run before.
      experimentalMinChunkSize: 2048,
      esModule: false,
      freeze: false,
      externalLiveBindings: false,
      generatedCode: { preset: 'es2015', constBindings: true },
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
      hashCharacters: 'base36',
    },
  },
  {
    input: 'src/loader/loader.ts',
    // The loader's banner names what its inlined core chunk includes (Lit).
    plugins: classicPlugins(bakedManifest(), terserOptions(), inlineCore(), asciiTemplates(), sri()),
    output: { dir: 'dist', entryFileNames: 'lapa-widgets.min.js', format: 'iife' },
  },
  selfContained('src/bundle.ts', 'lapa-widgets.all.min.js'),
  ...ELEMENTS.map(([tag]) => selfContained(`src/${tag}/define.ts`, `${tag}.min.js`)),
];
