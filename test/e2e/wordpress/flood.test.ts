/**
 * WordPress's comment-flood refusal, alone: run.mjs runs this file by itself with a short
 * flood window (the window is site-wide for every anonymous poster on 127.0.0.1, so the
 * other tests run with it off).
 */
import { expect } from '@open-wc/testing';
import { admin, isShown, runTag, seed, shadow, text } from './helpers.js';
import type { Seed } from './helpers.js';
import { button, commentBox, field, postExpectingError, t } from './comment-box-ui.js';

let data: Seed;

before(async () => {
  data = await seed();
  if (data.group !== 'flood' || data.floodSeconds < 5) {
    throw new Error(`the flood case needs a flood window of a few seconds, it is ${data.floodSeconds} s: run it with npm run test:wordpress`);
  }
});

describe('<comment-box api="wordpress"> when WordPress says "too fast"', () => {
  it('shows the localised too-fast message and keeps the draft for a later try', async () => {
    const tag = runTag();
    // A comment from the same address has just been made. The administrator makes it: WordPress
    // never throttles an administrator, so it goes through whatever this address did before.
    const first = await admin.addComment(data.posts.swedish.id, {
      author_name: 'Per Andersson', author_email: `per.${tag}@example.org`, content: `Vilken inspirerande vecka! (${tag})`,
    });
    expect(first.id, 'the first comment is stored').to.be.a('number');

    const { box } = await commentBox(data.posts.swedish.comments, 'sv');
    const reader = { name: 'Maja Berg', email: `maja.${tag}@example.org`, text: `Tack för tipsen om kafét i Gamlestaden! (${tag})` };
    const error = await postExpectingError(box, 'sv', reader);

    expect({ kind: error.kind, status: error.status, code: error.code }).to.deep.equal({ kind: 'rejected', status: 400, code: 'comment_flood' });
    const m = t('sv');
    // WordPress sends no Retry-After (and its window is a site setting), so no time is promised.
    const shown = [...shadow(box).querySelectorAll('[part~="error"]')].filter(isShown).map((el) => text(el));
    expect(shown).to.deep.equal([m.tooFast]);
    expect(field(box, m.text).value).to.equal(reader.text);
    expect(button(shadow(box), m.submit).disabled, 'the reader can send it again').to.equal(false);
  });
});
