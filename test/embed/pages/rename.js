// The documented script-tag way to use a widget under another name: after the bundle,
// register the class under a free tag.
window.LapaWidgets.NewsCardElement.define('agency-news-card');
