import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentBoxPostedEvent } from '../../src/internal/events.js';
import {
  activeElement,
  articleId,
  clearStorage,
  control,
  fill,
  mount,
  part,
  parts,
  requestLog,
  seed,
  srcFor,
  storedCount,
  submit,
  submitButton,
  text,
  type,
} from './helpers.js';

const IDENTITY = 'lapa-comment-box:identity';
const describedBy = (el: Element) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);

describe('comment-box: form', () => {
  beforeEach(clearStorage);

  it('with every error shown is accessible', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    await fill(el, { name: '', email: 'not-an-email', url: 'ftp://x', text: '' });
    submitButton(el).click();
    await el.updateComplete;
    expect(parts(el, 'field-error')).to.have.length(4);
    await expect(el).to.be.accessible();
  });

  it('on submit shows localised errors on each invalid field, wires aria and focuses the first; nothing is sent', async () => {
    const article = articleId();
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    await fill(el, { name: '', email: '', url: '', text: '   ' });
    submitButton(el).click();
    await waitUntil(() => activeElement(el) === control(el, 'name'), 'focus on the first invalid field');
    const errors = Object.fromEntries(parts(el, 'field-error').map((p) => [p.id, text(p)]));
    expect(errors).to.deep.equal({
      'name-error': 'Ierakstiet savu vārdu.',
      'email-error': 'Ierakstiet savu e-pasta adresi.',
      'text-error': 'Uzrakstiet komentāru.',
    });
    for (const field of ['name', 'email', 'text'] as const) {
      expect(control(el, field).getAttribute('aria-invalid')).to.equal('true');
      expect(describedBy(control(el, field))).to.include(`${field}-error`);
    }
    expect(control(el, 'url').getAttribute('aria-invalid')).to.equal('false');
    // The browser's own constraint validation agrees, in the page's language.
    expect(control(el, 'text').validationMessage).to.equal('Uzrakstiet komentāru.');
    expect((await requestLog(article)).requests.map((r) => r.method)).to.deep.equal(['GET']);
  });

  it('shows an error once a field was left, not before, and clears it as soon as it is fixed', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    await type(el, 'name', '');
    expect(parts(el, 'field-error').map((p) => p.id)).to.deep.equal(['name-error']);
    expect(control(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    const name = control(el, 'name');
    name.value = 'A';
    name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(parts(el, 'field-error')).to.have.length(0);
    expect(name.getAttribute('aria-invalid')).to.equal('false');
  });

  it('checks email and website the way comment servers do', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    await type(el, 'email', 'anna@localhost');
    expect(text(el.shadowRoot!.querySelector('#email-error'))).to.equal('Enter an email address like name@example.com.');
    await type(el, 'url', 'anna.example.org');
    // What people type for a website becomes a full address.
    expect(control(el, 'url').value).to.equal('https://anna.example.org');
    expect(el.shadowRoot!.querySelector('#url-error')).to.equal(null);
    await type(el, 'url', 'ftp://files.example.org');
    expect(text(el.shadowRoot!.querySelector('#url-error'))).to.equal('Enter a web address like https://example.com.');
  });

  it('marks required fields with an asterisk that is explained to screen readers, and notes the email is not published', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    const note = part(el, 'hint')!;
    expect(text(note)).to.equal('Required fields are marked *with an asterisk');
    expect(note.querySelector('[aria-hidden="true"]')!.textContent).to.equal('*');
    expect(note.querySelector('.sr-only')!.textContent).to.equal('with an asterisk');
    for (const field of ['name', 'email', 'text'] as const) {
      expect(control(el, field).required).to.equal(true);
      const label = el.shadowRoot!.querySelector(`label[for="f-${field}"]`)!;
      expect(label.querySelector('[aria-hidden="true"]')!.textContent).to.equal(' *');
    }
    expect(control(el, 'url').required).to.equal(false);
    const email = control(el, 'email');
    expect(describedBy(email)).to.deep.equal(['email-note']);
    expect(text(el.shadowRoot!.querySelector('#email-note'))).to.equal('Your email address will not be published.');
  });

  it('has a honeypot field that people never meet: off-screen, inert, out of the tab order', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    const honeypot = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="website2"]')!;
    expect(honeypot).to.exist;
    const wrapper = honeypot.closest<HTMLElement>('.hp')!;
    expect(wrapper.inert).to.equal(true);
    expect(honeypot.tabIndex).to.equal(-1);
    expect(honeypot.getBoundingClientRect().right).to.be.lessThan(0);
    honeypot.focus();
    expect(activeElement(el)).to.not.equal(honeypot);
    // Tabbing from the website field goes straight on, past it.
    control(el, 'url').focus();
    await sendKeys({ press: 'Tab' });
    expect(activeElement(el)).to.equal(control(el, 'text'));
    await sendKeys({ press: 'Tab' });
    expect(activeElement(el)).to.equal(part(el, 'checkbox'));
  });

  it('a filled honeypot is refused by the server and nothing is stored', async () => {
    const article = articleId();
    const el = await mount({ src: srcFor(article) });
    await fill(el);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="website2"]')!.value = 'http://spam.example';
    const event = await submit(el);
    expect(event.type).to.equal('comment-box-error');
    expect((event as unknown as { code: string }).code).to.equal('spam');
    expect(text(part(el, 'error'))).to.equal('The server took your comment for spam. Wait a few seconds and try again.');
    expect((await storedCount(article)).total).to.equal(0);
  });

  it('counts characters, announcing the count only near the limit', async () => {
    const el = await mount({ src: srcFor(articleId()), maxlength: '100' });
    let updates = 0;
    el.addController({ hostUpdated: () => updates++ });
    const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    await type(el, 'text', 'Short.');
    expect(text(part(el, 'counter'))).to.equal('6 / 100');
    expect(part(el, 'counter')!.getAttribute('aria-hidden')).to.equal('true');
    // The count is taken once typing pauses (an update of its own): far from the limit, it is not announced.
    const typed = updates;
    await waitUntil(() => updates > typed, 'the count was taken after the pause', { timeout: 5000 });
    await el.updateComplete;
    expect(text(live)).to.equal('');
    await type(el, 'text', 'x'.repeat(95));
    await waitUntil(() => text(live) === '5 characters left', 'the count is announced near the limit');
    await type(el, 'text', 'x'.repeat(103));
    await waitUntil(() => text(live) === 'Your comment is 3 characters too long.');
    submitButton(el).click();
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('#text-error'))).to.equal('Your comment is 3 characters too long.');
    expect(part(el, 'counter')!.classList.contains('over')).to.equal(true);
  });

  it('Reply moves the form under the comment with focus in it; Cancel brings it back and returns focus', async () => {
    const article = articleId();
    await seed(article, [{ name: 'Ilze', text: 'First' }, { name: 'Erik', text: 'Second' }]);
    const el = await mount({ src: srcFor(article) });
    const [first] = parts(el, 'item');
    const reply = part<HTMLButtonElement>(el, 'reply-button', first)!;
    expect(describedBy(reply).map((id) => text(el.shadowRoot!.getElementById(id)))).to.deep.equal(['Ilze']);
    reply.click();
    await waitUntil(() => activeElement(el) === control(el, 'text'), 'focus in the moved form');
    expect(part(el, 'form', first)).to.exist;
    expect(parts(el, 'form')).to.have.length(1);
    expect(text(part(el, 'form-heading'))).to.equal('Reply to \u2068Ilze\u2069');
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    await waitUntil(() => activeElement(el) === part(el, 'reply-button', parts(el, 'item')[0]), 'focus back on Reply');
    expect(part(el, 'form', parts(el, 'item')[0])).to.equal(null);
    expect(text(part(el, 'form-heading'))).to.equal('Leave a comment');
    expect(part(el, 'cancel-button')).to.equal(null);
  });

  it('Escape in the reply form cancels the reply', async () => {
    const article = articleId();
    await seed(article, [{ name: 'Ilze', text: 'First' }]);
    const el = await mount({ src: srcFor(article) });
    part<HTMLButtonElement>(el, 'reply-button')!.click();
    await waitUntil(() => activeElement(el) === control(el, 'text'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => activeElement(el) === part(el, 'reply-button'), 'focus back on Reply');
    expect(part(el, 'cancel-button')).to.equal(null);
  });

  it('posting a reply sends the parent id; the reply appears under its parent and the form goes back', async () => {
    const article = articleId();
    const [parentId] = await seed(article, [{ name: 'Ilze', text: 'First' }, { text: 'Second' }]);
    const el = await mount({ src: srcFor(article) });
    part<HTMLButtonElement>(el, 'reply-button', parts(el, 'item')[0])!.click();
    await el.updateComplete;
    await fill(el, { text: 'My reply' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.comment.parent).to.equal(parentId);
    const first = parts(el, 'item')[0]!;
    expect(parts(el, 'body', part(el, 'replies', first)!).map(text)).to.deep.equal(['My reply']);
    expect(part(el, 'form', first)).to.equal(null);
    expect(text(part(el, 'form-heading'))).to.equal('Leave a comment');
    const reloaded = await mount({ src: srcFor(article) });
    expect(parts(reloaded, 'body', part(reloaded, 'replies')!).map(text)).to.deep.equal(['My reply']);
  });

  describe('remembering the reader (localStorage, only with consent)', () => {
    // localStorage is shared with the other test files that run at the same time, so
    // every check reads it in the same task as the step it checks, and looks for this
    // test's own unique values.
    const unique = () => `Reader ${Math.random().toString(36).slice(2)}`;
    const stored = () => JSON.parse(localStorage.getItem(IDENTITY) ?? 'null') as { name: string; email: string; url: string } | null;

    it('stores name, email and website when the box is ticked and the comment accepted; a new form is filled in from them', async () => {
      const name = unique();
      const el = await mount({ src: srcFor(articleId()) });
      await fill(el, { name, email: 'ilze@example.org', url: 'https://ilze.example.org' });
      const checkbox = part<HTMLInputElement>(el, 'checkbox')!;
      checkbox.click();
      expect(checkbox.checked).to.equal(true);
      const posted = oneEvent(el, 'comment-box-posted');
      submitButton(el).click();
      await posted;
      expect(stored()).to.deep.equal({ name, email: 'ilze@example.org', url: 'https://ilze.example.org' });
      const other = document.createElement('comment-box');
      other.src = srcFor(articleId());
      const loaded = oneEvent(other, 'comment-box-load');
      el.after(other);
      await loaded;
      await other.updateComplete;
      expect([control(other, 'name').value, control(other, 'email').value, control(other, 'url').value]).to.deep.equal([name, 'ilze@example.org', 'https://ilze.example.org']);
      expect(part<HTMLInputElement>(other, 'checkbox')!.checked).to.equal(true);
      expect(control(other, 'text').value).to.equal('');
      other.remove();
      localStorage.removeItem(IDENTITY);
    });

    it('stores nothing when the box is not ticked', async () => {
      const name = unique();
      const el = await mount({ src: srcFor(articleId()) });
      await fill(el, { name });
      const checkbox = part<HTMLInputElement>(el, 'checkbox')!;
      if (checkbox.checked) checkbox.click();
      const posted = oneEvent(el, 'comment-box-posted');
      submitButton(el).click();
      await posted;
      expect(stored()?.name).to.not.equal(name);
      expect(JSON.stringify({ ...localStorage })).to.not.contain(name);
    });

    it('unticking the box forgets the stored details at once', async () => {
      localStorage.setItem(IDENTITY, JSON.stringify({ name: unique(), email: 'x@example.org', url: '' }));
      const el = await mount({ src: srcFor(articleId()) });
      const checkbox = part<HTMLInputElement>(el, 'checkbox')!;
      expect(checkbox.checked).to.equal(true);
      checkbox.click();
      expect(localStorage.getItem(IDENTITY)).to.equal(null);
    });
  });

  it('is labelled in the reader’s language, including the consent box', async () => {
    const el = await mount({ src: srcFor(articleId()), lang: 'ka' });
    expect(text(part(el, 'form-heading'))).to.equal('დატოვეთ კომენტარი');
    expect(text(part(el, 'consent'))).to.equal('შეინახე ჩემი სახელი, ელფოსტა და ვებსაიტი ამ ბრაუზერში შემდეგი კომენტარისთვის.');
    expect(text(submitButton(el))).to.equal('გამოქვეყნება');
  });
});
