// RSS and Atom through the built script-tag bundle (dist/lapa-widgets.min.js, `npm run build`):
// one classic script, so the XML mapper the npm entries load with import() is inlined in it,
// and must work there. This file imports no sources.
import { expect } from '@open-wc/testing';
import { loadBundle } from '../support/bundle.js';

async function render(src: string, event: string): Promise<HTMLElement> {
  const card = document.createElement('news-card');
  card.setAttribute('src', `${src}${src.includes('?') ? '&' : '?'}bundle=${Math.random()}`);
  const done = new Promise<Event>((resolve) => card.addEventListener(event, resolve, { once: true }));
  document.body.append(card);
  await done;
  await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return card;
}

describe('the script-tag bundle with RSS and Atom', () => {
  before(async () => {
    expect(await loadBundle()).to.deep.equal([]);
  });

  for (const [format, src] of [
    ['RSS', '/__feeds/fixtures/wordpress-feeds/rss.xml'],
    ['Atom', '/__feeds/fixtures/wordpress-feeds/atom.xml'],
  ]) {
    it(`renders a news card from the recorded WordPress ${format} feed`, async () => {
      const card = await render(src, 'news-card-load');
      try {
        expect(card.shadowRoot!.querySelector('[part~="title"]')?.textContent?.trim()).to.equal('Administratora HTML ar <script> un “onerror”');
      } finally {
        card.remove();
      }
    });
  }

  it('shows not-xml for an entity bomb and fires news-card-empty for an empty feed', async () => {
    const bomb = await render('/__feeds/billion-laughs', 'news-card-error');
    const empty = await render('/__feeds/empty', 'news-card-empty');
    try {
      expect(bomb.shadowRoot!.querySelector('[part~="error"]')?.textContent).to.contain('looks like a news feed (RSS or Atom) but cannot be read');
      expect(empty.shadowRoot!.querySelector('[part~="empty"]')).to.exist;
    } finally {
      bomb.remove();
      empty.remove();
    }
  });
});
