import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<span data-testid="page-title">{t('app.notFound.title')}</span>}
      subTitle={t('app.notFound.subTitle')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('app.notFound.back')}
        </Button>
      }
    />
  );
}
