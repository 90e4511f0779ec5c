import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import type { CommentBoxElement } from '../../src/comment-box/comment-box.js';
import { messages } from '../../src/comment-box/comment-box.messages.js';
import { FAULTS, failing, bystanderProblems, faultUrl, withBystanders, partOf, problems, recover, setOnline, textOf, uid } from './helpers.js';

const lv = messages.lv;

/** Words the Latvian error must contain besides "the comments could not be loaded", per kind. */
const DETAIL: Record<string, string | undefined> = { timeout: lv.timeout, network: lv.network, invalid: lv.invalid, 'not-json': lv.invalid, 'too-large': lv.invalid };

describe('<comment-box> loading from broken servers', () => {
  const bystanders = withBystanders();

  for (const { fault, what, kind, status } of FAULTS) {
    it(`shows the Latvian error for ${what}, reports kind ${kind}, and loads on Retry once the server recovers`, async function () {
      this.timeout(6000);
      const key = uid();
      const { el: box, event } = await failing('comment-box', await faultUrl('comments', fault, key));
      expect(event.kind).to.equal(kind);
      if (kind === 'http') expect(event.status).to.equal(status);
      const error = partOf(box, 'error');
      expect(textOf(error)).to.contain(lv.loadError);
      if (kind === 'http' && status! >= 500) expect(textOf(error)).to.contain(lv.server);
      if (DETAIL[kind]) expect(textOf(error)).to.contain(DETAIL[kind]);
      const retry = partOf(box, 'retry-button')!;
      expect(textOf(retry)).to.equal(lv.retry);

      await recover(key);
      const loaded = oneEvent(box, 'comment-box-load');
      retry.click();
      await loaded;
      await box.updateComplete;
      expect(textOf(partOf(box, 'body'))).to.equal('The server has recovered.');
      expect(partOf(box, 'form')).to.not.equal(null);
      expect(problems).to.deep.equal([]);
      expect(await bystanderProblems(bystanders)).to.deep.equal([]);
    });
  }

  it('shows a comment whose date is invalid, without a date', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="lv"></div>`);
    const loaded = oneEvent(wrapper, 'comment-box-load');
    render(html`<comment-box src=${`/__faults/comments/dates/${uid()}`}></comment-box>`, wrapper);
    await loaded;
    const box = wrapper.querySelector<CommentBoxElement>('comment-box')!;
    await box.updateComplete;
    expect(textOf(partOf(box, 'body'))).to.equal('The server has recovered.');
    expect(partOf(box, 'date')).to.equal(null);
    expect(problems).to.deep.equal([]);
  });

  it('says it is offline, and loads on Retry when the browser is back online', async function () {
    this.timeout(6000);
    const key = uid();
    setOnline(false);
    try {
      const { el: box, event } = await failing('comment-box', `/__faults/comments/refuse/${key}`);
      expect(event.kind).to.equal('network');
      expect(textOf(partOf(box, 'error'))).to.contain(lv.offline);
      await recover(key);
      setOnline(true);
      const loaded = oneEvent(box, 'comment-box-load');
      partOf(box, 'retry-button')!.click();
      await loaded;
    } finally {
      setOnline(true);
    }
    expect(problems).to.deep.equal([]);
  });

  it('leaves the other widgets on the page working', async () => {
    expect(await bystanderProblems(bystanders)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
