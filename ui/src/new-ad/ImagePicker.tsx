import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_TYPES, formatBytes, IMAGE_LIMITS } from './imageRules';
import type { ImageItem } from './useImageList';

interface Props {
  items: readonly ImageItem[];
  onAdd: (files: File[]) => void;
  onMove: (key: string, by: -1 | 1) => void;
  onRemove: (key: string) => void;
  /** Why files were left out when last added. */
  rejected: readonly string[];
  /** The field's own error (none chosen, or the server's word on them). */
  error?: string | undefined;
  /** The server's word on single images, by key. */
  itemErrors: Readonly<Record<string, string>>;
  disabled: boolean;
}

type Focus = { key: string; action: 'earlier' | 'later' | 'remove' } | { key: null; action: 'input' };

/** Drop zone, file input and the chosen images with previews, to reorder and remove. */
export function ImagePicker({ items, onAdd, onMove, onRemove, rejected, error, itemErrors, disabled }: Props) {
  const [dragging, setDragging] = useState(false);
  const [said, setSaid] = useState('');
  const focusNext = useRef<Focus | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Moving or removing re-renders the list; keep the keyboard where the person was.
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (!target) {
      return;
    }
    if (target.key === null) {
      input.current?.focus();
      return;
    }
    const row = document.querySelector(`[data-image-key="${target.key}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-action="${target.action}"]:not(:disabled)`);
    (wanted ?? row?.querySelector<HTMLButtonElement>('button:not(:disabled)'))?.focus();
  }, [items]);

  function move(item: ImageItem, index: number, by: -1 | 1) {
    focusNext.current = { key: item.key, action: by < 0 ? 'earlier' : 'later' };
    onMove(item.key, by);
    setSaid(`${item.file.name} moved to position ${index + 1 + by} of ${items.length}.`);
  }

  function remove(item: ImageItem, index: number) {
    const neighbour = items[index + 1] ?? items[index - 1];
    focusNext.current = neighbour ? { key: neighbour.key, action: 'remove' } : { key: null, action: 'input' };
    onRemove(item.key);
    setSaid(`${item.file.name} removed.`);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!disabled) {
      onAdd([...event.dataTransfer.files]);
    }
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setDragging(true);
  }

  const describedBy = ['images-hint', error ? 'images-error' : null, rejected.length ? 'images-rejected' : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={error ? 'field field--invalid image-picker' : 'field image-picker'}>
      <div
        className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            setDragging(false);
          }
        }}
        onDrop={onDrop}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="2" />
          <path d="M21 16l-5-5-8 9" />
        </svg>
        <label className="field__label" htmlFor="images">
          Reference images
        </label>
        <p className="field__hint" id="images-hint">
          Drop {IMAGE_LIMITS.minImages}–{IMAGE_LIMITS.maxImages} photos of the product here, or choose them. JPEG, PNG or
          WebP, up to 15 MB each. They are sent in the order shown.
        </p>
        <input
          ref={input}
          id="images"
          className="dropzone__input"
          type="file"
          multiple
          accept={ACCEPTED_TYPES.join(',')}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            // Cleared so that choosing the same file again, after removing it, adds it again.
            event.currentTarget.value = '';
            onAdd(files);
          }}
        />
      </div>
      {error && (
        <p className="field__error" id="images-error">
          {error}
        </p>
      )}
      {rejected.length > 0 && (
        <ul className="field__error rejected" id="images-rejected" role="alert">
          {rejected.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <ol className="image-list" aria-label="Chosen images">
          {items.map((item, index) => (
            <li key={item.key} className="image-item" data-image-key={item.key}>
              <div className="image-item__preview">
                {item.preview ? <img src={item.preview} alt="" /> : <span aria-hidden="true">{index + 1}</span>}
              </div>
              <div className="image-item__text">
                <span className="image-item__name">{item.file.name}</span>
                <span className="muted">
                  {index + 1} of {items.length} · {formatBytes(item.file.size)}
                </span>
                {itemErrors[item.key] && <span className="field__error">{itemErrors[item.key]}</span>}
              </div>
              <div className="image-item__actions">
                <button
                  type="button"
                  className="icon-button"
                  data-action="earlier"
                  aria-label={`Move ${item.file.name} earlier`}
                  disabled={disabled || index === 0}
                  onClick={() => move(item, index, -1)}
                >
                  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 19V5M6 11l6-6 6 6" />
                  </svg>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  data-action="later"
                  aria-label={`Move ${item.file.name} later`}
                  disabled={disabled || index === items.length - 1}
                  onClick={() => move(item, index, 1)}
                >
                  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 5v14M6 13l6 6 6-6" />
                  </svg>
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  data-action="remove"
                  aria-label={`Remove ${item.file.name}`}
                  disabled={disabled}
                  onClick={() => remove(item, index)}
                >
                  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 6l12 12M18 6L6 18" />
                  </svg>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
