import type { Messages, PluralMessage } from '../internal/i18n.js';

/**
 * Every string `<news-card>` shows. Override one with its `*-label` attribute
 * (`read-more-label`, `error-not-found-label`...) or several, plurals included, with the
 * `messages` property. `{status}` is the HTTP status; `{n}` the count, formatted.
 */
export type NewsCardMessages = {
  readMore: string;
  retry: string;
  loading: string;
  empty: string;
  tags: string;
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
  readingTime: PluralMessage;
  /** Read out for the "+N" after the tags that are not shown. */
  moreTags: PluralMessage;
};

export const messages: Messages<NewsCardMessages> = {
  en: {
    readMore: 'Read more',
    retry: 'Try again',
    loading: 'Loading the article…',
    empty: 'There is no article to show.',
    tags: 'Tags',
    errorNotFound: 'The article could not be found.',
    errorHttp: 'The article could not be loaded (error {status}).',
    errorServer: 'The news server has a problem right now.',
    errorNotJson: "The server's answer is in a format this card cannot read.",
    errorNotXml: "The server's answer looks like a news feed (RSS or Atom) but cannot be read.",
    errorInvalid: "The server's answer does not contain an article.",
    errorTooLarge: 'The article is too large to show here.',
    errorTimeout: 'The news server took too long to answer.',
    errorOffline: 'You are offline. The article will load when you are back online.',
    errorNetwork: 'The news server could not be reached.',
    readingTime: { one: '{n} minute to read', other: '{n} minutes to read' },
    moreTags: { one: '{n} more tag', other: '{n} more tags' },
  },
  lv: {
    readMore: 'Lasīt vairāk',
    retry: 'Mēģināt vēlreiz',
    loading: 'Raksts tiek ielādēts…',
    empty: 'Nav neviena raksta, ko parādīt.',
    tags: 'Birkas',
    errorNotFound: 'Raksts netika atrasts.',
    errorHttp: 'Rakstu neizdevās ielādēt (kļūda {status}).',
    errorServer: 'Ziņu serverim pašlaik ir darbības traucējumi.',
    errorNotJson: 'Servera atbilde nav formātā, ko šī kartīte var nolasīt.',
    errorNotXml: 'Servera atbilde izskatās pēc ziņu plūsmas (RSS vai Atom), taču to nevar nolasīt.',
    errorInvalid: 'Servera atbildē nav raksta.',
    errorTooLarge: 'Raksts ir pārāk liels, lai to šeit parādītu.',
    errorTimeout: 'Ziņu serveris pārāk ilgi neatbildēja.',
    errorOffline: 'Jūs esat bezsaistē. Raksts tiks ielādēts, kad savienojums atjaunosies.',
    errorNetwork: 'Neizdevās sazināties ar ziņu serveri.',
    readingTime: { zero: '{n} minūšu lasīšanai', one: '{n} minūte lasīšanai', other: '{n} minūtes lasīšanai' },
    moreTags: { zero: 'vēl {n} birku', one: 'vēl {n} birka', other: 'vēl {n} birkas' },
  },
  sv: {
    readMore: 'Läs mer',
    retry: 'Försök igen',
    loading: 'Artikeln läses in…',
    empty: 'Det finns ingen artikel att visa.',
    tags: 'Taggar',
    errorNotFound: 'Artikeln hittades inte.',
    errorHttp: 'Artikeln kunde inte läsas in (fel {status}).',
    errorServer: 'Nyhetsservern har problem just nu.',
    errorNotJson: 'Serverns svar har ett format som kortet inte kan läsa.',
    errorNotXml: 'Serverns svar ser ut som ett nyhetsflöde (RSS eller Atom) men går inte att läsa.',
    errorInvalid: 'Serverns svar innehåller ingen artikel.',
    errorTooLarge: 'Artikeln är för stor för att visas här.',
    errorTimeout: 'Nyhetsservern tog för lång tid på sig att svara.',
    errorOffline: 'Du är offline. Artikeln läses in när du är ansluten igen.',
    errorNetwork: 'Det gick inte att nå nyhetsservern.',
    readingTime: { one: '{n} minuts läsning', other: '{n} minuters läsning' },
    moreTags: { one: '{n} tagg till', other: '{n} taggar till' },
  },
  ka: {
    readMore: 'ვრცლად',
    retry: 'ხელახლა ცდა',
    loading: 'სტატია იტვირთება…',
    empty: 'საჩვენებელი სტატია არ არის.',
    tags: 'თეგები',
    errorNotFound: 'სტატია ვერ მოიძებნა.',
    errorHttp: 'სტატია ვერ ჩაიტვირთა (შეცდომა {status}).',
    errorServer: 'ახალი ამბების სერვერს ამჟამად პრობლემა აქვს.',
    errorNotJson: 'სერვერის პასუხი ისეთ ფორმატშია, რომელსაც ეს ბარათი ვერ კითხულობს.',
    errorNotXml: 'სერვერის პასუხი ახალი ამბების არხს (RSS ან Atom) ჰგავს, მაგრამ მისი წაკითხვა ვერ ხერხდება.',
    errorInvalid: 'სერვერის პასუხი სტატიას არ შეიცავს.',
    errorTooLarge: 'სტატია ძალიან დიდია აქ საჩვენებლად.',
    errorTimeout: 'ახალი ამბების სერვერი ძალიან დიდხანს არ პასუხობდა.',
    errorOffline: 'ინტერნეტთან კავშირი არ არის. სტატია ჩაიტვირთება, როცა კავშირი აღდგება.',
    errorNetwork: 'ახალი ამბების სერვერთან დაკავშირება ვერ მოხერხდა.',
    readingTime: { one: '{n} წუთის საკითხავი', other: '{n} წუთის საკითხავი' },
    moreTags: { one: 'კიდევ {n} თეგი', other: 'კიდევ {n} თეგი' },
  },
};
