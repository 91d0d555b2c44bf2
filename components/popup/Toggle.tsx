/** An accessible on/off switch (a checkbox with role="switch"). */
export function Toggle({
  label,
  checked,
  onChange,
  action,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Stable hook for tests and acceptance checks. */
  action?: string;
}) {
  return (
    <label className="toggle">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        data-cloudexit-action={action}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
