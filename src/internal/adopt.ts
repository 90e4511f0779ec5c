/**
 * What a server render (server-render.ts) left in an element's shadow root: the browser's
 * element takes it over on its first render instead of rendering anew, so it neither
 * fetches again nor moves. Its data comes from the JSON the server wrote, the nodes built
 * from it are kept as they are (ArticleBox, FeedList adopt them), and everything else the
 * server wrote (its `<style>`, Lit's markers, the old base) goes once the first render is in
 * place (`removeServerNodes`).
 */
export interface ServerRender {
  /** The data the server showed (parsed from its `data-<name>`), if any. */
  data: unknown;
  /** The server's base element (`part="base"`). */
  base: Element | undefined;
  /** Every node the server wrote at the top of the shadow root. */
  nodes: ChildNode[];
}

/** The server render in `root` with its `data-<name>`, or undefined when the root is empty (no declarative shadow root). */
export function serverRender(root: ParentNode, name: 'article' | 'articles'): ServerRender | undefined {
  if (!root.firstChild) return undefined;
  // Not `:scope >`: in a shadow root's querySelector, `:scope` matches no element.
  const [base, template] = ['[part~="base"]', `template[data-${name}]`].map((selector) => [...root.children].find((child) => child.matches(selector)));
  let data: unknown;
  try {
    data = template && JSON.parse(template.getAttribute(`data-${name}`)!);
  } catch {
    // Broken data: the element shows what its attributes say, as without a server render.
  }
  return { data, base, nodes: [...root.childNodes] };
}

/** After the first render: what else the server wrote goes (the adopted nodes moved into the render already). */
export function removeServerNodes(server: ServerRender | undefined): void {
  for (const node of server?.nodes ?? []) node.remove();
}
