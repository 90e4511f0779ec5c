/**
 * The first card on a page paid for one-time work when its answer arrived: compiling the
 * parse, derive and render code, preparing the skeleton's template and starting the
 * engine's Intl data for the page's language (issue 14: about half of one article's gap to
 * hand-written code). Once a page registers `<news-card>`, that work runs once in idle
 * time, on a made-up article, with nothing inserted anywhere. Not the sanitiser: its first
 * use creates the Trusted Types policy, which stays tied to a card showing HTML.
 * Module state: one flag, so the work runs once per page.
 */
import { render } from 'lit';
import { parseArticle } from '../internal/formats/detect.js';
import { resolveLang } from '../internal/i18n.js';
import { messages } from './news-card.messages.js';
import { ArticleBox, articleText, renderSkeleton } from '../internal/article/article.view.js';
import type { Text } from '../internal/article/article.view.js';

let scheduled = false;

function warmUp(): void {
  const ui = resolveLang(document.documentElement);
  const text: Text = (key) => messages.en[key];
  // A WordPress post, the commonest answer; plain text where htmlToText would parse.
  const article = parseArticle({
    id: 1,
    link: location.href,
    date_gmt: '2025-01-01T00:00:00',
    title: { rendered: 'Lapa' },
    content: { rendered: '<p>Lapa</p>' },
    excerpt: { rendered: 'Lapa' },
    _embedded: { author: [{ name: 'Lapa' }], 'wp:term': [[{ taxonomy: 'post_tag', name: 'Lapa', slug: 'lapa' }]] },
  })!;
  const derived = articleText(article);
  new ArticleBox().show({ article, derived, full: false, ui, headingLevel: 2, text, onImageError: () => {}, body: () => undefined });
  render(renderSkeleton(false, text, false), document.createElement('div'));
}

/** Runs the warm-up once, when the page is idle (never in the way of its own work). */
export function warmUpWhenIdle(): void {
  if (scheduled || typeof document === 'undefined') return;
  scheduled = true;
  const run = () => {
    try {
      warmUp();
    } catch {
      // A warm-up must never break the page; the first card does the work then.
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
