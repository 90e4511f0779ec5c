/** The words `<comment-box>` shows: its language's table, with the page's overrides. */
import { labelAttribute, message, plural } from '../internal/i18n.js';
import type { PluralMessage } from '../internal/i18n.js';
import { messages } from './comment-box.messages.js';
import type { CommentBoxMessageKey, CommentBoxMessages } from './comment-box.messages.js';
import type { Problem } from './problems.js';

/** The words of the element's language, overrides applied. */
export interface Texts {
  /** The element's language. */
  readonly lang: string;
  /** A message; with `n`, its plural form for that count. */
  t(key: CommentBoxMessageKey, n?: number): string;
  /** A problem in words. */
  say(problem: Problem): string;
}

/**
 * The words of `host`: a plain string's `<kebab-key>-label` attribute, else the
 * `messages` property, else the table of the language `lang()`.
 */
export function textsFor(host: HTMLElement & { messages?: Partial<CommentBoxMessages> }, lang: () => string): Texts {
  const texts: Texts = {
    get lang() {
      return lang();
    },
    t(key, n) {
      const text = message(messages, lang(), key, host.messages);
      return n === undefined ? (host.getAttribute(labelAttribute(key)) ?? (text as string)) : plural(text as PluralMessage, n, lang());
    },
    say: ({ key, n, kept, quote }) => `${texts.t(key, n)}${quote ? ` “${quote}”` : ''}${kept ? ` ${texts.t('kept')}` : ''}`,
  };
  return texts;
}
