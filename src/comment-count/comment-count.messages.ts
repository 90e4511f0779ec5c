import type { Messages, PluralMessage } from '../internal/i18n.js';

/**
 * Every string `<comment-count>` shows. `count` is chosen through Intl.PluralRules (`{n}` is
 * the count, formatted); `none` is said instead of "0 comments", in each language's own
 * words. Override them with the `messages` property, or `none` with `none-label`.
 */
export type CommentCountMessages = {
  count: PluralMessage;
  none: string;
};

export const messages: Messages<CommentCountMessages> = {
  en: {
    count: { one: '{n} comment', other: '{n} comments' },
    none: 'No comments yet',
  },
  lv: {
    // Latvian's plural "zero" is 10, 11-19, 20, 30...: the genitive plural ("10 komentāru").
    count: { zero: '{n} komentāru', one: '{n} komentārs', other: '{n} komentāri' },
    none: 'Vēl nav komentāru',
  },
  sv: {
    count: { one: '{n} kommentar', other: '{n} kommentarer' },
    none: 'Inga kommentarer än',
  },
  ka: {
    // A Georgian noun after a numeral stays singular.
    count: { other: '{n} კომენტარი' },
    none: 'კომენტარები ჯერ არ არის',
  },
};
