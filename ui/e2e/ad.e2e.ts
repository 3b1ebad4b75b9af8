import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  account,
  baseUrl,
  doomedProduct,
  launch,
  loggedSeqs,
  progressSeen,
  progressValue,
  recordProgress,
  screenshot,
  signIn,
  stepStatuses,
} from './browser';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const STEPS = ['upload', 'story', 'scenes', 'video_params', 'videos', 'complete'];
const GENERATION_URL = /\/generations\/([0-9a-f-]{36})$/;

let browser: Browser;
/** One signed-in browser: its pages share the session cookie, as tabs do. */
let session: BrowserContext;

beforeAll(async () => {
  browser = await launch();
  session = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await session.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await session.newPage();
  await signIn(page, 'sign-in');
  await page.close();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await session.newPage();
  await page.setViewportSize({ width, height });
  await recordProgress(page);
  return page;
}

/** Fills the brief with two example photos and submits it; returns the new generation's id. */
async function createAd(
  page: Page,
  brief: { product: string; seconds: string; aspect: string },
  shot?: string,
): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Product name').fill(brief.product);
  await page
    .getByLabel('Description')
    .fill('Slow-steeped cold brew coffee in a recyclable glass bottle.');
  await page.getByLabel('Audience').fill('busy professionals who want better coffee at home');
  await page.getByLabel('Call to action').fill('Order today at aurora.example');
  await page.getByLabel('Length').selectOption(brief.seconds);
  await page.getByLabel('Aspect ratio').selectOption(brief.aspect);
  await page
    .getByLabel('Reference images')
    .setInputFiles([`${examples}bottle.jpg`, `${examples}pour.jpg`]);
  await expect.poll(() => page.locator('img[src^="blob:"]').count()).toBe(2);
  if (shot) {
    await screenshot(page, shot);
  }
  await page.getByRole('button', { name: 'Create ad' }).click();
  // The upload is checked and stored before the page moves on; on a busy CI machine that can
  // take a while, so this waits as long as the other slow steps do.
  await page.waitForURL(GENERATION_URL, { timeout: 120_000 });
  return GENERATION_URL.exec(page.url())![1];
}

async function awaitComplete(page: Page): Promise<void> {
  await expect
    .poll(async () => (await stepStatuses(page)).complete, { timeout: 240_000, interval: 500 })
    .toBe('completed');
  await expect.poll(() => progressValue(page)).toBe(100);
}

async function state(page: Page, id: string) {
  const response = await page.request.get(`${baseUrl}/api/master-mode/generations/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { scene_videos: string[]; final_video_path: string };
}

/** Every update once, in order, none missing: seqs 1..N. */
async function expectWholeLog(page: Page): Promise<void> {
  const seqs = await loggedSeqs(page);
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
}

async function expectNeverBackwards(page: Page): Promise<void> {
  const seen = await progressSeen(page);
  expect(seen.length).toBeGreaterThan(1);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
}

describe('an ad from a brief and two photos', () => {
  it('shows live progress, survives a reload, and ends in a playable, downloadable ad', async () => {
    const page = await newPage();
    const id = await createAd(
      page,
      { product: 'Aurora Cold Brew', seconds: '30', aspect: '16:9' },
      'new-ad',
    );

    // Halfway: scenes are rendering. A reload must pick the same live view up again.
    await expect.poll(() => progressValue(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(70);
    await screenshot(page, 'generation-running');
    await expectNeverBackwards(page);
    await page.reload();

    await awaitComplete(page);
    await expectWholeLog(page);
    await expectNeverBackwards(page);
    expect(Object.entries(await stepStatuses(page)).filter(([step]) => STEPS.includes(step))).toEqual(
      STEPS.map((step) => [step, 'completed']),
    );

    const result = await state(page, id);
    const scenes = page.getByRole('region', { name: 'Scenes' }).getByTestId('scene-video');
    await expect.poll(() => scenes.count()).toBe(result.scene_videos.length);
    expect(result.scene_videos.length).toBeGreaterThanOrEqual(3);

    const video = page.getByTestId('final-video');
    const playback = await video.evaluate(async (element) => {
      const player = element as HTMLVideoElement;
      player.muted = true;
      await player.play();
      while (player.readyState < 2) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      player.pause();
      const target = player.duration / 2;
      await new Promise<void>((resolve) => {
        player.addEventListener('seeked', () => resolve(), { once: true });
        player.currentTime = target;
      });
      return { readyState: player.readyState, duration: player.duration, at: player.currentTime, target };
    });
    expect(playback.readyState).toBeGreaterThanOrEqual(2);
    expect(playback.duration).toBeGreaterThan(25);
    expect(Math.abs(playback.at - playback.target)).toBeLessThan(1);

    const download = await page.getByRole('link', { name: 'Download' }).getAttribute('href');
    expect(download).toContain(result.final_video_path);
    const file = await page.request.get(new URL(download!, baseUrl).toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('video/mp4');
    expect(file.headers()['content-disposition']).toContain('attachment');
    expect((await file.body()).subarray(4, 8).toString('latin1')).toBe('ftyp');

    await screenshot(page, 'generation-complete');

    // A second tab, opened later, renders the finished ad from its state alone.
    const later = await newPage(390, 844);
    await later.goto(`${baseUrl}/generations/${id}`);
    await expect.poll(async () => (await stepStatuses(later)).complete).toBe('completed');
    await expect.poll(() => later.getByTestId('final-video').count()).toBe(1);
    await screenshot(later, 'generation-complete-phone');
    await later.close();

    // A share link: someone without an account watches and downloads this ad, and nothing else.
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const shareField = page.getByRole('textbox', { name: 'Share link' });
    await shareField.waitFor();
    const shareUrl = await shareField.inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${baseUrl}/share/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
    await page.close();

    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shared = await stranger.newPage();
    await shared.goto(shareUrl);
    await shared.getByRole('heading', { name: 'Aurora Cold Brew', level: 1 }).waitFor();
    const sharedVideo = shared.getByTestId('shared-video');
    const sharedPlayback = await sharedVideo.evaluate(async (element) => {
      const player = element as HTMLVideoElement;
      player.muted = true;
      await player.play();
      while (player.readyState < 2 || player.currentTime < 0.5) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      player.pause();
      return { readyState: player.readyState, duration: player.duration, playing: player.currentTime };
    });
    expect(sharedPlayback.readyState).toBeGreaterThanOrEqual(2);
    expect(sharedPlayback.duration).toBeGreaterThan(25);
    const sharedDownload = await shared.getByRole('link', { name: 'Download' }).getAttribute('href');
    const sharedFile = await shared.request.get(new URL(sharedDownload!, baseUrl).toString());
    expect(sharedFile.status()).toBe(200);
    expect(sharedFile.headers()['content-disposition']).toContain('attachment');
    await screenshot(shared, 'share');
    // The link opens that ad alone: the generation's own page still asks for an account.
    expect((await shared.request.get(`${baseUrl}/api/master-mode/generations/${id}`)).status()).toBe(401);
    await shared.goto(`${baseUrl}/generations/${id}`);
    await shared.waitForURL(/\/sign-in\?next=/);
    await stranger.close();
  });
});

describe('a generation that fails', () => {
  it('shows the error and completes after Retry', async () => {
    const page = await newPage();
    const id = await createAd(page, {
      product: `${doomedProduct} Umbrella`,
      seconds: '15',
      aspect: '9:16',
    });

    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 120_000 });
    await expect.poll(() => alert.textContent()).toMatch(/scene 2/i);
    await expect.poll(() => alert.textContent()).toContain('unavailable');
    expect((await stepStatuses(page)).videos).toBe('failed');
    await screenshot(page, 'generation-failed');

    await page.getByRole('button', { name: 'Retry' }).click();
    await awaitComplete(page);
    await expectWholeLog(page);
    const result = await state(page, id);
    await expect
      .poll(() => page.getByTestId('scene-video').count())
      .toBe(result.scene_videos.length);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});

describe('the history', () => {
  it('lists earlier generations, newest first, each opening its page', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/generations`);
    const list = page.getByRole('list', { name: 'Generations' });
    const links = list.getByRole('link');
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(2);
    expect(await links.first().textContent()).toContain(doomedProduct);
    await screenshot(page, 'history');

    await list.getByRole('link', { name: /Aurora Cold Brew/ }).first().click();
    await page.waitForURL(GENERATION_URL);
    await expect.poll(() => page.getByTestId('final-video').count()).toBe(1);
    await page.close();
  });
});

describe('signing out', () => {
  it('ends the session: the app asks to sign in again', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/generations`);
    expect(await page.locator('.account__name').textContent()).toBe(`Signed in as ${account.name}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    expect((await page.request.get(`${baseUrl}/api/session`)).status()).toBe(401);
    await page.goto(`${baseUrl}/generations`);
    await page.waitForURL(/\/sign-in\?next=%2Fgenerations$/);
    await page.close();
  });
});
