/**
 * A `card` shows its tags on one row, so cards in a row keep the height their skeleton
 * reserved (layout shift 0); the tags that do not fit are not cut silently: a "+N" item
 * ends the row, with the count read out in words ("3 more tags"). The card fits the row
 * whenever its width changes, from a ResizeObserver, whose callback runs after layout and
 * before paint, so a reader never sees the unfitted row.
 */

/** The "+N" item of a tag row, and what it says for a count. */
export interface MoreTags {
  readonly item: HTMLElement;
  /** Tags the card does not render at all (past its cap), counted in N too. */
  readonly dropped: number;
  readonly say: (n: number) => { visible: string; spoken: string };
}

/** Hides the tags that start past the first line and says how many in the "+N" item. */
export function fitTags(list: HTMLElement, more: MoreTags): void {
  const tags = [...list.children].filter((child): child is HTMLElement => child !== more.item) as HTMLElement[];
  for (const tag of tags) tag.hidden = false;
  more.item.hidden = true;
  if (!tags.length) return;
  const top = tags[0]!.offsetTop;
  let shown = tags.findIndex((tag) => tag.offsetTop > top);
  if (shown === -1) shown = tags.length;
  if (shown === tags.length && !more.dropped) return;
  const show = () => {
    tags.forEach((tag, i) => (tag.hidden = i >= shown));
    const { visible, spoken } = more.say(tags.length - shown + more.dropped);
    more.item.firstElementChild!.textContent = visible;
    more.item.lastElementChild!.textContent = spoken;
    more.item.hidden = false;
  };
  show();
  // The "+N" needs room on the line too: give it the places of the last tags until it fits.
  while (shown > 1 && more.item.offsetTop > top) {
    shown -= 1;
    show();
  }
}
