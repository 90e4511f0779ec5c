import { expect, oneEvent } from '@open-wc/testing';
import type { CommentBoxPostedEvent } from '../../src/internal/events.js';
import { articleId, clearStorage, crossOrigin, fill, mount, part, parts, requestLog, seed, submit, text, wpSite } from './helpers.js';

// Partners embed the widget on their own sites: the comments live on another origin,
// and every request has to pass the browser's CORS checks, preflights included.
describe('comment-box: cross-origin', () => {
  let origin: string;
  before(async () => {
    origin = await crossOrigin();
    expect(origin).to.not.equal(location.origin);
  });
  beforeEach(clearStorage);

  it('our protocol: lists, pages through the absolute next URL and posts with an Idempotency-Key through the preflight', async () => {
    const article = articleId();
    await seed(article, [{ text: 'one' }, { text: 'two' }]);
    const el = await mount({ src: `${origin}/api/articles/${article}/comments`, 'page-size': '1' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['one']);
    const more = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'load-more')!.click();
    await more;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['one', 'two']);

    await fill(el, { text: 'from a partner page' });
    const posted = (await submit(el)) as CommentBoxPostedEvent;
    expect(posted.status).to.equal('approved');
    const { requests } = await requestLog(article);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.origin).to.equal(location.origin);
    expect(post.idempotencyKey).to.be.a('string');
    expect(requests.some((r) => r.method === 'OPTIONS')).to.equal(true);
  });

  it('WordPress: lists with the exposed X-WP-Total and posts with nothing its CORS does not allow', async () => {
    const site = await wpSite({ comments: [{ text: 'sveiki' }, { text: 'atbilde', replyTo: 0 }] }, origin);
    const el = await mount({ api: 'wordpress', src: site.src, lang: 'lv' });
    expect(text(part(el, 'heading'))).to.equal('2 komentāri');
    await fill(el, { text: 'no partnera lapas' });
    const posted = (await submit(el)) as CommentBoxPostedEvent;
    expect(posted.type).to.equal('comment-box-posted');
    const requests = (await site.log()).requests;
    const preflight = requests.find((r) => r.method === 'OPTIONS')!;
    expect(preflight.headers['access-control-request-headers']).to.equal('content-type');
    expect(requests.find((r) => r.method === 'POST')!.headers.cookie).to.equal(undefined);
  });
});
