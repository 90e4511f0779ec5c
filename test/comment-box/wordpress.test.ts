import { expect, oneEvent } from '@open-wc/testing';
import type { CommentBoxErrorEvent, CommentBoxPostedEvent } from '../../src/internal/events.js';
import { clearStorage, control, fill, mount, part, parts, submit, text, wpSite } from './helpers.js';
import type { CommentBoxElement, WpSite } from './helpers.js';

const recorded = async (name: string) => (await fetch(`/test/fixtures/comments/wordpress/${name}`)).json();

const mountWp = (site: WpSite, attributes: Record<string, string> = {}) => mount({ api: 'wordpress', src: site.src, ...attributes });

async function requests(site: WpSite, method = 'GET') {
  return (await site.log()).requests.filter((r) => r.method === method);
}

describe('comment-box: WordPress REST API', () => {
  beforeEach(clearStorage);

  it('lists a recorded thread accessibly: sanitised HTML bodies, UTC dates, no gravatars', async () => {
    const [reply, parent] = await recorded('17-comments-after.json');
    const site = await wpSite({
      comments: [
        { name: parent.author_name, rendered: parent.content.rendered, date: parent.date_gmt },
        { name: reply.author_name, rendered: reply.content.rendered, date: reply.date_gmt, replyTo: 0 },
      ],
    });
    const el = await mountWp(site, { lang: 'lv' });
    await expect(el).to.be.accessible();
    expect(text(part(el, 'heading'))).to.equal('2 komentāri');
    const [first, second] = parts(el, 'comment');
    expect(text(part(el, 'author', first))).to.equal('Anna Bērziņa');
    expect(part<HTMLTimeElement>(el, 'date', first)!.dateTime).to.equal('2026-11-26T17:39:31.000Z');
    expect(part(el, 'replies')!.contains(second!)).to.equal(true);
    const body = part(el, 'body', second)!;
    expect(body.querySelector('strong')!.textContent).to.equal('rokasgrāmata');
    const link = body.querySelector('a')!;
    expect(link.protocol).to.equal('http:');
    expect(link.rel).to.equal('nofollow ugc noopener noreferrer');
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.contain('gravatar');
  });

  it('drops what the sanitiser does not allow in a comment', async () => {
    const site = await wpSite({
      comments: [{ rendered: '<p>ok <img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a><iframe src="//evil.example"></iframe><script>alert(1)</script></p>' }],
    });
    const el = await mountWp(site);
    const body = part(el, 'body')!;
    expect(body.querySelector('img, iframe, script')).to.equal(null);
    expect(body.querySelector('a')!.hasAttribute('href')).to.equal(false);
    expect(text(body)).to.equal('ok x');
  });

  it('pages threads with parent=0 and fetches their replies level by level, so no thread is cut', async () => {
    const site = await wpSite({
      comments: [
        { text: 't1' },
        { text: 't2' },
        { text: 't1 r1', replyTo: 0 },
        { text: 't1 r1 r1', replyTo: 2 },
        { text: 't2 r1', replyTo: 1 },
        { text: 't1 r2', replyTo: 0 },
      ],
    });
    const el = await mountWp(site, { 'page-size': '1' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['t1', 't1 r1', 't1 r1 r1', 't1 r2']);
    expect(text(part(el, 'heading'))).to.equal('6 comments');
    const threads = (await requests(site)).filter((r) => r.query.parent === '0');
    expect(threads.map((r) => [r.query.page, r.query.per_page, r.query.order])).to.deep.equal([['1', '1', 'asc']]);

    const more = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'load-more')!.click();
    await more;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['t1', 't1 r1', 't1 r1 r1', 't1 r2', 't2', 't2 r1']);
    expect(part(el, 'load-more')).to.equal(null);
    const replies = (await requests(site)).filter((r) => r.query.parent && r.query.parent !== '0');
    expect(replies.every((r) => r.query.per_page === '100' && r.query.order === 'asc')).to.equal(true);
  });

  it('asks for newest threads first with order="newest"', async () => {
    const site = await wpSite({ comments: [{ text: 'older' }, { text: 'newer' }] });
    const el = await mountWp(site, { order: 'newest' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['newer', 'older']);
    expect((await requests(site)).find((r) => r.query.parent === '0')!.query.order).to.equal('desc');
  });

  it('works with the ?rest_route= form of sites without pretty permalinks', async () => {
    const site = await wpSite({ comments: [{ text: 'plain permalinks' }], commentStatus: 'closed' });
    const el = await mount({ api: 'wordpress', src: `${site.base}/?rest_route=/wp/v2/comments&post=5` });
    expect(parts(el, 'body').map(text)).to.deep.equal(['plain permalinks']);
    expect(text(part(el, 'notice'))).to.equal('Comments are closed.');
    expect((await requests(site)).map((r) => r.route)).to.include('/wp/v2/posts/5');
  });

  it('reads comment_status from the post (or the page) and shows a notice when closed', async () => {
    const closed = await mountWp(await wpSite({ commentStatus: 'closed' }), { lang: 'sv' });
    expect(text(part(closed, 'notice'))).to.equal('Kommentarerna är stängda.');
    expect(part(closed, 'form')).to.equal(null);
    await expect(closed).to.be.accessible();
    const page = await wpSite({ postType: 'pages' });
    const onPage = await mountWp(page);
    expect(part(onPage, 'form')).to.exist;
    expect((await requests(page)).map((r) => r.route)).to.include.members(['/wp/v2/posts/5', '/wp/v2/pages/5']);
  });

  it('posts JSON with only Content-Type (no custom header); an approved comment appears', async () => {
    const site = await wpSite({ comments: [{ text: 'before' }] });
    const el = await mountWp(site);
    await fill(el, { name: 'Ilze', email: 'ilze@example.org', url: 'https://ilze.example.org', text: 'Sveiki!\nOtrā rinda' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.status).to.equal('approved');
    expect(parts(el, 'body').map(text)).to.deep.equal(['before', 'Sveiki! Otrā rinda']);
    expect(text(part(el, 'heading'))).to.equal('2 comments');
    const [post] = await requests(site, 'POST');
    expect((post as unknown as { body: unknown }).body).to.deep.equal({
      post: 5,
      parent: 0,
      author_name: 'Ilze',
      author_email: 'ilze@example.org',
      author_url: 'https://ilze.example.org',
      content: 'Sveiki!\nOtrā rinda',
    });
    expect(post!.headers['content-type']).to.equal('application/json');
    expect(Object.keys(post!.headers).filter((h) => /^x-|idempotency/i.test(h))).to.deep.equal([]);
    expect(post!.headers.cookie).to.equal(undefined);
  });

  it('a reply sends the parent id', async () => {
    const site = await wpSite({ comments: [{ text: 'parent' }] });
    const el = await mountWp(site);
    part<HTMLButtonElement>(el, 'reply-button')!.click();
    await el.updateComplete;
    await fill(el, { text: 'child' });
    await submit(el);
    const [post] = await requests(site, 'POST');
    expect((post as unknown as { body: { parent: number } }).body.parent).to.equal(7);
    expect(parts(el, 'body', part(el, 'replies')!).map(text)).to.deep.equal(['child']);
  });

  it('a held comment ("hold") is shown to its author as awaiting moderation', async () => {
    const site = await wpSite({ moderation: 'hold' });
    const el = await mountWp(site, { lang: 'lv' });
    await fill(el, { text: 'Apsveicu visus partnerus!' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.status).to.equal('pending');
    expect(text(part(el, 'moderation'))).to.equal('Jūsu komentārs gaida moderatora apstiprinājumu.');
    expect(text(part(el, 'heading'))).to.equal('0 komentāru');
  });

  it('refuses a filled honeypot itself, sending nothing', async () => {
    const site = await wpSite();
    const el = await mountWp(site);
    await fill(el);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="website2"]')!.value = 'bot';
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect(event.code).to.equal('honeypot');
    expect(await requests(site, 'POST')).to.have.length(0);
  });

  describe('maps every recorded WordPress error to a localised message', () => {
    async function failWith(site: WpSite, lang: string, values = {}): Promise<[CommentBoxElement, CommentBoxErrorEvent]> {
      const el = await mountWp(site, { lang });
      await fill(el, values);
      const event = (await submit(el)) as CommentBoxErrorEvent;
      expect(event.type).to.equal('comment-box-error');
      return [el, event];
    }
    const fieldError = (el: CommentBoxElement, field: string) => text(el.shadowRoot!.querySelector(`#${field}-error`));

    it('409 comment_duplicate: already posted', async () => {
      const site = await wpSite({ comments: [{ name: 'Anna Bērziņa', email: 'anna@example.org', text: 'Tas pats' }] });
      const [el, event] = await failWith(site, 'lv', { text: 'Tas pats' });
      expect([event.status, event.code]).to.deep.equal([409, 'comment_duplicate']);
      expect(text(part(el, 'error'))).to.equal('Šāds komentārs jau ir publicēts.');
    });

    it('400 comment_flood: too fast', async () => {
      const site = await wpSite({ flood: true });
      const el = await mountWp(site, { lang: 'sv' });
      await fill(el);
      await submit(el);
      await fill(el);
      const event = (await submit(el)) as CommentBoxErrorEvent;
      expect([event.status, event.code]).to.deep.equal([400, 'comment_flood']);
      expect(text(part(el, 'error'))).to.equal('Du kommenterar för snabbt. Vänta en stund och försök igen.');
    });

    it('400 rest_comment_author_data_required: on the email field', async () => {
      const [el, event] = await failWith(await wpSite({ faults: [{ method: 'POST', mode: 'error', code: 'rest_comment_author_data_required' }] }), 'lv');
      expect(event.code).to.equal('rest_comment_author_data_required');
      expect(fieldError(el, 'email')).to.equal('Ierakstiet e-pasta adresi, piemēram, vards@example.com.');
      expect(control(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    });

    it('400 rest_invalid_param (author_email): on the email field', async () => {
      const [el, event] = await failWith(await wpSite({ faults: [{ method: 'POST', mode: 'error', code: 'rest_invalid_param' }] }), 'en');
      expect(event.code).to.equal('rest_invalid_param');
      expect(fieldError(el, 'email')).to.equal('Enter an email address like name@example.com.');
    });

    it('400 rest_comment_content_invalid: on the comment field', async () => {
      const [el, event] = await failWith(await wpSite({ faults: [{ method: 'POST', mode: 'error', code: 'rest_comment_content_invalid' }] }), 'ka');
      expect(event.code).to.equal('rest_comment_content_invalid');
      expect(fieldError(el, 'text')).to.equal('საიტმა ეს ტექსტი არ მიიღო.');
    });

    it('403 rest_comment_invalid_post_id: comments closed', async () => {
      // The post does not exist on the site: no comment_status to read, the POST tells.
      const site = await wpSite();
      const el = await mount({ api: 'wordpress', src: site.src.replace('post=5', 'post=99'), lang: 'lv' });
      await fill(el);
      const event = (await submit(el)) as CommentBoxErrorEvent;
      expect([event.kind, event.status, event.code]).to.deep.equal(['closed', 403, 'rest_comment_invalid_post_id']);
      expect(text(part(el, 'notice'))).to.equal('Komentēšana ir slēgta.');
      expect(part(el, 'form')).to.equal(null);
    });

    it('403 rest_comment_closed (closed since the page loaded): comments closed', async () => {
      const [el, event] = await failWith(await wpSite({ faults: [{ method: 'POST', mode: 'error', code: 'rest_comment_closed' }] }), 'en');
      expect(event.kind).to.equal('closed');
      expect(text(part(el, 'notice'))).to.equal('Comments are closed.');
    });

    it('401 rest_comment_login_required (a stock WordPress): log in to comment', async () => {
      const [el, event] = await failWith(await wpSite({ anonymous: false }), 'lv');
      expect([event.status, event.code]).to.deep.equal([401, 'rest_comment_login_required']);
      expect(text(part(el, 'error'))).to.equal('Lai komentētu, piesakieties šajā vietnē.');
    });

    it('500: a server error, the comment kept', async () => {
      const [el, event] = await failWith(await wpSite({ faults: [{ method: 'POST', mode: '500' }] }), 'en', { text: 'Keep me' });
      expect([event.kind, event.status]).to.deep.equal(['http', 500]);
      expect(text(part(el, 'error'))).to.equal('Something went wrong on the server. Your comment is kept here, send it again.');
      expect(control(el, 'text').value).to.equal('Keep me');
    });
  });

  it('409 duplicate answering a retry of the same text means "already received", not an error', async () => {
    // The comment is stored but the answer breaks off.
    const site = await wpSite({ faults: [{ method: 'POST', mode: 'drop-after-store' }] });
    const el = await mountWp(site);
    await fill(el, { text: 'Did it arrive?' });
    expect(((await submit(el)) as CommentBoxErrorEvent).kind).to.equal('network');
    const reloaded = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'submit')!.click();
    await reloaded;
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('We had already received this comment.');
    expect(part(el, 'error')).to.equal(null);
    expect(control(el, 'text').value).to.equal('');
    expect(parts(el, 'body').map(text)).to.deep.equal(['Did it arrive?']);
    expect((await site.log()).comments).to.have.length(1);
  });
});
