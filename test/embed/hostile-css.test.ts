/**
 * A host page's CSS changes nothing in the widgets but the font and colour they
 * deliberately inherit. Two host pages carry the same markup as a plain reference page:
 * hostile.css has the rules the issue names (`* { all: unset }`, `div { display: none }`,
 * `button { position: absolute }`, a 48px root font); legacy-text.css sets the inherited
 * text styles of legacy pages (centred, indented, uppercase, tracked, nowrap) on body.
 */
import { expect } from '@open-wc/testing';
import { byId, closePages, expectWidgetsWork, openPage, part, problems, rendered, transitionsEnd, until } from './helpers.js';
import type { HostPage } from './helpers.js';

/**
 * Properties that must not depend on the host page. Font and colour properties are left
 * out on purpose, and so are lengths, which follow the (inherited) font size.
 */
const LAYOUT = [
  'display',
  'position',
  'visibility',
  'float',
  'clear',
  'overflow-x',
  'overflow-y',
  'box-sizing',
  'opacity',
  'z-index',
  'flex-direction',
  'flex-wrap',
  'justify-content',
  'align-items',
  'list-style-type',
  'list-style-position',
  'pointer-events',
  'border-top-style',
  'border-right-style',
  'border-bottom-style',
  'border-left-style',
  'direction',
  'writing-mode',
];
/** Text properties, compared where they show: on elements with text of their own. */
const TEXT = ['text-align', 'text-indent', 'text-transform', 'white-space', 'letter-spacing', 'word-spacing'];
/** On the host element itself only its own (non-inherited) box matters. */
const HOST = ['display', 'position', 'float', 'overflow-x', 'overflow-y', 'contain', 'opacity', 'z-index'];

type Snapshot = Map<string, Record<string, string>>;

const hasOwnText = (el: Element): boolean => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');

/** Computed styles of the host and of every element in its shadow tree, by tree position. */
function snapshot(host: Element): Snapshot {
  const out: Snapshot = new Map();
  const view = host.ownerDocument.defaultView!;
  const take = (el: Element, props: string[]) => {
    const style = view.getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
  };
  out.set(host.localName, take(host, HOST));
  const walk = (parent: ParentNode, path: string) => {
    [...parent.children].forEach((el, i) => {
      const name = `${path} > ${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}:nth-child(${i + 1})`;
      out.set(name, take(el, hasOwnText(el) ? [...LAYOUT, ...TEXT] : LAYOUT));
      walk(el, name);
    });
  };
  walk(host.shadowRoot!, host.localName);
  return out;
}

/**
 * Where the hostile page's computed styles differ, as "path { prop: hostile } (plain:
 * reference)". A difference that descendants merely inherit is reported once, at the
 * shallowest element that has it.
 */
function differences(reference: Snapshot, hostile: Snapshot): string[] {
  const diffs: string[] = [];
  const reported = new Set<string>();
  for (const [path, props] of reference) {
    const other = hostile.get(path);
    if (!other) {
      diffs.push(`${path}: missing on the hostile page`);
      continue;
    }
    for (const [prop, value] of Object.entries(props)) {
      if (other[prop] === value) continue;
      const key = `${prop}: ${other[prop]} (plain: ${value})`;
      if (reported.has(key)) continue;
      reported.add(key);
      diffs.push(`${path} { ${key} }`);
    }
  }
  for (const path of hostile.keys()) if (!reference.has(path)) diffs.push(`${path}: only on the hostile page`);
  return diffs;
}

async function settledPage(path: string): Promise<HostPage> {
  const page = await openPage(path, { width: 900, height: 700 });
  expect(await expectWidgetsWork(page)).to.deep.equal([]);
  for (const id of ['card', 'comments', 'top']) await rendered(byId(page, id));
  return page;
}

/**
 * Boxes of the shadow tree that run past the host's end (right, in these LTR pages): text
 * that does not wrap, fields wider than the widget. Small overhangs at the start are
 * design (optical alignment of a borderless button) and cannot make the page scroll.
 */
function overflowing(host: Element): string[] {
  const box = host.getBoundingClientRect();
  const out: string[] = [];
  for (const el of host.shadowRoot!.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > box.right + 1) {
      const part = el.getAttribute('part');
      out.push(`${el.localName}${part ? `[part=${part}]` : ''} ends at ${Math.round(r.right)}px, the host at ${Math.round(box.right)}px`);
    }
  }
  return out;
}

describe('hostile host-page CSS', () => {
  let clean: HostPage;
  let hostile: HostPage;
  let legacy: HostPage;

  before(async () => {
    clean = await settledPage('/__embed/pages/body-end.html');
    hostile = await settledPage('/__embed/pages/hostile.html');
    legacy = await settledPage('/__embed/pages/legacy-text.html');
  });
  after(closePages);

  it('loads all three widgets with real data and throws nothing', () => {
    expect(problems(hostile)).to.deep.equal([]);
    expect(problems(legacy)).to.deep.equal([]);
  });

  for (const id of ['card', 'comments', 'top']) {
    it(`changes no layout or text property of #${id} under all: unset, hidden divs and absolute buttons`, () => {
      expect(differences(snapshot(byId(clean, id)), snapshot(byId(hostile, id)))).to.deep.equal([]);
    });

    it(`keeps a legacy page's inherited text styles (align, indent, case, spacing, nowrap) out of #${id}`, () => {
      expect(differences(snapshot(byId(clean, id)), snapshot(byId(legacy, id)))).to.deep.equal([]);
    });
  }

  it('inherits the host font and colour, which the widgets deliberately follow', () => {
    const style = hostile.win.getComputedStyle(part(byId(hostile, 'comments'), 'base')!);
    expect(style.fontFamily).to.contain('Comic Sans MS');
    expect(style.fontSize).to.equal('48px');
  });

  it('keeps the card and the comment box within their width under a 48px root font', () => {
    for (const id of ['card', 'comments']) {
      const host = byId(hostile, id);
      expect(host.getBoundingClientRect().width, `#${id} width`).to.be.greaterThan(300);
      expect(overflowing(host), `#${id}`).to.deep.equal([]);
    }
  });

  it('shows a scroll-to-top button of at least 44px inside the viewport', async () => {
    const top = byId(hostile, 'top');
    hostile.win.scrollTo(0, 1500);
    const button = part(top, 'button')!;
    expect(await until(() => top.matches(':state(visible)'))).to.be.true;
    await transitionsEnd(top);
    const r = button.getBoundingClientRect();
    expect(r.width).to.be.at.least(44);
    expect(r.height).to.be.at.least(44);
    expect(r.left).to.be.at.least(0);
    expect(r.top).to.be.at.least(0);
    expect(r.right).to.be.at.most(hostile.win.innerWidth);
    expect(r.bottom).to.be.at.most(hostile.win.innerHeight);
    expect(button.checkVisibility({ opacityProperty: true, visibilityProperty: true })).to.be.true;
  });
});
