/**
 * dist/lapa-widgets.min.js: the small loader partners paste. It downloads only the code of
 * the elements a page uses. Tags in the document, now or added later, are found by a
 * MutationObserver; tags inside other shadow roots (which no document observer sees) are
 * loaded with `LapaWidgets.load('news-card')`.
 *
 * Each element's code and the code they share (Lit, src/internal) are classic scripts built
 * by rollup as AMD chunks with a renamed define (`__lapaDefine`, so a page's RequireJS never
 * sees them). The loader inserts an element's entry and every chunk it imports at once, next to
 * itself: URLs relative to its own `src`, each with the `integrity` baked in at build time,
 * `crossorigin` and the nonce of its own script, the URL passed through the `lapa-widgets`
 * Trusted Types policy, which allows only those URLs. A chunk is fetched once per page however
 * many elements use it, and one loaded with `import()` (the proof-of-work solver) is
 * inserted the same way when asked for.
 *
 * The code every element needs (Lit, the element base) is no file of its own: the build appends
 * that chunk's `__lapaDefine` call to this file, and the registry takes it from the loader's
 * own script.
 *
 * The registry runs only factories of scripts this loader inserted, or of the loader's own
 * (checked against `document.currentScript`), so no page script can put a module into it.
 */
import { files, hashes, deps, elements, purifier, inline } from 'lapa:manifest';
import { nativeSanitizer } from '../internal/native-sanitizer.js';
import { createPolicy } from '../internal/policy.js';
import type { Policy } from '../internal/policy.js';
import type { LapaWidgetsApi } from './api.js';

type Exports = Record<string, unknown>;
type Factory = (...args: unknown[]) => void;
type AmdRequire = (ids: string[], onLoad: (...modules: unknown[]) => void, onError: (error: unknown) => void) => void;

declare global {
  interface Window {
    __lapaDefine?: (deps: string[], factory: Factory) => void;
  }
}

const me = document.currentScript as HTMLScriptElement | null;

function start(script: HTMLScriptElement): void {
  const urls = files.map((file) => new URL(file, script.src).href);
  // Not the inline chunk's URL: nothing is loaded from it.
  const policy: Policy | null = createPolicy(new Set(urls.filter((_, i) => i !== inline)));
  /** The scripts this loader inserted, by file index. */
  const inserted = new Map<HTMLScriptElement, number>();
  const modules: Promise<Exports>[] = [];
  const defined: ((definition: [string[], Factory] | Error) => void)[] = [];
  const classes: Record<string, CustomElementConstructor> = {};
  const loads = new Map<string, Promise<CustomElementConstructor>>();
  const builtins: Record<string, Exports> = { 'lapa-policy': { trustedTypesPolicy: () => policy } };

  /** The file index of a chunk id ('./lit-1a2b3c'), as rollup's AMD output names its imports (the chunks are in one folder). */
  const indexOf = (id: string) => files.indexOf(`chunks/${id.replace(/^\.\//, '')}.js`);

  /** Inserts `index` and every chunk it imports (once each), and resolves with its exports. */
  function module(index: number): Promise<Exports> {
    if (!modules[index]) {
      modules[index] = new Promise<[string[], Factory]>((resolve, reject) => {
        defined[index] = (definition) => (definition instanceof Error ? reject(definition) : resolve(definition));
        // Defined by the code after the loader's own, in this script.
        if (index === inline) return void inserted.set(script, index);
        const el = document.createElement('script');
        el.integrity = hashes[index];
        // Integrity needs a CORS answer from another origin (a CDN), so anonymous unless the
        // page asked for credentials.
        el.crossOrigin = script.crossOrigin === 'use-credentials' ? 'use-credentials' : 'anonymous';
        el.nonce = script.nonce ?? '';
        el.async = true;
        el.onerror = () => defined[index]?.(new Error(`lapa-widgets: ${files[index]} did not load`));
        el.onload = () => defined[index]?.(new Error(`lapa-widgets: ${files[index]} defined nothing`));
        inserted.set(el, index);
        (el as { src: unknown }).src = policy ? policy.createScriptURL(urls[index]) : urls[index];
        (script.parentNode ?? document.head).insertBefore(el, script.nextSibling);
      }).then(([ids, factory]) => {
        const exports: Exports = {};
        return Promise.all(
          ids.map((id) => (id === 'exports' ? exports : id === 'require' ? amdRequire : builtins[id] ?? module(indexOf(id)))),
        ).then((args) => {
          factory(...args);
          return exports;
        });
      });
      for (const dep of deps[index]) void module(dep).catch(() => {});
    }
    return modules[index];
  }

  const amdRequire: AmdRequire = (ids, onLoad, onError) => {
    Promise.all(ids.map((id) => module(indexOf(id)))).then((loaded) => onLoad(...loaded), onError);
  };

  function define(ids: string[], factory: Factory): void {
    const index = inserted.get(document.currentScript as HTMLScriptElement);
    // Only a script this loader inserted, once.
    if (index === undefined || !defined[index]) return;
    defined[index]([ids, factory]);
    delete defined[index];
  }

  function load(tag: string): Promise<CustomElementConstructor> {
    const element = elements.find(([name]) => name === tag);
    if (!element) return Promise.reject(new TypeError(`lapa-widgets has no element <${tag}>`));
    let loading = loads.get(tag);
    if (!loading) {
      // The sanitiser fallback in parallel with the element, not after it.
      if (element[3] && !nativeSanitizer()) void module(purifier).catch(() => {});
      loading = module(element[2]).then((exports) => (classes[element[1]] = exports.element as CustomElementConstructor));
      loads.set(tag, loading);
    }
    return loading;
  }

  const api = { load };
  for (const [, className] of elements) Object.defineProperty(api, className, { get: () => classes[className], enumerable: true });
  Object.defineProperty(window, 'LapaWidgets', { value: Object.freeze(api as LapaWidgetsApi), configurable: true });
  Object.defineProperty(window, '__lapaDefine', { value: define });

  const selector = elements.map(([tag]) => tag).join();
  const found = (root: Document | Element) => {
    if (root instanceof Element && root.matches(selector)) void load(root.localName).catch(() => {});
    for (const el of root.querySelectorAll(selector)) void load(el.localName).catch(() => {});
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) found(node);
    if (loads.size === elements.length) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  // Before the inline chunk's define runs, right after this function.
  void module(inline);
  found(document);
}

// A second copy of the loader (or the all-in-one file before it) keeps the first one's work.
if (me && !window.LapaWidgets && !window.__lapaDefine) start(me);
