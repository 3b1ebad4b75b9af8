import { describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '../api/types';
import {
  completedSnapshot,
  happyPath,
  notice,
  sceneVideo,
  snapshot,
  update,
} from '../test/fixtures';
import {
  initialProgressState,
  isTerminalUpdate,
  needsSnapshot,
  progressReducer,
  selectView,
  type ProgressAction,
  type ProgressState,
} from './progressState';

function run(actions: ProgressAction[], from: ProgressState = initialProgressState): ProgressState {
  return actions.reduce(progressReducer, from);
}

const updates = (list: ProgressUpdate[]): ProgressAction[] => list.map((u) => ({ type: 'update', update: u }));

/** The percentages a person would see, one after each action. */
function barHistory(actions: ProgressAction[], from: ProgressState = initialProgressState): number[] {
  const seen: number[] = [];
  actions.reduce((state, action) => {
    const next = progressReducer(state, action);
    seen.push(selectView(next).progress);
    return next;
  }, from);
  return seen;
}

function isNonDecreasing(values: number[]): boolean {
  return values.every((value, i) => i === 0 || value >= values[i - 1]!);
}

describe('progressReducer', () => {
  const path = happyPath(3);

  it('merges a replayed prefix and live updates into one ordered log', () => {
    const replayed = path.slice(0, 6);
    // A reconnect replays what was seen, overlapping the live updates that follow.
    const state = run(updates([...replayed, ...path.slice(3, 9), ...path.slice(9)]));
    const view = selectView(state);
    expect(view.log.map((u) => u.seq)).toEqual(path.map((u) => u.seq));
    expect(view.log.map((u) => u.message)).toContain('Story generated (score: 84/100)');
  });

  it('ignores duplicates and updates older than the last one applied', () => {
    const first = run(updates(path.slice(0, 5)));
    const again = run(updates([path[4]!, path[2]!, path[0]!]), first);
    expect(again).toBe(first);
    expect(selectView(again).log).toHaveLength(5);
  });

  it('never moves the bar backwards within an attempt', () => {
    const outOfOrderPercent = [
      update(1, 'videos', 'in_progress', 80, 'Scene 2 of 4 rendered'),
      update(2, 'videos', 'in_progress', 75, 'Scene 1 of 4 rendered'),
    ];
    expect(barHistory(updates(outOfOrderPercent))).toEqual([80, 80]);
    expect(isNonDecreasing(barHistory(updates(path)))).toBe(true);
  });

  it('holds the bar at the fetched state while the replay catches up', () => {
    const atScenes = snapshot({ step: 'scenes', status: 'in_progress', progress: 55, message: 'Generated 3 scenes (cohesion: 88/100)', last_seq: 7 });
    const actions: ProgressAction[] = [{ type: 'snapshot', snapshot: atScenes }, ...updates(path.slice(0, 9))];
    const seen = barHistory(actions);
    expect(seen[0]).toBe(55);
    expect(isNonDecreasing(seen)).toBe(true);
    expect(seen.at(-1)).toBe(65);
  });

  it('starts a new attempt after a failure, from where the retry resumes', () => {
    const failed = update(12, 'videos', 'failed', 77, 'Scene 2 of 3 failed: the renderer stopped');
    const firstAttempt = [...path.slice(0, 11), failed];
    const state = run(updates(firstAttempt));
    let view = selectView(state);
    expect(view.status).toBe('failed');
    expect(view.terminal).toBe(true);
    expect(view.failure?.message).toBe('Scene 2 of 3 failed: the renderer stopped');
    expect(view.steps.videos.status).toBe('failed');

    const retried = run(
      [{ type: 'retried' }, ...updates([update(13, 'videos', 'in_progress', 70, 'Generating scene videos (may take several minutes)...', { scene_videos: [sceneVideo(1)] })])],
      state,
    );
    view = selectView(retried);
    expect(view.attempt).toBe(2);
    expect(view.progress).toBe(70);
    expect(view.status).toBe('in_progress');
    expect(view.terminal).toBe(false);
    expect(view.failure).toBeNull();
    expect(view.steps.videos.status).toBe('in_progress');
  });

  it('hides the failure as soon as a retry is accepted, before any update of it arrives', () => {
    const state = run(updates([...path.slice(0, 10), update(11, 'videos', 'failed', 70, 'Scene 1 of 3 failed')]));
    const view = selectView(progressReducer(state, { type: 'retried' }));
    expect(view.terminal).toBe(false);
    expect(view.failure).toBeNull();
    expect(view.steps.videos.status).toBe('in_progress');
  });

  it('does not end the view on a failure replayed from an earlier attempt', () => {
    const replay = [
      ...path.slice(0, 10),
      update(11, 'videos', 'failed', 70, 'Scene 1 of 3 failed'),
      update(12, 'videos', 'in_progress', 70, 'Generating scene videos (may take several minutes)...'),
      update(13, 'videos', 'in_progress', 77, 'Scene 1 of 3 rendered', { scene_videos: [sceneVideo(1)] }),
    ];
    const running = snapshot({ attempt: 2, step: 'videos', status: 'in_progress', progress: 77, message: 'Scene 1 of 3 rendered', scene_videos: [sceneVideo(1)], last_seq: 13 });
    let state = progressReducer(initialProgressState, { type: 'snapshot', snapshot: running });
    for (const u of replay) {
      state = progressReducer(state, { type: 'update', update: u });
      const view = selectView(state);
      expect(view.terminal).toBe(false);
      expect(view.failure).toBeNull();
      expect(view.progress).toBe(77);
    }
    expect(selectView(state).attempt).toBe(2);
  });

  it('lets a retried generation resume from a failed state that was loaded without a stream', () => {
    const failedState = snapshot({ step: 'videos', status: 'failed', progress: 70, message: 'Scene 1 of 3 failed', last_seq: 11, error: { step: 'videos', scene: 1, type: 'RenderFailed', message: 'Scene 1 of 3 failed' } });
    let state = run([{ type: 'snapshot', snapshot: failedState }]);
    expect(selectView(state).failure).toEqual({ step: 'videos', scene: 1, message: 'Scene 1 of 3 failed' });
    state = run(
      [
        { type: 'retried' },
        ...updates([...path.slice(0, 10), update(11, 'videos', 'failed', 70, 'Scene 1 of 3 failed')]),
      ],
      state,
    );
    // The whole replay is the old attempt: still resuming, not failed.
    expect(selectView(state).terminal).toBe(false);
    state = run(updates([update(12, 'videos', 'in_progress', 70, 'Generating scene videos (may take several minutes)...')]), state);
    expect(selectView(state).status).toBe('in_progress');
    expect(selectView(state).attempt).toBe(2);
  });

  it('shows a failure that arrives in a state fetched after the retry', () => {
    let state = run(updates([...path.slice(0, 10), update(11, 'videos', 'failed', 70, 'Scene 1 of 3 failed')]));
    state = run(
      [
        { type: 'retried' },
        { type: 'snapshot', snapshot: snapshot({ attempt: 2, step: 'videos', status: 'failed', progress: 70, message: 'Scene 1 of 3 failed again', last_seq: 13 }) },
      ],
      state,
    );
    expect(selectView(state).terminal).toBe(true);
    expect(selectView(state).failure?.message).toBe('Scene 1 of 3 failed again');
  });

  it('detects terminal updates', () => {
    expect(isTerminalUpdate(update(1, 'complete', 'completed', 100, 'Generation complete!'))).toBe(true);
    expect(isTerminalUpdate(update(1, 'story', 'failed', 15, 'The copywriter failed'))).toBe(true);
    expect(isTerminalUpdate(update(1, 'scenes', 'cancelled', 35, 'Generation cancelled'))).toBe(true);
    expect(isTerminalUpdate(update(1, 'videos', 'completed', 95, 'Videos generated and stitched successfully!'))).toBe(false);
    expect(isTerminalUpdate(update(1, 'complete', 'in_progress', 99, 'Publishing'))).toBe(false);

    const view = selectView(run(updates(path)));
    expect(view.terminal).toBe(true);
    expect(view.status).toBe('completed');
    expect(view.progress).toBe(100);
    expect(view.finalVideoPath).toBe(path.at(-1)!.data.final_video_path);
  });

  it('marks a cancelled generation terminal and its step stopped', () => {
    const view = selectView(run(updates([...path.slice(0, 6), update(7, 'scenes', 'cancelled', 35, 'Generation cancelled')])));
    expect(view.terminal).toBe(true);
    expect(view.status).toBe('cancelled');
    expect(view.steps.scenes).toEqual({ status: 'failed', message: 'Generation cancelled' });
  });

  it('changes only the status line on a notice', () => {
    const before = run(updates(path.slice(0, 5)));
    const after = progressReducer(before, { type: 'notice', notice: notice('Waiting for a worker…', 99, 'videos') });
    const [was, now] = [selectView(before), selectView(after)];
    expect(now.notice).toBe('Waiting for a worker…');
    expect({ ...now, notice: null }).toEqual({ ...was, notice: null });
    // The next real update replaces the transient line.
    expect(selectView(progressReducer(after, { type: 'update', update: path[5]! })).notice).toBeNull();
  });

  it('keeps every scene video it has seen within an attempt', () => {
    const state = run(
      updates([
        update(1, 'videos', 'in_progress', 77, 'Scene 1 of 3 rendered', { scene_videos: [sceneVideo(1)] }),
        update(2, 'videos', 'in_progress', 83, 'Scene 2 of 3 rendered', { scene_videos: [sceneVideo(3)] }),
        update(3, 'videos', 'in_progress', 83, 'Rendering', { scene_videos: [] }),
      ]),
    );
    expect(selectView(state).sceneVideos).toEqual([sceneVideo(1), sceneVideo(3)]);
    expect(selectView(state).sceneTotal).toBe(3);
  });

  it('builds the step list: earlier steps done, the current one with its latest message', () => {
    const view = selectView(run(updates(path.slice(0, 8))));
    expect(view.steps.upload).toEqual({ status: 'completed', message: 'Saved 2 reference images' });
    expect(view.steps.story).toEqual({ status: 'completed', message: 'Story generated (score: 84/100)' });
    expect(view.steps.scenes.status).toBe('completed');
    expect(view.steps.video_params).toEqual({ status: 'in_progress', message: 'Preparing video generation parameters...' });
    expect(view.steps.videos).toEqual({ status: 'pending', message: null });
  });

  it('announces step changes, not every percent', () => {
    let state = run(updates(path.slice(0, 10)));
    expect(state.announcement).toBe('Scene videos: Generating scene videos (may take several minutes)...');
    state = run(updates(path.slice(10, 11)), state);
    expect(state.announcement).toBe('Scene videos: Generating scene videos (may take several minutes)...');
  });

  it('renders a finished generation from its state alone', () => {
    const view = selectView(run([{ type: 'snapshot', snapshot: completedSnapshot(3) }]));
    expect(view.terminal).toBe(true);
    expect(view.progress).toBe(100);
    expect(Object.values(view.steps).every((s) => s.status === 'completed')).toBe(true);
    expect(view.sceneVideos).toHaveLength(3);
    expect(view.log).toEqual([]);
  });

  it('asks for the state again when a live step completes or the stream ends', () => {
    const held = run([{ type: 'snapshot', snapshot: snapshot({ last_seq: 5 }) }]);
    expect(needsSnapshot(held, path[2]!)).toBe(false); // replayed: the state already has it
    expect(needsSnapshot(held, path[6]!)).toBe(true);
    expect(needsSnapshot(held, path[5]!)).toBe(false);
    expect(needsSnapshot(held, path.at(-1)!)).toBe(true);
  });
});
