// Runs the lapa-comments CLI as a child process, as an operator would.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/lapa-comments.mjs', import.meta.url));

/** Runs the CLI; resolves with its exit code and output, whatever the code. */
export function cli(args, env = {}) {
  return new Promise((resolve) => {
    const { LAPA_COMMENTS_DB: _db, LAPA_COMMENTS_ORIGIN: _origin, ...parentEnv } = process.env;
    execFile(process.execPath, [BIN, ...args], { env: { ...parentEnv, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Runs the CLI with `input` on its stdin. */
export function cliWithInput(args, input, env = {}) {
  return new Promise((resolve) => {
    const { LAPA_COMMENTS_DB: _db, LAPA_COMMENTS_ORIGIN: _origin, ...parentEnv } = process.env;
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...parentEnv, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/**
 * Starts `lapa-comments serve` with `args`; resolves once it prints its URL.
 * @returns {Promise<{ origin: string, stderr: () => string, stop: () => Promise<number> }>}
 */
export function serve(args, env = {}) {
  return new Promise((resolve, reject) => {
    const { LAPA_COMMENTS_DB: _db, LAPA_COMMENTS_ORIGIN: _origin, ...parentEnv } = process.env;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: { ...parentEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /serving (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        resolve({
          origin: match[1],
          stderr: () => err,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code ?? 0));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

