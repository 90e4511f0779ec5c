// Articles the SSR tests render (test/node/ssr.test.mjs in Node, test/servers/ssr.mjs for
// the browser tests), one per variant and body kind, with hostile parts a server render must
// neutralise exactly as the browser does.
export const HOSTILE_TITLE = 'Riga <img src=x onerror=alert(1)> & "quotes" </template></news-card>';

/** `base`: the origin relative URLs resolve against (the test server's, in the browser). */
export function articles(base = 'https://news.example/') {
  return {
    card: {
      id: 'card',
      title: HOSTILE_TITLE,
      url: `${base}articles/riga`,
      summaryText: 'The city council approved the new tram line on Tuesday.',
      contentText: 'One.\n\nTwo.',
      datePublished: '2026-11-30T08:00:00Z',
      language: 'en',
      authors: [
        { name: 'Anna Bērziņa', url: `${base}authors/anna` },
        { name: 'Evil', url: 'javascript:alert(1)' },
      ],
      tags: ['Riga', 'transport', '<b>bold</b>'],
      baseUrl: base,
    },
    full: {
      id: 'full',
      title: 'Full article with HTML',
      url: `${base}articles/full`,
      contentHtml:
        '<p>First paragraph with <a href="javascript:alert(1)">a bad link</a> and <a href="/ok">a good one</a>.</p>' +
        '<script>window.__ssrXss = 1</script><p onclick="window.__ssrXss = 2" style="color:red">Second.</p>' +
        '<img src="x" onerror="window.__ssrXss = 3" alt="broken"><iframe src="https://evil.example/"></iframe>' +
        '<svg><script>window.__ssrXss = 4</script></svg><style>p{color:red}</style><h2>Heading</h2><p>Last.</p>',
      datePublished: '2026-11-29T10:00:00Z',
      authors: [{ name: 'Jānis' }],
      tags: ['council'],
      baseUrl: base,
    },
    tags: {
      id: 'tags',
      title: 'A card with more tags than one row holds',
      url: `${base}articles/tags`,
      summaryText: 'Tags past the first row become "+N" once the browser can measure them.',
      authors: [{ name: 'Anna' }],
      tags: ['Riga', 'transport', 'city council', 'trams', 'budget 2027', 'Latvia', 'infrastructure', 'public transport', 'Daugava', 'bridges', 'Pārdaugava', 'Ķengarags', 'cycling', 'parking'],
      baseUrl: base,
    },
    text: {
      id: 'text',
      title: 'Full article with a text body',
      contentText: 'First paragraph.\n\nSecond paragraph <not a tag>.',
      authors: [],
      tags: [],
      baseUrl: base,
    },
  };
}

/** A summary given as HTML (a WordPress excerpt): the feed's compact cards show it as text. */
export const HOSTILE_SUMMARY_HTML = '<p>Summary with <b>bold</b> <img src="x" onerror="window.__ssrXss = 5"> and <script>window.__ssrXss = 6</script>text [&hellip;]</p>';

/** The articles a server-rendered <news-feed> shows: the ones above, one with an HTML summary, and more past a limit of 3. */
export function feedArticles(base = 'https://news.example/') {
  const { card, full, tags, text } = articles(base);
  const more = [1, 2, 3].map((n) => ({ id: `more-${n}`, title: `More news ${n}`, url: `${base}articles/more-${n}`, summaryText: `Past the limit ${n}.`, authors: [], tags: [], baseUrl: base }));
  const summary = { id: 'summary', title: 'An HTML summary', url: `${base}articles/summary`, summaryHtml: HOSTILE_SUMMARY_HTML, authors: [{ name: 'Ilze' }], tags: [], datePublished: '2026-11-28T09:00:00Z', baseUrl: base };
  return [card, summary, full, tags, text, ...more];
}
