import type { Status } from '../api/types';

const LABELS: Record<Status, string> = {
  in_progress: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function StatusBadge({ status }: { status: Status | null | undefined }) {
  const known = status ?? 'in_progress';
  return (
    <span className={`badge badge--${known}`} data-status={known}>
      {LABELS[known] ?? known}
    </span>
  );
}
