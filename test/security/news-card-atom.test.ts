import { expect, fixture, html } from '@open-wc/testing';
import '../../src/news-card/define.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { CARD_PARTS, expectSummary, expectText, itRendersEveryVector, part, parts } from './cards.js';
import type { CardRecord, TextCheck } from './cards.js';
import { clean, decodedText, executions, injectionSuite, inspect, itLeftNoTrace, settle, summarise, textOnly } from './harness.js';
import type { Violation } from './harness.js';

/**
 * A vector as a feed can carry it: XML has no C0 controls (not even as references), and the
 * UTF-8 the server sends no lone surrogates; feeds.mjs sends U+FFFD for them.
 */
const asSent = (payload: string): string =>
  payload.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const textOnlyIn =
  (name: string): TextCheck =>
  (card) =>
    parts(card, name).every((el) => typeof textOnly(el) === 'string') ? undefined : `a ${name} holds elements`;

/** Every Atom field <news-card> reads, each carrying every vector, text constructs in each type they may have. */
const RECORDS: CardRecord[] = [
  {
    variant: 'card',
    fields: [
      // A text title is shown exactly (an empty one falls back to the summary, the same vector).
      { at: 'title', text: (card, p) => (clean(asSent(p)) ? expectText(part(card, 'title'), clean(asSent(p))) : undefined) },
      { at: 'summary', text: (card, p) => expectSummary(card, asSent(p)) },
      { at: 'link@href' },
      { at: 'author.name', text: textOnlyIn('author') },
      { at: 'author.uri' },
      { at: 'category@term', text: textOnlyIn('tag') },
      { at: 'media:content@url' },
    ],
  },
  {
    variant: 'card',
    drop: 'title,summary,media:content@url',
    fields: [
      { at: 'title-html', text: (card, p) => (decodedText(asSent(p)) ? expectText(part(card, 'title'), decodedText(asSent(p)), true) : undefined) },
      { at: 'summary-html', text: (card, p) => expectSummary(card, decodedText(asSent(p)), true) },
      { at: 'category@label', text: textOnlyIn('tag') },
      { at: 'enclosure@href' },
    ],
  },
  { variant: 'full', drop: 'media:content@url', fields: [{ at: 'content-html' }, { at: 'media:thumbnail@url' }] },
  { variant: 'full', drop: 'content-html', fields: [{ at: 'content-text' }] },
  { variant: 'card', drop: 'summary,media:content@url', fields: [{ at: 'content-html', text: (card, p) => expectSummary(card, decodedText(asSent(p)), true) }] },
];

describe('injection through Atom fields into <news-card>', () => {
  const suite = injectionSuite('atom');

  itRendersEveryVector(suite, RECORDS, '/__feeds/hostile/atom', (i) => `v${i}`);

  it('renders every XHTML content vector inert and inside the card', async function () {
    this.timeout(30_000);
    const count = 28;
    const container = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
    const ran = executions.length;
    const loads = new Promise<void>((resolve) => {
      let seen = 0;
      container.addEventListener('news-card-load', () => ++seen === count && resolve());
    });
    for (let i = 0; i < count; i++) {
      const card = document.createElement('news-card');
      card.setAttribute('lang', 'en');
      card.setAttribute('variant', 'full');
      card.setAttribute('item-id', `x${i}`);
      card.setAttribute('src', '/__feeds/hostile/xhtml');
      container.append(card);
    }
    await loads;
    const cards = [...container.querySelectorAll<NewsCardElement>('news-card')];
    await Promise.all(cards.map((card) => card.updateComplete));
    await settle();
    const violations: Violation[] = cards.flatMap((card, i) => inspect(card, i, 'content type=xhtml (full)', { contentParts: CARD_PARTS }));
    suite.tally.paths += 1;
    suite.tally.renders += cards.length;
    suite.tally.violations += violations.length;
    expect(cards.map((card) => card.state)).to.deep.equal(Array(count).fill('loaded'));
    expect(executions.slice(ran), 'code ran').to.deep.equal([]);
    expect(violations.length, summarise(violations, suite.vectors)).to.equal(0);
    container.replaceChildren();
  });

  itLeftNoTrace(suite, { threwNothing: true });
});
