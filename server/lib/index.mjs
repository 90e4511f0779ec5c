// @ts-check
// The lapa-comments package: the protocol's request handler, a hardened listener for
// it, and the stores. `lapa-comments serve` (cli.mjs) puts them together.
export { createCommentServer, rateLimitKey } from './routes.mjs';
export { createListener, LIMIT_DEFAULTS } from './http.mjs';
export { openStore, isPostgresUrl } from './stores/index.mjs';
export { SqliteStore } from './stores/sqlite.mjs';
export { MAX_PAGE_BYTES } from './paging.mjs';
export { parseTrustProxy, clientAddress } from './proxy.mjs';
export { main } from './cli.mjs';
export { createAdmin } from './admin.mjs';
