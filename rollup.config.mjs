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

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies);

const entries = [
  'src/index.ts',
  'src/define.ts',
  ...['news-card', 'comment-box', 'scroll-to-top'].flatMap((el) => [`src/${el}/${el}.ts`, `src/${el}/define.ts`]),
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
 * Shrinks the CSS inside css`` templates of *.styles.ts files: comments out, white space
 * collapsed, none around braces and semicolons. Deliberately no smarter than that (a
 * space before ':' can be a descendant combinator), so it cannot change a rule's meaning.
 */
function minifyCssTemplates() {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_whole, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};])\s*/g, '$1')
          .replace(/;}/g, '}')
          // CSS escapes, so the bundle stays ASCII (see terser's ascii_only below).
          .replace(/[^\x00-\x7f]/gu, (c) => `\\\\${c.codePointAt(0).toString(16)} `)
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
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
    plugins: [minifyCssTemplates(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', charset: 'utf8' })],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
  },
  {
    input: 'src/bundle.ts',
    plugins: [
      minifyCssTemplates(),
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
      sri(),
    ],
    output: { dir: 'dist', entryFileNames: 'lapa-widgets.min.js', format: 'iife', inlineDynamicImports: true },
  },
];
