import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Characters used and allowed, shown once the text nears the limit. */
  count?: { used: number; max: number };
  children: (control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }) => ReactNode;
}

/** A label, its control, a hint and the error for it, wired together for assistive technology. */
export function Field({ id, label, hint, error, count, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const showCount = count && count.used > count.max * 0.8;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <div className="field__head">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {showCount && (
          <span className={count.used > count.max ? 'field__count field__count--over' : 'field__count'} aria-hidden="true">
            {count.used}/{count.max}
          </span>
        )}
      </div>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
