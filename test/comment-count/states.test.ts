import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentCountErrorEvent, CommentCountLoadEvent } from '../../src/internal/events.js';
import { until } from '../support/until.js';
import { answer, articleId, freshPage, part, release, seed, settle, shownText, srcFor, uid } from './helpers.js';
import type { CommentCountElement } from './helpers.js';

describe('<comment-count>: what it shows', () => {
  beforeEach(freshPage);

  it('is accessible, loading and loaded, as text and as a link', async () => {
    const key = uid();
    const el = await fixture<CommentCountElement>(html`<comment-count loading="eager" src=${answer(key, { n: 3, hold: key })}></comment-count>`);
    await expect(el).to.be.accessible();
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    const loaded = oneEvent(el, 'comment-count-load');
    await release(key);
    await loaded;
    await expect(el).to.be.accessible();
    const { el: link } = await settle(html`<comment-count href="#comments" src=${answer(uid(), { n: 3 })}></comment-count>`);
    await expect(link).to.be.accessible();
  });

  it('counts the visible comments of an article on the reference server, replies in, held ones out', async () => {
    const article = articleId();
    await seed(article, [{}, { replyTo: 0 }, {}, { status: 'pending' }, { replyTo: 1 }, { status: 'rejected' }]);
    const { el, event } = await settle(html`<comment-count src=${srcFor(article)}></comment-count>`);
    expect(event.type).to.equal('comment-count-load');
    expect((event as CommentCountLoadEvent).count).to.equal(4);
    expect((event as CommentCountLoadEvent).open).to.equal(true);
    expect(el.count).to.equal(4);
    expect(el.state).to.equal('loaded');
    expect(shownText(el)).to.equal('4 comments');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('says whether the article takes comments (.open false when closed)', async () => {
    const article = articleId();
    await seed(article, [{}], { closed: true });
    const { event } = await settle(html`<comment-count src=${srcFor(article)}></comment-count>`);
    expect((event as CommentCountLoadEvent).count).to.equal(1);
    expect((event as CommentCountLoadEvent).open).to.equal(false);
  });

  const PLURALS: Record<string, [number, string][]> = {
    en: [[0, 'No comments yet'], [1, '1 comment'], [2, '2 comments'], [5, '5 comments'], [21, '21 comments'], [1234, '1,234 comments']],
    lv: [[0, 'Vēl nav komentāru'], [1, '1 komentārs'], [2, '2 komentāri'], [5, '5 komentāri'], [10, '10 komentāru'], [11, '11 komentāru'], [21, '21 komentārs'], [101, '101 komentārs'], [111, '111 komentāru']],
    sv: [[0, 'Inga kommentarer än'], [1, '1 kommentar'], [2, '2 kommentarer'], [5, '5 kommentarer'], [21, '21 kommentarer']],
    ka: [[0, 'კომენტარები ჯერ არ არის'], [1, '1 კომენტარი'], [2, '2 კომენტარი'], [5, '5 კომენტარი'], [21, '21 კომენტარი']],
  };

  for (const [lang, cases] of Object.entries(PLURALS)) {
    it(`says the count in ${lang} with its plural forms and its own words for none`, async () => {
      for (const [n, expected] of cases) {
        const { el } = await settle(html`<comment-count lang=${lang} src=${answer(uid(), { n })}></comment-count>`);
        expect(shownText(el), `${lang} ${n}`).to.equal(expected);
      }
    });
  }

  it('takes its language from an ancestor, <html lang>, and follows a change', async () => {
    const { el } = await settle(html`<div lang="sv-SE"><p><comment-count src=${answer(uid(), { n: 5 })}></comment-count></p></div>`);
    expect(shownText(el)).to.equal('5 kommentarer');
    el.closest('div')!.setAttribute('lang', 'lv');
    await until(() => shownText(el) === '5 komentāri', 'Latvian after the change');
    el.setAttribute('lang', 'ka');
    await until(() => shownText(el) === '5 კომენტარი', 'Georgian on the element itself');
  });

  it('is a link to href when given, through the URL check; else text', async () => {
    const { el } = await settle(html`<comment-count href="/article/7#comments" src=${answer(uid(), { n: 2 })}></comment-count>`);
    const link = part(el, 'link') as HTMLAnchorElement;
    expect(link.localName).to.equal('a');
    expect(link.href).to.equal(new URL('/article/7#comments', document.baseURI).href);
    expect(link.textContent).to.equal('2 comments');
    for (const href of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'java\tscript:alert(1)']) {
      const { el: text } = await settle(html`<comment-count href=${href} src=${answer(uid(), { n: 2 })}></comment-count>`);
      expect(part(text, 'link'), href).to.equal(null);
      expect(text.shadowRoot!.querySelector('a'), href).to.equal(null);
      expect(shownText(text)).to.equal('2 comments');
    }
    const { el: plain } = await settle(html`<comment-count src=${answer(uid(), { n: 2 })}></comment-count>`);
    expect(part(plain, 'count')!.localName).to.equal('span');
  });

  it('takes other words from none-label and the messages property', async () => {
    const { el } = await settle(html`<comment-count none-label="Be the first" src=${answer(uid(), { n: 0 })}></comment-count>`);
    expect(shownText(el)).to.equal('Be the first');
    const { el: custom } = await settle(html`<comment-count .messages=${{ count: { one: '{n} reply', other: '{n} replies' } }} src=${answer(uid(), { n: 1 })}></comment-count>`);
    expect(shownText(custom)).to.equal('1 reply');
  });

  it('leaves the count out on error: the slotted fallback or nothing, and comment-count-error with .kind', async () => {
    let uncaught = 0;
    const onError = () => uncaught++;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const { el, event } = await settle(html`<comment-count src=${answer(uid(), { status: 500, body: '{"error":{"code":"server_error"}}' })}>Comments</comment-count>`);
      expect(event.type).to.equal('comment-count-error');
      expect((event as CommentCountErrorEvent).kind).to.equal('http');
      expect((event as CommentCountErrorEvent).status).to.equal(500);
      expect(el.state).to.equal('error');
      expect(part(el, 'base')).to.equal(null);
      expect(el.shadowRoot!.textContent!.trim()).to.equal('');
      expect(el.shadowRoot!.querySelector('slot')!.assignedNodes()[0]!.textContent).to.equal('Comments');
      const { el: bare, event: missing } = await settle(html`<comment-count src=${answer(uid(), { status: 404, body: 'Not found', type: 'text/html' })}></comment-count>`);
      expect((missing as CommentCountErrorEvent).kind).to.equal('http');
      expect(bare.getBoundingClientRect().width).to.equal(0);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
    expect(uncaught).to.equal(0);
  });

  it('without src shows its fallback and asks nothing', async () => {
    const el = await fixture<CommentCountElement>(html`<comment-count>Comments</comment-count>`);
    expect(el.state).to.equal('initial');
    expect(el.shadowRoot!.querySelector('slot')).to.not.equal(null);
  });

  for (const lang of ['en', 'lv', 'sv', 'ka']) {
    it(`keeps its width from skeleton to count (${lang}): what follows does not move`, async () => {
      for (const n of [0, 1, 5, 42, 100]) {
        const key = uid();
        const wrapper = await fixture<HTMLElement>(
          html`<p style="font: 16px/1.5 sans-serif; margin: 0"><span>Headline</span> · <comment-count lang=${lang} src=${answer(key, { n, hold: key })}></comment-count><span id="after">|</span></p>`,
        );
        const el = wrapper.querySelector('comment-count') as CommentCountElement;
        const after = wrapper.querySelector('#after')!;
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        const skeleton = part(el, 'skeleton')!.getBoundingClientRect();
        expect(skeleton.width, 'the skeleton is visible').to.be.greaterThan(20);
        const before = { x: after.getBoundingClientRect().x, y: after.getBoundingClientRect().y, height: wrapper.getBoundingClientRect().height };
        const loaded = oneEvent(el, 'comment-count-load');
        await release(key);
        await loaded;
        const now = { x: after.getBoundingClientRect().x, y: after.getBoundingClientRect().y, height: wrapper.getBoundingClientRect().height };
        expect(now.x, `${lang} ${n}: "${shownText(el)}" moved what follows`).to.be.closeTo(before.x, 0.5);
        expect(now.y, `${lang} ${n}: line moved`).to.be.closeTo(before.y, 0.5);
        expect(now.height, `${lang} ${n}: height`).to.be.closeTo(before.height, 0.5);
      }
    });
  }
});
