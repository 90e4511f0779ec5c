// Defect 2 of issue 15: slow and greedy clients. Fresh sockets only (net, or http.get
// with agent: false): fetch's pooled keep-alive connections would pass for the wrong
// reason. 127.0.0.2 stands for another client. Nothing here waits for a fixed time:
// every wait is for a condition.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { createListener } from '../lib/http.mjs';
import { createCommentServer } from '../lib/routes.mjs';
import { startDemoServer } from '../../demo/server.mjs';

/** Resolves once `check()` is true; fails after `ms`. */
async function until(check, ms, what, debug) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}${debug ? ` (${debug()})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function listen(limits) {
  const comments = createCommentServer({ allowedOrigins: '*', articles: 'any', rateLimit: false, minSubmitMs: 0, proofOfWork: false });
  const listener = createListener((req, res) => {
    if (!comments.handle(req, res)) {
      res.writeHead(404);
      res.end();
    }
  }, limits);
  const { port } = await listener.listen(0, '127.0.0.1');
  return {
    listener,
    port,
    async close() {
      await listener.close();
      comments.close();
    },
  };
}

/** A connection that sends the start of a request and never finishes its headers. */
function halfOpen(port, localAddress = '127.0.0.1') {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  const state = { closed: false, socket };
  socket.on('connect', () => socket.write('GET /api/articles/a1/comments HTTP/1.1\r\nHost: x\r\n'));
  socket.on('error', () => {});
  // Read what comes (a 408), or the socket never sees its end.
  socket.resume();
  socket.on('close', () => (state.closed = true));
  return state;
}

/** A GET on a fresh connection from `localAddress`; resolves with the status. */
function freshGet(port, localAddress) {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, localAddress, path: '/api/articles/a1/comments', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

describe('2: connection caps and timeouts', () => {
  it('sheds 1,100 half-open connections from one address beyond the cap at once, serves another address meanwhile, and closes the rest at the header timeout', { timeout: 60_000 }, async () => {
    const server = await listen({ headersTimeoutMs: 1500, maxConnectionsPerAddress: 64 });
    const sockets = [];
    try {
      for (let i = 0; i < 1100; i++) sockets.push(halfOpen(server.port));
      await until(() => server.listener.shed === 1100 - 64, 30_000, 'the excess is shed');
      await until(() => sockets.filter((s) => s.closed).length === 1100 - 64, 30_000, 'the shed sockets see their close');
      assert.equal(server.listener.connectionsFrom('127.0.0.1'), 64);
      // Another reader is served while 64 connections of the first address still hang.
      assert.equal(await freshGet(server.port, '127.0.0.2'), 200);
      assert.ok(sockets.filter((s) => !s.closed).length > 0, 'still hanging while the other address was served');
      await until(() => sockets.every((s) => s.closed), 30_000, 'the header timeout closes the rest', () => `open ${sockets.filter((s) => !s.closed).length}, server ${server.listener.connectionsFrom('127.0.0.1')}`);
      assert.equal(await freshGet(server.port, '127.0.0.1'), 200, 'the first address is served again');
    } finally {
      for (const s of sockets) s.socket.destroy();
      await server.close();
    }
  });

  it('closes a connection whose body stalls at the body timeout', { timeout: 30_000 }, async () => {
    const server = await listen({ headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    try {
      const socket = connect({ port: server.port, host: '127.0.0.1' });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', () => {});
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('connect', () =>
        socket.write('POST /api/articles/a1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"author'),
      );
      await until(() => closed, 20_000, 'the stalled upload is cut');
      assert.ok(answer === '' || /^HTTP\/1\.1 408/.test(answer), answer);
    } finally {
      await server.close();
    }
  });

  it('closes an idle keep-alive connection at the idle timeout', { timeout: 30_000 }, async () => {
    const server = await listen({ idleTimeoutMs: 300, keepAliveTimeoutMs: 300 });
    try {
      const socket = connect({ port: server.port, host: '127.0.0.1' });
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('error', () => {});
      await until(() => closed, 20_000, 'the silent connection is closed');
    } finally {
      await server.close();
    }
  });

  it('caps connections in total, whatever their addresses', { timeout: 30_000 }, async () => {
    const server = await listen({ headersTimeoutMs: 5000, maxConnections: 5 });
    const sockets = [];
    try {
      for (let i = 0; i < 8; i++) sockets.push(halfOpen(server.port, `127.0.0.${10 + i}`));
      await until(() => sockets.filter((s) => s.closed).length === 3, 20_000, 'three are dropped');
      assert.equal(sockets.filter((s) => !s.closed).length, 5);
    } finally {
      for (const s of sockets) s.socket.destroy();
      await server.close();
    }
  });

  it('exempts trusted proxies from the per-address cap', { timeout: 30_000 }, async () => {
    const server = await listen({ headersTimeoutMs: 5000, maxConnectionsPerAddress: 2, trustProxy: '127.0.0.1' });
    const sockets = [];
    try {
      for (let i = 0; i < 6; i++) sockets.push(halfOpen(server.port));
      for (let i = 0; i < 4; i++) sockets.push(halfOpen(server.port, '127.0.0.3'));
      await until(() => sockets.filter((s) => s.closed).length === 2, 20_000, 'the untrusted address is capped');
      assert.ok(sockets.slice(0, 6).every((s) => !s.closed), 'the proxy keeps all of its connections');
    } finally {
      for (const s of sockets) s.socket.destroy();
      await server.close();
    }
  });

  it('bounds the demo server’s held-open answers', { timeout: 30_000 }, async () => {
    const demo = await startDemoServer({ port: 0, dbPath: ':memory:' });
    const port = demo.server.address().port;
    const answers = [];
    try {
      for (let i = 0; i < 20; i++) {
        answers.push(
          new Promise((resolve) => {
            const req = get({ host: '127.0.0.1', port, path: '/demo/pending', agent: false, localAddress: `127.0.1.${i + 1}` }, (res) => {
              res.on('close', () => resolve('closed'));
              res.resume();
            });
            req.on('error', () => resolve('closed'));
          }),
        );
      }
      const settled = [];
      answers.forEach((p, i) => p.then(() => settled.push(i)));
      await until(() => settled.length === 4, 20_000, 'the oldest held answers are let go');
    } finally {
      await demo.close();
    }
  });
});
