/**
 * Names for the server's schemas. The shapes come from `schema.d.ts`, which `npm run generate`
 * writes from openapi.json; nothing here restates a field.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Brief = Schemas['Brief'];
export type Created = Schemas['Created'];
export type Estimate = Schemas['Estimate'];
export type EstimateItem = Schemas['EstimateItem'];
/** A generation's state as `GET …/generations/{id}` answers it: its snapshot and, for its owner, a Temporal Web link. */
export type GenerationSnapshot = Schemas['GenerationState'];
export type GenerationError = Schemas['GenerationError'];
export type HistoryPage = Schemas['Page'];
export type HistoryItem = Schemas['Item'];
export type Problem = Schemas['Problem'];
export type ProgressUpdate = Schemas['ProgressUpdate'];
export type ProgressNotice = Schemas['ProgressNotice'];
export type Retried = Schemas['Retried'];
export type Scene = Schemas['Scene'];
export type ScenePlan = Schemas['ScenePlan'];
export type SceneState = Schemas['SceneState'];
export type Score = Schemas['Score'];
export type Session = Schemas['Session'];
export type SharedAd = Schemas['SharedAd'];
export type ShareLink = Schemas['ShareLink'];
export type Story = Schemas['Story'];

export type Step = NonNullable<ProgressUpdate['step']>;
export type Status = NonNullable<ProgressUpdate['status']>;
export type Tone = NonNullable<Brief['tone']>;
export type AspectRatio = NonNullable<Brief['aspect_ratio']>;
export type Resolution = NonNullable<Brief['resolution']>;

/** What the create request's `brief` part may carry: any of the brief's fields, none required. */
export type BriefRequest = { [K in keyof Brief]?: NonNullable<Brief[K]> };
