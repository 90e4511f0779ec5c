/**
 * Server-rendered <news-card>s and <news-feed>s (test/ssr/server.mjs renders them with Lit
 * SSR from dist/) hydrated in the browser: each page is opened in an iframe with the README's
 * strict CSP plus the published style hash, laid out from its declarative shadow root alone,
 * then given the element's module. The element must take the server's data and nodes over:
 * no request for its `src`, nothing moving, no CSP violation, and an element that works after.
 */
import { expect } from '@open-wc/testing';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import type { NewsFeedElement } from '../../src/news-feed/news-feed.js';
import { until } from '../support/until.js';

const PREFIX = '/__ssr/';

interface SsrWindow extends Window {
  __upgrade(): Promise<unknown>;
  __violations: string[];
  /** Layout-shift entries (Chromium only): start time, value. */
  __shifts: [number, number][];
}

interface Page {
  frame: HTMLIFrameElement;
  win: SsrWindow;
  doc: Document;
  card: NewsCardElement;
  feed: NewsFeedElement;
}

const frames: HTMLIFrameElement[] = [];

async function open(query: string): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'inline-size: 40rem; block-size: 60rem; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PREFIX}page?${query}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as SsrWindow;
  const doc = frame.contentDocument!;
  return { frame, win, doc, card: doc.querySelector('news-card') as NewsCardElement, feed: doc.querySelector('news-feed') as NewsFeedElement };
}

/** Loads the element's module into the page (the page's `__upgrade`), and waits for the element to take its render over. */
async function upgrade({ win, card, feed }: Page): Promise<void> {
  const [tag, element] = feed ? ['news-feed', feed] : ['news-card', card];
  await win.__upgrade();
  await until(() => win.customElements.get(tag) !== undefined, `${tag} is defined`);
  await element.updateComplete;
}

/** Upgrades the page (see upgrade()) and gives the layout shifts since (reported after the frame that had them). */
async function upgradeShifts(page: Page): Promise<[number, number][]> {
  const start = page.win.performance.now();
  await upgrade(page);
  for (let i = 0; i < 2; i++) await new Promise((resolve) => page.win.requestAnimationFrame(resolve));
  return page.win.__shifts.filter(([at]) => at >= start);
}

/** Where each visible box of the card (or feed) is, relative to the page. */
function geometry({ card: shown, feed }: Page): Record<string, string> {
  const card = feed ?? shown;
  const root = card.shadowRoot!;
  const boxes: Record<string, string> = {};
  const rect = (el: Element) => {
    const r = el.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map((n) => n.toFixed(1)).join(' ');
  };
  boxes.host = rect(card);
  for (const el of root.querySelectorAll('[part]')) boxes[`${el.getAttribute('part')} ${Object.keys(boxes).length}`] = rect(el);
  boxes.after = rect(card.ownerDocument.getElementById('after')!);
  return boxes;
}

const requests = async (): Promise<Record<string, number>> => (await fetch(`${PREFIX}requests`)).json();

/** After the upgrade: every box where it was, no request made, no layout shift, no CSP violation. */
async function expectUndisturbed(page: Page, before: Record<string, string>, shifts: [number, number][]): Promise<void> {
  expect(geometry(page)).to.deep.equal(before);
  expect(await requests(), 'no request for the src').to.deep.equal({});
  expect(shifts, 'layout shifts since the upgrade began (Chromium)').to.deep.equal([]);
  expect(page.win.__violations).to.deep.equal([]);
}

describe('<news-card> rendered on the server, hydrated in the browser', () => {
  beforeEach(async () => {
    await fetch(`${PREFIX}reset`);
  });

  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  for (const [variant, id, loader] of [
    ['card', 'card', 'module'],
    ['full', 'full', 'module'],
    ['full', 'text', 'module'],
    ['card', 'card', 'bundle'],
  ]) {
    it(`adopts a ${variant} card (${id}, ${loader}) with no request, no layout shift and no CSP violation`, async () => {
      const page = await open(`variant=${variant}&id=${id}&loader=${loader}`);
      const { win, card } = page;
      // Laid out from the declarative shadow root, before the element exists.
      expect(win.customElements.get('news-card')).to.equal(undefined);
      expect(card.shadowRoot, 'a declarative shadow root').to.not.equal(null);
      const serverArticle = card.shadowRoot!.querySelector('article');
      expect(serverArticle, 'the server rendered the article').to.not.equal(null);
      // Images settle first (a broken one changes size when its error comes, hydrated or not).
      await until(() => [...card.shadowRoot!.querySelectorAll('img')].every((img) => img.complete), 'the images settled');
      const before = geometry(page);
      expect(Object.keys(before).length).to.be.greaterThan(5);

      const shifts = await upgradeShifts(page);
      expect(card.state).to.equal('loaded');
      // The server's nodes were taken over, the rest of its render is gone.
      expect(card.shadowRoot!.querySelector('article')).to.equal(serverArticle);
      expect(card.shadowRoot!.querySelectorAll('[part~="base"]').length).to.equal(1);
      expect(card.shadowRoot!.querySelector('template[data-article], style')).to.equal(null);
      await expectUndisturbed(page, before, shifts);
    });
  }

  it('fits a tag row the server could not measure: "+N" appears, the card keeps its height', async () => {
    const page = await open('variant=card&id=tags');
    const { card, doc } = page;
    const root = card.shadowRoot!;
    const height = () => [card.getBoundingClientRect().height, doc.getElementById('after')!.getBoundingClientRect().top];
    const before = height();
    expect(root.querySelectorAll('[part~="tag"]:not([hidden])').length, 'the server renders every tag up to the cap').to.equal(12);
    await upgrade(page);
    const more = root.querySelector<HTMLElement>('[part~="more-tags"]')!;
    await until(() => !more.hidden, 'the "+N" item shows');
    expect(more.textContent).to.match(/\+\d+/);
    // The row clips what does not fit (tags are never hidden one by one): those on its first line show.
    const tags = [...root.querySelectorAll<HTMLElement>('[part~="tag"]')];
    const shownTags = tags.filter((tag) => tag.offsetTop === tags[0]!.offsetTop).length;
    expect(shownTags).to.be.within(1, 11);
    // +N counts the hidden ones and the two past the cap.
    expect(more.textContent).to.contain(`+${14 - shownTags}`);
    // Within a pixel: in WebKit one fitted row (23 px) is half a pixel lower than the clip
    // that holds the unfitted row (.card .tags max-block-size, internal/article/article.styles.ts), so the
    // card ends 0.5 px shorter there; Chromium and Firefox match exactly.
    const after = height();
    after.forEach((value, i) => expect(Math.abs(value - before[i]!), `${value} vs ${before[i]}`).to.be.at.most(0.5));
  });

  it('works after hydration: re-localises, switches variant, loads its src with events', async () => {
    const page = await open('variant=card&id=card');
    const { win, card } = page;
    await upgrade(page);
    const root = card.shadowRoot!;
    expect(root.querySelector('[part~="read-more"]')!.textContent).to.equal('Read more');
    card.setAttribute('lang', 'lv');
    await until(() => root.querySelector('[part~="read-more"]')?.textContent === 'Lasīt vairāk', 'the card speaks Latvian');
    expect(root.querySelector('[part~="tags"]')!.getAttribute('aria-label')).to.equal('Birkas');

    card.variant = 'full';
    await card.updateComplete;
    expect(root.querySelector('[part~="body"]')?.textContent).to.contain('One.');
    expect(root.querySelector('[part~="read-more"]')).to.equal(null);

    // Without its article, the card loads its src like any other, and says so.
    const loaded = new Promise<Event & { article?: { title: string } }>((resolve) => card.addEventListener('news-card-load', resolve, { once: true }));
    card.article = undefined;
    const event = await loaded;
    expect(event.article?.title).to.contain('(fetched)');
    expect(root.querySelector('[part~="title"]')!.textContent).to.contain('(fetched)');
    expect(await requests()).to.deep.equal({ card: 1 });
    expect(win.__violations).to.deep.equal([]);
  });

  it("is blocked by the strict CSP without the style hash (the hash is what lets Lit SSR's <style> apply)", async () => {
    const page = await open('variant=card&id=card&hash=0');
    await until(() => page.win.__violations.length > 0, 'a style-src violation');
    expect(page.win.__violations[0]).to.match(/^style-src/);
  });
});

describe('<news-feed> rendered on the server, hydrated in the browser', () => {
  beforeEach(async () => {
    await fetch(`${PREFIX}reset`);
  });

  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  for (const [layout, loader] of [
    ['list', 'module'],
    ['grid', 'module'],
    ['list', 'bundle'],
  ]) {
    it(`adopts a ${layout} feed (${loader}) with no request, no layout shift and no CSP violation`, async () => {
      const page = await open(`element=news-feed&layout=${layout}&loader=${loader}`);
      const { win, feed } = page;
      expect(win.customElements.get('news-feed')).to.equal(undefined);
      const root = feed.shadowRoot!;
      expect(root, 'a declarative shadow root').to.not.equal(null);
      const serverList = root.querySelector('ul[part~="list"]');
      const serverArticles = [...root.querySelectorAll('article')];
      expect(serverArticles.length, 'the server rendered the first three').to.equal(3);
      const before = geometry(page);
      expect(Object.keys(before).length).to.be.greaterThan(10);

      const shifts = await upgradeShifts(page);
      expect(feed.state).to.equal('loaded');
      // The server's list and articles were taken over, the rest of its render is gone.
      expect(root.querySelector('ul[part~="list"]')).to.equal(serverList);
      expect([...root.querySelectorAll('article')]).to.deep.equal(serverArticles);
      expect(root.querySelectorAll('[part~="base"].feed').length).to.equal(1);
      expect(root.querySelector('template[data-articles], style')).to.equal(null);
      expect(feed.articles?.map((a) => a.id)).to.deep.equal(['card', 'summary', 'full', 'tags', 'text', 'more-1', 'more-2', 'more-3']);
      await expectUndisturbed(page, before, shifts);
    });
  }

  it('works after hydration: re-localises, shows the given articles past the limit, then loads more from src', async () => {
    const page = await open('element=news-feed&limit=3');
    const { win, feed } = page;
    await upgrade(page);
    const root = feed.shadowRoot!;
    const button = () => root.querySelector<HTMLButtonElement>('[part~="load-more"]');
    const titles = () => [...root.querySelectorAll('[part~="title"]')].map((t) => t.textContent);
    feed.setAttribute('lang', 'lv');
    await until(() => button()?.textContent === 'Ielādēt vēl', 'the feed speaks Latvian');
    feed.setAttribute('lang', 'en');
    await until(() => button()?.textContent === 'Load more', 'and English again');

    // The articles past the limit came with the server render: no request for them.
    button()!.click();
    await until(() => titles().length === 6, 'three more shown');
    button()!.click();
    await until(() => titles().length === 8, 'the last two given shown');
    expect(await requests()).to.deep.equal({});
    // Every given article is shown, but src may hold more: the button stays (hasMore unknown, so true).
    expect(feed.hasMore).to.equal(true);

    // Then src: its first page holds only the articles shown already, so the same click goes on to its next page.
    const loaded = new Promise<Event & { articles?: readonly { id?: string }[]; hasMore?: boolean }>((resolve) => feed.addEventListener('news-feed-load', resolve, { once: true }));
    button()!.click();
    const event = await loaded;
    expect(event.articles?.length).to.equal(10);
    expect(event.hasMore).to.equal(false);
    expect(titles().slice(8)).to.deep.equal(['Page two, article 1', 'Page two, article 2']);
    expect(new Set(titles()).size, 'no article twice').to.equal(10);
    expect(await requests()).to.deep.equal({ 'feed page 1': 1, 'feed page 2': 1 });
    await until(() => button() === null, 'nothing more: the button goes');
    expect(root.activeElement?.textContent, 'focus on the first new headline').to.equal('Page two, article 1');
    expect(win.__violations).to.deep.equal([]);
  });

  it("is blocked by the strict CSP without the feed's style hash", async () => {
    const page = await open('element=news-feed&hash=0');
    await until(() => page.win.__violations.length > 0, 'a style-src violation');
    expect(page.win.__violations[0]).to.match(/^style-src/);
  });
});
