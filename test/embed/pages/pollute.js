// Before the bundle: the prototype pollution of old libraries (enumerable extras on
// Array, String and Function prototypes, as Prototype.js and MooTools add) and of an
// attacker aiming at DOMPurify's configuration through Object.prototype.
(function () {
  function add(proto, name, value) {
    Object.defineProperty(proto, name, { value: value, enumerable: true, writable: true, configurable: true });
  }
  add(Object.prototype, 'foo', 'bar');
  add(Array.prototype, 'last', function () { return this[this.length - 1]; });
  add(Array.prototype, 'each', function (fn) { for (var i = 0; i < this.length; i++) fn(this[i], i); });
  add(Array.prototype, 'extra', 1);
  add(String.prototype, 'capitalize', function () { return this.charAt(0).toUpperCase() + this.slice(1); });
  add(Function.prototype, 'bindAsEventListener', function () { return this; });
  // Aimed at DOMPurify's config: if read through the prototype, these would let scripts,
  // handlers and javascript: URLs through, or change what sanitize() returns.
  add(Object.prototype, 'ALLOWED_TAGS', ['script', 'img', 'iframe', 'a', 'p', 'svg', 'form']);
  add(Object.prototype, 'ALLOWED_ATTR', ['onerror', 'onclick', 'src', 'href', 'style', 'action']);
  add(Object.prototype, 'ADD_TAGS', ['script', 'iframe', 'object', 'style', 'base']);
  add(Object.prototype, 'ADD_ATTR', ['onerror', 'onclick', 'onmouseover', 'style']);
  add(Object.prototype, 'FORBID_TAGS', []);
  add(Object.prototype, 'FORBID_CONTENTS', []);
  add(Object.prototype, 'ALLOW_UNKNOWN_PROTOCOLS', true);
  add(Object.prototype, 'ALLOWED_URI_REGEXP', /.*/);
  add(Object.prototype, 'SAFE_FOR_TEMPLATES', false);
  add(Object.prototype, 'WHOLE_DOCUMENT', true);
  add(Object.prototype, 'RETURN_DOM', true);
  add(Object.prototype, 'RETURN_TRUSTED_TYPE', true);
  add(Object.prototype, 'IN_PLACE', true);
  add(Object.prototype, 'CUSTOM_ELEMENT_HANDLING', { tagNameCheck: /.*/, attributeNameCheck: /.*/, allowCustomizedBuiltInElements: true });
  add(Object.prototype, 'USE_PROFILES', false);
})();
