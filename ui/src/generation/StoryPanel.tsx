import type { ScenePlan, Story } from '../api/types';
import { formatDuration } from '../app/format';
import { humanize, ScoreTable } from './ScoreTable';

/** The story as written and scored, and the scenes it was split into. */
export function StoryPanel({ story, plan }: { story: Story | null | undefined; plan: ScenePlan | null | undefined }) {
  const beats = story?.beats ?? [];
  const scenes = plan?.scenes ?? [];
  return (
    <section className="panel story-panel" aria-labelledby="story-heading">
      <h2 id="story-heading">Story</h2>
      {!story ? (
        <p className="muted">The story appears here once it is written.</p>
      ) : (
        <>
          {story.title && <h3 className="story-panel__title">{story.title}</h3>}
          {beats.length > 0 && (
            <ol className="beats">
              {beats.map((beat, i) => (
                <li key={i}>
                  <span className={`role role--${beat.role ?? 'none'}`}>{humanize(beat.role)}</span>
                  <span>{beat.text}</span>
                </li>
              ))}
            </ol>
          )}
          <ScoreTable title="Story score" score={story.score} />
        </>
      )}
      {scenes.length > 0 && (
        <>
          <h3>Scene plan</h3>
          <ol className="scene-plan">
            {scenes.map((scene, i) => (
              <li key={scene.index ?? i}>
                <p className="scene-plan__head">
                  <strong>Scene {scene.index ?? i + 1}</strong>
                  {scene.role && <span className={`role role--${scene.role}`}>{humanize(scene.role)}</span>}
                  {formatDuration(scene.duration_seconds) && <span className="muted">{formatDuration(scene.duration_seconds)}</span>}
                </p>
                {scene.caption && (
                  <p>
                    <span className="field-name">Caption</span> {scene.caption}
                  </p>
                )}
                {scene.narration && (
                  <p>
                    <span className="field-name">Narration</span> {scene.narration}
                  </p>
                )}
                {scene.visual && (
                  <p className="muted">
                    <span className="field-name">Visual</span> {scene.visual}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <ScoreTable title="Cohesion" score={plan?.cohesion} />
        </>
      )}
    </section>
  );
}
