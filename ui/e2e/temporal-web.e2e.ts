import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launch, required, screenshot } from './chromium';

// Temporal Web, as an operator opens it from a generation: run by the api module's
// DurableGenerationsTest against a real Temporal server on which one generation has completed.
const web = required('TEMPORAL_WEB_URL');
const workflowId = required('TEMPORAL_WORKFLOW_ID');
const owner = required('REELSMITH_USER');
/** The search attributes the workflow must show: GenerationSearchAttributes.ALL, from the Java test. */
const searchAttributes = required('TEMPORAL_SEARCH_ATTRIBUTES').split(',');
const ownerQuery = `ReelsmithUser="${owner}"`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
});

describe('Temporal Web', () => {
  it("shows a generation's workflow, its type and its search attributes", async () => {
    // The workflow id alone opens its latest run, the one Reelsmith follows.
    await page.goto(`${web}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
    await page.getByRole('heading', { name: workflowId }).waitFor();
    await page.getByText('GenerationWorkflow', { exact: true }).first().waitFor();
    await screenshot(page, 'temporal-web-generation');

    await page.getByRole('tab', { name: 'Search Attributes' }).click();
    for (const name of searchAttributes) {
      await page.getByText(`"${name}"`).first().waitFor();
    }
    await screenshot(page, 'temporal-web-search-attributes');
  });

  it("lists the workflows filtered by their owner's search attribute", async () => {
    await page.goto(`${web}/namespaces/default/workflows?query=${encodeURIComponent(ownerQuery)}`);
    // The filter Temporal Web shows is the query it was given.
    await page.getByText('ReelsmithUser', { exact: false }).first().waitFor();
    await page.getByText(`"${owner}"`).first().waitFor();
    await page.getByRole('link', { name: workflowId }).first().waitFor();
    await screenshot(page, 'temporal-web-list');
  });
});
