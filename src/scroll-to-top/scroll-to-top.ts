import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { defineElement } from '../internal/define.js';
import { LangController } from '../internal/i18n.js';
import messages from './scroll-to-top.messages.js';
import styles from './scroll-to-top.styles.js';

/**
 * A zero-height marker at the top of the scrolled content. The IntersectionObserver's
 * root is grown upwards by the threshold, so the marker leaves it exactly when the reader
 * has scrolled past the threshold: the browser does the arithmetic and only crossings,
 * not scroll events, wake us. Sideways the root is grown without limit, because only the
 * block axis counts. An absolutely positioned marker scrolls with a container only when
 * the container is its containing block; in any other container it goes in the flow,
 * where at zero height it disturbs nothing (in flex or grid it is one more item: give
 * such a container `position: relative`). Styles go through the CSSOM, which a strict CSP
 * allows, and are `!important` so that no host-page rule can move the marker.
 */
function createMarker(doc: Document, inFlow: boolean): HTMLElement {
  // An undefined custom tag: says what it is in the host page's DOM, and no page styles it.
  const marker = doc.createElement('scroll-to-top-marker');
  marker.setAttribute('aria-hidden', 'true');
  marker.style.cssText =
    (inFlow ? 'position:static!important;' : 'position:absolute!important;top:0!important;left:0!important;') +
    'display:block!important;width:1px!important;height:0!important;margin:0!important;padding:0!important;border:0!important;visibility:hidden!important;pointer-events:none!important';
  return marker;
}

/** Whether `node` is `ancestor` or inside it, crossing shadow roots. */
function composedContains(ancestor: Node, node: Node | null): boolean {
  while (node && node !== ancestor) node = node instanceof ShadowRoot ? node.host : node.parentNode;
  return !!node;
}

/** `querySelector` that treats a malformed selector as matching nothing. */
function query(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/**
 * @tagname scroll-to-top
 * @summary A back-to-top button: appears once the reader has scrolled past a threshold,
 * scrolls the page (or a scroll container) back to the top and moves keyboard focus
 * there; optionally rings itself with the reader's progress.
 *
 * @slot icon - Replaces the default arrow. Give it `aria-hidden="true"`: the button already has a name.
 *
 * @csspart base - The positioned wrapper: fixed in the viewport's corner, or sticky in a scroll container's.
 * @csspart button - The native `<button>`.
 * @csspart icon - The default arrow icon.
 * @csspart progress - The reading-progress ring (an `<svg>`), present with `progress` only.
 *
 * @cssprop [--scroll-to-top-size=3rem] - Width and height of the button; never less than 44px.
 * @cssprop [--scroll-to-top-offset-block=1rem] - Distance from the bottom edge (plus the safe-area inset).
 * @cssprop [--scroll-to-top-offset-inline=1rem] - Distance from the inline-end edge: right in LTR, left in RTL (plus the safe-area inset).
 * @cssprop [--scroll-to-top-z-index=100] - Stacking order above the page.
 * @cssprop [--scroll-to-top-background=var(--lapa-accent-color, light-dark(#1f2937, #e5e7eb))] - Button background.
 * @cssprop [--scroll-to-top-hover-background=the background mixed 18% towards white (dark: black)] - Button background under the pointer.
 * @cssprop [--scroll-to-top-color=var(--lapa-accent-contrast-color, light-dark(#fff, #111827))] - Icon colour.
 * @cssprop [--scroll-to-top-border-radius=50%] - Corner radius of the button.
 * @cssprop [--scroll-to-top-shadow=0 2px 6px rgb(0 0 0 / 0.3)] - Shadow of the button.
 * @cssprop [--scroll-to-top-focus-ring-color=var(--lapa-accent-color, light-dark(#1d4ed8, #93c5fd))] - Keyboard focus outline.
 * @cssprop [--scroll-to-top-progress-color=light-dark(#93c5fd, #1d4ed8)] - The part of the ring already read.
 * @cssprop [--scroll-to-top-progress-track-color=light-dark(#fff4, #0003)] - The rest of the ring.
 *
 * @cssstate visible - The reader is past the threshold (`scroll-to-top:state(visible)`).
 */
export class ScrollToTopElement extends LitElement {
  static override styles = styles;

  // Declared without decorators: the scroll-to-top entry must stay within 9 KB with Lit.
  static override properties = {
    threshold: { type: Number },
    target: {},
    scrollContainer: { attribute: 'scroll-container' },
    label: {},
    progress: { type: Boolean, reflect: true },
    theme: { reflect: true },
    // Internal reactive state, spread so that custom-elements.json does not list it as API.
    ...{ past: { state: true }, yielding: { state: true }, contained: { state: true } },
  };

  /**
   * @internal Whether the progress ring follows the scroll in CSS (a scroll timeline).
   * `undefined` detects support; tests set `false` to exercise the script fallback.
   */
  static scrollTimeline?: boolean;

  static define(tag = 'scroll-to-top', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  private readonly language = new LangController(this);
  private readonly internals = this.attachInternals();
  private observer?: IntersectionObserver;
  private marker?: HTMLElement;
  /** The IntersectionObserver's `rootMargin`, to keep the observer when nothing changed. */
  private margin = '';
  /** The watched scroll container; `null` for the window. */
  private scroller: HTMLElement | null = null;
  private progressSource?: EventTarget;
  private progressFrame = 0;
  private focusFrame = 0;

  /** @internal The reader is past the threshold. */
  private past = false;
  /** @internal The focused element would be under the button, so the button steps aside (WCAG 2.4.11). */
  private yielding = false;
  /** @internal The element sits inside its scroll container and rides in the container's corner. */
  private contained = false;

  /** How far (CSS px) the reader scrolls before the button appears; default: one viewport (or container) height. */
  declare threshold?: number;

  /** CSS selector (in the element's own document or shadow root) of where focus goes after scrolling; default: `main`, else the first `h1`, else the top. */
  declare target?: string;

  /** CSS selector (in the element's own document or shadow root) of the scrolling element to watch instead of the window. */
  declare scrollContainer?: string;

  /** Accessible name of the button, replacing the localised "Back to top". */
  declare label?: string;

  /** Rings the button with how much of the page (or container) has been read. */
  progress = false;

  /** Forces `light` or `dark` colours; by default the page's `color-scheme` decides. */
  declare theme?: 'light' | 'dark';

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('focusin', this.onFocusIn);
    this.ownerDocument.addEventListener('focusout', this.onFocusOut);
    // Lit does not update on reconnection, so watching restarts here.
    if (this.hasUpdated) this.observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('focusin', this.onFocusIn);
    this.ownerDocument.removeEventListener('focusout', this.onFocusOut);
    cancelAnimationFrame(this.focusFrame);
    this.unobserve();
    this.past = false;
    this.syncProgressListener();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Before rendering, because being inside the container changes the layout.
    if (changed.has('scrollContainer') || changed.has('threshold') || !this.observer) this.observe();
  }

  protected override updated(changed: PropertyValues): void {
    this.syncProgressListener();
    if (changed.has('past')) {
      try {
        this.internals.states[this.past ? 'add' : 'delete']('visible');
      } catch {
        // Browsers without CustomStateSet, or with only its `--dashed` form.
      }
    }
  }

  /** (Re)starts watching; keeps the current observer when neither scroller nor threshold changed. */
  private observe(): void {
    if (!this.isConnected) return;
    const doc = this.ownerDocument;
    const selector = this.scrollContainer?.trim();
    let scroller = selector ? query(this.getRootNode() as ParentNode, selector) : null;
    if (selector && !scroller) console.warn(`<scroll-to-top>: nothing matches scroll-container="${selector}"`);
    // The root scroller is the window by another name.
    if (!(scroller instanceof HTMLElement) || scroller === doc.body || scroller === doc.documentElement) scroller = null;
    const threshold = this.threshold;
    const margin = `${(threshold ?? -1) >= 0 ? `${threshold}px` : '100%'} 1e6px 0px 1e6px`;
    if (this.observer && this.scroller === scroller && this.margin === margin) return;
    this.unobserve();
    const marker = createMarker(doc, !!scroller && getComputedStyle(scroller).position === 'static');
    if (scroller) scroller.prepend(marker);
    else doc.documentElement.append(marker);
    this.observer = new IntersectionObserver((entries) => (this.past = !entries[entries.length - 1]!.isIntersecting), {
      root: scroller ?? doc,
      rootMargin: margin,
    });
    this.observer.observe(marker);
    this.marker = marker;
    this.margin = margin;
    this.scroller = scroller;
    this.contained = !!scroller && composedContains(scroller, this);
  }

  private unobserve(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.marker?.remove();
  }

  /** Whether the ring follows the scroll in CSS alone, with no script at all. */
  private get timeline(): boolean {
    // `scroll(nearest)` finds a container only from inside it.
    return (ScrollToTopElement.scrollTimeline ?? CSS.supports('animation-timeline:scroll()')) && (!this.scroller || this.contained);
  }

  /** The ring's script fallback: one passive listener, only while a ring needs it. */
  private syncProgressListener(): void {
    const source = this.isConnected && this.progress && !this.timeline ? (this.scroller ?? this.ownerDocument.defaultView!) : undefined;
    if (source === this.progressSource) return;
    this.progressSource?.removeEventListener('scroll', this.onScroll);
    cancelAnimationFrame(this.progressFrame);
    this.progressFrame = 0;
    this.progressSource = source;
    if (source) {
      source.addEventListener('scroll', this.onScroll, { passive: true });
      this.paintProgress();
    }
  }

  /** At most one measurement per frame, however many scroll events arrive. */
  private readonly onScroll = (): void => {
    this.progressFrame ||= requestAnimationFrame(() => {
      this.progressFrame = 0;
      this.paintProgress();
    });
  };

  private paintProgress(): void {
    const el = this.scroller ?? this.ownerDocument.documentElement;
    const range = el.scrollHeight - el.clientHeight;
    this.renderRoot.querySelector<HTMLElement>('.base')?.style.setProperty('--_progress', `${range > 0 ? Math.min(1, el.scrollTop / range) : 0}`);
  }

  /**
   * WCAG 2.4.11: a focused control that fits on screen never ends up under the button,
   * which steps aside until focus moves on. Measured a frame after focus moves, once the
   * browser has scrolled the control into view. A focused region larger than the screen
   * (a `main` with tabindex) stays visible around a 44px button, so it does not count.
   */
  private readonly onFocusIn = (event: FocusEvent): void => {
    cancelAnimationFrame(this.focusFrame);
    const focused = event.composedPath()[0] as Element;
    if (event.target === this) {
      this.yielding = false;
      return;
    }
    this.focusFrame = requestAnimationFrame(() => {
      const f = focused.getBoundingClientRect();
      const b = this.renderRoot.querySelector('button')!.getBoundingClientRect();
      const view = this.ownerDocument.documentElement;
      this.yielding =
        f.width <= view.clientWidth && f.height <= view.clientHeight && f.left < b.right && f.right > b.left && f.top < b.bottom && f.bottom > b.top;
    });
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    if (!event.relatedTarget) {
      cancelAnimationFrame(this.focusFrame);
      this.yielding = false;
    }
  };

  private handleClick(): void {
    const view = this.ownerDocument.defaultView!;
    (this.scroller ?? view).scrollTo({ top: 0, behavior: view.matchMedia('(prefers-reduced-motion:reduce)').matches ? 'instant' : 'smooth' });
    this.moveFocus();
  }

  /**
   * Focus follows the reader to the top, so the next Tab continues from there and a
   * screen reader announces where they landed: `target`, else `main`, else the first
   * `h1` (inside the container when there is one), else the container or the body.
   * An element that cannot take focus gets tabindex="-1" until it loses focus.
   */
  private moveFocus(): void {
    const root = this.getRootNode() as ParentNode;
    const scope = this.scroller ?? root;
    for (const el of [
      this.target && query(root, this.target),
      scope.querySelector('main'),
      scope.querySelector('h1'),
      this.scroller ?? this.ownerDocument.body,
    ]) {
      if (!(el instanceof HTMLElement || el instanceof SVGElement)) continue;
      // Not `:focus`, which stays false while the window itself lacks focus.
      const takes = (): boolean => {
        el.focus({ preventScroll: true });
        return (el.getRootNode() as Document | ShadowRoot).activeElement === el;
      };
      if (takes()) return;
      if (el.hasAttribute('tabindex')) continue;
      el.tabIndex = -1;
      if (takes()) {
        el.addEventListener('blur', () => el.removeAttribute('tabindex'), { once: true });
        return;
      }
      el.removeAttribute('tabindex');
    }
  }

  override render(): TemplateResult {
    const shown = this.past && !this.yielding;
    return html`<div part="base" class="base ${this.contained ? 'contained' : 'fixed'} ${shown ? 'shown' : ''}" .inert=${!shown}>
      <button part="button" class="button" type="button" aria-label=${this.label || messages[this.language.ui].label} @click=${this.handleClick}>
        ${this.progress
          ? html`<svg part="progress" class="progress ${this.timeline ? 'timeline' : ''}" viewBox="0 0 48 48" aria-hidden="true">
              <circle class="track" cx="24" cy="24" r="22.5"></circle>
              <circle class="indicator" cx="24" cy="24" r="22.5" pathLength="100"></circle>
            </svg>`
          : nothing}
        <slot name="icon"><svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 19V5M5 12l7-7 7 7"></path></svg></slot>
      </button>
    </div>`;
  }
}
