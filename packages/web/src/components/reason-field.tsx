/** The optional free-text reason a confirmation keeps with its record (approval receipt, merge report). */
export function ReasonField(props: {
  value: string;
  onInput: (value: string) => void;
  placeholder: string;
  keptIn: string;
}) {
  return (
    <>
      <label>
        Reason (optional)
        <textarea
          name="reason"
          rows={3}
          maxLength={2000}
          placeholder={props.placeholder}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </label>
      <p class="muted small">The reason is kept {props.keptIn}.</p>
    </>
  );
}
