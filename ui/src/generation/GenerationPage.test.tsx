import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GenerationSnapshot } from '../api/types';
import { App } from '../app/App';
import { FakeEventSource } from '../test/fakeEventSource';
import { fakeFetch } from '../test/fakeServer';
import {
  completedSnapshot,
  GENERATION_ID,
  happyPath,
  media,
  notice,
  sceneVideo,
  snapshot,
  update,
} from '../test/fixtures';

const STATE = `/api/master-mode/generations/${GENERATION_ID}`;
const RETRY = `${STATE}/retry`;
const CANCEL = `${STATE}/cancel`;

function openPage() {
  window.history.replaceState(null, '', `/generations/${GENERATION_ID}`);
  return render(<App />);
}

/** Serves the state; `current` can be changed as the generation moves on. */
function serveState(initial: GenerationSnapshot) {
  const state = { current: initial };
  const server = fakeFetch({ [`GET ${STATE}`]: () => ({ status: 200, body: state.current }) });
  return { state, server };
}

async function streamOpened(count = 1): Promise<FakeEventSource> {
  await waitFor(() => expect(FakeEventSource.instances).toHaveLength(count));
  const source = FakeEventSource.latest();
  source.open();
  return source;
}

function bar(): number {
  return Number(screen.getByRole('progressbar', { name: 'Generation progress' }).getAttribute('aria-valuenow'));
}

function logSeqs(): string[] {
  const log = screen.getByRole('list', { name: 'Progress log' });
  return within(log)
    .queryAllByRole('listitem')
    .map((row) => row.getAttribute('data-seq') ?? '');
}

function stepStatus(step: string): string | null {
  const steps = screen.getByRole('list', { name: 'Steps' });
  return steps.querySelector(`li[data-step="${step}"]`)?.getAttribute('data-status') ?? null;
}

const path = happyPath(3);
const running = (lastSeq: number, overrides: Partial<GenerationSnapshot> = {}) => {
  const last = path[lastSeq - 1]!;
  return snapshot({ step: last.step, status: 'in_progress', progress: last.progress, message: last.message, last_seq: lastSeq, ...overrides });
};

beforeEach(() => {
  FakeEventSource.install();
});

describe('GenerationPage', () => {
  it('shows replayed and live updates once each, and the bar never moves backwards', async () => {
    serveState(running(5));
    openPage();
    const source = await streamOpened();
    expect(source.url).toBe(`/api/master-mode/progress/${GENERATION_ID}`);
    expect(bar()).toBe(30);

    const seen: number[] = [];
    // The replay of everything so far, a duplicate burst as after a reconnect, then live updates.
    for (const u of [...path.slice(0, 5), ...path.slice(2, 5), ...path.slice(5, 9)]) {
      source.send(u);
      seen.push(bar());
    }
    expect(logSeqs()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(seen.every((value, i) => i === 0 || value >= seen[i - 1]!)).toBe(true);
    expect(bar()).toBe(65);
    expect(screen.getByText('65%', { selector: '.progress-summary__percent' })).toBeInTheDocument();
    expect(stepStatus('story')).toBe('completed');
    expect(stepStatus('video_params')).toBe('completed');
    expect(stepStatus('videos')).toBe('pending');
    expect(within(screen.getByRole('list', { name: 'Steps' })).getByText('Story generated (score: 84/100)')).toBeInTheDocument();
  });

  it('closes the stream on the terminal update and shows the final ad from the refreshed state', async () => {
    const { state, server } = serveState(running(1));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, -1));
    expect(source.closed).toBe(false);

    state.current = completedSnapshot(3);
    source.send(path.at(-1)!);
    expect(source.closed).toBe(true);
    expect(bar()).toBe(100);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Aurora Cold Brew');
    expect(screen.getByText('Completed')).toBeInTheDocument();

    const final = await screen.findByTestId('final-video');
    expect(final).toHaveAttribute('src', media('final.mp4'));
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', `${media('final.mp4')}?download=1`);
    await waitFor(() => expect(final).toHaveAttribute('poster', media('final.jpg')));
    expect(await screen.findByText('Better mornings, bottled')).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(server.count('GET', STATE)).toBeGreaterThanOrEqual(2);
  });

  it('renders a finished generation from its state alone, without a stream', async () => {
    serveState(completedSnapshot(3));
    openPage();
    expect(await screen.findByTestId('final-video')).toHaveAttribute('poster', media('final.jpg'));
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(bar()).toBe(100);
    for (const step of ['upload', 'story', 'scenes', 'video_params', 'videos', 'complete']) {
      expect(stepStatus(step)).toBe('completed');
    }
    const scenes = screen.getByRole('region', { name: 'Scenes' });
    const players = within(scenes).getAllByTestId('scene-video');
    expect(players.map((video) => video.getAttribute('src'))).toEqual([sceneVideo(1), sceneVideo(2), sceneVideo(3)]);
    expect(players[0]).toHaveAttribute('preload', 'metadata');
    expect(players[0]).toHaveAttribute('controls');

    // The story: beats with their roles, the score and its rubric, the scenes and cohesion.
    expect(screen.getByText('Mornings are rushed.')).toBeInTheDocument();
    expect(screen.getByText('Story score:', { exact: false })).toHaveTextContent('Story score: 84/100');
    const rubric = screen.getAllByRole('table')[0]!;
    expect(within(rubric).getByRole('rowheader', { name: 'Hook' })).toBeInTheDocument();
    expect(within(rubric).getByText('18/20')).toBeInTheDocument();
    expect(within(rubric).getByText('Opens on a familiar moment')).toBeInTheDocument();
    expect(screen.getByText('Cohesion:', { exact: false })).toHaveTextContent('Cohesion: 88/100');
    expect(screen.getByText('Narration 2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('shows markup from the brief and the story as the text it is, never as elements', async () => {
    const name = '<img src="x" onerror="window.pwned = true">Aurora';
    const beat = '<script>window.pwned = true</script>Mornings are rushed.';
    const narration = '<b>Bold</b> claims';
    const done = completedSnapshot(3);
    done.brief.product_name = name;
    done.story!.beats[0]!.text = beat;
    done.scenes!.scenes[1]!.narration = narration;
    serveState(done);
    const { container } = openPage();

    await screen.findByTestId('final-video');
    for (const text of [name, beat, narration]) {
      expect(screen.getAllByText(text, { exact: false }).length).toBeGreaterThan(0);
    }
    expect(container.querySelector('img[src="x"], script, b')).toBeNull();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('fetches the state again when a step completes, to show the story and the scene plan', async () => {
    const { state, server } = serveState(running(3));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 4));
    expect(screen.getByText('The story appears here once it is written.')).toBeInTheDocument();

    const done = completedSnapshot(3);
    state.current = running(7, { story: done.story, scenes: done.scenes });
    // The story and the scenes complete in one burst: one fetch covers both.
    source.send(...path.slice(4, 7));
    expect(await screen.findByText('Better mornings, bottled')).toBeInTheDocument();
    const scenes = screen.getByRole('region', { name: 'Scenes' });
    await waitFor(() => expect(within(scenes).getAllByRole('listitem')).toHaveLength(3));
    expect(within(scenes).getByText('Caption 2')).toBeInTheDocument();
    expect(server.count('GET', STATE)).toBe(2);
  });

  it('says "Reconnecting…" while the browser reconnects, without showing a failure', async () => {
    serveState(running(3));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 4));
    source.dropAndRetry();

    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(source.closed).toBe(false);

    // The browser's reconnect resumes after Last-Event-ID.
    source.open();
    source.send(path[4]!);
    expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument();
    expect(logSeqs()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('renders what the state says when the stream closes for good', async () => {
    const { state } = serveState(running(3));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 3));
    state.current = snapshot({
      step: 'story',
      status: 'failed',
      progress: 15,
      message: 'The copywriter did not answer',
      last_seq: 5,
      error: { step: 'story', scene: null, type: 'ProviderUnavailable', message: 'The copywriter did not answer' },
    });
    source.fail();
    expect(await screen.findByRole('alert')).toHaveTextContent('The copywriter did not answer');
  });

  it('shows the not-found view for an unknown generation', async () => {
    fakeFetch({});
    openPage();
    expect(await screen.findByRole('heading', { name: 'Generation not found' })).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('shows a notice on the status line only, not in the log and without moving the bar', async () => {
    serveState(running(4));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 4));
    source.notify(notice('Waiting for a worker…', 15, 'story'));
    expect(screen.getByText('Waiting for a worker…')).toBeInTheDocument();
    expect(logSeqs()).toHaveLength(4);
    expect(bar()).toBe(15);
    source.send(path[4]!);
    expect(screen.queryByText('Waiting for a worker…')).not.toBeInTheDocument();
  });

  it('shows the failure with Retry, and Retry resumes the live view', async () => {
    const user = userEvent.setup();
    const failed = update(11, 'videos', 'failed', 77, 'Scene 2 of 3 failed: the renderer ran out of memory', {
      scene_videos: [sceneVideo(1)],
    });
    const state = { current: running(10) };
    let retried = 0;
    const server = fakeFetch({
      [`GET ${STATE}`]: () => ({ status: 200, body: state.current }),
      [`POST ${RETRY}`]: () => {
        retried++;
        return { status: 202, body: { attempt: 2 } };
      },
    });
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 10), failed);
    state.current = snapshot({
      step: 'videos',
      status: 'failed',
      progress: 77,
      message: failed.message,
      last_seq: 11,
      scene_videos: [sceneVideo(1)],
      error: { step: 'videos', scene: 2, type: 'RenderFailed', message: failed.message },
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Scene 2 of 3 failed: the renderer ran out of memory');
    await waitFor(() => expect(alert).toHaveTextContent('Scene videos, scene 2'));
    expect(source.closed).toBe(true);
    expect(stepStatus('videos')).toBe('failed');
    expect(screen.getByText('Failed')).toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(retried).toBe(1);
    expect(server.count('POST', RETRY)).toBe(1);
    const resumed = await streamOpened(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // A new connection replays everything; only the new attempt's updates are new.
    resumed.send(...path.slice(0, 10), failed);
    resumed.send(
      update(12, 'videos', 'in_progress', 70, 'Generating scene videos (may take several minutes)...', { scene_videos: [sceneVideo(1)] }),
      update(13, 'videos', 'in_progress', 83, 'Scene 2 of 3 rendered', { scene_videos: [sceneVideo(1), sceneVideo(2)] }),
    );
    expect(logSeqs()).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    expect(bar()).toBe(83);
    expect(stepStatus('videos')).toBe('in_progress');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('scene-video')).toHaveLength(2);
  });

  it('shows why a retry was refused', async () => {
    const user = userEvent.setup();
    fakeFetch({
      [`GET ${STATE}`]: {
        status: 200,
        body: snapshot({ step: 'story', status: 'failed', progress: 15, message: 'No copywriter', last_seq: 4, error: { step: 'story', scene: null, type: 'ProviderUnavailable', message: 'No copywriter' } }),
      },
      [`POST ${RETRY}`]: {
        status: 409,
        body: { title: 'Generation cannot be retried', status: 409, detail: 'Only a failed generation can be retried; this one is cancelled.' },
      },
    });
    openPage();
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Only a failed generation can be retried; this one is cancelled.')).toBeInTheDocument();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('shows each scene player as soon as its update arrives, in its own scene’s box', async () => {
    serveState(running(9));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 10));
    const scenes = screen.getByRole('region', { name: 'Scenes' });
    expect(within(scenes).queryAllByTestId('scene-video')).toHaveLength(0);

    source.send(update(11, 'videos', 'in_progress', 77, 'Scene 1 of 3 rendered', { scene_videos: [sceneVideo(1)] }));
    expect(within(scenes).getAllByTestId('scene-video')).toHaveLength(1);
    expect(within(scenes).getAllByRole('listitem')).toHaveLength(3);

    source.send(update(12, 'videos', 'in_progress', 83, 'Scene 2 of 3 rendered', { scene_videos: [sceneVideo(1), sceneVideo(3)] }));
    const tiles = within(scenes).getAllByRole('listitem');
    expect(tiles[1]!.querySelector('video')).toBeNull();
    expect(tiles[2]!.querySelector('video')).toHaveAttribute('src', sceneVideo(3));
    // Every box has the ad's shape before its video arrives.
    for (const tile of tiles) {
      expect((tile.querySelector('.media-frame') as HTMLElement).style.aspectRatio).toBe('16 / 9');
    }
  });

  it('sizes scene boxes to a portrait ad', async () => {
    serveState(running(9, { brief: { ...snapshot().brief, aspect_ratio: '9:16' } }));
    openPage();
    const source = await streamOpened();
    source.send(update(10, 'videos', 'in_progress', 77, 'Scene 1 of 4 rendered', { scene_videos: [sceneVideo(1)] }));
    const frames = screen.getByRole('region', { name: 'Scenes' }).querySelectorAll<HTMLElement>('.media-frame');
    expect(frames).toHaveLength(4);
    expect(frames[0]!.style.aspectRatio).toBe('9 / 16');
  });

  it('asks before cancelling, then cancels', async () => {
    const user = userEvent.setup();
    let cancelled = 0;
    fakeFetch({
      [`GET ${STATE}`]: { status: 200, body: running(4) },
      [`POST ${CANCEL}`]: () => {
        cancelled++;
        return { status: 202 };
      },
    });
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 4));

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText(/Stop this generation\?/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep going' }));
    expect(cancelled).toBe(0);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Stop generation' }));
    expect(cancelled).toBe(1);
    source.send(update(5, 'story', 'cancelled', 15, 'Generation cancelled'));
    expect(source.closed).toBe(true);
    expect(screen.getByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('closes the stream when the page is left', async () => {
    const user = userEvent.setup();
    fakeFetch({
      [`GET ${STATE}`]: { status: 200, body: running(2) },
      'GET /api/master-mode/generations': { status: 200, body: { items: [], page: 0, size: 20, total: 0 } },
    });
    openPage();
    const source = await streamOpened();
    await user.click(screen.getByRole('link', { name: 'History' }));
    expect(window.location.pathname).toBe('/generations');
    expect(source.closed).toBe(true);
  });

  it('announces step changes politely', async () => {
    serveState(running(3));
    openPage();
    const source = await streamOpened();
    source.send(...path.slice(0, 4));
    const live = document.querySelector('[aria-live="polite"]');
    expect(live).toHaveTextContent('Story: Generating story with vision-enhanced AI...');
  });

  it('links the generation to its workflow in Temporal Web when the server says where that is', async () => {
    const workflow = `http://temporal.example:8233/namespaces/default/workflows/generation-${GENERATION_ID}`;
    serveState({ ...completedSnapshot(3), temporal_web_url: workflow });
    openPage();

    const link = await screen.findByRole('link', { name: 'Open in Temporal Web' });
    expect(link).toHaveAttribute('href', workflow);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noreferrer');
  });

  it('shows no Temporal Web link when the server has none to give', async () => {
    serveState(completedSnapshot(3));
    openPage();

    expect(await screen.findByTestId('final-video')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open in Temporal Web' })).not.toBeInTheDocument();
  });
});
