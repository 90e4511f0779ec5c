// A small Markdown to HTML converter for the demo server's /docs/ pages: the subset docs/
// is written in (headings, paragraphs, lists, tables, block quotes, fenced code, code spans,
// links, images, emphasis), not CommonMark. Everything in the text is escaped; the one way
// markup gets through is a fenced block whose info string is `html live`, which is shown
// as code and also placed in the page as it is: the live example of an element page. Only
// docs/, written in this repository, is ever converted.
import { anchor } from '../scripts/readme-toc.mjs';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * @typedef {object} MarkdownOptions
 * @property {(href: string) => string} [link] rewrites a link's or image's URL (relative .md links to pages, say)
 */

/** Inline Markdown to HTML: code spans, images, links, bold, italic, backslash escapes. */
export function inline(text, { link = (href) => href } = {}) {
  const held = [];
  const hold = (html) => `\u0000${held.push(html) - 1}\u0000`;
  let out = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, __, body) => hold(`<code>${escapeHtml(body.replace(/^ (.*) $/, '$1'))}</code>`));
  out = out.replace(/\\([\\`*_[\]()#+\-.!|<>])/g, (_, c) => hold(escapeHtml(c)));
  out = escapeHtml(out);
  const url = (href) => escapeHtml(link(href.replace(/&amp;/g, '&')));
  out = out.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt, src) => hold(`<img src="${url(src)}" alt="${alt}" loading="lazy">`));
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => `${hold(`<a href="${url(href)}">`)}${label}${hold('</a>')}`);
  out = out.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, (_, href) => hold(`<a href="${url(href)}">${href}</a>`));
  out = out.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1<em>$2</em>');
  out = out.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
  // Held pieces may hold others (a code span inside a link's text): restore until none is left.
  while (/\u0000\d+\u0000/.test(out)) out = out.replace(/\u0000(\d+)\u0000/g, (_, i) => held[Number(i)]);
  return out;
}

const LIST_ITEM = /^( *)([-*+]|\d+[.)]) +(.*)$/;
const FENCE = /^ *(```+|~~~+)\s*(.*)$/;
const isTableRow = (line) => /^ *\|/.test(line);
const isDivider = (line) => /^ *\|?( *:?-{3,}:? *\|)+ *:?-{0,}:? *\|? *$/.test(line);
const cells = (line) =>
  line
    .trim()
    .replace(/^\||(?<!\\)\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

/** Whether `line` starts a block other than a paragraph (so it ends the paragraph before it). */
const startsBlock = (line, next) =>
  /^ {0,3}#{1,6} /.test(line) || FENCE.test(line) || /^ {0,3}>/.test(line) || LIST_ITEM.test(line) || /^ *<!--/.test(line) || (isTableRow(line) && next !== undefined && isDivider(next));

/**
 * Markdown to HTML. Headings get GitHub's anchors as ids (repeats numbered as GitHub does).
 * @param {string} markdown
 * @param {MarkdownOptions & { ids?: Map<string, number> }} [options]
 */
export function markdownToHtml(markdown, options = {}) {
  const ids = options.ids ?? new Map();
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  const text = (t) => inline(t, options);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    if (/^ *<!--/.test(line)) {
      while (i < lines.length && !lines[i].includes('-->')) i += 1;
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body = [];
      const close = new RegExp(`^ *${fence[1][0]}{${fence[1].length},}\\s*$`);
      for (i += 1; i < lines.length && !close.test(lines[i]); i += 1) body.push(lines[i]);
      i += 1;
      const [lang, flag] = fence[2].trim().split(/\s+/);
      const code = `<pre><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${escapeHtml(body.join('\n'))}</code></pre>`;
      if (lang === 'html' && flag === 'live') {
        const tag = /<([a-z][a-z0-9]*-[a-z0-9-]*)/.exec(body.join('\n'))?.[1] ?? '';
        out.push(`<figure class="live-example" data-tag="${escapeHtml(tag)}"><div class="live-example__stage">\n${body.join('\n')}\n</div><figcaption>Live, from the demo server:</figcaption>${code}</figure>`);
      } else {
        out.push(code);
      }
      continue;
    }
    const heading = /^ {0,3}(#{1,6}) +(.*?)(?: +#+)? *$/.exec(line);
    if (heading) {
      const base = anchor(heading[2]);
      const n = ids.get(base) ?? 0;
      ids.set(base, n + 1);
      const level = heading[1].length;
      out.push(`<h${level} id="${escapeHtml(n ? `${base}-${n}` : base)}">${text(heading[2])}</h${level}>`);
      i += 1;
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && isDivider(lines[i + 1])) {
      const header = cells(line);
      const rows = [];
      for (i += 2; i < lines.length && isTableRow(lines[i]); i += 1) rows.push(cells(lines[i]));
      out.push(
        `<div class="table"><table><thead><tr>${header.map((c) => `<th>${text(c)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${header.map((_, k) => `<td>${text(r[k] ?? '')}</td>`).join('')}</tr>`)
          .join('')}</tbody></table></div>`,
      );
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      const quoted = [];
      for (; i < lines.length && /^ {0,3}>/.test(lines[i]); i += 1) quoted.push(lines[i].replace(/^ {0,3}> ?/, ''));
      out.push(`<blockquote>${markdownToHtml(quoted.join('\n'), { ...options, ids })}</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const indent = item[1].length;
      const ordered = /\d/.test(item[2]);
      const items = [];
      let loose = false;
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (!m || m[1].length !== indent || /\d/.test(m[2]) !== ordered) break;
        const width = m[1].length + m[2].length + 1;
        const body = [m[3]];
        for (i += 1; i < lines.length; i += 1) {
          const next = lines[i];
          if (!next.trim()) {
            const following = lines.slice(i + 1).find((l) => l.trim());
            if (following === undefined || following.search(/\S/) <= indent) break;
            loose = true;
            body.push('');
            continue;
          }
          if (next.search(/\S/) > indent) body.push(next.slice(Math.min(width, next.search(/\S/))));
          else if (!startsBlock(next, lines[i + 1]) && body.at(-1) !== '') body.push(next.trim());
          else break;
        }
        items.push(body.join('\n'));
        while (i < lines.length && !lines[i].trim()) {
          const following = lines.slice(i + 1).find((l) => l.trim());
          const m2 = following && LIST_ITEM.exec(following);
          if (!m2 || m2[1].length !== indent || /\d/.test(m2[2]) !== ordered) break;
          loose = true;
          i += 1;
        }
      }
      const tagName = ordered ? 'ol' : 'ul';
      const rendered = items.map((body) => {
        const html = markdownToHtml(body, { ...options, ids });
        return `<li>${loose ? html : html.replace(/^<p>([\s\S]*?)<\/p>/, '$1')}</li>`;
      });
      out.push(`<${tagName}>${rendered.join('')}</${tagName}>`);
      continue;
    }
    if (/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) {
      out.push('<hr>');
      i += 1;
      continue;
    }
    const paragraph = [line.trim()];
    for (i += 1; i < lines.length && lines[i].trim() && !startsBlock(lines[i], lines[i + 1]); i += 1) paragraph.push(lines[i].trim());
    out.push(`<p>${text(paragraph.join('\n'))}</p>`);
  }
  return out.join('\n');
}
