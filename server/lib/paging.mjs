// @ts-check
// Pages of threads under a byte budget. A page holds up to per_page top-level threads,
// each followed by its replies depth first; when the budget runs out inside a thread,
// the thread's root carries `replies_next`, the URL of the thread's next part (protocol
// v1.1), and the page ends there. The work per page is bounded by the threads on it,
// never by the size of the article: top-level threads are found with a keyset cursor
// on an index, the article's total is a maintained count.

/** The answer's hard limit, well below the 2 MB the element accepts. */
export const MAX_PAGE_BYTES = 512 * 1024;
// Room for everything that is not a comment: open, total, next, token, the commas.
const ENVELOPE_BYTES = 4096;
// What one `"replies_next":"…"` member may add (links are built from a bounded Host).
const LINK_BYTES = 700;
// A serialised comment's id and parent, counted at their longest.
const ID_PLACEHOLDER = '9'.repeat(15);

/**
 * @typedef {{
 *   id: number | string, article_id: string, parent_id: number | string | null,
 *   thread_id: number | string, author_name: string, author_url: string | null,
 *   text: string, status: string, created_at: string, visible: number | boolean,
 *   wire_bytes: number, child_count?: number | string, thread_size?: number | string,
 * }} CommentRow
 * @typedef {{ id: number | string, parent_id: number | string | null, created_at: string, wire_bytes: number }} SkeletonRow
 * @typedef {{ createdAt: string, id: string }} Cursor
 */

/** A stored row as the protocol shows it: never the email, never the status. */
export function toWire(/** @type {Pick<CommentRow, 'id' | 'parent_id' | 'author_name' | 'author_url' | 'text' | 'created_at'>} */ row) {
  return {
    id: String(row.id),
    parent: row.parent_id === null ? null : String(row.parent_id),
    author: row.author_url ? { name: row.author_name, url: row.author_url } : { name: row.author_name },
    text: row.text,
    date: row.created_at,
  };
}

/**
 * The most bytes a comment can take in an answer, stored with it so a page can be
 * budgeted without reading every text.
 * @param {{ parent_id: unknown, author_name: string, author_url: string | null, text: string, created_at: string }} row
 */
export function wireBytes(row) {
  const wire = toWire({ ...row, id: ID_PLACEHOLDER, parent_id: row.parent_id === null ? null : ID_PLACEHOLDER });
  return Buffer.byteLength(JSON.stringify(wire)) + 1;
}

// The last thread's time (milliseconds, base 36) and id: short, and opaque to clients.
const CURSOR = /^([0-9a-z]{1,11})\.([1-9][0-9]{0,14})$/;

/** @param {Cursor} cursor */
export const formatCursor = ({ createdAt, id }) => `${Date.parse(createdAt).toString(36)}.${id}`;

/** @param {string | null} value @returns {Cursor | null} null: absent or malformed (first page) */
export function parseCursor(value) {
  const match = value === null ? null : CURSOR.exec(value);
  if (!match) return null;
  const time = parseInt(match[1], 36);
  // Stored times are toISOString() output, so this gives back the stored text exactly.
  if (!Number.isSafeInteger(time) || time > 8.64e15) return null;
  return { createdAt: new Date(time).toISOString(), id: match[2] };
}

/** @param {{ created_at: string, id: unknown }} a @param {{ created_at: string, id: unknown }} b */
const byTime = (a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : Number(a.id) - Number(b.id));

/**
 * The visible replies of one thread in display order: depth first, siblings oldest first.
 * @param {string} rootId
 * @param {SkeletonRow[]} rows the thread's visible replies, any order
 */
export function repliesInOrder(rootId, rows) {
  /** @type {Map<string, SkeletonRow[]>} */
  const children = new Map();
  for (const row of rows) {
    const parent = String(row.parent_id);
    const list = children.get(parent);
    if (list) list.push(row);
    else children.set(parent, [row]);
  }
  for (const list of children.values()) list.sort(byTime);
  /** @type {SkeletonRow[]} */
  const out = [];
  // Iterative, because reply chains may be arbitrarily deep.
  const stack = [...(children.get(rootId) ?? [])].reverse();
  while (stack.length > 0) {
    const row = /** @type {SkeletonRow} */ (stack.pop());
    out.push(row);
    const kids = children.get(String(row.id));
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/**
 * @typedef {{
 *   roots(q: { articleId: string, order: 'oldest' | 'newest', after: Cursor | null, offset: number, limit: number }): Promise<CommentRow[]> | CommentRow[],
 *   threadReplies(threadIds: string[]): Promise<SkeletonRow[]> | SkeletonRow[],
 *   children(parentId: string, after: Cursor | null, limit: number): Promise<WalkRow[]> | WalkRow[],
 *   commentsByIds(ids: string[]): Promise<CommentRow[]> | CommentRow[],
 *   getComment(id: string): Promise<CommentRow | undefined> | CommentRow | undefined,
 * }} PageSource
 * @typedef {SkeletonRow & { child_count: number | string }} WalkRow
 * @typedef {(query: Record<string, string>) => string} LinkFor
 */

/**
 * Up to this many listed replies, a thread's replies are read in one query (ids, parents,
 * times, sizes) and put in order in memory; a bigger thread is walked depth first a batch
 * of children at a time, so a page of it costs what the page holds, not what the thread
 * holds.
 */
export const SKELETON_MAX_REPLIES = 2000;
export const WALK_BATCH = 100;

/** Depth first over one thread's listed replies, reading a batch of children at a time. */
class ThreadWalk {
  /**
   * @param {PageSource} store
   * @param {{ parent: string, after: Cursor | null, buffer: WalkRow[], done: boolean }[]} stack
   * @param {number} batch children read per query
   */
  constructor(store, stack, batch) {
    this.store = store;
    this.stack = stack;
    this.batch = batch;
  }

  /** From the thread's first reply. @param {PageSource} store @param {CommentRow} root @param {number} batch */
  static fromStart(store, root, batch) {
    return new ThreadWalk(store, [{ parent: String(root.id), after: null, buffer: [], done: Number(root.child_count ?? 1) === 0 }], batch);
  }

  /**
   * From the reply after `afterId` in display order: that reply's own replies first, then
   * its later siblings, then its ancestors' later siblings. From the start when the reply
   * is gone or not in this thread.
   * @param {PageSource} store @param {CommentRow} root @param {string} afterId @param {number} batch
   */
  static async resume(store, root, afterId, batch) {
    const at = await store.getComment(afterId);
    if (!at || !at.visible || String(at.thread_id) !== String(root.id) || at.parent_id === null) return ThreadWalk.fromStart(store, root, batch);
    /** @type {CommentRow[]} */
    const path = [];
    for (let node = at; node.parent_id !== null; ) {
      path.unshift(node);
      const parent = await store.getComment(String(node.parent_id));
      if (!parent) return ThreadWalk.fromStart(store, root, batch);
      node = parent;
    }
    const stack = [];
    let parent = String(root.id);
    for (const node of path) {
      stack.push({ parent, after: { createdAt: node.created_at, id: String(node.id) }, buffer: [], done: false });
      parent = String(node.id);
    }
    stack.push({ parent, after: null, buffer: [], done: Number(at.child_count ?? 1) === 0 });
    return new ThreadWalk(store, stack, batch);
  }

  /** @returns {Promise<WalkRow | null>} the next reply in display order */
  async next() {
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.buffer.length === 0) {
        if (top.done) {
          this.stack.pop();
          continue;
        }
        const batch = await this.store.children(top.parent, top.after, this.batch);
        if (batch.length < this.batch) top.done = true;
        if (batch.length === 0) {
          this.stack.pop();
          continue;
        }
        top.buffer = batch;
      }
      const row = /** @type {WalkRow} */ (top.buffer.shift());
      top.after = { createdAt: row.created_at, id: String(row.id) };
      this.stack.push({ parent: String(row.id), after: null, buffer: [], done: Number(row.child_count) === 0 });
      return row;
    }
    return null;
  }

  /** The replies that fit in `budget` bytes, and whether any are left. @param {number} budget */
  async take(budget) {
    /** @type {WalkRow[]} */
    const part = [];
    let used = 0;
    for (;;) {
      const row = await this.next();
      if (!row) return { part, cut: false };
      if (used + row.wire_bytes > budget) return { part, cut: true };
      part.push(row);
      used += row.wire_bytes;
    }
  }
}

/** @param {CommentRow} root @param {number} skeletonMax */
const isSmall = (root, skeletonMax) => root.thread_size === undefined || Number(root.thread_size) <= skeletonMax;

/**
 * A page of top-level threads.
 * `next` carries the page number (for clients and logs that count pages) and the
 * cursor, which is what decides where the next page starts: a page can end early.
 * @param {PageSource} store
 * @param {{ articleId: string, order: 'oldest' | 'newest', perPage: number, pageNumber: number, after: Cursor | null, offset: number,
 *   maxBytes?: number, skeletonMax?: number, walkBatch?: number, link: LinkFor }} q
 * @returns {Promise<{ comments: object[], next: string | null }>}
 */
export async function threadPage(
  store,
  { articleId, order, perPage, pageNumber, after, offset, maxBytes = MAX_PAGE_BYTES, skeletonMax = SKELETON_MAX_REPLIES, walkBatch = WALK_BATCH, link },
) {
  const roots = await store.roots({ articleId, order, after, offset, limit: perPage + 1 });
  const onPage = roots.slice(0, perPage);
  // Small threads (nearly all) in one query; big ones are walked when their turn comes.
  const small = onPage.filter((root) => isSmall(root, skeletonMax) && Number(root.child_count ?? 1) > 0).map((root) => String(root.id));
  const replies = small.length > 0 ? await store.threadReplies(small) : [];
  /** @type {Map<string, SkeletonRow[]>} */
  const byThread = new Map();
  for (const row of replies) {
    // threadReplies rows carry thread_id; SkeletonRow does not need it elsewhere.
    const thread = String(/** @type {any} */ (row).thread_id);
    const list = byThread.get(thread);
    if (list) list.push(row);
    else byThread.set(thread, [row]);
  }

  let budget = maxBytes - ENVELOPE_BYTES;
  /** @type {{ root: CommentRow, replies: SkeletonRow[], more: string | null }[]} */
  const taken = [];
  for (const root of onPage) {
    // A root always fits on an empty page (a comment is far below the budget).
    if (taken.length > 0 && root.wire_bytes + LINK_BYTES > budget) {
      break;
    }
    budget -= root.wire_bytes;
    const { part, cut } = isSmall(root, skeletonMax)
      ? takeWithin(repliesInOrder(String(root.id), byThread.get(String(root.id)) ?? []), budget - LINK_BYTES)
      : await ThreadWalk.fromStart(store, root, walkBatch).take(budget - LINK_BYTES);
    budget -= part.reduce((sum, row) => sum + row.wire_bytes, 0);
    const more = cut ? link({ thread: String(root.id), ...(part.length > 0 ? { after: String(part.at(-1)?.id) } : {}) }) : null;
    taken.push({ root, replies: part, more });
    if (cut) {
      budget -= LINK_BYTES;
      break;
    }
  }

  const rows = await rowsById(
    store,
    taken.flatMap((t) => t.replies.map((row) => String(row.id))),
  );
  const comments = [];
  for (const { root, replies: part, more } of taken) {
    comments.push(more ? { ...toWire(root), replies_next: more } : toWire(root));
    for (const reply of part) {
      const row = rows.get(String(reply.id));
      if (row) comments.push(toWire(row));
    }
  }
  const last = taken.at(-1)?.root;
  const hasMore = taken.length < onPage.length || roots.length > perPage;
  const next =
    last && hasMore
      ? link({ page: String(pageNumber + 1), per_page: String(perPage), order, after: formatCursor({ createdAt: last.created_at, id: String(last.id) }) })
      : null;
  return { comments, next };
}

/**
 * The next part of one thread's replies, after the reply `after` (from the start when
 * absent, or when that reply has gone since: clients drop ids they already show).
 * @param {PageSource} store
 * @param {{ articleId: string, threadId: string, after: string | null, maxBytes?: number, skeletonMax?: number, walkBatch?: number, link: LinkFor }} q
 */
export async function repliesPage(
  store,
  { articleId, threadId, after, maxBytes = MAX_PAGE_BYTES, skeletonMax = SKELETON_MAX_REPLIES, walkBatch = WALK_BATCH, link },
) {
  const root = await store.getComment(threadId);
  if (!root || root.article_id !== articleId || root.parent_id !== null || !root.visible) return { comments: [], next: null };
  const budget = maxBytes - ENVELOPE_BYTES - LINK_BYTES;
  let taken;
  if (isSmall(root, skeletonMax)) {
    const ordered = repliesInOrder(threadId, await store.threadReplies([threadId]));
    let start = 0;
    if (after !== null) {
      const at = ordered.findIndex((row) => String(row.id) === after);
      start = at < 0 ? 0 : at + 1;
    }
    taken = takeWithin(ordered.slice(start), budget);
  } else {
    const walk = after === null ? ThreadWalk.fromStart(store, root, walkBatch) : await ThreadWalk.resume(store, root, after, walkBatch);
    taken = await walk.take(budget);
  }
  const { part, cut } = taken;
  const rows = await rowsById(store, part.map((row) => String(row.id)));
  const comments = part.flatMap((row) => {
    const full = rows.get(String(row.id));
    return full ? [toWire(full)] : [];
  });
  const next = cut && part.length > 0 ? link({ thread: threadId, after: String(part.at(-1)?.id) }) : null;
  return { comments, next };
}

/**
 * The longest prefix of `rows` within `budget` bytes. (A reply page's budget always
 * holds at least one reply, so a client following the links always gets further.)
 * @param {SkeletonRow[]} rows
 * @param {number} budget
 */
function takeWithin(rows, budget) {
  let used = 0;
  let n = 0;
  while (n < rows.length && used + rows[n].wire_bytes <= budget) {
    used += rows[n].wire_bytes;
    n++;
  }
  return { part: rows.slice(0, n), cut: n < rows.length };
}

/** @param {PageSource} store @param {string[]} ids */
async function rowsById(store, ids) {
  /** @type {Map<string, CommentRow>} */
  const map = new Map();
  if (ids.length === 0) return map;
  for (const row of await store.commentsByIds(ids)) map.set(String(row.id), row);
  return map;
}

/**
 * After moderation changed statuses or parents in a thread: every row's thread (its
 * top-level ancestor), visibility (approved, and every ancestor approved), listed direct
 * replies, and, on top-level rows, listed replies in the thread.
 * @param {{ id: number | string, parent_id: number | string | null, status: string, thread_id: number | string,
 *   visible: number | boolean, child_count?: number, thread_size?: number }[]} rows all rows of the affected threads
 * @returns {{ id: string, thread_id: string, visible: boolean, child_count: number, thread_size: number }[]} the rows that change
 */
export function planThreads(rows) {
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  /** @type {Map<string, typeof rows>} */
  const children = new Map();
  const roots = [];
  for (const row of rows) {
    const parent = row.parent_id === null ? null : String(row.parent_id);
    if (parent === null || !byId.has(parent)) roots.push(row);
    else {
      const list = children.get(parent);
      if (list) list.push(row);
      else children.set(parent, [row]);
    }
  }
  /** @type {Map<string, { thread: string, visible: boolean, childCount: number, threadSize: number }>} */
  const plan = new Map();
  /** @type {{ row: typeof rows[number], thread: string, parentVisible: boolean }[]} */
  const stack = roots.map((row) => ({ row, thread: String(row.id), parentVisible: true }));
  while (stack.length > 0) {
    const { row, thread, parentVisible } = /** @type {typeof stack[number]} */ (stack.pop());
    const visible = parentVisible && row.status === 'approved';
    plan.set(String(row.id), { thread, visible, childCount: 0, threadSize: 0 });
    for (const child of children.get(String(row.id)) ?? []) stack.push({ row: child, thread, parentVisible: visible });
  }
  for (const row of rows) {
    const own = /** @type {{ thread: string, visible: boolean, childCount: number, threadSize: number }} */ (plan.get(String(row.id)));
    if (!own.visible || row.parent_id === null || !byId.has(String(row.parent_id))) continue;
    /** @type {{ childCount: number }} */ (plan.get(String(row.parent_id))).childCount++;
    /** @type {{ threadSize: number }} */ (plan.get(own.thread)).threadSize++;
  }
  const changes = [];
  for (const row of rows) {
    const { thread, visible, childCount, threadSize } = /** @type {{ thread: string, visible: boolean, childCount: number, threadSize: number }} */ (plan.get(String(row.id)));
    if (String(row.thread_id) !== thread || Boolean(row.visible) !== visible || row.child_count !== childCount || row.thread_size !== threadSize) {
      changes.push({ id: String(row.id), thread_id: thread, visible, child_count: childCount, thread_size: threadSize });
    }
  }
  return changes;
}
