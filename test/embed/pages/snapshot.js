// Between two copies of the bundle: what the first copy defined, for the test to compare.
window.__firstCopy = {
  api: window.LapaWidgets,
  'news-card': customElements.get('news-card'),
  'comment-box': customElements.get('comment-box'),
  'scroll-to-top': customElements.get('scroll-to-top'),
};
