import { expect, fixture, html } from '@open-wc/testing';
import type { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import { frames, past, resetScroll, scrollWindowTo, shown, until } from './helpers.js';

describe('<scroll-to-top> visibility', () => {
  afterEach(resetScroll);

  it('appears past the threshold on the window and hides again at or above it', async () => {
    const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top threshold="300"></scroll-to-top></div>`);
    const el = page.querySelector('scroll-to-top')!;
    await frames();
    expect(shown(el)).to.be.false;

    await scrollWindowTo(300);
    await frames();
    expect(past(el), 'at the threshold').to.be.false;

    await scrollWindowTo(301);
    await until(() => past(el), 'visible past the threshold');
    await until(() => shown(el), 'shown');

    await scrollWindowTo(120);
    await until(() => !past(el), 'hidden near the top');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!.inert).to.be.true;
  });

  it('defaults the threshold to one viewport height', async () => {
    await fixture(html`<div style="height: 5000px"><scroll-to-top></scroll-to-top></div>`);
    const el = document.querySelector('scroll-to-top')!;
    await scrollWindowTo(innerHeight - 10);
    await frames();
    expect(past(el)).to.be.false;
    await scrollWindowTo(innerHeight + 10);
    await until(() => past(el), 'visible after one viewport');
  });

  it('follows a threshold changed after it started watching', async () => {
    const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top threshold="2000"></scroll-to-top></div>`);
    const el = page.querySelector('scroll-to-top')!;
    await scrollWindowTo(800);
    await frames();
    expect(past(el)).to.be.false;
    el.threshold = 500;
    await until(() => past(el), 'visible under the lower threshold');
  });

  it('keeps working when the page grows after load, and hides when it shrinks under the reader', async () => {
    const page = await fixture<HTMLElement>(html`<div><p>Short page.</p><scroll-to-top threshold="400"></scroll-to-top></div>`);
    const el = page.querySelector('scroll-to-top')!;
    await frames();
    const more = document.createElement('div');
    more.style.height = '4000px';
    page.append(more);
    await scrollWindowTo(1500);
    await until(() => past(el), 'visible once the grown page is scrolled');

    more.style.height = '0';
    await until(() => !past(el), 'hidden once the page is short again');
    expect(scrollY).to.be.below(400);
  });

  it('watches a positioned scroll container and rides in its bottom end corner', async () => {
    const page = await fixture<HTMLElement>(html`
      <div id="panel" style="position: relative; height: 300px; width: 400px; overflow: auto">
        <div style="height: 3000px">Long text</div>
        <scroll-to-top scroll-container="#panel" threshold="200"></scroll-to-top>
      </div>
    `);
    const el = page.querySelector('scroll-to-top')!;
    await frames();
    expect(past(el)).to.be.false;
    expect(page.scrollHeight, 'takes no room while hidden').to.equal(3000);
    page.scrollTop = 250;
    await until(() => shown(el), 'shown in the container');

    const panel = page.getBoundingClientRect();
    const rect = el.shadowRoot!.querySelector('button')!.getBoundingClientRect();
    expect(rect.bottom).to.be.within(panel.bottom - 40, panel.bottom - 1);
    expect(rect.right).to.be.within(panel.left + page.clientWidth - 40, panel.left + page.clientWidth - 1);
    expect(page.scrollHeight, 'takes no room while shown').to.equal(3000);

    page.scrollTop = 150;
    await until(() => !past(el), 'hidden above the threshold');
  });

  it('watches a static scroll container too, without moving its content', async () => {
    const page = await fixture<HTMLElement>(html`
      <div id="plain" style="height: 300px; overflow: auto">
        <p style="margin: 0">First line</p>
        <div style="height: 3000px"></div>
        <scroll-to-top scroll-container="#plain" threshold="100"></scroll-to-top>
      </div>
    `);
    const el = page.querySelector('scroll-to-top')!;
    await frames();
    expect(page.querySelector('p')!.getBoundingClientRect().top).to.equal(page.getBoundingClientRect().top);
    page.scrollTop = 101;
    await until(() => past(el), 'visible in the static container');
    page.scrollTop = 0;
    await until(() => !past(el), 'hidden again');
  });

  it('ignores sideways scrolling: only the block axis counts', async () => {
    const page = await fixture<HTMLElement>(html`
      <div id="wide" style="position: relative; height: 300px; width: 300px; overflow: auto">
        <div style="height: 600px; width: 20000px"></div>
        <scroll-to-top scroll-container="#wide" threshold="100"></scroll-to-top>
      </div>
    `);
    const el = page.querySelector('scroll-to-top')!;
    page.scrollLeft = 15000;
    await frames();
    expect(past(el)).to.be.false;
    page.scrollTop = 200;
    await until(() => past(el), 'visible when scrolled down');
  });

  it('re-resolves scroll-container when the attribute changes, in its own shadow root', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    for (const id of ['a', 'b']) {
      const panel = document.createElement('div');
      panel.id = id;
      panel.style.cssText = 'position: relative; height: 200px; overflow: auto';
      panel.append(Object.assign(document.createElement('div'), { style: 'height: 2000px' }));
      root.append(panel);
    }
    const el = document.createElement('scroll-to-top');
    el.setAttribute('scroll-container', '#a');
    el.threshold = 50;
    root.append(el);
    const [a, b] = [root.getElementById('a')!, root.getElementById('b')!];
    await frames();
    expect(a.querySelector('scroll-to-top-marker'), 'marker in #a').to.exist;
    a.scrollTop = 100;
    await until(() => past(el), 'visible for #a');

    el.scrollContainer = '#b';
    await el.updateComplete;
    expect(a.querySelector('scroll-to-top-marker'), 'marker left #a').to.be.null;
    expect(b.querySelector('scroll-to-top-marker'), 'marker in #b').to.exist;
    await until(() => !past(el), 'hidden: #b is at its top');
    b.scrollTop = 100;
    await until(() => past(el), 'visible for #b');
  });

  it('falls back to the window, with a warning, when scroll-container matches nothing', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top scroll-container="#nope" threshold="100"></scroll-to-top></div>`);
      const el = page.querySelector('scroll-to-top')!;
      expect(String(warnings[0])).to.contain('#nope');
      await scrollWindowTo(200);
      await until(() => past(el), 'visible for the window');
    } finally {
      console.warn = warn;
    }
  });

  it('cleans its marker up when removed and starts again when re-added', async () => {
    const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top threshold="100"></scroll-to-top></div>`);
    const el = page.querySelector<ScrollToTopElement>('scroll-to-top')!;
    await frames();
    expect(document.querySelectorAll('scroll-to-top-marker')).to.have.length(1);
    el.remove();
    expect(document.querySelectorAll('scroll-to-top-marker')).to.have.length(0);
    page.append(el);
    expect(document.querySelectorAll('scroll-to-top-marker')).to.have.length(1);
    await scrollWindowTo(300);
    await until(() => past(el), 'visible after re-adding');
  });
});
