// An anonymous AMD module of the host's, loaded by RequireJS after the bundle.
define([], function () {
  return { answer: 42 };
});
