import type { JSX } from 'preact';

interface SwitchProps {
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}

/** An on/off switch: a real checkbox with the switch role, so keyboards and screen readers know it. */
export function Switch({ label, description, checked, disabled, onChange, testId }: SwitchProps): JSX.Element {
  return (
    <label class="bs-switch">
      <span>
        <span>{label}</span>
        {description && <span class="bs-muted" style={{ display: 'block', fontSize: '12px' }}>{description}</span>}
      </span>
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
    </label>
  );
}
