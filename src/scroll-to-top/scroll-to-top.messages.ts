import type { Messages } from '../internal/i18n.js';

// A type alias, not an interface: only aliases satisfy MessageTable's index signature.
export type ScrollToTopMessages = {
  /** The button's accessible name: where activating it takes the reader. */
  label: string;
};

const messages: Messages<ScrollToTopMessages> = {
  en: { label: 'Back to top' },
  lv: { label: 'Uz lapas sākumu' },
  sv: { label: 'Till toppen' },
  ka: { label: 'ზემოთ დაბრუნება' },
};

export default messages;
