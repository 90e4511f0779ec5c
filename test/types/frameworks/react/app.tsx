// A React 19 component using the elements with lapa-widgets/react's typings.
import type {} from 'lapa-widgets/react';
import 'lapa-widgets/define';
import type { Article } from 'lapa-widgets';
import { useState } from 'react';

export function ArticlePage({ article }: { article: Article }) {
  const [title, setTitle] = useState('');
  const [posted, setPosted] = useState('');
  return (
    <main>
      <news-card variant="full" heading-level="2" article={article}
        onnews-card-load={(event) => setTitle(event.article.title)}
        onnews-card-error={(event) => setTitle(event.kind)} />
      <comment-box src="/api/articles/a1/comments" order="newest" oncomment-box-posted={(event) => setPosted(event.status)} />
      <scroll-to-top threshold={400} progress />
      <p>{title} {posted}</p>
    </main>
  );
}
