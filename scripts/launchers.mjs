// web-test-runner launchers for the three engines, each with an optional media profile:
// the reader preferences (reduced motion, dark colour scheme, forced colours) are set when
// the browser starts, portably, instead of by a Chromium-only call from the test:
//   Chromium  the launcher's page emulates the media features from its first navigation
//   Firefox   prefs at launch (puppeteer-core over WebDriver BiDi)
//   WebKit    GTK settings in a private XDG_CONFIG_HOME that MiniBrowser reads at start
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { CHROME_ARGS } from './find-chrome.mjs';
import { findEngine } from './browsers.mjs';
import { startWebKitDriver, webKitCapabilities } from './webkit-driver.mjs';

/** Test files named `*.<profile>.test.ts` run only in a browser started with that profile. */
export const PROFILES = ['reduced-motion', 'dark', 'forced-colors'];

/** Where an engine cannot set a profile at all (WebKit has no forced colours, like Safari). */
export const UNSUPPORTED_PROFILES = { webkit: ['forced-colors'] };

export const VIEWPORT = { width: 800, height: 600 };

const CHROMIUM_MEDIA = {
  default: [],
  'reduced-motion': [{ name: 'prefers-reduced-motion', value: 'reduce' }],
  dark: [{ name: 'prefers-color-scheme', value: 'dark' }],
  'forced-colors': [{ name: 'forced-colors', value: 'active' }],
};

const FIREFOX_PREFS = {
  // Keep Firefox offline and quiet: no updates, telemetry, captive-portal or safe-browsing calls.
  base: {
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'toolkit.telemetry.enabled': false,
    // Reader defaults the other engines have too, so tests see the same starting point.
    'ui.prefersReducedMotion': 0,
    'layout.css.prefers-color-scheme.content-override': 1,
  },
  default: {},
  'reduced-motion': { 'ui.prefersReducedMotion': 1 },
  dark: { 'layout.css.prefers-color-scheme.content-override': 0 },
  'forced-colors': { 'browser.display.document_color_use': 2, 'ui.useAccessibilityTheme': 1 },
};

/** Firefox prefs for a profile: offline and quiet, plus the profile's reader preference. */
export const firefoxPrefs = (profile = 'default') => ({ ...FIREFOX_PREFS.base, ...FIREFOX_PREFS[profile] });

function chromium(profile) {
  const media = CHROMIUM_MEDIA[profile];
  return chromeLauncher({
    launchOptions: { executablePath: findEngine('chromium').executable, headless: true, args: CHROME_ARGS },
    // Headless pages have no window focus, so focus/blur events and :focus-visible would
    // depend on luck; emulate a focused page as a reader's would be.
    createPage: async ({ context }) => {
      const page = await context.newPage();
      const session = await page.createCDPSession();
      await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      if (media.length) await session.send('Emulation.setEmulatedMedia', { features: media });
      return page;
    },
  });
}

/**
 * Firefox over WebDriver BiDi. A page that has tabbed out of its last control never gets
 * focus back, so every test file gets a fresh page, closed after it.
 */
function firefox(profile) {
  const launcher = chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: findEngine('firefox').executable,
      headless: true,
      extraPrefsFirefox: firefoxPrefs(profile),
    },
    createPage: async ({ context }) => context.newPage(),
  });
  const stopSession = launcher.stopSession.bind(launcher);
  launcher.stopSession = async (sessionId) => {
    const result = await stopSession(sessionId);
    const page = launcher.inactivePages.pop();
    await page?.puppeteerPage.close().catch(() => {});
    return result;
  };
  return launcher;
}

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver classic). The launcher starts the
 * driver under xvfb-run on a free loopback port with a private GTK settings folder, and stops
 * both when the run ends.
 */
class WebKitLauncher extends WebdriverLauncher {
  constructor(profile) {
    super({ hostname: '127.0.0.1', port: 0, logLevel: 'error', connectionRetryTimeout: 60_000, capabilities: webKitCapabilities() });
    this.profile = profile;
  }

  async initialize(config) {
    await super.initialize(config);
    this.name = 'WebKit';
    this.webkit = await startWebKitDriver(this.profile);
    this.options.port = this.webkit.port;
  }

  async startSession(id, url) {
    await this.ensureManagerInitialized();
    if (!this.sized) {
      this.sized = true;
      await this.driver.setWindowSize(VIEWPORT.width, VIEWPORT.height).catch(() => {});
    }
    return super.startSession(id, url);
  }

  /**
   * Typing: webdriverio's keys() presses every key of a string before releasing any, so a
   * key that repeats (a second space, the "აა" of a Georgian word) is dropped by the driver.
   * Each character is pressed and released in turn, as a reader types. Single key presses
   * (Tab, Enter…) keep webdriverio's key names.
   */
  async sendKeys(sessionId, keys) {
    if (keys.length === 1) return super.sendKeys(sessionId, keys);
    const actions = Array.from(keys.join('')).flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await this.driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
    await this.driver.releaseActions();
  }

  async stop() {
    await super.stop();
    await this.webkit?.stop();
  }
}

export function launcherFor(engine, profile = 'default') {
  if (engine === 'chromium') return chromium(profile);
  if (engine === 'firefox') return firefox(profile);
  if (engine === 'webkit') return new WebKitLauncher(profile);
  throw new Error(`Unknown engine ${engine}`);
}
