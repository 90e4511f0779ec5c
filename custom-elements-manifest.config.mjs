// `cem analyze` (npm run build) reads this beside its command-line flags.

/** The event names a class's JSDoc declares with `@fires name` or `@event name` (a `{Type}` may precede the name), in order. */
export function documentedEvents(ts, node) {
  return ts
    .getJSDocTags(node)
    .filter((tag) => ['fires', 'event'].includes(tag.tagName.text))
    .map((tag) => /^\s*(?:\{[^}]*\}\s*)?([^\s{}]+)/.exec(ts.getTextOfJSDocComment(tag.comment) ?? '')?.[1])
    .filter((name) => name && name !== '-');
}

/**
 * Events in the manifest come from the class JSDoc alone. The analyzer also lists every
 * `this.dispatchEvent(new X(...))` it finds, naming it after X's first argument: our
 * events are Event subclasses (`new NewsCardLoadEvent(value)`), so it would list an
 * event without a name, or one named "value". Elements dispatch their events directly
 * and document each with `@fires <name> - <description>`; this keeps exactly those, in
 * the order the JSDoc gives them.
 */
export function firesOnly() {
  return {
    name: 'lapa-fires-only',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((d) => d.kind === 'class' && d.name === node.name.text);
      if (!declaration?.events) return;
      const documented = [...new Set(documentedEvents(ts, node))];
      declaration.events = documented.flatMap((name) => declaration.events.filter((event) => event.name === name));
    },
  };
}

export default {
  plugins: [firesOnly()],
};
