import { expect, html, waitUntil } from '@open-wc/testing';
import { EMPTY, FEED, WP_POST, fresh, mount, part, settle } from './helpers.js';

describe('<news-card> accessibility', () => {
  it('is accessible as a loaded card', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    expect(card.state).to.equal('loaded');
    await expect(card).to.be.accessible();
  });

  it('is accessible as a full WordPress article at another heading level', async () => {
    const { card } = await settle(html`<news-card variant="full" heading-level="3" src=${fresh(WP_POST)}></news-card>`);
    expect(part(card, 'body')).to.exist;
    await expect(card).to.be.accessible();
  });

  it('is accessible in dark colours', async () => {
    const { card } = await settle(html`<news-card theme="dark" src=${fresh(FEED)}></news-card>`);
    await expect(card).to.be.accessible();
  });

  it('is accessible while loading', async () => {
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    expect(card.state).to.equal('loading');
    await expect(card).to.be.accessible();
  });

  it('is accessible when the feed is empty', async () => {
    const card = await mount(html`<news-card src=${fresh(EMPTY)}></news-card>`);
    await waitUntil(() => card.state === 'empty', 'the empty state');
    await expect(card).to.be.accessible();
  });

  it('is accessible in the error state, with its fallback link', async () => {
    const { card } = await settle(html`<news-card src=${fresh('/__news/status/404')}><a href="/article">Read the article</a></news-card>`);
    expect(card.state).to.equal('error');
    await expect(card).to.be.accessible();
  });

  it('is accessible before it has a src, showing its children', async () => {
    const card = await mount(html`<news-card><a href="/article">Read the article</a></news-card>`);
    expect(card.state).to.equal('initial');
    await expect(card).to.be.accessible();
  });
});
