/**
 * Guarded registration shared by every element's static `define()`: does nothing when
 * the tag is taken (a host page may load the bundle twice, or own the tag), and registers
 * a subclass when the same class already has another tag (a registry takes a constructor
 * once).
 */
export function defineElement(
  tag: string,
  ctor: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  if (registry.get(tag)) return;
  const taken = (registry as CustomElementRegistry & { getName?(c: CustomElementConstructor): string | null }).getName?.(ctor);
  const subclass = () => class extends (ctor as typeof HTMLElement) {};
  if (taken) {
    registry.define(tag, subclass());
    return;
  }
  try {
    registry.define(tag, ctor);
  } catch (error) {
    // Browsers without getName() say "constructor already used" only by throwing.
    if (error instanceof DOMException && error.name === 'NotSupportedError') registry.define(tag, subclass());
    else throw error;
  }
}
