import { useState } from 'react';

/** A destructive action needs a second click; the first one only arms it. */
export function ConfirmButton({
  label,
  confirmLabel,
  doneLabel,
  onConfirm,
  action,
}: {
  label: string;
  confirmLabel: string;
  doneLabel: string;
  onConfirm: () => Promise<void>;
  action: string;
}) {
  const [state, setState] = useState<'idle' | 'armed' | 'done'>('idle');
  return (
    <span className="confirm">
      <button
        type="button"
        className={state === 'armed' ? 'danger armed' : 'danger'}
        data-cloudexit-action={action}
        aria-pressed={state === 'armed'}
        onClick={async () => {
          if (state !== 'armed') {
            setState('armed');
            return;
          }
          await onConfirm();
          setState('done');
        }}
      >
        {state === 'armed' ? confirmLabel : label}
      </button>
      {state === 'done' && <span role="status">{doneLabel}</span>}
    </span>
  );
}
