// The benchmarks' engines are the test suites' page driver (test/support/drivers.mjs):
// puppeteer-core for Chromium and Firefox, webdriverio for WebKit, one interface, a fresh
// context or session per page. Measurements run inside the page and need nothing but
// navigation and script evaluation, so WebKit's logging proxy is left out: it would add a
// hop to every measured request. WebDriver classic reports no page errors: a WebKit page
// that throws fails its sample.
import { launchEngine as launchPageDriver } from '../../test/support/drivers.mjs';

export { ENGINE_LABELS } from '../../test/support/drivers.mjs';

/**
 * Starts `engine` (`chromium`, `firefox` or `webkit`) with pages of `viewport`'s size;
 * `onPageError(message)` hears uncaught page errors and console errors where the driver can.
 */
export const launchEngine = (engine, { viewport, onPageError = () => {} }) => launchPageDriver(engine, { viewport, onPageError, observeNetwork: false });
