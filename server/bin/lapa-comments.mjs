#!/usr/bin/env node
// The lapa-comments command; see `lapa-comments --help`.
import { main } from '../lib/cli.mjs';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  async stdin() {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) {
      text += chunk;
      if (text.includes('\n')) break;
    }
    return text.split('\n')[0];
  },
});
process.exitCode = code;
