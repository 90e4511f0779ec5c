import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import { LangController, fill, formatDate, formatNumber, intlSupports, message, plural, resolveLang, shippedLang } from '../../src/internal/i18n.js';
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

  it('knows this browser lacks Georgian date data (the reason for the fallback)', () => {
    // If this starts failing, Chromium shipped ka: the fallback is then unused, not wrong.
    expect(intlSupports('ka')).to.equal(false);
    expect(intlSupports('lv')).to.equal(true);
  });
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
    await new Promise((r) => setTimeout(r)); // MutationObserver callbacks run as a microtask
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('ka');
  });

  it('follows the element’s own lang attribute', async () => {
    const probe = await fixture<LangProbe>(html`<lang-probe lang="sv"></lang-probe>`);
    probe.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r));
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('en');
  });
});
