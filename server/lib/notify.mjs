// @ts-check
// The moderation webhook: a JSON POST for each comment held for moderation (and each
// report), so a moderator hears of it without polling. Fire and forget: the commenter's
// answer never waits for it, and a failing webhook is logged, never retried in a loop.

const TIMEOUT_MS = 5000;

/**
 * @param {string | undefined} url
 * @param {(error: unknown) => void} onError
 * @returns {(event: Record<string, unknown>) => Promise<void>}
 */
export function createNotifier(url, onError) {
  if (url === undefined) return async () => {};
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError('notifyWebhook must be an http(s) URL');
  return async (event) => {
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'lapa-comments' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the moderation webhook answered ${response.status}`);
    } catch (error) {
      onError(error);
    }
  };
}
