// For Node suites that open the demo in a browser: inside a `describe`, starts the demo
// server (an in-memory comments database, a free loopback port) and one engine before its
// tests, and stops both after them.
import { after, before } from 'node:test';
import { startDemoServer } from '../../demo/server.mjs';
import { launchEngine } from './drivers.mjs';

/** `{ demo, browser }`, filled in before the suite's first test. */
export function demoInEngine(engine) {
  const session = { demo: undefined, browser: undefined };
  before(async () => {
    [session.demo, session.browser] = await Promise.all([startDemoServer({ port: 0, dbPath: ':memory:' }), launchEngine(engine)]);
  });
  after(async () => {
    await session.browser?.close();
    await session.demo?.close();
  });
  return session;
}
