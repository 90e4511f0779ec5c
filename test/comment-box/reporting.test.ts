/**
 * Reporting a comment (protocol v1.1): a Report control per comment for backends that
 * take reports (our protocol), confirmed with a reason, against the reference server.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../support/until.js';
import { activeElement, articleId, clearStorage, mount, part, parts, planFaults, seed, srcFor, text, wpSite } from './helpers.js';

const reportsOf = async (article: string): Promise<Array<{ comment_id: string; reason: string; contact: string | null }>> =>
  (await fetch(`/__comments/reports?article=${article}`)).json();

describe('comment-box: reporting a comment', () => {
  beforeEach(clearStorage);

  it('Report asks for a reason, sends it with the optional contact, and shows "reported"', async () => {
    const article = articleId();
    const [first] = await seed(article, [{ text: 'Buy pills.' }, { text: 'Fine.' }]);
    const el = await mount({ src: srcFor(article), lang: 'en' });
    expect(parts(el, 'report-button')).to.have.length(2);
    const button = part(el, 'report-button')!;
    expect(text(button)).to.equal('Report');
    button.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const reason = part<HTMLSelectElement>(el, 'report-reason')!;
    expect(activeElement(el)).to.equal(reason);
    expect([...reason.options].map((o) => o.value)).to.deep.equal(['spam', 'harassment', 'illegal', 'other']);
    reason.value = 'spam';
    part<HTMLInputElement>(el, 'report-form')!.querySelector<HTMLInputElement>('[name=contact]')!.value = 'reader@example.org';
    part(el, 'report-submit')!.click();
    await until(() => part(el, 'reported') !== null);
    expect(text(part(el, 'reported'))).to.equal('Reported. Thank you, the moderators will look at it.');
    expect(activeElement(el)).to.equal(part(el, 'reported'));
    expect(part(el, 'report-form')).to.equal(null);
    expect(parts(el, 'report-button'), 'the other comment can still be reported').to.have.length(1);
    expect((await reportsOf(article)).map((r) => [String(r.comment_id), r.reason, r.contact])).to.deep.equal([[first, 'spam', 'reader@example.org']]);
  });

  it('says why a report failed in the page language, keeps the form, and sends on the next try', async () => {
    const article = articleId();
    await seed(article, [{ text: 'Rude.' }]);
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    part(el, 'report-button')!.click();
    await el.updateComplete;
    expect(text(part(el, 'report-button'))).to.equal('Ziņot');
    const contact = part(el, 'report-form')!.querySelector<HTMLInputElement>('[name=contact]')!;
    contact.value = 'not an address';
    part(el, 'report-submit')!.click();
    await el.updateComplete;
    expect(text(part(el, 'report-form')!.querySelector('[part=error]'))).to.equal('Ierakstiet e-pasta adresi, piemēram, vards@example.com.');
    expect(await reportsOf(article), 'nothing sent').to.deep.equal([]);
    contact.value = '';
    await planFaults(article, [{ method: 'POST', mode: '500' }]);
    part(el, 'report-submit')!.click();
    await until(() => text(part(el, 'report-form')!.querySelector('[part=error]')) === 'Serverī radās kļūda.');
    expect(part<HTMLButtonElement>(el, 'report-submit')!.disabled).to.equal(false);
    part(el, 'report-submit')!.click();
    await until(() => part(el, 'reported') !== null);
    expect(text(part(el, 'reported'))).to.equal('Ziņots. Paldies, moderatori to izskatīs.');
    expect(await reportsOf(article)).to.have.length(1);
  });

  it('Cancel and Escape close the report form with focus back on Report', async () => {
    const article = articleId();
    await seed(article, [{}]);
    const el = await mount({ src: srcFor(article) });
    const button = part(el, 'report-button')!;
    button.click();
    await el.updateComplete;
    part(el, 'report-cancel')!.click();
    await until(() => part(el, 'report-form') === null);
    expect(activeElement(el)).to.equal(button);
    button.click();
    await until(() => activeElement(el) === part(el, 'report-reason'));
    await sendKeys({ press: 'Escape' });
    await until(() => part(el, 'report-form') === null);
    expect(activeElement(el)).to.equal(button);
  });

  it('WordPress (no report endpoint) and given comments have no Report button', async () => {
    const site = await wpSite({ comments: [{ text: 'A WordPress comment.' }] });
    const wp = await mount({ src: site.src, api: 'wordpress' });
    expect(parts(wp, 'comment')).to.have.length(1);
    expect(part(wp, 'report-button')).to.equal(null);
    const given = await mount({}, { comments: [{ id: '1', parent: null, author: { name: 'A' }, text: 'Given.', date: '' }] }, false);
    expect(parts(given, 'comment')).to.have.length(1);
    expect(part(given, 'report-button')).to.equal(null);
  });
});
