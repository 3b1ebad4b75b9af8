import { useEffect, useState } from 'react';
import { describeFailure, listGenerations } from '../api/client';
import type { HistoryItem, HistoryPage as Page } from '../api/types';
import { formatDate, formatDuration } from '../app/format';
import { Link } from '../app/Link';
import { generationPath, historyPath } from '../app/router';
import { StatusBadge } from '../app/StatusBadge';

export const PAGE_SIZE = 20;

type Load = { kind: 'loading' } | { kind: 'ready'; page: Page } | { kind: 'error'; message: string };

/** Every generation, newest first: `/generations?page=N`. */
export function HistoryPage({ page }: { page: number }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.title = 'History · Reelsmith';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    listGenerations(page, PAGE_SIZE, controller.signal).then(
      (result) => setLoad({ kind: 'ready', page: result }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setLoad({ kind: 'error', message: describeFailure(error) });
        }
      },
    );
    return () => controller.abort();
  }, [page, attempt]);

  return (
    <section className="page history">
      <header className="page-header">
        <div className="page-header__title">
          <h1 tabIndex={-1}>History</h1>
        </div>
      </header>
      {load.kind === 'loading' && <p className="muted" aria-busy="true">Loading your ads…</p>}
      {load.kind === 'error' && (
        <div className="panel">
          <p role="alert" className="form-error">
            {load.message}
          </p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {load.kind === 'ready' && <HistoryList page={load.page} current={page} />}
    </section>
  );
}

function HistoryList({ page, current }: { page: Page; current: number }) {
  const items = page.items ?? [];
  const size = page.size ?? PAGE_SIZE;
  const total = page.total ?? items.length;
  if (total === 0) {
    return (
      <div className="panel empty-state">
        <p>No ads yet.</p>
        <Link className="button button--primary" href="/">
          Create your first ad
        </Link>
      </div>
    );
  }
  const hasNewer = current > 0;
  const hasOlder = (current + 1) * size < total;
  return (
    <>
      {items.length === 0 ? (
        <p className="panel">
          There are no ads on this page. <Link href={historyPath(0)}>Go to the newest</Link>.
        </p>
      ) : (
        <ul className="history-list" aria-label="Generations">
          {items.map((item, i) => (
            <li key={item.generation_id ?? i}>
              <HistoryCard item={item} />
            </li>
          ))}
        </ul>
      )}
      {total > size && (
        <nav className="pager" aria-label="Pages">
          {hasNewer ? (
            <Link className="button" href={historyPath(current - 1)}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">
            Page {current + 1} of {Math.max(1, Math.ceil(total / size))}
          </span>
          {hasOlder ? (
            <Link className="button" href={historyPath(current + 1)}>
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}

function HistoryCard({ item }: { item: HistoryItem }) {
  const date = formatDate(item.created_at);
  const length = formatDuration(item.duration_seconds);
  if (!item.generation_id) {
    return null;
  }
  return (
    <Link className="history-card" href={generationPath(item.generation_id)}>
      <span className="history-card__thumb">
        {item.poster_path ? (
          <img src={item.poster_path} alt="" loading="lazy" />
        ) : (
          <svg className="history-card__placeholder" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="3" y="5" width="18" height="14" rx="2" />
            <path d="M10 9.5v5l4.5-2.5z" />
          </svg>
        )}
      </span>
      <span className="history-card__text">
        <span className="history-card__name">{item.product_name || 'Untitled ad'}</span>
        <span className="history-card__meta">
          <StatusBadge status={item.status} />
          {date && <time dateTime={item.created_at ?? undefined}>{date}</time>}
          {length && <span>{length}</span>}
        </span>
      </span>
    </Link>
  );
}
