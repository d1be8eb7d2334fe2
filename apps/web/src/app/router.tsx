import { Navigate, type RouteObject } from 'react-router';
import { AdminPage } from '@/features/admin/pages/admin-page';
import { AuditPage } from '@/features/admin/pages/audit-page';
import { AhpModelPage } from '@/features/analytics/ahp/ahp-model-page';
import { AhpModelsPage } from '@/features/analytics/ahp/ahp-models-page';
import { AnalyticsPage } from '@/features/analytics/pages/analytics-page';
import { CustomersPage } from '@/features/analytics/pages/customers-page';
import { ApiKeysPage } from '@/features/identity/pages/api-keys-page';
import { ChangePasswordPage } from '@/features/identity/pages/change-password-page';
import { ProfilePage } from '@/features/identity/pages/profile-page';
import { ResetPasswordPage } from '@/features/identity/pages/reset-password-page';
import { MarketingPage } from '@/features/marketing/pages/marketing-page';
import { PriceListPage } from '@/features/products/pages/price-list-page';
import { PriceListsPage } from '@/features/products/pages/price-lists-page';
import { ExchangeRatesPage } from '@/features/products/pages/exchange-rates-page';
import { ProductPage } from '@/features/products/pages/product-page';
import { ProductsPage } from '@/features/products/pages/products-page';
import { AccountPage } from '@/features/sales/pages/account-page';
import { ActivitiesPage } from '@/features/sales/pages/activities-page';
import { ContactPage } from '@/features/sales/pages/contact-page';
import { ContactsPage } from '@/features/sales/pages/contacts-page';
import { LeadPage } from '@/features/sales/pages/lead-page';
import { LeadsPage } from '@/features/sales/pages/leads-page';
import { OpportunitiesPage } from '@/features/sales/pages/opportunities-page';
import { OpportunityBoardPage } from '@/features/sales/pages/opportunity-board-page';
import { OpportunityPage } from '@/features/sales/pages/opportunity-page';
import { OrderPage } from '@/features/sales/pages/order-page';
import { OrdersPage } from '@/features/sales/pages/orders-page';
import { ReceivablesPage } from '@/features/sales/pages/receivables-page';
import { ReportsPage } from '@/features/sales/pages/reports-page';
import { QuotePage } from '@/features/sales/pages/quote-page';
import { QuotesPage } from '@/features/sales/pages/quotes-page';
import { ApprovalRulesPage } from '@/features/sales/pages/approval-rules-page';
import { RecycleBinPage } from '@/features/sales/pages/recycle-bin-page';
import { SalesPage } from '@/features/sales/pages/sales-page';
import { ServicePage } from '@/features/service/pages/service-page';
import { LoginPage } from './auth/login-page';
import { RequireAuth } from './auth/require-auth';
import { RequireRole } from './auth/require-role';
import { DeskPage } from './desk/desk-page';
import { AppShell } from './shell/app-shell';
import { HomeRedirect } from './shell/home-redirect';
import { NotFoundPage } from './shell/not-found-page';

/** The route table, shared by the browser router and the component tests' memory router. */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'desk', element: <DeskPage /> },
      { path: 'sales', element: <SalesPage /> },
      { path: 'sales/accounts', element: <Navigate to="/sales" replace /> },
      { path: 'sales/accounts/:id', element: <AccountPage /> },
      { path: 'sales/contacts', element: <ContactsPage /> },
      { path: 'sales/contacts/:id', element: <ContactPage /> },
      { path: 'sales/leads', element: <LeadsPage /> },
      { path: 'sales/leads/:id', element: <LeadPage /> },
      { path: 'sales/opportunities', element: <OpportunitiesPage /> },
      { path: 'sales/opportunities/board', element: <OpportunityBoardPage /> },
      { path: 'sales/opportunities/:id', element: <OpportunityPage /> },
      { path: 'sales/quotes', element: <QuotesPage /> },
      { path: 'sales/quotes/approval-rules', element: <ApprovalRulesPage /> },
      { path: 'sales/quotes/:id', element: <QuotePage /> },
      { path: 'sales/orders', element: <OrdersPage /> },
      { path: 'sales/orders/:id', element: <OrderPage /> },
      { path: 'sales/receivables', element: <ReceivablesPage /> },
      { path: 'sales/reports', element: <ReportsPage /> },
      { path: 'sales/activities', element: <ActivitiesPage /> },
      { path: 'sales/recycle-bin', element: <RecycleBinPage /> },
      { path: 'products', element: <ProductsPage /> },
      { path: 'products/price-lists', element: <PriceListsPage /> },
      { path: 'products/exchange-rates', element: <ExchangeRatesPage /> },
      { path: 'products/price-lists/:id', element: <PriceListPage /> },
      { path: 'products/:id', element: <ProductPage /> },
      { path: 'marketing', element: <MarketingPage /> },
      { path: 'service', element: <ServicePage /> },
      { path: 'analytics', element: <AnalyticsPage /> },
      { path: 'analytics/customers', element: <CustomersPage /> },
      { path: 'analytics/ahp', element: <AhpModelsPage /> },
      { path: 'analytics/ahp/new', element: <AhpModelPage /> },
      { path: 'analytics/ahp/:id', element: <AhpModelPage /> },
      {
        path: 'admin',
        element: (
          <RequireRole role="system_admin">
            <AdminPage />
          </RequireRole>
        ),
      },
      {
        // The access explanation for auditors, who may not open the administration; the API allows both roles.
        path: 'audit',
        element: (
          <RequireRole role={['auditor', 'system_admin']}>
            <AuditPage />
          </RequireRole>
        ),
      },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'profile/password', element: <ChangePasswordPage /> },
      { path: 'profile/api-keys', element: <ApiKeysPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
