// Demo comments for the demo article, in the four shipped languages, with one reply
// thread. The demo server calls seedDemoComments() on every start; it only writes into
// an article that has no comments yet, so a restart neither duplicates nor overwrites.

export const DEMO_ARTICLE_ID = 'creative-social-entrepreneurship';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// `ago` is how long before the seeding the comment was written; `replyTo` is an index
// into this list. The addresses use the reserved example.org domain.
const DEMO_COMMENTS = [
  {
    ago: 6 * DAY,
    name: 'Ilze Bērziņa',
    email: 'ilze@example.org',
    text:
      'Paldies par rakstu! Ļoti iedvesmojoši redzēt, ka radošās industrijas var risināt arī sociālas problēmas.\n' +
      'Vai ir zināms, kad sāksies nākamā apmācību programma?',
  },
  {
    ago: 5 * DAY + 20 * HOUR,
    replyTo: 0,
    name: 'Jānis Ozols',
    email: 'janis@example.org',
    text: 'Piekrītu, Ilze. Arī mani interesē, vai programmā var pieteikties no reģioniem, ne tikai no Rīgas.',
  },
  {
    ago: 5 * DAY + 2 * HOUR,
    replyTo: 1,
    name: 'Anna Lindqvist',
    email: 'anna@example.org',
    url: 'https://anna.example.org',
    text: 'The next round opens in March, and yes, the sessions are hybrid, so you can join from anywhere in Latvia.',
  },
  {
    ago: 3 * DAY,
    name: 'Erik Johansson',
    email: 'erik@example.org',
    text: 'Intressant läsning! Vi driver ett liknande projekt i Göteborg och skulle gärna utbyta erfarenheter.',
  },
  {
    ago: 2 * DAY,
    name: 'ნინო ბერიძე',
    email: 'nino@example.org',
    text: 'გმადლობთ საინტერესო სტატიისთვის! ძალიან მნიშვნელოვანია, რომ ახალგაზრდებს ჰქონდეთ ასეთი შესაძლებლობები.',
  },
  {
    ago: 5 * HOUR,
    name: 'Sam Taylor',
    email: 'sam@example.org',
    text: 'Great overview. It would be useful to see how many of these enterprises are still running after three years.',
  },
];

/**
 * Seeds the demo article once.
 * @param {ReturnType<import('../server/lib/routes.mjs').createCommentServer>} server
 * @param {{ articleId?: string, now?: number }} [options]
 * @returns {number} how many comments were inserted (0 when the article had some already)
 */
export function seedDemoComments(server, { articleId = DEMO_ARTICLE_ID, now = Date.now() } = {}) {
  const existing = server.db.prepare('SELECT count(*) AS n FROM comments WHERE article_id = ?').get(articleId).n;
  if (existing > 0) return 0;
  const seed = server.db.transaction(() => {
    const ids = [];
    for (const comment of DEMO_COMMENTS) {
      ids.push(
        server.insertComment({
          articleId,
          parent: comment.replyTo === undefined ? null : ids[comment.replyTo],
          name: comment.name,
          email: comment.email,
          url: comment.url ?? null,
          text: comment.text,
          date: new Date(now - comment.ago),
        }),
      );
    }
    return ids.length;
  });
  return seed();
}
