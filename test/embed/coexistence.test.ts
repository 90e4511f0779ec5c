/**
 * The bundle beside whatever else a host page runs: a second copy of itself, a tag the
 * host already owns, the host's own Lit 2, its own DOMPurify, a global AMD loader, and
 * prototype-polluting scripts.
 */
import { expect } from '@open-wc/testing';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import {
  BUNDLE,
  DANGEROUS,
  FEED_TITLE,
  addScript,
  byId,
  chunkScripts,
  closePages,
  expectWidgetsWork,
  openPage,
  part,
  problems,
  recorded,
  rendered,
  text,
} from './helpers.js';
import type { HostPage, LapaWidgetsGlobal } from './helpers.js';

/**
 * Opens `path` and waits for its full card of the dangerous article; a page without one
 * (a plain page) gets the bundle and the card added.
 */
async function dangerousCardOn(path: string, id = 'card'): Promise<{ host: HostPage; card: NewsCardElement }> {
  const host = await openPage(path);
  let card = host.doc.getElementById(id) as NewsCardElement | null;
  if (!card) {
    await addScript(host, BUNDLE);
    card = host.doc.createElement('news-card') as NewsCardElement;
    card.id = id;
    card.setAttribute('variant', 'full');
    card.setAttribute('src', DANGEROUS);
    host.doc.getElementById('main')!.append(card);
  }
  await recorded(host, 'news-card-load', id);
  await rendered(card);
  return { host, card };
}

/** The markup of a rendered part without Lit's comment markers, which differ per page. */
const markup = (el: Element): string => el.innerHTML.replace(/<!--[^]*?-->/g, '');

/** What in a sanitised body could run, load or restyle the page. */
function dangers(root: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (/^(script|iframe|object|embed|form|style|base|meta|link|svg|math|template|marquee)$/.test(el.localName)) found.push(`<${el.localName}>`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'target' || attr.name.startsWith('data-')) found.push(`${el.localName}[${attr.name}]`);
      if ((attr.name === 'href' || attr.name === 'src') && !/^(https?|mailto):/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
    }
  }
  return found;
}

describe('two copies of the bundle on one page', () => {
  afterEach(closePages);

  it('keeps the first copy global, registers and fetches each element once, throws nothing, and the widgets work', async () => {
    const host = await openPage('/__embed/pages/twice.html');
    const first = host.win.__firstCopy as { api: LapaWidgetsGlobal; define: unknown };
    expect(first.api, 'the first copy set LapaWidgets').to.exist;
    expect(host.win.LapaWidgets).to.equal(first.api);
    expect(host.win.__lapaDefine).to.equal(first.define);
    expect(await expectWidgetsWork(host)).to.deep.equal([]);
    expect(host.win.customElements.get('news-card')).to.equal(first.api.NewsCardElement);
    expect(host.win.customElements.get('comment-box')).to.equal(first.api.CommentBoxElement);
    expect(host.win.customElements.get('scroll-to-top')).to.equal(first.api.ScrollToTopElement);
    const chunks = chunkScripts(host);
    expect(chunks.length).to.be.greaterThan(3);
    expect(new Set(chunks).size, chunks.join()).to.equal(chunks.length);
    expect(problems(host)).to.deep.equal([]);
  });

  it('leaves rendered widgets alone when another copy arrives later (a tag manager)', async () => {
    const host = await openPage('/__embed/pages/body-end.html');
    await recorded(host, 'news-card-load', 'card');
    const api = host.win.LapaWidgets;
    await addScript(host, BUNDLE);
    expect(host.win.LapaWidgets).to.equal(api);
    const card = byId<NewsCardElement>(host, 'card');
    card.setAttribute('variant', 'card');
    await rendered(card);
    expect(text(part(card, 'title'))).to.equal(FEED_TITLE);
    expect(problems(host)).to.deep.equal([]);
  });
});

describe('a tag the host already owns', () => {
  afterEach(closePages);

  it("keeps the host's element and registers the widget under the name the host picks", async () => {
    const host = await openPage('/__embed/pages/taken.html');
    const ours = host.win.LapaWidgets!;
    expect(host.win.customElements.get('news-card')!.name).to.equal('HostNewsCard');
    expect(byId(host, 'host-card').hasAttribute('data-host-card')).to.be.true;
    // The other two tags were free.
    expect(await ours.load('comment-box')).to.equal(host.win.customElements.get('comment-box'));
    await recorded(host, 'news-card-load', 'card');
    const renamed = byId<NewsCardElement>(host, 'card');
    expect(renamed).to.be.instanceOf(ours.NewsCardElement);
    await rendered(renamed);
    expect(text(part(renamed, 'title'))).to.equal(FEED_TITLE);
    expect(problems(host)).to.deep.equal([]);
  });
});

describe("the host's own Lit 2", () => {
  afterEach(closePages);

  it('runs both Lit majors side by side', async () => {
    const host = await openPage('/__embed/pages/host-lit2.html');
    expect(await expectWidgetsWork(host)).to.deep.equal([]);
    const greeting = byId<HTMLElement & { name: string }>(host, 'greeting');
    await rendered(greeting);
    expect(text(part(greeting, 'text'))).to.equal('Hello, reader');
    greeting.name = 'partner';
    await rendered(greeting);
    expect(text(part(greeting, 'text'))).to.equal('Hello, partner');
    const versions = (host.win.litHtmlVersions as string[]).map((v) => v.split('.')[0]);
    expect(versions).to.include.members(['2', '3']);
    expect(problems(host)).to.deep.equal([]);
  });
});

describe("the host's own DOMPurify", () => {
  afterEach(closePages);

  it("neither uses the host's config and hooks nor changes them", async () => {
    const { host, card } = await dangerousCardOn('/__embed/pages/host-dompurify.html');
    const hostPurify = host.win.hostPurify as { instance: { sanitize(html: string): string }; hookCalls: number };
    expect(host.win.DOMPurify, 'the global is still the host copy').to.equal(hostPurify.instance);
    expect(hostPurify.hookCalls, "the host's hook ran for the widget's HTML").to.equal(0);
    expect(dangers(part(card, 'body')!)).to.deep.equal([]);
    // The host's setup still applies to the host's own calls.
    const out = hostPurify.instance.sanitize('<marquee>m</marquee><a href="https://agency.example/" target="_blank">a</a><img src="x.png" onerror="alert(1)">');
    expect(out).to.contain('<marquee data-host-hook="">m</marquee>');
    expect(out).to.contain('target="_blank"');
    expect(out).not.to.contain('onerror');
    expect(hostPurify.hookCalls).to.be.greaterThan(0);
    expect(problems(host)).to.deep.equal([]);
  });

  it('sanitises exactly as on a page without one', async () => {
    const plain = await dangerousCardOn('/__embed/pages/empty.html');
    const withHost = await dangerousCardOn('/__embed/pages/host-dompurify.html');
    expect(markup(part(withHost.card, 'body')!)).to.equal(markup(part(plain.card, 'body')!));
  });

  it("adds no global besides LapaWidgets, the loader's define and Lit's own bookkeeping (no DOMPurify)", async () => {
    const host = await openPage('/__embed/pages/empty.html');
    const before = new Set(Object.getOwnPropertyNames(host.win));
    await addScript(host, BUNDLE);
    await Promise.all((['news-card', 'comment-box', 'scroll-to-top'] as const).map((tag) => host.win.LapaWidgets!.load(tag)));
    const added = Object.getOwnPropertyNames(host.win).filter((name) => !before.has(name));
    expect(added.sort()).to.deep.equal(['LapaWidgets', '__lapaDefine', 'litElementVersions', 'litHtmlVersions', 'litPropertyMetadata', 'reactiveElementVersions']);
  });
});

describe('a global AMD loader (RequireJS)', () => {
  afterEach(closePages);

  it('never calls define, and the loader keeps working after the bundle', async () => {
    const host = await openPage('/__embed/pages/amd.html');
    const spy = host.win.amdSpy as { defineCalls: number; errors: string[] };
    expect(spy.defineCalls, 'the bundle called the global define').to.equal(0);
    expect(host.win.LapaWidgets).to.exist;
    expect(await expectWidgetsWork(host)).to.deep.equal([]);
    const requirejs = host.win.requirejs as (deps: string[], ok: (...mods: unknown[]) => void, fail: (e: unknown) => void) => void;
    const [module, purify] = await new Promise<unknown[]>((resolve, reject) =>
      requirejs(['/__embed/pages/amd-module.js', '/__embed/vendor/purify.js'], (...mods) => resolve(mods), reject),
    );
    expect(module).to.deep.equal({ answer: 42 });
    expect((purify as { sanitize?: unknown }).sanitize).to.be.a('function');
    expect(spy.errors).to.deep.equal([]);
    expect(problems(host)).to.deep.equal([]);
  });
});

describe('prototype pollution before the bundle', () => {
  afterEach(closePages);

  it('renders all three widgets and throws nothing', async () => {
    const host = await openPage('/__embed/pages/polluted.html');
    expect(await expectWidgetsWork(host, { card: 'clean' })).to.deep.equal([]);
    expect(problems(host)).to.deep.equal([]);
  });

  it('does not let a polluted Object.prototype weaken the sanitiser', async () => {
    const { host, card } = await dangerousCardOn('/__embed/pages/polluted.html');
    const plain = await dangerousCardOn('/__embed/pages/empty.html');
    const body = part(card, 'body')!;
    expect(dangers(body)).to.deep.equal([]);
    expect(markup(body)).to.equal(markup(part(plain.card, 'body')!));
    expect(part(card, 'title')!.querySelector('img')).to.equal(null);
    expect(host.win.__pwned).to.equal(undefined);
  });
});
