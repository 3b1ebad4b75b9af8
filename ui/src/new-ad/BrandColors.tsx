import { useEffect, useRef } from 'react';
import { isColor, LIMITS } from './briefRules';

interface Props {
  colors: readonly string[];
  onChange: (colors: string[]) => void;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
}

const SUGGESTIONS = ['#1A73E8', '#FFFFFF', '#111827', '#F59E0B'];

/** Up to four brand colours, each with a picker and its #RRGGBB text. */
export function BrandColors({ colors, onChange, errors, disabled }: Props) {
  const added = useRef(false);
  const group = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    if (added.current) {
      added.current = false;
      const inputs = group.current?.querySelectorAll<HTMLInputElement>('input[type="text"]');
      inputs?.[inputs.length - 1]?.focus();
    }
  }, [colors.length]);

  function set(index: number, value: string) {
    onChange(colors.map((color, i) => (i === index ? value : color)));
  }

  function add() {
    added.current = true;
    const unused = SUGGESTIONS.find((s) => !colors.some((c) => c.toUpperCase() === s)) ?? '#000000';
    onChange([...colors, unused]);
  }

  const groupError = errors.brand_colors;
  return (
    <fieldset ref={group} className={groupError ? 'field field--invalid colors' : 'field colors'} aria-describedby="colors-hint">
      <legend className="field__label">Brand colours</legend>
      <p className="field__hint" id="colors-hint">
        Optional. Up to {LIMITS.brandColors}, as #RRGGBB.
      </p>
      {colors.length > 0 && (
        <ul className="colors__list">
          {colors.map((color, i) => {
            const error = errors[`brand_colors[${i}]`];
            const valid = isColor(color.trim());
            return (
              <li key={i} className="colors__row">
                <input
                  type="color"
                  className="colors__picker"
                  aria-label={`Colour ${i + 1} picker`}
                  value={valid ? color.trim().toLowerCase() : '#000000'}
                  disabled={disabled}
                  onChange={(event) => set(i, event.currentTarget.value.toUpperCase())}
                />
                <input
                  id={`brand_colors-${i}`}
                  type="text"
                  className="colors__text"
                  aria-label={`Colour ${i + 1}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `color-${i}-error` : undefined}
                  value={color}
                  maxLength={7}
                  spellCheck={false}
                  autoComplete="off"
                  disabled={disabled}
                  onChange={(event) => set(i, event.currentTarget.value)}
                />
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={`Remove colour ${i + 1}`}
                  disabled={disabled}
                  onClick={() => onChange(colors.filter((_, j) => j !== i))}
                >
                  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 6l12 12M18 6L6 18" />
                  </svg>
                </button>
                {error && (
                  <p className="field__error colors__error" id={`color-${i}-error`}>
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {groupError && <p className="field__error">{groupError}</p>}
      <button id="brand_colors-add" type="button" className="button button--quiet" onClick={add} disabled={disabled || colors.length >= LIMITS.brandColors}>
        Add colour
      </button>
    </fieldset>
  );
}
