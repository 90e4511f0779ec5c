// The documented script-tag way to use a widget under another name: after the loader (or the
// all-in-one file), load the class and register it under a free tag.
window.LapaWidgets.load('news-card').then((NewsCard) => NewsCard.define('agency-news-card'));
