/**
 * What a server render (news-card.ssr.ts) left in a card's shadow root: the browser's
 * element takes it over on its first render instead of rendering anew, so the card neither
 * fetches again nor moves. Its article comes from the JSON the server wrote, its `<article>` and
 * `full` body are kept as they are (ArticleBox adopts them), and everything else the server
 * wrote (its `<style>`, Lit's markers, the old base) goes once the first render is in place.
 */
export interface ServerRender {
  /** The article the server showed (parsed from its `data-article`), if any. */
  article: unknown;
  /** The server's `<article>` element and its `full` body. */
  box: HTMLElement | null;
  body: HTMLElement | null;
  /** Every node the server wrote at the top of the shadow root. */
  nodes: ChildNode[];
}

/** The server render in `root`, or undefined when the root is empty (no declarative shadow root). */
export function serverRender(root: ParentNode): ServerRender | undefined {
  if (!root.firstChild) return undefined;
  // Not `:scope >`: in a shadow root's querySelector, `:scope` matches no element.
  const [base, data] = ['.base', 'template[data-article]'].map((selector) => [...root.children].find((child) => child.matches(selector)));
  let article: unknown;
  try {
    article = data && JSON.parse(data.getAttribute('data-article')!);
  } catch {
    // Broken data: the card shows what its attributes say, as without a server render.
  }
  const box = base?.querySelector<HTMLElement>(':scope > article') ?? null;
  return { article, box, body: box && box.querySelector(':scope > .content > .body'), nodes: [...root.childNodes] };
}
