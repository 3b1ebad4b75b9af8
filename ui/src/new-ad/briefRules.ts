/**
 * The brief's rules as the server applies them (PRODUCT.md §5.1, Briefs.java), so a person hears
 * about a mistake before uploading anything. The server stays the judge: its field errors are
 * shown on the same fields.
 */
import type { AspectRatio, BriefRequest, Resolution, Tone } from '../api/types';

export const LIMITS = {
  productName: 80,
  description: 1000,
  audience: 200,
  callToAction: 120,
  brandColors: 4,
  minScenes: 3,
  maxScenes: 8,
} as const;

export const TONES = ['warm', 'energetic', 'premium', 'playful', 'calm', 'bold'] as const satisfies readonly Tone[];
export const DURATIONS = [15, 30, 60] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const satisfies readonly AspectRatio[];
export const RESOLUTIONS = ['720p', '1080p'] as const satisfies readonly Resolution[];
export const SCENE_COUNTS = [3, 4, 5, 6, 7, 8] as const;

/** The form's values as typed; numbers stay text until they are sent. */
export interface BriefDraft {
  product_name: string;
  description: string;
  audience: string;
  tone: Tone;
  call_to_action: string;
  duration_seconds: string;
  aspect_ratio: AspectRatio;
  resolution: Resolution;
  brand_colors: string[];
  /** Empty for "Automatic": the server picks from the length. */
  scene_count: string;
  /** Burn the narration in as subtitles. */
  subtitles: boolean;
}

export const DEFAULT_DRAFT: BriefDraft = {
  product_name: '',
  description: '',
  audience: '',
  tone: 'warm',
  call_to_action: '',
  duration_seconds: '30',
  aspect_ratio: '16:9',
  resolution: '720p',
  brand_colors: [],
  scene_count: '',
  subtitles: false,
};

/** Error messages by field: the brief's field names, `brand_colors[i]`, `images`, `images[i]`. */
export type FieldErrors = Record<string, string>;

const COLOR = /^#[0-9A-Fa-f]{6}$/;

/** Like Java's String.strip() then codePointCount: what the server measures. */
function measure(value: string): { text: string; length: number } {
  const text = value.trim();
  return { text, length: [...text].length };
}

// Newlines and tabs are fine; other control characters are refused by the server.
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/;

function checkText(errors: FieldErrors, field: keyof BriefDraft, value: string, required: boolean, max: number, what: string) {
  const { text, length } = measure(value);
  if (length === 0) {
    if (required) {
      errors[field] = `Enter ${what}.`;
    }
  } else if (length > max) {
    errors[field] = `Use at most ${max} characters (now ${length}).`;
  } else if (CONTROL.test(text)) {
    errors[field] = 'Remove the control characters (invisible characters pasted along with the text).';
  }
}

export function isColor(value: string): boolean {
  return COLOR.test(value);
}

export function validateBrief(draft: BriefDraft): FieldErrors {
  const errors: FieldErrors = {};
  checkText(errors, 'product_name', draft.product_name, true, LIMITS.productName, 'the product’s name');
  checkText(errors, 'description', draft.description, true, LIMITS.description, 'a description');
  checkText(errors, 'audience', draft.audience, false, LIMITS.audience, 'an audience');
  checkText(errors, 'call_to_action', draft.call_to_action, false, LIMITS.callToAction, 'a call to action');
  if (!(TONES as readonly string[]).includes(draft.tone)) {
    errors.tone = `Choose one of: ${TONES.join(', ')}.`;
  }
  if (!(DURATIONS as readonly number[]).includes(Number(draft.duration_seconds))) {
    errors.duration_seconds = 'Choose 15, 30 or 60 seconds.';
  }
  if (!(ASPECT_RATIOS as readonly string[]).includes(draft.aspect_ratio)) {
    errors.aspect_ratio = 'Choose 16:9, 9:16 or 1:1.';
  }
  if (!(RESOLUTIONS as readonly string[]).includes(draft.resolution)) {
    errors.resolution = 'Choose 720p or 1080p.';
  }
  if (draft.brand_colors.length > LIMITS.brandColors) {
    errors.brand_colors = `Use at most ${LIMITS.brandColors} colours.`;
  }
  draft.brand_colors.forEach((color, i) => {
    if (!isColor(color.trim())) {
      errors[`brand_colors[${i}]`] = 'Use the form #RRGGBB, for example #1A73E8.';
    }
  });
  if (draft.scene_count !== '') {
    const count = Number(draft.scene_count);
    if (!Number.isInteger(count) || count < LIMITS.minScenes || count > LIMITS.maxScenes) {
      errors.scene_count = `Choose from ${LIMITS.minScenes} to ${LIMITS.maxScenes} scenes, or Automatic.`;
    }
  }
  return errors;
}

/** The brief as sent: trimmed, optional fields left out when empty. */
export function toBriefRequest(draft: BriefDraft): BriefRequest {
  const brief: BriefRequest = {
    product_name: draft.product_name.trim(),
    description: draft.description.trim(),
    tone: draft.tone,
    duration_seconds: Number(draft.duration_seconds),
    aspect_ratio: draft.aspect_ratio,
    resolution: draft.resolution,
  };
  const audience = draft.audience.trim();
  if (audience) {
    brief.audience = audience;
  }
  const callToAction = draft.call_to_action.trim();
  if (callToAction) {
    brief.call_to_action = callToAction;
  }
  if (draft.brand_colors.length > 0) {
    brief.brand_colors = draft.brand_colors.map((color) => color.trim().toUpperCase());
  }
  if (draft.scene_count !== '') {
    brief.scene_count = Number(draft.scene_count);
  }
  if (draft.subtitles) {
    brief.subtitles = true;
  }
  return brief;
}

/** Three scenes for 15 s, four for 30 s, six for 60 s: the server's default, shown as a hint. */
export function automaticSceneCount(durationSeconds: number): number {
  return durationSeconds <= 15 ? 3 : durationSeconds <= 30 ? 4 : 6;
}

/**
 * The server names brief fields `brief.product_name` or `product_name`; both land on the field.
 * Anything else it names (the `brief` part itself, an unknown field) has no field to sit on.
 */
export function fieldOfServerError(field: string): string {
  return field.startsWith('brief.') ? field.slice('brief.'.length) : field;
}
