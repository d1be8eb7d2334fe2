import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '@/app/providers';
import { createQueryClient } from '@/app/query-client';
import { routes } from '@/app/router';
import i18n from '@/app/i18n/i18n';
import { createApi } from '@/lib/api';
import type { Language } from '@/lib/language';

/** Renders the real app (routes, providers, session) at `path`, talking to the given fake fetch. */
export async function renderApp(path: string, { fetch, language = 'zh-CN' }: { fetch: (request: Request) => Promise<Response>; language?: Language }) {
  await i18n.changeLanguage(language);
  // Node's Request needs absolute URLs; the browser build uses same-origin relative ones.
  const api = createApi({ baseUrl: 'http://localhost', fetch });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders api={api} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, api, router, queryClient };
}
