import { css } from 'lit';

export default css`
  :host {
    display: block !important;
  }
  :host([hidden]) {
    display: none !important;
  }
`;
