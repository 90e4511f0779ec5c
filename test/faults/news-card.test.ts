import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { messages } from '../../src/news-card/news-card.messages.js';
import type { NewsCardMessages } from '../../src/news-card/news-card.messages.js';
import { FAULTS, failing, bystanderProblems, faultUrl, withBystanders, otherOrigin, partOf, problems, recover, setOnline, textOf, uid } from './helpers.js';

/** The Latvian message each kind of failure must show. */
function expectedMessage(kind: string, status?: number): keyof NewsCardMessages {
  if (kind === 'http') return status === 404 ? 'errorNotFound' : 'errorServer';
  return ({ 'not-json': 'errorNotJson', invalid: 'errorInvalid', 'too-large': 'errorTooLarge', timeout: 'errorTimeout', network: 'errorNetwork' } as const)[kind as 'invalid'];
}

describe('<news-card> against broken servers', () => {
  const bystanders = withBystanders();

  for (const { fault, what, kind, status } of FAULTS) {
    it(`shows the Latvian error for ${what}, reports kind ${kind}, and loads on Retry once the server recovers`, async function () {
      this.timeout(8000);
      const key = uid();
      const { el: card, event } = await failing('news-card', await faultUrl('news', fault, key));
      expect(event.kind).to.equal(kind);
      // The status of the answer, when one came (a 200 with a bad body says 200).
      if (kind === 'http') expect(event.status).to.equal(status);
      else expect([undefined, 200]).to.include(event.status);
      expect(card.state).to.equal('error');
      expect(textOf(partOf(card, 'error')?.querySelector('.message'))).to.equal(messages.lv[expectedMessage(kind, status)]);
      const retry = partOf(card, 'retry')!;
      expect(textOf(retry)).to.equal(messages.lv.retry);

      await recover(key);
      const loaded = oneEvent(card, 'news-card-load');
      retry.click();
      await loaded;
      await card.updateComplete;
      expect(card.state).to.equal('loaded');
      expect(textOf(partOf(card, 'title'))).to.equal('Back in service');
      if (fault === 'redirect') {
        // Relative URLs resolve against where the answer came from, not where it was asked.
        expect(partOf(card, 'image')?.getAttribute('src')).to.equal(`${await otherOrigin()}/news/recovered.svg`);
      }
      expect(problems).to.deep.equal([]);
      expect(await bystanderProblems(bystanders)).to.deep.equal([]);
    });
  }

  it('shows an article whose dates are invalid, without a date', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="lv"></div>`);
    const loaded = oneEvent(wrapper, 'news-card-load');
    render(html`<news-card src=${`/__faults/news/dates/${uid()}`}></news-card>`, wrapper);
    await loaded;
    const card = wrapper.querySelector<NewsCardElement>('news-card')!;
    await card.updateComplete;
    expect(textOf(partOf(card, 'title'))).to.equal('Back in service');
    expect(partOf(card, 'date')).to.equal(null);
    expect(problems).to.deep.equal([]);
  });

  for (const [fault, part, what] of [
    ['many-tags', 'tag', '120 000 tags'],
    ['many-authors', 'author', '30 000 authors'],
  ]) {
    it(`does not freeze the page on a valid feed with ${what}: it renders promptly and shows a short list`, async function () {
      this.timeout(30_000);
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const loaded = oneEvent(wrapper, 'news-card-load');
      const start = performance.now();
      render(html`<news-card src=${`/__faults/news/${fault}/${uid()}`}></news-card>`, wrapper);
      await loaded;
      const card = wrapper.querySelector<NewsCardElement>('news-card')!;
      await card.updateComplete;
      const shown = card.shadowRoot!.querySelectorAll(`[part~="${part}"]`).length;
      // A card is a summary: a reader gains nothing from thousands of them, and the
      // page's main thread pays for each one.
      expect(shown, `${part}s shown`).to.be.within(1, 100);
      expect(performance.now() - start, 'ms to render').to.be.below(3000);
      expect(problems).to.deep.equal([]);
    });
  }

  it('says it is offline, then loads by itself when the browser is back online', async function () {
    this.timeout(8000);
    const key = uid();
    setOnline(false);
    try {
      const { el: card, event } = await failing('news-card', `/__faults/news/refuse/${key}`);
      expect(event.kind).to.equal('network');
      expect(textOf(partOf(card, 'error')?.querySelector('.message'))).to.equal(messages.lv.errorOffline);
      await recover(key);
      const loaded = oneEvent(card, 'news-card-load');
      setOnline(true);
      await loaded;
      await card.updateComplete;
      expect(card.state).to.equal('loaded');
    } finally {
      setOnline(true);
    }
    expect(problems).to.deep.equal([]);
  });

  it('leaves the other widgets on the page working', async () => {
    expect(await bystanderProblems(bystanders)).to.deep.equal([]);
    // A new card for the same healthy URL still gets the article: no failure was cached.
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const loaded = oneEvent(wrapper, 'news-card-load');
    render(html`<news-card src=${bystanders.card.src!}></news-card>`, wrapper);
    await loaded;
    // scroll-to-top still takes the reader back up.
    window.scrollTo(0, 500);
    bystanders.scroller.shadowRoot!.querySelector('button')!.click();
    for (let frame = 0; frame < 120 && window.scrollY > 0; frame++) await new Promise(requestAnimationFrame);
    expect(window.scrollY).to.equal(0);
    expect(problems).to.deep.equal([]);
  });
});
