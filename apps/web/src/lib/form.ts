import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * The one way server field errors reach a form: each `errors[].field` that names a form field is shown on
 * that field. Returns the messages that match no field, for an alert above the form.
 */
export function applyFieldErrors<Values>(
  form: FormInstance<Values>,
  error: unknown,
  fields: readonly (keyof Values & string)[],
  /** Rewords a server message (English) for the UI, where the feature knows it. */
  localize: (field: string, message: string) => string = (_field, message) => message,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const matched: { name: keyof Values & string; errors: string[] }[] = [];
  for (const [field, serverMessage] of Object.entries(error.fieldErrors)) {
    const message = localize(field, serverMessage);
    const name = fields.find((candidate) => candidate === field);
    if (name) matched.push({ name, errors: [message] });
    else unmatched.push(message);
  }
  // antd types NamePath per Values shape, which a generic key cannot satisfy; the keys are checked by `fields`.
  const untypedForm: FormInstance = form;
  untypedForm.setFields(matched);
  return unmatched;
}
