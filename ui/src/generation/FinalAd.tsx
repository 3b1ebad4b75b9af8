import { useEffect, useRef, useState } from 'react';
import { createShareLink, describeFailure } from '../api/client';
import type { Brief, ShareLink } from '../api/types';
import { formatDate, formatDuration, withQuery } from '../app/format';
import { cssAspectRatio, orientationOf } from './sceneTiles';

interface Props {
  generationId: string;
  video: string;
  poster: string | null;
  brief: Brief | null;
  durationSeconds: number | null;
}

type ShareState =
  | { kind: 'idle' }
  | { kind: 'sharing' }
  | { kind: 'shared'; link: ShareLink; copied: boolean }
  | { kind: 'failed'; message: string };

/** The finished ad: a large player, then download, share and fullscreen. */
export function FinalAd({ generationId, video, poster, brief, durationSeconds }: Props) {
  const player = useRef<HTMLVideoElement>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const [share, setShare] = useState<ShareState>({ kind: 'idle' });
  const aspect = brief?.aspect_ratio;

  useEffect(() => {
    if (share.kind === 'shared' && !share.copied) {
      linkField.current?.select();
    }
  }, [share]);

  /**
   * Asks the server for a signed link that anyone can open without an account, and copies it.
   * Where the browser keeps the clipboard from the page (plain HTTP), the link is shown to copy.
   */
  async function copyShareLink() {
    setShare({ kind: 'sharing' });
    let link: ShareLink;
    try {
      link = await createShareLink(generationId);
    } catch (error) {
      setShare({ kind: 'failed', message: describeFailure(error) });
      return;
    }
    let copied = false;
    try {
      await navigator.clipboard.writeText(link.share_url);
      copied = true;
    } catch {
      // Shown below, selected, for the person to copy.
    }
    setShare({ kind: 'shared', link, copied });
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
          <button
            type="button"
            className="button"
            onClick={() => void copyShareLink()}
            disabled={share.kind === 'sharing'}
          >
            Copy share link
          </button>
          <button type="button" className="button" onClick={fullscreen}>
            Fullscreen
          </button>
        </div>
        <p className={share.kind === 'failed' ? 'copy-status form-error' : 'copy-status'} role="status">
          {share.kind === 'shared'
            ? `${share.copied ? 'Link copied. ' : 'Copy this link. '}Anyone with it can watch this ad until ${
                formatDate(share.link.expires_at) ?? share.link.expires_at
              }.`
            : share.kind === 'failed'
              ? share.message
              : ''}
        </p>
        {share.kind === 'shared' && (
          <input
            ref={linkField}
            className="share-link"
            type="text"
            readOnly
            value={share.link.share_url}
            aria-label="Share link"
            onFocus={(event) => event.target.select()}
          />
        )}
      </div>
    </section>
  );
}
