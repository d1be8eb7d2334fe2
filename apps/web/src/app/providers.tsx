import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '@/lib/api';
import { ApiProvider } from '@/lib/api-context';
import { AuthProvider } from './auth/auth-provider';
import './i18n/i18n';

/** antd's own texts (pagination, date pickers, empty states) follow the UI language. */
function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ algorithm: theme.compactAlgorithm }}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** Everything the pages rely on, in one place so the app and the component tests build the same tree. */
export function AppProviders({ api, queryClient, children }: { api: Api; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <AntdProvider>
          <AuthProvider>{children}</AuthProvider>
        </AntdProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
