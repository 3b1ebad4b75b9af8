import { useEffect, useState } from 'react';
import { describeFailure, getSharedAd, ProblemError } from '../api/client';
import type { SharedAd } from '../api/types';
import { formatDate, formatDuration, withQuery } from '../app/format';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; ad: SharedAd }
  | { kind: 'gone'; title: string; message: string }
  | { kind: 'error'; message: string };

/**
 * `/share/{token}`: an ad someone shared, for anyone with the link, signed in or not: its name,
 * the video with its poster, and a download. The token in the media links is what opens them.
 */
export function SharePage({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    getSharedAd(token, controller.signal).then(
      (ad) => setLoad({ kind: 'ready', ad }),
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        if (error instanceof ProblemError && error.status === 410) {
          setLoad({ kind: 'gone', title: 'This link has expired', message: 'Ask whoever sent it for a new one.' });
        } else if (error instanceof ProblemError && error.status === 404) {
          setLoad({
            kind: 'gone',
            title: 'This link does not work',
            message: 'It may have been copied in part. Ask whoever sent it to send it again.',
          });
        } else {
          setLoad({ kind: 'error', message: describeFailure(error) });
        }
      },
    );
    return () => controller.abort();
  }, [token]);

  useEffect(() => {
    document.title =
      load.kind === 'ready' ? `${load.ad.product_name} · Reelsmith` : load.kind === 'gone' ? `${load.title} · Reelsmith` : 'Reelsmith';
  }, [load]);

  if (load.kind === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the ad…
      </p>
    );
  }
  if (load.kind === 'gone' || load.kind === 'error') {
    return (
      <section className="page empty-state">
        <h1 tabIndex={-1}>{load.kind === 'gone' ? load.title : 'The ad could not be loaded'}</h1>
        <p>{load.message}</p>
      </section>
    );
  }
  const { ad } = load;
  const facts = [formatDuration(ad.duration_seconds), `shared until ${formatDate(ad.expires_at) ?? ad.expires_at}`].filter(
    Boolean,
  );
  return (
    <section className="page shared-ad" aria-labelledby="shared-ad-heading">
      <div className="page-header">
        <div>
          <h1 id="shared-ad-heading" tabIndex={-1}>
            {ad.product_name}
          </h1>
          <p className="lead">{facts.join(' · ')}</p>
        </div>
      </div>
      <div className="panel shared-ad__player">
        <video
          data-testid="shared-video"
          src={ad.video_url}
          poster={ad.poster_url}
          controls
          preload="metadata"
          playsInline
          aria-label={`Ad for ${ad.product_name}`}
        />
        <p className="actions">
          <a className="button button--primary" href={withQuery(ad.video_url, 'download', '1')} download>
            Download
          </a>
        </p>
      </div>
    </section>
  );
}
