import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { fakeFetch } from '../test/fakeServer';
import { GENERATION_ID, media } from '../test/fixtures';

const TOKEN = 'AQ8tUz-payload.c2lnbmF0dXJl';
const SHARED = `/api/share/${TOKEN}`;

function openShare() {
  window.history.replaceState(null, '', `/share/${TOKEN}`);
  render(<App />);
}

describe('SharePage', () => {
  it('shows the shared ad with its poster and a download, to anyone', async () => {
    const server = fakeFetch({
      [`GET ${SHARED}`]: {
        status: 200,
        body: {
          product_name: 'Aurora Cold Brew',
          video_url: `${media('final.mp4')}?share=${TOKEN}`,
          poster_url: `${media('final.jpg')}?share=${TOKEN}`,
          duration_seconds: 30,
          expires_at: '2025-06-08T09:30:00Z',
        },
      },
    });
    openShare();

    expect(await screen.findByRole('heading', { name: 'Aurora Cold Brew', level: 1 })).toBeInTheDocument();
    const video = screen.getByTestId('shared-video');
    expect(video).toHaveAttribute('src', `/media/${GENERATION_ID}/final.mp4?share=${TOKEN}`);
    expect(video).toHaveAttribute('poster', `/media/${GENERATION_ID}/final.jpg?share=${TOKEN}`);
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute(
      'href',
      `/media/${GENERATION_ID}/final.mp4?share=${TOKEN}&download=1`,
    );
    expect(screen.getByText(/30 s · shared until/)).toBeInTheDocument();
    // A public page: no navigation of the app, and nobody asked who is signed in.
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(server.calls.map((call) => call.path)).toEqual([SHARED]);
  });

  it('says when the link has expired', async () => {
    fakeFetch({ [`GET ${SHARED}`]: { status: 410, body: { status: 410, title: 'Share link expired', detail: 'It expired.' } } });
    openShare();

    expect(await screen.findByRole('heading', { name: 'This link has expired' })).toBeInTheDocument();
    expect(screen.getByText('Ask whoever sent it for a new one.')).toBeInTheDocument();
    expect(window.location.pathname).toBe(`/share/${TOKEN}`);
  });

  it('says when the link is not valid', async () => {
    fakeFetch({ [`GET ${SHARED}`]: { status: 404, body: { status: 404, title: 'Shared ad not found', detail: 'Not valid.' } } });
    openShare();

    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
  });
});
