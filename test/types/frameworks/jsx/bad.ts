// Mistakes tsc must report (test/node/frameworks.test.mjs expects exactly these).
import type { CustomElements } from 'lapa-widgets/jsx';

export const card: CustomElements['news-card'] = { variant: 'bogus' };
export const listener: CustomElements['news-card'] = { 'onnews-card-load': (event) => console.log(event.artcle.title) };
export const box: CustomElements['comment-box'] = { order: 'sideways' };
export const top: CustomElements['scroll-to-top'] = { threshold: 'far' };
