// Loaded first by every test page (an external file, so a strict CSP allows it): records
// what the page went through for the tests to read as `window.__embed`: the widgets'
// events, uncaught errors and rejections, console errors, and CSP violations.
(function () {
  'use strict';
  var log = { events: [], errors: [], consoleErrors: [], violations: [] };
  var waiters = [];
  function settle() {
    waiters = waiters.filter(function (w) {
      var hit = log.events.filter(function (e) { return e.type === w.type && (!w.id || e.id === w.id); })[0];
      if (hit) w.resolve(hit);
      return !hit;
    });
  }
  var types = [
    'news-card-load', 'news-card-error',
    'comment-box-load', 'comment-box-error', 'comment-box-submit', 'comment-box-posted',
  ];
  types.forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.composedPath()[0];
      log.events.push({ type: type, tag: target.localName, id: target.id || '', kind: event.kind, status: event.status });
      settle();
    }, true);
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    log.violations.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile,
      line: event.lineNumber,
    });
  });
  window.addEventListener('error', function (event) {
    log.errors.push(String(event.error && event.error.stack || event.message));
  });
  window.addEventListener('unhandledrejection', function (event) {
    log.errors.push('unhandled rejection: ' + String(event.reason && event.reason.stack || event.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    log.consoleErrors.push(Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
  /** Resolves with the first recorded event of `type` (from the element with `id`, if given). */
  log.when = function (type, id) {
    return new Promise(function (resolve) {
      waiters.push({ type: type, id: id, resolve: resolve });
      settle();
    });
  };
  Object.defineProperty(window, '__embed', { value: log });
})();
