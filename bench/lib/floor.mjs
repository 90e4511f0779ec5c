// The floor for startup and size: a script-tag bundle of what any Lit + DOMPurify widget must
// ship, built the way rollup.config.mjs builds dist/lapa-widgets.min.js (node-resolve with
// the production condition, terser with the same options, IIFE), from node_modules.
// Everything is kept alive through a global, so tree-shaking removes nothing a real
// element would use.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minify } from 'terser';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const ENTRIES = {
  'floor-lit-dompurify.min.js': `
    import { LitElement, html, css, nothing, render, svg } from 'lit';
    import { property, state, query } from 'lit/decorators.js';
    import { ifDefined } from 'lit/directives/if-defined.js';
    import { live } from 'lit/directives/live.js';
    import { Directive, directive } from 'lit/directive.js';
    import DOMPurify from 'dompurify';
    window.__floor = { LitElement, html, css, nothing, render, svg, property, state, query, ifDefined, live, Directive, directive, DOMPurify };
  `,
};

function virtual(code) {
  return {
    name: 'virtual-entry',
    resolveId: (id) => (id === '\0floor' ? id : null),
    load: (id) => (id === '\0floor' ? code : null),
  };
}

/** Builds every floor bundle in memory: `{ name: Buffer }`. */
export async function buildFloors() {
  const out = {};
  for (const [name, code] of Object.entries(ENTRIES)) {
    const bundle = await rollup({
      input: '\0floor',
      plugins: [virtual(code), nodeResolve({ browser: true, exportConditions: ['production'] })],
      logLevel: 'silent',
    });
    const { output } = await bundle.generate({
      format: 'iife',
      plugins: [terser({ ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } })],
    });
    await bundle.close();
    out[name] = Buffer.from(output[0].code);
  }
  return out;
}

/** min, min+gzip (-9) and brotli (q11) bytes, as `npm run size` counts them. */
export function transferSizes(buffer) {
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * What the script-tag bundle is made of, from the sources (rollup.config.mjs's bundle
 * config, unminified, each module then minified on its own): minified bytes per package
 * or source folder, largest first. Shares, not exact sizes: a module minified alone keeps
 * its top-level names and loses less than in the whole bundle.
 */
export async function bundleBreakdown(root) {
  const configs = (await import(new URL('rollup.config.mjs', root))).default;
  const config = configs.find((c) => c.input === 'src/bundle.ts');
  const cwd = process.cwd();
  process.chdir(new URL('.', root).pathname);
  try {
    const bundle = await rollup({ ...config, plugins: config.plugins.filter((p) => !['terser', 'sri'].includes(p.name)), logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const groups = new Map();
    for (const [id, module] of Object.entries(output[0].modules)) {
      if (!module.code) continue;
      // Not as a module and without compress: alone, every top-level name looks unused.
      const min = (await minify(module.code, { module: false, toplevel: false, compress: false, mangle: true })).code ?? '';
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
      const group = pkg ?? /\/src\/((?:[^/]+\/)?)/.exec(id)?.[1].replace(/\/$/, '') ?? id;
      groups.set(group || 'src', (groups.get(group || 'src') ?? 0) + min.length);
    }
    return [...groups].map(([group, min]) => ({ group, min })).sort((a, b) => b.min - a.min);
  } finally {
    process.chdir(cwd);
  }
}
