import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../test/fakeServer';
import { GENERATION_ID, media, snapshot } from '../test/fixtures';
import { FinalAd } from './FinalAd';

const SHARE = `/api/master-mode/generations/${GENERATION_ID}/share`;
const TOKEN = 'AQ8tUz-payload.c2lnbmF0dXJl';
const LINK = {
  share_url: `http://reelsmith.example/share/${TOKEN}`,
  video_url: `http://reelsmith.example${media('final.mp4')}?share=${TOKEN}`,
  poster_url: `http://reelsmith.example${media('final.jpg')}?share=${TOKEN}`,
  expires_at: '2025-06-08T09:30:00Z',
};

function showAd() {
  const user = userEvent.setup();
  render(
    <FinalAd
      generationId={GENERATION_ID}
      video={media('final.mp4')}
      poster={media('final.jpg')}
      brief={snapshot().brief}
      durationSeconds={30}
    />,
  );
  return user;
}

describe('FinalAd', () => {
  it('asks the server for a signed link and copies the page it names', async () => {
    document.cookie = 'XSRF-TOKEN=xsrf-value; path=/';
    const server = fakeFetch({ [`POST ${SHARE}`]: { status: 200, body: LINK } });
    const user = showAd();

    await user.click(screen.getByRole('button', { name: 'Copy share link' }));

    expect(await screen.findByText(/Link copied\. Anyone with it can watch this ad until/)).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(LINK.share_url);
    expect(screen.getByRole('textbox', { name: 'Share link' })).toHaveValue(LINK.share_url);
    expect(server.count('POST', SHARE)).toBe(1);
    expect(server.last('POST', SHARE)!.headers.get('X-XSRF-TOKEN')).toBe('xsrf-value');
  });

  it('says why when the server will not share the ad', async () => {
    fakeFetch({
      [`POST ${SHARE}`]: {
        status: 409,
        body: { status: 409, title: 'Generation cannot be shared', detail: 'Only a finished ad can be shared; this one is failed.' },
      },
    });
    const user = showAd();

    await user.click(screen.getByRole('button', { name: 'Copy share link' }));

    expect(await screen.findByText('Only a finished ad can be shared; this one is failed.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Share link' })).not.toBeInTheDocument();
  });
});
