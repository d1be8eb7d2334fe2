import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, type User } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { LANGUAGES, rememberLanguage, type Language } from '@/lib/language';
import { meKeys } from '../api/get-me';
import { useUpdateMe, type UpdateMeBody } from '../api/update-me';

interface ProfileValues {
  name: string;
  nameEn: string;
  phone: string;
  locale: Language;
}

const FIELDS = ['name', 'nameEn', 'phone', 'locale'] as const;
// Same rule as the API's UpdateProfileDto, so most mistakes are caught before a round trip.
const PHONE = /^\+?[0-9 ()-]{5,30}$/;

/** Only what changed is sent; an unchanged phone must not be re-validated, and an empty one is left as it is. */
function changesOf(user: User, values: ProfileValues): UpdateMeBody {
  const changes: UpdateMeBody = {};
  if (values.name !== user.name) changes.name = values.name;
  if (values.nameEn !== user.nameEn) changes.nameEn = values.nameEn;
  if (values.phone && values.phone !== user.phone) changes.phone = values.phone;
  if (values.locale !== user.locale) changes.locale = values.locale;
  return changes;
}

/** Edits the signed-in user's own name, phone and language. Remount it (key = version) to load a newer profile. */
export function ProfileForm({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const updateMe = useUpdateMe();

  function onFinish(values: ProfileValues) {
    setAlert(null);
    const changes = changesOf(user, values);
    if (Object.keys(changes).length === 0) return void message.success(t('profile.saved'));
    updateMe.mutate(
      { changes, version: user.version },
      {
        onSuccess: (saved) => {
          void message.success(t('profile.saved'));
          if (saved.locale !== i18n.language) {
            rememberLanguage(saved.locale);
            void i18n.changeLanguage(saved.locale);
          }
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            void message.warning(t('profile.conflict'));
            void queryClient.invalidateQueries({ queryKey: meKeys.all });
            return;
          }
          const unmatched = applyFieldErrors(form, error, FIELDS);
          if (unmatched.length > 0 || !(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
            setAlert(unmatched.join(' ') || t('errors.generic'));
          }
        },
      },
    );
  }

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      initialValues={{ name: user.name, nameEn: user.nameEn, phone: user.phone ?? '', locale: user.locale }}
      onFinish={onFinish}
      disabled={updateMe.isPending}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t('profile.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('profile.validation.nameRequired') }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('profile.nameEn')} rules={[{ required: true, whitespace: true, max: 200, message: t('profile.validation.nameEnRequired') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('profile.phone')} rules={[{ pattern: PHONE, message: t('profile.validation.phoneInvalid') }]}>
        <Input autoComplete="tel" />
      </Form.Item>
      <Form.Item name="locale" label={t('profile.locale')}>
        <Select options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={updateMe.isPending}>
        {t('profile.save')}
      </Button>
    </Form>
  );
}
