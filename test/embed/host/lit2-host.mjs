// A host site's own component, built on Lit 2 (the `lit2` alias of lit@2) and bundled
// by the host: the library's Lit 3 must coexist with it on one page.
import { LitElement, css, html } from 'lit2';

class HostGreeting extends LitElement {
  static properties = { name: {} };

  static styles = css`
    p {
      margin: 0;
      color: rgb(1, 2, 3);
    }
  `;

  constructor() {
    super();
    this.name = 'reader';
  }

  render() {
    return html`<p part="text">Hello, ${this.name}</p>`;
  }
}

customElements.define('host-greeting', HostGreeting);
window.hostLit = { HostGreeting, html };
