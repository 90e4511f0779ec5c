import { expect, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import type { NewsCardErrorEvent } from '../../src/internal/events.js';
import { inViewportWatched, nearViewportWaiting, resetNearViewport } from '../../src/internal/near-viewport.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { until } from '../support/until.js';
import { FEED, ITEM, container, fresh, mount, outcome, part, release, settle, stats, text, uid } from './helpers.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<news-card> network', () => {
  afterEach(() => resetNearViewport());

  it('aborts the old request when src changes, and never shows its late answer', async () => {
    const key = uid();
    // Held: the first answer cannot come before src changes, however slow the machine.
    const card = await mount(html`<news-card src=${fresh(FEED, { hold: key, key })}></news-card>`);
    let loads = 0;
    card.addEventListener('news-card-load', () => loads++);
    await until(async () => (await stats(key)).requests === 1, 'the first request at the server');
    const loaded = oneEvent(card, 'news-card-load');
    card.src = fresh(ITEM);
    await loaded;
    await until(async () => (await stats(key)).aborted === 1, 'the first request aborted');
    await card.updateComplete;
    expect(text(part(card, 'title'))).to.match(/^A community café in Tbilisi/);
    expect(loads).to.equal(1);
    expect(await stats(key)).to.include({ requests: 1, aborted: 1 });
  });

  it('aborts its request when removed from the page', async () => {
    const key = uid();
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall', { key })}></news-card>`);
    // The request is on its way once the card rendered; it reaches the server a moment later.
    await until(async () => (await stats(key)).requests === 1, 'the request at the server');
    card.remove();
    await until(async () => (await stats(key)).aborted === 1, 'the request aborted at the server');
  });

  it('keeps its request when moved within the page, and loads again when put back after removal', async () => {
    const key = uid();
    const card = await mount(html`<news-card src=${fresh(FEED, { hold: key, key })}></news-card>`);
    await until(async () => (await stats(key)).requests === 1, 'the request at the server');
    const moved = oneEvent(card, 'news-card-load');
    container().append(card);
    await release(key);
    await moved;
    expect(await stats(key)).to.include({ requests: 1, aborted: 0 });

    const again = await mount(html`<news-card src=${fresh(FEED, { hold: `${key}b`, key: `${key}b` })}></news-card>`);
    await until(async () => (await stats(`${key}b`)).requests === 1, 'the first request at the server');
    const parent = again.parentElement!;
    again.remove();
    // Back before the aborted request has even failed.
    await Promise.resolve();
    const loaded = oneEvent(again, 'news-card-load');
    parent.append(again);
    // Both requests at the server, the first given up, before any answer is let through.
    await until(async () => (await stats(`${key}b`)).aborted === 1, 'the first request aborted');
    await until(async () => (await stats(`${key}b`)).requests === 2, 'the second request at the server');
    await release(`${key}b`);
    await loaded;
    expect(await stats(`${key}b`)).to.include({ requests: 2, aborted: 1 });
  });

  it('makes one request for many cards with the same src', async () => {
    const key = uid();
    const src = fresh(FEED, { hold: key, key });
    const wrapper = container();
    const all = Promise.all(Array.from({ length: 5 }, () => outcome(wrapper)));
    render(html`${[1, 2, 3, 4, 5].map(() => html`<news-card src=${src}></news-card>`)}`, wrapper);
    // All five asked while the one request is still open.
    await Promise.all([...wrapper.querySelectorAll('news-card')].map((c) => c.updateComplete));
    await until(async () => (await stats(key)).requests === 1, 'the request at the server');
    await release(key);
    const events = await all;
    expect(events.every((e) => e.type === 'news-card-load')).to.equal(true);
    const cards = [...wrapper.querySelectorAll('news-card')];
    expect(cards.every((c) => c.state === 'loaded')).to.equal(true);
    expect((await stats(key)).requests).to.equal(1);
    // A card added later is served from the same answer.
    const late = document.createElement('news-card');
    late.src = src;
    const lateLoad = oneEvent(late, 'news-card-load');
    wrapper.append(late);
    await lateLoad;
    expect((await stats(key)).requests).to.equal(1);
  });

  it('keeps a shared request alive until the last card sharing it is removed', async () => {
    const key = uid();
    const src = fresh(FEED, { hold: key, key });
    const wrapper = container();
    render(html`<news-card src=${src}></news-card><news-card src=${src}></news-card>`, wrapper);
    const [first, second] = [...wrapper.querySelectorAll('news-card')] as NewsCardElement[];
    await first!.updateComplete;
    await until(async () => (await stats(key)).requests === 1, 'the shared request at the server');
    const loaded = oneEvent(second!, 'news-card-load');
    first!.remove();
    // The request is held until now: the answer the second card gets proves it was not
    // aborted when the first card left (an aborted fetch delivers nothing).
    await release(key);
    await loaded;
    expect(await stats(key), 'one card still waited').to.include({ requests: 1, aborted: 0 });

    const key2 = uid();
    const src2 = fresh('/__news/stall', { key: key2 });
    render(html`<news-card timeout="0" src=${src2}></news-card><news-card timeout="0" src=${src2}></news-card>`, wrapper);
    const cards = [...wrapper.querySelectorAll('news-card')];
    await cards[0]!.updateComplete;
    await until(async () => (await stats(key2)).requests === 1, 'the shared request at the server');
    cards[0]!.remove();
    cards[1]!.remove();
    await until(async () => (await stats(key2)).aborted === 1, 'the shared request aborted');
    expect(await stats(key2)).to.include({ requests: 1, aborted: 1 });
  });

  it('does not keep a failed shared request: Retry asks the server again', async () => {
    const key = uid();
    const src = `/__news/toggle/${key}?key=${key}`;
    const wrapper = container();
    const both = Promise.all([outcome(wrapper), outcome(wrapper)]);
    render(html`<news-card src=${src}></news-card><news-card src=${src}></news-card>`, wrapper);
    await both;
    expect((await stats(key)).requests).to.equal(1);
    await fetch(`/__news/toggle/${key}/up`);
    const card = wrapper.querySelector('news-card')!;
    const loaded = oneEvent(card, 'news-card-load');
    part(card, 'retry')!.click();
    await loaded;
    expect((await stats(key)).requests).to.equal(2);
  });

  it('sends no cookies unless credentials says so', async () => {
    document.cookie = 'lapa-test=1; path=/; SameSite=Strict';
    try {
      const key = uid();
      await settle(html`<news-card src=${fresh(FEED, { key })}></news-card>`);
      expect((await stats(key)).cookies).to.equal(0);
      await settle(html`<news-card credentials="same-origin" src=${fresh(FEED, { key })}></news-card>`);
      expect(await stats(key)).to.include({ requests: 2, cookies: 1 });
    } finally {
      document.cookie = 'lapa-test=; path=/; max-age=0';
    }
  });

  it('gives up with a timeout after the timeout attribute, and aborts the request', async () => {
    const key = uid();
    const started = performance.now();
    const { card, event } = await settle(html`<news-card timeout="250" src=${fresh('/__news/stall', { key })}></news-card>`);
    expect((event as NewsCardErrorEvent).kind).to.equal('timeout');
    expect(performance.now() - started).to.be.within(240, 5000);
    expect(text(part(card, 'error')!.querySelector('p'))).to.equal('The news server took too long to answer.');
    await until(async () => (await stats(key)).aborted === 1, 'the request aborted at the server');
  });

  it('refuses an answer over 2 MB, whether its length is declared or not', async () => {
    for (const chunked of ['', '1']) {
      const { card, event } = await settle(html`<news-card src=${fresh('/__news/large', { bytes: 2 * 1024 * 1024 + 100, chunked })}></news-card>`);
      expect((event as NewsCardErrorEvent).kind, `chunked=${chunked}`).to.equal('too-large');
      expect(text(part(card, 'error')!.querySelector('p'))).to.equal('The article is too large to show here.');
    }
    const { event } = await settle(html`<news-card src=${fresh('/__news/large', { bytes: 2 * 1024 * 1024 - 100 })}></news-card>`);
    expect(event.type, 'just under the limit').to.equal('news-card-load');
  });

  it('takes another size limit from max-bytes', async () => {
    const { event } = await settle(html`<news-card max-bytes="500" src=${fresh(FEED)}></news-card>`);
    expect((event as NewsCardErrorEvent).kind).to.equal('too-large');
  });

  it('with loading="lazy", fetches only when the card nears the viewport', async () => {
    const key = uid();
    const wrapper = container();
    const eagerLoaded = outcome(wrapper);
    render(
      html`<news-card src=${fresh(ITEM)}></news-card>
        <div style="height: 300vh"></div>
        <news-card loading="lazy" src=${fresh(FEED, { key })}></news-card>`,
      wrapper,
    );
    const lazy = wrapper.querySelectorAll('news-card')[1]!;
    await eagerLoaded;
    await frame();
    expect(lazy.state).to.equal('loading');
    expect((await stats(key)).requests).to.equal(0);
    const loaded = oneEvent(lazy, 'news-card-load');
    lazy.scrollIntoView();
    await loaded;
    expect((await stats(key)).requests).to.equal(1);
    window.scrollTo(0, 0);
  });

  it('watches every lazy card with one IntersectionObserver, and forgets removed cards', async () => {
    const Native = window.IntersectionObserver;
    let created = 0;
    window.IntersectionObserver = class extends Native {
      constructor(...args: ConstructorParameters<typeof IntersectionObserver>) {
        super(...args);
        created++;
      }
    };
    try {
      const wrapper = container();
      render(
        html`<div style="height: 300vh"></div>
          ${[1, 2, 3].map(() => html`<news-card loading="lazy" src=${fresh(FEED)}></news-card>`)}`,
        wrapper,
      );
      await wrapper.querySelector('news-card')!.updateComplete;
      expect(created).to.equal(1);
      expect(nearViewportWaiting()).to.equal(3);
      // Far from the viewport, so surely off screen: not watched for the shimmer (styling.test.ts) until near.
      expect(inViewportWatched()).to.equal(0);
      wrapper.remove();
      expect(nearViewportWaiting()).to.equal(0);
      expect(inViewportWatched()).to.equal(0);
    } finally {
      window.IntersectionObserver = Native;
    }
  });

  it('fetches at once when loading changes from lazy to eager', async () => {
    const wrapper = container();
    render(html`<div style="height: 300vh"></div><news-card loading="lazy" src=${fresh(FEED)}></news-card>`, wrapper);
    const card = wrapper.querySelector('news-card')!;
    await card.updateComplete;
    expect(card.state).to.equal('loading');
    const loaded = oneEvent(card, 'news-card-load');
    card.loading = 'eager';
    await loaded;
    expect(nearViewportWaiting()).to.equal(0);
  });
});
