/**
 * The injection suite's instruments: traps that record anything a vector manages to run
 * or load, and a walk of every shadow root that reports what must never be rendered.
 * Vectors and hostile documents come from test/servers/hostile.mjs.
 */
import { expect } from '@open-wc/testing';
import { engine } from '../support/engine.js';
import { holds } from '../support/until.js';

export interface Vector {
  source: string;
  title: string;
  payload: string;
}

export interface Violation {
  vector: number;
  path: string;
  rule: string;
  detail: string;
}

/** One test file's tallies, for its summary line and the suite's. */
export interface Tally {
  group: string;
  paths: number;
  renders: number;
  executions: number;
  violations: number;
}

const XHTML = 'http://www.w3.org/1999/xhtml';
/** Never in any element's shadow tree (comment-box's own form excepted). */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'portal', 'style']);
/** Never inside what came from data: they restyle, hide, project or take input. */
const FORBIDDEN_IN_CONTENT = new Set(['template', 'noscript', 'slot', 'input', 'button', 'select', 'textarea', 'option', 'dialog', 'video', 'audio', 'source', 'picture', 'canvas', 'map', 'area', 'marquee', 'xmp', 'plaintext', 'noembed', 'title']);
/** Attributes data must not set: clobbering ids/names, styling hooks, focus and popover tricks. */
const FORBIDDEN_ATTRS_IN_CONTENT = ['id', 'name', 'form', 'is', 'part', 'slot', 'style', 'popover', 'popovertarget', 'commandfor', 'command', 'autofocus', 'srcdoc', 'target', 'ping', 'usemap', 'background'];
/** Attributes that hold a URL the browser may load or navigate to. */
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'cite', 'longdesc', 'ping', 'xlink:href', 'lowsrc', 'dynsrc', 'codebase', 'manifest', 'icon', 'profile'];
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const CANARY = '/__hostile/canary/';

// ---- traps ---------------------------------------------------------------------------

/** Everything a vector managed to run, as `alert(1)`, `__xss(id)`... */
export const executions: string[] = [];
/** Uncaught errors and rejections on the page while the suite ran. */
export const uncaught: string[] = [];
/** Canary URLs the browser requested, seen in the resource timeline. */
export const canaryRequests: string[] = [];
/** Every resource the page requested, for settle(). */
let resourceCount = 0;

let installed = false;

/**
 * Replaces the dialogs and a few navigation and writing APIs with recorders, defines
 * `__xss` (which our own vectors call), and watches the resource timeline for canaries.
 */
export function installTraps(): void {
  if (installed) return;
  installed = true;
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    w[name] = (...args: unknown[]) => {
      executions.push(`${name}(${args.map(String).join(', ').slice(0, 80)})`);
      return name === 'confirm' ? false : null;
    };
  }
  w.__xss = (id: unknown) => executions.push(`__xss(${String(id)})`);
  for (const name of ['pushState', 'replaceState'] as const) {
    // The test runner does not use them; a vector that does has run.
    history[name] = (...args: Parameters<History['pushState']>) => executions.push(`history.${name}(${String(args[2])})`);
  }
  for (const name of ['write', 'writeln'] as const) {
    document[name] = (...text: string[]) => executions.push(`document.${name}(${text.join('').slice(0, 80)})`);
  }
  window.addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => uncaught.push(`unhandledrejection: ${String(event.reason)}`));
  performance.setResourceTimingBufferSize(100_000);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      resourceCount++;
      if (new URL(entry.name).pathname.startsWith(CANARY)) canaryRequests.push(entry.name);
    }
  }).observe({ type: 'resource', buffered: true });
}

/** Canary hits the hostile server counted (from any page of the run; `selfTest`: the instruments' own). */
export async function serverCanaryHits(selfTest = false): Promise<string[]> {
  const { hits } = (await (await fetch(`/__hostile/canary-hits${selfTest ? '?self-test' : ''}`)).json()) as { hits: { path: string; referer: string | null }[] };
  return hits.map((h) => `${h.path} (from ${h.referer ?? 'unknown'})`);
}

/**
 * Resolves once the page has requested nothing new for `quietMs` (at most `maxMs`).
 * A vector that slipped through acts after a round trip (an image's onerror, a
 * stylesheet): there is no event for "nothing else will happen", so the suite waits for
 * the network to go quiet instead.
 */
export async function settle(quietMs = 150, maxMs = 3000): Promise<void> {
  const start = performance.now();
  let seen = resourceCount;
  let since = performance.now();
  while (performance.now() - start < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (resourceCount !== seen) {
      seen = resourceCount;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) {
      return;
    }
  }
}

/**
 * Resolves once `el` has rendered and nothing in it is busy (`aria-busy`, which every
 * element sets while it loads): an empty feed or an element without a usable `src`
 * fires no event to wait for.
 */
export async function idle(el: Element, maxMs = 10_000): Promise<void> {
  await holds(async () => {
    await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
    return !el.shadowRoot?.querySelector('[aria-busy="true"]');
  }, maxMs);
}

// ---- data ----------------------------------------------------------------------------

export async function loadVectors(): Promise<Vector[]> {
  return (await (await fetch('/__hostile/vectors')).json()) as Vector[];
}

/** Titles, names and tags are shown with whitespace collapsed, as the adapters do. */
export const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * What an HTML string (WordPress's title.rendered, author and term names) reads as:
 * entities decoded, tags dropped, the contents of script/style/template/noscript gone.
 * Parsed in an inert document.
 */
export function decodedText(html: string): string {
  if (!/[<&]/.test(html)) return clean(html);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Not doc.body: a named <img> or <form> in a vector shadows it in Firefox and WebKit.
  const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body')!.get!.call(doc) as HTMLElement | null;
  if (!body) return '';
  for (const el of body.querySelectorAll('script, style, template, noscript')) el.remove();
  return clean(body.textContent ?? '');
}

/** The text of an element; the element must hold text only (no child elements). */
export function textOnly(el: Element | null | undefined): string | { elements: string } {
  if (!el) return '';
  if (el.children.length) return { elements: [...el.children].map((c) => c.localName).join(',') };
  return el.textContent ?? '';
}

// ---- what was rendered -------------------------------------------------------------------

/**
 * What the content parts of every inspected render hold, by "path#vector": tags, sorted
 * attributes and text, normalised. Each engine must render every vector to the same thing,
 * which the suite's last test checks against test/fixtures/xss/expected-outputs.json.
 */
export const outputs: Record<string, string> = {};

/** Per-run parts of URLs: the runner's port and its session id. */
const runless = (text: string) => text.split(location.origin).join('{origin}').replace(/wtr-session-id=[\w-]+/g, 'wtr-session-id');

function serialise(node: Node): string {
  // Text escaped, so a title that reads "<svg>" is not taken for an element.
  if (node.nodeType === Node.TEXT_NODE) return runless((node.textContent ?? '').replace(/\s+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const attrs = [...el.attributes].map((a) => ` ${a.name}="${runless(a.value).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).sort().join('');
  return `<${el.localName}${attrs}>${[...el.childNodes].map(serialise).join('')}</${el.localName}>`;
}

// ---- the walk --------------------------------------------------------------------------

function isSafeUrl(value: string, base: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(value.trim(), base).protocol);
  } catch {
    return false;
  }
}

function srcsetUrls(value: string): string[] {
  return value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

function describe(el: Element): string {
  const attrs = [...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 60)}"`).join(' ');
  return `<${el.localName}${attrs ? ` ${attrs}` : ''}>`;
}

export interface InspectOptions {
  /** Parts that hold data (a body, a summary, a name): stricter rules apply inside them. */
  contentParts: readonly string[];
  /** Which vector an element shows, where one element shows many (a list of comments). */
  vectorOf?: (el: Element) => number | undefined;
}

/**
 * Walks `host`'s shadow tree (and any shadow tree inside it) and returns every rule the
 * rendered output breaks. `vector` and `path` only label the findings.
 */
export function inspect(host: Element, vector: number, path: string, options: InspectOptions): Violation[] {
  const out: Violation[] = [];
  let current: Element = host;
  const add = (rule: string, detail: string) => out.push({ vector: options.vectorOf?.(current) ?? vector, path, rule, detail });
  const contentSelector = options.contentParts.map((p) => `[part~="${p}"]`).join(', ');
  const hostRect = host.getBoundingClientRect();
  const clips = new Map<Element, Box>();

  const walk = (root: ShadowRoot, depth: number) => {
    for (const el of root.querySelectorAll('*')) {
      current = el;
      // A content part's own element is the widget's (its part, id, rel); what is inside it came from data.
      const isPart = contentSelector !== '' && el.matches(contentSelector);
      const inContent = contentSelector !== '' && (el.parentElement?.closest(contentSelector) ?? null) !== null;
      const tag = el.localName;
      const ownForm = tag === 'form' && el.getAttribute('part') === 'form' && root.host.localName === 'comment-box' && depth === 0;
      if (FORBIDDEN_TAGS.has(tag) && !ownForm) add('forbidden element', describe(el));
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) add('event handler attribute', describe(el));
        if (URL_ATTRS.includes(name) && !isSafeUrl(attr.value, el.baseURI)) add('unsafe URL', describe(el));
        if (name === 'srcset' || name === 'imagesrcset') {
          for (const url of srcsetUrls(attr.value)) if (!isSafeUrl(url, el.baseURI)) add('unsafe URL in srcset', describe(el));
        }
      }
      if (inContent) {
        if (FORBIDDEN_IN_CONTENT.has(tag)) add('forbidden element in content', describe(el));
        if (el.namespaceURI !== XHTML) add('foreign namespace in content', describe(el));
        if (tag.includes('-')) add('custom element in content', describe(el));
        for (const name of FORBIDDEN_ATTRS_IN_CONTENT) if (el.hasAttribute(name)) add(`attribute "${name}" in content`, describe(el));
        if (tag === 'a' && el.hasAttribute('href')) {
          const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
          if (!rel.includes('noopener') || !rel.includes('noreferrer')) add('link without rel="noopener noreferrer"', describe(el));
        }
      }
      if (isPart || inContent) checkContained(el, root.host, hostRect, clips, add);
      if (el.shadowRoot) {
        if (inContent) add('shadow root in content', describe(el));
        walk(el.shadowRoot, depth + 1);
      }
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot, 0);
  else add('no shadow root', describe(host));
  if (host.shadowRoot && contentSelector) {
    // Not the card's own image: it leaves once its (here always broken) URL fails, and when
    // that happens depends on how eagerly the engine loads lazy images. Its URL is checked
    // by the rules above in every engine all the same.
    for (const el of host.shadowRoot.querySelectorAll(contentSelector)) {
      if (el.matches('[part~="image"]')) continue;
      const key = `${path}#${options.vectorOf?.(el) ?? vector}`;
      outputs[key] = (outputs[key] ?? '') + `[${el.getAttribute('part')}]${serialise(el)}`;
    }
  }
  return out;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const clipsPaint = (style: CSSStyleDeclaration) =>
  style.overflowX !== 'visible' || style.overflowY !== 'visible' || /paint|strict|content/.test(style.contain);

const INFINITE: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };

const intersect = (a: Box, b: Box): Box => ({
  left: Math.max(a.left, b.left),
  top: Math.max(a.top, b.top),
  right: Math.min(a.right, b.right),
  bottom: Math.min(a.bottom, b.bottom),
});

/** The area `node`'s descendants may paint in: its clipping ancestors' boxes, intersected (memoised per walk). */
function clipOf(node: Element | null, clips: Map<Element, Box>): Box {
  if (!node) return INFINITE;
  let clip = clips.get(node);
  if (!clip) {
    const outer = clipOf(node.parentElement, clips);
    clip = clipsPaint(getComputedStyle(node)) ? intersect(outer, node.getBoundingClientRect()) : outer;
    clips.set(node, clip);
  }
  return clip;
}

/**
 * What of `el` is painted (its box, cut by every clipping ancestor up to the host) must
 * lie inside the host's box, and nothing from data may be fixed to the viewport.
 */
function checkContained(el: Element, host: Element, hostRect: DOMRect, clips: Map<Element, Box>, add: (rule: string, detail: string) => void): void {
  if (getComputedStyle(el).position === 'fixed') add('position: fixed in content', describe(el));
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return;
  const box = intersect(rect, clipOf(el.parentElement, clips));
  if (box.right <= box.left || box.bottom <= box.top) return;
  const slack = 1;
  if (box.left < hostRect.left - slack || box.top < hostRect.top - slack || box.right > hostRect.right + slack || box.bottom > hostRect.bottom + slack) {
    add(
      'painted outside the element',
      `${describe(el)} paints ${[box.left, box.top, box.right, box.bottom].map(Math.round).join(',')} outside ${host.localName} ${[hostRect.left, hostRect.top, hostRect.right, hostRect.bottom].map(Math.round).join(',')}`,
    );
  }
}

/** Elements the page itself must not gain while data renders (none of ours adds any). */
export function documentSnapshot(): string[] {
  return [...document.querySelectorAll('script, base, meta, link, style, iframe, object, embed, form')].map((el) => describe(el));
}

/** Sends a test file's tallies to the hostile server, which prints the suite's total. */
export async function report(tally: Tally, vectors: Vector[]): Promise<void> {
  const own = vectors.filter((v) => v.source !== 'dompurify').length;
  // The one-line summary of this file; the server prints the suite's total.
  // eslint-disable-next-line no-console
  console.log(
    `xss[${tally.group}]: ${vectors.length - own}+${own} vectors x ${tally.paths} paths = ${vectors.length * tally.paths} placements in ${tally.renders} renders, ` +
      `${tally.executions} executions, ${tally.violations} violations`,
  );
  await fetch('/__hostile/report', { method: 'POST', body: JSON.stringify(tally) });
}

/** Violations grouped for a readable failure message. */
export function summarise(violations: Violation[], vectors: Vector[], limit = 25): string {
  return violations
    .slice(0, limit)
    .map((v) => `#${v.vector} [${vectors[v.vector]?.source}: ${(vectors[v.vector]?.title ?? "").slice(0, 50)}] ${v.path}: ${v.rule}: ${v.detail.slice(0, 300)}`)
    .join('\n');
}

/** What every injection suite shares: its tally, the vectors, the page as it was. */
export interface InjectionSuite {
  tally: Tally;
  vectors: Vector[];
  pageBefore: string[];
}

/**
 * Call inside a `describe`: installs the traps and loads the vectors before its tests,
 * and reports the suite's tally after them.
 */
export function injectionSuite(group: string): InjectionSuite {
  const suite: InjectionSuite = {
    tally: { group, paths: 0, renders: 0, executions: 0, violations: 0 },
    vectors: [],
    pageBefore: documentSnapshot(),
  };
  before(async () => {
    installTraps();
    suite.vectors = await loadVectors();
  });
  after(async () => {
    suite.tally.executions = executions.length;
    await report(suite.tally, suite.vectors);
  });
  return suite;
}

/**
 * The sanitiser path the sources take on this page: DOMPurify in WebKit (no native
 * Sanitizer) or where the runner forces it (LAPA_SANITIZER=dompurify), else native.
 * Read from the runner's page, not asked of the sources (bundle.test.ts imports none);
 * test/internal/sanitize.test.ts checks the sources agree.
 */
export const testSanitizerPath = (): 'native' | 'dompurify' =>
  engine === 'webkit' || (globalThis as { lapaTestSanitizer?: string }).lapaTestSanitizer === 'dompurify' ? 'dompurify' : 'native';

/** The suite's last test: no canary was requested and the page is as it was (and, where asked, nothing was thrown). */
export function itLeftNoTrace(suite: InjectionSuite, { threwNothing = false } = {}): void {
  it(threwNothing ? 'requested no canary, left the page unchanged and threw nothing' : 'requested no canary and left the page unchanged', async () => {
    expect(canaryRequests, 'canary requests seen by the page').to.deep.equal([]);
    expect(await serverCanaryHits(), 'canary requests seen by the server').to.deep.equal([]);
    expect(documentSnapshot()).to.deep.equal(suite.pageBefore);
    if (threwNothing) expect(uncaught).to.deep.equal([]);
  });

  it('renders every vector exactly as the other engines do (on its sanitiser path)', async () => {
    const sanitizer = testSanitizerPath();
    const answer = await fetch('/__hostile/outputs', { method: 'POST', body: JSON.stringify({ group: suite.tally.group, engine, sanitizer, outputs }) });
    const { checked, mismatches } = (await answer.json()) as { checked: number; mismatches: { key: string; actual: string }[] };
    expect(checked, 'renders compared').to.equal(Object.keys(outputs).length);
    expect(checked, 'renders compared').to.be.greaterThan(0);
    const shown = mismatches.slice(0, 5).map((m) => `${m.key}: ${m.actual.slice(0, 400)}`).join('\n');
    expect(mismatches.length, `renders unlike test/fixtures/xss/expected-outputs.json (LAPA_XSS_RECORD=1 rewrites it; each engine's renders are in $TMPDIR/lapa-xss-outputs/):\n${shown}`).to.equal(0);
  });
}
