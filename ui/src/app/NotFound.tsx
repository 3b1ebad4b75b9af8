import { useEffect, type ReactNode } from 'react';
import { Link } from './Link';

export function NotFound({ title = 'Page not found', children }: { title?: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Reelsmith`;
  }, [title]);
  return (
    <section className="page empty-state">
      <h1 tabIndex={-1}>{title}</h1>
      <p>{children ?? 'There is nothing at this address.'}</p>
      <p className="actions">
        <Link className="button button--primary" href="/">
          Create a new ad
        </Link>
        <Link className="button" href="/generations">
          See your ads
        </Link>
      </p>
    </section>
  );
}
