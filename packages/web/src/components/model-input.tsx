import { MODEL_ID_PATTERN } from '../state/profile-form.ts';

/**
 * A `provider/model` field. Suggestions come from a `<datalist>` the dialog fills from `models.list`, so the same
 * field works as a picker when OpenCode is reachable and as plain text when it is not.
 */
export function ModelInput(props: {
  name: string;
  label: string;
  help: string;
  value: string;
  listId: string;
  /** A comma-separated list of ids instead of one (checked on submit). */
  isList?: boolean;
  required?: boolean;
}) {
  return (
    <label class="span2">
      {props.label}
      <input
        name={props.name}
        list={props.listId}
        value={props.value}
        required={props.required}
        autocomplete="off"
        spellcheck={false}
        placeholder={props.isList ? 'provider/model, provider/model' : 'provider/model'}
        pattern={props.isList ? undefined : MODEL_ID_PATTERN}
        title={props.isList ? 'Comma-separated provider/model ids' : 'A provider/model id, e.g. openai/gpt-5.4'}
      />
      <small class="muted">{props.help}</small>
    </label>
  );
}
