import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Estimate } from '../api/types';
import { App } from '../app/App';
import { fakeFetch } from '../test/fakeServer';
import { FakeXhr } from '../test/fakeXhr';
import { dollars } from './CostEstimate';

const ESTIMATE = '/api/master-mode/estimate';

const REMOTE: Estimate = {
  currency: 'USD',
  total_usd: 1.5437,
  items: [
    { step: 'story', provider: 'openai', model: 'gpt-4o-mini', quantity: 12473, unit: 'input tokens', usd: 0.0019 },
    { step: 'video', provider: 'fal', model: 'fal-ai/kling-video/v2.1/standard/image-to-video', quantity: 15, unit: 'video seconds', usd: 1.5 },
    { step: 'narration', provider: 'openai', model: 'gpt-4o-mini-tts', quantity: 255, unit: 'characters', usd: 0.0039 },
  ],
  budget_usd: null,
  within_budget: true,
};

function image(name: string): File {
  return new File([new Uint8Array(8)], name, { type: 'image/jpeg' });
}

function openForm() {
  window.history.replaceState(null, '', '/');
  render(<App />);
  return userEvent.setup({ applyAccept: false });
}

async function fillBrief(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Product name'), 'Aurora Cold Brew');
  await user.type(screen.getByLabelText('Description'), 'Slow-steeped cold brew coffee.');
}

beforeEach(() => {
  FakeXhr.install();
});

describe('CostEstimate', () => {
  it('says a generation is free with the local providers, after one request for the finished brief', async () => {
    const server = fakeFetch({
      [`POST ${ESTIMATE}`]: { status: 200, body: { currency: 'USD', total_usd: 0, items: [], budget_usd: null, within_budget: true } },
    });
    const user = openForm();
    await user.upload(screen.getByLabelText('Reference images'), [image('bottle.jpg'), image('pour.jpg')]);
    await user.click(screen.getByLabelText('Product name'));
    await user.paste('Aurora Cold Brew');
    expect(screen.getByText('The estimated cost appears once the brief is complete.')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Description'));
    await user.paste('Slow-steeped cold brew coffee.');

    expect(await screen.findByText('Free — local providers')).toBeInTheDocument();
    // Nothing is priced until the brief is complete, and then it is priced once.
    expect(server.count('POST', ESTIMATE)).toBe(1);
    const call = server.last('POST', ESTIMATE)!;
    expect(call.search).toBe('?images=2');
    expect(call.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(call.body))).toMatchObject({
      product_name: 'Aurora Cold Brew',
      description: 'Slow-steeped cold brew coffee.',
      duration_seconds: 30,
    });
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeEnabled();
  });

  it('shows the most the remote providers could charge, step by step, and prices the brief again when it changes', async () => {
    const server = fakeFetch({
      [`POST ${ESTIMATE}`]: ({ body }) => {
        const brief = JSON.parse(String(body)) as { duration_seconds: number };
        return { status: 200, body: { ...REMOTE, total_usd: brief.duration_seconds === 60 ? 6.1 : 1.5437 } };
      },
    });
    const user = openForm();
    await fillBrief(user);

    expect(await screen.findByText('Estimated cost: up to $1.55')).toBeInTheDocument();
    expect(server.last('POST', ESTIMATE)!.search).toBe('');
    expect(screen.getByText(/video: 15 video seconds, fal fal-ai\/kling-video/)).toHaveTextContent('$1.50');
    expect(screen.getByText(/narration: 255 characters/)).toHaveTextContent('less than $0.01');

    await user.selectOptions(screen.getByLabelText('Length'), '60');
    expect(await screen.findByText('Estimated cost: up to $6.10')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeEnabled();
  });

  it('disables Create ad and says why when the estimate is over the budget', async () => {
    fakeFetch({
      [`POST ${ESTIMATE}`]: { status: 200, body: { ...REMOTE, budget_usd: 1, within_budget: false } },
    });
    const user = openForm();
    await fillBrief(user);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This ad could cost up to $1.55, over the budget of $1.00 per ad. Choose a shorter ad.',
    );
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeDisabled();
  });

  it('names the model whose price is unknown', async () => {
    fakeFetch({
      [`POST ${ESTIMATE}`]: {
        status: 200,
        body: {
          ...REMOTE,
          total_usd: null,
          items: [{ ...REMOTE.items[0], model: 'llama3.1', usd: null }, REMOTE.items[1]],
          budget_usd: 5,
          within_budget: false,
        },
      },
    });
    const user = openForm();
    await fillBrief(user);

    expect(await screen.findByText('Estimated cost unknown: no price for llama3.1 (openai).')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be checked against the budget of $5.00 per ad');
    expect(screen.getByText(/story: 12,473 input tokens/)).toHaveTextContent('price unknown');
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeDisabled();
  });

  it('still lets the ad be created when the estimate cannot be had', async () => {
    fakeFetch({ [`POST ${ESTIMATE}`]: { status: 503, body: { status: 503, title: 'Unavailable', detail: 'The server is restarting.' } } });
    const user = openForm();
    await fillBrief(user);

    await waitFor(() => expect(screen.getByText('The cost could not be estimated: The server is restarting.')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeEnabled();
  });

  it('rounds up to the cent', () => {
    expect(dollars(1.5437)).toBe('$1.55');
    expect(dollars(2)).toBe('$2.00');
    expect(dollars(0.004)).toBe('less than $0.01');
  });
});
