// After RequireJS, before the bundle: counts every call of the global AMD `define` and
// every RequireJS error, so the test can prove the bundle never registers itself.
(function () {
  var original = window.define;
  window.amdSpy = { defineCalls: 0, errors: [] };
  window.define = function () {
    window.amdSpy.defineCalls++;
    return original.apply(this, arguments);
  };
  window.define.amd = original.amd;
  requirejs.onError = function (error) {
    window.amdSpy.errors.push(String(error));
  };
})();
