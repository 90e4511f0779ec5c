// <comment-box> from the built script-tag loader (dist/lapa-widgets.min.js, made by
// `npm run build`), on a page the way a partner embeds it: the element's code arrives when
// its tag is added. Imports no sources: all it sees comes from dist/.
import { expect, waitUntil } from '@open-wc/testing';
import { BUNDLE } from '../support/bundle.js';

type Box = HTMLElement & { updateComplete: Promise<unknown> };

function loadBundle(): Promise<void> {
  const script = document.createElement('script');
  script.src = BUNDLE;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/lapa-widgets.min.js did not load: run npm run build first'));
    document.head.append(script);
  });
}

const shadowText = (box: Box, part: string) => box.shadowRoot!.querySelector(`[part~="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('comment-box from the script-tag bundle', () => {
  before(loadBundle);

  it('lists, and posts a comment to the reference server', async () => {
    const article = `bundle-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    await fetch('/__comments/seed', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ article, comments: [{ name: 'Ilze', text: 'No skripta' }] }),
    });
    const box = document.createElement('comment-box') as Box;
    box.setAttribute('src', `/api/articles/${article}/comments`);
    box.setAttribute('lang', 'lv');
    const loaded = new Promise((resolve) => box.addEventListener('comment-box-load', resolve, { once: true }));
    document.body.append(box);
    try {
      await loaded;
      await box.updateComplete;
      expect(shadowText(box, 'heading')).to.equal('1 komentārs');
      expect(shadowText(box, 'body')).to.equal('No skripta');
      const root = box.shadowRoot!;
      for (const [field, value] of Object.entries({ name: 'Jānis', email: 'janis@example.org', text: 'Arī no skripta' })) {
        const input = root.querySelector<HTMLInputElement>(`[name="${field}"]`)!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      }
      const posted = new Promise((resolve) => box.addEventListener('comment-box-posted', resolve, { once: true }));
      root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      await posted;
      await waitUntil(() => shadowText(box, 'heading') === '2 komentāri');
      const stored = await (await fetch(`/__comments/count?article=${article}`)).json();
      expect(stored.total).to.equal(2);
    } finally {
      box.remove();
    }
  });
});
