// In-page side of the benchmark: each export runs one scenario on the page that loaded it
// and resolves with plain numbers for bench/run.mjs. Times are performance.now()
// milliseconds; "painted" is always taken the same way for an element and its baseline
// (see nextPaint).
import { renderComments, renderPost, renderPostList, showPost } from './baseline.js';

const TIMEOUT_MS = 20_000;
performance.setResourceTimingBufferSize(5000);

/** Resolves after the next frame has been rendered: `raf` when it started, `painted` just after it. */
export function nextPaint() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const raf = performance.now();
      // A message posted from rAF is delivered after the frame's style, layout and paint.
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        resolve({ raf, painted: performance.now() });
      };
      port2.postMessage(null);
    }),
  );
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}

/** The page has loaded, its scripts have run and two frames have passed: nothing else is going on. */
export async function quiet() {
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  await frame();
  await frame();
}

/** The Resource Timing entry of `url`'s last request. */
function resource(url) {
  const href = new URL(url, location.href).href;
  const entry = performance.getEntriesByName(href, 'resource').at(-1);
  if (!entry) throw new Error(`no resource timing entry for ${href}`);
  return entry;
}

/** Rejects when an element reports an error, so a broken element fails the run instead of hanging it. */
function failOn(target, type) {
  return new Promise((_, reject) =>
    target.addEventListener(type, (event) => reject(new Error(`${type}: ${event.kind ?? ''} ${event.status ?? ''}`)), { once: true }),
  );
}

const fetchEntries = () => performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch').length;

// ---- 1. one article --------------------------------------------------------------

/**
 * One article, from response to painted. `busy` = (DOM in place - responseEnd of the JSON)
 * + (end of the next frame's rendering - its rAF): the work, without the wait for the next
 * vsync, which is the same for both and only adds noise. `wall` keeps that wait in.
 */
export async function article({ impl, url, variant }) {
  await quiet();
  const host = document.createElement(impl === 'element' ? 'news-card' : 'div');
  const main = document.querySelector('main');
  let commit;
  performance.mark('go');
  const go = performance.now();
  if (impl === 'element') {
    host.setAttribute('variant', variant);
    host.setAttribute('src', url);
    const loaded = new Promise((resolve) => host.addEventListener('news-card-load', () => resolve(performance.now()), { once: true }));
    main.append(host);
    commit = await withTimeout(Promise.race([loaded, failOn(host, 'news-card-error')]), 'news-card-load');
    await host.updateComplete;
  } else {
    main.append(host);
    commit = await withTimeout(renderPost(host, url, variant), 'baseline');
  }
  const { raf, painted } = await nextPaint();
  const { responseEnd } = resource(url);
  performance.mark('painted', { startTime: painted });
  performance.measure('response-to-painted', { start: responseEnd, end: painted });
  return { busy: commit - responseEnd + (painted - raf), wall: painted - responseEnd, goToPainted: painted - go };
}

// ---- 8. a news list of 50 from one answer --------------------------------------------

/**
 * `<news-feed limit=50>` of a WordPress posts list of 50, or the hand-written list: from
 * the answer to painted (`busy`, as article()), and from insert to painted.
 */
export async function newsList({ impl, url, limit }) {
  await quiet();
  const main = document.querySelector('main');
  const host = document.createElement(impl === 'element' ? 'news-feed' : 'div');
  performance.mark('go');
  const go = performance.now();
  let commit;
  if (impl === 'element') {
    host.setAttribute('limit', String(limit));
    host.setAttribute('heading', 'News');
    host.setAttribute('src', url);
    const loaded = new Promise((resolve) => host.addEventListener('news-feed-load', () => resolve(performance.now()), { once: true }));
    main.append(host);
    commit = await withTimeout(Promise.race([loaded, failOn(host, 'news-feed-error')]), 'news-feed-load');
    await host.updateComplete;
    const shown = host.shadowRoot.querySelectorAll('li').length;
    if (shown !== limit) throw new Error(`news-feed shows ${shown} items, not ${limit}`);
  } else {
    main.append(host);
    commit = await withTimeout(renderPostList(host, url, limit), 'baseline list');
  }
  const { raf, painted } = await nextPaint();
  const { responseEnd } = resource(url);
  performance.measure('list-painted', { start: responseEnd, end: painted });
  performance.measure('list-insert-painted', { start: go, end: painted });
  return { busy: commit - responseEnd + (painted - raf), goToPainted: painted - go };
}

// ---- 2 and 3. many cards -----------------------------------------------------------

function cardHosts(impl, count, loading) {
  const grid = document.querySelector('main');
  const hosts = [];
  for (let i = 0; i < count; i++) {
    const host = document.createElement(impl === 'element' ? 'news-card' : 'div');
    if (impl === 'element' && loading === 'lazy') host.setAttribute('loading', 'lazy');
    // A hand-written lazy widget has to reserve some height itself, or every empty host is "near".
    if (impl !== 'element' && loading === 'lazy') host.style.minHeight = '420px';
    hosts.push(host);
  }
  return { grid, hosts };
}

/** 200 eager cards from `urls` (round robin): time from "go" to all painted. */
export async function feed({ impl, urls }) {
  await quiet();
  const count = 200;
  const { grid, hosts } = cardHosts(impl, count, 'eager');
  performance.mark('go');
  const go = performance.now();
  if (impl === 'element') {
    let loaded = 0;
    const all = new Promise((resolve) =>
      grid.addEventListener('news-card-load', () => {
        if (++loaded === count) resolve();
      }),
    );
    hosts.forEach((host, i) => host.setAttribute('src', urls[i % urls.length]));
    grid.append(...hosts);
    await withTimeout(Promise.race([all, failOn(grid, 'news-card-error')]), 'all news-card-load');
    await Promise.all(hosts.map((h) => h.updateComplete));
  } else {
    grid.append(...hosts);
    await withTimeout(Promise.all(hosts.map((host, i) => renderPost(host, urls[i % urls.length]))), 'baseline cards');
  }
  const { painted } = await nextPaint();
  performance.measure('all-cards-painted', { start: go, end: painted });
  return { allPainted: painted - go, fetches: fetchEntries() };
}

/**
 * After feed(): every card's `lang` changes (lv -> sv: the date, reading time and labels
 * change). The element updates what changed; the hand-written card renders itself again
 * from the data it already has. Time from the change to painted.
 */
export async function relang({ impl, lang, urls }) {
  const hosts = [...document.querySelector('main').children];
  // The hand-written card needs its data again; it would have kept it (fetched before timing).
  const posts = impl === 'element' ? [] : await Promise.all(urls.map((url) => fetch(url).then((r) => r.json())));
  await nextPaint();
  const go = performance.now();
  for (const host of hosts) host.lang = lang;
  if (impl === 'element') await Promise.all(hosts.map((h) => h.updateComplete));
  else hosts.forEach((host, i) => showPost(host, posts[i % posts.length]));
  const { painted } = await nextPaint();
  performance.measure('relang', { start: go, end: painted });
  const sample = hosts[0].shadowRoot.querySelector('time')?.textContent;
  return { painted: painted - go, sample };
}

/** 200 lazy cards with 200 distinct URLs on a long page: what loads before any scroll. */
export async function lazyFeed({ impl, urls }) {
  await quiet();
  const count = urls.length;
  const { grid, hosts } = cardHosts(impl, count, 'lazy');
  let loaded = 0;
  let lastLoad = 0;
  let first;
  const firstPainted = new Promise((resolve) => (first = resolve));
  const onLoaded = () => {
    lastLoad = performance.now();
    if (++loaded === 1) first();
  };
  performance.mark('go');
  const go = performance.now();
  if (impl === 'element') {
    grid.addEventListener('news-card-load', onLoaded);
    hosts.forEach((host, i) => host.setAttribute('src', urls[i]));
    grid.append(...hosts);
  } else {
    grid.append(...hosts);
    // The minimum done right: one IntersectionObserver for all of them.
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          renderPost(entry.target, urls[hosts.indexOf(entry.target)]).then(onLoaded);
        }
      },
      { rootMargin: '300px 0px' },
    );
    hosts.forEach((host) => observer.observe(host));
  }
  // Which cards are near the viewport as first laid out (skeletons, or the reserved height).
  await frame();
  const nearAtStart = nearViewport(hosts);
  await withTimeout(Promise.race([firstPainted, failOn(grid, 'news-card-error')]), 'the first lazy card');
  if (impl === 'element') await Promise.all(hosts.map((h) => h.updateComplete));
  const { painted } = await nextPaint();
  performance.measure('first-lazy-card', { start: go, end: painted });
  // Settled: no card has loaded for 500 ms.
  while (performance.now() - Math.max(lastLoad, painted) < 500) await sleep(100);
  // Issue 14: nothing animates in a card the reader cannot see (each one is a main-thread
  // animation in engines that cannot composite it).
  const offscreenAnimations = hosts
    .filter((h) => nearViewport([h], 0) === 0)
    .reduce((n, h) => n + (h.shadowRoot?.getAnimations?.().filter((a) => a.playState === 'running').length ?? 0), 0);
  return { firstPainted: painted - go, loaded, nearAtStart, near: nearViewport(hosts), fetches: fetchEntries(), scrollY, offscreenAnimations };
}

/** How many of `hosts` are within 300 px (the lazy margin) of the viewport. */
function nearViewport(hosts, margin = 300) {
  return hosts.filter((h) => {
    const r = h.getBoundingClientRect();
    return r.bottom > -margin && r.top < innerHeight + margin;
  }).length;
}

// ---- 4. comments -------------------------------------------------------------------

let typing;

/** The whole thread: first page painted, then "load more" until there is no more. */
export async function comments({ impl, url }) {
  await quiet();
  const main = document.querySelector('main');
  const host = document.createElement(impl === 'element' ? 'comment-box' : 'div');
  const pages = [];
  performance.mark('go');
  const go = performance.now();
  let count;
  if (impl === 'element') {
    host.setAttribute('src', url);
    const shown = () => host.shadowRoot?.querySelectorAll('[part="comment"]').length ?? 0;
    // A step of "load more" ends with a page from the server (`comment-box-load`) or, when
    // the element already holds more comments than it shows, with those shown at once
    // (no request, no event): both are one page painted.
    let loaded;
    host.addEventListener('comment-box-load', () => loaded?.());
    const failed = failOn(host, 'comment-box-error');
    const nextStep = () => withTimeout(Promise.race([new Promise((resolve) => (loaded = resolve)), failed]), 'comment-box-load or more comments shown');
    let step = nextStep();
    main.append(host);
    for (;;) {
      await step;
      await host.updateComplete;
      pages.push((await nextPaint()).painted - go);
      // The button is disabled until the page's load task has settled.
      let more;
      for (let i = 0; i < 100; i++) {
        await host.updateComplete;
        more = host.shadowRoot.querySelector('[part="load-more"]');
        if (!more?.disabled) break;
        await frame();
      }
      if (!more) break;
      const before = shown();
      step = nextStep();
      more.click();
      // Checked once the click's update is done (a page from the server comes later, by event).
      host.updateComplete.then(() => shown() > before && loaded());
    }
    count = host.shadowRoot.querySelectorAll('[part="comment"]').length;
  } else {
    main.append(host);
    count = await withTimeout(renderComments(host, url, async () => pages.push((await nextPaint()).painted - go)), 'baseline comments');
  }
  typing = { host, impl, field: host.shadowRoot.querySelector('textarea'), latency: [], work: [] };
  return { firstPage: pages[0], allPages: pages.at(-1), pages: pages.length, comments: count, nodes: document.querySelectorAll('*').length };
}

/**
 * Focuses the comment field and starts timing each `input` event: `latency` = from the
 * event's timestamp (the key press) to the end of the next frame's rendering; `work` = to
 * the end of the element's own update for it (the script cost of a keystroke).
 */
export function startTyping() {
  const { host, impl, field } = typing;
  field.scrollIntoView({ block: 'center' });
  field.focus();
  host.shadowRoot.addEventListener(
    'input',
    (event) => {
      const start = event.timeStamp;
      nextPaint().then(({ painted }) => typing.latency.push(painted - start));
    },
    true,
  );
  host.addEventListener('input', async (event) => {
    const start = event.timeStamp;
    if (impl === 'element') await host.updateComplete;
    typing.work.push(performance.now() - start);
  });
  return document.activeElement === host || host.shadowRoot.activeElement === field;
}

export async function stopTyping() {
  await nextPaint();
  await nextPaint();
  return { latency: typing.latency, work: typing.work, value: typing.field.value.length };
}

// ---- 5. scrolling --------------------------------------------------------------------

let scrolling;

/** Counts frames and long tasks while bench/run.mjs scrolls the page. */
export async function startScroll({ impl }) {
  await quiet();
  if (impl !== 'none') {
    if (impl === 'fallback') window.LapaWidgets.ScrollToTopElement.scrollTimeline = false;
    const button = document.createElement('scroll-to-top');
    if (impl !== 'plain') button.setAttribute('progress', '');
    document.body.append(button);
    await button.updateComplete;
  }
  await frame();
  scrolling = { frames: 0, longTasks: [], running: true };
  const observer = new PerformanceObserver((list) => scrolling.longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  scrolling.observer = observer;
  const count = () => {
    if (!scrolling.running) return;
    scrolling.frames++;
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  return document.documentElement.scrollHeight / innerHeight;
}

export function markScroll() {
  scrolling.start = performance.now();
}

export async function stopScroll() {
  await frame();
  scrolling.running = false;
  scrolling.observer.takeRecords().forEach((e) => scrolling.longTasks.push(e.duration));
  scrolling.observer.disconnect();
  performance.measure('scrolling', { start: scrolling.start });
  const button = document.querySelector('scroll-to-top');
  const shown = button ? getComputedStyle(button.shadowRoot.querySelector('[part="button"]') ?? button).visibility !== 'hidden' : null;
  return { frames: scrolling.frames, longTasks: scrolling.longTasks, scrollY, shown };
}

// ---- 6. startup ------------------------------------------------------------------------

/**
 * Parse + compile + evaluate of the script at `src` (fetched first, outside the timing), run
 * as an inline script: inserting it runs it synchronously, in every engine. A unique tail
 * defeats any in-process compilation cache, so every sample compiles cold.
 */
export async function startup({ src }) {
  const code = await (await fetch(src)).text();
  await quiet();
  const script = document.createElement('script');
  script.textContent = `${code}\n//# bench-sample ${src} ${Math.random()}`;
  const t0 = performance.now();
  document.head.append(script);
  const t1 = performance.now();
  performance.measure('evaluate', { start: t0, end: t1 });
  return { evaluate: t1 - t0, defined: Boolean(customElements.get('news-card') || window.__floor) };
}

// ---- 7. layout stability --------------------------------------------------------------

/**
 * Waits until every card on the page has loaded and its images have arrived, then a
 * little longer, and sums the layout shifts the page recorded from its start
 * (window.__shifts, collected by an observer in the page's head).
 */
export async function layoutStability({ impl }) {
  const hosts = [...document.querySelectorAll('.card-host')];
  if (impl === 'element') {
    await withTimeout(window.__allLoaded, 'all news-card-load');
    await Promise.all(hosts.map((h) => h.updateComplete));
  } else {
    await withTimeout(window.__allLoaded, 'baseline cards');
  }
  const images = hosts.flatMap((h) => [...h.shadowRoot.querySelectorAll('img')]);
  await withTimeout(Promise.all(images.map((img) => img.decode().catch(() => {}))), 'images');
  await nextPaint();
  await nextPaint();
  await sleep(100);
  const shifts = window.__shifts;
  return { cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts, images: images.length, cards: hosts.length };
}
