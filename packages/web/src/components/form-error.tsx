import { Show } from 'solid-js';

/** An error message announced to screen readers; renders nothing when there is no error. */
export function FormError(props: { message: string; class?: string }) {
  return (
    <Show when={props.message}>
      <p class={`error ${props.class ?? ''}`} role="alert">
        {props.message}
      </p>
    </Show>
  );
}
