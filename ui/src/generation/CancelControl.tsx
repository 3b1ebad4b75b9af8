import { useEffect, useRef, useState } from 'react';

type Stage = 'idle' | 'confirming' | 'sending';

/** "Cancel", then an inline confirmation: cancelling cannot be undone. */
export function CancelControl({ onCancel }: { onCancel: () => Promise<string | null> }) {
  const [stage, setStage] = useState<Stage>('idle');
  const [refusal, setRefusal] = useState<string | null>(null);
  const keepGoing = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (stage === 'confirming') {
      keepGoing.current?.focus();
    } else if (stage === 'idle' && wasConfirming.current) {
      cancelButton.current?.focus();
    }
    wasConfirming.current = stage === 'confirming';
  }, [stage]);

  async function confirm() {
    setStage('sending');
    const reason = await onCancel();
    setRefusal(reason);
    setStage('idle');
  }

  if (stage === 'idle') {
    return (
      <div className="cancel-control">
        <button ref={cancelButton} type="button" className="button" onClick={() => setStage('confirming')}>
          Cancel
        </button>
        {refusal && <p className="form-error">{refusal}</p>}
      </div>
    );
  }
  return (
    <div className="cancel-control cancel-control--confirming" role="group" aria-labelledby="cancel-question">
      <p id="cancel-question">Stop this generation? It cannot be resumed afterwards.</p>
      <div className="actions">
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={stage === 'sending'}>
          Stop generation
        </button>
        <button ref={keepGoing} type="button" className="button" onClick={() => setStage('idle')} disabled={stage === 'sending'}>
          Keep going
        </button>
      </div>
    </div>
  );
}
