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
 *   wire_bytes: number,
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
 *   commentsByIds(ids: string[]): Promise<CommentRow[]> | CommentRow[],
 *   getComment(id: string): Promise<CommentRow | undefined> | CommentRow | undefined,
 * }} PageSource
 * @typedef {(query: Record<string, string>) => string} LinkFor
 */

/**
 * A page of top-level threads.
 * @param {PageSource} store
 * `next` carries the page number (for clients and logs that count pages) and the
 * cursor, which is what decides where the next page starts: a page can end early.
 * @param {{ articleId: string, order: 'oldest' | 'newest', perPage: number, pageNumber: number, after: Cursor | null, offset: number, maxBytes?: number, link: LinkFor }} q
 * @returns {Promise<{ comments: object[], next: string | null }>}
 */
export async function threadPage(store, { articleId, order, perPage, pageNumber, after, offset, maxBytes = MAX_PAGE_BYTES, link }) {
  const roots = await store.roots({ articleId, order, after, offset, limit: perPage + 1 });
  const onPage = roots.slice(0, perPage);
  const replies = onPage.length > 0 ? await store.threadReplies(onPage.map((root) => String(root.id))) : [];
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
    const ordered = repliesInOrder(String(root.id), byThread.get(String(root.id)) ?? []);
    const { part, cut } = takeWithin(ordered, budget - LINK_BYTES);
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
 * @param {{ articleId: string, threadId: string, after: string | null, maxBytes?: number, link: LinkFor }} q
 */
export async function repliesPage(store, { articleId, threadId, after, maxBytes = MAX_PAGE_BYTES, link }) {
  const root = await store.getComment(threadId);
  if (!root || root.article_id !== articleId || root.parent_id !== null || !root.visible) return { comments: [], next: null };
  const ordered = repliesInOrder(threadId, await store.threadReplies([threadId]));
  let start = 0;
  if (after !== null) {
    const at = ordered.findIndex((row) => String(row.id) === after);
    start = at < 0 ? 0 : at + 1;
  }
  const { part, cut } = takeWithin(ordered.slice(start), maxBytes - ENVELOPE_BYTES - LINK_BYTES);
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
 * top-level ancestor) and visibility (approved, and every ancestor approved).
 * @param {{ id: number | string, parent_id: number | string | null, status: string, thread_id: number | string, visible: number | boolean }[]} rows
 *   all rows of the affected threads
 * @returns {{ id: string, thread_id: string, visible: boolean }[]} the rows that change
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
  const changes = [];
  /** @type {{ row: typeof rows[number], thread: string, parentVisible: boolean }[]} */
  const stack = roots.map((row) => ({ row, thread: String(row.id), parentVisible: true }));
  while (stack.length > 0) {
    const { row, thread, parentVisible } = /** @type {typeof stack[number]} */ (stack.pop());
    const visible = parentVisible && row.status === 'approved';
    if (String(row.thread_id) !== thread || Boolean(row.visible) !== visible) changes.push({ id: String(row.id), thread_id: thread, visible });
    for (const child of children.get(String(row.id)) ?? []) stack.push({ row: child, thread, parentVisible: visible });
  }
  return changes;
}
