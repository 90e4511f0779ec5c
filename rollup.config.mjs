// Two builds from one source:
// - dist/**.js: ES modules for npm users, one per source module, with lit and dompurify
//   left as imports (they are dependencies, so bundlers dedupe them).
// - dist/lapa-widgets.min.js: the self-contained classic script partners paste into a page,
//   with the licence notices of everything it includes and its SRI hash printed and
//   written beside it.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinifyCSS } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// The optional peers (`lapa-widgets/ssr`'s @lit-labs/ssr and jsdom) stay imports too.
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})];

const entries = [
  'src/index.ts',
  'src/define.ts',
  ...['news-card', 'comment-box', 'scroll-to-top', 'comment-count'].flatMap((el) => [`src/${el}/${el}.ts`, `src/${el}/define.ts`]),
  'src/ssr.ts',
];

function notice(name) {
  const meta = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'));
  return ` * ${name} ${meta.version} (${meta.license})${meta.author ? `, ${typeof meta.author === 'string' ? meta.author : meta.author.name}` : ''}`;
}

const banner = [
  '/*!',
  ` * ${pkg.name} ${pkg.version} (MIT). Includes:`,
  ...['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'dompurify'].map(notice),
  ' * Licence texts: node_modules/<name>/LICENSE, or each project\'s repository.',
  ' */',
].join('\n');

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

/** Prints and writes the Subresource Integrity hash of each emitted file. */
function sri() {
  return {
    name: 'sri',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        const path = `${options.dir ?? 'dist'}/${file}`;
        const hash = `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
        writeFileSync(`${path}.sri`, `${hash}\n`);
        console.log(`${path} integrity="${hash}"`);
      }
    },
  };
}

export default [
  {
    input: entries,
    external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    // charset utf8: Latvian and Georgian stay literal text (esbuild would write \u escapes).
    plugins: [minifyTemplates(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', charset: 'utf8' })],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
  },
  {
    input: 'src/bundle.ts',
    plugins: [
      minifyTemplates(),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
      terser({
        ecma: 2021,
        module: false,
        compress: { passes: 2 },
        // ASCII only: a classic script without a charset is decoded in the page's encoding
        // (a windows-1257 site, say), which would garble Latvian and Georgian text.
        format: { comments: false, preamble: banner, ascii_only: true },
      }),
      asciiTemplates(),
      sri(),
    ],
    output: { dir: 'dist', entryFileNames: 'lapa-widgets.min.js', format: 'iife', inlineDynamicImports: true },
  },
];
