import { expect, fixture, html } from '@open-wc/testing';
import { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import { itIn } from '../support/engine.js';
import { frames, resetScroll, scrollWindowTo, until } from './helpers.js';

interface Registration {
  target: EventTarget;
  type: string;
  options?: boolean | AddEventListenerOptions;
}

/** Records every listener added or removed anywhere while `run` runs. */
async function recordListeners(run: () => Promise<void>): Promise<{ added: Registration[]; removed: Registration[] }> {
  const added: Registration[] = [];
  const removed: Registration[] = [];
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    added.push({ target: this, type, options });
    return addEventListener.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    removed.push({ target: this, type });
    return removeEventListener.call(this, type, listener, options);
  };
  try {
    await run();
  } finally {
    Object.assign(EventTarget.prototype, { addEventListener, removeEventListener });
  }
  return { added, removed };
}

// Not yet in TypeScript's DOM library.
const { ScrollTimeline } = globalThis as unknown as { ScrollTimeline: new () => AnimationTimeline };

function indicator(el: ScrollToTopElement): SVGCircleElement {
  return el.shadowRoot!.querySelector<SVGCircleElement>('[part="progress"] .indicator')!;
}

/** The drawn share of the ring, 0..1, from the computed dash offset. */
function drawn(el: ScrollToTopElement): number {
  const offset = getComputedStyle(indicator(el)).strokeDashoffset;
  return 1 - Number(/-?[\d.]+/.exec(offset)![0]) / 100;
}

function halfway(): number {
  return (document.documentElement.scrollHeight - innerHeight) / 2;
}

describe('<scroll-to-top> progress', () => {
  afterEach(() => {
    ScrollToTopElement.scrollTimeline = undefined;
    resetScroll();
  });

  it('has no ring unless progress is set, and hides the ring from assistive technology', async () => {
    const el = await fixture<ScrollToTopElement>(html`<scroll-to-top></scroll-to-top>`);
    expect(el.shadowRoot!.querySelector('[part="progress"]')).to.be.null;
    el.progress = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="progress"]')!.getAttribute('aria-hidden')).to.equal('true');
  });

  itIn(['chromium', 'webkit'], 'Scroll timelines: Firefox has none; its own script path is tested below', 'never listens to scroll events for showing and hiding, nor for a CSS-driven ring', async () => {
    expect(CSS.supports('animation-timeline: scroll()'), 'this engine has scroll timelines').to.be.true;
    const { added } = await recordListeners(async () => {
      const page = await fixture<HTMLElement>(html`
        <div style="height: 5000px">
          <scroll-to-top threshold="100"></scroll-to-top>
          <scroll-to-top threshold="100" progress></scroll-to-top>
          <div id="panel" style="position: relative; height: 200px; overflow: auto">
            <div style="height: 2000px"></div>
            <scroll-to-top scroll-container="#panel" progress></scroll-to-top>
          </div>
        </div>
      `);
      const [plain] = page.querySelectorAll('scroll-to-top');
      await scrollWindowTo(1000);
      await until(() => plain!.matches(':state(visible)'), 'shown');
      page.querySelector('#panel')!.scrollTop = 500;
      await scrollWindowTo(0);
      await until(() => !plain!.matches(':state(visible)'), 'hidden');
    });
    expect(added.filter((r) => r.type === 'scroll')).to.deep.equal([]);
  });

  itIn(['chromium', 'webkit'], 'Scroll timelines: Firefox has none; its own script path is tested below', 'draws the ring with a CSS scroll timeline that follows the window', async () => {
    const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top progress threshold="10"></scroll-to-top></div>`);
    const el = page.querySelector('scroll-to-top')!;
    const [animation] = indicator(el).getAnimations();
    expect(animation!.timeline).to.be.instanceOf(ScrollTimeline);
    await scrollWindowTo(halfway());
    await until(() => Math.abs(drawn(el) - 0.5) < 0.02, 'half the ring drawn');
    await scrollWindowTo(document.documentElement.scrollHeight);
    await until(() => drawn(el) > 0.98, 'the whole ring drawn');
  });

  itIn(['chromium', 'webkit'], 'Scroll timelines: Firefox has none; its own script path is tested below', 'draws the ring with a CSS scroll timeline of its container when inside it', async () => {
    const panel = await fixture<HTMLElement>(html`
      <div id="p" style="position: relative; height: 200px; overflow: auto">
        <div style="height: 1200px"></div>
        <scroll-to-top scroll-container="#p" progress threshold="10"></scroll-to-top>
      </div>
    `);
    const el = panel.querySelector('scroll-to-top')!;
    await el.updateComplete;
    expect(indicator(el).getAnimations()[0]!.timeline).to.be.instanceOf(ScrollTimeline);
    panel.scrollTop = (panel.scrollHeight - panel.clientHeight) / 4;
    await until(() => Math.abs(drawn(el) - 0.25) < 0.02, 'a quarter of the ring drawn');
  });

  itIn(['firefox'], 'Firefox only: the engine without scroll timelines takes the script path by itself', 'draws the ring by script on its own where the engine has no scroll timelines', async () => {
    expect(CSS.supports('animation-timeline: scroll()'), 'an engine without scroll timelines').to.be.false;
    let el!: ScrollToTopElement;
    const { added } = await recordListeners(async () => {
      const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top progress threshold="10"></scroll-to-top></div>`);
      el = page.querySelector('scroll-to-top')!;
      await el.updateComplete;
    });
    const scroll = added.filter((r) => r.type === 'scroll');
    expect(scroll.map((r) => r.target)).to.deep.equal([window]);
    expect(scroll[0]!.options).to.deep.include({ passive: true });
    await scrollWindowTo(halfway());
    await until(() => Math.abs(drawn(el) - 0.5) < 0.02, 'half the ring drawn');
    expect(indicator(el).getAnimations()).to.have.length(0);
    await scrollWindowTo(document.documentElement.scrollHeight);
    await until(() => drawn(el) === 1, 'the whole ring drawn');
  });

  describe('script fallback (no scroll timelines), forced in every engine', () => {
    beforeEach(() => {
      ScrollToTopElement.scrollTimeline = false;
    });

    it('adds no scroll listener without progress', async () => {
      const { added } = await recordListeners(async () => {
        const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top threshold="100"></scroll-to-top></div>`);
        await scrollWindowTo(1000);
        await until(() => page.querySelector('scroll-to-top')!.matches(':state(visible)'), 'shown');
      });
      expect(added.filter((r) => r.type === 'scroll')).to.deep.equal([]);
    });

    it('listens passively only while progress is set', async () => {
      let el!: ScrollToTopElement;
      const first = await recordListeners(async () => {
        el = await fixture<ScrollToTopElement>(html`<scroll-to-top progress></scroll-to-top>`);
      });
      const scroll = first.added.filter((r) => r.type === 'scroll');
      expect(scroll).to.have.length(1);
      expect(scroll[0]!.target).to.equal(window);
      expect(scroll[0]!.options).to.deep.include({ passive: true });

      const second = await recordListeners(async () => {
        el.progress = false;
        await el.updateComplete;
      });
      expect(second.removed.filter((r) => r.type === 'scroll' && r.target === window)).to.have.length(1);
    });

    it('listens to a container it sits outside of, and stops when removed', async () => {
      let page!: HTMLElement;
      const { added } = await recordListeners(async () => {
        page = await fixture<HTMLElement>(html`
          <div>
            <div id="outer" style="height: 200px; overflow: auto"><div style="height: 1000px"></div></div>
            <scroll-to-top scroll-container="#outer" progress></scroll-to-top>
          </div>
        `);
      });
      const outer = page.querySelector('#outer')!;
      expect(added.filter((r) => r.type === 'scroll').map((r) => r.target)).to.deep.equal([outer]);
      const { removed } = await recordListeners(async () => page.querySelector('scroll-to-top')!.remove());
      expect(removed.filter((r) => r.type === 'scroll').map((r) => r.target)).to.deep.equal([outer]);
    });

    it('measures at most once per frame however many scroll events arrive', async () => {
      const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top progress threshold="10"></scroll-to-top></div>`);
      const el = page.querySelector('scroll-to-top')!;
      await frames(2);
      const raf = window.requestAnimationFrame;
      let requested = 0;
      window.requestAnimationFrame = (callback) => (requested++, raf.call(window, callback));
      try {
        window.scrollTo({ top: halfway(), behavior: 'instant' });
        for (let i = 0; i < 50; i++) window.dispatchEvent(new Event('scroll'));
        expect(requested, 'frames requested for 51 scroll events').to.equal(1);
      } finally {
        window.requestAnimationFrame = raf;
      }
      await until(() => Math.abs(drawn(el) - 0.5) < 0.02, 'half the ring drawn');
      expect(indicator(el).getAnimations()).to.have.length(0);
    });

    it('draws the ring from the scroll position of the window', async () => {
      const page = await fixture<HTMLElement>(html`<div style="height: 5000px"><scroll-to-top progress threshold="10"></scroll-to-top></div>`);
      const el = page.querySelector('scroll-to-top')!;
      await frames(2);
      expect(drawn(el)).to.equal(0);
      await scrollWindowTo(halfway() / 2);
      await until(() => Math.abs(drawn(el) - 0.25) < 0.02, 'a quarter of the ring drawn');
      await scrollWindowTo(document.documentElement.scrollHeight);
      await until(() => drawn(el) === 1, 'the whole ring drawn');
    });
  });
});
