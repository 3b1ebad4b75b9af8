import { describe, expect, it } from 'vitest';
import { completedSnapshot, sceneVideo, snapshot } from '../test/fixtures';
import { sceneTiles } from './sceneTiles';

describe('sceneTiles', () => {
  it('places each video on its own scene even when scenes finish out of order', () => {
    const tiles = sceneTiles(null, [sceneVideo(1), sceneVideo(3)], 4);
    expect(tiles.map((t) => t.video)).toEqual([sceneVideo(1), null, sceneVideo(3), null]);
    expect(tiles.map((t) => t.status)).toEqual(['completed', 'pending', 'completed', 'pending']);
  });

  it('counts scenes from the plan before any is rendered', () => {
    const plan = completedSnapshot(5).scenes;
    const tiles = sceneTiles(snapshot({ scenes: plan }), [], null);
    expect(tiles).toHaveLength(5);
    expect(tiles[0]?.caption).toBe('Caption 1');
  });

  it('takes videos and posters from the scene states', () => {
    const tiles = sceneTiles(completedSnapshot(2), [], null);
    expect(tiles[1]?.poster).toMatch(/scene_02\.jpg$/);
    expect(tiles[1]?.video).toBe(sceneVideo(2));
  });

  it('falls back to order for videos whose names carry no scene number', () => {
    expect(sceneTiles(null, ['/media/x/a.mp4', '/media/x/b.mp4'], null).map((t) => t.video)).toEqual([
      '/media/x/a.mp4',
      '/media/x/b.mp4',
    ]);
  });
});
