import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CommentBoxLoadEvent } from '../../src/internal/events.js';
import { articleId, control, mount, part, parts, requestLog, seed, srcFor, text, type } from './helpers.js';

describe('comment-box: listing (our protocol)', () => {
  it('is accessible with a threaded list and the form', async () => {
    const article = articleId();
    await seed(article, [{ name: 'Ilze', text: 'First' }, { name: 'Jānis', text: 'A reply', replyTo: 0 }, { name: 'Anna', text: 'Second' }]);
    const el = await mount({ src: srcFor(article) });
    await expect(el).to.be.accessible();
  });

  it('lists approved comments oldest first with author, a localised date in <time> and the text', async () => {
    const article = articleId();
    await seed(article, [
      { name: 'Ilze Bērziņa', text: 'Pirmais', date: '2026-03-01T09:30:00.000Z' },
      { name: 'Erik', text: 'Second', date: '2026-03-02T10:00:00.000Z' },
      { name: 'Hidden', text: 'Held', status: 'pending', date: '2026-03-03T10:00:00.000Z' },
    ]);
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    const comments = parts(el, 'comment');
    expect(comments.map((c) => text(part(el, 'author', c)))).to.deep.equal(['Ilze Bērziņa', 'Erik']);
    expect(text(part(el, 'body', comments[0]))).to.equal('Pirmais');
    const time = part<HTMLTimeElement>(el, 'date', comments[0])!;
    expect(time.localName).to.equal('time');
    expect(time.dateTime).to.equal('2026-03-01T09:30:00.000Z');
    expect(text(time)).to.match(/2026\. gada 1\. marts/);
  });

  it('shows the count in the heading with the language’s plural forms', async () => {
    const article = articleId();
    await seed(article, [{}, {}, {}]);
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    expect(text(part(el, 'heading'))).to.equal('3 komentāri');
    // The language follows the attribute (a MutationObserver), without fetching again.
    el.lang = 'sv';
    await waitUntil(() => text(part(el, 'heading')) === '3 kommentarer', 'the heading follows lang="sv"');
    el.lang = 'en';
    await waitUntil(() => text(part(el, 'heading')) === '3 comments', 'the heading follows lang="en"');
    expect((await requestLog(article)).requests).to.have.length(1);
  });

  it('uses the Latvian zero form for 0, 10 and 11–19 and the singular for 21', async () => {
    const empty = await mount({ src: srcFor(articleId()), lang: 'lv' });
    expect(text(part(empty, 'heading'))).to.equal('0 komentāru');
    const article = articleId();
    await seed(article, Array.from({ length: 11 }, () => ({})));
    const eleven = await mount({ src: srcFor(article), lang: 'lv', 'page-size': '2' });
    expect(text(part(eleven, 'heading'))).to.equal('11 komentāru');
  });

  it('shows "No comments yet" when the article has none', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    expect(text(part(el, 'empty'))).to.equal('No comments yet.');
    expect(part(el, 'list')).to.equal(null);
    expect(part(el, 'form')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('asks for newest first with order="newest" and shows the threads in that order, replies still oldest first', async () => {
    const article = articleId();
    await seed(article, [{ text: 'old thread' }, { text: 'new thread' }, { text: 'reply 1', replyTo: 0 }, { text: 'reply 2', replyTo: 0 }]);
    const el = await mount({ src: srcFor(article), order: 'newest' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['new thread', 'old thread', 'reply 1', 'reply 2']);
    const { requests } = await requestLog(article);
    expect(new URL(requests[0]!.url, location.href).searchParams.get('order')).to.equal('newest');
  });

  it('nests replies and lines up replies deeper than max-depth at the last level, without Reply there', async () => {
    const article = articleId();
    // A chain of five: each replies to the previous.
    await seed(article, [{ text: 'd1' }, { text: 'd2', replyTo: 0 }, { text: 'd3', replyTo: 1 }, { text: 'd4', replyTo: 2 }, { text: 'd5', replyTo: 3 }]);
    const el = await mount({ src: srcFor(article), 'max-depth': '3' });
    const depthOf = (body: string) => {
      const comment = parts(el, 'comment').find((c) => text(part(el, 'body', c)) === body)!;
      let depth = 0;
      for (let n: Element | null = comment; n; n = n.parentElement) if (n.localName === 'ol') depth++;
      return depth;
    };
    expect(['d1', 'd2', 'd3', 'd4', 'd5'].map(depthOf)).to.deep.equal([1, 2, 3, 3, 3]);
    const replyable = parts(el, 'comment').filter((c) => part(el, 'reply-button', c)).map((c) => text(part(el, 'body', c)));
    expect(replyable).to.deep.equal(['d1', 'd2']);
  });

  it('loads more threads with their replies; a thread is never cut across pages', async () => {
    const article = articleId();
    await seed(article, [
      { text: 't1' },
      { text: 't1 r1', replyTo: 0 },
      { text: 't2' },
      { text: 't2 r1', replyTo: 2 },
      { text: 't2 r2', replyTo: 2 },
      { text: 't2 r1 r1', replyTo: 3 },
      { text: 't3' },
    ]);
    const el = await mount({ src: srcFor(article), 'page-size': '1' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['t1', 't1 r1']);
    expect(text(part(el, 'heading'))).to.equal('7 comments');

    const more = oneEvent(el, 'comment-box-load') as Promise<CommentBoxLoadEvent>;
    part<HTMLButtonElement>(el, 'load-more')!.click();
    const event = await more;
    await el.updateComplete;
    expect(event.comments.map((c) => c.text)).to.deep.equal(['t2', 't2 r1', 't2 r1 r1', 't2 r2']);
    expect(parts(el, 'body').map(text)).to.deep.equal(['t1', 't1 r1', 't2', 't2 r1', 't2 r1 r1', 't2 r2']);
    // Focus goes to the first comment that arrived, so keyboard and screen reader users carry on reading there.
    expect(text(part(el, 'body', el.shadowRoot!.activeElement!))).to.equal('t2');

    part<HTMLButtonElement>(el, 'load-more')!.click();
    await oneEvent(el, 'comment-box-load');
    await el.updateComplete;
    expect(parts(el, 'body').map(text).at(-1)).to.equal('t3');
    expect(part(el, 'load-more')).to.equal(null);
    // Page after page, each request is the `next` link of the page before, as the server wrote it.
    const gets = (await requestLog(article)).requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url, location.href));
    expect(gets).to.have.length(3);
    for (let i = 1; i < gets.length; i++) {
      const previous = (await (await fetch(gets[i - 1]!.href)).json()) as { next: string | null };
      expect(new URL(previous.next!, location.href).search, `request ${i + 1}`).to.equal(gets[i]!.search);
    }
  });

  it('shows a huge page 500 comments at a time, the rest on "Show more comments" without a request', async () => {
    // A page holds whole threads: one thread with 1,200 replies is one page of 1,201.
    const article = articleId();
    await seed(article, [{ text: 'root' }, ...Array.from({ length: 1200 }, (_, i) => ({ text: `reply ${i + 1}`, replyTo: 0 }))]);
    const el = await mount({ src: srcFor(article) });
    expect(parts(el, 'comment').length).to.equal(500);
    expect(text(part(el, 'heading'))).to.equal('1,201 comments');

    part<HTMLButtonElement>(el, 'load-more')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(parts(el, 'comment').length).to.equal(1000);
    // Reading goes on where the newly shown comments start.
    expect(text(part(el, 'body', el.shadowRoot!.activeElement!))).to.equal('reply 500');

    part<HTMLButtonElement>(el, 'load-more')!.click();
    await el.updateComplete;
    expect(parts(el, 'comment').length).to.equal(1201);
    expect(part(el, 'load-more')).to.equal(null);
    const { requests } = await requestLog(article);
    expect(requests.filter((r) => r.method === 'GET')).to.have.length(1);
  });

  it('typing in the form changes nothing in a long list, with the form at the end or under a comment', async () => {
    const article = articleId();
    await seed(article, [{ text: 'root' }, ...Array.from({ length: 999 }, (_, i) => ({ text: `reply ${i + 1}`, replyTo: 0 }))]);
    const el = await mount({ src: srcFor(article) });
    const outside: Node[] = [];
    const note = (records: MutationRecord[]) => {
      const form = part(el, 'form')!.parentElement!;
      outside.push(...records.map((r) => r.target).filter((target) => !form.contains(target)));
    };
    const observer = new MutationObserver(note);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    const typing = async () => {
      for (const value of ['T', 'Ty', 'Typ', 'Typing']) await type(el, 'text', value);
      note(observer.takeRecords());
    };
    await typing();
    expect(outside, 'the form at the end').to.deep.equal([]);
    part<HTMLButtonElement>(el, 'reply-button')!.click();
    await el.updateComplete;
    // Moving the form re-renders the list; typing after that must not.
    observer.takeRecords();
    outside.length = 0;
    await typing();
    expect(outside, 'the form under the first comment').to.deep.equal([]);
    expect(part(el, 'form')!.closest('li')!.querySelector('[part=body]')!.textContent).to.equal('root');
    expect(control(el, 'text').value).to.equal('Typing');
    observer.disconnect();
  });

  it('keeps line breaks and makes web addresses into nofollow links; the rest stays text', async () => {
    const article = articleId();
    await seed(article, [{ text: 'Line one\nSee https://example.org/a_(b). <b>not bold</b>\njavascript:alert(1) www.example.com!' }]);
    const el = await mount({ src: srcFor(article) });
    const body = part(el, 'body')!;
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-line');
    expect(body.querySelector('b')).to.equal(null);
    expect(body.textContent).to.contain('<b>not bold</b>');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.org/a_(b)', 'https://www.example.com/']);
    expect(links.map((a) => a.textContent)).to.deep.equal(['https://example.org/a_(b)', 'www.example.com']);
    for (const a of links) expect(a.rel).to.equal('nofollow ugc noopener noreferrer');
    expect(body.textContent).to.equal('Line one\nSee https://example.org/a_(b). <b>not bold</b>\njavascript:alert(1) www.example.com!');
  });

  it('links an author with a website (rel nofollow ugc) and shows initials, never an image', async () => {
    const article = articleId();
    await seed(article, [{ name: 'Anna Lindqvist', url: 'https://anna.example.org/' }, { name: 'Jānis' }]);
    const el = await mount({ src: srcFor(article) });
    const [anna, janis] = parts(el, 'author');
    expect(anna!.localName).to.equal('a');
    expect((anna as HTMLAnchorElement).href).to.equal('https://anna.example.org/');
    expect((anna as HTMLAnchorElement).rel).to.equal('nofollow ugc noopener noreferrer');
    expect(janis!.localName).to.equal('span');
    expect(parts(el, 'avatar').map(text)).to.deep.equal(['AL', 'J']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('keeps Georgian initials in Mkhedruli (capitals, Mtavruli, are missing from most fonts)', async () => {
    const article = articleId();
    await seed(article, [{ name: 'ნინო ბერიძე' }, { name: 'élodie duval' }]);
    const el = await mount({ src: srcFor(article) });
    expect(parts(el, 'avatar').map(text)).to.deep.equal(['ნბ', 'ÉD']);
  });

  it('fires comment-box-load with the page’s comments and the total', async () => {
    const article = articleId();
    await seed(article, [{ text: 'a' }, { text: 'b', replyTo: 0 }]);
    const el = document.createElement('comment-box');
    el.src = srcFor(article);
    const loaded = oneEvent(el, 'comment-box-load') as Promise<CommentBoxLoadEvent>;
    document.body.append(el);
    try {
      const event = await loaded;
      expect(event.total).to.equal(2);
      expect(event.comments.map((c) => [c.text, c.parent === null])).to.deep.equal([
        ['a', true],
        ['b', false],
      ]);
      expect(event.bubbles && event.composed).to.equal(true);
    } finally {
      el.remove();
    }
  });

  it('reloads when src changes, showing the other article', async () => {
    const a = articleId();
    const b = articleId();
    await seed(a, [{ text: 'from a' }]);
    await seed(b, [{ text: 'from b' }]);
    const el = await mount({ src: srcFor(a) });
    expect(parts(el, 'body').map(text)).to.deep.equal(['from a']);
    const loaded = oneEvent(el, 'comment-box-load');
    el.src = srcFor(b);
    await loaded;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['from b']);
  });

  it('shows comments given as a property, read-only, without fetching', async () => {
    const el = await mount(
      {},
      {
        comments: [
          { id: 'x1', parent: null, author: { name: 'Eve', url: 'javascript:alert(1)' }, text: 'Given', date: '2026-01-02T03:04:05.000Z' },
          { id: 'x2', parent: 'x1', author: { name: 'Bob' }, text: '<p>html <em>kept</em><script>alert(1)</script></p>', html: true, date: '2026-01-02T04:04:05.000Z' },
        ],
      },
      false,
    );
    expect(parts(el, 'body').map(text)).to.deep.equal(['Given', 'html kept']);
    expect(part(el, 'author')!.localName).to.equal('span');
    expect(el.shadowRoot!.querySelector('script')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="body"] em')).to.exist;
    expect(part(el, 'form')).to.equal(null);
    expect(part(el, 'reply-button')).to.equal(null);
    expect(text(part(el, 'heading'))).to.equal('2 comments');
  });

  it('takes any string from a *-label attribute and plural ones from the messages property', async () => {
    const el = await mount(
      { src: srcFor(articleId()), 'empty-label': 'Be the first!', 'submit-label': 'Send' },
      { messages: { count: { one: '{n} reply', other: '{n} replies' } } },
    );
    expect(text(part(el, 'empty'))).to.equal('Be the first!');
    expect(text(part(el, 'submit'))).to.equal('Send');
    expect(text(part(el, 'heading'))).to.equal('0 replies');
    el.setAttribute('submit-label', 'Publish');
    await el.updateComplete;
    expect(text(part(el, 'submit'))).to.equal('Publish');
  });
});
