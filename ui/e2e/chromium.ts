import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * What every browser test needs, whichever server it looks at: the settings the api module's test
 * passes in, Debian's headless Chromium, and screenshots.
 */

/** A setting from the api module's test that runs this browser test. */
export function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the browser tests through the api module's tests ` +
        '(BrowserEndToEndTest, DurableGenerationsTest)',
    );
  }
  return value;
}

/** Debian's Chromium, headless: playwright-core drives it, it downloads nothing. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const screenshots = required('REELSMITH_SCREENSHOTS');
  mkdirSync(screenshots, { recursive: true });
  // From the top, so a sticky header is drawn where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}
