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
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
      node = node.parentNode;
    } else if (node instanceof ShadowRoot) {
      node = node.host;
    } else {
      node = node.parentNode;
    }
  }
  return (typeof navigator !== 'undefined' && navigator.language) || 'en';
}

/** The shipped language for a tag: `lv-LV` -> `lv`, `nb` -> `en`. */
export function shippedLang(tag: string): Lang {
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return (SHIPPED_LANGS as readonly string[]).includes(base!) ? (base as Lang) : 'en';
}

const supportCache = new Map<string, boolean>();
/** Whether this browser's Intl really has date and number data for `lang`. */
export function intlSupports(lang: string): boolean {
  let ok = supportCache.get(lang);
  if (ok === undefined) {
    try {
      ok = Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0 && Intl.NumberFormat.supportedLocalesOf([lang]).length > 0;
    } catch {
      ok = false;
    }
    supportCache.set(lang, ok);
  }
  return ok;
}

/**
 * Stand-ins for the Georgian letters ა (U+10D0) to ჰ (U+10F0), in order. The build
 * (scripts/compact-georgian.mjs) writes each shipped Georgian string as DEL (U+007F) and
 * these one-byte characters instead of UTF-8's three bytes per letter: the tables cost a
 * third, and the script-tag bundle stays ASCII, so it reads right on a page in any charset.
 */
export const KA_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ#%&*+<>';

/** A string as written in the sources: compacted Georgian expanded, anything else as is. */
export const expand = (s: string): string =>
  s[0] === '\x7f' ? s.slice(1).replace(/[A-Z#%&*+<>]/g, (c) => String.fromCharCode(0x10d0 + KA_CODES.indexOf(c))) : s;

// Georgian (CLDR), for browsers whose Intl has no `ka` (Chromium's bundled ICU). A function,
// so that entries which format no dates (scroll-to-top) leave it out.
const kaMonths = (): string[] => expand('იანვარი თებერვალი მარტი აპრილი მაისი ივნისი ივლისი აგვისტო სექტემბერი ოქტომბერი ნოემბერი დეკემბერი').split(' ');

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export interface DateStyle {
  /** Include the time of day. */
  time?: boolean;
  timeZone?: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * Creating an Intl.DateTimeFormat costs far more than formatting with one, and a list
 * formats a date per item on every render (a 1,000-comment thread spent 80% of each
 * keystroke here), so there is one per locale and options. Pure memoisation.
 */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A date as the reader's language writes it ("2021. gada 15. oktobris", "15 ოქტომბერი, 2021"). */
export function formatDate(date: Date, lang: string, style: DateStyle = {}): string {
  const shipped = shippedLang(lang);
  if (shipped === 'ka' && !intlSupports('ka')) {
    // Fields in the reader's (or the requested) zone, via an Intl that always exists.
    const parts = dateFormat('en-US', {
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
      timeZone: style.timeZone,
    }).formatToParts(date);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const text = `${get('day')} ${kaMonths()[get('month') - 1]}, ${get('year')}`;
    return style.time ? `${text}, ${pad(get('hour') % 24)}:${pad(get('minute'))}` : text;
  }
  const locale = intlSupports(lang) ? lang : shipped;
  return dateFormat(locale, {
    dateStyle: 'long',
    ...(style.time ? { timeStyle: 'short' } : {}),
    timeZone: style.timeZone,
  }).format(date);
}

/** A number as the reader's language writes it (Georgian: "1 234"). */
export function formatNumber(n: number, lang: string): string {
  const shipped = shippedLang(lang);
  if (shipped === 'ka' && !intlSupports('ka')) {
    // Same grouping as Latvian and Swedish: a no-break space, decimal comma.
    return numberFormat('lv').format(n);
  }
  return numberFormat(intlSupports(lang) ? lang : shipped).format(n);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** One per locale, for the same reason as dateFormat(). */
function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

const pluralCache = new Map<string, Intl.PluralRules>();
function pluralRules(lang: Lang): Intl.PluralRules {
  let rules = pluralCache.get(lang);
  if (!rules) pluralCache.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Chooses the plural form for `n` and fills `{n}` (formatted) and any other values. */
export function plural(message: PluralMessage, n: number, lang: string, values: Record<string, string | number> = {}): string {
  const shipped = shippedLang(lang);
  const form = pluralRules(shipped).select(n);
  const template = message[form] ?? message.other;
  return fill(template, { n: formatNumber(n, lang), ...values });
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
  return (overrides?.[key] ?? expanded(table[shippedLang(lang)])[key] ?? table.en[key]) as T[K];
}

const expandedTables = new WeakSet<MessageTable>();
/** A shipped table with its compacted strings expanded, once, in place. */
function expanded<T extends MessageTable>(table: T): T {
  if (!expandedTables.has(table)) {
    expandedTables.add(table);
    for (const [key, value] of Object.entries(table)) {
      (table as MessageTable)[key] =
        typeof value === 'string' ? expand(value) : (Object.fromEntries(Object.entries(value).map(([form, s]) => [form, expand(s)])) as PluralMessage);
    }
  }
  return table;
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
    let root: Node = this.host.getRootNode();
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    for (;;) {
      this.observer.observe(root instanceof Document ? root.documentElement : root, {
        attributes: true,
        attributeFilter: ['lang'],
        subtree: true,
      });
      if (!(root instanceof ShadowRoot)) break;
      root = root.host.getRootNode();
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
