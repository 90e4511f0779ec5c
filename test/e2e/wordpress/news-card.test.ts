/**
 * <news-card> from the built script-tag bundle, reading posts from a real WordPress on
 * another origin: what a partner site shows when it pastes the two snippets.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { NewsCardErrorEvent, NewsCardLoadEvent } from '../../../src/index.js';
import {
  allElements, gmt, outcome, pageRecords, resetPageRecords, seed, settle, shadow, text, until,
} from './helpers.js';
import type { Seed, SeededPost } from './helpers.js';

interface WpMedia {
  alt_text: string;
  source_url: string;
  media_details: { sizes: Record<string, { source_url: string; width: number; height: number }> };
}

let data: Seed;

/** Elements that could only come from a title's HTML rendered as markup. */
const TITLE_MARKUP = 'em, strong, b, i, script, img, svg, iframe, style';

async function card(post: SeededPost, lang: string, variant: 'card' | 'full' = 'full'): Promise<{ el: HTMLElement; event: NewsCardLoadEvent }> {
  const el = await fixture<HTMLElement>(html`<div lang=${lang}><news-card variant=${variant}></news-card></div>`);
  const newsCard = el.querySelector('news-card')!;
  const loaded = outcome<NewsCardLoadEvent, NewsCardErrorEvent>(
    newsCard, 'news-card-load', 'news-card-error', (e) => `kind=${e.kind} status=${e.status}`,
  );
  // src last, with the listeners in place: a fast answer must not end before they are.
  newsCard.setAttribute('src', `${post.rest}?_embed`);
  const event = await loaded;
  await (newsCard as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return { el: newsCard, event };
}

/** The element with this documented part; throws when there is none. */
function part(root: ShadowRoot, name: string): Element {
  const found = root.querySelector(`[part~="${name}"]`);
  if (!found) throw new Error(`the card renders no part="${name}"`);
  return found;
}

/** The headline: part="title", a real heading for the page's outline. */
function heading(root: ShadowRoot): Element {
  const title = part(root, 'title');
  expect(title.matches('h1, h2, h3, h4, h5, h6') || title.getAttribute('role') === 'heading', 'the title is a heading').to.equal(true);
  return title;
}

function featuredImage(root: ShadowRoot): HTMLImageElement {
  const part = root.querySelector('[part~="image"]');
  const img = part instanceof HTMLImageElement ? part : part?.querySelector('img');
  if (!img) throw new Error('the card renders no featured image (part="image")');
  return img;
}

function body(root: ShadowRoot): Element {
  return part(root, 'body');
}

async function embedded(post: SeededPost): Promise<{ media?: WpMedia }> {
  const json = await (await fetch(`${post.rest}?_embed`)).json();
  return { media: json._embedded?.['wp:featuredmedia']?.[0] };
}

/** Scrolls a lazy image into view and waits until it has really loaded from WordPress. */
async function loaded(img: HTMLImageElement): Promise<void> {
  img.scrollIntoView();
  await until(() => img.complete && img.naturalWidth > 0, `image ${img.currentSrc || img.src} did not load`);
}

function srcsetCandidates(srcset: string): Map<string, string> {
  return new Map(
    srcset.split(/,\s+/).map((c) => c.trim().split(/\s+/)).map(([url, descriptor]) => [descriptor ?? '', url ?? '']),
  );
}

async function expectWordPressPostRendered(
  post: SeededPost,
  lang: string,
  expected: { title: string; month: RegExp; bodyText: string[] },
): Promise<ShadowRoot> {
  const { el, event } = await card(post, lang);
  const root = shadow(el);

  expect(event.article.title, 'the news-card-load article').to.equal(expected.title);
  const title = heading(root);
  expect(text(title)).to.equal(expected.title);
  expect(title.querySelector(TITLE_MARKUP), 'markup from the title inside the headline').to.equal(null);

  const time = part(root, 'date') as HTMLTimeElement;
  expect(time.localName, 'the date part').to.equal('time');
  const instant = gmt(post.date_gmt);
  // date_gmt carries no zone but is UTC; a date-only datetime must name that UTC day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(time.dateTime)) expect(time.dateTime).to.equal(post.date_gmt.slice(0, 10));
  else expect(Date.parse(time.dateTime), `datetime ${time.dateTime}`).to.equal(instant);
  const day = new Date(instant);
  expect(text(time)).to.include(String(day.getUTCFullYear()));
  expect(text(time)).to.include(String(day.getUTCDate()));
  expect(text(time)).to.match(expected.month);

  expect([...root.querySelectorAll('[part~="author"]')].map(text), 'authors').to.deep.equal([post.author]);
  // Categories are terms too: the card may show them beside the tags.
  expect([...root.querySelectorAll('[part~="tag"]')].map(text), 'tags').to.include.members(post.tags);
  expect(text(root), 'entities shown as text').not.to.match(/&(amp|#\d+|#x[0-9a-f]+|quot|lt|gt);/i);

  const { media } = await embedded(post);
  const img = featuredImage(root);
  expect(img.alt).to.equal(media!.alt_text);
  const candidates = srcsetCandidates(img.srcset);
  for (const [name, size] of Object.entries(media!.media_details.sizes)) {
    // The square thumbnail is a crop, not the same picture smaller: it may be left out.
    if (name === 'thumbnail') continue;
    expect(candidates.get(`${size.width}w`), `srcset candidate for ${name} (${size.width}w) in "${img.srcset}"`).to.equal(size.source_url);
  }
  for (const url of candidates.values()) expect(new URL(url).origin).to.equal(new URL(data.site).origin);
  await loaded(img);

  const content = body(root);
  for (const sentence of expected.bodyText) expect(text(content)).to.include(sentence);
  return root;
}

before(async () => {
  data = await seed();
});

describe('<news-card> on a partner page, against WordPress', () => {
  it('is accessible once it shows a WordPress post', async () => {
    const { el } = await card(data.posts.swedish, 'sv');
    await expect(el).to.be.accessible();
  });

  it('comes from the built bundle, and WordPress is another origin', () => {
    expect(window.LapaWidgets, 'window.LapaWidgets from dist/lapa-widgets.min.js').to.exist;
    expect(customElements.get('news-card')).to.equal(window.LapaWidgets!.NewsCardElement);
    expect(new URL(data.site).origin).not.to.equal(location.origin);
  });

  it('renders the Latvian post: title, Latvian date, author, featured image with srcset, tags, body', async () => {
    const root = await expectWordPressPostRendered(data.posts.latvian, 'lv', {
      title: 'Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā',
      month: /maij/,
      bodyText: ['Rīgā, Gēteborgā un Tbilisi', '„Mēs pārliecinājāmies, ka radošums un sociālā atbildība netraucē'],
    });
    const content = body(root);
    expect(content.querySelector('blockquote cite')?.textContent).to.equal('Projekta koordinatore Rīgā');
    const inline = content.querySelector('img')!;
    expect(inline.alt).to.equal('Latvijas, Zviedrijas un Gruzijas karogi');
    expect(inline.getAttribute('style'), 'style attribute of the body image').to.equal(null);
    expect(inline.getAttribute('loading')).to.equal('lazy');
    expect(inline.getAttribute('referrerpolicy')).to.equal('no-referrer');
    const link = content.querySelector<HTMLAnchorElement>('a[href="https://example.org/rokasgramata"]')!;
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
  });

  it('renders the Swedish post with its quoted title, entity tag and list, in Swedish', async () => {
    const root = await expectWordPressPostRendered(data.posts.swedish, 'sv', {
      title: 'Efter projektet: “Kreativt socialt företagande” & vad vi lärde oss i Göteborg',
      month: /mars/,
      bodyText: ['Den andra studieveckan hölls i Göteborg', 'Kreativitet är en resurs – inte en lyx.'],
    });
    const content = body(root);
    expect(text(content.querySelector('h2, h3, h4, h5, h6'))).to.equal('Tre lärdomar');
    expect(content.querySelectorAll('li')).to.have.length(3);
    expect(text(root)).to.include('Rīga & Tbilisi');
  });

  it('renders the Georgian post with a Georgian date although Chromium has no Georgian Intl data', async () => {
    await expectWordPressPostRendered(data.posts.georgian, 'ka', {
      title: '“შემოქმედებითი მეწარმეობა” – შეხვედრა თბილისში & რა იქნება შემდეგ?',
      month: /აპრილი/,
      bodyText: ['მესამე სასწავლო კვირა თბილისში გაიმართა.', '„შემოქმედება და სოციალური პასუხისმგებლობა ერთმანეთს აძლიერებს.“'],
    });
  });

  it('shows a title with an editor\'s <em> as plain text, and links the card to the article', async () => {
    const post = data.posts.cafe;
    const { el } = await card(post, 'lv', 'card');
    const root = shadow(el);
    expect(text(heading(root))).to.equal('Kopienas kafejnīca Rīgā: “Darbs jauniešiem” & labākā kafija Avotu ielā');
    expect(heading(root).querySelector(TITLE_MARKUP), 'the editor\'s <em> rendered as markup').to.equal(null);
    expect((part(root, 'read-more') as HTMLAnchorElement).href).to.equal(post.link);
    expect(text(part(root, 'summary'))).to.include('Avotu ielā durvis vēris kopienas kafejnīca');
  });
});

describe('<news-card> with HTML an administrator saved with scripts in it', () => {
  beforeEach(() => resetPageRecords());

  /** Whatever could run on its own has had its chance, and whatever a reader could click has been clicked. */
  async function exercise(root: ShadowRoot): Promise<void> {
    const images = [...root.querySelectorAll('img')];
    for (const img of images) img.scrollIntoView();
    await until(() => images.every((img) => img.complete), 'body images did not settle');
    for (const el of allElements(body(root))) {
      if (el instanceof HTMLAnchorElement && el.href && !/^https?:/.test(el.href)) el.click();
      if (el instanceof HTMLParagraphElement) el.click();
      if (el instanceof HTMLElement) el.focus();
    }
    await settle();
  }

  function expectInert(root: ShadowRoot): void {
    const content = body(root);
    expect(content.querySelectorAll('script, iframe, object, embed, form, input, button, style, link, meta, base'), 'dangerous elements').to.have.length(0);
    for (const el of allElements(content)) {
      for (const attr of el.getAttributeNames()) {
        expect(attr, `<${el.localName} ${attr}>`).not.to.match(/^on/i);
        expect(attr, `<${el.localName} ${attr}>`).not.to.equal('style');
        expect(attr, `<${el.localName} ${attr}>`).not.to.equal('srcdoc');
      }
      for (const attr of ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']) {
        const value = el.getAttribute(attr);
        if (value !== null) expect(value, `<${el.localName} ${attr}>`).not.to.match(/^\s*(javascript|data|vbscript):/i);
      }
    }
    for (const a of content.querySelectorAll<HTMLAnchorElement>('a[target]')) {
      expect(a.rel.split(' '), `rel of ${a.href}`).to.include.members(['noopener', 'noreferrer']);
    }
  }

  it('has vectors that really run when the same HTML is inserted unsanitised', async () => {
    // The control for the next test: without it, "nothing ran" could mean the markers never work.
    const json = await (await fetch(data.posts.scripts.rest)).json();
    const frame = document.createElement('iframe');
    // Relative URLs resolve against WordPress, as in the card.
    frame.srcdoc = `<base href="${data.site}/">${json.content.rendered}`;
    document.body.append(frame);
    try {
      await until(
        () => ['script', 'img-onerror', 'svg-onload', 'iframe-srcdoc'].every((m) => pageRecords().executed.includes(m)),
        `markers from the unsanitised copy: ${pageRecords().executed}`,
      );
    } finally {
      frame.remove();
    }
  });

  it('renders the seeded post with every vector inert and runs none of them', async () => {
    const { el } = await card(data.posts.scripts, 'lv');
    const root = shadow(el);
    expect(text(heading(root))).to.equal('Administratora HTML ar <script> un “onerror”');
    expect(heading(root).querySelector(TITLE_MARKUP), 'the title\'s entities decoded twice into markup').to.equal(null);
    expect(text(body(root))).to.include('Šo ierakstu saglabāja administrators');
    const broken = body(root).querySelector<HTMLImageElement>('img[alt="salauzts attēls"]');
    expect(broken?.src, 'a relative image URL resolves against WordPress, not the page').to.equal(`${data.site}/lapa-e2e-no-such-image.png`);
    await exercise(root);
    expect(pageRecords()).to.deep.equal({ executed: [], dialogs: [] });
    expectInert(root);
    expect(root.querySelector('a[href="https://example.org/"]'), 'the safe link is kept').to.exist;
  });

  it('renders the up-script\'s administrator post without opening a single alert()', async () => {
    const { el } = await card(data.posts.dangerous, 'en');
    const root = shadow(el);
    expect(text(heading(root))).to.equal('XSS fixture: HTML saved by an administrator');
    await exercise(root);
    expect(pageRecords()).to.deep.equal({ executed: [], dialogs: [] });
    expectInert(root);
  });
});
