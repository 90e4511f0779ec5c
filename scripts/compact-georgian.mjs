// Rollup plugin: writes the Georgian strings of the message tables (and i18n.ts's month
// names) in the one-byte form that src/internal/i18n.ts `expand()` reads back: DEL, then
// each letter ა..ჰ as the character at the same index of i18n.ts `KA_CODES`. UTF-8 needs
// three bytes a letter; this needs one, and keeps the bundle ASCII (see `KA_CODES`).
import { readFileSync } from 'node:fs';

const I18N = new URL('../src/internal/i18n.ts', import.meta.url);
// Not scroll-to-top's table: one short string there, read without message(); the
// expander would cost that 9 KB entry more than it saves.
const FILES = /((?<!scroll-to-top)\.messages|[\\/]internal[\\/]i18n)\.ts$/;
const GEORGIAN = /[\u10d0-\u10ff]/;

export function compactGeorgian() {
  const codes = /KA_CODES = '([^']+)'/.exec(readFileSync(I18N, 'utf8'))?.[1];
  if (codes?.length !== 0x10f0 - 0x10d0 + 1) throw new Error('compact-georgian: KA_CODES (33 stand-ins) not found in src/internal/i18n.ts');
  return {
    name: 'compact-georgian',
    transform(code, id) {
      if (!FILES.test(id)) return null;
      // After esbuild: string literals are double-quoted, comments gone.
      const out = code.replace(/"((?:[^"\\\n]|\\.)*)"/g, (whole, escaped) => {
        // esbuild writes non-ASCII characters as \uXXXX escapes.
        const body = escaped.replace(/\\u(10[d-f][0-9a-f])/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
        if (!GEORGIAN.test(body)) return whole;
        const clash = [...body].find((c) => codes.includes(c));
        if (clash) this.error(`compact-georgian: "${body}" contains "${clash}", a stand-in for a Georgian letter; change KA_CODES.`);
        return `"\\x7f${body.replace(/[\u10d0-\u10f0]/g, (c) => codes[c.charCodeAt(0) - 0x10d0])}"`;
      });
      const left = out.split('\n').find((line) => /[\u10d0-\u10f0]|\\u10(d[0-9a-f]|e[0-9a-f]|f0)/i.test(line));
      if (left) this.error(`compact-georgian: Georgian left outside a compactable string: ${left.trim()}`);
      return { code: out, map: null };
    },
  };
}
