// The host already owns <news-card>: its own in-house element, defined before the bundle.
customElements.define(
  'news-card',
  class HostNewsCard extends HTMLElement {
    connectedCallback() {
      this.setAttribute('data-host-card', '');
    }
  },
);
