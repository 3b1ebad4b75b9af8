import type { AspectRatio, GenerationSnapshot } from '../api/types';

export type SceneTileStatus = 'pending' | 'rendering' | 'completed' | 'failed';

export interface SceneTile {
  /** The scene's number, from 1. */
  index: number;
  status: SceneTileStatus;
  video: string | null;
  poster: string | null;
  caption: string | null;
  error: string | null;
}

// Scene videos are named by their scene's number (scene_03.mp4); a list of them skips the scenes
// not rendered yet, so a position in it is not a scene number.
const SCENE_FILE = /scene_(\d+)\.[a-z0-9]+(?:[?#].*)?$/i;

function sceneNumberOf(path: string): number | null {
  const match = SCENE_FILE.exec(path);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * One tile per scene, as many as anything tells: the scene states, the scene plan, a "Scene K of
 * N" message, or the videos themselves. A tile has its video the moment any source names it.
 */
export function sceneTiles(
  snapshot: GenerationSnapshot | null,
  sceneVideos: readonly string[],
  sceneTotal: number | null,
): SceneTile[] {
  const states = snapshot?.scene_states ?? [];
  const planned = snapshot?.scenes?.scenes ?? [];
  const count = Math.max(states.length, planned.length, sceneTotal ?? 0, sceneVideos.length);
  const tiles: SceneTile[] = [];
  for (let index = 1; index <= count; index++) {
    const state = states.find((s) => s.index === index);
    const scene = planned.find((s) => s.index === index);
    tiles.push({
      index,
      status: state?.status ?? 'pending',
      video: state?.video ?? null,
      poster: state?.poster ?? null,
      caption: scene?.caption ?? null,
      error: state?.error ?? null,
    });
  }
  const unplaced: string[] = [];
  for (const path of sceneVideos) {
    if (tiles.some((tile) => tile.video === path)) {
      continue;
    }
    const tile = tiles.find((t) => t.index === sceneNumberOf(path) && t.video === null);
    if (tile) {
      tile.video = path;
    } else {
      unplaced.push(path);
    }
  }
  for (const path of unplaced) {
    const tile = tiles.find((t) => t.video === null);
    if (tile) {
      tile.video = path;
    }
  }
  for (const tile of tiles) {
    if (tile.video) {
      tile.status = 'completed';
      tile.error = null;
    }
  }
  return tiles;
}

/** CSS aspect-ratio for a brief's aspect ratio; 16:9 when the brief is not known yet. */
export function cssAspectRatio(aspect: AspectRatio | null | undefined): string {
  switch (aspect) {
    case '9:16':
      return '9 / 16';
    case '1:1':
      return '1 / 1';
    default:
      return '16 / 9';
  }
}

export function orientationOf(aspect: AspectRatio | null | undefined): 'landscape' | 'portrait' | 'square' {
  return aspect === '9:16' ? 'portrait' : aspect === '1:1' ? 'square' : 'landscape';
}
