import { Flex, Form, Input, Select, Switch, type FormInstance, type FormProps } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import type { FieldAccess } from '@/lib/permissions';
import { AccountPicker } from './account-picker';
import { ACCOUNT_KINDS, ACCOUNT_TIERS, ADDRESS_PARTS, AMOUNT, LEAD_RATINGS, TAX_NUMBER, URL_PATTERN, type AddressValue, LEAD_SOURCES, CURRENCY, DATE, FLAG_FIELDS, PERCENT, PHONE, RECORD_FIELDS, fieldValue, type FieldSpec, type FlagField, type RecordFieldName, type RecordObjectType } from '../utils/record-fields';
import { FieldValue } from './field-value';

/** Form values by field name: text inputs, the account kind, switches, addresses (objects of parts). */
export type RecordFormValues = Record<string, string | boolean | AddressValue | undefined>;
/** A create or update body built from the form; the pages type it per object. */
export type RecordChanges = Record<string, string | number | boolean | AddressValue | null>;

/** An address as the API takes it: trimmed parts, empty ones left out; null when nothing is left. */
function addressOf(value: unknown): AddressValue | null {
  if (!value || typeof value !== 'object') return null;
  const out: AddressValue = {};
  for (const part of ADDRESS_PARTS) {
    const text = (value as AddressValue)[part]?.trim();
    if (text) out[part] = text;
  }
  return Object.keys(out).length ? out : null;
}

/** What the API takes for a form value: percentages are integers, everything else text. */
function apiValue(spec: FieldSpec, text: string): string | number {
  return spec.input === 'percent' ? Number(text) : text;
}

export interface RecordFormLayout {
  /** Business fields the caller may edit: inputs. */
  editable: readonly FieldSpec[];
  /** Business fields shown read-only (read or masked); only when editing an existing record. */
  readOnly: readonly FieldSpec[];
  /** Flags the caller may set (field access `edit`, and the owner: only the owner sets them). */
  editableFlags: readonly FlagField[];
  /** Flags shown read-only, with the reason. */
  readOnlyFlags: readonly FlagField[];
}

/**
 * What the form shows for this caller: hidden fields are absent, masked and read-only fields are shown but never
 * sent, and the owner-only flags are editable for the owner alone (the API refuses them from anyone else).
 */
export function recordFormLayout(objectType: RecordObjectType, access: (field: string) => FieldAccess, { creating, isOwner }: { creating: boolean; isOwner: boolean }): RecordFormLayout {
  const fields: readonly FieldSpec[] = RECORD_FIELDS[objectType];
  const editable = fields.filter((spec) => access(spec.name) === 'edit');
  const readOnly = creating ? [] : fields.filter((spec) => access(spec.name) === 'read' || access(spec.name) === 'masked');
  const editableFlags = FLAG_FIELDS.filter((flag) => access(flag) === 'edit' && isOwner);
  const readOnlyFlags = creating ? [] : FLAG_FIELDS.filter((flag) => access(flag) !== 'hidden' && !editableFlags.includes(flag));
  return { editable, readOnly, editableFlags, readOnlyFlags };
}

/** The names the form can show server field errors on. */
export function formFieldNames(layout: RecordFormLayout): string[] {
  return [...layout.editable.map((spec) => spec.name), ...layout.editableFlags];
}

export function initialValuesOf(record: object | undefined, layout: RecordFormLayout): RecordFormValues {
  const values: RecordFormValues = {};
  for (const spec of layout.editable) {
    const value = record ? fieldValue(record, spec.name) : undefined;
    if (spec.input === 'address') {
      values[spec.name] = { ...(addressOf(value) ?? {}) };
      continue;
    }
    if (spec.input === 'boolean') {
      values[spec.name] = value === true;
      continue;
    }
    values[spec.name] = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : spec.input === 'kind' ? 'company' : '';
  }
  for (const flag of layout.editableFlags) values[flag] = record ? fieldValue(record, flag) === true : false;
  return values;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** Only what differs from the record as read; an emptied optional field is cleared with null. */
export function changesOf(record: object, values: RecordFormValues, layout: RecordFormLayout): RecordChanges {
  const changes: RecordChanges = {};
  for (const spec of layout.editable) {
    if (spec.input === 'address') {
      const next = addressOf(values[spec.name]);
      if (JSON.stringify(next) !== JSON.stringify(addressOf(fieldValue(record, spec.name)))) changes[spec.name] = next;
      continue;
    }
    if (spec.input === 'boolean') {
      const next = values[spec.name] === true;
      if (next !== (fieldValue(record, spec.name) === true)) changes[spec.name] = next;
      continue;
    }
    const next = textOf(values[spec.name]);
    if (next === textOf(fieldValue(record, spec.name))) continue;
    changes[spec.name] = next === '' && !spec.required ? null : apiValue(spec, next);
  }
  for (const flag of layout.editableFlags) {
    const next = values[flag] === true;
    if (next !== (fieldValue(record, flag) === true)) changes[flag] = next;
  }
  return changes;
}

/** A create body: the filled-in fields and the flags that are set; the API defaults the rest (owner: the caller). */
export function createBodyOf(values: RecordFormValues, layout: RecordFormLayout): RecordChanges {
  const body: RecordChanges = {};
  for (const spec of layout.editable) {
    if (spec.input === 'address') {
      const address = addressOf(values[spec.name]);
      if (address) body[spec.name] = address;
      continue;
    }
    if (spec.input === 'boolean') {
      if (values[spec.name] === true) body[spec.name] = true;
      continue;
    }
    const value = textOf(values[spec.name]);
    if (value !== '') body[spec.name] = apiValue(spec, value);
  }
  for (const flag of layout.editableFlags) if (values[flag] === true) body[flag] = true;
  return body;
}

/**
 * Puts a failed save's field errors on the form's fields (a 403 naming a field reads "you may not change this
 * field") and returns what is left for an alert above the form, or null when everything landed on a field.
 */
export function applySaveError(form: FormInstance<RecordFormValues>, error: unknown, layout: RecordFormLayout, t: TFunction): string | null {
  const forbidden = error instanceof ApiError && error.status === 403;
  const unmatched = applyFieldErrors(form, error, formFieldNames(layout), (_field, serverMessage) => (forbidden ? t('records.errors.fieldForbidden') : serverMessage));
  if (unmatched.length > 0) return unmatched.join(' ');
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) return null;
  if (!(error instanceof ApiError)) return t('errors.network');
  if (forbidden) return error.detail ?? t('records.errors.forbidden');
  if (error.status === 404) return t('records.errors.gone');
  return t('errors.generic');
}

export interface RecordFormProps {
  objectType: RecordObjectType;
  form: FormInstance<RecordFormValues>;
  layout: RecordFormLayout;
  /** The record being edited (absent when creating): the source of read-only values. */
  record?: object;
  access: (field: string) => FieldAccess;
  initialValues: RecordFormValues;
  onFinish: FormProps<RecordFormValues>['onFinish'];
  disabled?: boolean;
  /** Shown above the fields (alerts) and below them (the read-only part: owner, account). */
  header?: ReactNode;
  footer?: ReactNode;
}

/** The one form of sales records, for creating and editing alike. */
export function RecordForm({ objectType, form, layout, record, access, initialValues, onFinish, disabled, header, footer }: RecordFormProps) {
  const { t } = useTranslation();
  const label = (field: string) => t(`records.fields.${field as RecordFieldName}`);

  function rulesOf(spec: FieldSpec): Rule[] {
    const rules: Rule[] = [];
    if (spec.required) rules.push({ required: true, whitespace: true, message: t('records.validation.required', { field: label(spec.name) }) });
    if (spec.max) rules.push({ max: spec.max, message: t('records.validation.tooLong', { max: spec.max }) });
    if (spec.input === 'email') rules.push({ type: 'email', message: t('records.validation.email') });
    if (spec.input === 'phone') rules.push({ pattern: PHONE, message: t('records.validation.phone') });
    if (spec.input === 'amount') rules.push({ pattern: AMOUNT, message: t('records.validation.amount') });
    if (spec.input === 'currency') rules.push({ pattern: CURRENCY, message: t('records.validation.currency') });
    if (spec.input === 'percent') rules.push({ pattern: PERCENT, message: t('records.validation.percent') });
    if (spec.input === 'date') rules.push({ pattern: DATE, message: t('records.validation.date') });
    if (spec.input === 'taxNumber') rules.push({ pattern: TAX_NUMBER, message: t('records.validation.taxNumber') });
    if (spec.input === 'url') rules.push({ pattern: URL_PATTERN, message: t('records.validation.url') });
    return rules;
  }

  return (
    <Form<RecordFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={disabled}
      data-testid={`${objectType}-form`}
    >
      {header}
      {layout.editable.map((spec) => (
        spec.input === 'address' ? (
          <Form.Item key={spec.name} label={label(spec.name)} data-testid={`form-${spec.name}`}>
            <Flex gap={8} wrap>
              {ADDRESS_PARTS.map((part) => (
                <Form.Item key={part} name={[spec.name, part]} noStyle rules={[{ max: part === 'street' ? 300 : 100, message: t('records.validation.tooLong', { max: part === 'street' ? 300 : 100 }) }]}>
                  <Input placeholder={t(`records.address.${part}`)} aria-label={`${label(spec.name)} ${t(`records.address.${part}`)}`} style={{ width: part === 'street' ? '100%' : 140 }} data-testid={`form-${spec.name}-${part}`} />
                </Form.Item>
              ))}
            </Flex>
          </Form.Item>
        ) : spec.input === 'boolean' ? (
          <Form.Item key={spec.name} name={spec.name} label={label(spec.name)} valuePropName="checked">
            <Switch data-testid={`form-${spec.name}`} />
          </Form.Item>
        ) : (
        <Form.Item key={spec.name} name={spec.name} label={label(spec.name)} rules={rulesOf(spec)}>
          {spec.input === 'tier' ? (
            <Select allowClear options={ACCOUNT_TIERS.map((tier) => ({ value: tier, label: t(`records.tiers.${tier}`) }))} data-testid={`form-${spec.name}`} />
          ) : spec.input === 'account' ? (
            <AccountPicker excludeId={record ? String(fieldValue(record, 'id')) : undefined} data-testid={`form-${spec.name}`} />
          ) : spec.input === 'kind' ? (
            <Select options={ACCOUNT_KINDS.map((kind) => ({ value: kind, label: t(`records.kinds.${kind}`) }))} data-testid={`form-${spec.name}`} />
          ) : spec.input === 'leadSource' ? (
            <Select options={LEAD_SOURCES.map((source) => ({ value: source, label: t(`leads.sources.${source}`) }))} data-testid={`form-${spec.name}`} />
          ) : spec.input === 'leadRating' ? (
            <Select allowClear options={LEAD_RATINGS.map((rating) => ({ value: rating, label: t(`leads.ratings.${rating}`) }))} data-testid={`form-${spec.name}`} />
          ) : spec.input === 'date' ? (
            <Input type="date" data-testid={`form-${spec.name}`} />
          ) : spec.input === 'text' && spec.max && spec.max > 1000 ? (
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`form-${spec.name}`} />
          ) : (
            <Input inputMode={spec.input === 'amount' || spec.input === 'percent' ? 'decimal' : undefined} data-testid={`form-${spec.name}`} />
          )}
        </Form.Item>
        )
      ))}
      {layout.readOnly.map((spec) => (
        <Form.Item key={spec.name} label={label(spec.name)} extra={t('records.edit.readOnlyHint')} data-testid={`form-readonly-${spec.name}`}>
          <FieldValue field={spec.name} value={record ? fieldValue(record, spec.name) : undefined} access={access(spec.name)} />
        </Form.Item>
      ))}
      {layout.editableFlags.map((flag) => (
        <Form.Item key={flag} name={flag} label={label(flag)} valuePropName="checked" extra={t(`records.flagHelp.${flag}`)}>
          <Switch data-testid={`form-${flag}`} />
        </Form.Item>
      ))}
      {layout.readOnlyFlags.map((flag) => (
        <Form.Item key={flag} label={label(flag)} extra={t('records.edit.ownerOnlyHint')} data-testid={`form-readonly-${flag}`}>
          <Switch checked={record ? fieldValue(record, flag) === true : false} disabled />
        </Form.Item>
      ))}
      {footer}
    </Form>
  );
}
