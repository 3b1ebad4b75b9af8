/**
 * The live view of one generation, merged from its state (GET) and its progress stream (SSE).
 *
 * Pure: a reducer over four actions and a selector, so every merge rule is testable without a
 * browser. The rules (PRODUCT.md §3, §4):
 *  - an update whose seq is not above the last applied one is a replay or a duplicate: ignored;
 *  - within one attempt the percentage shown never decreases; an update after a `failed` one
 *    starts a new attempt, which may start lower;
 *  - complete+completed, failed and cancelled are terminal;
 *  - notices (no seq) change only the transient status line;
 *  - the scene videos only grow within an attempt.
 *
 * A new stream replays every update from the first. The state fetched before it already sums up
 * the updates up to its `last_seq`, so while the replay catches up to there the view shows the
 * state, and the replay only fills the log: the bar does not run from 0 again, and a failure
 * from an earlier attempt does not flash by.
 */
import type {
  GenerationSnapshot,
  ProgressNotice,
  ProgressUpdate,
  Status,
  Step,
} from '../api/types';

/** The rows of the step list; `init` has none, it is over before anything is shown. */
export const PIPELINE_STEPS = ['upload', 'story', 'scenes', 'video_params', 'videos', 'complete'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export type StepStatus = 'pending' | 'in_progress' | 'completed' | 'failed';

export interface StepView {
  status: StepStatus;
  /** The latest message of this step, if one is known. */
  message: string | null;
}

export type StepViews = Record<PipelineStep, StepView>;

export interface Failure {
  step: Step | null;
  scene: number | null;
  message: string;
}

/** What the stream's updates alone say, folded in seq order. */
interface Fold {
  attempt: number;
  /** The last update applied was `failed`: the next one starts a new attempt. */
  afterFailure: boolean;
  /** The highest percentage of the current attempt. */
  peak: number;
  last: ProgressUpdate | null;
  steps: StepViews;
  sceneVideos: string[];
  finalVideoPath: string | null;
  sceneTotal: number | null;
}

export interface ProgressState {
  /** Each update once, in seq order. */
  log: ProgressUpdate[];
  lastSeq: number;
  fold: Fold;
  snapshot: GenerationSnapshot | null;
  /** Updates up to this seq are already summed up by a snapshot (see the module comment). */
  heldUntilSeq: number;
  /**
   * Retry was accepted when the view had seen up to this seq; until an update or a state past it
   * arrives, the failure it replaced is no longer shown.
   */
  resumedAfterSeq: number | null;
  notice: string | null;
  /** The last step change, for a polite live region. */
  announcement: string;
}

export type ProgressAction =
  | { type: 'snapshot'; snapshot: GenerationSnapshot }
  | { type: 'update'; update: ProgressUpdate }
  | { type: 'notice'; notice: ProgressNotice }
  | { type: 'retried' };

export const STEP_LABELS: Record<Step, string> = {
  init: 'Start',
  upload: 'Reference images',
  story: 'Story',
  scenes: 'Scenes',
  video_params: 'Video parameters',
  videos: 'Scene videos',
  complete: 'Final ad',
};

function pendingSteps(): StepViews {
  const steps = {} as StepViews;
  for (const step of PIPELINE_STEPS) {
    steps[step] = { status: 'pending', message: null };
  }
  return steps;
}

export const initialProgressState: ProgressState = {
  log: [],
  lastSeq: 0,
  fold: {
    attempt: 1,
    afterFailure: false,
    peak: 0,
    last: null,
    steps: pendingSteps(),
    sceneVideos: [],
    finalVideoPath: null,
    sceneTotal: null,
  },
  snapshot: null,
  heldUntilSeq: 0,
  resumedAfterSeq: null,
  notice: null,
  announcement: '',
};

export function isTerminalUpdate(update: Pick<ProgressUpdate, 'step' | 'status'>): boolean {
  return (
    (update.step === 'complete' && update.status === 'completed') ||
    update.status === 'failed' ||
    update.status === 'cancelled'
  );
}

/** A generation's overall status (GET state) says nothing more will happen. */
export function isTerminalStatus(status: Status | null | undefined): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

function pipelineIndex(step: Step | null | undefined): number {
  return PIPELINE_STEPS.indexOf(step as PipelineStep);
}

function stepStatusOf(status: Status): StepStatus {
  // A cancelled step stopped short, like a failed one; its message says which it was.
  return status === 'cancelled' ? 'failed' : status;
}

/** The step list after one update: earlier steps are done, later ones not started. */
function advanceSteps(steps: StepViews, update: ProgressUpdate): StepViews {
  const at = pipelineIndex(update.step);
  if (at < 0) {
    return steps;
  }
  const next = { ...steps };
  PIPELINE_STEPS.forEach((step, i) => {
    const view = steps[step];
    if (i < at && view.status !== 'completed') {
      next[step] = { ...view, status: 'completed' };
    } else if (i === at) {
      next[step] = { status: stepStatusOf(update.status), message: update.message ?? view.message };
    } else if (i > at && (view.status === 'in_progress' || view.status === 'failed')) {
      next[step] = { ...view, status: 'pending' };
    }
  });
  return next;
}

/** The step list as a snapshot alone tells it: only the current step's message is known. */
export function stepsFromSnapshot(snapshot: GenerationSnapshot): StepViews {
  const steps = pendingSteps();
  const status = snapshot.status ?? 'in_progress';
  const at = pipelineIndex(snapshot.step);
  if (status === 'completed') {
    for (const step of PIPELINE_STEPS) {
      steps[step] = { status: 'completed', message: null };
    }
    steps.complete.message = snapshot.message ?? null;
    return steps;
  }
  PIPELINE_STEPS.forEach((step, i) => {
    if (i < at) {
      steps[step] = { status: 'completed', message: null };
    } else if (i === at) {
      steps[step] = { status: stepStatusOf(status), message: snapshot.message ?? null };
    }
  });
  return steps;
}

const RANK: Record<StepStatus, number> = { pending: 0, in_progress: 1, failed: 1, completed: 2 };

/**
 * While a replay catches up, the snapshot leads but never undoes what the replay already showed
 * done; an old attempt's failure in the replay does not outrank the snapshot.
 */
function mergeSteps(fromSnapshot: StepViews, fromUpdates: StepViews, current: Step | null | undefined): StepViews {
  const merged = {} as StepViews;
  for (const step of PIPELINE_STEPS) {
    const snap = fromSnapshot[step];
    const seen = fromUpdates[step];
    const status =
      snap.status === 'failed' || RANK[snap.status] >= RANK[seen.status]
        ? snap.status
        : seen.status === 'failed'
          ? 'in_progress'
          : seen.status;
    const message = step === current ? (snap.message ?? seen.message) : (seen.message ?? snap.message);
    merged[step] = { status, message };
  }
  return merged;
}

const SCENE_OF = /\bScene (\d+) of (\d+)\b/;

function sceneTotalIn(message: string | null | undefined): number | null {
  const match = message ? SCENE_OF.exec(message) : null;
  return match?.[2] ? Number(match[2]) : null;
}

function union(known: readonly string[], more: readonly string[] | null | undefined): string[] {
  const added = (more ?? []).filter((path) => !known.includes(path));
  return added.length ? [...known, ...added] : [...known];
}

function applyToFold(fold: Fold, update: ProgressUpdate): Fold {
  const newAttempt = fold.afterFailure;
  const videos = update.data?.scene_videos ?? [];
  const final = update.data?.final_video_path ?? null;
  return {
    attempt: newAttempt ? fold.attempt + 1 : fold.attempt,
    afterFailure: update.status === 'failed',
    peak: newAttempt ? update.progress : Math.max(fold.peak, update.progress),
    last: update,
    steps: advanceSteps(fold.steps, update),
    sceneVideos: newAttempt ? [...videos] : union(fold.sceneVideos, videos),
    finalVideoPath: final ?? (newAttempt ? null : fold.finalVideoPath),
    sceneTotal: sceneTotalIn(update.message) ?? fold.sceneTotal,
  };
}

function announce(before: Fold, after: Fold, update: ProgressUpdate): string | null {
  const step = pipelineIndex(update.step) >= 0 ? (update.step as PipelineStep) : null;
  if (step === null) {
    return null;
  }
  const changed =
    before.last?.step !== update.step || before.steps[step].status !== after.steps[step].status;
  return changed ? `${STEP_LABELS[step]}: ${update.message}` : null;
}

function isPast(seq: number, resumedAfterSeq: number | null): boolean {
  return resumedAfterSeq !== null && seq > resumedAfterSeq;
}

export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  switch (action.type) {
    case 'update': {
      const { update } = action;
      if (!(update.seq > state.lastSeq)) {
        return state;
      }
      const fold = applyToFold(state.fold, update);
      const live = update.seq > state.heldUntilSeq;
      return {
        ...state,
        log: [...state.log, update],
        lastSeq: update.seq,
        fold,
        resumedAfterSeq: isPast(update.seq, state.resumedAfterSeq) ? null : state.resumedAfterSeq,
        notice: live ? null : state.notice,
        announcement: (live && announce(state.fold, fold, update)) || state.announcement,
      };
    }
    case 'snapshot': {
      const { snapshot } = action;
      const lastSeq = snapshot.last_seq ?? 0;
      return {
        ...state,
        snapshot,
        // Only a snapshot that knows more than the stream leads the view (see the module comment).
        heldUntilSeq: Math.max(state.heldUntilSeq, lastSeq > state.lastSeq ? lastSeq : 0),
        resumedAfterSeq: isPast(lastSeq, state.resumedAfterSeq) ? null : state.resumedAfterSeq,
      };
    }
    case 'notice':
      return { ...state, notice: action.notice.message ?? null };
    case 'retried':
      return {
        ...state,
        resumedAfterSeq: Math.max(state.lastSeq, state.snapshot?.last_seq ?? 0),
        notice: null,
      };
  }
}

/** What the page shows. */
export interface ProgressView {
  progress: number;
  step: Step | null;
  status: Status;
  terminal: boolean;
  steps: StepViews;
  sceneVideos: string[];
  finalVideoPath: string | null;
  sceneTotal: number | null;
  failure: Failure | null;
  notice: string | null;
  announcement: string;
  log: ProgressUpdate[];
  attempt: number;
}

export function selectView(state: ProgressState): ProgressView {
  const { fold, snapshot } = state;
  const catchingUp = snapshot !== null && state.lastSeq < state.heldUntilSeq;
  const fromSnapshot = snapshot !== null && (catchingUp || fold.last === null);

  let progress: number;
  let step: Step | null;
  let status: Status;
  let steps: StepViews;
  let failure: Failure | null = null;
  if (fromSnapshot && snapshot) {
    progress = snapshot.progress ?? 0;
    step = snapshot.step ?? null;
    status = snapshot.status ?? 'in_progress';
    steps = mergeSteps(stepsFromSnapshot(snapshot), fold.steps, snapshot.step);
    if (status === 'failed') {
      failure = {
        step: snapshot.error?.step ?? step,
        scene: snapshot.error?.scene ?? null,
        message: snapshot.error?.message ?? snapshot.message ?? 'The generation failed.',
      };
    }
  } else {
    const last = fold.last;
    progress = fold.peak;
    step = last?.step ?? null;
    status = last?.status === 'completed' && last.step !== 'complete' ? 'in_progress' : (last?.status ?? 'in_progress');
    steps = fold.steps;
    if (last?.status === 'failed') {
      // The state, once re-fetched, names the scene; until then the update's words do.
      const error = snapshot && (snapshot.last_seq ?? 0) >= last.seq ? snapshot.error : null;
      failure = {
        step: error?.step ?? last.step,
        scene: error?.scene ?? null,
        message: error?.message ?? last.message,
      };
    }
  }

  const resumed = state.resumedAfterSeq !== null;
  if (resumed) {
    status = 'in_progress';
    failure = null;
    steps = { ...steps };
    for (const name of PIPELINE_STEPS) {
      if (steps[name].status === 'failed') {
        steps[name] = { ...steps[name], status: 'in_progress' };
      }
    }
  }

  const terminal = !resumed && (status === 'completed' || status === 'failed' || status === 'cancelled');
  return {
    progress: Math.max(0, Math.min(100, progress)),
    step,
    status,
    terminal,
    steps,
    sceneVideos: catchingUp || fold.last === null ? union(snapshot?.scene_videos ?? [], fold.sceneVideos) : fold.sceneVideos,
    finalVideoPath: fold.finalVideoPath ?? snapshot?.final_video_path ?? null,
    sceneTotal: fold.sceneTotal,
    failure,
    notice: terminal ? null : state.notice,
    announcement: state.announcement,
    log: state.log,
    attempt: fold.attempt,
  };
}

/**
 * The state holds what updates do not (story, scenes, posters): fetch it again when a step of
 * the live stream completes or the stream ends, not for every percent.
 */
export function needsSnapshot(state: ProgressState, update: ProgressUpdate): boolean {
  return update.seq > state.heldUntilSeq && (update.status === 'completed' || isTerminalUpdate(update));
}
