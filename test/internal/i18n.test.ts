import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import { LangController, fill, formatDate, formatNumber, georgianDate, georgianNumber, intlSupports, message, plural, resolveLang, shippedLang } from '../../src/internal/i18n.js';
import { engine, itIn } from '../support/engine.js';
import { until } from '../support/until.js';
import type { Messages } from '../../src/internal/i18n.js';

const OCT_15 = new Date('2021-10-15T09:30:00Z');

class LangProbe extends LitElement {
  lang_ = new LangController(this);
  renders = 0;
  override render(): TemplateResult {
    this.renders++;
    return html`${this.lang_.value}`;
  }
}
customElements.define('lang-probe', LangProbe);

describe('resolveLang', () => {
  it('prefers the element’s own lang, then the nearest ancestor’s', async () => {
    const el = await fixture(html`<div lang="sv"><p><span lang="ka"></span><b></b></p></div>`);
    expect(resolveLang(el.querySelector('span')!)).to.equal('ka');
    expect(resolveLang(el.querySelector('b')!)).to.equal('sv');
  });

  it('walks up through shadow roots', async () => {
    const outer = await fixture(html`<div lang="lv"><div></div></div>`);
    const root = outer.querySelector('div')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('i');
    root.append(inner);
    expect(resolveLang(inner)).to.equal('lv');
  });

  it('falls back to <html lang>, then the browser’s language', async () => {
    const el = await fixture(html`<i></i>`);
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'ka-GE');
    expect(resolveLang(el)).to.equal('ka-GE');
    document.documentElement.removeAttribute('lang');
    expect(resolveLang(el)).to.equal(navigator.language);
    if (before) document.documentElement.setAttribute('lang', before);
  });
});

describe('shippedLang', () => {
  it('maps tags to shipped languages, English otherwise', () => {
    expect(['lv-LV', 'sv_SE', 'KA', 'en-GB', 'nb', ''].map(shippedLang)).to.deep.equal(['lv', 'sv', 'ka', 'en', 'en', 'en']);
  });
});

describe('formatDate', () => {
  it('writes Latvian and Swedish with the browser’s Intl', () => {
    expect(formatDate(OCT_15, 'lv', { timeZone: 'UTC' })).to.equal('2021. gada 15. oktobris');
    expect(formatDate(OCT_15, 'sv', { timeZone: 'UTC' })).to.equal('15 oktober 2021');
  });

  it('writes Georgian even where Chromium’s Intl has no Georgian', () => {
    const text = formatDate(OCT_15, 'ka', { timeZone: 'UTC' });
    expect(text).to.equal('15 ოქტომბერი, 2021');
    expect(text).not.to.match(/October/);
    expect(formatDate(OCT_15, 'ka-GE', { time: true, timeZone: 'UTC' })).to.equal('15 ოქტომბერი, 2021, 09:30');
  });

  it('uses our Georgian tables only in the engine whose Intl has no Georgian (Chromium)', () => {
    // If this starts failing in Chromium, it shipped ka: the tables are then unused, not wrong.
    expect(intlSupports('ka')).to.equal(engine !== 'chromium');
    expect(intlSupports('lv')).to.equal(true);
    expect(intlSupports('sv')).to.equal(true);
  });

  itIn(['firefox', 'webkit'], 'Needs an engine whose Intl has Georgian, to compare our tables with it', 'writes Georgian dates exactly as an engine with Georgian data does', () => {
    for (let month = 0; month < 12; month++) {
      for (const [day, hour, minute] of [[1, 0, 0], [9, 9, 5], [28, 13, 30], [15, 23, 59]] as const) {
        const date = new Date(Date.UTC(2024, month, day, hour, minute));
        const native = (time: boolean) =>
          new Intl.DateTimeFormat('ka', { dateStyle: 'long', timeStyle: time ? 'short' : undefined, timeZone: 'UTC' }).format(date);
        expect(georgianDate(date, { timeZone: 'UTC' })).to.equal(native(false));
        expect(georgianDate(date, { time: true, timeZone: 'UTC' })).to.equal(native(true));
      }
    }
  });

  itIn(['firefox', 'webkit'], 'Needs an engine whose Intl has Georgian, to compare our tables with it', 'writes Georgian numbers exactly as an engine with Georgian data does', () => {
    for (const n of [0, 7, 999, 1000, 12345, 1234567.5, -42, 0.25]) expect(georgianNumber(n)).to.equal(new Intl.NumberFormat('ka').format(n));
  });
});

describe('the same words in every engine', () => {
  // One expected string per case, asserted in Chromium, Firefox and WebKit alike: Georgian
  // from the engine's Intl where it has it, from our tables where not.
  const date = new Date('2021-10-15T09:30:00Z');
  const cases: [string, string, string, string][] = [
    ['ka', '15 ოქტომბერი, 2021', '15 ოქტომბერი, 2021, 09:30', '1 იანვარი, 2025'],
    ['lv', '2021. gada 15. oktobris', '2021. gada 15. oktobris 09:30', '2025. gada 1. janvāris'],
    ['sv', '15 oktober 2021', '15 oktober 2021 kl. 09:30', '1 januari 2025'],
    ['en', 'October 15, 2021', 'October 15, 2021 at 9:30 AM', 'January 1, 2025'],
  ];
  for (const [lang, long, withTime, january] of cases) {
    it(`writes ${lang} dates the same`, () => {
      expect(formatDate(date, lang, { timeZone: 'UTC' })).to.equal(long);
      expect(formatDate(date, lang, { time: true, timeZone: 'UTC' })).to.equal(withTime);
      expect(formatDate(new Date('2025-01-01T00:00:00Z'), lang, { timeZone: 'UTC' })).to.equal(january);
    });
  }

  const numbers: Record<string, string[]> = {
    ka: ['12\u00a0345', '1234,5', '1\u00a0000\u00a0000', '999', '-5'],
    lv: ['12\u00a0345', '1234,5', '1\u00a0000\u00a0000', '999', '-5'],
    // CLDR Swedish groups from four digits and writes a real minus sign.
    sv: ['12\u00a0345', '1\u00a0234,5', '1\u00a0000\u00a0000', '999', '\u22125'],
  };
  for (const [lang, want] of Object.entries(numbers)) {
    it(`writes ${lang} numbers the same`, () => {
      expect([12345, 1234.5, 1e6, 999, -5].map((n) => formatNumber(n, lang))).to.deep.equal(want);
    });
  }

  const forms = { zero: 'zero {n}', one: 'one {n}', two: 'two {n}', few: 'few {n}', many: 'many {n}', other: 'other {n}' };
  const plurals: Record<string, string[]> = {
    ka: ['other 0', 'one 1', 'other 2', 'other 5', 'other 11', 'other 21', 'other 101'],
    lv: ['zero 0', 'one 1', 'other 2', 'other 5', 'zero 11', 'one 21', 'one 101'],
    sv: ['other 0', 'one 1', 'other 2', 'other 5', 'other 11', 'other 21', 'other 101'],
  };
  for (const [lang, want] of Object.entries(plurals)) {
    it(`chooses ${lang} plural forms the same`, () => {
      expect([0, 1, 2, 5, 11, 21, 101].map((n) => plural(forms, n, lang))).to.deep.equal(want);
    });
  }
});

describe('formatNumber and plural', () => {
  it('groups Georgian numbers with a space', () => {
    expect(formatNumber(12345, 'ka')).to.equal('12\u00a0345');
  });

  it('uses the Latvian zero form', () => {
    const comments = { zero: '{n} komentāru', one: '{n} komentārs', other: '{n} komentāri' };
    expect([0, 1, 3, 11, 21].map((n) => plural(comments, n, 'lv'))).to.deep.equal(['0 komentāru', '1 komentārs', '3 komentāri', '11 komentāru', '21 komentārs']);
  });

  it('falls back to the other form', () => {
    expect(plural({ other: '{n} x' }, 1, 'en')).to.equal('1 x');
  });

  it('fills named placeholders and leaves unknown ones', () => {
    expect(fill('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });
});

describe('message', () => {
  const table: Messages<{ hello: string }> = { en: { hello: 'Hello' }, lv: { hello: 'Sveiki' }, sv: { hello: 'Hej' }, ka: { hello: 'გამარჯობა' } };
  it('looks up the shipped language, and an override wins', () => {
    expect(message(table, 'lv-LV', 'hello')).to.equal('Sveiki');
    expect(message(table, 'de', 'hello')).to.equal('Hello');
    expect(message(table, 'ka', 'hello', { hello: 'Hi' })).to.equal('Hi');
  });
});

describe('LangController', () => {
  it('re-renders when an ancestor’s lang changes, across a shadow root', async () => {
    const outer = await fixture(html`<div lang="lv"><div></div></div>`);
    const root = outer.querySelector('div')!.attachShadow({ mode: 'open' });
    const probe = document.createElement('lang-probe') as LangProbe;
    root.append(probe);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('lv');
    outer.setAttribute('lang', 'ka');
    // A MutationObserver sees the change, then the probe renders again.
    await until(() => probe.shadowRoot!.textContent === 'ka', 'the probe in ka');
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('ka');
  });

  it('follows the element’s own lang attribute', async () => {
    const probe = await fixture<LangProbe>(html`<lang-probe lang="sv"></lang-probe>`);
    probe.setAttribute('lang', 'en');
    await until(() => probe.shadowRoot!.textContent === 'en', 'the probe in en');
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('en');
  });
});
