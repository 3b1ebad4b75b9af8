import { useEffect, useRef } from 'react';
import type { ProgressUpdate } from '../api/types';
import { STEP_LABELS } from '../progress/progressState';

/** Every update once, oldest first; scrolled to the newest as they arrive. */
export function ProgressLog({ log, live }: { log: readonly ProgressUpdate[]; live: boolean }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) {
      element.scrollTop = element.scrollHeight;
    }
  }, [log.length]);
  return (
    <section className="panel progress-log" aria-labelledby="progress-log-heading">
      <h2 id="progress-log-heading">Log</h2>
      {log.length === 0 && (
        <p className="muted">
          {live ? 'Updates appear here as the ad is made.' : 'The log is kept only while a page watches the ad being made.'}
        </p>
      )}
      <ol ref={list} className="progress-log__list" aria-label="Progress log" tabIndex={log.length > 0 ? 0 : -1}>
        {log.map((update) => (
          <li key={update.seq} data-seq={update.seq} className={`log-row log-row--${update.status}`}>
            <span className="log-row__percent">{update.progress}%</span>
            <span className="log-row__step">{STEP_LABELS[update.step] ?? update.step}</span>
            <span className="log-row__message">{update.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
