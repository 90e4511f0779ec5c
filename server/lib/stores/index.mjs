// @ts-check
// Picks the store from a --db value: a PostgreSQL URL, else a SQLite file path.
import { SqliteStore } from './sqlite.mjs';

/** @param {string} db */
export const isPostgresUrl = (db) => /^postgres(?:ql)?:\/\//i.test(db);

/**
 * @param {string} db a file path, ':memory:' or postgres://…
 * @param {{ mustExist?: boolean }} [options] mustExist: refuse to create a SQLite file
 * @returns {Promise<import('../routes.mjs').Store>}
 */
export async function openStore(db, { mustExist = false } = {}) {
  if (isPostgresUrl(db)) {
    // Loaded only when asked for, so a SQLite-only install never needs pg.
    const { PostgresStore } = await import('./postgres.mjs');
    return PostgresStore.open(db);
  }
  return new SqliteStore(db, { mustExist });
}
