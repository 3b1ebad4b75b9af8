import { PIPELINE_STEPS, STEP_LABELS, type StepStatus, type StepViews } from '../progress/progressState';

const STATUS_WORDS: Record<StepStatus, string> = {
  pending: 'Not started',
  in_progress: 'In progress',
  completed: 'Done',
  failed: 'Stopped',
};

function StepIcon({ status }: { status: StepStatus }) {
  return (
    <svg className={`step-icon step-icon--${status}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {status === 'completed' && (
        <>
          <circle cx="12" cy="12" r="10" />
          <path d="M7.5 12.5l3 3 6-6.5" />
        </>
      )}
      {status === 'failed' && (
        <>
          <circle cx="12" cy="12" r="10" />
          <path d="M8.5 8.5l7 7M15.5 8.5l-7 7" />
        </>
      )}
      {status === 'in_progress' && <circle className="step-icon__spinner" cx="12" cy="12" r="9" />}
      {status === 'pending' && <circle cx="12" cy="12" r="9" />}
    </svg>
  );
}

export function StepList({ steps }: { steps: StepViews }) {
  return (
    <ol className="step-list" aria-label="Steps">
      {PIPELINE_STEPS.map((step) => {
        const view = steps[step];
        return (
          <li key={step} className={`step step--${view.status}`} data-step={step} data-status={view.status}>
            <StepIcon status={view.status} />
            <div className="step__text">
              <span className="step__label">{STEP_LABELS[step]}</span>
              <span className="visually-hidden">: {STATUS_WORDS[view.status]}</span>
              {view.message && <span className="step__message">{view.message}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
