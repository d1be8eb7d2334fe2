/** The built-in roles. Their business permissions are data in the permission engine; these keys name them. */
export enum RoleKey {
  SystemAdmin = 'system_admin',
  GeneralManager = 'general_manager',
  SalesDirector = 'sales_director',
  SalesManager = 'sales_manager',
  SalesRep = 'sales_rep',
  MarketingSpecialist = 'marketing_specialist',
  ServiceAgent = 'service_agent',
  FieldEngineer = 'field_engineer',
  Finance = 'finance',
  QualityInspector = 'quality_inspector',
  Auditor = 'auditor',
  Partner = 'partner',
}

/**
 * What administration endpoints declare: a system administrator in an interactive session — never an API key, so a
 * leaked key cannot manage users, roles, policies or other keys.
 */
export const ADMINISTRATION = { roles: [RoleKey.SystemAdmin], sessionOnly: true } as const;
