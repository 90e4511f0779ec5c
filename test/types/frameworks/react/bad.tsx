// Mistakes tsc must report (test/node/frameworks.test.mjs expects exactly these).
import type {} from 'lapa-widgets/react';
import 'lapa-widgets/define';

export const Bad = () => (
  <>
    <news-card variant="bogus" />
    <news-card onnews-card-load={(event) => console.log(event.artcle.title)} />
    <comment-box order="sideways" />
    <scroll-to-top threshold="far" />
  </>
);
