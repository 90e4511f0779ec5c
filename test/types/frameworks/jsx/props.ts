// lapa-widgets/jsx, as a Preact or Solid project uses it: its CustomElements map extends
// the framework's JSX.IntrinsicElements (see the README). Checked here on the map itself.
import type { CustomElements } from 'lapa-widgets/jsx';
import 'lapa-widgets/define';

export const card: CustomElements['news-card'] = {
  variant: 'full',
  'heading-level': 2,
  'onnews-card-load': (event) => console.log(event.article.title),
  'onnews-card-error': (event) => console.log(event.kind, event.status),
};
export const box: CustomElements['comment-box'] = { order: 'newest', 'oncomment-box-posted': (event) => console.log(event.status) };
export const top: CustomElements['scroll-to-top'] = { threshold: 400, progress: true };
