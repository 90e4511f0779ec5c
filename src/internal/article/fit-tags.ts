/**
 * A `card` shows its tags on one row, so cards in a row keep the height their skeleton
 * reserved (layout shift 0); the tags that do not fit are not cut silently: a "+N" item
 * at the row's end says how many. The row clips what does not fit (those tags stay in
 * the accessibility tree, so screen readers still read every tag), and the card fits the
 * count whenever the row's width changes, from a ResizeObserver, whose callback runs
 * after layout and before paint. Tags are never hidden one by one: what a tag element
 * looks like does not depend on the layout.
 */

/** The "+N" item of a tag row, and what it says for a count. */
export interface MoreTags {
  readonly item: HTMLElement;
  /** Tags the card does not render at all (past its cap), counted in N too. */
  readonly dropped: number;
  /** The visible "+N", and the words read out for the tags that are not rendered. */
  readonly say: (n: number) => { visible: string; spoken: string };
}

/** Shows "+N" when tags are clipped off the row or dropped (`one row`), else hides it. */
export function fitTags(list: HTMLElement, more: MoreTags, oneRow: boolean): void {
  const tags = [...list.children].filter((child) => child !== more.item) as HTMLElement[];
  const clipped = () => {
    const top = tags[0]?.offsetTop ?? 0;
    return oneRow ? tags.filter((tag) => tag.offsetTop > top).length : 0;
  };
  list.classList.remove('overflowing');
  let n = clipped();
  if (n) {
    // Room for the "+N" at the row's end; fewer tags fit beside it.
    list.classList.add('overflowing');
    n = clipped();
  }
  more.item.hidden = !(n + more.dropped);
  if (more.item.hidden) return;
  more.item.firstElementChild!.textContent = more.say(n + more.dropped).visible;
  more.item.lastElementChild!.textContent = more.dropped ? more.say(more.dropped).spoken : '';
}
