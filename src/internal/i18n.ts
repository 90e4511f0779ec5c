/**
 * Language resolution, Intl formatting with our own fallbacks where the browser lacks a
 * shipped language, and typed message tables. No page-wide singleton: each element asks
 * for its own language and keeps its own overrides.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const SHIPPED_LANGS = ['en', 'lv', 'sv', 'ka'] as const;
export type Lang = (typeof SHIPPED_LANGS)[number];

/** A message with plural forms, chosen through Intl.PluralRules; `{n}` is the count. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** One language's strings for one element: plain strings and plural messages. */
export type MessageTable = Record<string, string | PluralMessage>;

/** All shipped languages of one element's table; `en` defines the keys. */
export type Messages<T extends MessageTable> = { en: T } & Record<Exclude<Lang, 'en'>, { [K in keyof T]: T[K] }>;

/** The language tag that applies to `el`: its own `lang`, the nearest ancestor's
 * (walking up through shadow hosts), `<html lang>`, the browser's, else `en`. */
export function resolveLang(el: Element): string {
  for (let node: Element | undefined = el; node; node = (node.getRootNode() as ShadowRoot).host) {
    const lang = node.closest('[lang]:not([lang=""])')?.getAttribute('lang');
    if (lang) return lang;
  }
  return (typeof navigator !== 'undefined' && navigator.language) || 'en';
}

/** The shipped language for a tag: `lv-LV` -> `lv`, `nb` -> `en`. */
export function shippedLang(tag: string): Lang {
  const base = tag.toLowerCase().split(/[-_]/)[0] as Lang;
  return SHIPPED_LANGS.includes(base) ? base : 'en';
}

const intlCache = new Map<string, unknown>();
/**
 * One Intl object per kind, locale and options. Creating an Intl.DateTimeFormat costs far
 * more than formatting with one, and a list formats a date per item on every render (a
 * 1,000-comment thread spent 80% of each keystroke there). Pure memoisation.
 */
function intl<T>(Kind: new (locale: string, options?: object) => T, locale: string, options?: object): T {
  const key = `${Kind.name} ${locale} ${JSON.stringify(options)}`;
  if (!intlCache.has(key)) intlCache.set(key, new Kind(locale, options));
  return intlCache.get(key) as T;
}

const supportCache = new Map<string, boolean>();
/** Whether this browser's Intl really has date and number data for `lang`. */
export function intlSupports(lang: string): boolean {
  if (!supportCache.has(lang)) {
    let ok = false;
    try {
      ok = Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 && Intl.NumberFormat.supportedLocalesOf(lang).length > 0;
    } catch {
      // An invalid tag: it supports nothing.
    }
    supportCache.set(lang, ok);
  }
  return supportCache.get(lang)!;
}

/** The locale Intl formats `lang` in, or undefined for Georgian where Intl lacks it. */
const intlLocale = (lang: string): string | undefined => {
  const shipped = shippedLang(lang);
  return intlSupports(lang) ? lang : shipped === 'ka' && !intlSupports('ka') ? undefined : shipped;
};

// Georgian (CLDR), for browsers whose Intl has no `ka` (Chromium's bundled ICU). A function,
// so that entries which format no dates (scroll-to-top) leave it out.
const kaMonths = (): string[] => 'იანვარი თებერვალი მარტი აპრილი მაისი ივნისი ივლისი აგვისტო სექტემბერი ოქტომბერი ნოემბერი დეკემბერი'.split(' ');

export interface DateStyle {
  /** Include the time of day. */
  time?: boolean;
  timeZone?: string;
}

/** A date as the reader's language writes it ("2021. gada 15. oktobris", "15 ოქტომბერი, 2021"). */
export function formatDate(date: Date, lang: string, style: DateStyle = {}): string {
  const locale = intlLocale(lang);
  if (locale) return intl(Intl.DateTimeFormat, locale, { dateStyle: 'long', timeStyle: style.time ? 'short' : undefined, timeZone: style.timeZone }).format(date);
  return georgianDate(date, style);
}

/**
 * A date in Georgian from our own table, for engines whose Intl has no `ka`: the CLDR form
 * that engines with Georgian data print for `dateStyle: 'long'` (and `timeStyle: 'short'`).
 * Exported for the test that compares the two where both exist.
 */
export function georgianDate(date: Date, style: DateStyle = {}): string {
  // Georgian fields in the reader's (or the requested) zone, via an Intl that always exists.
  const parts = intl(Intl.DateTimeFormat, 'en-US', {
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZone: style.timeZone,
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${get('day')} ${kaMonths()[get('month') - 1]}, ${get('year')}`;
  return style.time ? `${text}, ${pad(get('hour') % 24)}:${pad(get('minute'))}` : text;
}

/** A number as the reader's language writes it (Georgian: "1 234"). */
export function formatNumber(n: number, lang: string): string {
  const locale = intlLocale(lang);
  return locale ? intl(Intl.NumberFormat, locale).format(n) : georgianNumber(n);
}

/** A number in Georgian where Intl lacks it: Latvian's CLDR form is Georgian's (no-break space groups, comma decimals). */
export const georgianNumber = (n: number): string => intl(Intl.NumberFormat, 'lv').format(n);

/** The attribute that overrides message `key` on an element: `readMore` -> `read-more-label`. */
export const labelAttribute = (key: string): string => `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-label`;

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Chooses the plural form for `n` and fills `{n}` (formatted). */
export function plural(message: PluralMessage, n: number, lang: string): string {
  const form = intl(Intl.PluralRules, shippedLang(lang)).select(n);
  const template = message[form] ?? message.other;
  return fill(template, { n: formatNumber(n, lang) });
}

/**
 * Looks a message up: an override (from a `*-label` attribute or the `messages`
 * property) wins, then the language's table, then English.
 */
export function message<T extends MessageTable, K extends keyof T>(
  table: Messages<T>,
  lang: string,
  key: K,
  overrides?: Partial<T>,
): T[K] {
  return (overrides?.[key] ?? table[shippedLang(lang)][key] ?? table.en[key]) as T[K];
}

/**
 * Keeps a host's resolved language current: re-renders when its own `lang`, an
 * ancestor's (through shadow roots) or `<html lang>` changes. One MutationObserver per
 * element, filtered to `lang` attributes, so it costs nothing while nothing changes.
 */
export class LangController implements ReactiveController {
  value = 'en';
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.value = resolveLang(this.host);
    this.observer = new MutationObserver(() => this.refresh());
    // The host's tree and every tree it is nested in, up to the document.
    for (let node: Element | undefined = this.host; node; node = (node.getRootNode() as ShadowRoot).host) {
      const root = node.getRootNode();
      this.observer.observe(root instanceof Document ? root.documentElement : root, { attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Re-reads the language now (also called by the host when its `lang` property changes). */
  refresh(): void {
    const next = resolveLang(this.host);
    if (next !== this.value) {
      this.value = next;
      this.host.requestUpdate();
    }
  }

  /** The shipped language the UI is shown in. */
  get ui(): Lang {
    return shippedLang(this.value);
  }
}
