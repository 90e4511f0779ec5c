/** Flat comment lists (each reply names its parent) to threads, and back. */
import type { CommentData } from '../internal/data.js';

export interface ThreadNode {
  comment: CommentData;
  children: ThreadNode[];
}

/**
 * Builds the threads in list order. A reply whose parent is not in the list is shown as
 * a thread of its own rather than lost; a later duplicate of an id is dropped.
 */
export function buildThreads(comments: readonly CommentData[]): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  for (const comment of comments) if (!nodes.has(comment.id)) nodes.set(comment.id, { comment, children: [] });
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.comment.parent!);
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  return roots;
}

/** Every comment under `nodes`, each after its parent (depth first, iteratively: threads may be deep). */
export function flatten(nodes: readonly ThreadNode[]): ThreadNode[] {
  const out: ThreadNode[] = [];
  const stack = [...nodes].reverse();
  for (let node; (node = stack.pop()); ) {
    out.push(node);
    for (let i = node.children.length; i--; ) stack.push(node.children[i]!);
  }
  return out;
}
