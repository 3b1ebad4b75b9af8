import type { Connection } from '../progress/useGenerationProgress';

interface Props {
  progress: number;
  /** The line under the bar: a notice while there is one, else the latest message. */
  statusLine: string | null;
  transient: boolean;
  connection: Connection;
  announcement: string;
}

/** The bar, the line under it, and the polite announcements of step changes. */
export function ProgressSummary({ progress, statusLine, transient, connection, announcement }: Props) {
  return (
    <div className="progress-summary">
      <div className="progress-summary__row">
        <div
          className="progress-bar"
          role="progressbar"
          aria-label="Generation progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          aria-valuetext={`${progress}%`}
        >
          <div className="progress-bar__fill" style={{ width: `${progress}%` }} />
        </div>
        <span className="progress-summary__percent" aria-hidden="true">
          {progress}%
        </span>
      </div>
      <div className="progress-summary__status">
        {statusLine && <p className={transient ? 'status-line status-line--transient' : 'status-line'}>{statusLine}</p>}
        {connection === 'reconnecting' && (
          <p className="reconnecting" role="status">
            <span className="reconnecting__dot" aria-hidden="true" />
            Reconnecting…
          </p>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
