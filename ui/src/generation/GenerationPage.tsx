import { useEffect } from 'react';
import { NotFound } from '../app/NotFound';
import { StatusBadge } from '../app/StatusBadge';
import { useGenerationProgress } from '../progress/useGenerationProgress';
import { CancelControl } from './CancelControl';
import { FailurePanel } from './FailurePanel';
import { FinalAd } from './FinalAd';
import { ProgressLog } from './ProgressLog';
import { ProgressSummary } from './ProgressSummary';
import { SceneGrid } from './SceneGrid';
import { sceneTiles } from './sceneTiles';
import { StepList } from './StepList';
import { StoryPanel } from './StoryPanel';

/** One generation, live while it runs: `/generations/{id}`. */
export function GenerationPage({ id }: { id: string }) {
  const { view, snapshot, load, connection, retry, cancel, reload } = useGenerationProgress(id);
  const productName = snapshot?.brief?.product_name ?? null;

  useEffect(() => {
    document.title = `${productName ?? 'Generation'} · Reelsmith`;
  }, [productName]);

  if (load.kind === 'not-found') {
    return <NotFound title="Generation not found">There is no generation with this address. It may have been made on another server.</NotFound>;
  }
  if (load.kind === 'loading' && !snapshot) {
    return (
      <section className="page" aria-busy="true">
        <h1 tabIndex={-1}>Loading…</h1>
      </section>
    );
  }
  if (load.kind === 'error' && !snapshot) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>This generation could not be loaded</h1>
        <p role="alert" className="form-error">
          {load.message}
        </p>
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }

  const brief = snapshot?.brief ?? null;
  const running = !view.terminal;
  // A failure has its own panel; the line under the bar would only repeat it.
  const statusLine = view.failure ? null : (view.notice ?? view.log.at(-1)?.message ?? snapshot?.message ?? null);
  const tiles = sceneTiles(snapshot, view.sceneVideos, view.sceneTotal);

  return (
    <section className="page generation">
      <header className="page-header">
        <div className="page-header__title">
          <h1 tabIndex={-1}>{productName ?? 'Untitled ad'}</h1>
          <StatusBadge status={view.status} />
        </div>
        {running && <CancelControl onCancel={cancel} />}
      </header>

      <ProgressSummary
        progress={view.progress}
        statusLine={statusLine}
        transient={view.notice !== null}
        connection={connection}
        announcement={view.announcement}
      />

      {view.failure && <FailurePanel failure={view.failure} onRetry={retry} />}
      {view.status === 'cancelled' && (
        <p className="panel notice-panel">This generation was cancelled. What it had made so far is kept below.</p>
      )}

      {view.finalVideoPath && (
        <FinalAd
          generationId={id}
          video={view.finalVideoPath}
          poster={snapshot?.poster_path ?? null}
          brief={brief}
          durationSeconds={snapshot?.duration_seconds ?? null}
        />
      )}

      <div className="generation__progress">
        <section className="panel" aria-labelledby="steps-heading">
          <h2 id="steps-heading">Steps</h2>
          <StepList steps={view.steps} />
        </section>
        <ProgressLog log={view.log} live={running} />
      </div>

      <SceneGrid tiles={tiles} aspect={brief?.aspect_ratio} />
      <StoryPanel story={snapshot?.story} plan={snapshot?.scenes} />

      {snapshot?.temporal_web_url && (
        <p className="operator-link">
          <a href={snapshot.temporal_web_url} target="_blank" rel="noreferrer">
            Open in Temporal Web
          </a>
        </p>
      )}
    </section>
  );
}
