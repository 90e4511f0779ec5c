// The host's own DOMPurify set up the way host sites do: a permissive global config and a
// hook. Neither may reach the widgets' sanitiser, and the widgets must not change them.
window.hostPurify = { hookCalls: 0 };
DOMPurify.setConfig({ ADD_TAGS: ['marquee'], ADD_ATTR: ['target'] });
DOMPurify.addHook('afterSanitizeAttributes', function (node) {
  window.hostPurify.hookCalls++;
  if (node.nodeType === 1) node.setAttribute('data-host-hook', '');
});
window.hostPurify.instance = DOMPurify;
