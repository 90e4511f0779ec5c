import { sendKeys } from '@web/test-runner-commands';
import { expect, waitUntil } from '@open-wc/testing';
import type { CommentBoxErrorEvent, CommentBoxPostedEvent } from '../../src/internal/events.js';
import {
  activeElement,
  articleId,
  clearStorage,
  control,
  fill,
  mount,
  part,
  parts,
  planFaults,
  remount,
  requestLog,
  seed,
  srcFor,
  storedCount,
  submit,
  text,
} from './helpers.js';

const values = (el: Parameters<typeof control>[0]) => (['name', 'email', 'url', 'text'] as const).map((f) => control(el, f).value);

describe('comment-box: drafts (nothing typed is lost)', () => {
  beforeEach(clearStorage);

  it('the whole draft, reply target included, comes back when the element is created again', async () => {
    const article = articleId();
    await seed(article, [{ name: 'Ilze', text: 'First' }]);
    const el = await mount({ src: srcFor(article) });
    part<HTMLButtonElement>(el, 'reply-button')!.click();
    await el.updateComplete;
    await fill(el, { name: 'Jānis', email: 'janis@example.org', url: 'https://janis.example.org', text: 'Half a thought\nand a second line' });

    const again = await remount(el);
    expect(values(again)).to.deep.equal(['Jānis', 'janis@example.org', 'https://janis.example.org', 'Half a thought\nand a second line']);
    expect(part(again, 'form', parts(again, 'item')[0])).to.exist;
    expect(text(part(again, 'form-heading'))).to.equal('Reply to \u2068Ilze\u2069');
  });

  it('is kept through a failed send and a reload, and cleared only once the server accepted it', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'POST', mode: '500' }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el, { name: 'Erik', text: 'Persistent' });
    expect(((await submit(el)) as CommentBoxErrorEvent).status).to.equal(500);

    const reloaded = await remount(el);
    expect(values(reloaded)).to.deep.equal(['Erik', 'anna@example.org', '', 'Persistent']);
    expect(((await submit(reloaded)) as CommentBoxPostedEvent).status).to.equal('approved');

    const after = await remount(reloaded);
    expect(control(after, 'text').value).to.equal('');
    // Without consent, nothing of the reader stays across the reload either.
    expect(control(after, 'name').value).to.not.equal('Erik');
    expect(parts(after, 'body').map(text)).to.deep.equal(['Persistent']);
  });

  it('is kept per article', async () => {
    const a = articleId();
    const b = articleId();
    const el = await mount({ src: srcFor(a) });
    await fill(el, { text: 'About article A' });
    const other = await mount({ src: srcFor(b) });
    expect(control(other, 'text').value).to.equal('');
    el.src = srcFor(b);
    await waitUntil(() => control(el, 'text')?.value === '', 'switching article shows its own (empty) draft');
    el.src = srcFor(a);
    await waitUntil(() => control(el, 'text')?.value === 'About article A', 'and back');
  });

  it('a send whose answer was lost, retried after a reload, is stored once (the key is part of the draft)', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'POST', mode: 'drop-after-store' }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el, { text: 'Sent before the reload' });
    expect(((await submit(el)) as CommentBoxErrorEvent).kind).to.equal('network');

    const reloaded = await remount(el);
    expect(control(reloaded, 'text').value).to.equal('Sent before the reload');
    expect(((await submit(reloaded)) as CommentBoxPostedEvent).status).to.equal('approved');
    expect((await storedCount(article)).total).to.equal(1);
    const keys = (await requestLog(article)).requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey);
    expect(new Set(keys).size).to.equal(1);
    expect(activeElement(reloaded)).to.equal(parts(reloaded, 'comment')[0]);
  });

  it('an edited draft is a new comment: it gets a new key', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'POST', mode: '500' }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el, { text: 'First version' });
    await submit(el);
    await fill(el, { text: 'Second version' });
    await submit(el);
    const keys = (await requestLog(article)).requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });
});

describe('comment-box: typing with the keyboard', () => {
  beforeEach(clearStorage);

  it('keeps every character typed, repeated letters and spaces included, in every field', async () => {
    const article = articleId();
    await seed(article);
    const el = await mount({ src: srcFor(article), lang: 'ka' });
    const typed = {
      name: 'ნინო  ბერიძე',
      email: 'nino@example.org',
      text: 'ძალიან კარგი ინიციატივაა! Kur tieši kafejnīca atrodas?  Oooo... aa bb',
    } as const;
    for (const [field, value] of Object.entries(typed) as [keyof typeof typed, string][]) {
      control(el, field).focus();
      await sendKeys({ type: value });
      expect(control(el, field).value, field).to.equal(value);
    }
  });
});
