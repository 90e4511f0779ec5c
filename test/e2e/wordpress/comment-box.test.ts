/**
 * <comment-box api="wordpress"> from the built script-tag bundle against a real WordPress on
 * another origin: reading threads, posting through the form as a reader, moderation by the
 * site's administrator, and WordPress's own refusals, each in the reader's language.
 * The flood window is off here; the flood case runs alone (flood.test.ts).
 */
import { expect } from '@open-wc/testing';
import { plural } from '../../../src/internal/i18n.js';
import { admin, elementWithText, gmt, isShown, runTag, seed, shadow, text } from './helpers.js';
import type { Seed } from './helpers.js';
import {
  button, click, comment, commentBox, field, indent, isReplyTo, occurrences, post, postExpectingError, precedes, t,
} from './comment-box-ui.js';

let data: Seed;

before(async () => {
  data = await seed();
  if (data.floodSeconds !== 0) throw new Error(`these tests need the flood window off, it is ${data.floodSeconds} s: run them with npm run test:wordpress`);
});

beforeEach(() => {
  // Each test is a reader on a fresh visit: no draft, no remembered name, nothing pending.
  sessionStorage.clear();
  localStorage.clear();
});

/** The text of the first shown element with this part. */
function partText(box: HTMLElement, part: string): string {
  return text([...shadow(box).querySelectorAll(`[part~="${part}"]`)].find(isShown));
}

describe('<comment-box api="wordpress"> reading a WordPress post\'s comments', () => {
  it('is accessible with a thread and the form shown', async () => {
    const { box } = await commentBox(data.posts.swedish.comments, 'sv');
    await expect(box).to.be.accessible();
  });

  it('comes from the built bundle', () => {
    expect(customElements.get('comment-box')).to.equal(window.LapaWidgets!.CommentBoxElement);
  });

  it('lists the approved comments oldest first, replies threaded under their parents, not the held one', async () => {
    const c = data.comments.swedish!;
    const { box, load } = await commentBox(data.posts.swedish.comments, 'sv');
    const root = shadow(box);

    expect(load.comments.map((x) => x.id)).to.have.members([c.erik, c.anna, c.nino, c.sara].map((x) => String(x!.id)));
    expect(load.total).to.equal(4);
    expect(partText(box, 'heading')).to.equal(plural(t('sv').count, 4, 'sv'));

    const first = (k: string) => c[k]!.content.split('\n')[0]!;
    const [erik, anna, nino, sara] = ['erik', 'anna', 'nino', 'sara'].map((k) => comment(box, first(k), c[k]!.author_name)) as [Element, Element, Element, Element];
    expect(precedes(erik, anna) && precedes(anna, nino) && precedes(nino, sara), 'oldest first, replies after their parent').to.equal(true);
    expect(isReplyTo(anna, erik), 'Anna answers Erik').to.equal(true);
    expect(isReplyTo(nino, anna), 'Nino answers Anna').to.equal(true);
    expect(sara.closest('[part~="replies"]'), 'Sara\'s top-level comment in a reply list').to.equal(null);
    expect(indent(anna), 'a reply is indented under its parent').to.be.greaterThan(indent(erik));
    expect(indent(nino), 'a reply to a reply is indented further').to.be.greaterThan(indent(anna));
    expect(indent(sara), 'a top-level comment is not indented').to.equal(indent(erik));

    // WordPress sends HTML (content.rendered): entities decoded, the line break kept.
    const saraBody = sara.querySelector('[part~="body"]')!;
    expect(text(saraBody)).to.include('Frågor & svar vore bra.');
    expect(saraBody.querySelector('br'), 'the line break in Sara\'s comment').to.exist;
    const saraLink = sara.querySelector<HTMLAnchorElement>('a[part~="author"]');
    expect(saraLink?.href, 'the author\'s website').to.equal('https://example.org/sara');
    expect(saraLink!.rel.split(' ')).to.include.members(['nofollow', 'ugc']);

    const time = erik.querySelector<HTMLTimeElement>('time[part~="date"]');
    expect(Date.parse(time!.dateTime)).to.equal(gmt(c.erik!.date_gmt));
    expect(text(time)).to.include('mars 2025');

    expect(elementWithText(root, data.held.content), 'the held comment').to.equal(undefined);
    for (const img of root.querySelectorAll('img')) expect(new URL(img.src).hostname).not.to.include('gravatar');
  });

  it('shows that comments are closed instead of the form on a post whose comments are closed', async () => {
    const liga = data.comments.closed!.liga!;
    const { box } = await commentBox(data.posts.closed.comments, 'lv');
    expect(partText(box, 'notice')).to.equal(t('lv').closed);
    expect(shadow(box).querySelector('form, textarea'), 'a comment form').to.equal(null);
    expect(comment(box, liga.content, liga.author_name), 'the comments made before closing stay listed').to.exist;
    await expect(box).to.be.accessible();
  });
});

describe('<comment-box api="wordpress"> posting to WordPress as a reader', () => {
  it('posts a comment, shows it awaiting moderation, and lists it after the administrator approves it and the page reloads', async () => {
    const tag = runTag();
    const reader = { name: 'თამარ კაპანაძე', email: `tamar.${tag}@example.org`, text: `ძალიან კარგი ინიციატივაა! გისურვებთ წარმატებას. (${tag})` };
    const { box } = await commentBox(data.posts.georgian.comments, 'ka');

    const posted = await post(box, 'ka', reader);
    expect(posted.status).to.equal('pending');
    expect(posted.comment.text).to.include(reader.text);
    const mine = comment(box, reader.text, reader.name);
    expect(text(mine.querySelector('[part~="moderation"]'))).to.equal(t('ka').pending);

    const stored = await admin.comment(posted.comment.id);
    expect(stored, 'what WordPress stored').to.include({ status: 'hold', post: data.posts.georgian.id, author_email: reader.email });

    await admin.approve(posted.comment.id);
    box.parentElement!.remove();
    const again = await commentBox(data.posts.georgian.comments, 'ka');
    expect(again.load.comments.map((c) => c.id)).to.include(posted.comment.id);
    expect(occurrences(again.box, reader.text), 'shown once, from the server').to.equal(1);
    expect(comment(again.box, reader.text, reader.name).querySelector('[part~="moderation"]'), 'still marked as awaiting moderation').to.equal(null);
  });

  it('threads a reply posted through the form under the comment it answers', async () => {
    const giorgi = data.comments.georgian!.giorgi!;
    const tag = runTag();
    const reader = { name: 'Mārtiņš Liepiņš', email: `martins.${tag}@example.org`, text: `Rokasgrāmatu gaidām rudenī, paldies par jautājumu! (${tag})` };
    const { box } = await commentBox(data.posts.georgian.comments, 'lv');

    await click(button(comment(box, giorgi.content, giorgi.author_name), t('lv').reply));
    await box.updateComplete;
    expect(shadow(box).activeElement?.closest('form'), 'focus moves into the reply form').to.exist;
    const posted = await post(box, 'lv', reader);
    expect(posted.status).to.equal('pending');
    expect(posted.comment.parent).to.equal(String(giorgi.id));
    expect((await admin.comment(posted.comment.id)).parent).to.equal(giorgi.id);
    // Awaiting moderation, it is already shown to its author where it belongs.
    const pending = comment(box, reader.text, reader.name);
    expect(text(pending.querySelector('[part~="moderation"]'))).to.equal(t('lv').pending);
    expect(isReplyTo(pending, comment(box, giorgi.content, giorgi.author_name))).to.equal(true);

    await admin.approve(posted.comment.id);
    box.parentElement!.remove();
    const again = await commentBox(data.posts.georgian.comments, 'lv');
    const parent = comment(again.box, giorgi.content, giorgi.author_name);
    const reply = comment(again.box, reader.text, reader.name);
    expect(isReplyTo(reply, parent), 'listed among Giorgi\'s replies').to.equal(true);
    expect(indent(reply)).to.be.greaterThan(indent(parent));
  });

  it('shows the localised duplicate message when the same comment is posted again, and keeps the draft', async () => {
    const janis = data.comments.cafe!.janis!;
    const { box } = await commentBox(data.posts.cafe.comments, 'lv');
    const error = await postExpectingError(box, 'lv', { name: janis.author_name, email: janis.author_email, text: janis.content });
    expect({ kind: error.kind, status: error.status, code: error.code }).to.deep.equal({ kind: 'rejected', status: 409, code: 'comment_duplicate' });
    expect(partText(box, 'error')).to.equal(t('lv').duplicate);
    expect(field(box, t('lv').text).value).to.equal(janis.content);
    expect(occurrences(box, janis.content), 'no second copy shown').to.equal(1);
  });

  it('shows the localised closed message when comments close while the reader writes', async () => {
    const closing = data.posts.closing;
    const { box } = await commentBox(closing.comments, 'sv');
    await admin.setComments(closing.id, 'closed');
    try {
      const tag = runTag();
      const error = await postExpectingError(box, 'sv', {
        name: 'Lena Ek', email: `lena.${tag}@example.org`, text: `Finns det platser kvar till seminariet? (${tag})`,
      });
      expect({ kind: error.kind, status: error.status, code: error.code }).to.deep.equal({ kind: 'closed', status: 403, code: 'rest_comment_closed' });
      const shown = [...shadow(box).querySelectorAll('[part~="notice"], [part~="error"]')].filter(isShown).map((el) => text(el));
      expect(shown).to.include(t('sv').closed);
      expect(text(shadow(box)), 'WordPress\'s English words').not.to.include('comments are closed for this item');
    } finally {
      await admin.setComments(closing.id, 'open');
    }
  });
});
