// The moderation page: <lapa-admin>, a Lit element loaded as plain modules (the page's
// import map points at the Lit packages). Sign in, list comments by status with email,
// website, article and reports, approve / reject / mark as spam / delete one or many.
// Every string is in the four shipped languages; the page's lang picks one.
// @ts-check
import { LitElement, css, html, nothing } from 'lit';

/**
 * @typedef {{ id: string, article: string, parent: string | null, name: string, email: string, address: string | null,
 *   url: string | null, text: string, status: string, date: string, reports: number }} HeldComment
 * @typedef {{ [key: string]: any, done: (n: number) => string }} Messages
 */

/** @type {Record<string, Messages>} */
const MESSAGES = {
  en: {
    title: 'Comment moderation',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    wrongPassword: 'That is not the moderation password.',
    tooMany: 'Too many failed sign-ins. Try again later.',
    noPassword: 'No password is set. Run: lapa-comments admin-password',
    failed: 'Something went wrong. Try again.',
    status: 'Show',
    pending: 'Held', approved: 'Approved', rejected: 'Rejected', spam: 'Spam',
    empty: 'Nothing here.',
    selectAll: 'Select all',
    select: 'Select',
    approve: 'Approve', reject: 'Reject', markSpam: 'Spam', delete: 'Delete',
    article: 'Article', author: 'Author', email: 'Email', address: 'Address', website: 'Website', text: 'Comment', date: 'Date', reports: 'Reports',
    reply: 'Reply to', done: (/** @type {number} */ n) => `${n} ${n === 1 ? 'comment' : 'comments'} done.`,
  },
  lv: {
    title: 'Komentāru moderēšana',
    password: 'Parole',
    signIn: 'Ienākt',
    signOut: 'Iziet',
    wrongPassword: 'Tā nav moderēšanas parole.',
    tooMany: 'Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlāk.',
    noPassword: 'Parole nav iestatīta. Palaidiet: lapa-comments admin-password',
    failed: 'Kaut kas nogāja greizi. Mēģiniet vēlreiz.',
    status: 'Rādīt',
    pending: 'Aizturētie', approved: 'Apstiprinātie', rejected: 'Noraidītie', spam: 'Mēstules',
    empty: 'Šeit nekā nav.',
    selectAll: 'Atlasīt visus',
    select: 'Atlasīt',
    approve: 'Apstiprināt', reject: 'Noraidīt', markSpam: 'Mēstule', delete: 'Dzēst',
    article: 'Raksts', author: 'Autors', email: 'E-pasts', address: 'Adrese', website: 'Tīmekļa vietne', text: 'Komentārs', date: 'Datums', reports: 'Ziņojumi',
    reply: 'Atbilde uz', done: (/** @type {number} */ n) => `Komentāri apstrādāti: ${n}.`,
  },
  sv: {
    title: 'Moderering av kommentarer',
    password: 'Lösenord',
    signIn: 'Logga in',
    signOut: 'Logga ut',
    wrongPassword: 'Det är inte modereringslösenordet.',
    tooMany: 'För många misslyckade inloggningar. Försök igen senare.',
    noPassword: 'Inget lösenord är satt. Kör: lapa-comments admin-password',
    failed: 'Något gick fel. Försök igen.',
    status: 'Visa',
    pending: 'Väntande', approved: 'Godkända', rejected: 'Avvisade', spam: 'Skräp',
    empty: 'Här finns inget.',
    selectAll: 'Markera alla',
    select: 'Markera',
    approve: 'Godkänn', reject: 'Avvisa', markSpam: 'Skräp', delete: 'Radera',
    article: 'Artikel', author: 'Författare', email: 'E-post', address: 'Adress', website: 'Webbplats', text: 'Kommentar', date: 'Datum', reports: 'Anmälningar',
    reply: 'Svar på', done: (/** @type {number} */ n) => `${n} ${n === 1 ? 'kommentar' : 'kommentarer'} klara.`,
  },
  ka: {
    title: 'კომენტარების მოდერაცია',
    password: 'პაროლი',
    signIn: 'შესვლა',
    signOut: 'გასვლა',
    wrongPassword: 'ეს არ არის მოდერაციის პაროლი.',
    tooMany: 'ძალიან ბევრი წარუმატებელი მცდელობა. სცადეთ მოგვიანებით.',
    noPassword: 'პაროლი არ არის დაყენებული. გაუშვით: lapa-comments admin-password',
    failed: 'რაღაც შეცდომა მოხდა. სცადეთ ხელახლა.',
    status: 'ჩვენება',
    pending: 'შეჩერებული', approved: 'დამტკიცებული', rejected: 'უარყოფილი', spam: 'სპამი',
    empty: 'აქ არაფერია.',
    selectAll: 'ყველას მონიშვნა',
    select: 'მონიშვნა',
    approve: 'დამტკიცება', reject: 'უარყოფა', markSpam: 'სპამი', delete: 'წაშლა',
    article: 'სტატია', author: 'ავტორი', email: 'ელფოსტა', address: 'მისამართი', website: 'ვებგვერდი', text: 'კომენტარი', date: 'თარიღი', reports: 'საჩივრები',
    reply: 'პასუხი', done: (/** @type {number} */ n) => `დამუშავდა კომენტარები: ${n}.`,
  },
};

const STATUSES = ['pending', 'approved', 'rejected', 'spam'];

/**
 * @summary The lapa-comments moderation page.
 */
export class LapaAdminElement extends LitElement {
  static properties = {
    phase: { state: true },
    comments: { state: true },
    selected: { state: true },
    status: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  static styles = css`
    :host { display: block !important; font: 16px/1.5 system-ui, sans-serif; color: CanvasText; background: Canvas; }
    :host([hidden]) { display: none !important; }
    [part='base'] { max-width: 80rem; margin: 0 auto; padding: 1rem; }
    header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    form, .tools { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    table { width: 100%; border-collapse: collapse; margin-top: 1rem; }
    th, td { text-align: start; vertical-align: top; padding: 0.4rem; border-bottom: 1px solid color-mix(in srgb, CanvasText 20%, transparent); }
    td.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 30rem; }
    [role='status'] { min-height: 1.5em; }
    button, input, select { font: inherit; }
  `;

  constructor() {
    super();
    /** @type {'loading' | 'signed-out' | 'signed-in'} */
    this.phase = 'loading';
    /** @type {HeldComment[]} */
    this.comments = [];
    /** @type {Set<string>} */
    this.selected = new Set();
    this.status = 'pending';
    this.message = '';
    this.busy = false;
    this.csrf = '';
  }

  /** @returns {Messages} */
  get t() {
    const lang = (this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? 'en').toLowerCase().split('-')[0];
    return MESSAGES[lang] ?? MESSAGES.en;
  }

  connectedCallback() {
    super.connectedCallback();
    this.checkSession();
  }

  async checkSession() {
    const answer = await this.api('GET', '/admin/api/session');
    if (answer?.signedIn) {
      this.csrf = answer.csrf;
      this.phase = 'signed-in';
      await this.load();
    } else {
      this.phase = 'signed-out';
    }
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async api(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status === 401) this.phase = 'signed-out';
      throw Object.assign(new Error(json?.error?.code ?? 'failed'), { code: json?.error?.code });
    }
    return json;
  }

  /** @param {SubmitEvent} event */
  async signIn(event) {
    event.preventDefault();
    const password = new FormData(/** @type {HTMLFormElement} */ (event.target)).get('password');
    this.busy = true;
    try {
      const answer = await this.api('POST', '/admin/api/session', { password });
      this.csrf = answer.csrf;
      this.phase = 'signed-in';
      this.message = '';
      await this.load();
    } catch (error) {
      /** @type {Record<string, string>} */
      const codes = { wrong_password: 'wrongPassword', too_fast: 'tooMany', no_password: 'noPassword' };
      this.message = this.t[codes[/** @type {{ code?: string }} */ (error).code ?? ''] ?? 'failed'];
    } finally {
      this.busy = false;
    }
  }

  async signOut() {
    await this.api('DELETE', '/admin/api/session').catch(() => {});
    this.csrf = '';
    this.comments = [];
    this.phase = 'signed-out';
  }

  async load() {
    try {
      const { comments } = await this.api('GET', `/admin/api/comments?status=${this.status}`);
      this.comments = comments;
      this.selected = new Set();
      this.phase = 'signed-in';
    } catch {
      if (this.phase === 'signed-in') this.message = this.t.failed;
    }
  }

  /** @param {'approve' | 'reject' | 'spam' | 'delete'} action @param {string[]} ids */
  async act(action, ids) {
    if (ids.length === 0) return;
    this.busy = true;
    try {
      const { done } = await this.api('POST', '/admin/api/moderate', { action, ids });
      this.message = this.t.done(done);
      await this.load();
    } catch {
      this.message = this.t.failed;
    } finally {
      this.busy = false;
    }
  }

  /** @param {string} id @param {boolean} on */
  toggle(id, on) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  /** @param {string[]} ids @param {string} label */
  renderActions(ids, label) {
    const t = this.t;
    return html`<span class="tools" role="group" aria-label=${label}>
      ${this.status !== 'approved' ? html`<button ?disabled=${this.busy} @click=${() => this.act('approve', ids)}>${t.approve}</button>` : nothing}
      ${this.status !== 'rejected' ? html`<button ?disabled=${this.busy} @click=${() => this.act('reject', ids)}>${t.reject}</button>` : nothing}
      ${this.status !== 'spam' ? html`<button ?disabled=${this.busy} @click=${() => this.act('spam', ids)}>${t.markSpam}</button>` : nothing}
      <button ?disabled=${this.busy} @click=${() => this.act('delete', ids)}>${t.delete}</button>
    </span>`;
  }

  render() {
    const t = this.t;
    const dates = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<main part="base" aria-busy=${this.phase === 'loading' || this.busy ? 'true' : 'false'}>
      <header>
        <h1>${t.title}</h1>
        ${this.phase === 'signed-in' ? html`<button @click=${this.signOut}>${t.signOut}</button>` : nothing}
      </header>
      <p role="status">${this.message}</p>
      ${this.phase === 'signed-out'
        ? html`<form @submit=${this.signIn}>
            <label>${t.password} <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" ?disabled=${this.busy}>${t.signIn}</button>
          </form>`
        : nothing}
      ${this.phase === 'signed-in'
        ? html`<div class="tools">
              <label>${t.status}
                <select @change=${(/** @type {Event} */ e) => ((this.status = /** @type {HTMLSelectElement} */ (e.target).value), this.load())}>
                  ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${t[s]}</option>`)}
                </select>
              </label>
              ${this.comments.length ? this.renderActions([...this.selected], t.selectAll) : nothing}
            </div>
            ${this.comments.length === 0
              ? html`<p>${t.empty}</p>`
              : html`<table>
                  <thead><tr>
                    <th><input type="checkbox" aria-label=${t.selectAll} .checked=${this.selected.size === this.comments.length}
                      @change=${(/** @type {Event} */ e) =>
                        (this.selected = /** @type {HTMLInputElement} */ (e.target).checked ? new Set(this.comments.map((c) => c.id)) : new Set())}></th>
                    <th>${t.article}</th><th>${t.author}</th><th>${t.email}</th><th>${t.address}</th><th>${t.website}</th><th>${t.text}</th><th>${t.date}</th><th>${t.reports}</th><th></th>
                  </tr></thead>
                  <tbody>
                    ${this.comments.map(
                      (c) => html`<tr data-id=${c.id}>
                        <td><input type="checkbox" aria-label="${t.select} ${c.id}" .checked=${this.selected.has(c.id)} @change=${(/** @type {Event} */ e) => this.toggle(c.id, /** @type {HTMLInputElement} */ (e.target).checked)}></td>
                        <td>${c.article}${c.parent ? html`<br><small>${t.reply} ${c.parent}</small>` : nothing}</td>
                        <td><bdi>${c.name}</bdi></td>
                        <td class="email">${c.email}</td>
                        <td class="address">${c.address ?? ''}</td>
                        <td>${c.url ? html`<bdi>${c.url}</bdi>` : nothing}</td>
                        <td class="text" dir="auto">${c.text}</td>
                        <td><time datetime=${c.date}>${dates.format(new Date(c.date))}</time></td>
                        <td>${c.reports || ''}</td>
                        <td>${this.renderActions([c.id], c.id)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`}`
        : nothing}
    </main>`;
  }
}

if (!customElements.get('lapa-admin')) customElements.define('lapa-admin', LapaAdminElement);
