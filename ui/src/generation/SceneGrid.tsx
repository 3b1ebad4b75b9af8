import type { AspectRatio } from '../api/types';
import { cssAspectRatio, orientationOf, type SceneTile, type SceneTileStatus } from './sceneTiles';

const WAITING: Record<SceneTileStatus, string> = {
  pending: 'Waiting',
  rendering: 'Rendering…',
  completed: 'Rendered',
  failed: 'Failed',
};

/**
 * One tile per scene, each a box of the ad's aspect ratio from the start, so a player that
 * appears in it moves nothing around it.
 */
export function SceneGrid({ tiles, aspect }: { tiles: readonly SceneTile[]; aspect: AspectRatio | null | undefined }) {
  return (
    <section className={`panel scene-grid-panel`} aria-label="Scenes">
      <h2>Scenes</h2>
      {tiles.length === 0 ? (
        <p className="muted">The scenes appear here once the story is split into them.</p>
      ) : (
        <ul className={`scene-grid scene-grid--${orientationOf(aspect)}`}>
          {tiles.map((tile) => (
            <li key={tile.index} className="scene-tile" data-scene={tile.index} data-status={tile.status}>
              <div className="media-frame" style={{ aspectRatio: cssAspectRatio(aspect) }}>
                {tile.video ? (
                  <video
                    data-testid="scene-video"
                    src={tile.video}
                    poster={tile.poster ?? undefined}
                    controls
                    preload="metadata"
                    playsInline
                    aria-label={`Scene ${tile.index}`}
                  />
                ) : (
                  <div className={`media-frame__placeholder media-frame__placeholder--${tile.status}`}>
                    <span>{WAITING[tile.status]}</span>
                  </div>
                )}
              </div>
              <div className="scene-tile__text">
                <span className="scene-tile__title">Scene {tile.index}</span>
                {tile.caption && <span className="scene-tile__caption">{tile.caption}</span>}
                {tile.error && (
                  <span className="scene-tile__error" title={tile.error}>
                    {tile.error}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
