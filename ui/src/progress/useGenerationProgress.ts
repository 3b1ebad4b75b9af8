import { useCallback, useEffect, useRef, useState } from 'react';
import {
  apiPaths,
  cancelGeneration,
  describeFailure,
  getGeneration,
  ProblemError,
  retryGeneration,
} from '../api/client';
import type { GenerationSnapshot, ProgressNotice, ProgressUpdate } from '../api/types';
import {
  initialProgressState,
  isTerminalStatus,
  needsSnapshot,
  progressReducer,
  selectView,
  type ProgressAction,
  type ProgressView,
} from './progressState';

/** How long to gather step completions that arrive together into one fetch of the state. */
const REFRESH_DEBOUNCE_MS = 250;
/** After the stream closes on a generation still running, try again this long after, doubling. */
const REOPEN_FIRST_MS = 1_000;
const REOPEN_MAX_MS = 30_000;

export type Connection = 'idle' | 'open' | 'reconnecting' | 'closed';

export type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

export interface GenerationProgress {
  view: ProgressView;
  snapshot: GenerationSnapshot | null;
  load: LoadState;
  connection: Connection;
  /** Resolves with the server's reason when it refuses, null when the retry started. */
  retry: () => Promise<string | null>;
  /** Resolves with the server's reason when it refuses, null when the cancel was accepted. */
  cancel: () => Promise<string | null>;
  reload: () => void;
}

/**
 * A progress event's data. Updates carry a seq; notices do not. The event's own lastEventId
 * cannot tell them apart: EventSource keeps the last id it saw for events that have none.
 */
export function parseProgressEvent(
  data: string,
): { update: ProgressUpdate } | { notice: ProgressNotice } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') {
    return null;
  }
  const message = parsed as Partial<ProgressUpdate>;
  if (typeof message.step !== 'string' || typeof message.status !== 'string' || typeof message.progress !== 'number') {
    return null;
  }
  return typeof message.seq === 'number'
    ? { update: message as ProgressUpdate }
    : { notice: message as ProgressNotice };
}

interface Session {
  open: () => void;
  refresh: () => void;
}

/**
 * Follows one generation: its state first; then, unless it has already ended, its progress
 * stream, merged by {@link progressReducer}. The stream is closed on the terminal update and on
 * unmount. A dropped connection is left to EventSource's own reconnect (which resumes from
 * Last-Event-ID) and shown as "Reconnecting…"; a stream that closes for good sends us back to
 * the state.
 */
export function useGenerationProgress(id: string): GenerationProgress {
  // The handlers decide on the merged state at once (close on terminal), so it lives in a ref;
  // React gets a copy to render.
  const stateRef = useRef(initialProgressState);
  const [state, setState] = useState(initialProgressState);
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' });
  const [connection, setConnection] = useState<Connection>('idle');
  const [loadCount, setLoadCount] = useState(0);
  const session = useRef<Session | null>(null);

  const dispatch = useCallback((action: ProgressAction) => {
    stateRef.current = progressReducer(stateRef.current, action);
    setState(stateRef.current);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let source: EventSource | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenDelay = REOPEN_FIRST_MS;
    let disposed = false;

    async function fetchState(): Promise<GenerationSnapshot | null> {
      try {
        const snapshot = await getGeneration(id, controller.signal);
        if (disposed) {
          return null;
        }
        dispatch({ type: 'snapshot', snapshot });
        setLoad({ kind: 'ready' });
        return snapshot;
      } catch (error) {
        if (disposed) {
          return null;
        }
        if (error instanceof ProblemError && error.status === 404) {
          close();
          setLoad({ kind: 'not-found' });
        } else if (stateRef.current.snapshot === null) {
          // Once something is shown, a failed refresh keeps it rather than blanking the page.
          setLoad({ kind: 'error', message: describeFailure(error) });
        }
        return null;
      }
    }

    // At most one fetch of the state at a time; a request made while one is on its way gets
    // another after it, so the last step's data is never missed and a burst costs two fetches.
    let fetching = false;
    let fetchAgain = false;
    function refresh() {
      if (fetching) {
        fetchAgain = true;
        return;
      }
      if (refreshTimer !== undefined) {
        return;
      }
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        fetching = true;
        void fetchState().finally(() => {
          fetching = false;
          if (fetchAgain && !disposed) {
            fetchAgain = false;
            refresh();
          }
        });
      }, REFRESH_DEBOUNCE_MS);
    }

    function close() {
      clearTimeout(reopenTimer);
      source?.close();
      source = null;
      setConnection('closed');
    }

    function onUpdate(update: ProgressUpdate) {
      const refetch = needsSnapshot(stateRef.current, update);
      dispatch({ type: 'update', update });
      if (selectView(stateRef.current).terminal) {
        close();
      }
      if (refetch) {
        refresh();
      }
    }

    function open() {
      clearTimeout(reopenTimer);
      source?.close();
      const stream = new EventSource(apiPaths.progress(id));
      source = stream;
      setConnection('open');
      stream.onopen = () => {
        reopenDelay = REOPEN_FIRST_MS;
        setConnection('open');
      };
      stream.onmessage = (event: MessageEvent<string>) => {
        if (stream !== source) {
          return;
        }
        const message = parseProgressEvent(event.data);
        if (message && 'update' in message) {
          setConnection('open');
          onUpdate(message.update);
        } else if (message) {
          dispatch({ type: 'notice', notice: message.notice });
        }
      };
      stream.onerror = () => {
        if (stream !== source) {
          return;
        }
        if (stream.readyState === EventSource.CONNECTING) {
          // The browser is already reconnecting with Last-Event-ID: nothing has failed yet.
          setConnection('reconnecting');
          return;
        }
        source = null;
        setConnection('closed');
        void fetchState().then((snapshot) => {
          if (snapshot && !disposed && !isTerminalStatus(snapshot.status) && source === null) {
            reopenTimer = setTimeout(open, reopenDelay);
            reopenDelay = Math.min(reopenDelay * 2, REOPEN_MAX_MS);
            setConnection('reconnecting');
          }
        });
      };
    }

    session.current = { open, refresh };
    stateRef.current = initialProgressState;
    setState(initialProgressState);
    setLoad({ kind: 'loading' });
    setConnection('idle');
    void fetchState().then((snapshot) => {
      if (snapshot && !disposed && !isTerminalStatus(snapshot.status)) {
        open();
      }
    });

    return () => {
      disposed = true;
      controller.abort();
      clearTimeout(refreshTimer);
      clearTimeout(reopenTimer);
      source?.close();
      source = null;
      session.current = null;
    };
  }, [id, loadCount, dispatch]);

  const retry = useCallback(async () => {
    try {
      await retryGeneration(id);
    } catch (error) {
      return describeFailure(error);
    }
    dispatch({ type: 'retried' });
    session.current?.open();
    return null;
  }, [id, dispatch]);

  const cancel = useCallback(async () => {
    try {
      await cancelGeneration(id);
    } catch (error) {
      return describeFailure(error);
    }
    // The stream brings the cancelled update; the state confirms it if the stream is gone.
    session.current?.refresh();
    return null;
  }, [id]);

  const reload = useCallback(() => setLoadCount((n) => n + 1), []);

  return { view: selectView(state), snapshot: state.snapshot, load, connection, retry, cancel, reload };
}
