import type { Messages, PluralMessage } from '../internal/i18n.js';

/**
 * Every string `<news-feed>` shows. Override one with its `*-label` attribute
 * (`load-more-label`, `error-not-found-label`...) or several with the `messages` property.
 * `{status}` is the HTTP status; `{n}` a count, formatted. The error keys are
 * `<news-card>`'s, so both elements render errors with one function.
 */
export type NewsFeedMessages = {
  list: string;
  loadMore: string;
  loadingMore: string;
  /** Read out after "load more" (`{n}` articles were added). */
  added: PluralMessage;
  retry: string;
  loading: string;
  empty: string;
  errorNotFound: string;
  errorHttp: string;
  errorServer: string;
  errorNotJson: string;
  errorNotXml: string;
  errorInvalid: string;
  errorTooLarge: string;
  errorTimeout: string;
  errorOffline: string;
  errorNetwork: string;
};

export const messages: Messages<NewsFeedMessages> = {
  en: {
    list: 'News',
    loadMore: 'Load more',
    loadingMore: 'Loading more articles…',
    added: { one: '{n} more article', other: '{n} more articles' },
    retry: 'Try again',
    loading: 'Loading the articles…',
    empty: 'There are no articles to show.',
    errorNotFound: 'The news could not be found.',
    errorHttp: 'The news could not be loaded (error {status}).',
    errorServer: 'The news server has a problem right now.',
    errorNotJson: "The server's answer is in a format this list cannot read.",
    errorNotXml: "The server's feed is broken and cannot be read.",
    errorInvalid: "The server's answer does not contain a list of articles.",
    errorTooLarge: 'The news is too large to show here.',
    errorTimeout: 'The news server took too long to answer.',
    errorOffline: 'You are offline. The news will load when you are back online.',
    errorNetwork: 'The news server could not be reached.',
  },
  lv: {
    list: 'Ziņas',
    loadMore: 'Ielādēt vēl',
    loadingMore: 'Tiek ielādēti vēl raksti…',
    added: { zero: 'Vēl {n} rakstu', one: 'Vēl {n} raksts', other: 'Vēl {n} raksti' },
    retry: 'Mēģināt vēlreiz',
    loading: 'Raksti tiek ielādēti…',
    empty: 'Nav neviena raksta, ko parādīt.',
    errorNotFound: 'Ziņas netika atrastas.',
    errorHttp: 'Ziņas neizdevās ielādēt (kļūda {status}).',
    errorServer: 'Ziņu serverim pašlaik ir darbības traucējumi.',
    errorNotJson: 'Servera atbilde nav formātā, ko šis saraksts var nolasīt.',
    errorNotXml: 'Servera plūsma ir bojāta un nav nolasāma.',
    errorInvalid: 'Servera atbildē nav rakstu saraksta.',
    errorTooLarge: 'Ziņas ir pārāk lielas, lai tās šeit parādītu.',
    errorTimeout: 'Ziņu serveris pārāk ilgi neatbildēja.',
    errorOffline: 'Jūs esat bezsaistē. Ziņas tiks ielādētas, kad savienojums atjaunosies.',
    errorNetwork: 'Neizdevās sazināties ar ziņu serveri.',
  },
  sv: {
    list: 'Nyheter',
    loadMore: 'Visa fler',
    loadingMore: 'Fler artiklar läses in…',
    added: { one: '{n} artikel till', other: '{n} artiklar till' },
    retry: 'Försök igen',
    loading: 'Artiklarna läses in…',
    empty: 'Det finns inga artiklar att visa.',
    errorNotFound: 'Nyheterna hittades inte.',
    errorHttp: 'Nyheterna kunde inte läsas in (fel {status}).',
    errorServer: 'Nyhetsservern har problem just nu.',
    errorNotJson: 'Serverns svar har ett format som listan inte kan läsa.',
    errorNotXml: 'Serverns flöde är trasigt och kan inte läsas.',
    errorInvalid: 'Serverns svar innehåller ingen lista med artiklar.',
    errorTooLarge: 'Nyheterna är för stora för att visas här.',
    errorTimeout: 'Nyhetsservern tog för lång tid på sig att svara.',
    errorOffline: 'Du är offline. Nyheterna läses in när du är ansluten igen.',
    errorNetwork: 'Det gick inte att nå nyhetsservern.',
  },
  ka: {
    list: 'სიახლეები',
    loadMore: 'მეტის ჩატვირთვა',
    loadingMore: 'იტვირთება მეტი სტატია…',
    added: { one: 'კიდევ {n} სტატია', other: 'კიდევ {n} სტატია' },
    retry: 'ხელახლა ცდა',
    loading: 'სტატიები იტვირთება…',
    empty: 'საჩვენებელი სტატიები არ არის.',
    errorNotFound: 'სიახლეები ვერ მოიძებნა.',
    errorHttp: 'სიახლეები ვერ ჩაიტვირთა (შეცდომა {status}).',
    errorServer: 'ახალი ამბების სერვერს ამჟამად პრობლემა აქვს.',
    errorNotJson: 'სერვერის პასუხი ისეთ ფორმატშია, რომელსაც ეს სია ვერ კითხულობს.',
    errorNotXml: 'სერვერის არხი დაზიანებულია და ვერ იკითხება.',
    errorInvalid: 'სერვერის პასუხი სტატიების სიას არ შეიცავს.',
    errorTooLarge: 'სიახლეები ძალიან დიდია აქ საჩვენებლად.',
    errorTimeout: 'ახალი ამბების სერვერი ძალიან დიდხანს არ პასუხობდა.',
    errorOffline: 'ინტერნეტთან კავშირი არ არის. სიახლეები ჩაიტვირთება, როცა კავშირი აღდგება.',
    errorNetwork: 'ახალი ამბების სერვერთან დაკავშირება ვერ მოხერხდა.',
  },
};
