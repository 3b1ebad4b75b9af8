/** Updates and states shaped like the server's, following the table of PRODUCT.md §3. */
import type {
  GenerationSnapshot,
  HistoryItem,
  ProgressNotice,
  ProgressUpdate,
  Status,
  Step,
} from '../api/types';

export const GENERATION_ID = '3f6c1d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';

export function media(path: string, id = GENERATION_ID): string {
  return `/media/${id}/${path}`;
}

export function sceneVideo(index: number, id = GENERATION_ID): string {
  return media(`scene_videos/scene_${String(index).padStart(2, '0')}.mp4`, id);
}

export function update(
  seq: number,
  step: Step,
  status: Status,
  progress: number,
  message: string,
  data: { scene_videos?: string[]; final_video_path?: string | null } = {},
): ProgressUpdate {
  return {
    seq,
    step,
    status,
    progress,
    message,
    data: { scene_videos: data.scene_videos ?? [], final_video_path: data.final_video_path ?? null },
  };
}

export function notice(message: string, progress = 0, step: Step = 'init'): ProgressNotice {
  return { step, status: 'in_progress', progress, message, data: { scene_videos: [], final_video_path: null } };
}

/** The updates of one generation with `scenes` scenes, from the first to complete. */
export function happyPath(scenes = 3, id = GENERATION_ID): ProgressUpdate[] {
  const rows: Array<[Step, Status, number, string]> = [
    ['init', 'in_progress', 0, 'Starting generation...'],
    ['upload', 'in_progress', 5, 'Saving reference images...'],
    ['upload', 'completed', 10, 'Saved 2 reference images'],
    ['story', 'in_progress', 15, 'Generating story with vision-enhanced AI...'],
    ['story', 'completed', 30, 'Story generated (score: 84/100)'],
    ['scenes', 'in_progress', 35, 'Generating detailed scenes...'],
    ['scenes', 'completed', 55, `Generated ${scenes} scenes (cohesion: 88/100)`],
    ['video_params', 'in_progress', 60, 'Preparing video generation parameters...'],
    ['video_params', 'completed', 65, `Prepared ${scenes} video generation parameter sets`],
    ['videos', 'in_progress', 70, 'Generating scene videos (may take several minutes)...'],
  ];
  const updates = rows.map(([step, status, progress, message], i) => update(i + 1, step, status, progress, message));
  const videos: string[] = [];
  for (let k = 1; k <= scenes; k++) {
    videos.push(sceneVideo(k, id));
    updates.push(
      update(updates.length + 1, 'videos', 'in_progress', 70 + Math.round((20 * k) / scenes), `Scene ${k} of ${scenes} rendered`, {
        scene_videos: [...videos],
      }),
    );
  }
  const final = media('final.mp4', id);
  updates.push(
    update(updates.length + 1, 'videos', 'completed', 95, 'Videos generated and stitched successfully!', {
      scene_videos: [...videos],
      final_video_path: final,
    }),
  );
  updates.push(
    update(updates.length + 1, 'complete', 'completed', 100, 'Generation complete!', {
      scene_videos: [...videos],
      final_video_path: final,
    }),
  );
  return updates;
}

export function snapshot(overrides: Partial<GenerationSnapshot> = {}): GenerationSnapshot {
  return {
    generation_id: GENERATION_ID,
    attempt: 1,
    step: 'init',
    status: 'in_progress',
    progress: 0,
    message: 'Starting generation...',
    brief: {
      product_name: 'Aurora Cold Brew',
      description: 'Slow-steeped cold brew coffee in a recyclable glass bottle.',
      audience: 'busy professionals',
      tone: 'warm',
      call_to_action: 'Order today at aurora.example',
      duration_seconds: 30,
      aspect_ratio: '16:9',
      resolution: '720p',
      brand_colors: ['#1A73E8'],
      subtitles: false,
      scene_count: 3,
    },
    images: [],
    story: null,
    scenes: null,
    scene_states: [],
    scene_videos: [],
    final_video_path: null,
    poster_path: null,
    duration_seconds: null,
    error: null,
    last_seq: 0,
    temporal_web_url: null,
    ...overrides,
  };
}

/** The state of a generation that finished, with story, scenes and final ad. */
export function completedSnapshot(scenes = 3, id = GENERATION_ID): GenerationSnapshot {
  const indexes = Array.from({ length: scenes }, (_, i) => i + 1);
  return snapshot({
    generation_id: id,
    step: 'complete',
    status: 'completed',
    progress: 100,
    message: 'Generation complete!',
    story: {
      title: 'Better mornings, bottled',
      beats: [
        { role: 'hook', text: 'Mornings are rushed.' },
        { role: 'reveal', text: 'Aurora Cold Brew is ready when you are.' },
        { role: 'call_to_action', text: 'Order today at aurora.example' },
      ],
      score: {
        total: 84,
        rubric: [
          { criterion: 'hook', points: 18, max_points: 20, note: 'Opens on a familiar moment' },
          { criterion: 'cta', points: 20, max_points: 20, note: 'Clear and specific' },
        ],
      },
    },
    scenes: {
      scenes: indexes.map((index) => ({
        index,
        role: index === scenes ? 'call_to_action' : 'benefit',
        narration: `Narration ${index}`,
        caption: `Caption ${index}`,
        visual: `Visual ${index}`,
        duration_seconds: 10,
        image_index: 0,
      })),
      cohesion: { total: 88, rubric: [{ criterion: 'flow', points: 30, max_points: 35, note: 'Scenes follow on' }] },
    },
    scene_states: indexes.map((index) => ({
      index,
      status: 'completed',
      video: sceneVideo(index, id),
      poster: media(`scene_videos/scene_${String(index).padStart(2, '0')}.jpg`, id),
      error: null,
    })),
    scene_videos: indexes.map((index) => sceneVideo(index, id)),
    final_video_path: media('final.mp4', id),
    poster_path: media('final.jpg', id),
    duration_seconds: 30,
    last_seq: happyPath(scenes, id).length,
  });
}

export function historyItem(overrides: Partial<HistoryItem> = {}): HistoryItem {
  return {
    generation_id: GENERATION_ID,
    product_name: 'Aurora Cold Brew',
    status: 'completed',
    created_at: '2025-05-01T09:30:00Z',
    duration_seconds: 30,
    poster_path: media('final.jpg'),
    final_video_path: media('final.mp4'),
    ...overrides,
  };
}
