/**
 * Guarded registration shared by every element's static `define()`: does nothing when
 * the tag is taken (a host page may load the bundle twice, or own the tag), and registers
 * a subclass when the same class already has another tag (a registry takes a constructor
 * once, and says so only by throwing).
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  if (registry.get(tag)) return;
  try {
    registry.define(tag, ctor);
  } catch {
    // Any other reason to refuse (a bad tag name) throws again here.
    registry.define(tag, class extends (ctor as typeof HTMLElement) {});
  }
}
