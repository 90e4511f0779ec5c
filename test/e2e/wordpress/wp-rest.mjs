// A small client for the WordPress REST API of the test peer that wordpress-up.sh brings up,
// shared by the seeding script and the test runner's admin routes. Admin calls authenticate
// with the application password the up-script records (WP_ENVIRONMENT_TYPE=local allows it
// over plain http); anonymous calls send nothing, as a reader's browser would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the up-script keeps its state, and the site it serves. */
export function peerSettings(env = process.env) {
  const dir = env.WP_DIR || '/tmp/wp';
  const port = env.WP_PORT || '8089';
  return { dir, site: `http://127.0.0.1:${port}` };
}

function readEnvFile(path) {
  const values = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/** The administrator's login and application password, and the up-script's own fixtures. */
export function readPeerCredentials(dir) {
  const { ADMIN_USER } = readEnvFile(join(dir, 'secrets.env'));
  const { APP_PASSWORD } = readEnvFile(join(dir, 'run', 'app-password.env'));
  if (!ADMIN_USER || !APP_PASSWORD) {
    throw new Error(`No administrator credentials under ${dir}: run wordpress-up.sh up first`);
  }
  const fixtures = JSON.parse(readFileSync(join(dir, 'run', 'fixtures.json'), 'utf8'));
  return { user: ADMIN_USER, appPassword: APP_PASSWORD, fixtures };
}

export class WpError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} -> ${status} ${typeof body === 'object' && body ? `${body.code}: ${body.message}` : String(body).slice(0, 200)}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * `client.admin.post('/wp/v2/posts', {...})`, `client.anonymous.get(...)`: JSON in, JSON out,
 * a WpError on any status >= 400 (with the parsed body, so callers can read `code`).
 */
export function wpClient({ site, user, appPassword }) {
  const call = (auth) => async (method, path, body, extraHeaders = {}) => {
    const headers = { Accept: 'application/json', ...extraHeaders };
    if (auth) headers.Authorization = `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`;
    let payload = body;
    if (body !== undefined && !(body instanceof Uint8Array)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${site}/wp-json${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let data;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    if (res.status >= 400) throw new WpError(method, path, res.status, data);
    return { data, status: res.status, headers: res.headers };
  };
  const verbs = (auth) => {
    const send = call(auth);
    return {
      get: async (path) => (await send('GET', path)).data,
      post: async (path, body, headers) => (await send('POST', path, body, headers)).data,
      delete: async (path) => (await send('DELETE', path)).data,
      raw: send,
    };
  };
  return { site, admin: verbs(true), anonymous: verbs(false) };
}
