import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../identity/passwords/password-hasher';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { fromScaled, divideRounded, orderTotals, priceLine, toScaled } from '../sales/pricing/money';
import { convertedMoneySql } from '../sales/exchange-rates/currency-conversion';
import { insertQuoteLines, writeQuoteTotals } from '../sales/quotes/quote-totals';
import {
  ACCOUNTS,
  DEMO_CATALOGUE,
  DEMO_CATEGORIES,
  DEMO_COMPETITORS,
  DEMO_PARTNER,
  DEMO_PRODUCTS,
  DEMO_QUOTES,
  DEMO_TIERS,
  demoActivities,
  demoLeads,
  demoOpportunities,
  demoOrders,
  demoPassword,
  demoExchangeRates,
  demoUsdPrice,
  TEAMS,
  USERS,
} from './demo-organisation';

/**
 * Loads the demo organisation into an empty database (no users yet), in one transaction. Demo passwords are
 * fixed and public: never in production (main.ts refuses, and loadConfig never enables it there).
 */
export async function loadDemoDataIfEmpty(databaseUrl: string, baseCurrency = 'CNY'): Promise<boolean> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), entities: [] });
  await dataSource.initialize();
  try {
    // The password hashes are computed before the transaction: Argon2 is deliberately slow.
    const hashes = await Promise.all(USERS.map((u) => hashPassword(demoPassword(u.email))));
    return await dataSource.transaction(async (manager) => {
      // Serialises concurrent first starts (several replicas) on the same lock as the migrations' neighbour.
      await manager.query('select pg_advisory_xact_lock(7311043)');
      const [{ count }] = await manager.query('select count(*)::int as count from users');
      if (count > 0) return false;

      // The roles themselves come from a migration: they exist in production too.
      const storedRoles: Array<{ id: string; key: string }> = await manager.query('select id, key from roles');
      const roleIdByKey = new Map(storedRoles.map((r) => [r.key, r.id]));

      const teams = new Map<string, { id: string; path: string }>();
      for (const team of TEAMS) {
        const id = uuidv7();
        const parent = team.parent ? teams.get(team.parent) : undefined;
        const path = `${parent?.path ?? '/'}${id}/`;
        teams.set(team.code, { id, path });
        await manager.query('insert into teams (id, parent_id, path, code, name, name_en, kind) values ($1, $2, $3, $4, $5, $6, $7)', [
          id, parent?.id ?? null, path, team.code, team.name, team.nameEn, team.kind,
        ]);
      }

      const partnerId = uuidv7();
      await manager.query('insert into partner_accounts (id, name, name_en) values ($1, $2, $3)', [partnerId, DEMO_PARTNER.name, DEMO_PARTNER.nameEn]);

      const userIds = new Map(USERS.map((u) => [u.email, uuidv7()]));
      for (const [index, user] of USERS.entries()) {
        await manager.query(
          `insert into users (id, email, name, name_en, locale, team_id, partner_account_id, password_hash, password_changed_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
          [userIds.get(user.email), user.email, user.name, user.nameEn, user.locale, user.team ? teams.get(user.team)?.id : null, user.team ? null : partnerId, hashes[index]],
        );
        await manager.query('insert into user_roles (user_id, role_id) values ($1, $2)', [userIds.get(user.email), roleIdByKey.get(user.role)]);
      }
      for (const user of USERS) {
        if (user.manager) await manager.query('update users set manager_id = $2 where id = $1', [userIds.get(user.email), userIds.get(user.manager)]);
      }
      const teamOf = new Map(USERS.map((u) => [u.email, u.team ? (teams.get(u.team)?.id ?? null) : null]));
      const accountIds: string[] = [];
      const contactIds: string[] = [];
      for (const account of ACCOUNTS) {
        const accountId = uuidv7();
        accountIds.push(accountId);
        await manager.query(
          `insert into accounts (id, name, industry, region, phone, email, owner_id, team_id, partner_account_id, owner_only_edit, restricted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [accountId, account.name, account.industry, account.region, account.phone, account.email, userIds.get(account.owner), teamOf.get(account.owner),
            account.partner ? partnerId : null, account.ownerOnlyEdit ?? false, account.restricted ?? false],
        );
        const { contact } = account;
        const contactId = uuidv7();
        contactIds.push(contactId);
        await manager.query(
          `insert into contacts (id, account_id, name, title, phone, email, owner_id, team_id, partner_account_id, restricted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [contactId, accountId, contact.name, contact.title, contact.phone, contact.email, userIds.get(account.owner), teamOf.get(account.owner),
            account.partner ? partnerId : null, account.restricted ?? false],
        );
      }
      // Opportunities on the default pipeline (created by a migration), with the stage history that led them there.
      const stages: Array<{ id: string; pipeline_id: string; probability: number }> = await manager.query(
        'select s.id, s.pipeline_id, s.probability from pipeline_stages s join pipelines p on p.id = s.pipeline_id where p.is_default order by s.position',
      );
      const opportunities = stages.length === 6 ? demoOpportunities() : [];
      for (const [index, o] of opportunities.entries()) {
        const account = ACCOUNTS[o.account];
        const stage = stages[o.stage];
        const opportunityId = uuidv7();
        const closeDate = `${o.closeMonth < 2 ? 2026 : 2027}-${String(((o.closeMonth + 10) % 12) + 1).padStart(2, '0')}-${String(5 + ((index * 3) % 23)).padStart(2, '0')}`;
        const currency = account.partner && index % 2 === 0 ? 'USD' : 'CNY';
        const competitors = [DEMO_COMPETITORS[index % DEMO_COMPETITORS.length], ...(index % 3 === 0 ? [DEMO_COMPETITORS[(index + 2) % DEMO_COMPETITORS.length]] : [])];
        // Day by day from a fixed start, so the history reads naturally and the data stays deterministic.
        const createdAt = new Date(Date.UTC(2026, 8, 1 + index));
        await manager.query(
          `insert into opportunities (id, name, account_id, pipeline_id, stage_id, amount, currency, probability, expected_close_date, competitors, description,
                                      owner_id, team_id, partner_account_id, owner_only_edit, restricted, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6::numeric * $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)`,
          [opportunityId, `${account.name.slice(0, 6)} ${o.name}`, accountIds[o.account], stage.pipeline_id, stage.id, DEMO_PRODUCTS[o.product][2], o.quantity, currency, stage.probability,
            closeDate, competitors, null, userIds.get(account.owner), teamOf.get(account.owner), account.partner ? partnerId : null,
            o.first && (account.ownerOnlyEdit ?? false), account.restricted ?? false, createdAt],
        );
        // Open stages are reached one after the other; a lost one was lost from the stage before it.
        const path = o.stage <= 4 ? stages.slice(0, o.stage + 1) : [stages[0], stages[1], stages[5]];
        for (const [step, to] of path.entries()) {
          await manager.query(
            'insert into opportunity_stage_history (id, opportunity_id, from_stage_id, to_stage_id, changed_by, changed_at) values ($1, $2, $3, $4, $5, $6)',
            [uuidv7(), opportunityId, step === 0 ? null : path[step - 1].id, to.id, userIds.get(account.owner), new Date(createdAt.getTime() + step * 86_400_000 * 3)],
          );
        }
      }
      // Activities around today (10:00 China time = 02:00 UTC), owned like their account.
      const today = new Date();
      today.setUTCHours(2, 0, 0, 0);
      const activities = demoActivities();
      for (const a of activities) {
        const account = ACCOUNTS[a.account];
        const dueAt = new Date(today.getTime() + a.day * 86_400_000);
        await manager.query(
          `insert into activities (id, kind, subject, status, priority, due_at, duration_minutes, location, outcome, completed_at, related_type, related_id, account_id,
                                   owner_id, team_id, partner_account_id, restricted)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [uuidv7(), a.kind, a.subject, a.status, a.priority, dueAt, a.durationMinutes ?? null, a.location ?? null, a.outcome ?? null, a.status === 'done' ? dueAt : null,
            a.aboutContact ? 'contact' : 'account', a.aboutContact ? contactIds[a.account] : accountIds[a.account], accountIds[a.account],
            userIds.get(account.owner), teamOf.get(account.owner), account.partner ? partnerId : null, account.restricted ?? false],
        );
      }
      const leads = demoLeads();
      for (const [index, lead] of leads.entries()) {
        const partner = lead.owner === 'partner@lianxi.test';
        const createdAt = new Date(Date.UTC(2026, 9, 1, 8 + (index % 10), index % 60));
        await manager.query(
          `insert into leads (id, name, company, title, phone, email, source, status, disqualified_reason, rating, region, industry,
                              owner_id, team_id, partner_account_id, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
          [uuidv7(), lead.name, lead.company, lead.title, lead.phone, lead.email, lead.source, lead.status, lead.disqualifiedReason, lead.rating, lead.region,
            lead.industry, userIds.get(lead.owner), teamOf.get(lead.owner), partner ? partnerId : null, new Date(createdAt.getTime() + index * 3_600_000)],
        );
      }
      const products = await loadDemoCatalogue(manager);
      await loadDemoExchangeRates(manager, baseCurrency);
      const quotes = await loadDemoQuotes(manager, {
        accountIds, userIds, teamOf, partnerId,
        teamPath: (email) => { const code = USERS.find((u) => u.email === email)?.team; return code ? (teams.get(code)?.path ?? null) : null; },
      });
      const orderRefs = { accountIds, ownerIds: ACCOUNTS.map((a) => userIds.get(a.owner) as string), teamOf: ACCOUNTS.map((a) => teamOf.get(a.owner) ?? null), partnerId, financeId: userIds.get('finance@lianxi.test') ?? null, baseCurrency };
      const orders = (await loadDemoOrders(manager, orderRefs)) + (await loadDemoPurchaseHistories(manager, orderRefs));
      await manager.query(
        `insert into audit_events (id, category, action, details) values ($1, 'security', 'system.demo_data_loaded', $2)`,
        [uuidv7(), JSON.stringify({ users: USERS.length, teams: TEAMS.length, accounts: ACCOUNTS.length, opportunities: opportunities.length, activities: activities.length, leads: leads.length, products, quotes, orders })],
      );
      return true;
    });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A line's cost as the API writes it (order.service.ts): its product's cost in the order's currency at the order
 * day's rates ($11: the base currency), null without a rate.
 */
const LINE_COST = convertedMoneySql('p.cost_price', 'p.cost_currency', 'o.currency', 'o.order_date', '$11::text');

/**
 * The demo's monthly USD rates (demoExchangeRates: illustrative figures, not market data), covering its order
 * history. They are CNY per USD, so they are loaded only when CNY is the base currency (the default); with another
 * base the demo's USD lines stay uncosted until finance enters rates.
 */
async function loadDemoExchangeRates(manager: EntityManager, baseCurrency: string): Promise<void> {
  if (baseCurrency !== 'CNY') return;
  const [{ today }]: Array<{ today: string }> = await manager.query(`select to_char(current_date, 'YYYY-MM-DD') as today`);
  const rates = demoExchangeRates(today);
  await manager.query(
    `insert into exchange_rates (currency, valid_from, rate) select * from unnest($1::text[], $2::date[], $3::numeric[])`,
    [rates.map((r) => r.currency), rates.map((r) => r.validFrom), rates.map((r) => r.rate)],
  );
}

/**
 * The machinery maker's catalogue: the category tree, ~40 products, the 2026 CNY list (default, with quantity
 * tiers), an expired 2025 CNY list and the 2026 USD export list (default for USD). Answers the number of products.
 */
async function loadDemoCatalogue(manager: EntityManager): Promise<number> {
  const categories = new Map<string, { id: string; path: string }>();
  for (const [position, [key, parentKey, name, nameEn]] of DEMO_CATEGORIES.entries()) {
    const id = uuidv7();
    const parent = parentKey ? categories.get(parentKey) : undefined;
    const path = `${parent?.path ?? '/'}${id}/`;
    categories.set(key, { id, path });
    await manager.query('insert into product_categories (id, parent_id, path, name, name_en, position) values ($1, $2, $3, $4, $5, $6)', [id, parent?.id ?? null, path, name, nameEn, position]);
  }
  const productIds = new Map<string, string>();
  for (const [code, category, name, nameEn, unit, , cost, active] of DEMO_CATALOGUE) {
    const id = uuidv7();
    productIds.set(code, id);
    await manager.query(
      'insert into products (id, code, name, name_en, category_id, unit, active, description, cost_price) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [id, code, name, nameEn, categories.get(category)?.id, unit, active, null, cost],
    );
  }
  const list = async (name: string, currency: string, validFrom: string, validTo: string | null, isDefault: boolean, description: string | null) => {
    const id = uuidv7();
    await manager.query('insert into price_lists (id, name, currency, valid_from, valid_to, is_default, description) values ($1, $2, $3, $4, $5, $6, $7)', [
      id, name, currency, validFrom, validTo, isDefault, description,
    ]);
    return id;
  };
  const entry = async (listId: string, code: string, price: string, tiers: Array<[number, string]>) => {
    const entryId = uuidv7();
    await manager.query('insert into price_list_entries (id, price_list_id, product_id, list_price) values ($1, $2, $3, $4)', [entryId, listId, productIds.get(code), price]);
    for (const [minQuantity, tierPrice] of tiers) await manager.query('insert into price_list_tiers (entry_id, min_quantity, price) values ($1, $2, $3)', [entryId, minQuantity, tierPrice]);
  };
  const cny2026 = await list('2026 国内标准价目表', 'CNY', '2026-01-01', null, true, '含增值税 13%');
  const cny2025 = await list('2025 国内价目表（已过期）', 'CNY', '2025-01-01', '2025-12-31', false, null);
  const usd2026 = await list('2026 Export price list', 'USD', '2026-01-01', '2026-12-31', true, 'FOB Shanghai');
  for (const [code, category, , , , price] of DEMO_CATALOGUE) {
    await entry(cny2026, code, price, DEMO_TIERS[code] ?? []);
    // Last year's list: 5 % lower, without tiers, machines only.
    if (!category.startsWith('PRT') && category !== 'SVC') await entry(cny2025, code, ((BigInt(price.replace('.', '')) * 95n) / 100n / 100n).toString() + '.00', []);
    // The export list sells machines and parts, not service contracts.
    if (category !== 'SVC') await entry(usd2026, code, demoUsdPrice(price), (DEMO_TIERS[code] ?? []).map(([q, p]) => [q, demoUsdPrice(p)]));
  }
  return DEMO_CATALOGUE.length;
}

/**
 * Orders across the demo accounts (owned like their account) with lines priced from the 2026 CNY list, payments
 * recorded by finance and the status history that led each order where it is; open orders overdue in every bucket
 * relative to the load day. Answers the number of orders.
 */
async function loadDemoOrders(
  manager: EntityManager,
  refs: { accountIds: string[]; ownerIds: string[]; teamOf: Array<string | null>; partnerId: string; financeId: string | null; baseCurrency: string },
): Promise<number> {
  const catalogue: Array<{ id: string; name: string; list_price: string }> = await manager.query(
    `select p.id, p.name, e.list_price::text as list_price from price_list_entries e join price_lists l on l.id = e.price_list_id join products p on p.id = e.product_id
      where l.is_default and l.currency = 'CNY' and p.active order by p.code`,
  );
  if (catalogue.length < 13) return 0;
  const chain = ['ordered', 'partly_paid', 'paid', 'shipped', 'delivered', 'confirmed'];
  const orders = demoOrders();
  for (const o of orders) {
    const account = ACCOUNTS[o.account];
    const lines = o.lines.map(([product, quantity, discountPercent]) => {
      const row = catalogue[product];
      return { productId: row.id, description: row.name, quantity, listPrice: row.list_price, discountPercent, ...priceLine({ quantity, listPrice: row.list_price, discountPercent }) };
    });
    const totals = orderTotals(lines.map((l) => l.lineTotal), '13');
    const total = toScaled(totals.total, 2);
    const paid = o.status === 'ordered' || o.status === 'cancelled' ? 0n : o.status === 'partly_paid' ? divideRounded(total * 3n, 10n) : total;
    const orderId = uuidv7();
    const [{ day }]: Array<{ day: string }> = await manager.query(`select to_char(current_date - $1::int, 'YYYY-MM-DD') as day`, [30 + o.daysOverdue]);
    const orderedAt = new Date(`${day}T02:00:00Z`);
    await manager.query(
      `insert into orders (id, number, account_id, currency, status, order_date, payment_terms_days, tax_rate, subtotal, tax_amount, total, paid_amount,
                           owner_id, team_id, partner_account_id, restricted, created_at, updated_at)
       values ($1, 'SO-' || to_char($5::date, 'YYYY') || '-' || lpad(nextval('order_number_seq')::text, 6, '0'), $2, 'CNY', $3, $5, 30, '13', $6, $7, $8, $9, $10, $11, $12, $13, $4, $4)`,
      [orderId, refs.accountIds[o.account], o.status, orderedAt, day, totals.subtotal, totals.taxAmount, totals.total, fromScaled(paid, 2),
        refs.ownerIds[o.account], refs.teamOf[o.account], account.partner ? refs.partnerId : null, account.restricted ?? false],
    );
    for (const [position, line] of lines.entries()) {
      await manager.query(
        // The line keeps its product's cost of the day, as the API writes it.
        `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total, unit_cost)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (select ${LINE_COST} from products p, orders o where p.id = $4 and o.id = $2))`,
        [uuidv7(), orderId, position, line.productId, line.description, line.quantity, line.listPrice, line.discountPercent, line.netPrice, line.lineTotal, refs.baseCurrency],
      );
    }
    if (paid > 0n) {
      await manager.query(`insert into payments (id, order_id, amount, currency, paid_at, method, reference, recorded_by, created_at) values ($1, $2, $3, 'CNY', $4::date + 7, 'bank_transfer', $5, $6, $7)`, [
        uuidv7(), orderId, fromScaled(paid, 2), day, `DEMO-${orderId.slice(-6)}`, refs.financeId, new Date(orderedAt.getTime() + 7 * 86_400_000),
      ]);
    }
    // The steps that led here, two days apart (payments by finance, the rest by the owner).
    const steps = o.status === 'cancelled' ? ['ordered', 'cancelled'] : chain.slice(0, chain.indexOf(o.status) + 1).filter((s) => !(s === 'partly_paid' && o.status !== 'partly_paid'));
    for (const [index, step] of steps.entries()) {
      const by = step === 'partly_paid' || step === 'paid' ? refs.financeId : refs.ownerIds[o.account];
      await manager.query('insert into order_status_history (id, order_id, from_status, to_status, changed_by, changed_at) values ($1, $2, $3, $4, $5, $6)', [
        uuidv7(), orderId, index === 0 ? null : steps[index - 1], step, by, new Date(orderedAt.getTime() + index * 2 * 86_400_000),
      ]);
    }
  }
  return orders.length;
}

/**
 * How each hand-written account bought before this year's orders (days before the load day of each past order, and
 * the quantity of its machine), so the customer metrics show something true: a steady loyal buyer, a growing one, a
 * declining one, a big-ticket buyer twice a year, a single project order long ago, a new customer (no history) and a
 * distributor's growing customer. Every ninth order was cancelled.
 */
function demoPurchaseHistory(account: number): Array<[daysAgo: number, quantity: string]> {
  const series = (from: number, to: number, gap: (n: number) => number, quantity: (n: number) => string) => {
    const days: Array<[number, string]> = [];
    for (let day = from, n = 0; day >= to; day -= gap(n), n++) days.push([day, quantity(n)]);
    return days;
  };
  switch (account) {
    case 0: return series(1790, 120, (n) => 85 + (n % 3) * 10, () => '1');
    case 1: return series(1080, 90, (n) => Math.max(45, 200 - n * 20), (n) => String(1 + Math.floor(n / 4)));
    case 2: return series(1800, 480, (n) => 50 + n * 18, () => '2');
    case 3: return series(1750, 150, () => 182, () => '3');
    case 4: return [[1460, '6']];
    case 5: return [];
    default: return series(700, 75, (n) => Math.max(40, 120 - n * 10), () => '1');
  }
}

/**
 * The purchase histories (demoPurchaseHistory) as completed orders: priced from the 2026 CNY list, paid in full 20
 * days after the order, shipped, delivered and confirmed; every line keeps its product's cost. Bulk inserts (a handful
 * of statements for every order). Answers the number of orders.
 */
async function loadDemoPurchaseHistories(
  manager: EntityManager,
  refs: { accountIds: string[]; ownerIds: string[]; teamOf: Array<string | null>; partnerId: string; financeId: string | null; baseCurrency: string },
): Promise<number> {
  const catalogue: Array<{ id: string; name: string; list_price: string }> = await manager.query(
    `select p.id, p.name, e.list_price::text as list_price from price_list_entries e join price_lists l on l.id = e.price_list_id
       join products p on p.id = e.product_id where l.is_default and l.currency = 'CNY' and p.active order by p.code`,
  );
  if (catalogue.length < 13) return 0;
  const [{ today }]: Array<{ today: string }> = await manager.query(`select to_char(current_date, 'YYYY-MM-DD') as today`);
  const base = Date.parse(`${today}T00:00:00Z`);
  const dayOf = (daysAgo: number) => new Date(base - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const orders: unknown[][] = [];
  const lines: unknown[][] = [];
  const payments: unknown[][] = [];
  const history: unknown[][] = [];
  let n = 0;
  for (let account = 0; account < ACCOUNTS.length; account++) {
    for (const [daysAgo, quantity] of demoPurchaseHistory(account)) {
      const id = uuidv7();
      const cancelled = ++n % 9 === 0;
      // A machine, and a spare-parts kit or a service contract with every other order.
      const products = [catalogue[(account * 3 + n) % 13], ...(n % 2 ? [catalogue[(n % 3) + 10]] : [])];
      const priced = products.map((product, position) => ({ product, position, quantity: position ? '1' : quantity, discountPercent: String((n % 4) * 2.5), ...priceLine({ quantity: position ? '1' : quantity, listPrice: product.list_price, discountPercent: String((n % 4) * 2.5) }) }));
      const totals = orderTotals(priced.map((l) => l.lineTotal), '13');
      const at = (after: number) => new Date(base - (daysAgo - after) * 86_400_000 + 2 * 3_600_000);
      const account_ = ACCOUNTS[account];
      orders.push([id, refs.accountIds[account], cancelled ? 'cancelled' : 'confirmed', dayOf(daysAgo), totals.subtotal, totals.taxAmount, totals.total, cancelled ? '0' : totals.total,
        refs.ownerIds[account], refs.teamOf[account], account_.partner ? refs.partnerId : null, account_.restricted ?? false, at(0), at(cancelled ? 3 : 32)]);
      for (const l of priced) lines.push([uuidv7(), id, l.position, l.product.id, l.product.name, l.quantity, l.product.list_price, l.discountPercent, l.netPrice, l.lineTotal]);
      const steps: Array<[string, number, string | null]> = cancelled
        ? [['ordered', 0, refs.ownerIds[account]], ['cancelled', 3, refs.ownerIds[account]]]
        : [['ordered', 0, refs.ownerIds[account]], ['paid', 20, refs.financeId], ['shipped', 24, refs.ownerIds[account]], ['delivered', 28, refs.ownerIds[account]], ['confirmed', 32, refs.ownerIds[account]]];
      for (const [index, [status, after, by]] of steps.entries()) history.push([uuidv7(), id, index ? steps[index - 1][0] : null, status, by, at(after)]);
      if (!cancelled) payments.push([uuidv7(), id, totals.total, dayOf(daysAgo - 20), `DEMO-${id.slice(-6)}`, refs.financeId, at(20)]);
    }
  }
  const column = (rows: unknown[][], index: number) => rows.map((row) => row[index]);
  const columns = (rows: unknown[][], count: number) => Array.from({ length: count }, (_, index) => column(rows, index));
  // Numbered in date order, like the API would have numbered them then.
  await manager.query(
    `insert into orders (id, number, account_id, currency, status, order_date, payment_terms_days, tax_rate, subtotal, tax_amount, total, paid_amount,
                         owner_id, team_id, partner_account_id, restricted, created_at, updated_at)
     select id, 'SO-' || to_char(day, 'YYYY') || '-' || lpad(nextval('order_number_seq')::text, 6, '0'), account_id, 'CNY', status, day, 30, 13, subtotal, tax, total, paid,
            owner_id, team_id, partner_id, restricted, created_at, updated_at
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::uuid[], $10::uuid[], $11::uuid[], $12::boolean[], $13::timestamptz[], $14::timestamptz[])
            as t(id, account_id, status, day, subtotal, tax, total, paid, owner_id, team_id, partner_id, restricted, created_at, updated_at)
      order by day, id`,
    columns(orders, 14),
  );
  await manager.query(
    `insert into order_lines (id, order_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total, unit_cost)
     select l.id, l.order_id, l.position, l.product_id, l.description, l.quantity, l.list_price, l.discount_percent, l.net_price, l.line_total, ${LINE_COST}
       from unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[])
            as l(id, order_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total)
       join orders o on o.id = l.order_id join products p on p.id = l.product_id`,
    [...columns(lines, 10), refs.baseCurrency],
  );
  await manager.query(
    `insert into payments (id, order_id, amount, currency, paid_at, method, reference, recorded_by, created_at)
     select id, order_id, amount, 'CNY', paid_at, 'bank_transfer', reference, recorded_by, created_at
       from unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::date[], $5::text[], $6::uuid[], $7::timestamptz[]) as t(id, order_id, amount, paid_at, reference, recorded_by, created_at)`,
    columns(payments, 7),
  );
  await manager.query(
    `insert into order_status_history (id, order_id, from_status, to_status, changed_by, changed_at)
     select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[])`,
    columns(history, 6),
  );
  return orders.length;
}

/**
 * The demo quotes (DEMO_QUOTES) on the 2026 CNY list, priced by the same SQL as the API (quote-totals.ts), with the
 * approval history that led to their status. Answers how many.
 */
async function loadDemoQuotes(
  manager: EntityManager,
  ids: { accountIds: string[]; userIds: Map<string, string>; teamOf: Map<string, string | null>; partnerId: string; teamPath: (email: string) => string | null },
): Promise<number> {
  const catalogue: Array<{ id: string; name: string; list_price: string }> = await manager.query(
    `select p.id, p.name, e.list_price::text as list_price from products p
       join price_list_entries e on e.product_id = p.id join price_lists l on l.id = e.price_list_id
      where l.is_default and l.currency = 'CNY' and p.active order by p.code`,
  );
  if (!catalogue.length) return 0;
  for (const [index, q] of DEMO_QUOTES.entries()) {
    const account = ACCOUNTS[q.account];
    const owner = ids.userIds.get(account.owner) as string;
    const id = uuidv7();
    const createdAt = new Date(Date.UTC(2026, 10, 1 + index, 2));
    await manager.query(
      `insert into quotes (id, number, revision, account_id, currency, valid_until, status, tax_rate, notes, approval_role, approval_team_path, submitted_at, decided_at, sent_at,
                           owner_id, team_id, partner_account_id, owner_only_edit, restricted, created_at, updated_at)
       values ($1, $2, 1, $3, 'CNY', current_date + 30 + $4::int, $5, 13, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
      [id, `Q-2026-${String(index + 1).padStart(6, '0')}`, ids.accountIds[q.account], index % 5, q.status, index % 3 === 0 ? '含运费及安装调试。' : null,
        q.status === 'pending_approval' ? (q.approver === 'director@lianxi.test' ? 'sales_director' : 'sales_manager') : null,
        q.status === 'pending_approval' ? ids.teamPath(account.owner) : null,
        q.status === 'draft' ? null : createdAt, ['approved', 'rejected', 'sent'].includes(q.status) ? createdAt : null, q.status === 'sent' ? createdAt : null,
        owner, ids.teamOf.get(account.owner), account.partner ? ids.partnerId : null, (q.first && account.ownerOnlyEdit) ?? false, account.restricted ?? false, createdAt],
    );
    await insertQuoteLines(
      manager,
      id,
      q.lines.map(([product, quantity, discount]) => {
        const p = catalogue[product % catalogue.length];
        return { id: uuidv7(), productId: p.id, description: p.name, quantity, listPrice: p.list_price, discountPercent: discount };
      }),
    );
    await writeQuoteTotals(manager, id);
    if (q.status === 'draft') continue;
    const [{ max }]: Array<{ max: string }> = await manager.query('select max_discount_percent::text as max from quotes where id = $1', [id]);
    const role = q.approver === 'director@lianxi.test' ? 'sales_director' : q.approver ? 'sales_manager' : null;
    const history = (action: string, actor: string, at: number, comment: string | null = null) =>
      manager.query('insert into quote_approvals (id, quote_id, action, approver_role, max_discount_percent, comment, actor_id, occurred_at) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        uuidv7(), id, action, action === 'auto_approved' ? null : role, max, comment, actor, new Date(createdAt.getTime() + at * 3_600_000),
      ]);
    if (!q.approver) {
      await history('auto_approved', owner, 0);
      continue;
    }
    await history('submitted', owner, 0);
    if (q.status !== 'pending_approval') await history(q.status, ids.userIds.get(q.approver) as string, 5, q.comment ?? null);
  }
  // The API numbers the next quotes after the demo's.
  await manager.query(`select setval('quote_number_seq', $1)`, [DEMO_QUOTES.length]);
  return DEMO_QUOTES.length;
}
