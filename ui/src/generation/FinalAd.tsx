import { useEffect, useRef, useState } from 'react';
import type { Brief } from '../api/types';
import { formatDuration, withQuery } from '../app/format';
import { cssAspectRatio, orientationOf } from './sceneTiles';

interface Props {
  video: string;
  poster: string | null;
  brief: Brief | null;
  durationSeconds: number | null;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** The finished ad: a large player, then download, share and fullscreen. */
export function FinalAd({ video, poster, brief, durationSeconds }: Props) {
  const player = useRef<HTMLVideoElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const aspect = brief?.aspect_ratio;

  useEffect(() => {
    if (copy === 'idle') {
      return;
    }
    const timer = setTimeout(() => setCopy('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  async function copyShareLink() {
    try {
      // The page's own address for now; a signed link for viewers without an account is to come.
      await navigator.clipboard.writeText(window.location.href);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  function fullscreen() {
    void player.current?.requestFullscreen?.().catch(() => undefined);
  }

  const facts = [
    formatDuration(durationSeconds ?? brief?.duration_seconds),
    brief?.aspect_ratio,
    brief?.resolution,
  ].filter(Boolean);

  return (
    <section className={`panel final-ad final-ad--${orientationOf(aspect)}`} aria-labelledby="final-ad-heading">
      <div className="final-ad__player">
        <div className="media-frame media-frame--final" style={{ aspectRatio: cssAspectRatio(aspect) }}>
          <video
            ref={player}
            data-testid="final-video"
            src={video}
            poster={poster ?? undefined}
            controls
            preload="metadata"
            playsInline
            aria-label="Final ad"
          />
        </div>
      </div>
      <div className="final-ad__info">
        <h2 id="final-ad-heading">Your ad is ready</h2>
        {facts.length > 0 && <p className="muted">{facts.join(' · ')}</p>}
        <div className="actions">
          <a className="button button--primary" href={withQuery(video, 'download', '1')} download>
            Download
          </a>
          <button type="button" className="button" onClick={() => void copyShareLink()}>
            Copy share link
          </button>
          <button type="button" className="button" onClick={fullscreen}>
            Fullscreen
          </button>
        </div>
        <p className="copy-status" role="status">
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy; copy the address bar instead.' : ''}
        </p>
      </div>
    </section>
  );
}
