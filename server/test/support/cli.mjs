// Runs the lapa-comments CLI as a child process, as an operator would.
import { execFile } from 'node:child_process';
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
