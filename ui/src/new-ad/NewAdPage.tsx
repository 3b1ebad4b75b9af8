import { useEffect, useRef, useState, type FormEvent } from 'react';
import { localProblem, ProblemError } from '../api/client';
import { createGeneration, type Upload } from '../api/upload';
import { generationPath, navigate } from '../app/router';
import { BrandColors } from './BrandColors';
import { CostEstimate, overBudgetReason, useCostEstimate } from './CostEstimate';
import {
  ASPECT_RATIOS,
  automaticSceneCount,
  DEFAULT_DRAFT,
  DURATIONS,
  fieldOfServerError,
  LIMITS,
  RESOLUTIONS,
  SCENE_COUNTS,
  toBriefRequest,
  TONES,
  validateBrief,
  type BriefDraft,
  type FieldErrors,
} from './briefRules';
import { Field } from './Field';
import { ImagePicker } from './ImagePicker';
import { useImageList } from './useImageList';

const TONE_LABELS: Record<(typeof TONES)[number], string> = {
  warm: 'Warm',
  energetic: 'Energetic',
  premium: 'Premium',
  playful: 'Playful',
  calm: 'Calm',
  bold: 'Bold',
};

const ASPECT_LABELS: Record<(typeof ASPECT_RATIOS)[number], string> = {
  '16:9': '16:9 landscape',
  '9:16': '9:16 portrait',
  '1:1': '1:1 square',
};

/** Fields in the order they appear, to put the keyboard on the first one at fault. */
const FIELD_ORDER = [
  'product_name',
  'description',
  'audience',
  'call_to_action',
  'tone',
  'brand_colors',
  'duration_seconds',
  'aspect_ratio',
  'resolution',
  'scene_count',
  'images',
  'music',
];

/** Music the server accepts (UploadLimits.MUSIC_EXTENSIONS and MAX_MUSIC_BYTES). */
const MUSIC_ACCEPT = '.wav,.mp3,.m4a,.aac,.ogg,.oga,.opus,audio/*';
const MUSIC_EXTENSIONS = /\.(wav|mp3|m4a|aac|ogg|oga|opus)$/i;
const MAX_MUSIC_MB = 20;

function elementIdOf(field: string): string {
  const color = /^brand_colors\[(\d+)\]$/.exec(field);
  if (color) {
    return `brand_colors-${color[1]}`;
  }
  return field === 'brand_colors' ? 'brand_colors-add' : field;
}

function orderOf(field: string): number {
  const base = field.replace(/\[\d+\]$/, '');
  const at = FIELD_ORDER.indexOf(base);
  return at < 0 ? FIELD_ORDER.length : at;
}

function sentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const length = (value: string) => [...value.trim()].length;

interface FormAlert {
  title: string;
  detail: string | null;
  more: string[];
}

/** The brief and the reference images: `/`. */
export function NewAdPage() {
  const [draft, setDraft] = useState<BriefDraft>(DEFAULT_DRAFT);
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [imageErrors, setImageErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<FormAlert | null>(null);
  const [rejected, setRejected] = useState<string[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  // Fields to put the keyboard on once the form is enabled again; empty means the alert.
  const [focusRequest, setFocusRequest] = useState<string[] | null>(null);
  const [music, setMusic] = useState<File | null>(null);
  const images = useImageList();
  const cost = useCostEstimate(draft, images.items.length);
  const upload = useRef<Upload | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = 'New ad · Reelsmith';
    return () => upload.current?.abort();
  }, []);

  useEffect(() => {
    if (focusRequest === null) {
      return;
    }
    setFocusRequest(null);
    const first = [...focusRequest].sort((a, b) => orderOf(a) - orderOf(b))[0];
    const element = first ? document.getElementById(elementIdOf(first)) : null;
    (element ?? alertRef.current)?.focus();
  }, [focusRequest]);

  const clientErrors = validateBrief(draft);
  if (images.items.length === 0) {
    clientErrors.images = 'Add at least one reference image.';
  }
  if (music && !MUSIC_EXTENSIONS.test(music.name)) {
    clientErrors.music = 'Choose a WAV, MP3, AAC (M4A) or Ogg file.';
  } else if (music && music.size > MAX_MUSIC_MB * 1024 * 1024) {
    clientErrors.music = `The music may be at most ${MAX_MUSIC_MB} MB.`;
  }

  function errorOf(field: string): string | undefined {
    if (serverErrors[field]) {
      return serverErrors[field];
    }
    return attempted || touched.has(field) ? clientErrors[field] : undefined;
  }

  function clearServerError(...fields: string[]) {
    if (fields.some((f) => serverErrors[f])) {
      setServerErrors((errors) => {
        const next = { ...errors };
        fields.forEach((f) => delete next[f]);
        return next;
      });
    }
  }

  function update<K extends keyof BriefDraft>(field: K, value: BriefDraft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    clearServerError(field);
  }

  function touch(field: string) {
    if (!touched.has(field)) {
      setTouched(new Set(touched).add(field));
    }
  }

  function showProblem(error: unknown) {
    if (!(error instanceof ProblemError)) {
      setAlert({ title: 'The ad could not be started', detail: 'Something went wrong; try again.', more: [] });
      return;
    }
    const { problem, status } = error;
    const fields: FieldErrors = {};
    const perImage: Record<string, string> = {};
    const more: string[] = [];
    for (const { field, message } of problem.errors ?? []) {
      const name = fieldOfServerError(field);
      const image = /^images\[(\d+)\]$/.exec(name);
      const item = image ? images.items[Number(image[1])] : undefined;
      if (item) {
        perImage[item.key] = sentence(message);
      } else if (image || orderOf(name) < FIELD_ORDER.length) {
        const key = image ? 'images' : name;
        fields[key] = fields[key] ? `${fields[key]} ${sentence(message)}` : sentence(message);
      } else {
        more.push(`${name}: ${message}`);
      }
    }
    if ((status === 413 || status === 415) && !fields.images && !fields.music) {
      fields.images = problem.detail ?? (status === 413 ? 'An image is too large.' : 'A file is not a usable image.');
    }
    setServerErrors(fields);
    setImageErrors(perImage);
    setAlert({
      title: problem.title ?? 'The ad could not be started',
      detail: problem.detail ?? null,
      more,
    });
    setFocusRequest(Object.keys(fields));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sent !== null) {
      return;
    }
    setAttempted(true);
    setServerErrors({});
    setImageErrors({});
    setAlert(null);
    const atFault = Object.keys(clientErrors);
    if (atFault.length > 0) {
      setFocusRequest(atFault);
      return;
    }
    setSent(0);
    const started = createGeneration(
      toBriefRequest(draft),
      images.items.map((item) => item.file),
      (fraction) => setSent(fraction),
      music,
    );
    upload.current = started;
    try {
      const created = await started.done;
      upload.current = null;
      if (!created.generation_id) {
        throw new ProblemError(202, localProblem(202, 'Unexpected answer', 'The server did not name the new generation.'));
      }
      navigate(generationPath(created.generation_id));
    } catch (error) {
      upload.current = null;
      setSent(null);
      showProblem(error);
    }
  }

  const colorErrors: FieldErrors = {};
  for (const key of new Set([...Object.keys(clientErrors), ...Object.keys(serverErrors)])) {
    const message = key.startsWith('brand_colors') ? errorOf(key) : undefined;
    if (message) {
      colorErrors[key] = message;
    }
  }
  const sending = sent !== null;
  const automatic = automaticSceneCount(Number(draft.duration_seconds));

  return (
    <section className="page new-ad">
      <header className="page-header">
        <div className="page-header__title">
          <h1 tabIndex={-1}>New ad</h1>
        </div>
      </header>
      <p className="lead">Describe the product and add a few photos. Reelsmith writes the story, plans the scenes and renders the ad.</p>

      {alert && (
        <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef}>
          <h2>{alert.title}</h2>
          {alert.detail && <p>{alert.detail}</p>}
          {alert.more.length > 0 && (
            <ul>
              {alert.more.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <form className="brief-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="brief-form__main">
        <fieldset className="panel form-section" disabled={sending}>
          <legend>Product</legend>
          <Field id="product_name" label="Product name" hint={`Up to ${LIMITS.productName} characters.`} error={errorOf('product_name')} count={{ used: length(draft.product_name), max: LIMITS.productName }}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                required
                value={draft.product_name}
                onChange={(e) => update('product_name', e.currentTarget.value)}
                onBlur={() => touch('product_name')}
              />
            )}
          </Field>
          <Field id="description" label="Description" hint="What it is and why it is worth having." error={errorOf('description')} count={{ used: length(draft.description), max: LIMITS.description }}>
            {(control) => (
              <textarea
                {...control}
                rows={4}
                required
                value={draft.description}
                onChange={(e) => update('description', e.currentTarget.value)}
                onBlur={() => touch('description')}
              />
            )}
          </Field>
          <Field id="audience" label="Audience" hint="Optional. Who the ad speaks to." error={errorOf('audience')} count={{ used: length(draft.audience), max: LIMITS.audience }}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={draft.audience}
                onChange={(e) => update('audience', e.currentTarget.value)}
                onBlur={() => touch('audience')}
              />
            )}
          </Field>
          <Field id="call_to_action" label="Call to action" hint="Optional. The last thing the viewer reads." error={errorOf('call_to_action')} count={{ used: length(draft.call_to_action), max: LIMITS.callToAction }}>
            {(control) => (
              <input
                {...control}
                type="text"
                autoComplete="off"
                value={draft.call_to_action}
                onChange={(e) => update('call_to_action', e.currentTarget.value)}
                onBlur={() => touch('call_to_action')}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="panel form-section" disabled={sending}>
          <legend>Style and format</legend>
          <div className="form-grid">
            <Field id="tone" label="Tone" error={errorOf('tone')}>
              {(control) => (
                <select {...control} value={draft.tone} onChange={(e) => update('tone', e.currentTarget.value as BriefDraft['tone'])}>
                  {TONES.map((tone) => (
                    <option key={tone} value={tone}>
                      {TONE_LABELS[tone]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="duration_seconds" label="Length" error={errorOf('duration_seconds')}>
              {(control) => (
                <select {...control} value={draft.duration_seconds} onChange={(e) => update('duration_seconds', e.currentTarget.value)}>
                  {DURATIONS.map((seconds) => (
                    <option key={seconds} value={String(seconds)}>
                      {seconds} seconds
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="aspect_ratio" label="Aspect ratio" error={errorOf('aspect_ratio')}>
              {(control) => (
                <select {...control} value={draft.aspect_ratio} onChange={(e) => update('aspect_ratio', e.currentTarget.value as BriefDraft['aspect_ratio'])}>
                  {ASPECT_RATIOS.map((ratio) => (
                    <option key={ratio} value={ratio}>
                      {ASPECT_LABELS[ratio]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="resolution" label="Resolution" error={errorOf('resolution')}>
              {(control) => (
                <select {...control} value={draft.resolution} onChange={(e) => update('resolution', e.currentTarget.value as BriefDraft['resolution'])}>
                  {RESOLUTIONS.map((resolution) => (
                    <option key={resolution} value={resolution}>
                      {resolution}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="scene_count" label="Scenes" error={errorOf('scene_count')}>
              {(control) => (
                <select {...control} value={draft.scene_count} onChange={(e) => update('scene_count', e.currentTarget.value)}>
                  <option value="">Automatic ({automatic} scenes)</option>
                  {SCENE_COUNTS.map((count) => (
                    <option key={count} value={String(count)}>
                      {count} scenes
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <BrandColors
            colors={draft.brand_colors}
            disabled={sending}
            errors={colorErrors}
            onChange={(colors) => {
              setDraft((d) => ({ ...d, brand_colors: colors }));
              clearServerError('brand_colors', ...Object.keys(serverErrors).filter((k) => k.startsWith('brand_colors[')));
            }}
          />
        </fieldset>
        </div>

        <div className="brief-form__side">
        <section className="panel form-section" aria-labelledby="images-heading">
          <h2 id="images-heading" className="legend">
            Photos
          </h2>
          <ImagePicker
            items={images.items}
            disabled={sending}
            rejected={rejected}
            error={errorOf('images')}
            itemErrors={imageErrors}
            onAdd={(files) => {
              setRejected(images.add(files));
              clearServerError('images');
            }}
            onMove={(key, by) => images.move(key, by)}
            onRemove={(key) => {
              images.remove(key);
              setRejected([]);
              clearServerError('images');
            }}
          />
        </section>

        <section className="panel form-section" aria-labelledby="music-heading">
          <h2 id="music-heading" className="legend">
            Sound
          </h2>
          <Field
            id="music"
            label="Music file"
            hint={`Optional. WAV, MP3, AAC or Ogg, up to ${MAX_MUSIC_MB} MB; it plays under the voice-over, quieter while the voice speaks. Without one, Reelsmith makes music in the ad's tone.`}
            error={errorOf('music')}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept={MUSIC_ACCEPT}
                disabled={sending}
                onChange={(event) => {
                  setMusic(event.target.files?.[0] ?? null);
                  touch('music');
                  clearServerError('music');
                }}
              />
            )}
          </Field>
          <div className="field">
            <label className="field__label" htmlFor="subtitles">
              <input
                id="subtitles"
                type="checkbox"
                aria-describedby="subtitles-hint"
                checked={draft.subtitles}
                disabled={sending}
                onChange={(event) => update('subtitles', event.target.checked)}
              />{' '}
              Subtitles
            </label>
            <p className="field__hint" id="subtitles-hint">
              Optional. Shows the voice-over’s words on screen while they are spoken.
            </p>
          </div>
        </section>

        <div className="form-submit">
          <CostEstimate state={cost} />
          <button type="submit" className="button button--primary button--large" disabled={sending || overBudgetReason(cost) !== null}>
            Create ad
          </button>
          {sending && (
            <div className="upload-progress">
              {/* A native <progress>: the page's one [role=progressbar] stays the generation's. */}
              <progress className="upload-bar" aria-label="Upload progress" max={100} value={Math.round((sent ?? 0) * 100)} />
              <span className="muted" aria-hidden="true">
                {(sent ?? 0) < 1 ? `Uploading… ${Math.round((sent ?? 0) * 100)}%` : 'Starting…'}
              </span>
            </div>
          )}
        </div>
        </div>
      </form>
    </section>
  );
}
