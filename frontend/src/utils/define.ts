/**
 * Like Lit's @customElement, but a second load of the bundle (two resource
 * URLs, or a resource and an extra module URL) keeps the first definition
 * instead of throwing.
 */
export const safeCustomElement =
  (name: string) =>
  (element: CustomElementConstructor): void => {
    if (!customElements.get(name)) {
      customElements.define(name, element);
    }
  };
