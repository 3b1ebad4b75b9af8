import { useState } from 'react';
import { STEP_LABELS, type Failure } from '../progress/progressState';

/** Where the generation failed, in the server's words, and a way to resume it. */
export function FailurePanel({ failure, onRetry }: { failure: Failure; onRetry: () => Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function retry() {
    setBusy(true);
    setRefusal(null);
    const reason = await onRetry();
    setBusy(false);
    setRefusal(reason);
  }

  const where = [failure.step ? STEP_LABELS[failure.step] : null, failure.scene ? `scene ${failure.scene}` : null]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="panel error-panel" role="alert">
      <h2>The generation stopped</h2>
      <p>
        {where && <strong>{where}: </strong>}
        {failure.message}
      </p>
      <p className="muted">Retry resumes where it stopped; finished work is kept.</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void retry()} disabled={busy}>
          Retry
        </button>
      </div>
      {refusal && <p className="form-error">{refusal}</p>}
    </div>
  );
}
