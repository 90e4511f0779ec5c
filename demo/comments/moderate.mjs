#!/usr/bin/env node
// Moderation for the reference comments server's database. Safe to run while the server
// is up (WAL mode; writers wait for each other).
import { parseArgs } from 'node:util';
import { DEFAULT_DB_PATH, normaliseEmail, openCommentDb } from './store.mjs';

const USAGE = `Usage: node demo/comments/moderate.mjs <command> [arguments] [--db PATH]

Commands:
  list [--all | --status STATUS]  pending comments (--all: every comment, pending first)
  approve ID...                   approve comments (they become listed)
  reject ID...                    reject comments (hidden with all their replies)
  delete ID...                    delete comments for good; their replies move up to the
                                  deleted comment's parent (top-level if it had none)
  erase-email EMAIL               blank that address on every comment by it and forget
                                  its rate-limit entries (for erasure requests)
  close ARTICLE                   stop taking comments on an article
  open ARTICLE                    take comments on an article again

Options:
  --db PATH   the database (default: $LAPA_COMMENTS_DB, else demo/data/comments.sqlite)
  -h, --help  this text

Exit status: 0 done, 1 error, 2 usage error.`;

const STATUSES = ['pending', 'approved', 'rejected'];
const ARTICLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

class UsageError extends Error {}

function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        all: { type: 'boolean', default: false },
        status: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, ...operands] = positionals;
  if (!command) throw new UsageError('No command given.');
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`Unknown command "${command}".`);
  if (command !== 'list' && (values.all || values.status !== undefined)) {
    throw new UsageError('--all and --status only go with list.');
  }
  const dbPath = values.db ?? process.env.LAPA_COMMENTS_DB ?? DEFAULT_DB_PATH;
  const check = PRECHECKS[command];
  check(operands, values);
  let db;
  try {
    db = openCommentDb(dbPath, { mustExist: true });
  } catch (error) {
    throw new Error(`Cannot open the comments database ${dbPath}: ${error.message}`);
  }
  try {
    run(db, operands, values);
  } finally {
    db.close();
  }
}

// Argument checks happen before the database is opened, so a usage error never touches it.
const PRECHECKS = {
  list(operands, { all, status }) {
    if (operands.length > 0) throw new UsageError('list takes no arguments.');
    if (all && status !== undefined) throw new UsageError('Use either --all or --status.');
    if (status !== undefined && !STATUSES.includes(status)) {
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
    }
  },
  approve: ids,
  reject: ids,
  delete: ids,
  'erase-email'(operands) {
    if (operands.length !== 1 || !operands[0].includes('@')) throw new UsageError('erase-email takes one email address.');
  },
  close: article,
  open: article,
};

function ids(operands) {
  if (operands.length === 0) throw new UsageError('Give at least one comment id.');
  for (const id of operands) {
    if (!/^[1-9][0-9]{0,14}$/.test(id)) throw new UsageError(`"${id}" is not a comment id.`);
  }
}

function article(operands) {
  if (operands.length !== 1 || !ARTICLE_ID.test(operands[0])) throw new UsageError('Give one article id.');
}

const COMMANDS = {
  list(db, _operands, { all, status }) {
    const rows = all
      ? db
          .prepare(
            `SELECT * FROM comments
             ORDER BY CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, created_at, id`,
          )
          .all()
      : db.prepare('SELECT * FROM comments WHERE status = ? ORDER BY created_at, id').all(status ?? 'pending');
    if (rows.length === 0) {
      console.log(all ? 'No comments.' : `No ${status ?? 'pending'} comments.`);
      return;
    }
    const table = [['ID', 'STATUS', 'ARTICLE', 'AUTHOR', 'DATE', 'TEXT']];
    for (const row of rows) {
      table.push([
        String(row.id),
        row.status,
        row.article_id,
        clip(row.author_name, 24),
        row.created_at.slice(0, 16).replace('T', ' '),
        clip(row.text, 60),
      ]);
    }
    const widths = table[0].map((_, column) => Math.max(...table.map((line) => [...line[column]].length)));
    for (const line of table) {
      console.log(
        line
          .map((cell, column) => (column === line.length - 1 ? cell : cell + ' '.repeat(widths[column] - [...cell].length)))
          .join('  '),
      );
    }
  },

  approve: (db, operands) => setStatus(db, operands, 'approved'),
  reject: (db, operands) => setStatus(db, operands, 'rejected'),

  delete(db, operands) {
    const get = db.prepare('SELECT parent_id FROM comments WHERE id = ?');
    const reparent = db.prepare('UPDATE comments SET parent_id = ? WHERE parent_id = ?');
    const remove = db.prepare('DELETE FROM comments WHERE id = ?');
    let moved = 0;
    db.transaction(() => {
      for (const id of operands) {
        const row = get.get(Number(id));
        if (!row) throw new Error(`There is no comment ${id}; nothing was deleted.`);
        // Replies are other people's words: keep them, one level up.
        moved += reparent.run(row.parent_id, Number(id)).changes;
        remove.run(Number(id));
      }
    })();
    console.log(`Deleted ${plural(operands.length, 'comment')}; ${plural(moved, 'reply', 'replies')} moved up a level.`);
  },

  'erase-email'(db, [email]) {
    const address = normaliseEmail(email);
    const { comments, hits } = db.transaction(() => ({
      comments: db.prepare("UPDATE comments SET author_email = '' WHERE author_email = ?").run(address).changes,
      hits: db.prepare('DELETE FROM rate_limit_hits WHERE email = ?').run(address).changes,
    }))();
    console.log(
      `Erased ${address} from ${plural(comments, 'comment')} and removed ${plural(hits, 'rate-limit entry', 'rate-limit entries')}.`,
    );
  },

  close: (db, [articleId]) => setOpen(db, articleId, false),
  open: (db, [articleId]) => setOpen(db, articleId, true),
};

function setStatus(db, operands, status) {
  const update = db.prepare('UPDATE comments SET status = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of operands) {
      if (update.run(status, Number(id)).changes === 0) {
        throw new Error(`There is no comment ${id}; nothing was changed.`);
      }
    }
  })();
  console.log(`Marked ${plural(operands.length, 'comment')} ${status}.`);
}

function setOpen(db, articleId, open) {
  db.prepare(
    `INSERT INTO article_state (article_id, open) VALUES (?, ?)
     ON CONFLICT (article_id) DO UPDATE SET open = excluded.open`,
  ).run(articleId, open ? 1 : 0);
  console.log(`${articleId} ${open ? 'takes comments again' : 'no longer takes comments'}.`);
}

function clip(text, length) {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length).join('')}…`;
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`Error: ${error.message}`);
    process.exitCode = 1;
  }
}
