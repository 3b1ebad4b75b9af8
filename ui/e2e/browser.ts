import type { Page } from 'playwright-core';
import { required, screenshot } from './chromium';

export { launch, screenshot } from './chromium';

/** Where the server under test listens, and what the api module's test told us. */
export const baseUrl = required('REELSMITH_URL');
export const doomedProduct = required('REELSMITH_DOOMED');
/** The account the server was started with. */
export const account = { name: required('REELSMITH_USER'), password: required('REELSMITH_PASSWORD') };

/**
 * Signs in through the sign-in page, as a person would: opening the app without a session lands
 * there, and signing in comes back. The page's context keeps the session cookie for its other pages.
 */
export async function signIn(page: Page, shot?: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Password').fill(`${account.password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong name or password.' }).waitFor();
  await page.getByLabel('Password').fill(account.password);
  if (shot) {
    await screenshot(page, shot);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Records every value the progress bar shows, from the first paint of each page load on, so a test
 * can check it never went backwards; read it with {@link progressSeen}.
 */
export async function recordProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { __progressSeen: number[] }).__progressSeen = seen;
    const record = () => {
      const bar = document.querySelector('[role="progressbar"]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      if (bar && Number.isFinite(value) && seen[seen.length - 1] !== value) {
        seen.push(value);
      }
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

export function progressSeen(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __progressSeen: number[] }).__progressSeen);
}

/** The seqs in the progress log, in the order shown. */
export function loggedSeqs(page: Page): Promise<number[]> {
  return page
    .getByRole('list', { name: 'Progress log' })
    .locator('li[data-seq]')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
}

export async function stepStatuses(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .getByRole('list', { name: 'Steps' })
    .locator('li[data-step]')
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-step'), item.getAttribute('data-status')]),
    );
  const steps = rows.map(([step]) => step);
  if (new Set(steps).size !== steps.length) {
    throw new Error(`the step list shows a step twice: ${steps.join(', ')}`);
  }
  return Object.fromEntries(rows);
}

export function progressValue(page: Page): Promise<number> {
  return page
    .getByRole('progressbar', { name: 'Generation progress' })
    .getAttribute('aria-valuenow')
    .then(Number);
}
