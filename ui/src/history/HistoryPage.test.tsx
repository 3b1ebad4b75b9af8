import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { fakeFetch } from '../test/fakeServer';
import { historyItem, media } from '../test/fixtures';

const LIST = '/api/master-mode/generations';

function openHistory(path = '/generations') {
  window.history.replaceState(null, '', path);
  render(<App />);
}

describe('HistoryPage', () => {
  it('lists generations newest first, each a link to its page', async () => {
    fakeFetch({
      [`GET ${LIST}`]: {
        status: 200,
        body: {
          items: [
            historyItem({ generation_id: 'b2', product_name: 'Nimbus Headphones', status: 'in_progress', poster_path: null, duration_seconds: null }),
            historyItem({ generation_id: 'a1', product_name: 'Aurora Cold Brew', status: 'completed', duration_seconds: 30 }),
          ],
          page: 0,
          size: 20,
          total: 2,
        },
      },
    });
    openHistory();
    const list = await screen.findByRole('list', { name: 'Generations' });
    const links = within(list).getAllByRole('link');
    expect(links).toHaveLength(2);
    expect(links[0]).toHaveAccessibleName(/Nimbus Headphones/);
    expect(links[0]).toHaveAttribute('href', '/generations/b2');
    expect(links[1]).toHaveAttribute('href', '/generations/a1');
    expect(within(links[0]!).getByText('Running')).toBeInTheDocument();
    expect(within(links[0]!).queryByRole('img')).not.toBeInTheDocument();
    expect(links[1]!.querySelector('img')).toHaveAttribute('src', media('final.jpg'));
    expect(within(links[1]!).getByText('Completed')).toBeInTheDocument();
    expect(within(links[1]!).getByText('30 s')).toBeInTheDocument();
    const date = links[1]!.querySelector('time')!;
    expect(date).toHaveAttribute('dateTime', '2025-05-01T09:30:00Z');
    expect(date.textContent).toMatch(/2025/);
    expect(screen.queryByRole('navigation', { name: 'Pages' })).not.toBeInTheDocument();
  });

  it('shows markup in a product name as the text it is', async () => {
    const name = '<img src="x" onerror="window.pwned = true">Aurora';
    fakeFetch({
      [`GET ${LIST}`]: { status: 200, body: { items: [historyItem({ product_name: name })], page: 0, size: 20, total: 1 } },
    });
    openHistory();
    const list = await screen.findByRole('list', { name: 'Generations' });
    expect(within(list).getByText(name, { exact: false })).toBeInTheDocument();
    expect(list.querySelector('img[src="x"]')).toBeNull();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('invites a first ad when there is none', async () => {
    fakeFetch({ [`GET ${LIST}`]: { status: 200, body: { items: [], page: 0, size: 20, total: 0 } } });
    openHistory();
    expect(await screen.findByText('No ads yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create your first ad' })).toHaveAttribute('href', '/');
  });

  it('pages through older and newer generations', async () => {
    const server = fakeFetch({
      [`GET ${LIST}`]: ({ url }) => {
        const page = Number(url.searchParams.get('page'));
        return {
          status: 200,
          body: { items: [historyItem({ generation_id: `g${page}`, product_name: `Ad on page ${page}` })], page, size: 20, total: 45 },
        };
      },
    });
    const user = userEvent.setup();
    openHistory();
    await screen.findByText('Ad on page 0');
    expect(screen.queryByRole('link', { name: 'Newer' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Older' }));
    expect(await screen.findByText('Ad on page 1')).toBeInTheDocument();
    expect(window.location.search).toBe('?page=1');
    expect(server.calls.at(-1)?.search).toBe('?page=1&size=20');

    await user.click(screen.getByRole('link', { name: 'Older' }));
    expect(await screen.findByText('Ad on page 2')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Older' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Newer' }));
    expect(await screen.findByText('Ad on page 1')).toBeInTheDocument();
  });

  it('says so when the list cannot be loaded, and tries again', async () => {
    let calls = 0;
    fakeFetch({
      [`GET ${LIST}`]: () =>
        ++calls === 1
          ? { status: 503, body: { title: 'Service Unavailable', status: 503, detail: 'Temporal is not reachable.' } }
          : { status: 200, body: { items: [historyItem()], page: 0, size: 20, total: 1 } },
    });
    const user = userEvent.setup();
    openHistory();
    expect(await screen.findByRole('alert')).toHaveTextContent('Temporal is not reachable.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: /Aurora Cold Brew/ })).toBeInTheDocument();
  });
});
