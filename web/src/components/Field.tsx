import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}

/**
 * A label, the control passed as child (which must use `id`, and `aria-describedby={describedBy(id, …)}`), an
 * optional hint and the field's error, announced with the control.
 */
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
