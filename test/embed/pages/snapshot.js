// Between two copies of the loader: what the first copy set up, for the test to compare.
window.__firstCopy = { api: window.LapaWidgets, define: window.__lapaDefine };
